// SPDX-License-Identifier: GPL-2.0
/*
 * IKEv2 fragmentation, the sending side (RFC 7383): the notify that
 * announces it in IKE_SA_INIT, the choice to use it (both ends sent the
 * notify), encrypted messages cut into SKF fragments that each fit the
 * fragment MTU with the IP and UDP headers in front, and the diagnosis of
 * a large request lost on a path that drops IP fragments. The reassembly
 * of the peer's fragments is ike_reasm.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "algs.h"
#include "crypto.h"
#include "ike_frag.h"
#include "ike_int.h"
#include "net.h"

#define IPV4_HDR	20
#define IPV6_HDR	40
#define UDP_HDR		8
#define NON_ESP_MARKER	4
#define NATT_PORT	4500
#define SKF_FIELDS	4	/* Fragment Number, Total Fragments */

struct ike_frag_stats ike_frag_stats;

static bool v6(const struct ike_sa *sa)
{
	return sa->remote.ss_family == AF_INET6;
}

uint32_t ike_frag_conf_mtu(const struct ike_sa *sa)
{
	if (!sa->conf || !sa->conf->g.frag)
		return 0;
	if (sa->conf->g.frag_mtu)
		return sa->conf->g.frag_mtu;
	return v6(sa) ? IKE_FRAG_MTU6 : IKE_FRAG_MTU4;
}

size_t ike_frag_overhead(const struct ike_sa *sa)
{
	size_t n = (v6(sa) ? IPV6_HDR : IPV4_HDR) + UDP_HDR;

	if (sa->udp_encap || sa_port(&sa->local) == NATT_PORT ||
	    sa_port(&sa->remote) == NATT_PORT)
		n += NON_ESP_MARKER;
	return n;
}

/* --- IKE_SA_INIT --- */

int ike_frag_add_notify(struct ike_sa *sa, struct msg_builder *mb)
{
	uint32_t mtu = ike_frag_conf_mtu(sa);

	if (!mtu || (!sa->initiator && !sa->frag_peer))
		return 0;
	if (!sa->initiator) {
		sa->frag_on = true;
		sa->frag_mtu = (uint16_t)mtu;
	}
	return ike_add_notify(mb, 0, NULL, 0,
			      IKE_N_IKEV2_FRAGMENTATION_SUPPORTED, NULL, 0);
}

void ike_frag_peer(struct ike_sa *sa, const struct ike_msg *m)
{
	struct ike_notify_pl n;
	uint32_t mtu = ike_frag_conf_mtu(sa);
	struct dctx c;

	sa->frag_peer = !ike_find_notify(m, IKE_N_IKEV2_FRAGMENTATION_SUPPORTED,
					 &n);
	if (!sa->initiator)
		return;
	sa->frag_on = sa->frag_peer && mtu;
	sa->frag_mtu = sa->frag_on ? (uint16_t)mtu : 0;
	ike_dctx(sa, &c);
	if (mtu && !sa->frag_peer)
		dbg(DBG_IKEV2, &c, "Fragmentation is configured, but the peer does not support it");
}

/* --- sending --- */

static const uint8_t *seal_key_e(const struct ike_sa *sa)
{
	return sa->initiator ? sa->keys.sk_ei : sa->keys.sk_er;
}

static const uint8_t *seal_key_a(const struct ike_sa *sa)
{
	return sa->initiator ? sa->keys.sk_ai : sa->keys.sk_ar;
}

/* One datagram: header H, then payload TYPE (SK or SKF, FIELDS bytes of
 * SKF's numbers first) around PLAIN, appended to OUT. */
static int seal_one(struct ike_sa *sa, const struct ike_hdr *h, uint8_t type,
		    uint8_t inner_np, const uint8_t *fields, size_t nfields,
		    const uint8_t *plain, size_t plen, struct buf *out)
{
	struct ike_hdr hh = *h;
	size_t sk = ike_sk_len(&sa->suite, plen);
	size_t off = IKE_HDR_LEN + IKE_GENERIC_HDR_LEN + nfields;
	struct msg_builder mb;
	uint8_t *body;
	int err = -1;

	if (!sk || off + sk > IKE_MAX_MSG)
		return -1;
	body = calloc(1, nfields + sk);
	if (!body)
		return -1;
	memcpy(body, fields, nfields);
	hh.np = IKE_PL_NONE;
	mb_init(&mb);
	if (ike_build_hdr(&mb, &hh) ||
	    ike_add_payload(&mb, type, false, body, nfields + sk) ||
	    ike_build_end(&mb))
		goto out;
	/* the payload's next-payload field names the first inner one */
	mb.b.p[IKE_HDR_LEN] = inner_np;
	if (ike_sk_seal(&sa->suite, seal_key_e(sa), seal_key_a(sa), mb.b.p,
			off, plain, plen))
		goto out;
	err = buf_put(out, mb.b.p, mb.b.len);
out:
	free(body);
	mb_free(&mb);
	return err;
}

/* The most plaintext one fragment of SA carries, 0 when none fits. */
static size_t frag_room(const struct ike_sa *sa)
{
	size_t fixed = ike_frag_overhead(sa) + IKE_HDR_LEN +
		       IKE_GENERIC_HDR_LEN + SKF_FIELDS;
	size_t room, plen;

	if (sa->frag_mtu <= fixed)
		return 0;
	room = sa->frag_mtu - fixed;
	for (plen = room; plen; plen--) {
		size_t sk = ike_sk_len(&sa->suite, plen);

		if (sk && sk <= room)
			return plen;
	}
	return 0;
}

static int seal_frags(struct ike_sa *sa, const struct ike_hdr *h,
		      const struct msg_builder *inner, size_t whole,
		      struct buf *out)
{
	size_t room = frag_room(sa), len = inner->b.len, off, n;
	unsigned int i, total;
	uint8_t fields[SKF_FIELDS];
	struct dctx c;

	ike_dctx(sa, &c);
	total = room ? (unsigned int)((len + room - 1) / room) : 0;
	if (!total || total > IKE_FRAG_MAX) {
		DIAG_ERROR(&c, "%s of %zu bytes does not go in %u fragments of the fragment MTU %u",
			   exch_name(h->exch), whole, IKE_FRAG_MAX, sa->frag_mtu);
		return -1;
	}
	dbg(DBG_IKEV2, &c, "Fragmenting packet, Fragment MTU: %u, Number of fragments: %u, Original Packet size: %zu",
	    sa->frag_mtu, total, whole);
	for (i = 1, off = 0; i <= total; i++, off += n) {
		n = len - off < room ? len - off : room;
		fields[0] = (uint8_t)(i >> 8);
		fields[1] = (uint8_t)i;
		fields[2] = (uint8_t)(total >> 8);
		fields[3] = (uint8_t)total;
		if (seal_one(sa, h, IKE_PL_SKF,
			     i == 1 ? inner->first_np : IKE_PL_NONE, fields,
			     SKF_FIELDS, inner->b.p + off, n, out))
			return -1;
	}
	ike_frag_stats.fragmented++;
	return 0;
}

int ike_frag_seal(struct ike_sa *sa, const struct ike_hdr *h,
		  const struct msg_builder *inner, struct buf *out)
{
	size_t whole = IKE_HDR_LEN + IKE_GENERIC_HDR_LEN +
		       ike_sk_len(&sa->suite, inner->b.len);
	int err;

	buf_init(out);
	if (sa->frag_on && whole + ike_frag_overhead(sa) > sa->frag_mtu)
		err = seal_frags(sa, h, inner, whole, out);
	else
		err = seal_one(sa, h, IKE_PL_SK, inner->first_np, NULL, 0,
			       inner->b.p, inner->b.len, out);
	if (err)
		buf_free(out);
	return err;
}

/* --- diagnosis --- */

bool ike_frag_hint(const struct ike_sa *sa, uint8_t exch, const struct buf *b,
		   unsigned int retries, char *buf, size_t size)
{
	uint32_t mtu = ike_frag_conf_mtu(sa);
	size_t len = b->len;
	const char *why;

	if (exch == IKE_SA_INIT || sa->frag_on || len < IKE_HDR_LEN ||
	    get32(b->p + 24) != len)
		return false;	/* sent in fragments, or could have been */
	if (!mtu)
		mtu = v6(sa) ? IKE_FRAG_MTU6 : IKE_FRAG_MTU4;
	if (len + ike_frag_overhead(sa) <= mtu)
		return false;
	if (ike_frag_conf_mtu(sa))
		why = ": the peer did not announce IKEV2_FRAGMENTATION_SUPPORTED";
	else
		why = ": consider crypto ikev2 fragmentation";
	snprintf(buf, size, "%s of %zu bytes got no answer after %u retransmissions; above path MTU %u it is IP-fragmented and may be dropped%s",
		 exch_name(exch), len, retries, mtu, why);
	return true;
}
