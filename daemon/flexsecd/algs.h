/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The algorithms flexsecd knows: their IKEv2 transform IDs, the names the
 * configuration uses (IOS keywords), the names show and debug print (IOS
 * style), their key and ICV lengths, and for ESP the algorithm of
 * flexsec.ko that implements them. One table per transform type.
 */
#ifndef FLEXSECD_ALGS_H
#define FLEXSECD_ALGS_H

#include <stdbool.h>
#include <stdint.h>

struct alg {
	uint8_t type;		/* IKE_TT_* */
	uint16_t id;		/* transform ID */
	uint16_t keybits;	/* key length attribute, 0 when none */
	const char *conf;	/* configuration keyword: "aes-cbc-256" */
	const char *show;	/* show/debug name: "AES-CBC-256" */
	const char *wire;	/* packet debug name: "AES-CBC", "SHA256" */
	bool aead;		/* ENCR: combined mode */
	uint16_t key_len;	/* ENCR: key bytes incl. salt; INTEG: key bytes */
	uint16_t iv_len;	/* ENCR: IV bytes in the SK payload / ESP */
	uint16_t block;		/* ENCR: padding block; 1 for AEAD */
	uint16_t icv_len;	/* ENCR (AEAD) or INTEG: ICV bytes */
	uint16_t out_len;	/* PRF: output bytes */
	uint16_t dh_len;	/* DH: public value bytes in the KE payload */
	uint16_t strength;	/* relative order of preference, higher first */
	uint32_t kernel;	/* ESP: flexsec.ko's enum flexsec_enc_alg (ENCR)
				 * or flexsec_auth_alg (INTEG); 0: none
				 */
};

/* IKE SA algorithms (transform IDs as negotiated for IKE). */
const struct alg *alg_find(uint8_t type, uint16_t id, uint16_t keybits);
/* By configuration keyword, for "crypto ikev2 proposal" lines. */
const struct alg *alg_by_conf(uint8_t type, const char *word);
/* The n-th entry of a type, to iterate (NULL past the end). */
const struct alg *alg_nth(uint8_t type, unsigned int n);

/* ESP transforms of "crypto ipsec transform-set": "esp-gcm" [128|192|256],
 * "esp-aes" [128|192|256], "esp-sha-hmac", "esp-sha256-hmac",
 * "esp-sha384-hmac", "esp-sha512-hmac", "esp-chacha20-poly1305"... */
struct esp_alg {
	const char *conf;	/* "esp-aes" */
	uint8_t type;		/* IKE_TT_ENCR or IKE_TT_INTEG */
	uint16_t id;
	uint16_t default_bits;	/* when no key size follows: 128 */
	bool takes_bits;	/* accepts 128|192|256 after it */
};
const struct esp_alg *esp_alg_by_conf(const char *word);
/* The ESP transform's name in "show crypto ipsec transform-set" style
 * ("esp-aes 256", "esp-sha256-hmac"), in BUF. */
const char *esp_alg_show(uint8_t type, uint16_t id, uint16_t keybits,
			 char *buf, unsigned int len);
/* ESP algorithm as flexsec.ko's enum: FLEXSEC_ENC_ALG_* for ENCR,
 * FLEXSEC_AUTH_ALG_* for INTEG, to take a key of esp_key_len bytes; 0
 * when the kernel has no such algorithm. */
uint32_t esp_kernel_alg(uint8_t type, uint16_t id, uint16_t keybits);
/* Its name in flexsec.ko's words ("aes-gcm-128", "hmac-sha256"), for
 * messages; NULL when the kernel has no such algorithm. */
const char *esp_kernel_name(uint8_t type, uint16_t id, uint16_t keybits);
/* ESP key bytes (with salt). */
unsigned int esp_key_len(uint8_t type, uint16_t id, uint16_t keybits);

/* Short names for messages: exchange types, payload types (as packet
 * debug prints them: "SA", "KE", "N", "IDi", "ENCR"...), notify types
 * ("NO_PROPOSAL_CHOSEN"), DH group ("DH_GROUP_2048_MODP/Group 14"). */
const char *exch_name(uint8_t exch);
const char *payload_name(uint8_t type);
const char *notify_name(uint16_t type);
const char *dh_show(uint16_t group);
const char *auth_method_name(uint8_t method);	/* "PSK", "RSA" */
const char *id_type_name(uint8_t type);		/* "IPv4 address", "FQDN" */

#endif /* FLEXSECD_ALGS_H */
