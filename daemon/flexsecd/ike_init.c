// SPDX-License-Identifier: GPL-2.0
/*
 * IKE_SA_INIT (RFC 7296 1.2): proposals offered and chosen, the key
 * exchange, nonces and the IKE SA's keys, INVALID_KE_PAYLOAD and COOKIE
 * retries, NO_PROPOSAL_CHOSEN with the received and expected policies in
 * the debug output the way the troubleshooting chapter shows them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "algs.h"
#include "crypto.h"
#include "ike_frag.h"
#include "ike_int.h"
#include "natt.h"
#include "net.h"
#include "sa_mgr.h"
#include "tunnel.h"
#include "proposal.h"

#define NONCE_LEN 32

static void log_policies(const struct dctx *c, const char *which,
			 const struct ike_sa_pl *sa, const char *prefix)
{
	unsigned int i;
	char s[512];

	dbg(DBG_IKEV2 | DBG_ERROR, c, "%s Policies: : Failed to find a matching policy", which);
	for (i = 0; i < sa->n; i++) {
		ike_proposal_str(&sa->prop[i], s, sizeof(s));
		dbg(DBG_IKEV2 | DBG_ERROR, c, "%sProposal %u: %s", prefix,
		    sa->prop[i].num, s);
	}
}

/* Derives SKEYSEED and the keys from the KE payload of the peer. */
static int derive(struct ike_sa *sa, const struct ike_ke_pl *ke)
{
	uint8_t gir[IKE_MAX_SECRET];
	size_t gir_len = sizeof(gir);
	int err;

	if (ike_dh_derive(sa->dh, ke->data, ke->len, gir, &gir_len))
		return -1;
	err = ike_derive_keys(&sa->suite, sa->ni, sa->ni_len, sa->nr,
			      sa->nr_len, gir, gir_len, sa->spi_i, sa->spi_r,
			      NULL, 0, 0, &sa->keys);
	explicit_bzero(gir, sizeof(gir));
	ike_dh_free(sa->dh);
	sa->dh = NULL;
	return err;
}

/* --- initiator --- */

static void init_response(struct ike_sa *sa, struct ike_request *rq,
			  const struct ike_msg *m);

/* The IKE_SA_INIT request; with KEEP the key exchange and nonce of the
 * last one (a COOKIE retry repeats the request with the cookie first). */
static int send_init(struct ike_sa *sa, bool keep)
{
	struct ike_hdr h = {
		.ispi = sa->spi_i,
		.version = IKE_VERSION,
		.exch = IKE_SA_INIT,
		.flags = IKE_FLAG_INITIATOR,
	};
	uint8_t pub[IKE_MAX_DH];
	struct msg_builder mb;
	struct ike_sa_pl *sp;
	size_t plen;
	uint16_t group;
	struct dctx c;
	char s[512];
	int err = -1;

	ike_dctx(sa, &c);
	sp = calloc(1, sizeof(*sp));
	if (!sp)
		return -1;
	ike_our_proposals(sa->conf, &sa->local, sp);
	if (!sp->n) {
		free(sp);
		IKE_FAIL(sa, "No IKEv2 proposal for local address");
		return -1;
	}
	group = sa->ke_retry_group;
	if (!group) {
		unsigned int i;

		for (i = 0; i < sp->prop[0].n; i++)
			if (sp->prop[0].tr[i].type == IKE_TT_DH) {
				group = sp->prop[0].tr[i].id;
				break;
			}
	}
	if (!keep || !sa->dh || ike_dh_group(sa->dh) != group) {
		ike_dh_free(sa->dh);
		sa->dh = ike_dh_new(group);
		if (!sa->dh) {
			free(sp);
			IKE_FAIL(sa, "Computing DH public key failed (group %u)", group);
			return -1;
		}
		dbg(DBG_IKEV2, &c, "[IKEv2 -> Crypto Engine] Computing DH public key, DH Group %u", group);
	}
	plen = ike_dh_public(sa->dh, pub, sizeof(pub));
	mb_init(&mb);
	if (!keep || !sa->ni_len) {
		sa->ni_len = NONCE_LEN;
		if (ike_random(sa->ni, sa->ni_len))
			goto out;
	}
	if (!plen)
		goto out;
	dbg(DBG_IKEV2, &c, "Generating IKE_SA_INIT message");
	ike_proposal_str(&sp->prop[0], s, sizeof(s));
	dbg(DBG_IKEV2, &c, "IKE Proposal: 1, SPI size: 0 (initial negotiation), Num. transforms: %u\n  %s",
	    sp->prop[0].n, s);
	if (ike_build_hdr(&mb, &h) ||
	    (sa->cookie.len && ike_add_notify(&mb, 0, NULL, 0, IKE_N_COOKIE,
					      sa->cookie.p, sa->cookie.len)) ||
	    ike_add_sa(&mb, sp) ||
	    ike_add_ke(&mb, group, pub, plen) ||
	    ike_add_nonce(&mb, sa->ni, sa->ni_len) ||
	    natt_add_notifies(&mb, sa, 0,
			      sa->prof && sa->prof->nat_force_encap) ||
	    ike_frag_add_notify(sa, &mb) ||
	    ike_build_end(&mb))
		goto out;
	buf_free(&sa->init_i);
	buf_init(&sa->init_i);
	if (buf_put(&sa->init_i, mb.b.p, mb.b.len))
		goto out;
	ike_set_state(sa, IKE_ST_INIT_SENT);
	sa->next_msgid = 1;
	err = ike_send_init_request(sa, &mb, init_response);
	trace_event(&c, "IKE_SA_INIT request sent");
out:
	mb_free(&mb);
	free(sp);
	return err;
}

int ike_initiate(const struct conf_tunnel *t, unsigned int ifindex)
{
	(void)ifindex;
	return ike_initiate_sa(t, NULL);
}

int ike_initiate_sa(const struct conf_tunnel *t, struct ike_sa *reauth_of)
{
	struct sockaddr_storage l, r;
	const struct conf_keyring_peer *kp;
	const struct conf_profile *prof;
	struct conf_addr la;
	struct ike_sa *sa;
	struct dctx c = { 0 };
	char rs[64];
	int fam;

	if (!t->ipsec)
		return -1;
	fam = t->destination.family;
	if (!net_has_family(fam)) {
		DIAG_ERROR(&c, "%s: IKE over IPv%d is unavailable: no IKE socket of that family (see the log at start)",
			   t->name, fam == AF_INET ? 4 : 6);
		return -1;
	}
	if (tunnel_local(t, &la) || la.family != fam) {
		DIAG_ERROR(&c, "%s: tunnel source %s has no %s address", t->name,
			   t->source_if[0] ? t->source_if : "(none)",
			   fam == AF_INET ? "IPv4" : "global IPv6");
		return -1;
	}
	sa_from_conf(&r, &t->destination, IKE_PORT);
	sa_from_conf(&l, &la, IKE_PORT);
	c.peer = &r;
	prof = t->ipsec->prof;
	if (!prof) {
		DIAG_ERROR(&c, "%s: IPsec profile %s names no IKEv2 profile; cannot initiate",
			   t->name, t->ipsec->name);
		return -1;
	}
	if (prof->auth_local != CONF_AUTH_PSK) {
		DIAG_ERROR(&c, "%s: profile %s: only pre-share authentication is supported",
			   t->name, prof->name);
		return -1;
	}
	dbg(DBG_IKEV2, &c, "%% Getting preshared key from profile keyring %s",
	    prof->kr ? prof->kr->name : "(none)");
	kp = prof->kr ? conf_keyring_lookup(prof->kr, &t->destination, NULL) : NULL;
	if (!kp || !kp->psk_local_len) {
		dbg(DBG_IKEV2 | DBG_ERROR, &c, "%% key not found.");
		DIAG_ERROR(&c, "Getting preshared key for %s from keyring %s: key not found. Failed to initiate sa",
			   sa_addr_str(&r, rs, sizeof(rs)),
			   prof->kr ? prof->kr->name : "(none)");
		return -1;
	}
	if (D.conf->g.max_sa && sam_count() >= D.conf->g.max_sa) {
		ike_stats.cac_rejected++;
		DIAG_ERROR(&c, "Call admission control: the limit of %u IKE SAs is reached",
			   D.conf->g.max_sa);
		return -1;
	}
	if (D.conf->g.max_in_negotiation_out &&
	    ike_in_negotiation(true) >= D.conf->g.max_in_negotiation_out) {
		ike_stats.cac_rejected++;
		DIAG_ERROR(&c, "Call admission control: %u outgoing SAs in negotiation",
			   D.conf->g.max_in_negotiation_out);
		return -1;
	}
	sa = ike_sa_new(true, &l, &r, 0);
	if (!sa)
		return -1;
	tunnel_attach(sa, tunnel_of(t));
	sa->prof = prof;
	sa->ipsec = t->ipsec;
	if (reauth_of) {
		sa->reauth_of = reauth_of;
		reauth_of->reauth_new = sa;
		sa->session_id = reauth_of->session_id;
		sa->tunnel_id = reauth_of->tunnel_id;
		sa->reauth_at = 0;
	}
	ike_dctx(sa, &c);
	trace_event(&c, "Initiating IKE SA for %s to %s", t->name,
		    sa_str(&r, rs, sizeof(rs)));
	return send_init(sa, false);
}

static int retry_with(struct ike_sa *sa, const struct ike_notify_pl *n)
{
	struct dctx c;
	uint16_t group;

	ike_dctx(sa, &c);
	if (n->len != 2)
		return -1;
	group = get16(n->data);
	if (sa->ke_retry_group || !ike_dh_supported(group)) {
		IKE_FAIL(sa, "Peer asked for DH group %u (INVALID_KE_PAYLOAD), which we cannot use",
			 group);
		return 0;
	}
	dbg(DBG_IKEV2, &c, "Received INVALID_KE_PAYLOAD: retrying with DH group %u", group);
	trace_event(&c, "INVALID_KE_PAYLOAD: retrying with group %u", group);
	sa->ke_retry_group = group;
	return send_init(sa, false);
}

static void init_response(struct ike_sa *sa, struct ike_request *rq,
			  const struct ike_msg *m)
{
	const struct ike_payload *psa, *pke, *pn;
	struct ike_sa_pl *rsa = NULL, *ours = NULL;
	struct ike_proposal chosen;
	struct ike_notify_pl n;
	struct parse_err e;
	struct ike_ke_pl ke;
	const uint8_t *nonce;
	size_t nlen;
	struct dctx c;

	ike_dctx(sa, &c);
	if (!ike_find_notify(m, IKE_N_INVALID_KE_PAYLOAD, &n)) {
		if (retry_with(sa, &n))
			IKE_FAIL(sa, "Malformed INVALID_KE_PAYLOAD notify");
		return;
	}
	if (!ike_find_notify(m, IKE_N_COOKIE, &n)) {
		if (!n.len || n.len > 64) {
			ike_stats.rx_bad_payload++;
			IKE_FAIL(sa, "Malformed COOKIE notify: %zu bytes (1 to 64 allowed)",
				 n.len);
			return;
		}
		if (++sa->cookie_tries > 3) {
			IKE_FAIL(sa, "The responder keeps asking for a COOKIE");
			return;
		}
		ike_stats.cookie_received++;
		dbg(DBG_IKEV2, &c, "Received cookie challenge: repeating IKE_SA_INIT with the COOKIE (%zu bytes), try %u",
		    n.len, sa->cookie_tries);
		trace_event(&c, "COOKIE received: IKE_SA_INIT repeated with it");
		buf_free(&sa->cookie);
		buf_init(&sa->cookie);
		if (buf_put(&sa->cookie, n.data, n.len) || send_init(sa, true))
			IKE_FAIL(sa, "Cannot answer the COOKIE request");
		return;
	}
	if (!ike_find_notify(m, IKE_N_NO_PROPOSAL_CHOSEN, &n)) {
		IKE_FAIL(sa, "Received NO_PROPOSAL_CHOSEN: the peer accepts none of our IKEv2 proposals");
		return;
	}
	psa = ike_find(m, IKE_PL_SA);
	pke = ike_find(m, IKE_PL_KE);
	pn = ike_find(m, IKE_PL_NONCE);
	if (!psa || !pke || !pn || !m->hdr.rspi) {
		unsigned int i;

		for (i = 0; i < m->n; i++)
			if (m->pl[i].type == IKE_PL_NOTIFY &&
			    !ike_parse_notify(&m->pl[i], &n, &e) &&
			    n.type <= IKE_N_ERROR_MAX) {
				IKE_FAIL(sa, "Received %s in the IKE_SA_INIT response",
					 notify_name(n.type));
				return;
			}
		IKE_FAIL(sa, "IKE_SA_INIT response lacks SA, KE or nonce");
		return;
	}
	rsa = calloc(1, sizeof(*rsa));
	ours = calloc(1, sizeof(*ours));
	if (!rsa || !ours)
		goto out;
	if (ike_parse_sa(psa, rsa, &e) || ike_parse_ke(pke, &ke, &e) ||
	    ike_parse_nonce(pn, &nonce, &nlen, &e)) {
		IKE_FAIL(sa, "Malformed IKE_SA_INIT response: %s", e.err);
		goto out;
	}
	ike_our_proposals(sa->conf, &sa->local, ours);
	if (rsa->n != 1 || !ike_select_proposal(&rsa->prop[0], ours, &chosen) ||
	    chosen.n != rsa->prop[0].n) {
		IKE_FAIL(sa, "The responder chose a proposal we did not offer");
		goto out;
	}
	ike_suite_from(&chosen, &sa->suite);
	if (ke.group != sa->suite.dh || ke.group != ike_dh_group(sa->dh)) {
		IKE_FAIL(sa, "The responder's KE group %u is not the one chosen", ke.group);
		goto out;
	}
	sa->spi_r = m->hdr.rspi;
	memcpy(sa->nr, nonce, nlen);
	sa->nr_len = nlen;
	buf_free(&sa->init_r);
	buf_init(&sa->init_r);
	if (buf_put(&sa->init_r, m->raw, m->raw_len) || derive(sa, &ke)) {
		IKE_FAIL(sa, "Computing the IKE SA's keys failed");
		goto out;
	}
	dbg(DBG_IKEV2, &c, "Processing IKE_SA_INIT message");
	ike_frag_peer(sa, m);
	trace_event(&c, "IKE_SA_INIT done; keys computed");
	natt_detect(sa, m);
	if (natt_float(sa))
		goto out;
	ike_auth_start(sa);
out:
	free(rsa);
	free(ours);
}

/* --- responder --- */

void ike_init_rx_request(const struct ike_msg *m,
			 const struct sockaddr_storage *local,
			 const struct sockaddr_storage *remote)
{
	const struct ike_payload *psa, *pke, *pn;
	struct ike_sa_pl *rsa = NULL, *ours = NULL, *one = NULL;
	struct ike_proposal chosen;
	struct dctx c = { .peer = remote };
	struct parse_err e;
	struct ike_hdr h;
	struct ike_ke_pl ke;
	const uint8_t *nonce;
	uint8_t pub[IKE_MAX_DH];
	struct msg_builder mb;
	struct ike_sa *sa;
	unsigned int i;
	size_t nlen, plen;
	bool found = false;

	mb_init(&mb);
	ike_debug_msg_at(&c, local, remote, m, false, false);
	psa = ike_find(m, IKE_PL_SA);
	pke = ike_find(m, IKE_PL_KE);
	pn = ike_find(m, IKE_PL_NONCE);
	if (m->hdr.rspi || !psa || !pke || !pn) {
		ike_stats.rx_dropped++;
		ike_stats.rx_bad_payload++;
		DIAG_ERROR(&c, "IKE_SA_INIT request without SA, KE or nonce");
		ike_send_init_notify(m, local, remote, IKE_N_INVALID_SYNTAX, NULL, 0);
		goto out;
	}
	/* the nonce first, for the COOKIE: no state or DH before it */
	if (ike_parse_nonce(pn, &nonce, &nlen, &e)) {
		ike_stats.rx_dropped++;
		ike_stats.rx_bad_payload++;
		DIAG_ERROR(&c, "Malformed IKE_SA_INIT request: %s", e.err);
		ike_send_init_notify(m, local, remote, IKE_N_INVALID_SYNTAX, NULL, 0);
		goto out;
	}
	if (!ike_cookie_admit(m, nonce, nlen, local, remote))
		goto out;
	if (D.conf->g.max_sa && sam_count() >= D.conf->g.max_sa) {
		ike_stats.cac_rejected++;
		trace_exception(&c, "Call admission control: IKE_SA_INIT refused, %u SAs",
				sam_count());
		dbg(DBG_IKEV2 | DBG_ERROR, &c, "Call admission control: the limit of %u IKE SAs is reached",
		    D.conf->g.max_sa);
		goto out;
	}
	if (D.conf->g.max_in_negotiation_in &&
	    ike_in_negotiation(false) >= D.conf->g.max_in_negotiation_in) {
		ike_stats.cac_rejected++;
		trace_exception(&c, "Call admission control: IKE_SA_INIT refused");
		dbg(DBG_IKEV2 | DBG_ERROR, &c, "Call admission control: %u incoming SAs in negotiation",
		    D.conf->g.max_in_negotiation_in);
		goto out;
	}
	rsa = calloc(1, sizeof(*rsa));
	ours = calloc(1, sizeof(*ours));
	one = calloc(1, sizeof(*one));
	if (!rsa || !ours || !one)
		goto out;
	if (ike_parse_sa(psa, rsa, &e) || ike_parse_ke(pke, &ke, &e)) {
		ike_stats.rx_dropped++;
		ike_stats.rx_bad_payload++;
		DIAG_ERROR(&c, "Malformed IKE_SA_INIT request: %s", e.err);
		ike_send_init_notify(m, local, remote, IKE_N_INVALID_SYNTAX, NULL, 0);
		goto out;
	}
	dbg(DBG_IKEV2, &c, "Processing IKE_SA_INIT message");
	ike_our_proposals(D.conf, local, ours);
	for (i = 0; i < rsa->n && !found; i++)
		found = ike_select_proposal(&rsa->prop[i], ours, &chosen);
	if (!found) {
		log_policies(&c, "Received", rsa, "");
		log_policies(&c, "Expected", ours, "");
		DIAG_ERROR(&c, "Failed to find a matching policy");
		dbg(DBG_IKEV2, &c, "Sending no proposal chosen notify");
		trace_event(&c, "IKE_SA_INIT: no proposal chosen");
		ike_send_init_notify(m, local, remote, IKE_N_NO_PROPOSAL_CHOSEN,
				     NULL, 0);
		goto out;
	}
	for (i = 0; i < chosen.n; i++)
		if (chosen.tr[i].type == IKE_TT_DH && chosen.tr[i].id != ke.group) {
			uint8_t g[2] = { chosen.tr[i].id >> 8, chosen.tr[i].id & 0xff };

			dbg(DBG_IKEV2, &c, "KE group %u not the one chosen: sending INVALID_KE_PAYLOAD (group %u)",
			    ke.group, chosen.tr[i].id);
			trace_event(&c, "IKE_SA_INIT: INVALID_KE_PAYLOAD, group %u asked",
				    chosen.tr[i].id);
			ike_send_init_notify(m, local, remote,
					     IKE_N_INVALID_KE_PAYLOAD, g, 2);
			goto out;
		}
	sa = ike_sa_new(false, local, remote, m->hdr.ispi);
	if (!sa)
		goto out;
	ike_dctx(sa, &c);
	natt_detect(sa, m);
	if (natt_refuse_v6(sa))
		goto out;
	ike_suite_from(&chosen, &sa->suite);
	memcpy(sa->ni, nonce, nlen);
	sa->ni_len = nlen;
	sa->nr_len = NONCE_LEN;
	sa->dh = ike_dh_new(ke.group);
	plen = sa->dh ? ike_dh_public(sa->dh, pub, sizeof(pub)) : 0;
	if (!plen || ike_random(sa->nr, sa->nr_len) || derive(sa, &ke)) {
		IKE_FAIL(sa, "DH computation failed: bad KE payload from the peer");
		goto out;
	}
	one->n = 1;
	one->prop[0] = chosen;
	ike_frag_peer(sa, m);
	h = (struct ike_hdr){
		.ispi = sa->spi_i,
		.rspi = sa->spi_r,
		.version = IKE_VERSION,
		.exch = IKE_SA_INIT,
		.flags = IKE_FLAG_RESPONSE,
	};
	if (ike_build_hdr(&mb, &h) || ike_add_sa(&mb, one) ||
	    ike_add_ke(&mb, ke.group, pub, plen) ||
	    ike_add_nonce(&mb, sa->nr, sa->nr_len) ||
	    natt_add_notifies(&mb, sa, sa->spi_r, false) ||
	    ike_frag_add_notify(sa, &mb) ||
	    ike_build_end(&mb) ||
	    buf_put(&sa->init_i, m->raw, m->raw_len) ||
	    buf_put(&sa->init_r, mb.b.p, mb.b.len)) {
		IKE_FAIL(sa, "Building the IKE_SA_INIT response failed");
		goto out;
	}
	ike_set_state(sa, IKE_ST_INIT_DONE);
	sa->peer_next_msgid = 1;
	sa->resp[0].used = true;
	sa->resp[0].msgid = 0;
	sa->resp[0].msg = mb.b;
	buf_init(&mb.b);
	{
		struct ike_msg *om = calloc(1, sizeof(*om));

		if (om && !ike_parse_msg(sa->resp[0].msg.p, sa->resp[0].msg.len,
					 om, &e))
			ike_debug_msg(sa, om, true, false);
		free(om);
	}
	trace_event(&c, "IKE_SA_INIT answered");
	if (!net_send(sa->resp[0].msg.p, sa->resp[0].msg.len, local, remote)) {
		sa->tx_msgs++;
		ike_stats.tx_msgs++;
	}
out:
	mb_free(&mb);
	free(rsa);
	free(ours);
	free(one);
}
