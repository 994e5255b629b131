// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of IKEv2 message building (msg_build.c) and of the buffer
 * under it: round trips of every payload type through the parser (msg.c),
 * and an IKE_SA_INIT request as a router sent it, parsed and built again.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "algs.h"
#include "msg_init_req.h"
#include "msg_util.h"

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
	};

	return cmocka_run_group_tests_name("msg_build", tests, NULL, NULL);
}
