// SPDX-License-Identifier: GPL-2.0
/* flexsec link: create and delete flexsec tunnel devices over rtnetlink. */

#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/flexsec.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "cli.h"
#include "fxmsg.h"
#include "nl.h"
#include "nlattrs.h"
#include "output.h"

#define LINK_KIND	FX_LINK_KIND

void link_usage(FILE *f)
{
	fputs("Usage: flexsec link add IFNAME mode { vti | gre } local ADDR remote ADDR\n"
	      "                        [ key KEY | ikey KEY okey KEY ] [ dev UNDERLAY ]\n"
	      "                        [ ttl { 1-255 | inherit } ] [ tos { TOS | inherit } ]\n"
	      "                        [ pmtudisc | nopmtudisc ] [ carrier-sa | nocarrier-sa ]\n"
	      "       flexsec link del IFNAME\n"
	      "ADDR := IPv4 or IPv6 address, the same family for both\n"
	      "KEY := GRE key (mode gre only), a number or a dotted quad (0.0.0.10)\n"
	      "TOS := 00 to ff, hexadecimal as for ip (10 is 0x10)\n"
	      "Defaults: no key, no underlay, ttl 64, tos 0, pmtudisc, nocarrier-sa\n"
	      "(carrier-sa: the carrier is on only while the tunnel has SAs both ways).\n"
	      "The same as \"ip link add IFNAME type flexsec ...\" and \"ip link del IFNAME\".\n",
	      f);
}

struct link_opts {
	const char *name;
	const char *underlay;
	unsigned int link;
	uint32_t mode;
	uint32_t ikey;
	uint32_t okey;
	struct addr local;
	struct addr remote;
	uint8_t ttl;
	uint8_t tos;
	uint8_t pmtudisc;
	uint8_t carrier_sa;
	bool has_mode;
	bool has_local;
	bool has_remote;
	bool has_key;
	bool has_ikey;
	bool has_okey;
	bool has_ttl;
	bool has_tos;
	bool has_pmtudisc;
	bool has_carrier_sa;
};

static const char *const link_words[] = {
	"mode", "local", "remote", "key", "ikey", "okey", "dev", "ttl", "tos",
	"pmtudisc", "nopmtudisc", "carrier-sa", "nocarrier-sa", NULL,
};

static bool is_link_word(const char *w)
{
	const char *const *k;

	for (k = link_words; *k; k++)
		if (!strcmp(w, *k))
			return true;
	return false;
}

/* The first word: the new device's name (or "name IFNAME"). */
static int name_word(struct args *a, const char **name)
{
	struct perr e;
	char *w;

	if (!args_more(a) || is_link_word(a->argv[0]))
		return missing(a, "IFNAME");
	w = args_next(a);
	if (!strcmp(w, "name") && args_value(a, w, &w))
		return ARGS_ERROR;
	if (parse_ifname(w, &e))
		return bad_value(a, "IFNAME", w, &e);
	*name = w;
	return ARGS_OK;
}

/* Runs a parser of one value after kw; perr explains a refusal. */
#define VALUE_WORD(a, kw, has, parse, out)				\
({									\
	struct perr e_;							\
	char *v_ = NULL;						\
	int r_ = ARGS_OK;						\
	if (*(has))							\
		r_ = twice(a, kw);					\
	else if (args_value(a, kw, &v_))				\
		r_ = ARGS_ERROR;					\
	else if (parse(v_, out, &e_))					\
		r_ = bad_value(a, kw, v_, &e_);				\
	else								\
		*(has) = true;						\
	r_;								\
})

static int key_word(struct args *a, struct link_opts *o, const char *w)
{
	uint32_t key = 0;
	int ret;

	if (!strcmp(w, "key")) {
		ret = VALUE_WORD(a, w, &o->has_key, parse_gre_key, &key);
		o->ikey = o->okey = key;
		return ret;
	}
	if (!strcmp(w, "ikey"))
		return VALUE_WORD(a, w, &o->has_ikey, parse_gre_key, &o->ikey);
	if (!strcmp(w, "okey"))
		return VALUE_WORD(a, w, &o->has_okey, parse_gre_key, &o->okey);
	return ARGS_NOT_OPTION;
}

static int pmtu_word(struct args *a, struct link_opts *o, const char *w)
{
	if (o->has_pmtudisc)
		return usage_error(a, "pmtudisc or nopmtudisc given twice");
	o->pmtudisc = !strcmp(w, "pmtudisc");
	o->has_pmtudisc = true;
	return ARGS_OK;
}

static int carrier_word(struct args *a, struct link_opts *o, const char *w)
{
	if (o->has_carrier_sa)
		return usage_error(a, "carrier-sa or nocarrier-sa given twice");
	o->carrier_sa = !strcmp(w, "carrier-sa");
	o->has_carrier_sa = true;
	return ARGS_OK;
}

static int add_word(struct args *a, struct link_opts *o, const char *w)
{
	if (!strcmp(w, "mode"))
		return VALUE_WORD(a, w, &o->has_mode, parse_mode, &o->mode);
	if (!strcmp(w, "local"))
		return VALUE_WORD(a, w, &o->has_local, parse_addr, &o->local);
	if (!strcmp(w, "remote"))
		return VALUE_WORD(a, w, &o->has_remote, parse_addr, &o->remote);
	if (!strcmp(w, "dev"))
		return args_dev(a, w, &o->underlay, &o->link);
	if (!strcmp(w, "ttl"))
		return VALUE_WORD(a, w, &o->has_ttl, parse_ttl, &o->ttl);
	if (!strcmp(w, "tos"))
		return VALUE_WORD(a, w, &o->has_tos, parse_tos, &o->tos);
	if (!strcmp(w, "pmtudisc") || !strcmp(w, "nopmtudisc"))
		return pmtu_word(a, o, w);
	if (!strcmp(w, "carrier-sa") || !strcmp(w, "nocarrier-sa"))
		return carrier_word(a, o, w);
	return key_word(a, o, w);
}

static int check_add(struct args *a, const struct link_opts *o)
{
	if (!o->has_mode)
		return missing(a, "mode vti|gre");
	if (!o->has_local)
		return missing(a, "local ADDR");
	if (!o->has_remote)
		return missing(a, "remote ADDR");
	if (o->local.family != o->remote.family)
		return usage_error(a, "local and remote are not of the same family");
	if (o->has_key && (o->has_ikey || o->has_okey))
		return usage_error(a, "key sets ikey and okey: give one or the others");
	if ((o->has_key || o->has_ikey || o->has_okey) &&
	    o->mode != FLEXSEC_MODE_GRE)
		return usage_error(a, "GRE keys are for mode gre");
	return ARGS_OK;
}

static int add_parse(struct args *a, struct link_opts *o)
{
	const char *w;
	int ret;

	ret = name_word(a, &o->name);
	while (ret == ARGS_OK && args_more(a)) {
		w = args_next(a);
		ret = args_option(a, w);
		if (ret == ARGS_NOT_OPTION)
			ret = add_word(a, o, w);
		if (ret == ARGS_NOT_OPTION)
			ret = unknown_word(a, w);
	}
	return ret == ARGS_OK ? check_add(a, o) : ret;
}

/* RTM_NEWLINK: IFLA_IFNAME, IFLA_LINKINFO { kind, data { flexsec } }. */
static int fill_newlink(struct nl_msg *msg, const struct link_opts *o)
{
	struct fx_link l = {
		.mode = o->mode,
		.local = o->local.bytes,
		.local_len = o->local.len,
		.remote = o->remote.bytes,
		.remote_len = o->remote.len,
		.has_ikey = o->has_key || o->has_ikey,
		.has_okey = o->has_key || o->has_okey,
		.ikey = o->ikey,
		.okey = o->okey,
		.link = o->underlay ? o->link : 0,
		.has_ttl = o->has_ttl,
		.has_tos = o->has_tos,
		.has_pmtudisc = o->has_pmtudisc,
		.ttl = o->ttl,
		.tos = o->tos,
		.pmtudisc = o->pmtudisc,
		.has_carrier_sa = o->has_carrier_sa,
		.carrier_sa = o->carrier_sa,
	};

	if (nla_put_string(msg, IFLA_IFNAME, o->name) ||
	    fx_put_link_info(msg, &l))
		return -EMSGSIZE;
	return 0;
}

/* One rtnetlink request; returns 0 or a negative errno, reported. */
static int rtnl_request(struct nl_sock *sk, struct nl_msg *msg,
			const char *what, nl_reply_fn reply, void *arg)
{
	struct nl_req req = {
		.what = what,
		.attrs = &rtnl_link_attr_set,
		.hdrlen = sizeof(struct ifinfomsg),
		.reply = reply,
		.arg = arg,
	};

	return fx_nl_run(sk, msg, &req);
}

static int link_add(struct args *a)
{
	struct link_opts o = { 0 };
	struct nl_sock *sk;
	struct nl_msg *msg;
	int ret;

	ret = add_parse(a, &o);
	if (ret != ARGS_OK)
		return args_exit(ret);
	if (fx_rtnl_open(&sk))
		return EXIT_FAIL;
	msg = fx_link_msg(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
	ret = msg ? fill_newlink(msg, &o) : -ENOMEM;
	if (ret)
		fx_put_failed(a->cmd);
	else
		ret = rtnl_request(sk, msg, a->cmd, NULL, NULL);
	if (ret == -EOPNOTSUPP && access("/sys/module/flexsec", F_OK))
		fputs("Hint: no link kind " LINK_KIND
		      ": flexsec.ko is not loaded\n", stderr);
	nlmsg_free(msg);
	fx_close(sk);
	return ret ? EXIT_FAIL : 0;
}

struct kind_reply {
	char kind[32];
};

static int kind_reply(struct nl_msg *msg, void *arg)
{
	struct kind_reply *r = arg;
	unsigned int ifindex;

	if (fx_link_parse(msg, &ifindex, r->kind, sizeof(r->kind))) {
		errorf("link del: malformed reply from the kernel");
		return -EBADMSG;
	}
	return 0;
}

static struct nl_msg *link_msg(int type, unsigned int ifindex)
{
	struct nl_msg *msg;

	msg = fx_link_msg(type, 0, ifindex);
	if (!msg)
		errorf("out of memory");
	return msg;
}

/* Refuses to delete what is not a flexsec device (eth0, say). */
static int check_kind(struct nl_sock *sk, const char *what, const char *name,
		      unsigned int ifindex)
{
	struct kind_reply r = { "" };
	struct nl_msg *msg;
	int err;

	msg = link_msg(RTM_GETLINK, ifindex);
	if (!msg)
		return -ENOMEM;
	err = rtnl_request(sk, msg, what, kind_reply, &r);
	nlmsg_free(msg);
	if (err)
		return err;
	if (!strcmp(r.kind, LINK_KIND))
		return 0;
	if (r.kind[0])
		errorf("%s: %s is a %s device, not a %s one", what, name,
		       r.kind, LINK_KIND);
	else
		errorf("%s: %s is not a %s device", what, name, LINK_KIND);
	return -EINVAL;
}

static int del_parse(struct args *a, const char **name, unsigned int *ifindex)
{
	const char *w;
	int ret;

	ret = name_word(a, name);
	while (ret == ARGS_OK && args_more(a)) {
		w = args_next(a);
		ret = args_option(a, w);
		if (ret == ARGS_NOT_OPTION)
			ret = unknown_word(a, w);
	}
	if (ret != ARGS_OK)
		return ret;
	*ifindex = if_nametoindex(*name);
	if (!*ifindex) {
		errorf("%s: %s: no such device", a->cmd, *name);
		return ARGS_FAIL;
	}
	return ARGS_OK;
}

static int link_del(struct args *a)
{
	const char *name = NULL;
	unsigned int ifindex = 0;
	struct nl_sock *sk;
	struct nl_msg *msg;
	int ret;

	ret = del_parse(a, &name, &ifindex);
	if (ret != ARGS_OK)
		return args_exit(ret);
	if (fx_rtnl_open(&sk))
		return EXIT_FAIL;
	ret = check_kind(sk, a->cmd, name, ifindex);
	if (!ret) {
		msg = link_msg(RTM_DELLINK, ifindex);
		ret = msg ? rtnl_request(sk, msg, a->cmd, NULL, NULL) : -ENOMEM;
		nlmsg_free(msg);
	}
	fx_close(sk);
	return ret ? EXIT_FAIL : 0;
}

int link_main(struct args *a)
{
	static const struct verb verbs[] = {
		{ "add", link_add, NULL },
		{ "del", link_del, NULL },
		{ "delete", link_del, NULL },
		{ NULL, NULL, NULL },
	};

	return verb_run(a, verbs, NULL);
}
