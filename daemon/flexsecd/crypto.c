// SPDX-License-Identifier: GPL-2.0
/*
 * IKEv2 cryptography on OpenSSL 3: HMAC (EVP_MAC), the PRFs,
 * the SK payload's ciphers (EVP_CIPHER) and the key derivations of RFC 7296;
 * key exchange is crypto_dh.c.
 * Every buffer that held a secret is wiped with OPENSSL_cleanse.
 */

#include <limits.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "algs.h"
#include "crypto.h"
#include "ike_proto.h"

/* A piece of a message fed to a MAC or to prf+, in order. */
struct iov {
	const void *p;
	size_t len;
};

int ike_random(void *buf, size_t len)
{
	if (len > INT_MAX)
		return -1;
	if (!len)
		return 0;
	return RAND_bytes(buf, (int)len) == 1 ? 0 : -1;
}

bool ike_memeq(const void *a, const void *b, size_t len)
{
	return CRYPTO_memcmp(a, b, len) == 0;
}

static void put64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--) {
		p[i] = (uint8_t)v;
		v >>= 8;
	}
}

/* --- HMAC --- */

static EVP_MAC *hmac_mac(void)
{
	static EVP_MAC *mac;

	if (!mac)
		mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	return mac;
}

/* The digest behind a PRF or an integrity algorithm, by output length. */
static const char *md_by_len(size_t len)
{
	switch (len) {
	case 20:
		return "SHA1";
	case 32:
		return "SHA256";
	case 48:
		return "SHA384";
	case 64:
		return "SHA512";
	}
	return NULL;
}

/*
 * HMAC with digest MD over the pieces V[0..N) into OUT (room for CAP
 * bytes, at least the digest's size); the MAC's length or -1.
 */
static int hmac_v(const char *md, const uint8_t *key, size_t klen,
		  const struct iov *v, unsigned int n, uint8_t *out, size_t cap)
{
	static const uint8_t no_key;
	OSSL_PARAM params[2];
	EVP_MAC_CTX *ctx;
	EVP_MAC *mac = hmac_mac();
	size_t olen = 0;
	unsigned int i;
	int ret = -1;

	if (!mac || !md)
		return -1;
	ctx = EVP_MAC_CTX_new(mac);
	if (!ctx)
		return -1;
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
						     (char *)md, 0);
	params[1] = OSSL_PARAM_construct_end();
	if (EVP_MAC_init(ctx, key ? key : &no_key, key ? klen : 0,
			 params) != 1)
		goto out;
	for (i = 0; i < n; i++)
		if (v[i].len && EVP_MAC_update(ctx, v[i].p, v[i].len) != 1)
			goto out;
	if (EVP_MAC_final(ctx, out, &olen, cap) != 1 || olen > INT_MAX)
		goto out;
	ret = (int)olen;
out:
	EVP_MAC_CTX_free(ctx);
	return ret;
}

/* The PRF's algorithm entry, or NULL. */
static const struct alg *prf_alg(uint16_t prf)
{
	return alg_find(IKE_TT_PRF, prf, 0);
}

size_t ike_prf_len(uint16_t prf)
{
	const struct alg *a = prf_alg(prf);

	return a ? a->out_len : 0;
}

static int prf_v(uint16_t prf, const uint8_t *key, size_t klen,
		 const struct iov *v, unsigned int n, uint8_t *out)
{
	const struct alg *a = prf_alg(prf);

	if (!a)
		return -1;
	if (hmac_v(md_by_len(a->out_len), key, klen, v, n, out,
		   a->out_len) != (int)a->out_len)
		return -1;
	return 0;
}

int ike_prf(uint16_t prf, const uint8_t *key, size_t klen,
	    const uint8_t *data, size_t dlen, uint8_t *out)
{
	struct iov v = { data, dlen };

	return prf_v(prf, key, klen, &v, 1, out);
}

#define PRF_PLUS_MAX_SEED	4

/*
 * prf+ (RFC 7296 2.13) over a seed made of the pieces SEED[0..N):
 * T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S | n).
 */
static int prf_plus_v(uint16_t prf, const uint8_t *key, size_t klen,
		      const struct iov *seed, unsigned int n, uint8_t *out,
		      size_t out_len)
{
	struct iov v[PRF_PLUS_MAX_SEED + 2];
	uint8_t t[IKE_MAX_PRF];
	size_t hl = ike_prf_len(prf), done = 0, chunk;
	unsigned int i;
	uint8_t cnt = 1;
	int ret = -1;

	if (!hl || n > PRF_PLUS_MAX_SEED || out_len > 255 * hl)
		return -1;
	v[0].p = t;
	v[0].len = 0;
	for (i = 0; i < n; i++)
		v[i + 1] = seed[i];
	v[n + 1].p = &cnt;
	v[n + 1].len = 1;
	while (done < out_len) {
		if (prf_v(prf, key, klen, v, n + 2, t))
			goto out;
		v[0].len = hl;
		chunk = out_len - done < hl ? out_len - done : hl;
		memcpy(out + done, t, chunk);
		done += chunk;
		cnt++;
	}
	ret = 0;
out:
	OPENSSL_cleanse(t, sizeof(t));
	return ret;
}

int ike_prf_plus(uint16_t prf, const uint8_t *key, size_t klen,
		 const uint8_t *seed, size_t slen, uint8_t *out,
		 size_t out_len)
{
	struct iov v = { seed, slen };

	return prf_plus_v(prf, key, klen, &v, 1, out, out_len);
}

/* --- IKE SA keys and child SA key material --- */

void ike_keys_wipe(struct ike_keys *k)
{
	if (k)
		OPENSSL_cleanse(k, sizeof(*k));
}

/* The algorithms of suite S: ENCR, and INTEG when not AEAD. */
static int suite_algs(const struct ike_suite *s, const struct alg **encr,
		      const struct alg **integ)
{
	if (!s)
		return -1;
	*encr = alg_find(IKE_TT_ENCR, s->encr, s->encr_bits);
	*integ = NULL;
	if (!*encr)
		return -1;
	if ((*encr)->aead)
		return s->integ == IKE_INTEG_NONE ? 0 : -1;
	*integ = alg_find(IKE_TT_INTEG, s->integ, 0);
	return *integ ? 0 : -1;
}

/* SKEYSEED, of the new SA's PRF length or the old SA's, into OUT. */
static int skeyseed(const struct ike_suite *s, const uint8_t *ni,
		    size_t ni_len, const uint8_t *nr, size_t nr_len,
		    const uint8_t *gir, size_t gir_len,
		    const uint8_t *old_sk_d, size_t old_len, uint16_t old_prf,
		    uint8_t *out)
{
	uint8_t nonces[2 * IKE_MAX_NONCE];
	struct iov v[3] = {
		{ gir, gir_len }, { ni, ni_len }, { nr, nr_len },
	};
	int ret;

	if (old_sk_d)
		return prf_v(old_prf, old_sk_d, old_len, v, 3, out);
	if (ni_len > IKE_MAX_NONCE || nr_len > IKE_MAX_NONCE)
		return -1;
	memcpy(nonces, ni, ni_len);
	memcpy(nonces + ni_len, nr, nr_len);
	ret = prf_v(s->prf, nonces, ni_len + nr_len, v, 1, out);
	OPENSSL_cleanse(nonces, sizeof(nonces));
	return ret;
}

static const uint8_t *take(const uint8_t **p, size_t len)
{
	const uint8_t *r = *p;

	*p += len;
	return r;
}

int ike_derive_keys(const struct ike_suite *s, const uint8_t *ni, size_t ni_len,
		    const uint8_t *nr, size_t nr_len, const uint8_t *gir,
		    size_t gir_len, uint64_t spi_i, uint64_t spi_r,
		    const uint8_t *old_sk_d, size_t old_len, uint16_t old_prf,
		    struct ike_keys *k)
{
	uint8_t seed[IKE_MAX_PRF], km[3 * IKE_MAX_PRF + 4 * IKE_MAX_KEY];
	uint8_t spis[16];
	const struct alg *encr, *integ;
	const uint8_t *p = km;
	size_t d, a, e, total;
	struct iov v[3] = {
		{ ni, ni_len }, { nr, nr_len }, { spis, sizeof(spis) },
	};
	int ret = -1;

	if (!k || !ni || !nr || !gir || suite_algs(s, &encr, &integ))
		return -1;
	d = ike_prf_len(s->prf);
	a = integ ? integ->key_len : 0;
	e = encr->key_len;
	if (!d || a > IKE_MAX_KEY || e > IKE_MAX_KEY)
		return -1;
	if (old_sk_d && !ike_prf_len(old_prf))
		return -1;
	total = 3 * d + 2 * a + 2 * e;
	put64(spis, spi_i);
	put64(spis + 8, spi_r);
	if (skeyseed(s, ni, ni_len, nr, nr_len, gir, gir_len, old_sk_d,
		     old_len, old_prf, seed) ||
	    prf_plus_v(s->prf, seed, old_sk_d ? ike_prf_len(old_prf) : d,
		       v, 3, km, total))
		goto out;
	ike_keys_wipe(k);
	memcpy(k->sk_d, take(&p, d), d);
	memcpy(k->sk_ai, take(&p, a), a);
	memcpy(k->sk_ar, take(&p, a), a);
	memcpy(k->sk_ei, take(&p, e), e);
	memcpy(k->sk_er, take(&p, e), e);
	memcpy(k->sk_pi, take(&p, d), d);
	memcpy(k->sk_pr, take(&p, d), d);
	k->d_len = d;
	k->a_len = a;
	k->e_len = e;
	k->p_len = d;
	ret = 0;
out:
	OPENSSL_cleanse(seed, sizeof(seed));
	OPENSSL_cleanse(km, sizeof(km));
	return ret;
}

int ike_child_keymat(uint16_t prf, const uint8_t *sk_d, size_t d_len,
		     const uint8_t *gir, size_t gir_len, const uint8_t *ni,
		     size_t ni_len, const uint8_t *nr, size_t nr_len,
		     uint8_t *out, size_t len)
{
	struct iov v[3];
	unsigned int n = 0;

	if (!sk_d || !ni || !nr || !out)
		return -1;
	if (gir && gir_len) {
		v[n].p = gir;
		v[n++].len = gir_len;
	}
	v[n].p = ni;
	v[n++].len = ni_len;
	v[n].p = nr;
	v[n++].len = nr_len;
	return prf_plus_v(prf, sk_d, d_len, v, n, out, len);
}

/* --- the SK payload --- */

/* Lengths of the SK body's parts for suite S. */
struct sk_shape {
	const struct alg *encr, *integ;
	size_t iv, icv, block;
};

static int sk_shape(const struct ike_suite *s, struct sk_shape *sh)
{
	if (suite_algs(s, &sh->encr, &sh->integ))
		return -1;
	sh->iv = sh->encr->iv_len;
	sh->block = sh->encr->block ? sh->encr->block : 1;
	sh->icv = sh->encr->aead ? sh->encr->icv_len : sh->integ->icv_len;
	return 0;
}

/* Ciphertext bytes (padding and pad length included) for PLEN bytes. */
static size_t sk_ct_len(const struct sk_shape *sh, size_t plen)
{
	size_t n = plen + 1;

	return (n + sh->block - 1) / sh->block * sh->block;
}

size_t ike_sk_len(const struct ike_suite *s, size_t plen)
{
	struct sk_shape sh;

	if (sk_shape(s, &sh) || plen > IKE_MAX_MSG)
		return 0;
	return sh.iv + sk_ct_len(&sh, plen) + sh.icv;
}

static const EVP_CIPHER *sk_cipher(const struct alg *a)
{
	if (a->id == IKE_ENCR_CHACHA20_POLY1305)
		return EVP_chacha20_poly1305();
	if (a->id == IKE_ENCR_AES_GCM_16)
		return a->keybits == 256 ? EVP_aes_256_gcm() :
					   EVP_aes_128_gcm();
	if (a->id == IKE_ENCR_AES_CBC) {
		switch (a->keybits) {
		case 128:
			return EVP_aes_128_cbc();
		case 192:
			return EVP_aes_192_cbc();
		case 256:
			return EVP_aes_256_cbc();
		}
	}
	return NULL;
}

/*
 * AEAD (RFC 5282, RFC 7634): the key's last 4 bytes are the salt, the
 * nonce is salt | IV. Encrypts (ENC) or decrypts LEN bytes IN to OUT with
 * AAD; TAG is written when encrypting, checked when decrypting.
 */
static int aead_crypt(const struct alg *a, const uint8_t *key,
		      const uint8_t *iv, const uint8_t *aad, size_t aad_len,
		      const uint8_t *in, size_t len, uint8_t *out,
		      uint8_t *tag, int enc)
{
	size_t klen = a->key_len - 4;
	uint8_t nonce[12];
	EVP_CIPHER_CTX *ctx;
	int n, ret = -1;

	if (a->iv_len != 8 || len > INT_MAX || aad_len > INT_MAX)
		return -1;
	memcpy(nonce, key + klen, 4);
	memcpy(nonce + 4, iv, 8);
	ctx = EVP_CIPHER_CTX_new();
	if (!ctx)
		return -1;
	if (EVP_CipherInit_ex(ctx, sk_cipher(a), NULL, NULL, NULL, enc) != 1 ||
	    EVP_CIPHER_CTX_key_length(ctx) != (int)klen ||
	    EVP_CipherInit_ex(ctx, NULL, NULL, key, nonce, enc) != 1)
		goto out;
	if (!enc && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG,
					a->icv_len, tag) != 1)
		goto out;
	if (aad_len && EVP_CipherUpdate(ctx, NULL, &n, aad,
					(int)aad_len) != 1)
		goto out;
	if (EVP_CipherUpdate(ctx, out, &n, in, (int)len) != 1 ||
	    EVP_CipherFinal_ex(ctx, out + n, &n) != 1)
		goto out;
	if (enc && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG,
				       a->icv_len, tag) != 1)
		goto out;
	ret = 0;
out:
	EVP_CIPHER_CTX_free(ctx);
	OPENSSL_cleanse(nonce, sizeof(nonce));
	return ret;
}

/* AES-CBC without padding of its own, LEN a multiple of the block. */
static int cbc_crypt(const struct alg *a, const uint8_t *key,
		     const uint8_t *iv, const uint8_t *in, size_t len,
		     uint8_t *out, int enc)
{
	EVP_CIPHER_CTX *ctx;
	int n, ret = -1;

	if (len > INT_MAX)
		return -1;
	ctx = EVP_CIPHER_CTX_new();
	if (!ctx)
		return -1;
	if (EVP_CipherInit_ex(ctx, sk_cipher(a), NULL, NULL, NULL, enc) != 1 ||
	    EVP_CIPHER_CTX_key_length(ctx) != (int)a->key_len ||
	    EVP_CipherInit_ex(ctx, NULL, NULL, key, iv, enc) != 1 ||
	    EVP_CIPHER_CTX_set_padding(ctx, 0) != 1 ||
	    EVP_CipherUpdate(ctx, out, &n, in, (int)len) != 1 ||
	    EVP_CipherFinal_ex(ctx, out + n, &n) != 1)
		goto out;
	ret = 0;
out:
	EVP_CIPHER_CTX_free(ctx);
	return ret;
}

/* The truncated HMAC of the integrity algorithm over MSG[0..LEN). */
static int integ_icv(const struct alg *integ, const uint8_t *ak,
		     const uint8_t *msg, size_t len, uint8_t *icv)
{
	uint8_t mac[EVP_MAX_MD_SIZE];
	struct iov v = { msg, len };
	int n;

	n = hmac_v(md_by_len(integ->key_len), ak, integ->key_len, &v, 1,
		   mac, sizeof(mac));
	if (n < (int)integ->icv_len) {
		OPENSSL_cleanse(mac, sizeof(mac));
		return -1;
	}
	memcpy(icv, mac, integ->icv_len);
	OPENSSL_cleanse(mac, sizeof(mac));
	return 0;
}

int ike_sk_seal(const struct ike_suite *s, const uint8_t *ek,
		const uint8_t *ak, uint8_t *msg, size_t off,
		const uint8_t *plain, size_t plen)
{
	struct sk_shape sh;
	uint8_t *iv, *ct, *icv;
	size_t ct_len, pad;

	if (!ek || !msg || (plen && !plain) || sk_shape(s, &sh) ||
	    plen > IKE_MAX_MSG || (!sh.encr->aead && !ak))
		return -1;
	ct_len = sk_ct_len(&sh, plen);
	pad = ct_len - plen - 1;
	iv = msg + off;
	ct = iv + sh.iv;
	icv = ct + ct_len;
	if (ike_random(iv, sh.iv))
		return -1;
	if (plen)
		memmove(ct, plain, plen);
	memset(ct + plen, 0, pad);
	ct[ct_len - 1] = (uint8_t)pad;
	if (sh.encr->aead)
		return aead_crypt(sh.encr, ek, iv, msg, off, ct, ct_len, ct,
				  icv, 1);
	if (cbc_crypt(sh.encr, ek, iv, ct, ct_len, ct, 1))
		return -1;
	return integ_icv(sh.integ, ak, msg, (size_t)(icv - msg), icv);
}

/* Strips padding from the CT_LEN decrypted bytes in OUT. */
static int sk_unpad(uint8_t *out, size_t ct_len, size_t *out_len)
{
	size_t pad = out[ct_len - 1];

	if (pad > ct_len - 1)
		return -1;
	*out_len = ct_len - 1 - pad;
	return 0;
}

int ike_sk_open(const struct ike_suite *s, const uint8_t *ek,
		const uint8_t *ak, const uint8_t *msg, size_t off, size_t len,
		uint8_t *out, size_t *out_len)
{
	uint8_t icv[IKE_MAX_KEY];
	const uint8_t *iv, *ct;
	struct sk_shape sh;
	size_t body, ct_len;
	int ret;

	if (!ek || !msg || !out || !out_len || sk_shape(s, &sh) ||
	    (!sh.encr->aead && !ak) || off > len || len > INT_MAX)
		return -1;
	body = len - off;
	if (body < sh.iv + sh.icv + 1)
		return -1;
	ct_len = body - sh.iv - sh.icv;
	if (ct_len % sh.block)
		return -1;
	iv = msg + off;
	ct = iv + sh.iv;
	if (sh.encr->aead) {
		memcpy(icv, ct + ct_len, sh.icv);
		ret = aead_crypt(sh.encr, ek, iv, msg, off, ct, ct_len, out,
				 icv, 0);
	} else {
		ret = integ_icv(sh.integ, ak, msg, len - sh.icv, icv);
		if (!ret && !ike_memeq(icv, ct + ct_len, sh.icv))
			ret = -1;
		if (!ret)
			ret = cbc_crypt(sh.encr, ek, iv, ct, ct_len, out, 0);
	}
	OPENSSL_cleanse(icv, sizeof(icv));
	if (!ret)
		ret = sk_unpad(out, ct_len, out_len);
	if (ret)
		OPENSSL_cleanse(out, ct_len);
	return ret;
}

/* --- PSK authentication and NAT detection --- */

int ike_psk_auth(uint16_t prf, const uint8_t *psk, size_t psk_len,
		 const uint8_t *msg, size_t msg_len, const uint8_t *nonce,
		 size_t nonce_len, const uint8_t *sk_p, size_t p_len,
		 const uint8_t *id_body, size_t id_len, uint8_t *out)
{
	static const char pad[] = "Key Pad for IKEv2";
	uint8_t kpad[IKE_MAX_PRF], idh[IKE_MAX_PRF];
	size_t hl = ike_prf_len(prf);
	struct iov v[3] = {
		{ msg, msg_len }, { nonce, nonce_len }, { idh, hl },
	};
	int ret = -1;

	if (!hl || !psk || !out)
		return -1;
	if (ike_prf(prf, psk, psk_len, (const uint8_t *)pad, sizeof(pad) - 1,
		    kpad) ||
	    ike_prf(prf, sk_p, p_len, id_body, id_len, idh) ||
	    prf_v(prf, kpad, hl, v, 3, out))
		goto out;
	ret = 0;
out:
	OPENSSL_cleanse(kpad, sizeof(kpad));
	OPENSSL_cleanse(idh, sizeof(idh));
	return ret;
}

int ike_nat_hash(uint64_t spi_i, uint64_t spi_r, const uint8_t *addr,
		 size_t alen, uint16_t port, uint8_t out[20])
{
	uint8_t spis[16], pb[2] = { (uint8_t)(port >> 8), (uint8_t)port };
	unsigned int n = 0;
	EVP_MD_CTX *ctx;
	int ret = -1;

	if (!addr || !out)
		return -1;
	put64(spis, spi_i);
	put64(spis + 8, spi_r);
	ctx = EVP_MD_CTX_new();
	if (!ctx)
		return -1;
	if (EVP_DigestInit_ex(ctx, EVP_sha1(), NULL) == 1 &&
	    EVP_DigestUpdate(ctx, spis, sizeof(spis)) == 1 &&
	    EVP_DigestUpdate(ctx, addr, alen) == 1 &&
	    EVP_DigestUpdate(ctx, pb, sizeof(pb)) == 1 &&
	    EVP_DigestFinal_ex(ctx, out, &n) == 1 && n == 20)
		ret = 0;
	EVP_MD_CTX_free(ctx);
	return ret;
}
