// SPDX-License-Identifier: GPL-2.0
/*
 * IKEv2 message parsing (RFC 7296 sections 3.1 to 3.16): first the header
 * against the datagram, then the payload chain against the header, then
 * each body against its own format. Nothing is read before the bytes it
 * comes from have been checked to be there.
 */

#include <string.h>

#include "msg.h"

/* Fills E and returns -1. */
static int fail(struct parse_err *e, uint16_t notify, const char *what)
{
	e->err = what;
	e->notify = notify;
	e->notify_data = 0;
	return -1;
}

static int syntax(struct parse_err *e, const char *what)
{
	return fail(e, IKE_N_INVALID_SYNTAX, what);
}

static void ok(struct parse_err *e)
{
	e->err = NULL;
	e->notify = 0;
	e->notify_data = 0;
}

/* --- header --- */

int ike_parse_hdr(const uint8_t *buf, size_t len, struct ike_hdr *h,
		  struct parse_err *e)
{
	if (len < IKE_HDR_LEN)
		return fail(e, 0, "truncated header");
	if (len > IKE_MAX_MSG)
		return fail(e, 0, "message too big");

	h->ispi = get64(buf);
	h->rspi = get64(buf + 8);
	h->np = buf[16];
	h->version = buf[17];
	h->exch = buf[18];
	h->flags = buf[19];
	h->msgid = get32(buf + 20);
	h->length = get32(buf + 24);

	if (h->version >> 4 != IKE_VERSION >> 4)
		return fail(e, IKE_N_INVALID_MAJOR_VERSION,
			    "invalid major version");
	if (h->length < IKE_HDR_LEN)
		return fail(e, 0, "header length too small");
	if (h->length != len)
		return fail(e, 0, "header length does not match datagram");
	ok(e);
	return 0;
}

/* --- payload chain --- */

/* The payload types this implementation parses; others are skipped or,
 * when critical, refused. */
static bool pl_known(uint8_t type)
{
	return (type >= IKE_PL_SA && type <= IKE_PL_EAP) ||
	       type == IKE_PL_SKF;
}

/* SK and SKF hold the rest of the message: they must be last. */
static bool pl_encrypted(uint8_t type)
{
	return type == IKE_PL_SK || type == IKE_PL_SKF;
}

int ike_parse_chain(uint8_t np, const uint8_t *buf, size_t len,
		    struct ike_msg *m, struct parse_err *e)
{
	unsigned int n0 = m->n;
	size_t off = 0;

	while (np != IKE_PL_NONE) {
		size_t left = len - off;
		struct ike_payload *p;
		const uint8_t *g;
		uint16_t plen;
		uint8_t type = np;

		if (left < IKE_GENERIC_HDR_LEN) {
			syntax(e, "truncated payload header");
			goto err;
		}
		g = buf + off;
		plen = get16(g + 2);
		if (plen < IKE_GENERIC_HDR_LEN) {
			syntax(e, "payload length too small");
			goto err;
		}
		if (plen > left) {
			syntax(e, "payload runs past the end of the message");
			goto err;
		}
		np = g[0];
		off += plen;

		if (!pl_known(type)) {
			if (!(g[1] & IKE_PL_CRITICAL))
				continue;
			fail(e, IKE_N_UNSUPPORTED_CRITICAL_PAYLOAD,
			     "unsupported critical payload");
			e->notify_data = type;
			goto err;
		}
		if (m->n >= IKE_MAX_PAYLOADS) {
			syntax(e, "too many payloads");
			goto err;
		}
		p = &m->pl[m->n++];
		p->type = type;
		p->critical = g[1] & IKE_PL_CRITICAL;
		p->body = g + IKE_GENERIC_HDR_LEN;
		p->len = plen - IKE_GENERIC_HDR_LEN;
		p->inner_np = IKE_PL_NONE;

		if (pl_encrypted(type)) {
			if (off != len) {
				syntax(e, "encrypted payload is not the last");
				goto err;
			}
			/* Its next payload is the first one inside. */
			p->inner_np = np;
			np = IKE_PL_NONE;
		}
	}
	if (off != len) {
		syntax(e, "data after the last payload");
		goto err;
	}
	ok(e);
	return 0;

err:
	m->n = n0;
	return -1;
}

int ike_parse_msg(const uint8_t *buf, size_t len, struct ike_msg *m,
		  struct parse_err *e)
{
	m->n = 0;
	m->raw = buf;
	m->raw_len = len;
	if (ike_parse_hdr(buf, len, &m->hdr, e) < 0)
		return -1;
	return ike_parse_chain(m->hdr.np, buf + IKE_HDR_LEN,
			       len - IKE_HDR_LEN, m, e);
}

const struct ike_payload *ike_find(const struct ike_msg *m, uint8_t type)
{
	unsigned int i;

	for (i = 0; i < m->n; i++)
		if (m->pl[i].type == type)
			return &m->pl[i];
	return NULL;
}

unsigned int ike_count(const struct ike_msg *m, uint8_t type)
{
	unsigned int i, n = 0;

	for (i = 0; i < m->n; i++)
		if (m->pl[i].type == type)
			n++;
	return n;
}

/* --- SA payload (3.3) --- */

#define PROP_HDR_LEN	8
#define TR_HDR_LEN	8
#define ATTR_HDR_LEN	4
#define PROP_MORE	2
#define TR_MORE		3

/* Whether a proposal of PROTO may carry an SPI of SIZE bytes. IKE: none
 * in IKE_SA_INIT, 8 when rekeying the IKE SA; AH and ESP: 4. */
static bool spi_size_ok(uint8_t proto, uint8_t size)
{
	switch (proto) {
	case IKE_PROTO_IKE:
		return size == 0 || size == 8;
	case IKE_PROTO_AH:
	case IKE_PROTO_ESP:
		return size == 4;
	default:
		return false;
	}
}

/* Transform attributes (3.3.5): key length in TV format is understood;
 * anything else is remembered as unknown (the transform then cannot be
 * chosen) after its bounds are checked. */
static int parse_attrs(const uint8_t *a, size_t len, struct ike_transform *t,
		       struct parse_err *e)
{
	size_t off = 0;

	while (off < len) {
		uint16_t type, val;

		if (len - off < ATTR_HDR_LEN)
			return syntax(e, "truncated transform attribute");
		type = get16(a + off);
		val = get16(a + off + 2);
		off += ATTR_HDR_LEN;
		if (!(type & IKE_ATTR_AF)) {
			/* TLV: VAL is the length of the value */
			if (val > len - off)
				return syntax(e, "transform attribute runs past the transform");
			off += val;
			t->unknown_attr = true;
			continue;
		}
		if ((type & ~IKE_ATTR_AF) != IKE_ATTR_KEYLEN) {
			t->unknown_attr = true;
			continue;
		}
		if (t->keybits)
			return syntax(e, "duplicate key length attribute");
		if (!val)
			return syntax(e, "key length attribute of 0");
		t->keybits = val;
	}
	return 0;
}

/*
 * One transform at T (LEFT bytes up to the end of its proposal). LAST is
 * set when its last-substructure field says it is the last one.
 */
static int parse_transform(const uint8_t *t, size_t left,
			   struct ike_transform *tr, size_t *tlen, bool *last,
			   struct parse_err *e)
{
	uint16_t len;

	if (left < TR_HDR_LEN)
		return syntax(e, "truncated transform");
	if (t[0] != 0 && t[0] != TR_MORE)
		return syntax(e, "invalid last-transform field");
	len = get16(t + 2);
	if (len < TR_HDR_LEN)
		return syntax(e, "transform length too small");
	if (len > left)
		return syntax(e, "transform runs past the proposal");
	memset(tr, 0, sizeof(*tr));
	tr->type = t[4];
	tr->id = get16(t + 6);
	if (parse_attrs(t + TR_HDR_LEN, len - TR_HDR_LEN, tr, e) < 0)
		return -1;
	*tlen = len;
	*last = t[0] == 0;
	return 0;
}

/*
 * The transforms of a proposal. More than IKE_MAX_TRANSFORMS are all
 * still checked, but the proposal is then not kept (*KEEP false): dropping
 * some of its transforms would change what it offers, so the peer gets
 * NO_PROPOSAL_CHOSEN rather than a choice it never made.
 */
static int parse_transforms(const uint8_t *p, size_t len, unsigned int count,
			    struct ike_proposal *pr, bool *keep,
			    struct parse_err *e)
{
	struct ike_transform tmp;
	size_t off = 0;
	unsigned int i;
	bool last = false;

	pr->n = 0;
	*keep = count <= IKE_MAX_TRANSFORMS;
	for (i = 0; i < count; i++) {
		struct ike_transform *tr = i < IKE_MAX_TRANSFORMS ?
					   &pr->tr[i] : &tmp;
		size_t tlen;

		if (last)
			return syntax(e, "transform after the last one");
		if (parse_transform(p + off, len - off, tr, &tlen, &last,
				    e) < 0)
			return -1;
		off += tlen;
	}
	if (!last)
		return syntax(e, "last transform not marked as last");
	if (off != len)
		return syntax(e, "number of transforms does not match proposal length");
	pr->n = *keep ? count : 0;
	return 0;
}

/* One proposal at P (LEFT bytes to the end of the SA payload). */
static int parse_proposal(const uint8_t *p, size_t left,
			  struct ike_proposal *pr, size_t *plen, bool *last,
			  bool *keep, struct parse_err *e)
{
	uint16_t len;
	uint8_t spi_size, ntr;

	if (left < PROP_HDR_LEN)
		return syntax(e, "truncated proposal");
	if (p[0] != 0 && p[0] != PROP_MORE)
		return syntax(e, "invalid last-proposal field");
	len = get16(p + 2);
	if (len < PROP_HDR_LEN)
		return syntax(e, "proposal length too small");
	if (len > left)
		return syntax(e, "proposal runs past the SA payload");
	pr->num = p[4];
	pr->proto = p[5];
	spi_size = p[6];
	ntr = p[7];
	if (pr->proto != IKE_PROTO_IKE && pr->proto != IKE_PROTO_AH &&
	    pr->proto != IKE_PROTO_ESP)
		return syntax(e, "unknown protocol id in proposal");
	if (!spi_size_ok(pr->proto, spi_size))
		return syntax(e, "wrong SPI size for the proposal's protocol");
	if ((size_t)PROP_HDR_LEN + spi_size > len)
		return syntax(e, "proposal SPI runs past the proposal");
	if (!ntr)
		return syntax(e, "proposal without transforms");
	pr->spi_size = spi_size;
	memset(pr->spi, 0, sizeof(pr->spi));
	memcpy(pr->spi, p + PROP_HDR_LEN, spi_size);
	if (parse_transforms(p + PROP_HDR_LEN + spi_size,
			     len - PROP_HDR_LEN - spi_size, ntr, pr, keep,
			     e) < 0)
		return -1;
	*plen = len;
	*last = p[0] == 0;
	return 0;
}

/*
 * Proposals are numbered from 1, each one more than the one before; a
 * response carries the single proposal chosen, with the number it had.
 * Proposals beyond IKE_MAX_PROPOSALS are checked and then ignored, as are
 * proposals with more transforms than a struct ike_proposal holds: what
 * is kept is always a subset of the offer, never a change to it.
 */
int ike_parse_sa(const struct ike_payload *p, struct ike_sa_pl *sa,
		 struct parse_err *e)
{
	struct ike_proposal tmp;
	unsigned int count = 0;
	uint8_t prev = 0;
	size_t off = 0;
	bool last = false;

	sa->n = 0;
	if (!p->len)
		return syntax(e, "SA payload without proposals");
	while (off < p->len) {
		struct ike_proposal *pr = sa->n < IKE_MAX_PROPOSALS ?
					  &sa->prop[sa->n] : &tmp;
		size_t plen;
		bool keep;

		if (last)
			return syntax(e, "proposal after the last one");
		if (parse_proposal(p->body + off, p->len - off, pr, &plen,
				   &last, &keep, e) < 0)
			return -1;
		if (!pr->num)
			return syntax(e, "proposal number 0");
		if (count && (pr->num != prev + 1 || (count == 1 && prev != 1)))
			return syntax(e, "proposals not numbered in sequence");
		prev = pr->num;
		count++;
		if (keep && pr != &tmp)
			sa->n++;
		off += plen;
	}
	if (!last)
		return syntax(e, "last proposal not marked as last");
	ok(e);
	return 0;
}

/* --- simple bodies --- */

int ike_parse_ke(const struct ike_payload *p, struct ike_ke_pl *ke,
		 struct parse_err *e)
{
	if (p->len < 4)
		return syntax(e, "truncated KE payload");
	if (p->len == 4)
		return syntax(e, "KE payload without key exchange data");
	ke->group = get16(p->body);
	ke->data = p->body + 4;
	ke->len = p->len - 4;
	ok(e);
	return 0;
}

int ike_parse_nonce(const struct ike_payload *p, const uint8_t **nonce,
		    size_t *len, struct parse_err *e)
{
	if (p->len < IKE_MIN_NONCE)
		return syntax(e, "nonce shorter than 16 bytes");
	if (p->len > IKE_MAX_NONCE)
		return syntax(e, "nonce longer than 256 bytes");
	*nonce = p->body;
	*len = p->len;
	ok(e);
	return 0;
}

int ike_parse_id(const struct ike_payload *p, struct ike_id_pl *id,
		 struct parse_err *e)
{
	if (p->len < 4)
		return syntax(e, "truncated ID payload");
	if (p->len == 4)
		return syntax(e, "ID payload without identification data");
	id->type = p->body[0];
	id->data = p->body + 4;
	id->len = p->len - 4;
	id->body = p->body;
	id->body_len = p->len;
	ok(e);
	return 0;
}

int ike_parse_auth(const struct ike_payload *p, struct ike_auth_pl *a,
		   struct parse_err *e)
{
	if (p->len < 4)
		return syntax(e, "truncated AUTH payload");
	if (p->len == 4)
		return syntax(e, "AUTH payload without authentication data");
	a->method = p->body[0];
	a->data = p->body + 4;
	a->len = p->len - 4;
	ok(e);
	return 0;
}

int ike_parse_notify(const struct ike_payload *p, struct ike_notify_pl *n,
		     struct parse_err *e)
{
	uint8_t spi_size;

	if (p->len < 4)
		return syntax(e, "truncated notify payload");
	spi_size = p->body[1];
	if (spi_size > IKE_MAX_SPI_LEN)
		return syntax(e, "notify SPI size larger than 8");
	if (spi_size > p->len - 4)
		return syntax(e, "notify SPI runs past the payload");
	n->proto = p->body[0];
	n->spi_size = spi_size;
	n->type = get16(p->body + 2);
	n->spi = p->body + 4;
	n->data = p->body + 4 + spi_size;
	n->len = p->len - 4 - spi_size;
	ok(e);
	return 0;
}

int ike_parse_delete(const struct ike_payload *p, struct ike_delete_pl *d,
		     struct parse_err *e)
{
	uint8_t proto, spi_size;
	uint16_t n;

	if (p->len < 4)
		return syntax(e, "truncated delete payload");
	proto = p->body[0];
	spi_size = p->body[1];
	n = get16(p->body + 2);
	switch (proto) {
	case IKE_PROTO_IKE:
		if (spi_size || n)
			return syntax(e, "delete of the IKE SA with SPIs");
		break;
	case IKE_PROTO_AH:
	case IKE_PROTO_ESP:
		if (spi_size != 4)
			return syntax(e, "delete with wrong SPI size");
		break;
	default:
		return syntax(e, "delete of an unknown protocol");
	}
	if ((size_t)spi_size * n != p->len - 4)
		return syntax(e, "delete SPI count does not match its length");
	d->proto = proto;
	d->spi_size = spi_size;
	d->n = n;
	d->spis = p->body + 4;
	ok(e);
	return 0;
}

/* --- traffic selectors (3.13) --- */

#define TS_HDR_LEN	8
#define TS_V4_LEN	(TS_HDR_LEN + 2 * 4)
#define TS_V6_LEN	(TS_HDR_LEN + 2 * 16)

/* RFC 4301's OPAQUE ports: start 65535, end 0. */
static bool ports_ok(uint16_t start, uint16_t end)
{
	return start <= end || (start == 0xffff && end == 0);
}

static int parse_selector(const uint8_t *s, size_t left, struct ike_ts *ts,
			  size_t *slen, struct parse_err *e)
{
	uint16_t len;
	uint8_t alen;

	if (left < TS_HDR_LEN)
		return syntax(e, "truncated traffic selector");
	len = get16(s + 2);
	switch (s[0]) {
	case IKE_TS_IPV4_ADDR_RANGE:
		if (len != TS_V4_LEN)
			return syntax(e, "IPv4 traffic selector length not 16");
		alen = 4;
		break;
	case IKE_TS_IPV6_ADDR_RANGE:
		if (len != TS_V6_LEN)
			return syntax(e, "IPv6 traffic selector length not 40");
		alen = 16;
		break;
	default:
		return syntax(e, "unknown traffic selector type");
	}
	if (len > left)
		return syntax(e, "traffic selector runs past the payload");
	memset(ts, 0, sizeof(*ts));
	ts->type = s[0];
	ts->proto = s[1];
	ts->sport = get16(s + 4);
	ts->eport = get16(s + 6);
	ts->alen = alen;
	memcpy(ts->start, s + TS_HDR_LEN, alen);
	memcpy(ts->end, s + TS_HDR_LEN + alen, alen);
	if (!ports_ok(ts->sport, ts->eport))
		return syntax(e, "traffic selector start port after end port");
	if (memcmp(ts->start, ts->end, alen) > 0)
		return syntax(e, "traffic selector start address after end address");
	*slen = len;
	return 0;
}

/*
 * More selectors than IKE_MAX_TS fail with INVALID_SYNTAX: dropping some
 * would install policies that differ from what the peer installs.
 * Unknown selector types fail the same way, as they cannot be honoured.
 */
int ike_parse_ts(const struct ike_payload *p, struct ike_ts_pl *ts,
		 struct parse_err *e)
{
	unsigned int i, count;
	size_t off = 4;

	ts->n = 0;
	if (p->len < 4)
		return syntax(e, "truncated TS payload");
	count = p->body[0];
	if (!count)
		return syntax(e, "TS payload without selectors");
	if (count > IKE_MAX_TS)
		return syntax(e, "too many traffic selectors");
	for (i = 0; i < count; i++) {
		size_t slen;

		if (parse_selector(p->body + off, p->len - off, &ts->ts[i],
				   &slen, e) < 0)
			return -1;
		off += slen;
	}
	if (off != p->len)
		return syntax(e, "number of traffic selectors does not match TS length");
	ts->n = count;
	ok(e);
	return 0;
}

int ike_find_notify(const struct ike_msg *m, uint16_t type,
		    struct ike_notify_pl *n)
{
	struct parse_err e;
	unsigned int i;

	for (i = 0; i < m->n; i++) {
		if (m->pl[i].type != IKE_PL_NOTIFY)
			continue;
		if (ike_parse_notify(&m->pl[i], n, &e) < 0)
			continue;
		if (n->type == type)
			return 0;
	}
	return -1;
}
