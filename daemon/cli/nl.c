// SPDX-License-Identifier: GPL-2.0
/* Netlink sockets, requests and extended-ACK error reports. */

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/flexsec.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "nl.h"
#include "output.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

/* What one request brought back: its error and the kernel's explanation. */
struct run_ctx {
	const struct nl_req *req;
	struct nl_msg *sent;
	bool done;
	bool reply_failed;	/* a reply parser failed and said why */
	int err;		/* negative errno */
	char msg[256];		/* NLMSGERR_ATTR_MSG */
	char attr[64];		/* the attribute at NLMSGERR_ATTR_OFFS */
	char missing[64];	/* NLMSGERR_ATTR_MISS_TYPE */
	char policy[96];	/* NLMSGERR_ATTR_POLICY */
};

static int nl_open(int protocol, struct nl_sock **skp)
{
	struct nl_sock *sk;
	int one = 1;
	int err;

	sk = nl_socket_alloc();
	if (!sk) {
		errorf("netlink socket: out of memory");
		return -ENOMEM;
	}
	err = nl_connect(sk, protocol);
	if (err < 0) {
		errorf("netlink socket: %s", nl_geterror(err));
		nl_socket_free(sk);
		return -EIO;
	}
	/*
	 * Errors quote only the header of a request, never its attributes
	 * (keys), and come with the kernel's explanation. Kernels without
	 * these options still work, without the explanation.
	 */
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_CAP_ACK, &one,
		   sizeof(one));
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK, &one,
		   sizeof(one));
	*skp = sk;
	return 0;
}

int fx_genl_open(struct nl_sock **skp, int *family)
{
	int err;

	err = nl_open(NETLINK_GENERIC, skp);
	if (err)
		return err;
	*family = genl_ctrl_resolve(*skp, FLEXSEC_FAMILY_NAME);
	if (*family >= 0)
		return 0;
	if (*family == -NLE_OBJ_NOTFOUND)
		errorf("family %s not found (is flexsec.ko loaded?)",
		       FLEXSEC_FAMILY_NAME);
	else
		errorf("family %s: %s", FLEXSEC_FAMILY_NAME,
		       nl_geterror(*family));
	fx_close(*skp);
	*skp = NULL;
	return -ENOENT;
}

int fx_rtnl_open(struct nl_sock **skp)
{
	return nl_open(NETLINK_ROUTE, skp);
}

void fx_close(struct nl_sock *sk)
{
	if (sk)
		nl_socket_free(sk);
}

struct nl_msg *fx_genl_msg(int family, uint8_t cmd, int flags)
{
	struct nl_msg *msg;

	msg = nlmsg_alloc();
	if (!msg) {
		errorf("out of memory");
		return NULL;
	}
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags,
			 cmd, FLEXSEC_FAMILY_VERSION)) {
		errorf("netlink message: no room for the header");
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* Frees a request, wiping it first: it may hold keys. */
void fx_msg_free(struct nl_msg *msg)
{
	if (!msg)
		return;
	explicit_bzero(nlmsg_hdr(msg), nlmsg_get_max_size(msg));
	nlmsg_free(msg);
}

int fx_put_failed(const char *what)
{
	errorf("%s: request too large for a netlink message", what);
	return -EMSGSIZE;
}

int fx_genl_parse(struct nl_msg *msg, struct nlattr **tb, int max,
		  const struct nla_policy *policy, const char *what)
{
	int err;

	err = genlmsg_parse(nlmsg_hdr(msg), 0, tb, max,
			    (struct nla_policy *)policy);
	if (err < 0) {
		errorf("%s: malformed reply from the kernel: %s", what,
		       nl_geterror(err));
		return -EBADMSG;
	}
	return 0;
}

/* Where the attribute at byte off of the request is: its set and type. */
static const struct attr_set *attr_at(const struct attr_set *set,
				      struct nlattr *head, int len,
				      const char *base, uint32_t off,
				      int *type)
{
	struct nlattr *nla;
	uint32_t start;
	int rem, t;

	nla_for_each_attr(nla, head, len, rem) {
		start = (const char *)nla - base;
		t = nla_type(nla);
		if (off == start) {
			*type = t;
			return set;
		}
		if (off > start && off < start + nla->nla_len && set &&
		    set->nests && t >= 0 && (unsigned int)t <= set->max &&
		    set->nests[t])
			return attr_at(set->nests[t], nla_data(nla),
				       nla_len(nla), base, off, type);
	}
	return NULL;
}

static void attr_name(const struct attr_set *set, int type, char *buf,
		      size_t size)
{
	if (set && type >= 0 && (unsigned int)type <= set->max &&
	    set->names[type])
		snprintf(buf, size, "%s", set->names[type]);
	else
		snprintf(buf, size, "attribute %d", type);
}

/* The set whose attributes start after the request's family header. */
static const struct attr_set *sent_attrs(const struct run_ctx *c,
					 struct nlattr **head, int *len)
{
	struct nlmsghdr *h = nlmsg_hdr(c->sent);

	*head = nlmsg_attrdata(h, c->req->hdrlen);
	*len = nlmsg_attrlen(h, c->req->hdrlen);
	return c->req->attrs;
}

static void describe_offset(struct run_ctx *c, uint32_t off)
{
	const struct attr_set *set;
	struct nlattr *head;
	int len, type = -1;

	set = sent_attrs(c, &head, &len);
	set = attr_at(set, head, len, (const char *)nlmsg_hdr(c->sent), off,
		      &type);
	if (type >= 0)
		attr_name(set, type, c->attr, sizeof(c->attr));
}

static void describe_missing(struct run_ctx *c, uint32_t type,
			     struct nlattr *nest_off)
{
	const struct attr_set *set;
	struct nlattr *head;
	int len, t = -1;

	set = sent_attrs(c, &head, &len);
	if (nest_off) {
		set = attr_at(set, head, len, (const char *)nlmsg_hdr(c->sent),
			      nla_get_u32(nest_off), &t);
		if (set && set->nests && t >= 0 &&
		    (unsigned int)t <= set->max)
			set = set->nests[t];
		else
			set = NULL;
	}
	attr_name(set, type, c->missing, sizeof(c->missing));
}

static void describe_policy(struct run_ctx *c, struct nlattr *pol)
{
	struct nlattr *tb[NL_POLICY_TYPE_ATTR_MAX + 1];
	size_t n = 0, size = sizeof(c->policy);
	char *p = c->policy;

	if (nla_parse_nested(tb, NL_POLICY_TYPE_ATTR_MAX, pol, NULL) < 0)
		return;
	if (tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_U] &&
	    tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_U])
		n += snprintf(p + n, size - n, "valid range %" PRIu64 " to %" PRIu64,
			      nla_get_u64(tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_U]),
			      nla_get_u64(tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_U]));
	else if (tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_S] &&
		 tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_S])
		n += snprintf(p + n, size - n, "valid range %" PRId64 " to %" PRId64,
			      nla_get_s64(tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_S]),
			      nla_get_s64(tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_S]));
	if (n < size && (tb[NL_POLICY_TYPE_ATTR_MIN_LENGTH] ||
			 tb[NL_POLICY_TYPE_ATTR_MAX_LENGTH]))
		snprintf(p + n, size - n, "%slength %u to %u", n ? ", " : "",
			 tb[NL_POLICY_TYPE_ATTR_MIN_LENGTH] ?
			 nla_get_u32(tb[NL_POLICY_TYPE_ATTR_MIN_LENGTH]) : 0,
			 tb[NL_POLICY_TYPE_ATTR_MAX_LENGTH] ?
			 nla_get_u32(tb[NL_POLICY_TYPE_ATTR_MAX_LENGTH]) :
			 UINT16_MAX);
}

static void read_extack(struct run_ctx *c, struct nlattr *head, int len)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];

	if (!head || len <= 0 ||
	    nla_parse(tb, NLMSGERR_ATTR_MAX, head, len, NULL) < 0)
		return;
	if (tb[NLMSGERR_ATTR_MSG])
		nla_strlcpy(c->msg, tb[NLMSGERR_ATTR_MSG], sizeof(c->msg));
	if (tb[NLMSGERR_ATTR_OFFS] && nla_len(tb[NLMSGERR_ATTR_OFFS]) >= 4)
		describe_offset(c, nla_get_u32(tb[NLMSGERR_ATTR_OFFS]));
	if (tb[NLMSGERR_ATTR_MISS_TYPE] &&
	    nla_len(tb[NLMSGERR_ATTR_MISS_TYPE]) >= 4) {
		if (tb[NLMSGERR_ATTR_MISS_NEST] &&
		    nla_len(tb[NLMSGERR_ATTR_MISS_NEST]) < 4)
			tb[NLMSGERR_ATTR_MISS_NEST] = NULL;
		describe_missing(c, nla_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]),
				 tb[NLMSGERR_ATTR_MISS_NEST]);
	}
	if (tb[NLMSGERR_ATTR_POLICY])
		describe_policy(c, tb[NLMSGERR_ATTR_POLICY]);
}

/* The TLVs after a struct nlmsgerr (NLMSG_ERROR, error or ACK). */
static struct nlattr *err_tlvs(struct nlmsghdr *h, int *len)
{
	struct nlmsgerr *e = nlmsg_data(h);
	size_t off = NLMSG_HDRLEN + sizeof(*e);

	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS) ||
	    h->nlmsg_len < NLMSG_HDRLEN + sizeof(*e))
		return NULL;
	if (!(h->nlmsg_flags & NLM_F_CAPPED) &&
	    e->msg.nlmsg_len > NLMSG_HDRLEN)
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	off = NLMSG_ALIGN(off);
	if (off >= h->nlmsg_len)
		return NULL;
	*len = h->nlmsg_len - off;
	return (struct nlattr *)((char *)h + off);
}

/* The TLVs after the error of an NLMSG_DONE. */
static struct nlattr *done_tlvs(struct nlmsghdr *h, int *len)
{
	size_t off = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(int));

	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS) || off >= h->nlmsg_len)
		return NULL;
	*len = h->nlmsg_len - off;
	return (struct nlattr *)((char *)h + off);
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *h = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct run_ctx *c = arg;
	struct nlattr *tlv;
	int len = 0;

	c->err = e->error < 0 ? e->error : -EPROTO;
	c->done = true;
	tlv = err_tlvs(h, &len);
	read_extack(c, tlv, len);
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct run_ctx *c = arg;
	struct nlattr *tlv;
	int len = 0;

	c->done = true;
	tlv = err_tlvs(nlmsg_hdr(msg), &len);
	read_extack(c, tlv, len);
	if (c->msg[0])
		fprintf(stderr, "Warning: %s\n", c->msg);
	return NL_STOP;
}

static int on_done(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *h = nlmsg_hdr(msg);
	struct run_ctx *c = arg;
	struct nlattr *tlv;
	int len = 0, error = 0;

	c->done = true;
	if (nlmsg_datalen(h) >= (int)sizeof(int))
		memcpy(&error, nlmsg_data(h), sizeof(error));
	if (error < 0) {
		c->err = error;
		tlv = done_tlvs(h, &len);
		read_extack(c, tlv, len);
	}
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct run_ctx *c = arg;
	int err;

	if (!c->req->reply)
		return NL_OK;
	err = c->req->reply(msg, c->req->arg);
	if (err < 0) {
		c->err = err;
		c->reply_failed = true;
		c->done = true;
		return NL_STOP;
	}
	return NL_OK;
}

static const char *errno_hint(int err)
{
	switch (err) {
	case -EPERM:
		return " (CAP_NET_ADMIN is needed)";
	}
	return "";
}

static void report(const struct run_ctx *c)
{
	const char *what = c->req->what;
	bool attr_in_msg;

	errorf("%s: %s%s", what, strerror(-c->err), errno_hint(c->err));
	if (!c->msg[0] && !c->attr[0] && !c->missing[0])
		return;
	attr_in_msg = c->attr[0] &&
		      !strncmp(c->msg, c->attr, strlen(c->attr));
	fputs("Error: ", stderr);
	if (c->attr[0] && !attr_in_msg)
		fprintf(stderr, "%s: ", c->attr);
	if (c->msg[0])
		fputs(c->msg, stderr);
	else if (c->missing[0])
		fprintf(stderr, "missing attribute %s", c->missing);
	else
		fputs("invalid value", stderr);
	if (c->msg[0] && c->missing[0])
		fprintf(stderr, " (missing attribute %s)", c->missing);
	if (c->policy[0])
		fprintf(stderr, " (%s)", c->policy);
	fputc('\n', stderr);
}

static struct nl_cb *run_callbacks(struct run_ctx *c)
{
	struct nl_cb *cb;

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb)
		return NULL;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, c);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, c);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_done, c);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, c);
	return cb;
}

/*
 * Sends a request and reads what comes back until its ACK, its NLMSG_DONE
 * or its error. Returns 0 or a negative errno, already reported. The
 * request stays the caller's (it is needed here to name the attribute an
 * error points at).
 */
int fx_nl_run(struct nl_sock *sk, struct nl_msg *msg, const struct nl_req *req)
{
	struct run_ctx c = { .req = req, .sent = msg };
	struct nl_cb *cb;
	int ret;

	cb = run_callbacks(&c);
	if (!cb) {
		errorf("%s: out of memory", req->what);
		return -ENOMEM;
	}
	ret = nl_send_auto(sk, msg);
	if (ret < 0) {
		errorf("%s: netlink send: %s", req->what, nl_geterror(ret));
		nl_cb_put(cb);
		return -EIO;
	}
	while (!c.done) {
		ret = nl_recvmsgs(sk, cb);
		if (c.done)
			break;
		if (ret < 0) {
			errorf("%s: netlink: %s", req->what, nl_geterror(ret));
			c.err = -EIO;
			c.reply_failed = true;
			break;
		}
	}
	nl_cb_put(cb);
	if (c.err && !c.reply_failed)
		report(&c);
	return c.err;
}
