/* SPDX-License-Identifier: GPL-2.0 */
/*
 * spokegen: many FlexVPN spokes from one process, for scale tests of a
 * hub. spokegen.c runs the sockets, the pacing and the figures;
 * spokegen_ike.c the IKEv2 exchanges of one spoke, on the daemon's own
 * message and crypto code (libflexsecd.a).
 */
#ifndef SPOKEGEN_H
#define SPOKEGEN_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "crypto.h"
#include "ike_proto.h"

#define SG_NONCE_LEN	32

enum sg_state {
	SG_IDLE,	/* not started */
	SG_INIT,	/* IKE_SA_INIT request out */
	SG_AUTH,	/* IKE_AUTH request out */
	SG_UP,		/* IKE SA and CHILD SA up; answers the hub */
	SG_DELETING,	/* our DELETE out */
	SG_GONE,	/* deleted, by us or by the hub */
	SG_FAILED,
};

struct spoke {
	int fd;
	unsigned int num;		/* spokeNUM.DOMAIN, from 1 */
	struct sockaddr_in local;
	enum sg_state state;
	uint64_t spi_i, spi_r;
	struct ike_dh *dh;		/* shared unless -F */
	struct ike_suite suite;
	struct ike_keys keys;
	uint8_t ni[SG_NONCE_LEN];
	uint8_t nr[IKE_MAX_NONCE];
	size_t nr_len;
	struct buf init_i, init_r;	/* the IKE_SA_INIT messages, for AUTH */
	struct buf cookie;
	struct buf req;			/* our request in flight */
	uint32_t req_msgid;
	unsigned int tries;
	uint64_t deadline_ms;
	uint64_t started_ms, up_ms;
	struct buf resp;		/* our last response to the hub */
	uint32_t resp_msgid;
	bool have_resp;
	uint32_t esp_spi;
	struct in_addr assigned;
	struct spoke *next, *prev;	/* the exchanges in flight */
};

struct sg_opts {
	unsigned int n;
	struct in_addr first;
	struct sockaddr_in hub;
	const char *psk;
	const char *domain;
	unsigned int window;
	unsigned int timeout_ms;
	unsigned int retries;
	bool fresh_dh;
};

struct sg_stats {
	unsigned int up, failed, deleted, hub_deleted;
	unsigned int retransmits, cookies;
	unsigned int dpd, dpd_again, other_requests;
	unsigned int bad;		/* datagrams that made no sense */
};

extern struct sg_opts sg_opt;
extern struct sg_stats sg_stats;

uint64_t sg_now_ms(void);
/*
 * A spoke's failure: counted, said (the first few), taken out of the
 * exchanges in flight.
 */
void sg_fail(struct spoke *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The exchange of S is over (up, deleted): out of the flight. */
void sg_done(struct spoke *s);
/* Sends S's request (again): 0 or -1. */
int sg_xmit(struct spoke *s);

/* spokegen_ike.c */
int sg_ike_setup(void);
int sg_start(struct spoke *s);		/* IKE_SA_INIT */
int sg_delete(struct spoke *s);		/* INFORMATIONAL with Delete */
/* A datagram from the hub for S. */
void sg_input(struct spoke *s, const uint8_t *pkt, size_t len);
void sg_spoke_free(struct spoke *s);

#endif /* SPOKEGEN_H */
