/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the show commands (show_*.c) share: address, time and JSON helpers
 * (show_fmt.c) and the strings of traffic selectors (show_ts.c). Not for
 * use outside the show commands.
 */
#ifndef FLEXSECD_SHOW_INT_H
#define FLEXSECD_SHOW_INT_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>
#include <time.h>

#include <json-c/json.h>

#include "conf.h"
#include "ike.h"

#define ADDR_LEN		INET6_ADDRSTRLEN
#define ADDR_PORT_LEN		(INET6_ADDRSTRLEN + 8)
#define IDENT_LEN		(2 * INET6_ADDRSTRLEN + 16)
#define ID_LEN			300

/* Seconds since T (the daemon stamps its SAs with time()); 0 if unset. */
uint64_t since(time_t t);

/* Socket addresses: "192.0.2.1" ("none" when unset), its port, both. */
const char *ss_addr(const struct sockaddr_storage *ss, char *buf, size_t len);
unsigned int ss_port(const struct sockaddr_storage *ss);
const char *ss_addr_port(const struct sockaddr_storage *ss, char *buf,
			 size_t len);
/* Whether PEER passes the address FILTER (NULL: every peer does). */
bool peer_ok(const struct sockaddr_storage *filter,
	     const struct sockaddr_storage *peer);

/* Configuration addresses: bytes, comparison, string ("none"), making. */
size_t caddr_len(const struct conf_addr *c);
bool caddr_is(const struct conf_addr *c, const struct sockaddr_storage *ss);
const char *caddr_str(const struct conf_addr *c, char *buf, size_t len);
void caddr_from_ss(struct conf_addr *c, const struct sockaddr_storage *ss);

/* An identity as show prints it, "none" when there is none. */
const char *id_str(const struct conf_id *id, char *buf, size_t len);

/* JSON: one document and its line on OUT (JO is put); members of O. */
void json_out(FILE *out, struct json_object *jo);
void jstr(struct json_object *o, const char *k, const char *v);
void ju64(struct json_object *o, const char *k, uint64_t v);
void jbool(struct json_object *o, const char *k, bool v);

/* show_frag.c: IKEv2 fragmentation in "show crypto ikev2 sa detailed"
 * (SA's line, its JSON) and in "show crypto ikev2 stats". */
void show_frag_line(const struct ike_sa *sa, FILE *out);
struct json_object *show_frag_json(const struct ike_sa *sa);
void show_frag_stats_text(FILE *out);
struct json_object *show_frag_stats_json(void);

/* The configured tunnel NAME, NULL when the configuration has none. */
const struct conf_tunnel *tunnel_by_name(const char *name);
/* Child SAs the show commands list: installed, or being deleted. */
bool child_shown(const struct child_sa *ch);

/* Traffic selectors: "(192.0.2.1/255.255.255.255/47/0)" of a range. */
const char *ident_str(const struct conf_addr *s, const struct conf_addr *e,
		      uint8_t proto, char *buf, size_t len);
/* "permit ip 0.0.0.0/0.0.0.0 0.0.0.0/0.0.0.0", "permit 47 host A host B" */
const char *flow_str(const struct child_ts *ts, char *buf, size_t len);
/*
 * What a tunnel's selectors are before (or without) a child SA: the
 * endpoints with GRE, everything with a VTI.
 */
void ts_from_conf(const struct conf_tunnel *t, const struct ike_sa *sa,
		  struct child_ts *ts);

#endif /* FLEXSECD_SHOW_INT_H */
