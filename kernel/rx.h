/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flexsec: the receive path.
 */
#ifndef _FLEXSEC_RX_H
#define _FLEXSEC_RX_H

#include <linux/types.h>

struct sk_buff;

int flexsec_rx_init(void);
void flexsec_rx_exit(void);
void flexsec_rx_udp(struct sk_buff *skb, u16 sport);

#endif /* _FLEXSEC_RX_H */
