#include "views/vmstat.h"

#include <math.h>
#include <string.h>

#include "views/cols.h"

/* One line as the columns read it: the model's integers, NAN when unknown
 * (printed "-", null in JSON). */
struct row {
	double r, b, swpd, free, buff, cache, si, so, bi, bo, in, cs, us, sy, id, wa, st, gu;
};

/* The columns, narrow and -w widths (procps-ng vmstat.c fields[]), in
 * procps' order; gu only in the wide form. */
#define VM_COLS(X) \
	X("r", r, 2, 4) X("b", b, 2, 4) X("swpd", swpd, 6, 12) X("free", free, 6, 12) \
	X("buff", buff, 6, 12) X("cache", cache, 6, 12) X("si", si, 4, 4) X("so", so, 4, 4) \
	X("bi", bi, 5, 5) X("bo", bo, 5, 5) X("in", in, 4, 4) X("cs", cs, 4, 4) \
	X("us", us, 2, 3) X("sy", sy, 2, 3) X("id", id, 2, 3) X("wa", wa, 2, 3) \
	X("st", st, 2, 3) X("gu", gu, 0, 3)
#define NARROW(h, f, w, ww) COL(struct row, h, #f, f, w, 0),
#define WIDE(h, f, w, ww) COL(struct row, h, #f, f, ww, 0),
static const struct col narrow_cols[] = { VM_COLS(NARROW) };
static const struct col wide_cols[] = { VM_COLS(WIDE) };
#define NCOLS COLS_N(wide_cols)

/* The columns of this view into c (-a renames buff and cache); their count. */
static size_t view_cols(const struct vmstat_view *v, struct col *c)
{
	memcpy(c, v->wide ? wide_cols : narrow_cols, sizeof(wide_cols));
	if (v->active) {
		c[4].head = "inact";
		c[4].key = "inact";
		c[5].head = "active";
		c[5].key = "active";
	}
	return v->wide ? NCOLS : NCOLS - 1;
}

static double known(unsigned long v, unsigned unknown, unsigned bit)
{
	return (unknown & bit) ? NAN : (double)v;
}

static void to_row(const struct vmstat_line *l, struct row *o)
{
	*o = (struct row){
		(double)l->r, (double)l->b, (double)l->swpd, (double)l->free, (double)l->buff,
		(double)l->cache, known(l->si, l->unknown, VMSTAT_U_SI),
		known(l->so, l->unknown, VMSTAT_U_SO), known(l->bi, l->unknown, VMSTAT_U_BI),
		known(l->bo, l->unknown, VMSTAT_U_BO), known(l->in, l->unknown, VMSTAT_U_IN),
		known(l->cs, l->unknown, VMSTAT_U_CS), (double)l->cpu.us, (double)l->cpu.sy,
		(double)l->cpu.id, (double)l->cpu.wa, (double)l->cpu.st, (double)l->cpu.gu,
	};
}

void vmstat_print_header(FILE *f, const struct vmstat_view *v)
{
	struct col c[NCOLS];
	size_t n = view_cols(v, c);

	fputs(v->wide ?
	      "--procs-- -----------------------memory---------------------- "
	      "---swap-- -----io---- -system-- ----------cpu----------" :
	      "procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----", f);
	/* procps: " -----timestamp-----", then the zone right-aligned under it */
	fputs(v->tz ? " -----timestamp-----\n" : "\n", f);
	/* procps separates the columns by one blank: none before the first */
	fprintf(f, "%*s", c[0].width, c[0].head);
	cols_head(f, c + 1, n - 1);
	if (v->tz)
		fprintf(f, " %19s", v->tz);
	fputc('\n', f);
}

void vmstat_print_line(FILE *f, const struct vmstat_view *v, const struct vmstat_line *l,
		       const char *stamp)
{
	struct col c[NCOLS];
	size_t n = view_cols(v, c);
	struct row r;

	to_row(l, &r);
	fprintf(f, "%*.0f", c[0].width, r.r);
	cols_row(f, &r, c + 1, n - 1, -1);
	if (stamp)
		fprintf(f, " %s", stamp);
	fputc('\n', f);
}

void vmstat_json_begin(struct json *j, const struct vmstat_view *v)
{
	json_obj_begin(j, NULL);
	json_str(j, "command", "vmstat");
	json_str(j, "unit", v->unit);
	json_arr_begin(j, "samples");
}

void vmstat_json_line(struct json *j, const struct vmstat_line *l, time_t when, bool since_boot,
		      const char *stamp)
{
	struct row r;

	to_row(l, &r);
	json_obj_begin(j, NULL);
	json_int(j, "time", (long long)when);
	if (stamp)
		json_str(j, "timestamp", stamp);
	json_bool(j, "since_boot", since_boot);
	json_double(j, "interval_s", l->dt_s, 2);
	/* every column, gu too; buff and cache keep their keys with -a */
	cols_json(j, &r, wide_cols, NCOLS, -1);
	json_obj_end(j);
}

void vmstat_json_end(struct json *j)
{
	json_arr_end(j);
	json_obj_end(j);
	json_end(j);
}

/* Labels of vmstat -s, in procps' order; keys for JSON. */
#define SUM_MEM(X) \
	X(total, "total memory", "total_memory") X(used, "used memory", "used_memory") \
	X(active, "active memory", "active_memory") \
	X(inactive, "inactive memory", "inactive_memory") X(free, "free memory", "free_memory") \
	X(buffers, "buffer memory", "buffer_memory") X(cache, "swap cache", "swap_cache") \
	X(swap_total, "total swap", "total_swap") X(swap_used, "used swap", "used_swap") \
	X(swap_free, "free swap", "free_swap")
#define SUM_TICKS(X) \
	X(user, "non-nice user cpu ticks") X(nice, "nice user cpu ticks") \
	X(system, "system cpu ticks") X(idle, "idle cpu ticks") X(iowait, "IO-wait cpu ticks") \
	X(irq, "IRQ cpu ticks") X(softirq, "softirq cpu ticks") X(steal, "stolen cpu ticks") \
	X(guest, "non-nice guest cpu ticks") X(guest_nice, "nice guest cpu ticks")
#define SUM_VM(X) \
	X(pgpgin, "K paged in") X(pgpgout, "K paged out") \
	X(pswpin, "pages swapped in") X(pswpout, "pages swapped out")
#define SUM_SYS(X) \
	X(intr, "interrupts") X(ctxt, "CPU context switches") X(btime, "boot time") X(forks, "forks")

void vmstat_print_sums(FILE *f, const struct vmstat_view *v, const struct vmstat_sums *s)
{
#define MEM(field, label, key) fprintf(f, "%13lu %s %s\n", s->field, v->unit, label);
#define TICK(field, label) fprintf(f, "%13llu %s\n", (unsigned long long)s->ticks.field, label);
#define CNT(field, label) fprintf(f, "%13llu %s\n", s->field, label);
	SUM_MEM(MEM)
	SUM_TICKS(TICK)
	if (s->have_vm) {
		SUM_VM(CNT)
	}
	SUM_SYS(CNT)
#undef MEM
#undef TICK
#undef CNT
}

void vmstat_print_forks(FILE *f, const struct vmstat_sums *s)
{
	fprintf(f, "%13llu forks\n", s->forks);
}

void vmstat_json_sums(struct json *j, const struct vmstat_view *v, const struct vmstat_sums *s)
{
	json_obj_begin(j, NULL);
	json_str(j, "command", "vmstat");
	json_str(j, "unit", v->unit);
	json_obj_begin(j, "stats");
#define MEM(field, label, key) json_uint(j, key, s->field);
#define TICK(field, label) json_uint(j, #field "_ticks", s->ticks.field);
#define CNT(field, label) json_uint(j, #field, s->field);
#define VMC(field, label) if (s->have_vm) json_uint(j, #field, s->field); else json_null(j, #field);
	SUM_MEM(MEM)
	SUM_TICKS(TICK)
	SUM_VM(VMC)
	SUM_SYS(CNT)
#undef MEM
#undef TICK
#undef CNT
#undef VMC
	json_obj_end(j);
	json_obj_end(j);
	json_end(j);
}

/* -d's columns, narrow and -w widths (procps diskformat()) */
#define DISK_COLS(X) \
	X("total", "reads", reads, 6, 9) X("merged", "reads_merged", rd_merged, 6, 9) \
	X("sectors", "read_sectors", rd_sectors, 7, 11) X("ms", "read_ms", rd_ms, 7, 11) \
	X("total", "writes", writes, 6, 9) X("merged", "writes_merged", wr_merged, 6, 9) \
	X("sectors", "written_sectors", wr_sectors, 7, 11) X("ms", "write_ms", wr_ms, 7, 11) \
	X("cur", "io_cur", cur, 6, 7) X("sec", "io_sec", sec, 6, 7)
#define DNARROW(h, k, f, w, ww) COL(struct vmstat_disk, h, k, f, w, 0),
#define DWIDE(h, k, f, w, ww) COL(struct vmstat_disk, h, k, f, ww, 0),
static const struct col disk_narrow[] = { DISK_COLS(DNARROW) };
static const struct col disk_wide[] = { DISK_COLS(DWIDE) };
#define NDISK COLS_N(disk_wide)

void vmstat_print_disk_header(FILE *f, const struct vmstat_view *v)
{
	fputs(v->wide ?
	      "disk- -------------------reads------------------- "
	      "-------------------writes------------------ ------IO-------" :
	      "disk- ------------reads------------ ------------writes----------- -----IO------", f);
	fputs(v->tz ? " -----timestamp-----\n" : "\n", f);
	fprintf(f, "%5s", " ");
	cols_head(f, v->wide ? disk_wide : disk_narrow, NDISK);
	if (v->tz)
		fprintf(f, " %19s", v->tz);
	fputc('\n', f);
}

void vmstat_print_disk(FILE *f, const struct vmstat_view *v, const char *name,
		       const struct vmstat_disk *d, const char *stamp)
{
	cols_name(f, name, 5, 1);
	cols_row(f, d, v->wide ? disk_wide : disk_narrow, NDISK, -1);
	if (stamp)
		fprintf(f, " %s", stamp);
	fputc('\n', f);
}

void vmstat_json_disks_begin(struct json *j, const char *stamp)
{
	json_obj_begin(j, NULL);
	if (stamp)
		json_str(j, "timestamp", stamp);
	json_arr_begin(j, "disks");
}

void vmstat_json_disk(struct json *j, const char *name, const struct vmstat_disk *d)
{
	json_obj_begin(j, NULL);
	json_str(j, "disk", name);
	cols_json(j, d, disk_wide, NDISK, -1);
	json_obj_end(j);
}

void vmstat_json_disks_end(struct json *j)
{
	json_arr_end(j);
	json_obj_end(j);
}

/* -D's lines: label and value, in procps' order */
#define SUM_COL(label, k, f) COL(struct vmstat_disk_sums, label, k, f, 13, 0)
static const struct col disk_sum_cols[] = {
	SUM_COL("disks", "disks", disks), SUM_COL("partitions", "partitions", partitions),
	SUM_COL("total reads", "total_reads", t.reads),
	SUM_COL("merged reads", "merged_reads", t.rd_merged),
	SUM_COL("read sectors", "read_sectors", t.rd_sectors),
	SUM_COL("milli reading", "milli_reading", t.rd_ms), SUM_COL("writes", "writes", t.writes),
	SUM_COL("merged writes", "merged_writes", t.wr_merged),
	SUM_COL("written sectors", "written_sectors", t.wr_sectors),
	SUM_COL("milli writing", "milli_writing", t.wr_ms),
	SUM_COL("inprogress IO", "inprogress_io", t.cur),
	SUM_COL("milli spent IO", "milli_spent_io", t.sec),
	SUM_COL("milli weighted IO", "milli_weighted_io", weighted),
};

void vmstat_print_disk_sums(FILE *f, const struct vmstat_disk_sums *s)
{
	for (size_t i = 0; i < COLS_N(disk_sum_cols); i++) {
		cols_num(f, disk_sum_cols[i].width - 1, 0, cols_val(s, &disk_sum_cols[i]));
		fprintf(f, " %s\n", disk_sum_cols[i].head);
	}
}

void vmstat_json_disk_sums(struct json *j, const struct vmstat_disk_sums *s)
{
	json_obj_begin(j, NULL);
	json_str(j, "command", "vmstat");
	json_obj_begin(j, "disk_sum");
	cols_json(j, s, disk_sum_cols, COLS_N(disk_sum_cols), -1);
	json_obj_end(j);
	json_obj_end(j);
	json_end(j);
}

/* -p: "%21lu  %16lu  %10lu  %16lu" under "%-10s %10s  %16s  %10s  %16s" */
static const struct col part_cols[] = {
	COL(struct vmstat_disk, "reads", "reads", reads, 21, 0),
	COL(struct vmstat_disk, "read sectors", "read_sectors", rd_sectors, 17, 0),
	COL(struct vmstat_disk, "writes", "writes", writes, 11, 0),
	COL(struct vmstat_disk, "requested writes", "requested_writes", wr_sectors, 17, 0),
};

void vmstat_print_part_header(FILE *f, const char *name)
{
	cols_name(f, name, 10, 1);
	fprintf(f, " %10s  %16s  %10s  %16s\n", part_cols[0].head, part_cols[1].head,
		part_cols[2].head, part_cols[3].head);
}

void vmstat_print_part(FILE *f, const struct vmstat_disk *d)
{
	/* the first value has no blank before it: " %20" makes its 21 */
	cols_num(f, part_cols[0].width - 1, 0, d->reads);
	cols_row(f, d, part_cols + 1, COLS_N(part_cols) - 1, -1);
	fputc('\n', f);
}

void vmstat_json_part(struct json *j, const char *name, const struct vmstat_disk *d,
		      const char *stamp)
{
	json_obj_begin(j, NULL);
	if (stamp)
		json_str(j, "timestamp", stamp);
	json_str(j, "partition", name);
	cols_json(j, d, part_cols, COLS_N(part_cols), -1);
	json_obj_end(j);
}
