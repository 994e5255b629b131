// SPDX-License-Identifier: GPL-2.0
/*
 * Intrusive hash tables: chaining, doubling at a load factor of 2, and a
 * keyed hash (a multiply-xorshift mix of 64-bit words, seeded from the
 * kernel's random source once).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "htab.h"

#define HTAB_MIN	64

static uint64_t seed;
static bool seeded;

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 31;
	return h;
}

static uint64_t absorb(uint64_t h, const void *p, size_t len)
{
	const uint8_t *s = p;
	uint64_t v;

	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&v, s, 8);
		h = mix(h, v);
	}
	if (len) {
		v = 0;
		memcpy(&v, s, len);
		h = mix(h, v ^ ((uint64_t)len << 56));
	}
	return h;
}

static uint64_t start(void)
{
	if (!seeded) {
		if (getrandom(&seed, sizeof(seed), 0) != sizeof(seed))
			seed = (uint64_t)(uintptr_t)&seed ^ 0x243f6a8885a308d3ull;
		seeded = true;
	}
	return seed;
}

static uint64_t finish(uint64_t h)
{
	h ^= h >> 33;
	h *= 0x94d049bb133111ebull;
	return h ^ (h >> 29);
}

uint64_t htab_hash(const void *p, size_t len)
{
	return finish(absorb(start(), p, len));
}

uint64_t htab_hash2(const void *p, size_t len, const void *q, size_t qlen)
{
	return finish(absorb(absorb(start(), p, len), q, qlen));
}

static int grow(struct htab *t)
{
	size_t nb = t->nb ? t->nb * 2 : HTAB_MIN, i;
	struct hnode **b = calloc(nb, sizeof(*b));

	if (!b)
		return -1;
	for (i = 0; i < t->nb; i++) {
		struct hnode *n = t->b[i], *next;

		for (; n; n = next) {
			next = n->next;
			n->next = b[n->hash & (nb - 1)];
			b[n->hash & (nb - 1)] = n;
		}
	}
	free(t->b);
	t->b = b;
	t->nb = nb;
	return 0;
}

int htab_add(struct htab *t, struct hnode *n, uint64_t hash)
{
	struct hnode **head;

	if ((t->n >= 2 * t->nb) && grow(t) && !t->nb)
		return -1;
	n->hash = hash;
	head = &t->b[hash & (t->nb - 1)];
	n->next = *head;
	*head = n;
	t->n++;
	return 0;
}

void htab_del(struct htab *t, struct hnode *n)
{
	struct hnode **pp;

	if (!t->nb)
		return;
	for (pp = &t->b[n->hash & (t->nb - 1)]; *pp; pp = &(*pp)->next)
		if (*pp == n) {
			*pp = n->next;
			n->next = NULL;
			t->n--;
			return;
		}
}

void htab_free(struct htab *t)
{
	free(t->b);
	memset(t, 0, sizeof(*t));
}
