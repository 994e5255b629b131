#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Join a generic-netlink multicast group with a bare AF_NETLINK socket.

Usage: genljoin.py [--bind] [--family NAME] [--group NAME]

Asks the controller (nlctrl) for the group's id (family flexsec, group
events unless told), then joins it on a socket of its own: by
setsockopt(NETLINK_ADD_MEMBERSHIP), or with --bind by bind(2) with the
group's bit in nl_groups, which reaches only ids 1 to 32 (exit status 2 for
a higher id). Prints "joined GROUP (id N)" and exits 0, or prints the
error's name and text ("EPERM: Operation not permitted") and exits 1.
Nothing but the standard library, so that it runs as any user.
"""
import argparse
import errno
import os
import socket
import struct
import sys

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_ADD_MEMBERSHIP = 1
NLMSG_ERROR = 2
NLM_F_REQUEST = 1
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_NAME = 2
CTRL_ATTR_MCAST_GROUPS = 7
CTRL_ATTR_MCAST_GRP_NAME = 1
CTRL_ATTR_MCAST_GRP_ID = 2
NLA_TYPE_MASK = 0x3FFF


def attrs(buf):
    """The (type, payload) pairs of a run of netlink attributes."""
    off = 0
    while off + 4 <= len(buf):
        length, kind = struct.unpack_from("=HH", buf, off)
        if length < 4:
            break
        yield kind & NLA_TYPE_MASK, buf[off + 4:off + length]
        off += (length + 3) & ~3


def attr(kind, payload):
    hdr = struct.pack("=HH", 4 + len(payload), kind)
    return (hdr + payload).ljust((4 + len(payload) + 3) & ~3, b"\0")


def group_id(sk, family, group):
    """The id of FAMILY's multicast group GROUP, from the controller."""
    body = struct.pack("=BBH", CTRL_CMD_GETFAMILY, 1, 0) + \
        attr(CTRL_ATTR_FAMILY_NAME, family.encode() + b"\0")
    sk.send(struct.pack("=IHHII", 16 + len(body), GENL_ID_CTRL,
                        NLM_F_REQUEST, 1, 0) + body)
    msg = sk.recv(65536)
    length, kind = struct.unpack_from("=IH", msg)
    if kind == NLMSG_ERROR:
        err = -struct.unpack_from("=i", msg, 16)[0]
        raise OSError(err, f"family {family}: {os.strerror(err)}")
    for t, nest in attrs(msg[20:length]):
        if t != CTRL_ATTR_MCAST_GROUPS:
            continue
        for _, grp in attrs(nest):
            fields = dict(attrs(grp))
            name = fields.get(CTRL_ATTR_MCAST_GRP_NAME, b"").rstrip(b"\0")
            if name.decode() == group:
                return struct.unpack("=I", fields[CTRL_ATTR_MCAST_GRP_ID])[0]
    raise OSError(errno.ENOENT, f"family {family} has no group {group}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bind", action="store_true",
                    help="join by bind(2) instead of NETLINK_ADD_MEMBERSHIP")
    ap.add_argument("--family", default="flexsec")
    ap.add_argument("--group", default="events")
    a = ap.parse_args()
    ctl = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
    sk = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
    try:
        grp = group_id(ctl, a.family, a.group)
        if a.bind:
            if not 1 <= grp <= 32:
                print(f"group id {grp} is beyond the 32 bits of nl_groups")
                return 2
            sk.bind((0, 1 << (grp - 1)))
        else:
            sk.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, grp)
    except OSError as e:
        print(f"{errno.errorcode.get(e.errno, e.errno)}: {e.strerror}")
        return 1
    print(f"joined {a.group} (id {grp})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
