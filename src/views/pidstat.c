#include "views/pidstat.h"

#include <math.h>
#include <string.h>

#include "core/escape.h"

void pidstat_print_banner(FILE *f, const struct pidstat_banner *b)
{
	struct tm tm;
	char date[32];

	localtime_r(&b->now, &tm);
	strftime(date, sizeof(date), "%m/%d/%y", &tm);
	/* sysstat common.c print_gal_header(): tabs and all. */
	fprintf(f, "%s %s (", b->sysname, b->release);
	esc_term_fputs(f, b->nodename, strlen(b->nodename));
	fprintf(f, ") \t%s \t_%s_\t(%d CPU)\n", date, b->machine, b->ncpus);
}

static const char *const act_header[PIDSTAT__N] = {
	[PIDSTAT_CPU] = "    %usr %system  %guest   %wait    %CPU   CPU",
	[PIDSTAT_MEM] = "  minflt/s  majflt/s     VSZ     RSS   %MEM",
	[PIDSTAT_STACK] = " StkSize  StkRef",
	[PIDSTAT_IO] = "   kB_rd/s   kB_wr/s kB_ccwr/s iodelay",
	[PIDSTAT_CTXSW] = "   cswch/s nvcswch/s",
	[PIDSTAT_KTAB] = " threads   fd-nr",
};

void pidstat_print_header(FILE *f, const char *ts, enum pidstat_act act,
			  const struct pidstat_cols *c)
{
	bool threads = c->threads;

	/* sysstat PRINT_ID_HDR: "USER" in 8 columns with -U, "UID" in 5. */
	if (c->user)
		fprintf(f, "\n%-11s %8s", ts, "USER");
	else
		fprintf(f, "\n%-11s %5s", ts, "UID");
	if (threads)
		fprintf(f, " %9s %9s", "TGID", "TID");
	else
		fprintf(f, " %9s", "PID");
	fprintf(f, "%s  Command\n", act_header[act]);
}

/* " %W.2f", or "-" right-aligned when unknown. */
static void num(FILE *f, int w, double v)
{
	if (isnan(v))
		fprintf(f, " %*s", w, "-");
	else
		fprintf(f, " %*.2f", w, v);
}

/* " %7.0f" of a gauge, or "-". */
static void gauge(FILE *f, double v)
{
	if (isnan(v))
		fprintf(f, " %7s", "-");
	else
		fprintf(f, " %7.0f", v);
}

static void line_id(FILE *f, const char *ts, const struct pidstat_cols *c,
		    const struct pidstat_line *l)
{
	bool threads = c->threads;

	fprintf(f, "%-11s", ts);
	/* sysstat __print_line_id: the name in " %8s" (longer names push the
	 * line right), the uid in " %5d" when it has no name. */
	if (c->user && l->user) {
		fputc(' ', f);
		fprintf(f, "%*s", strlen(l->user) < 8 ? 8 - (int)strlen(l->user) : 0, "");
		esc_term_fputs(f, l->user, strlen(l->user));
	} else {
		fprintf(f, " %5u", (unsigned)l->uid);
	}
	if (!threads)
		fprintf(f, " %9d", l->pid);
	else if (l->tid > 0)
		fprintf(f, " %9s %9d", "-", l->tid);
	else
		fprintf(f, " %9d %9s", l->pid, "-");
}

void pidstat_print_line(FILE *f, const char *ts, enum pidstat_act act,
			const struct pidstat_cols *c, const struct pidstat_line *l)
{
	const struct pid_row *m = l->m;

	line_id(f, ts, c, l);
	switch (act) {
	case PIDSTAT_CPU:
		num(f, 7, m->cpu.usr);
		num(f, 7, m->cpu.system);
		num(f, 7, m->cpu.guest);
		num(f, 7, m->cpu.wait);
		num(f, 7, m->cpu.cpu);
		if (l->avg)
			fprintf(f, "     -");
		else
			fprintf(f, "   %3d", m->cpu.processor);
		break;
	case PIDSTAT_MEM:
		num(f, 9, m->mem.minflt_s);
		num(f, 9, m->mem.majflt_s);
		fprintf(f, " %7llu %7llu", (unsigned long long)m->mem.vsz_kb,
			(unsigned long long)m->mem.rss_kb);
		num(f, 6, m->mem.mem_pct);
		break;
	case PIDSTAT_IO:
		num(f, 9, m->io.rd_kbs);
		num(f, 9, m->io.wr_kbs);
		num(f, 9, m->io.ccwr_kbs);
		if (isnan(m->io.iodelay))
			fprintf(f, " %7s", "-");
		else
			fprintf(f, " %7.0f", m->io.iodelay);
		break;
	case PIDSTAT_STACK:
		gauge(f, m->stack.size_kb);
		gauge(f, m->stack.ref_kb);
		break;
	case PIDSTAT_CTXSW:
		num(f, 9, m->ctxsw.cswch_s);
		num(f, 9, m->ctxsw.nvcswch_s);
		break;
	case PIDSTAT_KTAB:
		gauge(f, m->ktab.threads);
		gauge(f, m->ktab.fd_nr);
		break;
	case PIDSTAT__N:
		break;
	}
	fputs(l->tid > 0 ? "  |__" : "  ", f);
	esc_term_fputs(f, l->cmd, strlen(l->cmd));
	fputc('\n', f);
}

void pidstat_json_begin(struct json *j, FILE *f, time_t t, double interval_s, bool avg)
{
	json_init(j, f, true);
	json_obj_begin(j, NULL);
	json_int(j, "time", (long long)t);
	json_double(j, "interval_s", interval_s, 2);
	json_bool(j, "average", avg);
	json_arr_begin(j, "tasks");
}

void pidstat_json_task(struct json *j, const struct pidstat_line *l,
		       const bool acts[PIDSTAT__N], const struct pidstat_cols *c)
{
	const struct pid_row *m = l->m;

	json_obj_begin(j, NULL);
	json_uint(j, "uid", l->uid);
	if (c->user) {
		if (l->user)
			json_str(j, "user", l->user);
		else
			json_null(j, "user");
	}
	json_int(j, "pid", l->pid);
	if (l->tid > 0)
		json_int(j, "tid", l->tid);
	json_str(j, "command", l->cmd);
	if (acts[PIDSTAT_CPU]) {
		json_obj_begin(j, "cpu");
		json_double(j, "usr_pct", m->cpu.usr, 2);
		json_double(j, "system_pct", m->cpu.system, 2);
		json_double(j, "guest_pct", m->cpu.guest, 2);
		json_double(j, "wait_pct", m->cpu.wait, 2);
		json_double(j, "cpu_pct", m->cpu.cpu, 2);
		if (l->avg)
			json_null(j, "cpu");
		else
			json_int(j, "cpu", m->cpu.processor);
		json_obj_end(j);
	}
	if (acts[PIDSTAT_MEM]) {
		json_obj_begin(j, "mem");
		json_double(j, "minflt_per_s", m->mem.minflt_s, 2);
		json_double(j, "majflt_per_s", m->mem.majflt_s, 2);
		json_uint(j, "vsz_kb", m->mem.vsz_kb);
		json_uint(j, "rss_kb", m->mem.rss_kb);
		json_double(j, "mem_pct", m->mem.mem_pct, 2);
		json_obj_end(j);
	}
	if (acts[PIDSTAT_IO]) {
		json_obj_begin(j, "io");
		json_double(j, "rd_kb_per_s", m->io.rd_kbs, 2);
		json_double(j, "wr_kb_per_s", m->io.wr_kbs, 2);
		json_double(j, "ccwr_kb_per_s", m->io.ccwr_kbs, 2);
		json_double(j, "iodelay_ticks", m->io.iodelay, 0);
		json_obj_end(j);
	}
	if (acts[PIDSTAT_STACK]) {
		json_obj_begin(j, "stack");
		json_double(j, "stk_size_kb", m->stack.size_kb, 0);
		json_double(j, "stk_ref_kb", m->stack.ref_kb, 0);
		json_obj_end(j);
	}
	if (acts[PIDSTAT_CTXSW]) {
		json_obj_begin(j, "ctxsw");
		json_double(j, "cswch_per_s", m->ctxsw.cswch_s, 2);
		json_double(j, "nvcswch_per_s", m->ctxsw.nvcswch_s, 2);
		json_obj_end(j);
	}
	if (acts[PIDSTAT_KTAB]) {
		json_obj_begin(j, "ktab");
		json_double(j, "threads", m->ktab.threads, 0);
		json_double(j, "fd_nr", m->ktab.fd_nr, 0);
		json_obj_end(j);
	}
	json_obj_end(j);
}

void pidstat_json_end(struct json *j)
{
	json_arr_end(j);
	json_obj_end(j);
	json_end(j);
}
