#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# NAT traversal: two flexsecd spokes and a strongSwan spoke behind one
# nftables masquerade (random source ports) reach a flexsecd hub with a
# virtual template. NAT detection moves IKE to UDP 4500 after IKE_SA_INIT,
# the CHILD SAs carry ESP in UDP both ways (flexsec.ko sends it and takes
# it from the NAT-T socket flexsecd hands it), the spokes behind the one
# public address are kept apart by port, and a NAT mapping that changes
# (the NAT's conntrack flushed: new source ports) is followed from the
# authenticated ESP without a new negotiation. Keepalives go out from the
# spokes behind the NAT; tshark reads the ESP in UDP as ESP.
#
#     netns s1 192.168.1.2 --\
#     netns s2 192.168.2.2 ---- netns n (masquerade) 192.0.2.254 ---- netns a (hub)
#     netns s3 192.168.3.2 --/  (charon)                              192.0.2.1
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../peers/charon.sh"
require_lab
lib_init
preload_ipsec
flexsec_load
on_exit flexsec_unload

host a
host n
host s1
host s2
host s3
link n 192.0.2.254/24 a 192.0.2.1/24 eth0
link n 192.168.1.1/24 s1 192.168.1.2/24 eth1
link n 192.168.2.1/24 s2 192.168.2.2/24 eth2
link n 192.168.3.1/24 s3 192.168.3.2/24 eth3
on n sysctl -qw net.ipv4.ip_forward=1
for h in s1 s2 s3; do
	on $h ip route add default via "192.168.${h#s}.1"
done
nat_rules() {
	on n nft -f - <<-NFT
	flush ruleset
	table ip nat {
		chain post {
			type nat hook postrouting priority srcnat;
			oifname "eth0" masquerade random
		}
	}
	NFT
}
check "the NAT: nftables masquerade with random ports" nat_rules

cat >"$WORK/a.conf" <<-CONF
	hostname hub
	aaa new-model
	aaa authorization network FLEX local
	ip local pool SPOKES 10.0.0.10 10.0.0.19
	crypto ikev2 authorization policy SPOKES
	 pool SPOKES
	 route set interface
	 route accept any
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
	interface Loopback0
	 ip address 10.0.0.1 255.255.255.255
	interface Virtual-Template1 type tunnel
	 ip unnumbered Loopback0
	 tunnel mode ipsec ipv4
	 tunnel protection ipsec profile IPS
	CONF

# spoke_conf N: flexsecd spoke sN behind the NAT, keepalives every 5 s.
spoke_conf() {
	cat <<-CONF
	hostname s$1
	aaa new-model
	aaa authorization network FLEX local
	crypto ikev2 authorization policy default
	 route set interface
	 route accept any
	crypto ikev2 nat keepalive 5
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
	 identity local fqdn s$1.lab.example
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
	 tunnel source 192.168.$1.2
	 tunnel destination 192.0.2.1
	 tunnel mode ipsec ipv4
	 tunnel protection ipsec profile IPS
	CONF
}
spoke_conf 1 >"$WORK/s1.conf"
spoke_conf 2 >"$WORK/s2.conf"

# ping_hub HOST: HOST reaches the hub's loopback through its tunnel.
ping_hub() {
	wait_for 10 on "$1" ping -c 1 -W 1 10.0.0.1
}

check "hub: flexsecd starts" flexsecd_start a "$WORK/a.conf"
check_output "hub: the NAT-T socket is flexsec.ko's" '"available": *true' \
	fxd a -j show crypto ikev2 stats

# -- the first spoke --
check "s1: flexsecd starts" flexsecd_start s1 "$WORK/s1.conf"
check "s1: its tunnel is up" child_up s1 30
check_output "s1: NAT detected, itself behind it" "NAT-T is detected inside" \
	fxd s1 show crypto ikev2 sa detailed
check_output "s1: IKE moved to 4500" "192\.168\.1\.2/4500 +192\.0\.2\.1/4500" \
	fxd s1 show crypto ikev2 sa
check_output "hub: NAT detected, the peer behind it" "NAT-T is detected outside" \
	fxd a show crypto ikev2 sa detailed
check_output "hub: the peer is the NAT's address and a port of its own" \
	"192\.0\.2\.1/4500 +192\.0\.2\.254/[0-9]+ " fxd a show crypto ikev2 sa
check_output "hub: the SAs say UDP-Encaps" "in use settings ={Tunnel UDP-Encaps, }" \
	fxd a show crypto ipsec sa
check_output "s1:   so do its own" "in use settings ={Tunnel UDP-Encaps, }" \
	fxd s1 show crypto ipsec sa
check "s1: pings the hub's loopback through the tunnel" ping_hub s1

# tshark reads what crosses the hub's link as ESP in UDP.
on a tcpdump -i eth0 -U --immediate-mode -w "$WORK/esp.pcap" udp port 4500 \
	>/dev/null 2>&1 &
tcpdump_pid=$!
on_exit "kill $tcpdump_pid 2>/dev/null"
sleep 1
on s1 ping -c 3 -i 0.2 -W 2 10.0.0.1 >/dev/null 2>&1
sleep 1
kill $tcpdump_pid 2>/dev/null
wait $tcpdump_pid 2>/dev/null
check_output "tshark: ESP in UDP on 4500 both ways" \
	"192\.0\.2\.254 .*192\.0\.2\.1 .*ESP.*192\.0\.2\.1 .*192\.0\.2\.254 .*ESP|192\.0\.2\.1 .*192\.0\.2\.254 .*ESP.*192\.0\.2\.254 .*192\.0\.2\.1 .*ESP" \
	sh -c "tshark -r '$WORK/esp.pcap' -Y esp 2>/dev/null | tr '\n' ' '"
check_fail "tshark: no plain ESP between the NAT and the hub" \
	sh -c "tshark -r '$WORK/esp.pcap' -Y 'ip.proto == 50' 2>/dev/null | grep -q ."

# -- a second spoke behind the same address --
check "s2: flexsecd starts" flexsecd_start s2 "$WORK/s2.conf"
check "s2: its tunnel is up" child_up s2 30
check_output "hub: two sessions from 192.0.2.254, on two ports" \
	"^2$" sh -c "FLEXSEC_SOCKET=$WORK/a.sock ip netns exec a $FLEXSEC show crypto ikev2 sa | grep -o '192\.0\.2\.254/[0-9]*' | sort -u | wc -l"
check_output "hub: two Virtual-Access interfaces" "alias Virtual-Access2" \
	on a ip link show dev Vi2
check "s2: pings the hub's loopback" ping_hub s2
check "s1: still does" ping_hub s1

# -- strongSwan behind the NAT --
mkdir -p "$(charon_dir s3)"
cat >"$(charon_dir s3)/swanctl.conf" <<-CONF
connections {
	hub {
		version = 2
		local_addrs = 192.168.3.2
		remote_addrs = 192.0.2.1
		proposals = aes128gcm16-prfsha256-ecp256
		mobike = no
		vips = 0.0.0.0
		local {
			auth = psk
			id = s3.lab.example
		}
		remote {
			auth = psk
			id = 192.0.2.1
		}
		children {
			net {
				local_ts = dynamic
				remote_ts = 0.0.0.0/0
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
export CHARON_EXTRA="install_virtual_ip = yes"
check "s3: charon starts" charon_start s3
s3_initiate() {
	charon_swanctl s3 --initiate --child net --timeout 30 >"$WORK/s3.initiate" 2>&1
}
check "s3: charon connects through the NAT" s3_initiate
check_output "s3: charon saw the NAT" "local host is behind NAT" \
	cat "$WORK/s3.initiate"
check_output "s3:   and moved to 4500" "192\.168\.3\.2\[4500\]" \
	charon_swanctl s3 --list-sas
check_output "s3:   its SAs in UDP" "TUNNEL-in-UDP" charon_swanctl s3 --list-sas
v3=$(on s3 ip -4 -o addr show | sed -n 's/.* inet \(10\.0\.0\.[0-9]*\)\/32 .*/\1/p' | head -1)
check_output "s3: got an address from the hub's pool" "^10\.0\.0\.1[0-9]$" echo "$v3"
on s3 ip route add 10.0.0.1 dev eth0 src "$v3" 2>/dev/null
check "s3: pings the hub's loopback" wait_for 10 on s3 ping -c 1 -W 1 -I "$v3" 10.0.0.1
check_output "hub: three peers on the NAT's address" \
	"^3$" sh -c "FLEXSEC_SOCKET=$WORK/a.sock ip netns exec a $FLEXSEC show crypto ikev2 sa | grep -o '192\.0\.2\.254/[0-9]*' | sort -u | wc -l"

# -- the NAT forgets its mappings: new ports --
before=$(fxd a show crypto ikev2 sa | grep -o '192\.0\.2\.254/[0-9]*' | sort | tr '\n' ' ')
established=$(fxd a -j show crypto ikev2 stats | sed -n 's/.*"sa_established": *\([0-9]*\).*/\1/p')
check "the NAT's conntrack table flushed" on n conntrack -F
check "s1: pings the hub again: its ESP comes from a new port" ping_hub s1
check "s2: so does s2" ping_hub s2
check_output "hub: followed its peers to the new ports" '"peers_followed": *[1-9]' \
	fxd a -j show crypto ikev2 stats
check_output "hub:   and logged it" "NAT_MAPPING" cat "$WORK/a.log"
after=$(fxd a show crypto ikev2 sa | grep -o '192\.0\.2\.254/[0-9]*' | sort | tr '\n' ' ')
check "hub: the peers' ports changed ($before-> $after)" test "$before" != "$after"
check_output "hub: without a new IKE SA" "\"sa_established\": *$established[,}]" \
	fxd a -j show crypto ikev2 stats
check "s1: iperf3 through the tunnel" iperf_through s1 a 10.0.0.1

# -- keepalives --
check "s1: sends NAT keepalives" wait_for 12 sh -c \
	"FLEXSEC_SOCKET=$WORK/s1.sock ip netns exec s1 $FLEXSEC -j show crypto ikev2 stats | grep -Eq '\"keepalives_sent\": *[1-9]'"
check_output "hub: keepalives are no IKE to it (none dropped)" '"esp_reached_daemon": *0' \
	fxd a -j show crypto ikev2 stats

# -- a flexsecd spoke behind the NAT, charon as the hub --
flexsecd_stop s1
flexsecd_stop s2
flexsecd_stop a
ip -n a link add dummy0 type dummy
ip -n a addr add 10.9.9.1/24 dev dummy0
ip -n a link set dummy0 up
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
		subnet = 10.9.9.0/24
	}
}
secrets {
	ike-lab {
		secret = "lab secret"
	}
}
CONF
export CHARON_EXTRA=""
check "charon hub: starts" charon_start a
check "charon hub: s1 starts again" flexsecd_start s1 "$WORK/s1.conf"
check "charon hub: s1's tunnel is up" child_up s1 30
check_output "charon hub: s1 is behind the NAT" "NAT-T is detected inside" \
	fxd s1 show crypto ikev2 sa detailed
check_output "charon hub: charon's SA in UDP, to the NAT's address" \
	"192\.0\.2\.254\[[0-9]+\]" charon_swanctl a --list-sas
check_output "charon hub:   ESP in UDP" "TUNNEL-in-UDP" charon_swanctl a --list-sas
check "charon hub: s1 reaches the hub's network" \
	wait_for 10 on s1 ping -c 2 -i 0.2 -W 2 10.9.9.1
flexsecd_stop s1
charon_stop a

lib_done
