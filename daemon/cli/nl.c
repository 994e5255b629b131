// SPDX-License-Identifier: GPL-2.0
/* Netlink sockets and requests, with their errors reported on stderr. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/flexsec.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "nl.h"
#include "output.h"

static int nl_open(int protocol, struct nl_sock **skp)
{
	int err;

	err = nlr_open(protocol, skp);
	if (err == -NLE_NOMEM) {
		errorf("netlink socket: out of memory");
		return -ENOMEM;
	}
	if (err < 0) {
		errorf("netlink socket: %s", nl_geterror(err));
		return -EIO;
	}
	return 0;
}

int fx_genl_open(struct nl_sock **skp, int *family)
{
	int err;

	err = nl_open(NETLINK_GENERIC, skp);
	if (err)
		return err;
	*family = genl_ctrl_resolve(*skp, FLEXSEC_FAMILY_NAME);
	if (*family >= 0)
		return 0;
	if (*family == -NLE_OBJ_NOTFOUND)
		errorf("family %s not found (is flexsec.ko loaded?)",
		       FLEXSEC_FAMILY_NAME);
	else
		errorf("family %s: %s", FLEXSEC_FAMILY_NAME,
		       nl_geterror(*family));
	fx_close(*skp);
	*skp = NULL;
	return -ENOENT;
}

int fx_rtnl_open(struct nl_sock **skp)
{
	return nl_open(NETLINK_ROUTE, skp);
}

void fx_close(struct nl_sock *sk)
{
	if (sk)
		nl_socket_free(sk);
}

struct nl_msg *fx_genl_msg(int family, uint8_t cmd, int flags)
{
	struct nl_msg *msg;

	msg = nlr_genl_msg(family, cmd, flags, FLEXSEC_FAMILY_VERSION);
	if (!msg)
		errorf("out of memory");
	return msg;
}

/* Frees a request, wiping it first: it may hold keys. */
void fx_msg_free(struct nl_msg *msg)
{
	nlr_msg_free(msg);
}

int fx_put_failed(const char *what)
{
	errorf("%s: request too large for a netlink message", what);
	return -EMSGSIZE;
}

int fx_genl_parse(struct nl_msg *msg, struct nlattr **tb, int max,
		  const struct nla_policy *policy, const char *what)
{
	int err;

	err = genlmsg_parse(nlmsg_hdr(msg), 0, tb, max,
			    (struct nla_policy *)policy);
	if (err < 0) {
		errorf("%s: malformed reply from the kernel: %s", what,
		       nl_geterror(err));
		return -EBADMSG;
	}
	return 0;
}

static const char *errno_hint(int err)
{
	switch (err) {
	case -EPERM:
		return " (CAP_NET_ADMIN is needed)";
	}
	return "";
}

static void report(const char *what, const struct nl_result *res)
{
	char why[512];

	if (res->io[0]) {
		errorf("%s: %s", what, res->io);
		return;
	}
	if (res->reply_failed)
		return;
	errorf("%s: %s%s", what, strerror(-res->err), errno_hint(res->err));
	if (*nlr_explain(res, why, sizeof(why)))
		fprintf(stderr, "Error: %s\n", why);
}

/*
 * Sends a request and reads what comes back until its ACK, its NLMSG_DONE
 * or its error. Returns 0 or a negative errno, already reported. The
 * request stays the caller's (it is needed to name the attribute an error
 * points at).
 */
int fx_nl_run(struct nl_sock *sk, struct nl_msg *msg, const struct nl_req *req)
{
	struct nl_result res;
	int err;

	err = nlr_run(sk, msg, req, &res);
	if (err)
		report(req->what, &res);
	else if (res.msg[0])
		fprintf(stderr, "Warning: %s\n", res.msg);
	return err;
}
