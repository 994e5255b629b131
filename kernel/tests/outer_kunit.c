// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the outer header of an IPv6 tunnel: the header the
 * transmit path builds, the check of a received packet's addresses against
 * the tunnel's, and the overhead the MTU is computed with.
 */

#include <kunit/test.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <net/ipv6.h>
#include <uapi/linux/flexsec.h>

#include "../device.h"
#include "../outer.h"

/* 2001:db8::1 and 2001:db8::2 */
static const struct in6_addr addr1 = {
	.s6_addr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 } };
static const struct in6_addr addr2 = {
	.s6_addr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 } };

#define HEADROOM	128
#define PAYLOAD		100

/* An skb of PAYLOAD bytes of 0xab, HEADROOM bytes of room in front. */
static struct sk_buff *test_skb(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(HEADROOM + PAYLOAD, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, HEADROOM);
	memset(skb_put(skb, PAYLOAD), 0xab, PAYLOAD);
	return skb;
}

/* An ESP packet from @src to @dst, its outer IPv6 header built. */
static struct sk_buff *test_ip6_skb(struct kunit *test,
				    const struct in6_addr *src,
				    const struct in6_addr *dst)
{
	struct sk_buff *skb = test_skb(test);

	flexsec_ip6_push(skb, src, dst, IPPROTO_ESP, 0, 64);
	return skb;
}

static void ip6_push_test(struct kunit *test)
{
	struct sk_buff *skb = test_skb(test);
	const struct ipv6hdr *ip6h;
	u8 *payload = skb->data;

	/* Traffic class 0xb8 (EF), flow label 0x12345. */
	flexsec_ip6_push(skb, &addr1, &addr2, IPPROTO_ESP,
			 ip6_make_flowinfo(0xb8, htonl(0x12345)), 61);
	ip6h = ipv6_hdr(skb);
	KUNIT_EXPECT_PTR_EQ(test, (const u8 *)ip6h, skb->data);
	KUNIT_EXPECT_EQ(test, skb->len, sizeof(*ip6h) + PAYLOAD);
	KUNIT_EXPECT_PTR_EQ(test, skb_transport_header(skb), payload);
	KUNIT_EXPECT_EQ(test, skb->protocol, htons(ETH_P_IPV6));
	KUNIT_EXPECT_EQ(test, (int)ip6h->version, 6);
	KUNIT_EXPECT_EQ(test, ip6_tclass(ip6_flowinfo(ip6h)), 0xb8);
	KUNIT_EXPECT_EQ(test, ntohl(ip6_flowlabel(ip6h)), 0x12345);
	KUNIT_EXPECT_EQ(test, ntohs(ip6h->payload_len), PAYLOAD);
	KUNIT_EXPECT_EQ(test, ip6h->nexthdr, IPPROTO_ESP);
	KUNIT_EXPECT_EQ(test, ip6h->hop_limit, 61);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&ip6h->saddr, &addr1));
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&ip6h->daddr, &addr2));
	/* The first word as on the wire: version, class, label. */
	KUNIT_EXPECT_EQ(test, ntohl(*(const __be32 *)ip6h), 0x6b812345);
	KUNIT_EXPECT_EQ(test, payload[0], 0xab);
	kfree_skb(skb);
}

static void set_ip6(struct flexsec_params *p, const struct in6_addr *local,
		    const struct in6_addr *remote)
{
	memset(p, 0, sizeof(*p));
	p->local.family = AF_INET6;
	p->local.ip6 = *local;
	p->remote.family = AF_INET6;
	p->remote.ip6 = *remote;
}

static void match_ip6_test(struct kunit *test)
{
	/* We are addr2, the peer addr1. */
	struct sk_buff *skb = test_ip6_skb(test, &addr1, &addr2);
	struct flexsec_params p;

	set_ip6(&p, &addr2, &addr1);
	KUNIT_EXPECT_TRUE(test, flexsec_outer_match(skb, &p, false));
	KUNIT_EXPECT_TRUE(test, flexsec_outer_match(skb, &p, true));

	/* Another peer: only where any source will do. */
	set_ip6(&p, &addr2, &in6addr_loopback);
	KUNIT_EXPECT_FALSE(test, flexsec_outer_match(skb, &p, false));
	KUNIT_EXPECT_TRUE(test, flexsec_outer_match(skb, &p, true));

	/* Not to our address. */
	set_ip6(&p, &addr1, &addr2);
	KUNIT_EXPECT_FALSE(test, flexsec_outer_match(skb, &p, false));
	KUNIT_EXPECT_FALSE(test, flexsec_outer_match(skb, &p, true));

	/* An IPv4 tunnel never takes IPv6 ESP. */
	memset(&p, 0, sizeof(p));
	p.local.family = AF_INET;
	p.remote.family = AF_INET;
	KUNIT_EXPECT_FALSE(test, flexsec_outer_match(skb, &p, true));
	kfree_skb(skb);
}

static void match_ip4_test(struct kunit *test)
{
	struct sk_buff *skb = test_skb(test);
	struct flexsec_params p;
	struct iphdr *iph;

	iph = skb_push(skb, sizeof(*iph));
	skb_reset_network_header(skb);
	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->saddr = htonl(0xc0000201);
	iph->daddr = htonl(0xc0000202);
	skb->protocol = htons(ETH_P_IP);

	memset(&p, 0, sizeof(p));
	p.local.family = AF_INET;
	p.local.ip4 = htonl(0xc0000202);
	p.remote.family = AF_INET;
	p.remote.ip4 = htonl(0xc0000201);
	KUNIT_EXPECT_TRUE(test, flexsec_outer_match(skb, &p, false));
	/* An IPv6 tunnel never takes IPv4 ESP. */
	set_ip6(&p, &addr2, &addr1);
	KUNIT_EXPECT_FALSE(test, flexsec_outer_match(skb, &p, true));
	kfree_skb(skb);
}

static void overhead_test(struct kunit *test)
{
	struct flexsec_params p4 = {}, p6;

	p4.mode = FLEXSEC_MODE_VTI;
	p4.local.family = AF_INET;
	p4.remote.family = AF_INET;
	set_ip6(&p6, &addr1, &addr2);
	p6.mode = FLEXSEC_MODE_VTI;
	/* Worst case: header, ESP 8, IV 16, padding 15, trailer 2, ICV 32. */
	KUNIT_EXPECT_EQ(test, flexsec_tunnel_overhead(&p4, NULL), 93);
	KUNIT_EXPECT_EQ(test, flexsec_tunnel_overhead(&p6, NULL), 113);

	/* GRE with a key adds the same 8 bytes over either family. */
	p4.mode = FLEXSEC_MODE_GRE;
	p4.has_okey = true;
	p6.mode = FLEXSEC_MODE_GRE;
	p6.has_okey = true;
	KUNIT_EXPECT_EQ(test, flexsec_tunnel_overhead(&p4, NULL), 101);
	KUNIT_EXPECT_EQ(test, flexsec_tunnel_overhead(&p6, NULL), 121);

	/* Only a local address set: its family decides. */
	memset(&p6.remote, 0, sizeof(p6.remote));
	KUNIT_EXPECT_EQ(test, flexsec_tunnel_overhead(&p6, NULL), 121);
}

static struct kunit_case outer_cases[] = {
	KUNIT_CASE(ip6_push_test),
	KUNIT_CASE(match_ip6_test),
	KUNIT_CASE(match_ip4_test),
	KUNIT_CASE(overhead_test),
	{}
};

static struct kunit_suite outer_suite = {
	.name = "flexsec_outer",
	.test_cases = outer_cases,
};

kunit_test_suite(outer_suite);
