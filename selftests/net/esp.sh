#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# flexsec on both sides with manual keys: VTI (IPv4 and IPv6 inside) and GRE
# tunnels for every algorithm, ESN off and on; ping both ways, and iperf3
# TCP both ways for each algorithm. Then a make-before-break rekey under a
# running ping, which must lose nothing.
#
#        netns a                                   netns b
#   +-------------------------+              +-------------------------+
#   | Tunnel0 vti 198.51.100.1|=== ESP ======| Tunnel0 vti 198.51.100.2|
#   |         2001:db8:1::1   |              |         2001:db8:1::2   |
#   | Tunnel1 gre 198.51.100.5|=== ESP ======| Tunnel1 gre 198.51.100.6|
#   | eth0 192.0.2.1/24       |---- veth ----| eth0 192.0.2.2/24       |
#   +-------------------------+              +-------------------------+
source "$(dirname "$0")/../lib.sh"
require_lab
lib_init
preload_ipsec
on_exit flexsec_unload
check "flexsec.ko, CLI and ip plugin" flexsec_ready

host a
host b
link a 192.0.2.1/24 b 192.0.2.2/24
for h in a b; do
	if [ $h = a ]; then me=192.0.2.1 peer=192.0.2.2 n=1; else me=192.0.2.2 peer=192.0.2.1 n=2; fi
	ip -n $h link add Tunnel0 type flexsec mode vti local $me remote $peer
	ip -n $h link add Tunnel1 type flexsec mode gre local $me remote $peer key 7
	ip -n $h addr add 198.51.100.$n/30 dev Tunnel0
	ip -n $h addr add 2001:db8:1::$n/64 dev Tunnel0 nodad
	ip -n $h addr add 198.51.100.$((n + 4))/30 dev Tunnel1
	ip -n $h link set Tunnel0 up
	ip -n $h link set Tunnel1 up
done

# keys DEV ALG ESN SEED: SAs a -> b and b -> a on DEV of both hosts, with
# SPIs of their own per tunnel (inbound SPIs are unique in a namespace).
keys() {
	local dev=$1 alg=$2 esn=$3 seed=$4 e= ab=0x100 ba=0x200
	[ "$dev" = Tunnel1 ] && ab=0x1100 ba=0x1200
	[ "$esn" = esn ] && e="esn seq 4294967280"
	fx a sa flush dev "$dev" && fx b sa flush dev "$dev" &&
	fx a sa add dev "$dev" dir out spi $ab $(fx_sa_args "$alg" "$seed") $e &&
	fx b sa add dev "$dev" dir in spi $ab $(fx_sa_args "$alg" "$seed") $e &&
	fx b sa add dev "$dev" dir out spi $ba $(fx_sa_args "$alg" "$((seed + 1))") $e &&
	fx a sa add dev "$dev" dir in spi $ba $(fx_sa_args "$alg" "$((seed + 1))") $e
}

pings() {
	on "$1" ping -q -c "$3" -i 0.05 -W 2 "$2"
}

seed=10
for alg in $ESP_ALGS; do
	for esn in noesn esn; do
		seed=$((seed + 2))
		check "vti $alg $esn: SAs" keys Tunnel0 "$alg" $esn $seed
		check "vti $alg $esn: ping a -> b" pings a 198.51.100.2 12
		check "vti $alg $esn: ping b -> a (IPv6 inside)" pings b 2001:db8:1::1 12
		check "gre $alg $esn: SAs" keys Tunnel1 "$alg" $esn $((seed + 50))
		check "gre $alg $esn: ping b -> a" pings b 198.51.100.5 12
	done
	check "vti $alg: iperf3 TCP a -> b" iperf_through a b 198.51.100.2
	check "vti $alg: iperf3 TCP b -> a" iperf_through b a 198.51.100.1
done

# Make-before-break: a new outbound SA (standby), installed on the receiver
# first, then switched to while a ping runs; nothing may be lost.
keys Tunnel0 aes-gcm-128 noesn 90 >/dev/null
check_output "the MTU follows the active SA (AES-GCM over IPv4: 1500 - 57)" \
	"mtu 1443 " ip -n a link show Tunnel0
on a ping -q -c 60 -i 0.05 198.51.100.2 >"$WORK/swap.txt" 2>&1 &
ping_pid=$!
sleep 1
check "rekey: new inbound SA on b" \
	fx b sa add dev Tunnel0 dir in spi 0x300 $(fx_sa_args aes-gcm-256 91)
check "rekey: new outbound SA on a, standby" \
	fx a sa add dev Tunnel0 dir out spi 0x300 $(fx_sa_args aes-gcm-256 91) standby
check "rekey: switch to it" fx a sa activate dev Tunnel0 spi 0x300
sleep 0.5
check "rekey: the old outbound SA goes" fx a sa del dev Tunnel0 dir out spi 0x100
wait $ping_pid
check_output "rekey: the ping lost nothing" " 0% packet loss" cat "$WORK/swap.txt"
check_output "rekey: the new SA carries the traffic" '"active": *true' \
	fx a -j sa show dev Tunnel0 dir out spi 0x300
lib_done
