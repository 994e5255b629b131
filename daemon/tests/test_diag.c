// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of flexsecd's diagnostics (flexsecd/diag.c): the exit-path
 * table, the event-trace rings and debug conditions.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "diag.h"
#include "diag_util.h"

/* --- helpers --- */

static unsigned int count(const char *hay, const char *needle)
{
	unsigned int n = 0;

	while ((hay = strstr(hay, needle))) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static void addr6(struct sockaddr_storage *ss, const char *a, uint16_t port)
{
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	sin6->sin6_family = AF_INET6;
	sin6->sin6_port = htons(port);
	assert_int_equal(inet_pton(AF_INET6, a, &sin6->sin6_addr), 1);
}

/* --- the exit-path table --- */

static void exit_path_wraps(void **state)
{
	struct mem m;
	char *out;
	int i;

	diag_init(false, 3);
	for (i = 0; i < 5; i++)
		DIAG_ERROR(NULL, "error number %d", i);
	diag_show_errors(mem_open(&m), false);
	out = mem_close(&m);
	assert_non_null(strstr(out, "Exit Path Table - status: enable, current entry 3, deleted 2, max allow 3\n"));
	assert_null(strstr(out, "error number 0"));
	assert_null(strstr(out, "error number 1"));
	assert_non_null(strstr(out, "Error(1): error number 2\n"));
	assert_non_null(strstr(out, "Error(1): error number 4\n"));
	/* oldest first */
	assert_true(strstr(out, "number 2") < strstr(out, "number 4"));
	assert_int_equal(count(out, "-Traceback= exit_path_wraps:"), 3);
	free(out);
}

static void exit_path_repeats_and_clear(void **state)
{
	struct sockaddr_storage peer;
	struct dctx c = { .session_id = 7, .sa_id = 3, .peer = &peer };
	struct mem m;
	char *out;
	int i;

	addr4(&peer, "198.51.100.7", 500);
	for (i = 0; i < 4; i++)
		DIAG_ERROR(&c, "Failed to find a matching policy");
	diag_show_errors(mem_open(&m), false);
	out = mem_close(&m);
	assert_non_null(strstr(out, "current entry 1, deleted 0, max allow 50"));
	assert_non_null(strstr(out, "Error(4): Failed to find a matching policy\n"));
	assert_non_null(strstr(out, "SA ID:3 SESSION ID:7 Remote: 198.51.100.7"));
	free(out);

	diag_clear_errors();
	diag_show_errors(mem_open(&m), false);
	out = mem_close(&m);
	assert_non_null(strstr(out, "current entry 0, deleted 0"));
	assert_null(strstr(out, "Error("));
	free(out);
}

static void exit_path_shrinks(void **state)
{
	struct mem m;
	char *out;
	int i;

	for (i = 0; i < 10; i++)
		DIAG_ERROR(NULL, "e%d", i);
	diag_init(false, 4);	/* a reload with a smaller table */
	diag_show_errors(mem_open(&m), false);
	out = mem_close(&m);
	assert_non_null(strstr(out, "current entry 4, deleted 6, max allow 4"));
	assert_non_null(strstr(out, "Error(1): e6\n"));
	assert_non_null(strstr(out, "Error(1): e9\n"));
	assert_null(strstr(out, "Error(1): e5\n"));
	free(out);
}

static void exit_path_json(void **state)
{
	struct json_object *jo, *v, *arr;
	struct mem m;
	char *out;

	DIAG_ERROR(NULL, "one");
	DIAG_ERROR(NULL, "two");
	diag_show_errors(mem_open(&m), true);
	out = mem_close(&m);
	jo = json_tokener_parse(out);
	assert_non_null(jo);
	assert_true(json_object_object_get_ex(jo, "current_entries", &v));
	assert_int_equal(json_object_get_int(v), 2);
	assert_true(json_object_object_get_ex(jo, "errors", &arr));
	assert_int_equal(json_object_array_length(arr), 2);
	v = json_object_array_get_idx(arr, 1);
	assert_true(json_object_object_get_ex(v, "message", &v));
	assert_string_equal(json_object_get_string(v), "two");
	json_object_put(jo);
	free(out);
}

/* --- the event trace --- */

static char *trace(const char *which, bool latest)
{
	struct mem m;

	assert_int_equal(diag_show_trace(mem_open(&m), which, latest, false),
			 0);
	return mem_close(&m);
}

static void trace_latest(void **state)
{
	char *out;

	free(trace("event", true));	/* what earlier tests left */
	trace_event(NULL, "first");
	trace_event(NULL, "second");
	out = trace("event", true);
	assert_int_equal(count(out, "\n"), 2);
	assert_non_null(strstr(out, ": first\n"));
	free(out);

	out = trace("event", true);
	assert_string_equal(out, "");
	free(out);

	trace_event(NULL, "third");
	out = trace("event", true);
	assert_int_equal(count(out, "\n"), 1);
	assert_non_null(strstr(out, ": third\n"));
	free(out);

	/* "all" shows them all again, and counts as a display */
	out = trace("event", false);
	assert_non_null(strstr(out, ": first\n"));
	assert_non_null(strstr(out, ": third\n"));
	free(out);
	trace_exception(NULL, "elsewhere");
	out = trace("event", true);
	assert_string_equal(out, "");
	free(out);
	assert_int_equal(diag_show_trace(stdout, "nonsense", false, false),
			 -EINVAL);
}

static void trace_ring_wraps(void **state)
{
	char *out;
	int i;

	for (i = 0; i < 300; i++)
		trace_exception(NULL, "exception %d", i);
	out = trace("exception", false);
	assert_int_equal(count(out, "\n"), 256);
	assert_null(strstr(out, ": exception 43\n"));
	assert_non_null(strstr(out, ": exception 44\n"));
	assert_non_null(strstr(out, ": exception 299\n"));
	free(out);
}

static void trace_line(void **state)
{
	struct sockaddr_storage r, l;
	struct dctx c = { .session_id = 1, .sa_id = 1, .peer = &r,
			  .local = &l };
	char *out;

	addr4(&r, "10.10.10.1", 500);
	addr4(&l, "10.10.60.6", 500);
	free(trace("error", true));
	DIAG_ERROR(&c, "Auth exchange failed");
	out = trace("error", true);
	/* "Mmm dd hh:mm:ss.mmm: " first */
	assert_int_equal(out[3], ' ');
	assert_int_equal(out[15], '.');
	assert_non_null(strstr(out, ": SA ID:1 SESSION ID:1 Remote: 10.10.10.1/500 Local: 10.10.60.6/500 : Auth exchange failed\n"));
	free(out);
}

/* --- debug conditions --- */

static void conditions_filter(void **state)
{
	struct sockaddr_storage a, b, mapped, six;
	struct dctx ca = { .peer = &a }, cb = { .peer = &b };
	struct dctx cm = { .peer = &mapped }, c6 = { .peer = &six };
	struct dctx bare = { .session_id = 1, .sa_id = 1 };

	addr4(&a, "192.0.2.1", 500);
	addr4(&b, "192.0.2.2", 4500);
	addr6(&mapped, "::ffff:192.0.2.1", 500);
	addr6(&six, "2001:db8::1", 500);

	dbg_set(DBG_IKEV2, true);
	assert_true(dbg_on(DBG_IKEV2, NULL));
	assert_true(dbg_on(DBG_IKEV2, &cb));
	assert_false(dbg_on(DBG_PACKET, &cb));

	assert_int_equal(dbg_condition_peer(&a, true), 0);
	assert_int_equal(dbg_condition_peer(&a, true), -EEXIST);
	assert_true(dbg_on(DBG_IKEV2, &ca));
	assert_true(dbg_on(DBG_IKEV2, &cm));
	assert_false(dbg_on(DBG_IKEV2, &cb));
	assert_false(dbg_on(DBG_IKEV2, &bare));
	assert_false(dbg_on(DBG_IKEV2, NULL));
	assert_false(dbg_on(DBG_IKEV2, &c6));

	assert_int_equal(dbg_condition_peer(&six, true), 0);
	assert_true(dbg_on(DBG_IKEV2, &c6));
	assert_int_equal(dbg_condition_peer(&six, false), 0);
	assert_int_equal(dbg_condition_peer(&six, false), -ENOENT);
	assert_int_equal(dbg_condition_peer(&a, false), 0);
	assert_true(dbg_on(DBG_IKEV2, &bare));
}

static void some_lines(void)
{
	struct sockaddr_storage a, b;
	struct dctx ca = { .session_id = 2, .sa_id = 5, .peer = &a };
	struct dctx cb = { .session_id = 3, .sa_id = 6, .peer = &b };

	addr4(&a, "192.0.2.1", 500);
	addr4(&b, "192.0.2.2", 500);
	dbg(DBG_IKEV2, &ca, "wanted peer");
	dbg(DBG_IKEV2, &cb, "other peer");
	dbg(DBG_IKEV2, NULL, "no context");
	dbg(DBG_PACKET, &ca, "packet line");
	dbg(DBG_PACKET, &ca, " SA  continued");
	dbg(DBG_KMI, &ca, "KMI: (Session ID: 2) a kmi line");
	DIAG_ERROR(&ca, "an error");
	DIAG_ERROR(&cb, "another error");
}

static void conditions_output(void **state)
{
	struct sockaddr_storage a;
	char *out;

	addr4(&a, "192.0.2.1", 0);
	dbg_set(DBG_IKEV2 | DBG_PACKET | DBG_KMI, true);
	assert_int_equal(dbg_condition_peer(&a, true), 0);
	out = stderr_of(some_lines);
	assert_non_null(strstr(out, "IKEv2:(SESSION ID = 2,SA ID = 5):wanted peer\n"));
	assert_non_null(strstr(out, "IKEv2-PAK:(SESSION ID = 2,SA ID = 5):packet line\n SA  continued\n"));
	assert_non_null(strstr(out, "\nKMI: (Session ID: 2) a kmi line\n"));
	assert_non_null(strstr(out, "IKEv2:(SESSION ID = 2,SA ID = 5):: an error\n"));
	assert_null(strstr(out, "other peer"));
	assert_null(strstr(out, "no context"));
	assert_null(strstr(out, "another error"));
	free(out);

	dbg_condition_clear();
	out = stderr_of(some_lines);
	assert_non_null(strstr(out, "IKEv2:no context\n"));
	assert_non_null(strstr(out, "other peer"));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(exit_path_wraps, reset),
		cmocka_unit_test_setup(exit_path_repeats_and_clear, reset),
		cmocka_unit_test_setup(exit_path_shrinks, reset),
		cmocka_unit_test_setup(exit_path_json, reset),
		cmocka_unit_test_setup(trace_latest, reset),
		cmocka_unit_test_setup(trace_ring_wraps, reset),
		cmocka_unit_test_setup(trace_line, reset),
		cmocka_unit_test_setup(conditions_filter, reset),
		cmocka_unit_test_setup(conditions_output, reset),
	};

	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
