#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# flexsecd against flexsecd: IKEv2 with a pre-shared key sets up a VTI and
# then a GRE tunnel; ping and iperf3 cross; the show commands tell the
# story in text and JSON; clear, reload and restart behave.
#
#        netns a                                 netns b
#   +------------------------+             +------------------------+
#   | flexsecd               |             | flexsecd               |
#   | Tunnel0 198.51.100.1   |=== ESP =====| Tunnel0 198.51.100.2   |
#   | eth0 192.0.2.1/24      |--- veth ----| eth0 192.0.2.2/24      |
#   +------------------------+             +------------------------+
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/conf.sh"
require_lab
lib_init
preload_ipsec
flexsec_load
on_exit flexsec_unload

host a
host b
link a 192.0.2.1/24 b 192.0.2.2/24

# PFS on both: CREATE_CHILD_SA exchanges a KE.
export IPS_EXTRA="set pfs group19"
gw_conf "$WORK/a.conf" a 192.0.2.1 192.0.2.2 198.51.100.1 vti
gw_conf "$WORK/b.conf" b 192.0.2.2 192.0.2.1 198.51.100.2 vti
check "flexsecd -n accepts a pasted configuration" "$FLEXSECD" -n -f "$WORK/a.conf"
check_output "  and warns once per block it skips" "hostname|GigabitEthernet" \
	"$FLEXSECD" -n -f "$WORK/a.conf"

# -- VTI --
check "flexsecd starts on a" flexsecd_start a "$WORK/a.conf"
check "flexsecd starts on b" flexsecd_start b "$WORK/b.conf"
check "the IKE SA is READY on a" ike_up a
check "  and on b" ike_up b
check "a has its CHILD SA in flexsec.ko" child_up a
check "  and b too" child_up b
check "ping a -> b through Tunnel0" on a ping -c 3 -i 0.3 -W 2 198.51.100.2
check "ping b -> a through Tunnel0" on b ping -c 3 -i 0.3 -W 2 198.51.100.1
check "iperf3 a -> b" iperf_through a b 198.51.100.2
# one_ready HOST: HOST has exactly one IKE SA in READY state.
one_ready() {
	[ "$(fxd "$1" show crypto ikev2 sa | grep -c READY)" = 1 ]
}

check "one IKE SA on a after a simultaneous start" wait_for 15 one_ready a
check "  and one on b" wait_for 15 one_ready b
check_output "show crypto ikev2 sa detailed" "Encr: AES-GCM.*keysize: 128.*PRF: SHA256.*DH Grp:19" \
	fxd_line a show crypto ikev2 sa detailed
check_output "show crypto ipsec sa counts encrypted packets" "#pkts encaps: [1-9]" \
	fxd a show crypto ipsec sa
check_output "show crypto session: UP-ACTIVE" "UP-ACTIVE" fxd a show crypto session
check_output "show crypto session brief, abbreviated words" "192.0.2.2" \
	fxd a sh cry sess br
check_output "show crypto ikev2 sa as JSON" '"status": *"READY"' fxd a -j show crypto ikev2 sa
check_output "show crypto ipsec sa as JSON" '"spi"' fxd a -j show crypto ipsec sa
check_output "show crypto ikev2 proposal shows LAB and the default" "LAB.*default" \
	fxd_line a show crypto ikev2 proposal
check_output "show crypto ipsec transform-set" "esp-gcm 256" fxd a show crypto ipsec transform-set
check_output "show crypto ikev2 stats" "[0-9]" fxd a show crypto ikev2 stats

# clear: the SA goes and comes back
old=$(fxd a -j show crypto ikev2 sa detailed | grep -o '"local_spi": *"[0-9A-Fa-f]*"' | head -1)
check "  (the SPI of the SA to clear: ${old:-none})" test -n "$old"
on b tcpdump -i eth0 -U -w "$WORK/ike.pcap" udp port 500 >/dev/null 2>&1 &
tcpdump_pid=$!
on_exit "kill $tcpdump_pid"
wait_for 10 test -s "$WORK/ike.pcap"
# Conditional debugging: with a condition on another peer, a prints no
# debug line about b while the SA is cleared and comes back.
check "debug crypto condition peer ipv4 192.0.2.99" \
	fxd a debug crypto condition peer ipv4 192.0.2.99
mark=$(wc -l <"$WORK/a.log")
check "clear crypto session" fxd a clear crypto session
check "the tunnel comes back after clear, with a new SA" wait_for 30 sh -c \
	"FLEXSEC_SOCKET=$WORK/a.sock ip netns exec a $FLEXSEC -j show crypto ikev2 sa detailed | grep -q READY && ! FLEXSEC_SOCKET=$WORK/a.sock ip netns exec a $FLEXSEC -j show crypto ikev2 sa detailed | grep -qF '$old'"
check "ping after clear" wait_for 20 on a ping -c 1 -W 1 198.51.100.2
check_output "  and no debug line about 192.0.2.2 on a meanwhile" "^0$" \
	sh -c "tail -n +$((mark + 1)) $WORK/a.log | grep -c 'IKEv2:(SESSION' || true"
check "no debug crypto condition peer ipv4 192.0.2.99" \
	fxd a no debug crypto condition peer ipv4 192.0.2.99
kill $tcpdump_pid 2>/dev/null
wait $tcpdump_pid 2>/dev/null
# A retransmitted request is answered from the cached response, once more.
cached=$(cat "$WORK/a.log" "$WORK/b.log" | grep -c "sending the cached response")
check "the new SA's IKE_AUTH request is sent again" \
	on a /usr/bin/python3 "$TOP/selftests/tools/ikecraft.py" replay "$WORK/ike.pcap"
check "the responder answers it from its cached response" wait_for 10 sh -c \
	"[ \$(cat $WORK/a.log $WORK/b.log | grep -c 'sending the cached response') -gt $cached ]"
check "  and the tunnel is unharmed" on a ping -c 2 -i 0.3 -W 2 198.51.100.2

# clear crypto sa: the CHILD SA goes, a new one comes by CREATE_CHILD_SA
# (with PFS) under the same IKE SA; packet debug decodes it.
ike_spi=$(fxd a -j show crypto ikev2 sa detailed | grep -o '"local_spi": *"[0-9A-Fa-f]*"' | head -1)
check "debug crypto ikev2 packet" fxd a debug crypto ikev2 packet
check "clear crypto sa" fxd a clear crypto sa
check "a new CHILD SA by CREATE_CHILD_SA" \
	wait_for 30 grep -q "IKEv2 CREATE_CHILD_SA Exchange REQUEST" "$WORK/a.log"
check "ping through the new CHILD SA" wait_for 20 on a ping -c 1 -W 1 198.51.100.2
check_output "the IKE SA is the same" "$ike_spi" fxd a -j show crypto ikev2 sa detailed
check_output "the new CHILD SA has PFS" "PFS \\(Y/N\\): Y" fxd a show crypto ipsec sa
check "packet debug decodes the exchange" \
	grep -q "Exchange type: CREATE_CHILD_SA" "$WORK/a.log"
check "packet debug shows the KE payload" grep -q "DH group: 19" "$WORK/a.log"
check "undebug all" fxd a undebug all

# restart: INITIAL_CONTACT on b clears the stale SA
check "flexsecd on a stops" flexsecd_stop a
check "b hears a's DELETE" wait_for 20 sh -c \
	"! FLEXSEC_SOCKET=$WORK/b.sock ip netns exec b $FLEXSEC show crypto ikev2 sa | grep -q READY"
check "flexsecd on a starts again" flexsecd_start a "$WORK/a.conf"
check "the tunnel is back" wait_for 30 on a ping -c 1 -W 1 198.51.100.2

# -- GRE, by reload; small byte lifetimes --
export IPS_EXTRA="set security-association lifetime kilobytes 2560"
gw_conf "$WORK/a.conf" a 192.0.2.1 192.0.2.2 198.51.100.1 gre
gw_conf "$WORK/b.conf" b 192.0.2.2 192.0.2.1 198.51.100.2 gre
check "reload on a (tunnel mode gre ip)" fxd a reload
check "reload on b by SIGHUP" sh -c "kill -HUP \$(ip netns pids b | head -1)"
check "the GRE tunnel comes up" wait_for 40 on a ping -c 1 -W 1 198.51.100.2
check "ping b -> a through GRE" on b ping -c 3 -i 0.3 -W 2 198.51.100.1
check "iperf3 b -> a through GRE" iperf_through b a 198.51.100.1
# trace_has HOST PATTERN: HOST's event trace shows PATTERN.
trace_has() {
	fxd "$1" show monitor event-trace crypto ikev2 event all | grep -q "$2"
}
# More than 2560 KB through the tunnel: the soft byte limit (90%, less
# the jitter) starts a rekey before the hard one is reached.
on b ping -q -f -s 1400 -c 2500 -W 1 198.51.100.1 >/dev/null 2>&1
rekeyed_somewhere() {
	trace_has a "rekeyed" || trace_has b "rekeyed"
}
check "a CHILD SA is rekeyed at its byte lifetime (2560 KB)" \
	wait_for 20 rekeyed_somewhere
check "ping through the new CHILD SA" wait_for 20 on b ping -c 1 -W 1 198.51.100.1
check_output "transport mode, GRE selectors" "Transport" fxd a show crypto ipsec sa
# esp_on_wire: ping through the tunnel while tcpdump watches eth0.
esp_on_wire() {
	on a timeout 5 tcpdump -c 2 -ni eth0 esp 2>/dev/null &
	sleep 1
	on a ping -c 3 -i 0.3 198.51.100.2 >/dev/null
	wait
}
check_output "the wire carries ESP" "ESP" esp_on_wire
check_output "a reload with no change keeps the SA" "1 SA\(s\) kept" fxd a reload
check_output "no flexsecd error in a's log" "^0$" sh -c "grep -ciE 'sanitizer|segfault|double free' $WORK/a.log $WORK/b.log | awk -F: '{s+=\$2} END {print s}'"

lib_done
