#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# IKEv2 and ESP over IPv6 outer addresses: flexsecd against flexsecd with
# a VTI of "tunnel mode ipsec ipv6" (IPv6 inside), one of "ipsec ipv6
# v4-overlay" (IPv4 inside, and no IPv6 on the tunnel: no router
# solicitation or MLD report into its SAs) and GRE of "tunnel mode gre
# ipv6" (both inside); a hub whose Virtual-Access serves a spoke over
# IPv6; then against strongSwan's charon (an XFRM
# interface on its side), flexsecd initiator and responder. tshark sees
# IKE on UDP 500 and ESP over IPv6 on the wire; show crypto ikev2 sa lists
# the SAs in its IPv6 section; nat force-encap over IPv6 fails, diagnosed.
#
#        netns a (fx)                            netns b (sw)
#   +------------------------+             +------------------------+
#   | flexsecd               |             | flexsecd / charon      |
#   | Tunnel0 2001:db8:100::1|=== ESP =====| 2001:db8:100::2        |
#   |         198.51.100.1   |             | 198.51.100.2           |
#   | eth0 2001:db8::1/64    |--- veth ----| eth0 2001:db8::2/64    |
#   +------------------------+             +------------------------+
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../peers/charon.sh"
require_lab
lib_init
preload_ipsec
flexsec_load
on_exit flexsec_unload

# v6link A B: a veth pair with 2001:db8::1 on A and ::2 on B, no DAD.
v6link() {
	ip link add eth0 netns "$1" type veth peer name eth0 netns "$2"
	ip -n "$1" addr add 2001:db8::1/64 dev eth0 nodad
	ip -n "$2" addr add 2001:db8::2/64 dev eth0 nodad
	ip -n "$1" link set eth0 up
	ip -n "$2" link set eth0 up
}

# gw6_conf FILE NAME ME PEER N MODE: flexsecd with Tunnel0 to PEER over
# IPv6, "tunnel mode MODE", inside 198.51.100.N/30 and (V6IN set)
# 2001:db8:100::N/64. PROF_EXTRA: a line in the IKEv2 profile; IPS_EXTRA
# one in the IPsec profile.
gw6_conf() {
	local f=$1 name=$2 me=$3 peer=$4 n=$5 mode=$6
	cat >"$f" <<-CONF
	! $name: flexsecd over IPv6, written by the lab
	crypto ikev2 proposal LAB
	 encryption aes-gcm-128
	 prf sha256
	 group 19
	!
	crypto ikev2 policy LAB
	 proposal LAB
	!
	crypto ikev2 keyring KEYS
	 peer PEER
	  address 2001:db8::/32
	  pre-shared-key lab secret
	!
	crypto ikev2 profile PROF
	 match identity remote address $peer/128
	 identity local address $me
	 authentication local pre-share
	 authentication remote pre-share
	 keyring local KEYS
	 ${PROF_EXTRA:-}
	!
	crypto ipsec transform-set TS esp-gcm 256
	!
	crypto ipsec profile IPS
	 set transform-set TS
	 set ikev2-profile PROF
	 ${IPS_EXTRA:-}
	!
	interface Tunnel0
	 ip address 198.51.100.$n 255.255.255.252
	 ${V6IN:+ipv6 address 2001:db8:100::$n/64}
	 tunnel source $me
	 tunnel destination $peer
	 tunnel mode $mode
	 tunnel protection ipsec profile IPS
	!
	end
	CONF
}

# both_conf MODE: the configurations of a and b.
both_conf() {
	gw6_conf "$WORK/a.conf" a 2001:db8::1 2001:db8::2 1 "$1"
	gw6_conf "$WORK/b.conf" b 2001:db8::2 2001:db8::1 2 "$1"
}

# in_v6_section HOST: HOST's show crypto ikev2 sa lists a READY SA in the
# IPv6 section with its IPv6 ends, and none in the IPv4 section.
in_v6_section() {
	fxd "$1" show crypto ikev2 sa >"$WORK/sa.txt" || return 1
	awk '/IPv6 Crypto IKEv2/ { v6 = 1 }
	     /READY/ { if (v6) r6++; else r4++ }
	     /^Local  2001:db8::/ { if (v6) l6++ }
	     END { exit !(r6 == 1 && !r4 && l6 == 1) }' "$WORK/sa.txt"
}

# json_v6 HOST PEER: the JSON has the SA in ipv6_ikev2_sas, with PEER.
json_v6() {
	fxd "$1" -j show crypto ikev2 sa | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert not d["ikev2_sas"], d
assert [s["remote"] for s in d["ipv6_ikev2_sas"]] == [sys.argv[1]], d
assert d["ipv6_ikev2_sas"][0]["status"] == "READY", d' "$2"
}

# tx_idle HOST: Tunnel0 sends nothing for 3 s with no traffic.
tx_idle() {
	local before after
	before=$(on "$1" cat /sys/class/net/Tunnel0/statistics/tx_packets)
	sleep 3
	after=$(on "$1" cat /sys/class/net/Tunnel0/statistics/tx_packets)
	[ "$before" = 0 ] && [ "$after" = 0 ]
}

# capture HOST FILE: tcpdump on HOST's eth0 into FILE (IPv6 only).
capture() {
	on "$1" tcpdump -i eth0 -U --immediate-mode -w "$2" ip6 >/dev/null 2>&1 &
	tcpdump_pid=$!
	on_exit "kill $tcpdump_pid 2>/dev/null"
	wait_for 10 test -s "$2"
}

capture_stop() {
	sleep 1
	kill "$tcpdump_pid" 2>/dev/null
	wait "$tcpdump_pid" 2>/dev/null
}

# seen FILE FILTER: tshark finds a packet of FILTER in FILE.
seen() {
	tshark -r "$1" -Y "$2" 2>/dev/null | grep -q .
}

# stop_both: both flexsecd stop, and their tunnels go (flexsecd leaves
# them): the next phase starts from fresh interfaces and counters.
stop_both() {
	flexsecd_stop a
	flexsecd_stop b
	ip -n a link del Tunnel0 2>/dev/null
	ip -n b link del Tunnel0 2>/dev/null
	return 0
}

host a
host b
v6link a b

# -- flexsecd <-> flexsecd: VTI, IPv6 overlay --
V6IN=1 both_conf "ipsec ipv6"
check "flexsecd -n accepts tunnels over IPv6" "$FLEXSECD" -n -f "$WORK/a.conf"
capture a "$WORK/v6.pcap"
check "VTI over IPv6: flexsecd starts on b" flexsecd_start b "$WORK/b.conf"
check "  and on a" flexsecd_start a "$WORK/a.conf"
check "VTI over IPv6: the IKE SA is READY on a" ike_up a
check "  and on b" ike_up b
check "  the CHILD SAs are in flexsec.ko" child_up a
check "ping -6 a -> b through Tunnel0" \
	wait_for 20 on a ping -6 -c 1 -W 1 2001:db8:100::2
check "ping -6 b -> a through Tunnel0" \
	on b ping -6 -c 3 -i 0.3 -W 2 2001:db8:100::1
capture_stop
check "show crypto ikev2 sa: in the IPv6 section, not the IPv4 one" in_v6_section a
check "  on b too" in_v6_section b
check "  and so in JSON" json_v6 a 2001:db8::2
check_output "show crypto ikev2 sa detailed: IPv6 identities" \
	"Local id: 2001:db8::1.*Remote id: 2001:db8::2" \
	fxd_line a show crypto ikev2 sa detailed
check_output "show crypto session: the peer and the IKE SA's ends" \
	"Peer: 2001:db8::2 port 500.*IKEv2 SA: local 2001:db8::1/500 remote 2001:db8::2/500" \
	fxd_line a show crypto session
check_output "show crypto ipsec sa: the IPv6 endpoints and selectors" \
	"local  ident \(addr/prefixlen/prot/port\): \(::/0/0/0\).*local crypto endpt.: 2001:db8::1, remote crypto endpt.: 2001:db8::2" \
	fxd_line a show crypto ipsec sa
check "tshark: IKE on UDP 500 over IPv6" \
	seen "$WORK/v6.pcap" "ipv6.src == 2001:db8::1 && udp.port == 500 && isakmp"
check "tshark: ESP over IPv6 both ways" sh -c \
	"tshark -r '$WORK/v6.pcap' -Y 'esp && ipv6.src == 2001:db8::1' 2>/dev/null | grep -q . &&
	 tshark -r '$WORK/v6.pcap' -Y 'esp && ipv6.src == 2001:db8::2' 2>/dev/null | grep -q ."
check_fail "tshark: no ESP in UDP" seen "$WORK/v6.pcap" "udp.port == 4500"
stop_both

# -- VTI over IPv6 carrying IPv4 (v4-overlay); no IPv6 on the tunnel --
both_conf "ipsec ipv6 v4-overlay"
check "v4-overlay: flexsecd starts on b" flexsecd_start b "$WORK/b.conf"
check "  and on a" flexsecd_start a "$WORK/a.conf"
check "v4-overlay: the IKE SA is READY" ike_up a
check "  the CHILD SAs are in flexsec.ko" child_up a
check "  and b's too" child_up b
check_output "Tunnel0 has IPv6 off" "^1$" on a cat /proc/sys/net/ipv6/conf/Tunnel0/disable_ipv6
check_fail "  and no IPv6 address, not even a link-local one" \
	sh -c "ip -n a -6 addr show dev Tunnel0 | grep -q inet6"
check "Tunnel0 sends nothing without traffic (no RS, no MLD report)" tx_idle a
check "  on b neither" tx_idle b
check "ping a -> b through Tunnel0 (IPv4 inside)" \
	on a ping -c 3 -i 0.3 -W 2 198.51.100.2
check_output "show crypto ipsec sa: IPv4 selectors" \
	"local  ident \(addr/mask/prot/port\): \(0\.0\.0\.0/0\.0\.0\.0/0/0\)" \
	fxd a show crypto ipsec sa
stop_both

# -- GRE over IPv6, IPv4 and IPv6 inside --
V6IN=1 both_conf "gre ipv6"
check "GRE over IPv6: flexsecd starts on b" flexsecd_start b "$WORK/b.conf"
check "  and on a" flexsecd_start a "$WORK/a.conf"
check "GRE over IPv6: the IKE SA is READY" ike_up a
check "ping a -> b through GRE" wait_for 20 on a ping -c 1 -W 1 198.51.100.2
check "ping -6 a -> b through GRE" wait_for 20 on a ping -6 -c 1 -W 1 2001:db8:100::2
check "ping -6 b -> a through GRE" on b ping -6 -c 3 -i 0.3 -W 2 2001:db8:100::1
check_output "GRE: transport mode between the IPv6 ends" \
	"2001:db8::1/128/47/0.*Transport" fxd_line a show crypto ipsec sa
check "show crypto ikev2 sa: the IPv6 section" in_v6_section a
stop_both

# -- nat force-encap over IPv6: refused, diagnosed --
PROF_EXTRA="nat force-encap" V6IN=1 both_conf "ipsec ipv6"
check_output "flexsecd -n warns of ESP in UDP over IPv6" \
	"ESP in UDP over IPv6 is not supported" "$FLEXSECD" -n -f "$WORK/a.conf"
check "nat force-encap: flexsecd starts on b" flexsecd_start b "$WORK/b.conf"
check "  and on a" flexsecd_start a "$WORK/a.conf"
check "b's exit-path table says ESP in UDP over IPv6 is not supported" \
	wait_for 20 sh -c "FLEXSEC_SOCKET=$WORK/b.sock ip netns exec b $FLEXSEC show crypto ikev2 diagnose error | grep -q 'ESP in UDP over IPv6 is not supported'"
check "  and its log" grep -q "ESP in UDP over IPv6 is not supported" "$WORK/b.log"
check_fail "  and no SA comes up" ike_up a 5
stop_both

# -- a hub over IPv6: b clones a Virtual-Access for spoke a --
V6IN=1 gw6_conf "$WORK/a.conf" a 2001:db8::1 2001:db8::2 1 "ipsec ipv6"
cat >"$WORK/b.conf" <<-CONF
	crypto ikev2 proposal LAB
	 encryption aes-gcm-128
	 prf sha256
	 group 19
	crypto ikev2 policy LAB
	 proposal LAB
	crypto ikev2 keyring KEYS
	 peer ANY
	  address ::/0
	  pre-shared-key lab secret
	crypto ikev2 profile HUB
	 match identity remote address 2001:db8::/32
	 authentication local pre-share
	 authentication remote pre-share
	 keyring local KEYS
	 virtual-template 1
	crypto ipsec transform-set TS esp-gcm 256
	crypto ipsec profile IPS
	 set transform-set TS
	 set ikev2-profile HUB
	 responder-only
	interface Virtual-Template1 type tunnel
	 ipv6 address 2001:db8:100::2/64
	 tunnel mode ipsec ipv6
	 tunnel protection ipsec profile IPS
	CONF
check "hub over IPv6: flexsecd starts on the hub b" flexsecd_start b "$WORK/b.conf"
check "  and on the spoke a" flexsecd_start a "$WORK/a.conf"
check "hub over IPv6: the spoke's IKE SA is READY" ike_up a
check "  ping -6 spoke -> hub through Virtual-Access1" \
	wait_for 20 on a ping -6 -c 1 -W 1 2001:db8:100::2
check "  ping -6 hub -> spoke" on b ping -6 -c 3 -i 0.3 -W 2 2001:db8:100::1
check_output "hub: Vi1 is a flexsec interface to the spoke over IPv6" \
	"flexsec.*2001:db8::1" sh -c "ip -n b -d link show dev Vi1 | tr '\n' ' '"
check_output "hub: show crypto session names Virtual-Access1 and the spoke" \
	"Interface: Virtual-Access1.*Peer: 2001:db8::1 port 500" \
	fxd_line b show crypto session
check "hub: the SA in the IPv6 section" in_v6_section b
flexsecd_stop a
flexsecd_stop b
ip -n a link del Tunnel0 2>/dev/null
ip -n b link del Vi1 2>/dev/null

# -- flexsecd <-> charon, IPv6 outer, IPv6 inside (an XFRM interface) --
ip -n b link add xfrm43 type xfrm dev eth0 if_id 43
ip -n b addr add 2001:db8:100::2/64 dev xfrm43 nodad
ip -n b addr add 198.51.100.2/30 dev xfrm43
ip -n b link set xfrm43 up

# sw_conf TS: charon's side, selectors TS each way.
sw_conf() {
	mkdir -p "$(charon_dir b)"
	cat >"$(charon_dir b)/swanctl.conf" <<-CONF
	connections {
		lab {
			version = 2
			local_addrs = 2001:db8::2
			remote_addrs = 2001:db8::1
			proposals = aes128gcm16-prfsha256-ecp256
			mobike = no
			local {
				auth = psk
			}
			remote {
				auth = psk
			}
			children {
				vti {
					local_ts = $1
					remote_ts = $1
					esp_proposals = aes256gcm16
					if_id_in = 43
					if_id_out = 43
				}
			}
		}
	}
	secrets {
		ike-lab {
			secret = "lab secret"
		}
	}
	CONF
}

# sw_suite ROLE MODE TS PING...: flexsecd as ROLE with "tunnel mode MODE",
# charon with TS; the PING runs on a.
sw_suite() {
	local role=$1 mode=$2 ts=$3
	shift 3
	sw_conf "$ts"
	V6IN=1 gw6_conf "$WORK/a.conf" a 2001:db8::1 2001:db8::2 1 "$mode"
	[ "$role" = responder ] &&
		sed -i 's/^ set ikev2-profile PROF/&\n responder-only/' "$WORK/a.conf"
	check "charon, flexsecd $role, $mode: charon starts" charon_start b
	check "  flexsecd starts" flexsecd_start a "$WORK/a.conf"
	[ "$role" = responder ] &&
		check "  charon initiates" charon_swanctl b --initiate --child vti --timeout 60
	check "  the IKE SA is READY" ike_up a 40
	check "  charon has the CHILD SA" wait_for 30 charon_child_up b vti
	check "  ping through it" wait_for 20 on a "$@"
	check "  in the IPv6 section of show crypto ikev2 sa" in_v6_section a
	flexsecd_stop a
	ip -n a link del Tunnel0 2>/dev/null
	charon_stop b
}

sw_suite initiator "ipsec ipv6" ::/0 ping -6 -c 1 -W 1 2001:db8:100::2
sw_suite responder "ipsec ipv6" ::/0 ping -6 -c 1 -W 1 2001:db8:100::2
sw_suite initiator "ipsec ipv6 v4-overlay" 0.0.0.0/0 ping -c 1 -W 1 198.51.100.2
check_output "no flexsecd error in the logs" "^0$" sh -c \
	"cat $WORK/a.log $WORK/b.log | grep -ciE 'sanitizer|segfault|double free' || true"

lib_done
