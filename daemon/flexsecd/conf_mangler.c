// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec.conf: "crypto ikev2 name-mangler NAME" and its lines (IOS):
 *   fqdn hostname|domain|all
 *   email username|domain|all
 *   dn common-name|country|domain|locality|organization|
 *      organization-unit|state
 *   eap all|prefix delimiter C|suffix delimiter C   (C: . @ or \)
 * A line of a kind given again replaces the one before. What the lines
 * do is in mangler.h; the profiles' references are checked with the
 * other authorization names (conf_aaa_check.c).
 */

#include <stddef.h>
#include <string.h>

#include "conf_int.h"
#include "mangler.h"

_Static_assert(offsetof(struct conf_mangler, name) == 0 &&
	       offsetof(struct conf_mangler, line) ==
	       offsetof(struct conf_proposal, line),
	       "a block's name and line first");

void cp_open_mangler(struct pctx *p, const struct line *l)
{
	struct conf *c = p->c;
	char name[CONF_NAME];

	p->blk = BLK_SKIP;
	if (!cp_name_arg(p, l, 3, name, "name-mangler name") ||
	    !cp_no_more(p, l, 4))
		return;
	if (!cp_open_named(p, BLK_MANGLER, (void **)&c->manglers,
			   &c->n_manglers, sizeof(*c->manglers), name))
		p->blk = BLK_SKIP;
}

/* Word 1 of L, one of HEAD, TAIL or "all", alone on the line. */
static bool part_arg(struct pctx *p, const struct line *l, const char *head,
		     const char *tail, unsigned char *out)
{
	char expected[64];

	snprintf(expected, sizeof(expected), "%s|%s|all", head, tail);
	if (!cp_need(p, l, 1, expected))
		return false;
	if (is(l, 1, "all"))
		*out = MANGLE_ALL;
	else if (is(l, 1, head))
		*out = MANGLE_HEAD;
	else if (is(l, 1, tail))
		*out = MANGLE_TAIL;
	else {
		cp_bad_value(p, l->w[0], l->w[1], expected);
		return false;
	}
	return cp_no_more(p, l, 2);
}

static void dn_line(struct pctx *p, const struct line *l,
		    struct conf_mangler *m)
{
	static const char expected[] = "common-name|country|domain|locality|"
				       "organization|organization-unit|state";
	int f;

	if (!cp_need(p, l, 1, "a DN field"))
		return;
	f = mangler_dn_of(l->w[1]);
	if (f < 0) {
		cp_bad_value(p, "dn field", l->w[1], expected);
		return;
	}
	if (cp_no_more(p, l, 2))
		m->dn = (unsigned char)f;
}

/* eap all | prefix delimiter C | suffix delimiter C */
static void eap_line(struct pctx *p, const struct line *l,
		     struct conf_mangler *m)
{
	const char *d;

	if (!cp_need(p, l, 1, "all, prefix or suffix"))
		return;
	if (is(l, 1, "all")) {
		if (cp_no_more(p, l, 2))
			m->eap = MANGLE_ALL;
		return;
	}
	if (is(l, 1, "dn")) {
		cp_err(p, "name-mangler %s: eap dn is not supported by "
		       "flexsecd (eap all, prefix or suffix delimiter C are)",
		       m->name);
		return;
	}
	if (!is(l, 1, "prefix") && !is(l, 1, "suffix")) {
		cp_bad_value(p, "eap form", l->w[1], "all|prefix|suffix");
		return;
	}
	if (!is(l, 2, "delimiter")) {
		cp_err(p, "name-mangler %s: eap %s needs delimiter . @ or \\",
		       m->name, l->w[1]);
		return;
	}
	d = l->n > 3 ? l->w[3] : "";
	if (strlen(d) != 1 || !strchr(".@\\", d[0])) {
		cp_bad_value(p, "eap delimiter", d, ". @ or \\");
		return;
	}
	if (!cp_no_more(p, l, 4))
		return;
	m->eap = is(l, 1, "prefix") ? MANGLE_HEAD : MANGLE_TAIL;
	m->eap_delim = d[0];
}

void cp_mangler_line(struct pctx *p, const struct line *l)
{
	struct conf_mangler *m = &p->c->manglers[p->idx];

	if (is(l, 0, "fqdn"))
		part_arg(p, l, "hostname", "domain", &m->fqdn);
	else if (is(l, 0, "email"))
		part_arg(p, l, "username", "domain", &m->email);
	else if (is(l, 0, "dn"))
		dn_line(p, l, m);
	else if (is(l, 0, "eap"))
		eap_line(p, l, m);
	else
		cp_unknown(p, l, 0);
}
