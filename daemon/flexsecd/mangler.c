// SPDX-License-Identifier: GPL-2.0
/*
 * Name manglers applied: the part of a peer's identity its "crypto ikev2
 * name-mangler" keeps, the name the hub's authorization looks up (the
 * rules are in mangler.h). DN identities are the text conf_match.c makes
 * of them, "CN=gw1,O=Example" (blanks around the fields are skipped).
 */

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "mangler.h"

static const struct {
	const char *word;	/* IOS's keyword */
	const char *sn;		/* the field's name in the text */
} dn_fields[MANGLE_DN_COUNT] = {
	[MANGLE_DN_CN] = { "common-name", "CN" },
	[MANGLE_DN_C] = { "country", "C" },
	[MANGLE_DN_DC] = { "domain", "DC" },
	[MANGLE_DN_L] = { "locality", "L" },
	[MANGLE_DN_O] = { "organization", "O" },
	[MANGLE_DN_OU] = { "organization-unit", "OU" },
	[MANGLE_DN_ST] = { "state", "ST" },
};

const char *mangler_dn_word(enum mangle_dn f)
{
	return f > MANGLE_DN_OFF && f < MANGLE_DN_COUNT ?
	       dn_fields[f].word : "?";
}

int mangler_dn_of(const char *word)
{
	int i;

	for (i = MANGLE_DN_OFF + 1; i < MANGLE_DN_COUNT; i++)
		if (!strcasecmp(word, dn_fields[i].word))
			return i;
	return -1;
}

/* S[0..N) into BUF as a string; NULL when empty or too long. */
static const char *copy(const char *s, size_t n, char *buf, size_t len)
{
	if (!n || n >= len)
		return NULL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

/* The part PART of S split at its first (or with LAST its last) DELIM. */
static const char *split(const char *s, char delim, bool last,
			 enum mangle_part part, char *buf, size_t len)
{
	const char *d = last ? strrchr(s, delim) : strchr(s, delim);

	switch (part) {
	case MANGLE_ALL:
		return copy(s, strlen(s), buf, len);
	case MANGLE_HEAD:
		return copy(s, d ? (size_t)(d - s) : strlen(s), buf, len);
	case MANGLE_TAIL:
		return d ? copy(d + 1, strlen(d + 1), buf, len) : NULL;
	default:
		return NULL;
	}
}

static size_t trim(const char **s, size_t n)
{
	while (n && (**s == ' ' || **s == '\t')) {
		(*s)++;
		n--;
	}
	while (n && ((*s)[n - 1] == ' ' || (*s)[n - 1] == '\t'))
		n--;
	return n;
}

/* Adds value V (N bytes) to BUF at *OFF, after a dot when not the first. */
static bool dn_add(const char *v, size_t n, char *buf, size_t len,
		   size_t *off)
{
	size_t dot = *off ? 1 : 0;

	if (!n || *off + dot + n >= len)
		return false;
	if (dot)
		buf[(*off)++] = '.';
	memcpy(buf + *off, v, n);
	*off += n;
	buf[*off] = '\0';
	return true;
}

/* Field F of the DN text DN: the first such field; every DC joined. */
static const char *dn_field(const char *dn, enum mangle_dn f, char *buf,
			    size_t len)
{
	const char *sn = dn_fields[f].sn, *p = dn, *end, *eq, *k;
	size_t off = 0, kn, vn;

	for (; *p; p = *end ? end + 1 : end) {
		end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		eq = memchr(p, '=', (size_t)(end - p));
		if (!eq)
			continue;
		k = p;
		kn = trim(&k, (size_t)(eq - p));
		if (kn != strlen(sn) || strncasecmp(k, sn, kn))
			continue;
		k = eq + 1;
		vn = trim(&k, (size_t)(end - k));
		if (!dn_add(k, vn, buf, len, &off))
			return NULL;
		if (f != MANGLE_DN_DC)
			break;
	}
	return off ? buf : NULL;
}

const char *mangler_apply(const struct conf_mangler *m,
			  const struct conf_id *id, char *buf, size_t len)
{
	if (!m || !id || !buf || !len)
		return NULL;
	switch (id->type) {
	case CONF_ID_FQDN:
		return split(id->value, '.', false, m->fqdn, buf, len);
	case CONF_ID_EMAIL:
		return split(id->value, '@', true, m->email, buf, len);
	case CONF_ID_DN:
		return m->dn ? dn_field(id->value, m->dn, buf, len) : NULL;
	default:
		return NULL;
	}
}

const char *mangler_eap(const struct conf_mangler *m, const char *eap_id,
			char *buf, size_t len)
{
	if (!m || !eap_id || !buf || !len)
		return NULL;
	return split(eap_id, m->eap_delim, false, m->eap, buf, len);
}

const struct conf_mangler *conf_mangler(const struct conf *c,
					const char *name)
{
	unsigned int i;

	for (i = 0; c && name && i < c->n_manglers; i++)
		if (!strcmp(c->manglers[i].name, name))
			return &c->manglers[i];
	return NULL;
}

const char *mangler_name(const struct conf *c, const char *name,
			 const struct conf_id *id, char *buf, size_t len)
{
	return mangler_apply(conf_mangler(c, name), id, buf, len);
}
