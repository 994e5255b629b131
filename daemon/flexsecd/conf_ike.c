// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec.conf: the IKEv2 blocks "crypto ikev2 proposal" (algorithms by
 * transform type), "crypto ikev2 policy" (proposals, local addresses)
 * and "crypto ikev2 profile" (identities to match, authentication,
 * keyring, lifetime, dead peer detection).
 */

#include <string.h>

#include "algs.h"
#include "conf_int.h"
#include "ike_proto.h"

/* ---- crypto ikev2 proposal ---- */

static const char *const type_words[] = {
	[IKE_TT_ENCR] = "encryption",
	[IKE_TT_PRF] = "prf",
	[IKE_TT_INTEG] = "integrity",
	[IKE_TT_DH] = "group",
};

/* "aes-cbc-128|aes-cbc-192|..." from the algorithm table. */
static const char *alg_choices(uint8_t type, char *buf, size_t len)
{
	const struct alg *a;
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	if (type == IKE_TT_DH)
		return "14|15|16|19|20|21|31";
	for (i = 0; (a = alg_nth(type, i)) && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? "|" : "", a->conf);
	return buf;
}

/* The arrays of a proposal for one transform type. */
uint16_t *cp_prop_ids(struct conf_proposal *pr, uint8_t type,
		      unsigned int **n)
{
	switch (type) {
	case IKE_TT_ENCR:
		*n = &pr->n_encr;
		return pr->encr;
	case IKE_TT_INTEG:
		*n = &pr->n_integ;
		return pr->integ;
	case IKE_TT_PRF:
		*n = &pr->n_prf;
		return pr->prf;
	default:
		*n = &pr->n_group;
		return pr->group;
	}
}

bool cp_prop_is_aead(const struct conf_proposal *pr)
{
	const struct alg *a;

	if (!pr->n_encr)
		return false;
	a = alg_find(IKE_TT_ENCR, pr->encr[0], pr->encr_bits[0]);
	return a && a->aead;
}

/* AEAD and CBC may not share a proposal; AEAD takes no integrity. */
static bool prop_compatible(struct pctx *p, struct conf_proposal *pr,
			    const struct alg *a)
{
	char q[QUOTE_MAX + 8];

	if (a->type == IKE_TT_ENCR && pr->n_encr &&
	    a->aead != cp_prop_is_aead(pr)) {
		cp_err(p, "encryption '%s' mixes AEAD and non-AEAD algorithms "
		       "in proposal %s (use a proposal for each)", a->conf,
		       cp_quote(pr->name, q, sizeof(q)));
		return false;
	}
	if ((a->type == IKE_TT_ENCR && a->aead && pr->n_integ) ||
	    (a->type == IKE_TT_INTEG && cp_prop_is_aead(pr))) {
		cp_err(p, "proposal %s: an AEAD encryption takes no integrity "
		       "(remove 'integrity', keep 'prf')",
		       cp_quote(pr->name, q, sizeof(q)));
		return false;
	}
	return true;
}

static void prop_add(struct pctx *p, struct conf_proposal *pr, uint8_t type,
		     const char *word)
{
	char lw[32], choices[200];
	const struct alg *a;
	unsigned int *n, i;
	uint16_t *ids;

	a = alg_by_conf(type, cp_lower(word, lw, sizeof(lw)));
	if (!a) {
		cp_bad_value(p, type_words[type], word,
			     alg_choices(type, choices, sizeof(choices)));
		return;
	}
	if (!prop_compatible(p, pr, a))
		return;
	ids = cp_prop_ids(pr, type, &n);
	for (i = 0; i < *n; i++)
		if (ids[i] == a->id &&
		    (type != IKE_TT_ENCR || pr->encr_bits[i] == a->keybits))
			return;
	if (*n >= CONF_MAX_ALGS) {
		cp_err(p, "too many %s algorithms (at most %d)",
		       type_words[type], CONF_MAX_ALGS);
		return;
	}
	if (type == IKE_TT_ENCR)
		pr->encr_bits[*n] = a->keybits;
	ids[(*n)++] = a->id;
}

void cp_proposal_line(struct pctx *p, const struct line *l)
{
	struct conf_proposal *pr = &p->c->proposals[p->idx];
	uint8_t type;
	unsigned int i;

	if (is(l, 0, "encryption"))
		type = IKE_TT_ENCR;
	else if (is(l, 0, "integrity"))
		type = IKE_TT_INTEG;
	else if (is(l, 0, "prf"))
		type = IKE_TT_PRF;
	else if (is(l, 0, "group"))
		type = IKE_TT_DH;
	else
		return cp_unknown(p, l, 0);
	if (!cp_need(p, l, 1, "at least one algorithm"))
		return;
	for (i = 1; i < l->n; i++)
		prop_add(p, pr, type, l->w[i]);
}

/* ---- crypto ikev2 policy ---- */

/* "match fvrf any": flexsec has the global table only. */
static bool fvrf_any(struct pctx *p, const struct line *l)
{
	if (!cp_need(p, l, 2, "'any'"))
		return false;
	if (!is(l, 2, "any")) {
		cp_bad_value(p, "fvrf", l->w[2], "any (flexsec has no VRFs)");
		return false;
	}
	return cp_no_more(p, l, 3);
}

void cp_policy_line(struct pctx *p, const struct line *l)
{
	struct conf_policy *po = &p->c->policies[p->idx];
	struct conf_addr a;
	unsigned int i;

	if (is(l, 0, "proposal")) {
		if (!cp_need(p, l, 1, "a proposal name"))
			return;
		for (i = 1; i < l->n; i++) {
			char name[CONF_NAME];

			if (cp_name_arg(p, l, i, name, "proposal name") &&
			    cp_list_add(p, po->proposals, &po->n_proposals,
					name, "proposals"))
				cp_add_ref(p, REF_PROPOSAL, name);
		}
	} else if (is(l, 0, "match") && is(l, 1, "fvrf")) {
		if (fvrf_any(p, l))
			po->match_fvrf_any = true;
	} else if (is(l, 0, "match") && is(l, 1, "address") &&
		   is(l, 2, "local")) {
		if (!cp_need(p, l, 3, "an address"))
			return;
		for (i = 3; i < l->n; i++) {
			if (!cp_parse_ip(l->w[i], &a)) {
				cp_bad_value(p, "address", l->w[i], NULL);
				return;
			}
			if (po->n_local >= CONF_MAX_LIST) {
				cp_err(p, "too many local addresses (at most "
				       "%d)", CONF_MAX_LIST);
				return;
			}
			po->local[po->n_local++] = a;
		}
	} else {
		cp_unknown(p, l, is(l, 0, "match") && l->n > 1 ? 1 : 0);
	}
}

/* ---- crypto ikev2 profile ---- */

static bool auth_word(const char *w, bool remote, enum conf_auth *out)
{
	if (!strcasecmp(w, "pre-share"))
		*out = CONF_AUTH_PSK;
	else if (!strcasecmp(w, "rsa-sig"))
		*out = CONF_AUTH_RSA;
	else if (!strcasecmp(w, "ecdsa-sig"))
		*out = CONF_AUTH_ECDSA;
	else if (remote && !strcasecmp(w, "eap"))
		*out = CONF_AUTH_EAP;
	else
		return false;
	return true;
}

/* The options "eap" may take; flexsec reads and ignores them. */
static bool eap_options(struct pctx *p, const struct line *l, unsigned int i)
{
	uint32_t t;

	for (; i < l->n; i++) {
		if (is(l, i, "timeout")) {
			if (!cp_num(p, l, ++i, "eap timeout", 45, 180, &t))
				return false;
		} else if (!is(l, i, "query-identity") && !is(l, i, "gtc") &&
			   !is(l, i, "md5") && !is(l, i, "mschapv2")) {
			cp_bad_value(p, "eap option", l->w[i],
				     "query-identity|timeout N|gtc|md5|"
				     "mschapv2");
			return false;
		}
	}
	return true;
}

static void auth_line(struct pctx *p, const struct line *l,
		      struct conf_profile *pf)
{
	bool remote = is(l, 1, "remote");
	enum conf_auth a;
	unsigned int i;

	if (!remote && !is(l, 1, "local")) {
		if (cp_need(p, l, 1, "local or remote"))
			cp_bad_value(p, "authentication side", l->w[1],
				     "local|remote");
		return;
	}
	if (!cp_need(p, l, 2, "a method"))
		return;
	if (!auth_word(l->w[2], remote, &a)) {
		cp_bad_value(p, "authentication method", l->w[2],
			     remote ? "pre-share|rsa-sig|ecdsa-sig|eap" :
				   "pre-share|rsa-sig|ecdsa-sig");
		return;
	}
	if (a == CONF_AUTH_EAP ? !eap_options(p, l, 3) : !cp_no_more(p, l, 3))
		return;
	if (!remote) {
		pf->auth_local = a;
		return;
	}
	for (i = 0; i < pf->n_auth_remote; i++)
		if (pf->auth_remote[i] == a)
			return;
	if (pf->n_auth_remote >= ARRAY_SIZE(pf->auth_remote)) {
		cp_err(p, "too many remote authentication methods (at most "
		       "%zu)", ARRAY_SIZE(pf->auth_remote));
		return;
	}
	pf->auth_remote[pf->n_auth_remote++] = a;
}

bool cp_dpd_args(struct pctx *p, const struct line *l, unsigned int i,
		 uint32_t *interval, uint32_t *retry,
		 enum conf_dpd_mode *mode)
{
	uint32_t iv, rt;

	if (!cp_num(p, l, i, "dpd interval", 10, 3600, &iv) ||
	    !cp_num(p, l, i + 1, "dpd retry", 2, 60, &rt) ||
	    !cp_need(p, l, i + 2, "on-demand or periodic"))
		return false;
	if (is(l, i + 2, "on-demand")) {
		*mode = CONF_DPD_ON_DEMAND;
	} else if (is(l, i + 2, "periodic")) {
		*mode = CONF_DPD_PERIODIC;
	} else {
		cp_bad_value(p, "dpd mode", l->w[i + 2], "on-demand|periodic");
		return false;
	}
	if (!cp_no_more(p, l, i + 3))
		return false;
	*interval = iv;
	*retry = rt;
	return true;
}

static void match_id_line(struct pctx *p, const struct line *l,
			  struct conf_profile *pf)
{
	bool remote = is(l, 2, "remote");
	struct conf_id id;
	struct conf_id *list = remote ? pf->match_remote : pf->match_local;
	unsigned int *n = remote ? &pf->n_match_remote : &pf->n_match_local;

	if (!remote && !is(l, 2, "local")) {
		if (cp_need(p, l, 2, "local or remote"))
			cp_bad_value(p, "match identity side", l->w[2],
				     "local|remote");
		return;
	}
	if (remote && is(l, 3, "any")) {
		if (cp_no_more(p, l, 4))
			pf->match_any = true;
		return;
	}
	if (!cp_id_arg(p, l, 3, &id, true, true))
		return;
	if (id.type == CONF_ID_DN && !id.value[0]) {
		cp_err(p, "match identity %s dn needs the name",
		       remote ? "remote" : "local");
		return;
	}
	if (*n >= CONF_MAX_LIST) {
		cp_err(p, "too many match identity statements (at most %d)",
		       CONF_MAX_LIST);
		return;
	}
	list[(*n)++] = id;
}

/* "virtual-template N [mode auto]": a Virtual-Access per peer. */
static void vt_line(struct pctx *p, const struct line *l,
		    struct conf_profile *pf)
{
	char num[12];

	if (!cp_num(p, l, 1, "virtual template", 1, 1000,
		    &pf->virtual_template))
		return;
	if (is(l, 2, "mode")) {
		cp_err(p, "'virtual-template %u mode auto' is not supported: "
		       "the template's tunnel mode is used", pf->virtual_template);
		pf->virtual_template = 0;
		return;
	}
	if (!cp_no_more(p, l, 2))
		return;
	snprintf(num, sizeof(num), "%u", pf->virtual_template);
	cp_add_ref(p, REF_TEMPLATE, num);
}

void cp_profile_line(struct pctx *p, const struct line *l)
{
	struct conf_profile *pf = &p->c->profiles[p->idx];
	struct conf_id id;

	if (is(l, 0, "match") && is(l, 1, "identity")) {
		match_id_line(p, l, pf);
	} else if (is(l, 0, "match") && is(l, 1, "fvrf")) {
		fvrf_any(p, l);
	} else if (is(l, 0, "identity") && is(l, 1, "local")) {
		if (cp_id_arg(p, l, 2, &id, false, true))
			pf->identity_local = id;
	} else if (is(l, 0, "authentication")) {
		auth_line(p, l, pf);
	} else if (is(l, 0, "keyring")) {
		if (!cp_need(p, l, 1, "'local NAME'"))
			return;
		if (!is(l, 1, "local")) {
			cp_bad_value(p, "keyring source", l->w[1],
				     "local (flexsec has no AAA keyrings)");
			return;
		}
		if (cp_name_arg(p, l, 2, pf->keyring, "keyring name") &&
		    cp_no_more(p, l, 3))
			cp_add_ref(p, REF_KEYRING, pf->keyring);
	} else if (is(l, 0, "lifetime")) {
		if (cp_num(p, l, 1, "lifetime", conf_lifetime_min, 86400, &pf->lifetime))
			cp_no_more(p, l, 2);
	} else if (is(l, 0, "reauthentication")) {
		if (cp_num(p, l, 1, "reauthentication", conf_lifetime_min,
			   86400 * 7, &pf->reauth))
			cp_no_more(p, l, 2);
	} else if (is(l, 0, "no") && is(l, 1, "reauthentication")) {
		pf->reauth = 0;
	} else if (is(l, 0, "dpd")) {
		cp_dpd_args(p, l, 1, &pf->dpd_interval, &pf->dpd_retry,
			    &pf->dpd_mode);
	} else if (is(l, 0, "nat") && is(l, 1, "keepalive")) {
		if (cp_num(p, l, 2, "nat keepalive", 5, 3600, &pf->nat_keepalive))
			cp_no_more(p, l, 3);
	} else if (is(l, 0, "nat") && is(l, 1, "force-encap")) {
		if (cp_no_more(p, l, 2))
			pf->nat_force_encap = true;
	} else if (is(l, 0, "description")) {
		cp_desc_arg(p, l, 1, pf->description, sizeof(pf->description));
	} else if (is(l, 0, "no") && is(l, 1, "description")) {
		pf->description[0] = '\0';
	} else if (is(l, 0, "aaa") && is(l, 1, "authorization")) {
		cp_profile_authz(p, l, pf);
	} else if (is(l, 0, "virtual-template")) {
		vt_line(p, l, pf);
	} else if (is(l, 0, "no") && is(l, 1, "virtual-template")) {
		pf->virtual_template = 0;
	} else {
		cp_unknown(p, l, is(l, 0, "match") && l->n > 1 ? 1 : 0);
	}
}
