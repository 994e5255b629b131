/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flexsec: tracepoints. flexsec:flexsec_drop fires for every packet a tunnel
 * drops, with the SA and the reason (the counter it is counted in).
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM flexsec

#if !defined(_FLEXSEC_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _FLEXSEC_TRACE_H

#include <linux/netdevice.h>
#include <linux/tracepoint.h>

#include "stats.h"

TRACE_EVENT(flexsec_drop,
	TP_PROTO(const struct net_device *dev, u32 spi, u64 seq,
		 unsigned int reason),
	TP_ARGS(dev, spi, seq, reason),
	TP_STRUCT__entry(
		__array(char, dev, IFNAMSIZ)
		__field(u32, spi)
		__field(u64, seq)
		__field(unsigned int, reason)
	),
	TP_fast_assign(
		strscpy(__entry->dev, dev->name, IFNAMSIZ);
		__entry->spi = spi;
		__entry->seq = seq;
		__entry->reason = reason;
	),
	TP_printk("dev=%s spi=0x%08x seq=%llu reason=%s", __entry->dev,
		  __entry->spi, __entry->seq,
		  __print_symbolic(__entry->reason,
				   { FLEXSEC_RX_REPLAY, "rx-replay" },
				   { FLEXSEC_RX_TOO_OLD, "rx-too-old" },
				   { FLEXSEC_RX_AUTH_FAILED, "rx-auth-failed" },
				   { FLEXSEC_RX_BAD_PADDING, "rx-bad-padding" },
				   { FLEXSEC_RX_TRUNCATED, "rx-truncated" },
				   { FLEXSEC_RX_GRE_KEY, "rx-gre-key" },
				   { FLEXSEC_RX_INNER_PROTO, "rx-inner-proto" },
				   { FLEXSEC_RX_EXPIRED, "rx-expired" },
				   { FLEXSEC_TX_NO_SA, "tx-no-sa" },
				   { FLEXSEC_TX_SEQ_OVERFLOW, "tx-seq-overflow" },
				   { FLEXSEC_TX_EXPIRED, "tx-expired" },
				   { FLEXSEC_TX_ERRORS, "tx-errors" },
				   { FLEXSEC_RX_ERRORS, "rx-errors" }))
);

#endif /* _FLEXSEC_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
