/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the message tests share, in msg_util.c, which the Makefile links
 * into each of them.
 */
#ifndef FLEXSEC_TESTS_MSG_UTIL_H
#define FLEXSEC_TESTS_MSG_UTIL_H

#include <stdint.h>

#include "msg.h"

/* 32 bytes 0x10 to 0x2f. */
extern const uint8_t nonce32[32];

/* A message begun with a header of EXCH, FLAGS and MSGID. */
void start(struct msg_builder *mb, uint8_t exch, uint8_t flags,
	   uint32_t msgid);
/* The message of MB parsed into M, or the test fails. */
void parse_ok(const struct msg_builder *mb, struct ike_msg *m);

void set_tr(struct ike_transform *t, uint8_t type, uint16_t id,
	    uint16_t keybits);
/* Proposal 1 for IKE: AES-CBC-256, SHA256, SHA256, group 19; proposal 2
 * for IKE: AES-GCM-16-128, SHA384, group 14. */
void ike_sa(struct ike_sa_pl *sa);
/* One ESP proposal with SPI 0xc0ffee01: AES-CBC-128, SHA256, no ESN. */
void esp_sa(struct ike_sa_pl *sa);
void ts_v4(struct ike_ts *ts, const char *start, const char *end);
void ts_v6_any(struct ike_ts *ts);

/* SA payloads: from ike_sa() (two proposals), then mutated */
#define SA_BODY		(IKE_HDR_LEN + 4)
#define SA_PROP2	(SA_BODY + 44)

void mk_sa(struct msg_builder *mb);
/* #trans more than transforms: a malformed SA payload. */
void mk_sa_trans_more(struct msg_builder *mb);

#endif /* FLEXSEC_TESTS_MSG_UTIL_H */
