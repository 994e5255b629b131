// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec: the transmit path.
 *
 * A packet routed to a tunnel is protected by the tunnel's active outbound
 * SA: in VTI mode the inner IPv4 or IPv6 packet is ESP's payload (tunnel
 * mode); in GRE mode a GRE header with the tunnel's key comes first, and ESP
 * carries GRE (transport mode). Then the outer IPv4 header, and out through
 * the underlay's route; an SA with UDP encapsulation puts a UDP header
 * between the two (RFC 3948).
 */

#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/if_tunnel.h>
#include <linux/udp.h>
#include <net/gre.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/ip_tunnels.h>
#include <net/route.h>
#include <uapi/linux/flexsec.h>

#include "device.h"
#include "esp.h"
#include "netlink.h"
#include "sa.h"
#include "trace.h"

/* What the transmit path keeps in skb->cb while the crypto runs. */
struct flexsec_tx_cb {
	struct rtable *rt;
	__be32 saddr;
	__be32 daddr;
	unsigned int inner_len;
	__be16 df;
	u8 tos;
	u8 ttl;
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

static void tx_finish(struct sk_buff *skb, struct flexsec_sa *sa, void *priv,
		      int err)
{
	struct flexsec_tunnel *t = sa->tunnel;
	struct flexsec_tx_cb cb = *tx_cb(skb);
	struct net_device *dev = t->dev;
	u8 proto = IPPROTO_ESP;

	if (unlikely(err)) {
		ip_rt_put(cb.rt);
		flexsec_stats_inc(sa->stats, FLEXSEC_TX_ERRORS);
		tx_drop(t, skb, FLEXSEC_TX_ERRORS);
		goto out;
	}
	flexsec_stats_packet(sa->stats, true, cb.inner_len);
	flexsec_stats_packet(t->stats, true, cb.inner_len);
	skb->ignore_df = !cb.df;
	if (sa->encap_lport) {
		tx_push_udp(skb, sa);
		proto = IPPROTO_UDP;
	}
	iptunnel_xmit(NULL, cb.rt, skb, cb.saddr, cb.daddr, proto, cb.tos,
		      cb.ttl, cb.df, !net_eq(dev_net(dev), dev_net(cb.rt->dst.dev)));
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
	struct flexsec_tx_cb *cb;
	struct flexsec_sa *sa;
	struct flowi4 fl4;
	struct rtable *rt;
	u8 nexthdr, tos;
	unsigned int mtu;
	u64 seq;
	int err;

	rcu_read_lock();
	p = rcu_dereference(t->params);

	if (skb->protocol == htons(ETH_P_IP) &&
	    pskb_network_may_pull(skb, sizeof(struct iphdr))) {
		nexthdr = IPPROTO_IPIP;
		tos = ip_hdr(skb)->tos;
	} else if (skb->protocol == htons(ETH_P_IPV6) &&
		   pskb_network_may_pull(skb, sizeof(struct ipv6hdr))) {
		nexthdr = IPPROTO_IPV6;
		tos = ipv6_get_dsfield(ipv6_hdr(skb));
	} else {
		tx_drop(t, skb, FLEXSEC_TX_ERRORS);
		goto out;
	}
	tos = p->tos == 1 ? tos & ~INET_ECN_MASK : p->tos;

	sa = rcu_dereference(t->out);
	if (!sa || p->remote.family != AF_INET || !flexsec_sa_get(sa)) {
		if (__ratelimit(&t->acquire_rs))
			flexsec_nl_acquire(t, p);
		tx_drop(t, skb, FLEXSEC_TX_NO_SA);
		goto out;
	}

	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = p->remote.ip4;
	fl4.saddr = p->local.ip4;
	fl4.flowi4_proto = IPPROTO_ESP;
	fl4.flowi4_oif = p->link;
	fl4.flowi4_tos = tos & IPTOS_TOS_MASK;
	rt = ip_route_output_key(dev_net(dev), &fl4);
	if (IS_ERR(rt)) {
		DEV_STATS_INC(dev, tx_carrier_errors);
		goto drop_sa;
	}
	if (rt->dst.dev == dev) {
		/* The route to the remote gateway is the tunnel itself. */
		ip_rt_put(rt);
		DEV_STATS_INC(dev, collisions);
		goto drop_sa;
	}

	mtu = dst_mtu(&rt->dst) - flexsec_tunnel_overhead(p, sa);
	if (p->pmtudisc && tx_too_big(skb, mtu)) {
		ip_rt_put(rt);
		flexsec_stats_inc(t->stats, FLEXSEC_TX_ERRORS);
		dev_core_stats_tx_dropped_inc(dev);
		kfree_skb(skb);
		flexsec_sa_put(sa);
		goto out;
	}

	skb_dst_drop(skb);
	cb = tx_cb(skb);
	cb->rt = rt;
	cb->saddr = fl4.saddr;
	cb->daddr = fl4.daddr;
	cb->inner_len = skb->len;
	cb->tos = tos;
	cb->ttl = p->ttl ?: (nexthdr == IPPROTO_IPIP ? ip_hdr(skb)->ttl :
			     ipv6_hdr(skb)->hop_limit);
	cb->df = p->pmtudisc ? htons(IP_DF) : 0;

	if (!flexsec_sa_account(sa, skb->len, true) ||
	    flexsec_sa_next_seq(sa, &seq))
		goto drop_rt;

	if (p->mode == FLEXSEC_MODE_GRE) {
		if (tx_push_gre(skb, p))
			goto drop_rt;
		nexthdr = IPPROTO_GRE;
	}

	err = flexsec_esp_encrypt(sa, skb, seq, nexthdr,
				  LL_RESERVED_SPACE(rt->dst.dev) +
				  sizeof(struct iphdr) +
				  (sa->encap_lport ? sizeof(struct udphdr) : 0),
				  tx_finish, NULL);
	if (err != -EINPROGRESS)
		tx_finish(skb, sa, NULL, err);
out:
	rcu_read_unlock();
	return NETDEV_TX_OK;

drop_rt:
	ip_rt_put(rt);
drop_sa:
	flexsec_sa_put(sa);
	dev_core_stats_tx_dropped_inc(dev);
	kfree_skb(skb);
	goto out;
}
