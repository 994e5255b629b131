/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The event loop: epoll for file descriptors, one timerfd for all timers
 * (kept in a binary heap by deadline). Single-threaded; callbacks run in
 * the loop and must not block.
 */
#ifndef FLEXSECD_LOOP_H
#define FLEXSECD_LOOP_H

#include <stdbool.h>
#include <stdint.h>

struct timer;
typedef void (*timer_fn)(struct timer *t);

struct timer {
	uint64_t deadline_ms;	/* CLOCK_MONOTONIC */
	unsigned int heap_idx;	/* 0: not armed; else index + 1 */
	timer_fn fn;
	void *arg;
};

typedef void (*fd_fn)(int fd, uint32_t events, void *arg);

int loop_init(void);
void loop_fini(void);
/* Watches FD for EPOLLIN (and EVENTS); FN is called in the loop. */
int loop_add_fd(int fd, uint32_t events, fd_fn fn, void *arg);
void loop_del_fd(int fd);
/* Runs until loop_stop(). Returns 0, or -1 on an epoll failure. */
int loop_run(void);
void loop_stop(void);

uint64_t now_ms(void);
void timer_init(struct timer *t, timer_fn fn, void *arg);
/* (Re)arms T to fire MS milliseconds from now. */
void timer_arm(struct timer *t, uint64_t ms);
void timer_cancel(struct timer *t);
bool timer_armed(const struct timer *t);

#endif /* FLEXSECD_LOOP_H */
