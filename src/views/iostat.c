#include "views/iostat.h"

#include <stddef.h>
#include <string.h>

#include "views/cols.h"
#include "views/sysstat_banner.h"

/* One column: its JSON key, where its value (a double) sits, and its text
 * width and decimals (sysstat's " %W.Pf"). */
struct iostat_col {
	const char *key;
	size_t off;
	int width, prec;
};

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define CPU(k) { #k, offsetof(struct avgcpu, k), 7, 2 }
#define DISK(k, f, w, p) { k, offsetof(struct disk_rates, f), w, p }

static const struct iostat_col cpu_cols[] = {
	CPU(user), CPU(nice), CPU(system), CPU(iowait), CPU(steal), CPU(idle),
};

/* -x: r/s rkB/s rrqm/s %rrqm r_await rareq-sz, the same for w and d, then
 * f/s f_await aqu-sz %util */
static const struct iostat_col ext_cols[] = {
	DISK("r_s", r_s, 7, 2), DISK("rkb_s", rkb_s, 9, 2), DISK("rrqm_s", rrqm_s, 8, 2),
	DISK("rrqm_pct", rrqm_pct, 6, 2), DISK("r_await_ms", r_await, 7, 2),
	DISK("rareq_sz_kb", rareq_sz, 8, 2),
	DISK("w_s", w_s, 7, 2), DISK("wkb_s", wkb_s, 9, 2), DISK("wrqm_s", wrqm_s, 8, 2),
	DISK("wrqm_pct", wrqm_pct, 6, 2), DISK("w_await_ms", w_await, 7, 2),
	DISK("wareq_sz_kb", wareq_sz, 8, 2),
	DISK("d_s", d_s, 7, 2), DISK("dkb_s", dkb_s, 9, 2), DISK("drqm_s", drqm_s, 8, 2),
	DISK("drqm_pct", drqm_pct, 6, 2), DISK("d_await_ms", d_await, 7, 2),
	DISK("dareq_sz_kb", dareq_sz, 8, 2),
	DISK("f_s", f_s, 7, 2), DISK("f_await_ms", f_await, 7, 2),
	DISK("aqu_sz", aqu_sz, 7, 2), DISK("util_pct", util_pct, 6, 2),
};

/* -d: tps, kB_read/s kB_wrtn/s kB_dscd/s, kB_read kB_wrtn kB_dscd */
static const struct iostat_col basic_cols[] = {
	DISK("tps", tps, 8, 2),
	DISK("kb_read_s", kb_read_s, 12, 2), DISK("kb_wrtn_s", kb_wrtn_s, 12, 2),
	DISK("kb_dscd_s", kb_dscd_s, 12, 2),
	DISK("kb_read", kb_read, 10, 0), DISK("kb_wrtn", kb_wrtn, 10, 0),
	DISK("kb_dscd", kb_dscd, 10, 0),
};

static double col_val(const void *base, const struct iostat_col *c)
{
	double v;

	memcpy(&v, (const char *)base + c->off, sizeof(v));
	return v;
}

static void row(FILE *f, const void *base, const struct iostat_col *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cols_num(f, c[i].width, c[i].prec, col_val(base, &c[i]));
}

static void json_row(struct json *j, const void *base, const struct iostat_col *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		json_double(j, c[i].key, col_val(base, &c[i]), c[i].prec);
}

void iostat_print_cpu(FILE *f, const struct avgcpu *c)
{
	fputs("avg-cpu:  %user   %nice %system %iowait  %steal   %idle\n       ", f);
	row(f, c, cpu_cols, N(cpu_cols));
	fputs("\n\n", f);
}

static void header(FILE *f, bool extended, enum disk_unit unit)
{
	const char *u = unit == DISK_UNIT_MB ? "MB" : "kB";

	fputs("Device       ", f);
	if (extended)
		fprintf(f, "     r/s     r%s/s   rrqm/s  %%rrqm r_await rareq-sz"
			   "     w/s     w%s/s   wrqm/s  %%wrqm w_await wareq-sz"
			   "     d/s     d%s/s   drqm/s  %%drqm d_await dareq-sz"
			   "     f/s f_await  aqu-sz  %%util\n", u, u, u);
	else
		fprintf(f, "      tps    %s_read/s    %s_wrtn/s    %s_dscd/s    %s_read    %s_wrtn    %s_dscd\n",
			u, u, u, u, u, u);
}

void iostat_print_disks(FILE *f, bool extended, enum disk_unit unit, const struct disk_report *rep)
{
	header(f, extended, unit);
	for (size_t i = 0; i < rep->n; i++) {
		cols_name(f, rep->rows[i].name, 13, 1);
		if (extended)
			row(f, &rep->rows[i].r, ext_cols, N(ext_cols));
		else
			row(f, &rep->rows[i].r, basic_cols, N(basic_cols));
		fputc('\n', f);
	}
}

static void json_disk(struct json *j, const struct disk_row *row)
{
	json_obj_begin(j, NULL);
	json_str(j, "disk_device", row->name);
	json_bool(j, "partition", row->is_partition);
	json_row(j, &row->r, ext_cols, N(ext_cols));
	json_row(j, &row->r, basic_cols, N(basic_cols));
	json_obj_end(j);
}

void iostat_json_sample(struct json *j, time_t when, bool since_boot, double dt_s,
			const struct avgcpu *cpu, const struct disk_report *rep)
{
	char ts[40];

	sysstat_time_iso(when, ts, sizeof(ts));
	json_obj_begin(j, NULL);
	json_str(j, "timestamp", ts);
	json_bool(j, "since_boot", since_boot);
	json_double(j, "interval_s", dt_s, 2);
	if (cpu) {
		json_obj_begin(j, "avg_cpu");
		json_row(j, cpu, cpu_cols, N(cpu_cols));
		json_obj_end(j);
	}
	if (rep) {
		json_arr_begin(j, "disk");
		for (size_t i = 0; i < rep->n; i++)
			json_disk(j, &rep->rows[i]);
		json_arr_end(j);
	}
	json_obj_end(j);
}
