/* SPDX-License-Identifier: GPL-2.0 */
/* Pure parsing of command-line values, and the names of flexsec enums. */

#ifndef FLEXSEC_CLI_PARSE_H
#define FLEXSEC_CLI_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Why a value was refused, for the caller to print after the word. */
struct perr {
	char msg[128];
};

/* SPIs 0 to 255 are reserved (RFC 4303 section 2.1). */
#define SPI_RESERVED_MAX	255

struct enc_alg_info {
	const char *name;	/* word on the command line */
	uint32_t alg;		/* enum flexsec_enc_alg */
	size_t key_len;		/* bytes, with the salt for the AEADs */
	size_t salt_len;
	bool needs_auth;	/* not an AEAD: an auth algorithm is required */
};

struct auth_alg_info {
	const char *name;
	const char *alias;	/* the spec's name, with the ICV length */
	uint32_t alg;		/* enum flexsec_auth_alg */
	size_t key_len;
	unsigned int icv_bits;
};

struct addr {
	int family;		/* AF_INET or AF_INET6 */
	size_t len;		/* 4 or 16 */
	uint8_t bytes[16];	/* network byte order */
};

int parse_u64(const char *s, uint64_t max, uint64_t *out, struct perr *e);
int parse_u32(const char *s, uint32_t *out, struct perr *e);
int parse_u8(const char *s, uint8_t *out, struct perr *e);
int parse_spi(const char *s, uint32_t *spi, struct perr *e);
int parse_hex(const char *s, uint8_t *buf, size_t max, size_t *len,
	      struct perr *e);
int parse_dir(const char *s, uint32_t *dir, struct perr *e);
int parse_mode(const char *s, uint32_t *mode, struct perr *e);
int parse_gre_key(const char *s, uint32_t *key, struct perr *e);
int parse_addr(const char *s, struct addr *a, struct perr *e);
int parse_ifname(const char *s, struct perr *e);
int parse_ttl(const char *s, uint8_t *ttl, struct perr *e);
int parse_tos(const char *s, uint8_t *tos, struct perr *e);

const struct enc_alg_info *enc_alg_lookup(const char *name);
const struct auth_alg_info *auth_alg_lookup(const char *name);
int enc_key_check(const struct enc_alg_info *enc, size_t len, struct perr *e);
int auth_key_check(const struct auth_alg_info *auth, size_t len,
		   struct perr *e);

/* The words the command line takes, listed for help and error messages. */
void enc_alg_names(char *buf, size_t size);
void auth_alg_names(char *buf, size_t size);

/* Names of values the kernel reports; NULL when unknown. */
const char *enc_alg_name(uint32_t alg);
/* The name flexsec sa add takes (aes-gcm-128...), from algorithm and key length. */
const char *enc_alg_fullname(uint32_t alg, uint32_t keylen);
const char *auth_alg_name(uint32_t alg);
unsigned int auth_alg_icv_bits(uint32_t alg);
const char *dir_name(uint32_t dir);
const char *mode_name(uint32_t mode);
const char *limit_name(uint32_t limit);

/* True for a word that looks like key material, which is never echoed. */
bool looks_secret(const char *s);

#endif /* FLEXSEC_CLI_PARSE_H */
