// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the CLI's value parsers (cli/parse.c). */

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>

#include <linux/flexsec.h>

#include "parse.h"

static void hex_valid(void **state)
{
	uint8_t buf[8];
	size_t len = 0;
	struct perr e;

	assert_int_equal(parse_hex("0x0aFf10", buf, sizeof(buf), &len, &e), 0);
	assert_int_equal(len, 3);
	assert_int_equal(buf[0], 0x0a);
	assert_int_equal(buf[1], 0xff);
	assert_int_equal(buf[2], 0x10);
	assert_int_equal(parse_hex("DEADbeef", buf, sizeof(buf), &len, &e), 0);
	assert_int_equal(len, 4);
	assert_memory_equal(buf, "\xde\xad\xbe\xef", 4);
	assert_int_equal(parse_hex("0X01", buf, sizeof(buf), &len, &e), 0);
	assert_int_equal(len, 1);
}

static void hex_exactly_max(void **state)
{
	uint8_t buf[4];
	size_t len = 0;
	struct perr e;

	assert_int_equal(parse_hex("00112233", buf, sizeof(buf), &len, &e), 0);
	assert_int_equal(len, 4);
}

static void hex_odd_length(void **state)
{
	uint8_t buf[8];
	size_t len = 99;
	struct perr e;

	assert_int_equal(parse_hex("0x123", buf, sizeof(buf), &len, &e),
			 -EINVAL);
	assert_non_null(strstr(e.msg, "odd number of hex digits (3)"));
	assert_int_equal(len, 99);
}

static void hex_bad_digit(void **state)
{
	uint8_t buf[8];
	size_t len;
	struct perr e;

	assert_int_equal(parse_hex("0x12g4", buf, sizeof(buf), &len, &e),
			 -EINVAL);
	assert_non_null(strstr(e.msg, "character 5 is not a hex digit"));
	assert_int_equal(parse_hex("12 4", buf, sizeof(buf), &len, &e),
			 -EINVAL);
	assert_int_equal(parse_hex("-1", buf, sizeof(buf), &len, &e), -EINVAL);
}

static void hex_never_quotes_the_key(void **state)
{
	uint8_t buf[2];
	size_t len;
	struct perr e;

	assert_int_not_equal(parse_hex("a1b2c3d4e5f6q", buf, sizeof(buf), &len,
				       &e), 0);
	assert_null(strstr(e.msg, "a1b2"));
	assert_int_not_equal(parse_hex("a1b2c3d4e5f6", buf, sizeof(buf), &len,
				       &e), 0);
	assert_null(strstr(e.msg, "a1b2"));
}

static void hex_too_long(void **state)
{
	uint8_t buf[FLEXSEC_ENC_KEY_MAX];
	char key[2 * (FLEXSEC_ENC_KEY_MAX + 1) + 1];
	size_t len;
	struct perr e;

	memset(key, 'a', sizeof(key) - 1);
	key[sizeof(key) - 1] = '\0';
	/* 74 digits: 37 bytes, one more than the buffer */
	assert_int_equal(parse_hex(key, buf, sizeof(buf), &len, &e),
			 -ERANGE);
	assert_non_null(strstr(e.msg, "37 bytes, longer than 36"));
}

static void hex_empty(void **state)
{
	uint8_t buf[4];
	size_t len;
	struct perr e;

	assert_int_equal(parse_hex("", buf, sizeof(buf), &len, &e), -EINVAL);
	assert_int_equal(parse_hex("0x", buf, sizeof(buf), &len, &e), -EINVAL);
	assert_int_equal(parse_hex(NULL, buf, sizeof(buf), &len, &e), -EINVAL);
}

static void spi_valid(void **state)
{
	uint32_t spi = 0;
	struct perr e;

	assert_int_equal(parse_spi("0x100", &spi, &e), 0);
	assert_int_equal(spi, 256);
	assert_int_equal(parse_spi("256", &spi, &e), 0);
	assert_int_equal(spi, 256);
	assert_int_equal(parse_spi("0xC0DE", &spi, &e), 0);
	assert_int_equal(spi, 0xc0de);
	assert_int_equal(parse_spi("4294967295", &spi, &e), 0);
	assert_int_equal(spi, UINT32_MAX);
	assert_int_equal(parse_spi("0xffffffff", &spi, &e), 0);
	assert_int_equal(spi, UINT32_MAX);
}

static void spi_reserved(void **state)
{
	uint32_t spi = 7;
	struct perr e;

	assert_int_equal(parse_spi("0", &spi, &e), -ERANGE);
	assert_int_equal(parse_spi("1", &spi, &e), -ERANGE);
	assert_non_null(strstr(e.msg, "reserved"));
	assert_int_equal(parse_spi("255", &spi, &e), -ERANGE);
	assert_int_equal(parse_spi("0xff", &spi, &e), -ERANGE);
	assert_int_equal(spi, 7);
}

static void spi_invalid(void **state)
{
	uint32_t spi;
	struct perr e;

	assert_int_equal(parse_spi("4294967296", &spi, &e), -ERANGE);
	assert_int_equal(parse_spi("0x100000000", &spi, &e), -ERANGE);
	assert_int_equal(parse_spi("-300", &spi, &e), -EINVAL);
	assert_int_equal(parse_spi("+300", &spi, &e), -EINVAL);
	assert_int_equal(parse_spi(" 300", &spi, &e), -EINVAL);
	assert_int_equal(parse_spi("300 ", &spi, &e), -EINVAL);
	assert_int_equal(parse_spi("300x", &spi, &e), -EINVAL);
	assert_int_equal(parse_spi("0x", &spi, &e), -EINVAL);
	assert_int_equal(parse_spi("", &spi, &e), -EINVAL);
	assert_int_equal(parse_spi("c0de", &spi, &e), -EINVAL);
}

static void enc_algs(void **state)
{
	static const struct {
		const char *name;
		uint32_t alg;
		size_t key_len;
		bool needs_auth;
	} want[] = {
		{ "aes-gcm-128", FLEXSEC_ENC_ALG_AES_GCM, 20, false },
		{ "aes-gcm-256", FLEXSEC_ENC_ALG_AES_GCM, 36, false },
		{ "chacha20-poly1305", FLEXSEC_ENC_ALG_CHACHA20_POLY1305, 36,
		  false },
		{ "aes-cbc-128", FLEXSEC_ENC_ALG_AES_CBC, 16, true },
		{ "aes-cbc-192", FLEXSEC_ENC_ALG_AES_CBC, 24, true },
		{ "aes-cbc-256", FLEXSEC_ENC_ALG_AES_CBC, 32, true },
	};
	const struct enc_alg_info *a;
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		a = enc_alg_lookup(want[i].name);
		assert_non_null(a);
		assert_string_equal(a->name, want[i].name);
		assert_int_equal(a->alg, want[i].alg);
		assert_int_equal(a->key_len, want[i].key_len);
		assert_true(a->key_len <= FLEXSEC_ENC_KEY_MAX);
		assert_int_equal(a->needs_auth, want[i].needs_auth);
		assert_non_null(enc_alg_name(a->alg));
		assert_ptr_equal(enc_alg_find(want[i].alg, want[i].key_len), a);
		assert_string_equal(enc_alg_fullname(want[i].alg,
						     want[i].key_len),
				    want[i].name);
	}
	assert_null(enc_alg_find(FLEXSEC_ENC_ALG_AES_GCM, 32));
	assert_null(enc_alg_find(FLEXSEC_ENC_ALG_AES_CBC, 20));
	assert_null(enc_alg_find(0, 16));
	assert_string_equal(enc_alg_fullname(FLEXSEC_ENC_ALG_AES_GCM, 32),
			    "aes-gcm");
	assert_null(enc_alg_lookup("aes-gcm"));
	assert_null(enc_alg_lookup("AES-GCM-128"));
	assert_null(enc_alg_lookup("aes-gcm-192"));
	assert_null(enc_alg_lookup(""));
	assert_null(enc_alg_lookup(NULL));
}

static void enc_key_lengths(void **state)
{
	const struct enc_alg_info *gcm256 = enc_alg_lookup("aes-gcm-256");
	const struct enc_alg_info *cbc = enc_alg_lookup("aes-cbc-128");
	struct perr e;

	assert_int_equal(enc_key_check(gcm256, 36, &e), 0);
	assert_int_equal(enc_key_check(gcm256, 32, &e), -EINVAL);
	assert_non_null(strstr(e.msg, "32 bytes, aes-gcm-256 takes 36"));
	assert_non_null(strstr(e.msg, "4-byte salt"));
	assert_int_equal(enc_key_check(cbc, 16, &e), 0);
	assert_int_equal(enc_key_check(cbc, 20, &e), -EINVAL);
}

static void auth_algs(void **state)
{
	static const struct {
		const char *name;
		const char *alias;
		uint32_t alg;
		size_t key_len;
	} want[] = {
		{ "hmac-sha1", "hmac-sha1-96", FLEXSEC_AUTH_ALG_HMAC_SHA1_96,
		  20 },
		{ "hmac-sha256", "hmac-sha256-128",
		  FLEXSEC_AUTH_ALG_HMAC_SHA256_128, 32 },
		{ "hmac-sha384", "hmac-sha384-192",
		  FLEXSEC_AUTH_ALG_HMAC_SHA384_192, 48 },
		{ "hmac-sha512", "hmac-sha512-256",
		  FLEXSEC_AUTH_ALG_HMAC_SHA512_256, 64 },
	};
	const struct auth_alg_info *a;
	struct perr e;
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		a = auth_alg_lookup(want[i].name);
		assert_non_null(a);
		assert_ptr_equal(a, auth_alg_lookup(want[i].alias));
		assert_int_equal(a->alg, want[i].alg);
		assert_int_equal(a->key_len, want[i].key_len);
		assert_true(a->key_len <= FLEXSEC_AUTH_KEY_MAX);
		assert_int_equal(auth_key_check(a, want[i].key_len, &e), 0);
		assert_int_equal(auth_key_check(a, want[i].key_len - 1, &e),
				 -EINVAL);
		assert_string_equal(auth_alg_name(a->alg), want[i].name);
		assert_ptr_equal(auth_alg_find(want[i].alg), a);
	}
	assert_null(auth_alg_find(0));
	assert_null(auth_alg_find(FLEXSEC_AUTH_ALG_HMAC_SHA512_256 + 1));
	assert_int_equal(auth_alg_icv_bits(FLEXSEC_AUTH_ALG_HMAC_SHA1_96), 96);
	assert_null(auth_alg_lookup("hmac-md5"));
	assert_null(auth_alg_name(0));
}

static void numbers(void **state)
{
	uint64_t v = 0;
	struct perr e;

	assert_int_equal(parse_u64("0", UINT64_MAX, &v, &e), 0);
	assert_int_equal(v, 0);
	assert_int_equal(parse_u64("010", UINT64_MAX, &v, &e), 0);
	assert_int_equal(v, 10);
	assert_int_equal(parse_u64("18446744073709551615", UINT64_MAX, &v, &e),
			 0);
	assert_true(v == UINT64_MAX);
	assert_int_equal(parse_u64("0xFFFFFFFFFFFFFFFF", UINT64_MAX, &v, &e),
			 0);
	assert_true(v == UINT64_MAX);
}

static void numbers_overflow(void **state)
{
	uint64_t v = 5;
	uint32_t v32;
	uint8_t v8;
	struct perr e;

	assert_int_equal(parse_u64("18446744073709551616", UINT64_MAX, &v, &e),
			 -ERANGE);
	assert_int_equal(parse_u64("99999999999999999999999", UINT64_MAX, &v,
				   &e), -ERANGE);
	assert_int_equal(parse_u64("0x10000000000000000", UINT64_MAX, &v, &e),
			 -ERANGE);
	assert_int_equal(v, 5);
	assert_int_equal(parse_u64("65537", 65536, &v, &e), -ERANGE);
	assert_non_null(strstr(e.msg, "0 to 65536"));
	assert_int_equal(parse_u64("65536", 65536, &v, &e), 0);
	assert_int_equal(parse_u32("4294967296", &v32, &e), -ERANGE);
	assert_int_equal(parse_u32("4294967295", &v32, &e), 0);
	assert_int_equal(parse_u8("256", &v8, &e), -ERANGE);
	assert_int_equal(parse_u8("255", &v8, &e), 0);
	assert_int_equal(v8, 255);
}

static void numbers_invalid(void **state)
{
	uint64_t v;
	struct perr e;

	assert_int_equal(parse_u64("", UINT64_MAX, &v, &e), -EINVAL);
	assert_int_equal(parse_u64(NULL, UINT64_MAX, &v, &e), -EINVAL);
	assert_int_equal(parse_u64("-1", UINT64_MAX, &v, &e), -EINVAL);
	assert_int_equal(parse_u64("1e6", UINT64_MAX, &v, &e), -EINVAL);
	assert_int_equal(parse_u64("1.5", UINT64_MAX, &v, &e), -EINVAL);
	assert_int_equal(parse_u64("0x1g", UINT64_MAX, &v, &e), -EINVAL);
	assert_int_equal(parse_u64("ff", UINT64_MAX, &v, &e), -EINVAL);
}

static void gre_keys(void **state)
{
	uint32_t key = 0;
	struct perr e;

	assert_int_equal(parse_gre_key("10", &key, &e), 0);
	assert_int_equal(key, 10);
	assert_int_equal(parse_gre_key("0.0.0.10", &key, &e), 0);
	assert_int_equal(key, 10);
	assert_int_equal(parse_gre_key("1.2.3.4", &key, &e), 0);
	assert_int_equal(key, 0x01020304);
	assert_int_equal(parse_gre_key("255.255.255.255", &key, &e), 0);
	assert_int_equal(key, UINT32_MAX);
	assert_int_equal(parse_gre_key("0x10", &key, &e), 0);
	assert_int_equal(key, 16);
	assert_int_equal(parse_gre_key("4294967295", &key, &e), 0);
	assert_int_equal(key, UINT32_MAX);
}

static void gre_keys_invalid(void **state)
{
	uint32_t key = 3;
	struct perr e;

	assert_int_equal(parse_gre_key("1.2.3", &key, &e), -EINVAL);
	assert_int_equal(parse_gre_key("1.2.3.4.5", &key, &e), -EINVAL);
	assert_int_equal(parse_gre_key("256.0.0.1", &key, &e), -EINVAL);
	assert_int_equal(parse_gre_key("1..2.3", &key, &e), -EINVAL);
	assert_int_equal(parse_gre_key("4294967296", &key, &e), -ERANGE);
	assert_int_equal(parse_gre_key("ten", &key, &e), -EINVAL);
	assert_int_equal(key, 3);
}

static void words(void **state)
{
	uint32_t v;
	uint8_t b;
	struct perr e;

	assert_int_equal(parse_dir("in", &v, &e), 0);
	assert_int_equal(v, FLEXSEC_DIR_IN);
	assert_int_equal(parse_dir("out", &v, &e), 0);
	assert_int_equal(v, FLEXSEC_DIR_OUT);
	assert_int_equal(parse_dir("inbound", &v, &e), -EINVAL);
	assert_string_equal(dir_name(FLEXSEC_DIR_OUT), "out");
	assert_int_equal(parse_mode("vti", &v, &e), 0);
	assert_int_equal(v, FLEXSEC_MODE_VTI);
	assert_int_equal(parse_mode("gre", &v, &e), 0);
	assert_int_equal(v, FLEXSEC_MODE_GRE);
	assert_int_equal(parse_mode("ipip", &v, &e), -EINVAL);
	assert_string_equal(mode_name(FLEXSEC_MODE_GRE), "gre");
	assert_null(mode_name(0));
	assert_string_equal(limit_name(FLEXSEC_LIMIT_SECONDS), "seconds");
	assert_int_equal(parse_ttl("inherit", &b, &e), 0);
	assert_int_equal(b, 0);
	assert_int_equal(parse_ttl("64", &b, &e), 0);
	assert_int_equal(b, 64);
	assert_int_equal(parse_tos("inherit", &b, &e), 0);
	assert_int_equal(b, 1);
	assert_int_equal(parse_tos("0x10", &b, &e), 0);
	assert_int_equal(b, 0x10);
	assert_int_equal(parse_tos("b8", &b, &e), 0);
	assert_int_equal(b, 0xb8);
	assert_int_equal(parse_tos("10", &b, &e), 0);
	assert_int_equal(b, 0x10);
	assert_int_equal(parse_tos("100", &b, &e), -ERANGE);
	assert_int_equal(parse_tos("0x", &b, &e), -EINVAL);
	assert_int_equal(parse_tos("", &b, &e), -EINVAL);
}

static void addresses(void **state)
{
	struct addr a;
	struct perr e;

	assert_int_equal(parse_addr("192.0.2.1", &a, &e), 0);
	assert_int_equal(a.family, AF_INET);
	assert_int_equal(a.len, 4);
	assert_memory_equal(a.bytes, "\xc0\x00\x02\x01", 4);
	assert_int_equal(parse_addr("2001:db8::1", &a, &e), 0);
	assert_int_equal(a.family, AF_INET6);
	assert_int_equal(a.len, 16);
	assert_int_equal(parse_addr("192.0.2", &a, &e), -EINVAL);
	assert_int_equal(parse_addr("host.example", &a, &e), -EINVAL);
}

static void ifnames(void **state)
{
	struct perr e;

	assert_int_equal(parse_ifname("Tunnel0", &e), 0);
	assert_int_equal(parse_ifname("abcdefghijklmno", &e), 0);
	assert_int_equal(parse_ifname("abcdefghijklmnop", &e), -EINVAL);
	assert_int_equal(parse_ifname("", &e), -EINVAL);
	assert_int_equal(parse_ifname("a/b", &e), -EINVAL);
	assert_int_equal(parse_ifname("a b", &e), -EINVAL);
	assert_int_equal(parse_ifname("eth0:1", &e), -EINVAL);
	assert_int_equal(parse_ifname("..", &e), -EINVAL);
}

static void secrets(void **state)
{
	assert_true(looks_secret("00112233445566778899aabbccddeeff"));
	assert_true(looks_secret("0x0011223344556677"));
	assert_false(looks_secret("0x1234"));
	assert_false(looks_secret("Tunnel0"));
	assert_false(looks_secret("hard-bytes"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hex_valid),
		cmocka_unit_test(hex_exactly_max),
		cmocka_unit_test(hex_odd_length),
		cmocka_unit_test(hex_bad_digit),
		cmocka_unit_test(hex_never_quotes_the_key),
		cmocka_unit_test(hex_too_long),
		cmocka_unit_test(hex_empty),
		cmocka_unit_test(spi_valid),
		cmocka_unit_test(spi_reserved),
		cmocka_unit_test(spi_invalid),
		cmocka_unit_test(enc_algs),
		cmocka_unit_test(enc_key_lengths),
		cmocka_unit_test(auth_algs),
		cmocka_unit_test(numbers),
		cmocka_unit_test(numbers_overflow),
		cmocka_unit_test(numbers_invalid),
		cmocka_unit_test(gre_keys),
		cmocka_unit_test(gre_keys_invalid),
		cmocka_unit_test(words),
		cmocka_unit_test(addresses),
		cmocka_unit_test(ifnames),
		cmocka_unit_test(secrets),
	};

	return cmocka_run_group_tests_name("cli_parse", tests, NULL, NULL);
}
