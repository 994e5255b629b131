// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of flexsecd's key exchange (flexsecd/crypto.c), with
 * published vectors:
 *  - ECP groups 19, 20, 21: RFC 5903 section 8 (i, r and g^ir; the public
 *    values g^i and g^r were recomputed from i and r);
 *  - Curve25519: RFC 7748 section 6.1;
 * fresh key pairs of every group that agree on a secret, the groups
 * refused, and the public values of a peer that must be rejected.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "algs.h"
#include "crypto.h"
#include "crypto_util.h"
#include "ike_proto.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* --- key exchange --- */

struct ecp_vector {
	uint16_t group;
	const char *i, *gi, *r, *gr, *girx;
};

/* RFC 5903 section 8 */
static const struct ecp_vector ecp_vectors[] = {
	{
		IKE_DH_ECP_256,
		"c88f01f510d9ac3f70a292daa2316de544e9aab8afe84049c62a9c57862d1433",
		"dad0b65394221cf9b051e1feca5787d098dfe637fc90b9ef945d0c3772581180"
		"5271a0461cdb8252d61f1c456fa3e59ab1f45b33accf5f58389e0577b8990bb3",
		"c6ef9c5d78ae012a011164acb397ce2088685d8f06bf9be0b283ab46476bee53",
		"d12dfb5289c8d4f81208b70270398c342296970a0bccb74c736fc7554494bf63"
		"56fbf3ca366cc23e8157854c13c58d6aac23f046ada30f8353e74f33039872ab",
		"d6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de",
	},
	{
		IKE_DH_ECP_384,
		"099f3c7034d4a2c699884d73a375a67f7624ef7c6b3c0f160647b67414dce655"
		"e35b538041e649ee3faef896783ab194",
		"667842d7d180ac2cde6f74f37551f55755c7645c20ef73e31634fe72b4c55ee6"
		"de3ac808acb4bdb4c88732aee95f41aa9482ed1fc0eeb9cafc4984625ccfc23f"
		"65032149e0e144ada024181535a0f38eeb9fcff3c2c947dae69b4c634573a81c",
		"41cb0779b4bdb85d47846725fbec3c9430fab46cc8dc5060855cc9bda0aa2942"
		"e0308312916b8ed2960e4bd55a7448fc",
		"e558dbef53eecde3d3fccfc1aea08a89a987475d12fd950d83cfa41732bc509d"
		"0d1ac43a0336def96fda41d0774a3571dcfbec7aacf3196472169e838430367f"
		"66eebe3c6e70c416dd5f0c68759dd1fff83fa40142209dff5eaad96db9e6386c",
		"11187331c279962d93d604243fd592cb9d0a926f422e47187521287e7156c5c4"
		"d603135569b9e9d09cf5d4a270f59746",
	},
	{
		IKE_DH_ECP_521,
		"0037ade9319a89f4dabdb3ef411aaccca5123c61acab57b5393dce47608172a0"
		"95aa85a30fe1c2952c6771d937ba9777f5957b2639bab072462f68c27a57382d"
		"4a52",
		"0015417e84dbf28c0ad3c278713349dc7df153c897a1891bd98bab4357c9ecbe"
		"e1e3bf42e00b8e380aeae57c2d107564941885942af5a7f4601723c4195d176c"
		"ed3e017cae20b6641d2eeb695786d8c946146239d099e18e1d5a514c739d7cb4"
		"a10ad8a788015ac405d7799dc75e7b7d5b6cf2261a6a7f1507438bf01beb6ca3"
		"926f9582",
		"0145ba99a847af43793fdd0e872e7cdfa16be30fdc780f97bccc3f078380201e"
		"9c677d600b343757a3bdbf2a3163e4c2f869cca7458aa4a4effc311f5cb15168"
		"5eb9",
		"00d0b3975ac4b799f5bea16d5e13e9af971d5e9b984c9f39728b5e5739735a21"
		"9b97c356436adc6e95bb0352f6be64a6c2912d4ef2d0433ced2b6171640012d9"
		"460f015c68226383956e3bd066e797b623c27ce0eac2f551a10c2c724d985207"
		"7b87220b6536c5c408a1d2aebb8e86d678ae49cb57091f4732296579ab44fcd1"
		"7f0fc56a",
		"01144c7d79ae6956bc8edb8e7c787c4521cb086fa64407f97894e5e6b2d79b04"
		"d1427e73ca4baa240a34786859810c06b3c715a3a8cc3151f2bee417996d19f3"
		"ddea",
	},
	{
		/* RFC 7748 section 6.1: Alice (i) and Bob (r) */
		IKE_DH_CURVE25519,
		"77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
		"8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
		"5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb",
		"de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
		"4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742",
	},
};

/*
 * One side of a vector: its public value, then the secret from the
 * other side's public value.
 */
static void check_kex_side(uint16_t group, const char *priv_hex,
			   const char *pub_hex, const char *peer_hex,
			   const char *secret_hex)
{
	uint8_t priv[66], pub[IKE_MAX_DH], peer[IKE_MAX_DH];
	uint8_t want[IKE_MAX_DH], got[IKE_MAX_DH], secret[IKE_MAX_SECRET];
	size_t plen, publen, peerlen, slen, got_len;
	const struct alg *a = alg_find(IKE_TT_DH, group, 0);
	struct ike_dh *dh;

	assert_non_null(a);
	plen = unhex(priv_hex, priv, sizeof(priv));
	publen = unhex(pub_hex, pub, sizeof(pub));
	peerlen = unhex(peer_hex, peer, sizeof(peer));
	slen = unhex(secret_hex, want, sizeof(want));
	assert_int_equal(publen, a->dh_len);

	dh = ike_dh_new_priv(group, priv, plen);
	assert_non_null(dh);
	assert_int_equal(ike_dh_group(dh), group);
	assert_int_equal(ike_dh_public(dh, got, sizeof(got)), publen);
	assert_memory_equal(got, pub, publen);
	/* Too small a buffer. */
	assert_int_equal(ike_dh_public(dh, got, publen - 1), 0);

	/* *secret_len: the room on entry, the length on return */
	got_len = slen - 1;
	assert_int_equal(ike_dh_derive(dh, peer, peerlen, secret, &got_len),
			 -1);
	got_len = sizeof(secret);
	assert_int_equal(ike_dh_derive(dh, peer, peerlen, secret, &got_len),
			 0);
	assert_int_equal(got_len, slen);
	assert_memory_equal(secret, want, slen);
	ike_dh_free(dh);
}

static void kex_vectors(void **state)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ecp_vectors); i++) {
		const struct ecp_vector *v = &ecp_vectors[i];

		check_kex_side(v->group, v->i, v->gi, v->gr, v->girx);
		check_kex_side(v->group, v->r, v->gr, v->gi, v->girx);
	}
}

/* Two fresh key pairs of GROUP agree on a secret of LEN bytes. */
static void kex_round_trip(uint16_t group, size_t secret_len)
{
	uint8_t pa[IKE_MAX_DH], pb[IKE_MAX_DH];
	uint8_t sa[IKE_MAX_SECRET], sb[IKE_MAX_SECRET];
	const struct alg *a = alg_find(IKE_TT_DH, group, 0);
	struct ike_dh *da, *db;
	size_t la, lb, na, nb;

	assert_non_null(a);
	assert_true(ike_dh_supported(group));
	da = ike_dh_new(group);
	db = ike_dh_new(group);
	assert_non_null(da);
	assert_non_null(db);
	na = ike_dh_public(da, pa, sizeof(pa));
	nb = ike_dh_public(db, pb, sizeof(pb));
	assert_int_equal(na, a->dh_len);
	assert_int_equal(nb, a->dh_len);
	assert_memory_not_equal(pa, pb, na);
	la = sizeof(sa);
	lb = sizeof(sb);
	assert_int_equal(ike_dh_derive(da, pb, nb, sa, &la), 0);
	assert_int_equal(ike_dh_derive(db, pa, na, sb, &lb), 0);
	assert_int_equal(la, secret_len);
	assert_int_equal(lb, secret_len);
	assert_memory_equal(sa, sb, la);
	ike_dh_free(da);
	ike_dh_free(db);
}

static void kex_modp_round_trip(void **state)
{
	kex_round_trip(IKE_DH_MODP_2048, 256);
	kex_round_trip(IKE_DH_MODP_3072, 384);
	kex_round_trip(IKE_DH_MODP_4096, 512);
}

static void kex_ecp_round_trip(void **state)
{
	kex_round_trip(IKE_DH_ECP_256, 32);
	kex_round_trip(IKE_DH_ECP_384, 48);
	kex_round_trip(IKE_DH_ECP_521, 66);
	kex_round_trip(IKE_DH_CURVE25519, 32);
}

static void kex_unsupported(void **state)
{
	uint8_t priv[32] = { 1 };

	assert_false(ike_dh_supported(IKE_DH_NONE));
	assert_false(ike_dh_supported(IKE_DH_MODP_1024));
	assert_false(ike_dh_supported(IKE_DH_MODP_768));
	assert_null(ike_dh_new(IKE_DH_MODP_1024));
	assert_null(ike_dh_new(999));
	assert_null(ike_dh_new_priv(IKE_DH_MODP_1024, priv, sizeof(priv)));
	/* X25519 keys are exactly 32 bytes; ECP scalars not above the order. */
	assert_null(ike_dh_new_priv(IKE_DH_CURVE25519, priv, 31));
	memset(priv, 0, sizeof(priv));
	assert_null(ike_dh_new_priv(IKE_DH_ECP_256, priv, 32));
	memset(priv, 0xff, sizeof(priv));
	assert_null(ike_dh_new_priv(IKE_DH_ECP_256, priv, 32));
	ike_dh_free(NULL);
}

/* RFC 3526 2048-bit MODP prime */
static const char modp2048_p[] =
	"ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74"
	"020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437"
	"4fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed"
	"ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf05"
	"98da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb"
	"9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b"
	"e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf695581718"
	"3995497cea956ae515d2261898fa051015728e5a8aacaa68ffffffffffffffff";

static void expect_reject(struct ike_dh *dh, const uint8_t *peer, size_t len)
{
	uint8_t secret[IKE_MAX_SECRET];
	size_t slen = sizeof(secret);

	assert_int_equal(ike_dh_derive(dh, peer, len, secret, &slen), -1);
	assert_int_equal(slen, sizeof(secret));
}

static void kex_reject_modp(void **state)
{
	struct ike_dh *dh = ike_dh_new(IKE_DH_MODP_2048);
	uint8_t y[257];

	assert_non_null(dh);
	memset(y, 0, sizeof(y));
	expect_reject(dh, y, 256);		/* 0 */
	y[255] = 1;
	expect_reject(dh, y, 256);		/* 1 */
	unhex(modp2048_p, y, sizeof(y));
	expect_reject(dh, y, 256);		/* p */
	y[255] = 0xfe;
	expect_reject(dh, y, 256);		/* p - 1 */
	memset(y, 0xff, sizeof(y));
	expect_reject(dh, y, 256);		/* > p */
	y[0] = 0x12;
	expect_reject(dh, y, 255);		/* short */
	expect_reject(dh, y, 257);		/* long */
	expect_reject(dh, NULL, 256);
	expect_reject(dh, y, 0);
	ike_dh_free(dh);
}

static void kex_reject_ecp(void **state)
{
	const struct ecp_vector *v = &ecp_vectors[0];
	struct ike_dh *dh = ike_dh_new(IKE_DH_ECP_256);
	uint8_t pt[65];

	assert_non_null(dh);
	unhex(v->gr, pt, sizeof(pt));
	pt[63] ^= 1;				/* off the curve */
	expect_reject(dh, pt, 64);
	pt[63] ^= 1;
	expect_reject(dh, pt, 63);		/* short */
	expect_reject(dh, pt, 65);		/* long */
	memset(pt, 0, sizeof(pt));
	expect_reject(dh, pt, 64);		/* (0, 0) */
	memset(pt, 0xff, sizeof(pt));
	expect_reject(dh, pt, 64);		/* coordinates >= p */
	ike_dh_free(dh);

	dh = ike_dh_new(IKE_DH_ECP_521);
	assert_non_null(dh);
	memset(pt, 0, sizeof(pt));
	expect_reject(dh, pt, 64);
	ike_dh_free(dh);
}

static void kex_reject_x25519(void **state)
{
	struct ike_dh *dh = ike_dh_new(IKE_DH_CURVE25519);
	uint8_t u[33];

	assert_non_null(dh);
	memset(u, 0, sizeof(u));
	expect_reject(dh, u, 32);	/* low order: all-zero secret */
	u[0] = 1;
	expect_reject(dh, u, 32);	/* u = 1, low order too */
	expect_reject(dh, u, 31);
	expect_reject(dh, u, 33);
	ike_dh_free(dh);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kex_vectors),
		cmocka_unit_test(kex_modp_round_trip),
		cmocka_unit_test(kex_ecp_round_trip),
		cmocka_unit_test(kex_unsupported),
		cmocka_unit_test(kex_reject_modp),
		cmocka_unit_test(kex_reject_ecp),
		cmocka_unit_test(kex_reject_x25519),
	};

	return cmocka_run_group_tests_name("crypto_dh", tests, NULL, NULL);
}
