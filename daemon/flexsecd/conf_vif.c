// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec.conf: "interface LoopbackN" (flexsecd makes a dummy interface
 * of that name with the address, as IOS has a loopback), and the address
 * lines a tunnel or a virtual template has beyond "ip address": "ip
 * unnumbered IF" (the tunnel borrows IF's address) and, on a tunnel of a
 * spoke, "ip address negotiated" (the address the hub assigns in its
 * configuration payload).
 */

#include <string.h>
#include <strings.h>

#include "conf_int.h"

void cp_open_loopback(struct pctx *p, const char *name)
{
	struct conf *c = p->c;

	if (!cp_open_named(p, BLK_LOOPBACK, (void **)&c->loopbacks,
			   &c->n_loopbacks, sizeof(*c->loopbacks), name))
		p->blk = BLK_SKIP;
}

static void lo_addr(struct pctx *p, const struct line *l,
		    struct conf_loopback *lo)
{
	unsigned int i = 2;
	struct conf_addr a;

	if (is(l, 0, "ip")) {
		if (!cp_addr_arg(p, l, &i, &a, false) || !cp_no_more(p, l, i))
			return;
		if (a.family != AF_INET)
			cp_bad_value(p, "ip address", l->w[2], "an IPv4 address");
		else
			lo->ip = a;
		return;
	}
	if (!cp_need(p, l, 2, "an address A/LEN") || !cp_no_more(p, l, 3))
		return;
	if (!cp_parse_prefix(l->w[2], &a, false) || a.family != AF_INET6)
		cp_bad_value(p, "ipv6 address", l->w[2], "A/LEN");
	else
		lo->ip6 = a;
}

static void lo_no(struct pctx *p, const struct line *l,
		  struct conf_loopback *lo)
{
	if (is(l, 1, "shutdown"))
		lo->shutdown = false;
	else if (is(l, 1, "description"))
		lo->description[0] = '\0';
	else if (is(l, 1, "ip") && is(l, 2, "address"))
		memset(&lo->ip, 0, sizeof(lo->ip));
	else if (is(l, 1, "ipv6") && is(l, 2, "address"))
		memset(&lo->ip6, 0, sizeof(lo->ip6));
	else if (cp_need(p, l, 1, "a keyword"))
		cp_err(p, "'no %s' is not supported on interface %s", l->w[1],
		       lo->name);
}

void cp_loopback_line(struct pctx *p, const struct line *l)
{
	struct conf_loopback *lo = &p->c->loopbacks[p->idx];

	if ((is(l, 0, "ip") || is(l, 0, "ipv6")) && is(l, 1, "address"))
		lo_addr(p, l, lo);
	else if (is(l, 0, "shutdown") && cp_no_more(p, l, 1))
		lo->shutdown = true;
	else if (is(l, 0, "no"))
		lo_no(p, l, lo);
	else if (is(l, 0, "description"))
		cp_desc_arg(p, l, 1, lo->description, sizeof(lo->description));
	else if (!is(l, 0, "shutdown"))
		cp_unknown(p, l, 0);
}

bool cp_tunnel_addr_line(struct pctx *p, const struct line *l,
			 struct conf_tunnel *t)
{
	if (is(l, 0, "ip") && is(l, 1, "unnumbered")) {
		if (!cp_need(p, l, 2, "an interface") || !cp_no_more(p, l, 3))
			return true;
		if (!cp_ifname_ok(l->w[2])) {
			cp_bad_value(p, "ip unnumbered", l->w[2],
				     "LoopbackN or a Linux interface name");
			return true;
		}
		strcpy(t->unnumbered, l->w[2]);
		if (!strncasecmp(t->unnumbered, "Loopback", 8))
			memcpy(t->unnumbered, "Loopback", 8);
		/* a loopback must be in the file; another interface is
		 * looked up when the tunnel is made */
		if (!strncasecmp(t->unnumbered, "Loopback", 8))
			cp_add_ref(p, t->vt_num ? REF_UNNUMBERED_VT :
				   REF_UNNUMBERED, t->unnumbered);
		memset(&t->ip, 0, sizeof(t->ip));
		t->ip_negotiated = false;
		return true;
	}
	if (is(l, 0, "ip") && is(l, 1, "address") && is(l, 2, "negotiated")) {
		if (!cp_no_more(p, l, 3))
			return true;
		if (t->vt_num) {
			cp_err(p, "'ip address negotiated' is for a spoke's "
			       "tunnel, not a virtual template");
			return true;
		}
		t->ip_negotiated = true;
		t->unnumbered[0] = '\0';
		memset(&t->ip, 0, sizeof(t->ip));
		return true;
	}
	return false;
}
