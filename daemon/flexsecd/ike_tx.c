// SPDX-License-Identifier: GPL-2.0
/*
 * Sending IKE messages: requests with retransmission and exponential
 * back-off within the peer's window (RFC 7296 2.3, 2.4), responses kept
 * to answer retransmitted requests, the SK payload around them, and the
 * debug view of every message in and out.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "algs.h"
#include "crypto.h"
#include "ike_frag.h"
#include "ike_int.h"
#include "net.h"

/* --- debug --- */

static void dbg_vprint(unsigned int cat, const struct dctx *c,
		       const char *fmt, va_list ap)
{
	char line[2048];

	vsnprintf(line, sizeof(line), fmt, ap);
	dbg(cat, c, "%s", line);
}

static void dbg_print(void *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dbg_vprint(DBG_PACKET, ctx, fmt, ap);
	va_end(ap);
}

static void dbg_print_ikev2(void *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dbg_vprint(DBG_IKEV2, ctx, fmt, ap);
	va_end(ap);
}

static const char *exch_role(const struct ike_hdr *h)
{
	return h->flags & IKE_FLAG_RESPONSE ? "RESPONSE" : "REQUEST";
}

void ike_debug_msg(const struct ike_sa *sa, const struct ike_msg *m,
		   bool out, bool encrypted)
{
	struct dctx c;

	ike_dctx(sa, &c);
	ike_debug_msg_at(&c, &sa->local, &sa->remote, m, out, encrypted);
}

void ike_debug_msg_at(const struct dctx *cp,
		      const struct sockaddr_storage *local,
		      const struct sockaddr_storage *remote,
		      const struct ike_msg *m, bool out, bool encrypted)
{
	struct dctx c = *cp;
	char l[64], r[64];

	if (!dbg_on(DBG_IKEV2 | DBG_PACKET, &c))
		return;
	if (encrypted && out && dbg_on(DBG_IKEV2, &c)) {
		dbg(DBG_IKEV2, &c, "Building packet for encryption.");
		ike_print_summary(m, dbg_print_ikev2, &c);
	}
	dbg(DBG_IKEV2, &c, "%s Packet [%s %s/%s %s]", out ? "Sending" : "Received",
	    out ? "To" : "From", sa_str(remote, r, sizeof(r)),
	    out ? "From" : "To", sa_str(local, l, sizeof(l)));
	dbg(DBG_IKEV2, &c, "Initiator SPI : %016llX - Responder SPI : %016llX Message id: %u",
	    (unsigned long long)m->hdr.ispi, (unsigned long long)m->hdr.rspi,
	    m->hdr.msgid);
	dbg(DBG_IKEV2, &c, "IKEv2 %s Exchange %s", exch_name(m->hdr.exch),
	    exch_role(&m->hdr));
	if (encrypted)
		dbg(DBG_IKEV2, &c, "Payload contents:\n ENCR");
	else
		ike_print_summary(m, dbg_print_ikev2, &c);
	if (dbg_on(DBG_PACKET, &c))
		ike_print_msg(m, dbg_on(DBG_HEXDUMP, &c), dbg_print, &c);
}

/* --- sending --- */

static int xmit_one(struct ike_sa *sa, const uint8_t *p, size_t len)
{
	char r[64];
	int err;

	err = net_send(p, len, &sa->local, &sa->remote);
	if (err) {
		struct dctx c;

		ike_dctx(sa, &c);
		dbg(DBG_ERROR, &c, "Sending to %s failed: %s",
		    sa_str(&sa->remote, r, sizeof(r)), strerror(-err));
		return err;
	}
	sa->tx_msgs++;
	ike_stats.tx_msgs++;
	return 0;
}

/* B holds one datagram, or fragments back to back: each is sent. */
int ike_xmit(struct ike_sa *sa, const struct buf *b)
{
	size_t off = 0, len;
	struct dctx c;
	int err = 0;

	if (b->len < IKE_HDR_LEN || get32(b->p + 24) == b->len)
		return xmit_one(sa, b->p, b->len);
	ike_dctx(sa, &c);
	while (off + IKE_HDR_LEN <= b->len && !err) {
		len = get32(b->p + off + 24);
		if (len < IKE_HDR_LEN || len > b->len - off)
			break;
		dbg(DBG_PACKET, &c, "Sending fragment %u of %u, %zu bytes",
		    get16(b->p + off + IKE_HDR_LEN + IKE_GENERIC_HDR_LEN),
		    get16(b->p + off + IKE_HDR_LEN + IKE_GENERIC_HDR_LEN + 2),
		    len);
		err = xmit_one(sa, b->p + off, len);
		sa->frag_tx++;
		ike_frag_stats.tx++;
		off += len;
	}
	return err;
}

/* Wraps INNER in an SK payload under a header for SA, into OUT; or in
 * SKF fragments, back to back, when it is too large for them. */
static int encrypt_msg(struct ike_sa *sa, uint8_t exch, bool response,
		       uint32_t msgid, struct msg_builder *inner,
		       struct buf *out)
{
	struct ike_hdr h = {
		.ispi = sa->spi_i,
		.rspi = sa->spi_r,
		.version = IKE_VERSION,
		.exch = exch,
		.flags = (sa->initiator ? IKE_FLAG_INITIATOR : 0) |
			 (response ? IKE_FLAG_RESPONSE : 0),
		.msgid = msgid,
	};

	return ike_frag_seal(sa, &h, inner, out);
}

/* The debug view of an outgoing encrypted message: its header with the
 * inner payloads. */
static void debug_out(struct ike_sa *sa, uint8_t exch, bool response,
		      uint32_t msgid, struct msg_builder *inner)
{
	struct ike_msg *m;
	struct parse_err e;

	m = calloc(1, sizeof(*m));
	if (!m)
		return;
	m->hdr.ispi = sa->spi_i;
	m->hdr.rspi = sa->spi_r;
	m->hdr.np = inner->first_np;
	m->hdr.version = IKE_VERSION;
	m->hdr.exch = exch;
	m->hdr.flags = (sa->initiator ? IKE_FLAG_INITIATOR : 0) |
		       (response ? IKE_FLAG_RESPONSE : 0);
	m->hdr.msgid = msgid;
	m->hdr.length = (uint32_t)(IKE_HDR_LEN + inner->b.len);
	if (!inner->b.len ||
	    !ike_parse_chain(inner->first_np, inner->b.p, inner->b.len, m, &e))
		ike_debug_msg(sa, m, true, true);
	free(m);
}

static void retransmit(struct timer *t)
{
	struct ike_request *rq = t->arg;
	struct ike_sa *sa = rq->sa;
	uint32_t count = sa->conf ? sa->conf->g.retransmit_count : 5;
	uint32_t tmo = sa->conf ? sa->conf->g.retransmit_timeout_ms : 1000;
	struct dctx c;

	ike_dctx(sa, &c);
	if (rq->retries >= count) {
		char hint[320];

		trace_exception(&c, "Retransmission limit reached for %s message id %u",
				exch_name(rq->exch), rq->msgid);
		if (ike_frag_hint(sa, rq->exch, &rq->msg, count, hint,
				  sizeof(hint)))
			IKE_FAIL(sa, "%s", hint);
		else
			IKE_FAIL(sa, "Maximum number of retransmissions (%u) reached: no response from the peer to %s",
				 count, exch_name(rq->exch));
		return;
	}
	rq->retries++;
	sa->retransmits++;
	ike_stats.retransmits++;
	dbg(DBG_IKEV2, &c, "Retransmitting packet");
	trace_exception(&c, "Retransmitting %s message id %u (%u of %u)",
			exch_name(rq->exch), rq->msgid, rq->retries, count);
	ike_xmit(sa, &rq->msg);
	if (rq->fixed_ms)
		timer_arm(&rq->timer, rq->fixed_ms);
	else
		timer_arm(&rq->timer,
			  (uint64_t)tmo << (rq->retries < 10 ? rq->retries : 10));
}

static struct ike_request *new_request(struct ike_sa *sa, uint32_t msgid)
{
	struct ike_request *rq = &sa->req[msgid % IKE_MAX_WINDOW];

	if (rq->used)
		return NULL;
	memset(&rq->timer, 0, sizeof(rq->timer));
	rq->used = true;
	rq->msgid = msgid;
	rq->retries = 0;
	rq->fixed_ms = 0;
	rq->sa = sa;
	timer_init(&rq->timer, retransmit, rq);
	return rq;
}

static int outstanding(const struct ike_sa *sa)
{
	unsigned int i, n = 0;

	for (i = 0; i < IKE_MAX_WINDOW; i++)
		n += sa->req[i].used;
	return (int)n;
}

static int start_request(struct ike_sa *sa, struct ike_request *rq,
			 uint8_t exch, ike_resp_fn fn)
{
	uint32_t tmo = sa->conf ? sa->conf->g.retransmit_timeout_ms : 1000;

	rq->exch = exch;
	rq->on_response = fn;
	timer_arm(&rq->timer, tmo);
	return ike_xmit(sa, &rq->msg);
}

int ike_send_init_request(struct ike_sa *sa, struct msg_builder *mb,
			  ike_resp_fn fn)
{
	struct ike_request *rq = &sa->req[0];
	struct ike_msg *m;
	struct parse_err e;

	timer_cancel(&rq->timer);
	buf_free(&rq->msg);
	rq->used = false;
	rq = new_request(sa, 0);
	if (!rq || ike_build_end(mb))
		return -1;
	rq->msg = mb->b;
	buf_init(&mb->b);
	m = calloc(1, sizeof(*m));
	if (m && !ike_parse_msg(rq->msg.p, rq->msg.len, m, &e))
		ike_debug_msg(sa, m, true, false);
	free(m);
	return start_request(sa, rq, IKE_SA_INIT, fn);
}

bool ike_idle(const struct ike_sa *sa)
{
	return !outstanding(sa) && !sa->pending;
}

bool ike_window_full(const struct ike_sa *sa)
{
	return outstanding(sa) >= (int)sa->peer_window;
}

static int send_now(struct ike_sa *sa, uint8_t exch, struct msg_builder *inner,
		    ike_resp_fn fn, void *arg)
{
	uint32_t msgid = sa->next_msgid;
	struct ike_request *rq = new_request(sa, msgid);

	if (!rq)
		return -1;
	debug_out(sa, exch, false, msgid, inner);
	if (encrypt_msg(sa, exch, false, msgid, inner, &rq->msg)) {
		rq->used = false;
		return -1;
	}
	sa->next_msgid++;
	rq->arg = arg;
	return start_request(sa, rq, exch, fn);
}

/* Room in the window for a queued request: sends the oldest. */
static void send_pending(struct ike_sa *sa)
{
	struct ike_pending *p;

	while (sa->pending && !ike_window_full(sa) &&
	       sa->state != IKE_ST_DEAD) {
		p = sa->pending;
		sa->pending = p->next;
		if (!sa->pending)
			sa->pending_tail = &sa->pending;
		sa->n_pending--;
		send_now(sa, p->exch, &p->inner, p->on_response, p->arg);
		mb_free(&p->inner);
		free(p);
	}
}

void ike_pending_run(struct ike_sa *sa)
{
	send_pending(sa);
}

void ike_pending_free(struct ike_sa *sa)
{
	struct ike_pending *p;

	while ((p = sa->pending)) {
		sa->pending = p->next;
		mb_free(&p->inner);
		free(p);
	}
	sa->pending_tail = &sa->pending;
	sa->n_pending = 0;
}

int ike_send_request(struct ike_sa *sa, uint8_t exch, struct msg_builder *inner,
		     ike_resp_fn fn, void *arg)
{
	struct ike_pending *p;
	struct dctx c;

	if (!sa->pending_tail)
		sa->pending_tail = &sa->pending;
	if (!sa->pending && !ike_window_full(sa))
		return send_now(sa, exch, inner, fn, arg);
	ike_dctx(sa, &c);
	if (sa->n_pending >= IKE_MAX_PENDING) {
		DIAG_ERROR(&c, "%u requests wait for the peer's window already; %s not sent",
			   sa->n_pending, exch_name(exch));
		return -1;
	}
	p = calloc(1, sizeof(*p));
	if (!p)
		return -1;
	p->exch = exch;
	p->inner = *inner;
	mb_init(inner);
	p->on_response = fn;
	p->arg = arg;
	*sa->pending_tail = p;
	sa->pending_tail = &p->next;
	sa->n_pending++;
	dbg(DBG_IKEV2, &c, "Window of %u requests is full: %s queued (%u waiting)",
	    sa->peer_window, exch_name(exch), sa->n_pending);
	return 1;
}

int ike_send_response(struct ike_sa *sa, const struct ike_msg *req,
		      struct msg_builder *inner)
{
	struct ike_response *rs = &sa->resp[req->hdr.msgid % IKE_MAX_WINDOW];

	buf_free(&rs->msg);
	debug_out(sa, req->hdr.exch, true, req->hdr.msgid, inner);
	if (encrypt_msg(sa, req->hdr.exch, true, req->hdr.msgid, inner,
			&rs->msg))
		return -1;
	rs->used = true;
	rs->msgid = req->hdr.msgid;
	return ike_xmit(sa, &rs->msg);
}

void ike_send_init_notify(const struct ike_msg *req,
			  const struct sockaddr_storage *local,
			  const struct sockaddr_storage *remote,
			  uint16_t type, const void *data, size_t len)
{
	struct ike_hdr h = {
		.ispi = req->hdr.ispi,
		.rspi = 0,
		.version = IKE_VERSION,
		.exch = IKE_SA_INIT,
		.flags = IKE_FLAG_RESPONSE,
		.msgid = 0,
	};
	struct msg_builder mb;

	mb_init(&mb);
	if (!ike_build_hdr(&mb, &h) &&
	    !ike_add_notify(&mb, 0, NULL, 0, type, data, len) &&
	    !ike_build_end(&mb) &&
	    !net_send(mb.b.p, mb.b.len, local, remote)) {
		ike_stats.tx_msgs++;
	}
	mb_free(&mb);
}
