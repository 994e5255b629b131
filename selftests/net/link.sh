#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The link kind "flexsec": devices are created and removed ip-link style, live
# in their network namespace, and go away cleanly with the namespace or the
# module.
#
#    init netns            netns a              netns b
#   +-------------+      +-------------+      +-------------+
#   | Tunnel0     |      | Tunnel1     |      | Tunnel1     |
#   | (flexsec)   |      | (flexsec)   |      | (flexsec)   |
#   +-------------+      +-------------+      +-------------+
#
# No traffic crosses: without an SA a flexsec device drops what it is given.
source "$(dirname "$0")/../lib.sh"
require_lab
lib_init
on_exit flexsec_unload

check_fail "no flexsec link kind before the module is loaded" \
	ip link add Tunnel0 type flexsec
modprobe -q udp_tunnel 2>/dev/null
check "insmod flexsec.ko" insmod "$MODULE"
check_output "the module announces itself" "flexsec: route-based IPsec" dmesg

check "ip link add Tunnel0 type flexsec" ip link add Tunnel0 type flexsec
check_output "ip -d link show reports kind flexsec" "flexsec" ip -d link show Tunnel0
check_output "point-to-point without ARP or link-layer address" \
	"POINTOPOINT,NOARP.*link/none" sh -c 'ip link show Tunnel0 | tr -d "\n"'
check_output "MTU leaves room for the outer header and ESP" "mtu 1403 " ip link show Tunnel0
check "MTU can be set" ip link set Tunnel0 mtu 1400
check_fail "MTU below 68 is refused" ip link set Tunnel0 mtu 60
check "device can be renamed" ip link set Tunnel0 name Tunnel9
check "and renamed back" ip link set Tunnel9 name Tunnel0
check "device comes up" ip link set Tunnel0 up
check "an address on it" ip addr add 10.99.0.1/30 dev Tunnel0

ping -c 2 -i 0.2 -W 1 10.99.0.2 >/dev/null 2>&1
check_fail "no SA: nothing gets through" ping -c 1 -W 1 10.99.0.2
check_output "no SA: packets are counted as dropped" "TX: .*dropped" \
	sh -c "ip -s -s link show Tunnel0 | tr -s ' ' | grep -A1 'TX:' | tr '\n' ' '"
dropped=$(ip -j -s link show Tunnel0 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["stats64"]["tx"]["dropped"])')
if [ "${dropped:-0}" -ge 3 ]; then ok "tx_dropped counts each packet ($dropped)"; else not_ok "tx_dropped is ${dropped:-unset}, 3 or more expected"; fi

check_error "a link-layer address is refused with a reason" \
	"flexsec devices have no link-layer address" \
	ip link add Tunnel8 address 00:11:22:33:44:55 type flexsec
check_fail "a second device of the same name is refused" ip link add Tunnel0 type flexsec

host a
host b
check "same name in two namespaces (a)" ip -n a link add Tunnel1 type flexsec
check "same name in two namespaces (b)" ip -n b link add Tunnel1 type flexsec
check_fail "namespaces are isolated" ip link show Tunnel1
check "a second device in a" ip -n a link add Tunnel2 type flexsec
check_fail "a device may not leave its namespace, where its SAs live" \
	ip -n a link set Tunnel2 netns b
check "ip link del removes a device" ip -n a link del Tunnel2
check_fail "  (which is gone)" ip -n a link show Tunnel2

ip netns del a
check_fail "deleting a namespace removes its devices" \
	sh -c 'ip -o link show | grep -q "Tunnel1"'

for i in 1 2 3; do ip link add "Extra$i" type flexsec; done
check "rmmod with devices present (init netns and netns b)" rmmod flexsec
check_fail "devices are gone with the module" ip link show Tunnel0
check_fail "  in every namespace" ip -n b link show Tunnel1

for i in 1 2 3; do
	modprobe -q udp_tunnel 2>/dev/null; insmod "$MODULE" && ip link add "Loop$i" type flexsec && ip -n b link add "Loop$i" type flexsec &&
		ip link set "Loop$i" up && rmmod flexsec || break
done
if [ "$i" = 3 ] && [ ! -e /sys/module/flexsec ]; then ok "load, create, unload three times"; else not_ok "load, create, unload cycle $i failed"; fi

lib_done
