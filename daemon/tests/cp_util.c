// SPDX-License-Identifier: GPL-2.0
/* Helpers of the CP tests (test_cp.c, test_cp_wire.c). */

#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cp_util.h"

struct in_addr ip4(const char *s)
{
	struct in_addr a;

	assert_int_equal(inet_pton(AF_INET, s, &a), 1);
	return a;
}

struct in6_addr ip6(const char *s)
{
	struct in6_addr a;

	assert_int_equal(inet_pton(AF_INET6, s, &a), 1);
	return a;
}

struct ike_cp_prefix6 pfx6(const char *s, uint8_t plen)
{
	struct ike_cp_prefix6 p;

	memset(&p, 0, sizeof(p));
	p.addr = ip6(s);
	p.plen = plen;
	return p;
}

struct ike_cp_subnet4 sub4(const char *addr, const char *mask)
{
	struct ike_cp_subnet4 s = { ip4(addr), ip4(mask) };

	return s;
}

struct ike_payload cp_body(const uint8_t *b, size_t len)
{
	struct ike_payload p = { .type = IKE_PL_CP, .body = b, .len = len };

	return p;
}

void raw_start(struct raw *r, uint8_t type)
{
	memset(r, 0, sizeof(*r));
	r->b[0] = type;
	r->len = IKE_CP_HDR_LEN;
}

void raw_attr(struct raw *r, uint16_t type, const void *v, uint16_t len)
{
	assert_true(r->len + 4 + len <= sizeof(r->b));
	r->b[r->len] = type >> 8;
	r->b[r->len + 1] = type;
	r->b[r->len + 2] = len >> 8;
	r->b[r->len + 3] = len;
	if (len)
		memcpy(r->b + r->len + 4, v, len);
	r->len += 4 + (size_t)len;
}

void parse_raw(const struct raw *r, struct ike_cp *cp)
{
	struct ike_payload p = cp_body(r->b, r->len);
	struct parse_err e;

	if (ike_parse_cp(&p, cp, &e) < 0)
		fail_msg("parse failed: %s", e.err);
	assert_null(e.err);
	assert_int_equal(e.notify, 0);
}

size_t cp_round_trip(const struct ike_cp *x)
{
	struct ike_hdr h = { .ispi = 1, .rspi = 2, .exch = IKE_AUTH };
	static struct ike_cp y;
	const struct ike_payload *p;
	struct msg_builder mb;
	struct parse_err e;
	struct ike_msg m;
	struct buf b;
	size_t len;

	mb_init(&mb);
	assert_int_equal(ike_build_hdr(&mb, &h), 0);
	assert_int_equal(ike_add_cp(&mb, x), 0);
	assert_int_equal(ike_add_vendor(&mb, "v", 1), 0);
	assert_int_equal(ike_build_end(&mb), 0);
	if (ike_parse_msg(mb.b.p, mb.b.len, &m, &e) < 0)
		fail_msg("message: %s", e.err);
	p = ike_find(&m, IKE_PL_CP);
	assert_non_null(p);
	assert_false(p->critical);
	if (ike_parse_cp(p, &y, &e) < 0)
		fail_msg("CP: %s", e.err);
	assert_true(ike_cp_equal(x, &y));
	assert_true(ike_cp_equal(&y, x));
	assert_int_equal(y.n_unknown, 0);
	assert_int_equal(y.n_dropped, 0);

	buf_init(&b);
	assert_int_equal(ike_cp_put(&b, x), 0);
	assert_int_equal(b.len, p->len);
	assert_memory_equal(b.p, p->body, b.len);
	len = b.len;
	buf_free(&b);
	mb_free(&mb);
	return len;
}

void full_reply(struct ike_cp *cp)
{
	static const uint16_t sup[] = { 1, 2, 3, 8, 10, 13, 15 };

	memset(cp, 0, sizeof(*cp));
	cp->type = IKE_CFG_REPLY;
	cp->n_ip4_addr = 1;
	cp->ip4_addr[0] = ip4("10.1.2.3");
	cp->have_ip4_mask = true;
	cp->ip4_mask = ip4("255.255.255.0");
	cp->n_dns4 = 2;
	cp->dns4[0] = ip4("192.0.2.53");
	cp->dns4[1] = ip4("192.0.2.54");
	cp->n_nbns4 = 1;
	cp->nbns4[0] = ip4("192.0.2.137");
	cp->n_dhcp4 = 1;
	cp->dhcp4[0] = ip4("192.0.2.67");
	cp->n_subnet4 = 3;
	cp->subnet4[0] = sub4("10.0.0.0", "255.0.0.0");
	cp->subnet4[1] = sub4("0.0.0.0", "0.0.0.0");
	cp->subnet4[2] = sub4("192.0.2.1", "255.255.255.255");
	cp->n_ip6_addr = 1;
	cp->ip6_addr[0] = pfx6("2001:db8::5", 64);
	cp->n_dns6 = 2;
	cp->dns6[0] = ip6("2001:db8::53");
	cp->dns6[1] = ip6("2001:db8::54");
	cp->n_dhcp6 = 1;
	cp->dhcp6[0] = ip6("2001:db8::547");
	cp->n_subnet6 = 3;
	cp->subnet6[0] = pfx6("::", 0);
	cp->subnet6[1] = pfx6("2001:db8:1::", 48);
	cp->subnet6[2] = pfx6("2001:db8::1", 128);
	cp->n_supported = ARRAY_SIZE(sup);
	memcpy(cp->supported, sup, sizeof(sup));
	cp->app_version = (const uint8_t *)"flexsecd 1.0";
	cp->app_version_len = 12;
	cp->def_domain = (const uint8_t *)"corp.example.com";
	cp->def_domain_len = 16;
}
