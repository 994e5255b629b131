/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hub's side of a spoke's IKE_AUTH, once the spoke is authenticated:
 * its Virtual-Access interface from the profile's virtual template, its
 * authorization (the user and group policies of the profile's "aaa
 * authorization" lines, merged), the configuration payload answering its
 * CFG_REQUEST (an address from the policy's pool, netmask, DNS, domain,
 * the subnets of "route set"), and the routes to the spoke's address and
 * to the subnets it announces ("route accept any").
 */
#ifndef FLEXSECD_HUB_H
#define FLEXSECD_HUB_H

#include <stdbool.h>
#include <stddef.h>

#include "cp.h"

struct ike_sa;
struct ike_msg;

/*
 * For SA (responder, authenticated, its profile naming a virtual
 * template) and its IKE_AUTH request M: the Virtual-Access bound to SA,
 * and in *REPLY the CFG_REPLY to send (*HAVE_REPLY false: none). Returns
 * 0, or -1 with why in WHY (LEN bytes): the clone failed, authorization
 * failed, no address to give ("Fail to alloc IP addr").
 */
int hub_authorize(struct ike_sa *sa, const struct ike_msg *m,
		  struct ike_cp *reply, bool *have_reply, char *why,
		  size_t len);

#endif /* FLEXSECD_HUB_H */
