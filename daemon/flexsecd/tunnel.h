/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Runtime tunnels: one per tunnel interface flexsecd runs, apart from the
 * configuration that describes it. A runtime tunnel has its interface
 * index, the configuration in force for it (rebound explicitly on reload)
 * and its IKE SAs; it is found by name or by interface index in O(1).
 */
#ifndef FLEXSECD_TUNNEL_H
#define FLEXSECD_TUNNEL_H

#include "conf.h"
#include "htab.h"

struct ike_sa;
struct vaccess;
struct spoke_cfg;

struct tunnel {
	struct hnode h_name, h_if;
	struct tunnel *next, *prev;	/* every tunnel, for iteration */
	struct tunnel *reap_next;	/* emptied, to be looked at */
	bool reaping;
	char name[CONF_NAME];
	unsigned int ifindex;		/* 0 until the interface exists */
	const struct conf_tunnel *conf;	/* in force; NULL once removed */
	struct ike_sa *sas;		/* its IKE SAs, through sa->tnext */
	struct vaccess *va;		/* a Virtual-Access (vaccess.h) */
	struct spoke_cfg *spoke;	/* what the hub assigned (spoke.h) */
	bool client;			/* a FlexVPN client's (client.h) */
};

/* The tunnel named NAME, created when missing (NULL: out of memory). */
struct tunnel *tunnel_get(const char *name);
/* The runtime tunnel of configured tunnel C (bound to C when new). */
struct tunnel *tunnel_of(const struct conf_tunnel *c);
struct tunnel *tunnel_find(const char *name);
struct tunnel *tunnel_by_ifindex(unsigned int ifindex);
void tunnel_set_ifindex(struct tunnel *t, unsigned int ifindex);
/* Points T and its IKE SAs at the configuration C (NULL: none). */
void tunnel_rebind(struct tunnel *t, const struct conf_tunnel *c);
/* Removes T; its IKE SAs must be gone. */
void tunnel_destroy(struct tunnel *t);
struct tunnel *tunnel_first(void);

/* SA's tunnel becomes T (NULL: none): SA->tun follows T's configuration. */
void tunnel_attach(struct ike_sa *sa, struct tunnel *t);
/* The tunnel's usable IKE SA: neither deleted nor dying. */
struct ike_sa *tunnel_ike_sa(const struct tunnel *t);

/* A tunnel left without IKE SAs that is a Virtual-Access or holds what a
 * hub assigned is handed to FN (which removes that) from tunnel_reap(),
 * once the loop is idle: callers up the stack may still look at it. */
void tunnel_set_empty_fn(void (*fn)(struct tunnel *t));
void tunnel_reap(void);

void tunnel_fini(void);

#endif /* FLEXSECD_TUNNEL_H */
