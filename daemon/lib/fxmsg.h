/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Requests to flexsec.ko built from plain values, for the CLI and
 * flexsecd alike: the attributes of sa-new and of the selectors of the
 * other SA commands, and the rtnetlink link messages of link kind
 * "flexsec".
 */

#ifndef FLEXSEC_FXMSG_H
#define FLEXSEC_FXMSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/flexsec.h>
#include <netlink/msg.h>

#define FX_LINK_KIND	"flexsec"

/* The SA selector: each of IFINDEX, SPI and DIR is left out when 0. */
int fx_put_sa_sel(struct nl_msg *msg, uint32_t ifindex, uint32_t spi,
		  uint32_t dir);

/* The attributes of sa-new. Keys are only pointed at. */
struct fx_sa_new {
	uint32_t ifindex, spi, dir;
	uint32_t enc_alg;			/* enum flexsec_enc_alg */
	const uint8_t *enc_key;
	size_t enc_key_len;
	uint32_t auth_alg;			/* 0: none (AEAD) */
	const uint8_t *auth_key;
	size_t auth_key_len;
	bool has_replay;			/* else the kernel's default */
	uint32_t replay_window;
	bool esn;
	bool has_seq;
	uint64_t seq;
	bool standby;
	/* UDP encapsulation (RFC 3948), host order; 0: plain ESP */
	uint16_t encap_lport, encap_rport;
	/* Lifetime limits, by FLEXSEC_A_LIFETIME_* attribute. */
	bool has_limit[FLEXSEC_A_LIFETIME_MAX + 1];
	uint64_t limit[FLEXSEC_A_LIFETIME_MAX + 1];
};

/* 0, or -EMSGSIZE when MSG has no room. */
int fx_put_sa_new(struct nl_msg *msg, const struct fx_sa_new *p);

/* The IFLA_FLEXSEC_* attributes of a tunnel. */
struct fx_link {
	uint32_t mode;			/* enum flexsec_mode */
	const uint8_t *local, *remote;	/* network order; NULL: none */
	size_t local_len, remote_len;	/* 4 or 16 */
	bool has_ikey, has_okey;
	uint32_t ikey, okey;
	uint32_t link;			/* underlay ifindex, or 0 */
	bool has_ttl, has_tos, has_pmtudisc, has_carrier_sa;
	uint8_t ttl, tos, pmtudisc, carrier_sa;
};

/*
 * An RTM_*LINK request with its struct ifinfomsg for IFINDEX (0: by
 * name); NULL when out of memory.
 */
struct nl_msg *fx_link_msg(int type, int flags, unsigned int ifindex);
/* IFLA_LINKINFO { kind "flexsec", data { L } }; 0 or -EMSGSIZE. */
int fx_put_link_info(struct nl_msg *msg, const struct fx_link *l);
/*
 * The index and the kind ("" when none) of a link in an RTM_NEWLINK
 * message; 0 or -EBADMSG.
 */
int fx_link_parse(struct nl_msg *msg, unsigned int *ifindex, char *kind,
		  size_t size);

#endif /* FLEXSEC_FXMSG_H */
