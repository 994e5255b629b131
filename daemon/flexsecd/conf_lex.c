// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec.conf: a line cut into words, and the messages about it. Every
 * error and warning of the parser names the file and the line
 * ("flexsec.conf:12: error: unknown keyword 'foo' in crypto ikev2
 * proposal p1"); an error is counted, and a file with any is refused.
 */

#include <ctype.h>
#include <stdarg.h>
#include <string.h>

#include "authz.h"
#include "conf_int.h"
#include "mangler.h"

static const char *const blk_names[] = {
	[BLK_NONE] = "",
	[BLK_SKIP] = "",
	[BLK_PROPOSAL] = "crypto ikev2 proposal",
	[BLK_POLICY] = "crypto ikev2 policy",
	[BLK_KEYRING] = "crypto ikev2 keyring",
	[BLK_PROFILE] = "crypto ikev2 profile",
	[BLK_TSET] = "crypto ipsec transform-set",
	[BLK_IPSEC] = "crypto ipsec profile",
	[BLK_TUNNEL] = "interface",
	[BLK_TEMPLATE] = "interface",
	[BLK_LOOPBACK] = "interface",
	[BLK_ACL] = "ip access-list standard",
	[BLK_AUTHZ] = "crypto ikev2 authorization policy",
	[BLK_CLIENT] = "crypto ikev2 client flexvpn",
	[BLK_MANGLER] = "crypto ikev2 name-mangler",
	[BLK_ACL6] = "ipv6 access-list",
};
_Static_assert(sizeof(blk_names) / sizeof(blk_names[0]) == BLK_ACL6 + 1,
	       "a name for every block");

/* ---- messages ---- */

/* Copies S for a message: printable characters only, and not too long. */
const char *cp_quote(const char *s, char *buf, size_t len)
{
	size_t i, n = strlen(s);

	for (i = 0; i < n && i + 4 < len && i < QUOTE_MAX; i++)
		buf[i] = isprint((unsigned char)s[i]) ? s[i] : '?';
	if (i < n && i + 4 <= len) {
		memcpy(buf + i, "...", 3);
		i += 3;
	}
	buf[i] = '\0';
	return buf;
}

static void vmsg(struct pctx *p, const char *kind, const char *fmt,
		 va_list ap)
{
	if (!p->err)
		return;
	fprintf(p->err, "%s:%d: %s: ", p->file, p->line, kind);
	vfprintf(p->err, fmt, ap);
	fputc('\n', p->err);
}

void cp_err(struct pctx *p, const char *fmt, ...)
{
	va_list ap;

	p->n_errors++;
	va_start(ap, fmt);
	vmsg(p, "error", fmt, ap);
	va_end(ap);
}

void cp_warn(struct pctx *p, const char *fmt, ...)
{
	va_list ap;

	p->c->n_warnings++;
	va_start(ap, fmt);
	vmsg(p, "warning", fmt, ap);
	va_end(ap);
}

/* An error about a line other than the current one. */
void cp_err_at(struct pctx *p, int line, const char *fmt, ...)
{
	int saved = p->line;
	va_list ap;

	p->line = line;
	p->n_errors++;
	va_start(ap, fmt);
	vmsg(p, "error", fmt, ap);
	va_end(ap);
	p->line = saved;
}

/* The open block, as messages name it: "crypto ikev2 proposal p1". */
static const char *blk_str(struct pctx *p, char *buf, size_t len)
{
	const struct conf *c = p->c;
	const char *name = "";

	switch (p->blk) {
	case BLK_PROPOSAL:
		name = c->proposals[p->idx].name;
		break;
	case BLK_POLICY:
		name = c->policies[p->idx].name;
		break;
	case BLK_KEYRING:
		name = c->keyrings[p->idx].name;
		break;
	case BLK_PROFILE:
		name = c->profiles[p->idx].name;
		break;
	case BLK_TSET:
		name = c->tsets[p->idx].name;
		break;
	case BLK_IPSEC:
		name = c->ipsec_profiles[p->idx].name;
		break;
	case BLK_TUNNEL:
		name = c->tunnels[p->idx].name;
		break;
	case BLK_TEMPLATE:
		name = c->templates[p->idx].name;
		break;
	case BLK_LOOPBACK:
		name = c->loopbacks[p->idx].name;
		break;
	case BLK_ACL:
		name = c->acls[p->idx].name;
		break;
	case BLK_ACL6:
		name = c->acls6[p->idx].name;
		break;
	case BLK_AUTHZ:
		name = p->authz ? p->authz->name : "";
		break;
	case BLK_CLIENT:
		name = c->clients[p->idx].name;
		break;
	case BLK_MANGLER:
		name = c->manglers[p->idx].name;
		break;
	default:
		break;
	}
	snprintf(buf, len, "%s %s", blk_names[p->blk], name);
	return buf;
}

void cp_unknown(struct pctx *p, const struct line *l, unsigned int i)
{
	char q[QUOTE_MAX + 8], b[CONF_NAME + 40];

	if (i >= l->n) {
		cp_err(p, "incomplete command in %s",
		       blk_str(p, b, sizeof(b)));
		return;
	}
	cp_err(p, "unknown keyword '%s' in %s", cp_quote(l->w[i], q, sizeof(q)),
	       blk_str(p, b, sizeof(b)));
}

void cp_bad_value(struct pctx *p, const char *what, const char *word,
		  const char *expected)
{
	char q[QUOTE_MAX + 8];

	if (expected)
		cp_err(p, "bad %s '%s' (expected %s)", what,
		       cp_quote(word, q, sizeof(q)), expected);
	else
		cp_err(p, "bad %s '%s'", what, cp_quote(word, q, sizeof(q)));
}

/* Word I must exist: else "missing WHAT after 'WORD'". */
bool cp_need(struct pctx *p, const struct line *l, unsigned int i,
	     const char *what)
{
	char q[QUOTE_MAX + 8];

	if (i < l->n)
		return true;
	cp_err(p, "missing %s after '%s'", what,
	       l->n ? cp_quote(l->w[l->n - 1], q, sizeof(q)) : "");
	return false;
}

/* Nothing may follow word I - 1. */
bool cp_no_more(struct pctx *p, const struct line *l, unsigned int i)
{
	char q[QUOTE_MAX + 8];

	if (i >= l->n)
		return true;
	cp_err(p, "unexpected '%s' after '%s'", cp_quote(l->w[i], q, sizeof(q)),
	       l->w[i - 1]);
	return false;
}

/* ---- lines ---- */

/* Cuts L->raw into words; false (after an error) when it cannot. */
static bool split(struct pctx *p, struct line *l)
{
	unsigned int i = 0;
	char *s;

	memcpy(l->buf, l->raw, sizeof(l->buf));
	l->n = 0;
	s = l->buf;
	while (s[i]) {
		while (s[i] == ' ' || s[i] == '\t')
			i++;
		if (!s[i])
			break;
		if (l->n == MAX_WORDS) {
			cp_err(p, "too many words on a line (at most %d)",
			       MAX_WORDS);
			return false;
		}
		l->off[l->n] = i;
		l->w[l->n++] = s + i;
		while (s[i] && s[i] != ' ' && s[i] != '\t')
			i++;
		if (s[i])
			s[i++] = '\0';
	}
	return true;
}

/* Copies the line into L (without the line end); false if unusable. */
static bool load_line(struct pctx *p, struct line *l, const char *s,
		      size_t n)
{
	while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n > LINE_LEN) {
		cp_err(p, "line too long (%zu characters, at most %d)", n,
		       LINE_LEN);
		return false;
	}
	if (memchr(s, '\0', n)) {
		cp_err(p, "NUL character in line");
		return false;
	}
	memcpy(l->raw, s, n);
	l->raw[n] = '\0';
	l->indented = n && (s[0] == ' ' || s[0] == '\t');
	return true;
}

bool cp_split_line(struct pctx *p, struct line *l, const char *s, size_t n)
{
	return load_line(p, l, s, n) && split(p, l);
}
