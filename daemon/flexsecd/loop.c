// SPDX-License-Identifier: GPL-2.0
/*
 * The event loop: epoll for file descriptors, and one timerfd programmed
 * for the earliest of the timers, which a binary min-heap keeps ordered by
 * deadline (heap_idx is the timer's slot plus one, 0 when not armed).
 *
 * Callbacks may arm and cancel any timer and add and delete any fd. A
 * watch deleted while its events wait in the current epoll batch is only
 * marked dead there, and freed after the batch. A timer armed for now
 * from a timer callback fires on the next pass, a millisecond later at
 * the earliest, so a timer that re-arms itself cannot hold the loop.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "loop.h"

#define MAX_EVENTS	32
#define NO_DEADLINE	UINT64_MAX

struct watch {
	int fd;
	bool dead;
	fd_fn fn;
	void *arg;
	struct watch *next;
};

static struct {
	int epfd;
	int tfd;
	bool stop;
	struct watch *watches;		/* live ones */
	struct watch *graveyard;	/* deleted during a batch */
	unsigned int batch_depth;
	struct timer **heap;
	unsigned int n, cap;
	uint64_t programmed;		/* the timerfd's deadline */
	bool in_timers;			/* running timer callbacks */
	uint64_t pass_now;		/* the time of that pass */
} L = { .epfd = -1, .tfd = -1, .programmed = NO_DEADLINE };

/* Marks the timerfd in epoll: its events have no watch. */
static int timerfd_tag;

uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* --- the heap --- */

static void heap_set(unsigned int i, struct timer *t)
{
	L.heap[i] = t;
	t->heap_idx = i + 1;
}

static void sift_up(unsigned int i)
{
	struct timer *t = L.heap[i];
	unsigned int parent;

	while (i > 0) {
		parent = (i - 1) / 2;
		if (L.heap[parent]->deadline_ms <= t->deadline_ms)
			break;
		heap_set(i, L.heap[parent]);
		i = parent;
	}
	heap_set(i, t);
}

static void sift_down(unsigned int i)
{
	struct timer *t = L.heap[i];
	unsigned int child;

	for (;;) {
		child = 2 * i + 1;
		if (child >= L.n)
			break;
		if (child + 1 < L.n &&
		    L.heap[child + 1]->deadline_ms < L.heap[child]->deadline_ms)
			child++;
		if (t->deadline_ms <= L.heap[child]->deadline_ms)
			break;
		heap_set(i, L.heap[child]);
		i = child;
	}
	heap_set(i, t);
}

/* Puts the timer at slot I where its deadline says, up or down. */
static void heap_fix(unsigned int i)
{
	if (i > 0 && L.heap[(i - 1) / 2]->deadline_ms > L.heap[i]->deadline_ms)
		sift_up(i);
	else
		sift_down(i);
}

static void heap_grow(void)
{
	unsigned int cap = L.cap ? 2 * L.cap : 64;
	struct timer **heap;

	heap = realloc(L.heap, cap * sizeof(*heap));
	if (!heap) {
		/* timer_arm() cannot fail: a lost timer would hang a peer. */
		fputs("flexsecd: out of memory for timers\n", stderr);
		abort();
	}
	L.heap = heap;
	L.cap = cap;
}

static void heap_push(struct timer *t)
{
	if (L.n == L.cap)
		heap_grow();
	heap_set(L.n++, t);
	sift_up(L.n - 1);
}

static void heap_remove(struct timer *t)
{
	unsigned int i = t->heap_idx - 1;
	struct timer *last = L.heap[--L.n];

	t->heap_idx = 0;
	if (i == L.n)
		return;
	heap_set(i, last);
	heap_fix(i);
}

/* --- timers --- */

void timer_init(struct timer *t, timer_fn fn, void *arg)
{
	t->deadline_ms = 0;
	t->heap_idx = 0;
	t->fn = fn;
	t->arg = arg;
}

void timer_arm(struct timer *t, uint64_t ms)
{
	uint64_t now = now_ms();

	t->deadline_ms = ms > NO_DEADLINE - 1 - now ? NO_DEADLINE - 1 :
						     now + ms;
	if (L.in_timers && t->deadline_ms <= L.pass_now)
		t->deadline_ms = L.pass_now + 1;
	if (t->heap_idx)
		heap_fix(t->heap_idx - 1);
	else
		heap_push(t);
}

void timer_cancel(struct timer *t)
{
	if (t->heap_idx)
		heap_remove(t);
}

bool timer_armed(const struct timer *t)
{
	return t->heap_idx != 0;
}

/*
 * Runs the timers due now, earliest first, one at a time: a callback may
 * cancel (and free) any timer still in the heap.
 */
static void run_timers(void)
{
	struct timer *t;

	L.in_timers = true;
	L.pass_now = now_ms();
	while (L.n && L.heap[0]->deadline_ms <= L.pass_now && !L.stop) {
		t = L.heap[0];
		heap_remove(t);
		if (t->fn)
			t->fn(t);
	}
	L.in_timers = false;
}

/* Points the timerfd at the earliest deadline (or disarms it). */
static void program_timerfd(void)
{
	uint64_t next = L.n ? L.heap[0]->deadline_ms : NO_DEADLINE;
	struct itimerspec its = { 0 };

	if (next == L.programmed)
		return;
	if (next != NO_DEADLINE) {
		its.it_value.tv_sec = next / 1000;
		its.it_value.tv_nsec = next % 1000 * 1000000;
		if (!its.it_value.tv_sec && !its.it_value.tv_nsec)
			its.it_value.tv_nsec = 1;	/* 0 would disarm */
	}
	if (timerfd_settime(L.tfd, TFD_TIMER_ABSTIME, &its, NULL) == 0)
		L.programmed = next;
}

static void drain_timerfd(void)
{
	uint64_t ticks;

	while (read(L.tfd, &ticks, sizeof(ticks)) < 0 && errno == EINTR)
		;
	/* The expiry is consumed: program_timerfd() must set it again. */
	L.programmed = NO_DEADLINE;
}

/* --- file descriptors --- */

static struct watch **watch_find(int fd)
{
	struct watch **pw;

	for (pw = &L.watches; *pw; pw = &(*pw)->next)
		if ((*pw)->fd == fd)
			return pw;
	return NULL;
}

int loop_add_fd(int fd, uint32_t events, fd_fn fn, void *arg)
{
	struct epoll_event ev = { .events = EPOLLIN | events };
	struct watch *w;

	if (watch_find(fd)) {
		errno = EEXIST;
		return -1;
	}
	w = calloc(1, sizeof(*w));
	if (!w)
		return -1;
	w->fd = fd;
	w->fn = fn;
	w->arg = arg;
	ev.data.ptr = w;
	if (epoll_ctl(L.epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
		free(w);
		return -1;
	}
	w->next = L.watches;
	L.watches = w;
	return 0;
}

void loop_del_fd(int fd)
{
	struct watch **pw = watch_find(fd);
	struct watch *w;

	if (!pw)
		return;
	w = *pw;
	*pw = w->next;
	epoll_ctl(L.epfd, EPOLL_CTL_DEL, fd, NULL);
	if (!L.batch_depth) {
		free(w);
		return;
	}
	/* Events of this batch may still point at it. */
	w->dead = true;
	w->next = L.graveyard;
	L.graveyard = w;
}

static void free_list(struct watch **head)
{
	struct watch *w;

	while (*head) {
		w = *head;
		*head = w->next;
		free(w);
	}
}

static void dispatch(const struct epoll_event *evs, int n)
{
	struct watch *w;
	int i;

	L.batch_depth++;
	for (i = 0; i < n && !L.stop; i++) {
		w = evs[i].data.ptr;
		if (w == (void *)&timerfd_tag) {
			drain_timerfd();
			run_timers();
		} else if (!w->dead) {
			w->fn(w->fd, evs[i].events, w->arg);
		}
	}
	if (!--L.batch_depth)
		free_list(&L.graveyard);
}

/* --- the loop --- */

int loop_init(void)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &timerfd_tag };

	L.epfd = epoll_create1(EPOLL_CLOEXEC);
	if (L.epfd < 0)
		return -1;
	L.tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (L.tfd < 0 || epoll_ctl(L.epfd, EPOLL_CTL_ADD, L.tfd, &ev) < 0) {
		loop_fini();
		return -1;
	}
	L.programmed = NO_DEADLINE;
	L.stop = false;
	return 0;
}

void loop_fini(void)
{
	while (L.n)
		heap_remove(L.heap[L.n - 1]);
	free(L.heap);
	L.heap = NULL;
	L.cap = 0;
	free_list(&L.watches);
	free_list(&L.graveyard);
	if (L.tfd >= 0)
		close(L.tfd);
	if (L.epfd >= 0)
		close(L.epfd);
	L.tfd = L.epfd = -1;
	L.programmed = NO_DEADLINE;
}

void loop_stop(void)
{
	L.stop = true;
}

int loop_run(void)
{
	struct epoll_event evs[MAX_EVENTS];
	int n;

	L.stop = false;
	while (!L.stop) {
		run_timers();
		if (L.stop)
			break;
		program_timerfd();
		n = epoll_wait(L.epfd, evs, MAX_EVENTS, -1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		dispatch(evs, n);
	}
	return 0;
}
