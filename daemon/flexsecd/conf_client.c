// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec.conf: the FlexVPN client, "crypto ikev2 client flexvpn NAME"
 * (peer N ADDRESS | fqdn NAME [track M], peer reactivate, connect
 * auto|manual|track N, client connect TunnelX, source N interface IF
 * [track M]), the "track N interface IF line-protocol" objects it names,
 * and the checks that tie them to a tunnel with "tunnel destination
 * dynamic". A peer's name is resolved when the file is read.
 */

#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conf_int.h"

void cp_open_client(struct pctx *p, const struct line *l)
{
	struct conf *c = p->c;
	char name[CONF_NAME];

	p->blk = BLK_SKIP;
	if (!cp_name_arg(p, l, 4, name, "FlexVPN client name") ||
	    !cp_no_more(p, l, 5))
		return;
	if (!cp_open_named(p, BLK_CLIENT, (void **)&c->clients, &c->n_clients,
			   sizeof(*c->clients), name))
		p->blk = BLK_SKIP;
}

/* "[track M]" at word I, the end of the line. */
static bool track_arg(struct pctx *p, const struct line *l, unsigned int i,
		      uint32_t *track)
{
	*track = 0;
	if (i == l->n)
		return true;
	if (!is(l, i, "track")) {
		cp_unknown(p, l, i);
		return false;
	}
	return cp_num(p, l, i + 1, "track", 1, 1000, track) &&
	       cp_no_more(p, l, i + 2);
}

/* NAME's first address of FAMILY (IPv4 unless "fqdn NAME ipv6"). */
static bool resolve(struct pctx *p, const char *name, int family,
		    struct conf_addr *a)
{
	struct addrinfo hints = { .ai_family = family }, *res;
	char q[QUOTE_MAX + 8];

#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	/* the fuzzer's names are not looked up in the DNS */
	hints.ai_flags = AI_NUMERICHOST;
#endif
	if (getaddrinfo(name, NULL, &hints, &res) || !res) {
		cp_err(p, "peer fqdn %s: the name does not resolve to an IPv%d "
		       "address", cp_quote(name, q, sizeof(q)),
		       family == AF_INET ? 4 : 6);
		return false;
	}
	memset(a, 0, sizeof(*a));
	a->family = family;
	a->plen = family == AF_INET ? 32 : 128;
	if (family == AF_INET6)
		memcpy(a->a, &((struct sockaddr_in6 *)res->ai_addr)->sin6_addr,
		       16);
	else
		memcpy(a->a, &((struct sockaddr_in *)res->ai_addr)->sin_addr, 4);
	freeaddrinfo(res);
	return true;
}

/* Adds PE in the order of the numbers; the same number replaces. */
static void peer_put(struct pctx *p, struct conf_client *cl,
		     const struct conf_client_peer *pe)
{
	unsigned int i, j;

	for (i = 0; i < cl->n_peers && cl->peers[i].num < pe->num; i++)
		;
	if (i < cl->n_peers && cl->peers[i].num == pe->num) {
		cl->peers[i] = *pe;
		return;
	}
	if (cl->n_peers == CONF_MAX_PEERS) {
		cp_err(p, "FlexVPN client %s has %u peers already", cl->name,
		       CONF_MAX_PEERS);
		return;
	}
	for (j = cl->n_peers++; j > i; j--)
		cl->peers[j] = cl->peers[j - 1];
	cl->peers[i] = *pe;
}

/* peer N ADDRESS [track M] | peer N fqdn NAME [ipv6] [track M] (IPv4 or
 * IPv6 addresses) */
static void peer_line(struct pctx *p, const struct line *l,
		      struct conf_client *cl)
{
	struct conf_client_peer pe = { 0 };
	unsigned int i = 3;

	if (!cp_num(p, l, 1, "peer number", 1, 255, &pe.num) ||
	    !cp_need(p, l, 2, "an address or fqdn NAME"))
		return;
	if (is(l, 2, "fqdn")) {
		if (!cp_need(p, l, 3, "a name"))
			return;
		if (is(l, 4, "dynamic")) {
			cp_err(p, "'peer %u fqdn %s dynamic' is not supported: "
			       "the name is resolved when the file is read",
			       pe.num, l->w[3]);
			return;
		}
		snprintf(pe.fqdn, sizeof(pe.fqdn), "%s", l->w[3]);
		i = l->n > 4 && is(l, 4, "ipv6") ? 5 : 4;
		if (!resolve(p, pe.fqdn, i == 5 ? AF_INET6 : AF_INET,
			     &pe.addr))
			return;
	} else if (!cp_parse_ip(l->w[2], &pe.addr)) {
		cp_bad_value(p, "peer address", l->w[2],
			     "an IPv4 or IPv6 address");
		return;
	}
	if (track_arg(p, l, i, &pe.track))
		peer_put(p, cl, &pe);
}

/* source N interface IF [track M] (IOS also writes "source N IF") */
static void source_line(struct pctx *p, const struct line *l,
			struct conf_client *cl)
{
	struct conf_client_source so = { 0 };
	unsigned int i = 2;

	if (!cp_num(p, l, 1, "source number", 1, CONF_MAX_SOURCES, &so.num))
		return;
	if (is(l, 2, "interface"))
		i = 3;
	if (!cp_need(p, l, i, "an interface"))
		return;
	if (!cp_ifname_ok(l->w[i])) {
		cp_bad_value(p, "source interface", l->w[i],
			     "a Linux interface name");
		return;
	}
	snprintf(so.ifname, sizeof(so.ifname), "%s", l->w[i]);
	if (!track_arg(p, l, i + 1, &so.track))
		return;
	cl->sources[so.num - 1] = so;
	if (cl->n_sources < so.num)
		cl->n_sources = so.num;
}

static void connect_line(struct pctx *p, const struct line *l,
			 struct conf_client *cl)
{
	if (is(l, 1, "auto") && cp_no_more(p, l, 2)) {
		cl->connect = CONF_CONNECT_AUTO;
	} else if (is(l, 1, "manual") && cp_no_more(p, l, 2)) {
		cl->connect = CONF_CONNECT_MANUAL;
	} else if (is(l, 1, "track")) {
		if (cp_num(p, l, 2, "track", 1, 1000, &cl->connect_track) &&
		    cp_no_more(p, l, 3))
			cl->connect = CONF_CONNECT_TRACK;
	} else if (!is(l, 1, "auto") && !is(l, 1, "manual")) {
		cp_bad_value(p, "connect", l->n > 1 ? l->w[1] : "",
			     "auto, manual or track N");
	}
}

void cp_client_line(struct pctx *p, const struct line *l)
{
	struct conf_client *cl = &p->c->clients[p->idx];

	if (is(l, 0, "peer") && is(l, 1, "reactivate")) {
		if (cp_no_more(p, l, 2))
			cl->reactivate = true;
	} else if (is(l, 0, "no") && is(l, 1, "peer") &&
		   is(l, 2, "reactivate")) {
		cl->reactivate = false;
	} else if (is(l, 0, "peer")) {
		peer_line(p, l, cl);
	} else if (is(l, 0, "connect")) {
		connect_line(p, l, cl);
	} else if (is(l, 0, "client") && is(l, 1, "connect")) {
		if (cp_name_arg(p, l, 2, cl->tunnel, "tunnel") &&
		    cp_no_more(p, l, 3) && !strncasecmp(cl->tunnel, "tunnel", 6))
			memcpy(cl->tunnel, "Tunnel", 6);
	} else if (is(l, 0, "source")) {
		source_line(p, l, cl);
	} else if (is(l, 0, "client") || is(l, 0, "backup")) {
		cp_err(p, "'%s %s' is not supported by flexsec's FlexVPN "
		       "client", l->w[0], l->n > 1 ? l->w[1] : "");
	} else {
		cp_unknown(p, l, 0);
	}
}

bool cp_track_line(struct pctx *p, const struct line *l)
{
	struct conf *c = p->c;
	struct conf_track *tr;
	uint32_t num;
	char name[12];

	if (!is(l, 0, "track"))
		return false;
	p->blk = BLK_NONE;
	if (!cp_num(p, l, 1, "track", 1, 1000, &num))
		return true;
	if (!is(l, 2, "interface") || !cp_need(p, l, 3, "an interface") ||
	    !is(l, 4, "line-protocol") || !cp_no_more(p, l, 5)) {
		cp_err(p, "expected 'track %u interface IF line-protocol' "
		       "(flexsec tracks interface states)", num);
		return true;
	}
	if (!cp_ifname_ok(l->w[3])) {
		cp_bad_value(p, "track interface", l->w[3],
			     "a Linux interface name");
		return true;
	}
	snprintf(name, sizeof(name), "%u", num);
	tr = cp_open_named(p, BLK_NONE, (void **)&c->tracks, &c->n_tracks,
			   sizeof(*c->tracks), name);
	if (tr) {
		tr->num = num;
		snprintf(tr->ifname, sizeof(tr->ifname), "%s", l->w[3]);
	}
	p->blk = BLK_NONE;
	return true;
}

static void check_track(struct pctx *p, const struct conf_client *cl,
			uint32_t num)
{
	if (num && !conf_track(p->c, num))
		cp_err_at(p, cl->line, "FlexVPN client %s: no 'track %u "
			  "interface IF line-protocol'", cl->name, num);
}

static void check_client(struct pctx *p, const struct conf_client *cl)
{
	const struct conf_tunnel *t = conf_tunnel(p->c, cl->tunnel);
	unsigned int i;

	if (!cl->n_peers)
		cp_err_at(p, cl->line, "FlexVPN client %s has no peer",
			  cl->name);
	if (!cl->tunnel[0])
		cp_err_at(p, cl->line, "FlexVPN client %s has no 'client "
			  "connect TunnelN'", cl->name);
	else if (!t)
		cp_err_at(p, cl->line, "FlexVPN client %s: no interface %s",
			  cl->name, cl->tunnel);
	else if (!t->dest_dynamic)
		cp_err_at(p, cl->line, "FlexVPN client %s: interface %s needs "
			  "'tunnel destination dynamic'", cl->name, cl->tunnel);
	for (i = 0; i < cl->n_peers; i++)
		check_track(p, cl, cl->peers[i].track);
	for (i = 0; i < cl->n_sources; i++)
		check_track(p, cl, cl->sources[i].track);
	if (cl->connect == CONF_CONNECT_TRACK)
		check_track(p, cl, cl->connect_track);
}

void cp_check_clients(struct pctx *p)
{
	const struct conf *c = p->c;
	unsigned int i, j, n;

	for (i = 0; i < c->n_clients; i++)
		check_client(p, &c->clients[i]);
	/* a dynamic tunnel belongs to one client */
	for (i = 0; i < c->n_tunnels; i++) {
		if (!c->tunnels[i].dest_dynamic)
			continue;
		for (j = 0, n = 0; j < c->n_clients; j++)
			n += !strcmp(c->clients[j].tunnel, c->tunnels[i].name);
		if (n != 1)
			cp_err_at(p, c->tunnels[i].line, "interface %s: 'tunnel "
				  "destination dynamic' needs %s FlexVPN client "
				  "that connects it ('client connect %s')",
				  c->tunnels[i].name, n ? "one" : "a",
				  c->tunnels[i].name);
	}
}
