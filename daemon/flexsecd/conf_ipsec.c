// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec.conf: the IPsec blocks "crypto ipsec transform-set NAME
 * TRANSFORM..." (ESP algorithms, mode) and "crypto ipsec profile"
 * (transform sets, IKEv2 profile, PFS, SA lifetime and replay window),
 * and the lifetime and replay options the global lines share with them.
 */

#include <ctype.h>
#include <string.h>

#include "algs.h"
#include "conf_int.h"
#include "ike_proto.h"

/* ---- crypto ipsec transform-set ---- */

static bool esp_is_aead(uint16_t id, uint16_t bits)
{
	const struct alg *a = alg_find(IKE_TT_ENCR, id, bits);

	return a && a->aead;
}

/* The transforms from word I on into TS; false after an error. */
static bool tset_transforms(struct pctx *p, const struct line *l,
			    unsigned int i, struct conf_transform_set *ts)
{
	bool has_encr = false, has_integ = false;
	const struct esp_alg *e;
	char lw[32];
	uint32_t bits;

	if (!cp_need(p, l, i, "at least one transform"))
		return false;
	for (; i < l->n; i++) {
		e = esp_alg_by_conf(cp_lower(l->w[i], lw, sizeof(lw)));
		if (!e) {
			cp_bad_value(p, "transform", l->w[i],
				     "esp-aes [128|192|256]|esp-gcm [128|256]|"
				     "esp-chacha20-poly1305|esp-sha-hmac|"
				     "esp-sha256-hmac|esp-sha384-hmac|"
				     "esp-sha512-hmac");
			return false;
		}
		if (e->type == IKE_TT_INTEG) {
			if (has_integ) {
				cp_err(p, "transform '%s': only one integrity "
				       "transform per set", e->conf);
				return false;
			}
			has_integ = true;
			ts->integ = e->id;
			continue;
		}
		if (has_encr) {
			cp_err(p, "transform '%s': only one encryption "
			       "transform per set", e->conf);
			return false;
		}
		has_encr = true;
		bits = e->default_bits;
		if (e->takes_bits && i + 1 < l->n &&
		    isdigit((unsigned char)l->w[i + 1][0])) {
			i++;
			if (!cp_parse_u32(l->w[i], 1, 65535, &bits) ||
			    !esp_kernel_name(IKE_TT_ENCR, e->id,
					     (uint16_t)bits)) {
				cp_bad_value(p, "key size", l->w[i],
					     e->id == IKE_ENCR_AES_CBC ?
					     "128|192|256" : "128|256");
				return false;
			}
		}
		ts->encr = e->id;
		ts->encr_bits = (uint16_t)bits;
	}
	if (!has_encr) {
		cp_err(p, "transform-set %s has no encryption transform",
		       ts->name);
		return false;
	}
	if (esp_is_aead(ts->encr, ts->encr_bits) && has_integ) {
		cp_err(p, "transform-set %s: an AEAD transform (esp-gcm, "
		       "esp-chacha20-poly1305) stands alone, without an "
		       "integrity transform", ts->name);
		return false;
	}
	if (!esp_is_aead(ts->encr, ts->encr_bits) && !has_integ) {
		cp_err(p, "transform-set %s: esp-aes needs an integrity "
		       "transform (esp-sha256-hmac...)", ts->name);
		return false;
	}
	return true;
}

void cp_tset_line(struct pctx *p, const struct line *l)
{
	struct conf_transform_set *ts = &p->c->tsets[p->idx];

	if (!is(l, 0, "mode"))
		return cp_unknown(p, l, 0);
	if (!cp_need(p, l, 1, "tunnel or transport"))
		return;
	if (is(l, 1, "tunnel")) {
		if (cp_no_more(p, l, 2))
			ts->mode = CONF_MODE_TUNNEL;
	} else if (is(l, 1, "transport")) {
		if (cp_no_more(p, l, is(l, 2, "require") ? 3 : 2))
			ts->mode = CONF_MODE_TRANSPORT;
	} else {
		cp_bad_value(p, "mode", l->w[1], "tunnel|transport");
	}
}

/* "crypto ipsec transform-set NAME TRANSFORM...": the name at word 3. */
void cp_open_tset(struct pctx *p, const struct line *l)
{
	struct conf_transform_set *ts, tmp;
	struct conf *c = p->c;

	memset(&tmp, 0, sizeof(tmp));
	if (!cp_name_arg(p, l, 3, tmp.name, "name") ||
	    !tset_transforms(p, l, 4, &tmp)) {
		p->blk = BLK_SKIP;
		return;
	}
	ts = cp_open_named(p, BLK_TSET, (void **)&c->tsets, &c->n_tsets,
			   sizeof(*c->tsets), tmp.name);
	if (!ts) {
		p->blk = BLK_SKIP;
		return;
	}
	ts->encr = tmp.encr;
	ts->encr_bits = tmp.encr_bits;
	ts->integ = tmp.integ;
}

/* ---- crypto ipsec profile ---- */

/* "group14" (set pfs) or "14" (proposal): the group's ID, 0 if none. */
static uint16_t group_word(const char *w)
{
	const struct alg *a;

	if (!strncasecmp(w, "group", 5))
		w += 5;
	a = alg_by_conf(IKE_TT_DH, w);
	return a ? a->id : 0;
}

void cp_sa_lifetime(struct pctx *p, const struct line *l, unsigned int i,
		    uint64_t *kb, uint32_t *sec, bool days_ok)
{
	uint32_t v;

	if (!cp_need(p, l, i, days_ok ? "kilobytes N, seconds N or days N" :
				     "kilobytes N or seconds N"))
		return;
	if (is(l, i, "kilobytes")) {
		if (cp_num(p, l, i + 1, "lifetime kilobytes", 2560, UINT32_MAX,
			   &v) && cp_no_more(p, l, i + 2))
			*kb = v;
	} else if (is(l, i, "seconds")) {
		if (cp_num(p, l, i + 1, "lifetime seconds", conf_lifetime_min, 86400, &v) &&
		    cp_no_more(p, l, i + 2))
			*sec = v;
	} else if (days_ok && is(l, i, "days")) {
		if (cp_num(p, l, i + 1, "lifetime days", 1, 30, &v) &&
		    cp_no_more(p, l, i + 2))
			*sec = v * 86400;
	} else {
		cp_bad_value(p, "lifetime unit", l->w[i],
			     days_ok ? "kilobytes|seconds|days" :
				    "kilobytes|seconds");
	}
}

void cp_sa_replay(struct pctx *p, const struct line *l, unsigned int i,
		  uint32_t *window)
{
	uint32_t v;

	if (!cp_need(p, l, i, "window-size N or disable"))
		return;
	if (is(l, i, "disable")) {
		if (cp_no_more(p, l, i + 1))
			*window = 0;
		return;
	}
	if (!is(l, i, "window-size")) {
		cp_bad_value(p, "replay option", l->w[i],
			     "window-size|disable");
		return;
	}
	if (!cp_need(p, l, i + 1, "a window size"))
		return;
	if (!cp_parse_u32(l->w[i + 1], 64, 1024, &v) || (v & (v - 1))) {
		cp_bad_value(p, "replay window-size", l->w[i + 1],
			     "64|128|256|512|1024");
		return;
	}
	if (cp_no_more(p, l, i + 2))
		*window = v;
}

static void ipsec_set_line(struct pctx *p, const struct line *l,
			   struct conf_ipsec_profile *ip)
{
	char name[CONF_NAME];
	unsigned int i;

	if (is(l, 1, "transform-set")) {
		if (!cp_need(p, l, 2, "a transform-set name"))
			return;
		ip->n_tsets = 0;
		for (i = 2; i < l->n; i++)
			if (cp_name_arg(p, l, i, name, "transform-set name") &&
			    cp_list_add(p, ip->tsets, &ip->n_tsets, name,
					"transform sets"))
				cp_add_ref(p, REF_TSET, name);
	} else if (is(l, 1, "ikev2-profile")) {
		if (cp_name_arg(p, l, 2, ip->ikev2_profile,
				"IKEv2 profile name") && cp_no_more(p, l, 3))
			cp_add_ref(p, REF_PROFILE, ip->ikev2_profile);
	} else if (is(l, 1, "pfs")) {
		uint16_t g;

		if (!cp_need(p, l, 2, "a group (group14, group19...)"))
			return;
		g = group_word(l->w[2]);
		if (!g || strncasecmp(l->w[2], "group", 5))
			cp_bad_value(p, "pfs group", l->w[2],
				     "group14|group15|group16|group19|group20|"
				     "group21|group31");
		else if (cp_no_more(p, l, 3))
			ip->pfs_group = g;
	} else if (is(l, 1, "security-association") && is(l, 2, "lifetime")) {
		cp_sa_lifetime(p, l, 3, &ip->lifetime_kb, &ip->lifetime_sec,
			       true);
	} else if (is(l, 1, "security-association") && is(l, 2, "replay")) {
		cp_sa_replay(p, l, 3, &ip->replay_window);
	} else {
		cp_unknown(p, l, l->n > 1 ? 1 : 0);
	}
}

void cp_ipsec_line(struct pctx *p, const struct line *l)
{
	struct conf_ipsec_profile *ip = &p->c->ipsec_profiles[p->idx];

	if (is(l, 0, "set")) {
		ipsec_set_line(p, l, ip);
	} else if (is(l, 0, "responder-only")) {
		if (cp_no_more(p, l, 1))
			ip->responder_only = true;
	} else if (is(l, 0, "description")) {
		cp_desc_arg(p, l, 1, ip->description, sizeof(ip->description));
	} else if (is(l, 0, "no") && is(l, 1, "description")) {
		ip->description[0] = '\0';
	} else if (is(l, 0, "no") && is(l, 1, "responder-only")) {
		ip->responder_only = false;
	} else {
		cp_unknown(p, l, 0);
	}
}
