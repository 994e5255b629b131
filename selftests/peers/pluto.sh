# SPDX-License-Identifier: GPL-2.0
# Libreswan's pluto as a lab peer. Debian's libreswan conflicts with
# strongswan-charon, so scripts/deps unpacks its package (not installed) into
# $FLEXSEC_CACHE/libreswan and installs the libraries it needs; pluto runs
# from there, one instance per host, with its own ipsec.conf, secrets, NSS
# database, control socket, log and a private /run. Sourced after lib.sh.

LIBRESWAN=${FLEXSEC_CACHE:-/var/cache/flexsec}/libreswan
PLUTO_EXEC=$LIBRESWAN/usr/libexec/ipsec

pluto_dir() {
	echo "$WORK/pluto-$1"
}

# pluto_available: the unpacked package is there.
pluto_available() {
	[ -x "$PLUTO_EXEC/pluto" ] && [ -x "$PLUTO_EXEC/whack" ]
}

# pluto_start HOST: start pluto on HOST with $(pluto_dir HOST)/ipsec.conf
# and ipsec.secrets already written, and wait for its control socket.
pluto_start() {
	local h=$1 d
	d=$(pluto_dir "$h")
	# pluto runs its helpers (addconn, _updown) from the path it was
	# built with: the guest's root is an overlay, so it may point there
	[ -n "${FLEXSEC_LAB:-}" ] && [ ! -e /usr/libexec/ipsec ] &&
		ln -s "$PLUTO_EXEC" /usr/libexec/ipsec
	[ -n "${FLEXSEC_LAB:-}" ] && [ ! -e /usr/sbin/ipsec ] &&
		ln -s "$LIBRESWAN/usr/sbin/ipsec" /usr/sbin/ipsec
	mkdir -p "$d/nss" "$d/run"
	certutil -N -d "sql:$d/nss" --empty-password >/dev/null 2>&1 || return 1
	on "$h" sh -c "mount -t tmpfs run /run && mkdir -p /run/pluto && exec $PLUTO_EXEC/pluto \
		--nofork --config $d/ipsec.conf --secretsfile $d/ipsec.secrets \
		--nssdir $d/nss --rundir $d/run --ipsecdir $d --logfile $WORK/pluto-$h.log" \
		>"$d/pluto.out" 2>&1 &
	wait_for 30 test -S "$d/run/pluto.ctl"
}

# pluto_whack HOST ARGS...: whack against HOST's pluto.
pluto_whack() {
	local h=$1
	shift
	on "$h" "$PLUTO_EXEC/whack" --ctlsocket "$(pluto_dir "$h")/run/pluto.ctl" "$@"
}

# pluto_add HOST CONN: load connection CONN of HOST's ipsec.conf.
pluto_add() {
	on "$1" "$PLUTO_EXEC/addconn" --ctlsocket "$(pluto_dir "$1")/run/pluto.ctl" \
		--config "$(pluto_dir "$1")/ipsec.conf" "$2"
}

pluto_stop() {
	local p pids=
	for p in $(ip netns pids "$1" 2>/dev/null); do
		grep -qs pluto "/proc/$p/cmdline" && pids="$pids $p"
	done
	[ -n "$pids" ] || return 0
	kill $pids 2>/dev/null
	wait_for 10 sh -c "! kill -0 ${pids// /} 2>/dev/null"
}
