// SPDX-License-Identifier: GPL-2.0
/*
 * COOKIEs (RFC 7296 2.6) and the in-negotiation limit: the responder's
 * cookies made and checked, the secret's rotation, the threshold of
 * "crypto ikev2 cookie-challenge", the initiator's retry with the cookie,
 * and requests with a wrong, missing or odd-sized COOKIE refused without
 * any state. Both ends run in this one engine (engine_link.c): end A is
 * Tunnel0 (192.0.2.1, initiating), end B Tunnel1 (192.0.2.2); other
 * addresses stand for spoofed initiators. The clock is the test's
 * (now_ms wrapped), to age the secret.
 */

#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "conf.h"
#include "crypto.h"
#include "daemon.h"
#include "engine_link.h"
#include "ike_int.h"
#include "loop.h"
#include "sa_mgr.h"
#include "show.h"
#include "tunnel.h"

#define IF_A	1
#define IF_B	2

static const char conf_tail[] =
	"crypto ikev2 proposal P\n"
	" encryption aes-gcm-128\n"
	" prf sha256\n"
	" group 19\n"
	"crypto ikev2 policy P\n"
	" proposal P\n"
	"crypto ikev2 keyring K\n"
	" peer ENDS\n"
	"  address 192.0.2.0 255.255.255.0\n"
	"  pre-shared-key engine test\n"
	"crypto ikev2 profile PROF\n"
	" match identity remote address 192.0.2.0 255.255.255.0\n"
	" authentication local pre-share\n"
	" authentication remote pre-share\n"
	" keyring local K\n"
	"crypto ipsec transform-set TS esp-gcm 256\n"
	"crypto ipsec profile A\n"
	" set transform-set TS\n"
	" set ikev2-profile PROF\n"
	"crypto ipsec profile B\n"
	" set transform-set TS\n"
	" set ikev2-profile PROF\n"
	" responder-only\n"
	"interface Tunnel0\n"
	" ip address 10.0.0.1 255.255.255.252\n"
	" tunnel source 192.0.2.1\n"
	" tunnel destination 192.0.2.2\n"
	" tunnel mode ipsec ipv4\n"
	" tunnel protection ipsec profile A\n"
	"interface Tunnel1\n"
	" ip address 10.0.0.2 255.255.255.252\n"
	" tunnel source 192.0.2.2\n"
	" tunnel destination 192.0.2.1\n"
	" tunnel mode ipsec ipv4\n"
	" tunnel protection ipsec profile B\n";

/* --- the clock --- */

static uint64_t skew_ms;

uint64_t __real_now_ms(void);

uint64_t __wrap_now_ms(void)
{
	return __real_now_ms() + skew_ms;
}

/* --- helpers --- */

static void addr(struct sockaddr_storage *ss, const char *ip)
{
	struct sockaddr_in *s = (struct sockaddr_in *)ss;

	memset(ss, 0, sizeof(*ss));
	s->sin_family = AF_INET;
	s->sin_port = htons(500);
	assert_int_equal(inet_pton(AF_INET, ip, &s->sin_addr), 1);
}

/* The engine with "crypto ikev2 " HEAD (and a second global LINE2). */
static void start(const char *head, const char *line2)
{
	char text[4096];
	int n;

	n = snprintf(text, sizeof(text), "%s%s%s%s%s", head ? "crypto ikev2 " : "",
		     head ? head : "", head ? "\n" : "", line2 ? line2 : "",
		     conf_tail);
	assert_true(n > 0 && (size_t)n < sizeof(text));
	memset(&ike_stats, 0, sizeof(ike_stats));
	assert_int_equal(engine_start(text, (size_t)n, "cookie"), 0);
}

static int teardown(void **state)
{
	(void)state;
	engine_stop();
	skew_ms = 0;
	return 0;
}

static struct ike_sa *ike_of(unsigned int ifindex)
{
	return tunnel_ike_sa(tunnel_by_ifindex(ifindex));
}

static unsigned int pump(void)
{
	unsigned int n = 0;

	while (link_queued()) {
		assert_true(++n < 100);
		link_deliver();
	}
	return n;
}

static void drain(void)
{
	while (link_queued())
		link_drop();
}

/* The datagram at the head of the link, parsed (into M, backed by it). */
static void peek_msg(struct ike_msg *m)
{
	const struct link_dgram *d = link_peek();
	struct parse_err e;

	assert_non_null(d);
	assert_int_equal(ike_parse_msg(d->buf, d->len, m, &e), 0);
}

/* What the head of the link is: a stateless COOKIE answer to SPI. */
static void expect_cookie_answer(uint64_t spi, const char *to)
{
	const struct link_dgram *d = link_peek();
	struct sockaddr_storage want;
	struct ike_notify_pl n;
	struct ike_msg m;

	addr(&want, to);
	assert_non_null(d);
	assert_memory_equal(&((const struct sockaddr_in *)&d->to)->sin_addr,
			    &((struct sockaddr_in *)&want)->sin_addr, 4);
	peek_msg(&m);
	assert_true(m.hdr.flags & IKE_FLAG_RESPONSE);
	assert_true(m.hdr.ispi == spi);
	assert_true(m.hdr.rspi == 0);
	assert_int_equal(m.n, 1);
	assert_int_equal(ike_find_notify(&m, IKE_N_COOKIE, &n), 0);
	assert_int_equal(n.len, IKE_COOKIE_LEN);
}

/* An IKE_SA_INIT request as A would send it, with SPI and NONCE (32
 * bytes of FILL), and first a COOKIE of CLEN bytes when CK is given,
 * injected from FROM to B. */
static void inject_init(const char *from, uint64_t spi, uint8_t fill,
			const uint8_t *ck, size_t clen)
{
	struct ike_hdr h = {
		.ispi = spi,
		.version = IKE_VERSION,
		.exch = IKE_SA_INIT,
		.flags = IKE_FLAG_INITIATOR,
	};
	struct sockaddr_storage src, dst;
	uint8_t nonce[32], pub[IKE_MAX_DH];
	struct msg_builder mb;
	struct ike_sa_pl *sp = calloc(1, sizeof(*sp));
	struct ike_dh *dh = ike_dh_new(19);
	size_t plen;

	assert_non_null(sp);
	assert_non_null(dh);
	addr(&src, from);
	addr(&dst, "192.0.2.2");
	memset(nonce, fill, sizeof(nonce));
	ike_our_proposals(D.conf, &src, sp);
	plen = ike_dh_public(dh, pub, sizeof(pub));
	mb_init(&mb);
	assert_int_equal(ike_build_hdr(&mb, &h), 0);
	if (ck)
		assert_int_equal(ike_add_notify(&mb, 0, NULL, 0, IKE_N_COOKIE,
						ck, clen), 0);
	assert_int_equal(ike_add_sa(&mb, sp), 0);
	assert_int_equal(ike_add_ke(&mb, 19, pub, plen), 0);
	assert_int_equal(ike_add_nonce(&mb, nonce, sizeof(nonce)), 0);
	assert_int_equal(ike_build_end(&mb), 0);
	link_inject(mb.b.p, mb.b.len, &src, &dst);
	mb_free(&mb);
	ike_dh_free(dh);
	free(sp);
}

/* The cookie B would ask FROM for, for SPI and a nonce of FILL. */
static void cookie_for(const char *from, uint64_t spi, uint8_t fill,
		       uint8_t ck[IKE_COOKIE_LEN])
{
	struct sockaddr_storage ip;
	uint8_t nonce[32];

	addr(&ip, from);
	memset(nonce, fill, sizeof(nonce));
	assert_int_equal(ike_cookie_make(nonce, sizeof(nonce), &ip, spi, ck), 0);
}

/* --- the cookie itself --- */

static void make_and_check(void **state)
{
	struct sockaddr_storage ip, other;
	uint8_t ni[32], ck[IKE_COOKIE_LEN], bad[80];
	size_t lens[] = { 0, 1, 4, 35, 37, 64, 65, 80 };
	unsigned int i;

	(void)state;
	start(NULL, NULL);
	addr(&ip, "198.51.100.7");
	addr(&other, "198.51.100.8");
	memset(ni, 0x42, sizeof(ni));
	assert_int_equal(ike_cookie_make(ni, sizeof(ni), &ip, 0x1122, ck), 0);
	assert_true(ike_cookie_valid(ck, sizeof(ck), ni, sizeof(ni), &ip, 0x1122));
	/* bound to the nonce, the address and the SPI */
	assert_false(ike_cookie_valid(ck, sizeof(ck), ni, 31, &ip, 0x1122));
	assert_false(ike_cookie_valid(ck, sizeof(ck), ni, sizeof(ni), &other, 0x1122));
	assert_false(ike_cookie_valid(ck, sizeof(ck), ni, sizeof(ni), &ip, 0x1123));
	ni[5] ^= 1;
	assert_false(ike_cookie_valid(ck, sizeof(ck), ni, sizeof(ni), &ip, 0x1122));
	ni[5] ^= 1;
	for (i = 0; i < sizeof(ck); i++) {
		ck[i] ^= 0x80;
		assert_false(ike_cookie_valid(ck, sizeof(ck), ni, sizeof(ni), &ip, 0x1122));
		ck[i] ^= 0x80;
	}
	/* odd sizes, whatever they hold */
	memset(bad, 0, sizeof(bad));
	memcpy(bad, ck, sizeof(ck));
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++)
		assert_false(ike_cookie_valid(bad, lens[i], ni, sizeof(ni), &ip, 0x1122));
	/* no nonce, or one too long, makes no cookie */
	assert_int_not_equal(ike_cookie_make(ni, 0, &ip, 1, ck), 0);
}

static void rotation(void **state)
{
	struct sockaddr_storage ip;
	uint8_t ni[32], c1[IKE_COOKIE_LEN], c2[IKE_COOKIE_LEN];

	(void)state;
	start(NULL, NULL);
	addr(&ip, "198.51.100.7");
	memset(ni, 7, sizeof(ni));
	assert_int_equal(ike_cookie_make(ni, sizeof(ni), &ip, 9, c1), 0);
	ike_cookie_rotate();
	assert_true(ike_cookie_valid(c1, sizeof(c1), ni, sizeof(ni), &ip, 9));
	ike_cookie_rotate();
	assert_false(ike_cookie_valid(c1, sizeof(c1), ni, sizeof(ni), &ip, 9));

	/* by the clock: a minute on, the secret changes; the old one holds
	 * one more minute */
	assert_int_equal(ike_cookie_make(ni, sizeof(ni), &ip, 9, c1), 0);
	skew_ms += 61000;
	assert_int_equal(ike_cookie_make(ni, sizeof(ni), &ip, 9, c2), 0);
	assert_memory_not_equal(c1, c2, sizeof(c1));
	assert_true(ike_cookie_valid(c1, sizeof(c1), ni, sizeof(ni), &ip, 9));
	assert_true(ike_cookie_valid(c2, sizeof(c2), ni, sizeof(ni), &ip, 9));
	skew_ms += 61000;
	assert_false(ike_cookie_valid(c1, sizeof(c1), ni, sizeof(ni), &ip, 9));
	assert_true(ike_cookie_valid(c2, sizeof(c2), ni, sizeof(ni), &ip, 9));
	/* long idle: neither secret is kept */
	skew_ms += 300000;
	assert_false(ike_cookie_valid(c2, sizeof(c2), ni, sizeof(ni), &ip, 9));
}

/* "show crypto ikev2 stats", as text or JSON, into a string to free. */
static char *stats(bool json)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	assert_non_null(f);
	assert_int_equal(show_ikev2_stats(f, json), 0);
	fclose(f);
	return out;
}

static uint64_t cookie_counter(const char *key)
{
	struct json_object *jo, *ck, *v;
	char *out = stats(true);
	uint64_t n;

	jo = json_tokener_parse(out);
	assert_non_null(jo);
	assert_true(json_object_object_get_ex(jo, "cookie", &ck));
	assert_true(json_object_object_get_ex(ck, key, &v));
	n = (uint64_t)json_object_get_int64(v);
	json_object_put(jo);
	free(out);
	return n;
}

/* --- the exchange --- */

/* "always": A's first request is answered with a COOKIE and nothing
 * kept; A repeats it with the cookie first, same nonce and KE; up. */
static void always_exchange(void **state)
{
	struct ike_msg m, first;
	struct ike_notify_pl n;
	const struct ike_payload *ke1, *ke2;
	struct ike_sa *a, *b;
	char *out;
	uint8_t req1[2048];
	size_t req1_len;

	(void)state;
	start("cookie-challenge always", NULL);
	assert_int_equal(ike_initiate(&D.conf->tunnels[0], IF_A), 0);
	a = ike_of(IF_A);
	assert_non_null(a);
	req1_len = link_peek()->len;
	assert_true(req1_len <= sizeof(req1));
	memcpy(req1, link_peek()->buf, req1_len);
	link_deliver();
	assert_int_equal(sam_negotiating(false), 0);
	expect_cookie_answer(a->spi_i, "192.0.2.1");
	link_deliver();
	/* A's retry: COOKIE first, then the same payloads */
	peek_msg(&m);
	assert_int_equal(m.pl[0].type, IKE_PL_NOTIFY);
	assert_int_equal(ike_find_notify(&m, IKE_N_COOKIE, &n), 0);
	assert_int_equal(n.len, IKE_COOKIE_LEN);
	assert_int_equal(ike_parse_msg(req1, req1_len, &first, &(struct parse_err){ 0 }), 0);
	ke1 = ike_find(&first, IKE_PL_KE);
	ke2 = ike_find(&m, IKE_PL_KE);
	assert_int_equal(ke1->len, ke2->len);
	assert_memory_equal(ke1->body, ke2->body, ke1->len);
	assert_memory_equal(ike_find(&first, IKE_PL_NONCE)->body,
			    ike_find(&m, IKE_PL_NONCE)->body, 32);
	assert_int_equal(pump(), 4);
	a = ike_of(IF_A);
	b = ike_of(IF_B);
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(a->state, IKE_ST_READY);
	assert_int_equal(b->state, IKE_ST_READY);
	assert_int_equal(ike_stats.cookie_challenged, 2);
	assert_int_equal(ike_stats.cookie_no_cookie, 1);
	assert_int_equal(ike_stats.cookie_accepted, 1);
	assert_int_equal(ike_stats.cookie_sent, 1);
	assert_int_equal(ike_stats.cookie_received, 1);
	/* as show crypto ikev2 stats words it */
	out = stats(false);
	assert_non_null(strstr(out, "Incoming IKEV2 Cookie Challenged Requests: 2\n"));
	assert_non_null(strstr(out, "accepted: 1        rejected: 0        rejected no cookie: 1\n"));
	assert_non_null(strstr(out, "Cookie challenge threshold: always, half-open incoming SAs: 0, cookies sent: 1"));
	free(out);
	assert_int_equal(cookie_counter("sent"), 1);
	assert_int_equal(cookie_counter("rejected_no_cookie"), 1);
	assert_int_equal(cookie_counter("accepted"), 1);
	assert_int_equal(cookie_counter("answered"), 1);
}

/* "cookie-challenge 2": two spoofed requests make half-open SAs, the
 * third is asked for a cookie and leaves nothing; A still gets in. */
static void threshold(void **state)
{
	unsigned int before;

	(void)state;
	start("cookie-challenge 2", NULL);
	inject_init("198.51.100.1", 0x101, 1, NULL, 0);
	inject_init("198.51.100.2", 0x102, 2, NULL, 0);
	assert_int_equal(sam_negotiating(false), 2);
	assert_int_equal(ike_stats.cookie_challenged, 0);
	drain();
	before = sam_count();
	inject_init("198.51.100.3", 0x103, 3, NULL, 0);
	assert_int_equal(sam_count(), before);
	assert_int_equal(sam_negotiating(false), 2);
	expect_cookie_answer(0x103, "198.51.100.3");
	drain();
	assert_int_equal(ike_stats.cookie_no_cookie, 1);
	assert_int_equal(cookie_counter("half_open"), 2);

	assert_int_equal(ike_initiate(&D.conf->tunnels[0], IF_A), 0);
	assert_int_equal(pump(), 6);
	assert_int_equal(ike_of(IF_A)->state, IKE_ST_READY);
	assert_int_equal(ike_of(IF_B)->state, IKE_ST_READY);
	assert_int_equal(ike_stats.cookie_accepted, 1);
}

/* Wrong cookies, and COOKIE notifies of odd sizes, are refused: no SA,
 * a fresh challenge, counted; the right one lets the request in. */
static void wrong_cookie(void **state)
{
	static const size_t lens[] = { 0, 1, 35, IKE_COOKIE_LEN, 37, 64, 65, 300 };
	uint8_t junk[300], ck[IKE_COOKIE_LEN];
	unsigned int i;

	(void)state;
	start("cookie-challenge always", NULL);
	for (i = 0; i < sizeof(junk); i++)
		junk[i] = (uint8_t)(i * 37 + 11);
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		inject_init("198.51.100.9", 0x900 + i, 9, junk, lens[i]);
		assert_int_equal(sam_count(), 0);
		expect_cookie_answer(0x900 + i, "198.51.100.9");
		drain();
	}
	assert_int_equal(ike_stats.cookie_rejected, i);
	/* a real cookie, but for another address, SPI or nonce */
	cookie_for("198.51.100.10", 0x999, 9, ck);
	inject_init("198.51.100.9", 0x999, 9, ck, sizeof(ck));
	inject_init("198.51.100.10", 0x998, 9, ck, sizeof(ck));
	inject_init("198.51.100.10", 0x999, 8, ck, sizeof(ck));
	assert_int_equal(sam_count(), 0);
	assert_int_equal(ike_stats.cookie_rejected, i + 3);
	drain();
	inject_init("198.51.100.10", 0x999, 9, ck, sizeof(ck));
	assert_int_equal(sam_negotiating(false), 1);
	assert_int_equal(ike_stats.cookie_accepted, 1);
}

/* A flood of spoofed requests: never more SAs than the threshold, each
 * answered with a small COOKIE and nothing else. */
static void flood_bounded(void **state)
{
	char ip[32];
	unsigned int i;

	(void)state;
	start("cookie-challenge 5", NULL);
	for (i = 0; i < 3000; i++) {
		snprintf(ip, sizeof(ip), "10.%u.%u.%u", 100 + i / 65536,
			 (i / 256) % 256, i % 256);
		inject_init(ip, 0x10000 + i, (uint8_t)i, NULL, 0);
		assert_true(sam_count() <= 5);
		drain();
	}
	assert_int_equal(sam_negotiating(false), 5);
	assert_int_equal(ike_stats.cookie_sent, 2995);
	assert_int_equal(ike_stats.cookie_no_cookie, 2995);
	assert_int_equal(ike_stats.sa_responded, 5);
}

/* The in-negotiation limit without cookies: refused requests get no SA
 * and no answer. */
static void cac_costs_nothing(void **state)
{
	unsigned int i;

	(void)state;
	start("limit max-in-negotiation-sa 3", NULL);
	for (i = 0; i < 10; i++)
		inject_init("198.51.100.20", 0x2000 + i, (uint8_t)i, NULL, 0);
	assert_int_equal(sam_count(), 3);
	assert_int_equal(link_queued(), 3);
	assert_int_equal(ike_stats.cac_rejected, 7);
	assert_int_equal(ike_stats.cookie_sent, 0);
}

/* A COOKIE answer to A's request, from B, as a responder sends it. */
static void cookie_to_a(uint64_t spi, const uint8_t *ck, size_t len)
{
	struct ike_hdr h = {
		.ispi = spi,
		.version = IKE_VERSION,
		.exch = IKE_SA_INIT,
		.flags = IKE_FLAG_RESPONSE,
	};
	struct sockaddr_storage a, b;
	struct msg_builder mb;

	addr(&a, "192.0.2.1");
	addr(&b, "192.0.2.2");
	mb_init(&mb);
	assert_int_equal(ike_build_hdr(&mb, &h), 0);
	assert_int_equal(ike_add_notify(&mb, 0, NULL, 0, IKE_N_COOKIE, ck, len), 0);
	assert_int_equal(ike_build_end(&mb), 0);
	link_inject(mb.b.p, mb.b.len, &b, &a);
	mb_free(&mb);
}

/* The initiator answers three COOKIEs, and gives up at the fourth. */
static void initiator_limit(void **state)
{
	static const uint8_t ck[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct ike_notify_pl n;
	struct ike_msg m;
	struct ike_sa *a;
	uint64_t spi;
	unsigned int i;

	(void)state;
	start(NULL, NULL);
	assert_int_equal(ike_initiate(&D.conf->tunnels[0], IF_A), 0);
	a = ike_of(IF_A);
	spi = a->spi_i;
	for (i = 0; i < 3; i++) {
		drain();
		cookie_to_a(spi, ck, sizeof(ck));
		peek_msg(&m);
		assert_true(m.hdr.ispi == spi);
		assert_int_equal(m.pl[0].type, IKE_PL_NOTIFY);
		assert_int_equal(ike_find_notify(&m, IKE_N_COOKIE, &n), 0);
		assert_int_equal(n.len, sizeof(ck));
		assert_memory_equal(n.data, ck, sizeof(ck));
	}
	drain();
	cookie_to_a(spi, ck, sizeof(ck));
	assert_int_equal(link_queued(), 0);
	assert_null(ike_of(IF_A));
	assert_int_equal(ike_stats.cookie_received, 3);
}

/* An odd-sized COOKIE to the initiator ends its attempt, cleanly. */
static void initiator_odd_cookie(void **state)
{
	uint8_t big[65] = { 0 };
	struct ike_sa *a;

	(void)state;
	start(NULL, NULL);
	assert_int_equal(ike_initiate(&D.conf->tunnels[0], IF_A), 0);
	a = ike_of(IF_A);
	drain();
	cookie_to_a(a->spi_i, big, sizeof(big));
	assert_int_equal(link_queued(), 0);
	assert_null(ike_of(IF_A));
	assert_int_equal(ike_stats.cookie_received, 0);
}

/* The configuration: IOS's range and "always". */
static void conf_words(void **state)
{
	static const char *const bad[] = {
		"crypto ikev2 cookie-challenge 0\n",
		"crypto ikev2 cookie-challenge 1001\n",
		"crypto ikev2 cookie-challenge sometimes\n",
		"crypto ikev2 cookie-challenge\n",
		"crypto ikev2 cookie-challenge 5 6\n",
		"crypto ikev2 cookie-challenge always now\n",
	};
	struct conf *c;
	FILE *err = fopen("/dev/null", "w");
	unsigned int i;

	(void)state;
	c = conf_parse_string("crypto ikev2 cookie-challenge 10\n", 33, "t", err);
	assert_non_null(c);
	assert_int_equal(c->g.cookie_challenge, 10);
	assert_false(c->g.cookie_always);
	assert_int_equal(c->n_warnings, 0);
	conf_free(c);
	c = conf_parse_string("crypto ikev2 cookie-challenge always\n", 37, "t", err);
	assert_non_null(c);
	assert_true(c->g.cookie_always);
	conf_free(c);
	c = conf_parse_string("crypto ikev2 window 5\n", 22, "t", err);
	assert_non_null(c);
	assert_int_equal(c->g.cookie_challenge, 0);
	assert_false(c->g.cookie_always);
	conf_free(c);
	/* a threshold the in-negotiation limit meets first: warned */
	c = conf_parse_string("crypto ikev2 cookie-challenge 40\n", 33, "t", err);
	assert_non_null(c);
	assert_int_equal(c->n_warnings, 1);
	conf_free(c);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_null(conf_parse_string(bad[i], strlen(bad[i]), "t", err));
	fclose(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_teardown(f, teardown)
		T(make_and_check),
		T(rotation),
		T(always_exchange),
		T(threshold),
		T(wrong_cookie),
		T(flood_bounded),
		T(cac_costs_nothing),
		T(initiator_limit),
		T(initiator_odd_cookie),
		cmocka_unit_test(conf_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
