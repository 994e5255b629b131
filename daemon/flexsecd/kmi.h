/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The key-management interface: everything flexsecd says to flexsec.ko
 * (SAs through the generic-netlink family "flexsec", tunnel interfaces
 * through rtnetlink) and what it hears back (acquire, expiry and replay
 * events on the "events" multicast group). With "debug crypto kmi" each
 * message is logged both ways, in the manner of IOS's KMI debug.
 */
#ifndef FLEXSECD_KMI_H
#define FLEXSECD_KMI_H

#include <stdbool.h>
#include <stdint.h>

#include "conf.h"

struct kmi;

/* An ESP SA as flexsecd installs it. Keys are wiped by kmi_sa_add's caller
 * (the structure is on its stack) with kmi_sa_wipe. */
struct kmi_sa {
	unsigned int ifindex;
	bool inbound;
	uint32_t spi;			/* host order */
	uint32_t enc_alg;		/* enum flexsec_enc_alg */
	uint8_t enc_key[64];
	unsigned int enc_key_len;
	uint32_t auth_alg;		/* enum flexsec_auth_alg, 0 for AEAD */
	uint8_t auth_key[64];
	unsigned int auth_key_len;
	uint32_t replay_window;		/* 0: off */
	bool esn;
	uint64_t soft_bytes, hard_bytes;	/* 0: none */
	uint64_t soft_seconds, hard_seconds;
	bool standby;			/* outbound: installed but not active */
	uint32_t session_id;		/* for KMI debug lines */
	/* ESP in UDP (RFC 3948): our port and the peer's; 0: plain ESP */
	uint16_t encap_lport, encap_rport;
};

void kmi_sa_wipe(struct kmi_sa *sa);

/* Counters of an SA, from sa-get. */
struct kmi_sa_stats {
	bool found;
	bool active;
	uint64_t rx_packets, rx_bytes, tx_packets, tx_bytes;
	uint64_t rx_replay, rx_too_old, rx_auth_failed, rx_bad_padding;
	uint64_t rx_truncated, rx_gre_key, rx_inner_proto, rx_expired;
	uint64_t tx_no_sa, tx_seq_overflow, tx_expired, tx_errors, rx_errors;
	uint64_t rx_encap;
	uint64_t age;			/* seconds since installed */
	uint64_t seq;			/* outbound: last sequence number sent */
};

enum kmi_event_type {
	KMI_EV_ACQUIRE,
	KMI_EV_SOFT_EXPIRE,
	KMI_EV_HARD_EXPIRE,
	KMI_EV_SEQ_OVERFLOW,
	KMI_EV_REPLAY_ERROR,
	KMI_EV_MAPPING,
};

struct kmi_event {
	enum kmi_event_type type;
	unsigned int ifindex;
	uint32_t spi;			/* 0 for acquire */
	bool inbound;
	uint64_t seq;			/* replay error */
	const char *limit;		/* expiry: "bytes"|"packets"|"seconds" */
	/* mapping: the address (network order) and UDP port (host order)
	 * an authenticated ESP-in-UDP packet came from */
	uint32_t remote4;
	uint16_t rport;
};

typedef void (*kmi_event_fn)(void *ctx, const struct kmi_event *ev);

/* Opens the sockets: fails with a message on stderr when flexsec.ko is not
 * loaded (the family is missing). FN is called for each event. */
struct kmi *kmi_open(kmi_event_fn fn, void *ctx);
void kmi_close(struct kmi *k);
/* The events socket's fd for the event loop, and its handler. */
int kmi_event_fd(const struct kmi *k);
void kmi_event_read(struct kmi *k);

/* Debug switch ("debug crypto kmi"); lines go to the log. */
void kmi_set_debug(struct kmi *k, bool on);

/* SAs. Each returns 0, or a negative errno with the kernel's extack
 * message in *errmsg (static storage until the next call). */
int kmi_sa_add(struct kmi *k, const struct kmi_sa *sa, const char **errmsg);
int kmi_sa_del(struct kmi *k, unsigned int ifindex, bool inbound,
	       uint32_t spi, uint32_t session_id);
/* Makes a standby outbound SA the active one (make-before-break). */
int kmi_sa_activate(struct kmi *k, unsigned int ifindex, uint32_t spi,
		    uint32_t session_id);
int kmi_sa_flush(struct kmi *k, unsigned int ifindex);
int kmi_sa_stats(struct kmi *k, unsigned int ifindex, bool inbound,
		 uint32_t spi, struct kmi_sa_stats *st);
/* Points an SA with UDP encapsulation at the peer's new UDP port. */
int kmi_sa_set_port(struct kmi *k, unsigned int ifindex, bool inbound,
		    uint32_t spi, uint16_t rport, uint32_t session_id);
/* Hands the NAT-T socket FD to flexsec.ko, which takes the ESP in UDP that
 * comes to it; 0 or -errno with *errmsg. */
int kmi_encap_attach(struct kmi *k, int fd, const char **errmsg);
/* A fresh inbound SPI not used on IFINDEX (random, >= 256). */
uint32_t kmi_alloc_spi(struct kmi *k, unsigned int ifindex);

/* Tunnel interfaces: creates T (or updates it when it exists with our
 * kind), sets its addresses, MTU and state, and returns its ifindex;
 * LOCAL is the resolved source address. 0 or -errno with *errmsg. */
int kmi_tunnel_apply(struct kmi *k, const struct conf_tunnel *t,
		     const struct conf_addr *local, unsigned int *ifindex,
		     const char **errmsg);
int kmi_tunnel_delete(struct kmi *k, const char *name);
/* IPv6 on interface NAME on or off (net.ipv6.conf.NAME.disable_ipv6). */
int kmi_if_ipv6(struct kmi *k, const char *name, bool on);

/* The first address of FAMILY of interface NAME (for "tunnel source
 * IFNAME"; IPv6: a global one, not a link-local). */
int kmi_if_addr(struct kmi *k, const char *name, int family,
		struct conf_addr *out);

/* Loopback interfaces (interface LoopbackN): a dummy interface NAME with
 * the addresses IP and IP6 (family 0: none), up unless SHUTDOWN. */
int kmi_loopback_apply(struct kmi *k, const struct conf_loopback *lo,
		       const char **errmsg);
/* The dummy interface NAME (a loopback gone from the file); 0, -ENODEV,
 * or -EINVAL when NAME is not a dummy interface (it is left). */
int kmi_loopback_delete(struct kmi *k, const char *name);

/* Makes IP the address of FAMILY on interface NAME (IFINDEX), or with IP
 * NULL removes that family's addresses (IPv6 link-local ones stay). */
int kmi_if_set_addr(struct kmi *k, const char *name, unsigned int ifindex,
		    int family, const struct conf_addr *ip);

/* Removes the flexsec interfaces named ViN (Virtual-Access interfaces an
 * earlier run left). */
int kmi_va_flush(struct kmi *k, unsigned int *removed);

/*
 * Virtual-Access interfaces are in interface group KMI_VA_GROUP ("ip link
 * show group 244"). One whose session ended moves to KMI_VA_DYING (a
 * change of group, cheap: the device stays up), and one DELLINK of that
 * group removes every such interface at once, so that the kernel waits
 * for one RCU grace period for all of them, not one each.
 */
#define KMI_VA_GROUP	244
#define KMI_VA_DYING	245
int kmi_va_retire(struct kmi *k, unsigned int ifindex);
/* Deletes the interfaces of GROUP: 0, or -ENODEV when there is none. */
int kmi_group_delete(struct kmi *k, uint32_t group);

/* Routes of flexsecd's own protocol in the main table. */
#define RTPROT_FLEXSEC	244

struct kmi_route {
	struct conf_addr dst;		/* the prefix */
	struct conf_addr src;		/* preferred source, family 0: none */
	unsigned int ifindex;
	uint32_t metric;
	uint32_t realm;			/* IPv4: RTA_FLOW (a route tag), 0: none */
};

int kmi_route_add(struct kmi *k, const struct kmi_route *r,
		  const char **errmsg);
/* 0 also when the route was gone already. */
int kmi_route_del(struct kmi *k, const struct kmi_route *r);
/* Removes every route of RTPROT_FLEXSEC (an earlier run's). */
int kmi_route_flush_ours(struct kmi *k, unsigned int *removed);

#endif /* FLEXSECD_KMI_H */
