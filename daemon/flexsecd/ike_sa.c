// SPDX-License-Identifier: GPL-2.0
/*
 * IKE SAs: the table, message IDs and windows (RFC 7296 2.3), sending
 * with retransmission and exponential back-off, answering retransmitted
 * requests from the cached response, and the entry point for every
 * datagram: validate, find the SA, decrypt, dispatch.
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "algs.h"
#include "crypto.h"
#include "ike_int.h"
#include "kmi.h"
#include "net.h"

static struct ike_sa *reap_list;

void ike_dctx(const struct ike_sa *sa, struct dctx *c)
{
	memset(c, 0, sizeof(*c));
	if (!sa)
		return;
	c->session_id = sa->session_id;
	c->sa_id = sa->id;
	c->peer = &sa->remote;
	c->local = &sa->local;
}

static const char *state_name(enum ike_state st)
{
	static const char *const names[] = {
		[IKE_ST_INIT_SENT] = "INIT_SENT", [IKE_ST_INIT_DONE] = "INIT_DONE",
		[IKE_ST_AUTH_SENT] = "AUTH_SENT", [IKE_ST_READY] = "READY",
		[IKE_ST_DELETING] = "DELETING", [IKE_ST_DEAD] = "DEAD",
	};

	return (unsigned int)st < sizeof(names) / sizeof(names[0]) ? names[st] : "?";
}

void ike_set_state(struct ike_sa *sa, enum ike_state st)
{
	struct dctx c;

	ike_dctx(sa, &c);
	dbg(DBG_INTERNAL, &c, "SM: %s -> %s", state_name(sa->state),
	    state_name(st));
	sa->state = st;
}

void ike_set_status(struct ike_sa *sa, const char *status)
{
	size_t n = strnlen(status, sizeof(sa->status) - 1);

	memcpy(sa->status, status, n);
	sa->status[n] = 0;
}

const char *ike_state_show(enum ike_state st)
{
	switch (st) {
	case IKE_ST_INIT_SENT:
	case IKE_ST_INIT_DONE:
	case IKE_ST_AUTH_SENT:
		return "IN-NEG";
	case IKE_ST_READY:
		return "READY";
	case IKE_ST_DELETING:
		return "DELETE";
	case IKE_ST_DEAD:
		return "DELETED";
	}
	return "UNKNOWN";
}

uint32_t ike_window(const struct ike_sa *sa)
{
	uint32_t w = sa->conf ? sa->conf->g.window : 5;

	if (w < 1)
		w = 1;
	return w > IKE_MAX_WINDOW ? IKE_MAX_WINDOW : w;
}

static void lifetime_expired(struct timer *t)
{
	struct ike_sa *sa = t->arg;
	struct dctx c;

	ike_dctx(sa, &c);
	trace_event(&c, "IKE SA lifetime expired");
	dbg(DBG_IKEV2, &c, "SA lifetime expired: deleting the IKE SA");
	ike_delete_now(sa, "lifetime expired");
	ike_sa_reap();
}

static void dpd_answer(struct ike_sa *sa, struct ike_request *rq,
		       const struct ike_msg *m)
{
	struct dctx c;

	ike_dctx(sa, &c);
	dbg(DBG_IKEV2, &c, "DPD: the peer answered");
}

/* Dead peer detection: an empty INFORMATIONAL when nothing came from the
 * peer for the interval; retransmitted like any request, and the SA
 * fails when none is answered. */
/* On demand: traffic went out but none came back since the last check. */
static bool dpd_traffic_one_way(struct ike_sa *sa)
{
	uint64_t tx = 0, rx = 0;
	struct kmi_sa_stats st;
	struct child_sa *ch;
	bool one_way;

	for (ch = sa->children; ch; ch = ch->next) {
		if (ch->state != CHILD_ST_INSTALLED)
			continue;
		if (!kmi_sa_stats(D.kmi, ch->ifindex, false, ch->spi_out, &st) &&
		    st.found)
			tx += st.tx_packets;
		if (!kmi_sa_stats(D.kmi, ch->ifindex, true, ch->spi_in, &st) &&
		    st.found)
			rx += st.rx_packets;
	}
	one_way = tx != sa->dpd_tx && rx == sa->dpd_rx;
	sa->dpd_tx = tx;
	sa->dpd_rx = rx;
	return one_way;
}

static void dpd_fire(struct timer *t)
{
	struct ike_sa *sa = t->arg;
	const struct conf_profile *p = sa->prof;
	uint32_t iv = p ? p->dpd_interval : 0;
	struct ike_request *rq;
	struct msg_builder mb;
	bool probe;
	struct dctx c;

	if (!iv || sa->state != IKE_ST_READY)
		return;
	ike_dctx(sa, &c);
	if (p->dpd_mode == CONF_DPD_ON_DEMAND)
		probe = dpd_traffic_one_way(sa);
	else
		probe = (uint64_t)(time(NULL) - sa->last_rx) >= iv;
	if (probe) {
		dbg(DBG_IKEV2, &c, "DPD: sending a liveness check");
		mb_init(&mb);
		if (!ike_send_request(sa, IKE_INFORMATIONAL, &mb, dpd_answer)) {
			/* retransmitted every "retry" seconds, not doubling */
			rq = &sa->req[(sa->next_msgid - 1) % IKE_MAX_WINDOW];
			rq->fixed_ms = p->dpd_retry * 1000;
			timer_arm(&rq->timer, rq->fixed_ms);
		}
		mb_free(&mb);
	}
	timer_arm(&sa->dpd, (uint64_t)iv * 1000);
}

void ike_dpd_start(struct ike_sa *sa)
{
	uint32_t iv = sa->prof ? sa->prof->dpd_interval : 0;

	if (iv)
		timer_arm(&sa->dpd, (uint64_t)iv * 1000);
}

static void half_open_expired(struct timer *t)
{
	struct ike_sa *sa = t->arg;

	IKE_FAIL(sa, "Half-open SA timed out: no IKE_AUTH from the peer");
}

struct ike_sa *ike_sa_new(bool initiator, const struct sockaddr_storage *local,
			  const struct sockaddr_storage *remote)
{
	struct ike_sa *sa = calloc(1, sizeof(*sa));
	unsigned int i;

	if (!sa)
		return NULL;
	sa->id = ++D.next_sa_id;
	sa->session_id = ++D.next_session_id;
	sa->tunnel_id = sa->id;
	sa->initiator = initiator;
	sa->local = *local;
	sa->remote = *remote;
	sa->conf = D.conf;
	sa->window = ike_window(sa);
	sa->peer_window = 1;
	sa->created = time(NULL);
	sa->created_ms = now_ms();
	sa->last_rx = sa->created;
	buf_init(&sa->init_i);
	buf_init(&sa->init_r);
	buf_init(&sa->cookie);
	for (i = 0; i < IKE_MAX_WINDOW; i++) {
		buf_init(&sa->req[i].msg);
		buf_init(&sa->resp[i].msg);
	}
	timer_init(&sa->half_open, half_open_expired, sa);
	timer_init(&sa->lifetime, lifetime_expired, sa);
	timer_init(&sa->dpd, dpd_fire, sa);
	do {
		if (ike_random(initiator ? &sa->spi_i : &sa->spi_r, 8)) {
			free(sa);
			return NULL;
		}
	} while (!(initiator ? sa->spi_i : sa->spi_r));
	ike_set_status(sa, "Negotiation in progress");
	sa->next = D.sas;
	D.sas = sa;
	D.n_sas++;
	if (initiator) {
		ike_stats.sa_initiated++;
	} else {
		ike_stats.sa_responded++;
		timer_arm(&sa->half_open,
			  (uint64_t)(sa->conf ? sa->conf->g.half_open_timeout
					       : 30) * 1000);
	}
	return sa;
}

static void unlink_sa(struct ike_sa *sa)
{
	struct ike_sa **pp;

	for (pp = &D.sas; *pp; pp = &(*pp)->next) {
		if (*pp == sa) {
			*pp = sa->next;
			D.n_sas--;
			return;
		}
	}
}

void ike_sa_free(struct ike_sa *sa)
{
	unsigned int i;

	while (sa->children) {
		struct child_sa *c = sa->children;

		sa->children = c->next;
		child_free(c, true);
	}
	for (i = 0; i < IKE_MAX_WINDOW; i++) {
		timer_cancel(&sa->req[i].timer);
		buf_free(&sa->req[i].msg);
		buf_free(&sa->resp[i].msg);
	}
	timer_cancel(&sa->half_open);
	timer_cancel(&sa->lifetime);
	timer_cancel(&sa->dpd);
	ike_dh_free(sa->dh);
	ike_keys_wipe(&sa->keys);
	explicit_bzero(sa->ni, sizeof(sa->ni));
	explicit_bzero(sa->nr, sizeof(sa->nr));
	buf_free(&sa->init_i);
	buf_free(&sa->init_r);
	buf_free(&sa->cookie);
	free(sa);
}

/* Removes SA from the table now and frees it once the loop is idle, so
 * that callers up the stack may still look at it. */
static void retire(struct ike_sa *sa)
{
	unsigned int i;

	if (sa->state == IKE_ST_DEAD)
		return;
	ike_set_state(sa, IKE_ST_DEAD);
	for (i = 0; i < IKE_MAX_WINDOW; i++)
		timer_cancel(&sa->req[i].timer);
	timer_cancel(&sa->half_open);
	timer_cancel(&sa->lifetime);
	timer_cancel(&sa->dpd);
	while (sa->children) {
		struct child_sa *c = sa->children;

		sa->children = c->next;
		child_free(c, true);
	}
	unlink_sa(sa);
	sa->next = reap_list;
	reap_list = sa;
}

void ike_sa_reap(void)
{
	while (reap_list) {
		struct ike_sa *sa = reap_list;

		reap_list = sa->next;
		ike_sa_free(sa);
	}
}

void ike_sa_fail(struct ike_sa *sa, const char *where, const char *fmt, ...)
{
	char msg[256], r[64];
	struct dctx c;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ike_dctx(sa, &c);
	diag_error_at(&c, where, "%s", msg);
	trace_event(&c, "Negotiation aborted due to ERROR: %s", msg);
	if (sa->state != IKE_ST_READY && sa->state != IKE_ST_DELETING)
		ike_stats.sa_failed++;
	log_notice("%%IKEV2-5-SA_DOWN: SA ID %u with %s: %s", sa->id,
		   sa_addr_str(&sa->remote, r, sizeof(r)), msg);
	ike_set_status(sa, msg);
	retire(sa);
}

void ike_sa_drop(struct ike_sa *sa, const char *why)
{
	char r[64];
	struct dctx c;

	ike_dctx(sa, &c);
	trace_event(&c, "SA deleted: %s", why);
	dbg(DBG_IKEV2, &c, "Deleting SA: %s", why);
	if (sa->state == IKE_ST_READY || sa->state == IKE_ST_DELETING)
		log_notice("%%IKEV2-5-SA_DOWN: SA ID %u with %s: %s", sa->id,
			   sa_addr_str(&sa->remote, r, sizeof(r)), why);
	retire(sa);
}

struct ike_sa *ike_sa_find(uint64_t spi_i, uint64_t spi_r)
{
	struct ike_sa *sa;

	for_each_ike_sa(sa)
		if (sa->spi_i == spi_i && sa->spi_r == spi_r &&
		    sa->state != IKE_ST_DEAD)
			return sa;
	return NULL;
}

/* An SA of ours whose responder SPI is not known yet (we initiated it),
 * or a responder's SA for a retransmitted IKE_SA_INIT. */
struct ike_sa *ike_sa_find_half(uint64_t spi_i,
				const struct sockaddr_storage *remote)
{
	struct ike_sa *sa;

	for_each_ike_sa(sa)
		if (sa->spi_i == spi_i && !sa_addr_cmp(&sa->remote, remote) &&
		    sa->state != IKE_ST_DEAD)
			return sa;
	return NULL;
}

struct ike_sa *ike_sa_for_tunnel(const struct conf_tunnel *t)
{
	struct ike_sa *sa;

	for_each_ike_sa(sa)
		if (sa->tun && !strcmp(sa->tun->name, t->name) &&
		    sa->state != IKE_ST_DEAD && sa->state != IKE_ST_DELETING)
			return sa;
	return NULL;
}

unsigned int ike_in_negotiation(bool initiator)
{
	struct ike_sa *sa;
	unsigned int n = 0;

	for_each_ike_sa(sa)
		if (sa->initiator == initiator && sa->state < IKE_ST_READY)
			n++;
	return n;
}

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

static int xmit(struct ike_sa *sa, const struct buf *b)
{
	char r[64];
	int err;

	err = net_send(b->p, b->len, &sa->local, &sa->remote);
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

/* Wraps INNER in an SK payload under a header for SA, into OUT. */
static int encrypt_msg(struct ike_sa *sa, uint8_t exch, bool response,
		       uint32_t msgid, struct msg_builder *inner,
		       struct buf *out)
{
	bool from_i = sa->initiator;
	struct ike_hdr h = {
		.ispi = sa->spi_i,
		.rspi = sa->spi_r,
		.np = IKE_PL_NONE,
		.version = IKE_VERSION,
		.exch = exch,
		.flags = (from_i ? IKE_FLAG_INITIATOR : 0) |
			 (response ? IKE_FLAG_RESPONSE : 0),
		.msgid = msgid,
	};
	size_t body = ike_sk_len(&sa->suite, inner->b.len);
	struct msg_builder mb;
	uint8_t *zero;

	if (IKE_HDR_LEN + IKE_GENERIC_HDR_LEN + body > IKE_MAX_MSG)
		return -1;
	zero = calloc(1, body);
	if (!zero)
		return -1;
	mb_init(&mb);
	if (ike_build_hdr(&mb, &h) ||
	    ike_add_payload(&mb, IKE_PL_SK, false, zero, body) ||
	    ike_build_end(&mb)) {
		free(zero);
		mb_free(&mb);
		return -1;
	}
	free(zero);
	/* The SK payload's next-payload field names the first inner one. */
	mb.b.p[IKE_HDR_LEN] = inner->first_np;
	*out = mb.b;
	if (ike_sk_seal(&sa->suite, from_i ? sa->keys.sk_ei : sa->keys.sk_er,
			from_i ? sa->keys.sk_ai : sa->keys.sk_ar, out->p,
			IKE_HDR_LEN + IKE_GENERIC_HDR_LEN, inner->b.p,
			inner->b.len)) {
		buf_free(out);
		return -1;
	}
	return 0;
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
		trace_exception(&c, "Retransmission limit reached for %s message id %u",
				exch_name(rq->exch), rq->msgid);
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
	xmit(sa, &rq->msg);
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
	return xmit(sa, &rq->msg);
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

int ike_send_request(struct ike_sa *sa, uint8_t exch, struct msg_builder *inner,
		     ike_resp_fn fn)
{
	struct ike_request *rq;
	uint32_t msgid = sa->next_msgid;
	struct dctx c;

	ike_dctx(sa, &c);
	if (outstanding(sa) >= (int)sa->peer_window) {
		dbg(DBG_ERROR, &c, "Window of %u requests is full; %s not sent",
		    sa->peer_window, exch_name(exch));
		return -1;
	}
	rq = new_request(sa, msgid);
	if (!rq)
		return -1;
	debug_out(sa, exch, false, msgid, inner);
	if (encrypt_msg(sa, exch, false, msgid, inner, &rq->msg)) {
		rq->used = false;
		return -1;
	}
	sa->next_msgid++;
	return start_request(sa, rq, exch, fn);
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
	return xmit(sa, &rs->msg);
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

/* --- receiving --- */

static void drop(const struct sockaddr_storage *remote, uint64_t *counter,
		 const char *why)
{
	struct dctx c = { .peer = remote };
	char r[64];

	ike_stats.rx_dropped++;
	if (counter)
		(*counter)++;
	dbg(DBG_ERROR | DBG_IKEV2, &c, "Dropping datagram from %s: %s",
	    sa_str(remote, r, sizeof(r)), why);
	trace_exception(&c, "Dropped datagram from %s: %s",
			sa_str(remote, r, sizeof(r)), why);
}

static uint64_t *parse_counter(const struct parse_err *e)
{
	if (e->notify == IKE_N_UNSUPPORTED_CRITICAL_PAYLOAD)
		return &ike_stats.rx_critical;
	return &ike_stats.rx_bad_payload;
}

/* Decrypts M's SK payload into PLAIN and parses the inner chain into IN. */
static int decrypt(struct ike_sa *sa, const struct ike_msg *m, uint8_t *plain,
		   struct ike_msg *in, struct parse_err *e)
{
	const struct ike_payload *sk;
	bool from_i = m->hdr.flags & IKE_FLAG_INITIATOR;
	size_t off, plen = 0;

	if (m->n != 1 || m->pl[0].type != IKE_PL_SK) {
		e->err = "expected one encrypted payload";
		e->notify = 0;
		return -1;
	}
	sk = &m->pl[0];
	off = (size_t)(sk->body - m->raw);
	if (ike_sk_open(&sa->suite, from_i ? sa->keys.sk_ei : sa->keys.sk_er,
			from_i ? sa->keys.sk_ai : sa->keys.sk_ar, m->raw, off,
			m->raw_len, plain, &plen)) {
		e->err = "integrity check or decryption failed";
		e->notify = 0;
		ike_stats.rx_decrypt_failed++;
		return -2;
	}
	memset(in, 0, sizeof(*in));
	in->hdr = m->hdr;
	in->raw = m->raw;
	in->raw_len = m->raw_len;
	if (plen && ike_parse_chain(sk->inner_np, plain, plen, in, e))
		return -1;
	return 0;
}

static void handle_request(struct ike_sa *sa, const struct ike_msg *in)
{
	switch (in->hdr.exch) {
	case IKE_AUTH:
		ike_auth_rx_request(sa, in);
		break;
	case IKE_CREATE_CHILD_SA:
		child_create_rx_request(sa, in);
		break;
	case IKE_INFORMATIONAL:
		ike_info_rx_request(sa, in);
		break;
	default:
		drop(&sa->remote, &ike_stats.rx_bad_header,
		     "unexpected exchange type");
	}
}

static void rx_request(struct ike_sa *sa, const struct ike_msg *m)
{
	uint32_t id = m->hdr.msgid;
	struct ike_response *rs = &sa->resp[id % IKE_MAX_WINDOW];
	struct parse_err e = { 0 };
	struct ike_msg *in;
	uint8_t *plain;
	struct dctx c;
	int err;

	ike_dctx(sa, &c);
	if (id < sa->peer_next_msgid) {
		if (rs->used && rs->msgid == id) {
			dbg(DBG_IKEV2, &c, "Retransmitted request %u: sending the cached response", id);
			trace_exception(&c, "Retransmitted request id %u answered from cache", id);
			xmit(sa, &rs->msg);
			return;
		}
		drop(&sa->remote, &ike_stats.rx_bad_msgid, "old message id");
		return;
	}
	if (id != sa->peer_next_msgid || sa->state < IKE_ST_INIT_DONE ||
	    (sa->state == IKE_ST_INIT_DONE && m->hdr.exch != IKE_AUTH)) {
		drop(&sa->remote, &ike_stats.rx_bad_msgid,
		     "message id out of the window or out of order");
		return;
	}
	plain = malloc(m->raw_len);
	in = calloc(1, sizeof(*in));
	if (!plain || !in)
		goto out;
	err = decrypt(sa, m, plain, in, &e);
	if (err) {
		drop(&sa->remote, err == -2 ? NULL : parse_counter(&e), e.err);
		/* An authentic request that does not parse is answered with
		 * the error (RFC 7296 2.5, 3.10.1). */
		if (err == -1 && e.notify) {
			struct msg_builder mb;

			mb_init(&mb);
			if (!ike_add_notify(&mb, 0, NULL, 0, e.notify,
					    &e.notify_data,
					    e.notify == IKE_N_UNSUPPORTED_CRITICAL_PAYLOAD))
				ike_send_response(sa, m, &mb);
			mb_free(&mb);
			sa->peer_next_msgid = id + 1;
		}
		goto out;
	}
	sa->rx_msgs++;
	sa->last_rx = time(NULL);
	ike_debug_msg(sa, in, false, false);
	sa->peer_next_msgid = id + 1;
	handle_request(sa, in);
out:
	if (plain)
		explicit_bzero(plain, m->raw_len);
	free(plain);
	free(in);
}

static void rx_response(struct ike_sa *sa, const struct ike_msg *m)
{
	struct ike_request *rq = &sa->req[m->hdr.msgid % IKE_MAX_WINDOW];
	struct parse_err e = { 0 };
	struct ike_msg *in = NULL;
	uint8_t *plain = NULL;
	ike_resp_fn fn;
	int err;

	if (!rq->used || rq->msgid != m->hdr.msgid) {
		drop(&sa->remote, &ike_stats.rx_bad_msgid,
		     "response to no request of ours");
		return;
	}
	if (m->hdr.exch == IKE_SA_INIT) {
		in = (struct ike_msg *)m;
	} else {
		plain = malloc(m->raw_len);
		in = calloc(1, sizeof(*in));
		if (!plain || !in)
			goto out;
		err = decrypt(sa, m, plain, in, &e);
		if (err) {
			drop(&sa->remote, err == -2 ? NULL : parse_counter(&e),
			     e.err);
			goto out;
		}
	}
	sa->rx_msgs++;
	sa->last_rx = time(NULL);
	ike_debug_msg(sa, in, false, false);
	timer_cancel(&rq->timer);
	rq->used = false;
	fn = rq->on_response;
	if (fn)
		fn(sa, rq, in);
	if (in == m)
		in = NULL;
out:
	if (plain)
		explicit_bzero(plain, m->raw_len);
	free(plain);
	free(in);
}

static void ike_rx(const uint8_t *buf, size_t len,
		   const struct sockaddr_storage *local,
		   const struct sockaddr_storage *remote)
{
	struct parse_err e = { 0 };
	struct ike_msg *m;
	struct ike_sa *sa;
	bool resp;

	ike_stats.rx_msgs++;
	m = calloc(1, sizeof(*m));
	if (!m)
		return;
	if (len < IKE_HDR_LEN) {
		drop(remote, &ike_stats.rx_truncated, "shorter than a header");
		goto out;
	}
	if (ike_parse_msg(buf, len, m, &e)) {
		uint64_t *ctr = parse_counter(&e);

		if (!e.notify || e.notify == IKE_N_INVALID_MAJOR_VERSION)
			ctr = &ike_stats.rx_bad_header;
		if (len != get32(buf + 24))
			ctr = &ike_stats.rx_bad_length;
		drop(remote, ctr, e.err ? e.err : "malformed");
		/* A new IKE_SA_INIT request that does not parse is answered
		 * with the error, without keeping any state. */
		if ((e.notify == IKE_N_UNSUPPORTED_CRITICAL_PAYLOAD ||
		     e.notify == IKE_N_INVALID_SYNTAX) &&
		    m->hdr.exch == IKE_SA_INIT && !m->hdr.rspi &&
		    !(m->hdr.flags & IKE_FLAG_RESPONSE))
			ike_send_init_notify(m, local, remote, e.notify,
					     &e.notify_data,
					     e.notify == IKE_N_UNSUPPORTED_CRITICAL_PAYLOAD);
		goto out;
	}
	resp = m->hdr.flags & IKE_FLAG_RESPONSE;
	if (m->hdr.exch == IKE_SA_INIT) {
		if (!resp) {
			sa = ike_sa_find_half(m->hdr.ispi, remote);
			if (sa && !sa->initiator) {
				struct ike_response *rs = &sa->resp[0];

				if (rs->used) {
					struct dctx c;

					ike_dctx(sa, &c);
					dbg(DBG_IKEV2, &c, "Retransmitted IKE_SA_INIT: sending the cached response");
					xmit(sa, &rs->msg);
				}
				goto out;
			}
			ike_init_rx_request(m, local, remote);
			goto out;
		}
		sa = ike_sa_find_half(m->hdr.ispi, remote);
		if (!sa || !sa->initiator || sa->state != IKE_ST_INIT_SENT) {
			drop(remote, &ike_stats.rx_unknown_spi,
			     "IKE_SA_INIT response for no SA of ours");
			goto out;
		}
		rx_response(sa, m);
		goto out;
	}
	sa = ike_sa_find(m->hdr.ispi, m->hdr.rspi);
	if (!sa) {
		drop(remote, &ike_stats.rx_unknown_spi, "unknown IKE SPI");
		goto out;
	}
	if (!!(m->hdr.flags & IKE_FLAG_INITIATOR) == sa->initiator) {
		drop(remote, &ike_stats.rx_bad_header,
		     "initiator flag does not match the SA");
		goto out;
	}
	if (resp)
		rx_response(sa, m);
	else
		rx_request(sa, m);
out:
	free(m);
	ike_sa_reap();
}

int ike_net_open(void)
{
	return net_open(IKE_PORT, ike_rx);
}
