// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec: ESP algorithms.
 *
 * Every SA gets one AEAD transform with an IV generator in front, as the
 * kernel's own ESP does: seqiv for the AEADs, whose IV must only be unique,
 * echainiv for CBC, whose IV must be unpredictable. CBC with HMAC is the
 * authenc template (authencesn with extended sequence numbers), the HMAC
 * truncated as RFC 2404 and RFC 4868 say.
 */

#include <crypto/authenc.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <uapi/linux/flexsec.h>

#include "crypto.h"

struct enc_alg {
	const char *aead;	/* AEAD name, or the cipher inside authenc */
	u8 keylens[3];		/* accepted key lengths, salt included */
	u8 ivlen;
	u8 icvlen;		/* AEADs only */
	u8 align;
};

static const struct enc_alg enc_algs[] = {
	[FLEXSEC_ENC_ALG_AES_GCM] = {
		.aead = "seqiv(rfc4106(gcm(aes)))",
		.keylens = { 16 + 4, 32 + 4 }, .ivlen = 8, .icvlen = 16,
		.align = 4,
	},
	[FLEXSEC_ENC_ALG_CHACHA20_POLY1305] = {
		.aead = "seqiv(rfc7539esp(chacha20,poly1305))",
		.keylens = { 32 + 4 }, .ivlen = 8, .icvlen = 16, .align = 4,
	},
	[FLEXSEC_ENC_ALG_AES_CBC] = {
		.aead = "cbc(aes)",
		.keylens = { 16, 24, 32 }, .ivlen = 16, .align = 16,
	},
};

struct auth_alg {
	const char *hash;
	u8 keylen;
	u8 icvlen;
};

static const struct auth_alg auth_algs[] = {
	[FLEXSEC_AUTH_ALG_HMAC_SHA1_96] = { "hmac(sha1)", 20, 12 },
	[FLEXSEC_AUTH_ALG_HMAC_SHA256_128] = { "hmac(sha256)", 32, 16 },
	[FLEXSEC_AUTH_ALG_HMAC_SHA384_192] = { "hmac(sha384)", 48, 24 },
	[FLEXSEC_AUTH_ALG_HMAC_SHA512_256] = { "hmac(sha512)", 64, 32 },
};

static bool keylen_ok(const struct enc_alg *e, unsigned int len)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(e->keylens); i++)
		if (e->keylens[i] && e->keylens[i] == len)
			return true;
	return false;
}

/* The key blob of the authenc templates: parameters, HMAC key, cipher key. */
static u8 *authenc_key(const u8 *key, unsigned int keylen, const u8 *akey,
		       unsigned int akeylen, unsigned int *bloblen)
{
	struct crypto_authenc_key_param *param;
	struct rtattr *rta;
	u8 *blob, *p;

	*bloblen = RTA_SPACE(sizeof(*param)) + akeylen + keylen;
	blob = kmalloc(*bloblen, GFP_KERNEL);
	if (!blob)
		return NULL;
	rta = (struct rtattr *)blob;
	rta->rta_type = CRYPTO_AUTHENC_KEYA_PARAM;
	rta->rta_len = RTA_LENGTH(sizeof(*param));
	param = RTA_DATA(rta);
	param->enckeylen = cpu_to_be32(keylen);
	p = blob + RTA_SPACE(sizeof(*param));
	memcpy(p, akey, akeylen);
	memcpy(p + akeylen, key, keylen);
	return blob;
}

/**
 * flexsec_xform_init() - set up the crypto of an SA
 * @x: what to fill in
 * @enc_alg: enum flexsec_enc_alg
 * @key: encryption key (with the salt for the AEADs)
 * @keylen: its length
 * @auth_alg: enum flexsec_auth_alg, 0 for the AEADs
 * @akey: integrity key, for aes-cbc
 * @akeylen: its length
 * @esn: the SA uses extended sequence numbers
 * @extack: where a rejection is explained
 * @enc_attr: attribute blamed for a bad encryption key
 * @auth_attr: attribute blamed for a bad integrity algorithm or key
 *
 * Context: process context; allocates the transform.
 * Return: 0, or -EINVAL with an extack message, or another negative errno.
 */
int flexsec_xform_init(struct flexsec_xform *x, u32 enc_alg, const u8 *key,
		       unsigned int keylen, u32 auth_alg, const u8 *akey,
		       unsigned int akeylen, bool esn,
		       struct netlink_ext_ack *extack,
		       const struct nlattr *enc_attr,
		       const struct nlattr *auth_attr)
{
	char name[CRYPTO_MAX_ALG_NAME];
	const struct auth_alg *a = NULL;
	const struct enc_alg *e;
	unsigned int bloblen = keylen;
	u8 *blob = NULL;
	int err;

	if (enc_alg >= ARRAY_SIZE(enc_algs) || !enc_algs[enc_alg].aead) {
		NL_SET_ERR_MSG_ATTR(extack, enc_attr, "unknown encryption algorithm");
		return -EINVAL;
	}
	e = &enc_algs[enc_alg];
	if (!keylen_ok(e, keylen)) {
		NL_SET_ERR_MSG_ATTR(extack, enc_attr,
				    "encryption key length does not match the algorithm");
		return -EINVAL;
	}

	if (enc_alg == FLEXSEC_ENC_ALG_AES_CBC) {
		if (!auth_alg || auth_alg >= ARRAY_SIZE(auth_algs) ||
		    !auth_algs[auth_alg].hash) {
			NL_SET_ERR_MSG_ATTR(extack, auth_attr,
					    "aes-cbc needs an integrity algorithm");
			return -EINVAL;
		}
		a = &auth_algs[auth_alg];
		if (akeylen != a->keylen) {
			NL_SET_ERR_MSG_ATTR(extack, auth_attr,
					    "integrity key length does not match the algorithm");
			return -EINVAL;
		}
		snprintf(name, sizeof(name), "echainiv(%s(%s,%s))",
			 esn ? "authencesn" : "authenc", a->hash, e->aead);
		blob = authenc_key(key, keylen, akey, akeylen, &bloblen);
		if (!blob)
			return -ENOMEM;
	} else {
		if (auth_alg || akeylen) {
			NL_SET_ERR_MSG_ATTR(extack, auth_attr,
					    "an AEAD takes no integrity algorithm");
			return -EINVAL;
		}
		strscpy(name, e->aead, sizeof(name));
	}

	x->aead = crypto_alloc_aead(name, 0, 0);
	if (IS_ERR(x->aead)) {
		err = PTR_ERR(x->aead);
		x->aead = NULL;
		NL_SET_ERR_MSG(extack, "the kernel lacks the crypto this SA needs");
		goto out;
	}
	err = crypto_aead_setkey(x->aead, blob ? blob : key, bloblen);
	if (!err)
		err = crypto_aead_setauthsize(x->aead, a ? a->icvlen : e->icvlen);
	if (err) {
		NL_SET_ERR_MSG(extack, "the crypto layer refused the key");
		crypto_free_aead(x->aead);
		x->aead = NULL;
		goto out;
	}
	x->ivlen = crypto_aead_ivsize(x->aead);
	x->icvlen = crypto_aead_authsize(x->aead);
	x->align = e->align;
	x->esn = esn;
	WARN_ON_ONCE(x->ivlen != e->ivlen);
out:
	if (blob)
		kfree_sensitive(blob);
	return err;
}

/**
 * flexsec_xform_free() - free the transform of an SA
 * @x: as set up by flexsec_xform_init()
 */
void flexsec_xform_free(struct flexsec_xform *x)
{
	crypto_free_aead(x->aead);
	x->aead = NULL;
}
