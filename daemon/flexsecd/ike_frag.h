/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IKEv2 fragmentation (RFC 7383): the IKEV2_FRAGMENTATION_SUPPORTED
 * notify of IKE_SA_INIT, encrypted messages larger than the fragment MTU
 * sent as SKF fragments (each encrypted and integrity protected on its
 * own), and the reassembly of the peer's fragments: each verified before
 * it is kept, with limits on the count, the size and the time per
 * message, and on the memory all reassemblies hold together.
 */
#ifndef FLEXSECD_IKE_FRAG_H
#define FLEXSECD_IKE_FRAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "loop.h"
#include "msg.h"

#define IKE_FRAG_MTU4		576	/* the default fragment MTU, IPv4 */
#define IKE_FRAG_MTU6		1280	/* and IPv6 */
#define IKE_FRAG_MAX		64	/* fragments of one message */
#define IKE_FRAG_MAX_BYTES	32768	/* one message, reassembled */
#define IKE_FRAG_BUDGET		(8u << 20)	/* all reassemblies at once */
#define IKE_FRAG_TIMEOUT_MS	10000	/* from the first fragment kept */

struct ike_sa;
struct ike_hdr;

/* The peer's message being reassembled (ike_reasm.c). */
struct ike_reasm {
	struct ike_sa *sa;
	bool response;
	uint8_t exch;
	uint8_t np;			/* fragment 1's next payload */
	uint32_t msgid;
	uint16_t total, have;
	uint64_t kept;			/* bit N-1: fragment N is here */
	size_t bytes;
	struct timer timer;
	uint8_t *part[IKE_FRAG_MAX];	/* decrypted */
	size_t len[IKE_FRAG_MAX];
};

struct ike_frag_stats {
	uint64_t tx, rx;		/* fragments sent, received */
	uint64_t fragmented, reassembled;	/* messages */
	uint64_t bad;			/* malformed, or integrity check failed */
	uint64_t duplicate;
	uint64_t stale;			/* of an older message, or fewer total */
	uint64_t limit;			/* over the count, size or memory limit */
	uint64_t timeout;		/* reassembly abandoned */
	uint64_t unexpected;		/* fragmentation not negotiated */
};
extern struct ike_frag_stats ike_frag_stats;

/* IKE_SA_INIT: the notify in our message when "crypto ikev2
 * fragmentation" is configured (a responder: and the initiator sent it);
 * 0 or -1. Peer: M, the peer's IKE_SA_INIT message, is looked at; a
 * responder calls it before adding its notify. */
int ike_frag_add_notify(struct ike_sa *sa, struct msg_builder *mb);
void ike_frag_peer(struct ike_sa *sa, const struct ike_msg *m);

/* The IP, UDP (and non-ESP marker) bytes in front of SA's messages. */
size_t ike_frag_overhead(const struct ike_sa *sa);
/* The fragment MTU configured for SA's address family; 0: none. */
uint32_t ike_frag_conf_mtu(const struct ike_sa *sa);

/* Seals INNER under header H (np, length set here) into OUT: the
 * fragments back to back when SA uses fragmentation and the message is
 * larger than its fragment MTU, else the one datagram. 0 or -1. */
int ike_frag_seal(struct ike_sa *sa, const struct ike_hdr *h,
		  const struct msg_builder *inner, struct buf *out);

/* The Fragment Number of M when it is a fragment (SKF), else 0. */
unsigned int ike_frag_num(const struct ike_msg *m);
/* A fragment M from SA's peer (checked for its message ID by the
 * caller): verified and kept. Returns 0 when it completed the message
 * (*OUT, *LEN: the inner payloads, malloced, to be wiped; *NP: the first
 * one's type), 1 when it was kept and more are to come, -1 when it was
 * dropped (counted and logged). */
int ike_frag_rx(struct ike_sa *sa, const struct ike_msg *m, uint8_t **out,
		size_t *len, uint8_t *np);
/* The reassemblies of SA freed (SA goes). */
void ike_frag_free(struct ike_sa *sa);
/* Bytes all reassemblies hold now. */
size_t ike_frag_held(void);

/* The reason a request of SA of LEN bytes got no answer may be IP
 * fragmentation: a sentence for the failure ("IKE_AUTH of 1400 bytes
 * got no answer ... consider crypto ikev2 fragmentation") into BUF, or
 * false when the message was small or sent in fragments. */
bool ike_frag_hint(const struct ike_sa *sa, uint8_t exch, const struct buf *b,
		   unsigned int retries, char *buf, size_t size);

#endif /* FLEXSECD_IKE_FRAG_H */
