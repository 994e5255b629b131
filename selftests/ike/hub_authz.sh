#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A FlexVPN hub's authorization beyond the configuration payload, between
# two flexsecd: the profile's "aaa authorization group psk list FLEX
# name-mangler DOM" with "fqdn domain" authorizes the spoke e.branch.example
# under the policy branch.example (its pool, not that of the policy named
# like the whole identity); that policy's "route accept any tag 42" is the
# realm of the hub's route to the spoke, and its "session-lifetime 10"
# ends the session: the hub deletes the IKE SA, Virtual-Access1 goes, and
# the exit-path table says why. (flexsecd -L 10 takes lifetimes that
# short.)
#
#          netns a (hub)                 netns e (spoke)
#   Loopback0 10.0.0.1, Vi1
#          eth0 192.0.5.1 ------------- eth0 192.0.5.2
source "$(dirname "$0")/../lib.sh"
require_lab
lib_init
preload_ipsec
flexsec_load
on_exit flexsec_unload

host a
host e
link a 192.0.5.1/24 e 192.0.5.2/24 eth0

cat >"$WORK/a.conf" <<-CONF
	hostname hub
	aaa new-model
	aaa authorization network FLEX local
	ip local pool BRANCH 10.0.1.10 10.0.1.12
	ip local pool WHOLE 10.0.2.10 10.0.2.12
	!
	crypto ikev2 name-mangler DOM
	 fqdn domain
	!
	crypto ikev2 authorization policy branch.example
	 pool BRANCH
	 route set interface
	 route accept any tag 42
	 ipsec flow-limit 4
	 session-lifetime 10
	crypto ikev2 authorization policy e.branch.example
	 pool WHOLE
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
	 match identity remote fqdn domain branch.example
	 authentication local pre-share
	 authentication remote pre-share
	 keyring local KEYS
	 aaa authorization group psk list FLEX name-mangler DOM
	 virtual-template 1
	crypto ipsec transform-set TS esp-gcm 128
	crypto ipsec profile IPS
	 set transform-set TS
	 set ikev2-profile HUB
	!
	interface Loopback0
	 ip address 10.0.0.1 255.255.255.255
	!
	interface Virtual-Template1 type tunnel
	 ip unnumbered Loopback0
	 tunnel mode ipsec ipv4
	 tunnel protection ipsec profile IPS
	CONF

cat >"$WORK/e.conf" <<-CONF
	hostname e
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
	 identity local fqdn e.branch.example
	 authentication local pre-share
	 authentication remote pre-share
	 keyring local KEYS
	crypto ipsec transform-set TS esp-gcm 128
	crypto ipsec profile IPS
	 set transform-set TS
	 set ikev2-profile SPOKE
	interface Tunnel0
	 ip address negotiated
	 tunnel source 192.0.5.2
	 tunnel destination 192.0.5.1
	 tunnel mode ipsec ipv4
	 tunnel protection ipsec profile IPS
	CONF

export FLEXSECD_ARGS="-L 10"
check "hub: the configuration loads" "$FLEXSECD" -L 10 -n -f "$WORK/a.conf"
check "hub: flexsecd starts" flexsecd_start a "$WORK/a.conf" ikev2,error,vtemplate
check "spoke e: flexsecd starts" flexsecd_start e "$WORK/e.conf"
check "spoke e: its tunnel is up" child_up e 30
t_up=$SECONDS

# -- the name-mangler picks the policy --
check_output "hub: the group authorization looked up the mangled name" \
	"username branch.example for group author request" cat "$WORK/a.log"
check_output "spoke e: an address of branch.example's pool" \
	"inet 10\.0\.1\.1[0-2]/32" on e ip -o addr show dev Tunnel0

# -- route accept any tag 42: the realm of the hub's route --
check_output "hub: the route to the spoke over Vi1 has realm 42" \
	"^10\.0\.1\.1[0-2] dev Vi1 .*realm 42" on a ip route show proto 244

# -- session-lifetime 10: the hub ends the session --
check "hub: the session ends after its lifetime" \
	wait_for 25 grep -q "SESSION_LIFETIME" "$WORK/a.log"
took=$((SECONDS - t_up))
check "  not before (${took} s after the tunnel came up)" test "$took" -ge 8
check "hub: Virtual-Access1 goes with it" wait_for 10 grep -q \
	"Interface Virtual-Access1, changed state to down" "$WORK/a.log"
check_output "hub: the exit path says why" \
	"Session lifetime of 10 s expired" fxd a show crypto ikev2 diagnose error
check_output "spoke e: the hub deleted the IKE SA" \
	"DELETE|SA_DOWN" cat "$WORK/e.log"

flexsecd_stop e
flexsecd_stop a
check_fail "hub stopped: no route of flexsecd's left" \
	sh -c "ip -n a route show proto 244 | grep -q ."
lib_done
