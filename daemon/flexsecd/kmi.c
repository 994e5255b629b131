// SPDX-License-Identifier: GPL-2.0
/*
 * The key-management interface to flexsec.ko. Three sockets: requests of
 * the generic-netlink family "flexsec" (blocking: the kernel answers at
 * once), its "events" multicast group (non-blocking, read from the event
 * loop), and rtnetlink for the tunnel interfaces and their addresses.
 * Errors come back with the kernel's extended-ACK explanation.
 *
 * "debug crypto kmi" logs each message both ways, the IOS way:
 *   KMI: (Session ID: 3) flexsecd sending SA_NEW (inbound SPI 0x1234abcd,
 *        aes-gcm-128, Tunnel0) to flexsec.ko
 *   KMI: flexsec.ko answered SA_NEW: ok
 *   KMI: flexsecd received ACQUIRE (Tunnel0) from flexsec.ko
 * Keys are never logged; requests holding them are wiped when freed.
 *
 * This file opens the sockets and runs the requests; the SAs are in
 * kmi_sa.c, the tunnel interfaces in kmi_link.c, the events in
 * kmi_event.c.
 */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/flexsec.h>
#include <netlink/genl/ctrl.h>

#include "diag.h"
#include "kmi_int.h"

/* --- debug lines and errors --- */

void __attribute__((format(printf, 2, 3)))
kmi_dbg(uint32_t session_id, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	if (!dbg_on(DBG_KMI, NULL))
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (session_id)
		dbg(DBG_KMI, NULL, "KMI: (Session ID: %u) %s", session_id,
		    line);
	else
		dbg(DBG_KMI, NULL, "KMI: %s", line);
}

void kmi_set_debug(struct kmi *k, bool on)
{
	dbg_set(DBG_KMI, on);
}

const char *kmi_ifname(unsigned int ifindex, char *buf)
{
	char tmp[IF_NAMESIZE];

	if (ifindex && if_indextoname(ifindex, tmp))
		snprintf(buf, IFNAME_BUF, "%s", tmp);
	else
		snprintf(buf, IFNAME_BUF, "if%u", ifindex);
	return buf;
}

const char *kmi_dir(bool inbound)
{
	return inbound ? "inbound" : "outbound";
}

/* Sets the message of a failure found before asking the kernel. */
int __attribute__((format(printf, 3, 4)))
kmi_fail(struct kmi *k, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(k->err, sizeof(k->err), fmt, ap);
	va_end(ap);
	return err;
}

void kmi_errmsg(struct kmi *k, const char **errmsg)
{
	k->err[0] = '\0';
	if (errmsg)
		*errmsg = k->err;
}

/* --- requests --- */

/* K->err: the kernel's explanation, else what the error number says. */
static void result_text(struct kmi *k, const struct nl_result *res)
{
	k->err[0] = '\0';
	if (res->io[0])
		snprintf(k->err, sizeof(k->err), "%s", res->io);
	else if (!*nlr_explain(res, k->err, sizeof(k->err)) && res->err)
		snprintf(k->err, sizeof(k->err), "%s", strerror(-res->err));
}

static void answer_dbg(const struct kmi *k, const char *peer,
		       const char *what, const struct nl_result *res,
		       uint32_t sid)
{
	if (res->io[0])
		kmi_dbg(sid, "no answer from %s to %s: %s", peer, what,
			res->io);
	else if (!res->err && res->msg[0])
		kmi_dbg(sid, "%s answered %s: ok (warning: %s)", peer, what,
			res->msg);
	else if (!res->err)
		kmi_dbg(sid, "%s answered %s: ok", peer, what);
	else if (strcmp(k->err, strerror(-res->err)))
		kmi_dbg(sid, "%s answered %s: %s (%s)", peer, what,
			strerror(-res->err), k->err);
	else
		kmi_dbg(sid, "%s answered %s: %s", peer, what, k->err);
}

/*
 * Runs a request on SK and frees it (wiped: it may hold keys). REQ->what
 * is the message's name for the debug lines. Returns 0 or -errno, with
 * the explanation in K->err.
 */
int kmi_run(struct kmi *k, struct nl_sock *sk, struct nl_msg *msg,
		   const struct nl_req *req, uint32_t sid)
{
	struct nl_result res;
	int err;

	if (!msg)
		return kmi_fail(k, -ENOMEM, "out of memory");
	err = nlr_run(sk, msg, req, &res);
	nlr_msg_free(msg);
	result_text(k, &res);
	answer_dbg(k, sk == k->rt ? "rtnetlink" : "flexsec.ko", req->what, &res,
		   sid);
	return err;
}

int kmi_too_large(struct kmi *k, struct nl_msg *msg)
{
	nlr_msg_free(msg);
	return kmi_fail(k, -EMSGSIZE,
			"request too large for a netlink message");
}

/* --- sockets --- */

static int open_requests(struct kmi *k)
{
	int err;

	err = nlr_open(NETLINK_GENERIC, &k->req);
	if (err < 0) {
		log_err("KMI: generic netlink socket: %s", nl_geterror(err));
		return -EIO;
	}
	k->family = genl_ctrl_resolve(k->req, FLEXSEC_FAMILY_NAME);
	if (k->family == -NLE_OBJ_NOTFOUND) {
		log_err("KMI: no generic netlink family %s: is flexsec.ko loaded?",
			FLEXSEC_FAMILY_NAME);
		return -ENOENT;
	}
	if (k->family < 0) {
		log_err("KMI: generic netlink family %s: %s",
			FLEXSEC_FAMILY_NAME, nl_geterror(k->family));
		return -EIO;
	}
	return 0;
}

static int open_rtnl(struct kmi *k)
{
	int err;

	err = nlr_open(NETLINK_ROUTE, &k->rt);
	if (err < 0) {
		log_err("KMI: rtnetlink socket: %s", nl_geterror(err));
		return -EIO;
	}
	return 0;
}

struct kmi *kmi_open(kmi_event_fn fn, void *ctx)
{
	struct kmi *k;

	k = calloc(1, sizeof(*k));
	if (!k) {
		log_err("KMI: out of memory");
		return NULL;
	}
	k->fn = fn;
	k->ctx = ctx;
	if (open_requests(k) || kmi_open_events(k) || open_rtnl(k)) {
		kmi_close(k);
		return NULL;
	}
	return k;
}

void kmi_close(struct kmi *k)
{
	if (!k)
		return;
	if (k->req)
		nl_socket_free(k->req);
	if (k->ev)
		nl_socket_free(k->ev);
	if (k->ev_cb)
		nl_cb_put(k->ev_cb);
	if (k->rt)
		nl_socket_free(k->rt);
	free(k);
}
