#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# IKEv2 fragmentation (RFC 7383) against strongSwan's charon across a hop
# with a path MTU of 576 that drops IP fragments. Long FQDN identities and
# several ESP proposals make IKE_AUTH larger than the path carries whole.
# Without fragmentation IKE_AUTH is lost and flexsecd names the likely
# cause; with "crypto ikev2 fragmentation" (and charon's fragmentation =
# yes) the tunnel comes up with flexsecd as initiator and as responder.
#
#     netns fx               netns mid                 netns sw
#   +--------------+    +---------------------+    +------------------+
#   | flexsecd     |    | forwards; eth1 MTU  |    | charon           |
#   | Tunnel0      |    | 576; drops every IP |    | vti42            |
#   | 192.0.2.1/24 |----| fragment (nftables) |----| 198.18.0.2/24    |
#   +--------------+    +---------------------+    +------------------+
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../peers/charon.sh"
source "$(dirname "$0")/conf.sh"
require_lab
lib_init
preload_ipsec
flexsec_load
on_exit flexsec_unload

host fx
host mid
host sw
link fx 192.0.2.1/24 mid 192.0.2.254/24
link mid 198.18.0.254/24 sw 198.18.0.2/24 eth1
on mid sysctl -qw net.ipv4.ip_forward=1
ip -n fx route add 198.18.0.0/24 via 192.0.2.254
ip -n sw route add 192.0.2.0/24 via 198.18.0.254
ip -n mid link set eth1 mtu 576
ip -n sw link set eth1 mtu 576
on mid nft -f - <<-'NFT'
table ip mid {
	chain pre {
		type filter hook prerouting priority -450; policy accept;
		ip frag-off & 0x3fff != 0 counter drop
	}
}
NFT
ip -n sw link add vti42 type vti local 198.18.0.2 remote 192.0.2.1 key 42
on sw sysctl -qw net.ipv4.conf.vti42.disable_policy=1
ip -n sw addr add 198.51.100.2/30 dev vti42
ip -n sw link set vti42 up

# Identities of over 200 characters.
LONG_FX="fx.$(printf 'segment%02d.' $(seq 1 20))lab.example"
LONG_SW="sw.$(printf 'segment%02d.' $(seq 1 20))lab.example"
TSETS=$'crypto ipsec transform-set T2 esp-aes 256 esp-sha256-hmac
crypto ipsec transform-set T3 esp-aes 128 esp-sha256-hmac
crypto ipsec transform-set T4 esp-aes 256 esp-sha512-hmac
crypto ipsec transform-set T5 esp-aes 192 esp-sha384-hmac
crypto ipsec transform-set T6 esp-gcm 128'
RETRY=$'crypto ikev2 retransmit count 2\ncrypto ikev2 retransmit timeout 300'

# sw_conf FRAGMENTATION: charon's side with fragmentation = FRAGMENTATION.
sw_conf() {
	mkdir -p "$(charon_dir sw)"
	cat >"$(charon_dir sw)/swanctl.conf" <<-CONF
	connections {
		lab {
			version = 2
			local_addrs = 198.18.0.2
			remote_addrs = 192.0.2.1
			proposals = aes128gcm16-prfsha256-ecp256
			mobike = no
			fragmentation = $1
			local {
				auth = psk
				id = $LONG_SW
			}
			remote {
				auth = psk
			}
			children {
				vti {
					local_ts = 0.0.0.0/0
					remote_ts = 0.0.0.0/0
					esp_proposals = aes128-sha256,aes256-sha512,aes192-sha384,aes128-sha1,aes256gcm16,aes128gcm16
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

# fx_conf [GLOBAL]: flexsecd's side, GLOBAL lines first.
fx_conf() {
	EXTRA_GLOBAL="$TSETS"$'\n'"${1:-}" \
		MATCH="match identity remote fqdn $LONG_SW" \
		PROF_EXTRA="identity local fqdn $LONG_FX" \
		IPS_EXTRA="set transform-set TS T2 T3 T4 T5 T6" \
		gw_conf "$WORK/fx.conf" fx 192.0.2.1 198.18.0.2 198.51.100.1 vti
}

frag_drops() {
	on mid nft list chain ip mid pre | sed -n 's/.*packets \([0-9]*\).*/\1/p'
}

# diag_has PATTERN: flexsecd's exit-path table shows PATTERN (waits).
diag_has() {
	wait_for 30 sh -c "FLEXSEC_SOCKET=$WORK/fx.sock ip netns exec fx $FLEXSEC show crypto ikev2 diagnose error | grep -Eq \"$1\""
}

# -- without fragmentation: IKE_AUTH is lost, and the failure says why --
export CHARON_EXTRA="fragment_size = 576"
sw_conf no
fx_conf "$RETRY"
check "no fragmentation: charon starts" charon_start sw
check "no fragmentation: flexsecd starts" flexsecd_start fx "$WORK/fx.conf"
check "no fragmentation: IKE_AUTH lost, diagnosed" \
	diag_has "IKE_AUTH of [0-9]+ bytes got no answer after 2 retransmissions.*consider crypto ikev2 fragmentation"
check_output "no fragmentation: the hop dropped IP fragments" '^[1-9]' frag_drops
check_output "no fragmentation: the log names it" "consider crypto ikev2 fragmentation" \
	cat "$WORK/fx.log"
check_fail "no fragmentation: no IKE SA" ike_up fx 1
flexsecd_stop fx
charon_stop sw

# -- with fragmentation, both roles --
for role in initiator responder; do
	sw_conf yes
	fx_conf "crypto ikev2 fragmentation"
	[ $role = responder ] &&
		sed -i 's/^ set ikev2-profile PROF/&\n responder-only/' "$WORK/fx.conf"
	: >"$WORK/fx.log"
	drops=$(frag_drops)
	check "$role: charon starts" charon_start sw
	check "$role: flexsecd starts" flexsecd_start fx "$WORK/fx.conf"
	[ $role = responder ] &&
		check "$role: charon initiates" charon_swanctl sw --initiate --child vti --timeout 30
	check "$role: IKE SA READY" ike_up fx 40
	check "$role: charon has the CHILD SA" wait_for 30 charon_child_up sw vti
	check "$role: ping flexsecd -> charon" wait_for 20 on fx ping -c 1 -W 1 198.51.100.2
	check "$role: ping charon -> flexsecd" on sw ping -c 3 -i 0.3 -W 2 198.51.100.1
	check_output "$role: no IP fragment on the path" "^$drops\$" frag_drops
	check_output "$role: show crypto ikev2 sa detailed: fragmentation in use" \
		"Fragmentation configured, MTU 576: in use" fxd fx show crypto ikev2 sa detailed
	check_output "$role: the JSON says so" '"in_use": *true' \
		fxd fx -j show crypto ikev2 sa detailed
	if [ $role = initiator ]; then
		check_output "$role: IKE_AUTH sent in fragments" \
			"Fragmenting packet, Fragment MTU: 576, Number of fragments: [2-9]" cat "$WORK/fx.log"
		check_output "$role: stats count them" "IKEv2 fragments sent: [1-9]" \
			fxd fx show crypto ikev2 stats
	else
		check_output "$role: charon's IKE_AUTH reassembled" \
			"Reassembled [2-9] fragments: IKE_AUTH message id 1" cat "$WORK/fx.log"
		check_output "$role: stats count them" "messages reassembled: [1-9]" \
			fxd fx show crypto ikev2 stats
	fi
	flexsecd_stop fx
	charon_stop sw
done

lib_done
