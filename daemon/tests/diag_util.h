/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the diagnostics and control socket tests share: output to a
 * string, an IPv4 socket address, the state every test begins with, and
 * what a function writes to stderr.
 */
#ifndef FLEXSEC_TESTS_DIAG_UTIL_H
#define FLEXSEC_TESTS_DIAG_UTIL_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "diag.h"

/* Output into a string. */
struct mem {
	char *buf;
	size_t len;
	FILE *f;
};

static inline FILE *mem_open(struct mem *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	assert_non_null(m->f);
	return m->f;
}

static inline char *mem_close(struct mem *m)
{
	assert_int_equal(fclose(m->f), 0);
	return m->buf;
}

static inline void addr4(struct sockaddr_storage *ss, const char *a,
			 uint16_t port)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;

	memset(ss, 0, sizeof(*ss));
	sin->sin_family = AF_INET;
	sin->sin_port = htons(port);
	assert_int_equal(inet_pton(AF_INET, a, &sin->sin_addr), 1);
}

/* The state each test begins with: no errors, no debugging, no condition. */
static inline int reset(void **state)
{
	diag_init(false, 0);
	diag_clear_errors();
	dbg_set(~0u, false);
	dbg_condition_clear();
	return 0;
}

/* What the debug lines of FN write to stderr. */
static inline char *stderr_of(void (*fn)(void))
{
	FILE *tmp = tmpfile();
	char *buf;
	long len;
	int saved;

	assert_non_null(tmp);
	fflush(stderr);
	saved = dup(2);
	assert_true(saved >= 0);
	assert_true(dup2(fileno(tmp), 2) >= 0);
	fn();
	fflush(stderr);
	assert_true(dup2(saved, 2) >= 0);
	close(saved);
	/* written through the descriptor: the FILE knows nothing of it */
	len = lseek(fileno(tmp), 0, SEEK_END);
	assert_true(len >= 0);
	buf = calloc(1, (size_t)len + 1);
	assert_non_null(buf);
	rewind(tmp);
	assert_int_equal(fread(buf, 1, (size_t)len, tmp), (size_t)len);
	fclose(tmp);
	return buf;
}

#endif /* FLEXSEC_TESTS_DIAG_UTIL_H */
