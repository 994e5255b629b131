// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec.conf: what the authorization blocks name, checked once the
 * file is read (method lists, policies, pools, access lists), and the
 * address pools of a configuration built for the daemon.
 */

#include <stdio.h>
#include <string.h>

#include "authz.h"
#include "conf_int.h"
#include "mangler.h"
#include "pool.h"

struct pool_set *conf_pools_build(const struct conf *c, char *err,
				  size_t len)
{
	struct pool_set *s = pool_set_new();
	const struct conf_pool *cp;
	const char *msg = NULL;
	struct pool *po;
	unsigned int i, j;

	if (!s) {
		snprintf(err, len, "out of memory");
		return NULL;
	}
	for (i = 0; i < c->n_pools && !msg; i++) {
		cp = &c->pools[i];
		po = pool_create(s, cp->family, cp->name);
		if (!po) {
			msg = "out of memory";
			break;
		}
		for (j = 0; j < cp->n && !msg; j++)
			msg = cp->family == AF_INET ?
			      pool_add_range(po, &cp->first[j], &cp->last[j],
					     err, len) :
			      pool_add_prefix(po, &cp->first[j], cp->assign_len,
					      err, len);
	}
	if (!msg)
		return s;
	if (msg != err)
		snprintf(err, len, "%s", msg);
	pool_set_free(s);
	return NULL;
}

static bool list_known(const struct conf *c, const char *name)
{
	return cp_find_named(c->aaa_lists, c->n_aaa_lists,
			     sizeof(*c->aaa_lists), name) >= 0;
}

/* A binding's method list must be an "aaa authorization network" one,
 * and the policy it names should exist (else each session fails). */
static void check_bind(struct pctx *p, const struct conf_profile *pf,
		       const struct authz_bind *b, const char *kind)
{
	const struct conf *c = p->c;

	if (!b->on)
		return;
	if (b->list[0] && !list_known(c, b->list))
		cp_err_at(p, pf->authz_line, "IKEv2 profile %s: no 'aaa "
			  "authorization network %s local'", pf->name,
			  b->list);
	if (b->mangler[0] && !conf_mangler(c, b->mangler))
		cp_err_at(p, pf->authz_line, "IKEv2 profile %s: %s "
			  "authorization: no 'crypto ikev2 name-mangler %s'",
			  pf->name, kind, b->mangler);
	if (b->name[0] && (!c->authz || !authz_db_find(c->authz, b->name))) {
		p->line = pf->authz_line;
		cp_warn(p, "IKEv2 profile %s: %s authorization policy %s is "
			"not configured: every session of this profile will "
			"fail authorization", pf->name, kind, b->name);
	}
}

static void check_profiles(struct pctx *p)
{
	const struct conf_profile *pf;
	unsigned int i, m;

	for (i = 0; i < p->c->n_profiles; i++) {
		pf = &p->c->profiles[i];
		if (!pf->authz)
			continue;
		if (pf->authz->group[AUTHZ_CERT].on ||
		    pf->authz->user[AUTHZ_CERT].on ||
		    pf->authz->group[AUTHZ_EAP].on ||
		    pf->authz->user[AUTHZ_EAP].on) {
			p->line = pf->authz_line;
			cp_warn(p, "IKEv2 profile %s: cert and eap authorization "
				"apply to peers authenticated that way, which "
				"flexsecd does not do yet", pf->name);
		}
		for (m = 0; m < AUTHZ_N_METHODS; m++) {
			check_bind(p, pf, &pf->authz->group[m], "group");
			check_bind(p, pf, &pf->authz->user[m], "user");
		}
	}
}

static void check_policies(struct pctx *p, const struct pool_set *pools)
{
	const struct authz_policy *ap;
	char err[AUTHZ_ERR_LEN];

	for (ap = p->c->authz ? p->c->authz->first : NULL; ap; ap = ap->next) {
		if (ap->is_default && !ap->line)
			continue;
		if (authz_check_pools(ap, pools, err, sizeof(err)))
			cp_err_at(p, ap->line, "%s", err);
		if (authz_has(&ap->a, AUTHZ_ROUTE_ACL) &&
		    !conf_acl(p->c, ap->a.route_acl)) {
			p->line = ap->line;
			cp_warn(p, "authorization policy %s: access-list %s is "
				"not configured: it sends no routes", ap->name,
				ap->a.route_acl);
		}
		if (authz_has(&ap->a, AUTHZ_ROUTE_ACL6) &&
		    !conf_acl6(p->c, ap->a.route_acl6)) {
			p->line = ap->line;
			cp_warn(p, "authorization policy %s: ipv6 access-list "
				"%s is not configured: it sends no routes",
				ap->name, ap->a.route_acl6);
		}
	}
}

void cp_check_aaa(struct pctx *p)
{
	const struct conf *c = p->c;
	char err[POOL_ERR_LEN];
	struct pool_set *pools;

	/* "default" exists without a block of that name */
	if (!p->c->authz)
		p->c->authz = authz_db_new();
	if (!p->c->authz) {
		cp_err(p, "out of memory");
		p->oom = true;
		return;
	}
	if (c->n_aaa_lists && !c->aaa_new_model)
		cp_err_at(p, c->aaa_lists[0].line, "aaa authorization network "
			  "%s needs 'aaa new-model' first", c->aaa_lists[0].name);
	pools = conf_pools_build(c, err, sizeof(err));
	if (!pools) {
		cp_err_at(p, c->n_pools ? c->pools[0].line : 0, "%s", err);
		return;
	}
	check_profiles(p);
	check_policies(p, pools);
	pool_set_free(pools);
}
