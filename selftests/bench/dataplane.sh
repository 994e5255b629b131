#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Data-plane benchmark, inside one lab boot: iperf3 TCP, UDP with 64-byte and
# with 1400-byte datagrams through
#   (a) a flexsec VTI tunnel, AES-GCM-128, replay window 64
#   (b) Linux ip_vti with XFRM states, the same keys, algorithm and window
#       (strongSwan's data path: charon installs exactly these states)
#   (c) WireGuard
#   (d) plain veth
# each between two namespaces of its own, one after the other. Prints the
# receiver's throughput and each ratio to (b). Timings are noisy under
# software emulation: only ratios from one run mean anything.
#
#     netns Xa                        netns Xb      (X = f, l, w, p)
#   +------------------+           +------------------+
#   | tunnel 10.9.X.1  |===========| tunnel 10.9.X.2  |
#   | eth0 192.0.2.1   |--- veth --| eth0 192.0.2.2   |
#   +------------------+           +------------------+
source "$(dirname "$0")/../lib.sh"
require_lab
lib_init
preload_ipsec
modprobe -q wireguard 2>/dev/null
on_exit flexsec_unload
flexsec_ready || { echo "bench: flexsec is not built" >&2; exit 1; }
SECS=${BENCH_SECONDS:-5}
KEY_AB=$(hexkey 20 1) KEY_BA=$(hexkey 20 2)

pair() {
	host "$1a"
	host "$1b"
	link "$1a" 192.0.2.1/24 "$1b" 192.0.2.2/24
}

# (a) flexsec
pair f
ip -n fa link add tun type flexsec mode vti local 192.0.2.1 remote 192.0.2.2
ip -n fb link add tun type flexsec mode vti local 192.0.2.2 remote 192.0.2.1
fx fa sa add dev tun dir out spi 0x100 enc aes-gcm-128 key "$KEY_AB" >/dev/null
fx fb sa add dev tun dir in spi 0x100 enc aes-gcm-128 key "$KEY_AB" replay-window 64 >/dev/null
fx fb sa add dev tun dir out spi 0x200 enc aes-gcm-128 key "$KEY_BA" >/dev/null
fx fa sa add dev tun dir in spi 0x200 enc aes-gcm-128 key "$KEY_BA" replay-window 64 >/dev/null

# (b) Linux ip_vti + XFRM
pair l
for s in a b; do
	if [ $s = a ]; then me=192.0.2.1 peer=192.0.2.2; else me=192.0.2.2 peer=192.0.2.1; fi
	ip -n l$s link add tun type vti local $me remote $peer key 42
	on l$s sysctl -qw net.ipv4.conf.tun.disable_policy=1
	ip -n l$s xfrm policy add dir out mark 42 tmpl src $me dst $peer proto esp mode tunnel
	ip -n l$s xfrm policy add dir in mark 42 tmpl src $peer dst $me proto esp mode tunnel
done
for s in a b; do
	ip -n l$s xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x100 mode tunnel \
		mark 42 aead 'rfc4106(gcm(aes))' 0x$KEY_AB 128 replay-window 64
	ip -n l$s xfrm state add src 192.0.2.2 dst 192.0.2.1 proto esp spi 0x200 mode tunnel \
		mark 42 aead 'rfc4106(gcm(aes))' 0x$KEY_BA 128 replay-window 64
done

# (c) WireGuard
pair w
umask 077
wg genkey >"$WORK/wa.key"; wg pubkey <"$WORK/wa.key" >"$WORK/wa.pub"
wg genkey >"$WORK/wb.key"; wg pubkey <"$WORK/wb.key" >"$WORK/wb.pub"
ip -n wa link add tun type wireguard
ip -n wb link add tun type wireguard
on wa wg set tun listen-port 51820 private-key "$WORK/wa.key" \
	peer "$(cat "$WORK/wb.pub")" allowed-ips 0.0.0.0/0 endpoint 192.0.2.2:51820
on wb wg set tun listen-port 51820 private-key "$WORK/wb.key" \
	peer "$(cat "$WORK/wa.pub")" allowed-ips 0.0.0.0/0 endpoint 192.0.2.1:51820

# (d) plain veth: the "tunnel" is eth0 itself, with the inner addresses on it.
pair p

n=0
for x in f l w p; do
	n=$((n + 1))
	dev=tun
	[ $x = p ] && dev=eth0
	ip -n ${x}a addr add 10.9.$n.1/24 dev $dev
	ip -n ${x}b addr add 10.9.$n.2/24 dev $dev
	ip -n ${x}a link set $dev up
	ip -n ${x}b link set $dev up
	eval "addr_$x=10.9.$n.2"
done

# measure X ARGS...: receiver throughput in Mbit/s of iperf3 from Xa to Xb.
measure() {
	local x=$1 dst
	shift
	eval "dst=\$addr_$x"
	on ${x}b iperf3 -s -1 -D -I "$WORK/srv.pid" >/dev/null 2>&1
	wait_for 5 test -s "$WORK/srv.pid"
	on ${x}a ping -q -c 1 -W 2 "$dst" >/dev/null 2>&1
	on ${x}a timeout $((SECS + 20)) iperf3 -c "$dst" -t "$SECS" -J "$@" >"$WORK/r.json" 2>/dev/null
	rm -f "$WORK/srv.pid"
	python3 - "$WORK/r.json" <<-'PY'
	import json, sys
	try:
	    d = json.load(open(sys.argv[1]))
	    e = d["end"]
	    s = e.get("sum_received") or e.get("sum")
	    print("%.1f" % (s["bits_per_second"] / 1e6))
	except Exception:
	    print("nan")
	PY
}

echo "# flexsec data-plane benchmark, Linux $(uname -r), ${SECS}s per run, Mbit/s (receiver)"
printf '%-24s %10s %10s %10s %10s\n' test "(a)flexsec" "(b)xfrm" "(c)wg" "(d)veth"
for t in tcp udp64 udp1400; do
	case $t in
	tcp) args=() ;;
	udp64) args=(-u -b 0 -l 64) ;;
	udp1400) args=(-u -b 0 -l 1400) ;;
	esac
	for x in f l w p; do
		eval "r_$x=\$(measure $x \"\${args[@]}\")"
	done
	printf '%-24s %10s %10s %10s %10s\n' "$t" "$r_f" "$r_l" "$r_w" "$r_p"
	python3 -c 'import sys
f, l, w, p = (float(v) for v in sys.argv[1:5])
r = lambda a: ("%.2fx" % (a / l)) if l > 0 and a == a else "n/a"
print("%-24s %10s %10s %10s %10s" % ("  ratio to (b)", r(f), "1.00x", r(w), r(p)))' "$r_f" "$r_l" "$r_w" "$r_p"
done
