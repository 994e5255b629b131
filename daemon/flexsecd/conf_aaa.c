// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec.conf: what IKEv2 authorization draws on. "aaa new-model" and
 * "aaa authorization network LIST local" (the local method list: the
 * authorization policies of this file), "ip local pool NAME FIRST
 * [LAST]" and "ipv6 local pool NAME PREFIX/LEN LEN" (the address pools),
 * and standard access lists, named ("ip access-list standard NAME" and
 * its permit/deny lines) or numbered ("access-list N permit ..."), whose
 * permitted networks "route set access-list" sends as routes.
 */

#include <stdlib.h>
#include <string.h>

#include "authz.h"
#include "conf_int.h"

/* ---- aaa ---- */

static bool aaa_line(struct pctx *p, const struct line *l)
{
	struct conf *c = p->c;
	struct conf_aaa_list *al;
	char q[QUOTE_MAX + 8], q2[QUOTE_MAX + 8];

	if (is(l, 1, "new-model") && l->n == 2) {
		c->aaa_new_model = true;
		return true;
	}
	if (!is(l, 1, "authorization") || !is(l, 2, "network"))
		return false;	/* authentication, accounting...: skipped */
	if (!cp_need(p, l, 3, "a method list name") ||
	    !cp_need(p, l, 4, "the method (local)"))
		return true;
	if (!is(l, 4, "local") || l->n != 5) {
		cp_err(p, "aaa authorization network %s: only the method "
		       "'local' is supported, not '%s'",
		       cp_quote(l->w[3], q, sizeof(q)),
		       cp_quote(rest(l, 4), q2, sizeof(q2)));
		return true;
	}
	if (strlen(l->w[3]) >= CONF_NAME || !cp_printable(l->w[3])) {
		cp_bad_value(p, "method list name", l->w[3], NULL);
		return true;
	}
	if (cp_find_named(c->aaa_lists, c->n_aaa_lists, sizeof(*al),
			  l->w[3]) >= 0)
		return true;
	al = cp_grow(p, (void **)&c->aaa_lists, &c->n_aaa_lists, sizeof(*al));
	if (al) {
		strcpy(al->name, l->w[3]);
		al->line = p->line;
		al->local = true;
	}
	p->blk = BLK_NONE;
	return true;
}

/* ---- pools ---- */

static struct conf_pool *pool_open(struct pctx *p, const char *name,
				   int family)
{
	struct conf *c = p->c;
	int i = cp_find_named(c->pools, c->n_pools, sizeof(*c->pools), name);
	struct conf_pool *po;

	if (i >= 0) {
		po = &c->pools[i];
		if (po->family != family) {
			cp_err(p, "pool %s is an IPv%d pool", name,
			       po->family == AF_INET ? 4 : 6);
			return NULL;
		}
	} else {
		po = cp_grow(p, (void **)&c->pools, &c->n_pools, sizeof(*po));
		if (!po)
			return NULL;
		strcpy(po->name, name);
		po->line = p->line;
		po->family = family;
	}
	if (po->n == CONF_MAX_RANGES) {
		cp_err(p, "pool %s has %u ranges already", name,
		       CONF_MAX_RANGES);
		return NULL;
	}
	return po;
}

static bool host_addr(struct pctx *p, const char *w, struct conf_addr *a)
{
	if (cp_parse_ip(w, a) && a->family == AF_INET)
		return true;
	cp_bad_value(p, "pool address", w, "an IPv4 address");
	return false;
}

/* ip local pool NAME FIRST [LAST] */
static void pool4_line(struct pctx *p, const struct line *l)
{
	struct conf_addr first, last;
	struct conf_pool *po;
	char name[CONF_NAME];

	if (!cp_name_arg(p, l, 3, name, "pool name") ||
	    !cp_need(p, l, 4, "the first address") || !cp_no_more(p, l, 6))
		return;
	if (!host_addr(p, l->w[4], &first))
		return;
	last = first;
	if (l->n == 6 && !host_addr(p, l->w[5], &last))
		return;
	if (memcmp(first.a, last.a, 4) > 0) {
		cp_err(p, "pool %s: %s comes after %s", name, l->w[4], l->w[5]);
		return;
	}
	po = pool_open(p, name, AF_INET);
	if (!po)
		return;
	po->first[po->n] = first;
	po->last[po->n++] = last;
}

/* ipv6 local pool NAME PREFIX/LEN ASSIGNED-LEN */
static void pool6_line(struct pctx *p, const struct line *l)
{
	struct conf_pool *po;
	char name[CONF_NAME];
	struct conf_addr pre;
	uint32_t alen;

	if (!cp_name_arg(p, l, 3, name, "pool name") ||
	    !cp_need(p, l, 4, "a prefix A/LEN"))
		return;
	if (!cp_parse_prefix(l->w[4], &pre, false) || pre.family != AF_INET6) {
		cp_bad_value(p, "ipv6 pool prefix", l->w[4], "A/LEN");
		return;
	}
	if (!cp_num(p, l, 5, "assigned prefix length", 1, 128, &alen) ||
	    !cp_no_more(p, l, 6))
		return;
	if (alen < pre.plen || alen - pre.plen > 24) {
		cp_err(p, "ipv6 pool %s: the assigned length %u must be at "
		       "least the prefix's %u and give at most 2^24 leases",
		       name, alen, pre.plen);
		return;
	}
	po = pool_open(p, name, AF_INET6);
	if (!po)
		return;
	if (po->n && po->assign_len != alen) {
		cp_err(p, "ipv6 pool %s: every prefix assigns the same length",
		       name);
		return;
	}
	po->assign_len = (uint8_t)alen;
	po->first[po->n++] = pre;
}

/* ---- access lists ---- */

/* A contiguous wildcard mask W (0.0.0.255) as a prefix length. */
static bool wildcard_plen(const struct conf_addr *w, uint8_t *plen)
{
	uint32_t m;
	unsigned int b;

	memcpy(&m, w->a, 4);
	m = ~ntohl(m);
	for (b = 0; b < 32 && (m & (0x80000000u >> b)); b++)
		;
	if (b < 32 && (m << b))
		return false;
	*plen = (uint8_t)b;
	return true;
}

static bool ace_v4(struct pctx *p, const char *w, struct conf_addr *a)
{
	if (cp_parse_ip(w, a) && a->family == AF_INET)
		return true;
	cp_bad_value(p, "access-list address", w, "an IPv4 address");
	return false;
}

/* "any" / "host A" / "A/LEN" / "A" (a host) / "A WILDCARD" at word I. */
static bool ace_net(struct pctx *p, const struct line *l, unsigned int i,
		    struct conf_addr *net)
{
	struct conf_addr w;

	memset(net, 0, sizeof(*net));
	if (!cp_need(p, l, i, "a network, host A or any"))
		return false;
	if (is(l, i, "any"))
		return cp_no_more(p, l, i + 1);
	if (is(l, i, "host"))
		return cp_need(p, l, i + 1, "an address") &&
		       ace_v4(p, l->w[i + 1], net) && cp_no_more(p, l, i + 2);
	if (strchr(l->w[i], '/')) {
		if (cp_parse_prefix(l->w[i], net, false) &&
		    net->family == AF_INET)
			return cp_no_more(p, l, i + 1);
		cp_bad_value(p, "access-list network", l->w[i], "A/LEN");
		return false;
	}
	if (!ace_v4(p, l->w[i], net))
		return false;
	if (l->n == i + 1)
		return true;
	if (!ace_v4(p, l->w[i + 1], &w) || !wildcard_plen(&w, &net->plen)) {
		cp_bad_value(p, "wildcard mask", l->w[i + 1],
			     "a contiguous wildcard (0.0.0.255)");
		return false;
	}
	return cp_no_more(p, l, i + 2);
}

/* The network's host bits cleared, as IOS shows it. */
static void mask_net(struct conf_addr *a)
{
	unsigned int b;

	if (!a->family)
		return;
	for (b = a->plen; b < 32; b++)
		a->a[b / 8] &= (uint8_t)~(0x80u >> (b % 8));
}

static void mask_net6(struct conf_addr *a)
{
	unsigned int b;

	for (b = a->family ? a->plen : 128; b < 128; b++)
		a->a[b / 8] &= (uint8_t)~(0x80u >> (b % 8));
}

static void ace_add(struct pctx *p, struct conf_acl *acl,
		    const struct line *l, unsigned int i)
{
	struct conf_ace ace = { .permit = is(l, i, "permit") };

	if (i >= l->n) {
		cp_err(p, "access-list %s: permit or deny expected", acl->name);
		return;
	}
	if (!is(l, i, "permit") && !is(l, i, "deny")) {
		cp_unknown(p, l, i);
		return;
	}
	if (!ace_net(p, l, i + 1, &ace.net))
		return;
	mask_net(&ace.net);
	if (acl->n == CONF_MAX_ACES) {
		cp_err(p, "access-list %s has %u entries already", acl->name,
		       CONF_MAX_ACES);
		return;
	}
	acl->ace[acl->n++] = ace;
}

void cp_acl_line(struct pctx *p, const struct line *l)
{
	struct conf_acl *acl = &p->c->acls[p->idx];
	uint32_t seq;
	unsigned int i = 0;

	if (is(l, 0, "remark"))
		return;
	/* a sequence number first is accepted; entries keep file order */
	if (l->n && cp_parse_u32(l->w[0], 1, 2147483647, &seq))
		i = 1;
	ace_add(p, acl, l, i);
}

static struct conf_acl *acl_open(struct pctx *p, const char *name, enum blk b)
{
	struct conf *c = p->c;

	return cp_open_named(p, b, (void **)&c->acls, &c->n_acls,
			     sizeof(*c->acls), name);
}

/* ip access-list standard NAME / access-list N permit|deny ... */
static bool acl_top(struct pctx *p, const struct line *l)
{
	struct conf_acl *acl;
	char name[CONF_NAME];
	uint32_t num;

	if (is(l, 0, "ip")) {
		if (!is(l, 2, "standard"))
			return false;	/* extended lists: skipped */
		if (cp_name_arg(p, l, 3, name, "access-list name") &&
		    cp_no_more(p, l, 4) && !acl_open(p, name, BLK_ACL))
			p->blk = BLK_SKIP;
		return true;
	}
	if (!cp_parse_u32(l->n > 1 ? l->w[1] : "", 1, 1999, &num) ||
	    (num > 99 && num < 1300))
		return false;	/* extended numbered lists: skipped */
	/* the line is the list's block for its messages, and closes it */
	acl = acl_open(p, l->w[1], BLK_ACL);
	if (acl && !is(l, 2, "remark"))
		ace_add(p, acl, l, 2);
	p->blk = BLK_NONE;
	return true;
}

/* permit|deny ipv6 SRC DST at word I: SRC any, host A or A/LEN. Other
 * protocols than ipv6 make no route: skipped. */
static void ace6_add(struct pctx *p, struct conf_acl *acl,
		     const struct line *l, unsigned int i)
{
	struct conf_ace ace = { .permit = is(l, i, "permit") };
	unsigned int k = i + 3;

	if (i >= l->n) {
		cp_err(p, "ipv6 access-list %s: permit or deny expected",
		       acl->name);
		return;
	}
	if (!is(l, i, "permit") && !is(l, i, "deny")) {
		cp_unknown(p, l, i);
		return;
	}
	if (!cp_need(p, l, i + 1, "a protocol (ipv6)") || !is(l, i + 1, "ipv6"))
		return;
	if (!cp_need(p, l, i + 2, "a source prefix, host A or any"))
		return;
	if (is(l, i + 2, "host")) {
		if (!cp_need(p, l, i + 3, "an address"))
			return;
		if (!cp_parse_ip(l->w[i + 3], &ace.net) ||
		    ace.net.family != AF_INET6) {
			cp_bad_value(p, "ipv6 access-list host", l->w[i + 3],
				     "an IPv6 address");
			return;
		}
		ace.net.plen = 128;
		k = i + 4;
	} else if (!is(l, i + 2, "any") &&
		   (!cp_parse_prefix(l->w[i + 2], &ace.net, false) ||
		    ace.net.family != AF_INET6)) {
		cp_bad_value(p, "ipv6 access-list source", l->w[i + 2],
			     "A/LEN, host A or any");
		return;
	}
	if (!cp_need(p, l, k, "a destination"))
		return;
	mask_net6(&ace.net);
	if (acl->n == CONF_MAX_ACES) {
		cp_err(p, "ipv6 access-list %s has %u entries already",
		       acl->name, CONF_MAX_ACES);
		return;
	}
	acl->ace[acl->n++] = ace;
}

void cp_acl6_line(struct pctx *p, const struct line *l)
{
	struct conf_acl *acl = &p->c->acls6[p->idx];
	uint32_t seq;
	unsigned int i = 0;

	if (is(l, 0, "remark"))
		return;
	if (is(l, 0, "sequence") && l->n > 1 &&
	    cp_parse_u32(l->w[1], 1, 4294967295u, &seq))
		i = 2;
	ace6_add(p, acl, l, i);
}

/* ipv6 access-list NAME */
static bool acl6_top(struct pctx *p, const struct line *l)
{
	struct conf *c = p->c;
	char name[CONF_NAME];

	if (cp_name_arg(p, l, 2, name, "access-list name") &&
	    cp_no_more(p, l, 3) &&
	    !cp_open_named(p, BLK_ACL6, (void **)&c->acls6, &c->n_acls6,
			   sizeof(*c->acls6), name))
		p->blk = BLK_SKIP;
	return true;
}

bool cp_aaa_top_line(struct pctx *p, const struct line *l)
{
	if (is(l, 0, "aaa"))
		return aaa_line(p, l);
	if (is(l, 0, "ip") && is(l, 1, "local") && is(l, 2, "pool")) {
		pool4_line(p, l);
		return true;
	}
	if (is(l, 0, "ipv6") && is(l, 1, "local") && is(l, 2, "pool")) {
		pool6_line(p, l);
		return true;
	}
	if (is(l, 0, "ip") && is(l, 1, "access-list"))
		return acl_top(p, l);
	if (is(l, 0, "access-list"))
		return acl_top(p, l);
	if (is(l, 0, "ipv6") && is(l, 1, "access-list"))
		return acl6_top(p, l);
	return false;
}

/* ---- authorization policies ---- */

void cp_open_authz(struct pctx *p, const struct line *l)
{
	struct conf *c = p->c;
	char name[CONF_NAME];

	p->blk = BLK_SKIP;
	if (!cp_name_arg(p, l, 4, name, "authorization policy name") ||
	    !cp_no_more(p, l, 5))
		return;
	if (!c->authz)
		c->authz = authz_db_new();
	p->authz = c->authz ? authz_db_add(c->authz, name) : NULL;
	if (!p->authz) {
		cp_err(p, "out of memory");
		p->oom = true;
		return;
	}
	if (!p->authz->line)
		p->authz->line = p->line;
	p->blk = BLK_AUTHZ;
}

void cp_authz_line(struct pctx *p, const struct line *l)
{
	char err[AUTHZ_ERR_LEN];

	if (authz_policy_line(&p->authz->a, (const char *const *)l->w, l->n,
			      err, sizeof(err)))
		cp_err(p, "authorization policy %s: %s", p->authz->name, err);
}

void cp_profile_authz(struct pctx *p, const struct line *l,
		      struct conf_profile *pf)
{
	char err[AUTHZ_ERR_LEN];

	if (!pf->authz) {
		pf->authz = calloc(1, sizeof(*pf->authz));
		if (!pf->authz) {
			cp_err(p, "out of memory");
			p->oom = true;
			return;
		}
	}
	if (authz_profile_line(pf->authz, (const char *const *)l->w + 2,
			       l->n - 2, err, sizeof(err)))
		cp_err(p, "%s", err);
	else
		pf->authz_line = p->line;
}
