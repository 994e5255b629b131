/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The known-answer vectors of the ESP KUnit suite (esp_kunit.c), defined
 * in esp_kunit_vectors.c.
 */
#ifndef _FLEXSEC_ESP_KUNIT_H
#define _FLEXSEC_ESP_KUNIT_H

#include <linux/types.h>

/**
 * struct esp_kat - one known-answer vector
 * @id: number of the vector in this suite
 * @what: source and test case
 * @enc_alg: enum flexsec_enc_alg
 * @auth_alg: enum flexsec_auth_alg, for aes-cbc
 * @key: encryption key, followed by the salt for the AEADs
 * @klen: its length
 * @akey: integrity key, for aes-cbc
 * @aklen: its length
 * @esn: extended sequence numbers
 * @seq: the 64-bit sequence number (the packet carries the low half)
 * @packet: ESP header, IV, ciphertext and ICV (the outer header stripped)
 * @len: its length
 * @plain: payload, padding, pad length and next header
 * @plen: its length
 */
struct esp_kat {
	int id;
	const char *what;
	u32 enc_alg;
	u32 auth_alg;
	const char *key;
	unsigned int klen;
	const char *akey;
	unsigned int aklen;
	bool esn;
	u64 seq;
	const char *packet;
	unsigned int len;
	const char *plain;
	unsigned int plen;
};

/* Every vector of esp_kunit_vectors.c, numbered from 1 in order. */
extern const struct esp_kat flexsec_esp_kats[19];

#endif /* _FLEXSEC_ESP_KUNIT_H */
