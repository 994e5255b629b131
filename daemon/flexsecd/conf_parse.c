// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec.conf, line by line. A line that starts in the first column
 * opens a block (or is a global one-line command); the lines indented
 * under it go to the open block's file. Blocks flexsec has no use for
 * (hostname, physical interfaces, banners...) are skipped with one
 * warning each.
 */

#include <stdlib.h>
#include <string.h>

#include "conf_int.h"

#define IKE_WINDOW_MAX	64		/* IKE_MAX_WINDOW of ike.h */

/* ---- opening blocks ---- */

/* "crypto ikev2 proposal NAME" and its kind: the name at word 3. */
static void open_block(struct pctx *p, const struct line *l, enum blk b)
{
	struct conf *c = p->c;
	struct conf_ipsec_profile *ip;
	char name[CONF_NAME];
	unsigned int n;

	if (!cp_name_arg(p, l, 3, name, "name") || !cp_no_more(p, l, 4)) {
		p->blk = BLK_SKIP;
		return;
	}
	switch (b) {
	case BLK_PROPOSAL:
		cp_open_named(p, b, (void **)&c->proposals, &c->n_proposals,
			      sizeof(*c->proposals), name);
		break;
	case BLK_POLICY:
		cp_open_named(p, b, (void **)&c->policies, &c->n_policies,
			      sizeof(*c->policies), name);
		break;
	case BLK_KEYRING:
		cp_open_named(p, b, (void **)&c->keyrings, &c->n_keyrings,
			      sizeof(*c->keyrings), name);
		break;
	case BLK_PROFILE:
		cp_open_named(p, b, (void **)&c->profiles, &c->n_profiles,
			      sizeof(*c->profiles), name);
		break;
	case BLK_IPSEC:
		n = c->n_ipsec_profiles;
		ip = cp_open_named(p, b, (void **)&c->ipsec_profiles,
				   &c->n_ipsec_profiles,
				   sizeof(*c->ipsec_profiles), name);
		/* unset until conf_finish(): 0 means disabled */
		if (ip && c->n_ipsec_profiles > n)
			ip->replay_window = UINT32_MAX;
		break;
	default:
		break;
	}
	if (p->oom)
		p->blk = BLK_SKIP;
}

/* ---- global lines ---- */

static void g_limit(struct pctx *p, const struct line *l)
{
	struct conf_global *g = &p->c->g;
	uint32_t v;

	if (is(l, 3, "max-sa")) {
		if (cp_num(p, l, 4, "max-sa", 1, 100000, &v) &&
		    cp_no_more(p, l, 5))
			g->max_sa = v;
	} else if (is(l, 3, "max-in-negotiation-sa")) {
		if (!cp_num(p, l, 4, "max-in-negotiation-sa", 1, 99999, &v))
			return;
		if (l->n > 5 && !is(l, 5, "incoming") &&
		    !is(l, 5, "outgoing")) {
			cp_bad_value(p, "direction", l->w[5],
				     "incoming|outgoing");
			return;
		}
		if (!cp_no_more(p, l, 6))
			return;
		if (!is(l, 5, "outgoing"))
			g->max_in_negotiation_in = v;
		if (!is(l, 5, "incoming"))
			g->max_in_negotiation_out = v;
	} else if (cp_need(p, l, 3, "max-sa or max-in-negotiation-sa")) {
		cp_bad_value(p, "limit", l->w[3],
			     "max-sa|max-in-negotiation-sa");
	}
}

static void g_retransmit(struct pctx *p, const struct line *l)
{
	struct conf_global *g = &p->c->g;
	uint32_t v;

	if (is(l, 3, "count")) {
		if (cp_num(p, l, 4, "retransmit count", 0, 20, &v) &&
		    cp_no_more(p, l, 5))
			g->retransmit_count = v;
	} else if (is(l, 3, "timeout")) {
		if (cp_num(p, l, 4, "retransmit timeout", 100, 60000, &v) &&
		    cp_no_more(p, l, 5))
			g->retransmit_timeout_ms = v;
	} else if (cp_need(p, l, 3, "count N or timeout MS")) {
		cp_bad_value(p, "retransmit option", l->w[3], "count|timeout");
	}
}

/* "crypto ikev2 fragmentation [mtu N]" (RFC 7383): N is the size of
 * the fragments' IP datagrams, IOS's range. */
static void g_fragmentation(struct pctx *p, const struct line *l)
{
	struct conf_global *g = &p->c->g;
	uint32_t v = 0;

	if (l->n > 3) {
		if (!is(l, 3, "mtu")) {
			cp_bad_value(p, "fragmentation option", l->w[3], "mtu");
			return;
		}
		if (!cp_num(p, l, 4, "fragmentation mtu", 68, 1500, &v) ||
		    !cp_no_more(p, l, 5))
			return;
	}
	g->frag = true;
	g->frag_mtu = v;
}

/* "crypto ikev2 cookie-challenge N|always": IOS's 1 to 1000 half-open
 * SAs, or a COOKIE of every request. */
static void g_cookie(struct pctx *p, const struct line *l)
{
	struct conf_global *g = &p->c->g;
	uint32_t v;

	if (is(l, 3, "always")) {
		if (cp_no_more(p, l, 4)) {
			g->cookie_always = true;
			g->cookie_challenge = 0;
		}
	} else if (cp_need(p, l, 3, "cookie-challenge N or always")) {
		if (!cp_parse_u32(l->w[3], 1, 1000, &v)) {
			cp_bad_value(p, "cookie-challenge", l->w[3],
				     "a number 1..1000 or always");
			return;
		}
		if (cp_no_more(p, l, 4)) {
			g->cookie_challenge = v;
			g->cookie_always = false;
			p->cookie_line = p->line;
		}
	}
}

/* "crypto ikev2 WORD ...": true when flexsec handles WORD. */
static bool crypto_ikev2_line(struct pctx *p, const struct line *l)
{
	struct conf_global *g = &p->c->g;
	uint32_t v;

	if (is(l, 2, "proposal"))
		open_block(p, l, BLK_PROPOSAL);
	else if (is(l, 2, "policy"))
		open_block(p, l, BLK_POLICY);
	else if (is(l, 2, "keyring"))
		open_block(p, l, BLK_KEYRING);
	else if (is(l, 2, "profile"))
		open_block(p, l, BLK_PROFILE);
	else if (is(l, 2, "authorization") && is(l, 3, "policy"))
		cp_open_authz(p, l);
	else if (is(l, 2, "client") && is(l, 3, "flexvpn"))
		cp_open_client(p, l);
	else if (is(l, 2, "name-mangler"))
		cp_open_mangler(p, l);
	else if (is(l, 2, "window")) {
		if (cp_num(p, l, 3, "window", 1, IKE_WINDOW_MAX, &v) &&
		    cp_no_more(p, l, 4))
			g->window = v;
	} else if (is(l, 2, "limit")) {
		g_limit(p, l);
	} else if (is(l, 2, "dpd")) {
		cp_dpd_args(p, l, 3, &g->dpd_interval, &g->dpd_retry,
			    &g->dpd_mode);
	} else if (is(l, 2, "retransmit")) {
		g_retransmit(p, l);
	} else if (is(l, 2, "nat") && is(l, 3, "keepalive")) {
		if (cp_num(p, l, 4, "nat keepalive", 5, 3600, &v) &&
		    cp_no_more(p, l, 5))
			g->nat_keepalive = v;
	} else if (is(l, 2, "half-open-timeout")) {
		if (cp_num(p, l, 3, "half-open-timeout", 5, 3600, &v) &&
		    cp_no_more(p, l, 4))
			g->half_open_timeout = v;
	} else if (is(l, 2, "fragmentation")) {
		g_fragmentation(p, l);
	} else if (is(l, 2, "cookie-challenge")) {
		g_cookie(p, l);
	} else if (is(l, 2, "diagnose") && is(l, 3, "error")) {
		if (cp_num(p, l, 4, "diagnose error", 1, 1000, &v) &&
		    cp_no_more(p, l, 5))
			g->diag_max = v;
	} else {
		return false;
	}
	return true;
}

static bool crypto_ipsec_line(struct pctx *p, const struct line *l)
{
	struct conf_global *g = &p->c->g;

	if (is(l, 2, "transform-set")) {
		cp_open_tset(p, l);
	} else if (is(l, 2, "profile")) {
		open_block(p, l, BLK_IPSEC);
	} else if (is(l, 2, "security-association") && is(l, 3, "replay")) {
		cp_sa_replay(p, l, 4, &g->replay_window);
	} else if (is(l, 2, "security-association") && is(l, 3, "lifetime")) {
		cp_sa_lifetime(p, l, 4, &g->lifetime_kb, &g->lifetime_sec,
			       false);
	} else {
		return false;
	}
	return true;
}

/* ---- banners: "banner motd ^C ... ^C" spans lines ---- */

static const char *const banner_types[] = {
	"exec", "incoming", "login", "motd", "prompt-timeout", "slip-ppp",
	"config-save",
};

/* Starts skipping a banner; true when it goes on after this line. */
static bool banner_open(struct pctx *p, const struct line *l)
{
	unsigned int i, d = 1;
	const char *s;
	size_t n;

	for (i = 0; i < ARRAY_SIZE(banner_types); i++)
		if (is(l, 1, banner_types[i]))
			d = 2;
	if (d >= l->n)
		return false;
	s = rest(l, d);
	n = s[0] == '^' && s[1] ? 2 : 1;
	memcpy(p->banner, s, n);
	p->banner[n] = '\0';
	if (strstr(s + n, p->banner)) {
		p->banner[0] = '\0';
		return false;
	}
	return true;
}

/* ---- lines ---- */

static void skip_block(struct pctx *p, const struct line *l)
{
	char q[QUOTE_MAX + 8];

	cp_warn(p, "'%s' not handled by flexsec, skipped",
		cp_quote(rest(l, 0), q, sizeof(q)));
	p->blk = BLK_SKIP;
	if (is(l, 0, "banner"))
		banner_open(p, l);
}

static void top_line(struct pctx *p, const struct line *l)
{
	bool done = false;

	if (is(l, 0, "exit")) {
		if (p->blk == BLK_KEYRING && p->peer >= 0)
			p->peer = -1;
		else
			p->blk = BLK_NONE;
		return;
	}
	p->blk = BLK_NONE;
	p->peer = -1;
	if (is(l, 0, "crypto") && is(l, 1, "ikev2"))
		done = crypto_ikev2_line(p, l);
	else if (is(l, 0, "crypto") && is(l, 1, "ipsec"))
		done = crypto_ipsec_line(p, l);
	else if (is(l, 0, "interface"))
		done = cp_open_interface(p, l);
	else
		done = cp_aaa_top_line(p, l) || cp_track_line(p, l);
	if (!done)
		skip_block(p, l);
}

static void block_line(struct pctx *p, const struct line *l)
{
	switch (p->blk) {
	case BLK_PROPOSAL:
		return cp_proposal_line(p, l);
	case BLK_POLICY:
		return cp_policy_line(p, l);
	case BLK_KEYRING:
		return cp_keyring_line(p, l);
	case BLK_PROFILE:
		return cp_profile_line(p, l);
	case BLK_TSET:
		return cp_tset_line(p, l);
	case BLK_IPSEC:
		return cp_ipsec_line(p, l);
	case BLK_TUNNEL:
	case BLK_TEMPLATE:
		return cp_tunnel_line(p, l);
	case BLK_LOOPBACK:
		return cp_loopback_line(p, l);
	case BLK_ACL:
		return cp_acl_line(p, l);
	case BLK_ACL6:
		return cp_acl6_line(p, l);
	case BLK_AUTHZ:
		return cp_authz_line(p, l);
	case BLK_CLIENT:
		return cp_client_line(p, l);
	case BLK_MANGLER:
		return cp_mangler_line(p, l);
	default:
		return;
	}
}

static void one_line(struct pctx *p, struct line *l, const char *s,
		     size_t n)
{
	size_t i = 0;

	if (p->banner[0]) {
		if (memmem(s, n, p->banner, strlen(p->banner)))
			p->banner[0] = '\0';
		return;
	}
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
		i++;
	/* blank lines and comments; indented lines of a skipped block */
	if (i == n || s[i] == '!' || s[i] == '#' ||
	    (i && p->blk == BLK_SKIP))
		return;
	if (!cp_split_line(p, l, s, n) || !l->n)
		return;
	if (l->indented && p->blk != BLK_NONE) {
		if (is(l, 0, "exit") && l->n == 1) {
			if (p->blk == BLK_KEYRING && p->peer >= 0)
				p->peer = -1;
			else
				p->blk = BLK_NONE;
			return;
		}
		block_line(p, l);
		return;
	}
	top_line(p, l);
}

void cp_parse_text(struct pctx *p, const char *text, size_t len)
{
	struct line *l = malloc(sizeof(*l));
	size_t pos = 0, end;

	if (!l) {
		cp_err(p, "out of memory");
		return;
	}
	while (pos < len && !p->oom) {
		const char *nl = memchr(text + pos, '\n', len - pos);

		end = nl ? (size_t)(nl - text) : len;
		p->line++;
		one_line(p, l, text + pos, end - pos);
		pos = end + 1;
	}
	explicit_bzero(l, sizeof(*l));
	free(l);
}
