/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The configuration show commands: "show crypto ikev2 proposal|policy|
 * profile [NAME]" and "show crypto ipsec transform-set|profile [NAME]".
 *
 * Each writes every object of its kind, or only NAME (NULL or "" for all),
 * to OUT: text in the IOS layout, or with JSON one JSON document on one
 * line, an array of objects with snake_case keys and an "is_default" flag
 * for the smart defaults. Keys are never shown. An unknown NAME writes
 * "% no such ikev2 proposal: NAME" (in JSON {"error": "..."}) and returns
 * -1; otherwise the return is 0.
 */
#ifndef FLEXSECD_CONF_SHOW_H
#define FLEXSECD_CONF_SHOW_H

#include <stdbool.h>
#include <stdio.h>

#include "conf.h"

int conf_show_ikev2_proposal(FILE *out, const struct conf *c,
			     const char *name_or_null, bool json);
int conf_show_ikev2_policy(FILE *out, const struct conf *c,
			   const char *name_or_null, bool json);
int conf_show_ikev2_profile(FILE *out, const struct conf *c,
			    const char *name_or_null, bool json);
int conf_show_ipsec_transform_set(FILE *out, const struct conf *c,
				  const char *name_or_null, bool json);
int conf_show_ipsec_profile(FILE *out, const struct conf *c,
			    const char *name_or_null, bool json);

/* The authorization show commands (show_authz.c): "show crypto ikev2
 * authorization policy [NAME]", and "show ip local pool [NAME]" (FAMILY
 * AF_INET) or "show ipv6 local pool [NAME]" (AF_INET6; POOLS: the
 * daemon's pools, with their leases). */
struct pool_set;
int conf_show_authz_policy(FILE *out, const struct conf *c,
			   const char *name_or_null, bool json);
int conf_show_local_pool(FILE *out, const struct pool_set *pools, int family,
			 const char *name_or_null, bool json);

/* Shared by the show files: whether object NAME is the one asked for
 * (WANT NULL or "": every one), and the end of a show: an unknown WANT
 * is "% no such WHAT: WANT" (in JSON {"error": ...}, returning -1), else
 * ARR is written when JSON (and freed either way). */
struct json_object;
bool conf_show_wanted(const char *name, const char *want);
int conf_show_finish(FILE *out, const char *what, const char *want,
		     unsigned int shown, bool json, struct json_object *arr);

#endif /* FLEXSECD_CONF_SHOW_H */
