#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# COOKIEs and admission: a flood of spoofed IKE_SA_INIT requests at a
# flexsecd hub with "crypto ikev2 cookie-challenge 5" while a flexsecd
# spoke and a strongSwan initiator connect; then "cookie-challenge always"
# with charon as initiator, and flexsecd as initiator against charon
# asking for cookies (charon.cookie_threshold = 1).
#
#   netns sp (flexsecd)        netns hub (flexsecd)         netns sw (charon)
#   eth0 192.0.2.2/24 ------ eth0 192.0.2.1  eth1 192.0.3.1 ------ eth1 192.0.3.2/24
#   Tunnel0 198.51.100.2       Tunnel0 198.51.100.1          vti42 198.51.100.6
#                              Tunnel1 198.51.100.5
#                              eth2 192.0.4.1
#                                   |
#                              eth2 192.0.4.2  netns fl: the flooder, sources
#                                              10.99.0.0/16 (the hub routes
#                                              them back to fl, which drops
#                                              what it gets)
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../peers/charon.sh"
source "$(dirname "$0")/conf.sh"
require_lab
lib_init
preload_ipsec
flexsec_load
on_exit flexsec_unload

IKECRAFT=$TOP/selftests/tools/ikecraft.py

host hub
host sp
host sw
host fl
link hub 192.0.2.1/24 sp 192.0.2.2/24
link hub 192.0.3.1/24 sw 192.0.3.2/24 eth1
link hub 192.0.4.1/24 fl 192.0.4.2/24 eth2
ip -n hub route add 10.99.0.0/16 via 192.0.4.2
ip -n sw route add 10.98.0.0/16 via 192.0.3.1
ip -n sw link add vti42 type vti local 192.0.3.2 remote 192.0.3.1 key 42
on sw sysctl -qw net.ipv4.conf.vti42.disable_policy=1
ip -n sw addr add 198.51.100.6/30 dev vti42
ip -n sw link set vti42 up

# hub_conf FILE COOKIE: the hub, responder for both peers.
hub_conf() {
	cat >"$1" <<-CONF
	hostname hub
	crypto ikev2 cookie-challenge $2
	crypto ikev2 proposal LAB
	 encryption aes-gcm-128
	 prf sha256
	 group 19
	crypto ikev2 policy LAB
	 proposal LAB
	crypto ikev2 keyring KEYS
	 peer SP
	  address 192.0.2.2
	  pre-shared-key lab secret
	 peer SW
	  address 192.0.3.2
	  pre-shared-key lab secret
	crypto ikev2 profile PROF
	 match identity remote address 192.0.2.2 255.255.255.255
	 match identity remote address 192.0.3.2 255.255.255.255
	 authentication local pre-share
	 authentication remote pre-share
	 keyring local KEYS
	crypto ipsec transform-set TS esp-gcm 256
	crypto ipsec profile IPS
	 set transform-set TS
	 set ikev2-profile PROF
	 responder-only
	interface Tunnel0
	 ip address 198.51.100.1 255.255.255.252
	 tunnel source 192.0.2.1
	 tunnel destination 192.0.2.2
	 tunnel mode ipsec ipv4
	 tunnel protection ipsec profile IPS
	interface Tunnel1
	 ip address 198.51.100.5 255.255.255.252
	 tunnel source 192.0.3.1
	 tunnel destination 192.0.3.2
	 tunnel mode ipsec ipv4
	 tunnel protection ipsec profile IPS
	end
	CONF
}

# sw_conf REMOTE: charon's side, to REMOTE (an address or %any).
sw_conf() {
	mkdir -p "$(charon_dir sw)"
	cat >"$(charon_dir sw)/swanctl.conf" <<-CONF
	connections {
		lab {
			version = 2
			local_addrs = 192.0.3.2
			remote_addrs = $1
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
					local_ts = 0.0.0.0/0
					remote_ts = 0.0.0.0/0
					esp_proposals = aes256gcm16
					mark_in = 42
					mark_out = 42
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

# ikestat HOST KEY: a counter of "show crypto ikev2 stats" in JSON (KEY a
# python subscript such as ["cookie"]["sent"]).
ikestat() {
	fxd "$1" -j show crypto ikev2 stats |
		python3 -c "import json,sys; print(json.load(sys.stdin)$2)"
}

# rss HOST: the resident set of HOST's flexsecd, in kB.
rss() {
	local p
	for p in $(ip netns pids "$1"); do
		grep -qs flexsecd "/proc/$p/cmdline" &&
			awk '/^VmRSS:/ { print $2 }' "/proc/$p/status"
	done
}

# -- the flood: cookie-challenge 5, a flexsecd spoke and charon connect --
hub_conf "$WORK/hub.conf" 5
gw_conf "$WORK/sp.conf" sp 192.0.2.2 192.0.2.1 198.51.100.2 vti
sw_conf 192.0.3.1
check "flood: the hub starts" flexsecd_start hub "$WORK/hub.conf" error
check "flood: charon starts" charon_start sw
rss_before=$(rss hub)
echo "hub RSS before the flood: $rss_before kB" | diag
# 1000 a second: without cookies the 40 in-negotiation slots would be
# full within 40 ms and stay full (30 s each) while it runs; and below
# what the hub's socket takes under QEMU's emulation, so that the test is
# about admission, not about datagrams lost before the daemon reads them
on fl /usr/bin/python3 "$IKECRAFT" flood 192.0.4.1 10.99.0.0/16 25000 25 1000 \
	>"$WORK/flood.out" 2>&1 &
flood_pid=$!
on_exit "kill $flood_pid 2>/dev/null"
check "flood: cookies are asked for" wait_for 20 sh -c \
	"FLEXSEC_SOCKET=$WORK/hub.sock ip netns exec hub $FLEXSEC -j show crypto ikev2 stats | grep -q '\"rejected_no_cookie\": *[1-9]'"
check "flood: the spoke starts" flexsecd_start sp "$WORK/sp.conf"
check "flood: charon initiates" charon_swanctl sw --initiate --child vti --timeout 60
check "flood: the spoke's IKE SA is READY" ike_up sp 40
check "flood: charon has the CHILD SA" wait_for 30 charon_child_up sw vti
check "flood: the flood still runs" kill -0 $flood_pid
check "flood: ping spoke -> hub" wait_for 20 on sp ping -c 1 -W 1 198.51.100.1
check "flood: ping charon -> hub" wait_for 20 on sw ping -c 1 -W 1 198.51.100.5
check "flood: the flooder ends" wait_for 40 sh -c "! kill -0 $flood_pid 2>/dev/null"
diag <"$WORK/flood.out"
fxd hub show crypto ikev2 stats | diag
check_output "flood: the flooder sent requests" "^sent [1-9][0-9]* spoofed" cat "$WORK/flood.out"
check_output "flood: challenged requests in the IOS words" \
	"Incoming IKEV2 Cookie Challenged Requests: [1-9]" fxd hub show crypto ikev2 stats
check_output "flood: thousands of COOKIEs sent" "^[0-9]{4,}$" ikestat hub '["cookie"]["sent"]'
check_output "flood: both peers came in with a valid cookie" "^([2-9]|[1-9][0-9]+)$" \
	ikestat hub '["cookie"]["accepted"]'
# the threshold, the spoke and charon, and what slipped in while SAs timed
# out: far below the flood, and below the in-negotiation limit (40)
check_output "flood: few requests made an SA" "^([0-9]|[1-3][0-9])$" ikestat hub '["incoming_accepted"]'
check_output "flood: the in-negotiation limit never refused a request" "^0$" ikestat hub '["cac_rejected"]'
rss_after=$(rss hub)
echo "hub RSS after the flood: $rss_after kB" | diag
check "flood: the hub's RSS stays within 16 MB of where it was" \
	test "$rss_after" -lt $((rss_before + 16384))
flexsecd_stop sp
flexsecd_stop hub
charon_stop sw

# -- cookie-challenge always: charon as initiator answers the COOKIE --
hub_conf "$WORK/hub.conf" always
check "always: the hub starts" flexsecd_start hub "$WORK/hub.conf"
check "always: charon starts" charon_start sw
check "always: charon initiates" charon_swanctl sw --initiate --child vti --timeout 60
check "always: charon has the CHILD SA" wait_for 30 charon_child_up sw vti
check "always: ping charon -> hub" wait_for 20 on sw ping -c 1 -W 1 198.51.100.5
check_output "always: one cookie asked, one accepted" "^1 1$" \
	sh -c "echo \$(FLEXSEC_SOCKET=$WORK/hub.sock ip netns exec hub $FLEXSEC -j show crypto ikev2 stats | python3 -c 'import json,sys; c=json.load(sys.stdin)[\"cookie\"]; print(c[\"rejected_no_cookie\"], c[\"accepted\"])')"
check_output "always: the debug shows the challenge" "Sending cookie challenge" cat "$WORK/hub.log"
check_output "always: the debug shows the cookie verified" "Cookie verified" cat "$WORK/hub.log"
flexsecd_stop hub
charon_stop sw

# -- charon as responder asks flexsecd for a cookie --
sw_conf %any
CHARON_EXTRA="cookie_threshold = 1" check "charon responder: charon starts" charon_start sw
# one half-open SA at charon, from a spoofed address, passes its threshold
check "charon responder: a spoofed request makes a half-open SA at charon" \
	on hub /usr/bin/python3 "$IKECRAFT" flood 192.0.3.2 10.98.0.0/24 1 5 10
gw_conf "$WORK/hubi.conf" hub 192.0.3.1 192.0.3.2 198.51.100.5 vti
check "charon responder: flexsecd starts" flexsecd_start hub "$WORK/hubi.conf"
check "charon responder: flexsecd's IKE SA is READY" ike_up hub 40
check "charon responder: charon has the CHILD SA" wait_for 30 charon_child_up sw vti
check "charon responder: ping flexsecd -> charon" wait_for 20 on hub ping -c 1 -W 1 198.51.100.6
# charon 5.9 takes a cookie made in the second its secret changed (its
# first cookie) for one of the old secret and refuses it: flexsecd gives
# up on that SA after three and its next attempt gets in, so 1 to 6
check_output "charon responder: flexsecd answered charon's COOKIE" "^[1-6]$" \
	ikestat hub '["cookie"]["answered"]'
check_output "charon responder: the debug shows it" "Received cookie challenge" cat "$WORK/hub.log"
flexsecd_stop hub
charon_stop sw

lib_done
