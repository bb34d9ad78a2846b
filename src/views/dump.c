#include "views/dump.h"

#include <math.h>
#include <string.h>

#include "core/escape.h"
#include "views/cols.h"

#define C(T, k, f, p) COL(T, k, k, f, 0, p)
#define CPU(k) C(struct dump_cpu, #k, k, 2)
static const struct col cpu_cols[] = {
	CPU(usr), CPU(nice), CPU(sys), CPU(iowait), CPU(irq), CPU(soft), CPU(steal), CPU(guest),
	CPU(gnice), CPU(idle), CPU(busy),
};
#define MEM(k) C(struct dump_mem, #k "_kb", k, 0)
static const struct col mem_cols[] = {
	MEM(total), MEM(used), MEM(free), MEM(shared), MEM(buffers), MEM(cache), MEM(available),
	MEM(swap_total), MEM(swap_used), MEM(swap_free),
};
static const struct col disk_cols[] = {
	C(struct dump_disk, "r_s", r_s, 2), C(struct dump_disk, "w_s", w_s, 2),
	C(struct dump_disk, "rkb_s", rkb_s, 2), C(struct dump_disk, "wkb_s", wkb_s, 2),
	C(struct dump_disk, "r_await_ms", r_await, 2), C(struct dump_disk, "w_await_ms", w_await, 2),
	C(struct dump_disk, "aqu_sz", aqu_sz, 2), C(struct dump_disk, "util_pct", util_pct, 2),
};
#define NET(k) C(struct dump_net, #k, k, 2)
static const struct col net_cols[] = {
	NET(rxpck_s), NET(txpck_s), NET(rxkb_s), NET(txkb_s), NET(rxerr_s), NET(txerr_s),
	NET(rxdrop_s), NET(txdrop_s),
};
static const struct col load_cols[] = {
	C(struct dump_load, "load1", load1, 2), C(struct dump_load, "load5", load5, 2),
	C(struct dump_load, "load15", load15, 2), C(struct dump_load, "running", running, 0),
	C(struct dump_load, "blocked", blocked, 0),
};
#define PSI(k) C(struct dump_psi, #k "_pct", k, 2)
static const struct col psi_cols[] = { PSI(cpu_some), PSI(mem_some), PSI(mem_full), PSI(io_some), PSI(io_full) };
static const struct col proc_cols[] = {
	C(struct dump_proc, "pid", pid, 0), C(struct dump_proc, "cpu_pct", cpu_pct, 2),
	C(struct dump_proc, "usr_pct", usr_pct, 2), C(struct dump_proc, "sys_pct", sys_pct, 2),
	C(struct dump_proc, "minflt_s", minflt_s, 2), C(struct dump_proc, "majflt_s", majflt_s, 2),
	C(struct dump_proc, "rss_kb", rss_kb, 0), C(struct dump_proc, "rd_kbs", rd_kbs, 2),
	C(struct dump_proc, "wr_kbs", wr_kbs, 2),
};

#define EXIT(k, p) C(struct dump_exit, #k, k, p)
static const struct col exit_cols[] = {
	EXIT(pid, 0), EXIT(ppid, 0), EXIT(uid, 0), EXIT(start_time, 2), EXIT(exit_time, 3),
	EXIT(utime_ticks, 0), EXIT(stime_ticks, 0), EXIT(cpu_pct, 2), EXIT(usr_pct, 2),
	EXIT(sys_pct, 2), EXIT(minflt, 0), EXIT(majflt, 0), EXIT(maxrss_kb, 0), EXIT(read_bytes, 0),
	EXIT(write_bytes, 0), EXIT(exit_code, 0), EXIT(signal, 0),
};

static const struct { const struct col *c; size_t n; const char *inst; } groups[DUMP__N] = {
	[DUMP_CPU] = { cpu_cols, COLS_N(cpu_cols), "cpu" },
	[DUMP_MEM] = { mem_cols, COLS_N(mem_cols), NULL },
	[DUMP_DISK] = { disk_cols, COLS_N(disk_cols), "device" },
	[DUMP_NET] = { net_cols, COLS_N(net_cols), "iface" },
	[DUMP_LOAD] = { load_cols, COLS_N(load_cols), NULL },
	[DUMP_PSI] = { psi_cols, COLS_N(psi_cols), NULL },
	[DUMP_PROC] = { proc_cols, COLS_N(proc_cols), "comm" },
	[DUMP_EXITS] = { exit_cols, COLS_N(exit_cols), "comm" },
};

void dump_csv_header(FILE *f, enum dump_group g)
{
	fputs("time", f);
	if (groups[g].inst)
		fprintf(f, ",%s", groups[g].inst);
	for (size_t i = 0; i < groups[g].n; i++)
		fprintf(f, ",%s", groups[g].c[i].key);
	fputc('\n', f);
}

void dump_csv_row(FILE *f, time_t t, const struct dump_row *r)
{
	fprintf(f, "%lld", (long long)t);
	if (groups[r->g].inst) {
		fputc(',', f);
		esc_csv_fputs(f, r->inst, strlen(r->inst));
	}
	for (size_t i = 0; i < groups[r->g].n; i++) {
		const struct col *c = &groups[r->g].c[i];
		double v = cols_val(&r->v, c);

		if (isnan(v) || isinf(v))
			fputc(',', f);	/* unknown: an empty field */
		else
			fprintf(f, ",%.*f", c->prec, v);
	}
	fputc('\n', f);
}

void dump_json_begin(struct json *j)
{
	json_obj_begin(j, NULL);
	json_arr_begin(j, "rows");
}

void dump_json_row(struct json *j, time_t t, const struct dump_row *r)
{
	json_obj_begin(j, NULL);
	json_int(j, "time", (long long)t);
	json_str(j, "group", dump_group_names[r->g]);
	if (groups[r->g].inst)
		json_str(j, groups[r->g].inst, r->inst);
	cols_json(j, &r->v, groups[r->g].c, groups[r->g].n, -1);
	json_obj_end(j);
}

void dump_json_end(struct json *j)
{
	json_arr_end(j);
	json_obj_end(j);
	json_end(j);
}
