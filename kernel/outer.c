// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec: the outer IP header, built on transmit and checked on receive.
 *
 * An IPv4 outer header is iptunnel_xmit()'s; the IPv6 one is built here,
 * with the traffic class and flow label the transmit path chose. On
 * receive, ESP is a tunnel's only when it came from the tunnel's remote
 * gateway to its local address, in the tunnel's address family.
 */

#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <net/ipv6.h>

#include "device.h"
#include "outer.h"

/**
 * flexsec_ip6_push() - put an outer IPv6 header in front of a packet
 * @skb: the packet, its data at what the header is to carry, with headroom
 *	 for the header
 * @saddr: outer source address
 * @daddr: outer destination address
 * @proto: next header (IPPROTO_ESP)
 * @flowinfo: traffic class and flow label, as in a flowi6 (network order)
 * @hoplimit: hop limit
 *
 * The payload length is that of the packet, or 0 above 65535 bytes (a
 * jumbogram would need the option, which a tunnel never sends).
 *
 * Context: any.
 */
void flexsec_ip6_push(struct sk_buff *skb, const struct in6_addr *saddr,
		      const struct in6_addr *daddr, u8 proto, __be32 flowinfo,
		      u8 hoplimit)
{
	unsigned int len = skb->len;
	struct ipv6hdr *ip6h;

	skb_reset_transport_header(skb);
	ip6h = skb_push(skb, sizeof(*ip6h));
	skb_reset_network_header(skb);
	ip6_flow_hdr(ip6h, ip6_tclass(flowinfo), flowinfo & IPV6_FLOWLABEL_MASK);
	ip6h->payload_len = len <= IPV6_MAXPLEN ? htons(len) : 0;
	ip6h->nexthdr = proto;
	ip6h->hop_limit = hoplimit;
	ip6h->saddr = *saddr;
	ip6h->daddr = *daddr;
	skb->protocol = htons(ETH_P_IPV6);
}

/**
 * flexsec_outer_match() - the packet's outer addresses are the tunnel's
 * @skb: a received packet, its network header at the outer IP header
 * @p: the tunnel's parameters
 * @any_source: the source address may be any (ESP in UDP, whose source
 *		a NAT may change)
 *
 * Context: any.
 * Return: true when the destination is the tunnel's local address and,
 * unless @any_source, the source its remote address.
 */
bool flexsec_outer_match(const struct sk_buff *skb,
			 const struct flexsec_params *p, bool any_source)
{
	if (skb->protocol == htons(ETH_P_IP)) {
		const struct iphdr *iph = ip_hdr(skb);

		return p->local.family == AF_INET &&
		       iph->daddr == p->local.ip4 &&
		       (any_source || iph->saddr == p->remote.ip4);
	}
	if (skb->protocol == htons(ETH_P_IPV6)) {
		const struct ipv6hdr *ip6h = ipv6_hdr(skb);

		return p->local.family == AF_INET6 &&
		       ipv6_addr_equal(&ip6h->daddr, &p->local.ip6) &&
		       (any_source ||
			ipv6_addr_equal(&ip6h->saddr, &p->remote.ip6));
	}
	return false;
}
