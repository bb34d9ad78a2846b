/* offcputime's stacks (bpf/offcputime_api.h, addresses) folded into
 * model/stacks.h's "comm;outermost;...;leaf" -> µs, for folded text and the
 * flame graph: user frames first (outermost at main), then kernel frames
 * ("name_[k]"), as the thread went from its code into the kernel to block. */
#ifndef TRIAGE_MODEL_OFFCPU_H
#define TRIAGE_MODEL_OFFCPU_H

#include "bpf/offcputime_api.h"
#include "model/stacks.h"
#include "model/symbolize.h"

/* Add every stack of st to out (initialised by the caller), weighted by its
 * off-CPU µs. Returns 0 or -ENOMEM (stacks beyond out's limits are counted
 * in out->dropped_samples). */
int offcpu_fold(const struct offcpu_stacks *st, struct symbolizer *sym, struct stacks *out);

/* One frame's name (for the line-per-frame and JSON views): kernel frames
 * from kallsyms, user frames from the process's objects. leaf: the innermost
 * frame, looked up as is (the others are return addresses). */
const char *offcpu_frame(struct symbolizer *sym, uint32_t tgid, uint64_t addr, bool kernel,
			 bool leaf, char *buf, size_t size);

#endif
