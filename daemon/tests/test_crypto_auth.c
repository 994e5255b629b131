// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the PSK AUTH value and of the NAT detection hash
 * (flexsecd/crypto.c), and of the helpers beside them: random bytes and a
 * constant-time compare. The AUTH value and the hash have no published
 * vector: they were computed independently in Python (hmac, hashlib) when
 * these tests were written.
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

/* --- PSK AUTH, NAT detection, helpers --- */

static void psk_auth_known(void **state)
{
	static const char psk[] = "cisco123";
	static const uint8_t id[] = { 1, 0, 0, 0, 10, 0, 0, 1 };
	uint8_t msg[100], nonce[32], sk_p[32], want[32], got[IKE_MAX_PRF];

	seq(msg, 0, sizeof(msg));
	memset(nonce, 0x77, sizeof(nonce));
	memset(sk_p, 0x33, sizeof(sk_p));
	unhex("e896c32b875e75af5986a79cdfd4b52190374f1a05067d5b9e66e2339c84e5f9",
	      want, sizeof(want));
	assert_int_equal(ike_psk_auth(IKE_PRF_HMAC_SHA2_256,
				      (const uint8_t *)psk, strlen(psk), msg,
				      sizeof(msg), nonce, sizeof(nonce), sk_p,
				      sizeof(sk_p), id, sizeof(id), got), 0);
	assert_memory_equal(got, want, 32);

	/* Another nonce, another value. */
	nonce[0] ^= 1;
	assert_int_equal(ike_psk_auth(IKE_PRF_HMAC_SHA2_256,
				      (const uint8_t *)psk, strlen(psk), msg,
				      sizeof(msg), nonce, sizeof(nonce), sk_p,
				      sizeof(sk_p), id, sizeof(id), got), 0);
	assert_memory_not_equal(got, want, 32);
	assert_int_equal(ike_psk_auth(IKE_PRF_HMAC_MD5, (const uint8_t *)psk,
				      strlen(psk), msg, sizeof(msg), nonce,
				      sizeof(nonce), sk_p, sizeof(sk_p), id,
				      sizeof(id), got), -1);
}

static void nat_hash_known(void **state)
{
	static const uint8_t addr[] = { 192, 0, 2, 1 };
	uint8_t want[20], got[20];

	unhex("644b4575455bd6fcc1efe2be8162a9218e448e5f", want, sizeof(want));
	assert_int_equal(ike_nat_hash(0x0102030405060708ULL, 0, addr,
				      sizeof(addr), 500, got), 0);
	assert_memory_equal(got, want, 20);
}

static void helpers(void **state)
{
	uint8_t a[32], b[32];

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	assert_int_equal(ike_random(a, sizeof(a)), 0);
	assert_int_equal(ike_random(b, sizeof(b)), 0);
	assert_memory_not_equal(a, b, sizeof(a));
	assert_int_equal(ike_random(a, 0), 0);
	assert_true(ike_memeq(a, a, sizeof(a)));
	memcpy(b, a, sizeof(b));
	b[31] ^= 0x40;
	assert_false(ike_memeq(a, b, sizeof(a)));
	assert_true(ike_memeq(a, b, 31));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(psk_auth_known),
		cmocka_unit_test(nat_hash_known),
		cmocka_unit_test(helpers),
	};

	return cmocka_run_group_tests_name("crypto_auth", tests, NULL, NULL);
}
