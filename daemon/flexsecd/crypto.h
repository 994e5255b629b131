/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IKEv2 cryptography on OpenSSL 3 (EVP only): key exchange, PRF, prf+,
 * the IKE SA's keys, child SA key material, the SK payload's protection
 * and the PSK AUTH value. Every buffer that held a secret is wiped with
 * OPENSSL_cleanse before it is freed or goes out of scope.
 */
#ifndef FLEXSECD_CRYPTO_H
#define FLEXSECD_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IKE_MAX_KEY	64	/* largest key of any algorithm, bytes */
#define IKE_MAX_PRF	64	/* largest PRF output */
#define IKE_MAX_DH	1024	/* largest KE public value (MODP 8192) */
#define IKE_MAX_SECRET	1024

/* Random bytes (RAND_bytes); 0 or -1. */
int ike_random(void *buf, size_t len);

/* --- key exchange: MODP 14/15/16 (RFC 3526), ECP 19/20/21 (RFC 5903:
 * public value x|y, secret x), Curve25519 (RFC 8031) --- */
struct ike_dh;
bool ike_dh_supported(uint16_t group);
/* Generates a key pair for GROUP; NULL when unsupported or on failure. */
struct ike_dh *ike_dh_new(uint16_t group);
/* A key pair from a known private value (for test vectors). */
struct ike_dh *ike_dh_new_priv(uint16_t group, const uint8_t *priv,
			       size_t len);
uint16_t ike_dh_group(const struct ike_dh *dh);
/* The public value as the KE payload carries it; its length. */
size_t ike_dh_public(const struct ike_dh *dh, uint8_t *out, size_t cap);
/* The shared secret g^ir from the peer's public value; -1 when the value
 * is malformed (wrong length, not on the curve, 0, 1 or p-1). */
int ike_dh_derive(struct ike_dh *dh, const uint8_t *peer, size_t len,
		  uint8_t *secret, size_t *secret_len);
void ike_dh_free(struct ike_dh *dh);

/* --- PRF (HMAC-SHA1/256/384/512) --- */
size_t ike_prf_len(uint16_t prf);
int ike_prf(uint16_t prf, const uint8_t *key, size_t klen,
	    const uint8_t *data, size_t dlen, uint8_t *out);
/* prf+ (RFC 7296 2.13): OUT_LEN bytes of T1 | T2 | ... */
int ike_prf_plus(uint16_t prf, const uint8_t *key, size_t klen,
		 const uint8_t *seed, size_t slen, uint8_t *out,
		 size_t out_len);

/* --- IKE SA keys (RFC 7296 2.14) --- */
struct ike_suite {
	uint16_t encr;
	uint16_t encr_bits;	/* key length attribute */
	uint16_t integ;		/* IKE_INTEG_NONE for AEAD */
	uint16_t prf;
	uint16_t dh;
};

struct ike_keys {
	uint8_t sk_d[IKE_MAX_PRF];
	uint8_t sk_ai[IKE_MAX_KEY], sk_ar[IKE_MAX_KEY];
	uint8_t sk_ei[IKE_MAX_KEY], sk_er[IKE_MAX_KEY];
	uint8_t sk_pi[IKE_MAX_PRF], sk_pr[IKE_MAX_PRF];
	size_t d_len, a_len, e_len, p_len;
};

/* SKEYSEED = prf(Ni | Nr, g^ir) and its expansion into the seven keys.
 * For a rekeyed IKE SA (later), OLD_SK_D is given and SKEYSEED =
 * prf(SK_d(old), g^ir | Ni | Nr) with the old SA's PRF OLD_PRF. */
int ike_derive_keys(const struct ike_suite *s, const uint8_t *ni, size_t ni_len,
		    const uint8_t *nr, size_t nr_len, const uint8_t *gir,
		    size_t gir_len, uint64_t spi_i, uint64_t spi_r,
		    const uint8_t *old_sk_d, size_t old_len, uint16_t old_prf,
		    struct ike_keys *k);
void ike_keys_wipe(struct ike_keys *k);

/* Child SA KEYMAT = prf+(SK_d, [g^ir (new) |] Ni | Nr), LEN bytes. */
int ike_child_keymat(uint16_t prf, const uint8_t *sk_d, size_t d_len,
		     const uint8_t *gir, size_t gir_len, const uint8_t *ni,
		     size_t ni_len, const uint8_t *nr, size_t nr_len,
		     uint8_t *out, size_t len);

/* --- the SK payload (RFC 7296 3.14, RFC 5282, RFC 7634) ---
 *
 * MSG holds the IKE header and the SK payload's generic header, OFF
 * bytes, with their length fields already final (ike_sk_len gives the SK
 * body's length for a plaintext of PLEN bytes). ike_sk_seal writes IV,
 * ciphertext, padding, pad length and ICV at MSG + OFF. For AEAD the
 * associated data is MSG[0..OFF); for CBC the ICV is the integrity
 * algorithm over everything before it. EK/AK are the sender's keys
 * (SK_ei/SK_ai for the original initiator). */
size_t ike_sk_len(const struct ike_suite *s, size_t plen);
int ike_sk_seal(const struct ike_suite *s, const uint8_t *ek,
		const uint8_t *ak, uint8_t *msg, size_t off,
		const uint8_t *plain, size_t plen);
/* The reverse: MSG is the whole message of LEN bytes, its SK body starts
 * at OFF. Verifies the ICV first (constant time), then decrypts into OUT
 * (at least LEN bytes) and strips the padding; *OUT_LEN is the inner
 * payloads' length. -1 on any failure, without saying which. */
int ike_sk_open(const struct ike_suite *s, const uint8_t *ek,
		const uint8_t *ak, const uint8_t *msg, size_t off, size_t len,
		uint8_t *out, size_t *out_len);

/* --- PSK authentication (RFC 7296 2.15) ---
 * AUTH = prf(prf(PSK, "Key Pad for IKEv2"), <SignedOctets>), with
 * SignedOctets = MSG (the sender's first message) | NONCE (the peer's
 * nonce) | prf(SK_p, ID body). OUT receives prf_len bytes. */
int ike_psk_auth(uint16_t prf, const uint8_t *psk, size_t psk_len,
		 const uint8_t *msg, size_t msg_len, const uint8_t *nonce,
		 size_t nonce_len, const uint8_t *sk_p, size_t p_len,
		 const uint8_t *id_body, size_t id_len, uint8_t *out);

/* NAT_DETECTION_*_IP (RFC 7296 2.23): SHA1(SPIi | SPIr | IP | port). */
int ike_nat_hash(uint64_t spi_i, uint64_t spi_r, const uint8_t *addr,
		 size_t alen, uint16_t port, uint8_t out[20]);

/* Constant-time comparison. */
bool ike_memeq(const void *a, const void *b, size_t len);

#endif /* FLEXSECD_CRYPTO_H */
