// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of flexsecd's algorithm tables (flexsecd/algs.c): the IKE
 * algorithms by name and number and in order of preference, the ESP
 * transforms with their names and key lengths in flexsec.ko, and the
 * names of exchanges, payloads, notifies, methods and ID types.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <linux/flexsec.h>

#include "algs.h"
#include "crypto.h"
#include "fxnames.h"
#include "ike_proto.h"

/* --- the algorithm tables --- */

static void algs_tables(void **state)
{
	const struct alg *a;
	unsigned int i;

	a = alg_by_conf(IKE_TT_ENCR, "aes-gcm-256");
	assert_non_null(a);
	assert_true(a->aead);
	assert_int_equal(a->id, IKE_ENCR_AES_GCM_16);
	assert_int_equal(a->keybits, 256);
	assert_int_equal(a->key_len, 36);
	assert_string_equal(a->show, "AES-GCM-256");
	assert_ptr_equal(alg_find(IKE_TT_ENCR, IKE_ENCR_AES_GCM_16, 256), a);
	assert_null(alg_find(IKE_TT_ENCR, IKE_ENCR_AES_GCM_16, 192));
	assert_null(alg_find(IKE_TT_ENCR, IKE_ENCR_AES_CBC, 0));
	a = alg_by_conf(IKE_TT_ENCR, "aes-cbc-192");
	assert_non_null(a);
	assert_int_equal(a->key_len, 24);
	assert_int_equal(a->block, 16);
	assert_string_equal(a->wire, "AES-CBC");
	assert_null(alg_by_conf(IKE_TT_ENCR, "des"));
	assert_null(alg_by_conf(IKE_TT_ENCR, NULL));

	a = alg_by_conf(IKE_TT_INTEG, "sha1");
	assert_non_null(a);
	assert_int_equal(a->icv_len, 12);
	assert_string_equal(a->show, "SHA96");
	a = alg_find(IKE_TT_INTEG, IKE_INTEG_HMAC_SHA2_384_192, 0);
	assert_non_null(a);
	assert_int_equal(a->key_len, 48);
	assert_int_equal(a->icv_len, 24);
	a = alg_by_conf(IKE_TT_PRF, "sha512");
	assert_non_null(a);
	assert_int_equal(a->out_len, 64);
	a = alg_by_conf(IKE_TT_DH, "21");
	assert_non_null(a);
	assert_int_equal(a->dh_len, 132);

	/* Every table in order of preference, every DH group usable. */
	for (i = 1; (a = alg_nth(IKE_TT_DH, i)); i++) {
		assert_true(alg_nth(IKE_TT_DH, i - 1)->strength >= a->strength);
		assert_true(ike_dh_supported(a->id));
	}
	assert_int_equal(i, 7);
	assert_null(alg_nth(IKE_TT_ESN, 0));
	assert_null(alg_nth(99, 0));
	assert_string_equal(dh_show(IKE_DH_MODP_2048),
			    "DH_GROUP_2048_MODP/Group 14");
	assert_string_equal(dh_show(IKE_DH_ECP_256),
			    "DH_GROUP_256_ECP/Group 19");
}

static void algs_esp(void **state)
{
	const struct esp_alg *e;
	char buf[32];

	e = esp_alg_by_conf("esp-gcm");
	assert_non_null(e);
	assert_int_equal(e->type, IKE_TT_ENCR);
	assert_int_equal(e->default_bits, 128);
	assert_true(e->takes_bits);
	e = esp_alg_by_conf("esp-sha256-hmac");
	assert_non_null(e);
	assert_int_equal(e->id, IKE_INTEG_HMAC_SHA2_256_128);
	assert_false(e->takes_bits);
	assert_null(esp_alg_by_conf("esp-md5-hmac"));

	assert_int_equal(esp_kernel_alg(IKE_TT_ENCR, IKE_ENCR_AES_GCM_16, 256),
			 FLEXSEC_ENC_ALG_AES_GCM);
	assert_int_equal(esp_kernel_alg(IKE_TT_ENCR, IKE_ENCR_AES_CBC, 192),
			 FLEXSEC_ENC_ALG_AES_CBC);
	assert_int_equal(esp_kernel_alg(IKE_TT_ENCR,
					IKE_ENCR_CHACHA20_POLY1305, 0),
			 FLEXSEC_ENC_ALG_CHACHA20_POLY1305);
	assert_int_equal(esp_kernel_alg(IKE_TT_INTEG,
					IKE_INTEG_HMAC_SHA2_384_192, 0),
			 FLEXSEC_AUTH_ALG_HMAC_SHA384_192);
	assert_int_equal(esp_kernel_alg(IKE_TT_ENCR, IKE_ENCR_AES_GCM_16, 192),
			 0);
	assert_int_equal(esp_kernel_alg(IKE_TT_ENCR, IKE_ENCR_AES_GCM_8, 128),
			 0);
	assert_int_equal(esp_kernel_alg(IKE_TT_PRF, IKE_PRF_HMAC_SHA2_256, 0),
			 0);
	assert_string_equal(esp_kernel_name(IKE_TT_ENCR, IKE_ENCR_AES_GCM_16,
					    256), "aes-gcm-256");
	assert_string_equal(esp_kernel_name(IKE_TT_ENCR,
					    IKE_ENCR_CHACHA20_POLY1305, 0),
			    "chacha20-poly1305");
	assert_string_equal(esp_kernel_name(IKE_TT_INTEG,
					    IKE_INTEG_HMAC_SHA1_96, 0),
			    "hmac-sha1");
	assert_null(esp_kernel_name(IKE_TT_ENCR, IKE_ENCR_AES_GCM_8, 128));
	assert_int_equal(esp_key_len(IKE_TT_ENCR, IKE_ENCR_AES_GCM_16, 128),
			 20);
	assert_int_equal(esp_key_len(IKE_TT_ENCR, IKE_ENCR_AES_CBC, 192), 24);
	assert_int_equal(esp_key_len(IKE_TT_INTEG,
				     IKE_INTEG_HMAC_SHA2_512_256, 0), 64);
	assert_int_equal(esp_key_len(IKE_TT_PRF, IKE_PRF_HMAC_SHA1, 0), 0);

	assert_string_equal(esp_alg_show(IKE_TT_ENCR, IKE_ENCR_AES_CBC, 256,
					 buf, sizeof(buf)), "esp-aes 256");
	assert_string_equal(esp_alg_show(IKE_TT_ENCR, IKE_ENCR_AES_CBC, 128,
					 buf, sizeof(buf)), "esp-aes");
	assert_string_equal(esp_alg_show(IKE_TT_INTEG,
					 IKE_INTEG_HMAC_SHA2_256_128, 0, buf,
					 sizeof(buf)), "esp-sha256-hmac");
}

/*
 * Each ESP transform goes to flexsec.ko as its algorithm and a key of
 * esp_key_len bytes: the kernel's names table must know that pair (and
 * with the integrity a transform needs), so that AES-GCM-256 is installed
 * with its 36-byte key and never as AES-GCM-128.
 */
static void algs_esp_kernel(void **state)
{
	const struct auth_alg_info *ai;
	const struct enc_alg_info *ei;
	const struct alg *a;
	char want[32];
	unsigned int i;

	for (i = 0; (a = alg_nth(IKE_TT_ENCR, i)); i++) {
		assert_int_equal(esp_kernel_alg(a->type, a->id, a->keybits),
				 a->kernel);
		ei = enc_alg_find(a->kernel, a->key_len);
		assert_non_null(ei);
		assert_string_equal(ei->name, a->conf);
		assert_int_equal(ei->needs_auth, !a->aead);
		assert_string_equal(esp_kernel_name(a->type, a->id, a->keybits),
				    ei->name);
	}
	assert_int_equal(i, 6);
	for (i = 0; (a = alg_nth(IKE_TT_INTEG, i)); i++) {
		ai = auth_alg_find(a->kernel);
		assert_non_null(ai);
		snprintf(want, sizeof(want), "hmac-%s", a->conf);
		assert_string_equal(ai->name, want);
		assert_int_equal(ai->key_len, a->key_len);
		assert_int_equal(ai->icv_bits, a->icv_len * 8);
	}
	assert_int_equal(i, 4);
}

static void algs_names(void **state)
{
	assert_string_equal(exch_name(IKE_SA_INIT), "IKE_SA_INIT");
	assert_string_equal(exch_name(IKE_CREATE_CHILD_SA), "CREATE_CHILD_SA");
	assert_string_equal(payload_name(IKE_PL_SK), "ENCR");
	assert_string_equal(payload_name(IKE_PL_IDI), "IDi");
	assert_string_equal(payload_name(IKE_PL_NOTIFY), "N");
	assert_string_equal(payload_name(IKE_PL_DELETE), "D");
	assert_string_equal(notify_name(IKE_N_NO_PROPOSAL_CHOSEN),
			    "NO_PROPOSAL_CHOSEN");
	assert_string_equal(notify_name(IKE_N_NAT_DETECTION_SOURCE_IP),
			    "NAT_DETECTION_SOURCE_IP");
	assert_non_null(notify_name(12345));
	assert_string_equal(auth_method_name(IKE_AUTH_PSK), "PSK");
	assert_string_equal(auth_method_name(IKE_AUTH_RSA_SIG), "RSA");
	assert_string_equal(id_type_name(IKE_ID_FQDN), "FQDN");
	assert_string_equal(id_type_name(IKE_ID_IPV4_ADDR), "IPv4 address");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(algs_tables),
		cmocka_unit_test(algs_esp),
		cmocka_unit_test(algs_esp_kernel),
		cmocka_unit_test(algs_names),
	};

	return cmocka_run_group_tests_name("algs", tests, NULL, NULL);
}
