// SPDX-License-Identifier: GPL-2.0
/*
 * Test doubles for the engine tests (test_engine.c): an in-memory link in
 * place of the UDP sockets and a small model of flexsec.ko's SA table in
 * place of the kernel interface. The engine's calls reach them through the
 * linker's --wrap (see the Makefile); nothing else of flexsecd changes.
 *
 * The kernel model keeps what flexsec.ko keeps and decides what it decides:
 * SAs by (interface, direction, SPI), one active outbound SA per interface
 * (an outbound SA added without standby becomes it; kmi_sa_activate makes a
 * standby one active; when the active one goes, the newest other outbound
 * SA takes over).
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "daemon.h"
#include "diag.h"
#include "engine_link.h"
#include "ike_int.h"
#include "loop.h"
#include "sa_mgr.h"

/* Interfaces in the dying group, until it is deleted. */
static unsigned int dying_if[64], n_dying_if;

struct link_dgram link_q[LINK_QLEN];
unsigned int link_head, link_tail;
unsigned int link_sent;
struct ksa ksa[KSA_MAX];
unsigned int ksa_adds, ksa_dels, ksa_errors;
uint32_t ksa_last_spi;

static net_rx_fn rx_fn;
static uint32_t next_spi = 0x1000;
static uint8_t forced_nonce[8];
static unsigned int forced_n;

/* The routes in place, by interface: deleting one removes its routes, as
 * the kernel does. */
static unsigned int route_if[256], n_route_if;

void link_reset(void)
{
	while (link_head != link_tail)
		link_drop();
	link_head = link_tail = link_sent = 0;
	memset(ksa, 0, sizeof(ksa));
	ksa_adds = ksa_dels = ksa_errors = 0;
	ksa_last_spi = 0;
	next_spi = 0x1000;
	forced_n = 0;
	link_applied = link_deleted = link_retired = link_group_deletes = 0;
	n_dying_if = 0;
	routes_up = 0;
	link_ipv6_on = 0;
	n_route_if = 0;
	memset(&if_addr, 0, sizeof(if_addr));
	memset(&if_addr6, 0, sizeof(if_addr6));
}

/* --- the link --- */

int __wrap_net_open(uint16_t port, uint16_t natt_port, net_rx_fn fn)
{
	rx_fn = fn;
	return 0;
}

/* The NAT-T socket: there, and taken by the kernel's double. */
int __wrap_net_natt_fd(void)
{
	return 99;
}

unsigned int link_ipv6_on;

int __wrap_kmi_if_ipv6(struct kmi *k, const char *name, bool on)
{
	link_ipv6_on += on;
	return 0;
}

bool __wrap_net_has_family(int family)
{
	return true;
}

uint16_t __wrap_net_natt_port(void)
{
	return 4500;
}

unsigned int link_keepalives;

int __wrap_net_send_keepalive(const struct sockaddr_storage *local,
			      const struct sockaddr_storage *remote)
{
	link_keepalives++;
	return 0;
}

int __wrap_kmi_encap_attach(struct kmi *k, int fd, const char **errmsg)
{
	return 0;
}

unsigned int link_port_sets;
uint16_t link_last_rport;

int __wrap_kmi_sa_set_port(struct kmi *k, unsigned int ifindex, bool inbound,
			   uint32_t spi, uint16_t rport, uint32_t session_id)
{
	link_port_sets++;
	link_last_rport = rport;
	return 0;
}

void __wrap_net_close(void)
{
}

int __wrap_net_send(const uint8_t *buf, size_t len,
		    const struct sockaddr_storage *local,
		    const struct sockaddr_storage *remote)
{
	struct link_dgram *d;

	if (link_tail - link_head >= LINK_QLEN)
		return -ENOBUFS;
	d = &link_q[link_tail % LINK_QLEN];
	d->buf = malloc(len);
	if (!d->buf)
		return -ENOMEM;
	memcpy(d->buf, buf, len);
	d->len = len;
	d->from = *local;
	d->to = *remote;
	link_tail++;
	link_sent++;
	return 0;
}

unsigned int link_applied, link_deleted, link_retired, link_group_deletes;
int routes_up;
struct conf_addr if_addr, if_addr6;

unsigned int link_queued(void)
{
	return link_tail - link_head;
}

void link_drop(void)
{
	struct link_dgram *d = &link_q[link_head % LINK_QLEN];

	free(d->buf);
	d->buf = NULL;
	link_head++;
}

const struct link_dgram *link_peek(void)
{
	return link_queued() ? &link_q[link_head % LINK_QLEN] : NULL;
}

void link_inject(const uint8_t *buf, size_t len,
		 const struct sockaddr_storage *from,
		 const struct sockaddr_storage *to)
{
	rx_fn(buf, len, to, from);
}

void link_deliver(void)
{
	struct link_dgram d = link_q[link_head % LINK_QLEN];

	link_q[link_head % LINK_QLEN].buf = NULL;
	link_head++;
	/* what left LOCAL for REMOTE arrives at REMOTE from LOCAL */
	rx_fn(d.buf, d.len, &d.to, &d.from);
	free(d.buf);
}

struct link_dgram *link_at(unsigned int i)
{
	if (i >= link_queued())
		return NULL;
	return &link_q[(link_head + i) % LINK_QLEN];
}

void link_deliver_at(unsigned int i)
{
	struct link_dgram d = *link_at(i);
	unsigned int j;

	for (j = i; j + 1 < link_queued(); j++)
		*link_at(j) = *link_at(j + 1);
	link_tail--;
	rx_fn(d.buf, d.len, &d.to, &d.from);
	free(d.buf);
}

void link_deliver_copy(unsigned int i)
{
	struct link_dgram *d = link_at(i);
	uint8_t *copy = malloc(d->len);

	if (!copy)
		return;
	memcpy(copy, d->buf, d->len);
	rx_fn(copy, d->len, &d->to, &d->from);
	free(copy);
}

/* --- nonces --- */

void link_force_nonces(const uint8_t *fill, unsigned int n)
{
	memcpy(forced_nonce, fill, n);
	forced_n = n;
}

int __real_ike_random(void *buf, size_t len);

int __wrap_ike_random(void *buf, size_t len)
{
	/* nonces are the only 32-byte random values the engine draws */
	if (len == 32 && forced_n) {
		memset(buf, forced_nonce[0], len);
		memmove(forced_nonce, forced_nonce + 1, --forced_n);
		return 0;
	}
	return __real_ike_random(buf, len);
}

/* --- the kernel --- */

struct ksa *ksa_find(unsigned int ifindex, bool inbound, uint32_t spi)
{
	unsigned int i;

	for (i = 0; i < KSA_MAX; i++)
		if (ksa[i].used && ksa[i].sa.ifindex == ifindex &&
		    ksa[i].sa.inbound == inbound && ksa[i].sa.spi == spi)
			return &ksa[i];
	return NULL;
}

struct ksa *ksa_active_out(unsigned int ifindex)
{
	unsigned int i;

	for (i = 0; i < KSA_MAX; i++)
		if (ksa[i].used && ksa[i].sa.ifindex == ifindex &&
		    !ksa[i].sa.inbound && ksa[i].active)
			return &ksa[i];
	return NULL;
}

unsigned int ksa_count(unsigned int ifindex, bool inbound)
{
	unsigned int i, n = 0;

	for (i = 0; i < KSA_MAX; i++)
		if (ksa[i].used && ksa[i].sa.ifindex == ifindex &&
		    ksa[i].sa.inbound == inbound)
			n++;
	return n;
}

static void make_active(struct ksa *s)
{
	struct ksa *cur = ksa_active_out(s->sa.ifindex);

	if (cur)
		cur->active = false;
	s->active = true;
}

int __wrap_kmi_sa_add(struct kmi *k, const struct kmi_sa *sa,
		      const char **errmsg)
{
	static unsigned int order;
	unsigned int i;

	if (ksa_find(sa->ifindex, sa->inbound, sa->spi)) {
		ksa_errors++;
		*errmsg = "SPI in use";
		return -EEXIST;
	}
	for (i = 0; i < KSA_MAX && ksa[i].used; i++)
		;
	if (i == KSA_MAX)
		return -ENOSPC;
	ksa[i].used = true;
	ksa[i].sa = *sa;
	ksa[i].order = ++order;
	ksa[i].active = false;
	if (!sa->inbound && !sa->standby)
		make_active(&ksa[i]);
	ksa_adds++;
	return 0;
}

int __wrap_kmi_sa_del(struct kmi *k, unsigned int ifindex, bool inbound,
		      uint32_t spi, uint32_t session_id)
{
	struct ksa *s = ksa_find(ifindex, inbound, spi), *next = NULL;
	unsigned int i;

	if (!s) {
		ksa_errors++;
		return -ENOENT;
	}
	s->used = false;
	ksa_dels++;
	if (!s->active)
		return 0;
	s->active = false;
	for (i = 0; i < KSA_MAX; i++)
		if (ksa[i].used && ksa[i].sa.ifindex == ifindex &&
		    !ksa[i].sa.inbound && (!next || ksa[i].order > next->order))
			next = &ksa[i];
	if (next)
		next->active = true;
	return 0;
}

int __wrap_kmi_sa_activate(struct kmi *k, unsigned int ifindex, uint32_t spi,
			   uint32_t session_id)
{
	struct ksa *s = ksa_find(ifindex, false, spi);

	if (!s) {
		ksa_errors++;
		return -ENOENT;
	}
	make_active(s);
	return 0;
}

int __wrap_kmi_sa_flush(struct kmi *k, unsigned int ifindex)
{
	unsigned int i;

	for (i = 0; i < KSA_MAX; i++)
		if (ksa[i].used && ksa[i].sa.ifindex == ifindex)
			ksa[i].used = false;
	return 0;
}

int __wrap_kmi_sa_stats(struct kmi *k, unsigned int ifindex, bool inbound,
			uint32_t spi, struct kmi_sa_stats *st)
{
	struct ksa *s = ksa_find(ifindex, inbound, spi);

	memset(st, 0, sizeof(*st));
	if (!s)
		return -ENOENT;
	st->found = true;
	st->active = s->active;
	return 0;
}

uint32_t __wrap_kmi_alloc_spi(struct kmi *k, unsigned int ifindex)
{
	ksa_last_spi = next_spi++;
	return ksa_last_spi;
}

int __wrap_kmi_tunnel_apply(struct kmi *k, const struct conf_tunnel *t,
			    const struct conf_addr *local,
			    unsigned int *ifindex, const char **errmsg)
{
	/* Tunnel0 is interface 1, Tunnel1 interface 2; ViN 100 + N */
	if (!strncmp(t->name, "Vi", 2))
		*ifindex = 100 + (unsigned int)strtoul(t->name + 2, NULL, 10);
	else
		*ifindex = (unsigned int)strtoul(t->name + strlen("Tunnel"),
						 NULL, 10) + 1;
	link_applied++;
	return 0;
}

static void routes_count(void)
{
	routes_up = (int)n_route_if;
}

/* The routes over IFINDEX go with its interface. */
static void drop_routes(unsigned int ifindex)
{
	unsigned int i = 0;

	while (ifindex && i < n_route_if) {
		if (route_if[i] == ifindex)
			route_if[i] = route_if[--n_route_if];
		else
			i++;
	}
	routes_count();
}

int __wrap_kmi_tunnel_delete(struct kmi *k, const char *name)
{
	unsigned int ifindex = 0;

	if (!strncmp(name, "Vi", 2))
		ifindex = 100 + (unsigned int)strtoul(name + 2, NULL, 10);
	drop_routes(ifindex);
	link_deleted++;
	return 0;
}


int __wrap_kmi_if_addr(struct kmi *k, const char *name, int family,
		       struct conf_addr *out)
{
	return -1;
}

void __wrap_kmi_set_debug(struct kmi *k, bool on)
{
}

int __wrap_kmi_va_flush(struct kmi *k, unsigned int *removed)
{
	*removed = 0;
	return 0;
}

int __wrap_kmi_route_flush_ours(struct kmi *k, unsigned int *removed)
{
	*removed = 0;
	return 0;
}

int __wrap_kmi_loopback_apply(struct kmi *k, const struct conf_loopback *lo,
			      const char **errmsg)
{
	return 0;
}

int __wrap_kmi_loopback_delete(struct kmi *k, const char *name)
{
	return 0;
}

int __wrap_kmi_va_retire(struct kmi *k, unsigned int ifindex)
{
	if (n_dying_if == 64)
		return -ENOSPC;
	dying_if[n_dying_if++] = ifindex;
	link_deleted++;
	link_retired++;
	return 0;
}

int __wrap_kmi_group_delete(struct kmi *k, uint32_t group)
{
	if (!n_dying_if)
		return -ENODEV;
	while (n_dying_if)
		drop_routes(dying_if[--n_dying_if]);
	link_group_deletes++;
	return 0;
}

int __wrap_kmi_route_add(struct kmi *k, const struct kmi_route *r,
			 const char **errmsg)
{
	if (n_route_if == 256)
		return -ENOSPC;
	route_if[n_route_if++] = r->ifindex;
	routes_count();
	return 0;
}

int __wrap_kmi_route_del(struct kmi *k, const struct kmi_route *r)
{
	unsigned int i;

	for (i = 0; i < n_route_if; i++)
		if (route_if[i] == r->ifindex) {
			route_if[i] = route_if[--n_route_if];
			break;
		}
	routes_count();
	return 0;
}

int __wrap_kmi_if_set_addr(struct kmi *k, const char *name,
			   unsigned int ifindex, int family,
			   const struct conf_addr *ip)
{
	struct conf_addr *a = family == AF_INET6 ? &if_addr6 : &if_addr;

	if (ip)
		*a = *ip;
	else
		memset(a, 0, sizeof(*a));
	return 0;
}

/* --- one engine with both ends --- */

static int fake_kmi;

int engine_start(const char *text, size_t len, const char *name)
{
	link_reset();
	memset(&D, 0, sizeof(D));
	D.conf = conf_parse_string(text, len, name, stderr);
	if (!D.conf || loop_init())
		return -1;
	diag_init(false, 50);
	D.kmi = (struct kmi *)&fake_kmi;
	if (ike_net_open())
		return -1;
	return daemon_apply_all();
}

void engine_stop(void)
{
	struct ike_sa *sa, *next;

	/* as flexsecd stops: every IKE SA deleted at once */
	for (sa = sam_first(); sa; sa = next) {
		next = sa->next;
		ike_delete_now(sa, "test done");
	}
	ike_sa_reap();
	while (link_queued())
		link_drop();
	daemon_fini();
	conf_free(D.conf);
	D.conf = NULL;
	diag_fini();
	loop_fini();
}
