/* offcputime's outputs: stacks one frame a line (as libbpf-tools prints
 * them) and JSON (folded text and the SVG come from model/offcpu.h's folding
 * and views/folded.h, views/flame_svg.h). A symbolizer turns addresses into names; every name goes
 * through core/escape.h. */
#ifndef TRIAGE_VIEWS_OFFCPU_H
#define TRIAGE_VIEWS_OFFCPU_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bpf/offcputime_api.h"

/* Name of addr (kernel or in process tgid) into buf; leaf: the innermost
 * frame (not a return address). Returns buf or a constant string, never NULL. */
typedef const char *(*offcpu_sym_fn)(void *ctx, uint32_t tgid, uint64_t addr, bool kernel,
				     bool leaf, char *buf, size_t size);

void offcpu_print(FILE *f, const struct offcpu_stacks *st, offcpu_sym_fn sym, void *ctx);
void offcpu_print_json(FILE *f, const struct offcpu_stacks *st, offcpu_sym_fn sym, void *ctx);

#endif
