// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of flexsecd's key derivation (flexsecd/crypto.c): the keys of
 * IKE SAs and child SAs with the NIST CAVP SP 800-135 IKEv2 KDF vector
 * (SHA-1, COUNT 0 of ikev2.rsp: SKEYSEED, DKM, DKM child SA, DKM child SA
 * with DH, SKEYSEED for a rekey), and the suites it refuses. The rekeyed
 * DKM and the SHA-256 key derivation have no published vector: they were
 * computed independently in Python (hmac, hashlib) when these tests were
 * written.
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

/* --- IKE SA and child SA keys: NIST CAVP SP 800-135 IKEv2, SHA-1 --- */

static const char cavp_ni[] = "3651fef5c9c35e93";
static const char cavp_nr[] = "c09a8b90a3f04d59";
static const char cavp_gir[] =
	"d084a30166a50fb7325c3960874a839449ef9741c2f4f947d0201dd8c1269273"
	"d79509f37e3ca3eb4fa2fe2a28254e289cd3f34dad4eb4df1a07685a4b8a94fa"
	"61e2491f7598b3ce65547ff133b3f63d1ac4175eaa695033f3cedb026a6873a3"
	"6455172a8540b8a5d23a0143bed0390ee49b168269d75fffee9fb62be965993c";
static const char cavp_gir_new[] =
	"52f00ab174c25d5b7139ae5ff4e8e9eddee5992d2e36adf8a559ffd90dab1442"
	"e4fbe429d320c0f33552a17d1557fa41ea70e8fb916c4fa27ed52b5f8ebd8461"
	"afa78f1159159a64055ac5f6319e29c28eae58cbc6847770f32c3fed1d047504"
	"84f854790f95e9ec01bc5bc461f24966462e359511329305038e94deb6dd42c2";
#define CAVP_SPI_I	0x8e5c3ae507221684ULL
#define CAVP_SPI_R	0xb1f201bb155c3acdULL
static const char cavp_skeyseed[] = "cd2e8050137832245f1dbacc6e4f0a92f94d45d6";
/* 1056 bits */
static const char cavp_dkm[] =
	"6f1b12cad3cbe097b35430356d869d54cddb0198ec859174d53ceb92dddedbe2"
	"436db69f60977c58fa63bbb667f8d36920b109baae8f6c61a9ac49feda018432"
	"25d080ec5539d5881a25521ffb2a0a91874a9c0a27fcc2d717eb8963a9e3a89c"
	"7ab264757284c28cf8c3ca40576f4220b052b1fb8e9ad60ba3c80557323331a8"
	"cbb89f20";
static const char cavp_dkm_child[] =
	"4727dc0ef94eb326ce131cf282fb652faa638ad0ddae3786a11bcc0309876009"
	"f8c485de011ad962c5b1ca8a41ff8145445749079c5686e26ffebbc342f06981"
	"f3da745e11ca0976424d1f8caec623d59dc7186deb20a27b411d1dcb70a36544"
	"0bf7de905088b0692e8addc094e18d1939bdb67e89798ca6b239e2ccb81c2409"
	"dac0106c";
static const char cavp_dkm_child_dh[] =
	"b109c21ad4c0797768c1cec9e63554681e48f224bca7f23c20c4ea7041983451"
	"e9aa1d5408656c8a975ff1b9d9a12c75ffeb64bdecb30174664cccb4e14f1c37"
	"7b7f6d1525af77c7092aac3e47f917ebae8297fb5539d2008ce830823a09cc19"
	"7361d4a289c72745f6ce9fefe812be5bf55b3200fbb82e41a4a40877d3fe106d"
	"b909707b";
static const char cavp_skeyseed_rekey[] =
	"3b03bce748c96d5e8306918d2ff89b68f0648da3";
/* prf+(SKEYSEED rekey, Ni | Nr | SPIi | SPIr), 1056 bits (computed) */
static const char cavp_rekey_dkm[] =
	"c84856c41349eddec2b1d8800679d009659f978ca1291c55323251796868a8e8"
	"bde4a027abfe48e8ccbf1e9b2b9c631beaa2abd4e813f0ed1b5720eff8bd6c99"
	"0bb1d60fa4f6a68676456d82d4148459d12f7e8bee534b23f2f3f5d361020c7c"
	"09738706b25e910ced784de73c772de21faf8a80e20cd0720ba1a7a0b7f54d90"
	"885ae4c8";

/* SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr, as prf+ gave them. */
static size_t keys_concat(const struct ike_keys *k, uint8_t *out)
{
	uint8_t *p = out;

	memcpy(p, k->sk_d, k->d_len);
	p += k->d_len;
	memcpy(p, k->sk_ai, k->a_len);
	p += k->a_len;
	memcpy(p, k->sk_ar, k->a_len);
	p += k->a_len;
	memcpy(p, k->sk_ei, k->e_len);
	p += k->e_len;
	memcpy(p, k->sk_er, k->e_len);
	p += k->e_len;
	memcpy(p, k->sk_pi, k->p_len);
	p += k->p_len;
	memcpy(p, k->sk_pr, k->p_len);
	p += k->p_len;
	return (size_t)(p - out);
}

struct cavp {
	uint8_t ni[8], nr[8], gir[128], gir_new[128];
	uint8_t want[132];
};

static void cavp_load(struct cavp *v)
{
	assert_int_equal(unhex(cavp_ni, v->ni, sizeof(v->ni)), 8);
	assert_int_equal(unhex(cavp_nr, v->nr, sizeof(v->nr)), 8);
	assert_int_equal(unhex(cavp_gir, v->gir, sizeof(v->gir)), 128);
	assert_int_equal(unhex(cavp_gir_new, v->gir_new, sizeof(v->gir_new)),
			 128);
}

/*
 * AES-CBC-128 and HMAC-SHA1-96 with PRF-HMAC-SHA1: 3 * 20 + 2 * (16 + 20)
 * bytes of key material, the CAVP vector's 1056 bits.
 */
static const struct ike_suite cavp_suite = {
	.encr = IKE_ENCR_AES_CBC, .encr_bits = 128,
	.integ = IKE_INTEG_HMAC_SHA1_96, .prf = IKE_PRF_HMAC_SHA1,
	.dh = IKE_DH_MODP_2048,
};

static void kdf_cavp_skeyseed(void **state)
{
	uint8_t nonces[16], want[20], got[IKE_MAX_PRF];
	struct cavp v;

	cavp_load(&v);
	memcpy(nonces, v.ni, 8);
	memcpy(nonces + 8, v.nr, 8);
	unhex(cavp_skeyseed, want, sizeof(want));
	assert_int_equal(ike_prf(IKE_PRF_HMAC_SHA1, nonces, 16, v.gir, 128,
				 got), 0);
	assert_memory_equal(got, want, 20);

	/* Rekey: prf(SK_d (old), g^ir (new) | Ni | Nr) */
	unhex(cavp_dkm, v.want, sizeof(v.want));
	unhex(cavp_skeyseed_rekey, want, sizeof(want));
	{
		uint8_t in[128 + 16];

		memcpy(in, v.gir_new, 128);
		memcpy(in + 128, nonces, 16);
		assert_int_equal(ike_prf(IKE_PRF_HMAC_SHA1, v.want, 20, in,
					 sizeof(in), got), 0);
	}
	assert_memory_equal(got, want, 20);
}

static void kdf_cavp_dkm(void **state)
{
	uint8_t got[sizeof(struct ike_keys)];
	struct ike_keys k;
	struct cavp v;

	cavp_load(&v);
	assert_int_equal(unhex(cavp_dkm, v.want, sizeof(v.want)), 132);
	assert_int_equal(ike_derive_keys(&cavp_suite, v.ni, 8, v.nr, 8, v.gir,
					 128, CAVP_SPI_I, CAVP_SPI_R, NULL, 0,
					 0, &k), 0);
	assert_int_equal(k.d_len, 20);
	assert_int_equal(k.a_len, 20);
	assert_int_equal(k.e_len, 16);
	assert_int_equal(k.p_len, 20);
	assert_int_equal(keys_concat(&k, got), 132);
	assert_memory_equal(got, v.want, 132);

	ike_keys_wipe(&k);
	assert_int_equal(k.d_len, 0);
	assert_int_equal(k.sk_d[0], 0);
}

static void kdf_cavp_child(void **state)
{
	uint8_t sk_d[20], got[132];
	struct cavp v;

	cavp_load(&v);
	unhex(cavp_dkm, v.want, sizeof(v.want));
	memcpy(sk_d, v.want, 20);

	unhex(cavp_dkm_child, v.want, sizeof(v.want));
	assert_int_equal(ike_child_keymat(IKE_PRF_HMAC_SHA1, sk_d, 20, NULL, 0,
					  v.ni, 8, v.nr, 8, got, 132), 0);
	assert_memory_equal(got, v.want, 132);

	unhex(cavp_dkm_child_dh, v.want, sizeof(v.want));
	assert_int_equal(ike_child_keymat(IKE_PRF_HMAC_SHA1, sk_d, 20,
					  v.gir_new, 128, v.ni, 8, v.nr, 8,
					  got, 132), 0);
	assert_memory_equal(got, v.want, 132);
}

static void kdf_cavp_rekey(void **state)
{
	uint8_t sk_d[20], got[sizeof(struct ike_keys)];
	struct ike_keys k;
	struct cavp v;

	cavp_load(&v);
	unhex(cavp_dkm, v.want, sizeof(v.want));
	memcpy(sk_d, v.want, 20);
	unhex(cavp_rekey_dkm, v.want, sizeof(v.want));
	assert_int_equal(ike_derive_keys(&cavp_suite, v.ni, 8, v.nr, 8,
					 v.gir_new, 128, CAVP_SPI_I,
					 CAVP_SPI_R, sk_d, 20,
					 IKE_PRF_HMAC_SHA1, &k), 0);
	assert_int_equal(keys_concat(&k, got), 132);
	assert_memory_equal(got, v.want, 132);
	ike_keys_wipe(&k);
}

/* AES-GCM-256 with PRF-HMAC-SHA-256 (no INTEG): 3 * 32 + 2 * 36 bytes. */
static const char gcm_dkm[] =
	"24a8a262815c8f208c4030cd75a52288f2796e7651cb41be4fae1637e15946ae"
	"69a168ef8f87402f48a341eaee1a89108f3db07816cacb9ab4087264ebe6d85a"
	"c7f195a5548788a4361a76023d8c7929c7fa86cd75f9dbf6f0e9000116ef35f8"
	"68b765fde33744725fa7eb17515430b4235b3367c5c78b62cd58cda24ba6176d"
	"90e3dcbd797c2adc79a48f817d0f05169f83f304fb9f53930833defbcdd3c62f"
	"397f435446f84e31";

static void kdf_sha256_gcm(void **state)
{
	const struct ike_suite s = {
		.encr = IKE_ENCR_AES_GCM_16, .encr_bits = 256,
		.integ = IKE_INTEG_NONE, .prf = IKE_PRF_HMAC_SHA2_256,
		.dh = IKE_DH_ECP_256,
	};
	uint8_t ni[32], nr[32], gir[256], want[168];
	uint8_t got[sizeof(struct ike_keys)];
	struct ike_keys k;
	unsigned int i;

	for (i = 0; i < 32; i++) {
		ni[i] = (uint8_t)(0x10 + i);
		nr[i] = (uint8_t)(0x40 + i);
	}
	for (i = 0; i < sizeof(gir); i++)
		gir[i] = (uint8_t)(i * 7 + 3);
	assert_int_equal(unhex(gcm_dkm, want, sizeof(want)), 168);
	assert_int_equal(ike_derive_keys(&s, ni, 32, nr, 32, gir, sizeof(gir),
					 0x0102030405060708ULL,
					 0x1112131415161718ULL, NULL, 0, 0,
					 &k), 0);
	assert_int_equal(k.a_len, 0);
	assert_int_equal(k.e_len, 36);
	assert_int_equal(keys_concat(&k, got), 168);
	assert_memory_equal(got, want, 168);
	ike_keys_wipe(&k);
}

static void kdf_bad_suites(void **state)
{
	struct ike_suite s = cavp_suite;
	uint8_t n[16] = { 0 }, gir[32] = { 0 };
	struct ike_keys k;

	/* CBC needs an integrity algorithm. */
	s.integ = IKE_INTEG_NONE;
	assert_int_equal(ike_derive_keys(&s, n, 16, n, 16, gir, 32, 1, 2,
					 NULL, 0, 0, &k), -1);
	/* AEAD takes none. */
	s.encr = IKE_ENCR_AES_GCM_16;
	s.integ = IKE_INTEG_HMAC_SHA2_256_128;
	assert_int_equal(ike_derive_keys(&s, n, 16, n, 16, gir, 32, 1, 2,
					 NULL, 0, 0, &k), -1);
	/* Unknown key size, PRF, integrity. */
	s = cavp_suite;
	s.encr_bits = 100;
	assert_int_equal(ike_derive_keys(&s, n, 16, n, 16, gir, 32, 1, 2,
					 NULL, 0, 0, &k), -1);
	s = cavp_suite;
	s.prf = IKE_PRF_HMAC_MD5;
	assert_int_equal(ike_derive_keys(&s, n, 16, n, 16, gir, 32, 1, 2,
					 NULL, 0, 0, &k), -1);
	s = cavp_suite;
	s.integ = IKE_INTEG_HMAC_MD5_96;
	assert_int_equal(ike_derive_keys(&s, n, 16, n, 16, gir, 32, 1, 2,
					 NULL, 0, 0, &k), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kdf_cavp_skeyseed),
		cmocka_unit_test(kdf_cavp_dkm),
		cmocka_unit_test(kdf_cavp_child),
		cmocka_unit_test(kdf_cavp_rekey),
		cmocka_unit_test(kdf_sha256_gcm),
		cmocka_unit_test(kdf_bad_suites),
	};

	return cmocka_run_group_tests_name("crypto_keys", tests, NULL, NULL);
}
