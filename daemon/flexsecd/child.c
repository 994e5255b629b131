// SPDX-License-Identifier: GPL-2.0
/*
 * CHILD SAs: the ESP proposals from the IPsec profile's transform sets,
 * the traffic selectors a route-based tunnel needs (any-to-any, protocol
 * 0, for VTI; the two tunnel endpoints with protocol 47 in transport mode
 * for GRE), KEYMAT, and the SAs installed in flexsec.ko, inbound before
 * outbound. CREATE_CHILD_SA adds a CHILD SA to an IKE SA (and, as
 * responder, takes a rekey as a new SA with make-before-break).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "algs.h"
#include "crypto.h"
#include "ike_int.h"
#include "natt.h"
#include "kmi.h"
#include "net.h"
#include "proposal.h"
#include "sa_mgr.h"
#include "tunnel.h"
#include "child_int.h"


static bool is_gre(const struct ike_sa *sa)
{
	return sa->tun && sa->tun->mode == CONF_TUN_GRE;
}

static void ts_any(struct ike_ts_pl *p)
{
	memset(p, 0, sizeof(*p));
	p->n = 1;
	p->ts[0].type = IKE_TS_IPV4_ADDR_RANGE;
	p->ts[0].proto = 0;
	p->ts[0].sport = 0;
	p->ts[0].eport = 65535;
	p->ts[0].alen = 4;
	memset(p->ts[0].end, 0xff, 4);
}

/* The bytes of SS's address and their number. */
static const uint8_t *ss_bytes(const struct sockaddr_storage *ss, uint8_t *len)
{
	if (ss->ss_family == AF_INET6) {
		*len = 16;
		return ((const struct sockaddr_in6 *)ss)->sin6_addr.s6_addr;
	}
	*len = 4;
	return (const uint8_t *)&((const struct sockaddr_in *)ss)->sin_addr;
}

/* GRE between the two outer addresses, of either family. */
static void ts_host(struct ike_ts_pl *p, const struct sockaddr_storage *ss)
{
	const uint8_t *a;

	memset(p, 0, sizeof(*p));
	p->n = 1;
	a = ss_bytes(ss, &p->ts[0].alen);
	p->ts[0].type = p->ts[0].alen == 16 ? IKE_TS_IPV6_ADDR_RANGE :
					      IKE_TS_IPV4_ADDR_RANGE;
	p->ts[0].proto = 47;
	p->ts[0].eport = 65535;
	memcpy(p->ts[0].start, a, p->ts[0].alen);
	memcpy(p->ts[0].end, a, p->ts[0].alen);
}

/* The peer's side is its assigned address alone, when we gave it one. */
static void ts_vip(struct ike_ts_pl *p, const struct conf_addr *vip)
{
	ts_any(p);
	memcpy(p->ts[0].start, vip->a, 4);
	memcpy(p->ts[0].end, vip->a, 4);
}

/* Our selectors: I for the initiator's side, R for the responder's. */
void child_our_ts(const struct ike_sa *sa, bool exch_initiator,
		  struct ike_ts_pl *tsi, struct ike_ts_pl *tsr)
{
	if (child_ts6_only(sa)) {
		/* an IPv6 overlay: ::/0 (or the assigned prefix) alone */
		memset(tsi, 0, sizeof(*tsi));
		memset(tsr, 0, sizeof(*tsr));
		if (exch_initiator)
			child_ts6_offer(sa, tsr, tsi);
		return;
	}
	if (!is_gre(sa)) {
		ts_any(tsi);
		ts_any(tsr);
		if (sa->peer_vip.family == AF_INET)
			ts_vip(exch_initiator ? tsr : tsi, &sa->peer_vip);
		if (sa->local_vip.family == AF_INET)
			ts_vip(exch_initiator ? tsi : tsr, &sa->local_vip);
		/* as responder, child_respond() adds the narrowed ones */
		if (exch_initiator)
			child_ts6_offer(sa, tsr, tsi);
		return;
	}
	ts_host(tsi, exch_initiator ? &sa->local : &sa->remote);
	ts_host(tsr, exch_initiator ? &sa->remote : &sa->local);
}

void child_add_tset(struct ike_sa_pl *sp, const struct conf_transform_set *t,
		    uint32_t spi, uint16_t pfs)
{
	if (sp->n >= IKE_MAX_PROPOSALS)
		return;
	esp_tset_proposal(t, (uint8_t)(sp->n + 1), spi, pfs, &sp->prop[sp->n]);
	sp->n++;
}

static void expected_policies(const struct ike_sa *sa, uint16_t pfs,
			      struct ike_sa_pl *out)
{
	unsigned int i;

	memset(out, 0, sizeof(*out));
	if (!sa->ipsec)
		return;
	for (i = 0; i < sa->ipsec->n_tsets && i < IKE_MAX_PROPOSALS; i++)
		if (sa->ipsec->ts[i])
			child_add_tset(out, sa->ipsec->ts[i], 0, pfs);
}

/* The selectors a CHILD SA of SA's tunnel carries, for show. */
static void child_ts_set(const struct ike_sa *sa, struct child_ts *ts)
{
	memset(ts, 0, sizeof(*ts));
	if (is_gre(sa)) {
		ts->proto = 47;
		conf_from_sa(&ts->local_start, &sa->local);
		ts->local_end = ts->local_start;
		conf_from_sa(&ts->remote_start, &sa->remote);
		ts->remote_end = ts->remote_start;
		return;
	}
	if (child_ts6_only(sa))
		return;		/* the IPv6 ones are all there is */
	ts->local_start.family = ts->local_end.family = AF_INET;
	ts->remote_start.family = ts->remote_end.family = AF_INET;
	memset(ts->local_end.a, 0xff, 4);
	memset(ts->remote_end.a, 0xff, 4);
	ts->local_end.plen = ts->remote_end.plen = 32;
	if (sa->peer_vip.family == AF_INET) {
		ts->remote_start = sa->peer_vip;
		ts->remote_end = sa->peer_vip;
	}
	if (sa->local_vip.family == AF_INET) {
		ts->local_start = sa->local_vip;
		ts->local_end = sa->local_vip;
	}
}

void child_ts_refresh(struct child_sa *c)
{
	child_ts_set(c->ike, &c->ts);
}

static struct child_sa *child_new(struct ike_sa *sa)
{
	struct child_sa *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->ike = sa;
	c->state = CHILD_ST_NEGOTIATING;
	child_rekey_init(c);
	c->transport = is_gre(sa);
	child_ts_set(sa, &c->ts);
	if (sa->rt) {
		snprintf(c->ifname, sizeof(c->ifname), "%s", sa->rt->name);
		c->ifindex = sa->rt->ifindex;
	}
	if (sa->ipsec) {
		c->lifetime_kb = sa->ipsec->lifetime_kb;
		c->lifetime_sec = sa->ipsec->lifetime_sec;
		c->replay_window = sa->ipsec->replay_window;
	}
	c->conn_id = ++D.next_conn_id;
	c->spi_in = kmi_alloc_spi(D.kmi, c->ifindex);
	if (sam_child_add(c)) {
		free(c);
		return NULL;
	}
	c->next = sa->children;
	sa->children = c;
	return c;
}

void child_unlink(struct child_sa *c)
{
	struct child_sa **pp;

	for (pp = &c->ike->children; *pp; pp = &(*pp)->next)
		if (*pp == c) {
			*pp = c->next;
			return;
		}
}

void child_free(struct child_sa *c, bool kernel)
{
	struct child_sa *o;

	timer_cancel(&c->rekey_retry);
	child_unlink(c);
	sam_child_remove(c);
	for (o = c->ike->children; o; o = o->next) {
		if (o->rekey_of == c) {
			o->rekey_of = NULL;
			o->rekey_lost = true;
		}
		if (o->peer_new == c)
			o->peer_new = NULL;
		if (o->redundant == c)
			o->redundant = NULL;
	}
	if (kernel && c->installed && D.kmi) {
		kmi_sa_del(D.kmi, c->ifindex, true, c->spi_in, c->ike->session_id);
		kmi_sa_del(D.kmi, c->ifindex, false, c->spi_out,
			   c->ike->session_id);
		ike_stats.child_deleted++;
	}
	ike_dh_free(c->dh);
	explicit_bzero(c->nonce, sizeof(c->nonce));
	free(c);
}

struct child_sa *child_find_out(struct ike_sa *sa, uint32_t spi_out)
{
	struct child_sa *c;

	for (c = sa->children; c; c = c->next)
		if (c->spi_out == spi_out)
			return c;
	return NULL;
}

struct child_sa *child_find_in(struct ike_sa *sa, uint32_t spi_in)
{
	struct child_sa *c;

	for (c = sa->children; c; c = c->next)
		if (c->spi_in == spi_in)
			return c;
	return NULL;
}

static bool other_outbound(const struct ike_sa *sa, const struct child_sa *c)
{
	const struct child_sa *o;

	/* (whatever its state: a pair being rekeyed carries the traffic) */
	for (o = sam_child_if_first(c->ifindex); o; o = sam_child_if_next(o))
		if (o != c && o->installed)
			return true;
	return false;
}

/* KEYMAT split and the two SAs into the kernel. EXCH_INITIATOR: we
 * started the exchange that made C (the first half of KEYMAT is then our
 * outbound). */
static int install(struct ike_sa *sa, struct child_sa *c, const uint8_t *gir,
		   size_t gir_len, const uint8_t *ni, size_t ni_len,
		   const uint8_t *nr, size_t nr_len, bool exch_initiator)
{
	unsigned int ek = esp_key_len(IKE_TT_ENCR, c->encr, c->encr_bits);
	unsigned int ak = c->integ ? esp_key_len(IKE_TT_INTEG, c->integ, 0) : 0;
	uint8_t km[2 * (64 + 64)];
	struct kmi_sa in, out;
	const char *msg = NULL;
	bool standby;
	struct dctx dc;
	int err;

	ike_dctx(sa, &dc);
	if (!ek || ek > 64 || ak > 64 || !c->ifindex)
		return -1;
	if (ike_child_keymat(sa->suite.prf, sa->keys.sk_d, sa->keys.d_len, gir,
			     gir_len, ni, ni_len, nr, nr_len, km, 2 * (ek + ak)))
		return -1;
	memset(&in, 0, sizeof(in));
	in.ifindex = c->ifindex;
	in.enc_alg = esp_kernel_alg(IKE_TT_ENCR, c->encr, c->encr_bits);
	in.auth_alg = c->integ ? esp_kernel_alg(IKE_TT_INTEG, c->integ, 0) : 0;
	in.enc_key_len = ek;
	in.auth_key_len = ak;
	in.replay_window = c->replay_window;
	in.esn = c->esn;
	in.hard_bytes = c->lifetime_kb * 1024;
	in.soft_bytes = ike_soft_limit(in.hard_bytes);
	in.hard_seconds = c->lifetime_sec;
	in.soft_seconds = ike_soft_seconds(c->lifetime_sec);
	in.session_id = sa->session_id;
	natt_child_ports(sa, &in.encap_lport, &in.encap_rport);
	c->encap_lport = in.encap_lport;
	c->encap_rport = in.encap_rport;
	out = in;
	in.inbound = true;
	in.spi = c->spi_in;
	out.inbound = false;
	out.spi = c->spi_out;
	/* KEYMAT: initiator-to-responder keys first (RFC 7296 2.17). */
	memcpy(exch_initiator ? out.enc_key : in.enc_key, km, ek);
	memcpy(exch_initiator ? out.auth_key : in.auth_key, km + ek, ak);
	memcpy(exch_initiator ? in.enc_key : out.enc_key, km + ek + ak, ek);
	memcpy(exch_initiator ? in.auth_key : out.auth_key, km + 2 * ek + ak, ak);
	explicit_bzero(km, sizeof(km));
	if (!in.enc_alg || (c->integ && !in.auth_alg)) {
		kmi_sa_wipe(&in);
		kmi_sa_wipe(&out);
		return -1;
	}
	/* Make-before-break: a second outbound SA on the tunnel waits as
	 * standby and is switched to in one step: at once when we made the
	 * exchange, or (HOLD_OUT, the responder of a rekey) only when the old
	 * outbound SA goes, as the peer may not have the new inbound one yet
	 * (flexsec.ko switches to the newest outbound SA then). */
	standby = other_outbound(sa, c);
	out.standby = standby;
	err = kmi_sa_add(D.kmi, &in, &msg);
	if (!err) {
		err = kmi_sa_add(D.kmi, &out, &msg);
		if (err)
			kmi_sa_del(D.kmi, c->ifindex, true, c->spi_in,
				   sa->session_id);
		else if (standby && !c->hold_out)
			kmi_sa_activate(D.kmi, c->ifindex, c->spi_out,
					sa->session_id);
	}
	kmi_sa_wipe(&in);
	kmi_sa_wipe(&out);
	if (err) {
		DIAG_ERROR(&dc, "Installing the IPsec SAs in flexsec.ko failed: %s",
			   msg ? msg : strerror(-err));
		return -1;
	}
	c->installed = true;
	child_set_state(c, CHILD_ST_INSTALLED);
	c->created = time(NULL);
	ike_stats.child_installed++;
	trace_event(&dc, "IPsec SAs installed on %s: inbound SPI 0x%08X, outbound SPI 0x%08X",
		    c->ifname, c->spi_in, c->spi_out);
	log_notice("%%CRYPTO-5-IPSEC_SA_UP: %s: inbound SPI 0x%08X, outbound SPI 0x%08X",
		   c->ifname, c->spi_in, c->spi_out);
	return 0;
}

int child_add_offer(struct ike_sa *sa, struct msg_builder *mb,
		    struct child_sa **out)
{
	struct ike_ts_pl *tsi = NULL, *tsr = NULL;
	struct ike_sa_pl *sp = NULL;
	struct child_sa *c;
	unsigned int i;
	int err = -1;

	c = child_new(sa);
	if (!c)
		return -1;
	if (!c->spi_in) {
		child_unlink(c);
		child_free(c, false);
		return -1;
	}
	sp = calloc(1, sizeof(*sp));
	tsi = calloc(1, sizeof(*tsi));
	tsr = calloc(1, sizeof(*tsr));
	if (!sp || !tsi || !tsr)
		goto out;
	for (i = 0; sa->ipsec && i < sa->ipsec->n_tsets && sp->n < IKE_MAX_PROPOSALS; i++)
		if (sa->ipsec->ts[i])
			child_add_tset(sp, sa->ipsec->ts[i], c->spi_in, c->pfs_group);
	if (!sp->n)
		goto out;
	child_our_ts(sa, true, tsi, tsr);
	if (ike_add_sa(mb, sp) || ike_add_ts(mb, IKE_PL_TSI, tsi) ||
	    ike_add_ts(mb, IKE_PL_TSR, tsr) ||
	    (c->transport && ike_add_notify(mb, 0, NULL, 0,
					    IKE_N_USE_TRANSPORT_MODE, NULL, 0)))
		goto out;
	*out = c;
	c = NULL;
	err = 0;
out:
	if (c) {
		child_unlink(c);
		child_free(c, false);
	}
	free(sp);
	free(tsi);
	free(tsr);
	return err;
}

static bool ts_is_any(const struct ike_ts *t)
{
	static const uint8_t ff[4] = { 0xff, 0xff, 0xff, 0xff };
	static const uint8_t zero[4];

	return t->type == IKE_TS_IPV4_ADDR_RANGE && !t->proto &&
	       !t->sport && t->eport == 65535 && !memcmp(t->start, zero, 4) &&
	       !memcmp(t->end, ff, 4);
}

static bool ts_has_host(const struct ike_ts *t, const struct sockaddr_storage *ss,
			uint8_t proto)
{
	uint8_t len;
	const uint8_t *a = ss_bytes(ss, &len);

	return t->type == (len == 16 ? IKE_TS_IPV6_ADDR_RANGE :
				       IKE_TS_IPV4_ADDR_RANGE) &&
	       (t->proto == proto || !t->proto) &&
	       memcmp(t->start, a, len) <= 0 && memcmp(a, t->end, len) <= 0;
}

/* A VTI's selector of one side: any, or that side's assigned address. */
static bool ts_vti_ok(const struct ike_ts *t, const struct conf_addr *vip)
{
	if (ts_is_any(t))
		return true;
	return vip->family == AF_INET && t->type == IKE_TS_IPV4_ADDR_RANGE &&
	       !t->proto && !t->sport && t->eport == 65535 &&
	       !memcmp(t->start, vip->a, 4) && !memcmp(t->end, vip->a, 4);
}

/* Whether the peer's selectors fit our tunnel: TSI the peer's side. */
static bool ts_fit(const struct ike_sa *sa, const struct ike_ts_pl *tsi,
		   const struct ike_ts_pl *tsr, bool transport)
{
	unsigned int i, j;

	if (child_ts6_only(sa)) {
		struct ike_ts oi, or;

		return child_ts6_narrow(sa, tsi, tsr, &oi, &or);
	}
	if (!is_gre(sa)) {
		bool fi = false, fr = false;

		for (i = 0; i < tsi->n; i++)
			fi |= ts_vti_ok(&tsi->ts[i], &sa->peer_vip);
		for (j = 0; j < tsr->n; j++)
			fr |= ts_vti_ok(&tsr->ts[j], &sa->local_vip);
		return fi && fr;
	}
	if (!transport)
		return false;
	for (i = 0; i < tsi->n; i++) {
		if (ts_is_any(&tsi->ts[i]) || tsi->ts[i].proto != 47 ||
		    !ts_has_host(&tsi->ts[i], &sa->remote, 47))
			continue;
		for (j = 0; j < tsr->n; j++)
			if (tsr->ts[j].proto == 47 &&
			    ts_has_host(&tsr->ts[j], &sa->local, 47))
				return true;
	}
	return false;
}

static void log_esp_policies(const struct dctx *dc, const char *which,
			     const struct ike_sa_pl *p)
{
	unsigned int i;
	char s[512];

	dbg(DBG_IKEV2 | DBG_ERROR, dc, "%s Policies: : Failed to find a matching policy", which);
	for (i = 0; i < p->n; i++) {
		ike_proposal_str(&p->prop[i], s, sizeof(s));
		dbg(DBG_IKEV2 | DBG_ERROR, dc, "ESP: Proposal %u: %s", p->prop[i].num, s);
	}
}

int child_respond(struct ike_sa *sa, const struct ike_msg *m,
		  struct msg_builder *mb, const uint8_t *gir, size_t gir_len,
		  const uint8_t *ni, size_t ni_len, const uint8_t *nr,
		  size_t nr_len, bool rekey, struct child_sa **made)
{
	const struct ike_payload *psa = ike_find(m, IKE_PL_SA);
	const struct ike_payload *pi = ike_find(m, IKE_PL_TSI);
	const struct ike_payload *pr = ike_find(m, IKE_PL_TSR);
	struct ike_sa_pl *rsa, *one, *exp;
	struct ike_ts_pl *tsi, *tsr;
	struct ike_notify_pl n;
	struct child_sa *c = NULL;
	struct esp_choice tmp;
	uint32_t spi_out = 0;
	struct parse_err e;
	struct dctx dc;
	uint16_t notify = 0, pfs = sa->ipsec ? sa->ipsec->pfs_group : 0;
	bool transport, found = false, v6;
	struct ike_ts v6i, v6r;
	unsigned int i, j;

	ike_dctx(sa, &dc);
	rsa = calloc(1, sizeof(*rsa));
	one = calloc(1, sizeof(*one));
	exp = calloc(1, sizeof(*exp));
	tsi = calloc(1, sizeof(*tsi));
	tsr = calloc(1, sizeof(*tsr));
	memset(&tmp, 0, sizeof(tmp));
	if (!rsa || !one || !exp || !tsi || !tsr) {
		notify = IKE_N_TEMPORARY_FAILURE;
		goto reply;
	}
	if (!psa || !pi || !pr || ike_parse_sa(psa, rsa, &e) ||
	    ike_parse_ts(pi, tsi, &e) || ike_parse_ts(pr, tsr, &e)) {
		notify = IKE_N_INVALID_SYNTAX;
		goto reply;
	}
	transport = !ike_find_notify(m, IKE_N_USE_TRANSPORT_MODE, &n);
	if (!sa->tun || !sa->ipsec) {
		dbg(DBG_IKEV2 | DBG_ERROR, &dc, ": There was no IPSEC policy found for received TS");
		DIAG_ERROR(&dc, "There was no IPSEC policy found for received TS: no tunnel interface for this peer");
		notify = IKE_N_TS_UNACCEPTABLE;
		goto reply;
	}
	if (sa->ipsec->prof && sa->prof && sa->ipsec->prof != sa->prof) {
		dbg(DBG_IKEV2 | DBG_ERROR, &dc, ": There was no IPSEC policy found for received TS");
		DIAG_ERROR(&dc, "There was no IPSEC policy found for received TS: %s is protected with IKEv2 profile %s, but the peer matched profile %s",
			   sa->tun->name, sa->ipsec->prof->name, sa->prof->name);
		notify = IKE_N_TS_UNACCEPTABLE;
		goto reply;
	}
	dbg(DBG_IKEV2, &dc, "IPSec policy validate request sent for profile %s",
	    sa->ipsec->name);
	for (i = 0; i < rsa->n && !found; i++) {
		const struct ike_proposal *rp = &rsa->prop[i];

		if (rp->proto != IKE_PROTO_ESP || rp->spi_size != 4)
			continue;
		for (j = 0; j < sa->ipsec->n_tsets && !found; j++) {
			if (!sa->ipsec->ts[j])
				continue;
			if (esp_match_tset(rp, sa->ipsec->ts[j], pfs, gir != NULL, &tmp)) {
				found = true;
				spi_out = get32(rp->spi);
				one->n = 1;
				esp_tset_proposal(sa->ipsec->ts[j], rp->num, 0,
					      gir ? pfs : 0, &one->prop[0]);
				one->prop[0].tr[one->prop[0].n - 1].id =
					tmp.esn ? IKE_ESN_YES : IKE_ESN_NO;
			}
		}
	}
	if (!found) {
		dbg(DBG_IKEV2 | DBG_ERROR, &dc, "[IPsec -> IKEv2] Callback received for the validate proposal - FAILED.");
		expected_policies(sa, gir ? pfs : 0, exp);
		log_esp_policies(&dc, "Received", rsa);
		log_esp_policies(&dc, "Expected", exp);
		DIAG_ERROR(&dc, "Failed to find a matching policy: no transform set of IPsec profile %s matches the peer's ESP proposals",
			   sa->ipsec->name);
		dbg(DBG_IKEV2, &dc, "Sending no proposal chosen notify");
		notify = IKE_N_NO_PROPOSAL_CHOSEN;
		goto reply;
	}
	if (!ts_fit(sa, tsi, tsr, transport)) {
		dbg(DBG_IKEV2 | DBG_ERROR, &dc, ": There was no IPSEC policy found for received TS");
		DIAG_ERROR(&dc, "There was no IPSEC policy found for received TS: %s is a %s tunnel but the peer proposed %s",
			   sa->tun->name, is_gre(sa) ? "GRE" : "VTI (tunnel mode ipsec)",
			   tsi->n && tsi->ts[0].proto == 47 ? "GRE (protocol 47) selectors" :
			   is_gre(sa) ? "any-to-any selectors in tunnel mode" :
			   "selectors other than any-to-any");
		dbg(DBG_IKEV2, &dc, "Sending TS unacceptable notify");
		notify = IKE_N_TS_UNACCEPTABLE;
		goto reply;
	}
	c = child_new(sa);
	if (!c || !c->spi_in) {
		notify = IKE_N_TEMPORARY_FAILURE;
		goto reply;
	}
	/* the peer has the new inbound SA once our answer arrives: with
	 * another outbound SA on the tunnel (a rekey, the peer's
	 * reauthentication), ours waits for that one to go */
	c->hold_out = true;
	c->encr = tmp.encr;
	c->encr_bits = tmp.encr_bits;
	c->integ = tmp.integ;
	c->esn = tmp.esn;
	sam_child_set_out(c, spi_out);
	c->pfs_group = gir ? pfs : 0;
	one->prop[0].spi[0] = (uint8_t)(c->spi_in >> 24);
	one->prop[0].spi[1] = (uint8_t)(c->spi_in >> 16);
	one->prop[0].spi[2] = (uint8_t)(c->spi_in >> 8);
	one->prop[0].spi[3] = (uint8_t)c->spi_in;
	if (install(sa, c, gir, gir_len, ni, ni_len, nr, nr_len, false)) {
		notify = IKE_N_TEMPORARY_FAILURE;
		goto reply;
	}
	v6 = !transport && child_ts6_narrow(sa, tsi, tsr, &v6i, &v6r);
	child_our_ts(sa, false, tsi, tsr);
	if (v6) {
		child_ts6_append(tsi, &v6i);
		child_ts6_append(tsr, &v6r);
	}
	child_ts6_record(c, tsr, tsi);
	if (ike_add_sa(mb, one) || ike_add_ts(mb, IKE_PL_TSI, tsi) ||
	    ike_add_ts(mb, IKE_PL_TSR, tsr) ||
	    (c->transport && ike_add_notify(mb, 0, NULL, 0,
					    IKE_N_USE_TRANSPORT_MODE, NULL, 0)))
		notify = IKE_N_TEMPORARY_FAILURE;
reply:
	if (notify) {
		if (c) {
			child_unlink(c);
			child_free(c, true);
		}
		ike_add_notify(mb, 0, NULL, 0, notify, NULL, 0);
	}
	if (made)
		*made = notify ? NULL : c;
	free(rsa);
	free(one);
	free(exp);
	free(tsi);
	free(tsr);
	return notify;
}

int child_complete(struct ike_sa *sa, struct child_sa *c,
		   const struct ike_msg *m, const uint8_t *gir,
		   size_t gir_len, const uint8_t *ni, size_t ni_len,
		   const uint8_t *nr, size_t nr_len)
{
	const struct ike_payload *psa = ike_find(m, IKE_PL_SA);
	const struct ike_payload *pi = ike_find(m, IKE_PL_TSI);
	const struct ike_payload *pr = ike_find(m, IKE_PL_TSR);
	struct ike_sa_pl *rsa = calloc(1, sizeof(*rsa));
	struct ike_ts_pl *tsi = calloc(1, sizeof(*tsi));
	struct ike_ts_pl *tsr = calloc(1, sizeof(*tsr));
	struct esp_choice ch = { 0 };
	struct ike_notify_pl n;
	struct parse_err e;
	struct dctx dc;
	uint16_t err = 0;
	unsigned int i;
	bool ok = false;

	ike_dctx(sa, &dc);
	err = ike_error_notify(m, 0);
	if (err) {
		DIAG_ERROR(&dc, "The peer refused the CHILD SA: %s", notify_name(err));
		goto fail;
	}
	if (!rsa || !tsi || !tsr || !psa || !pi || !pr ||
	    ike_parse_sa(psa, rsa, &e) || rsa->n != 1 ||
	    ike_parse_ts(pi, tsi, &e) || ike_parse_ts(pr, tsr, &e)) {
		DIAG_ERROR(&dc, "CHILD SA response without a valid SA, TSi and TSr");
		err = IKE_N_INVALID_SYNTAX;
		goto fail;
	}
	if (rsa->prop[0].proto == IKE_PROTO_ESP && rsa->prop[0].spi_size == 4)
		for (i = 0; sa->ipsec && i < sa->ipsec->n_tsets && !ok; i++)
			ok = sa->ipsec->ts[i] &&
			     esp_match_tset(&rsa->prop[0], sa->ipsec->ts[i],
					    c->pfs_group, gir != NULL, &ch);
	if (ok) {
		c->encr = ch.encr;
		c->encr_bits = ch.encr_bits;
		c->integ = ch.integ;
		c->esn = ch.esn;
	}
	if (!ok) {
		DIAG_ERROR(&dc, "The peer chose an ESP proposal we did not offer");
		err = IKE_N_NO_PROPOSAL_CHOSEN;
		goto fail;
	}
	sam_child_set_out(c, get32(rsa->prop[0].spi));
	if (c->transport && ike_find_notify(m, IKE_N_USE_TRANSPORT_MODE, &n)) {
		DIAG_ERROR(&dc, "The peer refused transport mode, which GRE over flexsec needs");
		err = IKE_N_NO_PROPOSAL_CHOSEN;
		goto fail;
	}
	if (!ts_fit(sa, tsr, tsi, c->transport)) {
		/* (TSi and TSr swapped: ts_fit looks from the responder.) */
		DIAG_ERROR(&dc, "The peer's traffic selectors do not fit %s",
			   c->ifname);
		err = IKE_N_TS_UNACCEPTABLE;
		goto fail;
	}
	child_ts6_record(c, tsi, tsr);
	if (install(sa, c, gir, gir_len, ni, ni_len, nr, nr_len, true)) {
		err = IKE_N_TEMPORARY_FAILURE;
		goto fail;
	}
	free(rsa);
	free(tsi);
	free(tsr);
	return 0;
fail:
	child_unlink(c);
	child_free(c, true);
	free(rsa);
	free(tsi);
	free(tsr);
	return err ? err : IKE_N_INVALID_SYNTAX;
}
