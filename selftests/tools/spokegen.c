// SPDX-License-Identifier: GPL-2.0
/*
 * spokegen: N FlexVPN spokes against one hub, from one process, for the
 * hub's scale benchmark (selftests/bench/hub_scale.sh).
 *
 *   spokegen [-n N] [-b FIRST] [-h HUB] [-k PSK] [-w WINDOW] [-t MS]
 *            [-r RETRIES] [-d DOMAIN] [-H SECONDS] [-F] [-p] [-x]
 *
 * Spoke K (1..N) is an IKEv2 initiator on FIRST + K - 1, port 500, each
 * with a UDP socket of its own, all in one epoll loop: IKE_SA_INIT,
 * IKE_AUTH with the PSK, identity spokeK.DOMAIN, a CFG_REQUEST for an
 * address and one CHILD SA (spokegen_ike.c). The addresses must be local
 * (one "ip route add local 10.1.0.0/16 dev lo" does for all); they are
 * bound with IP_FREEBIND. At most WINDOW exchanges are in flight; a
 * request unanswered after MS milliseconds is sent again, with the time
 * doubled each time, RETRIES times before the spoke fails.
 *
 * Once every spoke is up or failed, spokegen holds its IKE SAs, answering
 * the hub's requests (DPD), for SECONDS (-H; until SIGTERM or SIGINT by
 * default), then deletes them, again WINDOW at a time, and exits; -x
 * exits without deleting. SIGUSR1 prints the counters. With -p spokegen
 * stops itself (SIGSTOP) once its sockets are bound, so that a benchmark
 * can take its figures before the first packet; SIGCONT starts it.
 *
 * It prints a line per tenth of the spokes up and, at the end,
 *   spokegen: 1000/1000 up in 12.3 s, 0 failed, assigned 1000 addresses
 * Each spoke shares one ECP-256 key pair (-F: a fresh one per spoke);
 * nonces and SPIs are fresh.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "spokegen.h"

#define MAX_FAIL_SHOWN	10
#define MAX_SPOKES	65000

struct sg_opts sg_opt = {
	.n = 10,
	.psk = "lab secret",
	.domain = "lab.example",
	.window = 20,
	.timeout_ms = 2000,
	.retries = 5,
};
struct sg_stats sg_stats;

static struct spoke *spokes;
static struct spoke *flight;		/* exchanges in flight */
static unsigned int n_flight;
static int ep = -1, sig_fd = -1;
static uint64_t t0;

uint64_t sg_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static double secs_since(uint64_t t)
{
	return (double)(sg_now_ms() - t) / 1000.0;
}

static const char *addr_str(struct in_addr a, char *buf)
{
	return inet_ntop(AF_INET, &a, buf, INET_ADDRSTRLEN);
}

static void flight_add(struct spoke *s)
{
	s->prev = NULL;
	s->next = flight;
	if (flight)
		flight->prev = s;
	flight = s;
	n_flight++;
}

void sg_done(struct spoke *s)
{
	if (!s->prev && flight != s)
		return;
	if (s->prev)
		s->prev->next = s->next;
	else
		flight = s->next;
	if (s->next)
		s->next->prev = s->prev;
	s->next = s->prev = NULL;
	n_flight--;
}

void sg_fail(struct spoke *s, const char *fmt, ...)
{
	char a[INET_ADDRSTRLEN], why[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	if (++sg_stats.failed <= MAX_FAIL_SHOWN)
		printf("spokegen: spoke%u (%s) failed: %s\n", s->num,
		       addr_str(s->local.sin_addr, a), why);
	s->state = SG_FAILED;
	sg_spoke_free(s);
	sg_done(s);
}

int sg_xmit(struct spoke *s)
{
	if (send(s->fd, s->req.p, s->req.len, 0) < 0 && errno != EAGAIN &&
	    errno != ENOBUFS)
		return -1;
	s->deadline_ms = sg_now_ms() +
			 ((uint64_t)sg_opt.timeout_ms << (s->tries < 6 ?
							  s->tries : 6));
	if (!s->next && !s->prev && flight != s)
		flight_add(s);
	return 0;
}

/* Retransmits what timed out; the ms until the next deadline, or -1. */
static int run_timers(void)
{
	uint64_t now = sg_now_ms(), next = UINT64_MAX;
	struct spoke *s, *n;

	for (s = flight; s; s = n) {
		n = s->next;
		if (s->deadline_ms <= now) {
			if (s->tries >= sg_opt.retries) {
				sg_fail(s, "no answer to %s after %u retransmissions",
					s->state == SG_INIT ? "IKE_SA_INIT" :
					s->state == SG_AUTH ? "IKE_AUTH" :
					"the Delete", s->tries);
				continue;
			}
			s->tries++;
			sg_stats.retransmits++;
			if (sg_xmit(s)) {
				sg_fail(s, "sending failed: %s",
					strerror(errno));
				continue;
			}
		}
		if (s->deadline_ms < next)
			next = s->deadline_ms;
	}
	return next == UINT64_MAX ? -1 : (int)(next - now);
}

static int open_socket(struct spoke *s)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = s };
	int one = 1;

	s->fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s->fd < 0)
		return -1;
	if (setsockopt(s->fd, IPPROTO_IP, IP_FREEBIND, &one, sizeof(one)) ||
	    bind(s->fd, (struct sockaddr *)&s->local, sizeof(s->local)) ||
	    connect(s->fd, (struct sockaddr *)&sg_opt.hub,
		    sizeof(sg_opt.hub)) ||
	    epoll_ctl(ep, EPOLL_CTL_ADD, s->fd, &ev))
		return -1;
	return 0;
}

/* Room for a descriptor per spoke. */
static int raise_nofile(unsigned int n)
{
	struct rlimit r;
	rlim_t want = (rlim_t)n + 64;

	if (getrlimit(RLIMIT_NOFILE, &r))
		return -1;
	if (r.rlim_cur >= want)
		return 0;
	r.rlim_cur = want;
	if (r.rlim_max < want)
		r.rlim_max = want;
	return setrlimit(RLIMIT_NOFILE, &r);
}

static void read_spoke(struct spoke *s)
{
	static uint8_t pkt[IKE_MAX_MSG];
	ssize_t len;

	while ((len = recv(s->fd, pkt, sizeof(pkt), 0)) >= 0)
		if (s->state != SG_FAILED)
			sg_input(s, pkt, (size_t)len);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static double cpu_secs(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru))
		return 0;
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* The summary once every spoke is up or failed. */
static void up_summary(void)
{
	uint64_t *t = calloc(sg_opt.n, sizeof(*t));
	uint32_t *a = calloc(sg_opt.n, sizeof(*a));
	unsigned int i, nt = 0, na = 0, distinct = 0;

	for (i = 0; t && a && i < sg_opt.n; i++) {
		if (spokes[i].state != SG_UP)
			continue;
		t[nt++] = spokes[i].up_ms - spokes[i].started_ms;
		if (spokes[i].assigned.s_addr)
			a[na++] = ntohl(spokes[i].assigned.s_addr);
	}
	qsort(a, na, sizeof(*a), cmp_u32);
	for (i = 0; i < na; i++)
		if (!i || a[i] != a[i - 1])
			distinct++;
	printf("spokegen: %u/%u up in %.1f s, %u failed, assigned %u addresses\n",
	       sg_stats.up, sg_opt.n, secs_since(t0), sg_stats.failed,
	       distinct);
	if (nt) {
		qsort(t, nt, sizeof(*t), cmp_u64);
		printf("spokegen: each spoke's setup: median %.2f s, 90th percentile %.2f s, max %.2f s\n",
		       (double)t[nt / 2] / 1000, (double)t[nt * 9 / 10] / 1000,
		       (double)t[nt - 1] / 1000);
	}
	printf("spokegen: %u retransmissions, %u cookies, %u datagrams dropped, %.1f s of CPU\n",
	       sg_stats.retransmits, sg_stats.cookies, sg_stats.bad,
	       cpu_secs());
	fflush(stdout);
	free(t);
	free(a);
}

static void counters(void)
{
	printf("spokegen: %u up, %u failed, %u in flight; answered %u DPD requests (%u again), %u other requests; the hub deleted %u\n",
	       sg_stats.up - sg_stats.hub_deleted - sg_stats.deleted,
	       sg_stats.failed, n_flight, sg_stats.dpd, sg_stats.dpd_again,
	       sg_stats.other_requests, sg_stats.hub_deleted);
	fflush(stdout);
}

/* One pass of the loop: datagrams, signals; true when told to end. */
static bool poll_once(int timeout)
{
	struct epoll_event ev[64];
	struct signalfd_siginfo si;
	bool stop = false;
	int i, n;

	n = epoll_wait(ep, ev, 64, timeout);
	for (i = 0; i < n; i++) {
		if (ev[i].data.ptr) {
			read_spoke(ev[i].data.ptr);
			continue;
		}
		while (read(sig_fd, &si, sizeof(si)) == sizeof(si)) {
			if (si.ssi_signo == SIGUSR1)
				counters();
			else
				stop = true;
		}
	}
	return stop;
}

static int min_timeout(int a, int b)
{
	if (a < 0)
		return b;
	if (b < 0)
		return a;
	return a < b ? a : b;
}

/* Brings every spoke up; false when told to stop on the way. */
static bool bring_up(void)
{
	unsigned int next = 0, step = sg_opt.n >= 10 ? sg_opt.n / 10 : 1;
	unsigned int shown = 0;

	t0 = sg_now_ms();
	while (sg_stats.up + sg_stats.failed < sg_opt.n) {
		while (n_flight < sg_opt.window && next < sg_opt.n) {
			struct spoke *s = &spokes[next++];

			if (sg_start(s))
				sg_fail(s, "cannot start: %s", strerror(errno));
		}
		if (poll_once(run_timers()))
			return false;
		run_timers();
		while (sg_stats.up >= shown + step) {
			shown += step;
			printf("spokegen: %u/%u up in %.2f s (%u failed, %u retransmissions)\n",
			       shown, sg_opt.n, secs_since(t0),
			       sg_stats.failed, sg_stats.retransmits);
			fflush(stdout);
		}
	}
	return true;
}

static void hold(int secs)
{
	uint64_t end = secs >= 0 ? sg_now_ms() + (uint64_t)secs * 1000 : 0;
	int left;

	if (secs < 0)
		printf("spokegen: holding the SAs until SIGTERM\n");
	else
		printf("spokegen: holding the SAs for %d s\n", secs);
	fflush(stdout);
	for (;;) {
		left = -1;
		if (end) {
			uint64_t now = sg_now_ms();

			if (now >= end)
				break;
			left = (int)(end - now);
		}
		if (poll_once(min_timeout(left, run_timers())))
			break;
	}
	counters();
}

static void delete_all(void)
{
	unsigned int next = 0, asked = 0, shown = 0, up;
	unsigned int step = sg_opt.n >= 10 ? sg_opt.n / 10 : 1;
	uint64_t t = sg_now_ms();

	up = sg_stats.up - sg_stats.hub_deleted;
	for (;;) {
		while (sg_stats.deleted >= shown + step && shown + step < up) {
			shown += step;
			printf("spokegen: %u/%u deleted in %.2f s\n", shown, up,
			       secs_since(t));
		}
		while (n_flight < sg_opt.window && next < sg_opt.n) {
			struct spoke *s = &spokes[next++];

			if (s->state != SG_UP)
				continue;
			asked++;
			if (sg_delete(s))
				sg_fail(s, "cannot send the Delete");
		}
		if (!n_flight && next == sg_opt.n)
			break;
		if (poll_once(run_timers()))
			break;
		run_timers();
	}
	printf("spokegen: %u/%u deleted in %.1f s\n", sg_stats.deleted, asked,
	       secs_since(t));
}

static void usage(FILE *f)
{
	fputs("usage: spokegen [-n N] [-b FIRST] [-h HUB] [-k PSK] [-w WINDOW] [-t MS]\n"
	      "                [-r RETRIES] [-d DOMAIN] [-H SECONDS] [-F] [-p] [-x]\n"
	      "  -n N        spokes (default 10)\n"
	      "  -b FIRST    the first spoke's address (default 10.1.0.1)\n"
	      "  -h HUB      the hub's address (default 192.0.2.1)\n"
	      "  -k PSK      the pre-shared key (default \"lab secret\")\n"
	      "  -w WINDOW   exchanges in flight (default 20)\n"
	      "  -t MS       retransmission timeout, doubled each time (default 2000)\n"
	      "  -r RETRIES  retransmissions before a spoke fails (default 5)\n"
	      "  -d DOMAIN   identities spokeK.DOMAIN (default lab.example)\n"
	      "  -H SECONDS  hold the SAs up so long (default: until SIGTERM)\n"
	      "  -F          a fresh key pair per spoke\n"
	      "  -p          stop (SIGSTOP) once the sockets are bound\n"
	      "  -x          exit without deleting the SAs\n", f);
}

static int parse_args(int argc, char **argv, int *hold_secs, bool *pause,
		      bool *keep)
{
	unsigned long v;
	int opt;

	sg_opt.hub.sin_family = AF_INET;
	sg_opt.hub.sin_port = htons(IKE_PORT);
	inet_pton(AF_INET, "192.0.2.1", &sg_opt.hub.sin_addr);
	inet_pton(AF_INET, "10.1.0.1", &sg_opt.first);
	while ((opt = getopt(argc, argv, "n:b:h:k:w:t:r:d:H:Fpx")) != -1) {
		switch (opt) {
		case 'n':
			v = strtoul(optarg, NULL, 10);
			if (!v || v > MAX_SPOKES)
				return -1;
			sg_opt.n = (unsigned int)v;
			break;
		case 'b':
			if (inet_pton(AF_INET, optarg, &sg_opt.first) != 1)
				return -1;
			break;
		case 'h':
			if (inet_pton(AF_INET, optarg, &sg_opt.hub.sin_addr) != 1)
				return -1;
			break;
		case 'k':
			sg_opt.psk = optarg;
			break;
		case 'w':
			sg_opt.window = (unsigned int)strtoul(optarg, NULL, 10);
			if (!sg_opt.window)
				return -1;
			break;
		case 't':
			sg_opt.timeout_ms = (unsigned int)strtoul(optarg, NULL, 10);
			if (sg_opt.timeout_ms < 10)
				return -1;
			break;
		case 'r':
			sg_opt.retries = (unsigned int)strtoul(optarg, NULL, 10);
			break;
		case 'd':
			sg_opt.domain = optarg;
			break;
		case 'H':
			*hold_secs = atoi(optarg);
			break;
		case 'F':
			sg_opt.fresh_dh = true;
			break;
		case 'p':
			*pause = true;
			break;
		case 'x':
			*keep = true;
			break;
		default:
			return -1;
		}
	}
	return optind == argc ? 0 : -1;
}

static int setup(void)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = NULL };
	uint32_t first = ntohl(sg_opt.first.s_addr);
	char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN], h[INET_ADDRSTRLEN];
	sigset_t set;
	unsigned int i;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGUSR1);
	ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep >= 0 && !sigprocmask(SIG_BLOCK, &set, NULL))
		sig_fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (sig_fd < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, sig_fd, &ev)) {
		perror("spokegen: epoll, signals");
		return -1;
	}
	if (raise_nofile(sg_opt.n)) {
		perror("spokegen: RLIMIT_NOFILE");
		return -1;
	}
	if (sg_ike_setup()) {
		fputs("spokegen: no ECP-256 key pair\n", stderr);
		return -1;
	}
	spokes = calloc(sg_opt.n, sizeof(*spokes));
	if (!spokes)
		return -1;
	for (i = 0; i < sg_opt.n; i++) {
		struct spoke *s = &spokes[i];

		s->num = i + 1;
		s->local.sin_family = AF_INET;
		s->local.sin_port = htons(IKE_PORT);
		s->local.sin_addr.s_addr = htonl(first + i);
		if (open_socket(s)) {
			fprintf(stderr, "spokegen: socket on %s: %s\n",
				addr_str(s->local.sin_addr, a), strerror(errno));
			return -1;
		}
	}
	printf("spokegen: %u spokes on %s..%s, hub %s\n", sg_opt.n,
	       addr_str(spokes[0].local.sin_addr, a),
	       addr_str(spokes[sg_opt.n - 1].local.sin_addr, b),
	       addr_str(sg_opt.hub.sin_addr, h));
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	bool pause = false, keep = false;
	int hold_secs = -1;
	unsigned int i;

	if (parse_args(argc, argv, &hold_secs, &pause, &keep)) {
		usage(stderr);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (setup())
		return 1;
	if (pause)
		raise(SIGSTOP);
	if (bring_up()) {
		up_summary();
		hold(hold_secs);
	} else {
		up_summary();
	}
	if (!keep)
		delete_all();
	counters();
	for (i = 0; i < sg_opt.n; i++) {
		sg_spoke_free(&spokes[i]);
		close(spokes[i].fd);
	}
	free(spokes);
	return sg_stats.failed || sg_stats.up < sg_opt.n ? 1 : 0;
}
