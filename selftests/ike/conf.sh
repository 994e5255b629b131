# SPDX-License-Identifier: GPL-2.0
# Configurations for flexsecd in the lab, sourced by the ike/ tests.

# gw_conf FILE NAME LOCAL REMOTE TUNNEL_ADDR MODE [KEY...]: a gateway with
# one tunnel to REMOTE, MODE "vti" or "gre", the pre-shared key KEY (by
# default "lab secret"). The variables below change one part each:
#   IKE_ENC IKE_INTEG IKE_PRF IKE_GROUP  the IKEv2 proposal's lines
#   TSET                                 the transform set's transforms
#   PSK_LINE                             the keyring's pre-shared-key line
#   AUTH_REMOTE                          "authentication remote" method
#   MATCH                                the profile's match line
#   EXTRA_GLOBAL                         lines before everything
#   IPS_EXTRA                            a line in the IPsec profile
#   PROF_EXTRA                           a line in the IKEv2 profile
gw_conf() {
	local f=$1 name=$2 me=$3 peer=$4 inner=$5 mode=$6 key=${7:-lab secret}
	local tmode="tunnel mode ipsec ipv4"
	[ "$mode" = gre ] && tmode="tunnel mode gre ip"
	cat >"$f" <<-CONF
	! $name: flexsecd's configuration, written by the lab
	hostname $name
	${EXTRA_GLOBAL:-}
	crypto ikev2 proposal LAB
	 encryption ${IKE_ENC:-aes-gcm-128}
	 ${IKE_INTEG:+integrity $IKE_INTEG}
	 prf ${IKE_PRF:-sha256}
	 group ${IKE_GROUP:-19}
	!
	crypto ikev2 policy LAB
	 proposal LAB
	!
	crypto ikev2 keyring KEYS
	 peer PEER
	  address $peer
	  ${PSK_LINE:-pre-shared-key $key}
	!
	crypto ikev2 profile PROF
	 ${MATCH:-match identity remote address $peer 255.255.255.255}
	 authentication local pre-share
	 authentication remote ${AUTH_REMOTE:-pre-share}
	 keyring local KEYS
	 ${PROF_EXTRA:-}
	!
	crypto ipsec transform-set TS ${TSET:-esp-gcm 256}
	 mode ${TS_MODE:-tunnel}
	!
	crypto ipsec profile IPS
	 set transform-set TS
	 set ikev2-profile PROF
	 ${IPS_EXTRA:-}
	!
	interface Tunnel0
	 ip address $inner 255.255.255.252
	 tunnel source $me
	 tunnel destination $peer
	 $tmode
	 tunnel protection ipsec profile IPS
	!
	interface GigabitEthernet0/0
	 ip address $me 255.255.255.0
	!
	end
	CONF
}
