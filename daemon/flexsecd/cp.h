/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Configuration payload (RFC 7296 3.15, 2.19): a CFG type and a list
 * of attributes, parsed into one structure and built from it.
 *
 * An attribute of length 0 asks for (in a CFG_REQUEST) or acknowledges
 * (in a CFG_ACK) its kind: it sets the kind's bit in asked. An attribute
 * with a value adds it to its kind's list (addresses, servers, subnets) or
 * sets it (netmask, texts). Known attributes must have the length RFC 7296
 * gives them, subnet masks must be contiguous and IPv6 prefix lengths at
 * most 128: anything else fails with INVALID_SYNTAX. Unknown attributes
 * are counted and skipped, as are values beyond a list's maximum or a
 * second value of a single-valued kind: neither fails.
 *
 * The texts point into the payload; a struct ike_cp owns no memory.
 * Building writes the asked attributes with length 0 and every value, so
 * that parsing what was built gives the structure back (ike_cp_equal).
 */
#ifndef FLEXSECD_CP_H
#define FLEXSECD_CP_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "msg.h"

#define IKE_CP_HDR_LEN		4	/* CFG type, 3 reserved bytes */
#define IKE_CP_ATTR_HDR_LEN	4	/* type, length */

#define IKE_CP_MAX_ADDRS	4	/* internal addresses, per family */
#define IKE_CP_MAX_SERVERS	16	/* DNS, NBNS, DHCP, per kind */
#define IKE_CP_MAX_SUBNETS	64	/* protected subnets, per family */
#define IKE_CP_MAX_SUPPORTED	32	/* types in SUPPORTED_ATTRIBUTES */
#define IKE_CP_MAX_DOMAIN	253	/* a domain name's text */
#define IKE_CP_MAX_PLEN		128

/* The kinds of attribute understood, for asked and ike_cp_kind_type(). */
enum ike_cp_kind {
	IKE_CP_IP4_ADDR,
	IKE_CP_IP4_MASK,
	IKE_CP_IP4_DNS,
	IKE_CP_IP4_NBNS,
	IKE_CP_IP4_DHCP,
	IKE_CP_APP_VERSION,
	IKE_CP_IP6_ADDR,
	IKE_CP_IP6_DNS,
	IKE_CP_IP6_DHCP,
	IKE_CP_IP4_SUBNET,
	IKE_CP_SUPPORTED,
	IKE_CP_IP6_SUBNET,
	IKE_CP_DEF_DOMAIN,	/* Cisco Unity's default domain */
	IKE_CP_NKINDS,
};
#define IKE_CP_BIT(kind)	(1u << (kind))
#define IKE_CP_ALL		(IKE_CP_BIT(IKE_CP_NKINDS) - 1)

/* An IPv6 address with its prefix length, or a subnet. */
struct ike_cp_prefix6 {
	struct in6_addr addr;
	uint8_t plen;
};

struct ike_cp_subnet4 {
	struct in_addr addr;
	struct in_addr mask;	/* contiguous */
};

struct ike_cp {
	uint8_t type;		/* IKE_CFG_REQUEST .. IKE_CFG_ACK */
	uint16_t asked;		/* IKE_CP_BIT(kind): an attribute of length 0 */

	unsigned int n_ip4_addr;
	struct in_addr ip4_addr[IKE_CP_MAX_ADDRS];
	bool have_ip4_mask;
	struct in_addr ip4_mask;	/* contiguous */
	unsigned int n_dns4, n_nbns4, n_dhcp4;
	struct in_addr dns4[IKE_CP_MAX_SERVERS];
	struct in_addr nbns4[IKE_CP_MAX_SERVERS];
	struct in_addr dhcp4[IKE_CP_MAX_SERVERS];
	unsigned int n_subnet4;
	struct ike_cp_subnet4 subnet4[IKE_CP_MAX_SUBNETS];

	unsigned int n_ip6_addr;
	struct ike_cp_prefix6 ip6_addr[IKE_CP_MAX_ADDRS];
	unsigned int n_dns6, n_dhcp6;
	struct in6_addr dns6[IKE_CP_MAX_SERVERS];
	struct in6_addr dhcp6[IKE_CP_MAX_SERVERS];
	unsigned int n_subnet6;
	struct ike_cp_prefix6 subnet6[IKE_CP_MAX_SUBNETS];

	unsigned int n_supported;
	uint16_t supported[IKE_CP_MAX_SUPPORTED];	/* attribute types */

	/*
	 * Texts, not NUL-terminated; length 0 when there is none. The
	 * application version is meant to be printable ASCII, which is not
	 * enforced: print it with care.
	 */
	const uint8_t *app_version;
	uint16_t app_version_len;
	const uint8_t *def_domain;
	uint16_t def_domain_len;	/* at most IKE_CP_MAX_DOMAIN */

	unsigned int n_unknown;	/* attributes of other types, skipped */
	unsigned int n_dropped;	/* values beyond a maximum, or repeated */
};

/* One attribute as it is on the wire, the reserved bit cleared. */
struct ike_cp_attr {
	uint16_t type;
	uint16_t len;
	const uint8_t *value;
};

/*
 * The attribute of the CP body P at *OFF (IKE_CP_HDR_LEN for the first
 * one), advancing *OFF past it: 1 when there was one, 0 at the end of the
 * body, -1 with E set when its header or its value runs past the end.
 * Lengths are not checked against the type: ike_parse_cp() does that.
 */
int ike_cp_next_attr(const struct ike_payload *p, size_t *off,
		     struct ike_cp_attr *a, struct parse_err *e);

/* The CP body of P into CP: 0, or -1 with E set (INVALID_SYNTAX). */
int ike_parse_cp(const struct ike_payload *p, struct ike_cp *cp,
		 struct parse_err *e);

/*
 * The CP body for CP appended to B: the asked attributes with length 0,
 * then the values, kind by kind. Returns 0, or -1 with B's err set:
 * EINVAL for a structure that would not parse (a CFG type out of range,
 * a count over its maximum, a mask not contiguous, a prefix length over
 * 128, a text without its pointer, a domain over IKE_CP_MAX_DOMAIN).
 */
int ike_cp_put(struct buf *b, const struct ike_cp *cp);

/* The CP payload for CP appended to MB's message: 0 or -1 (MB's err). */
int ike_add_cp(struct msg_builder *mb, const struct ike_cp *cp);

/*
 * Whether A and B hold the same CFG type, asked bits and values (the
 * texts compared by contents); the two counters are not compared.
 */
bool ike_cp_equal(const struct ike_cp *a, const struct ike_cp *b);

/* The attribute type of KIND (IKE_CFG_INTERNAL_IP4_ADDRESS, ...). */
uint16_t ike_cp_kind_type(enum ike_cp_kind kind);

#endif /* FLEXSECD_CP_H */
