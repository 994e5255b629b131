// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the request line of flexsec's flexsecd commands
 * (cli/dctl.c).
 */

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dctl.h"

#define ARGC(a)	((int)(sizeof(a) / sizeof((a)[0])))

static void words_joined(void **state)
{
	char *argv[] = { "crypto", "ikev2", "sa", "detailed" };
	char buf[DCTL_MAX_LINE + 1];

	assert_int_equal(dctl_format(buf, sizeof(buf), false, "show",
				     ARGC(argv), argv),
			 strlen("show crypto ikev2 sa detailed\n"));
	assert_string_equal(buf, "show crypto ikev2 sa detailed\n");
}

static void json_prefix(void **state)
{
	char *argv[] = { "cry", "ikev2", "stats" };
	char buf[64];

	assert_int_equal(dctl_format(buf, sizeof(buf), true, "show",
				     ARGC(argv), argv), 24);
	assert_string_equal(buf, "-j show cry ikev2 stats\n");
}

static void verb_alone(void **state)
{
	char buf[16];

	assert_int_equal(dctl_format(buf, sizeof(buf), false, "reload", 0,
				     NULL), 7);
	assert_string_equal(buf, "reload\n");
	assert_int_equal(dctl_format(buf, sizeof(buf), true, "reload", 0,
				     NULL), 10);
	assert_string_equal(buf, "-j reload\n");
}

static void negated_debug(void **state)
{
	char *argv[] = { "debug", "crypto", "condition", "peer", "ipv4",
			 "192.0.2.1" };
	char buf[128];

	assert_true(dctl_format(buf, sizeof(buf), false, "no", ARGC(argv),
				argv) > 0);
	assert_string_equal(buf,
			    "no debug crypto condition peer ipv4 192.0.2.1\n");
}

static void bad_words(void **state)
{
	char *blank[] = { "crypto", "ikev2 sa" };
	char *newline[] = { "crypto\nreload" };
	char *empty[] = { "crypto", "" };
	char *tab[] = { "a\tb" };
	char *del[] = { "a\x7f" };
	char buf[64];

	assert_int_equal(dctl_format(buf, sizeof(buf), false, "show",
				     ARGC(blank), blank), -EINVAL);
	assert_int_equal(dctl_format(buf, sizeof(buf), false, "show",
				     ARGC(newline), newline), -EINVAL);
	assert_int_equal(dctl_format(buf, sizeof(buf), false, "show",
				     ARGC(empty), empty), -EINVAL);
	assert_int_equal(dctl_format(buf, sizeof(buf), false, "show",
				     ARGC(tab), tab), -EINVAL);
	assert_int_equal(dctl_format(buf, sizeof(buf), false, "show",
				     ARGC(del), del), -EINVAL);
}

/* The line with its '\n' may have DCTL_MAX_LINE bytes, not one more. */
static void line_limit(void **state)
{
	char word[DCTL_MAX_LINE], buf[DCTL_MAX_LINE + 16];
	char *argv[] = { word };
	size_t fits = DCTL_MAX_LINE - strlen("show ") - 1;

	memset(word, 'x', fits);
	word[fits] = '\0';
	assert_int_equal(dctl_format(buf, sizeof(buf), false, "show", 1,
				     argv), DCTL_MAX_LINE);
	assert_int_equal(buf[DCTL_MAX_LINE - 1], '\n');
	word[fits] = 'x';
	word[fits + 1] = '\0';
	assert_int_equal(dctl_format(buf, sizeof(buf), false, "show", 1,
				     argv), -E2BIG);
	/* -j counts too */
	word[fits] = '\0';
	assert_int_equal(dctl_format(buf, sizeof(buf), true, "show", 1,
				     argv), -E2BIG);
}

static void small_buffer(void **state)
{
	char *argv[] = { "crypto", "session" };
	char buf[21];

	/* 20 bytes of line, and the NUL */
	assert_int_equal(dctl_format(buf, 21, false, "show", ARGC(argv),
				     argv), 20);
	assert_string_equal(buf, "show crypto session\n");
	assert_int_equal(dctl_format(buf, 20, false, "show", ARGC(argv),
				     argv), -E2BIG);
	assert_int_equal(dctl_format(buf, 2, true, "show", 0, NULL), -E2BIG);
}

static void socket_path(void **state)
{
	unsetenv("FLEXSEC_SOCKET");
	dctl_socket = NULL;
	assert_string_equal(dctl_socket_path(), DCTL_DEFAULT_SOCKET);
	setenv("FLEXSEC_SOCKET", "/tmp/env.sock", 1);
	assert_string_equal(dctl_socket_path(), "/tmp/env.sock");
	dctl_socket = "/tmp/option.sock";
	assert_string_equal(dctl_socket_path(), "/tmp/option.sock");
	dctl_socket = NULL;
	unsetenv("FLEXSEC_SOCKET");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(words_joined),
		cmocka_unit_test(json_prefix),
		cmocka_unit_test(verb_alone),
		cmocka_unit_test(negated_debug),
		cmocka_unit_test(bad_words),
		cmocka_unit_test(line_limit),
		cmocka_unit_test(small_buffer),
		cmocka_unit_test(socket_path),
	};

	return cmocka_run_group_tests_name("cli_ctl", tests, NULL, NULL);
}
