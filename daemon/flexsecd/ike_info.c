// SPDX-License-Identifier: GPL-2.0
/*
 * INFORMATIONAL exchanges (RFC 7296 1.4): DELETE of the IKE SA or of
 * CHILD SAs, empty requests answered as liveness checks, and our own
 * DELETE when an SA is cleared or must go.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "algs.h"
#include "hub.h"
#include "ike_int.h"
#include "kmi.h"
#include "net.h"
#include "sa_mgr.h"

void ike_info_rx_request(struct ike_sa *sa, const struct ike_msg *m)
{
	uint8_t spis[4 * 64];
	struct ike_delete_pl d;
	struct msg_builder mb;
	struct parse_err e;
	bool ike_deleted = false;
	uint16_t nspi = 0;
	unsigned int i, j;
	struct dctx dc;

	ike_dctx(sa, &dc);
	mb_init(&mb);
	if (!m->n)
		dbg(DBG_IKEV2, &dc, "Received liveness check (empty INFORMATIONAL); answering");
	for (i = 0; i < m->n; i++) {
		if (m->pl[i].type == IKE_PL_CP)
			hub_cfg_set(sa, &m->pl[i], &mb);
		if (m->pl[i].type != IKE_PL_DELETE ||
		    ike_parse_delete(&m->pl[i], &d, &e))
			continue;
		if (d.proto == IKE_PROTO_IKE) {
			ike_deleted = true;
			continue;
		}
		if (d.proto != IKE_PROTO_ESP || d.spi_size != 4)
			continue;
		for (j = 0; j < d.n; j++) {
			struct child_sa *c = child_find_out(sa, get32(d.spis + 4 * j));

			if (!c)
				continue;
			dbg(DBG_IKEV2, &dc, "Peer deleted IPsec SA [SPI: 0x%08X]",
			    c->spi_out);
			trace_event(&dc, "CHILD SA deleted by the peer: SPI 0x%08X",
				    c->spi_out);
			if (nspi < 64) {
				uint32_t s = htonl(c->spi_in);

				memcpy(spis + 4 * nspi++, &s, 4);
			}
			child_gone(c);
			child_free(c, true);
		}
	}
	if (nspi)
		ike_add_delete(&mb, IKE_PROTO_ESP, 4, spis, nspi);
	ike_send_response(sa, m, &mb);
	mb_free(&mb);
	if (ike_deleted)
		ike_sa_drop(sa, "deleted by the peer");
}

static void delete_response(struct ike_sa *sa, struct ike_request *rq,
			    const struct ike_msg *m)
{
	ike_sa_drop(sa, "deleted");
}

int ike_delete_send(struct ike_sa *sa)
{
	struct msg_builder mb;
	struct dctx dc;
	int err;

	ike_dctx(sa, &dc);
	if (sa->state == IKE_ST_DELETING || sa->state == IKE_ST_DEAD)
		return 0;
	dbg(DBG_IKEV2, &dc, "Sending DELETE INFO message for the IKE SA");
	mb_init(&mb);
	err = ike_add_delete(&mb, IKE_PROTO_IKE, 0, NULL, 0);
	if (!err)
		err = ike_send_request(sa, IKE_INFORMATIONAL, &mb, delete_response,
				       NULL) < 0;
	mb_free(&mb);
	if (err) {
		ike_sa_drop(sa, "deleted (DELETE could not be sent)");
		return -1;
	}
	ike_set_state(sa, IKE_ST_DELETING);
	return 0;
}

void ike_delete_now(struct ike_sa *sa, const char *why)
{
	struct msg_builder mb;
	struct dctx dc;

	ike_dctx(sa, &dc);
	if (sa->state == IKE_ST_READY || sa->state == IKE_ST_DELETING) {
		/* One DELETE, not waited for: the SA goes now. */
		dbg(DBG_IKEV2, &dc, "Sending DELETE INFO message for the IKE SA");
		mb_init(&mb);
		if (!ike_add_delete(&mb, IKE_PROTO_IKE, 0, NULL, 0))
			ike_send_request(sa, IKE_INFORMATIONAL, &mb, NULL, NULL);
		mb_free(&mb);
	}
	ike_sa_drop(sa, why);
}

static void child_delete_response(struct ike_sa *sa, struct ike_request *rq,
				  const struct ike_msg *m)
{
	struct dctx dc;

	ike_dctx(sa, &dc);
	dbg(DBG_IKEV2, &dc, "The peer deleted the IPsec SAs too");
}

unsigned int ike_delete_children(struct ike_sa *sa)
{
	uint8_t spis[4 * 64];
	struct msg_builder mb;
	struct child_sa *c;
	uint16_t n = 0;
	struct dctx dc;

	ike_dctx(sa, &dc);
	if (sa->state != IKE_ST_READY)
		return 0;
	for (c = sa->children; c && n < 64; c = c->next) {
		uint32_t spi = htonl(c->spi_in);

		memcpy(spis + 4 * n++, &spi, 4);
	}
	if (!n)
		return 0;
	dbg(DBG_IKEV2, &dc, "Sending DELETE INFO message for %u IPsec SA(s)", n);
	trace_event(&dc, "IPsec SAs cleared: %u", n);
	mb_init(&mb);
	if (!ike_add_delete(&mb, IKE_PROTO_ESP, 4, spis, n))
		ike_send_request(sa, IKE_INFORMATIONAL, &mb, child_delete_response,
				 NULL);
	mb_free(&mb);
	while (sa->children) {
		c = sa->children;
		sa->children = c->next;
		child_free(c, true);
	}
	return n;
}

bool ike_child_expired(unsigned int ifindex, uint32_t spi, bool inbound)
{
	struct child_sa *c = sam_child_find(ifindex, spi, inbound);
	struct ike_sa *sa;
	struct dctx dc;

	if (!c)
		return false;
	sa = c->ike;
	ike_dctx(sa, &dc);
	trace_event(&dc, "IPsec SA 0x%08X reached its hard lifetime", spi);
	if (sa->state == IKE_ST_READY) {
		uint32_t s = htonl(c->spi_in);
		struct msg_builder mb;

		mb_init(&mb);
		if (!ike_add_delete(&mb, IKE_PROTO_ESP, 4, (uint8_t *)&s, 1))
			ike_send_request(sa, IKE_INFORMATIONAL, &mb,
					 child_delete_response, NULL);
		mb_free(&mb);
	}
	child_gone(c);
	child_free(c, true);
	return true;
}
