#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Hub scale benchmark, inside one lab boot: N spokes (selftests/tools/
# spokegen, one process, one address each) bring up an IKE SA with PSK, a
# CFG_REQUEST and a CHILD SA against
#   (a) flexsecd as a FlexVPN hub: Virtual-Template1 (ip unnumbered
#       Loopback0), a Virtual-Access interface per spoke, its address from
#       "ip local pool", local group authorization
#   (b) strongSwan's charon with a pool of the same size and the same
#       suite (aes128gcm16-prfsha256-ecp256, ESP aes128gcm16), SAs and
#       policies in Linux XFRM
# one after the other, RUNS times each, alternating. Each run measures the
# time until all N are up (spokegen's clock), the hub's RSS before and
# after, the kernel's memory per spoke (Slab + Percpu of /proc/meminfo,
# with the caches dropped, before and after, over N), the time of
# "show crypto session brief" (charon: "swanctl --list-sas") with N up,
# and the time the hub takes to remove everything once spokegen deletes
# its SAs. Prints each run, then the medians [min..max] and the ratios
# (a)/(b). Figures are noisy under software emulation: only ratios from
# one boot mean anything. Nothing here asserts a timing.
#
# The window (spokegen's exchanges in flight) stays under both hubs'
# defences against half-open SAs: flexsecd drops IKE_SA_INIT beyond 40 in
# negotiation, charon asks for a COOKIE beyond 30 (and 5.9.8 refuses its
# own cookies for up to 10 s after it starts: its time stamp underflows).
#
#   HUB_SCALE_N (1000), HUB_SCALE_RUNS (3), HUB_SCALE_WINDOW (20),
#   HUB_SCALE_HUBS ("flexsecd charon"), HUB_SCALE_PERF (1: perf records the
#   whole guest during the first run's bring-up and teardown; the profiles
#   go to the results folder: perf-HUB-up.txt, perf-HUB-down.txt flat, and
#   perf-HUB-up-children.txt, perf-HUB-down-children.txt for the hub's
#   process with its callees' time included)
#
#      netns hub                              netns sp
#   +------------------------+           +---------------------------+
#   | Loopback0 10.0.0.1     |           | spokegen: N spokes on     |
#   | Vi1..ViN (flexsecd)    |           | 10.1.0.1.. (local route   |
#   | eth0 192.0.2.1         |--- veth --| 10.1.0.0/16 on lo)        |
#   | 10.1.0.0/16 via .2     |           | eth0 192.0.2.2            |
#   +------------------------+           +---------------------------+
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/../peers/charon.sh"
require_lab
lib_init
preload_ipsec
on_exit flexsec_unload
flexsec_load || { echo "bench: flexsec is not built" >&2; exit 1; }

N=${HUB_SCALE_N:-1000}
RUNS=${HUB_SCALE_RUNS:-3}
WINDOW=${HUB_SCALE_WINDOW:-20}
HUBS=${HUB_SCALE_HUBS:-flexsecd charon}
SPOKEGEN=$TOP/build/user/spokegen
[ -x "$SPOKEGEN" ] || { echo "bench: $SPOKEGEN is not built" >&2; exit 1; }
# The pool: 10.0.16.1 and up, at least N addresses.
POOL_BITS=$(python3 -c "import math; print(max(8, math.ceil(math.log2($N + 2))))")
POOL_NET=10.0.16.0/$((32 - POOL_BITS))
POOL_LAST=$(python3 -c "import ipaddress as i; print(i.ip_network('$POOL_NET')[-2])")
WAIT_UP=$((120 + N))

host hub
host sp
link hub 192.0.2.1/24 sp 192.0.2.2/24
ip -n sp route add local 10.1.0.0/16 dev lo
ip -n hub route add 10.1.0.0/16 via 192.0.2.2

cat >"$WORK/hub.conf" <<-CONF
	hostname hub
	aaa new-model
	aaa authorization network FLEX local
	ip local pool SPOKES 10.0.16.1 $POOL_LAST
	!
	crypto ikev2 authorization policy SPOKES
	 pool SPOKES
	!
	crypto ikev2 proposal LAB
	 encryption aes-gcm-128
	 prf sha256
	 group 19
	crypto ikev2 policy LAB
	 proposal LAB
	crypto ikev2 keyring KEYS
	 peer spokes
	  address 0.0.0.0 0.0.0.0
	  pre-shared-key lab secret
	crypto ikev2 profile HUB
	 match identity remote fqdn domain lab.example
	 authentication local pre-share
	 authentication remote pre-share
	 keyring local KEYS
	 aaa authorization group psk list FLEX SPOKES
	 dpd 20 2 periodic
	 virtual-template 1
	crypto ipsec transform-set TS esp-gcm 128
	crypto ipsec profile IPS
	 set transform-set TS
	 set ikev2-profile HUB
	!
	interface Loopback0
	 ip address 10.0.0.1 255.255.255.255
	!
	interface Virtual-Template1 type tunnel
	 ip unnumbered Loopback0
	 tunnel mode ipsec ipv4
	 tunnel protection ipsec profile IPS
	CONF

mkdir -p "$(charon_dir hub)"
cat >"$(charon_dir hub)/swanctl.conf" <<-CONF
	connections {
		spokes {
			version = 2
			local_addrs = 192.0.2.1
			proposals = aes128gcm16-prfsha256-ecp256
			mobike = no
			dpd_delay = 20s
			pools = spokes
			local {
				auth = psk
				id = 192.0.2.1
			}
			remote {
				auth = psk
			}
			children {
				net {
					local_ts = 0.0.0.0/0
					esp_proposals = aes128gcm16
				}
			}
		}
	}
	pools {
		spokes {
			addrs = $POOL_NET
		}
	}
	secrets {
		ike-lab {
			secret = "lab secret"
		}
	}
	CONF
# strongSwan's advice for many IKE SAs: a hash table of more than one row.
export CHARON_EXTRA="ikesa_table_size = 1024
		ikesa_table_segments = 16"
export CHARON_LOG_IKE=0 CHARON_LOG_DEFAULT=0

# pid_of HOST NAME: the process NAME in HOST's namespace.
pid_of() {
	local p
	for p in $(ip netns pids "$1" 2>/dev/null); do
		[ "$(cat "/proc/$p/comm" 2>/dev/null)" = "$2" ] && { echo "$p"; return; }
	done
}

# perf_start HUB WHAT / perf_stop: a profile of the whole guest, when asked.
perf_pid=
perf_start() {
	[ "${HUB_SCALE_PERF:-0}" = 1 ] && [ "$i" = 1 ] || return 0
	# perf records until its workload ends, when perf_stop says so
	rm -f "$WORK/perf.stop"
	perf record -q -a -g -m 4096 -e cpu-clock -F 199 -o "$WORK/perf-$1-$2.data" -- \
		sh -c "until [ -e '$WORK/perf.stop' ]; do sleep 0.2; done" \
		>/dev/null 2>&1 &
	perf_pid=$!
	perf_what=$1-$2
	sleep 2
}

perf_stop() {
	[ -n "$perf_pid" ] || return 0
	touch "$WORK/perf.stop"
	wait "$perf_pid" 2>/dev/null
	perf_pid=
	perf report -i "$WORK/perf-$perf_what.data" --stdio --no-children \
		--sort comm,dso,sym --percent-limit 0.5 -g none 2>/dev/null |
		grep -v '^#$' >"${FLEXSEC_RESULTS:-$WORK}/perf-$perf_what.txt"
	perf report -q -i "$WORK/perf-$perf_what.data" --stdio --children \
		--comm "${perf_what%-*}" --sort sym --percent-limit 1 -g none \
		>"${FLEXSEC_RESULTS:-$WORK}/perf-$perf_what-children.txt" 2>/dev/null
	rm -f "$WORK/perf-$perf_what.data"
}

rss_kb() {
	awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0
}

# kernel_kb: Slab + Percpu in kB, with the reclaimable caches dropped first.
kernel_kb() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	awk '/^(Slab|Percpu):/ { s += $2 } END { print s }' /proc/meminfo
}

# slab_snap FILE: bytes in use per slab cache (after kernel_kb dropped the
# caches).
slab_snap() {
	awk 'NR > 2 { print $1, $2 * $4 }' /proc/slabinfo >"$1"
}

# slab_top BEFORE AFTER: the caches that grew most, in bytes per spoke.
slab_top() {
	python3 - "$1" "$2" "$N" <<-'PY'
	import sys
	def load(f):
	    return {l.split()[0]: int(l.split()[1]) for l in open(f)}
	a, b, n = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3])
	d = sorted(((b[k] - a.get(k, 0)) / n, k) for k in b)
	print("slab per spoke (bytes): " +
	      ", ".join("%s %d" % (k, v) for v, k in reversed(d[-8:]) if v > 0))
	PY
}

# tenth_growth "T1 .. T10": how much longer the last tenth took than the
# second (the first carries the start): about 1 when each spoke costs the
# same, more when a step grows with the number of spokes.
tenth_growth() {
	python3 -c 'import sys
t = [float(x) for x in sys.argv[1].split()]
print(round((t[9] - t[8]) / (t[1] - t[0]), 2) if len(t) == 10 and t[1] > t[0] else "n/a")' "$1"
}

ms_now() {
	date +%s%3N
}

# time_ms CMD...: how long CMD takes, in ms (its output to $WORK/out).
time_ms() {
	local t
	t=$(ms_now)
	"$@" >"$WORK/out" 2>&1
	echo $(($(ms_now) - t))
}

vi_count() {
	ip -n hub -o link show 2>/dev/null | grep -c ' Vi[0-9]*[:@]'
}

xfrm_count() {
	ip -n hub xfrm state 2>/dev/null | grep -c '^src'
}

# hub_objects HUB: what the hub made in the kernel for its spokes.
hub_objects() {
	if [ "$1" = flexsecd ]; then vi_count; else xfrm_count; fi
}

running() {
	[ -n "$(pid_of hub "$1")" ]
}

objects_gone() {
	[ "$(hub_objects "$1")" = 0 ]
}

stopped() {
	grep -q '^State:.*stopped' "/proc/$1/status"
}

gone() {
	! kill -0 "$1" 2>/dev/null
}

hub_start() {
	case $1 in
	flexsecd)
		flexsecd_start hub "$WORK/hub.conf" error || return 1 ;;
	charon)
		charon_start hub || return 1 ;;
	esac
	wait_for 10 running "$1"
}

hub_stop() {
	case $1 in
	flexsecd) flexsecd_stop hub ;;
	charon) charon_stop hub ;;
	esac
}

hub_show() {
	case $1 in
	flexsecd) fxd hub show crypto session brief ;;
	charon) charon_swanctl hub --list-sas ;;
	esac
}

# run HUB I: one run; its figures as "key value" lines in $WORK/HUB.I.
run() {
	local hub=$1 i=$2 out=$WORK/$1.$2 log=$WORK/spokegen-$1-$2.log
	local pid sg k0 k1 r0 r1 up show down t n s tenths dtenths

	hub_start "$hub" || { echo "# $hub: does not start"; return 1; }
	pid=$(pid_of hub "$hub")
	# ip netns exec execs spokegen: $! is its pid
	ip netns exec sp "$SPOKEGEN" -n "$N" -b 10.1.0.1 -h 192.0.2.1 -w "$WINDOW" -p \
		>"$log" 2>&1 &
	sg=$!
	wait_for 30 stopped "$sg" ||
		{ echo "# $hub: spokegen did not start"; diag <"$log"; return 1; }
	sleep 1
	r0=$(rss_kb "$pid")
	k0=$(kernel_kb)
	slab_snap "$WORK/slab0"
	perf_start "$hub" up
	kill -CONT "$sg"
	if ! wait_for "$WAIT_UP" grep -q ' up in .*failed, assigned' "$log"; then
		echo "# $hub run $i: not all up after $WAIT_UP s"
		tail -5 "$log" | diag
	fi
	perf_stop
	sleep 1
	r1=$(rss_kb "$pid")
	k1=$(kernel_kb)
	slab_snap "$WORK/slab1"
	n=$(hub_objects "$hub")
	up=$(sed -n 's/^spokegen: \([0-9]*\)\/[0-9]* up in \([0-9.]*\) s, \([0-9]*\) failed, assigned \([0-9]*\).*/\2 \1 \3 \4/p' "$log")
	show=
	for t in 1 2 3; do
		show="$show $(time_ms hub_show "$hub")"
	done
	s=$(wc -l <"$WORK/out")
	# the tenths of the bring-up, for a step that grows with N
	tenths=$(sed -n 's/^spokegen: [0-9]*\/[0-9]* up in \([0-9.]*\) s (.*/\1/p' "$log" | tr '\n' ' ')
	perf_start "$hub" down
	t=$(ms_now)
	kill -TERM "$sg"
	wait_for 300 gone "$sg"
	wait_for 300 objects_gone "$hub"
	down=$(( $(ms_now) - t ))
	perf_stop
	dtenths=$(sed -n 's/^spokegen: [0-9]*\/[0-9]* deleted in \([0-9.]*\) s$/\1/p' "$log" | tr '\n' ' ')
	{
		echo "up_s ${up%% *}"
		echo "up_n $(echo "$up" | cut -d' ' -f2)"
		echo "failed $(echo "$up" | cut -d' ' -f3)"
		echo "assigned $(echo "$up" | cut -d' ' -f4)"
		echo "objects $n"
		echo "rss0_kb $r0"
		echo "rss1_kb $r1"
		echo "rss_per_spoke_kb $(python3 -c "print(round(($r1 - $r0) / $N, 2))")"
		echo "kernel_per_spoke_kb $(python3 -c "print(round(($k1 - $k0) / $N, 2))")"
		echo "show_ms $(echo "$show" | tr ' ' '\n' | sort -n | sed -n 2p)"
		echo "show_lines $s"
		echo "down_s $(python3 -c "print(round($down / 1000, 1))")"
		echo "tenths $tenths"
		echo "up_growth $(tenth_growth "$tenths")"
		echo "down_growth $(tenth_growth "$dtenths")"
	} >"$out"
	echo "# $hub run $i: $(grep -v tenths "$out" | tr '\n' ' ')"
	echo "#   tenths up at (s): $tenths"
	echo "#   tenths deleted at (s): $dtenths"
	echo "#   $(slab_top "$WORK/slab0" "$WORK/slab1")"
	grep -E 'spokegen: (each|[0-9]* retrans|[0-9]* up,|.*deleted in)' "$log" | diag
	hub_stop "$hub"
	# a spokegen that did not finish leaves no process behind
	kill -9 "$sg" 2>/dev/null
	cp "$log" "${FLEXSEC_RESULTS:-$WORK}/" 2>/dev/null
	return 0
}

echo "# hub scale benchmark, Linux $(uname -r), $N spokes, window $WINDOW, $RUNS run(s) per hub, pool $POOL_NET"
for ((i = 1; i <= RUNS; i++)); do
	for h in $HUBS; do
		run "$h" "$i"
	done
done
[ -n "${FLEXSEC_RESULTS:-}" ] && cp "$WORK/hub.log" "$FLEXSEC_RESULTS/hub_scale-flexsecd.log" 2>/dev/null

# shellcheck disable=SC2086
python3 - "$WORK" "$N" $HUBS <<-'PY'
import glob, os, statistics, sys
work, n, hubs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
keys = [("up_s", "time to %d up (s)" % n), ("rss0_kb", "hub RSS before (kB)"),
        ("rss1_kb", "hub RSS with %d up (kB)" % n),
        ("rss_per_spoke_kb", "hub RSS per spoke (kB)"),
        ("kernel_per_spoke_kb", "kernel per spoke (kB)"),
        ("show_ms", "show, %d up (ms)" % n), ("down_s", "teardown (s)"),
        ("up_growth", "last/2nd tenth, up"),
        ("down_growth", "last/2nd tenth, down"),
        ("objects", "Vi ifs / XFRM states"), ("failed", "failed")]
vals = {}
for h in hubs:
    for f in sorted(glob.glob(os.path.join(work, h + ".*"))):
        for line in open(f):
            k, _, v = line.strip().partition(" ")
            try:
                vals.setdefault((h, k), []).append(float(v))
            except ValueError:
                pass
def fmt(h, k):
    v = vals.get((h, k))
    if not v:
        return "n/a", None
    m = statistics.median(v)
    s = "%g" % round(m, 2)
    if len(v) > 1:
        s += " [%g..%g]" % (round(min(v), 2), round(max(v), 2))
    return s, m
print("%-26s" % "# median [min..max]" + "".join("%-26s" % h for h in hubs) +
      ("ratio" if len(hubs) == 2 else ""))
for k, name in keys:
    cells = [fmt(h, k) for h in hubs]
    r = ""
    if len(hubs) == 2 and k not in ("objects", "failed", "up_growth",
                                    "down_growth"):
        a, b = cells[0][1], cells[1][1]
        r = "%.2fx" % (a / b) if a is not None and b else "n/a"
    print("%-26s" % name + "".join("%-26s" % c[0] for c in cells) + r)
PY
