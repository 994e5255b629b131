#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A VTI's line protocol follows IPsec, as on IOS: flexsecd creates its VTI
# tunnels with carrier-sa and ignore_routes_with_linkdown, so the carrier
# is on only while the tunnel has an SA pair and a static route over a
# tunnel without one gives way to the backup route. A GRE tunnel's carrier
# stays on.
#
#        netns a                                 netns b
#   +------------------------+             +------------------------+
#   | flexsecd               |             | flexsecd               |
#   | Tunnel0 198.51.100.1   |=== ESP =====| Tunnel0 198.51.100.2   |
#   |   203.0.113.0/24 m 10  |             |                        |
#   | eth0 192.0.2.1/24      |--- veth ----| eth0 192.0.2.2/24      |
#   |   203.0.113.0/24 m 100 |             |                        |
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

gw_conf "$WORK/a.conf" a 192.0.2.1 192.0.2.2 198.51.100.1 vti
gw_conf "$WORK/b.conf" b 192.0.2.2 192.0.2.1 198.51.100.2 vti

# carrier_is HOST on|off: Tunnel0's carrier on HOST, within 10 s.
carrier_is() {
	local want=LOWER_UP
	[ "$2" = off ] && want=NO-CARRIER
	wait_for 10 sh -c "ip -n $1 link show Tunnel0 | grep -q $want"
}

route_dev() {
	ip -n a route get 203.0.113.1 | grep -o 'dev [^ ]*'
}

check "flexsecd starts on a, b is not there yet" flexsecd_start a "$WORK/a.conf"
check "a's Tunnel0 exists" wait_for 10 ip -n a link show Tunnel0
check_output "flexsecd made it with carrier-sa" "carrier-sa" ip -n a -d link show Tunnel0
check_output "and ignore_routes_with_linkdown" "= 1" \
	on a sysctl net.ipv4.conf.Tunnel0.ignore_routes_with_linkdown
check "no SA yet: Tunnel0 has no carrier" carrier_is a off
ip -n a route add 203.0.113.0/24 dev Tunnel0 metric 10
ip -n a route add 203.0.113.0/24 dev eth0 metric 100
check_output "the static route over Tunnel0 gives way to the backup" "dev eth0" route_dev

check "flexsecd starts on b" flexsecd_start b "$WORK/b.conf"
check "the CHILD SA is up" child_up a
check "Tunnel0's carrier comes on" carrier_is a on
check_output "the route over Tunnel0 is back" "dev Tunnel0" route_dev
check "ping through Tunnel0" on a ping -c 3 -i 0.3 -W 2 198.51.100.2

check "flexsecd on b stops (DELETE to a)" flexsecd_stop b
check "a: the SAs are gone, the carrier goes off" carrier_is a off
check_output "and the backup route carries again" "dev eth0" route_dev
check "flexsecd on b starts again" flexsecd_start b "$WORK/b.conf"
check "the tunnel comes back with its carrier" carrier_is a on
check_output "and so does the route" "dev Tunnel0" route_dev

# A GRE tunnel's line protocol does not follow IPsec.
gw_conf "$WORK/a.conf" a 192.0.2.1 192.0.2.2 198.51.100.1 gre
check "reload a with tunnel mode gre ip" fxd a reload
check_output "GRE: nocarrier-sa" '"carrier_sa": ?false' ip -n a -j -d link show Tunnel0
check "GRE: the carrier is on whatever the SAs" carrier_is a on

lib_done
