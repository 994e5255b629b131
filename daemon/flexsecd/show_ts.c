// SPDX-License-Identifier: GPL-2.0
/*
 * Traffic selectors as the show commands print them: the idents of "show
 * crypto ipsec sa" and the flows of "show crypto session".
 */

#include <arpa/inet.h>
#include <string.h>

#include "show_int.h"

#define GRE_PROTO	47

static int addr_bit(const uint8_t *a, unsigned int i)
{
	return a[i / 8] >> (7 - i % 8) & 1;
}

/* The prefix length of START..END, or -1 when the range is no prefix. */
static int range_plen(const struct conf_addr *s, const struct conf_addr *e)
{
	unsigned int bits = (unsigned int)caddr_len(s) * 8, i;
	int plen = (int)bits;

	if (!bits || s->family != e->family)
		return -1;
	for (i = 0; i < bits; i++) {
		if (plen == (int)bits && addr_bit(s->a, i) == addr_bit(e->a, i))
			continue;
		if (plen == (int)bits)
			plen = (int)i;
		if (addr_bit(s->a, i) != 0 || addr_bit(e->a, i) != 1)
			return -1;
	}
	return plen;
}

static const char *v4_mask(int plen, char *buf, size_t len)
{
	uint32_t m = plen ? htonl(~0u << (32 - plen)) : 0;

	if (!inet_ntop(AF_INET, &m, buf, len))
		snprintf(buf, len, "?");
	return buf;
}

/*
 * "0.0.0.0/0.0.0.0", "2001:db8::/32", or "A-B" for other ranges. When
 * HOST, a single address is "host A".
 */
static const char *range_str(const struct conf_addr *s,
			     const struct conf_addr *e, bool host, char *buf,
			     size_t len)
{
	char a[ADDR_LEN], b[ADDR_LEN];
	int plen = range_plen(s, e);

	if (!caddr_len(s)) {
		snprintf(buf, len, "0.0.0.0/0.0.0.0");
		return buf;
	}
	caddr_str(s, a, sizeof(a));
	if (plen < 0)
		snprintf(buf, len, "%s-%s", a, caddr_str(e, b, sizeof(b)));
	else if (host && plen == (int)caddr_len(s) * 8)
		snprintf(buf, len, "host %s", a);
	else if (s->family == AF_INET)
		snprintf(buf, len, "%s/%s", a, v4_mask(plen, b, sizeof(b)));
	else
		snprintf(buf, len, "%s/%d", a, plen);
	return buf;
}

/* "(192.0.2.1/255.255.255.255/47/0)" */
const char *ident_str(const struct conf_addr *s, const struct conf_addr *e,
		      uint8_t proto, char *buf, size_t len)
{
	char r[IDENT_LEN];

	snprintf(buf, len, "(%s/%u/0)", range_str(s, e, false, r, sizeof(r)),
		 proto);
	return buf;
}

/* "permit ip 0.0.0.0/0.0.0.0 0.0.0.0/0.0.0.0", "permit 47 host A host B" */
const char *flow_str(const struct child_ts *ts, char *buf, size_t len)
{
	char l[IDENT_LEN], r[IDENT_LEN], p[8];

	snprintf(p, sizeof(p), "%u", ts->proto);
	snprintf(buf, len, "permit %s %s %s", ts->proto ? p : "ip",
		 range_str(&ts->local_start, &ts->local_end, true, l,
			   sizeof(l)),
		 range_str(&ts->remote_start, &ts->remote_end, true, r,
			   sizeof(r)));
	return buf;
}

static void any_range(struct conf_addr *s, struct conf_addr *e, int family)
{
	memset(s, 0, sizeof(*s));
	memset(e, 0xff, sizeof(*e));
	s->family = e->family = family;
	e->plen = 0;
}

/*
 * What a tunnel's selectors are before (or without) a child SA: the
 * endpoints with GRE, everything with a VTI.
 */
void ts_from_conf(const struct conf_tunnel *t, const struct ike_sa *sa,
		  struct child_ts *ts)
{
	int family = AF_INET;

	memset(ts, 0, sizeof(*ts));
	if (t && t->overlay_family)
		family = t->overlay_family;
	if (!t || t->mode == CONF_TUN_VTI) {
		any_range(&ts->local_start, &ts->local_end, family);
		any_range(&ts->remote_start, &ts->remote_end, family);
		return;
	}
	ts->proto = GRE_PROTO;
	if (t->source.family)
		ts->local_start = t->source;
	else if (sa)
		caddr_from_ss(&ts->local_start, &sa->local);
	if (sa)
		caddr_from_ss(&ts->remote_start, &sa->remote);
	else
		ts->remote_start = t->destination;
	ts->local_end = ts->local_start;
	ts->remote_end = ts->remote_start;
}
