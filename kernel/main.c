// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec: route-based IPsec tunnels.
 */

#include <linux/module.h>
#include <linux/wait_bit.h>

#include "device.h"
#include "netlink.h"
#include "netns.h"
#include "rx.h"
#include "sa.h"

#define CREATE_TRACE_POINTS
#include "trace.h"

static int __init flexsec_init(void)
{
	int err;

	flexsec_wq = alloc_workqueue("flexsec", WQ_UNBOUND, 0);
	if (!flexsec_wq)
		return -ENOMEM;
	err = flexsec_netns_init();
	if (err)
		goto free_wq;
	err = flexsec_device_init();
	if (err)
		goto netns;
	err = flexsec_nl_init();
	if (err)
		goto device;
	err = flexsec_rx_init();
	if (err)
		goto nl;
	pr_info("flexsec: route-based IPsec tunnels\n");
	return 0;

nl:
	flexsec_nl_exit();
device:
	flexsec_device_exit();
netns:
	flexsec_netns_exit();
free_wq:
	destroy_workqueue(flexsec_wq);
	return err;
}

static void __exit flexsec_exit(void)
{
	flexsec_rx_exit();
	flexsec_nl_exit();
	/* Removes every tunnel, and so every SA. */
	flexsec_device_exit();
	flexsec_netns_exit();
	/* Packets still in the crypto layer hold their SAs. */
	rcu_barrier();
	wait_var_event(&flexsec_sa_live, !atomic_read(&flexsec_sa_live));
	destroy_workqueue(flexsec_wq);
}

module_init(flexsec_init);
module_exit(flexsec_exit);

MODULE_DESCRIPTION("Route-based IPsec tunnels (VTI and GRE over ESP)");
MODULE_LICENSE("GPL");
MODULE_AUTHOR("The flexsec developers");
