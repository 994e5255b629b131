// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the IKEv2 message parser: the datagram through
 * ike_parse_msg, every body parser on every payload found (whatever its
 * type), the contents of an SK payload parsed as if already decrypted,
 * the responder's check of a COOKIE notify against the request's nonce,
 * and the packet debug in both modes into a printer that formats each
 * line and drops it.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <netinet/in.h>

#include "ike_int.h"
#include "msg.h"

static size_t printed;

static void sink(void *ctx, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n > 0)
		printed += (size_t)n;
}

static void bodies(const struct ike_payload *p)
{
	static struct ike_sa_pl sa;
	struct ike_notify_pl n;
	struct ike_delete_pl d;
	struct ike_auth_pl a;
	struct ike_ts_pl ts;
	struct ike_ke_pl ke;
	struct ike_id_pl id;
	struct parse_err e;
	const uint8_t *nonce;
	size_t len;

	ike_parse_sa(p, &sa, &e);
	ike_parse_ke(p, &ke, &e);
	ike_parse_nonce(p, &nonce, &len, &e);
	ike_parse_id(p, &id, &e);
	ike_parse_auth(p, &a, &e);
	ike_parse_notify(p, &n, &e);
	ike_parse_delete(p, &d, &e);
	ike_parse_ts(p, &ts, &e);
}

/* A COOKIE as the responder checks it: never valid, never a crash. */
static void cookie(const struct ike_msg *m, const struct ike_notify_pl *n)
{
	const struct ike_payload *pn = ike_find(m, IKE_PL_NONCE);
	struct sockaddr_storage ip = { .ss_family = AF_INET };
	static const uint8_t none[16];
	const uint8_t *nonce = none;
	size_t len = sizeof(none);
	struct parse_err e;

	if (pn && ike_parse_nonce(pn, &nonce, &len, &e)) {
		nonce = none;
		len = sizeof(none);
	}
	if (ike_cookie_valid(n->data, n->len, nonce, len, &ip, m->hdr.ispi))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ike_msg m;
	struct ike_notify_pl n;
	struct parse_err e;
	unsigned int i, outer;

	if (ike_parse_msg(data, size, &m, &e) < 0)
		return 0;
	outer = m.n;
	/* an SK payload's body as plaintext: the inner chain */
	if (outer && m.pl[outer - 1].type == IKE_PL_SK) {
		const struct ike_payload *sk = &m.pl[outer - 1];

		ike_parse_chain(sk->inner_np, sk->body, sk->len, &m, &e);
	}
	for (i = 0; i < m.n; i++)
		bodies(&m.pl[i]);
	if (!ike_find_notify(&m, IKE_N_COOKIE, &n))
		cookie(&m, &n);
	ike_print_msg(&m, false, sink, NULL);
	ike_print_msg(&m, true, sink, NULL);
	ike_print_summary(&m, sink, NULL);
	return 0;
}
