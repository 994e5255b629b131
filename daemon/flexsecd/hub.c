// SPDX-License-Identifier: GPL-2.0
/*
 * A spoke's authorization and configuration on the hub: the policies
 * found and merged, the reply built from them, the routes installed over
 * the spoke's Virtual-Access interface.
 */

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authz.h"
#include "cfg6.h"
#include "daemon.h"
#include "diag.h"
#include "hub.h"
#include "ike_int.h"
#include "mangler.h"
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
	char user[300], mangled[256];

	*out = NULL;
	name = authz_bind_name(b, group, user_name(&sa->id_remote, user,
						  sizeof(user)),
			       mangler_name(sa->conf, b->mangler, &sa->id_remote,
					    mangled, sizeof(mangled)));
	if (!b->on)
		return 0;
	if (!name) {
		snprintf(why, len, "AAA %s authorization: no name to look up%s%s",
			 group ? "group" : "user", b->mangler[0] ?
			 ": the peer's identity has none for name-mangler " : "",
			 b->mangler);
		return -1;
	}
	dbg(DBG_IKEV2, c, "Using mlist %s and username %s for %s author request",
	    b->list, name, group ? "group" : "user");
	dbg(DBG_IKEV2, c, "[IKEv2 -> AAA] Authorisation request sent");
	ap = sa->conf->authz ? authz_db_find(sa->conf->authz, name) : NULL;
	if (!ap) {
		snprintf(why, len, "AAA %s authorization failed: no "
			 "authorization policy %s", group ? "group" : "user",
			 name);
		return -1;
	}
	dbg(DBG_IKEV2, c, "[AAA -> IKEv2] Received AAA authorisation response: %s policy %s",
	    group ? "group" : "user", ap->name);
	*out = &ap->a;
	return 0;
}

int hub_authz_attrs(const struct ike_sa *sa, struct authz_attrs *merged,
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
	dbg(DBG_IKEV2, c, "Received valid config mode data (user and group attributes merged)");
	return 0;
}

void hub_subnet_of(const struct ike_cp_subnet4 *s, struct conf_addr *d)
{
	memset(d, 0, sizeof(*d));
	d->family = AF_INET;
	memcpy(d->a, &s->addr, 4);
	d->plen = (uint8_t)__builtin_popcount(s->mask.s_addr);
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
 * Linux interface), or with NAME NULL OWN, as a host. */
static int if_addr(const char *name, const struct conf_addr *own,
		   struct conf_addr *out)
{
	const struct conf_loopback *lo = name ? conf_loopback(D.conf, name) : NULL;

	if (!name)
		*out = *own;
	else if (lo)
		*out = lo->ip;
	else if (kmi_if_addr(D.kmi, name, AF_INET, out))
		return -1;
	if (out->family != AF_INET)
		return -1;
	out->plen = 32;
	return 0;
}

void hub_subnets(const struct authz_reply *ar, const struct conf_addr *own,
		 struct ike_cp *cp)
{
	const struct conf_acl *acl = conf_acl(D.conf, ar->acl);
	unsigned int i;

	if (ar->route_if) {
		struct conf_addr host;

		if (!if_addr(ar->route_ifname[0] ? ar->route_ifname : NULL, own,
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
	hub_subnets(ar, &t->conf->ip, cp);
	cfg6_reply_fill(ar, req, t, cp);
}

/* METRIC and TAG: "route accept any"'s distance and tag (the realm). */
static void route_of(struct kmi_route *r, const struct tunnel *t,
		     const struct conf_addr *dst, uint32_t metric, uint32_t tag)
{
	memset(r, 0, sizeof(r[0]));
	r->dst = *dst;
	r->ifindex = t->ifindex;
	r->metric = metric;
	r->realm = tag;
}

static uint32_t distance_of(const struct authz_attrs *m)
{
	return authz_has(m, AUTHZ_ROUTE_ACCEPT) ? m->accept.distance :
	       AUTHZ_DISTANCE;
}

static uint32_t tag_of(const struct authz_attrs *m)
{
	return authz_has(m, AUTHZ_ROUTE_ACCEPT) ? m->accept.tag : 0;
}

/* The route to the spoke's address. */
static void route_assigned(struct tunnel *t, const struct authz_attrs *m,
			   const struct dctx *c)
{
	struct vaccess *va = t->va;
	const char *msg = NULL;
	struct kmi_route r;
	char a[64];

	if (!va->assigned.family)
		return;
	route_of(&r, t, &va->assigned, distance_of(m), tag_of(m));
	if (va_add_route(t, &r, &msg))
		DIAG_ERROR(c, "Cannot route %s over %s: %s",
			   conf_addr_str(&va->assigned, a, sizeof(a)),
			   va->conf.alias, msg ? msg : "?");
}

static bool is_assigned(const struct tunnel *t, const struct conf_addr *d)
{
	const struct conf_addr *v = &t->va->assigned;

	return v->family == AF_INET && d->plen == 32 && !memcmp(v->a, d->a, 4);
}

/* The subnets the spoke announced (in its request or a CFG_SET): routed
 * over its Virtual-Access with "route accept any", else named as refused.
 * The number routed. */
static unsigned int accept_subnets(struct tunnel *t, const struct authz_attrs *m,
				   const struct ike_cp *cp, const struct dctx *c)
{
	const char *msg = NULL;
	unsigned int i, n = 0;
	struct kmi_route r;
	struct conf_addr d;
	char a[64];

	for (i = 0; i < cp->n_subnet4; i++) {
		hub_subnet_of(&cp->subnet4[i], &d);
		conf_addr_str(&d, a, sizeof(a));
		if (is_assigned(t, &d)) {
			n++;	/* routed as the spoke's address already */
			continue;
		}
		if (!authz_has(m, AUTHZ_ROUTE_ACCEPT)) {
			DIAG_ERROR(c, "Route %s of the peer not installed over %s: its authorization policy has no 'route accept'",
				   a, t->va->conf.alias);
			continue;
		}
		route_of(&r, t, &d, distance_of(m), tag_of(m));
		if (va_add_route(t, &r, &msg)) {
			DIAG_ERROR(c, "Cannot route %s of the peer over %s: %s",
				   a, t->va->conf.alias, msg ? msg : "?");
			continue;
		}
		dbg(DBG_IKEV2, c, "Installed route %s of the peer over %s", a,
		    t->va->conf.alias);
		n++;
	}
	return n;
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

/* The reply to REQ; a positive notify when the IKE SA is to carry no
 * CHILD SA (INTERNAL_ADDRESS_FAILURE), -1 when authorization failed. */
static int configure(struct ike_sa *sa, struct tunnel *t,
		     const struct authz_attrs *merged, const struct ike_cp *req,
		     struct ike_cp *reply, const struct dctx *c, char *why,
		     size_t len)
{
	struct authz_request areq;
	struct authz_reply ar;
	char err[AUTHZ_ERR_LEN], a[64];

	request_of(req, &areq);
	if (authz_reply_build(merged, D.pools, t->va->owner, &areq, &ar, err,
			      sizeof(err))) {
		dbg(DBG_IKEV2 | DBG_ERROR, c, "Error constructing config reply");
		dbg(DBG_IKEV2 | DBG_ERROR, c, "Error in retrieving config mode data to send");
		dbg(DBG_IKEV2 | DBG_ERROR, c, "Fail to alloc IP addr");
		snprintf(why, len, "Fail to alloc IP addr: %s", err);
		return IKE_N_INTERNAL_ADDRESS_FAILURE;
	}
	t->va->assigned = ar.addr;
	sa->peer_vip = ar.addr;
	if (ar.addr.family)
		dbg(DBG_IKEV2, c, "Assigned address %s from the pool",
		    conf_addr_str(&ar.addr, a, sizeof(a)));
	cfg6_assigned(sa, t, &ar, c);
	reply_fill(&ar, req, t, reply);
	dbg(DBG_IKEV2, c, "Sending a CFG_REPLY: %u address(es), %u DNS server(s), %u subnet(s)",
	    reply->n_ip4_addr, reply->n_dns4, reply->n_subnet4);
	route_assigned(t, merged, c);
	cfg6_hub_routes(t, req, authz_has(merged, AUTHZ_ROUTE_ACCEPT),
			distance_of(merged), c);
	accept_subnets(t, merged, req, c);
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

/* A spoke that asks for nothing where the policy gives it an address:
 * the hub could not route to it (RFC 7296 3.10.1, FAILED_CP_REQUIRED). */
static int no_request(const struct ike_sa *sa, const struct authz_attrs *m,
		      const struct dctx *c, char *why, size_t len)
{
	if (!authz_has(m, AUTHZ_POOL) && !authz_has(m, AUTHZ_ADDR))
		return 0;
	snprintf(why, len, "The peer sent no CFG_REQUEST, but IKEv2 profile %s gives its peers an address: FAILED_CP_REQUIRED",
		 sa->prof->name);
	dbg(DBG_IKEV2 | DBG_ERROR, c, "%s", why);
	return IKE_N_FAILED_CP_REQUIRED;
}

int hub_authorize(struct ike_sa *sa, const struct ike_msg *m,
		  struct ike_cp *reply, bool *have_reply, char *why,
		  size_t len)
{
	struct authz_attrs merged;
	struct ike_cp req;
	struct tunnel *t;
	bool asked;
	struct dctx c;

	ike_dctx(sa, &c);
	*have_reply = false;
	if (cfg_request(m, &req, &asked, &c, why, len))
		return -1;
	t = va_of_peer(sa, sa->prof->vt);
	if (t)
		dbg(DBG_IKEV2 | DBG_VTEMPLATE, &c, "The peer has a session on %s: the new IKE SA joins it",
		    t->va->conf.alias);
	else
		t = va_clone(sa, sa->prof->vt, why, len);
	if (!t)
		return -1;
	tunnel_attach(sa, t);
	sa->ipsec = t->conf->ipsec;
	if (!sa->prof->authz) {
		if (asked)
			DIAG_ERROR(&c, "The peer sent a CFG_REQUEST but IKEv2 profile %s has no aaa authorization: no configuration sent",
				   sa->prof->name);
		return 0;
	}
	if (hub_authz_attrs(sa, &merged, &c, why, len))
		return -1;
	ike_session_limits(sa, &merged);
	if (!asked)
		return no_request(sa, &merged, &c, why, len);
	*have_reply = true;
	return configure(sa, t, &merged, &req, reply, &c, why, len);
}

/* CFG_ACK: the attributes taken, each with length 0. */
static void ack_of(const struct ike_cp *set, unsigned int routed,
		   struct ike_cp *ack)
{
	memset(ack, 0, sizeof(*ack));
	ack->type = IKE_CFG_ACK;
	if (routed)
		ack->asked |= IKE_CP_BIT(IKE_CP_IP4_SUBNET);
	if (set->app_version_len)
		ack->asked |= IKE_CP_BIT(IKE_CP_APP_VERSION);
}

/* A printable copy of the peer's application version. */
static const char *app_version(const struct ike_cp *cp, char *buf, size_t len)
{
	size_t i, n = cp->app_version_len < len ? cp->app_version_len : len - 1;

	for (i = 0; i < n; i++)
		buf[i] = cp->app_version[i] >= 0x20 && cp->app_version[i] < 0x7f ?
			 (char)cp->app_version[i] : '.';
	buf[n] = '\0';
	return buf;
}

int hub_cfg_set(struct ike_sa *sa, const struct ike_payload *p,
		struct msg_builder *mb)
{
	struct authz_attrs merged;
	struct ike_cp *set, ack;
	unsigned int routed = 0;
	struct parse_err e;
	char why[256], v[80];
	struct dctx c;
	int err;

	ike_dctx(sa, &c);
	set = calloc(1, sizeof(*set));
	if (!set)
		return -1;
	if (ike_parse_cp(p, set, &e) || set->type != IKE_CFG_SET) {
		dbg(DBG_IKEV2, &c, "Configuration payload in INFORMATIONAL ignored: %s",
		    set->type == IKE_CFG_SET ? e.err : "not a CFG_SET");
		free(set);
		return 0;
	}
	dbg(DBG_IKEV2, &c, "Config-type: Config-set: %u subnet(s)%s%s",
	    set->n_subnet4, set->app_version_len ? ", version " : "",
	    set->app_version_len ? app_version(set, v, sizeof(v)) : "");
	if (!sa->rt || !sa->rt->va)
		dbg(DBG_IKEV2, &c, "Not a Virtual-Access: the peer's subnets are not routed");
	else if (!sa->prof->authz)
		DIAG_ERROR(&c, "The peer announced %u subnet(s) but IKEv2 profile %s has no aaa authorization: none routed",
			   set->n_subnet4, sa->prof->name);
	else if (hub_authz_attrs(sa, &merged, &c, why, sizeof(why)))
		DIAG_ERROR(&c, "%s", why);
	else
		routed = accept_subnets(sa->rt, &merged, set, &c);
	ack_of(set, routed, &ack);
	free(set);
	err = ike_add_cp(mb, &ack);
	if (!err)
		dbg(DBG_IKEV2, &c, "Config-type: Config-ack: %u subnet(s) routed",
		    routed);
	return err;
}
