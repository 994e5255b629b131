// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of flexsecd's control socket (flexsecd/ctl*.c,
 * flexsecd/show_*.c): the IOS abbreviation matcher, the commands, the
 * show commands with an SA, and requests over a real socket.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "ctl.h"
#include "daemon.h"
#include "diag.h"
#include "diag_util.h"
#include "ike_proto.h"
#include "loop.h"

/* --- helpers --- */

/* Runs LINE through the dispatcher; the output in *OUT (to free). */
static int run(const char *line, char **out)
{
	struct mem m;
	int ret;

	ret = ctl_exec(line, mem_open(&m));
	*out = mem_close(&m);
	return ret;
}

/* --- the matcher and the commands --- */

static void match_words(void **state)
{
	static const char *const top[] = { "show", "clear", "debug",
					   "undebug", "no", "reload", NULL };
	static const char *const crypto[] = { "ikev2", "ipsec", "session",
					      NULL };
	static const char *const sa[] = { "sa", "sa-extra", NULL };

	assert_int_equal(ctl_match(top, "show"), 0);
	assert_int_equal(ctl_match(top, "sh"), 0);
	assert_int_equal(ctl_match(top, "s"), 0);
	assert_int_equal(ctl_match(top, "u"), 3);
	assert_int_equal(ctl_match(top, "n"), 4);
	assert_int_equal(ctl_match(top, "showw"), CTL_NO_MATCH);
	assert_int_equal(ctl_match(top, "x"), CTL_NO_MATCH);
	assert_int_equal(ctl_match(top, ""), CTL_NO_MATCH);
	assert_int_equal(ctl_match(crypto, "i"), CTL_AMBIGUOUS);
	assert_int_equal(ctl_match(crypto, "ik"), 0);
	assert_int_equal(ctl_match(crypto, "ip"), 1);
	assert_int_equal(ctl_match(crypto, "SESSION"), CTL_NO_MATCH);
	/* an exact word wins over the longer one it begins */
	assert_int_equal(ctl_match(sa, "sa"), 0);
	assert_int_equal(ctl_match(sa, "sa-"), 1);
}

static void exec_abbreviations(void **state)
{
	char *out;

	assert_int_equal(run("sh cry ikev2 diag err", &out), 0);
	assert_non_null(strstr(out, "Exit Path Table - status: enable"));
	free(out);
	assert_int_equal(run("show  crypto\tikev2 sa", &out), 0);
	assert_non_null(strstr(out, " IPv4 Crypto IKEv2  SA \n"));
	free(out);
	assert_int_equal(run("sh mon event-trace cry ikev2 exc lat", &out), 0);
	free(out);
	assert_int_equal(run("", &out), 0);
	assert_string_equal(out, "");
	free(out);
}

static void exec_errors(void **state)
{
	char *out;

	assert_int_equal(run("show crypto i sa", &out), 1);
	assert_non_null(strstr(out, "% Ambiguous command:  \"show crypto i\""));
	free(out);

	assert_int_equal(run("show crypto ikev3 sa", &out), 1);
	assert_non_null(strstr(out, "show crypto ikev3 sa\n            ^\n% Invalid input detected at '^' marker.\n"));
	free(out);

	assert_int_equal(run("show crypto", &out), 1);
	assert_string_equal(out, "% Incomplete command.\n");
	free(out);

	assert_int_equal(run("reload now", &out), 1);
	assert_non_null(strstr(out, "% Invalid input"));
	free(out);

	assert_int_equal(run("show crypto session remote 300.1.1.1", &out), 1);
	assert_non_null(strstr(out, "% Invalid input"));
	free(out);

	assert_int_equal(run("debug crypto condition peer ipv4 2001:db8::1",
			     &out), 1);
	free(out);

	assert_int_equal(run("show\x01 crypto", &out), 1);
	free(out);

	assert_int_equal(run("-j show crypto bogus", &out), 1);
	assert_string_equal(out, "{\"error\":\"Invalid input\"}\n");
	free(out);
}

static void exec_help(void **state)
{
	char *out;

	assert_int_equal(run("show crypto ?", &out), 0);
	assert_non_null(strstr(out, "  ikev2"));
	assert_non_null(strstr(out, "  session"));
	assert_null(strstr(out, "<cr>"));
	free(out);
	assert_int_equal(run("show crypto session ?", &out), 0);
	assert_non_null(strstr(out, "  brief"));
	assert_non_null(strstr(out, "<cr>"));
	free(out);
}

static void exec_debug(void **state)
{
	char *out;

	assert_int_equal(run("debug crypto ikev2", &out), 0);
	assert_string_equal(out, "IKEv2 default debugging is on\n");
	free(out);
	assert_int_equal(run("deb cry ikev2 pack hex", &out), 0);
	assert_string_equal(out, "IKEv2 packet hexdump debugging is on\n");
	free(out);
	assert_int_equal(dbg_get(), DBG_IKEV2 | DBG_PACKET | DBG_HEXDUMP);
	assert_int_equal(run("no debug crypto ikev2 packet", &out), 0);
	assert_string_equal(out, "IKEv2 packet debugging is off\n");
	free(out);
	assert_int_equal(dbg_get(), DBG_IKEV2);
	assert_int_equal(run("debug crypto kmi", &out), 0);
	assert_string_equal(out, "Crypto KMI debugging is on\n");
	free(out);

	assert_int_equal(run("debug crypto condition peer ipv4 10.1.1.1",
			     &out), 0);
	free(out);
	assert_int_equal(run("show debugging", &out), 0);
	assert_non_null(strstr(out, "IKEv2 default debugging is on"));
	assert_non_null(strstr(out, "Crypto KMI debugging is on"));
	assert_non_null(strstr(out, "10.1.1.1"));
	free(out);

	assert_int_equal(run("undebug all", &out), 0);
	assert_string_equal(out, "All possible debugging has been turned off\n");
	free(out);
	assert_int_equal(dbg_get(), 0);
	assert_int_equal(run("no debug crypto condition peer ipv4 10.1.1.1",
			     &out), 0);
	free(out);
	assert_int_equal(run("no debug crypto condition peer ipv4 10.1.1.1",
			     &out), 1);
	assert_string_equal(out, "% No such condition\n");
	free(out);
}

static void exec_json(void **state)
{
	struct json_object *jo, *v;
	char *out;

	assert_int_equal(run("-j debug crypto ikev2 error", &out), 0);
	jo = json_tokener_parse(out);
	assert_non_null(jo);
	assert_true(json_object_object_get_ex(jo, "debug", &v));
	assert_true(json_object_object_get_ex(v, "ikev2_error", &v));
	assert_true(json_object_get_boolean(v));
	json_object_put(jo);
	free(out);

	assert_int_equal(run("-j show crypto session", &out), 0);
	jo = json_tokener_parse(out);
	assert_non_null(jo);
	assert_true(json_object_object_get_ex(jo, "sessions", &v));
	json_object_put(jo);
	free(out);

	assert_int_equal(run("-j sh cry ikev2 stats", &out), 0);
	jo = json_tokener_parse(out);
	assert_non_null(jo);
	assert_true(json_object_object_get_ex(jo, "max_in_negotiation_in",
					      &v));
	json_object_put(jo);
	free(out);
}

static void exec_reload_and_clear(void **state)
{
	char *out;

	/* here daemon_reload refuses: the status says so */
	assert_int_equal(run("reload", &out), 1);
	free(out);
	assert_int_equal(run("clear crypto session", &out), 0);
	assert_string_equal(out, "");
	free(out);
	assert_int_equal(run("-j clear crypto session remote 192.0.2.9",
			     &out), 0);
	assert_string_equal(out, "{\"cleared\":0}\n");
	free(out);
	DIAG_ERROR(NULL, "to be cleared");
	assert_int_equal(run("clear crypto ikev2 diagnose error", &out), 0);
	free(out);
	assert_int_equal(run("show crypto ikev2 diagnose error", &out), 0);
	assert_non_null(strstr(out, "current entry 0,"));
	free(out);
}

/* --- show with an SA --- */

static struct ike_sa fake_sa;
static struct child_sa fake_child;
static struct conf_tunnel fake_tunnel = { .name = "Tunnel0" };

static void any_ts(struct conf_addr *s, struct conf_addr *e)
{
	memset(s, 0, sizeof(*s));
	memset(e, 0xff, sizeof(*e));
	s->family = e->family = AF_INET;
}

static void fake_state(void)
{
	struct ike_sa *sa = &fake_sa;
	struct child_sa *ch = &fake_child;

	memset(sa, 0, sizeof(*sa));
	memset(ch, 0, sizeof(*ch));
	sa->id = 1;
	sa->session_id = 1;
	sa->tunnel_id = 1;
	sa->tun = &fake_tunnel;
	sa->state = IKE_ST_READY;
	sa->initiator = true;
	sa->spi_i = 0x0123456789ABCDEFull;
	sa->spi_r = 0xFEDCBA9876543210ull;
	addr4(&sa->local, "192.0.2.1", 500);
	addr4(&sa->remote, "192.0.2.2", 500);
	sa->suite.encr = IKE_ENCR_AES_CBC;
	sa->suite.encr_bits = 256;
	sa->suite.integ = IKE_INTEG_HMAC_SHA2_256_128;
	sa->suite.prf = IKE_PRF_HMAC_SHA2_256;
	sa->suite.dh = IKE_DH_MODP_2048;
	sa->auth_local = sa->auth_remote = IKE_AUTH_PSK;
	sa->next_msgid = 2;
	sa->window = sa->peer_window = 5;
	sa->established = time(NULL) - 220;
	snprintf(sa->status, sizeof(sa->status), "Negotiation done");
	sa->children = ch;
	ch->ike = sa;
	ch->state = CHILD_ST_INSTALLED;
	ch->installed = true;
	ch->spi_in = 0xC0FFEE01;
	ch->spi_out = 0x1000;
	ch->encr = IKE_ENCR_AES_GCM_16;
	ch->encr_bits = 256;
	any_ts(&ch->ts.local_start, &ch->ts.local_end);
	any_ts(&ch->ts.remote_start, &ch->ts.remote_end);
	snprintf(ch->ifname, sizeof(ch->ifname), "Tunnel0");
	ch->conn_id = 2001;
	ch->lifetime_kb = 4608000;
	ch->lifetime_sec = 3600;
	ch->replay_window = 64;
	ch->created = time(NULL) - 60;
	sam_add(sa);
}

static int no_state(void **state)
{
	if (fake_sa.indexed)
		sam_remove(&fake_sa);
	return 0;
}

static void show_with_sa(void **state)
{
	char *out;

	fake_state();
	assert_int_equal(run("show crypto ikev2 sa detailed", &out), 0);
	assert_non_null(strstr(out, "1         192.0.2.1/500         192.0.2.2/500         none/none            READY  \n"));
	assert_non_null(strstr(out, "      Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:14, Auth sign: PSK, Auth verify: PSK\n"));
	assert_non_null(strstr(out, "      Life/Active Time: 86400/22"));
	assert_non_null(strstr(out, "      Local spi: 0123456789ABCDEF       Remote spi: FEDCBA9876543210\n"));
	assert_non_null(strstr(out, "      Status Description: Negotiation done\n"));
	assert_non_null(strstr(out, "      Initiator of SA : Yes\n"));
	free(out);

	assert_int_equal(run("show crypto ipsec sa peer 192.0.2.2", &out), 0);
	assert_non_null(strstr(out, "interface: Tunnel0\n"));
	assert_non_null(strstr(out, "   local  ident (addr/mask/prot/port): (0.0.0.0/0.0.0.0/0/0)\n"));
	assert_non_null(strstr(out, "   current_peer 192.0.2.2 port 500\n"));
	assert_non_null(strstr(out, "      spi: 0xC0FFEE01(3237998081)\n"));
	assert_non_null(strstr(out, "        transform: esp-gcm 256 ,\n"));
	assert_non_null(strstr(out, "        in use settings ={Tunnel, }\n"));
	assert_non_null(strstr(out, "     current outbound spi: 0x1000(4096)\n"));
	free(out);
	assert_int_equal(run("show crypto ipsec sa peer 192.0.2.3", &out), 0);
	assert_null(strstr(out, "interface:"));
	free(out);

	assert_int_equal(run("show crypto session", &out), 0);
	assert_non_null(strstr(out, "Session status: UP-ACTIVE"));
	assert_non_null(strstr(out, "  IKEv2 SA: local 192.0.2.1/500 remote 192.0.2.2/500 Active \n"));
	assert_non_null(strstr(out, "  IPSEC FLOW: permit ip 0.0.0.0/0.0.0.0 0.0.0.0/0.0.0.0 \n"));
	assert_non_null(strstr(out, "        Active SAs: 2, origin: crypto map\n"));
	free(out);
	assert_int_equal(run("sh cry sess br", &out), 0);
	assert_non_null(strstr(out, "      192.0.2.2     Tu0  "));
	assert_non_null(strstr(out, " UA\n"));
	free(out);

	assert_int_equal(run("show crypto ikev2 stats", &out), 0);
	assert_non_null(strstr(out, "Total outgoing IKEv2 SA Count:    1        active:        1        negotiating: 0\n"));
	free(out);
}

/* --- one request over the socket --- */

struct client {
	char buf[8192];
	size_t len;
};

static void client_read(int fd, uint32_t events, void *arg)
{
	struct client *c = arg;
	ssize_t n;

	while ((n = recv(fd, c->buf + c->len, sizeof(c->buf) - 1 - c->len,
			 MSG_DONTWAIT)) > 0)
		c->len += (size_t)n;
	if (n == 0 || c->len == sizeof(c->buf) - 1) {
		c->buf[c->len] = '\0';
		loop_stop();
	}
}

static void give_up(struct timer *t)
{
	fail_msg("no answer on the control socket");
}

static void ask(const char *path, const char *req, struct client *c)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct timer guard;
	int fd;

	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	assert_int_equal(connect(fd, (struct sockaddr *)&sun, sizeof(sun)),
			 0);
	assert_int_equal(send(fd, req, strlen(req), 0), (ssize_t)strlen(req));
	/* a line without its '\n' ends where the client stops sending */
	if (!strchr(req, '\n'))
		assert_int_equal(shutdown(fd, SHUT_WR), 0);
	memset(c, 0, sizeof(*c));
	assert_int_equal(loop_add_fd(fd, 0, client_read, c), 0);
	timer_init(&guard, give_up, NULL);
	timer_arm(&guard, 5000);
	assert_int_equal(loop_run(), 0);
	timer_cancel(&guard);
	loop_del_fd(fd);
	close(fd);
}

static void socket_round_trip(void **state)
{
	char dir[] = "/tmp/flexsec-ctl-XXXXXX", path[64], big[2048];
	struct client c;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/run/ctl.sock", dir);
	assert_int_equal(loop_init(), 0);
	assert_int_equal(ctl_open(path), 0);

	ask(path, "sh debugging\n", &c);
	assert_memory_equal(c.buf, "0\nCrypto Subsystem:\n", 20);
	ask(path, "show crypt ikev3\n", &c);
	assert_memory_equal(c.buf, "1\n", 2);
	ask(path, "-j show crypto ikev2 diagnose error", &c);	/* no '\n' */
	assert_memory_equal(c.buf, "0\n{", 3);

	memset(big, 'a', sizeof(big));
	big[sizeof(big) - 2] = '\n';
	big[sizeof(big) - 1] = '\0';
	ask(path, big, &c);
	assert_non_null(strstr(c.buf, "1\n% Command line longer than"));

	ctl_close();
	assert_int_equal(access(path, F_OK), -1);
	loop_fini();
	snprintf(path, sizeof(path), "%s/run", dir);
	assert_int_equal(rmdir(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

static const char *in_use_path;

static void open_in_use(void)
{
	assert_int_equal(ctl_open(in_use_path), -EADDRINUSE);
}

/*
 * A socket another process listens on is left alone; one nobody listens
 * on any more (a crashed daemon's) is replaced.
 */
static void socket_in_use(void **state)
{
	char dir[] = "/tmp/flexsec-ctl-XXXXXX";
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	char *log;
	int fd;

	assert_non_null(mkdtemp(dir));
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/s", dir);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	assert_int_equal(listen(fd, 1), 0);
	assert_int_equal(loop_init(), 0);
	in_use_path = sun.sun_path;
	log = stderr_of(open_in_use);
	assert_non_null(strstr(log, "another flexsecd is answering there"));
	free(log);
	close(fd);
	assert_int_equal(ctl_open(sun.sun_path), 0);
	ctl_close();
	loop_fini();
	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(match_words),
		cmocka_unit_test_setup(exec_abbreviations, reset),
		cmocka_unit_test_setup(exec_errors, reset),
		cmocka_unit_test_setup(exec_help, reset),
		cmocka_unit_test_setup(exec_debug, reset),
		cmocka_unit_test_setup(exec_json, reset),
		cmocka_unit_test_setup(exec_reload_and_clear, reset),
		cmocka_unit_test_setup_teardown(show_with_sa, reset, no_state),
		cmocka_unit_test_setup(socket_round_trip, reset),
		cmocka_unit_test_setup(socket_in_use, reset),
	};

	return cmocka_run_group_tests_name("ctl", tests, NULL, NULL);
}
