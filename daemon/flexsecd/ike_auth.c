// SPDX-License-Identifier: GPL-2.0
/*
 * IKE_AUTH (RFC 7296 1.2, 2.15) with pre-shared keys: identities, the
 * IKEv2 profile chosen by the peer's identity, the keyring lookup, AUTH
 * computed and verified, and the first CHILD SA. Each way this can fail
 * says so on the side the troubleshooting chapter looks at: the exit-path
 * table, the event trace and "debug crypto ikev2".
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "algs.h"
#include "crypto.h"
#include "hub.h"
#include "ike_int.h"
#include "natt.h"
#include "net.h"
#include "sa_mgr.h"
#include "spoke.h"
#include "tunnel.h"
#include "vaccess.h"

/* The ID of address ADDR: ID_IPV4_ADDR or ID_IPV6_ADDR (RFC 7296 3.5). */
static size_t addr_id(const struct sockaddr_storage *addr, uint8_t *type,
		      const uint8_t **data)
{
	if (addr->ss_family == AF_INET6) {
		*type = IKE_ID_IPV6_ADDR;
		*data = ((const struct sockaddr_in6 *)addr)->sin6_addr.s6_addr;
		return 16;
	}
	*type = IKE_ID_IPV4_ADDR;
	*data = (const uint8_t *)&((const struct sockaddr_in *)addr)->sin_addr;
	return 4;
}

/* The ID payload body (type, 3 reserved bytes, data) for identity ID, or
 * the address ADDR when ID is unset or "address" without a value. */
static size_t id_body(const struct conf_id *id,
		      const struct sockaddr_storage *addr, uint8_t *out,
		      size_t cap)
{
	const uint8_t *data;
	size_t len;
	uint8_t type;

	switch (id->type) {
	case CONF_ID_FQDN:
		type = IKE_ID_FQDN;
		data = (const uint8_t *)id->value;
		len = strlen(id->value);
		break;
	case CONF_ID_EMAIL:
		type = IKE_ID_RFC822_ADDR;
		data = (const uint8_t *)id->value;
		len = strlen(id->value);
		break;
	case CONF_ID_KEY_ID:
		type = IKE_ID_KEY_ID;
		data = (const uint8_t *)id->value;
		len = strlen(id->value);
		break;
	case CONF_ID_DN:
		if (id->value[0] && cap > 4) {
			int n = conf_dn_der(id->value, out + 4, cap - 4);

			if (n <= 0)
				return 0;
			out[0] = IKE_ID_DER_ASN1_DN;
			out[1] = out[2] = out[3] = 0;
			return (size_t)n + 4;
		}
		len = addr_id(addr, &type, &data);
		break;
	case CONF_ID_ADDRESS:
		if (id->addr.family == AF_INET) {
			type = IKE_ID_IPV4_ADDR;
			data = id->addr.a;
			len = 4;
			break;
		}
		if (id->addr.family == AF_INET6) {
			type = IKE_ID_IPV6_ADDR;
			data = id->addr.a;
			len = 16;
			break;
		}
		/* fall through */
	default:
		len = addr_id(addr, &type, &data);
		break;
	}
	if (len + 4 > cap)
		return 0;
	out[0] = type;
	out[1] = out[2] = out[3] = 0;
	memcpy(out + 4, data, len);
	return len + 4;
}

static const char *id_show(const struct conf_id *id, char *buf, size_t len)
{
	return conf_id_str(id, buf, len);
}

static bool profile_has_remote(const struct conf_profile *p, enum conf_auth a)
{
	unsigned int i;

	for (i = 0; i < p->n_auth_remote; i++)
		if (p->auth_remote[i] == a)
			return true;
	return false;
}

static const char *conf_auth_name(enum conf_auth a)
{
	switch (a) {
	case CONF_AUTH_PSK:
		return "PSK";
	case CONF_AUTH_RSA:
		return "RSA";
	case CONF_AUTH_ECDSA:
		return "ECDSA";
	case CONF_AUTH_EAP:
		return "EAP";
	default:
		return "none";
	}
}

static void established(struct ike_sa *sa)
{
	char li[128], ri[128], r[64];
	uint32_t life = sa->prof ? sa->prof->lifetime : 86400;
	struct dctx c;

	ike_dctx(sa, &c);
	ike_set_state(sa, IKE_ST_READY);
	sa->established = time(NULL);
	sa->established_ms = now_ms();
	timer_cancel(&sa->half_open);
	ike_set_status(sa, "Negotiation done");
	ike_stats.sa_established++;
	dbg(DBG_IKEV2, &c, "IKEV2 SA created; inserting SA into database. SA lifetime timer (%u sec) started",
	    life);
	dbg(DBG_IKEV2, &c, "Session with IKE ID PAIR (%s, %s) is UP",
	    id_show(&sa->id_local, li, sizeof(li)),
	    id_show(&sa->id_remote, ri, sizeof(ri)));
	trace_event(&c, "IKE SA established with %s", sa_str(&sa->remote, r, sizeof(r)));
	log_notice("%%IKEV2-5-SA_UP: SA UP, local %s remote %s, IKE ID %s",
		   sa_str(&sa->local, li, sizeof(li)),
		   sa_str(&sa->remote, r, sizeof(r)),
		   id_show(&sa->id_remote, ri, sizeof(ri)));
	ike_lifetime_start(sa);
	ike_dpd_start(sa);
	natt_start(sa);
	ike_reauth_arm(sa);
}

static const struct sockaddr_storage *initiator_addr(const struct ike_sa *sa)
{
	return sa->initiator ? &sa->local : &sa->remote;
}

/* Both ends of a tunnel may initiate at once; of two IKE SAs for one
 * tunnel, the one initiated from the lower address stays (of two from
 * the same side, the older). The loser's initiator deletes it. */
static void dedupe(struct ike_sa *sa)
{
	struct ike_sa *o, *lose;
	struct dctx c;
	int cmp;

	if (!sa->tun || sa->state != IKE_ST_READY || ike_reauth_done(sa))
		return;
	ike_dctx(sa, &c);
	dbg(DBG_IKEV2, &c, "Checking for duplicate IKEv2 SA");
	for (o = sa->rt ? sa->rt->sas : NULL; o; o = o->tnext) {
		if (o == sa || o->state != IKE_ST_READY)
			continue;
		ike_reauth_by_peer(sa, o);
		if (o->peer_reauth)
			return;
		cmp = sa_addr_cmp(initiator_addr(sa), initiator_addr(o));
		/* the higher initiator loses; from one side, the newer one */
		if (cmp > 0)
			lose = sa;
		else if (cmp < 0)
			lose = o;
		else
			lose = o->id > sa->id ? o : sa;
		dbg(DBG_IKEV2, &c, "Duplicate IKEv2 SA found for %s: SA ID %u goes",
		    sa->tun->name, lose->id);
		trace_event(&c, "Duplicate IKE SA for %s: SA ID %u deleted",
			    sa->tun->name, lose->id);
		if (lose->initiator)
			ike_delete_send(lose);
		return;
	}
	dbg(DBG_IKEV2, &c, "No duplicate IKEv2 SA found");
}

static void peer_window(struct ike_sa *sa, const struct ike_msg *m)
{
	struct ike_notify_pl n;

	if (!ike_find_notify(m, IKE_N_SET_WINDOW_SIZE, &n) && n.len == 4) {
		uint32_t w = get32(n.data);

		sa->peer_window = w < 1 ? 1 : w > IKE_MAX_WINDOW ? IKE_MAX_WINDOW : w;
	}
}

static int add_window(struct ike_sa *sa, struct msg_builder *mb)
{
	uint8_t w[4];

	if (sa->window <= 1)
		return 0;
	w[0] = (uint8_t)(sa->window >> 24);
	w[1] = (uint8_t)(sa->window >> 16);
	w[2] = (uint8_t)(sa->window >> 8);
	w[3] = (uint8_t)sa->window;
	return ike_add_notify(mb, 0, NULL, 0, IKE_N_SET_WINDOW_SIZE, w, 4);
}

/* The PSK AUTH value for a message: OUT gets prf_len bytes. */
static int auth_value(struct ike_sa *sa, const uint8_t *psk, size_t psk_len,
		      bool of_initiator, const uint8_t *idb, size_t id_len,
		      uint8_t *out)
{
	const struct buf *msg = of_initiator ? &sa->init_i : &sa->init_r;
	const uint8_t *nonce = of_initiator ? sa->nr : sa->ni;
	size_t nlen = of_initiator ? sa->nr_len : sa->ni_len;
	const uint8_t *skp = of_initiator ? sa->keys.sk_pi : sa->keys.sk_pr;

	return ike_psk_auth(sa->suite.prf, psk, psk_len, msg->p, msg->len,
			    nonce, nlen, skp, sa->keys.p_len, idb, id_len, out);
}

static bool verify(struct ike_sa *sa, const uint8_t *psk, size_t psk_len,
		   const struct ike_id_pl *id, const struct ike_auth_pl *a)
{
	uint8_t want[IKE_MAX_PRF];
	size_t plen = ike_prf_len(sa->suite.prf);
	bool ok;

	if (a->len != plen ||
	    auth_value(sa, psk, psk_len, !sa->initiator, id->body,
		       id->body_len, want))
		return false;
	ok = ike_memeq(want, a->data, plen);
	explicit_bzero(want, sizeof(want));
	return ok;
}

/* --- initiator --- */

/* INITIAL_CONTACT only when we have no other IKE SA with the peer. */
static bool first_contact(const struct ike_sa *sa)
{
	const struct ike_sa *o;

	for (o = sam_peer_first(&sa->remote); o;
	     o = sam_peer_next(o, &sa->remote))
		if (o != sa && natt_same_peer(o, sa))
			return false;
	return true;
}

static void auth_response(struct ike_sa *sa, struct ike_request *rq,
			  const struct ike_msg *m);

void ike_auth_start(struct ike_sa *sa)
{
	const struct conf_keyring_peer *kp;
	uint8_t idb[300], auth[IKE_MAX_PRF];
	struct child_sa *child = NULL;
	struct msg_builder mb;
	size_t idlen;
	struct dctx c;

	ike_dctx(sa, &c);
	kp = sa->prof->kr ? conf_keyring_lookup(sa->prof->kr, &sa->tun->destination,
						NULL) : NULL;
	if (!kp || !kp->psk_local_len) {
		IKE_FAIL(sa, "Getting preshared key from profile keyring: key not found");
		return;
	}
	idlen = id_body(&sa->prof->identity_local, &sa->local, idb, sizeof(idb));
	if (!idlen) {
		IKE_FAIL(sa, "Local identity of profile %s too long", sa->prof->name);
		return;
	}
	conf_id_from_payload(idb[0], idb + 4, idlen - 4, &sa->id_local);
	if (auth_value(sa, kp->psk_local, kp->psk_local_len, true, idb, idlen,
		       auth)) {
		IKE_FAIL(sa, "Computing the AUTH payload failed");
		return;
	}
	dbg(DBG_IKEV2, &c, "Generating IKE_AUTH message");
	mb_init(&mb);
	if (ike_add_id(&mb, IKE_PL_IDI, idb[0], idb + 4, idlen - 4) ||
	    ike_add_auth(&mb, IKE_AUTH_PSK, auth, ike_prf_len(sa->suite.prf)) ||
	    spoke_cfg_request(sa, &mb) ||
	    child_add_offer(sa, &mb, &child) ||
	    (first_contact(sa) &&
	     ike_add_notify(&mb, 0, NULL, 0, IKE_N_INITIAL_CONTACT, NULL, 0)) ||
	    add_window(sa, &mb) ||
	    ike_add_notify(&mb, 0, NULL, 0, IKE_N_ESP_TFC_PADDING_NOT_SUPPORTED,
			   NULL, 0) ||
	    ike_add_notify(&mb, 0, NULL, 0, IKE_N_NON_FIRST_FRAGMENTS_ALSO,
			   NULL, 0)) {
		explicit_bzero(auth, sizeof(auth));
		mb_free(&mb);
		IKE_FAIL(sa, "Building the IKE_AUTH request failed");
		return;
	}
	explicit_bzero(auth, sizeof(auth));
	sa->auth_local = IKE_AUTH_PSK;
	ike_set_state(sa, IKE_ST_AUTH_SENT);
	if (ike_send_request(sa, IKE_AUTH, &mb, auth_response, NULL) < 0)
		IKE_FAIL(sa, "Sending the IKE_AUTH request failed");
	else
		trace_event(&c, "IKE_AUTH request sent");
	mb_free(&mb);
}

static bool profile_matches(const struct conf_profile *p,
			    const struct conf_id *id)
{
	unsigned int i;

	if (p->match_any)
		return true;
	for (i = 0; i < p->n_match_remote; i++)
		if (conf_id_match(&p->match_remote[i], id))
			return true;
	return false;
}

static void auth_response(struct ike_sa *sa, struct ike_request *rq,
			  const struct ike_msg *m)
{
	const struct ike_payload *pid = ike_find(m, IKE_PL_IDR);
	const struct ike_payload *pa = ike_find(m, IKE_PL_AUTH);
	const struct conf_keyring_peer *kp;
	struct child_sa *child = sa->children;
	struct ike_auth_pl a;
	struct ike_id_pl id;
	struct parse_err e;
	uint16_t err = ike_error_notify(m, 0);
	char ids[128];
	struct dctx c;

	ike_dctx(sa, &c);
	dbg(DBG_IKEV2, &c, "Processing IKE_AUTH message");
	if (err == IKE_N_AUTHENTICATION_FAILED || (!pa && err)) {
		IKE_FAIL(sa, "Auth exchange failed: the peer sent %s",
			 notify_name(err));
		return;
	}
	if (!pid || !pa || ike_parse_id(pid, &id, &e) || ike_parse_auth(pa, &a, &e)) {
		IKE_FAIL(sa, "Auth exchange failed: IKE_AUTH response without a valid IDr and AUTH");
		return;
	}
	if (conf_id_from_payload(id.type, id.data, id.len, &sa->id_remote)) {
		IKE_FAIL(sa, "Unsupported identity type %u from the peer", id.type);
		return;
	}
	dbg(DBG_IKEV2, &c, "Verify peer's policy");
	if (!profile_matches(sa->prof, &sa->id_remote)) {
		IKE_FAIL(sa, "Peer's identity '%s' does not match IKEv2 profile %s",
			 id_show(&sa->id_remote, ids, sizeof(ids)), sa->prof->name);
		return;
	}
	dbg(DBG_IKEV2, &c, "Peer's policy verified");
	dbg(DBG_IKEV2, &c, "Get peer's authentication method");
	dbg(DBG_IKEV2, &c, "Peer's authentication method is '%s'",
	    auth_method_name(a.method));
	if (a.method != IKE_AUTH_PSK || !profile_has_remote(sa->prof, CONF_AUTH_PSK)) {
		dbg(DBG_IKEV2 | DBG_ERROR, &c, ": Peer's configured auth method mis-matches with proposed auth method");
		IKE_FAIL(sa, "Peer's authentication method '%s' mismatches the configured one (%s)",
			 auth_method_name(a.method),
			 conf_auth_name(sa->prof->n_auth_remote ?
					sa->prof->auth_remote[0] : CONF_AUTH_NONE));
		return;
	}
	kp = conf_keyring_lookup(sa->prof->kr, &sa->tun->destination,
				 &sa->id_remote);
	if (!kp || !kp->psk_remote_len) {
		IKE_FAIL(sa, "Getting peer's preshared key: key not found");
		return;
	}
	if (!verify(sa, kp->psk_remote, kp->psk_remote_len, &id, &a)) {
		dbg(DBG_IKEV2 | DBG_ERROR, &c, "Verification of peer's authentication data FAILED");
		IKE_FAIL(sa, "Verification of peer's authentication data FAILED");
		return;
	}
	sa->auth_remote = IKE_AUTH_PSK;
	if (err == IKE_N_INTERNAL_ADDRESS_FAILURE ||
	    err == IKE_N_FAILED_CP_REQUIRED) {
		char why[256];

		IKE_FAIL(sa, "%s", spoke_refused(sa, err, why, sizeof(why)));
		return;
	}
	peer_window(sa, m);
	established(sa);
	spoke_cfg_reply(sa, m);
	if (!child)
		return;
	child_ts_refresh(child);
	err = child_complete(sa, child, m, NULL, 0, sa->ni, sa->ni_len, sa->nr,
			     sa->nr_len);
	if (err) {
		DIAG_ERROR(&c, "CHILD SA not created: %s; deleting the IKE SA",
			   notify_name(err));
		ike_delete_send(sa);
		return;
	}
	dedupe(sa);
	spoke_cfg_set(sa);
}

/* --- responder --- */

static void fail_auth(struct ike_sa *sa, const struct ike_msg *m,
		      const char *where, const char *why)
{
	struct msg_builder mb;
	struct dctx c;

	ike_dctx(sa, &c);
	dbg(DBG_IKEV2, &c, "Verification of peer's authentication data FAILED");
	dbg(DBG_IKEV2, &c, "Sending authentication failure notify");
	mb_init(&mb);
	if (!ike_add_notify(&mb, 0, NULL, 0, IKE_N_AUTHENTICATION_FAILED, NULL, 0))
		ike_send_response(sa, m, &mb);
	mb_free(&mb);
	ike_sa_fail(sa, where, "%s", why);
}
#define FAIL_AUTH(sa, m, why) fail_auth((sa), (m), diag_where(__func__, __LINE__), (why))

/* Whether X and Y are the same address (their prefix lengths aside). */
static bool host_same(const struct conf_addr *x, const struct conf_addr *y)
{
	return x->family && x->family == y->family &&
	       !memcmp(x->a, y->a, x->family == AF_INET ? 4 : 16);
}

static const struct conf_tunnel *tunnel_for(const struct ike_sa *sa)
{
	const struct conf *cf = sa->conf;
	const struct conf_tunnel *any_source = NULL;
	struct conf_addr src, r, l;
	unsigned int i;

	conf_from_sa(&r, &sa->remote);
	conf_from_sa(&l, &sa->local);
	for (i = 0; i < cf->n_tunnels; i++) {
		const struct conf_tunnel *t = &cf->tunnels[i];

		if (t->shutdown || !host_same(&t->destination, &r))
			continue;
		/* the tunnel whose source is the address the peer used */
		if (!tunnel_local(t, &src) && host_same(&src, &l))
			return t;
		if (!any_source)
			any_source = t;
	}
	return any_source;
}

/* The tunnel a peer's IKE SA serves: a Virtual-Access cloned for it
 * (with the configuration to send in CP), or the configured tunnel. */
static int bind_tunnel(struct ike_sa *sa, const struct ike_msg *m,
		       struct ike_cp *cp, bool *have_cp, char *why, size_t len)
{
	const struct conf_tunnel *ct;

	*have_cp = false;
	if (sa->prof->vt)
		return hub_authorize(sa, m, cp, have_cp, why, len);
	ct = tunnel_for(sa);
	tunnel_attach(sa, ct ? tunnel_of(ct) : NULL);
	sa->ipsec = sa->tun ? sa->tun->ipsec : NULL;
	return 0;
}

/* IKE SAs with the same peer that were up before this one began are
 * stale when it says INITIAL_CONTACT: the peer has forgotten them. (One
 * that came up while this one was negotiated is a simultaneous start,
 * which dedupe() settles.) */
static void initial_contact(struct ike_sa *sa)
{
	struct ike_sa *o, *next;
	struct dctx c;

	ike_dctx(sa, &c);
	dbg(DBG_IKEV2, &c, "Processing INITIAL_CONTACT");
	for (o = sam_peer_first(&sa->remote); o; o = next) {
		/* dropping O takes it out of the index: step first */
		next = sam_peer_next(o, &sa->remote);
		if (o != sa && o->state == IKE_ST_READY &&
		    o->established_ms < sa->created_ms && natt_same_peer(o, sa))
			ike_sa_drop(o, "INITIAL_CONTACT from the peer");
	}
}

/* The profile for the peer's identity (and, with "match identity local",
 * the identity it asked for in IDr or the address it reached). */
static int choose_profile(struct ike_sa *sa, const struct ike_msg *m,
			  const char *ids, char *why, size_t len)
{
	const struct ike_payload *pidr = ike_find(m, IKE_PL_IDR);
	const struct conf_profile *profs[4];
	struct conf_id lid = { .type = CONF_ID_ADDRESS };
	struct ike_id_pl idr;
	struct parse_err e;
	unsigned int np = 0;
	struct dctx c;

	ike_dctx(sa, &c);
	if (pidr && !ike_parse_id(pidr, &idr, &e) &&
	    !conf_id_from_payload(idr.type, idr.data, idr.len, &lid))
		np = conf_profiles_matching(sa->conf, &sa->id_remote, &lid,
					    profs, 4);
	if (!np) {
		memset(&lid, 0, sizeof(lid));
		lid.type = CONF_ID_ADDRESS;
		conf_from_sa(&lid.addr, &sa->local);
		np = conf_profiles_matching(sa->conf, &sa->id_remote, &lid,
					    profs, 4);
	}
	if (!np) {
		dbg(DBG_IKEV2 | DBG_ERROR, &c, "%% IKEv2 profile not found");
		snprintf(why, len,
			 "Failed to locate an item in the database: no IKEv2 profile matches identity '%s'",
			 ids);
		return -1;
	}
	if (np > 1)
		DIAG_ERROR(&c, "Overlapping match statements: identity '%s' matches profiles %s and %s; using %s",
			   ids, profs[0]->name, profs[1]->name, profs[0]->name);
	sa->prof = profs[0];
	dbg(DBG_IKEV2, &c, "Found matching IKEv2 profile '%s'", sa->prof->name);
	return 0;
}

/* The peer's AUTH checked against the profile's method and keyring: the
 * keyring peer, or NULL with why. */
static const struct conf_keyring_peer *
check_peer(struct ike_sa *sa, const struct ike_id_pl *id,
	   const struct ike_auth_pl *a, const char *ids, char *why, size_t len)
{
	struct conf_addr ra;
	const struct conf_keyring_peer *kp;
	const struct conf_profile *pf = sa->prof;
	struct dctx c;

	ike_dctx(sa, &c);
	conf_from_sa(&ra, &sa->remote);
	dbg(DBG_IKEV2, &c, "Get peer's authentication method");
	dbg(DBG_IKEV2, &c, "Peer's authentication method is '%s'",
	    auth_method_name(a->method));
	if (a->method != IKE_AUTH_PSK || !profile_has_remote(pf, CONF_AUTH_PSK)) {
		dbg(DBG_IKEV2 | DBG_ERROR, &c, ": Peer's configured auth method mis-matches with proposed auth method");
		snprintf(why, len,
			 "Peer's configured auth method mis-matches with proposed auth method: peer uses %s, profile %s expects %s",
			 auth_method_name(a->method), pf->name,
			 conf_auth_name(pf->n_auth_remote ? pf->auth_remote[0] :
				       CONF_AUTH_NONE));
		return NULL;
	}
	dbg(DBG_IKEV2, &c, "Get peer's preshared key for %s", ids);
	kp = pf->kr ? conf_keyring_lookup(pf->kr, &ra, &sa->id_remote) : NULL;
	if (!kp || !kp->psk_remote_len) {
		dbg(DBG_IKEV2 | DBG_ERROR, &c, "%% key not found.");
		snprintf(why, len,
			 "Getting peer's preshared key for '%s' from keyring %s: key not found",
			 ids, pf->kr ? pf->kr->name : "(none)");
		return NULL;
	}
	dbg(DBG_IKEV2, &c, "Verify peer's authentication data");
	if (!verify(sa, kp->psk_remote, kp->psk_remote_len, id, a)) {
		snprintf(why, len,
			 "Verification of peer's authentication data FAILED: the pre-shared key for '%s' does not match",
			 ids);
		return NULL;
	}
	if (pf->auth_local != CONF_AUTH_PSK || !kp->psk_local_len) {
		snprintf(why, len, "No local pre-shared key to authenticate ourselves");
		return NULL;
	}
	return kp;
}

/* The peer is authenticated but gets no CHILD SA (RFC 7296 1.2): IDr and
 * AUTH with NOTIFY; the IKE SA goes, as a session without a CHILD SA
 * would carry nothing. */
static void refuse_child(struct ike_sa *sa, const struct ike_msg *m,
			 const uint8_t *idb, size_t idlen, const uint8_t *auth,
			 uint16_t notify, const char *why)
{
	struct msg_builder mb;
	struct dctx c;

	ike_dctx(sa, &c);
	dbg(DBG_IKEV2, &c, "Sending %s in the IKE_AUTH response",
	    notify_name(notify));
	mb_init(&mb);
	if (ike_add_id(&mb, IKE_PL_IDR, idb[0], idb + 4, idlen - 4) ||
	    ike_add_auth(&mb, IKE_AUTH_PSK, auth, ike_prf_len(sa->suite.prf)) ||
	    ike_add_notify(&mb, 0, NULL, 0, notify, NULL, 0) ||
	    ike_send_response(sa, m, &mb))
		dbg(DBG_IKEV2 | DBG_ERROR, &c, "Sending the IKE_AUTH response failed");
	mb_free(&mb);
	IKE_FAIL(sa, "%s", why);
}

/* The IKE_AUTH response: IDr, AUTH, the configuration for the peer, the
 * CHILD SA, once the tunnel is bound. */
static void respond(struct ike_sa *sa, const struct ike_msg *m,
		    const struct conf_keyring_peer *kp)
{
	uint8_t idb[300], auth[IKE_MAX_PRF];
	struct ike_cp *cp = NULL;
	struct ike_notify_pl n;
	struct msg_builder mb;
	bool have_cp = false;
	char why[256];
	size_t idlen;
	int err = -1, rc;

	sa->auth_remote = IKE_AUTH_PSK;
	sa->auth_local = IKE_AUTH_PSK;
	idlen = id_body(&sa->prof->identity_local, &sa->local, idb, sizeof(idb));
	if (!idlen || auth_value(sa, kp->psk_local, kp->psk_local_len, false,
				 idb, idlen, auth)) {
		FAIL_AUTH(sa, m, "Computing our AUTH payload failed");
		return;
	}
	conf_id_from_payload(idb[0], idb + 4, idlen - 4, &sa->id_local);
	if (!ike_find_notify(m, IKE_N_INITIAL_CONTACT, &n)) {
		initial_contact(sa);
		/* the stale sessions' Virtual-Access interfaces, numbers
		 * and leases go now, before this one is given its own */
		tunnel_reap();
		va_reap();
	}
	peer_window(sa, m);
	cp = calloc(1, sizeof(*cp));
	rc = cp ? bind_tunnel(sa, m, cp, &have_cp, why, sizeof(why)) : -1;
	if (rc > 0) {
		free(cp);
		refuse_child(sa, m, idb, idlen, auth, (uint16_t)rc, why);
		explicit_bzero(auth, sizeof(auth));
		return;
	}
	if (rc) {
		explicit_bzero(auth, sizeof(auth));
		free(cp);
		FAIL_AUTH(sa, m, cp ? why : "out of memory");
		return;
	}
	established(sa);
	mb_init(&mb);
	if (!ike_add_id(&mb, IKE_PL_IDR, idb[0], idb + 4, idlen - 4) &&
	    !ike_add_auth(&mb, IKE_AUTH_PSK, auth, ike_prf_len(sa->suite.prf)) &&
	    (!have_cp || !ike_add_cp(&mb, cp)))
		err = 0;
	explicit_bzero(auth, sizeof(auth));
	free(cp);
	if (err) {
		mb_free(&mb);
		IKE_FAIL(sa, "Building the IKE_AUTH response failed");
		return;
	}
	if (ike_find(m, IKE_PL_SA))
		child_respond(sa, m, &mb, NULL, 0, sa->ni, sa->ni_len, sa->nr,
			      sa->nr_len, false, NULL);
	if (add_window(sa, &mb) || ike_send_response(sa, m, &mb))
		IKE_FAIL(sa, "Sending the IKE_AUTH response failed");
	mb_free(&mb);
	dedupe(sa);
}

void ike_auth_rx_request(struct ike_sa *sa, const struct ike_msg *m)
{
	const struct ike_payload *pid = ike_find(m, IKE_PL_IDI);
	const struct ike_payload *pa = ike_find(m, IKE_PL_AUTH);
	const struct conf_keyring_peer *kp;
	struct ike_auth_pl a;
	struct ike_id_pl id;
	struct parse_err e;
	char ids[128], why[256];
	struct dctx c;

	ike_dctx(sa, &c);
	if (sa->state != IKE_ST_INIT_DONE) {
		ike_stats.rx_dropped++;
		return;
	}
	dbg(DBG_IKEV2, &c, "Processing IKE_AUTH message");
	if (!pid || ike_parse_id(pid, &id, &e) ||
	    conf_id_from_payload(id.type, id.data, id.len, &sa->id_remote)) {
		FAIL_AUTH(sa, m, "IKE_AUTH request without a usable IDi");
		return;
	}
	if (!pa) {
		FAIL_AUTH(sa, m, "IKE_AUTH request without AUTH (EAP is not configured)");
		return;
	}
	if (ike_parse_auth(pa, &a, &e)) {
		FAIL_AUTH(sa, m, "Malformed AUTH payload");
		return;
	}
	dbg(DBG_IKEV2, &c, "Searching policy based on peer's identity '%s' of type '%s'",
	    id_show(&sa->id_remote, ids, sizeof(ids)), id_type_name(id.type));
	if (choose_profile(sa, m, ids, why, sizeof(why))) {
		FAIL_AUTH(sa, m, why);
		return;
	}
	kp = check_peer(sa, &id, &a, ids, why, sizeof(why));
	if (!kp) {
		FAIL_AUTH(sa, m, why);
		return;
	}
	respond(sa, m, kp);
}
