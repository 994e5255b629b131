// SPDX-License-Identifier: GPL-2.0
/*
 * flexsecd: the IKEv2 daemon of flexsec. One event loop (epoll + timerfd)
 * serves the IKE socket, the kernel's events, the control socket and the
 * signals; the configuration file says which tunnels exist and how they
 * are protected.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "natt.h"
#include "ctl.h"
#include "daemon.h"
#include "diag.h"
#include "ike_int.h"
#include "kmi.h"
#include "loop.h"
#include "net.h"
#include "vaccess.h"

#define DEFAULT_CONF	"/etc/flexsec/flexsec.conf"
#define DEFAULT_SOCKET	"/run/flexsec/flexsecd.sock"

/* --- signals and start-up --- */

static int sig_fd = -1;

static void sig_read(int fd, uint32_t events, void *arg)
{
	struct signalfd_siginfo si;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	while (read(fd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo == SIGHUP) {
			f = open_memstream(&text, &len);
			if (f) {
				daemon_reload(f);
				fclose(f);
				if (text)
					log_notice("%s", text);
				free(text);
				text = NULL;
			}
		} else {
			loop_stop();
		}
	}
}

static int signals_open(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	if (sigprocmask(SIG_BLOCK, &set, NULL))
		return -1;
	signal(SIGPIPE, SIG_IGN);
	sig_fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (sig_fd < 0)
		return -1;
	return loop_add_fd(sig_fd, 0, sig_read, NULL);
}

static void shutdown_all(void)
{
	struct ike_sa *sa, *next;

	for (sa = sam_first(); sa; sa = next) {
		next = sa->next;
		ike_delete_now(sa, "flexsecd stopping");
	}
	ike_sa_reap();
	va_reap();
}

static void usage(FILE *f)
{
	fputs("Usage: flexsecd [-f FILE] [-S SOCKET] [-s] [-d CATEGORIES] [-n]\n"
	      "                [-L SECONDS] [-J PERCENT]\n"
	      "  -f FILE        configuration (default " DEFAULT_CONF ")\n"
	      "  -n             check the configuration and exit\n"
	      "  -S SOCKET      control socket (default " DEFAULT_SOCKET ")\n"
	      "  -s             log to syslog instead of stderr\n"
	      "  -d CATEGORIES  debugging on from the start: a comma list of\n"
	      "                 ikev2, error, packet, hexdump, internal, kmi,\n"
	      "                 vtemplate, all\n"
	      "  -L SECONDS     accept lifetimes from SECONDS (10 or more) instead\n"
	      "                 of IOS's 120, for a lab that watches rekeys\n"
	      "  -J PERCENT     rekey jitter: rekeys start up to PERCENT of the\n"
	      "                 lifetime before 90% of it (default 5; 0: none)\n"
	      "  -V             version\n"
	      "  -h             this help\n",
	      f);
}

static int debug_words(const char *s)
{
	static const struct { const char *w; unsigned int c; } map[] = {
		{ "ikev2", DBG_IKEV2 }, { "error", DBG_ERROR },
		{ "packet", DBG_PACKET }, { "hexdump", DBG_HEXDUMP | DBG_PACKET },
		{ "internal", DBG_INTERNAL }, { "kmi", DBG_KMI },
		{ "vtemplate", DBG_VTEMPLATE },
		{ "all", DBG_IKEV2 | DBG_ERROR | DBG_PACKET | DBG_INTERNAL | DBG_KMI |
			 DBG_VTEMPLATE },
	};
	char *copy = strdup(s), *w, *save = NULL;
	unsigned int i, cats = 0;

	if (!copy)
		return -1;
	for (w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
			if (!strcmp(w, map[i].w))
				break;
		if (i == sizeof(map) / sizeof(map[0])) {
			fprintf(stderr, "flexsecd: unknown debug category '%s'\n", w);
			free(copy);
			return -1;
		}
		cats |= map[i].c;
	}
	free(copy);
	dbg_set(cats, true);
	return 0;
}

int main(int argc, char **argv)
{
	const char *conf_path = DEFAULT_CONF, *sock = DEFAULT_SOCKET;
	const char *debug = NULL;
	bool check = false, use_syslog = false;
	int opt, rc = 1;

	D.rekey_jitter = 5;
	while ((opt = getopt(argc, argv, "f:nS:sd:L:J:Vh")) != -1) {
		switch (opt) {
		case 'f':
			conf_path = optarg;
			break;
		case 'n':
			check = true;
			break;
		case 'S':
			sock = optarg;
			break;
		case 's':
			use_syslog = true;
			break;
		case 'd':
			debug = optarg;
			break;
		case 'L':
			conf_lifetime_min = (unsigned int)strtoul(optarg, NULL, 10);
			if (conf_lifetime_min < 10)
				conf_lifetime_min = 10;
			break;
		case 'J':
			D.rekey_jitter = (unsigned int)strtoul(optarg, NULL, 10);
			if (D.rekey_jitter > 50)
				D.rekey_jitter = 50;
			break;
		case 'V':
			puts("flexsecd " FLEXSEC_VERSION);
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	snprintf(D.conf_path, sizeof(D.conf_path), "%s", conf_path);
	D.conf = conf_load(conf_path, stderr);
	if (!D.conf)
		return 1;
	if (check) {
		printf("%s: configuration valid (%u tunnel(s), %u warning(s))\n",
		       conf_path, D.conf->n_tunnels, D.conf->n_warnings);
		conf_free(D.conf);
		return 0;
	}
	D.use_syslog = use_syslog;
	diag_init(use_syslog, D.conf->g.diag_max);
	if (debug && debug_words(debug))
		return 2;
	D.started = time(NULL);
	if (loop_init()) {
		perror("flexsecd: event loop");
		return 1;
	}
	D.kmi = kmi_open(daemon_kernel_event, NULL);
	if (!D.kmi)
		goto out;
	if (signals_open() ||
	    loop_add_fd(kmi_event_fd(D.kmi), 0, daemon_kmi_readable, NULL)) {
		perror("flexsecd: start-up");
		goto out;
	}
	if (ike_net_open()) {
		fprintf(stderr, "flexsecd: cannot bind UDP ports 500 and 4500: %s\n",
			strerror(errno));
		goto out;
	}
	natt_attach();
	if (ctl_open(sock)) {
		fprintf(stderr, "flexsecd: cannot open control socket %s: %s\n",
			sock, strerror(errno));
		goto out;
	}
	log_notice("flexsecd " FLEXSEC_VERSION " started with %s", conf_path);
	if (daemon_apply_all()) {
		rc = 1;
		goto out;
	}
	daemon_start_keeper();
	rc = loop_run() ? 1 : 0;
	shutdown_all();
	log_notice("flexsecd stopped");
out:
	ctl_close();
	net_close();
	if (D.kmi)
		kmi_close(D.kmi);
	loop_fini();
	conf_free(D.conf);
	daemon_fini();
	diag_fini();
	return rc;
}
