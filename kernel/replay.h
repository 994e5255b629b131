/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flexsec: ESP anti-replay window (RFC 4303 3.4.3, Appendix A; RFC 6479).
 */
#ifndef _FLEXSEC_REPLAY_H
#define _FLEXSEC_REPLAY_H

#include <linux/types.h>
#include <linux/gfp.h>

/* Window sizes in bits accepted by flexsec_replay_alloc(); 0 turns it off. */
#define FLEXSEC_REPLAY_MIN	32
#define FLEXSEC_REPLAY_MAX	65536
#define FLEXSEC_REPLAY_DEFAULT	64

/**
 * enum flexsec_replay_verdict - outcome of a window check or advance
 * @FLEXSEC_REPLAY_OK: the sequence number is new and inside the window
 * @FLEXSEC_REPLAY_DUP: the sequence number was already received
 * @FLEXSEC_REPLAY_OLD: the sequence number is older than the window
 * @FLEXSEC_REPLAY_INVALID: sequence number zero, which no sender may use
 */
enum flexsec_replay_verdict {
	FLEXSEC_REPLAY_OK = 0,
	FLEXSEC_REPLAY_DUP,
	FLEXSEC_REPLAY_OLD,
	FLEXSEC_REPLAY_INVALID,
};

/**
 * struct flexsec_replay - receive window of one inbound SA
 * @top: highest sequence number accepted so far (64 bits, 0 before any)
 * @size: window size in bits, 0 when the check is off
 * @mask: number of ring slots minus one (the ring is a power of two)
 * @esn: extended sequence numbers: the high half is inferred
 * @slot: the ring; each slot holds one 64-bit block of the window and the
 *	  block number it stands for, so a stale slot reads as all zeroes and
 *	  no packet ever clears more than one slot (RFC 6479, made O(1) for
 *	  jumps too).
 *
 * The window holds no lock: the caller serialises flexsec_replay_advance()
 * per SA. flexsec_replay_check() only reads and may race with an advance; the
 * advance repeats the check, so a race can only turn a pass into a drop.
 */
struct flexsec_replay {
	u64 top;
	u32 size;
	u32 mask;
	bool esn;
	struct flexsec_replay_slot {
		u64 block;
		u64 bits;
	} slot[];
};

struct flexsec_replay *flexsec_replay_alloc(u32 size, bool esn, gfp_t gfp);
void flexsec_replay_free(struct flexsec_replay *r);
u64 flexsec_replay_infer(const struct flexsec_replay *r, u32 seq_lo);
enum flexsec_replay_verdict
flexsec_replay_check(const struct flexsec_replay *r, u32 seq_lo, u64 *seq);
enum flexsec_replay_verdict
flexsec_replay_advance(struct flexsec_replay *r, u64 seq);

#endif /* _FLEXSEC_REPLAY_H */
