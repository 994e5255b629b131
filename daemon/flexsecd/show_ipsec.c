// SPDX-License-Identifier: GPL-2.0
/*
 * "show crypto ipsec sa [peer A]": for each interface, its peers and
 * their child SAs with flexsec.ko's counters, gathered into the view of
 * show_ipsec.h, which show_ipsec_out.c renders.
 */

#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "daemon.h"
#include "show.h"
#include "show_ipsec.h"

static void child_stats(struct child_view *v)
{
	const struct child_sa *ch = v->ch;

	memset(&v->in, 0, sizeof(v->in));
	memset(&v->out, 0, sizeof(v->out));
	if (!D.kmi || !ch->ifindex)
		return;
	if (kmi_sa_stats(D.kmi, ch->ifindex, true, ch->spi_in, &v->in))
		memset(&v->in, 0, sizeof(v->in));
	if (kmi_sa_stats(D.kmi, ch->ifindex, false, ch->spi_out, &v->out))
		memset(&v->out, 0, sizeof(v->out));
}

static void totals_add(struct ipsec_totals *t, const struct child_view *v)
{
	const struct kmi_sa_stats *i = &v->in, *o = &v->out;

	t->encaps += o->tx_packets;
	t->decaps += i->rx_packets;
	t->send_errors += o->tx_errors;
	t->recv_errors += i->rx_errors;
	t->replay += i->rx_replay;
	t->too_old += i->rx_too_old;
	t->verify_failed += i->rx_auth_failed;
	t->bad_padding += i->rx_bad_padding;
	t->truncated += i->rx_truncated;
	t->gre_key += i->rx_gre_key;
	t->inner_proto += i->rx_inner_proto;
	t->expired_rx += i->rx_expired;
	t->expired_tx += o->tx_expired;
	t->no_sa += o->tx_no_sa;
	t->seq_overflow += o->tx_seq_overflow;
}

static bool on_if(const struct child_sa *ch, const char *ifname)
{
	return child_shown(ch) && !strcmp(ch->ifname, ifname);
}

/*
 * The outbound SPI in use: the newest installed child whose outbound SA
 * is the active one.
 */
static uint32_t current_out_spi(const struct ipsec_block *b)
{
	unsigned int i;

	for (i = 0; i < b->n; i++)
		if (child_in_use(b->v[i].ch) &&
		    (!b->v[i].out.found || b->v[i].out.active))
			return b->v[i].ch->spi_out;
	return 0;
}

static int block_children(struct ipsec_block *b, const char *ifname)
{
	const struct child_sa *ch;
	unsigned int n = 0;

	for (ch = b->sa->children; ch; ch = ch->next)
		n += on_if(ch, ifname);
	b->v = calloc(n ? n : 1, sizeof(*b->v));
	if (!b->v)
		return -1;
	for (ch = b->sa->children; ch; ch = ch->next) {
		if (!on_if(ch, ifname))
			continue;
		b->v[b->n].ch = ch;
		child_stats(&b->v[b->n]);
		totals_add(&b->tot, &b->v[b->n]);
		b->n++;
	}
	return 0;
}

static int block_fill(struct ipsec_block *b, const struct ipsec_if *ifc)
{
	const struct conf_tunnel *t = ifc->t;
	struct child_ts cts;
	const struct child_ts *ts = &cts;

	b->port = IKE_PORT;
	if (b->sa) {
		if (block_children(b, ifc->name))
			return -1;
		ss_addr(&b->sa->remote, b->peer, sizeof(b->peer));
		ss_addr(&b->sa->local, b->local, sizeof(b->local));
		b->port = ss_port(&b->sa->remote);
	} else {
		caddr_str(&t->destination, b->peer, sizeof(b->peer));
		caddr_str(&t->source, b->local, sizeof(b->local));
	}
	if (b->n) {
		ts = b->v[0].ch->ts.local_start.family ? &b->v[0].ch->ts :
							  &b->v[0].ch->ts6;
		b->pfs_group = b->v[0].ch->pfs_group;
	} else {
		ts_from_conf(t, b->sa, &cts);
	}
	ident_str(&ts->local_start, &ts->local_end, ts->proto, b->local_ident,
		  sizeof(b->local_ident));
	ident_str(&ts->remote_start, &ts->remote_end, ts->proto,
		  b->remote_ident, sizeof(b->remote_ident));
	b->out_spi = current_out_spi(b);
	return 0;
}

static bool sa_on_if(const struct ike_sa *sa, const char *ifname)
{
	const struct child_sa *ch;

	for (ch = sa->children; ch; ch = ch->next)
		if (on_if(ch, ifname))
			return true;
	return false;
}

static unsigned int dev_mtu(const char *ifname)
{
	struct ifreq ifr;
	int fd, ret;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return 0;
	ret = ioctl(fd, SIOCGIFMTU, &ifr);
	close(fd);
	return ret ? 0 : (unsigned int)ifr.ifr_mtu;
}

static void if_free(struct ipsec_if *ifc)
{
	unsigned int i;

	for (i = 0; i < ifc->n; i++)
		free(ifc->b[i].v);
	free(ifc->b);
	ifc->b = NULL;
	ifc->n = 0;
}

static int if_add_block(struct ipsec_if *ifc, const struct ike_sa *sa)
{
	struct ipsec_block *b;

	b = realloc(ifc->b, (ifc->n + 1) * sizeof(*b));
	if (!b)
		return -1;
	ifc->b = b;
	b = &ifc->b[ifc->n++];
	memset(b, 0, sizeof(*b));
	b->sa = sa;
	return block_fill(b, ifc);
}

/* The blocks of interface IFC, for PEER (NULL: all). */
static int if_gather(struct ipsec_if *ifc, const struct sockaddr_storage *peer)
{
	const struct ike_sa *sa;

	ifc->t = tunnel_by_name(ifc->name);
	for_each_ike_sa(sa) {
		if (!sa_on_if(sa, ifc->name) || !peer_ok(peer, &sa->remote))
			continue;
		if (if_add_block(ifc, sa))
			return -1;
	}
	if (ifc->n || !ifc->t)
		return 0;
	if (peer && !caddr_is(&ifc->t->destination, peer))
		return 0;
	return if_add_block(ifc, NULL);
}
/*
 * --- the interfaces to show: the configured tunnels, then any other
 * interface a child SA is on (a tunnel a reload removed) ---
 */

struct name_list {
	const char **v;
	unsigned int n;
};

static int names_add(struct name_list *l, const char *name)
{
	const char **v;
	unsigned int i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], name))
			return 0;
	v = realloc(l->v, (l->n + 1) * sizeof(*v));
	if (!v)
		return -1;
	l->v = v;
	l->v[l->n++] = name;
	return 0;
}

static int if_names(struct name_list *l)
{
	const struct ike_sa *sa;
	const struct child_sa *ch;
	unsigned int i;

	for (i = 0; D.conf && i < D.conf->n_tunnels; i++)
		if (names_add(l, D.conf->tunnels[i].name))
			return -1;
	for_each_ike_sa(sa)
		for (ch = sa->children; ch; ch = ch->next)
			if (child_shown(ch) && ch->ifname[0] &&
			    names_add(l, ch->ifname))
				return -1;
	return 0;
}

static int no_memory(FILE *out, bool json)
{
	fputs(json ? "{\"error\":\"Out of memory\"}\n" : "% Out of memory\n",
	      out);
	return -1;
}

int show_ipsec_sa(FILE *out, const struct sockaddr_storage *peer, bool json)
{
	struct json_object *jo = NULL, *arr = NULL;
	struct name_list names = { 0 };
	struct ipsec_if ifc;
	unsigned int i;
	int ret = 0;

	if (if_names(&names)) {
		free(names.v);
		return no_memory(out, json);
	}
	if (json)
		arr = json_object_new_array();
	for (i = 0; i < names.n && !ret; i++) {
		memset(&ifc, 0, sizeof(ifc));
		ifc.name = names.v[i];
		ret = if_gather(&ifc, peer);
		if (!ret && ifc.n) {
			ifc.mtu = dev_mtu(ifc.name);
			if (!ifc.mtu && ifc.t)
				ifc.mtu = ifc.t->mtu;
			if (json)
				json_object_array_add(arr, ipsec_if_json(&ifc));
			else
				ipsec_if_text(out, &ifc);
		}
		if_free(&ifc);
	}
	free(names.v);
	if (json) {
		jo = json_object_new_object();
		json_object_object_add(jo, "interfaces", arr);
		json_out(out, jo);
	}
	return ret ? no_memory(out, json) : 0;
}
