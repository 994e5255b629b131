// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the flexsec.conf parser (conf.c): good files, from a
 * spoke's whole configuration to a pasted running-config, bad files with
 * the line and the word each error names, and a file read from disk.
 */

#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <cmocka.h>

#include "conf_spoke.h"
#include "conf_util.h"
#include "ike_proto.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* ---- good files ---- */

static void spoke_full(void **state)
{
	struct conf *c = cu_good(spoke_conf);
	const struct conf_proposal *pr;
	const struct conf_policy *po;
	const struct conf_profile *pf;
	const struct conf_keyring_peer *kp;
	const struct conf_ipsec_profile *ip;
	const struct conf_tunnel *t;

	assert_int_equal(c->n_warnings, 0);
	pr = conf_proposal(c, "prop-cbc");
	assert_non_null(pr);
	assert_int_equal(pr->line, 2);
	assert_false(pr->is_default);
	assert_int_equal(pr->n_encr, 2);
	assert_int_equal(pr->encr[0], IKE_ENCR_AES_CBC);
	assert_int_equal(pr->encr_bits[0], 256);
	assert_int_equal(pr->encr_bits[1], 128);
	assert_int_equal(pr->n_integ, 2);
	/* prf from the integrity algorithms */
	assert_int_equal(pr->n_prf, 2);
	assert_int_equal(pr->prf[0], IKE_PRF_HMAC_SHA2_512);
	assert_int_equal(pr->prf[1], IKE_PRF_HMAC_SHA2_256);
	assert_int_equal(pr->n_group, 2);
	assert_int_equal(pr->group[0], IKE_DH_ECP_256);

	pr = conf_proposal(c, "prop-gcm");
	assert_int_equal(pr->n_encr, 2);
	assert_int_equal(pr->encr[1], IKE_ENCR_CHACHA20_POLY1305);
	assert_int_equal(pr->n_integ, 0);
	assert_int_equal(pr->prf[0], IKE_PRF_HMAC_SHA2_384);

	po = &c->policies[0];
	assert_string_equal(po->name, "pol1");
	assert_int_equal(po->line, 13);
	assert_int_equal(po->n_proposals, 2);
	assert_string_equal(po->proposals[0], "prop-gcm");
	assert_int_equal(po->n_local, 1);
	assert_true(po->match_fvrf_any);

	pf = conf_profile(c, "prof1");
	assert_non_null(pf);
	assert_int_equal(pf->line, 29);
	assert_string_equal(pf->description, "to the hub");
	assert_int_equal(pf->n_match_remote, 2);
	assert_int_equal(pf->match_remote[0].addr.plen, 32);
	assert_true(pf->match_remote[1].domain);
	assert_int_equal(pf->identity_local.type, CONF_ID_FQDN);
	assert_int_equal(pf->auth_local, CONF_AUTH_PSK);
	assert_int_equal(pf->n_auth_remote, 1);
	assert_non_null(pf->kr);
	assert_string_equal(pf->kr->name, "ring1");
	assert_int_equal(pf->lifetime, 3600);
	assert_int_equal(pf->dpd_interval, 10);
	assert_int_equal(pf->dpd_retry, 3);
	assert_int_equal(pf->dpd_mode, CONF_DPD_ON_DEMAND);

	kp = &pf->kr->peers[0];
	assert_int_equal(kp->line, 20);
	assert_int_equal(kp->psk_local_len, 5);
	assert_memory_equal(kp->psk_local, "cisco", 5);
	assert_memory_equal(kp->psk_remote, "cisco", 5);
	kp = &pf->kr->peers[1];
	assert_int_equal(kp->address.plen, 24);
	assert_memory_equal(kp->psk_local, "l0cal", 5);
	assert_memory_equal(kp->psk_remote, "rem0te", 6);

	ip = conf_ipsec_profile(c, "ipp1");
	assert_int_equal(ip->n_tsets, 2);
	assert_non_null(ip->ts[0]);
	assert_int_equal(ip->ts[0]->encr, IKE_ENCR_AES_GCM_16);
	assert_int_equal(ip->ts[0]->integ, IKE_INTEG_NONE);
	assert_int_equal(ip->ts[0]->mode, CONF_MODE_TUNNEL);
	assert_int_equal(ip->ts[1]->integ, IKE_INTEG_HMAC_SHA2_256_128);
	assert_int_equal(ip->ts[1]->mode, CONF_MODE_TRANSPORT);
	assert_ptr_equal(ip->prof, pf);
	assert_int_equal(ip->pfs_group, IKE_DH_ECP_256);
	assert_int_equal(ip->lifetime_sec, 1800);
	assert_int_equal(ip->lifetime_kb, 100000);
	assert_int_equal(ip->replay_window, 1024);

	t = conf_tunnel(c, "Tunnel0");
	assert_non_null(t);
	assert_int_equal(t->line, 53);
	assert_string_equal(t->description, "hub");
	assert_int_equal(t->mode, CONF_TUN_VTI);
	assert_int_equal(t->ip.plen, 30);
	assert_int_equal(t->ip6.family, AF_INET6);
	assert_int_equal(t->ip6.plen, 64);
	assert_int_equal(t->mtu, 1400);
	assert_string_equal(t->source_if, "eth0");
	assert_int_equal(t->destination.family, AF_INET);
	assert_false(t->has_key);
	assert_false(t->shutdown);
	assert_ptr_equal(t->ipsec, ip);

	assert_int_equal(c->g.window, 10);
	assert_int_equal(c->g.max_sa, 100);
	assert_int_equal(c->g.max_in_negotiation_in, 20);
	assert_int_equal(c->g.max_in_negotiation_out, 400);
	assert_int_equal(c->g.retransmit_count, 3);
	assert_int_equal(c->g.retransmit_timeout_ms, 500);
	assert_int_equal(c->g.half_open_timeout, 60);
	assert_int_equal(c->g.diag_max, 100);
	conf_free(c);
}

static const char hub_conf[] =
	"crypto ikev2 keyring spokes\n"
	" peer any\n"
	"  address 0.0.0.0 0.0.0.0\n"
	"  pre-shared-key hex 636973636f\n"
	"crypto ikev2 profile spokes\n"
	" match identity remote fqdn domain example.com\n"
	" identity local address 198.51.100.1\n"
	" authentication local pre-share\n"
	" authentication remote pre-share\n"
	" keyring local spokes\n"
	"crypto ipsec profile gre\n"
	" set ikev2-profile spokes\n"
	" responder-only\n"
	"interface Tunnel 1\n"
	" ip address 10.1.0.1/30\n"
	" tunnel source 198.51.100.1\n"
	" tunnel destination 192.0.2.2\n"
	" tunnel key 1001\n"
	" tunnel protection ipsec profile gre\n"
	" shutdown\n";

static void hub_gre(void **state)
{
	struct conf *c = cu_good(hub_conf);
	const struct conf_tunnel *t = conf_tunnel(c, "Tunnel1");
	const struct conf_ipsec_profile *ip;

	assert_non_null(t);
	assert_int_equal(t->mode, CONF_TUN_GRE);	/* IOS default */
	assert_true(t->has_key);
	assert_int_equal(t->key, 1001);
	assert_true(t->shutdown);
	assert_int_equal(t->source.family, AF_INET);
	assert_int_equal(t->ip.plen, 30);
	ip = t->ipsec;
	assert_non_null(ip);
	assert_true(ip->responder_only);
	/* unset: the global values and the default transform sets */
	assert_int_equal(ip->lifetime_kb, 4608000);
	assert_int_equal(ip->lifetime_sec, 3600);
	assert_int_equal(ip->replay_window, 64);
	assert_int_equal(ip->n_tsets, 2);
	assert_string_equal(ip->tsets[0], "default-gcm");
	assert_string_equal(ip->tsets[1], "default");
	assert_non_null(ip->ts[1]);
	assert_int_equal(ip->pfs_group, 0);
	assert_int_equal(conf_profile(c, "spokes")->identity_local.addr.family,
			 AF_INET);
	conf_free(c);
}

/* A pasted running-config: one warning per block flexsec does not do. */
static const char running_conf[] =
	"Building configuration...\n"				/* 1 */
	"\n"
	"Current configuration : 4711 bytes\n"			/* 2 */
	"!\n"
	"version 15.6\n"					/* 3 */
	"service timestamps debug datetime msec\n"		/* 4 */
	"no service pad\n"					/* 5 */
	"hostname spoke1\n"					/* 6 */
	"!\n"
	"boot-start-marker\n"					/* 7 */
	"boot-end-marker\n"					/* 8 */
	"!\n"
	"aaa new-model\n"
	"!\n"
	"crypto pki trustpoint TP-self-signed-1\n"		/* 9 */
	" enrollment selfsigned\n"
	" revocation-check none\n"
	"!\n"
	"crypto pki certificate chain TP-self-signed-1\n"	/* 10 */
	" certificate self-signed 01\n"
	"  3082022B 30820194 A0030201 02020101\n"
	"  \tquit\n"
	"crypto ikev2 authorization policy auth1\n"
	" route set interface\n"
	"!\n"
	"crypto ikev2 nat keepalive 20\n"			/* parsed */
	"!\n"
	"crypto ikev2 keyring ring1\n"
	" peer hub\n"
	"  address 198.51.100.1\n"
	"  pre-shared-key cisco\n"
	" !\n"
	"!\n"
	"crypto ikev2 profile prof1\n"
	" match identity remote address 198.51.100.1 255.255.255.255 \n"
	" authentication remote pre-share\n"
	" authentication local pre-share\n"
	" keyring local ring1\n"
	"!\n"
	"crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac \n"
	" mode tunnel\n"
	"!\n"
	"crypto ipsec profile P\n"
	" set transform-set TS \n"
	" set ikev2-profile prof1\n"
	"!\n"
	"interface Loopback0\n"
	" ip address 10.255.0.1 255.255.255.255\n"
	"!\n"
	"interface Tunnel0\n"
	" ip address 10.0.0.2 255.255.255.252\n"
	" ip nhrp network-id 1\n"				/* 11 */
	" ip tcp adjust-mss 1360\n"				/* 12 */
	" ip ospf network point-to-point\n"			/* 13 */
	" tunnel source 192.0.2.2\n"
	" tunnel mode ipsec ipv4\n"
	" tunnel destination 198.51.100.1\n"
	" tunnel protection ipsec profile P\n"
	"!\n"
	"interface GigabitEthernet0/0\n"			/* 14 */
	" ip address 192.0.2.2 255.255.255.0\n"
	" duplex auto\n"
	"!\n"
	"router ospf 1\n"					/* 15 */
	" network 10.0.0.0 0.0.0.3 area 0\n"
	"!\n"
	"ip forward-protocol nd\n"				/* 16 */
	"ip route 0.0.0.0 0.0.0.0 192.0.2.1\n"			/* 17 */
	"access-list 1 permit any\n"
	"!\n"
	"banner motd ^C\n"					/* 18 */
	"crypto ikev2 proposal not-a-proposal\n"
	" Authorized access only ^C\n"
	"!\n"
	"line con 0\n"						/* 19 */
	"line vty 0 4\n"					/* 20 */
	" transport input ssh\n"
	"!\n"
	"end\n";						/* 21 */

static void running_config(void **state)
{
	char *msgs;
	struct conf *c = cu_parse(running_conf, &msgs);

	assert_non_null(c);
	assert_int_equal(c->n_warnings, 21);
	assert_int_equal(c->g.nat_keepalive, 20);
	assert_non_null(strstr(msgs, "t.conf:8: warning: 'hostname spoke1' "
				     "not handled by flexsec, skipped"));
	assert_non_null(strstr(msgs, "'router ospf 1' not handled"));
	assert_non_null(strstr(msgs, "'interface GigabitEthernet0/0' not"));
	assert_non_null(strstr(msgs, "'ip tcp adjust-mss 1360' ignored on "
				     "interface Tunnel0"));
	/* one warning per block, not per line */
	assert_null(strstr(msgs, "duplex"));
	assert_null(strstr(msgs, "3082022B"));
	/* the banner's text is not configuration */
	assert_null(conf_proposal(c, "not-a-proposal"));
	assert_non_null(conf_tunnel(c, "Tunnel0"));
	assert_non_null(conf_tunnel(c, "Tunnel0")->ipsec);
	assert_ptr_equal(conf_tunnel(c, "Tunnel0")->ipsec->prof,
			 conf_profile(c, "prof1"));
	free(msgs);
	conf_free(c);
}

/* exit closes a peer, then the keyring; "no shutdown" and keywords in
 * any case, tabs for indentation, CRLF line ends. */
static void exits_and_spelling(void **state)
{
	struct conf *c = cu_good(
		"crypto ikev2 keyring k\r\n"
		"\tpeer a\r\n"
		"\t\taddress 192.0.2.1\r\n"
		"\t\tpre-shared-key 0 secret\r\n"
		"\texit\r\n"
		"\tpeer b\r\n"
		"\t\taddress 2001:db8::/32\r\n"
		"\t\tPRE-SHARED-KEY key with spaces\r\n"
		"\texit\r\n"
		"exit\r\n"
		"CRYPTO IKEV2 PROPOSAL P\r\n"
		" ENCRYPTION AES-CBC-128\r\n"
		" INTEGRITY SHA1\r\n"
		" GROUP 14\r\n"
		"interface tunnel7\r\n"
		" shutdown\r\n"
		" no shutdown\r\n");
	const struct conf_keyring_peer *kp = &c->keyrings[0].peers[1];

	assert_int_equal(c->keyrings[0].n_peers, 2);
	assert_memory_equal(c->keyrings[0].peers[0].psk_local, "secret", 6);
	assert_int_equal(kp->address.family, AF_INET6);
	assert_int_equal(kp->address.plen, 32);
	assert_int_equal(kp->psk_local_len, 15);
	assert_memory_equal(kp->psk_local, "key with spaces", 15);
	assert_non_null(conf_proposal(c, "P"));
	assert_non_null(conf_tunnel(c, "Tunnel7"));
	assert_false(conf_tunnel(c, "Tunnel7")->shutdown);
	conf_free(c);
}

/* IOS: entering a block again adds to it. */
static void blocks_reopen(void **state)
{
	struct conf *c = cu_good(
		"crypto ikev2 proposal p\n"
		" encryption aes-cbc-256\n"
		" integrity sha256\n"
		"hostname x\n"
		"crypto ikev2 proposal p\n"
		" group 14\n");

	assert_int_equal(c->n_proposals, 3);	/* p and the defaults */
	assert_int_equal(conf_proposal(c, "p")->n_group, 1);
	assert_int_equal(conf_proposal(c, "p")->line, 1);
	conf_free(c);
}

/* ---- bad files ---- */

/* The overlay of a VTI and whether a tunnel keeps IPv6 at all. */
static void tunnel_ipv6(void **state)
{
	struct conf *c = cu_good(
		"interface Tunnel0\n"
		" ip address 10.0.0.1 255.255.255.252\n"
		" tunnel destination 2001:db8::2\n"
		" tunnel mode ipsec ipv6\n"
		"interface Tunnel1\n"
		" ip address 10.0.1.1 255.255.255.252\n"
		" tunnel destination 2001:db8::3\n"
		" tunnel mode ipsec ipv6 v4-overlay\n"
		"interface Tunnel2\n"
		" ip address 10.0.2.1 255.255.255.252\n"
		" tunnel destination 192.0.2.3\n"
		" tunnel mode ipsec ipv4\n"
		"interface Tunnel3\n"
		" ipv6 address 2001:db8:3::1/64\n"
		" tunnel destination 2001:db8::4\n"
		" tunnel mode gre ipv6\n"
		"interface Tunnel4\n"
		" ip address 10.0.4.1 255.255.255.252\n"
		" tunnel destination 192.0.2.4\n"
		" tunnel mode ipsec ipv4 v6-overlay\n"
		"interface Tunnel5\n"
		" ip address 10.0.5.1 255.255.255.252\n"
		" tunnel destination 2001:db8::5\n"
		" tunnel mode gre ipv6\n");
	const struct conf_tunnel *t = c->tunnels;

	assert_int_equal(c->n_tunnels, 6);
	assert_int_equal(t[0].overlay_family, AF_INET6);
	assert_true(conf_tunnel_ipv6(&t[0]));
	assert_int_equal(conf_tunnel_family(&t[0]), AF_INET6);
	assert_int_equal(t[1].overlay_family, AF_INET);
	assert_false(conf_tunnel_ipv6(&t[1]));
	assert_int_equal(conf_tunnel_family(&t[1]), AF_INET6);
	assert_false(conf_tunnel_ipv6(&t[2]));
	assert_true(conf_tunnel_ipv6(&t[3]));
	assert_int_equal(t[4].overlay_family, AF_INET6);
	assert_true(conf_tunnel_ipv6(&t[4]));
	assert_int_equal(conf_tunnel_family(&t[4]), AF_INET);
	/* GRE over IPv6 carrying IPv4 alone */
	assert_false(conf_tunnel_ipv6(&t[5]));
	conf_free(c);
}

static const struct cu_bad bad_files[] = {
	{ "interface Tunnel0\n tunnel mode gre ip v6-overlay\n", "t.conf:2:",
	  "v6-overlay" },
	{ "interface Tunnel0\n tunnel mode ipsec ipv6 v5-overlay\n",
	  "t.conf:2:", "v5-overlay" },
	{ "crypto ikev2 proposal p\n encryption aes-cbc-256\n"
	  " integrity sha256\n grop 14\n", "t.conf:4:", "'grop'" },
	{ "crypto ikev2 proposal p\n encryption aes-cbc-256\n"
	  " integrity sha256\n group 13\n", "t.conf:4:", "'13'" },
	{ "crypto ikev2 proposal p\n encryption aes-cbc-256\n"
	  " integrity sha256\n group 2\n", "t.conf:4:", "'2'" },
	{ "crypto ikev2 proposal p\n encryption des\n", "t.conf:2:",
	  "'des'" },
	{ "crypto ikev2 proposal p\n encryption aes-gcm-256\n"
	  " integrity sha256\n prf sha256\n group 19\n", "t.conf:3:",
	  "AEAD" },
	{ "crypto ikev2 proposal p\n encryption aes-cbc-256 aes-gcm-128\n"
	  " integrity sha256\n group 19\n", "t.conf:2:", "'aes-gcm-128'" },
	{ "crypto ikev2 proposal p\n encryption aes-gcm-256\n group 19\n",
	  "t.conf:1:", "prf" },
	{ "crypto ikev2 proposal p\n encryption aes-cbc-256\n group 19\n",
	  "t.conf:1:", "integrity" },
	{ "crypto ikev2 proposal p\n encryption aes-cbc-256\n"
	  " integrity sha1\n", "t.conf:1:", "DH group" },
	{ "crypto ikev2 policy x\n proposal nope\n", "t.conf:2:",
	  "'nope'" },
	{ "crypto ikev2 policy x\n match fvrf red\n", "t.conf:2:", "'red'" },
	{ "crypto ikev2 policy x\n match address local 10.1.1\n",
	  "t.conf:2:", "'10.1.1'" },
	{ "crypto ikev2 profile x\n match identity remote any\n"
	  " authentication local pre-share\n"
	  " authentication remote pre-share\n\n keyring local nope\n",
	  "t.conf:6:", "'nope'" },
	{ "crypto ikev2 profile x\n match identity remote any\n"
	  " authentication local pre-share\n"
	  " authentication remote pre-share\n", "t.conf:1:", "keyring" },
	{ "crypto ikev2 profile lonely\n authentication local pre-share\n"
	  " authentication remote pre-share\n keyring local k\n"
	  "crypto ikev2 keyring k\n", "t.conf:1:", "match identity" },
	{ "crypto ikev2 profile x\n match identity remote any\n",
	  "t.conf:1:", "MUST have" },
	{ "crypto ikev2 profile x\n match identity remote address "
	  "192.0.2.1 255.0.255.0\n", "t.conf:2:", "'255.0.255.0'" },
	{ "crypto ikev2 profile x\n lifetime 60\n", "t.conf:2:", "'60'" },
	{ "crypto ikev2 profile x\n dpd 10 2 sometimes\n", "t.conf:2:",
	  "'sometimes'" },
	{ "crypto ikev2 profile x\n authentication local eap\n", "t.conf:2:",
	  "'eap'" },
	{ "crypto ikev2 keyring k\n peer p\n  address 192.0.2.300\n",
	  "t.conf:3:", "'192.0.2.300'" },
	{ "crypto ikev2 keyring k\n  address 192.0.2.1\n", "t.conf:2:",
	  "outside a peer" },
	{ "crypto ikev2 keyring k\n peer p\n  pre-shared-key 6 AbCdEf\n",
	  "t.conf:3:", "type 6" },
	{ "crypto ikev2 keyring k\n peer p\n  pre-shared-key hex 63697\n",
	  "t.conf:3:", "even number" },
	{ "crypto ipsec transform-set t esp-gcm 256 esp-sha-hmac\n",
	  "t.conf:1:", "AEAD" },
	{ "crypto ipsec transform-set t esp-aes\n", "t.conf:1:",
	  "integrity" },
	{ "crypto ipsec transform-set t esp-3des esp-sha-hmac\n",
	  "t.conf:1:", "'esp-3des'" },
	{ "crypto ipsec transform-set t ESP-GCM 256\n mode sideways\n",
	  "t.conf:2:", "'sideways'" },
	{ "crypto ipsec profile p\n set pfs group2\n", "t.conf:2:",
	  "'group2'" },
	{ "crypto ipsec profile p\n set security-association replay "
	  "window-size 100\n", "t.conf:2:", "'100'" },
	{ "crypto ipsec profile p\n set transform-set nope\n", "t.conf:2:",
	  "'nope'" },
	{ "crypto ipsec profile p\n set ikev2-profile nope\n", "t.conf:2:",
	  "'nope'" },
	{ "interface Tunnel0\n tunnel key abc\n", "t.conf:2:", "'abc'" },
	{ "interface Tunnel0\n tunnel destination 10.0.0.256\n", "t.conf:2:",
	  "'10.0.0.256'" },
	{ "interface Tunnel0\n ip address 10.0.0.1\n", "t.conf:2:",
	  "mask" },
	{ "interface Tunnel0\n tunnel source GigabitEthernet0/0\n",
	  "t.conf:2:", "'GigabitEthernet0/0'" },
	{ "interface Tunnel0\n tunnel mode gre multipoint\n", "t.conf:2:",
	  "'gre multipoint'" },
	{ "interface Tunnel0\n tunnel protection ipsec profile nope\n",
	  "t.conf:2:", "'nope'" },
	{ "interface Tunnel0\n ip unnumbered Loopback0\n", "t.conf:2:",
	  "'Loopback0'" },
	{ "interface Tunnel0\n tunnel mode ipsec ipv4\n"
	  " tunnel destination 2001:db8::1\n", "t.conf:2:", "IPv4" },
	{ "interface TunnelX\n", "t.conf:1:", "'TunnelX'" },
	{ "crypto ikev2 window 100\n", "t.conf:1:", "'100'" },
	{ "crypto ikev2 dpd 10\n", "t.conf:1:", "retry" },
	{ "crypto ikev2 fragmentation mtu 40\n", "t.conf:1:", "'40'" },
	{ "crypto ikev2 fragmentation mtu\n", "t.conf:1:", "mtu" },
	{ "crypto ikev2 fragmentation size 500\n", "t.conf:1:", "'size'" },
	{ "crypto ikev2 fragmentation mtu 1400 x\n", "t.conf:1:", "'x'" },
	{ "crypto ipsec security-association lifetime seconds 5\n",
	  "t.conf:1:", "'5'" },
	{ "crypto ikev2 proposal\n", "t.conf:1:", "name" },
};

/* "crypto ikev2 fragmentation [mtu N]": off by default, on with the
 * default MTUs (0), or with N. */
static void fragmentation(void **state)
{
	struct conf *c = cu_good("hostname x\n");

	assert_false(c->g.frag);
	conf_free(c);
	c = cu_good("crypto ikev2 fragmentation\n");
	assert_true(c->g.frag);
	assert_int_equal(c->g.frag_mtu, 0);
	conf_free(c);
	c = cu_good("crypto ikev2 fragmentation mtu 1400\n");
	assert_true(c->g.frag);
	assert_int_equal(c->g.frag_mtu, 1400);
	conf_free(c);
}

static void bad_files_fail(void **state)
{
	cu_bad_all(bad_files, ARRAY_SIZE(bad_files));
}

/* Every error of a file is reported, not only the first. */
static void all_errors_reported(void **state)
{
	char *msgs;
	struct conf *c = cu_parse("crypto ikev2 proposal p\n"
			       " encryption nope1\n"
			       " group nope2\n"
			       "interface Tunnel0\n"
			       " tunnel key nope3\n", &msgs);

	assert_null(c);
	assert_non_null(strstr(msgs, "t.conf:2:"));
	assert_non_null(strstr(msgs, "t.conf:3:"));
	assert_non_null(strstr(msgs, "t.conf:5:"));
	free(msgs);
}

/* A key never appears in a message. */
static void keys_never_quoted(void **state)
{
	char *msgs;
	struct conf *c = cu_parse("crypto ikev2 keyring k\n peer p\n"
			       "  pre-shared-key hex 0123456789abcdefXY\n",
			       &msgs);

	assert_null(c);
	assert_null(strstr(msgs, "0123456789"));
	free(msgs);
}

/* ---- a file on disk ---- */

static void load_file(void **state)
{
	char path[] = "/tmp/test_conf.XXXXXX";
	int fd = mkstemp(path);
	struct conf *c;
	FILE *f;
	char *msgs = NULL;
	size_t len;

	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs("crypto ikev2 window 7\nhostname x\n", f);
	fclose(f);
	f = open_memstream(&msgs, &len);
	c = conf_load(path, f);
	fclose(f);
	assert_non_null(c);
	assert_int_equal(c->g.window, 7);
	assert_string_equal(c->path, path);
	assert_non_null(strstr(msgs, ":2: warning:"));
	assert_non_null(strstr(msgs, path));
	conf_free(c);
	free(msgs);
	unlink(path);
	assert_null(conf_load(path, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spoke_full),
		cmocka_unit_test(hub_gre),
		cmocka_unit_test(running_config),
		cmocka_unit_test(tunnel_ipv6),
		cmocka_unit_test(exits_and_spelling),
		cmocka_unit_test(blocks_reopen),
		cmocka_unit_test(fragmentation),
		cmocka_unit_test(bad_files_fail),
		cmocka_unit_test(all_errors_reported),
		cmocka_unit_test(keys_never_quoted),
		cmocka_unit_test(load_file),
	};

	return cmocka_run_group_tests_name("conf_parse", tests, NULL, NULL);
}
