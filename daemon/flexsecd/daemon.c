// SPDX-License-Identifier: GPL-2.0
/*
 * The daemon's state: the configuration in force, the tunnel interfaces
 * it describes and when to bring them up (at start, on the kernel's
 * acquire, after a failure or a clear), reload and clear.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "client.h"
#include "daemon.h"
#include "diag.h"
#include "ike_int.h"
#include "kmi.h"
#include "natt.h"
#include "loop.h"
#include "net.h"
#include "pool.h"
#include "sa_mgr.h"
#include "tunnel.h"
#include "spoke.h"
#include "vaccess.h"

#define KEEPER_MS	10000	/* tunnels without an SA try again */


struct daemon D;

static struct timer keeper;

unsigned int tunnel_ifindex(const struct conf_tunnel *t)
{
	const struct tunnel *rt = tunnel_find(t->name);

	return rt ? rt->ifindex : 0;
}

int tunnel_local(const struct conf_tunnel *t, struct conf_addr *out)
{
	if (t->source.family) {
		*out = t->source;
		return 0;
	}
	if (t->source_if[0])
		return kmi_if_addr(D.kmi, t->source_if, conf_tunnel_family(t), out);
	return -1;
}

static bool wants_initiate(const struct conf_tunnel *t)
{
	return !t->shutdown && !t->vt_num && !t->dest_dynamic &&
	       t->destination.family && t->ipsec &&
	       !t->ipsec->responder_only && tunnel_ifindex(t);
}

static bool has_child(const struct ike_sa *sa)
{
	const struct child_sa *c;

	for (c = sa->children; c; c = c->next)
		if (c->state != CHILD_ST_DELETING)
			return true;
	return false;
}

/* Brings tunnel T up: an IKE SA, or a CHILD SA on the one there is. */
static void bring_up(const struct conf_tunnel *t)
{
	struct ike_sa *sa;

	if (!wants_initiate(t))
		return;
	sa = ike_sa_for_tunnel(t);
	if (!sa) {
		ike_initiate(t, tunnel_ifindex(t));
		return;
	}
	if (sa->state == IKE_ST_READY && !has_child(sa))
		child_create_start(sa);
}

static void keeper_fire(struct timer *t)
{
	unsigned int i;

	for (i = 0; D.conf && i < D.conf->n_tunnels; i++)
		bring_up(&D.conf->tunnels[i]);
	ike_sa_reap();
	timer_arm(&keeper, KEEPER_MS);
}

/* "ip unnumbered IF": IF's IPv4 address is the tunnel's, as a host. */
static int unnumbered_addr(const struct conf_tunnel *t, struct conf_addr *ip)
{
	const struct conf_loopback *lo = conf_loopback(D.conf, t->unnumbered);

	if (lo && lo->ip.family) {
		*ip = lo->ip;
	} else if (lo || kmi_if_addr(D.kmi, t->unnumbered, AF_INET, ip)) {
		return -1;
	}
	ip->plen = 32;
	return 0;
}

static int apply_tunnel(const struct conf_tunnel *conf)
{
	struct conf_addr local = { 0 };
	const char *msg = NULL;
	unsigned int ifindex = 0;
	struct conf_tunnel eff = *conf, *t = &eff;
	struct tunnel *rt;
	struct dctx c = { 0 };
	int err;

	if (tunnel_local(t, &local))
		memset(&local, 0, sizeof(local));
	if (t->unnumbered[0] && unnumbered_addr(t, &t->ip)) {
		DIAG_ERROR(&c, "Cannot set up %s: ip unnumbered %s: it has no "
			   "IPv4 address", t->name, t->unnumbered);
		memset(&t->ip, 0, sizeof(t->ip));
	}
	err = kmi_tunnel_apply(D.kmi, t, &local, &ifindex, &msg);
	if (err) {
		DIAG_ERROR(&c, "Cannot set up %s: %s", t->name,
			   msg ? msg : strerror(-err));
		return err;
	}
	rt = tunnel_of(conf);
	if (!rt) {
		DIAG_ERROR(&c, "Cannot set up %s: out of memory", t->name);
		return -ENOMEM;
	}
	tunnel_rebind(rt, conf);
	tunnel_set_ifindex(rt, ifindex);
	trace_event(&c, "%s is up (ifindex %u)", t->name, ifindex);
	return 0;
}

/* interface LoopbackN: a dummy interface, before the tunnels that
 * borrow its address. */
static void apply_loopbacks(const struct conf *cf)
{
	const char *msg = NULL;
	struct dctx c = { 0 };
	unsigned int i;

	for (i = 0; i < cf->n_loopbacks; i++)
		if (kmi_loopback_apply(D.kmi, &cf->loopbacks[i], &msg))
			DIAG_ERROR(&c, "Cannot set up %s: %s",
				   cf->loopbacks[i].name, msg ? msg : "?");
}

/* Loopbacks of OLD that NC has no more: their dummy interfaces go. */
static void drop_loopbacks(const struct conf *old, const struct conf *nc)
{
	struct dctx c = { 0 };
	unsigned int i;

	for (i = 0; i < old->n_loopbacks; i++) {
		if (conf_loopback(nc, old->loopbacks[i].name))
			continue;
		if (!kmi_loopback_delete(D.kmi, old->loopbacks[i].name))
			trace_event(&c, "%s removed: it is no longer in the file",
				    old->loopbacks[i].name);
	}
}

/* A reload took the address of a session out of every pool: the session
 * ends, so that the address is not handed out twice. */
static void pool_lost(void *arg, uint64_t owner, const struct conf_addr *a,
		      const char *pool)
{
	struct tunnel *t;
	struct ike_sa *sa, *next;
	struct dctx c = { 0 };
	char b[64];

	DIAG_ERROR(&c, "Address %s of pool %s is in no pool of the new configuration: its session ends",
		   conf_addr_str(a, b, sizeof(b)), pool);
	for (t = tunnel_first(); t; t = t->next) {
		if (!t->va || t->va->owner != owner)
			continue;
		memset(&t->va->assigned, 0, sizeof(t->va->assigned));
		for (sa = t->sas; sa; sa = next) {
			next = sa->tnext;
			ike_delete_now(sa, "its address left the pools");
		}
		return;
	}
}

/* The pools of CF, keeping the leases they still hold. */
static int apply_pools(const struct conf *cf, FILE *out)
{
	char err[POOL_ERR_LEN];
	struct pool_set *ns = conf_pools_build(cf, err, sizeof(err));

	if (!ns) {
		fprintf(out, "%% address pools: %s\n", err);
		return -1;
	}
	if (D.pools)
		pool_set_rebuild(ns, D.pools, pool_lost, NULL);
	D.pools = ns;
	return 0;
}

/* A tunnel's last IKE SA went: a Virtual-Access goes with it, a spoke's
 * tunnel gives back what the hub assigned. */
static void tunnel_emptied(struct tunnel *t)
{
	if (t->va) {
		va_release(t);
		return;
	}
	spoke_release(t);
	if (t->client)
		client_tunnel_down(t);
}

/* What an earlier run left: its Virtual-Access interfaces (their routes
 * go with them) and its routes over other interfaces. */
static void clean_up_earlier(void)
{
	unsigned int vas = 0, routes = 0;
	struct dctx c = { 0 };

	kmi_va_flush(D.kmi, &vas);
	kmi_route_flush_ours(D.kmi, &routes);
	if (vas || routes)
		trace_event(&c, "Removed %u Virtual-Access interface(s) and %u route(s) of an earlier run",
			    vas, routes);
}

int daemon_apply_all(void)
{
	unsigned int i;

	tunnel_set_empty_fn(tunnel_emptied);
	clean_up_earlier();
	if (apply_pools(D.conf, stderr))
		return -1;
	apply_loopbacks(D.conf);
	for (i = 0; i < D.conf->n_tunnels; i++)
		apply_tunnel(&D.conf->tunnels[i]);
	client_apply(D.conf);
	return 0;
}

void daemon_kernel_event(void *ctx, const struct kmi_event *ev)
{
	const struct tunnel *rt = tunnel_by_ifindex(ev->ifindex);
	const struct conf_tunnel *t = rt ? rt->conf : NULL;
	struct dctx c = { 0 };

	switch (ev->type) {
	case KMI_EV_ACQUIRE:
		if (t)
			bring_up(t);
		break;
	case KMI_EV_REPLAY_ERROR:
		log_notice("%%CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed SPI 0x%08X, sequence number=%llu",
			   ev->spi, (unsigned long long)ev->seq);
		break;
	case KMI_EV_SOFT_EXPIRE:
		trace_event(&c, "Soft expiry of SPI 0x%08X (%s)", ev->spi,
			    ev->limit ? ev->limit : "?");
		child_soft_expired(ev->ifindex, ev->spi, ev->inbound);
		break;
	case KMI_EV_HARD_EXPIRE:
		trace_event(&c, "Hard expiry of SPI 0x%08X (%s)", ev->spi,
			    ev->limit ? ev->limit : "?");
		/* A CHILD SA that reached its end without a rekey (the
		 * rekey failed) is replaced under the same IKE SA. */
		if (ike_child_expired(ev->ifindex, ev->spi, ev->inbound) && t)
			bring_up(t);
		break;
	case KMI_EV_SEQ_OVERFLOW:
		trace_event(&c, "Sequence numbers of SPI 0x%08X ran out", ev->spi);
		break;
	case KMI_EV_MAPPING:
		natt_mapping(ev);
		break;
	}
}

void daemon_kmi_readable(int fd, uint32_t events, void *arg)
{
	kmi_event_read(D.kmi);
	ike_sa_reap();
}

/* --- reload and clear --- */

/* The tunnel of NC that T (of the configuration in force) became, when
 * nothing about it changed; NULL when it changed or went away. */
static const struct conf_tunnel *same_tunnel(struct conf *nc,
					     const struct conf_tunnel *t)
{
	const struct conf_tunnel *n = conf_tunnel(nc, t->name);

	return n && conf_tunnel_same(D.conf, n, nc) ? n : NULL;
}

/* Runtime tunnels follow the new configuration NC: the ones it no longer
 * has go (with their interfaces), the others are bound to its objects.
 * The SAs of changed or removed tunnels are gone already. */
static void rebind_tunnels(struct conf *nc)
{
	struct tunnel *rt, *next;

	for (rt = tunnel_first(); rt; rt = next) {
		const struct conf_tunnel *nt = conf_tunnel(nc, rt->name);

		next = rt->next;
		if (rt->va)
			continue;	/* follows its template: va_rebind() */
		if (nt) {
			tunnel_rebind(rt, nt);
			continue;
		}
		kmi_tunnel_delete(D.kmi, rt->name);
		tunnel_destroy(rt);
	}
}

int daemon_reload(FILE *out)
{
	char *errs = NULL;
	size_t errlen = 0;
	FILE *ef = open_memstream(&errs, &errlen);
	struct ike_sa *sa, *next;
	struct conf *nc, *old = D.conf;
	unsigned int i, kept = 0, changed = 0;

	if (!ef)
		return -1;
	nc = conf_load(D.conf_path, ef);
	fclose(ef);
	if (errs && errlen)
		fputs(errs, out);
	free(errs);
	if (!nc) {
		fprintf(out, "%% %s has errors; the configuration in force is unchanged\n",
			D.conf_path);
		return -1;
	}
	/* SAs of tunnels that changed or went away are deleted; the others
	 * are moved over to the new configuration's objects. */
	for (sa = sam_first(); sa; sa = next) {
		const struct conf_tunnel *nt = NULL;

		next = sa->next;
		if (sa->rt && sa->rt->va) {
			if (va_rebind(sa->rt, nc))
				nt = sa->tun;
		} else if (sa->tun) {
			nt = same_tunnel(nc, sa->tun);
		}
		if ((sa->tun && !nt) || (sa->prof && !conf_profile(nc, sa->prof->name))) {
			/* Gone before the tunnel changes: flexsec.ko keeps a
			 * tunnel's mode while it has SAs. */
			ike_delete_now(sa, "configuration changed");
			changed++;
			continue;
		}
		sa->conf = nc;
		sa->prof = sa->prof ? conf_profile(nc, sa->prof->name) : NULL;
		sa->ipsec = nt ? nt->ipsec :
			    sa->ipsec ? conf_ipsec_profile(nc, sa->ipsec->name) : NULL;
		kept++;
	}
	rebind_tunnels(nc);
	D.conf = nc;
	apply_pools(nc, out);
	drop_loopbacks(old, nc);
	apply_loopbacks(nc);
	if (nc->g.diag_max != old->g.diag_max)
		diag_init(D.use_syslog, nc->g.diag_max);
	for (i = 0; i < nc->n_tunnels; i++)
		if (!conf_tunnel_same(old, &nc->tunnels[i], nc) ||
		    !tunnel_ifindex(&nc->tunnels[i]))
			apply_tunnel(&nc->tunnels[i]);
	/* before the old configuration goes: its clients' names */
	client_apply(nc);
	/* Pointers into the old configuration are gone from every SA now. */
	for (sa = sam_first(); sa; sa = sa->next)
		if (sa->conf == old)
			sa->conf = nc;
	ike_sa_reap();
	conf_free(old);
	fprintf(out, "Reloaded %s: %u tunnel(s), %u SA(s) kept, %u deleted\n",
		D.conf_path, nc->n_tunnels, kept, changed);
	log_notice("%%SYS-5-CONFIG: configuration reloaded from %s", D.conf_path);
	for (i = 0; i < nc->n_tunnels; i++)
		bring_up(&nc->tunnels[i]);
	return 0;
}

unsigned int daemon_clear(const struct sockaddr_storage *remote)
{
	struct ike_sa *sa, *next;
	unsigned int n = 0;

	for (sa = remote ? sam_peer_first(remote) : sam_first(); sa; sa = next) {
		next = remote ? sam_peer_next(sa, remote) : sa->next;
		n++;
		ike_delete_now(sa, "cleared");
	}
	/* The tunnels come back at once, as IOS brings them up again. */
	timer_arm(&keeper, 1000);
	return n;
}

unsigned int daemon_clear_children(const struct sockaddr_storage *remote)
{
	struct ike_sa *sa;
	unsigned int n = 0;

	for (sa = remote ? sam_peer_first(remote) : sam_first(); sa;
	     sa = remote ? sam_peer_next(sa, remote) : sa->next)
		n += ike_delete_children(sa);
	timer_arm(&keeper, 1000);
	return n;
}

void daemon_start_keeper(void)
{
	timer_init(&keeper, keeper_fire, NULL);
	timer_arm(&keeper, 1);
}

void daemon_fini(void)
{
	va_reap();
	client_fini();
	tunnel_fini();
	sam_fini();
	ike_cookie_fini();
	pool_set_free(D.pools);
	D.pools = NULL;
}
