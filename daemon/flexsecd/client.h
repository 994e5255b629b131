/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The FlexVPN client: "crypto ikev2 client flexvpn NAME" connects its
 * tunnel ("tunnel destination dynamic") to the first usable peer of its
 * ordered list, a peer being usable while its track object (if it has
 * one) is up; when the session ends or cannot be made (a give-up, dead
 * peer detection, a DELETE), it goes on to the next usable peer, round the
 * list. With "peer reactivate" it goes back to a better peer whose track
 * comes up. "connect auto" connects at once, "connect track N" while
 * track N is up, "connect manual" when told to ("crypto ikev2 client
 * flexvpn connect NAME").
 */
#ifndef FLEXSECD_CLIENT_H
#define FLEXSECD_CLIENT_H

#include <stdbool.h>
#include <stdio.h>

#include "conf.h"
#include "loop.h"

struct tunnel;

struct client {
	const struct conf_client *cc;
	struct tunnel *t;		/* the tunnel it connects */
	struct conf_tunnel eff;		/* its settings with the peer chosen */
	int cur;			/* the peer (index), -1: none yet */
	int next;			/* the peer to go to after this session */
	bool wanted;			/* connect manual: told to connect */
	bool connecting;		/* an IKE SA was started */
	unsigned int connects;		/* sessions started */
	unsigned int failovers;
	struct timer timer;
};

/* After the configuration C is loaded or reloaded (and its tunnels are
 * set up): the clients follow it, those of the same name keep their peer. */
void client_apply(const struct conf *c);
/* T's last IKE SA went: its client goes on to another peer. */
void client_tunnel_down(struct tunnel *t);
/* "crypto ikev2 client flexvpn connect NAME" (NAME NULL: all) and "clear
 * crypto ikev2 client flexvpn NAME": 0, or -1 with why in MSG. */
int client_connect_cmd(const char *name, char *msg, size_t len);
int client_clear_cmd(const char *name, char *msg, size_t len);
/* "show crypto ikev2 client flexvpn [NAME]". */
int show_client_flexvpn(FILE *out, const char *name, bool json);
void client_fini(void);

#endif /* FLEXSECD_CLIENT_H */
