// SPDX-License-Identifier: GPL-2.0
/* flexsec sa: add, del, flush and activate security associations. */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>

#include <linux/flexsec.h>
#include <netlink/genl/genl.h>

#include "cli.h"
#include "fxmsg.h"
#include "nl.h"
#include "nlattrs.h"
#include "output.h"
#include "sa.h"

void sa_usage(FILE *f)
{
	fputs("Usage: flexsec sa add dev IFNAME dir { in | out } spi SPI enc ALG key HEX\n"
	      "                      [ auth AUTH auth-key HEX ] [ replay-window N ] [ esn ]\n"
	      "                      [ seq N ] [ standby ] [ LIMIT N ]...\n"
	      "       flexsec sa del dev IFNAME dir { in | out } spi SPI\n"
	      "       flexsec sa flush dev IFNAME [ dir { in | out } ]\n"
	      "       flexsec sa activate dev IFNAME spi SPI\n"
	      "       flexsec [ -j ] sa show [ dev IFNAME ] [ dir { in | out } ] [ spi SPI ]\n"
	      "SPI := 256 to 4294967295, decimal or 0x hexadecimal\n"
	      "ALG := aes-gcm-128 (key 20 bytes) | aes-gcm-256 (36) | chacha20-poly1305 (36)\n"
	      "       (the AEAD keys end with a 4-byte salt)\n"
	      "     | aes-cbc-128 (16) | aes-cbc-192 (24) | aes-cbc-256 (32), with auth\n"
	      "AUTH := hmac-sha1 (key 20 bytes) | hmac-sha256 (32) | hmac-sha384 (48)\n"
	      "      | hmac-sha512 (64)\n"
	      "HEX := the key in hexadecimal, 0x optional\n"
	      "LIMIT := { soft | hard }-{ bytes | packets | seconds }\n"
	      "Defaults: replay-window 64, no esn, seq 0, no limits; an outbound SA\n"
	      "is sent on at once unless it is added standby.\n",
	      f);
}

struct sa_add {
	struct sa_sel sel;
	const struct enc_alg_info *enc;
	const struct auth_alg_info *auth;
	uint8_t enc_key[FLEXSEC_ENC_KEY_MAX];
	uint8_t auth_key[FLEXSEC_AUTH_KEY_MAX];
	size_t enc_key_len;
	size_t auth_key_len;
	bool has_enc_key;
	bool has_auth_key;
	bool has_replay;
	bool has_seq;
	bool esn;
	bool standby;
	uint32_t replay_window;
	uint64_t seq;
	uint64_t limit[FLEXSEC_A_LIFETIME_MAX + 1];
	bool has_limit[FLEXSEC_A_LIFETIME_MAX + 1];
};

static const struct {
	const char *word;
	int attr;
} limits[] = {
	{ "soft-bytes", FLEXSEC_A_LIFETIME_SOFT_BYTES },
	{ "hard-bytes", FLEXSEC_A_LIFETIME_HARD_BYTES },
	{ "soft-packets", FLEXSEC_A_LIFETIME_SOFT_PACKETS },
	{ "hard-packets", FLEXSEC_A_LIFETIME_HARD_PACKETS },
	{ "soft-seconds", FLEXSEC_A_LIFETIME_SOFT_SECONDS },
	{ "hard-seconds", FLEXSEC_A_LIFETIME_HARD_SECONDS },
};

#define N_LIMITS	(sizeof(limits) / sizeof(limits[0]))

/* One of dev, dir, spi when allowed; ARGS_NOT_OPTION when w is none. */
static int sel_word(struct args *a, struct sa_sel *s, unsigned int allowed,
		    const char *w)
{
	struct perr e;
	char *val = NULL;

	if ((allowed & SEL_DEV) && !strcmp(w, "dev"))
		return args_dev(a, w, &s->dev, &s->ifindex);
	if ((allowed & SEL_DIR) && !strcmp(w, "dir")) {
		if (s->has_dir)
			return twice(a, w);
		if (args_value(a, w, &val))
			return ARGS_ERROR;
		if (parse_dir(val, &s->dir, &e))
			return bad_value(a, w, val, &e);
		s->has_dir = true;
		return ARGS_OK;
	}
	if ((allowed & SEL_SPI) && !strcmp(w, "spi")) {
		if (s->has_spi)
			return twice(a, w);
		if (args_value(a, w, &val))
			return ARGS_ERROR;
		if (parse_spi(val, &s->spi, &e))
			return bad_value(a, w, val, &e);
		s->has_spi = true;
		return ARGS_OK;
	}
	return ARGS_NOT_OPTION;
}

/* Words of the commands that take only a selector. */
int sel_parse(struct args *a, struct sa_sel *s, unsigned int allowed)
{
	const char *w;
	int ret;

	while (args_more(a)) {
		w = args_next(a);
		ret = args_option(a, w);
		if (ret == ARGS_NOT_OPTION)
			ret = sel_word(a, s, allowed, w);
		if (ret == ARGS_NOT_OPTION)
			return unknown_word(a, w);
		if (ret != ARGS_OK)
			return ret;
	}
	return ARGS_OK;
}

static int sel_require(struct args *a, const struct sa_sel *s,
		       unsigned int required)
{
	if ((required & SEL_DEV) && !s->dev)
		return missing(a, "dev IFNAME");
	if ((required & SEL_DIR) && !s->has_dir)
		return missing(a, "dir in|out");
	if ((required & SEL_SPI) && !s->has_spi)
		return missing(a, "spi SPI");
	return ARGS_OK;
}

int sel_put(struct nl_msg *msg, const struct sa_sel *s)
{
	return fx_put_sa_sel(msg, s->dev ? s->ifindex : 0,
			     s->has_spi ? s->spi : 0,
			     s->has_dir ? s->dir : 0);
}

/* Sends one request of the family and reports; returns the exit status. */
int sa_request(struct args *a, uint8_t cmd, int flags,
		      int (*fill)(struct nl_msg *msg, const void *arg),
		      const void *arg, nl_reply_fn reply, void *reply_arg)
{
	struct nl_req req = {
		.what = a->cmd,
		.attrs = &sa_attr_set,
		.hdrlen = GENL_HDRLEN,
		.reply = reply,
		.arg = reply_arg,
	};
	struct nl_sock *sk;
	struct nl_msg *msg;
	int family, err;

	if (fx_genl_open(&sk, &family))
		return EXIT_FAIL;
	msg = fx_genl_msg(family, cmd, flags);
	err = msg ? fill(msg, arg) : -ENOMEM;
	if (err == -EMSGSIZE)
		fx_put_failed(a->cmd);
	if (!err)
		err = fx_nl_run(sk, msg, &req);
	fx_msg_free(msg);
	fx_close(sk);
	return err ? EXIT_FAIL : 0;
}

int fill_sel(struct nl_msg *msg, const void *arg)
{
	return sel_put(msg, arg);
}

/* sa del, sa flush, sa activate: a selector and nothing back. */
static int sel_cmd(struct args *a, uint8_t cmd, unsigned int allowed,
		   unsigned int required)
{
	struct sa_sel s = { 0 };
	int ret;

	ret = sel_parse(a, &s, allowed);
	if (ret == ARGS_OK)
		ret = sel_require(a, &s, required);
	if (ret != ARGS_OK)
		return args_exit(ret);
	return sa_request(a, cmd, 0, fill_sel, &s, NULL, NULL);
}

static int sa_del(struct args *a)
{
	unsigned int sel = SEL_DEV | SEL_DIR | SEL_SPI;

	return sel_cmd(a, FLEXSEC_CMD_SA_DEL, sel, sel);
}

static int sa_flush(struct args *a)
{
	return sel_cmd(a, FLEXSEC_CMD_SA_FLUSH, SEL_DEV | SEL_DIR, SEL_DEV);
}

static int sa_activate(struct args *a)
{
	unsigned int sel = SEL_DEV | SEL_SPI;

	return sel_cmd(a, FLEXSEC_CMD_SA_ACTIVATE, sel, sel);
}

/* HEX after kw, into buf; the word is wiped from the command line. */
static int key_word(struct args *a, const char *kw, uint8_t *buf, size_t max,
		    size_t *len, bool *has)
{
	struct perr e;
	char *val = NULL;
	int err;

	if (*has)
		return twice(a, kw);
	if (args_value(a, kw, &val))
		return ARGS_ERROR;
	err = parse_hex(val, buf, max, len, &e);
	explicit_bzero(val, strlen(val));
	if (err)
		return bad_value(a, kw, NULL, &e);
	*has = true;
	return ARGS_OK;
}

static int alg_word(struct args *a, struct sa_add *o, const char *w)
{
	char names[160];
	char *val = NULL;

	if (args_value(a, w, &val))
		return ARGS_ERROR;
	if (!strcmp(w, "enc")) {
		if (o->enc)
			return twice(a, w);
		o->enc = enc_alg_lookup(val);
		if (o->enc)
			return ARGS_OK;
		enc_alg_names(names, sizeof(names));
	} else {
		if (o->auth)
			return twice(a, w);
		o->auth = auth_alg_lookup(val);
		if (o->auth)
			return ARGS_OK;
		auth_alg_names(names, sizeof(names));
	}
	if (looks_secret(val))
		return usage_error(a, "%s: not one of %s", w, names);
	return usage_error(a, "%s \"%s\": not one of %s", w, val, names);
}

static int number_word(struct args *a, const char *w, uint64_t max,
		       uint64_t *out, bool *has)
{
	struct perr e;
	char *val = NULL;

	if (*has)
		return twice(a, w);
	if (args_value(a, w, &val))
		return ARGS_ERROR;
	if (parse_u64(val, max, out, &e))
		return bad_value(a, w, val, &e);
	*has = true;
	return ARGS_OK;
}

static int limit_word(struct args *a, struct sa_add *o, const char *w)
{
	size_t i;

	for (i = 0; i < N_LIMITS; i++)
		if (!strcmp(w, limits[i].word))
			return number_word(a, w, UINT64_MAX,
					   &o->limit[limits[i].attr],
					   &o->has_limit[limits[i].attr]);
	return ARGS_NOT_OPTION;
}

static int flag_word(struct args *a, const char *w, bool *flag)
{
	if (*flag)
		return twice(a, w);
	*flag = true;
	return ARGS_OK;
}

static int add_word(struct args *a, struct sa_add *o, const char *w)
{
	uint64_t v = 0;
	int ret;

	ret = sel_word(a, &o->sel, SEL_DEV | SEL_DIR | SEL_SPI, w);
	if (ret != ARGS_NOT_OPTION)
		return ret;
	if (!strcmp(w, "enc") || !strcmp(w, "auth"))
		return alg_word(a, o, w);
	if (!strcmp(w, "key") || !strcmp(w, "enc-key"))
		return key_word(a, w, o->enc_key, sizeof(o->enc_key),
				&o->enc_key_len, &o->has_enc_key);
	if (!strcmp(w, "auth-key"))
		return key_word(a, w, o->auth_key, sizeof(o->auth_key),
				&o->auth_key_len, &o->has_auth_key);
	if (!strcmp(w, "replay-window")) {
		ret = number_word(a, w, FLEXSEC_REPLAY_WINDOW_MAX, &v,
				  &o->has_replay);
		o->replay_window = v;
		return ret;
	}
	if (!strcmp(w, "seq"))
		return number_word(a, w, UINT64_MAX, &o->seq, &o->has_seq);
	if (!strcmp(w, "esn"))
		return flag_word(a, w, &o->esn);
	if (!strcmp(w, "standby"))
		return flag_word(a, w, &o->standby);
	return limit_word(a, o, w);
}

static int check_keys(struct args *a, const struct sa_add *o)
{
	struct perr e;

	if (enc_key_check(o->enc, o->enc_key_len, &e))
		return bad_value(a, "key", NULL, &e);
	if (o->enc->needs_auth && (!o->auth || !o->has_auth_key))
		return usage_error(a, "%s needs auth AUTH and auth-key HEX",
				   o->enc->name);
	if (!o->enc->needs_auth && (o->auth || o->has_auth_key))
		return usage_error(a, "auth is only for aes-cbc: %s authenticates by itself",
				   o->enc->name);
	if (o->auth && auth_key_check(o->auth, o->auth_key_len, &e))
		return bad_value(a, "auth-key", NULL, &e);
	return ARGS_OK;
}

static int check_limits(struct args *a, const struct sa_add *o)
{
	size_t i;
	int soft, hard;

	/* The table lists each soft limit just before its hard one. */
	for (i = 0; i + 1 < N_LIMITS; i += 2) {
		soft = limits[i].attr;
		hard = limits[i + 1].attr;
		if (o->limit[soft] && o->limit[hard] &&
		    o->limit[soft] > o->limit[hard])
			return usage_error(a, "%s is above %s", limits[i].word,
					   limits[i + 1].word);
	}
	return ARGS_OK;
}

static int check_add(struct args *a, const struct sa_add *o)
{
	int ret;

	ret = sel_require(a, &o->sel, SEL_DEV | SEL_DIR | SEL_SPI);
	if (ret)
		return ret;
	if (!o->enc)
		return missing(a, "enc ALG");
	if (!o->has_enc_key)
		return missing(a, "key HEX");
	ret = check_keys(a, o);
	if (ret)
		return ret;
	if (o->standby && o->sel.dir != FLEXSEC_DIR_OUT)
		return usage_error(a, "standby is for outbound SAs (dir out)");
	if (o->has_replay && o->sel.dir != FLEXSEC_DIR_IN)
		return usage_error(a, "replay-window is for inbound SAs (dir in)");
	if (o->has_seq && !o->esn && o->seq > UINT32_MAX)
		return usage_error(a, "seq above %u needs esn", UINT32_MAX);
	return check_limits(a, o);
}

static int add_parse(struct args *a, struct sa_add *o)
{
	const char *w;
	int ret;

	while (args_more(a)) {
		w = args_next(a);
		ret = args_option(a, w);
		if (ret == ARGS_NOT_OPTION)
			ret = add_word(a, o, w);
		if (ret == ARGS_NOT_OPTION)
			return unknown_word(a, w);
		if (ret != ARGS_OK)
			return ret;
	}
	return check_add(a, o);
}

static int fill_add(struct nl_msg *msg, const void *arg)
{
	const struct sa_add *o = arg;
	struct fx_sa_new p = {
		.ifindex = o->sel.ifindex,
		.spi = o->sel.spi,
		.dir = o->sel.dir,
		.enc_alg = o->enc->alg,
		.enc_key = o->enc_key,
		.enc_key_len = o->enc_key_len,
		.auth_alg = o->auth ? o->auth->alg : 0,
		.auth_key = o->auth_key,
		.auth_key_len = o->auth_key_len,
		.has_replay = o->has_replay,
		.replay_window = o->replay_window,
		.esn = o->esn,
		.has_seq = o->has_seq,
		.seq = o->seq,
		.standby = o->standby,
	};

	memcpy(p.has_limit, o->has_limit, sizeof(p.has_limit));
	memcpy(p.limit, o->limit, sizeof(p.limit));
	return fx_put_sa_new(msg, &p);
}

struct add_reply {
	bool has_id;
	uint32_t id;
};

static int add_reply(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[FLEXSEC_A_SA_MAX + 1];
	struct add_reply *r = arg;

	if (fx_genl_parse(msg, tb, FLEXSEC_A_SA_MAX, sa_policy, "sa add"))
		return -EBADMSG;
	if (tb[FLEXSEC_A_SA_ID]) {
		r->id = nla_get_u32(tb[FLEXSEC_A_SA_ID]);
		r->has_id = true;
	}
	return 0;
}

static void print_id(const struct add_reply *r)
{
	struct json_object *jo;

	if (!r->has_id)
		return;
	if (!out_json) {
		printf("id %u\n", r->id);
		return;
	}
	jo = json_object_new_object();
	jadd_u64(jo, "id", r->id);
	json_print(jo);
	json_object_put(jo);
}

static int sa_add(struct args *a)
{
	struct add_reply r = { 0 };
	struct sa_add o = { 0 };
	int ret;

	/* No core dump or ptrace peeking at the keys. */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	ret = add_parse(a, &o);
	if (ret == ARGS_OK)
		ret = sa_request(a, FLEXSEC_CMD_SA_NEW, 0, fill_add, &o,
				 add_reply, &r);
	else
		ret = args_exit(ret);
	explicit_bzero(&o, sizeof(o));
	if (!ret)
		print_id(&r);
	return ret;
}

int sa_main(struct args *a)
{
	static const struct verb verbs[] = {
		{ "add", sa_add, NULL },
		{ "del", sa_del, NULL },
		{ "delete", sa_del, NULL },
		{ "flush", sa_flush, NULL },
		{ "activate", sa_activate, NULL },
		{ "show", sa_show, NULL },
		{ "list", sa_show, NULL },
		{ NULL, NULL, NULL },
	};

	return verb_run(a, verbs, "show");
}
