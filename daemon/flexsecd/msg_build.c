// SPDX-License-Identifier: GPL-2.0
/*
 * Building IKEv2 messages: the header, then payloads appended one by one,
 * each patching the next-payload field of the one before (or of the
 * header), then the total length.
 */

#include <errno.h>
#include <string.h>

#include "msg.h"

/* np_off values that are no offset: no payload yet (and no header), and
 * sealed by an SK payload, after which nothing may follow. */
#define NP_NONE		((size_t)-1)
#define NP_SEALED	((size_t)-2)

#define HDR_NP_OFF	16
#define HDR_LEN_OFF	24

void mb_init(struct msg_builder *mb)
{
	buf_init(&mb->b);
	mb->np_off = NP_NONE;
	mb->first_np = IKE_PL_NONE;
	mb->has_hdr = false;
}

void mb_free(struct msg_builder *mb)
{
	buf_free(&mb->b);
	mb_init(mb);
}

int ike_build_hdr(struct msg_builder *mb, const struct ike_hdr *h)
{
	if (mb->b.len || mb->has_hdr) {
		mb->b.err = EINVAL;
		return -1;
	}
	buf_put64(&mb->b, h->ispi);
	buf_put64(&mb->b, h->rspi);
	buf_put8(&mb->b, IKE_PL_NONE);
	buf_put8(&mb->b, h->version ? h->version : IKE_VERSION);
	buf_put8(&mb->b, h->exch);
	buf_put8(&mb->b, h->flags);
	buf_put32(&mb->b, h->msgid);
	if (buf_put32(&mb->b, 0) < 0)
		return -1;
	mb->np_off = HDR_NP_OFF;
	mb->has_hdr = true;
	return 0;
}

/*
 * Starts a payload of TYPE: links it from the previous one and writes its
 * generic header with a length of 0, returning the header's offset in
 * *OFF for pl_end() to patch.
 */
static int pl_begin(struct msg_builder *mb, uint8_t type, bool critical,
		    size_t *off)
{
	if (mb->b.err)
		return -1;
	if (mb->np_off == NP_SEALED || type == IKE_PL_NONE) {
		mb->b.err = EINVAL;
		return -1;
	}
	if (mb->np_off != NP_NONE)
		mb->b.p[mb->np_off] = type;
	if (mb->first_np == IKE_PL_NONE)
		mb->first_np = type;
	*off = mb->b.len;
	buf_put8(&mb->b, IKE_PL_NONE);
	buf_put8(&mb->b, critical ? IKE_PL_CRITICAL : 0);
	if (buf_put16(&mb->b, 0) < 0)
		return -1;
	mb->np_off = *off;
	return 0;
}

/* Ends the payload whose header is at OFF: patches its length. */
static int pl_end(struct msg_builder *mb, size_t off)
{
	size_t len;

	if (mb->b.err)
		return -1;
	len = mb->b.len - off;
	if (len > 0xffff) {
		mb->b.err = EMSGSIZE;
		return -1;
	}
	buf_set16(&mb->b, off + 2, (uint16_t)len);
	return 0;
}

static int put_body(struct msg_builder *mb, const void *body, size_t len)
{
	uint8_t *p;

	if (body)
		return buf_put(&mb->b, body, len);
	p = buf_add(&mb->b, len);
	if (!p)
		return -1;
	memset(p, 0, len);
	return 0;
}

/* With BODY NULL, LEN zero bytes are reserved to be written in place. */
int ike_add_payload(struct msg_builder *mb, uint8_t type, bool critical,
		    const void *body, size_t len)
{
	size_t off;

	if (len > 0xffff - IKE_GENERIC_HDR_LEN) {
		mb->b.err = EMSGSIZE;
		return -1;
	}
	if (pl_begin(mb, type, critical, &off) < 0)
		return -1;
	put_body(mb, body, len);
	return pl_end(mb, off);
}

int ike_add_sk(struct msg_builder *mb, uint8_t inner_np, const void *body,
	       size_t len)
{
	size_t off;

	if (ike_add_payload(mb, IKE_PL_SK, false, body, len) < 0)
		return -1;
	off = mb->np_off;
	mb->b.p[off] = inner_np;
	mb->np_off = NP_SEALED;
	return 0;
}

/* --- SA --- */

static void put_transform(struct buf *b, const struct ike_transform *t,
			  bool last)
{
	buf_put8(b, last ? 0 : 3);
	buf_put8(b, 0);
	buf_put16(b, t->keybits ? 12 : 8);
	buf_put8(b, t->type);
	buf_put8(b, 0);
	buf_put16(b, t->id);
	if (t->keybits) {
		buf_put16(b, IKE_ATTR_AF | IKE_ATTR_KEYLEN);
		buf_put16(b, t->keybits);
	}
}

static int put_proposal(struct msg_builder *mb, const struct ike_proposal *pr,
			unsigned int idx, bool last)
{
	struct buf *b = &mb->b;
	size_t off = b->len, len;
	unsigned int i;

	if (pr->spi_size > IKE_MAX_SPI_LEN || pr->n > IKE_MAX_TRANSFORMS ||
	    !pr->n) {
		b->err = EINVAL;
		return -1;
	}
	buf_put8(b, last ? 0 : 2);
	buf_put8(b, 0);
	buf_put16(b, 0);
	buf_put8(b, pr->num ? pr->num : idx + 1);
	buf_put8(b, pr->proto);
	buf_put8(b, pr->spi_size);
	buf_put8(b, pr->n);
	buf_put(b, pr->spi, pr->spi_size);
	for (i = 0; i < pr->n; i++)
		put_transform(b, &pr->tr[i], i + 1 == pr->n);
	if (b->err)
		return -1;
	len = b->len - off;
	if (len > 0xffff) {
		b->err = EMSGSIZE;
		return -1;
	}
	buf_set16(b, off + 2, (uint16_t)len);
	return 0;
}

/* Proposals numbered as given, or from 1 where num is 0. */
int ike_add_sa(struct msg_builder *mb, const struct ike_sa_pl *sa)
{
	unsigned int i;
	size_t off;

	if (!sa->n || sa->n > IKE_MAX_PROPOSALS) {
		mb->b.err = EINVAL;
		return -1;
	}
	if (pl_begin(mb, IKE_PL_SA, false, &off) < 0)
		return -1;
	for (i = 0; i < sa->n; i++)
		if (put_proposal(mb, &sa->prop[i], i, i + 1 == sa->n) < 0)
			return -1;
	return pl_end(mb, off);
}

/* --- the others --- */

/* A payload whose body is a 4-byte head (HEAD) followed by DATA. */
static int add_head_data(struct msg_builder *mb, uint8_t type,
			 const uint8_t head[4], const void *data, size_t len)
{
	size_t off;

	if (pl_begin(mb, type, false, &off) < 0)
		return -1;
	buf_put(&mb->b, head, 4);
	buf_put(&mb->b, data, len);
	return pl_end(mb, off);
}

int ike_add_ke(struct msg_builder *mb, uint16_t group, const uint8_t *pub,
	       size_t len)
{
	uint8_t head[4] = { group >> 8, group, 0, 0 };

	return add_head_data(mb, IKE_PL_KE, head, pub, len);
}

int ike_add_nonce(struct msg_builder *mb, const uint8_t *n, size_t len)
{
	return ike_add_payload(mb, IKE_PL_NONCE, false, n, len);
}

int ike_add_id(struct msg_builder *mb, uint8_t pl_type, uint8_t id_type,
	       const uint8_t *data, size_t len)
{
	uint8_t head[4] = { id_type, 0, 0, 0 };

	if (pl_type != IKE_PL_IDI && pl_type != IKE_PL_IDR) {
		mb->b.err = EINVAL;
		return -1;
	}
	return add_head_data(mb, pl_type, head, data, len);
}

int ike_add_auth(struct msg_builder *mb, uint8_t method, const uint8_t *data,
		 size_t len)
{
	uint8_t head[4] = { method, 0, 0, 0 };

	return add_head_data(mb, IKE_PL_AUTH, head, data, len);
}

int ike_add_notify(struct msg_builder *mb, uint8_t proto, const uint8_t *spi,
		   uint8_t spi_size, uint16_t type, const void *data,
		   size_t len)
{
	size_t off;

	if (spi_size > IKE_MAX_SPI_LEN) {
		mb->b.err = EINVAL;
		return -1;
	}
	if (pl_begin(mb, IKE_PL_NOTIFY, false, &off) < 0)
		return -1;
	buf_put8(&mb->b, proto);
	buf_put8(&mb->b, spi_size);
	buf_put16(&mb->b, type);
	buf_put(&mb->b, spi, spi_size);
	buf_put(&mb->b, data, len);
	return pl_end(mb, off);
}

int ike_add_delete(struct msg_builder *mb, uint8_t proto, uint8_t spi_size,
		   const uint8_t *spis, uint16_t n)
{
	size_t off;

	if (pl_begin(mb, IKE_PL_DELETE, false, &off) < 0)
		return -1;
	buf_put8(&mb->b, proto);
	buf_put8(&mb->b, spi_size);
	buf_put16(&mb->b, n);
	buf_put(&mb->b, spis, (size_t)spi_size * n);
	return pl_end(mb, off);
}

static int put_selector(struct buf *b, const struct ike_ts *ts)
{
	size_t alen;

	switch (ts->type) {
	case IKE_TS_IPV4_ADDR_RANGE:
		alen = 4;
		break;
	case IKE_TS_IPV6_ADDR_RANGE:
		alen = 16;
		break;
	default:
		b->err = EINVAL;
		return -1;
	}
	buf_put8(b, ts->type);
	buf_put8(b, ts->proto);
	buf_put16(b, (uint16_t)(8 + 2 * alen));
	buf_put16(b, ts->sport);
	buf_put16(b, ts->eport);
	buf_put(b, ts->start, alen);
	return buf_put(b, ts->end, alen);
}

int ike_add_ts(struct msg_builder *mb, uint8_t pl_type,
	       const struct ike_ts_pl *ts)
{
	unsigned int i;
	size_t off;

	if ((pl_type != IKE_PL_TSI && pl_type != IKE_PL_TSR) || !ts->n ||
	    ts->n > IKE_MAX_TS) {
		mb->b.err = EINVAL;
		return -1;
	}
	if (pl_begin(mb, pl_type, false, &off) < 0)
		return -1;
	buf_put8(&mb->b, ts->n);
	buf_put8(&mb->b, 0);
	buf_put16(&mb->b, 0);
	for (i = 0; i < ts->n; i++)
		if (put_selector(&mb->b, &ts->ts[i]) < 0)
			return -1;
	return pl_end(mb, off);
}

int ike_add_vendor(struct msg_builder *mb, const void *vid, size_t len)
{
	return ike_add_payload(mb, IKE_PL_VENDOR, false, vid, len);
}

int ike_build_end(struct msg_builder *mb)
{
	if (mb->b.err)
		return -1;
	if (!mb->has_hdr)
		return 0;
	if (mb->b.len > IKE_MAX_MSG) {
		mb->b.err = EMSGSIZE;
		return -1;
	}
	buf_set32(&mb->b, HDR_LEN_OFF, (uint32_t)mb->b.len);
	return 0;
}
