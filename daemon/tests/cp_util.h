/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers of the CP tests (test_cp.c, test_cp_wire.c), in cp_util.c. */
#ifndef FLEXSEC_TESTS_CP_UTIL_H
#define FLEXSEC_TESTS_CP_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "cp.h"
#include "msg.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Addresses from text (the test fails on a typo). */
struct in_addr ip4(const char *s);
struct in6_addr ip6(const char *s);
struct ike_cp_prefix6 pfx6(const char *s, uint8_t plen);
struct ike_cp_subnet4 sub4(const char *addr, const char *mask);

/* A payload of type CP with body B. */
struct ike_payload cp_body(const uint8_t *b, size_t len);

/* A CP body written attribute by attribute, for malformed and odd ones. */
struct raw {
	size_t len;
	uint8_t b[8192];
};

void raw_start(struct raw *r, uint8_t type);
void raw_attr(struct raw *r, uint16_t type, const void *v, uint16_t len);
/* R's body parsed into CP, which must succeed. */
void parse_raw(const struct raw *r, struct ike_cp *cp);

/*
 * X into a message (IKE_AUTH, CP then a vendor ID), the message parsed,
 * the CP payload found and parsed: it must give X back. The body is also
 * what ike_cp_put writes. Returns the body's length.
 */
size_t cp_round_trip(const struct ike_cp *x);

/* A CFG_REPLY with at least one value of every kind. */
void full_reply(struct ike_cp *cp);

#endif /* FLEXSEC_TESTS_CP_UTIL_H */
