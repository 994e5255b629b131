// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec: ESP anti-replay window.
 *
 * The receive path calls flexsec_replay_check() with the 32 bits of the
 * sequence number carried on the wire before it decrypts anything, and
 * flexsec_replay_advance() with the full 64-bit number once the ICV has been
 * verified. Both are O(1) whatever the window size: the window is a ring of
 * 64-bit blocks, each tagged with the block number it holds.
 */

#include <linux/bitops.h>
#include <linux/log2.h>
#include <linux/math.h>
#include <linux/slab.h>
#include <linux/overflow.h>

#include "replay.h"

#define BLOCK_SHIFT	6
#define BLOCK_BITS	BIT(BLOCK_SHIFT)

/* Window used to infer the high half of an ESN when the check is off. */
#define INFER_WINDOW_OFF	BIT(31)

/**
 * flexsec_replay_alloc() - allocate the receive window of an inbound SA
 * @size: window size in bits: 0 (off) or FLEXSEC_REPLAY_MIN..FLEXSEC_REPLAY_MAX
 * @esn: the SA uses 64-bit extended sequence numbers
 * @gfp: allocation flags
 *
 * Return: the window, or NULL when @size is out of range or memory is short.
 */
struct flexsec_replay *flexsec_replay_alloc(u32 size, bool esn, gfp_t gfp)
{
	struct flexsec_replay *r;
	u32 slots = 1;

	if (size && (size < FLEXSEC_REPLAY_MIN || size > FLEXSEC_REPLAY_MAX))
		return NULL;
	/* The blocks a window spans when it does not start on a boundary. */
	if (size)
		slots = roundup_pow_of_two(DIV_ROUND_UP(size, BLOCK_BITS) + 1);

	r = kzalloc(struct_size(r, slot, slots), gfp);
	if (!r)
		return NULL;
	r->size = size;
	r->mask = slots - 1;
	r->esn = esn;
	/* Block 0 holds sequence numbers 0..63 and starts empty. */
	return r;
}

/**
 * flexsec_replay_free() - free a window from flexsec_replay_alloc()
 * @r: the window, or NULL
 */
void flexsec_replay_free(struct flexsec_replay *r)
{
	kfree(r);
}

/**
 * flexsec_replay_infer() - the full sequence number of a received packet
 * @r: the window
 * @seq_lo: the 32 bits carried in the ESP header
 *
 * Without ESN this is @seq_lo. With ESN the high half is the one that puts
 * the number in or above the window (RFC 4303 Appendix A2.2): one more than
 * the current high half when @seq_lo is below the window and the window sits
 * in one 2^32 subspace, one less when the window straddles two subspaces and
 * @seq_lo falls in the lower part of the older one.
 *
 * Return: the inferred 64-bit sequence number.
 */
u64 flexsec_replay_infer(const struct flexsec_replay *r, u32 seq_lo)
{
	u32 w = r->size ? r->size : INFER_WINDOW_OFF;
	u32 tl = lower_32_bits(r->top);
	u32 th = upper_32_bits(r->top);
	u32 bottom = tl - w + 1;	/* modulo 2^32 */

	if (!r->esn)
		return seq_lo;

	if (tl >= w - 1) {
		/* The window lies in one subspace. */
		if (seq_lo < bottom)
			th++;
	} else {
		/* The window straddles subspaces th - 1 and th. */
		if (seq_lo >= bottom && th)
			th--;
	}
	return ((u64)th << 32) | seq_lo;
}

static bool replay_seen(const struct flexsec_replay *r, u64 seq)
{
	u64 block = seq >> BLOCK_SHIFT;
	const struct flexsec_replay_slot *s = &r->slot[block & r->mask];

	/* A slot still tagged with an older block reads as empty. */
	return s->block == block && (s->bits & BIT_ULL(seq & (BLOCK_BITS - 1)));
}

static enum flexsec_replay_verdict
replay_verdict(const struct flexsec_replay *r, u64 seq)
{
	if (!seq)
		return FLEXSEC_REPLAY_INVALID;
	if (!r->size || seq > r->top)
		return FLEXSEC_REPLAY_OK;
	if (r->top - seq >= r->size)
		return FLEXSEC_REPLAY_OLD;
	if (replay_seen(r, seq))
		return FLEXSEC_REPLAY_DUP;
	return FLEXSEC_REPLAY_OK;
}

/**
 * flexsec_replay_check() - may a packet be decrypted?
 * @r: the window
 * @seq_lo: the 32 bits carried in the ESP header
 * @seq: set to the inferred 64-bit sequence number, which the ICV covers
 *
 * Called before decryption; it changes nothing.
 *
 * Return: FLEXSEC_REPLAY_OK, or why the packet must be dropped.
 */
enum flexsec_replay_verdict
flexsec_replay_check(const struct flexsec_replay *r, u32 seq_lo, u64 *seq)
{
	*seq = flexsec_replay_infer(r, seq_lo);
	return replay_verdict(r, *seq);
}

/**
 * flexsec_replay_advance() - record a packet whose ICV was verified
 * @r: the window
 * @seq: the 64-bit sequence number from flexsec_replay_check()
 *
 * Repeats the check, since another packet with the same number may have
 * passed it while this one was being decrypted, then marks @seq received and
 * moves the window when @seq is the new highest. The caller serialises calls
 * for one window.
 *
 * Return: FLEXSEC_REPLAY_OK when recorded, or why the packet must be dropped.
 */
enum flexsec_replay_verdict
flexsec_replay_advance(struct flexsec_replay *r, u64 seq)
{
	enum flexsec_replay_verdict v = replay_verdict(r, seq);
	struct flexsec_replay_slot *s;
	u64 block;

	if (v != FLEXSEC_REPLAY_OK)
		return v;
	if (seq > r->top)
		r->top = seq;
	if (!r->size)
		return FLEXSEC_REPLAY_OK;

	block = seq >> BLOCK_SHIFT;
	s = &r->slot[block & r->mask];
	if (s->block != block) {
		/* Only the slot this packet lands in is ever reclaimed. */
		s->block = block;
		s->bits = 0;
	}
	s->bits |= BIT_ULL(seq & (BLOCK_BITS - 1));
	return FLEXSEC_REPLAY_OK;
}
