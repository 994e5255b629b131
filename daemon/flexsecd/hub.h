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

struct authz_attrs;
struct authz_reply;
struct conf_addr;
struct dctx;
struct ike_msg;
struct ike_payload;
struct ike_sa;
struct msg_builder;

/*
 * For SA (responder, authenticated, its profile naming a virtual
 * template) and its IKE_AUTH request M: the Virtual-Access bound to SA,
 * and in *REPLY the CFG_REPLY to send (*HAVE_REPLY false: none). Returns
 * 0; -1 with why in WHY (LEN bytes) when the clone or authorization
 * failed; or, with WHY, the notify that refuses the CHILD SA while the
 * peer is authenticated: INTERNAL_ADDRESS_FAILURE when there is no
 * address to give ("Fail to alloc IP addr"), FAILED_CP_REQUIRED when the
 * peer asked for none but the policy gives it one (a pool).
 */
int hub_authorize(struct ike_sa *sa, const struct ike_msg *m,
		  struct ike_cp *reply, bool *have_reply, char *why,
		  size_t len);

/*
 * The user and group authorization of SA's profile (IKEv2 authorization
 * policies), merged, into MERGED: 0, or -1 with why in WHY. Used on a
 * spoke for its own profile as well.
 */
int hub_authz_attrs(const struct ike_sa *sa, struct authz_attrs *merged,
		    const struct dctx *c, char *why, size_t len);

/*
 * The subnets of "route set" in AR appended to CP: "route set interface
 * [IF]" as IF's address, or without IF OWN (the tunnel's own address);
 * the permitted networks of "route set access-list"; "route set remote".
 */
void hub_subnets(const struct authz_reply *ar, const struct conf_addr *own,
		 struct ike_cp *cp);

/* An INTERNAL_IP4_SUBNET as a prefix (the mask's length). */
void hub_subnet_of(const struct ike_cp_subnet4 *s, struct conf_addr *d);

/*
 * A CFG_SET (P, in an INFORMATIONAL request) from SA's peer: the subnets
 * it announces routed over its Virtual-Access as the policy's "route
 * accept" allows (each refused one named), the CFG_ACK added to MB.
 * 0, or -1 when MB could not take it.
 */
int hub_cfg_set(struct ike_sa *sa, const struct ike_payload *p,
		struct msg_builder *mb);

#endif /* FLEXSECD_HUB_H */
