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
#include <net/ipv6.h>

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

/**
 * flexsec_addr_eq() - two outer addresses are the same
 * @a: one
 * @b: the other
 *
 * Return: true when both are set, of one family and equal.
 */
static inline bool flexsec_addr_eq(const struct flexsec_addr *a,
				   const struct flexsec_addr *b)
{
	if (a->family != b->family)
		return false;
	if (a->family == AF_INET)
		return a->ip4 == b->ip4;
	return a->family == AF_INET6 && ipv6_addr_equal(&a->ip6, &b->ip6);
}

/**
 * flexsec_params_ip6() - the tunnel's outer header is IPv6
 * @p: its parameters
 *
 * Return: true when the remote (or, without one, the local) address is IPv6.
 */
static inline bool flexsec_params_ip6(const struct flexsec_params *p)
{
	return (p->remote.family ?: p->local.family) == AF_INET6;
}

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
