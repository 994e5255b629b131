# SPDX-License-Identifier: GPL-2.0
# strongSwan's charon as a lab peer: one instance per host, each with its
# own strongswan.conf, swanctl.conf, vici socket, log and a private /run
# (charon's pid file path is fixed). Sourced after lib.sh.

CHARON=/usr/lib/ipsec/charon

# charon_dir HOST: the instance's folder.
charon_dir() {
	echo "$WORK/charon-$1"
}

# charon_start HOST: start charon on HOST with the swanctl.conf already
# written to $(charon_dir HOST)/swanctl.conf, and load it. CHARON_EXTRA:
# more lines for the charon section of strongswan.conf; CHARON_LOG_IKE and
# CHARON_LOG_DEFAULT: the log levels of the ike and other groups (2 and 1).
charon_start() {
	local h=$1 d
	d=$(charon_dir "$h")
	mkdir -p "$d" "$d"/{x509,x509ca,x509ocsp,x509aa,x509ac,x509crl,pubkey,private,rsa,ecdsa,bliss,pkcs8,pkcs12}
	cat >"$d/strongswan.conf" <<-CONF
	charon {
		load_modular = no
		load = random nonce openssl kdf kernel-netlink socket-default vici
		install_routes = no
		install_virtual_ip = no
		retransmit_timeout = 2.0
		${CHARON_EXTRA:-}
		filelog {
			lab {
				path = $d/charon.log
				time_format = %T
				default = ${CHARON_LOG_DEFAULT:-1}
				ike = ${CHARON_LOG_IKE:-2}
				cfg = 1
			}
		}
		plugins {
			vici {
				socket = unix://$d/charon.vici
			}
		}
	}
	swanctl {
		load = random nonce openssl pem pkcs1 x509 pubkey
	}
	CONF
	on "$h" sh -c "mount -t tmpfs run /run && exec env STRONGSWAN_CONF=$d/strongswan.conf $CHARON" \
		>"$d/charon.out" 2>&1 &
	wait_for 90 test -S "$d/charon.vici" || return 1
	charon_swanctl "$h" --load-all --file "$d/swanctl.conf" >/dev/null
}

# charon_swanctl HOST COMMAND ARGS...: swanctl COMMAND against HOST's charon.
charon_swanctl() {
	local h=$1 cmd=$2 d
	shift 2
	d=$(charon_dir "$h")
	on "$h" env STRONGSWAN_CONF="$d/strongswan.conf" \
		swanctl "$cmd" --uri "unix://$d/charon.vici" "$@"
}

# charon_child_up HOST CHILD: the CHILD SA is installed.
charon_child_up() {
	charon_swanctl "$1" --list-sas 2>/dev/null | grep -Eq "^  *$2: #[0-9]+, .*INSTALLED"
}

# charon_stop HOST: stop HOST's charon and wait until it is gone.
charon_stop() {
	local p pids=
	for p in $(ip netns pids "$1" 2>/dev/null); do
		grep -qs charon "/proc/$p/cmdline" && pids="$pids $p"
	done
	[ -n "$pids" ] || return 0
	kill $pids 2>/dev/null
	wait_for 10 sh -c "! kill -0 ${pids// /} 2>/dev/null"
	rm -f "$(charon_dir "$1")/charon.vici"
}
