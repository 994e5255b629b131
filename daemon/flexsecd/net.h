/* SPDX-License-Identifier: GPL-2.0 */
/* The IKE sockets: UDP ports 500 and 4500 (NAT-T) on IPv4 and IPv6,
 * source address chosen per send. */
#ifndef FLEXSECD_NET_H
#define FLEXSECD_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

/* Called for each datagram with the address it came to and from. */
typedef void (*net_rx_fn)(const uint8_t *buf, size_t len,
			  const struct sockaddr_storage *local,
			  const struct sockaddr_storage *remote);

/* Opens the sockets on PORT (500) and NATT_PORT (4500; 0: none) and
 * registers them with the loop. */
int net_open(uint16_t port, uint16_t natt_port, net_rx_fn fn);
void net_close(void);
/* Closes the sockets of FAMILY (AF_INET6: IPv6 is not there). */
void net_close_family(int family);
/* Whether IKE can go over FAMILY. */
bool net_has_family(int family);
/* The NAT-T socket (-1: none) and its port (0: none). */
int net_natt_fd(void);
uint16_t net_natt_port(void);
/* Sends BUF from LOCAL to REMOTE, from the NAT-T socket behind the non-ESP
 * marker when LOCAL has the NAT-T port; 0 or -errno. */
int net_send(const uint8_t *buf, size_t len,
	     const struct sockaddr_storage *local,
	     const struct sockaddr_storage *remote);

/* A NAT keepalive (RFC 3948 2.3) from the NAT-T socket. */
int net_send_keepalive(const struct sockaddr_storage *local,
		       const struct sockaddr_storage *remote);

/* "192.0.2.1/500" */
const char *sa_str(const struct sockaddr_storage *ss, char *buf, size_t len);
/* "192.0.2.1" */
const char *sa_addr_str(const struct sockaddr_storage *ss, char *buf,
			size_t len);
uint16_t sa_port(const struct sockaddr_storage *ss);
/* The address of SS as a host address (struct conf_addr). */
void conf_from_sa(void *conf_addr, const struct sockaddr_storage *ss);
void sa_from_conf(struct sockaddr_storage *ss, const void *conf_addr,
		  uint16_t port);
int sa_addr_cmp(const struct sockaddr_storage *a,
		const struct sockaddr_storage *b);

#endif /* FLEXSECD_NET_H */
