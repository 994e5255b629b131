// SPDX-License-Identifier: GPL-2.0
/* Output: error messages, JSON documents and value formatting. */

#include <arpa/inet.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <netlink/attr.h>

#include "output.h"

bool out_json;
bool out_pretty;

void errorf(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("flexsec: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void json_print(struct json_object *jo)
{
	int flags = out_pretty ? JSON_C_TO_STRING_PRETTY |
				 JSON_C_TO_STRING_SPACED :
				 JSON_C_TO_STRING_PLAIN;

	puts(json_object_to_json_string_ext(jo, flags));
	fflush(stdout);
}

void jadd_u64(struct json_object *jo, const char *key, uint64_t v)
{
	json_object_object_add(jo, key, json_object_new_uint64(v));
}

void jadd_str(struct json_object *jo, const char *key, const char *s)
{
	json_object_object_add(jo, key, s ? json_object_new_string(s) : NULL);
}

void jadd_bool(struct json_object *jo, const char *key, bool v)
{
	json_object_object_add(jo, key, json_object_new_boolean(v));
}

void jadd_null(struct json_object *jo, const char *key)
{
	json_object_object_add(jo, key, NULL);
}

void jadd_attr_u32(struct json_object *jo, const char *key,
		   const struct nlattr *nla)
{
	if (nla)
		jadd_u64(jo, key, nla_get_u32(nla));
	else
		jadd_null(jo, key);
}

void jadd_attr_u64(struct json_object *jo, const char *key,
		   const struct nlattr *nla)
{
	if (nla)
		jadd_u64(jo, key, nla_get_u64(nla));
	else
		jadd_null(jo, key);
}

void jadd_attr_addr(struct json_object *jo, const char *key,
		    const struct nlattr *nla)
{
	char buf[ADDR_BUF];

	jadd_str(jo, key, nla ? fmt_addr(nla, buf, sizeof(buf)) : NULL);
}

/* An outer address: 4 or 16 bytes in network order. */
const char *fmt_addr(const struct nlattr *nla, char *buf, size_t size)
{
	int len = nla ? nla_len(nla) : 0;
	int af = len == 4 ? AF_INET : len == 16 ? AF_INET6 : 0;

	if (!af || !inet_ntop(af, nla_data(nla), buf, size))
		snprintf(buf, size, "?");
	return buf;
}

/* 42s, 3m07s, 1h02m03s, 2d03h04m05s. */
const char *fmt_duration(uint64_t secs, char *buf, size_t size)
{
	unsigned long long d = secs / 86400, h = secs / 3600 % 24;
	unsigned long long m = secs / 60 % 60, s = secs % 60;

	if (d)
		snprintf(buf, size, "%llud%02lluh%02llum%02llus", d, h, m, s);
	else if (h)
		snprintf(buf, size, "%lluh%02llum%02llus", h, m, s);
	else if (m)
		snprintf(buf, size, "%llum%02llus", m, s);
	else
		snprintf(buf, size, "%llus", s);
	return buf;
}

const char *fmt_spi(uint32_t spi, char *buf, size_t size)
{
	snprintf(buf, size, "0x%08x", spi);
	return buf;
}

/*
 * An enum attribute: its name, its number when this program does not know
 * the value, NULL when absent.
 */
const char *fmt_enum(const char *name, const struct nlattr *nla, char *buf,
		     size_t size)
{
	if (!nla)
		return NULL;
	if (name)
		return name;
	snprintf(buf, size, "%u", nla_get_u32(nla));
	return buf;
}

/* A device's name: the kernel's, else this namespace's, else ifN. */
const char *fmt_ifname(const struct nlattr *name, uint32_t ifindex,
		       char *buf, size_t size)
{
	char tmp[IF_NAMESIZE];

	if (name && nla_len(name) > 0)
		nla_strlcpy(buf, name, size);
	else if (ifindex && if_indextoname(ifindex, tmp))
		snprintf(buf, size, "%s", tmp);
	else
		snprintf(buf, size, "if%u", ifindex);
	return buf;
}
