// SPDX-License-Identifier: GPL-2.0
/*
 * The flexsec.conf parser: its entry points.
 *
 * A file is read line by line (conf_parse.c). A line that starts in the
 * first column opens a block (or is a global one-line command); the lines
 * indented under it fill the block. Blocks flexsec has no use for are
 * skipped with one warning each. Inside a handled block, an unknown
 * keyword or a bad value is an error naming file:line and the offending
 * word; parsing goes on to report every error of the file, and the result
 * is then NULL.
 *
 * conf_finish() runs last: it adds the smart defaults, resolves the names
 * that blocks give each other and checks what a block must have.
 *
 * conf_int.h tells which file does what.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "authz.h"
#include "conf_int.h"

#define MAX_FILE	(4u << 20)

unsigned int conf_lifetime_min = 120;

static void global_defaults(struct conf_global *g)
{
	g->window = 5;
	g->retransmit_count = 5;
	g->retransmit_timeout_ms = 1000;
	g->half_open_timeout = 30;
	g->max_sa = 0;
	g->max_in_negotiation_in = 40;
	g->max_in_negotiation_out = 400;
	g->dpd_mode = CONF_DPD_PERIODIC;
	g->replay_window = 64;
	g->lifetime_kb = 4608000;
	g->lifetime_sec = 3600;
	g->diag_max = 50;
}

struct conf *conf_parse_string(const char *text, size_t len, const char *name,
			       FILE *err)
{
	struct pctx p;
	struct conf *c = calloc(1, sizeof(*c));

	if (!c) {
		if (err)
			fprintf(err, "%s: error: out of memory\n", name);
		return NULL;
	}
	memset(&p, 0, sizeof(p));
	p.c = c;
	p.err = err;
	p.file = name ? name : "(string)";
	p.peer = -1;
	snprintf(c->path, sizeof(c->path), "%s", p.file);
	global_defaults(&c->g);
	cp_parse_text(&p, text ? text : "", text ? len : 0);
	if (!p.n_errors)
		conf_finish(&p);
	free(p.refs);
	if (p.n_errors) {
		conf_free(c);
		return NULL;
	}
	return c;
}

struct conf *conf_load(const char *path, FILE *err)
{
	struct conf *c;
	char *text;
	size_t len = 0, n;
	FILE *f = fopen(path, "r");

	if (!f) {
		if (err)
			fprintf(err, "%s: error: %s\n", path, strerror(errno));
		return NULL;
	}
	/* no copy of the keys in a stdio buffer */
	setvbuf(f, NULL, _IONBF, 0);
	text = malloc(MAX_FILE + 1);
	if (!text) {
		fclose(f);
		if (err)
			fprintf(err, "%s: error: out of memory\n", path);
		return NULL;
	}
	while ((n = fread(text + len, 1, MAX_FILE + 1 - len, f)) > 0)
		len += n;
	if (ferror(f) || len > MAX_FILE) {
		if (err)
			fprintf(err, "%s: error: %s\n", path, ferror(f) ?
				"read error" : "file too large (over 4 MiB)");
		c = NULL;
	} else {
		c = conf_parse_string(text, len, path, err);
	}
	fclose(f);
	explicit_bzero(text, len);
	free(text);
	return c;
}

void conf_free(struct conf *c)
{
	unsigned int i;

	if (!c)
		return;
	for (i = 0; i < c->n_keyrings; i++) {
		if (c->keyrings[i].peers)
			explicit_bzero(c->keyrings[i].peers,
				       c->keyrings[i].n_peers *
				       sizeof(*c->keyrings[i].peers));
		free(c->keyrings[i].peers);
	}
	free(c->proposals);
	free(c->policies);
	free(c->keyrings);
	for (i = 0; i < c->n_profiles; i++)
		free(c->profiles[i].authz);
	free(c->profiles);
	free(c->tsets);
	free(c->ipsec_profiles);
	free(c->tunnels);
	free(c->templates);
	free(c->loopbacks);
	free(c->pools);
	free(c->acls);
	free(c->acls6);
	free(c->aaa_lists);
	free(c->clients);
	free(c->tracks);
	free(c->manglers);
	authz_db_free(c->authz);
	explicit_bzero(c, sizeof(*c));
	free(c);
}
