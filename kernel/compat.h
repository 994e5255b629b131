/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flexsec: what differs between the kernels flexsec builds against.
 * Kbuild probes the kernel's headers and defines FLEXSEC_COMPAT_* for the
 * older ones; a kernel tree of today needs none of them.
 */
#ifndef _FLEXSEC_COMPAT_H
#define _FLEXSEC_COMPAT_H

#include <linux/netdevice.h>
#include <net/genetlink.h>

/* Lockless transmit became a netdevice field in 6.11. */
static inline void flexsec_compat_set_lltx(struct net_device *dev)
{
#ifdef FLEXSEC_COMPAT_NO_LLTX_FIELD
	dev->features |= NETIF_F_LLTX;
#else
	dev->lltx = true;
#endif
}

/* Devices that may not change namespace: a feature bit, then a field. */
static inline void flexsec_compat_set_netns_immutable(struct net_device *dev)
{
#ifdef FLEXSEC_COMPAT_NETNS_LOCAL_FEATURE
	dev->features |= NETIF_F_NETNS_LOCAL;
#else
	dev->netns_immutable = true;
#endif
}

/*
 * A multicast group only a socket with CAP_NET_ADMIN over the namespace may
 * join. The flag for it is GENL_MCAST_CAP_NET_ADMIN since 6.7 and in the
 * stable kernels that took it (Debian's 6.1 among them); before it,
 * genl_bind() made the same test on the command flag GENL_UNS_ADMIN_PERM in
 * a group's flags. The macro itself tells which one a kernel reads.
 */
#ifdef GENL_MCAST_CAP_NET_ADMIN
#define FLEXSEC_MCAST_CAP_NET_ADMIN	GENL_MCAST_CAP_NET_ADMIN
#else
#define FLEXSEC_MCAST_CAP_NET_ADMIN	GENL_UNS_ADMIN_PERM
#endif

/*
 * Generic netlink split operations (the generated operations table) arrived
 * in 6.2; before, netlink.c merges the table into one genl_ops per command.
 */
#ifdef FLEXSEC_COMPAT_NO_SPLIT_OPS
struct genl_split_ops {
	int (*doit)(struct sk_buff *skb, struct genl_info *info);
	int (*dumpit)(struct sk_buff *skb, struct netlink_callback *cb);
	const struct nla_policy *policy;
	unsigned int maxattr;
	u8 cmd;
	u8 flags;
};
#endif

/* The parsed attributes of a dump request. */
static inline struct nlattr **flexsec_dump_attrs(struct netlink_callback *cb)
{
#ifdef FLEXSEC_COMPAT_NO_SPLIT_OPS
	return genl_dumpit_info(cb)->attrs;
#else
	return genl_info_dump(cb)->attrs;
#endif
}

#endif /* _FLEXSEC_COMPAT_H */
