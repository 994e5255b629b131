// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration payload on a spoke: the request, and the reply's
 * address and routes applied to the tunnel.
 */

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "cfg6.h"
#include "cp.h"
#include "daemon.h"
#include "diag.h"
#include "ike_int.h"
#include "spoke.h"
#include "tunnel.h"

int spoke_cfg_request(const struct ike_sa *sa, struct msg_builder *mb)
{
	struct ike_cp req = { .type = IKE_CFG_REQUEST };
	struct dctx c;

	if (!sa->tun || !sa->tun->ip_negotiated)
		return 0;
	ike_dctx((struct ike_sa *)sa, &c);
	req.asked = IKE_CP_BIT(IKE_CP_IP4_ADDR) | IKE_CP_BIT(IKE_CP_IP4_MASK) |
		    IKE_CP_BIT(IKE_CP_IP4_DNS) | IKE_CP_BIT(IKE_CP_IP4_SUBNET);
	if (cfg6_spoke_wants(sa))
		cfg6_spoke_ask(&req);
	dbg(DBG_IKEV2, &c, "Sending a CFG_REQUEST for %s's address (ip address negotiated)",
	    sa->tun->name);
	return ike_add_cp(mb, &req);
}

/* The routes of an earlier session (before a reauthentication). */
static void routes_del(struct tunnel *t)
{
	struct spoke_cfg *sc = t->spoke;
	unsigned int i;

	for (i = 0; sc && i < sc->n_routes; i++)
		kmi_route_del(D.kmi, &sc->routes[i]);
	if (sc)
		sc->n_routes = 0;
}

void spoke_release(struct tunnel *t)
{
	struct spoke_cfg *sc = t->spoke;
	struct dctx c = { 0 };

	if (!sc)
		return;
	routes_del(t);
	cfg6_spoke_release(t);
	if (sc->addr.family && t->ifindex)
		kmi_if_set_addr(D.kmi, t->name, t->ifindex, AF_INET, NULL);
	trace_event(&c, "%s gave back its negotiated address and routes",
		    t->name);
	free(sc);
	t->spoke = NULL;
}

static struct spoke_cfg *cfg_of(struct tunnel *t)
{
	if (!t->spoke)
		t->spoke = calloc(1, sizeof(*t->spoke));
	return t->spoke;
}

static void routes_add(struct tunnel *t, const struct ike_cp *cp,
		       const struct dctx *c)
{
	struct spoke_cfg *sc = t->spoke;
	const char *msg = NULL;
	struct kmi_route r;
	unsigned int i;

	for (i = 0; i < cp->n_subnet4 && sc->n_routes < SPOKE_MAX_ROUTES; i++) {
		memset(&r, 0, sizeof(r));
		r.dst.family = AF_INET;
		memcpy(r.dst.a, &cp->subnet4[i].addr, 4);
		r.dst.plen = (uint8_t)__builtin_popcount(cp->subnet4[i].mask.s_addr);
		r.ifindex = t->ifindex;
		r.metric = 1;
		if (sc->addr.family)
			r.src = sc->addr;
		if (kmi_route_add(D.kmi, &r, &msg)) {
			DIAG_ERROR(c, "Cannot install the route the hub sent over %s: %s",
				   t->name, msg ? msg : "?");
			continue;
		}
		sc->routes[sc->n_routes++] = r;
	}
	dbg(DBG_IKEV2, c, "Installed %u route(s) the hub sent over %s",
	    sc->n_routes, t->name);
}

static void addr_take(struct ike_sa *sa, struct tunnel *t,
		      const struct ike_cp *cp, const struct dctx *c)
{
	struct spoke_cfg *sc = t->spoke;
	char b[64];

	if (!cp->n_ip4_addr) {
		DIAG_ERROR(c, "The hub assigned %s no address (ip address negotiated)",
			   t->name);
		return;
	}
	memset(&sc->addr, 0, sizeof(sc->addr));
	sc->addr.family = AF_INET;
	sc->addr.plen = 32;
	memcpy(sc->addr.a, &cp->ip4_addr[0], 4);
	sa->local_vip = sc->addr;
	if (kmi_if_set_addr(D.kmi, t->name, t->ifindex, AF_INET, &sc->addr))
		DIAG_ERROR(c, "Cannot give %s the address %s the hub assigned",
			   t->name, conf_addr_str(&sc->addr, b, sizeof(b)));
	else
		dbg(DBG_IKEV2, c, "%s takes the address %s the hub assigned",
		    t->name, conf_addr_str(&sc->addr, b, sizeof(b)));
}

void spoke_cfg_reply(struct ike_sa *sa, const struct ike_msg *m)
{
	const struct ike_payload *p = ike_find(m, IKE_PL_CP);
	struct tunnel *t = sa->rt;
	struct parse_err e;
	struct ike_cp cp;
	struct dctx c;

	if (!sa->tun || !sa->tun->ip_negotiated || !t)
		return;
	ike_dctx(sa, &c);
	if (!p) {
		DIAG_ERROR(&c, "The hub sent no configuration payload: %s has no address (ip address negotiated)",
			   t->name);
		return;
	}
	if (ike_parse_cp(p, &cp, &e) || cp.type != IKE_CFG_REPLY) {
		DIAG_ERROR(&c, "The hub's configuration payload is no usable CFG_REPLY");
		return;
	}
	if (!cfg_of(t)) {
		DIAG_ERROR(&c, "out of memory");
		return;
	}
	routes_del(t);
	addr_take(sa, t, &cp, &c);
	routes_add(t, &cp, &c);
	cfg6_spoke_take(sa, t, &cp, &c);
}
