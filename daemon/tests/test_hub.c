// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of a hub and a spoke in one engine, through the test doubles
 * of engine_link.c: the spoke's Tunnel0 ("ip address negotiated") asks
 * for an address in IKE_AUTH; the hub's profile clones Virtual-Access1
 * from Virtual-Template1, leases an address of its pool, answers with it,
 * the routes of "route set", and narrows the spoke's selector to it. The
 * spoke takes the address and the routes. The session's end removes the
 * Virtual-Access, its route and its lease, and gives the spoke's address
 * back; the next session gets Virtual-Access1 again.
 */

#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "conf.h"
#include "daemon.h"
#include "diag.h"
#include "engine_link.h"
#include "ike_int.h"
#include "loop.h"
#include "pool.h"
#include "sa_mgr.h"
#include "show.h"
#include "spoke.h"
#include "tunnel.h"
#include "vaccess.h"

#define IF_SPOKE	1	/* Tunnel0 */
#define IF_VI1		101	/* Vi1 */

static const char conf_text[] =
	"aaa new-model\n"
	"aaa authorization network FLEX local\n"
	"ip local pool SPOKES 10.0.0.10 10.0.0.11\n"
	"crypto ikev2 authorization policy SPOKES\n"
	" pool SPOKES\n"
	" dns 10.0.0.53\n"
	" route set interface\n"
	" route set remote ipv4 10.0.0.0 255.255.255.0\n"
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
	" authentication local pre-share\n"
	" authentication remote pre-share\n"
	" keyring local K\n"
	"crypto ikev2 profile HUB\n"
	" match identity remote address 192.0.2.1 255.255.255.255\n"
	" authentication local pre-share\n"
	" authentication remote pre-share\n"
	" keyring local K\n"
	" aaa authorization group psk list FLEX SPOKES\n"
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

static void pump_only(void)
{
	unsigned int n = 0;

	while (link_queued()) {
		assert_true(++n < 100);
		link_deliver();
	}
	ike_sa_reap();
}

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

static int start_with(const char *from, const char *to)
{
	const char *at = from ? strstr(conf_text, from) : NULL;
	size_t len = sizeof(conf_text) + (to ? strlen(to) : 0);
	char *text = malloc(len);
	int err;

	if (!text || (from && !at)) {
		free(text);
		return -1;
	}
	if (at)
		snprintf(text, len, "%.*s%s%s", (int)(at - conf_text), conf_text,
			 to, at + strlen(from));
	else
		snprintf(text, len, "%s", conf_text);
	err = engine_start(text, strlen(text), "hub");
	free(text);
	return err;
}

static int setup(void **state)
{
	return start_with(NULL, NULL);
}

/* A spoke with an address of its own, asking for nothing. */
static int setup_static(void **state)
{
	return start_with(" ip address negotiated\n",
			  " ip address 10.0.0.99 255.255.255.255\n");
}

/* The spoke's own policy: IKEv2 routing both ways ("route set" and
 * "route accept"), the hub accepting with distance 5. */
static int setup_routing(void **state)
{
	return start_with(" route set remote ipv4 10.0.0.0 255.255.255.0\n",
			  " route set remote ipv4 10.0.0.0 255.255.255.0\n"
			  " route accept any distance 5\n"
			  "crypto ikev2 authorization policy SPOKE-POL\n"
			  " route set interface\n"
			  " route set remote ipv4 172.16.1.0 255.255.255.0\n"
			  " route accept any\n"
			  "crypto ikev2 profile SPOKE\n"
			  " aaa authorization group psk list FLEX SPOKE-POL\n");
}

/* The spoke's policy has no "route accept" (seed's "accepts no routes"). */
static int setup_no_accept(void **state)
{
	return start_with(" route set remote ipv4 10.0.0.0 255.255.255.0\n",
			  " route set remote ipv4 10.0.0.0 255.255.255.0\n"
			  "crypto ikev2 authorization policy SPOKE-POL\n"
			  " route set interface\n"
			  "crypto ikev2 profile SPOKE\n"
			  " aaa authorization group psk list FLEX SPOKE-POL\n");
}

static int teardown(void **state)
{
	engine_stop();
	return 0;
}

static struct tunnel *connect_spoke(void)
{
	struct tunnel *vi;

	assert_int_equal(ike_initiate(&D.conf->tunnels[0], IF_SPOKE), 0);
	pump();
	vi = tunnel_find("Vi1");
	assert_non_null(vi);
	return vi;
}

static const char *addr(const struct conf_addr *a)
{
	static char b[64];

	return inet_ntop(AF_INET, a->a, b, sizeof(b));
}

/* The spoke's IKE_AUTH clones Virtual-Access1 with an address leased. */
static void clone_and_assign(void **state)
{
	struct tunnel *vi = connect_spoke(), *t0 = tunnel_find("Tunnel0");
	struct ike_sa *hub = tunnel_ike_sa(vi), *spoke = tunnel_ike_sa(t0);
	const struct pool_lease *l;

	assert_non_null(vi->va);
	assert_int_equal(vi->ifindex, IF_VI1);
	assert_string_equal(va_show_name(vi), "Virtual-Access1");
	assert_int_equal(va_count(), 1);
	/* the template's settings, with the peer as destination */
	assert_int_equal(vi->conf->mode, CONF_TUN_VTI);
	assert_string_equal(addr(&vi->conf->ip), "10.0.0.1");
	assert_string_equal(addr(&vi->conf->destination), "192.0.2.1");
	/* both ends established, the CHILD SA on Vi1 */
	assert_non_null(hub);
	assert_non_null(spoke);
	assert_int_equal(hub->state, IKE_ST_READY);
	assert_int_equal(spoke->state, IKE_ST_READY);
	assert_non_null(hub->children);
	assert_int_equal(hub->children->ifindex, IF_VI1);
	assert_int_equal(hub->children->state, CHILD_ST_INSTALLED);
	assert_int_equal(spoke->children->state, CHILD_ST_INSTALLED);
	/* the lease, the same address at both ends, narrowed selectors */
	l = pool_lease_of(D.pools, vi->va->owner, AF_INET);
	assert_non_null(l);
	assert_string_equal(addr(&l->addr), "10.0.0.10");
	assert_string_equal(addr(&hub->peer_vip), "10.0.0.10");
	assert_string_equal(addr(&spoke->local_vip), "10.0.0.10");
	assert_string_equal(addr(&hub->children->ts.remote_start), "10.0.0.10");
	assert_string_equal(addr(&spoke->children->ts.local_start), "10.0.0.10");
	/* the spoke's address and routes: route set interface and remote */
	assert_string_equal(addr(&if_addr), "10.0.0.10");
	assert_non_null(t0->spoke);
	assert_int_equal(t0->spoke->n_routes, 2);
	/* the hub's route to the spoke's address */
	assert_int_equal(vi->va->n_routes, 1);
	assert_int_equal(routes_up, 3);
}

/* The spoke restarts without a word: its next IKE_AUTH says
 * INITIAL_CONTACT, and the hub's stale session goes before the new one
 * takes a Virtual-Access and an address (one address left would do). */
static void spoke_restart(void **state)
{
	struct tunnel *vi = connect_spoke();
	struct ike_sa *spoke = tunnel_ike_sa(tunnel_find("Tunnel0"));
	struct pool_stats st;
	uint64_t owner = vi->va->owner;

	/* the session has been up a while */
	tunnel_ike_sa(vi)->established_ms -= 1000;
	ike_sa_drop(spoke, "the spoke restarts");
	ike_sa_reap();
	assert_non_null(tunnel_find("Vi1"));
	vi = connect_spoke();
	assert_int_not_equal(vi->va->owner, owner);
	assert_int_equal(va_count(), 1);
	assert_null(pool_lease_of(D.pools, owner, AF_INET));
	pool_get_stats(pool_find(D.pools, AF_INET, "SPOKES"), &st);
	assert_int_equal(st.in_use, 1);
	assert_int_equal(tunnel_ike_sa(vi)->state, IKE_ST_READY);
}

static char *shown(bool config, bool derived)
{
	char *buf = NULL;
	size_t len;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(show_virtual_access(f, 1, config, derived, false), 0);
	fclose(f);
	return buf;
}

/* show interfaces virtual-access 1 [configuration], show derived-config. */
static void show_va(void **state)
{
	char *s;

	connect_spoke();
	s = shown(false, false);
	assert_non_null(strstr(s, "Virtual-Access1 is up, line protocol is up"));
	assert_non_null(strstr(s, "Using address of Loopback0 (10.0.0.1)"));
	assert_non_null(strstr(s, "Tunnel source 192.0.2.2, destination 192.0.2.1"));
	free(s);
	s = shown(false, true);
	assert_non_null(strstr(s, "interface Virtual-Access1\n"
				  " ip unnumbered Loopback0\n"));
	assert_non_null(strstr(s, " tunnel destination 192.0.2.1\n"));
	assert_non_null(strstr(s, " tunnel protection ipsec profile SPOKES\nend\n"));
	free(s);
	s = shown(true, false);
	assert_non_null(strstr(s, "cloned from Virtual-Template1"));
	free(s);
}

/* The session ends: Virtual-Access1 goes with its route and lease; the
 * spoke gives its address back; the next session has Vi1 again. */
static void session_end(void **state)
{
	struct tunnel *vi = connect_spoke();
	struct ike_sa *spoke = tunnel_ike_sa(tunnel_find("Tunnel0"));
	uint64_t owner = vi->va->owner;
	struct pool_stats st;

	ike_delete_send(spoke);
	pump();
	assert_null(tunnel_find("Vi1"));
	assert_int_equal(va_count(), 0);
	assert_int_equal(link_deleted, 1);
	assert_null(pool_lease_of(D.pools, owner, AF_INET));
	pool_get_stats(pool_find(D.pools, AF_INET, "SPOKES"), &st);
	assert_int_equal(st.in_use, 0);
	assert_null(tunnel_find("Tunnel0")->spoke);
	assert_int_equal(if_addr.family, 0);
	assert_int_equal(routes_up, 0);
	vi = connect_spoke();
	assert_string_equal(va_show_name(vi), "Virtual-Access1");
}

/* The spoke reauthenticates (a new IKE SA, then the old one deleted):
 * the new IKE SA joins Virtual-Access1, with the same address. */
static void reauth_keeps_va(void **state)
{
	struct tunnel *vi = connect_spoke(), *t0 = tunnel_find("Tunnel0");
	struct ike_sa *old = tunnel_ike_sa(t0), *hub = tunnel_ike_sa(vi);
	uint64_t owner = vi->va->owner;

	old->established_ms -= 60000;
	hub->established_ms -= 60000;
	assert_int_equal(ike_initiate_sa(old->tun, old), 0);
	pump();
	pump();
	assert_int_equal(va_count(), 1);
	assert_ptr_equal(tunnel_find("Vi1"), vi);
	assert_null(tunnel_find("Vi2"));
	assert_int_equal(vi->va->owner, owner);
	assert_string_equal(addr(&vi->va->assigned), "10.0.0.10");
	assert_string_equal(addr(&if_addr), "10.0.0.10");
	/* one IKE SA left at each end, the new ones, on the same interfaces */
	assert_int_equal(sam_count(), 2);
	assert_ptr_not_equal(tunnel_ike_sa(t0), old);
	assert_int_equal(tunnel_ike_sa(vi)->state, IKE_ST_READY);
	assert_int_equal(tunnel_ike_sa(vi)->children->ifindex, IF_VI1);
	assert_non_null(pool_lease_of(D.pools, owner, AF_INET));
}

static char *ikev2_shown(void)
{
	char *buf = NULL;
	size_t len;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(show_ikev2_sa(f, true, false), 0);
	fclose(f);
	return buf;
}

static char *errors_shown(void)
{
	char *buf = NULL;
	size_t len;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	diag_show_errors(f, false);
	fclose(f);
	return buf;
}

/* No address left: the hub answers INTERNAL_ADDRESS_FAILURE, not
 * AUTHENTICATION_FAILED, and both ends say why; nothing is left. */
static void pool_exhausted(void **state)
{
	struct pool *p = pool_find(D.pools, AF_INET, "SPOKES");
	const struct pool_lease *l;
	char *e;

	assert_int_equal(pool_lease(p, 900, NULL, &l), POOL_OK);
	assert_int_equal(pool_lease(p, 901, NULL, &l), POOL_OK);
	assert_int_equal(ike_initiate(&D.conf->tunnels[0], IF_SPOKE), 0);
	pump();
	assert_null(tunnel_find("Vi1"));
	assert_int_equal(va_count(), 0);
	assert_null(tunnel_ike_sa(tunnel_find("Tunnel0")));
	assert_int_equal(sam_count(), 0);
	e = errors_shown();
	assert_non_null(strstr(e, "Fail to alloc IP addr"));
	assert_non_null(strstr(e, "could not assign Tunnel0 an address (INTERNAL_ADDRESS_FAILURE)"));
	assert_null(strstr(e, "AUTHENTICATION_FAILED"));
	free(e);
}

/* A spoke that asks for no address from a hub whose policy gives one. */
static void cp_required(void **state)
{
	char *e;

	assert_int_equal(ike_initiate(&D.conf->tunnels[0], IF_SPOKE), 0);
	pump();
	assert_null(tunnel_find("Vi1"));
	assert_int_equal(sam_count(), 0);
	e = errors_shown();
	assert_non_null(strstr(e, "sent no CFG_REQUEST, but IKEv2 profile HUB gives its peers an address"));
	assert_non_null(strstr(e, "give Tunnel0 'ip address negotiated'"));
	free(e);
}

static const struct kmi_route *va_route(const struct tunnel *vi,
					const char *dst, uint8_t plen)
{
	unsigned int i;

	for (i = 0; i < vi->va->n_routes; i++)
		if (!strcmp(addr(&vi->va->routes[i].dst), dst) &&
		    vi->va->routes[i].dst.plen == plen)
			return &vi->va->routes[i];
	return NULL;
}

/* The spoke announces its subnets in a CFG_SET after IKE_AUTH; the hub
 * routes them over Vi1 with its distance and acknowledges. */
static void cfg_set_routes(void **state)
{
	struct tunnel *vi = connect_spoke(), *t0 = tunnel_find("Tunnel0");
	const struct kmi_route *r;
	char *e;

	pump();
	/* its address (announced again by "route set interface") and
	 * 172.16.1.0/24, both with "route accept any distance 5" */
	assert_int_equal(vi->va->n_routes, 2);
	r = va_route(vi, "10.0.0.10", 32);
	assert_non_null(r);
	assert_int_equal(r->metric, 5);
	r = va_route(vi, "172.16.1.0", 24);
	assert_non_null(r);
	assert_int_equal(r->metric, 5);
	/* the spoke took the hub's two routes with its own distance */
	assert_int_equal(t0->spoke->n_routes, 2);
	assert_int_equal(t0->spoke->routes[0].metric, 1);
	e = errors_shown();
	assert_null(strstr(e, "route"));
	free(e);
	/* show crypto ikev2 sa detailed: the routed subnets of each peer */
	e = ikev2_shown();
	assert_non_null(strstr(e, "      Remote subnets:\n"
				  "      10.0.0.10 255.255.255.255\n"
				  "      172.16.1.0 255.255.255.0\n"));
	assert_non_null(strstr(e, "      Remote subnets:\n"
				  "      10.0.0.1 255.255.255.255\n"
				  "      10.0.0.0 255.255.255.0\n"));
	free(e);
}

/* The spoke's policy lacks "route accept": it has its address but no
 * route of the hub, and names the routes it did not install. */
static void spoke_accepts_none(void **state)
{
	struct tunnel *t0;
	char *e;

	connect_spoke();
	t0 = tunnel_find("Tunnel0");
	assert_string_equal(addr(&if_addr), "10.0.0.10");
	assert_int_equal(t0->spoke->n_routes, 0);
	e = errors_shown();
	assert_non_null(strstr(e, "The peer sent 2 route(s) for Tunnel0 (10.0.0.1, 10.0.0.0/24)"));
	assert_non_null(strstr(e, "no 'route accept'"));
	free(e);
}

/* Ended sessions' interfaces go together: moved to the dying group at
 * once, deleted with one request at va_reap(), their leases with them. */
static void teardown_batched(void **state)
{
	struct ike_sa *spoke;
	struct pool_stats st;

	connect_spoke();
	spoke = tunnel_ike_sa(tunnel_find("Tunnel0"));
	ike_delete_send(spoke);
	pump_only();
	assert_null(tunnel_find("Vi1"));
	assert_int_equal(va_count(), 0);
	assert_int_equal(link_retired, 1);
	assert_int_equal(link_group_deletes, 0);
	pool_get_stats(pool_find(D.pools, AF_INET, "SPOKES"), &st);
	assert_int_equal(st.in_use, 1);
	va_reap();
	assert_int_equal(link_group_deletes, 1);
	pool_get_stats(pool_find(D.pools, AF_INET, "SPOKES"), &st);
	assert_int_equal(st.in_use, 0);
	assert_int_equal(routes_up, 0);
	va_reap();
	assert_int_equal(link_group_deletes, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(clone_and_assign),
		T(session_end),
		T(show_va),
		T(spoke_restart),
		T(pool_exhausted),
		T(reauth_keeps_va),
		T(teardown_batched),
		cmocka_unit_test_setup_teardown(cp_required, setup_static,
						teardown),
		cmocka_unit_test_setup_teardown(cfg_set_routes, setup_routing,
						teardown),
		cmocka_unit_test_setup_teardown(spoke_accepts_none,
						setup_no_accept, teardown),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
