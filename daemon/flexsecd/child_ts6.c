// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 traffic selectors of a route-based CHILD SA: when the hub
 * assigned the spoke an IPv6 prefix in the configuration payload (or the
 * spoke asks for one), the CHILD SA carries a TS_IPV6_ADDR_RANGE on each
 * side next to the IPv4 one: ::/0, narrowed on the spoke's side to its
 * prefix; a VTI of an IPv6 overlay ("tunnel mode ipsec ipv6", or "ipsec
 * ipv4 v6-overlay") carries those alone. As responder, the peer's IPv6
 * selectors are narrowed to ours
 * (RFC 7296 2.9): the first that meets ours, cut down to the overlap.
 */
#include <string.h>

#include "cfg6.h"
#include "child_int.h"

bool child_ts6_only(const struct ike_sa *sa)
{
	return sa->tun && sa->tun->mode == CONF_TUN_VTI &&
	       sa->tun->overlay_family == AF_INET6;
}

bool child_ts6_on(const struct ike_sa *sa)
{
	return child_ts6_only(sa) || sa->peer_vip6.family == AF_INET6 ||
	       sa->local_vip6.family == AF_INET6 || cfg6_spoke_wants(sa);
}

/* ::/0, or the prefix of VIP (the address with its prefix length). */
static void range6(struct ike_ts *t, const struct conf_addr *vip)
{
	unsigned int b;

	memset(t, 0, sizeof(*t));
	t->type = IKE_TS_IPV6_ADDR_RANGE;
	t->eport = 65535;
	t->alen = 16;
	if (vip->family != AF_INET6) {
		memset(t->end, 0xff, 16);
		return;
	}
	for (b = 0; b < 128; b++) {
		uint8_t bit = (uint8_t)(0x80u >> (b % 8));

		if (b < vip->plen) {
			t->start[b / 8] |= vip->a[b / 8] & bit;
			t->end[b / 8] |= vip->a[b / 8] & bit;
		} else {
			t->end[b / 8] |= bit;
		}
	}
}

void child_ts6_append(struct ike_ts_pl *p, const struct ike_ts *t)
{
	if (p->n < IKE_MAX_TS)
		p->ts[p->n++] = *t;
}

void child_ts6_offer(const struct ike_sa *sa, struct ike_ts_pl *peer,
		     struct ike_ts_pl *ours)
{
	struct ike_ts t;

	if (!child_ts6_on(sa))
		return;
	range6(&t, &sa->peer_vip6);
	child_ts6_append(peer, &t);
	range6(&t, &sa->local_vip6);
	child_ts6_append(ours, &t);
}

/* The first selector of P that meets OUR (any protocol and port of the
 * peer's kept as they are), cut down to the overlap, into OUT. */
static bool meet(const struct ike_ts_pl *p, const struct ike_ts *our,
		 struct ike_ts *out)
{
	unsigned int i;

	for (i = 0; i < p->n; i++) {
		const struct ike_ts *t = &p->ts[i];

		if (t->type != IKE_TS_IPV6_ADDR_RANGE ||
		    memcmp(t->end, our->start, 16) < 0 ||
		    memcmp(our->end, t->start, 16) < 0)
			continue;
		*out = *t;
		if (memcmp(our->start, t->start, 16) > 0)
			memcpy(out->start, our->start, 16);
		if (memcmp(our->end, t->end, 16) < 0)
			memcpy(out->end, our->end, 16);
		return true;
	}
	return false;
}

static const struct ike_ts *first6(const struct ike_ts_pl *p)
{
	unsigned int i;

	for (i = 0; p && i < p->n; i++)
		if (p->ts[i].type == IKE_TS_IPV6_ADDR_RANGE)
			return &p->ts[i];
	return NULL;
}

static void to_conf(const uint8_t *a, struct conf_addr *out)
{
	memset(out, 0, sizeof(*out));
	out->family = AF_INET6;
	memcpy(out->a, a, 16);
	out->plen = 128;
}

void child_ts6_record(struct child_sa *c, const struct ike_ts_pl *local,
		      const struct ike_ts_pl *remote)
{
	const struct ike_ts *l = first6(local), *r = first6(remote);

	memset(&c->ts6, 0, sizeof(c->ts6));
	if (!l || !r)
		return;
	c->ts6.proto = l->proto;
	to_conf(l->start, &c->ts6.local_start);
	to_conf(l->end, &c->ts6.local_end);
	to_conf(r->start, &c->ts6.remote_start);
	to_conf(r->end, &c->ts6.remote_end);
}

bool child_ts6_narrow(const struct ike_sa *sa, const struct ike_ts_pl *tsi,
		      const struct ike_ts_pl *tsr, struct ike_ts *out_i,
		      struct ike_ts *out_r)
{
	struct ike_ts ri, rr;

	if (!child_ts6_on(sa))
		return false;
	range6(&ri, &sa->peer_vip6);
	range6(&rr, &sa->local_vip6);
	return meet(tsi, &ri, out_i) && meet(tsr, &rr, out_r);
}
