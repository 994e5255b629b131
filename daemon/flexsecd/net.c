// SPDX-License-Identifier: GPL-2.0
/*
 * The IKE socket. One UDP socket bound to the wildcard address learns the
 * address each datagram came to (IP_PKTINFO) and sends from the address
 * the IKE SA uses, so that one daemon serves every tunnel source.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "diag.h"
#include "ike_proto.h"
#include "loop.h"
#include "net.h"

static int net_fd = -1;
static uint16_t net_port;
static net_rx_fn net_rx;

static void net_read(int fd, uint32_t events, void *arg)
{
	uint8_t buf[IKE_MAX_MSG + 1];
	union {
		struct cmsghdr h;
		uint8_t b[CMSG_SPACE(sizeof(struct in_pktinfo))];
	} ctl;
	struct sockaddr_storage local, remote;
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr mh;
	struct cmsghdr *c;
	struct sockaddr_in *l4 = (struct sockaddr_in *)&local;
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
		memset(&local, 0, sizeof(local));
		l4->sin_family = AF_INET;
		l4->sin_port = htons(net_port);
		for (c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
			if (c->cmsg_level == IPPROTO_IP &&
			    c->cmsg_type == IP_PKTINFO) {
				struct in_pktinfo pi;

				memcpy(&pi, CMSG_DATA(c), sizeof(pi));
				l4->sin_addr = pi.ipi_addr;
			}
		}
		if ((size_t)n > IKE_MAX_MSG || (mh.msg_flags & MSG_TRUNC)) {
			ike_stats.rx_dropped++;
			ike_stats.rx_too_big++;
			continue;
		}
		net_rx(buf, (size_t)n, &local, &remote);
	}
}

int net_open(uint16_t port, net_rx_fn fn)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
	};
	int one = 1;

	net_rx = fn;
	net_port = port;
	net_fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (net_fd < 0)
		return -errno;
	if (setsockopt(net_fd, IPPROTO_IP, IP_PKTINFO, &one, sizeof(one)) ||
	    setsockopt(net_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(net_fd, (struct sockaddr *)&sin, sizeof(sin))) {
		int err = -errno;

		close(net_fd);
		net_fd = -1;
		return err;
	}
	return loop_add_fd(net_fd, 0, net_read, NULL);
}

void net_close(void)
{
	if (net_fd >= 0) {
		loop_del_fd(net_fd);
		close(net_fd);
		net_fd = -1;
	}
}

int net_send(const uint8_t *buf, size_t len,
	     const struct sockaddr_storage *local,
	     const struct sockaddr_storage *remote)
{
	union {
		struct cmsghdr h;
		uint8_t b[CMSG_SPACE(sizeof(struct in_pktinfo))];
	} ctl;
	struct iovec iov = { (void *)buf, len };
	struct msghdr mh = {
		.msg_name = (void *)remote,
		.msg_namelen = sizeof(struct sockaddr_in),
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};
	const struct sockaddr_in *l4 = (const struct sockaddr_in *)local;

	if (net_fd < 0)
		return -EBADF;
	if (local && local->ss_family == AF_INET &&
	    l4->sin_addr.s_addr != htonl(INADDR_ANY)) {
		struct in_pktinfo pi = { .ipi_spec_dst = l4->sin_addr };
		struct cmsghdr *c;

		memset(&ctl, 0, sizeof(ctl));
		mh.msg_control = &ctl;
		mh.msg_controllen = sizeof(ctl);
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = IPPROTO_IP;
		c->cmsg_type = IP_PKTINFO;
		c->cmsg_len = CMSG_LEN(sizeof(pi));
		memcpy(CMSG_DATA(c), &pi, sizeof(pi));
	}
	if (sendmsg(net_fd, &mh, 0) < 0)
		return -errno;
	return 0;
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
