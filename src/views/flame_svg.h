/* Interactive flame graph as one self-contained SVG (inline CSS and
 * JavaScript, no network): a frame's width is proportional to its samples;
 * hovering shows name, samples and percentage; a click zooms into a frame;
 * "Search" (or Ctrl-F) highlights the frames whose name matches a regular
 * expression and shows their total percentage (nested matches counted once).
 * The URL fragment drives the same code: #search=REGEX, #hover=REGEX,
 * #zoom=REGEX (used by the browser test).
 *
 * The output is a function of the stacks and the options only, so a profile
 * and its folded text render to the same bytes.
 *
 * Colours are stable (a hash of the name) within a palette chosen by the
 * frame's module: kernel ("_[k]"), JIT ("_[j]"), unknown ("[unknown]",
 * "obj+0x..."), user (the rest). The off-CPU palette (blues) is for
 * off-CPU/blocked-time stacks, e.g. the bpf offcputime command. */
#ifndef TRIAGE_VIEWS_FLAME_SVG_H
#define TRIAGE_VIEWS_FLAME_SVG_H

#include <stdio.h>

#include "model/stacks.h"

enum flame_palette {
	FLAME_PALETTE_CPU,	/* warm: user red/yellow, kernel orange, JIT green */
	FLAME_PALETTE_OFFCPU,	/* cold: blues, kernel purple */
};

struct flame_opts {
	const char *title;	/* NULL: "Flame Graph" */
	const char *count_name;	/* unit of the counts: NULL "samples" ("us" for off-CPU) */
	enum flame_palette palette;
	int width;		/* pixels; 0: 1200 */
	double min_width;	/* frames narrower than this (px) are left out; 0: 0.1 */
	size_t max_frames;	/* output bound; 0: 200000 (the narrowest go) */
};

/* Write the SVG of s. Returns 0 or -ENOMEM. Empty s gives a graph that says
 * "no samples". */
int flame_svg_write(FILE *f, const struct stacks *s, const struct flame_opts *o);

#endif
