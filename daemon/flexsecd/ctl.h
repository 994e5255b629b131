/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The control socket: how "flexsec show|clear|debug|undebug|no|reload"
 * talks to flexsecd.
 *
 * Protocol, on a unix stream socket (default CTL_DEFAULT_PATH; its
 * directory is created 0750, the socket is 0660, so root and the group
 * may use it):
 *
 *   client: one line, at most CTL_MAX_LINE bytes with its '\n':
 *           [-j ]WORD WORD ...\n
 *           words are separated by spaces or tabs; "-j" first asks for
 *           JSON instead of text. A missing final '\n' is accepted when
 *           the client shuts its side down after the line.
 *   daemon: a status line, "0\n" (done) or "1\n" (refused or failed),
 *           then the output (text, or one JSON document per line), then
 *           it closes the connection.
 *
 * One request per connection. The daemon never blocks on a client: the
 * answer is built in memory and written as the socket accepts it; a
 * client that has not finished within CTL_TIMEOUT_MS is disconnected.
 *
 * Words may be abbreviated the IOS way: any unique beginning of a
 * keyword ("sh cry ikev2 sa"). An unknown word gives "% Invalid input
 * detected at '^' marker.", a word that begins several keywords
 * "% Ambiguous command", a line that stops early "% Incomplete command.";
 * "?" in place of a word lists what may follow.
 */
#ifndef FLEXSECD_CTL_H
#define FLEXSECD_CTL_H

#include <stdio.h>

#define CTL_DEFAULT_PATH	"/run/flexsec/flexsecd.sock"
#define CTL_MAX_LINE		1024
#define CTL_MAX_WORDS		32
#define CTL_TIMEOUT_MS		10000

/*
 * Creates the socket at PATH (NULL: the default) and adds it to the
 * event loop. Refuses when another flexsecd answers there. 0 or -errno,
 * with a log line.
 */
int ctl_open(const char *path);
/* Disconnects the clients, closes and removes the socket. */
void ctl_close(void);

/*
 * Runs one command line (without its '\n'), writing the answer to OUT.
 * Returns 0 (status "0") or 1 (status "1").
 */
int ctl_exec(const char *line, FILE *out);

/*
 * The abbreviation matcher: WORD against the keywords CHOICES (NULL
 * terminated). Returns the index of the keyword WORD equals or is the
 * only keyword to begin, or one of these.
 */
#define CTL_NO_MATCH	(-1)
#define CTL_AMBIGUOUS	(-2)
int ctl_match(const char *const *choices, const char *word);

#endif /* FLEXSECD_CTL_H */
