// SPDX-License-Identifier: GPL-2.0
/*
 * The flexsec.conf parser.
 *
 * A file is read line by line. A line that starts in the first column
 * opens a block (or is a global one-line command); the lines indented
 * under it fill the block. Blocks flexsec has no use for are skipped with
 * one warning each. Inside a handled block, an unknown keyword or a bad
 * value is an error naming file:line and the offending word; parsing goes
 * on to report every error of the file, and the result is then NULL.
 *
 * conf_finish() runs last: it adds the smart defaults, resolves the names
 * that blocks give each other and checks what a block must have.
 */

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "algs.h"
#include "conf.h"
#include "ike_proto.h"

#define LINE_LEN	1024		/* longest line accepted */
#define MAX_WORDS	64
#define MAX_FILE	(4u << 20)
#define IFNAME_MAX	15		/* IFNAMSIZ - 1 */
#define QUOTE_MAX	60		/* longest quote in a message */
#define IKE_WINDOW_MAX	64		/* IKE_MAX_WINDOW of ike.h */
#define MAX_OBJECTS	65536u		/* of each kind */

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* One line cut into words. */
struct line {
	char raw[LINE_LEN + 1];		/* the line, for rest-of-line */
	char buf[LINE_LEN + 1];		/* the words, NUL-terminated */
	char *w[MAX_WORDS];
	unsigned int off[MAX_WORDS];	/* where word i starts in raw */
	unsigned int n;
	bool indented;
};

enum blk {
	BLK_NONE,
	BLK_SKIP,
	BLK_PROPOSAL,
	BLK_POLICY,
	BLK_KEYRING,
	BLK_PROFILE,
	BLK_TSET,
	BLK_IPSEC,
	BLK_TUNNEL,
};

/* A name one block gives another, checked by conf_finish(). */
enum ref_kind {
	REF_PROPOSAL,		/* policy: proposal NAME */
	REF_KEYRING,		/* profile: keyring local NAME */
	REF_TSET,		/* ipsec profile: set transform-set NAME */
	REF_PROFILE,		/* ipsec profile: set ikev2-profile NAME */
	REF_IPSEC,		/* tunnel: tunnel protection ipsec profile */
};

struct ref {
	enum ref_kind kind;
	unsigned int owner;	/* index of the referring object */
	int line;
	char name[CONF_NAME];
};

/* What the parser knows of a tunnel beyond struct conf_tunnel. */
struct tun_extra {
	int family;		/* underlay family the tunnel mode names */
	int mode_line;
};

struct pctx {
	struct conf *c;
	FILE *err;
	const char *file;
	int line;
	unsigned int n_errors;
	bool oom;
	enum blk blk;
	unsigned int idx;	/* the open block's object */
	int peer;		/* the open keyring peer, -1: none */
	char banner[3];		/* delimiter while inside a banner */
	struct ref *refs;
	unsigned int n_refs;
	struct tun_extra *tx;
	unsigned int n_tx;
};

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
};

/* ---- messages ---- */

/* Copies S for a message: printable characters only, and not too long. */
static const char *quote(const char *s, char *buf, size_t len)
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

static void __attribute__((format(printf, 2, 3)))
perr(struct pctx *p, const char *fmt, ...)
{
	va_list ap;

	p->n_errors++;
	va_start(ap, fmt);
	vmsg(p, "error", fmt, ap);
	va_end(ap);
}

static void __attribute__((format(printf, 2, 3)))
pwarn(struct pctx *p, const char *fmt, ...)
{
	va_list ap;

	p->c->n_warnings++;
	va_start(ap, fmt);
	vmsg(p, "warning", fmt, ap);
	va_end(ap);
}

/* An error about a line other than the current one. */
static void __attribute__((format(printf, 3, 4)))
perr_at(struct pctx *p, int line, const char *fmt, ...)
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
	default:
		break;
	}
	snprintf(buf, len, "%s %s", blk_names[p->blk], name);
	return buf;
}

static void unknown(struct pctx *p, const struct line *l, unsigned int i)
{
	char q[QUOTE_MAX + 8], b[CONF_NAME + 40];

	perr(p, "unknown keyword '%s' in %s", quote(l->w[i], q, sizeof(q)),
	     blk_str(p, b, sizeof(b)));
}

static void bad_value(struct pctx *p, const char *what, const char *word,
		      const char *expected)
{
	char q[QUOTE_MAX + 8];

	if (expected)
		perr(p, "bad %s '%s' (expected %s)", what,
		     quote(word, q, sizeof(q)), expected);
	else
		perr(p, "bad %s '%s'", what, quote(word, q, sizeof(q)));
}

/* Word I must exist: else "missing WHAT after 'WORD'". */
static bool need(struct pctx *p, const struct line *l, unsigned int i,
		 const char *what)
{
	char q[QUOTE_MAX + 8];

	if (i < l->n)
		return true;
	perr(p, "missing %s after '%s'", what,
	     l->n ? quote(l->w[l->n - 1], q, sizeof(q)) : "");
	return false;
}

/* Nothing may follow word I - 1. */
static bool no_more(struct pctx *p, const struct line *l, unsigned int i)
{
	char q[QUOTE_MAX + 8];

	if (i >= l->n)
		return true;
	perr(p, "unexpected '%s' after '%s'", quote(l->w[i], q, sizeof(q)),
	     l->w[i - 1]);
	return false;
}

static bool is(const struct line *l, unsigned int i, const char *kw)
{
	return i < l->n && !strcasecmp(l->w[i], kw);
}

/* The text of the line from word I on. */
static const char *rest(const struct line *l, unsigned int i)
{
	return l->raw + l->off[i];
}

/* ---- values ---- */

static bool parse_u64(const char *s, uint64_t min, uint64_t max,
		      uint64_t *out)
{
	uint64_t v = 0;

	if (!*s || strlen(s) > 20)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		if (v > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	if (v < min || v > max)
		return false;
	*out = v;
	return true;
}

static bool parse_u32(const char *s, uint32_t min, uint32_t max,
		      uint32_t *out)
{
	uint64_t v;

	if (!parse_u64(s, min, max, &v))
		return false;
	*out = (uint32_t)v;
	return true;
}

/* A number word I in [MIN, MAX], or an error naming WHAT. */
static bool num(struct pctx *p, const struct line *l, unsigned int i,
		const char *what, uint32_t min, uint32_t max, uint32_t *out)
{
	char range[48];

	if (!need(p, l, i, what))
		return false;
	if (parse_u32(l->w[i], min, max, out))
		return true;
	snprintf(range, sizeof(range), "a number %u..%u", min, max);
	bad_value(p, what, l->w[i], range);
	return false;
}

/* An address without prefix: IPv4 or IPv6 (no zone). */
static bool parse_ip(const char *s, struct conf_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, s, a->a) == 1) {
		a->family = AF_INET;
		a->plen = 32;
		return true;
	}
	if (inet_pton(AF_INET6, s, a->a) == 1) {
		a->family = AF_INET6;
		a->plen = 128;
		return true;
	}
	memset(a, 0, sizeof(*a));
	return false;
}

/* "A/LEN", or "A" alone (a host) when BARE_OK. */
static bool parse_prefix(const char *s, struct conf_addr *a, bool bare_ok)
{
	char buf[INET6_ADDRSTRLEN + 8];
	const char *slash = strchr(s, '/');
	uint32_t plen;
	size_t n;

	if (!slash)
		return bare_ok && parse_ip(s, a);
	n = (size_t)(slash - s);
	if (n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!parse_ip(buf, a))
		return false;
	if (!parse_u32(slash + 1, 0, a->family == AF_INET ? 32 : 128, &plen)) {
		memset(a, 0, sizeof(*a));
		return false;
	}
	a->plen = (uint8_t)plen;
	return true;
}

/* A dotted IPv4 mask with contiguous ones. */
static bool parse_mask(const char *s, uint8_t *plen)
{
	struct in_addr m;
	uint32_t v;
	uint8_t n = 0;

	if (inet_pton(AF_INET, s, &m) != 1)
		return false;
	v = ntohl(m.s_addr);
	while (v & 0x80000000u) {
		n++;
		v <<= 1;
	}
	if (v)
		return false;
	*plen = n;
	return true;
}

/*
 * An address at word I: "A MASK", "A/LEN", IPv6 "A/LEN", or a host "A"
 * when MASK_OPT. Advances *I past what it used.
 */
static bool addr_arg(struct pctx *p, const struct line *l, unsigned int *i,
		     struct conf_addr *a, bool mask_opt)
{
	const char *w;

	if (!need(p, l, *i, "an address"))
		return false;
	w = l->w[*i];
	if (strchr(w, '/')) {
		if (!parse_prefix(w, a, false)) {
			bad_value(p, "address", w, "A/LEN");
			return false;
		}
		(*i)++;
		return true;
	}
	if (!parse_ip(w, a)) {
		bad_value(p, "address", w, NULL);
		return false;
	}
	(*i)++;
	if (a->family == AF_INET && *i < l->n) {
		if (!parse_mask(l->w[*i], &a->plen)) {
			bad_value(p, "mask", l->w[*i], "a dotted mask");
			return false;
		}
		(*i)++;
	} else if (a->family == AF_INET && !mask_opt) {
		perr(p, "'%s' needs a mask (A MASK or A/LEN)", w);
		return false;
	}
	return true;
}

static bool printable(const char *s)
{
	for (; *s; s++)
		if (iscntrl((unsigned char)*s))
			return false;
	return true;
}

static bool name_arg(struct pctx *p, const struct line *l, unsigned int i,
		     char *dst, const char *what)
{
	char q[QUOTE_MAX + 8];

	if (!need(p, l, i, what))
		return false;
	if (!printable(l->w[i])) {
		perr(p, "%s '%s' has a control character", what,
		     quote(l->w[i], q, sizeof(q)));
		return false;
	}
	if (strlen(l->w[i]) >= CONF_NAME) {
		perr(p, "%s '%s' too long (at most %d characters)", what,
		     quote(l->w[i], q, sizeof(q)), CONF_NAME - 1);
		return false;
	}
	strcpy(dst, l->w[i]);
	return true;
}

/* Linux interface names: 1..15 characters, no '/', ':' or blank. */
static bool ifname_ok(const char *s)
{
	size_t n = strlen(s);

	if (!n || n > IFNAME_MAX || !strcmp(s, ".") || !strcmp(s, ".."))
		return false;
	for (; *s; s++)
		if (*s == '/' || *s == ':' || !isgraph((unsigned char)*s))
			return false;
	return true;
}

/* A description: the rest of the line, control characters as '?'. */
static bool desc_arg(struct pctx *p, const struct line *l, unsigned int i,
		     char *dst, size_t len)
{
	char *s;

	if (!need(p, l, i, "a text"))
		return false;
	snprintf(dst, len, "%s", rest(l, i));
	for (s = dst; *s; s++)
		if (iscntrl((unsigned char)*s))
			*s = '?';
	return true;
}

/* ---- storage ---- */

/* The room an array of N elements has: arrays only grow, one at a time. */
static unsigned int room(unsigned int n)
{
	unsigned int r = 4;

	if (!n)
		return 0;
	while (r < n)
		r *= 2;
	return r;
}

/*
 * Adds a zeroed element to *ARR of *N elements of SIZE. When the array
 * moves, the old one is wiped before it is freed: keyring peers hold keys.
 */
static void *grow(struct pctx *p, void **arr, unsigned int *n, size_t size)
{
	unsigned int r = room(*n);
	uint8_t *na;

	if (*n >= MAX_OBJECTS) {
		perr(p, "too many objects of this kind (at most %u)",
		     MAX_OBJECTS);
		return NULL;
	}
	if (*n < r) {
		na = *arr;
		memset(na + *n * size, 0, size);
		return na + (*n)++ * size;
	}
	na = calloc(room(*n + 1), size);
	if (!na) {
		p->oom = true;
		perr(p, "out of memory");
		return NULL;
	}
	if (*arr) {
		memcpy(na, *arr, *n * size);
		explicit_bzero(*arr, *n * size);
		free(*arr);
	}
	*arr = na;
	return na + (*n)++ * size;
}

static void add_ref(struct pctx *p, enum ref_kind kind, const char *name)
{
	struct ref *r = grow(p, (void **)&p->refs, &p->n_refs, sizeof(*r));

	if (!r)
		return;
	r->kind = kind;
	r->owner = p->idx;
	r->line = p->line;
	snprintf(r->name, sizeof(r->name), "%s", name);
}

/* Adds to a list of names (a policy's proposals...) unless present. */
static bool list_add(struct pctx *p, char (*list)[CONF_NAME],
		     unsigned int *n, const char *name, const char *what)
{
	unsigned int i;

	for (i = 0; i < *n; i++)
		if (!strcmp(list[i], name))
			return false;
	if (*n >= CONF_MAX_LIST) {
		perr(p, "too many %s (at most %d)", what, CONF_MAX_LIST);
		return false;
	}
	snprintf(list[(*n)++], CONF_NAME, "%s", name);
	return true;
}

/* ---- crypto ikev2 proposal ---- */

/* WORD in lower case for the algorithm tables; "" when too long. */
static const char *lower(const char *word, char *buf, size_t len)
{
	size_t i;

	if (strlen(word) >= len)
		return "";
	for (i = 0; word[i]; i++)
		buf[i] = (char)tolower((unsigned char)word[i]);
	buf[i] = '\0';
	return buf;
}

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
static uint16_t *prop_ids(struct conf_proposal *pr, uint8_t type,
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

static bool prop_is_aead(const struct conf_proposal *pr)
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
	    a->aead != prop_is_aead(pr)) {
		perr(p, "encryption '%s' mixes AEAD and non-AEAD algorithms in "
		     "proposal %s (use a proposal for each)", a->conf,
		     quote(pr->name, q, sizeof(q)));
		return false;
	}
	if ((a->type == IKE_TT_ENCR && a->aead && pr->n_integ) ||
	    (a->type == IKE_TT_INTEG && prop_is_aead(pr))) {
		perr(p, "proposal %s: an AEAD encryption takes no integrity "
		     "(remove 'integrity', keep 'prf')",
		     quote(pr->name, q, sizeof(q)));
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

	a = alg_by_conf(type, lower(word, lw, sizeof(lw)));
	if (!a) {
		bad_value(p, type_words[type], word,
			  alg_choices(type, choices, sizeof(choices)));
		return;
	}
	if (!prop_compatible(p, pr, a))
		return;
	ids = prop_ids(pr, type, &n);
	for (i = 0; i < *n; i++)
		if (ids[i] == a->id &&
		    (type != IKE_TT_ENCR || pr->encr_bits[i] == a->keybits))
			return;
	if (*n >= CONF_MAX_ALGS) {
		perr(p, "too many %s algorithms (at most %d)",
		     type_words[type], CONF_MAX_ALGS);
		return;
	}
	if (type == IKE_TT_ENCR)
		pr->encr_bits[*n] = a->keybits;
	ids[(*n)++] = a->id;
}

static void proposal_line(struct pctx *p, const struct line *l)
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
		return unknown(p, l, 0);
	if (!need(p, l, 1, "at least one algorithm"))
		return;
	for (i = 1; i < l->n; i++)
		prop_add(p, pr, type, l->w[i]);
}

/* ---- crypto ikev2 policy ---- */

/* "match fvrf any": flexsec has the global table only. */
static bool fvrf_any(struct pctx *p, const struct line *l)
{
	if (!need(p, l, 2, "'any'"))
		return false;
	if (!is(l, 2, "any")) {
		bad_value(p, "fvrf", l->w[2], "any (flexsec has no VRFs)");
		return false;
	}
	return no_more(p, l, 3);
}

static void policy_line(struct pctx *p, const struct line *l)
{
	struct conf_policy *po = &p->c->policies[p->idx];
	struct conf_addr a;
	unsigned int i;

	if (is(l, 0, "proposal")) {
		if (!need(p, l, 1, "a proposal name"))
			return;
		for (i = 1; i < l->n; i++) {
			char name[CONF_NAME];

			if (name_arg(p, l, i, name, "proposal name") &&
			    list_add(p, po->proposals, &po->n_proposals, name,
				     "proposals"))
				add_ref(p, REF_PROPOSAL, name);
		}
	} else if (is(l, 0, "match") && is(l, 1, "fvrf")) {
		if (fvrf_any(p, l))
			po->match_fvrf_any = true;
	} else if (is(l, 0, "match") && is(l, 1, "address") &&
		   is(l, 2, "local")) {
		if (!need(p, l, 3, "an address"))
			return;
		for (i = 3; i < l->n; i++) {
			if (!parse_ip(l->w[i], &a)) {
				bad_value(p, "address", l->w[i], NULL);
				return;
			}
			if (po->n_local >= CONF_MAX_LIST) {
				perr(p, "too many local addresses (at most %d)",
				     CONF_MAX_LIST);
				return;
			}
			po->local[po->n_local++] = a;
		}
	} else {
		unknown(p, l, is(l, 0, "match") && l->n > 1 ? 1 : 0);
	}
}

/* ---- identities ---- */

static bool id_value(struct pctx *p, const struct line *l, unsigned int i,
		     struct conf_id *id)
{
	char q[QUOTE_MAX + 8];

	if (!need(p, l, i, "a value"))
		return false;
	if (!printable(l->w[i])) {
		perr(p, "identity '%s' has a control character",
		     quote(l->w[i], q, sizeof(q)));
		return false;
	}
	if (strlen(l->w[i]) >= sizeof(id->value)) {
		perr(p, "identity '%s' too long (at most %zu characters)",
		     quote(l->w[i], q, sizeof(q)), sizeof(id->value) - 1);
		return false;
	}
	strcpy(id->value, l->w[i]);
	return no_more(p, l, i + 1);
}

/*
 * An identity from word I: address A, fqdn F, email E, key-id K, and dn
 * when DN_OK. A RULE (what a peer's identity is matched against) may also
 * be a subnet (address A MASK, A/LEN) or a domain (fqdn|email domain D).
 */
static bool id_arg(struct pctx *p, const struct line *l, unsigned int i,
		   struct conf_id *id, bool rule, bool dn_ok)
{
	memset(id, 0, sizeof(*id));
	if (!need(p, l, i, "an identity (address, fqdn, email, key-id)"))
		return false;
	if (is(l, i, "address")) {
		i++;
		id->type = CONF_ID_ADDRESS;
		if (rule) {
			if (!addr_arg(p, l, &i, &id->addr, true))
				return false;
		} else {
			if (!need(p, l, i, "an address"))
				return false;
			if (!parse_ip(l->w[i], &id->addr)) {
				bad_value(p, "address", l->w[i], NULL);
				return false;
			}
			i++;
		}
		return no_more(p, l, i);
	}
	if (is(l, i, "fqdn") || is(l, i, "email")) {
		id->type = is(l, i, "fqdn") ? CONF_ID_FQDN : CONF_ID_EMAIL;
		i++;
		if (rule && is(l, i, "domain") && i + 1 < l->n) {
			id->domain = true;
			i++;
		}
		return id_value(p, l, i, id);
	}
	if (is(l, i, "key-id")) {
		id->type = CONF_ID_KEY_ID;
		return id_value(p, l, i + 1, id);
	}
	if (dn_ok && is(l, i, "dn")) {
		uint8_t der[512];

		id->type = CONF_ID_DN;
		if (i + 1 >= l->n)
			return true;	/* the address stands in, as without */
		if (!id_value(p, l, i + 1, id))
			return false;
		if (conf_dn_der(id->value, der, sizeof(der)) < 0) {
			perr(p, "'%s' is not a distinguished name (CN=name,O=org,...)",
			     id->value);
			return false;
		}
		return true;
	}
	bad_value(p, "identity type", l->w[i],
		  dn_ok ? "address|fqdn|email|key-id|dn" :
			  "address|fqdn|email|key-id");
	return false;
}

/* ---- crypto ikev2 keyring / peer ---- */

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = (char)tolower((unsigned char)ch);
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

/* The key as bytes into OUT; never quotes the key in a message. */
static bool psk_decode(struct pctx *p, const char *key, bool hex,
		       uint8_t *out, unsigned int *len)
{
	size_t n = strlen(key), i;

	if (!hex) {
		if (n > CONF_MAX_KEY) {
			perr(p, "pre-shared-key too long (%zu bytes, at most "
			     "%d)", n, CONF_MAX_KEY);
			return false;
		}
		memcpy(out, key, n);
		*len = (unsigned int)n;
		return true;
	}
	if (n % 2 || n / 2 > CONF_MAX_KEY) {
		perr(p, "hex pre-shared-key needs an even number of hex "
		     "digits, at most %d (has %zu)", 2 * CONF_MAX_KEY, n);
		return false;
	}
	for (i = 0; i < n; i += 2) {
		int hi = hexval(key[i]), lo = hexval(key[i + 1]);

		if (hi < 0 || lo < 0) {
			perr(p, "hex pre-shared-key: character %zu is not a "
			     "hex digit", hi < 0 ? i + 1 : i + 2);
			return false;
		}
		out[i / 2] = (uint8_t)(hi << 4 | lo);
	}
	*len = (unsigned int)(n / 2);
	return true;
}

/*
 * pre-shared-key [local|remote] [0|6] [hex] KEY: options are taken only
 * while a word follows them; the key is the rest of the line.
 */
static void psk_line(struct pctx *p, const struct line *l,
		     struct conf_keyring_peer *kp)
{
	bool local = true, remote = true, hex = false, typed = false;
	uint8_t key[CONF_MAX_KEY];
	unsigned int i = 1, len;

	if (!need(p, l, 1, "a key"))
		return;
	if (i + 1 < l->n && (is(l, i, "local") || is(l, i, "remote"))) {
		local = is(l, i, "local");
		remote = !local;
		i++;
	}
	for (; i + 1 < l->n; i++) {
		if (!typed && !strcmp(l->w[i], "6")) {
			perr(p, "pre-shared-key of type 6 (encrypted) cannot "
			     "be read: flexsec has no master key; write the "
			     "key in clear (type 0)");
			return;
		} else if (!typed && !strcmp(l->w[i], "0")) {
			typed = true;
		} else if (!hex && is(l, i, "hex")) {
			hex = true;
		} else {
			break;
		}
	}
	if (!psk_decode(p, rest(l, i), hex, key, &len))
		goto out;
	if (local) {
		memcpy(kp->psk_local, key, len);
		kp->psk_local_len = len;
	}
	if (remote) {
		memcpy(kp->psk_remote, key, len);
		kp->psk_remote_len = len;
	}
out:
	explicit_bzero(key, sizeof(key));
}

static void peer_line(struct pctx *p, const struct line *l)
{
	struct conf_keyring *kr = &p->c->keyrings[p->idx];
	struct conf_keyring_peer *kp = &kr->peers[p->peer];
	char q[QUOTE_MAX + 8];
	unsigned int i = 1;

	if (is(l, 0, "address")) {
		struct conf_addr a;

		if (addr_arg(p, l, &i, &a, true) && no_more(p, l, i))
			kp->address = a;
	} else if (is(l, 0, "hostname")) {
		if (!need(p, l, 1, "a host name") || !no_more(p, l, 2))
			return;
		if (!printable(l->w[1]) ||
		    strlen(l->w[1]) >= sizeof(kp->hostname)) {
			perr(p, "bad hostname '%s'",
			     quote(l->w[1], q, sizeof(q)));
			return;
		}
		strcpy(kp->hostname, l->w[1]);
	} else if (is(l, 0, "identity")) {
		struct conf_id id;

		if (id_arg(p, l, 1, &id, true, false))
			kp->identity = id;
	} else if (is(l, 0, "pre-shared-key")) {
		psk_line(p, l, kp);
	} else if (is(l, 0, "description")) {
		need(p, l, 1, "a text");
	} else {
		unknown(p, l, 0);
	}
}

static void keyring_line(struct pctx *p, const struct line *l)
{
	struct conf_keyring *kr = &p->c->keyrings[p->idx];
	struct conf_keyring_peer *kp;
	char name[CONF_NAME];
	unsigned int i;

	if (!is(l, 0, "peer")) {
		if (p->peer >= 0)
			return peer_line(p, l);
		if (is(l, 0, "address") || is(l, 0, "pre-shared-key") ||
		    is(l, 0, "identity") || is(l, 0, "hostname")) {
			perr(p, "'%s' outside a peer in crypto ikev2 keyring "
			     "%s (open one with 'peer NAME')", l->w[0],
			     kr->name);
			return;
		}
		return unknown(p, l, 0);
	}
	if (!name_arg(p, l, 1, name, "peer name") || !no_more(p, l, 2))
		return;
	for (i = 0; i < kr->n_peers; i++) {
		if (!strcmp(kr->peers[i].name, name)) {
			p->peer = (int)i;
			return;
		}
	}
	kp = grow(p, (void **)&kr->peers, &kr->n_peers, sizeof(*kp));
	if (!kp)
		return;
	strcpy(kp->name, name);
	kp->line = p->line;
	p->peer = (int)(kr->n_peers - 1);
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
			if (!num(p, l, ++i, "eap timeout", 45, 180, &t))
				return false;
		} else if (!is(l, i, "query-identity") && !is(l, i, "gtc") &&
			   !is(l, i, "md5") && !is(l, i, "mschapv2")) {
			bad_value(p, "eap option", l->w[i],
				  "query-identity|timeout N|gtc|md5|mschapv2");
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
		if (need(p, l, 1, "local or remote"))
			bad_value(p, "authentication side", l->w[1],
				  "local|remote");
		return;
	}
	if (!need(p, l, 2, "a method"))
		return;
	if (!auth_word(l->w[2], remote, &a)) {
		bad_value(p, "authentication method", l->w[2],
			  remote ? "pre-share|rsa-sig|ecdsa-sig|eap" :
				   "pre-share|rsa-sig|ecdsa-sig");
		return;
	}
	if (a == CONF_AUTH_EAP ? !eap_options(p, l, 3) : !no_more(p, l, 3))
		return;
	if (!remote) {
		pf->auth_local = a;
		return;
	}
	for (i = 0; i < pf->n_auth_remote; i++)
		if (pf->auth_remote[i] == a)
			return;
	if (pf->n_auth_remote >= ARRAY_SIZE(pf->auth_remote)) {
		perr(p, "too many remote authentication methods (at most %zu)",
		     ARRAY_SIZE(pf->auth_remote));
		return;
	}
	pf->auth_remote[pf->n_auth_remote++] = a;
}

static bool dpd_args(struct pctx *p, const struct line *l, unsigned int i,
		     uint32_t *interval, uint32_t *retry,
		     enum conf_dpd_mode *mode)
{
	uint32_t iv, rt;

	if (!num(p, l, i, "dpd interval", 10, 3600, &iv) ||
	    !num(p, l, i + 1, "dpd retry", 2, 60, &rt) ||
	    !need(p, l, i + 2, "on-demand or periodic"))
		return false;
	if (is(l, i + 2, "on-demand")) {
		*mode = CONF_DPD_ON_DEMAND;
	} else if (is(l, i + 2, "periodic")) {
		*mode = CONF_DPD_PERIODIC;
	} else {
		bad_value(p, "dpd mode", l->w[i + 2], "on-demand|periodic");
		return false;
	}
	if (!no_more(p, l, i + 3))
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
		if (need(p, l, 2, "local or remote"))
			bad_value(p, "match identity side", l->w[2],
				  "local|remote");
		return;
	}
	if (remote && is(l, 3, "any")) {
		if (no_more(p, l, 4))
			pf->match_any = true;
		return;
	}
	if (!id_arg(p, l, 3, &id, true, true))
		return;
	if (id.type == CONF_ID_DN && !id.value[0]) {
		perr(p, "match identity %s dn needs the name", remote ? "remote" : "local");
		return;
	}
	if (*n >= CONF_MAX_LIST) {
		perr(p, "too many match identity statements (at most %d)",
		     CONF_MAX_LIST);
		return;
	}
	list[(*n)++] = id;
}

static void profile_line(struct pctx *p, const struct line *l)
{
	struct conf_profile *pf = &p->c->profiles[p->idx];
	struct conf_id id;

	if (is(l, 0, "match") && is(l, 1, "identity")) {
		match_id_line(p, l, pf);
	} else if (is(l, 0, "match") && is(l, 1, "fvrf")) {
		fvrf_any(p, l);
	} else if (is(l, 0, "identity") && is(l, 1, "local")) {
		if (id_arg(p, l, 2, &id, false, true))
			pf->identity_local = id;
	} else if (is(l, 0, "authentication")) {
		auth_line(p, l, pf);
	} else if (is(l, 0, "keyring")) {
		if (!need(p, l, 1, "'local NAME'"))
			return;
		if (!is(l, 1, "local")) {
			bad_value(p, "keyring source", l->w[1],
				  "local (flexsec has no AAA keyrings)");
			return;
		}
		if (name_arg(p, l, 2, pf->keyring, "keyring name") &&
		    no_more(p, l, 3))
			add_ref(p, REF_KEYRING, pf->keyring);
	} else if (is(l, 0, "lifetime")) {
		if (num(p, l, 1, "lifetime", 120, 86400, &pf->lifetime))
			no_more(p, l, 2);
	} else if (is(l, 0, "dpd")) {
		dpd_args(p, l, 1, &pf->dpd_interval, &pf->dpd_retry,
			 &pf->dpd_mode);
	} else if (is(l, 0, "description")) {
		desc_arg(p, l, 1, pf->description, sizeof(pf->description));
	} else if (is(l, 0, "no") && is(l, 1, "description")) {
		pf->description[0] = '\0';
	} else {
		unknown(p, l, is(l, 0, "match") && l->n > 1 ? 1 : 0);
	}
}

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

	if (!need(p, l, i, "at least one transform"))
		return false;
	for (; i < l->n; i++) {
		e = esp_alg_by_conf(lower(l->w[i], lw, sizeof(lw)));
		if (!e) {
			bad_value(p, "transform", l->w[i],
				  "esp-aes [128|192|256]|esp-gcm [128|256]|"
				  "esp-chacha20-poly1305|esp-sha-hmac|"
				  "esp-sha256-hmac|esp-sha384-hmac|"
				  "esp-sha512-hmac");
			return false;
		}
		if (e->type == IKE_TT_INTEG) {
			if (has_integ) {
				perr(p, "transform '%s': only one integrity "
				     "transform per set", e->conf);
				return false;
			}
			has_integ = true;
			ts->integ = e->id;
			continue;
		}
		if (has_encr) {
			perr(p, "transform '%s': only one encryption transform "
			     "per set", e->conf);
			return false;
		}
		has_encr = true;
		bits = e->default_bits;
		if (e->takes_bits && i + 1 < l->n &&
		    isdigit((unsigned char)l->w[i + 1][0])) {
			i++;
			if (!parse_u32(l->w[i], 1, 65535, &bits) ||
			    !esp_kernel_name(IKE_TT_ENCR, e->id,
					     (uint16_t)bits)) {
				bad_value(p, "key size", l->w[i],
					  e->id == IKE_ENCR_AES_CBC ?
					  "128|192|256" : "128|256");
				return false;
			}
		}
		ts->encr = e->id;
		ts->encr_bits = (uint16_t)bits;
	}
	if (!has_encr) {
		perr(p, "transform-set %s has no encryption transform",
		     ts->name);
		return false;
	}
	if (esp_is_aead(ts->encr, ts->encr_bits) && has_integ) {
		perr(p, "transform-set %s: an AEAD transform (esp-gcm, "
		     "esp-chacha20-poly1305) stands alone, without an "
		     "integrity transform", ts->name);
		return false;
	}
	if (!esp_is_aead(ts->encr, ts->encr_bits) && !has_integ) {
		perr(p, "transform-set %s: esp-aes needs an integrity "
		     "transform (esp-sha256-hmac...)", ts->name);
		return false;
	}
	return true;
}

static void tset_line(struct pctx *p, const struct line *l)
{
	struct conf_transform_set *ts = &p->c->tsets[p->idx];

	if (!is(l, 0, "mode"))
		return unknown(p, l, 0);
	if (!need(p, l, 1, "tunnel or transport"))
		return;
	if (is(l, 1, "tunnel")) {
		if (no_more(p, l, 2))
			ts->mode = CONF_MODE_TUNNEL;
	} else if (is(l, 1, "transport")) {
		if (no_more(p, l, is(l, 2, "require") ? 3 : 2))
			ts->mode = CONF_MODE_TRANSPORT;
	} else {
		bad_value(p, "mode", l->w[1], "tunnel|transport");
	}
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

static void sa_lifetime(struct pctx *p, const struct line *l, unsigned int i,
			uint64_t *kb, uint32_t *sec, bool days_ok)
{
	uint32_t v;

	if (!need(p, l, i, days_ok ? "kilobytes N, seconds N or days N" :
				     "kilobytes N or seconds N"))
		return;
	if (is(l, i, "kilobytes")) {
		if (num(p, l, i + 1, "lifetime kilobytes", 2560, UINT32_MAX,
			&v) && no_more(p, l, i + 2))
			*kb = v;
	} else if (is(l, i, "seconds")) {
		if (num(p, l, i + 1, "lifetime seconds", 120, 86400, &v) &&
		    no_more(p, l, i + 2))
			*sec = v;
	} else if (days_ok && is(l, i, "days")) {
		if (num(p, l, i + 1, "lifetime days", 1, 30, &v) &&
		    no_more(p, l, i + 2))
			*sec = v * 86400;
	} else {
		bad_value(p, "lifetime unit", l->w[i],
			  days_ok ? "kilobytes|seconds|days" :
				    "kilobytes|seconds");
	}
}

static void sa_replay(struct pctx *p, const struct line *l, unsigned int i,
		      uint32_t *window)
{
	uint32_t v;

	if (!need(p, l, i, "window-size N or disable"))
		return;
	if (is(l, i, "disable")) {
		if (no_more(p, l, i + 1))
			*window = 0;
		return;
	}
	if (!is(l, i, "window-size")) {
		bad_value(p, "replay option", l->w[i], "window-size|disable");
		return;
	}
	if (!need(p, l, i + 1, "a window size"))
		return;
	if (!parse_u32(l->w[i + 1], 64, 1024, &v) || (v & (v - 1))) {
		bad_value(p, "replay window-size", l->w[i + 1],
			  "64|128|256|512|1024");
		return;
	}
	if (no_more(p, l, i + 2))
		*window = v;
}

static void ipsec_set_line(struct pctx *p, const struct line *l,
			   struct conf_ipsec_profile *ip)
{
	char name[CONF_NAME];
	unsigned int i;

	if (is(l, 1, "transform-set")) {
		if (!need(p, l, 2, "a transform-set name"))
			return;
		ip->n_tsets = 0;
		for (i = 2; i < l->n; i++)
			if (name_arg(p, l, i, name, "transform-set name") &&
			    list_add(p, ip->tsets, &ip->n_tsets, name,
				     "transform sets"))
				add_ref(p, REF_TSET, name);
	} else if (is(l, 1, "ikev2-profile")) {
		if (name_arg(p, l, 2, ip->ikev2_profile,
			     "IKEv2 profile name") && no_more(p, l, 3))
			add_ref(p, REF_PROFILE, ip->ikev2_profile);
	} else if (is(l, 1, "pfs")) {
		uint16_t g;

		if (!need(p, l, 2, "a group (group14, group19...)"))
			return;
		g = group_word(l->w[2]);
		if (!g || strncasecmp(l->w[2], "group", 5))
			bad_value(p, "pfs group", l->w[2],
				  "group14|group15|group16|group19|group20|"
				  "group21|group31");
		else if (no_more(p, l, 3))
			ip->pfs_group = g;
	} else if (is(l, 1, "security-association") && is(l, 2, "lifetime")) {
		sa_lifetime(p, l, 3, &ip->lifetime_kb, &ip->lifetime_sec, true);
	} else if (is(l, 1, "security-association") && is(l, 2, "replay")) {
		sa_replay(p, l, 3, &ip->replay_window);
	} else {
		unknown(p, l, l->n > 1 ? 1 : 0);
	}
}

static void ipsec_line(struct pctx *p, const struct line *l)
{
	struct conf_ipsec_profile *ip = &p->c->ipsec_profiles[p->idx];

	if (is(l, 0, "set")) {
		ipsec_set_line(p, l, ip);
	} else if (is(l, 0, "responder-only")) {
		if (no_more(p, l, 1))
			ip->responder_only = true;
	} else if (is(l, 0, "description")) {
		desc_arg(p, l, 1, ip->description, sizeof(ip->description));
	} else if (is(l, 0, "no") && is(l, 1, "description")) {
		ip->description[0] = '\0';
	} else if (is(l, 0, "no") && is(l, 1, "responder-only")) {
		ip->responder_only = false;
	} else {
		unknown(p, l, 0);
	}
}

/* ---- interface TunnelN ---- */

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
	{ "ipv6", "enable" },
	{ "ipv6", "mtu" },
	{ "ipv6", "redirects" },
	{ "ipv6", "unreachables" },
	{ "tunnel", "path-mtu-discovery" },
};

static bool tun_ignore(struct pctx *p, const struct line *l)
{
	unsigned int i, o = is(l, 0, "no") ? 1 : 0;
	char q[QUOTE_MAX + 8];

	for (i = 0; i < ARRAY_SIZE(tun_ignored); i++) {
		if (!is(l, o, tun_ignored[i][0]))
			continue;
		if (tun_ignored[i][1] && !is(l, o + 1, tun_ignored[i][1]))
			continue;
		pwarn(p, "'%s' ignored on interface %s (not done by flexsec)",
		      quote(rest(l, 0), q, sizeof(q)),
		      p->c->tunnels[p->idx].name);
		return true;
	}
	return false;
}

static void tun_mode(struct pctx *p, const struct line *l,
		     struct conf_tunnel *t)
{
	struct tun_extra *x = &p->tx[p->idx];
	char q[QUOTE_MAX + 8];
	int family;

	if (!need(p, l, 2, "gre ip or ipsec ipv4") ||
	    !need(p, l, 3, "the transport (ip, ipv4...)"))
		return;
	if (is(l, 2, "gre") && (is(l, 3, "ip") || is(l, 3, "ipv6"))) {
		t->mode = CONF_TUN_GRE;
		family = is(l, 3, "ip") ? AF_INET : AF_INET6;
	} else if (is(l, 2, "ipsec") &&
		   (is(l, 3, "ipv4") || is(l, 3, "ipv6"))) {
		t->mode = CONF_TUN_VTI;
		family = is(l, 3, "ipv4") ? AF_INET : AF_INET6;
	} else {
		perr(p, "unsupported tunnel mode '%s' (flexsec does gre ip, "
		     "gre ipv6, ipsec ipv4, ipsec ipv6)",
		     quote(rest(l, 2), q, sizeof(q)));
		return;
	}
	if (!no_more(p, l, 4))
		return;
	x->family = family;
	x->mode_line = p->line;
}

static void tun_source(struct pctx *p, const struct line *l,
		       struct conf_tunnel *t)
{
	struct conf_addr a;

	if (!need(p, l, 2, "an address or an interface") ||
	    !no_more(p, l, 3))
		return;
	memset(&t->source, 0, sizeof(t->source));
	t->source_if[0] = '\0';
	if (parse_ip(l->w[2], &a))
		t->source = a;
	else if (ifname_ok(l->w[2]))
		strcpy(t->source_if, l->w[2]);
	else
		bad_value(p, "tunnel source", l->w[2],
			  "an address, or a Linux interface name of up to 15 "
			  "characters without '/'");
}

static void tun_tunnel_line(struct pctx *p, const struct line *l,
			    struct conf_tunnel *t)
{
	if (is(l, 1, "source")) {
		tun_source(p, l, t);
	} else if (is(l, 1, "destination")) {
		struct conf_addr a;

		if (!need(p, l, 2, "an address") || !no_more(p, l, 3))
			return;
		if (!parse_ip(l->w[2], &a))
			bad_value(p, "tunnel destination", l->w[2],
				  "an IPv4 or IPv6 address");
		else
			t->destination = a;
	} else if (is(l, 1, "mode")) {
		tun_mode(p, l, t);
	} else if (is(l, 1, "key")) {
		if (num(p, l, 2, "tunnel key", 0, UINT32_MAX, &t->key) &&
		    no_more(p, l, 3))
			t->has_key = true;
	} else if (is(l, 1, "protection")) {
		if (!is(l, 2, "ipsec") || !is(l, 3, "profile")) {
			perr(p, "expected 'tunnel protection ipsec profile "
			     "NAME'");
			return;
		}
		if (name_arg(p, l, 4, t->protection, "IPsec profile name") &&
		    no_more(p, l, 5))
			add_ref(p, REF_IPSEC, t->protection);
	} else {
		unknown(p, l, l->n > 1 ? 1 : 0);
	}
}

static void tun_ip_line(struct pctx *p, const struct line *l,
			struct conf_tunnel *t)
{
	unsigned int i = 2;
	struct conf_addr a;

	if (is(l, 0, "ip") && is(l, 1, "address")) {
		if (addr_arg(p, l, &i, &a, false) && no_more(p, l, i)) {
			if (a.family != AF_INET)
				bad_value(p, "ip address", l->w[2],
					  "an IPv4 address");
			else
				t->ip = a;
		}
	} else if (is(l, 0, "ipv6") && is(l, 1, "address")) {
		if (!need(p, l, 2, "an address A/LEN") || !no_more(p, l, 3))
			return;
		if (!parse_prefix(l->w[2], &a, false) || a.family != AF_INET6)
			bad_value(p, "ipv6 address", l->w[2], "A/LEN");
		else
			t->ip6 = a;
	} else if (is(l, 0, "ip") && is(l, 1, "mtu")) {
		if (num(p, l, 2, "ip mtu", 68, 65535, &t->mtu))
			no_more(p, l, 3);
	} else {
		unknown(p, l, l->n > 1 ? 1 : 0);
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
	else if (is(l, 1, "ip") && is(l, 2, "address"))
		memset(&t->ip, 0, sizeof(t->ip));
	else if (is(l, 1, "ipv6") && is(l, 2, "address"))
		memset(&t->ip6, 0, sizeof(t->ip6));
	else if (is(l, 1, "ip") && is(l, 2, "mtu"))
		t->mtu = 0;
	else if (is(l, 1, "tunnel") && is(l, 2, "key"))
		t->has_key = false;
	else if (is(l, 1, "tunnel") && is(l, 2, "protection"))
		t->protection[0] = '\0';
	else if (is(l, 1, "tunnel") && is(l, 2, "destination"))
		memset(&t->destination, 0, sizeof(t->destination));
	else if (need(p, l, 1, "a keyword"))
		perr(p, "'no %s' is not supported on interface %s", l->w[1],
		     t->name);
}

static void tunnel_line(struct pctx *p, const struct line *l)
{
	struct conf_tunnel *t = &p->c->tunnels[p->idx];

	if (tun_ignore(p, l))
		return;
	if (is(l, 0, "tunnel")) {
		tun_tunnel_line(p, l, t);
	} else if (is(l, 0, "ip") || is(l, 0, "ipv6")) {
		tun_ip_line(p, l, t);
	} else if (is(l, 0, "shutdown")) {
		if (no_more(p, l, 1))
			t->shutdown = true;
	} else if (is(l, 0, "no")) {
		tun_no_line(p, l, t);
	} else if (is(l, 0, "description")) {
		desc_arg(p, l, 1, t->description, sizeof(t->description));
	} else {
		unknown(p, l, 0);
	}
}

/* ---- opening blocks ---- */

/* Finds NAME in an array of objects whose first member is the name. */
static int find_named(const void *arr, unsigned int n, size_t size,
		      const char *name)
{
	const char *base = arr;
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!strcmp(base + i * size, name))
			return (int)i;
	return -1;
}

/* Every block struct starts with its name and then its line. */
#define LINE_OFFSET	offsetof(struct conf_proposal, line)
#define SAME_LAYOUT(t)							\
	_Static_assert(offsetof(t, name) == 0 &&			\
		       offsetof(t, line) == LINE_OFFSET, #t)
SAME_LAYOUT(struct conf_proposal);
SAME_LAYOUT(struct conf_policy);
SAME_LAYOUT(struct conf_keyring);
SAME_LAYOUT(struct conf_profile);
SAME_LAYOUT(struct conf_transform_set);
SAME_LAYOUT(struct conf_ipsec_profile);
SAME_LAYOUT(struct conf_tunnel);

/* Opens (or reopens, as IOS does) the block named NAME of kind B. */
static void *open_named(struct pctx *p, enum blk b, void **arr,
			unsigned int *n, size_t size, const char *name)
{
	int i = find_named(*arr, *n, size, name);
	char *o;

	if (i < 0) {
		o = grow(p, arr, n, size);
		if (!o)
			return NULL;
		strcpy(o, name);
		memcpy(o + LINE_OFFSET, &p->line, sizeof(int));
		i = (int)*n - 1;
	}
	p->blk = b;
	p->idx = (unsigned int)i;
	p->peer = -1;
	return (char *)*arr + (size_t)i * size;
}

/* "crypto ikev2 proposal NAME" and its kind: the name at word 3. */
static void open_block(struct pctx *p, const struct line *l, enum blk b)
{
	struct conf *c = p->c;
	struct conf_ipsec_profile *ip;
	char name[CONF_NAME];
	unsigned int n;

	if (!name_arg(p, l, 3, name, "name") || !no_more(p, l, 4)) {
		p->blk = BLK_SKIP;
		return;
	}
	switch (b) {
	case BLK_PROPOSAL:
		open_named(p, b, (void **)&c->proposals, &c->n_proposals,
			   sizeof(*c->proposals), name);
		break;
	case BLK_POLICY:
		open_named(p, b, (void **)&c->policies, &c->n_policies,
			   sizeof(*c->policies), name);
		break;
	case BLK_KEYRING:
		open_named(p, b, (void **)&c->keyrings, &c->n_keyrings,
			   sizeof(*c->keyrings), name);
		break;
	case BLK_PROFILE:
		open_named(p, b, (void **)&c->profiles, &c->n_profiles,
			   sizeof(*c->profiles), name);
		break;
	case BLK_IPSEC:
		n = c->n_ipsec_profiles;
		ip = open_named(p, b, (void **)&c->ipsec_profiles,
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

static void open_tset(struct pctx *p, const struct line *l)
{
	struct conf_transform_set *ts, tmp;
	struct conf *c = p->c;

	memset(&tmp, 0, sizeof(tmp));
	if (!name_arg(p, l, 3, tmp.name, "name") ||
	    !tset_transforms(p, l, 4, &tmp)) {
		p->blk = BLK_SKIP;
		return;
	}
	ts = open_named(p, BLK_TSET, (void **)&c->tsets, &c->n_tsets,
			sizeof(*c->tsets), tmp.name);
	if (!ts) {
		p->blk = BLK_SKIP;
		return;
	}
	ts->encr = tmp.encr;
	ts->encr_bits = tmp.encr_bits;
	ts->integ = tmp.integ;
}

/* "interface Tunnel0", "interface tunnel 0": the canonical name. */
static bool tunnel_name(const struct line *l, char *out)
{
	const char *s, *c;

	if (l->n < 2 || strncasecmp(l->w[1], "tunnel", 6))
		return false;
	s = l->w[1] + 6;
	if (!*s && l->n == 3)
		s = l->w[2];
	else if (l->n != 2)
		return false;
	if (strlen(s) + 6 > IFNAME_MAX || !isdigit((unsigned char)*s))
		return false;
	for (c = s; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '.' && *c != '_' &&
		    *c != '-')
			return false;
	memcpy(out, "Tunnel", 6);
	strcpy(out + 6, s);
	return true;
}

static bool open_tunnel(struct pctx *p, const struct line *l)
{
	struct conf *c = p->c;
	char name[CONF_NAME], q[QUOTE_MAX + 8];
	unsigned int n = c->n_tunnels;
	struct tun_extra *x;

	if (l->n < 2 || strncasecmp(l->w[1], "tunnel", 6))
		return false;
	if (!tunnel_name(l, name)) {
		perr(p, "bad tunnel interface '%s' (Tunnel followed by a "
		     "number, at most 15 characters in all)",
		     quote(rest(l, 1), q, sizeof(q)));
		p->blk = BLK_SKIP;
		return true;
	}
	if (!open_named(p, BLK_TUNNEL, (void **)&c->tunnels, &c->n_tunnels,
			sizeof(*c->tunnels), name)) {
		p->blk = BLK_SKIP;
		return true;
	}
	if (c->n_tunnels == n)
		return true;
	x = grow(p, (void **)&p->tx, &p->n_tx, sizeof(*x));
	if (!x) {
		p->blk = BLK_SKIP;
		return true;
	}
	x->family = 0;
	return true;
}

/* ---- global lines ---- */

static void g_limit(struct pctx *p, const struct line *l)
{
	struct conf_global *g = &p->c->g;
	uint32_t v;

	if (is(l, 3, "max-sa")) {
		if (num(p, l, 4, "max-sa", 1, 100000, &v) && no_more(p, l, 5))
			g->max_sa = v;
	} else if (is(l, 3, "max-in-negotiation-sa")) {
		if (!num(p, l, 4, "max-in-negotiation-sa", 1, 99999, &v))
			return;
		if (l->n > 5 && !is(l, 5, "incoming") &&
		    !is(l, 5, "outgoing")) {
			bad_value(p, "direction", l->w[5],
				  "incoming|outgoing");
			return;
		}
		if (!no_more(p, l, 6))
			return;
		if (!is(l, 5, "outgoing"))
			g->max_in_negotiation_in = v;
		if (!is(l, 5, "incoming"))
			g->max_in_negotiation_out = v;
	} else if (need(p, l, 3, "max-sa or max-in-negotiation-sa")) {
		bad_value(p, "limit", l->w[3], "max-sa|max-in-negotiation-sa");
	}
}

static void g_retransmit(struct pctx *p, const struct line *l)
{
	struct conf_global *g = &p->c->g;
	uint32_t v;

	if (is(l, 3, "count")) {
		if (num(p, l, 4, "retransmit count", 0, 20, &v) &&
		    no_more(p, l, 5))
			g->retransmit_count = v;
	} else if (is(l, 3, "timeout")) {
		if (num(p, l, 4, "retransmit timeout", 100, 60000, &v) &&
		    no_more(p, l, 5))
			g->retransmit_timeout_ms = v;
	} else if (need(p, l, 3, "count N or timeout MS")) {
		bad_value(p, "retransmit option", l->w[3], "count|timeout");
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
	else if (is(l, 2, "window")) {
		if (num(p, l, 3, "window", 1, IKE_WINDOW_MAX, &v) &&
		    no_more(p, l, 4))
			g->window = v;
	} else if (is(l, 2, "limit")) {
		g_limit(p, l);
	} else if (is(l, 2, "dpd")) {
		dpd_args(p, l, 3, &g->dpd_interval, &g->dpd_retry,
			 &g->dpd_mode);
	} else if (is(l, 2, "retransmit")) {
		g_retransmit(p, l);
	} else if (is(l, 2, "half-open-timeout")) {
		if (num(p, l, 3, "half-open-timeout", 5, 3600, &v) &&
		    no_more(p, l, 4))
			g->half_open_timeout = v;
	} else if (is(l, 2, "diagnose") && is(l, 3, "error")) {
		if (num(p, l, 4, "diagnose error", 1, 1000, &v) &&
		    no_more(p, l, 5))
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
		open_tset(p, l);
	} else if (is(l, 2, "profile")) {
		open_block(p, l, BLK_IPSEC);
	} else if (is(l, 2, "security-association") && is(l, 3, "replay")) {
		sa_replay(p, l, 4, &g->replay_window);
	} else if (is(l, 2, "security-association") && is(l, 3, "lifetime")) {
		sa_lifetime(p, l, 4, &g->lifetime_kb, &g->lifetime_sec, false);
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

	pwarn(p, "'%s' not handled by flexsec, skipped",
	      quote(rest(l, 0), q, sizeof(q)));
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
		done = open_tunnel(p, l);
	if (!done)
		skip_block(p, l);
}

static void block_line(struct pctx *p, const struct line *l)
{
	switch (p->blk) {
	case BLK_PROPOSAL:
		return proposal_line(p, l);
	case BLK_POLICY:
		return policy_line(p, l);
	case BLK_KEYRING:
		return keyring_line(p, l);
	case BLK_PROFILE:
		return profile_line(p, l);
	case BLK_TSET:
		return tset_line(p, l);
	case BLK_IPSEC:
		return ipsec_line(p, l);
	case BLK_TUNNEL:
		return tunnel_line(p, l);
	default:
		return;
	}
}

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
			perr(p, "too many words on a line (at most %d)",
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
		perr(p, "line too long (%zu characters, at most %d)", n,
		     LINE_LEN);
		return false;
	}
	if (memchr(s, '\0', n)) {
		perr(p, "NUL character in line");
		return false;
	}
	memcpy(l->raw, s, n);
	l->raw[n] = '\0';
	l->indented = n && (s[0] == ' ' || s[0] == '\t');
	return true;
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
	if (!load_line(p, l, s, n) || !split(p, l) || !l->n)
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

/* ---- conf_finish: smart defaults ---- */

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
	uint16_t *ids = prop_ids(pr, type, &cnt);

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

	pr = grow(p, (void **)&c->proposals, &c->n_proposals, sizeof(*pr));
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
	else if (prop_is_aead(pr) && !pr->n_prf)
		why = "a prf (an AEAD proposal has no integrity to take it "
		      "from)";
	else if (!prop_is_aead(pr) && !pr->n_integ)
		why = "an integrity algorithm";
	else if (!pr->n_group)
		why = "a DH group";
	if (why) {
		perr_at(p, pr->line, "IKEv2 proposal %s is incomplete: it "
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

	if (find_named(c->policies, c->n_policies, sizeof(*po),
		       "default") >= 0)
		return;
	po = grow(p, (void **)&c->policies, &c->n_policies, sizeof(*po));
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

	ts = grow(p, (void **)&c->tsets, &c->n_tsets, sizeof(*ts));
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
	ip = grow(p, (void **)&c->ipsec_profiles, &c->n_ipsec_profiles,
		  sizeof(*ip));
	if (!ip)
		return;
	strcpy(ip->name, "default");
	ip->is_default = true;
	ip->replay_window = UINT32_MAX;
}

/* ---- conf_finish: checks and names ---- */

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
		perr_at(p, pf->line, "IKEv2 profile %s MUST have: 1. a local "
			"and a remote authentication method; 2. a match "
			"identity statement or 'match identity remote any' "
			"(missing: %s)", pf->name, missing + 2);
	for (i = 0; i < pf->n_auth_remote; i++)
		psk |= pf->auth_remote[i] == CONF_AUTH_PSK;
	if (psk && !pf->keyring[0])
		perr_at(p, pf->line, "IKEv2 profile %s authenticates with "
			"pre-share but has no 'keyring local NAME'", pf->name);
	if (!pf->lifetime)
		pf->lifetime = 86400;
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
		perr_at(p, po->line, "IKEv2 policy %s has no proposal",
			po->name);
}

static void check_tunnel(struct pctx *p, struct conf_tunnel *t,
			 const struct tun_extra *x)
{
	int fam = x ? x->family : 0;
	const struct conf_addr *d = &t->destination, *s = &t->source;

	if (fam && ((d->family && d->family != fam) ||
		    (s->family && s->family != fam)))
		perr_at(p, x->mode_line, "interface %s: the tunnel mode is "
			"over IPv%d but the tunnel source or destination is "
			"not", t->name, fam == AF_INET ? 4 : 6);
	if (d->family && s->family && d->family != s->family)
		perr_at(p, t->line, "interface %s: tunnel source and "
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
	}
	return false;
}

static const struct conf_keyring *conf_keyring(const struct conf *c,
					       const char *n)
{
	int i = find_named(c->keyrings, c->n_keyrings, sizeof(*c->keyrings),
			   n);

	return i < 0 ? NULL : &c->keyrings[i];
}

static void check_refs(struct pctx *p)
{
	static const char *const what[] = {
		[REF_PROPOSAL] = "IKEv2 proposal",
		[REF_KEYRING] = "IKEv2 keyring",
		[REF_TSET] = "transform-set",
		[REF_PROFILE] = "IKEv2 profile",
		[REF_IPSEC] = "IPsec profile",
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
			ok = conf_ipsec_profile(c, r->name);
			break;
		}
		if (!ok)
			perr_at(p, r->line, "no such %s '%s'", what[r->kind],
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
			pwarn(p, "keyring %s peer %s has no %spre-shared-key",
			      kr->name, kp->name,
			      !kp->psk_local_len && !kp->psk_remote_len ?
			      "" : kp->psk_local_len ? "remote " : "local ");
		}
	}
}

/* Tunnels flexsec will not key: said now rather than at run time. */
static void warn_tunnels(struct pctx *p)
{
	const struct conf_tunnel *t;
	unsigned int i;

	for (i = 0; i < p->c->n_tunnels; i++) {
		t = &p->c->tunnels[i];
		p->line = t->line;
		if (!t->ipsec)
			pwarn(p, "interface %s has no 'tunnel protection ipsec "
			      "profile': flexsec does not key it", t->name);
		else if (!t->ipsec->prof)
			pwarn(p, "interface %s: IPsec profile %s names no "
			      "IKEv2 profile (set ikev2-profile NAME): flexsec "
			      "cannot key it", t->name, t->ipsec->name);
	}
}

static void conf_finish(struct pctx *p)
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
		check_tunnel(p, &c->tunnels[i], i < p->n_tx ? &p->tx[i] : NULL);
	check_refs(p);
	warn_keyrings(p);
	if (p->n_errors)
		return;
	resolve(p);
	warn_tunnels(p);
}

/* ---- entry points ---- */

static void global_defaults(struct conf_global *g)
{
	g->window = 5;
	g->retransmit_count = 5;
	g->retransmit_timeout_ms = 1000;
	g->half_open_timeout = 30;
	g->max_sa = 0;
	g->max_in_negotiation_in = 40;
	g->max_in_negotiation_out = 400;
	g->dpd_mode = CONF_DPD_PERIODIC;
	g->replay_window = 64;
	g->lifetime_kb = 4608000;
	g->lifetime_sec = 3600;
	g->diag_max = 50;
}

static void parse_text(struct pctx *p, const char *text, size_t len)
{
	struct line *l = malloc(sizeof(*l));
	size_t pos = 0, end;

	if (!l) {
		perr(p, "out of memory");
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

struct conf *conf_parse_string(const char *text, size_t len, const char *name,
			       FILE *err)
{
	struct pctx p;
	struct conf *c = calloc(1, sizeof(*c));

	if (!c) {
		if (err)
			fprintf(err, "%s: error: out of memory\n", name);
		return NULL;
	}
	memset(&p, 0, sizeof(p));
	p.c = c;
	p.err = err;
	p.file = name ? name : "(string)";
	p.peer = -1;
	snprintf(c->path, sizeof(c->path), "%s", p.file);
	global_defaults(&c->g);
	parse_text(&p, text ? text : "", text ? len : 0);
	if (!p.n_errors)
		conf_finish(&p);
	free(p.refs);
	free(p.tx);
	if (p.n_errors) {
		conf_free(c);
		return NULL;
	}
	return c;
}

struct conf *conf_load(const char *path, FILE *err)
{
	struct conf *c;
	char *text;
	size_t len = 0, n;
	FILE *f = fopen(path, "r");

	if (!f) {
		if (err)
			fprintf(err, "%s: error: %s\n", path, strerror(errno));
		return NULL;
	}
	/* no copy of the keys in a stdio buffer */
	setvbuf(f, NULL, _IONBF, 0);
	text = malloc(MAX_FILE + 1);
	if (!text) {
		fclose(f);
		if (err)
			fprintf(err, "%s: error: out of memory\n", path);
		return NULL;
	}
	while ((n = fread(text + len, 1, MAX_FILE + 1 - len, f)) > 0)
		len += n;
	if (ferror(f) || len > MAX_FILE) {
		if (err)
			fprintf(err, "%s: error: %s\n", path, ferror(f) ?
				"read error" : "file too large (over 4 MiB)");
		c = NULL;
	} else {
		c = conf_parse_string(text, len, path, err);
	}
	fclose(f);
	explicit_bzero(text, len);
	free(text);
	return c;
}

void conf_free(struct conf *c)
{
	unsigned int i;

	if (!c)
		return;
	for (i = 0; i < c->n_keyrings; i++) {
		if (c->keyrings[i].peers)
			explicit_bzero(c->keyrings[i].peers,
				       c->keyrings[i].n_peers *
				       sizeof(*c->keyrings[i].peers));
		free(c->keyrings[i].peers);
	}
	free(c->proposals);
	free(c->policies);
	free(c->keyrings);
	free(c->profiles);
	free(c->tsets);
	free(c->ipsec_profiles);
	free(c->tunnels);
	explicit_bzero(c, sizeof(*c));
	free(c);
}

/* ---- lookups ---- */

const struct conf_proposal *conf_proposal(const struct conf *c, const char *n)
{
	int i;

	if (!c || !n)
		return NULL;
	i = find_named(c->proposals, c->n_proposals, sizeof(*c->proposals), n);
	return i < 0 ? NULL : &c->proposals[i];
}

const struct conf_profile *conf_profile(const struct conf *c, const char *n)
{
	int i;

	if (!c || !n)
		return NULL;
	i = find_named(c->profiles, c->n_profiles, sizeof(*c->profiles), n);
	return i < 0 ? NULL : &c->profiles[i];
}

const struct conf_ipsec_profile *conf_ipsec_profile(const struct conf *c,
						    const char *n)
{
	int i;

	if (!c || !n)
		return NULL;
	i = find_named(c->ipsec_profiles, c->n_ipsec_profiles,
		       sizeof(*c->ipsec_profiles), n);
	return i < 0 ? NULL : &c->ipsec_profiles[i];
}

const struct conf_transform_set *conf_tset(const struct conf *c, const char *n)
{
	int i;

	if (!c || !n)
		return NULL;
	i = find_named(c->tsets, c->n_tsets, sizeof(*c->tsets), n);
	return i < 0 ? NULL : &c->tsets[i];
}

const struct conf_tunnel *conf_tunnel(const struct conf *c, const char *n)
{
	int i;

	if (!c || !n)
		return NULL;
	i = find_named(c->tunnels, c->n_tunnels, sizeof(*c->tunnels), n);
	return i < 0 ? NULL : &c->tunnels[i];
}
