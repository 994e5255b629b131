// SPDX-License-Identifier: GPL-2.0
/*
 * IKE SA rekeying (RFC 7296 1.3.2, 2.8, 2.18), as initiator and as
 * responder: a CREATE_CHILD_SA exchange on the old IKE SA with an SA
 * payload of IKE proposals (the new SPI), nonces and a new key exchange;
 * SKEYSEED of the new SA comes from SK_d of the old. The new SA takes over
 * the tunnel, the identities and every CHILD SA, and the old one is
 * deleted. When both ends rekey at once, the SA made by the exchange with
 * the lowest nonce is redundant and deleted by its initiator (2.8.1).
 */
#include <endian.h>
#include <stdlib.h>
#include <string.h>

#include "algs.h"
#include "crypto.h"
#include "ike_int.h"
#include "natt.h"
#include "proposal.h"
#include "sa_mgr.h"
#include "tunnel.h"

#define REKEY_NONCE_LEN	32
#define RETRY_MS	2000	/* a rekey that cannot start now */
#define LINGER_MS	60000	/* a replaced SA the peer does not delete */

/* Whether OURS accept the peer's IKE proposal RP, which carries an SPI
 * (ike_select_proposal takes the SPI-less ones of IKE_SA_INIT). */
static bool select_rekey(const struct ike_proposal *rp,
			 const struct ike_sa_pl *ours,
			 struct ike_proposal *chosen)
{
	struct ike_proposal p = *rp;

	if (p.proto != IKE_PROTO_IKE || p.spi_size != 8)
		return false;
	p.spi_size = 0;
	return ike_select_proposal(&p, ours, chosen);
}

/* Nonces compared as octet strings (RFC 7296 2.8.1). */
static bool lower(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	int d = memcmp(a, b, alen < blen ? alen : blen);

	return d ? d < 0 : alen < blen;
}

/* The lowest nonce of the exchange that made N: its Ni or its Nr. */
static const uint8_t *low_nonce(const struct ike_sa *n, size_t *len)
{
	if (lower(n->ni, n->ni_len, n->nr, n->nr_len)) {
		*len = n->ni_len;
		return n->ni;
	}
	*len = n->nr_len;
	return n->nr;
}

/* N, made by the rekey of O, takes O's place but for the CHILD SAs. */
static void inherit(struct ike_sa *n, struct ike_sa *o)
{
	n->conf = o->conf;
	n->prof = o->prof;
	n->ipsec = o->ipsec;
	n->id_local = o->id_local;
	n->id_remote = o->id_remote;
	n->auth_local = o->auth_local;
	n->auth_remote = o->auth_remote;
	n->peer_vip = o->peer_vip;
	n->local_vip = o->local_vip;
	n->peer_vip6 = o->peer_vip6;
	n->local_vip6 = o->local_vip6;
	n->window = o->window;
	n->peer_window = o->peer_window;
	n->frag_peer = o->frag_peer;
	n->frag_on = o->frag_on;
	n->frag_mtu = o->frag_mtu;
	n->udp_encap = o->udp_encap;
	n->fd_index = o->fd_index;
	n->nat_t = o->nat_t;
	n->nat_local = o->nat_local;
	n->nat_remote = o->nat_remote;
	n->nat_forced = o->nat_forced;
	n->session_id = o->session_id;
	n->tunnel_id = o->tunnel_id;
	n->rekeys = o->rekeys + 1;
	n->reauth_at = o->reauth_at;
	tunnel_attach(n, o->rt);
	timer_cancel(&n->half_open);
}

/* N is the IKE SA now: READY, with O's CHILD SAs and its timers. */
static void take_over(struct ike_sa *n, struct ike_sa *o)
{
	struct dctx c;

	ike_dctx(n, &c);
	/* N is no rekey of O any more: O goes, and N must not point at it */
	n->rekey_of = NULL;
	while (o->children) {
		struct child_sa *ch = o->children;

		o->children = ch->next;
		ch->ike = n;
		ch->next = n->children;
		n->children = ch;
	}
	if (n->state != IKE_ST_READY)
		ike_set_state(n, IKE_ST_READY);
	n->established = time(NULL);
	n->established_ms = now_ms();
	n->last_rx = n->established;
	ike_set_status(n, "Negotiation done");
	ike_lifetime_start(n);
	ike_dpd_start(n);
	natt_start(n);
	ike_reauth_arm(n);
	ike_session_take_over(n, o);
	trace_event(&c, "IKE SA rekeyed: SA ID %u replaces SA ID %u", n->id, o->id);
	log_notice("%%IKEV2-5-SA_REKEY: SA ID %u replaced by SA ID %u", o->id, n->id);
}

/* O is replaced: the peer deletes it, or we do when DELETE_OLD. */
static void retire_old(struct ike_sa *o, bool delete_old)
{
	ike_set_state(o, IKE_ST_REKEYED);
	timer_cancel(&o->dpd);
	natt_stop(o);
	if (delete_old)
		ike_delete_send(o);
	else
		timer_arm(&o->lifetime, LINGER_MS);
}

static int derive(struct ike_sa *n, const struct ike_sa *o,
		  const struct ike_ke_pl *ke)
{
	uint8_t gir[IKE_MAX_SECRET];
	size_t gir_len = sizeof(gir);
	int err;

	if (ike_dh_derive(n->dh, ke->data, ke->len, gir, &gir_len))
		return -1;
	err = ike_derive_keys(&n->suite, n->ni, n->ni_len, n->nr, n->nr_len,
			      gir, gir_len, n->spi_i, n->spi_r, o->keys.sk_d,
			      o->keys.d_len, o->suite.prf, &n->keys);
	explicit_bzero(gir, sizeof(gir));
	ike_dh_free(n->dh);
	n->dh = NULL;
	return err;
}

/* A new IKE SA for the rekey of O, on O's addresses. */
static struct ike_sa *new_for(struct ike_sa *o, bool initiator,
			      uint64_t peer_spi)
{
	struct ike_sa *n = ike_sa_new(initiator, &o->local, &o->remote,
				      peer_spi);

	if (!n)
		return NULL;
	if (ike_set_state(n, IKE_ST_REKEY_NEW)) {
		ike_sa_drop(n, "internal error");
		return NULL;
	}
	inherit(n, o);
	n->rekey_of = o;
	return n;
}

/* --- initiator --- */

/* Our proposals for the new SA, with its SPI. */
static void proposals(const struct ike_sa *o, uint64_t spi,
		      struct ike_sa_pl *sp)
{
	uint64_t be = htobe64(spi);
	unsigned int i;

	ike_our_proposals(o->conf, &o->local, sp);
	for (i = 0; i < sp->n; i++) {
		sp->prop[i].spi_size = 8;
		memcpy(sp->prop[i].spi, &be, 8);
	}
}

static void rekey_response(struct ike_sa *o, struct ike_request *rq,
			   const struct ike_msg *m);

/* Whether O can be rekeyed now: nothing else under way on it. */
static bool quiet(const struct ike_sa *o)
{
	const struct child_sa *c;

	if (o->state != IKE_ST_READY || !ike_idle(o))
		return false;
	for (c = o->children; c; c = c->next)
		if (c->state != CHILD_ST_INSTALLED)
			return false;
	return true;
}

static int send_rekey(struct ike_sa *o, struct ike_sa *n)
{
	uint8_t pub[IKE_MAX_DH];
	struct ike_sa_pl *sp = calloc(1, sizeof(*sp));
	struct msg_builder mb;
	size_t plen = 0;
	int err = -1;

	n->dh = ike_dh_new(o->suite.dh);
	n->ni_len = REKEY_NONCE_LEN;
	if (n->dh)
		plen = ike_dh_public(n->dh, pub, sizeof(pub));
	mb_init(&mb);
	if (sp && plen && !ike_random(n->ni, n->ni_len)) {
		proposals(o, n->spi_i, sp);
		if (!ike_add_sa(&mb, sp) && !ike_add_nonce(&mb, n->ni, n->ni_len) &&
		    !ike_add_ke(&mb, o->suite.dh, pub, plen))
			err = ike_send_request(o, IKE_CREATE_CHILD_SA, &mb,
					       rekey_response, NULL) < 0;
	}
	mb_free(&mb);
	free(sp);
	return err;
}

int ike_rekey_start(struct ike_sa *o)
{
	struct ike_sa *n;
	struct dctx c;

	ike_dctx(o, &c);
	if (!quiet(o))
		return 1;
	n = new_for(o, true, 0);
	if (!n)
		return -1;
	dbg(DBG_IKEV2, &c, "Rekeying the IKE SA: new initiator SPI %016llX",
	    (unsigned long long)n->spi_i);
	trace_event(&c, "Rekeying IKE SA %u", o->id);
	if (send_rekey(o, n)) {
		ike_sa_drop(n, "rekey could not be sent");
		return -1;
	}
	o->rekey_new = n;
	ike_set_state(o, IKE_ST_REKEYING);
	ike_stats.ike_rekeys++;
	return 0;
}

/* The peer's answer to our rekey: the chosen proposal, Nr and KEr. */
static uint16_t complete(struct ike_sa *o, struct ike_sa *n,
			 const struct ike_msg *m)
{
	const struct ike_payload *psa = ike_find(m, IKE_PL_SA);
	const struct ike_payload *pke = ike_find(m, IKE_PL_KE);
	const struct ike_payload *pn = ike_find(m, IKE_PL_NONCE);
	struct ike_sa_pl *rsa = calloc(1, sizeof(*rsa));
	struct ike_sa_pl *ours = calloc(1, sizeof(*ours));
	struct ike_proposal chosen;
	const uint8_t *nonce;
	struct parse_err e;
	struct ike_ke_pl ke;
	uint16_t err = 0;
	uint64_t spi;
	size_t nlen;

	if (!rsa || !ours || !psa || !pke || !pn || ike_parse_sa(psa, rsa, &e) ||
	    ike_parse_ke(pke, &ke, &e) || ike_parse_nonce(pn, &nonce, &nlen, &e) ||
	    rsa->n != 1 || rsa->prop[0].proto != IKE_PROTO_IKE ||
	    rsa->prop[0].spi_size != 8 || nlen > sizeof(n->nr)) {
		err = IKE_N_INVALID_SYNTAX;
		goto out;
	}
	ike_our_proposals(o->conf, &o->local, ours);
	if (!select_rekey(&rsa->prop[0], ours, &chosen) ||
	    chosen.n != rsa->prop[0].n) {
		err = IKE_N_NO_PROPOSAL_CHOSEN;
		goto out;
	}
	ike_suite_from(&chosen, &n->suite);
	memcpy(&spi, rsa->prop[0].spi, 8);
	n->spi_r = be64toh(spi);
	memcpy(n->nr, nonce, nlen);
	n->nr_len = nlen;
	if (ke.group != n->suite.dh || ke.group != ike_dh_group(n->dh) ||
	    !n->spi_r || derive(n, o, &ke))
		err = IKE_N_INVALID_KE_PAYLOAD;
out:
	free(rsa);
	free(ours);
	return err;
}

/* Our rekey is done: with the peer's own rekey of O made at the same
 * time (PEER), the lowest nonce decides which of the two goes. */
static void settle(struct ike_sa *o, struct ike_sa *n)
{
	struct ike_sa *peer = o->rekey_peer;
	const uint8_t *a, *b;
	size_t alen, blen;
	struct dctx c;

	ike_dctx(o, &c);
	o->rekey_peer = NULL;
	/* O goes before the SA of the two that is deleted may: neither may
	 * point at it */
	n->rekey_of = NULL;
	if (peer)
		peer->rekey_of = NULL;
	if (!peer) {
		take_over(n, o);
		retire_old(o, true);
		return;
	}
	ike_stats.ike_rekey_collisions++;
	a = low_nonce(n, &alen);
	b = low_nonce(peer, &blen);
	if (lower(a, alen, b, blen)) {
		dbg(DBG_IKEV2, &c, "IKE SA rekey collision: the peer's rekey wins (lowest nonce in ours)");
		trace_event(&c, "IKE SA rekey collision: SA ID %u stays, ours (SA ID %u) goes",
			    peer->id, n->id);
		take_over(peer, o);
		ike_set_state(n, IKE_ST_READY);
		ike_delete_send(n);
		retire_old(o, false);
		return;
	}
	dbg(DBG_IKEV2, &c, "IKE SA rekey collision: our rekey wins; the peer deletes its SA");
	trace_event(&c, "IKE SA rekey collision: ours (SA ID %u) stays, SA ID %u goes",
		    n->id, peer->id);
	take_over(n, o);
	retire_old(o, true);
	/* the peer deletes PEER; should it not, PEER goes by itself */
	timer_arm(&peer->lifetime, LINGER_MS);
}

static void rekey_response(struct ike_sa *o, struct ike_request *rq,
			   const struct ike_msg *m)
{
	struct ike_sa *n = o->rekey_new;
	struct dctx c;
	uint16_t err;

	ike_dctx(o, &c);
	o->rekey_new = NULL;
	if (!n || o->state != IKE_ST_REKEYING)
		return;
	err = ike_find(m, IKE_PL_SA) ? complete(o, n, m) : 0;
	if (!ike_find(m, IKE_PL_SA))
		err = ike_error_notify(m, IKE_N_INVALID_SYNTAX);
	if (err) {
		trace_exception(&c, "IKE SA rekey failed: %s", notify_name(err));
		DIAG_ERROR(&c, "Rekeying IKE SA %u failed: the peer answered %s",
			   o->id, notify_name(err));
		ike_sa_drop(n, "rekey failed");
		ike_set_state(o, o->rekey_peer ? IKE_ST_REKEYED : IKE_ST_READY);
		if (o->rekey_peer) {
			take_over(o->rekey_peer, o);
			o->rekey_peer = NULL;
		}
		timer_arm(&o->lifetime, RETRY_MS * 5);
		return;
	}
	settle(o, n);
}

/* --- responder --- */

/* Parses the peer's rekey request into N (Ni, its SPI) and chooses. */
static uint16_t choose(struct ike_sa *o, const struct ike_msg *m,
		       struct ike_proposal *chosen, struct ike_ke_pl *ke,
		       uint64_t *peer_spi, const uint8_t **ni, size_t *ni_len)
{
	const struct ike_payload *psa = ike_find(m, IKE_PL_SA);
	struct ike_sa_pl *rsa = calloc(1, sizeof(*rsa));
	struct ike_sa_pl *ours = calloc(1, sizeof(*ours));
	struct parse_err e;
	uint16_t err = 0;
	unsigned int i;
	bool found = false;

	if (!rsa || !ours || ike_parse_sa(psa, rsa, &e) ||
	    !ike_find(m, IKE_PL_KE) || !ike_find(m, IKE_PL_NONCE) ||
	    ike_parse_ke(ike_find(m, IKE_PL_KE), ke, &e) ||
	    ike_parse_nonce(ike_find(m, IKE_PL_NONCE), ni, ni_len, &e) ||
	    *ni_len > IKE_MAX_NONCE) {
		err = IKE_N_INVALID_SYNTAX;
		goto out;
	}
	ike_our_proposals(o->conf, &o->local, ours);
	for (i = 0; i < rsa->n && !found; i++)
		found = select_rekey(&rsa->prop[i], ours, chosen);
	if (!found) {
		err = IKE_N_NO_PROPOSAL_CHOSEN;
		goto out;
	}
	memcpy(peer_spi, rsa->prop[i - 1].spi, 8);
	*peer_spi = be64toh(*peer_spi);
	chosen->num = rsa->prop[i - 1].num;
out:
	free(rsa);
	free(ours);
	return err;
}

/* The new SA N with our KE and Nr, and the response into MB. */
static uint16_t answer(struct ike_sa *o, struct ike_sa *n,
		       struct ike_proposal *chosen, const struct ike_ke_pl *ke,
		       struct msg_builder *mb)
{
	struct ike_sa_pl one = { .n = 1 };
	uint8_t pub[IKE_MAX_DH];
	uint64_t be = htobe64(n->spi_r);
	size_t plen;

	ike_suite_from(chosen, &n->suite);
	if (ke->group != n->suite.dh) {
		uint8_t g[2] = { n->suite.dh >> 8, n->suite.dh & 0xff };

		ike_add_notify(mb, 0, NULL, 0, IKE_N_INVALID_KE_PAYLOAD, g, 2);
		return IKE_N_INVALID_KE_PAYLOAD;
	}
	n->dh = ike_dh_new(ke->group);
	n->nr_len = REKEY_NONCE_LEN;
	plen = n->dh ? ike_dh_public(n->dh, pub, sizeof(pub)) : 0;
	if (!plen || ike_random(n->nr, n->nr_len) || derive(n, o, ke))
		return IKE_N_TEMPORARY_FAILURE;
	one.prop[0] = *chosen;
	one.prop[0].proto = IKE_PROTO_IKE;
	one.prop[0].spi_size = 8;
	memcpy(one.prop[0].spi, &be, 8);
	if (ike_add_sa(mb, &one) || ike_add_nonce(mb, n->nr, n->nr_len) ||
	    ike_add_ke(mb, ke->group, pub, plen))
		return IKE_N_TEMPORARY_FAILURE;
	return 0;
}

void ike_rekey_rx_request(struct ike_sa *o, const struct ike_msg *m)
{
	struct ike_proposal chosen;
	struct ike_sa *n = NULL;
	struct msg_builder mb;
	struct ike_ke_pl ke;
	const uint8_t *ni;
	uint64_t peer_spi;
	size_t ni_len;
	uint16_t err;
	struct dctx c;

	ike_dctx(o, &c);
	mb_init(&mb);
	/* (while our own rekey is out, a collision: both are answered) */
	if (o->state == IKE_ST_REKEYING ? !!o->rekey_peer : !quiet(o))
		err = IKE_N_TEMPORARY_FAILURE;
	else
		err = choose(o, m, &chosen, &ke, &peer_spi, &ni, &ni_len);
	if (!err) {
		n = new_for(o, false, peer_spi);
		if (!n)
			err = IKE_N_TEMPORARY_FAILURE;
	}
	if (n) {
		memcpy(n->ni, ni, ni_len);
		n->ni_len = ni_len;
		err = answer(o, n, &chosen, &ke, &mb);
	}
	if (err && err != IKE_N_INVALID_KE_PAYLOAD)
		ike_add_notify(&mb, 0, NULL, 0, err, NULL, 0);
	if (err)
		trace_exception(&c, "IKE SA rekey request refused: %s",
				notify_name(err));
	ike_send_response(o, m, &mb);
	mb_free(&mb);
	if (err) {
		if (n)
			ike_sa_drop(n, "rekey refused");
		return;
	}
	dbg(DBG_IKEV2, &c, "IKE SA rekeyed by the peer: new SA ID %u", n->id);
	if (o->state == IKE_ST_REKEYING) {
		dbg(DBG_IKEV2, &c, "IKE SA rekey collision: both ends rekey it");
		o->rekey_peer = n;
		return;
	}
	take_over(n, o);
	retire_old(o, false);
}
