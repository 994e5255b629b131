/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Intrusive hash tables with chaining: the object embeds a struct hnode
 * per table it is in, and the table grows (doubling) as it fills, so a
 * lookup costs O(1) on average at any size. Keys are hashed with a
 * per-process random seed, so that a peer choosing SPIs or addresses
 * cannot aim at one bucket.
 */
#ifndef FLEXSECD_HTAB_H
#define FLEXSECD_HTAB_H

#include <stddef.h>
#include <stdint.h>

struct hnode {
	struct hnode *next;
	uint64_t hash;
};

struct htab {
	struct hnode **b;
	size_t nb;		/* buckets, a power of two (0: empty) */
	size_t n;		/* entries */
};

/* A keyed 64-bit hash of LEN bytes at P (seeded once per process). */
uint64_t htab_hash(const void *p, size_t len);
/* The same over two pieces, for a key of two fields. */
uint64_t htab_hash2(const void *p, size_t len, const void *q, size_t qlen);

/* Adds N under HASH. Returns 0, or -1 when memory ran out (then N is
 * not in the table). */
int htab_add(struct htab *t, struct hnode *n, uint64_t hash);
/* Removes N, which must be in T. */
void htab_del(struct htab *t, struct hnode *n);
void htab_free(struct htab *t);

/* The first node of HASH's bucket; walk with htab_next. */
static inline struct hnode *htab_first(const struct htab *t, uint64_t hash)
{
	struct hnode *n;

	if (!t->nb)
		return NULL;
	for (n = t->b[hash & (t->nb - 1)]; n && n->hash != hash; n = n->next)
		;
	return n;
}

static inline struct hnode *htab_next(const struct hnode *n)
{
	uint64_t hash = n->hash;

	for (n = n->next; n && n->hash != hash; n = n->next)
		;
	return (struct hnode *)n;
}

#define hentry(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

/* Every node of T whose hash is HASH (candidates: compare the key). */
#define htab_for_hash(t, hash, n) \
	for ((n) = htab_first((t), (hash)); (n); (n) = htab_next(n))

#endif /* FLEXSECD_HTAB_H */
