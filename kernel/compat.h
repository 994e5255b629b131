/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flexsec: what differs between the kernels flexsec builds against.
 * Kbuild probes the kernel's headers and defines FLEXSEC_COMPAT_* for the
 * older ones; a kernel tree of today needs none of them.
 */
#ifndef _FLEXSEC_COMPAT_H
#define _FLEXSEC_COMPAT_H

#include <linux/netdevice.h>

/* Lockless transmit became a netdevice field in 6.11. */
static inline void flexsec_compat_set_lltx(struct net_device *dev)
{
#ifdef FLEXSEC_COMPAT_NO_LLTX_FIELD
	dev->features |= NETIF_F_LLTX;
#else
	dev->lltx = true;
#endif
}

#endif /* _FLEXSEC_COMPAT_H */
