// SPDX-License-Identifier: GPL-2.0
/*
 * IKEv2 fragmentation, the receiving side (RFC 7383 2.6): the peer's
 * SKF fragments of one request and one response at a time per IKE SA.
 * Each fragment is checked (numbers in range, the ICV verified and
 * decrypted) before it is kept; duplicates are dropped; a fragment of a
 * newer message replaces the reassembly of an older one; one with more
 * Total Fragments than the message being reassembled starts it again,
 * one with fewer is dropped (2.6.1). A message holds at most
 * IKE_FRAG_MAX fragments and IKE_FRAG_MAX_BYTES, all reassemblies
 * together IKE_FRAG_BUDGET, and an incomplete one is abandoned after
 * IKE_FRAG_TIMEOUT_MS: a half-open SA holds no more than any other.
 */
#include <stdlib.h>
#include <string.h>

#include "algs.h"
#include "crypto.h"
#include "ike_frag.h"
#include "ike_int.h"
#include "net.h"

static size_t held;		/* bytes of all reassemblies */

size_t ike_frag_held(void)
{
	return held;
}

static void reasm_free(struct ike_reasm *r)
{
	unsigned int i;

	if (!r)
		return;
	timer_cancel(&r->timer);
	r->sa->reasm[r->response] = NULL;
	for (i = 0; i < IKE_FRAG_MAX; i++) {
		if (r->part[i])
			explicit_bzero(r->part[i], r->len[i]);
		free(r->part[i]);
	}
	held -= r->bytes;
	free(r);
}

void ike_frag_free(struct ike_sa *sa)
{
	reasm_free(sa->reasm[0]);
	reasm_free(sa->reasm[1]);
}

/* A fragment dropped: COUNTER, the drop counters, the debug line. */
static int fdrop(struct ike_sa *sa, uint64_t *counter, const char *why,
		 const struct ike_msg *m)
{
	struct dctx c;
	char r[64];

	(*counter)++;
	ike_stats.rx_dropped++;
	ike_dctx(sa, &c);
	dbg(DBG_ERROR | DBG_IKEV2, &c, "Dropping fragment %u of message id %u from %s: %s",
	    ike_frag_num(m), m->hdr.msgid, sa_str(&sa->remote, r, sizeof(r)),
	    why);
	trace_exception(&c, "Dropped fragment of message id %u: %s",
			m->hdr.msgid, why);
	return -1;
}

static void reasm_expired(struct timer *t)
{
	struct ike_reasm *r = t->arg;
	struct dctx c;

	ike_frag_stats.timeout++;
	ike_dctx(r->sa, &c);
	dbg(DBG_ERROR | DBG_IKEV2, &c, "Reassembly of message id %u timed out: %u of %u fragments received",
	    r->msgid, r->have, r->total);
	trace_exception(&c, "Reassembly of message id %u abandoned with %u of %u fragments",
			r->msgid, r->have, r->total);
	reasm_free(r);
}

static struct ike_reasm *reasm_new(struct ike_sa *sa, const struct ike_msg *m,
				   uint16_t total)
{
	bool resp = m->hdr.flags & IKE_FLAG_RESPONSE;
	struct ike_reasm *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->sa = sa;
	r->response = resp;
	r->exch = m->hdr.exch;
	r->msgid = m->hdr.msgid;
	r->total = total;
	timer_init(&r->timer, reasm_expired, r);
	timer_arm(&r->timer, IKE_FRAG_TIMEOUT_MS);
	sa->reasm[resp] = r;
	return r;
}

unsigned int ike_frag_num(const struct ike_msg *m)
{
	if (m->n != 1 || m->pl[0].type != IKE_PL_SKF || m->pl[0].len < 4)
		return 0;
	return get16(m->pl[0].body);
}

/* Decrypts fragment M (its ICV verified) into *OUT (malloced), *LEN. */
static int open_frag(struct ike_sa *sa, const struct ike_msg *m,
		     uint8_t **out, size_t *len)
{
	const struct ike_payload *p = &m->pl[0];
	bool from_i = m->hdr.flags & IKE_FLAG_INITIATOR;
	size_t off = (size_t)(p->body - m->raw) + 4;
	uint8_t *plain = malloc(m->raw_len);

	if (!plain)
		return -1;
	if (ike_sk_open(&sa->suite, from_i ? sa->keys.sk_ei : sa->keys.sk_er,
			from_i ? sa->keys.sk_ai : sa->keys.sk_ar, m->raw, off,
			m->raw_len, plain, len)) {
		free(plain);
		return -1;
	}
	*out = plain;
	return 0;
}

/* The checks before the ICV: 0 to go on with *R the reassembly (or
 * NULL for a new one), else dropped. */
static int precheck(struct ike_sa *sa, const struct ike_msg *m,
		    uint16_t num, uint16_t total, struct ike_reasm **rp)
{
	bool resp = m->hdr.flags & IKE_FLAG_RESPONSE;
	struct ike_reasm *r = sa->reasm[resp];
	struct ike_frag_stats *s = &ike_frag_stats;

	if (!sa->frag_on)
		return fdrop(sa, &s->unexpected, "fragmentation was not negotiated", m);
	if (m->pl[0].len < 4 || !num || !total || num > total)
		return fdrop(sa, &s->bad, "fragment number out of range", m);
	if (total > IKE_FRAG_MAX)
		return fdrop(sa, &s->limit, "more fragments than allowed", m);
	if (r && r->msgid != m->hdr.msgid) {
		if (m->hdr.msgid < r->msgid)
			return fdrop(sa, &s->stale, "fragment of an older message", m);
		r = NULL;	/* replaced once this one is verified */
	}
	if (r && total < r->total)
		return fdrop(sa, &s->stale, "fewer Total Fragments than the message being reassembled", m);
	if (r && total == r->total && (r->kept & (1ULL << (num - 1))))
		return fdrop(sa, &s->duplicate, "duplicate", m);
	*rp = r;
	return 0;
}

/* The fragments of R in order, into *OUT; R is freed. */
static int assemble(struct ike_reasm *r, uint8_t **out, size_t *len,
		    uint8_t *np)
{
	struct ike_sa *sa = r->sa;
	uint8_t *p = malloc(r->bytes ? r->bytes : 1);
	size_t off = 0;
	unsigned int i;
	struct dctx c;

	if (!p) {
		reasm_free(r);
		return -1;
	}
	for (i = 0; i < r->total; i++) {
		memcpy(p + off, r->part[i], r->len[i]);
		off += r->len[i];
	}
	*out = p;
	*len = off;
	*np = r->np;
	ike_dctx(sa, &c);
	dbg(DBG_IKEV2, &c, "Reassembled %u fragments: %s message id %u, %zu bytes",
	    r->total, exch_name(r->exch), r->msgid, off);
	ike_frag_stats.reassembled++;
	reasm_free(r);
	return 0;
}

/* Keeps fragment NUM of R (PLAIN, LEN bytes, taken over). */
static int keep(struct ike_sa *sa, struct ike_reasm *r, const struct ike_msg *m,
		unsigned int num, uint8_t *plain, size_t len)
{
	if (r->bytes + len > IKE_FRAG_MAX_BYTES ||
	    held + len > IKE_FRAG_BUDGET) {
		explicit_bzero(plain, len);
		free(plain);
		reasm_free(r);
		return fdrop(sa, &ike_frag_stats.limit,
			     "the message is larger than the reassembly limit", m);
	}
	r->part[num - 1] = plain;
	r->len[num - 1] = len;
	r->kept |= 1ULL << (num - 1);
	r->have++;
	r->bytes += len;
	held += len;
	if (num == 1)
		r->np = m->pl[0].inner_np;
	return 0;
}

int ike_frag_rx(struct ike_sa *sa, const struct ike_msg *m, uint8_t **out,
		size_t *len, uint8_t *np)
{
	bool resp = m->hdr.flags & IKE_FLAG_RESPONSE;
	struct ike_reasm *r = NULL;
	uint16_t num = 0, total = 0;
	uint8_t *plain;
	size_t plen = 0;
	struct dctx c;

	if (m->pl[0].len >= 4) {
		num = get16(m->pl[0].body);
		total = get16(m->pl[0].body + 2);
	}
	ike_frag_stats.rx++;
	if (precheck(sa, m, num, total, &r))
		return -1;
	if (open_frag(sa, m, &plain, &plen))
		return fdrop(sa, &ike_frag_stats.bad, "integrity check or decryption failed", m);
	sa->frag_rx++;
	ike_dctx(sa, &c);
	dbg(DBG_PACKET, &c, "Received fragment %u of %u, message id %u", num,
	    total, m->hdr.msgid);
	if (r && total > r->total) {
		dbg(DBG_IKEV2, &c, "Total Fragments of message id %u went from %u to %u: reassembly starts again",
		    m->hdr.msgid, r->total, total);
		r = NULL;
	}
	if (!r) {
		reasm_free(sa->reasm[resp]);	/* older, or fewer in total */
		r = reasm_new(sa, m, total);
		if (!r) {
			free(plain);
			return -1;
		}
	}
	if (r->exch != m->hdr.exch) {
		explicit_bzero(plain, plen);
		free(plain);
		return fdrop(sa, &ike_frag_stats.bad, "exchange type differs from the other fragments'", m);
	}
	if (keep(sa, r, m, num, plain, plen))
		return -1;
	if (r->have < r->total)
		return 1;
	return assemble(r, out, len, np);
}
