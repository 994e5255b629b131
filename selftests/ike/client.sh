#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The FlexVPN client: a flexsecd spoke whose Tunnel0 ("tunnel destination
# dynamic", "ip address negotiated") is connected by "crypto ikev2 client
# flexvpn" to the first of two flexsecd hubs. Hub 1 killed without a word,
# dead peer detection ends the session and the client fails over to hub
# 2. With "peer reactivate" and peer 1 tracking the interface towards hub
# 1, the client comes back to hub 1 once it is there again, and leaves it
# for hub 2 when that interface loses its carrier. "connect manual": the
# client connects when told to, and "clear crypto ikev2 client flexvpn"
# takes it down.
#
#      netns h1 (hub 1)        netns s (spoke)         netns h2 (hub 2)
#   Loopback0 10.0.1.1                              Loopback0 10.0.2.1
#   eth0 192.0.2.1 ---------- eth0 192.0.2.2
#                              eth1 192.0.3.2 ---------- eth1 192.0.3.1
source "$(dirname "$0")/../lib.sh"
require_lab
lib_init
preload_ipsec
flexsec_load
on_exit flexsec_unload

host h1
host s
host h2
link h1 192.0.2.1/24 s 192.0.2.2/24 eth0
link h2 192.0.3.1/24 s 192.0.3.2/24 eth1

# hub_conf FILE NET: a hub whose loopback and pool are in 10.0.NET.0/24.
hub_conf() {
	cat >"$1" <<-CONF
	aaa new-model
	aaa authorization network FLEX local
	ip local pool SPOKES 10.0.$2.10 10.0.$2.20
	crypto ikev2 authorization policy SPOKES
	 pool SPOKES
	 route set interface
	crypto ikev2 proposal LAB
	 encryption aes-gcm-128
	 prf sha256
	 group 19
	crypto ikev2 policy LAB
	 proposal LAB
	crypto ikev2 keyring KEYS
	 peer spokes
	  address 0.0.0.0 0.0.0.0
	  pre-shared-key lab secret
	crypto ikev2 profile HUB
	 match identity remote fqdn domain lab.example
	 authentication local pre-share
	 authentication remote pre-share
	 keyring local KEYS
	 dpd 10 2 periodic
	 aaa authorization group psk list FLEX SPOKES
	 virtual-template 1
	crypto ipsec transform-set TS esp-gcm 128
	crypto ipsec profile IPS
	 set transform-set TS
	 set ikev2-profile HUB
	interface Loopback0
	 ip address 10.0.$2.1 255.255.255.255
	interface Virtual-Template1 type tunnel
	 ip unnumbered Loopback0
	 tunnel mode ipsec ipv4
	 tunnel protection ipsec profile IPS
	CONF
}

# spoke_conf CLIENT_LINES...: the spoke, with these lines in its client.
spoke_conf() {
	local extra
	extra=$(printf ' %s\n' "$@")
	cat >"$WORK/s.conf" <<-CONF
	track 1 interface eth0 line-protocol
	crypto ikev2 client flexvpn FLEX
	 peer 1 192.0.2.1
	 peer 2 192.0.3.1
	$extra
	 client connect Tunnel0
	crypto ikev2 proposal LAB
	 encryption aes-gcm-128
	 prf sha256
	 group 19
	crypto ikev2 policy LAB
	 proposal LAB
	crypto ikev2 keyring KEYS
	 peer hubs
	  address 0.0.0.0 0.0.0.0
	  pre-shared-key lab secret
	crypto ikev2 profile SPOKE
	 match identity remote address 192.0.2.1 255.255.255.255
	 match identity remote address 192.0.3.1 255.255.255.255
	 identity local fqdn s.lab.example
	 authentication local pre-share
	 authentication remote pre-share
	 keyring local KEYS
	 dpd 10 2 periodic
	crypto ipsec transform-set TS esp-gcm 128
	crypto ipsec profile IPS
	 set transform-set TS
	 set ikev2-profile SPOKE
	interface Tunnel0
	 ip address negotiated
	 tunnel destination dynamic
	 tunnel mode ipsec ipv4
	 tunnel protection ipsec profile IPS
	CONF
}

# on_peer ADDRESS: the client is up with that peer.
on_peer() {
	fxd s show crypto ikev2 client flexvpn FLEX | tr '\n' ' ' |
		grep -q "Current state:Tunnel0 up Peer : $1 "
}

# hub_reached NET: the spoke pings hub NET's loopback through the tunnel.
hub_reached() {
	on s ping -c 2 -i 0.2 -W 2 "10.0.$1.1" >/dev/null
}

hub_kill() {
	local pid
	pid=$(ip netns pids "$1" | while read -r p; do
		grep -qs flexsecd "/proc/$p/cmdline" && echo "$p"; done)
	[ -n "$pid" ] && kill -9 $pid
	rm -f "$WORK/$1.sock"
}

hub_conf "$WORK/h1.conf" 1
hub_conf "$WORK/h2.conf" 2
spoke_conf
check "the spoke's configuration loads" "$FLEXSECD" -n -f "$WORK/s.conf"
check "hub 1 starts" flexsecd_start h1 "$WORK/h1.conf"
check "hub 2 starts" flexsecd_start h2 "$WORK/h2.conf"
check "the spoke starts" flexsecd_start s "$WORK/s.conf"
check "the client connects to peer 1" wait_for 30 on_peer 192.0.2.1
check_output "  with the address hub 1 assigned" "Assigned ip: 10\.0\.1\.1[0-9]" \
	fxd s show crypto ikev2 client flexvpn
check "  and reaches hub 1's loopback" wait_for 10 hub_reached 1

# -- dead peer detection: to peer 2 --
hub_kill h1
check "hub 1 killed: the client fails over to peer 2" wait_for 60 on_peer 192.0.3.1
check_output "  with an address of hub 2" "inet 10\.0\.2\.1[0-9]/32" \
	on s ip -o addr show dev Tunnel0
check "  and reaches hub 2's loopback" wait_for 10 hub_reached 2
check_output "  counted as a failover" '"failovers": *1' \
	fxd s -j show crypto ikev2 client flexvpn

# -- peer reactivate: back to peer 1 --
check "hub 1 comes back" flexsecd_start h1 "$WORK/h1.conf"
spoke_conf "peer reactivate"
sed -i 's/^ peer 1 192.0.2.1$/ peer 1 192.0.2.1 track 1/' "$WORK/s.conf"
check "the spoke reloads with peer reactivate" fxd s reload
check "the client goes back to peer 1" wait_for 30 on_peer 192.0.2.1
check "  and reaches hub 1's loopback" wait_for 10 hub_reached 1

# -- peer 1's track goes down: to peer 2 --
ip -n h1 link set eth0 down
check "eth0 lost its carrier: the client moves to peer 2" wait_for 30 on_peer 192.0.3.1
check "  and reaches hub 2's loopback" wait_for 10 hub_reached 2
ip -n h1 link set eth0 up
check "eth0 is back: the client returns to peer 1" wait_for 30 on_peer 192.0.2.1

# -- connect manual --
spoke_conf "connect manual"
check "the spoke reloads with connect manual" fxd s reload
check "clear crypto ikev2 client flexvpn FLEX" fxd s clear crypto ikev2 client flexvpn FLEX
check "  takes the client down" wait_for 15 sh -c \
	"FLEXSEC_SOCKET=$WORK/s.sock ip netns exec s $FLEXSEC show crypto ikev2 client flexvpn | grep -q 'Current state:Tunnel0 down'"
sleep 3
check_fail "  and it stays down" on_peer 192.0.2.1
check "crypto ikev2 client flexvpn connect FLEX" \
	fxd s crypto ikev2 client flexvpn connect FLEX
check "  brings it up again" wait_for 30 on_peer 192.0.2.1
lib_done
