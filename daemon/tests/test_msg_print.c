// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of IKEv2 message printing (msg_print.c): the debug lines of
 * an IKE_SA_INIT request as a router sent it, with and without hexdump,
 * of a decrypted IKE_AUTH request, and of a malformed payload.
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

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

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
		cmocka_unit_test(print_init_request),
		cmocka_unit_test(print_hexdump),
		cmocka_unit_test(print_auth_request),
		cmocka_unit_test(print_malformed),
	};

	return cmocka_run_group_tests_name("msg_print", tests, NULL, NULL);
}
