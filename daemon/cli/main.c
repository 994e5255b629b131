// SPDX-License-Identifier: GPL-2.0
/* flexsec: global options and dispatch to the objects' commands. */

#include <stdio.h>
#include <string.h>

#include <linux/flexsec.h>

#include "cli.h"
#include "dctl.h"
#include "output.h"

static void usage(FILE *f);
static int help_main(struct args *a);

static const struct verb objects[] = {
	{ "sa", sa_main, sa_usage },
	{ "tunnel", tunnel_main, tunnel_usage },
	{ "monitor", monitor_main, monitor_usage },
	{ "link", link_main, link_usage },
	/* commands for flexsecd, in the words IOS has for them */
	{ "show", dctl_main, dctl_usage },
	{ "clear", dctl_main, dctl_usage },
	{ "debug", dctl_main, dctl_usage },
	{ "undebug", dctl_main, dctl_usage },
	{ "no", dctl_main, dctl_usage },
	{ "reload", dctl_main, dctl_usage },
	{ "crypto", dctl_main, dctl_usage },
	{ "help", help_main, usage },
	{ NULL, NULL, NULL },
};

static void short_usage(FILE *f)
{
	fputs("Usage: flexsec [OPTIONS] OBJECT COMMAND [ARGUMENTS]\n"
	      "       flexsec help [OBJECT]\n"
	      "       flexsec OBJECT help\n"
	      "       flexsec [OPTIONS] { show | clear | debug | undebug | no | reload } WORDS\n"
	      "OBJECT := sa | tunnel | monitor | link\n"
	      "OPTIONS := -j (JSON output) | -p (pretty JSON) | -V (version) | -h (help)\n"
	      "           | -S PATH (flexsecd's control socket)\n"
	      "Objects and commands may be shortened while unambiguous.\n",
	      f);
}

/* Verbs that share a usage (the flexsecd commands) print it once. */
static bool usage_printed(const struct verb *v)
{
	const struct verb *p;

	for (p = objects; p != v; p++)
		if (p->usage == v->usage)
			return true;
	return false;
}

static void usage(FILE *f)
{
	const struct verb *v;

	short_usage(f);
	for (v = objects; v->name; v++) {
		if (v->fn == help_main || usage_printed(v))
			continue;
		fputc('\n', f);
		v->usage(f);
	}
}

static int help_main(struct args *a)
{
	const struct verb *v;
	char *w;

	if (!args_more(a)) {
		usage(stdout);
		return 0;
	}
	w = args_next(a);
	a->obj = NULL;
	v = verb_find(objects, w, a);
	if (!v)
		return EXIT_USAGE;
	v->usage(stdout);
	return 0;
}

static void version(void)
{
	printf("flexsec %s (netlink family %s version %d)\n", FLEXSEC_VERSION,
	       FLEXSEC_FAMILY_NAME, FLEXSEC_FAMILY_VERSION);
}

/* Options before the object; the same -j, -p and help also work later. */
static int global_options(struct args *a)
{
	const char *w;
	int ret;

	while (args_more(a) && a->argv[0][0] == '-') {
		w = args_next(a);
		if (!strcmp(w, "-V") || !strcmp(w, "--version") ||
		    !strcmp(w, "-version")) {
			version();
			return ARGS_HELP;
		}
		ret = dctl_option(a, w);
		if (ret != ARGS_OK)
			return ret;
	}
	return ARGS_OK;
}

int main(int argc, char **argv)
{
	struct args a = {
		.argc = argc - 1,
		.argv = argv + 1,
		.usage = usage,
	};
	const struct verb *v;
	int ret;

	ret = global_options(&a);
	if (ret != ARGS_OK)
		return args_exit(ret);
	if (!args_more(&a)) {
		short_usage(stderr);
		return EXIT_USAGE;
	}
	v = verb_find(objects, args_next(&a), &a);
	if (!v)
		return EXIT_USAGE;
	a.obj = v->name;
	a.usage = v->usage;
	ret = v->fn(&a);
	if (fflush(stdout) || ferror(stdout)) {
		errorf("writing output failed");
		return EXIT_FAIL;
	}
	return ret;
}
