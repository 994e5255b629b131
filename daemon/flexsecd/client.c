// SPDX-License-Identifier: GPL-2.0
/*
 * The FlexVPN client: the choice of peer, connecting, failing over and
 * coming back, the track objects' states.
 */

#include <arpa/inet.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "client.h"
#include "daemon.h"
#include "diag.h"
#include "ike_int.h"
#include "ike_proto.h"
#include "kmi.h"
#include "net.h"
#include "tunnel.h"

#define CLIENT_TICK_MS	2000	/* tracks are looked at this often */
#define RECONNECT_MS	1000	/* after a session ended */

static struct client *clients;
static unsigned int n_clients;
static int ioctl_fd = -1;

/* Track N is up: its interface is up and has carrier. */
static bool track_up(uint32_t num)
{
	const struct conf_track *tr = conf_track(D.conf, num);
	struct ifreq ifr;

	if (!tr)
		return false;
	if (ioctl_fd < 0)
		ioctl_fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	memset(&ifr, 0, sizeof(ifr));
	/* cp_ifname_ok() kept it within IFNAMSIZ */
	memcpy(ifr.ifr_name, tr->ifname, strnlen(tr->ifname, IFNAMSIZ - 1));
	if (ioctl_fd < 0 || ioctl(ioctl_fd, SIOCGIFFLAGS, &ifr))
		return false;
	return (ifr.ifr_flags & IFF_UP) && (ifr.ifr_flags & IFF_RUNNING);
}

static bool peer_usable(const struct client *cl, unsigned int i)
{
	return !cl->cc->peers[i].track || track_up(cl->cc->peers[i].track);
}

/* The first usable peer from FROM on, round the list; -1: none. */
static int usable_from(const struct client *cl, unsigned int from)
{
	unsigned int i, n = cl->cc->n_peers;

	for (i = 0; i < n; i++)
		if (peer_usable(cl, (from + i) % n))
			return (int)((from + i) % n);
	return -1;
}

static bool should_connect(const struct client *cl)
{
	switch (cl->cc->connect) {
	case CONF_CONNECT_MANUAL:
		return cl->wanted;
	case CONF_CONNECT_TRACK:
		return track_up(cl->cc->connect_track);
	default:
		return true;
	}
}

/* "source N interface IF [track M]": the first usable one. */
static void choose_source(struct client *cl)
{
	const struct conf_client_source *so;
	unsigned int i;

	for (i = 0; i < cl->cc->n_sources; i++) {
		so = &cl->cc->sources[i];
		if (!so->ifname[0] || (so->track && !track_up(so->track)))
			continue;
		memset(&cl->eff.source, 0, sizeof(cl->eff.source));
		memcpy(cl->eff.source_if, so->ifname, sizeof(so->ifname));
		return;
	}
}

/* Without a tunnel source: the address the route to PEER leaves from (a
 * UDP socket's connect sends nothing). */
static int route_source(const struct conf_addr *peer, struct conf_addr *out)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int fd = socket(peer->family, SOCK_DGRAM | SOCK_CLOEXEC, 0), err;

	if (fd < 0)
		return -1;
	sa_from_conf(&ss, peer, IKE_PORT);
	err = connect(fd, (struct sockaddr *)&ss,
		      peer->family == AF_INET6 ? sizeof(struct sockaddr_in6) :
						 sizeof(struct sockaddr_in)) ||
	      getsockname(fd, (struct sockaddr *)&ss, &len);
	close(fd);
	if (err)
		return -1;
	conf_from_sa(out, &ss);
	return 0;
}

/* The tunnel's settings with peer I as its destination. */
static void settings(struct client *cl, int i)
{
	const struct conf_tunnel *t = conf_tunnel(D.conf, cl->cc->tunnel);

	cl->eff = *t;
	if (i >= 0)
		cl->eff.destination = cl->cc->peers[i].addr;
	choose_source(cl);
	if (i >= 0 && !cl->eff.source.family && !cl->eff.source_if[0])
		route_source(&cl->eff.destination, &cl->eff.source);
	tunnel_rebind(cl->t, &cl->eff);
}

static void connect_peer(struct client *cl, int i)
{
	struct conf_addr local = { 0 };
	const char *msg = NULL;
	unsigned int ifindex = cl->t->ifindex;
	struct dctx c = { 0 };
	char a[64];

	if (cl->cur != i && cl->cur >= 0)
		cl->failovers++;
	cl->cur = i;
	settings(cl, i);
	if (tunnel_local(&cl->eff, &local))
		memset(&local, 0, sizeof(local));
	if (kmi_tunnel_apply(D.kmi, &cl->eff, &local, &ifindex, &msg)) {
		DIAG_ERROR(&c, "FlexVPN client %s: cannot point %s at %s: %s",
			   cl->cc->name, cl->eff.name,
			   conf_addr_str(&cl->eff.destination, a, sizeof(a)),
			   msg ? msg : "?");
		return;
	}
	trace_event(&c, "FlexVPN client %s: connecting %s to peer %u (%s)",
		    cl->cc->name, cl->eff.name, cl->cc->peers[i].num,
		    conf_addr_str(&cl->eff.destination, a, sizeof(a)));
	cl->connects++;
	cl->connecting = !ike_initiate(&cl->eff, cl->t->ifindex);
}

/* The tunnel's IKE SAs are deleted; the peer chosen next is NEXT. */
static void disconnect(struct client *cl, int next, const char *why)
{
	struct ike_sa *sa, *n;

	cl->next = next;
	for (sa = cl->t->sas; sa; sa = n) {
		n = sa->tnext;
		ike_delete_now(sa, why);
	}
}

/* A better peer whose track came up (peer reactivate); -1: none. */
static int better_peer(const struct client *cl)
{
	int i;

	for (i = 0; i < cl->cur; i++)
		if (cl->cc->peers[i].track && track_up(cl->cc->peers[i].track))
			return i;
	return -1;
}

static void tick(struct client *cl)
{
	const struct conf_client_peer *pe;
	int i;

	if (!cl->t->sas) {
		if (!should_connect(cl))
			return;
		i = cl->next >= 0 ? cl->next : usable_from(cl, 0);
		cl->next = -1;
		if (i >= 0 && !peer_usable(cl, (unsigned int)i))
			i = usable_from(cl, (unsigned int)i);
		if (i >= 0)
			connect_peer(cl, i);
		return;
	}
	if (!should_connect(cl)) {
		disconnect(cl, -1, "FlexVPN client: connect condition down");
		return;
	}
	pe = cl->cur >= 0 ? &cl->cc->peers[cl->cur] : NULL;
	if (pe && pe->track && !track_up(pe->track)) {
		disconnect(cl, usable_from(cl, (unsigned int)cl->cur + 1),
			   "FlexVPN client: the peer's track went down");
		return;
	}
	i = cl->cc->reactivate ? better_peer(cl) : -1;
	if (i >= 0)
		disconnect(cl, i, "FlexVPN client: peer reactivate");
}

static void client_timer(struct timer *tm)
{
	struct client *cl = tm->arg;

	/* a session that ended since is handled first: it chooses the peer */
	ike_sa_reap();
	tick(cl);
	ike_sa_reap();
	timer_arm(&cl->timer, CLIENT_TICK_MS);
}

void client_tunnel_down(struct tunnel *t)
{
	unsigned int i;
	struct client *cl;

	for (i = 0; i < n_clients; i++) {
		cl = &clients[i];
		if (cl->t != t)
			continue;
		/* a session that ended or never came up: the next peer,
		 * unless one was chosen already */
		if (cl->next < 0 && cl->cur >= 0)
			cl->next = usable_from(cl, (unsigned int)cl->cur + 1);
		cl->connecting = false;
		timer_arm(&cl->timer, RECONNECT_MS);
	}
}

static struct client *find(const char *name)
{
	unsigned int i;

	for (i = 0; i < n_clients; i++)
		if (!strcmp(clients[i].cc->name, name))
			return &clients[i];
	return NULL;
}

void client_apply(const struct conf *c)
{
	struct client *nc = c->n_clients ? calloc(c->n_clients, sizeof(*nc)) :
					   NULL;
	struct client *old;
	unsigned int i;

	for (i = 0; nc && i < c->n_clients; i++) {
		old = find(c->clients[i].name);
		nc[i].cc = &c->clients[i];
		nc[i].t = tunnel_find(c->clients[i].tunnel);
		nc[i].cur = -1;
		nc[i].next = -1;
		if (old && old->t == nc[i].t && old->cur >= 0 &&
		    (unsigned int)old->cur < nc[i].cc->n_peers) {
			nc[i].cur = old->cur;
			nc[i].wanted = old->wanted;
			nc[i].connects = old->connects;
			nc[i].failovers = old->failovers;
		}
	}
	client_fini();
	clients = nc;
	n_clients = nc ? c->n_clients : 0;
	for (i = 0; i < n_clients; i++) {
		timer_init(&nc[i].timer, client_timer, &nc[i]);
		if (!nc[i].t)
			continue;
		settings(&nc[i], nc[i].cur);
		nc[i].t->client = true;
		timer_arm(&nc[i].timer, 0);
	}
}

int client_connect_cmd(const char *name, char *msg, size_t len)
{
	unsigned int i, n = 0;

	for (i = 0; i < n_clients; i++) {
		if (name && strcmp(clients[i].cc->name, name))
			continue;
		clients[i].wanted = true;
		timer_arm(&clients[i].timer, 0);
		n++;
	}
	if (!n)
		snprintf(msg, len, "no FlexVPN client %s", name ? name : "");
	return n ? 0 : -1;
}

int client_clear_cmd(const char *name, char *msg, size_t len)
{
	struct client *cl = find(name);

	if (!cl) {
		snprintf(msg, len, "no FlexVPN client %s", name);
		return -1;
	}
	/* manual: the session goes and stays down; auto, track: again */
	if (cl->cc->connect == CONF_CONNECT_MANUAL)
		cl->wanted = false;
	disconnect(cl, cl->cur, "clear crypto ikev2 client flexvpn");
	timer_arm(&cl->timer, RECONNECT_MS);
	return 0;
}

void client_fini(void)
{
	unsigned int i;

	for (i = 0; i < n_clients; i++)
		timer_cancel(&clients[i].timer);
	free(clients);
	clients = NULL;
	n_clients = 0;
}

/* For show_client.c. */
const struct client *client_at(unsigned int i);
const struct client *client_at(unsigned int i)
{
	return i < n_clients ? &clients[i] : NULL;
}
