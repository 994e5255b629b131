// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of name manglers: "crypto ikev2 name-mangler NAME" parsed,
 * and the name each form makes of an identity (fqdn, email, dn, eap), or
 * none for an identity of a kind it has no line for.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "conf_util.h"
#include "mangler.h"

static const char text[] =
	"crypto ikev2 name-mangler HOST\n"
	" fqdn hostname\n"
	" email username\n"
	" dn common-name\n"
	" eap prefix delimiter @\n"
	"crypto ikev2 name-mangler DOMAIN\n"
	" fqdn domain\n"
	" email domain\n"
	" dn domain\n"
	" eap suffix delimiter \\\n"
	"crypto ikev2 name-mangler ALL\n"
	" fqdn all\n"
	" email all\n"
	" eap all\n"
	"crypto ikev2 name-mangler ORG\n"
	" dn organization\n"
	" dn organization-unit\n"
	"crypto ikev2 name-mangler C\n"
	" dn country\n"
	"crypto ikev2 name-mangler EMPTY\n";

static struct conf *c;
static char buf[256];

static int setup(void **state)
{
	c = cu_good(text);
	return c ? 0 : -1;
}

static int teardown(void **state)
{
	conf_free(c);
	return 0;
}

static const char *mangle(const char *m, enum conf_id_type type,
			  const char *value)
{
	struct conf_id id = { .type = type };

	snprintf(id.value, sizeof(id.value), "%s", value);
	return mangler_name(c, m, &id, buf, sizeof(buf));
}

static void expect(const char *got, const char *want)
{
	if (!want)
		assert_null(got);
	else
		assert_string_equal(got, want);
}

static void parsed(void **state)
{
	const struct conf_mangler *m = conf_mangler(c, "HOST");

	assert_int_equal(c->n_manglers, 6);
	assert_non_null(m);
	assert_int_equal(m->line, 1);
	assert_int_equal(m->fqdn, MANGLE_HEAD);
	assert_int_equal(m->email, MANGLE_HEAD);
	assert_int_equal(m->dn, MANGLE_DN_CN);
	assert_int_equal(m->eap, MANGLE_HEAD);
	assert_int_equal(m->eap_delim, '@');
	m = conf_mangler(c, "DOMAIN");
	assert_int_equal(m->eap, MANGLE_TAIL);
	assert_int_equal(m->eap_delim, '\\');
	/* the later dn line replaces the earlier */
	assert_int_equal(conf_mangler(c, "ORG")->dn, MANGLE_DN_OU);
	assert_null(conf_mangler(c, "NOPE"));
	assert_null(conf_mangler(c, "host"));
	assert_string_equal(mangler_dn_word(MANGLE_DN_OU),
			    "organization-unit");
}

static void fqdn(void **state)
{
	expect(mangle("HOST", CONF_ID_FQDN, "spoke1.branch.example"),
	       "spoke1");
	expect(mangle("DOMAIN", CONF_ID_FQDN, "spoke1.branch.example"),
	       "branch.example");
	expect(mangle("ALL", CONF_ID_FQDN, "spoke1.branch.example"),
	       "spoke1.branch.example");
	/* no dot: all of it is the host name, and there is no domain */
	expect(mangle("HOST", CONF_ID_FQDN, "spoke1"), "spoke1");
	expect(mangle("DOMAIN", CONF_ID_FQDN, "spoke1"), NULL);
	expect(mangle("DOMAIN", CONF_ID_FQDN, "spoke1."), NULL);
	expect(mangle("ORG", CONF_ID_FQDN, "spoke1.example"), NULL);
}

static void email(void **state)
{
	expect(mangle("HOST", CONF_ID_EMAIL, "alice@corp.example"), "alice");
	expect(mangle("DOMAIN", CONF_ID_EMAIL, "alice@corp.example"),
	       "corp.example");
	expect(mangle("ALL", CONF_ID_EMAIL, "alice@corp.example"),
	       "alice@corp.example");
	expect(mangle("DOMAIN", CONF_ID_EMAIL, "alice"), NULL);
	expect(mangle("HOST", CONF_ID_EMAIL, "@corp.example"), NULL);
	expect(mangle("C", CONF_ID_EMAIL, "alice@corp.example"), NULL);
}

static void dn(void **state)
{
	static const char id[] =
		"C=US,ST=CA,L=San Jose,O=Example Inc,OU=VPN,CN=spoke1,"
		"DC=branch,DC=example";

	expect(mangle("HOST", CONF_ID_DN, id), "spoke1");
	expect(mangle("DOMAIN", CONF_ID_DN, id), "branch.example");
	expect(mangle("ORG", CONF_ID_DN, id), "VPN");
	expect(mangle("C", CONF_ID_DN, id), "US");
	/* blanks around the fields, as a configured DN may have them */
	expect(mangle("HOST", CONF_ID_DN, "O=Example, CN = gw1 "), "gw1");
	/* no such field; a mangler without a dn line */
	expect(mangle("HOST", CONF_ID_DN, "O=Example,C=US"), NULL);
	expect(mangle("ALL", CONF_ID_DN, id), NULL);
	/* CN is no prefix of C's field name, nor C of CN's */
	expect(mangle("C", CONF_ID_DN, "CN=x,CO=y"), NULL);
}

static void eap(void **state)
{
	const struct conf_mangler *h = conf_mangler(c, "HOST");
	const struct conf_mangler *d = conf_mangler(c, "DOMAIN");
	const struct conf_mangler *a = conf_mangler(c, "ALL");

	expect(mangler_eap(h, "bob@corp.example", buf, sizeof(buf)), "bob");
	expect(mangler_eap(a, "bob@corp.example", buf, sizeof(buf)),
	       "bob@corp.example");
	expect(mangler_eap(d, "CORP\\bob", buf, sizeof(buf)), "bob");
	expect(mangler_eap(d, "bob", buf, sizeof(buf)), NULL);
	expect(mangler_eap(conf_mangler(c, "ORG"), "bob", buf, sizeof(buf)),
	       NULL);
}

/* Addresses and key-ids make no name; nor does an empty mangler. */
static void no_name(void **state)
{
	struct conf_id id = { .type = CONF_ID_ADDRESS };

	id.addr.family = AF_INET;
	assert_null(mangler_name(c, "ALL", &id, buf, sizeof(buf)));
	expect(mangle("ALL", CONF_ID_KEY_ID, "k1"), NULL);
	expect(mangle("EMPTY", CONF_ID_FQDN, "a.b"), NULL);
	expect(mangle("NOPE", CONF_ID_FQDN, "a.b"), NULL);
	/* too long for the buffer */
	assert_null(mangler_name(c, "ALL", &(struct conf_id){
		.type = CONF_ID_FQDN, .value = "spoke1.example" }, buf, 4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parsed),
		cmocka_unit_test(fqdn),
		cmocka_unit_test(email),
		cmocka_unit_test(dn),
		cmocka_unit_test(eap),
		cmocka_unit_test(no_name),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
