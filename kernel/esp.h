/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flexsec: ESP encryption and decryption of one packet (RFC 4303).
 */
#ifndef _FLEXSEC_ESP_H
#define _FLEXSEC_ESP_H

#include <linux/skbuff.h>

struct flexsec_sa;

#define FLEXSEC_ESP_HLEN	8	/* SPI and sequence number */

/**
 * typedef flexsec_esp_done_t - what runs once the crypto is done
 * @skb: the packet
 * @sa: its SA, with the reference the caller took
 * @priv: what the caller passed along
 * @err: 0, or the crypto layer's error (-EBADMSG: the ICV did not verify)
 */
typedef void (*flexsec_esp_done_t)(struct sk_buff *skb, struct flexsec_sa *sa,
				   void *priv, int err);

int flexsec_esp_encrypt(struct flexsec_sa *sa, struct sk_buff *skb, u64 seq,
			u8 nexthdr, unsigned int headroom,
			flexsec_esp_done_t done, void *priv);
int flexsec_esp_decrypt(struct flexsec_sa *sa, struct sk_buff *skb, u64 seq,
			flexsec_esp_done_t done, void *priv);

#endif /* _FLEXSEC_ESP_H */
