// SPDX-License-Identifier: GPL-2.0
/*
 * "show crypto ikev2 authorization policy [NAME]": each policy's
 * attributes as IOS lists them, the built-in "default" included; and
 * "show ip local pool [NAME]": each pool's ranges with their free and
 * used addresses, and with NAME the addresses in use. Text or JSON.
 */

#include <arpa/inet.h>
#include <stdio.h>

#include <json-c/json.h>

#include "authz.h"
#include "conf_show.h"
#include "pool.h"

static const char *addr_s(const struct conf_addr *a, char *buf, size_t len)
{
	if (!a->family || !inet_ntop(a->family, a->a, buf, len))
		snprintf(buf, len, "-");
	return buf;
}

static const char *mask_s(uint8_t plen, char *buf, size_t len)
{
	struct in_addr m = { htonl(plen ? ~0u << (32 - plen) : 0) };

	return inet_ntop(AF_INET, &m, buf, len) ? buf : "?";
}

/* ---- show crypto ikev2 authorization policy ---- */

static void routes_text(FILE *out, const char *what,
			const struct authz_routes *r)
{
	char a[64], m[20];
	unsigned int i;

	for (i = 0; i < r->n; i++) {
		if (r->p[i].family == AF_INET)
			fprintf(out, "  route set remote %s : %s %s\n", what,
				addr_s(&r->p[i], a, sizeof(a)),
				mask_s(r->p[i].plen, m, sizeof(m)));
		else
			fprintf(out, "  route set remote %s : %s/%u\n", what,
				addr_s(&r->p[i], a, sizeof(a)), r->p[i].plen);
	}
}

static void addrs_text(FILE *out, const char *what,
		       const struct authz_addrs *d)
{
	char a[64];
	unsigned int i;

	if (!d->n)
		return;
	fprintf(out, "  %s :", what);
	for (i = 0; i < d->n; i++)
		fprintf(out, " %s", addr_s(&d->a[i], a, sizeof(a)));
	fprintf(out, "\n");
}

static void policy_text(FILE *out, const struct authz_policy *ap)
{
	const struct authz_attrs *a = &ap->a;
	char m[20];

	fprintf(out, "IKEv2 Authorization Policy : %s\n", ap->name);
	if (authz_has(a, AUTHZ_POOL))
		fprintf(out, "  IPv4 Address Pool : %s\n", a->pool);
	if (authz_has(a, AUTHZ_POOL6))
		fprintf(out, "  IPv6 Address Pool : %s\n", a->pool6);
	if (authz_has(a, AUTHZ_NETMASK))
		fprintf(out, "  Netmask : %s\n", mask_s(a->netmask, m, sizeof(m)));
	addrs_text(out, "IPv4 DNS", &a->dns);
	addrs_text(out, "IPv6 DNS", &a->dns6);
	if (authz_has(a, AUTHZ_DOMAIN_NAME))
		fprintf(out, "  Domain name : %s\n", a->domain);
	if (authz_has(a, AUTHZ_ROUTE_IF))
		fprintf(out, "  route set interface%s%s\n",
			a->route_if[0] ? " : " : "", a->route_if);
	if (authz_has(a, AUTHZ_ROUTE_ACL))
		fprintf(out, "  route set access-list : %s\n", a->route_acl);
	if (authz_has(a, AUTHZ_ROUTE_ACL6))
		fprintf(out, "  route set access-list ipv6 : %s\n",
			a->route_acl6);
	routes_text(out, "ipv4", &a->remote);
	routes_text(out, "ipv6", &a->remote6);
	if (authz_has(a, AUTHZ_ROUTE_ACCEPT))
		fprintf(out, "  route accept any tag : %u distance : %u\n",
			a->accept.tag, a->accept.distance);
	if (authz_has(a, AUTHZ_FLOW_LIMIT))
		fprintf(out, "  ipsec flow-limit : %u\n", a->flow_limit);
	if (authz_has(a, AUTHZ_LIFETIME))
		fprintf(out, "  session-lifetime : %u\n", a->lifetime);
	fprintf(out, "\n");
}

static struct json_object *addrs_json(const struct conf_addr *p,
				      unsigned int n, bool prefix)
{
	struct json_object *arr = json_object_new_array();
	char a[64], b[80];
	unsigned int i;

	for (i = 0; i < n; i++) {
		snprintf(b, sizeof(b), prefix ? "%s/%u" : "%s",
			 addr_s(&p[i], a, sizeof(a)), p[i].plen);
		json_object_array_add(arr, json_object_new_string(b));
	}
	return arr;
}

static void jstr(struct json_object *o, const char *k, bool set,
		 const char *v)
{
	json_object_object_add(o, k, set ? json_object_new_string(v) : NULL);
}

static struct json_object *policy_json(const struct authz_policy *ap)
{
	const struct authz_attrs *a = &ap->a;
	struct json_object *o = json_object_new_object();
	struct json_object *acc = NULL;

	jstr(o, "name", true, ap->name);
	json_object_object_add(o, "is_default",
			       json_object_new_boolean(ap->is_default));
	jstr(o, "pool", authz_has(a, AUTHZ_POOL), a->pool);
	jstr(o, "ipv6_pool", authz_has(a, AUTHZ_POOL6), a->pool6);
	json_object_object_add(o, "netmask", authz_has(a, AUTHZ_NETMASK) ?
			       json_object_new_int(a->netmask) : NULL);
	json_object_object_add(o, "dns", addrs_json(a->dns.a, a->dns.n, false));
	json_object_object_add(o, "ipv6_dns",
			       addrs_json(a->dns6.a, a->dns6.n, false));
	jstr(o, "def_domain", authz_has(a, AUTHZ_DOMAIN_NAME), a->domain);
	json_object_object_add(o, "route_set_interface",
			       json_object_new_boolean(authz_has(a,
							AUTHZ_ROUTE_IF)));
	jstr(o, "route_set_interface_name", a->route_if[0], a->route_if);
	jstr(o, "route_set_access_list", authz_has(a, AUTHZ_ROUTE_ACL),
	     a->route_acl);
	jstr(o, "route_set_access_list_ipv6", authz_has(a, AUTHZ_ROUTE_ACL6),
	     a->route_acl6);
	json_object_object_add(o, "route_set_remote",
			       addrs_json(a->remote.p, a->remote.n, true));
	json_object_object_add(o, "route_set_remote_ipv6",
			       addrs_json(a->remote6.p, a->remote6.n, true));
	if (authz_has(a, AUTHZ_ROUTE_ACCEPT)) {
		acc = json_object_new_object();
		json_object_object_add(acc, "tag",
				       json_object_new_int64(a->accept.tag));
		json_object_object_add(acc, "distance",
				       json_object_new_int64(a->accept.distance));
	}
	json_object_object_add(o, "route_accept_any", acc);
	json_object_object_add(o, "flow_limit", authz_has(a, AUTHZ_FLOW_LIMIT) ?
			       json_object_new_int64(a->flow_limit) : NULL);
	json_object_object_add(o, "session_lifetime",
			       authz_has(a, AUTHZ_LIFETIME) ?
			       json_object_new_int64(a->lifetime) : NULL);
	return o;
}

int conf_show_authz_policy(FILE *out, const struct conf *c,
			   const char *name_or_null, bool json)
{
	struct json_object *arr = json_object_new_array();
	const struct authz_policy *ap;
	struct authz_policy def = { .is_default = true };
	unsigned int shown = 0;

	/* a configuration without a policy block has the default too */
	snprintf(def.name, sizeof(def.name), "%s", AUTHZ_DEFAULT);
	authz_default_attrs(&def.a);
	ap = c && c->authz ? c->authz->first : &def;
	for (; ap; ap = ap->next) {
		if (!conf_show_wanted(ap->name, name_or_null))
			continue;
		shown++;
		if (json)
			json_object_array_add(arr, policy_json(ap));
		else
			policy_text(out, ap);
	}
	return conf_show_finish(out, "ikev2 authorization policy",
				name_or_null, shown, json, arr);
}

/* ---- show ip local pool ---- */

static void range_text(FILE *out, const char *name,
		       const struct pool_range_info *ri)
{
	char b[64], e[80];

	if (ri->begin.family == AF_INET6) {
		/* show ipv6 local pool: the prefix, counted in leases */
		snprintf(e, sizeof(e), "%s/%u", addr_s(&ri->begin, b, sizeof(b)),
			 ri->begin.plen);
		fprintf(out, " %-24s %-31s %7llu %7llu\n", name, e,
			(unsigned long long)ri->free,
			(unsigned long long)ri->in_use);
		return;
	}
	fprintf(out, " %-24s %-15s %-15s %7llu %7llu\n", name,
		addr_s(&ri->begin, b, sizeof(b)), addr_s(&ri->end, e, sizeof(e)),
		(unsigned long long)ri->free, (unsigned long long)ri->in_use);
}

static void leases_text(FILE *out, const struct pool *p)
{
	const struct pool_lease *l;
	char a[64];

	fprintf(out, "\n Inuse %s:\n", pool_family(p) == AF_INET6 ?
		"prefixes" : "addresses");
	for (l = pool_lease_first(p); l; l = pool_lease_next(l))
		fprintf(out, pool_family(p) == AF_INET6 ? "   %s/%u\n" : "   %s\n",
			addr_s(&l->addr, a, sizeof(a)), l->addr.plen);
}

static void pool_text(FILE *out, const struct pool *p, bool detail)
{
	struct pool_range_info ri;
	unsigned int i;

	for (i = 0; pool_range_get(p, i, &ri); i++)
		range_text(out, i ? "" : pool_name(p), &ri);
	if (detail)
		leases_text(out, p);
}

static struct json_object *pool_json(const struct pool *p)
{
	struct json_object *o = json_object_new_object();
	struct json_object *ranges = json_object_new_array();
	struct json_object *used = json_object_new_array();
	const struct pool_lease *l;
	struct pool_range_info ri;
	struct json_object *r;
	char b[64];
	unsigned int i;

	json_object_object_add(o, "name", json_object_new_string(pool_name(p)));
	json_object_object_add(o, "family", json_object_new_int(
				       pool_family(p) == AF_INET ? 4 : 6));
	for (i = 0; pool_range_get(p, i, &ri); i++) {
		r = json_object_new_object();
		json_object_object_add(r, "begin", json_object_new_string(
					       addr_s(&ri.begin, b, sizeof(b))));
		json_object_object_add(r, "end", json_object_new_string(
					       addr_s(&ri.end, b, sizeof(b))));
		json_object_object_add(r, "free", json_object_new_int64(ri.free));
		json_object_object_add(r, "in_use",
				       json_object_new_int64(ri.in_use));
		json_object_array_add(ranges, r);
	}
	json_object_object_add(o, "ranges", ranges);
	if (pool_family(p) == AF_INET6)
		json_object_object_add(o, "assigned_length",
				       json_object_new_int(ri.assigned_len));
	for (l = pool_lease_first(p); l; l = pool_lease_next(l))
		json_object_array_add(used, json_object_new_string(
					      addr_s(&l->addr, b, sizeof(b))));
	json_object_object_add(o, "in_use", used);
	return o;
}

static void pool_header(FILE *out, int family)
{
	if (family == AF_INET6)
		fprintf(out, " %-24s %-31s %7s %7s\n", "Pool", "Prefix",
			"Free", "In use");
	else
		fprintf(out, " %-24s %-15s %-15s %7s %7s\n", "Pool", "Begin",
			"End", "Free", "In use");
}

int conf_show_local_pool(FILE *out, const struct pool_set *pools, int family,
			 const char *name_or_null, bool json)
{
	struct json_object *arr = json_object_new_array();
	bool one = name_or_null && *name_or_null;
	const struct pool *p;
	unsigned int shown = 0;

	for (p = pools ? pool_first(pools) : NULL; p; p = pool_next(p)) {
		if (pool_family(p) != family ||
		    !conf_show_wanted(pool_name(p), name_or_null))
			continue;
		if (!shown++ && !json)
			pool_header(out, family);
		if (json)
			json_object_array_add(arr, pool_json(p));
		else
			pool_text(out, p, one);
	}
	return conf_show_finish(out, family == AF_INET6 ? "ipv6 local pool" :
				"ip local pool", name_or_null, shown, json, arr);
}
