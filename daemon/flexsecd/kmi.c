// SPDX-License-Identifier: GPL-2.0
/*
 * The key-management interface to flexsec.ko. Three sockets: requests of
 * the generic-netlink family "flexsec" (blocking: the kernel answers at
 * once), its "events" multicast group (non-blocking, read from the event
 * loop), and rtnetlink for the tunnel interfaces and their addresses.
 * Errors come back with the kernel's extended-ACK explanation.
 *
 * "debug crypto kmi" logs each message both ways, the IOS way:
 *   KMI: (Session ID: 3) flexsecd sending SA_NEW (inbound SPI 0x1234abcd,
 *        aes-gcm-128, Tunnel0) to flexsec.ko
 *   KMI: flexsec.ko answered SA_NEW: ok
 *   KMI: flexsecd received ACQUIRE (Tunnel0) from flexsec.ko
 * Keys are never logged; requests holding them are wiped when freed.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>

#include <linux/flexsec.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "diag.h"
#include "fxmsg.h"
#include "fxnames.h"
#include "kmi.h"
#include "nlattrs.h"
#include "nlreq.h"

#define EVENT_RCVBUF	(1 << 20)	/* room for a burst of events */
#define EVENT_BURST	64		/* datagrams read per call */
#define SPI_MIN		0x100		/* RFC 4303 reserves 0-255 */
#define SPI_TRIES	64
#define MAX_ADDRS	32		/* addresses of a tunnel seen */
#define IFNAME_BUF	(IF_NAMESIZE + 16)

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

struct kmi {
	struct nl_sock *req;	/* requests of the family */
	struct nl_sock *ev;	/* its events */
	struct nl_cb *ev_cb;	/* and their handlers */
	struct nl_sock *rt;	/* rtnetlink */
	int family;
	kmi_event_fn fn;
	void *ctx;
	char err[384];		/* what *errmsg points at */
};

/* --- debug lines and errors --- */

static void __attribute__((format(printf, 2, 3)))
kmi_dbg(uint32_t session_id, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	if (!dbg_on(DBG_KMI, NULL))
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (session_id)
		dbg(DBG_KMI, NULL, "KMI: (Session ID: %u) %s", session_id,
		    line);
	else
		dbg(DBG_KMI, NULL, "KMI: %s", line);
}

void kmi_set_debug(struct kmi *k, bool on)
{
	dbg_set(DBG_KMI, on);
}

static const char *ifname(unsigned int ifindex, char *buf)
{
	char tmp[IF_NAMESIZE];

	if (ifindex && if_indextoname(ifindex, tmp))
		snprintf(buf, IFNAME_BUF, "%s", tmp);
	else
		snprintf(buf, IFNAME_BUF, "if%u", ifindex);
	return buf;
}

static const char *dir_word(bool inbound)
{
	return inbound ? "inbound" : "outbound";
}

/* Sets the message of a failure found before asking the kernel. */
static int __attribute__((format(printf, 3, 4)))
kmi_fail(struct kmi *k, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(k->err, sizeof(k->err), fmt, ap);
	va_end(ap);
	return err;
}

static void set_errmsg(struct kmi *k, const char **errmsg)
{
	k->err[0] = '\0';
	if (errmsg)
		*errmsg = k->err;
}

/* --- requests --- */

/* K->err: the kernel's explanation, else what the error number says. */
static void result_text(struct kmi *k, const struct nl_result *res)
{
	k->err[0] = '\0';
	if (res->io[0])
		snprintf(k->err, sizeof(k->err), "%s", res->io);
	else if (!*nlr_explain(res, k->err, sizeof(k->err)) && res->err)
		snprintf(k->err, sizeof(k->err), "%s", strerror(-res->err));
}

static void answer_dbg(const struct kmi *k, const char *peer,
		       const char *what, const struct nl_result *res,
		       uint32_t sid)
{
	if (res->io[0])
		kmi_dbg(sid, "no answer from %s to %s: %s", peer, what,
			res->io);
	else if (!res->err && res->msg[0])
		kmi_dbg(sid, "%s answered %s: ok (warning: %s)", peer, what,
			res->msg);
	else if (!res->err)
		kmi_dbg(sid, "%s answered %s: ok", peer, what);
	else if (strcmp(k->err, strerror(-res->err)))
		kmi_dbg(sid, "%s answered %s: %s (%s)", peer, what,
			strerror(-res->err), k->err);
	else
		kmi_dbg(sid, "%s answered %s: %s", peer, what, k->err);
}

/*
 * Runs a request on SK and frees it (wiped: it may hold keys). REQ->what
 * is the message's name for the debug lines. Returns 0 or -errno, with
 * the explanation in K->err.
 */
static int kmi_run(struct kmi *k, struct nl_sock *sk, struct nl_msg *msg,
		   const struct nl_req *req, uint32_t sid)
{
	struct nl_result res;
	int err;

	if (!msg)
		return kmi_fail(k, -ENOMEM, "out of memory");
	err = nlr_run(sk, msg, req, &res);
	nlr_msg_free(msg);
	result_text(k, &res);
	answer_dbg(k, sk == k->rt ? "rtnetlink" : "flexsec.ko", req->what, &res,
		   sid);
	return err;
}

static int too_large(struct kmi *k, struct nl_msg *msg)
{
	nlr_msg_free(msg);
	return kmi_fail(k, -EMSGSIZE,
			"request too large for a netlink message");
}

static struct nl_msg *sa_msg(struct kmi *k, uint8_t cmd)
{
	return nlr_genl_msg(k->family, cmd, 0, FLEXSEC_FAMILY_VERSION);
}

/* One request of the family: NAME for the debug lines. */
static int sa_run(struct kmi *k, struct nl_msg *msg, const char *name,
		  uint32_t sid, nl_reply_fn reply, void *arg)
{
	struct nl_req req = {
		.what = name,
		.attrs = &sa_attr_set,
		.hdrlen = GENL_HDRLEN,
		.reply = reply,
		.arg = arg,
	};

	return kmi_run(k, k->req, msg, &req, sid);
}

/* One rtnetlink request whose family header is HDRLEN bytes. */
static int rt_run(struct kmi *k, struct nl_msg *msg, const char *name,
		  size_t hdrlen, nl_reply_fn reply, void *arg)
{
	struct nl_req req = {
		.what = name,
		.attrs = hdrlen == sizeof(struct ifinfomsg) ?
			 &rtnl_link_attr_set : NULL,
		.hdrlen = hdrlen,
		.reply = reply,
		.arg = arg,
	};

	return kmi_run(k, k->rt, msg, &req, 0);
}

/* --- SAs --- */

void kmi_sa_wipe(struct kmi_sa *sa)
{
	explicit_bzero(sa->enc_key, sizeof(sa->enc_key));
	explicit_bzero(sa->auth_key, sizeof(sa->auth_key));
	sa->enc_key_len = 0;
	sa->auth_key_len = 0;
}

/*
 * The kernel takes any key length the algorithm allows: check that the
 * key is the one the name says (aes-gcm-256 must not become AES-128).
 */
static int sa_check(struct kmi *k, const struct kmi_sa *sa,
		    const struct enc_alg_info **enc,
		    const struct auth_alg_info **auth)
{
	*enc = enc_alg_lookup(sa->enc_alg);
	*auth = NULL;
	if (!*enc)
		return kmi_fail(k, -EINVAL,
				"flexsec.ko has no encryption algorithm %s",
				sa->enc_alg ? sa->enc_alg : "(none)");
	if (sa->enc_key_len != (*enc)->key_len)
		return kmi_fail(k, -EINVAL, "%s takes a %zu-byte key, not %u",
				(*enc)->name, (*enc)->key_len,
				sa->enc_key_len);
	if (!(*enc)->needs_auth) {
		if (sa->auth_alg)
			return kmi_fail(k, -EINVAL,
					"%s is an AEAD: no integrity algorithm goes with it",
					(*enc)->name);
		return 0;
	}
	*auth = auth_alg_lookup(sa->auth_alg);
	if (!sa->auth_alg)
		return kmi_fail(k, -EINVAL, "%s needs an integrity algorithm",
				(*enc)->name);
	if (!*auth)
		return kmi_fail(k, -EINVAL,
				"flexsec.ko has no integrity algorithm %s",
				sa->auth_alg);
	if (sa->auth_key_len != (*auth)->key_len)
		return kmi_fail(k, -EINVAL, "%s takes a %zu-byte key, not %u",
				(*auth)->name, (*auth)->key_len,
				sa->auth_key_len);
	return 0;
}

/* A lifetime limit; 0 is none. */
static void set_limit(struct fx_sa_new *p, int attr, uint64_t v)
{
	p->limit[attr] = v;
	p->has_limit[attr] = v != 0;
}

static int sa_new_fill(struct nl_msg *msg, const struct kmi_sa *sa,
		       const struct enc_alg_info *enc,
		       const struct auth_alg_info *auth)
{
	struct fx_sa_new p = {
		.ifindex = sa->ifindex,
		.spi = sa->spi,
		.dir = sa->inbound ? FLEXSEC_DIR_IN : FLEXSEC_DIR_OUT,
		.enc_alg = enc->alg,
		.enc_key = sa->enc_key,
		.enc_key_len = sa->enc_key_len,
		.auth_alg = auth ? auth->alg : 0,
		.auth_key = sa->auth_key,
		.auth_key_len = sa->auth_key_len,
		/* Inbound: always, since 0 turns the check off. */
		.has_replay = sa->inbound,
		.replay_window = sa->replay_window,
		.esn = sa->esn,
		.standby = !sa->inbound && sa->standby,
	};

	set_limit(&p, FLEXSEC_A_LIFETIME_SOFT_BYTES, sa->soft_bytes);
	set_limit(&p, FLEXSEC_A_LIFETIME_HARD_BYTES, sa->hard_bytes);
	set_limit(&p, FLEXSEC_A_LIFETIME_SOFT_SECONDS, sa->soft_seconds);
	set_limit(&p, FLEXSEC_A_LIFETIME_HARD_SECONDS, sa->hard_seconds);
	return fx_put_sa_new(msg, &p);
}

static void sa_new_dbg(const struct kmi_sa *sa, const struct enc_alg_info *enc,
		       const struct auth_alg_info *auth)
{
	char name[IFNAME_BUF], more[192] = "";
	size_t n = 0;

	if (!dbg_on(DBG_KMI, NULL))
		return;
	if (sa->inbound && sa->replay_window)
		n += snprintf(more + n, sizeof(more) - n, ", replay window %u",
			      sa->replay_window);
	else if (sa->inbound)
		n += snprintf(more + n, sizeof(more) - n, ", no replay check");
	if (sa->esn && n < sizeof(more))
		n += snprintf(more + n, sizeof(more) - n, ", ESN");
	if (!sa->inbound && sa->standby && n < sizeof(more))
		n += snprintf(more + n, sizeof(more) - n, ", standby");
	if ((sa->hard_bytes || sa->hard_seconds) && n < sizeof(more))
		snprintf(more + n, sizeof(more) - n,
			 ", lifetime %llu/%llu s %llu/%llu bytes (soft/hard)",
			 (unsigned long long)sa->soft_seconds,
			 (unsigned long long)sa->hard_seconds,
			 (unsigned long long)sa->soft_bytes,
			 (unsigned long long)sa->hard_bytes);
	kmi_dbg(sa->session_id,
		"flexsecd sending SA_NEW (%s SPI 0x%08x, %s%s%s, %s%s) to flexsec.ko",
		dir_word(sa->inbound), sa->spi, enc->name, auth ? "/" : "",
		auth ? auth->name : "", ifname(sa->ifindex, name), more);
}

int kmi_sa_add(struct kmi *k, const struct kmi_sa *sa, const char **errmsg)
{
	const struct enc_alg_info *enc;
	const struct auth_alg_info *auth;
	struct nl_msg *msg;
	int err;

	set_errmsg(k, errmsg);
	err = sa_check(k, sa, &enc, &auth);
	if (err)
		return err;
	sa_new_dbg(sa, enc, auth);
	msg = sa_msg(k, FLEXSEC_CMD_SA_NEW);
	if (msg && sa_new_fill(msg, sa, enc, auth))
		return too_large(k, msg);
	return sa_run(k, msg, "SA_NEW", sa->session_id, NULL, NULL);
}

/* A request that only names an SA (or a tunnel's SAs); DIR 0: none. */
static int sa_sel_run(struct kmi *k, uint8_t cmd, const char *name,
		      unsigned int ifindex, uint32_t spi, uint32_t dir,
		      uint32_t sid, nl_reply_fn reply, void *arg)
{
	struct nl_msg *msg;

	msg = sa_msg(k, cmd);
	if (msg && fx_put_sa_sel(msg, ifindex, spi, dir))
		return too_large(k, msg);
	return sa_run(k, msg, name, sid, reply, arg);
}

/* Requests without an errmsg for the caller log their failures. */
static void sa_failed(const struct kmi *k, const char *name,
		      unsigned int ifindex, uint32_t spi)
{
	char dev[IFNAME_BUF];

	if (spi)
		log_err("KMI: %s of SPI 0x%08x on %s failed: %s", name, spi,
			ifname(ifindex, dev), k->err);
	else
		log_err("KMI: %s on %s failed: %s", name, ifname(ifindex, dev),
			k->err);
}

int kmi_sa_del(struct kmi *k, unsigned int ifindex, bool inbound,
	       uint32_t spi, uint32_t session_id)
{
	char dev[IFNAME_BUF];
	int err;

	kmi_dbg(session_id,
		"flexsecd sending SA_DEL (%s SPI 0x%08x, %s) to flexsec.ko",
		dir_word(inbound), spi, ifname(ifindex, dev));
	err = sa_sel_run(k, FLEXSEC_CMD_SA_DEL, "SA_DEL", ifindex, spi,
			 inbound ? FLEXSEC_DIR_IN : FLEXSEC_DIR_OUT,
			 session_id, NULL, NULL);
	/* Gone already (its tunnel was deleted, say): not worth a line. */
	if (err && err != -ENOENT)
		sa_failed(k, "SA_DEL", ifindex, spi);
	return err;
}

int kmi_sa_activate(struct kmi *k, unsigned int ifindex, uint32_t spi,
		    uint32_t session_id)
{
	char dev[IFNAME_BUF];
	int err;

	kmi_dbg(session_id,
		"flexsecd sending SA_ACTIVATE (outbound SPI 0x%08x, %s) to flexsec.ko",
		spi, ifname(ifindex, dev));
	/* sa-activate takes no direction: it is about outbound SAs. */
	err = sa_sel_run(k, FLEXSEC_CMD_SA_ACTIVATE, "SA_ACTIVATE", ifindex,
			 spi, 0, session_id, NULL, NULL);
	if (err)
		sa_failed(k, "SA_ACTIVATE", ifindex, spi);
	return err;
}

int kmi_sa_flush(struct kmi *k, unsigned int ifindex)
{
	char dev[IFNAME_BUF];
	int err;

	kmi_dbg(0, "flexsecd sending SA_FLUSH (%s) to flexsec.ko",
		ifname(ifindex, dev));
	err = sa_sel_run(k, FLEXSEC_CMD_SA_FLUSH, "SA_FLUSH", ifindex, 0, 0,
			 0, NULL, NULL);
	if (err)
		sa_failed(k, "SA_FLUSH", ifindex, 0);
	return err;
}

#define STAT(a, f) \
	{ FLEXSEC_A_STATS_##a, offsetof(struct kmi_sa_stats, f) }

static const struct {
	int attr;
	size_t off;
} stat_fields[] = {
	STAT(RX_PACKETS, rx_packets),
	STAT(RX_BYTES, rx_bytes),
	STAT(TX_PACKETS, tx_packets),
	STAT(TX_BYTES, tx_bytes),
	STAT(RX_REPLAY, rx_replay),
	STAT(RX_TOO_OLD, rx_too_old),
	STAT(RX_AUTH_FAILED, rx_auth_failed),
	STAT(RX_BAD_PADDING, rx_bad_padding),
	STAT(RX_TRUNCATED, rx_truncated),
	STAT(RX_GRE_KEY, rx_gre_key),
	STAT(RX_INNER_PROTO, rx_inner_proto),
	STAT(RX_EXPIRED, rx_expired),
	STAT(TX_NO_SA, tx_no_sa),
	STAT(TX_SEQ_OVERFLOW, tx_seq_overflow),
	STAT(TX_EXPIRED, tx_expired),
	STAT(TX_ERRORS, tx_errors),
	STAT(RX_ERRORS, rx_errors),
};

#undef STAT

static int stats_reply(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[FLEXSEC_A_SA_MAX + 1];
	struct nlattr *st[FLEXSEC_A_STATS_MAX + 1];
	struct kmi_sa_stats *s = arg;
	uint64_t *field;
	size_t i;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, FLEXSEC_A_SA_MAX,
			  (struct nla_policy *)sa_policy) < 0 ||
	    parse_nest(st, FLEXSEC_A_STATS_MAX, tb[FLEXSEC_A_SA_STATS],
		       stats_policy))
		return -EBADMSG;
	s->found = true;
	s->active = tb[FLEXSEC_A_SA_ACTIVE] != NULL;
	for (i = 0; i < ARRAY_SIZE(stat_fields); i++) {
		field = (uint64_t *)((char *)s + stat_fields[i].off);
		if (st[stat_fields[i].attr])
			*field = nla_get_u64(st[stat_fields[i].attr]);
	}
	if (tb[FLEXSEC_A_SA_AGE])
		s->age = nla_get_u64(tb[FLEXSEC_A_SA_AGE]);
	if (tb[FLEXSEC_A_SA_SEQ])
		s->seq = nla_get_u64(tb[FLEXSEC_A_SA_SEQ]);
	return 0;
}

/* sa-get: 0 with ST filled, -ENOENT when there is no such SA. */
static int sa_get(struct kmi *k, unsigned int ifindex, bool inbound,
		  uint32_t spi, struct kmi_sa_stats *st)
{
	char dev[IFNAME_BUF];

	memset(st, 0, sizeof(*st));
	kmi_dbg(0, "flexsecd sending SA_GET (%s SPI 0x%08x, %s) to flexsec.ko",
		dir_word(inbound), spi, ifname(ifindex, dev));
	return sa_sel_run(k, FLEXSEC_CMD_SA_GET, "SA_GET", ifindex, spi,
			  inbound ? FLEXSEC_DIR_IN : FLEXSEC_DIR_OUT, 0,
			  stats_reply, st);
}

int kmi_sa_stats(struct kmi *k, unsigned int ifindex, bool inbound,
		 uint32_t spi, struct kmi_sa_stats *st)
{
	int err;

	err = sa_get(k, ifindex, inbound, spi, st);
	if (err == -ENOENT) {
		memset(st, 0, sizeof(*st));
		return 0;
	}
	if (err)
		sa_failed(k, "SA_GET", ifindex, spi);
	return err;
}

uint32_t kmi_alloc_spi(struct kmi *k, unsigned int ifindex)
{
	struct kmi_sa_stats st;
	unsigned int tries;
	uint32_t spi;
	int err;

	for (tries = 0; tries < SPI_TRIES; tries++) {
		if (getrandom(&spi, sizeof(spi), 0) != sizeof(spi)) {
			log_err("KMI: no random SPI: %s", strerror(errno));
			return 0;
		}
		if (spi < SPI_MIN)
			continue;
		err = sa_get(k, ifindex, true, spi, &st);
		if (err == -ENOENT)
			return spi;
		if (err) {
			sa_failed(k, "SA_GET", ifindex, spi);
			return 0;
		}
	}
	log_err("KMI: no free inbound SPI found in %u tries", SPI_TRIES);
	return 0;
}

/* --- events --- */

static const struct {
	uint8_t cmd;
	enum kmi_event_type type;
	const char *name;
} event_names[] = {
	{ FLEXSEC_CMD_ACQUIRE, KMI_EV_ACQUIRE, "ACQUIRE" },
	{ FLEXSEC_CMD_SOFT_EXPIRE, KMI_EV_SOFT_EXPIRE, "SOFT_EXPIRE" },
	{ FLEXSEC_CMD_HARD_EXPIRE, KMI_EV_HARD_EXPIRE, "HARD_EXPIRE" },
	{ FLEXSEC_CMD_SEQ_OVERFLOW, KMI_EV_SEQ_OVERFLOW, "SEQ_OVERFLOW" },
	{ FLEXSEC_CMD_REPLAY_ERROR, KMI_EV_REPLAY_ERROR, "REPLAY_ERROR" },
};

/* The device an event names: its name attribute, else its index's. */
static void event_dev(const struct nlattr *name, unsigned int ifindex,
		      char *buf)
{
	if (name && nla_len(name) > 0)
		nla_strlcpy(buf, name, IFNAME_BUF);
	else
		ifname(ifindex, buf);
}

static int acquire_parse(struct nl_msg *msg, struct kmi_event *ev, char *dev)
{
	struct nlattr *tb[FLEXSEC_A_TUNNEL_MAX + 1];

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, FLEXSEC_A_TUNNEL_MAX,
			  (struct nla_policy *)tunnel_policy) < 0 ||
	    !tb[FLEXSEC_A_TUNNEL_IFINDEX])
		return -EBADMSG;
	ev->ifindex = nla_get_u32(tb[FLEXSEC_A_TUNNEL_IFINDEX]);
	event_dev(tb[FLEXSEC_A_TUNNEL_IFNAME], ev->ifindex, dev);
	return 0;
}

static int sa_event_parse(struct nl_msg *msg, struct kmi_event *ev, char *dev)
{
	struct nlattr *tb[FLEXSEC_A_SA_MAX + 1];

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, FLEXSEC_A_SA_MAX,
			  (struct nla_policy *)sa_policy) < 0 ||
	    !tb[FLEXSEC_A_SA_IFINDEX] || !tb[FLEXSEC_A_SA_SPI])
		return -EBADMSG;
	ev->ifindex = nla_get_u32(tb[FLEXSEC_A_SA_IFINDEX]);
	ev->spi = nla_get_u32(tb[FLEXSEC_A_SA_SPI]);
	ev->inbound = tb[FLEXSEC_A_SA_DIR] &&
		      nla_get_u32(tb[FLEXSEC_A_SA_DIR]) == FLEXSEC_DIR_IN;
	if (tb[FLEXSEC_A_SA_SEQ])
		ev->seq = nla_get_u64(tb[FLEXSEC_A_SA_SEQ]);
	if (tb[FLEXSEC_A_SA_LIMIT])
		ev->limit = limit_name(nla_get_u32(tb[FLEXSEC_A_SA_LIMIT]));
	event_dev(tb[FLEXSEC_A_SA_IFNAME], ev->ifindex, dev);
	return 0;
}

static void event_dbg(const char *name, const struct kmi_event *ev,
		      const char *dev)
{
	char more[96] = "";

	if (ev->type == KMI_EV_ACQUIRE) {
		kmi_dbg(0, "flexsecd received %s (%s) from flexsec.ko", name,
			dev);
		return;
	}
	if (ev->type == KMI_EV_REPLAY_ERROR)
		snprintf(more, sizeof(more), ", seq %" PRIu64, ev->seq);
	else if (ev->limit)
		snprintf(more, sizeof(more), ", %s limit", ev->limit);
	kmi_dbg(0, "flexsecd received %s (%s SPI 0x%08x, %s%s) from flexsec.ko",
		name, dir_word(ev->inbound), ev->spi, dev, more);
}

/* The index of command CMD in event_names, -1 when unknown. */
static int event_find(uint8_t cmd)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(event_names); i++)
		if (event_names[i].cmd == cmd)
			return i;
	return -1;
}

static int on_event(struct nl_msg *msg, void *arg)
{
	struct kmi_event ev = { 0 };
	char dev[IFNAME_BUF];
	struct kmi *k = arg;
	struct genlmsghdr *g;
	int i, err;

	if (nlmsg_hdr(msg)->nlmsg_type != k->family ||
	    !genlmsg_valid_hdr(nlmsg_hdr(msg), 0))
		return NL_SKIP;
	g = genlmsg_hdr(nlmsg_hdr(msg));
	i = event_find(g->cmd);
	if (i < 0) {
		kmi_dbg(0, "flexsecd received unknown event %u from flexsec.ko",
			g->cmd);
		return NL_SKIP;
	}
	ev.type = event_names[i].type;
	if (ev.type == KMI_EV_ACQUIRE)
		err = acquire_parse(msg, &ev, dev);
	else
		err = sa_event_parse(msg, &ev, dev);
	if (err) {
		log_err("KMI: malformed %s event from flexsec.ko",
			event_names[i].name);
		return NL_SKIP;
	}
	event_dbg(event_names[i].name, &ev, dev);
	if (k->fn)
		k->fn(k->ctx, &ev);
	return NL_OK;
}

int kmi_event_fd(const struct kmi *k)
{
	return nl_socket_get_fd(k->ev);
}

void kmi_event_read(struct kmi *k)
{
	unsigned int i;
	int n;

	for (i = 0; i < EVENT_BURST; i++) {
		n = nl_recvmsgs_report(k->ev, k->ev_cb);
		if (n == -NLE_NOMEM) {
			/* ENOBUFS: the socket overflowed. */
			log_err("KMI: events from flexsec.ko lost (receive buffer overrun)");
			continue;
		}
		if (n == -NLE_AGAIN || n == 0)
			return;
		if (n < 0) {
			log_err("KMI: reading events from flexsec.ko: %s",
				nl_geterror(n));
			return;
		}
	}
}

/* --- tunnel interfaces --- */

struct link_state {
	unsigned int ifindex;
	char kind[32];
};

static int link_reply(struct nl_msg *msg, void *arg)
{
	struct link_state *ls = arg;

	return fx_link_parse(msg, &ls->ifindex, ls->kind, sizeof(ls->kind));
}

/* The link named NAME: 0, or -ENODEV when there is none. */
static int link_get(struct kmi *k, const char *name, struct link_state *ls)
{
	struct nl_msg *msg;

	memset(ls, 0, sizeof(*ls));
	kmi_dbg(0, "flexsecd sending GETLINK (%s) to rtnetlink", name);
	msg = fx_link_msg(RTM_GETLINK, 0, 0);
	if (msg && nla_put_string(msg, IFLA_IFNAME, name))
		return too_large(k, msg);
	return rt_run(k, msg, "GETLINK", sizeof(struct ifinfomsg), link_reply,
		      ls);
}

/* The flexsec attributes of T; LOCAL and REMOTE point into the conf. */
static void tunnel_link(const struct conf_tunnel *t,
			const struct conf_addr *local, struct fx_link *l)
{
	memset(l, 0, sizeof(*l));
	l->mode = t->mode == CONF_TUN_VTI ? FLEXSEC_MODE_VTI :
					    FLEXSEC_MODE_GRE;
	if (local && local->family) {
		l->local = local->a;
		l->local_len = local->family == AF_INET ? 4 : 16;
	}
	if (t->destination.family) {
		l->remote = t->destination.a;
		l->remote_len = t->destination.family == AF_INET ? 4 : 16;
	}
	/* The tunnel key is GRE's; flexsec.ko refuses it in VTI mode. */
	if (t->has_key && l->mode == FLEXSEC_MODE_GRE) {
		l->has_ikey = l->has_okey = true;
		l->ikey = l->okey = t->key;
	}
}

static void newlink_dbg(const struct conf_tunnel *t, const struct fx_link *l,
			bool create)
{
	char src[64] = "any", dst[64] = "any";
	char key[24] = "", mtu[24] = "";

	if (!dbg_on(DBG_KMI, NULL))
		return;
	if (l->local)
		inet_ntop(l->local_len == 4 ? AF_INET : AF_INET6, l->local,
			  src, sizeof(src));
	if (l->remote)
		inet_ntop(l->remote_len == 4 ? AF_INET : AF_INET6, l->remote,
			  dst, sizeof(dst));
	if (l->has_ikey)
		snprintf(key, sizeof(key), ", key %u", l->ikey);
	if (t->mtu)
		snprintf(mtu, sizeof(mtu), ", mtu %u", t->mtu);
	kmi_dbg(0, "flexsecd sending NEWLINK (%s %s, %s, %s -> %s%s%s) to rtnetlink",
		create ? "create" : "change", t->name, mode_name(l->mode), src,
		dst, key, mtu);
}

/* Creates the link (IFINDEX 0) or changes it. */
static int link_put(struct kmi *k, const struct conf_tunnel *t,
		    const struct conf_addr *local, unsigned int ifindex)
{
	int flags = ifindex ? 0 : NLM_F_CREATE | NLM_F_EXCL;
	struct nl_msg *msg;
	struct fx_link l;

	tunnel_link(t, local, &l);
	newlink_dbg(t, &l, !ifindex);
	msg = fx_link_msg(RTM_NEWLINK, flags, ifindex);
	if (msg && ((!ifindex && nla_put_string(msg, IFLA_IFNAME, t->name)) ||
		    (t->mtu && nla_put_u32(msg, IFLA_MTU, t->mtu)) ||
		    fx_put_link_info(msg, &l)))
		return too_large(k, msg);
	return rt_run(k, msg, "NEWLINK", sizeof(struct ifinfomsg), NULL,
		      NULL);
}

static int link_set_up(struct kmi *k, const char *name, unsigned int ifindex,
		       bool up)
{
	struct ifinfomsg *ifi;
	struct nl_msg *msg;

	kmi_dbg(0, "flexsecd sending NEWLINK (%s %s) to rtnetlink", name,
		up ? "up" : "down");
	msg = fx_link_msg(RTM_NEWLINK, 0, ifindex);
	if (msg) {
		ifi = nlmsg_data(nlmsg_hdr(msg));
		ifi->ifi_flags = up ? IFF_UP : 0;
		ifi->ifi_change = IFF_UP;
	}
	return rt_run(k, msg, "NEWLINK", sizeof(struct ifinfomsg), NULL,
		      NULL);
}

/* --- addresses --- */

struct if_addr {
	int family;
	uint8_t a[16];
	uint8_t plen;
	uint8_t scope;
};

struct addr_list {
	unsigned int ifindex;
	int family;		/* 0: any */
	unsigned int n;
	struct if_addr addrs[MAX_ADDRS];
};

static size_t addr_len(int family)
{
	return family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
}

static int addr_reply(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[IFA_MAX + 1], *a;
	struct addr_list *l = arg;
	struct ifaddrmsg *ifa;
	struct if_addr *e;
	size_t len;

	if (nlmsg_parse(nlmsg_hdr(msg), sizeof(*ifa), tb, IFA_MAX, NULL) < 0)
		return -EBADMSG;
	ifa = nlmsg_data(nlmsg_hdr(msg));
	len = addr_len(ifa->ifa_family);
	/* Dumps are not filtered by older kernels: filter here. */
	if (ifa->ifa_index != l->ifindex || !len ||
	    (l->family && ifa->ifa_family != l->family) || l->n == MAX_ADDRS)
		return 0;
	a = tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	if (!a || nla_len(a) != (int)len)
		return 0;
	e = &l->addrs[l->n++];
	memset(e, 0, sizeof(*e));
	e->family = ifa->ifa_family;
	memcpy(e->a, nla_data(a), len);
	e->plen = ifa->ifa_prefixlen;
	e->scope = ifa->ifa_scope;
	return 0;
}

static struct nl_msg *addr_msg(int type, int flags, int family,
			       unsigned int ifindex, uint8_t plen)
{
	struct ifaddrmsg ifa = {
		.ifa_family = family,
		.ifa_prefixlen = plen,
		.ifa_index = ifindex,
	};
	struct nl_msg *msg;

	msg = nlmsg_alloc_simple(type, flags);
	if (msg && nlmsg_append(msg, &ifa, sizeof(ifa), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

/* The addresses of L->ifindex (of L->family, 0 for all). */
static int addr_dump(struct kmi *k, struct addr_list *l)
{
	struct nl_msg *msg;

	l->n = 0;
	kmi_dbg(0, "flexsecd sending GETADDR (ifindex %u) to rtnetlink",
		l->ifindex);
	msg = addr_msg(RTM_GETADDR, NLM_F_DUMP, l->family, 0, 0);
	return rt_run(k, msg, "GETADDR", sizeof(struct ifaddrmsg), addr_reply,
		      l);
}

static const char *addr_str(const struct if_addr *e, char *buf, size_t size)
{
	char a[64];

	if (!inet_ntop(e->family, e->a, a, sizeof(a)))
		snprintf(a, sizeof(a), "?");
	snprintf(buf, size, "%s/%u", a, e->plen);
	return buf;
}

/* RTM_NEWADDR or RTM_DELADDR of E on DEV. */
static int addr_change(struct kmi *k, int type, const char *dev,
		       unsigned int ifindex, const struct if_addr *e)
{
	int flags = type == RTM_NEWADDR ? NLM_F_CREATE | NLM_F_REPLACE : 0;
	size_t len = addr_len(e->family);
	const char *name = type == RTM_NEWADDR ? "NEWADDR" : "DELADDR";
	struct nl_msg *msg;
	char buf[80];

	kmi_dbg(0, "flexsecd sending %s (%s, %s) to rtnetlink", name,
		addr_str(e, buf, sizeof(buf)), dev);
	msg = addr_msg(type, flags, e->family, ifindex, e->plen);
	if (msg && (nla_put(msg, IFA_LOCAL, len, e->a) ||
		    nla_put(msg, IFA_ADDRESS, len, e->a)))
		return too_large(k, msg);
	return rt_run(k, msg, name, sizeof(struct ifaddrmsg), NULL, NULL);
}

static bool addr_same(const struct if_addr *e, const struct if_addr *want)
{
	return e->family == want->family && e->plen == want->plen &&
	       !memcmp(e->a, want->a, addr_len(e->family));
}

/*
 * Makes WANT the address of its family on the tunnel: the others of that
 * family go first (a new IPv4 address in the old one's subnet would be a
 * secondary, deleted with the old primary), IPv6 link-local ones stay.
 */
static int addr_apply(struct kmi *k, const struct addr_list *l,
		      const char *dev, const struct conf_addr *conf)
{
	struct if_addr want = { .family = conf->family, .plen = conf->plen };
	bool have = false, deleted = false;
	const struct if_addr *e;
	unsigned int i;
	int err;

	memcpy(want.a, conf->a, addr_len(conf->family));
	for (i = 0; i < l->n; i++) {
		e = &l->addrs[i];
		if (e->family != want.family ||
		    (e->family == AF_INET6 && e->scope == RT_SCOPE_LINK))
			continue;
		if (addr_same(e, &want)) {
			have = true;
			continue;
		}
		err = addr_change(k, RTM_DELADDR, dev, l->ifindex, e);
		/* Secondaries go with their primary. */
		if (err && err != -EADDRNOTAVAIL)
			return err;
		deleted = true;
	}
	if (have && !deleted)
		return 0;
	return addr_change(k, RTM_NEWADDR, dev, l->ifindex, &want);
}

static int tunnel_addrs(struct kmi *k, const struct conf_tunnel *t,
			unsigned int ifindex)
{
	struct addr_list *l;
	int err;

	if (!addr_len(t->ip.family) && !addr_len(t->ip6.family))
		return 0;
	l = calloc(1, sizeof(*l));
	if (!l)
		return kmi_fail(k, -ENOMEM, "out of memory");
	l->ifindex = ifindex;
	err = addr_dump(k, l);
	if (!err && addr_len(t->ip.family))
		err = addr_apply(k, l, t->name, &t->ip);
	if (!err && addr_len(t->ip6.family))
		err = addr_apply(k, l, t->name, &t->ip6);
	free(l);
	return err;
}

int kmi_tunnel_apply(struct kmi *k, const struct conf_tunnel *t,
		     const struct conf_addr *local, unsigned int *ifindex,
		     const char **errmsg)
{
	struct link_state ls;
	int err;

	set_errmsg(k, errmsg);
	if (strlen(t->name) >= IF_NAMESIZE)
		return kmi_fail(k, -EINVAL,
				"%s: Linux interface names have at most %d characters",
				t->name, IF_NAMESIZE - 1);
	err = link_get(k, t->name, &ls);
	if (err && err != -ENODEV)
		return err;
	if (!err && strcmp(ls.kind, FX_LINK_KIND))
		return kmi_fail(k, -EEXIST,
				"%s exists and is not a flexsec interface",
				t->name);
	err = link_put(k, t, local, ls.ifindex);
	if (!err && !ls.ifindex)
		err = link_get(k, t->name, &ls);
	if (err)
		return err;
	*ifindex = ls.ifindex;
	err = tunnel_addrs(k, t, ls.ifindex);
	if (err)
		return err;
	return link_set_up(k, t->name, ls.ifindex, !t->shutdown);
}

int kmi_tunnel_delete(struct kmi *k, const char *name)
{
	struct link_state ls;
	struct nl_msg *msg;
	int err;

	err = link_get(k, name, &ls);
	if (err == -ENODEV)
		return err;
	if (!err && strcmp(ls.kind, FX_LINK_KIND)) {
		log_err("KMI: not deleting %s: it is not a flexsec interface",
			name);
		return -EINVAL;
	}
	if (!err) {
		kmi_dbg(0, "flexsecd sending DELLINK (%s) to rtnetlink", name);
		/* By the index just checked: the name may change hands. */
		msg = fx_link_msg(RTM_DELLINK, 0, ls.ifindex);
		err = rt_run(k, msg, "DELLINK", sizeof(struct ifinfomsg), NULL,
			     NULL);
	}
	if (err && err != -ENODEV)
		log_err("KMI: deleting %s failed: %s", name, k->err);
	return err;
}

int kmi_if_addr(struct kmi *k, const char *name, struct conf_addr *out)
{
	struct addr_list *l;
	int err;

	l = calloc(1, sizeof(*l));
	if (!l)
		return -ENOMEM;
	l->ifindex = if_nametoindex(name);
	l->family = AF_INET;
	err = l->ifindex ? addr_dump(k, l) : -ENODEV;
	if (!err && !l->n)
		err = -EADDRNOTAVAIL;
	if (!err) {
		memset(out, 0, sizeof(*out));
		out->family = AF_INET;
		memcpy(out->a, l->addrs[0].a, 4);
		out->plen = 32;
	}
	free(l);
	return err;
}

/* --- sockets --- */

static int open_requests(struct kmi *k)
{
	int err;

	err = nlr_open(NETLINK_GENERIC, &k->req);
	if (err < 0) {
		log_err("KMI: generic netlink socket: %s", nl_geterror(err));
		return -EIO;
	}
	k->family = genl_ctrl_resolve(k->req, FLEXSEC_FAMILY_NAME);
	if (k->family == -NLE_OBJ_NOTFOUND) {
		log_err("KMI: no generic netlink family %s: is flexsec.ko loaded?",
			FLEXSEC_FAMILY_NAME);
		return -ENOENT;
	}
	if (k->family < 0) {
		log_err("KMI: generic netlink family %s: %s",
			FLEXSEC_FAMILY_NAME, nl_geterror(k->family));
		return -EIO;
	}
	return 0;
}

static int any_seq(struct nl_msg *msg, void *arg)
{
	return NL_OK;
}

static int open_events(struct kmi *k)
{
	int grp, err;

	grp = genl_ctrl_resolve_grp(k->req, FLEXSEC_FAMILY_NAME,
				    FLEXSEC_MCGRP_EVENTS);
	if (grp < 0) {
		log_err("KMI: no group %s in family %s: %s",
			FLEXSEC_MCGRP_EVENTS, FLEXSEC_FAMILY_NAME,
			nl_geterror(grp));
		return -ENOENT;
	}
	k->ev = nl_socket_alloc();
	k->ev_cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!k->ev || !k->ev_cb) {
		log_err("KMI: out of memory");
		return -ENOMEM;
	}
	/* Events are not answers: their sequence numbers are 0. */
	nl_cb_set(k->ev_cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, any_seq, NULL);
	nl_cb_set(k->ev_cb, NL_CB_VALID, NL_CB_CUSTOM, on_event, k);
	err = nl_connect(k->ev, NETLINK_GENERIC);
	if (!err) {
		err = nl_socket_add_membership(k->ev, grp);
		if (err < 0) {
			log_err("KMI: joining the %s %s group: %s",
				FLEXSEC_FAMILY_NAME, FLEXSEC_MCGRP_EVENTS,
				nlr_join_error(err));
			return -EIO;
		}
		err = nl_socket_set_nonblocking(k->ev);
	}
	if (err < 0) {
		log_err("KMI: events socket: %s", nl_geterror(err));
		return -EIO;
	}
	nl_socket_set_buffer_size(k->ev, EVENT_RCVBUF, 0);
	return 0;
}

static int open_rtnl(struct kmi *k)
{
	int err;

	err = nlr_open(NETLINK_ROUTE, &k->rt);
	if (err < 0) {
		log_err("KMI: rtnetlink socket: %s", nl_geterror(err));
		return -EIO;
	}
	return 0;
}

struct kmi *kmi_open(kmi_event_fn fn, void *ctx)
{
	struct kmi *k;

	k = calloc(1, sizeof(*k));
	if (!k) {
		log_err("KMI: out of memory");
		return NULL;
	}
	k->fn = fn;
	k->ctx = ctx;
	if (open_requests(k) || open_events(k) || open_rtnl(k)) {
		kmi_close(k);
		return NULL;
	}
	return k;
}

void kmi_close(struct kmi *k)
{
	if (!k)
		return;
	if (k->req)
		nl_socket_free(k->req);
	if (k->ev)
		nl_socket_free(k->ev);
	if (k->ev_cb)
		nl_cb_put(k->ev_cb);
	if (k->rt)
		nl_socket_free(k->rt);
	free(k);
}
