// SPDX-License-Identifier: GPL-2.0
/*
 * The IKE and CHILD SA state machines: every state change goes through
 * ike_set_state or child_set_state, which check it against the table of
 * allowed transitions, refuse (and report) any other, and write the
 * change to "debug crypto ikev2 internal".
 */
#include <string.h>

#include "ike_int.h"
#include "sa_mgr.h"

#define BIT(x)	(1u << (x))

static const char *const ike_names[IKE_ST_COUNT] = {
	[IKE_ST_INIT_SENT] = "INIT_SENT", [IKE_ST_INIT_DONE] = "INIT_DONE",
	[IKE_ST_AUTH_SENT] = "AUTH_SENT", [IKE_ST_REKEY_NEW] = "REKEY_NEW",
	[IKE_ST_READY] = "READY",
	[IKE_ST_REKEYING] = "REKEYING", [IKE_ST_REKEYED] = "REKEYED",
	[IKE_ST_DELETING] = "DELETING", [IKE_ST_DEAD] = "DEAD",
};

/* From each state, the states it may go to. */
static const unsigned int ike_next[IKE_ST_COUNT] = {
	/* (a responder's SA starts here too, and answers IKE_SA_INIT) */
	[IKE_ST_INIT_SENT] = BIT(IKE_ST_INIT_SENT) | BIT(IKE_ST_INIT_DONE) |
			     BIT(IKE_ST_AUTH_SENT) | BIT(IKE_ST_REKEY_NEW) |
			     BIT(IKE_ST_DEAD),
	[IKE_ST_REKEY_NEW] = BIT(IKE_ST_READY) | BIT(IKE_ST_DEAD),
	[IKE_ST_INIT_DONE] = BIT(IKE_ST_READY) | BIT(IKE_ST_DEAD),
	[IKE_ST_AUTH_SENT] = BIT(IKE_ST_READY) | BIT(IKE_ST_DEAD),
	[IKE_ST_READY] = BIT(IKE_ST_REKEYING) | BIT(IKE_ST_REKEYED) |
			 BIT(IKE_ST_DELETING) | BIT(IKE_ST_DEAD),
	[IKE_ST_REKEYING] = BIT(IKE_ST_READY) | BIT(IKE_ST_REKEYED) |
			    BIT(IKE_ST_DELETING) | BIT(IKE_ST_DEAD),
	[IKE_ST_REKEYED] = BIT(IKE_ST_DELETING) | BIT(IKE_ST_DEAD),
	[IKE_ST_DELETING] = BIT(IKE_ST_DEAD),
	[IKE_ST_DEAD] = 0,
};

static const char *const child_names[CHILD_ST_COUNT] = {
	[CHILD_ST_NEGOTIATING] = "NEGOTIATING",
	[CHILD_ST_INSTALLED] = "INSTALLED",
	[CHILD_ST_REKEYING] = "REKEYING",
	[CHILD_ST_REKEYED] = "REKEYED",
	[CHILD_ST_DELETING] = "DELETING",
};

static const unsigned int child_next[CHILD_ST_COUNT] = {
	[CHILD_ST_NEGOTIATING] = BIT(CHILD_ST_INSTALLED) |
				 BIT(CHILD_ST_DELETING),
	[CHILD_ST_INSTALLED] = BIT(CHILD_ST_REKEYING) | BIT(CHILD_ST_REKEYED) |
			       BIT(CHILD_ST_DELETING),
	[CHILD_ST_REKEYING] = BIT(CHILD_ST_INSTALLED) | BIT(CHILD_ST_REKEYED) |
			      BIT(CHILD_ST_DELETING),
	[CHILD_ST_REKEYED] = BIT(CHILD_ST_DELETING),
	[CHILD_ST_DELETING] = 0,
};

const char *ike_state_name(enum ike_state st)
{
	return (unsigned int)st < IKE_ST_COUNT ? ike_names[st] : "?";
}

const char *child_state_name(enum child_state st)
{
	return (unsigned int)st < CHILD_ST_COUNT ? child_names[st] : "?";
}

int ike_set_state(struct ike_sa *sa, enum ike_state st)
{
	struct dctx c;

	ike_dctx(sa, &c);
	if ((unsigned int)st >= IKE_ST_COUNT ||
	    !(ike_next[sa->state] & BIT(st))) {
		DIAG_ERROR(&c, "Internal error: IKE SA state %s cannot go to %s",
			   ike_state_name(sa->state), ike_state_name(st));
		return -1;
	}
	dbg(DBG_INTERNAL, &c, "SM: %s -> %s", ike_state_name(sa->state),
	    ike_state_name(st));
	sam_state(sa, st);
	sa->state = st;
	return 0;
}

int child_set_state(struct child_sa *ch, enum child_state st)
{
	struct dctx c;

	ike_dctx(ch->ike, &c);
	if ((unsigned int)st >= CHILD_ST_COUNT ||
	    !(child_next[ch->state] & BIT(st))) {
		DIAG_ERROR(&c, "Internal error: CHILD SA 0x%08X state %s cannot go to %s",
			   ch->spi_in, child_state_name(ch->state),
			   child_state_name(st));
		return -1;
	}
	dbg(DBG_INTERNAL, &c, "SM: CHILD SA 0x%08X %s -> %s", ch->spi_in,
	    child_state_name(ch->state), child_state_name(st));
	ch->state = st;
	return 0;
}

bool ike_in_use(const struct ike_sa *sa)
{
	return sa->state == IKE_ST_READY || sa->state == IKE_ST_REKEYING;
}

bool child_in_use(const struct child_sa *c)
{
	return c->installed && (c->state == CHILD_ST_INSTALLED ||
				c->state == CHILD_ST_REKEYING);
}

const char *ike_state_show(enum ike_state st)
{
	switch (st) {
	case IKE_ST_INIT_SENT:
	case IKE_ST_INIT_DONE:
	case IKE_ST_AUTH_SENT:
	case IKE_ST_REKEY_NEW:
		return "IN-NEG";
	case IKE_ST_READY:
	case IKE_ST_REKEYING:
		return "READY";
	case IKE_ST_REKEYED:
	case IKE_ST_DELETING:
		return "DELETE";
	case IKE_ST_DEAD:
	case IKE_ST_COUNT:
		return "DELETED";
	}
	return "UNKNOWN";
}
