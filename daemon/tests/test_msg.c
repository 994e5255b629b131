// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of IKEv2 message parsing, building and printing (msg.c,
 * msg_build.c, msg_print.c): round trips of every payload type, malformed
 * inputs with the notify each must yield, and an IKE_SA_INIT request as
 * a router sent it.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "algs.h"
#include "msg.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * An IKE_SA_INIT request "on wire" from a FlexVPN initiator: SA (AES-CBC
 * 128, PRF SHA256, integrity SHA256, group 14), KE, nonce, two vendor IDs
 * and the two NAT detection notifies; 464 bytes.
 */
static const uint8_t init_req[] = {
	0xf4, 0x9d, 0xad, 0xa2, 0x60, 0xcb, 0x37, 0x3f, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x21, 0x20, 0x22, 0x08, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x01, 0xd0, 0x22, 0x00, 0x00, 0x30, 0x00, 0x00, 0x00, 0x2c,
	0x01, 0x01, 0x00, 0x04, 0x03, 0x00, 0x00, 0x0c, 0x01, 0x00, 0x00, 0x0c,
	0x80, 0x0e, 0x00, 0x80, 0x03, 0x00, 0x00, 0x08, 0x02, 0x00, 0x00, 0x05,
	0x03, 0x00, 0x00, 0x08, 0x03, 0x00, 0x00, 0x0c, 0x00, 0x00, 0x00, 0x08,
	0x04, 0x00, 0x00, 0x0e, 0x28, 0x00, 0x01, 0x08, 0x00, 0x0e, 0x00, 0x00,
	0x45, 0xb7, 0x59, 0x62, 0x46, 0x9a, 0x5a, 0x61, 0x7a, 0x93, 0xfc, 0x63,
	0xdc, 0x5e, 0x87, 0xac, 0x50, 0xaa, 0xdb, 0x2f, 0x11, 0x39, 0x19, 0xf5,
	0x7f, 0xe4, 0x6c, 0xc3, 0x57, 0x39, 0x60, 0xe6, 0xc9, 0xed, 0xe4, 0xa1,
	0x4e, 0xa1, 0x87, 0x87, 0x12, 0x79, 0xd7, 0xdd, 0x68, 0x83, 0x06, 0x2b,
	0x32, 0x25, 0xc2, 0xd6, 0x01, 0xad, 0xf3, 0x4f, 0x40, 0x23, 0x2c, 0x02,
	0xaa, 0x16, 0x6a, 0x25, 0x45, 0xb5, 0xd2, 0x61, 0xb9, 0xdd, 0x4c, 0x72,
	0x95, 0x27, 0x08, 0x13, 0xe4, 0xfe, 0xe1, 0x32, 0x19, 0xf3, 0x5a, 0xa3,
	0x0e, 0xef, 0x59, 0x2a, 0xcc, 0xc4, 0xa2, 0x97, 0xe4, 0x04, 0x73, 0x21,
	0x82, 0xbb, 0x71, 0x4b, 0x85, 0xcb, 0xbe, 0x33, 0x55, 0x89, 0x61, 0xd8,
	0x28, 0x4a, 0xb7, 0xcb, 0x32, 0x18, 0xab, 0xa0, 0xcb, 0x5d, 0xab, 0xc1,
	0x4d, 0x82, 0x3a, 0x4b, 0x51, 0x41, 0xb4, 0xa4, 0x5b, 0x56, 0xc2, 0x73,
	0xb3, 0xb0, 0x26, 0x67, 0x57, 0x05, 0x55, 0x9d, 0xc2, 0xbe, 0x46, 0xbc,
	0x9f, 0x1a, 0xea, 0x6c, 0xca, 0xd3, 0x07, 0x65, 0x02, 0xd4, 0xec, 0x32,
	0xa9, 0xb3, 0x94, 0xed, 0xf6, 0xd6, 0xee, 0x54, 0xfb, 0x74, 0x30, 0xf4,
	0xe3, 0xde, 0xe2, 0x57, 0x0b, 0x50, 0x4e, 0x88, 0xe9, 0x3c, 0x8a, 0x35,
	0x44, 0x6f, 0x34, 0x42, 0xda, 0xb6, 0x8d, 0x49, 0xb7, 0x0a, 0x8a, 0x68,
	0x90, 0xa9, 0xc7, 0x39, 0xc5, 0x35, 0x98, 0x42, 0x0f, 0xb4, 0x91, 0xf3,
	0x31, 0xe7, 0x42, 0xd9, 0x7d, 0x20, 0x43, 0xae, 0xb5, 0xc4, 0xb0, 0x34,
	0x2c, 0x16, 0x15, 0x1e, 0x9a, 0x68, 0xf4, 0xf6, 0xc3, 0x11, 0xbe, 0x46,
	0xac, 0xc7, 0x25, 0x44, 0x23, 0x35, 0xaf, 0x6e, 0xeb, 0x6b, 0x74, 0xcc,
	0x14, 0xbf, 0xf2, 0x40, 0x7d, 0xe6, 0x48, 0xb7, 0x9a, 0x3c, 0xc1, 0xc4,
	0x0b, 0xa3, 0x26, 0xbd, 0x2b, 0x00, 0x00, 0x18, 0xe4, 0x77, 0x64, 0xdc,
	0x98, 0xe7, 0x3e, 0x85, 0x7c, 0x41, 0xca, 0xa1, 0x21, 0x50, 0x2f, 0x0f,
	0x6c, 0xac, 0xae, 0xa4, 0x2b, 0x00, 0x00, 0x17, 0x43, 0x49, 0x53, 0x43,
	0x4f, 0x2d, 0x44, 0x45, 0x4c, 0x45, 0x54, 0x45, 0x2d, 0x52, 0x45, 0x41,
	0x53, 0x4f, 0x4e, 0x29, 0x00, 0x00, 0x15, 0x46, 0x4c, 0x45, 0x58, 0x56,
	0x50, 0x4e, 0x2d, 0x53, 0x55, 0x50, 0x50, 0x4f, 0x52, 0x54, 0x45, 0x44,
	0x29, 0x00, 0x00, 0x1c, 0x01, 0x00, 0x40, 0x04, 0x0d, 0xbe, 0x1c, 0x55,
	0x0d, 0x3f, 0xa6, 0x61, 0xee, 0xc8, 0xf3, 0x1d, 0x8c, 0x6b, 0x46, 0x9d,
	0xe7, 0x09, 0x23, 0x75, 0x00, 0x00, 0x00, 0x1c, 0x01, 0x00, 0x40, 0x05,
	0x53, 0xcd, 0x98, 0x45, 0xf3, 0xb9, 0x1f, 0x39, 0x8e, 0xeb, 0x2c, 0xcb,
	0xc2, 0xaa, 0xcf, 0xde, 0x64, 0xc2, 0x85, 0x19,
};

#define INIT_KE_OFF	(28 + 48 + 8)	/* the key exchange data */
#define INIT_NONCE_OFF	(INIT_KE_OFF + 256 + 4)

/* --- helpers --- */

/* Lines printed, for the print tests. */
struct lines {
	unsigned int n;
	char l[600][160];
};

static void collect(void *ctx, const char *fmt, ...)
{
	struct lines *ls = ctx;
	va_list ap;

	if (ls->n >= ARRAY_SIZE(ls->l))
		return;
	va_start(ap, fmt);
	vsnprintf(ls->l[ls->n++], sizeof(ls->l[0]), fmt, ap);
	va_end(ap);
}

static bool has_line(const struct lines *ls, const char *s)
{
	unsigned int i;

	for (i = 0; i < ls->n; i++)
		if (!strcmp(ls->l[i], s))
			return true;
	return false;
}

static bool has_text(const struct lines *ls, const char *s)
{
	unsigned int i;

	for (i = 0; i < ls->n; i++)
		if (strstr(ls->l[i], s))
			return true;
	return false;
}

static void start(struct msg_builder *mb, uint8_t exch, uint8_t flags,
		  uint32_t msgid)
{
	struct ike_hdr h = {
		.ispi = 0x0102030405060708ULL,
		.rspi = exch == IKE_SA_INIT ? 0 : 0x1112131415161718ULL,
		.exch = exch,
		.flags = flags,
		.msgid = msgid,
	};

	mb_init(mb);
	assert_int_equal(ike_build_hdr(mb, &h), 0);
}

static void parse_ok(const struct msg_builder *mb, struct ike_msg *m)
{
	struct parse_err e;

	if (ike_parse_msg(mb->b.p, mb->b.len, m, &e) < 0)
		fail_msg("parse failed: %s", e.err);
}

static const uint8_t nonce32[32] = {
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
	0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
	0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27,
	0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f,
};

static void set_tr(struct ike_transform *t, uint8_t type, uint16_t id,
		   uint16_t keybits)
{
	memset(t, 0, sizeof(*t));
	t->type = type;
	t->id = id;
	t->keybits = keybits;
}

/* Proposal 1 for IKE: AES-CBC-256, SHA256, SHA256, group 19; proposal 2
 * for IKE: AES-GCM-16-128, SHA384, group 14. */
static void ike_sa(struct ike_sa_pl *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->n = 2;
	sa->prop[0].num = 1;
	sa->prop[0].proto = IKE_PROTO_IKE;
	sa->prop[0].n = 4;
	set_tr(&sa->prop[0].tr[0], IKE_TT_ENCR, IKE_ENCR_AES_CBC, 256);
	set_tr(&sa->prop[0].tr[1], IKE_TT_PRF, IKE_PRF_HMAC_SHA2_256, 0);
	set_tr(&sa->prop[0].tr[2], IKE_TT_INTEG, IKE_INTEG_HMAC_SHA2_256_128,
	       0);
	set_tr(&sa->prop[0].tr[3], IKE_TT_DH, IKE_DH_ECP_256, 0);
	sa->prop[1].num = 2;
	sa->prop[1].proto = IKE_PROTO_IKE;
	sa->prop[1].n = 3;
	set_tr(&sa->prop[1].tr[0], IKE_TT_ENCR, IKE_ENCR_AES_GCM_16, 128);
	set_tr(&sa->prop[1].tr[1], IKE_TT_PRF, IKE_PRF_HMAC_SHA2_384, 0);
	set_tr(&sa->prop[1].tr[2], IKE_TT_DH, IKE_DH_MODP_2048, 0);
}

/* One ESP proposal with SPI 0xc0ffee01: AES-CBC-128, SHA256, no ESN. */
static void esp_sa(struct ike_sa_pl *sa)
{
	static const uint8_t spi[4] = { 0xc0, 0xff, 0xee, 0x01 };

	memset(sa, 0, sizeof(*sa));
	sa->n = 1;
	sa->prop[0].num = 1;
	sa->prop[0].proto = IKE_PROTO_ESP;
	sa->prop[0].spi_size = 4;
	memcpy(sa->prop[0].spi, spi, 4);
	sa->prop[0].n = 3;
	set_tr(&sa->prop[0].tr[0], IKE_TT_ENCR, IKE_ENCR_AES_CBC, 128);
	set_tr(&sa->prop[0].tr[1], IKE_TT_INTEG, IKE_INTEG_HMAC_SHA2_256_128,
	       0);
	set_tr(&sa->prop[0].tr[2], IKE_TT_ESN, IKE_ESN_NO, 0);
}

static void ts_v4(struct ike_ts *ts, const char *start, const char *end)
{
	memset(ts, 0, sizeof(*ts));
	ts->type = IKE_TS_IPV4_ADDR_RANGE;
	ts->alen = 4;
	ts->eport = 65535;
	memcpy(ts->start, start, 4);
	memcpy(ts->end, end, 4);
}

static void ts_v6_any(struct ike_ts *ts)
{
	memset(ts, 0, sizeof(*ts));
	ts->type = IKE_TS_IPV6_ADDR_RANGE;
	ts->alen = 16;
	ts->proto = 47;
	ts->eport = 65535;
	memset(ts->end, 0xff, 16);
}

static void assert_sa_equal(const struct ike_sa_pl *a,
			    const struct ike_sa_pl *b)
{
	unsigned int i, j;

	assert_int_equal(a->n, b->n);
	for (i = 0; i < a->n; i++) {
		const struct ike_proposal *p = &a->prop[i], *q = &b->prop[i];

		assert_int_equal(p->num, q->num);
		assert_int_equal(p->proto, q->proto);
		assert_int_equal(p->spi_size, q->spi_size);
		assert_memory_equal(p->spi, q->spi, p->spi_size);
		assert_int_equal(p->n, q->n);
		for (j = 0; j < p->n; j++) {
			assert_int_equal(p->tr[j].type, q->tr[j].type);
			assert_int_equal(p->tr[j].id, q->tr[j].id);
			assert_int_equal(p->tr[j].keybits, q->tr[j].keybits);
			assert_false(q->tr[j].unknown_attr);
		}
	}
}

/* --- buffer --- */

static void buf_basics(void **state)
{
	static const uint8_t want[] = {
		0xab, 0x12, 0x34, 0xde, 0xad, 0xbe, 0xef,
		1, 2, 3, 4, 5, 6, 7, 8,
	};
	struct buf b;
	unsigned int i;

	buf_init(&b);
	assert_non_null(buf_add(&b, 0));
	assert_int_equal(b.len, 0);
	assert_int_equal(buf_put8(&b, 0xab), 0);
	assert_int_equal(buf_put16(&b, 0x1234), 0);
	assert_int_equal(buf_put32(&b, 0xdeadbeef), 0);
	assert_int_equal(buf_put64(&b, 0x0102030405060708ULL), 0);
	assert_int_equal(b.len, sizeof(want));
	assert_memory_equal(b.p, want, sizeof(want));
	assert_int_equal(get16(b.p + 1), 0x1234);
	assert_int_equal(get32(b.p + 3), 0xdeadbeef);
	assert_int_equal(get64(b.p + 7), 0x0102030405060708ULL);

	buf_set16(&b, 1, 0xcafe);
	buf_set32(&b, 3, 0x0badf00d);
	assert_int_equal(get16(b.p + 1), 0xcafe);
	assert_int_equal(get32(b.p + 3), 0x0badf00d);
	/* out of range: ignored */
	buf_set16(&b, b.len - 1, 0xffff);
	buf_set32(&b, b.len - 3, 0xffffffff);
	buf_set32(&b, (size_t)-2, 0xffffffff);
	assert_int_equal(b.p[b.len - 1], 8);
	assert_int_equal(b.p[b.len - 3], 6);

	for (i = 0; i < 5000; i++)
		assert_int_equal(buf_put8(&b, (uint8_t)i), 0);
	assert_int_equal(b.len, sizeof(want) + 5000);
	assert_memory_equal(b.p, want, 1);
	assert_int_equal(b.p[b.len - 1], (uint8_t)4999);
	assert_int_equal(b.err, 0);
	buf_free(&b);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	buf_free(&b);
}

/* --- round trips --- */

static void hdr_round_trip(void **state)
{
	struct msg_builder mb;
	struct ike_msg m;

	start(&mb, IKE_INFORMATIONAL, IKE_FLAG_RESPONSE, 0x01020304);
	assert_int_equal(ike_build_end(&mb), 0);
	assert_int_equal(mb.b.len, IKE_HDR_LEN);
	parse_ok(&mb, &m);
	assert_int_equal(m.hdr.ispi, 0x0102030405060708ULL);
	assert_int_equal(m.hdr.rspi, 0x1112131415161718ULL);
	assert_int_equal(m.hdr.np, IKE_PL_NONE);
	assert_int_equal(m.hdr.version, IKE_VERSION);
	assert_int_equal(m.hdr.exch, IKE_INFORMATIONAL);
	assert_int_equal(m.hdr.flags, IKE_FLAG_RESPONSE);
	assert_int_equal(m.hdr.msgid, 0x01020304);
	assert_int_equal(m.hdr.length, IKE_HDR_LEN);
	assert_int_equal(m.n, 0);
	assert_ptr_equal(m.raw, mb.b.p);
	mb_free(&mb);
}

static void sa_round_trip(void **state)
{
	struct ike_sa_pl sa, got;
	struct msg_builder mb;
	struct parse_err e;
	struct ike_msg m;

	start(&mb, IKE_SA_INIT, IKE_FLAG_INITIATOR, 0);
	ike_sa(&sa);
	assert_int_equal(ike_add_sa(&mb, &sa), 0);
	esp_sa(&sa);
	assert_int_equal(ike_add_sa(&mb, &sa), 0);
	assert_int_equal(ike_build_end(&mb), 0);
	parse_ok(&mb, &m);
	assert_int_equal(m.n, 2);
	assert_int_equal(m.hdr.np, IKE_PL_SA);
	assert_int_equal(ike_count(&m, IKE_PL_SA), 2);

	assert_int_equal(ike_parse_sa(&m.pl[0], &got, &e), 0);
	ike_sa(&sa);
	assert_sa_equal(&sa, &got);
	/* first proposal: 8 + 12 + 8 + 8 + 8 bytes, "more" flag */
	assert_int_equal(m.pl[0].body[0], 2);
	assert_int_equal(get16(m.pl[0].body + 2), 44);
	assert_int_equal(m.pl[0].body[8], 3);

	assert_int_equal(ike_parse_sa(&m.pl[1], &got, &e), 0);
	esp_sa(&sa);
	assert_sa_equal(&sa, &got);
	mb_free(&mb);
}

static void sa_unknown_attribute(void **state)
{
	/* one proposal, one transform with key length and a TLV attribute */
	static const uint8_t body[] = {
		0, 0, 0, 24, 1, IKE_PROTO_IKE, 0, 1,
		0, 0, 0, 16, IKE_TT_ENCR, 0, 0, IKE_ENCR_AES_CBC,
		0x80, 14, 0, 128,
		0x00, 99, 0, 0,
	};
	struct ike_payload p = { IKE_PL_SA, false, body, sizeof(body), 0 };
	struct ike_sa_pl sa;
	struct parse_err e;

	assert_int_equal(ike_parse_sa(&p, &sa, &e), 0);
	assert_int_equal(sa.n, 1);
	assert_int_equal(sa.prop[0].tr[0].keybits, 128);
	assert_true(sa.prop[0].tr[0].unknown_attr);
}

static void sa_too_many_proposals(void **state)
{
	struct ike_sa_pl *sa = test_malloc(sizeof(*sa) * 2);
	struct msg_builder mb;
	struct parse_err e;
	struct ike_msg m;
	unsigned int i;

	/* 16 proposals built, then 4 more appended by hand: numbers 17-20 */
	memset(sa, 0, sizeof(*sa));
	sa->n = IKE_MAX_PROPOSALS;
	for (i = 0; i < sa->n; i++) {
		sa->prop[i].proto = IKE_PROTO_IKE;
		sa->prop[i].n = 1;
		set_tr(&sa->prop[i].tr[0], IKE_TT_ENCR, IKE_ENCR_AES_GCM_16,
		       256);
	}
	start(&mb, IKE_SA_INIT, IKE_FLAG_INITIATOR, 0);
	assert_int_equal(ike_add_sa(&mb, sa), 0);
	for (i = 0; i < 4; i++) {
		const uint8_t *last = mb.b.p + mb.b.len - 20;
		uint8_t *p;

		/* the previous last proposal now has one after it */
		mb.b.p[last - mb.b.p] = 2;
		p = buf_add(&mb.b, 20);
		memcpy(p, last, 20);
		p[0] = 0;
		p[4] = IKE_MAX_PROPOSALS + 1 + i;
	}
	buf_set16(&mb.b, IKE_HDR_LEN + 2, mb.b.len - IKE_HDR_LEN);
	assert_int_equal(ike_build_end(&mb), 0);
	parse_ok(&mb, &m);
	/* validated through the 20th, the first 16 kept */
	assert_int_equal(ike_parse_sa(&m.pl[0], sa + 1, &e), 0);
	assert_int_equal(sa[1].n, IKE_MAX_PROPOSALS);
	assert_int_equal(sa[1].prop[15].num, 16);
	/* a bad 20th still fails */
	mb.b.p[mb.b.len - 20 + 4] = 30;
	assert_int_equal(ike_parse_sa(&m.pl[0], sa + 1, &e), -1);
	assert_int_equal(e.notify, IKE_N_INVALID_SYNTAX);
	mb_free(&mb);
	test_free(sa);
}

static void sa_too_many_transforms(void **state)
{
	struct ike_sa_pl *sa = test_malloc(sizeof(*sa));
	struct msg_builder mb;
	struct parse_err e;
	struct ike_msg m;
	unsigned int i;
	size_t off;

	/* proposal 1 gets 48 transforms and 2 more by hand, proposal 2 is
	 * ordinary: proposal 1 is dropped, proposal 2 kept */
	ike_sa(sa);
	sa->n = 1;
	sa->prop[0].n = IKE_MAX_TRANSFORMS;
	for (i = 0; i < IKE_MAX_TRANSFORMS; i++)
		set_tr(&sa->prop[0].tr[i], IKE_TT_DH, 100 + i, 0);
	start(&mb, IKE_SA_INIT, IKE_FLAG_INITIATOR, 0);
	assert_int_equal(ike_add_sa(&mb, sa), 0);
	for (i = 0; i < 2; i++) {
		uint8_t *p;

		mb.b.p[mb.b.len - 8] = 3;
		p = buf_add(&mb.b, 8);
		memcpy(p, p - 8, 8);
		p[0] = 0;
	}
	off = IKE_HDR_LEN + 4;
	mb.b.p[off] = 2;				/* more proposals */
	mb.b.p[off + 7] = IKE_MAX_TRANSFORMS + 2;	/* #trans */
	buf_set16(&mb.b, off + 2, mb.b.len - off);
	ike_sa(sa);
	/* proposal 2 of ike_sa() appended as it is */
	{
		struct msg_builder tmp;

		mb_init(&tmp);
		sa->prop[0] = sa->prop[1];
		sa->n = 1;
		assert_int_equal(ike_add_sa(&tmp, sa), 0);
		buf_put(&mb.b, tmp.b.p + 4, tmp.b.len - 4);
		mb_free(&tmp);
	}
	buf_set16(&mb.b, IKE_HDR_LEN + 2, mb.b.len - IKE_HDR_LEN);
	assert_int_equal(ike_build_end(&mb), 0);
	parse_ok(&mb, &m);
	assert_int_equal(ike_parse_sa(&m.pl[0], sa, &e), 0);
	assert_int_equal(sa->n, 1);
	assert_int_equal(sa->prop[0].num, 2);
	assert_int_equal(sa->prop[0].n, 3);
	mb_free(&mb);
	test_free(sa);
}

static void ke_nonce_vid_round_trip(void **state)
{
	static const uint8_t pub[64] = { 1, 2, 3, [63] = 0x40 };
	const uint8_t *n;
	struct msg_builder mb;
	struct ike_ke_pl ke;
	struct parse_err e;
	struct ike_msg m;
	size_t len;

	start(&mb, IKE_SA_INIT, IKE_FLAG_INITIATOR, 0);
	assert_int_equal(ike_add_ke(&mb, IKE_DH_ECP_256, pub, sizeof(pub)), 0);
	assert_int_equal(ike_add_nonce(&mb, nonce32, sizeof(nonce32)), 0);
	assert_int_equal(ike_add_vendor(&mb, "FLEXVPN-SUPPORTED", 17), 0);
	assert_int_equal(ike_build_end(&mb), 0);
	parse_ok(&mb, &m);
	assert_int_equal(m.n, 3);
	assert_int_equal(m.hdr.np, IKE_PL_KE);
	/* chaining: each next-payload field names the one after */
	assert_int_equal(mb.b.p[IKE_HDR_LEN], IKE_PL_NONCE);

	assert_int_equal(ike_parse_ke(ike_find(&m, IKE_PL_KE), &ke, &e), 0);
	assert_int_equal(ke.group, IKE_DH_ECP_256);
	assert_int_equal(ke.len, sizeof(pub));
	assert_memory_equal(ke.data, pub, sizeof(pub));

	assert_int_equal(ike_parse_nonce(ike_find(&m, IKE_PL_NONCE), &n, &len,
					 &e), 0);
	assert_int_equal(len, sizeof(nonce32));
	assert_memory_equal(n, nonce32, sizeof(nonce32));

	assert_int_equal(ike_find(&m, IKE_PL_VENDOR)->len, 17);
	assert_memory_equal(ike_find(&m, IKE_PL_VENDOR)->body,
			    "FLEXVPN-SUPPORTED", 17);
	assert_null(ike_find(&m, IKE_PL_SA));
	mb_free(&mb);
}

static void id_auth_round_trip(void **state)
{
	static const uint8_t auth[32] = { 0xaa, 0xbb, [31] = 0xcc };
	static const uint8_t addr[4] = { 192, 0, 2, 1 };
	struct msg_builder mb;
	struct ike_auth_pl a;
	struct ike_id_pl id;
	struct parse_err e;
	struct ike_msg m;

	mb_init(&mb);
	assert_int_equal(ike_add_id(&mb, IKE_PL_IDI, IKE_ID_IPV4_ADDR, addr, 4),
			 0);
	assert_int_equal(ike_add_id(&mb, IKE_PL_IDR, IKE_ID_FQDN,
				    (const uint8_t *)"hub.example.net", 15), 0);
	assert_int_equal(ike_add_auth(&mb, IKE_AUTH_PSK, auth, sizeof(auth)),
			 0);
	assert_int_equal(ike_build_end(&mb), 0);
	assert_int_equal(mb.first_np, IKE_PL_IDI);

	m.n = 0;
	assert_int_equal(ike_parse_chain(mb.first_np, mb.b.p, mb.b.len, &m,
					 &e), 0);
	assert_int_equal(m.n, 3);
	assert_int_equal(ike_parse_id(&m.pl[0], &id, &e), 0);
	assert_int_equal(id.type, IKE_ID_IPV4_ADDR);
	assert_int_equal(id.len, 4);
	assert_memory_equal(id.data, addr, 4);
	assert_ptr_equal(id.body, m.pl[0].body);
	assert_int_equal(id.body_len, 8);
	assert_int_equal(ike_parse_id(&m.pl[1], &id, &e), 0);
	assert_int_equal(id.type, IKE_ID_FQDN);
	assert_memory_equal(id.data, "hub.example.net", 15);
	assert_int_equal(id.body_len, 4 + 15);
	assert_int_equal(ike_parse_auth(&m.pl[2], &a, &e), 0);
	assert_int_equal(a.method, IKE_AUTH_PSK);
	assert_int_equal(a.len, sizeof(auth));
	assert_memory_equal(a.data, auth, sizeof(auth));
	mb_free(&mb);
}

static void notify_delete_round_trip(void **state)
{
	static const uint8_t spi[4] = { 0xde, 0xad, 0xbe, 0xef };
	static const uint8_t spis[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	static const uint8_t cookie[8] = { 9, 8, 7, 6, 5, 4, 3, 2 };
	struct ike_notify_pl n;
	struct ike_delete_pl d;
	struct msg_builder mb;
	struct parse_err e;
	struct ike_msg m;

	start(&mb, IKE_INFORMATIONAL, IKE_FLAG_INITIATOR, 7);
	assert_int_equal(ike_add_notify(&mb, IKE_PROTO_ESP, spi, 4,
					IKE_N_REKEY_SA, NULL, 0), 0);
	assert_int_equal(ike_add_notify(&mb, 0, NULL, 0, IKE_N_COOKIE, cookie,
					sizeof(cookie)), 0);
	assert_int_equal(ike_add_delete(&mb, IKE_PROTO_ESP, 4, spis, 2), 0);
	assert_int_equal(ike_add_delete(&mb, IKE_PROTO_IKE, 0, NULL, 0), 0);
	assert_int_equal(ike_build_end(&mb), 0);
	parse_ok(&mb, &m);
	assert_int_equal(m.n, 4);

	assert_int_equal(ike_parse_notify(&m.pl[0], &n, &e), 0);
	assert_int_equal(n.proto, IKE_PROTO_ESP);
	assert_int_equal(n.spi_size, 4);
	assert_memory_equal(n.spi, spi, 4);
	assert_int_equal(n.type, IKE_N_REKEY_SA);
	assert_int_equal(n.len, 0);

	assert_int_equal(ike_find_notify(&m, IKE_N_COOKIE, &n), 0);
	assert_int_equal(n.spi_size, 0);
	assert_int_equal(n.len, sizeof(cookie));
	assert_memory_equal(n.data, cookie, sizeof(cookie));
	assert_int_equal(ike_find_notify(&m, IKE_N_INITIAL_CONTACT, &n), -1);

	assert_int_equal(ike_parse_delete(&m.pl[2], &d, &e), 0);
	assert_int_equal(d.proto, IKE_PROTO_ESP);
	assert_int_equal(d.spi_size, 4);
	assert_int_equal(d.n, 2);
	assert_memory_equal(d.spis, spis, 8);
	assert_int_equal(ike_parse_delete(&m.pl[3], &d, &e), 0);
	assert_int_equal(d.proto, IKE_PROTO_IKE);
	assert_int_equal(d.n, 0);
	mb_free(&mb);
}

static void ts_round_trip(void **state)
{
	struct ike_ts_pl ts, got;
	struct msg_builder mb;
	struct parse_err e;
	struct ike_msg m;
	unsigned int i;

	ts.n = 2;
	ts_v4(&ts.ts[0], "\x0a\x00\x00\x00", "\x0a\x00\x00\xff");
	ts.ts[0].proto = 6;
	ts.ts[0].sport = 80;
	ts.ts[0].eport = 80;
	ts_v6_any(&ts.ts[1]);
	start(&mb, IKE_AUTH, IKE_FLAG_INITIATOR, 1);
	assert_int_equal(ike_add_ts(&mb, IKE_PL_TSI, &ts), 0);
	assert_int_equal(ike_add_ts(&mb, IKE_PL_TSR, &ts), 0);
	assert_int_equal(ike_build_end(&mb), 0);
	parse_ok(&mb, &m);
	assert_int_equal(m.n, 2);
	assert_int_equal(m.pl[0].len, 4 + 16 + 40);
	for (i = 0; i < 2; i++) {
		assert_int_equal(ike_parse_ts(&m.pl[i], &got, &e), 0);
		assert_int_equal(got.n, 2);
		assert_memory_equal(&got.ts[0], &ts.ts[0], sizeof(ts.ts[0]));
		assert_memory_equal(&got.ts[1], &ts.ts[1], sizeof(ts.ts[1]));
	}
	mb_free(&mb);
}

static void ts_opaque_ports(void **state)
{
	struct ike_ts_pl ts, got;
	struct msg_builder mb;
	struct parse_err e;

	ts.n = 1;
	ts_v4(&ts.ts[0], "\0\0\0\0", "\xff\xff\xff\xff");
	ts.ts[0].sport = 65535;
	ts.ts[0].eport = 0;
	mb_init(&mb);
	assert_int_equal(ike_add_ts(&mb, IKE_PL_TSI, &ts), 0);
	{
		struct ike_payload p = { IKE_PL_TSI, false, mb.b.p + 4,
					 mb.b.len - 4, 0 };

		assert_int_equal(ike_parse_ts(&p, &got, &e), 0);
		assert_int_equal(got.ts[0].sport, 65535);
	}
	mb_free(&mb);
}

/* SK with inner payloads built separately; the inner chain parsed after
 * the outer one, appended to the same message. */
static void sk_round_trip(void **state)
{
	struct msg_builder mb, in;
	struct ike_notify_pl n;
	struct parse_err e;
	struct ike_msg m;
	uint8_t *p;

	mb_init(&in);
	assert_int_equal(ike_add_notify(&in, IKE_PROTO_IKE, NULL, 0,
					IKE_N_INITIAL_CONTACT, NULL, 0), 0);
	assert_int_equal(ike_add_vendor(&in, "x", 1), 0);

	start(&mb, IKE_AUTH, IKE_FLAG_INITIATOR, 1);
	assert_int_equal(ike_add_vendor(&mb, "outer", 5), 0);
	assert_int_equal(ike_add_sk(&mb, in.first_np, NULL, 16 + in.b.len),
			 0);
	/* nothing may follow SK */
	assert_int_equal(ike_add_vendor(&mb, "late", 4), -1);
	assert_int_equal(ike_build_end(&mb), -1);
	mb_free(&mb);

	start(&mb, IKE_AUTH, IKE_FLAG_INITIATOR, 1);
	assert_int_equal(ike_add_vendor(&mb, "outer", 5), 0);
	assert_int_equal(ike_add_sk(&mb, in.first_np, NULL, 16 + in.b.len),
			 0);
	assert_int_equal(ike_build_end(&mb), 0);
	/* "encrypt": a zero IV and the plaintext */
	p = mb.b.p + mb.b.len - in.b.len;
	memcpy(p, in.b.p, in.b.len);

	parse_ok(&mb, &m);
	assert_int_equal(m.n, 2);
	assert_int_equal(m.pl[1].type, IKE_PL_SK);
	assert_int_equal(m.pl[1].inner_np, IKE_PL_NOTIFY);
	assert_int_equal(m.pl[1].len, 16 + in.b.len);
	assert_int_equal(ike_parse_chain(m.pl[1].inner_np, m.pl[1].body + 16,
					 m.pl[1].len - 16, &m, &e), 0);
	assert_int_equal(m.n, 4);
	assert_int_equal(ike_find_notify(&m, IKE_N_INITIAL_CONTACT, &n), 0);
	assert_int_equal(ike_count(&m, IKE_PL_VENDOR), 2);
	mb_free(&mb);
	mb_free(&in);
}

static void other_payloads_round_trip(void **state)
{
	static const uint8_t cp[] = { 1, 0, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0 };
	static const uint8_t eap[] = { 1, 5, 0, 5, 1 };
	static const uint8_t cert[] = { 4, 0x30, 0x82, 0x01 };
	struct msg_builder mb;
	struct ike_msg m;

	start(&mb, IKE_AUTH, IKE_FLAG_INITIATOR, 1);
	assert_int_equal(ike_add_payload(&mb, IKE_PL_CERT, false, cert,
					 sizeof(cert)), 0);
	assert_int_equal(ike_add_payload(&mb, IKE_PL_CERTREQ, false, cert, 1),
			 0);
	assert_int_equal(ike_add_payload(&mb, IKE_PL_CP, false, cp,
					 sizeof(cp)), 0);
	assert_int_equal(ike_add_payload(&mb, IKE_PL_EAP, false, eap,
					 sizeof(eap)), 0);
	assert_int_equal(ike_build_end(&mb), 0);
	parse_ok(&mb, &m);
	assert_int_equal(m.n, 4);
	assert_int_equal(m.pl[0].type, IKE_PL_CERT);
	assert_int_equal(m.pl[1].type, IKE_PL_CERTREQ);
	assert_int_equal(m.pl[2].type, IKE_PL_CP);
	assert_int_equal(m.pl[3].type, IKE_PL_EAP);
	assert_memory_equal(m.pl[2].body, cp, sizeof(cp));
	assert_int_equal(m.pl[3].len, sizeof(eap));
	mb_free(&mb);
}

static void unknown_payload_skipped(void **state)
{
	struct msg_builder mb;
	struct ike_msg m;

	start(&mb, IKE_SA_INIT, IKE_FLAG_INITIATOR, 0);
	assert_int_equal(ike_add_vendor(&mb, "a", 1), 0);
	assert_int_equal(ike_add_payload(&mb, 99, false, "skip me", 7), 0);
	assert_int_equal(ike_add_nonce(&mb, nonce32, 16), 0);
	assert_int_equal(ike_build_end(&mb), 0);
	parse_ok(&mb, &m);
	assert_int_equal(m.n, 2);
	assert_int_equal(m.pl[0].type, IKE_PL_VENDOR);
	assert_int_equal(m.pl[1].type, IKE_PL_NONCE);
	mb_free(&mb);
}

static void critical_bit_on_known_payload(void **state)
{
	struct msg_builder mb;
	struct ike_msg m;

	start(&mb, IKE_SA_INIT, IKE_FLAG_INITIATOR, 0);
	assert_int_equal(ike_add_payload(&mb, IKE_PL_VENDOR, true, "a", 1), 0);
	assert_int_equal(ike_build_end(&mb), 0);
	parse_ok(&mb, &m);
	assert_int_equal(m.n, 1);
	assert_true(m.pl[0].critical);
	mb_free(&mb);
}

/* The router's IKE_SA_INIT request, built again: the same bytes. */
static void build_init_req(struct msg_builder *mb)
{
	struct ike_hdr h = {
		.ispi = get64(init_req), .exch = IKE_SA_INIT,
		.flags = IKE_FLAG_INITIATOR,
	};
	struct ike_sa_pl sa;

	memset(&sa, 0, sizeof(sa));
	sa.n = 1;
	sa.prop[0].proto = IKE_PROTO_IKE;
	sa.prop[0].n = 4;
	set_tr(&sa.prop[0].tr[0], IKE_TT_ENCR, IKE_ENCR_AES_CBC, 128);
	set_tr(&sa.prop[0].tr[1], IKE_TT_PRF, IKE_PRF_HMAC_SHA2_256, 0);
	set_tr(&sa.prop[0].tr[2], IKE_TT_INTEG, IKE_INTEG_HMAC_SHA2_256_128, 0);
	set_tr(&sa.prop[0].tr[3], IKE_TT_DH, IKE_DH_MODP_2048, 0);
	mb_init(mb);
	assert_int_equal(ike_build_hdr(mb, &h), 0);
	assert_int_equal(ike_add_sa(mb, &sa), 0);
	assert_int_equal(ike_add_ke(mb, 14, init_req + INIT_KE_OFF, 256), 0);
	assert_int_equal(ike_add_nonce(mb, init_req + INIT_NONCE_OFF, 20), 0);
	assert_int_equal(ike_add_vendor(mb, "CISCO-DELETE-REASON", 19), 0);
	assert_int_equal(ike_add_vendor(mb, "FLEXVPN-SUPPORTED", 17), 0);
	assert_int_equal(ike_add_notify(mb, IKE_PROTO_IKE, NULL, 0,
					IKE_N_NAT_DETECTION_SOURCE_IP,
					init_req + 464 - 28 - 20, 20), 0);
	assert_int_equal(ike_add_notify(mb, IKE_PROTO_IKE, NULL, 0,
					IKE_N_NAT_DETECTION_DESTINATION_IP,
					init_req + 464 - 20, 20), 0);
	assert_int_equal(ike_build_end(mb), 0);
}

static void real_init_request(void **state)
{
	const struct ike_payload *p;
	struct ike_notify_pl n;
	struct msg_builder mb;
	struct ike_sa_pl sa;
	struct ike_ke_pl ke;
	struct parse_err e;
	struct ike_msg m;
	const uint8_t *nonce;
	size_t len;

	assert_int_equal(sizeof(init_req), 464);
	assert_int_equal(ike_parse_msg(init_req, sizeof(init_req), &m, &e), 0);
	assert_int_equal(m.hdr.ispi, 0xf49dada260cb373fULL);
	assert_int_equal(m.hdr.rspi, 0);
	assert_int_equal(m.hdr.exch, IKE_SA_INIT);
	assert_int_equal(m.hdr.flags, IKE_FLAG_INITIATOR);
	assert_int_equal(m.hdr.msgid, 0);
	assert_int_equal(m.hdr.length, 464);
	assert_int_equal(m.n, 7);

	assert_int_equal(ike_parse_sa(ike_find(&m, IKE_PL_SA), &sa, &e), 0);
	assert_int_equal(sa.n, 1);
	assert_int_equal(sa.prop[0].num, 1);
	assert_int_equal(sa.prop[0].proto, IKE_PROTO_IKE);
	assert_int_equal(sa.prop[0].spi_size, 0);
	assert_int_equal(sa.prop[0].n, 4);
	assert_int_equal(sa.prop[0].tr[0].type, IKE_TT_ENCR);
	assert_int_equal(sa.prop[0].tr[0].id, IKE_ENCR_AES_CBC);
	assert_int_equal(sa.prop[0].tr[0].keybits, 128);
	assert_int_equal(sa.prop[0].tr[1].type, IKE_TT_PRF);
	assert_int_equal(sa.prop[0].tr[1].id, IKE_PRF_HMAC_SHA2_256);
	assert_int_equal(sa.prop[0].tr[2].type, IKE_TT_INTEG);
	assert_int_equal(sa.prop[0].tr[2].id, IKE_INTEG_HMAC_SHA2_256_128);
	assert_int_equal(sa.prop[0].tr[3].type, IKE_TT_DH);
	assert_int_equal(sa.prop[0].tr[3].id, IKE_DH_MODP_2048);

	p = ike_find(&m, IKE_PL_KE);
	assert_int_equal(p->len + 4, 264);
	assert_int_equal(ike_parse_ke(p, &ke, &e), 0);
	assert_int_equal(ke.group, 14);
	assert_int_equal(ke.len, 256);
	assert_int_equal(ke.data[0], 0x45);

	assert_int_equal(ike_parse_nonce(ike_find(&m, IKE_PL_NONCE), &nonce,
					 &len, &e), 0);
	assert_int_equal(len, 20);
	assert_int_equal(nonce[0], 0xe4);

	assert_int_equal(ike_count(&m, IKE_PL_VENDOR), 2);
	p = ike_find(&m, IKE_PL_VENDOR);
	assert_int_equal(p->len, 19);
	assert_memory_equal(p->body, "CISCO-DELETE-REASON", 19);
	assert_memory_equal(m.pl[4].body, "FLEXVPN-SUPPORTED", 17);

	assert_int_equal(ike_count(&m, IKE_PL_NOTIFY), 2);
	assert_int_equal(ike_find_notify(&m, IKE_N_NAT_DETECTION_SOURCE_IP,
					 &n), 0);
	assert_int_equal(n.proto, IKE_PROTO_IKE);
	assert_int_equal(n.len, 20);
	assert_int_equal(n.data[0], 0x0d);
	assert_int_equal(ike_find_notify(&m,
					 IKE_N_NAT_DETECTION_DESTINATION_IP,
					 &n), 0);
	assert_int_equal(n.data[0], 0x53);

	build_init_req(&mb);
	assert_int_equal(mb.b.len, sizeof(init_req));
	assert_memory_equal(mb.b.p, init_req, sizeof(init_req));
	mb_free(&mb);
}

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

/* SA payloads: from ike_sa() (two proposals), then mutated */
#define SA_BODY		(IKE_HDR_LEN + 4)
#define SA_PROP2	(SA_BODY + 44)

static void mk_sa(struct msg_builder *mb)
{
	struct ike_sa_pl sa;

	ike_sa(&sa);
	start(mb, IKE_SA_INIT, IKE_FLAG_INITIATOR, 0);
	assert_int_equal(ike_add_sa(mb, &sa), 0);
	assert_int_equal(ike_build_end(mb), 0);
}

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

static void mk_sa_trans_more(struct msg_builder *mb)
{
	mk_sa(mb);
	mb->b.p[SA_BODY + 7] = 5;
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

/* --- printing --- */

static void print_init_request(void **state)
{
	static const char *const want[] = {
		"Next payload: SA, version: 2.0 Exchange type: IKE_SA_INIT, flags: INITIATOR Message id: 0, length: 464",
		"Payload contents:",
		" SA  Next payload: KE, reserved: 0x0, length: 48",
		"  last proposal: 0x0, reserved: 0x0, length: 44",
		"  Proposal: 1, Protocol id: IKE, SPI size: 0, #trans: 4    last transform: 0x3, reserved: 0x0: length: 12",
		"    type: 1, reserved: 0x0, id: AES-CBC",
		"    last transform: 0x3, reserved: 0x0: length: 8",
		"    type: 2, reserved: 0x0, id: SHA256",
		"    last transform: 0x3, reserved: 0x0: length: 8",
		"    type: 3, reserved: 0x0, id: SHA256",
		"    last transform: 0x0, reserved: 0x0: length: 8",
		"    type: 4, reserved: 0x0, id: DH_GROUP_2048_MODP/Group 14",
		" KE  Next payload: N, reserved: 0x0, length: 264",
		"    DH group: 14, Reserved: 0x0",
		" N  Next payload: VID, reserved: 0x0, length: 24",
		" VID  Next payload: VID, reserved: 0x0, length: 23",
		" VID  Next payload: NOTIFY, reserved: 0x0, length: 21",
		" NOTIFY(NAT_DETECTION_SOURCE_IP)  Next payload: NOTIFY, reserved: 0x0, length: 28",
		"    Security protocol id: IKE, spi size: 0, type: NAT_DETECTION_SOURCE_IP",
		" NOTIFY(NAT_DETECTION_DESTINATION_IP)  Next payload: NONE, reserved: 0x0, length: 28",
		"    Security protocol id: IKE, spi size: 0, type: NAT_DETECTION_DESTINATION_IP",
	};
	static struct lines ls;
	struct parse_err e;
	struct ike_msg m;
	unsigned int i;

	assert_int_equal(ike_parse_msg(init_req, sizeof(init_req), &m, &e), 0);
	ls.n = 0;
	ike_print_msg(&m, false, collect, &ls);
	for (i = 0; i < ls.n && i < ARRAY_SIZE(want); i++)
		assert_string_equal(ls.l[i], want[i]);
	assert_int_equal(ls.n, ARRAY_SIZE(want));

	ls.n = 0;
	ike_print_summary(&m, collect, &ls);
	assert_int_equal(ls.n, 2);
	assert_string_equal(ls.l[0], "Payload contents:");
	assert_string_equal(ls.l[1],
			    " SA KE N VID VID NOTIFY(NAT_DETECTION_SOURCE_IP) NOTIFY(NAT_DETECTION_DESTINATION_IP)");
}

static void print_hexdump(void **state)
{
	static struct lines ls;
	struct parse_err e;
	struct ike_msg m;
	unsigned int i;

	assert_int_equal(ike_parse_msg(init_req, sizeof(init_req), &m, &e), 0);
	ls.n = 0;
	ike_print_msg(&m, true, collect, &ls);
	for (i = 0; i < ls.n; i++)
		if (!strcmp(ls.l[i], "    DH group: 14, Reserved: 0x0"))
			break;
	assert_true(i + 18 < ls.n);
	assert_string_equal(ls.l[i + 1], "");
	assert_string_equal(ls.l[i + 2],
			    "     45 B7 59 62 46 9A 5A 61 7A 93 FC 63 DC 5E 87 AC");
	assert_string_equal(ls.l[i + 17],
			    "     14 BF F2 40 7D E6 48 B7 9A 3C C1 C4 0B A3 26 BD");
	assert_string_equal(ls.l[i + 18], "");
	assert_string_equal(ls.l[i + 19],
			    " N  Next payload: VID, reserved: 0x0, length: 24");
	assert_true(has_line(&ls, "     6C AC AE A4"));
	assert_true(has_line(&ls, "     53 4F 4E"));

	ls.n = 0;
	ike_print_hex((const uint8_t *)"\x01\xab", 2, collect, &ls);
	assert_int_equal(ls.n, 1);
	assert_string_equal(ls.l[0], "     01 AB");
	ls.n = 0;
	ike_print_hex(init_req, 0, collect, &ls);
	assert_int_equal(ls.n, 0);
}

/* An IKE_AUTH request, decrypted: the AUTH data only with hexdump. */
static void print_auth_request(void **state)
{
	static const uint8_t auth[16] = {
		0x5e, 0xc2, 0xe7, 0x5e, 0xc2, 0xe7, 0x5e, 0xc2,
		0xe7, 0x5e, 0xc2, 0xe7, 0x5e, 0xc2, 0xe7, 0x99,
	};
	static const uint8_t spi[4] = { 0xc0, 0xff, 0xee, 0x01 };
	static struct lines ls;
	struct msg_builder mb, in;
	struct ike_ts_pl ts = { .n = 1 };
	struct ike_sa_pl sa;
	struct parse_err e;
	struct ike_msg m;

	ts_v4(&ts.ts[0], "\0\0\0\0", "\xff\xff\xff\xff");
	esp_sa(&sa);
	mb_init(&in);
	assert_int_equal(ike_add_id(&in, IKE_PL_IDI, IKE_ID_FQDN,
				    (const uint8_t *)"spoke1", 6), 0);
	assert_int_equal(ike_add_auth(&in, IKE_AUTH_PSK, auth, sizeof(auth)),
			 0);
	assert_int_equal(ike_add_sa(&in, &sa), 0);
	assert_int_equal(ike_add_ts(&in, IKE_PL_TSI, &ts), 0);
	assert_int_equal(ike_add_ts(&in, IKE_PL_TSR, &ts), 0);
	assert_int_equal(ike_add_notify(&in, IKE_PROTO_ESP, spi, 4,
					IKE_N_REKEY_SA, NULL, 0), 0);
	assert_int_equal(ike_add_delete(&in, IKE_PROTO_ESP, 4, spi, 1), 0);
	assert_int_equal(ike_add_notify(&in, IKE_PROTO_IKE, NULL, 0, 40000,
					NULL, 0), 0);
	start(&mb, IKE_AUTH, IKE_FLAG_INITIATOR, 1);
	assert_int_equal(ike_add_sk(&mb, in.first_np, in.b.p, in.b.len), 0);
	assert_int_equal(ike_build_end(&mb), 0);
	parse_ok(&mb, &m);
	assert_int_equal(ike_parse_chain(m.pl[0].inner_np, m.pl[0].body,
					 m.pl[0].len, &m, &e), 0);

	ls.n = 0;
	ike_print_msg(&m, false, collect, &ls);
	assert_true(has_text(&ls, "Next payload: ENCR, version: 2.0 Exchange type: IKE_AUTH"));
	assert_false(has_text(&ls, " ENCR  Next payload"));
	assert_true(has_line(&ls, " IDi  Next payload: AUTH, reserved: 0x0, length: 14"));
	assert_true(has_line(&ls, "    Id type: FQDN, Reserved: 0x0 0x0"));
	assert_true(has_line(&ls, "    Auth method PSK, reserved: 0x0, reserved 0x0"));
	assert_true(has_line(&ls, "  Proposal: 1, Protocol id: ESP, SPI size: 4, #trans: 3    last transform: 0x3, reserved: 0x0: length: 12"));
	assert_true(has_line(&ls, "    Num of TSs: 1, reserved 0x0, reserved 0x0"));
	assert_true(has_line(&ls, "    TS type: TS_IPV4_ADDR_RANGE, proto id: 0, length: 16"));
	assert_true(has_line(&ls, "    start port: 0, end port: 65535"));
	assert_true(has_line(&ls, "    start addr: 0.0.0.0, end addr: 255.255.255.255"));
	assert_true(has_line(&ls, "    Security protocol id: ESP, spi size: 4, type: REKEY_SA"));
	assert_true(has_line(&ls, "    spi: 0xC0FFEE01"));
	assert_true(has_line(&ls, "    Security protocol id: ESP, spi size: 4, num of spi: 1"));
	assert_true(has_text(&ls, "NOTIFY(UNKNOWN_STATUS-40000)  Next payload: NONE"));
	assert_false(has_text(&ls, "5E C2 E7"));

	ls.n = 0;
	ike_print_msg(&m, true, collect, &ls);
	assert_true(has_text(&ls, "5E C2 E7"));

	ls.n = 0;
	ike_print_summary(&m, collect, &ls);
	assert_string_equal(ls.l[1],
			    " IDi AUTH SA TSi TSr NOTIFY(REKEY_SA) DELETE NOTIFY(UNKNOWN_STATUS-40000)");

	/* before decryption: the SK payload itself */
	m.n = 1;
	ls.n = 0;
	ike_print_msg(&m, false, collect, &ls);
	assert_true(has_text(&ls, " ENCR  Next payload: IDi, reserved: 0x0"));
	mb_free(&mb);
	mb_free(&in);
}

/* Malformed bodies are reported, not decoded. */
static void print_malformed(void **state)
{
	static struct lines ls;
	struct msg_builder mb;
	struct ike_msg m;

	mk_sa_trans_more(&mb);
	parse_ok(&mb, &m);
	ls.n = 0;
	ike_print_msg(&m, false, collect, &ls);
	assert_int_equal(ls.n, 4);
	assert_non_null(strstr(ls.l[3], "malformed SA payload"));
	mb_free(&mb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buf_basics),
		cmocka_unit_test(hdr_round_trip),
		cmocka_unit_test(sa_round_trip),
		cmocka_unit_test(sa_unknown_attribute),
		cmocka_unit_test(sa_too_many_proposals),
		cmocka_unit_test(sa_too_many_transforms),
		cmocka_unit_test(ke_nonce_vid_round_trip),
		cmocka_unit_test(id_auth_round_trip),
		cmocka_unit_test(notify_delete_round_trip),
		cmocka_unit_test(ts_round_trip),
		cmocka_unit_test(ts_opaque_ports),
		cmocka_unit_test(sk_round_trip),
		cmocka_unit_test(other_payloads_round_trip),
		cmocka_unit_test(unknown_payload_skipped),
		cmocka_unit_test(critical_bit_on_known_payload),
		cmocka_unit_test(real_init_request),
		cmocka_unit_test(malformed_inputs),
		cmocka_unit_test(message_size_limit),
		cmocka_unit_test(exactly_max_payloads),
		cmocka_unit_test(print_init_request),
		cmocka_unit_test(print_hexdump),
		cmocka_unit_test(print_auth_request),
		cmocka_unit_test(print_malformed),
	};

	return cmocka_run_group_tests_name("msg", tests, NULL, NULL);
}
