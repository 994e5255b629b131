// SPDX-License-Identifier: GPL-2.0
/*
 * flexsec.conf: identities ("address A", "fqdn F", "email E", "key-id K",
 * "dn CN=...") as keyring peers and IKEv2 profiles give them, and the
 * block "crypto ikev2 keyring" with its peers and their pre-shared keys.
 * A key is never quoted in a message, and wiped where it was copied.
 */

#include <ctype.h>
#include <string.h>

#include "conf_int.h"

/* ---- identities ---- */

static bool id_value(struct pctx *p, const struct line *l, unsigned int i,
		     struct conf_id *id)
{
	char q[QUOTE_MAX + 8];

	if (!cp_need(p, l, i, "a value"))
		return false;
	if (!cp_printable(l->w[i])) {
		cp_err(p, "identity '%s' has a control character",
		       cp_quote(l->w[i], q, sizeof(q)));
		return false;
	}
	if (strlen(l->w[i]) >= sizeof(id->value)) {
		cp_err(p, "identity '%s' too long (at most %zu characters)",
		       cp_quote(l->w[i], q, sizeof(q)), sizeof(id->value) - 1);
		return false;
	}
	strcpy(id->value, l->w[i]);
	return cp_no_more(p, l, i + 1);
}

/*
 * An identity from word I: address A, fqdn F, email E, key-id K, and dn
 * when DN_OK. A RULE (what a peer's identity is matched against) may also
 * be a subnet (address A MASK, A/LEN) or a domain (fqdn|email domain D).
 */
bool cp_id_arg(struct pctx *p, const struct line *l, unsigned int i,
	       struct conf_id *id, bool rule, bool dn_ok)
{
	memset(id, 0, sizeof(*id));
	if (!cp_need(p, l, i, "an identity (address, fqdn, email, key-id)"))
		return false;
	if (is(l, i, "address")) {
		i++;
		id->type = CONF_ID_ADDRESS;
		if (rule) {
			if (!cp_addr_arg(p, l, &i, &id->addr, true))
				return false;
		} else {
			if (!cp_need(p, l, i, "an address"))
				return false;
			if (!cp_parse_ip(l->w[i], &id->addr)) {
				cp_bad_value(p, "address", l->w[i], NULL);
				return false;
			}
			i++;
		}
		return cp_no_more(p, l, i);
	}
	if (is(l, i, "fqdn") || is(l, i, "email")) {
		id->type = is(l, i, "fqdn") ? CONF_ID_FQDN : CONF_ID_EMAIL;
		i++;
		if (rule && is(l, i, "domain") && i + 1 < l->n) {
			id->domain = true;
			i++;
		}
		return id_value(p, l, i, id);
	}
	if (is(l, i, "key-id")) {
		id->type = CONF_ID_KEY_ID;
		return id_value(p, l, i + 1, id);
	}
	if (dn_ok && is(l, i, "dn")) {
		uint8_t der[512];

		id->type = CONF_ID_DN;
		if (i + 1 >= l->n)
			return true;	/* the address stands in, as without */
		if (!id_value(p, l, i + 1, id))
			return false;
		if (conf_dn_der(id->value, der, sizeof(der)) < 0) {
			cp_err(p, "'%s' is not a distinguished name "
			       "(CN=name,O=org,...)", id->value);
			return false;
		}
		return true;
	}
	cp_bad_value(p, "identity type", l->w[i],
		     dn_ok ? "address|fqdn|email|key-id|dn" :
			  "address|fqdn|email|key-id");
	return false;
}

/* ---- crypto ikev2 keyring / peer ---- */

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = (char)tolower((unsigned char)ch);
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

/* The key as bytes into OUT; never quotes the key in a message. */
static bool psk_decode(struct pctx *p, const char *key, bool hex,
		       uint8_t *out, unsigned int *len)
{
	size_t n = strlen(key), i;

	if (!hex) {
		if (n > CONF_MAX_KEY) {
			cp_err(p, "pre-shared-key too long (%zu bytes, at most "
			       "%d)", n, CONF_MAX_KEY);
			return false;
		}
		memcpy(out, key, n);
		*len = (unsigned int)n;
		return true;
	}
	if (n % 2 || n / 2 > CONF_MAX_KEY) {
		cp_err(p, "hex pre-shared-key needs an even number of hex "
		       "digits, at most %d (has %zu)", 2 * CONF_MAX_KEY, n);
		return false;
	}
	for (i = 0; i < n; i += 2) {
		int hi = hexval(key[i]), lo = hexval(key[i + 1]);

		if (hi < 0 || lo < 0) {
			cp_err(p, "hex pre-shared-key: character %zu is not a "
			       "hex digit", hi < 0 ? i + 1 : i + 2);
			return false;
		}
		out[i / 2] = (uint8_t)(hi << 4 | lo);
	}
	*len = (unsigned int)(n / 2);
	return true;
}

/*
 * pre-shared-key [local|remote] [0|6] [hex] KEY: options are taken only
 * while a word follows them; the key is the rest of the line.
 */
static void psk_line(struct pctx *p, const struct line *l,
		     struct conf_keyring_peer *kp)
{
	bool local = true, remote = true, hex = false, typed = false;
	uint8_t key[CONF_MAX_KEY];
	unsigned int i = 1, len;

	if (!cp_need(p, l, 1, "a key"))
		return;
	if (i + 1 < l->n && (is(l, i, "local") || is(l, i, "remote"))) {
		local = is(l, i, "local");
		remote = !local;
		i++;
	}
	for (; i + 1 < l->n; i++) {
		if (!typed && !strcmp(l->w[i], "6")) {
			cp_err(p, "pre-shared-key of type 6 (encrypted) cannot "
			       "be read: flexsec has no master key; write the "
			       "key in clear (type 0)");
			return;
		} else if (!typed && !strcmp(l->w[i], "0")) {
			typed = true;
		} else if (!hex && is(l, i, "hex")) {
			hex = true;
		} else {
			break;
		}
	}
	if (!psk_decode(p, rest(l, i), hex, key, &len))
		goto out;
	if (local) {
		memcpy(kp->psk_local, key, len);
		kp->psk_local_len = len;
	}
	if (remote) {
		memcpy(kp->psk_remote, key, len);
		kp->psk_remote_len = len;
	}
out:
	explicit_bzero(key, sizeof(key));
}

static void peer_line(struct pctx *p, const struct line *l)
{
	struct conf_keyring *kr = &p->c->keyrings[p->idx];
	struct conf_keyring_peer *kp = &kr->peers[p->peer];
	char q[QUOTE_MAX + 8];
	unsigned int i = 1;

	if (is(l, 0, "address")) {
		struct conf_addr a;

		if (cp_addr_arg(p, l, &i, &a, true) && cp_no_more(p, l, i))
			kp->address = a;
	} else if (is(l, 0, "hostname")) {
		if (!cp_need(p, l, 1, "a host name") || !cp_no_more(p, l, 2))
			return;
		if (!cp_printable(l->w[1]) ||
		    strlen(l->w[1]) >= sizeof(kp->hostname)) {
			cp_err(p, "bad hostname '%s'",
			       cp_quote(l->w[1], q, sizeof(q)));
			return;
		}
		strcpy(kp->hostname, l->w[1]);
	} else if (is(l, 0, "identity")) {
		struct conf_id id;

		if (cp_id_arg(p, l, 1, &id, true, false))
			kp->identity = id;
	} else if (is(l, 0, "pre-shared-key")) {
		psk_line(p, l, kp);
	} else if (is(l, 0, "description")) {
		cp_need(p, l, 1, "a text");
	} else {
		cp_unknown(p, l, 0);
	}
}

void cp_keyring_line(struct pctx *p, const struct line *l)
{
	struct conf_keyring *kr = &p->c->keyrings[p->idx];
	struct conf_keyring_peer *kp;
	char name[CONF_NAME];
	unsigned int i;

	if (!is(l, 0, "peer")) {
		if (p->peer >= 0)
			return peer_line(p, l);
		if (is(l, 0, "address") || is(l, 0, "pre-shared-key") ||
		    is(l, 0, "identity") || is(l, 0, "hostname")) {
			cp_err(p, "'%s' outside a peer in crypto ikev2 keyring "
			       "%s (open one with 'peer NAME')", l->w[0],
			       kr->name);
			return;
		}
		return cp_unknown(p, l, 0);
	}
	if (!cp_name_arg(p, l, 1, name, "peer name") || !cp_no_more(p, l, 2))
		return;
	for (i = 0; i < kr->n_peers; i++) {
		if (!strcmp(kr->peers[i].name, name)) {
			p->peer = (int)i;
			return;
		}
	}
	kp = cp_grow(p, (void **)&kr->peers, &kr->n_peers, sizeof(*kp));
	if (!kp)
		return;
	strcpy(kp->name, name);
	kp->line = p->line;
	p->peer = (int)(kr->n_peers - 1);
}
