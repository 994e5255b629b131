#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""IKEv2 datagrams for the lab.

Usage: ikecraft.py garbage DST      each kind of malformed datagram once
       ikecraft.py halfopen DST     a valid IKE_SA_INIT request, then silence
       ikecraft.py critical DST     an IKE_SA_INIT request with an unknown
                                    critical payload: the answer must be
                                    UNSUPPORTED_CRITICAL_PAYLOAD naming it
       ikecraft.py replay PCAP      the first IKE_AUTH request in PCAP, again,
                                    to where it went
       ikecraft.py flood DST NET N S R
                                    at most N valid IKE_SA_INIT requests in
                                    at most S seconds, R a second at most,
                                    each from another address of NET
                                    (spoofed, raw socket), SPI and nonce;
                                    prints the count and rate
"""
import ipaddress
import os
import socket
import struct
import sys
import time


def hdr(ispi, rspi, np, exch, flags, msgid, length, version=0x20):
    return struct.pack("!QQBBBBII", ispi, rspi, np, version, exch, flags,
                       msgid, length)


def payload(np, body, critical=0):
    return struct.pack("!BBH", np, critical, 4 + len(body)) + body


def kinds():
    spi = int.from_bytes(os.urandom(8), "big") | 1
    nonce = payload(0, os.urandom(32))
    yield "truncated header", os.urandom(10)
    m = hdr(spi, 0, 40, 34, 0x08, 0, 1000) + nonce
    yield "length field larger than the datagram", m
    m = hdr(spi, 0, 40, 34, 0x08, 0, 0xFFFFFFFF) + nonce
    yield "length field of 4 GiB", m
    body = nonce
    m = hdr(spi, 0, 40, 34, 0x08, 0, 28 + len(body), version=0x30) + body
    yield "major version 3", m
    bad = struct.pack("!BBH", 0, 0, 400) + os.urandom(20)
    m = hdr(spi, 0, 40, 34, 0x08, 0, 28 + len(bad)) + bad
    yield "payload running past the end", m
    crit = payload(0, b"\x00" * 8, critical=0x80)
    m = hdr(spi, 0, 200, 34, 0x08, 0, 28 + len(crit)) + crit
    yield "unknown critical payload", m
    sk = payload(0, os.urandom(64))
    m = hdr(spi, spi ^ 0x5A5A, 46, 35, 0x08, 1, 28 + len(sk)) + sk
    yield "unknown SPI", m
    prop = struct.pack("!BBHBBBB", 0, 0, 99, 1, 1, 0, 4)
    sa = payload(40, prop)
    m = hdr(spi, 0, 33, 34, 0x08, 0, 28 + len(sa) + len(nonce)) + sa + nonce
    yield "SA payload with a broken proposal", m
    yield "random bytes", os.urandom(500)


def garbage(dst):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    n = 0
    for what, data in kinds():
        s.sendto(data, (dst, 500))
        n += 1
    print(f"sent {n} malformed datagrams")
    return 0


def transform(last, ttype, tid, keylen=None):
    attrs = struct.pack("!HH", 0x800E, keylen) if keylen else b""
    return struct.pack("!BBHBBH", 0 if last else 3, 0, 8 + len(attrs),
                       ttype, 0, tid) + attrs


def init_request(nonce=None):
    """AES-GCM-128, PRF-HMAC-SHA256, ECP-256: what the lab's configuration
    accepts by default. The SPI is the first 8 octets, the nonce the last
    32."""
    from cryptography.hazmat.primitives.asymmetric import ec
    key = ec.generate_private_key(ec.SECP256R1())
    nums = key.public_key().public_numbers()
    pub = nums.x.to_bytes(32, "big") + nums.y.to_bytes(32, "big")
    trs = (transform(False, 1, 20, 128) + transform(False, 2, 5) +
           transform(True, 4, 19))
    prop = struct.pack("!BBHBBBB", 0, 0, 8 + len(trs), 1, 1, 0, 3) + trs
    sa = payload(34, prop)
    ke = payload(40, struct.pack("!HH", 19, 0) + pub)
    nonce = payload(0, nonce or os.urandom(32))
    body = sa + ke + nonce
    spi = int.from_bytes(os.urandom(8), "big") | 1
    return hdr(spi, 0, 33, 34, 0x08, 0, 28 + len(body)) + body


def halfopen(dst):
    """The responder must answer and then give up."""
    msg = init_request()
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(5)
    s.sendto(msg, (dst, 500))
    data, _ = s.recvfrom(65535)
    rspi = int.from_bytes(data[8:16], "big")
    print(f"answered: responder SPI {rspi:016X}, {len(data)} bytes")
    return 0 if rspi and data[16] == 33 else 1


def critical(dst):
    spi = int.from_bytes(os.urandom(8), "big") | 1
    crit = payload(40, b"\x00" * 8, critical=0x80)
    nonce = payload(0, os.urandom(32))
    body = crit + nonce
    msg = hdr(spi, 0, 200, 34, 0x08, 0, 28 + len(body)) + body
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(5)
    s.sendto(msg, (dst, 500))
    data, _ = s.recvfrom(65535)
    # header, then one notify: generic header, proto, spi size, type, data
    if len(data) < 28 + 9 or data[16] != 41:
        print("no notify in the answer")
        return 1
    ntype = int.from_bytes(data[34:36], "big")
    print(f"answered: notify {ntype}, data {data[36:].hex()}")
    return 0 if ntype == 1 and data[36:] == b"\xc8" else 1


def replay(pcap):
    from scapy.all import IP, UDP, rdpcap
    for pkt in rdpcap(pcap):
        if UDP not in pkt or pkt[UDP].dport != 500:
            continue
        dst = pkt[IP].dst
        data = bytes(pkt[UDP].payload)
        if len(data) >= 28 and data[18] == 35 and not data[19] & 0x20:
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.sendto(data, (dst, 500))
            print(f"replayed an IKE_AUTH request of {len(data)} bytes to {dst}")
            return 0
    print("no IKE_AUTH request in the capture")
    return 1


def flood(dst, net, count, seconds, rate):
    """Spoofed sources: IPv4 and UDP headers of our own (UDP checksum 0),
    the SPI and nonce new in each; one KE for all."""
    tmpl = bytearray(init_request())
    hosts = ipaddress.ip_network(net)
    nhosts = hosts.num_addresses - 2
    first = int(hosts.network_address) + 1
    dstb = socket.inet_aton(dst)
    udp = struct.pack("!HHHH", 500, 500, 8 + len(tmpl), 0)
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    start = time.monotonic()
    end = start + seconds
    n = 0
    while n < count:
        if not n % 64:
            now = time.monotonic()
            if now >= end:
                break
            ahead = start + n / rate - now
            if ahead > 0:
                time.sleep(ahead)
        rnd = os.urandom(40)
        tmpl[0:8] = rnd[0:8]
        tmpl[-32:] = rnd[8:40]
        src = struct.pack("!I", first + n % nhosts)
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 28 + len(tmpl), n & 0xFFFF,
                         0, 64, 17, 0, src, dstb)
        try:
            s.sendto(ip + udp + tmpl, (dst, 0))
        except OSError:
            time.sleep(0.001)
            continue
        n += 1
    took = max(time.monotonic() - start, 0.001)
    print(f"sent {n} spoofed IKE_SA_INIT requests in {took:.1f} s "
          f"({n / took:.0f}/s)")
    return 0 if n else 1


def main():
    if len(sys.argv) == 7 and sys.argv[1] == "flood":
        return flood(sys.argv[2], sys.argv[3], int(sys.argv[4]),
                     float(sys.argv[5]), float(sys.argv[6]))
    if len(sys.argv) == 3 and sys.argv[1] == "garbage":
        return garbage(sys.argv[2])
    if len(sys.argv) == 3 and sys.argv[1] == "halfopen":
        return halfopen(sys.argv[2])
    if len(sys.argv) == 3 and sys.argv[1] == "critical":
        return critical(sys.argv[2])
    if len(sys.argv) == 3 and sys.argv[1] == "replay":
        return replay(sys.argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
