/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A spoke's side of the configuration payload: a tunnel with "ip address
 * negotiated" asks its hub for an address in IKE_AUTH (CFG_REQUEST), and
 * takes what the reply gives: the address on the tunnel interface, the
 * subnets as routes over it (the hub's "route set"), kept while the
 * tunnel has an IKE SA and removed when the last one goes.
 */
#ifndef FLEXSECD_SPOKE_H
#define FLEXSECD_SPOKE_H

#include <stddef.h>
#include <stdint.h>

#include "kmi.h"

#define SPOKE_MAX_ROUTES	64

struct ike_sa;
struct ike_msg;
struct msg_builder;
struct tunnel;

struct spoke_cfg {
	struct conf_addr addr;		/* assigned; family 0: none */
	struct conf_addr addr6;		/* assigned, its prefix length */
	unsigned int n_routes;
	struct kmi_route routes[SPOKE_MAX_ROUTES];
};

/* The CFG_REQUEST of SA's IKE_AUTH request, when its tunnel asks. */
int spoke_cfg_request(const struct ike_sa *sa, struct msg_builder *mb);
/* The CFG_REPLY of the IKE_AUTH response M: applied to SA's tunnel
 * before its CHILD SA is completed. */
void spoke_cfg_reply(struct ike_sa *sa, const struct ike_msg *m);
/* T's last IKE SA went: the address and the routes go. */
void spoke_release(struct tunnel *t);
/* After IKE_AUTH: the CFG_SET announcing the spoke's "route set" subnets
 * (its tunnel address for "route set interface") in an INFORMATIONAL. */
void spoke_cfg_set(struct ike_sa *sa);
/* Why the peer refused the CHILD SA with NOTIFY (INTERNAL_ADDRESS_FAILURE
 * or FAILED_CP_REQUIRED), into BUF. */
const char *spoke_refused(const struct ike_sa *sa, uint16_t notify, char *buf,
			  size_t len);

#endif /* FLEXSECD_SPOKE_H */
