/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NAT traversal (RFC 7296 2.23, RFC 3948): NAT detection in IKE_SA_INIT,
 * the move to the NAT-T port, ESP in UDP for the CHILD SAs, keepalives,
 * and following a peer whose NAT mapping changed.
 */
#ifndef FLEXSECD_NATT_H
#define FLEXSECD_NATT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#define IKE_NATT_PORT	4500

struct ike_msg;
struct ike_sa;
struct kmi_event;
struct msg_builder;

/* Hands the NAT-T socket to flexsec.ko; logs why when it cannot. */
void natt_attach(void);
/* flexsec.ko takes ESP in UDP: NAT traversal can work. */
bool natt_available(void);

/* The NAT_DETECTION_SOURCE_IP and _DESTINATION_IP notifies of an
 * IKE_SA_INIT message of SA (SPI_R 0 in a request); with the profile's
 * "nat force-encap", a source hash that matches nothing. */
int natt_add_notifies(struct msg_builder *mb, const struct ike_sa *sa,
		      uint64_t spi_r, bool force);
/* Reads the peer's NAT detection notifies of IKE_SA_INIT message M:
 * sets SA's nat_local, nat_remote and nat_t. */
void natt_detect(struct ike_sa *sa, const struct ike_msg *m);
/* Initiator, after IKE_SA_INIT: moves to port 4500 when a NAT is in the
 * way or encapsulation is forced. -1 (with the diagnosis) when NAT
 * traversal is needed and not available. */
int natt_float(struct ike_sa *sa);
/* -1 (the SA failed, with the diagnosis) when SA is over IPv6 and would
 * need ESP in UDP, which flexsec.ko does not do over IPv6. */
int natt_refuse_v6(struct ike_sa *sa);
/* Our and the peer's UDP ports for SA's CHILD SAs: 0 for plain ESP. */
void natt_child_ports(const struct ike_sa *sa, uint16_t *lport,
		      uint16_t *rport);
/* An authenticated message of SA came to LOCAL from REMOTE. */
void natt_rx_from(struct ike_sa *sa, const struct sockaddr_storage *local,
		  const struct sockaddr_storage *remote);
/* flexsec.ko saw authenticated ESP in UDP from a new address or port. */
void natt_mapping(const struct kmi_event *ev);
/* Keepalives while SA is up behind a NAT ("nat keepalive"). */
void natt_init(struct ike_sa *sa);
void natt_start(struct ike_sa *sa);
void natt_stop(struct ike_sa *sa);
/* A and B (of the same peer address) are with the same peer: behind a
 * NAT, several peers share an address and differ by port. */
bool natt_same_peer(const struct ike_sa *a, const struct ike_sa *b);
/* "NAT-T is detected outside", as show crypto ikev2 sa detailed says. */
const char *natt_state_str(const struct ike_sa *sa);

#endif /* FLEXSECD_NATT_H */
