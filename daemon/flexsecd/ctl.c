// SPDX-License-Identifier: GPL-2.0
/*
 * The control socket (protocol in ctl.h): the IOS-style command tree with
 * its abbreviation matcher, the commands' handlers, and the non-blocking
 * connections that carry one request and one answer each.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <json-c/json.h>

#include "conf_show.h"
#include "ctl.h"
#include "daemon.h"
#include "diag.h"
#include "kmi.h"
#include "loop.h"
#include "show.h"

#define CTL_MAX_CONNS		16
#define CTL_BACKLOG		16
#define CTL_ACCEPT_BURST	16
#define CTL_ACCEPT_RETRY_MS	1000
#define CTL_MAX_OUTPUT		(32u << 20)
#define CTL_DRAIN_MAX		(64u << 10)
#define CTL_MAX_CHOICES		16

/* --- requests and the command tree --- */

enum arg_type { ARG_NONE, ARG_NAME, ARG_ADDR, ARG_ADDR4, ARG_ADDR6 };

/* Set by keywords on the way to a command. */
#define F_NEG		0x01	/* "no debug ...", "undebug ..." */
#define F_DETAILED	0x02
#define F_BRIEF		0x04
#define F_LATEST	0x08

struct ctl_req {
	FILE *out;
	bool json;
	unsigned int flags;
	unsigned int val;	/* the last keyword's value: a debug
				 * category, a trace ring
				 */
	const char *name;	/* a NAME argument */
	struct sockaddr_storage addr;	/* an address argument */
	bool has_addr;
};

struct cmd {
	const char *word;	/* keyword, or the argument's placeholder */
	const char *help;
	enum arg_type arg;
	unsigned int flag;	/* added to ctl_req.flags */
	unsigned int val;	/* when not 0, becomes ctl_req.val */
	const struct cmd *sub;	/* the words that may follow */
	int (*fn)(struct ctl_req *r);	/* the command, when the line ends */
};

/* A word of the line and where it starts, for the '^' marker. */
struct word {
	const char *s;
	size_t off;
};

static int out_error(struct ctl_req *r, const char *msg)
{
	struct json_object *jo;

	if (!r->json) {
		fprintf(r->out, "%% %s\n", msg);
		return 1;
	}
	jo = json_object_new_object();
	json_object_object_add(jo, "error", json_object_new_string(msg));
	fprintf(r->out, "%s\n",
		json_object_to_json_string_ext(jo, JSON_C_TO_STRING_PLAIN));
	json_object_put(jo);
	return 1;
}

/* {"KEY": N} or {"ok": true} for the commands that change things. */
static void out_json_u64(struct ctl_req *r, const char *key, uint64_t n)
{
	struct json_object *jo = json_object_new_object();

	if (key)
		json_object_object_add(jo, key, json_object_new_uint64(n));
	else
		json_object_object_add(jo, "ok", json_object_new_boolean(1));
	fprintf(r->out, "%s\n",
		json_object_to_json_string_ext(jo, JSON_C_TO_STRING_PLAIN));
	json_object_put(jo);
}

/* --- show --- */

static int need_conf(struct ctl_req *r)
{
	return D.conf ? 0 : out_error(r, "No configuration loaded");
}

static int do_show_proposal(struct ctl_req *r)
{
	if (need_conf(r))
		return 1;
	return conf_show_ikev2_proposal(r->out, D.conf, r->name, r->json) ?
	       1 : 0;
}

static int do_show_policy(struct ctl_req *r)
{
	if (need_conf(r))
		return 1;
	return conf_show_ikev2_policy(r->out, D.conf, r->name, r->json) ?
	       1 : 0;
}

static int do_show_profile(struct ctl_req *r)
{
	if (need_conf(r))
		return 1;
	return conf_show_ikev2_profile(r->out, D.conf, r->name, r->json) ?
	       1 : 0;
}

static int do_show_tset(struct ctl_req *r)
{
	if (need_conf(r))
		return 1;
	return conf_show_ipsec_transform_set(r->out, D.conf, r->name,
					     r->json) ? 1 : 0;
}

static int do_show_ipsec_profile(struct ctl_req *r)
{
	if (need_conf(r))
		return 1;
	return conf_show_ipsec_profile(r->out, D.conf, r->name, r->json) ?
	       1 : 0;
}

static int do_show_ikev2_sa(struct ctl_req *r)
{
	return show_ikev2_sa(r->out, r->flags & F_DETAILED, r->json) ? 1 : 0;
}

static int do_show_stats(struct ctl_req *r)
{
	return show_ikev2_stats(r->out, r->json) ? 1 : 0;
}

static int do_show_ipsec_sa(struct ctl_req *r)
{
	return show_ipsec_sa(r->out, r->has_addr ? &r->addr : NULL,
			     r->json) ? 1 : 0;
}

static int do_show_session(struct ctl_req *r)
{
	return show_crypto_session(r->out, r->flags & F_BRIEF,
				   r->has_addr ? &r->addr : NULL,
				   r->json) ? 1 : 0;
}

static int do_show_diag(struct ctl_req *r)
{
	diag_show_errors(r->out, r->json);
	return 0;
}

static const char *const trace_names[] = { "error", "event", "exception" };

static int do_show_trace(struct ctl_req *r)
{
	if (!r->val || r->val > 3)
		return out_error(r, "Incomplete command.");
	return diag_show_trace(r->out, trace_names[r->val - 1],
			       r->flags & F_LATEST, r->json) ? 1 : 0;
}

static int do_show_debugging(struct ctl_req *r)
{
	diag_show_debug(r->out, r->json);
	return 0;
}

/* --- clear --- */

static int do_clear_session(struct ctl_req *r)
{
	unsigned int n = daemon_clear(r->has_addr ? &r->addr : NULL);

	if (r->json)
		out_json_u64(r, "cleared", n);
	return 0;
}

static int do_clear_sa(struct ctl_req *r)
{
	unsigned int n = daemon_clear_children(r->has_addr ? &r->addr : NULL);

	if (r->json)
		out_json_u64(r, "cleared", n);
	return 0;
}

static int do_clear_diag(struct ctl_req *r)
{
	diag_clear_errors();
	if (r->json)
		out_json_u64(r, NULL, 0);
	return 0;
}

/* --- debug --- */

static void kmi_debug(void)
{
	if (D.kmi)
		kmi_set_debug(D.kmi, dbg_get() & DBG_KMI);
}

/* After a debug command: IOS's sentence, or the new state as JSON. */
static void debug_answer(struct ctl_req *r, const char *what, bool on)
{
	if (r->json)
		diag_show_debug(r->out, true);
	else if (what)
		fprintf(r->out, "%s debugging is %s\n", what,
			on ? "on" : "off");
}

static int do_debug(struct ctl_req *r)
{
	bool on = !(r->flags & F_NEG);
	unsigned int cats = r->val;

	/* the hexdump needs the packet lines; no packet lines, no hexdump */
	if (on && cats == DBG_HEXDUMP)
		cats |= DBG_PACKET;
	if (!on && cats == DBG_PACKET)
		cats |= DBG_HEXDUMP;
	dbg_set(cats, on);
	kmi_debug();
	debug_answer(r, dbg_cat_name(r->val), on);
	return 0;
}

static int do_debug_all(struct ctl_req *r)
{
	bool on = !(r->flags & F_NEG);

	dbg_set(DBG_IKEV2 | DBG_ERROR | DBG_PACKET | DBG_HEXDUMP |
		DBG_INTERNAL | DBG_KMI, on);
	kmi_debug();
	if (r->json)
		diag_show_debug(r->out, true);
	else
		fprintf(r->out, "All possible debugging has been turned %s\n",
			on ? "on" : "off");
	return 0;
}

static int do_condition(struct ctl_req *r)
{
	bool on = !(r->flags & F_NEG);
	int err = dbg_condition_peer(&r->addr, on);

	if (err == -ENOENT)
		return out_error(r, "No such condition");
	if (err == -ENOSPC)
		return out_error(r, "Too many debug conditions");
	if (err && err != -EEXIST)
		return out_error(r, "Unsupported address");
	debug_answer(r, NULL, on);
	return 0;
}

static int do_condition_reset(struct ctl_req *r)
{
	dbg_condition_clear();
	debug_answer(r, NULL, false);
	return 0;
}

/* --- reload --- */

static int reload_json(struct ctl_req *r)
{
	struct json_object *jo;
	char *text = NULL;
	size_t len = 0;
	FILE *m;
	int ret;

	m = open_memstream(&text, &len);
	if (!m)
		return out_error(r, "Out of memory");
	ret = daemon_reload(m);
	if (fclose(m)) {
		free(text);
		return out_error(r, "Out of memory");
	}
	jo = json_object_new_object();
	json_object_object_add(jo, "ok", json_object_new_boolean(ret == 0));
	json_object_object_add(jo, "output", json_object_new_string(text));
	fprintf(r->out, "%s\n",
		json_object_to_json_string_ext(jo, JSON_C_TO_STRING_PLAIN));
	json_object_put(jo);
	free(text);
	return ret ? 1 : 0;
}

static int do_reload(struct ctl_req *r)
{
	if (r->json)
		return reload_json(r);
	return daemon_reload(r->out) ? 1 : 0;
}

/* --- the tree, leaves first --- */

#define END	{ .word = NULL }

static const struct cmd sa_opts[] = {
	{ "detailed", "Everything about each SA", .fn = do_show_ikev2_sa,
	  .flag = F_DETAILED },
	END
};

static const struct cmd proposal_name[] = {
	{ "WORD", "Proposal name", ARG_NAME, .fn = do_show_proposal },
	END
};

static const struct cmd policy_name[] = {
	{ "WORD", "Policy name", ARG_NAME, .fn = do_show_policy },
	END
};

static const struct cmd profile_name[] = {
	{ "WORD", "Profile name", ARG_NAME, .fn = do_show_profile },
	END
};

static const struct cmd diag_opts[] = {
	{ "error", "Exit path table", .fn = do_show_diag },
	END
};

static const struct cmd show_ikev2[] = {
	{ "sa", "IKEv2 security associations", .sub = sa_opts,
	  .fn = do_show_ikev2_sa },
	{ "stats", "IKEv2 statistics", .fn = do_show_stats },
	{ "proposal", "IKEv2 proposals", .sub = proposal_name,
	  .fn = do_show_proposal },
	{ "policy", "IKEv2 policies", .sub = policy_name,
	  .fn = do_show_policy },
	{ "profile", "IKEv2 profiles", .sub = profile_name,
	  .fn = do_show_profile },
	{ "diagnose", "IKEv2 diagnostics", .sub = diag_opts },
	END
};

static const struct cmd ipsec_peer_addr[] = {
	{ "A.B.C.D", "Peer address (IPv4 or IPv6)", ARG_ADDR,
	  .fn = do_show_ipsec_sa },
	END
};

static const struct cmd ipsec_sa_opts[] = {
	{ "peer", "Only the SAs with this peer", .sub = ipsec_peer_addr },
	END
};

static const struct cmd tset_name[] = {
	{ "WORD", "Transform set name", ARG_NAME, .fn = do_show_tset },
	END
};

static const struct cmd ipsec_profile_name[] = {
	{ "WORD", "IPsec profile name", ARG_NAME,
	  .fn = do_show_ipsec_profile },
	END
};

static const struct cmd show_ipsec[] = {
	{ "sa", "IPsec security associations", .sub = ipsec_sa_opts,
	  .fn = do_show_ipsec_sa },
	{ "transform-set", "IPsec transform sets", .sub = tset_name,
	  .fn = do_show_tset },
	{ "profile", "IPsec profiles", .sub = ipsec_profile_name,
	  .fn = do_show_ipsec_profile },
	END
};

static const struct cmd session_addr_opts[] = {
	{ "brief", "One line per session", .flag = F_BRIEF,
	  .fn = do_show_session },
	END
};

static const struct cmd session_addr[] = {
	{ "A.B.C.D", "Remote address (IPv4 or IPv6)", ARG_ADDR,
	  .sub = session_addr_opts, .fn = do_show_session },
	END
};

static const struct cmd session_remote[] = {
	{ "remote", "Only the sessions with this peer", .sub = session_addr },
	END
};

static const struct cmd session_opts[] = {
	{ "brief", "One line per session", .flag = F_BRIEF,
	  .sub = session_remote, .fn = do_show_session },
	{ "remote", "Only the sessions with this peer", .sub = session_addr },
	END
};

static const struct cmd show_crypto[] = {
	{ "ikev2", "IKEv2", .sub = show_ikev2 },
	{ "ipsec", "IPsec", .sub = show_ipsec },
	{ "session", "Crypto sessions", .sub = session_opts,
	  .fn = do_show_session },
	END
};

static const struct cmd trace_range[] = {
	{ "all", "Every entry of the buffer", .fn = do_show_trace },
	{ "latest", "Entries since the last display", .flag = F_LATEST,
	  .fn = do_show_trace },
	END
};

static const struct cmd trace_ring[] = {
	{ "error", "IKEv2 errors", .val = 1, .sub = trace_range },
	{ "event", "IKEv2 events", .val = 2, .sub = trace_range },
	{ "exception", "IKEv2 exceptions", .val = 3, .sub = trace_range },
	END
};

static const struct cmd trace_ikev2[] = {
	{ "ikev2", "IKEv2 traces", .sub = trace_ring },
	END
};

static const struct cmd trace_crypto[] = {
	{ "crypto", "Crypto traces", .sub = trace_ikev2 },
	END
};

static const struct cmd show_monitor[] = {
	{ "event-trace", "Event traces", .sub = trace_crypto },
	END
};

static const struct cmd show_cmds[] = {
	{ "crypto", "Crypto state", .sub = show_crypto },
	{ "monitor", "Monitoring", .sub = show_monitor },
	{ "debugging", "Debug switches and conditions",
	  .fn = do_show_debugging },
	END
};

static const struct cmd clear_addr[] = {
	{ "A.B.C.D", "Remote address (IPv4 or IPv6)", ARG_ADDR,
	  .fn = do_clear_session },
	END
};

static const struct cmd clear_remote[] = {
	{ "remote", "Only the sessions with this peer", .sub = clear_addr },
	END
};

static const struct cmd clear_sa_addr[] = {
	{ "A.B.C.D", "Remote address (IPv4 or IPv6)", ARG_ADDR,
	  .fn = do_clear_sa },
	END
};

static const struct cmd clear_sa_peer[] = {
	{ "peer", "Only the IPsec SAs with this peer", .sub = clear_sa_addr },
	END
};

static const struct cmd clear_diag[] = {
	{ "error", "Exit path table", .fn = do_clear_diag },
	END
};

static const struct cmd clear_ikev2[] = {
	{ "sa", "Every IKEv2 SA", .fn = do_clear_session },
	{ "diagnose", "IKEv2 diagnostics", .sub = clear_diag },
	END
};

static const struct cmd clear_crypto[] = {
	{ "session", "Crypto sessions (IKE and IPsec SAs)",
	  .sub = clear_remote, .fn = do_clear_session },
	{ "sa", "IPsec SAs (the IKEv2 SAs stay)", .sub = clear_sa_peer,
	  .fn = do_clear_sa },
	{ "ikev2", "IKEv2", .sub = clear_ikev2 },
	END
};

static const struct cmd clear_cmds[] = {
	{ "crypto", "Crypto state", .sub = clear_crypto },
	END
};

static const struct cmd dbg_packet_opts[] = {
	{ "hexdump", "With the bytes in hex", .val = DBG_HEXDUMP,
	  .fn = do_debug },
	END
};

static const struct cmd dbg_ikev2[] = {
	{ "error", "IKEv2 errors", .val = DBG_ERROR, .fn = do_debug },
	{ "internal", "IKEv2 internals", .val = DBG_INTERNAL,
	  .fn = do_debug },
	{ "packet", "IKEv2 messages, payload by payload", .val = DBG_PACKET,
	  .sub = dbg_packet_opts, .fn = do_debug },
	END
};

static const struct cmd cond_addr4[] = {
	{ "A.B.C.D", "Peer IPv4 address", ARG_ADDR4, .fn = do_condition },
	END
};

static const struct cmd cond_addr6[] = {
	{ "X:X:X:X::X", "Peer IPv6 address", ARG_ADDR6, .fn = do_condition },
	END
};

static const struct cmd cond_peer[] = {
	{ "ipv4", "IPv4 peer", .sub = cond_addr4 },
	{ "ipv6", "IPv6 peer", .sub = cond_addr6 },
	END
};

static const struct cmd dbg_cond[] = {
	{ "peer", "Debug only this peer", .sub = cond_peer },
	{ "reset", "Remove every condition", .fn = do_condition_reset },
	END
};

static const struct cmd dbg_crypto[] = {
	{ "ikev2", "IKEv2", .val = DBG_IKEV2, .sub = dbg_ikev2,
	  .fn = do_debug },
	{ "kmi", "Messages to and from flexsec.ko", .val = DBG_KMI,
	  .fn = do_debug },
	{ "condition", "Debug conditions", .sub = dbg_cond },
	END
};

static const struct cmd debug_cmds[] = {
	{ "crypto", "Crypto debugging", .sub = dbg_crypto },
	{ "all", "Every debug switch", .fn = do_debug_all },
	END
};

static const struct cmd no_cmds[] = {
	{ "debug", "Turn debugging off", .flag = F_NEG, .sub = debug_cmds },
	END
};

static const struct cmd top[] = {
	{ "show", "Show running state", .sub = show_cmds },
	{ "clear", "Reset state", .sub = clear_cmds },
	{ "debug", "Turn debugging on", .sub = debug_cmds },
	{ "undebug", "Turn debugging off", .flag = F_NEG, .sub = debug_cmds },
	{ "no", "Negate a command", .sub = no_cmds },
	{ "reload", "Read the configuration file again", .fn = do_reload },
	END
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
	fprintf(r->out, "%s\n",
		json_object_to_json_string_ext(jo, JSON_C_TO_STRING_PLAIN));
	json_object_put(jo);
	return 0;
}

static int invalid_at(struct ctl_req *r, const char *line,
		      const struct word *w)
{
	if (r->json)
		return out_error(r, "Invalid input");
	fprintf(r->out, "%s\n%*s^\n", line, (int)w->off, "");
	return out_error(r, "Invalid input detected at '^' marker.");
}

static int ambiguous(struct ctl_req *r, const char *line,
		     const struct word *w)
{
	size_t end = w->off + strlen(w->s);

	if (r->json)
		return out_error(r, "Ambiguous command");
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
		return out_error(r, "Incomplete command.");
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

/* --- connections --- */

struct ctl_conn {
	struct ctl_conn *next, **pprev;
	int fd;
	bool too_long;
	size_t in_len;
	char in[CTL_MAX_LINE + 1];
	char *out;		/* the whole answer, status line first */
	size_t out_len, out_off;
	struct timer timer;
};

static struct {
	int fd;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	struct ctl_conn *conns;
	unsigned int n_conns;
	struct timer accept_retry;
} ctl = { .fd = -1 };

static void conn_close(struct ctl_conn *c)
{
	char sink[4096];
	size_t drained = 0;
	ssize_t n;

	timer_cancel(&c->timer);
	loop_del_fd(c->fd);
	/* unread bytes would turn the client's end of file into a reset */
	while (drained < CTL_DRAIN_MAX &&
	       (n = recv(c->fd, sink, sizeof(sink), MSG_DONTWAIT)) > 0)
		drained += (size_t)n;
	close(c->fd);
	*c->pprev = c->next;
	if (c->next)
		c->next->pprev = c->pprev;
	ctl.n_conns--;
	free(c->out);
	free(c);
}

/* 1: a line is there (or the client ended it), 0: not yet, -1: gone. */
static int conn_read(struct ctl_conn *c)
{
	ssize_t n;
	char *nl;

	for (;;) {
		if (c->in_len == CTL_MAX_LINE) {
			c->too_long = true;
			return 1;
		}
		n = recv(c->fd, c->in + c->in_len, CTL_MAX_LINE - c->in_len,
			 0);
		if (n > 0) {
			nl = memchr(c->in + c->in_len, '\n', (size_t)n);
			c->in_len += (size_t)n;
			if (!nl)
				continue;
			c->in_len = (size_t)(nl - c->in);
			c->in[c->in_len] = '\0';
			return 1;
		}
		if (n == 0) {
			c->in[c->in_len] = '\0';
			return c->in_len ? 1 : -1;
		}
		if (errno == EINTR)
			continue;
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
	}
}

static int conn_run(struct ctl_conn *c, FILE *f)
{
	if (c->too_long) {
		fprintf(f, "%% Command line longer than %d bytes\n",
			CTL_MAX_LINE - 1);
		return 1;
	}
	if (strlen(c->in) != c->in_len) {
		fputs("% Invalid input (a NUL byte)\n", f);
		return 1;
	}
	return ctl_exec(c->in, f);
}

/* Builds c->out: the status line, then what the command wrote. */
static void conn_answer(struct ctl_conn *c)
{
	static const char too_big[] = "1\n% Output too large\n";
	FILE *f;
	int ret;

	f = open_memstream(&c->out, &c->out_len);
	if (!f)
		return;
	fputs("0\n", f);
	ret = conn_run(c, f);
	if (fclose(f)) {
		free(c->out);
		c->out = NULL;
		return;
	}
	if (c->out_len > CTL_MAX_OUTPUT) {
		free(c->out);
		c->out = strdup(too_big);
		c->out_len = c->out ? sizeof(too_big) - 1 : 0;
		return;
	}
	c->out[0] = ret ? '1' : '0';
}

/* 1: all written, 0: the socket is full (EPOLLOUT will say), -1: error. */
static int conn_write(struct ctl_conn *c)
{
	ssize_t n;

	while (c->out_off < c->out_len) {
		n = send(c->fd, c->out + c->out_off, c->out_len - c->out_off,
			 MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n > 0) {
			c->out_off += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		return -1;
	}
	return 1;
}

static void conn_event(int fd, uint32_t events, void *arg)
{
	struct ctl_conn *c = arg;
	int r;

	if (!c->out) {
		r = conn_read(c);
		if (r == 0)
			return;
		if (r < 0) {
			conn_close(c);
			return;
		}
		conn_answer(c);
		if (!c->out) {
			conn_close(c);
			return;
		}
	}
	if (conn_write(c))
		conn_close(c);
}

static void conn_timeout(struct timer *t)
{
	conn_close(t->arg);
}

static void conn_new(int fd)
{
	static const char busy[] = "1\n% Too many control connections\n";
	struct ctl_conn *c;

	if (ctl.n_conns >= CTL_MAX_CONNS) {
		if (send(fd, busy, sizeof(busy) - 1,
			 MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
			log_err("ctl: refusing a client: %s", strerror(errno));
		close(fd);
		return;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		close(fd);
		return;
	}
	c->fd = fd;
	/*
	 * edge-triggered: reads and writes go on until EAGAIN, so an idle
	 * or half-closed client does not wake the loop again and again
	 */
	if (loop_add_fd(fd, EPOLLOUT | EPOLLRDHUP | EPOLLET, conn_event, c)) {
		close(fd);
		free(c);
		return;
	}
	timer_init(&c->timer, conn_timeout, c);
	timer_arm(&c->timer, CTL_TIMEOUT_MS);
	c->next = ctl.conns;
	c->pprev = &ctl.conns;
	if (ctl.conns)
		ctl.conns->pprev = &c->next;
	ctl.conns = c;
	ctl.n_conns++;
	conn_event(fd, EPOLLIN, c);
}

static void ctl_accept(int fd, uint32_t events, void *arg);

/* Out of file descriptors: stop listening for a while rather than spin. */
static void accept_pause(void)
{
	log_err("ctl: cannot accept a client: %s; retrying in %d ms",
		strerror(errno), CTL_ACCEPT_RETRY_MS);
	loop_del_fd(ctl.fd);
	timer_arm(&ctl.accept_retry, CTL_ACCEPT_RETRY_MS);
}

static void accept_resume(struct timer *t)
{
	if (ctl.fd >= 0 && loop_add_fd(ctl.fd, 0, ctl_accept, NULL))
		timer_arm(&ctl.accept_retry, CTL_ACCEPT_RETRY_MS);
}

static void ctl_accept(int fd, uint32_t events, void *arg)
{
	unsigned int i;
	int cfd;

	for (i = 0; i < CTL_ACCEPT_BURST; i++) {
		cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (cfd >= 0) {
			conn_new(cfd);
			continue;
		}
		if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
		    errno == ENOMEM)
			accept_pause();
		else if (errno != EAGAIN && errno != EWOULDBLOCK &&
			 errno != EINTR && errno != ECONNABORTED)
			log_err("ctl: accept: %s", strerror(errno));
		return;
	}
}

/* --- the listening socket --- */

/* The socket's directory, 0750, when it does not exist. */
static int make_dir(const char *path)
{
	char dir[sizeof(ctl.path)];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return 0;
	*slash = '\0';
	if (mkdir(dir, 0750) == 0)
		return chmod(dir, 0750) ? -errno : 0;
	return errno == EEXIST ? 0 : -errno;
}

/*
 * A socket file left by an earlier flexsecd is removed; a live one (or
 * any other file) is left alone.
 */
static int clear_stale(const struct sockaddr_un *sun)
{
	struct stat st;
	int fd, ret;

	if (lstat(sun->sun_path, &st))
		return errno == ENOENT ? 0 : -errno;
	if (!S_ISSOCK(st.st_mode))
		return -EEXIST;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	ret = connect(fd, (const struct sockaddr *)sun, sizeof(*sun));
	if (ret == 0 || errno == EAGAIN) {
		close(fd);
		return -EADDRINUSE;
	}
	close(fd);
	return unlink(sun->sun_path) && errno != ENOENT ? -errno : 0;
}

static int listen_on(const struct sockaddr_un *sun)
{
	mode_t old;
	int fd, err;

	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	old = umask(0117);	/* the socket is born 0660 */
	err = bind(fd, (const struct sockaddr *)sun, sizeof(*sun));
	umask(old);
	if (err || chmod(sun->sun_path, 0660) || listen(fd, CTL_BACKLOG)) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

/* Logs why, and leaves the reason in errno too for the caller. */
static int open_failed(const char *path, int err, const char *why)
{
	log_err("ctl: %s: %s", path, why ? why : strerror(-err));
	errno = -err;
	return err;
}

int ctl_open(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd, err;

	if (!path)
		path = CTL_DEFAULT_PATH;
	if (strlen(path) >= sizeof(sun.sun_path))
		return open_failed(path, -ENAMETOOLONG, NULL);
	if (ctl.fd >= 0)
		ctl_close();
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	err = make_dir(path);
	if (!err)
		err = clear_stale(&sun);
	if (err == -EADDRINUSE)
		return open_failed(path, err,
				   "another flexsecd is answering there");
	fd = err ? err : listen_on(&sun);
	if (fd < 0)
		return open_failed(path, fd, NULL);
	if (loop_add_fd(fd, 0, ctl_accept, NULL)) {
		err = errno ? -errno : -EIO;
		close(fd);
		unlink(sun.sun_path);
		return open_failed(path, err, "cannot watch the socket");
	}
	ctl.fd = fd;
	snprintf(ctl.path, sizeof(ctl.path), "%s", path);
	timer_init(&ctl.accept_retry, accept_resume, NULL);
	return 0;
}

void ctl_close(void)
{
	while (ctl.conns)
		conn_close(ctl.conns);
	if (ctl.fd < 0)
		return;
	timer_cancel(&ctl.accept_retry);
	loop_del_fd(ctl.fd);
	close(ctl.fd);
	ctl.fd = -1;
	unlink(ctl.path);
}
