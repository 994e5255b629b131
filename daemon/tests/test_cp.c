// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the Configuration payload (cp.c): round trips of every CFG
 * type with every kind of attribute, what the builder refuses, unknown
 * attributes, the reserved bit, the maxima, and the comparison. Malformed
 * bodies, payloads as they are on the wire and the packet debug are in
 * test_cp_wire.c.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cp_util.h"

/* --- round trips --- */

/* A request asks for every kind: zero-length attributes, nothing else. */
static void request_round_trip(void **state)
{
	struct ike_cp cp;
	struct buf b;
	unsigned int k;

	memset(&cp, 0, sizeof(cp));
	cp.type = IKE_CFG_REQUEST;
	cp.asked = IKE_CP_ALL;
	assert_int_equal(cp_round_trip(&cp), 4 + 4 * IKE_CP_NKINDS);

	buf_init(&b);
	assert_int_equal(ike_cp_put(&b, &cp), 0);
	assert_int_equal(b.p[0], IKE_CFG_REQUEST);
	for (k = 0; k < IKE_CP_NKINDS; k++) {
		assert_int_equal(get16(b.p + 4 + 4 * k), ike_cp_kind_type(k));
		assert_int_equal(get16(b.p + 6 + 4 * k), 0);
	}
	buf_free(&b);

	/* and each kind alone */
	for (k = 0; k < IKE_CP_NKINDS; k++) {
		cp.asked = IKE_CP_BIT(k);
		assert_int_equal(cp_round_trip(&cp), 8);
	}
}

/* A request for a given address: values in a CFG_REQUEST. */
static void request_with_values(void **state)
{
	struct ike_cp cp;

	memset(&cp, 0, sizeof(cp));
	cp.type = IKE_CFG_REQUEST;
	cp.asked = IKE_CP_BIT(IKE_CP_IP4_DNS) | IKE_CP_BIT(IKE_CP_IP6_DNS);
	cp.n_ip4_addr = 1;
	cp.ip4_addr[0] = ip4("10.1.2.3");
	cp.n_ip6_addr = 1;
	cp.ip6_addr[0] = pfx6("2001:db8::5", 128);
	cp.app_version = (const uint8_t *)"flexsecd";
	cp.app_version_len = 8;
	assert_int_equal(cp_round_trip(&cp), 4 + 2 * 4 + 8 + 21 + 12);
}

static void reply_round_trip(void **state)
{
	struct ike_cp cp;

	full_reply(&cp);
	cp_round_trip(&cp);
	/* the same values with some kinds asked as well */
	cp.asked = IKE_CP_BIT(IKE_CP_IP4_ADDR) | IKE_CP_BIT(IKE_CP_DEF_DOMAIN);
	cp_round_trip(&cp);
}

static void set_ack_round_trip(void **state)
{
	struct ike_cp cp;

	full_reply(&cp);
	cp.type = IKE_CFG_SET;
	cp_round_trip(&cp);

	memset(&cp, 0, sizeof(cp));
	cp.type = IKE_CFG_ACK;
	cp.asked = IKE_CP_BIT(IKE_CP_IP4_ADDR) | IKE_CP_BIT(IKE_CP_IP4_MASK) |
		   IKE_CP_BIT(IKE_CP_IP4_SUBNET) |
		   IKE_CP_BIT(IKE_CP_IP6_SUBNET);
	assert_int_equal(cp_round_trip(&cp), 4 + 4 * 4);
	/* an empty ACK */
	cp.asked = 0;
	assert_int_equal(cp_round_trip(&cp), 4);
}

/* Every list full, every text at its longest. */
static void full_lists_round_trip(void **state)
{
	static uint8_t version[1000], domain[IKE_CP_MAX_DOMAIN];
	static struct ike_cp cp;
	unsigned int i;

	full_reply(&cp);
	memset(version, 'v', sizeof(version));
	memset(domain, 'd', sizeof(domain));
	cp.n_ip4_addr = cp.n_ip6_addr = IKE_CP_MAX_ADDRS;
	cp.n_dns4 = cp.n_nbns4 = cp.n_dhcp4 = IKE_CP_MAX_SERVERS;
	cp.n_dns6 = cp.n_dhcp6 = IKE_CP_MAX_SERVERS;
	cp.n_subnet4 = cp.n_subnet6 = IKE_CP_MAX_SUBNETS;
	for (i = 0; i < IKE_CP_MAX_SUBNETS; i++) {
		cp.subnet4[i].addr.s_addr = htonl(0x0a000000 + (i << 8));
		cp.subnet4[i].mask.s_addr = htonl(0xffffff00u << (i % 9));
		cp.subnet6[i] = pfx6("2001:db8::", (uint8_t)(i * 2));
		cp.subnet6[i].addr.s6_addr[15] = (uint8_t)i;
	}
	for (i = 0; i < IKE_CP_MAX_SERVERS; i++) {
		cp.dns4[i].s_addr = htonl(0xc0000200 + i);
		cp.dns6[i].s6_addr[15] = (uint8_t)i;
	}
	cp.n_supported = IKE_CP_MAX_SUPPORTED;
	for (i = 0; i < IKE_CP_MAX_SUPPORTED; i++)
		cp.supported[i] = (uint16_t)(i * 1000);
	cp.app_version = version;
	cp.app_version_len = sizeof(version);
	cp.def_domain = domain;
	cp.def_domain_len = sizeof(domain);
	cp.asked = IKE_CP_ALL;
	cp_round_trip(&cp);
}

/* Ways to spoil a valid structure, each one refused by the builder. */
static const char *const spoils[] = {
	"CFG type 0", "CFG type 5", "unknown asked bit", "too many DNS",
	"too many addresses", "too many subnets", "too many types",
	"netmask", "subnet mask", "IPv6 prefix", "IPv6 subnet", "version",
	"domain", "long domain",
};

static void spoil(struct ike_cp *c, unsigned int i)
{
	switch (i) {
	case 0:
		c->type = 0;
		break;
	case 1:
		c->type = 5;
		break;
	case 2:
		c->asked = 1u << IKE_CP_NKINDS;
		break;
	case 3:
		c->n_dns4 = IKE_CP_MAX_SERVERS + 1;
		break;
	case 4:
		c->n_ip6_addr = IKE_CP_MAX_ADDRS + 1;
		break;
	case 5:
		c->n_subnet4 = IKE_CP_MAX_SUBNETS + 1;
		break;
	case 6:
		c->n_supported = IKE_CP_MAX_SUPPORTED + 1;
		break;
	case 7:
		c->ip4_mask = ip4("255.0.255.0");
		break;
	case 8:
		c->subnet4[1].mask = ip4("0.0.0.255");
		break;
	case 9:
		c->ip6_addr[0].plen = 129;
		break;
	case 10:
		c->subnet6[2].plen = 255;
		break;
	case 11:
		c->app_version = NULL;
		break;
	case 12:
		c->def_domain = NULL;
		break;
	case 13:
		c->def_domain_len = IKE_CP_MAX_DOMAIN + 1;
		break;
	}
}

/* What ike_parse_cp could not give back is refused with EINVAL. */
static void build_refuses_invalid(void **state)
{
	static struct ike_cp cp;
	struct msg_builder mb;
	struct buf b;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(spoils); i++) {
		full_reply(&cp);
		spoil(&cp, i);
		mb_init(&mb);
		if (ike_add_cp(&mb, &cp) != -1)
			fail_msg("%s: built", spoils[i]);
		assert_int_equal(mb.b.err, EINVAL);
		assert_int_equal(mb.b.len, 0);
		mb_free(&mb);
		buf_init(&b);
		assert_int_equal(ike_cp_put(&b, &cp), -1);
		assert_int_equal(b.err, EINVAL);
		buf_free(&b);
	}
	/* a buffer already in error is left alone */
	full_reply(&cp);
	buf_init(&b);
	b.err = ENOMEM;
	assert_int_equal(ike_cp_put(&b, &cp), -1);
	assert_int_equal(b.err, ENOMEM);
	assert_int_equal(b.len, 0);
}

/* --- lenient parts --- */

/*
 * Unknown types (obsolete, reserved, private) are counted, never fail,
 * whatever their length; the known ones around them are kept.
 */
static void unknown_attributes_skipped(void **state)
{
	static const uint16_t types[] = {
		0, 5, 9, 11, 16, 19, 25, 16384, IKE_CFG_UNITY_BANNER,
		IKE_CFG_UNITY_SPLIT_INCLUDE, IKE_CFG_UNITY_BACKUP_SERVERS,
		23456, 0x7fff,
	};
	static struct raw r;
	uint8_t junk[300];
	struct ike_cp cp;
	unsigned int i;

	memset(junk, 0xee, sizeof(junk));
	raw_start(&r, IKE_CFG_REPLY);
	raw_attr(&r, IKE_CFG_INTERNAL_IP4_ADDRESS, "\x0a\x00\x00\x07", 4);
	for (i = 0; i < ARRAY_SIZE(types); i++) {
		raw_attr(&r, types[i], junk, (uint16_t)(i * 23 % 300));
		raw_attr(&r, types[i], NULL, 0);
	}
	raw_attr(&r, IKE_CFG_INTERNAL_IP4_DNS, "\x0a\x00\x00\x35", 4);
	parse_raw(&r, &cp);
	assert_int_equal(cp.type, IKE_CFG_REPLY);
	assert_int_equal(cp.n_unknown, 2 * ARRAY_SIZE(types));
	assert_int_equal(cp.n_dropped, 0);
	assert_int_equal(cp.asked, 0);
	assert_int_equal(cp.n_ip4_addr, 1);
	assert_int_equal(cp.ip4_addr[0].s_addr, ip4("10.0.0.7").s_addr);
	assert_int_equal(cp.n_dns4, 1);
	assert_int_equal(cp.dns4[0].s_addr, ip4("10.0.0.53").s_addr);
}

/*
 * The top bit of the type is reserved: ignored when parsing, never set
 * when building.
 */
static void reserved_bit(void **state)
{
	static struct raw r;
	struct ike_cp cp;
	struct buf b;
	size_t off;

	raw_start(&r, IKE_CFG_REPLY);
	raw_attr(&r, 0x8000 | IKE_CFG_INTERNAL_IP4_ADDRESS, "\x0a\0\0\x01", 4);
	raw_attr(&r, 0x8000 | IKE_CFG_INTERNAL_IP6_DNS, NULL, 0);
	raw_attr(&r, 0x8000 | IKE_CFG_UNITY_DEF_DOMAIN, "lab", 3);
	raw_attr(&r, 0x8000 | 16, "x", 1);
	parse_raw(&r, &cp);
	assert_int_equal(cp.n_ip4_addr, 1);
	assert_int_equal(cp.ip4_addr[0].s_addr, ip4("10.0.0.1").s_addr);
	assert_int_equal(cp.asked, IKE_CP_BIT(IKE_CP_IP6_DNS));
	assert_int_equal(cp.def_domain_len, 3);
	assert_memory_equal(cp.def_domain, "lab", 3);
	assert_int_equal(cp.n_unknown, 1);

	buf_init(&b);
	assert_int_equal(ike_cp_put(&b, &cp), 0);
	for (off = IKE_CP_HDR_LEN; off < b.len; off += 4 + get16(b.p + off + 2))
		assert_int_equal(b.p[off] & 0x80, 0);
	assert_int_equal(off, b.len);
	/* and the header's reserved bytes are written as zeros, ignored */
	assert_int_equal(b.p[1] | b.p[2] | b.p[3], 0);
	buf_free(&b);
	r.b[1] = 0xff;
	r.b[3] = 0x01;
	parse_raw(&r, &cp);
	assert_int_equal(cp.n_ip4_addr, 1);
}

/*
 * Beyond a list's maximum values are dropped and counted, as are second
 * values of single-valued kinds; the message is not refused.
 */
static void maxima_enforced(void **state)
{
	static struct raw r;
	static struct ike_cp cp;
	uint8_t v[17] = { 0 }, sup[2 * (IKE_CP_MAX_SUPPORTED + 8)] = { 0 };
	unsigned int i, drops = 0;

	raw_start(&r, IKE_CFG_REPLY);
	for (i = 0; i < IKE_CP_MAX_SERVERS + 4; i++) {
		v[3] = (uint8_t)i;
		raw_attr(&r, IKE_CFG_INTERNAL_IP4_DNS, v, 4);
		raw_attr(&r, IKE_CFG_INTERNAL_IP6_DNS, v, 16);
	}
	drops += 8;
	for (i = 0; i < IKE_CP_MAX_SUBNETS + 6; i++) {
		uint8_t s4[8] = { 10, (uint8_t)i, 0, 0, 255, 255, 0, 0 };

		v[16] = 64;
		raw_attr(&r, IKE_CFG_INTERNAL_IP4_SUBNET, s4, 8);
		raw_attr(&r, IKE_CFG_INTERNAL_IP6_SUBNET, v, 17);
	}
	drops += 12;
	for (i = 0; i < IKE_CP_MAX_ADDRS + 1; i++) {
		raw_attr(&r, IKE_CFG_INTERNAL_IP4_ADDRESS, v, 4);
		raw_attr(&r, IKE_CFG_INTERNAL_IP6_ADDRESS, v, 17);
	}
	drops += 2;
	raw_attr(&r, IKE_CFG_INTERNAL_IP4_NETMASK, "\xff\xff\xff\0", 4);
	raw_attr(&r, IKE_CFG_INTERNAL_IP4_NETMASK, "\xff\xff\0\0", 4);
	raw_attr(&r, IKE_CFG_APPLICATION_VERSION, "one", 3);
	raw_attr(&r, IKE_CFG_APPLICATION_VERSION, "two", 3);
	raw_attr(&r, IKE_CFG_UNITY_DEF_DOMAIN, "a.example", 9);
	raw_attr(&r, IKE_CFG_UNITY_DEF_DOMAIN, "b.example", 9);
	drops += 3;
	/* two SUPPORTED_ATTRIBUTES add up to 40 types */
	sup[1] = 1;
	raw_attr(&r, IKE_CFG_SUPPORTED_ATTRIBUTES, sup, 20);
	raw_attr(&r, IKE_CFG_SUPPORTED_ATTRIBUTES, sup, sizeof(sup) - 20);
	drops += 8;
	parse_raw(&r, &cp);
	assert_int_equal(cp.n_dns4, IKE_CP_MAX_SERVERS);
	assert_int_equal(cp.dns4[IKE_CP_MAX_SERVERS - 1].s_addr,
			 htonl(IKE_CP_MAX_SERVERS - 1));
	assert_int_equal(cp.n_dns6, IKE_CP_MAX_SERVERS);
	assert_int_equal(cp.n_subnet4, IKE_CP_MAX_SUBNETS);
	assert_int_equal(cp.subnet4[IKE_CP_MAX_SUBNETS - 1].addr.s_addr,
			 htonl(0x0a000000 | (IKE_CP_MAX_SUBNETS - 1) << 16));
	assert_int_equal(cp.n_subnet6, IKE_CP_MAX_SUBNETS);
	assert_int_equal(cp.subnet6[0].plen, 64);
	assert_int_equal(cp.n_ip4_addr, IKE_CP_MAX_ADDRS);
	assert_int_equal(cp.n_ip6_addr, IKE_CP_MAX_ADDRS);
	assert_true(cp.have_ip4_mask);
	assert_int_equal(cp.ip4_mask.s_addr, ip4("255.255.255.0").s_addr);
	assert_memory_equal(cp.app_version, "one", 3);
	assert_memory_equal(cp.def_domain, "a.example", 9);
	assert_int_equal(cp.n_supported, IKE_CP_MAX_SUPPORTED);
	assert_int_equal(cp.supported[0], 1);
	assert_int_equal(cp.supported[10], 1);
	assert_int_equal(cp.n_dropped, drops);
	assert_int_equal(cp.n_unknown, 0);
	/* what was kept builds and parses again */
	cp_round_trip(&cp);
}

/*
 * Zero-length attributes repeated ask once; an asked kind may also have
 * values.
 */
static void asked_and_values(void **state)
{
	static struct raw r;
	struct ike_cp cp;

	raw_start(&r, IKE_CFG_REQUEST);
	raw_attr(&r, IKE_CFG_INTERNAL_IP4_ADDRESS, NULL, 0);
	raw_attr(&r, IKE_CFG_INTERNAL_IP4_ADDRESS, NULL, 0);
	raw_attr(&r, IKE_CFG_INTERNAL_IP4_ADDRESS, "\x0a\0\0\x09", 4);
	raw_attr(&r, IKE_CFG_APPLICATION_VERSION, NULL, 0);
	raw_attr(&r, IKE_CFG_SUPPORTED_ATTRIBUTES, NULL, 0);
	parse_raw(&r, &cp);
	assert_int_equal(cp.asked, IKE_CP_BIT(IKE_CP_IP4_ADDR) |
				   IKE_CP_BIT(IKE_CP_APP_VERSION) |
				   IKE_CP_BIT(IKE_CP_SUPPORTED));
	assert_int_equal(cp.n_ip4_addr, 1);
	assert_int_equal(cp.app_version_len, 0);
	assert_int_equal(cp.n_supported, 0);
	assert_int_equal(cp.n_dropped, 0);
	cp_round_trip(&cp);
}

/* ike_cp_equal: texts by contents, padding and counters ignored. */
static void equality(void **state)
{
	static struct ike_cp a, b;
	char text[16];

	full_reply(&a);
	full_reply(&b);
	/* padding after a prefix length differs from a's */
	memset((uint8_t *)&b.subnet6[1] + 17, 0x77, sizeof(b.subnet6[1]) - 17);
	memcpy(text, "corp.example.com", 16);
	b.def_domain = (const uint8_t *)text;
	b.n_unknown = 3;
	b.n_dropped = 4;
	assert_true(ike_cp_equal(&a, &b));
	text[0] = 'C';
	assert_false(ike_cp_equal(&a, &b));
	text[0] = 'c';
	b.subnet6[1].plen = 49;
	assert_false(ike_cp_equal(&a, &b));
	b.subnet6[1].plen = 48;
	b.n_dns4 = 1;
	assert_false(ike_cp_equal(&a, &b));
	b.n_dns4 = 2;
	b.asked = 1;
	assert_false(ike_cp_equal(&a, &b));
	b.asked = 0;
	b.type = IKE_CFG_SET;
	assert_false(ike_cp_equal(&a, &b));
	b.type = IKE_CFG_REPLY;
	b.supported[6] = 16;
	assert_false(ike_cp_equal(&a, &b));
	b.supported[6] = 15;
	b.have_ip4_mask = false;
	assert_false(ike_cp_equal(&a, &b));
	b.have_ip4_mask = true;
	assert_true(ike_cp_equal(&a, &b));
}

static void attribute_walk(void **state)
{
	static const uint8_t body[] = {
		1, 0, 0, 0,
		0x80, 1, 0, 0,
		0, 7, 0, 3, 'a', 'b', 'c',
		0x70, 0x02, 0, 0,
	};
	struct ike_payload p = cp_body(body, sizeof(body));
	struct ike_cp_attr a;
	struct parse_err e;
	size_t off = IKE_CP_HDR_LEN;

	assert_int_equal(ike_cp_next_attr(&p, &off, &a, &e), 1);
	assert_int_equal(a.type, IKE_CFG_INTERNAL_IP4_ADDRESS);
	assert_int_equal(a.len, 0);
	assert_int_equal(ike_cp_next_attr(&p, &off, &a, &e), 1);
	assert_int_equal(a.type, IKE_CFG_APPLICATION_VERSION);
	assert_int_equal(a.len, 3);
	assert_ptr_equal(a.value, body + 12);
	assert_int_equal(ike_cp_next_attr(&p, &off, &a, &e), 1);
	assert_int_equal(a.type, IKE_CFG_UNITY_DEF_DOMAIN);
	assert_int_equal(ike_cp_next_attr(&p, &off, &a, &e), 0);
	assert_int_equal(off, sizeof(body));
	p.len--;
	off = sizeof(body) - 4;
	assert_int_equal(ike_cp_next_attr(&p, &off, &a, &e), -1);
	assert_string_equal(e.err, "truncated configuration attribute");
	assert_int_equal(ike_cp_kind_type(IKE_CP_DEF_DOMAIN), 28674);
	assert_int_equal(ike_cp_kind_type(IKE_CP_IP6_SUBNET), 15);
	assert_int_equal(ike_cp_kind_type(IKE_CP_NKINDS), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(request_round_trip),
		cmocka_unit_test(request_with_values),
		cmocka_unit_test(reply_round_trip),
		cmocka_unit_test(set_ack_round_trip),
		cmocka_unit_test(full_lists_round_trip),
		cmocka_unit_test(build_refuses_invalid),
		cmocka_unit_test(unknown_attributes_skipped),
		cmocka_unit_test(reserved_bit),
		cmocka_unit_test(maxima_enforced),
		cmocka_unit_test(asked_and_values),
		cmocka_unit_test(equality),
		cmocka_unit_test(attribute_walk),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
