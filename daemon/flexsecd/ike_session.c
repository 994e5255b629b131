// SPDX-License-Identifier: GPL-2.0
/*
 * What the hub's authorization limits a session to, from the merged
 * attributes of its policies: "session-lifetime SECONDS", after which the
 * session ends (a DELETE of the IKE SA takes its CHILD SAs and its
 * Virtual-Access with it) whatever rekeys happened meanwhile, the deadline
 * counting from IKE_AUTH; and "ipsec flow-limit N", the most CHILD SAs
 * the session may have, the peer's CREATE_CHILD_SA for one more answered
 * NO_ADDITIONAL_SAS (a rekey, which replaces one, always may go on).
 */

#include "authz.h"
#include "ike_int.h"

static void session_end_due(struct timer *t)
{
	struct ike_sa *sa = t->arg;
	struct dctx c;

	if (sa->state == IKE_ST_INIT_DONE || sa->state == IKE_ST_AUTH_SENT) {
		/* IKE_AUTH is not done yet: the end waits for it */
		timer_arm(t, 1000);
		return;
	}
	if (sa->state != IKE_ST_READY && sa->state != IKE_ST_REKEYING)
		return;
	ike_dctx(sa, &c);
	DIAG_ERROR(&c, "Session lifetime of %u s expired: deleting the IKE SA",
		   sa->session_lifetime);
	trace_event(&c, "IKE SA %u: session lifetime (%u s) expired", sa->id,
		    sa->session_lifetime);
	log_notice("%%IKEV2-5-SESSION_LIFETIME: SA ID %u: the session lifetime of %u s is over, the session ends",
		   sa->id, sa->session_lifetime);
	ike_delete_send(sa);
	ike_sa_reap();
}

void ike_session_init(struct ike_sa *sa)
{
	timer_init(&sa->session_end, session_end_due, sa);
}

static void arm(struct ike_sa *sa)
{
	uint64_t now = now_ms();

	if (sa->session_end_at)
		timer_arm(&sa->session_end, sa->session_end_at > now ?
			  sa->session_end_at - now : 0);
}

void ike_session_limits(struct ike_sa *sa, const struct authz_attrs *m)
{
	struct dctx c;

	ike_dctx(sa, &c);
	sa->flow_limit = authz_has(m, AUTHZ_FLOW_LIMIT) ? m->flow_limit : 0;
	sa->session_lifetime = authz_has(m, AUTHZ_LIFETIME) ? m->lifetime : 0;
	sa->session_end_at = 0;
	timer_cancel(&sa->session_end);
	if (sa->flow_limit)
		dbg(DBG_IKEV2, &c, "Authorized at most %u IPsec flow(s) (CHILD SAs)",
		    sa->flow_limit);
	if (!sa->session_lifetime)
		return;
	dbg(DBG_IKEV2, &c, "Session lifetime timer (%u sec) started",
	    sa->session_lifetime);
	sa->session_end_at = now_ms() + (uint64_t)sa->session_lifetime * 1000;
	arm(sa);
}

void ike_session_take_over(struct ike_sa *n, struct ike_sa *o)
{
	n->flow_limit = o->flow_limit;
	n->session_lifetime = o->session_lifetime;
	n->session_end_at = o->session_end_at;
	timer_cancel(&o->session_end);
	arm(n);
}

uint16_t ike_flow_check(const struct ike_sa *sa)
{
	const struct child_sa *ch;
	unsigned int n = 0;
	struct dctx c;

	if (!sa->flow_limit)
		return 0;
	for (ch = sa->children; ch; ch = ch->next)
		if (ch->state != CHILD_ST_REKEYED &&
		    ch->state != CHILD_ST_DELETING && !ch->rekey_of)
			n++;
	if (n < sa->flow_limit)
		return 0;
	ike_dctx(sa, &c);
	dbg(DBG_IKEV2 | DBG_ERROR, &c, "IPsec flow limit (%u) reached: a new CHILD SA is refused with NO_ADDITIONAL_SAS",
	    sa->flow_limit);
	trace_exception(&c, "CREATE_CHILD_SA refused: flow limit %u reached",
			sa->flow_limit);
	return IKE_N_NO_ADDITIONAL_SAS;
}
