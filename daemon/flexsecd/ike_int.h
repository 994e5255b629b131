/* SPDX-License-Identifier: GPL-2.0 */
/* Internal interfaces between the IKE engine's files (ike_*.c, child.c). */
#ifndef FLEXSECD_IKE_INT_H
#define FLEXSECD_IKE_INT_H

#include "daemon.h"
#include "diag.h"
#include "ike.h"
#include "msg.h"
#include "proposal.h"

typedef void (*ike_resp_fn)(struct ike_sa *sa, struct ike_request *rq,
			    const struct ike_msg *m);

/* ike_sa.c: the table of IKE SAs, message IDs, sending, retransmission */
/* A new IKE SA in the SA manager; a responder's gets the peer's SPI. */
struct ike_sa *ike_sa_new(bool initiator, const struct sockaddr_storage *local,
			  const struct sockaddr_storage *remote,
			  uint64_t peer_spi_i);
void ike_sa_free(struct ike_sa *sa);
/* Ends SA with an error: the exit-path table, the event trace, the log;
 * its child SAs leave the kernel; it is freed when the loop is idle. */
void ike_sa_fail(struct ike_sa *sa, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#define IKE_MAX_PENDING	32	/* requests queued per IKE SA */

#define IKE_FAIL(sa, ...) ike_sa_fail((sa), diag_where(__func__, __LINE__), \
				      __VA_ARGS__)
/* Ends SA quietly (deleted by request): children removed, freed later. */
void ike_sa_drop(struct ike_sa *sa, const char *why);
void ike_sa_reap(void);
struct ike_sa *ike_sa_for_tunnel(const struct conf_tunnel *t);
void ike_dctx(const struct ike_sa *sa, struct dctx *c);
void ike_set_status(struct ike_sa *sa, const char *status);
/* ike_state.c: state changes go through here, checked against the table
 * of allowed transitions ("debug crypto ikev2 internal"); 0, or -1 with
 * an internal error reported when the change is not allowed. */
int ike_set_state(struct ike_sa *sa, enum ike_state st);
int child_set_state(struct child_sa *c, enum child_state st);
const char *ike_state_name(enum ike_state st);

const char *child_state_name(enum child_state st);
unsigned int ike_in_negotiation(bool initiator);

/* Sends an encrypted request with the payloads of INNER (a chain without
 * header); FN gets the decrypted response. IKE_SA_INIT requests are sent
 * with ike_send_init_request, whose MB is the whole message. */
/* ARG is the request's rq->arg for FN. A request that does not fit the
 * peer's window waits in the SA's queue (INNER is then taken over) and is
 * sent when a response makes room: returns 0 sent, 1 queued, -1 failed. */
int ike_send_request(struct ike_sa *sa, uint8_t exch, struct msg_builder *inner,
		     ike_resp_fn fn, void *arg);
bool ike_window_full(const struct ike_sa *sa);
/* Sends what waits in the queue as the window allows; frees the queue. */
void ike_pending_run(struct ike_sa *sa);
void ike_pending_free(struct ike_sa *sa);
int ike_send_init_request(struct ike_sa *sa, struct msg_builder *mb,
			  ike_resp_fn fn);
int ike_send_response(struct ike_sa *sa, const struct ike_msg *req,
		      struct msg_builder *inner);
/* Sends the datagram B on SA's addresses (a retransmission or a cached
 * response): 0 or -errno, counted. */
int ike_xmit(struct ike_sa *sa, const struct buf *b);
/* An unencrypted IKE_SA_INIT answer carrying one notify, without state. */
void ike_send_init_notify(const struct ike_msg *req,
			  const struct sockaddr_storage *local,
			  const struct sockaddr_storage *remote,
			  uint16_t type, const void *data, size_t len);
/* Debug output of a message going out or coming in. */
void ike_debug_msg(const struct ike_sa *sa, const struct ike_msg *m,
		   bool out, bool encrypted);
/* The same for a message of no SA (yet). */
void ike_debug_msg_at(const struct dctx *c,
		      const struct sockaddr_storage *local,
		      const struct sockaddr_storage *remote,
		      const struct ike_msg *m, bool out, bool encrypted);

/* The IKE SA's settings (the window, retransmission) from its conf. */
uint32_t ike_window(const struct ike_sa *sa);
/* The rekey point for a lifetime of HARD bytes or packets: 90% of it,
 * less a random share of up to the rekey jitter (percent of HARD); for
 * HARD seconds the same, but 10 s (or half) before the end at least. */
uint64_t ike_soft_limit(uint64_t hard);
uint64_t ike_soft_seconds(uint64_t hard);
/* Arms SA's timer for its rekey (the profile's lifetime). */
void ike_lifetime_start(struct ike_sa *sa);
/* ike_rekey.c: IKE SA rekeying. Start: 0 started, 1 busy (try later),
 * -1 failed. */
int ike_rekey_start(struct ike_sa *sa);
void ike_rekey_rx_request(struct ike_sa *sa, const struct ike_msg *m);
/* No request of ours is out or waiting. */
bool ike_idle(const struct ike_sa *sa);
/* The first error notify of M, or DEF. */
uint16_t ike_error_notify(const struct ike_msg *m, uint16_t def);
/* Dead peer detection, when the profile has "dpd" (periodic checks). */
void ike_dpd_start(struct ike_sa *sa);

/* ike_cookie.c: the responder's stateless COOKIEs (RFC 7296 2.6). Make:
 * the cookie for (Ni, IPi, SPIi) with the current secret, 0 or -1.
 * Valid: C (LEN octets) is one of ours for them, made with the current
 * secret or the one before. Required: the configuration and the count
 * of half-open responder SAs ask for a cookie now. Admit: true when
 * IKE_SA_INIT request M (nonce NI) may go on; false when it was answered
 * with a COOKIE (none, or not a valid one) and is to be dropped.
 * Rotate: a new secret now, the current one becomes the previous. */
#define IKE_COOKIE_LEN	(4 + 32)
int ike_cookie_make(const uint8_t *ni, size_t ni_len,
		    const struct sockaddr_storage *ip, uint64_t spi_i,
		    uint8_t out[IKE_COOKIE_LEN]);
bool ike_cookie_valid(const uint8_t *c, size_t len, const uint8_t *ni,
		      size_t ni_len, const struct sockaddr_storage *ip,
		      uint64_t spi_i);
bool ike_cookie_required(void);
bool ike_cookie_admit(const struct ike_msg *m, const uint8_t *ni,
		      size_t ni_len, const struct sockaddr_storage *local,
		      const struct sockaddr_storage *remote);
void ike_cookie_rotate(void);
void ike_cookie_fini(void);

/* ike_rx.c: opens the IKE socket(s), each datagram to the engine */
int ike_net_open(void);

/* ike_init.c: IKE_SA_INIT; ike_initiate_sa with REAUTH_OF: the new IKE
 * SA is to replace that one (reauthentication) */
int ike_initiate(const struct conf_tunnel *t, unsigned int ifindex);
int ike_initiate_sa(const struct conf_tunnel *t, struct ike_sa *reauth_of);

/* ike_reauth.c: reauthentication. Arm: SA is established (or took over
 * from a rekeyed SA); the timer runs when its profile asks for it. Done:
 * the initiator's new SA is up with its CHILD SA (true when SA was a
 * reauthentication: the old SA is deleted). Peer: the peer made SA, a new
 * IKE SA for OLD's tunnel, long after OLD: it reauthenticates, and deletes
 * OLD itself. Gone: SA leaves; the pointers to and from it go. */
void ike_reauth_init(struct ike_sa *sa);
void ike_reauth_arm(struct ike_sa *sa);
bool ike_reauth_done(struct ike_sa *sa);
void ike_reauth_by_peer(struct ike_sa *sa, struct ike_sa *old);
void ike_reauth_gone(struct ike_sa *sa);
void ike_init_rx_request(const struct ike_msg *m,
			 const struct sockaddr_storage *local,
			 const struct sockaddr_storage *remote);

/* ike_session.c: the authorization's limits on a session. Init: SA is
 * made. Limits: the hub authorized SA with the merged attributes M
 * (session-lifetime arms the end of the session, counted from now;
 * flow-limit caps its CHILD SAs). Take over: the rekey N replaces O, with
 * O's deadline. Flow check: whether the peer may add a CHILD SA (0), or
 * NO_ADDITIONAL_SAS. */
struct authz_attrs;
void ike_session_init(struct ike_sa *sa);
void ike_session_limits(struct ike_sa *sa, const struct authz_attrs *m);
void ike_session_take_over(struct ike_sa *n, struct ike_sa *o);
uint16_t ike_flow_check(const struct ike_sa *sa);

/* ike_auth.c: IKE_AUTH */
void ike_auth_start(struct ike_sa *sa);
void ike_auth_rx_request(struct ike_sa *sa, const struct ike_msg *m);

/* child.c: CHILD SAs (IKE_AUTH's and CREATE_CHILD_SA) */
int child_add_offer(struct ike_sa *sa, struct msg_builder *mb,
		    struct child_sa **out);
/* Responder: picks the proposal and selectors from M (IKE_AUTH or
 * CREATE_CHILD_SA request), installs the SAs and adds SA/TSi/TSr (or the
 * error notify) to MB. Returns 0 or the notify type sent. */
/* C's selectors again from its IKE SA (an address assigned since). */
void child_ts_refresh(struct child_sa *c);
int child_respond(struct ike_sa *sa, const struct ike_msg *m,
		  struct msg_builder *mb, const uint8_t *gir, size_t gir_len,
		  const uint8_t *ni, size_t ni_len, const uint8_t *nr,
		  size_t nr_len, bool rekey, struct child_sa **made);
/* Initiator: completes C from the response M; 0 or the error notify. */
int child_complete(struct ike_sa *sa, struct child_sa *c,
		   const struct ike_msg *m, const uint8_t *gir,
		   size_t gir_len, const uint8_t *ni, size_t ni_len,
		   const uint8_t *nr, size_t nr_len);
void child_free(struct child_sa *c, bool kernel);
void child_create_rx_request(struct ike_sa *sa, const struct ike_msg *m);
int child_create_start(struct ike_sa *sa);
/* child_create.c: CREATE_CHILD_SA for a new CHILD SA, or (OLD given) the
 * rekey of OLD. */
int child_create_send(struct ike_sa *sa, struct child_sa *old);
/* child_rekey.c: flexsec.ko's soft expiry of an SA starts its rekey. */
void child_soft_expired(unsigned int ifindex, uint32_t spi, bool inbound);
int child_rekey_start(struct child_sa *old);
/* The peer deleted OLD (or it expired): a redundant SA of ours from a
 * rekey collision over OLD is deleted now. Call before freeing OLD. */
void child_gone(struct child_sa *old);
/* DELETE for C; its SAs leave flexsec.ko when the peer answers. */
int child_delete_send(struct child_sa *c);
struct child_sa *child_find_out(struct ike_sa *sa, uint32_t spi_out);
struct child_sa *child_find_in(struct ike_sa *sa, uint32_t spi_in);

/* ike_info.c: INFORMATIONAL */
void ike_info_rx_request(struct ike_sa *sa, const struct ike_msg *m);
int ike_delete_send(struct ike_sa *sa);
/* flexsec.ko removed an SA at its hard lifetime: its CHILD SA goes too
 * (DELETE to the peer). True when it was one of ours. */
bool ike_child_expired(unsigned int ifindex, uint32_t spi, bool inbound);
/* The CHILD SAs of SA deleted (DELETE to the peer); returns how many. */
unsigned int ike_delete_children(struct ike_sa *sa);
/* DELETE sent once, and SA (with its CHILD SAs) removed at once. */
void ike_delete_now(struct ike_sa *sa, const char *why);

/* main.c */
unsigned int tunnel_ifindex(const struct conf_tunnel *t);
int tunnel_local(const struct conf_tunnel *t, struct conf_addr *out);

#endif /* FLEXSECD_IKE_INT_H */
