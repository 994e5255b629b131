#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# flexsecd against strongSwan's charon (Linux XFRM and a VTI on its side):
# three suites, flexsecd as initiator and as responder, ping both ways.
#
#        netns fx                                netns sw
#   +------------------------+             +------------------------+
#   | flexsecd               |             | charon                 |
#   | Tunnel0 198.51.100.1   |=== ESP =====| vti42 198.51.100.2     |
#   | eth0 192.0.2.1/24      |--- veth ----| eth0 192.0.2.2/24      |
#   +------------------------+             +------------------------+
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
ip -n sw link add vti42 type vti local 192.0.2.2 remote 192.0.2.1 key 42
on sw sysctl -qw net.ipv4.conf.vti42.disable_policy=1
ip -n sw addr add 198.51.100.2/30 dev vti42
ip -n sw link set vti42 up

# sw_conf IKE ESP [ID]: charon's side, with IKE and ESP proposals in its
# words, and its identity (by default its address).
sw_conf() {
	mkdir -p "$(charon_dir sw)"
	cat >"$(charon_dir sw)/swanctl.conf" <<-CONF
	connections {
		lab {
			version = 2
			local_addrs = 192.0.2.2
			remote_addrs = 192.0.2.1
			proposals = $1
			mobike = no
			local {
				auth = psk
				${3:+id = \"$3\"}
			}
			remote {
				auth = psk
			}
			children {
				vti {
					local_ts = 0.0.0.0/0
					remote_ts = 0.0.0.0/0
					esp_proposals = $2
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

# suite NAME IKE ESP ENC INTEG PRF GROUP TSET [CHARON_ID]
suite() {
	local name=$1 role
	sw_conf "$2" "$3" "${9:-}"
	for role in initiator responder; do
		IKE_ENC=$4 IKE_INTEG=$5 IKE_PRF=$6 IKE_GROUP=$7 TSET=$8 \
			gw_conf "$WORK/fx.conf" fx 192.0.2.1 192.0.2.2 198.51.100.1 vti
		[ $role = responder ] &&
			sed -i 's/^ set ikev2-profile PROF/&\n responder-only/' "$WORK/fx.conf"
		check "$name, flexsecd $role: charon starts" charon_start sw
		check "$name, flexsecd $role: flexsecd starts" flexsecd_start fx "$WORK/fx.conf"
		[ $role = responder ] &&
			check "$name: charon initiates" charon_swanctl sw --initiate --child vti --timeout 60
		check "$name, flexsecd $role: IKE SA READY" ike_up fx 40
		check "$name, flexsecd $role: charon has the CHILD SA" wait_for 30 charon_child_up sw vti
		check "$name, flexsecd $role: ping flexsecd -> charon" \
			wait_for 20 on fx ping -c 1 -W 1 198.51.100.2
		check "$name, flexsecd $role: ping charon -> flexsecd" \
			on sw ping -c 3 -i 0.3 -W 2 198.51.100.1
		fxd fx show crypto ikev2 sa detailed >"$WORK/show-detailed.txt" 2>&1
		flexsecd_stop fx
		charon_stop sw
	done
}

suite "AES-GCM-128 + X25519" aes128gcm16-prfsha256-x25519 aes128gcm16 \
	aes-gcm-128 "" sha256 31 "esp-gcm 128"
# The debug kernel (KASAN, lockdep) is many times slower: there the first
# suite stands for the others, which the stock kernels run.
if [ "${FLEXSEC_FLAVOUR:-}" = debug ]; then
	lib_done
	exit
fi
suite "AES-CBC-256 + SHA-256 + MODP-2048" aes256-sha256-modp2048 aes256-sha256 \
	aes-cbc-256 sha256 sha256 14 "esp-aes 256 esp-sha256-hmac"
# Distinguished names as identities on both sides, with the PSK.
MATCH="match identity remote dn CN=sw,O=lab" PROF_EXTRA="identity local dn CN=fx,O=lab" \
	suite "AES-GCM-256 + ECP-384, DN identities" aes256gcm16-prfsha384-ecp384 aes256gcm16 \
	aes-gcm-256 "" sha384 20 "esp-gcm 256" "CN=sw, O=lab"
check_output "the DN identities are shown" "Remote id: .*CN=sw,O=lab" \
	cat "$WORK/show-detailed.txt"

lib_done
