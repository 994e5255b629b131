/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/flexsec.yaml */
/* YNL-GEN kernel header */

#ifndef _LINUX_FLEXSEC_GEN_H
#define _LINUX_FLEXSEC_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <uapi/linux/flexsec.h>

/* Common nested types */
extern const struct nla_policy flexsec_lifetime_nl_policy[FLEXSEC_A_LIFETIME_HARD_SECONDS + 1];

/* Ops table for flexsec */
extern const struct genl_split_ops flexsec_nl_ops[9];

int flexsec_nl_sa_new_doit(struct sk_buff *skb, struct genl_info *info);
int flexsec_nl_sa_del_doit(struct sk_buff *skb, struct genl_info *info);
int flexsec_nl_sa_get_doit(struct sk_buff *skb, struct genl_info *info);
int flexsec_nl_sa_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int flexsec_nl_sa_flush_doit(struct sk_buff *skb, struct genl_info *info);
int flexsec_nl_sa_activate_doit(struct sk_buff *skb, struct genl_info *info);
int flexsec_nl_tunnel_get_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb);
int flexsec_nl_sa_set_doit(struct sk_buff *skb, struct genl_info *info);
int flexsec_nl_encap_attach_doit(struct sk_buff *skb, struct genl_info *info);

enum {
	FLEXSEC_NLGRP_EVENTS,
};

#endif /* _LINUX_FLEXSEC_GEN_H */
