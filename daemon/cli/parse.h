/* SPDX-License-Identifier: GPL-2.0 */
/* Pure parsing of command-line values. */

#ifndef FLEXSEC_CLI_PARSE_H
#define FLEXSEC_CLI_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fxnames.h"

/* Why a value was refused, for the caller to print after the word. */
struct perr {
	char msg[128];
};

/* SPIs 0 to 255 are reserved (RFC 4303 section 2.1). */
#define SPI_RESERVED_MAX	255

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

int enc_key_check(const struct enc_alg_info *enc, size_t len, struct perr *e);
int auth_key_check(const struct auth_alg_info *auth, size_t len,
		   struct perr *e);

/* True for a word that looks like key material, which is never echoed. */
bool looks_secret(const char *s);

#endif /* FLEXSEC_CLI_PARSE_H */
