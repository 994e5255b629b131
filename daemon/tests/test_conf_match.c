// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the matching helpers of flexsec.conf (conf_match.c):
 * identities and addresses against the rules, ID payloads, DN identities,
 * the profiles and policies for a peer, keyring lookups, and whether a
 * tunnel is the same in two configurations.
 */

#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "conf_spoke.h"
#include "conf_util.h"
#include "ike_proto.h"

static struct conf_addr addr(const char *s)
{
	struct conf_addr a;

	memset(&a, 0, sizeof(a));
	if (inet_pton(AF_INET, s, a.a) == 1) {
		a.family = AF_INET;
		a.plen = 32;
	} else {
		assert_int_equal(inet_pton(AF_INET6, s, a.a), 1);
		a.family = AF_INET6;
		a.plen = 128;
	}
	return a;
}

static struct conf_id id_of(enum conf_id_type type, const char *v)
{
	struct conf_id id;

	memset(&id, 0, sizeof(id));
	id.type = type;
	if (type == CONF_ID_ADDRESS)
		id.addr = addr(v);
	else
		snprintf(id.value, sizeof(id.value), "%s", v);
	return id;
}

/* ---- matching ---- */

static void id_match_domains(void **state)
{
	struct conf_id rule = id_of(CONF_ID_FQDN, "example.com");
	struct conf_id id;

	rule.domain = true;
	id = id_of(CONF_ID_FQDN, "r1.Example.COM");
	assert_true(conf_id_match(&rule, &id));
	id = id_of(CONF_ID_FQDN, "example.com");
	assert_true(conf_id_match(&rule, &id));
	id = id_of(CONF_ID_FQDN, "badexample.com");
	assert_false(conf_id_match(&rule, &id));
	id = id_of(CONF_ID_EMAIL, "r1@example.com");
	assert_false(conf_id_match(&rule, &id));	/* type differs */
	rule.domain = false;
	id = id_of(CONF_ID_FQDN, "r1.example.com");
	assert_false(conf_id_match(&rule, &id));

	rule = id_of(CONF_ID_EMAIL, "example.com");
	rule.domain = true;
	id = id_of(CONF_ID_EMAIL, "alice@example.com");
	assert_true(conf_id_match(&rule, &id));
	id = id_of(CONF_ID_EMAIL, "alice@mail.example.com");
	assert_true(conf_id_match(&rule, &id));
	id = id_of(CONF_ID_EMAIL, "alice@example.org");
	assert_false(conf_id_match(&rule, &id));
	rule = id_of(CONF_ID_EMAIL, "alice@example.com");
	id = id_of(CONF_ID_EMAIL, "alice@EXAMPLE.com");
	assert_true(conf_id_match(&rule, &id));
	id = id_of(CONF_ID_EMAIL, "Alice@example.com");
	assert_false(conf_id_match(&rule, &id));

	rule = id_of(CONF_ID_KEY_ID, "abc");
	id = id_of(CONF_ID_KEY_ID, "abc");
	assert_true(conf_id_match(&rule, &id));
	id = id_of(CONF_ID_KEY_ID, "ABC");
	assert_false(conf_id_match(&rule, &id));
}

static void addr_match_subnets(void **state)
{
	struct conf_addr net = addr("10.1.0.0"), a = addr("10.1.255.7");
	struct conf_id rule, id;
	char buf[64];

	net.plen = 16;
	assert_true(conf_addr_match(&net, &a));
	a = addr("10.2.0.1");
	assert_false(conf_addr_match(&net, &a));
	net.plen = 0;
	assert_true(conf_addr_match(&net, &a));
	a = addr("2001:db8::1");
	assert_false(conf_addr_match(&net, &a));	/* family */
	net = addr("2001:db8::");
	net.plen = 33;
	assert_true(conf_addr_match(&net, &a));
	a = addr("2001:db8:8000::1");
	assert_false(conf_addr_match(&net, &a));
	assert_string_equal(conf_addr_str(&net, buf, sizeof(buf)),
			    "2001:db8::/33");

	rule = id_of(CONF_ID_ADDRESS, "192.0.2.0");
	rule.addr.plen = 24;
	id = id_of(CONF_ID_ADDRESS, "192.0.2.99");
	assert_true(conf_id_match(&rule, &id));
	id = id_of(CONF_ID_ADDRESS, "192.0.3.1");
	assert_false(conf_id_match(&rule, &id));
}

static void id_payloads(void **state)
{
	static const uint8_t v4[] = { 192, 0, 2, 1 };
	struct conf_id id;
	char buf[300];

	assert_int_equal(conf_id_from_payload(IKE_ID_IPV4_ADDR, v4, 4, &id),
			 0);
	assert_string_equal(conf_id_str(&id, buf, sizeof(buf)), "192.0.2.1");
	assert_int_equal(conf_id_from_payload(IKE_ID_IPV4_ADDR, v4, 3, &id),
			 -1);
	assert_int_equal(conf_id_from_payload(IKE_ID_FQDN,
					      (const uint8_t *)"r1.example.com",
					      14, &id), 0);
	assert_string_equal(conf_id_str(&id, buf, sizeof(buf)),
			    "fqdn r1.example.com");
	assert_int_equal(conf_id_from_payload(IKE_ID_RFC822_ADDR,
					      (const uint8_t *)"a@b", 3, &id),
			 0);
	assert_int_equal(id.type, CONF_ID_EMAIL);
	assert_int_equal(conf_id_from_payload(IKE_ID_FQDN,
					      (const uint8_t *)"a\0b", 3, &id),
			 -1);
	assert_int_equal(conf_id_from_payload(IKE_ID_KEY_ID,
					      (const uint8_t *)"", 0, &id), -1);
	assert_int_equal(conf_id_from_payload(IKE_ID_DER_ASN1_DN, v4, 4, &id),
			 -1);
}

static const char overlap_conf[] =
	"crypto ikev2 keyring k\n"
	"crypto ikev2 profile by-domain\n"
	" match identity remote fqdn domain example.com\n"
	" authentication local pre-share\n"
	" authentication remote pre-share\n"
	" keyring local k\n"
	"crypto ikev2 profile by-name\n"
	" match identity remote fqdn r1.example.com\n"
	" authentication local pre-share\n"
	" authentication remote pre-share\n"
	" keyring local k\n"
	"crypto ikev2 profile by-local\n"
	" match identity remote fqdn r1.example.com\n"
	" match identity local address 192.0.2.1\n"
	" authentication local pre-share\n"
	" authentication remote pre-share\n"
	" keyring local k\n"
	"crypto ikev2 profile by-subnet\n"
	" match identity remote address 10.0.0.0 255.0.0.0\n"
	" authentication local pre-share\n"
	" authentication remote pre-share\n"
	" keyring local k\n"
	"crypto ikev2 policy local1\n"
	" proposal default\n"
	" match address local 192.0.2.1\n"
	"crypto ikev2 policy anywhere\n"
	" proposal default\n";

static void profiles_overlap(void **state)
{
	struct conf *c = cu_good(overlap_conf);
	const struct conf_profile *out[8];
	const struct conf_policy *po[8];
	struct conf_id r = id_of(CONF_ID_FQDN, "r1.example.com");
	struct conf_id l = id_of(CONF_ID_ADDRESS, "192.0.2.1");
	struct conf_addr la;

	assert_int_equal(conf_profiles_matching(c, &r, NULL, out, 8), 2);
	assert_string_equal(out[0]->name, "by-domain");
	assert_string_equal(out[1]->name, "by-name");
	assert_int_equal(conf_profiles_matching(c, &r, &l, out, 8), 3);
	assert_int_equal(conf_profiles_matching(c, &r, &l, out, 1), 1);
	r = id_of(CONF_ID_FQDN, "r2.example.com");
	assert_int_equal(conf_profiles_matching(c, &r, &l, out, 8), 1);
	r = id_of(CONF_ID_ADDRESS, "10.9.8.7");
	assert_int_equal(conf_profiles_matching(c, &r, NULL, out, 8), 1);
	assert_string_equal(out[0]->name, "by-subnet");
	r = id_of(CONF_ID_ADDRESS, "11.0.0.1");
	assert_int_equal(conf_profiles_matching(c, &r, NULL, out, 8), 0);

	/* the policy of the address first, then those for any */
	la = addr("192.0.2.1");
	assert_int_equal(conf_policies_for(c, &la, po, 8), 2);
	assert_string_equal(po[0]->name, "local1");
	assert_string_equal(po[1]->name, "anywhere");
	la = addr("192.0.2.2");
	assert_int_equal(conf_policies_for(c, &la, po, 8), 1);
	assert_string_equal(po[0]->name, "anywhere");
	conf_free(c);
}

static const char keyring_conf[] =
	"crypto ikev2 keyring k\n"
	" peer wild\n"
	"  address 0.0.0.0 0.0.0.0\n"
	"  pre-shared-key wild\n"
	" peer net\n"
	"  address 192.0.2.0 255.255.255.0\n"
	"  pre-shared-key net\n"
	" peer host\n"
	"  address 192.0.2.7\n"
	"  pre-shared-key host\n"
	" peer byid\n"
	"  identity fqdn r1.example.com\n"
	"  pre-shared-key byid\n"
	" peer bydomain\n"
	"  identity fqdn domain example.com\n"
	"  pre-shared-key bydomain\n"
	" peer byname\n"
	"  hostname r9.example.net\n"
	"  pre-shared-key byname\n"
	" peer ascii\n"
	"  address 203.0.113.1\n"
	"  pre-shared-key cisco\n"
	" peer hex\n"
	"  address 203.0.113.2\n"
	"  pre-shared-key hex 636973636f\n"
	" peer HEX\n"
	"  address 203.0.113.3\n"
	"  pre-shared-key 0 hex 636973636F\n";

static void keyring_lookup(void **state)
{
	struct conf *c = cu_good(keyring_conf);
	const struct conf_keyring *kr = &c->keyrings[0];
	const struct conf_keyring_peer *kp, *kh;
	struct conf_addr a = addr("192.0.2.7");
	struct conf_id id;

	assert_string_equal(conf_keyring_lookup(kr, &a, NULL)->name, "host");
	a = addr("192.0.2.8");
	assert_string_equal(conf_keyring_lookup(kr, &a, NULL)->name, "net");
	a = addr("198.51.100.1");
	assert_string_equal(conf_keyring_lookup(kr, &a, NULL)->name, "wild");
	/* an identity is more specific than "every address" */
	id = id_of(CONF_ID_FQDN, "r1.example.com");
	assert_string_equal(conf_keyring_lookup(kr, &a, &id)->name, "byid");
	id = id_of(CONF_ID_FQDN, "r2.example.com");
	assert_string_equal(conf_keyring_lookup(kr, &a, &id)->name,
			    "bydomain");
	id = id_of(CONF_ID_FQDN, "r9.example.net");
	assert_string_equal(conf_keyring_lookup(kr, NULL, &id)->name,
			    "byname");
	id = id_of(CONF_ID_FQDN, "nobody.example.org");
	assert_null(conf_keyring_lookup(kr, NULL, &id));
	a = addr("2001:db8::1");
	assert_null(conf_keyring_lookup(kr, &a, NULL));

	/* "cisco" and hex 636973636f are the same key */
	a = addr("203.0.113.1");
	kp = conf_keyring_lookup(kr, &a, NULL);
	a = addr("203.0.113.2");
	kh = conf_keyring_lookup(kr, &a, NULL);
	assert_int_equal(kp->psk_local_len, kh->psk_local_len);
	assert_memory_equal(kp->psk_local, kh->psk_local, kp->psk_local_len);
	assert_memory_equal(kp->psk_remote, kh->psk_remote, 5);
	a = addr("203.0.113.3");
	kh = conf_keyring_lookup(kr, &a, NULL);
	assert_memory_equal(kh->psk_local, "cisco", 5);
	conf_free(c);
}

static const char v6_conf[] =
	"crypto ikev2 keyring k\n"
	" peer v4\n"
	"  address 0.0.0.0 0.0.0.0\n"
	"  pre-shared-key v4\n"
	" peer net6\n"
	"  address 2001:db8::/32\n"
	"  pre-shared-key net6\n"
	" peer host6\n"
	"  address 2001:db8::7/128\n"
	"  pre-shared-key host6\n"
	"crypto ikev2 profile p6\n"
	" match identity remote address 2001:db8::/32\n"
	" identity local address 2001:db8::1\n"
	" authentication local pre-share\n"
	" authentication remote pre-share\n"
	" keyring local k\n";

/* IPv6 prefixes in a keyring and in match identity; ID_IPV6_ADDR. */
static void ipv6_identities(void **state)
{
	static const uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 9 };
	struct conf *c = cu_good(v6_conf);
	const struct conf_keyring *kr = &c->keyrings[0];
	const struct conf_profile *out[2];
	struct conf_addr a = addr("2001:db8::7");
	struct conf_id id;
	char buf[64];

	assert_string_equal(conf_keyring_lookup(kr, &a, NULL)->name, "host6");
	a = addr("2001:db8:ffff::1");
	assert_string_equal(conf_keyring_lookup(kr, &a, NULL)->name, "net6");
	a = addr("2001:db9::1");
	assert_null(conf_keyring_lookup(kr, &a, NULL));
	a = addr("192.0.2.1");
	assert_string_equal(conf_keyring_lookup(kr, &a, NULL)->name, "v4");

	assert_int_equal(conf_id_from_payload(IKE_ID_IPV6_ADDR, v6, 16, &id),
			 0);
	assert_int_equal(id.type, CONF_ID_ADDRESS);
	assert_int_equal(id.addr.family, AF_INET6);
	assert_string_equal(conf_id_str(&id, buf, sizeof(buf)), "2001:db8::9");
	assert_int_equal(conf_id_from_payload(IKE_ID_IPV6_ADDR, v6, 4, &id),
			 -1);
	assert_int_equal(conf_id_from_payload(IKE_ID_IPV6_ADDR, v6, 16, &id),
			 0);
	assert_int_equal(conf_profiles_matching(c, &id, NULL, out, 2), 1);
	id = id_of(CONF_ID_ADDRESS, "2001:db9::1");
	assert_int_equal(conf_profiles_matching(c, &id, NULL, out, 2), 0);
	assert_int_equal(c->profiles[0].identity_local.addr.family, AF_INET6);
	conf_free(c);
}

static void tunnel_same(void **state)
{
	struct conf *a = cu_good(spoke_conf), *b;
	char *text = malloc(sizeof(spoke_conf) + 64), *s;

	b = cu_good(spoke_conf);
	assert_true(conf_tunnel_same(a, conf_tunnel(b, "Tunnel0"), b));
	conf_free(b);

	/* a description does not count */
	strcpy(text, spoke_conf);
	s = strstr(text, " description hub\n");
	memcpy(s, " description HUB\n", 17);
	b = cu_good(text);
	assert_true(conf_tunnel_same(a, conf_tunnel(b, "Tunnel0"), b));
	conf_free(b);

	/* the key behind the tunnel does, with T from either side */
	strcpy(text, spoke_conf);
	s = strstr(text, "pre-shared-key cisco");
	memcpy(s, "pre-shared-key cisko", 20);
	b = cu_good(text);
	assert_false(conf_tunnel_same(a, conf_tunnel(b, "Tunnel0"), b));
	assert_false(conf_tunnel_same(a, conf_tunnel(a, "Tunnel0"), b));
	assert_true(conf_tunnel_same(a, conf_tunnel(a, "Tunnel0"), NULL));
	conf_free(b);

	/* and so does the transform set */
	strcpy(text, spoke_conf);
	s = strstr(text, "esp-gcm 256");
	memcpy(s, "esp-gcm 128", 11);
	b = cu_good(text);
	assert_false(conf_tunnel_same(a, conf_tunnel(b, "Tunnel0"), b));
	conf_free(b);

	b = cu_good("interface Tunnel0\n");
	assert_false(conf_tunnel_same(a, conf_tunnel(b, "Tunnel0"), b));
	conf_free(b);
	b = cu_good("interface Tunnel9\n");
	assert_false(conf_tunnel_same(a, conf_tunnel(b, "Tunnel9"), b));
	conf_free(b);
	free(text);
	conf_free(a);
}

static void dn_identities(void **state)
{
	static const char good[] =
		"crypto ikev2 keyring K\n"
		" peer P\n"
		"  address 192.0.2.2\n"
		"  pre-shared-key k\n"
		"crypto ikev2 profile P\n"
		" match identity remote dn CN=sw,O=lab\n"
		" identity local dn CN=fx,O=lab\n"
		" authentication local pre-share\n"
		" authentication remote pre-share\n"
		" keyring local K\n";
	static const char bad[] =
		"crypto ikev2 profile P\n"
		" identity local dn nonsense\n";
	const struct conf_profile *pf;
	struct conf_id id;
	uint8_t der[256];
	struct conf *c;
	FILE *err = fopen("/dev/null", "w");
	int n;

	n = conf_dn_der("CN=gw1,O=Example Corp", der, sizeof(der));
	assert_true(n > 10);
	assert_int_equal(conf_id_from_payload(9, der, (size_t)n, &id), 0);
	assert_int_equal(id.type, CONF_ID_DN);
	assert_string_equal(id.value, "CN=gw1,O=Example Corp");
	assert_true(conf_dn_der("nonsense", der, sizeof(der)) < 0);
	assert_true(conf_id_from_payload(9, der, 3, &id) < 0);

	c = conf_parse_string(good, sizeof(good) - 1, "dn.conf", err);
	assert_non_null(c);
	pf = conf_profile(c, "P");
	assert_non_null(pf);
	assert_int_equal(pf->identity_local.type, CONF_ID_DN);
	assert_string_equal(pf->identity_local.value, "CN=fx,O=lab");
	n = conf_dn_der("CN=sw, O=lab", der, sizeof(der));
	assert_int_equal(conf_id_from_payload(9, der, (size_t)n, &id), 0);
	assert_true(conf_id_match(&pf->match_remote[0], &id));
	conf_free(c);
	assert_null(conf_parse_string(bad, sizeof(bad) - 1, "bad.conf", err));
	fclose(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dn_identities),
		cmocka_unit_test(id_match_domains),
		cmocka_unit_test(addr_match_subnets),
		cmocka_unit_test(id_payloads),
		cmocka_unit_test(profiles_overlap),
		cmocka_unit_test(keyring_lookup),
		cmocka_unit_test(ipv6_identities),
		cmocka_unit_test(tunnel_same),
	};

	return cmocka_run_group_tests_name("conf_match", tests, NULL, NULL);
}
