// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual-Access interfaces: the lowest free number, the clone of the
 * template with the peer's addresses, the interface through the kernel
 * interface, and the teardown.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "diag.h"
#include "ike_int.h"
#include "loop.h"
#include "net.h"
#include "pool.h"
#include "sa_mgr.h"
#include "tunnel.h"
#include "natt.h"
#include "vaccess.h"

/* Numbers in use: bit K-1 for Virtual-AccessK; the lowest word that may
 * have a free bit, so that taking the lowest number is O(1) amortised. */
static uint64_t *used;
static unsigned int n_words, low_word, n_up;
static uint64_t next_owner = 1;

/* Sessions that ended: their interfaces (in the kernel's group
 * KMI_VA_DYING), numbers and leases, freed together by va_reap(). */
struct dying {
	unsigned int num;
	uint64_t owner;
};
static struct dying *dying;
static unsigned int n_dying, cap_dying;
static struct timer reaper;
static bool reaper_ready;

static unsigned int num_take(void)
{
	unsigned int w, b;
	uint64_t *n;

	for (w = low_word; w < n_words && used[w] == UINT64_MAX; w++)
		;
	if (w == n_words) {
		n = realloc(used, (n_words ? n_words * 2 : 16) * sizeof(*n));
		if (!n)
			return 0;
		memset(n + n_words, 0, (n_words ? n_words : 16) * sizeof(*n));
		used = n;
		n_words = n_words ? n_words * 2 : 16;
	}
	b = (unsigned int)__builtin_ctzll(~used[w]);
	used[w] |= 1ull << b;
	low_word = w;
	return w * 64 + b + 1;
}

static void num_put(unsigned int num)
{
	unsigned int w = (num - 1) / 64;

	used[w] &= ~(1ull << ((num - 1) % 64));
	if (w < low_word)
		low_word = w;
}

const char *va_show_name(const struct tunnel *t)
{
	return t->va ? t->va->conf.alias : t->name;
}

unsigned int va_count(void)
{
	return n_up;
}

/* The template's address: its own, or that of "ip unnumbered IF". */
static void va_addr(const struct conf_tunnel *vt, struct conf_addr *ip)
{
	const struct conf_loopback *lo;

	*ip = vt->ip;
	if (!vt->unnumbered[0])
		return;
	memset(ip, 0, sizeof(*ip));
	lo = conf_loopback(D.conf, vt->unnumbered);
	if (lo && lo->ip.family)
		*ip = lo->ip;
	else if (lo || kmi_if_addr(D.kmi, vt->unnumbered, AF_INET, ip))
		return;
	ip->plen = 32;
}

/* The clone's settings: the template's, the peer as destination, the
 * address the IKE SA arrived on as source. */
static void va_settings(struct vaccess *va, const struct ike_sa *sa,
			const struct conf_tunnel *vt)
{
	va->conf = *vt;
	snprintf(va->conf.name, sizeof(va->conf.name), "Vi%u", va->num);
	snprintf(va->conf.alias, sizeof(va->conf.alias), "Virtual-Access%u",
		 va->num);
	conf_from_sa(&va->conf.destination, &sa->remote);
	/* "tunnel source IF": IF's address; none: the one the peer reached */
	va->conf.source_if[0] = '\0';
	if ((!vt->source_if[0] ||
	     kmi_if_addr(D.kmi, vt->source_if, sa->remote.ss_family,
			 &va->conf.source)) && !vt->source.family)
		conf_from_sa(&va->conf.source, &sa->local);
	va_addr(vt, &va->conf.ip);
}

static void cloning_dbg(const struct vaccess *va, const struct conf_tunnel *vt,
			const struct dctx *c)
{
	char d[64];

	dbg(DBG_VTEMPLATE, c, "VT[%s]:Cloning %s from %s, peer %s",
	    vt->name, va->conf.alias, vt->name,
	    conf_addr_str(&va->conf.destination, d, sizeof(d)));
	if (va->conf.ip.family)
		dbg(DBG_VTEMPLATE, c, "VT[%s]:%s: ip %s %s", vt->name,
		    va->conf.alias, vt->unnumbered[0] ? "unnumbered" : "address",
		    vt->unnumbered[0] ? vt->unnumbered :
		    conf_addr_str(&va->conf.ip, d, sizeof(d)));
}

static bool same_id(const struct conf_id *a, const struct conf_id *b)
{
	if (a->type != b->type)
		return false;
	if (a->type == CONF_ID_ADDRESS)
		return a->addr.family == b->addr.family &&
		       !memcmp(a->addr.a, b->addr.a, 16);
	return !strcmp(a->value, b->value);
}

struct tunnel *va_of_peer(const struct ike_sa *sa, const struct conf_tunnel *vt)
{
	const struct ike_sa *o;

	for (o = sam_peer_first(&sa->remote); o;
	     o = sam_peer_next(o, &sa->remote))
		if (o != sa && o->state == IKE_ST_READY && o->rt && o->rt->va &&
		    o->rt->va->conf.vt_num == vt->vt_num &&
		    same_id(&o->id_remote, &sa->id_remote) &&
		    natt_same_peer(o, sa))
			return o->rt;
	return NULL;
}

int va_move(struct ike_sa *sa)
{
	struct vaccess *va = sa->rt ? sa->rt->va : NULL;
	unsigned int ifindex = 0;
	const char *msg = NULL;
	struct conf_addr local;

	if (!va)
		return -1;
	conf_from_sa(&va->conf.destination, &sa->remote);
	local = va->conf.source;
	return kmi_tunnel_apply(D.kmi, &va->conf, &local, &ifindex, &msg);
}

struct tunnel *va_clone(struct ike_sa *sa, const struct conf_tunnel *vt,
			char *why, size_t len)
{
	struct conf_addr local;
	struct vaccess *va = calloc(1, sizeof(*va));
	const char *msg = NULL;
	unsigned int ifindex = 0;
	struct tunnel *t = NULL;
	struct dctx c;

	ike_dctx(sa, &c);
	if (!va || !(va->num = num_take())) {
		snprintf(why, len, "out of memory");
		free(va);
		return NULL;
	}
	va->owner = next_owner++;
	va_settings(va, sa, vt);
	cloning_dbg(va, vt, &c);
	local = va->conf.source;
	if (kmi_tunnel_apply(D.kmi, &va->conf, &local, &ifindex, &msg) ||
	    !(t = tunnel_get(va->conf.name))) {
		snprintf(why, len, "cloning %s from %s failed: %s",
			 va->conf.alias, vt->name, msg ? msg : "out of memory");
		kmi_tunnel_delete(D.kmi, va->conf.name);
		num_put(va->num);
		free(va);
		return NULL;
	}
	t->va = va;
	tunnel_rebind(t, &va->conf);
	tunnel_set_ifindex(t, ifindex);
	n_up++;
	trace_event(&c, "%s cloned from %s (%s, ifindex %u)", va->conf.alias,
		    vt->name, va->conf.name, ifindex);
	log_notice("%%LINEPROTO-5-UPDOWN: Line protocol on Interface %s, changed state to up",
		   va->conf.alias);
	return t;
}

int va_add_route(struct tunnel *t, const struct kmi_route *r,
		 const char **errmsg)
{
	struct vaccess *va = t->va;
	struct kmi_route *n;
	unsigned int i;
	int err;

	for (i = 0; i < va->n_routes; i++)
		if (va->routes[i].dst.family == r->dst.family &&
		    va->routes[i].dst.plen == r->dst.plen &&
		    !memcmp(va->routes[i].dst.a, r->dst.a, 16) &&
		    va->routes[i].metric == r->metric)
			return 0;	/* announced again */
	if (va->n_routes == VA_MAX_ROUTES)
		return -ENOSPC;
	if (va->n_routes == va->cap_routes) {
		/* most spokes have one route, their address */
		n = realloc(va->routes, (va->cap_routes ? va->cap_routes * 2 : 1) *
			    sizeof(*n));
		if (!n)
			return -ENOMEM;
		va->routes = n;
		va->cap_routes = va->cap_routes ? va->cap_routes * 2 : 1;
	}
	err = kmi_route_add(D.kmi, r, errmsg);
	if (!err)
		va->routes[va->n_routes++] = *r;
	return err;
}

static void free_now(const struct dying *d)
{
	if (D.pools)
		pool_release_owner(D.pools, d->owner);
	num_put(d->num);
}

void va_reap(void)
{
	unsigned int i;

	if (reaper_ready)
		timer_cancel(&reaper);
	if (!n_dying)
		return;
	kmi_group_delete(D.kmi, KMI_VA_DYING);
	for (i = 0; i < n_dying; i++)
		free_now(&dying[i]);
	n_dying = 0;
}

static void reap_due(struct timer *t)
{
	va_reap();
}

/* D's interface is in the dying group: it goes at the next va_reap(),
 * with its number and lease (its routes, with it). */
static int defer(const struct dying *d)
{
	struct dying *n;

	if (n_dying == cap_dying) {
		n = realloc(dying, (cap_dying ? cap_dying * 2 : 64) * sizeof(*n));
		if (!n)
			return -1;
		dying = n;
		cap_dying = cap_dying ? cap_dying * 2 : 64;
	}
	dying[n_dying++] = *d;
	if (!reaper_ready) {
		timer_init(&reaper, reap_due, NULL);
		reaper_ready = true;
	}
	if (!timer_armed(&reaper))
		timer_arm(&reaper, VA_REAP_MS);
	return 0;
}

void va_release(struct tunnel *t)
{
	struct vaccess *va = t->va;
	struct dying d = { .num = va->num, .owner = va->owner };
	struct dctx c = { 0 };
	unsigned int i;

	/* the interface's routes go with it; those through other
	 * interfaces (none yet) are removed one by one */
	for (i = 0; i < va->n_routes; i++)
		if (va->routes[i].ifindex != t->ifindex)
			kmi_route_del(D.kmi, &va->routes[i]);
	if (!t->ifindex || kmi_va_retire(D.kmi, t->ifindex) || defer(&d)) {
		kmi_tunnel_delete(D.kmi, va->conf.name);
		free_now(&d);
	}
	trace_event(&c, "%s removed", va->conf.alias);
	log_notice("%%LINEPROTO-5-UPDOWN: Line protocol on Interface %s, changed state to down",
		   va->conf.alias);
	n_up--;
	t->va = NULL;
	tunnel_destroy(t);
	free(va->routes);
	free(va);
}

bool va_rebind(struct tunnel *t, const struct conf *nc)
{
	struct vaccess *va = t->va;
	const struct conf_tunnel *nvt = conf_template(nc, va->conf.vt_num);

	if (!nvt || !nvt->ipsec || nvt->mode != va->conf.mode ||
	    nvt->has_key != va->conf.has_key ||
	    (nvt->has_key && nvt->key != va->conf.key) ||
	    strcmp(nvt->protection, va->conf.protection))
		return false;
	va->conf.ipsec = nvt->ipsec;
	return true;
}
