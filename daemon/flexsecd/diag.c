// SPDX-License-Identifier: GPL-2.0
/*
 * Diagnostics: debug switches and peer conditions, the exit-path table,
 * the event-trace rings, log lines and the drop counters.
 *
 * Everything here is single-threaded (the event loop's thread). Messages
 * are formatted by callers that never pass keys; nothing here looks into
 * the daemon's state.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include <json-c/json.h>

#include "diag.h"

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

#define EXIT_PATH_DEFAULT	50
#define EXIT_PATH_LIMIT		1000	/* as "crypto ikev2 diagnose error" allows */
#define TRACE_SIZE		256
#define MAX_CONDITIONS		32
#define MSG_LEN			192
#define WHERE_LEN		64
#define TIME_BUF		32
#define ADDR_BUF		(INET6_ADDRSTRLEN + 8)

struct ike_stats ike_stats;

/* An address as the table and the trace keep it: small, no pointers. */
struct daddr {
	sa_family_t family;	/* 0: none */
	uint16_t port;		/* host order */
	uint8_t a[16];
};

/* An entry of the exit-path table. */
struct ep_entry {
	struct timespec ts;
	uint32_t session_id, sa_id;
	struct daddr peer;
	unsigned int count;	/* the same error in a row: "Error(n)" */
	char where[WHERE_LEN];
	char msg[MSG_LEN];
};

/* An entry of an event-trace ring. */
struct tr_entry {
	struct timespec ts;
	uint32_t session_id, sa_id;
	struct daddr remote, local;
	char msg[MSG_LEN];
};

struct trace_ring {
	const char *name;
	uint64_t added;		/* entries ever added; the newest is added-1 */
	uint64_t shown;		/* "added" when the ring was last displayed */
	struct tr_entry e[TRACE_SIZE];
};

static bool use_syslog;
static unsigned int dbg_cats;

static struct daddr conditions[MAX_CONDITIONS];
static unsigned int n_conditions;

static struct {
	struct ep_entry *ring;
	unsigned int max;	/* ring size */
	unsigned int head;	/* next slot to write */
	unsigned int n;		/* entries held */
	uint64_t deleted;	/* pushed out by newer ones */
} ep;

enum { TR_ERROR, TR_EVENT, TR_EXCEPTION, TR_COUNT };

static struct trace_ring rings[TR_COUNT] = {
	[TR_ERROR] = { .name = "error" },
	[TR_EVENT] = { .name = "event" },
	[TR_EXCEPTION] = { .name = "exception" },
};

static const struct {
	unsigned int cat;
	const char *name;
	const char *key;	/* JSON */
} cat_names[] = {
	{ DBG_IKEV2, "IKEv2 default", "ikev2" },
	{ DBG_ERROR, "IKEv2 error", "ikev2_error" },
	{ DBG_PACKET, "IKEv2 packet", "ikev2_packet" },
	{ DBG_HEXDUMP, "IKEv2 packet hexdump", "ikev2_packet_hexdump" },
	{ DBG_INTERNAL, "IKEv2 internal", "ikev2_internal" },
	{ DBG_KMI, "Crypto KMI", "kmi" },
	{ DBG_VTEMPLATE, "Virtual template cloning", "vtemplate_cloning" },
};

/* --- addresses --- */

static void daddr_set(struct daddr *d, const struct sockaddr_storage *ss)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)ss;
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)ss;

	memset(d, 0, sizeof(*d));
	if (!ss)
		return;
	if (ss->ss_family == AF_INET) {
		d->family = AF_INET;
		d->port = ntohs(sin->sin_port);
		memcpy(d->a, &sin->sin_addr, 4);
	} else if (ss->ss_family == AF_INET6) {
		d->port = ntohs(sin6->sin6_port);
		if (IN6_IS_ADDR_V4MAPPED(&sin6->sin6_addr)) {
			/* one spelling per peer, for the conditions */
			d->family = AF_INET;
			memcpy(d->a, &sin6->sin6_addr.s6_addr[12], 4);
		} else {
			d->family = AF_INET6;
			memcpy(d->a, &sin6->sin6_addr, 16);
		}
	}
}

static bool daddr_same_host(const struct daddr *x, const struct daddr *y)
{
	size_t len = x->family == AF_INET ? 4 : 16;

	return x->family && x->family == y->family && !memcmp(x->a, y->a, len);
}

static const char *daddr_str(const struct daddr *d, char *buf, size_t len)
{
	if (!d->family || !inet_ntop(d->family, d->a, buf, len))
		snprintf(buf, len, "none");
	return buf;
}

/* "10.10.10.1/500" */
static const char *daddr_port_str(const struct daddr *d, char *buf,
				  size_t len)
{
	char a[INET6_ADDRSTRLEN];

	snprintf(buf, len, "%s/%u", daddr_str(d, a, sizeof(a)), d->port);
	return buf;
}

/* --- time --- */

static void now_real(struct timespec *ts)
{
	clock_gettime(CLOCK_REALTIME, ts);
}

/* "Nov 23 10:11:12.345" in local time. */
static const char *time_str(const struct timespec *ts, char *buf, size_t len)
{
	struct tm tm;
	size_t n;

	if (!localtime_r(&ts->tv_sec, &tm)) {
		snprintf(buf, len, "?");
		return buf;
	}
	n = strftime(buf, len, "%b %e %H:%M:%S", &tm);
	snprintf(buf + n, len - n, ".%03ld", ts->tv_nsec / 1000000);
	return buf;
}

static uint64_t time_ms(const struct timespec *ts)
{
	return (uint64_t)ts->tv_sec * 1000 + (uint64_t)ts->tv_nsec / 1000000;
}

/* --- setup --- */

static int ep_resize(unsigned int max)
{
	struct ep_entry *ring;
	unsigned int keep, i, first;

	ring = calloc(max, sizeof(*ring));
	if (!ring)
		return -ENOMEM;
	keep = ep.n < max ? ep.n : max;
	first = (ep.head + ep.max - keep) % (ep.max ? ep.max : 1);
	for (i = 0; i < keep; i++)
		ring[i] = ep.ring[(first + i) % ep.max];
	ep.deleted += ep.n - keep;
	free(ep.ring);
	ep.ring = ring;
	ep.max = max;
	ep.n = keep;
	ep.head = keep % max;
	return 0;
}

void diag_init(bool syslog_on, unsigned int exit_path_max)
{
	if (!exit_path_max)
		exit_path_max = EXIT_PATH_DEFAULT;
	if (exit_path_max > EXIT_PATH_LIMIT)
		exit_path_max = EXIT_PATH_LIMIT;
	if (syslog_on && !use_syslog)
		openlog("flexsecd", LOG_PID | LOG_NDELAY, LOG_DAEMON);
	else if (!syslog_on && use_syslog)
		closelog();
	use_syslog = syslog_on;
	if (exit_path_max != ep.max && ep_resize(exit_path_max))
		log_err("%%IKEV2-3-DIAG: no memory for the exit-path table");
}

void diag_fini(void)
{
	free(ep.ring);
	memset(&ep, 0, sizeof(ep));
	if (use_syslog)
		closelog();
	use_syslog = false;
}

/* The table is usable before diag_init (tests, early errors). */
static bool ep_ready(void)
{
	return ep.ring || !ep_resize(EXIT_PATH_DEFAULT);
}

/* --- output of lines --- */

/* Writes TEXT (possibly several lines) after PREFIX, at syslog PRIO. */
static void emit(int prio, const char *prefix, const char *text)
{
	const char *p = text, *nl;
	size_t len = strlen(text);

	while (len && text[len - 1] == '\n')
		len--;
	if (!use_syslog) {
		fprintf(stderr, "%s%.*s\n", prefix, (int)len, text);
		return;
	}
	/* one syslog record per line: journald and syslogd cut at '\n' */
	while (p < text + len) {
		nl = memchr(p, '\n', text + len - p);
		if (!nl)
			nl = text + len;
		syslog(prio, "%s%.*s", p == text ? prefix : "",
		       (int)(nl - p), p);
		p = nl + 1;
	}
	if (!len)
		syslog(prio, "%s", prefix);
}

static void vemit(int prio, const char *prefix, const char *fmt, va_list ap)
{
	char *text = NULL;

	if (vasprintf(&text, fmt, ap) < 0) {
		emit(prio, prefix, "(out of memory formatting a message)");
		return;
	}
	emit(prio, prefix, text);
	free(text);
}

void log_notice(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vemit(LOG_NOTICE, "", fmt, ap);
	va_end(ap);
}

void log_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vemit(LOG_ERR, "", fmt, ap);
	va_end(ap);
}

/* --- debug switches and conditions --- */

void dbg_set(unsigned int cats, bool on)
{
	if (on)
		dbg_cats |= cats;
	else
		dbg_cats &= ~cats;
}

unsigned int dbg_get(void)
{
	return dbg_cats;
}

const char *dbg_cat_name(unsigned int cat)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cat_names); i++)
		if (cat_names[i].cat == cat)
			return cat_names[i].name;
	return "IKEv2";
}

static int condition_find(const struct daddr *d)
{
	unsigned int i;

	for (i = 0; i < n_conditions; i++)
		if (daddr_same_host(&conditions[i], d))
			return (int)i;
	return -1;
}

int dbg_condition_peer(const struct sockaddr_storage *peer, bool on)
{
	struct daddr d;
	int i;

	daddr_set(&d, peer);
	if (!d.family)
		return -EAFNOSUPPORT;
	d.port = 0;
	i = condition_find(&d);
	if (on) {
		if (i >= 0)
			return -EEXIST;
		if (n_conditions == MAX_CONDITIONS)
			return -ENOSPC;
		conditions[n_conditions++] = d;
		return 0;
	}
	if (i < 0)
		return -ENOENT;
	conditions[i] = conditions[--n_conditions];
	return 0;
}

void dbg_condition_clear(void)
{
	n_conditions = 0;
}

/* With conditions, a line needs a peer in its context, and a listed one. */
static bool condition_pass(const struct dctx *c)
{
	struct daddr d;

	if (!n_conditions)
		return true;
	if (!c || !c->peer)
		return false;
	daddr_set(&d, c->peer);
	return condition_find(&d) >= 0;
}

bool dbg_on(unsigned int cat, const struct dctx *c)
{
	return (dbg_cats & cat) && condition_pass(c);
}

/* "IKEv2:(SESSION ID = 1,SA ID = 2):" with what the context has. */
static void ctx_prefix(const char *tag, const struct dctx *c, char *buf,
		       size_t len)
{
	if (c && c->session_id && c->sa_id)
		snprintf(buf, len, "%s:(SESSION ID = %u,SA ID = %u):", tag,
			 c->session_id, c->sa_id);
	else if (c && c->sa_id)
		snprintf(buf, len, "%s:(SA ID = %u):", tag, c->sa_id);
	else if (c && c->session_id)
		snprintf(buf, len, "%s:(SESSION ID = %u):", tag,
			 c->session_id);
	else
		snprintf(buf, len, "%s:", tag);
}

/*
 * The prefix of a debug line, by the switches that let it through: KMI
 * lines come whole from kmi.c ("KMI: (Session ID: 1) ..."), packet lines
 * are "IKEv2-PAK:", the others "IKEv2:". A line that starts with a blank
 * continues the one before it (payload lists, hex dumps) and, as on IOS,
 * has none.
 */
static void dbg_prefix(unsigned int on, const struct dctx *c,
		       const char *text, char *buf, size_t len)
{
	if (on == DBG_KMI)
		snprintf(buf, len, "%s", strncmp(text, "KMI:", 4) ? "KMI: " : "");
	else if (on == DBG_VTEMPLATE)
		buf[0] = '\0';
	else if (text[0] == ' ')
		buf[0] = '\0';
	else if (!(on & ~(DBG_PACKET | DBG_HEXDUMP)))
		ctx_prefix("IKEv2-PAK", c, buf, len);
	else
		ctx_prefix("IKEv2", c, buf, len);
}

void dbg(unsigned int cat, const struct dctx *c, const char *fmt, ...)
{
	char prefix[80], *text = NULL;
	va_list ap;
	int n;

	if (!dbg_on(cat, c))
		return;
	va_start(ap, fmt);
	n = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (n < 0) {
		emit(LOG_DEBUG, "", "(out of memory formatting a message)");
		return;
	}
	dbg_prefix(cat & dbg_cats, c, text, prefix, sizeof(prefix));
	emit(LOG_DEBUG, prefix, text);
	free(text);
}

/* --- the exit-path table and the trace --- */

const char *diag_where(const char *func, int line)
{
	static char buf[WHERE_LEN];

	snprintf(buf, sizeof(buf), "%s:%d", func ? func : "?", line);
	return buf;
}

static bool ep_same(const struct ep_entry *e, const struct dctx *c,
		    const char *where, const char *msg)
{
	struct daddr d;

	daddr_set(&d, c ? c->peer : NULL);
	return e->session_id == (c ? c->session_id : 0) &&
	       e->sa_id == (c ? c->sa_id : 0) &&
	       e->peer.family == d.family &&
	       (!d.family || daddr_same_host(&e->peer, &d)) &&
	       !strcmp(e->where, where) && !strcmp(e->msg, msg);
}

static void ep_add(const struct dctx *c, const char *where, const char *msg)
{
	struct ep_entry *e;

	if (!ep_ready())
		return;
	if (ep.n) {
		e = &ep.ring[(ep.head + ep.max - 1) % ep.max];
		if (ep_same(e, c, where, msg)) {
			e->count++;
			now_real(&e->ts);
			return;
		}
	}
	if (ep.n == ep.max)
		ep.deleted++;
	else
		ep.n++;
	e = &ep.ring[ep.head];
	ep.head = (ep.head + 1) % ep.max;
	memset(e, 0, sizeof(*e));
	now_real(&e->ts);
	e->count = 1;
	if (c) {
		e->session_id = c->session_id;
		e->sa_id = c->sa_id;
		daddr_set(&e->peer, c->peer);
	}
	snprintf(e->where, sizeof(e->where), "%s", where);
	snprintf(e->msg, sizeof(e->msg), "%s", msg);
}

static void trace_add(unsigned int ring, const struct dctx *c,
		      const char *msg)
{
	struct trace_ring *r = &rings[ring];
	struct tr_entry *e = &r->e[r->added % TRACE_SIZE];

	memset(e, 0, sizeof(*e));
	now_real(&e->ts);
	if (c) {
		e->session_id = c->session_id;
		e->sa_id = c->sa_id;
		daddr_set(&e->remote, c->peer);
		daddr_set(&e->local, c->local);
	}
	snprintf(e->msg, sizeof(e->msg), "%s", msg);
	r->added++;
}

void diag_error_at(const struct dctx *c, const char *where, const char *fmt,
		   ...)
{
	char msg[MSG_LEN], w[WHERE_LEN];
	va_list ap;

	/* WHERE may be diag_where's buffer: copy it before anything else */
	snprintf(w, sizeof(w), "%s", where ? where : "?");
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ep_add(c, w, msg);
	trace_add(TR_ERROR, c, msg);
	/* the IOS way of an error line: "IKEv2:(SESSION ID = 1,...):: msg" */
	dbg(DBG_ERROR | DBG_IKEV2, c, ": %s", msg);
}

static void vtrace(unsigned int ring, const struct dctx *c, const char *fmt,
		   va_list ap)
{
	char msg[MSG_LEN];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	trace_add(ring, c, msg);
}

void trace_event(const struct dctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vtrace(TR_EVENT, c, fmt, ap);
	va_end(ap);
}

void trace_exception(const struct dctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vtrace(TR_EXCEPTION, c, fmt, ap);
	va_end(ap);
}

/* --- rendering --- */

static void json_out(FILE *out, struct json_object *jo)
{
	fputs(json_object_to_json_string_ext(jo, JSON_C_TO_STRING_PLAIN), out);
	fputc('\n', out);
	json_object_put(jo);
}

static void jadd_str(struct json_object *jo, const char *key, const char *s)
{
	json_object_object_add(jo, key, json_object_new_string(s));
}

static void jadd_u64(struct json_object *jo, const char *key, uint64_t v)
{
	json_object_object_add(jo, key, json_object_new_uint64(v));
}

static void jadd_addr(struct json_object *jo, const char *key,
		      const char *port_key, const struct daddr *d)
{
	char a[ADDR_BUF];

	if (!d->family) {
		json_object_object_add(jo, key, NULL);
		return;
	}
	jadd_str(jo, key, daddr_str(d, a, sizeof(a)));
	if (port_key)
		jadd_u64(jo, port_key, d->port);
}

static void jadd_time(struct json_object *jo, const struct timespec *ts)
{
	char t[TIME_BUF];

	jadd_str(jo, "time", time_str(ts, t, sizeof(t)));
	jadd_u64(jo, "time_ms", time_ms(ts));
}

static const struct ep_entry *ep_nth(unsigned int i)
{
	return &ep.ring[(ep.head + ep.max - ep.n + i) % ep.max];
}

static void ep_entry_text(FILE *out, const struct ep_entry *e)
{
	char t[TIME_BUF], p[ADDR_BUF];

	fprintf(out, "Error(%u): %s\n", e->count, e->msg);
	fprintf(out, "    %s: SA ID:%u SESSION ID:%u Remote: %s\n",
		time_str(&e->ts, t, sizeof(t)), e->sa_id, e->session_id,
		daddr_str(&e->peer, p, sizeof(p)));
	fprintf(out, "-Traceback= %s\n\n", e->where);
}

static struct json_object *ep_entry_json(const struct ep_entry *e)
{
	struct json_object *jo = json_object_new_object();

	jadd_u64(jo, "count", e->count);
	jadd_str(jo, "message", e->msg);
	jadd_time(jo, &e->ts);
	jadd_u64(jo, "sa_id", e->sa_id);
	jadd_u64(jo, "session_id", e->session_id);
	jadd_addr(jo, "remote", NULL, &e->peer);
	jadd_str(jo, "traceback", e->where);
	return jo;
}

void diag_show_errors(FILE *out, bool json)
{
	struct json_object *jo, *arr;
	unsigned int i;

	ep_ready();
	if (!json) {
		fprintf(out, "Exit Path Table - status: enable, current entry %u, deleted %llu, max allow %u\n\n",
			ep.n, (unsigned long long)ep.deleted, ep.max);
		for (i = 0; i < ep.n; i++)
			ep_entry_text(out, ep_nth(i));
		return;
	}
	jo = json_object_new_object();
	json_object_object_add(jo, "status",
			       json_object_new_string("enable"));
	jadd_u64(jo, "current_entries", ep.n);
	jadd_u64(jo, "deleted", ep.deleted);
	jadd_u64(jo, "max_allow", ep.max);
	arr = json_object_new_array();
	for (i = 0; i < ep.n; i++)
		json_object_array_add(arr, ep_entry_json(ep_nth(i)));
	json_object_object_add(jo, "errors", arr);
	json_out(out, jo);
}

void diag_clear_errors(void)
{
	ep.n = 0;
	ep.head = 0;
	ep.deleted = 0;
}

static int ring_find(const char *which)
{
	unsigned int i;

	for (i = 0; which && i < TR_COUNT; i++)
		if (!strcmp(rings[i].name, which))
			return (int)i;
	return -1;
}

/*
 * "Nov 23 10:11:12.345: SA ID:1 SESSION ID:1 Remote: A/500 Local: B/500 :
 * message"
 */
static void tr_entry_text(FILE *out, const struct tr_entry *e)
{
	char t[TIME_BUF], r[ADDR_BUF], l[ADDR_BUF];

	fprintf(out, "%s: SA ID:%u SESSION ID:%u", time_str(&e->ts, t,
							    sizeof(t)),
		e->sa_id, e->session_id);
	if (e->remote.family)
		fprintf(out, " Remote: %s",
			daddr_port_str(&e->remote, r, sizeof(r)));
	if (e->local.family)
		fprintf(out, " Local: %s",
			daddr_port_str(&e->local, l, sizeof(l)));
	fprintf(out, " : %s\n", e->msg);
}

static struct json_object *tr_entry_json(const struct tr_entry *e)
{
	struct json_object *jo = json_object_new_object();

	jadd_time(jo, &e->ts);
	jadd_u64(jo, "sa_id", e->sa_id);
	jadd_u64(jo, "session_id", e->session_id);
	jadd_addr(jo, "remote", "remote_port", &e->remote);
	jadd_addr(jo, "local", "local_port", &e->local);
	jadd_str(jo, "message", e->msg);
	return jo;
}

int diag_show_trace(FILE *out, const char *which, bool latest, bool json)
{
	struct json_object *jo = NULL, *arr = NULL;
	struct trace_ring *r;
	uint64_t from, seq;
	int i = ring_find(which);

	if (i < 0)
		return -EINVAL;
	r = &rings[i];
	from = r->added > TRACE_SIZE ? r->added - TRACE_SIZE : 0;
	if (latest && r->shown > from)
		from = r->shown;
	if (json) {
		jo = json_object_new_object();
		jadd_str(jo, "trace", r->name);
		jadd_str(jo, "range", latest ? "latest" : "all");
		arr = json_object_new_array();
	}
	for (seq = from; seq < r->added; seq++) {
		const struct tr_entry *e = &r->e[seq % TRACE_SIZE];

		if (json)
			json_object_array_add(arr, tr_entry_json(e));
		else
			tr_entry_text(out, e);
	}
	r->shown = r->added;
	if (json) {
		json_object_object_add(jo, "entries", arr);
		json_out(out, jo);
	}
	return 0;
}

static void show_debug_text(FILE *out)
{
	char a[ADDR_BUF];
	unsigned int i, on = 0;

	fputs("Crypto Subsystem:\n", out);
	for (i = 0; i < ARRAY_SIZE(cat_names); i++) {
		if (!(dbg_cats & cat_names[i].cat))
			continue;
		fprintf(out, "  %s debugging is on\n", cat_names[i].name);
		on++;
	}
	if (!on)
		fputs("  No crypto debugging is on\n", out);
	fputs("\nCrypto conditional debug:\n", out);
	if (!n_conditions)
		fputs("  No conditions (every peer is debugged)\n", out);
	for (i = 0; i < n_conditions; i++)
		fprintf(out, "  Peer %s: %s\n",
			conditions[i].family == AF_INET ? "IPv4" : "IPv6",
			daddr_str(&conditions[i], a, sizeof(a)));
}

void diag_show_debug(FILE *out, bool json)
{
	struct json_object *jo, *sw, *arr;
	char a[ADDR_BUF];
	unsigned int i;

	if (!json) {
		show_debug_text(out);
		return;
	}
	jo = json_object_new_object();
	sw = json_object_new_object();
	for (i = 0; i < ARRAY_SIZE(cat_names); i++)
		json_object_object_add(sw, cat_names[i].key,
				       json_object_new_boolean(dbg_cats &
							       cat_names[i].cat));
	json_object_object_add(jo, "debug", sw);
	arr = json_object_new_array();
	for (i = 0; i < n_conditions; i++)
		json_object_array_add(arr, json_object_new_string(
			daddr_str(&conditions[i], a, sizeof(a))));
	json_object_object_add(jo, "condition_peers", arr);
	json_out(out, jo);
}
