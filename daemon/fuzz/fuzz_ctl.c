// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the control socket's dispatcher (flexsecd/ctl.c):
 * any bytes as one command line, up to the first NUL (the socket refuses
 * lines with one), run against an empty daemon (no configuration, no SA,
 * no kernel) with the answer written to /dev/null. Debug switches and
 * conditions are reset after each input, so that every run starts alike.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "daemon.h"
#include "diag.h"
#include "ike_int.h"

/* Room for lines over the limit too: they have an answer of their own. */
#define FUZZ_LINE	(2 * CTL_MAX_LINE)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	char line[FUZZ_LINE + 1];
	size_t n = size < FUZZ_LINE ? size : FUZZ_LINE;

	if (!sink) {
		sink = fopen("/dev/null", "w");
		if (!sink)
			abort();
	}
	memcpy(line, data, n);
	line[n] = '\0';
	ctl_exec(line, sink);
	dbg_set(~0u, false);
	dbg_condition_clear();
	return 0;
}
