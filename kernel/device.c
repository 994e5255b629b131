// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec: the tunnel netdevice, link kind "flexsec".
 *
 * A flexsec device is a point-to-point, header-less interface like ip_vti:
 * routes pointing at it select the tunnel, and what is sent through it is
 * ESP-protected towards the remote gateway by the tunnel's active outbound
 * SA. The rtnetlink attributes (IFLA_FLEXSEC_*) give the mode, the outer
 * addresses, the GRE keys and the underlay. A device stays in the namespace
 * it was created in, since its SAs belong to that namespace, and is removed
 * with it.
 */

#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/module.h>
#include <linux/udp.h>
#include <net/addrconf.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/route.h>
#include <net/rtnetlink.h>
#include <uapi/linux/flexsec.h>

#include "compat.h"
#include "device.h"
#include "netns.h"
#include "sa.h"

#define FLEXSEC_DEFAULT_TTL	255
#define FLEXSEC_TOS_INHERIT	1

static const struct nla_policy flexsec_link_policy[IFLA_FLEXSEC_MAX + 1] = {
	[IFLA_FLEXSEC_MODE] = NLA_POLICY_RANGE(NLA_U32, FLEXSEC_MODE_VTI,
					       FLEXSEC_MODE_GRE),
	[IFLA_FLEXSEC_LOCAL] = { .type = NLA_BINARY,
				 .len = sizeof(struct in6_addr) },
	[IFLA_FLEXSEC_REMOTE] = { .type = NLA_BINARY,
				  .len = sizeof(struct in6_addr) },
	[IFLA_FLEXSEC_IKEY] = { .type = NLA_U32 },
	[IFLA_FLEXSEC_OKEY] = { .type = NLA_U32 },
	[IFLA_FLEXSEC_LINK] = { .type = NLA_U32 },
	[IFLA_FLEXSEC_TTL] = { .type = NLA_U8 },
	[IFLA_FLEXSEC_TOS] = { .type = NLA_U8 },
	[IFLA_FLEXSEC_PMTUDISC] = NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_FLEXSEC_CARRIER_SA] = NLA_POLICY_MAX(NLA_U8, 1),
};

static struct rtnl_link_ops flexsec_link_ops;

/**
 * flexsec_tunnel_overhead() - bytes a packet grows by in the tunnel
 * @p: the tunnel's parameters
 * @sa: its outbound SA, or NULL for the worst case of every algorithm
 *
 * Context: any.
 * Return: outer IPv4 or IPv6 header, UDP header (an SA with UDP
 * encapsulation), GRE header, ESP header, IV, padding, pad length, next
 * header and ICV.
 */
int flexsec_tunnel_overhead(const struct flexsec_params *p,
			    const struct flexsec_sa *sa)
{
	int ip = flexsec_params_ip6(p) ? sizeof(struct ipv6hdr) :
					 sizeof(struct iphdr);
	int gre = p->mode == FLEXSEC_MODE_GRE ? 4 + (p->has_okey ? 4 : 0) : 0;
	int ivlen = sa ? sa->xform.ivlen : 16;
	int icvlen = sa ? sa->xform.icvlen : 32;
	int align = sa ? sa->xform.align : 16;

	int udp = sa && sa->encap_lport ? sizeof(struct udphdr) : 0;

	return ip + udp + gre + 8 + ivlen + (align - 1) + 2 + icvlen;
}

/* The MTU of the IPv4 path to the remote gateway, 0 when there is none. */
static int flexsec_underlay_mtu4(struct flexsec_tunnel *t,
				 const struct flexsec_params *p)
{
	struct flowi4 fl4 = {
		.daddr = p->remote.ip4,
		.saddr = p->local.ip4,
		.flowi4_proto = IPPROTO_ESP,
		.flowi4_oif = p->link,
	};
	struct rtable *rt;
	int mtu = 0;

	rt = ip_route_output_key(dev_net(t->dev), &fl4);
	if (IS_ERR(rt))
		return 0;
	if (rt->dst.dev != t->dev)
		mtu = dst_mtu(&rt->dst);
	ip_rt_put(rt);
	return mtu;
}

/* The MTU of the IPv6 path to the remote gateway, 0 when there is none. */
static int flexsec_underlay_mtu6(struct flexsec_tunnel *t,
				 const struct flexsec_params *p)
{
	struct flowi6 fl6 = {
		.daddr = p->remote.ip6,
		.flowi6_proto = IPPROTO_ESP,
		.flowi6_oif = p->link,
	};
	struct dst_entry *dst;
	int mtu = 0;

	if (p->local.family == AF_INET6)
		fl6.saddr = p->local.ip6;
	dst = ip6_route_output(dev_net(t->dev), NULL, &fl6);
	if (!dst->error && dst->dev != t->dev)
		mtu = dst_mtu(dst);
	dst_release(dst);
	return mtu;
}

/* The MTU of the path to the remote gateway, 1500 when there is no route. */
static int flexsec_underlay_mtu(struct flexsec_tunnel *t,
				const struct flexsec_params *p)
{
	int mtu = 0;

	if (p->remote.family == AF_INET)
		mtu = flexsec_underlay_mtu4(t, p);
	else if (p->remote.family == AF_INET6)
		mtu = flexsec_underlay_mtu6(t, p);
	return mtu ?: ETH_DATA_LEN;
}

/**
 * flexsec_tunnel_update_mtu() - fit the MTU to the path and the active SA
 * @t: the tunnel
 *
 * Context: RTNL held.
 */
void flexsec_tunnel_update_mtu(struct flexsec_tunnel *t)
{
	const struct flexsec_params *p = rtnl_dereference(t->params);
	int mtu;

	ASSERT_RTNL();
	rcu_read_lock();
	mtu = flexsec_underlay_mtu(t, p) -
	      flexsec_tunnel_overhead(p, rcu_dereference(t->out));
	rcu_read_unlock();
	mtu = clamp_t(int, mtu, t->dev->min_mtu, t->dev->max_mtu);
	if (mtu != t->dev->mtu)
		dev_set_mtu(t->dev, mtu);
}

/**
 * flexsec_tunnel_get() - the flexsec tunnel with this ifindex
 * @net: the namespace
 * @ifindex: the device
 *
 * Return: the tunnel with a reference on its device (dev_put() it), or NULL
 * when there is no such device or it is not a flexsec tunnel.
 */
struct flexsec_tunnel *flexsec_tunnel_get(struct net *net, int ifindex)
{
	struct net_device *dev = dev_get_by_index(net, ifindex);

	if (!dev)
		return NULL;
	if (dev->rtnl_link_ops != &flexsec_link_ops) {
		dev_put(dev);
		return NULL;
	}
	return netdev_priv(dev);
}

/**
 * flexsec_tunnel_flush() - remove SAs of a tunnel
 * @t: the tunnel
 * @dir: FLEXSEC_DIR_IN or FLEXSEC_DIR_OUT, 0 for both
 *
 * Context: flexsec_net.lock held.
 */
void flexsec_tunnel_flush(struct flexsec_tunnel *t, u8 dir)
{
	struct flexsec_sa *sa, *tmp;

	lockdep_assert_held(&flexsec_net(dev_net(t->dev))->lock);
	list_for_each_entry_safe(sa, tmp, &t->sas, tnode)
		if (!dir || sa->dir == dir)
			flexsec_sa_unlink(sa);
}

/**
 * flexsec_tunnel_update_carrier() - the carrier follows the SAs, if asked
 * @t: the tunnel
 *
 * With carrier-sa set the carrier is on only while the tunnel has an active
 * outbound SA and an inbound SA, so that the routes over a tunnel that
 * cannot carry traffic go down (with ignore_routes_with_linkdown) and the
 * interface says why; without it the carrier stays on.
 *
 * Context: process context, flexsec_net.lock held.
 */
void flexsec_tunnel_update_carrier(struct flexsec_tunnel *t)
{
	const struct flexsec_params *p;
	struct flexsec_sa *sa;
	bool follow, in = false;

	lockdep_assert_held(&flexsec_net(dev_net(t->dev))->lock);
	if (t->dead)
		return;
	rcu_read_lock();
	p = rcu_dereference(t->params);
	follow = p && p->carrier_sa;
	rcu_read_unlock();
	list_for_each_entry(sa, &t->sas, tnode)
		if (sa->dir == FLEXSEC_DIR_IN) {
			in = true;
			break;
		}
	if (!follow || (in && rcu_access_pointer(t->out)))
		netif_carrier_on(t->dev);
	else
		netif_carrier_off(t->dev);
}

/* The tunnel will be unregistered: no SA may be added or stay. */
static void flexsec_tunnel_kill(struct flexsec_tunnel *t)
{
	struct flexsec_net *fn = flexsec_net(dev_net(t->dev));

	mutex_lock(&fn->lock);
	if (!t->dead) {
		t->dead = true;
		flexsec_tunnel_flush(t, 0);
		list_del(&t->node);
	}
	mutex_unlock(&fn->lock);
}

/**
 * flexsec_delete_tunnels() - queue every tunnel of a namespace for removal
 * @net: the namespace
 * @kill: the list for unregister_netdevice_many()
 *
 * Context: RTNL held.
 */
void flexsec_delete_tunnels(struct net *net, struct list_head *kill)
{
	struct net_device *dev, *aux;

	ASSERT_RTNL();
	for_each_netdev_safe(net, dev, aux)
		if (dev->rtnl_link_ops == &flexsec_link_ops) {
			flexsec_tunnel_kill(netdev_priv(dev));
			unregister_netdevice_queue(dev, kill);
		}
}

static int flexsec_dev_init(struct net_device *dev)
{
	struct flexsec_tunnel *t = netdev_priv(dev);
	int err;

	t->stats = flexsec_stats_alloc(GFP_KERNEL);
	if (!t->stats)
		return -ENOMEM;
	err = gro_cells_init(&t->gro_cells, dev);
	if (err) {
		free_percpu(t->stats);
		t->stats = NULL;
	}
	return err;
}

static void flexsec_dev_uninit(struct net_device *dev)
{
	struct flexsec_tunnel *t = netdev_priv(dev);

	flexsec_tunnel_kill(t);
	gro_cells_destroy(&t->gro_cells);
}

static void flexsec_dev_free(struct net_device *dev)
{
	struct flexsec_tunnel *t = netdev_priv(dev);

	free_percpu(t->stats);
	t->stats = NULL;
	kfree(rcu_dereference_protected(t->params, 1));
	RCU_INIT_POINTER(t->params, NULL);
}

static int flexsec_change_mtu(struct net_device *dev, int mtu)
{
	struct flexsec_tunnel *t = netdev_priv(dev);

	/* An MTU set by hand stays. */
	if (!t->mtu_setting)
		t->mtu_auto = false;
	WRITE_ONCE(dev->mtu, mtu);
	return 0;
}

static const struct net_device_ops flexsec_netdev_ops = {
	.ndo_init		= flexsec_dev_init,
	.ndo_uninit		= flexsec_dev_uninit,
	.ndo_change_mtu		= flexsec_change_mtu,
	.ndo_start_xmit		= flexsec_xmit,
	.ndo_get_stats64	= dev_get_tstats64,
};

static const struct device_type flexsec_device_type = {
	.name = FLEXSEC_LINK_KIND,
};

static void flexsec_setup(struct net_device *dev)
{
	struct flexsec_tunnel *t = netdev_priv(dev);

	t->dev = dev;
	INIT_LIST_HEAD(&t->sas);
	INIT_LIST_HEAD(&t->node);
	ratelimit_state_init(&t->acquire_rs, HZ, 1);
	ratelimit_set_flags(&t->acquire_rs, RATELIMIT_MSG_ON_RELEASE);
	dev->netdev_ops = &flexsec_netdev_ops;
	SET_NETDEV_DEVTYPE(dev, &flexsec_device_type);
	dev->type = ARPHRD_NONE;
	dev->flags = IFF_POINTOPOINT | IFF_NOARP;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	/* Outer IPv6 header (the larger), UDP, ESP header, IV. */
	dev->needed_headroom = LL_MAX_HEADER + sizeof(struct ipv6hdr) + 8 + 8 +
			       16;
	dev->mtu = ETH_DATA_LEN - 93;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = IP_MAX_MTU - 93;
	dev->needs_free_netdev = true;
	dev->priv_destructor = flexsec_dev_free;
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
	/* SAs belong to the namespace: the device may not leave it. */
	flexsec_compat_set_netns_immutable(dev);
	flexsec_compat_set_lltx(dev);
	netif_keep_dst(dev);
}

static int flexsec_parse_addr(const struct nlattr *a, struct flexsec_addr *addr,
			      struct netlink_ext_ack *extack)
{
	switch (nla_len(a)) {
	case sizeof(__be32):
		addr->family = AF_INET;
		addr->ip4 = nla_get_in_addr(a);
		return 0;
	case sizeof(struct in6_addr):
		addr->family = AF_INET6;
		addr->ip6 = nla_get_in6_addr(a);
		if (ipv6_addr_v4mapped(&addr->ip6)) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "an IPv4-mapped IPv6 address: give the IPv4 address");
			return -EINVAL;
		}
		if (ipv6_addr_is_multicast(&addr->ip6)) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "a multicast outer address");
			return -EINVAL;
		}
		return 0;
	}
	NL_SET_ERR_MSG_ATTR(extack, a, "address must be 4 (IPv4) or 16 (IPv6) bytes");
	return -EINVAL;
}

/* The outer addresses together: one family, a link for link-local ones. */
static int flexsec_check_addrs(const struct flexsec_params *p,
			       struct netlink_ext_ack *extack)
{
	if (p->local.family && p->remote.family &&
	    p->local.family != p->remote.family) {
		NL_SET_ERR_MSG(extack,
			       "local and remote must be of one address family");
		return -EINVAL;
	}
	if (!p->link &&
	    ((p->local.family == AF_INET6 &&
	      ipv6_addr_type(&p->local.ip6) & IPV6_ADDR_LINKLOCAL) ||
	     (p->remote.family == AF_INET6 &&
	      ipv6_addr_type(&p->remote.ip6) & IPV6_ADDR_LINKLOCAL))) {
		NL_SET_ERR_MSG(extack,
			       "a link-local outer address needs a link (dev)");
		return -EINVAL;
	}
	return 0;
}

/* Apply the attributes in @data to @p. */
static int flexsec_parse_params(struct nlattr *data[], struct flexsec_params *p,
				struct netlink_ext_ack *extack)
{
	int err;

	if (!data)
		return 0;
	if (data[IFLA_FLEXSEC_MODE])
		p->mode = nla_get_u32(data[IFLA_FLEXSEC_MODE]);
	if (data[IFLA_FLEXSEC_LOCAL]) {
		err = flexsec_parse_addr(data[IFLA_FLEXSEC_LOCAL], &p->local, extack);
		if (err)
			return err;
	}
	if (data[IFLA_FLEXSEC_REMOTE]) {
		err = flexsec_parse_addr(data[IFLA_FLEXSEC_REMOTE], &p->remote,
					 extack);
		if (err)
			return err;
	}
	if (data[IFLA_FLEXSEC_IKEY]) {
		p->ikey = htonl(nla_get_u32(data[IFLA_FLEXSEC_IKEY]));
		p->has_ikey = true;
	}
	if (data[IFLA_FLEXSEC_OKEY]) {
		p->okey = htonl(nla_get_u32(data[IFLA_FLEXSEC_OKEY]));
		p->has_okey = true;
	}
	if (data[IFLA_FLEXSEC_LINK])
		p->link = nla_get_u32(data[IFLA_FLEXSEC_LINK]);
	if (data[IFLA_FLEXSEC_TTL])
		p->ttl = nla_get_u8(data[IFLA_FLEXSEC_TTL]);
	if (data[IFLA_FLEXSEC_TOS])
		p->tos = nla_get_u8(data[IFLA_FLEXSEC_TOS]);
	if (data[IFLA_FLEXSEC_PMTUDISC])
		p->pmtudisc = nla_get_u8(data[IFLA_FLEXSEC_PMTUDISC]);
	if (data[IFLA_FLEXSEC_CARRIER_SA])
		p->carrier_sa = nla_get_u8(data[IFLA_FLEXSEC_CARRIER_SA]);

	if (p->mode == FLEXSEC_MODE_VTI && (p->has_ikey || p->has_okey)) {
		NL_SET_ERR_MSG(extack, "GRE keys need mode gre");
		return -EINVAL;
	}
	return flexsec_check_addrs(p, extack);
}

static int flexsec_validate(struct nlattr *tb[], struct nlattr *data[],
			    struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
				    "flexsec devices have no link-layer address");
		return -EINVAL;
	}
	return 0;
}

static int flexsec_newlink(struct net *src_net, struct net_device *dev,
			   struct nlattr *tb[], struct nlattr *data[],
			   struct netlink_ext_ack *extack)
{
	struct flexsec_tunnel *t = netdev_priv(dev);
	struct flexsec_net *fn = flexsec_net(dev_net(dev));
	struct flexsec_params *p;
	int err;

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	/* IOS defaults: GRE, TTL 255, ToS copied, path-MTU discovery. */
	p->mode = FLEXSEC_MODE_GRE;
	p->ttl = FLEXSEC_DEFAULT_TTL;
	p->tos = FLEXSEC_TOS_INHERIT;
	p->pmtudisc = true;
	err = flexsec_parse_params(data, p, extack);
	if (err) {
		kfree(p);
		return err;
	}
	RCU_INIT_POINTER(t->params, p);
	t->mtu_auto = !tb[IFLA_MTU];
	if (t->mtu_auto)
		dev->mtu = ETH_DATA_LEN - flexsec_tunnel_overhead(p, NULL);

	err = register_netdevice(dev);
	if (err) {
		/* Unless the destructor already ran. */
		kfree(rcu_dereference_protected(t->params, 1));
		RCU_INIT_POINTER(t->params, NULL);
		return err;
	}

	mutex_lock(&fn->lock);
	list_add_tail(&t->node, &fn->tunnels);
	flexsec_tunnel_update_carrier(t);
	mutex_unlock(&fn->lock);
	return 0;
}

/* What the SAs installed allow to change. */
static int flexsec_check_change(struct flexsec_tunnel *t,
				const struct flexsec_params *old,
				const struct flexsec_params *p,
				struct netlink_ext_ack *extack)
{
	struct flexsec_sa *sa;

	lockdep_assert_held(&flexsec_net(dev_net(t->dev))->lock);
	if (p->mode != old->mode && t->nsas) {
		NL_SET_ERR_MSG(extack, "the mode cannot change while SAs are installed");
		return -EBUSY;
	}
	if (!flexsec_params_ip6(p))
		return 0;
	list_for_each_entry(sa, &t->sas, tnode)
		if (sa->encap_lport) {
			NL_SET_ERR_MSG(extack,
				       "ESP in UDP over IPv6 is not supported");
			return -EOPNOTSUPP;
		}
	return 0;
}

static int flexsec_changelink(struct net_device *dev, struct nlattr *tb[],
			      struct nlattr *data[],
			      struct netlink_ext_ack *extack)
{
	struct flexsec_tunnel *t = netdev_priv(dev);
	struct flexsec_params *old = rtnl_dereference(t->params), *p;
	struct flexsec_net *fn = flexsec_net(dev_net(dev));
	int err;

	p = kmemdup(old, sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	err = flexsec_parse_params(data, p, extack);
	if (!err) {
		/* Checked and replaced under the lock sa-new takes. */
		mutex_lock(&fn->lock);
		err = flexsec_check_change(t, old, p, extack);
		if (!err) {
			rcu_assign_pointer(t->params, p);
			flexsec_tunnel_update_carrier(t);
		}
		mutex_unlock(&fn->lock);
	}
	if (err) {
		kfree(p);
		return err;
	}
	kfree_rcu(old, rcu);
	return 0;
}

static void flexsec_dellink(struct net_device *dev, struct list_head *head)
{
	flexsec_tunnel_kill(netdev_priv(dev));
	unregister_netdevice_queue(dev, head);
}

static size_t flexsec_get_size(const struct net_device *dev)
{
	return nla_total_size(sizeof(u32)) +		/* MODE */
	       2 * nla_total_size(sizeof(struct in6_addr)) + /* LOCAL, REMOTE */
	       2 * nla_total_size(sizeof(u32)) +	/* IKEY, OKEY */
	       nla_total_size(sizeof(u32)) +		/* LINK */
	       4 * nla_total_size(sizeof(u8));	/* TTL, TOS, PMTUDISC, CARRIER_SA */
}

static int flexsec_put_addr(struct sk_buff *skb, int type,
			    const struct flexsec_addr *a)
{
	if (a->family == AF_INET)
		return nla_put_in_addr(skb, type, a->ip4);
	if (a->family == AF_INET6)
		return nla_put_in6_addr(skb, type, &a->ip6);
	return 0;
}

static int flexsec_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	struct flexsec_tunnel *t = netdev_priv(dev);
	const struct flexsec_params *p = rtnl_dereference(t->params);

	if (nla_put_u32(skb, IFLA_FLEXSEC_MODE, p->mode) ||
	    flexsec_put_addr(skb, IFLA_FLEXSEC_LOCAL, &p->local) ||
	    flexsec_put_addr(skb, IFLA_FLEXSEC_REMOTE, &p->remote) ||
	    (p->has_ikey &&
	     nla_put_u32(skb, IFLA_FLEXSEC_IKEY, ntohl(p->ikey))) ||
	    (p->has_okey &&
	     nla_put_u32(skb, IFLA_FLEXSEC_OKEY, ntohl(p->okey))) ||
	    (p->link && nla_put_u32(skb, IFLA_FLEXSEC_LINK, p->link)) ||
	    nla_put_u8(skb, IFLA_FLEXSEC_TTL, p->ttl) ||
	    nla_put_u8(skb, IFLA_FLEXSEC_TOS, p->tos) ||
	    nla_put_u8(skb, IFLA_FLEXSEC_PMTUDISC, p->pmtudisc) ||
	    nla_put_u8(skb, IFLA_FLEXSEC_CARRIER_SA, p->carrier_sa))
		return -EMSGSIZE;
	return 0;
}

static struct rtnl_link_ops flexsec_link_ops __read_mostly = {
	.kind		= FLEXSEC_LINK_KIND,
	.maxtype	= IFLA_FLEXSEC_MAX,
	.policy		= flexsec_link_policy,
	.priv_size	= sizeof(struct flexsec_tunnel),
	.setup		= flexsec_setup,
	.validate	= flexsec_validate,
	.newlink	= flexsec_newlink,
	.changelink	= flexsec_changelink,
	.dellink	= flexsec_dellink,
	.get_size	= flexsec_get_size,
	.fill_info	= flexsec_fill_info,
};

/**
 * flexsec_device_init() - register the link kind
 *
 * Return: 0 or a negative errno from rtnl_link_register().
 */
int flexsec_device_init(void)
{
	return rtnl_link_register(&flexsec_link_ops);
}

/**
 * flexsec_device_exit() - unregister the link kind
 *
 * Every flexsec device, in every network namespace, is removed.
 */
void flexsec_device_exit(void)
{
	rtnl_link_unregister(&flexsec_link_ops);
}

MODULE_ALIAS_RTNL_LINK(FLEXSEC_LINK_KIND);
