// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec: the events of the generic-netlink family, sent to its "events"
 * group (CAP_NET_ADMIN over the namespace to join): expiries, sequence
 * overflow, replay errors, acquires and NAT mapping changes.
 */

#include <net/genetlink.h>
#include <uapi/linux/flexsec.h>

#include "compat.h"
#include "device.h"
#include "netlink-gen.h"
#include "netlink.h"
#include "sa.h"

static void event_send(struct net *net, struct sk_buff *msg)
{
	genlmsg_multicast_netns(&flexsec_nl_family, net, msg, 0,
				FLEXSEC_NLGRP_EVENTS, GFP_ATOMIC);
}

/**
 * flexsec_nl_sa_event() - tell listeners about an SA
 * @sa: the SA
 * @cmd: FLEXSEC_CMD_SOFT_EXPIRE, FLEXSEC_CMD_HARD_EXPIRE or
 *	 FLEXSEC_CMD_SEQ_OVERFLOW
 * @limit: enum flexsec_limit for the expiries, else 0
 *
 * Context: any; does not sleep.
 */
void flexsec_nl_sa_event(struct flexsec_sa *sa, u8 cmd, u32 limit)
{
	struct net *net = dev_net(sa->tunnel->dev);
	struct sk_buff *msg;
	void *hdr;

	if (!genl_has_listeners(&flexsec_nl_family, net, FLEXSEC_NLGRP_EVENTS))
		return;
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_ATOMIC);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &flexsec_nl_family, 0, cmd);
	if (!hdr || flexsec_nl_sa_put_ids(msg, sa) ||
	    (limit && nla_put_u32(msg, FLEXSEC_A_SA_LIMIT, limit))) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	event_send(net, msg);
}

/**
 * flexsec_nl_replay_event() - tell listeners a packet failed the replay check
 * @sa: the inbound SA
 * @seq: the packet's sequence number
 * @saddr: its outer source, IPv4 or IPv6
 * @daddr: its outer destination
 *
 * The addresses are 4-byte attributes for IPv4 and 16-byte ones for IPv6.
 *
 * Context: any; does not sleep. The caller rate-limits.
 */
void flexsec_nl_replay_event(struct flexsec_sa *sa, u64 seq,
			     const struct flexsec_addr *saddr,
			     const struct flexsec_addr *daddr)
{
	struct net *net = dev_net(sa->tunnel->dev);
	struct net_device *dev = sa->tunnel->dev;
	struct sk_buff *msg;
	void *hdr;

	if (!genl_has_listeners(&flexsec_nl_family, net, FLEXSEC_NLGRP_EVENTS))
		return;
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_ATOMIC);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &flexsec_nl_family, 0,
			  FLEXSEC_CMD_REPLAY_ERROR);
	if (!hdr || nla_put_u32(msg, FLEXSEC_A_SA_ID, sa->id) ||
	    nla_put_u32(msg, FLEXSEC_A_SA_IFINDEX, dev->ifindex) ||
	    nla_put_string(msg, FLEXSEC_A_SA_IFNAME, dev->name) ||
	    nla_put_u32(msg, FLEXSEC_A_SA_SPI, sa->spi) ||
	    nla_put_u32(msg, FLEXSEC_A_SA_DIR, sa->dir) ||
	    nla_put_u64_64bit(msg, FLEXSEC_A_SA_SEQ, seq, FLEXSEC_A_SA_PAD) ||
	    flexsec_nl_put_addr(msg, FLEXSEC_A_SA_LOCAL, daddr) ||
	    flexsec_nl_put_addr(msg, FLEXSEC_A_SA_REMOTE, saddr)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	event_send(net, msg);
}

/**
 * flexsec_nl_acquire() - tell listeners a tunnel needs an outbound SA
 * @t: the tunnel
 * @p: its parameters
 *
 * Context: any, under rcu_read_lock(); does not sleep. The caller
 * rate-limits.
 */
void flexsec_nl_acquire(struct flexsec_tunnel *t, const struct flexsec_params *p)
{
	struct net *net = dev_net(t->dev);
	struct sk_buff *msg;
	void *hdr;

	if (!genl_has_listeners(&flexsec_nl_family, net, FLEXSEC_NLGRP_EVENTS))
		return;
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_ATOMIC);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &flexsec_nl_family, 0, FLEXSEC_CMD_ACQUIRE);
	if (!hdr ||
	    nla_put_u32(msg, FLEXSEC_A_TUNNEL_IFINDEX, t->dev->ifindex) ||
	    nla_put_string(msg, FLEXSEC_A_TUNNEL_IFNAME, t->dev->name) ||
	    nla_put_u32(msg, FLEXSEC_A_TUNNEL_MODE, p->mode) ||
	    flexsec_nl_put_addr(msg, FLEXSEC_A_TUNNEL_LOCAL, &p->local) ||
	    flexsec_nl_put_addr(msg, FLEXSEC_A_TUNNEL_REMOTE, &p->remote)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	event_send(net, msg);
}

/**
 * flexsec_nl_mapping_event() - tell listeners the peer's NAT mapping moved
 * @sa: the inbound SA with UDP encapsulation
 * @saddr: the outer source the authenticated packet came from
 * @daddr: its outer destination
 * @sport: its UDP source port, host byte order
 *
 * The addresses are 4-byte attributes for IPv4 and 16-byte ones for IPv6.
 *
 * Context: any; does not sleep. The caller rate-limits.
 */
void flexsec_nl_mapping_event(struct flexsec_sa *sa,
			      const struct flexsec_addr *saddr,
			      const struct flexsec_addr *daddr, u16 sport)
{
	struct net *net = dev_net(sa->tunnel->dev);
	struct net_device *dev = sa->tunnel->dev;
	struct sk_buff *msg;
	void *hdr;

	if (!genl_has_listeners(&flexsec_nl_family, net, FLEXSEC_NLGRP_EVENTS))
		return;
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_ATOMIC);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &flexsec_nl_family, 0, FLEXSEC_CMD_MAPPING);
	if (!hdr || nla_put_u32(msg, FLEXSEC_A_SA_ID, sa->id) ||
	    nla_put_u32(msg, FLEXSEC_A_SA_IFINDEX, dev->ifindex) ||
	    nla_put_string(msg, FLEXSEC_A_SA_IFNAME, dev->name) ||
	    nla_put_u32(msg, FLEXSEC_A_SA_SPI, sa->spi) ||
	    nla_put_u32(msg, FLEXSEC_A_SA_DIR, sa->dir) ||
	    flexsec_nl_put_addr(msg, FLEXSEC_A_SA_LOCAL, daddr) ||
	    flexsec_nl_put_addr(msg, FLEXSEC_A_SA_REMOTE, saddr) ||
	    nla_put_u16(msg, FLEXSEC_A_SA_ENCAP_REMOTE_PORT, sport)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	event_send(net, msg);
}
