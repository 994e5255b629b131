/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flexsec show|clear|debug|undebug|no|reload: IOS-style commands for the
 * IKEv2 daemon flexsecd, sent over its control socket. The protocol is
 * described in flexsecd/ctl.h: one line "[-j ]WORDS...\n" out, a status
 * line "0\n" or "1\n" and the output back.
 */

#ifndef FLEXSEC_CLI_DCTL_H
#define FLEXSEC_CLI_DCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cli.h"

/* As flexsecd/ctl.h has them. */
#define DCTL_DEFAULT_SOCKET	"/run/flexsec/flexsecd.sock"
#define DCTL_MAX_LINE		1024

/* How long flexsecd may take to answer. */
#define DCTL_TIMEOUT_S		30

/* -S PATH; when NULL, $FLEXSEC_SOCKET or else the default. */
extern const char *dctl_socket;
const char *dctl_socket_path(void);

/*
 * Writes the request line "[-j ]VERB WORD...\n" to BUF (SIZE bytes, with
 * room for a final NUL). Returns its length, -E2BIG when the line would
 * be longer than DCTL_MAX_LINE or BUF, or -EINVAL for an empty word or
 * one with a blank or a control character in it.
 */
int dctl_format(char *buf, size_t size, bool json, const char *verb,
		int argc, char *const *argv);

/* The verb is a->obj ("show", "no"...); the words follow in A. */
int dctl_main(struct args *a);
/* Option W, just taken from A: -S PATH, or one of args_option()'s. */
int dctl_option(struct args *a, const char *w);
void dctl_usage(FILE *f);

#endif /* FLEXSEC_CLI_DCTL_H */
