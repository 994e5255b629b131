/* SPDX-License-Identifier: GPL-2.0 */
/* Output: error messages, JSON documents and value formatting. */

#ifndef FLEXSEC_CLI_OUTPUT_H
#define FLEXSEC_CLI_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

struct nlattr;

/* Global options: -j (JSON) and -p (pretty JSON). */
extern bool out_json;
extern bool out_pretty;

void errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints a JSON document on one line (or pretty), then flushes. */
void json_print(struct json_object *jo);

void jadd_u64(struct json_object *jo, const char *key, uint64_t v);
void jadd_str(struct json_object *jo, const char *key, const char *s);
void jadd_bool(struct json_object *jo, const char *key, bool v);
void jadd_null(struct json_object *jo, const char *key);
/* Attribute values, or null when the attribute is absent. */
void jadd_attr_u32(struct json_object *jo, const char *key,
		   const struct nlattr *nla);
void jadd_attr_u64(struct json_object *jo, const char *key,
		   const struct nlattr *nla);
void jadd_attr_addr(struct json_object *jo, const char *key,
		    const struct nlattr *nla);

/* Buffer sizes large enough for the formatters below. */
#define ADDR_BUF	64
#define DUR_BUF		32
#define SPI_BUF		16
#define IFNAME_BUF	24

const char *fmt_addr(const struct nlattr *nla, char *buf, size_t size);
const char *fmt_duration(uint64_t secs, char *buf, size_t size);
const char *fmt_spi(uint32_t spi, char *buf, size_t size);
const char *fmt_enum(const char *name, const struct nlattr *nla, char *buf,
		     size_t size);
const char *fmt_ifname(const struct nlattr *name, uint32_t ifindex,
		       char *buf, size_t size);

#endif /* FLEXSEC_CLI_OUTPUT_H */
