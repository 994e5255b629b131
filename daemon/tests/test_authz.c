// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of IKEv2 authorization (flexsecd/authz.c, authz_parse.c):
 * each priority rule of the merge (user, then implicit, then group; with
 * override, group, then user, then implicit; implicit attributes only
 * when cached), absent against empty, the built-in default policy and
 * its changes, the profile's aaa authorization lines and the names they
 * authorize under, every policy line and its errors, and the reply the
 * hub pushes with its address from a pool, or "Fail to alloc IP addr".
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "authz.h"
#include "pool.h"

#define MAX_W	16
#define X40	"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"

static char err[AUTHZ_ERR_LEN];

/* LINE cut at blanks into words, for the line parsers. */
static unsigned int words(const char *line, char *buf, const char **w)
{
	unsigned int n = 0;
	char *s, *save = NULL;

	snprintf(buf, 256, "%s", line);
	for (s = strtok_r(buf, " ", &save); s && n < MAX_W;
	     s = strtok_r(NULL, " ", &save))
		w[n++] = s;
	return n;
}

/* One policy line into A: NULL, or the message. */
static const char *pline(struct authz_attrs *a, const char *line)
{
	const char *w[MAX_W];
	char buf[256];
	unsigned int n = words(line, buf, w);

	return authz_policy_line(a, w, n, err, sizeof(err));
}

static void ok(struct authz_attrs *a, const char *line)
{
	const char *msg = pline(a, line);

	if (msg)
		fail_msg("'%s': %s", line, msg);
}

static const char *prof(struct authz_profile *p, const char *line)
{
	const char *w[MAX_W];
	char buf[256];
	unsigned int n = words(line, buf, w);

	return authz_profile_line(p, w, n, err, sizeof(err));
}

static const char *str(const struct conf_addr *a)
{
	static char buf[4][INET6_ADDRSTRLEN];
	static unsigned int k;

	k = (k + 1) % 4;
	inet_ntop(a->family, a->a, buf[k], sizeof(buf[k]));
	return buf[k];
}

/* The three sources of a merge, each given one policy line (or none). */
struct three {
	struct authz_attrs user, group, implicit;
};

static void three(struct three *t, const char *u, const char *g,
		  const char *i)
{
	memset(t, 0, sizeof(*t));
	if (u)
		ok(&t->user, u);
	if (g)
		ok(&t->group, g);
	if (i)
		ok(&t->implicit, i);
}

static void merge(const struct three *t, bool override, bool cached,
		  struct authz_attrs *out, enum authz_src *from)
{
	struct authz_sources src = {
		.user = &t->user, .group = &t->group, .implicit = &t->implicit,
		.override = override, .cached = cached,
	};

	authz_merge(&src, out, from);
}

/* IOS: without override, user > implicit > group. */
static void user_then_implicit_then_group(void **state)
{
	enum authz_src from[AUTHZ_N_ATTRS];
	struct authz_attrs m;
	struct three t;

	three(&t, "dns 10.0.0.1", "dns 10.0.0.2", "dns 10.0.0.3");
	ok(&t.group, "def-domain group.example");
	ok(&t.implicit, "def-domain implicit.example");
	ok(&t.group, "pool GROUP");
	merge(&t, false, true, &m, from);
	assert_string_equal(str(&m.dns.a[0]), "10.0.0.1");
	assert_int_equal(from[AUTHZ_DNS], AUTHZ_SRC_USER);
	assert_string_equal(m.domain, "implicit.example");
	assert_int_equal(from[AUTHZ_DOMAIN_NAME], AUTHZ_SRC_IMPLICIT);
	assert_string_equal(m.pool, "GROUP");
	assert_int_equal(from[AUTHZ_POOL], AUTHZ_SRC_GROUP);
	assert_false(authz_has(&m, AUTHZ_NETMASK));
	assert_int_equal(from[AUTHZ_NETMASK], AUTHZ_SRC_NONE);
	assert_int_equal(m.set, 1u << AUTHZ_DNS | 1u << AUTHZ_DOMAIN_NAME |
			 1u << AUTHZ_POOL);
	assert_string_equal(authz_src_name(from[AUTHZ_DOMAIN_NAME]),
			    "implicit");
}

/*
 * IOS: with "aaa authorization group override", group > user >
 * implicit.
 */
static void override_group_then_user_then_implicit(void **state)
{
	enum authz_src from[AUTHZ_N_ATTRS];
	struct authz_attrs m;
	struct three t;

	three(&t, "dns 10.0.0.1", "dns 10.0.0.2", "dns 10.0.0.3");
	ok(&t.user, "def-domain user.example");
	ok(&t.implicit, "def-domain implicit.example");
	ok(&t.implicit, "netmask 255.255.255.0");
	merge(&t, true, true, &m, from);
	assert_string_equal(str(&m.dns.a[0]), "10.0.0.2");
	assert_int_equal(from[AUTHZ_DNS], AUTHZ_SRC_GROUP);
	assert_string_equal(m.domain, "user.example");
	assert_int_equal(from[AUTHZ_DOMAIN_NAME], AUTHZ_SRC_USER);
	assert_int_equal(m.netmask, 24);
	assert_int_equal(from[AUTHZ_NETMASK], AUTHZ_SRC_IMPLICIT);
}

/*
 * IOS: implicit attributes are cached only when configured, else
 * ignored.
 */
static void implicit_only_when_cached(void **state)
{
	enum authz_src from[AUTHZ_N_ATTRS];
	struct authz_attrs m;
	struct three t;

	three(&t, NULL, "dns 10.0.0.2", "dns 10.0.0.3");
	ok(&t.implicit, "session-lifetime 3600");
	merge(&t, false, false, &m, from);
	assert_string_equal(str(&m.dns.a[0]), "10.0.0.2");
	assert_int_equal(from[AUTHZ_DNS], AUTHZ_SRC_GROUP);
	assert_false(authz_has(&m, AUTHZ_LIFETIME));
	merge(&t, true, false, &m, NULL);
	assert_false(authz_has(&m, AUTHZ_LIFETIME));
	merge(&t, false, true, &m, NULL);
	assert_string_equal(str(&m.dns.a[0]), "10.0.0.3");
	assert_int_equal(m.lifetime, 3600);
}

/*
 * An attribute set empty wins over one set elsewhere; one absent does
 * not. Attributes go whole: no union of route lists.
 */
static void absent_is_not_empty(void **state)
{
	struct authz_attrs m;
	struct three t;

	three(&t, "route set interface", "route set interface Loopback0",
	      NULL);
	ok(&t.user, "route set remote ipv4 10.1.0.0/16");
	ok(&t.group, "route set remote ipv4 10.2.0.0/16");
	ok(&t.group, "route set remote ipv4 10.3.0.0/16");
	ok(&t.group, "route set remote ipv6 2001:db8::/32");
	merge(&t, false, false, &m, NULL);
	assert_true(authz_has(&m, AUTHZ_ROUTE_IF));
	assert_string_equal(m.route_if, "");
	assert_int_equal(m.remote.n, 1);
	assert_string_equal(str(&m.remote.p[0]), "10.1.0.0");
	/* IPv6 routes are an attribute of their own */
	assert_int_equal(m.remote6.n, 1);
	/* with override the group's interface and routes come back */
	merge(&t, true, false, &m, NULL);
	assert_string_equal(m.route_if, "Loopback0");
	assert_int_equal(m.remote.n, 2);
}

/* No user or group authorization at all: the others alone. */
static void missing_sources(void **state)
{
	struct authz_attrs g, m;
	struct authz_sources src = { .group = &g };

	memset(&g, 0, sizeof(g));
	ok(&g, "pool P");
	authz_merge(&src, &m, NULL);
	assert_string_equal(m.pool, "P");
	src.group = NULL;
	src.override = true;
	authz_merge(&src, &m, NULL);
	assert_int_equal(m.set, 0);
}

static void default_policy(void **state)
{
	struct authz_db *db = authz_db_new();
	const struct authz_policy *d;
	struct authz_policy *p;

	assert_non_null(db);
	d = authz_db_find(db, AUTHZ_DEFAULT);
	assert_non_null(d);
	assert_true(d->is_default);
	assert_true(authz_has(&d->a, AUTHZ_ROUTE_IF));
	assert_string_equal(d->a.route_if, "");
	assert_true(authz_has(&d->a, AUTHZ_ROUTE_ACCEPT));
	assert_int_equal(d->a.accept.tag, 1);
	assert_int_equal(d->a.accept.distance, 1);
	assert_int_equal(d->a.set, 1u << AUTHZ_ROUTE_IF |
			 1u << AUTHZ_ROUTE_ACCEPT);
	/* configured: its settings change, "no" takes them out */
	p = authz_db_add(db, AUTHZ_DEFAULT);
	assert_ptr_equal(p, d);
	assert_false(p->is_default);
	ok(&p->a, "no route set interface");
	ok(&p->a, "dns 192.0.2.53");
	assert_false(authz_has(&p->a, AUTHZ_ROUTE_IF));
	assert_true(authz_has(&p->a, AUTHZ_ROUTE_ACCEPT));
	assert_int_equal(p->a.dns.n, 1);
	/* other policies start empty */
	p = authz_db_add(db, "spokes");
	assert_non_null(p);
	assert_int_equal(p->a.set, 0);
	assert_ptr_equal(authz_db_find(db, "spokes"), p);
	assert_null(authz_db_find(db, "Spokes"));
	assert_null(authz_db_add(db, ""));
	authz_db_free(db);
}

static void profile_lines(void **state)
{
	struct authz_profile p = { 0 };
	struct authz_sources src = { 0 };

	assert_null(prof(&p, "group override psk list L1 spokes"));
	assert_true(p.group[AUTHZ_PSK].on);
	assert_string_equal(p.group[AUTHZ_PSK].list, "L1");
	assert_string_equal(p.group[AUTHZ_PSK].name, "spokes");
	assert_true(p.override[AUTHZ_PSK]);
	assert_null(prof(&p, "group cert list default default local"));
	assert_string_equal(p.group[AUTHZ_CERT].name, "default");
	assert_true(p.group[AUTHZ_CERT].local);
	assert_false(p.override[AUTHZ_CERT]);
	assert_null(prof(&p, "user eap list L2 name-mangler M1"));
	assert_string_equal(p.user[AUTHZ_EAP].mangler, "M1");
	assert_string_equal(p.user[AUTHZ_EAP].name, "");
	/* cached: on the user line, or on a group line with its list */
	assert_null(prof(&p, "user eap cached"));
	assert_true(p.cached[AUTHZ_EAP]);
	assert_null(prof(&p, "group psk list L3 cached"));
	assert_true(p.cached[AUTHZ_PSK]);
	assert_string_equal(p.group[AUTHZ_PSK].list, "L1");
	authz_sources_flags(&p, AUTHZ_PSK, &src);
	assert_true(src.override);
	assert_true(src.cached);
	authz_sources_flags(&p, AUTHZ_CERT, &src);
	assert_false(src.override);
	assert_false(src.cached);

	assert_string_equal(prof(&p, "user cert cached"),
			    "cached needs psk or eap: a certificate brings no "
			    "AAA attributes");
	assert_string_equal(prof(&p, "user override psk list L"),
			    "override is for group authorization");
	assert_string_equal(prof(&p, "group rsa list L"),
			    "aaa authorization group needs psk, cert or eap, "
			    "not 'rsa'");
	assert_string_equal(prof(&p, "group psk spokes"),
			    "aaa authorization needs list LIST");
	assert_string_equal(prof(&p, "group psk list L spokes extra"),
			    "unexpected 'extra' in aaa authorization");
	assert_string_equal(prof(&p, "group psk list L name-mangler"),
			    "name-mangler needs a name");
	assert_string_equal(prof(&p, "network L"),
			    "aaa authorization takes group or user, not "
			    "'network'");
	/* a failed line changed nothing */
	assert_string_equal(p.group[AUTHZ_PSK].name, "spokes");
}

static void names_to_authorize_under(void **state)
{
	struct authz_profile p = { 0 };

	assert_null(prof(&p, "group psk list L"));
	assert_null(prof(&p, "group cert list L hub-spokes"));
	assert_null(prof(&p, "group eap list L name-mangler M"));
	assert_null(prof(&p, "user psk list L"));
	assert_null(prof(&p, "user cert list L name-mangler M"));
	/* a group line naming no policy: the default one */
	assert_string_equal(authz_bind_name(&p.group[AUTHZ_PSK], true,
					    "r1.example", NULL), "default");
	assert_string_equal(authz_bind_name(&p.group[AUTHZ_CERT], true,
					    "r1.example", "x"), "hub-spokes");
	assert_string_equal(authz_bind_name(&p.group[AUTHZ_EAP], true,
					    "r1", "example"), "example");
	assert_null(authz_bind_name(&p.group[AUTHZ_EAP], true, "r1", NULL));
	/* a user line naming nobody: the peer's identity */
	assert_string_equal(authz_bind_name(&p.user[AUTHZ_PSK], false,
					    "r1.example", NULL), "r1.example");
	assert_string_equal(authz_bind_name(&p.user[AUTHZ_CERT], false,
					    "cn=r1", "r1"), "r1");
	/* no line, no authorization */
	assert_null(authz_bind_name(&p.user[AUTHZ_EAP], false, "r1", "r1"));
}

static void policy_lines(void **state)
{
	struct authz_attrs a = { 0 };

	ok(&a, "pool SPOKES");
	ok(&a, "ipv6 pool SPOKES6");
	ok(&a, "dns 192.0.2.53 192.0.2.54");
	ok(&a, "ipv6 dns 2001:db8::53");
	ok(&a, "def-domain corp.example.");
	ok(&a, "netmask 255.255.255.252");
	ok(&a, "route set interface Loopback0");
	ok(&a, "route set access-list HUB-NETS");
	ok(&a, "route set access-list ipv6 HUB-NETS6");
	ok(&a, "route set remote ipv4 10.0.0.0 255.0.0.0");
	ok(&a, "route set remote ipv4 172.16.0.0/12");
	ok(&a, "route set remote ipv4 172.16.0.0/12");
	ok(&a, "route set remote ipv4 192.0.2.7");
	ok(&a, "route set remote ipv6 2001:db8::/32");
	ok(&a, "route accept any distance 5 tag 7");
	ok(&a, "ipsec flow-limit 4");
	ok(&a, "session-lifetime 7200");
	assert_int_equal(a.set, (1u << AUTHZ_N_ATTRS) - 1 -
			 (1u << AUTHZ_ADDR) - (1u << AUTHZ_ADDR6));
	assert_string_equal(a.pool, "SPOKES");
	assert_string_equal(a.pool6, "SPOKES6");
	assert_int_equal(a.dns.n, 2);
	assert_string_equal(str(&a.dns.a[1]), "192.0.2.54");
	assert_string_equal(str(&a.dns6.a[0]), "2001:db8::53");
	assert_string_equal(a.domain, "corp.example.");
	assert_int_equal(a.netmask, 30);
	assert_string_equal(a.route_if, "Loopback0");
	assert_string_equal(a.route_acl, "HUB-NETS");
	assert_string_equal(a.route_acl6, "HUB-NETS6");
	assert_int_equal(a.remote.n, 3);	/* a repeated line once */
	assert_int_equal(a.remote.p[0].plen, 8);
	assert_int_equal(a.remote.p[1].plen, 12);
	assert_int_equal(a.remote.p[2].plen, 32);
	assert_int_equal(a.remote6.p[0].plen, 32);
	assert_int_equal(a.accept.tag, 7);
	assert_int_equal(a.accept.distance, 5);
	assert_int_equal(a.flow_limit, 4);
	assert_int_equal(a.lifetime, 7200);
	/* route accept any alone: untagged, distance 1 */
	ok(&a, "route accept any");
	assert_int_equal(a.accept.tag, 0);
	assert_int_equal(a.accept.distance, 1);
	/* a bare route set interface: the tunnel's own */
	ok(&a, "route set interface");
	assert_string_equal(a.route_if, "");
	/* no: one prefix, then the rest; or a whole attribute */
	ok(&a, "no route set remote ipv4 10.0.0.0/8");
	assert_int_equal(a.remote.n, 2);
	ok(&a, "no route set remote ipv4");
	assert_false(authz_has(&a, AUTHZ_ROUTE_REMOTE));
	ok(&a, "route set remote ipv4 10.9.0.0/16");
	assert_int_equal(a.remote.n, 1);
	ok(&a, "no route set remote ipv6 2001:db8::/32");
	assert_false(authz_has(&a, AUTHZ_ROUTE_REMOTE6));
	ok(&a, "no ipv6 dns");
	ok(&a, "no route set access-list ipv6");
	assert_false(authz_has(&a, AUTHZ_DNS6));
	assert_false(authz_has(&a, AUTHZ_ROUTE_ACL6));
	assert_true(authz_has(&a, AUTHZ_ROUTE_ACL));
	ok(&a, "NETMASK 255.255.0.0");
	assert_int_equal(a.netmask, 16);
}

static void policy_errors(void **state)
{
	static const struct {
		const char *line, *msg;
	} bad[] = {
		{ "netmask 255.0.255.0", "netmask 255.0.255.0 is not a mask: "
		  "its one bits must come first, without gaps" },
		{ "netmask 24", "netmask '24' is not a dotted IPv4 mask" },
		{ "netmask 0.0.0.0", "netmask 0.0.0.0 leaves no network" },
		{ "netmask", "netmask needs a value" },
		{ "dns 192.0.2.1 192.0.2.2 192.0.2.3",
		  "dns takes at most 2 servers, not 3" },
		{ "dns 2001:db8::1", "dns server '2001:db8::1' is not an IPv4 "
		  "address" },
		{ "ipv6 dns 192.0.2.1", "ipv6 dns server '192.0.2.1' is not an "
		  "IPv6 address" },
		{ "dns 192.0.2.0/24",
		  "dns server '192.0.2.0/24' is not an IPv4 address" },
		{ "def-domain a..example", "def-domain 'a..example' has an "
		  "empty label" },
		{ "def-domain corp/example", "def-domain 'corp/example': "
		  "'/' is not a letter, digit, '-' or '_'" },
		{ "pool", "pool needs a value" },
		{ "pool A B", "unexpected 'B' after pool" },
		{ "route set interface Tunnel0 x", "unexpected 'x' after route "
		  "set interface" },
		{ "route set interface VeryLongInterface0", "interface name "
		  "'VeryLongInterface0' is not one (at most 15 characters)" },
		{ "route set remote ipv4 10.0.0.1/8", "route set remote ipv4: "
		  "10.0.0.1/8 has bits set past the prefix length" },
		{ "route set remote ipv4 10.0.0.0 255.0.255.0", "netmask "
		  "255.0.255.0 is not a mask: its one bits must come first, "
		  "without gaps" },
		{ "route set remote ipv4 2001:db8::/32",
		  "route set remote ipv4: '2001:db8::/32' is not an IPv4 "
		  "prefix" },
		{ "route set remote ipv6 2001:db8::", "route set remote ipv6: "
		  "'2001:db8::' needs a length (P/LEN)" },
		{ "route set remote ipv4 10.0.0.0/33", "route set remote ipv4: "
		  "'10.0.0.0/33' is not an IPv4 prefix" },
		{ "route set remote", "unknown keyword 'route' in an "
		  "authorization policy" },
		{ "route accept any distance 0",
		  "route accept any: distance '0' is not a number 1..255" },
		{ "route accept any distance 256", "route accept any: distance "
		  "'256' is not a number 1..255" },
		{ "route accept any tag",
		  "route accept any: tag needs a number" },
		{ "route accept any tag 1 tag 2", "route accept any: 'tag' is "
		  "not tag N or distance N" },
		{ "route accept any metric 1", "route accept any: 'metric' is "
		  "not tag N or distance N" },
		{ "ipsec flow-limit 0", "ipsec flow-limit '0' is not a number "
		  "1..65535" },
		{ "session-lifetime 60",
		  "session-lifetime '60' is not a number 120..4294967295" },
		{ "session-lifetime 99999999999", "session-lifetime "
		  "'99999999999' is not a number 120..4294967295" },
		{ "keepalive 10", "unknown keyword 'keepalive' in an "
		  "authorization policy" },
		{ "no", "unknown keyword '' in an authorization policy" },
	};
	struct authz_attrs a = { 0 }, before;
	char line[256];
	unsigned int i;

	ok(&a, "dns 192.0.2.53");
	ok(&a, "netmask 255.255.255.0");
	before = a;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *msg = pline(&a, bad[i].line);

		if (!msg || strcmp(msg, bad[i].msg))
			fail_msg("'%s': got '%s'", bad[i].line,
				 msg ? msg : "(accepted)");
		/* a failed line leaves the attributes as they were */
		assert_memory_equal(&a, &before, sizeof(a));
	}
	/* too many routes */
	for (i = 0; i < AUTHZ_MAX_ROUTES; i++) {
		snprintf(line, sizeof(line),
			 "route set remote ipv4 10.%u.0.0/16", i);
		ok(&a, line);
	}
	assert_string_equal(pline(&a, "route set remote ipv4 11.0.0.0/8"),
			    "too many route set remote ipv4 prefixes (at most "
			    "32)");
	assert_int_equal(a.remote.n, AUTHZ_MAX_ROUTES);
	/* names and labels too long: 64 letters */
	memset(line, 'x', 64);
	line[64] = '\0';
	assert_string_equal(authz_check_name("pool", line, err, sizeof(err)),
			    "pool name '" X40 "...' too long (at most 63 "
			    "characters)");
	memcpy(line + 64, ".example", 9);
	assert_string_equal(authz_check_domain(line, err, sizeof(err)),
			    "def-domain '" X40 "xxxxxxxxxxxxxxxxxxxx' has a "
			    "label longer than 63 characters");
	memset(line, 'x', 254);
	line[254] = '\0';
	for (i = 60; i < 254; i += 61)
		line[i] = '.';
	assert_string_equal(authz_check_domain(line, err, sizeof(err)),
			    "def-domain '" X40 "...' too long (at most 253 "
			    "characters)");
	line[253] = '\0';
	assert_null(authz_check_domain(line, err, sizeof(err)));
	/* the checks by themselves */
	assert_string_equal(authz_check_domain("", err, sizeof(err)),
			    "def-domain needs a domain name");
	assert_null(authz_check_domain("example", err, sizeof(err)));
	assert_string_equal(authz_check_name("list", "", err, sizeof(err)),
			    "list needs a name");
}

/* A hub's reply: the spoke asked for an address. */
static void reply_with_pool_address(void **state)
{
	struct pool_set *pools = pool_set_new();
	struct pool *p = pool_create(pools, AF_INET, "SPOKES");
	struct conf_addr f, l;
	struct authz_request req = { .addr = true };
	struct authz_reply r;
	struct authz_attrs m = { 0 };
	char perr[POOL_ERR_LEN];

	memset(&f, 0, sizeof(f));
	inet_pton(AF_INET, "172.16.0.1", f.a);
	f.family = AF_INET;
	l = f;
	l.a[3] = 9;
	assert_null(pool_add_range(p, &f, &l, perr, sizeof(perr)));
	ok(&m, "pool SPOKES");
	ok(&m, "netmask 255.255.255.0");
	ok(&m, "dns 192.0.2.53");
	ok(&m, "def-domain corp.example");
	ok(&m, "route set interface");
	ok(&m, "route set access-list HUB");
	ok(&m, "route set remote ipv4 10.0.0.0/8");
	ok(&m, "route set remote ipv6 2001:db8::/32");
	assert_int_equal(authz_reply_build(&m, pools, 1, &req, &r, err,
					   sizeof(err)), AUTHZ_OK);
	assert_string_equal(str(&r.addr), "172.16.0.1");
	assert_ptr_equal(r.lease, pool_lease_of(pools, 1, AF_INET));
	assert_true(r.has_netmask);
	assert_int_equal(r.netmask, 24);
	assert_int_equal(r.dns.n, 1);
	assert_string_equal(r.domain, "corp.example");
	assert_true(r.route_if);
	assert_string_equal(r.route_ifname, "");
	assert_string_equal(r.acl, "HUB");
	assert_string_equal(r.acl6, "");
	assert_int_equal(r.subnets.n, 1);
	assert_int_equal(r.subnets6.n, 1);
	assert_int_equal(r.addr6.family, 0);
	/* a spoke asking for its previous address gets it */
	inet_pton(AF_INET, "172.16.0.7", req.want.a);
	req.want.family = AF_INET;
	assert_int_equal(authz_reply_build(&m, pools, 2, &req, &r, err,
					   sizeof(err)), AUTHZ_OK);
	assert_string_equal(str(&r.addr), "172.16.0.7");
	/* asked for nothing: no address, no netmask, nothing leased */
	req.addr = false;
	assert_int_equal(authz_reply_build(&m, pools, 3, &req, &r, err,
					   sizeof(err)), AUTHZ_OK);
	assert_int_equal(r.addr.family, 0);
	assert_false(r.has_netmask);
	assert_null(pool_lease_of(pools, 3, AF_INET));
	assert_int_equal(r.dns.n, 1);
	/* AAA's address goes before the pool */
	req.addr = true;
	m.addr = f;
	m.addr.a[3] = 200;
	m.set |= 1u << AUTHZ_ADDR;
	assert_int_equal(authz_reply_build(&m, pools, 4, &req, &r, err,
					   sizeof(err)), AUTHZ_OK);
	assert_string_equal(str(&r.addr), "172.16.0.200");
	assert_null(r.lease);
	assert_null(pool_lease_of(pools, 4, AF_INET));
	pool_set_free(pools);
}

/*
 * "Fail to alloc IP addr": no pool, an unknown one, an exhausted one;
 * nothing stays leased.
 */
static void reply_fails_to_alloc(void **state)
{
	struct pool_set *pools = pool_set_new();
	struct pool *p = pool_create(pools, AF_INET, "ONE");
	struct authz_request req = { .addr = true, .addr6 = true };
	struct authz_attrs m = { 0 };
	struct pool_stats st;
	struct authz_reply r;
	struct conf_addr f;
	char perr[POOL_ERR_LEN];

	memset(&f, 0, sizeof(f));
	f.family = AF_INET;
	inet_pton(AF_INET, "172.16.9.1", f.a);
	assert_null(pool_add_range(p, &f, NULL, perr, sizeof(perr)));
	assert_int_equal(authz_reply_build(&m, pools, 1, &req, &r, err,
					   sizeof(err)), AUTHZ_E_NO_POOL);
	assert_string_equal(err, "no pool authorized for the address "
			    "requested");
	ok(&m, "pool TWO");
	assert_int_equal(authz_reply_build(&m, pools, 1, &req, &r, err,
					   sizeof(err)), AUTHZ_E_POOL_UNKNOWN);
	assert_string_equal(err, "ip local pool TWO is not configured");
	/* IPv4 leased, IPv6 not: the IPv4 lease is undone */
	ok(&m, "pool ONE");
	ok(&m, "ipv6 pool SIX");
	assert_int_equal(authz_reply_build(&m, pools, 1, &req, &r, err,
					   sizeof(err)), AUTHZ_E_POOL_UNKNOWN);
	assert_string_equal(err, "ipv6 local pool SIX is not configured");
	assert_null(pool_lease_of(pools, 1, AF_INET));
	assert_int_equal(r.addr.family, 0);
	req.addr6 = false;
	assert_int_equal(authz_reply_build(&m, pools, 1, &req, &r, err,
					   sizeof(err)), AUTHZ_OK);
	assert_int_equal(authz_reply_build(&m, pools, 2, &req, &r, err,
					   sizeof(err)), AUTHZ_E_POOL);
	assert_string_equal(err, "pool ONE: no free address in the pool");
	pool_get_stats(p, &st);
	assert_int_equal(st.failures, 1);
	/* the owner asking again keeps its lease, even when IPv6 fails */
	req.addr6 = true;
	assert_int_equal(authz_reply_build(&m, pools, 1, &req, &r, err,
					   sizeof(err)), AUTHZ_E_POOL_UNKNOWN);
	assert_non_null(pool_lease_of(pools, 1, AF_INET));
	/* no ipv6 pool: a dual-stack request gets its IPv4 address alone,
	 * an IPv6-only one fails */
	ok(&m, "no ipv6 pool");
	assert_int_equal(authz_reply_build(&m, pools, 1, &req, &r, err,
					   sizeof(err)), AUTHZ_OK);
	assert_string_equal(str(&r.addr), "172.16.9.1");
	assert_int_equal(r.addr6.family, 0);
	assert_null(r.lease6);
	req.addr = false;
	assert_int_equal(authz_reply_build(&m, pools, 1, &req, &r, err,
					   sizeof(err)), AUTHZ_E_NO_POOL);
	assert_string_equal(err, "no ipv6 pool authorized for the address "
			    "requested");
	pool_set_free(pools);
}

/* A dual-stack spoke: a prefix from the ipv6 pool next to the IPv4
 * address, IPv6 DNS and subnets; the IPv6 pool used up fails the
 * request as an IPv4 one does, and nothing stays leased. */
static void reply_with_ipv6(void **state)
{
	struct pool_set *pools = pool_set_new();
	struct pool *p4 = pool_create(pools, AF_INET, "V4");
	struct pool *p6 = pool_create(pools, AF_INET6, "V6");
	struct authz_request req = { .addr = true, .addr6 = true };
	struct authz_attrs m = { 0 };
	struct authz_reply r;
	struct conf_addr f, pf;
	char perr[POOL_ERR_LEN];

	memset(&f, 0, sizeof(f));
	f.family = AF_INET;
	inet_pton(AF_INET, "172.16.9.1", f.a);
	assert_null(pool_add_range(p4, &f, NULL, perr, sizeof(perr)));
	f.a[3] = 2;
	assert_null(pool_add_range(p4, &f, NULL, perr, sizeof(perr)));
	pf = (struct conf_addr){ .family = AF_INET6, .plen = 63 };
	inet_pton(AF_INET6, "2001:db8:1::", pf.a);
	assert_null(pool_add_prefix(p6, &pf, 64, perr, sizeof(perr)));
	ok(&m, "pool V4");
	ok(&m, "ipv6 pool V6");
	ok(&m, "ipv6 dns 2001:db8::53 2001:db8::54");
	ok(&m, "route set remote ipv6 2001:db8::/64");
	ok(&m, "route set access-list ipv6 HUB6");
	assert_int_equal(authz_reply_build(&m, pools, 1, &req, &r, err,
					   sizeof(err)), AUTHZ_OK);
	assert_string_equal(str(&r.addr), "172.16.9.1");
	assert_string_equal(str(&r.addr6), "2001:db8:1::");
	assert_int_equal(r.addr6.plen, 64);
	assert_ptr_equal(r.lease6, pool_lease_of(pools, 1, AF_INET6));
	assert_string_equal(str(&r.dns6.a[r.dns6.n - 1]), "2001:db8::54");
	assert_int_equal(r.subnets6.n, 1);
	assert_string_equal(r.acl6, "HUB6");
	/* IPv6 alone, asking for the host address it had: its prefix */
	req.addr = false;
	inet_pton(AF_INET6, "2001:db8:1:1::1", req.want6.a);
	req.want6.family = AF_INET6;
	assert_int_equal(authz_reply_build(&m, pools, 2, &req, &r, err,
					   sizeof(err)), AUTHZ_OK);
	assert_int_equal(r.addr.family, 0);
	assert_string_equal(str(&r.addr6), "2001:db8:1:1::");
	/* no prefix left: Fail to alloc IP addr, the IPv4 one given back */
	req.addr = true;
	memset(&req.want6, 0, sizeof(req.want6));
	assert_int_equal(authz_reply_build(&m, pools, 3, &req, &r, err,
					   sizeof(err)), AUTHZ_E_POOL);
	assert_string_equal(err, "pool V6: no free address in the pool");
	assert_null(pool_lease_of(pools, 3, AF_INET));
	assert_null(pool_lease_of(pools, 3, AF_INET6));
	pool_set_free(pools);
}

static void policies_name_pools(void **state)
{
	struct pool_set *pools = pool_set_new();
	struct authz_db *db = authz_db_new();
	struct authz_policy *p = authz_db_add(db, "spokes");

	assert_non_null(pool_create(pools, AF_INET, "V4"));
	ok(&p->a, "pool V4");
	assert_null(authz_check_pools(p, pools, err, sizeof(err)));
	ok(&p->a, "ipv6 pool V4");
	assert_string_equal(authz_check_pools(p, pools, err, sizeof(err)),
			    "authorization policy spokes: ipv6 pool V4 has no "
			    "ipv6 local pool line");
	ok(&p->a, "pool NONE");
	assert_string_equal(authz_check_pools(p, pools, err, sizeof(err)),
			    "authorization policy spokes: pool NONE has no ip "
			    "local pool line");
	assert_string_equal(authz_attr_name(AUTHZ_ROUTE_ACL6),
			    "route set access-list ipv6");
	authz_db_free(db);
	pool_set_free(pools);
}

/*
 * A hub end to end: the profile's lines, the policies, the merge of the
 * group (default) policy and a user policy, and the reply.
 */
static void hub_end_to_end(void **state)
{
	struct pool_set *pools = pool_set_new();
	struct authz_db *db = authz_db_new();
	struct authz_profile prof_ = { 0 };
	struct authz_request req = { .addr = true };
	struct authz_sources src = { 0 };
	struct authz_attrs m;
	struct authz_reply r;
	struct authz_policy *u;
	const char *name;
	struct conf_addr f;
	char perr[POOL_ERR_LEN];

	memset(&f, 0, sizeof(f));
	f.family = AF_INET;
	inet_pton(AF_INET, "10.99.0.1", f.a);
	assert_null(pool_add_range(pool_create(pools, AF_INET, "HUB"), &f,
				   NULL, perr, sizeof(perr)));
	assert_null(prof(&prof_, "group psk list LOCAL"));
	assert_null(prof(&prof_, "user psk list LOCAL"));
	ok(&authz_db_add(db, AUTHZ_DEFAULT)->a, "pool HUB");
	u = authz_db_add(db, "spoke1.example");
	ok(&u->a, "route set interface Loopback1");
	name = authz_bind_name(&prof_.group[AUTHZ_PSK], true,
			       "spoke1.example", NULL);
	src.group = &authz_db_find(db, name)->a;
	name = authz_bind_name(&prof_.user[AUTHZ_PSK], false,
			       "spoke1.example", NULL);
	src.user = &authz_db_find(db, name)->a;
	authz_sources_flags(&prof_, AUTHZ_PSK, &src);
	authz_merge(&src, &m, NULL);
	assert_string_equal(m.route_if, "Loopback1");
	assert_int_equal(m.accept.tag, 1);
	assert_int_equal(authz_reply_build(&m, pools, 42, &req, &r, err,
					   sizeof(err)), AUTHZ_OK);
	assert_string_equal(str(&r.addr), "10.99.0.1");
	assert_string_equal(r.route_ifname, "Loopback1");
	assert_int_equal(pool_release_owner(pools, 42), 1);
	authz_db_free(db);
	pool_set_free(pools);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(user_then_implicit_then_group),
		cmocka_unit_test(override_group_then_user_then_implicit),
		cmocka_unit_test(implicit_only_when_cached),
		cmocka_unit_test(absent_is_not_empty),
		cmocka_unit_test(missing_sources),
		cmocka_unit_test(default_policy),
		cmocka_unit_test(profile_lines),
		cmocka_unit_test(names_to_authorize_under),
		cmocka_unit_test(policy_lines),
		cmocka_unit_test(policy_errors),
		cmocka_unit_test(reply_with_pool_address),
		cmocka_unit_test(reply_fails_to_alloc),
		cmocka_unit_test(reply_with_ipv6),
		cmocka_unit_test(policies_name_pools),
		cmocka_unit_test(hub_end_to_end),
	};

	return cmocka_run_group_tests_name("authz", tests, NULL, NULL);
}
