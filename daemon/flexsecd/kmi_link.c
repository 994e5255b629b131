// SPDX-License-Identifier: GPL-2.0
/*
 * The tunnel interfaces through rtnetlink: creating or changing a flexsec
 * link, its addresses, alias and state, deleting it, the address of an
 * interface for "tunnel source IFNAME" and "ip unnumbered IF", and the
 * dummy interfaces of "interface LoopbackN".
 */

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/flexsec.h>
#include <linux/if_link.h>
#include <linux/ip.h>
#include <linux/rtnetlink.h>

#include "diag.h"
#include "fxmsg.h"
#include "fxnames.h"
#include "kmi_int.h"
#include "nlattrs.h"

#define MAX_ADDRS	32		/* addresses of a tunnel seen */

/* One rtnetlink request whose family header is HDRLEN bytes. */
static int rt_run(struct kmi *k, struct nl_msg *msg, const char *name,
		  size_t hdrlen, nl_reply_fn reply, void *arg)
{
	struct nl_req req = {
		.what = name,
		.attrs = hdrlen == sizeof(struct ifinfomsg) ?
			 &rtnl_link_attr_set : NULL,
		.hdrlen = hdrlen,
		.reply = reply,
		.arg = arg,
	};

	return kmi_run(k, k->rt, msg, &req, 0);
}

struct link_state {
	unsigned int ifindex;
	char kind[32];
};

static int link_reply(struct nl_msg *msg, void *arg)
{
	struct link_state *ls = arg;

	return fx_link_parse(msg, &ls->ifindex, ls->kind, sizeof(ls->kind));
}

/* The link named NAME: 0, or -ENODEV when there is none. */
static int link_get(struct kmi *k, const char *name, struct link_state *ls)
{
	struct nl_msg *msg;

	memset(ls, 0, sizeof(*ls));
	kmi_dbg(0, "flexsecd sending GETLINK (%s) to rtnetlink", name);
	msg = fx_link_msg(RTM_GETLINK, 0, 0);
	if (msg && nla_put_string(msg, IFLA_IFNAME, name))
		return kmi_too_large(k, msg);
	return rt_run(k, msg, "GETLINK", sizeof(struct ifinfomsg), link_reply,
		      ls);
}

/* The flexsec attributes of T; LOCAL and REMOTE point into the conf. */
static void tunnel_link(const struct conf_tunnel *t,
			const struct conf_addr *local, struct fx_link *l)
{
	memset(l, 0, sizeof(*l));
	l->mode = t->mode == CONF_TUN_VTI ? FLEXSEC_MODE_VTI :
					    FLEXSEC_MODE_GRE;
	if (local && local->family) {
		l->local = local->a;
		l->local_len = local->family == AF_INET ? 4 : 16;
	}
	if (t->destination.family) {
		l->remote = t->destination.a;
		l->remote_len = t->destination.family == AF_INET ? 4 : 16;
	}
	/* A VTI's line protocol follows IPsec, as on IOS: its carrier is on
	 * only while it has SAs both ways. A GRE tunnel's stays up. */
	l->has_carrier_sa = true;
	l->carrier_sa = l->mode == FLEXSEC_MODE_VTI;
	/* The tunnel key is GRE's; flexsec.ko refuses it in VTI mode. */
	if (t->has_key && l->mode == FLEXSEC_MODE_GRE) {
		l->has_ikey = l->has_okey = true;
		l->ikey = l->okey = t->key;
	}
}

static void newlink_dbg(const struct conf_tunnel *t, const struct fx_link *l,
			bool create)
{
	char src[64] = "any", dst[64] = "any";
	char key[24] = "", mtu[24] = "";

	if (!dbg_on(DBG_KMI, NULL))
		return;
	if (l->local)
		inet_ntop(l->local_len == 4 ? AF_INET : AF_INET6, l->local,
			  src, sizeof(src));
	if (l->remote)
		inet_ntop(l->remote_len == 4 ? AF_INET : AF_INET6, l->remote,
			  dst, sizeof(dst));
	if (l->has_ikey)
		snprintf(key, sizeof(key), ", key %u", l->ikey);
	if (t->mtu)
		snprintf(mtu, sizeof(mtu), ", mtu %u", t->mtu);
	kmi_dbg(0, "flexsecd sending NEWLINK (%s %s, %s, %s -> %s%s%s) to rtnetlink",
		create ? "create" : "change", t->name, mode_name(l->mode), src,
		dst, key, mtu);
}

/* Creates the link (IFINDEX 0) or changes it. */
static int link_put(struct kmi *k, const struct conf_tunnel *t,
		    const struct conf_addr *local, unsigned int ifindex)
{
	int flags = ifindex ? 0 : NLM_F_CREATE | NLM_F_EXCL;
	struct nl_msg *msg;
	struct fx_link l;

	tunnel_link(t, local, &l);
	newlink_dbg(t, &l, !ifindex);
	msg = fx_link_msg(RTM_NEWLINK, flags, ifindex);
	if (msg && ((!ifindex && nla_put_string(msg, IFLA_IFNAME, t->name)) ||
		    (t->mtu && nla_put_u32(msg, IFLA_MTU, t->mtu)) ||
		    (t->vt_num && nla_put_u32(msg, IFLA_GROUP, KMI_VA_GROUP)) ||
		    fx_put_link_info(msg, &l)))
		return kmi_too_large(k, msg);
	return rt_run(k, msg, "NEWLINK", sizeof(struct ifinfomsg), NULL,
		      NULL);
}

/* IPv4 routes over the tunnel are left out of lookups while its carrier
 * is off (net.ipv4.conf.IF.ignore_routes_with_linkdown), so that a static
 * route over a VTI without SAs gives way, as IOS withdraws it when the
 * tunnel's line protocol goes down. */
static int put_ignore_linkdown(struct nl_msg *msg)
{
	struct nlattr *af, *in, *conf;

	af = nla_nest_start(msg, IFLA_AF_SPEC);
	in = af ? nla_nest_start(msg, AF_INET) : NULL;
	conf = in ? nla_nest_start(msg, IFLA_INET_CONF) : NULL;
	if (!conf ||
	    nla_put_u32(msg, IPV4_DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN, 1))
		return -EMSGSIZE;
	nla_nest_end(msg, conf);
	nla_nest_end(msg, in);
	nla_nest_end(msg, af);
	return 0;
}

/* The link's state, ignore_routes_with_linkdown and, when ALIAS is not
 * empty, its alias (a change: a new link's alias is not taken). */
static int link_set_up(struct kmi *k, const char *name, unsigned int ifindex,
		       bool up, const char *alias)
{
	struct ifinfomsg *ifi;
	struct nl_msg *msg;

	kmi_dbg(0, "flexsecd sending NEWLINK (%s %s, ignore_routes_with_linkdown%s%s) to rtnetlink",
		name, up ? "up" : "down", alias[0] ? ", alias " : "", alias);
	msg = fx_link_msg(RTM_NEWLINK, 0, ifindex);
	if (msg) {
		ifi = nlmsg_data(nlmsg_hdr(msg));
		ifi->ifi_flags = up ? IFF_UP : 0;
		ifi->ifi_change = IFF_UP;
		if (put_ignore_linkdown(msg) ||
		    (alias[0] && nla_put_string(msg, IFLA_IFALIAS, alias)))
			return kmi_too_large(k, msg);
	}
	return rt_run(k, msg, "NEWLINK", sizeof(struct ifinfomsg), NULL,
		      NULL);
}

/* --- addresses --- */

struct if_addr {
	int family;
	uint8_t a[16];
	uint8_t plen;
	uint8_t scope;
};

struct addr_list {
	unsigned int ifindex;
	int family;		/* 0: any */
	unsigned int n;
	struct if_addr addrs[MAX_ADDRS];
};

static size_t addr_len(int family)
{
	return family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
}

static int addr_reply(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[IFA_MAX + 1], *a;
	struct addr_list *l = arg;
	struct ifaddrmsg *ifa;
	struct if_addr *e;
	size_t len;

	if (nlmsg_parse(nlmsg_hdr(msg), sizeof(*ifa), tb, IFA_MAX, NULL) < 0)
		return -EBADMSG;
	ifa = nlmsg_data(nlmsg_hdr(msg));
	len = addr_len(ifa->ifa_family);
	/* Dumps are not filtered by older kernels: filter here. */
	if (ifa->ifa_index != l->ifindex || !len ||
	    (l->family && ifa->ifa_family != l->family) || l->n == MAX_ADDRS)
		return 0;
	a = tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	if (!a || nla_len(a) != (int)len)
		return 0;
	e = &l->addrs[l->n++];
	memset(e, 0, sizeof(*e));
	e->family = ifa->ifa_family;
	memcpy(e->a, nla_data(a), len);
	e->plen = ifa->ifa_prefixlen;
	e->scope = ifa->ifa_scope;
	return 0;
}

static struct nl_msg *addr_msg(int type, int flags, int family,
			       unsigned int ifindex, uint8_t plen)
{
	struct ifaddrmsg ifa = {
		.ifa_family = family,
		.ifa_prefixlen = plen,
		.ifa_index = ifindex,
	};
	struct nl_msg *msg;

	msg = nlmsg_alloc_simple(type, flags);
	if (msg && nlmsg_append(msg, &ifa, sizeof(ifa), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

/* The addresses of L->ifindex (of L->family, 0 for all). */
static int addr_dump(struct kmi *k, struct addr_list *l)
{
	struct nl_msg *msg;

	l->n = 0;
	kmi_dbg(0, "flexsecd sending GETADDR (ifindex %u) to rtnetlink",
		l->ifindex);
	msg = addr_msg(RTM_GETADDR, NLM_F_DUMP, l->family, 0, 0);
	return rt_run(k, msg, "GETADDR", sizeof(struct ifaddrmsg), addr_reply,
		      l);
}

static const char *addr_str(const struct if_addr *e, char *buf, size_t size)
{
	char a[64];

	if (!inet_ntop(e->family, e->a, a, sizeof(a)))
		snprintf(a, sizeof(a), "?");
	snprintf(buf, size, "%s/%u", a, e->plen);
	return buf;
}

/* RTM_NEWADDR or RTM_DELADDR of E on DEV. */
static int addr_change(struct kmi *k, int type, const char *dev,
		       unsigned int ifindex, const struct if_addr *e)
{
	int flags = type == RTM_NEWADDR ? NLM_F_CREATE | NLM_F_REPLACE : 0;
	size_t len = addr_len(e->family);
	const char *name = type == RTM_NEWADDR ? "NEWADDR" : "DELADDR";
	struct nl_msg *msg;
	char buf[80];

	kmi_dbg(0, "flexsecd sending %s (%s, %s) to rtnetlink", name,
		addr_str(e, buf, sizeof(buf)), dev);
	msg = addr_msg(type, flags, e->family, ifindex, e->plen);
	/* IPv6 on a point-to-point tunnel: no duplicate address detection,
	 * so that the address is usable (as a route's source, too) at once
	 * rather than tentative until the tunnel's carrier is up */
	if (msg && type == RTM_NEWADDR && e->family == AF_INET6)
		((struct ifaddrmsg *)nlmsg_data(nlmsg_hdr(msg)))->ifa_flags =
			IFA_F_NODAD;
	if (msg && (nla_put(msg, IFA_LOCAL, len, e->a) ||
		    nla_put(msg, IFA_ADDRESS, len, e->a)))
		return kmi_too_large(k, msg);
	return rt_run(k, msg, name, sizeof(struct ifaddrmsg), NULL, NULL);
}

static bool addr_same(const struct if_addr *e, const struct if_addr *want)
{
	return e->family == want->family && e->plen == want->plen &&
	       !memcmp(e->a, want->a, addr_len(e->family));
}

/*
 * Makes WANT the address of its family on the tunnel: the others of that
 * family go first (a new IPv4 address in the old one's subnet would be a
 * secondary, deleted with the old primary), IPv6 link-local ones stay.
 */
static int addr_apply(struct kmi *k, const struct addr_list *l,
		      const char *dev, const struct conf_addr *conf)
{
	struct if_addr want = { .family = conf->family, .plen = conf->plen };
	bool have = false, deleted = false;
	const struct if_addr *e;
	unsigned int i;
	int err;

	memcpy(want.a, conf->a, addr_len(conf->family));
	for (i = 0; i < l->n; i++) {
		e = &l->addrs[i];
		if (e->family != want.family ||
		    (e->family == AF_INET6 && e->scope == RT_SCOPE_LINK))
			continue;
		if (addr_same(e, &want)) {
			have = true;
			continue;
		}
		err = addr_change(k, RTM_DELADDR, dev, l->ifindex, e);
		/* Secondaries go with their primary. */
		if (err && err != -EADDRNOTAVAIL)
			return err;
		deleted = true;
	}
	if (have && !deleted)
		return 0;
	return addr_change(k, RTM_NEWADDR, dev, l->ifindex, &want);
}

/*
 * Makes IP and IP6 (family 0: leave that family) the addresses of DEV.
 * A device just created (FRESH) has none of its own to replace: the dump,
 * which the kernel does not filter by device and so returns every address
 * of the namespace, is skipped (a hub clones a Virtual-Access per spoke).
 */
static int addrs_set(struct kmi *k, const char *dev, unsigned int ifindex,
		     const struct conf_addr *ip, const struct conf_addr *ip6,
		     bool fresh)
{
	struct addr_list *l;
	int err = 0;

	if (!addr_len(ip->family) && !addr_len(ip6->family))
		return 0;
	l = calloc(1, sizeof(*l));
	if (!l)
		return kmi_fail(k, -ENOMEM, "out of memory");
	l->ifindex = ifindex;
	if (!fresh)
		err = addr_dump(k, l);
	if (!err && addr_len(ip->family))
		err = addr_apply(k, l, dev, ip);
	if (!err && addr_len(ip6->family))
		err = addr_apply(k, l, dev, ip6);
	free(l);
	return err;
}

int kmi_tunnel_apply(struct kmi *k, const struct conf_tunnel *t,
		     const struct conf_addr *local, unsigned int *ifindex,
		     const char **errmsg)
{
	struct link_state ls;
	bool fresh;
	int err;

	kmi_errmsg(k, errmsg);
	if (strlen(t->name) >= IF_NAMESIZE)
		return kmi_fail(k, -EINVAL,
				"%s: Linux interface names have at most %d characters",
				t->name, IF_NAMESIZE - 1);
	err = link_get(k, t->name, &ls);
	if (err && err != -ENODEV)
		return err;
	if (!err && strcmp(ls.kind, FX_LINK_KIND))
		return kmi_fail(k, -EEXIST,
				"%s exists and is not a flexsec interface",
				t->name);
	fresh = !ls.ifindex;
	err = link_put(k, t, local, ls.ifindex);
	if (!err && fresh)
		err = link_get(k, t->name, &ls);
	if (err)
		return err;
	*ifindex = ls.ifindex;
	/* before it is up: no link-local address, RS or MLD report first */
	err = kmi_if_ipv6(k, t->name, conf_tunnel_ipv6(t));
	if (!err)
		err = addrs_set(k, t->name, ls.ifindex, &t->ip, &t->ip6,
				fresh);
	if (err)
		return err;
	return link_set_up(k, t->name, ls.ifindex, !t->shutdown, t->alias);
}

int kmi_if_set_addr(struct kmi *k, const char *name, unsigned int ifindex,
		    int family, const struct conf_addr *ip)
{
	static const struct conf_addr none;
	struct addr_list *l;
	unsigned int i;
	int err;

	if (ip)
		return addrs_set(k, name, ifindex,
				 family == AF_INET ? ip : &none,
				 family == AF_INET6 ? ip : &none, false);
	l = calloc(1, sizeof(*l));
	if (!l)
		return kmi_fail(k, -ENOMEM, "out of memory");
	l->ifindex = ifindex;
	l->family = family;
	err = addr_dump(k, l);
	for (i = 0; !err && i < l->n; i++)
		if (l->addrs[i].scope != RT_SCOPE_LINK)
			err = addr_change(k, RTM_DELADDR, name, ifindex,
					  &l->addrs[i]);
	free(l);
	return err == -EADDRNOTAVAIL ? 0 : err;
}

static int dummy_create(struct kmi *k, const char *name)
{
	struct nl_msg *msg;
	struct nlattr *li;

	kmi_dbg(0, "flexsecd sending NEWLINK (create %s, dummy) to rtnetlink",
		name);
	msg = fx_link_msg(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
	if (!msg)
		return kmi_fail(k, -ENOMEM, "out of memory");
	li = NULL;
	if (nla_put_string(msg, IFLA_IFNAME, name) ||
	    !(li = nla_nest_start(msg, IFLA_LINKINFO)) ||
	    nla_put_string(msg, IFLA_INFO_KIND, "dummy"))
		return kmi_too_large(k, msg);
	nla_nest_end(msg, li);
	return rt_run(k, msg, "NEWLINK", sizeof(struct ifinfomsg), NULL,
		      NULL);
}

int kmi_loopback_apply(struct kmi *k, const struct conf_loopback *lo,
		       const char **errmsg)
{
	struct link_state ls;
	int err;

	kmi_errmsg(k, errmsg);
	err = link_get(k, lo->name, &ls);
	if (err == -ENODEV) {
		err = dummy_create(k, lo->name);
		if (!err)
			err = link_get(k, lo->name, &ls);
	} else if (!err && strcmp(ls.kind, "dummy")) {
		return kmi_fail(k, -EEXIST,
				"%s exists and is not a dummy interface",
				lo->name);
	}
	if (err)
		return err;
	err = addrs_set(k, lo->name, ls.ifindex, &lo->ip, &lo->ip6, false);
	if (err)
		return err;
	return link_set_up(k, lo->name, ls.ifindex, !lo->shutdown, "");
}

/* Interface NAME, if it is of KIND. */
static int link_delete(struct kmi *k, const char *name, const char *kind)
{
	struct link_state ls;
	struct nl_msg *msg;
	int err;

	err = link_get(k, name, &ls);
	if (err == -ENODEV)
		return err;
	if (!err && strcmp(ls.kind, kind)) {
		log_err("KMI: not deleting %s: it is not a %s interface",
			name, kind);
		return -EINVAL;
	}
	if (!err) {
		kmi_dbg(0, "flexsecd sending DELLINK (%s) to rtnetlink", name);
		/* By the index just checked: the name may change hands. */
		msg = fx_link_msg(RTM_DELLINK, 0, ls.ifindex);
		err = rt_run(k, msg, "DELLINK", sizeof(struct ifinfomsg), NULL,
			     NULL);
	}
	if (err && err != -ENODEV)
		log_err("KMI: deleting %s failed: %s", name, k->err);
	return err;
}

int kmi_va_retire(struct kmi *k, unsigned int ifindex)
{
	struct nl_msg *msg = fx_link_msg(RTM_NEWLINK, 0, ifindex);

	if (!msg || nla_put_u32(msg, IFLA_GROUP, KMI_VA_DYING))
		return kmi_too_large(k, msg);
	kmi_dbg(0, "flexsecd sending NEWLINK (ifindex %u to group %u) to rtnetlink",
		ifindex, KMI_VA_DYING);
	return rt_run(k, msg, "NEWLINK", sizeof(struct ifinfomsg), NULL, NULL);
}

int kmi_group_delete(struct kmi *k, uint32_t group)
{
	struct nl_msg *msg = fx_link_msg(RTM_DELLINK, 0, 0);
	int err;

	if (!msg || nla_put_u32(msg, IFLA_GROUP, group))
		return kmi_too_large(k, msg);
	kmi_dbg(0, "flexsecd sending DELLINK (group %u) to rtnetlink", group);
	err = rt_run(k, msg, "DELLINK", sizeof(struct ifinfomsg), NULL, NULL);
	if (err && err != -ENODEV)
		log_err("KMI: deleting interface group %u failed: %s", group,
			k->err);
	return err;
}

int kmi_tunnel_delete(struct kmi *k, const char *name)
{
	return link_delete(k, name, FX_LINK_KIND);
}

int kmi_loopback_delete(struct kmi *k, const char *name)
{
	return link_delete(k, name, "dummy");
}

/* The first address of L fit for a tunnel's source: IPv6 link-local
 * ones are not. */
static const struct if_addr *first_usable(const struct addr_list *l)
{
	unsigned int i;

	for (i = 0; i < l->n; i++)
		if (l->addrs[i].family == AF_INET ||
		    l->addrs[i].scope == RT_SCOPE_UNIVERSE)
			return &l->addrs[i];
	return NULL;
}

int kmi_if_addr(struct kmi *k, const char *name, int family,
		struct conf_addr *out)
{
	const struct if_addr *e = NULL;
	struct addr_list *l;
	int err;

	l = calloc(1, sizeof(*l));
	if (!l)
		return -ENOMEM;
	l->ifindex = if_nametoindex(name);
	l->family = family == AF_INET6 ? AF_INET6 : AF_INET;
	err = l->ifindex ? addr_dump(k, l) : -ENODEV;
	if (!err && !(e = first_usable(l)))
		err = -EADDRNOTAVAIL;
	if (!err) {
		memset(out, 0, sizeof(*out));
		out->family = e->family;
		memcpy(out->a, e->a, addr_len(e->family));
		out->plen = e->family == AF_INET ? 32 : 128;
	}
	free(l);
	return err;
}

/* --- the Virtual-Access interfaces of an earlier run --- */

struct va_list {
	unsigned int n;
	unsigned int ifindex[256];
};

static bool va_name(const char *s)
{
	if (strncmp(s, "Vi", 2) || !s[2])
		return false;
	for (s += 2; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static int va_reply(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[IFLA_MAX + 1];
	struct va_list *l = arg;
	unsigned int ifindex;
	char kind[32], name[IF_NAMESIZE];

	if (fx_link_parse(msg, &ifindex, kind, sizeof(kind)) ||
	    strcmp(kind, FX_LINK_KIND) ||
	    nlmsg_parse(nlmsg_hdr(msg), sizeof(struct ifinfomsg), tb,
			IFLA_MAX, NULL) < 0 || !tb[IFLA_IFNAME])
		return 0;
	nla_strlcpy(name, tb[IFLA_IFNAME], sizeof(name));
	if (va_name(name) && l->n < ARRAY_SIZE(l->ifindex))
		l->ifindex[l->n++] = ifindex;
	return 0;
}

int kmi_va_flush(struct kmi *k, unsigned int *removed)
{
	struct va_list *l = calloc(1, sizeof(*l));
	struct nl_msg *msg;
	unsigned int i, before;
	int err;

	*removed = 0;
	if (!l)
		return -ENOMEM;
	do {
		before = *removed;
		l->n = 0;
		kmi_dbg(0, "flexsecd sending GETLINK (dump) to rtnetlink");
		msg = fx_link_msg(RTM_GETLINK, NLM_F_DUMP, 0);
		err = rt_run(k, msg, "GETLINK", sizeof(struct ifinfomsg),
			     va_reply, l);
		for (i = 0; !err && i < l->n; i++) {
			kmi_dbg(0, "flexsecd sending DELLINK (ifindex %u) to rtnetlink",
				l->ifindex[i]);
			msg = fx_link_msg(RTM_DELLINK, 0, l->ifindex[i]);
			if (!rt_run(k, msg, "DELLINK", sizeof(struct ifinfomsg),
				    NULL, NULL))
				(*removed)++;
		}
	} while (!err && l->n == ARRAY_SIZE(l->ifindex) && *removed > before);
	free(l);
	return err;
}
