// SPDX-License-Identifier: GPL-2.0
/*
 * The state show commands: "show crypto ikev2 sa [detailed]", "show
 * crypto ikev2 stats", "show crypto ipsec sa [peer A]" and "show crypto
 * session [brief] [remote A]", in the layout IOS users read, or as JSON.
 *
 * Each command first gathers what it shows into a small view structure
 * (from D.sas, D.conf and flexsec.ko's counters), then renders the view
 * as text or as JSON, so that both always say the same thing.
 */

#include <arpa/inet.h>
#include <inttypes.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "algs.h"
#include "daemon.h"
#include "diag.h"
#include "ike_proto.h"
#include "kmi.h"
#include "show.h"

#define ADDR_LEN		INET6_ADDRSTRLEN
#define ADDR_PORT_LEN		(INET6_ADDRSTRLEN + 8)
#define IDENT_LEN		(2 * INET6_ADDRSTRLEN + 16)
#define ID_LEN			300
#define ALG_LEN			64
#define TIME_LEN		32
#define DEFAULT_IKE_LIFETIME	86400
#define GRE_PROTO		47

/* --- small helpers --- */

/* Seconds since T (the daemon stamps its SAs with time()); 0 if unset. */
static uint64_t since(time_t t)
{
	time_t now = time(NULL);

	return t && now > t ? (uint64_t)(now - t) : 0;
}

static size_t ss_bytes(const struct sockaddr_storage *ss, const uint8_t **p)
{
	if (ss && ss->ss_family == AF_INET) {
		*p = (const uint8_t *)&((const struct sockaddr_in *)ss)->sin_addr;
		return 4;
	}
	if (ss && ss->ss_family == AF_INET6) {
		*p = ((const struct sockaddr_in6 *)ss)->sin6_addr.s6_addr;
		return 16;
	}
	*p = NULL;
	return 0;
}

static unsigned int ss_port(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)ss)->sin_port);
	if (ss->ss_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
	return 0;
}

static const char *ss_addr(const struct sockaddr_storage *ss, char *buf,
			   size_t len)
{
	const uint8_t *p;

	if (!ss_bytes(ss, &p) || !inet_ntop(ss->ss_family, p, buf, len))
		snprintf(buf, len, "none");
	return buf;
}

static const char *ss_addr_port(const struct sockaddr_storage *ss,
				char *buf, size_t len)
{
	char a[ADDR_LEN];

	snprintf(buf, len, "%s/%u", ss_addr(ss, a, sizeof(a)), ss_port(ss));
	return buf;
}

static bool ss_same_host(const struct sockaddr_storage *x,
			 const struct sockaddr_storage *y)
{
	const uint8_t *a, *b;
	size_t n = ss_bytes(x, &a);

	return n && x->ss_family == y->ss_family && ss_bytes(y, &b) == n &&
	       !memcmp(a, b, n);
}

static size_t caddr_len(const struct conf_addr *c)
{
	return c->family == AF_INET ? 4 : c->family == AF_INET6 ? 16 : 0;
}

static bool caddr_is(const struct conf_addr *c,
		     const struct sockaddr_storage *ss)
{
	const uint8_t *p;
	size_t n = caddr_len(c);

	return n && c->family == ss->ss_family && ss_bytes(ss, &p) == n &&
	       !memcmp(c->a, p, n);
}

static const char *caddr_str(const struct conf_addr *c, char *buf,
			     size_t len)
{
	if (!caddr_len(c) || !inet_ntop(c->family, c->a, buf, len))
		snprintf(buf, len, "none");
	return buf;
}

static void caddr_from_ss(struct conf_addr *c,
			  const struct sockaddr_storage *ss)
{
	const uint8_t *p;
	size_t n = ss_bytes(ss, &p);

	memset(c, 0, sizeof(*c));
	if (!n)
		return;
	c->family = ss->ss_family;
	memcpy(c->a, p, n);
	c->plen = (uint8_t)(n * 8);
}

/* "00:01:01", or "2d03h" past a day. */
static const char *uptime_str(uint64_t s, char *buf, size_t len)
{
	if (s >= 86400)
		snprintf(buf, len, "%" PRIu64 "d%02" PRIu64 "h", s / 86400,
			 s / 3600 % 24);
	else
		snprintf(buf, len, "%02" PRIu64 ":%02" PRIu64 ":%02" PRIu64,
			 s / 3600, s / 60 % 60, s % 60);
	return buf;
}

static void json_out(FILE *out, struct json_object *jo)
{
	fputs(json_object_to_json_string_ext(jo, JSON_C_TO_STRING_PLAIN), out);
	fputc('\n', out);
	json_object_put(jo);
}

static void jstr(struct json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, v ? json_object_new_string(v) : NULL);
}

static void ju64(struct json_object *o, const char *k, uint64_t v)
{
	json_object_object_add(o, k, json_object_new_uint64(v));
}

static void jbool(struct json_object *o, const char *k, bool v)
{
	json_object_object_add(o, k, json_object_new_boolean(v));
}

static const struct conf_tunnel *tunnel_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; D.conf && name && i < D.conf->n_tunnels; i++)
		if (!strcmp(D.conf->tunnels[i].name, name))
			return &D.conf->tunnels[i];
	return NULL;
}

static bool child_shown(const struct child_sa *ch)
{
	return ch->state == CHILD_ST_INSTALLED ||
	       ch->state == CHILD_ST_DELETING;
}

static unsigned int children_installed(const struct ike_sa *sa)
{
	const struct child_sa *ch;
	unsigned int n = 0;

	for (ch = sa->children; ch; ch = ch->next)
		n += ch->state == CHILD_ST_INSTALLED;
	return n;
}

/* --- traffic selectors, for idents and flows --- */

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
static const char *ident_str(const struct conf_addr *s,
			     const struct conf_addr *e, uint8_t proto,
			     char *buf, size_t len)
{
	char r[IDENT_LEN];

	snprintf(buf, len, "(%s/%u/0)", range_str(s, e, false, r, sizeof(r)),
		 proto);
	return buf;
}

/* "permit ip 0.0.0.0/0.0.0.0 0.0.0.0/0.0.0.0", "permit 47 host A host B" */
static const char *flow_str(const struct child_ts *ts, char *buf, size_t len)
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
static void ts_from_conf(const struct conf_tunnel *t, const struct ike_sa *sa,
			 struct child_ts *ts)
{
	int family = AF_INET;

	memset(ts, 0, sizeof(*ts));
	if (t && t->destination.family)
		family = t->destination.family;
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

/* --- algorithm names --- */

static const char *wire_name(uint8_t type, uint16_t id, uint16_t bits)
{
	const struct alg *a = id ? alg_find(type, id, bits) : NULL;

	return a && a->wire ? a->wire : "Unknown";
}

static const char *auth_name(uint8_t method)
{
	const char *n = method ? auth_method_name(method) : NULL;

	return n ? n : "Unknown";
}

/* "esp-gcm 256", "esp-aes 256 esp-sha256-hmac" */
static const char *transform_str(const struct child_sa *ch, char *buf,
				 size_t len)
{
	char e[ALG_LEN], i[ALG_LEN];
	const char *es, *is = NULL;

	es = esp_alg_show(IKE_TT_ENCR, ch->encr, ch->encr_bits, e, sizeof(e));
	if (ch->integ != IKE_INTEG_NONE)
		is = esp_alg_show(IKE_TT_INTEG, ch->integ, 0, i, sizeof(i));
	snprintf(buf, len, "%s%s%s", es ? es : "unknown", is ? " " : "",
		 is ? is : "");
	return buf;
}

static unsigned int esp_iv_len(const struct child_sa *ch)
{
	const struct alg *a = alg_find(IKE_TT_ENCR, ch->encr, ch->encr_bits);

	return a ? a->iv_len : 0;
}

/* ========== show crypto ikev2 sa ========== */

struct ikesa_view {
	const struct ike_sa *sa;
	char local[ADDR_PORT_LEN], remote[ADDR_PORT_LEN];
	const char *status;
	const char *encr, *prf, *hash, *auth_sign, *auth_verify;
	unsigned int keysize, dh;
	uint32_t life;
	uint64_t active;
	char local_id[ID_LEN], remote_id[ID_LEN];
	uint64_t local_spi, remote_spi;
	uint32_t local_req_msgid, remote_req_msgid;
	unsigned int local_queued;
	uint32_t dpd, dpd_retry;
};

static const char *id_str(const struct conf_id *id, char *buf, size_t len)
{
	if (id->type == CONF_ID_NONE || !conf_id_str(id, buf, len))
		snprintf(buf, len, "none");
	return buf;
}

static void ikesa_dpd(const struct ike_sa *sa, struct ikesa_view *v)
{
	const struct conf *c = sa->conf ? sa->conf : D.conf;

	if (sa->prof && sa->prof->dpd_interval) {
		v->dpd = sa->prof->dpd_interval;
		v->dpd_retry = sa->prof->dpd_retry;
	} else if (c) {
		v->dpd = c->g.dpd_interval;
		v->dpd_retry = c->g.dpd_retry;
	}
}

static void ikesa_view(const struct ike_sa *sa, struct ikesa_view *v)
{
	const struct ike_suite *s = &sa->suite;
	unsigned int i;

	memset(v, 0, sizeof(*v));
	v->sa = sa;
	ss_addr_port(&sa->local, v->local, sizeof(v->local));
	ss_addr_port(&sa->remote, v->remote, sizeof(v->remote));
	v->status = ike_state_show(sa->state);
	v->encr = wire_name(IKE_TT_ENCR, s->encr, s->encr_bits);
	v->keysize = s->encr_bits;
	v->prf = wire_name(IKE_TT_PRF, s->prf, 0);
	v->hash = s->integ ? wire_name(IKE_TT_INTEG, s->integ, 0) : "None";
	v->dh = s->dh;
	v->auth_sign = auth_name(sa->auth_local);
	v->auth_verify = auth_name(sa->auth_remote);
	v->life = sa->prof && sa->prof->lifetime ? sa->prof->lifetime :
		  DEFAULT_IKE_LIFETIME;
	v->active = sa->state == IKE_ST_READY ? since(sa->established) : 0;
	id_str(&sa->id_local, v->local_id, sizeof(v->local_id));
	id_str(&sa->id_remote, v->remote_id, sizeof(v->remote_id));
	v->local_spi = sa->initiator ? sa->spi_i : sa->spi_r;
	v->remote_spi = sa->initiator ? sa->spi_r : sa->spi_i;
	v->local_req_msgid = sa->next_msgid ? sa->next_msgid - 1 : 0;
	v->remote_req_msgid = sa->peer_next_msgid ? sa->peer_next_msgid - 1 : 0;
	for (i = 0; i < IKE_MAX_WINDOW; i++)
		v->local_queued += sa->req[i].used;
	ikesa_dpd(sa, v);
}

static void ikesa_detail_text(FILE *out, const struct ikesa_view *v)
{
	const struct ike_sa *sa = v->sa;

	fprintf(out, "      SA ID: %u, Session-id: %u\n", sa->id,
		sa->session_id);
	fprintf(out, "      Status Description: %s\n",
		sa->status[0] ? sa->status : "none");
	fprintf(out, "      Local spi: %016" PRIX64 "       Remote spi: %016"
		PRIX64 "\n", v->local_spi, v->remote_spi);
	fprintf(out, "      Local id: %s\n", v->local_id);
	fprintf(out, "      Remote id: %s\n", v->remote_id);
	fprintf(out, "      Local req msg id:  %-15u Remote req msg id:  %u\n",
		v->local_req_msgid, v->remote_req_msgid);
	fprintf(out, "      Local next msg id: %-15u Remote next msg id: %u\n",
		sa->next_msgid, sa->peer_next_msgid);
	fprintf(out, "      Local req queued:  %-15u Remote req queued:  %u\n",
		v->local_queued, 0u);
	fprintf(out, "      Local window:      %-15u Remote window:      %u\n",
		sa->window, sa->peer_window);
	fprintf(out, "      DPD configured for %u seconds, retry %u\n",
		v->dpd, v->dpd_retry);
	fputs("      Fragmentation not configured.\n", out);
	fputs("      NAT-T is not detected\n", out);
	fprintf(out, "      Child SAs installed: %u\n",
		children_installed(sa));
	fprintf(out, "      Initiator of SA : %s\n",
		sa->initiator ? "Yes" : "No");
}

static void ikesa_text(FILE *out, const struct ikesa_view *v, bool detailed)
{
	const struct ike_sa *sa = v->sa;

	if (sa->remote.ss_family == AF_INET6)
		fprintf(out, "%-10u%-21s%-7s\nLocal  %s\nRemote %s\n",
			sa->tunnel_id, "none/none", v->status, v->local,
			v->remote);
	else
		fprintf(out, "%-10u%-22s%-22s%-21s%-7s\n", sa->tunnel_id,
			v->local, v->remote, "none/none", v->status);
	fprintf(out, "      Encr: %s, keysize: %u, PRF: %s, Hash: %s, DH Grp:%u, Auth sign: %s, Auth verify: %s\n",
		v->encr, v->keysize, v->prf, v->hash, v->dh, v->auth_sign,
		v->auth_verify);
	fprintf(out, "      Life/Active Time: %u/%" PRIu64 " sec\n", v->life,
		v->active);
	if (detailed)
		ikesa_detail_text(out, v);
	fputc('\n', out);
}

static void ikev2_sa_section(FILE *out, int family, bool detailed)
{
	const struct ike_sa *sa;
	struct ikesa_view v;
	unsigned int n = 0;

	if (family == AF_INET)
		fputs(" IPv4 Crypto IKEv2  SA \n\nTunnel-id Local                 Remote                fvrf/ivrf            Status \n",
		      out);
	else
		fputs(" IPv6 Crypto IKEv2  SA \n\nTunnel-id fvrf/ivrf            Status \n",
		      out);
	for_each_ike_sa(sa) {
		if ((sa->remote.ss_family == AF_INET6) !=
		    (family == AF_INET6))
			continue;
		ikesa_view(sa, &v);
		ikesa_text(out, &v, detailed);
		n++;
	}
	if (!n)
		fputc('\n', out);
}

static struct json_object *ikesa_detail_json(struct json_object *o,
					     const struct ikesa_view *v)
{
	const struct ike_sa *sa = v->sa;
	char spi[20];

	ju64(o, "sa_id", sa->id);
	ju64(o, "session_id", sa->session_id);
	jstr(o, "status_description", sa->status);
	snprintf(spi, sizeof(spi), "%016" PRIX64, v->local_spi);
	jstr(o, "local_spi", spi);
	snprintf(spi, sizeof(spi), "%016" PRIX64, v->remote_spi);
	jstr(o, "remote_spi", spi);
	jstr(o, "local_id", v->local_id);
	jstr(o, "remote_id", v->remote_id);
	ju64(o, "local_req_msg_id", v->local_req_msgid);
	ju64(o, "remote_req_msg_id", v->remote_req_msgid);
	ju64(o, "local_next_msg_id", sa->next_msgid);
	ju64(o, "remote_next_msg_id", sa->peer_next_msgid);
	ju64(o, "local_req_queued", v->local_queued);
	ju64(o, "local_window", sa->window);
	ju64(o, "remote_window", sa->peer_window);
	ju64(o, "dpd_interval", v->dpd);
	ju64(o, "dpd_retry", v->dpd_retry);
	jbool(o, "nat_detected", false);
	ju64(o, "child_sas_installed", children_installed(sa));
	jbool(o, "initiator", sa->initiator);
	return o;
}

static struct json_object *ikesa_json(const struct ikesa_view *v,
				      bool detailed)
{
	const struct ike_sa *sa = v->sa;
	struct json_object *o = json_object_new_object();
	char a[ADDR_LEN];

	ju64(o, "tunnel_id", sa->tunnel_id);
	jstr(o, "tunnel", sa->tun ? sa->tun->name : NULL);
	jstr(o, "local", ss_addr(&sa->local, a, sizeof(a)));
	ju64(o, "local_port", ss_port(&sa->local));
	jstr(o, "remote", ss_addr(&sa->remote, a, sizeof(a)));
	ju64(o, "remote_port", ss_port(&sa->remote));
	jstr(o, "fvrf", "none");
	jstr(o, "ivrf", "none");
	jstr(o, "status", v->status);
	jstr(o, "encryption", v->encr);
	ju64(o, "keysize", v->keysize);
	jstr(o, "prf", v->prf);
	jstr(o, "hash", v->hash);
	ju64(o, "dh_group", v->dh);
	jstr(o, "auth_sign", v->auth_sign);
	jstr(o, "auth_verify", v->auth_verify);
	ju64(o, "lifetime", v->life);
	ju64(o, "active_time", v->active);
	return detailed ? ikesa_detail_json(o, v) : o;
}

int show_ikev2_sa(FILE *out, bool detailed, bool json)
{
	struct json_object *jo, *arr;
	const struct ike_sa *sa;
	struct ikesa_view v;

	if (!json) {
		ikev2_sa_section(out, AF_INET, detailed);
		ikev2_sa_section(out, AF_INET6, detailed);
		return 0;
	}
	jo = json_object_new_object();
	arr = json_object_new_array();
	for_each_ike_sa(sa) {
		ikesa_view(sa, &v);
		json_object_array_add(arr, ikesa_json(&v, detailed));
	}
	json_object_object_add(jo, "ikev2_sas", arr);
	json_out(out, jo);
	return 0;
}

/* ========== show crypto ikev2 stats ========== */

struct sa_counts {
	unsigned int total, active, negotiating;
};

static void count_sas(struct sa_counts *in, struct sa_counts *out)
{
	const struct ike_sa *sa;
	struct sa_counts *c;

	memset(in, 0, sizeof(*in));
	memset(out, 0, sizeof(*out));
	for_each_ike_sa(sa) {
		c = sa->initiator ? out : in;
		c->total++;
		if (sa->state == IKE_ST_READY)
			c->active++;
		else if (sa->state != IKE_ST_DELETING &&
			 sa->state != IKE_ST_DEAD)
			c->negotiating++;
	}
}

static void stats_limits(uint32_t *max_sa, uint32_t *nego_in,
			 uint32_t *nego_out)
{
	*max_sa = D.conf ? D.conf->g.max_sa : 0;
	*nego_in = D.conf ? D.conf->g.max_in_negotiation_in : 40;
	*nego_out = D.conf ? D.conf->g.max_in_negotiation_out : 400;
}

static void stats_drops_text(FILE *out, const struct ike_stats *s)
{
	fprintf(out, "Dropped IKEv2 datagrams: %" PRIu64 "\n", s->rx_dropped);
	fprintf(out, "  truncated: %" PRIu64 ", bad header: %" PRIu64
		", bad length: %" PRIu64 ", bad payload: %" PRIu64 "\n",
		s->rx_truncated, s->rx_bad_header, s->rx_bad_length,
		s->rx_bad_payload);
	fprintf(out, "  unknown SPI: %" PRIu64 ", unsupported critical: %"
		PRIu64 ", decrypt failed: %" PRIu64 "\n", s->rx_unknown_spi,
		s->rx_critical, s->rx_decrypt_failed);
	fprintf(out, "  bad message id: %" PRIu64 ", too big: %" PRIu64 "\n",
		s->rx_bad_msgid, s->rx_too_big);
}

static void stats_text(FILE *out, const struct sa_counts *in,
		       const struct sa_counts *o)
{
	const struct ike_stats *s = &ike_stats;
	uint32_t max_sa, nin, nout;

	stats_limits(&max_sa, &nin, &nout);
	fputs("--------------------------------------------------------------------------------\n"
	      "                     Crypto IKEv2 SA Statistics\n"
	      "--------------------------------------------------------------------------------\n",
	      out);
	fprintf(out, "System Resource Limit:   %-8u Max IKEv2 SAs: %-8u Max in nego(in/out): %u/%u\n",
		0u, max_sa, nin, nout);
	fprintf(out, "Total incoming IKEv2 SA Count:    %-8u active:        %-8u negotiating: %u\n",
		in->total, in->active, in->negotiating);
	fprintf(out, "Total outgoing IKEv2 SA Count:    %-8u active:        %-8u negotiating: %u\n",
		o->total, o->active, o->negotiating);
	fprintf(out, "Incoming IKEv2 Requests: %-8" PRIu64 " accepted:      %-8"
		PRIu64 " rejected:    %" PRIu64 "\n",
		s->sa_responded + s->cac_rejected, s->sa_responded,
		s->cac_rejected);
	fprintf(out, "Outgoing IKEv2 Requests: %-8" PRIu64 " accepted:      %-8"
		PRIu64 " rejected:    %u\n", s->sa_initiated, s->sa_initiated,
		0u);
	fprintf(out, "Rejected requests due to CAC limit: %" PRIu64 "\n\n",
		s->cac_rejected);
	fprintf(out, "IKEv2 messages received: %" PRIu64 ", sent: %" PRIu64
		", retransmitted: %" PRIu64 "\n", s->rx_msgs, s->tx_msgs,
		s->retransmits);
	stats_drops_text(out, s);
	fprintf(out, "IKEv2 SAs established: %" PRIu64 ", failed: %" PRIu64
		"\n", s->sa_established, s->sa_failed);
	fprintf(out, "IPsec SAs installed: %" PRIu64 ", deleted: %" PRIu64
		"\n", s->child_installed, s->child_deleted);
}

static struct json_object *counts_json(const struct sa_counts *c)
{
	struct json_object *o = json_object_new_object();

	ju64(o, "total", c->total);
	ju64(o, "active", c->active);
	ju64(o, "negotiating", c->negotiating);
	return o;
}

static struct json_object *drops_json(const struct ike_stats *s)
{
	struct json_object *o = json_object_new_object();

	ju64(o, "total", s->rx_dropped);
	ju64(o, "truncated", s->rx_truncated);
	ju64(o, "bad_header", s->rx_bad_header);
	ju64(o, "bad_length", s->rx_bad_length);
	ju64(o, "bad_payload", s->rx_bad_payload);
	ju64(o, "unknown_spi", s->rx_unknown_spi);
	ju64(o, "unsupported_critical", s->rx_critical);
	ju64(o, "decrypt_failed", s->rx_decrypt_failed);
	ju64(o, "bad_msg_id", s->rx_bad_msgid);
	ju64(o, "too_big", s->rx_too_big);
	return o;
}

static void stats_json(FILE *out, const struct sa_counts *in,
		       const struct sa_counts *o)
{
	const struct ike_stats *s = &ike_stats;
	struct json_object *jo = json_object_new_object();
	uint32_t max_sa, nin, nout;

	stats_limits(&max_sa, &nin, &nout);
	ju64(jo, "system_resource_limit", 0);
	ju64(jo, "max_ikev2_sas", max_sa);
	ju64(jo, "max_in_negotiation_in", nin);
	ju64(jo, "max_in_negotiation_out", nout);
	json_object_object_add(jo, "incoming_sas", counts_json(in));
	json_object_object_add(jo, "outgoing_sas", counts_json(o));
	ju64(jo, "incoming_requests", s->sa_responded + s->cac_rejected);
	ju64(jo, "incoming_accepted", s->sa_responded);
	ju64(jo, "incoming_rejected", s->cac_rejected);
	ju64(jo, "outgoing_requests", s->sa_initiated);
	ju64(jo, "cac_rejected", s->cac_rejected);
	ju64(jo, "rx_msgs", s->rx_msgs);
	ju64(jo, "tx_msgs", s->tx_msgs);
	ju64(jo, "retransmits", s->retransmits);
	json_object_object_add(jo, "rx_dropped", drops_json(s));
	ju64(jo, "sa_established", s->sa_established);
	ju64(jo, "sa_failed", s->sa_failed);
	ju64(jo, "child_installed", s->child_installed);
	ju64(jo, "child_deleted", s->child_deleted);
	ju64(jo, "in_negotiation_in", s->in_negotiation_in);
	ju64(jo, "in_negotiation_out", s->in_negotiation_out);
	json_out(out, jo);
}

int show_ikev2_stats(FILE *out, bool json)
{
	struct sa_counts in, o;

	count_sas(&in, &o);
	if (json)
		stats_json(out, &in, &o);
	else
		stats_text(out, &in, &o);
	return 0;
}

/* ========== show crypto ipsec sa ========== */

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

static void child_stats(struct child_view *v)
{
	const struct child_sa *ch = v->ch;

	memset(&v->in, 0, sizeof(v->in));
	memset(&v->out, 0, sizeof(v->out));
	if (!D.kmi || !ch->ifindex)
		return;
	if (kmi_sa_stats(D.kmi, ch->ifindex, true, ch->spi_in, &v->in))
		memset(&v->in, 0, sizeof(v->in));
	if (kmi_sa_stats(D.kmi, ch->ifindex, false, ch->spi_out, &v->out))
		memset(&v->out, 0, sizeof(v->out));
}

static void totals_add(struct ipsec_totals *t, const struct child_view *v)
{
	const struct kmi_sa_stats *i = &v->in, *o = &v->out;

	t->encaps += o->tx_packets;
	t->decaps += i->rx_packets;
	t->send_errors += o->tx_errors;
	t->recv_errors += i->rx_errors;
	t->replay += i->rx_replay;
	t->too_old += i->rx_too_old;
	t->verify_failed += i->rx_auth_failed;
	t->bad_padding += i->rx_bad_padding;
	t->truncated += i->rx_truncated;
	t->gre_key += i->rx_gre_key;
	t->inner_proto += i->rx_inner_proto;
	t->expired_rx += i->rx_expired;
	t->expired_tx += o->tx_expired;
	t->no_sa += o->tx_no_sa;
	t->seq_overflow += o->tx_seq_overflow;
}

static bool on_if(const struct child_sa *ch, const char *ifname)
{
	return child_shown(ch) && !strcmp(ch->ifname, ifname);
}

/*
 * The outbound SPI in use: the newest installed child whose outbound SA
 * is the active one.
 */
static uint32_t current_out_spi(const struct ipsec_block *b)
{
	unsigned int i;

	for (i = 0; i < b->n; i++)
		if (b->v[i].ch->state == CHILD_ST_INSTALLED &&
		    (!b->v[i].out.found || b->v[i].out.active))
			return b->v[i].ch->spi_out;
	return 0;
}

static int block_children(struct ipsec_block *b, const char *ifname)
{
	const struct child_sa *ch;
	unsigned int n = 0;

	for (ch = b->sa->children; ch; ch = ch->next)
		n += on_if(ch, ifname);
	b->v = calloc(n ? n : 1, sizeof(*b->v));
	if (!b->v)
		return -1;
	for (ch = b->sa->children; ch; ch = ch->next) {
		if (!on_if(ch, ifname))
			continue;
		b->v[b->n].ch = ch;
		child_stats(&b->v[b->n]);
		totals_add(&b->tot, &b->v[b->n]);
		b->n++;
	}
	return 0;
}

static int block_fill(struct ipsec_block *b, const struct ipsec_if *ifc)
{
	const struct conf_tunnel *t = ifc->t;
	struct child_ts cts;
	const struct child_ts *ts = &cts;

	b->port = IKE_PORT;
	if (b->sa) {
		if (block_children(b, ifc->name))
			return -1;
		ss_addr(&b->sa->remote, b->peer, sizeof(b->peer));
		ss_addr(&b->sa->local, b->local, sizeof(b->local));
		b->port = ss_port(&b->sa->remote);
	} else {
		caddr_str(&t->destination, b->peer, sizeof(b->peer));
		caddr_str(&t->source, b->local, sizeof(b->local));
	}
	if (b->n) {
		ts = &b->v[0].ch->ts;
		b->pfs_group = b->v[0].ch->pfs_group;
	} else {
		ts_from_conf(t, b->sa, &cts);
	}
	ident_str(&ts->local_start, &ts->local_end, ts->proto, b->local_ident,
		  sizeof(b->local_ident));
	ident_str(&ts->remote_start, &ts->remote_end, ts->proto,
		  b->remote_ident, sizeof(b->remote_ident));
	b->out_spi = current_out_spi(b);
	return 0;
}

static bool sa_on_if(const struct ike_sa *sa, const char *ifname)
{
	const struct child_sa *ch;

	for (ch = sa->children; ch; ch = ch->next)
		if (on_if(ch, ifname))
			return true;
	return false;
}

static bool peer_ok(const struct sockaddr_storage *filter,
		    const struct sockaddr_storage *peer)
{
	return !filter || ss_same_host(filter, peer);
}

static unsigned int dev_mtu(const char *ifname)
{
	struct ifreq ifr;
	int fd, ret;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return 0;
	ret = ioctl(fd, SIOCGIFMTU, &ifr);
	close(fd);
	return ret ? 0 : (unsigned int)ifr.ifr_mtu;
}

static void if_free(struct ipsec_if *ifc)
{
	unsigned int i;

	for (i = 0; i < ifc->n; i++)
		free(ifc->b[i].v);
	free(ifc->b);
	ifc->b = NULL;
	ifc->n = 0;
}

static int if_add_block(struct ipsec_if *ifc, const struct ike_sa *sa)
{
	struct ipsec_block *b;

	b = realloc(ifc->b, (ifc->n + 1) * sizeof(*b));
	if (!b)
		return -1;
	ifc->b = b;
	b = &ifc->b[ifc->n++];
	memset(b, 0, sizeof(*b));
	b->sa = sa;
	return block_fill(b, ifc);
}

/* The blocks of interface IFC, for PEER (NULL: all). */
static int if_gather(struct ipsec_if *ifc,
		     const struct sockaddr_storage *peer)
{
	const struct ike_sa *sa;

	ifc->t = tunnel_by_name(ifc->name);
	for_each_ike_sa(sa) {
		if (!sa_on_if(sa, ifc->name) || !peer_ok(peer, &sa->remote))
			continue;
		if (if_add_block(ifc, sa))
			return -1;
	}
	if (ifc->n || !ifc->t)
		return 0;
	if (peer && !caddr_is(&ifc->t->destination, peer))
		return 0;
	return if_add_block(ifc, NULL);
}

static void totals_text(FILE *out, const struct ipsec_totals *t)
{
	fprintf(out, "    #pkts encaps: %" PRIu64 ", #pkts encrypt: %" PRIu64
		", #pkts digest: %" PRIu64 "\n", t->encaps, t->encaps,
		t->encaps);
	fprintf(out, "    #pkts decaps: %" PRIu64 ", #pkts decrypt: %" PRIu64
		", #pkts verify: %" PRIu64 "\n", t->decaps, t->decaps,
		t->decaps);
	fprintf(out, "    #send errors %" PRIu64 ", #recv errors %" PRIu64
		"\n", t->send_errors, t->recv_errors);
	fprintf(out, "    #pkts replay failed (rcv): %" PRIu64
		", #pkts too old (rcv): %" PRIu64 "\n", t->replay, t->too_old);
	fprintf(out, "    #pkts verify failed: %" PRIu64
		", #pkts invalid pad (rcv): %" PRIu64
		", #pkts truncated (rcv): %" PRIu64 "\n", t->verify_failed,
		t->bad_padding, t->truncated);
	fprintf(out, "    #pkts GRE key mismatch (rcv): %" PRIu64
		", #pkts bad inner protocol (rcv): %" PRIu64 "\n", t->gre_key,
		t->inner_proto);
	fprintf(out, "    #pkts SA expired (send): %" PRIu64
		", #pkts SA expired (rcv): %" PRIu64 "\n", t->expired_tx,
		t->expired_rx);
	fprintf(out, "    #pkts no SA (send): %" PRIu64
		", #pkts seq overflow (send): %" PRIu64 "\n\n", t->no_sa,
		t->seq_overflow);
}

/* Remaining kilobytes and seconds of a child SA's lifetime. */
static void remaining(const struct child_sa *ch,
		      const struct kmi_sa_stats *st, bool inbound,
		      char *kb, char *sec, size_t len)
{
	uint64_t used = (inbound ? st->rx_bytes : st->tx_bytes) / 1024;
	uint64_t age = st->found ? st->age : since(ch->created);

	if (ch->lifetime_kb)
		snprintf(kb, len, "%" PRIu64, ch->lifetime_kb > used ?
			 ch->lifetime_kb - used : 0);
	else
		snprintf(kb, len, "none");
	if (ch->lifetime_sec)
		snprintf(sec, len, "%" PRIu64, ch->lifetime_sec > age ?
			 ch->lifetime_sec - age : 0);
	else
		snprintf(sec, len, "none");
}

static const char *esp_status(const struct child_sa *ch,
			      const struct kmi_sa_stats *st, bool inbound)
{
	if (ch->state == CHILD_ST_DELETING)
		return "DELETING";
	if (!inbound && st->found && !st->active)
		return "STANDBY";
	return "ACTIVE(ACTIVE)";
}

static void esp_sa_text(FILE *out, const char *ifname,
			const struct child_view *v, bool inbound)
{
	const struct child_sa *ch = v->ch;
	const struct kmi_sa_stats *st = inbound ? &v->in : &v->out;
	uint32_t spi = inbound ? ch->spi_in : ch->spi_out;
	char tr[2 * ALG_LEN], kb[24], sec[24];

	remaining(ch, st, inbound, kb, sec, sizeof(kb));
	fprintf(out, "      spi: 0x%X(%u)\n", spi, spi);
	fprintf(out, "        transform: %s ,\n",
		transform_str(ch, tr, sizeof(tr)));
	fprintf(out, "        in use settings ={%s, %s}\n",
		ch->transport ? "Transport" : "Tunnel", ch->esn ? "ESN, " : "");
	fprintf(out, "        conn id: %u, flow_id: SW:%u, crypto map: %s-head-0\n",
		ch->conn_id, ch->conn_id, ifname);
	fprintf(out, "        sa timing: remaining key lifetime (k/sec): (%s/%s)\n",
		kb, sec);
	fprintf(out, "        IV size: %u bytes\n", esp_iv_len(ch));
	fprintf(out, "        replay detection support: %s\n",
		ch->replay_window ? "Y" : "N");
	if (inbound && ch->replay_window)
		fprintf(out, "        replay window size: %u\n",
			ch->replay_window);
	fprintf(out, "        Status: %s\n\n", esp_status(ch, st, inbound));
}

static void block_sas_text(FILE *out, const char *ifname,
			   const struct ipsec_block *b, bool inbound)
{
	unsigned int i;

	fprintf(out, "     %s esp sas:\n", inbound ? "inbound" : "outbound");
	for (i = 0; i < b->n; i++)
		esp_sa_text(out, ifname, &b->v[i], inbound);
	if (!b->n)
		fputc('\n', out);
}

static void block_text(FILE *out, const struct ipsec_if *ifc,
		       const struct ipsec_block *b)
{
	char mtu[16];

	snprintf(mtu, sizeof(mtu), "%u", ifc->mtu);
	fputs("   protected vrf: (none)\n", out);
	fprintf(out, "   local  ident (addr/mask/prot/port): %s\n",
		b->local_ident);
	fprintf(out, "   remote ident (addr/mask/prot/port): %s\n",
		b->remote_ident);
	fprintf(out, "   current_peer %s port %u\n", b->peer, b->port);
	fputs("     PERMIT, flags={origin_is_acl,}\n", out);
	totals_text(out, &b->tot);
	fprintf(out, "     local crypto endpt.: %s, remote crypto endpt.: %s\n",
		b->local, b->peer);
	fprintf(out, "     plaintext mtu %s, ip mtu %s, ip mtu idb %s\n",
		ifc->mtu ? mtu : "unknown", ifc->mtu ? mtu : "unknown",
		ifc->name);
	fprintf(out, "     current outbound spi: 0x%X(%u)\n", b->out_spi,
		b->out_spi);
	if (b->pfs_group)
		fprintf(out, "     PFS (Y/N): Y, DH group: group%u\n\n",
			b->pfs_group);
	else
		fputs("     PFS (Y/N): N, DH group: none\n\n", out);
	block_sas_text(out, ifc->name, b, true);
	block_sas_text(out, ifc->name, b, false);
}

static void if_text(FILE *out, const struct ipsec_if *ifc)
{
	unsigned int i;

	fprintf(out, "interface: %s\n", ifc->name);
	fprintf(out, "    Crypto map tag: %s-head-0, local addr %s\n\n",
		ifc->name, ifc->b[0].local);
	for (i = 0; i < ifc->n; i++)
		block_text(out, ifc, &ifc->b[i]);
}

static struct json_object *totals_json(const struct ipsec_totals *t)
{
	struct json_object *o = json_object_new_object();

	ju64(o, "pkts_encaps", t->encaps);
	ju64(o, "pkts_decaps", t->decaps);
	ju64(o, "send_errors", t->send_errors);
	ju64(o, "recv_errors", t->recv_errors);
	ju64(o, "replay_failed", t->replay);
	ju64(o, "too_old", t->too_old);
	ju64(o, "verify_failed", t->verify_failed);
	ju64(o, "invalid_pad", t->bad_padding);
	ju64(o, "truncated", t->truncated);
	ju64(o, "gre_key_mismatch", t->gre_key);
	ju64(o, "bad_inner_protocol", t->inner_proto);
	ju64(o, "expired_send", t->expired_tx);
	ju64(o, "expired_rcv", t->expired_rx);
	ju64(o, "no_sa_send", t->no_sa);
	ju64(o, "seq_overflow_send", t->seq_overflow);
	return o;
}

static struct json_object *esp_sa_json(const struct child_view *v,
				       bool inbound)
{
	const struct child_sa *ch = v->ch;
	const struct kmi_sa_stats *st = inbound ? &v->in : &v->out;
	struct json_object *o = json_object_new_object();
	char tr[2 * ALG_LEN], kb[24], sec[24];

	remaining(ch, st, inbound, kb, sec, sizeof(kb));
	ju64(o, "spi", inbound ? ch->spi_in : ch->spi_out);
	jstr(o, "transform", transform_str(ch, tr, sizeof(tr)));
	jstr(o, "mode", ch->transport ? "transport" : "tunnel");
	jbool(o, "esn", ch->esn);
	ju64(o, "conn_id", ch->conn_id);
	jstr(o, "remaining_kb", kb);
	jstr(o, "remaining_sec", sec);
	ju64(o, "iv_size", esp_iv_len(ch));
	ju64(o, "replay_window", ch->replay_window);
	jstr(o, "status", esp_status(ch, st, inbound));
	ju64(o, "packets", inbound ? st->rx_packets : st->tx_packets);
	ju64(o, "bytes", inbound ? st->rx_bytes : st->tx_bytes);
	return o;
}

static struct json_object *block_json(const struct ipsec_block *b)
{
	struct json_object *o = json_object_new_object();
	struct json_object *in = json_object_new_array();
	struct json_object *outb = json_object_new_array();
	unsigned int i;

	jstr(o, "local_ident", b->local_ident);
	jstr(o, "remote_ident", b->remote_ident);
	jstr(o, "current_peer", b->peer);
	ju64(o, "port", b->port);
	jstr(o, "local_crypto_endpt", b->local);
	jstr(o, "remote_crypto_endpt", b->peer);
	json_object_object_add(o, "counters", totals_json(&b->tot));
	ju64(o, "current_outbound_spi", b->out_spi);
	ju64(o, "pfs_group", b->pfs_group);
	for (i = 0; i < b->n; i++) {
		json_object_array_add(in, esp_sa_json(&b->v[i], true));
		json_object_array_add(outb, esp_sa_json(&b->v[i], false));
	}
	json_object_object_add(o, "inbound_esp_sas", in);
	json_object_object_add(o, "outbound_esp_sas", outb);
	return o;
}

static struct json_object *if_json(const struct ipsec_if *ifc)
{
	struct json_object *o = json_object_new_object();
	struct json_object *arr = json_object_new_array();
	unsigned int i;

	jstr(o, "interface", ifc->name);
	jstr(o, "local_addr", ifc->b[0].local);
	ju64(o, "mtu", ifc->mtu);
	for (i = 0; i < ifc->n; i++)
		json_object_array_add(arr, block_json(&ifc->b[i]));
	json_object_object_add(o, "peers", arr);
	return o;
}

/*
 * --- the interfaces to show: the configured tunnels, then any other
 * interface a child SA is on (a tunnel a reload removed) ---
 */

struct name_list {
	const char **v;
	unsigned int n;
};

static int names_add(struct name_list *l, const char *name)
{
	const char **v;
	unsigned int i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], name))
			return 0;
	v = realloc(l->v, (l->n + 1) * sizeof(*v));
	if (!v)
		return -1;
	l->v = v;
	l->v[l->n++] = name;
	return 0;
}

static int if_names(struct name_list *l)
{
	const struct ike_sa *sa;
	const struct child_sa *ch;
	unsigned int i;

	for (i = 0; D.conf && i < D.conf->n_tunnels; i++)
		if (names_add(l, D.conf->tunnels[i].name))
			return -1;
	for_each_ike_sa(sa)
		for (ch = sa->children; ch; ch = ch->next)
			if (child_shown(ch) && ch->ifname[0] &&
			    names_add(l, ch->ifname))
				return -1;
	return 0;
}

static int no_memory(FILE *out, bool json)
{
	fputs(json ? "{\"error\":\"Out of memory\"}\n" : "% Out of memory\n",
	      out);
	return -1;
}

int show_ipsec_sa(FILE *out, const struct sockaddr_storage *peer, bool json)
{
	struct json_object *jo = NULL, *arr = NULL;
	struct name_list names = { 0 };
	struct ipsec_if ifc;
	unsigned int i;
	int ret = 0;

	if (if_names(&names)) {
		free(names.v);
		return no_memory(out, json);
	}
	if (json)
		arr = json_object_new_array();
	for (i = 0; i < names.n && !ret; i++) {
		memset(&ifc, 0, sizeof(ifc));
		ifc.name = names.v[i];
		ret = if_gather(&ifc, peer);
		if (!ret && ifc.n) {
			ifc.mtu = dev_mtu(ifc.name);
			if (!ifc.mtu && ifc.t)
				ifc.mtu = ifc.t->mtu;
			if (json)
				json_object_array_add(arr, if_json(&ifc));
			else
				if_text(out, &ifc);
		}
		if_free(&ifc);
	}
	free(names.v);
	if (json) {
		jo = json_object_new_object();
		json_object_object_add(jo, "interfaces", arr);
		json_out(out, jo);
	}
	return ret ? no_memory(out, json) : 0;
}

/* ========== show crypto session ========== */

struct session_view {
	const char *ifname;
	const struct conf_tunnel *t;
	const struct ike_sa *sa;	/* NULL: a tunnel with no SA */
	const char *profile;
	const char *status, *code;
	char peer[ADDR_LEN];
	unsigned int port;
	char flow[2 * IDENT_LEN];
	unsigned int active_sas;
	uint64_t uptime;
	char phase1_id[ID_LEN];
};

static const char *ike_word(const struct ike_sa *sa)
{
	if (sa->state == IKE_ST_READY)
		return "Active";
	if (sa->state == IKE_ST_DELETING || sa->state == IKE_ST_DEAD)
		return "Inactive";
	return "Negotiating";
}

static void session_status(struct session_view *v)
{
	const struct ike_sa *sa = v->sa;

	if (sa && sa->state == IKE_ST_READY && v->active_sas) {
		v->status = "UP-ACTIVE";
		v->code = "UA";
	} else if (sa && sa->state == IKE_ST_READY) {
		v->status = "UP-IDLE";
		v->code = "UI";
	} else if (sa && sa->state != IKE_ST_DELETING &&
		   sa->state != IKE_ST_DEAD) {
		v->status = "DOWN-NEGOTIATING";
		v->code = "DN";
	} else {
		v->status = "DOWN";
		v->code = "D";
	}
}

static const char *session_profile(const struct ike_sa *sa,
				   const struct conf_tunnel *t)
{
	if (sa && sa->prof)
		return sa->prof->name;
	if (t && t->ipsec && t->ipsec->prof)
		return t->ipsec->prof->name;
	if (t && t->ipsec && t->ipsec->ikev2_profile[0])
		return t->ipsec->ikev2_profile;
	return NULL;
}

static void session_view(struct session_view *v, const char *ifname,
			 const struct conf_tunnel *t, const struct ike_sa *sa)
{
	const struct child_sa *ch, *first = NULL;
	struct child_ts ts;

	memset(v, 0, sizeof(*v));
	v->ifname = ifname;
	v->t = t;
	v->sa = sa;
	v->profile = session_profile(sa, t);
	v->port = IKE_PORT;
	for (ch = sa ? sa->children : NULL; ch; ch = ch->next) {
		if (ch->state != CHILD_ST_INSTALLED)
			continue;
		first = first ? first : ch;
		v->active_sas += 2;
	}
	if (sa) {
		ss_addr(&sa->remote, v->peer, sizeof(v->peer));
		v->port = ss_port(&sa->remote);
		v->uptime = sa->state == IKE_ST_READY ?
			    since(sa->established) : 0;
		id_str(&sa->id_remote, v->phase1_id, sizeof(v->phase1_id));
	} else {
		caddr_str(&t->destination, v->peer, sizeof(v->peer));
	}
	if (first)
		ts = first->ts;
	else
		ts_from_conf(t, sa, &ts);
	flow_str(&ts, v->flow, sizeof(v->flow));
	session_status(v);
}

static void session_text(FILE *out, const struct session_view *v)
{
	char l[ADDR_PORT_LEN], r[ADDR_PORT_LEN];

	fprintf(out, "Interface: %s\n", v->ifname ? v->ifname : "none");
	if (v->profile)
		fprintf(out, "Profile: %s\n", v->profile);
	fprintf(out, "Session status: %-14s\n", v->status);
	fprintf(out, "Peer: %s port %u \n", v->peer, v->port);
	if (v->sa) {
		fprintf(out, "  Session ID: %u  \n", v->sa->session_id);
		fprintf(out, "  IKEv2 SA: local %s remote %s %s \n",
			ss_addr_port(&v->sa->local, l, sizeof(l)),
			ss_addr_port(&v->sa->remote, r, sizeof(r)),
			ike_word(v->sa));
	}
	fprintf(out, "  IPSEC FLOW: %s \n", v->flow);
	fprintf(out, "        Active SAs: %u, origin: crypto map\n\n",
		v->active_sas);
}

/* "Tunnel0" is "Tu0" in the brief table. */
static const char *short_if(const char *name, char *buf, size_t len)
{
	if (!name)
		snprintf(buf, len, "-");
	else if (!strncmp(name, "Tunnel", 6))
		snprintf(buf, len, "Tu%s", name + 6);
	else
		snprintf(buf, len, "%s", name);
	return buf;
}

static void session_brief_text(FILE *out, const struct session_view *v)
{
	char ifn[CONF_NAME], up[TIME_LEN];

	fprintf(out, "%15s     %-11s%-18s%-18.17s%s %s\n", v->peer,
		short_if(v->ifname, ifn, sizeof(ifn)), "", v->phase1_id,
		uptime_str(v->uptime, up, sizeof(up)), v->code);
}

static struct json_object *session_json(const struct session_view *v)
{
	struct json_object *o = json_object_new_object();
	char a[ADDR_LEN];

	jstr(o, "interface", v->ifname);
	jstr(o, "profile", v->profile);
	jstr(o, "status", v->status);
	jstr(o, "status_code", v->code);
	jstr(o, "peer", v->peer);
	ju64(o, "peer_port", v->port);
	if (v->sa) {
		ju64(o, "session_id", v->sa->session_id);
		jstr(o, "ike_local", ss_addr(&v->sa->local, a, sizeof(a)));
		ju64(o, "ike_local_port", ss_port(&v->sa->local));
		jstr(o, "ike_remote", ss_addr(&v->sa->remote, a, sizeof(a)));
		ju64(o, "ike_remote_port", ss_port(&v->sa->remote));
		jstr(o, "ike_status", ike_word(v->sa));
		jstr(o, "phase1_id", v->phase1_id);
	}
	jstr(o, "ipsec_flow", v->flow);
	ju64(o, "active_sas", v->active_sas);
	ju64(o, "uptime", v->uptime);
	return o;
}

struct session_out {
	FILE *out;
	bool brief;
	struct json_object *arr;	/* JSON */
};

static void session_emit(struct session_out *so, const char *ifname,
			 const struct conf_tunnel *t, const struct ike_sa *sa)
{
	struct session_view v;

	session_view(&v, ifname, t, sa);
	if (so->arr)
		json_object_array_add(so->arr, session_json(&v));
	else if (so->brief)
		session_brief_text(so->out, &v);
	else
		session_text(so->out, &v);
}

static bool sa_of_tunnel(const struct ike_sa *sa, const char *name)
{
	return sa->tun && !strcmp(sa->tun->name, name);
}

static void sessions_of_tunnels(struct session_out *so,
				const struct sockaddr_storage *remote)
{
	const struct conf_tunnel *t;
	const struct ike_sa *sa;
	unsigned int i, n;

	for (i = 0; D.conf && i < D.conf->n_tunnels; i++) {
		t = &D.conf->tunnels[i];
		n = 0;
		for_each_ike_sa(sa) {
			if (!sa_of_tunnel(sa, t->name) ||
			    !peer_ok(remote, &sa->remote))
				continue;
			session_emit(so, t->name, t, sa);
			n++;
		}
		if (!n && (!remote || caddr_is(&t->destination, remote)))
			session_emit(so, t->name, t, NULL);
	}
}

/*
 * SAs of no configured tunnel: responders not matched yet, or tunnels a
 * reload removed.
 */
static void sessions_unattached(struct session_out *so,
				const struct sockaddr_storage *remote)
{
	const struct ike_sa *sa;

	for_each_ike_sa(sa) {
		if (sa->tun && tunnel_by_name(sa->tun->name))
			continue;
		if (peer_ok(remote, &sa->remote))
			session_emit(so, sa->tun ? sa->tun->name : NULL, NULL,
				     sa);
	}
}

int show_crypto_session(FILE *out, bool brief,
			const struct sockaddr_storage *remote, bool json)
{
	struct session_out so = { .out = out, .brief = brief };
	struct json_object *jo;

	if (json) {
		so.arr = json_object_new_array();
	} else if (brief) {
		fputs("Status: A- Active, U - Up, D - Down, I - Idle, S - Standby, N - Negotiating \n"
		      "        K - No IKE\n"
		      "ivrf = (none)\n"
		      "           Peer     I/F        Username          Group/Phase1_id   Uptime Status\n",
		      out);
	} else {
		fputs("Crypto session current status\n\n", out);
	}
	sessions_of_tunnels(&so, remote);
	sessions_unattached(&so, remote);
	if (json) {
		jo = json_object_new_object();
		json_object_object_add(jo, "sessions", so.arr);
		json_out(out, jo);
	}
	return 0;
}
