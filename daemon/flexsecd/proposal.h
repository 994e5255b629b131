/* SPDX-License-Identifier: GPL-2.0 */
/* IKE and ESP proposals: built from the configuration, chosen from a
 * peer's (see proposal.c). */
#ifndef FLEXSECD_PROPOSAL_H
#define FLEXSECD_PROPOSAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "conf.h"
#include "crypto.h"
#include "msg.h"

/* "AES-CBC-128 SHA256 SHA256 DH_GROUP_2048_MODP/Group 14": the
 * transforms of P in the order encryption, integrity, PRF, group, ESN. */
void ike_proposal_str(const struct ike_proposal *p, char *buf, size_t len);

/* A configured proposal as proposal number NUM of an SA payload. */
void ike_conf_proposal(const struct conf_proposal *cp, uint8_t num,
		       struct ike_proposal *p);
/* Every proposal of the policies that apply to LOCAL, in order. */
void ike_our_proposals(const struct conf *c,
		       const struct sockaddr_storage *local,
		       struct ike_sa_pl *sa);
/* One transform of each type from the peer's proposal RP (the first in
 * the peer's order) that one of OURS has, into CHOSEN; false when none
 * of ours accepts RP. With an AEAD cipher no integrity is chosen. */
bool ike_select_proposal(const struct ike_proposal *rp,
			 const struct ike_sa_pl *ours,
			 struct ike_proposal *chosen);
/* The suite of a chosen (one transform per type) proposal. */
void ike_suite_from(const struct ike_proposal *p, struct ike_suite *s);

/* ESP: a transform set as proposal NUM with SPI (and the DH group PFS
 * when not 0), ESN off. */
void esp_tset_proposal(const struct conf_transform_set *t, uint8_t num,
		       uint32_t spi, uint16_t pfs, struct ike_proposal *p);

struct esp_choice {
	uint16_t encr, encr_bits, integ;
	bool esn;
};
/* Whether the peer's ESP proposal RP has what transform set T needs (and
 * the group PFS when WANT_DH); the choice in CH. */
bool esp_match_tset(const struct ike_proposal *rp,
		    const struct conf_transform_set *t, uint16_t pfs,
		    bool want_dh, struct esp_choice *ch);

#endif /* FLEXSECD_PROPOSAL_H */
