/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Virtual-Access interfaces: on a hub, each peer whose IKEv2 profile
 * names "virtual-template N" gets an interface of its own, cloned from
 * interface Virtual-Template N when its IKE_AUTH succeeds, and removed
 * with its routes and its address lease when its last IKE SA is gone.
 *
 * IOS calls the K-th one Virtual-AccessK ("Vi K"); its Linux interface is
 * named "ViK" (IFNAMSIZ has no room for the long name) with the long
 * name as its alias, and show commands print the long name. K is the
 * lowest number free, as IOS reuses them.
 */
#ifndef FLEXSECD_VACCESS_H
#define FLEXSECD_VACCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "conf.h"
#include "kmi.h"

#define VA_REAP_MS	200
#define VA_MAX_ROUTES	(2 + 2 * 64)	/* address, accepted subnets */

struct ike_sa;
struct tunnel;

struct vaccess {
	unsigned int num;		/* K of Virtual-AccessK */
	uint64_t owner;			/* the session's leases (pool.h) */
	struct conf_tunnel conf;	/* the template's settings, its peer */
	struct conf_addr assigned;	/* leased to the peer; family 0: none */
	struct conf_addr assigned6;
	unsigned int n_routes, cap_routes;
	struct kmi_route *routes;	/* installed, for the teardown */
};

/* The Virtual-Access of a live session of SA's peer (its address and its
 * identity) cloned from VT, which SA joins (a reauthentication, a second
 * IKE SA): the same interface, address lease and routes. NULL: none. */
struct tunnel *va_of_peer(const struct ike_sa *sa, const struct conf_tunnel *vt);
/* The Virtual-Access for SA's peer from template VT, its interface made:
 * NULL with the reason in WHY (LEN bytes) when it cannot be. */
/* SA's peer moved to another address: its Virtual-Access follows; -1 when
 * it cannot (no Virtual-Access: a tunnel's destination is configured). */
int va_move(struct ike_sa *sa);
struct tunnel *va_clone(struct ike_sa *sa, const struct conf_tunnel *vt,
			char *why, size_t len);
/* Installs route R over T's interface and keeps it for the teardown. */
int va_add_route(struct tunnel *t, const struct kmi_route *r,
		 const char **errmsg);
/* T's interface, routes and leases go (its IKE SAs are gone): the
 * runtime tunnel at once, the interface, its number and its leases at the
 * next va_reap(), at most VA_REAP_MS later, with those of every session
 * that ended meanwhile (one deletion in the kernel for all of them). */
void va_release(struct tunnel *t);
void va_reap(void);
/* After a reload to NC: T follows its template there. False when the
 * template is gone or changed (its sessions are to be deleted). */
bool va_rebind(struct tunnel *t, const struct conf *nc);
/* The name show commands give T: "Virtual-Access1" or "Tunnel0". */
const char *va_show_name(const struct tunnel *t);
/* How many are up. */
unsigned int va_count(void);

#endif /* FLEXSECD_VACCESS_H */
