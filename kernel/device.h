/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flexsec: the tunnel netdevice, link kind "flexsec".
 */
#ifndef _FLEXSEC_DEVICE_H
#define _FLEXSEC_DEVICE_H

#include <linux/netdevice.h>

#define FLEXSEC_LINK_KIND	"flexsec"

/**
 * struct flexsec_tunnel - private part of a flexsec netdevice
 * @dev: the netdevice this is the private part of
 */
struct flexsec_tunnel {
	struct net_device *dev;
};

int flexsec_device_init(void);
void flexsec_device_exit(void);

#endif /* _FLEXSEC_DEVICE_H */
