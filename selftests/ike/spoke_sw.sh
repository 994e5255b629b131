#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A flexsecd spoke against strongSwan's charon as the hub: charon hands
# out virtual IPs from a pool, with a DNS server and a subnet; flexsecd's
# Tunnel0 ("ip address negotiated") asks for its address in IKE_AUTH,
# takes the one charon assigns, accepts its traffic selector narrowed to
# it, routes the subnet over the tunnel and reaches the hub's network.
#
#        netns a (charon, the hub)              netns b (flexsecd, a spoke)
#   dummy0 10.9.9.1/24                          Tunnel0 (address from the pool)
#   eth0 192.0.2.1/24 ---------- veth ---------- eth0 192.0.2.2/24
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../peers/charon.sh"
require_lab
lib_init
preload_ipsec
flexsec_load
on_exit flexsec_unload

host a
host b
link a 192.0.2.1/24 b 192.0.2.2/24
ip -n a link add dummy0 type dummy
ip -n a addr add 10.9.9.1/24 dev dummy0
ip -n a link set dummy0 up
# charon installs no routes here: the replies to the pool need one, for
# the lookup that finds charon's XFRM policy
ip -n a route add 10.8.0.0/24 dev eth0

mkdir -p "$(charon_dir a)"
cat >"$(charon_dir a)/swanctl.conf" <<-CONF
connections {
	spokes {
		version = 2
		local_addrs = 192.0.2.1
		proposals = aes128gcm16-prfsha256-ecp256
		mobike = no
		pools = spokes
		local {
			auth = psk
			id = 192.0.2.1
		}
		remote {
			auth = psk
			id = %any
		}
		children {
			net {
				local_ts = 0.0.0.0/0
				remote_ts = dynamic
				esp_proposals = aes128gcm16
			}
		}
	}
}
pools {
	spokes {
		addrs = 10.8.0.10-10.8.0.20
		dns = 10.9.9.53
		subnet = 10.9.9.0/24
	}
}
secrets {
	ike-lab {
		secret = "lab secret"
	}
}
CONF

cat >"$WORK/b.conf" <<-CONF
crypto ikev2 proposal LAB
 encryption aes-gcm-128
 prf sha256
 group 19
crypto ikev2 policy LAB
 proposal LAB
crypto ikev2 keyring KEYS
 peer hub
  address 192.0.2.1
  pre-shared-key lab secret
crypto ikev2 profile SPOKE
 match identity remote address 192.0.2.1 255.255.255.255
 identity local fqdn b.lab.example
 authentication local pre-share
 authentication remote pre-share
 keyring local KEYS
crypto ipsec transform-set TS esp-gcm 128
crypto ipsec profile IPS
 set transform-set TS
 set ikev2-profile SPOKE
interface Tunnel0
 ip address negotiated
 tunnel source 192.0.2.2
 tunnel destination 192.0.2.1
 tunnel mode ipsec ipv4
 tunnel protection ipsec profile IPS
CONF

check "charon (the hub) starts" charon_start a
check "flexsecd (the spoke) starts" flexsecd_start b "$WORK/b.conf"
check "the tunnel is up" child_up b 30
check_output "Tunnel0 took an address of charon's pool" \
	"inet 10\.8\.0\.(1[0-9]|20)/32" on b ip -o addr show dev Tunnel0
check_output "charon leased it" "10\.8\.0\.(1[0-9]|20)" \
	charon_swanctl a --list-pools --leases
check_output "the pool's subnet is routed over Tunnel0" \
	"^10.9.9.0/24 dev Tunnel0 " on b ip route show proto 244
check_output "show crypto session says the address" "Negotiated address: 10\.8\.0\." \
	fxd b show crypto session
check "the spoke reaches the hub's network" \
	wait_for 10 on b ping -c 2 -i 0.2 -W 2 10.9.9.1
flexsecd_stop b
check_fail "flexsecd stopped: the address is gone" \
	sh -c "ip -n b -o -4 addr show dev Tunnel0 | grep -q inet"
charon_stop a
lib_done
