// SPDX-License-Identifier: GPL-2.0
/*
 * IKEv2 fragmentation (RFC 7383) end to end in one engine, both ends of a
 * tunnel on the in-memory link (engine_link.c), as in test_engine.c: with
 * "crypto ikev2 fragmentation mtu 200" IKE_AUTH goes in SKF fragments.
 * The link delivers them in order, out of order, twice, corrupted or not
 * at all; fragments made here with the initiator's keys check the
 * reassembly's rules and limits one by one.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "conf.h"
#include "crypto.h"
#include "daemon.h"
#include "diag.h"
#include "diag_util.h"
#include "engine_link.h"
#include "ike_frag.h"
#include "ike_int.h"
#include "sa_mgr.h"
#include "show.h"
#include "tunnel.h"

#define IF_A	1
#define IF_B	2
#define MTU	200

static const char conf_text[] =
	"crypto ikev2 fragmentation mtu 200\n"
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

static struct ike_sa *ike_of(unsigned int ifindex)
{
	return tunnel_ike_sa(tunnel_by_ifindex(ifindex));
}

/* B's IKE SA while it is half open (not yet bound to its tunnel). */
static struct ike_sa *half_b(void)
{
	struct ike_sa *a = ike_of(IF_A);

	return sam_find(a->spi_i, a->spi_r, false);
}

static int setup(void **state)
{
	memset(&ike_frag_stats, 0, sizeof(ike_frag_stats));
	return engine_start(conf_text, sizeof(conf_text) - 1, "frag");
}

static int teardown(void **state)
{
	engine_stop();
	assert_int_equal(ike_frag_held(), 0);
	return 0;
}

/* Every datagram on the link fits the fragment MTU with IP and UDP in
 * front, except IKE_SA_INIT's, which is never fragmented. */
static void fits(void)
{
	unsigned int i;
	struct link_dgram *d;

	for (i = 0; (d = link_at(i)); i++)
		if (d->buf[18] != IKE_SA_INIT)
			assert_true(d->len + 28 <= MTU);
}

static unsigned int pump(void)
{
	unsigned int n = 0;

	while (link_queued()) {
		assert_true(++n < 400);
		fits();
		link_deliver();
	}
	return n;
}

/* Both ends READY with their CHILD SA, fragmentation in use. */
static void both_up(void)
{
	struct ike_sa *a = ike_of(IF_A), *b = ike_of(IF_B);

	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(a->state, IKE_ST_READY);
	assert_int_equal(b->state, IKE_ST_READY);
	assert_non_null(a->children);
	assert_non_null(b->children);
	assert_int_equal(a->children->spi_out, b->children->spi_in);
	assert_true(a->frag_on && b->frag_on);
	assert_null(a->reasm[0]);
	assert_null(b->reasm[0]);
}

/* A initiates and IKE_SA_INIT is done: A's IKE_AUTH fragments are on the
 * link; returns how many. */
static unsigned int init_done(void)
{
	assert_int_equal(ike_initiate(&D.conf->tunnels[0], IF_A), 0);
	link_deliver();
	link_deliver();
	assert_true(link_queued() >= 2);
	return link_queued();
}

static void establish(void)
{
	assert_int_equal(ike_initiate(&D.conf->tunnels[0], IF_A), 0);
	pump();
	both_up();
}

/* --- IKE_AUTH in fragments --- */

static void round_trip(void **state)
{
	unsigned int n;

	n = init_done();
	assert_true(ike_of(IF_A)->frag_on);
	pump();
	both_up();
	assert_int_equal(ike_of(IF_A)->frag_tx, n);
	assert_int_equal(ike_of(IF_B)->frag_rx, n);
	/* the response is larger than the MTU too */
	assert_true(ike_of(IF_B)->frag_tx >= 2);
	assert_int_equal(ike_frag_stats.reassembled, 2);
	assert_int_equal(ike_frag_stats.bad + ike_frag_stats.duplicate, 0);
}

static void out_of_order(void **state)
{
	unsigned int n = init_done(), k;

	for (k = n; k > 0; k--)
		link_deliver_at(k - 1);
	pump();
	both_up();
	assert_int_equal(ike_frag_stats.reassembled, 2);
}

static void duplicate(void **state)
{
	init_done();
	link_deliver_copy(0);
	link_deliver_copy(0);
	link_deliver_copy(0);
	assert_int_equal(ike_frag_stats.duplicate, 2);
	assert_int_equal(half_b()->reasm[0]->have, 1);
	pump();
	both_up();
}

/* A fragment whose ICV is wrong is dropped before it is kept. */
static void bad_icv(void **state)
{
	struct link_dgram *d;

	init_done();
	d = link_at(1);
	d->buf[d->len - 1] ^= 0x01;
	link_deliver_copy(1);
	d->buf[d->len - 1] ^= 0x01;
	assert_int_equal(ike_frag_stats.bad, 1);
	assert_null(half_b()->reasm[0]);
	assert_int_equal(ike_frag_held(), 0);
	pump();
	both_up();
}

/* All fragments of the request are lost: the retransmission sends them
 * all again. Then the response is lost: the retransmitted request is
 * answered from the cache, all fragments, on its fragment 1 only. */
static void retransmission(void **state)
{
	struct ike_sa *a;
	struct ike_request *rq;
	unsigned int n = init_done(), m, k;

	a = ike_of(IF_A);
	rq = &a->req[1];
	assert_true(rq->used);
	for (k = 0; k < n; k++)
		link_drop();
	rq->timer.fn(&rq->timer);
	assert_int_equal(link_queued(), n);
	for (k = 0; k < n; k++)
		link_deliver();
	m = link_queued();
	assert_true(m >= 2);		/* B's response, in fragments */
	for (k = 0; k < m; k++)
		link_drop();
	rq->timer.fn(&rq->timer);
	assert_int_equal(link_queued(), n);
	for (k = 1; k < n; k++)
		link_deliver_at(1);	/* fragments 2..n: no answer */
	assert_int_equal(link_queued(), 1);
	link_deliver();			/* fragment 1: the cached answer */
	assert_int_equal(link_queued(), m);
	pump();
	both_up();
	assert_int_equal(a->retransmits, 2);
	assert_int_equal(ike_of(IF_B)->children->next, NULL);
}

/* A later exchange (CREATE_CHILD_SA) larger than the MTU goes in
 * fragments too. */
static void later_exchange(void **state)
{
	struct ike_sa *a;
	uint32_t tx, reassembled;

	establish();
	a = ike_of(IF_A);
	tx = a->frag_tx;
	reassembled = ike_frag_stats.reassembled;
	assert_int_equal(child_create_start(a), 0);
	assert_true(link_queued() >= 2);
	assert_int_equal(link_at(0)->buf[16], IKE_PL_SKF);
	pump();
	assert_true(a->frag_tx > tx);
	assert_true(ike_frag_stats.reassembled > reassembled);
	assert_non_null(ike_of(IF_B)->children->next);
}

/* The show commands: the SA's fragmentation line and JSON, the stats. */
static char *show(int (*fn)(FILE *, bool, bool), bool a, bool b)
{
	struct mem o;

	assert_int_equal(fn(mem_open(&o), a, b), 0);
	return mem_close(&o);
}

static int stats(FILE *out, bool json, bool unused)
{
	return show_ikev2_stats(out, json);
}

static void shown(void **state)
{
	char *s;

	establish();
	s = show(show_ikev2_sa, true, false);
	assert_non_null(strstr(s, "Fragmentation configured, MTU 200: in use, fragments sent: "));
	free(s);
	s = show(show_ikev2_sa, true, true);
	assert_non_null(strstr(s, "\"in_use\":true"));
	assert_non_null(strstr(s, "\"mtu\":200"));
	free(s);
	s = show(stats, false, false);
	assert_non_null(strstr(s, "(messages reassembled: 2, held: 0 bytes)"));
	assert_non_null(strstr(s, "dropped fragments: bad: 0, duplicate: 0"));
	free(s);
	s = show(stats, true, false);
	assert_non_null(strstr(s, "\"messages_reassembled\":2"));
	free(s);
	/* without the notify of the peer */
	ike_of(IF_A)->frag_on = false;
	s = show(show_ikev2_sa, true, false);
	assert_non_null(strstr(s, "Fragmentation configured, MTU 200: not supported by the peer"));
	free(s);
}

/* --- the reassembly's rules, with fragments made here --- */

/* Fragment NUM of TOTAL of request MSGID from A (INFORMATIONAL), with
 * PLEN bytes of PLAIN, onto the link to B. */
static void mk_frag(uint32_t msgid, uint16_t num, uint16_t total, uint8_t np,
		    const uint8_t *plain, size_t plen)
{
	struct ike_sa *a = ike_of(IF_A);
	struct ike_hdr h = {
		.ispi = a->spi_i, .rspi = a->spi_r, .version = IKE_VERSION,
		.exch = IKE_INFORMATIONAL, .flags = IKE_FLAG_INITIATOR,
		.msgid = msgid,
	};
	size_t sk = ike_sk_len(&a->suite, plen);
	struct msg_builder mb;
	uint8_t *body = calloc(1, 4 + sk);

	assert_non_null(body);
	body[0] = (uint8_t)(num >> 8);
	body[1] = (uint8_t)num;
	body[2] = (uint8_t)(total >> 8);
	body[3] = (uint8_t)total;
	mb_init(&mb);
	assert_int_equal(ike_build_hdr(&mb, &h), 0);
	assert_int_equal(ike_add_payload(&mb, IKE_PL_SKF, false, body, 4 + sk), 0);
	assert_int_equal(ike_build_end(&mb), 0);
	mb.b.p[IKE_HDR_LEN] = np;
	assert_int_equal(ike_sk_seal(&a->suite, a->keys.sk_ei, a->keys.sk_ai,
				     mb.b.p, IKE_HDR_LEN + 8, plain, plen), 0);
	assert_int_equal(net_send(mb.b.p, mb.b.len, &a->local, &a->remote), 0);
	mb_free(&mb);
	free(body);
}

/* A vendor ID payload of LEN bytes in all (an INFORMATIONAL's body). */
static uint8_t vid[4096];

static size_t mk_vid(size_t len)
{
	memset(vid, 0x5a, len);
	vid[0] = IKE_PL_NONE;
	vid[1] = 0;
	vid[2] = (uint8_t)(len >> 8);
	vid[3] = (uint8_t)len;
	return len;
}

static void deliver_all(void)
{
	while (link_queued())
		link_deliver();
}

/* A message in two fragments completes B's request; B answers. */
static void two_fragments(uint32_t id)
{
	size_t len = mk_vid(300);

	mk_frag(id, 2, 2, IKE_PL_NONE, vid + 150, len - 150);
	mk_frag(id, 1, 2, IKE_PL_VENDOR, vid, 150);
	deliver_all();
}

static void peer_request(void **state)
{
	struct ike_sa *b;
	uint32_t id;

	establish();
	b = ike_of(IF_B);
	id = b->peer_next_msgid;
	two_fragments(id);
	assert_int_equal(b->peer_next_msgid, id + 1);
	assert_int_equal(ike_frag_stats.reassembled, 3);
}

/* RFC 7383 2.6.1: more Total Fragments start the reassembly again, fewer
 * are dropped. */
static void total_changes(void **state)
{
	struct ike_sa *b;
	size_t len = mk_vid(300);
	uint32_t id;

	establish();
	b = ike_of(IF_B);
	id = b->peer_next_msgid;
	mk_frag(id, 1, 2, IKE_PL_VENDOR, vid, 150);
	deliver_all();
	assert_int_equal(b->reasm[0]->total, 2);
	mk_frag(id, 1, 3, IKE_PL_VENDOR, vid, 100);
	deliver_all();
	assert_int_equal(b->reasm[0]->total, 3);
	assert_int_equal(b->reasm[0]->have, 1);
	mk_frag(id, 2, 2, IKE_PL_NONE, vid + 150, len - 150);
	deliver_all();
	assert_int_equal(ike_frag_stats.stale, 1);
	assert_int_equal(b->reasm[0]->have, 1);
	mk_frag(id, 2, 3, IKE_PL_NONE, vid + 100, 100);
	mk_frag(id, 3, 3, IKE_PL_NONE, vid + 200, len - 200);
	deliver_all();
	assert_null(b->reasm[0]);
	assert_int_equal(b->peer_next_msgid, id + 1);
}

/* A newer message replaces the reassembly of an older one; a fragment
 * of the older one is then dropped. */
static void newer_message(void **state)
{
	struct ike_sa *b;
	uint32_t id;

	establish();
	b = ike_of(IF_B);
	id = b->peer_next_msgid;
	mk_frag(id, 1, 2, IKE_PL_VENDOR, vid, 100);
	mk_frag(id + 1, 1, 2, IKE_PL_VENDOR, vid, 100);
	mk_frag(id, 2, 2, IKE_PL_NONE, vid, 100);
	deliver_all();
	assert_int_equal(b->reasm[0]->msgid, id + 1);
	assert_int_equal(ike_frag_stats.stale, 1);
}

static void out_of_range(void **state)
{
	establish();
	mk_frag(ike_of(IF_B)->peer_next_msgid, 3, 2, IKE_PL_VENDOR, vid, 100);
	mk_frag(ike_of(IF_B)->peer_next_msgid, 0, 2, IKE_PL_VENDOR, vid, 100);
	deliver_all();
	assert_int_equal(ike_frag_stats.bad, 2);
	assert_null(ike_of(IF_B)->reasm[0]);
}

/* More fragments than allowed, and more bytes than allowed. */
static void limits(void **state)
{
	struct ike_sa *b;
	uint32_t id;
	unsigned int i;

	establish();
	b = ike_of(IF_B);
	id = b->peer_next_msgid;
	mk_frag(id, 1, IKE_FRAG_MAX + 1, IKE_PL_VENDOR, vid, 100);
	deliver_all();
	assert_int_equal(ike_frag_stats.limit, 1);
	assert_null(b->reasm[0]);
	mk_vid(sizeof(vid));
	for (i = 1; i <= IKE_FRAG_MAX_BYTES / 1000; i++) {
		mk_frag(id, (uint16_t)i, IKE_FRAG_MAX, IKE_PL_VENDOR, vid, 1000);
		deliver_all();
		assert_int_equal(b->reasm[0]->have, i);
	}
	assert_int_equal(ike_frag_stats.limit, 1);
	/* the next one is over the size limit: the message is dropped */
	mk_frag(id, (uint16_t)i, IKE_FRAG_MAX, IKE_PL_VENDOR, vid, 1000);
	deliver_all();
	assert_int_equal(ike_frag_stats.limit, 2);
	assert_null(b->reasm[0]);
	assert_int_equal(ike_frag_held(), 0);
	assert_int_equal(b->peer_next_msgid, id);
	/* the SA still takes a request */
	two_fragments(id);
	assert_int_equal(b->peer_next_msgid, id + 1);
}

static void timeout(void **state)
{
	struct ike_sa *b;
	struct ike_reasm *r;

	establish();
	b = ike_of(IF_B);
	mk_frag(b->peer_next_msgid, 1, 2, IKE_PL_VENDOR, vid, 100);
	deliver_all();
	r = b->reasm[0];
	assert_non_null(r);
	assert_true(timer_armed(&r->timer));
	assert_true(ike_frag_held() > 0);
	r->timer.fn(&r->timer);		/* its time is up */
	assert_null(b->reasm[0]);
	assert_int_equal(ike_frag_stats.timeout, 1);
	assert_int_equal(ike_frag_held(), 0);
}

static void not_negotiated(void **state)
{
	establish();
	ike_of(IF_B)->frag_on = false;
	mk_frag(ike_of(IF_B)->peer_next_msgid, 1, 2, IKE_PL_VENDOR, vid, 100);
	deliver_all();
	assert_int_equal(ike_frag_stats.unexpected, 1);
	assert_null(ike_of(IF_B)->reasm[0]);
}

/* The peer does not announce fragmentation: IKE_AUTH goes whole, and when
 * it is lost, the failure names the fragment MTU it exceeds. */
static void peer_without(void **state)
{
	struct ike_request *rq;
	struct mem o;
	char *s;
	unsigned int i;

	assert_int_equal(ike_initiate(&D.conf->tunnels[0], IF_A), 0);
	D.conf->g.frag = false;		/* B answers without the notify */
	link_deliver();
	D.conf->g.frag = true;
	link_deliver();
	assert_false(ike_of(IF_A)->frag_on);
	assert_int_equal(link_queued(), 1);
	assert_true(link_at(0)->len + 28 > MTU);
	rq = &ike_of(IF_A)->req[1];
	for (i = 0; i <= D.conf->g.retransmit_count; i++) {
		while (link_queued())
			link_drop();
		rq->timer.fn(&rq->timer);
	}
	diag_show_errors(mem_open(&o), false);
	s = mem_close(&o);
	assert_non_null(strstr(s, "IKE_AUTH of "));
	assert_non_null(strstr(s, "bytes got no answer"));
	assert_non_null(strstr(s, "did not announce IKEV2_FRAGMENTATION_SUPPORTED"));
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(round_trip),
		T(out_of_order),
		T(duplicate),
		T(bad_icv),
		T(retransmission),
		T(later_exchange),
		T(shown),
		T(peer_request),
		T(total_changes),
		T(newer_message),
		T(out_of_range),
		T(limits),
		T(timeout),
		T(not_negotiated),
		T(peer_without),
#undef T
	};

	return cmocka_run_group_tests_name("frag", tests, NULL, NULL);
}
