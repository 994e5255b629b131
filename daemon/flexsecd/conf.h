/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flexsec.conf: the IOS-style configuration, parsed into plain structures.
 *
 * The file reads like an IOS running-config: top-level lines open blocks
 * ("crypto ikev2 proposal NAME", "interface Tunnel0"), indented lines (or
 * lines until the next top-level one) fill them, "!" and "#" start
 * comments, "exit" closes a block. Blocks flexsec does not handle
 * (hostname, physical interfaces, router ospf...) are skipped with one
 * warning each; inside a handled block an unknown keyword or a bad value
 * is an error naming file:line and the word.
 *
 * After parsing, conf_finish() adds IOS's smart defaults (proposal,
 * policy, transform set and IPsec profile named "default") where the file
 * has none, resolves names between blocks and checks what a block MUST
 * have (a profile needs a match statement and both authentication
 * methods).
 */
#ifndef FLEXSECD_CONF_H
#define FLEXSECD_CONF_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define CONF_NAME	64
#define CONF_MAX_ALGS	8
#define CONF_MAX_LIST	16
#define CONF_MAX_KEY	128
#define CONF_DESC	256	/* description text, IOS allows 240 */

struct authz_db;
struct authz_profile;
struct conf_mangler;

struct conf_addr {
	int family;		/* AF_INET, AF_INET6, or 0 when unset */
	uint8_t a[16];
	uint8_t plen;		/* prefix length; 32/128 for a host */
};

/* crypto ikev2 proposal NAME */
struct conf_proposal {
	char name[CONF_NAME];
	int line;
	bool is_default;	/* a smart default, not from the file */
	unsigned int n_encr, n_integ, n_prf, n_group;
	uint16_t encr[CONF_MAX_ALGS];	/* IKE_ENCR_* */
	uint16_t encr_bits[CONF_MAX_ALGS];
	uint16_t integ[CONF_MAX_ALGS];	/* IKE_INTEG_* */
	uint16_t prf[CONF_MAX_ALGS];	/* IKE_PRF_*; from integrity when absent */
	uint16_t group[CONF_MAX_ALGS];	/* IKE_DH_* */
};

/* crypto ikev2 policy NAME */
struct conf_policy {
	char name[CONF_NAME];
	int line;
	bool is_default;
	unsigned int n_proposals;
	char proposals[CONF_MAX_LIST][CONF_NAME];
	unsigned int n_local;		/* match address local A (none: any) */
	struct conf_addr local[CONF_MAX_LIST];
	bool match_fvrf_any;
};

/* An identity: "address 192.0.2.1", "fqdn r1.example.com", "email
 * a@b", "key-id abc", "dn CN=...". For match statements, "domain" makes
 * fqdn/email match a suffix. */
enum conf_id_type {
	CONF_ID_NONE = 0,
	CONF_ID_ADDRESS,	/* IPv4 or IPv6 (addr.family) */
	CONF_ID_FQDN,
	CONF_ID_EMAIL,
	CONF_ID_KEY_ID,
	CONF_ID_DN,
};

struct conf_id {
	enum conf_id_type type;
	struct conf_addr addr;	/* ADDRESS; plen < host for a subnet match */
	char value[256];	/* the other types */
	bool domain;		/* match: "fqdn domain x" / "email domain x" */
};

/* crypto ikev2 keyring NAME / peer NAME */
struct conf_keyring_peer {
	char name[CONF_NAME];
	int line;
	struct conf_addr address;	/* address A [MASK] / A/LEN */
	char hostname[256];
	struct conf_id identity;	/* identity address|fqdn|email|key-id */
	uint8_t psk_local[CONF_MAX_KEY], psk_remote[CONF_MAX_KEY];
	unsigned int psk_local_len, psk_remote_len;	/* 0: not set */
};

struct conf_keyring {
	char name[CONF_NAME];
	int line;
	unsigned int n_peers;
	struct conf_keyring_peer *peers;
};

enum conf_auth {
	CONF_AUTH_NONE = 0,
	CONF_AUTH_PSK,		/* pre-share */
	CONF_AUTH_RSA,		/* rsa-sig (parsed; a later issue) */
	CONF_AUTH_ECDSA,	/* ecdsa-sig (parsed; a later issue) */
	CONF_AUTH_EAP,		/* eap (parsed; a later issue) */
};

enum conf_dpd_mode { CONF_DPD_PERIODIC, CONF_DPD_ON_DEMAND };

/* crypto ikev2 profile NAME */
struct conf_profile {
	char name[CONF_NAME];
	int line;
	unsigned int n_match_remote, n_match_local;
	struct conf_id match_remote[CONF_MAX_LIST];
	struct conf_id match_local[CONF_MAX_LIST];
	bool match_any;			/* "match identity remote any" */
	/* default: address, with addr.family 0 for the SA's local address */
	struct conf_id identity_local;
	enum conf_auth auth_local;
	enum conf_auth auth_remote[2];	/* IOS allows two remote methods */
	unsigned int n_auth_remote;
	char keyring[CONF_NAME];	/* "keyring local NAME" */
	const struct conf_keyring *kr;	/* resolved by conf_finish */
	uint32_t lifetime;		/* seconds, default 86400 */
	/* "reauthentication SECONDS": a new IKE SA, authenticated again,
	 * replaces the established one this often (make-before-break);
	 * 0 (the default): never */
	uint32_t reauth;
	/* 0: off; the global "crypto ikev2 dpd" when the profile has none */
	uint32_t dpd_interval, dpd_retry;
	enum conf_dpd_mode dpd_mode;
	/* "nat keepalive S" (0: the global one, which is off by default)
	 * and "nat force-encap": ESP in UDP even without a NAT */
	uint32_t nat_keepalive;
	bool nat_force_encap;
	/* "virtual-template N": a Virtual-Access interface per peer is
	 * cloned from interface Virtual-Template N; 0: none */
	uint32_t virtual_template;
	const struct conf_tunnel *vt;	/* resolved */
	/* "aaa authorization group|user ..." (authz.h); NULL: none */
	struct authz_profile *authz;
	int authz_line;
	char description[CONF_DESC];
};

enum conf_mode { CONF_MODE_TUNNEL, CONF_MODE_TRANSPORT };

/* crypto ipsec transform-set NAME esp-... */
struct conf_transform_set {
	char name[CONF_NAME];
	int line;
	bool is_default;
	uint16_t encr, encr_bits;	/* IKE_ENCR_* for ESP */
	uint16_t integ;			/* IKE_INTEG_*, NONE for AEAD */
	enum conf_mode mode;		/* IOS default: tunnel */
};

/* crypto ipsec profile NAME */
struct conf_ipsec_profile {
	char name[CONF_NAME];
	int line;
	bool is_default;
	unsigned int n_tsets;
	char tsets[CONF_MAX_LIST][CONF_NAME];
	const struct conf_transform_set *ts[CONF_MAX_LIST];	/* resolved */
	char ikev2_profile[CONF_NAME];
	const struct conf_profile *prof;	/* resolved, may be NULL */
	uint16_t pfs_group;		/* 0: no PFS */
	uint64_t lifetime_kb;		/* default 4608000 */
	uint32_t lifetime_sec;		/* default 3600 */
	uint32_t replay_window;		/* default 64; 0: disabled */
	bool responder_only;
	char description[CONF_DESC];
};

enum conf_tunnel_mode { CONF_TUN_GRE, CONF_TUN_VTI };

/* interface TunnelN, and interface Virtual-Template N type tunnel (a
 * template: no destination; conf.templates) */
struct conf_tunnel {
	char name[CONF_NAME];		/* "Tunnel0", "Virtual-Template1" */
	int line;
	bool shutdown;
	uint32_t vt_num;		/* a template's N; 0 for a tunnel */
	struct conf_addr ip;		/* ip address A M | A/LEN */
	struct conf_addr ip6;		/* ipv6 address A/LEN */
	/* ip unnumbered IF: the address of interface IF (LoopbackN, or a
	 * Linux interface) is the tunnel's too */
	char unnumbered[CONF_NAME];
	bool ip_negotiated;		/* ip address negotiated */
	bool ipv6_enable;		/* ipv6 enable: with ip address
					 * negotiated, ask for IPv6 too */
	bool dest_dynamic;		/* tunnel destination dynamic: the
					 * FlexVPN client that connects it
					 * chooses the peer */
	uint32_t mtu;			/* ip mtu N; 0: computed */
	struct conf_addr source;	/* tunnel source A */
	char source_if[CONF_NAME];	/* tunnel source IFNAME */
	struct conf_addr destination;	/* tunnel destination A */
	enum conf_tunnel_mode mode;	/* default: GRE (IOS) */
	bool has_key;
	uint32_t key;			/* tunnel key N */
	char protection[CONF_NAME];	/* tunnel protection ipsec profile P */
	const struct conf_ipsec_profile *ipsec;	/* resolved */
	char description[CONF_DESC];
	int mode_family;		/* underlay family "tunnel mode" names */
	/* the family a VTI carries: its tunnel mode's, or the one of
	 * "v4-overlay"/"v6-overlay" (IPsec mixed mode); 0: IPv4 */
	int overlay_family;
	int mode_line;
	/* a Virtual-Access cloned from a template: the interface's alias,
	 * the name IOS gives it ("Virtual-Access1") */
	char alias[CONF_NAME];
};

/* The family of T's outer addresses: its destination's or source's, else
 * the one its tunnel mode names, else IPv4. */
static inline int conf_tunnel_family(const struct conf_tunnel *t)
{
	if (t->destination.family)
		return t->destination.family;
	if (t->source.family)
		return t->source.family;
	return t->mode_family ? t->mode_family : AF_INET;
}

/* Whether T has IPv6: an IPv6 address, "ipv6 enable", or a VTI of an IPv6
 * overlay. Without, its IPv6 is off (no link-local address: no router
 * solicitation or MLD report into SAs that carry IPv4). */
static inline bool conf_tunnel_ipv6(const struct conf_tunnel *t)
{
	return t->ip6.family || t->ipv6_enable ||
	       (t->mode == CONF_TUN_VTI && t->overlay_family == AF_INET6);
}

/* The name show commands print: "Virtual-Access1" for a clone. */
static inline const char *conf_tunnel_show_name(const struct conf_tunnel *t)
{
	return t->alias[0] ? t->alias : t->name;
}

/* interface LoopbackN: a dummy interface "LoopbackN" with the address */
struct conf_loopback {
	char name[CONF_NAME];		/* "Loopback0" */
	int line;
	bool shutdown;
	struct conf_addr ip;
	struct conf_addr ip6;
	char description[CONF_DESC];
};

#define CONF_MAX_RANGES	64

/* ip local pool NAME FIRST [LAST], one line per range; ipv6 local pool
 * NAME PREFIX/LEN ASSIGNED-LEN */
struct conf_pool {
	char name[CONF_NAME];
	int line;
	int family;
	unsigned int n;
	struct conf_addr first[CONF_MAX_RANGES];	/* IPv6: the prefix */
	struct conf_addr last[CONF_MAX_RANGES];		/* IPv6: unused */
	uint8_t assign_len;			/* IPv6: each lease's length */
};

#define CONF_MAX_ACES	64

/* ip access-list standard NAME, access-list N: the permitted networks
 * (route set access-list sends them as routes; deny lines are kept to
 * be skipped as IOS does). ipv6 access-list NAME: the source prefixes
 * of its "permit|deny ipv6 SRC DST" entries (route set access-list
 * ipv6); entries of other protocols are skipped. */
struct conf_ace {
	bool permit;
	struct conf_addr net;		/* any: family 0 */
};

struct conf_acl {
	char name[CONF_NAME];
	int line;
	unsigned int n;
	struct conf_ace ace[CONF_MAX_ACES];
};

#define CONF_MAX_PEERS	16
#define CONF_MAX_SOURCES	4

/* crypto ikev2 client flexvpn NAME: peer N ADDRESS|fqdn NAME [track M] */
struct conf_client_peer {
	uint32_t num;
	struct conf_addr addr;		/* resolved when given as fqdn */
	char fqdn[256];			/* "": given as an address */
	uint32_t track;			/* 0: none */
};

/* source N interface IF [track M] */
struct conf_client_source {
	uint32_t num;
	char ifname[CONF_NAME];
	uint32_t track;
};

enum conf_connect { CONF_CONNECT_AUTO, CONF_CONNECT_MANUAL,
		    CONF_CONNECT_TRACK };

struct conf_client {
	char name[CONF_NAME];
	int line;
	unsigned int n_peers;		/* in the order of their numbers */
	struct conf_client_peer peers[CONF_MAX_PEERS];
	bool reactivate;		/* peer reactivate */
	enum conf_connect connect;	/* default auto */
	uint32_t connect_track;		/* connect track N */
	char tunnel[CONF_NAME];		/* client connect TunnelX */
	unsigned int n_sources;
	struct conf_client_source sources[CONF_MAX_SOURCES];
};

/* track N interface IF line-protocol: up while IF is up with carrier */
struct conf_track {
	char name[CONF_NAME];		/* "N" */
	int line;
	uint32_t num;
	char ifname[CONF_NAME];
};

/* aaa authorization network LIST local */
struct conf_aaa_list {
	char name[CONF_NAME];
	int line;
	bool local;
};

struct conf_global {
	uint32_t window;		/* crypto ikev2 window N: 5 */
	uint32_t retransmit_count;	/* crypto ikev2 retransmit N: 5 */
	uint32_t retransmit_timeout_ms;	/* ... timeout MS: 1000 (doubles) */
	uint32_t half_open_timeout;	/* crypto ikev2 half-open-timeout S: 30 */
	uint32_t max_sa;		/* crypto ikev2 limit max-sa N: 0 (none) */
	uint32_t max_in_negotiation_in;	/* limit max-in-negotiation-sa: 40 */
	uint32_t max_in_negotiation_out;	/* ... outgoing: 400 */
	uint32_t dpd_interval, dpd_retry;	/* crypto ikev2 dpd */
	uint32_t nat_keepalive;		/* crypto ikev2 nat keepalive S: off */
	enum conf_dpd_mode dpd_mode;
	uint32_t replay_window;		/* crypto ipsec security-association
					 * replay window-size: 64 */
	uint64_t lifetime_kb;		/* crypto ipsec security-association
					 * lifetime kilobytes: 4608000 */
	uint32_t lifetime_sec;		/* ... seconds: 3600 */
	uint32_t diag_max;		/* crypto ikev2 diagnose error N: 50 */
	/* crypto ikev2 fragmentation [mtu N]: off; the fragments' IP size,
	 * 0 for 576 on IPv4 and 1280 on IPv6 */
	bool frag;
	uint32_t frag_mtu;
	/* crypto ikev2 cookie-challenge N: a COOKIE asked for once N
	 * responder SAs are half-open (0: never); "always": of every
	 * IKE_SA_INIT request */
	uint32_t cookie_challenge;
	bool cookie_always;
};

struct conf {
	char path[256];
	struct conf_global g;
	unsigned int n_proposals, n_policies, n_keyrings, n_profiles;
	unsigned int n_tsets, n_ipsec_profiles, n_tunnels;
	unsigned int n_templates, n_loopbacks, n_pools, n_acls, n_aaa_lists;
	unsigned int n_clients, n_tracks, n_manglers, n_acls6;
	struct conf_proposal *proposals;
	struct conf_policy *policies;
	struct conf_keyring *keyrings;
	struct conf_profile *profiles;
	struct conf_transform_set *tsets;
	struct conf_ipsec_profile *ipsec_profiles;
	struct conf_tunnel *tunnels;
	struct conf_tunnel *templates;
	struct conf_loopback *loopbacks;
	struct conf_pool *pools;
	struct conf_acl *acls;
	struct conf_acl *acls6;		/* ipv6 access-list NAME */
	struct conf_aaa_list *aaa_lists;
	struct conf_client *clients;
	struct conf_track *tracks;
	struct conf_mangler *manglers;	/* crypto ikev2 name-mangler */
	bool aaa_new_model;
	/* crypto ikev2 authorization policy NAME, and "default" */
	struct authz_db *authz;
	unsigned int n_warnings;
};

/* Parses PATH. Errors and warnings are written to ERR ("FILE:LINE:
 * error: unknown keyword 'foo' in crypto ikev2 proposal"); returns NULL
 * when there was any error. */
/* The least lifetime in seconds the lifetime keywords take: IOS's 120,
 * or less for a lab (flexsecd -L) that wants to watch rekeys quickly. */
extern unsigned int conf_lifetime_min;

struct conf *conf_load(const char *path, FILE *err);
/* The same from a string (for tests and the fuzzer); NAME for messages. */
struct conf *conf_parse_string(const char *text, size_t len, const char *name,
			       FILE *err);
/* Frees, wiping the keys. */
void conf_free(struct conf *c);

/* Lookups by name (NULL when absent). */
const struct conf_proposal *conf_proposal(const struct conf *c, const char *n);
const struct conf_profile *conf_profile(const struct conf *c, const char *n);
const struct conf_ipsec_profile *conf_ipsec_profile(const struct conf *c,
						    const char *n);
const struct conf_transform_set *conf_tset(const struct conf *c, const char *n);
const struct conf_tunnel *conf_tunnel(const struct conf *c, const char *n);
const struct conf_tunnel *conf_template(const struct conf *c, uint32_t num);
const struct conf_loopback *conf_loopback(const struct conf *c, const char *n);
const struct conf_pool *conf_pool(const struct conf *c, const char *n);
const struct conf_acl *conf_acl(const struct conf *c, const char *n);
const struct conf_acl *conf_acl6(const struct conf *c, const char *n);
const struct conf_client *conf_client(const struct conf *c, const char *n);
const struct conf_track *conf_track(const struct conf *c, uint32_t num);

/* The address pools of C for the daemon (pool.h), or NULL with the
 * reason in ERR (LEN bytes): overlapping ranges, no memory. */
struct pool_set;
struct pool_set *conf_pools_build(const struct conf *c, char *err,
				  size_t len);

/* The policies that apply to LOCAL (an address of ours), in order: those
 * with a matching "match address local" first, then those matching any;
 * the smart default policy when none. Fills OUT (up to MAX); returns the
 * count. */
unsigned int conf_policies_for(const struct conf *c,
			       const struct conf_addr *local,
			       const struct conf_policy **out,
			       unsigned int max);

/* The profiles whose "match identity remote" (and local, when the profile
 * has one) match ID. Returns the count written to OUT; more than one is
 * an overlap the caller reports. */
unsigned int conf_profiles_matching(const struct conf *c,
				    const struct conf_id *remote,
				    const struct conf_id *local,
				    const struct conf_profile **out,
				    unsigned int max);

/* The keyring peer for a remote peer: by address (longest prefix), then
 * by hostname/identity for the responder; returns NULL when "key not
 * found". */
const struct conf_keyring_peer *conf_keyring_lookup(const struct conf_keyring *kr,
						    const struct conf_addr *addr,
						    const struct conf_id *id);

/* Identities as strings ("192.0.2.1", "fqdn r1.example.com") and parsed
 * from the ID payload's type and data. */
int conf_id_from_payload(uint8_t id_type, const uint8_t *data, size_t len,
			 struct conf_id *out);
/* "CN=gw1,O=Example" as the DER of an X.509 name (ID_DER_ASN1_DN); its
 * length, or -1 when it is no DN or does not fit. */
int conf_dn_der(const char *dn, uint8_t *out, size_t cap);
const char *conf_id_str(const struct conf_id *id, char *buf, size_t len);
bool conf_id_match(const struct conf_id *rule, const struct conf_id *id);
bool conf_addr_match(const struct conf_addr *net, const struct conf_addr *a);
const char *conf_addr_str(const struct conf_addr *a, char *buf, size_t len);

/* Tunnels that differ between two configurations (for reload): returns
 * true when T's settings are the same in OLD. */
bool conf_tunnel_same(const struct conf *old, const struct conf_tunnel *t,
		      const struct conf *new_c);

#endif /* FLEXSECD_CONF_H */
