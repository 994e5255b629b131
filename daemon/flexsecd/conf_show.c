// SPDX-License-Identifier: GPL-2.0
/*
 * "show crypto ikev2 proposal|policy|profile" and "show crypto ipsec
 * transform-set|profile": the configuration as IOS shows it, or as JSON.
 */

#include <arpa/inet.h>
#include <string.h>

#include <json-c/json.h>

#include "algs.h"
#include "authz.h"
#include "conf_show.h"
#include "ike_proto.h"

/* ---- common ---- */

bool conf_show_wanted(const char *name, const char *want)
{
	return !want || !*want || !strcmp(name, want);
}

/* The end of a show: the "no such" message when NAME matched nothing. */
int conf_show_finish(FILE *out, const char *what, const char *want,
		     unsigned int shown, bool json, struct json_object *arr)
{
	struct json_object *jo;
	char msg[160];

	if (!shown && want && *want) {
		snprintf(msg, sizeof(msg), "no such %s: %s", what, want);
		if (json) {
			jo = json_object_new_object();
			json_object_object_add(jo, "error",
					       json_object_new_string(msg));
			fprintf(out, "%s\n", json_object_to_json_string_ext(
					jo, JSON_C_TO_STRING_PLAIN));
			json_object_put(jo);
		} else {
			fprintf(out, "%% %s\n", msg);
		}
		json_object_put(arr);
		return -1;
	}
	if (json)
		fprintf(out, "%s\n", json_object_to_json_string_ext(
				arr, JSON_C_TO_STRING_PLAIN));
	json_object_put(arr);
	return 0;
}

static void add_str(struct json_object *o, const char *key, const char *s)
{
	json_object_object_add(o, key, s ? json_object_new_string(s) : NULL);
}

static void add_int(struct json_object *o, const char *key, int64_t v)
{
	json_object_object_add(o, key, json_object_new_int64(v));
}

static void add_bool(struct json_object *o, const char *key, bool v)
{
	json_object_object_add(o, key, json_object_new_boolean(v));
}

/* {"name", "is_default", "line"}: what every object starts with. */
static struct json_object *j_head(const char *name, bool is_default,
				  int line)
{
	struct json_object *o = json_object_new_object();

	add_str(o, "name", name);
	add_bool(o, "is_default", is_default);
	add_int(o, "line", line);
	return o;
}

static const char *alg_show(uint8_t type, uint16_t id, uint16_t bits)
{
	const struct alg *a = alg_find(type, id, bits);

	return a ? a->show : "UNKNOWN";
}

/* IOS prints an IPv4 identity with its mask: "192.0.2.0 255.255.255.0". */
static const char *id_show(const struct conf_id *id, char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN], m[INET_ADDRSTRLEN];
	struct in_addr mask;
	uint32_t bits;

	if (id->type != CONF_ID_ADDRESS || id->addr.family != AF_INET)
		return conf_id_str(id, buf, len);
	bits = id->addr.plen ? ~0u << (32 - id->addr.plen) : 0;
	mask.s_addr = htonl(bits);
	inet_ntop(AF_INET, id->addr.a, a, sizeof(a));
	inet_ntop(AF_INET, &mask, m, sizeof(m));
	snprintf(buf, len, "address %s %s", a, m);
	return buf;
}

static const char *id_show_any(const struct conf_id *id, char *buf,
			       size_t len)
{
	if (id->type == CONF_ID_ADDRESS && id->addr.family == AF_INET6) {
		char a[INET6_ADDRSTRLEN + 8];

		snprintf(buf, len, "address %s",
			 conf_addr_str(&id->addr, a, sizeof(a)));
		return buf;
	}
	return id_show(id, buf, len);
}

/* ---- show crypto ikev2 proposal ---- */

static void proposal_text(FILE *out, const struct conf_proposal *pr)
{
	unsigned int i;

	fprintf(out, " IKEv2 proposal: %s\n     Encryption :", pr->name);
	for (i = 0; i < pr->n_encr; i++)
		fprintf(out, " %s", alg_show(IKE_TT_ENCR, pr->encr[i],
					     pr->encr_bits[i]));
	fprintf(out, "\n     Integrity  :");
	for (i = 0; i < pr->n_integ; i++)
		fprintf(out, " %s", alg_show(IKE_TT_INTEG, pr->integ[i], 0));
	if (!pr->n_integ)
		fprintf(out, " none");
	fprintf(out, "\n     PRF        :");
	for (i = 0; i < pr->n_prf; i++)
		fprintf(out, " %s", alg_show(IKE_TT_PRF, pr->prf[i], 0));
	fprintf(out, "\n     DH Group   :");
	for (i = 0; i < pr->n_group; i++)
		fprintf(out, " %s", dh_show(pr->group[i]));
	fprintf(out, "\n\n");
}

static struct json_object *alg_array(uint8_t type, const uint16_t *ids,
				     const uint16_t *bits, unsigned int n)
{
	struct json_object *a = json_object_new_array();
	unsigned int i;

	for (i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_string(
			alg_show(type, ids[i], bits ? bits[i] : 0)));
	return a;
}

static struct json_object *proposal_json(const struct conf_proposal *pr)
{
	struct json_object *o = j_head(pr->name, pr->is_default, pr->line);
	struct json_object *g = json_object_new_array();
	struct json_object *gn = json_object_new_array();
	unsigned int i;

	json_object_object_add(o, "encryption",
			       alg_array(IKE_TT_ENCR, pr->encr, pr->encr_bits,
					 pr->n_encr));
	json_object_object_add(o, "integrity",
			       alg_array(IKE_TT_INTEG, pr->integ, NULL,
					 pr->n_integ));
	json_object_object_add(o, "prf",
			       alg_array(IKE_TT_PRF, pr->prf, NULL, pr->n_prf));
	for (i = 0; i < pr->n_group; i++) {
		json_object_array_add(g, json_object_new_int(pr->group[i]));
		json_object_array_add(gn, json_object_new_string(
			dh_show(pr->group[i])));
	}
	json_object_object_add(o, "dh_groups", g);
	json_object_object_add(o, "dh_group_names", gn);
	return o;
}

int conf_show_ikev2_proposal(FILE *out, const struct conf *c,
			     const char *name_or_null, bool json)
{
	struct json_object *arr = json_object_new_array();
	const struct conf_proposal *pr;
	unsigned int i, shown = 0;

	for (i = 0; c && i < c->n_proposals; i++) {
		pr = &c->proposals[i];
		if (!conf_show_wanted(pr->name, name_or_null))
			continue;
		shown++;
		if (json)
			json_object_array_add(arr, proposal_json(pr));
		else
			proposal_text(out, pr);
	}
	return conf_show_finish(out, "ikev2 proposal", name_or_null, shown,
				json, arr);
}

/* ---- show crypto ikev2 policy ---- */

static void policy_text(FILE *out, const struct conf_policy *po)
{
	char a[INET6_ADDRSTRLEN + 8];
	unsigned int i;

	fprintf(out, "IKEv2 policy : %s\n      Match fvrf : %s\n", po->name,
		po->match_fvrf_any ? "any" : "global");
	for (i = 0; i < po->n_local; i++)
		fprintf(out, "      Match address local : %s\n",
			conf_addr_str(&po->local[i], a, sizeof(a)));
	if (!po->n_local)
		fprintf(out, "      Match address local : any\n");
	for (i = 0; i < po->n_proposals; i++)
		fprintf(out, "      Proposal    : %s\n", po->proposals[i]);
	fprintf(out, "\n");
}

static struct json_object *policy_json(const struct conf_policy *po)
{
	struct json_object *o = j_head(po->name, po->is_default, po->line);
	struct json_object *la = json_object_new_array();
	struct json_object *pa = json_object_new_array();
	char a[INET6_ADDRSTRLEN + 8];
	unsigned int i;

	add_str(o, "match_fvrf", po->match_fvrf_any ? "any" : "global");
	for (i = 0; i < po->n_local; i++)
		json_object_array_add(la, json_object_new_string(
			conf_addr_str(&po->local[i], a, sizeof(a))));
	json_object_object_add(o, "match_address_local", la);
	for (i = 0; i < po->n_proposals; i++)
		json_object_array_add(pa, json_object_new_string(
			po->proposals[i]));
	json_object_object_add(o, "proposals", pa);
	return o;
}

int conf_show_ikev2_policy(FILE *out, const struct conf *c,
			   const char *name_or_null, bool json)
{
	struct json_object *arr = json_object_new_array();
	const struct conf_policy *po;
	unsigned int i, shown = 0;

	for (i = 0; c && i < c->n_policies; i++) {
		po = &c->policies[i];
		if (!conf_show_wanted(po->name, name_or_null))
			continue;
		shown++;
		if (json)
			json_object_array_add(arr, policy_json(po));
		else
			policy_text(out, po);
	}
	return conf_show_finish(out, "ikev2 policy", name_or_null, shown,
				json, arr);
}

/* ---- show crypto ikev2 profile ---- */

static const char *auth_show(enum conf_auth a)
{
	switch (a) {
	case CONF_AUTH_PSK:
		return "pre-share";
	case CONF_AUTH_RSA:
		return "rsa-sig";
	case CONF_AUTH_ECDSA:
		return "ecdsa-sig";
	case CONF_AUTH_EAP:
		return "eap";
	default:
		return "none";
	}
}

/* The local identity; "none" when it is the default (the address). */
static const char *local_id_show(const struct conf_profile *pf, char *buf,
				 size_t len)
{
	const struct conf_id *id = &pf->identity_local;

	if (id->type == CONF_ID_NONE ||
	    (id->type == CONF_ID_ADDRESS && !id->addr.family))
		return NULL;
	return id_show_any(id, buf, len);
}

static void profile_ids_text(FILE *out, const char *title,
			     const struct conf_id *ids, unsigned int n,
			     bool any)
{
	char b[300];
	unsigned int i;

	fprintf(out, "  %s:%s\n", title, n || any ? "" : " none");
	for (i = 0; i < n; i++)
		fprintf(out, "   %s\n", id_show_any(&ids[i], b, sizeof(b)));
	if (any)
		fprintf(out, "   any\n");
}

static void dpd_text(FILE *out, const struct conf_profile *pf)
{
	if (!pf->dpd_interval) {
		fprintf(out, " DPD: disabled\n");
		return;
	}
	fprintf(out, " DPD: interval %u, retry %u, %s\n", pf->dpd_interval,
		pf->dpd_retry, pf->dpd_mode == CONF_DPD_ON_DEMAND ?
		"on-demand" : "periodic");
}

/* "AAA group authorization: psk list FLEX SPOKES" and the like. */
static void authz_text(FILE *out, const struct conf_profile *pf)
{
	static const char *const meth[] = { "psk", "cert", "eap" };
	const struct authz_bind *b;
	unsigned int m, g;

	for (m = 0; pf->authz && m < AUTHZ_N_METHODS; m++)
		for (g = 0; g < 2; g++) {
			b = g ? &pf->authz->user[m] : &pf->authz->group[m];
			if (!b->on)
				continue;
			fprintf(out, " AAA %s authorization: %s%s list %s %s%s\n",
				g ? "user" : "group",
				!g && pf->authz->override[m] ? "override " : "",
				meth[m], b->list[0] ? b->list : "-",
				b->mangler[0] ? "name-mangler " : "",
				b->mangler[0] ? b->mangler :
				b->name[0] ? b->name : g ? "(identity)" : "default");
		}
}

static void profile_text(FILE *out, const struct conf_profile *pf)
{
	const char *lid;
	char b[300];
	unsigned int i;

	fprintf(out, "IKEv2 profile: %s\n", pf->name);
	if (pf->description[0])
		fprintf(out, " Description: %s\n", pf->description);
	fprintf(out, " Match criteria:\n  Fvrf: global\n"
		"  Local address/interface: none\n");
	profile_ids_text(out, "Identities", pf->match_remote,
			 pf->n_match_remote, pf->match_any);
	if (pf->n_match_local)
		profile_ids_text(out, "Local identities", pf->match_local,
				 pf->n_match_local, false);
	lid = local_id_show(pf, b, sizeof(b));
	fprintf(out, "  Certificate maps: none\n Local identity: %s\n"
		" Remote identity: none\n Local authentication method: %s\n"
		" Remote authentication method(s):", lid ? lid : "none",
		auth_show(pf->auth_local));
	for (i = 0; i < pf->n_auth_remote; i++)
		fprintf(out, " %s", auth_show(pf->auth_remote[i]));
	fprintf(out, "%s\n EAP options: none\n Keyring: %s\n"
		" Trustpoint(s): none\n Lifetime: %u seconds\n",
		pf->n_auth_remote ? "" : " none",
		pf->keyring[0] ? pf->keyring : "none", pf->lifetime);
	if (pf->reauth)
		fprintf(out, " Reauthentication: %u seconds\n", pf->reauth);
	else
		fputs(" Reauthentication: none\n", out);
	dpd_text(out, pf);
	if (pf->nat_keepalive)
		fprintf(out, " NAT-keepalive: %u seconds\n", pf->nat_keepalive);
	else
		fputs(" NAT-keepalive: disabled\n", out);
	if (pf->nat_force_encap)
		fputs(" NAT force-encap: yes\n", out);
	fputs(" Ivrf: none\n", out);
	if (pf->virtual_template)
		fprintf(out, " Virtual-template: %u\n", pf->virtual_template);
	else
		fputs(" Virtual-template: none\n", out);
	authz_text(out, pf);
	fputs("\n", out);
}

static struct json_object *ids_json(const struct conf_id *ids,
				    unsigned int n)
{
	struct json_object *a = json_object_new_array();
	char b[300];
	unsigned int i;

	for (i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_string(
			conf_id_str(&ids[i], b, sizeof(b))));
	return a;
}

static struct json_object *profile_json(const struct conf_profile *pf)
{
	struct json_object *o = j_head(pf->name, false, pf->line);
	struct json_object *ar = json_object_new_array(), *dpd = NULL;
	char b[300];
	unsigned int i;

	add_str(o, "description", pf->description[0] ? pf->description :
						       NULL);
	add_str(o, "match_fvrf", "global");
	json_object_object_add(o, "match_identity_remote",
			       ids_json(pf->match_remote, pf->n_match_remote));
	json_object_object_add(o, "match_identity_local",
			       ids_json(pf->match_local, pf->n_match_local));
	add_bool(o, "match_any", pf->match_any);
	add_str(o, "identity_local",
		local_id_show(pf, b, sizeof(b)) ?
		conf_id_str(&pf->identity_local, b, sizeof(b)) : "address");
	add_str(o, "authentication_local", auth_show(pf->auth_local));
	for (i = 0; i < pf->n_auth_remote; i++)
		json_object_array_add(ar, json_object_new_string(
			auth_show(pf->auth_remote[i])));
	json_object_object_add(o, "authentication_remote", ar);
	add_str(o, "keyring", pf->keyring[0] ? pf->keyring : NULL);
	add_int(o, "lifetime_sec", pf->lifetime);
	add_int(o, "reauthentication_sec", pf->reauth);
	add_int(o, "nat_keepalive_sec", pf->nat_keepalive);
	add_bool(o, "nat_force_encap", pf->nat_force_encap);
	add_int(o, "virtual_template", pf->virtual_template);
	if (pf->dpd_interval) {
		dpd = json_object_new_object();
		add_int(dpd, "interval", pf->dpd_interval);
		add_int(dpd, "retry", pf->dpd_retry);
		add_str(dpd, "mode", pf->dpd_mode == CONF_DPD_ON_DEMAND ?
			"on-demand" : "periodic");
	}
	json_object_object_add(o, "dpd", dpd);
	return o;
}

int conf_show_ikev2_profile(FILE *out, const struct conf *c,
			    const char *name_or_null, bool json)
{
	struct json_object *arr = json_object_new_array();
	const struct conf_profile *pf;
	unsigned int i, shown = 0;

	for (i = 0; c && i < c->n_profiles; i++) {
		pf = &c->profiles[i];
		if (!conf_show_wanted(pf->name, name_or_null))
			continue;
		shown++;
		if (json)
			json_object_array_add(arr, profile_json(pf));
		else
			profile_text(out, pf);
	}
	return conf_show_finish(out, "ikev2 profile", name_or_null, shown,
				json, arr);
}

/* ---- show crypto ipsec transform-set ---- */

/* "esp-aes esp-sha-hmac": the transforms as the set names them. */
static const char *tset_words(const struct conf_transform_set *ts,
			      char *buf, size_t len)
{
	char e[40], i[40];

	esp_alg_show(IKE_TT_ENCR, ts->encr, ts->encr_bits, e, sizeof(e));
	if (ts->integ)
		snprintf(buf, len, "%s %s", e,
			 esp_alg_show(IKE_TT_INTEG, ts->integ, 0, i,
				      sizeof(i)));
	else
		snprintf(buf, len, "%s", e);
	return buf;
}

static void tset_text(FILE *out, const struct conf_transform_set *ts)
{
	char b[96];

	fprintf(out, "Transform set %s: { %s  }\n"
		"   will negotiate = { %s,  },\n\n", ts->name,
		tset_words(ts, b, sizeof(b)),
		ts->mode == CONF_MODE_TRANSPORT ? "Transport" : "Tunnel");
}

static struct json_object *tset_json(const struct conf_transform_set *ts)
{
	struct json_object *o = j_head(ts->name, ts->is_default, ts->line);
	struct json_object *a = json_object_new_array();
	char b[40];

	esp_alg_show(IKE_TT_ENCR, ts->encr, ts->encr_bits, b, sizeof(b));
	json_object_array_add(a, json_object_new_string(b));
	add_str(o, "encryption", b);
	if (ts->integ) {
		esp_alg_show(IKE_TT_INTEG, ts->integ, 0, b, sizeof(b));
		json_object_array_add(a, json_object_new_string(b));
	}
	add_str(o, "integrity", ts->integ ? b : NULL);
	json_object_object_add(o, "transforms", a);
	add_str(o, "mode", ts->mode == CONF_MODE_TRANSPORT ? "transport" :
							     "tunnel");
	return o;
}

int conf_show_ipsec_transform_set(FILE *out, const struct conf *c,
				  const char *name_or_null, bool json)
{
	struct json_object *arr = json_object_new_array();
	const struct conf_transform_set *ts;
	unsigned int i, shown = 0;

	for (i = 0; c && i < c->n_tsets; i++) {
		ts = &c->tsets[i];
		if (!conf_show_wanted(ts->name, name_or_null))
			continue;
		shown++;
		if (json)
			json_object_array_add(arr, tset_json(ts));
		else
			tset_text(out, ts);
	}
	return conf_show_finish(out, "ipsec transform-set", name_or_null, shown,
				json, arr);
}

/* ---- show crypto ipsec profile ---- */

static void ipsec_text(FILE *out, const struct conf_ipsec_profile *ip)
{
	char b[96];
	unsigned int i;

	fprintf(out, "IPSEC profile %s\n", ip->name);
	if (ip->description[0])
		fprintf(out, "     Description: %s\n", ip->description);
	fprintf(out, "     IKEv2 Profile: %s\n"
		"     Security association lifetime: %llu kilobytes/%u "
		"seconds\n     Responder-Only (Y/N): %c\n     PFS (Y/N): %c\n",
		ip->prof ? ip->prof->name : "none",
		(unsigned long long)ip->lifetime_kb, ip->lifetime_sec,
		ip->responder_only ? 'Y' : 'N', ip->pfs_group ? 'Y' : 'N');
	if (ip->pfs_group)
		fprintf(out, "     DH group:  group%u\n", ip->pfs_group);
	fprintf(out, "     Mixed-mode : Disabled\n");
	if (ip->replay_window)
		fprintf(out, "     Replay window size: %u\n",
			ip->replay_window);
	else
		fprintf(out, "     Replay detection: disabled\n");
	fprintf(out, "     Transform sets={\n");
	for (i = 0; i < ip->n_tsets; i++)
		fprintf(out, "          %s:  { %s  } ,\n", ip->tsets[i],
			ip->ts[i] ? tset_words(ip->ts[i], b, sizeof(b)) : "");
	fprintf(out, "     }\n\n");
}

static struct json_object *ipsec_json(const struct conf_ipsec_profile *ip)
{
	struct json_object *o = j_head(ip->name, ip->is_default, ip->line);
	struct json_object *a = json_object_new_array(), *t;
	unsigned int i;

	add_str(o, "description", ip->description[0] ? ip->description :
						       NULL);
	add_str(o, "ikev2_profile", ip->prof ? ip->prof->name : NULL);
	json_object_object_add(o, "lifetime_kb",
			       json_object_new_uint64(ip->lifetime_kb));
	add_int(o, "lifetime_sec", ip->lifetime_sec);
	add_bool(o, "responder_only", ip->responder_only);
	add_bool(o, "pfs", ip->pfs_group != 0);
	json_object_object_add(o, "pfs_group", ip->pfs_group ?
			       json_object_new_int(ip->pfs_group) : NULL);
	add_int(o, "replay_window", ip->replay_window);
	for (i = 0; i < ip->n_tsets; i++) {
		t = ip->ts[i] ? tset_json(ip->ts[i]) :
				j_head(ip->tsets[i], false, 0);
		json_object_array_add(a, t);
	}
	json_object_object_add(o, "transform_sets", a);
	return o;
}

int conf_show_ipsec_profile(FILE *out, const struct conf *c,
			    const char *name_or_null, bool json)
{
	struct json_object *arr = json_object_new_array();
	const struct conf_ipsec_profile *ip;
	unsigned int i, shown = 0;

	for (i = 0; c && i < c->n_ipsec_profiles; i++) {
		ip = &c->ipsec_profiles[i];
		if (!conf_show_wanted(ip->name, name_or_null))
			continue;
		shown++;
		if (json)
			json_object_array_add(arr, ipsec_json(ip));
		else
			ipsec_text(out, ip);
	}
	return conf_show_finish(out, "ipsec profile", name_or_null, shown,
				json, arr);
}
