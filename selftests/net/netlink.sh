#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The family refuses malformed requests with EINVAL (or EEXIST) and says why
# in the extended ACK; the CLI prints the kernel's words. Only a listener
# with CAP_NET_ADMIN over the network namespace may join the events group.
#
#        netns a
#   +----------------------+
#   | Tunnel0 (flexsec vti) |
#   | dummy0 192.0.2.1/24   |
#   +----------------------+
source "$(dirname "$0")/../lib.sh"
require_lab
lib_init
on_exit flexsec_unload
check "flexsec.ko, CLI and ip plugin" flexsec_ready
check "the YNL client is unpacked" test -e "$YNL_DIR/tools/net/ynl/cli.py"

host a
ip -n a link add dummy0 type dummy
ip -n a addr add 192.0.2.1/24 dev dummy0
ip -n a link set dummy0 up
ip -n a link add Tunnel0 type flexsec mode vti local 192.0.2.1 remote 192.0.2.2
IFX=$(ip -n a -j link show Tunnel0 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["ifindex"])')
IDUMMY=$(ip -n a -j link show dummy0 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["ifindex"])')
K20=$(hexkey 20 1) K16=$(hexkey 16 1) K32=$(hexkey 32 1)

# sa_new WHAT PATTERN JSON: sa-new with these attributes fails with EINVAL,
# and the extended ACK matches PATTERN.
sa_new() {
	local out
	out=$(ynl a --do sa-new --json "$3" 2>&1)
	if grep -q "Invalid argument" <<<"$out" && grep -Eq -- "$2" <<<"$out"; then
		ok "$1"
	else
		not_ok "$1"
		printf '%s\n' "expected EINVAL and /$2/ in:" "$out" | diag
	fi
}

sa_new "missing SPI: the attribute is named" "'miss-type': 'spi'" \
	"{\"ifindex\": $IFX, \"dir\": \"in\", \"enc-alg\": 1, \"enc-key\": \"$K20\"}"
sa_new "missing key" "'miss-type': 'enc-key'" \
	"{\"ifindex\": $IFX, \"spi\": 4096, \"dir\": \"in\", \"enc-alg\": 1}"
sa_new "wrong key length" "encryption key length does not match the algorithm" \
	"{\"ifindex\": $IFX, \"spi\": 4096, \"dir\": \"in\", \"enc-alg\": 1, \"enc-key\": \"$K16\"}"
sa_new "unknown algorithm" "unknown encryption algorithm" \
	"{\"ifindex\": $IFX, \"spi\": 4096, \"dir\": \"in\", \"enc-alg\": 9, \"enc-key\": \"$K20\"}"
sa_new "aes-cbc without integrity" "aes-cbc needs an integrity algorithm" \
	"{\"ifindex\": $IFX, \"spi\": 4096, \"dir\": \"in\", \"enc-alg\": 3, \"enc-key\": \"$K16\"}"
sa_new "an AEAD with integrity" "an AEAD takes no integrity algorithm" \
	"{\"ifindex\": $IFX, \"spi\": 4096, \"dir\": \"in\", \"enc-alg\": 1, \"enc-key\": \"$K20\", \"auth-alg\": 2, \"auth-key\": \"$K32\"}"
sa_new "wrong integrity key length" "integrity key length does not match" \
	"{\"ifindex\": $IFX, \"spi\": 4096, \"dir\": \"in\", \"enc-alg\": 3, \"enc-key\": \"$K16\", \"auth-alg\": 1, \"auth-key\": \"$K32\"}"
sa_new "replay window too big" "replay window above 65536" \
	"{\"ifindex\": $IFX, \"spi\": 4096, \"dir\": \"in\", \"enc-alg\": 1, \"enc-key\": \"$K20\", \"replay-window\": 70000}"
sa_new "replay window too small" "replay window below 32" \
	"{\"ifindex\": $IFX, \"spi\": 4096, \"dir\": \"in\", \"enc-alg\": 1, \"enc-key\": \"$K20\", \"replay-window\": 16}"
sa_new "replay window on an outbound SA" "a replay window is for inbound SAs" \
	"{\"ifindex\": $IFX, \"spi\": 4096, \"dir\": \"out\", \"enc-alg\": 1, \"enc-key\": \"$K20\", \"replay-window\": 64}"
check_error "reserved SPI: out of range, per the policy" "'bad-attr': '.spi'" \
	ynl a --do sa-new --json "{\"ifindex\": $IFX, \"spi\": 200, \"dir\": \"in\", \"enc-alg\": 1, \"enc-key\": \"$K20\"}"
sa_new "unknown tunnel" "no flexsec tunnel with this ifindex" \
	"{\"ifindex\": 9999, \"spi\": 4096, \"dir\": \"in\", \"enc-alg\": 1, \"enc-key\": \"$K20\"}"
sa_new "a device that is not a flexsec tunnel" "no flexsec tunnel with this ifindex" \
	"{\"ifindex\": $IDUMMY, \"spi\": 4096, \"dir\": \"in\", \"enc-alg\": 1, \"enc-key\": \"$K20\"}"
sa_new "seq above 2^32 without ESN" "sequence number above 2\^32 without ESN" \
	"{\"ifindex\": $IFX, \"spi\": 4096, \"dir\": \"out\", \"enc-alg\": 1, \"enc-key\": \"$K20\", \"seq\": 5000000000}"
sa_new "soft limit above hard limit" "a soft limit is above its hard limit" \
	"{\"ifindex\": $IFX, \"spi\": 4096, \"dir\": \"in\", \"enc-alg\": 1, \"enc-key\": \"$K20\", \"lifetime\": {\"soft-bytes\": 10, \"hard-bytes\": 5}}"

check "a good SA" fx a sa add dev Tunnel0 dir in spi 0x1000 enc aes-gcm-128 key "$K20"

# ESP in UDP: the two ports, the peer's changed with sa-set, the socket.
sa_new "one encapsulation port alone" "encap-local-port and encap-remote-port go together" \
	"{\"ifindex\": $IFX, \"spi\": 12288, \"dir\": \"in\", \"enc-alg\": 1, \"enc-key\": \"$K20\", \"encap-local-port\": 4500}"
check "an SA with UDP encapsulation" ynl a --do sa-new --json \
	"{\"ifindex\": $IFX, \"spi\": 12288, \"dir\": \"in\", \"enc-alg\": 1, \"enc-key\": \"$K20\", \"encap-local-port\": 4500, \"encap-remote-port\": 4500}"
check_output "  sa-get shows its ports" "'encap-local-port': 4500," \
	ynl a --do sa-get --json "{\"ifindex\": $IFX, \"spi\": 12288, \"dir\": \"in\"}"
check "  sa-set moves the peer's port" ynl a --do sa-set --json \
	"{\"ifindex\": $IFX, \"spi\": 12288, \"dir\": \"in\", \"encap-remote-port\": 31337}"
check_output "  which sa-get shows" "'encap-remote-port': 31337" \
	ynl a --do sa-get --json "{\"ifindex\": $IFX, \"spi\": 12288, \"dir\": \"in\"}"
check_output "  and the CLI" "encap udp sport 4500 dport 31337" fx a sa show dev Tunnel0
check_error "sa-set on an SA without encapsulation" "the SA has no UDP encapsulation" \
	ynl a --do sa-set --json "{\"ifindex\": $IFX, \"spi\": 4096, \"dir\": \"in\", \"encap-remote-port\": 4500}"
check_error "encap-attach of a descriptor that is no socket" "not a socket" \
	ynl a --do encap-attach --json '{"fd": 0}' </dev/null
check "the encapsulated SA removed" ynl a --do sa-del --json \
	"{\"ifindex\": $IFX, \"spi\": 12288, \"dir\": \"in\"}"
check_error "the CLI prints the kernel's reason: duplicate inbound SPI" \
	"an inbound SA with this SPI exists" \
	fx a sa add dev Tunnel0 dir in spi 0x1000 enc aes-gcm-128 key "$K20"
check_error "deleting an SA that is not there" "no SA with this SPI" \
	fx a sa del dev Tunnel0 dir in spi 0x2000
check_error "activating an inbound SA: there is no such outbound SA" "no SA with this SPI" \
	fx a sa activate dev Tunnel0 spi 0x1000
check_output "the SA is listed, without its key" '"spi": *4096' fx a -j sa show
check_fail "no key material in sa show" on a sh -c "$FLEXSEC -j sa show | grep -i '$K20'"
check_error "the link refuses an IPv4-mapped outer address" "IPv4-mapped IPv6 address" \
	ip -n a link add Tunnel6 type flexsec mode vti local ::ffff:192.0.2.1 remote ::ffff:192.0.2.2
check_error "the link refuses outer addresses of two families" \
	"local and remote must be of one address family" \
	ip -n a link set Tunnel0 type flexsec remote 2001:db8::2
check_error "GRE keys in VTI mode are refused" "GRE keys need mode gre|key" \
	ip -n a link set Tunnel0 type flexsec ikey 5

# -- the events group: CAP_NET_ADMIN over the namespace -----------------------
JOIN="/usr/bin/python3 $TOP/selftests/tools/genljoin.py"
NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups --"

check_output "nobody holds no capability" 'CapEff:[[:space:]]+0+$' \
	on a $NOBODY grep CapEff /proc/self/status
check_error "nobody may not join the events group: EPERM" '^EPERM' \
	on a $NOBODY $JOIN
check_error "nor by bind(2) with the group's bit" '^EPERM' \
	on a $NOBODY $JOIN --bind
check_error "the CLI says what joining the group needs" \
	'monitor: joining the flexsec events group: needs CAP_NET_ADMIN' \
	on a $NOBODY timeout 30 "$FLEXSEC" monitor
check_error "so does flexsecd's" \
	'KMI: joining the flexsec events group: needs CAP_NET_ADMIN' \
	on a $NOBODY timeout 30 "$FLEXSECD" -f /dev/null -S "$WORK/nobody.sock"

# userns HOST [-n] CMD...: CMD as root of a user namespace of its own, on
# HOST or with -n in a network namespace the user namespace owns. The lab
# runs its job chrooted (selftests/lab/init), and a chrooted process may not
# make a user namespace: it is made from the initramfs's root (pid 1's), with
# busybox, and CMD runs back in the job's root, /newroot there.
userns() {
	local h=$1 net=
	shift
	[ "$1" = -n ] && { net=-n; shift; }
	nsenter --net="/run/netns/$h" chroot /proc/1/root \
		/bin/busybox unshare -r $net /bin/busybox chroot /newroot "$@"
}

# The debug kernel is built without user namespaces (selftests/lab/
# debug.config); there the unprivileged user's checks stand for these.
if [ -e /proc/self/ns/user ]; then
	check_output "a user namespace of its own, root mapped to root alone" \
		'^ *0 +0 +1$' userns a cat /proc/self/uid_map
	check_error "root of a user namespace not owning the network namespace: EPERM" \
		'^EPERM' userns a $JOIN
	check_output "root of a user namespace owning its network namespace may join" \
		'^joined events' userns a -n $JOIN
fi
check_output "root may join" '^joined events' on a $JOIN
check_output "root may join by bind(2)" '^joined events' on a $JOIN --bind

# acquired: traffic into the tunnel, which has no outbound SA, brought the
# monitor an acquire (the kernel sends one a second at most).
acquired() {
	on a ping -q -c 1 -W 0.2 10.255.0.2 >/dev/null 2>&1
	grep -q 'acquire dev Tunnel0' "$WORK/monitor.log"
}

fx a monitor >"$WORK/monitor.log" 2>&1 &
on_exit "kill $!"
ip -n a addr add 10.255.0.1/30 dev Tunnel0
ip -n a link set Tunnel0 up
check "root's monitor gets the events (acquire on Tunnel0)" wait_for 10 acquired
lib_done
