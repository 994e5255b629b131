#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Rekeying between two flexsecd, with lifetimes short enough to watch
# (flexsecd -L): CHILD SAs of 30 s and IKE SAs of 60 s are rekeyed,
# make-before-break, while a ping every 50 ms and a UDP stream cross, and
# not one packet is lost; the SPIs change at every rekey. Then a forced collision: a one-second delay
# each way and lifetimes one second of soft expiry apart make both ends
# rekey the same SA at once; the lowest nonce decides and exactly one SA
# pair is left.
#
#        netns a                                 netns b
#   +------------------------+             +------------------------+
#   | flexsecd -L 10         |             | flexsecd -L 10         |
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

# inbound SAs HOST: the SPIs of HOST's inbound SAs in flexsec.ko.
inbound_spis() {
	fx "$1" -j sa show | python3 -c '
import json, sys
print(" ".join(str(s["spi"]) for s in json.load(sys.stdin) if s["dir"] == "in"))'
}

# pairs HOST: how many inbound SAs HOST has (one per CHILD SA).
pairs() {
	inbound_spis "$1" | wc -w
}

# pairs_is HOST N: HOST has N inbound SAs.
pairs_is() {
	[ "$(pairs "$1")" = "$2" ]
}

# rekeys HOST: the CHILD SA rekeys in HOST's event trace.
rekeys() {
	fxd "$1" show monitor event-trace crypto ikev2 event all |
		grep -c "rekeyed.*now" || true
}

# ike_rekeys HOST: the IKE SA rekeys in HOST's event trace.
ike_rekeys() {
	fxd "$1" show monitor event-trace crypto ikev2 event all |
		grep -c "IKE SA rekeyed" || true
}

# ike_spi HOST: the local SPI of HOST's IKE SA.
ike_spi() {
	fxd "$1" -j show crypto ikev2 sa detailed |
		grep -o '"local_spi": *"[0-9A-Fa-f]*"' | head -1
}

# ike_count_is HOST N: HOST has N IKE SAs in READY state.
ike_count_is() {
	[ "$(fxd "$1" show crypto ikev2 sa | grep -c READY)" = "$2" ]
}

# ping_lost HOST DST SECONDS: pings every 50 ms for SECONDS; prints how
# many were lost (each reply waited for up to 5 s).
ping_lost() {
	on "$1" ping -q -i 0.05 -W 5 -c "$(($3 * 20))" "$2" 2>/dev/null |
		sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\1 \2/p' |
		{ read -r tx rx; echo $((${tx:-1} - ${rx:-0})); }
}

stop_both() {
	flexsecd_stop a
	flexsecd_stop b
}

# -- CHILD and IKE SA rekeys, PFS on, jitter as by default --
export IPS_EXTRA="set security-association lifetime seconds 30
 set pfs group19"
export FLEXSECD_ARGS="-L 10"
export PROF_EXTRA="lifetime 60"
gw_conf "$WORK/a.conf" a 192.0.2.1 192.0.2.2 198.51.100.1 vti
gw_conf "$WORK/b.conf" b 192.0.2.2 192.0.2.1 198.51.100.2 vti
check "flexsecd -L 10 takes a 30 s lifetime" "$FLEXSECD" -L 10 -n -f "$WORK/a.conf"
check_fail "  which is refused without -L" "$FLEXSECD" -n -f "$WORK/a.conf"
check "flexsecd starts on a" flexsecd_start a "$WORK/a.conf"
check "flexsecd starts on b" flexsecd_start b "$WORK/b.conf"
check "the tunnel is up" wait_for 40 on a ping -c 1 -W 1 198.51.100.2
echo "# before the first rekey, $(ping_lost a 198.51.100.2 5) of 100 pings lost"
first=$(inbound_spis a)
# UDP at 1 Mbit/s for 50 s beside the pings: no datagram lost either.
on b iperf3 -s -1 -D -I "$WORK/iperf.pid" >/dev/null 2>&1
wait_for 5 test -s "$WORK/iperf.pid"
on a timeout 90 iperf3 -c 198.51.100.2 -u -b 1M -t 50 -J >"$WORK/udp.json" 2>&1 &
udp=$!
ike_first=$(ike_spi a)
lost=$(ping_lost a 198.51.100.2 130)
wait $udp
check "5 CHILD SA rekeys or more in 130 s" test "$(($(rekeys a) + $(rekeys b)))" -ge 5
check "2 IKE SA rekeys or more" test "$(($(ike_rekeys a) + $(ike_rekeys b)))" -ge 2
check "a new IKE SA" test "$(ike_spi a)" != "$ike_first"
check "one IKE SA on a" wait_for 20 ike_count_is a 1
check "  and on b" wait_for 20 ike_count_is b 1
check_output "no ping lost across them (every 50 ms)" "^0$" echo "$lost"
check "no UDP datagram lost across them" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["end"]["sum"]
assert d["packets"] > 1000 and d["lost_packets"] == 0, d' "$WORK/udp.json"
check "the SPIs changed" test "$(inbound_spis a)" != "$first"
echo "# a: $(fx a -j tunnel show | tr -d '\n' | grep -o '"stats".*' | head -c 600)"
echo "# b: $(fx b -j tunnel show | tr -d '\n' | grep -o '"stats".*' | head -c 600)"
check "one SA pair on a after the rekeys" wait_for 10 pairs_is a 1
check "  and on b" wait_for 10 pairs_is b 1
check_output "the old SAs were deleted by DELETE" "IPsec SAs .* deleted" \
	fxd a show monitor event-trace crypto ikev2 event all
check_output "show crypto ikev2 stats counts the rekeys" "CHILD SA rekeys: *[1-9]" \
	fxd a show crypto ikev2 stats
stop_both
# The debug kernel (KASAN, lockdep) runs the rekeys above, the stock
# kernels the collision too.
if [ "${FLEXSEC_FLAVOUR:-}" = debug ]; then
	lib_done
	exit
fi

# -- a forced collision --
# One second each way, no jitter, a the only initiator, and rekeys due
# 20 s (a) and 21 s (b) after the SAs came: b, the responder, installs
# them one second before a, so each sends its rekey before the other's
# arrives.
on a tc qdisc add dev eth0 root netem delay 1000ms
on b tc qdisc add dev eth0 root netem delay 1000ms
export FLEXSECD_ARGS="-L 10 -J 0"
export PROF_EXTRA=""
export IPS_EXTRA="set security-association lifetime seconds 30"
gw_conf "$WORK/a.conf" a 192.0.2.1 192.0.2.2 198.51.100.1 vti
export IPS_EXTRA="set security-association lifetime seconds 31
 responder-only"
gw_conf "$WORK/b.conf" b 192.0.2.2 192.0.2.1 198.51.100.2 vti
mv "$WORK/a.log" "$WORK/a-child.log"
mv "$WORK/b.log" "$WORK/b-child.log"
check "flexsecd starts on a" flexsecd_start a "$WORK/a.conf"
check "flexsecd starts on b" flexsecd_start b "$WORK/b.conf"
check "the tunnel is up" wait_for 60 on a ping -c 1 -W 3 198.51.100.2
lost=$(ping_lost a 198.51.100.2 40)
check "both ends saw the collision" sh -c "grep -q 'Rekey collision' $WORK/a.log &&
	grep -q 'Rekey collision' $WORK/b.log"
# one_won WINNER LOSER: WINNER's rekey won, and LOSER says so too.
one_won() {
	grep -q 'our rekey wins' "$WORK/$1.log" &&
		grep -q "peer's rekey wins" "$WORK/$2.log"
}
check "  and agree on the winner" sh -c "$(declare -f one_won); WORK=$WORK; one_won a b || one_won b a"
check "exactly one SA pair left on a" wait_for 15 pairs_is a 1
check "  and on b" wait_for 15 pairs_is b 1
check "the pair left is the same on both ends" wait_for 15 sh -c "
	a=\$(FLEXSEC_SOCKET=$WORK/a.sock ip netns exec a $FLEXSEC -j show crypto ipsec sa | grep -o '\"spi\": *[0-9]*' | sort)
	b=\$(FLEXSEC_SOCKET=$WORK/b.sock ip netns exec b $FLEXSEC -j show crypto ipsec sa | grep -o '\"spi\": *[0-9]*' | sort)
	[ -n \"\$a\" ] && [ \"\$a\" = \"\$b\" ]"
check_output "no ping lost in the collision" "^0$" echo "$lost"
stop_both
on a tc qdisc del dev eth0 root
on b tc qdisc del dev eth0 root
lib_done
