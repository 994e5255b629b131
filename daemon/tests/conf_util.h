/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the configuration tests share: a text parsed as "t.conf" with its
 * messages, a file that must parse, the cases of a file that must not
 * (the message names its line and the word at fault).
 */
#ifndef FLEXSEC_TESTS_CONF_UTIL_H
#define FLEXSEC_TESTS_CONF_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"

/* Parses TEXT as "t.conf"; the messages go to *MSGS (freed by caller). */
static inline struct conf *cu_parse(const char *text, char **msgs)
{
	struct conf *c;
	size_t len;
	FILE *f;

	*msgs = NULL;
	f = open_memstream(msgs, &len);
	assert_non_null(f);
	c = conf_parse_string(text, strlen(text), "t.conf", f);
	fclose(f);
	return c;
}

/* Parses TEXT, which must be good; warnings are allowed. */
static inline struct conf *cu_good(const char *text)
{
	char *msgs;
	struct conf *c = cu_parse(text, &msgs);

	if (!c)
		print_error("unexpected errors:\n%s", msgs);
	free(msgs);
	assert_non_null(c);
	return c;
}

struct cu_bad {
	const char *text;
	const char *where;	/* "t.conf:LINE:" */
	const char *word;	/* in the message */
};

/* Each of the N CASES fails with an error at its line naming its word. */
static inline void cu_bad_all(const struct cu_bad *cases, unsigned int n)
{
	unsigned int i;
	struct conf *c;
	char *msgs;

	for (i = 0; i < n; i++) {
		c = cu_parse(cases[i].text, &msgs);
		if (c || !strstr(msgs, cases[i].where) ||
		    !strstr(msgs, cases[i].word) || !strstr(msgs, "error:"))
			print_error("case %u: want %s ... %s, got:\n%s", i,
				    cases[i].where, cases[i].word, msgs);
		assert_null(c);
		assert_non_null(strstr(msgs, cases[i].where));
		assert_non_null(strstr(msgs, cases[i].word));
		free(msgs);
	}
}

#endif /* FLEXSEC_TESTS_CONF_UTIL_H */
