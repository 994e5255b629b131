// SPDX-License-Identifier: GPL-2.0
/*
 * IKEv2 key exchange on OpenSSL 3 (EVP_PKEY): the MODP groups of RFC 3526,
 * the ECP groups of RFC 5903 and Curve25519 (RFC 8031). Shared secrets are
 * wiped with OPENSSL_cleanse.
 */

#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/dh.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/param_build.h>

#include "crypto.h"
#include "ike_proto.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

enum dh_kind { DH_MODP, DH_ECP, DH_X25519 };

struct dh_group {
	uint16_t id;
	enum dh_kind kind;
	const char *name;	/* OpenSSL's group name */
	size_t len;		/* bytes of the prime, or of a coordinate */
};

static const struct dh_group dh_groups[] = {
	{ IKE_DH_MODP_2048, DH_MODP, "modp_2048", 256 },
	{ IKE_DH_MODP_3072, DH_MODP, "modp_3072", 384 },
	{ IKE_DH_MODP_4096, DH_MODP, "modp_4096", 512 },
	{ IKE_DH_ECP_256, DH_ECP, "prime256v1", 32 },
	{ IKE_DH_ECP_384, DH_ECP, "secp384r1", 48 },
	{ IKE_DH_ECP_521, DH_ECP, "secp521r1", 66 },
	{ IKE_DH_CURVE25519, DH_X25519, "X25519", 32 },
};

struct ike_dh {
	const struct dh_group *g;
	EVP_PKEY *key;
};

static const struct dh_group *dh_group(uint16_t id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(dh_groups); i++)
		if (dh_groups[i].id == id)
			return &dh_groups[i];
	return NULL;
}

/* The public value's length in the KE payload. */
static size_t dh_pub_len(const struct dh_group *g)
{
	return g->kind == DH_ECP ? 2 * g->len : g->len;
}

static const char *dh_keytype(const struct dh_group *g)
{
	switch (g->kind) {
	case DH_MODP:
		return "DH";
	case DH_ECP:
		return "EC";
	case DH_X25519:
		return "X25519";
	}
	return NULL;
}

bool ike_dh_supported(uint16_t group)
{
	return dh_group(group) != NULL;
}

uint16_t ike_dh_group(const struct ike_dh *dh)
{
	return dh ? dh->g->id : IKE_DH_NONE;
}

static struct ike_dh *dh_wrap(const struct dh_group *g, EVP_PKEY *key)
{
	struct ike_dh *dh;

	if (!key)
		return NULL;
	dh = OPENSSL_zalloc(sizeof(*dh));
	if (!dh) {
		EVP_PKEY_free(key);
		return NULL;
	}
	dh->g = g;
	dh->key = key;
	return dh;
}

struct ike_dh *ike_dh_new(uint16_t group)
{
	const struct dh_group *g = dh_group(group);
	OSSL_PARAM params[2];
	EVP_PKEY_CTX *ctx;
	EVP_PKEY *key = NULL;

	if (!g)
		return NULL;
	ctx = EVP_PKEY_CTX_new_from_name(NULL, dh_keytype(g), NULL);
	if (!ctx)
		return NULL;
	/* MODP and ECP by group name; X25519 is a key type of its own. */
	params[0] = OSSL_PARAM_construct_utf8_string(
		OSSL_PKEY_PARAM_GROUP_NAME, (char *)g->name, 0);
	params[1] = OSSL_PARAM_construct_end();
	if (g->kind == DH_X25519)
		params[0] = params[1];
	if (EVP_PKEY_keygen_init(ctx) != 1 ||
	    EVP_PKEY_CTX_set_params(ctx, params) != 1 ||
	    EVP_PKEY_generate(ctx, &key) != 1)
		key = NULL;
	EVP_PKEY_CTX_free(ctx);
	return dh_wrap(g, key);
}

/*
 * An EVP_PKEY of group G from its parts: PRIV (may be NULL), a public
 * value either as a number (PUB_BN) or as an octet string (PUB_OCT).
 */
static EVP_PKEY *dh_fromdata(const struct dh_group *g, const BIGNUM *priv,
			     const BIGNUM *pub_bn, const uint8_t *pub_oct,
			     size_t pub_len)
{
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	OSSL_PARAM *params = NULL;
	EVP_PKEY_CTX *ctx = NULL;
	EVP_PKEY *key = NULL;
	int sel = priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY;

	if (!bld ||
	    !OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME,
					     g->name, 0) ||
	    (priv && !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY,
					     priv)) ||
	    (pub_bn && !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PUB_KEY,
					       pub_bn)) ||
	    (pub_oct && !OSSL_PARAM_BLD_push_octet_string(bld,
				OSSL_PKEY_PARAM_PUB_KEY, pub_oct, pub_len)))
		goto out;
	params = OSSL_PARAM_BLD_to_param(bld);
	ctx = EVP_PKEY_CTX_new_from_name(NULL, dh_keytype(g), NULL);
	if (!params || !ctx || EVP_PKEY_fromdata_init(ctx) != 1 ||
	    EVP_PKEY_fromdata(ctx, &key, sel, params) != 1)
		key = NULL;
out:
	EVP_PKEY_CTX_free(ctx);
	/* The private number sits in the secure part, cleared on free. */
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	return key;
}

/* A MODP key pair from private value X: g^x mod p. */
static EVP_PKEY *modp_from_priv(const struct dh_group *g, const BIGNUM *x)
{
	EVP_PKEY *params_key, *key = NULL;
	BIGNUM *p = NULL, *gen = NULL, *y = NULL;
	BN_CTX *bctx = BN_CTX_secure_new();

	params_key = dh_fromdata(g, NULL, NULL, NULL, 0);
	if (!bctx || !params_key ||
	    EVP_PKEY_get_bn_param(params_key, OSSL_PKEY_PARAM_FFC_P, &p) != 1 ||
	    EVP_PKEY_get_bn_param(params_key, OSSL_PKEY_PARAM_FFC_G,
				  &gen) != 1)
		goto out;
	y = BN_new();
	if (y && !BN_is_zero(x) && !BN_is_one(x) && BN_cmp(x, p) < 0 &&
	    BN_mod_exp_mont_consttime(y, gen, x, p, bctx, NULL))
		key = dh_fromdata(g, x, y, NULL, 0);
out:
	BN_free(y);
	BN_free(gen);
	BN_free(p);
	BN_CTX_free(bctx);
	EVP_PKEY_free(params_key);
	return key;
}

/* An ECP key pair from private value D: the public value is d * G. */
static EVP_PKEY *ecp_from_priv(const struct dh_group *g, const BIGNUM *d)
{
	uint8_t oct[1 + 2 * 66];
	EC_GROUP *grp;
	EC_POINT *pt = NULL;
	BN_CTX *bctx = BN_CTX_secure_new();
	EVP_PKEY *key = NULL;
	size_t len;

	grp = EC_GROUP_new_by_curve_name_ex(NULL, NULL, OBJ_sn2nid(g->name));
	if (!grp || !bctx || BN_is_zero(d) ||
	    BN_cmp(d, EC_GROUP_get0_order(grp)) >= 0)
		goto out;
	pt = EC_POINT_new(grp);
	if (!pt || !EC_POINT_mul(grp, pt, d, NULL, NULL, bctx))
		goto out;
	len = EC_POINT_point2oct(grp, pt, POINT_CONVERSION_UNCOMPRESSED, oct,
				 sizeof(oct), bctx);
	if (len == 1 + 2 * g->len)
		key = dh_fromdata(g, d, NULL, oct, len);
out:
	EC_POINT_free(pt);
	EC_GROUP_free(grp);
	BN_CTX_free(bctx);
	return key;
}

struct ike_dh *ike_dh_new_priv(uint16_t group, const uint8_t *priv,
			       size_t len)
{
	const struct dh_group *g = dh_group(group);
	EVP_PKEY *key = NULL;
	BIGNUM *x;

	if (!g || !priv || !len || len > g->len)
		return NULL;
	if (g->kind == DH_X25519) {
		if (len != g->len)
			return NULL;
		key = EVP_PKEY_new_raw_private_key_ex(NULL, "X25519", NULL,
						      priv, len);
		return dh_wrap(g, key);
	}
	x = BN_secure_new();
	if (!x)
		return NULL;
	BN_set_flags(x, BN_FLG_CONSTTIME);
	if (BN_bin2bn(priv, (int)len, x))
		key = g->kind == DH_MODP ? modp_from_priv(g, x) :
					   ecp_from_priv(g, x);
	BN_clear_free(x);
	return dh_wrap(g, key);
}

size_t ike_dh_public(const struct ike_dh *dh, uint8_t *out, size_t cap)
{
	uint8_t oct[1 + 2 * 66];
	BIGNUM *y = NULL;
	size_t len, olen = 0;

	if (!dh || !out)
		return 0;
	len = dh_pub_len(dh->g);
	if (cap < len)
		return 0;
	switch (dh->g->kind) {
	case DH_MODP:
		if (EVP_PKEY_get_bn_param(dh->key, OSSL_PKEY_PARAM_PUB_KEY,
					  &y) != 1 ||
		    BN_bn2binpad(y, out, (int)len) != (int)len)
			len = 0;
		BN_free(y);
		return len;
	case DH_ECP:
		if (EVP_PKEY_get_octet_string_param(dh->key,
				OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, oct,
				sizeof(oct), &olen) != 1 ||
		    olen != len + 1 || oct[0] != POINT_CONVERSION_UNCOMPRESSED)
			return 0;
		memcpy(out, oct + 1, len);
		return len;
	case DH_X25519:
		olen = cap;
		if (EVP_PKEY_get_raw_public_key(dh->key, out, &olen) != 1 ||
		    olen != len)
			return 0;
		return len;
	}
	return 0;
}

/* The peer's public value as a key of our group; NULL when malformed. */
static EVP_PKEY *dh_peer(const struct dh_group *g, const uint8_t *peer,
			 size_t len)
{
	uint8_t oct[1 + 2 * 66];
	EVP_PKEY *key = NULL;
	BIGNUM *y;

	if (!peer || len != dh_pub_len(g))
		return NULL;
	switch (g->kind) {
	case DH_MODP:
		y = BN_bin2bn(peer, (int)len, NULL);
		if (y)
			key = dh_fromdata(g, NULL, y, NULL, 0);
		BN_free(y);
		break;
	case DH_ECP:
		/* RFC 5903: x | y, without the point format octet. */
		oct[0] = POINT_CONVERSION_UNCOMPRESSED;
		memcpy(oct + 1, peer, len);
		key = dh_fromdata(g, NULL, NULL, oct, len + 1);
		break;
	case DH_X25519:
		key = EVP_PKEY_new_raw_public_key_ex(NULL, "X25519", NULL,
						     peer, len);
		break;
	}
	return key;
}

int ike_dh_derive(struct ike_dh *dh, const uint8_t *peer, size_t len,
		  uint8_t *secret, size_t *secret_len)
{
	EVP_PKEY_CTX *ctx = NULL;
	EVP_PKEY *pkey;
	size_t slen;
	int ret = -1;

	/*
	 * *SECRET_LEN is SECRET's room on entry, the secret's length on
	 * return.
	 */
	if (!dh || !secret || !secret_len || *secret_len < dh->g->len)
		return -1;
	pkey = dh_peer(dh->g, peer, len);
	if (!pkey)
		return -1;
	slen = dh->g->len;
	ctx = EVP_PKEY_CTX_new_from_pkey(NULL, dh->key, NULL);
	if (!ctx || EVP_PKEY_derive_init(ctx) != 1)
		goto out;
	/* MODP: the secret padded on the left to the prime's length. */
	if (dh->g->kind == DH_MODP && EVP_PKEY_CTX_set_dh_pad(ctx, 1) != 1)
		goto out;
	/* Validates the peer's value: range, subgroup, on the curve. */
	if (EVP_PKEY_derive_set_peer_ex(ctx, pkey, 1) != 1 ||
	    EVP_PKEY_derive(ctx, secret, &slen) != 1)
		goto out;
	if (slen != dh->g->len) {
		OPENSSL_cleanse(secret, slen);
		goto out;
	}
	*secret_len = slen;
	ret = 0;
out:
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(pkey);
	return ret;
}

void ike_dh_free(struct ike_dh *dh)
{
	if (!dh)
		return;
	EVP_PKEY_free(dh->key);
	OPENSSL_free(dh);
}
