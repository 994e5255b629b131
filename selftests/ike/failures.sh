#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The troubleshooting chapter's failures, each one diagnosed on the side
# the chapter looks at: the exit-path table ("show crypto ikev2 diagnose
# error"), the debug output and the event trace. Then malformed datagrams:
# dropped and counted, flexsecd unharmed.
#
#        netns a (initiator)                     netns b (responder)
#   +------------------------+             +------------------------+
#   | flexsecd               |             | flexsecd               |
#   | Tunnel0 198.51.100.1   |=== IKE =====| Tunnel0 198.51.100.2   |
#   | eth0 192.0.2.1/24      |--- veth ----| eth0 192.0.2.2/24      |
#   +------------------------+             +------------------------+
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/conf.sh"
require_lab
lib_init
preload_ipsec
flexsec_load
on_exit flexsec_unload

host a
host b
link a 192.0.2.1/24 b 192.0.2.2/24

# Fewer, quicker retransmissions than the defaults, to fail fast.
RETRY=$'crypto ikev2 retransmit count 2\ncrypto ikev2 retransmit timeout 300'

# pair: start both with the configurations as written; b only responds.
pair() {
	sed -i 's/^ set ikev2-profile PROF/&\n responder-only/' "$WORK/b.conf"
	: >"$WORK/a.log"
	: >"$WORK/b.log"
	flexsecd_start b "$WORK/b.conf" && flexsecd_start a "$WORK/a.conf"
}

unpair() {
	flexsecd_stop a
	flexsecd_stop b
}

# confs [MODE]: both gateways' configurations, tunnel mode MODE (vti).
confs() {
	EXTRA_GLOBAL=$RETRY gw_conf "$WORK/a.conf" a 192.0.2.1 192.0.2.2 198.51.100.1 "${1:-vti}"
	EXTRA_GLOBAL=$RETRY gw_conf "$WORK/b.conf" b 192.0.2.2 192.0.2.1 198.51.100.2 "${1:-vti}"
}

# diag_has HOST PATTERN: HOST's exit-path table shows PATTERN (waits).
diag_has() {
	wait_for 20 sh -c "FLEXSEC_SOCKET=$WORK/$1.sock ip netns exec $1 $FLEXSEC show crypto ikev2 diagnose error | grep -Eq \"$2\""
}

# log_has HOST PATTERN: HOST's debug output has PATTERN (waits).
log_has() {
	wait_for 20 grep -Eq "$2" "$WORK/$1.log"
}

# -- proposal mismatch: the responder shows received and expected --
confs
IKE_ENC=aes-cbc-128 IKE_INTEG=sha512 IKE_PRF=sha512 IKE_GROUP=21 \
	EXTRA_GLOBAL=$RETRY gw_conf "$WORK/a.conf" a 192.0.2.1 192.0.2.2 198.51.100.1 vti
IKE_ENC=aes-cbc-128 IKE_INTEG=sha256 IKE_PRF=sha256 IKE_GROUP=14 \
	EXTRA_GLOBAL=$RETRY gw_conf "$WORK/b.conf" b 192.0.2.2 192.0.2.1 198.51.100.2 vti
check "proposal mismatch: both start" pair
check "proposal mismatch: b: Failed to find a matching policy" \
	diag_has b "Failed to find a matching policy"
check "proposal mismatch: b's debug shows the received policies" \
	log_has b "Received Policies"
check "proposal mismatch: b's debug shows the expected policies" \
	log_has b "Expected Policies"
check_output "proposal mismatch: b's debug names both proposals" \
	"AES-CBC-128 SHA512 SHA512 DH_GROUP_521_ECP/Group 21.*AES-CBC-128 SHA256 SHA256 DH_GROUP_2048_MODP/Group 14" \
	tr '\n' ' ' <"$WORK/b.log"
check "proposal mismatch: a: NO_PROPOSAL_CHOSEN" diag_has a "NO_PROPOSAL_CHOSEN"
check_output "proposal mismatch: show crypto ikev2 proposal on b" "SHA256.*Group 14" \
	fxd_line b show crypto ikev2 proposal LAB
unpair

# -- a group the responder does not take first: INVALID_KE_PAYLOAD, retry --
confs
IKE_GROUP="19 14" EXTRA_GLOBAL=$RETRY \
	gw_conf "$WORK/a.conf" a 192.0.2.1 192.0.2.2 198.51.100.1 vti
IKE_GROUP=14 EXTRA_GLOBAL=$RETRY \
	gw_conf "$WORK/b.conf" b 192.0.2.2 192.0.2.1 198.51.100.2 vti
check "INVALID_KE: both start" pair
check "INVALID_KE: b asks for group 14" log_has b "sending INVALID_KE_PAYLOAD \\(group 14\\)"
check "INVALID_KE: a retries with group 14" log_has a "retrying with DH group 14"
check "INVALID_KE: the tunnel comes up" ike_up a 30
check_output "INVALID_KE: on group 14" "DH Grp:14" fxd a show crypto ikev2 sa detailed
unpair

# -- asymmetric pre-shared keys --
confs
PSK_LINE=$'pre-shared-key local key of a\n  pre-shared-key remote key of b' EXTRA_GLOBAL=$RETRY \
	gw_conf "$WORK/a.conf" a 192.0.2.1 192.0.2.2 198.51.100.1 vti
PSK_LINE=$'pre-shared-key local key of b\n  pre-shared-key remote key of a' EXTRA_GLOBAL=$RETRY \
	gw_conf "$WORK/b.conf" b 192.0.2.2 192.0.2.1 198.51.100.2 vti
check "asymmetric keys: both start" pair
check "asymmetric keys: the tunnel comes up" ike_up a 30
check "asymmetric keys: ping" wait_for 20 on a ping -c 1 -W 1 198.51.100.2
unpair

# -- no profile matches the peer's identity --
confs
MATCH="match identity remote address 192.0.2.99 255.255.255.255" EXTRA_GLOBAL=$RETRY \
	gw_conf "$WORK/b.conf" b 192.0.2.2 192.0.2.1 198.51.100.2 vti
check "no profile: both start" pair
check "no profile: b: no IKEv2 profile matches identity" \
	diag_has b "no IKEv2 profile matches identity '192.0.2.1'"
check "no profile: b's debug says IKEv2 profile not found" log_has b "IKEv2 profile not found"
check "no profile: a: AUTHENTICATION_FAILED" diag_has a "AUTHENTICATION_FAILED"
unpair

# -- overlapping profiles: the wrong one is chosen, TS unacceptable --
confs
sed -i 's/^crypto ikev2 profile PROF$/crypto ikev2 profile OTHER\n match identity remote address 192.0.2.0 255.255.255.0\n authentication local pre-share\n authentication remote pre-share\n keyring local KEYS\n!\n&/' "$WORK/b.conf"
check "overlapping profiles: both start" pair
check "overlapping profiles: b reports the overlap" \
	diag_has b "Overlapping match statements.*OTHER and PROF"
check "overlapping profiles: b: the tunnel's profile is not the one matched" \
	diag_has b "protected with IKEv2 profile PROF, but the peer matched profile OTHER"
check "overlapping profiles: a: TS_UNACCEPTABLE" diag_has a "TS_UNACCEPTABLE"
unpair

# -- the initiator's keyring has no key for the peer --
confs
PSK_LINE="pre-shared-key lab secret" EXTRA_GLOBAL=$RETRY \
	gw_conf "$WORK/a.conf" a 192.0.2.1 192.0.2.2 198.51.100.1 vti
sed -i 's/^  address 192.0.2.2$/  address 192.0.2.99/' "$WORK/a.conf"
check "PSK not in the keyring: both start" pair
check "PSK not in the keyring: a: key not found" diag_has a "key not found"
check "PSK not in the keyring: a's debug says so" log_has a "% key not found"
unpair

# -- the responder's keyring has no key for the peer --
confs
sed -i 's/^  address 192.0.2.1$/  address 192.0.2.99/' "$WORK/b.conf"
check "responder without the key: both start" pair
check "responder without the key: b: key not found" diag_has b "key not found"
check "responder without the key: a: AUTHENTICATION_FAILED" diag_has a "AUTHENTICATION_FAILED"
unpair

# -- wrong pre-shared key --
confs
EXTRA_GLOBAL=$RETRY gw_conf "$WORK/b.conf" b 192.0.2.2 192.0.2.1 198.51.100.2 vti "not the lab secret"
check "wrong PSK: both start" pair
check "wrong PSK: b: verification of the peer's authentication data failed" \
	diag_has b "Verification of peer's authentication data FAILED"
check "wrong PSK: b sends AUTHENTICATION_FAILED" log_has b "Sending authentication failure notify"
check "wrong PSK: a: Auth exchange failed" diag_has a "Auth exchange failed"
check_output "wrong PSK: the event trace on a says so" "Auth exchange failed" \
	fxd a show monitor event-trace crypto ikev2 error all
unpair

# -- authentication method mismatch --
confs
AUTH_REMOTE=rsa-sig EXTRA_GLOBAL=$RETRY \
	gw_conf "$WORK/b.conf" b 192.0.2.2 192.0.2.1 198.51.100.2 vti
check "auth method mismatch: both start" pair
check "auth method mismatch: b: auth method mis-matches" \
	diag_has b "auth method mis-matches"
check "auth method mismatch: a: AUTHENTICATION_FAILED" diag_has a "AUTHENTICATION_FAILED"
unpair

# -- transform-set mismatch: IKE SA up, CHILD SA refused --
confs
TSET="esp-aes 256 esp-sha256-hmac" EXTRA_GLOBAL=$RETRY \
	gw_conf "$WORK/b.conf" b 192.0.2.2 192.0.2.1 198.51.100.2 vti
check "transform-set mismatch: both start" pair
check "transform-set mismatch: b: no transform set matches" \
	diag_has b "Failed to find a matching policy"
check "transform-set mismatch: b's debug shows the ESP proposals" \
	log_has b "ESP: Proposal 1: +AES-GCM-256"
check "transform-set mismatch: a: NO_PROPOSAL_CHOSEN, IKE SA deleted" \
	diag_has a "NO_PROPOSAL_CHOSEN"
check_output "transform-set mismatch: show crypto ipsec transform-set on b" "esp-aes 256 esp-sha256-hmac" \
	fxd b show crypto ipsec transform-set TS
unpair

# -- VTI on one side, GRE on the other --
confs
EXTRA_GLOBAL=$RETRY gw_conf "$WORK/b.conf" b 192.0.2.2 192.0.2.1 198.51.100.2 gre
check "VTI against GRE: both start" pair
check "VTI against GRE: b: no IPsec policy for the received TS" \
	diag_has b "There was no IPSEC policy found for received TS"
check "VTI against GRE: b sends TS_UNACCEPTABLE" log_has b "Sending TS unacceptable notify"
check "VTI against GRE: a: TS_UNACCEPTABLE" diag_has a "TS_UNACCEPTABLE"
unpair

# -- no connectivity: retransmissions, then the reason --
# (GRE, for the acquire that follows: a VTI without SAs has no carrier, so
# no packet reaches it to make one; ike/lineproto.sh tests that)
confs gre
: >"$WORK/a.log"
check "no responder: a starts alone" flexsecd_start a "$WORK/a.conf" ikev2,error,kmi
check "no responder: a retransmits" log_has a "Retransmitting packet"
check "no responder: a gives up and says why" \
	diag_has a "Maximum number of retransmissions \\(2\\) reached"
check_output "no responder: the exception trace counts the retransmissions" "Retransmitting IKE_SA_INIT" \
	fxd a show monitor event-trace crypto ikev2 exception all
check "no responder: clear crypto ikev2 diagnose error" fxd a clear crypto ikev2 diagnose error
check_output "  empties the table" "current entry 0" fxd a show crypto ikev2 diagnose error

# -- traffic with no SA: flexsec.ko's acquire starts a negotiation --
sed -i 's/^ set ikev2-profile PROF/&\n responder-only/' "$WORK/b.conf"
check "acquire: b starts" flexsecd_start b "$WORK/b.conf"
on a ping -c 2 -W 1 198.51.100.2 >/dev/null 2>&1
check "acquire: a's flexsecd heard ACQUIRE from flexsec.ko" \
	log_has a "received ACQUIRE \\(Tunnel0\\)"
check "acquire: the tunnel comes up" wait_for 20 on a ping -c 1 -W 1 198.51.100.2
unpair

# -- dead peer detection: the peer vanishes without a DELETE --
confs
sed -i 's/^ keyring local KEYS/&\n dpd 10 2 periodic/' "$WORK/a.conf"
check "dpd: both start" pair
check "dpd: the tunnel is up" ike_up a 30
check "dpd: b's flexsecd is killed" sh -c "kill -9 \$(ip netns pids b)"
check "dpd: a finds the peer dead" wait_for 40 sh -c \
	"FLEXSEC_SOCKET=$WORK/a.sock ip netns exec a $FLEXSEC show crypto ikev2 diagnose error | grep -q 'no response from the peer to INFORMATIONAL'"
unpair

# -- malformed datagrams --
confs
check "garbage: b starts" pair
check "garbage: the tunnel is up first" ike_up a 30
check "garbage: 9 kinds of malformed datagrams sent to b" \
	on a /usr/bin/python3 "$TOP/selftests/tools/ikecraft.py" garbage 192.0.2.2
# dropped HOST: the datagrams HOST's flexsecd dropped.
dropped() {
	fxd "$1" -j show crypto ikev2 stats |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["rx_dropped"]["total"])'
}
check_output "garbage: b counted them as dropped" "^([89]|[1-9][0-9]+)$" dropped b
check "garbage: an unknown critical payload is answered with UNSUPPORTED_CRITICAL_PAYLOAD" \
	on a /usr/bin/python3 "$TOP/selftests/tools/ikecraft.py" critical 192.0.2.2
check "garbage: b still answers" fxd b show crypto ikev2 sa
check "garbage: the tunnel still works" on a ping -c 2 -i 0.3 -W 2 198.51.100.2
unpair

# -- a half-open SA: IKE_SA_INIT answered, then nothing --
confs
sed -i '1i crypto ikev2 half-open-timeout 5' "$WORK/b.conf"
check "half-open: b starts" pair
flexsecd_stop a
check "half-open: b answers a lone IKE_SA_INIT" \
	on a /usr/bin/python3 "$TOP/selftests/tools/ikecraft.py" halfopen 192.0.2.2
check_output "half-open: b holds it as negotiating" "IN-NEG" fxd b show crypto ikev2 sa
check "half-open: b times it out" wait_for 15 sh -c \
	"FLEXSEC_SOCKET=$WORK/b.sock ip netns exec b $FLEXSEC show crypto ikev2 diagnose error | grep -q 'Half-open SA timed out'"
check_fail "  and it is gone" sh -c "fxd b show crypto ikev2 sa | grep -q IN-NEG"
unpair

lib_done
