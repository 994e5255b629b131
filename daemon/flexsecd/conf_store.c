// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec.conf: the arrays of objects (proposals, profiles, tunnels...)
 * and their names. Arrays grow one element at a time; an object is found
 * by its name, which every block struct has first; the names blocks give
 * each other are noted for conf_finish() to check.
 */

#include <stdlib.h>
#include <string.h>

#include "conf_int.h"

#define MAX_OBJECTS	65536u		/* of each kind */

/* The room an array of N elements has: arrays only grow, one at a time. */
static unsigned int room(unsigned int n)
{
	unsigned int r = 4;

	if (!n)
		return 0;
	while (r < n)
		r *= 2;
	return r;
}

/*
 * Adds a zeroed element to *ARR of *N elements of SIZE. When the array
 * moves, the old one is wiped before it is freed: keyring peers hold keys.
 */
void *cp_grow(struct pctx *p, void **arr, unsigned int *n, size_t size)
{
	unsigned int r = room(*n);
	uint8_t *na;

	if (*n >= MAX_OBJECTS) {
		cp_err(p, "too many objects of this kind (at most %u)",
		       MAX_OBJECTS);
		return NULL;
	}
	if (*n < r) {
		na = *arr;
		memset(na + *n * size, 0, size);
		return na + (*n)++ * size;
	}
	na = calloc(room(*n + 1), size);
	if (!na) {
		p->oom = true;
		cp_err(p, "out of memory");
		return NULL;
	}
	if (*arr) {
		memcpy(na, *arr, *n * size);
		explicit_bzero(*arr, *n * size);
		free(*arr);
	}
	*arr = na;
	return na + (*n)++ * size;
}

void cp_add_ref(struct pctx *p, enum ref_kind kind, const char *name)
{
	struct ref *r = cp_grow(p, (void **)&p->refs, &p->n_refs, sizeof(*r));

	if (!r)
		return;
	r->kind = kind;
	r->owner = p->idx;
	r->line = p->line;
	snprintf(r->name, sizeof(r->name), "%s", name);
}

/* Adds to a list of names (a policy's proposals...) unless present. */
bool cp_list_add(struct pctx *p, char (*list)[CONF_NAME],
		 unsigned int *n, const char *name, const char *what)
{
	unsigned int i;

	for (i = 0; i < *n; i++)
		if (!strcmp(list[i], name))
			return false;
	if (*n >= CONF_MAX_LIST) {
		cp_err(p, "too many %s (at most %d)", what, CONF_MAX_LIST);
		return false;
	}
	snprintf(list[(*n)++], CONF_NAME, "%s", name);
	return true;
}

/* ---- names ---- */

/* Finds NAME in an array of objects whose first member is the name. */
int cp_find_named(const void *arr, unsigned int n, size_t size,
		  const char *name)
{
	const char *base = arr;
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!strcmp(base + i * size, name))
			return (int)i;
	return -1;
}

/* Every block struct starts with its name and then its line. */
#define LINE_OFFSET	offsetof(struct conf_proposal, line)
#define SAME_LAYOUT(t)							\
	_Static_assert(offsetof(t, name) == 0 &&			\
		       offsetof(t, line) == LINE_OFFSET, #t)
SAME_LAYOUT(struct conf_proposal);
SAME_LAYOUT(struct conf_policy);
SAME_LAYOUT(struct conf_keyring);
SAME_LAYOUT(struct conf_profile);
SAME_LAYOUT(struct conf_transform_set);
SAME_LAYOUT(struct conf_ipsec_profile);
SAME_LAYOUT(struct conf_tunnel);
SAME_LAYOUT(struct conf_loopback);
SAME_LAYOUT(struct conf_pool);
SAME_LAYOUT(struct conf_acl);
SAME_LAYOUT(struct conf_aaa_list);
SAME_LAYOUT(struct conf_client);
SAME_LAYOUT(struct conf_track);

/* Opens (or reopens, as IOS does) the block named NAME of kind B. */
void *cp_open_named(struct pctx *p, enum blk b, void **arr,
		    unsigned int *n, size_t size, const char *name)
{
	int i = cp_find_named(*arr, *n, size, name);
	char *o;

	if (i < 0) {
		o = cp_grow(p, arr, n, size);
		if (!o)
			return NULL;
		strcpy(o, name);
		memcpy(o + LINE_OFFSET, &p->line, sizeof(int));
		i = (int)*n - 1;
	}
	p->blk = b;
	p->idx = (unsigned int)i;
	p->peer = -1;
	return (char *)*arr + (size_t)i * size;
}

/* NAME's element of ARR (N elements of SIZE); NULL when absent. */
static const void *named(const void *arr, unsigned int n, size_t size,
			 const char *name)
{
	int i = name ? cp_find_named(arr, n, size, name) : -1;

	return i < 0 ? NULL : (const char *)arr + (size_t)i * size;
}

const struct conf_keyring *conf_keyring(const struct conf *c, const char *n)
{
	return named(c->keyrings, c->n_keyrings, sizeof(*c->keyrings), n);
}

/* ---- lookups ---- */

const struct conf_proposal *conf_proposal(const struct conf *c, const char *n)
{
	return c ? named(c->proposals, c->n_proposals, sizeof(*c->proposals),
			 n) : NULL;
}

const struct conf_profile *conf_profile(const struct conf *c, const char *n)
{
	return c ? named(c->profiles, c->n_profiles, sizeof(*c->profiles),
			 n) : NULL;
}

const struct conf_ipsec_profile *conf_ipsec_profile(const struct conf *c,
						    const char *n)
{
	return c ? named(c->ipsec_profiles, c->n_ipsec_profiles,
			 sizeof(*c->ipsec_profiles), n) : NULL;
}

const struct conf_transform_set *conf_tset(const struct conf *c, const char *n)
{
	return c ? named(c->tsets, c->n_tsets, sizeof(*c->tsets), n) : NULL;
}

const struct conf_tunnel *conf_tunnel(const struct conf *c, const char *n)
{
	return c ? named(c->tunnels, c->n_tunnels, sizeof(*c->tunnels),
			 n) : NULL;
}

const struct conf_tunnel *conf_template(const struct conf *c, uint32_t num)
{
	unsigned int i;

	for (i = 0; c && i < c->n_templates; i++)
		if (c->templates[i].vt_num == num)
			return &c->templates[i];
	return NULL;
}

const struct conf_loopback *conf_loopback(const struct conf *c, const char *n)
{
	return c ? named(c->loopbacks, c->n_loopbacks, sizeof(*c->loopbacks),
			 n) : NULL;
}

const struct conf_pool *conf_pool(const struct conf *c, const char *n)
{
	return c ? named(c->pools, c->n_pools, sizeof(*c->pools), n) : NULL;
}

const struct conf_acl *conf_acl(const struct conf *c, const char *n)
{
	return c ? named(c->acls, c->n_acls, sizeof(*c->acls), n) : NULL;
}

const struct conf_acl *conf_acl6(const struct conf *c, const char *n)
{
	return c ? named(c->acls6, c->n_acls6, sizeof(*c->acls6), n) : NULL;
}

const struct conf_client *conf_client(const struct conf *c, const char *n)
{
	return c ? named(c->clients, c->n_clients, sizeof(*c->clients), n) :
		   NULL;
}

const struct conf_track *conf_track(const struct conf *c, uint32_t num)
{
	unsigned int i;

	for (i = 0; c && i < c->n_tracks; i++)
		if (c->tracks[i].num == num)
			return &c->tracks[i];
	return NULL;
}
