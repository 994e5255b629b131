// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for ESP encryption and decryption of one packet.
 *
 * Known answers: published ESP packets are decrypted and compared with
 * their plaintext, then tampered with (one bit of the packet, the sequence
 * number) and must fail to verify. Encryption cannot be compared with a
 * published packet, since the IV comes from the transform's IV generator
 * (seqiv or echainiv, salted per transform): the vector's payload is
 * encrypted instead, the result checked field by field and decrypted back.
 *
 * Vectors: see esp_kunit_vectors.c.
 *
 * Round trips: every algorithm of crypto.c, ESN on and off, payloads of
 * many lengths in skbs of several shapes (tight, paged, cloned).
 */

#include <crypto/aead.h>
#include <kunit/skbuff.h>
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/in.h>
#include <linux/jiffies.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <uapi/linux/flexsec.h>
#ifdef CONFIG_X86
#include <asm/fpu/api.h>
#endif

#include "../crypto.h"
#include "../esp.h"
#include "../sa.h"
#include "esp_kunit.h"

/* Room the caller asks for in front of the ESP header (an IPv4 header). */
#define ESP_TEST_HEADROOM	20

static void esp_kat_desc(const struct esp_kat *v, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%02d %s", v->id, v->what);
}

KUNIT_ARRAY_PARAM(esp_kat, flexsec_esp_kats, esp_kat_desc);

/**
 * struct esp_alg - one algorithm of crypto.c, for round trips
 * @name: for the report
 * @enc_alg: enum flexsec_enc_alg
 * @klen: encryption key length, salt included
 * @auth_alg: enum flexsec_auth_alg, for aes-cbc
 * @aklen: integrity key length
 * @esn: extended sequence numbers
 * @ivlen: the IV length the transform must have
 * @icvlen: the ICV length it must have
 * @align: the ciphertext alignment it must have
 */
struct esp_alg {
	const char *name;
	u32 enc_alg;
	unsigned int klen;
	u32 auth_alg;
	unsigned int aklen;
	bool esn;
	u8 ivlen;
	u8 icvlen;
	u8 align;
};

#define AEAD(name, alg, klen, esn) \
	{ name, FLEXSEC_ENC_ALG_##alg, klen, 0, 0, esn, 8, 16, 4 }
#define CBC(name, klen, auth, aklen, icvlen, esn) \
	{ name, FLEXSEC_ENC_ALG_AES_CBC, klen, FLEXSEC_AUTH_ALG_##auth, \
	  aklen, esn, 16, icvlen, 16 }

static const struct esp_alg esp_algs[] = {
	AEAD("aes128-gcm", AES_GCM, 16 + 4, false),
	AEAD("aes128-gcm esn", AES_GCM, 16 + 4, true),
	AEAD("aes256-gcm", AES_GCM, 32 + 4, false),
	AEAD("aes256-gcm esn", AES_GCM, 32 + 4, true),
	AEAD("chacha20-poly1305", CHACHA20_POLY1305, 32 + 4, false),
	AEAD("chacha20-poly1305 esn", CHACHA20_POLY1305, 32 + 4, true),
	CBC("aes128-cbc hmac(sha1)", 16, HMAC_SHA1_96, 20, 12, false),
	CBC("aes128-cbc hmac(sha256)", 16, HMAC_SHA256_128, 32, 16, false),
	CBC("aes128-cbc hmac(sha384)", 16, HMAC_SHA384_192, 48, 24, false),
	CBC("aes128-cbc hmac(sha512)", 16, HMAC_SHA512_256, 64, 32, false),
	CBC("aes128-cbc hmac(sha1) esn", 16, HMAC_SHA1_96, 20, 12, true),
	CBC("aes128-cbc hmac(sha256) esn", 16, HMAC_SHA256_128, 32, 16, true),
	CBC("aes128-cbc hmac(sha384) esn", 16, HMAC_SHA384_192, 48, 24, true),
	CBC("aes128-cbc hmac(sha512) esn", 16, HMAC_SHA512_256, 64, 32, true),
	CBC("aes192-cbc hmac(sha1)", 24, HMAC_SHA1_96, 20, 12, false),
	CBC("aes192-cbc hmac(sha256)", 24, HMAC_SHA256_128, 32, 16, false),
	CBC("aes192-cbc hmac(sha384)", 24, HMAC_SHA384_192, 48, 24, false),
	CBC("aes192-cbc hmac(sha512)", 24, HMAC_SHA512_256, 64, 32, false),
	CBC("aes192-cbc hmac(sha1) esn", 24, HMAC_SHA1_96, 20, 12, true),
	CBC("aes192-cbc hmac(sha256) esn", 24, HMAC_SHA256_128, 32, 16, true),
	CBC("aes192-cbc hmac(sha384) esn", 24, HMAC_SHA384_192, 48, 24, true),
	CBC("aes192-cbc hmac(sha512) esn", 24, HMAC_SHA512_256, 64, 32, true),
	CBC("aes256-cbc hmac(sha1)", 32, HMAC_SHA1_96, 20, 12, false),
	CBC("aes256-cbc hmac(sha256)", 32, HMAC_SHA256_128, 32, 16, false),
	CBC("aes256-cbc hmac(sha384)", 32, HMAC_SHA384_192, 48, 24, false),
	CBC("aes256-cbc hmac(sha512)", 32, HMAC_SHA512_256, 64, 32, false),
	CBC("aes256-cbc hmac(sha1) esn", 32, HMAC_SHA1_96, 20, 12, true),
	CBC("aes256-cbc hmac(sha256) esn", 32, HMAC_SHA256_128, 32, 16, true),
	CBC("aes256-cbc hmac(sha384) esn", 32, HMAC_SHA384_192, 48, 24, true),
	CBC("aes256-cbc hmac(sha512) esn", 32, HMAC_SHA512_256, 64, 32, true),
};

static void esp_alg_desc(const struct esp_alg *a, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", a->name);
}

KUNIT_ARRAY_PARAM(esp_alg, esp_algs, esp_alg_desc);

static void esp_test_xform_free(void *x)
{
	flexsec_xform_free(x);
}

/* An SA with only what esp.c uses: the transform and the SPI. */
static struct flexsec_sa *esp_test_sa(struct kunit *test, u32 enc_alg,
				      const void *key, unsigned int klen,
				      u32 auth_alg, const void *akey,
				      unsigned int aklen, bool esn, u32 spi)
{
	struct flexsec_sa *sa;
	int err;

	sa = kunit_kzalloc(test, sizeof(*sa), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sa);
	err = flexsec_xform_init(&sa->xform, enc_alg, key, klen, auth_alg,
				 akey, aklen, esn, NULL, NULL, NULL);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "flexsec_xform_init()");
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							esp_test_xform_free,
							&sa->xform), 0);
	sa->spi = spi;
	return sa;
}

/* A linear skb holding @len bytes of @data, freed when the test ends. */
static struct sk_buff *esp_test_skb(struct kunit *test, const void *data,
				    unsigned int len, unsigned int headroom,
				    unsigned int tailroom)
{
	struct sk_buff *skb;

	skb = alloc_skb(headroom + len + tailroom, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							kunit_action_kfree_skb,
							skb), 0);
	skb_reserve(skb, headroom);
	skb_put_data(skb, data, len);
	return skb;
}

/**
 * struct esp_wait - a call to esp.c and its completion
 * @done: signalled by the done callback
 * @skb: what the callback was given
 * @sa: likewise
 * @err: likewise
 */
struct esp_wait {
	struct completion done;
	struct sk_buff *skb;
	struct flexsec_sa *sa;
	int err;
};

static void esp_test_done(struct sk_buff *skb, struct flexsec_sa *sa,
			  void *priv, int err)
{
	struct esp_wait *w = priv;

	w->skb = skb;
	w->sa = sa;
	w->err = err;
	complete(&w->done);
}

/*
 * The outcome of a call that returned @err: the callback must not run on a
 * synchronous return, and must be given the packet, its SA and the error
 * otherwise.
 */
static int esp_test_wait(struct kunit *test, struct esp_wait *w,
			 struct flexsec_sa *sa, struct sk_buff *skb, int err)
{
	if (err != -EINPROGRESS) {
		KUNIT_EXPECT_FALSE_MSG(test, completion_done(&w->done),
				       "done called, yet returned %d", err);
		return err;
	}
	if (!wait_for_completion_timeout(&w->done, 30 * HZ)) {
		KUNIT_FAIL(test, "no completion 30 s after -EINPROGRESS");
		wait_for_completion(&w->done);
	}
	KUNIT_EXPECT_PTR_EQ(test, w->skb, skb);
	KUNIT_EXPECT_PTR_EQ(test, w->sa, sa);
	KUNIT_EXPECT_NE_MSG(test, w->err, -EINPROGRESS,
			    "done called before the end");
	return w->err;
}

static int esp_test_encrypt(struct kunit *test, struct flexsec_sa *sa,
			    struct sk_buff *skb, u64 seq, u8 nexthdr)
{
	struct esp_wait w;
	int err;

	init_completion(&w.done);
	err = flexsec_esp_encrypt(sa, skb, seq, nexthdr, ESP_TEST_HEADROOM,
				  esp_test_done, &w);
	return esp_test_wait(test, &w, sa, skb, err);
}

static int esp_test_decrypt(struct kunit *test, struct flexsec_sa *sa,
			    struct sk_buff *skb, u64 seq)
{
	struct esp_wait w;
	int err;

	init_completion(&w.done);
	err = flexsec_esp_decrypt(sa, skb, seq, esp_test_done, &w);
	return esp_test_wait(test, &w, sa, skb, err);
}

/* Decrypt a copy of @len bytes of @packet, bit @bit of byte @at flipped. */
static int esp_test_decrypt_flipped(struct kunit *test, struct flexsec_sa *sa,
				    const u8 *packet, unsigned int len,
				    int at, u8 bit, u64 seq)
{
	struct sk_buff *skb = esp_test_skb(test, packet, len, 0, 0);

	if (at >= 0)
		skb->data[at] ^= bit;
	return esp_test_decrypt(test, sa, skb, seq);
}

static u32 esp_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

/* The ESP header flexsec_esp_encrypt() must write. */
static void esp_test_header(u8 *hdr, u32 spi, u64 seq)
{
	__be32 h[2] = { htonl(spi), htonl(lower_32_bits(seq)) };

	memcpy(hdr, h, sizeof(h));
}

static void esp_kat_test(struct kunit *test)
{
	const struct esp_kat *v = test->param_value;
	const u8 *packet = (const u8 *)v->packet;
	const u8 *plain = (const u8 *)v->plain;
	unsigned int ivlen, icvlen, off, payload;
	struct flexsec_sa *sa;
	struct sk_buff *skb;
	int i, err, flips[6];
	u8 nexthdr;

	sa = esp_test_sa(test, v->enc_alg, v->key, v->klen, v->auth_alg,
			 v->akey, v->aklen, v->esn, esp_be32(packet));
	ivlen = sa->xform.ivlen;
	icvlen = sa->xform.icvlen;
	off = FLEXSEC_ESP_HLEN + ivlen;
	KUNIT_ASSERT_EQ_MSG(test, v->len, off + v->plen + icvlen,
			    "vector %d: packet length", v->id);

	/* Decryption, in place. */
	skb = esp_test_skb(test, packet, v->len, 0, 0);
	err = esp_test_decrypt(test, sa, skb, v->seq);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "vector %d: decryption", v->id);
	KUNIT_EXPECT_EQ_MSG(test, skb->len, v->len, "vector %d", v->id);
	KUNIT_EXPECT_MEMEQ_MSG(test, skb->data, packet, off,
			       "vector %d: header and IV changed", v->id);
	KUNIT_EXPECT_MEMEQ_MSG(test, skb->data + off, plain, v->plen,
			       "vector %d: plaintext", v->id);

	/* One bit flipped anywhere but in the sequence number field. */
	flips[0] = 3;				/* SPI */
	flips[1] = FLEXSEC_ESP_HLEN;		/* IV */
	flips[2] = off;				/* ciphertext */
	flips[3] = off + v->plen - 1;
	flips[4] = v->len - icvlen;		/* ICV */
	flips[5] = v->len - 1;
	for (i = 0; i < ARRAY_SIZE(flips); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    esp_test_decrypt_flipped(test, sa, packet,
							     v->len, flips[i],
							     BIT(i % 8), v->seq),
				    -EBADMSG, "vector %d: bit %d of byte %d flipped",
				    v->id, i % 8, flips[i]);

	/*
	 * The sequence number: its low half always counts, its high half only
	 * with ESN.
	 */
	KUNIT_EXPECT_EQ_MSG(test,
			    esp_test_decrypt_flipped(test, sa, packet, v->len,
						     -1, 0, v->seq ^ 1),
			    -EBADMSG, "vector %d: wrong low half", v->id);
	skb = esp_test_skb(test, packet, v->len, 0, 0);
	err = esp_test_decrypt(test, sa, skb, v->seq ^ BIT_ULL(32));
	if (v->esn) {
		KUNIT_EXPECT_EQ_MSG(test, err, -EBADMSG,
				    "vector %d: wrong high half", v->id);
	} else {
		KUNIT_EXPECT_EQ_MSG(test, err, 0,
				    "vector %d: high half without ESN", v->id);
		KUNIT_EXPECT_MEMEQ(test, skb->data + off, plain, v->plen);
	}

	/* Encryption of the vector's payload, on the same SA. */
	payload = v->plen - 2 - plain[v->plen - 2];
	nexthdr = plain[v->plen - 1];
	skb = esp_test_skb(test, plain, payload, 0, 0);
	err = esp_test_encrypt(test, sa, skb, v->seq, nexthdr);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "vector %d: encryption", v->id);
	KUNIT_ASSERT_EQ_MSG(test, skb->len, v->len,
			    "vector %d: encrypted length", v->id);
	KUNIT_EXPECT_MEMEQ_MSG(test, skb->data, packet, FLEXSEC_ESP_HLEN,
			       "vector %d: ESP header", v->id);
	err = esp_test_decrypt(test, sa, skb, v->seq);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "vector %d: decryption of ours",
			    v->id);
	KUNIT_EXPECT_MEMEQ_MSG(test, skb->data + off, plain, v->plen,
			       "vector %d: padding, pad length, next header",
			       v->id);
}

enum esp_shape {
	ESP_ROOMY,	/* room enough at both ends */
	ESP_TIGHT,	/* no headroom, no tailroom to speak of */
	ESP_PAGED,	/* most of the payload in a page fragment */
	ESP_CLONED,	/* a clone shares the data */
	ESP_SHAPES,
};

static const char *const esp_shape_names[] = {
	"roomy", "tight", "paged", "cloned",
};

static struct sk_buff *esp_test_shaped(struct kunit *test, const u8 *payload,
				       unsigned int len, enum esp_shape shape,
				       struct sk_buff **clone)
{
	unsigned int head = min(len, 8U);
	struct sk_buff *skb;
	struct page *page;

	*clone = NULL;
	switch (shape) {
	case ESP_TIGHT:
		return esp_test_skb(test, payload, len, 0, 0);
	case ESP_PAGED:
		skb = esp_test_skb(test, payload, head, 0, 0);
		if (len == head)
			return skb;
		page = alloc_page(GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, page);
		memcpy(page_address(page), payload + head, len - head);
		skb_add_rx_frag(skb, 0, page, 0, len - head, PAGE_SIZE);
		return skb;
	case ESP_CLONED:
		skb = esp_test_skb(test, payload, len, 64, 64);
		*clone = skb_clone(skb, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, *clone);
		KUNIT_ASSERT_EQ(test,
				kunit_add_action_or_reset(test,
							  kunit_action_kfree_skb,
							  *clone), 0);
		return skb;
	default:
		return esp_test_skb(test, payload, len, 64, 64);
	}
}

/*
 * Encrypt @len bytes, check the packet, decrypt it back, and decrypt it
 * again with the high half of the sequence number changed. The IV of the
 * packet is returned in @iv.
 */
static void esp_round_trip(struct kunit *test, struct flexsec_sa *sa,
			   unsigned int len, u64 seq, enum esp_shape shape,
			   u8 *iv)
{
	const struct flexsec_xform *x = &sa->xform;
	unsigned int clen = ALIGN(len + 2, x->align);
	unsigned int off = FLEXSEC_ESP_HLEN + x->ivlen;
	unsigned int total = off + clen + x->icvlen;
	u8 nexthdr = len % 2 ? IPPROTO_IPIP : IPPROTO_IPV6;
	unsigned int padlen = clen - len - 2, i;
	struct sk_buff *skb, *clone;
	u8 *payload, *expect, *sent;
	u8 hdr[FLEXSEC_ESP_HLEN];
	int err;

	payload = kunit_kmalloc(test, len + 1, GFP_KERNEL);
	expect = kunit_kmalloc(test, clen, GFP_KERNEL);
	sent = kunit_kmalloc(test, total, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, payload);
	KUNIT_ASSERT_NOT_NULL(test, expect);
	KUNIT_ASSERT_NOT_NULL(test, sent);
	for (i = 0; i < len; i++)
		payload[i] = i * 7 + len;
	memcpy(expect, payload, len);
	for (i = 0; i < padlen; i++)
		expect[len + i] = i + 1;
	expect[len + padlen] = padlen;
	expect[len + padlen + 1] = nexthdr;

	skb = esp_test_shaped(test, payload, len, shape, &clone);
	err = esp_test_encrypt(test, sa, skb, seq, nexthdr);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "%u bytes, %s, seq %#llx: encryption",
			    len, esp_shape_names[shape], seq);
	KUNIT_ASSERT_EQ_MSG(test, skb->len, total, "%u bytes, %s: length",
			    len, esp_shape_names[shape]);
	KUNIT_EXPECT_FALSE(test, skb_is_nonlinear(skb));
	KUNIT_EXPECT_GE_MSG(test, skb_headroom(skb), ESP_TEST_HEADROOM,
			    "%u bytes, %s: headroom", len,
			    esp_shape_names[shape]);
	KUNIT_EXPECT_PTR_EQ(test, skb_transport_header(skb), skb->data);
	esp_test_header(hdr, sa->spi, seq);
	KUNIT_EXPECT_MEMEQ_MSG(test, skb->data, hdr, sizeof(hdr),
			       "%u bytes, seq %#llx: ESP header", len, seq);
	if (clone)
		KUNIT_EXPECT_MEMEQ_MSG(test, clone->data, payload, len,
				       "%u bytes: the clone's data changed",
				       len);
	memcpy(sent, skb->data, total);
	memcpy(iv, skb->data + FLEXSEC_ESP_HLEN, x->ivlen);

	err = esp_test_decrypt(test, sa, skb, seq);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "%u bytes, seq %#llx: decryption",
			    len, seq);
	KUNIT_EXPECT_MEMEQ_MSG(test, skb->data + off, expect, clen,
			       "%u bytes: payload, padding, pad length, next header",
			       len);

	skb = esp_test_skb(test, sent, total, 0, 0);
	err = esp_test_decrypt(test, sa, skb, seq ^ BIT_ULL(32));
	KUNIT_EXPECT_EQ_MSG(test, err, x->esn ? -EBADMSG : 0,
			    "%u bytes, seq %#llx: high half changed", len, seq);
}

static const u64 esp_seqs[] = {
	1, 2, 0x7fffffff, 0xffffffff, 0x100000000ULL, 0x1fffffffeULL,
	0x0123456789abcdefULL, U64_MAX,
};

/* Key bytes that differ from one algorithm to the next. */
static void esp_test_key(u8 *key, unsigned int len, u8 seed)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		key[i] = seed + i * 13;
}

static struct flexsec_sa *esp_alg_sa(struct kunit *test,
				     const struct esp_alg *a, u32 spi)
{
	u8 key[32 + 4], akey[64];
	struct flexsec_sa *sa;

	esp_test_key(key, a->klen, a->klen + a->auth_alg);
	esp_test_key(akey, a->aklen, a->aklen + 1);
	sa = esp_test_sa(test, a->enc_alg, key, a->klen, a->auth_alg, akey,
			 a->aklen, a->esn, spi);
	KUNIT_EXPECT_EQ(test, sa->xform.ivlen, a->ivlen);
	KUNIT_EXPECT_EQ(test, sa->xform.icvlen, a->icvlen);
	KUNIT_EXPECT_EQ(test, sa->xform.align, a->align);
	KUNIT_EXPECT_EQ(test, sa->xform.esn, a->esn);
	return sa;
}

/* IVs of consecutive round trips, whose sequence numbers differ. */
static void esp_check_ivs(struct kunit *test, const struct esp_alg *a,
			  const u8 *iv, u64 seq, const u8 *prev, u64 prev_seq)
{
	__be64 s = cpu_to_be64(seq), p = cpu_to_be64(prev_seq);
	u8 d[8], want[8];
	unsigned int i;

	KUNIT_EXPECT_MEMNEQ_MSG(test, iv, prev, a->ivlen,
				"same IV for seq %#llx and %#llx", prev_seq, seq);
	if (a->enc_alg == FLEXSEC_ENC_ALG_AES_CBC)
		return;
	/* seqiv: the IV is the sequence number XOR a per-transform salt. */
	memcpy(want, &s, sizeof(want));
	memcpy(d, &p, sizeof(d));
	for (i = 0; i < sizeof(d); i++) {
		want[i] ^= d[i];
		d[i] = iv[i] ^ prev[i];
	}
	KUNIT_EXPECT_MEMEQ_MSG(test, d, want, sizeof(d),
			       "IVs of seq %#llx and %#llx", prev_seq, seq);
}

static void esp_alg_test(struct kunit *test)
{
	static const unsigned int big[] = { 255, 1400, 3000 };
	const struct esp_alg *a = test->param_value;
	unsigned int i, small, len;
	struct flexsec_sa *sa;
	u8 iv[2][16];
	u64 seq = 0;

	sa = esp_alg_sa(test, a, 0xc0a80001 + a->klen);

	/*
	 * Every padding length, then a few large packets; each with the next
	 * sequence number and skb shape. The IV generator must be given the
	 * whole sequence number: seqiv makes the IV the number XOR a salt,
	 * echainiv an encryption of it.
	 */
	small = max(a->align + 2U, 12U);
	for (i = 0; i < small + ARRAY_SIZE(big); i++) {
		u64 prev = seq;

		len = i < small ? i : big[i - small];
		seq = esp_seqs[i % ARRAY_SIZE(esp_seqs)];
		esp_round_trip(test, sa, len, seq, i % ESP_SHAPES, iv[i % 2]);
		if (i)
			esp_check_ivs(test, a, iv[i % 2], seq, iv[(i + 1) % 2],
				      prev);
	}
}

/*
 * The asynchronous path: with the FPU taken, the SIMD implementations hand
 * requests to cryptd, as they do when a packet arrives while the FPU is in
 * use, and the callback reports the outcome.
 */
static void esp_async_test(struct kunit *test)
{
#ifdef CONFIG_X86
	const struct esp_alg *a = test->param_value;
	unsigned int total, async = 0;
	struct esp_wait w;
	struct sk_buff *skb;
	struct flexsec_sa *sa;
	u8 payload[100], *sent;
	int err, round;

	sa = esp_alg_sa(test, a, 0x00a5c000 + a->klen);
	memset(payload, 0x5a, sizeof(payload));
	total = FLEXSEC_ESP_HLEN + a->ivlen +
		ALIGN(sizeof(payload) + 2, a->align) + a->icvlen;
	sent = kunit_kmalloc(test, total, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sent);

	skb = esp_test_skb(test, payload, sizeof(payload), 64, 64);
	init_completion(&w.done);
	kernel_fpu_begin();
	err = flexsec_esp_encrypt(sa, skb, 0x100000007ULL, IPPROTO_IPIP,
				  ESP_TEST_HEADROOM, esp_test_done, &w);
	kernel_fpu_end();
	async += err == -EINPROGRESS;
	err = esp_test_wait(test, &w, sa, skb, err);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "encryption");
	KUNIT_ASSERT_EQ(test, skb->len, total);
	memcpy(sent, skb->data, total);

	/* Intact, then with its ICV or its sequence number wrong. */
	for (round = 0; round < 3; round++) {
		skb = esp_test_skb(test, sent, total, 0, 0);
		if (round == 1)
			skb->data[total - 1] ^= 0x80;
		init_completion(&w.done);
		kernel_fpu_begin();
		err = flexsec_esp_decrypt(sa, skb, round == 2 ? 8 : 0x100000007ULL,
					  esp_test_done, &w);
		kernel_fpu_end();
		async += err == -EINPROGRESS;
		err = esp_test_wait(test, &w, sa, skb, err);
		KUNIT_EXPECT_EQ_MSG(test, err, round ? -EBADMSG : 0,
				    "decryption %d", round);
		if (!round)
			KUNIT_EXPECT_MEMEQ(test, skb->data + FLEXSEC_ESP_HLEN +
					   a->ivlen, payload, sizeof(payload));
	}
	if (!async)
		kunit_skip(test, "%s completed synchronously", a->name);
#else
	kunit_skip(test, "needs x86 to defer to cryptd");
#endif
}

/* Keys flexsec refuses, among them draft-mcgrew-gcm-test-01 case 7's. */
static void esp_refused_test(struct kunit *test)
{
	static const u8 aes192_gcm[] =
		"\xfe\xff\xe9\x92\x86\x65\x73\x1c"
		"\x6d\x6a\x8f\x94\x67\x30\x83\x08"
		"\xfe\xff\xe9\x92\x86\x65\x73\x1c"
		"\xca\xfe\xba\xbe";
	static const struct {
		const char *what;
		u32 enc_alg;
		unsigned int klen;
		u32 auth_alg;
		unsigned int aklen;
	} cases[] = {
		{ "aes192-gcm", FLEXSEC_ENC_ALG_AES_GCM, 24 + 4, 0, 0 },
		{ "aes-gcm without salt", FLEXSEC_ENC_ALG_AES_GCM, 16, 0, 0 },
		{ "aes-gcm with an HMAC", FLEXSEC_ENC_ALG_AES_GCM, 16 + 4,
		  FLEXSEC_AUTH_ALG_HMAC_SHA256_128, 32 },
		{ "chacha20-poly1305 without salt",
		  FLEXSEC_ENC_ALG_CHACHA20_POLY1305, 32, 0, 0 },
		{ "aes-cbc without HMAC", FLEXSEC_ENC_ALG_AES_CBC, 16, 0, 0 },
		{ "aes-cbc with a short HMAC key", FLEXSEC_ENC_ALG_AES_CBC, 16,
		  FLEXSEC_AUTH_ALG_HMAC_SHA256_128, 20 },
		{ "aes-cbc with a salt", FLEXSEC_ENC_ALG_AES_CBC, 16 + 4,
		  FLEXSEC_AUTH_ALG_HMAC_SHA1_96, 20 },
		{ "unknown algorithm", 99, 16, 0, 0 },
	};
	struct flexsec_xform x = {};
	u8 key[64] = {}, akey[64] = {};
	unsigned int i;

	memcpy(key, aes192_gcm, 24 + 4);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		KUNIT_EXPECT_EQ_MSG(test,
				    flexsec_xform_init(&x, cases[i].enc_alg,
						       key, cases[i].klen,
						       cases[i].auth_alg, akey,
						       cases[i].aklen, false,
						       NULL, NULL, NULL),
				    -EINVAL, "%s", cases[i].what);
		KUNIT_EXPECT_NULL(test, x.aead);
	}
}

/*
 * The first use of each algorithm builds its templates, asking for modules
 * on the way: seconds each in an emulated guest.
 */
#define ESP_SLOW	{ .speed = KUNIT_SPEED_SLOW }

static struct kunit_case esp_cases[] = {
	KUNIT_CASE_PARAM_ATTR(esp_kat_test, esp_kat_gen_params, ESP_SLOW),
	KUNIT_CASE_PARAM_ATTR(esp_alg_test, esp_alg_gen_params, ESP_SLOW),
	KUNIT_CASE_PARAM(esp_async_test, esp_alg_gen_params),
	KUNIT_CASE(esp_refused_test),
	{}
};

static struct kunit_suite esp_suite = {
	.name = "flexsec_esp",
	.test_cases = esp_cases,
};

kunit_test_suite(esp_suite);
