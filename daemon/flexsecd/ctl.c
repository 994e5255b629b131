// SPDX-License-Identifier: GPL-2.0
/*
 * The control socket's command tree (protocol in ctl.h): its top, the
 * IOS abbreviation matcher, and the walk of a command line down the tree
 * to the command's handler. The branches are in ctl_show.c and
 * ctl_admin.c, the connections in ctl_sock.c.
 */

#include <arpa/inet.h>
#include <string.h>

#include "conf.h"
#include "ctl.h"
#include "ctl_int.h"

#define CTL_MAX_CHOICES		16

/* A word of the line and where it starts, for the '^' marker. */
struct word {
	const char *s;
	size_t off;
};

int ctl_error(struct ctl_req *r, const char *msg)
{
	struct json_object *jo;

	if (!r->json) {
		fprintf(r->out, "%% %s\n", msg);
		return 1;
	}
	jo = json_object_new_object();
	json_object_object_add(jo, "error", json_object_new_string(msg));
	ctl_json(r, jo);
	return 1;
}

void ctl_json(struct ctl_req *r, struct json_object *jo)
{
	fprintf(r->out, "%s\n",
		json_object_to_json_string_ext(jo, JSON_C_TO_STRING_PLAIN));
	json_object_put(jo);
}

/* --- the top of the tree --- */

static const struct cmd top[] = {
	{ "show", "Show running state", .sub = ctl_show_cmds },
	{ "clear", "Reset state", .sub = ctl_clear_cmds },
	{ "debug", "Turn debugging on", .sub = ctl_debug_cmds },
	{ "undebug", "Turn debugging off", .flag = F_NEG,
	  .sub = ctl_debug_cmds },
	{ "no", "Negate a command", .sub = ctl_no_cmds },
	{ "reload", "Read the configuration file again", .fn = ctl_reload },
	{ "crypto", "Crypto exec commands", .sub = ctl_crypto_cmds },
	CMD_END
};

/* --- matching --- */

int ctl_match(const char *const *choices, const char *word)
{
	size_t n = word ? strlen(word) : 0;
	int i, found = CTL_NO_MATCH;

	if (!n)
		return CTL_NO_MATCH;
	for (i = 0; choices[i]; i++)
		if (!strcmp(choices[i], word))
			return i;
	for (i = 0; choices[i]; i++) {
		if (strncmp(choices[i], word, n))
			continue;
		if (found != CTL_NO_MATCH)
			return CTL_AMBIGUOUS;
		found = i;
	}
	return found;
}

static bool parse_addr(const char *s, enum arg_type t,
		       struct sockaddr_storage *ss)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (t != ARG_ADDR6 && inet_pton(AF_INET, s, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		return true;
	}
	if (t != ARG_ADDR4 && inet_pton(AF_INET6, s, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		return true;
	}
	return false;
}

static bool take_arg(const struct cmd *node, const char *w,
		     struct ctl_req *r)
{
	if (node->arg == ARG_NAME) {
		if (strlen(w) >= CONF_NAME)
			return false;
		r->name = w;
		return true;
	}
	if (!parse_addr(w, node->arg, &r->addr))
		return false;
	r->has_addr = true;
	return true;
}

enum step { STEP_OK, STEP_INVALID, STEP_AMBIGUOUS };

/* The node of LEVEL that word W names, or why none does. */
static enum step step(const struct cmd *level, const char *w,
		      struct ctl_req *r, const struct cmd **node)
{
	const char *kw[CTL_MAX_CHOICES + 1];
	const struct cmd *map[CTL_MAX_CHOICES], *arg = NULL;
	unsigned int n = 0;
	int i;

	for (; level && level->word && n < CTL_MAX_CHOICES; level++) {
		if (level->arg != ARG_NONE) {
			arg = level;
			continue;
		}
		map[n] = level;
		kw[n++] = level->word;
	}
	kw[n] = NULL;
	i = ctl_match(kw, w);
	if (i == CTL_AMBIGUOUS)
		return STEP_AMBIGUOUS;
	if (i >= 0) {
		*node = map[i];
		return STEP_OK;
	}
	if (arg && take_arg(arg, w, r)) {
		*node = arg;
		return STEP_OK;
	}
	return STEP_INVALID;
}

/* "?": what may come next. */
static int list_choices(struct ctl_req *r, const struct cmd *level,
			bool complete)
{
	struct json_object *jo = NULL, *arr = NULL, *c;

	if (r->json) {
		jo = json_object_new_object();
		arr = json_object_new_array();
	}
	for (; level && level->word; level++) {
		if (!r->json) {
			fprintf(r->out, "  %-15s %s\n", level->word,
				level->help);
			continue;
		}
		c = json_object_new_object();
		json_object_object_add(c, "word",
				       json_object_new_string(level->word));
		json_object_object_add(c, "help",
				       json_object_new_string(level->help));
		json_object_object_add(c, "argument",
				       json_object_new_boolean(level->arg !=
							       ARG_NONE));
		json_object_array_add(arr, c);
	}
	if (!r->json) {
		if (complete)
			fputs("  <cr>\n", r->out);
		return 0;
	}
	json_object_object_add(jo, "choices", arr);
	json_object_object_add(jo, "complete",
			       json_object_new_boolean(complete));
	ctl_json(r, jo);
	return 0;
}

static int invalid_at(struct ctl_req *r, const char *line,
		      const struct word *w)
{
	if (r->json)
		return ctl_error(r, "Invalid input");
	fprintf(r->out, "%s\n%*s^\n", line, (int)w->off, "");
	return ctl_error(r, "Invalid input detected at '^' marker.");
}

static int ambiguous(struct ctl_req *r, const char *line,
		     const struct word *w)
{
	size_t end = w->off + strlen(w->s);

	if (r->json)
		return ctl_error(r, "Ambiguous command");
	fprintf(r->out, "%% Ambiguous command:  \"%.*s\"\n", (int)end, line);
	return 1;
}

/*
 * Cuts BUF into words in place; false on a control character or too
 * many words.
 */
static bool split(char *buf, struct word *w, unsigned int *n)
{
	char *p = buf;

	*n = 0;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			return true;
		if (*n == CTL_MAX_WORDS)
			return false;
		w[*n].s = p;
		w[*n].off = (size_t)(p - buf);
		(*n)++;
		while (*p && *p != ' ' && *p != '\t') {
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				return false;
			p++;
		}
		if (*p)
			*p++ = '\0';
	}
}

static int walk(struct ctl_req *r, const char *line, const struct word *w,
		unsigned int n)
{
	const struct cmd *level = top, *node = NULL;
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (!strcmp(w[i].s, "?"))
			return list_choices(r, level, node && node->fn);
		if (!level)
			return invalid_at(r, line, &w[i]);
		switch (step(level, w[i].s, r, &node)) {
		case STEP_AMBIGUOUS:
			return ambiguous(r, line, &w[i]);
		case STEP_INVALID:
			return invalid_at(r, line, &w[i]);
		case STEP_OK:
			break;
		}
		r->flags |= node->flag;
		if (node->val)
			r->val = node->val;
		level = node->sub;
	}
	if (!node)
		return 0;	/* an empty line, as at a prompt */
	if (!node->fn)
		return ctl_error(r, "Incomplete command.");
	return node->fn(r);
}

int ctl_exec(const char *line, FILE *out)
{
	struct ctl_req r = { .out = out };
	struct word w[CTL_MAX_WORDS];
	unsigned int n, skip = 0;
	size_t len = strlen(line);
	char copy[CTL_MAX_LINE + 1], words[CTL_MAX_LINE + 1];

	while (len && (line[len - 1] == '\r' || line[len - 1] == '\n'))
		len--;
	if (len > CTL_MAX_LINE - 1) {
		fprintf(out, "%% Command line longer than %d bytes\n",
			CTL_MAX_LINE - 1);
		return 1;
	}
	/* COPY for the '^' marker, WORDS cut into words */
	memcpy(copy, line, len);
	copy[len] = '\0';
	memcpy(words, copy, len + 1);
	if (!split(words, w, &n)) {
		fputs("% Invalid input (a control character, or too many words)\n",
		      out);
		return 1;
	}
	if (n && !strcmp(w[0].s, "-j")) {
		r.json = true;
		skip = 1;
	}
	return walk(&r, copy, w + skip, n - skip);
}
