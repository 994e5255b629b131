// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the Configuration payload (cp.c): arbitrary bytes
 * as a CP body through ike_parse_cp. What parses is built again, as a
 * body and as a payload of a message, and parsed again: the structure
 * must come back (ike_cp_equal), with nothing unknown or dropped, and the
 * body built from it again must be the same bytes; anything else aborts.
 * The packet debug prints the body, parsed or not, in both modes.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cp.h"
#include "msg.h"

static size_t printed;

static void sink(void *ctx, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n > 0)
		printed += (size_t)n;
}

static void print(const uint8_t *data, size_t size)
{
	static struct ike_msg m;

	memset(&m.hdr, 0, sizeof(m.hdr));
	m.n = 1;
	m.pl[0].type = IKE_PL_CP;
	m.pl[0].critical = false;
	m.pl[0].body = data;
	m.pl[0].len = size;
	m.pl[0].inner_np = IKE_PL_NONE;
	ike_print_msg(&m, false, sink, NULL);
	ike_print_msg(&m, true, sink, NULL);
}

/* X again from BODY: equal, and nothing left out. */
static void reparse(const struct ike_cp *x, const uint8_t *body, size_t len)
{
	struct ike_payload p = { .type = IKE_PL_CP, .body = body, .len = len };
	static struct ike_cp y;
	struct parse_err e;

	if (ike_parse_cp(&p, &y, &e) < 0 || !ike_cp_equal(x, &y) ||
	    y.n_unknown || y.n_dropped)
		abort();
}

/* Built as a payload of a message, when it fits in one. */
static void in_message(const struct ike_cp *x, const struct buf *body)
{
	struct ike_hdr h = { .ispi = 1, .rspi = 2, .exch = IKE_AUTH };
	static struct ike_msg m;
	struct msg_builder mb;
	struct parse_err e;

	if (body->len > IKE_MAX_MSG - IKE_HDR_LEN - IKE_GENERIC_HDR_LEN)
		return;
	mb_init(&mb);
	if (ike_build_hdr(&mb, &h) || ike_add_cp(&mb, x) ||
	    ike_build_end(&mb) ||
	    ike_parse_msg(mb.b.p, mb.b.len, &m, &e) || m.n != 1 ||
	    m.pl[0].len != body->len ||
	    memcmp(m.pl[0].body, body->p, body->len))
		abort();
	reparse(x, m.pl[0].body, m.pl[0].len);
	mb_free(&mb);
}

static void round_trip(const struct ike_cp *x)
{
	struct buf b, again;
	static struct ike_cp y;
	struct ike_payload p = { .type = IKE_PL_CP };
	struct parse_err e;

	buf_init(&b);
	buf_init(&again);
	if (ike_cp_put(&b, x) < 0)
		abort();
	reparse(x, b.p, b.len);
	/* the canonical form is a fixed point */
	p.body = b.p;
	p.len = b.len;
	if (ike_parse_cp(&p, &y, &e) < 0 || ike_cp_put(&again, &y) < 0 ||
	    again.len != b.len || memcmp(again.p, b.p, b.len))
		abort();
	in_message(x, &b);
	buf_free(&b);
	buf_free(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ike_payload p = { .type = IKE_PL_CP, .body = data, .len = size };
	static struct ike_cp x;
	struct parse_err e;

	if (ike_parse_cp(&p, &x, &e) == 0)
		round_trip(&x);
	else if (!e.err || e.notify != IKE_N_INVALID_SYNTAX)
		abort();
	print(data, size);
	return 0;
}
