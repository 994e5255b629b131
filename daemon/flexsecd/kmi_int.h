/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside the key-management interface: its sockets, and the request and
 * debug plumbing (kmi.c) that the SA requests (kmi_sa.c), the tunnel
 * interfaces (kmi_link.c) and the events (kmi_event.c) share.
 */
#ifndef FLEXSECD_KMI_INT_H
#define FLEXSECD_KMI_INT_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>

#include <netlink/netlink.h>

#include "kmi.h"
#include "nlreq.h"

#define IFNAME_BUF	(IF_NAMESIZE + 16)

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

struct kmi {
	struct nl_sock *req;	/* requests of the family */
	struct nl_sock *ev;	/* its events */
	struct nl_cb *ev_cb;	/* and their handlers */
	struct nl_sock *rt;	/* rtnetlink */
	int family;
	kmi_event_fn fn;
	void *ctx;
	char err[384];		/* what *errmsg points at */
};

/* A "debug crypto kmi" line, "KMI: (Session ID: N) ..." (N 0: none). */
void __attribute__((format(printf, 2, 3)))
kmi_dbg(uint32_t session_id, const char *fmt, ...);
/* The name of interface IFINDEX in BUF (IFNAME_BUF bytes), else "ifN". */
const char *kmi_ifname(unsigned int ifindex, char *buf);
/* "inbound" or "outbound". */
const char *kmi_dir(bool inbound);

/* Where kmi_sysctl.c finds net.ipv6.conf ("/proc/sys"; a test's own). */
extern const char *kmi_sysctl_root;

/* Sets the message of a failure found before asking the kernel. */
int __attribute__((format(printf, 3, 4)))
kmi_fail(struct kmi *k, int err, const char *fmt, ...);
/* Clears K->err and points *ERRMSG (when not NULL) at it. */
void kmi_errmsg(struct kmi *k, const char **errmsg);

/*
 * Runs a request on SK and frees it (wiped: it may hold keys). REQ->what
 * is the message's name for the debug lines. Returns 0 or -errno, with
 * the explanation in K->err.
 */
int kmi_run(struct kmi *k, struct nl_sock *sk, struct nl_msg *msg,
	    const struct nl_req *req, uint32_t sid);
/* Frees MSG, which its attributes did not fit in: -EMSGSIZE. */
int kmi_too_large(struct kmi *k, struct nl_msg *msg);

/* The events socket, subscribed to the family's "events" group. */
int kmi_open_events(struct kmi *k);

#endif /* FLEXSECD_KMI_INT_H */
