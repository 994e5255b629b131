// SPDX-License-Identifier: GPL-2.0
/*
 * The events of flexsec.ko on its "events" multicast group: acquire,
 * soft and hard expiry, sequence number overflow and replay errors,
 * parsed into struct kmi_event for the daemon.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <linux/flexsec.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "diag.h"
#include "fxnames.h"
#include "kmi_int.h"
#include "nlattrs.h"

#define EVENT_RCVBUF	(1 << 20)	/* room for a burst of events */
#define EVENT_BURST	64		/* datagrams read per call */

static const struct {
	uint8_t cmd;
	enum kmi_event_type type;
	const char *name;
} event_names[] = {
	{ FLEXSEC_CMD_ACQUIRE, KMI_EV_ACQUIRE, "ACQUIRE" },
	{ FLEXSEC_CMD_SOFT_EXPIRE, KMI_EV_SOFT_EXPIRE, "SOFT_EXPIRE" },
	{ FLEXSEC_CMD_HARD_EXPIRE, KMI_EV_HARD_EXPIRE, "HARD_EXPIRE" },
	{ FLEXSEC_CMD_SEQ_OVERFLOW, KMI_EV_SEQ_OVERFLOW, "SEQ_OVERFLOW" },
	{ FLEXSEC_CMD_REPLAY_ERROR, KMI_EV_REPLAY_ERROR, "REPLAY_ERROR" },
	{ FLEXSEC_CMD_MAPPING, KMI_EV_MAPPING, "MAPPING" },
};

/* The device an event names: its name attribute, else its index's. */
static void event_dev(const struct nlattr *name, unsigned int ifindex,
		      char *buf)
{
	if (name && nla_len(name) > 0)
		nla_strlcpy(buf, name, IFNAME_BUF);
	else
		kmi_ifname(ifindex, buf);
}

static int acquire_parse(struct nl_msg *msg, struct kmi_event *ev, char *dev)
{
	struct nlattr *tb[FLEXSEC_A_TUNNEL_MAX + 1];

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, FLEXSEC_A_TUNNEL_MAX,
			  (struct nla_policy *)tunnel_policy) < 0 ||
	    !tb[FLEXSEC_A_TUNNEL_IFINDEX])
		return -EBADMSG;
	ev->ifindex = nla_get_u32(tb[FLEXSEC_A_TUNNEL_IFINDEX]);
	event_dev(tb[FLEXSEC_A_TUNNEL_IFNAME], ev->ifindex, dev);
	return 0;
}

static int sa_event_parse(struct nl_msg *msg, struct kmi_event *ev, char *dev)
{
	struct nlattr *tb[FLEXSEC_A_SA_MAX + 1];

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, FLEXSEC_A_SA_MAX,
			  (struct nla_policy *)sa_policy) < 0 ||
	    !tb[FLEXSEC_A_SA_IFINDEX] || !tb[FLEXSEC_A_SA_SPI])
		return -EBADMSG;
	ev->ifindex = nla_get_u32(tb[FLEXSEC_A_SA_IFINDEX]);
	ev->spi = nla_get_u32(tb[FLEXSEC_A_SA_SPI]);
	ev->inbound = tb[FLEXSEC_A_SA_DIR] &&
		      nla_get_u32(tb[FLEXSEC_A_SA_DIR]) == FLEXSEC_DIR_IN;
	if (tb[FLEXSEC_A_SA_SEQ])
		ev->seq = nla_get_u64(tb[FLEXSEC_A_SA_SEQ]);
	if (tb[FLEXSEC_A_SA_LIMIT])
		ev->limit = limit_name(nla_get_u32(tb[FLEXSEC_A_SA_LIMIT]));
	if (ev->type == KMI_EV_MAPPING) {
		if (!tb[FLEXSEC_A_SA_REMOTE] || nla_len(tb[FLEXSEC_A_SA_REMOTE]) != 4 ||
		    !tb[FLEXSEC_A_SA_ENCAP_REMOTE_PORT])
			return -EBADMSG;
		memcpy(&ev->remote4, nla_data(tb[FLEXSEC_A_SA_REMOTE]), 4);
		ev->rport = nla_get_u16(tb[FLEXSEC_A_SA_ENCAP_REMOTE_PORT]);
	}
	event_dev(tb[FLEXSEC_A_SA_IFNAME], ev->ifindex, dev);
	return 0;
}

static void event_dbg(const char *name, const struct kmi_event *ev,
		      const char *dev)
{
	char more[96] = "";

	if (ev->type == KMI_EV_ACQUIRE) {
		kmi_dbg(0, "flexsecd received %s (%s) from flexsec.ko", name,
			dev);
		return;
	}
	if (ev->type == KMI_EV_REPLAY_ERROR)
		snprintf(more, sizeof(more), ", seq %" PRIu64, ev->seq);
	else if (ev->type == KMI_EV_MAPPING)
		snprintf(more, sizeof(more), ", from %u.%u.%u.%u/%u",
			 ((uint8_t *)&ev->remote4)[0], ((uint8_t *)&ev->remote4)[1],
			 ((uint8_t *)&ev->remote4)[2], ((uint8_t *)&ev->remote4)[3],
			 ev->rport);
	else if (ev->limit)
		snprintf(more, sizeof(more), ", %s limit", ev->limit);
	kmi_dbg(0, "flexsecd received %s (%s SPI 0x%08x, %s%s) from flexsec.ko",
		name, kmi_dir(ev->inbound), ev->spi, dev, more);
}

/* The index of command CMD in event_names, -1 when unknown. */
static int event_find(uint8_t cmd)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(event_names); i++)
		if (event_names[i].cmd == cmd)
			return i;
	return -1;
}

static int on_event(struct nl_msg *msg, void *arg)
{
	struct kmi_event ev = { 0 };
	char dev[IFNAME_BUF];
	struct kmi *k = arg;
	struct genlmsghdr *g;
	int i, err;

	if (nlmsg_hdr(msg)->nlmsg_type != k->family ||
	    !genlmsg_valid_hdr(nlmsg_hdr(msg), 0))
		return NL_SKIP;
	g = genlmsg_hdr(nlmsg_hdr(msg));
	i = event_find(g->cmd);
	if (i < 0) {
		kmi_dbg(0, "flexsecd received unknown event %u from flexsec.ko",
			g->cmd);
		return NL_SKIP;
	}
	ev.type = event_names[i].type;
	if (ev.type == KMI_EV_ACQUIRE)
		err = acquire_parse(msg, &ev, dev);
	else
		err = sa_event_parse(msg, &ev, dev);
	if (err) {
		log_err("KMI: malformed %s event from flexsec.ko",
			event_names[i].name);
		return NL_SKIP;
	}
	event_dbg(event_names[i].name, &ev, dev);
	if (k->fn)
		k->fn(k->ctx, &ev);
	return NL_OK;
}

int kmi_event_fd(const struct kmi *k)
{
	return nl_socket_get_fd(k->ev);
}

void kmi_event_read(struct kmi *k)
{
	unsigned int i;
	int n;

	for (i = 0; i < EVENT_BURST; i++) {
		n = nl_recvmsgs_report(k->ev, k->ev_cb);
		if (n == -NLE_NOMEM) {
			/* ENOBUFS: the socket overflowed. */
			log_err("KMI: events from flexsec.ko lost (receive buffer overrun)");
			continue;
		}
		if (n == -NLE_AGAIN || n == 0)
			return;
		if (n < 0) {
			log_err("KMI: reading events from flexsec.ko: %s",
				nl_geterror(n));
			return;
		}
	}
}

static int any_seq(struct nl_msg *msg, void *arg)
{
	return NL_OK;
}

int kmi_open_events(struct kmi *k)
{
	int grp, err;

	grp = genl_ctrl_resolve_grp(k->req, FLEXSEC_FAMILY_NAME,
				    FLEXSEC_MCGRP_EVENTS);
	if (grp < 0) {
		log_err("KMI: no group %s in family %s: %s",
			FLEXSEC_MCGRP_EVENTS, FLEXSEC_FAMILY_NAME,
			nl_geterror(grp));
		return -ENOENT;
	}
	k->ev = nl_socket_alloc();
	k->ev_cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!k->ev || !k->ev_cb) {
		log_err("KMI: out of memory");
		return -ENOMEM;
	}
	/* Events are not answers: their sequence numbers are 0. */
	nl_cb_set(k->ev_cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, any_seq, NULL);
	nl_cb_set(k->ev_cb, NL_CB_VALID, NL_CB_CUSTOM, on_event, k);
	err = nl_connect(k->ev, NETLINK_GENERIC);
	if (!err) {
		err = nl_socket_add_membership(k->ev, grp);
		if (err < 0) {
			log_err("KMI: joining the %s %s group: %s",
				FLEXSEC_FAMILY_NAME, FLEXSEC_MCGRP_EVENTS,
				nlr_join_error(err));
			return -EIO;
		}
		err = nl_socket_set_nonblocking(k->ev);
	}
	if (err < 0) {
		log_err("KMI: events socket: %s", nl_geterror(err));
		return -EIO;
	}
	nl_socket_set_buffer_size(k->ev, EVENT_RCVBUF, 0);
	return 0;
}
