/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flexsec: what each network namespace holds.
 */
#ifndef _FLEXSEC_NETNS_H
#define _FLEXSEC_NETNS_H

#include <linux/hashtable.h>
#include <linux/idr.h>
#include <linux/mutex.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#define FLEXSEC_SPI_HASH_BITS	8

/**
 * struct flexsec_net - the SAs and tunnels of one namespace
 * @lock: serialises changes of everything below (taken after RTNL)
 * @sa_hash: every SA by SPI, read under RCU (inbound SPIs are unique)
 * @sas: every SA of the namespace, in creation order
 * @tunnels: every flexsec tunnel of the namespace
 * @ids: SA ids
 * @unknown_spi: ESP for one of our tunnels' addresses with no SA of ours
 * @encap_socks: the UDP sockets given with encap-attach
 * @keepalives: NAT keepalives taken on them
 */
struct flexsec_net {
	struct mutex lock;	/* see above */
	DECLARE_HASHTABLE(sa_hash, FLEXSEC_SPI_HASH_BITS);
	struct list_head sas;
	struct list_head tunnels;
	struct idr ids;
	atomic64_t unknown_spi;
	struct list_head encap_socks;
	atomic64_t keepalives;
};

extern unsigned int flexsec_net_id;

static inline struct flexsec_net *flexsec_net(const struct net *net)
{
	return net_generic(net, flexsec_net_id);
}

int flexsec_netns_init(void);
void flexsec_netns_exit(void);

#endif /* _FLEXSEC_NETNS_H */
