/* offcputime's outputs: stacks one frame a line (as libbpf-tools prints
 * them), folded lines for flame graphs ("comm;user...;kernel... µs", root
 * first), and JSON. A symbolizer turns addresses into names; every name goes
 * through core/escape.h. */
#ifndef TRIAGE_VIEWS_OFFCPU_H
#define TRIAGE_VIEWS_OFFCPU_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bpf/offcputime_api.h"

/* Name of addr (kernel or in process tgid) into buf; returns buf or a
 * constant string. Must not return NULL. */
typedef const char *(*offcpu_sym_fn)(void *ctx, uint32_t tgid, uint64_t addr, bool kernel,
				     char *buf, size_t size);

void offcpu_print(FILE *f, const struct offcpu_stacks *st, offcpu_sym_fn sym, void *ctx);
void offcpu_print_folded(FILE *f, const struct offcpu_stacks *st, offcpu_sym_fn sym, void *ctx);
void offcpu_print_json(FILE *f, const struct offcpu_stacks *st, offcpu_sym_fn sym, void *ctx);

#endif
