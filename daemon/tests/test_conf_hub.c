// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the configuration a FlexVPN hub and spoke add to a
 * point-to-point one: interface Virtual-Template, interface Loopback,
 * ip unnumbered, ip address negotiated, the profile's virtual-template,
 * aaa, ip local pool and standard access lists.
 */

#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "authz.h"
#include "conf_util.h"
#include "pool.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* A hub as FlexVPN configurations write it. */
static const char hub[] =
	"aaa new-model\n"
	"aaa authorization network FLEX local\n"
	"!\n"
	"ip local pool SPOKES 10.0.0.10 10.0.0.250\n"
	"ip local pool SPOKES 10.0.1.1 10.0.1.254\n"
	"ipv6 local pool SPOKES6 2001:db8:1::/48 64\n"
	"ip access-list standard HUB-NETS\n"
	" remark what the spokes learn\n"
	" permit 192.168.10.0 0.0.0.255\n"
	" 20 permit host 192.168.20.1\n"
	" deny any\n"
	"access-list 10 permit 172.16.0.0 0.15.255.255\n"
	"ipv6 access-list HUB-NETS6\n"
	" remark the spokes learn these too\n"
	" permit ipv6 2001:db8:10::/48 any\n"
	" sequence 20 permit ipv6 host 2001:db8::20 any\n"
	" permit tcp any any\n"
	" deny ipv6 any any\n"
	"!\n"
	"crypto ikev2 keyring KR\n"
	" peer spokes\n"
	"  address 0.0.0.0 0.0.0.0\n"
	"  pre-shared-key cisco123\n"
	"crypto ikev2 profile HUB\n"
	" match identity remote fqdn domain example.com\n"
	" authentication remote pre-share\n"
	" authentication local pre-share\n"
	" keyring local KR\n"
	" aaa authorization group psk list FLEX SPOKES\n"
	" virtual-template 1\n"
	"crypto ikev2 authorization policy SPOKES\n"
	" pool SPOKES\n"
	" dns 10.0.0.53\n"
	" def-domain example.com\n"
	" route set interface\n"
	" route set access-list HUB-NETS\n"
	" route set remote ipv4 192.168.30.0 255.255.255.0\n"
	" route set access-list ipv6 HUB-NETS6\n"
	"crypto ikev2 authorization policy default\n"
	" route accept any tag 7 distance 5\n"
	"crypto ipsec profile IPSEC\n"
	" set ikev2-profile HUB\n"
	"interface Loopback0\n"
	" ip address 10.0.0.1 255.255.255.255\n"
	" ipv6 address 2001:db8::1/128\n"
	"interface Virtual-Template1 type tunnel\n"
	" ip unnumbered loopback0\n"
	" ip mtu 1400\n"
	" tunnel source 192.0.2.1\n"
	" tunnel mode ipsec ipv4\n"
	" tunnel protection ipsec profile IPSEC\n"
	" description spokes\n";

static void hub_parses(void **state)
{
	struct conf *c = cu_good(hub);
	const struct conf_tunnel *vt = conf_template(c, 1);
	const struct conf_profile *pf = conf_profile(c, "HUB");
	const struct conf_loopback *lo = conf_loopback(c, "Loopback0");
	const struct conf_pool *po = conf_pool(c, "SPOKES");
	const struct conf_pool *po6 = conf_pool(c, "SPOKES6");
	const struct conf_acl *acl = conf_acl(c, "HUB-NETS");
	const struct conf_acl *acl10 = conf_acl(c, "10");
	const struct conf_acl *acl6 = conf_acl6(c, "HUB-NETS6");
	char b[64];

	assert_true(c->aaa_new_model);
	assert_int_equal(c->n_aaa_lists, 1);
	assert_string_equal(c->aaa_lists[0].name, "FLEX");
	assert_int_equal(c->n_tunnels, 0);
	assert_non_null(vt);
	assert_string_equal(vt->name, "Virtual-Template1");
	assert_string_equal(vt->unnumbered, "Loopback0");
	assert_int_equal(vt->mtu, 1400);
	assert_int_equal(vt->mode, CONF_TUN_VTI);
	assert_non_null(vt->ipsec);
	assert_string_equal(vt->ipsec->name, "IPSEC");
	assert_non_null(pf);
	assert_int_equal(pf->virtual_template, 1);
	assert_ptr_equal(pf->vt, vt);
	assert_non_null(pf->authz);
	assert_true(pf->authz->group[AUTHZ_PSK].on);
	assert_string_equal(pf->authz->group[AUTHZ_PSK].list, "FLEX");
	assert_string_equal(pf->authz->group[AUTHZ_PSK].name, "SPOKES");
	assert_non_null(lo);
	assert_string_equal(conf_addr_str(&lo->ip, b, sizeof(b)), "10.0.0.1");
	assert_int_equal(lo->ip6.family, AF_INET6);
	assert_non_null(po);
	assert_int_equal(po->n, 2);
	assert_string_equal(conf_addr_str(&po->first[1], b, sizeof(b)),
			    "10.0.1.1");
	assert_string_equal(conf_addr_str(&po->last[1], b, sizeof(b)),
			    "10.0.1.254");
	assert_non_null(po6);
	assert_int_equal(po6->family, AF_INET6);
	assert_int_equal(po6->assign_len, 64);
	assert_non_null(acl);
	assert_int_equal(acl->n, 3);
	assert_true(acl->ace[0].permit);
	assert_string_equal(conf_addr_str(&acl->ace[0].net, b, sizeof(b)),
			    "192.168.10.0/24");
	assert_string_equal(conf_addr_str(&acl->ace[1].net, b, sizeof(b)),
			    "192.168.20.1");
	assert_false(acl->ace[2].permit);
	assert_int_equal(acl->ace[2].net.family, 0);
	assert_non_null(acl10);
	assert_string_equal(conf_addr_str(&acl10->ace[0].net, b, sizeof(b)),
			    "172.16.0.0/12");
	/* ipv6 access-list: the ipv6 entries, in their own name space */
	assert_null(conf_acl(c, "HUB-NETS6"));
	assert_null(conf_acl6(c, "HUB-NETS"));
	assert_non_null(acl6);
	assert_int_equal(acl6->n, 3);
	assert_true(acl6->ace[0].permit);
	assert_string_equal(conf_addr_str(&acl6->ace[0].net, b, sizeof(b)),
			    "2001:db8:10::/48");
	assert_string_equal(conf_addr_str(&acl6->ace[1].net, b, sizeof(b)),
			    "2001:db8::20");
	assert_false(acl6->ace[2].permit);
	assert_int_equal(acl6->ace[2].net.family, 0);
	conf_free(c);
}

/* The policies are in the configuration's set, "default" changed. */
static void hub_policies(void **state)
{
	struct conf *c = cu_good(hub);
	const struct authz_policy *ap, *def;

	assert_non_null(c->authz);
	ap = authz_db_find(c->authz, "SPOKES");
	assert_non_null(ap);
	assert_true(authz_has(&ap->a, AUTHZ_POOL));
	assert_string_equal(ap->a.pool, "SPOKES");
	assert_int_equal(ap->a.dns.n, 1);
	assert_string_equal(ap->a.domain, "example.com");
	assert_true(authz_has(&ap->a, AUTHZ_ROUTE_IF));
	assert_string_equal(ap->a.route_acl, "HUB-NETS");
	assert_int_equal(ap->a.remote.n, 1);
	assert_int_equal(ap->a.remote.p[0].plen, 24);
	def = authz_db_find(c->authz, "default");
	assert_non_null(def);
	assert_int_equal(def->a.accept.tag, 7);
	assert_int_equal(def->a.accept.distance, 5);
	conf_free(c);
}

/* The pools of a configuration, for the daemon. */
static void hub_pools(void **state)
{
	struct conf *c = cu_good(hub);
	char err[POOL_ERR_LEN];
	struct pool_set *s = conf_pools_build(c, err, sizeof(err));
	struct pool_stats st;

	assert_non_null(s);
	pool_get_stats(pool_find(s, AF_INET, "SPOKES"), &st);
	assert_int_equal(st.n_ranges, 2);
	assert_int_equal(st.size, 241 + 254);
	assert_non_null(pool_find(s, AF_INET6, "SPOKES6"));
	pool_set_free(s);
	conf_free(c);
}

/* A spoke's profile authorizes too: its own policy ("route set",
 * "route accept") for the routes it announces and takes. */
static void spoke_authorization(void **state)
{
	struct conf *c = cu_good(
		"aaa new-model\naaa authorization network L local\n"
		"crypto ikev2 authorization policy SP\n route accept any\n"
		"crypto ikev2 keyring K\n peer a\n  address 0.0.0.0 0.0.0.0\n"
		"  pre-shared-key x\n"
		"crypto ikev2 profile p\n match identity remote any\n"
		" authentication remote pre-share\n"
		" authentication local pre-share\n"
		" keyring local K\n"
		" aaa authorization group psk list L SP\n");

	assert_non_null(c->profiles[0].authz);
	assert_int_equal(c->profiles[0].virtual_template, 0);
	conf_free(c);
}

/* A hub's profile naming a name-mangler (the block, or not). */
#define MANGLED_HUB(mangler)						\
	"aaa new-model\naaa authorization network L local\n"		\
	mangler								\
	"interface Virtual-Template1 type tunnel\n"			\
	" tunnel protection ipsec profile default\n"			\
	"crypto ikev2 profile p\n match identity remote any\n"		\
	" authentication remote pre-share\n"				\
	" authentication local pre-share\n"				\
	" virtual-template 1\n"						\
	" aaa authorization group psk list L name-mangler M\n"		\
	" keyring local K\n"						\
	"crypto ikev2 keyring K\n peer a\n  address 0.0.0.0 0.0.0.0\n"	\
	"  pre-shared-key k\n"

/* An unknown name-mangler is an error at the profile's line. */
static const struct cu_bad no_mangler[] = {
	{ MANGLED_HUB(""), "t.conf:10:",
	  "no 'crypto ikev2 name-mangler M'" },
	{ MANGLED_HUB("crypto ikev2 name-mangler N\n fqdn domain\n"),
	  "t.conf:12:", "no 'crypto ikev2 name-mangler M'" },
};

static void unserved_refused(void **state)
{
	struct conf *c;

	cu_bad_all(no_mangler, ARRAY_SIZE(no_mangler));
	/* with the block, the profile loads */
	c = cu_good(MANGLED_HUB("crypto ikev2 name-mangler M\n fqdn all\n"));
	conf_free(c);
}

/* A spoke's tunnel takes the address its hub assigns. */
static void spoke_negotiated(void **state)
{
	struct conf *c = cu_good(
		"interface Tunnel0\n"
		" ip address 10.9.9.9 255.255.255.0\n"
		" ip address negotiated\n"
		" tunnel destination 192.0.2.1\n"
		" tunnel protection ipsec profile default\n");
	const struct conf_tunnel *t = conf_tunnel(c, "Tunnel0");

	assert_non_null(t);
	assert_true(t->ip_negotiated);
	assert_int_equal(t->ip.family, 0);
	conf_free(c);
}

/* "ipv6 enable" without "ip address negotiated" negotiates nothing: a
 * warning says so, rather than a tunnel that looks dual-stack. */
static void ipv6_enable_alone(void **state)
{
	char *msgs;
	struct conf *c = cu_parse("interface Tunnel0\n"
				  " ip address 10.9.9.9 255.255.255.0\n"
				  " ipv6 enable\n"
				  " tunnel destination 192.0.2.1\n"
				  " tunnel protection ipsec profile default\n",
				  &msgs);

	assert_non_null(c);
	assert_non_null(strstr(msgs, "t.conf:1: warning: interface Tunnel0: 'ipv6 enable' asks the hub for IPv6 only with 'ip address negotiated'"));
	free(msgs);
	conf_free(c);
}

/* A spoke with the FlexVPN client: peers in the order of their numbers. */
static void flexvpn_client(void **state)
{
	struct conf *c = cu_good(
		"track 1 interface eth0 line-protocol\n"
		"track 2 interface eth1 line-protocol\n"
		"crypto ikev2 client flexvpn SPOKE\n"
		" peer 2 192.0.2.9 track 2\n"
		" peer 1 192.0.2.1 track 1\n"
		" peer 3 fqdn localhost\n"
		" peer 4 2001:db8::9\n"
		" peer 5 fqdn 2001:db8::7 ipv6 track 2\n"
		" peer reactivate\n"
		" connect track 1\n"
		" source 1 interface eth0 track 1\n"
		" client connect tunnel0\n"
		"interface Tunnel0\n"
		" ip address negotiated\n"
		" tunnel destination dynamic\n"
		" tunnel protection ipsec profile default\n");
	const struct conf_client *cl = conf_client(c, "SPOKE");
	char b[64];

	assert_non_null(cl);
	assert_int_equal(cl->n_peers, 5);
	assert_string_equal(conf_addr_str(&cl->peers[3].addr, b, sizeof(b)),
			    "2001:db8::9");
	assert_string_equal(conf_addr_str(&cl->peers[4].addr, b, sizeof(b)),
			    "2001:db8::7");
	assert_int_equal(cl->peers[4].track, 2);
	assert_int_equal(cl->peers[0].num, 1);
	assert_string_equal(conf_addr_str(&cl->peers[0].addr, b, sizeof(b)),
			    "192.0.2.1");
	assert_int_equal(cl->peers[1].track, 2);
	assert_string_equal(cl->peers[2].fqdn, "localhost");
	assert_string_equal(conf_addr_str(&cl->peers[2].addr, b, sizeof(b)),
			    "127.0.0.1");
	assert_true(cl->reactivate);
	assert_int_equal(cl->connect, CONF_CONNECT_TRACK);
	assert_int_equal(cl->connect_track, 1);
	assert_string_equal(cl->tunnel, "Tunnel0");
	assert_string_equal(cl->sources[0].ifname, "eth0");
	assert_true(conf_tunnel(c, "Tunnel0")->dest_dynamic);
	assert_string_equal(conf_track(c, 2)->ifname, "eth1");
	conf_free(c);
}

/* The later of ip address / ip unnumbered / negotiated wins. */
static void address_lines_replace(void **state)
{
	struct conf *c = cu_good(
		"interface Loopback1\n"
		" ip address 10.1.1.1 255.255.255.255\n"
		"interface Tunnel1\n"
		" ip address negotiated\n"
		" ip unnumbered Loopback1\n"
		"interface Tunnel2\n"
		" ip unnumbered eth0\n"
		" ip address 10.2.2.2 255.255.255.252\n"
		"interface Tunnel3\n"
		" ip unnumbered eth0\n"
		" no ip unnumbered\n");

	assert_string_equal(conf_tunnel(c, "Tunnel1")->unnumbered, "Loopback1");
	assert_false(conf_tunnel(c, "Tunnel1")->ip_negotiated);
	assert_string_equal(conf_tunnel(c, "Tunnel2")->unnumbered, "");
	assert_int_equal(conf_tunnel(c, "Tunnel2")->ip.family, AF_INET);
	assert_string_equal(conf_tunnel(c, "Tunnel3")->unnumbered, "");
	conf_free(c);
}

static const struct cu_bad bad[] = {
	{ "interface Virtual-Template1\n", "t.conf:1:", "type tunnel" },
	{ "interface Virtual-Template0 type tunnel\n", "t.conf:1:",
	  "Virtual-Template" },
	{ "interface Virtual-Template1 type tunnel\n"
	  " tunnel destination 192.0.2.1\n"
	  " tunnel protection ipsec profile default\n", "t.conf:2:",
	  "destination" },
	{ "interface Virtual-Template1 type tunnel\n"
	  " ip address negotiated\n"
	  " tunnel protection ipsec profile default\n", "t.conf:2:",
	  "negotiated" },
	{ "interface Virtual-Template1 type tunnel\n ip mtu 1400\n",
	  "t.conf:1:", "tunnel protection" },
	{ "interface Virtual-Template1 type tunnel\n"
	  " ip unnumbered Loopback7\n"
	  " tunnel protection ipsec profile default\n", "t.conf:2:",
	  "Loopback7" },
	{ "interface Virtual-Template2 type tunnel\n"
	  " tunnel protection ipsec profile nope\n", "t.conf:2:", "nope" },
	{ "crypto ikev2 profile p\n match identity remote any\n"
	  " authentication remote pre-share\n"
	  " authentication local pre-share\n"
	  " virtual-template 3\n", "t.conf:5:", "Virtual-Template" },
	{ "crypto ikev2 profile p\n virtual-template 1 mode auto\n",
	  "t.conf:2:", "mode auto" },
	{ "interface Tunnel0\n tunnel destination dynamic\n", "t.conf:1:",
	  "FlexVPN client" },
	{ "crypto ikev2 client flexvpn C\n peer 1 192.0.2.1\n"
	  " client connect Tunnel0\n"
	  "interface Tunnel0\n tunnel destination 192.0.2.1\n",
	  "t.conf:1:", "tunnel destination dynamic" },
	{ "crypto ikev2 client flexvpn C\n client connect Tunnel0\n"
	  "interface Tunnel0\n tunnel destination dynamic\n",
	  "t.conf:1:", "no peer" },
	{ "crypto ikev2 client flexvpn C\n peer 1 192.0.2.1 track 4\n"
	  " client connect Tunnel0\n"
	  "interface Tunnel0\n tunnel destination dynamic\n",
	  "t.conf:1:", "track 4" },
	{ "crypto ikev2 client flexvpn C\n peer 1 fqdn h.example dynamic\n",
	  "t.conf:2:", "dynamic" },
	{ "crypto ikev2 client flexvpn C\n connect sometimes\n", "t.conf:2:",
	  "'sometimes'" },
	{ "crypto ikev2 client flexvpn C\n client inside eth1\n",
	  "t.conf:2:", "not supported" },
	{ "track 1 interface eth0\n", "t.conf:1:", "line-protocol" },
	{ "interface Loopback0\n ip address 2001:db8::1/128\n", "t.conf:2:",
	  "IPv4" },
	{ "interface Loopback0\n tunnel source 192.0.2.1\n", "t.conf:2:",
	  "'tunnel'" },
	{ "aaa authorization network L group radius\n", "t.conf:1:",
	  "local" },
	{ "ip local pool P 10.0.0.9 10.0.0.1\n", "t.conf:1:", "10.0.0.1" },
	{ "ip local pool P 10.0.0.1 2001:db8::1\n", "t.conf:1:",
	  "2001:db8::1" },
	{ "ip local pool P 10.0.0.1 10.0.0.2 10.0.0.3\n", "t.conf:1:",
	  "10.0.0.3" },
	{ "ip local pool P 10.0.0.1\nipv6 local pool P 2001:db8::/48 64\n",
	  "t.conf:2:", "IPv4 pool" },
	{ "ipv6 local pool P 2001:db8::/48 32\n", "t.conf:1:", "32" },
	{ "ip access-list standard A\n permit 10.0.0.0 0.255.0.255\n",
	  "t.conf:2:", "wildcard" },
	{ "ip access-list standard A\n allow any\n", "t.conf:2:",
	  "'allow'" },
	{ "access-list 5 permit 10.0.0.0/33\n", "t.conf:1:", "10.0.0.0/33" },
	{ "access-list 25\n", "t.conf:1:", "permit or deny" },
	{ "ip access-list standard A\n 10\n", "t.conf:2:", "permit or deny" },
	{ "ipv6 access-list A\n permit ipv6 10.0.0.0/8 any\n", "t.conf:2:",
	  "10.0.0.0/8" },
	{ "ipv6 access-list A\n permit ipv6 2001:db8::/32\n", "t.conf:2:",
	  "destination" },
	{ "ipv6 access-list A\n allow ipv6 any any\n", "t.conf:2:",
	  "'allow'" },
	{ "ipv6 access-list A\n permit ipv6 host 10.0.0.1 any\n",
	  "t.conf:2:", "10.0.0.1" },
	{ "ipv6 access-list A\n deny\n", "t.conf:2:", "protocol" },
	{ "ipv6 access-list A\n sequence 10\n", "t.conf:2:",
	  "permit or deny" },
	{ "ip local pool A 10.0.0.1 10.0.0.9\nip local pool B 10.0.0.5\n",
	  "t.conf:1:", "overlaps" },
	{ "aaa authorization network L local\n", "t.conf:1:", "new-model" },
	{ "crypto ikev2 authorization policy P\n pool NOPE\n", "t.conf:1:",
	  "NOPE" },
	{ "crypto ikev2 authorization policy P\n netmask 255.0.255.0\n",
	  "t.conf:2:", "255.0.255.0" },
	{ "crypto ikev2 authorization policy P\n frobnicate\n", "t.conf:2:",
	  "frobnicate" },
	{ "aaa new-model\n"
	  "crypto ikev2 profile p\n match identity remote any\n"
	  " authentication remote pre-share\n"
	  " authentication local pre-share\n"
	  " aaa authorization group psk list L default\n", "t.conf:6:",
	  "aaa authorization network L local" },
	{ "crypto ikev2 profile p\n aaa authorization group rsa list L\n",
	  "t.conf:2:", "rsa" },
	{ "crypto ikev2 authorization policy P\n"
	  " route accept any tag 65536\n", "t.conf:2:",
	  "tag 65536 is above 65535" },
	{ "crypto ikev2 authorization policy P\n"
	  " route accept any tag x\n", "t.conf:2:", "1..65535" },
	/* name-mangler blocks */
	{ "crypto ikev2 name-mangler\n", "t.conf:1:", "name-mangler name" },
	{ "crypto ikev2 name-mangler M extra\n", "t.conf:1:", "extra" },
	{ "crypto ikev2 name-mangler M\n fqdn\n", "t.conf:2:",
	  "hostname|domain|all" },
	{ "crypto ikev2 name-mangler M\n fqdn username\n", "t.conf:2:",
	  "'username'" },
	{ "crypto ikev2 name-mangler M\n fqdn all more\n", "t.conf:2:",
	  "more" },
	{ "crypto ikev2 name-mangler M\n email hostname\n", "t.conf:2:",
	  "username|domain|all" },
	{ "crypto ikev2 name-mangler M\n dn surname\n", "t.conf:2:",
	  "'surname'" },
	{ "crypto ikev2 name-mangler M\n dn\n", "t.conf:2:", "DN field" },
	{ "crypto ikev2 name-mangler M\n eap dn common-name\n", "t.conf:2:",
	  "eap dn is not supported" },
	{ "crypto ikev2 name-mangler M\n eap prefix\n", "t.conf:2:",
	  "needs delimiter" },
	{ "crypto ikev2 name-mangler M\n eap suffix delimiter #\n",
	  "t.conf:2:", "'#'" },
	{ "crypto ikev2 name-mangler M\n eap middle\n", "t.conf:2:",
	  "'middle'" },
	{ "crypto ikev2 name-mangler M\n\n hostname all\n", "t.conf:3:",
	  "unknown keyword 'hostname' in crypto ikev2 name-mangler M" },
};

static void bad_files(void **state)
{
	cu_bad_all(bad, ARRAY_SIZE(bad));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hub_parses),
		cmocka_unit_test(hub_policies),
		cmocka_unit_test(hub_pools),
		cmocka_unit_test(unserved_refused),
		cmocka_unit_test(spoke_negotiated),
		cmocka_unit_test(spoke_authorization),
		cmocka_unit_test(ipv6_enable_alone),
		cmocka_unit_test(flexvpn_client),
		cmocka_unit_test(address_lines_replace),
		cmocka_unit_test(bad_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
