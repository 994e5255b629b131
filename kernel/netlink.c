// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec: the generic-netlink family "flexsec".
 *
 * The policies and the operations table are generated from the YNL spec
 * (netlink-gen.c); this file holds the handlers and the events. Requests,
 * and joining the events group, need CAP_NET_ADMIN over the namespace;
 * requests run in parallel and serialise on the namespace's
 * flexsec_net.lock. Every rejection says why in the extended ACK.
 */

#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/sock.h>
#include <uapi/linux/flexsec.h>

#include "compat.h"
#include "device.h"
#include "netlink-gen.h"
#include "netlink.h"
#include "netns.h"
#include "replay.h"
#include "sa.h"

#define FLEXSEC_SAS_PER_TUNNEL	16

/*
 * The events name tunnels, SPIs and peers: joining their group needs
 * CAP_NET_ADMIN over the namespace, as the requests do. The generated table
 * (netlink-gen.c) cannot say so, the spec having no words for it.
 */
static const struct genl_multicast_group flexsec_mcgrps[] = {
	[FLEXSEC_NLGRP_EVENTS] = {
		.name	= "events",
		.flags	= FLEXSEC_MCAST_CAP_NET_ADMIN,
	},
};

struct genl_family flexsec_nl_family __ro_after_init = {
	.name		= FLEXSEC_FAMILY_NAME,
	.version	= FLEXSEC_FAMILY_VERSION,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
#ifndef FLEXSEC_COMPAT_NO_SPLIT_OPS
	.split_ops	= flexsec_nl_ops,
	.n_split_ops	= ARRAY_SIZE(flexsec_nl_ops),
#endif
	.resv_start_op	= FLEXSEC_CMD_TUNNEL_GET + 1,
	.mcgrps		= flexsec_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(flexsec_mcgrps),
};

/* -- filling messages ---------------------------------------------------- */

/**
 * flexsec_nl_put_addr() - an outer address as a 4- or 16-byte attribute
 * @msg: the message
 * @type: the attribute
 * @a: the address; nothing is put when it is unset
 *
 * Context: any.
 * Return: 0 or -EMSGSIZE.
 */
int flexsec_nl_put_addr(struct sk_buff *msg, int type,
			const struct flexsec_addr *a)
{
	if (a->family == AF_INET)
		return nla_put_in_addr(msg, type, a->ip4);
	if (a->family == AF_INET6)
		return nla_put_in6_addr(msg, type, &a->ip6);
	return 0;
}

/**
 * flexsec_nl_sa_put_ids() - the attributes every SA message and event has
 * @msg: the message
 * @sa: the SA
 *
 * Context: any; takes rcu_read_lock().
 * Return: 0 or -EMSGSIZE.
 */
int flexsec_nl_sa_put_ids(struct sk_buff *msg, const struct flexsec_sa *sa)
{
	const struct net_device *dev = sa->tunnel->dev;
	const struct flexsec_params *p;
	int err;

	if (nla_put_u32(msg, FLEXSEC_A_SA_ID, sa->id) ||
	    nla_put_u32(msg, FLEXSEC_A_SA_IFINDEX, dev->ifindex) ||
	    nla_put_string(msg, FLEXSEC_A_SA_IFNAME, dev->name) ||
	    nla_put_u32(msg, FLEXSEC_A_SA_SPI, sa->spi) ||
	    nla_put_u32(msg, FLEXSEC_A_SA_DIR, sa->dir))
		return -EMSGSIZE;
	rcu_read_lock();
	p = rcu_dereference(sa->tunnel->params);
	err = flexsec_nl_put_addr(msg, FLEXSEC_A_SA_LOCAL, &p->local) ?:
	      flexsec_nl_put_addr(msg, FLEXSEC_A_SA_REMOTE, &p->remote);
	rcu_read_unlock();
	return err;
}

static int sa_put_lifetime(struct sk_buff *msg, const struct flexsec_lifetime *lt)
{
	const u64 v[] = { lt->soft_bytes, lt->hard_bytes, lt->soft_packets,
			  lt->hard_packets, lt->soft_seconds, lt->hard_seconds };
	struct nlattr *nest;
	int i;

	nest = nla_nest_start(msg, FLEXSEC_A_SA_LIFETIME);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < ARRAY_SIZE(v); i++)
		if (v[i] && nla_put_u64_64bit(msg, FLEXSEC_A_LIFETIME_SOFT_BYTES + i,
					      v[i], FLEXSEC_A_LIFETIME_PAD))
			return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int sa_fill(struct sk_buff *msg, struct flexsec_sa *sa, u32 portid,
		   u32 seq, int flags)
{
	struct flexsec_tunnel *t = sa->tunnel;
	u64 last;
	void *hdr;

	hdr = genlmsg_put(msg, portid, seq, &flexsec_nl_family, flags,
			  FLEXSEC_CMD_SA_GET);
	if (!hdr)
		return -EMSGSIZE;
	last = sa->dir == FLEXSEC_DIR_IN ? READ_ONCE(sa->replay->top) :
					    (u64)atomic64_read(&sa->seq);
	if (flexsec_nl_sa_put_ids(msg, sa) ||
	    nla_put_u32(msg, FLEXSEC_A_SA_ENC_ALG, sa->enc_alg) ||
	    nla_put_u32(msg, FLEXSEC_A_SA_ENC_KEY_LEN, sa->enc_keylen) ||
	    (sa->auth_alg &&
	     nla_put_u32(msg, FLEXSEC_A_SA_AUTH_ALG, sa->auth_alg)) ||
	    (sa->dir == FLEXSEC_DIR_IN &&
	     nla_put_u32(msg, FLEXSEC_A_SA_REPLAY_WINDOW, sa->window)) ||
	    (sa->xform.esn && nla_put_flag(msg, FLEXSEC_A_SA_ESN)) ||
	    nla_put_u64_64bit(msg, FLEXSEC_A_SA_SEQ, last, FLEXSEC_A_SA_PAD) ||
	    sa_put_lifetime(msg, &sa->lifetime) ||
	    (rcu_access_pointer(t->out) == sa &&
	     nla_put_flag(msg, FLEXSEC_A_SA_ACTIVE)) ||
	    flexsec_stats_put(msg, FLEXSEC_A_SA_STATS, sa->stats) ||
	    (sa->encap_lport &&
	     (nla_put_u16(msg, FLEXSEC_A_SA_ENCAP_LOCAL_PORT, sa->encap_lport) ||
	      nla_put_u16(msg, FLEXSEC_A_SA_ENCAP_REMOTE_PORT,
			  READ_ONCE(sa->encap_rport)))) ||
	    nla_put_u64_64bit(msg, FLEXSEC_A_SA_AGE,
			      ktime_get_seconds() - sa->added, FLEXSEC_A_SA_PAD)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

static int tunnel_fill(struct sk_buff *msg, struct flexsec_tunnel *t, u32 portid,
		       u32 seq, int flags)
{
	const struct flexsec_params *p;
	struct flexsec_sa *out;
	void *hdr;
	int err;

	hdr = genlmsg_put(msg, portid, seq, &flexsec_nl_family, flags,
			  FLEXSEC_CMD_TUNNEL_GET);
	if (!hdr)
		return -EMSGSIZE;
	rcu_read_lock();
	p = rcu_dereference(t->params);
	out = rcu_dereference(t->out);
	err = nla_put_u32(msg, FLEXSEC_A_TUNNEL_IFINDEX, t->dev->ifindex) ?:
	      nla_put_string(msg, FLEXSEC_A_TUNNEL_IFNAME, t->dev->name) ?:
	      nla_put_u32(msg, FLEXSEC_A_TUNNEL_MODE, p->mode) ?:
	      flexsec_nl_put_addr(msg, FLEXSEC_A_TUNNEL_LOCAL, &p->local) ?:
	      flexsec_nl_put_addr(msg, FLEXSEC_A_TUNNEL_REMOTE, &p->remote) ?:
	      (p->has_ikey ? nla_put_u32(msg, FLEXSEC_A_TUNNEL_IKEY,
					 ntohl(p->ikey)) : 0) ?:
	      (p->has_okey ? nla_put_u32(msg, FLEXSEC_A_TUNNEL_OKEY,
					 ntohl(p->okey)) : 0) ?:
	      (p->link ? nla_put_u32(msg, FLEXSEC_A_TUNNEL_LINK, p->link) : 0) ?:
	      nla_put_u32(msg, FLEXSEC_A_TUNNEL_SA_COUNT, READ_ONCE(t->nsas)) ?:
	      (out ? nla_put_u32(msg, FLEXSEC_A_TUNNEL_OUT_SPI, out->spi) : 0);
	rcu_read_unlock();
	if (err || flexsec_stats_put(msg, FLEXSEC_A_TUNNEL_STATS, t->stats)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

/* -- requests --------------------------------------------------------------- */

/* The tunnel a request names, with a reference on its device. */
static struct flexsec_tunnel *req_tunnel(struct genl_info *info, int attr)
{
	struct flexsec_tunnel *t;

	if (GENL_REQ_ATTR_CHECK(info, attr))
		return NULL;
	t = flexsec_tunnel_get(genl_info_net(info),
			       nla_get_u32(info->attrs[attr]));
	if (!t)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[attr],
				    "no flexsec tunnel with this ifindex");
	return t;
}

static struct flexsec_sa *sa_find(struct flexsec_tunnel *t, u32 spi, u8 dir)
{
	struct flexsec_sa *sa;

	list_for_each_entry(sa, &t->sas, tnode)
		if (sa->spi == spi && (!dir || sa->dir == dir))
			return sa;
	return NULL;
}

static bool spi_in_use(struct flexsec_net *fn, u32 spi)
{
	struct flexsec_sa *sa;

	hash_for_each_possible(fn->sa_hash, sa, hnode, spi)
		if (sa->spi == spi && sa->dir == FLEXSEC_DIR_IN)
			return true;
	return false;
}

/* Fit the tunnel's MTU to its active SA, when nobody chose one. */
static void update_mtu(struct flexsec_tunnel *t)
{
	rtnl_lock();
	if (!t->dead && t->mtu_auto) {
		t->mtu_setting = true;
		flexsec_tunnel_update_mtu(t);
		t->mtu_setting = false;
	}
	rtnl_unlock();
}

static int sa_parse_lifetime(struct genl_info *info, struct flexsec_lifetime *lt)
{
	struct nlattr *tb[FLEXSEC_A_LIFETIME_MAX + 1];
	struct nlattr *a = info->attrs[FLEXSEC_A_SA_LIFETIME];
	int err;

	if (!a)
		return 0;
	err = nla_parse_nested(tb, FLEXSEC_A_LIFETIME_MAX, a,
			       flexsec_lifetime_nl_policy, info->extack);
	if (err)
		return err;
#define LT(field, attr) \
	(lt->field = tb[FLEXSEC_A_LIFETIME_##attr] ? \
		     nla_get_u64(tb[FLEXSEC_A_LIFETIME_##attr]) : 0)
	LT(soft_bytes, SOFT_BYTES);
	LT(hard_bytes, HARD_BYTES);
	LT(soft_packets, SOFT_PACKETS);
	LT(hard_packets, HARD_PACKETS);
	LT(soft_seconds, SOFT_SECONDS);
	LT(hard_seconds, HARD_SECONDS);
#undef LT
	if ((lt->hard_bytes && lt->soft_bytes > lt->hard_bytes) ||
	    (lt->hard_packets && lt->soft_packets > lt->hard_packets) ||
	    (lt->hard_seconds && lt->soft_seconds > lt->hard_seconds)) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "a soft limit is above its hard limit");
		return -EINVAL;
	}
	return 0;
}

/* UDP encapsulation: both ports or neither. */
static int sa_parse_encap(struct genl_info *info, struct flexsec_sa_config *cfg)
{
	struct nlattr *l = info->attrs[FLEXSEC_A_SA_ENCAP_LOCAL_PORT];
	struct nlattr *r = info->attrs[FLEXSEC_A_SA_ENCAP_REMOTE_PORT];

	if (!l != !r) {
		NL_SET_ERR_MSG_ATTR(info->extack, l ?: r,
				    "encap-local-port and encap-remote-port go together");
		return -EINVAL;
	}
	if (l) {
		cfg->encap_lport = nla_get_u16(l);
		cfg->encap_rport = nla_get_u16(r);
	}
	return 0;
}

static int sa_parse(struct genl_info *info, struct flexsec_sa_config *cfg)
{
	struct nlattr **a = info->attrs;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, FLEXSEC_A_SA_SPI) ||
	    GENL_REQ_ATTR_CHECK(info, FLEXSEC_A_SA_DIR) ||
	    GENL_REQ_ATTR_CHECK(info, FLEXSEC_A_SA_ENC_ALG) ||
	    GENL_REQ_ATTR_CHECK(info, FLEXSEC_A_SA_ENC_KEY))
		return -EINVAL;
	cfg->spi = nla_get_u32(a[FLEXSEC_A_SA_SPI]);
	cfg->dir = nla_get_u32(a[FLEXSEC_A_SA_DIR]);
	cfg->enc_alg = nla_get_u32(a[FLEXSEC_A_SA_ENC_ALG]);
	cfg->key = nla_data(a[FLEXSEC_A_SA_ENC_KEY]);
	cfg->keylen = nla_len(a[FLEXSEC_A_SA_ENC_KEY]);
	if (a[FLEXSEC_A_SA_AUTH_ALG])
		cfg->auth_alg = nla_get_u32(a[FLEXSEC_A_SA_AUTH_ALG]);
	if (a[FLEXSEC_A_SA_AUTH_KEY]) {
		cfg->akey = nla_data(a[FLEXSEC_A_SA_AUTH_KEY]);
		cfg->akeylen = nla_len(a[FLEXSEC_A_SA_AUTH_KEY]);
	}
	if (!!cfg->auth_alg != !!cfg->akeylen) {
		NL_SET_ERR_MSG(info->extack,
			       "auth-alg and auth-key go together");
		return -EINVAL;
	}
	cfg->esn = nla_get_flag(a[FLEXSEC_A_SA_ESN]);
	if (a[FLEXSEC_A_SA_SEQ])
		cfg->seq = nla_get_u64(a[FLEXSEC_A_SA_SEQ]);
	if (!cfg->esn && cfg->seq > U32_MAX) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[FLEXSEC_A_SA_SEQ],
				    "sequence number above 2^32 without ESN");
		return -EINVAL;
	}
	cfg->standby = nla_get_flag(a[FLEXSEC_A_SA_STANDBY]);

	cfg->window = FLEXSEC_REPLAY_DEFAULT;
	if (a[FLEXSEC_A_SA_REPLAY_WINDOW]) {
		cfg->window = nla_get_u32(a[FLEXSEC_A_SA_REPLAY_WINDOW]);
		if (cfg->dir != FLEXSEC_DIR_IN) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    a[FLEXSEC_A_SA_REPLAY_WINDOW],
					    "a replay window is for inbound SAs");
			return -EINVAL;
		}
		if (cfg->window && cfg->window < FLEXSEC_REPLAY_MIN) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    a[FLEXSEC_A_SA_REPLAY_WINDOW],
					    "replay window below 32 (0 turns it off)");
			return -EINVAL;
		}
		if (cfg->window > FLEXSEC_REPLAY_WINDOW_MAX) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    a[FLEXSEC_A_SA_REPLAY_WINDOW],
					    "replay window above 65536");
			return -EINVAL;
		}
	}
	if (cfg->standby && cfg->dir != FLEXSEC_DIR_OUT) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[FLEXSEC_A_SA_STANDBY],
				    "standby is for outbound SAs");
		return -EINVAL;
	}
	err = sa_parse_lifetime(info, &cfg->lifetime);
	if (err)
		return err;
	return sa_parse_encap(info, cfg);
}

/* The tunnel's outer header is IPv6. */
static bool sa_tunnel_ip6(struct flexsec_tunnel *t)
{
	bool ip6;

	rcu_read_lock();
	ip6 = flexsec_params_ip6(rcu_dereference(t->params));
	rcu_read_unlock();
	return ip6;
}

int flexsec_nl_sa_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct flexsec_net *fn = flexsec_net(genl_info_net(info));
	struct flexsec_sa_config cfg = {};
	struct flexsec_tunnel *t;
	struct flexsec_sa *sa;
	struct sk_buff *msg;
	bool active;
	void *hdr;
	int err;

	err = sa_parse(info, &cfg);
	if (err)
		return err;
	t = req_tunnel(info, FLEXSEC_A_SA_IFINDEX);
	if (!t)
		return -EINVAL;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		err = -ENOMEM;
		goto put;
	}

	mutex_lock(&fn->lock);
	err = -ENODEV;
	if (t->dead) {
		NL_SET_ERR_MSG(info->extack, "the tunnel is being removed");
		goto unlock;
	}
	err = -EEXIST;
	if (cfg.dir == FLEXSEC_DIR_IN && spi_in_use(fn, cfg.spi)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[FLEXSEC_A_SA_SPI],
				    "an inbound SA with this SPI exists in the namespace");
		goto unlock;
	}
	if (cfg.dir == FLEXSEC_DIR_OUT && sa_find(t, cfg.spi, FLEXSEC_DIR_OUT)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[FLEXSEC_A_SA_SPI],
				    "the tunnel has an outbound SA with this SPI");
		goto unlock;
	}
	err = -EOPNOTSUPP;
	if (cfg.encap_lport && sa_tunnel_ip6(t)) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[FLEXSEC_A_SA_ENCAP_LOCAL_PORT],
				    "ESP in UDP over IPv6 is not supported");
		goto unlock;
	}
	err = -ENOSPC;
	if (t->nsas >= FLEXSEC_SAS_PER_TUNNEL) {
		NL_SET_ERR_MSG(info->extack, "the tunnel has 16 SAs already");
		goto unlock;
	}
	sa = flexsec_sa_create(t, &cfg, info->extack,
			       (const struct nlattr *const *)info->attrs);
	if (IS_ERR(sa)) {
		err = PTR_ERR(sa);
		goto unlock;
	}
	active = rcu_access_pointer(t->out) == sa;
	hdr = genlmsg_put_reply(msg, info, &flexsec_nl_family, 0,
				FLEXSEC_CMD_SA_NEW);
	if (!hdr || nla_put_u32(msg, FLEXSEC_A_SA_ID, sa->id)) {
		err = -EMSGSIZE;
		flexsec_sa_unlink(sa);
		goto unlock;
	}
	genlmsg_end(msg, hdr);
	mutex_unlock(&fn->lock);

	if (active)
		update_mtu(t);
	dev_put(t->dev);
	return genlmsg_reply(msg, info);

unlock:
	mutex_unlock(&fn->lock);
	nlmsg_free(msg);
put:
	dev_put(t->dev);
	return err;
}

/*
 * The SA a request names: tunnel, SPI and direction. @dir is the direction
 * the operation implies, or 0 when the request must carry one; requests
 * whose policy has no dir attribute must not look for it (their attribute
 * array is shorter).
 */
static struct flexsec_sa *req_sa(struct genl_info *info, struct flexsec_tunnel *t,
				 u8 dir)
{
	struct flexsec_sa *sa;

	if (GENL_REQ_ATTR_CHECK(info, FLEXSEC_A_SA_SPI))
		return NULL;
	if (!dir) {
		if (GENL_REQ_ATTR_CHECK(info, FLEXSEC_A_SA_DIR))
			return NULL;
		dir = nla_get_u32(info->attrs[FLEXSEC_A_SA_DIR]);
	}
	sa = sa_find(t, nla_get_u32(info->attrs[FLEXSEC_A_SA_SPI]), dir);
	if (!sa)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[FLEXSEC_A_SA_SPI],
				    "no SA with this SPI on the tunnel");
	return sa;
}

int flexsec_nl_sa_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct flexsec_net *fn = flexsec_net(genl_info_net(info));
	struct flexsec_tunnel *t;
	struct flexsec_sa *sa;
	int err = -ENOENT;

	t = req_tunnel(info, FLEXSEC_A_SA_IFINDEX);
	if (!t)
		return -EINVAL;
	mutex_lock(&fn->lock);
	sa = req_sa(info, t, 0);
	if (sa) {
		flexsec_sa_unlink(sa);
		err = 0;
	}
	mutex_unlock(&fn->lock);
	if (!err)
		update_mtu(t);
	dev_put(t->dev);
	return err;
}

int flexsec_nl_sa_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct flexsec_net *fn = flexsec_net(genl_info_net(info));
	struct flexsec_tunnel *t;
	struct flexsec_sa *sa;
	struct sk_buff *msg;
	int err = -ENOENT;

	t = req_tunnel(info, FLEXSEC_A_SA_IFINDEX);
	if (!t)
		return -EINVAL;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		dev_put(t->dev);
		return -ENOMEM;
	}
	mutex_lock(&fn->lock);
	sa = req_sa(info, t, 0);
	if (sa)
		err = sa_fill(msg, sa, info->snd_portid, info->snd_seq, 0);
	mutex_unlock(&fn->lock);
	dev_put(t->dev);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

int flexsec_nl_sa_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct flexsec_net *fn = flexsec_net(sock_net(skb->sk));
	struct nlattr **attrs = flexsec_dump_attrs(cb);
	int ifindex = 0, id = cb->args[0], err = 0;
	struct flexsec_sa *sa;

	if (attrs && attrs[FLEXSEC_A_SA_IFINDEX])
		ifindex = nla_get_u32(attrs[FLEXSEC_A_SA_IFINDEX]);
	mutex_lock(&fn->lock);
	idr_for_each_entry_continue(&fn->ids, sa, id) {
		if (ifindex && sa->tunnel->dev->ifindex != ifindex)
			continue;
		err = sa_fill(skb, sa, NETLINK_CB(cb->skb).portid,
			      cb->nlh->nlmsg_seq, NLM_F_MULTI);
		if (err)
			break;
	}
	mutex_unlock(&fn->lock);
	cb->args[0] = id;
	return err == -EMSGSIZE ? skb->len : err;
}

int flexsec_nl_sa_flush_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct flexsec_net *fn = flexsec_net(genl_info_net(info));
	struct flexsec_tunnel *t;
	u8 dir = 0;

	t = req_tunnel(info, FLEXSEC_A_SA_IFINDEX);
	if (!t)
		return -EINVAL;
	if (info->attrs[FLEXSEC_A_SA_DIR])
		dir = nla_get_u32(info->attrs[FLEXSEC_A_SA_DIR]);
	mutex_lock(&fn->lock);
	flexsec_tunnel_flush(t, dir);
	mutex_unlock(&fn->lock);
	update_mtu(t);
	dev_put(t->dev);
	return 0;
}

int flexsec_nl_sa_activate_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct flexsec_net *fn = flexsec_net(genl_info_net(info));
	struct flexsec_tunnel *t;
	struct flexsec_sa *sa;
	int err = -ENOENT;

	t = req_tunnel(info, FLEXSEC_A_SA_IFINDEX);
	if (!t)
		return -EINVAL;
	mutex_lock(&fn->lock);
	sa = req_sa(info, t, FLEXSEC_DIR_OUT);
	if (sa && test_bit(FLEXSEC_SA_HARD_EXPIRED, &sa->flags)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[FLEXSEC_A_SA_SPI],
				    "the SA has expired");
		err = -EINVAL;
	} else if (sa) {
		/* One pointer: each packet uses the old SA or the new one. */
		rcu_assign_pointer(t->out, sa);
		flexsec_tunnel_update_carrier(t);
		err = 0;
	}
	mutex_unlock(&fn->lock);
	if (!err)
		update_mtu(t);
	dev_put(t->dev);
	return err;
}

int flexsec_nl_sa_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct flexsec_net *fn = flexsec_net(genl_info_net(info));
	struct nlattr *port = info->attrs[FLEXSEC_A_SA_ENCAP_REMOTE_PORT];
	struct flexsec_tunnel *t;
	struct flexsec_sa *sa;
	int err = -ENOENT;

	if (GENL_REQ_ATTR_CHECK(info, FLEXSEC_A_SA_ENCAP_REMOTE_PORT))
		return -EINVAL;
	t = req_tunnel(info, FLEXSEC_A_SA_IFINDEX);
	if (!t)
		return -EINVAL;
	mutex_lock(&fn->lock);
	sa = req_sa(info, t, 0);
	if (sa && !sa->encap_lport) {
		NL_SET_ERR_MSG_ATTR(info->extack, port,
				    "the SA has no UDP encapsulation");
		err = -EINVAL;
	} else if (sa) {
		WRITE_ONCE(sa->encap_rport, nla_get_u16(port));
		err = 0;
	}
	mutex_unlock(&fn->lock);
	dev_put(t->dev);
	return err;
}

int flexsec_nl_tunnel_get_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb)
{
	struct flexsec_net *fn = flexsec_net(sock_net(skb->sk));
	struct nlattr **attrs = flexsec_dump_attrs(cb);
	struct flexsec_tunnel *t;
	long i = 0, start = cb->args[0];
	int ifindex = 0, err = 0;

	if (attrs && attrs[FLEXSEC_A_TUNNEL_IFINDEX])
		ifindex = nla_get_u32(attrs[FLEXSEC_A_TUNNEL_IFINDEX]);
	mutex_lock(&fn->lock);
	list_for_each_entry(t, &fn->tunnels, node) {
		if (i++ < start)
			continue;
		if (ifindex && t->dev->ifindex != ifindex)
			continue;
		err = tunnel_fill(skb, t, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, NLM_F_MULTI);
		if (err) {
			i--;
			break;
		}
	}
	mutex_unlock(&fn->lock);
	cb->args[0] = i;
	return err == -EMSGSIZE ? skb->len : err;
}

/* -- registration ------------------------------------------------------------ */

#ifdef FLEXSEC_COMPAT_NO_SPLIT_OPS
static struct genl_ops flexsec_compat_ops[ARRAY_SIZE(flexsec_nl_ops)];

/* One genl_ops per command, the do policy (a superset) winning. */
static void flexsec_compat_merge_ops(void)
{
	int i, j, n = 0;

	for (i = 0; i < ARRAY_SIZE(flexsec_nl_ops); i++) {
		const struct genl_split_ops *s = &flexsec_nl_ops[i];
		struct genl_ops *o = NULL;

		for (j = 0; j < n; j++)
			if (flexsec_compat_ops[j].cmd == s->cmd)
				o = &flexsec_compat_ops[j];
		if (!o) {
			o = &flexsec_compat_ops[n++];
			o->cmd = s->cmd;
			o->flags = s->flags & (GENL_ADMIN_PERM | GENL_UNS_ADMIN_PERM);
		}
		if (s->doit) {
			o->doit = s->doit;
			o->policy = s->policy;
			o->maxattr = s->maxattr;
		}
		if (s->dumpit) {
			o->dumpit = s->dumpit;
			if (!o->policy) {
				o->policy = s->policy;
				o->maxattr = s->maxattr;
			}
		}
	}
	flexsec_nl_family.ops = flexsec_compat_ops;
	flexsec_nl_family.n_ops = n;
}
#endif

/**
 * flexsec_nl_init() - register the family
 *
 * Return: 0 or a negative errno.
 */
int flexsec_nl_init(void)
{
#ifdef FLEXSEC_COMPAT_NO_SPLIT_OPS
	flexsec_compat_merge_ops();
#endif
	return genl_register_family(&flexsec_nl_family);
}

/**
 * flexsec_nl_exit() - unregister the family
 */
void flexsec_nl_exit(void)
{
	genl_unregister_family(&flexsec_nl_family);
}
