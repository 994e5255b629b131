/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Netlink requests and the kernel's extended-ACK explanations, shared by
 * the CLI and flexsecd. Nothing here prints: a request's outcome comes
 * back in a struct nl_result for the caller to report its own way.
 */

#ifndef FLEXSEC_NLREQ_H
#define FLEXSEC_NLREQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>

/* Names of the attributes of one set, to say which one the kernel refused. */
struct attr_set {
	const char *const *names;		/* indexed by type */
	unsigned int max;
	const struct attr_set *const *nests;	/* nested sets, or NULL */
};

/* Called for each reply; a negative errno stops (and was reported). */
typedef int (*nl_reply_fn)(struct nl_msg *msg, void *arg);

struct nl_req {
	const char *what;		/* "sa add": the command, for errors */
	const struct attr_set *attrs;	/* the request's attributes */
	size_t hdrlen;			/* family header before them */
	nl_reply_fn reply;
	void *arg;
};

/* What one request brought back. */
struct nl_result {
	int err;		/* 0 or a negative errno */
	bool reply_failed;	/* a reply parser failed (and said why) */
	char io[128];		/* why the socket failed: "netlink: ..." */
	char msg[256];		/* NLMSGERR_ATTR_MSG; a warning if err is 0 */
	char attr[64];		/* the attribute at NLMSGERR_ATTR_OFFS */
	char missing[64];	/* NLMSGERR_ATTR_MISS_TYPE */
	char policy[96];	/* NLMSGERR_ATTR_POLICY */
};

/*
 * A connected socket that asks for the kernel's explanations of errors
 * (and gets only the header of a request quoted back, never its keys).
 * Returns 0 or a negative libnl error.
 */
int nlr_open(int protocol, struct nl_sock **skp);

/* A generic-netlink request of FAMILY; NULL when out of memory. */
struct nl_msg *nlr_genl_msg(int family, uint8_t cmd, int flags,
			    uint8_t version);

/* Frees a request, wiping it first: it may hold keys. */
void nlr_msg_free(struct nl_msg *msg);

/*
 * Sends MSG and reads what comes back until its ACK, its NLMSG_DONE or
 * its error, calling REQ->reply for each reply. Returns RES->err. The
 * request stays the caller's (it names the attribute an error points at).
 */
int nlr_run(struct nl_sock *sk, struct nl_msg *msg, const struct nl_req *req,
	    struct nl_result *res);

/*
 * The kernel's explanation of a failure on one line, "enc-key: wrong
 * length (missing attribute spi) (valid range 256 to 4294967295)", in BUF;
 * "" when it gave none.
 */
const char *nlr_explain(const struct nl_result *res, char *buf, size_t size);

/*
 * Why a socket could not join a multicast group: for -NLE_PERM (the
 * kernel's EPERM) the privilege the group asks for, else libnl's words.
 */
const char *nlr_join_error(int err);

#endif /* FLEXSEC_NLREQ_H */
