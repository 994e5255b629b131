// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the smart defaults of flexsec.conf (conf.c): what an empty
 * file configures, and a file that redefines "default".
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "conf_util.h"
#include "ike_proto.h"

/* ---- smart defaults ---- */

static void smart_defaults(void **state)
{
	struct conf *c = cu_good("");
	const struct conf_proposal *pr;
	const struct conf_policy *po[4];
	const struct conf_ipsec_profile *ip;
	const struct conf_transform_set *ts;

	pr = conf_proposal(c, "default");
	assert_non_null(pr);
	assert_true(pr->is_default);
	assert_int_equal(pr->encr[0], IKE_ENCR_AES_CBC);
	assert_int_equal(pr->encr_bits[0], 256);
	assert_int_equal(pr->integ[0], IKE_INTEG_HMAC_SHA2_512_256);
	assert_int_equal(pr->group[0], IKE_DH_ECP_256);
	pr = conf_proposal(c, "default-aead");
	assert_non_null(pr);
	assert_true(pr->is_default);
	assert_int_equal(pr->n_integ, 0);
	assert_true(pr->n_prf > 0);

	assert_int_equal(conf_policies_for(c, NULL, po, 4), 1);
	assert_true(po[0]->is_default);
	assert_int_equal(po[0]->n_proposals, 2);

	ts = conf_tset(c, "default");
	assert_non_null(ts);
	assert_true(ts->is_default);
	assert_int_equal(ts->encr, IKE_ENCR_AES_CBC);
	assert_int_equal(ts->encr_bits, 128);
	assert_int_equal(ts->integ, IKE_INTEG_HMAC_SHA1_96);
	assert_int_equal(ts->mode, CONF_MODE_TRANSPORT);
	assert_non_null(conf_tset(c, "default-gcm"));

	ip = conf_ipsec_profile(c, "default");
	assert_non_null(ip);
	assert_true(ip->is_default);
	assert_int_equal(ip->lifetime_kb, 4608000);
	assert_int_equal(ip->lifetime_sec, 3600);
	assert_int_equal(ip->replay_window, 64);
	assert_int_equal(ip->pfs_group, 0);
	assert_null(ip->prof);
	assert_int_equal(ip->n_tsets, 2);

	assert_int_equal(c->g.window, 5);
	assert_int_equal(c->g.retransmit_count, 5);
	assert_int_equal(c->g.retransmit_timeout_ms, 1000);
	assert_int_equal(c->g.half_open_timeout, 30);
	assert_int_equal(c->g.max_in_negotiation_in, 40);
	assert_int_equal(c->g.max_in_negotiation_out, 400);
	assert_int_equal(c->g.diag_max, 50);
	assert_int_equal(c->g.replay_window, 64);
	conf_free(c);
}

/* A file that changes "default" decides alone what the policy offers. */
static void default_redefined(void **state)
{
	struct conf *c = cu_good("crypto ikev2 proposal default\n"
			      " encryption aes-cbc-128\n"
			      " integrity sha256\n"
			      " group 14\n"
			      "crypto ikev2 profile default\n"
			      " match identity remote any\n"
			      " authentication local pre-share\n"
			      " authentication remote pre-share\n"
			      " keyring local k\n"
			      "crypto ikev2 keyring k\n"
			      "crypto ipsec security-association replay "
			      "disable\n"
			      "crypto ipsec security-association lifetime "
			      "seconds 7200\n");
	const struct conf_policy *po[4];
	const struct conf_ipsec_profile *ip;

	assert_null(conf_proposal(c, "default-aead"));
	assert_false(conf_proposal(c, "default")->is_default);
	assert_int_equal(conf_policies_for(c, NULL, po, 4), 1);
	assert_int_equal(po[0]->n_proposals, 1);
	ip = conf_ipsec_profile(c, "default");
	assert_ptr_equal(ip->prof, conf_profile(c, "default"));
	assert_int_equal(ip->replay_window, 0);
	assert_int_equal(ip->lifetime_sec, 7200);
	conf_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(smart_defaults),
		cmocka_unit_test(default_redefined),
	};

	return cmocka_run_group_tests_name("conf_defaults", tests, NULL, NULL);
}
