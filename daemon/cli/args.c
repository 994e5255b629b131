// SPDX-License-Identifier: GPL-2.0
/* Walking the words of the command line, and the usage errors. */

#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "output.h"

bool args_more(const struct args *a)
{
	return a->argc > 0;
}

char *args_next(struct args *a)
{
	if (a->argc <= 0)
		return NULL;
	a->argc--;
	return *a->argv++;
}

static bool is_help(const char *w)
{
	return !strcmp(w, "help") || !strcmp(w, "-h") || !strcmp(w, "--help");
}

static bool is_json(const char *w)
{
	return !strcmp(w, "-j") || !strcmp(w, "-json") || !strcmp(w, "--json");
}

static bool is_pretty(const char *w)
{
	return !strcmp(w, "-p") || !strcmp(w, "-pretty") ||
	       !strcmp(w, "--pretty");
}

/* The words every command takes where a keyword may be: -j, -p, help. */
int args_option(struct args *a, const char *w)
{
	if (is_json(w)) {
		out_json = true;
		return ARGS_OK;
	}
	if (is_pretty(w)) {
		out_json = true;
		out_pretty = true;
		return ARGS_OK;
	}
	if (is_help(w)) {
		a->usage(stdout);
		return ARGS_HELP;
	}
	return ARGS_NOT_OPTION;
}

int args_exit(int ret)
{
	switch (ret) {
	case ARGS_OK:
	case ARGS_HELP:
		return 0;
	case ARGS_FAIL:
		return EXIT_FAIL;
	}
	return EXIT_USAGE;
}

int usage_error(const struct args *a, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("flexsec: ", stderr);
	if (a->cmd || a->obj)
		fprintf(stderr, "%s: ", a->cmd ? a->cmd : a->obj);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (a->obj)
		fprintf(stderr, "\nTry \"flexsec %s help\".\n", a->obj);
	else
		fputs("\nTry \"flexsec help\".\n", stderr);
	return ARGS_ERROR;
}

/* A value refused by a parser; val NULL keeps it out of the message. */
int bad_value(const struct args *a, const char *kw, const char *val,
	      const struct perr *e)
{
	if (!val || looks_secret(val))
		return usage_error(a, "%s: %s", kw, e->msg);
	return usage_error(a, "%s \"%s\": %s", kw, val, e->msg);
}

int unknown_word(const struct args *a, const char *w)
{
	if (looks_secret(w))
		return usage_error(a, "unexpected hex string (not shown: it may be a key)");
	return usage_error(a, "unknown word \"%s\"", w);
}

int twice(const struct args *a, const char *kw)
{
	return usage_error(a, "%s given twice", kw);
}

int missing(const struct args *a, const char *what)
{
	return usage_error(a, "missing %s", what);
}

int args_value(struct args *a, const char *kw, char **val)
{
	if (!args_more(a))
		return usage_error(a, "%s: missing value", kw);
	*val = args_next(a);
	return ARGS_OK;
}

int args_dev(struct args *a, const char *kw, const char **name,
	     unsigned int *ifindex)
{
	struct perr e;
	char *val = NULL;

	if (*name)
		return twice(a, kw);
	if (args_value(a, kw, &val))
		return ARGS_ERROR;
	if (parse_ifname(val, &e))
		return bad_value(a, kw, val, &e);
	*ifindex = if_nametoindex(val);
	if (!*ifindex) {
		errorf("%s: %s %s: no such device", a->cmd, kw, val);
		return ARGS_FAIL;
	}
	*name = val;
	return ARGS_OK;
}

/*
 * A verb by its name or an unambiguous beginning of it ("sh" for show);
 * names of the same function (del, delete) are not ambiguous.
 */
const struct verb *verb_find(const struct verb *verbs, const char *w,
			     const struct args *a)
{
	const struct verb *v, *found = NULL;
	size_t n = strlen(w);
	bool ambiguous = false;

	for (v = verbs; v->name; v++)
		if (!strcmp(v->name, w))
			return v;
	for (v = verbs; n && v->name; v++) {
		if (strncmp(v->name, w, n))
			continue;
		if (found && found->fn != v->fn)
			ambiguous = true;
		if (!found)
			found = v;
	}
	if (!found) {
		usage_error(a, "unknown command \"%s\"", w);
		return NULL;
	}
	if (!ambiguous)
		return found;
	fflush(stdout);
	fputs("flexsec: ", stderr);
	if (a->obj)
		fprintf(stderr, "%s: ", a->obj);
	fprintf(stderr, "\"%s\" is ambiguous:", w);
	for (v = verbs; v->name; v++)
		if (!strncmp(v->name, w, n))
			fprintf(stderr, " %s", v->name);
	fputc('\n', stderr);
	return NULL;
}

/*
 * Runs the verb the next word names, after any options (-j, -p); without
 * one, runs dflt, or fails when there is none.
 */
int verb_run(struct args *a, const struct verb *verbs, const char *dflt)
{
	static char cmd[64];
	const struct verb *v;
	const char *w;
	int ret;

	while (args_more(a) && a->argv[0][0] == '-') {
		ret = args_option(a, a->argv[0]);
		if (ret == ARGS_NOT_OPTION)
			break;
		args_next(a);
		if (ret != ARGS_OK)
			return args_exit(ret);
	}
	if (args_more(a) && is_help(a->argv[0])) {
		a->usage(stdout);
		return 0;
	}
	if (args_more(a) && a->argv[0][0] != '-') {
		w = args_next(a);
	} else if (dflt) {
		w = dflt;
	} else {
		return args_exit(missing(a, "command"));
	}
	v = verb_find(verbs, w, a);
	if (!v)
		return EXIT_USAGE;
	snprintf(cmd, sizeof(cmd), "%s %s", a->obj, v->name);
	a->cmd = cmd;
	return v->fn(a);
}
