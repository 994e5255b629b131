// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the show commands of the configuration (conf_show.c): the
 * defaults and a profile, as text and as JSON, and names that do not exist.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "conf_show.h"
#include "conf_spoke.h"
#include "conf_util.h"

/* The output of a show function into a string (freed by caller). */
static char *show(int (*fn)(FILE *, const struct conf *, const char *, bool),
		  const struct conf *c, const char *name, bool json, int *ret)
{
	char *buf = NULL;
	size_t len;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	*ret = fn(f, c, name, json);
	fclose(f);
	return buf;
}

/* ---- show ---- */

static void show_defaults(void **state)
{
	struct conf *c = cu_good("");
	char *s;
	int ret;

	s = show(conf_show_ikev2_proposal, c, "default", false, &ret);
	assert_int_equal(ret, 0);
	assert_non_null(strstr(s, " IKEv2 proposal: default\n"));
	assert_non_null(strstr(s, "     Encryption : AES-CBC-256 AES-CBC-192 "
				  "AES-CBC-128\n"));
	assert_non_null(strstr(s, "DH_GROUP_256_ECP/Group 19"));
	assert_null(strstr(s, "default-aead"));
	free(s);

	s = show(conf_show_ikev2_policy, c, NULL, false, &ret);
	assert_non_null(strstr(s, "IKEv2 policy : default\n"));
	assert_non_null(strstr(s, "      Match address local : any\n"));
	assert_non_null(strstr(s, "      Proposal    : default-aead\n"));
	free(s);

	s = show(conf_show_ipsec_transform_set, c, NULL, false, &ret);
	assert_non_null(strstr(s, "Transform set default: { esp-aes "
				  "esp-sha-hmac  }\n   will negotiate = { "
				  "Transport,  },\n"));
	assert_non_null(strstr(s, "Transform set default-gcm: { esp-gcm 256"));
	free(s);

	s = show(conf_show_ipsec_profile, c, NULL, false, &ret);
	assert_non_null(strstr(s, "IPSEC profile default\n"));
	assert_non_null(strstr(s, "Security association lifetime: 4608000 "
				  "kilobytes/3600 seconds\n"));
	assert_non_null(strstr(s, "PFS (Y/N): N\n"));
	assert_non_null(strstr(s, "          default:  { esp-aes "
				  "esp-sha-hmac  } ,\n"));
	free(s);

	s = show(conf_show_ipsec_profile, c, NULL, true, &ret);
	assert_int_equal(ret, 0);
	assert_non_null(strstr(s, "\"name\":\"default\",\"is_default\":true"));
	assert_non_null(strstr(s, "\"lifetime_kb\":4608000"));
	free(s);

	s = show(conf_show_ikev2_proposal, c, NULL, true, &ret);
	assert_non_null(strstr(s, "\"is_default\":true"));
	assert_non_null(strstr(s, "\"dh_groups\":[19,20,21,31,14,15,16]"));
	free(s);
	conf_free(c);
}

static void show_profile(void **state)
{
	struct conf *c = cu_good(spoke_conf);
	char *s;
	int ret;

	s = show(conf_show_ikev2_profile, c, "prof1", false, &ret);
	assert_int_equal(ret, 0);
	assert_non_null(strstr(s, "IKEv2 profile: prof1\n"));
	assert_non_null(strstr(s, "   address 198.51.100.1 "
				  "255.255.255.255\n"));
	assert_non_null(strstr(s, "   fqdn domain example.com\n"));
	assert_non_null(strstr(s, " Local identity: fqdn spoke1.example.com"));
	assert_non_null(strstr(s, " Keyring: ring1\n"));
	assert_non_null(strstr(s, " Lifetime: 3600 seconds\n"));
	assert_non_null(strstr(s, " DPD: interval 10, retry 3, on-demand\n"));
	assert_null(strstr(s, "cisco"));
	free(s);

	s = show(conf_show_ikev2_profile, c, NULL, true, &ret);
	assert_non_null(strstr(s, "\"keyring\":\"ring1\""));
	assert_non_null(strstr(s, "\"is_default\":false"));
	assert_null(strstr(s, "cisco"));
	free(s);
	conf_free(c);
}

static void show_unknown(void **state)
{
	struct conf *c = cu_good("");
	char *s;
	int ret;

	s = show(conf_show_ikev2_proposal, c, "nope", false, &ret);
	assert_int_equal(ret, -1);
	assert_string_equal(s, "% no such ikev2 proposal: nope\n");
	free(s);
	s = show(conf_show_ikev2_profile, c, "nope", false, &ret);
	assert_int_equal(ret, -1);
	assert_string_equal(s, "% no such ikev2 profile: nope\n");
	free(s);
	s = show(conf_show_ipsec_transform_set, c, "nope", true, &ret);
	assert_int_equal(ret, -1);
	assert_non_null(strstr(s, "\"error\""));
	free(s);
	/* no profiles at all and no name: nothing, and no error */
	s = show(conf_show_ikev2_profile, c, NULL, false, &ret);
	assert_int_equal(ret, 0);
	free(s);
	conf_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(show_defaults),
		cmocka_unit_test(show_profile),
		cmocka_unit_test(show_unknown),
	};

	return cmocka_run_group_tests_name("conf_show", tests, NULL, NULL);
}
