/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The daemon's global state and the operations the control socket calls:
 * the configuration in force, the IKE SAs, reload and clear.
 */
#ifndef FLEXSECD_DAEMON_H
#define FLEXSECD_DAEMON_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/socket.h>

#include "conf.h"
#include "ike.h"
#include "kmi.h"
#include "sa_mgr.h"

#ifndef FLEXSEC_VERSION
#define FLEXSEC_VERSION "0.1"
#endif

struct daemon {
	struct conf *conf;		/* in force */
	char conf_path[256];
	struct kmi *kmi;
	/* the address pools of the configuration, with their leases */
	struct pool_set *pools;
	uint32_t next_sa_id, next_session_id, next_conn_id;
	time_t started;
	/* rekeys start this much (a random share, in percent of the
	 * lifetime) before 90% of it, so that both ends rarely collide */
	unsigned int rekey_jitter;
	bool use_syslog;
};

extern struct daemon D;

/* Re-reads the configuration file; tunnels whose settings did not change
 * keep their SAs. Writes what happened (or the file's errors) to OUT.
 * Returns 0, or -1 when the file has errors (the old one stays). */
int daemon_reload(FILE *out);

/* "clear crypto session [remote A]" / "clear crypto ikev2 sa": deletes
 * the IKE SAs (all, or those with REMOTE), sending DELETE to the peers and
 * removing their child SAs; tunnels with a destination initiate again.
 * Returns how many were cleared. */
unsigned int daemon_clear(const struct sockaddr_storage *remote);

/* "clear crypto sa [peer A]": the CHILD SAs go, the IKE SAs stay; the
 * tunnels get new CHILD SAs (CREATE_CHILD_SA). Returns how many went. */
unsigned int daemon_clear_children(const struct sockaddr_storage *remote);

/* Iteration for show and clear commands (the SA manager's list). */
#define for_each_ike_sa(sa) for ((sa) = sam_first(); (sa); (sa) = (sa)->next)

/* Start-up and the loop's handlers (daemon.c). */
int daemon_apply_all(void);
void daemon_start_keeper(void);
void daemon_kernel_event(void *ctx, const struct kmi_event *ev);
void daemon_kmi_readable(int fd, uint32_t events, void *arg);
void daemon_fini(void);

/* Names for show: "READY", "IN-NEG", "DELETE"... */
const char *ike_state_show(enum ike_state st);

#endif /* FLEXSECD_DAEMON_H */
