// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the SK payload (flexsecd/crypto.c): every encryption and
 * integrity algorithm sealed, opened and tampered with, random IVs, the
 * bounds of a payload, and known answers for AES-GCM, AES-CBC and
 * ChaCha20-Poly1305. These have no published vector: they were computed
 * independently with the Python "cryptography" package when these tests
 * were written.
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sk_round_trips),
		cmocka_unit_test(sk_random_iv),
		cmocka_unit_test(sk_bounds),
		cmocka_unit_test(sk_known_answers),
	};

	return cmocka_run_group_tests_name("crypto_sk", tests, NULL, NULL);
}
