// SPDX-License-Identifier: GPL-2.0
/*
 * A spoke's authorization and configuration on the hub: the policies
 * found and merged, the reply built from them, the routes installed over
 * the spoke's Virtual-Access interface.
 */

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "authz.h"
#include "cfg6.h"
#include "daemon.h"
#include "diag.h"
#include "hub.h"
#include "ike_int.h"
#include "tunnel.h"
#include "vaccess.h"

/* The peer's identity as AAA names a user: the bare value. */
static const char *user_name(const struct conf_id *id, char *buf, size_t len)
{
	if (id->type == CONF_ID_ADDRESS)
		return inet_ntop(id->addr.family, id->addr.a, buf, len) ?
		       buf : "";
	snprintf(buf, len, "%s", id->value);
	return buf;
}

static enum authz_method method_of(const struct ike_sa *sa)
{
	return sa->auth_remote == IKE_AUTH_PSK ? AUTHZ_PSK : AUTHZ_CERT;
}

/* The policy of binding B, into *OUT (NULL: B is off). -1 when B names
 * a policy that does not exist. */
static int bind_policy(const struct ike_sa *sa, const struct authz_bind *b,
		       bool group, const struct authz_attrs **out,
		       const struct dctx *c, char *why, size_t len)
{
	const struct authz_policy *ap;
	const char *name;
	char user[300];

	*out = NULL;
	name = authz_bind_name(b, group, user_name(&sa->id_remote, user,
						  sizeof(user)), NULL);
	if (!b->on)
		return 0;
	if (!name) {
		snprintf(why, len, "AAA %s authorization: no name to look up",
			 group ? "group" : "user");
		return -1;
	}
	dbg(DBG_IKEV2, c, "Request queued for %s authorization, username '%s' (list %s)",
	    group ? "group" : "user", name, b->list);
	ap = sa->conf->authz ? authz_db_find(sa->conf->authz, name) : NULL;
	if (!ap) {
		snprintf(why, len, "AAA %s authorization failed: no "
			 "authorization policy %s", group ? "group" : "user",
			 name);
		return -1;
	}
	dbg(DBG_IKEV2, c, "Received %s authorization attributes from policy %s",
	    group ? "group" : "user", ap->name);
	*out = &ap->a;
	return 0;
}

/* The merged attributes of SA's profile. */
static int authorize(const struct ike_sa *sa, struct authz_attrs *merged,
		     const struct dctx *c, char *why, size_t len)
{
	const struct authz_profile *ap = sa->prof->authz;
	enum authz_method m = method_of(sa);
	struct authz_sources src = { 0 };

	if (bind_policy(sa, &ap->group[m], true, &src.group, c, why, len) ||
	    bind_policy(sa, &ap->user[m], false, &src.user, c, why, len))
		return -1;
	authz_sources_flags(ap, m, &src);
	authz_merge(&src, merged, NULL);
	dbg(DBG_IKEV2, c, "Merged authorization attributes of the user and group policies");
	return 0;
}

static void subnet_add(struct ike_cp *cp, const struct conf_addr *p)
{
	struct ike_cp_subnet4 *s;

	if (p->family != AF_INET || cp->n_subnet4 == IKE_CP_MAX_SUBNETS)
		return;
	s = &cp->subnet4[cp->n_subnet4++];
	memcpy(&s->addr, p->a, 4);
	s->mask.s_addr = htonl(p->plen ? ~0u << (32 - p->plen) : 0);
}

/* The IPv4 address of interface NAME (a LoopbackN of the file, or a
 * Linux interface), or with NAME NULL of the Virtual-Access T, as a host. */
static int if_addr(const char *name, const struct tunnel *t,
		   struct conf_addr *out)
{
	const struct conf_loopback *lo = name ? conf_loopback(D.conf, name) : NULL;

	if (!name)
		*out = t->conf->ip;
	else if (lo)
		*out = lo->ip;
	else if (kmi_if_addr(D.kmi, name, out))
		return -1;
	if (out->family != AF_INET)
		return -1;
	out->plen = 32;
	return 0;
}

/* "route set interface [IF]": that interface's address (by default the
 * Virtual-Access's own, its template's or the one it borrows); "route set
 * access-list": the list's permitted networks; "route set remote". */
static void reply_subnets(const struct authz_reply *ar, const struct tunnel *t,
			  struct ike_cp *cp)
{
	const struct conf_acl *acl = conf_acl(D.conf, ar->acl);
	unsigned int i;

	if (ar->route_if) {
		struct conf_addr host;

		if (!if_addr(ar->route_ifname[0] ? ar->route_ifname : NULL, t,
			     &host))
			subnet_add(cp, &host);
	}
	for (i = 0; acl && i < acl->n; i++)
		if (acl->ace[i].permit && acl->ace[i].net.family)
			subnet_add(cp, &acl->ace[i].net);
	for (i = 0; i < ar->subnets.n; i++)
		subnet_add(cp, &ar->subnets.p[i]);
}

static void reply_fill(const struct authz_reply *ar, const struct ike_cp *req,
		       const struct tunnel *t, struct ike_cp *cp)
{
	unsigned int i;

	memset(cp, 0, sizeof(*cp));
	cp->type = IKE_CFG_REPLY;
	if (ar->addr.family) {
		memcpy(&cp->ip4_addr[0], ar->addr.a, 4);
		cp->n_ip4_addr = 1;
		if (ar->has_netmask || (req->asked & IKE_CP_BIT(IKE_CP_IP4_MASK))) {
			uint8_t plen = ar->has_netmask ? ar->netmask : 32;

			cp->have_ip4_mask = true;
			cp->ip4_mask.s_addr = htonl(~0u << (32 - plen));
		}
	}
	for (i = 0; i < ar->dns.n && i < IKE_CP_MAX_SERVERS; i++)
		memcpy(&cp->dns4[cp->n_dns4++], ar->dns.a[i].a, 4);
	if (ar->domain[0]) {
		cp->def_domain = (const uint8_t *)ar->domain;
		cp->def_domain_len = (uint16_t)strlen(ar->domain);
	}
	reply_subnets(ar, t, cp);
	cfg6_reply_fill(ar, req, t, cp);
}

static void route_of(struct kmi_route *r, const struct tunnel *t,
		     const struct conf_addr *dst, uint32_t metric)
{
	memset(r, 0, sizeof(*r));
	r->dst = *dst;
	r->ifindex = t->ifindex;
	r->metric = metric;
}

/* The route to the spoke's address, and (route accept any) to the
 * subnets it announced in its request. */
static void hub_routes(struct tunnel *t, const struct authz_attrs *m,
		       const struct ike_cp *req, const struct dctx *c)
{
	struct vaccess *va = t->va;
	uint32_t dist = authz_has(m, AUTHZ_ROUTE_ACCEPT) ?
			m->accept.distance : AUTHZ_DISTANCE;
	const char *msg = NULL;
	struct kmi_route r;
	struct conf_addr d;
	unsigned int i;
	char a[64];

	if (va->assigned.family) {
		route_of(&r, t, &va->assigned, dist);
		if (va_add_route(t, &r, &msg))
			DIAG_ERROR(c, "Cannot route %s over %s: %s",
				   conf_addr_str(&va->assigned, a, sizeof(a)),
				   va->conf.alias, msg ? msg : "?");
	}
	cfg6_hub_routes(t, req, authz_has(m, AUTHZ_ROUTE_ACCEPT), dist, c);
	if (!authz_has(m, AUTHZ_ROUTE_ACCEPT))
		return;
	for (i = 0; i < req->n_subnet4; i++) {
		memset(&d, 0, sizeof(d));
		d.family = AF_INET;
		memcpy(d.a, &req->subnet4[i].addr, 4);
		d.plen = (uint8_t)__builtin_popcount(req->subnet4[i].mask.s_addr);
		route_of(&r, t, &d, dist);
		if (va_add_route(t, &r, &msg))
			DIAG_ERROR(c, "Cannot route a subnet of the peer over %s: %s",
				   va->conf.alias, msg ? msg : "?");
	}
}

/* The request's address (a spoke asking for the one it had). */
static void request_of(const struct ike_cp *req, struct authz_request *ar)
{
	memset(ar, 0, sizeof(*ar));
	ar->addr = (req->asked & IKE_CP_BIT(IKE_CP_IP4_ADDR)) ||
		   req->n_ip4_addr;
	if (req->n_ip4_addr && req->ip4_addr[0].s_addr) {
		ar->want.family = AF_INET;
		ar->want.plen = 32;
		memcpy(ar->want.a, &req->ip4_addr[0], 4);
	}
	cfg6_request(req, ar);
}

static int configure(struct ike_sa *sa, struct tunnel *t,
		     const struct ike_cp *req, struct ike_cp *reply,
		     const struct dctx *c, char *why, size_t len)
{
	struct authz_attrs merged;
	struct authz_request areq;
	struct authz_reply ar;
	char err[AUTHZ_ERR_LEN], a[64];

	if (authorize(sa, &merged, c, why, len))
		return -1;
	request_of(req, &areq);
	if (authz_reply_build(&merged, D.pools, t->va->owner, &areq, &ar, err,
			      sizeof(err))) {
		dbg(DBG_IKEV2 | DBG_ERROR, c, "Fail to alloc IP addr");
		snprintf(why, len, "Fail to alloc IP addr: %s", err);
		return -1;
	}
	t->va->assigned = ar.addr;
	sa->peer_vip = ar.addr;
	if (ar.addr.family)
		dbg(DBG_IKEV2, c, "Assigned address %s from the pool",
		    conf_addr_str(&ar.addr, a, sizeof(a)));
	cfg6_assigned(sa, t, &ar, c);
	reply_fill(&ar, req, t, reply);
	hub_routes(t, &merged, req, c);
	return 0;
}

/* The configuration request of M, if any. */
static int cfg_request(const struct ike_msg *m, struct ike_cp *req,
		       bool *have, const struct dctx *c, char *why, size_t len)
{
	const struct ike_payload *p = ike_find(m, IKE_PL_CP);
	struct parse_err e;

	*have = false;
	if (!p)
		return 0;
	if (ike_parse_cp(p, req, &e)) {
		snprintf(why, len, "Malformed configuration payload: %s", e.err);
		return -1;
	}
	if (req->type != IKE_CFG_REQUEST) {
		dbg(DBG_IKEV2, c, "Configuration payload of type %u ignored",
		    req->type);
		return 0;
	}
	dbg(DBG_IKEV2, c, "Received a CFG_REQUEST");
	*have = true;
	return 0;
}

int hub_authorize(struct ike_sa *sa, const struct ike_msg *m,
		  struct ike_cp *reply, bool *have_reply, char *why,
		  size_t len)
{
	struct ike_cp req;
	struct tunnel *t;
	bool asked;
	struct dctx c;

	ike_dctx(sa, &c);
	*have_reply = false;
	if (cfg_request(m, &req, &asked, &c, why, len))
		return -1;
	t = va_clone(sa, sa->prof->vt, why, len);
	if (!t)
		return -1;
	tunnel_attach(sa, t);
	sa->ipsec = t->conf->ipsec;
	if (!asked)
		return 0;
	if (!sa->prof->authz) {
		DIAG_ERROR(&c, "The peer sent a CFG_REQUEST but IKEv2 profile %s has no aaa authorization: no configuration sent",
			   sa->prof->name);
		return 0;
	}
	if (configure(sa, t, &req, reply, &c, why, len))
		return -1;
	*have_reply = true;
	return 0;
}
