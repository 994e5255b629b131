/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal interfaces between pool.c (sets, pools, leases) and
 * pool_range.c (the ranges: address arithmetic, bitmaps, overlap). The
 * rest of the daemon sees pool.h only.
 */
#ifndef FLEXSECD_POOL_INT_H
#define FLEXSECD_POOL_INT_H

#include "pool.h"

/* Ranges larger than this keep no bitmap (see pool.h). */
#define POOL_DENSE_MAX		(1ull << 20)
/* The most leases one IPv6 range may have: 2^POOL_V6_BITS_MAX. */
#define POOL_V6_BITS_MAX	63

struct pool_range {
	struct pool_range *next;	/* the pool's ranges, in order */
	struct pool *pool;
	int family;
	struct conf_addr begin;		/* IPv4: first; IPv6: the prefix */
	uint8_t alen;			/* IPv6: assigned length; IPv4: 32 */
	uint64_t size, used, cursor;
	uint64_t *bits;			/* a bit per lease; NULL: sparse */
	uint64_t *full;			/* a bit per word of BITS: all ones */
	size_t n_words, n_sum;
};

struct pool {
	char name[POOL_NAME];
	int family;
	struct pool_set *set;
	struct hnode by_name;
	struct pool *next;
	struct pool_range *ranges, *ranges_last;
	struct pool_lease *leases, *leases_last;
	struct pool_stats st;		/* the counters; sizes computed */
};

struct pool_set {
	struct htab by_name;		/* pools by family and name */
	struct htab by_owner;		/* leases by owner and family */
	struct htab by_addr;		/* leases by address (IPv6: prefix) */
	struct pool *pools, *pools_last;
};

/* pool_range.c */

/* A range of FAMILY from BEGIN, of SIZE leases of ALEN; NULL when out of
 * memory. Not linked into a pool. */
struct pool_range *range_new(int family, const struct conf_addr *begin,
			     uint8_t alen, uint64_t size);
void range_free(struct pool_range *r);
/* Lease I of R as an address (IPv6: the prefix, plen ALEN). */
void range_addr(const struct pool_range *r, uint64_t i, struct conf_addr *a);
/* Whether A lies in R; its lease's index in *I. */
bool range_index(const struct pool_range *r, const struct conf_addr *a,
		 uint64_t *i);
/* Whether two ranges (or a candidate and a range) share an address. */
bool range_overlap(const struct pool_range *a, const struct pool_range *b);
/* Marks lease I taken or free (the counts and, when dense, the bitmap). */
void range_take(struct pool_range *r, uint64_t i);
void range_put(struct pool_range *r, uint64_t i);
/* Whether lease I is taken; a free index from the cursor on (R must have
 * one), the cursor moved past it. */
bool range_taken(const struct pool_range *r, uint64_t i);
uint64_t range_find_free(struct pool_range *r);
/* "10.0.0.1-10.0.0.9" or "2001:db8::/48 64" into BUF. */
const char *range_str(const struct pool_range *r, char *buf, size_t len);

/* pool.c, for pool_range.c: whether an address is leased in SET. */
bool pool_addr_taken(const struct pool_set *s, const struct conf_addr *a);

#endif /* FLEXSECD_POOL_INT_H */
