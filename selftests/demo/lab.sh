#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The demo, inside the lab: two gateways on one "internet" link, each with a
# flexsec tunnel interface, and the lab's reference peers (strongSwan over
# Linux VTI) carrying traffic on the same kind of link.
#
#        netns hq                                  netns branch
#   +------------------------+              +------------------------+
#   | Tunnel0 (flexsec)      |              | Tunnel0 (flexsec)      |
#   | vti42 + charon         |=== IKE/ESP ==| vti42 + charon         |
#   | eth0 192.0.2.1/24      |---- veth ----| eth0 192.0.2.2/24      |
#   +------------------------+              +------------------------+
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../peers/charon.sh"
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

say "A flexsec tunnel interface on each gateway"
for gw in hq branch; do
	PROMPT="$gw" run ip -n $gw link add Tunnel0 type flexsec
	ip -n $gw link set Tunnel0 up
done
ip -n hq addr add 198.51.100.1/30 dev Tunnel0
ip -n branch addr add 198.51.100.2/30 dev Tunnel0
PROMPT=hq run ip -n hq -d addr show Tunnel0
say "No SA is installed yet, so Tunnel0 drops what is routed to it"
PROMPT=hq run on hq ping -c 2 -W 1 198.51.100.2 || true
PROMPT=hq run ip -n hq -s link show Tunnel0

say "The lab's reference peers: strongSwan IKEv2 (PSK) over Linux VTI"
for gw in hq branch; do
	if [ $gw = hq ]; then me=192.0.2.1 peer=192.0.2.2 in=203.0.113.1 id=hq.lab
	else me=192.0.2.2 peer=192.0.2.1 in=203.0.113.2 id=branch.lab; fi
	ip -n $gw link add vti42 type vti local $me remote $peer key 42
	on $gw sysctl -qw net.ipv4.conf.vti42.disable_policy=1
	ip -n $gw addr add $in/30 dev vti42
	ip -n $gw link set vti42 up
	mkdir -p "$(charon_dir $gw)"
	cat >"$(charon_dir $gw)/swanctl.conf" <<-CONF
	connections { demo {
		version = 2
		local_addrs = $me
		remote_addrs = $peer
		proposals = aes128gcm16-prfsha256-x25519
		mobike = no
		local { auth = psk
			id = $id }
		remote { auth = psk }
		children { vti {
			local_ts = 0.0.0.0/0
			remote_ts = 0.0.0.0/0
			esp_proposals = aes128gcm16-x25519
			mark_in = 42
			mark_out = 42
		} }
	} }
	secrets { ike-demo { id-hq = hq.lab
		id-branch = branch.lab
		secret = "demo secret" } }
	CONF
	charon_start $gw
done
charon_swanctl hq --initiate --child vti --timeout 60 >/dev/null
PROMPT=hq run charon_swanctl hq --list-sas
PROMPT=hq run on hq ping -c 3 -i 0.3 203.0.113.2
PROMPT=hq run ip -n hq -s link show vti42
say "Next: flexsecd negotiates the same tunnel on Tunnel0 (see Documentation/)"
