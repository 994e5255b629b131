// SPDX-License-Identifier: GPL-2.0
/*
 * The show commands' common helpers: addresses and identities as text,
 * JSON members, and lookups in the daemon's state.
 */

#include <arpa/inet.h>
#include <string.h>

#include "daemon.h"
#include "show_int.h"

uint64_t since(time_t t)
{
	time_t now = time(NULL);

	return t && now > t ? (uint64_t)(now - t) : 0;
}

static size_t ss_bytes(const struct sockaddr_storage *ss, const uint8_t **p)
{
	if (ss && ss->ss_family == AF_INET) {
		*p = (const uint8_t *)&((const struct sockaddr_in *)ss)->sin_addr;
		return 4;
	}
	if (ss && ss->ss_family == AF_INET6) {
		*p = ((const struct sockaddr_in6 *)ss)->sin6_addr.s6_addr;
		return 16;
	}
	*p = NULL;
	return 0;
}

unsigned int ss_port(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)ss)->sin_port);
	if (ss->ss_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
	return 0;
}

const char *ss_addr(const struct sockaddr_storage *ss, char *buf, size_t len)
{
	const uint8_t *p;

	if (!ss_bytes(ss, &p) || !inet_ntop(ss->ss_family, p, buf, len))
		snprintf(buf, len, "none");
	return buf;
}

const char *ss_addr_port(const struct sockaddr_storage *ss, char *buf,
			 size_t len)
{
	char a[ADDR_LEN];

	snprintf(buf, len, "%s/%u", ss_addr(ss, a, sizeof(a)), ss_port(ss));
	return buf;
}

static bool ss_same_host(const struct sockaddr_storage *x,
			 const struct sockaddr_storage *y)
{
	const uint8_t *a, *b;
	size_t n = ss_bytes(x, &a);

	return n && x->ss_family == y->ss_family && ss_bytes(y, &b) == n &&
	       !memcmp(a, b, n);
}

bool peer_ok(const struct sockaddr_storage *filter,
	     const struct sockaddr_storage *peer)
{
	return !filter || ss_same_host(filter, peer);
}

size_t caddr_len(const struct conf_addr *c)
{
	return c->family == AF_INET ? 4 : c->family == AF_INET6 ? 16 : 0;
}

bool caddr_is(const struct conf_addr *c, const struct sockaddr_storage *ss)
{
	const uint8_t *p;
	size_t n = caddr_len(c);

	return n && c->family == ss->ss_family && ss_bytes(ss, &p) == n &&
	       !memcmp(c->a, p, n);
}

const char *caddr_str(const struct conf_addr *c, char *buf, size_t len)
{
	if (!caddr_len(c) || !inet_ntop(c->family, c->a, buf, len))
		snprintf(buf, len, "none");
	return buf;
}

void caddr_from_ss(struct conf_addr *c, const struct sockaddr_storage *ss)
{
	const uint8_t *p;
	size_t n = ss_bytes(ss, &p);

	memset(c, 0, sizeof(*c));
	if (!n)
		return;
	c->family = ss->ss_family;
	memcpy(c->a, p, n);
	c->plen = (uint8_t)(n * 8);
}

const char *id_str(const struct conf_id *id, char *buf, size_t len)
{
	if (id->type == CONF_ID_NONE || !conf_id_str(id, buf, len))
		snprintf(buf, len, "none");
	return buf;
}

void json_out(FILE *out, struct json_object *jo)
{
	fputs(json_object_to_json_string_ext(jo, JSON_C_TO_STRING_PLAIN), out);
	fputc('\n', out);
	json_object_put(jo);
}

void jstr(struct json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, v ? json_object_new_string(v) : NULL);
}

void ju64(struct json_object *o, const char *k, uint64_t v)
{
	json_object_object_add(o, k, json_object_new_uint64(v));
}

void jbool(struct json_object *o, const char *k, bool v)
{
	json_object_object_add(o, k, json_object_new_boolean(v));
}

const struct conf_tunnel *tunnel_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; D.conf && name && i < D.conf->n_tunnels; i++)
		if (!strcmp(D.conf->tunnels[i].name, name))
			return &D.conf->tunnels[i];
	return NULL;
}

bool child_shown(const struct child_sa *ch)
{
	return ch->installed;
}
