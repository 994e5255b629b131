#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What a flexsec tunnel does with bad input and at its limits: replayed,
# too old, truncated, forged and malformed ESP is dropped and counted per
# reason, with replay-error events naming the SPI and sequence number;
# lifetimes send soft and hard expiry events; sequence numbers stop at 2^32
# (and 2^64 with ESN) with one seq-overflow event; two namespaces with the
# same SPI stay apart; the module unloads with tunnels and SAs in place.
#
#        netns a                               netns b
#   +----------------------+             +----------------------+
#   | Tunnel0 198.51.100.1 |=== ESP =====| Tunnel0 198.51.100.2 |
#   | eth0 192.0.2.1/24    |---- veth ---| eth0 192.0.2.2/24    |
#   +----------------------+             +----------------------+
#   (netns c and d: the same again, with the same SPIs)
source "$(dirname "$0")/../lib.sh"
require_lab
lib_init
preload_ipsec
on_exit flexsec_unload
check "flexsec.ko, CLI and ip plugin" flexsec_ready
CRAFT="/usr/bin/python3 $TOP/selftests/tools/espcraft.py"

# gateways A B: two hosts with a VTI flexsec tunnel between them.
gateways() {
	host "$1"
	host "$2"
	link "$1" 192.0.2.1/24 "$2" 192.0.2.2/24
	ip -n "$1" link add Tunnel0 type flexsec mode vti local 192.0.2.1 remote 192.0.2.2
	ip -n "$2" link add Tunnel0 type flexsec mode vti local 192.0.2.2 remote 192.0.2.1
	# No IPv6 on the tunnels: router solicitations and MLD reports would
	# use up the packet limits that the lifetime tests count exactly.
	ip netns exec "$1" sysctl -qw net.ipv6.conf.Tunnel0.disable_ipv6=1
	ip netns exec "$2" sysctl -qw net.ipv6.conf.Tunnel0.disable_ipv6=1
	ip -n "$1" addr add 198.51.100.1/30 dev Tunnel0
	ip -n "$2" addr add 198.51.100.2/30 dev Tunnel0
	ip -n "$1" link set Tunnel0 up
	ip -n "$2" link set Tunnel0 up
}
gateways a b

KEY_AB=$(hexkey 20 1)
KEY_BA=$(hexkey 20 2)
# sas [OUT_OPTIONS]: a -> b on SPI 0x100, b -> a on 0x200, AES-GCM-128.
sas() {
	fx a sa flush dev Tunnel0 && fx b sa flush dev Tunnel0 &&
	fx a sa add dev Tunnel0 dir out spi 0x100 enc aes-gcm-128 key "$KEY_AB" "$@" &&
	fx b sa add dev Tunnel0 dir in spi 0x100 enc aes-gcm-128 key "$KEY_AB" &&
	fx b sa add dev Tunnel0 dir out spi 0x200 enc aes-gcm-128 key "$KEY_BA" &&
	fx a sa add dev Tunnel0 dir in spi 0x200 enc aes-gcm-128 key "$KEY_BA"
}

# counter HOST NAME: an SA counter of SPI 0x100 on b, or a tunnel counter.
sa_counter() {
	fx "$1" -j sa show dev Tunnel0 dir in spi 0x100 |
		python3 -c 'import json,sys; d=json.load(sys.stdin); d=d[0] if isinstance(d, list) else d; print(d["stats"][sys.argv[1]])' "$2"
}

# expect_counter WHAT NAME MIN: the inbound SA's counter NAME is at least MIN.
expect_counter() {
	local v
	v=$(sa_counter b "$2" 2>&1)
	if [ "${v:-x}" -ge "$3" ] 2>/dev/null; then ok "$1 ($2 = $v)"; else not_ok "$1 ($2 = $v, $3 or more expected)"; fi
}

fx b -j monitor >"$WORK/events.b" 2>&1 &
on_exit "kill $!"
fx a -j monitor >"$WORK/events.a" 2>&1 &
on_exit "kill $!"
sleep 0.5

check "SAs a <-> b" sas
on b tcpdump -i eth0 -U --immediate-mode -w "$WORK/esp.pcap" esp >/dev/null 2>&1 &
tcpdump_pid=$!
wait_for 10 test -s "$WORK/esp.pcap"
check "ping a -> b" on a ping -q -c 5 -i 0.1 198.51.100.2
sleep 0.5
kill $tcpdump_pid; wait $tcpdump_pid 2>/dev/null

# -- replays --
n=$(on a $CRAFT replay "$WORK/esp.pcap" --src 192.0.2.1 --dst 192.0.2.2 --spi 0x100)
if [ "${n:-0}" -ge 5 ]; then ok "re-sent $n captured ESP packets"; else not_ok "re-sent ${n:-0} packets, 5 expected"; fi
sleep 0.5
expect_counter "replayed packets are dropped and counted" rx_replay 5
check_output "a replay-error event names the SPI and sequence number" \
	'"replay-error".*"spi": *256.*"seq": *[1-5][,}]|"spi": *256.*"replay-error"' \
	sh -c "grep replay-error $WORK/events.b"
on a ping -q -c 80 -i 0.01 198.51.100.2 >/dev/null
on a $CRAFT replay "$WORK/esp.pcap" --src 192.0.2.1 --dst 192.0.2.2 --spi 0x100 >/dev/null
sleep 0.3
expect_counter "packets older than the window are dropped and counted" rx_too_old 5

# -- random ESP --
check "random ESP for our SPI, 300 packets" \
	on a $CRAFT garbage --src 192.0.2.1 --dst 192.0.2.2 --spi 0x100 --count 300 --seq 7
check "random ESP for an unknown SPI goes to Linux, 100 packets" \
	on a $CRAFT garbage --src 192.0.2.1 --dst 192.0.2.2 --spi 0x77777 --count 100 --seq 8
check "the tunnel still works after the garbage" on a ping -q -c 3 -i 0.1 198.51.100.2

# -- forged and malformed ESP, made with the right or the wrong key --
# (They move the receiver's window far ahead of a's own numbers.)
craft() {
	on a $CRAFT esp --src 192.0.2.1 --dst 192.0.2.2 --spi 0x100 --key "$KEY_AB" "$@"
}
check "a well-made packet from outside is delivered" craft --seq 1000
expect_counter "  (counted as received)" rx_packets 89
craft --seq 1001 --wrong-key
expect_counter "wrong key: ICV fails" rx_auth_failed 1
craft --seq 1002 --bad-pad
expect_counter "padding bytes not 1, 2, 3...: dropped" rx_bad_padding 1
craft --seq 1003 --pad-too-long
expect_counter "pad length past the payload: dropped" rx_bad_padding 2
craft --seq 1004 --nexthdr 17
expect_counter "next header not IP in a VTI tunnel: dropped" rx_inner_proto 1
craft --seq 1005 --truncate 20
craft --seq 1006 --misalign
expect_counter "truncated and misaligned ESP: dropped" rx_truncated 2
check "SAs anew" sas
check_output "drops show in ip -s link" "RX:.*dropped" \
	sh -c "ip -n b -s link show Tunnel0 | tr -s ' \n' ' '"

# -- lifetimes --
check "SAs with packet limits: soft 3, hard 6" sas soft-packets 3 hard-packets 6
on a ping -q -c 10 -i 0.05 198.51.100.2 >"$WORK/life.txt" 2>&1
check_output "six packets pass, then the SA is gone" "10 packets transmitted, 6 received" cat "$WORK/life.txt"
check_output "soft-expire event (packets)" '"soft-expire".*"limit": *"packets"|"limit": *"packets".*"soft-expire"' \
	sh -c "grep soft-expire $WORK/events.a"
check_output "hard-expire event (packets)" '"hard-expire".*"limit": *"packets"|"limit": *"packets".*"hard-expire"' \
	sh -c "grep hard-expire $WORK/events.a"
check_fail "the hard-expired SA was removed" fx a sa show dev Tunnel0 dir out spi 0x100
check "SAs with time limits: soft 1 s, hard 2 s" sas soft-seconds 1 hard-seconds 2
# Both events, however slow the kernel (the debug one is): up to 15 s.
check "hard expiry by time" wait_for 15 sh -c \
	"grep hard-expire $WORK/events.a | grep -q '\"limit\": *\"seconds\"'"
check "  after soft expiry by time" sh -c \
	"grep soft-expire $WORK/events.a | grep -q '\"limit\": *\"seconds\"'"
check "SAs with byte limits: soft 200, hard 400" sas soft-bytes 200 hard-bytes 400
on a ping -q -c 6 -i 0.05 198.51.100.2 >/dev/null 2>&1
check_output "hard-expire event (bytes)" '"limit": *"bytes"' \
	sh -c "grep hard-expire $WORK/events.a"

# -- sequence numbers never wrap --
check "SAs starting 3 below 2^32" sas seq 4294967293
on a ping -q -c 5 -i 0.05 -W 1 198.51.100.2 >"$WORK/seq.txt" 2>&1
check_output "two packets, then seq numbers run out" "5 packets transmitted, 2 received" cat "$WORK/seq.txt"
check_output "seq-overflow event, once" "^1$" sh -c "grep -c seq-overflow $WORK/events.a"
check_output "tx_seq_overflow counted" '"tx_seq_overflow": *[3-9]' \
	fx a -j sa show dev Tunnel0 dir out spi 0x100
fx a sa flush dev Tunnel0; fx b sa flush dev Tunnel0
fx a sa add dev Tunnel0 dir out spi 0x100 enc aes-gcm-128 key "$KEY_AB" esn seq 18446744073709551613 >/dev/null
fx b sa add dev Tunnel0 dir in spi 0x100 enc aes-gcm-128 key "$KEY_AB" esn seq 18446744073709551600 >/dev/null
on a ping -q -c 5 -i 0.05 -W 1 198.51.100.2 >/dev/null 2>&1
check_output "with ESN they run out at 2^64" '"tx_seq_overflow": *[3-9]' \
	fx a -j sa show dev Tunnel0 dir out spi 0x100
check_output "  and two packets were received" '"rx_packets": *2[,}]' \
	fx b -j sa show dev Tunnel0 dir in spi 0x100

# -- the same SPIs in another pair of namespaces --
gateways c d
check "SAs a <-> b again" sas
for h in c d; do
	if [ $h = c ]; then o=0x100 i=0x200 ko=$KEY_BA ki=$KEY_AB; else o=0x200 i=0x100 ko=$KEY_AB ki=$KEY_BA; fi
	fx $h sa add dev Tunnel0 dir out spi $o enc aes-gcm-128 key "$ko" >/dev/null
	fx $h sa add dev Tunnel0 dir in spi $i enc aes-gcm-128 key "$ki" >/dev/null
done
check "same SPIs, other keys: c -> d works" on c ping -q -c 3 -i 0.1 198.51.100.2
check "  and a -> b still works" on a ping -q -c 3 -i 0.1 198.51.100.2
check_output "  b's SA saw only a's packets" '"rx_auth_failed": *0[,}]' \
	fx b -j sa show dev Tunnel0 dir in spi 0x100

# -- unload with everything in place --
check "rmmod with tunnels and SAs in four namespaces" rmmod flexsec
lib_done
