# SPDX-License-Identifier: GPL-2.0
# Helpers for the lab's selftests; sourced by each test, inside the guest.
#
# Results are TAP lines, "ok N - TEST: what" or "not ok N - TEST: what",
# which selftests/check counts. Hosts are network namespaces; everything a
# test creates is removed by the trap that lib_init sets.

set -u

TEST=${TEST:-$(basename "$0" .sh)}
TOP=${FLEXSEC_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
KVER=${FLEXSEC_KVER:-$(uname -r)}
MODULE=$TOP/build/$KVER/flexsec.ko
WORK=$(mktemp -d /tmp/"$TEST".XXXXXX)

_tap_n=0
_tap_fail=0
_netns=()
_cleanups=()

ok() {
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n - $TEST: $*"
}

not_ok() {
	_tap_n=$((_tap_n + 1))
	_tap_fail=$((_tap_fail + 1))
	echo "not ok $_tap_n - $TEST: $*"
}

diag() {
	sed 's/^/# /'
}

# check WHAT CMD...: CMD must succeed. Its output is shown when it fails.
check() {
	local what=$1 out
	shift
	if out=$("$@" 2>&1); then
		ok "$what"
	else
		not_ok "$what"
		printf '%s\n' "$ + $*" "$out" | diag
	fi
}

# check_fail WHAT CMD...: CMD must fail.
check_fail() {
	local what=$1 out
	shift
	if out=$("$@" 2>&1); then
		not_ok "$what"
		printf '%s\n' "$ + $* (succeeded)" "$out" | diag
	else
		ok "$what"
	fi
}

# check_output WHAT PATTERN CMD...: CMD must succeed and print PATTERN
# (an extended regular expression).
check_output() {
	local what=$1 pattern=$2 out
	shift 2
	if out=$("$@" 2>&1) && grep -Eq -- "$pattern" <<<"$out"; then
		ok "$what"
	else
		not_ok "$what"
		printf '%s\n' "$ + $*" "expected /$pattern/ in:" "$out" | diag
	fi
}

# check_error WHAT PATTERN CMD...: CMD must fail and print PATTERN.
check_error() {
	local what=$1 pattern=$2 out
	shift 2
	if ! out=$("$@" 2>&1) && grep -Eq -- "$pattern" <<<"$out"; then
		ok "$what"
	else
		not_ok "$what"
		printf '%s\n' "$ + $*" "expected failure with /$pattern/, got:" "$out" | diag
	fi
}

# wait_for SECONDS CMD...: poll CMD every 0.2 s until it succeeds.
wait_for() {
	local end=$((SECONDS + $1))
	shift
	until "$@" >/dev/null 2>&1; do
		[ $SECONDS -lt $end ] || return 1
		sleep 0.2
	done
}

on_exit() {
	_cleanups+=("$*")
}

_lib_cleanup() {
	local i ns
	for ((i = ${#_cleanups[@]} - 1; i >= 0; i--)); do
		eval "${_cleanups[$i]}" >/dev/null 2>&1 || true
	done
	for ns in "${_netns[@]}"; do
		ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null
		ip netns del "$ns" 2>/dev/null
	done
	# The daemons' logs of a failed test are kept with the results.
	if [ "$_tap_fail" != 0 ] && [ -n "${FLEXSEC_RESULTS:-}" ] &&
	   compgen -G "$WORK/*.log" >/dev/null; then
		mkdir -p "$FLEXSEC_RESULTS/$TEST" &&
			cp "$WORK"/*.log "$FLEXSEC_RESULTS/$TEST/" 2>/dev/null
		cp -r "$WORK"/charon-*/charon.log "$FLEXSEC_RESULTS/$TEST/" 2>/dev/null
	fi
	rm -rf "$WORK"
}

lib_init() {
	trap _lib_cleanup EXIT
	trap 'exit 130' INT TERM
}

lib_done() {
	echo "1..$_tap_n"
	[ $_tap_fail = 0 ]
}

# The lab runs as root inside the guest; refuse to run anywhere else.
require_lab() {
	if [ -z "${FLEXSEC_LAB:-}" ]; then
		echo "$TEST: run inside the lab: selftests/lab/vm FLAVOUR $0" >&2
		exit 2
	fi
}

# -- hosts ---------------------------------------------------------------

# host NAME: a network namespace with loopback up.
host() {
	ip netns add "$1"
	_netns+=("$1")
	ip -n "$1" link set lo up
}

# on HOST CMD...: run CMD on HOST.
on() {
	local ns=$1
	shift
	ip netns exec "$ns" "$@"
}

# link A ADDR_A B ADDR_B [NAME]: a veth pair between hosts A and B, named
# NAME (default "eth0") on both sides, with ADDR/prefix on each.
link() {
	local a=$1 aa=$2 b=$3 ba=$4 name=${5:-eth0}
	ip link add "$name" netns "$a" type veth peer name "$name" netns "$b"
	ip -n "$a" addr add "$aa" dev "$name"
	ip -n "$b" addr add "$ba" dev "$name"
	ip -n "$a" link set "$name" up
	ip -n "$b" link set "$name" up
}

# -- flexsec.ko ------------------------------------------------------------

# flexsec.ko needs udp_tunnel (a module of the stock kernels).
flexsec_load() {
	[ -e /sys/module/flexsec ] && return 0
	modprobe -q udp_tunnel 2>/dev/null
	insmod "$MODULE"
}

flexsec_unload() {
	[ -e /sys/module/flexsec ] || return 0
	rmmod flexsec
}

# -- kernel modules the peers need ----------------------------------------

# Loading these up front keeps module autoload over 9p out of IKE timing.
preload_ipsec() {
	modprobe -q -a veth xfrm_user xfrm_interface ip_vti ip_gre esp4 esp6 \
		aesni_intel gcm ghash_clmulni_intel seqiv echainiv authenc \
		chacha20poly1305 drbg jitterentropy_rng sha256_generic \
		sha512_generic sha3_generic 2>/dev/null
	return 0
}

# -- flexsec's own tools ----------------------------------------------------

FLEXSEC=$TOP/build/user/flexsec
# Debian's ip finds link_flexsec.so here.
export IP_LIB_DIR=$TOP/build/user

# fx HOST ARGS...: the flexsec CLI on HOST.
fx() {
	local h=$1
	shift
	on "$h" "$FLEXSEC" "$@"
}

# hexkey BYTES SEED: a key of BYTES bytes, as hex, different for each SEED.
hexkey() {
	local n=$1 seed=$2 i
	for ((i = 0; i < n; i++)); do
		printf '%02x' $(((seed * 131 + i * 29 + 7) & 255))
	done
}

# The algorithms of the data plane, as flexsec names them: ENC[/AUTH].
ESP_ALGS="aes-gcm-128 aes-gcm-256 chacha20-poly1305 aes-cbc-128/hmac-sha1
	  aes-cbc-256/hmac-sha256 aes-cbc-256/hmac-sha384 aes-cbc-256/hmac-sha512"

# The debug kernel (KASAN, lockdep) is many times slower: there one AEAD and
# one CBC+HMAC stand for the rest, which the stock kernels run.
if [ "${FLEXSEC_FLAVOUR:-}" = debug ]; then
	ESP_ALGS="aes-gcm-128 aes-cbc-256/hmac-sha256"
fi

# Key lengths in bytes, the AEAD salt included.
enc_keylen() {
	case $1 in
	aes-gcm-128) echo 20 ;; aes-gcm-256|chacha20-poly1305) echo 36 ;;
	aes-cbc-128) echo 16 ;; aes-cbc-192) echo 24 ;; aes-cbc-256) echo 32 ;;
	esac
}
auth_keylen() {
	case $1 in
	hmac-sha1) echo 20 ;; hmac-sha256) echo 32 ;; hmac-sha384) echo 48 ;;
	hmac-sha512) echo 64 ;;
	esac
}

# fx_sa_args ALG SEED: the "enc ... key ... [auth ... auth-key ...]" words.
fx_sa_args() {
	local enc=${1%%/*} auth= seed=$2
	[ "$1" != "$enc" ] && auth=${1#*/}
	printf 'enc %s key %s' "$enc" "$(hexkey "$(enc_keylen "$enc")" "$seed")"
	[ -n "$auth" ] &&
		printf ' auth %s auth-key %s' "$auth" "$(hexkey "$(auth_keylen "$auth")" "$((seed + 100))")"
	echo
}

# xfrm_sa_args ALG SEED: the same SA as words of "ip xfrm state add".
xfrm_sa_args() {
	local enc=${1%%/*} auth= seed=$2 key
	[ "$1" != "$enc" ] && auth=${1#*/}
	key=0x$(hexkey "$(enc_keylen "$enc")" "$seed")
	case $enc in
	aes-gcm-*) echo "aead rfc4106(gcm(aes)) $key 128" ;;
	chacha20-poly1305) echo "aead rfc7539esp(chacha20,poly1305) $key 128" ;;
	aes-cbc-*)
		local akey=0x$(hexkey "$(auth_keylen "$auth")" "$((seed + 100))")
		case $auth in
		hmac-sha1) echo "enc cbc(aes) $key auth-trunc hmac(sha1) $akey 96" ;;
		hmac-sha256) echo "enc cbc(aes) $key auth-trunc hmac(sha256) $akey 128" ;;
		hmac-sha384) echo "enc cbc(aes) $key auth-trunc hmac(sha384) $akey 192" ;;
		hmac-sha512) echo "enc cbc(aes) $key auth-trunc hmac(sha512) $akey 256" ;;
		esac ;;
	esac
}

# flexsec_ready: module, CLI and plugin are there.
flexsec_ready() {
	flexsec_load && [ -x "$FLEXSEC" ] && [ -e "$IP_LIB_DIR/link_flexsec.so" ]
}

# ynl HOST ARGS...: the kernel's YNL command-line client against the flexsec
# spec, to send requests the CLI would refuse to build (scripts/regen
# unpacks it from linux-source-6.12).
YNL_DIR=$(ls -d "${FLEXSEC_CACHE:-/var/cache/flexsec}"/ynl-* 2>/dev/null | tail -n 1)
ynl() {
	local h=$1
	shift
	on "$h" /usr/bin/python3 "$YNL_DIR/tools/net/ynl/cli.py" \
		--spec "$TOP/Documentation/netlink/specs/flexsec.yaml" \
		--schema "$YNL_DIR/Documentation/netlink/genetlink-legacy.yaml" "$@"
}

# -- flexsecd ----------------------------------------------------------------

FLEXSECD=$TOP/build/user/flexsecd

# flexsecd_start HOST CONF [DEBUG]: flexsecd on HOST with CONF, its control
# socket $WORK/HOST.sock, its log $WORK/HOST.log; DEBUG is a -d list;
# FLEXSECD_ARGS, more options (-L, -J).
flexsecd_start() {
	local h=$1 conf=$2 debug=${3:-ikev2,error}
	# shellcheck disable=SC2086
	on "$h" "$FLEXSECD" ${FLEXSECD_ARGS:-} -f "$conf" -S "$WORK/$h.sock" -d "$debug" \
		>>"$WORK/$h.log" 2>&1 &
	on_exit "kill $! 2>/dev/null; sleep 0.3"
	wait_for 20 test -S "$WORK/$h.sock"
}

# flexsecd_stop HOST: stops HOST's flexsecd (SIGTERM) and waits for it.
flexsecd_stop() {
	local pid
	pid=$(ip netns pids "$1" 2>/dev/null | while read -r p; do
		grep -qs flexsecd "/proc/$p/cmdline" && echo "$p"; done)
	[ -n "$pid" ] || return 0
	kill $pid 2>/dev/null
	wait_for 10 sh -c "! kill -0 $pid 2>/dev/null"
	rm -f "$WORK/$1.sock"
}

# fxd HOST ARGS...: the CLI on HOST talking to HOST's flexsecd.
fxd() {
	local h=$1
	shift
	FLEXSEC_SOCKET="$WORK/$h.sock" on "$h" "$FLEXSEC" "$@"
}

# fxd_line HOST ARGS...: the CLI's answer on one line.
fxd_line() {
	fxd "$@" | tr '\n' ' '
}

# ike_up HOST [SECONDS]: HOST has an IKE SA in READY state.
ike_up() {
	wait_for "${2:-30}" sh -c "FLEXSEC_SOCKET='$WORK/$1.sock' ip netns exec '$1' '$FLEXSEC' show crypto ikev2 sa | grep -q READY"
}

# child_up HOST [SECONDS]: HOST's tunnels have an outbound SA in flexsec.ko.
child_up() {
	wait_for "${2:-30}" sh -c "ip netns exec '$1' '$FLEXSEC' -j tunnel show | grep -Eq '\"out_spi\": *[1-9]'"
}

# iperf_through CLIENT SERVER DST: one second of iperf3 TCP from CLIENT to
# SERVER's address DST; some bytes must arrive.
iperf_through() {
	local client=$1 server=$2 dst=$3 rc
	on "$server" iperf3 -s -1 -D -I "$WORK/iperf.pid" >/dev/null 2>&1
	wait_for 5 test -s "$WORK/iperf.pid"
	on "$client" timeout 20 iperf3 -c "$dst" -t 1 -J >"$WORK/iperf.json" 2>&1
	rc=$?
	rm -f "$WORK/iperf.pid"
	[ $rc = 0 ] && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["end"]["sum_received"]["bytes"] > 0' "$WORK/iperf.json"
}
