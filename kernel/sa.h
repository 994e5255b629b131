/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flexsec: security associations.
 */
#ifndef _FLEXSEC_SA_H
#define _FLEXSEC_SA_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/ratelimit.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

#include "crypto.h"
#include "stats.h"

struct flexsec_addr;

struct flexsec_tunnel;
struct flexsec_replay;
struct genl_info;

/* Bits of flexsec_sa.flags */
enum {
	FLEXSEC_SA_SOFT_EXPIRED,	/* soft-expire was sent */
	FLEXSEC_SA_HARD_EXPIRED,	/* no packet may use the SA */
	FLEXSEC_SA_SEQ_OVERFLOW,	/* seq-overflow was sent */
	FLEXSEC_SA_UNLINKED,		/* removed from the tables */
};

/**
 * struct flexsec_lifetime - limits of an SA; 0 means none
 * @soft_bytes: soft byte limit
 * @hard_bytes: hard byte limit
 * @soft_packets: soft packet limit
 * @hard_packets: hard packet limit
 * @soft_seconds: soft limit in seconds after installation
 * @hard_seconds: hard limit in seconds after installation
 */
struct flexsec_lifetime {
	u64 soft_bytes, hard_bytes;
	u64 soft_packets, hard_packets;
	u64 soft_seconds, hard_seconds;
};

/**
 * struct flexsec_sa - one ESP security association
 * @hnode: in the namespace's SPI hash
 * @tnode: in the tunnel's list of SAs
 * @nnode: in the namespace's list of every SA
 * @tunnel: the tunnel the SA belongs to; the SA holds its device
 * @id: number given by the kernel, unique per namespace
 * @spi: SPI, host byte order
 * @dir: FLEXSEC_DIR_IN or FLEXSEC_DIR_OUT
 * @enc_alg: enum flexsec_enc_alg, for reports
 * @auth_alg: enum flexsec_auth_alg, for reports
 * @enc_keylen: encryption key length in bytes, for reports
 * @encap_lport: UDP encapsulation (RFC 3948): our port, 0 for plain ESP
 * @encap_rport: UDP encapsulation: the peer's port (sa-set changes it)
 * @xform: the crypto
 * @seq: outbound, the last sequence number used
 * @seq_limit: outbound, the last sequence number that may be used
 * @replay: inbound, the replay window (may be off)
 * @replay_lock: inbound, serialises advances of @replay
 * @window: inbound, the replay window size asked for
 * @lifetime: the limits
 * @bytes: bytes protected so far, counted against the limits
 * @packets: packets protected so far (inbound), against the limits
 * @added: installation time, ktime_get_seconds(), for the age shown
 * @born: installation time in jiffies, which the time limits count from
 * @flags: FLEXSEC_SA_* bits
 * @timer: fires at the soft, then the hard time limit
 * @expire_work: removes the SA after a hard expiry
 * @stats: per-CPU counters
 * @event_rs: rate limit of replay-error events
 * @mapping_rs: rate limit of mapping events
 * @refcnt: references; packets in flight hold one
 * @free_work: frees the SA once unreferenced, after an RCU grace period
 */
struct flexsec_sa {
	struct hlist_node hnode;
	struct list_head tnode;
	struct list_head nnode;
	struct flexsec_tunnel *tunnel;
	u32 id;
	u32 spi;
	u8 dir;
	u8 enc_alg;
	u8 auth_alg;
	u8 enc_keylen;
	u16 encap_lport;
	u16 encap_rport;
	struct flexsec_xform xform;
	atomic64_t seq;
	u64 seq_limit;
	struct flexsec_replay *replay;
	spinlock_t replay_lock;	/* serialises advances of @replay */
	u32 window;
	struct flexsec_lifetime lifetime;
	atomic64_t bytes;
	atomic64_t packets;
	time64_t added;
	u64 born;
	unsigned long flags;
	struct timer_list timer;
	struct work_struct expire_work;
	struct flexsec_pcpu_stats __percpu *stats;
	struct ratelimit_state event_rs;
	struct ratelimit_state mapping_rs;
	refcount_t refcnt;
	struct rcu_work free_work;
};

/**
 * struct flexsec_sa_config - what sa-new asks for
 * @spi: SPI
 * @dir: direction
 * @enc_alg: encryption algorithm
 * @key: encryption key
 * @keylen: its length
 * @auth_alg: integrity algorithm, or 0
 * @akey: integrity key
 * @akeylen: its length
 * @window: replay window
 * @esn: extended sequence numbers
 * @seq: initial sequence number (outbound: last used; inbound: top)
 * @standby: outbound: do not send on it yet
 * @lifetime: limits
 * @encap_lport: UDP encapsulation: our port, or 0
 * @encap_rport: UDP encapsulation: the peer's port, or 0
 */
struct flexsec_sa_config {
	u32 spi;
	u8 dir;
	u32 enc_alg;
	const u8 *key;
	unsigned int keylen;
	u32 auth_alg;
	const u8 *akey;
	unsigned int akeylen;
	u32 window;
	bool esn;
	u64 seq;
	bool standby;
	struct flexsec_lifetime lifetime;
	u16 encap_lport;
	u16 encap_rport;
};

extern struct workqueue_struct *flexsec_wq;
extern atomic_t flexsec_sa_live;

struct flexsec_sa *flexsec_sa_create(struct flexsec_tunnel *t,
				     const struct flexsec_sa_config *cfg,
				     struct netlink_ext_ack *extack,
				     const struct nlattr *const *attrs);
void flexsec_sa_unlink(struct flexsec_sa *sa);
void flexsec_sa_put(struct flexsec_sa *sa);
bool flexsec_sa_get(struct flexsec_sa *sa);
struct flexsec_sa *flexsec_sa_lookup_in(struct net *net, u32 spi);
struct flexsec_sa *flexsec_sa_lookup_out(struct net *net, u32 spi,
					 const struct flexsec_addr *local,
					 const struct flexsec_addr *remote);
bool flexsec_sa_account(struct flexsec_sa *sa, unsigned int len, bool tx);
int flexsec_sa_next_seq(struct flexsec_sa *sa, u64 *seq);

#endif /* _FLEXSEC_SA_H */
