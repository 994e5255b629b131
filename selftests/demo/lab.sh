#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The demo, inside the lab: a head office and two branches, each a gateway
# running flexsecd with an IOS-style configuration. IKEv2 with pre-shared
# keys brings up a VTI tunnel to one branch and a GRE tunnel to the other;
# traffic crosses them; the show commands tell what happened.
#
#   netns branch1                 netns hq                  netns branch2
#  +----------------+   +---------------------------+   +----------------+
#  | Tunnel0 .100.2 |===| Tunnel0 198.51.100.1 (VTI)|   |                |
#  | eth0 192.0.2.2 |---| eth0 192.0.2.1            |   |                |
#  +----------------+   | Tunnel1 198.51.100.5 (GRE)|===| Tunnel0 .100.6 |
#                       | eth1 203.0.113.1          |---| eth0 203.0.113.2
#                       +---------------------------+   +----------------+
source "$(dirname "$0")/../lib.sh"
require_lab
lib_init
preload_ipsec
flexsec_load
on_exit flexsec_unload

say() { printf '\n=== %s\n' "$*"; }
run() { printf '%s# %s\n' "${PROMPT:-}" "$*"; "$@" 2>&1 | sed 's/^/    /'; }

say "Three gateways: hq, branch1 and branch2"
host hq
host branch1
host branch2
link hq 192.0.2.1/24 branch1 192.0.2.2/24
link hq 203.0.113.1/24 branch2 203.0.113.2/24 eth1

say "flexsec.ko on Linux $(uname -r)"
run modinfo -F description "$MODULE"

cat >"$WORK/hq.conf" <<'CONF'
hostname hq
!
crypto ikev2 proposal STRONG
 encryption aes-gcm-256
 prf sha384
 group 20 19
!
crypto ikev2 policy POLICY
 proposal STRONG
!
crypto ikev2 keyring BRANCHES
 peer branch1
  address 192.0.2.2
  pre-shared-key branch1 secret, for the demo only
 peer branch2
  address 203.0.113.2
  pre-shared-key hex 6272616e636832206b6579
!
crypto ikev2 profile BRANCH1
 match identity remote address 192.0.2.2 255.255.255.255
 authentication local pre-share
 authentication remote pre-share
 keyring local BRANCHES
!
crypto ikev2 profile BRANCH2
 match identity remote fqdn branch2.example.net
 authentication local pre-share
 authentication remote pre-share
 keyring local BRANCHES
!
crypto ipsec transform-set GCM esp-gcm 256
 mode tunnel
crypto ipsec transform-set AES-SHA esp-aes 256 esp-sha256-hmac
 mode transport
!
crypto ipsec profile VTI
 set transform-set GCM
 set ikev2-profile BRANCH1
crypto ipsec profile GRE
 set transform-set AES-SHA
 set ikev2-profile BRANCH2
 set security-association replay window-size 1024
!
interface Tunnel0
 description to branch1, IPsec VTI
 ip address 198.51.100.1 255.255.255.252
 tunnel source 192.0.2.1
 tunnel destination 192.0.2.2
 tunnel mode ipsec ipv4
 tunnel protection ipsec profile VTI
!
interface Tunnel1
 description to branch2, GRE over IPsec
 ip address 198.51.100.5 255.255.255.252
 tunnel source 203.0.113.1
 tunnel destination 203.0.113.2
 tunnel key 42
 tunnel protection ipsec profile GRE
!
interface GigabitEthernet0/0
 ip address 192.0.2.1 255.255.255.0
!
router ospf 1
 network 198.51.100.0 0.0.0.255 area 0
!
end
CONF

cat >"$WORK/branch1.conf" <<'CONF'
crypto ikev2 proposal STRONG
 encryption aes-gcm-256
 prf sha384
 group 20
crypto ikev2 policy POLICY
 proposal STRONG
crypto ikev2 keyring HQ
 peer hq
  address 192.0.2.1
  pre-shared-key branch1 secret, for the demo only
crypto ikev2 profile HQ
 match identity remote address 192.0.2.1 255.255.255.255
 authentication local pre-share
 authentication remote pre-share
 keyring local HQ
crypto ipsec transform-set GCM esp-gcm 256
crypto ipsec profile VTI
 set transform-set GCM
 set ikev2-profile HQ
interface Tunnel0
 ip address 198.51.100.2 255.255.255.252
 tunnel source 192.0.2.2
 tunnel destination 192.0.2.1
 tunnel mode ipsec ipv4
 tunnel protection ipsec profile VTI
CONF

cat >"$WORK/branch2.conf" <<'CONF'
crypto ikev2 keyring HQ
 peer hq
  address 203.0.113.1
  pre-shared-key branch2 key
crypto ikev2 profile HQ
 match identity remote address 203.0.113.1 255.255.255.255
 identity local fqdn branch2.example.net
 authentication local pre-share
 authentication remote pre-share
 keyring local HQ
crypto ipsec transform-set AES-SHA esp-aes 256 esp-sha256-hmac
 mode transport
crypto ipsec profile GRE
 set transform-set AES-SHA
 set ikev2-profile HQ
 set security-association replay window-size 1024
interface Tunnel0
 ip address 198.51.100.6 255.255.255.252
 tunnel source 203.0.113.2
 tunnel destination 203.0.113.1
 tunnel key 42
 tunnel protection ipsec profile GRE
CONF

say "hq's configuration, pasted from a router (flexsecd -n checks it)"
sed 's/^/    /' "$WORK/hq.conf"
PROMPT=hq run "$FLEXSECD" -n -f "$WORK/hq.conf"
say "branch2 has no IKEv2 proposal or policy: IOS's smart defaults apply"

say "flexsecd starts on each gateway; the tunnels come up by themselves"
for gw in hq branch1 branch2; do
	flexsecd_start "$gw" "$WORK/$gw.conf" error
done
wait_for 60 sh -c "ip netns exec hq $FLEXSEC -j tunnel show | grep -o '\"out_spi\": *[1-9]' | wc -l | grep -qx 2"
PROMPT=hq run on hq ping -c 3 -i 0.3 198.51.100.2
PROMPT=hq run on hq ping -c 3 -i 0.3 198.51.100.6

say "What hq shows"
PROMPT=hq run fxd hq show crypto session
PROMPT=hq run fxd hq show crypto ipsec sa
PROMPT=hq run fxd hq show crypto ikev2 sa detailed
PROMPT=branch2 run fxd branch2 show crypto ikev2 proposal
PROMPT=hq run fxd hq show crypto session brief
say "Documentation/flexsec.rst, flexsecd(8), flexsec(8) and flexsec.conf(5) say more"
