// SPDX-License-Identifier: GPL-2.0
/*
 * What the message tests share (msg_util.h): messages begun and parsed,
 * a nonce, the SA proposals and traffic selectors the tests build, and
 * the SA payload the malformed inputs mutate.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "msg_util.h"

void start(struct msg_builder *mb, uint8_t exch, uint8_t flags,
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

void parse_ok(const struct msg_builder *mb, struct ike_msg *m)
{
	struct parse_err e;

	if (ike_parse_msg(mb->b.p, mb->b.len, m, &e) < 0)
		fail_msg("parse failed: %s", e.err);
}

const uint8_t nonce32[32] = {
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
	0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
	0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27,
	0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f,
};

void set_tr(struct ike_transform *t, uint8_t type, uint16_t id,
	    uint16_t keybits)
{
	memset(t, 0, sizeof(*t));
	t->type = type;
	t->id = id;
	t->keybits = keybits;
}

void ike_sa(struct ike_sa_pl *sa)
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

void esp_sa(struct ike_sa_pl *sa)
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

void ts_v4(struct ike_ts *ts, const char *start, const char *end)
{
	memset(ts, 0, sizeof(*ts));
	ts->type = IKE_TS_IPV4_ADDR_RANGE;
	ts->alen = 4;
	ts->eport = 65535;
	memcpy(ts->start, start, 4);
	memcpy(ts->end, end, 4);
}

void ts_v6_any(struct ike_ts *ts)
{
	memset(ts, 0, sizeof(*ts));
	ts->type = IKE_TS_IPV6_ADDR_RANGE;
	ts->alen = 16;
	ts->proto = 47;
	ts->eport = 65535;
	memset(ts->end, 0xff, 16);
}

void mk_sa(struct msg_builder *mb)
{
	struct ike_sa_pl sa;

	ike_sa(&sa);
	start(mb, IKE_SA_INIT, IKE_FLAG_INITIATOR, 0);
	assert_int_equal(ike_add_sa(mb, &sa), 0);
	assert_int_equal(ike_build_end(mb), 0);
}


void mk_sa_trans_more(struct msg_builder *mb)
{
	mk_sa(mb);
	mb->b.p[SA_BODY + 7] = 5;
}
