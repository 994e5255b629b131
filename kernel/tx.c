// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec: the transmit path.
 *
 * A packet routed to a tunnel is protected by the tunnel's active outbound
 * SA: in VTI mode the inner IPv4 or IPv6 packet is ESP's payload (tunnel
 * mode); in GRE mode a GRE header with the tunnel's key comes first, and ESP
 * carries GRE (transport mode). Then the outer IPv4 or IPv6 header, of the
 * family of the tunnel's remote address, and out through the underlay's
 * route; an SA with UDP encapsulation (IPv4 only) puts a UDP header between
 * the two (RFC 3948).
 */

#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/if_tunnel.h>
#include <linux/udp.h>
#include <net/gre.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/ip6_tunnel.h>
#include <net/ip_tunnels.h>
#include <net/route.h>
#include <uapi/linux/flexsec.h>

#include "device.h"
#include "esp.h"
#include "netlink.h"
#include "outer.h"
#include "sa.h"
#include "trace.h"

/*
 * What the transmit path keeps in skb->cb while the crypto runs: the route,
 * the outer addresses, the outer header's ToS (IPv4) or traffic class and
 * flow label (IPv6), TTL or hop limit and whether to forbid fragmentation.
 * The route's family tells which addresses are set.
 */
struct flexsec_tx_cb {
	struct dst_entry *dst;
	union {
		struct {
			__be32 saddr;
			__be32 daddr;
		} v4;
		struct {
			struct in6_addr saddr;
			struct in6_addr daddr;
		} v6;
	};
	union {
		u8 tos;
		__be32 flowinfo;
	};
	u16 inner_len;
	u8 ttl;
	bool df;
};

/* ESP in UDP (RFC 3948): the UDP header, its checksum zero over IPv4. */
static void tx_push_udp(struct sk_buff *skb, const struct flexsec_sa *sa)
{
	struct udphdr *uh = skb_push(skb, sizeof(*uh));

	skb_reset_transport_header(skb);
	uh->source = htons(sa->encap_lport);
	uh->dest = htons(READ_ONCE(sa->encap_rport));
	uh->len = htons(skb->len);
	uh->check = 0;
}

static struct flexsec_tx_cb *tx_cb(struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct flexsec_tx_cb) > sizeof(skb->cb));
	return (struct flexsec_tx_cb *)skb->cb;
}

static void tx_drop(struct flexsec_tunnel *t, struct sk_buff *skb,
		    enum flexsec_counter why)
{
	trace_flexsec_drop(t->dev, 0, 0, why);
	flexsec_stats_inc(t->stats, why);
	dev_core_stats_tx_dropped_inc(t->dev);
	kfree_skb(skb);
}

/* IPv4 outer header and out, as ip_vti does. */
static void tx_xmit4(struct sk_buff *skb, const struct flexsec_tx_cb *cb,
		     struct net_device *dev, u8 proto)
{
	struct rtable *rt = container_of(cb->dst, struct rtable, dst);
	__be16 df = cb->df ? htons(IP_DF) : 0;

	skb->ignore_df = !df;
	iptunnel_xmit(NULL, rt, skb, cb->v4.saddr, cb->v4.daddr, proto, cb->tos,
		      cb->ttl, df, !net_eq(dev_net(dev), dev_net(rt->dst.dev)));
}

/* IPv6 outer header and out; without path-MTU discovery, fragments. */
static void tx_xmit6(struct sk_buff *skb, const struct flexsec_tx_cb *cb,
		     struct net_device *dev, u8 proto)
{
	skb_scrub_packet(skb, !net_eq(dev_net(dev), dev_net(cb->dst->dev)));
	skb_dst_set(skb, cb->dst);
	skb->ignore_df = !cb->df;
	flexsec_ip6_push(skb, &cb->v6.saddr, &cb->v6.daddr, proto, cb->flowinfo,
			 cb->ttl);
	ip6tunnel_xmit(NULL, skb, NULL);
}

static void tx_finish(struct sk_buff *skb, struct flexsec_sa *sa, void *priv,
		      int err)
{
	struct flexsec_tunnel *t = sa->tunnel;
	struct flexsec_tx_cb cb = *tx_cb(skb);
	u8 proto = IPPROTO_ESP;

	if (unlikely(err)) {
		dst_release(cb.dst);
		flexsec_stats_inc(sa->stats, FLEXSEC_TX_ERRORS);
		tx_drop(t, skb, FLEXSEC_TX_ERRORS);
		goto out;
	}
	flexsec_stats_packet(sa->stats, true, cb.inner_len);
	flexsec_stats_packet(t->stats, true, cb.inner_len);
	if (sa->encap_lport) {
		tx_push_udp(skb, sa);
		proto = IPPROTO_UDP;
	}
	if (cb.dst->ops->family == AF_INET6)
		tx_xmit6(skb, &cb, t->dev, proto);
	else
		tx_xmit4(skb, &cb, t->dev, proto);
out:
	flexsec_sa_put(sa);
}

/* Tell the sender the packet is too big; true when it was. */
static bool tx_too_big(struct sk_buff *skb, unsigned int mtu)
{
	if (skb->len <= mtu)
		return false;
	if (skb->protocol == htons(ETH_P_IP)) {
		if (!(ip_hdr(skb)->frag_off & htons(IP_DF)))
			return false;
		icmp_ndo_send(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED,
			      htonl(mtu));
	} else {
		icmpv6_ndo_send(skb, ICMPV6_PKT_TOOBIG, 0, max(mtu, IPV6_MIN_MTU));
	}
	return true;
}

static int tx_push_gre(struct sk_buff *skb, const struct flexsec_params *p)
{
	int hlen = sizeof(struct gre_base_hdr) + (p->has_okey ? 4 : 0);
	struct gre_base_hdr *gh;

	if (skb_cow_head(skb, hlen + LL_MAX_HEADER + 64))
		return -ENOMEM;
	gh = skb_push(skb, hlen);
	gh->flags = p->has_okey ? GRE_KEY : 0;
	gh->protocol = skb->protocol;
	if (p->has_okey)
		*(__be32 *)(gh + 1) = p->okey;
	return 0;
}

/* The route to the remote gateway over IPv4; NULL when there is none. */
static struct dst_entry *tx_route4(struct net_device *dev,
				   const struct flexsec_params *p, u8 tos,
				   struct flexsec_tx_cb *cb)
{
	struct flowi4 fl4;
	struct rtable *rt;

	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = p->remote.ip4;
	fl4.saddr = p->local.ip4;
	fl4.flowi4_proto = IPPROTO_ESP;
	fl4.flowi4_oif = p->link;
	fl4.flowi4_tos = tos & IPTOS_TOS_MASK;
	rt = ip_route_output_key(dev_net(dev), &fl4);
	if (IS_ERR(rt))
		return NULL;
	cb->v4.saddr = fl4.saddr;
	cb->v4.daddr = fl4.daddr;
	cb->tos = tos;
	return &rt->dst;
}

/*
 * The route to the remote gateway over IPv6, the source address chosen when
 * the tunnel has none; NULL when there is none. The flow label follows the
 * inner flow, so that the paths of a multipath underlay share the tunnel's
 * flows out.
 */
static struct dst_entry *tx_route6(struct sk_buff *skb, struct net_device *dev,
				   const struct flexsec_params *p, u8 tos,
				   struct flexsec_tx_cb *cb)
{
	struct net *net = dev_net(dev);
	struct dst_entry *dst;
	struct flowi6 fl6;

	memset(&fl6, 0, sizeof(fl6));
	fl6.daddr = p->remote.ip6;
	if (p->local.family == AF_INET6)
		fl6.saddr = p->local.ip6;
	fl6.flowi6_proto = IPPROTO_ESP;
	fl6.flowi6_oif = p->link;
	skb_get_hash(skb);
	fl6.flowlabel = ip6_make_flowlabel(net, skb, 0, true, &fl6);
	fl6.flowlabel |= ip6_make_flowinfo(tos, 0);
	if (ip6_dst_lookup(net, NULL, &dst, &fl6))
		return NULL;
	cb->v6.saddr = fl6.saddr;
	cb->v6.daddr = fl6.daddr;
	cb->flowinfo = fl6.flowlabel;
	return dst;
}

/* The route for the outer header, not through the tunnel itself. */
static struct dst_entry *tx_route(struct sk_buff *skb, struct net_device *dev,
				  const struct flexsec_params *p, u8 tos,
				  struct flexsec_tx_cb *cb)
{
	struct dst_entry *dst;

	if (p->remote.family == AF_INET6)
		dst = tx_route6(skb, dev, p, tos, cb);
	else
		dst = tx_route4(dev, p, tos, cb);
	if (!dst) {
		DEV_STATS_INC(dev, tx_carrier_errors);
		return NULL;
	}
	if (dst->dev == dev) {
		/* The route to the remote gateway is the tunnel itself. */
		dst_release(dst);
		DEV_STATS_INC(dev, collisions);
		return NULL;
	}
	return dst;
}

/* The inner packet's next header and ToS; false when it is neither IP. */
static bool tx_inner(struct sk_buff *skb, u8 *nexthdr, u8 *tos, u8 *ttl)
{
	if (skb->protocol == htons(ETH_P_IP) &&
	    pskb_network_may_pull(skb, sizeof(struct iphdr))) {
		*nexthdr = IPPROTO_IPIP;
		*tos = ip_hdr(skb)->tos;
		*ttl = ip_hdr(skb)->ttl;
	} else if (skb->protocol == htons(ETH_P_IPV6) &&
		   pskb_network_may_pull(skb, sizeof(struct ipv6hdr))) {
		*nexthdr = IPPROTO_IPV6;
		*tos = ipv6_get_dsfield(ipv6_hdr(skb));
		*ttl = ipv6_hdr(skb)->hop_limit;
	} else {
		return false;
	}
	/* The length goes in 16 bits of skb->cb: the MTU is below 64 KiB. */
	return skb->len <= U16_MAX;
}

/* Protect the packet with @sa and send it on; the SA's reference goes. */
static void tx_protect(struct sk_buff *skb, struct flexsec_sa *sa,
		       const struct flexsec_params *p, u8 nexthdr)
{
	struct flexsec_tx_cb *cb = tx_cb(skb);
	unsigned int headroom;
	u64 seq;
	int err;

	if (!flexsec_sa_account(sa, skb->len, true) ||
	    flexsec_sa_next_seq(sa, &seq))
		goto drop;
	if (p->mode == FLEXSEC_MODE_GRE) {
		if (tx_push_gre(skb, p))
			goto drop;
		nexthdr = IPPROTO_GRE;
	}
	headroom = LL_RESERVED_SPACE(cb->dst->dev) +
		   (cb->dst->ops->family == AF_INET6 ? sizeof(struct ipv6hdr) :
						       sizeof(struct iphdr)) +
		   (sa->encap_lport ? sizeof(struct udphdr) : 0);
	err = flexsec_esp_encrypt(sa, skb, seq, nexthdr, headroom, tx_finish,
				  NULL);
	if (err != -EINPROGRESS)
		tx_finish(skb, sa, NULL, err);
	return;
drop:
	dst_release(cb->dst);
	dev_core_stats_tx_dropped_inc(sa->tunnel->dev);
	flexsec_sa_put(sa);
	kfree_skb(skb);
}

/**
 * flexsec_xmit() - ndo_start_xmit of a flexsec tunnel
 * @skb: an IPv4 or IPv6 packet
 * @dev: the tunnel
 *
 * Context: softirq or process context with BHs off; does not sleep.
 * Return: NETDEV_TX_OK; the packet is sent or dropped and counted.
 */
netdev_tx_t flexsec_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct flexsec_tunnel *t = netdev_priv(dev);
	const struct flexsec_params *p;
	struct flexsec_tx_cb cb;
	struct flexsec_sa *sa;
	u8 nexthdr, tos, ttl;

	rcu_read_lock();
	p = rcu_dereference(t->params);
	if (!tx_inner(skb, &nexthdr, &tos, &ttl)) {
		tx_drop(t, skb, FLEXSEC_TX_ERRORS);
		goto out;
	}
	tos = p->tos == 1 ? tos & ~INET_ECN_MASK : p->tos;

	sa = rcu_dereference(t->out);
	if (!sa || !p->remote.family || !flexsec_sa_get(sa)) {
		if (__ratelimit(&t->acquire_rs))
			flexsec_nl_acquire(t, p);
		tx_drop(t, skb, FLEXSEC_TX_NO_SA);
		goto out;
	}

	memset(&cb, 0, sizeof(cb));
	cb.dst = tx_route(skb, dev, p, tos, &cb);
	if (!cb.dst)
		goto drop_sa;
	if (p->pmtudisc &&
	    tx_too_big(skb, dst_mtu(cb.dst) - flexsec_tunnel_overhead(p, sa))) {
		dst_release(cb.dst);
		flexsec_stats_inc(t->stats, FLEXSEC_TX_ERRORS);
		goto drop_sa;
	}
	cb.inner_len = skb->len;
	cb.ttl = p->ttl ?: ttl;
	cb.df = p->pmtudisc;
	skb_dst_drop(skb);
	*tx_cb(skb) = cb;
	tx_protect(skb, sa, p, nexthdr);
out:
	rcu_read_unlock();
	return NETDEV_TX_OK;

drop_sa:
	flexsec_sa_put(sa);
	dev_core_stats_tx_dropped_inc(dev);
	kfree_skb(skb);
	goto out;
}
