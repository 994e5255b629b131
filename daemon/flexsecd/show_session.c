// SPDX-License-Identifier: GPL-2.0
/*
 * "show crypto session [brief] [remote A]": one session per configured
 * tunnel and peer, then the SAs of no configured tunnel, in the layout
 * IOS users read, or as JSON. Each session is gathered into a view first
 * and rendered as text or JSON from it.
 */

#include <arpa/inet.h>
#include <inttypes.h>
#include <string.h>

#include "daemon.h"
#include "ike_proto.h"
#include "show.h"
#include "show_int.h"
#include "spoke.h"
#include "tunnel.h"
#include "vaccess.h"

#define TIME_LEN	32

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

struct session_view {
	const char *ifname;
	const struct conf_tunnel *t;
	const struct ike_sa *sa;	/* NULL: a tunnel with no SA */
	const char *profile;
	const char *status, *code;
	char peer[ADDR_LEN];
	unsigned int port;
	char flow[2 * IDENT_LEN];
	char flow6[2 * IDENT_LEN];	/* "": no IPv6 selectors */
	unsigned int active_sas;
	uint64_t uptime;
	char phase1_id[ID_LEN];
};

static const char *ike_word(const struct ike_sa *sa)
{
	if (ike_in_use(sa))
		return "Active";
	if (sa->state == IKE_ST_DELETING || sa->state == IKE_ST_DEAD)
		return "Inactive";
	return "Negotiating";
}

static void session_status(struct session_view *v)
{
	const struct ike_sa *sa = v->sa;

	if (sa && ike_in_use(sa) && v->active_sas) {
		v->status = "UP-ACTIVE";
		v->code = "UA";
	} else if (sa && ike_in_use(sa)) {
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
		if (!child_in_use(ch))
			continue;
		first = first ? first : ch;
		v->active_sas += 2;
	}
	if (sa) {
		ss_addr(&sa->remote, v->peer, sizeof(v->peer));
		v->port = ss_port(&sa->remote);
		v->uptime = ike_in_use(sa) ?
			    since(sa->established) : 0;
		id_str(&sa->id_remote, v->phase1_id, sizeof(v->phase1_id));
	} else {
		caddr_str(&t->destination, v->peer, sizeof(v->peer));
	}
	if (first)
		ts = first->ts.local_start.family ? first->ts : first->ts6;
	else
		ts_from_conf(t, sa, &ts);
	flow_str(&ts, v->flow, sizeof(v->flow));
	/* the IPv6 selectors next to IPv4 ones (an IPv6 overlay has those
	 * alone, in the first line) */
	if (first && first->ts.local_start.family &&
	    first->ts6.local_start.family)
		flow_str(&first->ts6, v->flow6, sizeof(v->flow6));
	session_status(v);
}

/* The routes flexsecd installed for SA's session: a hub's over the
 * Virtual-Access, a spoke's those its hub sent. */
static const struct kmi_route *session_routes(const struct ike_sa *sa,
					      unsigned int *n)
{
	*n = 0;
	if (!sa || !sa->rt)
		return NULL;
	if (sa->rt->va) {
		*n = sa->rt->va->n_routes;
		return sa->rt->va->routes;
	}
	if (sa->rt->spoke) {
		*n = sa->rt->spoke->n_routes;
		return sa->rt->spoke->routes;
	}
	return NULL;
}

static void routes_text(FILE *out, const struct ike_sa *sa)
{
	unsigned int i, n;
	const struct kmi_route *r = session_routes(sa, &n);
	char a[ADDR_LEN];

	for (i = 0; i < n; i++)
		fprintf(out, "  Route: %s/%u metric %u (IKEv2 routing)\n",
			inet_ntop(r[i].dst.family, r[i].dst.a, a, sizeof(a)) ?
			a : "?", r[i].dst.plen, r[i].metric);
}

static struct json_object *routes_json(const struct ike_sa *sa)
{
	struct json_object *arr = json_object_new_array();
	unsigned int i, n;
	const struct kmi_route *r = session_routes(sa, &n);
	char a[ADDR_LEN], b[ADDR_LEN + 8];

	for (i = 0; i < n; i++) {
		snprintf(b, sizeof(b), "%s/%u",
			 inet_ntop(r[i].dst.family, r[i].dst.a, a, sizeof(a)) ?
			 a : "?", r[i].dst.plen);
		json_object_array_add(arr, json_object_new_string(b));
	}
	return arr;
}

static void session_text(FILE *out, const struct session_view *v,
			 bool detail)
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
	if (v->sa && v->sa->peer_vip.family)
		fprintf(out, "  Assigned address: %s\n",
			conf_addr_str(&v->sa->peer_vip, l, sizeof(l)));
	if (v->sa && v->sa->local_vip.family)
		fprintf(out, "  Negotiated address: %s\n",
			conf_addr_str(&v->sa->local_vip, l, sizeof(l)));
	if (v->sa && v->sa->peer_vip6.family)
		fprintf(out, "  Assigned IPv6 address: %s\n",
			conf_addr_str(&v->sa->peer_vip6, l, sizeof(l)));
	if (v->sa && v->sa->local_vip6.family)
		fprintf(out, "  Negotiated IPv6 address: %s\n",
			conf_addr_str(&v->sa->local_vip6, l, sizeof(l)));
	if (detail)
		routes_text(out, v->sa);
	fprintf(out, "  IPSEC FLOW: %s \n", v->flow);
	if (v->flow6[0])
		fprintf(out, "  IPSEC FLOW: %s \n", v->flow6);
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
	else if (!strncmp(name, "Virtual-Access", 14))
		snprintf(buf, len, "Vi%s", name + 14);
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
	char a[ADDR_LEN + 8];

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
		jstr(o, "assigned_address", v->sa->peer_vip.family ?
		     conf_addr_str(&v->sa->peer_vip, a, sizeof(a)) : NULL);
		jstr(o, "negotiated_address", v->sa->local_vip.family ?
		     conf_addr_str(&v->sa->local_vip, a, sizeof(a)) : NULL);
		jstr(o, "assigned_ipv6_address", v->sa->peer_vip6.family ?
		     conf_addr_str(&v->sa->peer_vip6, a, sizeof(a)) : NULL);
		jstr(o, "negotiated_ipv6_address", v->sa->local_vip6.family ?
		     conf_addr_str(&v->sa->local_vip6, a, sizeof(a)) : NULL);
	}
	json_object_object_add(o, "routes", routes_json(v->sa));
	jstr(o, "ipsec_flow", v->flow);
	jstr(o, "ipsec_flow_ipv6", v->flow6[0] ? v->flow6 : NULL);
	ju64(o, "active_sas", v->active_sas);
	ju64(o, "uptime", v->uptime);
	return o;
}

struct session_out {
	FILE *out;
	bool brief, detail;
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
		session_text(so->out, &v, so->detail);
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
			session_emit(so, sa->tun ? conf_tunnel_show_name(sa->tun)
					   : NULL, NULL, sa);
	}
}

int show_crypto_session(FILE *out, bool brief, bool detail,
			const struct sockaddr_storage *remote, bool json)
{
	struct session_out so = { .out = out, .brief = brief,
				  .detail = detail };
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
