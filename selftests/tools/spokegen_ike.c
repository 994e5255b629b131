// SPDX-License-Identifier: GPL-2.0
/*
 * spokegen's IKEv2 initiator, one spoke at a time: IKE_SA_INIT with the
 * hub's suite (AES-GCM-128, PRF-HMAC-SHA256, ECP-256), a COOKIE retry
 * when the hub asks, IKE_AUTH with a pre-shared key (RFC 7296 2.15), the
 * FQDN identity spokeNUM.DOMAIN, a CFG_REQUEST for an IPv4 address and
 * one ESP CHILD SA (AES-GCM-128, any-to-any); then the hub's requests
 * answered (DPD, a Delete), and our own Delete at the end. No SA ever
 * reaches a kernel: only the IKE SA's keys are kept.
 *
 * Everything that touches the wire is the daemon's code: the message
 * parser and builder (msg.h, cp.h), the key exchange, SKEYSEED, the SK
 * payload and the AUTH value (crypto.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "algs.h"
#include "cp.h"
#include "msg.h"
#include "proposal.h"
#include "spokegen.h"

/* The suite offered, and the only one accepted back. */
#define SG_ENCR		IKE_ENCR_AES_GCM_16
#define SG_ENCR_BITS	128
#define SG_PRF		IKE_PRF_HMAC_SHA2_256
#define SG_DH		IKE_DH_ECP_256

static struct ike_dh *shared_dh;

/* Scratch space: one message is handled at a time. */
static struct ike_msg msg_out, msg_in;
static struct ike_sa_pl sa_pl;
static struct ike_ts_pl ts_pl;
static struct ike_cp cp_pl;
static uint8_t plain[IKE_MAX_MSG];

int sg_ike_setup(void)
{
	if (!ike_dh_supported(SG_DH))
		return -1;
	if (!sg_opt.fresh_dh) {
		shared_dh = ike_dh_new(SG_DH);
		if (!shared_dh)
			return -1;
	}
	return 0;
}

void sg_spoke_free(struct spoke *s)
{
	if (s->dh && s->dh != shared_dh)
		ike_dh_free(s->dh);
	s->dh = NULL;
	buf_free(&s->init_i);
	buf_free(&s->init_r);
	buf_free(&s->cookie);
	buf_free(&s->req);
	buf_free(&s->resp);
	ike_keys_wipe(&s->keys);
}

static int nat_notify(struct msg_builder *mb, uint16_t type, uint64_t spi_i,
		      const struct sockaddr_in *a)
{
	uint8_t h[20];

	if (ike_nat_hash(spi_i, 0, (const uint8_t *)&a->sin_addr, 4,
			 ntohs(a->sin_port), h))
		return -1;
	return ike_add_notify(mb, 0, NULL, 0, type, h, sizeof(h));
}

static void ike_proposal(struct ike_sa_pl *sp)
{
	struct ike_proposal *p = &sp->prop[0];

	memset(sp, 0, sizeof(*sp));
	sp->n = 1;
	p->num = 1;
	p->proto = IKE_PROTO_IKE;
	p->tr[p->n++] = (struct ike_transform){ IKE_TT_ENCR, SG_ENCR,
						SG_ENCR_BITS, false };
	p->tr[p->n++] = (struct ike_transform){ IKE_TT_PRF, SG_PRF, 0, false };
	p->tr[p->n++] = (struct ike_transform){ IKE_TT_DH, SG_DH, 0, false };
}

static void esp_proposal(struct ike_sa_pl *sp, uint32_t spi)
{
	struct ike_proposal *p = &sp->prop[0];

	memset(sp, 0, sizeof(*sp));
	sp->n = 1;
	p->num = 1;
	p->proto = IKE_PROTO_ESP;
	p->spi_size = 4;
	p->spi[0] = (uint8_t)(spi >> 24);
	p->spi[1] = (uint8_t)(spi >> 16);
	p->spi[2] = (uint8_t)(spi >> 8);
	p->spi[3] = (uint8_t)spi;
	p->tr[p->n++] = (struct ike_transform){ IKE_TT_ENCR, SG_ENCR,
						SG_ENCR_BITS, false };
	p->tr[p->n++] = (struct ike_transform){ IKE_TT_ESN, IKE_ESN_NO, 0,
						false };
}

static void ts_any(struct ike_ts_pl *t)
{
	memset(t, 0, sizeof(*t));
	t->n = 1;
	t->ts[0].type = IKE_TS_IPV4_ADDR_RANGE;
	t->ts[0].eport = 65535;
	t->ts[0].alen = 4;
	memset(t->ts[0].end, 0xff, 4);
}

/* --- IKE_SA_INIT --- */

static int init_send(struct spoke *s)
{
	struct ike_hdr h = {
		.ispi = s->spi_i,
		.version = IKE_VERSION,
		.exch = IKE_SA_INIT,
		.flags = IKE_FLAG_INITIATOR,
	};
	uint8_t pub[IKE_MAX_DH];
	struct msg_builder mb;
	size_t plen;
	int err = -1;

	plen = ike_dh_public(s->dh, pub, sizeof(pub));
	ike_proposal(&sa_pl);
	mb_init(&mb);
	if (!plen || ike_build_hdr(&mb, &h) ||
	    (s->cookie.len && ike_add_notify(&mb, 0, NULL, 0, IKE_N_COOKIE,
					     s->cookie.p, s->cookie.len)) ||
	    ike_add_sa(&mb, &sa_pl) ||
	    ike_add_ke(&mb, SG_DH, pub, plen) ||
	    ike_add_nonce(&mb, s->ni, sizeof(s->ni)) ||
	    nat_notify(&mb, IKE_N_NAT_DETECTION_SOURCE_IP, s->spi_i,
		       &s->local) ||
	    nat_notify(&mb, IKE_N_NAT_DETECTION_DESTINATION_IP, s->spi_i,
		       &sg_opt.hub) ||
	    ike_build_end(&mb))
		goto out;
	buf_free(&s->init_i);
	buf_free(&s->req);
	buf_init(&s->init_i);
	if (buf_put(&s->init_i, mb.b.p, mb.b.len))
		goto out;
	s->req = mb.b;
	buf_init(&mb.b);
	s->req_msgid = 0;
	s->tries = 0;
	s->state = SG_INIT;
	err = sg_xmit(s);
out:
	mb_free(&mb);
	return err;
}

int sg_start(struct spoke *s)
{
	do {
		if (ike_random(&s->spi_i, sizeof(s->spi_i)))
			return -1;
	} while (!s->spi_i);
	if (ike_random(s->ni, sizeof(s->ni)) ||
	    ike_random(&s->esp_spi, sizeof(s->esp_spi)))
		return -1;
	s->esp_spi |= 0x100;
	s->dh = shared_dh ? shared_dh : ike_dh_new(SG_DH);
	if (!s->dh)
		return -1;
	s->started_ms = sg_now_ms();
	return init_send(s);
}

/* The suite of the hub's one proposal: the one offered, or false. */
static bool suite_of(const struct ike_sa_pl *sp, struct ike_suite *su)
{
	memset(su, 0, sizeof(*su));
	if (sp->n != 1 || sp->prop[0].proto != IKE_PROTO_IKE)
		return false;
	ike_suite_from(&sp->prop[0], su);
	return su->encr == SG_ENCR && su->encr_bits == SG_ENCR_BITS &&
	       su->prf == SG_PRF && su->dh == SG_DH &&
	       su->integ == IKE_INTEG_NONE;
}

/* The first error notify of M, or 0. */
static uint16_t error_notify(const struct ike_msg *m)
{
	struct ike_notify_pl n;
	struct parse_err e;
	unsigned int i;

	for (i = 0; i < m->n; i++)
		if (m->pl[i].type == IKE_PL_NOTIFY &&
		    !ike_parse_notify(&m->pl[i], &n, &e) &&
		    n.type <= IKE_N_ERROR_MAX)
			return n.type;
	return 0;
}

static void auth_send(struct spoke *s);

static void init_response(struct spoke *s, const struct ike_msg *m)
{
	const struct ike_payload *psa, *pke, *pn;
	uint8_t gir[IKE_MAX_SECRET];
	size_t gir_len = sizeof(gir), nlen;
	struct ike_notify_pl n;
	const uint8_t *nonce;
	struct parse_err e;
	struct ike_ke_pl ke;
	uint16_t err;
	int bad;

	if (!ike_find_notify(m, IKE_N_COOKIE, &n) && n.len && n.len <= 64) {
		sg_stats.cookies++;
		if (s->cookie.len) {
			sg_fail(s, "the hub asks for a COOKIE again");
			return;
		}
		buf_init(&s->cookie);
		if (buf_put(&s->cookie, n.data, n.len) || init_send(s))
			sg_fail(s, "cannot repeat IKE_SA_INIT with the COOKIE");
		return;
	}
	psa = ike_find(m, IKE_PL_SA);
	pke = ike_find(m, IKE_PL_KE);
	pn = ike_find(m, IKE_PL_NONCE);
	if (!psa || !pke || !pn || !m->hdr.rspi) {
		err = error_notify(m);
		sg_fail(s, "IKE_SA_INIT: %s", err ? notify_name(err) :
			"response without SA, KE or nonce");
		return;
	}
	if (ike_parse_sa(psa, &sa_pl, &e) || ike_parse_ke(pke, &ke, &e) ||
	    ike_parse_nonce(pn, &nonce, &nlen, &e)) {
		sg_fail(s, "IKE_SA_INIT: malformed response: %s", e.err);
		return;
	}
	if (!suite_of(&sa_pl, &s->suite) || ke.group != SG_DH) {
		sg_fail(s, "IKE_SA_INIT: the hub chose a suite not offered");
		return;
	}
	s->spi_r = m->hdr.rspi;
	memcpy(s->nr, nonce, nlen);
	s->nr_len = nlen;
	buf_init(&s->init_r);
	bad = buf_put(&s->init_r, m->raw, m->raw_len) ||
	      ike_dh_derive(s->dh, ke.data, ke.len, gir, &gir_len) ||
	      ike_derive_keys(&s->suite, s->ni, sizeof(s->ni), s->nr,
			      s->nr_len, gir, gir_len, s->spi_i, s->spi_r,
			      NULL, 0, 0, &s->keys);
	explicit_bzero(gir, sizeof(gir));
	if (s->dh != shared_dh)
		ike_dh_free(s->dh);
	s->dh = NULL;
	buf_free(&s->cookie);
	if (bad) {
		sg_fail(s, "IKE_SA_INIT: computing the keys failed");
		return;
	}
	auth_send(s);
}

/* --- the SK payload --- */

/* INNER's payloads in an SK payload under S's header, into OUT. */
static int seal(struct spoke *s, uint8_t exch, bool response, uint32_t msgid,
		const struct msg_builder *inner, struct buf *out)
{
	struct ike_hdr h = {
		.ispi = s->spi_i,
		.rspi = s->spi_r,
		.version = IKE_VERSION,
		.exch = exch,
		.flags = IKE_FLAG_INITIATOR | (response ? IKE_FLAG_RESPONSE : 0),
		.msgid = msgid,
	};
	size_t body = ike_sk_len(&s->suite, inner->b.len);
	const size_t off = IKE_HDR_LEN + IKE_GENERIC_HDR_LEN;
	struct msg_builder mb;

	mb_init(&mb);
	if (!body || ike_build_hdr(&mb, &h) ||
	    ike_add_sk(&mb, inner->first_np, NULL, body) ||
	    ike_build_end(&mb) ||
	    ike_sk_seal(&s->suite, s->keys.sk_ei, s->keys.sk_ai, mb.b.p, off,
			inner->b.p, inner->b.len)) {
		mb_free(&mb);
		return -1;
	}
	*out = mb.b;
	return 0;
}

/* M's SK payload from the hub opened, its payloads parsed into IN. */
static int open_sk(struct spoke *s, const struct ike_msg *m,
		   struct ike_msg *in)
{
	const struct ike_payload *sk = &m->pl[0];
	struct parse_err e;
	size_t plen = 0;

	if (m->n != 1 || sk->type != IKE_PL_SK ||
	    ike_sk_open(&s->suite, s->keys.sk_er, s->keys.sk_ar, m->raw,
			(size_t)(sk->body - m->raw), m->raw_len, plain, &plen))
		return -1;
	memset(in, 0, sizeof(*in));
	in->hdr = m->hdr;
	in->raw = m->raw;
	in->raw_len = m->raw_len;
	if (plen && ike_parse_chain(sk->inner_np, plain, plen, in, &e))
		return -1;
	return 0;
}

/* --- IKE_AUTH --- */

static size_t id_body(const struct spoke *s, uint8_t *out, size_t cap)
{
	int n;

	out[0] = IKE_ID_FQDN;
	out[1] = out[2] = out[3] = 0;
	n = snprintf((char *)out + 4, cap - 4, "spoke%u.%s", s->num,
		     sg_opt.domain);
	return n > 0 && (size_t)n < cap - 4 ? (size_t)n + 4 : 0;
}

static void auth_send(struct spoke *s)
{
	uint8_t idb[300], auth[IKE_MAX_PRF];
	size_t idlen = id_body(s, idb, sizeof(idb));
	size_t alen = ike_prf_len(s->suite.prf);
	struct msg_builder mb;
	struct buf out;
	int bad;

	if (!idlen || ike_psk_auth(s->suite.prf,
				   (const uint8_t *)sg_opt.psk,
				   strlen(sg_opt.psk), s->init_i.p,
				   s->init_i.len, s->nr, s->nr_len,
				   s->keys.sk_pi, s->keys.p_len, idb, idlen,
				   auth)) {
		sg_fail(s, "IKE_AUTH: computing AUTH failed");
		return;
	}
	buf_free(&s->init_i);
	memset(&cp_pl, 0, sizeof(cp_pl));
	cp_pl.type = IKE_CFG_REQUEST;
	cp_pl.asked = IKE_CP_BIT(IKE_CP_IP4_ADDR);
	esp_proposal(&sa_pl, s->esp_spi);
	ts_any(&ts_pl);
	mb_init(&mb);
	bad = ike_add_id(&mb, IKE_PL_IDI, idb[0], idb + 4, idlen - 4) ||
	      ike_add_auth(&mb, IKE_AUTH_PSK, auth, alen) ||
	      ike_add_cp(&mb, &cp_pl) ||
	      ike_add_notify(&mb, 0, NULL, 0, IKE_N_INITIAL_CONTACT, NULL, 0) ||
	      ike_add_sa(&mb, &sa_pl) ||
	      ike_add_ts(&mb, IKE_PL_TSI, &ts_pl) ||
	      ike_add_ts(&mb, IKE_PL_TSR, &ts_pl) ||
	      seal(s, IKE_AUTH, false, 1, &mb, &out);
	explicit_bzero(auth, sizeof(auth));
	mb_free(&mb);
	if (bad) {
		sg_fail(s, "IKE_AUTH: building the request failed");
		return;
	}
	buf_free(&s->req);
	s->req = out;
	s->req_msgid = 1;
	s->tries = 0;
	s->state = SG_AUTH;
	if (sg_xmit(s))
		sg_fail(s, "IKE_AUTH: sending failed");
}

static bool hub_auth_ok(struct spoke *s, const struct ike_msg *in)
{
	const struct ike_payload *pid = ike_find(in, IKE_PL_IDR);
	const struct ike_payload *pa = ike_find(in, IKE_PL_AUTH);
	uint8_t want[IKE_MAX_PRF];
	struct ike_auth_pl a;
	struct ike_id_pl id;
	struct parse_err e;
	size_t plen = ike_prf_len(s->suite.prf);
	bool ok;

	if (!pid || !pa || ike_parse_id(pid, &id, &e) ||
	    ike_parse_auth(pa, &a, &e) || a.method != IKE_AUTH_PSK ||
	    a.len != plen)
		return false;
	ok = !ike_psk_auth(s->suite.prf, (const uint8_t *)sg_opt.psk,
			   strlen(sg_opt.psk), s->init_r.p, s->init_r.len,
			   s->ni, sizeof(s->ni), s->keys.sk_pr, s->keys.p_len,
			   id.body, id.body_len, want) &&
	     ike_memeq(want, a.data, plen);
	explicit_bzero(want, sizeof(want));
	return ok;
}

static void auth_response(struct spoke *s, const struct ike_msg *in)
{
	const struct ike_payload *pcp = ike_find(in, IKE_PL_CP);
	uint16_t err = error_notify(in);
	struct parse_err e;

	if (err) {
		sg_fail(s, "IKE_AUTH: %s", notify_name(err));
		return;
	}
	if (!hub_auth_ok(s, in)) {
		sg_fail(s, "IKE_AUTH: the hub's AUTH does not verify");
		return;
	}
	if (!ike_find(in, IKE_PL_SA) || !ike_find(in, IKE_PL_TSI) ||
	    !ike_find(in, IKE_PL_TSR)) {
		sg_fail(s, "IKE_AUTH: no CHILD SA in the response");
		return;
	}
	if (pcp && !ike_parse_cp(pcp, &cp_pl, &e) &&
	    cp_pl.type == IKE_CFG_REPLY && cp_pl.n_ip4_addr)
		s->assigned = cp_pl.ip4_addr[0];
	buf_free(&s->init_r);
	s->state = SG_UP;
	s->up_ms = sg_now_ms();
	sg_stats.up++;
	sg_done(s);
}

/* --- the hub's requests, and our Delete --- */

static void respond(struct spoke *s, const struct ike_msg *m,
		    const struct msg_builder *inner)
{
	struct buf out;

	if (seal(s, m->hdr.exch, true, m->hdr.msgid, inner, &out))
		return;
	buf_free(&s->resp);
	s->resp = out;
	s->resp_msgid = m->hdr.msgid;
	s->have_resp = true;
	(void)!send(s->fd, s->resp.p, s->resp.len, 0);
}

static void hub_request(struct spoke *s, const struct ike_msg *m)
{
	struct ike_delete_pl d;
	struct msg_builder mb;
	struct parse_err e;
	unsigned int i;
	bool gone = false;

	if (s->have_resp && m->hdr.msgid == s->resp_msgid) {
		sg_stats.dpd_again++;
		(void)!send(s->fd, s->resp.p, s->resp.len, 0);
		return;
	}
	if ((s->have_resp && m->hdr.msgid < s->resp_msgid) ||
	    open_sk(s, m, &msg_in)) {
		sg_stats.bad++;
		return;
	}
	mb_init(&mb);
	if (m->hdr.exch == IKE_INFORMATIONAL) {
		for (i = 0; i < msg_in.n; i++) {
			if (msg_in.pl[i].type != IKE_PL_DELETE ||
			    ike_parse_delete(&msg_in.pl[i], &d, &e))
				continue;
			if (d.proto == IKE_PROTO_IKE) {
				gone = true;
			} else if (d.proto == IKE_PROTO_ESP) {
				uint8_t spi[4] = {
					(uint8_t)(s->esp_spi >> 24),
					(uint8_t)(s->esp_spi >> 16),
					(uint8_t)(s->esp_spi >> 8),
					(uint8_t)s->esp_spi,
				};

				ike_add_delete(&mb, IKE_PROTO_ESP, 4, spi, 1);
			}
		}
		if (!msg_in.n)
			sg_stats.dpd++;
		else
			sg_stats.other_requests++;
	} else {
		sg_stats.other_requests++;
		ike_add_notify(&mb, 0, NULL, 0, IKE_N_NO_ADDITIONAL_SAS, NULL,
			       0);
	}
	respond(s, m, &mb);
	mb_free(&mb);
	if (gone && s->state == SG_UP) {
		s->state = SG_GONE;
		sg_stats.hub_deleted++;
	} else if (gone && s->state == SG_DELETING) {
		s->state = SG_GONE;
		sg_stats.deleted++;
		sg_done(s);
	}
}

int sg_delete(struct spoke *s)
{
	struct msg_builder mb;
	struct buf out;
	int err;

	mb_init(&mb);
	err = ike_add_delete(&mb, IKE_PROTO_IKE, 0, NULL, 0) ||
	      seal(s, IKE_INFORMATIONAL, false, 2, &mb, &out);
	mb_free(&mb);
	if (err)
		return -1;
	buf_free(&s->req);
	s->req = out;
	s->req_msgid = 2;
	s->tries = 0;
	s->state = SG_DELETING;
	return sg_xmit(s);
}

void sg_input(struct spoke *s, const uint8_t *pkt, size_t len)
{
	const struct ike_hdr *h = &msg_out.hdr;
	struct parse_err e;

	if (ike_parse_msg(pkt, len, &msg_out, &e) || h->ispi != s->spi_i) {
		sg_stats.bad++;
		return;
	}
	if (!(h->flags & IKE_FLAG_RESPONSE)) {
		if ((s->state == SG_UP || s->state == SG_DELETING) &&
		    !(h->flags & IKE_FLAG_INITIATOR) && h->rspi == s->spi_r)
			hub_request(s, &msg_out);
		else
			sg_stats.bad++;
		return;
	}
	if (h->msgid != s->req_msgid) {
		sg_stats.bad++;
		return;
	}
	switch (s->state) {
	case SG_INIT:
		if (h->exch == IKE_SA_INIT)
			init_response(s, &msg_out);
		break;
	case SG_AUTH:
		if (h->exch != IKE_AUTH || h->rspi != s->spi_r ||
		    open_sk(s, &msg_out, &msg_in)) {
			sg_stats.bad++;
			break;
		}
		auth_response(s, &msg_in);
		break;
	case SG_DELETING:
		if (h->exch != IKE_INFORMATIONAL || h->rspi != s->spi_r ||
		    open_sk(s, &msg_out, &msg_in)) {
			sg_stats.bad++;
			break;
		}
		s->state = SG_GONE;
		sg_stats.deleted++;
		sg_done(s);
		break;
	default:
		break;
	}
}
