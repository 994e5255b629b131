/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flexsec: the receive path.
 */
#ifndef _FLEXSEC_RX_H
#define _FLEXSEC_RX_H

int flexsec_rx_init(void);
void flexsec_rx_exit(void);

#endif /* _FLEXSEC_RX_H */
