/* SPDX-License-Identifier: GPL-2.0 */
/* What the sa commands share: selectors and requests. */

#ifndef FLEXSEC_CLI_SA_H
#define FLEXSEC_CLI_SA_H

#include <stdbool.h>
#include <stdint.h>

#include "cli.h"
#include "nl.h"

/* dev, dir and spi: which SA, or which SAs. */
struct sa_sel {
	const char *dev;
	unsigned int ifindex;
	uint32_t dir;
	uint32_t spi;
	bool has_dir;
	bool has_spi;
};

enum {
	SEL_DEV = 1 << 0,
	SEL_DIR = 1 << 1,
	SEL_SPI = 1 << 2,
};

int sel_parse(struct args *a, struct sa_sel *s, unsigned int allowed);
int sel_put(struct nl_msg *msg, const struct sa_sel *s);
int fill_sel(struct nl_msg *msg, const void *arg);

/* One request of the family, reported; returns the exit status. */
int sa_request(struct args *a, uint8_t cmd, int flags,
	       int (*fill)(struct nl_msg *msg, const void *arg),
	       const void *arg, nl_reply_fn reply, void *reply_arg);

int sa_show(struct args *a);

#endif /* FLEXSEC_CLI_SA_H */
