/* SPDX-License-Identifier: GPL-2.0 */
/* The counters of the nested stats attribute, for people and for JSON. */

#ifndef FLEXSEC_CLI_STATS_H
#define FLEXSEC_CLI_STATS_H

#include <json-c/json.h>

struct nlattr;

int stats_print(const struct nlattr *nest, const char *indent);
struct json_object *stats_json(const struct nlattr *nest);

#endif /* FLEXSEC_CLI_STATS_H */
