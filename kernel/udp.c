// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec: ESP in UDP (RFC 3948) through the daemon's NAT-T socket.
 *
 * The daemon binds UDP port 4500 itself and hands the socket to flexsec with
 * encap-attach. flexsec makes it a UDP tunnel socket: a datagram whose first
 * four bytes are not zero is ESP and goes to flexsec's receive path, a single
 * 0xff byte is a NAT keepalive and is dropped, and anything else (IKE behind
 * its non-ESP marker) is delivered to the socket as before. flexsec holds a
 * reference on each such socket, in its namespace's list, until the daemon
 * closes it (encap_destroy) or the namespace or the module goes, which turn
 * the encapsulation off again.
 */

#include <linux/net.h>
#include <linux/slab.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/sock.h>
#include <net/udp.h>
#include <net/udp_tunnel.h>
#include <uapi/linux/flexsec.h>

#include "compat.h"
#include "netlink-gen.h"
#include "netns.h"
#include "rx.h"
#include "udp.h"

/**
 * struct flexsec_encap_sock - a socket given with encap-attach
 * @node: in flexsec_net.encap_socks (flexsec_net.lock)
 * @sk: the socket, with a reference of ours
 */
struct flexsec_encap_sock {
	struct list_head node;
	struct sock *sk;
};

/* The datagram is ESP for us: not a keepalive, not behind a non-ESP marker. */
static int udp_classify(struct sk_buff *skb)
{
	unsigned int len = skb->len - sizeof(struct udphdr);
	const u8 *data;

	if (!pskb_may_pull(skb, sizeof(struct udphdr) + min(len, 8U)))
		return 1;
	data = skb->data + sizeof(struct udphdr);
	if (len == 1 && data[0] == 0xff)
		return -1;
	if (len <= sizeof(struct ip_esp_hdr) || !*(const u32 *)data)
		return 1;
	return 0;
}

/* encap_rcv: 0 when flexsec took the datagram, 1 to deliver it to the socket. */
static int flexsec_udp_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct flexsec_net *fn = flexsec_net(sock_net(sk));
	__be16 sport;
	int what;

	what = udp_classify(skb);
	if (what > 0)
		return 1;
	if (what < 0) {
		atomic64_inc(&fn->keepalives);
		consume_skb(skb);
		return 0;
	}
	if (skb->protocol != htons(ETH_P_IP) || skb_unclone(skb, GFP_ATOMIC)) {
		kfree_skb(skb);
		return 0;
	}
	sport = udp_hdr(skb)->source;
	__skb_pull(skb, sizeof(struct udphdr));
	skb_reset_transport_header(skb);
	flexsec_rx_udp(skb, ntohs(sport));
	return 0;
}

/* The entry of @sk, taken out of the list; NULL when it is not there. */
static struct flexsec_encap_sock *udp_unlist(struct flexsec_net *fn,
					      struct sock *sk)
{
	struct flexsec_encap_sock *es;

	lockdep_assert_held(&fn->lock);
	list_for_each_entry(es, &fn->encap_socks, node) {
		if (es->sk == sk) {
			list_del(&es->node);
			return es;
		}
	}
	return NULL;
}

/* encap_destroy: the daemon closed the socket. */
static void flexsec_udp_destroy(struct sock *sk)
{
	struct flexsec_net *fn = flexsec_net(sock_net(sk));
	struct flexsec_encap_sock *es;

	mutex_lock(&fn->lock);
	es = udp_unlist(fn, sk);
	mutex_unlock(&fn->lock);
	if (es) {
		sock_put(sk);
		kfree(es);
	}
}

static int udp_check(struct genl_info *info, struct socket *sock)
{
	struct sock *sk = sock->sk;

	if (sk->sk_protocol != IPPROTO_UDP || sock->type != SOCK_DGRAM ||
	    sk->sk_family != AF_INET) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[FLEXSEC_A_SA_FD],
				    "not an IPv4 UDP socket");
		return -EPROTONOSUPPORT;
	}
	if (!net_eq(sock_net(sk), genl_info_net(info))) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[FLEXSEC_A_SA_FD],
				    "the socket is of another network namespace");
		return -EXDEV;
	}
	if (!inet_sk(sk)->inet_num) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[FLEXSEC_A_SA_FD],
				    "the socket is not bound to a port");
		return -EDESTADDRREQ;
	}
	if (READ_ONCE(udp_sk(sk)->encap_type) ||
	    rcu_access_pointer(sk->sk_user_data)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[FLEXSEC_A_SA_FD],
				    "the socket already carries an encapsulation");
		return -EBUSY;
	}
	return 0;
}

int flexsec_nl_encap_attach_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct flexsec_net *fn = flexsec_net(genl_info_net(info));
	struct udp_tunnel_sock_cfg cfg = {
		.encap_type = UDP_ENCAP_ESPINUDP,
		.encap_rcv = flexsec_udp_rcv,
		.encap_destroy = flexsec_udp_destroy,
	};
	struct flexsec_encap_sock *es;
	struct socket *sock;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, FLEXSEC_A_SA_FD))
		return -EINVAL;
	sock = sockfd_lookup(nla_get_u32(info->attrs[FLEXSEC_A_SA_FD]), &err);
	if (!sock) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[FLEXSEC_A_SA_FD],
				    "not a socket");
		return err;
	}
	es = kzalloc(sizeof(*es), GFP_KERNEL);
	if (!es) {
		err = -ENOMEM;
		goto put;
	}
	mutex_lock(&fn->lock);
	lock_sock(sock->sk);
	err = udp_check(info, sock);
	if (!err) {
		sock_hold(sock->sk);
		es->sk = sock->sk;
		list_add(&es->node, &fn->encap_socks);
		setup_udp_tunnel_sock(genl_info_net(info), sock, &cfg);
	}
	release_sock(sock->sk);
	mutex_unlock(&fn->lock);
	if (err)
		kfree(es);
put:
	sockfd_put(sock);
	return err;
}

/**
 * flexsec_udp_detach_all() - turn the encapsulation of a namespace's sockets off
 * @net: the namespace, going away or losing flexsec
 *
 * The sockets stay listed, and referenced, until flexsec_udp_put_all(), which
 * must come after an RCU grace period (the receive path runs under RCU).
 *
 * Context: process context; takes flexsec_net.lock and the sockets' locks.
 */
void flexsec_udp_detach_all(struct net *net)
{
	struct flexsec_net *fn = flexsec_net(net);
	struct flexsec_encap_sock *es;

	mutex_lock(&fn->lock);
	list_for_each_entry(es, &fn->encap_socks, node) {
		struct sock *sk = es->sk;

		lock_sock(sk);
		WRITE_ONCE(udp_sk(sk)->encap_type, 0);
		WRITE_ONCE(udp_sk(sk)->encap_rcv, NULL);
		WRITE_ONCE(udp_sk(sk)->encap_destroy, NULL);
		inet_dec_convert_csum(sk);
		release_sock(sk);
	}
	mutex_unlock(&fn->lock);
}

/**
 * flexsec_udp_put_all() - drop the references flexsec_udp_detach_all() left
 * @net: the namespace
 *
 * Context: process context; takes flexsec_net.lock.
 */
void flexsec_udp_put_all(struct net *net)
{
	struct flexsec_net *fn = flexsec_net(net);
	struct flexsec_encap_sock *es, *tmp;

	mutex_lock(&fn->lock);
	list_for_each_entry_safe(es, tmp, &fn->encap_socks, node) {
		list_del(&es->node);
		sock_put(es->sk);
		kfree(es);
	}
	mutex_unlock(&fn->lock);
}
