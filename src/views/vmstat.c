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

void vmstat_json_line(struct json *j, const struct vmstat_line *l, bool since_boot,
		      const char *stamp)
{
	struct row r;

	to_row(l, &r);
	json_obj_begin(j, NULL);
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
