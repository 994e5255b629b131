// SPDX-License-Identifier: GPL-2.0
/*
 * Runtime tunnels: created from the configured "interface TunnelN"
 * blocks, indexed by name and by interface index, each with the list of
 * its IKE SAs (a tunnel has one, two during a rekey or a simultaneous
 * start).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ike.h"
#include "tunnel.h"

static struct htab by_name, by_if;
static struct tunnel *all, *reap_list;
static void (*empty_fn)(struct tunnel *t);

static uint64_t hash_name(const char *name)
{
	return htab_hash(name, strnlen(name, CONF_NAME));
}

static uint64_t hash_if(unsigned int ifindex)
{
	return htab_hash(&ifindex, sizeof(ifindex));
}

struct tunnel *tunnel_find(const char *name)
{
	struct hnode *n;

	htab_for_hash(&by_name, hash_name(name), n) {
		struct tunnel *t = hentry(n, struct tunnel, h_name);

		if (!strcmp(t->name, name))
			return t;
	}
	return NULL;
}

struct tunnel *tunnel_get(const char *name)
{
	struct tunnel *t = tunnel_find(name);

	if (t)
		return t;
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	snprintf(t->name, sizeof(t->name), "%s", name);
	if (htab_add(&by_name, &t->h_name, hash_name(t->name))) {
		free(t);
		return NULL;
	}
	t->next = all;
	if (all)
		all->prev = t;
	all = t;
	return t;
}

struct tunnel *tunnel_of(const struct conf_tunnel *c)
{
	struct tunnel *t = tunnel_get(c->name);

	if (t && !t->conf)
		tunnel_rebind(t, c);
	return t;
}

struct tunnel *tunnel_by_ifindex(unsigned int ifindex)
{
	struct hnode *n;

	if (!ifindex)
		return NULL;
	htab_for_hash(&by_if, hash_if(ifindex), n) {
		struct tunnel *t = hentry(n, struct tunnel, h_if);

		if (t->ifindex == ifindex)
			return t;
	}
	return NULL;
}

void tunnel_set_ifindex(struct tunnel *t, unsigned int ifindex)
{
	if (t->ifindex == ifindex)
		return;
	if (t->ifindex)
		htab_del(&by_if, &t->h_if);
	t->ifindex = 0;
	if (ifindex && !htab_add(&by_if, &t->h_if, hash_if(ifindex)))
		t->ifindex = ifindex;
}

void tunnel_rebind(struct tunnel *t, const struct conf_tunnel *c)
{
	struct ike_sa *sa;

	t->conf = c;
	for (sa = t->sas; sa; sa = sa->tnext)
		sa->tun = c;
}

void tunnel_destroy(struct tunnel *t)
{
	struct tunnel **pp;

	while (t->sas)
		tunnel_attach(t->sas, NULL);
	if (t->reaping)
		for (pp = &reap_list; *pp; pp = &(*pp)->reap_next)
			if (*pp == t) {
				*pp = t->reap_next;
				break;
			}
	tunnel_set_ifindex(t, 0);
	htab_del(&by_name, &t->h_name);
	free(t->spoke);
	if (t->prev)
		t->prev->next = t->next;
	else
		all = t->next;
	if (t->next)
		t->next->prev = t->prev;
	free(t);
}

void tunnel_set_empty_fn(void (*fn)(struct tunnel *t))
{
	empty_fn = fn;
}

void tunnel_reap(void)
{
	struct tunnel *t;

	while (reap_list) {
		t = reap_list;
		reap_list = t->reap_next;
		t->reaping = false;
		if (!t->sas && (t->va || t->spoke || t->client) && empty_fn)
			empty_fn(t);
	}
}

struct tunnel *tunnel_first(void)
{
	return all;
}

void tunnel_attach(struct ike_sa *sa, struct tunnel *t)
{
	struct ike_sa **pp;

	if (sa->rt) {
		for (pp = &sa->rt->sas; *pp; pp = &(*pp)->tnext)
			if (*pp == sa) {
				*pp = sa->tnext;
				break;
			}
		if (!sa->rt->sas &&
		    (sa->rt->va || sa->rt->spoke || sa->rt->client) &&
		    !sa->rt->reaping) {
			sa->rt->reaping = true;
			sa->rt->reap_next = reap_list;
			reap_list = sa->rt;
		}
	}
	sa->rt = t;
	sa->tnext = NULL;
	sa->tun = t ? t->conf : NULL;
	if (t) {
		sa->tnext = t->sas;
		t->sas = sa;
	}
}

struct ike_sa *tunnel_ike_sa(const struct tunnel *t)
{
	struct ike_sa *sa, *other = NULL;

	/* the one in use first; else the newest under way */
	for (sa = t->sas; sa; sa = sa->tnext) {
		if (ike_in_use(sa))
			return sa;
		if (!other && sa->state != IKE_ST_DEAD &&
		    sa->state != IKE_ST_DELETING && sa->state != IKE_ST_REKEYED)
			other = sa;
	}
	return other;
}

void tunnel_fini(void)
{
	while (all) {
		struct tunnel *t = all;

		if ((t->va || t->spoke) && empty_fn)
			empty_fn(t);	/* a Virtual-Access goes with it */
		if (all == t)
			tunnel_destroy(t);
	}
	htab_free(&by_name);
	htab_free(&by_if);
}
