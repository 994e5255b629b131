// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec: per-CPU counters, summed for netlink.
 */

#include <uapi/linux/flexsec.h>

#include "stats.h"

/**
 * flexsec_stats_alloc() - allocate a zeroed set of per-CPU counters
 * @gfp: allocation flags
 *
 * Return: the counters, or NULL. Free them with free_percpu().
 */
struct flexsec_pcpu_stats __percpu *flexsec_stats_alloc(gfp_t gfp)
{
	struct flexsec_pcpu_stats __percpu *s;
	int cpu;

	s = alloc_percpu_gfp(struct flexsec_pcpu_stats, gfp | __GFP_ZERO);
	if (!s)
		return NULL;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(s, cpu)->syncp);
	return s;
}

/**
 * flexsec_stats_read() - sum the counters of every CPU
 * @s: the per-CPU counters
 * @sum: the totals
 */
void flexsec_stats_read(struct flexsec_pcpu_stats __percpu *s,
			struct flexsec_stats *sum)
{
	int cpu, i;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct flexsec_pcpu_stats *p = per_cpu_ptr(s, cpu);
		u64 v[FLEXSEC_NR_COUNTERS];
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&p->syncp);
			for (i = 0; i < FLEXSEC_NR_COUNTERS; i++)
				v[i] = u64_stats_read(&p->c[i]);
		} while (u64_stats_fetch_retry(&p->syncp, start));
		for (i = 0; i < FLEXSEC_NR_COUNTERS; i++)
			sum->c[i] += v[i];
	}
}

/**
 * flexsec_stats_put() - add the counters to a message as a "stats" nest
 * @msg: the message
 * @attr: the nest's attribute type
 * @s: the per-CPU counters
 *
 * Return: 0 or -EMSGSIZE.
 */
int flexsec_stats_put(struct sk_buff *msg, int attr,
		      struct flexsec_pcpu_stats __percpu *s)
{
	struct flexsec_stats sum;
	struct nlattr *nest;
	int i;

	BUILD_BUG_ON(FLEXSEC_NR_COUNTERS !=
		     FLEXSEC_A_STATS_MAX - FLEXSEC_A_STATS_RX_PACKETS + 1);

	flexsec_stats_read(s, &sum);
	nest = nla_nest_start(msg, attr);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < FLEXSEC_NR_COUNTERS; i++)
		if (nla_put_u64_64bit(msg, FLEXSEC_A_STATS_RX_PACKETS + i,
				      sum.c[i], FLEXSEC_A_STATS_PAD))
			goto cancel;
	nla_nest_end(msg, nest);
	return 0;
cancel:
	nla_nest_cancel(msg, nest);
	return -EMSGSIZE;
}
