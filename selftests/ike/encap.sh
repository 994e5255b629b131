#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ESP in UDP without a NAT: encapsulation forced, as behind a NAT that
# cannot be detected. flexsecd with "nat force-encap" makes its peer see a
# NAT (a NAT_DETECTION_SOURCE_IP that matches nothing), so both ends move
# IKE to 4500 and put ESP in UDP: against flexsecd, and against
# strongSwan's charon both ways (charon with "encap = yes" as initiator).
# No netfilter is needed, so the debug kernel (KASAN, lockdep) runs the
# kernel's UDP paths too.
#
#   netns fx  eth0 192.0.2.1, Tunnel0 198.51.100.1  ---  netns sw: 192.0.2.2
#                                                        (flexsecd or charon,
#                                                         vti42 198.51.100.2)
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../peers/charon.sh"
source "$(dirname "$0")/conf.sh"
require_lab
lib_init
preload_ipsec
flexsec_load
on_exit flexsec_unload

host fx
host sw
link fx 192.0.2.1/24 sw 192.0.2.2/24

# in_udp HOST: what HOST shows of its SAs says ESP in UDP.
in_udp() {
	fxd "$1" show crypto ipsec sa | grep -q "in use settings ={Tunnel UDP-Encaps, }"
}

# capture: a few pings' worth of what crosses fx's eth0, as tshark reads it.
capture() {
	on fx tcpdump -i eth0 -U --immediate-mode -w "$WORK/encap.pcap" \
		>/dev/null 2>&1 &
	local pid=$!
	sleep 1
	on fx ping -c 3 -i 0.2 -W 2 198.51.100.2 >/dev/null 2>&1
	sleep 1
	kill $pid 2>/dev/null
	wait $pid 2>/dev/null
	tshark -r "$WORK/encap.pcap" -T fields -e udp.dstport -e esp.spi \
		-Y esp 2>/dev/null | sort -u | tr '\n' ' '
}

# -- flexsecd to flexsecd --
PROF_EXTRA="nat force-encap" gw_conf "$WORK/fx.conf" fx 192.0.2.1 192.0.2.2 198.51.100.1 vti
gw_conf "$WORK/sw.conf" sw 192.0.2.2 192.0.2.1 198.51.100.2 vti
sed -i 's/^ set ikev2-profile PROF/&\n responder-only/' "$WORK/sw.conf"
check "flexsecd: both start" eval 'flexsecd_start sw "$WORK/sw.conf" && flexsecd_start fx "$WORK/fx.conf"'
check "flexsecd: the tunnel comes up" child_up fx 30
check_output "flexsecd: the initiator forced it" "NAT-T is forced" \
	fxd fx show crypto ikev2 sa detailed
check_output "flexsecd: the responder sees a NAT in front of its peer" \
	"NAT-T is detected outside" fxd sw show crypto ikev2 sa detailed
check_output "flexsecd: IKE on 4500" "192\.0\.2\.1/4500 +192\.0\.2\.2/4500" \
	fxd fx show crypto ikev2 sa
check "flexsecd: the initiator's SAs are in UDP" in_udp fx
check "flexsecd: the responder's too" in_udp sw
check "flexsecd: ping through the tunnel" wait_for 10 on fx ping -c 1 -W 1 198.51.100.2
check_output "flexsecd: tshark sees ESP in UDP to 4500 only" "^4500	0x[0-9a-f]+ (4500	0x[0-9a-f]+ )?$" capture
check_output "flexsecd: flexsec.ko counts no mismatch" '"rx_encap": *0[,}]' \
	fx fx -j sa show
flexsecd_stop fx
flexsecd_stop sw

# -- charon --
ip -n sw link add vti42 type vti local 192.0.2.2 remote 192.0.2.1 key 42
on sw sysctl -qw net.ipv4.conf.vti42.disable_policy=1
ip -n sw addr add 198.51.100.2/30 dev vti42
ip -n sw link set vti42 up
# sw_conf ENCAP: charon's side, "encap = ENCAP".
sw_conf() {
	mkdir -p "$(charon_dir sw)"
	cat >"$(charon_dir sw)/swanctl.conf" <<-CONF
	connections {
		lab {
			version = 2
			local_addrs = 192.0.2.2
			remote_addrs = 192.0.2.1
			proposals = aes128gcm16-prfsha256-ecp256
			mobike = no
			encap = $1
			local {
				auth = psk
			}
			remote {
				auth = psk
			}
			children {
				vti {
					local_ts = 0.0.0.0/0
					remote_ts = 0.0.0.0/0
					esp_proposals = aes256gcm16
					mark_in = 42
					mark_out = 42
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

sw_conf no
check "charon responder: starts" charon_start sw
check "charon responder: flexsecd (force-encap) starts" flexsecd_start fx "$WORK/fx.conf"
check "charon responder: the CHILD SA" wait_for 30 charon_child_up sw vti
check_output "charon responder: charon's SAs are in UDP" "TUNNEL-in-UDP" \
	charon_swanctl sw --list-sas
check "charon responder: flexsecd's too" in_udp fx
check "charon responder: ping both ways" eval \
	'wait_for 10 on fx ping -c 1 -W 1 198.51.100.2 && on sw ping -c 2 -i 0.3 -W 2 198.51.100.1'
flexsecd_stop fx
charon_stop sw

sw_conf yes
gw_conf "$WORK/fx2.conf" fx 192.0.2.1 192.0.2.2 198.51.100.1 vti
sed -i 's/^ set ikev2-profile PROF/&\n responder-only/' "$WORK/fx2.conf"
check "charon initiator (encap = yes): starts" charon_start sw
check "charon initiator: flexsecd starts" flexsecd_start fx "$WORK/fx2.conf"
check "charon initiator: initiates" charon_swanctl sw --initiate --child vti --timeout 30
check "charon initiator: flexsecd's tunnel is up" child_up fx 30
check_output "charon initiator: flexsecd sees a NAT in front of charon" \
	"NAT-T is detected outside" fxd fx show crypto ikev2 sa detailed
check "charon initiator: flexsecd's SAs are in UDP" in_udp fx
check "charon initiator: ping both ways" eval \
	'wait_for 10 on fx ping -c 1 -W 1 198.51.100.2 && on sw ping -c 2 -i 0.3 -W 2 198.51.100.1'
flexsecd_stop fx
charon_stop sw

lib_done
