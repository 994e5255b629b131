// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec.conf after the last line: the smart defaults of IOS (proposal,
 * policy, transform sets and IPsec profile named "default") where the
 * file has none, what each block MUST have, the names blocks give each
 * other, resolved, and warnings about what flexsec will not key.
 */

#include <stdlib.h>
#include <string.h>

#include "algs.h"
#include "conf_int.h"
#include "ike_proto.h"

/* ---- smart defaults ---- */

static const char *const default_encr[] = {
	"aes-cbc-256", "aes-cbc-192", "aes-cbc-128",
};
static const char *const default_aead[] = {
	"aes-gcm-256", "chacha20-poly1305", "aes-gcm-128",
};
static const char *const default_hash[] = { "sha512", "sha384", "sha256" };
static const char *const default_groups[] = {
	"19", "20", "21", "31", "14", "15", "16",
};

static void fill_algs(struct conf_proposal *pr, uint8_t type,
		      const char *const *words, unsigned int n)
{
	const struct alg *a;
	unsigned int *cnt, i;
	uint16_t *ids = cp_prop_ids(pr, type, &cnt);

	for (i = 0; i < n && *cnt < CONF_MAX_ALGS; i++) {
		a = alg_by_conf(type, words[i]);
		if (!a)
			continue;
		if (type == IKE_TT_ENCR)
			pr->encr_bits[*cnt] = a->keybits;
		ids[(*cnt)++] = a->id;
	}
}

static struct conf_proposal *add_default_proposal(struct pctx *p,
						  const char *name)
{
	struct conf *c = p->c;
	struct conf_proposal *pr;

	pr = cp_grow(p, (void **)&c->proposals, &c->n_proposals, sizeof(*pr));
	if (!pr)
		return NULL;
	snprintf(pr->name, sizeof(pr->name), "%s", name);
	pr->is_default = true;
	fill_algs(pr, IKE_TT_PRF, default_hash, ARRAY_SIZE(default_hash));
	fill_algs(pr, IKE_TT_DH, default_groups, ARRAY_SIZE(default_groups));
	return pr;
}

/*
 * "default" (AES-CBC with SHA-2) always exists; "default-aead" (AES-GCM
 * and ChaCha20-Poly1305) too unless the file redefines "default": who
 * changes the default proposal decides alone what the default policy
 * offers, as on IOS.
 */
static void default_proposals(struct pctx *p)
{
	struct conf *c = p->c;
	struct conf_proposal *pr;
	bool has_default = conf_proposal(c, "default") != NULL;

	if (!has_default && !conf_proposal(c, "default-aead")) {
		pr = add_default_proposal(p, "default-aead");
		if (pr)
			fill_algs(pr, IKE_TT_ENCR, default_aead,
				  ARRAY_SIZE(default_aead));
	}
	if (!has_default) {
		pr = add_default_proposal(p, "default");
		if (!pr)
			return;
		fill_algs(pr, IKE_TT_ENCR, default_encr,
			  ARRAY_SIZE(default_encr));
		fill_algs(pr, IKE_TT_INTEG, default_hash,
			  ARRAY_SIZE(default_hash));
	}
}

/* The PRF of the same hash as an integrity algorithm. */
static uint16_t prf_of_integ(uint16_t integ)
{
	const struct alg *a = alg_find(IKE_TT_INTEG, integ, 0);
	const struct alg *prf = a ? alg_by_conf(IKE_TT_PRF, a->conf) : NULL;

	return prf ? prf->id : 0;
}

static void check_proposal(struct pctx *p, struct conf_proposal *pr)
{
	const char *why = NULL;
	unsigned int i;
	uint16_t id;

	if (!pr->n_encr)
		why = "an encryption algorithm";
	else if (cp_prop_is_aead(pr) && !pr->n_prf)
		why = "a prf (an AEAD proposal has no integrity to take it "
		      "from)";
	else if (!cp_prop_is_aead(pr) && !pr->n_integ)
		why = "an integrity algorithm";
	else if (!pr->n_group)
		why = "a DH group";
	if (why) {
		cp_err_at(p, pr->line, "IKEv2 proposal %s is incomplete: it "
			  "needs %s", pr->name, why);
		return;
	}
	if (pr->n_prf)
		return;
	for (i = 0; i < pr->n_integ; i++) {
		id = prf_of_integ(pr->integ[i]);
		if (id)
			pr->prf[pr->n_prf++] = id;
	}
}

static void default_policy(struct pctx *p)
{
	struct conf *c = p->c;
	struct conf_policy *po;

	if (cp_find_named(c->policies, c->n_policies, sizeof(*po),
			  "default") >= 0)
		return;
	po = cp_grow(p, (void **)&c->policies, &c->n_policies, sizeof(*po));
	if (!po)
		return;
	strcpy(po->name, "default");
	po->is_default = true;
	po->match_fvrf_any = true;
	if (conf_proposal(c, "default-aead"))
		strcpy(po->proposals[po->n_proposals++], "default-aead");
	strcpy(po->proposals[po->n_proposals++], "default");
}

static void add_default_tset(struct pctx *p, const char *name,
			     uint16_t encr, uint16_t bits, uint16_t integ)
{
	struct conf *c = p->c;
	struct conf_transform_set *ts;

	ts = cp_grow(p, (void **)&c->tsets, &c->n_tsets, sizeof(*ts));
	if (!ts)
		return;
	snprintf(ts->name, sizeof(ts->name), "%s", name);
	ts->is_default = true;
	ts->encr = encr;
	ts->encr_bits = bits;
	ts->integ = integ;
	ts->mode = CONF_MODE_TRANSPORT;
}

/* "default" (esp-aes esp-sha-hmac, as IOS) and "default-gcm" first. */
static void default_tsets(struct pctx *p)
{
	struct conf *c = p->c;
	bool has_default = conf_tset(c, "default") != NULL;

	if (!has_default && !conf_tset(c, "default-gcm"))
		add_default_tset(p, "default-gcm", IKE_ENCR_AES_GCM_16, 256,
				 IKE_INTEG_NONE);
	if (!has_default)
		add_default_tset(p, "default", IKE_ENCR_AES_CBC, 128,
				 IKE_INTEG_HMAC_SHA1_96);
}

/* The transform sets an IPsec profile without "set transform-set" uses. */
static void default_tset_list(const struct conf *c,
			      struct conf_ipsec_profile *ip)
{
	ip->n_tsets = 0;
	if (conf_tset(c, "default-gcm"))
		strcpy(ip->tsets[ip->n_tsets++], "default-gcm");
	strcpy(ip->tsets[ip->n_tsets++], "default");
}

static void default_ipsec_profile(struct pctx *p)
{
	struct conf *c = p->c;
	struct conf_ipsec_profile *ip;

	if (conf_ipsec_profile(c, "default"))
		return;
	ip = cp_grow(p, (void **)&c->ipsec_profiles, &c->n_ipsec_profiles,
		     sizeof(*ip));
	if (!ip)
		return;
	strcpy(ip->name, "default");
	ip->is_default = true;
	ip->replay_window = UINT32_MAX;
}

/* ---- checks and names ---- */

static void check_profile(struct pctx *p, struct conf_profile *pf)
{
	bool psk = pf->auth_local == CONF_AUTH_PSK;
	unsigned int i;

	bool match = pf->n_match_remote || pf->n_match_local ||
		     pf->match_any;
	char missing[96] = "";

	if (!pf->auth_local)
		strcat(missing, ", authentication local");
	if (!pf->n_auth_remote)
		strcat(missing, ", authentication remote");
	if (!match)
		strcat(missing, ", match identity");
	if (missing[0])
		cp_err_at(p, pf->line, "IKEv2 profile %s MUST have: 1. a local "
			  "and a remote authentication method; 2. a match "
			  "identity statement or 'match identity remote any' "
			  "(missing: %s)", pf->name, missing + 2);
	for (i = 0; i < pf->n_auth_remote; i++)
		psk |= pf->auth_remote[i] == CONF_AUTH_PSK;
	if (psk && !pf->keyring[0])
		cp_err_at(p, pf->line, "IKEv2 profile %s authenticates with "
			  "pre-share but has no 'keyring local NAME'",
			  pf->name);
	if (!pf->lifetime)
		pf->lifetime = 86400;
	if (!pf->nat_keepalive)
		pf->nat_keepalive = p->c->g.nat_keepalive;
	if (!pf->dpd_interval) {
		pf->dpd_interval = p->c->g.dpd_interval;
		pf->dpd_retry = p->c->g.dpd_retry;
		pf->dpd_mode = p->c->g.dpd_mode;
	}
	if (pf->identity_local.type == CONF_ID_NONE)
		pf->identity_local.type = CONF_ID_ADDRESS;
}

static void check_policy(struct pctx *p, const struct conf_policy *po)
{
	if (!po->n_proposals)
		cp_err_at(p, po->line, "IKEv2 policy %s has no proposal",
			  po->name);
}

static void check_tunnel(struct pctx *p, struct conf_tunnel *t)
{
	int fam = t->mode_family;
	const struct conf_addr *d = &t->destination, *s = &t->source;

	if (t->vt_num && !t->protection[0])
		cp_err_at(p, t->line, "interface %s has no 'tunnel protection "
			  "ipsec profile': its Virtual-Access interfaces "
			  "would carry nothing", t->name);
	if (fam && ((d->family && d->family != fam) ||
		    (s->family && s->family != fam)))
		cp_err_at(p, t->mode_line, "interface %s: the tunnel mode is "
			  "over IPv%d but the tunnel source or destination is "
			  "not", t->name, fam == AF_INET ? 4 : 6);
	if (d->family && s->family && d->family != s->family)
		cp_err_at(p, t->line, "interface %s: tunnel source and "
			  "destination are of different families", t->name);
}

/* Whether REF's owner still names it (a later line may have replaced it). */
static bool ref_live(const struct conf *c, const struct ref *r)
{
	unsigned int i;

	switch (r->kind) {
	case REF_PROPOSAL:
		for (i = 0; i < c->policies[r->owner].n_proposals; i++)
			if (!strcmp(c->policies[r->owner].proposals[i],
				    r->name))
				return true;
		return false;
	case REF_KEYRING:
		return !strcmp(c->profiles[r->owner].keyring, r->name);
	case REF_TSET:
		for (i = 0; i < c->ipsec_profiles[r->owner].n_tsets; i++)
			if (!strcmp(c->ipsec_profiles[r->owner].tsets[i],
				    r->name))
				return true;
		return false;
	case REF_PROFILE:
		return !strcmp(c->ipsec_profiles[r->owner].ikev2_profile,
			       r->name);
	case REF_IPSEC:
		return !strcmp(c->tunnels[r->owner].protection, r->name);
	case REF_IPSEC_VT:
		return !strcmp(c->templates[r->owner].protection, r->name);
	case REF_TEMPLATE:
		return c->profiles[r->owner].virtual_template ==
		       strtoul(r->name, NULL, 10);
	case REF_UNNUMBERED:
		return !strcmp(c->tunnels[r->owner].unnumbered, r->name);
	case REF_UNNUMBERED_VT:
		return !strcmp(c->templates[r->owner].unnumbered, r->name);
	}
	return false;
}

static void check_refs(struct pctx *p)
{
	static const char *const what[] = {
		[REF_PROPOSAL] = "IKEv2 proposal",
		[REF_KEYRING] = "IKEv2 keyring",
		[REF_TSET] = "transform-set",
		[REF_PROFILE] = "IKEv2 profile",
		[REF_IPSEC] = "IPsec profile",
		[REF_IPSEC_VT] = "IPsec profile",
		[REF_TEMPLATE] = "interface Virtual-Template",
		[REF_UNNUMBERED] = "interface",
		[REF_UNNUMBERED_VT] = "interface",
	};
	const struct conf *c = p->c;
	const struct ref *r;
	bool ok = false;
	unsigned int i;

	for (i = 0; i < p->n_refs; i++) {
		r = &p->refs[i];
		if (!ref_live(c, r))
			continue;
		switch (r->kind) {
		case REF_PROPOSAL:
			ok = conf_proposal(c, r->name);
			break;
		case REF_KEYRING:
			ok = conf_keyring(c, r->name);
			break;
		case REF_TSET:
			ok = conf_tset(c, r->name);
			break;
		case REF_PROFILE:
			ok = conf_profile(c, r->name);
			break;
		case REF_IPSEC:
		case REF_IPSEC_VT:
			ok = conf_ipsec_profile(c, r->name);
			break;
		case REF_TEMPLATE:
			ok = conf_template(c, strtoul(r->name, NULL, 10));
			break;
		case REF_UNNUMBERED:
		case REF_UNNUMBERED_VT:
			ok = conf_loopback(c, r->name);
			break;
		}
		if (!ok)
			cp_err_at(p, r->line, "no such %s '%s'", what[r->kind],
				  r->name);
	}
}

static void resolve_ipsec(struct pctx *p, struct conf_ipsec_profile *ip)
{
	const struct conf *c = p->c;
	unsigned int i;

	if (!ip->n_tsets)
		default_tset_list(c, ip);
	for (i = 0; i < ip->n_tsets; i++)
		ip->ts[i] = conf_tset(c, ip->tsets[i]);
	if (!ip->ikev2_profile[0] && conf_profile(c, "default"))
		strcpy(ip->ikev2_profile, "default");
	ip->prof = ip->ikev2_profile[0] ?
		   conf_profile(c, ip->ikev2_profile) : NULL;
	if (!ip->lifetime_kb)
		ip->lifetime_kb = c->g.lifetime_kb;
	if (!ip->lifetime_sec)
		ip->lifetime_sec = c->g.lifetime_sec;
	if (ip->replay_window == UINT32_MAX)
		ip->replay_window = c->g.replay_window;
}

static void resolve(struct pctx *p)
{
	struct conf *c = p->c;
	unsigned int i;

	for (i = 0; i < c->n_profiles; i++)
		c->profiles[i].kr = c->profiles[i].keyring[0] ?
			conf_keyring(c, c->profiles[i].keyring) : NULL;
	for (i = 0; i < c->n_ipsec_profiles; i++)
		resolve_ipsec(p, &c->ipsec_profiles[i]);
	for (i = 0; i < c->n_tunnels; i++)
		c->tunnels[i].ipsec = c->tunnels[i].protection[0] ?
			conf_ipsec_profile(c, c->tunnels[i].protection) : NULL;
	for (i = 0; i < c->n_templates; i++)
		c->templates[i].ipsec =
			conf_ipsec_profile(c, c->templates[i].protection);
	for (i = 0; i < c->n_profiles; i++)
		c->profiles[i].vt = c->profiles[i].virtual_template ?
			conf_template(c, c->profiles[i].virtual_template) :
			NULL;
}

static void warn_keyrings(struct pctx *p)
{
	const struct conf_keyring *kr;
	const struct conf_keyring_peer *kp;
	unsigned int i, j;

	for (i = 0; i < p->c->n_keyrings; i++) {
		kr = &p->c->keyrings[i];
		for (j = 0; j < kr->n_peers; j++) {
			kp = &kr->peers[j];
			if (kp->psk_local_len && kp->psk_remote_len)
				continue;
			p->line = kp->line;
			cp_warn(p, "keyring %s peer %s has no %spre-shared-key",
				kr->name, kp->name,
				!kp->psk_local_len && !kp->psk_remote_len ?
				"" : kp->psk_local_len ? "remote " : "local ");
		}
	}
}

/* Tunnels flexsec will not key: said now rather than at run time. */
/* ESP in UDP is IPv4's alone in flexsec.ko: "nat force-encap" on the
 * profile of a tunnel over IPv6 (a template's, when its tunnel mode says
 * IPv6) fails every SA of it. */
static void warn_encap6(struct pctx *p, const struct conf_tunnel *t)
{
	const struct conf_profile *pf = t->ipsec ? t->ipsec->prof : NULL;

	if (!pf || !pf->nat_force_encap ||
	    (t->vt_num ? t->mode_family : conf_tunnel_family(t)) != AF_INET6)
		return;
	p->line = t->line;
	cp_warn(p, "interface %s: IKEv2 profile %s has 'nat force-encap', "
		"but ESP in UDP over IPv6 is not supported: its IKE SAs "
		"over IPv6 will fail", t->name, pf->name);
}

static void warn_tunnels(struct pctx *p)
{
	const struct conf_tunnel *t;
	unsigned int i;

	for (i = 0; i < p->c->n_templates; i++)
		warn_encap6(p, &p->c->templates[i]);
	for (i = 0; i < p->c->n_tunnels; i++) {
		t = &p->c->tunnels[i];
		p->line = t->line;
		if (!t->ipsec)
			cp_warn(p, "interface %s has no 'tunnel protection "
				"ipsec profile': flexsec does not key it",
				t->name);
		else if (!t->ipsec->prof)
			cp_warn(p, "interface %s: IPsec profile %s names no "
				"IKEv2 profile (set ikev2-profile NAME): "
				"flexsec cannot key it", t->name,
				t->ipsec->name);
		warn_encap6(p, t);
		if (t->ipv6_enable && !t->ip_negotiated && !t->vt_num)
			cp_warn(p, "interface %s: 'ipv6 enable' asks the hub "
				"for IPv6 only with 'ip address negotiated': "
				"its SAs carry no IPv6", t->name);
	}
}

/* A threshold the in-negotiation limit reaches first asks for no cookie:
 * the limit drops the requests before. */
static void warn_cookie(struct pctx *p)
{
	const struct conf_global *g = &p->c->g;

	if (!g->cookie_challenge || !g->max_in_negotiation_in ||
	    g->cookie_challenge < g->max_in_negotiation_in)
		return;
	p->line = p->cookie_line;
	cp_warn(p, "cookie-challenge %u is not below limit "
		"max-in-negotiation-sa %u (incoming): the limit refuses "
		"requests before any COOKIE is asked for",
		g->cookie_challenge, g->max_in_negotiation_in);
}

void conf_finish(struct pctx *p)
{
	struct conf *c = p->c;
	unsigned int i;

	default_proposals(p);
	default_policy(p);
	default_tsets(p);
	default_ipsec_profile(p);
	if (p->oom)
		return;
	for (i = 0; i < c->n_proposals; i++)
		check_proposal(p, &c->proposals[i]);
	for (i = 0; i < c->n_policies; i++)
		check_policy(p, &c->policies[i]);
	for (i = 0; i < c->n_profiles; i++)
		check_profile(p, &c->profiles[i]);
	for (i = 0; i < c->n_tunnels; i++)
		check_tunnel(p, &c->tunnels[i]);
	for (i = 0; i < c->n_templates; i++)
		check_tunnel(p, &c->templates[i]);
	check_refs(p);
	cp_check_aaa(p);
	cp_check_clients(p);
	warn_keyrings(p);
	warn_cookie(p);
	if (p->n_errors)
		return;
	resolve(p);
	warn_tunnels(p);
}
