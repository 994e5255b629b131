/* SPDX-License-Identifier: GPL-2.0 */
/* Netlink sockets, requests and extended-ACK error reports. */

#ifndef FLEXSEC_CLI_NL_H
#define FLEXSEC_CLI_NL_H

#include <stddef.h>
#include <stdint.h>

#include "nlreq.h"

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
