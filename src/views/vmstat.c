#include "views/vmstat.h"

/* The unknown bits follow the column order si so bi bo in cs (6 .. 11). */
_Static_assert(VMSTAT_U_SI == 1u << 0 && VMSTAT_U_CS == 1u << 5, "column bits");

/* Column headers and widths, narrow and -w (procps-ng vmstat.c fields[]). */
static const struct {
	const char *name;
	int width, wide;
} cols[] = {
	{ "r", 2, 4 }, { "b", 2, 4 }, { "swpd", 6, 12 }, { "free", 6, 12 },
	{ "buff", 6, 12 }, { "cache", 6, 12 }, { "si", 4, 4 }, { "so", 4, 4 },
	{ "bi", 5, 5 }, { "bo", 5, 5 }, { "in", 4, 4 }, { "cs", 4, 4 },
	{ "us", 2, 3 }, { "sy", 2, 3 }, { "id", 2, 3 }, { "wa", 2, 3 },
	{ "st", 2, 3 }, { "gu", 0, 3 },
};
enum { NCOLS = sizeof(cols) / sizeof(cols[0]), COL_GU = NCOLS - 1 };

static int ncols(const struct vmstat_view *v)
{
	return v->wide ? NCOLS : COL_GU;
}

static int width(const struct vmstat_view *v, int i)
{
	return v->wide ? cols[i].wide : cols[i].width;
}

void vmstat_print_header(FILE *f, const struct vmstat_view *v)
{
	int n = ncols(v);

	fputs(v->wide ?
	      "--procs-- -----------------------memory---------------------- "
	      "---swap-- -----io---- -system-- ----------cpu----------" :
	      "procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----", f);
	/* procps: " -----timestamp-----", then the zone right-aligned under it */
	fputs(v->tz ? " -----timestamp-----\n" : "\n", f);
	for (int i = 0; i < n; i++) {
		const char *name = cols[i].name;

		if (v->active && i == 4)
			name = "inact";
		else if (v->active && i == 5)
			name = "active";
		fprintf(f, "%*s%s", width(v, i), name, i + 1 < n ? " " : "");
	}
	if (v->tz)
		fprintf(f, " %19s", v->tz);
	fputc('\n', f);
}

void vmstat_print_line(FILE *f, const struct vmstat_view *v, const struct vmstat_line *l,
		       const char *stamp)
{
	unsigned long val[NCOLS] = {
		l->r, l->b, l->swpd, l->free, l->buff, l->cache, l->si, l->so, l->bi, l->bo,
		l->in, l->cs, l->cpu.us, l->cpu.sy, l->cpu.id, l->cpu.wa, l->cpu.st, l->cpu.gu,
	};
	int n = ncols(v);

	for (int i = 0; i < n; i++) {
		bool unknown = i >= 6 && i <= 11 && (l->unknown & (1u << (i - 6)));

		if (unknown)
			fprintf(f, "%*s", width(v, i), "-");
		else
			fprintf(f, "%*lu", width(v, i), val[i]);
		if (i + 1 < n)
			fputc(' ', f);
	}
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

static void opt_u(struct json *j, const char *key, unsigned long v, bool known)
{
	if (known)
		json_uint(j, key, v);
	else
		json_null(j, key);
}

void vmstat_json_line(struct json *j, const struct vmstat_line *l, bool since_boot,
		      const char *stamp)
{
	json_obj_begin(j, NULL);
	if (stamp)
		json_str(j, "timestamp", stamp);
	json_bool(j, "since_boot", since_boot);
	json_double(j, "interval_s", l->dt_s, 2);
	json_uint(j, "r", l->r);
	json_uint(j, "b", l->b);
	json_uint(j, "swpd", l->swpd);
	json_uint(j, "free", l->free);
	json_uint(j, "buff", l->buff);
	json_uint(j, "cache", l->cache);
	opt_u(j, "si", l->si, !(l->unknown & VMSTAT_U_SI));
	opt_u(j, "so", l->so, !(l->unknown & VMSTAT_U_SO));
	opt_u(j, "bi", l->bi, !(l->unknown & VMSTAT_U_BI));
	opt_u(j, "bo", l->bo, !(l->unknown & VMSTAT_U_BO));
	opt_u(j, "in", l->in, !(l->unknown & VMSTAT_U_IN));
	opt_u(j, "cs", l->cs, !(l->unknown & VMSTAT_U_CS));
	json_uint(j, "us", l->cpu.us);
	json_uint(j, "sy", l->cpu.sy);
	json_uint(j, "id", l->cpu.id);
	json_uint(j, "wa", l->cpu.wa);
	json_uint(j, "st", l->cpu.st);
	json_uint(j, "gu", l->cpu.gu);
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
