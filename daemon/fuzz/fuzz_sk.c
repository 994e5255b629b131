// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the SK payload (crypto.c): arbitrary bytes to
 * ike_sk_open for every ENCR/INTEG suite flexsecd knows, with fixed keys.
 *
 * Input: byte 0 picks the suite (low 4 bits) and the mode (bits 4-5),
 * byte 1 the offset of the SK body, the rest is the message. Modes:
 *  0  open the message as it is (it must never crash, and is refused
 *     unless someone forged a MAC);
 *  1  for AES-CBC, put a valid ICV on it first, so that decryption and
 *     the padding checks run on garbage;
 *  2  seal the bytes as a plaintext, open them again (must give them
 *     back), then flip one byte (must be refused).
 */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "algs.h"
#include "crypto.h"
#include "ike_proto.h"

#define MAX_SUITES	16
#define HDR_LEN		(IKE_HDR_LEN + IKE_GENERIC_HDR_LEN)

static struct ike_suite suites[MAX_SUITES];
static unsigned int n_suites;
static uint8_t ek[IKE_MAX_KEY], ak[IKE_MAX_KEY];

static void add_suite(const struct alg *e, const struct alg *a)
{
	struct ike_suite *s;

	if (n_suites == MAX_SUITES)
		return;
	s = &suites[n_suites++];
	s->encr = e->id;
	s->encr_bits = e->keybits;
	s->integ = a ? a->id : IKE_INTEG_NONE;
	s->prf = IKE_PRF_HMAC_SHA2_256;
	s->dh = IKE_DH_ECP_256;
}

static void init(void)
{
	const struct alg *e, *a;
	unsigned int i, j;

	for (i = 0; i < IKE_MAX_KEY; i++) {
		ek[i] = (uint8_t)(0x30 + i);
		ak[i] = (uint8_t)(0x90 + i);
	}
	for (i = 0; (e = alg_nth(IKE_TT_ENCR, i)); i++) {
		if (e->aead) {
			add_suite(e, NULL);
			continue;
		}
		for (j = 0; (a = alg_nth(IKE_TT_INTEG, j)); j++)
			add_suite(e, a);
	}
}

/* The PRF computing the same HMAC as integrity algorithm ID. */
static uint16_t integ_prf(uint16_t id)
{
	switch (id) {
	case IKE_INTEG_HMAC_SHA1_96:
		return IKE_PRF_HMAC_SHA1;
	case IKE_INTEG_HMAC_SHA2_256_128:
		return IKE_PRF_HMAC_SHA2_256;
	case IKE_INTEG_HMAC_SHA2_384_192:
		return IKE_PRF_HMAC_SHA2_384;
	case IKE_INTEG_HMAC_SHA2_512_256:
		return IKE_PRF_HMAC_SHA2_512;
	}
	return 0;
}

static void open_raw(const struct ike_suite *s, const uint8_t *msg,
		     size_t off, size_t len)
{
	uint8_t *out = malloc(len ? len : 1);
	size_t olen = 0;

	if (!out)
		return;
	if (!ike_sk_open(s, ek, ak, msg, off, len, out, &olen) &&
	    (off > len || olen > len - off))
		abort();
	free(out);
}

/* Mode 1: a valid ICV over whatever the message is, then open. */
static void open_remac(const struct ike_suite *s, const uint8_t *data,
		       size_t off, size_t len)
{
	const struct alg *a = alg_find(IKE_TT_INTEG, s->integ, 0);
	uint8_t mac[IKE_MAX_PRF], *msg;

	if (!a || len < a->icv_len) {
		open_raw(s, data, off, len);
		return;
	}
	msg = malloc(len ? len : 1);
	if (!msg)
		return;
	memcpy(msg, data, len);
	if (!ike_prf(integ_prf(s->integ), ak, a->key_len, msg,
		     len - a->icv_len, mac))
		memcpy(msg + len - a->icv_len, mac, a->icv_len);
	open_raw(s, msg, off, len);
	free(msg);
}

/* Mode 2: seal, open, tamper. */
static void round_trip(const struct ike_suite *s, const uint8_t *plain,
		       size_t plen, uint8_t pick)
{
	size_t body = ike_sk_len(s, plen), len, olen = 0;
	uint8_t *msg, *out;

	if (!body)
		abort();
	len = HDR_LEN + body;
	msg = calloc(1, len);
	out = malloc(len);
	if (!msg || !out)
		goto out;
	memset(msg, pick, HDR_LEN);
	if (ike_sk_seal(s, ek, ak, msg, HDR_LEN, plain, plen) ||
	    ike_sk_open(s, ek, ak, msg, HDR_LEN, len, out, &olen) ||
	    olen != plen || (plen && memcmp(out, plain, plen)))
		abort();
	msg[(pick * 257u + plen) % len] ^= 1u << (pick & 7);
	if (!ike_sk_open(s, ek, ak, msg, HDR_LEN, len, out, &olen))
		abort();
out:
	free(msg);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct ike_suite *s;
	size_t off, len;

	if (!n_suites)
		init();
	if (size < 2 || !n_suites)
		return 0;
	s = &suites[(data[0] & 0x0f) % n_suites];
	off = data[1];
	len = size - 2;
	switch ((data[0] >> 4) & 3) {
	case 1:
		open_remac(s, data + 2, off, len);
		break;
	case 2:
		if (len <= 4096)
			round_trip(s, data + 2, len, data[1]);
		break;
	default:
		open_raw(s, data + 2, off, len);
		break;
	}
	return 0;
}
