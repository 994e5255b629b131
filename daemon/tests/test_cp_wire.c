// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the Configuration payload as bytes (cp.c, and its packet
 * debug in msg_print.c): malformed bodies, each failing with
 * INVALID_SYNTAX; requests and a reply put together by hand from the
 * formats of RFC 7296 3.15; the lines printed for them.
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

/* --- malformed --- */

struct bad {
	const char *name;
	const uint8_t *b;
	size_t len;
	const char *err;
};

#define BAD(n, e, ...) { n, (const uint8_t[]){ __VA_ARGS__ },		\
			 sizeof((const uint8_t[]){ __VA_ARGS__ }), e }

#define E_IP4A	"INTERNAL_IP4_ADDRESS length not 0 or 4"
#define E_MASK	"INTERNAL_IP4_NETMASK length not 0 or 4"
#define E_SUB4	"INTERNAL_IP4_SUBNET length not 0 or 8"
#define E_IP6A	"INTERNAL_IP6_ADDRESS length not 0 or 17"
#define E_SUB6	"INTERNAL_IP6_SUBNET length not 0 or 17"
#define E_PLEN	"INTERNAL_IP6_ADDRESS prefix length over 128"
#define E_SPLEN	"INTERNAL_IP6_SUBNET prefix length over 128"

static const struct bad bad_cases[] = {
	{ "empty", (const uint8_t *)"", 0, "truncated CP payload" },
	BAD("short header", "truncated CP payload", 1, 0, 0),
	BAD("CFG type 0", "unknown CFG type", 0, 0, 0, 0),
	BAD("CFG type 5", "unknown CFG type", 5, 0, 0, 0),
	BAD("CFG type 255", "unknown CFG type", 255, 0, 0, 0, 0, 1, 0, 0),
	BAD("truncated attribute header", "truncated configuration attribute",
	    1, 0, 0, 0, 0, 1, 0),
	BAD("attribute after a good one truncated",
	    "truncated configuration attribute", 1, 0, 0, 0, 0, 1, 0, 0, 0),
	BAD("attribute overruns", "configuration attribute runs past the payload",
	    2, 0, 0, 0, 0, 1, 0, 4, 10, 0, 0),
	BAD("attribute overruns by far",
	    "configuration attribute runs past the payload",
	    2, 0, 0, 0, 0, 7, 0xff, 0xff, 'a'),
	BAD("unknown attribute overruns",
	    "configuration attribute runs past the payload",
	    2, 0, 0, 0, 0x40, 0, 0, 1),
	BAD("IPv4 address of 3", E_IP4A, 2, 0, 0, 0, 0, 1, 0, 3, 1, 2, 3),
	BAD("IPv4 address of 5", E_IP4A, 2, 0, 0, 0, 0, 1, 0, 5, 1, 2, 3, 4, 5),
	BAD("netmask of 2", E_MASK, 2, 0, 0, 0, 0, 2, 0, 2, 255, 255),
	BAD("netmask not contiguous", "INTERNAL_IP4_NETMASK not contiguous",
	    2, 0, 0, 0, 0, 2, 0, 4, 255, 0, 255, 0),
	BAD("DNS of 8", "INTERNAL_IP4_DNS length not 0 or 4",
	    2, 0, 0, 0, 0, 3, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8),
	BAD("NBNS of 1", "INTERNAL_IP4_NBNS length not 0 or 4",
	    2, 0, 0, 0, 0, 4, 0, 1, 1),
	BAD("IPv6 DNS of 4", "INTERNAL_IP6_DNS length not 0 or 16",
	    2, 0, 0, 0, 0, 10, 0, 4, 1, 2, 3, 4),
	BAD("IPv4 subnet of 4", E_SUB4, 2, 0, 0, 0, 0, 13, 0, 4, 10, 0, 0, 0),
	BAD("IPv4 subnet mask with a hole",
	    "INTERNAL_IP4_SUBNET netmask not contiguous",
	    2, 0, 0, 0, 0, 13, 0, 8, 10, 0, 0, 0, 255, 0, 255, 0),
	BAD("IPv4 subnet mask backwards",
	    "INTERNAL_IP4_SUBNET netmask not contiguous",
	    2, 0, 0, 0, 0, 13, 0, 8, 10, 0, 0, 0, 0, 255, 255, 255),
	BAD("IPv4 subnet mask one bit off",
	    "INTERNAL_IP4_SUBNET netmask not contiguous",
	    2, 0, 0, 0, 0, 13, 0, 8, 10, 0, 0, 0, 255, 255, 255, 253),
	BAD("supported attributes of 3", "SUPPORTED_ATTRIBUTES length odd",
	    2, 0, 0, 0, 0, 14, 0, 3, 0, 1, 0),
	BAD("bad after good", E_IP4A,
	    2, 0, 0, 0, 0, 1, 0, 4, 10, 0, 0, 1, 0, 3, 0, 0, 0, 1, 0, 2, 1, 2),
	BAD("reserved bit does not hide a wrong length", E_IP4A,
	    2, 0, 0, 0, 0x80, 1, 0, 2, 1, 2),
};

static void check_bad(const char *name, const uint8_t *b, size_t len,
		      const char *err)
{
	struct ike_payload p = cp_body(b, len);
	struct parse_err e = { NULL, 0xffff, 0xff };
	static struct ike_cp cp, zero;

	memset(&cp, 0xa5, sizeof(cp));
	if (ike_parse_cp(&p, &cp, &e) != -1)
		fail_msg("%s: accepted", name);
	if (!e.err || strcmp(e.err, err) || e.notify != IKE_N_INVALID_SYNTAX ||
	    e.notify_data)
		fail_msg("%s: notify %u (%s), want INVALID_SYNTAX (%s)", name,
			 e.notify, e.err ? e.err : "no error", err);
	/* nothing half-parsed is left */
	assert_memory_equal(&cp, &zero, sizeof(cp));
}

static void malformed_bodies(void **state)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad_cases); i++)
		check_bad(bad_cases[i].name, bad_cases[i].b, bad_cases[i].len,
			  bad_cases[i].err);
}

/* Values around 2001:db8::5: the address, then a prefix length byte. */
static const struct {
	const char *name;
	uint16_t type;
	uint16_t len;
	uint8_t plen;
	const char *err;
} bad6[] = {
	{ "DHCP of 16", IKE_CFG_INTERNAL_IP4_DHCP, 16, 0,
	  "INTERNAL_IP4_DHCP length not 0 or 4" },
	{ "IPv6 address without prefix length", IKE_CFG_INTERNAL_IP6_ADDRESS,
	  16, 0, E_IP6A },
	{ "IPv6 address of 18", IKE_CFG_INTERNAL_IP6_ADDRESS, 18, 64, E_IP6A },
	{ "IPv6 prefix length 129", IKE_CFG_INTERNAL_IP6_ADDRESS, 17, 129,
	  E_PLEN },
	{ "IPv6 prefix length 255", IKE_CFG_INTERNAL_IP6_ADDRESS, 17, 255,
	  E_PLEN },
	{ "IPv6 DHCP of 17", IKE_CFG_INTERNAL_IP6_DHCP, 17, 0,
	  "INTERNAL_IP6_DHCP length not 0 or 16" },
	{ "IPv6 subnet of 16", IKE_CFG_INTERNAL_IP6_SUBNET, 16, 0, E_SUB6 },
	{ "IPv6 subnet prefix 200", IKE_CFG_INTERNAL_IP6_SUBNET, 17, 200,
	  E_SPLEN },
};

static void malformed_ipv6_values(void **state)
{
	static struct raw r;
	struct in6_addr a = ip6("2001:db8::5");
	uint8_t v[18] = { 0 };
	struct ike_cp cp;
	unsigned int i;

	memcpy(v, &a, 16);
	for (i = 0; i < ARRAY_SIZE(bad6); i++) {
		v[16] = bad6[i].plen;
		raw_start(&r, IKE_CFG_REPLY);
		raw_attr(&r, bad6[i].type, v, bad6[i].len);
		check_bad(bad6[i].name, r.b, r.len, bad6[i].err);
	}
	/* prefix lengths up to 128 pass */
	for (i = 0; i <= IKE_CP_MAX_PLEN; i++) {
		v[16] = (uint8_t)i;
		raw_start(&r, IKE_CFG_REPLY);
		raw_attr(&r, IKE_CFG_INTERNAL_IP6_ADDRESS, v, 17);
		raw_attr(&r, IKE_CFG_INTERNAL_IP6_SUBNET, v, 17);
		parse_raw(&r, &cp);
		assert_int_equal(cp.ip6_addr[0].plen, i);
		assert_int_equal(cp.subnet6[0].plen, i);
	}
}

static void domain_too_long(void **state)
{
	static struct raw r;
	uint8_t d[IKE_CP_MAX_DOMAIN + 1];
	struct ike_cp cp;

	memset(d, 'x', sizeof(d));
	raw_start(&r, IKE_CFG_REPLY);
	raw_attr(&r, IKE_CFG_UNITY_DEF_DOMAIN, d, IKE_CP_MAX_DOMAIN);
	parse_raw(&r, &cp);
	assert_int_equal(cp.def_domain_len, IKE_CP_MAX_DOMAIN);
	raw_start(&r, IKE_CFG_REPLY);
	raw_attr(&r, IKE_CFG_UNITY_DEF_DOMAIN, d, sizeof(d));
	check_bad("domain of 254", r.b, r.len,
		  "default domain longer than 253 bytes");
}

/* A malformed CP inside a message: the message parses, the body not. */
static void malformed_in_message(void **state)
{
	static const uint8_t body[] = { 2, 0, 0, 0, 0, 13, 0, 4, 10, 0, 0, 0 };
	struct ike_hdr h = { .ispi = 1, .exch = IKE_AUTH };
	struct msg_builder mb;
	struct parse_err e;
	struct ike_msg m;
	struct ike_cp cp;

	mb_init(&mb);
	assert_int_equal(ike_build_hdr(&mb, &h), 0);
	assert_int_equal(ike_add_payload(&mb, IKE_PL_CP, false, body,
					 sizeof(body)), 0);
	assert_int_equal(ike_build_end(&mb), 0);
	assert_int_equal(ike_parse_msg(mb.b.p, mb.b.len, &m, &e), 0);
	assert_int_equal(ike_parse_cp(&m.pl[0], &cp, &e), -1);
	assert_string_equal(e.err, E_SUB4);
	assert_int_equal(e.notify, IKE_N_INVALID_SYNTAX);
	mb_free(&mb);
}

/* --- on the wire --- */

/*
 * A CP payload (generic header included) with a CFG_REQUEST as a
 * road-warrior client asks for its addresses: IPv4 and IPv6 address, DNS
 * of both families, and the default domain.
 */
static const uint8_t rw_request[] = {
	0x00, 0x00, 0x00, 0x1c,			/* next NONE, length 28 */
	0x01, 0x00, 0x00, 0x00,			/* CFG_REQUEST */
	0x00, 0x01, 0x00, 0x00,			/* INTERNAL_IP4_ADDRESS */
	0x00, 0x03, 0x00, 0x00,			/* INTERNAL_IP4_DNS */
	0x00, 0x08, 0x00, 0x00,			/* INTERNAL_IP6_ADDRESS */
	0x00, 0x0a, 0x00, 0x00,			/* INTERNAL_IP6_DNS */
	0x70, 0x02, 0x00, 0x00,			/* 28674: default domain */
};

/*
 * A CFG_REQUEST in the manner of a FlexVPN client: address, DNS, netmask
 * and subnets asked for, Cisco's banner, default domain and backup
 * servers too, and its software in APPLICATION_VERSION; then the reply
 * of its server, with a host netmask and one protected subnet.
 */
static const uint8_t flex_request[] = {
	0x00, 0x00, 0x00, 0x48,			/* next NONE, length 72 */
	0x01, 0x00, 0x00, 0x00,			/* CFG_REQUEST */
	0x00, 0x01, 0x00, 0x00,			/* INTERNAL_IP4_ADDRESS */
	0x00, 0x03, 0x00, 0x00,			/* INTERNAL_IP4_DNS */
	0x00, 0x02, 0x00, 0x00,			/* INTERNAL_IP4_NETMASK */
	0x00, 0x0d, 0x00, 0x00,			/* INTERNAL_IP4_SUBNET */
	0x70, 0x00, 0x00, 0x00,			/* 28672: banner */
	0x70, 0x02, 0x00, 0x00,			/* 28674: default domain */
	0x70, 0x09, 0x00, 0x00,			/* 28681: backup servers */
	0x00, 0x07, 0x00, 0x20,			/* APPLICATION_VERSION, 32 */
	'C', 'i', 's', 'c', 'o', ' ', 'I', 'O', 'S', ' ', 'S', 'o', 'f', 't',
	'w', 'a', 'r', 'e', ',', ' ', 'V', 'e', 'r', 's', 'i', 'o', 'n', ' ',
	'1', '7', '.', '9',
};

static const uint8_t flex_reply[] = {
	0x00, 0x00, 0x00, 0x3b,			/* next NONE, length 59 */
	0x02, 0x00, 0x00, 0x00,			/* CFG_REPLY */
	0x00, 0x01, 0x00, 0x04, 172, 16, 1, 101,	/* address */
	0x00, 0x02, 0x00, 0x04, 255, 255, 255, 255,	/* netmask */
	0x00, 0x03, 0x00, 0x04, 172, 16, 0, 53,		/* DNS */
	0x00, 0x0d, 0x00, 0x08, 10, 0, 0, 0, 255, 0, 0, 0, /* subnet */
	0x70, 0x02, 0x00, 0x0b,				/* default domain */
	'e', 'x', 'a', 'm', 'p', 'l', 'e', '.', 'c', 'o', 'm',
};

static void parse_chain_cp(const uint8_t *b, size_t len, struct ike_cp *cp)
{
	static struct ike_msg m;
	struct parse_err e;

	m.n = 0;
	if (ike_parse_chain(IKE_PL_CP, b, len, &m, &e) < 0)
		fail_msg("chain: %s", e.err);
	assert_int_equal(m.n, 1);
	if (ike_parse_cp(&m.pl[0], cp, &e) < 0)
		fail_msg("CP: %s", e.err);
}

static void wire_requests(void **state)
{
	struct ike_cp cp;

	parse_chain_cp(rw_request, sizeof(rw_request), &cp);
	assert_int_equal(cp.type, IKE_CFG_REQUEST);
	assert_int_equal(cp.asked, IKE_CP_BIT(IKE_CP_IP4_ADDR) |
				   IKE_CP_BIT(IKE_CP_IP4_DNS) |
				   IKE_CP_BIT(IKE_CP_IP6_ADDR) |
				   IKE_CP_BIT(IKE_CP_IP6_DNS) |
				   IKE_CP_BIT(IKE_CP_DEF_DOMAIN));
	assert_int_equal(cp.n_ip4_addr + cp.n_dns4 + cp.n_ip6_addr, 0);
	assert_int_equal(cp.n_unknown, 0);

	parse_chain_cp(flex_request, sizeof(flex_request), &cp);
	assert_int_equal(cp.type, IKE_CFG_REQUEST);
	assert_int_equal(cp.asked, IKE_CP_BIT(IKE_CP_IP4_ADDR) |
				   IKE_CP_BIT(IKE_CP_IP4_DNS) |
				   IKE_CP_BIT(IKE_CP_IP4_MASK) |
				   IKE_CP_BIT(IKE_CP_IP4_SUBNET) |
				   IKE_CP_BIT(IKE_CP_DEF_DOMAIN));
	assert_int_equal(cp.n_unknown, 2);	/* banner, backup servers */
	assert_int_equal(cp.app_version_len, 32);
	assert_memory_equal(cp.app_version, "Cisco IOS Software, Version 17.9",
			    32);
	assert_ptr_equal(cp.app_version, flex_request + 40);
}

static void wire_reply(void **state)
{
	struct ike_cp cp;

	parse_chain_cp(flex_reply, sizeof(flex_reply), &cp);
	assert_int_equal(cp.type, IKE_CFG_REPLY);
	assert_int_equal(cp.asked, 0);
	assert_int_equal(cp.n_ip4_addr, 1);
	assert_int_equal(cp.ip4_addr[0].s_addr, ip4("172.16.1.101").s_addr);
	assert_true(cp.have_ip4_mask);
	assert_int_equal(cp.ip4_mask.s_addr, 0xffffffff);
	assert_int_equal(cp.n_dns4, 1);
	assert_int_equal(cp.dns4[0].s_addr, ip4("172.16.0.53").s_addr);
	assert_int_equal(cp.n_subnet4, 1);
	assert_int_equal(cp.subnet4[0].addr.s_addr, ip4("10.0.0.0").s_addr);
	assert_int_equal(cp.subnet4[0].mask.s_addr, ip4("255.0.0.0").s_addr);
	assert_int_equal(cp.def_domain_len, 11);
	assert_memory_equal(cp.def_domain, "example.com", 11);
	/* built again: the same bytes, as they are in the builder's order */
	{
		struct buf b;

		buf_init(&b);
		assert_int_equal(ike_cp_put(&b, &cp), 0);
		assert_int_equal(b.len, sizeof(flex_reply) - 4);
		assert_memory_equal(b.p, flex_reply + 4, b.len);
		buf_free(&b);
	}
}

/* --- printing --- */

struct lines {
	unsigned int n;
	char l[128][200];
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

/* The lines of the CP payloads of message M, from the first one on. */
static unsigned int print_from_cfg(const struct ike_msg *m, bool hex,
				   struct lines *ls)
{
	unsigned int i;

	ls->n = 0;
	ike_print_msg(m, hex, collect, ls);
	for (i = 0; i < ls->n; i++)
		if (!strncmp(ls->l[i], " CFG  ", 6))
			return i;
	fail_msg("no CFG payload printed");
	return 0;
}

static void check_lines(const struct lines *ls, unsigned int from,
			const char *const *want, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n && from + i < ls->n; i++)
		assert_string_equal(ls->l[from + i], want[i]);
	assert_int_equal(from + n, ls->n);
}

static void print_reply(void **state)
{
	static const char *const want[] = {
		" CFG  Next payload: NONE, reserved: 0x0, length: 294",
		"    cfg type: CFG_REPLY, reserved: 0x0, reserved: 0x0",
		"    attrib type: internal IP4 address, length: 0",
		"    attrib type: internal IP4 address, length: 4",
		"      value: 10.1.2.3",
		"    attrib type: internal IP4 netmask, length: 4",
		"      value: 255.255.255.0",
		"    attrib type: internal IP4 DNS, length: 4",
		"      value: 192.0.2.53",
		"    attrib type: internal IP4 DNS, length: 4",
		"      value: 192.0.2.54",
		"    attrib type: internal IP4 NBNS, length: 4",
		"      value: 192.0.2.137",
		"    attrib type: internal IP4 DHCP, length: 4",
		"      value: 192.0.2.67",
		"    attrib type: application version, length: 12",
		"      value: flexsecd 1.0",
		"    attrib type: internal IP6 address, length: 17",
		"      value: 2001:db8::5/64",
		"    attrib type: internal IP6 DNS, length: 16",
		"      value: 2001:db8::53",
		"    attrib type: internal IP6 DNS, length: 16",
		"      value: 2001:db8::54",
		"    attrib type: internal IP6 DHCP, length: 16",
		"      value: 2001:db8::547",
		"    attrib type: internal IP4 subnet, length: 8",
		"      value: 10.0.0.0 255.0.0.0",
		"    attrib type: internal IP4 subnet, length: 8",
		"      value: 0.0.0.0 0.0.0.0",
		"    attrib type: internal IP4 subnet, length: 8",
		"      value: 192.0.2.1 255.255.255.255",
		"    attrib type: supported attributes, length: 14",
		"      value: 1 2 3 8 10 13 15",
		"    attrib type: internal IP6 subnet, length: 17",
		"      value: ::/0",
		"    attrib type: internal IP6 subnet, length: 17",
		"      value: 2001:db8:1::/48",
		"    attrib type: internal IP6 subnet, length: 17",
		"      value: 2001:db8::1/128",
		"    attrib type: default domain, length: 16",
		"      value: corp.example.com",
	};
	struct ike_hdr h = { .ispi = 1, .rspi = 2, .exch = IKE_AUTH,
			     .flags = IKE_FLAG_RESPONSE };
	static struct lines ls;
	struct msg_builder mb;
	struct parse_err e;
	struct ike_msg m;
	struct ike_cp cp;
	unsigned int i;

	full_reply(&cp);
	cp.asked = IKE_CP_BIT(IKE_CP_IP4_ADDR);
	mb_init(&mb);
	assert_int_equal(ike_build_hdr(&mb, &h), 0);
	assert_int_equal(ike_add_cp(&mb, &cp), 0);
	assert_int_equal(ike_build_end(&mb), 0);
	assert_int_equal(ike_parse_msg(mb.b.p, mb.b.len, &m, &e), 0);
	check_lines(&ls, print_from_cfg(&m, false, &ls), want,
		    ARRAY_SIZE(want));
	assert_string_equal(ls.l[1], "Payload contents:");

	/* hexdump: the attributes' bytes after the decoded lines */
	i = print_from_cfg(&m, true, &ls);
	assert_string_equal(ls.l[i + ARRAY_SIZE(want)], "");
	assert_string_equal(ls.l[i + ARRAY_SIZE(want) + 1],
			    "     00 01 00 00 00 01 00 04 0A 01 02 03 00 02 00 04");
	assert_string_equal(ls.l[ls.n - 1], "");
	mb_free(&mb);
}

static void print_request(void **state)
{
	static const char *const want[] = {
		" CFG  Next payload: NONE, reserved: 0x0, length: 72",
		"    cfg type: CFG_REQUEST, reserved: 0x0, reserved: 0x0",
		"    attrib type: internal IP4 address, length: 0",
		"    attrib type: internal IP4 DNS, length: 0",
		"    attrib type: internal IP4 netmask, length: 0",
		"    attrib type: internal IP4 subnet, length: 0",
		"    attrib type: banner, length: 0",
		"    attrib type: default domain, length: 0",
		"    attrib type: backup servers, length: 0",
		"    attrib type: application version, length: 32",
		"      value: Cisco IOS Software, Version 17.9",
	};
	static struct lines ls;
	static struct ike_msg m;
	struct parse_err e;

	m.n = 0;
	assert_int_equal(ike_parse_chain(IKE_PL_CP, flex_request,
					 sizeof(flex_request), &m, &e), 0);
	check_lines(&ls, print_from_cfg(&m, false, &ls), want,
		    ARRAY_SIZE(want));
}

/*
 * Unknown types by number, texts with their odd bytes as '.', long
 * texts cut, SUPPORTED_ATTRIBUTES cut after its maximum.
 */
static void print_odd_values(void **state)
{
	static const char *const want[] = {
		" CFG  Next payload: NONE, reserved: 0x0, length: 219",
		"    cfg type: CFG_SET, reserved: 0x0, reserved: 0x0",
		"    attrib type: 16, length: 3",
		"    attrib type: application version, length: 120",
		NULL,	/* the text, below */
		"    attrib type: banner, length: 4",
		"      value: hi!.",
		"    attrib type: supported attributes, length: 68",
		"      value: 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 ...",
	};
	static struct lines ls;
	static struct ike_msg m;
	static struct raw r;
	uint8_t text[120], sup[68];
	char line[200];
	struct parse_err e;
	unsigned int i, from;

	/* 96 characters of the text, then "..." */
	memset(text, 0, sizeof(text));
	memcpy(text, "line 1\r\nline 2\t\\\xff", 17);
	memset(line, '.', sizeof(line));
	memcpy(line, "      value: line 1..line 2.\\.", 30);
	line[13 + 96 + 3] = '\0';
	for (i = 0; i < sizeof(sup); i += 2) {
		sup[i] = 0;
		sup[i + 1] = (uint8_t)(i / 2);
	}
	/* a generic header, patched once the length is known */
	memset(&r, 0, sizeof(r));
	r.b[4] = IKE_CFG_SET;
	r.len = 8;
	raw_attr(&r, 16, "abc", 3);
	raw_attr(&r, IKE_CFG_APPLICATION_VERSION, text, sizeof(text));
	raw_attr(&r, IKE_CFG_UNITY_BANNER, "hi!\n", 4);
	raw_attr(&r, IKE_CFG_SUPPORTED_ATTRIBUTES, sup, sizeof(sup));
	r.b[2] = (uint8_t)(r.len >> 8);
	r.b[3] = (uint8_t)r.len;
	m.n = 0;
	if (ike_parse_chain(IKE_PL_CP, r.b, r.len, &m, &e) < 0)
		fail_msg("chain: %s", e.err);
	from = print_from_cfg(&m, false, &ls);
	assert_int_equal(from + ARRAY_SIZE(want), ls.n);
	for (i = 0; i < ARRAY_SIZE(want); i++)
		assert_string_equal(ls.l[from + i], want[i] ? want[i] : line);
}

/* A body that does not parse is reported, not decoded. */
static void print_malformed(void **state)
{
	static const uint8_t pl[] = {
		0x00, 0x00, 0x00, 0x10,
		0x02, 0x00, 0x00, 0x00,
		0x00, 0x0d, 0x00, 0x04, 10, 0, 0, 0,
	};
	static struct lines ls;
	static struct ike_msg m;
	struct parse_err e;
	unsigned int i;

	m.n = 0;
	assert_int_equal(ike_parse_chain(IKE_PL_CP, pl, sizeof(pl), &m, &e),
			 0);
	i = print_from_cfg(&m, false, &ls);
	assert_int_equal(ls.n, i + 2);
	assert_string_equal(ls.l[i + 1], "    malformed CFG payload: " E_SUB4);
	i = print_from_cfg(&m, true, &ls);
	assert_string_equal(ls.l[i + 3],
			    "     02 00 00 00 00 0D 00 04 0A 00 00 00");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(malformed_bodies),
		cmocka_unit_test(malformed_ipv6_values),
		cmocka_unit_test(domain_too_long),
		cmocka_unit_test(malformed_in_message),
		cmocka_unit_test(wire_requests),
		cmocka_unit_test(wire_reply),
		cmocka_unit_test(print_reply),
		cmocka_unit_test(print_request),
		cmocka_unit_test(print_odd_values),
		cmocka_unit_test(print_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
