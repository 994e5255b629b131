// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/flexsec.yaml */
/* YNL-GEN kernel source */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "netlink-gen.h"

#include <uapi/linux/flexsec.h>

/* Common nested types */
const struct nla_policy flexsec_lifetime_nl_policy[FLEXSEC_A_LIFETIME_HARD_SECONDS + 1] = {
	[FLEXSEC_A_LIFETIME_SOFT_BYTES] = { .type = NLA_U64, },
	[FLEXSEC_A_LIFETIME_HARD_BYTES] = { .type = NLA_U64, },
	[FLEXSEC_A_LIFETIME_SOFT_PACKETS] = { .type = NLA_U64, },
	[FLEXSEC_A_LIFETIME_HARD_PACKETS] = { .type = NLA_U64, },
	[FLEXSEC_A_LIFETIME_SOFT_SECONDS] = { .type = NLA_U64, },
	[FLEXSEC_A_LIFETIME_HARD_SECONDS] = { .type = NLA_U64, },
};

/* FLEXSEC_CMD_SA_NEW - do */
static const struct nla_policy flexsec_sa_new_nl_policy[FLEXSEC_A_SA_ENCAP_REMOTE_PORT + 1] = {
	[FLEXSEC_A_SA_IFINDEX] = { .type = NLA_U32, },
	[FLEXSEC_A_SA_SPI] = NLA_POLICY_MIN(NLA_U32, 256),
	[FLEXSEC_A_SA_DIR] = NLA_POLICY_RANGE(NLA_U32, 1, 2),
	[FLEXSEC_A_SA_ENC_ALG] = { .type = NLA_U32, },
	[FLEXSEC_A_SA_ENC_KEY] = { .type = NLA_BINARY, },
	[FLEXSEC_A_SA_AUTH_ALG] = { .type = NLA_U32, },
	[FLEXSEC_A_SA_AUTH_KEY] = { .type = NLA_BINARY, },
	[FLEXSEC_A_SA_REPLAY_WINDOW] = { .type = NLA_U32, },
	[FLEXSEC_A_SA_ESN] = { .type = NLA_FLAG, },
	[FLEXSEC_A_SA_SEQ] = { .type = NLA_U64, },
	[FLEXSEC_A_SA_LIFETIME] = NLA_POLICY_NESTED(flexsec_lifetime_nl_policy),
	[FLEXSEC_A_SA_STANDBY] = { .type = NLA_FLAG, },
	[FLEXSEC_A_SA_ENCAP_LOCAL_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[FLEXSEC_A_SA_ENCAP_REMOTE_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
};

/* FLEXSEC_CMD_SA_DEL - do */
static const struct nla_policy flexsec_sa_del_nl_policy[FLEXSEC_A_SA_DIR + 1] = {
	[FLEXSEC_A_SA_IFINDEX] = { .type = NLA_U32, },
	[FLEXSEC_A_SA_SPI] = NLA_POLICY_MIN(NLA_U32, 256),
	[FLEXSEC_A_SA_DIR] = NLA_POLICY_RANGE(NLA_U32, 1, 2),
};

/* FLEXSEC_CMD_SA_GET - do */
static const struct nla_policy flexsec_sa_get_do_nl_policy[FLEXSEC_A_SA_DIR + 1] = {
	[FLEXSEC_A_SA_IFINDEX] = { .type = NLA_U32, },
	[FLEXSEC_A_SA_SPI] = NLA_POLICY_MIN(NLA_U32, 256),
	[FLEXSEC_A_SA_DIR] = NLA_POLICY_RANGE(NLA_U32, 1, 2),
};

/* FLEXSEC_CMD_SA_GET - dump */
static const struct nla_policy flexsec_sa_get_dump_nl_policy[FLEXSEC_A_SA_IFINDEX + 1] = {
	[FLEXSEC_A_SA_IFINDEX] = { .type = NLA_U32, },
};

/* FLEXSEC_CMD_SA_FLUSH - do */
static const struct nla_policy flexsec_sa_flush_nl_policy[FLEXSEC_A_SA_DIR + 1] = {
	[FLEXSEC_A_SA_IFINDEX] = { .type = NLA_U32, },
	[FLEXSEC_A_SA_DIR] = NLA_POLICY_RANGE(NLA_U32, 1, 2),
};

/* FLEXSEC_CMD_SA_ACTIVATE - do */
static const struct nla_policy flexsec_sa_activate_nl_policy[FLEXSEC_A_SA_SPI + 1] = {
	[FLEXSEC_A_SA_IFINDEX] = { .type = NLA_U32, },
	[FLEXSEC_A_SA_SPI] = NLA_POLICY_MIN(NLA_U32, 256),
};

/* FLEXSEC_CMD_TUNNEL_GET - dump */
static const struct nla_policy flexsec_tunnel_get_nl_policy[FLEXSEC_A_TUNNEL_IFINDEX + 1] = {
	[FLEXSEC_A_TUNNEL_IFINDEX] = { .type = NLA_U32, },
};

/* FLEXSEC_CMD_SA_SET - do */
static const struct nla_policy flexsec_sa_set_nl_policy[FLEXSEC_A_SA_ENCAP_REMOTE_PORT + 1] = {
	[FLEXSEC_A_SA_IFINDEX] = { .type = NLA_U32, },
	[FLEXSEC_A_SA_SPI] = NLA_POLICY_MIN(NLA_U32, 256),
	[FLEXSEC_A_SA_DIR] = NLA_POLICY_RANGE(NLA_U32, 1, 2),
	[FLEXSEC_A_SA_ENCAP_REMOTE_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
};

/* FLEXSEC_CMD_ENCAP_ATTACH - do */
static const struct nla_policy flexsec_encap_attach_nl_policy[FLEXSEC_A_SA_FD + 1] = {
	[FLEXSEC_A_SA_FD] = { .type = NLA_U32, },
};

/* Ops table for flexsec */
const struct genl_split_ops flexsec_nl_ops[9] = {
	{
		.cmd		= FLEXSEC_CMD_SA_NEW,
		.doit		= flexsec_nl_sa_new_doit,
		.policy		= flexsec_sa_new_nl_policy,
		.maxattr	= FLEXSEC_A_SA_ENCAP_REMOTE_PORT,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= FLEXSEC_CMD_SA_DEL,
		.doit		= flexsec_nl_sa_del_doit,
		.policy		= flexsec_sa_del_nl_policy,
		.maxattr	= FLEXSEC_A_SA_DIR,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= FLEXSEC_CMD_SA_GET,
		.doit		= flexsec_nl_sa_get_doit,
		.policy		= flexsec_sa_get_do_nl_policy,
		.maxattr	= FLEXSEC_A_SA_DIR,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= FLEXSEC_CMD_SA_GET,
		.dumpit		= flexsec_nl_sa_get_dumpit,
		.policy		= flexsec_sa_get_dump_nl_policy,
		.maxattr	= FLEXSEC_A_SA_IFINDEX,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= FLEXSEC_CMD_SA_FLUSH,
		.doit		= flexsec_nl_sa_flush_doit,
		.policy		= flexsec_sa_flush_nl_policy,
		.maxattr	= FLEXSEC_A_SA_DIR,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= FLEXSEC_CMD_SA_ACTIVATE,
		.doit		= flexsec_nl_sa_activate_doit,
		.policy		= flexsec_sa_activate_nl_policy,
		.maxattr	= FLEXSEC_A_SA_SPI,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= FLEXSEC_CMD_TUNNEL_GET,
		.dumpit		= flexsec_nl_tunnel_get_dumpit,
		.policy		= flexsec_tunnel_get_nl_policy,
		.maxattr	= FLEXSEC_A_TUNNEL_IFINDEX,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= FLEXSEC_CMD_SA_SET,
		.doit		= flexsec_nl_sa_set_doit,
		.policy		= flexsec_sa_set_nl_policy,
		.maxattr	= FLEXSEC_A_SA_ENCAP_REMOTE_PORT,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= FLEXSEC_CMD_ENCAP_ATTACH,
		.doit		= flexsec_nl_encap_attach_doit,
		.policy		= flexsec_encap_attach_nl_policy,
		.maxattr	= FLEXSEC_A_SA_FD,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
};

static const struct genl_multicast_group flexsec_nl_mcgrps[] = {
	[FLEXSEC_NLGRP_EVENTS] = { "events", },
};
