/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The names of flexsec.ko's algorithms and enums: the words "flexsec sa
 * add" takes and flexsecd installs SAs with ("aes-gcm-128", "hmac-sha256"),
 * their key lengths, and the names of the values the kernel reports.
 */

#ifndef FLEXSEC_FXNAMES_H
#define FLEXSEC_FXNAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct enc_alg_info {
	const char *name;	/* "aes-gcm-128" */
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

/* By name (or, for integrity, alias); NULL when unknown. */
const struct enc_alg_info *enc_alg_lookup(const char *name);
const struct auth_alg_info *auth_alg_lookup(const char *name);
/*
 * By the kernel's value: an encryption algorithm with a key of KEY_LEN
 * bytes, an integrity algorithm; NULL when flexsec.ko has no such one.
 */
const struct enc_alg_info *enc_alg_find(uint32_t alg, size_t key_len);
const struct auth_alg_info *auth_alg_find(uint32_t alg);

/* The names, "|"-separated, for help and error messages. */
void enc_alg_names(char *buf, size_t size);
void auth_alg_names(char *buf, size_t size);

/* Names of values the kernel reports; NULL when unknown. */
const char *enc_alg_name(uint32_t alg);
/* The full name (aes-gcm-128...), from algorithm and key length. */
const char *enc_alg_fullname(uint32_t alg, uint32_t keylen);
const char *auth_alg_name(uint32_t alg);
unsigned int auth_alg_icv_bits(uint32_t alg);
const char *dir_name(uint32_t dir);
const char *mode_name(uint32_t mode);
const char *limit_name(uint32_t limit);

#endif /* FLEXSEC_FXNAMES_H */
