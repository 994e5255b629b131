// SPDX-License-Identifier: GPL-2.0
/*
 * "show crypto ikev2 client flexvpn [NAME]": each FlexVPN client's state,
 * its peer, source, tunnel and the address its hub assigned, as IOS
 * prints them; text or JSON.
 */

#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "client.h"
#include "ike_int.h"
#include "show_int.h"
#include "spoke.h"
#include "tunnel.h"

const struct client *client_at(unsigned int i);

static const char *state(const struct client *cl)
{
	const struct ike_sa *sa = cl->t ? tunnel_ike_sa(cl->t) : NULL;

	if (sa && ike_in_use(sa))
		return "up";
	if (sa)
		return "connecting";
	return "down";
}

static const char *peer_str(const struct client *cl, char *buf, size_t len)
{
	const struct conf_client_peer *pe;

	if (cl->cur < 0)
		return "none";
	pe = &cl->cc->peers[cl->cur];
	if (pe->fqdn[0]) {
		char a[64];

		snprintf(buf, len, "%s (%s)", pe->fqdn,
			 conf_addr_str(&pe->addr, a, sizeof(a)));
	} else
		conf_addr_str(&pe->addr, buf, len);
	return buf;
}

static const char *assigned(const struct client *cl, char *buf, size_t len)
{
	if (!cl->t || !cl->t->spoke || !cl->t->spoke->addr.family)
		return NULL;
	return conf_addr_str(&cl->t->spoke->addr, buf, len);
}

static void client_text(FILE *out, const struct client *cl)
{
	char p[320], a[64];
	const char *as = assigned(cl, a, sizeof(a));

	fprintf(out, "Profile : %s\n", cl->cc->name);
	fprintf(out, "Current state:%s %s\n", cl->cc->tunnel, state(cl));
	fprintf(out, "Peer : %s\n", peer_str(cl, p, sizeof(p)));
	fprintf(out, "Source : %s\n", cl->eff.source_if[0] ? cl->eff.source_if :
		"-");
	fprintf(out, "ivrf : none\nfvrf : none\nBackup group: none\n");
	fprintf(out, "Tunnel interface : %s\n", cl->cc->tunnel);
	fprintf(out, "Assigned ip: %s\n", as ? as : "none");
	fprintf(out, "Connect: %s, peer reactivate: %s, connects: %u, failovers: %u\n\n",
		cl->cc->connect == CONF_CONNECT_AUTO ? "auto" :
		cl->cc->connect == CONF_CONNECT_MANUAL ? "manual" : "track",
		cl->cc->reactivate ? "yes" : "no", cl->connects, cl->failovers);
}

static struct json_object *client_json(const struct client *cl)
{
	struct json_object *o = json_object_new_object();
	char p[320], a[64];

	jstr(o, "name", cl->cc->name);
	jstr(o, "tunnel", cl->cc->tunnel);
	jstr(o, "state", state(cl));
	jstr(o, "peer", cl->cur >= 0 ? peer_str(cl, p, sizeof(p)) : NULL);
	ju64(o, "peer_number", cl->cur >= 0 ? cl->cc->peers[cl->cur].num : 0);
	jstr(o, "source", cl->eff.source_if[0] ? cl->eff.source_if : NULL);
	jstr(o, "assigned_ip", assigned(cl, a, sizeof(a)));
	ju64(o, "connects", cl->connects);
	ju64(o, "failovers", cl->failovers);
	return o;
}

int show_client_flexvpn(FILE *out, const char *name, bool json)
{
	struct json_object *arr = json ? json_object_new_array() : NULL;
	const struct client *cl;
	unsigned int i, n = 0;

	for (i = 0; (cl = client_at(i)); i++) {
		if (name && *name && strcmp(cl->cc->name, name))
			continue;
		n++;
		if (json)
			json_object_array_add(arr, client_json(cl));
		else
			client_text(out, cl);
	}
	if (json) {
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "clients", arr);
		json_out(out, o);
	} else if (!n && name && *name) {
		fprintf(out, "%% no FlexVPN client %s\n", name);
	}
	return !n && name && *name ? -1 : 0;
}
