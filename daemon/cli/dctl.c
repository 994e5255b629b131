// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec show|clear|debug|undebug|no|reload|crypto: the words go to flexsecd's
 * control socket as one line; its answer is printed, and its status
 * becomes the exit status.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <json-c/json.h>

#include "cli.h"
#include "dctl.h"
#include "output.h"

/* More than any answer flexsecd gives. */
#define DCTL_MAX_ANSWER	(64u << 20)

const char *dctl_socket;

void dctl_usage(FILE *f)
{
	fputs("Usage: flexsec [ -j | -p ] [ -S PATH ] COMMAND\n"
	      "COMMAND is sent to flexsecd, which answers it the IOS way; its\n"
	      "words may be shortened while unambiguous (\"sh cry ikev2 sa\").\n"
	      "COMMAND := show crypto ikev2 sa [ detailed ]\n"
	      "         | show crypto ikev2 stats\n"
	      "         | show crypto ikev2 { proposal | policy | profile } [ NAME ]\n"
	      "         | show crypto ikev2 diagnose error\n"
	      "         | show crypto ikev2 authorization policy [ NAME ]\n"
	      "         | show ip local pool [ NAME ]\n"
	      "         | show ipv6 local pool [ NAME ]\n"
	      "         | show crypto ikev2 client flexvpn [ NAME ]\n"
	      "         | show interfaces virtual-access N [ configuration ]\n"
	      "         | show derived-config interface virtual-access N\n"
	      "         | show crypto ipsec sa [ peer ADDRESS ]\n"
	      "         | show crypto ipsec { transform-set | profile } [ NAME ]\n"
	      "         | show crypto session [ brief ] [ remote ADDRESS ]\n"
	      "         | show monitor event-trace crypto ikev2\n"
	      "                { error | event | exception } { all | latest }\n"
	      "         | show debugging\n"
	      "         | clear crypto session [ remote ADDRESS ]\n"
	      "         | clear crypto sa [ peer ADDRESS ]\n"
	      "         | clear crypto ikev2 { sa | diagnose error }\n"
	      "         | debug crypto ikev2 [ error | packet [ hexdump ] | internal ]\n"
	      "         | debug crypto kmi\n"
	      "         | debug vtemplate cloning\n"
	      "         | debug crypto condition { peer { ipv4 | ipv6 } ADDRESS | reset }\n"
	      "         | { no debug | undebug } { the same words | all }\n"
	      "         | reload\n"
	      "         | crypto ikev2 client flexvpn connect [ NAME ]\n"
	      "         | clear crypto ikev2 client flexvpn NAME\n"
	      "PATH: flexsecd's socket; else $FLEXSEC_SOCKET, else\n"
	      "      " DCTL_DEFAULT_SOCKET ".\n"
	      "Exit status 1 when flexsecd refuses the command or cannot be reached.\n",
	      f);
}

const char *dctl_socket_path(void)
{
	const char *env = getenv("FLEXSEC_SOCKET");

	if (dctl_socket)
		return dctl_socket;
	return env && *env ? env : DCTL_DEFAULT_SOCKET;
}

static bool word_ok(const char *w)
{
	if (!*w)
		return false;
	for (; *w; w++)
		if ((unsigned char)*w <= ' ' || *w == 0x7f)
			return false;
	return true;
}

int dctl_format(char *buf, size_t size, bool json, const char *verb,
		int argc, char *const *argv)
{
	size_t len = 0, max = size ? size - 1 : 0, wl;
	int i;

	if (max > DCTL_MAX_LINE)
		max = DCTL_MAX_LINE;
	if (json) {
		if (max < 3)
			return -E2BIG;
		memcpy(buf, "-j ", 3);
		len = 3;
	}
	for (i = -1; i < argc; i++) {
		const char *w = i < 0 ? verb : argv[i];

		if (!word_ok(w))
			return -EINVAL;
		wl = strlen(w);
		/* the word, and a blank or the final newline */
		if (wl + 1 > max - len)
			return -E2BIG;
		memcpy(buf + len, w, wl);
		len += wl;
		buf[len++] = i + 1 < argc ? ' ' : '\n';
	}
	buf[len] = '\0';
	return (int)len;
}

static int dctl_connect(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct timeval tv = { .tv_sec = DCTL_TIMEOUT_S };
	int fd, err;

	if (strlen(path) >= sizeof(sun.sun_path)) {
		errorf("cannot reach flexsecd at %s: %s", path,
		       strerror(ENAMETOOLONG));
		return -1;
	}
	memcpy(sun.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		errorf("socket: %s", strerror(errno));
		return -1;
	}
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		err = errno;
		close(fd);
		errorf("cannot reach flexsecd at %s: %s", path, strerror(err));
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	return fd;
}

static int send_all(int fd, const char *p, size_t len)
{
	ssize_t n;

	while (len) {
		n = send(fd, p, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Everything flexsecd writes until it closes; NULL on an error. */
static char *read_all(int fd, size_t *len)
{
	size_t cap = 4096;
	char *buf = malloc(cap), *nb;
	ssize_t n;

	*len = 0;
	while (buf) {
		if (*len + 1 == cap) {
			nb = cap < DCTL_MAX_ANSWER ? realloc(buf, cap * 2) : NULL;
			if (!nb) {
				errno = ENOMEM;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		n = recv(fd, buf + *len, cap - 1 - *len, 0);
		if (n > 0) {
			*len += (size_t)n;
			continue;
		}
		/* a reset after the answer is still the end of it */
		if (n == 0 || (errno == ECONNRESET && *len)) {
			buf[*len] = '\0';
			return buf;
		}
		if (errno != EINTR)
			break;
	}
	free(buf);
	return NULL;
}

/* Prints a JSON answer again, so that -p makes it pretty. */
static void print_json(const char *body, size_t len)
{
	struct json_object *jo = json_tokener_parse(body);

	if (!jo) {
		fwrite(body, 1, len, stdout);
		return;
	}
	json_print(jo);
	json_object_put(jo);
}

static int print_answer(const char *path, const char *ans, size_t len)
{
	const char *body;
	size_t blen;

	if (len < 2 || (ans[0] != '0' && ans[0] != '1') || ans[1] != '\n') {
		errorf("flexsecd at %s closed the connection without an answer",
		       path);
		return EXIT_FAIL;
	}
	body = ans + 2;
	blen = len - 2;
	if (ans[0] == '0' && out_json && blen)
		print_json(body, blen);
	else if (ans[0] == '0' || out_json)
		fwrite(body, 1, blen, stdout);
	else
		fwrite(body, 1, blen, stderr);
	return ans[0] == '0' ? 0 : EXIT_FAIL;
}

static int dctl_request(const char *line, size_t len)
{
	const char *path = dctl_socket_path();
	size_t alen;
	char *ans;
	int fd, ret;

	fd = dctl_connect(path);
	if (fd < 0)
		return EXIT_FAIL;
	if (send_all(fd, line, len)) {
		errorf("cannot send to flexsecd at %s: %s", path,
		       strerror(errno));
		close(fd);
		return EXIT_FAIL;
	}
	shutdown(fd, SHUT_WR);
	ans = read_all(fd, &alen);
	close(fd);
	if (!ans) {
		errorf("no answer from flexsecd at %s: %s", path,
		       errno == EAGAIN ? "timed out" : strerror(errno));
		return EXIT_FAIL;
	}
	ret = print_answer(path, ans, alen);
	free(ans);
	return ret;
}

int dctl_option(struct args *a, const char *w)
{
	int ret;

	if (!strcmp(w, "-S")) {
		if (!args_more(a))
			return missing(a, "socket path after -S");
		dctl_socket = args_next(a);
		return ARGS_OK;
	}
	ret = args_option(a, w);
	if (ret == ARGS_NOT_OPTION)
		return usage_error(a, "unknown option \"%s\"", w);
	return ret;
}

/* -j, -p, -h and -S PATH may also follow the verb. */
static int verb_options(struct args *a)
{
	const char *w;
	int ret;

	while (args_more(a) && a->argv[0][0] == '-') {
		w = args_next(a);
		ret = dctl_option(a, w);
		if (ret != ARGS_OK)
			return ret;
	}
	if (args_more(a) && !strcmp(a->argv[0], "help")) {
		a->usage(stdout);
		return ARGS_HELP;
	}
	return ARGS_OK;
}

int dctl_main(struct args *a)
{
	char line[DCTL_MAX_LINE + 1];
	int ret, n;

	ret = verb_options(a);
	if (ret != ARGS_OK)
		return args_exit(ret);
	n = dctl_format(line, sizeof(line), out_json, a->obj, a->argc,
			a->argv);
	if (n == -E2BIG)
		return args_exit(usage_error(a, "command longer than %d bytes",
					     DCTL_MAX_LINE - 1));
	if (n < 0)
		return args_exit(usage_error(a, "a word is empty or holds a blank or control character"));
	return dctl_request(line, (size_t)n);
}
