/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flexsec: ESP algorithms and their kernel crypto transforms.
 */
#ifndef _FLEXSEC_CRYPTO_H
#define _FLEXSEC_CRYPTO_H

#include <crypto/aead.h>
#include <linux/netlink.h>

/**
 * struct flexsec_xform - the crypto of one SA, as ESP uses it
 * @aead: the transform, with its IV generator (seqiv or echainiv)
 * @ivlen: bytes of IV carried after the ESP header
 * @icvlen: bytes of ICV at the end of the packet
 * @align: the ciphertext is padded to a multiple of this
 * @esn: associated data carries the high half of the sequence number
 */
struct flexsec_xform {
	struct crypto_aead *aead;
	u8 ivlen;
	u8 icvlen;
	u8 align;
	bool esn;
};

int flexsec_xform_init(struct flexsec_xform *x, u32 enc_alg, const u8 *key,
		       unsigned int keylen, u32 auth_alg, const u8 *akey,
		       unsigned int akeylen, bool esn,
		       struct netlink_ext_ack *extack,
		       const struct nlattr *enc_attr,
		       const struct nlattr *auth_attr);
void flexsec_xform_free(struct flexsec_xform *x);

#endif /* _FLEXSEC_CRYPTO_H */
