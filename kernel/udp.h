/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flexsec: ESP in UDP (RFC 3948) through the daemon's NAT-T socket.
 */
#ifndef _FLEXSEC_UDP_H
#define _FLEXSEC_UDP_H

struct net;

void flexsec_udp_detach_all(struct net *net);
void flexsec_udp_put_all(struct net *net);

#endif /* _FLEXSEC_UDP_H */
