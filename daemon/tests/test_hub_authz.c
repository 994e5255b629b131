// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of what a hub's authorization does beyond the configuration
 * payload, a hub and a spoke in one engine (engine_link.c's doubles): the
 * name-mangler of the profile picks the policy (the domain of the spoke's
 * FQDN), "route accept any tag" sets the realm of the hub's routes,
 * "ipsec flow-limit" refuses a CHILD SA more with NO_ADDITIONAL_SAS, and
 * "session-lifetime" ends the session, across an IKE SA rekey.
 */

#include <arpa/inet.h>
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
#include "mangler.h"
#include "tunnel.h"
#include "vaccess.h"

static const char conf_text[] =
	"aaa new-model\n"
	"aaa authorization network FLEX local\n"
	"ip local pool BRANCH 10.0.1.10 10.0.1.11\n"
	"ip local pool OTHER 10.0.2.10 10.0.2.11\n"
	"crypto ikev2 name-mangler DOM\n"
	" fqdn domain\n"
	"crypto ikev2 authorization policy branch.example\n"
	" pool BRANCH\n"
	" route set interface\n"
	" route accept any tag 77 distance 5\n"
	" ipsec flow-limit 2\n"
	" session-lifetime 300\n"
	"crypto ikev2 authorization policy spoke1.branch.example\n"
	" pool OTHER\n"
	"crypto ikev2 proposal P\n"
	" encryption aes-gcm-128\n"
	" prf sha256\n"
	" group 19\n"
	"crypto ikev2 policy P\n"
	" proposal P\n"
	"crypto ikev2 keyring K\n"
	" peer ANY\n"
	"  address 0.0.0.0 0.0.0.0\n"
	"  pre-shared-key hub test\n"
	"crypto ikev2 profile SPOKE\n"
	" match identity remote address 192.0.2.2 255.255.255.255\n"
	" identity local fqdn spoke1.branch.example\n"
	" authentication local pre-share\n"
	" authentication remote pre-share\n"
	" keyring local K\n"
	"crypto ikev2 profile HUB\n"
	" match identity remote fqdn domain branch.example\n"
	" authentication local pre-share\n"
	" authentication remote pre-share\n"
	" keyring local K\n"
	" aaa authorization group psk list FLEX name-mangler DOM\n"
	" virtual-template 1\n"
	"crypto ipsec transform-set TS esp-gcm 256\n"
	"crypto ipsec profile TO-HUB\n"
	" set transform-set TS\n"
	" set ikev2-profile SPOKE\n"
	"crypto ipsec profile SPOKES\n"
	" set transform-set TS\n"
	" set ikev2-profile HUB\n"
	" responder-only\n"
	"interface Loopback0\n"
	" ip address 10.0.0.1 255.255.255.255\n"
	"interface Virtual-Template1 type tunnel\n"
	" ip unnumbered Loopback0\n"
	" tunnel mode ipsec ipv4\n"
	" tunnel protection ipsec profile SPOKES\n"
	"interface Tunnel0\n"
	" ip address negotiated\n"
	" tunnel source 192.0.2.1\n"
	" tunnel destination 192.0.2.2\n"
	" tunnel mode ipsec ipv4\n"
	" tunnel protection ipsec profile TO-HUB\n";

static void pump(void)
{
	unsigned int n = 0;

	while (link_queued()) {
		assert_true(++n < 100);
		link_deliver();
	}
	ike_sa_reap();
	va_reap();	/* as VA_REAP_MS later */
}

static int setup(void **state)
{
	return engine_start(conf_text, sizeof(conf_text) - 1, "hub") ? -1 : 0;
}

static int teardown(void **state)
{
	engine_stop();
	return 0;
}

static struct ike_sa *spoke_sa(void)
{
	struct tunnel *t0 = tunnel_find("Tunnel0");

	return t0 ? tunnel_ike_sa(t0) : NULL;
}

/* The hub's IKE SA of the spoke's session (Vi1's). */
static struct ike_sa *connect_spoke(void)
{
	struct tunnel *vi;

	assert_int_equal(ike_initiate(&D.conf->tunnels[0], 1), 0);
	pump();
	vi = tunnel_find("Vi1");
	assert_non_null(vi);
	assert_non_null(tunnel_ike_sa(vi));
	return tunnel_ike_sa(vi);
}

static const char *addr(const struct conf_addr *a)
{
	static char b[64];

	return inet_ntop(AF_INET, a->a, b, sizeof(b));
}

/* The exit-path table holds a line with WANT. */
static bool diag_has(const char *want)
{
	char *s = NULL;
	size_t len;
	FILE *f = open_memstream(&s, &len);
	bool found;

	assert_non_null(f);
	diag_show_errors(f, false);
	fclose(f);
	found = s && strstr(s, want);
	free(s);
	return found;
}

static unsigned int children(const struct ike_sa *sa)
{
	const struct child_sa *c;
	unsigned int n = 0;

	for (c = sa ? sa->children : NULL; c; c = c->next)
		n += c->state == CHILD_ST_INSTALLED;
	return n;
}

/* fqdn domain: spoke1.branch.example is authorized as branch.example,
 * whose pool, tag and distance it gets. */
static void mangled_policy(void **state)
{
	struct ike_sa *hub = connect_spoke();
	struct tunnel *vi = tunnel_find("Vi1");

	assert_int_equal(hub->state, IKE_ST_READY);
	assert_string_equal(addr(&hub->peer_vip), "10.0.1.10");
	assert_int_equal(vi->va->n_routes, 1);
	assert_int_equal(vi->va->routes[0].realm, 77);
	assert_int_equal(vi->va->routes[0].metric, 5);
	assert_int_equal(hub->flow_limit, 2);
	assert_int_equal(hub->session_lifetime, 300);
}

/* A mangler that makes no name of the identity: authorization fails,
 * and the exit path names the mangler. */
static void mangled_none(void **state)
{
	D.conf->manglers[0].fqdn = MANGLE_OFF;
	assert_int_equal(ike_initiate(&D.conf->tunnels[0], 1), 0);
	pump();
	assert_null(tunnel_find("Vi1"));
	assert_int_equal(va_count(), 0);
	assert_true(diag_has("no name to look up: the peer's identity has "
			     "none for name-mangler DOM"));
}

/* flow-limit 2: the CHILD SA of IKE_AUTH and one more; a third is
 * refused, a rekey is not. */
static void flow_limit(void **state)
{
	struct ike_sa *hub = connect_spoke(), *spoke = spoke_sa();
	uint32_t spi;

	assert_int_equal(children(hub), 1);
	assert_int_equal(child_create_start(spoke), 0);
	pump();
	assert_int_equal(children(hub), 2);
	assert_int_equal(children(spoke), 2);
	assert_false(diag_has("NO_ADDITIONAL_SAS"));
	assert_int_equal(child_create_start(spoke), 0);
	pump();
	assert_int_equal(children(hub), 2);
	assert_int_equal(children(spoke), 2);
	assert_true(diag_has("NO_ADDITIONAL_SAS"));
	/* a rekey replaces one: it goes through */
	spi = spoke->children->spi_in;
	assert_int_equal(child_rekey_start(spoke->children), 0);
	pump();
	assert_int_equal(children(hub), 2);
	assert_int_equal(children(spoke), 2);
	assert_null(child_find_in(spoke, spi));
}

/* session-lifetime 300: armed at IKE_AUTH, carried over by an IKE SA
 * rekey, and when it fires the IKE SA is deleted with Vi1. */
static void session_lifetime(void **state)
{
	struct ike_sa *hub = connect_spoke(), *n;
	uint64_t at = hub->session_end_at, now = now_ms();

	assert_true(timer_armed(&hub->session_end));
	assert_true(at > now + 299000 && at <= now + 300000);
	assert_int_equal(ike_rekey_start(spoke_sa()), 0);
	pump();
	n = tunnel_ike_sa(tunnel_find("Vi1"));
	assert_non_null(n);
	assert_ptr_not_equal(n, hub);
	assert_int_equal(n->state, IKE_ST_READY);
	assert_int_equal(n->session_end_at, at);
	assert_true(timer_armed(&n->session_end));
	assert_int_equal(n->session_lifetime, 300);
	/* the time is up */
	n->session_end.fn(&n->session_end);
	pump();
	assert_null(tunnel_find("Vi1"));
	assert_int_equal(va_count(), 0);
	assert_null(spoke_sa());
	assert_true(diag_has("Session lifetime of 300 s expired"));
}

/* Without session-lifetime nothing is armed. */
static void no_lifetime(void **state)
{
	struct ike_sa *hub;

	D.conf->manglers[0].fqdn = MANGLE_ALL;	/* spoke1.branch.example */
	hub = connect_spoke();
	assert_string_equal(addr(&hub->peer_vip), "10.0.2.10");
	assert_false(timer_armed(&hub->session_end));
	assert_int_equal(hub->session_end_at, 0);
	assert_int_equal(hub->flow_limit, 0);
	assert_int_equal(tunnel_find("Vi1")->va->routes[0].realm, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(mangled_policy),
		T(mangled_none),
		T(flow_limit),
		T(session_lifetime),
		T(no_lifetime),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
