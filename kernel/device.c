// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec: the tunnel netdevice.
 *
 * A flexsec device is a point-to-point, header-less interface like ip_vti:
 * routes pointing at it select the tunnel, and what is sent through it is
 * ESP-protected towards the remote gateway once an outbound SA is installed.
 * Devices live in the network namespace they were created in and are
 * removed with it. Without an outbound SA, transmitted packets are dropped
 * and counted in tx_dropped.
 */

#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/module.h>
#include <net/ip.h>
#include <net/rtnetlink.h>

#include "compat.h"
#include "device.h"

/* Outer IPv4 header, ESP header and IV, worst-case padding and ICV. */
#define FLEXSEC_OVERHEAD	(sizeof(struct iphdr) + 8 + 16 + 17 + 32)

static netdev_tx_t flexsec_xmit(struct sk_buff *skb, struct net_device *dev)
{
	/* No outbound SA can be installed yet: the packet has nowhere to go. */
	dev_core_stats_tx_dropped_inc(dev);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops flexsec_netdev_ops = {
	.ndo_start_xmit		= flexsec_xmit,
	.ndo_get_stats64	= dev_get_tstats64,
};

static const struct device_type flexsec_device_type = {
	.name = FLEXSEC_LINK_KIND,
};

static void flexsec_setup(struct net_device *dev)
{
	struct flexsec_tunnel *t = netdev_priv(dev);

	t->dev = dev;
	dev->netdev_ops = &flexsec_netdev_ops;
	SET_NETDEV_DEVTYPE(dev, &flexsec_device_type);
	dev->type = ARPHRD_NONE;
	dev->flags = IFF_POINTOPOINT | IFF_NOARP;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	dev->mtu = ETH_DATA_LEN - FLEXSEC_OVERHEAD;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = IP_MAX_MTU - FLEXSEC_OVERHEAD;
	dev->needs_free_netdev = true;
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
	flexsec_compat_set_lltx(dev);
	netif_keep_dst(dev);
}

static int flexsec_validate(struct nlattr *tb[], struct nlattr *data[],
			    struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
				    "flexsec devices have no link-layer address");
		return -EINVAL;
	}
	return 0;
}

static struct rtnl_link_ops flexsec_link_ops __read_mostly = {
	.kind		= FLEXSEC_LINK_KIND,
	.priv_size	= sizeof(struct flexsec_tunnel),
	.setup		= flexsec_setup,
	.validate	= flexsec_validate,
};

/**
 * flexsec_device_init() - register the link kind
 *
 * Return: 0 or a negative errno from rtnl_link_register().
 */
int flexsec_device_init(void)
{
	return rtnl_link_register(&flexsec_link_ops);
}

/**
 * flexsec_device_exit() - unregister the link kind
 *
 * Every flexsec device, in every network namespace, is removed.
 */
void flexsec_device_exit(void)
{
	rtnl_link_unregister(&flexsec_link_ops);
}

MODULE_ALIAS_RTNL_LINK(FLEXSEC_LINK_KIND);
