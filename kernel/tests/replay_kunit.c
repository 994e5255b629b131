// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the anti-replay window: numbered vectors, each a window
 * size, ESN on or off, and a list of steps with the expected verdicts.
 */

#include <kunit/test.h>

#include "../replay.h"

enum step_op {
	RECV,	/* check, then advance when the check passes (ICV good) */
	PEEK,	/* check only (ICV bad, or still being decrypted) */
	COMMIT,	/* advance only, with the full 64-bit number */
	END,
};

struct step {
	enum step_op op;
	u64 seq;	/* wire value for RECV/PEEK, 64-bit for COMMIT */
	enum flexsec_replay_verdict verdict;
	u64 full;	/* inferred 64-bit number, RECV/PEEK only */
};

struct vector {
	int id;
	const char *what;
	u32 size;
	bool esn;
	u64 prime;	/* advanced to first when non-zero */
	struct step steps[16];
};

#define OK	FLEXSEC_REPLAY_OK
#define DUP	FLEXSEC_REPLAY_DUP
#define OLD	FLEXSEC_REPLAY_OLD
#define BAD	FLEXSEC_REPLAY_INVALID
#define R(s, v)		{ RECV, (s), (v), (s) }
#define RF(s, v, f)	{ RECV, (s), (v), (f) }
#define P(s, v, f)	{ PEEK, (s), (v), (f) }
#define C(f, v)		{ COMMIT, (f), (v), (f) }
#define E		{ END }

static const struct vector vectors[] = {
	{ 1, "in order", 64, false, 0,
	  { R(1, OK), R(2, OK), R(3, OK), R(4, OK), R(5, OK), E } },
	{ 2, "duplicates", 64, false, 0,
	  { R(1, OK), R(2, OK), R(2, DUP), R(1, DUP), R(3, OK), R(3, DUP),
	    E } },
	{ 3, "reordered within the window", 64, false, 0,
	  { R(5, OK), R(3, OK), R(4, OK), R(1, OK), R(2, OK), R(3, DUP),
	    R(6, OK), R(4, DUP), E } },
	{ 4, "too old", 64, false, 0,
	  { R(100, OK), R(37, OK), R(36, OLD), R(1, OLD), R(38, OK),
	    R(37, DUP), E } },
	{ 5, "jump past the window", 64, false, 0,
	  { R(1, OK), R(2, OK), R(1000, OK), R(2, OLD), R(937, OK),
	    R(936, OLD), R(999, OK), R(1000, DUP), R(937, DUP), E } },
	{ 6, "ring slot reused by a later block", 128, false, 0,
	  { R(69, OK), R(325, OK), R(325, DUP), R(197, OLD), R(198, OK),
	    R(261, OK), R(261, DUP), R(69, OLD), E } },
	{ 7, "check races: a second copy fails at advance", 64, false, 0,
	  { R(1, OK), P(7, OK, 7), P(7, OK, 7), C(7, OK), C(7, DUP),
	    R(7, DUP), E } },
	{ 8, "failed ICV does not move the window", 64, false, 0,
	  { R(10, OK), P(500, OK, 500), R(11, OK), R(9, OK), E } },
	{ 9, "sequence number zero", 64, false, 0,
	  { R(0, BAD), R(1, OK), R(0, BAD), E } },
	{ 10, "ESN: wrap; below the window means the next subspace", 64, true, 0xfffffff0ULL,
	  { RF(0xfffffff5, OK, 0xfffffff5ULL),
	    RF(3, OK, 0x100000003ULL),
	    RF(0xfffffff8, OK, 0xfffffff8ULL),
	    RF(0xfffffff5, DUP, 0xfffffff5ULL),
	    RF(0xffffffc4, OK, 0xffffffc4ULL),
	    P(0xffffffc3, OK, 0x1ffffffc3ULL),
	    P(0xffffff00, OK, 0x1ffffff00ULL),
	    RF(0, OK, 0x100000000ULL),
	    RF(0, DUP, 0x100000000ULL), E } },
	{ 11, "ESN: window inside one subspace", 64, true, 0x500000100ULL,
	  { RF(0x100, DUP, 0x500000100ULL),
	    RF(0xc1, OK, 0x5000000c1ULL),
	    P(0xc0, OK, 0x6000000c0ULL),
	    P(0x10, OK, 0x600000010ULL),
	    RF(0x101, OK, 0x500000101ULL), E } },
	{ 12, "ESN: first packet near the end of subspace 0", 64, true, 0,
	  { RF(0xfffffff0, OK, 0xfffffff0ULL),
	    RF(2, OK, 0x100000002ULL), E } },
	{ 13, "ESN: zero is valid above subspace 0", 64, true, 0,
	  { RF(0, BAD, 0), RF(1, OK, 1), E } },
	{ 14, "window off", 0, false, 0,
	  { R(5, OK), R(5, OK), R(1, OK), R(0, BAD), R(1000000, OK), R(2, OK),
	    E } },
	{ 15, "window off, ESN still inferred", 0, true, 0xfffffff0ULL,
	  { RF(0x10, OK, 0x100000010ULL),
	    RF(0xfffffff1, OK, 0xfffffff1ULL),
	    RF(0x20, OK, 0x100000020ULL), E } },
	{ 16, "smallest window", 32, false, 0,
	  { R(40, OK), R(9, OK), R(8, OLD), R(9, DUP), R(41, OK), R(9, OLD),
	    E } },
	{ 17, "largest window", 65536, false, 0,
	  { R(1, OK), R(70000, OK), R(4465, OK), R(4464, OLD), R(4465, DUP),
	    R(1, OLD), R(70001, OK), R(4466, OK), E } },
	{ 18, "largest window, jump of many blocks", 65536, true,
	  0x1fffff000ULL,
	  { RF(0x1000, OK, 0x200001000ULL),
	    RF(0xfffff000, DUP, 0x1fffff000ULL),
	    RF(0xfffff001, OK, 0x1fffff001ULL), E } },
	{ 19, "window of 1024, the largest IOS offers", 1024, false, 0,
	  { R(2000, OK), R(977, OK), R(976, OLD), R(1500, OK), R(1500, DUP),
	    R(3023, OK), R(2000, DUP), R(1999, OLD), R(2001, OK), E } },
};

static void vector_desc(const struct vector *v, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%02d %s", v->id, v->what);
}

KUNIT_ARRAY_PARAM(replay_vector, vectors, vector_desc);

static void replay_vector_test(struct kunit *test)
{
	const struct vector *v = test->param_value;
	struct flexsec_replay *r;
	const struct step *s;
	u64 full;
	int i;

	r = flexsec_replay_alloc(v->size, v->esn, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r);
	if (v->prime)
		KUNIT_ASSERT_EQ(test, flexsec_replay_advance(r, v->prime), OK);

	for (i = 0, s = v->steps; s->op != END; i++, s++) {
		enum flexsec_replay_verdict got;

		switch (s->op) {
		case RECV:
		case PEEK:
			got = flexsec_replay_check(r, (u32)s->seq, &full);
			KUNIT_EXPECT_EQ_MSG(test, got, s->verdict,
					    "vector %d step %d: check %#llx",
					    v->id, i, s->seq);
			if (s->verdict != BAD)
				KUNIT_EXPECT_EQ_MSG(test, full, s->full,
						    "vector %d step %d: inferred",
						    v->id, i);
			if (s->op == RECV && got == OK)
				KUNIT_EXPECT_EQ_MSG(test,
						    flexsec_replay_advance(r, full),
						    OK, "vector %d step %d: advance",
						    v->id, i);
			break;
		case COMMIT:
			got = flexsec_replay_advance(r, s->seq);
			KUNIT_EXPECT_EQ_MSG(test, got, s->verdict,
					    "vector %d step %d: advance %#llx",
					    v->id, i, s->seq);
			break;
		case END:
			break;
		}
	}
	flexsec_replay_free(r);
}

static void replay_sizes_test(struct kunit *test)
{
	static const struct {
		u32 size;
		bool ok;
	} sizes[] = {
		{ 0, true }, { 1, false }, { 31, false }, { 32, true },
		{ 64, true }, { 100, true }, { 1024, true }, { 65536, true },
		{ 65537, false }, { U32_MAX, false },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		struct flexsec_replay *r;

		r = flexsec_replay_alloc(sizes[i].size, false, GFP_KERNEL);
		KUNIT_EXPECT_EQ_MSG(test, !!r, sizes[i].ok, "size %u",
				    sizes[i].size);
		flexsec_replay_free(r);
	}
}

/* Every number of a long run with random reordering is accepted once. */
static void replay_exhaustive_test(struct kunit *test)
{
	struct flexsec_replay *r;
	u64 full, base;
	int i, j;

	r = flexsec_replay_alloc(256, true, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_ASSERT_EQ(test, flexsec_replay_advance(r, 0xffffff00ULL), OK);

	/* Blocks of 200 received backwards, crossing the 2^32 boundary. */
	for (base = 0xffffff01ULL; base < 0x100000400ULL; base += 200) {
		for (i = 199; i >= 0; i--) {
			u32 lo = (u32)(base + i);

			KUNIT_ASSERT_EQ(test, flexsec_replay_check(r, lo, &full),
					OK);
			KUNIT_ASSERT_EQ(test, full, base + i);
			KUNIT_ASSERT_EQ(test, flexsec_replay_advance(r, full),
					OK);
		}
		for (j = 0; j < 200; j++)
			KUNIT_ASSERT_NE(test,
					flexsec_replay_check(r, (u32)(base + j),
							     &full), OK);
	}
	flexsec_replay_free(r);
}

static struct kunit_case replay_cases[] = {
	KUNIT_CASE_PARAM(replay_vector_test, replay_vector_gen_params),
	KUNIT_CASE(replay_sizes_test),
	KUNIT_CASE(replay_exhaustive_test),
	{}
};

static struct kunit_suite replay_suite = {
	.name = "flexsec_replay",
	.test_cases = replay_cases,
};

kunit_test_suite(replay_suite);
