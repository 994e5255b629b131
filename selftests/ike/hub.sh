#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A FlexVPN hub: flexsecd with interface Virtual-Template1 (ip unnumbered
# Loopback0) and an IKEv2 profile with "virtual-template 1" and local
# group authorization (a pool, DNS, route set interface, route set
# remote); as spokes, strongSwan charons asking for a virtual IP and a
# flexsecd whose Tunnel0 has "ip address negotiated". Each spoke gets an
# address from the pool in the configuration payload and a Virtual-Access
# interface of its own on the hub (Vi1, Virtual-Access1 as IOS calls it)
# with a route to that address; the flexsecd spoke puts the address on its
# tunnel and routes the subnets the hub sent over it. Spoke to hub and
# spoke to spoke traffic crosses the hub. The pool's three addresses
# given, a fourth spoke fails as the chapter says ("Fail to alloc IP
# addr"). A spoke that leaves takes its interface, route and lease with
# it; one that comes back gets them anew. IPv6 too: the pool config has
# an ipv6 local pool; charon c asks for "vips = 0.0.0.0, ::" and gets a
# /64 of it (sent as its first host, ::1), the flexsecd spoke's Tunnel0
# ("ipv6 enable") as well; both ping the hub's IPv6 loopback address
# over IPv6 selectors.
#
#                         netns a (hub)
#          Loopback0 10.0.0.1, 2001:db8::1, Vi1, Vi2, ...
#          eth0 192.0.2.1  eth1 192.0.3.1  eth2 192.0.4.1
#               |               |               |
#          netns b         netns c         netns d      (eth3: netns e,
#          charon          charon          charon        flexsecd spoke
#          192.0.2.2       192.0.3.2       192.0.4.2     192.0.5.2)
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../peers/charon.sh"
require_lab
lib_init
preload_ipsec
flexsec_load
on_exit flexsec_unload

host a
host b
host c
host d
host e
link a 192.0.2.1/24 b 192.0.2.2/24 eth0
link a 192.0.3.1/24 c 192.0.3.2/24 eth1
link a 192.0.4.1/24 d 192.0.4.2/24 eth2
link a 192.0.5.1/24 e 192.0.5.2/24 eth3
on a sysctl -qw net.ipv4.ip_forward=1
# no duplicate address detection for charon's virtual IPv6 address: it is
# usable at once (flexsecd adds its addresses without DAD)
on c sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.eth1.accept_dad=0

cat >"$WORK/a.conf" <<-CONF
	hostname hub
	aaa new-model
	aaa authorization network FLEX local
	ip local pool SPOKES 10.0.0.10 10.0.0.12
	ipv6 local pool SPOKES6 2001:db8:1::/62 64
	ipv6 access-list HUB6
	 permit ipv6 2001:db8::/64 any
	!
	crypto ikev2 authorization policy SPOKES
	 pool SPOKES
	 dns 10.0.0.53
	 route set interface
	 route set remote ipv4 10.0.0.0 255.255.255.0
	 route accept any
	 ipv6 pool SPOKES6
	 ipv6 dns 2001:db8::53
	 route set access-list ipv6 HUB6
	!
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
	 aaa authorization group psk list FLEX SPOKES
	 virtual-template 1
	crypto ipsec transform-set TS esp-gcm 128
	crypto ipsec profile IPS
	 set transform-set TS
	 set ikev2-profile HUB
	!
	interface Loopback0
	 ip address 10.0.0.1 255.255.255.255
	 ipv6 address 2001:db8::1/128
	!
	interface Virtual-Template1 type tunnel
	 ip unnumbered Loopback0
	 tunnel mode ipsec ipv4
	 tunnel protection ipsec profile IPS
	 description spokes
	CONF

# e_conf NO-ACCEPT: spoke e, whose own policy announces its address and
# 172.16.5.0/24 and takes the hub's routes, unless NO-ACCEPT is "no".
e_conf() {
	cat <<-CONF
	hostname e
	aaa new-model
	aaa authorization network FLEX local
	crypto ikev2 authorization policy default
	 route set interface
	 route set remote ipv4 172.16.5.0 255.255.255.0
	 ${1:+$1 route accept any}
	crypto ikev2 proposal LAB
	 encryption aes-gcm-128
	 prf sha256
	 group 19
	crypto ikev2 policy LAB
	 proposal LAB
	crypto ikev2 keyring KEYS
	 peer hub
	  address 192.0.5.1
	  pre-shared-key lab secret
	crypto ikev2 profile SPOKE
	 match identity remote address 192.0.5.1 255.255.255.255
	 identity local fqdn e.lab.example
	 authentication local pre-share
	 authentication remote pre-share
	 keyring local KEYS
	 aaa authorization group psk list FLEX default
	crypto ipsec transform-set TS esp-gcm 128
	crypto ipsec profile IPS
	 set transform-set TS
	 set ikev2-profile SPOKE
	interface Tunnel0
	 ip address negotiated
	 ipv6 enable
	 tunnel source 192.0.5.2
	 tunnel destination 192.0.5.1
	 tunnel mode ipsec ipv4
	 tunnel protection ipsec profile IPS
	CONF
}
e_conf >"$WORK/e.conf"
e_conf no >"$WORK/e-no-accept.conf"

# spoke_conf HOST ADDRESS HUB [VIPS REMOTE_TS]: charon asking for a
# virtual IP (an IPv4 one unless VIPS says more).
spoke_conf() {
	mkdir -p "$(charon_dir "$1")"
	cat >"$(charon_dir "$1")/swanctl.conf" <<-CONF
	connections {
		hub {
			version = 2
			local_addrs = $2
			remote_addrs = $3
			proposals = aes128gcm16-prfsha256-ecp256
			mobike = no
			vips = ${4:-0.0.0.0}
			local {
				auth = psk
				id = $1.lab.example
			}
			remote {
				auth = psk
				id = $3
			}
			children {
				net {
					local_ts = dynamic
					remote_ts = ${5:-0.0.0.0/0}
					esp_proposals = aes128gcm16
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

export CHARON_EXTRA="install_virtual_ip = yes"

# vip HOST: the virtual IP HOST's charon got and put on an interface.
vip() {
	on "$1" ip -4 -o addr show | sed -n 's/.* inet \(10\.0\.0\.[0-9]*\)\/32 .*/\1/p' | head -1
}

# vip6 HOST: the IPv6 one, of the hub's pool.
vip6() {
	on "$1" ip -6 -o addr show | sed -n 's/.* inet6 \(2001:db8:1:[0-9a-f:]*\)\/.*/\1/p' | head -1
}

# spoke_up HOST ADDRESS HUB [VIPS REMOTE_TS]: start HOST's charon and
# bring its CHILD SA up.
spoke_up() {
	spoke_conf "$@" &&
	charon_start "$1" &&
	charon_swanctl "$1" --initiate --child net --timeout 20 >"$WORK/$1.initiate" 2>&1
}

check "hub: the configuration loads" "$FLEXSECD" -n -f "$WORK/a.conf"
check "hub: flexsecd starts" flexsecd_start a "$WORK/a.conf" ikev2,error,vtemplate
check_output "hub: Loopback0 is a dummy interface with its address" \
	"10.0.0.1/32" on a ip -o addr show dev Loopback0
check_output "hub: show ip local pool, nothing in use" \
	"SPOKES +10.0.0.10 +10.0.0.12 +3 +0" fxd a show ip local pool
check_output "hub: show crypto ikev2 authorization policy" \
	"IPv4 Address Pool : SPOKES" fxd a show crypto ikev2 authorization policy SPOKES
check_fail "hub: no 'not applied yet' warning for the IPv6 lines" \
	sh -c "'$FLEXSECD' -n -f '$WORK/a.conf' 2>&1 | grep 'not applied'"
check_output "hub: Loopback0 has its IPv6 address" "2001:db8::1/128" \
	on a ip -o -6 addr show dev Loopback0

# -- the first spoke --
check "spoke b: connects" spoke_up b 192.0.2.2 192.0.2.1
check_output "spoke b: got an address from the pool" "^10\.0\.0\.1[0-2]$" vip b
vb=$(vip b)
check_output "spoke b: the reply held the address, DNS and two subnets" \
	"CPRP\(ADDR DNS SUBNET SUBNET\)" cat "$WORK/b.initiate" "$(charon_dir b)/charon.log"
check_output "hub: Vi1 exists, a flexsec interface" "flexsec" \
	on a ip -d link show dev Vi1
check_output "hub:   with the IOS name as its alias" "alias Virtual-Access1" \
	on a ip link show dev Vi1
check_output "hub:   and Loopback0's address" "10.0.0.1/32" \
	on a ip -o addr show dev Vi1
check_output "hub: a route to the spoke's address over Vi1, proto 244" \
	"^$vb dev Vi1 proto 244" on a ip route show $vb
check_output "hub: show ip local pool, one in use" \
	"SPOKES +10.0.0.10 +10.0.0.12 +2 +1" fxd a show ip local pool
check_output "hub:   and which" "^ +$vb$" fxd a show ip local pool SPOKES
check_output "hub: show crypto session names Virtual-Access1" \
	"Interface: Virtual-Access1" fxd a show crypto session
check_output "hub:   with the address it assigned" "Assigned address: $vb" \
	fxd a show crypto session
check_output "hub: show crypto session detail, its route" \
	"Route: $vb/32 metric 1" fxd a show crypto session detail
check_output "hub: show crypto ikev2 sa detailed says it too" \
	"Remote assigned address is: $vb" fxd a show crypto ikev2 sa detailed
check_output "hub:   with the route to it in its remote subnets" \
	"^      $vb 255\.255\.255\.255$" fxd a show crypto ikev2 sa detailed
check_output "hub: show interfaces virtual-access 1" \
	"Virtual-Access1 is up, line protocol is up" fxd a show interfaces virtual-access 1
check_output "hub: show derived-config interface virtual-access 1" \
	"tunnel destination 192.0.2.2" fxd a show derived-config interface virtual-access 1
check_output "  with the template's lines" "ip unnumbered Loopback0" \
	fxd a show interfaces virtual-access 1 configuration
check_output "hub: debug vtemplate cloning" "Cloning Virtual-Access1 from Virtual-Template1" \
	cat "$WORK/a.log"
on b ip route add 10.0.0.0/24 dev eth0 src "$vb"
check "spoke b: pings the hub's loopback through the tunnel" \
	on b ping -c 3 -i 0.2 -W 2 -I "$vb" 10.0.0.1
check_output "hub:   which arrived on Vi1" '"rx_packets": *[3-9]' \
	fx a -j tunnel show dev Vi1

# -- a flexsecd spoke: ip address negotiated --
check "spoke e: flexsecd starts" flexsecd_start e "$WORK/e.conf"
check "spoke e: its tunnel is up" child_up e 30
check_output "spoke e: Tunnel0 took the address the hub assigned" \
	"inet 10\.0\.0\.1[0-2]/32" on e ip -o addr show dev Tunnel0
ve=$(on e ip -o -4 addr show dev Tunnel0 | sed -n 's/.* inet \([0-9.]*\)\/32.*/\1/p')
check "  another than b's" test "$ve" != "$vb"
check_output "spoke e: show crypto session says so" "Negotiated address: $ve" \
	fxd e show crypto session
check_output "  and its IPv6 address" "Negotiated IPv6 address: 2001:db8:1::1/64" \
	fxd e show crypto session
check_output "  and an IPv6 flow, its prefix to any" \
	"IPSEC FLOW: permit ip 2001:db8:1::/64 ::/0" fxd e show crypto session
check_output "spoke e: the hub's routes over Tunnel0, proto 244" \
	"^10.0.0.0/24 dev Tunnel0 " on e ip route show proto 244
check_output "  route set interface: the hub's loopback" \
	"^10.0.0.1 dev Tunnel0 " on e ip route show proto 244
check_output "hub: e has Vi2" "alias Virtual-Access2" on a ip link show dev Vi2
check "spoke e: pings the hub's loopback" on e ping -c 3 -i 0.2 -W 2 10.0.0.1
check "spoke e: pings spoke b through the hub" \
	on e ping -c 3 -i 0.2 -W 2 "$vb"
check_output "hub: e's CFG_SET announced its subnet" \
	"Config-type: Config-set: 2 subnet" cat "$WORK/a.log"
check_output "hub:   routed over Vi2 (route accept any)" \
	"^172.16.5.0/24 dev Vi2 .*metric 1" on a ip route show proto 244
check_output "hub:   and acknowledged" "Config-type: Config-ack: 2 subnet" \
	cat "$WORK/a.log"
check_output "spoke e: Tunnel0 took the IPv6 address, the pool's first /64's ::1" \
	"inet6 2001:db8:1::1/64" on e ip -o -6 addr show dev Tunnel0
check_output "  the hub's IPv6 routes: route set interface" \
	"^2001:db8::1 dev Tunnel0 " on e ip -6 route show proto 244
check_output "  and route set access-list ipv6" \
	"^2001:db8::/64 dev Tunnel0 " on e ip -6 route show proto 244
check_output "hub: a route to e's prefix over Vi2, proto 244" \
	"^2001:db8:1::/64 dev Vi2 proto 244" on a ip -6 route show 2001:db8:1::/64
check "spoke e: pings the hub's IPv6 loopback address" \
	on e ping -6 -c 3 -i 0.2 -W 2 2001:db8::1

# -- the third spoke, dual-stack --
check "spoke c: connects asking for IPv4 and IPv6" \
	spoke_up c 192.0.3.2 192.0.3.1 "0.0.0.0, ::" "0.0.0.0/0, ::/0"
vc=$(vip c)
check_output "spoke c: got the third address" "^10\.0\.0\.1[0-2]$" echo "$vc"
check "  not b's or e's" test "$vc" != "$vb" -a "$vc" != "$ve"
check_output "hub: c has Vi3" "alias Virtual-Access3" on a ip link show dev Vi3
vc6=$(vip6 c)
check_output "spoke c: and an IPv6 address, the second /64's ::1" \
	"^2001:db8:1:1::1$" echo "$vc6"
check_output "hub: a route to c's prefix over Vi3" \
	"^2001:db8:1:1::/64 dev Vi3 proto 244" on a ip -6 route show 2001:db8:1:1::/64
check_output "spoke c: an IPv6 selector for its address" \
	"local .*$vc6/128" charon_swanctl c --list-sas
check_output "  to ::/0" "remote .*::/0" charon_swanctl c --list-sas
on c ip -6 route replace 2001:db8::/64 dev eth1 src "$vc6"
check "spoke c: pings the hub's IPv6 loopback through the tunnel" \
	on c ping -6 -c 3 -i 0.2 -W 2 -I "$vc6" 2001:db8::1
check_output "hub:   which arrived on Vi3" '"rx_packets": *[3-9]' \
	fx a -j tunnel show dev Vi3
check_output "hub: show ipv6 local pool, two prefixes in use" \
	"SPOKES6 +2001:db8:1::/62 +2 +2" fxd a show ipv6 local pool
check_output "  and which" "^ +2001:db8:1:1::/64$" fxd a show ipv6 local pool SPOKES6
check_output "  in JSON" '"assigned_length":64' fxd a -j show ipv6 local pool
check_fail "hub: show ip local pool has IPv4 pools only" \
	sh -c "FLEXSEC_SOCKET=$WORK/a.sock ip netns exec a $FLEXSEC show ip local pool | grep SPOKES6"
check_output "hub: show crypto session detail, c's IPv6 address" \
	"Assigned IPv6 address: $vc6/64" fxd a show crypto session detail
check_output "hub: show crypto ikev2 sa detailed says it too" \
	"Remote assigned IPv6 address is: $vc6/64" fxd a show crypto ikev2 sa detailed
check_output "hub: c's IPv6 flow, narrowed to its prefix" \
	"IPSEC FLOW: permit ip ::/0 2001:db8:1:1::/64 " fxd a show crypto session

# -- the pool is used up: the third spoke fails --
check_fail "spoke d: cannot connect" spoke_up d 192.0.4.2 192.0.4.1
check_output "hub: the exit path names the pool" "Fail to alloc IP addr" \
	fxd a show crypto ikev2 diagnose error
check_output "spoke d: was refused (INTERNAL_ADDRESS_FAILURE)" \
	"INT_ADDR_FAIL|INTERNAL_ADDRESS_FAILURE" \
	cat "$WORK/d.initiate" "$(charon_dir d)/charon.log"
check_fail "hub: no Vi4 was left" on a ip link show dev Vi4
check_output "hub: show ip local pool, three in use" \
	"SPOKES +10.0.0.10 +10.0.0.12 +0 +3" fxd a show ip local pool

# -- a spoke leaves, and comes back --
charon_swanctl b --terminate --ike hub --timeout 10 >/dev/null 2>&1
check "spoke b leaves: Vi1 goes" wait_for 10 sh -c "! ip -n a link show dev Vi1 2>/dev/null"
check_fail "  and the route to its address" sh -c "ip -n a route show $vb | grep -q ."
check_output "  and its lease" "SPOKES +10.0.0.10 +10.0.0.12 +1 +2" \
	fxd a show ip local pool
check_output "hub: show crypto session, two left" "^2$" \
	sh -c "FLEXSEC_SOCKET=$WORK/a.sock ip netns exec a $FLEXSEC show crypto session | grep -c 'Interface: Virtual-Access'"
check "spoke b: comes back" charon_swanctl b --initiate --child net --timeout 20
check_output "hub: with Vi1 again" "alias Virtual-Access1" on a ip link show dev Vi1
vb=$(vip b)
# the route went with the address charon took away
on b ip route replace 10.0.0.0/24 dev eth0 src "$vb"
check "spoke b: pings the hub again" on b ping -c 2 -i 0.2 -W 2 -I "$vb" 10.0.0.1

# -- the hub stops: it leaves nothing behind --
flexsecd_stop e
check_fail "spoke e stopped: Tunnel0 gave its address back" \
	sh -c "ip -n e -o -4 addr show dev Tunnel0 | grep -q inet"
check_fail "  and its routes" sh -c "ip -n e route show proto 244 | grep -q ."
check_fail "hub:   and its subnet goes with Vi2" \
	sh -c "ip -n a route show proto 244 | grep -q 172.16.5.0"

# -- a spoke that accepts no routes: an address, no route, both named --
check "spoke e: starts with no 'route accept'" \
	flexsecd_start e "$WORK/e-no-accept.conf"
check "spoke e:   its tunnel is up" child_up e 30
check_output "spoke e:   it has an address" "inet 10\.0\.0\.1[0-2]/32" \
	on e ip -o addr show dev Tunnel0
check_fail "spoke e:   but no route of the hub" \
	sh -c "ip -n e route show proto 244 | grep -q ."
check_output "spoke e:   and the exit path names them" \
	"The peer sent 2 route\(s\) for Tunnel0 \(10.0.0.1, 10.0.0.0/24\) but the authorization policy has no 'route accept'" \
	fxd e show crypto ikev2 diagnose error
flexsecd_stop e
check_fail "  and its IPv6 address and routes" \
	sh -c "ip -n e -6 route show proto 244 | grep -q . || ip -n e -o -6 addr show dev Tunnel0 | grep -q 2001:db8"
flexsecd_stop a
check_fail "hub stopped: no Virtual-Access interface left" \
	sh -c "ip -n a link show | grep -q ' Vi[0-9]*[:@]'"
check_fail "  and no route of flexsecd's" sh -c "ip -n a route show proto 244 | grep -q ."
check_fail "  IPv4 or IPv6" sh -c "ip -n a -6 route show proto 244 | grep -q ."
for h in b c d; do charon_stop $h; done
lib_done
