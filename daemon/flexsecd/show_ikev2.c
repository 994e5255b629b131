// SPDX-License-Identifier: GPL-2.0
/*
 * "show crypto ikev2 sa [detailed]" and "show crypto ikev2 stats": the
 * IKE SAs of D.sas and the daemon's counters, in the layout IOS users
 * read, or as JSON. Each gathers a view first and renders it as text or
 * JSON, so that both always say the same thing.
 */

#include <arpa/inet.h>
#include <inttypes.h>
#include <string.h>

#include "natt.h"
#include "algs.h"
#include "daemon.h"
#include "diag.h"
#include "ike_proto.h"
#include "sa_mgr.h"
#include "show.h"
#include "show_int.h"
#include "spoke.h"
#include "tunnel.h"
#include "vaccess.h"

#define DEFAULT_IKE_LIFETIME	86400

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

static unsigned int children_installed(const struct ike_sa *sa)
{
	const struct child_sa *ch;
	unsigned int n = 0;

	for (ch = sa->children; ch; ch = ch->next)
		n += child_in_use(ch);
	return n;
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
	v->active = ike_in_use(sa) ? since(sa->established) : 0;
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

/* The peer's subnets routed over SA's interface: on a hub the routes of
 * the Virtual-Access (the spoke's address once routed, its accepted
 * subnets), on a spoke those the hub sent that it installed. */
static unsigned int peer_routes(const struct ike_sa *sa,
				const struct kmi_route **r)
{
	if (sa->rt && sa->rt->va) {
		*r = sa->rt->va->routes;
		return sa->rt->va->n_routes;
	}
	if (sa->rt && sa->rt->spoke) {
		*r = sa->rt->spoke->routes;
		return sa->rt->spoke->n_routes;
	}
	return 0;
}

/* "Remote subnets:", address and mask, as IOS lists them. */
static void subnets_text(FILE *out, const struct ike_sa *sa)
{
	const struct kmi_route *r;
	unsigned int i, n = peer_routes(sa, &r);
	char a[64], m[16];
	uint32_t mask;

	if (!n)
		return;
	fputs("      Remote subnets:\n", out);
	for (i = 0; i < n; i++) {
		if (r[i].dst.family == AF_INET6 &&
		    inet_ntop(AF_INET6, r[i].dst.a, a, sizeof(a)))
			fprintf(out, "      %s/%u\n", a, r[i].dst.plen);
		if (r[i].dst.family != AF_INET)
			continue;
		mask = r[i].dst.plen ? htonl(~0u << (32 - r[i].dst.plen)) : 0;
		inet_ntop(AF_INET, &mask, m, sizeof(m));
		inet_ntop(AF_INET, r[i].dst.a, a, sizeof(a));
		fprintf(out, "      %s %s\n", a, m);
	}
}

static struct json_object *subnets_json(const struct ike_sa *sa)
{
	struct json_object *arr = json_object_new_array();
	const struct kmi_route *r;
	unsigned int i, n = peer_routes(sa, &r);
	char a[64], b[80];

	for (i = 0; i < n; i++) {
		if (!inet_ntop(r[i].dst.family, r[i].dst.a, a, sizeof(a)))
			continue;
		snprintf(b, sizeof(b), "%s/%u", a, r[i].dst.plen);
		json_object_array_add(arr, json_object_new_string(b));
	}
	return arr;
}

static void ikesa_detail_text(FILE *out, const struct ikesa_view *v)
{
	const struct ike_sa *sa = v->sa;
	char a[64];

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
	show_frag_line(sa, out);
	fprintf(out, "      %s\n", natt_state_str(sa));
	fprintf(out, "      Child SAs installed: %u\n",
		children_installed(sa));
	fprintf(out, "      Initiator of SA : %s\n",
		sa->initiator ? "Yes" : "No");
	if (sa->peer_vip.family)
		fprintf(out, "      Remote assigned address is: %s\n",
			conf_addr_str(&sa->peer_vip, a, sizeof(a)));
	if (sa->local_vip.family)
		fprintf(out, "      Local assigned address is: %s\n",
			conf_addr_str(&sa->local_vip, a, sizeof(a)));
	if (sa->peer_vip6.family)
		fprintf(out, "      Remote assigned IPv6 address is: %s\n",
			conf_addr_str(&sa->peer_vip6, a, sizeof(a)));
	if (sa->local_vip6.family)
		fprintf(out, "      Local assigned IPv6 address is: %s\n",
			conf_addr_str(&sa->local_vip6, a, sizeof(a)));
	subnets_text(out, sa);
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
	char spi[20], a6[64];

	ju64(o, "sa_id", sa->id);
	ju64(o, "session_id", sa->session_id);
	jstr(o, "remote_assigned_address", sa->peer_vip.family ?
	     conf_addr_str(&sa->peer_vip, spi, sizeof(spi)) : NULL);
	jstr(o, "local_assigned_address", sa->local_vip.family ?
	     conf_addr_str(&sa->local_vip, spi, sizeof(spi)) : NULL);
	jstr(o, "remote_assigned_ipv6_address", sa->peer_vip6.family ?
	     conf_addr_str(&sa->peer_vip6, a6, sizeof(a6)) : NULL);
	jstr(o, "local_assigned_ipv6_address", sa->local_vip6.family ?
	     conf_addr_str(&sa->local_vip6, a6, sizeof(a6)) : NULL);
	json_object_object_add(o, "remote_subnets", subnets_json(sa));
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
	json_object_object_add(o, "fragmentation", show_frag_json(sa));
	ju64(o, "dpd_interval", v->dpd);
	ju64(o, "dpd_retry", v->dpd_retry);
	jbool(o, "nat_detected", sa->nat_local || sa->nat_remote);
	jbool(o, "nat_inside", sa->nat_local);
	jbool(o, "nat_outside", sa->nat_remote);
	jbool(o, "nat_forced", sa->nat_forced);
	ju64(o, "child_sas_installed", children_installed(sa));
	jbool(o, "initiator", sa->initiator);
	return o;
}

static struct json_object *ikesa_json(const struct ikesa_view *v, bool detailed)
{
	const struct ike_sa *sa = v->sa;
	struct json_object *o = json_object_new_object();
	char a[ADDR_LEN];

	ju64(o, "tunnel_id", sa->tunnel_id);
	jstr(o, "tunnel", sa->tun ? conf_tunnel_show_name(sa->tun) : NULL);
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
	struct json_object *jo, *arr, *arr6;
	const struct ike_sa *sa;
	struct ikesa_view v;

	if (!json) {
		ikev2_sa_section(out, AF_INET, detailed);
		ikev2_sa_section(out, AF_INET6, detailed);
		return 0;
	}
	/* the sections of the text: the IKE SAs over IPv4, over IPv6 */
	jo = json_object_new_object();
	arr = json_object_new_array();
	arr6 = json_object_new_array();
	for_each_ike_sa(sa) {
		ikesa_view(sa, &v);
		json_object_array_add(sa->remote.ss_family == AF_INET6 ? arr6 :
				      arr, ikesa_json(&v, detailed));
	}
	json_object_object_add(jo, "ikev2_sas", arr);
	json_object_object_add(jo, "ipv6_ikev2_sas", arr6);
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
		if (ike_in_use(sa))
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

/* Requests refused: by the limits, or for want of a valid COOKIE. */
static uint64_t in_rejected(const struct ike_stats *s)
{
	return s->cac_rejected + s->cookie_rejected + s->cookie_no_cookie;
}

static void cookie_threshold(char *b, size_t n)
{
	const struct conf_global *g = D.conf ? &D.conf->g : NULL;

	if (g && g->cookie_always)
		snprintf(b, n, "always");
	else if (g && g->cookie_challenge)
		snprintf(b, n, "%u", g->cookie_challenge);
	else
		snprintf(b, n, "off");
}

static void stats_cookie_text(FILE *out, const struct ike_stats *s)
{
	char th[16];

	cookie_threshold(th, sizeof(th));
	fprintf(out, "Incoming IKEV2 Cookie Challenged Requests: %" PRIu64 "\n",
		s->cookie_challenged);
	fprintf(out, "                    accepted: %-8" PRIu64 " rejected: %-8"
		PRIu64 " rejected no cookie: %" PRIu64 "\n", s->cookie_accepted,
		s->cookie_rejected, s->cookie_no_cookie);
	fprintf(out, "Cookie challenge threshold: %s, half-open incoming SAs: %u, cookies sent: %"
		PRIu64 ", secrets: %" PRIu64 ", cookies answered: %" PRIu64
		"\n\n", th, sam_negotiating(false), s->cookie_sent,
		s->cookie_rotations, s->cookie_received);
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
		s->sa_responded + in_rejected(s), s->sa_responded,
		in_rejected(s));
	fprintf(out, "Outgoing IKEv2 Requests: %-8" PRIu64 " accepted:      %-8"
		PRIu64 " rejected:    %u\n", s->sa_initiated, s->sa_initiated,
		0u);
	fprintf(out, "Rejected requests due to CAC limit: %" PRIu64 "\n",
		s->cac_rejected);
	stats_cookie_text(out, s);
	fprintf(out, "IKEv2 messages received: %" PRIu64 ", sent: %" PRIu64
		", retransmitted: %" PRIu64 "\n", s->rx_msgs, s->tx_msgs,
		s->retransmits);
	stats_drops_text(out, s);
	fprintf(out, "IKEv2 SAs established: %" PRIu64 ", failed: %" PRIu64
		"\n", s->sa_established, s->sa_failed);
	fprintf(out, "IPsec SAs installed: %" PRIu64 ", deleted: %" PRIu64
		"\n", s->child_installed, s->child_deleted);
	fprintf(out, "CHILD SA rekeys: %" PRIu64 ", collisions: %" PRIu64
		"; IKE SA rekeys: %" PRIu64 ", collisions: %" PRIu64
		"; reauthentications: %" PRIu64 "\n",
		s->child_rekeys, s->child_rekey_collisions, s->ike_rekeys,
		s->ike_rekey_collisions, s->ike_reauths);
	fprintf(out, "NAT-T: keepalives sent: %" PRIu64 ", peers followed to a new address or port: %"
		PRIu64 ", ESP that reached the daemon: %" PRIu64 "%s\n",
		s->natt_keepalives, s->natt_moves, s->rx_esp,
		natt_available() ? "" : " (NAT traversal unavailable)");
	show_frag_stats_text(out);
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

static struct json_object *natt_json(const struct ike_stats *s)
{
	struct json_object *o = json_object_new_object();

	jbool(o, "available", natt_available());
	ju64(o, "keepalives_sent", s->natt_keepalives);
	ju64(o, "peers_followed", s->natt_moves);
	ju64(o, "esp_reached_daemon", s->rx_esp);
	return o;
}

static struct json_object *cookie_json(const struct ike_stats *s)
{
	struct json_object *o = json_object_new_object();
	char th[16];

	cookie_threshold(th, sizeof(th));
	json_object_object_add(o, "threshold", json_object_new_string(th));
	ju64(o, "half_open", sam_negotiating(false));
	ju64(o, "challenged", s->cookie_challenged);
	ju64(o, "accepted", s->cookie_accepted);
	ju64(o, "rejected", s->cookie_rejected);
	ju64(o, "rejected_no_cookie", s->cookie_no_cookie);
	ju64(o, "sent", s->cookie_sent);
	ju64(o, "secrets", s->cookie_rotations);
	ju64(o, "answered", s->cookie_received);
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
	ju64(jo, "incoming_requests", s->sa_responded + in_rejected(s));
	ju64(jo, "incoming_accepted", s->sa_responded);
	ju64(jo, "incoming_rejected", in_rejected(s));
	ju64(jo, "outgoing_requests", s->sa_initiated);
	ju64(jo, "cac_rejected", s->cac_rejected);
	json_object_object_add(jo, "cookie", cookie_json(s));
	ju64(jo, "rx_msgs", s->rx_msgs);
	ju64(jo, "tx_msgs", s->tx_msgs);
	ju64(jo, "retransmits", s->retransmits);
	json_object_object_add(jo, "rx_dropped", drops_json(s));
	ju64(jo, "sa_established", s->sa_established);
	ju64(jo, "sa_failed", s->sa_failed);
	ju64(jo, "child_installed", s->child_installed);
	ju64(jo, "child_deleted", s->child_deleted);
	ju64(jo, "child_rekeys", s->child_rekeys);
	ju64(jo, "child_rekey_collisions", s->child_rekey_collisions);
	ju64(jo, "ike_rekeys", s->ike_rekeys);
	ju64(jo, "ike_rekey_collisions", s->ike_rekey_collisions);
	ju64(jo, "ike_reauths", s->ike_reauths);
	json_object_object_add(jo, "fragments", show_frag_stats_json());
	ju64(jo, "in_negotiation_in", s->in_negotiation_in);
	ju64(jo, "in_negotiation_out", s->in_negotiation_out);
	json_object_object_add(jo, "natt", natt_json(s));
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
