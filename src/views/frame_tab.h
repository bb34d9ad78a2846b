/* Distinct frame names of folded stacks, numbered 0, 1, ... in the order
 * first seen: the shared function/frame tables of pprof and speedscope.
 * Names are spans into the stacks' keys (not copied): the stacks must
 * outlive the table. */
#ifndef TRIAGE_VIEWS_FRAME_TAB_H
#define TRIAGE_VIEWS_FRAME_TAB_H

#include <stddef.h>
#include <stdint.h>

struct frame_span {
	const char *p;
	size_t len;
};

struct frame_tab {
	struct frame_span *v;	/* n names in order */
	size_t n, vcap;
	uint32_t *slots;	/* open addressing: index + 1, 0 empty */
	size_t cap;
};

void frame_tab_init(struct frame_tab *t);
void frame_tab_free(struct frame_tab *t);
/* The number of name p[0..len), adding it if new. Returns it, or -ENOMEM. */
long frame_tab_intern(struct frame_tab *t, const char *p, size_t len);

/* Split a folded key into frames: calls fn for each, outermost first.
 * Returns the first non-zero fn result, else 0. */
int frame_each(const char *key, size_t len, int (*fn)(void *ctx, const char *p, size_t n), void *ctx);

#endif
