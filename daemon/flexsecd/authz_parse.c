// SPDX-License-Identifier: GPL-2.0
/*
 * IKEv2 authorization: the lines of "crypto ikev2 authorization policy"
 * blocks and the "aaa authorization" lines of IKEv2 profiles, as words,
 * into struct authz_attrs and struct authz_profile, with the checks of
 * their values. A bad line is a message that quotes the value and says
 * what was expected; the block's parser adds FILE:LINE.
 */

#include <arpa/inet.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "authz.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define MAX_KW		4

static const char *fail(char *err, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static const char *fail(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return err;
}

static bool is(const char *w, const char *kw)
{
	return !strcasecmp(w, kw);
}

static bool parse_u32(const char *s, uint32_t min, uint32_t max,
		      uint32_t *out)
{
	uint64_t v = 0;

	if (!*s || strlen(s) > 10)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	if (v < min || v > max)
		return false;
	*out = (uint32_t)v;
	return true;
}

static bool printable(const char *s)
{
	for (; *s; s++)
		if (iscntrl((unsigned char)*s) || *s == ' ')
			return false;
	return true;
}

const char *authz_check_name(const char *what, const char *name, char *err,
			     size_t len)
{
	if (!*name)
		return fail(err, len, "%s needs a name", what);
	if (!printable(name))
		return fail(err, len, "%s name has a control character", what);
	if (strlen(name) >= AUTHZ_NAME)
		return fail(err, len, "%s name '%.40s...' too long (at most "
			    "%d characters)", what, name, AUTHZ_NAME - 1);
	return NULL;
}

const char *authz_check_mask(const char *mask, uint8_t *plen, char *err,
			     size_t len)
{
	struct in_addr m;
	uint32_t v;
	uint8_t n = 0;

	if (inet_pton(AF_INET, mask, &m) != 1)
		return fail(err, len, "netmask '%.40s' is not a dotted IPv4 "
			    "mask", mask);
	for (v = ntohl(m.s_addr); v & 0x80000000u; v <<= 1)
		n++;
	if (v)
		return fail(err, len, "netmask %s is not a mask: its one bits "
			    "must come first, without gaps", mask);
	if (!n)
		return fail(err, len, "netmask 0.0.0.0 leaves no network");
	*plen = n;
	return NULL;
}

/*
 * A DNS name: 1..253 characters, labels of 1..63 letters, digits, '-' or
 * '_', separated by dots (a trailing dot allowed).
 */
const char *authz_check_domain(const char *name, char *err, size_t len)
{
	size_t n = strlen(name), label = 0, i;

	if (!n)
		return fail(err, len, "def-domain needs a domain name");
	if (n > AUTHZ_DOMAIN - 1)
		return fail(err, len, "def-domain '%.40s...' too long (at most "
			    "%d characters)", name, AUTHZ_DOMAIN - 1);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];

		if (c == '.' && !label)
			return fail(err, len, "def-domain '%.60s' has an "
				    "empty label", name);
		if (c == '.') {
			label = 0;
			continue;
		}
		if (!isalnum(c) && c != '-' && c != '_')
			return fail(err, len, "def-domain '%.60s': '%c' is "
				    "not a letter, digit, '-' or '_'", name,
				    isprint(c) ? c : '?');
		if (++label > 63)
			return fail(err, len, "def-domain '%.60s' has a label "
				    "longer than 63 characters", name);
	}
	return NULL;
}

/* An address of FAMILY alone, or with a prefix length ("A/LEN"). */
static bool parse_addr(const char *s, int family, struct conf_addr *a)
{
	char buf[INET6_ADDRSTRLEN + 8];
	const char *slash = strchr(s, '/');
	uint32_t plen = family == AF_INET ? 32 : 128;

	memset(a, 0, sizeof(*a));
	if (strlen(s) >= sizeof(buf))
		return false;
	strcpy(buf, s);
	if (slash) {
		buf[slash - s] = '\0';
		if (!parse_u32(slash + 1, 0, plen, &plen))
			return false;
	}
	if (inet_pton(family, buf, a->a) != 1)
		return false;
	a->family = family;
	a->plen = (uint8_t)plen;
	return true;
}

static bool host_bits_clear(const struct conf_addr *a)
{
	unsigned int i, bits = a->family == AF_INET ? 32 : 128;

	for (i = a->plen; i < bits; i++)
		if (a->a[i / 8] & (0x80 >> (i % 8)))
			return false;
	return true;
}

typedef const char *(*line_fn)(struct authz_attrs *t, enum authz_attr x,
			       const char *const *v, unsigned int n,
			       char *err, size_t len);

static const char *extra(enum authz_attr x, const char *w, char *err,
			 size_t len)
{
	return fail(err, len, "unexpected '%.40s' after %s", w,
		    authz_attr_name(x));
}

static const char *need_one(enum authz_attr x, unsigned int n, char *err,
			    size_t len)
{
	if (!n)
		return fail(err, len, "%s needs a value", authz_attr_name(x));
	return NULL;
}

static char *name_field(struct authz_attrs *t, enum authz_attr x)
{
	switch (x) {
	case AUTHZ_POOL:
		return t->pool;
	case AUTHZ_POOL6:
		return t->pool6;
	case AUTHZ_ROUTE_ACL6:
		return t->route_acl6;
	default:
		return t->route_acl;
	}
}

static const char *set_name(struct authz_attrs *t, enum authz_attr x,
			    const char *const *v, unsigned int n, char *err,
			    size_t len)
{
	if (need_one(x, n, err, len) ||
	    authz_check_name(authz_attr_name(x), v[0], err, len))
		return err;
	if (n > 1)
		return extra(x, v[1], err, len);
	strcpy(name_field(t, x), v[0]);
	return NULL;
}

static const char *set_dns(struct authz_attrs *t, enum authz_attr x,
			   const char *const *v, unsigned int n, char *err,
			   size_t len)
{
	int family = x == AUTHZ_DNS ? AF_INET : AF_INET6;
	struct authz_addrs *d = x == AUTHZ_DNS ? &t->dns : &t->dns6;
	unsigned int i;

	if (need_one(x, n, err, len))
		return err;
	memset(d, 0, sizeof(*d));
	if (n > AUTHZ_MAX_DNS)
		return fail(err, len, "%s takes at most %d servers, not %u",
			    authz_attr_name(x), AUTHZ_MAX_DNS, n);
	for (i = 0; i < n; i++)
		if (strchr(v[i], '/') || !parse_addr(v[i], family, &d->a[i]))
			return fail(err, len, "%s server '%.40s' is not an "
				    "%s address", authz_attr_name(x), v[i],
				    family == AF_INET ? "IPv4" : "IPv6");
	d->n = n;
	return NULL;
}

static const char *set_domain(struct authz_attrs *t, enum authz_attr x,
			      const char *const *v, unsigned int n, char *err,
			      size_t len)
{
	if (need_one(x, n, err, len) || authz_check_domain(v[0], err, len))
		return err;
	if (n > 1)
		return extra(x, v[1], err, len);
	strcpy(t->domain, v[0]);
	return NULL;
}

static const char *set_netmask(struct authz_attrs *t, enum authz_attr x,
			       const char *const *v, unsigned int n,
			       char *err, size_t len)
{
	if (need_one(x, n, err, len) ||
	    authz_check_mask(v[0], &t->netmask, err, len))
		return err;
	if (n > 1)
		return extra(x, v[1], err, len);
	return NULL;
}

static const char *set_route_if(struct authz_attrs *t, enum authz_attr x,
				const char *const *v, unsigned int n,
				char *err, size_t len)
{
	t->route_if[0] = '\0';
	if (!n)
		return NULL;
	if (n > 1)
		return extra(x, v[1], err, len);
	if (!printable(v[0]) || strlen(v[0]) >= AUTHZ_IFNAME)
		return fail(err, len, "interface name '%.40s' is not one (at "
			    "most %d characters)", v[0], AUTHZ_IFNAME - 1);
	strcpy(t->route_if, v[0]);
	return NULL;
}

/* "A MASK" or "A/LEN" (IPv4), "P/LEN" (IPv6), host bits clear. */
static const char *route_prefix(enum authz_attr x, const char *const *v,
				unsigned int n, struct conf_addr *p,
				char *err, size_t len)
{
	int family = x == AUTHZ_ROUTE_REMOTE ? AF_INET : AF_INET6;
	char buf[INET6_ADDRSTRLEN];
	unsigned int used = 1;

	if (need_one(x, n, err, len))
		return err;
	if (!parse_addr(v[0], family, p))
		return fail(err, len, "%s: '%.40s' is not an %s prefix",
			    authz_attr_name(x), v[0],
			    family == AF_INET ? "IPv4" : "IPv6");
	if (family == AF_INET && !strchr(v[0], '/') && n > 1) {
		if (authz_check_mask(v[1], &p->plen, err, len))
			return err;
		used = 2;
	} else if (family == AF_INET6 && !strchr(v[0], '/')) {
		return fail(err, len, "%s: '%.40s' needs a length (P/LEN)",
			    authz_attr_name(x), v[0]);
	}
	if (n > used)
		return extra(x, v[used], err, len);
	if (!host_bits_clear(p)) {
		inet_ntop(family, p->a, buf, sizeof(buf));
		return fail(err, len, "%s: %s/%u has bits set past the prefix "
			    "length", authz_attr_name(x), buf, p->plen);
	}
	return NULL;
}

static struct authz_routes *routes(struct authz_attrs *t, enum authz_attr x)
{
	return x == AUTHZ_ROUTE_REMOTE ? &t->remote : &t->remote6;
}

static int route_find(const struct authz_routes *r, const struct conf_addr *p)
{
	unsigned int i;

	for (i = 0; i < r->n; i++)
		if (r->p[i].plen == p->plen && !memcmp(r->p[i].a, p->a, 16))
			return (int)i;
	return -1;
}

/* Each line adds a prefix; one given twice is there once. */
static const char *add_route(struct authz_attrs *t, enum authz_attr x,
			     const char *const *v, unsigned int n, char *err,
			     size_t len)
{
	struct authz_routes *r = routes(t, x);
	struct conf_addr p;

	if (!authz_has(t, x))
		r->n = 0;
	if (route_prefix(x, v, n, &p, err, len))
		return err;
	if (route_find(r, &p) >= 0)
		return NULL;
	if (r->n == AUTHZ_MAX_ROUTES)
		return fail(err, len, "too many %s prefixes (at most %d)",
			    authz_attr_name(x), AUTHZ_MAX_ROUTES);
	r->p[r->n++] = p;
	return NULL;
}

static const char *set_accept(struct authz_attrs *t, enum authz_attr x,
			      const char *const *v, unsigned int n,
			      char *err, size_t len)
{
	struct authz_accept a = { 0, AUTHZ_DISTANCE };
	bool tag = false, dist = false;
	unsigned int i;

	for (i = 0; i < n; i += 2) {
		if ((is(v[i], "tag") || is(v[i], "distance")) && i + 1 == n)
			return fail(err, len, "route accept any: %s needs a "
				    "number", v[i]);
		if (is(v[i], "tag") && !tag) {
			tag = true;
			if (!parse_u32(v[i + 1], 1, UINT32_MAX, &a.tag))
				return fail(err, len, "route accept any: tag "
					    "'%.20s' is not a number 1..%u",
					    v[i + 1], AUTHZ_MAX_TAG);
			if (a.tag > AUTHZ_MAX_TAG)
				return fail(err, len, "route accept any: tag "
					    "%u is above %u: flexsecd sets the "
					    "tag as the route's realm, of 16 "
					    "bits", a.tag, AUTHZ_MAX_TAG);
		} else if (is(v[i], "distance") && !dist) {
			dist = true;
			if (!parse_u32(v[i + 1], 1, 255, &a.distance))
				return fail(err, len, "route accept any: "
					    "distance '%.20s' is not a number "
					    "1..255", v[i + 1]);
		} else {
			return fail(err, len, "route accept any: '%.40s' is "
				    "not tag N or distance N", v[i]);
		}
	}
	t->accept = a;
	return NULL;
}

static const char *set_number(struct authz_attrs *t, enum authz_attr x,
			      const char *const *v, unsigned int n,
			      char *err, size_t len)
{
	uint32_t min = x == AUTHZ_LIFETIME ? conf_lifetime_min : 1;
	uint32_t max = x == AUTHZ_LIFETIME ? UINT32_MAX : 65535;
	uint32_t *f = x == AUTHZ_LIFETIME ? &t->lifetime : &t->flow_limit;

	if (need_one(x, n, err, len))
		return err;
	if (!parse_u32(v[0], min, max, f))
		return fail(err, len, "%s '%.20s' is not a number %u..%u",
			    authz_attr_name(x), v[0], min, max);
	if (n > 1)
		return extra(x, v[1], err, len);
	return NULL;
}

static const struct {
	const char *kw[MAX_KW];
	enum authz_attr x;
	line_fn fn;
} lines[] = {
	{ { "pool" }, AUTHZ_POOL, set_name },
	{ { "ipv6", "pool" }, AUTHZ_POOL6, set_name },
	{ { "ipv6", "dns" }, AUTHZ_DNS6, set_dns },
	{ { "dns" }, AUTHZ_DNS, set_dns },
	{ { "def-domain" }, AUTHZ_DOMAIN_NAME, set_domain },
	{ { "netmask" }, AUTHZ_NETMASK, set_netmask },
	{ { "route", "set", "interface" }, AUTHZ_ROUTE_IF, set_route_if },
	{ { "route", "set", "access-list", "ipv6" }, AUTHZ_ROUTE_ACL6,
	  set_name },
	{ { "route", "set", "access-list" }, AUTHZ_ROUTE_ACL, set_name },
	{ { "route", "set", "remote", "ipv4" }, AUTHZ_ROUTE_REMOTE,
	  add_route },
	{ { "route", "set", "remote", "ipv6" }, AUTHZ_ROUTE_REMOTE6,
	  add_route },
	{ { "route", "accept", "any" }, AUTHZ_ROUTE_ACCEPT, set_accept },
	{ { "ipsec", "flow-limit" }, AUTHZ_FLOW_LIMIT, set_number },
	{ { "session-lifetime" }, AUTHZ_LIFETIME, set_number },
};

/* The entry whose keywords start W; *KW_N how many words they are. */
static int line_of(const char *const *w, unsigned int n, unsigned int *kw_n)
{
	unsigned int i, k;

	for (i = 0; i < ARRAY_SIZE(lines); i++) {
		for (k = 0; k < MAX_KW && lines[i].kw[k]; k++)
			if (k >= n || !is(w[k], lines[i].kw[k]))
				break;
		if (k == MAX_KW || !lines[i].kw[k]) {
			*kw_n = k;
			return (int)i;
		}
	}
	return -1;
}

/* "no route set remote ipv4 P" takes one prefix out; "no X" all of X. */
static const char *unset(struct authz_attrs *t, enum authz_attr x,
			 const char *const *v, unsigned int n, char *err,
			 size_t len)
{
	struct authz_routes *r;
	struct conf_addr p;
	int i;

	if ((x == AUTHZ_ROUTE_REMOTE || x == AUTHZ_ROUTE_REMOTE6) && n) {
		if (route_prefix(x, v, n, &p, err, len))
			return err;
		r = routes(t, x);
		i = authz_has(t, x) ? route_find(r, &p) : -1;
		if (i < 0)
			return NULL;
		r->p[i] = r->p[--r->n];
		if (r->n)
			return NULL;
	}
	t->set &= ~(1u << x);
	return NULL;
}

const char *authz_policy_line(struct authz_attrs *a, const char *const *w,
			      unsigned int n, char *err, size_t len)
{
	struct authz_attrs t = *a;
	unsigned int kw_n = 0;
	bool no = n && is(w[0], "no");
	const char *msg;
	int i;

	if (no) {
		w++;
		n--;
	}
	i = n ? line_of(w, n, &kw_n) : -1;
	if (i < 0)
		return fail(err, len, "unknown keyword '%.40s' in an "
			    "authorization policy", n ? w[0] : "");
	if (no)
		msg = unset(&t, lines[i].x, w + kw_n, n - kw_n, err, len);
	else
		msg = lines[i].fn(&t, lines[i].x, w + kw_n, n - kw_n, err, len);
	if (msg)
		return msg;
	if (!no)
		t.set |= 1u << lines[i].x;
	*a = t;
	return NULL;
}

/* aaa authorization ... in an IKEv2 profile */

static int method_of(const char *w)
{
	static const char *const names[AUTHZ_N_METHODS] = {
		[AUTHZ_PSK] = "psk", [AUTHZ_CERT] = "cert", [AUTHZ_EAP] = "eap",
	};
	int i;

	for (i = 0; i < AUTHZ_N_METHODS; i++)
		if (is(w, names[i]))
			return i;
	return -1;
}

/* After "list LIST": [NAME | name-mangler M] [local], into B. */
static const char *bind_tail(struct authz_bind *b, const char *const *w,
			     unsigned int n, char *err, size_t len)
{
	unsigned int i = 0;

	if (i < n && is(w[i], "name-mangler")) {
		if (i + 1 >= n)
			return fail(err, len, "name-mangler needs a name");
		if (authz_check_name("name-mangler", w[i + 1], err, len))
			return err;
		strcpy(b->mangler, w[i + 1]);
		i += 2;
	} else if (i < n && !is(w[i], "local")) {
		if (authz_check_name("authorization", w[i], err, len))
			return err;
		strcpy(b->name, w[i]);
		i++;
	}
	if (i < n && is(w[i], "local")) {
		b->local = true;
		i++;
	}
	if (i < n)
		return fail(err, len, "unexpected '%.40s' in aaa "
			    "authorization", w[i]);
	return NULL;
}

/* W after the method: "cached", "list LIST cached", or a binding. */
static const char *method_tail(struct authz_profile *t, bool group, int m,
			       bool override, const char *const *w,
			       unsigned int n, char *err, size_t len)
{
	struct authz_bind b = { .on = true };
	bool cached = n && is(w[n - 1], "cached");

	if (cached && (n == 1 || (n == 3 && is(w[0], "list")))) {
		if (m == AUTHZ_CERT)
			return fail(err, len, "cached needs psk or eap: a "
				    "certificate brings no AAA attributes");
		if (override)
			return fail(err, len, "override is for a group "
				    "policy, not for cached attributes");
		t->cached[m] = true;
		return NULL;
	}
	if (!n || !is(w[0], "list") || n < 2)
		return fail(err, len, "aaa authorization needs list LIST");
	if (authz_check_name("list", w[1], err, len) ||
	    bind_tail(&b, w + 2, n - 2, err, len))
		return err;
	strcpy(b.list, w[1]);
	if (group) {
		t->group[m] = b;
		t->override[m] = override;
	} else {
		t->user[m] = b;
	}
	return NULL;
}

const char *authz_profile_line(struct authz_profile *p, const char *const *w,
			       unsigned int n, char *err, size_t len)
{
	struct authz_profile t = *p;
	bool group, override = false;
	unsigned int i = 1;
	int m;

	if (!n || (!is(w[0], "group") && !is(w[0], "user")))
		return fail(err, len, "aaa authorization takes group or user, "
			    "not '%.40s'", n ? w[0] : "");
	group = is(w[0], "group");
	if (i < n && is(w[i], "override")) {
		if (!group)
			return fail(err, len, "override is for group "
				    "authorization");
		override = true;
		i++;
	}
	m = i < n ? method_of(w[i]) : -1;
	if (m < 0)
		return fail(err, len, "aaa authorization %s needs psk, cert or "
			    "eap, not '%.40s'", w[0], i < n ? w[i] : "");
	if (method_tail(&t, group, m, override, w + i + 1, n - i - 1, err,
			len))
		return err;
	*p = t;
	return NULL;
}
