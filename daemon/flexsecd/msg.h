/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IKEv2 messages: validate, then parse; and build.
 *
 * Parsing never trusts a length: the header is checked against the
 * datagram, each payload's generic header against what is left, and each
 * payload's body against its own format before any field is read. A
 * parse error returns -1 with a static description in *err (for the
 * debug line and the counters) and, where RFC 7296 says so, the notify
 * to answer with in *notify (INVALID_SYNTAX, UNSUPPORTED_CRITICAL_PAYLOAD
 * with the payload type in *notify_data).
 *
 * The parsed structures point into the datagram (or into the decrypted
 * buffer); they own no memory.
 */
#ifndef FLEXSECD_MSG_H
#define FLEXSECD_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "ike_proto.h"

#define IKE_MAX_PAYLOADS	48
#define IKE_MAX_PROPOSALS	16
#define IKE_MAX_TRANSFORMS	48
#define IKE_MAX_TS		16
#define IKE_MAX_SPI_LEN		8

struct ike_hdr {
	uint64_t ispi;
	uint64_t rspi;
	uint8_t np;		/* first payload */
	uint8_t version;
	uint8_t exch;
	uint8_t flags;
	uint32_t msgid;
	uint32_t length;
};

/* One payload of a chain: type, critical bit, body after the 4-byte
 * generic header. For SK, body is IV | ciphertext | ICV and inner_np the
 * type of the first payload inside. */
struct ike_payload {
	uint8_t type;
	bool critical;
	const uint8_t *body;
	size_t len;
	uint8_t inner_np;	/* SK only */
};

struct ike_msg {
	struct ike_hdr hdr;
	const uint8_t *raw;	/* the whole datagram */
	size_t raw_len;
	unsigned int n;
	struct ike_payload pl[IKE_MAX_PAYLOADS];
};

struct parse_err {
	const char *err;	/* what was wrong */
	uint16_t notify;	/* notify to answer with, 0 for none */
	uint8_t notify_data;	/* UNSUPPORTED_CRITICAL_PAYLOAD: the type */
};

/* The 28-byte header: version 2.x, length matching LEN (and not more than
 * IKE_MAX_MSG), no reserved flag bits demanded. */
int ike_parse_hdr(const uint8_t *buf, size_t len, struct ike_hdr *h,
		  struct parse_err *e);

/* The payload chain starting with type NP in BUF..BUF+LEN into M's
 * payload array (appended after M->n entries already there). Known
 * payloads are kept; unknown ones with the critical bit fail with
 * UNSUPPORTED_CRITICAL_PAYLOAD, without it are skipped. SK must be the
 * last payload of the chain. Lengths must add up exactly. */
int ike_parse_chain(uint8_t np, const uint8_t *buf, size_t len,
		    struct ike_msg *m, struct parse_err *e);

/* Header and outer chain of a whole datagram. */
int ike_parse_msg(const uint8_t *buf, size_t len, struct ike_msg *m,
		  struct parse_err *e);

/* The first payload of TYPE in M, or NULL; and the count of them. */
const struct ike_payload *ike_find(const struct ike_msg *m, uint8_t type);
unsigned int ike_count(const struct ike_msg *m, uint8_t type);

/* --- payload bodies --- */

struct ike_transform {
	uint8_t type;
	uint16_t id;
	uint16_t keybits;	/* 0 when the attribute is absent */
	bool unknown_attr;	/* an attribute other than key length */
};

struct ike_proposal {
	uint8_t num;
	uint8_t proto;		/* IKE_PROTO_* */
	uint8_t spi_size;
	uint8_t spi[IKE_MAX_SPI_LEN];
	unsigned int n;
	struct ike_transform tr[IKE_MAX_TRANSFORMS];
};

struct ike_sa_pl {
	unsigned int n;
	struct ike_proposal prop[IKE_MAX_PROPOSALS];
};

struct ike_ke_pl {
	uint16_t group;
	const uint8_t *data;
	size_t len;
};

struct ike_id_pl {
	uint8_t type;
	const uint8_t *data;	/* identification data */
	size_t len;
	const uint8_t *body;	/* the whole body, for AUTH ("RestOfIDPayload") */
	size_t body_len;
};

struct ike_auth_pl {
	uint8_t method;
	const uint8_t *data;
	size_t len;
};

struct ike_notify_pl {
	uint8_t proto;
	uint8_t spi_size;
	const uint8_t *spi;
	uint16_t type;
	const uint8_t *data;
	size_t len;
};

struct ike_delete_pl {
	uint8_t proto;
	uint8_t spi_size;
	uint16_t n;
	const uint8_t *spis;	/* n * spi_size bytes */
};

struct ike_ts {
	uint8_t type;		/* IKE_TS_IPV4/6_ADDR_RANGE */
	uint8_t proto;		/* IP protocol, 0 for any */
	uint16_t sport, eport;
	uint8_t alen;		/* 4 or 16 */
	uint8_t start[16], end[16];
};

struct ike_ts_pl {
	unsigned int n;
	struct ike_ts ts[IKE_MAX_TS];
};

/* Each returns 0, or -1 with E set (notify INVALID_SYNTAX) when the body
 * does not hold together: wrong lengths, counts that do not add up,
 * last-substructure flags wrong, ranges reversed, nonce out of 16..256. */
int ike_parse_sa(const struct ike_payload *p, struct ike_sa_pl *sa,
		 struct parse_err *e);
int ike_parse_ke(const struct ike_payload *p, struct ike_ke_pl *ke,
		 struct parse_err *e);
int ike_parse_nonce(const struct ike_payload *p, const uint8_t **nonce,
		    size_t *len, struct parse_err *e);
int ike_parse_id(const struct ike_payload *p, struct ike_id_pl *id,
		 struct parse_err *e);
int ike_parse_auth(const struct ike_payload *p, struct ike_auth_pl *a,
		   struct parse_err *e);
int ike_parse_notify(const struct ike_payload *p, struct ike_notify_pl *n,
		     struct parse_err *e);
int ike_parse_delete(const struct ike_payload *p, struct ike_delete_pl *d,
		     struct parse_err *e);
int ike_parse_ts(const struct ike_payload *p, struct ike_ts_pl *ts,
		 struct parse_err *e);

/* The notify of TYPE in M (parsed), or -1 when there is none. */
int ike_find_notify(const struct ike_msg *m, uint16_t type,
		    struct ike_notify_pl *n);

/* --- building ---
 *
 * A message is built into a struct buf: ike_build_hdr writes the header,
 * then each ike_add_* appends a payload and patches the previous one's
 * next-payload field (or the header's). ike_build_end writes the total
 * length. Inner payloads of an SK payload are built the same way into a
 * separate struct msg_builder whose first_np is then given to the SK.
 */
struct msg_builder {
	struct buf b;
	size_t np_off;		/* where the next "next payload" byte goes */
	uint8_t first_np;	/* type of the first payload added */
	bool has_hdr;
};

void mb_init(struct msg_builder *mb);
void mb_free(struct msg_builder *mb);
int ike_build_hdr(struct msg_builder *mb, const struct ike_hdr *h);
/* Appends a payload with BODY (LEN bytes); returns 0 or -1 (ENOMEM). */
int ike_add_payload(struct msg_builder *mb, uint8_t type, bool critical,
		    const void *body, size_t len);
int ike_add_sa(struct msg_builder *mb, const struct ike_sa_pl *sa);
int ike_add_ke(struct msg_builder *mb, uint16_t group, const uint8_t *pub,
	       size_t len);
int ike_add_nonce(struct msg_builder *mb, const uint8_t *n, size_t len);
int ike_add_id(struct msg_builder *mb, uint8_t pl_type, uint8_t id_type,
	       const uint8_t *data, size_t len);
int ike_add_auth(struct msg_builder *mb, uint8_t method, const uint8_t *data,
		 size_t len);
int ike_add_notify(struct msg_builder *mb, uint8_t proto, const uint8_t *spi,
		   uint8_t spi_size, uint16_t type, const void *data,
		   size_t len);
int ike_add_delete(struct msg_builder *mb, uint8_t proto, uint8_t spi_size,
		   const uint8_t *spis, uint16_t n);
int ike_add_ts(struct msg_builder *mb, uint8_t pl_type,
	       const struct ike_ts_pl *ts);
int ike_add_vendor(struct msg_builder *mb, const void *vid, size_t len);
/* Appends the SK payload, which must be the last one: its next-payload
 * field is INNER_NP (the inner builder's first_np), not patched later.
 * With BODY NULL, LEN zero bytes are reserved for IV, ciphertext and ICV
 * to be written in place. */
int ike_add_sk(struct msg_builder *mb, uint8_t inner_np, const void *body,
	       size_t len);
/* Patches the header's length field with the buffer's length. */
int ike_build_end(struct msg_builder *mb);

/* --- debug --- */

/* "debug crypto ikev2 packet": the message in the style of IOS's packet
 * debug ("Next payload: SA, version: 2.0 Exchange type: IKE_SA_INIT,
 * flags: INITIATOR Message id: 0, length: 464", then a line per payload
 * and per proposal/transform/TS), written through OUT; with HEXDUMP the
 * payload bodies in hex too. M's payloads are those parsed (for an
 * encrypted message, the decrypted inner ones). */
/* Each call of OUT is one line, without a trailing newline. */
typedef void (*print_fn)(void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ike_print_msg(const struct ike_msg *m, bool hexdump, print_fn out,
		   void *ctx);
/* "Payload contents:\n SA KE N VID NOTIFY(NAT_DETECTION_SOURCE_IP)" */
void ike_print_summary(const struct ike_msg *m, print_fn out, void *ctx);
/* Hex in rows of 16 bytes, as IOS prints them. */
void ike_print_hex(const uint8_t *p, size_t len, print_fn out, void *ctx);

#endif /* FLEXSECD_MSG_H */
