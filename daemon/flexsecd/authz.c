// SPDX-License-Identifier: GPL-2.0
/*
 * IKEv2 authorization: the merge of the user, group and implicit
 * attributes (the priority rules are in authz.h), the names to authorize
 * under, the reply the hub pushes with the address leased from the
 * policy's pool, and the set of policies by name. The lines of the
 * configuration are read in authz_parse.c.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authz.h"

#define FIELD(f) { offsetof(struct authz_attrs, f), \
		   sizeof(((struct authz_attrs *)0)->f) }

/* Where each attribute's value is: the merge copies it whole. */
static const struct {
	size_t off, size;
} field[AUTHZ_N_ATTRS] = {
	[AUTHZ_POOL] = FIELD(pool),
	[AUTHZ_POOL6] = FIELD(pool6),
	[AUTHZ_ADDR] = FIELD(addr),
	[AUTHZ_ADDR6] = FIELD(addr6),
	[AUTHZ_DNS] = FIELD(dns),
	[AUTHZ_DNS6] = FIELD(dns6),
	[AUTHZ_DOMAIN_NAME] = FIELD(domain),
	[AUTHZ_NETMASK] = FIELD(netmask),
	[AUTHZ_ROUTE_IF] = FIELD(route_if),
	[AUTHZ_ROUTE_ACL] = FIELD(route_acl),
	[AUTHZ_ROUTE_ACL6] = FIELD(route_acl6),
	[AUTHZ_ROUTE_REMOTE] = FIELD(remote),
	[AUTHZ_ROUTE_REMOTE6] = FIELD(remote6),
	[AUTHZ_ROUTE_ACCEPT] = FIELD(accept),
	[AUTHZ_FLOW_LIMIT] = FIELD(flow_limit),
	[AUTHZ_LIFETIME] = FIELD(lifetime),
};

/*
 * The order the merge looks at the sources in, first the winner: the
 * user's attributes, then the implicit ones, then the group's; with
 * "aaa authorization group override" the group's, the user's, then the
 * implicit ones.
 */
static const enum authz_src prio[2][3] = {
	{ AUTHZ_SRC_USER, AUTHZ_SRC_IMPLICIT, AUTHZ_SRC_GROUP },
	{ AUTHZ_SRC_GROUP, AUTHZ_SRC_USER, AUTHZ_SRC_IMPLICIT },
};

static const char *const attr_names[AUTHZ_N_ATTRS] = {
	[AUTHZ_POOL] = "pool",
	[AUTHZ_POOL6] = "ipv6 pool",
	[AUTHZ_ADDR] = "address",
	[AUTHZ_ADDR6] = "ipv6 address",
	[AUTHZ_DNS] = "dns",
	[AUTHZ_DNS6] = "ipv6 dns",
	[AUTHZ_DOMAIN_NAME] = "def-domain",
	[AUTHZ_NETMASK] = "netmask",
	[AUTHZ_ROUTE_IF] = "route set interface",
	[AUTHZ_ROUTE_ACL] = "route set access-list",
	[AUTHZ_ROUTE_ACL6] = "route set access-list ipv6",
	[AUTHZ_ROUTE_REMOTE] = "route set remote ipv4",
	[AUTHZ_ROUTE_REMOTE6] = "route set remote ipv6",
	[AUTHZ_ROUTE_ACCEPT] = "route accept any",
	[AUTHZ_FLOW_LIMIT] = "ipsec flow-limit",
	[AUTHZ_LIFETIME] = "session-lifetime",
};

const char *authz_attr_name(enum authz_attr x)
{
	return x < AUTHZ_N_ATTRS ? attr_names[x] : "?";
}

void authz_default_attrs(struct authz_attrs *a)
{
	memset(a, 0, sizeof(*a));
	a->set = 1u << AUTHZ_ROUTE_IF | 1u << AUTHZ_ROUTE_ACCEPT;
	a->accept.tag = 1;
	a->accept.distance = AUTHZ_DISTANCE;
}

const char *authz_src_name(enum authz_src s)
{
	switch (s) {
	case AUTHZ_SRC_USER:
		return "user";
	case AUTHZ_SRC_GROUP:
		return "group";
	case AUTHZ_SRC_IMPLICIT:
		return "implicit";
	default:
		return "none";
	}
}

void authz_sources_flags(const struct authz_profile *p, enum authz_method m,
			 struct authz_sources *src)
{
	src->override = p->group[m].on && p->override[m];
	src->cached = p->cached[m];
}

static const struct authz_attrs *source(const struct authz_sources *src,
					enum authz_src k)
{
	switch (k) {
	case AUTHZ_SRC_USER:
		return src->user;
	case AUTHZ_SRC_GROUP:
		return src->group;
	case AUTHZ_SRC_IMPLICIT:
		/* without "cached" the implicit attributes are ignored */
		return src->cached ? src->implicit : NULL;
	default:
		return NULL;
	}
}

void authz_merge(const struct authz_sources *src, struct authz_attrs *out,
		 enum authz_src *from)
{
	const enum authz_src *order = prio[src->override];
	const struct authz_attrs *a;
	unsigned int x, k;

	memset(out, 0, sizeof(*out));
	for (x = 0; x < AUTHZ_N_ATTRS; x++) {
		if (from)
			from[x] = AUTHZ_SRC_NONE;
		for (k = 0; k < 3; k++) {
			a = source(src, order[k]);
			if (!a || !authz_has(a, x))
				continue;
			memcpy((char *)out + field[x].off,
			       (const char *)a + field[x].off, field[x].size);
			out->set |= 1u << x;
			if (from)
				from[x] = order[k];
			break;
		}
	}
}

const char *authz_bind_name(const struct authz_bind *b, bool group,
			    const char *ike_id, const char *mangled)
{
	if (!b->on)
		return NULL;
	if (b->name[0])
		return b->name;
	if (b->mangler[0])
		return mangled && *mangled ? mangled : NULL;
	if (group)
		return AUTHZ_DEFAULT;
	return ike_id && *ike_id ? ike_id : NULL;
}

/* The reply */

/* An address for FAMILY: AAA's, else leased from the policy's pool. */
static int give_addr(const struct authz_attrs *m, struct pool_set *pools,
		     uint64_t owner, int family, const struct conf_addr *want,
		     struct authz_reply *out, char *err, size_t len)
{
	bool v4 = family == AF_INET;
	const char *name = v4 ? m->pool : m->pool6;
	const struct pool_lease **l = v4 ? &out->lease : &out->lease6;
	struct conf_addr *a = v4 ? &out->addr : &out->addr6;
	struct pool *p;
	int rc;

	if (authz_has(m, v4 ? AUTHZ_ADDR : AUTHZ_ADDR6)) {
		*a = v4 ? m->addr : m->addr6;
		return AUTHZ_OK;
	}
	if (!authz_has(m, v4 ? AUTHZ_POOL : AUTHZ_POOL6)) {
		snprintf(err, len, "no %spool authorized for the address "
			 "requested", v4 ? "" : "ipv6 ");
		return AUTHZ_E_NO_POOL;
	}
	p = pools ? pool_find(pools, family, name) : NULL;
	if (!p) {
		snprintf(err, len, "%s pool %s is not configured",
			 v4 ? "ip local" : "ipv6 local", name);
		return AUTHZ_E_POOL_UNKNOWN;
	}
	rc = pool_lease(p, owner, want, l);
	if (rc) {
		snprintf(err, len, "pool %s: %s", name, pool_strerror(rc));
		return AUTHZ_E_POOL;
	}
	*a = (*l)->addr;
	return AUTHZ_OK;
}

static void give_rest(const struct authz_attrs *m, struct authz_reply *out)
{
	if (out->addr.family && authz_has(m, AUTHZ_NETMASK)) {
		out->has_netmask = true;
		out->netmask = m->netmask;
	}
	if (authz_has(m, AUTHZ_DNS))
		out->dns = m->dns;
	if (authz_has(m, AUTHZ_DNS6))
		out->dns6 = m->dns6;
	if (authz_has(m, AUTHZ_DOMAIN_NAME))
		strcpy(out->domain, m->domain);
	if (authz_has(m, AUTHZ_ROUTE_REMOTE))
		out->subnets = m->remote;
	if (authz_has(m, AUTHZ_ROUTE_REMOTE6))
		out->subnets6 = m->remote6;
	if (authz_has(m, AUTHZ_ROUTE_IF)) {
		out->route_if = true;
		strcpy(out->route_ifname, m->route_if);
	}
	if (authz_has(m, AUTHZ_ROUTE_ACL))
		strcpy(out->acl, m->route_acl);
	if (authz_has(m, AUTHZ_ROUTE_ACL6))
		strcpy(out->acl6, m->route_acl6);
}

int authz_reply_build(const struct authz_attrs *m, struct pool_set *pools,
		      uint64_t owner, const struct authz_request *req,
		      struct authz_reply *out, char *err, size_t len)
{
	bool had = pools && pool_lease_of(pools, owner, AF_INET);
	int rc;

	memset(out, 0, sizeof(*out));
	if (req->addr) {
		rc = give_addr(m, pools, owner, AF_INET, &req->want, out, err,
			       len);
		if (rc)
			return rc;
	}
	if (req->addr6 && (!req->addr || authz_has(m, AUTHZ_ADDR6) ||
			   authz_has(m, AUTHZ_POOL6))) {
		rc = give_addr(m, pools, owner, AF_INET6, &req->want6, out, err,
			       len);
		if (rc) {
			/* a lease the owner had before this call stays */
			if (out->lease && !had)
				pool_release_addr(pools, &out->lease->addr);
			memset(out, 0, sizeof(*out));
			return rc;
		}
	}
	give_rest(m, out);
	return AUTHZ_OK;
}

/* The policies by name */

static uint64_t name_hash(const char *name)
{
	return htab_hash(name, strlen(name));
}

const struct authz_policy *authz_db_find(const struct authz_db *db,
					 const char *name)
{
	struct hnode *n;

	htab_for_hash(&db->by_name, name_hash(name), n) {
		struct authz_policy *p = hentry(n, struct authz_policy, hn);

		if (!strcmp(p->name, name))
			return p;
	}
	return NULL;
}

static struct authz_policy *make(struct authz_db *db, const char *name)
{
	struct authz_policy *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	strcpy(p->name, name);
	if (htab_add(&db->by_name, &p->hn, name_hash(name))) {
		free(p);
		return NULL;
	}
	if (db->last)
		db->last->next = p;
	else
		db->first = p;
	db->last = p;
	return p;
}

struct authz_db *authz_db_new(void)
{
	struct authz_db *db = calloc(1, sizeof(*db));
	struct authz_policy *p = db ? make(db, AUTHZ_DEFAULT) : NULL;

	if (!p) {
		free(db);
		return NULL;
	}
	p->is_default = true;
	authz_default_attrs(&p->a);
	return db;
}

void authz_db_free(struct authz_db *db)
{
	struct authz_policy *p, *pn;

	if (!db)
		return;
	for (p = db->first; p; p = pn) {
		pn = p->next;
		free(p);
	}
	htab_free(&db->by_name);
	free(db);
}

struct authz_policy *authz_db_add(struct authz_db *db, const char *name)
{
	struct authz_policy *p;

	if (!*name || strlen(name) >= AUTHZ_NAME)
		return NULL;
	p = (struct authz_policy *)authz_db_find(db, name);
	if (!p)
		p = make(db, name);
	if (p)
		p->is_default = false;
	return p;
}

const char *authz_check_pools(const struct authz_policy *p,
			      const struct pool_set *pools, char *err,
			      size_t len)
{
	if (authz_has(&p->a, AUTHZ_POOL) &&
	    !pool_find(pools, AF_INET, p->a.pool)) {
		snprintf(err, len, "authorization policy %s: pool %s has no "
			 "ip local pool line", p->name, p->a.pool);
		return err;
	}
	if (authz_has(&p->a, AUTHZ_POOL6) &&
	    !pool_find(pools, AF_INET6, p->a.pool6)) {
		snprintf(err, len, "authorization policy %s: ipv6 pool %s has "
			 "no ipv6 local pool line", p->name, p->a.pool6);
		return err;
	}
	return NULL;
}
