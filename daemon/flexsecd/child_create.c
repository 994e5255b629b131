// SPDX-License-Identifier: GPL-2.0
/*
 * The CREATE_CHILD_SA exchange for CHILD SAs (RFC 7296 1.3.1, 1.3.3): a
 * new CHILD SA under an IKE SA, or the rekey of one (a REKEY_SA notify
 * names the SA replaced), with a KE payload when the IPsec profile sets
 * PFS; as initiator and as responder.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "algs.h"
#include "child_int.h"
#include "crypto.h"
#include "kmi.h"
#include "proposal.h"

/* --- initiator --- */

static void create_failed(struct child_sa *c, uint16_t err, bool kernel)
{
	struct child_sa *old = c->rekey_of;

	child_unlink(c);
	child_free(c, kernel);
	if (old)
		child_rekey_failed(old, err);
}

/* The shared secret of PFS from the peer's KE payload, into GIR. */
static int pfs_secret(struct child_sa *c, const struct ike_msg *m,
		      uint8_t *gir, size_t *gir_len)
{
	const struct ike_payload *pke = ike_find(m, IKE_PL_KE);
	struct parse_err e;
	struct ike_ke_pl ke;

	if (!c->dh) {
		*gir_len = 0;
		return 0;
	}
	*gir_len = IKE_MAX_SECRET;
	return !pke || ike_parse_ke(pke, &ke, &e) ||
	       ike_dh_derive(c->dh, ke.data, ke.len, gir, gir_len) ? -1 : 0;
}

static void create_response(struct ike_sa *sa, struct ike_request *rq,
			    const struct ike_msg *m)
{
	struct child_sa *c = child_find_in(sa, (uint32_t)(uintptr_t)rq->arg);
	struct child_sa *old;
	const struct ike_payload *pn = ike_find(m, IKE_PL_NONCE);
	uint8_t gir[IKE_MAX_SECRET];
	size_t gir_len = 0, nr_len;
	const uint8_t *nr;
	struct parse_err e;
	struct dctx dc;
	uint16_t err;

	ike_dctx(sa, &dc);
	if (!c || c->state != CHILD_ST_NEGOTIATING)
		return;
	if (!pn || ike_parse_nonce(pn, &nr, &nr_len, &e)) {
		err = ike_error_notify(m, IKE_N_INVALID_SYNTAX);
		DIAG_ERROR(&dc, "CREATE_CHILD_SA failed: the peer sent %s",
			   err == IKE_N_INVALID_SYNTAX && !pn ?
			   "no nonce" : notify_name(err));
		create_failed(c, err, false);
		return;
	}
	if (pfs_secret(c, m, gir, &gir_len)) {
		DIAG_ERROR(&dc, "CREATE_CHILD_SA failed: bad KE payload for PFS");
		create_failed(c, IKE_N_INVALID_SYNTAX, true);
		return;
	}
	child_set_low_nonce(c, c->nonce, c->nonce_len, nr, nr_len);
	old = c->rekey_of;
	/* child_complete frees C when it fails */
	err = child_complete(sa, c, m, c->dh ? gir : NULL, gir_len, c->nonce,
			     c->nonce_len, nr, nr_len);
	explicit_bzero(gir, sizeof(gir));
	if (err) {
		DIAG_ERROR(&dc, "CREATE_CHILD_SA failed: %s", notify_name(err));
		if (old)
			child_rekey_failed(old, err);
	} else if (old || c->rekey_lost) {
		child_rekey_done(c);
	}
}

/* SA, Ni, [KEi], TSi, TSr and the notifies of a request for C. */
static int build_request(struct ike_sa *sa, struct child_sa *c,
			 struct msg_builder *mb, const uint8_t *pub,
			 size_t plen)
{
	struct ike_sa_pl *sp = calloc(1, sizeof(*sp));
	struct ike_ts_pl *tsi = calloc(1, sizeof(*tsi));
	struct ike_ts_pl *tsr = calloc(1, sizeof(*tsr));
	unsigned int i;
	int err = -1;

	if (sp && tsi && tsr) {
		uint32_t old = c->rekey_of ? htonl(c->rekey_of->spi_in) : 0;

		for (i = 0; sa->ipsec && i < sa->ipsec->n_tsets; i++)
			if (sa->ipsec->ts[i])
				child_add_tset(sp, sa->ipsec->ts[i], c->spi_in,
					       c->pfs_group);
		child_our_ts(sa, true, tsi, tsr);
		/* REKEY_SA names the SA replaced by the SPI we receive on */
		err = (c->rekey_of &&
		       ike_add_notify(mb, IKE_PROTO_ESP, (uint8_t *)&old, 4,
				      IKE_N_REKEY_SA, NULL, 0)) ||
		      ike_add_sa(mb, sp) ||
		      ike_add_nonce(mb, c->nonce, c->nonce_len) ||
		      (c->pfs_group && ike_add_ke(mb, c->pfs_group, pub, plen)) ||
		      ike_add_ts(mb, IKE_PL_TSI, tsi) ||
		      ike_add_ts(mb, IKE_PL_TSR, tsr) ||
		      (c->transport &&
		       ike_add_notify(mb, 0, NULL, 0, IKE_N_USE_TRANSPORT_MODE,
				      NULL, 0)) ? -1 : 0;
	}
	free(sp);
	free(tsi);
	free(tsr);
	return err;
}

int child_create_send(struct ike_sa *sa, struct child_sa *old)
{
	struct child_sa *c = NULL;
	uint8_t pub[IKE_MAX_DH];
	struct msg_builder mb;
	uint16_t pfs = sa->ipsec ? sa->ipsec->pfs_group : 0;
	size_t plen = 0;
	int err = -1;

	if (sa->state != IKE_ST_READY)
		return -1;
	mb_init(&mb);
	if (child_add_offer(sa, &mb, &c))
		goto out;
	mb_free(&mb);
	mb_init(&mb);
	c->rekey_of = old;
	c->rekeys = old ? old->rekeys + 1 : 0;
	c->pfs_group = pfs;
	c->nonce_len = CHILD_NONCE_LEN;
	if (ike_random(c->nonce, c->nonce_len))
		goto out;
	if (pfs) {
		c->dh = ike_dh_new(pfs);
		plen = c->dh ? ike_dh_public(c->dh, pub, sizeof(pub)) : 0;
		if (!plen)
			goto out;
	}
	if (build_request(sa, c, &mb, pub, plen))
		goto out;
	if (ike_send_request(sa, IKE_CREATE_CHILD_SA, &mb, create_response,
			     (void *)(uintptr_t)c->spi_in) >= 0) {
		c = NULL;
		err = 0;
	}
out:
	if (c) {
		child_unlink(c);
		child_free(c, false);
	}
	mb_free(&mb);
	return err;
}

int child_create_start(struct ike_sa *sa)
{
	return child_create_send(sa, NULL);
}

/* --- responder --- */

/* PFS of the request: the group and our KE, and the secret into GIR.
 * Returns 0, or the notify to answer (INVALID_KE_PAYLOAD is added to MB
 * with the group we want, and returned). */
static uint16_t responder_pfs(struct ike_sa *sa, const struct ike_msg *m,
			      struct msg_builder *mb, struct ike_dh **dh,
			      uint8_t *pub, size_t *plen, uint8_t *gir,
			      size_t *gir_len)
{
	const struct ike_payload *pke = ike_find(m, IKE_PL_KE);
	uint16_t pfs = sa->ipsec ? sa->ipsec->pfs_group : 0;
	struct parse_err e;
	struct ike_ke_pl ke;
	struct dctx dc;

	ike_dctx(sa, &dc);
	if (!pke && pfs) {
		dbg(DBG_IKEV2 | DBG_ERROR, &dc, "PFS (group %u) is configured but the request has no KE payload",
		    pfs);
		return IKE_N_NO_PROPOSAL_CHOSEN;
	}
	if (!pke)
		return 0;
	if (ike_parse_ke(pke, &ke, &e))
		return IKE_N_INVALID_SYNTAX;
	if (!pfs)
		return IKE_N_NO_PROPOSAL_CHOSEN;
	if (ke.group != pfs) {
		uint8_t g[2] = { pfs >> 8, pfs & 0xff };

		ike_add_notify(mb, 0, NULL, 0, IKE_N_INVALID_KE_PAYLOAD, g, 2);
		return IKE_N_INVALID_KE_PAYLOAD;
	}
	*dh = ike_dh_new(pfs);
	*gir_len = IKE_MAX_SECRET;
	*plen = *dh ? ike_dh_public(*dh, pub, IKE_MAX_DH) : 0;
	if (!*plen || ike_dh_derive(*dh, ke.data, ke.len, gir, gir_len))
		return IKE_N_INVALID_SYNTAX;
	return 0;
}

/* Whether M rekeys a CHILD SA: 0 (with *OLD, or none), or the notify. */
static uint16_t rekey_of(struct ike_sa *sa, const struct ike_msg *m,
			 struct child_sa **old)
{
	struct ike_notify_pl n;

	*old = NULL;
	if (ike_find_notify(m, IKE_N_REKEY_SA, &n))
		return 0;
	if (n.proto != IKE_PROTO_ESP || n.spi_size != 4 || !n.spi)
		return IKE_N_INVALID_SYNTAX;
	return child_rekey_check(sa, get32(n.spi), old);
}

/* child_respond's SA, TS and notifies into MB, with Nr and KEr after SA. */
static uint16_t respond(struct ike_sa *sa, const struct ike_msg *m,
			struct msg_builder *mb, const uint8_t *gir,
			size_t gir_len, const uint8_t *ni, size_t ni_len,
			const uint8_t *nr, size_t nr_len, struct ike_dh *dh,
			const uint8_t *pub, size_t plen, bool rekey,
			struct child_sa **made)
{
	struct ike_msg *tmp = calloc(1, sizeof(*tmp));
	struct msg_builder cm;
	struct parse_err e;
	uint16_t notify;
	unsigned int i;

	mb_init(&cm);
	notify = child_respond(sa, m, &cm, gir, gir_len, ni, ni_len, nr,
			       nr_len, rekey, made);
	if (tmp && cm.b.len &&
	    !ike_parse_chain(cm.first_np, cm.b.p, cm.b.len, tmp, &e)) {
		for (i = 0; i < tmp->n; i++) {
			ike_add_payload(mb, tmp->pl[i].type, false,
					tmp->pl[i].body, tmp->pl[i].len);
			if (tmp->pl[i].type == IKE_PL_SA && !notify) {
				ike_add_nonce(mb, nr, nr_len);
				if (dh)
					ike_add_ke(mb, ike_dh_group(dh), pub,
						   plen);
			}
		}
	}
	free(tmp);
	mb_free(&cm);
	return notify;
}

/* Whether M's SA payload proposes an IKE SA (an IKE SA rekey). */
static bool proposes_ike(const struct ike_msg *m)
{
	const struct ike_payload *p = ike_find(m, IKE_PL_SA);

	/* the first proposal's protocol: its substructure's 6th byte */
	return p && p->len >= 8 && p->body[5] == IKE_PROTO_IKE;
}

void child_create_rx_request(struct ike_sa *sa, const struct ike_msg *m)
{
	const struct ike_payload *pn = ike_find(m, IKE_PL_NONCE);
	uint8_t nr[CHILD_NONCE_LEN], pub[IKE_MAX_DH], gir[IKE_MAX_SECRET];
	struct child_sa *old = NULL, *made = NULL;
	struct ike_dh *dh = NULL;
	size_t ni_len, gir_len = 0, plen = 0;
	struct msg_builder mb;
	struct parse_err e;
	const uint8_t *ni;
	struct dctx dc;
	uint16_t notify = 0;

	if (proposes_ike(m) && !ike_find(m, IKE_PL_TSI)) {
		ike_rekey_rx_request(sa, m);
		return;
	}
	ike_dctx(sa, &dc);
	mb_init(&mb);
	if (sa->state != IKE_ST_READY)
		notify = IKE_N_TEMPORARY_FAILURE;
	else if (!ike_find(m, IKE_PL_SA) || !pn ||
		 ike_parse_nonce(pn, &ni, &ni_len, &e))
		notify = IKE_N_INVALID_SYNTAX;
	else if (ike_random(nr, sizeof(nr)))
		notify = IKE_N_TEMPORARY_FAILURE;
	if (!notify)
		notify = rekey_of(sa, m, &old);
	if (!notify && !old)
		notify = ike_flow_check(sa);
	if (!notify)
		notify = responder_pfs(sa, m, &mb, &dh, pub, &plen, gir,
				       &gir_len);
	if (notify == IKE_N_INVALID_KE_PAYLOAD)
		goto send;
	if (notify) {
		ike_add_notify(&mb, 0, NULL, 0, notify, NULL, 0);
		goto send;
	}
	if (old)
		trace_event(&dc, "CREATE_CHILD_SA request: rekey of SPI 0x%08X",
			    old->spi_in);
	else
		trace_event(&dc, "CREATE_CHILD_SA request");
	notify = respond(sa, m, &mb, dh ? gir : NULL, gir_len, ni, ni_len, nr,
			 sizeof(nr), dh, pub, plen, old != NULL, &made);
	if (made) {
		child_set_low_nonce(made, ni, ni_len, nr, sizeof(nr));
		if (old)
			child_rekey_taken(old, made);
	}
send:
	ike_send_response(sa, m, &mb);
	mb_free(&mb);
	ike_dh_free(dh);
	explicit_bzero(gir, sizeof(gir));
	explicit_bzero(nr, sizeof(nr));
}
