// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the reassembly of IKEv2 fragments (ike_reasm.c):
 * a run of fragments to one IKE SA (AES-GCM-128, fixed keys, fragmentation
 * in use), each a datagram as it came, or one sealed here with the SA's
 * keys so that it passes the ICV and reaches the reassembly's rules. At
 * the end the SA's reassemblies are freed: nothing may be left held.
 *
 * Input: records of [kind][length, 2 bytes][length bytes]. Kind bit 0
 * clear: the bytes are a datagram. Set: the bytes are [fragment number,
 * 2][total, 2][next payload][message ID] and the plaintext, sealed as a
 * request fragment. Kind 0xff: the reassembly's timer fires.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "ike_frag.h"
#include "ike_int.h"

static struct ike_sa *sa;

static void init(void)
{
	unsigned int i;

	sa = calloc(1, sizeof(*sa));
	if (!sa)
		abort();
	sa->spi_i = 0x1122334455667788ULL;
	sa->spi_r = 0x99aabbccddeeff00ULL;
	sa->suite.encr = IKE_ENCR_AES_GCM_16;
	sa->suite.encr_bits = 128;
	sa->suite.integ = IKE_INTEG_NONE;
	sa->suite.prf = IKE_PRF_HMAC_SHA2_256;
	sa->suite.dh = IKE_DH_ECP_256;
	for (i = 0; i < IKE_MAX_KEY; i++)
		sa->keys.sk_ei[i] = (uint8_t)(0x40 + i);
	sa->keys.e_len = 20;	/* 16 bytes of key, 4 of salt */
	sa->frag_on = true;
	sa->frag_mtu = 576;
}

static void feed(const uint8_t *p, size_t len)
{
	static struct ike_msg m;
	struct parse_err e;
	uint8_t *out = NULL, np;
	size_t olen = 0;

	if (ike_parse_msg(p, len, &m, &e) || m.n != 1 ||
	    m.pl[0].type != IKE_PL_SKF)
		return;
	if (!ike_frag_rx(sa, &m, &out, &olen, &np)) {
		explicit_bzero(out, olen);
		free(out);
	}
}

/* F: number, total, next payload, message ID; then the plaintext. */
static void sealed(const uint8_t *f, size_t len)
{
	struct ike_hdr h = {
		.ispi = sa->spi_i, .rspi = sa->spi_r, .version = IKE_VERSION,
		.exch = IKE_INFORMATIONAL, .flags = IKE_FLAG_INITIATOR,
	};
	struct msg_builder mb;
	uint8_t body[4 + 1024] = { 0 };
	size_t plen, sk;

	if (len < 6)
		return;
	h.msgid = f[5];
	plen = len - 6;
	sk = ike_sk_len(&sa->suite, plen);
	if (!sk || 4 + sk > sizeof(body))
		return;
	memcpy(body, f, 4);
	mb_init(&mb);
	if (!ike_build_hdr(&mb, &h) &&
	    !ike_add_payload(&mb, IKE_PL_SKF, false, body, 4 + sk) &&
	    !ike_build_end(&mb)) {
		mb.b.p[IKE_HDR_LEN] = f[4];
		if (!ike_sk_seal(&sa->suite, sa->keys.sk_ei, NULL, mb.b.p,
				 IKE_HDR_LEN + 8, f + 6, plen))
			feed(mb.b.p, mb.b.len);
	}
	mb_free(&mb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t off = 0, len;
	uint8_t kind;

	if (!sa)
		init();
	while (off + 3 <= size) {
		kind = data[off];
		len = (size_t)data[off + 1] << 8 | data[off + 2];
		off += 3;
		if (len > size - off)
			len = size - off;
		if (kind == 0xff) {
			if (sa->reasm[0])
				sa->reasm[0]->timer.fn(&sa->reasm[0]->timer);
		} else if (kind & 1) {
			sealed(data + off, len);
		} else {
			feed(data + off, len);
		}
		off += len;
	}
	ike_frag_free(sa);
	if (ike_frag_held())
		abort();
	return 0;
}
