// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of flexsecd's cryptography (flexsecd/crypto.c) and of its
 * algorithm tables (flexsecd/algs.c), with published vectors where there
 * are some:
 *  - PRF: RFC 4868 section 2.7.1 (PRF-HMAC-SHA-256/384/512);
 *  - ECP groups 19, 20, 21: RFC 5903 section 8 (i, r and g^ir; the public
 *    values g^i and g^r were recomputed from i and r);
 *  - Curve25519: RFC 7748 section 6.1;
 *  - IKEv2 key derivation: NIST CAVP SP 800-135 IKEv2 KDF vector
 *    (SHA-1, COUNT 0 of ikev2.rsp: SKEYSEED, DKM, DKM child SA, DKM child
 *    SA with DH, SKEYSEED for a rekey).
 * Values with no published vector (prf+ of SHA-256/512, the SHA-256 key
 * derivation, the rekeyed DKM, the PSK AUTH value, the NAT detection hash
 * and the SK payloads for AES-GCM, AES-CBC and ChaCha20-Poly1305) were
 * computed independently in Python (hmac, hashlib and the "cryptography"
 * package) when this file was written.
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

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes hex string S into OUT (room for CAP); the byte count. */
static size_t unhex(const char *s, uint8_t *out, size_t cap)
{
	size_t n = 0;

	while (s[0] && s[1]) {
		assert_true(hexval(s[0]) >= 0 && hexval(s[1]) >= 0);
		assert_true(n < cap);
		out[n++] = (uint8_t)(hexval(s[0]) << 4 | hexval(s[1]));
		s += 2;
	}
	assert_int_equal(*s, 0);
	return n;
}

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

/* --- key exchange --- */

struct ecp_vector {
	uint16_t group;
	const char *i, *gi, *r, *gr, *girx;
};

/* RFC 5903 section 8 */
static const struct ecp_vector ecp_vectors[] = {
	{
		IKE_DH_ECP_256,
		"c88f01f510d9ac3f70a292daa2316de544e9aab8afe84049c62a9c57862d1433",
		"dad0b65394221cf9b051e1feca5787d098dfe637fc90b9ef945d0c3772581180"
		"5271a0461cdb8252d61f1c456fa3e59ab1f45b33accf5f58389e0577b8990bb3",
		"c6ef9c5d78ae012a011164acb397ce2088685d8f06bf9be0b283ab46476bee53",
		"d12dfb5289c8d4f81208b70270398c342296970a0bccb74c736fc7554494bf63"
		"56fbf3ca366cc23e8157854c13c58d6aac23f046ada30f8353e74f33039872ab",
		"d6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de",
	},
	{
		IKE_DH_ECP_384,
		"099f3c7034d4a2c699884d73a375a67f7624ef7c6b3c0f160647b67414dce655"
		"e35b538041e649ee3faef896783ab194",
		"667842d7d180ac2cde6f74f37551f55755c7645c20ef73e31634fe72b4c55ee6"
		"de3ac808acb4bdb4c88732aee95f41aa9482ed1fc0eeb9cafc4984625ccfc23f"
		"65032149e0e144ada024181535a0f38eeb9fcff3c2c947dae69b4c634573a81c",
		"41cb0779b4bdb85d47846725fbec3c9430fab46cc8dc5060855cc9bda0aa2942"
		"e0308312916b8ed2960e4bd55a7448fc",
		"e558dbef53eecde3d3fccfc1aea08a89a987475d12fd950d83cfa41732bc509d"
		"0d1ac43a0336def96fda41d0774a3571dcfbec7aacf3196472169e838430367f"
		"66eebe3c6e70c416dd5f0c68759dd1fff83fa40142209dff5eaad96db9e6386c",
		"11187331c279962d93d604243fd592cb9d0a926f422e47187521287e7156c5c4"
		"d603135569b9e9d09cf5d4a270f59746",
	},
	{
		IKE_DH_ECP_521,
		"0037ade9319a89f4dabdb3ef411aaccca5123c61acab57b5393dce47608172a0"
		"95aa85a30fe1c2952c6771d937ba9777f5957b2639bab072462f68c27a57382d"
		"4a52",
		"0015417e84dbf28c0ad3c278713349dc7df153c897a1891bd98bab4357c9ecbe"
		"e1e3bf42e00b8e380aeae57c2d107564941885942af5a7f4601723c4195d176c"
		"ed3e017cae20b6641d2eeb695786d8c946146239d099e18e1d5a514c739d7cb4"
		"a10ad8a788015ac405d7799dc75e7b7d5b6cf2261a6a7f1507438bf01beb6ca3"
		"926f9582",
		"0145ba99a847af43793fdd0e872e7cdfa16be30fdc780f97bccc3f078380201e"
		"9c677d600b343757a3bdbf2a3163e4c2f869cca7458aa4a4effc311f5cb15168"
		"5eb9",
		"00d0b3975ac4b799f5bea16d5e13e9af971d5e9b984c9f39728b5e5739735a21"
		"9b97c356436adc6e95bb0352f6be64a6c2912d4ef2d0433ced2b6171640012d9"
		"460f015c68226383956e3bd066e797b623c27ce0eac2f551a10c2c724d985207"
		"7b87220b6536c5c408a1d2aebb8e86d678ae49cb57091f4732296579ab44fcd1"
		"7f0fc56a",
		"01144c7d79ae6956bc8edb8e7c787c4521cb086fa64407f97894e5e6b2d79b04"
		"d1427e73ca4baa240a34786859810c06b3c715a3a8cc3151f2bee417996d19f3"
		"ddea",
	},
	{
		/* RFC 7748 section 6.1: Alice (i) and Bob (r) */
		IKE_DH_CURVE25519,
		"77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
		"8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
		"5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb",
		"de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
		"4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742",
	},
};

/*
 * One side of a vector: its public value, then the secret from the
 * other side's public value.
 */
static void check_kex_side(uint16_t group, const char *priv_hex,
			   const char *pub_hex, const char *peer_hex,
			   const char *secret_hex)
{
	uint8_t priv[66], pub[IKE_MAX_DH], peer[IKE_MAX_DH];
	uint8_t want[IKE_MAX_DH], got[IKE_MAX_DH], secret[IKE_MAX_SECRET];
	size_t plen, publen, peerlen, slen, got_len;
	const struct alg *a = alg_find(IKE_TT_DH, group, 0);
	struct ike_dh *dh;

	assert_non_null(a);
	plen = unhex(priv_hex, priv, sizeof(priv));
	publen = unhex(pub_hex, pub, sizeof(pub));
	peerlen = unhex(peer_hex, peer, sizeof(peer));
	slen = unhex(secret_hex, want, sizeof(want));
	assert_int_equal(publen, a->dh_len);

	dh = ike_dh_new_priv(group, priv, plen);
	assert_non_null(dh);
	assert_int_equal(ike_dh_group(dh), group);
	assert_int_equal(ike_dh_public(dh, got, sizeof(got)), publen);
	assert_memory_equal(got, pub, publen);
	/* Too small a buffer. */
	assert_int_equal(ike_dh_public(dh, got, publen - 1), 0);

	/* *secret_len: the room on entry, the length on return */
	got_len = slen - 1;
	assert_int_equal(ike_dh_derive(dh, peer, peerlen, secret, &got_len),
			 -1);
	got_len = sizeof(secret);
	assert_int_equal(ike_dh_derive(dh, peer, peerlen, secret, &got_len),
			 0);
	assert_int_equal(got_len, slen);
	assert_memory_equal(secret, want, slen);
	ike_dh_free(dh);
}

static void kex_vectors(void **state)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ecp_vectors); i++) {
		const struct ecp_vector *v = &ecp_vectors[i];

		check_kex_side(v->group, v->i, v->gi, v->gr, v->girx);
		check_kex_side(v->group, v->r, v->gr, v->gi, v->girx);
	}
}

/* Two fresh key pairs of GROUP agree on a secret of LEN bytes. */
static void kex_round_trip(uint16_t group, size_t secret_len)
{
	uint8_t pa[IKE_MAX_DH], pb[IKE_MAX_DH];
	uint8_t sa[IKE_MAX_SECRET], sb[IKE_MAX_SECRET];
	const struct alg *a = alg_find(IKE_TT_DH, group, 0);
	struct ike_dh *da, *db;
	size_t la, lb, na, nb;

	assert_non_null(a);
	assert_true(ike_dh_supported(group));
	da = ike_dh_new(group);
	db = ike_dh_new(group);
	assert_non_null(da);
	assert_non_null(db);
	na = ike_dh_public(da, pa, sizeof(pa));
	nb = ike_dh_public(db, pb, sizeof(pb));
	assert_int_equal(na, a->dh_len);
	assert_int_equal(nb, a->dh_len);
	assert_memory_not_equal(pa, pb, na);
	la = sizeof(sa);
	lb = sizeof(sb);
	assert_int_equal(ike_dh_derive(da, pb, nb, sa, &la), 0);
	assert_int_equal(ike_dh_derive(db, pa, na, sb, &lb), 0);
	assert_int_equal(la, secret_len);
	assert_int_equal(lb, secret_len);
	assert_memory_equal(sa, sb, la);
	ike_dh_free(da);
	ike_dh_free(db);
}

static void kex_modp_round_trip(void **state)
{
	kex_round_trip(IKE_DH_MODP_2048, 256);
	kex_round_trip(IKE_DH_MODP_3072, 384);
	kex_round_trip(IKE_DH_MODP_4096, 512);
}

static void kex_ecp_round_trip(void **state)
{
	kex_round_trip(IKE_DH_ECP_256, 32);
	kex_round_trip(IKE_DH_ECP_384, 48);
	kex_round_trip(IKE_DH_ECP_521, 66);
	kex_round_trip(IKE_DH_CURVE25519, 32);
}

static void kex_unsupported(void **state)
{
	uint8_t priv[32] = { 1 };

	assert_false(ike_dh_supported(IKE_DH_NONE));
	assert_false(ike_dh_supported(IKE_DH_MODP_1024));
	assert_false(ike_dh_supported(IKE_DH_MODP_768));
	assert_null(ike_dh_new(IKE_DH_MODP_1024));
	assert_null(ike_dh_new(999));
	assert_null(ike_dh_new_priv(IKE_DH_MODP_1024, priv, sizeof(priv)));
	/* X25519 keys are exactly 32 bytes; ECP scalars not above the order. */
	assert_null(ike_dh_new_priv(IKE_DH_CURVE25519, priv, 31));
	memset(priv, 0, sizeof(priv));
	assert_null(ike_dh_new_priv(IKE_DH_ECP_256, priv, 32));
	memset(priv, 0xff, sizeof(priv));
	assert_null(ike_dh_new_priv(IKE_DH_ECP_256, priv, 32));
	ike_dh_free(NULL);
}

/* RFC 3526 2048-bit MODP prime */
static const char modp2048_p[] =
	"ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74"
	"020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437"
	"4fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed"
	"ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf05"
	"98da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb"
	"9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b"
	"e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf695581718"
	"3995497cea956ae515d2261898fa051015728e5a8aacaa68ffffffffffffffff";

static void expect_reject(struct ike_dh *dh, const uint8_t *peer, size_t len)
{
	uint8_t secret[IKE_MAX_SECRET];
	size_t slen = sizeof(secret);

	assert_int_equal(ike_dh_derive(dh, peer, len, secret, &slen), -1);
	assert_int_equal(slen, sizeof(secret));
}

static void kex_reject_modp(void **state)
{
	struct ike_dh *dh = ike_dh_new(IKE_DH_MODP_2048);
	uint8_t y[257];

	assert_non_null(dh);
	memset(y, 0, sizeof(y));
	expect_reject(dh, y, 256);		/* 0 */
	y[255] = 1;
	expect_reject(dh, y, 256);		/* 1 */
	unhex(modp2048_p, y, sizeof(y));
	expect_reject(dh, y, 256);		/* p */
	y[255] = 0xfe;
	expect_reject(dh, y, 256);		/* p - 1 */
	memset(y, 0xff, sizeof(y));
	expect_reject(dh, y, 256);		/* > p */
	y[0] = 0x12;
	expect_reject(dh, y, 255);		/* short */
	expect_reject(dh, y, 257);		/* long */
	expect_reject(dh, NULL, 256);
	expect_reject(dh, y, 0);
	ike_dh_free(dh);
}

static void kex_reject_ecp(void **state)
{
	const struct ecp_vector *v = &ecp_vectors[0];
	struct ike_dh *dh = ike_dh_new(IKE_DH_ECP_256);
	uint8_t pt[65];

	assert_non_null(dh);
	unhex(v->gr, pt, sizeof(pt));
	pt[63] ^= 1;				/* off the curve */
	expect_reject(dh, pt, 64);
	pt[63] ^= 1;
	expect_reject(dh, pt, 63);		/* short */
	expect_reject(dh, pt, 65);		/* long */
	memset(pt, 0, sizeof(pt));
	expect_reject(dh, pt, 64);		/* (0, 0) */
	memset(pt, 0xff, sizeof(pt));
	expect_reject(dh, pt, 64);		/* coordinates >= p */
	ike_dh_free(dh);

	dh = ike_dh_new(IKE_DH_ECP_521);
	assert_non_null(dh);
	memset(pt, 0, sizeof(pt));
	expect_reject(dh, pt, 64);
	ike_dh_free(dh);
}

static void kex_reject_x25519(void **state)
{
	struct ike_dh *dh = ike_dh_new(IKE_DH_CURVE25519);
	uint8_t u[33];

	assert_non_null(dh);
	memset(u, 0, sizeof(u));
	expect_reject(dh, u, 32);	/* low order: all-zero secret */
	u[0] = 1;
	expect_reject(dh, u, 32);	/* u = 1, low order too */
	expect_reject(dh, u, 31);
	expect_reject(dh, u, 33);
	ike_dh_free(dh);
}

/* --- the SK payload --- */

#define HDR_LEN		(IKE_HDR_LEN + IKE_GENERIC_HDR_LEN)

struct sk_case {
	struct ike_suite s;
	uint8_t ek[IKE_MAX_KEY], ak[IKE_MAX_KEY];
};

/* A header for a message whose SK body has BODY bytes. */
static void fill_hdr(uint8_t *msg, size_t body)
{
	size_t total = HDR_LEN + body;
	unsigned int i;

	for (i = 0; i < 16; i++)
		msg[i] = (uint8_t)(i * 0x11);
	msg[16] = IKE_PL_SK;
	msg[17] = IKE_VERSION;
	msg[18] = IKE_AUTH;
	msg[19] = IKE_FLAG_INITIATOR;
	memset(msg + 20, 0, 4);
	msg[23] = 1;
	msg[24] = (uint8_t)(total >> 24);
	msg[25] = (uint8_t)(total >> 16);
	msg[26] = (uint8_t)(total >> 8);
	msg[27] = (uint8_t)total;
	msg[28] = IKE_PL_IDI;
	msg[29] = 0;
	msg[30] = (uint8_t)((body + 4) >> 8);
	msg[31] = (uint8_t)(body + 4);
}

static void sk_case_init(struct sk_case *c, const struct alg *e,
			 const struct alg *a)
{
	unsigned int i;

	memset(c, 0, sizeof(*c));
	c->s.encr = e->id;
	c->s.encr_bits = e->keybits;
	c->s.integ = a ? a->id : IKE_INTEG_NONE;
	c->s.prf = IKE_PRF_HMAC_SHA2_256;
	c->s.dh = IKE_DH_ECP_256;
	for (i = 0; i < IKE_MAX_KEY; i++) {
		c->ek[i] = (uint8_t)(0x30 + i);
		c->ak[i] = (uint8_t)(0x90 + i);
	}
}

static const size_t plens[] = { 0, 1, 15, 16, 17, 31, 100, 1000 };

/*
 * Byte positions to tamper with: every one of the headers and the IV,
 * then every 37th, then the last one (the ICV's).
 */
static size_t tamper_next(size_t i, size_t len)
{
	if (i < HDR_LEN + 24)
		return i + 1;
	if (i + 37 < len - 1)
		return i + 37;
	return i < len - 1 ? len - 1 : len;
}

/* Seals PLEN bytes, opens them again, then tampers with the result. */
static void sk_one(const struct sk_case *c, const struct alg *e, size_t plen)
{
	static uint8_t msg[2048], plain[1024], out[2048], bad[2048];
	size_t body = ike_sk_len(&c->s, plen), len, olen, i;
	const struct alg *a = alg_find(IKE_TT_INTEG, c->s.integ, 0);
	size_t icv = e->aead ? e->icv_len : a->icv_len;

	assert_true(body >= e->iv_len + plen + 1 + icv);
	assert_int_equal((body - e->iv_len - icv) % e->block, 0);
	assert_true(body - e->iv_len - icv - plen <= e->block);
	len = HDR_LEN + body;
	for (i = 0; i < plen; i++)
		plain[i] = (uint8_t)(i * 13 + plen);
	memset(msg, 0xee, sizeof(msg));
	fill_hdr(msg, body);
	assert_int_equal(ike_sk_seal(&c->s, c->ek, c->ak, msg, HDR_LEN, plain,
				     plen), 0);
	/* Nothing written past the end. */
	assert_int_equal(msg[len], 0xee);
	if (plen >= 16)
		assert_memory_not_equal(msg + HDR_LEN + e->iv_len, plain, 16);

	olen = 9999;
	assert_int_equal(ike_sk_open(&c->s, c->ek, c->ak, msg, HDR_LEN, len,
				     out, &olen), 0);
	assert_int_equal(olen, plen);
	if (plen)
		assert_memory_equal(out, plain, plen);

	/* Any byte changed, header included, and the message is refused. */
	for (i = 0; i < len; i = tamper_next(i, len)) {
		memcpy(bad, msg, len);
		bad[i] ^= 0x01;
		assert_int_equal(ike_sk_open(&c->s, c->ek, c->ak, bad, HDR_LEN,
					     len, out, &olen), -1);
	}
	/* Truncated, by one byte or by a whole block. */
	assert_int_equal(ike_sk_open(&c->s, c->ek, c->ak, msg, HDR_LEN,
				     len - 1, out, &olen), -1);
	if (body > e->iv_len + icv + 16)
		assert_int_equal(ike_sk_open(&c->s, c->ek, c->ak, msg, HDR_LEN,
					     len - 16, out, &olen), -1);
	/* The other direction's key. */
	if (a) {
		uint8_t ak2[IKE_MAX_KEY];

		memcpy(ak2, c->ak, sizeof(ak2));
		ak2[0] ^= 1;
		assert_int_equal(ike_sk_open(&c->s, c->ek, ak2, msg, HDR_LEN,
					     len, out, &olen), -1);
	} else {
		uint8_t ek2[IKE_MAX_KEY];

		memcpy(ek2, c->ek, sizeof(ek2));
		ek2[e->key_len - 1] ^= 1;	/* the salt */
		assert_int_equal(ike_sk_open(&c->s, ek2, c->ak, msg, HDR_LEN,
					     len, out, &olen), -1);
	}
}

static void sk_round_trips(void **state)
{
	const struct alg *e, *a = NULL;
	unsigned int i, j, k, n = 0;
	struct sk_case c;

	for (i = 0; (e = alg_nth(IKE_TT_ENCR, i)); i++) {
		for (j = 0; e->aead ? j < 1 : !!(a = alg_nth(IKE_TT_INTEG, j));
		     j++) {
			sk_case_init(&c, e, e->aead ? NULL : a);
			for (k = 0; k < ARRAY_SIZE(plens); k++)
				sk_one(&c, e, plens[k]);
			n++;
		}
	}
	/* 3 AES-CBC x 4 INTEG + 2 AES-GCM + ChaCha20-Poly1305 */
	assert_int_equal(n, 15);
}

static void sk_random_iv(void **state)
{
	static uint8_t m1[256], m2[256];
	const struct alg *e = alg_find(IKE_TT_ENCR, IKE_ENCR_AES_GCM_16, 128);
	uint8_t p[8] = "payload";
	struct sk_case c;
	size_t body;

	sk_case_init(&c, e, NULL);
	body = ike_sk_len(&c.s, sizeof(p));
	fill_hdr(m1, body);
	fill_hdr(m2, body);
	assert_int_equal(ike_sk_seal(&c.s, c.ek, NULL, m1, HDR_LEN, p,
				     sizeof(p)), 0);
	assert_int_equal(ike_sk_seal(&c.s, c.ek, NULL, m2, HDR_LEN, p,
				     sizeof(p)), 0);
	assert_memory_not_equal(m1 + HDR_LEN, m2 + HDR_LEN, 8);
}

static void sk_bounds(void **state)
{
	static uint8_t msg[256], out[256];
	const struct alg *e = alg_find(IKE_TT_ENCR, IKE_ENCR_AES_CBC, 256);
	const struct alg *a = alg_find(IKE_TT_INTEG,
				       IKE_INTEG_HMAC_SHA2_256_128, 0);
	struct sk_case c;
	size_t olen, len;

	sk_case_init(&c, e, a);
	memset(msg, 0, sizeof(msg));
	/* IV + ICV only, no ciphertext. */
	assert_int_equal(ike_sk_open(&c.s, c.ek, c.ak, msg, HDR_LEN,
				     HDR_LEN + 16 + 16, out, &olen), -1);
	/* Ciphertext not a multiple of the block. */
	assert_int_equal(ike_sk_open(&c.s, c.ek, c.ak, msg, HDR_LEN,
				     HDR_LEN + 16 + 15 + 16, out, &olen), -1);
	/* Shorter than its IV, than its header. */
	assert_int_equal(ike_sk_open(&c.s, c.ek, c.ak, msg, HDR_LEN,
				     HDR_LEN + 5, out, &olen), -1);
	assert_int_equal(ike_sk_open(&c.s, c.ek, c.ak, msg, HDR_LEN, HDR_LEN,
				     out, &olen), -1);
	assert_int_equal(ike_sk_open(&c.s, c.ek, c.ak, msg, HDR_LEN, 10, out,
				     &olen), -1);
	/* Missing keys, unknown suite. */
	len = HDR_LEN + 16 + 16 + 16;
	assert_int_equal(ike_sk_open(&c.s, c.ek, NULL, msg, HDR_LEN, len, out,
				     &olen), -1);
	c.s.integ = IKE_INTEG_NONE;
	assert_int_equal(ike_sk_open(&c.s, c.ek, c.ak, msg, HDR_LEN, len, out,
				     &olen), -1);
	assert_int_equal(ike_sk_len(&c.s, 10), 0);
	assert_int_equal(ike_sk_seal(&c.s, c.ek, c.ak, msg, HDR_LEN, out, 10),
			 -1);

	/* AEAD: shorter than IV + ICV + pad length. */
	e = alg_find(IKE_TT_ENCR, IKE_ENCR_CHACHA20_POLY1305, 0);
	sk_case_init(&c, e, NULL);
	assert_int_equal(ike_sk_open(&c.s, c.ek, NULL, msg, HDR_LEN,
				     HDR_LEN + 8 + 16, out, &olen), -1);
}

/* Known answers, computed with the Python "cryptography" package. */
static const char gcm_msg[] =
	"00112233445566778899aabbccddeeff2e202308000000010000004d23000031"
	"00010203040506078e0109326b48de6049c4f0c6472f3f45486d93cb7213eca8"
	"a94091ef99dc629049a1e0b016";
static const char gcm_badpad_msg[] =
	"00112233445566778899aabbccddeeff2e20230800000001000000392300001d"
	"0001020304050607c282591e1a5f47ab35c0a1c19e776dbd1c";
static const char chacha_msg[] =
	"00112233445566778899aabbccddeeff2e202308000000010000004d23000031"
	"000102030405060719366787d27e4d4d31ac7b9df00ad321019c53015dd95b69"
	"eaf30579e69637a04567109c97";
static const char cbc_msg[] =
	"00112233445566778899aabbccddeeff2e202308000000010000006023000044"
	"f0f1f2f3f4f5f6f7f8f9fafbfcfdfeffae3854f088010ec9f873f2638f79b7d3"
	"205c92bcdbcfefd0ec1dc2e96cd4ce3b63f83edf0cee99f4fc27b7cd41b18433";
static const char cbc_badpad_msg[] =
	"00112233445566778899aabbccddeeff2e202308000000010000005023000034"
	"f0f1f2f3f4f5f6f7f8f9fafbfcfdfeffe2ebc3001678442ec01e21b00b0b149c"
	"e321c7b927eff6e544409c4a9fe9c192";
static const char kat_plain[] = "IKEv2 inner payloads";

static void seq(uint8_t *p, uint8_t first, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(first + i);
}

static void sk_open_known(const struct ike_suite *s, const uint8_t *ek,
			  const uint8_t *ak, const char *hex, int want)
{
	uint8_t msg[256], out[256];
	size_t len = unhex(hex, msg, sizeof(msg)), olen = 0;

	assert_int_equal(ike_sk_open(s, ek, ak, msg, HDR_LEN, len, out, &olen),
			 want);
	if (want)
		return;
	assert_int_equal(olen, strlen(kat_plain));
	assert_memory_equal(out, kat_plain, olen);
}

static void sk_known_answers(void **state)
{
	struct ike_suite s = {
		.encr = IKE_ENCR_AES_GCM_16, .encr_bits = 128,
		.prf = IKE_PRF_HMAC_SHA2_256, .dh = IKE_DH_ECP_256,
	};
	uint8_t ek[36], ak[32];

	/* AES-GCM-128: key 00..0f, salt cafebabe, IV 00..07 */
	seq(ek, 0, 16);
	memcpy(ek + 16, "\xca\xfe\xba\xbe", 4);
	sk_open_known(&s, ek, NULL, gcm_msg, 0);
	sk_open_known(&s, ek, NULL, gcm_badpad_msg, -1);

	/* ChaCha20-Poly1305: key 80..9f, salt 01020304 */
	s.encr = IKE_ENCR_CHACHA20_POLY1305;
	s.encr_bits = 0;
	seq(ek, 0x80, 32);
	memcpy(ek + 32, "\x01\x02\x03\x04", 4);
	sk_open_known(&s, ek, NULL, chacha_msg, 0);

	/* AES-CBC-256 + HMAC-SHA-256-128: keys 20..3f and 60..7f */
	s.encr = IKE_ENCR_AES_CBC;
	s.encr_bits = 256;
	s.integ = IKE_INTEG_HMAC_SHA2_256_128;
	seq(ek, 0x20, 32);
	seq(ak, 0x60, 32);
	sk_open_known(&s, ek, ak, cbc_msg, 0);
	/* pad length 16 in a 16-byte plaintext, with a valid ICV */
	sk_open_known(&s, ek, ak, cbc_badpad_msg, -1);
}

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
		cmocka_unit_test(prf_rfc4868),
		cmocka_unit_test(prf_lengths),
		cmocka_unit_test(prf_plus_known),
		cmocka_unit_test(prf_plus_limits),
		cmocka_unit_test(kdf_cavp_skeyseed),
		cmocka_unit_test(kdf_cavp_dkm),
		cmocka_unit_test(kdf_cavp_child),
		cmocka_unit_test(kdf_cavp_rekey),
		cmocka_unit_test(kdf_sha256_gcm),
		cmocka_unit_test(kdf_bad_suites),
		cmocka_unit_test(kex_vectors),
		cmocka_unit_test(kex_modp_round_trip),
		cmocka_unit_test(kex_ecp_round_trip),
		cmocka_unit_test(kex_unsupported),
		cmocka_unit_test(kex_reject_modp),
		cmocka_unit_test(kex_reject_ecp),
		cmocka_unit_test(kex_reject_x25519),
		cmocka_unit_test(sk_round_trips),
		cmocka_unit_test(sk_random_iv),
		cmocka_unit_test(sk_bounds),
		cmocka_unit_test(sk_known_answers),
		cmocka_unit_test(psk_auth_known),
		cmocka_unit_test(nat_hash_known),
		cmocka_unit_test(helpers),
		cmocka_unit_test(algs_tables),
		cmocka_unit_test(algs_esp),
		cmocka_unit_test(algs_esp_kernel),
		cmocka_unit_test(algs_names),
	};

	return cmocka_run_group_tests_name("crypto", tests, NULL, NULL);
}
