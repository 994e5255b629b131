// SPDX-License-Identifier: GPL-2.0
/* Unit tests of proposal selection: IKE (RFC 7296 3.3.6) and ESP. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "algs.h"
#include "conf.h"
#include "proposal.h"

static void add(struct ike_proposal *p, uint8_t type, uint16_t id,
		uint16_t bits)
{
	p->tr[p->n].type = type;
	p->tr[p->n].id = id;
	p->tr[p->n].keybits = bits;
	p->n++;
}

static void ike_prop(struct ike_proposal *p, uint8_t num)
{
	memset(p, 0, sizeof(*p));
	p->num = num;
	p->proto = IKE_PROTO_IKE;
}

/* ours: AES-CBC-128 / SHA256 / SHA256 / group 19 */
static void ours_cbc(struct ike_sa_pl *o)
{
	memset(o, 0, sizeof(*o));
	o->n = 1;
	ike_prop(&o->prop[0], 1);
	add(&o->prop[0], IKE_TT_ENCR, IKE_ENCR_AES_CBC, 128);
	add(&o->prop[0], IKE_TT_PRF, IKE_PRF_HMAC_SHA2_256, 0);
	add(&o->prop[0], IKE_TT_INTEG, IKE_INTEG_HMAC_SHA2_256_128, 0);
	add(&o->prop[0], IKE_TT_DH, IKE_DH_ECP_256, 0);
}

static void picks_first_acceptable_in_peer_order(void **state)
{
	struct ike_proposal rp, ch;
	struct ike_sa_pl o;
	struct ike_suite s;

	ours_cbc(&o);
	add(&o.prop[0], IKE_TT_DH, IKE_DH_MODP_2048, 0);
	ike_prop(&rp, 3);
	add(&rp, IKE_TT_ENCR, IKE_ENCR_AES_CBC, 256);
	add(&rp, IKE_TT_ENCR, IKE_ENCR_AES_CBC, 128);
	add(&rp, IKE_TT_PRF, IKE_PRF_HMAC_SHA2_512, 0);
	add(&rp, IKE_TT_PRF, IKE_PRF_HMAC_SHA2_256, 0);
	add(&rp, IKE_TT_INTEG, IKE_INTEG_HMAC_SHA2_256_128, 0);
	add(&rp, IKE_TT_DH, IKE_DH_MODP_2048, 0);
	add(&rp, IKE_TT_DH, IKE_DH_ECP_256, 0);
	assert_true(ike_select_proposal(&rp, &o, &ch));
	assert_int_equal(ch.num, 3);
	assert_int_equal(ch.n, 4);
	ike_suite_from(&ch, &s);
	assert_int_equal(s.encr, IKE_ENCR_AES_CBC);
	assert_int_equal(s.encr_bits, 128);
	assert_int_equal(s.prf, IKE_PRF_HMAC_SHA2_256);
	assert_int_equal(s.integ, IKE_INTEG_HMAC_SHA2_256_128);
	/* the peer listed group 14 first, and we have it */
	assert_int_equal(s.dh, IKE_DH_MODP_2048);
}

static void integrity_mismatch_fails(void **state)
{
	struct ike_proposal rp, ch;
	struct ike_sa_pl o;

	ours_cbc(&o);
	ike_prop(&rp, 1);
	add(&rp, IKE_TT_ENCR, IKE_ENCR_AES_CBC, 128);
	add(&rp, IKE_TT_PRF, IKE_PRF_HMAC_SHA2_256, 0);
	add(&rp, IKE_TT_INTEG, IKE_INTEG_HMAC_SHA2_512_256, 0);
	add(&rp, IKE_TT_DH, IKE_DH_ECP_256, 0);
	assert_false(ike_select_proposal(&rp, &o, &ch));
}

static void key_length_must_match(void **state)
{
	struct ike_proposal rp, ch;
	struct ike_sa_pl o;

	ours_cbc(&o);
	ike_prop(&rp, 1);
	add(&rp, IKE_TT_ENCR, IKE_ENCR_AES_CBC, 192);
	add(&rp, IKE_TT_PRF, IKE_PRF_HMAC_SHA2_256, 0);
	add(&rp, IKE_TT_INTEG, IKE_INTEG_HMAC_SHA2_256_128, 0);
	add(&rp, IKE_TT_DH, IKE_DH_ECP_256, 0);
	assert_false(ike_select_proposal(&rp, &o, &ch));
}

static void aead_needs_no_integrity(void **state)
{
	struct ike_proposal rp, ch;
	struct ike_sa_pl o;
	struct ike_suite s;

	memset(&o, 0, sizeof(o));
	o.n = 2;
	ike_prop(&o.prop[0], 1);
	add(&o.prop[0], IKE_TT_ENCR, IKE_ENCR_AES_CBC, 256);
	add(&o.prop[0], IKE_TT_PRF, IKE_PRF_HMAC_SHA2_256, 0);
	add(&o.prop[0], IKE_TT_INTEG, IKE_INTEG_HMAC_SHA2_256_128, 0);
	add(&o.prop[0], IKE_TT_DH, IKE_DH_ECP_384, 0);
	ike_prop(&o.prop[1], 2);
	add(&o.prop[1], IKE_TT_ENCR, IKE_ENCR_AES_GCM_16, 256);
	add(&o.prop[1], IKE_TT_PRF, IKE_PRF_HMAC_SHA2_384, 0);
	add(&o.prop[1], IKE_TT_DH, IKE_DH_ECP_384, 0);
	ike_prop(&rp, 1);
	add(&rp, IKE_TT_ENCR, IKE_ENCR_AES_GCM_16, 256);
	add(&rp, IKE_TT_PRF, IKE_PRF_HMAC_SHA2_384, 0);
	add(&rp, IKE_TT_DH, IKE_DH_ECP_384, 0);
	assert_true(ike_select_proposal(&rp, &o, &ch));
	assert_int_equal(ch.n, 3);
	ike_suite_from(&ch, &s);
	assert_int_equal(s.encr, IKE_ENCR_AES_GCM_16);
	assert_int_equal(s.integ, IKE_INTEG_NONE);
}

static void esp_or_unknown_attributes_refused(void **state)
{
	struct ike_proposal rp, ch;
	struct ike_sa_pl o;

	ours_cbc(&o);
	ike_prop(&rp, 1);
	add(&rp, IKE_TT_ENCR, IKE_ENCR_AES_CBC, 128);
	add(&rp, IKE_TT_PRF, IKE_PRF_HMAC_SHA2_256, 0);
	add(&rp, IKE_TT_INTEG, IKE_INTEG_HMAC_SHA2_256_128, 0);
	add(&rp, IKE_TT_DH, IKE_DH_ECP_256, 0);
	rp.proto = IKE_PROTO_ESP;
	assert_false(ike_select_proposal(&rp, &o, &ch));
	rp.proto = IKE_PROTO_IKE;
	rp.tr[0].unknown_attr = true;
	assert_false(ike_select_proposal(&rp, &o, &ch));
	rp.tr[0].unknown_attr = false;
	assert_true(ike_select_proposal(&rp, &o, &ch));
}

static void proposal_string_in_ios_order(void **state)
{
	struct ike_sa_pl o;
	char s[256];

	ours_cbc(&o);
	o.prop[0].tr[2].id = IKE_INTEG_HMAC_SHA2_512_256;
	o.prop[0].tr[3].id = IKE_DH_MODP_2048;
	ike_proposal_str(&o.prop[0], s, sizeof(s));
	assert_string_equal(s, " AES-CBC-128 SHA512 SHA256 DH_GROUP_2048_MODP/Group 14");
}

static const char conf_text[] =
	"crypto ikev2 proposal P1\n"
	" encryption aes-cbc-256 aes-cbc-128\n"
	" integrity sha256\n"
	" group 14\n"
	"crypto ikev2 proposal P2\n"
	" encryption aes-gcm-128\n"
	" prf sha256\n"
	" group 19 31\n"
	"crypto ikev2 policy POL\n"
	" proposal P2\n"
	" proposal P1\n"
	" match address local 192.0.2.1\n";

static void our_proposals_follow_the_policy(void **state)
{
	struct sockaddr_storage l = { 0 };
	struct sockaddr_in *l4 = (struct sockaddr_in *)&l;
	struct ike_sa_pl o;
	struct conf *c;
	char s[256];
	FILE *err = fopen("/dev/null", "w");

	c = conf_parse_string(conf_text, sizeof(conf_text) - 1, "t.conf", err);
	assert_non_null(c);
	l4->sin_family = AF_INET;
	l4->sin_addr.s_addr = htonl(0xc0000201);
	ike_our_proposals(c, &l, &o);
	assert_int_equal(o.n, 2);
	assert_int_equal(o.prop[0].num, 1);
	assert_int_equal(o.prop[1].num, 2);
	ike_proposal_str(&o.prop[0], s, sizeof(s));
	assert_string_equal(s, " AES-GCM-128 SHA256 DH_GROUP_256_ECP/Group 19 DH_GROUP_CURVE25519/Group 31");
	ike_proposal_str(&o.prop[1], s, sizeof(s));
	assert_string_equal(s, " AES-CBC-256 AES-CBC-128 SHA256 SHA256 DH_GROUP_2048_MODP/Group 14");
	conf_free(c);
	fclose(err);
}

static void esp_round_trip_and_choices(void **state)
{
	struct conf_transform_set t = {
		.encr = IKE_ENCR_AES_CBC, .encr_bits = 256,
		.integ = IKE_INTEG_HMAC_SHA2_256_128,
	};
	struct conf_transform_set gcm = {
		.encr = IKE_ENCR_AES_GCM_16, .encr_bits = 128,
	};
	struct ike_proposal p;
	struct esp_choice ch;

	esp_tset_proposal(&t, 2, 0x12345678, 0, &p);
	assert_int_equal(p.proto, IKE_PROTO_ESP);
	assert_int_equal(p.spi_size, 4);
	assert_memory_equal(p.spi, "\x12\x34\x56\x78", 4);
	assert_true(esp_match_tset(&p, &t, 0, false, &ch));
	assert_int_equal(ch.encr_bits, 256);
	assert_int_equal(ch.integ, IKE_INTEG_HMAC_SHA2_256_128);
	assert_false(ch.esn);
	/* the other transform set does not match it */
	assert_false(esp_match_tset(&p, &gcm, 0, false, &ch));
	/* ESN as the peer's first choice is taken */
	p.tr[p.n - 1].id = IKE_ESN_YES;
	assert_true(esp_match_tset(&p, &t, 0, false, &ch));
	assert_true(ch.esn);
	/* PFS: the group must be there when a KE is exchanged */
	assert_false(esp_match_tset(&p, &t, IKE_DH_ECP_256, true, &ch));
	esp_tset_proposal(&t, 1, 1, IKE_DH_ECP_256, &p);
	assert_true(esp_match_tset(&p, &t, IKE_DH_ECP_256, true, &ch));
	/* integrity missing from a CBC proposal */
	esp_tset_proposal(&gcm, 1, 1, 0, &p);
	p.tr[0].id = IKE_ENCR_AES_CBC;
	p.tr[0].keybits = 256;
	assert_false(esp_match_tset(&p, &t, 0, false, &ch));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(picks_first_acceptable_in_peer_order),
		cmocka_unit_test(integrity_mismatch_fails),
		cmocka_unit_test(key_length_must_match),
		cmocka_unit_test(aead_needs_no_integrity),
		cmocka_unit_test(esp_or_unknown_attributes_refused),
		cmocka_unit_test(proposal_string_in_ios_order),
		cmocka_unit_test(our_proposals_follow_the_policy),
		cmocka_unit_test(esp_round_trip_and_choices),
	};

	return cmocka_run_group_tests_name("proposal", tests, NULL, NULL);
}
