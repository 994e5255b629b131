#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Rekeying against strongSwan's charon, flexsecd as initiator and as
# responder, with short lifetimes on both sides (flexsecd -L): CHILD SAs
# of 30 s (charon rekeys at 20 s) and IKE SAs of 60 s (charon at 45 s), so
# that both ends start rekeys of both kinds. A ping every 50 ms and a UDP
# stream cross 5 CHILD rekeys and 2 IKE rekeys or more without losing a
# packet, and the SPIs change.
#
#        netns fx                                netns sw
#   +------------------------+             +------------------------+
#   | flexsecd -L 10         |             | charon                 |
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

mkdir -p "$(charon_dir sw)"
cat >"$(charon_dir sw)/swanctl.conf" <<-CONF
connections {
	lab {
		version = 2
		local_addrs = 192.0.2.2
		remote_addrs = 192.0.2.1
		proposals = aes128gcm16-prfsha256-x25519
		mobike = no
		rekey_time = 45s
		over_time = 10s
		rand_time = 5s
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
				esp_proposals = aes128gcm16
				mark_in = 42
				mark_out = 42
				rekey_time = 20s
				life_time = 30s
				rand_time = 3s
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

export FLEXSECD_ARGS="-L 10"
export IPS_EXTRA="set security-association lifetime seconds 30"
export PROF_EXTRA="lifetime 60"

# trace_count HOST PATTERN: lines of HOST's event trace with PATTERN.
trace_count() {
	fxd "$1" show monitor event-trace crypto ikev2 event all | grep -c "$2" || true
}

# ike_spi HOST: the local SPI of HOST's READY IKE SA.
ike_spi() {
	fxd "$1" -j show crypto ikev2 sa detailed |
		grep -o '"local_spi": *"[0-9A-Fa-f]*"' | head -1
}

# ping_lost HOST DST SECONDS: pings every 50 ms; prints how many were lost.
ping_lost() {
	on "$1" ping -q -i 0.05 -W 5 -w "$3" "$2" 2>/dev/null |
		sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\1 \2/p' |
		{ read -r tx rx; echo $((${tx:-1} - ${rx:-0})); }
}

for role in initiator responder; do
	IKE_GROUP=31 TSET="esp-gcm 128" \
		gw_conf "$WORK/fx.conf" fx 192.0.2.1 192.0.2.2 198.51.100.1 vti
	[ $role = responder ] &&
		sed -i 's/^ set ikev2-profile PROF/&\n responder-only/' "$WORK/fx.conf"
	: >"$WORK/fx.log"
	check "flexsecd $role: charon starts" charon_start sw
	check "flexsecd $role: flexsecd starts" flexsecd_start fx "$WORK/fx.conf"
	[ $role = responder ] &&
		check "flexsecd $role: charon initiates" charon_swanctl sw --initiate --child vti --timeout 60
	check "flexsecd $role: the tunnel is up" wait_for 40 on fx ping -c 1 -W 1 198.51.100.2
	spi=$(ike_spi fx)
	on sw iperf3 -s -1 -D -I "$WORK/iperf.pid" >/dev/null 2>&1
	wait_for 5 test -s "$WORK/iperf.pid"
	on fx timeout 100 iperf3 -c 198.51.100.2 -u -b 1M -t 60 -J >"$WORK/udp.json" 2>&1 &
	udp=$!
	lost=$(ping_lost fx 198.51.100.2 130)
	wait $udp
	children=$(trace_count fx "IPsec SAs .* rekeyed")
	ikes=$(trace_count fx "IKE SA rekeyed")
	check "flexsecd $role: 5 CHILD SA rekeys or more ($children)" test "$children" -ge 5
	check "flexsecd $role: 2 IKE SA rekeys or more ($ikes)" test "$ikes" -ge 2
	check_output "flexsecd $role: no ping lost (every 50 ms)" "^0$" echo "$lost"
	check "flexsecd $role: no UDP datagram lost" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["end"]["sum"]
assert d["packets"] > 1000 and d["lost_packets"] == 0, d' "$WORK/udp.json"
	check "flexsecd $role: a new IKE SA" test "$(ike_spi fx)" != "$spi"
	check "flexsecd $role: one IKE SA left" wait_for 20 sh -c \
		"[ \$(FLEXSEC_SOCKET=$WORK/fx.sock ip netns exec fx $FLEXSEC show crypto ikev2 sa | grep -c READY) = 1 ]"
	check "flexsecd $role: charon has one IKE SA" wait_for 20 sh -c \
		"[ \$(STRONGSWAN_CONF=$(charon_dir sw)/strongswan.conf ip netns exec sw swanctl --list-sas --uri unix://$(charon_dir sw)/charon.vici | grep -c ESTABLISHED) = 1 ]"
	check "flexsecd $role: the tunnel still carries traffic" on fx ping -c 3 -i 0.3 -W 2 198.51.100.2
	flexsecd_stop fx
	charon_stop sw
done

lib_done
