/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal interfaces between the files of the flexsec.conf parser. The
 * rest of the daemon sees conf.h only.
 *
 * From the bottom up: conf_lex.c cuts lines into words and writes the
 * messages (FILE:LINE: error: ...); conf_value.c reads the values of
 * words; conf_store.c keeps the arrays of objects and finds them by name;
 * conf_ike.c, conf_keyring.c, conf_ipsec.c and conf_iface.c fill the
 * blocks; conf_parse.c reads the file's top-level lines and hands the
 * others to the open block; conf_finish.c adds the smart defaults,
 * resolves names and checks the result; conf.c has the entry points.
 */
#ifndef FLEXSECD_CONF_INT_H
#define FLEXSECD_CONF_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <strings.h>

#include "conf.h"

#define LINE_LEN	1024		/* longest line accepted */
#define MAX_WORDS	64
#define IFNAME_MAX	15		/* IFNAMSIZ - 1 */
#define QUOTE_MAX	60		/* longest quote in a message */

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* One line cut into words. */
struct line {
	char raw[LINE_LEN + 1];		/* the line, for rest-of-line */
	char buf[LINE_LEN + 1];		/* the words, NUL-terminated */
	char *w[MAX_WORDS];
	unsigned int off[MAX_WORDS];	/* where word i starts in raw */
	unsigned int n;
	bool indented;
};

enum blk {
	BLK_NONE,
	BLK_SKIP,
	BLK_PROPOSAL,
	BLK_POLICY,
	BLK_KEYRING,
	BLK_PROFILE,
	BLK_TSET,
	BLK_IPSEC,
	BLK_TUNNEL,
	BLK_TEMPLATE,		/* interface Virtual-Template N type tunnel */
	BLK_LOOPBACK,
	BLK_ACL,		/* ip access-list standard NAME */
	BLK_AUTHZ,		/* crypto ikev2 authorization policy NAME */
	BLK_CLIENT,		/* crypto ikev2 client flexvpn NAME */
	BLK_MANGLER,		/* crypto ikev2 name-mangler NAME */
	BLK_ACL6,		/* ipv6 access-list NAME */
};

/* A name one block gives another, checked by conf_finish(). */
enum ref_kind {
	REF_PROPOSAL,		/* policy: proposal NAME */
	REF_KEYRING,		/* profile: keyring local NAME */
	REF_TSET,		/* ipsec profile: set transform-set NAME */
	REF_PROFILE,		/* ipsec profile: set ikev2-profile NAME */
	REF_IPSEC,		/* tunnel: tunnel protection ipsec profile */
	REF_IPSEC_VT,		/* the same in a virtual template */
	REF_TEMPLATE,		/* profile: virtual-template N ("N") */
	REF_UNNUMBERED,		/* tunnel, template: ip unnumbered LoopbackN */
	REF_UNNUMBERED_VT,
};

struct ref {
	enum ref_kind kind;
	unsigned int owner;	/* index of the referring object */
	int line;
	char name[CONF_NAME];
};

struct pctx {
	struct conf *c;
	FILE *err;
	const char *file;
	int line;
	unsigned int n_errors;
	bool oom;
	enum blk blk;
	unsigned int idx;	/* the open block's object */
	int peer;		/* the open keyring peer, -1: none */
	char banner[3];		/* delimiter while inside a banner */
	struct ref *refs;
	unsigned int n_refs;
	struct authz_policy *authz;	/* the open authorization policy */
	int cookie_line;	/* crypto ikev2 cookie-challenge N */
};

/* Whether word I of L is KW (in any case). */
static inline bool is(const struct line *l, unsigned int i, const char *kw)
{
	return i < l->n && !strcasecmp(l->w[i], kw);
}

/* The text of the line from word I on. */
static inline const char *rest(const struct line *l, unsigned int i)
{
	return l->raw + l->off[i];
}

/* conf_lex.c: lines into words, and the messages */

/* Copies the line S of N bytes into L (without the line end) and cuts it
 * into words; false (after an error) when it cannot. */
bool cp_split_line(struct pctx *p, struct line *l, const char *s, size_t n);
/* S for a message in BUF: printable characters only, and not too long. */
const char *cp_quote(const char *s, char *buf, size_t len);
/* "FILE:LINE: error: ..." and "FILE:LINE: warning: ..." to p->err. */
void cp_err(struct pctx *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void cp_warn(struct pctx *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* An error about a line other than the current one. */
void cp_err_at(struct pctx *p, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "unknown keyword 'W' in crypto ikev2 proposal p1" for word I. */
void cp_unknown(struct pctx *p, const struct line *l, unsigned int i);
/* "bad WHAT 'WORD' (expected EXPECTED)"; EXPECTED may be NULL. */
void cp_bad_value(struct pctx *p, const char *what, const char *word,
		  const char *expected);
/* Word I must exist: else "missing WHAT after 'WORD'". */
bool cp_need(struct pctx *p, const struct line *l, unsigned int i,
	     const char *what);
/* Nothing may follow word I - 1. */
bool cp_no_more(struct pctx *p, const struct line *l, unsigned int i);

/* conf_value.c: the values of words */

bool cp_parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out);
/* A number word I in [MIN, MAX], or an error naming WHAT. */
bool cp_num(struct pctx *p, const struct line *l, unsigned int i,
	    const char *what, uint32_t min, uint32_t max, uint32_t *out);
/* An address without prefix: IPv4 or IPv6 (no zone). */
bool cp_parse_ip(const char *s, struct conf_addr *a);
/* "A/LEN", or "A" alone (a host) when BARE_OK. */
bool cp_parse_prefix(const char *s, struct conf_addr *a, bool bare_ok);
/* An address at word *I: "A MASK", "A/LEN", IPv6 "A/LEN", or a host "A"
 * when MASK_OPT. Advances *I past what it used. */
bool cp_addr_arg(struct pctx *p, const struct line *l, unsigned int *i,
		 struct conf_addr *a, bool mask_opt);
/* No control character in S. */
bool cp_printable(const char *s);
/* A name (of a block, a peer...) of word I into DST[CONF_NAME]. */
bool cp_name_arg(struct pctx *p, const struct line *l, unsigned int i,
		 char *dst, const char *what);
/* A description: the rest of the line, control characters as '?'. */
bool cp_desc_arg(struct pctx *p, const struct line *l, unsigned int i,
		 char *dst, size_t len);
/* WORD in lower case for the algorithm tables; "" when too long. */
const char *cp_lower(const char *word, char *buf, size_t len);

/* conf_store.c: the arrays of objects, and names */

/* Adds a zeroed element to *ARR of *N elements of SIZE; NULL (after an
 * error) when it cannot. */
void *cp_grow(struct pctx *p, void **arr, unsigned int *n, size_t size);
/* Notes that the open block's object names NAME of kind KIND. */
void cp_add_ref(struct pctx *p, enum ref_kind kind, const char *name);
/* Adds to a list of names (a policy's proposals...) unless present. */
bool cp_list_add(struct pctx *p, char (*list)[CONF_NAME], unsigned int *n,
		 const char *name, const char *what);
/* Finds NAME in an array of objects whose first member is the name. */
int cp_find_named(const void *arr, unsigned int n, size_t size,
		  const char *name);
/* Opens (or reopens, as IOS does) the block named NAME of kind B. */
void *cp_open_named(struct pctx *p, enum blk b, void **arr, unsigned int *n,
		    size_t size, const char *name);
const struct conf_keyring *conf_keyring(const struct conf *c, const char *n);

/* conf_ike.c: crypto ikev2 proposal, policy and profile */

/* The arrays of a proposal for one transform type. */
uint16_t *cp_prop_ids(struct conf_proposal *pr, uint8_t type,
		      unsigned int **n);
bool cp_prop_is_aead(const struct conf_proposal *pr);
/* "dpd INTERVAL RETRY on-demand|periodic" from word I. */
bool cp_dpd_args(struct pctx *p, const struct line *l, unsigned int i,
		 uint32_t *interval, uint32_t *retry,
		 enum conf_dpd_mode *mode);
void cp_proposal_line(struct pctx *p, const struct line *l);
void cp_policy_line(struct pctx *p, const struct line *l);
void cp_profile_line(struct pctx *p, const struct line *l);

/* conf_keyring.c: identities, crypto ikev2 keyring */

/* An identity from word I; RULE: one a peer's identity is matched
 * against (a subnet, a domain); DN_OK: "dn" is allowed. */
bool cp_id_arg(struct pctx *p, const struct line *l, unsigned int i,
	       struct conf_id *id, bool rule, bool dn_ok);
void cp_keyring_line(struct pctx *p, const struct line *l);

/* conf_ipsec.c: crypto ipsec transform-set and profile */

/* "crypto ipsec transform-set NAME TRANSFORM...". */
void cp_open_tset(struct pctx *p, const struct line *l);
void cp_tset_line(struct pctx *p, const struct line *l);
void cp_ipsec_line(struct pctx *p, const struct line *l);
/* "... lifetime kilobytes|seconds[|days] N" and "... replay
 * window-size N|disable" from word I. */
void cp_sa_lifetime(struct pctx *p, const struct line *l, unsigned int i,
		    uint64_t *kb, uint32_t *sec, bool days_ok);
void cp_sa_replay(struct pctx *p, const struct line *l, unsigned int i,
		  uint32_t *window);

/* conf_iface.c: interface TunnelN, Virtual-Template N, LoopbackN */

/* Linux interface names: 1..15 characters, no '/', ':' or blank. */
bool cp_ifname_ok(const char *s);
/* "interface ...": false when it names none of them (a block to skip). */
bool cp_open_interface(struct pctx *p, const struct line *l);
/* A line of interface TunnelN or Virtual-Template N. */
void cp_tunnel_line(struct pctx *p, const struct line *l);

/* conf_vif.c: interface LoopbackN, and what tunnels and templates have
 * beyond a point-to-point tunnel (ip unnumbered, ip address negotiated) */
void cp_open_loopback(struct pctx *p, const char *name);
void cp_loopback_line(struct pctx *p, const struct line *l);
/* "ip unnumbered IF" / "ip address negotiated" of T; false: not such. */
bool cp_tunnel_addr_line(struct pctx *p, const struct line *l,
			 struct conf_tunnel *t);

/* conf_aaa.c: aaa, ip local pool, ip access-list */

/* "aaa ...", "ip local pool", "ipv6 local pool", "ip access-list",
 * "access-list N": false when L is none of them. */
bool cp_aaa_top_line(struct pctx *p, const struct line *l);
void cp_acl_line(struct pctx *p, const struct line *l);
void cp_acl6_line(struct pctx *p, const struct line *l);
/* "crypto ikev2 authorization policy NAME" and its lines. */
void cp_open_authz(struct pctx *p, const struct line *l);
void cp_authz_line(struct pctx *p, const struct line *l);
/* "aaa authorization ..." in an IKEv2 profile. */
void cp_profile_authz(struct pctx *p, const struct line *l,
		      struct conf_profile *pf);
/* The checks of what the blocks above name (conf_finish). */
void cp_check_aaa(struct pctx *p);

/* conf_client.c: crypto ikev2 client flexvpn, track */
void cp_open_client(struct pctx *p, const struct line *l);
void cp_client_line(struct pctx *p, const struct line *l);
/* "track N interface IF line-protocol": false when L is no track. */
bool cp_track_line(struct pctx *p, const struct line *l);
/* The checks of clients, tracks and dynamic tunnels (conf_finish). */
void cp_check_clients(struct pctx *p);

/* conf_mangler.c: crypto ikev2 name-mangler NAME and its lines */
void cp_open_mangler(struct pctx *p, const struct line *l);
void cp_mangler_line(struct pctx *p, const struct line *l);

/* conf_parse.c: the lines of a text, into blocks and global settings */
void cp_parse_text(struct pctx *p, const char *text, size_t len);

/* conf_finish.c: smart defaults, names resolved, what blocks must have */
void conf_finish(struct pctx *p);

#endif /* FLEXSECD_CONF_INT_H */
