// SPDX-License-Identifier: GPL-2.0
/*
 * The algorithm tables: IKE transforms with their lengths and names, the
 * ESP transform-set keywords, and the name tables of the wire constants.
 */

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <linux/flexsec.h>

#include "algs.h"
#include "fxnames.h"
#include "ike_proto.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const struct alg encr_algs[] = {
	{
		.type = IKE_TT_ENCR, .id = IKE_ENCR_AES_GCM_16, .keybits = 256,
		.conf = "aes-gcm-256", .show = "AES-GCM-256",
		.wire = "AES-GCM-16", .aead = true, .key_len = 36,
		.iv_len = 8, .block = 1, .icv_len = 16, .strength = 60,
		.kernel = FLEXSEC_ENC_ALG_AES_GCM,
	},
	{
		.type = IKE_TT_ENCR, .id = IKE_ENCR_CHACHA20_POLY1305,
		.conf = "chacha20-poly1305", .show = "CHACHA20-POLY1305",
		.wire = "CHACHA20-POLY1305", .aead = true, .key_len = 36,
		.iv_len = 8, .block = 1, .icv_len = 16, .strength = 55,
		.kernel = FLEXSEC_ENC_ALG_CHACHA20_POLY1305,
	},
	{
		.type = IKE_TT_ENCR, .id = IKE_ENCR_AES_GCM_16, .keybits = 128,
		.conf = "aes-gcm-128", .show = "AES-GCM-128",
		.wire = "AES-GCM-16", .aead = true, .key_len = 20,
		.iv_len = 8, .block = 1, .icv_len = 16, .strength = 50,
		.kernel = FLEXSEC_ENC_ALG_AES_GCM,
	},
	{
		.type = IKE_TT_ENCR, .id = IKE_ENCR_AES_CBC, .keybits = 256,
		.conf = "aes-cbc-256", .show = "AES-CBC-256", .wire = "AES-CBC",
		.key_len = 32, .iv_len = 16, .block = 16, .strength = 40,
		.kernel = FLEXSEC_ENC_ALG_AES_CBC,
	},
	{
		.type = IKE_TT_ENCR, .id = IKE_ENCR_AES_CBC, .keybits = 192,
		.conf = "aes-cbc-192", .show = "AES-CBC-192", .wire = "AES-CBC",
		.key_len = 24, .iv_len = 16, .block = 16, .strength = 35,
		.kernel = FLEXSEC_ENC_ALG_AES_CBC,
	},
	{
		.type = IKE_TT_ENCR, .id = IKE_ENCR_AES_CBC, .keybits = 128,
		.conf = "aes-cbc-128", .show = "AES-CBC-128", .wire = "AES-CBC",
		.key_len = 16, .iv_len = 16, .block = 16, .strength = 30,
		.kernel = FLEXSEC_ENC_ALG_AES_CBC,
	},
};

static const struct alg integ_algs[] = {
	{
		.type = IKE_TT_INTEG, .id = IKE_INTEG_HMAC_SHA2_512_256,
		.conf = "sha512", .show = "SHA512", .wire = "SHA512",
		.key_len = 64, .icv_len = 32, .strength = 40,
		.kernel = FLEXSEC_AUTH_ALG_HMAC_SHA512_256,
	},
	{
		.type = IKE_TT_INTEG, .id = IKE_INTEG_HMAC_SHA2_384_192,
		.conf = "sha384", .show = "SHA384", .wire = "SHA384",
		.key_len = 48, .icv_len = 24, .strength = 30,
		.kernel = FLEXSEC_AUTH_ALG_HMAC_SHA384_192,
	},
	{
		.type = IKE_TT_INTEG, .id = IKE_INTEG_HMAC_SHA2_256_128,
		.conf = "sha256", .show = "SHA256", .wire = "SHA256",
		.key_len = 32, .icv_len = 16, .strength = 20,
		.kernel = FLEXSEC_AUTH_ALG_HMAC_SHA256_128,
	},
	{
		.type = IKE_TT_INTEG, .id = IKE_INTEG_HMAC_SHA1_96,
		.conf = "sha1", .show = "SHA96", .wire = "SHA96",
		.key_len = 20, .icv_len = 12, .strength = 10,
		.kernel = FLEXSEC_AUTH_ALG_HMAC_SHA1_96,
	},
};

static const struct alg prf_algs[] = {
	{
		.type = IKE_TT_PRF, .id = IKE_PRF_HMAC_SHA2_512,
		.conf = "sha512", .show = "SHA512", .wire = "SHA512",
		.out_len = 64, .strength = 40,
	},
	{
		.type = IKE_TT_PRF, .id = IKE_PRF_HMAC_SHA2_384,
		.conf = "sha384", .show = "SHA384", .wire = "SHA384",
		.out_len = 48, .strength = 30,
	},
	{
		.type = IKE_TT_PRF, .id = IKE_PRF_HMAC_SHA2_256,
		.conf = "sha256", .show = "SHA256", .wire = "SHA256",
		.out_len = 32, .strength = 20,
	},
	{
		.type = IKE_TT_PRF, .id = IKE_PRF_HMAC_SHA1,
		.conf = "sha1", .show = "SHA1", .wire = "SHA1",
		.out_len = 20, .strength = 10,
	},
};

static const struct alg dh_algs[] = {
	{
		.type = IKE_TT_DH, .id = IKE_DH_ECP_521, .conf = "21",
		.show = "DH_GROUP_521_ECP/Group 21", .wire = "ECP_521",
		.dh_len = 132, .strength = 70,
	},
	{
		.type = IKE_TT_DH, .id = IKE_DH_ECP_384, .conf = "20",
		.show = "DH_GROUP_384_ECP/Group 20", .wire = "ECP_384",
		.dh_len = 96, .strength = 60,
	},
	{
		.type = IKE_TT_DH, .id = IKE_DH_CURVE25519, .conf = "31",
		.show = "DH_GROUP_CURVE25519/Group 31", .wire = "CURVE25519",
		.dh_len = 32, .strength = 55,
	},
	{
		.type = IKE_TT_DH, .id = IKE_DH_ECP_256, .conf = "19",
		.show = "DH_GROUP_256_ECP/Group 19", .wire = "ECP_256",
		.dh_len = 64, .strength = 50,
	},
	{
		.type = IKE_TT_DH, .id = IKE_DH_MODP_4096, .conf = "16",
		.show = "DH_GROUP_4096_MODP/Group 16", .wire = "MODP_4096",
		.dh_len = 512, .strength = 40,
	},
	{
		.type = IKE_TT_DH, .id = IKE_DH_MODP_3072, .conf = "15",
		.show = "DH_GROUP_3072_MODP/Group 15", .wire = "MODP_3072",
		.dh_len = 384, .strength = 30,
	},
	{
		.type = IKE_TT_DH, .id = IKE_DH_MODP_2048, .conf = "14",
		.show = "DH_GROUP_2048_MODP/Group 14", .wire = "MODP_2048",
		.dh_len = 256, .strength = 20,
	},
};

struct alg_table {
	const struct alg *a;
	unsigned int n;
};

static struct alg_table table_of(uint8_t type)
{
	struct alg_table t = { NULL, 0 };

	switch (type) {
	case IKE_TT_ENCR:
		t.a = encr_algs;
		t.n = ARRAY_SIZE(encr_algs);
		break;
	case IKE_TT_PRF:
		t.a = prf_algs;
		t.n = ARRAY_SIZE(prf_algs);
		break;
	case IKE_TT_INTEG:
		t.a = integ_algs;
		t.n = ARRAY_SIZE(integ_algs);
		break;
	case IKE_TT_DH:
		t.a = dh_algs;
		t.n = ARRAY_SIZE(dh_algs);
		break;
	}
	return t;
}

const struct alg *alg_find(uint8_t type, uint16_t id, uint16_t keybits)
{
	struct alg_table t = table_of(type);
	unsigned int i;

	for (i = 0; i < t.n; i++)
		if (t.a[i].id == id && t.a[i].keybits == keybits)
			return &t.a[i];
	return NULL;
}

const struct alg *alg_by_conf(uint8_t type, const char *word)
{
	struct alg_table t = table_of(type);
	unsigned int i;

	if (!word)
		return NULL;
	for (i = 0; i < t.n; i++)
		if (!strcmp(t.a[i].conf, word))
			return &t.a[i];
	return NULL;
}

const struct alg *alg_nth(uint8_t type, unsigned int n)
{
	struct alg_table t = table_of(type);

	return n < t.n ? &t.a[n] : NULL;
}

/* --- ESP --- */

static const struct esp_alg esp_algs[] = {
	{ "esp-aes", IKE_TT_ENCR, IKE_ENCR_AES_CBC, 128, true },
	{ "esp-gcm", IKE_TT_ENCR, IKE_ENCR_AES_GCM_16, 128, true },
	{ "esp-chacha20-poly1305", IKE_TT_ENCR, IKE_ENCR_CHACHA20_POLY1305,
	  0, false },
	{ "esp-sha-hmac", IKE_TT_INTEG, IKE_INTEG_HMAC_SHA1_96, 0, false },
	{ "esp-sha256-hmac", IKE_TT_INTEG, IKE_INTEG_HMAC_SHA2_256_128,
	  0, false },
	{ "esp-sha384-hmac", IKE_TT_INTEG, IKE_INTEG_HMAC_SHA2_384_192,
	  0, false },
	{ "esp-sha512-hmac", IKE_TT_INTEG, IKE_INTEG_HMAC_SHA2_512_256,
	  0, false },
};

/*
 * What flexsec.ko implements for ESP. The IKE ENCR and INTEG tables hold
 * exactly those algorithms, with the same key lengths, so they serve both.
 */
static const struct alg *esp_find(uint8_t type, uint16_t id, uint16_t keybits)
{
	if (type != IKE_TT_ENCR && type != IKE_TT_INTEG)
		return NULL;
	return alg_find(type, id, keybits);
}

const struct esp_alg *esp_alg_by_conf(const char *word)
{
	unsigned int i;

	if (!word)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(esp_algs); i++)
		if (!strcmp(esp_algs[i].conf, word))
			return &esp_algs[i];
	return NULL;
}

const char *esp_alg_show(uint8_t type, uint16_t id, uint16_t keybits,
			 char *buf, unsigned int len)
{
	const struct esp_alg *e = NULL;
	unsigned int i;

	if (!buf || !len)
		return "";
	for (i = 0; i < ARRAY_SIZE(esp_algs); i++)
		if (esp_algs[i].type == type && esp_algs[i].id == id)
			e = &esp_algs[i];
	if (!e)
		snprintf(buf, len, "esp-unknown-%u", id);
	else if (e->takes_bits && keybits && keybits != e->default_bits)
		snprintf(buf, len, "%s %u", e->conf, keybits);
	else
		snprintf(buf, len, "%s", e->conf);
	return buf;
}

uint32_t esp_kernel_alg(uint8_t type, uint16_t id, uint16_t keybits)
{
	const struct alg *a = esp_find(type, id, keybits);

	return a ? a->kernel : 0;
}

const char *esp_kernel_name(uint8_t type, uint16_t id, uint16_t keybits)
{
	const struct alg *a = esp_find(type, id, keybits);

	if (!a || !a->kernel)
		return NULL;
	if (type == IKE_TT_ENCR)
		return enc_alg_fullname(a->kernel, a->key_len);
	return auth_alg_name(a->kernel);
}

unsigned int esp_key_len(uint8_t type, uint16_t id, uint16_t keybits)
{
	const struct alg *a = esp_find(type, id, keybits);

	return a ? a->key_len : 0;
}

/* --- names of the wire constants --- */

struct name {
	unsigned int v;
	const char *s;
};

static const char *name_of(const struct name *t, unsigned int n,
			   unsigned int v, const char *dflt)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (t[i].v == v)
			return t[i].s;
	return dflt;
}

static const struct name exch_names[] = {
	{ IKE_SA_INIT, "IKE_SA_INIT" },
	{ IKE_AUTH, "IKE_AUTH" },
	{ IKE_CREATE_CHILD_SA, "CREATE_CHILD_SA" },
	{ IKE_INFORMATIONAL, "INFORMATIONAL" },
};

const char *exch_name(uint8_t exch)
{
	return name_of(exch_names, ARRAY_SIZE(exch_names), exch, "UNKNOWN");
}

static const struct name payload_names[] = {
	{ IKE_PL_NONE, "NONE" },
	{ IKE_PL_SA, "SA" },
	{ IKE_PL_KE, "KE" },
	{ IKE_PL_IDI, "IDi" },
	{ IKE_PL_IDR, "IDr" },
	{ IKE_PL_CERT, "CERT" },
	{ IKE_PL_CERTREQ, "CERTREQ" },
	{ IKE_PL_AUTH, "AUTH" },
	{ IKE_PL_NONCE, "NONCE" },
	{ IKE_PL_NOTIFY, "N" },
	{ IKE_PL_DELETE, "D" },
	{ IKE_PL_VENDOR, "VID" },
	{ IKE_PL_TSI, "TSi" },
	{ IKE_PL_TSR, "TSr" },
	{ IKE_PL_SK, "ENCR" },
	{ IKE_PL_CP, "CFG" },
	{ IKE_PL_EAP, "EAP" },
	{ IKE_PL_SKF, "SKF" },
};

const char *payload_name(uint8_t type)
{
	return name_of(payload_names, ARRAY_SIZE(payload_names), type,
		       "UNKNOWN");
}

static const struct name notify_names[] = {
	{ IKE_N_UNSUPPORTED_CRITICAL_PAYLOAD, "UNSUPPORTED_CRITICAL_PAYLOAD" },
	{ IKE_N_INVALID_IKE_SPI, "INVALID_IKE_SPI" },
	{ IKE_N_INVALID_MAJOR_VERSION, "INVALID_MAJOR_VERSION" },
	{ IKE_N_INVALID_SYNTAX, "INVALID_SYNTAX" },
	{ IKE_N_INVALID_MESSAGE_ID, "INVALID_MESSAGE_ID" },
	{ IKE_N_INVALID_SPI, "INVALID_SPI" },
	{ IKE_N_NO_PROPOSAL_CHOSEN, "NO_PROPOSAL_CHOSEN" },
	{ IKE_N_INVALID_KE_PAYLOAD, "INVALID_KE_PAYLOAD" },
	{ IKE_N_AUTHENTICATION_FAILED, "AUTHENTICATION_FAILED" },
	{ IKE_N_SINGLE_PAIR_REQUIRED, "SINGLE_PAIR_REQUIRED" },
	{ IKE_N_NO_ADDITIONAL_SAS, "NO_ADDITIONAL_SAS" },
	{ IKE_N_INTERNAL_ADDRESS_FAILURE, "INTERNAL_ADDRESS_FAILURE" },
	{ IKE_N_FAILED_CP_REQUIRED, "FAILED_CP_REQUIRED" },
	{ IKE_N_TS_UNACCEPTABLE, "TS_UNACCEPTABLE" },
	{ IKE_N_INVALID_SELECTORS, "INVALID_SELECTORS" },
	{ IKE_N_TEMPORARY_FAILURE, "TEMPORARY_FAILURE" },
	{ IKE_N_CHILD_SA_NOT_FOUND, "CHILD_SA_NOT_FOUND" },
	{ IKE_N_INITIAL_CONTACT, "INITIAL_CONTACT" },
	{ IKE_N_SET_WINDOW_SIZE, "SET_WINDOW_SIZE" },
	{ IKE_N_ADDITIONAL_TS_POSSIBLE, "ADDITIONAL_TS_POSSIBLE" },
	{ IKE_N_IPCOMP_SUPPORTED, "IPCOMP_SUPPORTED" },
	{ IKE_N_NAT_DETECTION_SOURCE_IP, "NAT_DETECTION_SOURCE_IP" },
	{ IKE_N_NAT_DETECTION_DESTINATION_IP,
	  "NAT_DETECTION_DESTINATION_IP" },
	{ IKE_N_COOKIE, "COOKIE" },
	{ IKE_N_USE_TRANSPORT_MODE, "USE_TRANSPORT_MODE" },
	{ IKE_N_HTTP_CERT_LOOKUP_SUPPORTED, "HTTP_CERT_LOOKUP_SUPPORTED" },
	{ IKE_N_REKEY_SA, "REKEY_SA" },
	{ IKE_N_ESP_TFC_PADDING_NOT_SUPPORTED,
	  "ESP_TFC_PADDING_NOT_SUPPORTED" },
	{ IKE_N_NON_FIRST_FRAGMENTS_ALSO, "NON_FIRST_FRAGMENTS_ALSO" },
	{ IKE_N_MOBIKE_SUPPORTED, "MOBIKE_SUPPORTED" },
	{ IKE_N_REDIRECT_SUPPORTED, "REDIRECT_SUPPORTED" },
	{ IKE_N_IKEV2_FRAGMENTATION_SUPPORTED,
	  "IKEV2_FRAGMENTATION_SUPPORTED" },
	{ IKE_N_SIGNATURE_HASH_ALGORITHMS, "SIGNATURE_HASH_ALGORITHMS" },
};

const char *notify_name(uint16_t type)
{
	return name_of(notify_names, ARRAY_SIZE(notify_names), type,
		       type <= IKE_N_ERROR_MAX ? "UNKNOWN_ERROR" :
						 "UNKNOWN_STATUS");
}

const char *dh_show(uint16_t group)
{
	const struct alg *a = alg_find(IKE_TT_DH, group, 0);

	if (a)
		return a->show;
	if (group == IKE_DH_NONE)
		return "NONE";
	return "DH_GROUP_UNKNOWN";
}

static const struct name auth_names[] = {
	{ IKE_AUTH_RSA_SIG, "RSA" },
	{ IKE_AUTH_PSK, "PSK" },
	{ IKE_AUTH_DSS_SIG, "DSS" },
	{ IKE_AUTH_ECDSA_256, "ECDSA" },
	{ IKE_AUTH_ECDSA_384, "ECDSA" },
	{ IKE_AUTH_ECDSA_521, "ECDSA" },
	{ IKE_AUTH_DIGITAL_SIG, "DIGITAL-SIG" },
};

const char *auth_method_name(uint8_t method)
{
	return name_of(auth_names, ARRAY_SIZE(auth_names), method, "UNKNOWN");
}

static const struct name id_names[] = {
	{ IKE_ID_IPV4_ADDR, "IPv4 address" },
	{ IKE_ID_FQDN, "FQDN" },
	{ IKE_ID_RFC822_ADDR, "email" },
	{ IKE_ID_IPV6_ADDR, "IPv6 address" },
	{ IKE_ID_DER_ASN1_DN, "DER ASN1 DN" },
	{ IKE_ID_DER_ASN1_GN, "DER ASN1 GN" },
	{ IKE_ID_KEY_ID, "key ID" },
};

const char *id_type_name(uint8_t type)
{
	return name_of(id_names, ARRAY_SIZE(id_names), type, "unknown");
}
