// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of IKEv2 message parsing (msg.c): malformed inputs, each with
 * the notify it must yield and the reason given, and the limits on the
 * size of a message and on its number of payloads.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "algs.h"
#include "msg_util.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* --- malformed input --- */

struct bad {
	const char *name;
	void (*make)(struct msg_builder *mb);
	uint8_t body;		/* 0: the message fails; else this body */
	uint16_t notify;
	uint8_t notify_data;
	const char *err;	/* the reason given */
};

/* A message with one payload of TYPE holding BODY. */
static void one(struct msg_builder *mb, uint8_t type, const void *body,
		size_t len)
{
	start(mb, IKE_SA_INIT, IKE_FLAG_INITIATOR, 0);
	assert_int_equal(ike_add_payload(mb, type, false, body, len), 0);
	assert_int_equal(ike_build_end(mb), 0);
}

static void mk_short_hdr(struct msg_builder *mb)
{
	start(mb, IKE_SA_INIT, IKE_FLAG_INITIATOR, 0);
	mb->b.len = IKE_HDR_LEN - 1;
}

static void mk_len_more(struct msg_builder *mb)
{
	one(mb, IKE_PL_VENDOR, "abcd", 4);
	buf_set32(&mb->b, 24, mb->b.len + 1);
}

static void mk_len_less(struct msg_builder *mb)
{
	one(mb, IKE_PL_VENDOR, "abcd", 4);
	buf_set32(&mb->b, 24, mb->b.len - 1);
}

static void mk_len_tiny(struct msg_builder *mb)
{
	start(mb, IKE_SA_INIT, IKE_FLAG_INITIATOR, 0);
	buf_set32(&mb->b, 24, 20);
}

static void mk_major1(struct msg_builder *mb)
{
	one(mb, IKE_PL_VENDOR, "abcd", 4);
	mb->b.p[17] = 0x10;
}

static void mk_major3(struct msg_builder *mb)
{
	one(mb, IKE_PL_VENDOR, "abcd", 4);
	mb->b.p[17] = 0x30;
}

static void mk_pl_len3(struct msg_builder *mb)
{
	one(mb, IKE_PL_VENDOR, "abcd", 4);
	buf_set16(&mb->b, IKE_HDR_LEN + 2, 3);
}

static void mk_pl_past_end(struct msg_builder *mb)
{
	one(mb, IKE_PL_VENDOR, "abcd", 4);
	buf_set16(&mb->b, IKE_HDR_LEN + 2, 9);
}

static void mk_pl_short_chain(struct msg_builder *mb)
{
	/* the first payload is whole but says another follows */
	one(mb, IKE_PL_VENDOR, "abcd", 4);
	mb->b.p[IKE_HDR_LEN] = IKE_PL_VENDOR;
}

static void mk_pl_trailing(struct msg_builder *mb)
{
	one(mb, IKE_PL_VENDOR, "abcd", 4);
	buf_set16(&mb->b, IKE_HDR_LEN + 2, 6);
}

static void mk_sk_not_last(struct msg_builder *mb)
{
	start(mb, IKE_AUTH, IKE_FLAG_INITIATOR, 1);
	assert_int_equal(ike_add_payload(mb, IKE_PL_SK, false, "0123456789abcdef",
					 16), 0);
	assert_int_equal(ike_add_vendor(mb, "v", 1), 0);
	assert_int_equal(ike_build_end(mb), 0);
}

static void mk_skf_not_last(struct msg_builder *mb)
{
	start(mb, IKE_AUTH, IKE_FLAG_INITIATOR, 1);
	assert_int_equal(ike_add_payload(mb, IKE_PL_SKF, false, "\0\1\0\2xx",
					 6), 0);
	assert_int_equal(ike_add_vendor(mb, "v", 1), 0);
	assert_int_equal(ike_build_end(mb), 0);
}

static void mk_critical(struct msg_builder *mb)
{
	start(mb, IKE_SA_INIT, IKE_FLAG_INITIATOR, 0);
	assert_int_equal(ike_add_vendor(mb, "v", 1), 0);
	assert_int_equal(ike_add_payload(mb, 99, true, "x", 1), 0);
	assert_int_equal(ike_build_end(mb), 0);
}

static void mk_too_many(struct msg_builder *mb)
{
	unsigned int i;

	start(mb, IKE_SA_INIT, IKE_FLAG_INITIATOR, 0);
	for (i = 0; i < IKE_MAX_PAYLOADS + 1; i++)
		assert_int_equal(ike_add_vendor(mb, "v", 1), 0);
	assert_int_equal(ike_build_end(mb), 0);
}

/* SA payloads: the two proposals of mk_sa(), mutated */
static void mk_sa_num_gap(struct msg_builder *mb)
{
	mk_sa(mb);
	mb->b.p[SA_PROP2 + 4] = 3;
}

static void mk_sa_num_first2(struct msg_builder *mb)
{
	mk_sa(mb);
	mb->b.p[SA_BODY + 4] = 2;
	mb->b.p[SA_PROP2 + 4] = 3;
}

static void mk_sa_num0(struct msg_builder *mb)
{
	mk_sa(mb);
	mb->b.p[SA_BODY + 4] = 0;
}

static void mk_sa_last_early(struct msg_builder *mb)
{
	mk_sa(mb);
	mb->b.p[SA_BODY] = 0;
}

static void mk_sa_last_missing(struct msg_builder *mb)
{
	mk_sa(mb);
	mb->b.p[SA_PROP2] = 2;
}

static void mk_sa_last_bad(struct msg_builder *mb)
{
	mk_sa(mb);
	mb->b.p[SA_BODY] = 1;
}

static void mk_sa_trans_fewer(struct msg_builder *mb)
{
	mk_sa(mb);
	mb->b.p[SA_BODY + 7] = 3;
}

static void mk_sa_tr_last_bad(struct msg_builder *mb)
{
	mk_sa(mb);
	mb->b.p[SA_BODY + 8] = 0;
}

static void mk_sa_tr_len7(struct msg_builder *mb)
{
	mk_sa(mb);
	buf_set16(&mb->b, SA_BODY + 8 + 2, 7);
}

static void mk_sa_tr_attr_cut(struct msg_builder *mb)
{
	/* first transform 10 bytes: its key length attribute cut short */
	mk_sa(mb);
	buf_set16(&mb->b, SA_BODY + 8 + 2, 10);
}

static void mk_sa_prop_len_long(struct msg_builder *mb)
{
	mk_sa(mb);
	buf_set16(&mb->b, SA_PROP2 + 2, 200);
}

static void mk_sa_proto(struct msg_builder *mb)
{
	mk_sa(mb);
	mb->b.p[SA_BODY + 5] = 9;
}

static void mk_sa_esp_spi0(struct msg_builder *mb)
{
	mk_sa(mb);
	mb->b.p[SA_BODY + 5] = IKE_PROTO_ESP;
}

static void mk_sa_empty(struct msg_builder *mb)
{
	one(mb, IKE_PL_SA, NULL, 0);
}

static void mk_ke_empty(struct msg_builder *mb)
{
	one(mb, IKE_PL_KE, "\0\x0e\0\0", 4);
}

static void mk_nonce15(struct msg_builder *mb)
{
	one(mb, IKE_PL_NONCE, nonce32, 15);
}

static void mk_nonce257(struct msg_builder *mb)
{
	one(mb, IKE_PL_NONCE, NULL, 257);
}

static void mk_id_short(struct msg_builder *mb)
{
	one(mb, IKE_PL_IDI, "\1\0\0", 3);
}

static void mk_auth_empty(struct msg_builder *mb)
{
	one(mb, IKE_PL_AUTH, "\2\0\0\0", 4);
}

static void mk_notify_spi9(struct msg_builder *mb)
{
	one(mb, IKE_PL_NOTIFY, "\3\x09\x40\x09" "123456789", 13);
}

static void mk_notify_spi_past(struct msg_builder *mb)
{
	one(mb, IKE_PL_NOTIFY, "\3\x04\x40\x09" "123", 7);
}

static void mk_delete_count(struct msg_builder *mb)
{
	one(mb, IKE_PL_DELETE, "\3\4\0\3" "12345678", 12);
}

static void mk_delete_ike_spis(struct msg_builder *mb)
{
	one(mb, IKE_PL_DELETE, "\1\4\0\1" "1234", 8);
}

static void mk_ts(struct msg_builder *mb, const struct ike_ts_pl *ts)
{
	start(mb, IKE_AUTH, IKE_FLAG_INITIATOR, 1);
	assert_int_equal(ike_add_ts(mb, IKE_PL_TSI, ts), 0);
	assert_int_equal(ike_build_end(mb), 0);
}

static void mk_ts_ports(struct msg_builder *mb)
{
	struct ike_ts_pl ts = { .n = 1 };

	ts_v4(&ts.ts[0], "\0\0\0\0", "\xff\xff\xff\xff");
	ts.ts[0].sport = 100;
	ts.ts[0].eport = 99;
	mk_ts(mb, &ts);
}

static void mk_ts_addrs(struct msg_builder *mb)
{
	struct ike_ts_pl ts = { .n = 1 };

	ts_v4(&ts.ts[0], "\x0a\0\0\x02", "\x0a\0\0\x01");
	mk_ts(mb, &ts);
}

static void mk_ts_addrs6(struct msg_builder *mb)
{
	struct ike_ts_pl ts = { .n = 1 };

	ts_v6_any(&ts.ts[0]);
	ts.ts[0].start[0] = 0xff;
	ts.ts[0].end[0] = 0xfe;
	mk_ts(mb, &ts);
}

static void mk_ts_len(struct msg_builder *mb)
{
	struct ike_ts_pl ts = { .n = 1 };

	ts_v4(&ts.ts[0], "\0\0\0\0", "\xff\xff\xff\xff");
	mk_ts(mb, &ts);
	buf_set16(&mb->b, IKE_HDR_LEN + 4 + 4 + 2, 17);
}

static void mk_ts_count(struct msg_builder *mb)
{
	struct ike_ts_pl ts = { .n = 1 };

	ts_v4(&ts.ts[0], "\0\0\0\0", "\xff\xff\xff\xff");
	mk_ts(mb, &ts);
	mb->b.p[IKE_HDR_LEN + 4] = 2;
}

static void mk_ts_type(struct msg_builder *mb)
{
	struct ike_ts_pl ts = { .n = 1 };

	ts_v4(&ts.ts[0], "\0\0\0\0", "\xff\xff\xff\xff");
	mk_ts(mb, &ts);
	mb->b.p[IKE_HDR_LEN + 4 + 4] = 13;
}

#define SYNTAX	IKE_N_INVALID_SYNTAX

static const struct bad bad_cases[] = {
	{ "truncated header", mk_short_hdr, 0, 0, 0,
	  "truncated header" },
	{ "length field more than datagram", mk_len_more, 0, 0, 0,
	  "header length does not match datagram" },
	{ "length field less than datagram", mk_len_less, 0, 0, 0,
	  "header length does not match datagram" },
	{ "length field under 28", mk_len_tiny, 0, 0, 0,
	  "header length too small" },
	{ "major version 1", mk_major1, 0, IKE_N_INVALID_MAJOR_VERSION, 0,
	  "invalid major version" },
	{ "major version 3", mk_major3, 0, IKE_N_INVALID_MAJOR_VERSION, 0,
	  "invalid major version" },
	{ "payload length 3", mk_pl_len3, 0, SYNTAX, 0,
	  "payload length too small" },
	{ "payload past the end", mk_pl_past_end, 0, SYNTAX, 0,
	  "payload runs past the end of the message" },
	{ "chain ends early", mk_pl_short_chain, 0, SYNTAX, 0,
	  "truncated payload header" },
	{ "data after the last payload", mk_pl_trailing, 0, SYNTAX, 0,
	  "data after the last payload" },
	{ "SK not last", mk_sk_not_last, 0, SYNTAX, 0,
	  "encrypted payload is not the last" },
	{ "SKF not last", mk_skf_not_last, 0, SYNTAX, 0,
	  "encrypted payload is not the last" },
	{ "unknown critical payload", mk_critical, 0,
	  IKE_N_UNSUPPORTED_CRITICAL_PAYLOAD, 99,
	  "unsupported critical payload" },
	{ "too many payloads", mk_too_many, 0, SYNTAX, 0,
	  "too many payloads" },
	{ "proposal numbers 1, 3", mk_sa_num_gap, IKE_PL_SA, SYNTAX, 0,
	  "proposals not numbered in sequence" },
	{ "proposal numbers 2, 3", mk_sa_num_first2, IKE_PL_SA, SYNTAX, 0,
	  "proposals not numbered in sequence" },
	{ "proposal number 0", mk_sa_num0, IKE_PL_SA, SYNTAX, 0,
	  "proposal number 0" },
	{ "last proposal flag early", mk_sa_last_early, IKE_PL_SA, SYNTAX, 0,
	  "proposal after the last one" },
	{ "last proposal flag missing", mk_sa_last_missing, IKE_PL_SA, SYNTAX, 0,
	  "last proposal not marked as last" },
	{ "last proposal flag 1", mk_sa_last_bad, IKE_PL_SA, SYNTAX, 0,
	  "invalid last-proposal field" },
	{ "#trans less than transforms", mk_sa_trans_fewer, IKE_PL_SA, SYNTAX, 0,
	  "last transform not marked as last" },
	{ "#trans more than transforms", mk_sa_trans_more, IKE_PL_SA, SYNTAX, 0,
	  "transform after the last one" },
	{ "last transform flag early", mk_sa_tr_last_bad, IKE_PL_SA, SYNTAX, 0,
	  "transform after the last one" },
	{ "transform length 7", mk_sa_tr_len7, IKE_PL_SA, SYNTAX, 0,
	  "transform length too small" },
	{ "attribute cut short", mk_sa_tr_attr_cut, IKE_PL_SA, SYNTAX, 0,
	  "truncated transform attribute" },
	{ "proposal past the SA", mk_sa_prop_len_long, IKE_PL_SA, SYNTAX, 0,
	  "proposal runs past the SA payload" },
	{ "unknown protocol id", mk_sa_proto, IKE_PL_SA, SYNTAX, 0,
	  "unknown protocol id in proposal" },
	{ "ESP proposal without SPI", mk_sa_esp_spi0, IKE_PL_SA, SYNTAX, 0,
	  "wrong SPI size for the proposal's protocol" },
	{ "SA without proposals", mk_sa_empty, IKE_PL_SA, SYNTAX, 0,
	  "SA payload without proposals" },
	{ "KE without data", mk_ke_empty, IKE_PL_KE, SYNTAX, 0,
	  "KE payload without key exchange data" },
	{ "nonce 15 bytes", mk_nonce15, IKE_PL_NONCE, SYNTAX, 0,
	  "nonce shorter than 16 bytes" },
	{ "nonce 257 bytes", mk_nonce257, IKE_PL_NONCE, SYNTAX, 0,
	  "nonce longer than 256 bytes" },
	{ "ID 3 bytes", mk_id_short, IKE_PL_IDI, SYNTAX, 0,
	  "truncated ID payload" },
	{ "AUTH without data", mk_auth_empty, IKE_PL_AUTH, SYNTAX, 0,
	  "AUTH payload without authentication data" },
	{ "notify SPI size 9", mk_notify_spi9, IKE_PL_NOTIFY, SYNTAX, 0,
	  "notify SPI size larger than 8" },
	{ "notify SPI past the end", mk_notify_spi_past, IKE_PL_NOTIFY, SYNTAX, 0,
	  "notify SPI runs past the payload" },
	{ "delete count mismatch", mk_delete_count, IKE_PL_DELETE, SYNTAX, 0,
	  "delete SPI count does not match its length" },
	{ "delete of IKE SA with SPI", mk_delete_ike_spis, IKE_PL_DELETE, SYNTAX, 0,
	  "delete of the IKE SA with SPIs" },
	{ "TS start port > end", mk_ts_ports, IKE_PL_TSI, SYNTAX, 0,
	  "traffic selector start port after end port" },
	{ "TS start addr > end", mk_ts_addrs, IKE_PL_TSI, SYNTAX, 0,
	  "traffic selector start address after end address" },
	{ "TS IPv6 start > end", mk_ts_addrs6, IKE_PL_TSI, SYNTAX, 0,
	  "traffic selector start address after end address" },
	{ "TS length 17", mk_ts_len, IKE_PL_TSI, SYNTAX, 0,
	  "IPv4 traffic selector length not 16" },
	{ "TS count 2 with 1", mk_ts_count, IKE_PL_TSI, SYNTAX, 0,
	  "truncated traffic selector" },
	{ "TS type 13", mk_ts_type, IKE_PL_TSI, SYNTAX, 0,
	  "unknown traffic selector type" },
};

/* Runs the body parser for TYPE on P. */
static int parse_body(const struct ike_payload *p, struct parse_err *e)
{
	struct ike_sa_pl sa;
	struct ike_ke_pl ke;
	struct ike_id_pl id;
	struct ike_auth_pl a;
	struct ike_notify_pl n;
	struct ike_delete_pl d;
	struct ike_ts_pl ts;
	const uint8_t *nonce;
	size_t len;

	switch (p->type) {
	case IKE_PL_SA:
		return ike_parse_sa(p, &sa, e);
	case IKE_PL_KE:
		return ike_parse_ke(p, &ke, e);
	case IKE_PL_NONCE:
		return ike_parse_nonce(p, &nonce, &len, e);
	case IKE_PL_IDI:
	case IKE_PL_IDR:
		return ike_parse_id(p, &id, e);
	case IKE_PL_AUTH:
		return ike_parse_auth(p, &a, e);
	case IKE_PL_NOTIFY:
		return ike_parse_notify(p, &n, e);
	case IKE_PL_DELETE:
		return ike_parse_delete(p, &d, e);
	case IKE_PL_TSI:
	case IKE_PL_TSR:
		return ike_parse_ts(p, &ts, e);
	}
	return 0;
}

static void malformed_inputs(void **state)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad_cases); i++) {
		const struct bad *c = &bad_cases[i];
		struct msg_builder mb;
		struct parse_err e = { NULL, 0xffff, 0xff };
		struct ike_msg m;
		int r;

		c->make(&mb);
		r = ike_parse_msg(mb.b.p, mb.b.len, &m, &e);
		if (c->body) {
			if (r < 0)
				fail_msg("%s: message failed: %s", c->name,
					 e.err);
			assert_int_equal(m.n, 1);
			assert_int_equal(m.pl[0].type, c->body);
			r = parse_body(&m.pl[0], &e);
		}
		if (r != -1)
			fail_msg("%s: accepted", c->name);
		if (!e.err || strcmp(e.err, c->err) ||
		    e.notify != c->notify || e.notify_data != c->notify_data)
			fail_msg("%s: notify %u data %u (%s), want %u data %u (%s)",
				 c->name, e.notify, e.notify_data,
				 e.err ? e.err : "no error", c->notify,
				 c->notify_data, c->err);
		/* no payload kept from a chain that failed */
		if (!c->body)
			assert_int_equal(m.n, 0);
		mb_free(&mb);
	}
}

/* The largest message still passes; one byte more is too big. */
static void message_size_limit(void **state)
{
	struct msg_builder mb;
	struct parse_err e;
	struct ike_msg m;

	start(&mb, IKE_SA_INIT, IKE_FLAG_INITIATOR, 0);
	assert_int_equal(ike_add_vendor(&mb, NULL, 1000), 0);
	assert_int_equal(ike_add_vendor(&mb, NULL, IKE_MAX_MSG - mb.b.len - 4),
			 0);
	assert_int_equal(ike_build_end(&mb), 0);
	assert_int_equal(mb.b.len, IKE_MAX_MSG);
	assert_int_equal(ike_parse_msg(mb.b.p, mb.b.len, &m, &e), 0);
	assert_int_equal(ike_add_vendor(&mb, NULL, 0), 0);
	assert_int_equal(ike_build_end(&mb), -1);
	assert_int_equal(ike_add_vendor(&mb, NULL, 0xffff), -1);
	mb_free(&mb);
}

static void exactly_max_payloads(void **state)
{
	struct msg_builder mb;
	struct ike_msg m;
	unsigned int i;

	start(&mb, IKE_SA_INIT, IKE_FLAG_INITIATOR, 0);
	for (i = 0; i < IKE_MAX_PAYLOADS; i++)
		assert_int_equal(ike_add_vendor(&mb, "v", 1), 0);
	assert_int_equal(ike_build_end(&mb), 0);
	parse_ok(&mb, &m);
	assert_int_equal(m.n, IKE_MAX_PAYLOADS);
	mb_free(&mb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(malformed_inputs),
		cmocka_unit_test(message_size_limit),
		cmocka_unit_test(exactly_max_payloads),
	};

	return cmocka_run_group_tests_name("msg_parse", tests, NULL, NULL);
}
