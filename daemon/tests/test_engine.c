// SPDX-License-Identifier: GPL-2.0
/*
 * The IKE engine end to end, without a kernel: both ends of a tunnel run
 * in this one engine and talk through an in-memory link (engine_link.c).
 * End A is Tunnel0 (192.0.2.1, initiating), end B is Tunnel1 (192.0.2.2,
 * responder-only); the SA manager tells their SAs apart by the SPI each
 * chose, as it does for any two peers.
 *
 * After every datagram delivered the tests check the rule that makes a
 * rekey lose nothing: the outbound SA each end sends with is one that the
 * other end has installed inbound, with the same keys, and (once up) each
 * end always has an outbound SA to send with.
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
#include "daemon.h"
#include "engine_link.h"
#include "ike_int.h"
#include "loop.h"
#include "sa_mgr.h"
#include "tunnel.h"

#define IF_A	1
#define IF_B	2

static const char conf_text[] =
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
	" reauthentication 3600\n"
	"crypto ipsec transform-set TS esp-gcm 256\n"
	"crypto ipsec profile A\n"
	" set transform-set TS\n"
	" set ikev2-profile PROF\n"
	" set pfs group19\n"
	"crypto ipsec profile B\n"
	" set transform-set TS\n"
	" set ikev2-profile PROF\n"
	" set pfs group19\n"
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

/* --- the two ends --- */

static struct ike_sa *ike_of(unsigned int ifindex)
{
	return tunnel_ike_sa(tunnel_by_ifindex(ifindex));
}

static unsigned int ike_sas(unsigned int ifindex)
{
	const struct tunnel *t = tunnel_by_ifindex(ifindex);
	const struct ike_sa *sa;
	unsigned int n = 0;

	for (sa = t->sas; sa; sa = sa->tnext)
		if (sa->state != IKE_ST_DEAD)
			n++;
	return n;
}

/* The end's only CHILD SA; fails when it has none or more. */
static struct child_sa *child_of(unsigned int ifindex)
{
	struct ike_sa *sa = ike_of(ifindex);
	struct child_sa *c;

	assert_non_null(sa);
	c = sa->children;
	assert_non_null(c);
	assert_null(c->next);
	return c;
}

static unsigned int other(unsigned int ifindex)
{
	return ifindex == IF_A ? IF_B : IF_A;
}

/* --- the rule of no loss --- */

static bool up;		/* both ends have had a CHILD SA */

/* FROM's outbound SA is installed inbound at the other end, same keys. */
static void accepted(unsigned int from, unsigned int step)
{
	struct ksa *out = ksa_active_out(from), *in;

	/* in IKE_AUTH the responder installs first, as on every gateway */
	if (!up)
		return;
	if (!out)
		fail_msg("step %u: interface %u has no outbound SA", step, from);
	in = ksa_find(other(from), true, out->sa.spi);
	if (!in)
		fail_msg("step %u: interface %u sends with SPI 0x%08X, which interface %u does not have",
			 step, from, out->sa.spi, other(from));
	assert_int_equal(in->sa.enc_key_len, out->sa.enc_key_len);
	assert_memory_equal(in->sa.enc_key, out->sa.enc_key,
			    out->sa.enc_key_len);
}

static void lossless(unsigned int step)
{
	accepted(IF_A, step);
	accepted(IF_B, step);
}

/* Delivers every datagram on the link (and what answers them), checking
 * the rule after each; returns how many. */
static unsigned int pump(void)
{
	unsigned int n = 0;

	while (link_queued()) {
		assert_true(++n < 200);
		link_deliver();
		lossless(n);
	}
	return n;
}

/* Each end has exactly one CHILD SA, installed, and the kernel one SA pair
 * per interface that matches it. */
static void one_pair(void)
{
	struct child_sa *a = child_of(IF_A), *b = child_of(IF_B);

	assert_int_equal(a->state, CHILD_ST_INSTALLED);
	assert_int_equal(b->state, CHILD_ST_INSTALLED);
	assert_int_equal(a->spi_out, b->spi_in);
	assert_int_equal(b->spi_out, a->spi_in);
	assert_int_equal(ksa_count(IF_A, true), 1);
	assert_int_equal(ksa_count(IF_A, false), 1);
	assert_int_equal(ksa_count(IF_B, true), 1);
	assert_int_equal(ksa_count(IF_B, false), 1);
	assert_non_null(ksa_find(IF_A, true, a->spi_in));
	assert_int_equal(ksa_active_out(IF_A)->sa.spi, a->spi_out);
	assert_int_equal(ksa_active_out(IF_B)->sa.spi, b->spi_out);
	assert_int_equal(ksa_errors, 0);
}

/* Both ends hold one IKE SA, READY, the same one. */
static void one_ike(void)
{
	struct ike_sa *a = ike_of(IF_A), *b = ike_of(IF_B);

	assert_int_equal(ike_sas(IF_A), 1);
	assert_int_equal(ike_sas(IF_B), 1);
	assert_int_equal(a->state, IKE_ST_READY);
	assert_int_equal(b->state, IKE_ST_READY);
	assert_true(a->spi_i == b->spi_i && a->spi_r == b->spi_r);
	assert_true(a->initiator != b->initiator);
}

/* --- set-up --- */

static int setup(void **state)
{
	if (engine_start(conf_text, sizeof(conf_text) - 1, "engine"))
		return -1;
	up = false;
	return 0;
}

static int teardown(void **state)
{
	engine_stop();
	return 0;
}

/* A initiates; four datagrams later both ends have the IKE SA and the
 * CHILD SA of IKE_AUTH. */
static void establish(void)
{
	const struct conf_tunnel *t = &D.conf->tunnels[0];

	assert_int_equal(ike_initiate(t, IF_A), 0);
	assert_int_equal(pump(), 4);
	one_ike();
	one_pair();
	assert_true(ike_of(IF_A)->initiator);
	up = true;
}

/* flexsec.ko reports the soft expiry of END's inbound SA. */
static void soft_expire(unsigned int end)
{
	struct kmi_event ev = {
		.type = KMI_EV_SOFT_EXPIRE,
		.ifindex = end,
		.spi = child_of(end)->spi_in,
		.inbound = true,
		.limit = "seconds",
	};

	daemon_kernel_event(NULL, &ev);
}

/* --- the tests --- */

static void initial_exchange(void **state)
{
	struct child_sa *a;

	establish();
	a = child_of(IF_A);
	assert_int_equal(a->pfs_group, 0);
	assert_string_equal(a->ifname, "Tunnel0");
	assert_string_equal(child_of(IF_B)->ifname, "Tunnel1");
}

/* A CHILD SA rekey started by END's soft expiry: new SPIs, old SAs gone,
 * nothing lost on the way; PFS as the profile sets. */
static void child_rekey_by(unsigned int end)
{
	struct child_sa *old;
	uint32_t old_in, old_out;
	unsigned int adds;

	establish();
	old = child_of(end);
	old_in = old->spi_in;
	old_out = old->spi_out;
	adds = ksa_adds;
	soft_expire(end);
	assert_int_equal(old->state, CHILD_ST_REKEYING);
	/* request, answer; DELETE of the old pair, answer */
	assert_int_equal(pump(), 4);
	one_pair();
	one_ike();
	assert_int_not_equal(child_of(end)->spi_in, old_in);
	assert_int_not_equal(child_of(end)->spi_out, old_out);
	assert_null(ksa_find(end, true, old_in));
	assert_int_equal(ksa_adds - adds, 4);
	assert_int_equal(child_of(end)->pfs_group, IKE_DH_ECP_256);
}

static void child_rekey_initiator(void **state)
{
	child_rekey_by(IF_A);
}

static void child_rekey_responder(void **state)
{
	child_rekey_by(IF_B);
}

/* A rekey of the CHILD SA works: both ends derived the same keys. */
static void child_rekey_works(unsigned int end)
{
	uint32_t old = child_of(end)->spi_in;

	soft_expire(end);
	pump();
	one_pair();
	assert_int_not_equal(child_of(end)->spi_in, old);
}

/* An IKE SA rekey by END: a new IKE SA with new SPIs, the CHILD SA moved
 * to it untouched, the old IKE SA deleted; the new SA's keys work. */
static void ike_rekey_by(unsigned int end)
{
	struct ike_sa *old;
	uint64_t spi_i, spi_r;
	uint32_t child_in;
	unsigned int adds;

	establish();
	old = ike_of(end);
	spi_i = old->spi_i;
	spi_r = old->spi_r;
	child_in = child_of(end)->spi_in;
	adds = ksa_adds;
	assert_int_equal(ike_rekey_start(old), 0);
	assert_int_equal(pump(), 4);
	one_ike();
	assert_true(ike_of(end)->spi_i != spi_i && ike_of(end)->spi_r != spi_r);
	/* the rekey's initiator is the new SA's original initiator */
	assert_true(ike_of(end)->initiator);
	assert_ptr_equal(child_of(end)->ike, ike_of(end));
	assert_int_equal(child_of(end)->spi_in, child_in);
	assert_int_equal(ksa_adds, adds);
	one_pair();
	child_rekey_works(other(end));
}

static void ike_rekey_initiator(void **state)
{
	ike_rekey_by(IF_A);
}

static void ike_rekey_responder(void **state)
{
	ike_rekey_by(IF_B);
}

/* Both ends rekey the CHILD SA at once. The nonces are forced in the order
 * the engine draws them: A's Ni, B's Ni, then B's Nr (B answers A first),
 * A's Nr. The exchange with the lowest of the four made the redundant SA,
 * which its initiator deletes; the other exchange's SA is left. */
static void child_collision(bool a_lowest)
{
	static const uint8_t a_low[] = { 0x10, 0x20, 0x30, 0x40 };
	static const uint8_t b_low[] = { 0x20, 0x10, 0x40, 0x30 };
	uint32_t a_made, b_made;

	establish();
	link_force_nonces(a_lowest ? a_low : b_low, 4);
	soft_expire(IF_A);
	a_made = ksa_last_spi;		/* A's new inbound SPI, in its offer */
	soft_expire(IF_B);
	b_made = ksa_last_spi;
	pump();
	one_pair();
	one_ike();
	if (a_lowest) {
		/* B's exchange wins: B chose its inbound SPI in its offer */
		assert_int_equal(child_of(IF_B)->spi_in, b_made);
		assert_int_not_equal(child_of(IF_A)->spi_in, a_made);
	} else {
		assert_int_equal(child_of(IF_A)->spi_in, a_made);
		assert_int_not_equal(child_of(IF_B)->spi_in, b_made);
	}
	assert_true(ike_stats.child_rekey_collisions > 0);
	child_rekey_works(IF_A);
}

static void child_collision_a_lowest(void **state)
{
	child_collision(true);
}

static void child_collision_b_lowest(void **state)
{
	child_collision(false);
}

/* Both ends rekey the IKE SA at once: the same rule for IKE SAs, and the
 * new IKE SA left is the one the winning exchange made. */
static void ike_collision(bool a_lowest)
{
	static const uint8_t a_low[] = { 0x10, 0x20, 0x30, 0x40 };
	static const uint8_t b_low[] = { 0x20, 0x10, 0x40, 0x30 };
	uint64_t a_spi, b_spi;

	establish();
	link_force_nonces(a_lowest ? a_low : b_low, 4);
	assert_int_equal(ike_rekey_start(ike_of(IF_A)), 0);
	a_spi = ike_of(IF_A)->rekey_new->spi_i;
	assert_int_equal(ike_rekey_start(ike_of(IF_B)), 0);
	b_spi = ike_of(IF_B)->rekey_new->spi_i;
	pump();
	one_ike();
	one_pair();
	/* the winner's initiator chose the new SA's initiator SPI */
	assert_true(ike_of(IF_A)->spi_i == (a_lowest ? b_spi : a_spi));
	assert_true(ike_of(IF_A)->initiator == !a_lowest);
	assert_true(ike_stats.ike_rekey_collisions > 0);
	assert_ptr_equal(child_of(IF_A)->ike, ike_of(IF_A));
	assert_ptr_equal(child_of(IF_B)->ike, ike_of(IF_B));
	child_rekey_works(IF_B);
}

static void ike_collision_a_lowest(void **state)
{
	ike_collision(true);
}

static void ike_collision_b_lowest(void **state)
{
	ike_collision(false);
}

/* B rekeys its CHILD SA while A's IKE SA rekey is out: A answers
 * TEMPORARY_FAILURE, and B tries again once the IKE SA is rekeyed,
 * instead of leaving the SA to its hard lifetime (after which both ends
 * would make a CHILD SA of their own). */
static void child_rekey_retried(void **state)
{
	struct child_sa *b;
	uint32_t spi;

	establish();
	assert_int_equal(ike_rekey_start(ike_of(IF_A)), 0);
	b = child_of(IF_B);
	spi = b->spi_in;
	soft_expire(IF_B);
	pump();
	one_ike();
	one_pair();
	b = child_of(IF_B);
	assert_int_equal(b->spi_in, spi);	/* not rekeyed yet */
	assert_true(timer_armed(&b->rekey_retry));
	b->rekey_retry.fn(&b->rekey_retry);
	pump();
	one_ike();
	one_pair();
	assert_int_not_equal(child_of(IF_B)->spi_in, spi);
	assert_false(timer_armed(&child_of(IF_B)->rekey_retry));
}

/* The first request of ours out on END's IKE SA. */
static struct ike_request *request_out(unsigned int end)
{
	struct ike_sa *sa = ike_of(end);
	unsigned int i;

	for (i = 0; i < IKE_MAX_WINDOW; i++)
		if (sa->req[i].used)
			return &sa->req[i];
	fail_msg("no request out");
	return NULL;
}

/* A's CHILD rekey request arrives, B's answer is lost: A retransmits, B
 * answers from its cache without installing anything twice, and the rekey
 * completes. */
static void lost_response(void **state)
{
	struct ike_request *rq;
	unsigned int adds;

	establish();
	soft_expire(IF_A);
	link_deliver();			/* the request reaches B */
	lossless(1);
	adds = ksa_adds;
	assert_int_equal(link_queued(), 1);
	link_drop();			/* its answer is lost */
	rq = request_out(IF_A);
	assert_true(timer_armed(&rq->timer));
	rq->timer.fn(&rq->timer);	/* the retransmission timer fires */
	assert_int_equal(rq->retries, 1);
	assert_int_equal(link_queued(), 1);
	link_deliver();			/* B: the cached answer */
	assert_int_equal(ksa_adds, adds);
	lossless(2);
	pump();
	one_pair();
	one_ike();
	assert_true(ike_of(IF_B)->retransmits == 0);
	assert_true(ike_of(IF_A)->retransmits >= 1);
}

/* A lost request is sent again and the rekey completes the same way. */
static void lost_request(void **state)
{
	struct ike_request *rq;

	establish();
	soft_expire(IF_B);
	link_drop();
	rq = request_out(IF_B);
	rq->timer.fn(&rq->timer);
	pump();
	one_pair();
}

/* A rekeys the CHILD SA while B deletes it: B's DELETE and A's rekey
 * request cross. Whatever the order, the ends agree in the end and no SA
 * is left behind in either kernel. */
static void delete_races_rekey(void **state)
{
	establish();
	soft_expire(IF_A);
	assert_int_equal(child_delete_send(child_of(IF_B)), 0);
	up = false;			/* no CHILD SA is what B asked for */
	pump();
	one_ike();
	assert_null(ike_of(IF_A)->children);
	assert_null(ike_of(IF_B)->children);
	assert_int_equal(ksa_count(IF_A, true) + ksa_count(IF_A, false), 0);
	assert_int_equal(ksa_count(IF_B, true) + ksa_count(IF_B, false), 0);
	/* the IKE SA still works: a new CHILD SA comes up */
	assert_int_equal(child_create_start(ike_of(IF_A)), 0);
	pump();
	one_pair();
}

/* B deletes the IKE SA while A rekeys it: both ends end without it. */
static void ike_delete_races_rekey(void **state)
{
	establish();
	assert_int_equal(ike_rekey_start(ike_of(IF_A)), 0);
	assert_int_equal(ike_delete_send(ike_of(IF_B)), 0);
	up = false;
	pump();
	ike_sa_reap();
	assert_int_equal(ike_sas(IF_A), 0);
	assert_int_equal(ike_sas(IF_B), 0);
	assert_int_equal(ksa_count(IF_A, true) + ksa_count(IF_A, false), 0);
	assert_int_equal(ksa_count(IF_B, true) + ksa_count(IF_B, false), 0);
}

/* A reauthenticates (its profile says so; B's tunnel is responder-only):
 * a new IKE SA from IKE_SA_INIT with a new CHILD SA, then the old IKE SA
 * and its CHILD SA deleted, nothing lost on the way. B, whose IKE SA is
 * long established, takes the new one as the peer's reauthentication. */
static void reauthentication(void **state)
{
	struct ike_sa *old_a, *old_b;
	uint64_t spi_i, established;
	uint32_t child_in;
	unsigned int i;

	establish();
	old_a = ike_of(IF_A);
	old_b = ike_of(IF_B);
	spi_i = old_a->spi_i;
	child_in = child_of(IF_A)->spi_in;
	assert_true(timer_armed(&old_a->reauth));
	assert_false(timer_armed(&ike_of(IF_B)->reauth));
	ike_of(IF_B)->established_ms -= 60000;
	established = ike_stats.sa_established;
	old_a->reauth.fn(&old_a->reauth);	/* it is due */
	assert_non_null(old_a->reauth_new);
	/* IKE_SA_INIT and IKE_AUTH: B knows it for a reauthentication */
	for (i = 1; i <= 4; i++) {
		link_deliver();
		lossless(i);
	}
	assert_true(old_b->peer_reauth);
	assert_int_equal(old_b->state, IKE_ST_READY);
	/* A's DELETE of the old IKE SA, and its answer */
	assert_int_equal(pump(), 2);
	assert_int_equal(ike_stats.sa_established, established + 2);
	one_ike();
	one_pair();
	assert_true(ike_of(IF_A)->spi_i != spi_i);
	assert_true(ike_of(IF_A)->initiator);
	assert_int_not_equal(child_of(IF_A)->spi_in, child_in);
	assert_int_equal(ike_stats.ike_reauths, 1);
	/* the new SA reauthenticates in its turn, and rekeys */
	assert_true(timer_armed(&ike_of(IF_A)->reauth));
	child_rekey_works(IF_B);
}

/* Five CHILD rekeys and two IKE rekeys, from both ends in turn, lose
 * nothing and leave one IKE SA and one SA pair. */
static void many_rekeys(void **state)
{
	unsigned int i;

	establish();
	for (i = 0; i < 5; i++) {
		soft_expire(i % 2 ? IF_B : IF_A);
		pump();
		one_pair();
		if (i == 1 || i == 3) {
			assert_int_equal(ike_rekey_start(ike_of(i == 1 ? IF_A : IF_B)), 0);
			pump();
			one_ike();
		}
	}
	one_pair();
	one_ike();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(initial_exchange),
		T(child_rekey_initiator),
		T(child_rekey_responder),
		T(ike_rekey_initiator),
		T(ike_rekey_responder),
		T(child_collision_a_lowest),
		T(child_collision_b_lowest),
		T(ike_collision_a_lowest),
		T(ike_collision_b_lowest),
		T(child_rekey_retried),
		T(lost_response),
		T(lost_request),
		T(delete_races_rekey),
		T(ike_delete_races_rekey),
		T(reauthentication),
		T(many_rekeys),
#undef T
	};

	return cmocka_run_group_tests_name("engine", tests, NULL, NULL);
}
