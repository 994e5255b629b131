#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The demo, inside the lab: FlexVPN hub and spoke. Two hubs, each with a
# virtual template, an address pool and a local authorization policy;
# three spokes whose Tunnel0 ("tunnel destination dynamic", "ip address
# negotiated") a FlexVPN client connects. Each spoke gets an address from
# its hub's pool and the hub's routes; each gets a Virtual-Access interface
# of its own on the hub; spoke-to-spoke traffic crosses the hub. spoke3
# lists two hubs: when hub1 stops, it fails over to hub2. Any step that
# must work and does not ends the demo with a non-zero status.
#
#      netns hub1                                 netns hub2
#  Loopback0 10.0.1.1                         Loopback0 10.0.2.1
#  pool 10.0.1.10-20, Vi1 Vi2 Vi3             pool 10.0.2.10-20
#  eth0 192.0.2.1                             eth0 192.0.2.2
#        |                                          |
#  ======+======= netns inet: bridge br0 ===========+=======
#        |                  |                  |
#  eth0 192.0.2.11    eth0 192.0.2.12    eth0 192.0.2.13
#  netns spoke1       netns spoke2       netns spoke3
#  peer 1 hub1        peer 1 hub1        peer 1 hub1, peer 2 hub2
source "$(dirname "$0")/../lib.sh"
require_lab
lib_init
preload_ipsec
modprobe -q bridge
flexsec_load
on_exit flexsec_unload

say() { printf '\n=== %s\n' "$*"; }
run() {
	printf '%s# %s\n' "${PROMPT:-}" "$*"
	"$@" 2>&1 | sed 's/^/    /'
	return "${PIPESTATUS[0]}"
}
# at HOST CMD...: CMD on HOST, printed after HOST's prompt; "flexsec"
# talks to HOST's flexsecd.
at() {
	local h=$1
	printf '%s# %s\n' "$h" "${*:2}"
	shift
	if [ "$1" = flexsec ]; then
		shift
		fxd "$h" "$@" 2>&1 | sed 's/^/    /'
	else
		on "$h" "$@" 2>&1 | sed 's/^/    /'
	fi
	return "${PIPESTATUS[0]}"
}
# fail WHAT: the demo stops here; the daemons' logs go with the results.
fail() {
	printf '\n*** demo FAILED: %s\n' "$*"
	_tap_fail=1
	[ -n "${FLEXSEC_RESULTS:-}" ] &&
		echo "*** the daemons' logs: $FLEXSEC_RESULTS/$TEST/"
	exit 1
}

say "Five gateways on one internet: hub1, hub2, spoke1, spoke2, spoke3"
host inet
ip -n inet link add br0 type bridge
ip -n inet link set br0 up
# wire HOST ADDR: HOST's eth0, with ADDR, on the internet's bridge.
wire() {
	ip link add eth0 netns "$1" type veth peer name "$1" netns inet
	ip -n inet link set "$1" master br0 up
	ip -n "$1" addr add "$2" dev eth0
	ip -n "$1" link set eth0 up
}
n=1
for h in hub1 hub2; do
	host $h
	wire $h 192.0.2.$n/24
	# the hub routes spoke to spoke
	on $h sysctl -qw net.ipv4.ip_forward=1
	n=$((n + 1))
done
for n in 1 2 3; do
	host spoke$n
	wire spoke$n 192.0.2.1$n/24
done

say "flexsec.ko on Linux $(uname -r)"
run modinfo -F description "$MODULE"

# hub_conf NET: a hub whose loopback and pool are in 10.0.NET.0/24.
hub_conf() {
	cat <<-CONF
	aaa new-model
	aaa authorization network FLEX local
	ip local pool SPOKES 10.0.$1.10 10.0.$1.20
	!
	crypto ikev2 authorization policy SPOKES
	 pool SPOKES
	 route set interface
	 route set remote ipv4 10.0.$1.0 255.255.255.0
	!
	crypto ikev2 keyring SPOKES
	 peer any
	  address 0.0.0.0 0.0.0.0
	  pre-shared-key flexvpn demo key
	!
	crypto ikev2 profile SPOKES
	 match identity remote fqdn domain spokes.example.net
	 authentication local pre-share
	 authentication remote pre-share
	 keyring local SPOKES
	 aaa authorization group psk list FLEX SPOKES
	 virtual-template 1
	!
	crypto ipsec profile SPOKES
	 set ikev2-profile SPOKES
	!
	interface Loopback0
	 ip address 10.0.$1.1 255.255.255.255
	!
	interface Virtual-Template1 type tunnel
	 ip unnumbered Loopback0
	 tunnel mode ipsec ipv4
	 tunnel protection ipsec profile SPOKES
	CONF
}

# spoke_conf NAME HUB...: a spoke whose FlexVPN client lists these hubs.
spoke_conf() {
	local name=$1 i=0 a
	shift
	echo "crypto ikev2 client flexvpn HUBS"
	for a; do echo " peer $((i += 1)) $a"; done
	echo " client connect Tunnel0"
	echo "!"
	cat <<-CONF
	crypto ikev2 keyring HUBS
	 peer hubs
	  address 0.0.0.0 0.0.0.0
	  pre-shared-key flexvpn demo key
	!
	crypto ikev2 profile HUBS
	$(for a; do echo " match identity remote address $a 255.255.255.255"; done)
	 identity local fqdn $name.spokes.example.net
	 authentication local pre-share
	 authentication remote pre-share
	 keyring local HUBS
	 dpd 10 2 periodic
	!
	crypto ipsec profile HUBS
	 set ikev2-profile HUBS
	!
	interface Tunnel0
	 ip address negotiated
	 tunnel destination dynamic
	 tunnel mode ipsec ipv4
	 tunnel protection ipsec profile HUBS
	CONF
}

hub_conf 1 >"$WORK/hub1.conf"
hub_conf 2 >"$WORK/hub2.conf"
spoke_conf spoke1 192.0.2.1 >"$WORK/spoke1.conf"
spoke_conf spoke2 192.0.2.1 >"$WORK/spoke2.conf"
spoke_conf spoke3 192.0.2.1 192.0.2.2 >"$WORK/spoke3.conf"

say "hub1's configuration (hub2's: the same in 10.0.2.0/24)"
sed 's/^/    /' "$WORK/hub1.conf"
say "spoke3's configuration (spoke1 and spoke2 list hub1 alone)"
sed 's/^/    /' "$WORK/spoke3.conf"
say "The proposals, policies and transform sets are IOS's smart defaults"
cd "$WORK" || fail "no $WORK"
for h in hub1 hub2 spoke1 spoke2 spoke3; do
	PATH=$TOP/build/user:$PATH run flexsecd -n -f $h.conf ||
		fail "$h's configuration does not load"
done

# client_on HOST PEER: HOST's client is up with PEER, Tunnel0 has its
# address and an outbound SA.
client_on() {
	fxd "$1" show crypto ikev2 client flexvpn | tr '\n' ' ' |
		grep -q "Current state:Tunnel0 up Peer : $2 " &&
	on "$1" ip -o -4 addr show dev Tunnel0 | grep -q inet &&
	fx "$1" -j tunnel show dev Tunnel0 | grep -Eq '"out_spi": *[1-9]'
}
# tunnel_addr HOST: the address Tunnel0 negotiated.
tunnel_addr() {
	on "$1" ip -o -4 addr show dev Tunnel0 | sed -n 's/.* inet \([0-9.]*\)\/.*/\1/p'
}

say "flexsecd starts on the hubs, then on the spokes: their clients connect"
for h in hub1 hub2 spoke1 spoke2 spoke3; do
	flexsecd_start $h "$WORK/$h.conf" || fail "flexsecd does not start on $h"
done
for h in spoke1 spoke2 spoke3; do
	wait_for 60 client_on $h 192.0.2.1 || fail "$h's client did not connect to hub1"
done
s1=$(tunnel_addr spoke1)
s2=$(tunnel_addr spoke2)
s3=$(tunnel_addr spoke3)
echo "spoke1 got $s1, spoke2 $s2, spoke3 $s3 from hub1's pool"

say "What hub1 shows: a session and a Virtual-Access interface per spoke"
at hub1 flexsec show crypto session detail || fail "show crypto session detail"
at hub1 flexsec show interfaces virtual-access 1 || fail "show interfaces virtual-access 1"
at hub1 flexsec show ip local pool || fail "show ip local pool"
at hub1 flexsec show ip local pool SPOKES
at hub1 ip -br link show type flexsec
say "Routes flexsecd installed (protocol 244): the hub's to each spoke..."
at hub1 ip route show proto 244
[ "$(on hub1 ip route show proto 244 | grep -c ' dev Vi')" = 3 ] ||
	fail "hub1 has no route to each spoke"
say "...and the spoke's to the hub's loopback and pool, over Tunnel0"
at spoke1 ip -4 -br addr show dev Tunnel0
at spoke1 ip route show proto 244
on spoke1 ip route show proto 244 | grep -q '^10.0.1.0/24 dev Tunnel0' ||
	fail "spoke1 has no route to hub1's pool"
at spoke3 flexsec show crypto ikev2 client flexvpn || fail "show crypto ikev2 client flexvpn"

say "Spoke to hub, and spoke to spoke through the hub (ttl 63: it forwarded them)"
at spoke1 ping -c 3 -i 0.3 -W 2 10.0.1.1 || fail "spoke1 does not reach hub1's loopback"
at spoke1 ping -c 3 -i 0.3 -W 2 "$s2" || fail "spoke1 does not reach spoke2 through hub1"
at spoke2 ping -c 3 -i 0.3 -W 2 "$s3" || fail "spoke2 does not reach spoke3 through hub1"
at hub1 flexsec show crypto session brief

say "hub1 stops: it deletes its sessions, and spoke3's client goes on to peer 2"
flexsecd_stop hub1
on hub1 ip link show type flexsec | grep -q 'Vi[0-9]' &&
	fail "hub1 left a Virtual-Access interface behind"
wait_for 60 client_on spoke3 192.0.2.2 || fail "spoke3 did not fail over to hub2"
at spoke3 flexsec show crypto ikev2 client flexvpn || fail "show crypto ikev2 client flexvpn"
at spoke3 flexsec show monitor event-trace crypto ikev2 event all
at spoke3 ip -4 -br addr show dev Tunnel0
at spoke3 ip route show proto 244
at spoke3 ping -c 3 -i 0.3 -W 2 10.0.2.1 || fail "spoke3 does not reach hub2's loopback"
at hub2 flexsec show crypto session brief
at hub2 flexsec show interfaces virtual-access 1 || fail "hub2 has no Virtual-Access1"
say "spoke1 has no second hub: its client keeps trying hub1"
at spoke1 flexsec show crypto ikev2 client flexvpn

say "Documentation/flexsec.rst, flexsecd(8), flexsec(8) and flexsec.conf(5) say more"
