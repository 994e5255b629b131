// SPDX-License-Identifier: GPL-2.0
/*
 * The SAs of flexsec.ko: SA_NEW with its checks, SA_DEL, SA_ACTIVATE,
 * SA_FLUSH, and SA_GET for the counters and for free inbound SPIs.
 */

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include <linux/flexsec.h>
#include <netlink/genl/genl.h>

#include "diag.h"
#include "fxmsg.h"
#include "fxnames.h"
#include "kmi_int.h"
#include "nlattrs.h"

#define SPI_MIN		0x100		/* RFC 4303 reserves 0-255 */
#define SPI_TRIES	64

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

void kmi_sa_wipe(struct kmi_sa *sa)
{
	explicit_bzero(sa->enc_key, sizeof(sa->enc_key));
	explicit_bzero(sa->auth_key, sizeof(sa->auth_key));
	sa->enc_key_len = 0;
	sa->auth_key_len = 0;
}

/*
 * The kernel takes any key length the algorithm allows: check that the
 * key is one of the lengths flexsec.ko's names table gives the algorithm
 * (AES-GCM with 20 or 36 bytes, not with 32), and find the names of the
 * debug lines there.
 */
static int sa_check(struct kmi *k, const struct kmi_sa *sa,
		    const struct enc_alg_info **enc,
		    const struct auth_alg_info **auth)
{
	*enc = enc_alg_find(sa->enc_alg, sa->enc_key_len);
	*auth = NULL;
	if (!enc_alg_name(sa->enc_alg))
		return kmi_fail(k, -EINVAL,
				"flexsec.ko has no encryption algorithm %u",
				sa->enc_alg);
	if (!*enc)
		return kmi_fail(k, -EINVAL, "%s takes no %u-byte key",
				enc_alg_name(sa->enc_alg), sa->enc_key_len);
	if (!(*enc)->needs_auth) {
		if (sa->auth_alg)
			return kmi_fail(k, -EINVAL,
					"%s is an AEAD: no integrity algorithm goes with it",
					(*enc)->name);
		return 0;
	}
	*auth = auth_alg_find(sa->auth_alg);
	if (!sa->auth_alg)
		return kmi_fail(k, -EINVAL, "%s needs an integrity algorithm",
				(*enc)->name);
	if (!*auth)
		return kmi_fail(k, -EINVAL,
				"flexsec.ko has no integrity algorithm %u",
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
		.encap_lport = sa->encap_lport,
		.encap_rport = sa->encap_rport,
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
	if (sa->encap_lport && n < sizeof(more))
		n += snprintf(more + n, sizeof(more) - n, ", UDP %u-%u",
			      sa->encap_lport, sa->encap_rport);
	if ((sa->hard_bytes || sa->hard_seconds) && n < sizeof(more))
		snprintf(more + n, sizeof(more) - n,
			 ", lifetime %llu/%llu s %llu/%llu bytes (soft/hard)",
			 (unsigned long long)sa->soft_seconds,
			 (unsigned long long)sa->hard_seconds,
			 (unsigned long long)sa->soft_bytes,
			 (unsigned long long)sa->hard_bytes);
	kmi_dbg(sa->session_id,
		"flexsecd sending SA_NEW (%s SPI 0x%08x, %s%s%s, %s%s) to flexsec.ko",
		kmi_dir(sa->inbound), sa->spi, enc->name, auth ? "/" : "",
		auth ? auth->name : "", kmi_ifname(sa->ifindex, name), more);
}

int kmi_sa_add(struct kmi *k, const struct kmi_sa *sa, const char **errmsg)
{
	const struct enc_alg_info *enc;
	const struct auth_alg_info *auth;
	struct nl_msg *msg;
	int err;

	kmi_errmsg(k, errmsg);
	err = sa_check(k, sa, &enc, &auth);
	if (err)
		return err;
	sa_new_dbg(sa, enc, auth);
	msg = sa_msg(k, FLEXSEC_CMD_SA_NEW);
	if (msg && sa_new_fill(msg, sa, enc, auth))
		return kmi_too_large(k, msg);
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
		return kmi_too_large(k, msg);
	return sa_run(k, msg, name, sid, reply, arg);
}

/* Requests without an errmsg for the caller log their failures. */
static void sa_failed(const struct kmi *k, const char *name,
		      unsigned int ifindex, uint32_t spi)
{
	char dev[IFNAME_BUF];

	if (spi)
		log_err("KMI: %s of SPI 0x%08x on %s failed: %s", name, spi,
			kmi_ifname(ifindex, dev), k->err);
	else
		log_err("KMI: %s on %s failed: %s", name,
			kmi_ifname(ifindex, dev), k->err);
}

int kmi_sa_del(struct kmi *k, unsigned int ifindex, bool inbound,
	       uint32_t spi, uint32_t session_id)
{
	char dev[IFNAME_BUF];
	int err;

	kmi_dbg(session_id,
		"flexsecd sending SA_DEL (%s SPI 0x%08x, %s) to flexsec.ko",
		kmi_dir(inbound), spi, kmi_ifname(ifindex, dev));
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
		spi, kmi_ifname(ifindex, dev));
	/* sa-activate takes no direction: it is about outbound SAs. */
	err = sa_sel_run(k, FLEXSEC_CMD_SA_ACTIVATE, "SA_ACTIVATE", ifindex,
			 spi, 0, session_id, NULL, NULL);
	if (err)
		sa_failed(k, "SA_ACTIVATE", ifindex, spi);
	return err;
}

int kmi_sa_set_port(struct kmi *k, unsigned int ifindex, bool inbound,
		    uint32_t spi, uint16_t rport, uint32_t session_id)
{
	char dev[IFNAME_BUF];
	struct nl_msg *msg;
	int err;

	kmi_dbg(session_id,
		"flexsecd sending SA_SET (%s SPI 0x%08x, %s, peer UDP port %u) to flexsec.ko",
		kmi_dir(inbound), spi, kmi_ifname(ifindex, dev), rport);
	msg = sa_msg(k, FLEXSEC_CMD_SA_SET);
	if (msg && (fx_put_sa_sel(msg, ifindex, spi,
				  inbound ? FLEXSEC_DIR_IN : FLEXSEC_DIR_OUT) ||
		    nla_put_u16(msg, FLEXSEC_A_SA_ENCAP_REMOTE_PORT, rport)))
		return kmi_too_large(k, msg);
	err = sa_run(k, msg, "SA_SET", session_id, NULL, NULL);
	if (err)
		sa_failed(k, "SA_SET", ifindex, spi);
	return err;
}

int kmi_encap_attach(struct kmi *k, int fd, const char **errmsg)
{
	struct nl_msg *msg;

	kmi_errmsg(k, errmsg);
	kmi_dbg(0, "flexsecd sending ENCAP_ATTACH (NAT-T socket) to flexsec.ko");
	msg = sa_msg(k, FLEXSEC_CMD_ENCAP_ATTACH);
	if (msg && nla_put_u32(msg, FLEXSEC_A_SA_FD, (uint32_t)fd))
		return kmi_too_large(k, msg);
	return sa_run(k, msg, "ENCAP_ATTACH", 0, NULL, NULL);
}

int kmi_sa_flush(struct kmi *k, unsigned int ifindex)
{
	char dev[IFNAME_BUF];
	int err;

	kmi_dbg(0, "flexsecd sending SA_FLUSH (%s) to flexsec.ko",
		kmi_ifname(ifindex, dev));
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
	STAT(RX_ENCAP, rx_encap),
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
		kmi_dir(inbound), spi, kmi_ifname(ifindex, dev));
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
