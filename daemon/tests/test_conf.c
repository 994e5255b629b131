// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of flexsec.conf: the parser (conf.c), its smart defaults and
 * checks, the matching helpers (conf_match.c) and the show commands
 * (conf_show.c).
 */

#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "conf.h"
#include "conf_show.h"
#include "ike_proto.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Parses TEXT as "t.conf"; the messages go to *MSGS (freed by caller). */
static struct conf *parse(const char *text, char **msgs)
{
	struct conf *c;
	size_t len;
	FILE *f;

	*msgs = NULL;
	f = open_memstream(msgs, &len);
	assert_non_null(f);
	c = conf_parse_string(text, strlen(text), "t.conf", f);
	fclose(f);
	return c;
}

/* Parses TEXT, which must be good; warnings are allowed. */
static struct conf *good(const char *text)
{
	char *msgs;
	struct conf *c = parse(text, &msgs);

	if (!c)
		print_error("unexpected errors:\n%s", msgs);
	free(msgs);
	assert_non_null(c);
	return c;
}

/* The output of a show function into a string (freed by caller). */
static char *show(int (*fn)(FILE *, const struct conf *, const char *, bool),
		  const struct conf *c, const char *name, bool json, int *ret)
{
	char *buf = NULL;
	size_t len;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	*ret = fn(f, c, name, json);
	fclose(f);
	return buf;
}

static struct conf_addr addr(const char *s)
{
	struct conf_addr a;

	memset(&a, 0, sizeof(a));
	if (inet_pton(AF_INET, s, a.a) == 1) {
		a.family = AF_INET;
		a.plen = 32;
	} else {
		assert_int_equal(inet_pton(AF_INET6, s, a.a), 1);
		a.family = AF_INET6;
		a.plen = 128;
	}
	return a;
}

static struct conf_id id_of(enum conf_id_type type, const char *v)
{
	struct conf_id id;

	memset(&id, 0, sizeof(id));
	id.type = type;
	if (type == CONF_ID_ADDRESS)
		id.addr = addr(v);
	else
		snprintf(id.value, sizeof(id.value), "%s", v);
	return id;
}

/* ---- good files ---- */

static const char spoke_conf[] =
	"! spoke1: VTI to the hub\n"
	"crypto ikev2 proposal prop-cbc\n"
	" encryption aes-cbc-256 aes-cbc-128\n"
	" integrity sha512 sha256\n"
	" group 19 14\n"
	"!\n"
	"crypto ikev2 proposal prop-gcm\n"
	" encryption aes-gcm-256\n"
	" encryption chacha20-poly1305\n"
	" prf sha384\n"
	" group 31\n"
	"!\n"
	"crypto ikev2 policy pol1\n"
	" proposal prop-gcm\n"
	" proposal prop-cbc\n"
	" match address local 192.0.2.2\n"
	" match fvrf any\n"
	"!\n"
	"crypto ikev2 keyring ring1\n"
	" peer hub\n"
	"  address 198.51.100.1\n"
	"  identity fqdn hub.example.com\n"
	"  pre-shared-key cisco\n"
	" peer other\n"
	"  address 203.0.113.0 255.255.255.0\n"
	"  pre-shared-key local l0cal\n"
	"  pre-shared-key remote rem0te\n"
	"!\n"
	"crypto ikev2 profile prof1\n"
	" description to the hub\n"
	" match identity remote address 198.51.100.1 255.255.255.255\n"
	" match identity remote fqdn domain example.com\n"
	" identity local fqdn spoke1.example.com\n"
	" authentication local pre-share\n"
	" authentication remote pre-share\n"
	" keyring local ring1\n"
	" lifetime 3600\n"
	" dpd 10 3 on-demand\n"
	"!\n"
	"crypto ipsec transform-set ts-gcm esp-gcm 256\n"
	" mode tunnel\n"
	"crypto ipsec transform-set ts-cbc esp-aes 256 esp-sha256-hmac\n"
	" mode transport\n"
	"!\n"
	"crypto ipsec profile ipp1\n"
	" set transform-set ts-gcm ts-cbc\n"
	" set ikev2-profile prof1\n"
	" set pfs group19\n"
	" set security-association lifetime seconds 1800\n"
	" set security-association lifetime kilobytes 100000\n"
	" set security-association replay window-size 1024\n"
	"!\n"
	"interface Tunnel0\n"
	" description hub\n"
	" ip address 10.0.0.2 255.255.255.252\n"
	" ipv6 address 2001:db8:ffff::2/64\n"
	" ip mtu 1400\n"
	" tunnel source eth0\n"
	" tunnel mode ipsec ipv4\n"
	" tunnel destination 198.51.100.1\n"
	" tunnel protection ipsec profile ipp1\n"
	" no shutdown\n"
	"!\n"
	"crypto ikev2 window 10\n"
	"crypto ikev2 limit max-sa 100\n"
	"crypto ikev2 limit max-in-negotiation-sa 20 incoming\n"
	"crypto ikev2 retransmit count 3\n"
	"crypto ikev2 retransmit timeout 500\n"
	"crypto ikev2 half-open-timeout 60\n"
	"crypto ikev2 diagnose error 100\n";

static void spoke_full(void **state)
{
	struct conf *c = good(spoke_conf);
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
	struct conf *c = good(hub_conf);
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
	"aaa new-model\n"					/* 9 */
	"!\n"
	"crypto pki trustpoint TP-self-signed-1\n"		/* 10 */
	" enrollment selfsigned\n"
	" revocation-check none\n"
	"!\n"
	"crypto pki certificate chain TP-self-signed-1\n"	/* 11 */
	" certificate self-signed 01\n"
	"  3082022B 30820194 A0030201 02020101\n"
	"  \tquit\n"
	"crypto ikev2 authorization policy auth1\n"		/* 12 */
	" route set interface\n"
	"!\n"
	"crypto ikev2 nat keepalive 20\n"			/* 13 */
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
	"interface Loopback0\n"				/* 14 */
	" ip address 10.255.0.1 255.255.255.255\n"
	"!\n"
	"interface Tunnel0\n"
	" ip address 10.0.0.2 255.255.255.252\n"
	" ip nhrp network-id 1\n"				/* 15 */
	" ip tcp adjust-mss 1360\n"				/* 16 */
	" ip ospf network point-to-point\n"			/* 17 */
	" tunnel source 192.0.2.2\n"
	" tunnel mode ipsec ipv4\n"
	" tunnel destination 198.51.100.1\n"
	" tunnel protection ipsec profile P\n"
	"!\n"
	"interface GigabitEthernet0/0\n"			/* 18 */
	" ip address 192.0.2.2 255.255.255.0\n"
	" duplex auto\n"
	"!\n"
	"router ospf 1\n"					/* 19 */
	" network 10.0.0.0 0.0.0.3 area 0\n"
	"!\n"
	"ip forward-protocol nd\n"				/* 20 */
	"ip route 0.0.0.0 0.0.0.0 192.0.2.1\n"			/* 21 */
	"access-list 1 permit any\n"				/* 22 */
	"!\n"
	"banner motd ^C\n"					/* 23 */
	"crypto ikev2 proposal not-a-proposal\n"
	" Authorized access only ^C\n"
	"!\n"
	"line con 0\n"						/* 24 */
	"line vty 0 4\n"					/* 25 */
	" transport input ssh\n"
	"!\n"
	"end\n";						/* 26 */

static void running_config(void **state)
{
	char *msgs;
	struct conf *c = parse(running_conf, &msgs);

	assert_non_null(c);
	assert_int_equal(c->n_warnings, 26);
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
	struct conf *c = good(
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
	struct conf *c = good(
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

struct bad {
	const char *text;
	const char *where;	/* "t.conf:LINE:" */
	const char *word;	/* in the message */
};

static const struct bad bad_files[] = {
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
	  "'unnumbered'" },
	{ "interface Tunnel0\n tunnel mode ipsec ipv4\n"
	  " tunnel destination 2001:db8::1\n", "t.conf:2:", "IPv4" },
	{ "interface TunnelX\n", "t.conf:1:", "'TunnelX'" },
	{ "crypto ikev2 window 100\n", "t.conf:1:", "'100'" },
	{ "crypto ikev2 dpd 10\n", "t.conf:1:", "retry" },
	{ "crypto ipsec security-association lifetime seconds 5\n",
	  "t.conf:1:", "'5'" },
	{ "crypto ikev2 proposal\n", "t.conf:1:", "name" },
};

static void bad_files_fail(void **state)
{
	unsigned int i;
	struct conf *c;
	char *msgs;

	for (i = 0; i < ARRAY_SIZE(bad_files); i++) {
		c = parse(bad_files[i].text, &msgs);
		if (c || !strstr(msgs, bad_files[i].where) ||
		    !strstr(msgs, bad_files[i].word) ||
		    !strstr(msgs, "error:"))
			print_error("case %u: want %s ... %s, got:\n%s", i,
				    bad_files[i].where, bad_files[i].word,
				    msgs);
		assert_null(c);
		assert_non_null(strstr(msgs, bad_files[i].where));
		assert_non_null(strstr(msgs, bad_files[i].word));
		free(msgs);
	}
}

/* Every error of a file is reported, not only the first. */
static void all_errors_reported(void **state)
{
	char *msgs;
	struct conf *c = parse("crypto ikev2 proposal p\n"
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
	struct conf *c = parse("crypto ikev2 keyring k\n peer p\n"
			       "  pre-shared-key hex 0123456789abcdefXY\n",
			       &msgs);

	assert_null(c);
	assert_null(strstr(msgs, "0123456789"));
	free(msgs);
}

/* ---- smart defaults ---- */

static void smart_defaults(void **state)
{
	struct conf *c = good("");
	const struct conf_proposal *pr;
	const struct conf_policy *po[4];
	const struct conf_ipsec_profile *ip;
	const struct conf_transform_set *ts;

	pr = conf_proposal(c, "default");
	assert_non_null(pr);
	assert_true(pr->is_default);
	assert_int_equal(pr->encr[0], IKE_ENCR_AES_CBC);
	assert_int_equal(pr->encr_bits[0], 256);
	assert_int_equal(pr->integ[0], IKE_INTEG_HMAC_SHA2_512_256);
	assert_int_equal(pr->group[0], IKE_DH_ECP_256);
	pr = conf_proposal(c, "default-aead");
	assert_non_null(pr);
	assert_true(pr->is_default);
	assert_int_equal(pr->n_integ, 0);
	assert_true(pr->n_prf > 0);

	assert_int_equal(conf_policies_for(c, NULL, po, 4), 1);
	assert_true(po[0]->is_default);
	assert_int_equal(po[0]->n_proposals, 2);

	ts = conf_tset(c, "default");
	assert_non_null(ts);
	assert_true(ts->is_default);
	assert_int_equal(ts->encr, IKE_ENCR_AES_CBC);
	assert_int_equal(ts->encr_bits, 128);
	assert_int_equal(ts->integ, IKE_INTEG_HMAC_SHA1_96);
	assert_int_equal(ts->mode, CONF_MODE_TRANSPORT);
	assert_non_null(conf_tset(c, "default-gcm"));

	ip = conf_ipsec_profile(c, "default");
	assert_non_null(ip);
	assert_true(ip->is_default);
	assert_int_equal(ip->lifetime_kb, 4608000);
	assert_int_equal(ip->lifetime_sec, 3600);
	assert_int_equal(ip->replay_window, 64);
	assert_int_equal(ip->pfs_group, 0);
	assert_null(ip->prof);
	assert_int_equal(ip->n_tsets, 2);

	assert_int_equal(c->g.window, 5);
	assert_int_equal(c->g.retransmit_count, 5);
	assert_int_equal(c->g.retransmit_timeout_ms, 1000);
	assert_int_equal(c->g.half_open_timeout, 30);
	assert_int_equal(c->g.max_in_negotiation_in, 40);
	assert_int_equal(c->g.max_in_negotiation_out, 400);
	assert_int_equal(c->g.diag_max, 50);
	assert_int_equal(c->g.replay_window, 64);
	conf_free(c);
}

/* A file that changes "default" decides alone what the policy offers. */
static void default_redefined(void **state)
{
	struct conf *c = good("crypto ikev2 proposal default\n"
			      " encryption aes-cbc-128\n"
			      " integrity sha256\n"
			      " group 14\n"
			      "crypto ikev2 profile default\n"
			      " match identity remote any\n"
			      " authentication local pre-share\n"
			      " authentication remote pre-share\n"
			      " keyring local k\n"
			      "crypto ikev2 keyring k\n"
			      "crypto ipsec security-association replay "
			      "disable\n"
			      "crypto ipsec security-association lifetime "
			      "seconds 7200\n");
	const struct conf_policy *po[4];
	const struct conf_ipsec_profile *ip;

	assert_null(conf_proposal(c, "default-aead"));
	assert_false(conf_proposal(c, "default")->is_default);
	assert_int_equal(conf_policies_for(c, NULL, po, 4), 1);
	assert_int_equal(po[0]->n_proposals, 1);
	ip = conf_ipsec_profile(c, "default");
	assert_ptr_equal(ip->prof, conf_profile(c, "default"));
	assert_int_equal(ip->replay_window, 0);
	assert_int_equal(ip->lifetime_sec, 7200);
	conf_free(c);
}

static void show_defaults(void **state)
{
	struct conf *c = good("");
	char *s;
	int ret;

	s = show(conf_show_ikev2_proposal, c, "default", false, &ret);
	assert_int_equal(ret, 0);
	assert_non_null(strstr(s, " IKEv2 proposal: default\n"));
	assert_non_null(strstr(s, "     Encryption : AES-CBC-256 AES-CBC-192 "
				  "AES-CBC-128\n"));
	assert_non_null(strstr(s, "DH_GROUP_256_ECP/Group 19"));
	assert_null(strstr(s, "default-aead"));
	free(s);

	s = show(conf_show_ikev2_policy, c, NULL, false, &ret);
	assert_non_null(strstr(s, "IKEv2 policy : default\n"));
	assert_non_null(strstr(s, "      Match address local : any\n"));
	assert_non_null(strstr(s, "      Proposal    : default-aead\n"));
	free(s);

	s = show(conf_show_ipsec_transform_set, c, NULL, false, &ret);
	assert_non_null(strstr(s, "Transform set default: { esp-aes "
				  "esp-sha-hmac  }\n   will negotiate = { "
				  "Transport,  },\n"));
	assert_non_null(strstr(s, "Transform set default-gcm: { esp-gcm 256"));
	free(s);

	s = show(conf_show_ipsec_profile, c, NULL, false, &ret);
	assert_non_null(strstr(s, "IPSEC profile default\n"));
	assert_non_null(strstr(s, "Security association lifetime: 4608000 "
				  "kilobytes/3600 seconds\n"));
	assert_non_null(strstr(s, "PFS (Y/N): N\n"));
	assert_non_null(strstr(s, "          default:  { esp-aes "
				  "esp-sha-hmac  } ,\n"));
	free(s);

	s = show(conf_show_ipsec_profile, c, NULL, true, &ret);
	assert_int_equal(ret, 0);
	assert_non_null(strstr(s, "\"name\":\"default\",\"is_default\":true"));
	assert_non_null(strstr(s, "\"lifetime_kb\":4608000"));
	free(s);

	s = show(conf_show_ikev2_proposal, c, NULL, true, &ret);
	assert_non_null(strstr(s, "\"is_default\":true"));
	assert_non_null(strstr(s, "\"dh_groups\":[19,20,21,31,14,15,16]"));
	free(s);
	conf_free(c);
}

static void show_profile(void **state)
{
	struct conf *c = good(spoke_conf);
	char *s;
	int ret;

	s = show(conf_show_ikev2_profile, c, "prof1", false, &ret);
	assert_int_equal(ret, 0);
	assert_non_null(strstr(s, "IKEv2 profile: prof1\n"));
	assert_non_null(strstr(s, "   address 198.51.100.1 "
				  "255.255.255.255\n"));
	assert_non_null(strstr(s, "   fqdn domain example.com\n"));
	assert_non_null(strstr(s, " Local identity: fqdn spoke1.example.com"));
	assert_non_null(strstr(s, " Keyring: ring1\n"));
	assert_non_null(strstr(s, " Lifetime: 3600 seconds\n"));
	assert_non_null(strstr(s, " DPD: interval 10, retry 3, on-demand\n"));
	assert_null(strstr(s, "cisco"));
	free(s);

	s = show(conf_show_ikev2_profile, c, NULL, true, &ret);
	assert_non_null(strstr(s, "\"keyring\":\"ring1\""));
	assert_non_null(strstr(s, "\"is_default\":false"));
	assert_null(strstr(s, "cisco"));
	free(s);
	conf_free(c);
}

static void show_unknown(void **state)
{
	struct conf *c = good("");
	char *s;
	int ret;

	s = show(conf_show_ikev2_proposal, c, "nope", false, &ret);
	assert_int_equal(ret, -1);
	assert_string_equal(s, "% no such ikev2 proposal: nope\n");
	free(s);
	s = show(conf_show_ikev2_profile, c, "nope", false, &ret);
	assert_int_equal(ret, -1);
	assert_string_equal(s, "% no such ikev2 profile: nope\n");
	free(s);
	s = show(conf_show_ipsec_transform_set, c, "nope", true, &ret);
	assert_int_equal(ret, -1);
	assert_non_null(strstr(s, "\"error\""));
	free(s);
	/* no profiles at all and no name: nothing, and no error */
	s = show(conf_show_ikev2_profile, c, NULL, false, &ret);
	assert_int_equal(ret, 0);
	free(s);
	conf_free(c);
}

/* ---- matching ---- */

static void id_match_domains(void **state)
{
	struct conf_id rule = id_of(CONF_ID_FQDN, "example.com");
	struct conf_id id;

	rule.domain = true;
	id = id_of(CONF_ID_FQDN, "r1.Example.COM");
	assert_true(conf_id_match(&rule, &id));
	id = id_of(CONF_ID_FQDN, "example.com");
	assert_true(conf_id_match(&rule, &id));
	id = id_of(CONF_ID_FQDN, "badexample.com");
	assert_false(conf_id_match(&rule, &id));
	id = id_of(CONF_ID_EMAIL, "r1@example.com");
	assert_false(conf_id_match(&rule, &id));	/* type differs */
	rule.domain = false;
	id = id_of(CONF_ID_FQDN, "r1.example.com");
	assert_false(conf_id_match(&rule, &id));

	rule = id_of(CONF_ID_EMAIL, "example.com");
	rule.domain = true;
	id = id_of(CONF_ID_EMAIL, "alice@example.com");
	assert_true(conf_id_match(&rule, &id));
	id = id_of(CONF_ID_EMAIL, "alice@mail.example.com");
	assert_true(conf_id_match(&rule, &id));
	id = id_of(CONF_ID_EMAIL, "alice@example.org");
	assert_false(conf_id_match(&rule, &id));
	rule = id_of(CONF_ID_EMAIL, "alice@example.com");
	id = id_of(CONF_ID_EMAIL, "alice@EXAMPLE.com");
	assert_true(conf_id_match(&rule, &id));
	id = id_of(CONF_ID_EMAIL, "Alice@example.com");
	assert_false(conf_id_match(&rule, &id));

	rule = id_of(CONF_ID_KEY_ID, "abc");
	id = id_of(CONF_ID_KEY_ID, "abc");
	assert_true(conf_id_match(&rule, &id));
	id = id_of(CONF_ID_KEY_ID, "ABC");
	assert_false(conf_id_match(&rule, &id));
}

static void addr_match_subnets(void **state)
{
	struct conf_addr net = addr("10.1.0.0"), a = addr("10.1.255.7");
	struct conf_id rule, id;
	char buf[64];

	net.plen = 16;
	assert_true(conf_addr_match(&net, &a));
	a = addr("10.2.0.1");
	assert_false(conf_addr_match(&net, &a));
	net.plen = 0;
	assert_true(conf_addr_match(&net, &a));
	a = addr("2001:db8::1");
	assert_false(conf_addr_match(&net, &a));	/* family */
	net = addr("2001:db8::");
	net.plen = 33;
	assert_true(conf_addr_match(&net, &a));
	a = addr("2001:db8:8000::1");
	assert_false(conf_addr_match(&net, &a));
	assert_string_equal(conf_addr_str(&net, buf, sizeof(buf)),
			    "2001:db8::/33");

	rule = id_of(CONF_ID_ADDRESS, "192.0.2.0");
	rule.addr.plen = 24;
	id = id_of(CONF_ID_ADDRESS, "192.0.2.99");
	assert_true(conf_id_match(&rule, &id));
	id = id_of(CONF_ID_ADDRESS, "192.0.3.1");
	assert_false(conf_id_match(&rule, &id));
}

static void id_payloads(void **state)
{
	static const uint8_t v4[] = { 192, 0, 2, 1 };
	struct conf_id id;
	char buf[300];

	assert_int_equal(conf_id_from_payload(IKE_ID_IPV4_ADDR, v4, 4, &id),
			 0);
	assert_string_equal(conf_id_str(&id, buf, sizeof(buf)), "192.0.2.1");
	assert_int_equal(conf_id_from_payload(IKE_ID_IPV4_ADDR, v4, 3, &id),
			 -1);
	assert_int_equal(conf_id_from_payload(IKE_ID_FQDN,
					      (const uint8_t *)"r1.example.com",
					      14, &id), 0);
	assert_string_equal(conf_id_str(&id, buf, sizeof(buf)),
			    "fqdn r1.example.com");
	assert_int_equal(conf_id_from_payload(IKE_ID_RFC822_ADDR,
					      (const uint8_t *)"a@b", 3, &id),
			 0);
	assert_int_equal(id.type, CONF_ID_EMAIL);
	assert_int_equal(conf_id_from_payload(IKE_ID_FQDN,
					      (const uint8_t *)"a\0b", 3, &id),
			 -1);
	assert_int_equal(conf_id_from_payload(IKE_ID_KEY_ID,
					      (const uint8_t *)"", 0, &id), -1);
	assert_int_equal(conf_id_from_payload(IKE_ID_DER_ASN1_DN, v4, 4, &id),
			 -1);
}

static const char overlap_conf[] =
	"crypto ikev2 keyring k\n"
	"crypto ikev2 profile by-domain\n"
	" match identity remote fqdn domain example.com\n"
	" authentication local pre-share\n"
	" authentication remote pre-share\n"
	" keyring local k\n"
	"crypto ikev2 profile by-name\n"
	" match identity remote fqdn r1.example.com\n"
	" authentication local pre-share\n"
	" authentication remote pre-share\n"
	" keyring local k\n"
	"crypto ikev2 profile by-local\n"
	" match identity remote fqdn r1.example.com\n"
	" match identity local address 192.0.2.1\n"
	" authentication local pre-share\n"
	" authentication remote pre-share\n"
	" keyring local k\n"
	"crypto ikev2 profile by-subnet\n"
	" match identity remote address 10.0.0.0 255.0.0.0\n"
	" authentication local pre-share\n"
	" authentication remote pre-share\n"
	" keyring local k\n"
	"crypto ikev2 policy local1\n"
	" proposal default\n"
	" match address local 192.0.2.1\n"
	"crypto ikev2 policy anywhere\n"
	" proposal default\n";

static void profiles_overlap(void **state)
{
	struct conf *c = good(overlap_conf);
	const struct conf_profile *out[8];
	const struct conf_policy *po[8];
	struct conf_id r = id_of(CONF_ID_FQDN, "r1.example.com");
	struct conf_id l = id_of(CONF_ID_ADDRESS, "192.0.2.1");
	struct conf_addr la;

	assert_int_equal(conf_profiles_matching(c, &r, NULL, out, 8), 2);
	assert_string_equal(out[0]->name, "by-domain");
	assert_string_equal(out[1]->name, "by-name");
	assert_int_equal(conf_profiles_matching(c, &r, &l, out, 8), 3);
	assert_int_equal(conf_profiles_matching(c, &r, &l, out, 1), 1);
	r = id_of(CONF_ID_FQDN, "r2.example.com");
	assert_int_equal(conf_profiles_matching(c, &r, &l, out, 8), 1);
	r = id_of(CONF_ID_ADDRESS, "10.9.8.7");
	assert_int_equal(conf_profiles_matching(c, &r, NULL, out, 8), 1);
	assert_string_equal(out[0]->name, "by-subnet");
	r = id_of(CONF_ID_ADDRESS, "11.0.0.1");
	assert_int_equal(conf_profiles_matching(c, &r, NULL, out, 8), 0);

	/* the policy of the address first, then those for any */
	la = addr("192.0.2.1");
	assert_int_equal(conf_policies_for(c, &la, po, 8), 2);
	assert_string_equal(po[0]->name, "local1");
	assert_string_equal(po[1]->name, "anywhere");
	la = addr("192.0.2.2");
	assert_int_equal(conf_policies_for(c, &la, po, 8), 1);
	assert_string_equal(po[0]->name, "anywhere");
	conf_free(c);
}

static const char keyring_conf[] =
	"crypto ikev2 keyring k\n"
	" peer wild\n"
	"  address 0.0.0.0 0.0.0.0\n"
	"  pre-shared-key wild\n"
	" peer net\n"
	"  address 192.0.2.0 255.255.255.0\n"
	"  pre-shared-key net\n"
	" peer host\n"
	"  address 192.0.2.7\n"
	"  pre-shared-key host\n"
	" peer byid\n"
	"  identity fqdn r1.example.com\n"
	"  pre-shared-key byid\n"
	" peer bydomain\n"
	"  identity fqdn domain example.com\n"
	"  pre-shared-key bydomain\n"
	" peer byname\n"
	"  hostname r9.example.net\n"
	"  pre-shared-key byname\n"
	" peer ascii\n"
	"  address 203.0.113.1\n"
	"  pre-shared-key cisco\n"
	" peer hex\n"
	"  address 203.0.113.2\n"
	"  pre-shared-key hex 636973636f\n"
	" peer HEX\n"
	"  address 203.0.113.3\n"
	"  pre-shared-key 0 hex 636973636F\n";

static void keyring_lookup(void **state)
{
	struct conf *c = good(keyring_conf);
	const struct conf_keyring *kr = &c->keyrings[0];
	const struct conf_keyring_peer *kp, *kh;
	struct conf_addr a = addr("192.0.2.7");
	struct conf_id id;

	assert_string_equal(conf_keyring_lookup(kr, &a, NULL)->name, "host");
	a = addr("192.0.2.8");
	assert_string_equal(conf_keyring_lookup(kr, &a, NULL)->name, "net");
	a = addr("198.51.100.1");
	assert_string_equal(conf_keyring_lookup(kr, &a, NULL)->name, "wild");
	/* an identity is more specific than "every address" */
	id = id_of(CONF_ID_FQDN, "r1.example.com");
	assert_string_equal(conf_keyring_lookup(kr, &a, &id)->name, "byid");
	id = id_of(CONF_ID_FQDN, "r2.example.com");
	assert_string_equal(conf_keyring_lookup(kr, &a, &id)->name,
			    "bydomain");
	id = id_of(CONF_ID_FQDN, "r9.example.net");
	assert_string_equal(conf_keyring_lookup(kr, NULL, &id)->name,
			    "byname");
	id = id_of(CONF_ID_FQDN, "nobody.example.org");
	assert_null(conf_keyring_lookup(kr, NULL, &id));
	a = addr("2001:db8::1");
	assert_null(conf_keyring_lookup(kr, &a, NULL));

	/* "cisco" and hex 636973636f are the same key */
	a = addr("203.0.113.1");
	kp = conf_keyring_lookup(kr, &a, NULL);
	a = addr("203.0.113.2");
	kh = conf_keyring_lookup(kr, &a, NULL);
	assert_int_equal(kp->psk_local_len, kh->psk_local_len);
	assert_memory_equal(kp->psk_local, kh->psk_local, kp->psk_local_len);
	assert_memory_equal(kp->psk_remote, kh->psk_remote, 5);
	a = addr("203.0.113.3");
	kh = conf_keyring_lookup(kr, &a, NULL);
	assert_memory_equal(kh->psk_local, "cisco", 5);
	conf_free(c);
}

static void tunnel_same(void **state)
{
	struct conf *a = good(spoke_conf), *b;
	char *text = malloc(sizeof(spoke_conf) + 64), *s;

	b = good(spoke_conf);
	assert_true(conf_tunnel_same(a, conf_tunnel(b, "Tunnel0"), b));
	conf_free(b);

	/* a description does not count */
	strcpy(text, spoke_conf);
	s = strstr(text, " description hub\n");
	memcpy(s, " description HUB\n", 17);
	b = good(text);
	assert_true(conf_tunnel_same(a, conf_tunnel(b, "Tunnel0"), b));
	conf_free(b);

	/* the key behind the tunnel does, with T from either side */
	strcpy(text, spoke_conf);
	s = strstr(text, "pre-shared-key cisco");
	memcpy(s, "pre-shared-key cisko", 20);
	b = good(text);
	assert_false(conf_tunnel_same(a, conf_tunnel(b, "Tunnel0"), b));
	assert_false(conf_tunnel_same(a, conf_tunnel(a, "Tunnel0"), b));
	assert_true(conf_tunnel_same(a, conf_tunnel(a, "Tunnel0"), NULL));
	conf_free(b);

	/* and so does the transform set */
	strcpy(text, spoke_conf);
	s = strstr(text, "esp-gcm 256");
	memcpy(s, "esp-gcm 128", 11);
	b = good(text);
	assert_false(conf_tunnel_same(a, conf_tunnel(b, "Tunnel0"), b));
	conf_free(b);

	b = good("interface Tunnel0\n");
	assert_false(conf_tunnel_same(a, conf_tunnel(b, "Tunnel0"), b));
	conf_free(b);
	b = good("interface Tunnel9\n");
	assert_false(conf_tunnel_same(a, conf_tunnel(b, "Tunnel9"), b));
	conf_free(b);
	free(text);
	conf_free(a);
}

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

static void dn_identities(void **state)
{
	static const char good[] =
		"crypto ikev2 keyring K\n"
		" peer P\n"
		"  address 192.0.2.2\n"
		"  pre-shared-key k\n"
		"crypto ikev2 profile P\n"
		" match identity remote dn CN=sw,O=lab\n"
		" identity local dn CN=fx,O=lab\n"
		" authentication local pre-share\n"
		" authentication remote pre-share\n"
		" keyring local K\n";
	static const char bad[] =
		"crypto ikev2 profile P\n"
		" identity local dn nonsense\n";
	const struct conf_profile *pf;
	struct conf_id id;
	uint8_t der[256];
	struct conf *c;
	FILE *err = fopen("/dev/null", "w");
	int n;

	n = conf_dn_der("CN=gw1,O=Example Corp", der, sizeof(der));
	assert_true(n > 10);
	assert_int_equal(conf_id_from_payload(9, der, (size_t)n, &id), 0);
	assert_int_equal(id.type, CONF_ID_DN);
	assert_string_equal(id.value, "CN=gw1,O=Example Corp");
	assert_true(conf_dn_der("nonsense", der, sizeof(der)) < 0);
	assert_true(conf_id_from_payload(9, der, 3, &id) < 0);

	c = conf_parse_string(good, sizeof(good) - 1, "dn.conf", err);
	assert_non_null(c);
	pf = conf_profile(c, "P");
	assert_non_null(pf);
	assert_int_equal(pf->identity_local.type, CONF_ID_DN);
	assert_string_equal(pf->identity_local.value, "CN=fx,O=lab");
	n = conf_dn_der("CN=sw, O=lab", der, sizeof(der));
	assert_int_equal(conf_id_from_payload(9, der, (size_t)n, &id), 0);
	assert_true(conf_id_match(&pf->match_remote[0], &id));
	conf_free(c);
	assert_null(conf_parse_string(bad, sizeof(bad) - 1, "bad.conf", err));
	fclose(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dn_identities),
		cmocka_unit_test(spoke_full),
		cmocka_unit_test(hub_gre),
		cmocka_unit_test(running_config),
		cmocka_unit_test(exits_and_spelling),
		cmocka_unit_test(blocks_reopen),
		cmocka_unit_test(bad_files_fail),
		cmocka_unit_test(all_errors_reported),
		cmocka_unit_test(keys_never_quoted),
		cmocka_unit_test(smart_defaults),
		cmocka_unit_test(default_redefined),
		cmocka_unit_test(show_defaults),
		cmocka_unit_test(show_profile),
		cmocka_unit_test(show_unknown),
		cmocka_unit_test(id_match_domains),
		cmocka_unit_test(addr_match_subnets),
		cmocka_unit_test(id_payloads),
		cmocka_unit_test(profiles_overlap),
		cmocka_unit_test(keyring_lookup),
		cmocka_unit_test(tunnel_same),
		cmocka_unit_test(load_file),
	};

	return cmocka_run_group_tests_name("conf", tests, NULL, NULL);
}
