#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Reauthentication, make-before-break: the IKEv2 profile's
# "reauthentication 30" makes flexsecd replace its IKE SA every 30 s or so
# by a new one, from IKE_SA_INIT with the keys checked again and a new
# CHILD SA, and delete the old one once the new one carries the traffic.
# Against flexsecd, against charon as responder, and charon reauthenticating
# against flexsecd (reauth_time, make_before_break): a ping every 50 ms
# loses nothing across two reauthentications or more (against charon as
# responder, at most the replies charon sends on the new SA before flexsecd
# has its answer), the IKE SA changes, and one IKE SA is left at each end.
#
#        netns a                                 netns b
#   +------------------------+             +------------------------+
#   | flexsecd -L 10         |             | flexsecd, or charon    |
#   | Tunnel0 198.51.100.1   |=== ESP =====| Tunnel0 / vti42        |
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

host a
host b
link a 192.0.2.1/24 b 192.0.2.2/24

export FLEXSECD_ARGS="-L 10"
SECONDS_UP=75

# trace_count HOST PATTERN: lines of HOST's event trace with PATTERN.
trace_count() {
	fxd "$1" show monitor event-trace crypto ikev2 event all | grep -c "$2" || true
}

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

ready_is() {
	[ "$(fxd "$1" show crypto ikev2 sa | grep -c READY)" = "$2" ]
}

# -- flexsecd against flexsecd --
PROF_EXTRA="reauthentication 30" \
	gw_conf "$WORK/a.conf" a 192.0.2.1 192.0.2.2 198.51.100.1 vti
gw_conf "$WORK/b.conf" b 192.0.2.2 192.0.2.1 198.51.100.2 vti
sed -i 's/^ set ikev2-profile PROF/&\n responder-only/' "$WORK/b.conf"
check "flexsecd: reauthentication 30 is taken" "$FLEXSECD" -L 10 -n -f "$WORK/a.conf"
check_error "  and below the lifetime minimum refused" "reauthentication" \
	"$FLEXSECD" -n -f "$WORK/a.conf"
check "flexsecd: b starts" flexsecd_start b "$WORK/b.conf"
check "flexsecd: a starts" flexsecd_start a "$WORK/a.conf"
check "flexsecd: the tunnel is up" wait_for 30 on a ping -c 1 -W 1 198.51.100.2
check_output "flexsecd: show crypto ikev2 profile says so" "Reauthentication: 30 seconds" \
	fxd a show crypto ikev2 profile
spi=$(ike_spi a)
lost=$(ping_lost a 198.51.100.2 $SECONDS_UP)
n=$(trace_count a "IKE SA reauthenticated")
check "flexsecd: 2 reauthentications or more ($n)" test "$n" -ge 2
check_output "flexsecd: no ping lost across them (every 50 ms)" "^0$" echo "$lost"
check "flexsecd: b took them for the peer's" test "$(trace_count b "The peer reauthenticated")" -ge 2
check "flexsecd: a new IKE SA" test "$(ike_spi a)" != "$spi"
check "flexsecd: one IKE SA on a" wait_for 10 ready_is a 1
check "flexsecd:   and on b" wait_for 10 ready_is b 1
check_output "flexsecd: show crypto ikev2 stats counts them" "reauthentications: [2-9]" \
	fxd a show crypto ikev2 stats
flexsecd_stop a
flexsecd_stop b

# -- against charon --
ip -n b link add vti42 type vti local 192.0.2.2 remote 192.0.2.1 key 42
on b sysctl -qw net.ipv4.conf.vti42.disable_policy=1
ip -n b addr add 198.51.100.2/30 dev vti42
ip -n b link set vti42 up

# sw_conf REAUTH: charon's connection, reauthenticating every REAUTH (0: no).
sw_conf() {
	mkdir -p "$(charon_dir b)"
	cat >"$(charon_dir b)/swanctl.conf" <<-CONF
	connections {
		lab {
			version = 2
			local_addrs = 192.0.2.2
			remote_addrs = 192.0.2.1
			proposals = aes128gcm16-prfsha256-x25519
			mobike = no
			rekey_time = 0
			reauth_time = $1
			over_time = 10s
			rand_time = 3s
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

export CHARON_EXTRA="make_before_break = yes"
for who in flexsecd charon; do
	if [ $who = flexsecd ]; then
		sw_conf 0
		PROF_EXTRA="reauthentication 30" IKE_GROUP=31 TSET="esp-gcm 128" \
			gw_conf "$WORK/a.conf" a 192.0.2.1 192.0.2.2 198.51.100.1 vti
	else
		sw_conf 30s
		IKE_GROUP=31 TSET="esp-gcm 128" \
			gw_conf "$WORK/a.conf" a 192.0.2.1 192.0.2.2 198.51.100.1 vti
		sed -i 's/^ set ikev2-profile PROF/&\n responder-only/' "$WORK/a.conf"
	fi
	: >"$WORK/a.log"
	check "$who reauthenticates: charon starts" charon_start b
	check "$who reauthenticates: flexsecd starts" flexsecd_start a "$WORK/a.conf"
	[ $who = charon ] &&
		check "$who reauthenticates: charon initiates" \
			charon_swanctl b --initiate --child vti --timeout 60
	check "$who reauthenticates: the tunnel is up" wait_for 40 on a ping -c 1 -W 1 198.51.100.2
	spi=$(ike_spi a)
	lost=$(ping_lost a 198.51.100.2 $SECONDS_UP)
	if [ $who = flexsecd ]; then
		n=$(trace_count a "IKE SA reauthenticated")
	else
		n=$(trace_count a "The peer reauthenticated")
	fi
	check "$who reauthenticates: 2 times or more ($n)" test "$n" -ge 2
	if [ $who = flexsecd ]; then
		# charon answers IKE_AUTH and sends on the new CHILD SA at
		# once (XFRM takes the newest outbound state), before flexsecd
		# has the answer and the new inbound SA: what is in flight that
		# one-way time is lost, a ping at most at this rate.
		check "$who reauthenticates: a ping lost at most per reauthentication ($lost)" \
			test "$lost" -le "$n"
	else
		check_output "$who reauthenticates: no ping lost (every 50 ms)" "^0$" echo "$lost"
	fi
	check "$who reauthenticates: a new IKE SA" test "$(ike_spi a)" != "$spi"
	check "$who reauthenticates: one IKE SA on flexsecd" wait_for 20 ready_is a 1
	check "$who reauthenticates: and on charon" wait_for 20 sh -c \
		"[ \$(STRONGSWAN_CONF=$(charon_dir b)/strongswan.conf ip netns exec b swanctl --list-sas --uri unix://$(charon_dir b)/charon.vici | grep -c ESTABLISHED) = 1 ]"
	flexsecd_stop a
	charon_stop b
done

lib_done
