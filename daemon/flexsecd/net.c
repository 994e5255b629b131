// SPDX-License-Identifier: GPL-2.0
/*
 * The IKE sockets. UDP sockets bound to the wildcard address, on port 500
 * and on the NAT-T port 4500, one pair per address family (the IPv6 ones
 * IPv6-only), learn the address each datagram came to (IP_PKTINFO,
 * IPV6_RECVPKTINFO) and send from the address the IKE SA uses, so that
 * one daemon serves every tunnel source. On 4500, IKE goes behind the
 * non-ESP marker (RFC 3948 2.2) and ESP is flexsec.ko's (IPv4 only: the
 * IPv4 NAT-T socket is the one handed to it).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "diag.h"
#include "ike_proto.h"
#include "loop.h"
#include "net.h"

/* The sockets of a family: IKE on port 500, and NAT-T on 4500 (RFC
 * 3948), where IKE goes behind a four-byte non-ESP marker and ESP in UDP
 * goes to flexsec.ko once the IPv4 socket is attached to it. */
struct net_sock {
	int fd;
	int family;
	uint16_t port;
	bool natt;
};

#define NET_RCVBUF	(4 << 20)	/* bytes of each socket's queue */

/* IPv4 500, IPv4 4500, IPv6 500, IPv6 4500 */
static struct net_sock socks[4] = {
	{ .fd = -1 }, { .fd = -1 }, { .fd = -1 }, { .fd = -1 },
};
static net_rx_fn net_rx;

static const uint8_t non_esp_marker[4];

/* A datagram of the NAT-T port: IKE (its marker stripped) goes up; ESP
 * that reached us (flexsec.ko did not take it) and keepalives do not. */
static void natt_rx(const uint8_t *buf, size_t n,
		    const struct sockaddr_storage *local,
		    const struct sockaddr_storage *remote)
{
	if (n == 1 && buf[0] == 0xff)
		return;			/* NAT keepalive */
	if (n < sizeof(non_esp_marker) ||
	    memcmp(buf, non_esp_marker, sizeof(non_esp_marker))) {
		ike_stats.rx_dropped++;
		ike_stats.rx_esp++;
		return;
	}
	net_rx(buf + 4, n - 4, local, remote);
}

/* The address a datagram came to, with the port of the socket. */
static void rx_local(struct msghdr *mh, const struct net_sock *ns,
		     struct sockaddr_storage *local)
{
	struct sockaddr_in6 *l6 = (struct sockaddr_in6 *)local;
	struct sockaddr_in *l4 = (struct sockaddr_in *)local;
	struct cmsghdr *c;

	memset(local, 0, sizeof(*local));
	local->ss_family = (sa_family_t)ns->family;
	if (ns->family == AF_INET6)
		l6->sin6_port = htons(ns->port);
	else
		l4->sin_port = htons(ns->port);
	for (c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR(mh, c)) {
		if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
			struct in_pktinfo pi;

			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
			l4->sin_addr = pi.ipi_addr;
		} else if (c->cmsg_level == IPPROTO_IPV6 &&
			   c->cmsg_type == IPV6_PKTINFO) {
			struct in6_pktinfo pi;

			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
			l6->sin6_addr = pi.ipi6_addr;
		}
	}
}

static void net_read(int fd, uint32_t events, void *arg)
{
	const struct net_sock *ns = arg;
	uint8_t buf[IKE_MAX_MSG + 5];
	union {
		struct cmsghdr h;
		uint8_t b[CMSG_SPACE(sizeof(struct in6_pktinfo))];
	} ctl;
	struct sockaddr_storage local, remote;
	struct iovec iov = { buf, sizeof(buf) };
	size_t max = IKE_MAX_MSG + (ns->natt ? 4 : 0);
	struct msghdr mh;
	int budget = 64;
	ssize_t n;

	while (budget-- > 0) {
		memset(&mh, 0, sizeof(mh));
		memset(&remote, 0, sizeof(remote));
		mh.msg_name = &remote;
		mh.msg_namelen = sizeof(remote);
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		mh.msg_control = &ctl;
		mh.msg_controllen = sizeof(ctl);
		n = recvmsg(fd, &mh, MSG_DONTWAIT | MSG_TRUNC);
		if (n < 0)
			return;
		rx_local(&mh, ns, &local);
		if ((size_t)n > max || (mh.msg_flags & MSG_TRUNC)) {
			ike_stats.rx_dropped++;
			ike_stats.rx_too_big++;
			continue;
		}
		if (ns->natt)
			natt_rx(buf, (size_t)n, &local, &remote);
		else
			net_rx(buf, (size_t)n, &local, &remote);
	}
}

/* The options of a socket of NS's family: its queue, the address each
 * datagram came to, IPv6 only on the IPv6 one. */
static int sock_opts(const struct net_sock *ns)
{
	int one = 1, rcvbuf = NET_RCVBUF;

	/* Room for a hub's reconnect storm (or a flood) between two reads:
	 * past rmem_max with CAP_NET_ADMIN, else as much as allowed. */
	if (setsockopt(ns->fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf,
		       sizeof(rcvbuf)))
		setsockopt(ns->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf,
			   sizeof(rcvbuf));
	if (setsockopt(ns->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)))
		return -1;
	if (ns->family == AF_INET6)
		return setsockopt(ns->fd, IPPROTO_IPV6, IPV6_V6ONLY, &one,
				  sizeof(one)) ||
		       setsockopt(ns->fd, IPPROTO_IPV6, IPV6_RECVPKTINFO,
				  &one, sizeof(one));
	return setsockopt(ns->fd, IPPROTO_IP, IP_PKTINFO, &one, sizeof(one));
}

static int sock_bind(const struct net_sock *ns)
{
	struct sockaddr_in6 sin6 = {
		.sin6_family = AF_INET6,
		.sin6_port = htons(ns->port),
		.sin6_addr = IN6ADDR_ANY_INIT,
	};
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(ns->port),
	};

	if (ns->family == AF_INET6)
		return bind(ns->fd, (struct sockaddr *)&sin6, sizeof(sin6));
	return bind(ns->fd, (struct sockaddr *)&sin, sizeof(sin));
}

static int sock_open(struct net_sock *ns, int family, uint16_t port,
		     bool natt)
{
	ns->family = family;
	ns->port = port;
	ns->natt = natt;
	ns->fd = socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (ns->fd < 0)
		return -errno;
	if (sock_opts(ns) || sock_bind(ns)) {
		int err = -errno;

		close(ns->fd);
		ns->fd = -1;
		return err;
	}
	return loop_add_fd(ns->fd, 0, net_read, ns);
}

/* The IPv6 sockets: without IPv6 in the namespace (disabled, or not in
 * the kernel), IKE goes on over IPv4 alone. */
static int open6(uint16_t port, uint16_t natt_port)
{
	int err = sock_open(&socks[2], AF_INET6, port, false);

	if (!err && natt_port)
		err = sock_open(&socks[3], AF_INET6, natt_port, true);
	if (err == -EAFNOSUPPORT || err == -EADDRNOTAVAIL) {
		log_notice("IKE over IPv6 unavailable: %s; IKE is on IPv4 alone",
			   strerror(-err));
		net_close_family(AF_INET6);
		return 0;
	}
	return err;
}

int net_open(uint16_t port, uint16_t natt_port, net_rx_fn fn)
{
	int err;

	net_rx = fn;
	err = sock_open(&socks[0], AF_INET, port, false);
	if (!err && natt_port)
		err = sock_open(&socks[1], AF_INET, natt_port, true);
	if (!err)
		err = open6(port, natt_port);
	if (err)
		net_close();
	return err;
}

static void sock_close(struct net_sock *ns)
{
	if (ns->fd >= 0) {
		loop_del_fd(ns->fd);
		close(ns->fd);
		ns->fd = -1;
	}
}

void net_close_family(int family)
{
	unsigned int i;

	for (i = 0; i < 4; i++)
		if (socks[i].family == family)
			sock_close(&socks[i]);
}

void net_close(void)
{
	unsigned int i;

	for (i = 0; i < 4; i++)
		sock_close(&socks[i]);
}

bool net_has_family(int family)
{
	return socks[family == AF_INET6 ? 2 : 0].fd >= 0;
}

int net_natt_fd(void)
{
	return socks[1].fd;
}

uint16_t net_natt_port(void)
{
	return socks[1].fd >= 0 ? socks[1].port : 0;
}

/* The socket to send from LOCAL: that of its family, the NAT-T one for
 * its port. */
static const struct net_sock *sock_for(const struct sockaddr_storage *local,
				       const struct sockaddr_storage *remote)
{
	unsigned int base = remote->ss_family == AF_INET6 ? 2 : 0;

	if (local && socks[base + 1].fd >= 0 &&
	    sa_port(local) == socks[base + 1].port)
		return &socks[base + 1];
	return &socks[base];
}

/* The source address of a send from LOCAL (none: the kernel chooses). */
static void put_pktinfo(struct msghdr *mh, const struct sockaddr_storage *local)
{
	const struct sockaddr_in6 *l6 = (const struct sockaddr_in6 *)local;
	const struct sockaddr_in *l4 = (const struct sockaddr_in *)local;
	struct cmsghdr *c = CMSG_FIRSTHDR(mh);

	if (local->ss_family == AF_INET6 &&
	    !IN6_IS_ADDR_UNSPECIFIED(&l6->sin6_addr)) {
		struct in6_pktinfo pi = { .ipi6_addr = l6->sin6_addr };

		c->cmsg_level = IPPROTO_IPV6;
		c->cmsg_type = IPV6_PKTINFO;
		c->cmsg_len = CMSG_LEN(sizeof(pi));
		memcpy(CMSG_DATA(c), &pi, sizeof(pi));
		mh->msg_controllen = CMSG_SPACE(sizeof(pi));
	} else if (local->ss_family == AF_INET &&
		   l4->sin_addr.s_addr != htonl(INADDR_ANY)) {
		struct in_pktinfo pi = { .ipi_spec_dst = l4->sin_addr };

		c->cmsg_level = IPPROTO_IP;
		c->cmsg_type = IP_PKTINFO;
		c->cmsg_len = CMSG_LEN(sizeof(pi));
		memcpy(CMSG_DATA(c), &pi, sizeof(pi));
		mh->msg_controllen = CMSG_SPACE(sizeof(pi));
	} else {
		mh->msg_control = NULL;
		mh->msg_controllen = 0;
	}
}

/* Sends IOV from LOCAL (its address chosen with IP(V6)_PKTINFO) to
 * REMOTE. */
static int send_iov(const struct net_sock *ns, struct iovec *iov, size_t n,
		    const struct sockaddr_storage *local,
		    const struct sockaddr_storage *remote)
{
	union {
		struct cmsghdr h;
		uint8_t b[CMSG_SPACE(sizeof(struct in6_pktinfo))];
	} ctl;
	struct msghdr mh = {
		.msg_name = (void *)remote,
		.msg_namelen = remote->ss_family == AF_INET6 ?
			       sizeof(struct sockaddr_in6) :
			       sizeof(struct sockaddr_in),
		.msg_iov = iov,
		.msg_iovlen = n,
	};

	if (ns->fd < 0)
		return remote->ss_family == AF_INET6 ? -EAFNOSUPPORT : -EBADF;
	if (local) {
		memset(&ctl, 0, sizeof(ctl));
		mh.msg_control = &ctl;
		mh.msg_controllen = sizeof(ctl);
		put_pktinfo(&mh, local);
	}
	if (sendmsg(ns->fd, &mh, 0) < 0)
		return -errno;
	return 0;
}

int net_send(const uint8_t *buf, size_t len,
	     const struct sockaddr_storage *local,
	     const struct sockaddr_storage *remote)
{
	const struct net_sock *ns = sock_for(local, remote);
	struct iovec iov[2] = {
		{ (void *)non_esp_marker, sizeof(non_esp_marker) },
		{ (void *)buf, len },
	};

	if (ns->natt)
		return send_iov(ns, iov, 2, local, remote);
	return send_iov(ns, iov + 1, 1, local, remote);
}

int net_send_keepalive(const struct sockaddr_storage *local,
		       const struct sockaddr_storage *remote)
{
	const struct net_sock *ns = &socks[remote->ss_family == AF_INET6 ? 3 : 1];
	uint8_t ff = 0xff;
	struct iovec iov = { &ff, 1 };

	if (ns->fd < 0)
		return -EBADF;
	return send_iov(ns, &iov, 1, local, remote);
}

const char *sa_addr_str(const struct sockaddr_storage *ss, char *buf,
			size_t len)
{
	const void *a = &((const struct sockaddr_in *)ss)->sin_addr;

	if (ss->ss_family == AF_INET6)
		a = &((const struct sockaddr_in6 *)ss)->sin6_addr;
	if (!inet_ntop(ss->ss_family, a, buf, len))
		snprintf(buf, len, "?");
	return buf;
}

uint16_t sa_port(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
	return ntohs(((const struct sockaddr_in *)ss)->sin_port);
}

const char *sa_str(const struct sockaddr_storage *ss, char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN];

	snprintf(buf, len, "%s/%u", sa_addr_str(ss, a, sizeof(a)),
		 sa_port(ss));
	return buf;
}

void conf_from_sa(void *conf_addr, const struct sockaddr_storage *ss)
{
	struct conf_addr *a = conf_addr;

	memset(a, 0, sizeof(*a));
	if (ss->ss_family == AF_INET6) {
		a->family = AF_INET6;
		a->plen = 128;
		memcpy(a->a, &((const struct sockaddr_in6 *)ss)->sin6_addr, 16);
		return;
	}
	a->family = AF_INET;
	a->plen = 32;
	memcpy(a->a, &((const struct sockaddr_in *)ss)->sin_addr, 4);
}

void sa_from_conf(struct sockaddr_storage *ss, const void *conf_addr,
		  uint16_t port)
{
	const struct conf_addr *ca = conf_addr;

	memset(ss, 0, sizeof(*ss));
	if (ca->family == AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(port);
		memcpy(&s6->sin6_addr, ca->a, 16);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)ss;

		s4->sin_family = AF_INET;
		s4->sin_port = htons(port);
		memcpy(&s4->sin_addr, ca->a, 4);
	}
}

int sa_addr_cmp(const struct sockaddr_storage *a,
		const struct sockaddr_storage *b)
{
	if (a->ss_family != b->ss_family)
		return a->ss_family - b->ss_family;
	if (a->ss_family == AF_INET6)
		return memcmp(&((const struct sockaddr_in6 *)a)->sin6_addr,
			      &((const struct sockaddr_in6 *)b)->sin6_addr, 16);
	return memcmp(&((const struct sockaddr_in *)a)->sin_addr,
		      &((const struct sockaddr_in *)b)->sin_addr, 4);
}
