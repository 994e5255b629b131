/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flexsec: per-CPU counters of SAs and tunnels.
 */
#ifndef _FLEXSEC_STATS_H
#define _FLEXSEC_STATS_H

#include <linux/percpu.h>
#include <linux/u64_stats_sync.h>
#include <net/netlink.h>

/* One counter per attribute of the "stats" set of the family, in order. */
enum flexsec_counter {
	FLEXSEC_RX_PACKETS,
	FLEXSEC_RX_BYTES,
	FLEXSEC_TX_PACKETS,
	FLEXSEC_TX_BYTES,
	FLEXSEC_RX_REPLAY,
	FLEXSEC_RX_TOO_OLD,
	FLEXSEC_RX_AUTH_FAILED,
	FLEXSEC_RX_BAD_PADDING,
	FLEXSEC_RX_TRUNCATED,
	FLEXSEC_RX_GRE_KEY,
	FLEXSEC_RX_INNER_PROTO,
	FLEXSEC_RX_EXPIRED,
	FLEXSEC_TX_NO_SA,
	FLEXSEC_TX_SEQ_OVERFLOW,
	FLEXSEC_TX_EXPIRED,
	FLEXSEC_TX_ERRORS,
	FLEXSEC_RX_ERRORS,
	FLEXSEC_RX_ENCAP,
	FLEXSEC_NR_COUNTERS,
};

/**
 * struct flexsec_pcpu_stats - one CPU's share of the counters
 * @syncp: lets 32-bit readers see consistent 64-bit values
 * @c: the counters, indexed by enum flexsec_counter
 */
struct flexsec_pcpu_stats {
	struct u64_stats_sync syncp;
	u64_stats_t c[FLEXSEC_NR_COUNTERS];
};

/**
 * struct flexsec_stats - counters summed over every CPU
 * @c: the counters, indexed by enum flexsec_counter
 */
struct flexsec_stats {
	u64 c[FLEXSEC_NR_COUNTERS];
};

static inline void flexsec_stats_add(struct flexsec_pcpu_stats __percpu *s,
				     enum flexsec_counter c, u64 n)
{
	struct flexsec_pcpu_stats *p = get_cpu_ptr(s);

	u64_stats_update_begin(&p->syncp);
	u64_stats_add(&p->c[c], n);
	u64_stats_update_end(&p->syncp);
	put_cpu_ptr(s);
}

static inline void flexsec_stats_inc(struct flexsec_pcpu_stats __percpu *s,
				     enum flexsec_counter c)
{
	flexsec_stats_add(s, c, 1);
}

/* A packet and its bytes, as one update. */
static inline void flexsec_stats_packet(struct flexsec_pcpu_stats __percpu *s,
					bool tx, unsigned int len)
{
	struct flexsec_pcpu_stats *p = get_cpu_ptr(s);

	u64_stats_update_begin(&p->syncp);
	u64_stats_inc(&p->c[tx ? FLEXSEC_TX_PACKETS : FLEXSEC_RX_PACKETS]);
	u64_stats_add(&p->c[tx ? FLEXSEC_TX_BYTES : FLEXSEC_RX_BYTES], len);
	u64_stats_update_end(&p->syncp);
	put_cpu_ptr(s);
}

struct flexsec_pcpu_stats __percpu *flexsec_stats_alloc(gfp_t gfp);
void flexsec_stats_read(struct flexsec_pcpu_stats __percpu *s,
			struct flexsec_stats *sum);
int flexsec_stats_put(struct sk_buff *msg, int attr,
		      struct flexsec_pcpu_stats __percpu *s);

#endif /* _FLEXSEC_STATS_H */
