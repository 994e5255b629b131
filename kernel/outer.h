/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flexsec: the outer IP header, built on transmit and checked on receive.
 */
#ifndef _FLEXSEC_OUTER_H
#define _FLEXSEC_OUTER_H

#include <linux/in6.h>
#include <linux/types.h>

struct flexsec_params;
struct sk_buff;

void flexsec_ip6_push(struct sk_buff *skb, const struct in6_addr *saddr,
		      const struct in6_addr *daddr, u8 proto, __be32 flowinfo,
		      u8 hoplimit);
bool flexsec_outer_match(const struct sk_buff *skb,
			 const struct flexsec_params *p, bool any_source);

#endif /* _FLEXSEC_OUTER_H */
