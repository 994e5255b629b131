// SPDX-License-Identifier: GPL-2.0
/*
 * NAT traversal. Both ends put NAT_DETECTION_SOURCE_IP and _DESTINATION_IP
 * in IKE_SA_INIT: hashes of the SPIs with the address and port each sees
 * (RFC 7296 2.23). A hash of the peer's that does not match what we see
 * says a NAT is in the way: our own address was rewritten ("detected
 * inside": we are behind the NAT) or the peer's was ("detected outside").
 * Then the initiator moves IKE to port 4500 from IKE_AUTH on, IKE goes
 * there behind the non-ESP marker, and the CHILD SAs carry ESP in UDP
 * between the two NAT-T ports, which flexsec.ko sends itself and takes
 * from the socket flexsecd hands it (natt_attach()). The end behind the
 * NAT sends keepalives so that the mapping stays; the other end follows
 * the peer to a new address or port when an authenticated IKE message or
 * ESP packet (flexsec.ko's mapping event) comes from there.
 */
#include <errno.h>
#include <netinet/in.h>
#include <string.h>

#include "crypto.h"
#include "daemon.h"
#include "ike_int.h"
#include "kmi.h"
#include "msg.h"
#include "natt.h"
#include "net.h"
#include "sa_mgr.h"
#include "vaccess.h"

static bool natt_ok;		/* flexsec.ko took the NAT-T socket */

void natt_attach(void)
{
	const char *msg = NULL;
	int err;

	if (net_natt_fd() < 0) {
		log_err("NAT traversal unavailable: UDP port %u could not be opened",
			IKE_NATT_PORT);
		return;
	}
	err = kmi_encap_attach(D.kmi, net_natt_fd(), &msg);
	if (err) {
		log_err("NAT traversal unavailable: flexsec.ko refused the NAT-T socket: %s",
			msg ? msg : strerror(-err));
		return;
	}
	natt_ok = true;
}

bool natt_available(void)
{
	return natt_ok;
}

static int hash_of(const struct ike_sa *sa, uint64_t spi_r,
		   const struct sockaddr_storage *ss, uint8_t h[20])
{
	const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)ss;
	const struct sockaddr_in *s4 = (const struct sockaddr_in *)ss;

	if (ss->ss_family == AF_INET6)
		return ike_nat_hash(sa->spi_i, spi_r, s6->sin6_addr.s6_addr,
				    16, sa_port(ss), h);
	return ike_nat_hash(sa->spi_i, spi_r, (const uint8_t *)&s4->sin_addr,
			    4, sa_port(ss), h);
}

int natt_add_notifies(struct msg_builder *mb, const struct ike_sa *sa,
		      uint64_t spi_r, bool force)
{
	uint8_t src[20], dst[20];

	if ((force ? ike_random(src, sizeof(src)) :
		     hash_of(sa, spi_r, &sa->local, src)) ||
	    hash_of(sa, spi_r, &sa->remote, dst))
		return -1;
	return ike_add_notify(mb, 0, NULL, 0, IKE_N_NAT_DETECTION_SOURCE_IP,
			      src, sizeof(src)) ||
	       ike_add_notify(mb, 0, NULL, 0,
			      IKE_N_NAT_DETECTION_DESTINATION_IP, dst,
			      sizeof(dst));
}

/* Whether any notify of TYPE in M carries hash H; -1 when there is none. */
static int hash_seen(const struct ike_msg *m, uint16_t type,
		     const uint8_t h[20])
{
	struct ike_notify_pl n;
	struct parse_err e;
	unsigned int i;
	int seen = -1;

	for (i = 0; i < m->n; i++) {
		if (m->pl[i].type != IKE_PL_NOTIFY ||
		    ike_parse_notify(&m->pl[i], &n, &e) || n.type != type)
			continue;
		if (seen < 0)
			seen = 0;
		if (n.len == 20 && !memcmp(n.data, h, 20))
			seen = 1;
	}
	return seen;
}

void natt_detect(struct ike_sa *sa, const struct ike_msg *m)
{
	uint64_t spi_r = m->hdr.flags & IKE_FLAG_RESPONSE ? m->hdr.rspi : 0;
	uint8_t hs[20], hd[20];
	int src, dst;
	struct dctx c;

	ike_dctx(sa, &c);
	if (hash_of(sa, spi_r, &sa->remote, hs) ||
	    hash_of(sa, spi_r, &sa->local, hd))
		return;
	src = hash_seen(m, IKE_N_NAT_DETECTION_SOURCE_IP, hs);
	dst = hash_seen(m, IKE_N_NAT_DETECTION_DESTINATION_IP, hd);
	if (src < 0 || dst < 0) {
		dbg(DBG_IKEV2, &c, "The peer sent no NAT detection: NAT-T is not supported");
		return;
	}
	sa->nat_t = true;
	sa->nat_remote = !src;
	sa->nat_local = !dst;
	if (sa->prof && sa->prof->nat_force_encap)
		sa->nat_forced = true;
	if (sa->nat_local || sa->nat_remote)
		dbg(DBG_IKEV2, &c, "%s", natt_state_str(sa));
}

static bool encap(const struct ike_sa *sa)
{
	return sa->nat_local || sa->nat_remote || sa->nat_forced;
}

static void set_port(struct sockaddr_storage *ss, uint16_t port)
{
	if (ss->ss_family == AF_INET6)
		((struct sockaddr_in6 *)ss)->sin6_port = htons(port);
	else
		((struct sockaddr_in *)ss)->sin_port = htons(port);
}

int natt_refuse_v6(struct ike_sa *sa)
{
	if (sa->remote.ss_family != AF_INET6 || !encap(sa))
		return 0;
	IKE_FAIL(sa, "%s, but ESP in UDP over IPv6 is not supported",
		 natt_state_str(sa));
	return -1;
}

int natt_float(struct ike_sa *sa)
{
	struct dctx c;

	if (!encap(sa))
		return 0;
	if (natt_refuse_v6(sa))
		return -1;
	if (!natt_ok) {
		IKE_FAIL(sa, "%s, but NAT traversal is unavailable: flexsec.ko does not take ESP in UDP (see the log at start)",
			 natt_state_str(sa));
		return -1;
	}
	ike_dctx(sa, &c);
	dbg(DBG_IKEV2, &c, "Switching to UDP port %u for NAT traversal",
	    IKE_NATT_PORT);
	set_port(&sa->local, IKE_NATT_PORT);
	set_port(&sa->remote, IKE_NATT_PORT);
	return 0;
}

void natt_child_ports(const struct ike_sa *sa, uint16_t *lport,
		      uint16_t *rport)
{
	*lport = 0;
	*rport = 0;
	if (!encap(sa) || sa_port(&sa->local) != net_natt_port())
		return;
	*lport = sa_port(&sa->local);
	*rport = sa_port(&sa->remote);
}

/* The CHILD SAs of SA send to the peer's new port. */
static void move_children(struct ike_sa *sa)
{
	uint16_t rport = sa_port(&sa->remote);
	struct child_sa *ch;

	for (ch = sa->children; ch; ch = ch->next) {
		if (!ch->installed || !ch->encap_lport)
			continue;
		ch->encap_rport = rport;
		kmi_sa_set_port(D.kmi, ch->ifindex, true, ch->spi_in, rport,
				sa->session_id);
		kmi_sa_set_port(D.kmi, ch->ifindex, false, ch->spi_out, rport,
				sa->session_id);
	}
}

/* The peer of SA is at REMOTE now. */
static void move_peer(struct ike_sa *sa, const struct sockaddr_storage *remote,
		      const char *why)
{
	char from[64], to[64];
	bool addr = sa_addr_cmp(&sa->remote, remote) != 0;
	struct dctx c;

	ike_dctx(sa, &c);
	sa_str(&sa->remote, from, sizeof(from));
	sa_str(remote, to, sizeof(to));
	sam_move(sa, remote);
	if (sa->state != IKE_ST_READY && !sa->children)
		return;
	ike_stats.natt_moves++;
	trace_event(&c, "Peer moved from %s to %s (%s)", from, to, why);
	log_notice("%%IKEV2-5-NAT_MAPPING: peer %s is now at %s (%s)", from,
		   to, why);
	if (addr && va_move(sa))
		DIAG_ERROR(&c, "The peer moved from %s to %s, and its tunnel could not follow",
			   from, to);
	move_children(sa);
}

void natt_rx_from(struct ike_sa *sa, const struct sockaddr_storage *local,
		  const struct sockaddr_storage *remote)
{
	bool same_port = sa_port(remote) == sa_port(&sa->remote);
	struct dctx c;

	/* The initiator moved to the NAT-T port: answer from there. */
	if (sa_port(local) != sa_port(&sa->local))
		set_port(&sa->local, sa_port(local));
	if (!sa_addr_cmp(&sa->remote, remote) && same_port)
		return;
	if (sa_addr_cmp(&sa->remote, remote) && !sa->nat_remote) {
		ike_dctx(sa, &c);
		dbg(DBG_IKEV2, &c, "Message from a new address, and the peer is not behind a NAT: not followed");
		return;
	}
	move_peer(sa, remote, "IKE message");
}

void natt_mapping(const struct kmi_event *ev)
{
	struct child_sa *ch = sam_child_find(ev->ifindex, ev->spi, true);
	struct sockaddr_storage ss;
	struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
	struct ike_sa *sa = ch ? ch->ike : NULL;

	if (!sa || !encap(sa))
		return;
	ss = sa->remote;
	s4->sin_addr.s_addr = ev->remote4;
	s4->sin_port = htons(ev->rport);
	if (!sa_addr_cmp(&sa->remote, &ss) && sa_port(&sa->remote) == ev->rport)
		return;
	move_peer(sa, &ss, "ESP");
}

static void keepalive(struct timer *t)
{
	struct ike_sa *sa = t->arg;
	uint32_t iv = sa->prof ? sa->prof->nat_keepalive : 0;

	if (!iv || !sa->nat_local)
		return;
	if (!net_send_keepalive(&sa->local, &sa->remote))
		ike_stats.natt_keepalives++;
	timer_arm(t, (uint64_t)iv * 1000);
}

void natt_init(struct ike_sa *sa)
{
	timer_init(&sa->natt_ka, keepalive, sa);
}

void natt_start(struct ike_sa *sa)
{
	uint32_t iv = sa->prof ? sa->prof->nat_keepalive : 0;

	if (iv && sa->nat_local)
		timer_arm(&sa->natt_ka, (uint64_t)iv * 1000);
}

void natt_stop(struct ike_sa *sa)
{
	timer_cancel(&sa->natt_ka);
}

bool natt_same_peer(const struct ike_sa *a, const struct ike_sa *b)
{
	if (!a->nat_remote && !b->nat_remote)
		return true;
	return sa_port(&a->remote) == sa_port(&b->remote);
}

const char *natt_state_str(const struct ike_sa *sa)
{
	if (sa->nat_local && sa->nat_remote)
		return "NAT-T is detected inside and outside";
	if (sa->nat_local)
		return "NAT-T is detected inside";
	if (sa->nat_remote)
		return "NAT-T is detected outside";
	if (sa->nat_forced)
		return "NAT-T is forced (nat force-encap)";
	return "NAT-T is not detected";
}
