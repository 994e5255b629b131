/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the cryptography tests share: test vectors written as hex strings,
 * decoded; keys and messages that count up from a byte.
 */
#ifndef FLEXSEC_TESTS_CRYPTO_UTIL_H
#define FLEXSEC_TESTS_CRYPTO_UTIL_H

#include <stddef.h>
#include <stdint.h>

static inline int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes hex string S into OUT (room for CAP); the byte count. */
static inline size_t unhex(const char *s, uint8_t *out, size_t cap)
{
	size_t n = 0;

	while (s[0] && s[1]) {
		assert_true(hexval(s[0]) >= 0 && hexval(s[1]) >= 0);
		assert_true(n < cap);
		out[n++] = (uint8_t)(hexval(s[0]) << 4 | hexval(s[1]));
		s += 2;
	}
	assert_int_equal(*s, 0);
	return n;
}

/* N bytes at P counting up from FIRST. */
static inline void seq(uint8_t *p, uint8_t first, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(first + i);
}

#endif /* FLEXSEC_TESTS_CRYPTO_UTIL_H */
