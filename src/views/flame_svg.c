#include "views/flame_svg.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/escape.h"
#include "views/flame_svg_js.h"

#define FRAME_H 16
#define PAD 10
#define TOP 40		/* title and buttons */
#define BOTTOM 34	/* details line */
#define MAX_DEPTH 1024

struct fframe {
	const char *name;
	uint32_t len, depth;	/* depth 0 is "all" */
	uint64_t start, count;
};

struct layout {
	struct fframe *v;
	size_t n, cap, max, omitted;
	uint32_t max_depth;
	double min_count;	/* frames below this many samples are left out */
};

static void emit(struct layout *l, const char *name, size_t len, uint32_t depth,
		 uint64_t start, uint64_t end)
{
	if ((double)(end - start) < l->min_count || l->n >= l->max) {
		l->omitted++;
		return;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 1024;
		struct fframe *v = realloc(l->v, cap * sizeof(*v));

		if (!v) {
			l->omitted++;
			return;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (struct fframe){ name, (uint32_t)len, depth, start, end - start };
	if (depth > l->max_depth)
		l->max_depth = depth;
}

/* flamegraph.pl's flow(): sorted stacks share prefixes with their
 * neighbours; a frame closes when the next stack leaves it, spanning the
 * samples from where it opened. */
static int layout(struct layout *l, const struct stack_ent **v, size_t n)
{
	struct { const char *p; uint32_t len; uint64_t start; } *path = calloc(MAX_DEPTH, sizeof(*path));
	size_t depth = 0;
	uint64_t x = 0;

	if (!path)
		return -ENOMEM;
	for (size_t i = 0; i <= n; i++) {
		const char *p = i < n ? v[i]->key : "";
		const char *end = p + (i < n ? v[i]->len : 0);
		size_t d = 0, common;

		/* Length of the prefix shared with the open frames. */
		while (i < n && d < depth && d < MAX_DEPTH) {
			const char *semi = memchr(p, ';', (size_t)(end - p));
			size_t fl = (size_t)((semi ? semi : end) - p);

			if (fl != path[d].len || memcmp(p, path[d].p, fl) != 0)
				break;
			d++;
			p = semi ? semi + 1 : end;
			if (!semi)
				break;
		}
		common = d;
		while (depth > common) {
			depth--;
			emit(l, path[depth].p, path[depth].len, (uint32_t)depth + 1, path[depth].start, x);
		}
		if (i == n)
			break;
		while (p < end && depth < MAX_DEPTH) {
			const char *semi = memchr(p, ';', (size_t)(end - p));
			const char *fe = semi ? semi : end;

			path[depth].p = p;
			path[depth].len = (uint32_t)(fe - p);
			path[depth].start = x;
			depth++;
			p = semi ? semi + 1 : end;
		}
		x += v[i]->count;
	}
	free(path);
	return 0;
}

/* Which palette family a frame belongs to. */
enum fkind { FK_USER, FK_KERNEL, FK_JIT, FK_UNKNOWN };

static enum fkind kind_of(const char *s, size_t len)
{
	if (len >= 4 && memcmp(s + len - 4, "_[k]", 4) == 0)
		return FK_KERNEL;
	if (len >= 4 && memcmp(s + len - 4, "_[j]", 4) == 0)
		return FK_JIT;
	if ((len >= 9 && memcmp(s, "[unknown]", 9) == 0) || (len >= 6 && memcmp(s, "[anon]", 6) == 0) ||
	    memmem(s, len, "+0x", 3))
		return FK_UNKNOWN;
	return FK_USER;
}

/* Stable colour: a hash of the name picks a shade in the family's range. */
static void colour(const char *s, size_t len, enum flame_palette pal, int rgb[3])
{
	/* base and span of r, g, b per family (flamegraph.pl's hot/java/io look) */
	static const int cpu[4][6] = {
		[FK_USER] = { 205, 50, 0, 230, 0, 55 },
		[FK_KERNEL] = { 200, 55, 100, 60, 0, 40 },
		[FK_JIT] = { 50, 60, 160, 70, 50, 60 },
		[FK_UNKNOWN] = { 160, 40, 160, 40, 160, 40 },
	};
	static const int off[4][6] = {
		[FK_USER] = { 0, 80, 80, 100, 190, 65 },
		[FK_KERNEL] = { 110, 60, 80, 50, 190, 65 },
		[FK_JIT] = { 0, 60, 150, 60, 170, 60 },
		[FK_UNKNOWN] = { 150, 40, 150, 40, 170, 40 },
	};
	const int (*t)[6] = pal == FLAME_PALETTE_OFFCPU ? off : cpu;
	enum fkind k = kind_of(s, len);
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	for (int c = 0; c < 3; c++) {
		unsigned v = (unsigned)(h >> (c * 16)) & 0xffff;

		rgb[c] = t[k][c * 2] + (int)((unsigned)t[k][c * 2 + 1] * v / 0xffff);
	}
}

static void write_head(FILE *f, const struct flame_opts *o, int width, int height, uint64_t total)
{
	const char *title = o->title ? o->title : "Flame Graph";

	fprintf(f, "<?xml version=\"1.0\" standalone=\"no\"?>\n"
		"<svg version=\"1.1\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
		"onload=\"init(evt)\" data-total=\"%llu\" xmlns=\"http://www.w3.org/2000/svg\">\n",
		width, height, width, height, (unsigned long long)total);
	fputs("<style type=\"text/css\">\n"
	      "text { font-family: Verdana, sans-serif; font-size: 12px; fill: rgb(0,0,0); }\n"
	      "#title { font-size: 17px; }\n"
	      "#search, #unzoom { cursor: pointer; }\n"
	      "#frames > g:hover > rect { stroke: black; stroke-width: 0.5; cursor: pointer; }\n"
	      ".hide { display: none; }\n"
	      ".parent { opacity: 0.5; }\n"
	      "</style>\n<script type=\"text/ecmascript\"><![CDATA[\n", f);
	fputs(flame_svg_js, f);
	fputs("]]></script>\n", f);
	fprintf(f, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", width, height,
		o->palette == FLAME_PALETTE_OFFCPU ? "rgb(240,244,250)" : "rgb(250,248,240)");
	fprintf(f, "<text id=\"title\" x=\"%d\" y=\"24\" text-anchor=\"middle\">", width / 2);
	esc_xml_fputs(f, title, strlen(title));
	fputs("</text>\n", f);
	fprintf(f, "<text id=\"unzoom\" class=\"hide\" x=\"%d\" y=\"24\">Reset Zoom</text>\n", PAD);
	fprintf(f, "<text id=\"search\" x=\"%d\" y=\"24\">Search</text>\n", width - PAD - 100);
	fprintf(f, "<text id=\"details\" x=\"%d\" y=\"%d\"> </text>\n", PAD, height - 12);
	fprintf(f, "<text id=\"matched\" x=\"%d\" y=\"%d\"> </text>\n", width - PAD - 100, height - 12);
}

static void write_frame(FILE *f, const struct fframe *fr, const struct flame_opts *o,
			uint64_t total, int width, int height)
{
	const char *unit = o->count_name ? o->count_name : "samples";
	double scale = (double)(width - 2 * PAD) / (double)total;
	int rgb[3];

	colour(fr->name, fr->len, o->palette, rgb);
	fprintf(f, "<g data-s=\"%llu\" data-n=\"%llu\" data-d=\"%u\"><title>",
		(unsigned long long)fr->start, (unsigned long long)fr->count, fr->depth);
	esc_xml_fputs(f, fr->name, fr->len);
	fprintf(f, " (%llu %s, %.2f%%)</title>", (unsigned long long)fr->count, unit,
		100.0 * (double)fr->count / (double)total);
	fprintf(f, "<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"rgb(%d,%d,%d)\" rx=\"2\" ry=\"2\"/>",
		PAD + (double)fr->start * scale, height - BOTTOM - (int)(fr->depth + 1) * FRAME_H,
		(double)fr->count * scale, FRAME_H - 1, rgb[0], rgb[1], rgb[2]);
	fprintf(f, "<text x=\"%.2f\" y=\"%d\"></text></g>\n", PAD + (double)fr->start * scale + 3,
		height - BOTTOM - (int)fr->depth * FRAME_H - 4);
}

int flame_svg_write(FILE *f, const struct stacks *s, const struct flame_opts *o)
{
	const struct stack_ent **v = stacks_sorted(s);
	int width = o->width > 0 ? o->width : 1200, height;
	struct layout l = { 0 };
	uint64_t total = 0;
	int err;

	if (!v && s->n)
		return -ENOMEM;
	for (size_t i = 0; i < s->n; i++)
		total += v[i]->count;
	l.max = o->max_frames ? o->max_frames : 200000;
	l.min_count = total ? (o->min_width > 0 ? o->min_width : 0.1) * (double)total / (width - 2 * PAD) : 0;
	err = layout(&l, v, s->n);
	if (err)
		goto out;
	height = (int)(l.max_depth + 1) * FRAME_H + TOP + BOTTOM;
	write_head(f, o, width, height, total);
	fputs("<g id=\"frames\">\n", f);
	if (total) {
		struct fframe root = { "all", 3, 0, 0, total };

		write_frame(f, &root, o, total, width, height);
	}
	for (size_t i = 0; i < l.n; i++)
		write_frame(f, &l.v[i], o, total, width, height);
	fputs("</g>\n", f);
	if (!total)
		fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">no samples</text>\n", width / 2, TOP + 20);
	if (l.omitted)
		fprintf(f, "<text x=\"%d\" y=\"%d\">%zu frames too narrow to draw were left out</text>\n",
			PAD + 250, height - 12, l.omitted);
	fputs("</svg>\n", f);
out:
	free(l.v);
	free(v);
	return err;
}
