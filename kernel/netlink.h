/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flexsec: the generic-netlink family.
 */
#ifndef _FLEXSEC_NETLINK_H
#define _FLEXSEC_NETLINK_H

#include <linux/types.h>

struct flexsec_params;
struct flexsec_sa;
struct flexsec_tunnel;

int flexsec_nl_init(void);
void flexsec_nl_exit(void);
void flexsec_nl_sa_event(struct flexsec_sa *sa, u8 cmd, u32 limit);
void flexsec_nl_replay_event(struct flexsec_sa *sa, u64 seq, __be32 saddr,
			     __be32 daddr);
void flexsec_nl_acquire(struct flexsec_tunnel *t,
			const struct flexsec_params *p);

#endif /* _FLEXSEC_NETLINK_H */
