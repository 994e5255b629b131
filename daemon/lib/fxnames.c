// SPDX-License-Identifier: GPL-2.0
/* The names of flexsec.ko's algorithms and enums, and their key lengths. */

#include <stdio.h>
#include <string.h>

#include <linux/flexsec.h>

#include "fxnames.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const struct enc_alg_info enc_algs[] = {
	{ "aes-gcm-128", FLEXSEC_ENC_ALG_AES_GCM, 20, 4, false },
	{ "aes-gcm-256", FLEXSEC_ENC_ALG_AES_GCM, 36, 4, false },
	{ "chacha20-poly1305", FLEXSEC_ENC_ALG_CHACHA20_POLY1305, 36, 4,
	  false },
	{ "aes-cbc-128", FLEXSEC_ENC_ALG_AES_CBC, 16, 0, true },
	{ "aes-cbc-192", FLEXSEC_ENC_ALG_AES_CBC, 24, 0, true },
	{ "aes-cbc-256", FLEXSEC_ENC_ALG_AES_CBC, 32, 0, true },
};

static const struct auth_alg_info auth_algs[] = {
	{ "hmac-sha1", "hmac-sha1-96", FLEXSEC_AUTH_ALG_HMAC_SHA1_96, 20, 96 },
	{ "hmac-sha256", "hmac-sha256-128", FLEXSEC_AUTH_ALG_HMAC_SHA256_128,
	  32, 128 },
	{ "hmac-sha384", "hmac-sha384-192", FLEXSEC_AUTH_ALG_HMAC_SHA384_192,
	  48, 192 },
	{ "hmac-sha512", "hmac-sha512-256", FLEXSEC_AUTH_ALG_HMAC_SHA512_256,
	  64, 256 },
};

const struct enc_alg_info *enc_alg_lookup(const char *name)
{
	size_t i;

	for (i = 0; name && i < ARRAY_SIZE(enc_algs); i++)
		if (!strcmp(name, enc_algs[i].name))
			return &enc_algs[i];
	return NULL;
}

const struct auth_alg_info *auth_alg_lookup(const char *name)
{
	size_t i;

	for (i = 0; name && i < ARRAY_SIZE(auth_algs); i++)
		if (!strcmp(name, auth_algs[i].name) ||
		    !strcmp(name, auth_algs[i].alias))
			return &auth_algs[i];
	return NULL;
}

static void join(char *buf, size_t size, const char *word)
{
	size_t n = strlen(buf);

	if (n < size)
		snprintf(buf + n, size - n, "%s%s", n ? "|" : "", word);
}

void enc_alg_names(char *buf, size_t size)
{
	size_t i;

	if (!size)
		return;
	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(enc_algs); i++)
		join(buf, size, enc_algs[i].name);
}

void auth_alg_names(char *buf, size_t size)
{
	size_t i;

	if (!size)
		return;
	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(auth_algs); i++)
		join(buf, size, auth_algs[i].name);
}

const struct enc_alg_info *enc_alg_find(uint32_t alg, size_t key_len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(enc_algs); i++)
		if (enc_algs[i].alg == alg && enc_algs[i].key_len == key_len)
			return &enc_algs[i];
	return NULL;
}

const char *enc_alg_fullname(uint32_t alg, uint32_t keylen)
{
	const struct enc_alg_info *e = enc_alg_find(alg, keylen);

	return e ? e->name : enc_alg_name(alg);
}

const char *enc_alg_name(uint32_t alg)
{
	switch (alg) {
	case FLEXSEC_ENC_ALG_AES_GCM:
		return "aes-gcm";
	case FLEXSEC_ENC_ALG_CHACHA20_POLY1305:
		return "chacha20-poly1305";
	case FLEXSEC_ENC_ALG_AES_CBC:
		return "aes-cbc";
	}
	return NULL;
}

const struct auth_alg_info *auth_alg_find(uint32_t alg)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(auth_algs); i++)
		if (auth_algs[i].alg == alg)
			return &auth_algs[i];
	return NULL;
}

const char *auth_alg_name(uint32_t alg)
{
	const struct auth_alg_info *a = auth_alg_find(alg);

	return a ? a->name : NULL;
}

unsigned int auth_alg_icv_bits(uint32_t alg)
{
	const struct auth_alg_info *a = auth_alg_find(alg);

	return a ? a->icv_bits : 0;
}

const char *dir_name(uint32_t dir)
{
	switch (dir) {
	case FLEXSEC_DIR_IN:
		return "in";
	case FLEXSEC_DIR_OUT:
		return "out";
	}
	return NULL;
}

const char *mode_name(uint32_t mode)
{
	switch (mode) {
	case FLEXSEC_MODE_VTI:
		return "vti";
	case FLEXSEC_MODE_GRE:
		return "gre";
	}
	return NULL;
}

const char *limit_name(uint32_t limit)
{
	switch (limit) {
	case FLEXSEC_LIMIT_BYTES:
		return "bytes";
	case FLEXSEC_LIMIT_PACKETS:
		return "packets";
	case FLEXSEC_LIMIT_SECONDS:
		return "seconds";
	}
	return NULL;
}
