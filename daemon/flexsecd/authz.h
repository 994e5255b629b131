/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IKEv2 authorization: the attributes of "crypto ikev2 authorization
 * policy NAME" (and of AAA replies), the profile's "aaa authorization"
 * lines, the merge of the user, group and implicit attributes, and what
 * the hub pushes to a spoke in its configuration payload.
 *
 * Sources and priority, attribute by attribute (an attribute a source
 * does not set is taken from the next one):
 *  - user: the policy (or AAA reply) found for the user name: the line's
 *    NAME, else the name its name-mangler made, else the peer's identity;
 *  - group: the same for "aaa authorization group"; a group line naming
 *    neither NAME nor name-mangler uses the policy "default";
 *  - implicit: the attributes AAA gave with authentication (EAP, or a
 *    PSK from an AAA keyring), used only when "cached" is configured.
 * The user's attributes win, then the implicit ones, then the group's;
 * with "aaa authorization group override" the group's win, then the
 * user's, then the implicit ones.
 *
 * The policy "default" exists without configuration, with "route set
 * interface" and "route accept any tag 1 distance 1"; a configured block
 * of that name changes it and "no ..." lines take settings out.
 */
#ifndef FLEXSECD_AUTHZ_H
#define FLEXSECD_AUTHZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "htab.h"
#include "pool.h"

#define AUTHZ_NAME		CONF_NAME
#define AUTHZ_DOMAIN		254	/* a DNS name of 253 characters */
#define AUTHZ_IFNAME		16	/* IFNAMSIZ */
#define AUTHZ_MAX_DNS		2	/* dns A [B] */
#define AUTHZ_MAX_ROUTES	32	/* route set remote, per family */
#define AUTHZ_ERR_LEN		160	/* room for any message of this API */

#define AUTHZ_DEFAULT		"default"
#define AUTHZ_DISTANCE		1	/* route accept any: the distance */
#define AUTHZ_MAX_TAG		65535	/* route accept any tag: a realm */

/* The attributes; each has a bit in authz_attrs.set. */
enum authz_attr {
	AUTHZ_POOL,		/* pool NAME */
	AUTHZ_POOL6,		/* ipv6 pool NAME */
	AUTHZ_ADDR,		/* an IPv4 address from AAA (Framed-IP) */
	AUTHZ_ADDR6,		/* an IPv6 prefix from AAA */
	AUTHZ_DNS,		/* dns A [B] */
	AUTHZ_DNS6,		/* ipv6 dns A [B] */
	AUTHZ_DOMAIN_NAME,	/* def-domain NAME */
	AUTHZ_NETMASK,		/* netmask MASK */
	AUTHZ_ROUTE_IF,		/* route set interface [IF] */
	AUTHZ_ROUTE_ACL,	/* route set access-list ACL */
	AUTHZ_ROUTE_ACL6,	/* route set access-list ipv6 ACL */
	AUTHZ_ROUTE_REMOTE,	/* route set remote ipv4 PREFIX, each line */
	AUTHZ_ROUTE_REMOTE6,	/* route set remote ipv6 PREFIX, each line */
	AUTHZ_ROUTE_ACCEPT,	/* route accept any [tag N] [distance N] */
	AUTHZ_FLOW_LIMIT,	/* ipsec flow-limit N */
	AUTHZ_LIFETIME,		/* session-lifetime SECONDS */
	AUTHZ_N_ATTRS
};

struct authz_addrs {
	unsigned int n;
	struct conf_addr a[AUTHZ_MAX_DNS];
};

struct authz_routes {
	unsigned int n;
	struct conf_addr p[AUTHZ_MAX_ROUTES];
};

struct authz_accept {
	uint32_t tag;		/* 0: untagged; else the routes' realm */
	uint32_t distance;	/* 1..255 */
};

struct authz_attrs {
	uint32_t set;			/* 1u << enum authz_attr */
	char pool[AUTHZ_NAME];
	char pool6[AUTHZ_NAME];
	struct conf_addr addr;
	struct conf_addr addr6;
	struct authz_addrs dns;
	struct authz_addrs dns6;
	char domain[AUTHZ_DOMAIN];
	uint8_t netmask;		/* as a prefix length, 1..32 */
	char route_if[AUTHZ_IFNAME];	/* "": the tunnel interface */
	char route_acl[AUTHZ_NAME];
	char route_acl6[AUTHZ_NAME];
	struct authz_routes remote;
	struct authz_routes remote6;
	struct authz_accept accept;
	uint32_t flow_limit;
	uint32_t lifetime;		/* seconds */
};

static inline bool authz_has(const struct authz_attrs *a, enum authz_attr x)
{
	return a->set & (1u << x);
}

/* "pool", "ipv6 pool", ... as the policy's lines name them. */
const char *authz_attr_name(enum authz_attr x);

/* The built-in policy "default". */
void authz_default_attrs(struct authz_attrs *a);

/*
 * One line of a "crypto ikev2 authorization policy" block, as words
 * (W[0] the first keyword; "no" first takes the attribute out). NULL
 * when it went into A; else the message, in ERR (LEN bytes): an unknown
 * keyword, a missing or bad value (mask, address, name, number), too
 * many DNS servers or routes. A failed line leaves A as it was.
 */
const char *authz_policy_line(struct authz_attrs *a, const char *const *w,
			      unsigned int n, char *err, size_t len);
/* The checks behind it, for values parsed elsewhere. NULL when fine. */
const char *authz_check_mask(const char *mask, uint8_t *plen, char *err,
			     size_t len);
const char *authz_check_domain(const char *name, char *err, size_t len);
const char *authz_check_name(const char *what, const char *name, char *err,
			     size_t len);

/* "aaa authorization group|user psk|cert|eap ..." of an IKEv2 profile */
enum authz_method { AUTHZ_PSK, AUTHZ_CERT, AUTHZ_EAP, AUTHZ_N_METHODS };

struct authz_bind {
	bool on;
	char list[AUTHZ_NAME];		/* the AAA method list */
	char name[AUTHZ_NAME];		/* "": none given */
	char mangler[AUTHZ_NAME];	/* name-mangler M; "": none */
	bool local;			/* "local": no AAA, the policies */
};

struct authz_profile {
	struct authz_bind group[AUTHZ_N_METHODS];
	struct authz_bind user[AUTHZ_N_METHODS];
	bool override[AUTHZ_N_METHODS];	/* group override */
	bool cached[AUTHZ_N_METHODS];	/* implicit authorization */
};

/*
 * The words after "aaa authorization" in a profile:
 *   group [override] psk|cert|eap list LIST [NAME|name-mangler M] [local]
 *   user psk|cert|eap list LIST [NAME|name-mangler M] [local]
 *   user|group psk|eap [list LIST] cached
 * NULL when it went into P, else the message in ERR.
 */
const char *authz_profile_line(struct authz_profile *p, const char *const *w,
			       unsigned int n, char *err, size_t len);
/*
 * The name to authorize under for binding B (GROUP: a group line) of a
 * peer with identity IKE_ID, MANGLED the name-mangler's result (NULL:
 * it made none). NULL when there is none (no line, or no mangled name).
 */
const char *authz_bind_name(const struct authz_bind *b, bool group,
			    const char *ike_id, const char *mangled);

/* Where a merged attribute came from. */
enum authz_src { AUTHZ_SRC_NONE, AUTHZ_SRC_USER, AUTHZ_SRC_GROUP,
		 AUTHZ_SRC_IMPLICIT };

/* The sources of one merge; any may be NULL (no such authorization). */
struct authz_sources {
	const struct authz_attrs *user;
	const struct authz_attrs *group;
	const struct authz_attrs *implicit;
	bool override;		/* aaa authorization group override */
	bool cached;		/* else the implicit attributes are ignored */
};

/* The profile's flags for METHOD into SRC (the pointers are left). */
void authz_sources_flags(const struct authz_profile *p, enum authz_method m,
			 struct authz_sources *src);
/* The merge; FROM (NULL, or AUTHZ_N_ATTRS entries) tells each winner. */
void authz_merge(const struct authz_sources *src, struct authz_attrs *out,
		 enum authz_src *from);
const char *authz_src_name(enum authz_src s);

/* What the peer's configuration request asked for. */
struct authz_request {
	bool addr, addr6;		/* INTERNAL_IP4/6_ADDRESS */
	struct conf_addr want, want6;	/* a value in it (family 0: none) */
};

/* What the hub pushes (CFG_REPLY): plain values, for the codec. ROUTE_IF,
 * ACL and ACL6 are for the daemon to turn into subnets (the interface's
 * address, the access list's prefixes). */
struct authz_reply {
	struct conf_addr addr;		/* family 0: none */
	struct conf_addr addr6;		/* a prefix; family 0: none */
	bool has_netmask;
	uint8_t netmask;
	struct authz_addrs dns, dns6;
	char domain[AUTHZ_DOMAIN];	/* "": none */
	struct authz_routes subnets, subnets6;
	bool route_if;
	char route_ifname[AUTHZ_IFNAME];
	char acl[AUTHZ_NAME], acl6[AUTHZ_NAME];
	const struct pool_lease *lease, *lease6;	/* from the pools */
};

/* Results of authz_reply_build() */
enum {
	AUTHZ_OK = 0,
	AUTHZ_E_NO_POOL = -1,	/* an address asked for, no pool (or AAA
				 * address) authorized */
	AUTHZ_E_POOL_UNKNOWN = -2,	/* the policy's pool does not exist */
	AUTHZ_E_POOL = -3,	/* the pool had none to give (exhausted...) */
};

/*
 * The reply to REQ for the merged attributes M: an address (and IPv6
 * prefix) when asked for, from AAA's address or else leased to OWNER from
 * the policy's pool in POOLS, the netmask with it, DNS servers, domain
 * and subnets. Any error means "Fail to alloc IP addr" (the request for
 * an address must be met or authentication fails): nothing is leased
 * then, and WHY (ERR, LEN bytes) says which pool and why. A request for
 * both families where the policy has an IPv4 address only (no ipv6 pool,
 * no AAA prefix) gets the IPv4 one, as IOS answers a dual-stack client.
 */
int authz_reply_build(const struct authz_attrs *m, struct pool_set *pools,
		      uint64_t owner, const struct authz_request *req,
		      struct authz_reply *out, char *err, size_t len);

/* The policies of a configuration, found by name per IKE_AUTH. */
struct authz_policy {
	char name[AUTHZ_NAME];
	int line;
	bool is_default;	/* the built-in one, not configured */
	struct authz_attrs a;
	struct hnode hn;
	struct authz_policy *next;
};

struct authz_db {
	struct htab by_name;
	struct authz_policy *first, *last;
};

/* A set holding the built-in "default" only; NULL without memory. */
struct authz_db *authz_db_new(void);
void authz_db_free(struct authz_db *db);
/* The policy NAME, made when there is none ("crypto ikev2 authorization
 * policy NAME"; "default" is the built-in one, now configured). */
struct authz_policy *authz_db_add(struct authz_db *db, const char *name);
const struct authz_policy *authz_db_find(const struct authz_db *db,
					 const char *name);

/* A pool named by a policy that POOLS lacks: the message, else NULL. */
const char *authz_check_pools(const struct authz_policy *p,
			      const struct pool_set *pools, char *err,
			      size_t len);

#endif /* FLEXSECD_AUTHZ_H */
