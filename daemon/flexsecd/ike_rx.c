// SPDX-License-Identifier: GPL-2.0
/*
 * The entry point for every IKE datagram: validate the header, find the
 * SA through the SA manager, check the message ID against the window
 * (requests may come out of order within it, RFC 7296 2.3), decrypt and
 * dispatch to the exchange's handler.
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

/* Decrypts M's SK payload into *PLAIN (malloced, *CAP bytes to wipe)
 * and parses the inner chain into IN. A fragment (SKF) goes to the
 * reassembly: 1 while the message is incomplete, -3 when it was dropped
 * (counted there); the message it completes is parsed the same way. */
static int decrypt(struct ike_sa *sa, const struct ike_msg *m,
		   uint8_t **plain, size_t *cap, struct ike_msg *in,
		   struct parse_err *e)
{
	const struct ike_payload *sk;
	bool from_i = m->hdr.flags & IKE_FLAG_INITIATOR;
	size_t off, plen = 0;
	uint8_t np;
	int err;

	memset(in, 0, sizeof(*in));
	in->hdr = m->hdr;
	in->raw = m->raw;
	in->raw_len = m->raw_len;
	if (m->n == 1 && m->pl[0].type == IKE_PL_SKF) {
		err = ike_frag_rx(sa, m, plain, &plen, &np);
		if (err)
			return err < 0 ? -3 : 1;
		*cap = plen;
		in->hdr.np = np;
		if (plen && ike_parse_chain(np, *plain, plen, in, e))
			return -1;
		return 0;
	}
	if (m->n != 1 || m->pl[0].type != IKE_PL_SK) {
		e->err = "expected one encrypted payload";
		e->notify = 0;
		return -1;
	}
	sk = &m->pl[0];
	off = (size_t)(sk->body - m->raw);
	*plain = malloc(m->raw_len);
	if (!*plain)
		return -3;
	*cap = m->raw_len;
	if (ike_sk_open(&sa->suite, from_i ? sa->keys.sk_ei : sa->keys.sk_er,
			from_i ? sa->keys.sk_ai : sa->keys.sk_ar, m->raw, off,
			m->raw_len, *plain, &plen)) {
		e->err = "integrity check or decryption failed";
		e->notify = 0;
		ike_stats.rx_decrypt_failed++;
		return -2;
	}
	if (plen && ike_parse_chain(sk->inner_np, *plain, plen, in, e))
		return -1;
	return 0;
}

static void plain_free(uint8_t *plain, size_t cap)
{
	if (plain)
		explicit_bzero(plain, cap);
	free(plain);
}

uint16_t ike_error_notify(const struct ike_msg *m, uint16_t def)
{
	struct ike_notify_pl n;
	struct parse_err e;
	unsigned int i;

	for (i = 0; i < m->n; i++)
		if (m->pl[i].type == IKE_PL_NOTIFY &&
		    !ike_parse_notify(&m->pl[i], &n, &e) &&
		    n.type <= IKE_N_ERROR_MAX)
			return n.type;
	return def;
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

/* Whether the peer's request ID was taken already (and, if answered,
 * its response is in the slot). */
static bool taken(const struct ike_sa *sa, uint32_t id)
{
	const struct ike_response *rs = &sa->resp[id % IKE_MAX_WINDOW];

	return rs->seen && rs->msgid == id;
}

/* Takes request ID: its slot is reset for the response, and the window's
 * lower edge moves past every request taken in a row. Requests within the
 * window may come and be processed out of order (RFC 7296 2.3). */
static void take(struct ike_sa *sa, uint32_t id)
{
	struct ike_response *rs = &sa->resp[id % IKE_MAX_WINDOW];

	buf_free(&rs->msg);
	buf_init(&rs->msg);
	rs->used = false;
	rs->seen = true;
	rs->msgid = id;
	while (taken(sa, sa->peer_next_msgid))
		sa->peer_next_msgid++;
}

/* A request we cannot take now: retransmitted, old, beyond the window
 * we announced, or not the one the SA's state waits for. True when it
 * was dealt with (answered from the cache, or dropped). */
static bool not_new(struct ike_sa *sa, const struct ike_msg *m)
{
	uint32_t id = m->hdr.msgid;
	const struct ike_response *rs = &sa->resp[id % IKE_MAX_WINDOW];
	struct dctx c;

	ike_dctx(sa, &c);
	if (taken(sa, id) && rs->used) {
		/* a retransmitted fragmented request: answered once, on its
		 * first fragment (RFC 7383 2.6.2) */
		if (ike_frag_num(m) > 1)
			return true;
		dbg(DBG_IKEV2, &c, "Retransmitted request %u: sending the cached response", id);
		trace_exception(&c, "Retransmitted request id %u answered from cache", id);
		ike_xmit(sa, &rs->msg);
		return true;
	}
	if (id < sa->peer_next_msgid || taken(sa, id)) {
		drop(&sa->remote, &ike_stats.rx_bad_msgid, "old message id");
		return true;
	}
	if (id - sa->peer_next_msgid >= sa->window) {
		drop(&sa->remote, &ike_stats.rx_bad_msgid,
		     "message id beyond the window");
		return true;
	}
	if (sa->state < IKE_ST_INIT_DONE ||
	    (sa->state == IKE_ST_INIT_DONE &&
	     (m->hdr.exch != IKE_AUTH || id != 1))) {
		drop(&sa->remote, &ike_stats.rx_bad_msgid,
		     "request not expected in this state");
		return true;
	}
	return false;
}

static void rx_request(struct ike_sa *sa, const struct ike_msg *m,
		       const struct sockaddr_storage *local,
		       const struct sockaddr_storage *remote)
{
	uint32_t id = m->hdr.msgid;
	struct parse_err e = { 0 };
	struct ike_msg *in;
	uint8_t *plain = NULL;
	size_t cap = 0;
	int err;

	if (not_new(sa, m))
		return;
	in = calloc(1, sizeof(*in));
	if (!in)
		goto out;
	err = decrypt(sa, m, &plain, &cap, in, &e);
	if (err == 1 || err == -3)
		goto out;
	if (err) {
		drop(&sa->remote, err == -2 ? NULL : parse_counter(&e), e.err);
		/* An authentic request that does not parse is answered with
		 * the error (RFC 7296 2.5, 3.10.1). */
		if (err == -1 && e.notify) {
			struct msg_builder mb;

			take(sa, id);
			mb_init(&mb);
			if (!ike_add_notify(&mb, 0, NULL, 0, e.notify,
					    &e.notify_data,
					    e.notify == IKE_N_UNSUPPORTED_CRITICAL_PAYLOAD))
				ike_send_response(sa, m, &mb);
			mb_free(&mb);
		}
		goto out;
	}
	sa->rx_msgs++;
	sa->last_rx = time(NULL);
	natt_rx_from(sa, local, remote);
	ike_debug_msg(sa, in, false, false);
	take(sa, id);
	handle_request(sa, in);
out:
	plain_free(plain, cap);
	free(in);
}

static void rx_response(struct ike_sa *sa, const struct ike_msg *m,
			const struct sockaddr_storage *local,
			const struct sockaddr_storage *remote)
{
	struct ike_request *rq = &sa->req[m->hdr.msgid % IKE_MAX_WINDOW];
	struct parse_err e = { 0 };
	struct ike_msg *in = NULL;
	uint8_t *plain = NULL;
	size_t cap = 0;
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
		in = calloc(1, sizeof(*in));
		if (!in)
			goto out;
		err = decrypt(sa, m, &plain, &cap, in, &e);
		if (err == 1 || err == -3)
			goto out;
		if (err) {
			drop(&sa->remote, err == -2 ? NULL : parse_counter(&e),
			     e.err);
			goto out;
		}
	}
	sa->rx_msgs++;
	sa->last_rx = time(NULL);
	if (in != m)
		natt_rx_from(sa, local, remote);
	ike_debug_msg(sa, in, false, false);
	timer_cancel(&rq->timer);
	rq->used = false;
	fn = rq->on_response;
	if (fn)
		fn(sa, rq, in);
	ike_pending_run(sa);
	if (in == m)
		in = NULL;
out:
	plain_free(plain, cap);
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
			sa = sam_find_half(m->hdr.ispi, remote);
			if (sa) {
				struct ike_response *rs = &sa->resp[0];

				if (rs->used) {
					struct dctx c;

					ike_dctx(sa, &c);
					dbg(DBG_IKEV2, &c, "Retransmitted IKE_SA_INIT: sending the cached response");
					ike_xmit(sa, &rs->msg);
				}
				goto out;
			}
			ike_init_rx_request(m, local, remote);
			goto out;
		}
		sa = sam_find(m->hdr.ispi, 0, true);
		if (!sa || sa->state != IKE_ST_INIT_SENT ||
		    sa_addr_cmp(&sa->remote, remote)) {
			drop(remote, &ike_stats.rx_unknown_spi,
			     "IKE_SA_INIT response for no SA of ours");
			goto out;
		}
		rx_response(sa, m, local, remote);
		goto out;
	}
	/* The sender's Initiator flag says which of the SPIs is ours. */
	sa = sam_find(m->hdr.ispi, m->hdr.rspi,
		      !(m->hdr.flags & IKE_FLAG_INITIATOR));
	if (!sa) {
		drop(remote, &ike_stats.rx_unknown_spi, "unknown IKE SPI");
		goto out;
	}
	if (resp)
		rx_response(sa, m, local, remote);
	else
		rx_request(sa, m, local, remote);
out:
	free(m);
	ike_sa_reap();
}

int ike_net_open(void)
{
	return net_open(IKE_PORT, IKE_NATT_PORT, ike_rx);
}
