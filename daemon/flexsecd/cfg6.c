// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 in the configuration payload: the hub's prefix, DNS servers,
 * subnets and route to the spoke; the spoke's address and routes.
 */

#include <arpa/inet.h>
#include <string.h>

#include "cfg6.h"
#include "daemon.h"
#include "diag.h"
#include "ike_int.h"
#include "pool.h"
#include "spoke.h"
#include "tunnel.h"
#include "vaccess.h"

static void to_addr(struct conf_addr *a, const struct ike_cp_prefix6 *p)
{
	memset(a, 0, sizeof(*a));
	a->family = AF_INET6;
	memcpy(a->a, &p->addr, 16);
	a->plen = p->plen;
}

static bool unspecified(const struct in6_addr *a)
{
	return IN6_IS_ADDR_UNSPECIFIED(a);
}

/* ---- the hub ---- */

void cfg6_request(const struct ike_cp *req, struct authz_request *ar)
{
	ar->addr6 = (req->asked & IKE_CP_BIT(IKE_CP_IP6_ADDR)) ||
		    req->n_ip6_addr;
	memset(&ar->want6, 0, sizeof(ar->want6));
	if (req->n_ip6_addr && !unspecified(&req->ip6_addr[0].addr))
		to_addr(&ar->want6, &req->ip6_addr[0]);
}

void cfg6_assigned(struct ike_sa *sa, struct tunnel *t,
		   const struct authz_reply *ar, const struct dctx *c)
{
	char a[64];

	memset(&sa->peer_vip6, 0, sizeof(sa->peer_vip6));
	t->va->assigned6 = ar->addr6;
	if (!ar->addr6.family)
		return;
	pool_prefix_host(&ar->addr6, &sa->peer_vip6);
	dbg(DBG_IKEV2, c, "Assigned IPv6 prefix %s from the pool",
	    conf_addr_str(&ar->addr6, a, sizeof(a)));
}

static void subnet6_add(struct ike_cp *cp, const struct conf_addr *p)
{
	struct ike_cp_prefix6 *s;

	if (p->family != AF_INET6 || cp->n_subnet6 == IKE_CP_MAX_SUBNETS)
		return;
	s = &cp->subnet6[cp->n_subnet6++];
	memcpy(&s->addr, p->a, 16);
	s->plen = p->plen;
}

/* "route set interface [IF]": the IPv6 address of IF (a LoopbackN of the
 * file), or of the Virtual-Access T: the template's own, else that of the
 * loopback it is unnumbered to. */
static bool if_addr6(const char *name, const struct tunnel *t,
		     struct conf_addr *out)
{
	const struct conf_loopback *lo;

	memset(out, 0, sizeof(*out));
	if (!name && t->conf->ip6.family) {
		*out = t->conf->ip6;
	} else {
		if (!name)
			name = t->conf->unnumbered[0] ? t->conf->unnumbered : NULL;
		lo = name ? conf_loopback(D.conf, name) : NULL;
		if (lo)
			*out = lo->ip6;
	}
	if (out->family != AF_INET6)
		return false;
	out->plen = 128;
	return true;
}

void cfg6_reply_fill(const struct authz_reply *ar, const struct ike_cp *req,
		     const struct tunnel *t, struct ike_cp *cp)
{
	const struct conf_acl *acl = ar->acl6[0] ? conf_acl6(D.conf, ar->acl6) :
				     NULL;
	struct conf_addr host;
	unsigned int i;

	if (!(req->asked & (IKE_CP_BIT(IKE_CP_IP6_ADDR) |
			    IKE_CP_BIT(IKE_CP_IP6_DNS) |
			    IKE_CP_BIT(IKE_CP_IP6_SUBNET))) &&
	    !req->n_ip6_addr && !req->n_dns6 && !req->n_subnet6)
		return;
	if (ar->addr6.family) {
		pool_prefix_host(&ar->addr6, &host);
		memcpy(&cp->ip6_addr[0].addr, host.a, 16);
		cp->ip6_addr[0].plen = host.plen;
		cp->n_ip6_addr = 1;
	}
	for (i = 0; i < ar->dns6.n && cp->n_dns6 < IKE_CP_MAX_SERVERS; i++)
		memcpy(&cp->dns6[cp->n_dns6++], ar->dns6.a[i].a, 16);
	if (ar->route_if &&
	    if_addr6(ar->route_ifname[0] ? ar->route_ifname : NULL, t, &host))
		subnet6_add(cp, &host);
	for (i = 0; acl && i < acl->n; i++)
		if (acl->ace[i].permit && acl->ace[i].net.family)
			subnet6_add(cp, &acl->ace[i].net);
	for (i = 0; i < ar->subnets6.n; i++)
		subnet6_add(cp, &ar->subnets6.p[i]);
}

static void hub_route(struct tunnel *t, const struct conf_addr *dst,
		      uint32_t metric, const struct dctx *c)
{
	const char *msg = NULL;
	struct kmi_route r;
	char a[64];

	memset(&r, 0, sizeof(r));
	r.dst = *dst;
	r.ifindex = t->ifindex;
	r.metric = metric;
	if (va_add_route(t, &r, &msg))
		DIAG_ERROR(c, "Cannot route %s over %s: %s",
			   conf_addr_str(dst, a, sizeof(a)), t->va->conf.alias,
			   msg ? msg : "?");
}

void cfg6_hub_routes(struct tunnel *t, const struct ike_cp *req, bool accept,
		     uint32_t metric, const struct dctx *c)
{
	struct conf_addr d;
	unsigned int i;

	/* IPv6 over a Virtual-Access of a template without any of its own */
	if ((t->va->assigned6.family || (accept && req->n_subnet6)) &&
	    !conf_tunnel_ipv6(&t->va->conf) &&
	    kmi_if_ipv6(D.kmi, t->name, true))
		DIAG_ERROR(c, "Cannot turn IPv6 on over %s", t->va->conf.alias);
	if (t->va->assigned6.family)
		hub_route(t, &t->va->assigned6, metric, c);
	for (i = 0; accept && i < req->n_subnet6; i++) {
		to_addr(&d, &req->subnet6[i]);
		hub_route(t, &d, metric, c);
	}
}

/* ---- the spoke ---- */

bool cfg6_spoke_wants(const struct ike_sa *sa)
{
	return sa->tun && sa->tun->ip_negotiated && sa->tun->ipv6_enable;
}

void cfg6_spoke_ask(struct ike_cp *req)
{
	req->asked |= IKE_CP_BIT(IKE_CP_IP6_ADDR) | IKE_CP_BIT(IKE_CP_IP6_DNS) |
		      IKE_CP_BIT(IKE_CP_IP6_SUBNET);
}

/* The IPv6 routes of the reply, as the spoke's policy POL (NULL: none
 * could be had) allows. */
static void routes6_add(struct tunnel *t, const struct ike_cp *cp,
			const struct authz_attrs *pol, const struct dctx *c)
{
	struct spoke_cfg *sc = t->spoke;
	const char *msg = NULL;
	struct kmi_route r;
	unsigned int i;

	if (!pol)
		return;
	if (!authz_has(pol, AUTHZ_ROUTE_ACCEPT)) {
		if (cp->n_subnet6)
			DIAG_ERROR(c, "The peer sent %u IPv6 route(s) for %s but the authorization policy has no 'route accept': none installed",
				   cp->n_subnet6, t->name);
		return;
	}
	for (i = 0; i < cp->n_subnet6 && sc->n_routes < SPOKE_MAX_ROUTES; i++) {
		memset(&r, 0, sizeof(r));
		to_addr(&r.dst, &cp->subnet6[i]);
		r.ifindex = t->ifindex;
		r.metric = pol->accept.distance;
		if (sc->addr6.family) {
			r.src = sc->addr6;
			r.src.plen = 128;
		}
		if (kmi_route_add(D.kmi, &r, &msg)) {
			DIAG_ERROR(c, "Cannot install the IPv6 route the hub sent over %s: %s",
				   t->name, msg ? msg : "?");
			continue;
		}
		sc->routes[sc->n_routes++] = r;
	}
}

void cfg6_spoke_take(struct ike_sa *sa, struct tunnel *t,
		     const struct ike_cp *cp, const struct authz_attrs *pol,
		     const struct dctx *c)
{
	struct spoke_cfg *sc = t->spoke;
	char b[64];

	memset(&sa->local_vip6, 0, sizeof(sa->local_vip6));
	if (!cfg6_spoke_wants(sa) || !sc)
		return;
	if (!cp->n_ip6_addr) {
		dbg(DBG_IKEV2, c, "The hub assigned %s no IPv6 address", t->name);
		if (sc->addr6.family)
			cfg6_spoke_release(t);
		return;
	}
	to_addr(&sc->addr6, &cp->ip6_addr[0]);
	sa->local_vip6 = sc->addr6;
	if (kmi_if_set_addr(D.kmi, t->name, t->ifindex, AF_INET6, &sc->addr6))
		DIAG_ERROR(c, "Cannot give %s the IPv6 address %s the hub assigned",
			   t->name, conf_addr_str(&sc->addr6, b, sizeof(b)));
	else
		dbg(DBG_IKEV2, c, "%s takes the IPv6 address %s the hub assigned",
		    t->name, conf_addr_str(&sc->addr6, b, sizeof(b)));
	routes6_add(t, cp, pol, c);
}

void cfg6_spoke_release(struct tunnel *t)
{
	struct spoke_cfg *sc = t->spoke;

	if (!sc || !sc->addr6.family)
		return;
	if (t->ifindex)
		kmi_if_set_addr(D.kmi, t->name, t->ifindex, AF_INET6, NULL);
	memset(&sc->addr6, 0, sizeof(sc->addr6));
}
