#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A hub whose virtual template is GRE over IPsec ("tunnel mode gre ip"): a
# flexsecd spoke with a GRE Tunnel0 and "ip address negotiated" gets an
# address of the pool and a Virtual-Access interface in GRE mode, its
# CHILD SA protects GRE between the outer addresses (transport mode), and
# the spoke reaches the hub's loopback through it.
#
#        netns a (hub)                            netns b (spoke)
#   Loopback0 10.0.0.1, Vi1 (GRE)             Tunnel0 (GRE, negotiated)
#   eth0 192.0.2.1/24 ----------- veth ----------- eth0 192.0.2.2/24
source "$(dirname "$0")/../lib.sh"
require_lab
lib_init
preload_ipsec
flexsec_load
on_exit flexsec_unload

host a
host b
link a 192.0.2.1/24 b 192.0.2.2/24

# common FILE: the IKEv2 and IPsec lines both ends share.
common() {
	cat >>"$1" <<-CONF
	crypto ikev2 proposal LAB
	 encryption aes-gcm-128
	 prf sha256
	 group 19
	crypto ikev2 policy LAB
	 proposal LAB
	crypto ikev2 keyring KEYS
	 peer any
	  address 0.0.0.0 0.0.0.0
	  pre-shared-key lab secret
	crypto ipsec transform-set TS esp-gcm 128
	 mode transport
	CONF
}

cat >"$WORK/a.conf" <<-CONF
aaa new-model
aaa authorization network FLEX local
ip local pool SPOKES 10.0.0.10 10.0.0.20
crypto ikev2 authorization policy SPOKES
 pool SPOKES
 route set interface
crypto ikev2 profile HUB
 match identity remote fqdn domain lab.example
 authentication local pre-share
 authentication remote pre-share
 keyring local KEYS
 aaa authorization group psk list FLEX SPOKES
 virtual-template 1
crypto ipsec profile IPS
 set transform-set TS
 set ikev2-profile HUB
interface Loopback0
 ip address 10.0.0.1 255.255.255.255
interface Virtual-Template1 type tunnel
 ip unnumbered Loopback0
 tunnel mode gre ip
 tunnel protection ipsec profile IPS
CONF
common "$WORK/a.conf"

cat >"$WORK/b.conf" <<-CONF
crypto ikev2 profile SPOKE
 match identity remote address 192.0.2.1 255.255.255.255
 identity local fqdn b.lab.example
 authentication local pre-share
 authentication remote pre-share
 keyring local KEYS
crypto ipsec profile IPS
 set transform-set TS
 set ikev2-profile SPOKE
interface Tunnel0
 ip address negotiated
 tunnel source 192.0.2.2
 tunnel destination 192.0.2.1
 tunnel mode gre ip
 tunnel protection ipsec profile IPS
CONF
common "$WORK/b.conf"

check "the hub starts" flexsecd_start a "$WORK/a.conf"
check "the spoke starts" flexsecd_start b "$WORK/b.conf"
check "the spoke's tunnel is up" child_up b 30
check_output "the hub cloned Vi1 in GRE mode" "mode gre" \
	on a ip -d link show dev Vi1
check_output "  show interfaces virtual-access 1 says GRE" \
	"Tunnel protocol/transport GRE/IP" fxd a show interfaces virtual-access 1
check_output "the spoke took an address of the pool" \
	"inet 10\.0\.0\.(1[0-9]|20)/32" on b ip -o addr show dev Tunnel0
check_output "the CHILD SA protects GRE between the outer addresses" \
	"permit 47 host 192.0.2.1 host 192.0.2.2" fxd a show crypto session
check "the spoke reaches the hub's loopback over GRE" \
	wait_for 10 on b ping -c 2 -i 0.2 -W 2 10.0.0.1
check_output "  which Vi1 counted" '"rx_packets": *[2-9]' \
	fx a -j tunnel show dev Vi1
flexsecd_stop b
check "the spoke stopped: Vi1 goes" wait_for 10 sh -c "! ip -n a link show dev Vi1 2>/dev/null"
# a loopback taken out of the file goes at the reload
printf 'interface Loopback9\n ip address 10.9.9.9 255.255.255.255\n' >>"$WORK/a.conf"
check "the hub reloads with Loopback9" fxd a reload
check_output "  which is a dummy interface with its address" "10.9.9.9/32" \
	on a ip -o addr show dev Loopback9
sed -i '/^interface Loopback9/,$d' "$WORK/a.conf"
check "the hub reloads without it" fxd a reload
check_fail "  and Loopback9 is gone" on a ip link show dev Loopback9
check_output "  Loopback0 stays" "10.0.0.1/32" on a ip -o addr show dev Loopback0
flexsecd_stop a
lib_done
