/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Local address pools: "ip local pool NAME FIRST [LAST]" (IPv4 ranges,
 * the same NAME again adds a range) and "ipv6 local pool NAME P/LEN ALEN"
 * (each lease a prefix of length ALEN out of P/LEN). The hub leases an
 * address to an owner, an opaque 64-bit id (the IKE SA's unique id), for
 * the configuration payload; a spoke asking for an address it had gets
 * it back while it is free.
 *
 * A set holds every pool of one configuration. IPv4 and IPv6 pools have
 * names of their own; no two ranges of a set may overlap. An owner has at
 * most one lease per family in a set. Leases are found by owner and by
 * address through hash tables; a range is a bitmap with a next-fit
 * cursor (a released address is handed out again only once the cursor
 * has gone round), so leasing, releasing and lookups cost O(1) amortised
 * whatever the number of leases. A range of more than 2^20 addresses
 * keeps no bitmap: the address table tells which are taken.
 *
 * IOS hands out FIRST..LAST exactly, the network and broadcast addresses
 * of a subnet included when they lie in the range; so does this.
 */
#ifndef FLEXSECD_POOL_H
#define FLEXSECD_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "conf.h"
#include "htab.h"

#define POOL_NAME	CONF_NAME
#define POOL_ERR_LEN	192	/* room for any message of pool_add_* */

/* Results of pool_lease() and pool_lease_move(). */
enum {
	POOL_OK = 0,
	POOL_E_EXHAUSTED = -1,	/* no free address: "Fail to alloc IP addr" */
	POOL_E_NOMEM = -2,
	POOL_E_OWNER = -3,	/* the owner holds a lease of this family in
				 * another pool */
	POOL_E_FAMILY = -4,	/* a requested address of the wrong family */
};

struct pool;
struct pool_set;
struct pool_range;

/* One address (IPv4, plen 32) or prefix (IPv6, plen the pool's assigned
 * length) in use. Read-only outside pool.c; valid until released. */
struct pool_lease {
	uint64_t owner;
	struct conf_addr addr;
	time_t since;
	struct pool *pool;
	struct pool_range *range;
	uint64_t index;			/* in the range */
	struct hnode by_owner, by_addr;
	struct pool_lease *prev, *next;	/* the pool's leases, oldest first */
};

/* A range as "show ip local pool" prints it. For IPv6, BEGIN is the
 * prefix (plen its length), END its last lease, and the counts are of
 * prefixes of ASSIGNED_LEN. */
struct pool_range_info {
	struct conf_addr begin, end;
	uint8_t assigned_len;
	uint64_t size, in_use, free;
};

struct pool_stats {
	unsigned int n_ranges;
	uint64_t size, in_use, free;
	uint64_t leased;		/* leases made, ever */
	uint64_t failures;		/* lease requests that got none */
	uint64_t want_honoured;		/* requested addresses handed out */
	uint64_t want_refused;		/* ... taken or outside the pool */
};

struct pool_set *pool_set_new(void);
/* Frees the set, its pools and their leases. */
void pool_set_free(struct pool_set *s);

/* The pool NAME of FAMILY (AF_INET or AF_INET6), made empty when there is
 * none; NULL when memory ran out or NAME is empty or too long. */
struct pool *pool_create(struct pool_set *s, int family, const char *name);
struct pool *pool_find(const struct pool_set *s, int family,
		       const char *name);
/* Every pool, in the order they were made. */
struct pool *pool_first(const struct pool_set *s);
struct pool *pool_next(const struct pool *p);
const char *pool_name(const struct pool *p);
int pool_family(const struct pool *p);

/*
 * Adds FIRST..LAST (LAST NULL: FIRST alone) to an IPv4 pool, or PREFIX
 * with leases of ASSIGNED_LEN to an IPv6 pool. NULL when done; else the
 * message (in ERR, LEN bytes): a bad or reversed range, a range too
 * large, or one that overlaps a range of this or another pool.
 */
const char *pool_add_range(struct pool *p, const struct conf_addr *first,
			   const struct conf_addr *last, char *err,
			   size_t len);
const char *pool_add_prefix(struct pool *p, const struct conf_addr *prefix,
			    unsigned int assigned_len, char *err, size_t len);

/*
 * Leases an address of P to OWNER. WANT (NULL, or family 0: none) is an
 * address the peer asked for: it is handed out when it lies in P and is
 * free, else another one is. An owner that already holds a lease of P
 * gets that one again. POOL_OK with *OUT set, or a POOL_E_* (counted in
 * the pool's failures).
 */
int pool_lease(struct pool *p, uint64_t owner, const struct conf_addr *want,
	       const struct pool_lease **out);
/* Releases OWNER's leases (both families); returns how many. */
unsigned int pool_release_owner(struct pool_set *s, uint64_t owner);
/* Releases the lease at address A (an IPv6 lease: any address in its
 * prefix); false when none. */
bool pool_release_addr(struct pool_set *s, const struct conf_addr *a);

/* OWNER's lease of FAMILY, or the lease holding A; NULL when none. */
const struct pool_lease *pool_lease_of(const struct pool_set *s,
				       uint64_t owner, int family);
const struct pool_lease *pool_lease_at(const struct pool_set *s,
				       const struct conf_addr *a);
/*
 * Hands OLD's leases to NEW (an IKE SA rekeyed keeps its addresses).
 * Returns how many moved, or POOL_E_OWNER (nothing moved) when NEW holds
 * a lease of a family OLD has one of.
 */
int pool_lease_move(struct pool_set *s, uint64_t old_owner,
		    uint64_t new_owner);

/* The ranges of P for show: false past the last. */
bool pool_range_get(const struct pool *p, unsigned int i,
		    struct pool_range_info *ri);
void pool_get_stats(const struct pool *p, struct pool_stats *st);
/* P's leases, oldest first. */
const struct pool_lease *pool_lease_first(const struct pool *p);
const struct pool_lease *pool_lease_next(const struct pool_lease *l);

/*
 * The address the hub sends for the IPv6 lease PREFIX, as IOS does: the
 * prefix's first host (P::1, the prefix length kept), or PREFIX itself
 * when it is a /128 or of IPv4.
 */
void pool_prefix_host(const struct conf_addr *prefix, struct conf_addr *host);

/* "no free address", ... for a POOL_E_* value. */
const char *pool_strerror(int err);

/*
 * After a reload: moves the leases of OLD into NEW, the set built from
 * the new configuration, where their address lies in a range of NEW (in
 * whichever pool has it, with the same length for an IPv6 prefix), and
 * carries the counters of pools that kept their name. LOST is called for
 * every lease NEW cannot take (the daemon ends that session), before OLD
 * is freed. Returns the number of leases lost.
 */
typedef void (*pool_lost_fn)(void *arg, uint64_t owner,
			     const struct conf_addr *addr,
			     const char *pool_name);
unsigned int pool_set_rebuild(struct pool_set *new_set,
			      struct pool_set *old_set, pool_lost_fn lost,
			      void *arg);

#endif /* FLEXSECD_POOL_H */
