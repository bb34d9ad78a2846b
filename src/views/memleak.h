/* memleak's report (bpf/memleak_api.h): bcc memleak's "N bytes in M
 * allocations from stack" with the stack's frames below, and the same as a
 * JSON object. A callback names each frame (a symbolizer); every name goes
 * through core/escape.h. */
#ifndef TRIAGE_VIEWS_MEMLEAK_H
#define TRIAGE_VIEWS_MEMLEAK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bpf/memleak_api.h"
#include "core/json.h"

/* The name of return address addr into buf; returns buf or a constant. */
typedef const char *(*memleak_sym_fn)(void *ctx, uint64_t addr, char *buf, size_t size);

/* clock: "HH:MM:SS". */
void memleak_print(FILE *f, const struct memleak_report *r, const char *clock, memleak_sym_fn sym,
		   void *ctx);
/* One report object (an element of "reports", or one JSON Line). */
void memleak_json(struct json *j, const struct memleak_report *r, int pid, long long time, bool final,
		  memleak_sym_fn sym, void *ctx);

#endif
