/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flexsec: the generic-netlink family.
 */
#ifndef _FLEXSEC_NETLINK_H
#define _FLEXSEC_NETLINK_H

#include <linux/types.h>

struct flexsec_addr;
struct flexsec_params;
struct flexsec_sa;
struct flexsec_tunnel;
struct genl_family;
struct sk_buff;

extern struct genl_family flexsec_nl_family;

int flexsec_nl_init(void);
void flexsec_nl_exit(void);
void flexsec_nl_sa_event(struct flexsec_sa *sa, u8 cmd, u32 limit);
void flexsec_nl_replay_event(struct flexsec_sa *sa, u64 seq,
			     const struct flexsec_addr *saddr,
			     const struct flexsec_addr *daddr);
void flexsec_nl_acquire(struct flexsec_tunnel *t,
			const struct flexsec_params *p);
void flexsec_nl_mapping_event(struct flexsec_sa *sa,
			      const struct flexsec_addr *saddr,
			      const struct flexsec_addr *daddr, u16 sport);
int flexsec_nl_put_addr(struct sk_buff *msg, int type,
			const struct flexsec_addr *a);
int flexsec_nl_sa_put_ids(struct sk_buff *msg, const struct flexsec_sa *sa);

#endif /* _FLEXSEC_NETLINK_H */
