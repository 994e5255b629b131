#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# flexsec against Linux's own IPsec with the same SPIs, keys and algorithms:
# ip_vti with XFRM tunnel-mode states on one side (VTI), ip_gre with XFRM
# transport-mode states (GRE), flexsec tunnels on the other. Ping crosses
# both ways for every algorithm, with and without ESN; with ESN the sequence
# numbers start just below 2^32 on both sides, so they cross into the next
# subspace. The two ESP implementations share nothing, so the packets must
# be bit-compatible.
#
#         netns fx (flexsec)                     netns lx (Linux XFRM)
#   +----------------------------+          +----------------------------+
#   | Tunnel0 198.51.100.1  vti  |== ESP ===| vti42   198.51.100.2       |
#   | Tunnel1 198.51.100.5  gre  |== ESP ===| gre7    198.51.100.6 key 7 |
#   | eth0    192.0.2.1/24       |-- veth --| eth0    192.0.2.2/24       |
#   |         192.0.2.11/24      |          |         192.0.2.12/24      |
#   +----------------------------+          +----------------------------+
#
# The GRE tunnel uses the second addresses: on Linux, ip_vti claims ESP
# between the addresses of a VTI whatever its mode.
source "$(dirname "$0")/../lib.sh"
require_lab
lib_init
preload_ipsec
on_exit flexsec_unload
check "flexsec.ko, CLI and ip plugin" flexsec_ready

host fx
host lx
link fx 192.0.2.1/24 lx 192.0.2.2/24
ip -n fx addr add 192.0.2.11/24 dev eth0
ip -n lx addr add 192.0.2.12/24 dev eth0

ip -n fx link add Tunnel0 type flexsec mode vti local 192.0.2.1 remote 192.0.2.2
ip -n fx link add Tunnel1 type flexsec mode gre local 192.0.2.11 remote 192.0.2.12 key 7
ip -n fx addr add 198.51.100.1/30 dev Tunnel0
ip -n fx addr add 198.51.100.5/30 dev Tunnel1
ip -n lx link add vti42 type vti local 192.0.2.2 remote 192.0.2.1 key 42
on lx sysctl -qw net.ipv4.conf.vti42.disable_policy=1
ip -n lx link add gre7 type gre local 192.0.2.12 remote 192.0.2.11 key 7
ip -n lx addr add 198.51.100.2/30 dev vti42
ip -n lx addr add 198.51.100.6/30 dev gre7
for d in Tunnel0 Tunnel1; do ip -n fx link set $d up; done
for d in vti42 gre7; do ip -n lx link set $d up; done

SPI_FX_IN=0x1001 SPI_LX_IN=0x2002

# pair MODE ALG ESN SEED: SAs on both sides, flexsec's and Linux's.
pair() {
	local mode=$1 alg=$2 esn=$3 seed=$4 dev xmode sel flags fxflags
	local seq_out=0 seq_in=0 xseq=() fxflags=
	local fxa=192.0.2.1 lxa=192.0.2.2
	if [ "$mode" = vti ]; then
		dev=Tunnel0 xmode=tunnel sel="mark 42"
	else
		dev=Tunnel1 xmode=transport sel= fxa=192.0.2.11 lxa=192.0.2.12
	fi
	flags="replay-window 64"
	if [ "$esn" = esn ]; then
		fxflags="esn"
		flags="$flags flag esn"
		seq_out=$((0xfffffff0)) seq_in=$((0xfffffff0))
		xseq=(replay-seq 0xfffffff0 replay-oseq 0xfffffff0)
	fi
	fx fx sa flush dev Tunnel0 >/dev/null
	fx fx sa flush dev Tunnel1 >/dev/null
	ip -n lx xfrm state flush
	ip -n lx xfrm policy flush

	# flexsec: in from Linux, out to Linux.
	fx fx sa add dev $dev dir in spi $SPI_FX_IN $(fx_sa_args "$alg" "$seed") \
		replay-window 64 $fxflags seq $seq_in >/dev/null || return 1
	fx fx sa add dev $dev dir out spi $SPI_LX_IN $(fx_sa_args "$alg" "$((seed + 1))") \
		$fxflags seq $seq_out >/dev/null || return 1
	# Linux: the mirror image.
	ip -n lx xfrm state add src $lxa dst $fxa proto esp spi $SPI_FX_IN \
		mode $xmode $sel $(xfrm_sa_args "$alg" "$seed") $flags "${xseq[@]}" || return 1
	ip -n lx xfrm state add src $fxa dst $lxa proto esp spi $SPI_LX_IN \
		mode $xmode $sel $(xfrm_sa_args "$alg" "$((seed + 1))") $flags "${xseq[@]}" || return 1
	if [ "$mode" = vti ]; then
		ip -n lx xfrm policy add dir out mark 42 tmpl src 192.0.2.2 dst 192.0.2.1 \
			proto esp mode tunnel &&
		ip -n lx xfrm policy add dir in mark 42 tmpl src 192.0.2.1 dst 192.0.2.2 \
			proto esp mode tunnel
	else
		ip -n lx xfrm policy add src $lxa dst $fxa proto gre dir out \
			tmpl proto esp mode transport &&
		ip -n lx xfrm policy add src $fxa dst $lxa proto gre dir in \
			tmpl proto esp mode transport
	fi
}

# pings HOST DST COUNT
pings() {
	on "$1" ping -q -c "$3" -i 0.05 -W 2 "$2"
}

seed=1
for mode in vti gre; do
	if [ $mode = vti ]; then fxpeer=198.51.100.2 lxpeer=198.51.100.1
	else fxpeer=198.51.100.6 lxpeer=198.51.100.5; fi
	for alg in $ESP_ALGS; do
		for esn in noesn esn; do
			seed=$((seed + 2))
			what="$mode $alg $esn"
			if ! out=$(pair $mode "$alg" $esn $seed 2>&1); then
				not_ok "$what: SAs installed on both sides"
				printf '%s\n' "$out" | diag
				continue
			fi
			# With ESN, 12 packets each way cross 2^32.
			check "$what: flexsec -> Linux" pings fx $fxpeer 12
			check "$what: Linux -> flexsec" pings lx $lxpeer 12
		done
	done
done

# The counters saw it, and Linux counted no error of its own.
check_output "flexsec counted received packets" '"rx_packets": *[1-9]' \
	fx fx -j tunnel show dev Tunnel0
check_fail "Linux counted no ICV or replay error (xfrm_stat)" \
	on lx sh -c "grep -E 'XfrmInStateProtoError|XfrmInStateSeqError' /proc/net/xfrm_stat | grep -Ev '[[:space:]]0$'"

# A GRE key mismatch is counted, not delivered.
ip -n fx link set Tunnel1 type flexsec key 8
check_fail "GRE key mismatch: nothing gets through" pings lx 198.51.100.5 3
check_output "GRE key mismatch: counted as rx_gre_key" '"rx_gre_key": *[1-9]' \
	fx fx -j tunnel show dev Tunnel1
lib_done
