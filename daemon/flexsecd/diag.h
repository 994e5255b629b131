/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Diagnostics, built into every failure path:
 *  - debug switches ("debug crypto ikev2 [error|packet [hexdump]|internal]",
 *    "debug crypto kmi"), limited by "debug crypto condition peer ipv4 A";
 *  - the exit-path table ("show crypto ikev2 diagnose error"): the last N
 *    specific errors, each with where it happened;
 *  - the event trace ("show monitor event-trace crypto ikev2 error|event|
 *    exception all|latest"): always-on rings of recent events;
 *  - log lines (stderr, or syslog with -s), and counters for dropped input.
 * Lines are prefixed the IOS way: "IKEv2:(SESSION ID = 1,SA ID = 1):".
 * Keys never reach any of these.
 */
#ifndef FLEXSECD_DIAG_H
#define FLEXSECD_DIAG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>

/* Debug categories */
#define DBG_IKEV2	0x01	/* "debug crypto ikev2": default events */
#define DBG_ERROR	0x02	/* "... error" */
#define DBG_PACKET	0x04	/* "... packet" */
#define DBG_HEXDUMP	0x08	/* "... packet hexdump" */
#define DBG_INTERNAL	0x10	/* "... internal" */
#define DBG_KMI		0x20	/* "debug crypto kmi" */
#define DBG_VTEMPLATE	0x40	/* "debug vtemplate cloning" */

/* The context a line is about; any field may be 0/NULL. LOCAL is only
 * used by the event trace ("Local: A/port"). */
struct dctx {
	uint32_t session_id;
	uint32_t sa_id;
	const struct sockaddr_storage *peer;
	const struct sockaddr_storage *local;
};

/* May be called again (after a reload) to change the table's size; the
 * newest entries are kept. EXIT_PATH_MAX 0: the default, 50. */
void diag_init(bool use_syslog, unsigned int exit_path_max);
void diag_fini(void);

/* Debug switches and the peer condition. */
void dbg_set(unsigned int cats, bool on);
unsigned int dbg_get(void);
/* Adds (or with ON false removes) "condition peer ipv4 A"; with no
 * conditions every peer is debugged. 0, or -EEXIST (already there),
 * -ENOENT (not there), -ENOSPC (list full), -EAFNOSUPPORT. */
int dbg_condition_peer(const struct sockaddr_storage *peer, bool on);
void dbg_condition_clear(void);
/* Whether category CAT (any of its bits) is on for context C (switch and
 * condition). */
bool dbg_on(unsigned int cat, const struct dctx *c);
/* The switch's name as IOS answers "debug ...": "IKEv2 packet hexdump". */
const char *dbg_cat_name(unsigned int cat);

/* A debug line of category CAT for context C, when dbg_on(). A line
 * that starts with a blank continues the one before it and is written
 * without the "IKEv2:(...):" prefix. */
void dbg(unsigned int cat, const struct dctx *c, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A log line that is always written (state changes the operator must see:
 * "%IKEV2-5-SA_UP", "%CRYPTO-4-PKT_REPLAY_ERR"...). */
void log_notice(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* An error on an exit path: goes to the exit-path table (with WHERE, the
 * function and line that saw it), the error event trace, and the
 * "debug crypto ikev2 error" output. Use the DIAG_ERROR macro. */
void diag_error_at(const struct dctx *c, const char *where, const char *fmt,
		   ...) __attribute__((format(printf, 3, 4)));
#define DIAG_ERROR(c, ...) \
	diag_error_at((c), diag_where(__func__, __LINE__), __VA_ARGS__)
const char *diag_where(const char *func, int line);

/* Event-trace entries: events (state changes, exchanges) and exceptions
 * (dropped input, retransmissions given up). */
void trace_event(const struct dctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void trace_exception(const struct dctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Counters for "show crypto ikev2 stats". */
struct ike_stats {
	uint64_t rx_msgs, tx_msgs, retransmits;
	uint64_t rx_dropped;		/* any malformed or unwanted datagram */
	uint64_t rx_truncated, rx_bad_header, rx_bad_length, rx_bad_payload;
	uint64_t rx_unknown_spi, rx_critical, rx_decrypt_failed;
	uint64_t rx_bad_msgid, rx_too_big;
	uint64_t rx_esp;		/* ESP on the NAT-T port reached us */
	uint64_t natt_keepalives;	/* NAT keepalives sent */
	uint64_t natt_moves;		/* peers followed to a new address */
	uint64_t sa_initiated, sa_responded, sa_established, sa_failed;
	uint64_t child_installed, child_deleted;
	uint64_t child_rekeys, child_rekey_collisions;
	uint64_t ike_rekeys, ike_rekey_collisions;
	uint64_t ike_reauths;		/* reauthentications we started */
	uint64_t in_negotiation_in, in_negotiation_out;	/* now */
	uint64_t cac_rejected;
	/* responder COOKIEs: requests that came while a cookie was asked
	 * for, with a valid one, with a wrong one, without one; COOKIE
	 * notifies sent, secrets drawn; initiator: COOKIEs answered */
	uint64_t cookie_challenged, cookie_accepted, cookie_rejected;
	uint64_t cookie_no_cookie, cookie_sent, cookie_rotations;
	uint64_t cookie_received;
};
extern struct ike_stats ike_stats;

/* Control-socket output (show/clear/debug commands): the text and JSON
 * renderings of the table and the trace. OUT is an open memstream. */
void diag_show_errors(FILE *out, bool json);
void diag_clear_errors(void);
/* WHICH: "error", "event" or "exception"; LATEST: only entries not shown
 * by an earlier "latest". */
int diag_show_trace(FILE *out, const char *which, bool latest, bool json);
void diag_show_debug(FILE *out, bool json);	/* "show debugging" */

#endif /* FLEXSECD_DIAG_H */
