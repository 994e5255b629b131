// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration payload on a spoke: the request, the reply's address
 * and routes applied to the tunnel as the spoke's own authorization
 * policy allows ("route accept"), and the CFG_SET that announces the
 * spoke's subnets ("route set") to the hub.
 */

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "authz.h"
#include "cfg6.h"
#include "cp.h"
#include "daemon.h"
#include "diag.h"
#include "hub.h"
#include "ike_int.h"
#include "spoke.h"
#include "tunnel.h"

/* A tunnel that asks: for its address, or (aaa authorization in its
 * profile) for the hub's routes. */
static bool asks(const struct ike_sa *sa)
{
	return sa->tun && (sa->tun->ip_negotiated || sa->prof->authz);
}

/* The spoke's own policy: its profile's, else the built-in "default". */
static int policy(const struct ike_sa *sa, struct authz_attrs *m,
		  const struct dctx *c)
{
	char why[256];

	if (!sa->prof->authz) {
		authz_default_attrs(m);
		return 0;
	}
	if (!hub_authz_attrs(sa, m, c, why, sizeof(why)))
		return 0;
	DIAG_ERROR(c, "%s", why);
	return -1;
}

int spoke_cfg_request(const struct ike_sa *sa, struct msg_builder *mb)
{
	struct ike_cp req = { .type = IKE_CFG_REQUEST };
	struct dctx c;

	if (!asks(sa))
		return 0;
	ike_dctx((struct ike_sa *)sa, &c);
	req.asked = IKE_CP_BIT(IKE_CP_IP4_DNS) | IKE_CP_BIT(IKE_CP_IP4_SUBNET);
	if (sa->tun->ip_negotiated) {
		req.asked |= IKE_CP_BIT(IKE_CP_IP4_ADDR) |
			     IKE_CP_BIT(IKE_CP_IP4_MASK);
		if (cfg6_spoke_wants(sa))
			cfg6_spoke_ask(&req);
		dbg(DBG_IKEV2, &c, "Sending a CFG_REQUEST for %s's address (ip address negotiated)",
		    sa->tun->name);
	} else {
		dbg(DBG_IKEV2, &c, "Sending a CFG_REQUEST for the routes of %s's peer",
		    sa->tun->name);
	}
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

/* Without "route accept" the hub's routes are named, not installed: the
 * chapter's spoke that has an address and no route. */
static void routes_refused(const struct tunnel *t, const struct ike_cp *cp,
			   const struct dctx *c)
{
	char list[200] = "", a[64];
	struct conf_addr d;
	size_t off = 0;
	unsigned int i;

	if (!cp->n_subnet4)
		return;
	for (i = 0; i < cp->n_subnet4 && off < sizeof(list) - 1; i++) {
		hub_subnet_of(&cp->subnet4[i], &d);
		off += (size_t)snprintf(list + off, sizeof(list) - off, "%s%s",
					i ? ", " : "",
					conf_addr_str(&d, a, sizeof(a)));
	}
	DIAG_ERROR(c, "The peer sent %u route(s) for %s (%s) but the authorization policy has no 'route accept': none installed",
		   cp->n_subnet4, t->name, list);
}

static void routes_add(struct tunnel *t, const struct ike_cp *cp,
		       const struct authz_attrs *pol, const struct dctx *c)
{
	struct spoke_cfg *sc = t->spoke;
	const char *msg = NULL;
	struct kmi_route r;
	unsigned int i;

	if (!authz_has(pol, AUTHZ_ROUTE_ACCEPT)) {
		routes_refused(t, cp, c);
		return;
	}
	for (i = 0; i < cp->n_subnet4 && sc->n_routes < SPOKE_MAX_ROUTES; i++) {
		memset(&r, 0, sizeof(r));
		hub_subnet_of(&cp->subnet4[i], &r.dst);
		r.ifindex = t->ifindex;
		r.metric = pol->accept.distance;
		r.realm = pol->accept.tag;
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
	struct authz_attrs pol;
	struct parse_err e;
	bool have_pol;
	struct ike_cp cp;
	struct dctx c;

	if (!asks(sa) || !t)
		return;
	ike_dctx(sa, &c);
	if (!p && sa->tun->ip_negotiated) {
		DIAG_ERROR(&c, "The hub sent no configuration payload: %s has no address (ip address negotiated)",
			   t->name);
		return;
	}
	if (!p) {
		dbg(DBG_IKEV2, &c, "The peer sent no configuration payload: no routes for %s",
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
	have_pol = !policy(sa, &pol, &c);
	if (sa->tun->ip_negotiated)
		addr_take(sa, t, &cp, &c);
	if (have_pol)
		routes_add(t, &cp, &pol, &c);
	if (sa->tun->ip_negotiated)
		cfg6_spoke_take(sa, t, &cp, have_pol ? &pol : NULL, &c);
}

static void ack_response(struct ike_sa *sa, struct ike_request *rq,
			 const struct ike_msg *m)
{
	const struct ike_payload *p = m ? ike_find(m, IKE_PL_CP) : NULL;
	struct parse_err e;
	struct ike_cp ack;
	struct dctx c;

	ike_dctx(sa, &c);
	if (!p || ike_parse_cp(p, &ack, &e) || ack.type != IKE_CFG_ACK) {
		dbg(DBG_IKEV2, &c, "The peer answered the CFG_SET without a CFG_ACK: it routes by traffic selectors only");
		return;
	}
	if (ack.asked & IKE_CP_BIT(IKE_CP_IP4_SUBNET))
		dbg(DBG_IKEV2, &c, "Config-type: Config-ack: the peer routes our subnets");
	else
		DIAG_ERROR(&c, "The peer acknowledged our CFG_SET but routes none of our subnets (no 'route accept' in its authorization policy?)");
}

/* The CFG_SET of POL's "route set" lines, for T (its address for "route
 * set interface"); the number of subnets in it. */
static unsigned int set_of(const struct authz_attrs *pol, const struct tunnel *t,
			   struct ike_cp *set)
{
	static const char version[] = "flexsec " FLEXSEC_VERSION;
	struct authz_request req = { 0 };
	struct authz_reply ar;
	char err[AUTHZ_ERR_LEN];

	memset(set, 0, sizeof(*set));
	set->type = IKE_CFG_SET;
	if (authz_reply_build(pol, NULL, 0, &req, &ar, err, sizeof(err)))
		return 0;
	hub_subnets(&ar, t->spoke && t->spoke->addr.family ? &t->spoke->addr :
		    &t->conf->ip, set);
	set->app_version = (const uint8_t *)version;
	set->app_version_len = sizeof(version) - 1;
	return set->n_subnet4;
}

void spoke_cfg_set(struct ike_sa *sa)
{
	struct authz_attrs pol;
	struct msg_builder mb;
	struct ike_cp *set;
	unsigned int n;
	struct dctx c;

	if (!asks(sa) || !sa->rt)
		return;
	ike_dctx(sa, &c);
	set = calloc(1, sizeof(*set));
	if (!set || policy(sa, &pol, &c)) {
		free(set);
		return;
	}
	n = set_of(&pol, sa->rt, set);
	if (!n) {
		dbg(DBG_IKEV2, &c, "No 'route set' subnet to announce to the peer");
		free(set);
		return;
	}
	mb_init(&mb);
	if (ike_add_cp(&mb, set) ||
	    ike_send_request(sa, IKE_INFORMATIONAL, &mb, ack_response, NULL) < 0)
		DIAG_ERROR(&c, "Cannot send the CFG_SET announcing %u subnet(s)", n);
	else
		dbg(DBG_IKEV2, &c, "Config-type: Config-set: announcing %u subnet(s) of %s",
		    n, sa->rt->name);
	mb_free(&mb);
	free(set);
}

const char *spoke_refused(const struct ike_sa *sa, uint16_t notify, char *buf,
			  size_t len)
{
	const char *t = sa->tun ? sa->tun->name : "the tunnel";

	if (notify == IKE_N_FAILED_CP_REQUIRED)
		snprintf(buf, len, "The peer requires a configuration request (FAILED_CP_REQUIRED): give %s 'ip address negotiated'",
			 t);
	else
		snprintf(buf, len, "The peer could not assign %s an address (INTERNAL_ADDRESS_FAILURE): its pool is exhausted, or its authorization gives no address",
			 t);
	return buf;
}
