/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The state show commands of the control socket, from the daemon's IKE
 * SAs (D.sas), the configuration in force (D.conf) and the counters of
 * flexsec.ko (kmi_sa_stats). Each writes text in the IOS layout, or one
 * JSON document (snake_case keys) with JSON; each returns 0. Keys are
 * never shown; SPIs are. One file per family: show_ikev2.c,
 * show_ipsec.c, show_session.c.
 */
#ifndef FLEXSECD_SHOW_H
#define FLEXSECD_SHOW_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/socket.h>

/* show crypto ikev2 sa [detailed] */
int show_ikev2_sa(FILE *out, bool detailed, bool json);
/* "show interfaces virtual-access NUM [configuration]" (CONFIG), "show
 * derived-config interface virtual-access NUM" (DERIVED). */
int show_virtual_access(FILE *out, unsigned int num, bool config,
			bool derived, bool json);
/* show crypto ikev2 stats */
int show_ikev2_stats(FILE *out, bool json);
/* show crypto ipsec sa [peer A]: PEER NULL for every peer */
int show_ipsec_sa(FILE *out, const struct sockaddr_storage *peer, bool json);
/* show crypto session [brief] [remote A]: REMOTE NULL for every peer */
int show_crypto_session(FILE *out, bool brief, bool detail,
			const struct sockaddr_storage *remote, bool json);

#endif /* FLEXSECD_SHOW_H */
