/* SPDX-License-Identifier: GPL-2.0 */
/* Netlink sockets, requests and extended-ACK error reports. */

#ifndef FLEXSEC_CLI_NL_H
#define FLEXSEC_CLI_NL_H

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

int fx_genl_open(struct nl_sock **skp, int *family);
int fx_rtnl_open(struct nl_sock **skp);
void fx_close(struct nl_sock *sk);

struct nl_msg *fx_genl_msg(int family, uint8_t cmd, int flags);
void fx_msg_free(struct nl_msg *msg);

int fx_nl_run(struct nl_sock *sk, struct nl_msg *msg, const struct nl_req *req);
int fx_put_failed(const char *what);

/* The attributes of a generic-netlink message, checked against policy. */
int fx_genl_parse(struct nl_msg *msg, struct nlattr **tb, int max,
		  const struct nla_policy *policy, const char *what);

#endif /* FLEXSEC_CLI_NL_H */
