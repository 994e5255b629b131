// SPDX-License-Identifier: GPL-2.0
/*
 * Matching against the configuration: addresses and prefixes, identities
 * and their rules, the policies for a local address, the profiles for a
 * peer's identity, the keyring peer for a remote, and the comparison of a
 * tunnel between two configurations.
 */

#include <arpa/inet.h>
#include <string.h>
#include <strings.h>

#include <openssl/objects.h>
#include <openssl/x509.h>

#include "conf.h"
#include "ike_proto.h"

/* ---- addresses ---- */

static unsigned int host_len(int family)
{
	return family == AF_INET ? 32 : 128;
}

bool conf_addr_match(const struct conf_addr *net, const struct conf_addr *a)
{
	unsigned int bits, bytes;
	uint8_t mask;

	if (!net || !a || !net->family || net->family != a->family)
		return false;
	bits = net->plen;
	if (bits > host_len(net->family))
		bits = host_len(net->family);
	bytes = bits / 8;
	if (memcmp(net->a, a->a, bytes))
		return false;
	if (!(bits % 8))
		return true;
	mask = (uint8_t)(0xff << (8 - bits % 8));
	return !((net->a[bytes] ^ a->a[bytes]) & mask);
}

const char *conf_addr_str(const struct conf_addr *a, char *buf, size_t len)
{
	char s[INET6_ADDRSTRLEN];

	if (!buf || !len)
		return "";
	if (!a || !a->family || !inet_ntop(a->family, a->a, s, sizeof(s)))
		snprintf(buf, len, "none");
	else if (a->plen < host_len(a->family))
		snprintf(buf, len, "%s/%u", s, a->plen);
	else
		snprintf(buf, len, "%s", s);
	return buf;
}

static bool addr_equal(const struct conf_addr *x, const struct conf_addr *y)
{
	if (x->family != y->family)
		return false;
	if (!x->family)
		return true;
	return x->plen == y->plen &&
	       !memcmp(x->a, y->a, x->family == AF_INET ? 4 : 16);
}

/* ---- identities ---- */

/* "CN=gw1,O=Example" as the DER of an X.509 name; its length, or -1. */
int conf_dn_der(const char *dn, uint8_t *out, size_t cap)
{
	X509_NAME *name = X509_NAME_new();
	char *copy = strdup(dn), *rdn, *save = NULL, *eq;
	unsigned char *p = out;
	int len = -1;

	if (!name || !copy)
		goto out;
	for (rdn = strtok_r(copy, ",", &save); rdn;
	     rdn = strtok_r(NULL, ",", &save)) {
		while (*rdn == ' ')
			rdn++;
		eq = strchr(rdn, '=');
		if (!eq || eq == rdn || !eq[1])
			goto out;
		*eq = 0;
		if (!X509_NAME_add_entry_by_txt(name, rdn, MBSTRING_UTF8,
						(unsigned char *)eq + 1, -1, -1, 0))
			goto out;
	}
	if (!X509_NAME_entry_count(name))
		goto out;
	len = i2d_X509_NAME(name, NULL);
	if (len <= 0 || (size_t)len > cap)
		len = -1;
	else
		len = i2d_X509_NAME(name, &p);
out:
	X509_NAME_free(name);
	free(copy);
	return len;
}

/* The DER of an X.509 name as "CN=gw1,O=Example", in its own order. */
static int dn_from_der(const uint8_t *data, size_t len, char *out, size_t cap)
{
	const unsigned char *p = data;
	X509_NAME *name = d2i_X509_NAME(NULL, &p, (long)len);
	size_t off = 0;
	int i, n, rc = -1;

	if (!name || p != data + len)
		goto out;
	n = X509_NAME_entry_count(name);
	for (i = 0; i < n; i++) {
		X509_NAME_ENTRY *e = X509_NAME_get_entry(name, i);
		ASN1_OBJECT *o = X509_NAME_ENTRY_get_object(e);
		unsigned char *v = NULL;
		int vlen = ASN1_STRING_to_UTF8(&v, X509_NAME_ENTRY_get_data(e));
		const char *sn = OBJ_nid2sn(OBJ_obj2nid(o));
		int w;

		if (vlen < 0 || !sn || memchr(v, 0, (size_t)vlen)) {
			OPENSSL_free(v);
			goto out;
		}
		w = snprintf(out + off, cap - off, "%s%s=%.*s", i ? "," : "",
			     sn, vlen, v);
		OPENSSL_free(v);
		if (w < 0 || (size_t)w >= cap - off)
			goto out;
		off += (size_t)w;
	}
	rc = n ? 0 : -1;
out:
	X509_NAME_free(name);
	return rc;
}

int conf_id_from_payload(uint8_t id_type, const uint8_t *data, size_t len,
			 struct conf_id *out)
{
	memset(out, 0, sizeof(*out));
	switch (id_type) {
	case IKE_ID_DER_ASN1_DN:
		out->type = CONF_ID_DN;
		if (dn_from_der(data, len, out->value, sizeof(out->value))) {
			memset(out, 0, sizeof(*out));
			return -1;
		}
		return 0;
	case IKE_ID_IPV4_ADDR:
	case IKE_ID_IPV6_ADDR:
		if (len != (id_type == IKE_ID_IPV4_ADDR ? 4u : 16u))
			return -1;
		out->type = CONF_ID_ADDRESS;
		out->addr.family = id_type == IKE_ID_IPV4_ADDR ? AF_INET :
								 AF_INET6;
		out->addr.plen = (uint8_t)(len * 8);
		memcpy(out->addr.a, data, len);
		return 0;
	case IKE_ID_FQDN:
		out->type = CONF_ID_FQDN;
		break;
	case IKE_ID_RFC822_ADDR:
		out->type = CONF_ID_EMAIL;
		break;
	case IKE_ID_KEY_ID:
		out->type = CONF_ID_KEY_ID;
		break;
	default:
		/* DER DNs and general names come with certificates */
		return -1;
	}
	if (!len || len >= sizeof(out->value) || memchr(data, '\0', len)) {
		memset(out, 0, sizeof(*out));
		return -1;
	}
	memcpy(out->value, data, len);
	return 0;
}

static const char *const id_words[] = {
	[CONF_ID_NONE] = "none",
	[CONF_ID_ADDRESS] = "address",
	[CONF_ID_FQDN] = "fqdn",
	[CONF_ID_EMAIL] = "email",
	[CONF_ID_KEY_ID] = "key-id",
	[CONF_ID_DN] = "dn",
};

const char *conf_id_str(const struct conf_id *id, char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN + 8];

	if (!buf || !len)
		return "";
	if (!id || id->type == CONF_ID_NONE ||
	    id->type > CONF_ID_DN) {
		snprintf(buf, len, "none");
	} else if (id->type == CONF_ID_ADDRESS) {
		snprintf(buf, len, "%s", id->addr.family ?
			 conf_addr_str(&id->addr, a, sizeof(a)) : "address");
	} else if (id->type == CONF_ID_DN && !id->value[0]) {
		snprintf(buf, len, "dn");
	} else {
		snprintf(buf, len, "%s %s%s", id_words[id->type],
			 id->domain ? "domain " : "", id->value);
	}
	return buf;
}

/* NAME is DOMAIN or ends with ".DOMAIN", ignoring case. */
static bool in_domain(const char *name, const char *domain)
{
	size_t n = strlen(name), d;

	if (*domain == '.' || *domain == '@')
		domain++;
	d = strlen(domain);
	if (!d || n < d || strcasecmp(name + n - d, domain))
		return false;
	return n == d || name[n - d - 1] == '.';
}

/* "user@domain": the local part exactly, the domain ignoring case. */
static bool email_equal(const char *x, const char *y)
{
	const char *ax = strrchr(x, '@'), *ay = strrchr(y, '@');

	if (!ax || !ay)
		return !strcmp(x, y);
	return ax - x == ay - y && !strncmp(x, y, (size_t)(ax - x)) &&
	       !strcasecmp(ax, ay);
}

bool conf_id_match(const struct conf_id *rule, const struct conf_id *id)
{
	const char *at;

	if (!rule || !id || rule->type == CONF_ID_NONE ||
	    rule->type != id->type)
		return false;
	switch (rule->type) {
	case CONF_ID_ADDRESS:
		return conf_addr_match(&rule->addr, &id->addr);
	case CONF_ID_FQDN:
		if (rule->domain)
			return in_domain(id->value, rule->value);
		return !strcasecmp(rule->value, id->value);
	case CONF_ID_EMAIL:
		if (!rule->domain)
			return email_equal(rule->value, id->value);
		at = strrchr(id->value, '@');
		return at && in_domain(at + 1, rule->value);
	case CONF_ID_KEY_ID:
		return !strcmp(rule->value, id->value);
	case CONF_ID_DN:
		return !strcasecmp(rule->value, id->value);
	default:
		return false;
	}
}

static bool id_equal(const struct conf_id *x, const struct conf_id *y)
{
	return x->type == y->type && x->domain == y->domain &&
	       addr_equal(&x->addr, &y->addr) && !strcmp(x->value, y->value);
}

/* ---- policies and profiles ---- */

static bool policy_has_local(const struct conf_policy *po,
			     const struct conf_addr *local)
{
	unsigned int i;

	for (i = 0; i < po->n_local; i++)
		if (conf_addr_match(&po->local[i], local))
			return true;
	return false;
}

unsigned int conf_policies_for(const struct conf *c,
			       const struct conf_addr *local,
			       const struct conf_policy **out,
			       unsigned int max)
{
	const struct conf_policy *po;
	unsigned int i, n = 0;

	if (!c)
		return 0;
	for (i = 0; i < c->n_policies && n < max; i++) {
		po = &c->policies[i];
		if (po->n_local && local && policy_has_local(po, local))
			out[n++] = po;
	}
	for (i = 0; i < c->n_policies && n < max; i++) {
		po = &c->policies[i];
		if (!po->n_local && !po->is_default)
			out[n++] = po;
	}
	for (i = 0; i < c->n_policies && !n && max; i++) {
		po = &c->policies[i];
		if (po->is_default)
			out[n++] = po;
	}
	return n;
}

static bool any_match(const struct conf_id *rules, unsigned int n,
		      const struct conf_id *id)
{
	unsigned int i;

	for (i = 0; id && i < n; i++)
		if (conf_id_match(&rules[i], id))
			return true;
	return false;
}

unsigned int conf_profiles_matching(const struct conf *c,
				    const struct conf_id *remote,
				    const struct conf_id *local,
				    const struct conf_profile **out,
				    unsigned int max)
{
	const struct conf_profile *pf;
	unsigned int i, n = 0;

	if (!c)
		return 0;
	for (i = 0; i < c->n_profiles && n < max; i++) {
		pf = &c->profiles[i];
		if (!pf->match_any &&
		    !any_match(pf->match_remote, pf->n_match_remote, remote))
			continue;
		if (pf->n_match_local &&
		    !any_match(pf->match_local, pf->n_match_local, local))
			continue;
		out[n++] = pf;
	}
	return n;
}

/* ---- keyrings ---- */

/* The peer whose address holds ADDR with the longest prefix. */
static const struct conf_keyring_peer *
peer_by_addr(const struct conf_keyring *kr, const struct conf_addr *addr)
{
	const struct conf_keyring_peer *best = NULL, *kp;
	unsigned int i;

	for (i = 0; addr && i < kr->n_peers; i++) {
		kp = &kr->peers[i];
		if (conf_addr_match(&kp->address, addr) &&
		    (!best || kp->address.plen > best->address.plen))
			best = kp;
	}
	return best;
}

/* The peer for a remote identity: an exact identity first, then the
 * longest matching domain, then a hostname equal to an FQDN identity. */
static const struct conf_keyring_peer *
peer_by_id(const struct conf_keyring *kr, const struct conf_id *id)
{
	const struct conf_keyring_peer *best = NULL, *kp;
	size_t best_len = 0, n;
	unsigned int i;

	for (i = 0; i < kr->n_peers; i++) {
		kp = &kr->peers[i];
		if (!conf_id_match(&kp->identity, id))
			continue;
		if (!kp->identity.domain && kp->identity.type !=
		    CONF_ID_ADDRESS)
			return kp;
		n = kp->identity.type == CONF_ID_ADDRESS ?
		    kp->identity.addr.plen + 1u : strlen(kp->identity.value);
		if (!best || n > best_len) {
			best = kp;
			best_len = n;
		}
	}
	if (best || id->type != CONF_ID_FQDN)
		return best;
	for (i = 0; i < kr->n_peers; i++)
		if (kr->peers[i].hostname[0] &&
		    !strcasecmp(kr->peers[i].hostname, id->value))
			return &kr->peers[i];
	return NULL;
}

/*
 * By address (longest prefix), then by identity. A peer for every address
 * ("address 0.0.0.0 0.0.0.0") comes last: a peer named by its identity is
 * more specific than it.
 */
const struct conf_keyring_peer *
conf_keyring_lookup(const struct conf_keyring *kr,
		    const struct conf_addr *addr, const struct conf_id *id)
{
	const struct conf_keyring_peer *kp, *wild;

	if (!kr)
		return NULL;
	wild = peer_by_addr(kr, addr);
	if (wild && wild->address.plen)
		return wild;
	kp = id ? peer_by_id(kr, id) : NULL;
	return kp ? kp : wild;
}

/* ---- reload ---- */

static bool tset_same(const struct conf_transform_set *x,
		      const struct conf_transform_set *y)
{
	if (!x || !y)
		return x == y;
	return x->encr == y->encr && x->encr_bits == y->encr_bits &&
	       x->integ == y->integ && x->mode == y->mode;
}

static bool peers_same(const struct conf_keyring *x,
		       const struct conf_keyring *y)
{
	const struct conf_keyring_peer *a, *b;
	unsigned int i;

	if (!x || !y)
		return x == y;
	if (x->n_peers != y->n_peers)
		return false;
	for (i = 0; i < x->n_peers; i++) {
		a = &x->peers[i];
		b = &y->peers[i];
		if (strcmp(a->name, b->name) ||
		    !addr_equal(&a->address, &b->address) ||
		    strcmp(a->hostname, b->hostname) ||
		    !id_equal(&a->identity, &b->identity) ||
		    a->psk_local_len != b->psk_local_len ||
		    a->psk_remote_len != b->psk_remote_len ||
		    memcmp(a->psk_local, b->psk_local, a->psk_local_len) ||
		    memcmp(a->psk_remote, b->psk_remote, a->psk_remote_len))
			return false;
	}
	return true;
}

static bool ids_same(const struct conf_id *x, const struct conf_id *y,
		     unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!id_equal(&x[i], &y[i]))
			return false;
	return true;
}

static bool profile_same(const struct conf_profile *x,
			 const struct conf_profile *y)
{
	if (!x || !y)
		return x == y;
	return !strcmp(x->name, y->name) &&
	       x->n_match_remote == y->n_match_remote &&
	       x->n_match_local == y->n_match_local &&
	       ids_same(x->match_remote, y->match_remote, x->n_match_remote) &&
	       ids_same(x->match_local, y->match_local, x->n_match_local) &&
	       x->match_any == y->match_any &&
	       id_equal(&x->identity_local, &y->identity_local) &&
	       x->auth_local == y->auth_local &&
	       x->n_auth_remote == y->n_auth_remote &&
	       !memcmp(x->auth_remote, y->auth_remote,
		       x->n_auth_remote * sizeof(x->auth_remote[0])) &&
	       peers_same(x->kr, y->kr) && x->lifetime == y->lifetime &&
	       x->reauth == y->reauth &&
	       x->dpd_interval == y->dpd_interval &&
	       x->dpd_retry == y->dpd_retry && x->dpd_mode == y->dpd_mode;
}

static bool ipsec_same(const struct conf_ipsec_profile *x,
		       const struct conf_ipsec_profile *y)
{
	unsigned int i;

	if (!x || !y)
		return x == y;
	if (strcmp(x->name, y->name) || x->n_tsets != y->n_tsets)
		return false;
	for (i = 0; i < x->n_tsets; i++)
		if (!tset_same(x->ts[i], y->ts[i]))
			return false;
	return profile_same(x->prof, y->prof) &&
	       x->pfs_group == y->pfs_group &&
	       x->lifetime_kb == y->lifetime_kb &&
	       x->lifetime_sec == y->lifetime_sec &&
	       x->replay_window == y->replay_window &&
	       x->responder_only == y->responder_only;
}

/*
 * The tunnel named as T in OLD against the one in NEW_C (T itself when
 * NEW_C is NULL), whichever of the two T comes from: its own lines and
 * everything its protection leads to (IPsec profile, transform sets, IKEv2
 * profile, keyring and keys). A description does not count.
 */
bool conf_tunnel_same(const struct conf *old, const struct conf_tunnel *t,
		      const struct conf *new_c)
{
	const struct conf_tunnel *o, *n;

	if (!t)
		return false;
	o = conf_tunnel(old, t->name);
	n = new_c ? conf_tunnel(new_c, t->name) : t;
	if (!o || !n)
		return false;
	return o->shutdown == n->shutdown && addr_equal(&o->ip, &n->ip) &&
	       addr_equal(&o->ip6, &n->ip6) && o->mtu == n->mtu &&
	       addr_equal(&o->source, &n->source) &&
	       !strcmp(o->source_if, n->source_if) &&
	       addr_equal(&o->destination, &n->destination) &&
	       o->mode == n->mode && o->has_key == n->has_key &&
	       (!o->has_key || o->key == n->key) &&
	       !strcmp(o->protection, n->protection) &&
	       ipsec_same(o->ipsec, n->ipsec);
}
