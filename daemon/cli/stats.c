// SPDX-License-Identifier: GPL-2.0
/* The counters of the nested stats attribute, for people and for JSON. */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "nlattrs.h"
#include "output.h"
#include "stats.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Drop counters shown on one line before the next one starts. */
#define DROPS_PER_LINE	4

struct counter {
	int attr;
	const char *key;	/* JSON */
	const char *label;	/* people, after "rx drops:" or "tx drops:" */
};

static const struct counter rx_drops[] = {
	{ FLEXSEC_A_STATS_RX_REPLAY, "rx_replay", "replay" },
	{ FLEXSEC_A_STATS_RX_TOO_OLD, "rx_too_old", "too-old" },
	{ FLEXSEC_A_STATS_RX_AUTH_FAILED, "rx_auth_failed", "auth-failed" },
	{ FLEXSEC_A_STATS_RX_BAD_PADDING, "rx_bad_padding", "bad-padding" },
	{ FLEXSEC_A_STATS_RX_TRUNCATED, "rx_truncated", "truncated" },
	{ FLEXSEC_A_STATS_RX_GRE_KEY, "rx_gre_key", "gre-key" },
	{ FLEXSEC_A_STATS_RX_INNER_PROTO, "rx_inner_proto", "inner-proto" },
	{ FLEXSEC_A_STATS_RX_EXPIRED, "rx_expired", "expired" },
	{ FLEXSEC_A_STATS_RX_ERRORS, "rx_errors", "errors" },
	{ FLEXSEC_A_STATS_RX_ENCAP, "rx_encap", "encap-mismatch" },
};

static const struct counter tx_drops[] = {
	{ FLEXSEC_A_STATS_TX_NO_SA, "tx_no_sa", "no-sa" },
	{ FLEXSEC_A_STATS_TX_SEQ_OVERFLOW, "tx_seq_overflow", "seq-overflow" },
	{ FLEXSEC_A_STATS_TX_EXPIRED, "tx_expired", "expired" },
	{ FLEXSEC_A_STATS_TX_ERRORS, "tx_errors", "errors" },
};

static const struct counter traffic[] = {
	{ FLEXSEC_A_STATS_RX_PACKETS, "rx_packets", "packets" },
	{ FLEXSEC_A_STATS_RX_BYTES, "rx_bytes", "bytes" },
	{ FLEXSEC_A_STATS_TX_PACKETS, "tx_packets", "packets" },
	{ FLEXSEC_A_STATS_TX_BYTES, "tx_bytes", "bytes" },
};

/* A counter's value, or "-" when the kernel did not report it. */
static const char *value(struct nlattr **tb, int attr, char *buf, size_t size)
{
	if (!tb[attr])
		return "-";
	snprintf(buf, size, "%" PRIu64, nla_get_u64(tb[attr]));
	return buf;
}

static void print_drops(struct nlattr **tb, const char *indent,
			const char *title, const struct counter *c, size_t n)
{
	int width = (int)strlen(title);
	char buf[24];
	size_t i;

	printf("%s%s", indent, title);
	for (i = 0; i < n; i++) {
		if (i && i % DROPS_PER_LINE == 0)
			printf(",\n%s%*s", indent, width, "");
		else if (i)
			putchar(',');
		printf(" %s %s", c[i].label, value(tb, c[i].attr, buf,
						    sizeof(buf)));
	}
	putchar('\n');
}

static void print_traffic(struct nlattr **tb, const char *indent,
			  const char *title, int packets, int bytes)
{
	char p[24], b[24];

	printf("%s%s %s packets, %s bytes\n", indent, title,
	       value(tb, packets, p, sizeof(p)),
	       value(tb, bytes, b, sizeof(b)));
}

/* Every counter, by name; nothing when there is no stats nest. */
int stats_print(const struct nlattr *nest, const char *indent)
{
	struct nlattr *tb[FLEXSEC_A_STATS_MAX + 1];

	if (!nest)
		return 0;
	if (parse_nest(tb, FLEXSEC_A_STATS_MAX, nest, stats_policy)) {
		errorf("malformed stats from the kernel");
		return -EBADMSG;
	}
	print_traffic(tb, indent, "rx:", FLEXSEC_A_STATS_RX_PACKETS,
		      FLEXSEC_A_STATS_RX_BYTES);
	print_traffic(tb, indent, "tx:", FLEXSEC_A_STATS_TX_PACKETS,
		      FLEXSEC_A_STATS_TX_BYTES);
	print_drops(tb, indent, "rx drops:", rx_drops, ARRAY_SIZE(rx_drops));
	print_drops(tb, indent, "tx drops:", tx_drops, ARRAY_SIZE(tx_drops));
	return 0;
}

static void add_counters(struct json_object *jo, struct nlattr **tb,
			 const struct counter *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		jadd_attr_u64(jo, c[i].key, tb[c[i].attr]);
}

/* An object with every counter (null when not reported), or NULL. */
struct json_object *stats_json(const struct nlattr *nest)
{
	struct nlattr *tb[FLEXSEC_A_STATS_MAX + 1];
	struct json_object *jo;

	if (!nest || parse_nest(tb, FLEXSEC_A_STATS_MAX, nest, stats_policy))
		return NULL;
	jo = json_object_new_object();
	add_counters(jo, tb, traffic, ARRAY_SIZE(traffic));
	add_counters(jo, tb, rx_drops, ARRAY_SIZE(rx_drops));
	add_counters(jo, tb, tx_drops, ARRAY_SIZE(tx_drops));
	return jo;
}
