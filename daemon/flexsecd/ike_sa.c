// SPDX-License-Identifier: GPL-2.0
/*
 * IKE SAs: their life in the SA manager (creation with a unique SPI of
 * ours, failure, deletion and reaping once the loop is idle), their
 * state, lifetime, half-open and dead peer detection timers.
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "algs.h"
#include "crypto.h"
#include "ike_frag.h"
#include "ike_int.h"
#include "natt.h"
#include "kmi.h"
#include "net.h"
#include "sa_mgr.h"
#include "tunnel.h"

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

void ike_set_status(struct ike_sa *sa, const char *status)
{
	size_t n = strnlen(status, sizeof(sa->status) - 1);

	memcpy(sa->status, status, n);
	sa->status[n] = 0;
}

uint32_t ike_window(const struct ike_sa *sa)
{
	uint32_t w = sa->conf ? sa->conf->g.window : 5;

	if (w < 1)
		w = 1;
	return w > IKE_MAX_WINDOW ? IKE_MAX_WINDOW : w;
}

/* A random share of up to the rekey jitter (percent) of HARD. */
static uint64_t jitter(uint64_t hard)
{
	uint64_t r = 0, span = hard / 100 * D.rekey_jitter +
			       hard % 100 * D.rekey_jitter / 100;

	if (span && !ike_random(&r, sizeof(r)))
		r %= span + 1;
	return r;
}

uint64_t ike_soft_limit(uint64_t hard)
{
	return hard / 10 * 9 + hard % 10 * 9 / 10 - jitter(hard);
}

uint64_t ike_soft_seconds(uint64_t hard)
{
	uint64_t margin = hard / 10;

	/* short lifetimes keep room for an exchange that takes a while */
	if (margin < 10)
		margin = hard / 2 < 10 ? hard / 2 : 10;
	return hard - margin - jitter(hard);
}

static uint32_t lifetime(const struct ike_sa *sa)
{
	return sa->prof && sa->prof->lifetime ? sa->prof->lifetime : 86400;
}

void ike_lifetime_start(struct ike_sa *sa)
{
	timer_arm(&sa->lifetime, ike_soft_seconds(lifetime(sa)) * 1000);
}

/* The rekey time of an IKE SA in use: rekey it (or try again soon while
 * it is busy), until its lifetime is over; any other SA whose timer
 * fires (replaced, or made by a rekey that lost) goes. */
static void lifetime_expired(struct timer *t)
{
	struct ike_sa *sa = t->arg;
	bool live = sa->state == IKE_ST_READY || sa->state == IKE_ST_REKEYING;
	struct dctx c;

	ike_dctx(sa, &c);
	if (live && (uint64_t)(time(NULL) - sa->established) < lifetime(sa)) {
		if (sa->state == IKE_ST_REKEYING || ike_rekey_start(sa))
			timer_arm(&sa->lifetime, 2000);
		return;
	}
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
		if (!ch->installed)
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

	if (!iv || !ike_in_use(sa))
		return;
	ike_dctx(sa, &c);
	if (p->dpd_mode == CONF_DPD_ON_DEMAND)
		probe = dpd_traffic_one_way(sa);
	else
		probe = (uint64_t)(time(NULL) - sa->last_rx) >= iv;
	/* A request already waiting for the peer checks its liveness too. */
	if (probe && !ike_window_full(sa)) {
		dbg(DBG_IKEV2, &c, "DPD: sending a liveness check");
		mb_init(&mb);
		if (!ike_send_request(sa, IKE_INFORMATIONAL, &mb, dpd_answer, NULL)) {
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

/* Our SPI for a new SA: random, never 0, and no other SA's. */
static int pick_spi(struct ike_sa *sa)
{
	uint64_t *spi = sa->initiator ? &sa->spi_i : &sa->spi_r;

	do {
		if (ike_random(spi, 8))
			return -1;
	} while (!*spi || sam_spi_used(*spi, sa->initiator));
	return 0;
}

struct ike_sa *ike_sa_new(bool initiator, const struct sockaddr_storage *local,
			  const struct sockaddr_storage *remote,
			  uint64_t peer_spi_i)
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
	sa->pending_tail = &sa->pending;
	for (i = 0; i < IKE_MAX_WINDOW; i++) {
		buf_init(&sa->req[i].msg);
		buf_init(&sa->resp[i].msg);
	}
	timer_init(&sa->half_open, half_open_expired, sa);
	timer_init(&sa->lifetime, lifetime_expired, sa);
	timer_init(&sa->dpd, dpd_fire, sa);
	natt_init(sa);
	ike_reauth_init(sa);
	ike_session_init(sa);
	if (!initiator)
		sa->spi_i = peer_spi_i;
	if (pick_spi(sa) || sam_add(sa)) {
		free(sa);
		return NULL;
	}
	ike_set_status(sa, "Negotiation in progress");
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
	natt_stop(sa);
	timer_cancel(&sa->reauth);
	timer_cancel(&sa->session_end);
	ike_pending_free(sa);
	ike_frag_free(sa);
	ike_dh_free(sa->dh);
	ike_keys_wipe(&sa->keys);
	explicit_bzero(sa->ni, sizeof(sa->ni));
	explicit_bzero(sa->nr, sizeof(sa->nr));
	buf_free(&sa->init_i);
	buf_free(&sa->init_r);
	buf_free(&sa->cookie);
	free(sa);
}

/* SA goes: the SAs of a rekey of it, not in use, go with it, and the SA
 * it was to replace forgets it. */
static void unlink_rekeys(struct ike_sa *sa)
{
	struct ike_sa *o = sa->rekey_of;

	if (o && o->rekey_new == sa)
		o->rekey_new = NULL;
	if (o && o->rekey_peer == sa)
		o->rekey_peer = NULL;
	sa->rekey_of = NULL;
	if (sa->rekey_new && sa->rekey_new->state == IKE_ST_REKEY_NEW)
		ike_sa_drop(sa->rekey_new, "the SA it was to replace is gone");
	if (sa->rekey_peer && sa->rekey_peer->state == IKE_ST_REKEY_NEW)
		ike_sa_drop(sa->rekey_peer, "the SA it was to replace is gone");
	if (sa->rekey_new)
		sa->rekey_new->rekey_of = NULL;
	if (sa->rekey_peer)
		sa->rekey_peer->rekey_of = NULL;
	sa->rekey_new = sa->rekey_peer = NULL;
}

/* Removes SA from the table now and frees it once the loop is idle, so
 * that callers up the stack may still look at it. */
static void retire(struct ike_sa *sa)
{
	unsigned int i;

	if (sa->state == IKE_ST_DEAD)
		return;
	ike_set_state(sa, IKE_ST_DEAD);
	unlink_rekeys(sa);
	ike_reauth_gone(sa);
	for (i = 0; i < IKE_MAX_WINDOW; i++)
		timer_cancel(&sa->req[i].timer);
	timer_cancel(&sa->half_open);
	timer_cancel(&sa->lifetime);
	timer_cancel(&sa->dpd);
	timer_cancel(&sa->session_end);
	ike_pending_free(sa);
	while (sa->children) {
		struct child_sa *c = sa->children;

		sa->children = c->next;
		child_free(c, true);
	}
	sam_remove(sa);
	tunnel_attach(sa, NULL);
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
	tunnel_reap();
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

struct ike_sa *ike_sa_for_tunnel(const struct conf_tunnel *t)
{
	const struct tunnel *rt = tunnel_find(t->name);

	return rt ? tunnel_ike_sa(rt) : NULL;
}

unsigned int ike_in_negotiation(bool initiator)
{
	return sam_negotiating(initiator);
}
