/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Name manglers: "crypto ikev2 name-mangler NAME", the name to authorize
 * a peer under, made from a part of its identity (IOS semantics):
 *   fqdn hostname|domain|all	before the first dot, after it, all of it
 *   email username|domain|all	before the '@', after it, all of it
 *   dn common-name|country|domain|locality|organization|
 *      organization-unit|state	that field of a DN identity (domain: the
 *				DC fields, joined with dots)
 *   eap all|prefix delimiter C|suffix delimiter C	the EAP identity,
 *				before or after the first C (. @ or \)
 * A mangler has at most one line of each kind; an identity of a kind it
 * has no line for (an address, a key-id) makes no name.
 */
#ifndef FLEXSECD_MANGLER_H
#define FLEXSECD_MANGLER_H

#include <stdbool.h>
#include <stddef.h>

#include "conf.h"

/* What a line keeps of the identity; MANGLE_OFF: no such line. */
enum mangle_part {
	MANGLE_OFF,
	MANGLE_ALL,
	MANGLE_HEAD,	/* fqdn hostname, email username, eap prefix */
	MANGLE_TAIL,	/* fqdn domain, email domain, eap suffix */
};

/* The DN fields, as OpenSSL's short names in conf_id.value. */
enum mangle_dn {
	MANGLE_DN_OFF,
	MANGLE_DN_CN,	/* common-name */
	MANGLE_DN_C,	/* country */
	MANGLE_DN_DC,	/* domain */
	MANGLE_DN_L,	/* locality */
	MANGLE_DN_O,	/* organization */
	MANGLE_DN_OU,	/* organization-unit */
	MANGLE_DN_ST,	/* state */
	MANGLE_DN_COUNT
};

struct conf_mangler {
	char name[CONF_NAME];
	int line;
	unsigned char fqdn, email, eap;	/* enum mangle_part */
	unsigned char dn;		/* enum mangle_dn */
	char eap_delim;			/* prefix/suffix: '.', '@' or '\\' */
};

/* The IOS keyword of a DN field ("common-name"), and back (-1: none). */
const char *mangler_dn_word(enum mangle_dn f);
int mangler_dn_of(const char *word);

/* The name M makes of identity ID into BUF (LEN bytes); NULL when it
 * makes none (no line for ID's kind, no such part, or an empty one). */
const char *mangler_apply(const struct conf_mangler *m,
			  const struct conf_id *id, char *buf, size_t len);
/* The same for an EAP identity (the "eap" line). */
const char *mangler_eap(const struct conf_mangler *m, const char *eap_id,
			char *buf, size_t len);

/* The mangler NAME of C, or NULL. */
const struct conf_mangler *conf_mangler(const struct conf *c,
					const char *name);
/* mangler_apply() with the mangler NAME of C; NULL when C has none. */
const char *mangler_name(const struct conf *c, const char *name,
			 const struct conf_id *id, char *buf, size_t len);

#endif /* FLEXSECD_MANGLER_H */
