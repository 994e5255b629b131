// SPDX-License-Identifier: GPL-2.0
/*
 * IKEv2 fragmentation (RFC 7383) in the show commands: whether an IKE SA
 * uses it, with its fragment MTU and fragment counts, and the counters of
 * fragments sent, received, reassembled and dropped, as text and JSON.
 */
#include <inttypes.h>

#include "ike_frag.h"
#include "show_int.h"

void show_frag_line(const struct ike_sa *sa, FILE *out)
{
	uint32_t mtu = ike_frag_conf_mtu(sa);

	if (sa->frag_on)
		fprintf(out, "      Fragmentation configured, MTU %u: in use, fragments sent: %u, received: %u\n",
			sa->frag_mtu, sa->frag_tx, sa->frag_rx);
	else if (mtu)
		fprintf(out, "      Fragmentation configured, MTU %u: not supported by the peer\n",
			mtu);
	else
		fputs("      Fragmentation not configured.\n", out);
}

struct json_object *show_frag_json(const struct ike_sa *sa)
{
	struct json_object *o = json_object_new_object();

	jbool(o, "configured", ike_frag_conf_mtu(sa) != 0);
	jbool(o, "peer_supported", sa->frag_peer);
	jbool(o, "in_use", sa->frag_on);
	ju64(o, "mtu", sa->frag_on ? sa->frag_mtu : ike_frag_conf_mtu(sa));
	ju64(o, "fragments_sent", sa->frag_tx);
	ju64(o, "fragments_received", sa->frag_rx);
	return o;
}

void show_frag_stats_text(FILE *out)
{
	const struct ike_frag_stats *s = &ike_frag_stats;

	fprintf(out, "IKEv2 fragments sent: %" PRIu64 " (messages: %" PRIu64
		"), received: %" PRIu64 " (messages reassembled: %" PRIu64
		", held: %zu bytes)\n", s->tx, s->fragmented, s->rx,
		s->reassembled, ike_frag_held());
	fprintf(out, "  dropped fragments: bad: %" PRIu64 ", duplicate: %"
		PRIu64 ", stale: %" PRIu64 ", over limit: %" PRIu64
		", timed out: %" PRIu64 ", not negotiated: %" PRIu64 "\n",
		s->bad, s->duplicate, s->stale, s->limit, s->timeout,
		s->unexpected);
}

struct json_object *show_frag_stats_json(void)
{
	const struct ike_frag_stats *s = &ike_frag_stats;
	struct json_object *o = json_object_new_object();

	ju64(o, "sent", s->tx);
	ju64(o, "messages_fragmented", s->fragmented);
	ju64(o, "received", s->rx);
	ju64(o, "messages_reassembled", s->reassembled);
	ju64(o, "held_bytes", ike_frag_held());
	ju64(o, "bad", s->bad);
	ju64(o, "duplicate", s->duplicate);
	ju64(o, "stale", s->stale);
	ju64(o, "over_limit", s->limit);
	ju64(o, "timed_out", s->timeout);
	ju64(o, "not_negotiated", s->unexpected);
	return o;
}
