#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Send hand-made ESP packets from the current network namespace.

    espcraft.py esp --src A --dst B --spi SPI --seq N --key HEX [options]
        an AES-GCM ESP packet (RFC 4106) carrying an ICMP echo request from
        --inner-src to --inner-dst, optionally damaged: --bad-pad,
        --pad-too-long, --nexthdr N, --wrong-key, --truncate LEN, --misalign
    espcraft.py replay PCAP --src A --dst B [--spi SPI]
        send again the ESP packets of a capture, as they were
    espcraft.py garbage --src A --dst B --spi SPI --count N
        random ESP of random lengths with that SPI

The keys are the test's own; this is how the tests reach the error paths
that a correct peer never takes.
"""
import argparse
import os
import random
import socket
import struct
import sys

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from scapy.all import ICMP, IP, rdpcap  # noqa: E402


def ip_packet(src, dst, proto, payload):
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 0, 0x4000,
                      64, proto, 0, socket.inet_aton(src),
                      socket.inet_aton(dst))
    return hdr + payload


def send(packets, dst):
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    for p in packets:
        s.sendto(p, (dst, 0))
    s.close()


def esp_gcm(a):
    key = bytes.fromhex(a.key)
    if a.wrong_key:
        key = bytes(b ^ 0x55 for b in key)
    inner = bytes(IP(src=a.inner_src, dst=a.inner_dst) / ICMP(id=7, seq=a.seq))
    nexthdr = 4 if a.nexthdr is None else a.nexthdr
    padlen = (-(len(inner) + 2)) % 4 or 4
    pad = bytes(range(1, padlen + 1))
    if a.bad_pad:
        pad = bytes([9] * padlen)
    trailer_padlen = padlen
    if a.pad_too_long:
        trailer_padlen = 250
    plain = inner + pad + bytes([trailer_padlen, nexthdr])
    iv = struct.pack("!Q", a.seq)
    aad = struct.pack("!II", a.spi, a.seq & 0xffffffff)
    ct = AESGCM(key[:-4]).encrypt(key[-4:] + iv, plain, aad)
    esp = aad + iv + ct
    if a.misalign:
        esp += b"\x00"
    if a.truncate is not None:
        esp = esp[:a.truncate]
    return esp


def main():
    p = argparse.ArgumentParser()
    p.add_argument("what", choices=["esp", "replay", "garbage"])
    p.add_argument("pcap", nargs="?")
    p.add_argument("--src", required=True)
    p.add_argument("--dst", required=True)
    p.add_argument("--spi", type=lambda x: int(x, 0))
    p.add_argument("--seq", type=int, default=1)
    p.add_argument("--key")
    p.add_argument("--inner-src", default="198.51.100.1")
    p.add_argument("--inner-dst", default="198.51.100.2")
    p.add_argument("--nexthdr", type=int)
    p.add_argument("--bad-pad", action="store_true")
    p.add_argument("--pad-too-long", action="store_true")
    p.add_argument("--wrong-key", action="store_true")
    p.add_argument("--misalign", action="store_true")
    p.add_argument("--truncate", type=int)
    p.add_argument("--count", type=int, default=1)
    a = p.parse_args()

    if a.what == "esp":
        send([ip_packet(a.src, a.dst, 50, esp_gcm(a))] * a.count, a.dst)
    elif a.what == "replay":
        pkts = []
        for pkt in rdpcap(a.pcap):
            if IP not in pkt or pkt[IP].proto != 50:
                continue
            ip = pkt[IP]
            if ip.src != a.src or ip.dst != a.dst:
                continue
            payload = bytes(ip.payload)
            if a.spi is not None and struct.unpack("!I", payload[:4])[0] != a.spi:
                continue
            pkts.append(ip_packet(a.src, a.dst, 50, payload))
        send(pkts, a.dst)
        print(len(pkts))
    else:
        rnd = random.Random(a.seq)
        pkts = []
        for _ in range(a.count):
            n = rnd.randrange(0, 200)
            body = struct.pack("!I", a.spi) + bytes(rnd.randrange(256) for _ in range(n))
            pkts.append(ip_packet(a.src, a.dst, 50, body))
        send(pkts, a.dst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
