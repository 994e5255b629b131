// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the PRFs of flexsecd's cryptography (flexsecd/crypto.c):
 * PRF-HMAC-SHA-256/384/512 with the vectors of RFC 4868 section 2.7.1,
 * the output lengths, and prf+. prf+ of SHA-256 and SHA-512 has no
 * published vector: its values were computed independently in Python
 * (hmac, hashlib) when these tests were written.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "algs.h"
#include "crypto.h"
#include "crypto_util.h"
#include "ike_proto.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* --- PRF: RFC 4868 section 2.7.1 --- */

struct prf_case {
	const char *key;	/* hex, or NULL with KEY_BYTE * KEY_LEN */
	uint8_t key_byte;
	size_t key_len;
	const char *data;
	const char *sha256, *sha384, *sha512;
};

static const struct prf_case prf_cases[] = {
	{
		/* PRF-1 */
		NULL, 0x0b, 20, "Hi There",
		"b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
		"afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c"
		"faea9ea9076ede7f4af152e8b2fa9cb6",
		"87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
		"daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
	},
	{
		/* PRF-2 */
		"4a656665", 0, 0, "what do ya want for nothing?",
		"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
		"af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
		"8e2240ca5e69e2c78b3239ecfab21649",
		"164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
		"9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
	},
	{
		/* PRF-5 */
		NULL, 0xaa, 131,
		"Test Using Larger Than Block-Size Key - Hash Key First",
		"60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
		"4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c6"
		"0c2ef6ab4030fe8296248df163f44952",
		"80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
		"6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598",
	},
	{
		/* PRF-6 */
		NULL, 0xaa, 131,
		"This is a test using a larger than block-size key and a larger "
		"than block-size data. The key needs to be hashed before being "
		"used by the HMAC algorithm.",
		"9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
		"6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5"
		"a678cc31e799176d3860e6110c46523e",
		"e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944"
		"b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58",
	},
};

static void check_prf(uint16_t prf, const uint8_t *key, size_t klen,
		      const uint8_t *data, size_t dlen, const char *hex)
{
	uint8_t want[IKE_MAX_PRF], got[IKE_MAX_PRF];
	size_t n = unhex(hex, want, sizeof(want));

	assert_int_equal(ike_prf_len(prf), n);
	memset(got, 0, sizeof(got));
	assert_int_equal(ike_prf(prf, key, klen, data, dlen, got), 0);
	assert_memory_equal(got, want, n);
}

static void prf_rfc4868(void **state)
{
	uint8_t key[256], data[64];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(prf_cases); i++) {
		const struct prf_case *c = &prf_cases[i];
		size_t klen;

		if (c->key) {
			klen = unhex(c->key, key, sizeof(key));
		} else {
			klen = c->key_len;
			memset(key, c->key_byte, klen);
		}
		check_prf(IKE_PRF_HMAC_SHA2_256, key, klen,
			  (const uint8_t *)c->data, strlen(c->data),
			  c->sha256);
		check_prf(IKE_PRF_HMAC_SHA2_384, key, klen,
			  (const uint8_t *)c->data, strlen(c->data),
			  c->sha384);
		check_prf(IKE_PRF_HMAC_SHA2_512, key, klen,
			  (const uint8_t *)c->data, strlen(c->data),
			  c->sha512);
	}

	/* PRF-3: 0xaa * 20, 0xdd * 50; PRF-4: 0x01..0x19, 0xcd * 50 */
	memset(key, 0xaa, 20);
	memset(data, 0xdd, 50);
	check_prf(IKE_PRF_HMAC_SHA2_256, key, 20, data, 50,
		  "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
	for (i = 0; i < 25; i++)
		key[i] = (uint8_t)(i + 1);
	memset(data, 0xcd, 50);
	check_prf(IKE_PRF_HMAC_SHA2_256, key, 25, data, 50,
		  "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
}

static void prf_lengths(void **state)
{
	uint8_t out[IKE_MAX_PRF];

	assert_int_equal(ike_prf_len(IKE_PRF_HMAC_SHA1), 20);
	assert_int_equal(ike_prf_len(IKE_PRF_HMAC_SHA2_256), 32);
	assert_int_equal(ike_prf_len(IKE_PRF_HMAC_SHA2_384), 48);
	assert_int_equal(ike_prf_len(IKE_PRF_HMAC_SHA2_512), 64);
	assert_int_equal(ike_prf_len(IKE_PRF_HMAC_MD5), 0);
	assert_int_equal(ike_prf_len(999), 0);
	assert_int_equal(ike_prf(IKE_PRF_HMAC_MD5, out, 4, out, 4, out), -1);
}

/* --- prf+ --- */

static const char prfp_sha256[] =
	"6fd5b362e7f1e867087a0991e3ec7c78173b158e9d15e2231d1cbec741fde14e"
	"d7b033141bf7ffc7400fb83bc4b847d274c7586baf8a4cfb4c4e1311ef796a6d"
	"ae5fdc582e8c0420ef87c1ec7fb94c55aa1dee731bab5e759d258a41e5469772"
	"b4c59702";

static const char prfp_sha512[] =
	"222dc9a86b5aaebf6829767c9b2a74a1b63c6b53f24355c29a0b9bd7ac087d7f"
	"20cca749171535ba0c6b21804d5e793fd68b434f5d251c6636e1a4ca0b733489"
	"1a9929f38b3f3d16459eedafd187069c41c75b6a707ba9e160ca68cb53450b9d"
	"beb0e5271a4e2d2ea8793505dc846ab3b0043f91b81a76ca10d1d1350f08f04d"
	"ec2b4ff576af37908d141f526c44627ad4b9600456f1";

static void prf_plus_known(void **state)
{
	static const char seed[] = "flexsec prf+ seed";
	uint8_t key[64], want[256], got[256];
	size_t n, i;

	for (i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)i;

	n = unhex(prfp_sha256, want, sizeof(want));
	assert_int_equal(n, 100);
	assert_int_equal(ike_prf_plus(IKE_PRF_HMAC_SHA2_256, key, 32,
				      (const uint8_t *)seed, strlen(seed), got,
				      n), 0);
	assert_memory_equal(got, want, n);
	/* A shorter output is a prefix of the longer one. */
	memset(got, 0, sizeof(got));
	assert_int_equal(ike_prf_plus(IKE_PRF_HMAC_SHA2_256, key, 32,
				      (const uint8_t *)seed, strlen(seed), got,
				      45), 0);
	assert_memory_equal(got, want, 45);
	assert_int_equal(got[45], 0);

	n = unhex(prfp_sha512, want, sizeof(want));
	assert_int_equal(n, 150);
	assert_int_equal(ike_prf_plus(IKE_PRF_HMAC_SHA2_512, key, 64,
				      (const uint8_t *)seed, strlen(seed), got,
				      n), 0);
	assert_memory_equal(got, want, n);
}

static void prf_plus_limits(void **state)
{
	static uint8_t out[255 * 20 + 1];
	uint8_t key[20] = { 1 };

	/* At most 255 blocks. */
	assert_int_equal(ike_prf_plus(IKE_PRF_HMAC_SHA1, key, 20, key, 20,
				      out, 255 * 20), 0);
	assert_int_equal(ike_prf_plus(IKE_PRF_HMAC_SHA1, key, 20, key, 20,
				      out, 255 * 20 + 1), -1);
	assert_int_equal(ike_prf_plus(IKE_PRF_HMAC_MD5, key, 20, key, 20,
				      out, 16), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(prf_rfc4868),
		cmocka_unit_test(prf_lengths),
		cmocka_unit_test(prf_plus_known),
		cmocka_unit_test(prf_plus_limits),
	};

	return cmocka_run_group_tests_name("crypto_prf", tests, NULL, NULL);
}
