#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# carrier-sa: a tunnel's carrier follows its SAs, as a tunnel interface's
# line protocol follows IPsec on IOS. With it the carrier is on only while
# the tunnel has an active outbound SA and an inbound SA; a static route
# over the tunnel then gives way to a backup route while it has none
# (ignore_routes_with_linkdown). Without it the carrier stays on.
#
#        netns a                                 netns b
#   +------------------------+             +------------------------+
#   | Tunnel0 (carrier-sa)   |             |                        |
#   |   203.0.113.0/24 m 10  |             |                        |
#   | eth0 192.0.2.1/24      |--- veth ----| eth0 192.0.2.2/24      |
#   |   203.0.113.0/24 m 100 |             |                        |
#   +------------------------+             +------------------------+
source "$(dirname "$0")/../lib.sh"
require_lab
lib_init
flexsec_load
on_exit flexsec_unload

host a
host b
link a 192.0.2.1/24 b 192.0.2.2/24

KEY=$(fx_sa_args aes-gcm-128 7)

# carrier_is DEV on|off: the carrier of DEV (on host a) is on or off
# within 3 s (the flags follow the change through the link watch).
carrier_is() {
	local want=LOWER_UP
	[ "$2" = off ] && want=NO-CARRIER
	wait_for 3 sh -c "ip -n a link show $1 | grep -q $want"
}

route_dev() {
	ip -n a route get 203.0.113.1 | grep -o 'dev [^ ]*'
}

check "a VTI tunnel with carrier-sa" \
	ip -n a link add Tunnel0 type flexsec mode vti local 192.0.2.1 remote 192.0.2.2 carrier-sa
check_output "ip -d link shows carrier-sa" "carrier-sa" ip -n a -d link show Tunnel0
check_output "and JSON says so" '"carrier_sa": ?true' ip -n a -j -d link show Tunnel0
ip -n a link set Tunnel0 up
ip -n a addr add 10.0.0.1/30 dev Tunnel0
check "no SA: no carrier" carrier_is Tunnel0 off

on a sysctl -qw net.ipv4.conf.Tunnel0.ignore_routes_with_linkdown=1
ip -n a route add 203.0.113.0/24 dev Tunnel0 metric 10
ip -n a route add 203.0.113.0/24 dev eth0 metric 100
check_output "no SA: the static route over the tunnel gives way" "dev eth0" route_dev

check "an inbound SA" fx a sa add dev Tunnel0 dir in spi 0x100 $KEY
check "inbound only: still no carrier" carrier_is Tunnel0 off
check "an outbound SA" fx a sa add dev Tunnel0 dir out spi 0x200 $KEY
check "both ways: carrier" carrier_is Tunnel0 on
check_output "the route over the tunnel is back" "dev Tunnel0" route_dev

check "a standby outbound SA" fx a sa add dev Tunnel0 dir out spi 0x201 $KEY standby
check "the active one deleted: the standby one takes over" \
	fx a sa del dev Tunnel0 dir out spi 0x200
check "carrier stays on" carrier_is Tunnel0 on
check "the last outbound SA deleted" fx a sa del dev Tunnel0 dir out spi 0x201
check "no outbound SA: no carrier" carrier_is Tunnel0 off
check_output "and the backup route carries" "dev eth0" route_dev
check "outbound again" fx a sa add dev Tunnel0 dir out spi 0x202 $KEY
check "carrier" carrier_is Tunnel0 on
check "the inbound SA deleted" fx a sa del dev Tunnel0 dir in spi 0x100
check "no inbound SA: no carrier" carrier_is Tunnel0 off
check "flush" fx a sa flush dev Tunnel0

check "nocarrier-sa by ip link set" ip -n a link set Tunnel0 type flexsec nocarrier-sa
check "the carrier is on without SAs" carrier_is Tunnel0 on
check "carrier-sa again" ip -n a link set Tunnel0 type flexsec carrier-sa
check "and off" carrier_is Tunnel0 off

check "a tunnel without carrier-sa" \
	ip -n a link add Tunnel1 type flexsec mode gre local 192.0.2.1 remote 192.0.2.2
ip -n a link set Tunnel1 up
check "has carrier with no SA" carrier_is Tunnel1 on
check_output "and says nocarrier-sa in JSON" '"carrier_sa": ?false' \
	ip -n a -j -d link show Tunnel1
check "the CLI takes carrier-sa too" \
	fx a link add Tunnel2 mode vti local 192.0.2.1 remote 192.0.2.2 carrier-sa
check_output "and the device has it" "carrier-sa" ip -n a -d link show Tunnel2
lib_done
