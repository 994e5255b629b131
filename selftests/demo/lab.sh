#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The demo, inside the lab: two gateways on one "internet" link, a flexsec
# VTI tunnel between them keyed by hand, traffic through it, and what
# flexsec shows of it.
#
#        netns hq                                  netns branch
#   +------------------------+              +------------------------+
#   | Tunnel0 198.51.100.1   |===== ESP ====| Tunnel0 198.51.100.2   |
#   | eth0 192.0.2.1/24      |---- veth ----| eth0 192.0.2.2/24      |
#   +------------------------+              +------------------------+
source "$(dirname "$0")/../lib.sh"
require_lab
lib_init
on_exit flexsec_unload
preload_ipsec

say() { printf '\n=== %s\n' "$*"; }
run() { printf '%s# %s\n' "${PROMPT:-}" "$*"; "$@" 2>&1 | sed 's/^/    /'; }

say "Two gateways, hq and branch, joined by a veth link"
host hq
host branch
link hq 192.0.2.1/24 branch 192.0.2.2/24

say "flexsec.ko on Linux $(uname -r)"
insmod "$MODULE"
run modinfo -F description "$MODULE"
dmesg | grep -m1 "flexsec:" | sed 's/^/    /'

say "A flexsec tunnel interface on each gateway (ip link add ... type flexsec)"
for gw in hq branch; do
	if [ $gw = hq ]; then me=192.0.2.1 peer=192.0.2.2 n=1; else me=192.0.2.2 peer=192.0.2.1 n=2; fi
	PROMPT="$gw" run ip -n $gw link add Tunnel0 type flexsec mode vti local $me remote $peer
	ip -n $gw addr add 198.51.100.$n/30 dev Tunnel0
	ip -n $gw link set Tunnel0 up
done
PROMPT=hq run ip -n hq -d link show Tunnel0

say "No SA yet: Tunnel0 drops what is routed to it, and asks for one"
PROMPT=hq run on hq ping -c 2 -W 1 198.51.100.2 || true

say "Manual keying: AES-GCM-128 SAs both ways (flexsec sa add)"
k1=$(hexkey 20 1) k2=$(hexkey 20 2)
PROMPT=hq run fx hq sa add dev Tunnel0 dir out spi 0x1000 enc aes-gcm-128 key "$k1"
PROMPT=hq run fx hq sa add dev Tunnel0 dir in spi 0x2000 enc aes-gcm-128 key "$k2"
PROMPT=branch run fx branch sa add dev Tunnel0 dir in spi 0x1000 enc aes-gcm-128 key "$k1"
PROMPT=branch run fx branch sa add dev Tunnel0 dir out spi 0x2000 enc aes-gcm-128 key "$k2"
PROMPT=hq run on hq ping -c 3 -i 0.3 198.51.100.2

say "What flexsec shows"
PROMPT=hq run fx hq tunnel show
PROMPT=hq run fx hq sa show
say "Next: flexsecd negotiates these SAs with IKEv2 (see Documentation/)"
