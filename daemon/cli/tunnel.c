// SPDX-License-Identifier: GPL-2.0
/* flexsec tunnel show: the flexsec tunnels, their SAs and counters. */

#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include <linux/flexsec.h>
#include <netlink/genl/genl.h>

#include "cli.h"
#include "nl.h"
#include "nlattrs.h"
#include "output.h"
#include "stats.h"

#define INDENT	"    "

void tunnel_usage(FILE *f)
{
	fputs("Usage: flexsec [ -j ] tunnel show [ dev IFNAME ]\n", f);
}

struct show_ctx {
	unsigned int ifindex;	/* 0 for every tunnel */
	struct json_object *list;
	unsigned int shown;
};

static uint32_t get_u32(struct nlattr **tb, int attr)
{
	return tb[attr] ? nla_get_u32(tb[attr]) : 0;
}

static const char *tunnel_dev(struct nlattr **tb, char *buf, size_t size)
{
	return fmt_ifname(tb[FLEXSEC_A_TUNNEL_IFNAME],
			  get_u32(tb, FLEXSEC_A_TUNNEL_IFINDEX), buf, size);
}

/* The underlay device's name, when it has one in this namespace. */
static const char *link_name(struct nlattr **tb, char *buf)
{
	uint32_t link = get_u32(tb, FLEXSEC_A_TUNNEL_LINK);

	if (!link || !if_indextoname(link, buf))
		return NULL;
	return buf;
}

static void print_head(struct nlattr **tb)
{
	char name[IFNAME_BUF], l[ADDR_BUF], r[ADDR_BUF], ul[IF_NAMESIZE];
	char m[16];
	uint32_t mode = get_u32(tb, FLEXSEC_A_TUNNEL_MODE);

	printf("%s: ifindex %u", tunnel_dev(tb, name, sizeof(name)),
	       get_u32(tb, FLEXSEC_A_TUNNEL_IFINDEX));
	if (tb[FLEXSEC_A_TUNNEL_MODE])
		printf(" mode %s", fmt_enum(mode_name(mode),
					    tb[FLEXSEC_A_TUNNEL_MODE], m,
					    sizeof(m)));
	if (tb[FLEXSEC_A_TUNNEL_LOCAL])
		printf(" local %s", fmt_addr(tb[FLEXSEC_A_TUNNEL_LOCAL], l,
					     sizeof(l)));
	if (tb[FLEXSEC_A_TUNNEL_REMOTE])
		printf(" remote %s", fmt_addr(tb[FLEXSEC_A_TUNNEL_REMOTE], r,
					      sizeof(r)));
	if (link_name(tb, ul))
		printf(" dev %s", ul);
	else if (get_u32(tb, FLEXSEC_A_TUNNEL_LINK))
		printf(" dev ifindex %u", get_u32(tb, FLEXSEC_A_TUNNEL_LINK));
	if (tb[FLEXSEC_A_TUNNEL_IKEY])
		printf(" ikey %u", nla_get_u32(tb[FLEXSEC_A_TUNNEL_IKEY]));
	if (tb[FLEXSEC_A_TUNNEL_OKEY])
		printf(" okey %u", nla_get_u32(tb[FLEXSEC_A_TUNNEL_OKEY]));
	putchar('\n');
}

static int tunnel_print(struct nlattr **tb)
{
	char spi[SPI_BUF];

	print_head(tb);
	printf(INDENT "sas %u, ", get_u32(tb, FLEXSEC_A_TUNNEL_SA_COUNT));
	if (tb[FLEXSEC_A_TUNNEL_OUT_SPI])
		printf("sending on spi %s\n",
		       fmt_spi(nla_get_u32(tb[FLEXSEC_A_TUNNEL_OUT_SPI]), spi,
			       sizeof(spi)));
	else
		puts("no active outbound SA");
	return stats_print(tb[FLEXSEC_A_TUNNEL_STATS], INDENT);
}

static struct json_object *tunnel_json(struct nlattr **tb)
{
	struct json_object *jo = json_object_new_object();
	uint32_t mode = get_u32(tb, FLEXSEC_A_TUNNEL_MODE);
	char name[IFNAME_BUF], ul[IF_NAMESIZE], buf[16];

	jadd_str(jo, "dev", tunnel_dev(tb, name, sizeof(name)));
	jadd_attr_u32(jo, "ifindex", tb[FLEXSEC_A_TUNNEL_IFINDEX]);
	jadd_str(jo, "mode", fmt_enum(mode_name(mode),
				      tb[FLEXSEC_A_TUNNEL_MODE], buf,
				      sizeof(buf)));
	jadd_attr_addr(jo, "local", tb[FLEXSEC_A_TUNNEL_LOCAL]);
	jadd_attr_addr(jo, "remote", tb[FLEXSEC_A_TUNNEL_REMOTE]);
	jadd_attr_u32(jo, "ikey", tb[FLEXSEC_A_TUNNEL_IKEY]);
	jadd_attr_u32(jo, "okey", tb[FLEXSEC_A_TUNNEL_OKEY]);
	jadd_attr_u32(jo, "link", tb[FLEXSEC_A_TUNNEL_LINK]);
	jadd_str(jo, "link_dev", link_name(tb, ul));
	jadd_attr_u32(jo, "sa_count", tb[FLEXSEC_A_TUNNEL_SA_COUNT]);
	jadd_attr_u32(jo, "out_spi", tb[FLEXSEC_A_TUNNEL_OUT_SPI]);
	json_object_object_add(jo, "stats",
			       stats_json(tb[FLEXSEC_A_TUNNEL_STATS]));
	return jo;
}

static int show_reply(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[FLEXSEC_A_TUNNEL_MAX + 1];
	struct show_ctx *c = arg;

	if (fx_genl_parse(msg, tb, FLEXSEC_A_TUNNEL_MAX, tunnel_policy,
			  "tunnel show"))
		return -EBADMSG;
	if (c->ifindex && get_u32(tb, FLEXSEC_A_TUNNEL_IFINDEX) != c->ifindex)
		return 0;
	if (out_json) {
		json_object_array_add(c->list, tunnel_json(tb));
		return 0;
	}
	if (c->shown++)
		putchar('\n');
	return tunnel_print(tb);
}

static int show_parse(struct args *a, const char **dev, unsigned int *ifindex)
{
	const char *w;
	int ret;

	while (args_more(a)) {
		w = args_next(a);
		ret = args_option(a, w);
		if (ret == ARGS_NOT_OPTION && !strcmp(w, "dev"))
			ret = args_dev(a, w, dev, ifindex);
		if (ret == ARGS_NOT_OPTION)
			return unknown_word(a, w);
		if (ret != ARGS_OK)
			return ret;
	}
	return ARGS_OK;
}

static int tunnel_show(struct args *a)
{
	struct show_ctx c = { 0 };
	struct nl_req req = {
		.what = a->cmd,
		.attrs = &tunnel_attr_set,
		.hdrlen = GENL_HDRLEN,
		.reply = show_reply,
		.arg = &c,
	};
	const char *dev = NULL;
	struct nl_sock *sk;
	struct nl_msg *msg;
	int family, ret;

	ret = show_parse(a, &dev, &c.ifindex);
	if (ret != ARGS_OK)
		return args_exit(ret);
	if (fx_genl_open(&sk, &family))
		return EXIT_FAIL;
	msg = fx_genl_msg(family, FLEXSEC_CMD_TUNNEL_GET, NLM_F_DUMP);
	ret = msg ? 0 : -ENOMEM;
	if (!ret && c.ifindex &&
	    nla_put_u32(msg, FLEXSEC_A_TUNNEL_IFINDEX, c.ifindex))
		ret = fx_put_failed(a->cmd);
	if (out_json)
		c.list = json_object_new_array();
	if (!ret)
		ret = fx_nl_run(sk, msg, &req);
	if (!ret && out_json)
		json_print(c.list);
	json_object_put(c.list);
	fx_msg_free(msg);
	fx_close(sk);
	return ret ? EXIT_FAIL : 0;
}

int tunnel_main(struct args *a)
{
	static const struct verb verbs[] = {
		{ "show", tunnel_show, NULL },
		{ "list", tunnel_show, NULL },
		{ NULL, NULL, NULL },
	};

	return verb_run(a, verbs, "show");
}
