// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec.conf: the blocks "interface TunnelN" and "interface
 * Virtual-Template N type tunnel" (the same lines, but no destination):
 * addresses, MTU, tunnel source, destination, mode, key and protection,
 * shutdown, description, "no" forms; and which interface a line opens
 * (LoopbackN goes to conf_vif.c). Interface lines of IOS that mean
 * nothing to flexsec are accepted with a warning; other interfaces are
 * skipped by conf_parse.c.
 */

#include <ctype.h>
#include <string.h>

#include "conf_int.h"

/* ---- names ---- */

bool cp_ifname_ok(const char *s)
{
	size_t n = strlen(s);

	if (!n || n > IFNAME_MAX || !strcmp(s, ".") || !strcmp(s, ".."))
		return false;
	for (; *s; s++)
		if (*s == '/' || *s == ':' || !isgraph((unsigned char)*s))
			return false;
	return true;
}

/*
 * "interface Tunnel0", "interface tunnel 0" for KIND "Tunnel": the
 * canonical name in OUT (at most MAX characters), and the number of
 * words the name took (0: not this kind; -1: this kind but a bad name).
 */
static int if_name(const struct line *l, const char *kind, size_t max,
		   char *out)
{
	size_t k = strlen(kind);
	const char *s, *c;
	int used = 1;

	if (l->n < 2 || strncasecmp(l->w[1], kind, k))
		return 0;
	s = l->w[1] + k;
	if (!*s && l->n >= 3) {
		s = l->w[2];
		used = 2;
	}
	if (strlen(s) + k > max || !isdigit((unsigned char)*s))
		return -1;
	for (c = s; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '.' && *c != '_' &&
		    *c != '-')
			return -1;
	memcpy(out, kind, k);
	strcpy(out + k, s);
	return used;
}

#define NAME_RULE " followed by a number, at most 15 characters in all"

static bool bad_name(struct pctx *p, const struct line *l, const char *kind)
{
	char q[QUOTE_MAX + 8];

	cp_err(p, "bad interface '%s' (%s)", cp_quote(rest(l, 1), q, sizeof(q)),
	       kind);
	p->blk = BLK_SKIP;
	return true;
}

static bool open_tunnel(struct pctx *p, const struct line *l)
{
	struct conf *c = p->c;
	char name[CONF_NAME];
	int used = if_name(l, "Tunnel", IFNAME_MAX, name);

	if (used < 0 || (unsigned int)used + 1 != l->n)
		return bad_name(p, l, "Tunnel" NAME_RULE);
	if (!cp_open_named(p, BLK_TUNNEL, (void **)&c->tunnels, &c->n_tunnels,
			   sizeof(*c->tunnels), name))
		p->blk = BLK_SKIP;
	return true;
}

/* "interface Virtual-Template N type tunnel" (IOS's only kind here). */
static bool open_template(struct pctx *p, const struct line *l)
{
	struct conf *c = p->c;
	char name[CONF_NAME];
	int used = if_name(l, "Virtual-Template", 20, name);
	struct conf_tunnel *t;
	uint32_t num;

	if (used < 0 ||
	    !cp_parse_u32(name + 16, 1, 1000, &num))
		return bad_name(p, l, "Virtual-Template 1-1000 type tunnel");
	if ((unsigned int)used + 1 == l->n || !is(l, used + 1, "type") ||
	    !is(l, used + 2, "tunnel") || (unsigned int)used + 3 != l->n) {
		cp_err(p, "expected 'interface %s type tunnel' (flexsec's "
		       "virtual templates are tunnels)", name);
		p->blk = BLK_SKIP;
		return true;
	}
	t = cp_open_named(p, BLK_TEMPLATE, (void **)&c->templates,
			  &c->n_templates, sizeof(*c->templates), name);
	if (!t)
		p->blk = BLK_SKIP;
	else
		t->vt_num = num;
	return true;
}

bool cp_open_interface(struct pctx *p, const struct line *l)
{
	char name[CONF_NAME];
	int used;

	if (l->n < 2)
		return false;
	if (!strncasecmp(l->w[1], "tunnel", 6))
		return open_tunnel(p, l);
	if (!strncasecmp(l->w[1], "virtual-template", 16))
		return open_template(p, l);
	used = if_name(l, "Loopback", IFNAME_MAX, name);
	if (!used)
		return false;
	if (used < 0 || (unsigned int)used + 1 != l->n)
		return bad_name(p, l, "Loopback" NAME_RULE);
	cp_open_loopback(p, name);
	return true;
}

/* ---- lines of the block ---- */

/*
 * Interface lines of IOS that have no meaning for flexsec (routing
 * protocols, NHRP, TCP MSS clamping...): accepted with a warning, with or
 * without "no". Documented in flexsec.conf(5).
 */
static const char *const tun_ignored[][2] = {
	{ "bandwidth", NULL },
	{ "delay", NULL },
	{ "keepalive", NULL },
	{ "load-interval", NULL },
	{ "cdp", NULL },
	{ "logging", NULL },
	{ "ip", "nhrp" },
	{ "ip", "ospf" },
	{ "ip", "tcp" },
	{ "ip", "redirects" },
	{ "ip", "unreachables" },
	{ "ip", "proxy-arp" },
	{ "ip", "pim" },
	{ "ip", "virtual-reassembly" },
	{ "ip", "flow" },
	{ "ip", "route-cache" },
	{ "ipv6", "nhrp" },
	{ "ipv6", "ospf" },
	{ "ipv6", "tcp" },
	{ "ipv6", "mtu" },
	{ "ipv6", "redirects" },
	{ "ipv6", "unreachables" },
	{ "tunnel", "path-mtu-discovery" },
};

/* The open tunnel or template. */
static struct conf_tunnel *cur_tun(struct pctx *p)
{
	return p->blk == BLK_TEMPLATE ? &p->c->templates[p->idx]
				      : &p->c->tunnels[p->idx];
}

static bool tun_ignore(struct pctx *p, const struct line *l)
{
	unsigned int i, o = is(l, 0, "no") ? 1 : 0;
	char q[QUOTE_MAX + 8];

	for (i = 0; i < ARRAY_SIZE(tun_ignored); i++) {
		if (!is(l, o, tun_ignored[i][0]))
			continue;
		if (tun_ignored[i][1] && !is(l, o + 1, tun_ignored[i][1]))
			continue;
		cp_warn(p, "'%s' ignored on interface %s (not done by flexsec)",
			cp_quote(rest(l, 0), q, sizeof(q)), cur_tun(p)->name);
		return true;
	}
	return false;
}

static void tun_mode(struct pctx *p, const struct line *l,
		     struct conf_tunnel *t)
{
	char q[QUOTE_MAX + 8];
	int family, overlay;

	if (!cp_need(p, l, 2, "gre ip or ipsec ipv4") ||
	    !cp_need(p, l, 3, "the transport (ip, ipv4...)"))
		return;
	if (is(l, 2, "gre") && (is(l, 3, "ip") || is(l, 3, "ipv6"))) {
		t->mode = CONF_TUN_GRE;
		family = is(l, 3, "ip") ? AF_INET : AF_INET6;
	} else if (is(l, 2, "ipsec") &&
		   (is(l, 3, "ipv4") || is(l, 3, "ipv6"))) {
		t->mode = CONF_TUN_VTI;
		family = is(l, 3, "ipv4") ? AF_INET : AF_INET6;
	} else {
		cp_err(p, "unsupported tunnel mode '%s' (flexsec does gre ip, "
		       "gre ipv6, ipsec ipv4, ipsec ipv6)",
		       cp_quote(rest(l, 2), q, sizeof(q)));
		return;
	}
	overlay = t->mode == CONF_TUN_VTI ? family : 0;
	if (t->mode == CONF_TUN_VTI && l->n > 4 &&
	    (is(l, 4, "v4-overlay") || is(l, 4, "v6-overlay"))) {
		overlay = is(l, 4, "v4-overlay") ? AF_INET : AF_INET6;
		if (!cp_no_more(p, l, 5))
			return;
	} else if (!cp_no_more(p, l, 4)) {
		return;
	}
	t->mode_family = family;
	t->overlay_family = overlay;
	t->mode_line = p->line;
}

static void tun_source(struct pctx *p, const struct line *l,
		       struct conf_tunnel *t)
{
	struct conf_addr a;

	if (!cp_need(p, l, 2, "an address or an interface") ||
	    !cp_no_more(p, l, 3))
		return;
	memset(&t->source, 0, sizeof(t->source));
	t->source_if[0] = '\0';
	if (cp_parse_ip(l->w[2], &a))
		t->source = a;
	else if (cp_ifname_ok(l->w[2]))
		strcpy(t->source_if, l->w[2]);
	else
		cp_bad_value(p, "tunnel source", l->w[2],
			     "an address, or a Linux interface name of up to "
			     "15 characters without '/'");
}

static void tun_tunnel_line(struct pctx *p, const struct line *l,
			    struct conf_tunnel *t)
{
	if (is(l, 1, "source")) {
		tun_source(p, l, t);
	} else if (is(l, 1, "destination")) {
		struct conf_addr a;

		if (!cp_need(p, l, 2, "an address") || !cp_no_more(p, l, 3))
			return;
		if (t->vt_num)
			cp_err(p, "a virtual template has no tunnel "
			       "destination: each Virtual-Access interface "
			       "takes its peer's address");
		else if (is(l, 2, "dynamic")) {
			memset(&t->destination, 0, sizeof(t->destination));
			t->dest_dynamic = true;
		} else if (!cp_parse_ip(l->w[2], &a))
			cp_bad_value(p, "tunnel destination", l->w[2],
				     "an IPv4 or IPv6 address");
		else {
			t->destination = a;
			t->dest_dynamic = false;
		}
	} else if (is(l, 1, "mode")) {
		tun_mode(p, l, t);
	} else if (is(l, 1, "key")) {
		if (cp_num(p, l, 2, "tunnel key", 0, UINT32_MAX, &t->key) &&
		    cp_no_more(p, l, 3))
			t->has_key = true;
	} else if (is(l, 1, "protection")) {
		if (!is(l, 2, "ipsec") || !is(l, 3, "profile")) {
			cp_err(p, "expected 'tunnel protection ipsec profile "
			       "NAME'");
			return;
		}
		if (cp_name_arg(p, l, 4, t->protection, "IPsec profile name") &&
		    cp_no_more(p, l, 5))
			cp_add_ref(p, t->vt_num ? REF_IPSEC_VT : REF_IPSEC,
				   t->protection);
	} else {
		cp_unknown(p, l, l->n > 1 ? 1 : 0);
	}
}

static void tun_ip_line(struct pctx *p, const struct line *l,
			struct conf_tunnel *t)
{
	unsigned int i = 2;
	struct conf_addr a;

	if (cp_tunnel_addr_line(p, l, t))
		return;
	if (is(l, 0, "ip") && is(l, 1, "address")) {
		t->unnumbered[0] = '\0';
		t->ip_negotiated = false;
		if (cp_addr_arg(p, l, &i, &a, false) && cp_no_more(p, l, i)) {
			if (a.family != AF_INET)
				cp_bad_value(p, "ip address", l->w[2],
					     "an IPv4 address");
			else
				t->ip = a;
		}
	} else if (is(l, 0, "ipv6") && is(l, 1, "enable")) {
		if (cp_no_more(p, l, 2))
			t->ipv6_enable = true;
	} else if (is(l, 0, "ipv6") && is(l, 1, "address")) {
		if (!cp_need(p, l, 2, "an address A/LEN") ||
		    !cp_no_more(p, l, 3))
			return;
		if (!cp_parse_prefix(l->w[2], &a, false) ||
		    a.family != AF_INET6)
			cp_bad_value(p, "ipv6 address", l->w[2], "A/LEN");
		else
			t->ip6 = a;
	} else if (is(l, 0, "ip") && is(l, 1, "mtu")) {
		if (cp_num(p, l, 2, "ip mtu", 68, 65535, &t->mtu))
			cp_no_more(p, l, 3);
	} else {
		cp_unknown(p, l, l->n > 1 ? 1 : 0);
	}
}

/* "no X": back to the default of X. */
static void tun_no_line(struct pctx *p, const struct line *l,
			struct conf_tunnel *t)
{
	if (is(l, 1, "shutdown"))
		t->shutdown = false;
	else if (is(l, 1, "description"))
		t->description[0] = '\0';
	else if (is(l, 1, "ip") && is(l, 2, "address")) {
		memset(&t->ip, 0, sizeof(t->ip));
		t->ip_negotiated = false;
	} else if (is(l, 1, "ip") && is(l, 2, "unnumbered"))
		t->unnumbered[0] = '\0';
	else if (is(l, 1, "ipv6") && is(l, 2, "address"))
		memset(&t->ip6, 0, sizeof(t->ip6));
	else if (is(l, 1, "ipv6") && is(l, 2, "enable"))
		t->ipv6_enable = false;
	else if (is(l, 1, "ip") && is(l, 2, "mtu"))
		t->mtu = 0;
	else if (is(l, 1, "tunnel") && is(l, 2, "key"))
		t->has_key = false;
	else if (is(l, 1, "tunnel") && is(l, 2, "protection"))
		t->protection[0] = '\0';
	else if (is(l, 1, "tunnel") && is(l, 2, "destination")) {
		memset(&t->destination, 0, sizeof(t->destination));
		t->dest_dynamic = false;
	}
	else if (cp_need(p, l, 1, "a keyword"))
		cp_err(p, "'no %s' is not supported on interface %s", l->w[1],
		       t->name);
}

void cp_tunnel_line(struct pctx *p, const struct line *l)
{
	struct conf_tunnel *t = cur_tun(p);

	if (tun_ignore(p, l))
		return;
	if (is(l, 0, "tunnel")) {
		tun_tunnel_line(p, l, t);
	} else if (is(l, 0, "ip") || is(l, 0, "ipv6")) {
		tun_ip_line(p, l, t);
	} else if (is(l, 0, "shutdown")) {
		if (cp_no_more(p, l, 1))
			t->shutdown = true;
	} else if (is(l, 0, "no")) {
		tun_no_line(p, l, t);
	} else if (is(l, 0, "description")) {
		cp_desc_arg(p, l, 1, t->description, sizeof(t->description));
	} else {
		cp_unknown(p, l, 0);
	}
}
