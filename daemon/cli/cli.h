/* SPDX-License-Identifier: GPL-2.0 */
/* The command line: words, verbs, and the commands of each object. */

#ifndef FLEXSEC_CLI_CLI_H
#define FLEXSEC_CLI_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "parse.h"

#ifndef FLEXSEC_VERSION
#define FLEXSEC_VERSION	"0.1"
#endif

/* Exit status: 0, 1 when the kernel or the system said no, 2 for usage. */
#define EXIT_FAIL	1
#define EXIT_USAGE	2

/* What parsing the words of a command ended with. */
enum {
	ARGS_FAIL = -2,		/* reported, not a usage error */
	ARGS_ERROR = -1,	/* reported; exit EXIT_USAGE */
	ARGS_OK = 0,
	ARGS_HELP = 1,		/* help was printed; exit 0 */
	ARGS_NOT_OPTION = 2,	/* args_option: a word of the command */
};

struct args {
	int argc;
	char **argv;
	const char *cmd;		/* "sa add", for messages */
	const char *obj;		/* "sa", for the help hint */
	void (*usage)(FILE *f);		/* the object's */
};

struct verb {
	const char *name;
	int (*fn)(struct args *a);	/* returns the exit status */
	void (*usage)(FILE *f);
};

bool args_more(const struct args *a);
char *args_next(struct args *a);
int args_value(struct args *a, const char *kw, char **val);
int args_option(struct args *a, const char *w);
int args_exit(int ret);

int usage_error(const struct args *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int bad_value(const struct args *a, const char *kw, const char *val,
	      const struct perr *e);
int unknown_word(const struct args *a, const char *w);
int twice(const struct args *a, const char *kw);
int missing(const struct args *a, const char *what);

int verb_run(struct args *a, const struct verb *verbs, const char *dflt);
const struct verb *verb_find(const struct verb *verbs, const char *w,
			     const struct args *a);

/* dev IFNAME: checked and resolved to an ifindex. */
int args_dev(struct args *a, const char *kw, const char **name,
	     unsigned int *ifindex);

int sa_main(struct args *a);
int tunnel_main(struct args *a);
int monitor_main(struct args *a);
int link_main(struct args *a);

void sa_usage(FILE *f);
void tunnel_usage(FILE *f);
void monitor_usage(FILE *f);
void link_usage(FILE *f);

#endif /* FLEXSEC_CLI_CLI_H */
