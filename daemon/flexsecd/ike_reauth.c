// SPDX-License-Identifier: GPL-2.0
/*
 * Reauthentication: the IKEv2 profile's "reauthentication SECONDS", as
 * strongSwan's reauth_time. When it is due an IKE SA is replaced by a new
 * one made from scratch: IKE_SA_INIT, IKE_AUTH with the credentials checked
 * again, and a new CHILD SA. It is make-before-break: the old IKE SA, with
 * its CHILD SAs, is deleted only once the new one is established and its
 * CHILD SA carries our traffic; no INITIAL_CONTACT is sent, so the peer
 * keeps the old SAs until that DELETE, and its new outbound SA waits (as
 * standby) until then. The deadline counts from the authentication: an
 * IKE SA rekey carries it over.
 *
 * Only an end that initiates the tunnel (a destination, an IPsec profile
 * that is not responder-only) reauthenticates. The other end sees a new
 * IKE SA for a tunnel whose IKE SA is long established, and leaves the old
 * one to the peer's DELETE (deleting it itself when none comes).
 */

#include "ike_int.h"
#include "tunnel.h"

#define REAUTH_BUSY_MS		2000	/* a request or a rekey was out */
#define REAUTH_RETRY_MS		30000	/* the new IKE SA failed */
#define PEER_REAUTH_MS		30000	/* the peer's DELETE of the old SA */
/* a new IKE SA this long after the tunnel's established one is the peer's
 * reauthentication, not both ends starting at once */
#define PEER_REAUTH_AGE_MS	10000

static bool can_reauth(const struct ike_sa *sa)
{
	return sa->prof && sa->prof->reauth && sa->tun &&
	       sa->tun->destination.family && sa->ipsec &&
	       !sa->ipsec->responder_only;
}

static bool children_quiet(const struct ike_sa *sa)
{
	const struct child_sa *c;

	for (c = sa->children; c; c = c->next)
		if (c->state != CHILD_ST_INSTALLED)
			return false;
	return true;
}

static void reauth_due(struct timer *t)
{
	struct ike_sa *o = t->arg;
	struct dctx c;

	ike_dctx(o, &c);
	if (o->peer_reauth) {
		/* the peer reauthenticated but did not delete this one */
		if (o->state == IKE_ST_READY) {
			trace_event(&c, "IKE SA %u: the peer replaced it and did not delete it",
				    o->id);
			ike_delete_send(o);
		}
		return;
	}
	if (!can_reauth(o) || o->reauth_new)
		return;
	if (o->state != IKE_ST_READY || !ike_idle(o) || !children_quiet(o)) {
		timer_arm(t, REAUTH_BUSY_MS);
		return;
	}
	dbg(DBG_IKEV2, &c, "Reauthenticating the IKE SA: a new IKE SA replaces SA ID %u",
	    o->id);
	trace_event(&c, "Reauthenticating IKE SA %u", o->id);
	if (ike_initiate_sa(o->tun, o)) {
		trace_exception(&c, "Reauthentication of IKE SA %u could not start",
				o->id);
		timer_arm(t, REAUTH_RETRY_MS);
		return;
	}
	ike_stats.ike_reauths++;
}

void ike_reauth_init(struct ike_sa *sa)
{
	timer_init(&sa->reauth, reauth_due, sa);
}

void ike_reauth_arm(struct ike_sa *sa)
{
	uint64_t now = now_ms();

	if (!can_reauth(sa))
		return;
	if (!sa->reauth_at)
		sa->reauth_at = now + ike_soft_seconds(sa->prof->reauth) * 1000;
	timer_arm(&sa->reauth, sa->reauth_at > now ? sa->reauth_at - now : 0);
}

bool ike_reauth_done(struct ike_sa *n)
{
	struct ike_sa *o = n->reauth_of;
	struct dctx c;

	if (!o)
		return false;
	ike_dctx(n, &c);
	n->reauth_of = NULL;
	o->reauth_new = NULL;
	n->rekeys = o->rekeys;
	dbg(DBG_IKEV2, &c, "Reauthentication done: SA ID %u replaces SA ID %u, which is deleted",
	    n->id, o->id);
	trace_event(&c, "IKE SA reauthenticated: SA ID %u replaces SA ID %u",
		    n->id, o->id);
	log_notice("%%IKEV2-5-SA_REAUTH: SA ID %u replaced by SA ID %u", o->id,
		   n->id);
	timer_cancel(&o->reauth);
	ike_delete_send(o);
	return true;
}

void ike_reauth_by_peer(struct ike_sa *n, struct ike_sa *o)
{
	struct dctx c;

	if (n->initiator || !o->established_ms ||
	    o->established_ms + PEER_REAUTH_AGE_MS > n->created_ms)
		return;
	ike_dctx(n, &c);
	dbg(DBG_IKEV2, &c, "The peer reauthenticates: SA ID %u replaces SA ID %u, which the peer deletes",
	    n->id, o->id);
	trace_event(&c, "The peer reauthenticated: SA ID %u replaces SA ID %u",
		    n->id, o->id);
	o->peer_reauth = true;
	timer_cancel(&o->lifetime);
	timer_arm(&o->reauth, PEER_REAUTH_MS);
}

void ike_reauth_gone(struct ike_sa *sa)
{
	struct ike_sa *o = sa->reauth_of;

	timer_cancel(&sa->reauth);
	if (o) {
		/* the new SA failed: the old one tries again later */
		o->reauth_new = NULL;
		if (o->state == IKE_ST_READY)
			timer_arm(&o->reauth, REAUTH_RETRY_MS);
	}
	if (sa->reauth_new)
		sa->reauth_new->reauth_of = NULL;
	sa->reauth_of = sa->reauth_new = NULL;
}
