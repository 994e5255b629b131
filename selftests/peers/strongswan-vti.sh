#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Self-check of the lab's reference peers: two strongSwan charons negotiate
# IKEv2 with a pre-shared key and protect Linux VTI interfaces (mark 42);
# ping crosses the tunnel and the wire carries only ESP.
#
#        netns left                              netns right
#   +---------------------+                +---------------------+
#   | charon (initiator)  |                | charon (responder)  |
#   | vti42 198.51.100.1  |=== ESP/IKE ====| vti42 198.51.100.2  |
#   | eth0  192.0.2.1/24  |----- veth -----| eth0  192.0.2.2/24  |
#   +---------------------+                +---------------------+
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/charon.sh"
require_lab
lib_init
preload_ipsec

host left
host right
link left 192.0.2.1/24 right 192.0.2.2/24

for side in left right; do
	if [ $side = left ]; then me=192.0.2.1 peer=192.0.2.2 in=198.51.100.1; else me=192.0.2.2 peer=192.0.2.1 in=198.51.100.2; fi
	ip -n $side link add vti42 type vti local $me remote $peer key 42
	on $side sysctl -qw net.ipv4.conf.vti42.disable_policy=1
	ip -n $side addr add $in/30 dev vti42
	ip -n $side link set vti42 up
	mkdir -p "$(charon_dir $side)"
	cat >"$(charon_dir $side)/swanctl.conf" <<-CONF
	connections {
		lab {
			version = 2
			local_addrs = $me
			remote_addrs = $peer
			proposals = aes128gcm16-prfsha256-x25519
			mobike = no
			local {
				auth = psk
				id = $side.lab
			}
			remote {
				auth = psk
				id = %any
			}
			children {
				vti {
					local_ts = 0.0.0.0/0
					remote_ts = 0.0.0.0/0
					esp_proposals = aes128gcm16-x25519
					mark_in = 42
					mark_out = 42
				}
			}
		}
	}
	secrets {
		ike-lab {
			id-left = left.lab
			id-right = right.lab
			secret = "lab secret, not for production"
		}
	}
	CONF
done

check "charon starts on left" charon_start left
check "charon starts on right" charon_start right
on right tcpdump -i eth0 -U --immediate-mode -w "$WORK/wire.pcap" \
	"udp port 500 or udp port 4500 or esp" >/dev/null 2>&1 &
tcpdump_pid=$!
on_exit "kill $tcpdump_pid"
wait_for 10 test -s "$WORK/wire.pcap"

check "left initiates the CHILD SA" charon_swanctl left --initiate --child vti --timeout 60
check "right has it installed" wait_for 20 charon_child_up right vti
check_output "XFRM states on left carry mark 42" "mark 0x2a" ip -n left xfrm state
check "ping left -> right through vti42" on left ping -c 3 -i 0.3 -W 2 198.51.100.2
check "ping right -> left through vti42" on right ping -c 3 -i 0.3 -W 2 198.51.100.1

sleep 1
kill $tcpdump_pid 2>/dev/null; sleep 0.5
esp=$(tshark -r "$WORK/wire.pcap" -Y esp 2>/dev/null | wc -l)
icmp=$(tshark -r "$WORK/wire.pcap" -Y icmp 2>/dev/null | wc -l)
if [ "$esp" -ge 12 ] && [ "$icmp" = 0 ]; then
	ok "the wire carries ESP ($esp packets) and no clear ICMP"
else
	not_ok "wire: $esp ESP packets (12 or more expected), $icmp clear ICMP"
fi
check_output "IKE_SA_INIT and IKE_AUTH seen on the wire" "IKE_AUTH" \
	tshark -r "$WORK/wire.pcap" -Y isakmp

if [ $_tap_fail -gt 0 ]; then
	for side in left right; do tail -n 30 "$(charon_dir $side)/charon.log" | diag; done
fi
lib_done
