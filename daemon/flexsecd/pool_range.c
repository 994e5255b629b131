// SPDX-License-Identifier: GPL-2.0
/*
 * The ranges of the local address pools: a lease's index from its
 * address and back (IPv4: FIRST + i; IPv6: the prefix with i in the bits
 * between its length and the assigned length), overlap between ranges,
 * and the bitmap that finds a free lease. The bitmap has a summary, a
 * bit per 64-bit word telling it is full, so a search from the cursor
 * skips 4096 taken leases per word read.
 */

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pool_int.h"

struct u128 {
	uint64_t hi, lo;
};

static uint64_t be64(const uint8_t *p)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static void put_be64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

static struct u128 u128_of(const struct conf_addr *a)
{
	struct u128 v = { be64(a->a), be64(a->a + 8) };

	return v;
}

static struct u128 shr(struct u128 v, unsigned int n)
{
	struct u128 r = v;

	if (n >= 128)
		return (struct u128){ 0, 0 };
	if (n >= 64) {
		r.lo = v.hi >> (n - 64);
		r.hi = 0;
	} else if (n) {
		r.lo = v.lo >> n | v.hi << (64 - n);
		r.hi = v.hi >> n;
	}
	return r;
}

static struct u128 shl(struct u128 v, unsigned int n)
{
	struct u128 r = v;

	if (n >= 128)
		return (struct u128){ 0, 0 };
	if (n >= 64) {
		r.hi = v.lo << (n - 64);
		r.lo = 0;
	} else if (n) {
		r.hi = v.hi << n | v.lo >> (64 - n);
		r.lo = v.lo << n;
	}
	return r;
}

/* Whether the first PLEN bits of A and B are the same. */
static bool same_prefix(const struct conf_addr *a, const struct conf_addr *b,
			unsigned int plen)
{
	struct u128 x = u128_of(a), y = u128_of(b), d;

	if (!plen)
		return true;
	d = shr((struct u128){ x.hi ^ y.hi, x.lo ^ y.lo }, 128 - plen);
	return !d.hi && !d.lo;
}

static uint32_t v4(const struct conf_addr *a)
{
	return (uint32_t)a->a[0] << 24 | (uint32_t)a->a[1] << 16 |
	       (uint32_t)a->a[2] << 8 | a->a[3];
}

static void set_v4(struct conf_addr *a, uint32_t v)
{
	memset(a, 0, sizeof(*a));
	a->family = AF_INET;
	a->plen = 32;
	a->a[0] = (uint8_t)(v >> 24);
	a->a[1] = (uint8_t)(v >> 16);
	a->a[2] = (uint8_t)(v >> 8);
	a->a[3] = (uint8_t)v;
}

/*
 * Trailing bits past SIZE (and summary bits past the words) are set, so
 * the search never stops there.
 */
static int bitmap_init(struct pool_range *r)
{
	unsigned int tail;

	r->n_words = (size_t)((r->size + 63) / 64);
	r->n_sum = (r->n_words + 63) / 64;
	r->bits = calloc(r->n_words, sizeof(*r->bits));
	r->full = calloc(r->n_sum, sizeof(*r->full));
	if (!r->bits || !r->full)
		return -1;
	tail = (unsigned int)(r->size % 64);
	if (tail)
		r->bits[r->n_words - 1] = ~0ull << tail;
	tail = (unsigned int)(r->n_words % 64);
	if (tail)
		r->full[r->n_sum - 1] = ~0ull << tail;
	return 0;
}

struct pool_range *range_new(int family, const struct conf_addr *begin,
			     uint8_t alen, uint64_t size)
{
	struct pool_range *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->family = family;
	r->begin = *begin;
	r->alen = alen;
	r->size = size;
	if (size <= POOL_DENSE_MAX && bitmap_init(r)) {
		range_free(r);
		return NULL;
	}
	return r;
}

void range_free(struct pool_range *r)
{
	if (!r)
		return;
	free(r->bits);
	free(r->full);
	free(r);
}

void range_addr(const struct pool_range *r, uint64_t i, struct conf_addr *a)
{
	struct u128 v, p;

	if (r->family == AF_INET) {
		set_v4(a, v4(&r->begin) + (uint32_t)i);
		return;
	}
	p = u128_of(&r->begin);
	v = shl((struct u128){ 0, i }, 128u - r->alen);
	memset(a, 0, sizeof(*a));
	a->family = AF_INET6;
	a->plen = r->alen;
	put_be64(a->a, p.hi | v.hi);
	put_be64(a->a + 8, p.lo | v.lo);
}

bool range_index(const struct pool_range *r, const struct conf_addr *a,
		 uint64_t *i)
{
	unsigned int bits = r->alen - r->begin.plen;
	struct u128 v;
	uint32_t x;

	if (a->family != r->family)
		return false;
	if (r->family == AF_INET) {
		x = v4(a) - v4(&r->begin);
		if (v4(a) < v4(&r->begin) || x >= r->size)
			return false;
		*i = x;
		return true;
	}
	if (!same_prefix(a, &r->begin, r->begin.plen))
		return false;
	v = shr(u128_of(a), 128u - r->alen);
	*i = bits ? v.lo & (~0ull >> (64 - bits)) : 0;
	return true;
}

bool range_overlap(const struct pool_range *a, const struct pool_range *b)
{
	uint32_t a_end, b_end;
	unsigned int plen;

	if (a->family != b->family)
		return false;
	if (a->family == AF_INET) {
		a_end = v4(&a->begin) + (uint32_t)(a->size - 1);
		b_end = v4(&b->begin) + (uint32_t)(b->size - 1);
		return v4(&a->begin) <= b_end && v4(&b->begin) <= a_end;
	}
	plen = a->begin.plen < b->begin.plen ? a->begin.plen : b->begin.plen;
	return same_prefix(&a->begin, &b->begin, plen);
}

static void bit_set(struct pool_range *r, uint64_t i)
{
	size_t w = (size_t)(i / 64);

	r->bits[w] |= 1ull << (i % 64);
	if (r->bits[w] == ~0ull)
		r->full[w / 64] |= 1ull << (w % 64);
}

static void bit_clear(struct pool_range *r, uint64_t i)
{
	size_t w = (size_t)(i / 64);

	r->full[w / 64] &= ~(1ull << (w % 64));
	r->bits[w] &= ~(1ull << (i % 64));
}

void range_take(struct pool_range *r, uint64_t i)
{
	if (r->bits)
		bit_set(r, i);
	r->used++;
}

void range_put(struct pool_range *r, uint64_t i)
{
	if (r->bits)
		bit_clear(r, i);
	r->used--;
}

bool range_taken(const struct pool_range *r, uint64_t i)
{
	struct conf_addr a;

	if (r->bits)
		return r->bits[i / 64] >> (i % 64) & 1;
	range_addr(r, i, &a);
	return pool_addr_taken(r->pool->set, &a);
}

/* The first word in [FROM, TO) of R's bitmap with a free bit, or TO. */
static size_t free_word(const struct pool_range *r, size_t from, size_t to)
{
	size_t s;
	uint64_t m;

	if (from >= to)
		return to;
	s = from / 64;
	m = ~r->full[s] & (~0ull << (from % 64));
	while (!m) {
		if (++s >= r->n_sum)
			return to;
		m = ~r->full[s];
	}
	s = s * 64 + (size_t)__builtin_ctzll(m);
	return s < to ? s : to;
}

static uint64_t dense_find(const struct pool_range *r)
{
	size_t w = (size_t)(r->cursor / 64);
	uint64_t m = ~r->bits[w] & (~0ull << (r->cursor % 64));

	if (!m) {
		w = free_word(r, w + 1, r->n_words);
		if (w == r->n_words)
			w = free_word(r, 0, r->n_words);
		m = ~r->bits[w];
	}
	return (uint64_t)w * 64 + (uint64_t)__builtin_ctzll(m);
}

/*
 * Sparse: the address table says what is taken; with few leases in a
 * large range the first probes find a free one.
 */
static uint64_t sparse_find(const struct pool_range *r)
{
	uint64_t i = r->cursor, n;

	for (n = 0; n < r->size && range_taken(r, i); n++)
		i = i + 1 < r->size ? i + 1 : 0;
	return i;
}

uint64_t range_find_free(struct pool_range *r)
{
	uint64_t i = r->bits ? dense_find(r) : sparse_find(r);

	r->cursor = i + 1 < r->size ? i + 1 : 0;
	return i;
}

const char *range_str(const struct pool_range *r, char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];
	struct conf_addr last;

	inet_ntop(r->family, r->begin.a, a, sizeof(a));
	if (r->family == AF_INET6) {
		snprintf(buf, len, "%s/%u %u", a, r->begin.plen, r->alen);
		return buf;
	}
	range_addr(r, r->size - 1, &last);
	inet_ntop(AF_INET, last.a, b, sizeof(b));
	if (r->size == 1)
		snprintf(buf, len, "%s", a);
	else
		snprintf(buf, len, "%s-%s", a, b);
	return buf;
}
