// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the checks kmi_sa_add makes before it asks flexsec.ko
 * (flexsecd/kmi_sa.c): the algorithm is one of the module's, the key has a
 * length the module gives that algorithm, and an integrity algorithm goes
 * with the encryption exactly when it must. A refused SA never reaches the
 * sockets, so the interface needs none here.
 */

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <linux/flexsec.h>

#include "algs.h"
#include "ike_proto.h"
#include "kmi_int.h"

static struct kmi k;

/* An SA as child.c fills it, for the ESP transform ENCR/BITS + INTEG. */
static void esp_sa(struct kmi_sa *sa, uint16_t encr, uint16_t bits,
		   uint16_t integ)
{
	memset(sa, 0, sizeof(*sa));
	sa->ifindex = 1;
	sa->inbound = true;
	sa->spi = 0x1000;
	sa->enc_alg = esp_kernel_alg(IKE_TT_ENCR, encr, bits);
	sa->enc_key_len = esp_key_len(IKE_TT_ENCR, encr, bits);
	if (integ) {
		sa->auth_alg = esp_kernel_alg(IKE_TT_INTEG, integ, 0);
		sa->auth_key_len = esp_key_len(IKE_TT_INTEG, integ, 0);
	}
}

/* kmi_sa_add refuses SA with -EINVAL and the message WANT. */
static void refused(const struct kmi_sa *sa, const char *want)
{
	const char *msg = NULL;

	memset(&k, 0, sizeof(k));
	assert_int_equal(kmi_sa_add(&k, sa, &msg), -EINVAL);
	assert_ptr_equal(msg, k.err);
	assert_string_equal(msg, want);
}

static void unknown_algorithms(void **state)
{
	struct kmi_sa sa;

	esp_sa(&sa, IKE_ENCR_AES_GCM_8, 128, 0);
	assert_int_equal(sa.enc_alg, 0);
	refused(&sa, "flexsec.ko has no encryption algorithm 0");
	sa.enc_alg = 99;
	sa.enc_key_len = 16;
	refused(&sa, "flexsec.ko has no encryption algorithm 99");

	esp_sa(&sa, IKE_ENCR_AES_CBC, 256, IKE_INTEG_HMAC_SHA2_256_128);
	sa.auth_alg = 99;
	refused(&sa, "flexsec.ko has no integrity algorithm 99");
}

/* AES-GCM takes 20 or 36 bytes (key and salt), AES-CBC 16, 24 or 32. */
static void key_lengths(void **state)
{
	struct kmi_sa sa;

	esp_sa(&sa, IKE_ENCR_AES_GCM_16, 256, 0);
	assert_int_equal(sa.enc_alg, FLEXSEC_ENC_ALG_AES_GCM);
	assert_int_equal(sa.enc_key_len, 36);
	sa.enc_key_len = 32;
	refused(&sa, "aes-gcm takes no 32-byte key");
	sa.enc_key_len = 16;
	refused(&sa, "aes-gcm takes no 16-byte key");

	esp_sa(&sa, IKE_ENCR_CHACHA20_POLY1305, 0, 0);
	sa.enc_key_len = 32;
	refused(&sa, "chacha20-poly1305 takes no 32-byte key");

	esp_sa(&sa, IKE_ENCR_AES_CBC, 192, IKE_INTEG_HMAC_SHA2_256_128);
	assert_int_equal(sa.enc_key_len, 24);
	sa.enc_key_len = 20;
	refused(&sa, "aes-cbc takes no 20-byte key");

	esp_sa(&sa, IKE_ENCR_AES_CBC, 128, IKE_INTEG_HMAC_SHA2_256_128);
	assert_int_equal(sa.auth_alg, FLEXSEC_AUTH_ALG_HMAC_SHA256_128);
	assert_int_equal(sa.auth_key_len, 32);
	sa.auth_key_len = 20;
	refused(&sa, "hmac-sha256 takes a 32-byte key, not 20");
}

static void integrity_pairing(void **state)
{
	struct kmi_sa sa;

	esp_sa(&sa, IKE_ENCR_AES_GCM_16, 128, 0);
	sa.auth_alg = FLEXSEC_AUTH_ALG_HMAC_SHA1_96;
	sa.auth_key_len = 20;
	refused(&sa, "aes-gcm-128 is an AEAD: no integrity algorithm goes with it");

	esp_sa(&sa, IKE_ENCR_AES_CBC, 128, 0);
	assert_int_equal(sa.auth_alg, 0);
	refused(&sa, "aes-cbc-128 needs an integrity algorithm");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(unknown_algorithms),
		cmocka_unit_test(key_lengths),
		cmocka_unit_test(integrity_pairing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
