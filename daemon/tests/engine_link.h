/* SPDX-License-Identifier: GPL-2.0 */
/* Test doubles for the engine tests: the link and the kernel's SA table. */
#ifndef FLEXSECD_TESTS_ENGINE_LINK_H
#define FLEXSECD_TESTS_ENGINE_LINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "kmi.h"
#include "net.h"

#define LINK_QLEN	64
#define KSA_MAX		64

/* A datagram on the link, from one end's address to the other's. */
struct link_dgram {
	uint8_t *buf;
	size_t len;
	struct sockaddr_storage from, to;
};

/* An SA in the kernel model. */
struct ksa {
	bool used;
	bool active;		/* the interface's outbound SA */
	unsigned int order;	/* when it was added */
	struct kmi_sa sa;
};

extern struct ksa ksa[KSA_MAX];
extern unsigned int ksa_adds, ksa_dels, ksa_errors;
extern uint32_t ksa_last_spi;	/* the last SPI kmi_alloc_spi gave */
extern unsigned int link_sent;	/* datagrams sent since the reset */
/* NAT traversal: keepalives sent, SA port changes, the last port */
extern unsigned int link_keepalives, link_port_sets;
extern uint16_t link_last_rport;

/* Interfaces made and deleted, routes in place, the address last set. */
extern unsigned int link_applied, link_deleted;
/* Virtual-Access interfaces moved to the dying group, group deletions. */
extern unsigned int link_retired, link_group_deletes;
extern int routes_up;
/* Interfaces whose IPv6 was turned on (kmi_if_ipv6). */
extern unsigned int link_ipv6_on;
extern struct conf_addr if_addr, if_addr6;	/* by family */

void link_reset(void);
unsigned int link_queued(void);
/* The oldest datagram on the link: delivered to its end, or lost. */
void link_deliver(void);
void link_drop(void);
/* The Ith datagram on the link (0: the oldest); delivered out of order
 * (taken off the link), or a copy of it delivered (it stays). */
struct link_dgram *link_at(unsigned int i);
void link_deliver_at(unsigned int i);
void link_deliver_copy(unsigned int i);
/* The oldest datagram on the link, left there; NULL when it is empty. */
const struct link_dgram *link_peek(void);
/* BUF (LEN bytes) arrives at TO from FROM, as if it came off the wire. */
void link_inject(const uint8_t *buf, size_t len,
		 const struct sockaddr_storage *from,
		 const struct sockaddr_storage *to);
/* The next N nonces the engine draws are 32 bytes of FILL[0], FILL[1]... */
void link_force_nonces(const uint8_t *fill, unsigned int n);

/* The daemon with configuration TEXT (LEN bytes, called NAME), its link
 * and kernel the doubles above; 0 or -1. And its end, as flexsecd stops:
 * every IKE SA deleted, the link emptied, everything freed. */
int engine_start(const char *text, size_t len, const char *name);
void engine_stop(void);

struct ksa *ksa_find(unsigned int ifindex, bool inbound, uint32_t spi);
struct ksa *ksa_active_out(unsigned int ifindex);
unsigned int ksa_count(unsigned int ifindex, bool inbound);

#endif /* FLEXSECD_TESTS_ENGINE_LINK_H */
