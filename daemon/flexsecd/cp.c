// SPDX-License-Identifier: GPL-2.0
/*
 * The Configuration payload (RFC 7296 3.15): parsing a CP body into a
 * struct ike_cp, building one from it, and comparing two.
 *
 * The kinds of attribute that are lists of fixed-size values (addresses,
 * servers, subnets) are described by one table: type, value length, the
 * check a value must pass, and where in struct ike_cp the count and the
 * array are. Parsing, building and comparing walk that table; the netmask,
 * SUPPORTED_ATTRIBUTES and the texts have functions of their own.
 */

#include <errno.h>
#include <string.h>

#include "cp.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static int syntax(struct parse_err *e, const char *what)
{
	e->err = what;
	e->notify = IKE_N_INVALID_SYNTAX;
	e->notify_data = 0;
	return -1;
}

static void ok(struct parse_err *e)
{
	e->err = NULL;
	e->notify = 0;
	e->notify_data = 0;
}

/* What a list's value must satisfy besides its length. */
enum {
	CHK_NONE,
	CHK_MASK4,	/* bytes 4..7 a contiguous netmask */
	CHK_PLEN16,	/* byte 16 a prefix length of at most 128 */
};

struct cp_list {
	uint8_t kind;
	uint16_t type;
	uint8_t len;		/* of a value on the wire */
	uint8_t check;
	unsigned int max;
	size_t n_off;		/* the count in struct ike_cp */
	size_t v_off;		/* the array */
	size_t size;		/* of an element, which starts with the value */
	const char *bad_len;
	const char *bad_value;
};

#define ELEM_SIZE(v)	sizeof(((struct ike_cp *)0)->v[0])
#define LIST(k, t, l, c, m, n, v, bl, bv) {				\
	.kind = k, .type = t, .len = l, .check = c, .max = m,		\
	.n_off = offsetof(struct ike_cp, n),				\
	.v_off = offsetof(struct ike_cp, v),				\
	.size = ELEM_SIZE(v), .bad_len = bl, .bad_value = bv }

static const struct cp_list lists[] = {
	LIST(IKE_CP_IP4_ADDR, IKE_CFG_INTERNAL_IP4_ADDRESS, 4, CHK_NONE,
	     IKE_CP_MAX_ADDRS, n_ip4_addr, ip4_addr,
	     "INTERNAL_IP4_ADDRESS length not 0 or 4", NULL),
	LIST(IKE_CP_IP4_DNS, IKE_CFG_INTERNAL_IP4_DNS, 4, CHK_NONE,
	     IKE_CP_MAX_SERVERS, n_dns4, dns4,
	     "INTERNAL_IP4_DNS length not 0 or 4", NULL),
	LIST(IKE_CP_IP4_NBNS, IKE_CFG_INTERNAL_IP4_NBNS, 4, CHK_NONE,
	     IKE_CP_MAX_SERVERS, n_nbns4, nbns4,
	     "INTERNAL_IP4_NBNS length not 0 or 4", NULL),
	LIST(IKE_CP_IP4_DHCP, IKE_CFG_INTERNAL_IP4_DHCP, 4, CHK_NONE,
	     IKE_CP_MAX_SERVERS, n_dhcp4, dhcp4,
	     "INTERNAL_IP4_DHCP length not 0 or 4", NULL),
	LIST(IKE_CP_IP4_SUBNET, IKE_CFG_INTERNAL_IP4_SUBNET, 8, CHK_MASK4,
	     IKE_CP_MAX_SUBNETS, n_subnet4, subnet4,
	     "INTERNAL_IP4_SUBNET length not 0 or 8",
	     "INTERNAL_IP4_SUBNET netmask not contiguous"),
	LIST(IKE_CP_IP6_ADDR, IKE_CFG_INTERNAL_IP6_ADDRESS, 17, CHK_PLEN16,
	     IKE_CP_MAX_ADDRS, n_ip6_addr, ip6_addr,
	     "INTERNAL_IP6_ADDRESS length not 0 or 17",
	     "INTERNAL_IP6_ADDRESS prefix length over 128"),
	LIST(IKE_CP_IP6_DNS, IKE_CFG_INTERNAL_IP6_DNS, 16, CHK_NONE,
	     IKE_CP_MAX_SERVERS, n_dns6, dns6,
	     "INTERNAL_IP6_DNS length not 0 or 16", NULL),
	LIST(IKE_CP_IP6_DHCP, IKE_CFG_INTERNAL_IP6_DHCP, 16, CHK_NONE,
	     IKE_CP_MAX_SERVERS, n_dhcp6, dhcp6,
	     "INTERNAL_IP6_DHCP length not 0 or 16", NULL),
	LIST(IKE_CP_IP6_SUBNET, IKE_CFG_INTERNAL_IP6_SUBNET, 17, CHK_PLEN16,
	     IKE_CP_MAX_SUBNETS, n_subnet6, subnet6,
	     "INTERNAL_IP6_SUBNET length not 0 or 17",
	     "INTERNAL_IP6_SUBNET prefix length over 128"),
};

/* The wire type of each kind, lists included. */
static const uint16_t kind_types[IKE_CP_NKINDS] = {
	[IKE_CP_IP4_ADDR]	= IKE_CFG_INTERNAL_IP4_ADDRESS,
	[IKE_CP_IP4_MASK]	= IKE_CFG_INTERNAL_IP4_NETMASK,
	[IKE_CP_IP4_DNS]	= IKE_CFG_INTERNAL_IP4_DNS,
	[IKE_CP_IP4_NBNS]	= IKE_CFG_INTERNAL_IP4_NBNS,
	[IKE_CP_IP4_DHCP]	= IKE_CFG_INTERNAL_IP4_DHCP,
	[IKE_CP_APP_VERSION]	= IKE_CFG_APPLICATION_VERSION,
	[IKE_CP_IP6_ADDR]	= IKE_CFG_INTERNAL_IP6_ADDRESS,
	[IKE_CP_IP6_DNS]	= IKE_CFG_INTERNAL_IP6_DNS,
	[IKE_CP_IP6_DHCP]	= IKE_CFG_INTERNAL_IP6_DHCP,
	[IKE_CP_IP4_SUBNET]	= IKE_CFG_INTERNAL_IP4_SUBNET,
	[IKE_CP_SUPPORTED]	= IKE_CFG_SUPPORTED_ATTRIBUTES,
	[IKE_CP_IP6_SUBNET]	= IKE_CFG_INTERNAL_IP6_SUBNET,
	[IKE_CP_DEF_DOMAIN]	= IKE_CFG_UNITY_DEF_DOMAIN,
};

uint16_t ike_cp_kind_type(enum ike_cp_kind kind)
{
	return (unsigned int)kind < IKE_CP_NKINDS ? kind_types[kind] : 0;
}

/* The kind of attribute TYPE, or -1 for one not understood. */
static int kind_of(uint16_t type)
{
	int k;

	for (k = 0; k < IKE_CP_NKINDS; k++)
		if (kind_types[k] == type)
			return k;
	return -1;
}

static const struct cp_list *list_of(int kind)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(lists); i++)
		if (lists[i].kind == kind)
			return &lists[i];
	return NULL;
}

/* A netmask is contiguous when its complement is of the form 0..01..1. */
static bool mask_ok(const uint8_t *m)
{
	uint32_t inv = ~get32(m);

	return !(inv & (inv + 1));
}

static bool value_ok(const struct cp_list *l, const uint8_t *v)
{
	switch (l->check) {
	case CHK_MASK4:
		return mask_ok(v + 4);
	case CHK_PLEN16:
		return v[16] <= IKE_CP_MAX_PLEN;
	default:
		return true;
	}
}

/* --- parsing --- */

int ike_cp_next_attr(const struct ike_payload *p, size_t *off,
		     struct ike_cp_attr *a, struct parse_err *e)
{
	const uint8_t *h;
	size_t left;

	if (*off >= p->len)
		return 0;
	left = p->len - *off;
	if (left < IKE_CP_ATTR_HDR_LEN)
		return syntax(e, "truncated configuration attribute");
	h = p->body + *off;
	a->type = (uint16_t)(get16(h) & ~IKE_CFG_ATTR_RESERVED);
	a->len = get16(h + 2);
	if (a->len > left - IKE_CP_ATTR_HDR_LEN)
		return syntax(e, "configuration attribute runs past the payload");
	a->value = h + IKE_CP_ATTR_HDR_LEN;
	*off += IKE_CP_ATTR_HDR_LEN + (size_t)a->len;
	return 1;
}

/* A value of list L: checked, then kept if there is room. */
static int take_list(struct ike_cp *cp, const struct cp_list *l,
		     const struct ike_cp_attr *a, struct parse_err *e)
{
	unsigned int *n = (unsigned int *)((char *)cp + l->n_off);
	char *v = (char *)cp + l->v_off;

	if (a->len != l->len)
		return syntax(e, l->bad_len);
	if (!value_ok(l, a->value))
		return syntax(e, l->bad_value);
	if (*n >= l->max) {
		cp->n_dropped++;
		return 0;
	}
	memcpy(v + *n * l->size, a->value, l->len);
	(*n)++;
	return 0;
}

static int take_mask(struct ike_cp *cp, const struct ike_cp_attr *a,
		     struct parse_err *e)
{
	if (a->len != 4)
		return syntax(e, "INTERNAL_IP4_NETMASK length not 0 or 4");
	if (!mask_ok(a->value))
		return syntax(e, "INTERNAL_IP4_NETMASK not contiguous");
	if (cp->have_ip4_mask) {
		cp->n_dropped++;
		return 0;
	}
	memcpy(&cp->ip4_mask, a->value, 4);
	cp->have_ip4_mask = true;
	return 0;
}

/* Each SUPPORTED_ATTRIBUTES is a list of 2-byte types; several add up. */
static int take_supported(struct ike_cp *cp, const struct ike_cp_attr *a,
			  struct parse_err *e)
{
	uint16_t i;

	if (a->len % 2)
		return syntax(e, "SUPPORTED_ATTRIBUTES length odd");
	for (i = 0; i < a->len; i += 2) {
		if (cp->n_supported >= IKE_CP_MAX_SUPPORTED) {
			cp->n_dropped++;
			continue;
		}
		cp->supported[cp->n_supported++] = get16(a->value + i);
	}
	return 0;
}

/* A text: the first one is kept, a repeated one dropped. */
static void take_text(struct ike_cp *cp, const uint8_t **text,
		      uint16_t *len, const struct ike_cp_attr *a)
{
	if (*len) {
		cp->n_dropped++;
		return;
	}
	*text = a->value;
	*len = a->len;
}

static int take_value(struct ike_cp *cp, int kind,
		      const struct ike_cp_attr *a, struct parse_err *e)
{
	const struct cp_list *l = list_of(kind);

	if (l)
		return take_list(cp, l, a, e);
	switch (kind) {
	case IKE_CP_IP4_MASK:
		return take_mask(cp, a, e);
	case IKE_CP_SUPPORTED:
		return take_supported(cp, a, e);
	case IKE_CP_APP_VERSION:
		take_text(cp, &cp->app_version, &cp->app_version_len, a);
		return 0;
	case IKE_CP_DEF_DOMAIN:
		if (a->len > IKE_CP_MAX_DOMAIN)
			return syntax(e, "default domain longer than 253 bytes");
		take_text(cp, &cp->def_domain, &cp->def_domain_len, a);
		return 0;
	}
	return 0;
}

static int take_attr(struct ike_cp *cp, const struct ike_cp_attr *a,
		     struct parse_err *e)
{
	int kind = kind_of(a->type);

	if (kind < 0) {
		cp->n_unknown++;
		return 0;
	}
	if (!a->len) {
		cp->asked |= IKE_CP_BIT(kind);
		return 0;
	}
	return take_value(cp, kind, a, e);
}

int ike_parse_cp(const struct ike_payload *p, struct ike_cp *cp,
		 struct parse_err *e)
{
	struct ike_cp_attr a;
	size_t off = IKE_CP_HDR_LEN;
	int r;

	memset(cp, 0, sizeof(*cp));
	if (p->len < IKE_CP_HDR_LEN)
		return syntax(e, "truncated CP payload");
	if (p->body[0] < IKE_CFG_REQUEST || p->body[0] > IKE_CFG_ACK)
		return syntax(e, "unknown CFG type");
	cp->type = p->body[0];
	while ((r = ike_cp_next_attr(p, &off, &a, e)) > 0)
		if (take_attr(cp, &a, e) < 0)
			break;
	if (r) {
		memset(cp, 0, sizeof(*cp));
		return -1;
	}
	ok(e);
	return 0;
}

/* --- building --- */

static bool list_valid(const struct ike_cp *cp, const struct cp_list *l)
{
	unsigned int n = *(const unsigned int *)((const char *)cp + l->n_off);
	const char *v = (const char *)cp + l->v_off;
	unsigned int i;

	if (n > l->max)
		return false;
	for (i = 0; i < n; i++)
		if (!value_ok(l, (const uint8_t *)v + i * l->size))
			return false;
	return true;
}

/* Whether what ike_cp_put would write from CP parses back into CP. */
static bool cp_valid(const struct ike_cp *cp)
{
	unsigned int i;

	if (cp->type < IKE_CFG_REQUEST || cp->type > IKE_CFG_ACK ||
	    cp->asked & ~IKE_CP_ALL)
		return false;
	for (i = 0; i < ARRAY_SIZE(lists); i++)
		if (!list_valid(cp, &lists[i]))
			return false;
	if (cp->have_ip4_mask && !mask_ok((const uint8_t *)&cp->ip4_mask))
		return false;
	if (cp->n_supported > IKE_CP_MAX_SUPPORTED)
		return false;
	if ((cp->app_version_len && !cp->app_version) ||
	    (cp->def_domain_len && !cp->def_domain))
		return false;
	return cp->def_domain_len <= IKE_CP_MAX_DOMAIN;
}

static void put_attr(struct buf *b, uint16_t type, const void *v,
		     uint16_t len)
{
	buf_put16(b, type);
	buf_put16(b, len);
	buf_put(b, v, len);
}

static void put_list(struct buf *b, const struct ike_cp *cp,
		     const struct cp_list *l)
{
	unsigned int n = *(const unsigned int *)((const char *)cp + l->n_off);
	const char *v = (const char *)cp + l->v_off;
	unsigned int i;

	for (i = 0; i < n; i++)
		put_attr(b, l->type, v + i * l->size, l->len);
}

/* The values of KIND, if it has any. */
static void put_values(struct buf *b, const struct ike_cp *cp, int kind)
{
	const struct cp_list *l = list_of(kind);
	unsigned int i;

	if (l) {
		put_list(b, cp, l);
		return;
	}
	switch (kind) {
	case IKE_CP_IP4_MASK:
		if (cp->have_ip4_mask)
			put_attr(b, IKE_CFG_INTERNAL_IP4_NETMASK,
				 &cp->ip4_mask, 4);
		break;
	case IKE_CP_SUPPORTED:
		if (!cp->n_supported)
			break;
		buf_put16(b, IKE_CFG_SUPPORTED_ATTRIBUTES);
		buf_put16(b, (uint16_t)(2 * cp->n_supported));
		for (i = 0; i < cp->n_supported; i++)
			buf_put16(b, cp->supported[i]);
		break;
	case IKE_CP_APP_VERSION:
		if (cp->app_version_len)
			put_attr(b, IKE_CFG_APPLICATION_VERSION,
				 cp->app_version, cp->app_version_len);
		break;
	case IKE_CP_DEF_DOMAIN:
		if (cp->def_domain_len)
			put_attr(b, IKE_CFG_UNITY_DEF_DOMAIN, cp->def_domain,
				 cp->def_domain_len);
		break;
	}
}

int ike_cp_put(struct buf *b, const struct ike_cp *cp)
{
	int k;

	if (b->err)
		return -1;
	if (!cp_valid(cp)) {
		b->err = EINVAL;
		return -1;
	}
	buf_put8(b, cp->type);
	buf_put8(b, 0);
	buf_put16(b, 0);
	for (k = 0; k < IKE_CP_NKINDS; k++)
		if (cp->asked & IKE_CP_BIT(k))
			put_attr(b, kind_types[k], NULL, 0);
	for (k = 0; k < IKE_CP_NKINDS; k++)
		put_values(b, cp, k);
	return b->err ? -1 : 0;
}

int ike_add_cp(struct msg_builder *mb, const struct ike_cp *cp)
{
	struct buf body;
	int r;

	if (mb->b.err)
		return -1;
	buf_init(&body);
	if (ike_cp_put(&body, cp) < 0) {
		mb->b.err = body.err;
		buf_free(&body);
		return -1;
	}
	r = ike_add_payload(mb, IKE_PL_CP, false, body.p, body.len);
	buf_free(&body);
	return r;
}

/* --- comparing --- */

static bool list_equal(const struct ike_cp *a, const struct ike_cp *b,
		       const struct cp_list *l)
{
	unsigned int n = *(const unsigned int *)((const char *)a + l->n_off);
	unsigned int m = *(const unsigned int *)((const char *)b + l->n_off);
	const char *va = (const char *)a + l->v_off;
	const char *vb = (const char *)b + l->v_off;
	unsigned int i;

	if (n != m || n > l->max)
		return false;
	/* the value only: an element's padding is not compared */
	for (i = 0; i < n; i++)
		if (memcmp(va + i * l->size, vb + i * l->size, l->len))
			return false;
	return true;
}

static bool text_equal(const uint8_t *a, uint16_t alen, const uint8_t *b,
		       uint16_t blen)
{
	return alen == blen && (!alen || !memcmp(a, b, alen));
}

bool ike_cp_equal(const struct ike_cp *a, const struct ike_cp *b)
{
	unsigned int i;

	if (a->type != b->type || a->asked != b->asked)
		return false;
	for (i = 0; i < ARRAY_SIZE(lists); i++)
		if (!list_equal(a, b, &lists[i]))
			return false;
	if (a->have_ip4_mask != b->have_ip4_mask ||
	    (a->have_ip4_mask && a->ip4_mask.s_addr != b->ip4_mask.s_addr))
		return false;
	if (a->n_supported != b->n_supported ||
	    a->n_supported > IKE_CP_MAX_SUPPORTED ||
	    memcmp(a->supported, b->supported,
		   a->n_supported * sizeof(a->supported[0])))
		return false;
	return text_equal(a->app_version, a->app_version_len, b->app_version,
			  b->app_version_len) &&
	       text_equal(a->def_domain, a->def_domain_len, b->def_domain,
			  b->def_domain_len);
}
