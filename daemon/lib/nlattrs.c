// SPDX-License-Identifier: GPL-2.0
/* The attribute sets: policies for replies, names for error reports. */

#include <errno.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "nlattrs.h"

#define SET(n, nests_)	{ n, sizeof(n) / sizeof((n)[0]) - 1, nests_ }

/* Names as in Documentation/netlink/specs/flexsec.yaml. */
static const char *const lifetime_names[FLEXSEC_A_LIFETIME_MAX + 1] = {
	[FLEXSEC_A_LIFETIME_PAD] = "pad",
	[FLEXSEC_A_LIFETIME_SOFT_BYTES] = "soft-bytes",
	[FLEXSEC_A_LIFETIME_HARD_BYTES] = "hard-bytes",
	[FLEXSEC_A_LIFETIME_SOFT_PACKETS] = "soft-packets",
	[FLEXSEC_A_LIFETIME_HARD_PACKETS] = "hard-packets",
	[FLEXSEC_A_LIFETIME_SOFT_SECONDS] = "soft-seconds",
	[FLEXSEC_A_LIFETIME_HARD_SECONDS] = "hard-seconds",
};

static const struct attr_set lifetime_attr_set = SET(lifetime_names, NULL);

static const char *const sa_names[FLEXSEC_A_SA_MAX + 1] = {
	[FLEXSEC_A_SA_PAD] = "pad",
	[FLEXSEC_A_SA_ID] = "id",
	[FLEXSEC_A_SA_IFINDEX] = "ifindex",
	[FLEXSEC_A_SA_SPI] = "spi",
	[FLEXSEC_A_SA_DIR] = "dir",
	[FLEXSEC_A_SA_ENC_ALG] = "enc-alg",
	[FLEXSEC_A_SA_ENC_KEY_LEN] = "enc-key-len",
	[FLEXSEC_A_SA_ENC_KEY] = "enc-key",
	[FLEXSEC_A_SA_AUTH_ALG] = "auth-alg",
	[FLEXSEC_A_SA_AUTH_KEY] = "auth-key",
	[FLEXSEC_A_SA_REPLAY_WINDOW] = "replay-window",
	[FLEXSEC_A_SA_ESN] = "esn",
	[FLEXSEC_A_SA_SEQ] = "seq",
	[FLEXSEC_A_SA_LIFETIME] = "lifetime",
	[FLEXSEC_A_SA_STANDBY] = "standby",
	[FLEXSEC_A_SA_ACTIVE] = "active",
	[FLEXSEC_A_SA_STATS] = "stats",
	[FLEXSEC_A_SA_AGE] = "age",
	[FLEXSEC_A_SA_LOCAL] = "local",
	[FLEXSEC_A_SA_REMOTE] = "remote",
	[FLEXSEC_A_SA_LIMIT] = "limit",
	[FLEXSEC_A_SA_IFNAME] = "ifname",
	[FLEXSEC_A_SA_ENCAP_LOCAL_PORT] = "encap-local-port",
	[FLEXSEC_A_SA_ENCAP_REMOTE_PORT] = "encap-remote-port",
	[FLEXSEC_A_SA_FD] = "fd",
};

static const struct attr_set *const sa_nests[FLEXSEC_A_SA_MAX + 1] = {
	[FLEXSEC_A_SA_LIFETIME] = &lifetime_attr_set,
};

const struct attr_set sa_attr_set = SET(sa_names, sa_nests);

static const char *const tunnel_names[FLEXSEC_A_TUNNEL_MAX + 1] = {
	[FLEXSEC_A_TUNNEL_PAD] = "pad",
	[FLEXSEC_A_TUNNEL_IFINDEX] = "ifindex",
	[FLEXSEC_A_TUNNEL_IFNAME] = "ifname",
	[FLEXSEC_A_TUNNEL_MODE] = "mode",
	[FLEXSEC_A_TUNNEL_LOCAL] = "local",
	[FLEXSEC_A_TUNNEL_REMOTE] = "remote",
	[FLEXSEC_A_TUNNEL_IKEY] = "ikey",
	[FLEXSEC_A_TUNNEL_OKEY] = "okey",
	[FLEXSEC_A_TUNNEL_LINK] = "link",
	[FLEXSEC_A_TUNNEL_SA_COUNT] = "sa-count",
	[FLEXSEC_A_TUNNEL_OUT_SPI] = "out-spi",
	[FLEXSEC_A_TUNNEL_STATS] = "stats",
};

const struct attr_set tunnel_attr_set = SET(tunnel_names, NULL);

/* rtnetlink: RTM_NEWLINK with IFLA_LINKINFO { kind, data { flexsec } }. */
static const char *const flexsec_link_names[IFLA_FLEXSEC_MAX + 1] = {
	[IFLA_FLEXSEC_MODE] = "mode",
	[IFLA_FLEXSEC_LOCAL] = "local",
	[IFLA_FLEXSEC_REMOTE] = "remote",
	[IFLA_FLEXSEC_IKEY] = "ikey",
	[IFLA_FLEXSEC_OKEY] = "okey",
	[IFLA_FLEXSEC_LINK] = "link",
	[IFLA_FLEXSEC_TTL] = "ttl",
	[IFLA_FLEXSEC_TOS] = "tos",
	[IFLA_FLEXSEC_PMTUDISC] = "pmtudisc",
	[IFLA_FLEXSEC_CARRIER_SA] = "carrier-sa",
};

static const struct attr_set flexsec_link_attr_set =
	SET(flexsec_link_names, NULL);

static const char *const linkinfo_names[IFLA_INFO_DATA + 1] = {
	[IFLA_INFO_KIND] = "kind",
	[IFLA_INFO_DATA] = "data",
};

static const struct attr_set *const linkinfo_nests[IFLA_INFO_DATA + 1] = {
	[IFLA_INFO_DATA] = &flexsec_link_attr_set,
};

static const struct attr_set linkinfo_attr_set =
	SET(linkinfo_names, linkinfo_nests);

static const char *const link_names[IFLA_LINKINFO + 1] = {
	[IFLA_IFNAME] = "ifname",
	[IFLA_LINKINFO] = "linkinfo",
};

static const struct attr_set *const link_nests[IFLA_LINKINFO + 1] = {
	[IFLA_LINKINFO] = &linkinfo_attr_set,
};

const struct attr_set rtnl_link_attr_set = SET(link_names, link_nests);

const struct nla_policy lifetime_policy[FLEXSEC_A_LIFETIME_MAX + 1] = {
	[FLEXSEC_A_LIFETIME_SOFT_BYTES] = { .type = NLA_U64 },
	[FLEXSEC_A_LIFETIME_HARD_BYTES] = { .type = NLA_U64 },
	[FLEXSEC_A_LIFETIME_SOFT_PACKETS] = { .type = NLA_U64 },
	[FLEXSEC_A_LIFETIME_HARD_PACKETS] = { .type = NLA_U64 },
	[FLEXSEC_A_LIFETIME_SOFT_SECONDS] = { .type = NLA_U64 },
	[FLEXSEC_A_LIFETIME_HARD_SECONDS] = { .type = NLA_U64 },
};

const struct nla_policy stats_policy[FLEXSEC_A_STATS_MAX + 1] = {
	[FLEXSEC_A_STATS_RX_PACKETS ... FLEXSEC_A_STATS_MAX] = {
		.type = NLA_U64
	},
};

const struct nla_policy sa_policy[FLEXSEC_A_SA_MAX + 1] = {
	[FLEXSEC_A_SA_ID] = { .type = NLA_U32 },
	[FLEXSEC_A_SA_IFINDEX] = { .type = NLA_U32 },
	[FLEXSEC_A_SA_SPI] = { .type = NLA_U32 },
	[FLEXSEC_A_SA_DIR] = { .type = NLA_U32 },
	[FLEXSEC_A_SA_ENC_ALG] = { .type = NLA_U32 },
	[FLEXSEC_A_SA_ENC_KEY_LEN] = { .type = NLA_U32 },
	[FLEXSEC_A_SA_AUTH_ALG] = { .type = NLA_U32 },
	[FLEXSEC_A_SA_REPLAY_WINDOW] = { .type = NLA_U32 },
	[FLEXSEC_A_SA_ESN] = { .type = NLA_FLAG },
	[FLEXSEC_A_SA_SEQ] = { .type = NLA_U64 },
	[FLEXSEC_A_SA_LIFETIME] = { .type = NLA_NESTED },
	[FLEXSEC_A_SA_STANDBY] = { .type = NLA_FLAG },
	[FLEXSEC_A_SA_ACTIVE] = { .type = NLA_FLAG },
	[FLEXSEC_A_SA_STATS] = { .type = NLA_NESTED },
	[FLEXSEC_A_SA_AGE] = { .type = NLA_U64 },
	[FLEXSEC_A_SA_LOCAL] = { .type = NLA_UNSPEC },
	[FLEXSEC_A_SA_REMOTE] = { .type = NLA_UNSPEC },
	[FLEXSEC_A_SA_LIMIT] = { .type = NLA_U32 },
	[FLEXSEC_A_SA_IFNAME] = { .type = NLA_STRING },
	[FLEXSEC_A_SA_ENCAP_LOCAL_PORT] = { .type = NLA_U16 },
	[FLEXSEC_A_SA_ENCAP_REMOTE_PORT] = { .type = NLA_U16 },
	[FLEXSEC_A_SA_FD] = { .type = NLA_U32 },
};

const struct nla_policy tunnel_policy[FLEXSEC_A_TUNNEL_MAX + 1] = {
	[FLEXSEC_A_TUNNEL_IFINDEX] = { .type = NLA_U32 },
	[FLEXSEC_A_TUNNEL_IFNAME] = { .type = NLA_STRING },
	[FLEXSEC_A_TUNNEL_MODE] = { .type = NLA_U32 },
	[FLEXSEC_A_TUNNEL_LOCAL] = { .type = NLA_UNSPEC },
	[FLEXSEC_A_TUNNEL_REMOTE] = { .type = NLA_UNSPEC },
	[FLEXSEC_A_TUNNEL_IKEY] = { .type = NLA_U32 },
	[FLEXSEC_A_TUNNEL_OKEY] = { .type = NLA_U32 },
	[FLEXSEC_A_TUNNEL_LINK] = { .type = NLA_U32 },
	[FLEXSEC_A_TUNNEL_SA_COUNT] = { .type = NLA_U32 },
	[FLEXSEC_A_TUNNEL_OUT_SPI] = { .type = NLA_U32 },
	[FLEXSEC_A_TUNNEL_STATS] = { .type = NLA_NESTED },
};

int parse_nest(struct nlattr **tb, int max, const struct nlattr *nest,
	       const struct nla_policy *policy)
{
	int i;

	if (!nest) {
		for (i = 0; i <= max; i++)
			tb[i] = NULL;
		return 0;
	}
	if (nla_parse_nested(tb, max, (struct nlattr *)nest,
			     (struct nla_policy *)policy) < 0)
		return -EBADMSG;
	return 0;
}
