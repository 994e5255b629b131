// SPDX-License-Identifier: GPL-2.0
/* flexsec monitor: the events of the flexsec family, one line each. */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <linux/flexsec.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "cli.h"
#include "nl.h"
#include "nlattrs.h"
#include "output.h"

/* Room for a burst of events before the kernel has to drop some. */
#define MONITOR_RCVBUF	(1 << 20)

void monitor_usage(FILE *f)
{
	fputs("Usage: flexsec [ -j ] monitor\n"
	      "Prints acquire, soft-expire, hard-expire, seq-overflow and\n"
	      "replay-error events as they happen, one per line.\n",
	      f);
}

static const char *event_name(uint8_t cmd)
{
	switch (cmd) {
	case FLEXSEC_CMD_ACQUIRE:
		return "acquire";
	case FLEXSEC_CMD_SOFT_EXPIRE:
		return "soft-expire";
	case FLEXSEC_CMD_HARD_EXPIRE:
		return "hard-expire";
	case FLEXSEC_CMD_SEQ_OVERFLOW:
		return "seq-overflow";
	case FLEXSEC_CMD_REPLAY_ERROR:
		return "replay-error";
	}
	return NULL;
}

static uint32_t get_u32(struct nlattr **tb, int attr)
{
	return tb[attr] ? nla_get_u32(tb[attr]) : 0;
}

static const char *tunnel_dev(struct nlattr **tb, char *buf, size_t size)
{
	return fmt_ifname(tb[FLEXSEC_A_TUNNEL_IFNAME],
			  get_u32(tb, FLEXSEC_A_TUNNEL_IFINDEX), buf, size);
}

static const char *sa_dev(struct nlattr **tb, char *buf, size_t size)
{
	return fmt_ifname(tb[FLEXSEC_A_SA_IFNAME],
			  get_u32(tb, FLEXSEC_A_SA_IFINDEX), buf, size);
}

static void print_addrs(const struct nlattr *local,
			const struct nlattr *remote)
{
	char l[ADDR_BUF], r[ADDR_BUF];

	if (local)
		printf(" local %s", fmt_addr(local, l, sizeof(l)));
	if (remote)
		printf(" remote %s", fmt_addr(remote, r, sizeof(r)));
}

static void acquire_print(struct nlattr **tb)
{
	uint32_t mode = get_u32(tb, FLEXSEC_A_TUNNEL_MODE);
	char name[IFNAME_BUF], m[16];

	printf("acquire dev %s", tunnel_dev(tb, name, sizeof(name)));
	if (tb[FLEXSEC_A_TUNNEL_MODE])
		printf(" mode %s", fmt_enum(mode_name(mode),
					    tb[FLEXSEC_A_TUNNEL_MODE], m,
					    sizeof(m)));
	print_addrs(tb[FLEXSEC_A_TUNNEL_LOCAL], tb[FLEXSEC_A_TUNNEL_REMOTE]);
	putchar('\n');
}

static void acquire_json(struct nlattr **tb)
{
	struct json_object *jo = json_object_new_object();
	uint32_t mode = get_u32(tb, FLEXSEC_A_TUNNEL_MODE);
	char name[IFNAME_BUF], m[16];

	jadd_str(jo, "event", "acquire");
	jadd_str(jo, "dev", tunnel_dev(tb, name, sizeof(name)));
	jadd_attr_u32(jo, "ifindex", tb[FLEXSEC_A_TUNNEL_IFINDEX]);
	jadd_str(jo, "mode", fmt_enum(mode_name(mode),
				      tb[FLEXSEC_A_TUNNEL_MODE], m, sizeof(m)));
	jadd_attr_addr(jo, "local", tb[FLEXSEC_A_TUNNEL_LOCAL]);
	jadd_attr_addr(jo, "remote", tb[FLEXSEC_A_TUNNEL_REMOTE]);
	json_print(jo);
	json_object_put(jo);
}

static int acquire_event(struct nl_msg *msg)
{
	struct nlattr *tb[FLEXSEC_A_TUNNEL_MAX + 1];

	if (fx_genl_parse(msg, tb, FLEXSEC_A_TUNNEL_MAX, tunnel_policy,
			  "monitor"))
		return -EBADMSG;
	if (out_json)
		acquire_json(tb);
	else
		acquire_print(tb);
	return 0;
}

static void sa_event_print(const char *event, struct nlattr **tb)
{
	uint32_t dir = get_u32(tb, FLEXSEC_A_SA_DIR);
	uint32_t limit = get_u32(tb, FLEXSEC_A_SA_LIMIT);
	char name[IFNAME_BUF], spi[SPI_BUF], d[16], l[16];

	printf("%s dev %s", event, sa_dev(tb, name, sizeof(name)));
	if (tb[FLEXSEC_A_SA_DIR])
		printf(" dir %s", fmt_enum(dir_name(dir), tb[FLEXSEC_A_SA_DIR],
					   d, sizeof(d)));
	if (tb[FLEXSEC_A_SA_SPI])
		printf(" spi %s", fmt_spi(nla_get_u32(tb[FLEXSEC_A_SA_SPI]),
					  spi, sizeof(spi)));
	if (tb[FLEXSEC_A_SA_ID])
		printf(" id %u", nla_get_u32(tb[FLEXSEC_A_SA_ID]));
	if (tb[FLEXSEC_A_SA_LIMIT])
		printf(" limit %s", fmt_enum(limit_name(limit),
					     tb[FLEXSEC_A_SA_LIMIT], l,
					     sizeof(l)));
	if (tb[FLEXSEC_A_SA_SEQ])
		printf(" seq %" PRIu64, nla_get_u64(tb[FLEXSEC_A_SA_SEQ]));
	print_addrs(tb[FLEXSEC_A_SA_LOCAL], tb[FLEXSEC_A_SA_REMOTE]);
	putchar('\n');
}

static void sa_event_json(uint8_t cmd, const char *event, struct nlattr **tb)
{
	struct json_object *jo = json_object_new_object();
	uint32_t dir = get_u32(tb, FLEXSEC_A_SA_DIR);
	uint32_t limit = get_u32(tb, FLEXSEC_A_SA_LIMIT);
	char name[IFNAME_BUF], d[16], l[16];

	jadd_str(jo, "event", event);
	jadd_attr_u32(jo, "id", tb[FLEXSEC_A_SA_ID]);
	jadd_str(jo, "dev", sa_dev(tb, name, sizeof(name)));
	jadd_attr_u32(jo, "ifindex", tb[FLEXSEC_A_SA_IFINDEX]);
	jadd_str(jo, "dir", fmt_enum(dir_name(dir), tb[FLEXSEC_A_SA_DIR], d,
				     sizeof(d)));
	jadd_attr_u32(jo, "spi", tb[FLEXSEC_A_SA_SPI]);
	if (cmd == FLEXSEC_CMD_REPLAY_ERROR)
		jadd_attr_u64(jo, "seq", tb[FLEXSEC_A_SA_SEQ]);
	else
		jadd_str(jo, "limit", fmt_enum(limit_name(limit),
					       tb[FLEXSEC_A_SA_LIMIT], l,
					       sizeof(l)));
	jadd_attr_addr(jo, "local", tb[FLEXSEC_A_SA_LOCAL]);
	jadd_attr_addr(jo, "remote", tb[FLEXSEC_A_SA_REMOTE]);
	json_print(jo);
	json_object_put(jo);
}

static int sa_event(struct nl_msg *msg, uint8_t cmd, const char *event)
{
	struct nlattr *tb[FLEXSEC_A_SA_MAX + 1];

	if (fx_genl_parse(msg, tb, FLEXSEC_A_SA_MAX, sa_policy, "monitor"))
		return -EBADMSG;
	if (out_json)
		sa_event_json(cmd, event, tb);
	else
		sa_event_print(event, tb);
	return 0;
}

static void unknown_event(uint8_t cmd)
{
	struct json_object *jo;
	char name[16];

	snprintf(name, sizeof(name), "%u", cmd);
	if (!out_json) {
		printf("event %s (unknown to this flexsec)\n", name);
		return;
	}
	jo = json_object_new_object();
	jadd_str(jo, "event", name);
	json_print(jo);
	json_object_put(jo);
}

/* One event: a malformed one is reported and skipped. */
static int on_event(struct nl_msg *msg, void *arg)
{
	struct genlmsghdr *g;
	const char *event;

	if (!genlmsg_valid_hdr(nlmsg_hdr(msg), 0))
		return NL_SKIP;
	g = genlmsg_hdr(nlmsg_hdr(msg));
	event = event_name(g->cmd);
	if (!event)
		unknown_event(g->cmd);
	else if (g->cmd == FLEXSEC_CMD_ACQUIRE)
		acquire_event(msg);
	else
		sa_event(msg, g->cmd, event);
	fflush(stdout);
	return NL_OK;
}

static int subscribe(struct nl_sock *sk)
{
	int grp, err;

	grp = genl_ctrl_resolve_grp(sk, FLEXSEC_FAMILY_NAME,
				    FLEXSEC_MCGRP_EVENTS);
	if (grp < 0) {
		errorf("monitor: multicast group %s of family %s: %s",
		       FLEXSEC_MCGRP_EVENTS, FLEXSEC_FAMILY_NAME,
		       nl_geterror(grp));
		return -ENOENT;
	}
	err = nl_socket_add_membership(sk, grp);
	if (err < 0) {
		errorf("monitor: joining the %s %s group: %s",
		       FLEXSEC_FAMILY_NAME, FLEXSEC_MCGRP_EVENTS,
		       nlr_join_error(err));
		return -EIO;
	}
	nl_socket_set_buffer_size(sk, MONITOR_RCVBUF, 0);
	return 0;
}

/* Events are not answers to a request: they carry sequence number 0. */
static int any_seq(struct nl_msg *msg, void *arg)
{
	return NL_OK;
}

static int listen_events(struct nl_sock *sk)
{
	struct nl_cb *cb;
	int err;

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		errorf("monitor: out of memory");
		return -ENOMEM;
	}
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, any_seq, NULL);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_event, NULL);
	for (;;) {
		err = nl_recvmsgs(sk, cb);
		if (err == -NLE_NOMEM) {
			/* ENOBUFS: the socket overflowed, events were lost. */
			fflush(stdout);
			fputs("Warning: events lost (receive buffer overrun)\n",
			      stderr);
			continue;
		}
		if (err < 0) {
			errorf("monitor: netlink: %s", nl_geterror(err));
			break;
		}
	}
	nl_cb_put(cb);
	return -EIO;
}

int monitor_main(struct args *a)
{
	struct nl_sock *sk;
	const char *w;
	int family, ret;

	a->cmd = "monitor";
	while (args_more(a)) {
		w = args_next(a);
		ret = args_option(a, w);
		if (ret == ARGS_NOT_OPTION)
			ret = unknown_word(a, w);
		if (ret != ARGS_OK)
			return args_exit(ret);
	}
	if (fx_genl_open(&sk, &family))
		return EXIT_FAIL;
	ret = subscribe(sk);
	if (!ret)
		ret = listen_events(sk);
	fx_close(sk);
	return ret ? EXIT_FAIL : 0;
}
