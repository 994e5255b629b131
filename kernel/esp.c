// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec: ESP encryption and decryption of one packet (RFC 4303).
 *
 * The associated data is the SPI and the sequence number, its high half in
 * between with ESN (RFC 4106 section 5, RFC 7634 section 3; the authencesn
 * template moves it where RFC 4303 puts it for HMACs). It is built in a
 * small buffer beside the request, so the packet itself is never shifted.
 * The IV generator in front of each transform writes the IV after the ESP
 * header, from the sequence number it is given.
 *
 * Either call may complete asynchronously; the done callback then runs from
 * the crypto layer, in softirq or process context.
 */

#include <crypto/aead.h>
#include <linux/ip.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <net/esp.h>
#include <uapi/linux/flexsec.h>

#include "compat.h"
#include "esp.h"
#include "sa.h"

/* Everything a request needs, in one allocation per packet. */
struct esp_req {
	struct sk_buff *skb;
	struct flexsec_sa *sa;
	flexsec_esp_done_t done;
	void *priv;
	u8 ad[12];
	u8 iv[16] __aligned(8);
	struct scatterlist sg[2];
	struct aead_request req;	/* followed by the transform's context */
};

static struct esp_req *esp_req_alloc(struct flexsec_sa *sa, struct sk_buff *skb,
				     flexsec_esp_done_t done, void *priv)
{
	struct crypto_aead *aead = sa->xform.aead;
	struct esp_req *r;

	r = kmalloc(sizeof(*r) + crypto_aead_reqsize(aead), GFP_ATOMIC);
	if (!r)
		return NULL;
	r->skb = skb;
	r->sa = sa;
	r->done = done;
	r->priv = priv;
	aead_request_set_tfm(&r->req, aead);
	return r;
}

static unsigned int esp_set_ad(struct esp_req *r, __be32 spi, u64 seq, bool esn)
{
	__be32 *ad = (__be32 *)r->ad;

	ad[0] = spi;
	if (!esn) {
		ad[1] = htonl(lower_32_bits(seq));
		return 8;
	}
	ad[1] = htonl(upper_32_bits(seq));
	ad[2] = htonl(lower_32_bits(seq));
	return 12;
}

static void esp_done(struct esp_req *r, int err)
{
	/* A backlogged request reports it has been queued: not done yet. */
	if (err == -EINPROGRESS)
		return;
	r->done(r->skb, r->sa, r->priv, err);
	kfree(r);
}

/* Crypto completions were given the request before 6.3, its data since. */
#ifdef FLEXSEC_COMPAT_OLD_CRYPTO_COMPLETION
static void esp_complete(struct crypto_async_request *areq, int err)
{
	esp_done(areq->data, err);
}
#else
static void esp_complete(void *data, int err)
{
	esp_done(data, err);
}
#endif

static int esp_run(struct esp_req *r, int err)
{
	if (err == -EINPROGRESS || err == -EBUSY)
		return -EINPROGRESS;
	kfree(r);
	return err;
}

/* Linear, unshared, and with the room asked for at both ends. */
static int esp_make_room(struct sk_buff *skb, unsigned int head,
			 unsigned int tail)
{
	unsigned int hr = skb_headroom(skb), tr = skb_tailroom(skb);
	int nhead = head > hr ? head - hr : 0;
	int ntail = tail > tr ? tail - tr : 0;

	if (skb_linearize(skb))
		return -ENOMEM;
	if (nhead || ntail || skb_cloned(skb))
		return pskb_expand_head(skb, nhead, ntail, GFP_ATOMIC);
	return 0;
}

/**
 * flexsec_esp_encrypt() - turn a payload into an ESP packet
 * @sa: outbound SA, referenced by the caller
 * @skb: the payload at skb->data; on success the ESP header is there
 * @seq: the packet's sequence number
 * @nexthdr: the protocol of the payload
 * @headroom: room to keep in front of the ESP header (outer headers)
 * @done: called when the crypto completes asynchronously
 * @priv: passed to @done
 *
 * Context: softirq or process context; does not sleep.
 * Return: 0 when done, -EINPROGRESS when @done will be called, or another
 * negative errno (the caller still owns @skb).
 */
int flexsec_esp_encrypt(struct flexsec_sa *sa, struct sk_buff *skb, u64 seq,
			u8 nexthdr, unsigned int headroom,
			flexsec_esp_done_t done, void *priv)
{
	const struct flexsec_xform *x = &sa->xform;
	unsigned int plen = skb->len, clen, padlen, adlen, i;
	struct ip_esp_hdr *esph;
	struct esp_req *r;
	u8 *tail;
	int err;

	clen = ALIGN(plen + 2, x->align);
	padlen = clen - plen - 2;
	err = esp_make_room(skb, headroom + FLEXSEC_ESP_HLEN + x->ivlen,
			    clen - plen + x->icvlen);
	if (err)
		return err;

	/* Self-describing padding (RFC 4303 2.4), pad length, next header. */
	tail = skb_put(skb, clen - plen + x->icvlen);
	for (i = 0; i < padlen; i++)
		tail[i] = i + 1;
	tail[padlen] = padlen;
	tail[padlen + 1] = nexthdr;

	esph = skb_push(skb, FLEXSEC_ESP_HLEN + x->ivlen);
	esph->spi = htonl(sa->spi);
	esph->seq_no = htonl(lower_32_bits(seq));
	skb_reset_transport_header(skb);

	r = esp_req_alloc(sa, skb, done, priv);
	if (!r)
		return -ENOMEM;
	adlen = esp_set_ad(r, esph->spi, seq, x->esn);
	memset(r->iv, 0, x->ivlen);
	/* ivlen is 8 or 16: the number lands 8-byte aligned. */
	*(__be64 *)(r->iv + x->ivlen - sizeof(u64)) = cpu_to_be64(seq);

	sg_init_table(r->sg, 2);
	sg_set_buf(&r->sg[0], r->ad, adlen);
	sg_set_buf(&r->sg[1], esph->enc_data, x->ivlen + clen + x->icvlen);
	aead_request_set_callback(&r->req, CRYPTO_TFM_REQ_MAY_BACKLOG,
				  esp_complete, r);
	aead_request_set_crypt(&r->req, r->sg, r->sg, x->ivlen + clen, r->iv);
	aead_request_set_ad(&r->req, adlen);
	return esp_run(r, crypto_aead_encrypt(&r->req));
}

/**
 * flexsec_esp_decrypt() - decrypt and verify an ESP packet in place
 * @sa: inbound SA, referenced by the caller
 * @skb: the ESP packet at skb->data, linear and writable, at least
 *	 header, IV and ICV long
 * @seq: its 64-bit sequence number, as the replay window inferred it from
 *	 the header; the ICV covers this number, not the header's field
 * @done: called when the crypto completes asynchronously
 * @priv: passed to @done
 *
 * The plaintext (payload, padding, pad length, next header) is left where
 * the ciphertext was.
 *
 * Context: softirq or process context; does not sleep.
 * Return: 0 when done, -EINPROGRESS when @done will be called, -EBADMSG when
 * the ICV did not verify, or another negative errno.
 */
int flexsec_esp_decrypt(struct flexsec_sa *sa, struct sk_buff *skb, u64 seq,
			flexsec_esp_done_t done, void *priv)
{
	const struct flexsec_xform *x = &sa->xform;
	struct ip_esp_hdr *esph = (struct ip_esp_hdr *)skb->data;
	unsigned int elen, adlen;
	struct esp_req *r;

	if (WARN_ON_ONCE(skb->len < FLEXSEC_ESP_HLEN + x->ivlen + x->icvlen))
		return -EINVAL;
	elen = skb->len - FLEXSEC_ESP_HLEN - x->ivlen - x->icvlen;

	r = esp_req_alloc(sa, skb, done, priv);
	if (!r)
		return -ENOMEM;
	adlen = esp_set_ad(r, esph->spi, seq, x->esn);

	sg_init_table(r->sg, 2);
	sg_set_buf(&r->sg[0], r->ad, adlen);
	sg_set_buf(&r->sg[1], esph->enc_data, x->ivlen + elen + x->icvlen);
	aead_request_set_callback(&r->req, CRYPTO_TFM_REQ_MAY_BACKLOG,
				  esp_complete, r);
	aead_request_set_crypt(&r->req, r->sg, r->sg,
			       x->ivlen + elen + x->icvlen, r->iv);
	aead_request_set_ad(&r->req, adlen);
	return esp_run(r, crypto_aead_decrypt(&r->req));
}
