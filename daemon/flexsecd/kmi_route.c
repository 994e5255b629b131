// SPDX-License-Identifier: GPL-2.0
/*
 * Routes flexsecd installs through rtnetlink (built with libnl-route-3):
 * a hub's route to each spoke's assigned address and accepted subnets
 * over its Virtual-Access interface, a spoke's routes to the subnets its
 * hub sends. They carry a route protocol of their own, RTPROT_FLEXSEC,
 * so that a routing daemon can redistribute them (FRR, BIRD: "proto
 * 244") and so that those of an earlier run are found and removed when
 * flexsecd starts.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/rtnetlink.h>
#include <netlink/route/route.h>

#include "kmi_int.h"

struct route_list {
	unsigned int n, max;
	struct kmi_route *r;
};

static struct nl_addr *route_addr(const struct conf_addr *a)
{
	struct nl_addr *na;

	na = nl_addr_build(a->family, a->a, a->family == AF_INET ? 4 : 16);
	if (na)
		nl_addr_set_prefixlen(na, a->plen);
	return na;
}

/* The libnl-route object of R: destination, device, metric, protocol,
 * and the realm (the "to" realm: "ip route" shows "realm N"). */
static struct rtnl_route *route_obj(const struct kmi_route *r)
{
	struct rtnl_route *rt = rtnl_route_alloc();
	struct rtnl_nexthop *nh = rtnl_route_nh_alloc();
	struct nl_addr *dst = route_addr(&r->dst);
	struct nl_addr *src = r->src.family ? route_addr(&r->src) : NULL;

	if (!rt || !nh || !dst || (r->src.family && !src))
		goto fail;
	rtnl_route_set_family(rt, r->dst.family);
	rtnl_route_set_table(rt, RT_TABLE_MAIN);
	rtnl_route_set_protocol(rt, RTPROT_FLEXSEC);
	rtnl_route_set_scope(rt, RT_SCOPE_LINK);
	rtnl_route_set_type(rt, RTN_UNICAST);
	rtnl_route_set_priority(rt, r->metric);
	if (rtnl_route_set_dst(rt, dst) || (src && rtnl_route_set_pref_src(rt, src)))
		goto fail;
	rtnl_route_nh_set_ifindex(nh, (int)r->ifindex);
	/* one next hop: libnl sends its realms as the route's RTA_FLOW */
	if (r->realm && r->dst.family == AF_INET)
		rtnl_route_nh_set_realms(nh, r->realm);
	rtnl_route_add_nexthop(rt, nh);
	nl_addr_put(dst);
	nl_addr_put(src);
	return rt;
fail:
	rtnl_route_nh_free(nh);
	rtnl_route_put(rt);
	nl_addr_put(dst);
	nl_addr_put(src);
	return NULL;
}

static const char *route_str(const struct kmi_route *r, char *buf, size_t len)
{
	char d[64], ifn[IFNAME_BUF];

	snprintf(buf, len, "%s/%u dev %s metric %u realm %u",
		 inet_ntop(r->dst.family, r->dst.a, d, sizeof(d)) ? d : "?",
		 r->dst.plen, kmi_ifname(r->ifindex, ifn), r->metric, r->realm);
	return buf;
}

static int route_req(struct kmi *k, const struct kmi_route *r, bool add)
{
	struct nl_req req = {
		.what = add ? "NEWROUTE" : "DELROUTE",
		.hdrlen = sizeof(struct rtmsg),
	};
	struct rtnl_route *rt = route_obj(r);
	struct nl_msg *msg = NULL;
	char buf[128];
	int err;

	kmi_dbg(0, "flexsecd sending %s (%s) to rtnetlink", req.what,
		route_str(r, buf, sizeof(buf)));
	if (!rt)
		return kmi_fail(k, -ENOMEM, "out of memory");
	err = add ? rtnl_route_build_add_request(rt, NLM_F_CREATE |
						 NLM_F_REPLACE, &msg)
		  : rtnl_route_build_del_request(rt, 0, &msg);
	rtnl_route_put(rt);
	if (err < 0)
		return kmi_fail(k, -ENOMEM, "cannot build the route request");
	return kmi_run(k, k->rt, msg, &req, 0);
}

int kmi_route_add(struct kmi *k, const struct kmi_route *r,
		  const char **errmsg)
{
	kmi_errmsg(k, errmsg);
	return route_req(k, r, true);
}

int kmi_route_del(struct kmi *k, const struct kmi_route *r)
{
	int err = route_req(k, r, false);

	return err == -ESRCH ? 0 : err;
}

/* ---- the routes of an earlier run ---- */

static int dump_reply(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[RTA_MAX + 1];
	struct route_list *l = arg;
	struct kmi_route *r;
	struct rtmsg *rtm;
	size_t alen;

	if (nlmsg_parse(nlmsg_hdr(msg), sizeof(*rtm), tb, RTA_MAX, NULL) < 0)
		return -EBADMSG;
	rtm = nlmsg_data(nlmsg_hdr(msg));
	alen = rtm->rtm_family == AF_INET ? 4 : 16;
	if (rtm->rtm_protocol != RTPROT_FLEXSEC || l->n == l->max ||
	    !tb[RTA_DST] || nla_len(tb[RTA_DST]) != (int)alen ||
	    !tb[RTA_OIF])
		return 0;
	r = &l->r[l->n++];
	memset(r, 0, sizeof(*r));
	r->dst.family = rtm->rtm_family;
	r->dst.plen = rtm->rtm_dst_len;
	memcpy(r->dst.a, nla_data(tb[RTA_DST]), alen);
	r->ifindex = nla_get_u32(tb[RTA_OIF]);
	r->metric = tb[RTA_PRIORITY] ? nla_get_u32(tb[RTA_PRIORITY]) : 0;
	return 0;
}

static int dump_family(struct kmi *k, int family, struct route_list *l)
{
	struct rtmsg rtm = { .rtm_family = family };
	struct nl_req req = {
		.what = "GETROUTE",
		.hdrlen = sizeof(struct rtmsg),
		.reply = dump_reply,
		.arg = l,
	};
	struct nl_msg *msg = nlmsg_alloc_simple(RTM_GETROUTE, NLM_F_DUMP);

	if (msg && nlmsg_append(msg, &rtm, sizeof(rtm), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		msg = NULL;
	}
	kmi_dbg(0, "flexsecd sending GETROUTE (IPv%d, dump) to rtnetlink",
		family == AF_INET ? 4 : 6);
	return kmi_run(k, k->rt, msg, &req, 0);
}

int kmi_route_flush_ours(struct kmi *k, unsigned int *removed)
{
	static const int families[] = { AF_INET, AF_INET6 };
	struct route_list l = { .max = 4096 };
	unsigned int i, f;
	int err = 0;

	*removed = 0;
	l.r = calloc(l.max, sizeof(*l.r));
	if (!l.r)
		return -ENOMEM;
	for (f = 0; f < 2 && !err; f++) {
		/* a dump cannot be interleaved with requests: collect,
		 * then delete, as often as the list filled up */
		do {
			l.n = 0;
			err = dump_family(k, families[f], &l);
			for (i = 0; !err && i < l.n; i++)
				if (!kmi_route_del(k, &l.r[i]))
					(*removed)++;
		} while (!err && l.n == l.max);
	}
	free(l.r);
	return err;
}
