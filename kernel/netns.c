// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec: per network namespace state.
 */

#include <linux/rtnetlink.h>

#include "device.h"
#include "netns.h"
#include "udp.h"

unsigned int flexsec_net_id __read_mostly;

static int __net_init flexsec_net_init(struct net *net)
{
	struct flexsec_net *fn = flexsec_net(net);

	mutex_init(&fn->lock);
	hash_init(fn->sa_hash);
	INIT_LIST_HEAD(&fn->sas);
	INIT_LIST_HEAD(&fn->tunnels);
	idr_init(&fn->ids);
	atomic64_set(&fn->unknown_spi, 0);
	INIT_LIST_HEAD(&fn->encap_socks);
	atomic64_set(&fn->keepalives, 0);
	return 0;
}

/*
 * Our pernet exit runs before the core's removes the namespace's devices:
 * remove the tunnels here, which removes their SAs.
 */
static void __net_exit flexsec_net_exit_batch(struct list_head *net_list)
{
	struct net *net;
	LIST_HEAD(kill);

	list_for_each_entry(net, net_list, exit_list)
		flexsec_udp_detach_all(net);
	/* No receive path runs in the sockets' encapsulation any more. */
	synchronize_net();
	list_for_each_entry(net, net_list, exit_list)
		flexsec_udp_put_all(net);

	rtnl_lock();
	list_for_each_entry(net, net_list, exit_list)
		flexsec_delete_tunnels(net, &kill);
	unregister_netdevice_many(&kill);
	rtnl_unlock();

	list_for_each_entry(net, net_list, exit_list) {
		struct flexsec_net *fn = flexsec_net(net);

		WARN_ON_ONCE(!list_empty(&fn->sas));
		idr_destroy(&fn->ids);
	}
}

static struct pernet_operations flexsec_net_ops = {
	.init = flexsec_net_init,
	.exit_batch = flexsec_net_exit_batch,
	.id = &flexsec_net_id,
	.size = sizeof(struct flexsec_net),
};

/**
 * flexsec_netns_init() - register the per-namespace state
 *
 * Return: 0 or a negative errno.
 */
int flexsec_netns_init(void)
{
	return register_pernet_device(&flexsec_net_ops);
}

/**
 * flexsec_netns_exit() - unregister the per-namespace state
 */
void flexsec_netns_exit(void)
{
	unregister_pernet_device(&flexsec_net_ops);
}
