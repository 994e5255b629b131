// SPDX-License-Identifier: GPL-2.0
/*
 * The IKE engine over IPv6, both ends in one engine as in test_engine.c:
 * end A is Tunnel0 (2001:db8::1, initiating), end B Tunnel1 (2001:db8::2,
 * responder-only). The identities are IPv6 addresses (ID_IPV6_ADDR): A's
 * set with "identity local address", B's the default one, its address;
 * the keyring's peer is an IPv6 prefix. A VTI of "tunnel mode ipsec
 * ipv6" carries IPv6 selectors alone, "v4-overlay" IPv4 ones, GRE the
 * two outer addresses; ESP in UDP over IPv6 fails the SA, diagnosed.
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
#include <openssl/sha.h>

#include "conf.h"
#include "daemon.h"
#include "diag_util.h"
#include "engine_link.h"
#include "ike_int.h"
#include "msg.h"
#include "natt.h"
#include "sa_mgr.h"
#include "show.h"
#include "tunnel.h"
#include "vaccess.h"

#define IF_A	1
#define IF_B	2

/* The configuration, with the tunnel mode of both ends and a line in
 * A's IKEv2 profile. */
static const char conf_fmt[] =
	"crypto ikev2 proposal P\n"
	" encryption aes-gcm-128\n"
	" prf sha256\n"
	" group 19\n"
	"crypto ikev2 policy P\n"
	" proposal P\n"
	"crypto ikev2 keyring K\n"
	" peer ENDS\n"
	"  address 2001:db8::/32\n"
	"  pre-shared-key engine test\n"
	"crypto ikev2 profile PA\n"
	" match identity remote address 2001:db8::2/128\n"
	" identity local address 2001:db8::1\n"
	" authentication local pre-share\n"
	" authentication remote pre-share\n"
	" keyring local K\n"
	" %s\n"
	"crypto ikev2 profile PB\n"
	" match identity remote address 2001:db8::1/128\n"
	" authentication local pre-share\n"
	" authentication remote pre-share\n"
	" keyring local K\n"
	"crypto ipsec transform-set TS esp-gcm 256\n"
	"crypto ipsec profile A\n"
	" set transform-set TS\n"
	" set ikev2-profile PA\n"
	"crypto ipsec profile B\n"
	" set transform-set TS\n"
	" set ikev2-profile PB\n"
	" responder-only\n"
	"interface Tunnel0\n"
	" ip address 10.0.0.1 255.255.255.252\n"
	" tunnel source 2001:db8::1\n"
	" tunnel destination 2001:db8::2\n"
	" tunnel mode %s\n"
	" tunnel protection ipsec profile A\n"
	"interface Tunnel1\n"
	" ip address 10.0.0.2 255.255.255.252\n"
	" tunnel source 2001:db8::2\n"
	" tunnel destination 2001:db8::1\n"
	" tunnel mode %s\n"
	" tunnel protection ipsec profile B\n";

static int start(const char *mode, const char *prof_line)
{
	char text[4096];
	int n = snprintf(text, sizeof(text), conf_fmt, prof_line, mode, mode);

	assert_true(n > 0 && (size_t)n < sizeof(text));
	return engine_start(text, (size_t)n, "engine6");
}

static struct ike_sa *ike_of(unsigned int ifindex)
{
	return tunnel_ike_sa(tunnel_by_ifindex(ifindex));
}

static struct child_sa *child_of(unsigned int ifindex)
{
	struct ike_sa *sa = ike_of(ifindex);

	assert_non_null(sa);
	assert_non_null(sa->children);
	assert_null(sa->children->next);
	return sa->children;
}

static unsigned int pump(void)
{
	unsigned int n = 0;

	while (link_queued()) {
		assert_true(++n < 200);
		link_deliver();
	}
	return n;
}

static void v6_is(const struct sockaddr_storage *ss, const char *want)
{
	char a[INET6_ADDRSTRLEN];

	assert_int_equal(ss->ss_family, AF_INET6);
	assert_non_null(inet_ntop(AF_INET6,
				  &((const struct sockaddr_in6 *)ss)->sin6_addr,
				  a, sizeof(a)));
	assert_string_equal(a, want);
}

static void caddr_is(const struct conf_addr *c, const char *want)
{
	char a[INET6_ADDRSTRLEN];

	assert_int_equal(c->family, AF_INET6);
	assert_non_null(inet_ntop(AF_INET6, c->a, a, sizeof(a)));
	assert_string_equal(a, want);
}

/* A initiates; the IKE SA and its CHILD SA come up on both ends. */
static void establish(void)
{
	struct ike_sa *a, *b;

	assert_int_equal(ike_initiate(&D.conf->tunnels[0], IF_A), 0);
	assert_int_equal(pump(), 4);
	a = ike_of(IF_A);
	b = ike_of(IF_B);
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(a->state, IKE_ST_READY);
	assert_int_equal(b->state, IKE_ST_READY);
	assert_true(a->initiator && !b->initiator);
	assert_int_equal(child_of(IF_A)->state, CHILD_ST_INSTALLED);
	assert_int_equal(child_of(IF_B)->state, CHILD_ST_INSTALLED);
	assert_int_equal(child_of(IF_A)->spi_out, child_of(IF_B)->spi_in);
	assert_int_equal(ksa_errors, 0);
}

static char *shown(int (*fn)(FILE *, bool, bool), bool a, bool b)
{
	struct mem o;

	assert_int_equal(fn(mem_open(&o), a, b), 0);
	return mem_close(&o);
}

static int teardown(void **state)
{
	engine_stop();
	return 0;
}

/* Over IPv6, both roles: the addresses, the identities, no NAT. */
static void vti_over_ipv6(void **state)
{
	struct ike_sa *a, *b;

	assert_int_equal(start("ipsec ipv6", "!"), 0);
	establish();
	a = ike_of(IF_A);
	b = ike_of(IF_B);
	v6_is(&a->local, "2001:db8::1");
	v6_is(&a->remote, "2001:db8::2");
	v6_is(&b->local, "2001:db8::2");
	v6_is(&b->remote, "2001:db8::1");
	/* ID_IPV6_ADDR each way: the configured one, and B's default */
	assert_int_equal(b->id_remote.type, CONF_ID_ADDRESS);
	caddr_is(&b->id_remote.addr, "2001:db8::1");
	assert_int_equal(a->id_remote.type, CONF_ID_ADDRESS);
	caddr_is(&a->id_remote.addr, "2001:db8::2");
	assert_string_equal(b->prof->name, "PB");
	/* NAT detection over the IPv6 addresses: no NAT seen */
	assert_true(a->nat_t && b->nat_t);
	assert_false(a->nat_local || a->nat_remote || b->nat_local ||
		     b->nat_remote);
}

/* "tunnel mode ipsec ipv6": ::/0 both sides, no IPv4 selector. */
static void ipv6_overlay_selectors(void **state)
{
	struct child_sa *c;

	assert_int_equal(start("ipsec ipv6", "!"), 0);
	establish();
	c = child_of(IF_A);
	assert_int_equal(c->ts.local_start.family, 0);
	caddr_is(&c->ts6.local_start, "::");
	caddr_is(&c->ts6.local_end, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	caddr_is(&c->ts6.remote_start, "::");
	assert_int_equal(child_of(IF_B)->ts.local_start.family, 0);
	caddr_is(&child_of(IF_B)->ts6.remote_start, "::");
}

/* "tunnel mode ipsec ipv6 v4-overlay": IPv4 any, no IPv6 selector. */
static void ipv4_overlay_selectors(void **state)
{
	struct child_sa *c;

	assert_int_equal(start("ipsec ipv6 v4-overlay", "!"), 0);
	establish();
	c = child_of(IF_A);
	assert_int_equal(c->ts.local_start.family, AF_INET);
	assert_int_equal(c->ts.remote_end.a[0], 0xff);
	assert_int_equal(c->ts6.local_start.family, 0);
	assert_int_equal(child_of(IF_B)->ts6.local_start.family, 0);
}

/* GRE over IPv6: transport mode, protocol 47 between the two ends. */
static void gre_over_ipv6(void **state)
{
	struct child_sa *c;

	assert_int_equal(start("gre ipv6", "!"), 0);
	establish();
	c = child_of(IF_A);
	assert_true(c->transport);
	assert_int_equal(c->ts.proto, 47);
	caddr_is(&c->ts.local_start, "2001:db8::1");
	caddr_is(&c->ts.remote_start, "2001:db8::2");
	assert_true(child_of(IF_B)->transport);
}

/* The IPv6 section of show crypto ikev2 sa lists them, the IPv4 one not;
 * JSON the same way. */
static void shown_in_ipv6_section(void **state)
{
	char *s, *v6;

	assert_int_equal(start("ipsec ipv6", "!"), 0);
	establish();
	s = shown(show_ikev2_sa, false, false);
	v6 = strstr(s, " IPv6 Crypto IKEv2  SA ");
	assert_non_null(v6);
	assert_null(strstr(s, "READY") < v6 ? strstr(s, "READY") : NULL);
	assert_non_null(strstr(v6, "none/none            READY"));
	assert_non_null(strstr(v6, "\nLocal  2001:db8::1/500\nRemote 2001:db8::2/500\n"));
	assert_non_null(strstr(v6, "\nLocal  2001:db8::2/500\nRemote 2001:db8::1/500\n"));
	free(s);
	s = shown(show_ikev2_sa, false, true);
	assert_non_null(strstr(s, "\"ikev2_sas\":[]"));
	v6 = strstr(s, "\"ipv6_ikev2_sas\":[");
	assert_non_null(v6);
	assert_non_null(strstr(v6, "\"remote\":\"2001:db8::2\""));
	free(s);
}

/* The selectors of the IPv6 overlay in show crypto ipsec sa. */
static void ipsec_sa_shown(void **state)
{
	struct mem o;
	char *s;

	assert_int_equal(start("ipsec ipv6", "!"), 0);
	establish();
	assert_int_equal(show_ipsec_sa(mem_open(&o), NULL, false), 0);
	s = mem_close(&o);
	assert_non_null(strstr(s, "local  ident (addr/prefixlen/prot/port): (::/0/0/0)"));
	assert_non_null(strstr(s, "local crypto endpt.: 2001:db8::1, remote crypto endpt.: 2001:db8::2"));
	free(s);
}

/* The NAT_DETECTION hash of notify TYPE in M: SHA-1 of the SPIs, the
 * IPv6 address A and port 500 (RFC 7296 2.23), computed here. */
static void nat_hash_is(const struct ike_msg *m, uint16_t type,
			const char *a)
{
	uint8_t in[8 + 8 + 16 + 2] = { 0 }, want[SHA_DIGEST_LENGTH];
	struct ike_notify_pl n;
	struct parse_err e;
	unsigned int i;
	bool seen = false;

	for (i = 0; i < 8; i++)
		in[i] = (uint8_t)(m->hdr.ispi >> (56 - 8 * i));
	/* SPIr is zero in the request */
	assert_int_equal(inet_pton(AF_INET6, a, in + 16), 1);
	in[32] = 500 >> 8;
	in[33] = 500 & 0xff;
	SHA1(in, sizeof(in), want);
	for (i = 0; i < m->n; i++) {
		if (m->pl[i].type != IKE_PL_NOTIFY ||
		    ike_parse_notify(&m->pl[i], &n, &e) || n.type != type)
			continue;
		assert_int_equal(n.len, SHA_DIGEST_LENGTH);
		assert_memory_equal(n.data, want, SHA_DIGEST_LENGTH);
		seen = true;
	}
	assert_true(seen);
}

/* A's IKE_SA_INIT request hashes its IPv6 source and destination. */
static void nat_detection_over_ipv6(void **state)
{
	const struct link_dgram *d;
	struct ike_msg *m = calloc(1, sizeof(*m));
	struct parse_err e;

	assert_non_null(m);
	assert_int_equal(start("ipsec ipv6", "!"), 0);
	assert_int_equal(ike_initiate(&D.conf->tunnels[0], IF_A), 0);
	d = link_peek();
	assert_non_null(d);
	v6_is(&d->from, "2001:db8::1");
	v6_is(&d->to, "2001:db8::2");
	assert_int_equal(ike_parse_msg(d->buf, d->len, m, &e), 0);
	nat_hash_is(m, IKE_N_NAT_DETECTION_SOURCE_IP, "2001:db8::1");
	nat_hash_is(m, IKE_N_NAT_DETECTION_DESTINATION_IP, "2001:db8::2");
	free(m);
}

/* nat force-encap on A: B sees a NAT in A's hashes and fails the SA,
 * as A does once it sees its own forcing; nothing is installed. */
static void no_esp_in_udp_over_ipv6(void **state)
{
	struct ike_sa *a;
	struct mem o;
	char *s;

	assert_int_equal(start("ipsec ipv6", "nat force-encap"), 0);
	assert_int_equal(ike_initiate(&D.conf->tunnels[0], IF_A), 0);
	assert_int_equal(link_queued(), 1);
	link_deliver();
	/* B answers nothing: its SA failed at IKE_SA_INIT */
	assert_int_equal(link_queued(), 0);
	assert_int_equal(ksa_adds, 0);
	a = ike_of(IF_A);
	assert_non_null(a);
	a->nat_forced = true;
	assert_int_equal(natt_refuse_v6(a), -1);
	assert_non_null(strstr(a->status, "ESP in UDP over IPv6 is not supported"));
	diag_show_errors(mem_open(&o), false);
	s = mem_close(&o);
	assert_non_null(strstr(s, "NAT-T is detected outside, but ESP in UDP over IPv6 is not supported"));
	assert_non_null(strstr(s, "NAT-T is forced (nat force-encap), but ESP in UDP over IPv6 is not supported"));
	free(s);
}

/* A hub over IPv6: a Virtual-Access cloned from a template of "tunnel
 * mode ipsec ipv6" for the spoke, its outer addresses the IKE SA's. */
static const char hub_text[] =
	"crypto ikev2 proposal P\n"
	" encryption aes-gcm-128\n"
	" prf sha256\n"
	" group 19\n"
	"crypto ikev2 policy P\n"
	" proposal P\n"
	"crypto ikev2 keyring K\n"
	" peer ANY\n"
	"  address ::/0\n"
	"  pre-shared-key hub test\n"
	"crypto ikev2 profile SPOKE\n"
	" match identity remote address 2001:db8::2/128\n"
	" authentication local pre-share\n"
	" authentication remote pre-share\n"
	" keyring local K\n"
	"crypto ikev2 profile HUB\n"
	" match identity remote address 2001:db8::1/128\n"
	" authentication local pre-share\n"
	" authentication remote pre-share\n"
	" keyring local K\n"
	" virtual-template 1\n"
	"crypto ipsec transform-set TS esp-gcm 256\n"
	"crypto ipsec profile TO-HUB\n"
	" set transform-set TS\n"
	" set ikev2-profile SPOKE\n"
	"crypto ipsec profile SPOKES\n"
	" set transform-set TS\n"
	" set ikev2-profile HUB\n"
	" responder-only\n"
	"interface Virtual-Template1 type tunnel\n"
	" ipv6 address 2001:db8:100::2/64\n"
	" tunnel mode ipsec ipv6\n"
	" tunnel protection ipsec profile SPOKES\n"
	"interface Tunnel0\n"
	" ipv6 address 2001:db8:100::1/64\n"
	" tunnel source 2001:db8::1\n"
	" tunnel destination 2001:db8::2\n"
	" tunnel mode ipsec ipv6\n"
	" tunnel protection ipsec profile TO-HUB\n";

static void hub_virtual_access(void **state)
{
	const struct tunnel *vi;
	struct ike_sa *hub;

	assert_int_equal(engine_start(hub_text, sizeof(hub_text) - 1, "hub6"),
			 0);
	assert_int_equal(ike_initiate(&D.conf->tunnels[0], IF_A), 0);
	assert_int_equal(pump(), 4);
	assert_int_equal(ike_of(IF_A)->state, IKE_ST_READY);
	vi = tunnel_by_ifindex(101);
	assert_non_null(vi);
	assert_non_null(vi->va);
	assert_string_equal(vi->va->conf.alias, "Virtual-Access1");
	caddr_is(&vi->va->conf.destination, "2001:db8::1");
	caddr_is(&vi->va->conf.source, "2001:db8::2");
	assert_int_equal(vi->va->conf.overlay_family, AF_INET6);
	hub = vi->sas;
	assert_non_null(hub);
	v6_is(&hub->remote, "2001:db8::1");
	assert_non_null(hub->children);
	assert_int_equal(hub->children->ifindex, 101);
	caddr_is(&hub->children->ts6.remote_start, "::");
	assert_int_equal(hub->children->ts.local_start.family, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_teardown(f, teardown)
		T(vti_over_ipv6),
		T(nat_detection_over_ipv6),
		T(ipv6_overlay_selectors),
		T(ipv4_overlay_selectors),
		T(gre_over_ipv6),
		T(shown_in_ipv6_section),
		T(ipsec_sa_shown),
		T(no_esp_in_udp_over_ipv6),
		T(hub_virtual_access),
#undef T
	};

	return cmocka_run_group_tests_name("engine6", tests, NULL, NULL);
}
