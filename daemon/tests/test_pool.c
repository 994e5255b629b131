// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the local address pools (flexsecd/pool.c, pool_range.c):
 * ranges and their overlap errors, leases to exhaustion, requested
 * addresses, release and re-lease, leases moved between owners, a set
 * rebuilt from changed ranges, IPv6 prefix leases, ranges too large for
 * a bitmap. The last test prints the cost per operation for a hub's
 * 10,000 leases (not asserted).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "pool.h"

#define HUB	10000

static struct conf_addr ip(const char *s)
{
	struct conf_addr a;

	memset(&a, 0, sizeof(a));
	if (inet_pton(AF_INET, s, a.a) == 1) {
		a.family = AF_INET;
		a.plen = 32;
	} else {
		assert_int_equal(inet_pton(AF_INET6, s, a.a), 1);
		a.family = AF_INET6;
		a.plen = 128;
	}
	return a;
}

static struct conf_addr pfx(const char *s, unsigned int plen)
{
	struct conf_addr a = ip(s);

	a.plen = (uint8_t)plen;
	return a;
}

static const char *str(const struct conf_addr *a)
{
	static char buf[4][INET6_ADDRSTRLEN];
	static unsigned int k;

	k = (k + 1) % 4;
	inet_ntop(a->family, a->a, buf[k], sizeof(buf[k]));
	return buf[k];
}

/* An IPv4 pool NAME of FIRST..LAST, which must go in. */
static struct pool *pool4(struct pool_set *s, const char *name,
			  const char *first, const char *last)
{
	struct pool *p = pool_create(s, AF_INET, name);
	struct conf_addr f = ip(first), l = ip(last);
	char err[POOL_ERR_LEN];

	assert_non_null(p);
	assert_null(pool_add_range(p, &f, &l, err, sizeof(err)));
	return p;
}

static struct pool *pool6(struct pool_set *s, const char *name,
			  const char *prefix, unsigned int plen,
			  unsigned int alen)
{
	struct pool *p = pool_create(s, AF_INET6, name);
	struct conf_addr a = pfx(prefix, plen);
	char err[POOL_ERR_LEN];

	assert_non_null(p);
	assert_null(pool_add_prefix(p, &a, alen, err, sizeof(err)));
	return p;
}

static const struct pool_lease *lease(struct pool *p, uint64_t owner,
				      const char *want)
{
	const struct pool_lease *l;
	struct conf_addr w = want ? ip(want) : (struct conf_addr){ 0 };

	assert_int_equal(pool_lease(p, owner, &w, &l), POOL_OK);
	assert_non_null(l);
	assert_int_equal(l->owner, owner);
	return l;
}

/* The address leased to OWNER (asking for WANT), as a string. */
static const char *leased(struct pool *p, uint64_t owner, const char *want)
{
	return str(&lease(p, owner, want)->addr);
}

static void ranges_to_exhaustion(void **state)
{
	struct pool_set *s = pool_set_new();
	struct pool *p = pool4(s, "spokes", "10.0.0.254", "10.0.1.1");
	struct conf_addr f = ip("10.9.0.7");
	struct pool_range_info ri;
	const struct pool_lease *l;
	struct pool_stats st;
	char err[POOL_ERR_LEN];
	static const char *const order[] = {
		"10.0.0.254", "10.0.0.255", "10.0.1.0", "10.0.1.1", "10.9.0.7",
	};
	unsigned int i;

	/* the same name again adds a range: here one address alone */
	assert_ptr_equal(pool_create(s, AF_INET, "spokes"), p);
	assert_null(pool_add_range(p, &f, NULL, err, sizeof(err)));
	/* FIRST..LAST exactly, .255 and .0 of the /24s included */
	for (i = 0; i < 5; i++)
		assert_string_equal(leased(p, 100 + i, NULL), order[i]);
	assert_int_equal(pool_lease(p, 200, NULL, &l), POOL_E_EXHAUSTED);
	assert_null(l);
	assert_int_equal(pool_lease(p, 201, NULL, &l), POOL_E_EXHAUSTED);
	pool_get_stats(p, &st);
	assert_int_equal(st.n_ranges, 2);
	assert_int_equal(st.size, 5);
	assert_int_equal(st.in_use, 5);
	assert_int_equal(st.free, 0);
	assert_int_equal(st.failures, 2);
	assert_int_equal(st.leased, 5);
	assert_true(pool_range_get(p, 0, &ri));
	assert_string_equal(str(&ri.begin), "10.0.0.254");
	assert_string_equal(str(&ri.end), "10.0.1.1");
	assert_int_equal(ri.size, 4);
	assert_int_equal(ri.in_use, 4);
	assert_true(pool_range_get(p, 1, &ri));
	assert_string_equal(str(&ri.end), "10.9.0.7");
	assert_false(pool_range_get(p, 2, &ri));
	assert_string_equal(pool_strerror(POOL_E_EXHAUSTED),
			    "no free address in the pool");
	/* a pool named by the policy but given no range: exhausted too */
	p = pool_create(s, AF_INET, "empty");
	assert_int_equal(pool_lease(p, 300, NULL, &l), POOL_E_EXHAUSTED);
	pool_set_free(s);
}

/* Adds FIRST..LAST to P and returns the message (NULL: it went in). */
static const char *try4(struct pool *p, const char *first, const char *last,
			char *err)
{
	struct conf_addr f = ip(first), l;

	if (!last)
		return pool_add_range(p, &f, NULL, err, POOL_ERR_LEN);
	l = ip(last);
	return pool_add_range(p, &f, &l, err, POOL_ERR_LEN);
}

static const char *try6(struct pool *p, const char *prefix, unsigned int plen,
			unsigned int alen, char *err)
{
	struct conf_addr a = pfx(prefix, plen);

	return pool_add_prefix(p, &a, alen, err, POOL_ERR_LEN);
}

static void range_errors(void **state)
{
	struct pool_set *s = pool_set_new();
	struct pool *a = pool4(s, "A", "10.0.0.1", "10.0.0.10");
	struct pool *b = pool_create(s, AF_INET, "B");
	struct pool *v6 = pool6(s, "V6", "2001:db8::", 48, 64);
	struct pool *w6 = pool_create(s, AF_INET6, "W6");
	char err[POOL_ERR_LEN];

	assert_string_equal(try4(a, "10.0.0.10", "10.0.0.20", err),
			    "10.0.0.10-10.0.0.20 overlaps 10.0.0.1-10.0.0.10 "
			    "of this pool A");
	assert_string_equal(try4(b, "10.0.0.5", NULL, err),
			    "10.0.0.5 overlaps 10.0.0.1-10.0.0.10 of pool A");
	assert_string_equal(try4(b, "9.0.0.0", "11.0.0.0", err),
			    "9.0.0.0-11.0.0.0 overlaps 10.0.0.1-10.0.0.10 of "
			    "pool A");
	assert_string_equal(try4(b, "10.0.1.9", "10.0.1.1", err),
			    "last address 10.0.1.1 is below first address "
			    "10.0.1.9");
	assert_string_equal(try6(b, "2001:db8:1::", 48, 64, err),
			    "pool B takes IPv6 prefixes only");
	assert_string_equal(try4(v6, "10.1.0.1", NULL, err),
			    "pool V6 takes IPv4 addresses only");
	/* next to A, not over it */
	assert_null(try4(b, "10.0.0.11", "10.0.0.11", err));
	assert_null(try4(b, "10.0.0.0", NULL, err));
	/* IPv6: a prefix inside another, or around it */
	assert_string_equal(try6(w6, "2001:db8:0:100::", 56, 64, err),
			    "2001:db8:0:100::/56 64 overlaps 2001:db8::/48 64 "
			    "of pool V6");
	assert_string_equal(try6(w6, "2001:db8::", 32, 64, err),
			    "2001:db8::/32 64 overlaps 2001:db8::/48 64 of "
			    "pool V6");
	assert_string_equal(try6(w6, "2001:db8:1::1", 48, 64, err),
			    "2001:db8:1::1/48 has bits set past the prefix "
			    "length");
	assert_string_equal(try6(w6, "2001:db8:1::", 48, 40, err),
			    "assigned length 40 must be 48..128 for "
			    "2001:db8:1::/48");
	assert_string_equal(try6(w6, "2001::", 16, 128, err),
			    "2001::/16 128 makes 2^112 prefixes, at most 2^63");
	assert_null(try6(w6, "2001:db8:1::", 48, 64, err));
	/* IPv4 and IPv6 pools have names of their own */
	assert_ptr_not_equal(pool_find(s, AF_INET6, "A"), a);
	assert_null(pool_find(s, AF_INET6, "A"));
	assert_null(pool_create(s, AF_INET, ""));
	pool_set_free(s);
}

static void requested_address(void **state)
{
	struct pool_set *s = pool_set_new();
	struct pool *p = pool4(s, "P", "172.16.0.1", "172.16.0.20");
	struct conf_addr w6 = ip("2001:db8::1");
	const struct pool_lease *l;
	struct pool_stats st;

	pool4(s, "Q", "172.16.1.1", "172.16.1.20");
	/* free and in the pool: honoured */
	assert_string_equal(leased(p, 1, "172.16.0.9"), "172.16.0.9");
	/* taken: another one */
	assert_string_equal(leased(p, 2, "172.16.0.9"), "172.16.0.1");
	/* outside the pool (in another one, even): refused */
	assert_string_equal(leased(p, 3, "172.16.1.5"), "172.16.0.2");
	assert_string_equal(leased(p, 4, "192.0.2.1"), "172.16.0.3");
	assert_int_equal(pool_lease(p, 5, &w6, &l), POOL_E_FAMILY);
	/* an owner asking again gets its own lease */
	assert_string_equal(leased(p, 1, "172.16.0.19"), "172.16.0.9");
	pool_get_stats(p, &st);
	assert_int_equal(st.want_honoured, 1);
	assert_int_equal(st.want_refused, 3);
	assert_int_equal(st.in_use, 4);
	assert_int_equal(st.failures, 1);
	pool_set_free(s);
}

static void release_and_lease_again(void **state)
{
	struct pool_set *s = pool_set_new();
	struct pool *p = pool4(s, "P", "192.168.5.1", "192.168.5.4");
	struct conf_addr a = ip("192.168.5.2");
	const struct pool_lease *l;
	unsigned int i;

	for (i = 1; i <= 3; i++)
		lease(p, i, NULL);
	assert_string_equal(str(&pool_lease_of(s, 2, AF_INET)->addr),
			    "192.168.5.2");
	assert_int_equal(pool_lease_at(s, &a)->owner, 2);
	assert_true(pool_release_addr(s, &a));
	assert_false(pool_release_addr(s, &a));
	assert_null(pool_lease_of(s, 2, AF_INET));
	assert_null(pool_lease_at(s, &a));
	assert_int_equal(pool_release_owner(s, 1), 1);
	assert_int_equal(pool_release_owner(s, 1), 0);
	/* next fit: the cursor goes on to .4 before the freed ones */
	assert_string_equal(leased(p, 10, NULL), "192.168.5.4");
	assert_string_equal(leased(p, 11, NULL), "192.168.5.1");
	assert_string_equal(leased(p, 12, NULL), "192.168.5.2");
	assert_int_equal(pool_lease(p, 13, NULL, &l), POOL_E_EXHAUSTED);
	/* the leases in the order they were made */
	l = pool_lease_first(p);
	assert_int_equal(l->owner, 3);
	assert_int_equal(pool_lease_next(l)->owner, 10);
	assert_int_equal(pool_lease_next(pool_lease_next(l))->owner, 11);
	pool_set_free(s);
}

static void owners_and_moves(void **state)
{
	struct pool_set *s = pool_set_new();
	struct pool *a = pool4(s, "A", "10.1.0.1", "10.1.0.9");
	struct pool *b = pool4(s, "B", "10.2.0.1", "10.2.0.9");
	struct pool *c = pool6(s, "C", "2001:db8:5::", 48, 64);
	const struct pool_lease *la, *l6, *l;

	la = lease(a, 7, NULL);
	/* one IPv4 lease per owner: not a second from another pool */
	assert_int_equal(pool_lease(b, 7, NULL, &l), POOL_E_OWNER);
	l6 = lease(c, 7, NULL);
	lease(b, 8, NULL);
	assert_ptr_equal(pool_lease_of(s, 7, AF_INET), la);
	assert_ptr_equal(pool_lease_of(s, 7, AF_INET6), l6);
	/* a rekeyed IKE SA: its successor keeps both */
	assert_int_equal(pool_lease_move(s, 7, 70), 2);
	assert_null(pool_lease_of(s, 7, AF_INET));
	assert_ptr_equal(pool_lease_of(s, 70, AF_INET), la);
	assert_ptr_equal(pool_lease_of(s, 70, AF_INET6), l6);
	assert_int_equal(la->owner, 70);
	assert_int_equal(pool_lease_move(s, 70, 70), 2);
	assert_int_equal(pool_lease_move(s, 7, 71), 0);
	/* 8 has an IPv4 lease already: nothing moves */
	assert_int_equal(pool_lease_move(s, 70, 8), POOL_E_OWNER);
	assert_ptr_equal(pool_lease_of(s, 70, AF_INET6), l6);
	assert_int_equal(pool_release_owner(s, 70), 2);
	assert_null(pool_lease_first(a));
	assert_null(pool_lease_first(c));
	assert_int_equal(pool_lease_first(b)->owner, 8);
	pool_set_free(s);
}

static void ipv6_prefixes(void **state)
{
	struct pool_set *s = pool_set_new();
	struct pool *p = pool6(s, "V6", "2001:db8::", 48, 64);
	struct conf_addr in = ip("2001:db8:0:1::abcd");
	struct pool_range_info ri;
	const struct pool_lease *l;

	l = lease(p, 1, NULL);
	assert_string_equal(str(&l->addr), "2001:db8::");
	assert_int_equal(l->addr.plen, 64);
	assert_string_equal(leased(p, 2, NULL), "2001:db8:0:1::");
	/* any address in a prefix finds its lease */
	assert_int_equal(pool_lease_at(s, &in)->owner, 2);
	/* a spoke asking for an address in a free prefix gets the prefix */
	assert_string_equal(leased(p, 3, "2001:db8:0:77::1"),
			    "2001:db8:0:77::");
	assert_string_equal(leased(p, 4, "2001:db8:0:1::9"),
			    "2001:db8:0:2::");
	assert_true(pool_release_addr(s, &in));
	assert_true(pool_range_get(p, 0, &ri));
	assert_string_equal(str(&ri.begin), "2001:db8::");
	assert_int_equal(ri.begin.plen, 48);
	assert_string_equal(str(&ri.end), "2001:db8:0:ffff::");
	assert_int_equal(ri.assigned_len, 64);
	assert_int_equal(ri.size, 65536);
	assert_int_equal(ri.in_use, 3);
	assert_int_equal(ri.free, 65533);
	/* a pool of /126s out of a /124: four, then none */
	p = pool6(s, "small", "2001:db8:ff::", 124, 126);
	assert_string_equal(leased(p, 10, NULL), "2001:db8:ff::");
	assert_string_equal(leased(p, 11, NULL), "2001:db8:ff::4");
	assert_string_equal(leased(p, 12, NULL), "2001:db8:ff::8");
	assert_string_equal(leased(p, 13, NULL), "2001:db8:ff::c");
	assert_int_equal(pool_lease(p, 14, NULL, &l), POOL_E_EXHAUSTED);
	pool_set_free(s);
}

/*
 * The address the hub sends for a prefix: its first host with the
 * prefix's length; a spoke asking for that address again gets the same
 * prefix while it is free, and the host finds the lease.
 */
static void ipv6_prefix_host(void **state)
{
	struct pool_set *s = pool_set_new();
	struct pool *p = pool6(s, "V6", "2001:db8:1::", 48, 64);
	const struct pool_lease *l = lease(p, 1, NULL);
	struct conf_addr h, v4 = ip("10.0.0.1");

	pool_prefix_host(&l->addr, &h);
	assert_string_equal(str(&h), "2001:db8:1::1");
	assert_int_equal(h.plen, 64);
	assert_int_equal(h.family, AF_INET6);
	assert_ptr_equal(pool_lease_at(s, &h), l);
	/* released, then asked for by the host address: the same prefix */
	assert_int_equal(pool_release_owner(s, 1), 1);
	assert_null(pool_lease_at(s, &h));
	l = lease(p, 2, "2001:db8:1::1");
	assert_string_equal(str(&l->addr), "2001:db8:1::");
	assert_int_equal(l->addr.plen, 64);
	/* a /128 lease is its own host; IPv4 is left as it is */
	p = pool6(s, "hosts", "2001:db8:ff::", 120, 128);
	pool_prefix_host(&lease(p, 3, NULL)->addr, &h);
	assert_string_equal(str(&h), "2001:db8:ff::");
	assert_int_equal(h.plen, 128);
	pool_prefix_host(&v4, &h);
	assert_string_equal(str(&h), "10.0.0.1");
	pool_set_free(s);
}

/* Ranges past the bitmap size: the address table is the occupancy. */
static void sparse_ranges(void **state)
{
	struct pool_set *s = pool_set_new();
	struct pool *p = pool4(s, "ten", "10.0.0.0", "10.255.255.255");
	struct pool *q = pool6(s, "v6", "2001:db8::", 32, 64);
	struct conf_addr a = ip("10.0.0.1");
	struct pool_stats st;

	assert_string_equal(leased(p, 1, "10.0.0.1"), "10.0.0.1");
	assert_string_equal(leased(p, 2, NULL), "10.0.0.0");
	assert_string_equal(leased(p, 3, NULL), "10.0.0.2");
	assert_string_equal(leased(p, 4, "10.0.0.1"), "10.0.0.3");
	assert_string_equal(leased(p, 5, "10.200.0.1"),
			    "10.200.0.1");
	assert_true(pool_release_addr(s, &a));
	pool_get_stats(p, &st);
	assert_int_equal(st.size, 1u << 24);
	assert_int_equal(st.in_use, 4);
	assert_string_equal(leased(q, 1, NULL), "2001:db8::");
	assert_string_equal(leased(q, 2, "2001:db8:ffff:ffff::1"),
			    "2001:db8:ffff:ffff::");
	pool_get_stats(q, &st);
	assert_int_equal(st.size, 1ull << 32);
	assert_int_equal(st.in_use, 2);
	pool_set_free(s);
}

/* Every address of a /20 once, none twice, then exhaustion. */
static void fills_a_range(void **state)
{
	struct pool_set *s = pool_set_new();
	struct pool *p = pool4(s, "P", "10.16.0.0", "10.16.15.255");
	uint8_t *seen = calloc(4096, 1);
	const struct pool_lease *l;
	unsigned int i, k;

	assert_non_null(seen);
	for (i = 0; i < 4096; i++) {
		assert_int_equal(pool_lease(p, i, NULL, &l), POOL_OK);
		k = (unsigned int)(l->addr.a[2] & 15) << 8 | l->addr.a[3];
		assert_int_equal(seen[k], 0);
		seen[k] = 1;
	}
	assert_int_equal(pool_lease(p, 5000, NULL, &l), POOL_E_EXHAUSTED);
	assert_int_equal(pool_release_owner(s, 3000), 1);
	assert_int_equal(pool_lease(p, 5000, NULL, &l), POOL_OK);
	assert_int_equal(l->index, 3000);
	free(seen);
	pool_set_free(s);
}

/*
 * A full /16 with one address freed far from the cursor, then one behind
 * it: the search goes through the summary, forward and round.
 */
static void search_wraps(void **state)
{
	struct pool_set *s = pool_set_new();
	struct pool *p = pool4(s, "P", "10.32.0.0", "10.32.255.255");
	const struct pool_lease *l;
	uint64_t i;

	for (i = 0; i < 65536; i++)
		assert_int_equal(pool_lease(p, i, NULL, &l), POOL_OK);
	assert_int_equal(pool_lease(p, 70000, NULL, &l), POOL_E_EXHAUSTED);
	assert_int_equal(pool_release_owner(s, 60000), 1);
	assert_int_equal(pool_lease(p, 70001, NULL, &l), POOL_OK);
	assert_int_equal(l->index, 60000);
	assert_int_equal(pool_release_owner(s, 10), 1);
	assert_int_equal(pool_release_owner(s, 65535), 1);
	assert_int_equal(pool_lease(p, 70002, NULL, &l), POOL_OK);
	assert_int_equal(l->index, 65535);
	assert_int_equal(pool_lease(p, 70003, NULL, &l), POOL_OK);
	assert_string_equal(str(&l->addr), "10.32.0.10");
	assert_int_equal(pool_lease(p, 70004, NULL, &l), POOL_E_EXHAUSTED);
	pool_set_free(s);
}

struct lost {
	unsigned int n;
	uint64_t owners[8];
	char pools[8][POOL_NAME];
};

static void on_lost(void *arg, uint64_t owner, const struct conf_addr *addr,
		    const char *pool)
{
	struct lost *lo = arg;

	assert_true(lo->n < 8);
	lo->owners[lo->n] = owner;
	snprintf(lo->pools[lo->n], POOL_NAME, "%s", pool);
	lo->n++;
}

static void rebuild(void **state)
{
	struct pool_set *old = pool_set_new(), *s = pool_set_new();
	struct pool *a = pool4(old, "A", "10.0.0.1", "10.0.0.100");
	struct pool *b = pool4(old, "B", "10.1.0.1", "10.1.0.10");
	struct pool *c = pool6(old, "C", "2001:db8::", 48, 64);
	const struct pool_lease *keep, *gone, *moved, *l;
	struct lost lo = { 0 };
	struct pool_stats st;

	keep = lease(a, 1, "10.0.0.10");
	gone = lease(a, 2, "10.0.0.90");
	moved = lease(b, 3, "10.1.0.5");
	lease(c, 1, NULL);
	assert_int_equal(pool_lease(b, 9, NULL, &l), POOL_OK);
	assert_int_equal(pool_release_owner(old, 9), 1);
	assert_string_equal(str(&gone->addr), "10.0.0.90");
	/* A shrinks, B is renamed D, C's leases become /56s */
	a = pool4(s, "A", "10.0.0.1", "10.0.0.50");
	pool4(s, "D", "10.1.0.1", "10.1.0.10");
	c = pool6(s, "C", "2001:db8::", 48, 56);
	assert_int_equal(pool_set_rebuild(s, old, on_lost, &lo), 2);
	assert_int_equal(lo.n, 2);
	assert_int_equal(lo.owners[0], 2);
	assert_string_equal(lo.pools[0], "A");
	assert_int_equal(lo.owners[1], 1);
	assert_string_equal(lo.pools[1], "C");
	/* the carried leases are the same objects, now in the new set */
	assert_ptr_equal(pool_lease_of(s, 1, AF_INET), keep);
	assert_string_equal(str(&keep->addr), "10.0.0.10");
	assert_ptr_equal(pool_lease_of(s, 3, AF_INET), moved);
	assert_string_equal(pool_name(moved->pool), "D");
	assert_null(pool_lease_of(s, 2, AF_INET));
	assert_null(pool_lease_of(s, 1, AF_INET6));
	/* a new lease does not take a carried address */
	assert_string_equal(leased(a, 4, "10.0.0.10"), "10.0.0.1");
	pool_get_stats(a, &st);
	assert_int_equal(st.in_use, 2);
	assert_int_equal(st.leased, 3);	/* 2 before the reload, 1 after */
	pool_get_stats(c, &st);
	assert_int_equal(st.in_use, 0);
	pool_set_free(s);
}

static double elapsed_ns(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) * 1e9 +
	       (double)(b->tv_nsec - a->tv_nsec);
}

/*
 * A hub's 10,000 spokes in a /16: lease, find by owner and by address,
 * move (rekey), release; then the same with the pool all but full.
 */
static void measure(const char *what, struct pool_set *s, struct pool *p,
		    uint64_t base)
{
	const struct pool_lease **ls = calloc(HUB, sizeof(*ls));
	struct timespec t[6];
	unsigned int i;
	uintptr_t ok = 0;

	assert_non_null(ls);
	clock_gettime(CLOCK_MONOTONIC, &t[0]);
	for (i = 0; i < HUB; i++)
		ok += pool_lease(p, base + i, NULL, &ls[i]) == POOL_OK;
	clock_gettime(CLOCK_MONOTONIC, &t[1]);
	for (i = 0; i < HUB; i++)
		ok += pool_lease_of(s, base + i, AF_INET) == ls[i];
	clock_gettime(CLOCK_MONOTONIC, &t[2]);
	for (i = 0; i < HUB; i++)
		ok += pool_lease_at(s, &ls[i]->addr) == ls[i];
	clock_gettime(CLOCK_MONOTONIC, &t[3]);
	for (i = 0; i < HUB; i++)
		ok += pool_lease_move(s, base + i, base + HUB + i) == 1;
	clock_gettime(CLOCK_MONOTONIC, &t[4]);
	for (i = 0; i < HUB; i++)
		ok += pool_release_owner(s, base + HUB + i) == 1;
	clock_gettime(CLOCK_MONOTONIC, &t[5]);
	assert_int_equal(ok, 5 * HUB);
	printf("# pool: %u leases, %s: lease %5.0f ns, by owner %4.0f ns, "
	       "by address %4.0f ns, move %4.0f ns, release %4.0f ns\n",
	       HUB, what, elapsed_ns(&t[0], &t[1]) / HUB,
	       elapsed_ns(&t[1], &t[2]) / HUB, elapsed_ns(&t[2], &t[3]) / HUB,
	       elapsed_ns(&t[3], &t[4]) / HUB, elapsed_ns(&t[4], &t[5]) / HUB);
	free(ls);
}

static void timing(void **state)
{
	struct pool_set *s = pool_set_new();
	struct pool *p = pool4(s, "hub", "10.64.0.0", "10.64.255.255");
	const struct pool_lease *l;
	uint64_t i;

	measure("empty /16", s, p, 1000000);
	/*
	 * every second address taken, 20,000 left: the cursor's search
	 * goes through taken words
	 */
	for (i = 0; i < 65536; i++)
		assert_int_equal(pool_lease(p, i, NULL, &l), POOL_OK);
	for (i = 0; i < 65536; i += 2)
		assert_int_equal(pool_release_owner(s, i), 1);
	for (i = 0; i < 32768 - 20000; i++)
		assert_int_equal(pool_lease(p, 2000000 + i, NULL, &l), POOL_OK);
	measure("/16 70% full", s, p, 3000000);
	pool_set_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ranges_to_exhaustion),
		cmocka_unit_test(range_errors),
		cmocka_unit_test(requested_address),
		cmocka_unit_test(release_and_lease_again),
		cmocka_unit_test(owners_and_moves),
		cmocka_unit_test(ipv6_prefixes),
		cmocka_unit_test(ipv6_prefix_host),
		cmocka_unit_test(sparse_ranges),
		cmocka_unit_test(fills_a_range),
		cmocka_unit_test(search_wraps),
		cmocka_unit_test(rebuild),
		cmocka_unit_test(timing),
	};

	return cmocka_run_group_tests_name("pool", tests, NULL, NULL);
}
