/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The SA manager: it owns every IKE SA and CHILD SA of the daemon and the
 * indexes every path looks them up by, each a hash table:
 *  - IKE SAs by (SPIi, SPIr), hashed on the SPI we chose (unique here);
 *  - responder SAs by (SPIi, peer address), for retransmitted
 *    IKE_SA_INIT requests before the peer knows our SPI;
 *  - IKE SAs by peer address (INITIAL_CONTACT, "clear ... peer");
 *  - CHILD SAs by (ifindex, SPI, direction), as flexsec.ko names them in
 *    its events, and by ifindex (the SAs of one tunnel).
 * A list of all IKE SAs, newest first, remains for show and clear only.
 */
#ifndef FLEXSECD_SA_MGR_H
#define FLEXSECD_SA_MGR_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "ike.h"

/* Enters SA (its SPIs and addresses set) in every index. Returns 0, or
 * -1 when memory ran out (SA is then in none). */
int sam_add(struct ike_sa *sa);
/* Takes SA out of every index; its CHILD SAs stay with it. */
void sam_remove(struct ike_sa *sa);
/* The peer of SA is at REMOTE now: its indexes follow. */
void sam_move(struct ike_sa *sa, const struct sockaddr_storage *remote);
/* Keeps the negotiation counters right: SA goes from its state to ST. */
void sam_state(struct ike_sa *sa, enum ike_state st);
/* True when LOCAL_SPI is one of ours already (as initiator or not). */
bool sam_spi_used(uint64_t local_spi, bool initiator);

/* The live (not dead) IKE SA with these SPIs on which we are the original
 * INITIATOR or not; SPI_R 0 finds our initiated SA before its response. */
struct ike_sa *sam_find(uint64_t spi_i, uint64_t spi_r, bool initiator);
/* The live responder SA for the peer's IKE_SA_INIT (SPI_I from REMOTE). */
struct ike_sa *sam_find_half(uint64_t spi_i,
			     const struct sockaddr_storage *remote);
/* The live IKE SAs with the peer at REMOTE's address (any port). */
struct ike_sa *sam_peer_first(const struct sockaddr_storage *remote);
struct ike_sa *sam_peer_next(const struct ike_sa *sa,
			     const struct sockaddr_storage *remote);

unsigned int sam_count(void);
/* IKE SAs in negotiation that we initiated (or answered). */
unsigned int sam_negotiating(bool initiator);
/* Every IKE SA, newest first, for show and clear: (sa)->next follows. */
struct ike_sa *sam_first(void);

/* CHILD SAs: C enters the indexes with its inbound SPI and interface;
 * its outbound SPI is entered when known (sam_child_set_out). */
int sam_child_add(struct child_sa *c);
int sam_child_set_out(struct child_sa *c, uint32_t spi_out);
void sam_child_remove(struct child_sa *c);
struct child_sa *sam_child_find(unsigned int ifindex, uint32_t spi,
				bool inbound);
/* The CHILD SAs on interface IFINDEX (any IKE SA). */
struct child_sa *sam_child_if_first(unsigned int ifindex);
struct child_sa *sam_child_if_next(const struct child_sa *c);

/* Frees the tables (the SAs must be gone). */
void sam_fini(void);

#endif /* FLEXSECD_SA_MGR_H */
