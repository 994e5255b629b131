// SPDX-License-Identifier: GPL-2.0
/*
 * CHILD SA rekeying (RFC 7296 1.3.3, 2.8, 2.8.1), make-before-break:
 * flexsec.ko's soft expiry of an SA starts the rekey; the new pair is
 * installed with its outbound SA switched to in one step, and the old
 * pair stays until its DELETE is answered, so no packet in flight is
 * lost. When both ends rekey the same SA at once, the SA made by the
 * exchange with the lowest of the four nonces is redundant and is
 * deleted by the end that made it.
 */
#include <arpa/inet.h>
#include <string.h>

#include "algs.h"
#include "child_int.h"
#include "kmi.h"
#include "sa_mgr.h"

/* Nonces compared as RFC 7296 2.8.1 says: as octet strings. */
static int nonce_cmp(const uint8_t *a, size_t alen, const uint8_t *b,
		     size_t blen)
{
	int d = memcmp(a, b, alen < blen ? alen : blen);

	if (d)
		return d;
	return alen < blen ? -1 : alen > blen;
}

void child_set_low_nonce(struct child_sa *c, const uint8_t *a, size_t alen,
			 const uint8_t *b, size_t blen)
{
	if (nonce_cmp(b, blen, a, alen) < 0) {
		a = b;
		alen = blen;
	}
	if (alen > sizeof(c->low_nonce))
		alen = sizeof(c->low_nonce);
	memcpy(c->low_nonce, a, alen);
	c->low_nonce_len = alen;
}

static void delete_answered(struct ike_sa *sa, struct ike_request *rq,
			    const struct ike_msg *m)
{
	struct child_sa *c = child_find_in(sa, (uint32_t)(uintptr_t)rq->arg);
	struct dctx dc;

	if (!c)
		return;
	ike_dctx(sa, &dc);
	trace_event(&dc, "IPsec SAs 0x%08X/0x%08X deleted", c->spi_in,
		    c->spi_out);
	child_free(c, true);
}

/* Our outbound traffic leaves C for the newest other pair of its tunnel
 * before C's DELETE goes out, so that nothing is sent on an SA the peer
 * may have removed already. */
static void move_outbound(struct child_sa *c)
{
	struct child_sa *o, *best = NULL;

	for (o = sam_child_if_first(c->ifindex); o; o = sam_child_if_next(o))
		if (o != c && o->installed && o->state == CHILD_ST_INSTALLED &&
		    (!best || o->created > best->created ||
		     (o->created == best->created && o->conn_id > best->conn_id)))
			best = o;
	if (best)
		kmi_sa_activate(D.kmi, best->ifindex, best->spi_out,
				best->ike->session_id);
}

int child_delete_send(struct child_sa *c)
{
	struct ike_sa *sa = c->ike;
	uint32_t spi = htonl(c->spi_in);
	struct msg_builder mb;
	struct dctx dc;
	int err;

	ike_dctx(sa, &dc);
	if (c->state == CHILD_ST_INSTALLED)
		move_outbound(c);
	if (child_set_state(c, CHILD_ST_DELETING))
		return -1;
	dbg(DBG_IKEV2, &dc, "Sending DELETE INFO message for IPsec SA [SPI: 0x%08X]",
	    c->spi_in);
	mb_init(&mb);
	err = ike_add_delete(&mb, IKE_PROTO_ESP, 4, (uint8_t *)&spi, 1);
	if (!err)
		err = ike_send_request(sa, IKE_INFORMATIONAL, &mb, delete_answered,
				       (void *)(uintptr_t)c->spi_in) < 0;
	mb_free(&mb);
	if (err)
		child_free(c, true);
	return err ? -1 : 0;
}

/* A rekey refused for the moment (the peer is rekeying the IKE SA, or
 * this SA from its side) is tried again after REKEY_RETRY_MS and up to as
 * much again at random, before the SA reaches its hard lifetime (RFC 7296
 * 2.25). */
#define REKEY_RETRY_MS	1000

static void retry_due(struct timer *t)
{
	struct child_sa *c = t->arg;

	if (c->state != CHILD_ST_INSTALLED)
		return;
	if (c->ike->state != IKE_ST_READY) {
		timer_arm(t, REKEY_RETRY_MS);
		return;
	}
	child_rekey_start(c);
}

void child_rekey_init(struct child_sa *c)
{
	timer_init(&c->rekey_retry, retry_due, c);
}

int child_rekey_start(struct child_sa *old)
{
	struct ike_sa *sa = old->ike;
	struct dctx dc;

	ike_dctx(sa, &dc);
	if (old->state != CHILD_ST_INSTALLED || sa->state != IKE_ST_READY)
		return -1;
	dbg(DBG_IKEV2, &dc, "Rekeying IPsec SA [SPI: 0x%08X]", old->spi_in);
	trace_event(&dc, "Rekeying IPsec SAs 0x%08X/0x%08X on %s", old->spi_in,
		    old->spi_out, old->ifname);
	if (child_set_state(old, CHILD_ST_REKEYING))
		return -1;
	ike_stats.child_rekeys++;
	if (child_create_send(sa, old)) {
		child_set_state(old, CHILD_ST_INSTALLED);
		DIAG_ERROR(&dc, "Rekeying IPsec SA 0x%08X: CREATE_CHILD_SA could not be sent",
			   old->spi_in);
		return -1;
	}
	return 0;
}

void child_soft_expired(unsigned int ifindex, uint32_t spi, bool inbound)
{
	struct child_sa *c = sam_child_find(ifindex, spi, inbound);

	/* both SAs of a pair expire: the first starts the rekey */
	if (c && c->state == CHILD_ST_INSTALLED)
		child_rekey_start(c);
}

/* A collision: both ends rekeyed OLD. OURS (made by our exchange) and
 * PEERS (by the peer's) are both installed; true when ours is the
 * redundant one. */
static bool ours_redundant(const struct child_sa *ours,
			   const struct child_sa *peers)
{
	return nonce_cmp(ours->low_nonce, ours->low_nonce_len,
			 peers->low_nonce, peers->low_nonce_len) < 0;
}

void child_rekey_done(struct child_sa *nc)
{
	struct child_sa *old = nc->rekey_of;
	struct dctx dc;

	ike_dctx(nc->ike, &dc);
	nc->rekey_of = NULL;
	if (!old) {
		/* the peer deleted the SA while our rekey was out */
		trace_event(&dc, "Rekey of a deleted IPsec SA made 0x%08X: deleting it",
			    nc->spi_in);
		child_delete_send(nc);
		return;
	}
	if (old->peer_new && ours_redundant(nc, old->peer_new)) {
		dbg(DBG_IKEV2, &dc, "Rekey collision for SPI 0x%08X: the peer's rekey wins (lowest nonce in ours)",
		    old->spi_in);
		trace_event(&dc, "Rekey collision for 0x%08X: the peer's SA 0x%08X stays, ours 0x%08X goes",
			    old->spi_in, old->peer_new->spi_in, nc->spi_in);
		ike_stats.child_rekey_collisions++;
		child_set_state(old, CHILD_ST_REKEYED);
		/* NC carries our traffic until the peer deletes OLD: it
		 * installs its own SA before, and we switch to it then */
		old->redundant = nc;
		return;
	}
	if (old->peer_new) {
		dbg(DBG_IKEV2, &dc, "Rekey collision for SPI 0x%08X: our rekey wins; the peer deletes its SA",
		    old->spi_in);
		trace_event(&dc, "Rekey collision for 0x%08X: our SA 0x%08X stays, the peer's 0x%08X goes",
			    old->spi_in, nc->spi_in, old->peer_new->spi_in);
		ike_stats.child_rekey_collisions++;
	}
	trace_event(&dc, "IPsec SAs 0x%08X/0x%08X rekeyed: now 0x%08X/0x%08X",
		    old->spi_in, old->spi_out, nc->spi_in, nc->spi_out);
	child_set_state(old, CHILD_ST_REKEYED);
	child_delete_send(old);
}

void child_gone(struct child_sa *old)
{
	struct child_sa *r = old->redundant;

	old->redundant = NULL;
	if (r && r->state == CHILD_ST_INSTALLED)
		child_delete_send(r);
}

void child_rekey_failed(struct child_sa *old, uint16_t err)
{
	struct dctx dc;

	ike_dctx(old->ike, &dc);
	trace_exception(&dc, "Rekey of IPsec SA 0x%08X failed: %s", old->spi_in,
			err ? notify_name(err) : "no answer");
	if (old->state != CHILD_ST_REKEYING)
		return;
	/* the peer's own rekey of it, if any, replaces it */
	child_set_state(old, old->peer_new ? CHILD_ST_REKEYED :
			CHILD_ST_INSTALLED);
	if (old->state == CHILD_ST_INSTALLED && err == IKE_N_TEMPORARY_FAILURE) {
		dbg(DBG_IKEV2, &dc, "Rekey of IPsec SA 0x%08X refused for now: trying again",
		    old->spi_in);
		timer_arm(&old->rekey_retry,
			  REKEY_RETRY_MS + now_ms() % REKEY_RETRY_MS);
	}
}

uint16_t child_rekey_check(struct ike_sa *sa, uint32_t spi,
			   struct child_sa **old)
{
	struct child_sa *c = child_find_out(sa, spi);
	struct dctx dc;

	ike_dctx(sa, &dc);
	if (!c) {
		dbg(DBG_IKEV2 | DBG_ERROR, &dc, "Rekey request for SPI 0x%08X, which we do not have",
		    spi);
		return IKE_N_CHILD_SA_NOT_FOUND;
	}
	if (c->state != CHILD_ST_INSTALLED && c->state != CHILD_ST_REKEYING) {
		dbg(DBG_IKEV2, &dc, "Rekey request for SPI 0x%08X, which is %s: TEMPORARY_FAILURE",
		    spi, child_state_name(c->state));
		return IKE_N_TEMPORARY_FAILURE;
	}
	*old = c;
	return 0;
}

void child_rekey_taken(struct child_sa *old, struct child_sa *nc)
{
	struct dctx dc;

	ike_dctx(old->ike, &dc);
	nc->rekeys = old->rekeys + 1;
	if (old->state == CHILD_ST_REKEYING) {
		/* ours is out too: the later of the two exchanges decides */
		dbg(DBG_IKEV2, &dc, "Rekey collision for SPI 0x%08X: both ends rekey it",
		    old->spi_in);
		old->peer_new = nc;
		return;
	}
	trace_event(&dc, "IPsec SAs 0x%08X/0x%08X rekeyed by the peer: now 0x%08X/0x%08X",
		    old->spi_in, old->spi_out, nc->spi_in, nc->spi_out);
	child_set_state(old, CHILD_ST_REKEYED);
}
