// SPDX-License-Identifier: GPL-2.0
/*
 * The control socket itself (protocol in ctl.h): the listening unix
 * socket, and the non-blocking connections that carry one request line
 * and one answer each, the answer built whole by ctl_exec first.
 */

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "ctl.h"
#include "diag.h"
#include "loop.h"

#define CTL_MAX_CONNS		16
#define CTL_BACKLOG		16
#define CTL_ACCEPT_BURST	16
#define CTL_ACCEPT_RETRY_MS	1000
#define CTL_MAX_OUTPUT		(32u << 20)
#define CTL_DRAIN_MAX		(64u << 10)

/* --- connections --- */

struct ctl_conn {
	struct ctl_conn *next, **pprev;
	int fd;
	bool too_long;
	size_t in_len;
	char in[CTL_MAX_LINE + 1];
	char *out;		/* the whole answer, status line first */
	size_t out_len, out_off;
	struct timer timer;
};

static struct {
	int fd;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	struct ctl_conn *conns;
	unsigned int n_conns;
	struct timer accept_retry;
} ctl = { .fd = -1 };

static void conn_close(struct ctl_conn *c)
{
	char sink[4096];
	size_t drained = 0;
	ssize_t n;

	timer_cancel(&c->timer);
	loop_del_fd(c->fd);
	/* unread bytes would turn the client's end of file into a reset */
	while (drained < CTL_DRAIN_MAX &&
	       (n = recv(c->fd, sink, sizeof(sink), MSG_DONTWAIT)) > 0)
		drained += (size_t)n;
	close(c->fd);
	*c->pprev = c->next;
	if (c->next)
		c->next->pprev = c->pprev;
	ctl.n_conns--;
	free(c->out);
	free(c);
}

/* 1: a line is there (or the client ended it), 0: not yet, -1: gone. */
static int conn_read(struct ctl_conn *c)
{
	ssize_t n;
	char *nl;

	for (;;) {
		if (c->in_len == CTL_MAX_LINE) {
			c->too_long = true;
			return 1;
		}
		n = recv(c->fd, c->in + c->in_len, CTL_MAX_LINE - c->in_len,
			 0);
		if (n > 0) {
			nl = memchr(c->in + c->in_len, '\n', (size_t)n);
			c->in_len += (size_t)n;
			if (!nl)
				continue;
			c->in_len = (size_t)(nl - c->in);
			c->in[c->in_len] = '\0';
			return 1;
		}
		if (n == 0) {
			c->in[c->in_len] = '\0';
			return c->in_len ? 1 : -1;
		}
		if (errno == EINTR)
			continue;
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
	}
}

static int conn_run(struct ctl_conn *c, FILE *f)
{
	if (c->too_long) {
		fprintf(f, "%% Command line longer than %d bytes\n",
			CTL_MAX_LINE - 1);
		return 1;
	}
	if (strlen(c->in) != c->in_len) {
		fputs("% Invalid input (a NUL byte)\n", f);
		return 1;
	}
	return ctl_exec(c->in, f);
}

/* Builds c->out: the status line, then what the command wrote. */
static void conn_answer(struct ctl_conn *c)
{
	static const char too_big[] = "1\n% Output too large\n";
	FILE *f;
	int ret;

	f = open_memstream(&c->out, &c->out_len);
	if (!f)
		return;
	fputs("0\n", f);
	ret = conn_run(c, f);
	if (fclose(f)) {
		free(c->out);
		c->out = NULL;
		return;
	}
	if (c->out_len > CTL_MAX_OUTPUT) {
		free(c->out);
		c->out = strdup(too_big);
		c->out_len = c->out ? sizeof(too_big) - 1 : 0;
		return;
	}
	c->out[0] = ret ? '1' : '0';
}

/* 1: all written, 0: the socket is full (EPOLLOUT will say), -1: error. */
static int conn_write(struct ctl_conn *c)
{
	ssize_t n;

	while (c->out_off < c->out_len) {
		n = send(c->fd, c->out + c->out_off, c->out_len - c->out_off,
			 MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n > 0) {
			c->out_off += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		return -1;
	}
	return 1;
}

static void conn_event(int fd, uint32_t events, void *arg)
{
	struct ctl_conn *c = arg;
	int r;

	if (!c->out) {
		r = conn_read(c);
		if (r == 0)
			return;
		if (r < 0) {
			conn_close(c);
			return;
		}
		conn_answer(c);
		if (!c->out) {
			conn_close(c);
			return;
		}
	}
	if (conn_write(c))
		conn_close(c);
}

static void conn_timeout(struct timer *t)
{
	conn_close(t->arg);
}

static void conn_new(int fd)
{
	static const char busy[] = "1\n% Too many control connections\n";
	struct ctl_conn *c;

	if (ctl.n_conns >= CTL_MAX_CONNS) {
		if (send(fd, busy, sizeof(busy) - 1,
			 MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
			log_err("ctl: refusing a client: %s", strerror(errno));
		close(fd);
		return;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		close(fd);
		return;
	}
	c->fd = fd;
	/*
	 * edge-triggered: reads and writes go on until EAGAIN, so an idle
	 * or half-closed client does not wake the loop again and again
	 */
	if (loop_add_fd(fd, EPOLLOUT | EPOLLRDHUP | EPOLLET, conn_event, c)) {
		close(fd);
		free(c);
		return;
	}
	timer_init(&c->timer, conn_timeout, c);
	timer_arm(&c->timer, CTL_TIMEOUT_MS);
	c->next = ctl.conns;
	c->pprev = &ctl.conns;
	if (ctl.conns)
		ctl.conns->pprev = &c->next;
	ctl.conns = c;
	ctl.n_conns++;
	conn_event(fd, EPOLLIN, c);
}

static void ctl_accept(int fd, uint32_t events, void *arg);

/* Out of file descriptors: stop listening for a while rather than spin. */
static void accept_pause(void)
{
	log_err("ctl: cannot accept a client: %s; retrying in %d ms",
		strerror(errno), CTL_ACCEPT_RETRY_MS);
	loop_del_fd(ctl.fd);
	timer_arm(&ctl.accept_retry, CTL_ACCEPT_RETRY_MS);
}

static void accept_resume(struct timer *t)
{
	if (ctl.fd >= 0 && loop_add_fd(ctl.fd, 0, ctl_accept, NULL))
		timer_arm(&ctl.accept_retry, CTL_ACCEPT_RETRY_MS);
}

static void ctl_accept(int fd, uint32_t events, void *arg)
{
	unsigned int i;
	int cfd;

	for (i = 0; i < CTL_ACCEPT_BURST; i++) {
		cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (cfd >= 0) {
			conn_new(cfd);
			continue;
		}
		if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
		    errno == ENOMEM)
			accept_pause();
		else if (errno != EAGAIN && errno != EWOULDBLOCK &&
			 errno != EINTR && errno != ECONNABORTED)
			log_err("ctl: accept: %s", strerror(errno));
		return;
	}
}

/* --- the listening socket --- */

/* The socket's directory, 0750, when it does not exist. */
static int make_dir(const char *path)
{
	char dir[sizeof(ctl.path)];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return 0;
	*slash = '\0';
	if (mkdir(dir, 0750) == 0)
		return chmod(dir, 0750) ? -errno : 0;
	return errno == EEXIST ? 0 : -errno;
}

/*
 * A socket file left by an earlier flexsecd is removed; a live one (or
 * any other file) is left alone.
 */
static int clear_stale(const struct sockaddr_un *sun)
{
	struct stat st;
	int fd, ret;

	if (lstat(sun->sun_path, &st))
		return errno == ENOENT ? 0 : -errno;
	if (!S_ISSOCK(st.st_mode))
		return -EEXIST;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	ret = connect(fd, (const struct sockaddr *)sun, sizeof(*sun));
	if (ret == 0 || errno == EAGAIN) {
		close(fd);
		return -EADDRINUSE;
	}
	close(fd);
	return unlink(sun->sun_path) && errno != ENOENT ? -errno : 0;
}

static int listen_on(const struct sockaddr_un *sun)
{
	mode_t old;
	int fd, err;

	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	old = umask(0117);	/* the socket is born 0660 */
	err = bind(fd, (const struct sockaddr *)sun, sizeof(*sun));
	umask(old);
	if (err || chmod(sun->sun_path, 0660) || listen(fd, CTL_BACKLOG)) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

/* Logs why, and leaves the reason in errno too for the caller. */
static int open_failed(const char *path, int err, const char *why)
{
	log_err("ctl: %s: %s", path, why ? why : strerror(-err));
	errno = -err;
	return err;
}

int ctl_open(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd, err;

	if (!path)
		path = CTL_DEFAULT_PATH;
	if (strlen(path) >= sizeof(sun.sun_path))
		return open_failed(path, -ENAMETOOLONG, NULL);
	if (ctl.fd >= 0)
		ctl_close();
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	err = make_dir(path);
	if (!err)
		err = clear_stale(&sun);
	if (err == -EADDRINUSE)
		return open_failed(path, err,
				   "another flexsecd is answering there");
	fd = err ? err : listen_on(&sun);
	if (fd < 0)
		return open_failed(path, fd, NULL);
	if (loop_add_fd(fd, 0, ctl_accept, NULL)) {
		err = errno ? -errno : -EIO;
		close(fd);
		unlink(sun.sun_path);
		return open_failed(path, err, "cannot watch the socket");
	}
	ctl.fd = fd;
	snprintf(ctl.path, sizeof(ctl.path), "%s", path);
	timer_init(&ctl.accept_retry, accept_resume, NULL);
	return 0;
}

void ctl_close(void)
{
	while (ctl.conns)
		conn_close(ctl.conns);
	if (ctl.fd < 0)
		return;
	timer_cancel(&ctl.accept_retry);
	loop_del_fd(ctl.fd);
	close(ctl.fd);
	ctl.fd = -1;
	unlink(ctl.path);
}
