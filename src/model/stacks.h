/* Folded call stacks and their sample counts: "comm;outer;...;leaf" -> n.
 *
 * Bounded: at most max_stacks distinct stacks and max_bytes of stack text;
 * samples that do not fit are counted in dropped_samples (and reported),
 * never lost silently. Keys are "clean" text (stacks_frame_clean): valid
 * UTF-8 without controls, bidi overrides or ';' inside a frame, so every
 * writer (folded text, SVG, JSON) prints the same names. */
#ifndef TRIAGE_MODEL_STACKS_H
#define TRIAGE_MODEL_STACKS_H

#include <stddef.h>
#include <stdint.h>

struct stack_ent {
	char *key;		/* NUL-terminated folded stack */
	uint32_t len;
	uint64_t count;
};

struct stacks {
	struct stack_ent *tab;	/* open addressing, cap slots (power of two) */
	size_t cap, n;
	size_t max_stacks, max_bytes, bytes;
	uint64_t total;		/* samples kept */
	uint64_t dropped_samples;	/* samples whose stack did not fit */
};

#define STACKS_DEFAULT_MAX 100000
#define STACKS_DEFAULT_BYTES (64u << 20)

/* max_stacks / max_bytes 0: the defaults. Returns 0 or -ENOMEM. */
int stacks_init(struct stacks *s, size_t max_stacks, size_t max_bytes);
void stacks_free(struct stacks *s);

/* Add count samples of a folded stack (already clean). Returns 0, or
 * -ENOSPC when a limit was hit (the samples are counted as dropped). */
int stacks_add(struct stacks *s, const char *key, size_t len, uint64_t count);

/* The entries sorted by key (bytewise, as `sort` in the C locale), in a new
 * array of n pointers. Returns NULL on -ENOMEM or when empty. */
const struct stack_ent **stacks_sorted(const struct stacks *s);

/* Append a clean copy of one frame name to dst (size bytes, NUL-terminated):
 * valid printable UTF-8 is kept as is; ';' becomes ':'; an invalid byte, a
 * control or a bidi override becomes \xNN / \u{NNNN} (core/escape.h's
 * terminal escapes). Idempotent. Returns the new length of dst. */
size_t stacks_frame_clean(char *dst, size_t dlen, size_t size, const char *src, size_t len);

#endif
