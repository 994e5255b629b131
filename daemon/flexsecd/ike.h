/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IKE SAs and their child SAs: the daemon's state. One struct ike_sa per
 * IKE SA (found by SPI pair), each with its child SAs; a session groups
 * them per peer the way "show crypto session" lists them.
 */
#ifndef FLEXSECD_IKE_H
#define FLEXSECD_IKE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <time.h>

#include "buf.h"
#include "conf.h"
#include "crypto.h"
#include "htab.h"
#include "ike_proto.h"
#include "loop.h"
#include "msg.h"

#define IKE_MAX_WINDOW	64

enum ike_state {
	IKE_ST_INIT_SENT,	/* initiator: IKE_SA_INIT request out */
	IKE_ST_INIT_DONE,	/* responder: IKE_SA_INIT answered */
	IKE_ST_AUTH_SENT,	/* initiator: IKE_AUTH request out */
	IKE_ST_REKEY_NEW,	/* made by a rekey, not in use (yet) */
	IKE_ST_READY,		/* established ("READY") */
	IKE_ST_REKEYING,	/* our IKE SA rekey is out */
	IKE_ST_REKEYED,		/* replaced by a new IKE SA; to be deleted */
	IKE_ST_DELETING,	/* our DELETE is out */
	IKE_ST_DEAD,		/* to be freed */
	IKE_ST_COUNT
};

/* CHILD SA states; the allowed transitions are child_set_state's table. */
enum child_state {
	CHILD_ST_NEGOTIATING,	/* its exchange is under way */
	CHILD_ST_INSTALLED,	/* its SAs carry traffic */
	CHILD_ST_REKEYING,	/* our rekey of it is out */
	CHILD_ST_REKEYED,	/* replaced; its inbound SA stays until deleted */
	CHILD_ST_DELETING,	/* our DELETE of it is out */
	CHILD_ST_COUNT
};

struct ike_sa;
struct ike_msg;

/* A traffic selector pair as negotiated. */
struct child_ts {
	uint8_t proto;			/* 0: any, 47: GRE */
	struct conf_addr local_start, local_end;
	struct conf_addr remote_start, remote_end;
};

struct child_sa {
	struct child_sa *next;		/* in its IKE SA's list */
	struct ike_sa *ike;
	struct hnode h_in, h_out, h_if;	/* the SA manager's indexes */
	bool indexed, indexed_out;
	enum child_state state;
	uint32_t spi_in, spi_out;	/* host order */
	uint16_t encr, encr_bits, integ;	/* ESP transforms */
	bool esn;
	bool transport;			/* transport mode (GRE) */
	uint16_t pfs_group;		/* 0: none */
	struct child_ts ts;
	struct child_ts ts6;		/* its IPv6 selectors; family 0: none */
	unsigned int ifindex;		/* the tunnel device */
	char ifname[CONF_NAME];
	time_t created;
	uint64_t lifetime_kb;
	uint32_t lifetime_sec;
	uint32_t replay_window;
	uint32_t conn_id;		/* "conn id" in show crypto ipsec sa */
	bool installed;			/* its SAs are in flexsec.ko */
	/* ESP in UDP: our port and the peer's (0: plain ESP) */
	uint16_t encap_lport, encap_rport;
	bool hold_out;			/* its outbound SA waits for the old */
	/* rekeying: the SA this one replaces (while its exchange is out),
	 * and the lowest nonce of the exchange that made this one, which
	 * decides a collision (RFC 7296 2.8.1) */
	struct child_sa *rekey_of;
	struct child_sa *peer_new;	/* made by the peer's rekey of this */
	bool rekey_lost;		/* the SA it was to replace went away */
	/* ours, made by a rekey of this that lost a collision: deleted once
	 * the peer deletes this (then the peer has its own new SA) */
	struct child_sa *redundant;
	uint8_t low_nonce[IKE_MAX_NONCE];
	size_t low_nonce_len;
	unsigned int rekeys;		/* rekeys of the tunnel before this */
	/* our rekey again, after the peer's TEMPORARY_FAILURE */
	struct timer rekey_retry;
	/* while a CREATE_CHILD_SA of ours is out */
	uint8_t nonce[IKE_MAX_NONCE];
	size_t nonce_len;
	struct ike_dh *dh;
};

/* A request of ours waiting for its response. */
struct ike_request {
	bool used;
	uint32_t msgid;
	uint8_t exch;
	/* as sent, for retransmission: one datagram, or its fragments
	 * back to back (each with its length in its header) */
	struct buf msg;
	unsigned int retries;
	uint32_t fixed_ms;		/* retransmit at this interval (DPD) */
	struct timer timer;
	struct ike_sa *sa;
	void (*on_response)(struct ike_sa *sa, struct ike_request *rq,
			    const struct ike_msg *m);
	void *arg;
};

/* A request of ours waiting for room in the peer's window. */
struct ike_pending {
	struct ike_pending *next;
	uint8_t exch;
	struct msg_builder inner;	/* its payloads, built when queued */
	void (*on_response)(struct ike_sa *sa, struct ike_request *rq,
			    const struct ike_msg *m);
	void *arg;
};

/* A response of ours, kept to answer a retransmitted request. */
struct ike_response {
	bool used;			/* MSG holds the response to MSGID */
	bool seen;			/* request MSGID was taken */
	uint32_t msgid;
	struct buf msg;			/* a datagram or fragments, as above */
};

struct tunnel;

struct ike_sa {
	struct ike_sa *next, *prev;	/* in the SA manager's list */
	struct hnode h_spi, h_half, h_peer;	/* its indexes */
	bool indexed;
	struct tunnel *rt;		/* the runtime tunnel, if bound */
	struct ike_sa *tnext;		/* in the tunnel's list */
	uint32_t id;			/* "SA ID" */
	uint32_t session_id;		/* "Session-id" */
	uint32_t tunnel_id;		/* "Tunnel-id" in show */
	enum ike_state state;
	bool initiator;			/* we were the original initiator */
	uint64_t spi_i, spi_r;
	struct sockaddr_storage local, remote;
	unsigned int fd_index;		/* which socket it arrived on */
	/* NAT traversal (natt.c): the peer sent NAT detection; a NAT
	 * rewrote our address (inside) or the peer's (outside); we made
	 * the peer see one (nat force-encap); the keepalive timer */
	bool nat_t, nat_local, nat_remote, nat_forced;
	struct timer natt_ka;

	/* configuration in use */
	struct conf *conf;		/* reference held */
	/* the bound tunnel's configuration (rt->conf, rebound on reload);
	 * NULL for a responder until matched */
	const struct conf_tunnel *tun;
	const struct conf_profile *prof;
	const struct conf_ipsec_profile *ipsec;

	/* negotiation */
	struct ike_suite suite;
	struct ike_keys keys;
	struct ike_dh *dh;
	uint8_t ni[IKE_MAX_NONCE], nr[IKE_MAX_NONCE];
	size_t ni_len, nr_len;
	struct buf init_i, init_r;	/* IKE_SA_INIT messages, for AUTH */
	struct buf cookie;
	uint16_t ke_retry_group;	/* INVALID_KE_PAYLOAD asked for */
	uint8_t cookie_tries;
	struct conf_id id_local, id_remote;
	uint8_t auth_local, auth_remote;	/* IKE_AUTH_* */
	/* the address the hub assigned the peer in its configuration
	 * payload: the peer's traffic selector (family 0: none) */
	struct conf_addr peer_vip;
	/* the address the peer (our hub) assigned us: our selector */
	struct conf_addr local_vip;
	/* the same for IPv6: the address sent (the first host of the
	 * prefix), its plen the prefix's, which is the selector */
	struct conf_addr peer_vip6, local_vip6;

	/* message IDs and windows (RFC 7296 2.3) */
	uint32_t next_msgid;		/* our next request */
	uint32_t peer_next_msgid;	/* the peer's next request */
	uint32_t window;		/* ours, announced */
	uint32_t peer_window;		/* the peer's (SET_WINDOW_SIZE) */
	struct ike_request req[IKE_MAX_WINDOW];
	struct ike_pending *pending, **pending_tail;	/* FIFO */
	unsigned int n_pending;
	struct ike_response resp[IKE_MAX_WINDOW];

	/* IKEv2 fragmentation (RFC 7383, ike_frag.c): the peer announced it,
	 * we use it (both did; FRAG_MTU is then our fragments' IP size),
	 * the transport adds a non-ESP marker (port 4500, set by NAT-T);
	 * the messages of the peer being reassembled (a request, a
	 * response) */
	bool frag_peer, frag_on, udp_encap;
	uint16_t frag_mtu;
	struct ike_reasm *reasm[2];
	uint32_t frag_tx, frag_rx;

	/* timers */
	struct timer half_open;		/* responder: give up */
	struct timer lifetime;		/* IKE SA lifetime */
	struct timer dpd;
	/* reauthentication (ike_reauth.c): when it is due (monotonic ms, 0:
	 * never; kept across IKE SA rekeys), the new SA that reauthenticates
	 * this one, or (in it) the SA it replaces; PEER_REAUTH: the peer
	 * made a new IKE SA for this one's tunnel and is to delete this */
	struct timer reauth;
	uint64_t reauth_at;
	struct ike_sa *reauth_new, *reauth_of;
	bool peer_reauth;
	/* the authorization's limits (ike_session.c): "session-lifetime"
	 * (its deadline in monotonic ms, 0: none; kept across IKE SA rekeys)
	 * and "ipsec flow-limit" (0: none) */
	struct timer session_end;
	uint64_t session_end_at;
	uint32_t session_lifetime;
	uint32_t flow_limit;
	time_t created, established;
	uint64_t created_ms, established_ms;	/* monotonic, for ordering */
	time_t last_rx;
	uint64_t dpd_tx, dpd_rx;	/* ESP packets at the last DPD check */

	struct child_sa *children;
	/* rekeying: the new SA our rekey makes, the one the peer's rekey
	 * made at the same time, and (in a new SA) the SA it replaces */
	struct ike_sa *rekey_new, *rekey_peer, *rekey_of;
	unsigned int rekeys;		/* of the session before this SA */
	char status[96];		/* "Negotiation done", or why not */
	uint32_t rx_msgs, tx_msgs, retransmits;
};

/* ike_state.c: an SA that carries the session (READY, with or without a
 * rekey of it under way), and a CHILD SA whose SAs carry traffic. */
bool ike_in_use(const struct ike_sa *sa);
bool child_in_use(const struct child_sa *c);

#endif /* FLEXSECD_IKE_H */
