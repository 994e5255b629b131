// SPDX-License-Identifier: GPL-2.0
/* flexsec sa show: security associations for people and for JSON. */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <linux/flexsec.h>
#include <netlink/genl/genl.h>

#include "nlattrs.h"
#include "output.h"
#include "sa.h"
#include "stats.h"

#define INDENT	"    "

/* The JSON keys of the lifetime limits. */
static const struct {
	int attr;
	const char *key;
} limit_keys[] = {
	{ FLEXSEC_A_LIFETIME_SOFT_BYTES, "soft_bytes" },
	{ FLEXSEC_A_LIFETIME_HARD_BYTES, "hard_bytes" },
	{ FLEXSEC_A_LIFETIME_SOFT_PACKETS, "soft_packets" },
	{ FLEXSEC_A_LIFETIME_HARD_PACKETS, "hard_packets" },
	{ FLEXSEC_A_LIFETIME_SOFT_SECONDS, "soft_seconds" },
	{ FLEXSEC_A_LIFETIME_HARD_SECONDS, "hard_seconds" },
};

#define N_LIMIT_KEYS	(sizeof(limit_keys) / sizeof(limit_keys[0]))

struct show_ctx {
	const struct sa_sel *sel;
	struct json_object *list;
	unsigned int shown;
};

static bool sel_match(const struct sa_sel *s, struct nlattr **tb)
{
	if (s->dev && (!tb[FLEXSEC_A_SA_IFINDEX] ||
		       nla_get_u32(tb[FLEXSEC_A_SA_IFINDEX]) != s->ifindex))
		return false;
	if (s->has_dir && (!tb[FLEXSEC_A_SA_DIR] ||
			   nla_get_u32(tb[FLEXSEC_A_SA_DIR]) != s->dir))
		return false;
	if (s->has_spi && (!tb[FLEXSEC_A_SA_SPI] ||
			   nla_get_u32(tb[FLEXSEC_A_SA_SPI]) != s->spi))
		return false;
	return true;
}

static uint32_t get_u32(struct nlattr **tb, int attr)
{
	return tb[attr] ? nla_get_u32(tb[attr]) : 0;
}

static void print_head(struct nlattr **tb)
{
	char dev[IFNAME_BUF], spi[SPI_BUF], dir[16];
	uint32_t d = get_u32(tb, FLEXSEC_A_SA_DIR);

	printf("dev %s dir %s spi %s id %u",
	       fmt_ifname(tb[FLEXSEC_A_SA_IFNAME],
			  get_u32(tb, FLEXSEC_A_SA_IFINDEX), dev, sizeof(dev)),
	       tb[FLEXSEC_A_SA_DIR] ?
	       fmt_enum(dir_name(d), tb[FLEXSEC_A_SA_DIR], dir, sizeof(dir)) :
	       "?",
	       fmt_spi(get_u32(tb, FLEXSEC_A_SA_SPI), spi, sizeof(spi)),
	       get_u32(tb, FLEXSEC_A_SA_ID));
	if (d == FLEXSEC_DIR_OUT)
		fputs(tb[FLEXSEC_A_SA_ACTIVE] ? " active" : " standby", stdout);
	putchar('\n');
	if (tb[FLEXSEC_A_SA_LOCAL] || tb[FLEXSEC_A_SA_REMOTE]) {
		char l[ADDR_BUF], r[ADDR_BUF];

		printf(INDENT "local %s remote %s\n",
		       fmt_addr(tb[FLEXSEC_A_SA_LOCAL], l, sizeof(l)),
		       fmt_addr(tb[FLEXSEC_A_SA_REMOTE], r, sizeof(r)));
	}
}

static void print_algs(struct nlattr **tb)
{
	uint32_t auth = get_u32(tb, FLEXSEC_A_SA_AUTH_ALG);
	char buf[16];

	const char *enc;

	enc = fmt_enum(enc_alg_fullname(get_u32(tb, FLEXSEC_A_SA_ENC_ALG),
					get_u32(tb, FLEXSEC_A_SA_ENC_KEY_LEN)),
		       tb[FLEXSEC_A_SA_ENC_ALG], buf, sizeof(buf));
	printf(INDENT "enc %s", enc ? enc : "?");
	if (tb[FLEXSEC_A_SA_AUTH_ALG] && auth_alg_name(auth))
		printf(" auth %s (%u-bit ICV)", auth_alg_name(auth),
		       auth_alg_icv_bits(auth));
	else if (tb[FLEXSEC_A_SA_AUTH_ALG])
		printf(" auth %u", auth);
	putchar('\n');
}

static void print_state(struct nlattr **tb)
{
	char age[DUR_BUF];

	fputs(INDENT, stdout);
	if (get_u32(tb, FLEXSEC_A_SA_DIR) == FLEXSEC_DIR_IN &&
	    tb[FLEXSEC_A_SA_REPLAY_WINDOW])
		printf("replay-window %u ",
		       nla_get_u32(tb[FLEXSEC_A_SA_REPLAY_WINDOW]));
	printf("esn %s", tb[FLEXSEC_A_SA_ESN] ? "on" : "off");
	if (tb[FLEXSEC_A_SA_SEQ])
		printf(" seq %" PRIu64, nla_get_u64(tb[FLEXSEC_A_SA_SEQ]));
	if (tb[FLEXSEC_A_SA_AGE])
		printf(" age %s",
		       fmt_duration(nla_get_u64(tb[FLEXSEC_A_SA_AGE]), age,
				    sizeof(age)));
	putchar('\n');
}

/* "900000000 bytes, 3600 s (57m00s left)" or "none". */
static void print_limits(const char *title, struct nlattr **lt, int bytes,
			 int packets, int seconds, struct nlattr *age)
{
	uint64_t b = lt[bytes] ? nla_get_u64(lt[bytes]) : 0;
	uint64_t p = lt[packets] ? nla_get_u64(lt[packets]) : 0;
	uint64_t s = lt[seconds] ? nla_get_u64(lt[seconds]) : 0;
	uint64_t now = age ? nla_get_u64(age) : 0;
	const char *sep = "";
	char left[DUR_BUF];

	printf(INDENT "lifetime %s:", title);
	if (!b && !p && !s)
		fputs(" none", stdout);
	if (b) {
		printf(" %" PRIu64 " bytes", b);
		sep = ",";
	}
	if (p) {
		printf("%s %" PRIu64 " packets", sep, p);
		sep = ",";
	}
	if (s) {
		printf("%s %" PRIu64 " s", sep, s);
		if (age && now < s)
			printf(" (%s left)", fmt_duration(s - now, left,
							 sizeof(left)));
		else if (age)
			fputs(" (reached)", stdout);
	}
	putchar('\n');
}

static bool any_limit(struct nlattr **lt)
{
	int i;

	for (i = FLEXSEC_A_LIFETIME_SOFT_BYTES; i <= FLEXSEC_A_LIFETIME_MAX;
	     i++)
		if (lt[i] && nla_get_u64(lt[i]))
			return true;
	return false;
}

static int print_lifetime(struct nlattr **tb)
{
	struct nlattr *lt[FLEXSEC_A_LIFETIME_MAX + 1];

	if (parse_nest(lt, FLEXSEC_A_LIFETIME_MAX, tb[FLEXSEC_A_SA_LIFETIME],
		       lifetime_policy)) {
		errorf("sa show: malformed lifetime from the kernel");
		return -EBADMSG;
	}
	if (!any_limit(lt)) {
		puts(INDENT "lifetime: no limits");
		return 0;
	}
	print_limits("soft", lt, FLEXSEC_A_LIFETIME_SOFT_BYTES,
		     FLEXSEC_A_LIFETIME_SOFT_PACKETS,
		     FLEXSEC_A_LIFETIME_SOFT_SECONDS, tb[FLEXSEC_A_SA_AGE]);
	print_limits("hard", lt, FLEXSEC_A_LIFETIME_HARD_BYTES,
		     FLEXSEC_A_LIFETIME_HARD_PACKETS,
		     FLEXSEC_A_LIFETIME_HARD_SECONDS, tb[FLEXSEC_A_SA_AGE]);
	return 0;
}

/* ESP in UDP (RFC 3948): our port and the peer's. */
static void print_encap(struct nlattr **tb)
{
	if (!tb[FLEXSEC_A_SA_ENCAP_LOCAL_PORT] || !tb[FLEXSEC_A_SA_ENCAP_REMOTE_PORT])
		return;
	printf(INDENT "encap udp sport %u dport %u\n",
	       nla_get_u16(tb[FLEXSEC_A_SA_ENCAP_LOCAL_PORT]),
	       nla_get_u16(tb[FLEXSEC_A_SA_ENCAP_REMOTE_PORT]));
}

static int sa_print(struct nlattr **tb)
{
	print_head(tb);
	print_algs(tb);
	print_encap(tb);
	print_state(tb);
	if (print_lifetime(tb))
		return -EBADMSG;
	return stats_print(tb[FLEXSEC_A_SA_STATS], INDENT);
}

static struct json_object *lifetime_json(struct nlattr **tb)
{
	struct nlattr *lt[FLEXSEC_A_LIFETIME_MAX + 1];
	struct json_object *jo;
	size_t i;
	int attr;

	if (parse_nest(lt, FLEXSEC_A_LIFETIME_MAX, tb[FLEXSEC_A_SA_LIFETIME],
		       lifetime_policy))
		return NULL;
	jo = json_object_new_object();
	for (i = 0; i < N_LIMIT_KEYS; i++) {
		attr = limit_keys[i].attr;
		jadd_u64(jo, limit_keys[i].key,
			 lt[attr] ? nla_get_u64(lt[attr]) : 0);
	}
	return jo;
}

static void jadd_enum(struct json_object *jo, const char *key,
		      const char *name, struct nlattr *nla)
{
	char buf[16];

	jadd_str(jo, key, fmt_enum(name, nla, buf, sizeof(buf)));
}

static struct json_object *sa_json(struct nlattr **tb)
{
	struct json_object *jo = json_object_new_object();
	char dev[IFNAME_BUF];

	jadd_attr_u32(jo, "id", tb[FLEXSEC_A_SA_ID]);
	jadd_str(jo, "dev", fmt_ifname(tb[FLEXSEC_A_SA_IFNAME],
				       get_u32(tb, FLEXSEC_A_SA_IFINDEX), dev,
				       sizeof(dev)));
	jadd_attr_u32(jo, "ifindex", tb[FLEXSEC_A_SA_IFINDEX]);
	jadd_enum(jo, "dir", dir_name(get_u32(tb, FLEXSEC_A_SA_DIR)),
		  tb[FLEXSEC_A_SA_DIR]);
	jadd_attr_u32(jo, "spi", tb[FLEXSEC_A_SA_SPI]);
	jadd_attr_addr(jo, "local", tb[FLEXSEC_A_SA_LOCAL]);
	jadd_attr_addr(jo, "remote", tb[FLEXSEC_A_SA_REMOTE]);
	jadd_enum(jo, "enc_alg",
		  enc_alg_fullname(get_u32(tb, FLEXSEC_A_SA_ENC_ALG),
				   get_u32(tb, FLEXSEC_A_SA_ENC_KEY_LEN)),
		  tb[FLEXSEC_A_SA_ENC_ALG]);
	jadd_enum(jo, "auth_alg",
		  auth_alg_name(get_u32(tb, FLEXSEC_A_SA_AUTH_ALG)),
		  tb[FLEXSEC_A_SA_AUTH_ALG]);
	jadd_attr_u32(jo, "replay_window", tb[FLEXSEC_A_SA_REPLAY_WINDOW]);
	jadd_bool(jo, "esn", tb[FLEXSEC_A_SA_ESN] != NULL);
	if (tb[FLEXSEC_A_SA_ENCAP_LOCAL_PORT] && tb[FLEXSEC_A_SA_ENCAP_REMOTE_PORT]) {
		jadd_u64(jo, "encap_sport",
			 nla_get_u16(tb[FLEXSEC_A_SA_ENCAP_LOCAL_PORT]));
		jadd_u64(jo, "encap_dport",
			 nla_get_u16(tb[FLEXSEC_A_SA_ENCAP_REMOTE_PORT]));
	}
	jadd_attr_u64(jo, "seq", tb[FLEXSEC_A_SA_SEQ]);
	jadd_attr_u64(jo, "age", tb[FLEXSEC_A_SA_AGE]);
	jadd_bool(jo, "active", tb[FLEXSEC_A_SA_ACTIVE] != NULL);
	json_object_object_add(jo, "lifetime", lifetime_json(tb));
	json_object_object_add(jo, "stats", stats_json(tb[FLEXSEC_A_SA_STATS]));
	return jo;
}

static int show_reply(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[FLEXSEC_A_SA_MAX + 1];
	struct show_ctx *c = arg;

	if (fx_genl_parse(msg, tb, FLEXSEC_A_SA_MAX, sa_policy, "sa show"))
		return -EBADMSG;
	if (!sel_match(c->sel, tb))
		return 0;
	if (out_json) {
		json_object_array_add(c->list, sa_json(tb));
		return 0;
	}
	if (c->shown++)
		putchar('\n');
	return sa_print(tb);
}

int sa_show(struct args *a)
{
	struct sa_sel s = { 0 }, req;
	struct show_ctx c = { .sel = &s };
	bool one;
	int ret;

	ret = sel_parse(a, &s, SEL_DEV | SEL_DIR | SEL_SPI);
	if (ret != ARGS_OK)
		return args_exit(ret);
	/* All three name one SA; otherwise dump, dev in the request. */
	one = s.dev && s.has_dir && s.has_spi;
	req = one ? s : (struct sa_sel){ .dev = s.dev, .ifindex = s.ifindex };
	if (out_json)
		c.list = json_object_new_array();
	ret = sa_request(a, FLEXSEC_CMD_SA_GET, one ? 0 : NLM_F_DUMP,
			 fill_sel, &req, show_reply, &c);
	if (!ret && out_json)
		json_print(c.list);
	json_object_put(c.list);
	return ret;
}

