// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec: security associations.
 *
 * Lifetime rules: an SA is created and linked into its namespace and tunnel
 * under flexsec_net.lock, holding one reference for the tables. Readers find
 * inbound SAs by SPI and a tunnel's outbound SA under RCU and take a
 * reference (flexsec_sa_get()) for as long as a packet is in the crypto
 * layer. Unlinking (deletion, flush, hard expiry, tunnel removal) happens
 * under the lock and drops the tables' reference; the last reference frees
 * the SA after an RCU grace period, in process context, wiping its keys with
 * the transform. Each SA holds its tunnel's device until it is freed.
 */

#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <uapi/linux/flexsec.h>

#include "device.h"
#include "netlink.h"
#include "netns.h"
#include "replay.h"
#include "sa.h"

struct workqueue_struct *flexsec_wq;
atomic_t flexsec_sa_live = ATOMIC_INIT(0);

static void sa_free_work(struct work_struct *work)
{
	struct flexsec_sa *sa = container_of(to_rcu_work(work),
					     struct flexsec_sa, free_work);
	struct net_device *dev = sa->tunnel->dev;

	flexsec_xform_free(&sa->xform);
	flexsec_replay_free(sa->replay);
	free_percpu(sa->stats);
	kfree(sa);
	dev_put(dev);
	if (atomic_dec_and_test(&flexsec_sa_live))
		wake_up_var(&flexsec_sa_live);
}

/**
 * flexsec_sa_get() - take a reference on an SA found under RCU
 * @sa: the SA
 *
 * Return: false when the SA is already on its way out.
 */
bool flexsec_sa_get(struct flexsec_sa *sa)
{
	return refcount_inc_not_zero(&sa->refcnt);
}

/**
 * flexsec_sa_put() - drop a reference on an SA
 * @sa: the SA
 *
 * Context: any; the SA is freed from a workqueue after an RCU grace period.
 */
void flexsec_sa_put(struct flexsec_sa *sa)
{
	if (refcount_dec_and_test(&sa->refcnt))
		queue_rcu_work(flexsec_wq, &sa->free_work);
}

static void sa_hard_expire(struct flexsec_sa *sa, u32 limit)
{
	if (test_and_set_bit(FLEXSEC_SA_HARD_EXPIRED, &sa->flags))
		return;
	flexsec_nl_sa_event(sa, FLEXSEC_CMD_HARD_EXPIRE, limit);
	/* The work removes the SA; it holds a reference until it has run. */
	if (flexsec_sa_get(sa) && !queue_work(flexsec_wq, &sa->expire_work))
		flexsec_sa_put(sa);
}

static void sa_soft_expire(struct flexsec_sa *sa, u32 limit)
{
	if (!test_and_set_bit(FLEXSEC_SA_SOFT_EXPIRED, &sa->flags))
		flexsec_nl_sa_event(sa, FLEXSEC_CMD_SOFT_EXPIRE, limit);
}

static void sa_expire_work(struct work_struct *work)
{
	struct flexsec_sa *sa = container_of(work, struct flexsec_sa,
					     expire_work);
	struct flexsec_net *fn = flexsec_net(dev_net(sa->tunnel->dev));

	mutex_lock(&fn->lock);
	if (!test_bit(FLEXSEC_SA_UNLINKED, &sa->flags))
		flexsec_sa_unlink(sa);
	mutex_unlock(&fn->lock);
	flexsec_sa_put(sa);
}

/*
 * Jiffies left until @seconds after the SA's installation, 0 once they have
 * passed. The timer and the check count on the same clock, so a timer that
 * fires within the jiffy it was due in never finds its limit not yet reached.
 */
static unsigned long sa_left(const struct flexsec_sa *sa, u64 seconds)
{
	u64 elapsed = get_jiffies_64() - sa->born;
	u64 limit = seconds > U64_MAX / HZ ? U64_MAX : seconds * HZ;

	if (elapsed >= limit)
		return 0;
	return min_t(u64, limit - elapsed, MAX_JIFFY_OFFSET);
}

static void sa_timer(struct timer_list *timer)
{
	struct flexsec_sa *sa = from_timer(sa, timer, timer);
	const struct flexsec_lifetime *lt = &sa->lifetime;
	unsigned long left;

	if (lt->hard_seconds && !sa_left(sa, lt->hard_seconds)) {
		sa_hard_expire(sa, FLEXSEC_LIMIT_SECONDS);
		return;
	}
	if (lt->soft_seconds && !test_bit(FLEXSEC_SA_SOFT_EXPIRED, &sa->flags)) {
		left = sa_left(sa, lt->soft_seconds);
		if (left) {
			mod_timer(timer, jiffies + left);
			return;
		}
		sa_soft_expire(sa, FLEXSEC_LIMIT_SECONDS);
	}
	if (lt->hard_seconds)
		mod_timer(timer, jiffies + sa_left(sa, lt->hard_seconds));
}

/**
 * flexsec_sa_account() - count a packet against the SA's lifetime
 * @sa: the SA
 * @len: bytes of the packet before ESP (outbound) or after (inbound)
 * @tx: outbound
 *
 * Sends soft-expire when a soft limit is crossed; when a hard limit would be
 * passed the SA expires and the packet must be dropped.
 *
 * Context: any.
 * Return: true when the packet may use the SA.
 */
bool flexsec_sa_account(struct flexsec_sa *sa, unsigned int len, bool tx)
{
	const struct flexsec_lifetime *lt = &sa->lifetime;
	u64 bytes, packets;

	if (unlikely(test_bit(FLEXSEC_SA_HARD_EXPIRED, &sa->flags)))
		goto expired;
	bytes = atomic64_add_return(len, &sa->bytes);
	packets = atomic64_inc_return(&sa->packets);
	if (unlikely(lt->hard_bytes && bytes > lt->hard_bytes)) {
		sa_hard_expire(sa, FLEXSEC_LIMIT_BYTES);
		goto expired;
	}
	if (unlikely(lt->hard_packets && packets > lt->hard_packets)) {
		sa_hard_expire(sa, FLEXSEC_LIMIT_PACKETS);
		goto expired;
	}
	if (unlikely(lt->soft_bytes && bytes >= lt->soft_bytes))
		sa_soft_expire(sa, FLEXSEC_LIMIT_BYTES);
	if (unlikely(lt->soft_packets && packets >= lt->soft_packets))
		sa_soft_expire(sa, FLEXSEC_LIMIT_PACKETS);
	return true;
expired:
	flexsec_stats_inc(sa->stats, tx ? FLEXSEC_TX_EXPIRED : FLEXSEC_RX_EXPIRED);
	return false;
}

/**
 * flexsec_sa_next_seq() - the sequence number of the next outbound packet
 * @sa: an outbound SA
 * @seq: set to the number
 *
 * Numbers never wrap: once the last one is used the SA drops what it is
 * given, counts it, and sends seq-overflow once.
 *
 * Context: any.
 * Return: 0, or -EOVERFLOW.
 */
int flexsec_sa_next_seq(struct flexsec_sa *sa, u64 *seq)
{
	s64 old = atomic64_read(&sa->seq);

	do {
		if (unlikely((u64)old >= sa->seq_limit)) {
			flexsec_stats_inc(sa->stats, FLEXSEC_TX_SEQ_OVERFLOW);
			if (!test_and_set_bit(FLEXSEC_SA_SEQ_OVERFLOW, &sa->flags))
				flexsec_nl_sa_event(sa, FLEXSEC_CMD_SEQ_OVERFLOW, 0);
			return -EOVERFLOW;
		}
	} while (!atomic64_try_cmpxchg(&sa->seq, &old, old + 1));
	*seq = (u64)old + 1;
	return 0;
}

/**
 * flexsec_sa_lookup_in() - the inbound SA with this SPI
 * @net: the namespace
 * @spi: SPI, host byte order
 *
 * Context: rcu_read_lock() held; no reference is taken.
 * Return: the SA or NULL.
 */
struct flexsec_sa *flexsec_sa_lookup_in(struct net *net, u32 spi)
{
	struct flexsec_net *fn = flexsec_net(net);
	struct flexsec_sa *sa;

	hash_for_each_possible_rcu(fn->sa_hash, sa, hnode, spi)
		if (sa->spi == spi && sa->dir == FLEXSEC_DIR_IN)
			return sa;
	return NULL;
}

/**
 * flexsec_sa_lookup_out() - an outbound SA by SPI and outer addresses
 * @net: the namespace
 * @spi: SPI, host byte order
 * @local: outer source address, IPv4 or IPv6
 * @remote: outer destination address, of the same family
 *
 * Context: rcu_read_lock() held; no reference is taken.
 * Return: the SA or NULL.
 */
struct flexsec_sa *flexsec_sa_lookup_out(struct net *net, u32 spi,
					 const struct flexsec_addr *local,
					 const struct flexsec_addr *remote)
{
	struct flexsec_net *fn = flexsec_net(net);
	const struct flexsec_params *p;
	struct flexsec_sa *sa;

	hash_for_each_possible_rcu(fn->sa_hash, sa, hnode, spi) {
		if (sa->spi != spi || sa->dir != FLEXSEC_DIR_OUT)
			continue;
		p = rcu_dereference(sa->tunnel->params);
		if (flexsec_addr_eq(&p->local, local) &&
		    flexsec_addr_eq(&p->remote, remote))
			return sa;
	}
	return NULL;
}

/**
 * flexsec_sa_create() - create an SA and link it into its tunnel
 * @t: the tunnel, alive
 * @cfg: what to create
 * @extack: where a rejection is explained
 * @attrs: the request's attributes, to point at in @extack
 *
 * Context: process context, flexsec_net.lock held.
 * Return: the SA, or an ERR_PTR().
 */
struct flexsec_sa *flexsec_sa_create(struct flexsec_tunnel *t,
				     const struct flexsec_sa_config *cfg,
				     struct netlink_ext_ack *extack,
				     const struct nlattr *const *attrs)
{
	struct flexsec_net *fn = flexsec_net(dev_net(t->dev));
	struct flexsec_sa *sa;
	int err = -ENOMEM, id;

	lockdep_assert_held(&fn->lock);

	sa = kzalloc(sizeof(*sa), GFP_KERNEL);
	if (!sa)
		return ERR_PTR(-ENOMEM);
	sa->tunnel = t;
	sa->spi = cfg->spi;
	sa->dir = cfg->dir;
	sa->enc_alg = cfg->enc_alg;
	sa->auth_alg = cfg->auth_alg;
	sa->enc_keylen = cfg->keylen;
	sa->window = cfg->window;
	sa->lifetime = cfg->lifetime;
	sa->encap_lport = cfg->encap_lport;
	sa->encap_rport = cfg->encap_rport;
	sa->added = ktime_get_seconds();
	sa->born = get_jiffies_64();
	spin_lock_init(&sa->replay_lock);
	timer_setup(&sa->timer, sa_timer, 0);
	INIT_WORK(&sa->expire_work, sa_expire_work);
	INIT_RCU_WORK(&sa->free_work, sa_free_work);
	ratelimit_state_init(&sa->event_rs, HZ, 5);
	ratelimit_set_flags(&sa->event_rs, RATELIMIT_MSG_ON_RELEASE);
	ratelimit_state_init(&sa->mapping_rs, HZ, 2);
	ratelimit_set_flags(&sa->mapping_rs, RATELIMIT_MSG_ON_RELEASE);
	refcount_set(&sa->refcnt, 1);

	sa->stats = flexsec_stats_alloc(GFP_KERNEL);
	if (!sa->stats)
		goto free;
	err = flexsec_xform_init(&sa->xform, cfg->enc_alg, cfg->key,
				 cfg->keylen, cfg->auth_alg, cfg->akey,
				 cfg->akeylen, cfg->esn, extack,
				 attrs[FLEXSEC_A_SA_ENC_KEY],
				 attrs[FLEXSEC_A_SA_AUTH_ALG] ?
				 attrs[FLEXSEC_A_SA_AUTH_ALG] :
				 attrs[FLEXSEC_A_SA_AUTH_KEY]);
	if (err)
		goto free;

	if (cfg->dir == FLEXSEC_DIR_IN) {
		sa->replay = flexsec_replay_alloc(cfg->window, cfg->esn,
						  GFP_KERNEL);
		err = -ENOMEM;
		if (!sa->replay)
			goto free;
		if (cfg->seq)
			flexsec_replay_advance(sa->replay, cfg->seq);
	} else {
		sa->seq_limit = cfg->esn ? U64_MAX : U32_MAX;
		atomic64_set(&sa->seq, cfg->seq);
	}

	id = idr_alloc_cyclic(&fn->ids, sa, 1, INT_MAX, GFP_KERNEL);
	if (id < 0) {
		err = id;
		goto free;
	}
	sa->id = id;

	dev_hold(t->dev);
	atomic_inc(&flexsec_sa_live);
	list_add_tail(&sa->nnode, &fn->sas);
	list_add_tail(&sa->tnode, &t->sas);
	t->nsas++;
	hash_add_rcu(fn->sa_hash, &sa->hnode, sa->spi);
	if (cfg->dir == FLEXSEC_DIR_OUT && !cfg->standby)
		rcu_assign_pointer(t->out, sa);
	flexsec_tunnel_update_carrier(t);

	if (sa->lifetime.soft_seconds || sa->lifetime.hard_seconds) {
		u64 first = sa->lifetime.soft_seconds ?: sa->lifetime.hard_seconds;

		mod_timer(&sa->timer, jiffies + sa_left(sa, first));
	}
	return sa;

free:
	if (sa->xform.aead)
		flexsec_xform_free(&sa->xform);
	flexsec_replay_free(sa->replay);
	free_percpu(sa->stats);
	kfree(sa);
	return ERR_PTR(err);
}

/**
 * flexsec_sa_unlink() - remove an SA from every table and drop their reference
 * @sa: the SA
 *
 * When it was the tunnel's active outbound SA, the newest other outbound SA
 * of the tunnel takes over, if there is one.
 *
 * Context: process context, flexsec_net.lock held.
 */
void flexsec_sa_unlink(struct flexsec_sa *sa)
{
	struct flexsec_tunnel *t = sa->tunnel;
	struct flexsec_net *fn = flexsec_net(dev_net(t->dev));
	struct flexsec_sa *other, *next = NULL;

	lockdep_assert_held(&fn->lock);

	set_bit(FLEXSEC_SA_UNLINKED, &sa->flags);
	timer_delete_sync(&sa->timer);
	hash_del_rcu(&sa->hnode);
	list_del(&sa->nnode);
	list_del(&sa->tnode);
	t->nsas--;
	idr_remove(&fn->ids, sa->id);
	if (rcu_access_pointer(t->out) == sa) {
		list_for_each_entry(other, &t->sas, tnode)
			if (other->dir == FLEXSEC_DIR_OUT &&
			    !test_bit(FLEXSEC_SA_HARD_EXPIRED, &other->flags))
				next = other;
		rcu_assign_pointer(t->out, next);
	}
	flexsec_tunnel_update_carrier(t);
	flexsec_sa_put(sa);
}
