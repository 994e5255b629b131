// SPDX-License-Identifier: GPL-2.0
/* Netlink requests and the kernel's extended-ACK explanations. */

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/netlink.h>
#include <netlink/genl/genl.h>

#include "nlreq.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

/* One request on its way: what was sent, and what came back. */
struct run_ctx {
	const struct nl_req *req;
	struct nl_msg *sent;
	struct nl_result *res;
	bool done;
};

int nlr_open(int protocol, struct nl_sock **skp)
{
	struct nl_sock *sk;
	int one = 1;
	int err;

	sk = nl_socket_alloc();
	if (!sk)
		return -NLE_NOMEM;
	err = nl_connect(sk, protocol);
	if (err < 0) {
		nl_socket_free(sk);
		return err;
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

struct nl_msg *nlr_genl_msg(int family, uint8_t cmd, int flags,
			    uint8_t version)
{
	struct nl_msg *msg;

	msg = nlmsg_alloc();
	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags,
			 cmd, version)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

void nlr_msg_free(struct nl_msg *msg)
{
	if (!msg)
		return;
	explicit_bzero(nlmsg_hdr(msg), nlmsg_get_max_size(msg));
	nlmsg_free(msg);
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
		attr_name(set, type, c->res->attr, sizeof(c->res->attr));
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
	attr_name(set, type, c->res->missing, sizeof(c->res->missing));
}

static void describe_policy(struct run_ctx *c, struct nlattr *pol)
{
	struct nlattr *tb[NL_POLICY_TYPE_ATTR_MAX + 1];
	size_t n = 0, size = sizeof(c->res->policy);
	char *p = c->res->policy;

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
		nla_strlcpy(c->res->msg, tb[NLMSGERR_ATTR_MSG],
			    sizeof(c->res->msg));
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

	c->res->err = e->error < 0 ? e->error : -EPROTO;
	c->done = true;
	tlv = err_tlvs(h, &len);
	read_extack(c, tlv, len);
	return NL_STOP;
}

/* An ACK may carry a warning in its message. */
static int on_ack(struct nl_msg *msg, void *arg)
{
	struct run_ctx *c = arg;
	struct nlattr *tlv;
	int len = 0;

	c->done = true;
	tlv = err_tlvs(nlmsg_hdr(msg), &len);
	read_extack(c, tlv, len);
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
		c->res->err = error;
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
		c->res->err = err;
		c->res->reply_failed = true;
		c->done = true;
		return NL_STOP;
	}
	return NL_OK;
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

/* The socket failed: PREFIX and libnl's error NLERR. */
static int io_failed(struct nl_result *res, int err, const char *prefix,
		     int nlerr)
{
	snprintf(res->io, sizeof(res->io), "%s%s", prefix, nl_geterror(nlerr));
	res->err = err;
	return err;
}

int nlr_run(struct nl_sock *sk, struct nl_msg *msg, const struct nl_req *req,
	    struct nl_result *res)
{
	struct run_ctx c = { .req = req, .sent = msg, .res = res };
	struct nl_cb *cb;
	int ret;

	memset(res, 0, sizeof(*res));
	cb = run_callbacks(&c);
	if (!cb)
		return io_failed(res, -ENOMEM, "", NLE_NOMEM);
	ret = nl_send_auto(sk, msg);
	if (ret < 0) {
		nl_cb_put(cb);
		return io_failed(res, -EIO, "netlink send: ", ret);
	}
	while (!c.done) {
		ret = nl_recvmsgs(sk, cb);
		if (c.done)
			break;
		if (ret < 0) {
			io_failed(res, -EIO, "netlink: ", ret);
			break;
		}
	}
	nl_cb_put(cb);
	return res->err;
}

static void __attribute__((format(printf, 4, 5)))
append(char *buf, size_t size, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int ret;

	if (*n >= size)
		return;
	va_start(ap, fmt);
	ret = vsnprintf(buf + *n, size - *n, fmt, ap);
	va_end(ap);
	if (ret > 0)
		*n += ret;
}

const char *nlr_explain(const struct nl_result *res, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	if (!res->msg[0] && !res->attr[0] && !res->missing[0])
		return buf;
	/* The kernel's message often starts with the attribute's name. */
	if (res->attr[0] && strncmp(res->msg, res->attr, strlen(res->attr)))
		append(buf, size, &n, "%s: ", res->attr);
	if (res->msg[0])
		append(buf, size, &n, "%s", res->msg);
	else if (res->missing[0])
		append(buf, size, &n, "missing attribute %s", res->missing);
	else
		append(buf, size, &n, "invalid value");
	if (res->msg[0] && res->missing[0])
		append(buf, size, &n, " (missing attribute %s)", res->missing);
	if (res->policy[0])
		append(buf, size, &n, " (%s)", res->policy);
	return buf;
}

const char *nlr_join_error(int err)
{
	if (err == -NLE_PERM)
		return "needs CAP_NET_ADMIN over the network namespace";
	return nl_geterror(err);
}
