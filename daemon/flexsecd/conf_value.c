// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec.conf: the values of words. Numbers in a range, addresses
 * (A MASK, A/LEN, a host), names, descriptions; a bad one is an error
 * that quotes the word and says what was expected.
 */

#include <arpa/inet.h>
#include <ctype.h>
#include <string.h>

#include "conf_int.h"

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

bool cp_parse_u32(const char *s, uint32_t min, uint32_t max,
		  uint32_t *out)
{
	uint64_t v;

	if (!parse_u64(s, min, max, &v))
		return false;
	*out = (uint32_t)v;
	return true;
}

/* A number word I in [MIN, MAX], or an error naming WHAT. */
bool cp_num(struct pctx *p, const struct line *l, unsigned int i,
	    const char *what, uint32_t min, uint32_t max, uint32_t *out)
{
	char range[48];

	if (!cp_need(p, l, i, what))
		return false;
	if (cp_parse_u32(l->w[i], min, max, out))
		return true;
	snprintf(range, sizeof(range), "a number %u..%u", min, max);
	cp_bad_value(p, what, l->w[i], range);
	return false;
}

/* An address without prefix: IPv4 or IPv6 (no zone). */
bool cp_parse_ip(const char *s, struct conf_addr *a)
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
bool cp_parse_prefix(const char *s, struct conf_addr *a, bool bare_ok)
{
	char buf[INET6_ADDRSTRLEN + 8];
	const char *slash = strchr(s, '/');
	uint32_t plen;
	size_t n;

	if (!slash)
		return bare_ok && cp_parse_ip(s, a);
	n = (size_t)(slash - s);
	if (n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!cp_parse_ip(buf, a))
		return false;
	if (!cp_parse_u32(slash + 1, 0, a->family == AF_INET ? 32 : 128,
			  &plen)) {
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
bool cp_addr_arg(struct pctx *p, const struct line *l, unsigned int *i,
		 struct conf_addr *a, bool mask_opt)
{
	const char *w;

	if (!cp_need(p, l, *i, "an address"))
		return false;
	w = l->w[*i];
	if (strchr(w, '/')) {
		if (!cp_parse_prefix(w, a, false)) {
			cp_bad_value(p, "address", w, "A/LEN");
			return false;
		}
		(*i)++;
		return true;
	}
	if (!cp_parse_ip(w, a)) {
		cp_bad_value(p, "address", w, NULL);
		return false;
	}
	(*i)++;
	if (a->family == AF_INET && *i < l->n) {
		if (!parse_mask(l->w[*i], &a->plen)) {
			cp_bad_value(p, "mask", l->w[*i], "a dotted mask");
			return false;
		}
		(*i)++;
	} else if (a->family == AF_INET && !mask_opt) {
		cp_err(p, "'%s' needs a mask (A MASK or A/LEN)", w);
		return false;
	}
	return true;
}

bool cp_printable(const char *s)
{
	for (; *s; s++)
		if (iscntrl((unsigned char)*s))
			return false;
	return true;
}

bool cp_name_arg(struct pctx *p, const struct line *l, unsigned int i,
		 char *dst, const char *what)
{
	char q[QUOTE_MAX + 8];

	if (!cp_need(p, l, i, what))
		return false;
	if (!cp_printable(l->w[i])) {
		cp_err(p, "%s '%s' has a control character", what,
		       cp_quote(l->w[i], q, sizeof(q)));
		return false;
	}
	if (strlen(l->w[i]) >= CONF_NAME) {
		cp_err(p, "%s '%s' too long (at most %d characters)", what,
		       cp_quote(l->w[i], q, sizeof(q)), CONF_NAME - 1);
		return false;
	}
	strcpy(dst, l->w[i]);
	return true;
}

/* A description: the rest of the line, control characters as '?'. */
bool cp_desc_arg(struct pctx *p, const struct line *l, unsigned int i,
		 char *dst, size_t len)
{
	char *s;

	if (!cp_need(p, l, i, "a text"))
		return false;
	snprintf(dst, len, "%s", rest(l, i));
	for (s = dst; *s; s++)
		if (iscntrl((unsigned char)*s))
			*s = '?';
	return true;
}

/* WORD in lower case for the algorithm tables; "" when too long. */
const char *cp_lower(const char *word, char *buf, size_t len)
{
	size_t i;

	if (strlen(word) >= len)
		return "";
	for (i = 0; word[i]; i++)
		buf[i] = (char)tolower((unsigned char)word[i]);
	buf[i] = '\0';
	return buf;
}
