// SPDX-License-Identifier: GPL-2.0
/*
 * The SA manager: hash-table indexes over the IKE and CHILD SAs, kept
 * in step as SAs come, learn their SPIs and go, and the counters the
 * call admission control reads, so that no path walks every SA.
 */
#include <netinet/in.h>
#include <string.h>

#include "htab.h"
#include "sa_mgr.h"

static struct {
	struct htab spi, half, peer;		/* IKE SAs */
	struct htab in, out, ifx;		/* CHILD SAs */
	struct ike_sa *all;
	unsigned int n, negotiating[2];
} M;

/* The address part of SS as key bytes (the port is not part of it). */
static size_t addr_key(const struct sockaddr_storage *ss, const void **p)
{
	if (ss->ss_family == AF_INET6) {
		*p = &((const struct sockaddr_in6 *)ss)->sin6_addr;
		return 16;
	}
	*p = &((const struct sockaddr_in *)ss)->sin_addr;
	return 4;
}

static uint64_t hash_addr(const struct sockaddr_storage *ss)
{
	const void *p;
	size_t n = addr_key(ss, &p);

	return htab_hash(p, n);
}

static uint64_t hash_half(uint64_t spi_i, const struct sockaddr_storage *ss)
{
	const void *p;
	size_t n = addr_key(ss, &p);

	return htab_hash2(&spi_i, sizeof(spi_i), p, n);
}

static uint64_t local_spi(const struct ike_sa *sa)
{
	return sa->initiator ? sa->spi_i : sa->spi_r;
}

static uint64_t hash_spi(uint64_t spi, bool initiator)
{
	uint64_t k[2] = { spi, initiator };

	return htab_hash(k, sizeof(k));
}

static bool same_addr(const struct sockaddr_storage *a,
		      const struct sockaddr_storage *b)
{
	const void *p, *q;
	size_t n = addr_key(a, &p);

	return a->ss_family == b->ss_family && addr_key(b, &q) == n &&
	       !memcmp(p, q, n);
}

static bool negotiating(enum ike_state st)
{
	return st < IKE_ST_READY;
}

int sam_add(struct ike_sa *sa)
{
	if (htab_add(&M.spi, &sa->h_spi, hash_spi(local_spi(sa), sa->initiator)))
		return -1;
	if (htab_add(&M.peer, &sa->h_peer, hash_addr(&sa->remote))) {
		htab_del(&M.spi, &sa->h_spi);
		return -1;
	}
	if (!sa->initiator &&
	    htab_add(&M.half, &sa->h_half, hash_half(sa->spi_i, &sa->remote))) {
		htab_del(&M.spi, &sa->h_spi);
		htab_del(&M.peer, &sa->h_peer);
		return -1;
	}
	sa->prev = NULL;
	sa->next = M.all;
	if (M.all)
		M.all->prev = sa;
	M.all = sa;
	M.n++;
	if (negotiating(sa->state))
		M.negotiating[sa->initiator]++;
	sa->indexed = true;
	return 0;
}

void sam_move(struct ike_sa *sa, const struct sockaddr_storage *remote)
{
	if (!sa->indexed) {
		sa->remote = *remote;
		return;
	}
	htab_del(&M.peer, &sa->h_peer);
	if (!sa->initiator)
		htab_del(&M.half, &sa->h_half);
	sa->remote = *remote;
	/* The tables lost an entry each: adding it back needs no memory. */
	htab_add(&M.peer, &sa->h_peer, hash_addr(&sa->remote));
	if (!sa->initiator)
		htab_add(&M.half, &sa->h_half, hash_half(sa->spi_i, &sa->remote));
}

void sam_remove(struct ike_sa *sa)
{
	if (!sa->indexed)
		return;
	htab_del(&M.spi, &sa->h_spi);
	htab_del(&M.peer, &sa->h_peer);
	if (!sa->initiator)
		htab_del(&M.half, &sa->h_half);
	if (sa->prev)
		sa->prev->next = sa->next;
	else
		M.all = sa->next;
	if (sa->next)
		sa->next->prev = sa->prev;
	sa->next = sa->prev = NULL;
	M.n--;
	if (negotiating(sa->state))
		M.negotiating[sa->initiator]--;
	sa->indexed = false;
}

void sam_state(struct ike_sa *sa, enum ike_state st)
{
	if (!sa->indexed)
		return;
	if (negotiating(sa->state) && !negotiating(st))
		M.negotiating[sa->initiator]--;
	else if (!negotiating(sa->state) && negotiating(st))
		M.negotiating[sa->initiator]++;
}

bool sam_spi_used(uint64_t spi, bool initiator)
{
	struct hnode *n;

	htab_for_hash(&M.spi, hash_spi(spi, initiator), n) {
		struct ike_sa *sa = hentry(n, struct ike_sa, h_spi);

		if (sa->initiator == initiator && local_spi(sa) == spi)
			return true;
	}
	return false;
}

struct ike_sa *sam_find(uint64_t spi_i, uint64_t spi_r, bool initiator)
{
	uint64_t mine = initiator ? spi_i : spi_r;
	struct hnode *n;

	htab_for_hash(&M.spi, hash_spi(mine, initiator), n) {
		struct ike_sa *sa = hentry(n, struct ike_sa, h_spi);

		if (sa->initiator == initiator && sa->spi_i == spi_i &&
		    sa->spi_r == spi_r && sa->state != IKE_ST_DEAD)
			return sa;
	}
	return NULL;
}

struct ike_sa *sam_find_half(uint64_t spi_i,
			     const struct sockaddr_storage *remote)
{
	struct hnode *n;

	htab_for_hash(&M.half, hash_half(spi_i, remote), n) {
		struct ike_sa *sa = hentry(n, struct ike_sa, h_half);

		if (sa->spi_i == spi_i && same_addr(&sa->remote, remote) &&
		    sa->state != IKE_ST_DEAD)
			return sa;
	}
	return NULL;
}

static struct ike_sa *peer_from(struct hnode *n,
				const struct sockaddr_storage *remote)
{
	for (; n; n = htab_next(n)) {
		struct ike_sa *sa = hentry(n, struct ike_sa, h_peer);

		if (same_addr(&sa->remote, remote) && sa->state != IKE_ST_DEAD)
			return sa;
	}
	return NULL;
}

struct ike_sa *sam_peer_first(const struct sockaddr_storage *remote)
{
	return peer_from(htab_first(&M.peer, hash_addr(remote)), remote);
}

struct ike_sa *sam_peer_next(const struct ike_sa *sa,
			     const struct sockaddr_storage *remote)
{
	return peer_from(htab_next(&sa->h_peer), remote);
}

unsigned int sam_count(void)
{
	return M.n;
}

unsigned int sam_negotiating(bool initiator)
{
	return M.negotiating[initiator];
}

struct ike_sa *sam_first(void)
{
	return M.all;
}

/* --- CHILD SAs --- */

static uint64_t hash_child(unsigned int ifindex, uint32_t spi)
{
	uint32_t k[2] = { ifindex, spi };

	return htab_hash(k, sizeof(k));
}

static uint64_t hash_if(unsigned int ifindex)
{
	return htab_hash(&ifindex, sizeof(ifindex));
}

int sam_child_add(struct child_sa *c)
{
	if (htab_add(&M.in, &c->h_in, hash_child(c->ifindex, c->spi_in)))
		return -1;
	if (htab_add(&M.ifx, &c->h_if, hash_if(c->ifindex))) {
		htab_del(&M.in, &c->h_in);
		return -1;
	}
	c->indexed = true;
	return 0;
}

int sam_child_set_out(struct child_sa *c, uint32_t spi_out)
{
	if (c->indexed_out)
		htab_del(&M.out, &c->h_out);
	c->indexed_out = false;
	c->spi_out = spi_out;
	if (!c->indexed ||
	    htab_add(&M.out, &c->h_out, hash_child(c->ifindex, spi_out)))
		return -1;
	c->indexed_out = true;
	return 0;
}

void sam_child_remove(struct child_sa *c)
{
	if (c->indexed_out)
		htab_del(&M.out, &c->h_out);
	if (c->indexed) {
		htab_del(&M.in, &c->h_in);
		htab_del(&M.ifx, &c->h_if);
	}
	c->indexed = c->indexed_out = false;
}

struct child_sa *sam_child_find(unsigned int ifindex, uint32_t spi,
				bool inbound)
{
	struct hnode *n;

	htab_for_hash(inbound ? &M.in : &M.out, hash_child(ifindex, spi), n) {
		struct child_sa *c = inbound ? hentry(n, struct child_sa, h_in) :
					       hentry(n, struct child_sa, h_out);

		if (c->ifindex == ifindex &&
		    (inbound ? c->spi_in : c->spi_out) == spi)
			return c;
	}
	return NULL;
}

static struct child_sa *if_from(struct hnode *n, unsigned int ifindex)
{
	for (; n; n = htab_next(n)) {
		struct child_sa *c = hentry(n, struct child_sa, h_if);

		if (c->ifindex == ifindex)
			return c;
	}
	return NULL;
}

struct child_sa *sam_child_if_first(unsigned int ifindex)
{
	return if_from(htab_first(&M.ifx, hash_if(ifindex)), ifindex);
}

struct child_sa *sam_child_if_next(const struct child_sa *c)
{
	return if_from(htab_next(&c->h_if), c->ifindex);
}

void sam_fini(void)
{
	htab_free(&M.spi);
	htab_free(&M.half);
	htab_free(&M.peer);
	htab_free(&M.in);
	htab_free(&M.out);
	htab_free(&M.ifx);
	memset(&M, 0, sizeof(M));
}
