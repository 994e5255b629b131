// SPDX-License-Identifier: GPL-2.0
/*
 * The text and JSON of "show crypto ipsec sa", from the view that
 * show_ipsec.c gathers.
 */

#include <inttypes.h>
#include <string.h>

#include "algs.h"
#include "ike_proto.h"
#include "show_ipsec.h"
#include "tunnel.h"
#include "vaccess.h"

/* The name IOS gives interface NAME: Virtual-AccessN for ViN. */
static const char *shown_name(const char *name)
{
	const struct tunnel *t = tunnel_find(name);

	return t ? va_show_name(t) : name;
}

#define ALG_LEN		64

/* "esp-gcm 256", "esp-aes 256 esp-sha256-hmac" */
static const char *transform_str(const struct child_sa *ch, char *buf,
				 size_t len)
{
	char e[ALG_LEN], i[ALG_LEN];
	const char *es, *is = NULL;

	es = esp_alg_show(IKE_TT_ENCR, ch->encr, ch->encr_bits, e, sizeof(e));
	if (ch->integ != IKE_INTEG_NONE)
		is = esp_alg_show(IKE_TT_INTEG, ch->integ, 0, i, sizeof(i));
	snprintf(buf, len, "%s%s%s", es ? es : "unknown", is ? " " : "",
		 is ? is : "");
	return buf;
}

static unsigned int esp_iv_len(const struct child_sa *ch)
{
	const struct alg *a = alg_find(IKE_TT_ENCR, ch->encr, ch->encr_bits);

	return a ? a->iv_len : 0;
}

static void totals_text(FILE *out, const struct ipsec_totals *t)
{
	fprintf(out, "    #pkts encaps: %" PRIu64 ", #pkts encrypt: %" PRIu64
		", #pkts digest: %" PRIu64 "\n", t->encaps, t->encaps,
		t->encaps);
	fprintf(out, "    #pkts decaps: %" PRIu64 ", #pkts decrypt: %" PRIu64
		", #pkts verify: %" PRIu64 "\n", t->decaps, t->decaps,
		t->decaps);
	fprintf(out, "    #send errors %" PRIu64 ", #recv errors %" PRIu64
		"\n", t->send_errors, t->recv_errors);
	fprintf(out, "    #pkts replay failed (rcv): %" PRIu64
		", #pkts too old (rcv): %" PRIu64 "\n", t->replay, t->too_old);
	fprintf(out, "    #pkts verify failed: %" PRIu64
		", #pkts invalid pad (rcv): %" PRIu64
		", #pkts truncated (rcv): %" PRIu64 "\n", t->verify_failed,
		t->bad_padding, t->truncated);
	fprintf(out, "    #pkts GRE key mismatch (rcv): %" PRIu64
		", #pkts bad inner protocol (rcv): %" PRIu64 "\n", t->gre_key,
		t->inner_proto);
	fprintf(out, "    #pkts SA expired (send): %" PRIu64
		", #pkts SA expired (rcv): %" PRIu64 "\n", t->expired_tx,
		t->expired_rx);
	fprintf(out, "    #pkts no SA (send): %" PRIu64
		", #pkts seq overflow (send): %" PRIu64 "\n\n", t->no_sa,
		t->seq_overflow);
}

/* Remaining kilobytes and seconds of a child SA's lifetime. */
static void remaining(const struct child_sa *ch, const struct kmi_sa_stats *st,
		      bool inbound, char *kb, char *sec, size_t len)
{
	uint64_t used = (inbound ? st->rx_bytes : st->tx_bytes) / 1024;
	uint64_t age = st->found ? st->age : since(ch->created);

	if (ch->lifetime_kb)
		snprintf(kb, len, "%" PRIu64, ch->lifetime_kb > used ?
			 ch->lifetime_kb - used : 0);
	else
		snprintf(kb, len, "none");
	if (ch->lifetime_sec)
		snprintf(sec, len, "%" PRIu64, ch->lifetime_sec > age ?
			 ch->lifetime_sec - age : 0);
	else
		snprintf(sec, len, "none");
}

static const char *esp_status(const struct child_sa *ch,
			      const struct kmi_sa_stats *st, bool inbound)
{
	if (ch->state == CHILD_ST_DELETING)
		return "DELETING";
	if (ch->state == CHILD_ST_REKEYED)
		return "ACTIVE(REKEYED)";
	if (ch->state == CHILD_ST_REKEYING)
		return "ACTIVE(REKEYING)";
	if (!inbound && st->found && !st->active)
		return "STANDBY";
	return "ACTIVE(ACTIVE)";
}

static void esp_sa_text(FILE *out, const char *ifname,
			const struct child_view *v, bool inbound)
{
	const struct child_sa *ch = v->ch;
	const struct kmi_sa_stats *st = inbound ? &v->in : &v->out;
	uint32_t spi = inbound ? ch->spi_in : ch->spi_out;
	char tr[2 * ALG_LEN], kb[24], sec[24];

	remaining(ch, st, inbound, kb, sec, sizeof(kb));
	fprintf(out, "      spi: 0x%X(%u)\n", spi, spi);
	fprintf(out, "        transform: %s ,\n",
		transform_str(ch, tr, sizeof(tr)));
	fprintf(out, "        in use settings ={%s%s, %s}\n",
		ch->transport ? "Transport" : "Tunnel",
		ch->encap_lport ? " UDP-Encaps" : "", ch->esn ? "ESN, " : "");
	fprintf(out, "        conn id: %u, flow_id: SW:%u, crypto map: %s-head-0\n",
		ch->conn_id, ch->conn_id, ifname);
	fprintf(out, "        sa timing: remaining key lifetime (k/sec): (%s/%s)\n",
		kb, sec);
	fprintf(out, "        IV size: %u bytes\n", esp_iv_len(ch));
	fprintf(out, "        replay detection support: %s\n",
		ch->replay_window ? "Y" : "N");
	if (inbound && ch->replay_window)
		fprintf(out, "        replay window size: %u\n",
			ch->replay_window);
	fprintf(out, "        Status: %s\n\n", esp_status(ch, st, inbound));
}

static void block_sas_text(FILE *out, const char *ifname,
			   const struct ipsec_block *b, bool inbound)
{
	unsigned int i;

	fprintf(out, "     %s esp sas:\n", inbound ? "inbound" : "outbound");
	for (i = 0; i < b->n; i++)
		esp_sa_text(out, ifname, &b->v[i], inbound);
	if (!b->n)
		fputc('\n', out);
}

static void block_text(FILE *out, const struct ipsec_if *ifc,
		       const struct ipsec_block *b)
{
	/* IOS names the IPv6 selectors' parts otherwise */
	const char *parts = strchr(b->local_ident, ':') ?
			    "addr/prefixlen/prot/port" : "addr/mask/prot/port";
	char mtu[16];

	snprintf(mtu, sizeof(mtu), "%u", ifc->mtu);
	fputs("   protected vrf: (none)\n", out);
	fprintf(out, "   local  ident (%s): %s\n", parts, b->local_ident);
	fprintf(out, "   remote ident (%s): %s\n", parts, b->remote_ident);
	fprintf(out, "   current_peer %s port %u\n", b->peer, b->port);
	fputs("     PERMIT, flags={origin_is_acl,}\n", out);
	totals_text(out, &b->tot);
	fprintf(out, "     local crypto endpt.: %s, remote crypto endpt.: %s\n",
		b->local, b->peer);
	fprintf(out, "     plaintext mtu %s, ip mtu %s, ip mtu idb %s\n",
		ifc->mtu ? mtu : "unknown", ifc->mtu ? mtu : "unknown",
		ifc->name);
	fprintf(out, "     current outbound spi: 0x%X(%u)\n", b->out_spi,
		b->out_spi);
	if (b->pfs_group)
		fprintf(out, "     PFS (Y/N): Y, DH group: group%u\n\n",
			b->pfs_group);
	else
		fputs("     PFS (Y/N): N, DH group: none\n\n", out);
	block_sas_text(out, shown_name(ifc->name), b, true);
	block_sas_text(out, shown_name(ifc->name), b, false);
}

void ipsec_if_text(FILE *out, const struct ipsec_if *ifc)
{
	unsigned int i;

	fprintf(out, "interface: %s\n", shown_name(ifc->name));
	fprintf(out, "    Crypto map tag: %s-head-0, local addr %s\n\n",
		shown_name(ifc->name), ifc->b[0].local);
	for (i = 0; i < ifc->n; i++)
		block_text(out, ifc, &ifc->b[i]);
}

static struct json_object *totals_json(const struct ipsec_totals *t)
{
	struct json_object *o = json_object_new_object();

	ju64(o, "pkts_encaps", t->encaps);
	ju64(o, "pkts_decaps", t->decaps);
	ju64(o, "send_errors", t->send_errors);
	ju64(o, "recv_errors", t->recv_errors);
	ju64(o, "replay_failed", t->replay);
	ju64(o, "too_old", t->too_old);
	ju64(o, "verify_failed", t->verify_failed);
	ju64(o, "invalid_pad", t->bad_padding);
	ju64(o, "truncated", t->truncated);
	ju64(o, "gre_key_mismatch", t->gre_key);
	ju64(o, "bad_inner_protocol", t->inner_proto);
	ju64(o, "expired_send", t->expired_tx);
	ju64(o, "expired_rcv", t->expired_rx);
	ju64(o, "no_sa_send", t->no_sa);
	ju64(o, "seq_overflow_send", t->seq_overflow);
	return o;
}

static struct json_object *esp_sa_json(const struct child_view *v, bool inbound)
{
	const struct child_sa *ch = v->ch;
	const struct kmi_sa_stats *st = inbound ? &v->in : &v->out;
	struct json_object *o = json_object_new_object();
	char tr[2 * ALG_LEN], kb[24], sec[24];

	remaining(ch, st, inbound, kb, sec, sizeof(kb));
	ju64(o, "spi", inbound ? ch->spi_in : ch->spi_out);
	jstr(o, "transform", transform_str(ch, tr, sizeof(tr)));
	jstr(o, "mode", ch->transport ? "transport" : "tunnel");
	jbool(o, "esn", ch->esn);
	jbool(o, "udp_encap", ch->encap_lport != 0);
	if (ch->encap_lport) {
		ju64(o, "encap_local_port", ch->encap_lport);
		ju64(o, "encap_remote_port", ch->encap_rport);
	}
	ju64(o, "conn_id", ch->conn_id);
	jstr(o, "remaining_kb", kb);
	jstr(o, "remaining_sec", sec);
	ju64(o, "iv_size", esp_iv_len(ch));
	ju64(o, "replay_window", ch->replay_window);
	jstr(o, "status", esp_status(ch, st, inbound));
	ju64(o, "packets", inbound ? st->rx_packets : st->tx_packets);
	ju64(o, "bytes", inbound ? st->rx_bytes : st->tx_bytes);
	return o;
}

static struct json_object *block_json(const struct ipsec_block *b)
{
	struct json_object *o = json_object_new_object();
	struct json_object *in = json_object_new_array();
	struct json_object *outb = json_object_new_array();
	unsigned int i;

	jstr(o, "local_ident", b->local_ident);
	jstr(o, "remote_ident", b->remote_ident);
	jstr(o, "current_peer", b->peer);
	ju64(o, "port", b->port);
	jstr(o, "local_crypto_endpt", b->local);
	jstr(o, "remote_crypto_endpt", b->peer);
	json_object_object_add(o, "counters", totals_json(&b->tot));
	ju64(o, "current_outbound_spi", b->out_spi);
	ju64(o, "pfs_group", b->pfs_group);
	for (i = 0; i < b->n; i++) {
		json_object_array_add(in, esp_sa_json(&b->v[i], true));
		json_object_array_add(outb, esp_sa_json(&b->v[i], false));
	}
	json_object_object_add(o, "inbound_esp_sas", in);
	json_object_object_add(o, "outbound_esp_sas", outb);
	return o;
}

struct json_object *ipsec_if_json(const struct ipsec_if *ifc)
{
	struct json_object *o = json_object_new_object();
	struct json_object *arr = json_object_new_array();
	unsigned int i;

	jstr(o, "interface", shown_name(ifc->name));
	jstr(o, "local_addr", ifc->b[0].local);
	ju64(o, "mtu", ifc->mtu);
	for (i = 0; i < ifc->n; i++)
		json_object_array_add(arr, block_json(&ifc->b[i]));
	json_object_object_add(o, "peers", arr);
	return o;
}
