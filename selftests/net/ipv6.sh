#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# flexsec tunnels with IPv6 outer addresses against Linux's own IPsec over
# IPv6: ip6_vti with XFRM tunnel-mode states (VTI), ip6gre with XFRM
# transport-mode states (GRE), the same SPIs and keys on both sides. IPv4
# and IPv6 cross each tunnel both ways. Beside them a Linux XFRM SA pair
# between other addresses, with an SPI flexsec also has, must stay
# Linux's; the outer path MTU, lowered on the router, is learned from
# ICMPv6 Packet Too Big about flexsec's ESP and passed on to the sender.
#
#   netns fx (flexsec)              netns rt            netns lx (Linux XFRM)
#   Tunnel0 vti  198.51.100.1                            vti6x 198.51.100.2
#                2001:db8:100::1                               2001:db8:100::2
#   Tunnel1 gre  198.51.100.5                            gre7  198.51.100.6
#                2001:db8:101::1 key 7                         2001:db8:101::2
#   eth0 2001:db8:1::1 (vti)     eth0 2001:db8:1::fe     eth1 2001:db8:2::2
#        2001:db8:1::11 (gre)    eth1 2001:db8:2::fe          2001:db8:2::12
#        2001:db8:1::21 (XFRM)                                2001:db8:2::22
#
# Each pair of outer addresses is its own: ip6_vti claims ESP between the
# addresses of a VTI whatever its mode.
source "$(dirname "$0")/../lib.sh"
require_lab
lib_init
preload_ipsec
modprobe -q -a ip6_vti ip6_gre 2>/dev/null
on_exit flexsec_unload
check "flexsec.ko, CLI and ip plugin" flexsec_ready

for h in fx rt lx; do
	host $h
	on $h sysctl -qw net.ipv6.conf.default.accept_dad=0
	on $h sysctl -qw net.ipv6.conf.all.accept_dad=0
done
link fx 2001:db8:1::1/64 rt 2001:db8:1::fe/64
link rt 2001:db8:2::fe/64 lx 2001:db8:2::2/64 eth1
on rt sysctl -qw net.ipv6.conf.all.forwarding=1
ip -n fx addr add 2001:db8:1::11/64 dev eth0
ip -n fx addr add 2001:db8:1::21/64 dev eth0
ip -n lx addr add 2001:db8:2::12/64 dev eth1
ip -n lx addr add 2001:db8:2::22/64 dev eth1
ip -n fx -6 route add default via 2001:db8:1::fe
ip -n lx -6 route add default via 2001:db8:2::fe

FXV=2001:db8:1::1 LXV=2001:db8:2::2	# VTI
FXG=2001:db8:1::11 LXG=2001:db8:2::12	# GRE
FXX=2001:db8:1::21 LXX=2001:db8:2::22	# Linux on both sides

check "flexsec vti tunnel with IPv6 outer addresses" \
	ip -n fx link add Tunnel0 type flexsec mode vti local $FXV remote $LXV
check "flexsec gre tunnel with IPv6 outer addresses" \
	ip -n fx link add Tunnel1 type flexsec mode gre local $FXG remote $LXG key 7
check_output "ip shows the IPv6 outer addresses" "remote $LXV local $FXV" \
	ip -n fx -d link show Tunnel0
ip -n fx addr add 198.51.100.1/30 dev Tunnel0
ip -n fx addr add 2001:db8:100::1/64 dev Tunnel0 nodad
ip -n fx addr add 198.51.100.5/30 dev Tunnel1
ip -n fx addr add 2001:db8:101::1/64 dev Tunnel1 nodad
ip -n lx link add vti6x type vti6 local $LXV remote $FXV key 42
ip -n lx link add gre7 type ip6gre local $LXG remote $FXG key 7 encaplimit none
ip -n lx addr add 198.51.100.2/30 dev vti6x
ip -n lx addr add 2001:db8:100::2/64 dev vti6x nodad
ip -n lx addr add 198.51.100.6/30 dev gre7
ip -n lx addr add 2001:db8:101::2/64 dev gre7 nodad
for d in Tunnel0 Tunnel1; do ip -n fx link set $d up; done
for d in vti6x gre7; do ip -n lx link set $d up; done
# The inner packets of the VTI carry a tunnel-mode secpath and meet no
# policy of their own.
on lx sysctl -qw net.ipv4.conf.vti6x.disable_policy=1
on lx sysctl -qw net.ipv6.conf.vti6x.disable_policy=1

SPI_FX_IN=0x1001 SPI_LX_IN=0x2002 SPI_FX_GIN=0x1003 SPI_LX_GIN=0x2004
ALG=aes-gcm-128

# xstate HOST SRC DST SPI SEED MODE...: a Linux XFRM state.
xstate() {
	local h=$1 src=$2 dst=$3 spi=$4 seed=$5
	shift 5
	ip -n "$h" xfrm state add src "$src" dst "$dst" proto esp spi "$spi" \
		$(xfrm_sa_args $ALG "$seed") replay-window 64 "$@"
}

# flexsec's SAs, and Linux's mirror images of them.
sas() {
	fx fx sa add dev Tunnel0 dir in spi $SPI_FX_IN $(fx_sa_args $ALG 1) \
		replay-window 64 >/dev/null &&
	fx fx sa add dev Tunnel0 dir out spi $SPI_LX_IN $(fx_sa_args $ALG 2) >/dev/null &&
	fx fx sa add dev Tunnel1 dir in spi $SPI_FX_GIN $(fx_sa_args $ALG 3) \
		replay-window 64 >/dev/null &&
	fx fx sa add dev Tunnel1 dir out spi $SPI_LX_GIN $(fx_sa_args $ALG 4) >/dev/null &&
	# VTI: one SA pair for IPv4 and IPv6 inside (af-unspec selectors).
	xstate lx $LXV $FXV $SPI_FX_IN 1 mode tunnel mark 42 flag af-unspec &&
	xstate lx $FXV $LXV $SPI_LX_IN 2 mode tunnel mark 42 flag af-unspec &&
	for sel in "src 0.0.0.0/0 dst 0.0.0.0/0" "src ::/0 dst ::/0"; do
		ip -n lx xfrm policy add $sel dir out mark 42 \
			tmpl src $LXV dst $FXV proto esp mode tunnel &&
		ip -n lx xfrm policy add $sel dir in mark 42 \
			tmpl src $FXV dst $LXV proto esp mode tunnel || return 1
	done &&
	# GRE: transport mode.
	xstate lx $LXG $FXG $SPI_FX_GIN 3 mode transport &&
	xstate lx $FXG $LXG $SPI_LX_GIN 4 mode transport &&
	ip -n lx xfrm policy add src $LXG dst $FXG proto gre dir out \
		tmpl proto esp mode transport &&
	ip -n lx xfrm policy add src $FXG dst $LXG proto gre dir in \
		tmpl proto esp mode transport
}
check "SAs installed on both sides" sas

# Linux on both sides, with flexsec's inbound SPI of Tunnel0 between other
# addresses: flexsec must leave that ESP to Linux.
linux_pair() {
	local h a b
	for h in fx lx; do
		xstate $h $LXX $FXX $SPI_FX_IN 11 mode transport &&
		xstate $h $FXX $LXX 0x3003 12 mode transport || return 1
	done
	ip -n fx xfrm policy add src $FXX dst $LXX dir out tmpl proto esp mode transport &&
	ip -n fx xfrm policy add src $LXX dst $FXX dir in tmpl proto esp mode transport &&
	ip -n lx xfrm policy add src $LXX dst $FXX dir out tmpl proto esp mode transport &&
	ip -n lx xfrm policy add src $FXX dst $LXX dir in tmpl proto esp mode transport
}
check "Linux XFRM SAs beside flexsec on fx" linux_pair

# pings HOST DST [ARGS...]
pings() {
	local h=$1 dst=$2
	shift 2
	on "$h" ping -q -c 10 -i 0.05 -W 2 "$@" "$dst"
}

check "vti: IPv4 flexsec -> Linux" pings fx 198.51.100.2
check "vti: IPv4 Linux -> flexsec" pings lx 198.51.100.1
check "vti: IPv6 flexsec -> Linux" pings fx 2001:db8:100::2
check "vti: IPv6 Linux -> flexsec" pings lx 2001:db8:100::1
check "gre: IPv4 flexsec -> Linux" pings fx 198.51.100.6
check "gre: IPv4 Linux -> flexsec" pings lx 198.51.100.5
check "gre: IPv6 flexsec -> Linux" pings fx 2001:db8:101::2
check "gre: IPv6 Linux -> flexsec" pings lx 2001:db8:101::1
check "Linux ESP with a flexsec SPI between other addresses stays Linux's" \
	pings fx $LXX -I $FXX

for d in Tunnel0 Tunnel1; do
	check_output "$d: flexsec counted received packets" '"rx_packets": *[1-9]' \
		fx fx -j tunnel show dev $d
	check_output "$d: flexsec counted sent packets" '"tx_packets": *[1-9]' \
		fx fx -j tunnel show dev $d
done
# xfrm_packets HOST SRC DST SPI [mark M]: Linux's packet count of a state.
xfrm_packets() {
	local h=$1 src=$2 dst=$3 spi=$4
	shift 4
	ip -n "$h" -s xfrm state get src "$src" dst "$dst" proto esp spi "$spi" "$@" |
		sed -n 's/.* \([0-9]*\)(packets).*/\1/p'
}
for s in "$LXV $FXV $SPI_FX_IN mark 42" "$FXV $LXV $SPI_LX_IN mark 42" \
	 "$LXG $FXG $SPI_FX_GIN" "$FXG $LXG $SPI_LX_GIN"; do
	set -- $s
	check_output "Linux counted packets on SPI $3" '^[1-9]' xfrm_packets lx "$@"
done
check_output "fx: Linux's own SA took the ESP for $FXX" '^[1-9]' \
	xfrm_packets fx $LXX $FXX $SPI_FX_IN
check_fail "Linux counted no ICV or replay error (xfrm_stat)" \
	on lx sh -c "grep -E 'XfrmInStateProtoError|XfrmInStateSeqError|XfrmInNoStates' /proc/net/xfrm_stat | grep -Ev '[[:space:]]0$'"

# Refusals.
check_error "local IPv4, remote IPv6: refused" \
	"must be (of one address family|addresses of the same family)" \
	ip -n fx link add Tunnel9 type flexsec mode vti local 192.0.2.1 remote $LXV
check_error "changing the remote to IPv4 under an IPv6 local: refused" \
	"local and remote must be of one address family" \
	ip -n fx link set Tunnel0 type flexsec remote 192.0.2.2
check_error "link-local outer addresses without a link: refused" \
	"link-local outer address needs a link" \
	ip -n fx link add Tunnel9 type flexsec mode vti local fe80::1 remote fe80::2
IFX=$(ip -n fx -j link show Tunnel0 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["ifindex"])')
# ynl_out ARGS...: what ynl says, success or not.
ynl_out() {
	ynl "$@" 2>&1
	true
}
check_output "ESP in UDP over IPv6: sa-new refused" \
	"ESP in UDP over IPv6 is not supported" \
	ynl_out fx --do sa-new --json "{\"ifindex\": $IFX, \"spi\": 12288, \"dir\": \"in\",
	\"enc-alg\": 1, \"enc-key\": \"$(hexkey 20 1)\", \"encap-local-port\": 4500,
	\"encap-remote-port\": 4500}"

# Path MTU: the router's link to lx goes down to 1300 bytes. The first big
# packet draws ICMPv6 Packet Too Big about flexsec's ESP, which flexsec
# takes: the route to lx learns 1300. Then flexsec tells the sender.
ip -n rt link set eth1 mtu 1300
ip -n lx link set eth1 mtu 1300
on fx ping -q -c 2 -i 0.2 -W 1 -s 1300 2001:db8:100::2 >/dev/null 2>&1
check_output "PMTU: fx learned 1300 towards lx from ICMPv6 about ESP" "mtu 1300" \
	ip -n fx -6 route get $LXV
# big_ping HOST DST: ping -M do with a packet too big for the tunnel now.
big_ping() {
	on "$1" ping -c 3 -i 0.2 -W 1 -M do -s 1250 "$2" 2>&1
	true
}
check_output "PMTU: IPv6 sender told Packet Too Big" \
	"[Pp]acket too big|[Mm]essage too long" big_ping fx 2001:db8:100::2
check_output "PMTU: the tunnel route learned the inner MTU" "mtu 1[12][0-9][0-9]" \
	ip -n fx -6 route get 2001:db8:100::2
check_output "PMTU: IPv4 sender told Frag needed" \
	"[Ff]rag needed|[Mm]essage too long" big_ping fx 198.51.100.2
check "PMTU: small packets still cross" pings fx 2001:db8:100::2 -s 1000
lib_done
