// SPDX-License-Identifier: GPL-2.0
/*
 * "debug crypto ikev2 packet [hexdump]": a message in the manner of IOS's
 * packet debug, a line for the header, one per payload, and lines for
 * the fields of each payload's body. Bodies are parsed again with the
 * checking parsers before their fields are printed; a body that does not
 * parse is reported as malformed. Authentication data is printed only in
 * hexdump mode, as IOS does; messages carry no keys.
 */

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "algs.h"
#include "cp.h"
#include "msg.h"

struct pctx {
	print_fn out;
	void *ctx;
	bool hex;
};

#define P(c, ...)	((c)->out((c)->ctx, __VA_ARGS__))

/* A number as text, for values without a name. */
struct numbuf {
	char s[16];
};

static const char *num(struct numbuf *b, unsigned int v)
{
	snprintf(b->s, sizeof(b->s), "%u", v);
	return b->s;
}

/*
 * Payload names as the packet debug spells them: the nonce is "N" and
 * a notify "NOTIFY" there, other names are those of payload_name().
 */
static const char *pl_name(uint8_t type)
{
	switch (type) {
	case IKE_PL_NONCE:
		return "N";
	case IKE_PL_NOTIFY:
		return "NOTIFY";
	case IKE_PL_DELETE:
		return "DELETE";
	default:
		return payload_name(type);
	}
}

static const char *proto_name(uint8_t proto, struct numbuf *b)
{
	switch (proto) {
	case IKE_PROTO_IKE:
		return "IKE";
	case IKE_PROTO_AH:
		return "AH";
	case IKE_PROTO_ESP:
		return "ESP";
	default:
		return num(b, proto);
	}
}

static const char *ts_type_name(uint8_t type, struct numbuf *b)
{
	switch (type) {
	case IKE_TS_IPV4_ADDR_RANGE:
		return "TS_IPV4_ADDR_RANGE";
	case IKE_TS_IPV6_ADDR_RANGE:
		return "TS_IPV6_ADDR_RANGE";
	default:
		return num(b, type);
	}
}

/* "NAT_DETECTION_SOURCE_IP", or the unknown name with the number. */
static const char *notify_str(uint16_t type, char *s, size_t len)
{
	const char *n = notify_name(type);

	if (!n || !strncmp(n, "UNKNOWN", 7))
		snprintf(s, len, "%s-%u", n ? n : "UNKNOWN", type);
	else
		snprintf(s, len, "%s", n);
	return s;
}

void ike_print_hex(const uint8_t *p, size_t len, print_fn out, void *ctx)
{
	char line[5 + 16 * 3 + 1];
	size_t i, j;

	for (i = 0; i < len; i += 16) {
		char *s = line + 5;

		memset(line, ' ', 5);
		for (j = i; j < len && j < i + 16; j++) {
			snprintf(s, 4, j == i ? "%02X" : " %02X", p[j]);
			s += j == i ? 2 : 3;
		}
		*s = '\0';
		out(ctx, "%s", line);
	}
}

/* In hexdump mode, DATA between blank lines as IOS sets it off. */
static void hex_block(const struct pctx *c, const uint8_t *data, size_t len)
{
	if (!c->hex || !len)
		return;
	P(c, "%s", "");
	ike_print_hex(data, len, c->out, c->ctx);
	P(c, "%s", "");
}

static void malformed(const struct pctx *c, const struct ike_payload *p,
		      const struct parse_err *e)
{
	P(c, "    malformed %s payload: %s", pl_name(p->type), e->err);
	hex_block(c, p->body, p->len);
}

/* --- SA --- */

/* The key length attribute of the transform at T (LEN bytes), or 0. */
static uint16_t tr_keybits(const uint8_t *t, size_t len)
{
	size_t off = 8;

	while (len - off >= 4) {
		uint16_t type = get16(t + off), val = get16(t + off + 2);

		off += 4;
		if (type == (IKE_ATTR_AF | IKE_ATTR_KEYLEN))
			return val;
		if (!(type & IKE_ATTR_AF)) {
			if (val > len - off)
				break;
			off += val;
		}
	}
	return 0;
}

static const char *tr_name(uint8_t type, uint16_t id, uint16_t keybits,
			   struct numbuf *b)
{
	const struct alg *a = alg_find(type, id, keybits);

	if (type == IKE_TT_DH && a)
		return a->show;
	if (a && a->wire)
		return a->wire;
	if (type == IKE_TT_ESN && id <= IKE_ESN_YES)
		return id == IKE_ESN_YES ? "ESN" : "NO_ESN";
	return num(b, id);
}

/* The transforms of a proposal, the first one's header on the line of
 * the proposal (HEAD), as IOS prints it. */
static void print_transforms(const struct pctx *c, const char *head,
			     const uint8_t *t, size_t len, unsigned int count)
{
	size_t off = 0;
	unsigned int i;

	for (i = 0; i < count && len - off >= 8; i++) {
		const uint8_t *tr = t + off;
		uint16_t tlen = get16(tr + 2);
		struct numbuf nb;

		if (tlen < 8 || tlen > len - off)
			break;
		P(c, "%s%slast transform: 0x%x, reserved: 0x%x: length: %u",
		  i ? "    " : head, i ? "" : "    ", tr[0], tr[1], tlen);
		P(c, "    type: %u, reserved: 0x%x, id: %s", tr[4], tr[5],
		  tr_name(tr[4], get16(tr + 6), tr_keybits(tr, tlen), &nb));
		off += tlen;
	}
	if (!i)
		P(c, "%s", head);
}

static void print_proposal(const struct pctx *c, const uint8_t *pr,
			   size_t len)
{
	struct numbuf nb;
	char head[96];
	size_t toff = 8 + (size_t)pr[6];

	P(c, "  last proposal: 0x%x, reserved: 0x%x, length: %zu", pr[0],
	  pr[1], len);
	snprintf(head, sizeof(head),
		 "  Proposal: %u, Protocol id: %s, SPI size: %u, #trans: %u",
		 pr[4], proto_name(pr[5], &nb), pr[6], pr[7]);
	if (toff > len) {
		P(c, "%s", head);
		return;
	}
	print_transforms(c, head, pr + toff, len - toff, pr[7]);
}

static void print_sa(const struct pctx *c, const struct ike_payload *p)
{
	struct ike_sa_pl sa;
	struct parse_err e;
	size_t off = 0;

	/* checked first; the walk below then only reads what was checked */
	if (ike_parse_sa(p, &sa, &e) < 0) {
		malformed(c, p, &e);
		return;
	}
	while (p->len - off >= 8) {
		uint16_t plen = get16(p->body + off + 2);

		if (plen < 8 || plen > p->len - off)
			break;
		print_proposal(c, p->body + off, plen);
		off += plen;
	}
}

/* --- the other bodies --- */

static void print_ke(const struct pctx *c, const struct ike_payload *p)
{
	struct ike_ke_pl ke;
	struct parse_err e;

	if (ike_parse_ke(p, &ke, &e) < 0) {
		malformed(c, p, &e);
		return;
	}
	P(c, "    DH group: %u, Reserved: 0x%x", ke.group, get16(p->body + 2));
	hex_block(c, ke.data, ke.len);
}

static void print_nonce(const struct pctx *c, const struct ike_payload *p)
{
	const uint8_t *n;
	struct parse_err e;
	size_t len;

	if (ike_parse_nonce(p, &n, &len, &e) < 0) {
		malformed(c, p, &e);
		return;
	}
	hex_block(c, n, len);
}

static void print_id(const struct pctx *c, const struct ike_payload *p)
{
	struct ike_id_pl id;
	struct parse_err e;

	if (ike_parse_id(p, &id, &e) < 0) {
		malformed(c, p, &e);
		return;
	}
	P(c, "    Id type: %s, Reserved: 0x%x 0x%x", id_type_name(id.type),
	  p->body[1], get16(p->body + 2));
	hex_block(c, id.data, id.len);
}

/* The authentication data only in hexdump mode. */
static void print_auth(const struct pctx *c, const struct ike_payload *p)
{
	struct ike_auth_pl a;
	struct parse_err e;

	if (ike_parse_auth(p, &a, &e) < 0) {
		malformed(c, p, &e);
		return;
	}
	P(c, "    Auth method %s, reserved: 0x%x, reserved 0x%x",
	  auth_method_name(a.method), p->body[1], get16(p->body + 2));
	hex_block(c, a.data, a.len);
}

/* An SPI of up to 8 bytes as 0x followed by its hex digits. */
static void spi_str(const uint8_t *spi, size_t len, char *s, size_t size)
{
	size_t i;

	snprintf(s, size, "0x");
	for (i = 0; i < len && 2 + 2 * i + 3 <= size; i++)
		snprintf(s + 2 + 2 * i, 3, "%02X", spi[i]);
}

static void print_notify(const struct pctx *c, const struct ike_payload *p)
{
	struct ike_notify_pl n;
	struct parse_err e;
	struct numbuf nb;
	char name[48], spi[2 + 2 * IKE_MAX_SPI_LEN + 1];

	if (ike_parse_notify(p, &n, &e) < 0) {
		malformed(c, p, &e);
		return;
	}
	P(c, "    Security protocol id: %s, spi size: %u, type: %s",
	  proto_name(n.proto, &nb), n.spi_size,
	  notify_str(n.type, name, sizeof(name)));
	if (n.spi_size) {
		spi_str(n.spi, n.spi_size, spi, sizeof(spi));
		P(c, "    spi: %s", spi);
	}
	hex_block(c, n.data, n.len);
}

static void print_delete(const struct pctx *c, const struct ike_payload *p)
{
	struct ike_delete_pl d;
	struct parse_err e;
	struct numbuf nb;
	char spi[2 + 2 * IKE_MAX_SPI_LEN + 1];
	unsigned int i;

	if (ike_parse_delete(p, &d, &e) < 0) {
		malformed(c, p, &e);
		return;
	}
	P(c, "    Security protocol id: %s, spi size: %u, num of spi: %u",
	  proto_name(d.proto, &nb), d.spi_size, d.n);
	for (i = 0; i < d.n; i++) {
		spi_str(d.spis + (size_t)i * d.spi_size, d.spi_size, spi,
			sizeof(spi));
		P(c, "    spi: %s", spi);
	}
}

static void print_selector(const struct pctx *c, const struct ike_ts *ts)
{
	char s[INET6_ADDRSTRLEN], e[INET6_ADDRSTRLEN];
	int af = ts->alen == 4 ? AF_INET : AF_INET6;
	struct numbuf nb;

	P(c, "    TS type: %s, proto id: %u, length: %u",
	  ts_type_name(ts->type, &nb), ts->proto, 8 + 2 * ts->alen);
	P(c, "    start port: %u, end port: %u", ts->sport, ts->eport);
	if (!inet_ntop(af, ts->start, s, sizeof(s)))
		snprintf(s, sizeof(s), "?");
	if (!inet_ntop(af, ts->end, e, sizeof(e)))
		snprintf(e, sizeof(e), "?");
	P(c, "    start addr: %s, end addr: %s", s, e);
}

static void print_ts(const struct pctx *c, const struct ike_payload *p)
{
	struct ike_ts_pl ts;
	struct parse_err e;
	unsigned int i;

	if (ike_parse_ts(p, &ts, &e) < 0) {
		malformed(c, p, &e);
		return;
	}
	P(c, "    Num of TSs: %u, reserved 0x%x, reserved 0x%x", ts.n,
	  p->body[1], get16(p->body + 2));
	for (i = 0; i < ts.n; i++)
		print_selector(c, &ts.ts[i]);
}

static void print_cert(const struct pctx *c, const struct ike_payload *p)
{
	if (!p->len) {
		P(c, "    malformed %s payload: empty", pl_name(p->type));
		return;
	}
	P(c, "    Cert encoding: %u", p->body[0]);
	hex_block(c, p->body + 1, p->len - 1);
}

static const char *cfg_type_name(uint8_t type, struct numbuf *b)
{
	static const char *const names[] = {
		NULL, "CFG_REQUEST", "CFG_REPLY", "CFG_SET", "CFG_ACK",
	};

	if (type < sizeof(names) / sizeof(names[0]) && names[type])
		return names[type];
	return num(b, type);
}

static const char *cfg_attr_name(uint16_t type, struct numbuf *b)
{
	switch (type) {
	case IKE_CFG_INTERNAL_IP4_ADDRESS:
		return "internal IP4 address";
	case IKE_CFG_INTERNAL_IP4_NETMASK:
		return "internal IP4 netmask";
	case IKE_CFG_INTERNAL_IP4_DNS:
		return "internal IP4 DNS";
	case IKE_CFG_INTERNAL_IP4_NBNS:
		return "internal IP4 NBNS";
	case IKE_CFG_INTERNAL_IP4_DHCP:
		return "internal IP4 DHCP";
	case IKE_CFG_APPLICATION_VERSION:
		return "application version";
	case IKE_CFG_INTERNAL_IP6_ADDRESS:
		return "internal IP6 address";
	case IKE_CFG_INTERNAL_IP6_DNS:
		return "internal IP6 DNS";
	case IKE_CFG_INTERNAL_IP6_DHCP:
		return "internal IP6 DHCP";
	case IKE_CFG_INTERNAL_IP4_SUBNET:
		return "internal IP4 subnet";
	case IKE_CFG_SUPPORTED_ATTRIBUTES:
		return "supported attributes";
	case IKE_CFG_INTERNAL_IP6_SUBNET:
		return "internal IP6 subnet";
	case IKE_CFG_UNITY_BANNER:
		return "banner";
	case IKE_CFG_UNITY_DEF_DOMAIN:
		return "default domain";
	case IKE_CFG_UNITY_SPLITDNS_NAME:
		return "split DNS";
	case IKE_CFG_UNITY_SPLIT_INCLUDE:
		return "split include";
	case IKE_CFG_UNITY_BACKUP_SERVERS:
		return "backup servers";
	default:
		return num(b, type);
	}
}

/*
 * A text attribute's value: printable ASCII kept, any other byte as '.',
 * and "..." for what does not fit in S.
 */
static const char *text_str(const uint8_t *p, size_t len, char *s,
			    size_t size)
{
	size_t n = len < size ? len : size - 4, i;

	for (i = 0; i < n; i++)
		s[i] = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '.';
	if (n < len) {
		memcpy(s + n, "...", 3);
		n += 3;
	}
	s[n] = '\0';
	return s;
}

static const char *addr_str(int af, const uint8_t *a, char *s, size_t len)
{
	if (!inet_ntop(af, a, s, (socklen_t)len))
		snprintf(s, len, "?");
	return s;
}

/* SUPPORTED_ATTRIBUTES: the types listed, up to a line's worth. */
static void print_supported(const struct pctx *c, const struct ike_cp_attr *a)
{
	char s[IKE_CP_MAX_SUPPORTED * 6 + 8];
	size_t len = 0;
	unsigned int i;

	s[0] = '\0';
	for (i = 0; i + 1 < a->len && i < 2 * IKE_CP_MAX_SUPPORTED; i += 2)
		len += snprintf(s + len, sizeof(s) - len, " %u",
				get16(a->value + i));
	if (i + 1 < a->len)
		snprintf(s + len, sizeof(s) - len, " ...");
	P(c, "      value:%s", s);
}

/* The value of attribute A, already checked by ike_parse_cp(). */
static void print_cfg_value(const struct pctx *c, const struct ike_cp_attr *a)
{
	char s[INET6_ADDRSTRLEN], m[INET6_ADDRSTRLEN], t[100];

	switch (a->type) {
	case IKE_CFG_INTERNAL_IP4_ADDRESS:
	case IKE_CFG_INTERNAL_IP4_NETMASK:
	case IKE_CFG_INTERNAL_IP4_DNS:
	case IKE_CFG_INTERNAL_IP4_NBNS:
	case IKE_CFG_INTERNAL_IP4_DHCP:
		P(c, "      value: %s",
		  addr_str(AF_INET, a->value, s, sizeof(s)));
		break;
	case IKE_CFG_INTERNAL_IP4_SUBNET:
		P(c, "      value: %s %s",
		  addr_str(AF_INET, a->value, s, sizeof(s)),
		  addr_str(AF_INET, a->value + 4, m, sizeof(m)));
		break;
	case IKE_CFG_INTERNAL_IP6_ADDRESS:
	case IKE_CFG_INTERNAL_IP6_SUBNET:
		P(c, "      value: %s/%u",
		  addr_str(AF_INET6, a->value, s, sizeof(s)), a->value[16]);
		break;
	case IKE_CFG_INTERNAL_IP6_DNS:
	case IKE_CFG_INTERNAL_IP6_DHCP:
		P(c, "      value: %s",
		  addr_str(AF_INET6, a->value, s, sizeof(s)));
		break;
	case IKE_CFG_SUPPORTED_ATTRIBUTES:
		print_supported(c, a);
		break;
	case IKE_CFG_APPLICATION_VERSION:
	case IKE_CFG_UNITY_BANNER:
	case IKE_CFG_UNITY_DEF_DOMAIN:
	case IKE_CFG_UNITY_SPLITDNS_NAME:
	case IKE_CFG_UNITY_BACKUP_SERVERS:
		P(c, "      value: %s",
		  text_str(a->value, a->len, t, sizeof(t)));
		break;
	}
}

/*
 * Configuration payload (3.15): type, then each attribute and its value
 * (addresses in dotted form, texts as printable characters).
 */
static void print_cp(const struct pctx *c, const struct ike_payload *p)
{
	struct ike_cp_attr a;
	struct parse_err e;
	struct ike_cp cp;
	struct numbuf nb;
	size_t off = IKE_CP_HDR_LEN;

	/* checked first; the walk below then only reads what was checked */
	if (ike_parse_cp(p, &cp, &e) < 0) {
		malformed(c, p, &e);
		return;
	}
	P(c, "    cfg type: %s, reserved: 0x%x, reserved: 0x%x",
	  cfg_type_name(p->body[0], &nb), p->body[1], get16(p->body + 2));
	while (ike_cp_next_attr(p, &off, &a, &e) > 0) {
		P(c, "    attrib type: %s, length: %u",
		  cfg_attr_name(a.type, &nb), a.len);
		if (a.len)
			print_cfg_value(c, &a);
	}
	hex_block(c, p->body + IKE_CP_HDR_LEN, p->len - IKE_CP_HDR_LEN);
}

static void print_eap(const struct pctx *c, const struct ike_payload *p)
{
	if (p->len < 4) {
		P(c, "    malformed EAP payload: truncated");
		return;
	}
	P(c, "    Code: %u, Id: %u, length: %u", p->body[0], p->body[1],
	  get16(p->body + 2));
	if (p->len > 4 && (p->body[0] == 1 || p->body[0] == 2))
		P(c, "    type: %u", p->body[4]);
	hex_block(c, p->body + 4, p->len - 4);
}

static void print_skf(const struct pctx *c, const struct ike_payload *p)
{
	if (p->len < 4) {
		P(c, "    malformed SKF payload: truncated");
		return;
	}
	P(c, "    fragment number: %u, total fragments: %u", get16(p->body),
	  get16(p->body + 2));
	hex_block(c, p->body + 4, p->len - 4);
}

static void print_body(const struct pctx *c, const struct ike_payload *p)
{
	switch (p->type) {
	case IKE_PL_SA:
		print_sa(c, p);
		break;
	case IKE_PL_KE:
		print_ke(c, p);
		break;
	case IKE_PL_IDI:
	case IKE_PL_IDR:
		print_id(c, p);
		break;
	case IKE_PL_CERT:
	case IKE_PL_CERTREQ:
		print_cert(c, p);
		break;
	case IKE_PL_AUTH:
		print_auth(c, p);
		break;
	case IKE_PL_NONCE:
		print_nonce(c, p);
		break;
	case IKE_PL_NOTIFY:
		print_notify(c, p);
		break;
	case IKE_PL_DELETE:
		print_delete(c, p);
		break;
	case IKE_PL_TSI:
	case IKE_PL_TSR:
		print_ts(c, p);
		break;
	case IKE_PL_CP:
		print_cp(c, p);
		break;
	case IKE_PL_EAP:
		print_eap(c, p);
		break;
	case IKE_PL_SKF:
		print_skf(c, p);
		break;
	default:
		/* SK, VID and anything else: opaque */
		hex_block(c, p->body, p->len);
		break;
	}
}

/* --- the message --- */

static bool pl_encrypted(uint8_t type)
{
	return type == IKE_PL_SK || type == IKE_PL_SKF;
}

/* The next-payload field of payload I: for SK the first inner payload,
 * otherwise the payload after it. */
static uint8_t next_type(const struct ike_msg *m, unsigned int i)
{
	if (pl_encrypted(m->pl[i].type))
		return m->pl[i].inner_np;
	return i + 1 < m->n ? m->pl[i + 1].type : IKE_PL_NONE;
}

/* SK is shown while its contents are not: once the decrypted payloads
 * follow it in M, they are shown instead, as IOS does. */
static bool shown(const struct ike_msg *m, unsigned int i)
{
	return !pl_encrypted(m->pl[i].type) || i + 1 == m->n;
}

/* "NOTIFY(NAT_DETECTION_SOURCE_IP)" for a notify, else the short name. */
static const char *label(const struct ike_payload *p, char *s, size_t len)
{
	struct ike_notify_pl n;
	struct parse_err e;
	char name[48];

	if (p->type == IKE_PL_NOTIFY && !ike_parse_notify(p, &n, &e))
		snprintf(s, len, "NOTIFY(%s)",
			 notify_str(n.type, name, sizeof(name)));
	else
		snprintf(s, len, "%s", pl_name(p->type));
	return s;
}

static void print_flags(uint8_t flags, char *s, size_t len)
{
	snprintf(s, len, "%s%s%s",
		 flags & IKE_FLAG_INITIATOR ? "INITIATOR" : "RESPONDER",
		 flags & IKE_FLAG_RESPONSE ? " MSG-RESPONSE" : "",
		 flags & IKE_FLAG_VERSION ? " VERSION" : "");
}

static void print_hdr(const struct pctx *c, const struct ike_hdr *h)
{
	char flags[40];

	print_flags(h->flags, flags, sizeof(flags));
	P(c, "Next payload: %s, version: %u.%u Exchange type: %s, flags: %s Message id: %u, length: %u",
	  pl_name(h->np), h->version >> 4, h->version & 0xf,
	  exch_name(h->exch), flags, h->msgid, h->length);
}

void ike_print_msg(const struct ike_msg *m, bool hexdump, print_fn out,
		   void *ctx)
{
	struct pctx c = { .out = out, .ctx = ctx, .hex = hexdump };
	unsigned int i;

	print_hdr(&c, &m->hdr);
	P(&c, "Payload contents:");
	for (i = 0; i < m->n && i < IKE_MAX_PAYLOADS; i++) {
		const struct ike_payload *p = &m->pl[i];
		char name[64];

		if (!shown(m, i))
			continue;
		P(&c, " %s  Next payload: %s, reserved: 0x%x, length: %zu",
		  label(p, name, sizeof(name)), pl_name(next_type(m, i)),
		  p->critical ? IKE_PL_CRITICAL : 0,
		  p->len + IKE_GENERIC_HDR_LEN);
		print_body(&c, p);
	}
}

void ike_print_summary(const struct ike_msg *m, print_fn out, void *ctx)
{
	char line[IKE_MAX_PAYLOADS * 48], name[64];
	size_t len = 0;
	unsigned int i;

	line[0] = '\0';
	for (i = 0; i < m->n && i < IKE_MAX_PAYLOADS; i++) {
		int r;

		if (!shown(m, i))
			continue;
		r = snprintf(line + len, sizeof(line) - len, " %s",
			     label(&m->pl[i], name, sizeof(name)));
		if (r < 0 || (size_t)r >= sizeof(line) - len)
			break;
		len += r;
	}
	out(ctx, "Payload contents:");
	out(ctx, "%s", line);
}
