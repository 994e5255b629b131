// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec: route-based IPsec tunnels.
 */

#include <linux/module.h>

#include "device.h"

static int __init flexsec_init(void)
{
	int err;

	err = flexsec_device_init();
	if (err)
		return err;
	pr_info("flexsec: route-based IPsec tunnels\n");
	return 0;
}

static void __exit flexsec_exit(void)
{
	flexsec_device_exit();
}

module_init(flexsec_init);
module_exit(flexsec_exit);

MODULE_DESCRIPTION("Route-based IPsec tunnels (VTI and GRE over ESP)");
MODULE_LICENSE("GPL");
MODULE_AUTHOR("The flexsec developers");
