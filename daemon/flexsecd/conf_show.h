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

#endif /* FLEXSECD_CONF_SHOW_H */
