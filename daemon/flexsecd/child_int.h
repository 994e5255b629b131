/* SPDX-License-Identifier: GPL-2.0 */
/* Internal interfaces between the CHILD SA files (child*.c). */
#ifndef FLEXSECD_CHILD_INT_H
#define FLEXSECD_CHILD_INT_H

#include "ike_int.h"

#define CHILD_NONCE_LEN 32

/* child.c */
void child_our_ts(const struct ike_sa *sa, bool exch_initiator,
		  struct ike_ts_pl *tsi, struct ike_ts_pl *tsr);
void child_add_tset(struct ike_sa_pl *sp, const struct conf_transform_set *t,
		    uint32_t spi, uint16_t pfs);
/* Takes C out of its IKE SA's list (nothing when it is not there). */
void child_unlink(struct child_sa *c);

/* child_ts6.c: the IPv6 selectors, when IPv6 is assigned (or asked for) */
bool child_ts6_on(const struct ike_sa *sa);
/* Whether SA's tunnel is a VTI of an IPv6 overlay: IPv6 selectors only. */
bool child_ts6_only(const struct ike_sa *sa);
/* Ours appended to an offer: PEER the peer's side, OURS ours. */
void child_ts6_offer(const struct ike_sa *sa, struct ike_ts_pl *peer,
		     struct ike_ts_pl *ours);
/* As responder: the peer's proposal TSI (its side), TSR (ours) narrowed
 * to ours, into OUT_I and OUT_R; false when there is no IPv6 pair. */
bool child_ts6_narrow(const struct ike_sa *sa, const struct ike_ts_pl *tsi,
		      const struct ike_ts_pl *tsr, struct ike_ts *out_i,
		      struct ike_ts *out_r);
void child_ts6_append(struct ike_ts_pl *p, const struct ike_ts *t);
/* C's IPv6 selectors, for show: the first IPv6 one of LOCAL (our side)
 * and of REMOTE; none when either list has none. */
void child_ts6_record(struct child_sa *c, const struct ike_ts_pl *local,
		      const struct ike_ts_pl *remote);

/* child_rekey.c: what the CREATE_CHILD_SA exchange tells the rekeying */
/* Records in C the lowest nonce of the exchange that made it. */
void child_set_low_nonce(struct child_sa *c, const uint8_t *a, size_t alen,
			 const uint8_t *b, size_t blen);
/* Our rekey made NEW (installed) in place of NEW->rekey_of. */
void child_rekey_done(struct child_sa *new_c);
/* Our rekey of OLD failed: the peer sent ERR (0: no answer). */
void child_rekey_failed(struct child_sa *old, uint16_t err);
/* The timer that tries a refused rekey again, for a new C. */
void child_rekey_init(struct child_sa *c);
/* The peer's rekey request names the CHILD SA whose outbound SPI is SPI:
 * 0 when it may go on (*OLD set), else the error notify to answer. */
uint16_t child_rekey_check(struct ike_sa *sa, uint32_t spi,
			   struct child_sa **old);
/* The peer's rekey of OLD made NEW_C (installed, answered). */
void child_rekey_taken(struct child_sa *old, struct child_sa *new_c);

#endif /* FLEXSECD_CHILD_INT_H */
