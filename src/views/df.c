#include "views/df.h"

#include <math.h>
#include <string.h>

#include "core/escape.h"
#include "core/json.h"

#define NCOL 6
#define CELL 64

void df_human(char *out, size_t size, uint64_t v)
{
	static const char units[] = "KMGTPEZ";
	double x = (double)v / 1024;
	int u = 0;

	if (v < 1024) {
		snprintf(out, size, "%llu", (unsigned long long)v);
		return;
	}
	while (x >= 1024 && u < 6) {
		x /= 1024;
		u++;
	}
	/* one decimal below 10, rounded up (gnulib human.c, human_ceiling) */
	if (x < 10 && ceil(x * 10) / 10 < 10) {
		snprintf(out, size, "%.1f%c", ceil(x * 10) / 10, units[u]);
		return;
	}
	x = ceil(x);
	if (x >= 1024 && u < 6) {
		snprintf(out, size, "1.0%c", units[u + 1]);
		return;
	}
	snprintf(out, size, "%.0f%c", x, units[u]);
}

static void num(char *out, uint64_t v, bool human, uint64_t unit)
{
	if (human)
		df_human(out, CELL, v);
	else	/* in units of `unit` bytes, rounded up as coreutils does */
		snprintf(out, CELL, "%llu", (unsigned long long)((v + unit - 1) / unit));
}

static void pct(char *out, double p)
{
	if (isnan(p))
		snprintf(out, CELL, "-");
	else
		snprintf(out, CELL, "%.0f%%", p);
}

static void row_cells(const struct df_view *v, const struct df_row *r, char c[NCOL][CELL])
{
	uint64_t unit = v->inodes ? 1 : 1024;

	if (!r->ok) {
		for (int k = 1; k < 5; k++)
			snprintf(c[k], CELL, "-");
		return;
	}
	if (v->inodes) {
		num(c[1], r->inodes, v->human, unit);
		num(c[2], r->iused, v->human, unit);
		num(c[3], r->ifree, v->human, unit);
		pct(c[4], r->iuse_pct);
	} else {
		num(c[1], r->size_b, v->human, unit);
		num(c[2], r->used_b, v->human, unit);
		num(c[3], r->avail_b, v->human, unit);
		pct(c[4], r->use_pct);
	}
}

void df_print(FILE *f, const struct df_view *v)
{
	const char *hdr[NCOL] = { "Filesystem",
		v->inodes ? "Inodes" : v->human ? "Size" : "1K-blocks",
		v->inodes ? "IUsed" : "Used", v->inodes ? "IFree" : v->human ? "Avail" : "Available",
		v->inodes ? "IUse%" : "Use%", "Mounted on" };
	size_t w[NCOL];
	char c[NCOL][CELL];

	/* coreutils df.c field_data[] minimum widths: source 14, numbers 5, percent 4 */
	static const size_t minw[NCOL] = { 14, 5, 5, 5, 4, 0 };
	for (int k = 0; k < NCOL; k++)
		w[k] = strlen(hdr[k]) > minw[k] ? strlen(hdr[k]) : minw[k];
	for (size_t i = 0; i < v->rep->n; i++) {
		const struct mount_entry *m = &v->mi->m[v->rep->rows[i].mount];
		const char *src = mountinfo_str(v->mi, m->source);
		row_cells(v, &v->rep->rows[i], c);
		if (esc_term_width(src, strlen(src)) > w[0])
			w[0] = esc_term_width(src, strlen(src));
		for (int k = 1; k < 5; k++)
			if (strlen(c[k]) > w[k])
				w[k] = strlen(c[k]);
	}
	fprintf(f, "%-*s %*s %*s %*s %*s %s\n", (int)w[0], hdr[0], (int)w[1], hdr[1],
		(int)w[2], hdr[2], (int)w[3], hdr[3], (int)w[4], hdr[4], hdr[5]);
	for (size_t i = 0; i < v->rep->n; i++) {
		const struct mount_entry *m = &v->mi->m[v->rep->rows[i].mount];
		const char *src = mountinfo_str(v->mi, m->source), *mnt = mountinfo_str(v->mi, m->mnt);
		row_cells(v, &v->rep->rows[i], c);
		esc_term_fputs(f, src, strlen(src));
		fprintf(f, "%*s %*s %*s %*s %*s ", (int)(w[0] - esc_term_width(src, strlen(src))), "",
			(int)w[1], c[1], (int)w[2], c[2], (int)w[3], c[3], (int)w[4], c[4]);
		esc_term_fputs(f, mnt, strlen(mnt));
		fputc('\n', f);
	}
	if (!v->have_fds)
		return;
	int any = 0;
	for (size_t i = 0; i < v->rep->n; i++) {
		const struct df_row *r = &v->rep->rows[i];
		const char *mnt = mountinfo_str(v->mi, v->mi->m[r->mount].mnt);
		if (!r->held_files)
			continue;
		if (!any++)
			fprintf(f, "\nDeleted but open (space freed only when closed):\n%10s %6s  %s\n",
				v->human ? "Held" : "1K-held", "Files", "Mounted on");
		num(c[0], r->held_b, v->human, 1024);
		fprintf(f, "%10s %6u  ", c[0], r->held_files);
		esc_term_fputs(f, mnt, strlen(mnt));
		fputc('\n', f);
	}
	if (v->fds_denied)
		fprintf(f, "%s(the open files of %lu processes could not be read)\n", any ? "" : "\n",
			v->fds_denied);
}

void df_print_json(FILE *f, const struct df_view *v)
{
	struct json j;

	json_init(&j, f, true);
	json_obj_begin(&j, NULL);
	json_arr_begin(&j, "filesystems");
	for (size_t i = 0; i < v->rep->n; i++) {
		const struct df_row *r = &v->rep->rows[i];
		const struct mount_entry *m = &v->mi->m[r->mount];
		json_obj_begin(&j, NULL);
		json_str(&j, "source", mountinfo_str(v->mi, m->source));
		json_str(&j, "fstype", mountinfo_str(v->mi, m->fstype));
		json_str(&j, "mount", mountinfo_str(v->mi, m->mnt));
		json_str(&j, "options", mountinfo_str(v->mi, m->opts));
		json_uint(&j, "major", m->major);
		json_uint(&j, "minor", m->minor);
		if (r->ok) {
			json_uint(&j, "size_bytes", r->size_b);
			json_uint(&j, "used_bytes", r->used_b);
			json_uint(&j, "avail_bytes", r->avail_b);
			json_double(&j, "use_pct", r->use_pct, 0);
			json_uint(&j, "inodes", r->inodes);
			json_uint(&j, "inodes_used", r->iused);
			json_uint(&j, "inodes_free", r->ifree);
			json_double(&j, "inodes_use_pct", r->iuse_pct, 0);
		} else {
			json_null(&j, "size_bytes");
		}
		if (v->have_fds) {
			json_uint(&j, "deleted_open_bytes", r->held_b);
			json_uint(&j, "deleted_open_files", r->held_files);
		}
		json_obj_end(&j);
	}
	json_arr_end(&j);
	if (v->have_fds) {
		json_uint(&j, "deleted_open_bytes_elsewhere", v->rep->held_unmatched_b);
		json_uint(&j, "processes_unreadable", v->fds_denied);
	}
	json_obj_end(&j);
	json_end(&j);
}
