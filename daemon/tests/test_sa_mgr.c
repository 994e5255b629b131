// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the SA manager (flexsecd/sa_mgr.c), the runtime tunnels
 * (flexsecd/tunnel.c) and the hash tables under them, with IKE SAs made
 * and ended by the engine's own ike_sa_new/ike_sa_drop. The last test
 * prints a table of lookup costs at hub sizes (not asserted).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "daemon.h"
#include "diag.h"
#include "htab.h"
#include "ike_int.h"
#include "loop.h"
#include "sa_mgr.h"
#include "tunnel.h"

#define HUB	1000

static void addr(struct sockaddr_storage *ss, uint32_t a, uint16_t port)
{
	struct sockaddr_in *s = (struct sockaddr_in *)ss;

	memset(ss, 0, sizeof(*ss));
	s->sin_family = AF_INET;
	s->sin_addr.s_addr = htonl(a);
	s->sin_port = htons(port);
}

/* Peer I of the hub: 198.18.x.y (a benchmarking range). */
static uint32_t peer_ip(unsigned int i)
{
	return 0xc6120000u + 1 + i;
}

static int setup(void **state)
{
	diag_init(false, 50);
	return loop_init();
}

static int teardown(void **state)
{
	struct ike_sa *sa;

	while ((sa = sam_first()))
		ike_sa_drop(sa, "test over");
	ike_sa_reap();
	tunnel_fini();
	sam_fini();
	loop_fini();
	return 0;
}

static struct ike_sa *new_sa(bool initiator, unsigned int i, uint64_t spi_i)
{
	struct sockaddr_storage l, r;

	addr(&l, 0xc0000201, 500);
	addr(&r, peer_ip(i), 500);
	return ike_sa_new(initiator, &l, &r, spi_i);
}

static void finds_by_spis(void **state)
{
	struct ike_sa *i = new_sa(true, 1, 0), *r = new_sa(false, 2, 0x1111);

	assert_non_null(i);
	assert_non_null(r);
	assert_int_equal(sam_count(), 2);
	/* before the response: our initiator SPI with a zero responder SPI */
	assert_ptr_equal(sam_find(i->spi_i, 0, true), i);
	assert_null(sam_find(i->spi_i, 0, false));
	i->spi_r = 0x2222;
	assert_ptr_equal(sam_find(i->spi_i, 0x2222, true), i);
	assert_null(sam_find(i->spi_i, 0, true));
	assert_ptr_equal(sam_find(0x1111, r->spi_r, false), r);
	/* the wrong Initiator flag, or a wrong peer SPI, finds nothing */
	assert_null(sam_find(0x1111, r->spi_r, true));
	assert_null(sam_find(0x1112, r->spi_r, false));
	assert_ptr_equal(sam_find_half(0x1111, &r->remote), r);
	assert_null(sam_find_half(0x1111, &i->remote));
	/* a half-open initiator SA is no responder's */
	assert_null(sam_find_half(i->spi_i, &i->remote));
	assert_true(sam_spi_used(i->spi_i, true));
	assert_true(sam_spi_used(r->spi_r, false));
	ike_sa_drop(i, "test");
	assert_null(sam_find(i->spi_i, 0x2222, true));
	assert_int_equal(sam_count(), 1);
	ike_sa_reap();
}

static void counts_negotiations(void **state)
{
	struct ike_sa *a = new_sa(true, 1, 0), *b = new_sa(false, 2, 7);

	assert_int_equal(sam_negotiating(true), 1);
	assert_int_equal(sam_negotiating(false), 1);
	ike_set_state(a, IKE_ST_AUTH_SENT);
	assert_int_equal(sam_negotiating(true), 1);
	ike_set_state(a, IKE_ST_READY);
	assert_int_equal(sam_negotiating(true), 0);
	assert_int_equal(ike_set_state(b, IKE_ST_INIT_DONE), 0);
	assert_int_equal(sam_negotiating(false), 1);
	assert_int_equal(ike_set_state(b, IKE_ST_READY), 0);
	assert_int_equal(ike_set_state(b, IKE_ST_DELETING), 0);
	assert_int_equal(sam_negotiating(false), 0);
	ike_sa_drop(a, "test");
	ike_sa_drop(b, "test");
	ike_sa_reap();
	assert_int_equal(sam_count(), 0);
	assert_int_equal(sam_negotiating(true), 0);
	assert_int_equal(sam_negotiating(false), 0);
}

static void iterates_by_peer(void **state)
{
	struct ike_sa *a = new_sa(true, 5, 0), *b = new_sa(false, 5, 9);
	struct ike_sa *c = new_sa(true, 6, 0), *o;
	unsigned int n = 0;

	/* another port is the same peer */
	((struct sockaddr_in *)&b->remote)->sin_port = htons(4500);
	for (o = sam_peer_first(&a->remote); o; o = sam_peer_next(o, &a->remote)) {
		assert_true(o == a || o == b);
		n++;
	}
	assert_int_equal(n, 2);
	assert_ptr_equal(sam_peer_first(&c->remote), c);
	assert_null(sam_peer_next(c, &c->remote));
	ike_sa_drop(a, "test");
	assert_ptr_equal(sam_peer_first(&b->remote), b);
	ike_sa_reap();
}

static struct child_sa *child(struct ike_sa *sa, unsigned int ifindex,
			      uint32_t in)
{
	struct child_sa *c = calloc(1, sizeof(*c));

	assert_non_null(c);
	c->ike = sa;
	c->ifindex = ifindex;
	c->spi_in = in;
	assert_int_equal(sam_child_add(c), 0);
	c->next = sa->children;
	sa->children = c;
	return c;
}

static void finds_children(void **state)
{
	struct ike_sa *sa = new_sa(true, 1, 0);
	struct child_sa *a = child(sa, 10, 0xc0000001);
	struct child_sa *b = child(sa, 10, 0xc0000002);
	struct child_sa *c = child(sa, 11, 0xc0000001), *o;
	unsigned int n = 0;

	assert_ptr_equal(sam_child_find(10, 0xc0000001, true), a);
	assert_ptr_equal(sam_child_find(11, 0xc0000001, true), c);
	assert_null(sam_child_find(10, 0xc0000001, false));
	sam_child_set_out(a, 0x1234);
	sam_child_set_out(b, 0x1234);	/* the peer's SPIs may repeat */
	o = sam_child_find(10, 0x1234, false);
	assert_true(o == a || o == b);
	sam_child_set_out(b, 0x5678);
	assert_ptr_equal(sam_child_find(10, 0x1234, false), a);
	assert_ptr_equal(sam_child_find(10, 0x5678, false), b);
	for (o = sam_child_if_first(10); o; o = sam_child_if_next(o))
		n++;
	assert_int_equal(n, 2);
	child_free(a, false);
	assert_null(sam_child_find(10, 0xc0000001, true));
	assert_null(sam_child_find(10, 0x1234, false));
	assert_ptr_equal(sa->children, c);
	ike_sa_drop(sa, "test");	/* frees b and c */
	assert_null(sam_child_find(10, 0x5678, false));
	assert_null(sam_child_if_first(11));
	ike_sa_reap();
}

static void tunnels_by_name_and_index(void **state)
{
	struct conf_tunnel ct = { .name = "Tunnel7" };
	struct tunnel *t = tunnel_of(&ct);
	struct ike_sa *a = new_sa(true, 1, 0), *b = new_sa(true, 1, 0);

	assert_non_null(t);
	assert_ptr_equal(tunnel_find("Tunnel7"), t);
	assert_ptr_equal(t->conf, &ct);
	tunnel_set_ifindex(t, 42);
	assert_ptr_equal(tunnel_by_ifindex(42), t);
	tunnel_set_ifindex(t, 43);
	assert_null(tunnel_by_ifindex(42));
	assert_ptr_equal(tunnel_by_ifindex(43), t);
	tunnel_attach(a, t);
	tunnel_attach(b, t);
	assert_ptr_equal(a->tun, &ct);
	assert_ptr_equal(tunnel_ike_sa(t), b);	/* the newest */
	ike_set_state(b, IKE_ST_AUTH_SENT);
	ike_set_state(b, IKE_ST_READY);
	ike_set_state(b, IKE_ST_DELETING);
	assert_ptr_equal(tunnel_ike_sa(t), a);
	ike_sa_drop(a, "test");
	assert_null(a->rt);
	assert_null(tunnel_ike_sa(t));
	tunnel_rebind(t, NULL);
	assert_null(b->tun);
	tunnel_destroy(t);
	assert_null(b->rt);
	assert_null(tunnel_find("Tunnel7"));
	assert_null(tunnel_by_ifindex(43));
	ike_sa_reap();
}

/* Every transition the tables do not allow is refused, and leaves the
 * state as it was; every allowed one is taken. */
static void state_tables(void **state)
{
	static const struct { int from, to, ok; } ike[] = {
		{ IKE_ST_INIT_SENT, IKE_ST_READY, 0 },
		{ IKE_ST_INIT_SENT, IKE_ST_REKEYING, 0 },
		{ IKE_ST_INIT_DONE, IKE_ST_AUTH_SENT, 0 },
		{ IKE_ST_AUTH_SENT, IKE_ST_REKEYED, 0 },
		{ IKE_ST_READY, IKE_ST_INIT_SENT, 0 },
		{ IKE_ST_READY, IKE_ST_REKEYING, 1 },
		{ IKE_ST_REKEYING, IKE_ST_READY, 1 },
		{ IKE_ST_REKEYING, IKE_ST_REKEYED, 1 },
		{ IKE_ST_REKEYED, IKE_ST_READY, 0 },
		{ IKE_ST_REKEYED, IKE_ST_REKEYING, 0 },
		{ IKE_ST_DELETING, IKE_ST_READY, 0 },
		{ IKE_ST_DELETING, IKE_ST_DEAD, 1 },
		{ IKE_ST_DEAD, IKE_ST_READY, 0 },
		{ IKE_ST_DEAD, IKE_ST_DELETING, 0 },
	};
	static const struct { int from, to, ok; } ch[] = {
		{ CHILD_ST_NEGOTIATING, CHILD_ST_REKEYING, 0 },
		{ CHILD_ST_NEGOTIATING, CHILD_ST_REKEYED, 0 },
		{ CHILD_ST_NEGOTIATING, CHILD_ST_INSTALLED, 1 },
		{ CHILD_ST_INSTALLED, CHILD_ST_NEGOTIATING, 0 },
		{ CHILD_ST_INSTALLED, CHILD_ST_REKEYING, 1 },
		{ CHILD_ST_REKEYING, CHILD_ST_INSTALLED, 1 },
		{ CHILD_ST_REKEYING, CHILD_ST_NEGOTIATING, 0 },
		{ CHILD_ST_REKEYED, CHILD_ST_INSTALLED, 0 },
		{ CHILD_ST_REKEYED, CHILD_ST_REKEYING, 0 },
		{ CHILD_ST_REKEYED, CHILD_ST_DELETING, 1 },
		{ CHILD_ST_DELETING, CHILD_ST_INSTALLED, 0 },
		{ CHILD_ST_DELETING, CHILD_ST_REKEYED, 0 },
	};
	struct ike_sa *sa = new_sa(true, 1, 0);
	struct child_sa c = { .ike = sa };
	unsigned int i;

	for (i = 0; i < sizeof(ike) / sizeof(ike[0]); i++) {
		sa->state = ike[i].from;
		assert_int_equal(ike_set_state(sa, ike[i].to), ike[i].ok ? 0 : -1);
		assert_int_equal(sa->state, ike[i].ok ? ike[i].to : ike[i].from);
	}
	sa->state = IKE_ST_READY;
	for (i = 0; i < sizeof(ch) / sizeof(ch[0]); i++) {
		c.state = ch[i].from;
		assert_int_equal(child_set_state(&c, ch[i].to), ch[i].ok ? 0 : -1);
		assert_int_equal(c.state, ch[i].ok ? ch[i].to : ch[i].from);
	}
	ike_sa_drop(sa, "test");
	ike_sa_reap();
}

/* A hub's worth: SAs made, every one found, then ended, with nothing
 * left in any index. */
static void hub_sized(void **state)
{
	struct ike_sa **sas = calloc(HUB, sizeof(*sas));
	unsigned int i;

	assert_non_null(sas);
	for (i = 0; i < HUB; i++) {
		sas[i] = new_sa(i & 1, i, i & 1 ? 0 : 0x1000 + i);
		assert_non_null(sas[i]);
		sas[i]->spi_r = sas[i]->spi_r ? sas[i]->spi_r : 0x9000 + i;
	}
	assert_int_equal(sam_count(), HUB);
	for (i = 0; i < HUB; i++) {
		struct ike_sa *sa = sas[i];

		assert_ptr_equal(sam_find(sa->spi_i, sa->spi_r, sa->initiator), sa);
		assert_ptr_equal(sam_peer_first(&sa->remote), sa);
		if (!sa->initiator)
			assert_ptr_equal(sam_find_half(sa->spi_i, &sa->remote), sa);
	}
	for (i = 0; i < HUB; i++)
		ike_sa_drop(sas[i], "test");
	ike_sa_reap();
	assert_int_equal(sam_count(), 0);
	assert_null(sam_first());
	free(sas);
}

static double elapsed_ns(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) * 1e9 + (double)(b->tv_nsec - a->tv_nsec);
}

/* One row of the table: N SAs made, looked up ROUNDS times each, ended. */
static void measure(unsigned int n)
{
	struct ike_sa **sas = calloc(n, sizeof(*sas));
	struct timespec t0, t1, t2, t3;
	unsigned int i, k, rounds = 20;
	uintptr_t found = 0;

	assert_non_null(sas);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++) {
		sas[i] = new_sa(false, i, 0x100000 + i);
		assert_non_null(sas[i]);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	for (k = 0; k < rounds; k++)
		for (i = 0; i < n; i++)
			found += (uintptr_t)sam_find(sas[i]->spi_i, sas[i]->spi_r, false) ==
				 (uintptr_t)sas[i];
	clock_gettime(CLOCK_MONOTONIC, &t2);
	for (i = 0; i < n; i++)
		ike_sa_drop(sas[i], "test");
	ike_sa_reap();
	clock_gettime(CLOCK_MONOTONIC, &t3);
	assert_int_equal(found, (uintptr_t)n * rounds);
	printf("# sa_mgr: %6u SAs: create %7.0f ns/SA, lookup %5.0f ns, delete %7.0f ns/SA\n",
	       n, elapsed_ns(&t0, &t1) / n, elapsed_ns(&t1, &t2) / ((double)n * rounds),
	       elapsed_ns(&t2, &t3) / n);
	free(sas);
}

/* The timing table: lookups must not grow with the number of SAs. */
static void timing_table(void **state)
{
	measure(100);
	measure(1000);
	measure(10000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(finds_by_spis, setup, teardown),
		cmocka_unit_test_setup_teardown(counts_negotiations, setup, teardown),
		cmocka_unit_test_setup_teardown(iterates_by_peer, setup, teardown),
		cmocka_unit_test_setup_teardown(finds_children, setup, teardown),
		cmocka_unit_test_setup_teardown(tunnels_by_name_and_index, setup, teardown),
		cmocka_unit_test_setup_teardown(state_tables, setup, teardown),
		cmocka_unit_test_setup_teardown(hub_sized, setup, teardown),
		cmocka_unit_test_setup_teardown(timing_table, setup, teardown),
	};

	return cmocka_run_group_tests_name("sa_mgr", tests, NULL, NULL);
}
