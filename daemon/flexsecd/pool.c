// SPDX-License-Identifier: GPL-2.0
/*
 * Local address pools: sets of named pools, their ranges as the
 * configuration gives them, and the leases, each in two hash tables of
 * its set (by owner and family, by address) and on its pool's list. The
 * ranges themselves are in pool_range.c.
 */

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pool_int.h"

static uint64_t name_hash(int family, const char *name)
{
	uint8_t f = (uint8_t)family;

	return htab_hash2(&f, 1, name, strlen(name));
}

static uint64_t owner_hash(uint64_t owner, int family)
{
	uint8_t f = (uint8_t)family;

	return htab_hash2(&owner, sizeof(owner), &f, 1);
}

static uint64_t addr_hash(const struct conf_addr *a)
{
	uint8_t f = (uint8_t)a->family;

	return htab_hash2(&f, 1, a->a, sizeof(a->a));
}

/*
 * A (IPv4 or IPv6, host or prefix) as a key: the address bytes alone,
 * zero past its family's length.
 */
static void key_of(const struct conf_addr *a, struct conf_addr *k)
{
	memset(k, 0, sizeof(*k));
	k->family = a->family;
	memcpy(k->a, a->a, a->family == AF_INET ? 4 : 16);
	k->plen = a->family == AF_INET ? 32 : 128;
}

struct pool_set *pool_set_new(void)
{
	return calloc(1, sizeof(struct pool_set));
}

static void lease_unlink(struct pool_lease *l)
{
	struct pool *p = l->pool;

	if (l->prev)
		l->prev->next = l->next;
	else
		p->leases = l->next;
	if (l->next)
		l->next->prev = l->prev;
	else
		p->leases_last = l->prev;
	l->prev = l->next = NULL;
}

static void lease_link(struct pool *p, struct pool_lease *l)
{
	l->pool = p;
	l->prev = p->leases_last;
	l->next = NULL;
	if (p->leases_last)
		p->leases_last->next = l;
	else
		p->leases = l;
	p->leases_last = l;
}

static void pool_destroy(struct pool *p)
{
	struct pool_range *r, *rn;
	struct pool_lease *l, *ln;

	for (l = p->leases; l; l = ln) {
		ln = l->next;
		free(l);
	}
	for (r = p->ranges; r; r = rn) {
		rn = r->next;
		range_free(r);
	}
	free(p);
}

void pool_set_free(struct pool_set *s)
{
	struct pool *p, *pn;

	if (!s)
		return;
	for (p = s->pools; p; p = pn) {
		pn = p->next;
		pool_destroy(p);
	}
	htab_free(&s->by_name);
	htab_free(&s->by_owner);
	htab_free(&s->by_addr);
	free(s);
}

struct pool *pool_find(const struct pool_set *s, int family,
		       const char *name)
{
	struct hnode *n;

	htab_for_hash(&s->by_name, name_hash(family, name), n) {
		struct pool *p = hentry(n, struct pool, by_name);

		if (p->family == family && !strcmp(p->name, name))
			return p;
	}
	return NULL;
}

struct pool *pool_create(struct pool_set *s, int family, const char *name)
{
	struct pool *p;

	if (!*name || strlen(name) >= POOL_NAME ||
	    (family != AF_INET && family != AF_INET6))
		return NULL;
	p = pool_find(s, family, name);
	if (p)
		return p;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	strcpy(p->name, name);
	p->family = family;
	p->set = s;
	if (htab_add(&s->by_name, &p->by_name, name_hash(family, name))) {
		free(p);
		return NULL;
	}
	if (s->pools_last)
		s->pools_last->next = p;
	else
		s->pools = p;
	s->pools_last = p;
	return p;
}

struct pool *pool_first(const struct pool_set *s)
{
	return s->pools;
}

struct pool *pool_next(const struct pool *p)
{
	return p->next;
}

const char *pool_name(const struct pool *p)
{
	return p->name;
}

int pool_family(const struct pool *p)
{
	return p->family;
}

/* The message when R overlaps a range of the set, else NULL. */
static const char *overlap(const struct pool *p, const struct pool_range *r,
			   char *err, size_t len)
{
	char a[96], b[96];
	const struct pool_range *o;
	const struct pool *q;

	for (q = p->set->pools; q; q = q->next)
		for (o = q->ranges; o; o = o->next) {
			if (!range_overlap(r, o))
				continue;
			snprintf(err, len, "%s overlaps %s of %s%s",
				 range_str(r, a, sizeof(a)),
				 range_str(o, b, sizeof(b)),
				 q == p ? "this pool " : "pool ", q->name);
			return err;
		}
	return NULL;
}

/* Adds R to P unless it overlaps; frees it when it does not go in. */
static const char *add(struct pool *p, struct pool_range *r, char *err,
		       size_t len)
{
	if (!r) {
		snprintf(err, len, "out of memory for pool %s", p->name);
		return err;
	}
	if (overlap(p, r, err, len)) {
		range_free(r);
		return err;
	}
	r->pool = p;
	if (p->ranges_last)
		p->ranges_last->next = r;
	else
		p->ranges = r;
	p->ranges_last = r;
	p->st.n_ranges++;
	return NULL;
}

const char *pool_add_range(struct pool *p, const struct conf_addr *first,
			   const struct conf_addr *last, char *err,
			   size_t len)
{
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];
	struct conf_addr f, l;
	uint64_t lo, hi;

	if (p->family != AF_INET || first->family != AF_INET ||
	    (last && last->family != AF_INET)) {
		snprintf(err, len, "pool %s takes IPv4 addresses only",
			 p->name);
		return err;
	}
	key_of(first, &f);
	key_of(last ? last : first, &l);
	lo = (uint64_t)f.a[0] << 24 | f.a[1] << 16 | f.a[2] << 8 | f.a[3];
	hi = (uint64_t)l.a[0] << 24 | l.a[1] << 16 | l.a[2] << 8 | l.a[3];
	if (hi < lo) {
		inet_ntop(AF_INET, f.a, a, sizeof(a));
		inet_ntop(AF_INET, l.a, b, sizeof(b));
		snprintf(err, len, "last address %s is below first address %s",
			 b, a);
		return err;
	}
	return add(p, range_new(AF_INET, &f, 32, hi - lo + 1), err, len);
}

static bool host_bits_clear(const struct conf_addr *a)
{
	unsigned int i;

	for (i = a->plen; i < 128; i++)
		if (a->a[i / 8] & (0x80 >> (i % 8)))
			return false;
	return true;
}

const char *pool_add_prefix(struct pool *p, const struct conf_addr *prefix,
			    unsigned int alen, char *err, size_t len)
{
	char a[INET6_ADDRSTRLEN];
	struct conf_addr k;

	if (p->family != AF_INET6 || prefix->family != AF_INET6) {
		snprintf(err, len, "pool %s takes IPv6 prefixes only",
			 p->name);
		return err;
	}
	inet_ntop(AF_INET6, prefix->a, a, sizeof(a));
	if (alen < prefix->plen || alen > 128) {
		snprintf(err, len, "assigned length %u must be %u..128 for "
			 "%s/%u", alen, prefix->plen, a, prefix->plen);
		return err;
	}
	if (alen - prefix->plen > POOL_V6_BITS_MAX) {
		snprintf(err, len, "%s/%u %u makes 2^%u prefixes, at most "
			 "2^%u", a, prefix->plen, alen, alen - prefix->plen,
			 POOL_V6_BITS_MAX);
		return err;
	}
	if (!host_bits_clear(prefix)) {
		snprintf(err, len, "%s/%u has bits set past the prefix "
			 "length", a, prefix->plen);
		return err;
	}
	key_of(prefix, &k);
	k.plen = prefix->plen;
	return add(p, range_new(AF_INET6, &k, (uint8_t)alen,
				1ull << (alen - prefix->plen)), err, len);
}

static struct pool_lease *by_addr(const struct pool_set *s,
				  const struct conf_addr *key)
{
	struct hnode *n;

	htab_for_hash(&s->by_addr, addr_hash(key), n) {
		struct pool_lease *l = hentry(n, struct pool_lease, by_addr);

		if (l->addr.family == key->family &&
		    !memcmp(l->addr.a, key->a, sizeof(key->a)))
			return l;
	}
	return NULL;
}

bool pool_addr_taken(const struct pool_set *s, const struct conf_addr *a)
{
	struct conf_addr k;

	key_of(a, &k);
	return by_addr(s, &k);
}

static struct pool_lease *by_owner(const struct pool_set *s, uint64_t owner,
				   int family)
{
	struct hnode *n;

	htab_for_hash(&s->by_owner, owner_hash(owner, family), n) {
		struct pool_lease *l = hentry(n, struct pool_lease, by_owner);

		if (l->owner == owner && l->addr.family == family)
			return l;
	}
	return NULL;
}

const struct pool_lease *pool_lease_of(const struct pool_set *s,
				       uint64_t owner, int family)
{
	return by_owner(s, owner, family);
}

/* The range of S (of any pool) that holds A, and A's index there. */
static struct pool_range *range_of(const struct pool_set *s,
				   const struct conf_addr *a, uint64_t *i)
{
	struct pool_range *r;
	struct pool *p;

	for (p = s->pools; p; p = p->next)
		for (r = p->ranges; r; r = r->next)
			if (range_index(r, a, i))
				return r;
	return NULL;
}

const struct pool_lease *pool_lease_at(const struct pool_set *s,
				       const struct conf_addr *a)
{
	struct pool_lease *l;
	struct pool_range *r;
	struct conf_addr k;
	uint64_t i;

	if (a->family != AF_INET && a->family != AF_INET6)
		return NULL;
	key_of(a, &k);
	l = by_addr(s, &k);
	if (l || a->family == AF_INET)
		return l;
	/* an address inside an IPv6 lease: its prefix */
	r = range_of(s, a, &i);
	if (!r)
		return NULL;
	range_addr(r, i, &k);
	return by_addr(s, &k);
}

/* Lease I of R to OWNER: the bit, the tables, the pool's list. */
static struct pool_lease *lease_make(struct pool_range *r, uint64_t i,
				     uint64_t owner)
{
	struct pool_set *s = r->pool->set;
	struct pool_lease *l = calloc(1, sizeof(*l));

	if (!l)
		return NULL;
	l->owner = owner;
	l->range = r;
	l->index = i;
	l->since = time(NULL);
	range_addr(r, i, &l->addr);
	if (htab_add(&s->by_owner, &l->by_owner,
		     owner_hash(owner, r->family))) {
		free(l);
		return NULL;
	}
	if (htab_add(&s->by_addr, &l->by_addr, addr_hash(&l->addr))) {
		htab_del(&s->by_owner, &l->by_owner);
		free(l);
		return NULL;
	}
	range_take(r, i);
	lease_link(r->pool, l);
	r->pool->st.leased++;
	return l;
}

/* The range and index for WANT in P when it is there and free. */
static struct pool_range *wanted(struct pool *p, const struct conf_addr *want,
				 uint64_t *i)
{
	struct pool_range *r;

	for (r = p->ranges; r; r = r->next)
		if (range_index(r, want, i))
			return range_taken(r, *i) ? NULL : r;
	return NULL;
}

static struct pool_range *with_free(struct pool *p)
{
	struct pool_range *r;

	for (r = p->ranges; r; r = r->next)
		if (r->used < r->size)
			return r;
	return NULL;
}

static int lease_fail(struct pool *p, int err)
{
	p->st.failures++;
	return err;
}

int pool_lease(struct pool *p, uint64_t owner, const struct conf_addr *want,
	       const struct pool_lease **out)
{
	struct pool_lease *l = by_owner(p->set, owner, p->family);
	struct pool_range *r = NULL;
	uint64_t i = 0;

	*out = NULL;
	if (l && l->pool != p)
		return lease_fail(p, POOL_E_OWNER);
	if (l) {
		*out = l;
		return POOL_OK;
	}
	if (want && want->family && want->family != p->family)
		return lease_fail(p, POOL_E_FAMILY);
	if (want && want->family) {
		r = wanted(p, want, &i);
		if (r)
			p->st.want_honoured++;
		else
			p->st.want_refused++;
	}
	if (!r) {
		r = with_free(p);
		if (!r)
			return lease_fail(p, POOL_E_EXHAUSTED);
		i = range_find_free(r);
	}
	l = lease_make(r, i, owner);
	if (!l)
		return lease_fail(p, POOL_E_NOMEM);
	*out = l;
	return POOL_OK;
}

static void lease_drop(struct pool_lease *l)
{
	struct pool_set *s = l->pool->set;

	htab_del(&s->by_owner, &l->by_owner);
	htab_del(&s->by_addr, &l->by_addr);
	range_put(l->range, l->index);
	lease_unlink(l);
	free(l);
}

unsigned int pool_release_owner(struct pool_set *s, uint64_t owner)
{
	static const int fams[] = { AF_INET, AF_INET6 };
	struct pool_lease *l;
	unsigned int i, n = 0;

	for (i = 0; i < 2; i++) {
		l = by_owner(s, owner, fams[i]);
		if (l) {
			lease_drop(l);
			n++;
		}
	}
	return n;
}

bool pool_release_addr(struct pool_set *s, const struct conf_addr *a)
{
	struct pool_lease *l = (struct pool_lease *)pool_lease_at(s, a);

	if (l)
		lease_drop(l);
	return l;
}

static void rehome(struct pool_set *s, struct pool_lease *l, uint64_t owner)
{
	htab_del(&s->by_owner, &l->by_owner);
	l->owner = owner;
	/* a node taken out can always go back: the table does not shrink */
	htab_add(&s->by_owner, &l->by_owner, owner_hash(owner, l->addr.family));
}

int pool_lease_move(struct pool_set *s, uint64_t old_owner,
		    uint64_t new_owner)
{
	struct pool_lease *v4 = by_owner(s, old_owner, AF_INET);
	struct pool_lease *v6 = by_owner(s, old_owner, AF_INET6);
	int n = 0;

	if (old_owner == new_owner)
		return (v4 != NULL) + (v6 != NULL);
	if ((v4 && by_owner(s, new_owner, AF_INET)) ||
	    (v6 && by_owner(s, new_owner, AF_INET6)))
		return POOL_E_OWNER;
	if (v4) {
		rehome(s, v4, new_owner);
		n++;
	}
	if (v6) {
		rehome(s, v6, new_owner);
		n++;
	}
	return n;
}

bool pool_range_get(const struct pool *p, unsigned int i,
		    struct pool_range_info *ri)
{
	const struct pool_range *r = p->ranges;

	for (; r && i; i--)
		r = r->next;
	if (!r)
		return false;
	memset(ri, 0, sizeof(*ri));
	ri->begin = r->begin;
	range_addr(r, r->size - 1, &ri->end);
	ri->assigned_len = r->alen;
	ri->size = r->size;
	ri->in_use = r->used;
	ri->free = r->size - r->used;
	return true;
}

void pool_get_stats(const struct pool *p, struct pool_stats *st)
{
	const struct pool_range *r;

	*st = p->st;
	for (r = p->ranges; r; r = r->next) {
		st->size += r->size;
		st->in_use += r->used;
	}
	st->free = st->size - st->in_use;
}

const struct pool_lease *pool_lease_first(const struct pool *p)
{
	return p->leases;
}

const struct pool_lease *pool_lease_next(const struct pool_lease *l)
{
	return l->next;
}

void pool_prefix_host(const struct conf_addr *prefix, struct conf_addr *host)
{
	*host = *prefix;
	if (prefix->family == AF_INET6 && prefix->plen < 128)
		host->a[15] |= 1;
}

const char *pool_strerror(int err)
{
	switch (err) {
	case POOL_OK:
		return "ok";
	case POOL_E_EXHAUSTED:
		return "no free address in the pool";
	case POOL_E_NOMEM:
		return "out of memory";
	case POOL_E_OWNER:
		return "the owner holds an address of another pool";
	case POOL_E_FAMILY:
		return "requested address of the wrong family";
	}
	return "unknown error";
}

/* Moves L (taken out of its old set) into the range of S holding it. */
static bool carry(struct pool_set *s, struct pool_lease *l)
{
	struct pool_range *r;
	uint64_t i;

	r = range_of(s, &l->addr, &i);
	if (!r || r->alen != l->addr.plen || range_taken(r, i) ||
	    by_owner(s, l->owner, l->addr.family))
		return false;
	if (htab_add(&s->by_owner, &l->by_owner,
		     owner_hash(l->owner, l->addr.family)))
		return false;
	if (htab_add(&s->by_addr, &l->by_addr, addr_hash(&l->addr))) {
		htab_del(&s->by_owner, &l->by_owner);
		return false;
	}
	l->range = r;
	l->index = i;
	range_take(r, i);
	lease_link(r->pool, l);
	return true;
}

static void carry_counters(struct pool_set *s, const struct pool *old)
{
	struct pool *p = pool_find(s, old->family, old->name);

	if (!p)
		return;
	p->st.leased += old->st.leased;
	p->st.failures += old->st.failures;
	p->st.want_honoured += old->st.want_honoured;
	p->st.want_refused += old->st.want_refused;
}

unsigned int pool_set_rebuild(struct pool_set *new_set,
			      struct pool_set *old_set, pool_lost_fn lost,
			      void *arg)
{
	struct pool_lease *l, *ln;
	unsigned int n_lost = 0;
	struct pool *p;

	for (p = old_set->pools; p; p = p->next) {
		carry_counters(new_set, p);
		for (l = p->leases; l; l = ln) {
			ln = l->next;
			htab_del(&old_set->by_owner, &l->by_owner);
			htab_del(&old_set->by_addr, &l->by_addr);
			range_put(l->range, l->index);
			lease_unlink(l);
			if (carry(new_set, l))
				continue;
			n_lost++;
			if (lost)
				lost(arg, l->owner, &l->addr, p->name);
			free(l);
		}
	}
	pool_set_free(old_set);
	return n_lost;
}
