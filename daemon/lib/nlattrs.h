/* SPDX-License-Identifier: GPL-2.0 */
/* The attribute sets: policies for replies, names for error reports. */

#ifndef FLEXSEC_NLATTRS_H
#define FLEXSEC_NLATTRS_H

#include <linux/flexsec.h>

#include "nlreq.h"

extern const struct attr_set sa_attr_set;
extern const struct attr_set tunnel_attr_set;
extern const struct attr_set rtnl_link_attr_set;

extern const struct nla_policy sa_policy[FLEXSEC_A_SA_MAX + 1];
extern const struct nla_policy lifetime_policy[FLEXSEC_A_LIFETIME_MAX + 1];
extern const struct nla_policy stats_policy[FLEXSEC_A_STATS_MAX + 1];
extern const struct nla_policy tunnel_policy[FLEXSEC_A_TUNNEL_MAX + 1];

/*
 * The attributes of a nest (all NULL without one), checked against policy;
 * 0 or -EBADMSG.
 */
int parse_nest(struct nlattr **tb, int max, const struct nlattr *nest,
	       const struct nla_policy *policy);

#endif /* FLEXSEC_NLATTRS_H */
