// SPDX-License-Identifier: GPL-2.0
/*
 * "show interfaces virtual-access N [configuration]" and "show
 * derived-config interface virtual-access N": a Virtual-Access
 * interface's state, and the configuration it was given (the template's
 * lines with the peer's destination), as IOS prints them. Text or JSON.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "daemon.h"
#include "ike_int.h"
#include "show.h"
#include "show_int.h"
#include "tunnel.h"
#include "vaccess.h"

static const struct tunnel *va_find(unsigned int num)
{
	char name[24];

	snprintf(name, sizeof(name), "Vi%u", num);
	return tunnel_find(name);
}

/* Whether T has a CHILD SA installed: IOS's line protocol of a VTI. */
static bool va_carrier(const struct tunnel *t)
{
	const struct ike_sa *sa;
	const struct child_sa *c;

	for (sa = t->sas; sa; sa = sa->tnext)
		for (c = sa->children; c; c = c->next)
			if (c->state == CHILD_ST_INSTALLED)
				return true;
	return false;
}

#define DERIVED_MAX	16
#define DERIVED_LEN	300

struct derived {
	unsigned int n;
	char line[DERIVED_MAX][DERIVED_LEN];
};

static void __attribute__((format(printf, 2, 3)))
dline(struct derived *d, const char *fmt, ...)
{
	va_list ap;

	if (d->n == DERIVED_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(d->line[d->n++], DERIVED_LEN, fmt, ap);
	va_end(ap);
}

/* The configuration T was given: the template's lines, its peer. */
static void derived_lines(const struct tunnel *t, struct derived *d)
{
	const struct conf_tunnel *c = t->conf;
	char a[64];

	d->n = 0;
	dline(d, "interface %s", t->va->conf.alias);
	if (c->description[0])
		dline(d, " description %s", c->description);
	if (c->unnumbered[0])
		dline(d, " ip unnumbered %s", c->unnumbered);
	else if (c->ip.family)
		dline(d, " ip address %s", conf_addr_str(&c->ip, a, sizeof(a)));
	if (c->mtu)
		dline(d, " ip mtu %u", c->mtu);
	if (c->source.family)
		dline(d, " tunnel source %s",
		      conf_addr_str(&c->source, a, sizeof(a)));
	dline(d, " tunnel mode %s",
	      c->mode == CONF_TUN_VTI ? "ipsec ipv4" : "gre ip");
	dline(d, " tunnel destination %s",
	      conf_addr_str(&c->destination, a, sizeof(a)));
	if (c->has_key)
		dline(d, " tunnel key %u", c->key);
	dline(d, " tunnel protection ipsec profile %s", c->protection);
	dline(d, "end");
}

static void derived_text(FILE *out, const struct tunnel *t)
{
	struct derived *d = calloc(1, sizeof(*d));
	size_t bytes = 0;
	unsigned int i;

	if (!d)
		return;
	derived_lines(t, d);
	for (i = 0; i < d->n; i++)
		bytes += strlen(d->line[i]) + 1;
	fprintf(out, "Derived configuration : %zu bytes\n!\n", bytes);
	for (i = 0; i < d->n; i++)
		fprintf(out, "%s\n", d->line[i]);
	free(d);
}

static struct json_object *derived_json(const struct tunnel *t)
{
	struct json_object *arr = json_object_new_array();
	struct derived *d = calloc(1, sizeof(*d));
	unsigned int i;

	if (!d)
		return arr;
	derived_lines(t, d);
	for (i = 0; i < d->n; i++)
		json_object_array_add(arr, json_object_new_string(d->line[i]));
	free(d);
	return arr;
}

static void state_text(FILE *out, const struct tunnel *t)
{
	const struct conf_tunnel *c = t->conf;
	const struct vaccess *va = t->va;
	bool up = va_carrier(t);
	char a[64], d[64];

	fprintf(out, "%s is up, line protocol is %s\n", va->conf.alias,
		up || c->mode == CONF_TUN_GRE ? "up" : "down");
	fprintf(out, "  Hardware is Virtual Access interface (Linux %s, ifindex %u)\n",
		t->name, t->ifindex);
	if (c->description[0])
		fprintf(out, "  Description: %s\n", c->description);
	if (c->unnumbered[0])
		fprintf(out, "  Interface is unnumbered. Using address of %s (%s)\n",
			c->unnumbered, conf_addr_str(&c->ip, a, sizeof(a)));
	else if (c->ip.family)
		fprintf(out, "  Internet address is %s\n",
			conf_addr_str(&c->ip, a, sizeof(a)));
	fprintf(out, "  Tunnel source %s, destination %s\n",
		conf_addr_str(&c->source, a, sizeof(a)),
		conf_addr_str(&c->destination, d, sizeof(d)));
	fprintf(out, "  Tunnel protocol/transport %s\n",
		c->mode == CONF_TUN_VTI ? "IPSEC/IP" : "GRE/IP");
	fprintf(out, "  Tunnel protection via IPSec (profile \"%s\")\n",
		c->protection);
	if (va->assigned.family)
		fprintf(out, "  Peer's assigned address %s\n",
			conf_addr_str(&va->assigned, a, sizeof(a)));
}

static struct json_object *state_json(const struct tunnel *t)
{
	const struct conf_tunnel *c = t->conf;
	const struct vaccess *va = t->va;
	struct json_object *o = json_object_new_object();
	char a[64];

	jstr(o, "interface", va->conf.alias);
	jstr(o, "linux_name", t->name);
	ju64(o, "ifindex", t->ifindex);
	jstr(o, "line_protocol", va_carrier(t) || c->mode == CONF_TUN_GRE ?
	     "up" : "down");
	jstr(o, "unnumbered", c->unnumbered[0] ? c->unnumbered : NULL);
	jstr(o, "address", c->ip.family ? conf_addr_str(&c->ip, a, sizeof(a)) :
	     NULL);
	jstr(o, "tunnel_source", conf_addr_str(&c->source, a, sizeof(a)));
	jstr(o, "tunnel_destination",
	     conf_addr_str(&c->destination, a, sizeof(a)));
	jstr(o, "tunnel_mode", c->mode == CONF_TUN_VTI ? "ipsec ipv4" : "gre ip");
	jstr(o, "protection", c->protection);
	jstr(o, "assigned_address", va->assigned.family ?
	     conf_addr_str(&va->assigned, a, sizeof(a)) : NULL);
	return o;
}

int show_virtual_access(FILE *out, unsigned int num, bool config,
			bool derived, bool json)
{
	const struct tunnel *t = va_find(num);
	struct json_object *o;

	if (!t || !t->va) {
		if (json)
			fprintf(out, "{\"error\":\"no such interface: Virtual-Access%u\"}\n",
				num);
		else
			fprintf(out, "%% Virtual-Access%u does not exist\n", num);
		return -1;
	}
	if (json) {
		o = config || derived ? json_object_new_object() : state_json(t);
		if (config || derived) {
			jstr(o, "interface", t->va->conf.alias);
			json_object_object_add(o, "derived_config",
					       derived_json(t));
		}
		json_out(out, o);
		return 0;
	}
	if (derived)
		fprintf(out, "Building configuration...\n\n");
	else if (config)
		fprintf(out, "%s is in use, cloned from Virtual-Template%u\n\n",
			t->va->conf.alias, t->conf->vt_num);
	if (config || derived)
		derived_text(out, t);
	else
		state_text(out, t);
	return 0;
}
