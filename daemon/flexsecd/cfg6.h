/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPv6 in the configuration payload, on both ends.
 *
 * The hub: a CFG_REQUEST asking for INTERNAL_IP6_ADDRESS (or carrying
 * one, the address the spoke had) gets a prefix of the policy's "ipv6
 * pool" (an ASSIGN-LEN prefix of "ipv6 local pool NAME P/LEN ASSIGN-LEN"),
 * sent as IOS does: its first host, P::1, with the prefix length. The
 * reply carries "ipv6 dns" as INTERNAL_IP6_DNS and as INTERNAL_IP6_SUBNET
 * the IPv6 address of the "route set interface" interface, the source
 * prefixes of "route set access-list ipv6 ACL" and "route set remote ipv6
 * PREFIX". The hub routes the prefix over the spoke's Virtual-Access; the
 * lease goes with the Virtual-Access, like the IPv4 one (vaccess.c).
 *
 * The spoke: a tunnel with "ip address negotiated" and "ipv6 enable" asks
 * for INTERNAL_IP6_ADDRESS, DNS and subnets too, puts the address on the
 * tunnel with its prefix length and routes the subnets over it.
 */
#ifndef FLEXSECD_CFG6_H
#define FLEXSECD_CFG6_H

#include <stdbool.h>
#include <stdint.h>

#include "authz.h"
#include "cp.h"

struct dctx;
struct ike_sa;
struct tunnel;

/* hub: what REQ asks for IPv6, into AR (its IPv4 part left). */
void cfg6_request(const struct ike_cp *req, struct authz_request *ar);
/* hub: the IPv6 assignment of AR kept for SA and its Virtual-Access T. */
void cfg6_assigned(struct ike_sa *sa, struct tunnel *t,
		   const struct authz_reply *ar, const struct dctx *c);
/* hub: the IPv6 attributes of AR added to the reply CP, when the request
 * REQ asked for any IPv6 attribute (a client of IPv4 alone gets none). */
void cfg6_reply_fill(const struct authz_reply *ar, const struct ike_cp *req,
		     const struct tunnel *t, struct ike_cp *cp);
/* hub: the route to the spoke's prefix over T, and with ACCEPT ("route
 * accept any") to the IPv6 subnets it announced in REQ, at METRIC. */
void cfg6_hub_routes(struct tunnel *t, const struct ike_cp *req, bool accept,
		     uint32_t metric, const struct dctx *c);

/* spoke: whether SA's tunnel asks for IPv6 ("ipv6 enable"). */
bool cfg6_spoke_wants(const struct ike_sa *sa);
/* spoke: the IPv6 attributes of the request added to REQ. */
void cfg6_spoke_ask(struct ike_cp *req);
/* spoke: the IPv6 address of the reply CP on T (its spoke state made),
 * and the IPv6 subnets as routes. */
void cfg6_spoke_take(struct ike_sa *sa, struct tunnel *t,
		     const struct ike_cp *cp, const struct authz_attrs *pol,
		     const struct dctx *c);
/* spoke: T's IPv6 address goes (its routes go with the IPv4 ones). */
void cfg6_spoke_release(struct tunnel *t);

#endif /* FLEXSECD_CFG6_H */
