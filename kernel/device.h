/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flexsec: the tunnel netdevice, link kind "flexsec".
 */
#ifndef _FLEXSEC_DEVICE_H
#define _FLEXSEC_DEVICE_H

#include <linux/in6.h>
#include <linux/netdevice.h>
#include <linux/ratelimit.h>
#include <net/gro_cells.h>

#include "stats.h"

#define FLEXSEC_LINK_KIND	"flexsec"

struct flexsec_sa;

/**
 * struct flexsec_addr - an outer address
 * @family: AF_INET or AF_INET6 (0 when unset)
 * @ip4: IPv4 address
 * @ip6: IPv6 address
 */
struct flexsec_addr {
	u16 family;
	union {
		__be32 ip4;
		struct in6_addr ip6;
	};
};

/**
 * struct flexsec_params - the configuration of a tunnel
 * @mode: FLEXSEC_MODE_VTI or FLEXSEC_MODE_GRE
 * @local: outer source address
 * @remote: outer destination address
 * @ikey: GRE key expected (GRE mode, when @has_ikey)
 * @okey: GRE key sent (GRE mode, when @has_okey)
 * @has_ikey: @ikey is set
 * @has_okey: @okey is set
 * @link: underlay device or VRF, 0 for none
 * @ttl: outer TTL, 0 to inherit
 * @tos: outer TOS, 1 to inherit
 * @pmtudisc: set DF on the outer header and answer with ICMP
 * @carrier_sa: the carrier follows the SAs (flexsec_tunnel_update_carrier())
 * @rcu: frees replaced parameters
 *
 * The parameters are replaced as a whole under RTNL and read under RCU.
 */
struct flexsec_params {
	u32 mode;
	struct flexsec_addr local;
	struct flexsec_addr remote;
	__be32 ikey;
	__be32 okey;
	bool has_ikey;
	bool has_okey;
	u32 link;
	u8 ttl;
	u8 tos;
	bool pmtudisc;
	bool carrier_sa;
	struct rcu_head rcu;
};

/**
 * struct flexsec_tunnel - private part of a flexsec netdevice
 * @dev: the netdevice this is the private part of
 * @params: configuration, replaced under RTNL, read under RCU
 * @out: the outbound SA packets are sent on, or NULL
 * @sas: every SA of the tunnel (flexsec_net.lock)
 * @nsas: how many
 * @node: in the namespace's list of tunnels (flexsec_net.lock)
 * @dead: being removed: no SA may be added (flexsec_net.lock)
 * @mtu_auto: the MTU follows the path and the SA (nobody set one) (RTNL)
 * @mtu_setting: flexsec itself is changing the MTU (RTNL)
 * @stats: per-CPU counters, drop reasons included
 * @gro_cells: receive path into GRO
 * @acquire_rs: rate limit of acquire events
 */
struct flexsec_tunnel {
	struct net_device *dev;
	struct flexsec_params __rcu *params;
	struct flexsec_sa __rcu *out;
	struct list_head sas;
	unsigned int nsas;
	struct list_head node;
	bool dead;
	bool mtu_auto;
	bool mtu_setting;
	struct flexsec_pcpu_stats __percpu *stats;
	struct gro_cells gro_cells;
	struct ratelimit_state acquire_rs;
};

int flexsec_device_init(void);
void flexsec_device_exit(void);
struct flexsec_tunnel *flexsec_tunnel_get(struct net *net, int ifindex);
void flexsec_tunnel_flush(struct flexsec_tunnel *t, u8 dir);
void flexsec_tunnel_update_carrier(struct flexsec_tunnel *t);
int flexsec_tunnel_overhead(const struct flexsec_params *p,
			    const struct flexsec_sa *sa);
void flexsec_tunnel_update_mtu(struct flexsec_tunnel *t);
netdev_tx_t flexsec_xmit(struct sk_buff *skb, struct net_device *dev);
void flexsec_delete_tunnels(struct net *net, struct list_head *kill);

#endif /* _FLEXSEC_DEVICE_H */
