// SPDX-License-Identifier: GPL-2.0
/*
 * Stateless COOKIEs for the responder (RFC 7296 2.6): while "crypto ikev2
 * cookie-challenge N" half-open responder SAs exist (or always, with
 * "cookie-challenge always"), an IKE_SA_INIT request without a valid
 * COOKIE is answered with a fresh one, and nothing is kept or computed
 * for it beyond one HMAC.
 *
 *   COOKIE = <generation of the secret, 4 octets> |
 *            HMAC-SHA256(secret, generation | Ni | IPi | SPIi)
 *
 * The secret is random and replaced every COOKIE_SECRET_LIFE_MS; a cookie
 * of the one before it is still accepted until the next change, so an
 * initiator's answer never meets a secret it was not made with unless it
 * comes more than one lifetime late.
 */
#include <netinet/in.h>
#include <string.h>

#include <openssl/rand.h>

#include "crypto.h"
#include "ike_int.h"
#include "loop.h"
#include "net.h"
#include "sa_mgr.h"

#define COOKIE_SECRET_LEN	32
#define COOKIE_SECRET_LIFE_MS	60000

struct cookie_secret {
	uint32_t gen;
	bool valid;
	uint8_t key[COOKIE_SECRET_LEN];
};

static struct {
	struct cookie_secret cur, prev;
	uint64_t born_ms;		/* when CUR was drawn */
	uint32_t next_gen;
} K;

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static int draw(struct cookie_secret *s)
{
	if (RAND_bytes(s->key, sizeof(s->key)) != 1) {
		s->valid = false;
		return -1;
	}
	s->gen = K.next_gen++;
	s->valid = true;
	return 0;
}

void ike_cookie_rotate(void)
{
	K.prev = K.cur;
	if (draw(&K.cur))
		log_err("COOKIE: no random bytes for a new secret");
	K.born_ms = now_ms();
	ike_stats.cookie_rotations++;
}

/* The secrets as they stand now: replaced when CUR is a lifetime old; a
 * secret two lifetimes old is not kept as the previous one either. */
static void age(void)
{
	uint64_t now = now_ms();

	if (K.cur.valid && now - K.born_ms < COOKIE_SECRET_LIFE_MS)
		return;
	if (K.cur.valid && now - K.born_ms >= 2 * COOKIE_SECRET_LIFE_MS)
		explicit_bzero(&K.cur, sizeof(K.cur));
	ike_cookie_rotate();
}

void ike_cookie_fini(void)
{
	explicit_bzero(&K, sizeof(K));
}

/* HMAC-SHA256(S, gen | Ni | IPi | SPIi) into MAC (32 octets). */
static int mac_of(const struct cookie_secret *s, const uint8_t *ni,
		  size_t ni_len, const struct sockaddr_storage *ip,
		  uint64_t spi_i, uint8_t *mac)
{
	uint8_t in[4 + IKE_MAX_NONCE + 16 + 8], *p = in;
	int i;

	if (!ni_len || ni_len > IKE_MAX_NONCE)
		return -1;
	put32(p, s->gen);
	p += 4;
	memcpy(p, ni, ni_len);
	p += ni_len;
	if (ip->ss_family == AF_INET6) {
		memcpy(p, &((const struct sockaddr_in6 *)ip)->sin6_addr, 16);
		p += 16;
	} else {
		memcpy(p, &((const struct sockaddr_in *)ip)->sin_addr, 4);
		p += 4;
	}
	for (i = 7; i >= 0; i--)
		*p++ = (uint8_t)(spi_i >> (8 * i));
	return ike_prf(IKE_PRF_HMAC_SHA2_256, s->key, sizeof(s->key), in,
		       (size_t)(p - in), mac);
}

int ike_cookie_make(const uint8_t *ni, size_t ni_len,
		    const struct sockaddr_storage *ip, uint64_t spi_i,
		    uint8_t out[IKE_COOKIE_LEN])
{
	age();
	if (!K.cur.valid)
		return -1;
	put32(out, K.cur.gen);
	return mac_of(&K.cur, ni, ni_len, ip, spi_i, out + 4);
}

bool ike_cookie_valid(const uint8_t *c, size_t len, const uint8_t *ni,
		      size_t ni_len, const struct sockaddr_storage *ip,
		      uint64_t spi_i)
{
	const struct cookie_secret *s = NULL;
	uint8_t mac[32];
	uint32_t gen;
	bool ok;

	if (len != IKE_COOKIE_LEN)
		return false;
	age();
	gen = (uint32_t)c[0] << 24 | (uint32_t)c[1] << 16 |
	      (uint32_t)c[2] << 8 | c[3];
	if (K.cur.valid && gen == K.cur.gen)
		s = &K.cur;
	else if (K.prev.valid && gen == K.prev.gen)
		s = &K.prev;
	if (!s || mac_of(s, ni, ni_len, ip, spi_i, mac))
		return false;
	ok = ike_memeq(mac, c + 4, sizeof(mac));
	explicit_bzero(mac, sizeof(mac));
	return ok;
}

bool ike_cookie_required(void)
{
	const struct conf_global *g = &D.conf->g;

	if (g->cookie_always)
		return true;
	return g->cookie_challenge &&
	       sam_negotiating(false) >= g->cookie_challenge;
}

/* A fresh COOKIE to REMOTE for request M, counted. */
static void challenge(const struct dctx *c, const struct ike_msg *m,
		      const uint8_t *ni, size_t ni_len,
		      const struct sockaddr_storage *local,
		      const struct sockaddr_storage *remote)
{
	uint8_t ck[IKE_COOKIE_LEN];

	if (ike_cookie_make(ni, ni_len, remote, m->hdr.ispi, ck)) {
		DIAG_ERROR(c, "Cannot compute a COOKIE: request dropped");
		return;
	}
	dbg(DBG_IKEV2, c, "Sending cookie challenge: %u half-open SAs, threshold %s",
	    sam_negotiating(false), D.conf->g.cookie_always ? "always" : "reached");
	ike_send_init_notify(m, local, remote, IKE_N_COOKIE, ck, sizeof(ck));
	ike_stats.cookie_sent++;
}

bool ike_cookie_admit(const struct ike_msg *m, const uint8_t *ni,
		      size_t ni_len, const struct sockaddr_storage *local,
		      const struct sockaddr_storage *remote)
{
	struct dctx c = { .peer = remote };
	struct ike_notify_pl n;

	if (!ike_cookie_required())
		return true;
	ike_stats.cookie_challenged++;
	if (ike_find_notify(m, IKE_N_COOKIE, &n)) {
		ike_stats.cookie_no_cookie++;
		challenge(&c, m, ni, ni_len, local, remote);
		return false;
	}
	if (!ike_cookie_valid(n.data, n.len, ni, ni_len, remote,
			      m->hdr.ispi)) {
		ike_stats.cookie_rejected++;
		dbg(DBG_IKEV2 | DBG_ERROR, &c, "Received an invalid cookie (%zu bytes): request dropped",
		    n.len);
		trace_exception(&c, "IKE_SA_INIT with an invalid COOKIE dropped");
		challenge(&c, m, ni, ni_len, local, remote);
		return false;
	}
	ike_stats.cookie_accepted++;
	dbg(DBG_IKEV2, &c, "Cookie verified: request accepted");
	return true;
}
