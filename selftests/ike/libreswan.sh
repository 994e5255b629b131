#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# flexsecd against Libreswan's pluto (an XFRM interface, ipsec-interface),
# with lifetimes short enough to watch on both sides (flexsecd -L): CHILD
# SAs of 30 s and IKE SAs of 60 s, so that both ends rekey both kinds. A
# ping every 50 ms crosses 5 CHILD SA rekeys and 2 IKE SA rekeys or more,
# losing at most one reply per CHILD SA rekey (pluto sends on the new SAs
# as it answers); one IKE SA is left at each end, and no DELETE is dropped
# as out of the window.
#
#        netns a                                 netns b
#   +------------------------+             +------------------------+
#   | flexsecd -L 10         |             | pluto                  |
#   | Tunnel0 198.51.100.1   |=== ESP =====| ipsec1 198.51.100.2    |
#   | eth0 192.0.2.1/24      |--- veth ----| eth0 192.0.2.2/24      |
#   +------------------------+             +------------------------+
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../peers/pluto.sh"
source "$(dirname "$0")/conf.sh"
require_lab
lib_init
preload_ipsec
flexsec_load
on_exit flexsec_unload

host a
host b
link a 192.0.2.1/24 b 192.0.2.2/24

check "Libreswan is unpacked (make deps)" pluto_available

mkdir -p "$(pluto_dir b)"
cat >"$(pluto_dir b)/ipsec.conf" <<CONF
config setup
	plutodebug=none

conn lab
	ikev2=insist
	authby=secret
	left=192.0.2.2
	right=192.0.2.1
	leftsubnet=0.0.0.0/0
	rightsubnet=0.0.0.0/0
	ipsec-interface=1
	leftupdown=%disabled
	ike=aes_gcm128-sha2_256;dh19
	esp=aes_gcm128
	pfs=no
	ikelifetime=60s
	salifetime=30s
	rekeymargin=10s
	rekeyfuzz=30%
	auto=add
CONF
echo '192.0.2.2 192.0.2.1 : PSK "lab secret"' >"$(pluto_dir b)/ipsec.secrets"

export FLEXSECD_ARGS="-L 10"
export IPS_EXTRA="set security-association lifetime seconds 30"
export PROF_EXTRA="lifetime 60"
TSET="esp-gcm 128" gw_conf "$WORK/a.conf" a 192.0.2.1 192.0.2.2 198.51.100.1 vti

trace_count() {
	fxd "$1" show monitor event-trace crypto ikev2 event all | grep -c "$2" || true
}

ping_lost() {
	on "$1" ping -q -i 0.05 -W 5 -w "$3" "$2" 2>/dev/null |
		sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\1 \2/p' |
		{ read -r tx rx; echo $((${tx:-1} - ${rx:-0})); }
}

check "pluto starts" pluto_start b
check "pluto loads the connection" pluto_add b lab
check "flexsecd starts" flexsecd_start a "$WORK/a.conf"
check "the IKE SA is up" ike_up a 40
check "pluto made its XFRM interface" wait_for 20 ip -n b link show ipsec1
ip -n b addr add 198.51.100.2/30 dev ipsec1
ip -n b link set ipsec1 up
check "the tunnel carries traffic" wait_for 30 on a ping -c 1 -W 1 198.51.100.2
lost=$(ping_lost a 198.51.100.2 130)
children=$(trace_count a "IPsec SAs .* rekeyed")
ikes=$(trace_count a "IKE SA rekeyed")
check "5 CHILD SA rekeys or more ($children)" test "$children" -ge 5
check "2 IKE SA rekeys or more ($ikes)" test "$ikes" -ge 2
# pluto sends on the new SA pair as soon as it answers a rekey, which
# may reach flexsecd before it has installed that pair's inbound SA: a
# reply lost now and then, at most one per rekey
diag "$lost pings lost across $children CHILD SA rekeys"
check "at most one ping lost per CHILD SA rekey (every 50 ms)" \
	test "$lost" -le "$children"
check "one IKE SA left on flexsecd" wait_for 20 sh -c \
	"[ \$(FLEXSEC_SOCKET=$WORK/a.sock ip netns exec a $FLEXSEC show crypto ikev2 sa | grep -c READY) = 1 ]"
check_output "no request dropped as out of the window" "^0$" sh -c \
	"grep -ci 'out of the window' $WORK/a.log || true"
check "the tunnel still carries traffic" on a ping -c 3 -i 0.3 -W 2 198.51.100.2
pluto_stop b
lib_done
