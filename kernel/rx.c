// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec: the receive path.
 *
 * flexsec registers an ESP handler with the kernel's xfrm4 and xfrm6
 * protocol multiplexers ahead of ip_vti, ip6_vti, esp4 and esp6. ESP whose SPI is not one of our
 * inbound SAs, or that did not come from our tunnel's remote gateway to its
 * local address, is handed on untouched, so Linux's own IPsec keeps working
 * beside flexsec. Ours goes through: replay check, decryption and ICV
 * verification, replay window advance, trailer check, decapsulation (the GRE
 * header and its key in GRE mode), and delivery on the tunnel device through
 * GRO. Every reason to drop a packet has its own counter.
 *
 * ESP in UDP (udp.c) comes in through flexsec_rx_udp(): the same path, for
 * SAs with UDP encapsulation only, and from any source address, since a NAT
 * may have given the peer a new one; a packet that authenticates from an
 * address or port other than the expected ones raises a mapping event, and
 * the daemon decides whether to follow it.
 */

#include <linux/icmpv6.h>
#include <linux/if_tunnel.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/gre.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/ndisc.h>
#include <net/route.h>
#include <net/xfrm.h>
#include <uapi/linux/flexsec.h>

#include "device.h"
#include "esp.h"
#include "netlink.h"
#include "netns.h"
#include "outer.h"
#include "replay.h"
#include "rx.h"
#include "sa.h"
#include "trace.h"

/* Before ip_vti and ip6_vti (100), and esp4 and esp6 (0). */
#define FLEXSEC_XFRM_PRIORITY	200

/*
 * What the receive path keeps in skb->cb while the crypto runs: the
 * sequence number, the outer addresses (copied: the outer header is not
 * kept), their family, and the peer's UDP port when the ESP came in UDP (0
 * when not).
 */
struct flexsec_rx_cb {
	u64 seq;
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
	u16 sport;
	u8 family;
};

static struct flexsec_rx_cb *rx_cb(struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct flexsec_rx_cb) > sizeof(skb->cb));
	return (struct flexsec_rx_cb *)skb->cb;
}

/* The outer addresses the packet came with. */
static void rx_cb_addrs(const struct flexsec_rx_cb *cb, struct flexsec_addr *src,
			struct flexsec_addr *dst)
{
	src->family = cb->family;
	dst->family = cb->family;
	if (cb->family == AF_INET6) {
		src->ip6 = cb->v6.saddr;
		dst->ip6 = cb->v6.daddr;
	} else {
		src->ip4 = cb->v4.saddr;
		dst->ip4 = cb->v4.daddr;
	}
}

/* Keep the outer addresses of the packet, at its outer IP header. */
static void rx_cb_set_addrs(struct flexsec_rx_cb *cb, const struct sk_buff *skb)
{
	if (skb->protocol == htons(ETH_P_IPV6)) {
		cb->family = AF_INET6;
		cb->v6.saddr = ipv6_hdr(skb)->saddr;
		cb->v6.daddr = ipv6_hdr(skb)->daddr;
	} else {
		cb->family = AF_INET;
		cb->v4.saddr = ip_hdr(skb)->saddr;
		cb->v4.daddr = ip_hdr(skb)->daddr;
	}
}

static void rx_drop(struct flexsec_sa *sa, struct sk_buff *skb,
		    enum flexsec_counter why)
{
	trace_flexsec_drop(sa->tunnel->dev, sa->spi, rx_cb(skb)->seq, why);
	flexsec_stats_inc(sa->stats, why);
	flexsec_stats_inc(sa->tunnel->stats, why);
	dev_core_stats_rx_dropped_inc(sa->tunnel->dev);
	kfree_skb(skb);
}

static void rx_replay_drop(struct flexsec_sa *sa, struct sk_buff *skb,
			   enum flexsec_replay_verdict v, u64 seq)
{
	struct flexsec_addr src, dst;

	if (__ratelimit(&sa->event_rs)) {
		rx_cb_addrs(rx_cb(skb), &src, &dst);
		flexsec_nl_replay_event(sa, seq, &src, &dst);
	}
	rx_drop(sa, skb, v == FLEXSEC_REPLAY_DUP ? FLEXSEC_RX_REPLAY :
					   FLEXSEC_RX_TOO_OLD);
}

/* Strip the GRE header; the packet's protocol, or 0 when it is not ours. */
static __be16 rx_pull_gre(struct sk_buff *skb, const struct flexsec_params *p,
			  enum flexsec_counter *why)
{
	const struct gre_base_hdr *gh;
	unsigned int hlen = sizeof(*gh);
	__be32 key = 0;
	__be16 flags;

	*why = FLEXSEC_RX_GRE_KEY;
	if (!pskb_may_pull(skb, hlen))
		return 0;
	gh = (const struct gre_base_hdr *)skb->data;
	flags = gh->flags;
	if (flags & (GRE_VERSION | GRE_ROUTING))
		return 0;
	if (flags & GRE_CSUM)
		hlen += 4;
	if (flags & GRE_KEY) {
		if (!pskb_may_pull(skb, hlen + 4))
			return 0;
		key = *(__be32 *)(skb->data + hlen);
		hlen += 4;
	}
	if (flags & GRE_SEQ)
		hlen += 4;
	/* The key must be there exactly when the tunnel has one, and match. */
	if (!!(flags & GRE_KEY) != p->has_ikey || key != p->ikey)
		return 0;
	if (!pskb_may_pull(skb, hlen))
		return 0;
	*why = FLEXSEC_RX_INNER_PROTO;
	if (gh->protocol != htons(ETH_P_IP) && gh->protocol != htons(ETH_P_IPV6))
		return 0;
	__skb_pull(skb, hlen);
	return gh->protocol;
}

static __be16 rx_inner_proto(struct sk_buff *skb, u8 nexthdr,
			     const struct flexsec_params *p,
			     enum flexsec_counter *why)
{
	*why = FLEXSEC_RX_INNER_PROTO;
	if (p->mode == FLEXSEC_MODE_GRE)
		return nexthdr == IPPROTO_GRE ? rx_pull_gre(skb, p, why) : 0;
	if (nexthdr == IPPROTO_IPIP)
		return htons(ETH_P_IP);
	if (nexthdr == IPPROTO_IPV6)
		return htons(ETH_P_IPV6);
	return 0;
}

/* The inner header is whole and of the version the protocol says. */
static bool rx_inner_ok(struct sk_buff *skb, __be16 proto)
{
	if (proto == htons(ETH_P_IP))
		return pskb_may_pull(skb, sizeof(struct iphdr)) &&
		       ip_hdr(skb)->version == 4;
	return pskb_may_pull(skb, sizeof(struct ipv6hdr)) &&
	       ipv6_hdr(skb)->version == 6;
}

/* An authenticated packet in UDP from elsewhere than expected: tell. */
static void rx_check_mapping(struct flexsec_sa *sa, struct sk_buff *skb,
			     const struct flexsec_params *p)
{
	const struct flexsec_rx_cb *cb = rx_cb(skb);
	struct flexsec_addr src, dst;

	rx_cb_addrs(cb, &src, &dst);
	if (flexsec_addr_eq(&src, &p->remote) &&
	    cb->sport == READ_ONCE(sa->encap_rport))
		return;
	if (__ratelimit(&sa->mapping_rs))
		flexsec_nl_mapping_event(sa, &src, &dst, cb->sport);
}

static void rx_finish(struct sk_buff *skb, struct flexsec_sa *sa, void *priv,
		      int err)
{
	const struct flexsec_xform *x = &sa->xform;
	struct flexsec_tunnel *t = sa->tunnel;
	const struct flexsec_params *p;
	enum flexsec_replay_verdict v;
	enum flexsec_counter why;
	unsigned int elen, padlen, i;
	u8 *trailer, *pad, nexthdr;
	__be16 proto;

	if (unlikely(err)) {
		rx_drop(sa, skb, err == -EBADMSG ? FLEXSEC_RX_AUTH_FAILED :
						   FLEXSEC_RX_ERRORS);
		goto out;
	}

	spin_lock_bh(&sa->replay_lock);
	v = flexsec_replay_advance(sa->replay, rx_cb(skb)->seq);
	spin_unlock_bh(&sa->replay_lock);
	if (unlikely(v != FLEXSEC_REPLAY_OK)) {
		rx_replay_drop(sa, skb, v, rx_cb(skb)->seq);
		goto out;
	}

	/* Self-describing padding, pad length, next header (RFC 4303 2.4). */
	elen = skb->len - FLEXSEC_ESP_HLEN - x->ivlen - x->icvlen;
	trailer = skb->data + FLEXSEC_ESP_HLEN + x->ivlen + elen - 2;
	padlen = trailer[0];
	nexthdr = trailer[1];
	if (unlikely(padlen + 2 > elen))
		goto bad_padding;
	pad = trailer - padlen;
	for (i = 0; i < padlen; i++)
		if (unlikely(pad[i] != i + 1))
			goto bad_padding;
	skb_trim(skb, skb->len - x->icvlen - padlen - 2);
	__skb_pull(skb, FLEXSEC_ESP_HLEN + x->ivlen);
	skb_reset_transport_header(skb);

	rcu_read_lock();
	p = rcu_dereference(t->params);
	if (rx_cb(skb)->sport)
		rx_check_mapping(sa, skb, p);
	proto = rx_inner_proto(skb, nexthdr, p, &why);
	rcu_read_unlock();
	skb_reset_network_header(skb);
	if (unlikely(!proto || !rx_inner_ok(skb, proto))) {
		rx_drop(sa, skb, why);
		goto out;
	}
	if (unlikely(!flexsec_sa_account(sa, skb->len, false))) {
		trace_flexsec_drop(t->dev, sa->spi, rx_cb(skb)->seq,
				   FLEXSEC_RX_EXPIRED);
		flexsec_stats_inc(t->stats, FLEXSEC_RX_EXPIRED);
		dev_core_stats_rx_dropped_inc(t->dev);
		kfree_skb(skb);
		goto out;
	}

	skb_scrub_packet(skb, !net_eq(dev_net(t->dev), dev_net(skb->dev)));
	skb->protocol = proto;
	skb->dev = t->dev;
	skb->pkt_type = PACKET_HOST;
	skb_reset_mac_header(skb);
	skb->mac_len = 0;
	flexsec_stats_packet(sa->stats, false, skb->len);
	flexsec_stats_packet(t->stats, false, skb->len);
	dev_sw_netstats_rx_add(t->dev, skb->len);
	local_bh_disable();
	gro_cells_receive(&t->gro_cells, skb);
	local_bh_enable();
	goto out;

bad_padding:
	rx_drop(sa, skb, FLEXSEC_RX_BAD_PADDING);
out:
	flexsec_sa_put(sa);
}

/*
 * Our SA for this packet, or NULL when it is for someone else. ESP in UDP
 * (@udp) may come from a new source address: the check of its source waits
 * until it has authenticated.
 */
static struct flexsec_sa *rx_find_sa(struct sk_buff *skb, bool udp)
{
	const struct ip_esp_hdr *esph = (const struct ip_esp_hdr *)skb->data;
	struct flexsec_sa *sa;

	sa = flexsec_sa_lookup_in(dev_net(skb->dev), ntohl(esph->spi));
	if (!sa ||
	    !flexsec_outer_match(skb, rcu_dereference(sa->tunnel->params), udp))
		return NULL;
	return sa;
}

/* Checks, then decryption of ESP for @sa, which holds a reference. */
static void rx_esp(struct sk_buff *skb, struct flexsec_sa *sa, u16 sport)
{
	const struct ip_esp_hdr *esph;
	struct flexsec_rx_cb *cb;
	enum flexsec_replay_verdict v;
	unsigned int min;
	int err;
	u64 seq;

	cb = rx_cb(skb);
	cb->seq = 0;
	rx_cb_set_addrs(cb, skb);
	cb->sport = sport;

	/* ESP in UDP exactly when the SA has UDP encapsulation. */
	if (unlikely(!sport != !sa->encap_lport)) {
		rx_drop(sa, skb, FLEXSEC_RX_ENCAP);
		goto out;
	}

	/* Header, IV, ICV, and a ciphertext of whole blocks, trailer included. */
	min = FLEXSEC_ESP_HLEN + sa->xform.ivlen + sa->xform.icvlen;
	if (skb->len < min + 2 || (skb->len - min) % sa->xform.align) {
		rx_drop(sa, skb, FLEXSEC_RX_TRUNCATED);
		goto out;
	}

	esph = (const struct ip_esp_hdr *)skb->data;
	v = flexsec_replay_check(sa->replay, ntohl(esph->seq_no), &seq);
	cb->seq = seq;
	if (unlikely(v != FLEXSEC_REPLAY_OK)) {
		rx_replay_drop(sa, skb, v, seq);
		goto out;
	}
	if (skb_linearize_cow(skb)) {
		rx_drop(sa, skb, FLEXSEC_RX_ERRORS);
		goto out;
	}
	err = flexsec_esp_decrypt(sa, skb, seq, rx_finish, NULL);
	if (err != -EINPROGRESS)
		rx_finish(skb, sa, NULL, err);
	return;
out:
	flexsec_sa_put(sa);
}

static int flexsec_esp_rcv(struct sk_buff *skb)
{
	struct flexsec_sa *sa;

	if (!pskb_may_pull(skb, sizeof(struct ip_esp_hdr)))
		return -EINVAL;
	rcu_read_lock();
	sa = rx_find_sa(skb, false);
	if (!sa || !flexsec_sa_get(sa)) {
		rcu_read_unlock();
		return -EINVAL;	/* the next handler's */
	}
	rcu_read_unlock();
	rx_esp(skb, sa, 0);
	return 0;
}

/**
 * flexsec_rx_udp() - ESP that came in UDP to a socket of encap-attach
 * @skb: the packet, its data at the ESP header (the UDP header pulled)
 * @sport: the UDP source port it came from, host byte order
 *
 * The packet is flexsec's in any case: ESP for no SA of ours is counted in
 * the namespace and dropped.
 *
 * Context: softirq, under rcu_read_lock() (the UDP receive path).
 */
void flexsec_rx_udp(struct sk_buff *skb, u16 sport)
{
	struct flexsec_sa *sa;

	if (!sport || !pskb_may_pull(skb, sizeof(struct ip_esp_hdr)))
		goto drop;
	sa = rx_find_sa(skb, true);
	if (!sa || !flexsec_sa_get(sa)) {
		atomic64_inc(&flexsec_net(dev_net(skb->dev))->unknown_spi);
		goto drop;
	}
	rx_esp(skb, sa, sport);
	return;
drop:
	kfree_skb(skb);
}

static int flexsec_esp_input(struct sk_buff *skb, int nexthdr, __be32 spi,
			     int encap_type)
{
	return -EINVAL;
}

static int flexsec_esp_cb(struct sk_buff *skb, int err)
{
	return 1;	/* not ours: ask the next handler */
}

/* ICMP about an ESP packet we sent: learn the path MTU, follow redirects. */
static int flexsec_esp_err(struct sk_buff *skb, u32 info)
{
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	const struct ip_esp_hdr *esph;
	struct net *net = dev_net(skb->dev);
	struct flexsec_addr local = { .family = AF_INET };
	struct flexsec_addr remote = { .family = AF_INET };
	struct flexsec_sa *sa;
	int ret = -ENOENT;

	if (!pskb_may_pull(skb, iph->ihl * 4 + sizeof(*esph)))
		return -ENOENT;
	iph = (const struct iphdr *)skb->data;
	esph = (const struct ip_esp_hdr *)(skb->data + iph->ihl * 4);
	local.ip4 = iph->saddr;
	remote.ip4 = iph->daddr;

	rcu_read_lock();
	sa = flexsec_sa_lookup_out(net, ntohl(esph->spi), &local, &remote);
	if (sa) {
		ret = 0;
		switch (icmp_hdr(skb)->type) {
		case ICMP_DEST_UNREACH:
			if (icmp_hdr(skb)->code == ICMP_FRAG_NEEDED)
				ipv4_update_pmtu(skb, net, info, 0, IPPROTO_ESP);
			break;
		case ICMP_REDIRECT:
			ipv4_redirect(skb, net, 0, IPPROTO_ESP);
			break;
		}
	}
	rcu_read_unlock();
	return ret;
}

/* ICMPv6 about an ESP packet we sent: learn the path MTU, follow redirects. */
static int flexsec_esp6_err(struct sk_buff *skb, struct inet6_skb_parm *opt,
			    u8 type, u8 code, int offset, __be32 info)
{
	const struct ipv6hdr *ip6h = (const struct ipv6hdr *)skb->data;
	const struct ip_esp_hdr *esph;
	struct net *net = dev_net(skb->dev);
	struct flexsec_addr local = { .family = AF_INET6 };
	struct flexsec_addr remote = { .family = AF_INET6 };
	struct flexsec_sa *sa;
	int ret = -ENOENT;

	/* icmpv6_notify() pulled 8 bytes past @offset: the ESP header. */
	esph = (const struct ip_esp_hdr *)(skb->data + offset);
	local.ip6 = ip6h->saddr;
	remote.ip6 = ip6h->daddr;

	rcu_read_lock();
	sa = flexsec_sa_lookup_out(net, ntohl(esph->spi), &local, &remote);
	if (sa) {
		ret = 0;
		if (type == ICMPV6_PKT_TOOBIG)
			ip6_update_pmtu(skb, net, info, 0, 0,
					sock_net_uid(net, NULL));
		else if (type == NDISC_REDIRECT)
			ip6_redirect(skb, net, skb->dev->ifindex, 0,
				     sock_net_uid(net, NULL));
	}
	rcu_read_unlock();
	return ret;
}

static struct xfrm4_protocol flexsec_esp4_protocol __read_mostly = {
	.handler	= flexsec_esp_rcv,
	.input_handler	= flexsec_esp_input,
	.cb_handler	= flexsec_esp_cb,
	.err_handler	= flexsec_esp_err,
	.priority	= FLEXSEC_XFRM_PRIORITY,
};

static struct xfrm6_protocol flexsec_esp6_protocol __read_mostly = {
	.handler	= flexsec_esp_rcv,
	.input_handler	= flexsec_esp_input,
	.cb_handler	= flexsec_esp_cb,
	.err_handler	= flexsec_esp6_err,
	.priority	= FLEXSEC_XFRM_PRIORITY,
};

/**
 * flexsec_rx_init() - start receiving ESP over IPv4 and IPv6
 *
 * Context: process context (module init).
 * Return: 0 or a negative errno; on error nothing stays registered.
 */
int flexsec_rx_init(void)
{
	int err;

	err = xfrm4_protocol_register(&flexsec_esp4_protocol, IPPROTO_ESP);
	if (err)
		return err;
	err = xfrm6_protocol_register(&flexsec_esp6_protocol, IPPROTO_ESP);
	if (err)
		xfrm4_protocol_deregister(&flexsec_esp4_protocol, IPPROTO_ESP);
	return err;
}

/**
 * flexsec_rx_exit() - stop receiving ESP
 *
 * Context: process context (module exit).
 */
void flexsec_rx_exit(void)
{
	xfrm6_protocol_deregister(&flexsec_esp6_protocol, IPPROTO_ESP);
	xfrm4_protocol_deregister(&flexsec_esp4_protocol, IPPROTO_ESP);
}
