/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The view of "show crypto ipsec sa": what show_ipsec.c gathers from the
 * daemon's SAs and flexsec.ko's counters, and show_ipsec_out.c renders as
 * text or JSON.
 */
#ifndef FLEXSECD_SHOW_IPSEC_H
#define FLEXSECD_SHOW_IPSEC_H

#include <stdint.h>
#include <stdio.h>

#include <json-c/json.h>

#include "kmi.h"
#include "show_int.h"

struct child_view {
	const struct child_sa *ch;
	struct kmi_sa_stats in, out;
};

struct ipsec_totals {
	uint64_t encaps, decaps, send_errors, recv_errors;
	uint64_t replay, too_old, verify_failed, bad_padding, truncated;
	uint64_t gre_key, inner_proto, expired_rx, expired_tx, no_sa;
	uint64_t seq_overflow;
};

/*
 * One peer of one interface: an IKE SA's child SAs there, or the
 * tunnel's configuration when it has no SA.
 */
struct ipsec_block {
	const struct ike_sa *sa;
	char local_ident[IDENT_LEN], remote_ident[IDENT_LEN];
	char peer[ADDR_LEN], local[ADDR_LEN];
	unsigned int port;
	uint32_t out_spi;
	uint16_t pfs_group;
	struct ipsec_totals tot;
	struct child_view *v;
	unsigned int n;
};

struct ipsec_if {
	const char *name;
	const struct conf_tunnel *t;
	unsigned int mtu;
	struct ipsec_block *b;
	unsigned int n;
};

/* The interface IFC as text, or as one JSON object. */
void ipsec_if_text(FILE *out, const struct ipsec_if *ifc);
struct json_object *ipsec_if_json(const struct ipsec_if *ifc);

#endif /* FLEXSECD_SHOW_IPSEC_H */
