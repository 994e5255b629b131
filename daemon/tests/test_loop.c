// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the event loop (flexsecd/loop.c): timers and fds. */

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <cmocka.h>

#include "loop.h"

#define N_RANDOM	1000

static int setup(void **state)
{
	return loop_init();
}

static int teardown(void **state)
{
	loop_fini();
	return 0;
}

/* Stops the loop when it fires: the end of each test's run. */
static void stop_fn(struct timer *t)
{
	loop_stop();
}

/* A guard against a test that would otherwise run for ever. */
static struct timer guard;

static void guard_fn(struct timer *t)
{
	fail_msg("the loop did not stop in time");
}

static void run_with_guard(uint64_t ms)
{
	timer_init(&guard, guard_fn, NULL);
	timer_arm(&guard, ms);
	assert_int_equal(loop_run(), 0);
	timer_cancel(&guard);
}

/* --- order --- */

struct order {
	unsigned int seen[N_RANDOM + 8];
	unsigned int n;
};

static struct order order;

struct rec {
	struct timer t;
	unsigned int id;
	uint64_t fired_at;
	unsigned int fired;
};

static void rec_fn(struct timer *t)
{
	struct rec *r = t->arg;

	assert_false(timer_armed(t));
	assert_true(now_ms() >= t->deadline_ms);
	r->fired++;
	r->fired_at = t->deadline_ms;
	order.seen[order.n++] = r->id;
}

static void rec_init(struct rec *r, unsigned int id)
{
	memset(r, 0, sizeof(*r));
	r->id = id;
	timer_init(&r->t, rec_fn, r);
}

static void deadline_order(void **state)
{
	static const unsigned int ms[] = { 30, 10, 20, 0, 25 };
	static const unsigned int want[] = { 3, 1, 2, 4, 0 };
	struct rec r[5];
	struct timer end;
	uint64_t start = now_ms();
	unsigned int i;

	memset(&order, 0, sizeof(order));
	for (i = 0; i < 5; i++) {
		rec_init(&r[i], i);
		timer_arm(&r[i].t, ms[i]);
		assert_true(timer_armed(&r[i].t));
	}
	timer_init(&end, stop_fn, NULL);
	timer_arm(&end, 40);
	run_with_guard(5000);
	assert_int_equal(order.n, 5);
	for (i = 0; i < 5; i++) {
		assert_int_equal(order.seen[i], want[i]);
		assert_int_equal(r[i].fired, 1);
	}
	assert_true(now_ms() - start >= 40);
	assert_false(timer_armed(&end));
}

/* --- callbacks that arm and cancel --- */

struct juggler {
	struct timer self, victim, child;
	unsigned int self_runs, victim_runs, child_runs;
};

static struct juggler J;

static void victim_fn(struct timer *t)
{
	J.victim_runs++;
}

static void child_fn(struct timer *t)
{
	J.child_runs++;
	/* Cancelling oneself after the fact is harmless. */
	timer_cancel(t);
	if (J.self_runs == 3)
		loop_stop();
}

static void self_fn(struct timer *t)
{
	J.self_runs++;
	if (J.self_runs == 1) {
		/* Re-arm oneself, and move another timer later and later. */
		timer_arm(t, 0);
		timer_arm(&J.victim, 50);
		return;
	}
	if (J.self_runs == 2) {
		timer_cancel(&J.victim);
		timer_arm(t, 5);
		/* Arm then cancel oneself: it must not fire again. */
		timer_cancel(t);
		timer_arm(t, 1);
		return;
	}
	assert_int_equal(J.self_runs, 3);
	timer_arm(&J.child, 2);
}

static void rearm_cancel(void **state)
{
	memset(&J, 0, sizeof(J));
	timer_init(&J.self, self_fn, NULL);
	timer_init(&J.victim, victim_fn, NULL);
	timer_init(&J.child, child_fn, NULL);
	timer_arm(&J.victim, 3);
	timer_arm(&J.self, 1);
	run_with_guard(5000);
	assert_int_equal(J.self_runs, 3);
	assert_int_equal(J.victim_runs, 0);
	assert_int_equal(J.child_runs, 1);
	assert_false(timer_armed(&J.self));
	assert_false(timer_armed(&J.victim));
	assert_false(timer_armed(&J.child));
}

/* A timer that re-arms itself for now must let the loop go on. */
static unsigned int spins;

static void spin_fn(struct timer *t)
{
	spins++;
	timer_arm(t, 0);
}

static void self_rearm_no_starvation(void **state)
{
	struct timer spin, end;

	spins = 0;
	timer_init(&spin, spin_fn, NULL);
	timer_init(&end, stop_fn, NULL);
	timer_arm(&spin, 0);
	timer_arm(&end, 20);
	run_with_guard(5000);
	assert_true(spins > 0);
	/* At most one run per millisecond, and a pass to begin with. */
	assert_true(spins <= 22);
	timer_cancel(&spin);
}

/*
 * A timer without a callback (armed before its owner set one) is
 * dropped when due.
 */
static void null_callback(void **state)
{
	struct timer t, end;

	timer_init(&t, NULL, NULL);
	timer_init(&end, stop_fn, NULL);
	timer_arm(&t, 1);
	timer_arm(&end, 5);
	run_with_guard(5000);
	assert_false(timer_armed(&t));
}

/* --- many timers --- */

static struct rec many[N_RANDOM];
static uint64_t last_deadline;

static void many_fn(struct timer *t)
{
	/* Deadlines come out in order. */
	assert_true(t->deadline_ms >= last_deadline);
	last_deadline = t->deadline_ms;
	rec_fn(t);
}

static void heap_random(void **state)
{
	struct timer end;
	unsigned int i, fired = 0, cancelled = 0;

	srandom(4242);
	memset(&order, 0, sizeof(order));
	last_deadline = 0;
	for (i = 0; i < N_RANDOM; i++) {
		rec_init(&many[i], i);
		timer_init(&many[i].t, many_fn, &many[i]);
		timer_arm(&many[i].t, random() % 60);
	}
	/* Re-arm a third (earlier or later), cancel a tenth. */
	for (i = 0; i < N_RANDOM; i += 3)
		timer_arm(&many[i].t, random() % 60);
	for (i = 0; i < N_RANDOM; i += 10) {
		timer_cancel(&many[i].t);
		assert_false(timer_armed(&many[i].t));
		cancelled++;
	}
	timer_init(&end, stop_fn, NULL);
	timer_arm(&end, 80);
	run_with_guard(10000);
	for (i = 0; i < N_RANDOM; i++) {
		if (i % 10 == 0) {
			assert_int_equal(many[i].fired, 0);
			continue;
		}
		assert_int_equal(many[i].fired, 1);
		fired++;
	}
	assert_int_equal(fired + cancelled, N_RANDOM);
	assert_int_equal(order.n, fired);
}

/* Cancelling timers in any order keeps the others in order. */
static void heap_random_cancel(void **state)
{
	unsigned int i, left = 0;
	struct timer end;

	srandom(77);
	memset(&order, 0, sizeof(order));
	last_deadline = 0;
	for (i = 0; i < N_RANDOM; i++) {
		rec_init(&many[i], i);
		timer_init(&many[i].t, many_fn, &many[i]);
		timer_arm(&many[i].t, 1 + random() % 40);
	}
	for (i = 0; i < N_RANDOM; i++)
		if (random() % 2)
			timer_cancel(&many[random() % N_RANDOM].t);
	for (i = 0; i < N_RANDOM; i++)
		left += timer_armed(&many[i].t);
	timer_init(&end, stop_fn, NULL);
	timer_arm(&end, 60);
	run_with_guard(10000);
	assert_int_equal(order.n, left);
}

/* --- file descriptors --- */

struct pipe_ctx {
	int fds[2];
	unsigned int reads;
	char buf[16];
};

static void pipe_read_fn(int fd, uint32_t events, void *arg)
{
	struct pipe_ctx *p = arg;
	ssize_t n;

	assert_true(events & EPOLLIN);
	n = read(fd, p->buf, sizeof(p->buf));
	assert_int_equal(n, 5);
	p->reads++;
	loop_stop();
}

static void write_fn(struct timer *t)
{
	struct pipe_ctx *p = t->arg;

	assert_int_equal(write(p->fds[1], "hello", 5), 5);
}

static void fd_dispatch(void **state)
{
	struct pipe_ctx p = { 0 };
	struct timer w, end;

	assert_int_equal(pipe2(p.fds, O_NONBLOCK | O_CLOEXEC), 0);
	assert_int_equal(loop_add_fd(p.fds[0], 0, pipe_read_fn, &p), 0);
	/* The same fd twice is refused. */
	assert_int_equal(loop_add_fd(p.fds[0], 0, pipe_read_fn, &p), -1);
	assert_int_equal(errno, EEXIST);
	timer_init(&w, write_fn, &p);
	timer_arm(&w, 5);
	run_with_guard(5000);
	assert_int_equal(p.reads, 1);
	assert_memory_equal(p.buf, "hello", 5);
	loop_del_fd(p.fds[0]);
	/* Deleted: a second write is not read. */
	assert_int_equal(write(p.fds[1], "again", 5), 5);
	timer_arm(&w, 1);
	timer_init(&end, stop_fn, NULL);
	timer_arm(&end, 10);
	run_with_guard(5000);
	assert_int_equal(p.reads, 1);
	close(p.fds[0]);
	close(p.fds[1]);
}

/*
 * Two readable pipes: the first callback deletes (and closes) the other,
 * whose event may already wait in the same batch.
 */
static struct pipe_ctx pa, pb;
static unsigned int del_calls;

static void deleter_fn(int fd, uint32_t events, void *arg)
{
	struct pipe_ctx *me = arg, *other = me == &pa ? &pb : &pa;

	del_calls++;
	loop_del_fd(me->fds[0]);
	loop_del_fd(other->fds[0]);
	close(other->fds[0]);
	other->fds[0] = -1;
	loop_stop();
}

static void fd_delete_in_callback(void **state)
{
	assert_int_equal(pipe2(pa.fds, O_CLOEXEC), 0);
	assert_int_equal(pipe2(pb.fds, O_CLOEXEC), 0);
	assert_int_equal(loop_add_fd(pa.fds[0], 0, deleter_fn, &pa), 0);
	assert_int_equal(loop_add_fd(pb.fds[0], 0, deleter_fn, &pb), 0);
	assert_int_equal(write(pa.fds[1], "x", 1), 1);
	assert_int_equal(write(pb.fds[1], "x", 1), 1);
	del_calls = 0;
	run_with_guard(5000);
	assert_int_equal(del_calls, 1);
	if (pa.fds[0] >= 0)
		close(pa.fds[0]);
	if (pb.fds[0] >= 0)
		close(pb.fds[0]);
	close(pa.fds[1]);
	close(pb.fds[1]);
}

/* A timer callback deletes an fd that is readable. */
static struct pipe_ctx pt;

static void never_fn(int fd, uint32_t events, void *arg)
{
	fail_msg("a deleted fd was dispatched");
}

static void del_timer_fn(struct timer *t)
{
	loop_del_fd(pt.fds[0]);
}

static void fd_deleted_by_timer(void **state)
{
	struct timer d, end;

	assert_int_equal(pipe2(pt.fds, O_CLOEXEC), 0);
	assert_int_equal(loop_add_fd(pt.fds[0], 0, never_fn, NULL), 0);
	timer_init(&d, del_timer_fn, NULL);
	timer_init(&end, stop_fn, NULL);
	timer_arm(&d, 0);
	timer_arm(&end, 10);
	/* Readable before the loop runs: timers due run first. */
	assert_int_equal(write(pt.fds[1], "x", 1), 1);
	run_with_guard(5000);
	close(pt.fds[0]);
	close(pt.fds[1]);
}

/* --- stopping --- */

static unsigned int after_stop;

static void stop_then_fn(struct timer *t)
{
	loop_stop();
}

static void late_fn(struct timer *t)
{
	after_stop++;
}

static void stop_and_restart(void **state)
{
	struct timer s, late;

	after_stop = 0;
	timer_init(&s, stop_then_fn, NULL);
	timer_init(&late, late_fn, NULL);
	timer_arm(&s, 1);
	timer_arm(&late, 30);
	run_with_guard(5000);
	/* Stopped before the later timer, which stays armed... */
	assert_int_equal(after_stop, 0);
	assert_true(timer_armed(&late));
	/* ...and fires when the loop runs again. */
	timer_arm(&s, 50);
	run_with_guard(5000);
	assert_int_equal(after_stop, 1);
	assert_false(timer_armed(&late));
}

/* Time passes, monotonically. */
static void clock_monotonic(void **state)
{
	uint64_t a = now_ms(), b;

	usleep(3000);
	b = now_ms();
	assert_true(b >= a + 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(deadline_order, setup,
						teardown),
		cmocka_unit_test_setup_teardown(rearm_cancel, setup, teardown),
		cmocka_unit_test_setup_teardown(self_rearm_no_starvation, setup,
						teardown),
		cmocka_unit_test_setup_teardown(null_callback, setup, teardown),
		cmocka_unit_test_setup_teardown(heap_random, setup, teardown),
		cmocka_unit_test_setup_teardown(heap_random_cancel, setup,
						teardown),
		cmocka_unit_test_setup_teardown(fd_dispatch, setup, teardown),
		cmocka_unit_test_setup_teardown(fd_delete_in_callback, setup,
						teardown),
		cmocka_unit_test_setup_teardown(fd_deleted_by_timer, setup,
						teardown),
		cmocka_unit_test_setup_teardown(stop_and_restart, setup,
						teardown),
		cmocka_unit_test(clock_monotonic),
	};

	return cmocka_run_group_tests_name("loop", tests, NULL, NULL);
}
