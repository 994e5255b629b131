// SPDX-License-Identifier: GPL-2.0
/* Requests to flexsec.ko built from plain values. */

#include <errno.h>
#include <sys/socket.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>

#include "fxmsg.h"

int fx_put_sa_sel(struct nl_msg *msg, uint32_t ifindex, uint32_t spi,
		  uint32_t dir)
{
	if ((ifindex && nla_put_u32(msg, FLEXSEC_A_SA_IFINDEX, ifindex)) ||
	    (spi && nla_put_u32(msg, FLEXSEC_A_SA_SPI, spi)) ||
	    (dir && nla_put_u32(msg, FLEXSEC_A_SA_DIR, dir)))
		return -EMSGSIZE;
	return 0;
}

static int put_lifetime(struct nl_msg *msg, const struct fx_sa_new *p)
{
	struct nlattr *nest = NULL;
	int attr;

	for (attr = FLEXSEC_A_LIFETIME_SOFT_BYTES;
	     attr <= FLEXSEC_A_LIFETIME_MAX; attr++) {
		if (!p->has_limit[attr])
			continue;
		if (!nest)
			nest = nla_nest_start(msg, FLEXSEC_A_SA_LIFETIME);
		if (!nest || nla_put_u64(msg, attr, p->limit[attr]))
			return -EMSGSIZE;
	}
	if (nest)
		nla_nest_end(msg, nest);
	return 0;
}

int fx_put_sa_new(struct nl_msg *msg, const struct fx_sa_new *p)
{
	if (fx_put_sa_sel(msg, p->ifindex, p->spi, p->dir) ||
	    nla_put_u32(msg, FLEXSEC_A_SA_ENC_ALG, p->enc_alg) ||
	    nla_put(msg, FLEXSEC_A_SA_ENC_KEY, p->enc_key_len, p->enc_key))
		return -EMSGSIZE;
	if (p->auth_alg &&
	    (nla_put_u32(msg, FLEXSEC_A_SA_AUTH_ALG, p->auth_alg) ||
	     nla_put(msg, FLEXSEC_A_SA_AUTH_KEY, p->auth_key_len,
		     p->auth_key)))
		return -EMSGSIZE;
	if (p->has_replay &&
	    nla_put_u32(msg, FLEXSEC_A_SA_REPLAY_WINDOW, p->replay_window))
		return -EMSGSIZE;
	if (p->esn && nla_put_flag(msg, FLEXSEC_A_SA_ESN))
		return -EMSGSIZE;
	if (p->has_seq && nla_put_u64(msg, FLEXSEC_A_SA_SEQ, p->seq))
		return -EMSGSIZE;
	if (p->standby && nla_put_flag(msg, FLEXSEC_A_SA_STANDBY))
		return -EMSGSIZE;
	if (p->encap_lport &&
	    (nla_put_u16(msg, FLEXSEC_A_SA_ENCAP_LOCAL_PORT, p->encap_lport) ||
	     nla_put_u16(msg, FLEXSEC_A_SA_ENCAP_REMOTE_PORT, p->encap_rport)))
		return -EMSGSIZE;
	return put_lifetime(msg, p);
}

struct nl_msg *fx_link_msg(int type, int flags, unsigned int ifindex)
{
	struct ifinfomsg ifi = {
		.ifi_family = AF_UNSPEC,
		.ifi_index = ifindex,
	};
	struct nl_msg *msg;

	msg = nlmsg_alloc_simple(type, flags);
	if (msg && nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

static int put_link_data(struct nl_msg *msg, const struct fx_link *l)
{
	if (nla_put_u32(msg, IFLA_FLEXSEC_MODE, l->mode) ||
	    (l->local &&
	     nla_put(msg, IFLA_FLEXSEC_LOCAL, l->local_len, l->local)) ||
	    (l->remote &&
	     nla_put(msg, IFLA_FLEXSEC_REMOTE, l->remote_len, l->remote)))
		return -EMSGSIZE;
	if ((l->has_ikey && nla_put_u32(msg, IFLA_FLEXSEC_IKEY, l->ikey)) ||
	    (l->has_okey && nla_put_u32(msg, IFLA_FLEXSEC_OKEY, l->okey)) ||
	    (l->link && nla_put_u32(msg, IFLA_FLEXSEC_LINK, l->link)))
		return -EMSGSIZE;
	if ((l->has_ttl && nla_put_u8(msg, IFLA_FLEXSEC_TTL, l->ttl)) ||
	    (l->has_tos && nla_put_u8(msg, IFLA_FLEXSEC_TOS, l->tos)) ||
	    (l->has_pmtudisc &&
	     nla_put_u8(msg, IFLA_FLEXSEC_PMTUDISC, l->pmtudisc)) ||
	    (l->has_carrier_sa &&
	     nla_put_u8(msg, IFLA_FLEXSEC_CARRIER_SA, l->carrier_sa)))
		return -EMSGSIZE;
	return 0;
}

int fx_put_link_info(struct nl_msg *msg, const struct fx_link *l)
{
	struct nlattr *info, *data;

	info = nla_nest_start(msg, IFLA_LINKINFO);
	if (!info || nla_put_string(msg, IFLA_INFO_KIND, FX_LINK_KIND))
		return -EMSGSIZE;
	data = nla_nest_start(msg, IFLA_INFO_DATA);
	if (!data || put_link_data(msg, l))
		return -EMSGSIZE;
	nla_nest_end(msg, data);
	nla_nest_end(msg, info);
	return 0;
}

int fx_link_parse(struct nl_msg *msg, unsigned int *ifindex, char *kind,
		  size_t size)
{
	struct nlattr *tb[IFLA_MAX + 1], *info[IFLA_INFO_MAX + 1];
	struct nlmsghdr *h = nlmsg_hdr(msg);
	struct ifinfomsg *ifi;

	if (size)
		kind[0] = '\0';
	if (nlmsg_parse(h, sizeof(*ifi), tb, IFLA_MAX, NULL) < 0)
		return -EBADMSG;
	ifi = nlmsg_data(h);
	*ifindex = ifi->ifi_index;
	if (!tb[IFLA_LINKINFO] ||
	    nla_parse_nested(info, IFLA_INFO_MAX, tb[IFLA_LINKINFO],
			     NULL) < 0 ||
	    !info[IFLA_INFO_KIND])
		return 0;
	nla_strlcpy(kind, info[IFLA_INFO_KIND], size);
	return 0;
}
