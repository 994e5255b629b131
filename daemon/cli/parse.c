// SPDX-License-Identifier: GPL-2.0
/* Pure parsing of command-line values. */

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <linux/flexsec.h>

#include "parse.h"

static int fail(struct perr *e, int err, const char *fmt, ...)
{
	va_list ap;

	if (e) {
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
		va_end(ap);
	}
	return err;
}

/* Value of a digit in base 10 or 16, -1 when it is not one. */
static int digit(char c, unsigned int base)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (base == 16 && c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (base == 16 && c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool has_hex_prefix(const char *s)
{
	return s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
}

/* Digits in base 10 or 16, from 0 to max; what they are called in errors. */
static int parse_digits(const char *p, unsigned int base, uint64_t max,
			uint64_t *out, struct perr *e)
{
	uint64_t v = 0;
	int d;

	if (!*p)
		return fail(e, -EINVAL, base == 16 ? "no hex digits" :
						     "empty number");
	for (; *p; p++) {
		d = digit(*p, base);
		if (d < 0)
			return fail(e, -EINVAL, "not a %s number",
				    base == 16 ? "hexadecimal" : "decimal");
		if ((uint64_t)d > max || v > (max - d) / base)
			return fail(e, -ERANGE, "out of range (0 to %llu)",
				    (unsigned long long)max);
		v = v * base + d;
	}
	*out = v;
	return 0;
}

/*
 * A decimal number, or a hexadecimal one after 0x, from 0 to max. Unlike
 * strtoull, no sign, no blanks and no octal: "010" is ten.
 */
int parse_u64(const char *s, uint64_t max, uint64_t *out, struct perr *e)
{
	if (!s || !*s)
		return fail(e, -EINVAL, "empty number");
	if (has_hex_prefix(s))
		return parse_digits(s + 2, 16, max, out, e);
	return parse_digits(s, 10, max, out, e);
}

int parse_u32(const char *s, uint32_t *out, struct perr *e)
{
	uint64_t v;
	int err;

	err = parse_u64(s, UINT32_MAX, &v, e);
	if (!err)
		*out = v;
	return err;
}

int parse_u8(const char *s, uint8_t *out, struct perr *e)
{
	uint64_t v;
	int err;

	err = parse_u64(s, UINT8_MAX, &v, e);
	if (!err)
		*out = v;
	return err;
}

int parse_spi(const char *s, uint32_t *spi, struct perr *e)
{
	uint32_t v;
	int err;

	err = parse_u32(s, &v, e);
	if (err)
		return err;
	if (v <= SPI_RESERVED_MAX)
		return fail(e, -ERANGE, "0 to %u are reserved (RFC 4303)",
			    SPI_RESERVED_MAX);
	*spi = v;
	return 0;
}

/*
 * Key material in hexadecimal, with an optional 0x, into buf (at most max
 * bytes). Errors never quote the digits: they are a secret.
 */
int parse_hex(const char *s, uint8_t *buf, size_t max, size_t *len,
	      struct perr *e)
{
	const char *p = s;
	size_t n, i;

	if (!s)
		return fail(e, -EINVAL, "no hex digits");
	if (has_hex_prefix(p))
		p += 2;
	n = strlen(p);
	if (!n)
		return fail(e, -EINVAL, "no hex digits");
	for (i = 0; i < n; i++)
		if (digit(p[i], 16) < 0)
			return fail(e, -EINVAL,
				    "character %zu is not a hex digit",
				    (size_t)(p - s) + i + 1);
	if (n % 2)
		return fail(e, -EINVAL, "odd number of hex digits (%zu)", n);
	if (n / 2 > max)
		return fail(e, -ERANGE, "%zu bytes, longer than %zu", n / 2,
			    max);
	for (i = 0; i < n / 2; i++)
		buf[i] = digit(p[2 * i], 16) << 4 | digit(p[2 * i + 1], 16);
	*len = n / 2;
	return 0;
}

int parse_dir(const char *s, uint32_t *dir, struct perr *e)
{
	if (s && !strcmp(s, "in"))
		*dir = FLEXSEC_DIR_IN;
	else if (s && !strcmp(s, "out"))
		*dir = FLEXSEC_DIR_OUT;
	else
		return fail(e, -EINVAL, "not in or out");
	return 0;
}

int parse_mode(const char *s, uint32_t *mode, struct perr *e)
{
	if (s && !strcmp(s, "vti"))
		*mode = FLEXSEC_MODE_VTI;
	else if (s && !strcmp(s, "gre"))
		*mode = FLEXSEC_MODE_GRE;
	else
		return fail(e, -EINVAL, "not vti or gre");
	return 0;
}

/* A GRE key: a 32-bit number, or four bytes as a dotted quad (1.2.3.4). */
int parse_gre_key(const char *s, uint32_t *key, struct perr *e)
{
	struct in_addr a;

	if (s && strchr(s, '.')) {
		if (inet_pton(AF_INET, s, &a) != 1)
			return fail(e, -EINVAL, "not a dotted quad");
		*key = ntohl(a.s_addr);
		return 0;
	}
	return parse_u32(s, key, e);
}

int parse_addr(const char *s, struct addr *a, struct perr *e)
{
	memset(a, 0, sizeof(*a));
	if (s && inet_pton(AF_INET, s, a->bytes) == 1) {
		a->family = AF_INET;
		a->len = 4;
	} else if (s && inet_pton(AF_INET6, s, a->bytes) == 1) {
		a->family = AF_INET6;
		a->len = 16;
	} else {
		return fail(e, -EINVAL, "not an IPv4 or IPv6 address");
	}
	return 0;
}

/* The names the kernel accepts for a network device. */
int parse_ifname(const char *s, struct perr *e)
{
	size_t n = s ? strlen(s) : 0;
	size_t i;

	if (!n)
		return fail(e, -EINVAL, "empty device name");
	if (n >= IFNAMSIZ)
		return fail(e, -EINVAL,
			    "device names have at most %d characters",
			    IFNAMSIZ - 1);
	if (!strcmp(s, ".") || !strcmp(s, ".."))
		return fail(e, -EINVAL, "not a device name");
	for (i = 0; i < n; i++)
		if (s[i] == '/' || s[i] == ':' || s[i] == ' ' ||
		    (s[i] >= '\t' && s[i] <= '\r'))
			return fail(e, -EINVAL,
				    "device names have no '/', ':' or blank");
	return 0;
}

/* Outer TTL: 1 to 255, or inherit (0) from the inner packet. */
int parse_ttl(const char *s, uint8_t *ttl, struct perr *e)
{
	if (s && !strcmp(s, "inherit")) {
		*ttl = 0;
		return 0;
	}
	return parse_u8(s, ttl, e);
}

/*
 * Outer TOS, in hexadecimal with or without 0x as ip-link(8) reads it
 * ("10" is 0x10), or inherit: 1, which copies the inner packet's.
 */
int parse_tos(const char *s, uint8_t *tos, struct perr *e)
{
	uint64_t v;
	int err;

	if (s && !strcmp(s, "inherit")) {
		*tos = 1;
		return 0;
	}
	if (!s || !*s)
		return fail(e, -EINVAL, "empty number");
	err = parse_digits(has_hex_prefix(s) ? s + 2 : s, 16, UINT8_MAX, &v,
			   e);
	if (!err)
		*tos = v;
	return err;
}

int enc_key_check(const struct enc_alg_info *enc, size_t len, struct perr *e)
{
	if (len == enc->key_len)
		return 0;
	if (enc->salt_len)
		return fail(e, -EINVAL,
			    "%zu bytes, %s takes %zu (%zu-byte key and %zu-byte salt)",
			    len, enc->name, enc->key_len,
			    enc->key_len - enc->salt_len, enc->salt_len);
	return fail(e, -EINVAL, "%zu bytes, %s takes %zu", len, enc->name,
		    enc->key_len);
}

int auth_key_check(const struct auth_alg_info *auth, size_t len,
		   struct perr *e)
{
	if (len == auth->key_len)
		return 0;
	return fail(e, -EINVAL, "%zu bytes, %s takes %zu", len, auth->name,
		    auth->key_len);
}

bool looks_secret(const char *s)
{
	size_t n = 0;

	if (!s)
		return false;
	if (has_hex_prefix(s))
		s += 2;
	for (; s[n]; n++)
		if (digit(s[n], 16) < 0)
			return false;
	return n >= 16;
}
