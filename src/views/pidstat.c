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
	[PIDSTAT_CHILD] = "    usr-ms system-ms  guest-ms",
	[PIDSTAT_MEM] = "  minflt/s  majflt/s     VSZ     RSS   %MEM",
	[PIDSTAT_CHILD_MEM] = " minflt-nr majflt-nr",
	[PIDSTAT_RT] = " prio policy",
	[PIDSTAT_STACK] = " StkSize  StkRef",
	[PIDSTAT_IO] = "   kB_rd/s   kB_wr/s kB_ccwr/s iodelay",
	[PIDSTAT_CTXSW] = "   cswch/s nvcswch/s",
	[PIDSTAT_KTAB] = " threads   fd-nr",
};

/* sysstat PRINT_ID_HDR: "USER" in 8 columns with -U, "UID" in 5. */
static void id_header(FILE *f, const char *ts, const struct pidstat_cols *c)
{
	if (c->user)
		fprintf(f, "%-11s %8s", ts, "USER");
	else
		fprintf(f, "%-11s %5s", ts, "UID");
	if (c->threads)
		fprintf(f, " %9s %9s", "TGID", "TID");
	else
		fprintf(f, " %9s", "PID");
}

void pidstat_print_header(FILE *f, const char *ts, enum pidstat_act act,
			  const struct pidstat_cols *c)
{
	fputc('\n', f);
	id_header(f, ts, c);
	fprintf(f, "%s  Command\n", act_header[act]);
}

void pidstat_print_header_h(FILE *f, const bool acts[PIDSTAT__N], const struct pidstat_cols *c)
{
	fputc('\n', f);
	id_header(f, "# Time", c);
	for (int a = 0; a < PIDSTAT__N; a++)
		if (acts[a])
			fputs(act_header[a], f);
	fputs("  Command\n", f);
}

/* What a number is, for --dec and --human. */
enum kind {
	K_PCT,		/* a percentage: dec decimals; --human "0.1%" */
	K_RATE,		/* per second: dec decimals */
	K_KB,		/* kB, whole; --human scaled "51.5M" */
	K_KBS,		/* kB/s, dec decimals; --human from bytes ("0.0B", "26.0M"),
			 * as sysstat shows -d's rates */
	K_INT,		/* a count, whole */
};

/* One value in w columns after a blank, "-" when unknown. */
static void val(FILE *f, const struct pidstat_cols *c, int w, enum kind k, double v)
{
	static const char units[] = "BkMGTPE";
	int d = c->dec == 0 ? 0 : 1, u = 1;

	if (isnan(v)) {
		fprintf(f, " %*s", w, "-");
	} else if (c->human && k == K_PCT) {
		fprintf(f, " %*.*f%%", w - 1, d, v);
	} else if (c->human && (k == K_KB || k == K_KBS)) {
		if (k == K_KBS) {
			v *= 1024;	/* the unit letter starts at bytes */
			u = 0;
		}
		while (v >= 1024 && units[u + 1]) {
			v /= 1024;
			u++;
		}
		fprintf(f, " %*.*f%c", w - 1, d, v, units[u]);
	} else {
		fprintf(f, " %*.*f", w, k == K_KB || k == K_INT ? 0 : c->dec, v);
	}
}

/* sysstat get_policy(): the names of stat's (41) policy */
static const char *policy_name(unsigned p)
{
	static const char *const names[] = {
		"NORMAL", "FIFO", "RR", "BATCH", "", "IDLE", "DEADLINE",
	};

	return p < sizeof(names) / sizeof(names[0]) ? names[p] : "";
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

bool pidstat_act_at_exit(enum pidstat_act act)
{
	return act == PIDSTAT_CPU || act == PIDSTAT_MEM || act == PIDSTAT_IO || act == PIDSTAT_CTXSW;
}

/* An activity an ended process has no figures for (-h's line): "-" in
 * each of its columns. */
static void act_unknown(FILE *f, enum pidstat_act act)
{
	static const int w[PIDSTAT__N][4] = {
		[PIDSTAT_CHILD] = { 9, 9, 9 }, [PIDSTAT_CHILD_MEM] = { 9, 9 },
		[PIDSTAT_STACK] = { 7, 7 }, [PIDSTAT_KTAB] = { 7, 7 }, [PIDSTAT_RT] = { 4, 6 },
	};

	for (int i = 0; w[act][i]; i++)
		fprintf(f, " %*s", w[act][i], "-");
}

/* The columns of one activity. */
static void act_values(FILE *f, enum pidstat_act act, const struct pidstat_cols *c,
		       const struct pidstat_line *l)
{
	const struct pid_row *m = l->m;

	if (l->exited && !pidstat_act_at_exit(act)) {
		act_unknown(f, act);
		return;
	}
	switch (act) {
	case PIDSTAT_CPU:
		val(f, c, 7, K_PCT, m->cpu.usr);
		val(f, c, 7, K_PCT, m->cpu.system);
		val(f, c, 7, K_PCT, m->cpu.guest);
		val(f, c, 7, K_PCT, m->cpu.wait);
		val(f, c, 7, K_PCT, c->smp ? m->cpu.cpu_smp : m->cpu.cpu);
		if (l->avg || l->exited)	/* the exit record has no CPU number */
			fprintf(f, "     -");
		else
			fprintf(f, "   %3d", m->cpu.processor);
		break;
	case PIDSTAT_CHILD:
		val(f, c, 9, K_INT, m->child.usr_ms);
		val(f, c, 9, K_INT, m->child.system_ms);
		val(f, c, 9, K_INT, m->child.guest_ms);
		break;
	case PIDSTAT_MEM:
		val(f, c, 9, K_RATE, m->mem.minflt_s);
		val(f, c, 9, K_RATE, m->mem.majflt_s);
		val(f, c, 7, K_KB, (double)m->mem.vsz_kb);
		val(f, c, 7, K_KB, (double)m->mem.rss_kb);
		val(f, c, 6, K_PCT, m->mem.mem_pct);
		break;
	case PIDSTAT_CHILD_MEM:
		val(f, c, 9, K_INT, m->child.minflt_nr);
		val(f, c, 9, K_INT, m->child.majflt_nr);
		break;
	case PIDSTAT_IO:
		val(f, c, 9, K_KBS, m->io.rd_kbs);
		val(f, c, 9, K_KBS, m->io.wr_kbs);
		val(f, c, 9, K_KBS, m->io.ccwr_kbs);
		val(f, c, 7, K_INT, l->exited ? NAN : m->io.iodelay);	/* not recorded */
		break;
	case PIDSTAT_STACK:
		val(f, c, 7, K_KB, m->stack.size_kb);
		val(f, c, 7, K_KB, m->stack.ref_kb);
		break;
	case PIDSTAT_CTXSW:
		val(f, c, 9, K_RATE, m->ctxsw.cswch_s);
		val(f, c, 9, K_RATE, m->ctxsw.nvcswch_s);
		break;
	case PIDSTAT_KTAB:
		val(f, c, 7, K_INT, m->ktab.threads);
		val(f, c, 7, K_INT, m->ktab.fd_nr);
		break;
	case PIDSTAT_RT:
		fprintf(f, " %4u %6s", m->rt.prio, policy_name(m->rt.policy));
		break;
	case PIDSTAT__N:
		break;
	}
}

static void command(FILE *f, const struct pidstat_line *l)
{
	fputs(l->tid > 0 ? "  |__" : "  ", f);
	if (l->exited)
		fputc('<', f);
	esc_term_fputs(f, l->cmd, strlen(l->cmd));
	if (l->exited)
		fputc('>', f);
	fputc('\n', f);
}

void pidstat_print_line(FILE *f, const char *ts, enum pidstat_act act,
			const struct pidstat_cols *c, const struct pidstat_line *l)
{
	line_id(f, ts, c, l);
	act_values(f, act, c, l);
	command(f, l);
}

void pidstat_print_line_h(FILE *f, const char *ts, const bool acts[PIDSTAT__N],
			  const struct pidstat_cols *c, const struct pidstat_line *l)
{
	line_id(f, ts, c, l);
	for (int a = 0; a < PIDSTAT__N; a++)
		if (acts[a])
			act_values(f, (enum pidstat_act)a, c, l);
	command(f, l);
}

void pidstat_json_open(struct json *j, FILE *f, const struct sysstat_banner *b)
{
	json_init(j, f, true);
	sysstat_banner_begin(f, j, "pidstat", b);
}

void pidstat_json_close(struct json *j)
{
	if (j->depth == 2)	/* "statistics" still open: no average */
		json_arr_end(j);
	json_obj_end(j);
	json_end(j);
}

void pidstat_json_begin(struct json *j, FILE *f, bool stream, time_t t, double interval_s,
			bool avg)
{
	if (stream) {
		json_init(j, f, false);
		json_obj_begin(j, NULL);
	} else if (avg) {
		json_arr_end(j);	/* "statistics" */
		json_obj_begin(j, "average");
	} else {
		json_obj_begin(j, NULL);
	}
	json_int(j, "time", (long long)t);
	json_double(j, "interval_s", interval_s, 2);
	if (stream)
		json_bool(j, "average", avg);
	json_arr_begin(j, "tasks");
}

/* Opens act's object under key when asked; an ended process's activity
 * without figures is null instead (false). */
static bool json_act(struct json *j, const struct pidstat_line *l, const bool acts[PIDSTAT__N],
		     enum pidstat_act act, const char *key)
{
	if (!acts[act])
		return false;
	if (l->exited && !pidstat_act_at_exit(act)) {
		json_null(j, key);
		return false;
	}
	json_obj_begin(j, key);
	return true;
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
	if (l->exited)
		json_bool(j, "exited", true);
	if (json_act(j, l, acts, PIDSTAT_CPU, "cpu")) {
		json_double(j, "usr_pct", m->cpu.usr, 2);
		json_double(j, "system_pct", m->cpu.system, 2);
		json_double(j, "guest_pct", m->cpu.guest, 2);
		json_double(j, "wait_pct", m->cpu.wait, 2);
		json_double(j, "cpu_pct", c->smp ? m->cpu.cpu_smp : m->cpu.cpu, 2);
		if (l->avg || l->exited)
			json_null(j, "cpu");
		else
			json_int(j, "cpu", m->cpu.processor);
		json_obj_end(j);
	}
	if (json_act(j, l, acts, PIDSTAT_MEM, "mem")) {
		json_double(j, "minflt_per_s", m->mem.minflt_s, 2);
		json_double(j, "majflt_per_s", m->mem.majflt_s, 2);
		json_uint(j, "vsz_kb", m->mem.vsz_kb);
		json_uint(j, "rss_kb", m->mem.rss_kb);
		json_double(j, "mem_pct", m->mem.mem_pct, 2);
		json_obj_end(j);
	}
	if (json_act(j, l, acts, PIDSTAT_IO, "io")) {
		json_double(j, "rd_kb_per_s", m->io.rd_kbs, 2);
		json_double(j, "wr_kb_per_s", m->io.wr_kbs, 2);
		json_double(j, "ccwr_kb_per_s", m->io.ccwr_kbs, 2);
		json_double(j, "iodelay_ticks", l->exited ? NAN : m->io.iodelay, 0);
		json_obj_end(j);
	}
	if (json_act(j, l, acts, PIDSTAT_STACK, "stack")) {
		json_double(j, "stk_size_kb", m->stack.size_kb, 0);
		json_double(j, "stk_ref_kb", m->stack.ref_kb, 0);
		json_obj_end(j);
	}
	if (json_act(j, l, acts, PIDSTAT_CTXSW, "ctxsw")) {
		json_double(j, "cswch_per_s", m->ctxsw.cswch_s, 2);
		json_double(j, "nvcswch_per_s", m->ctxsw.nvcswch_s, 2);
		json_obj_end(j);
	}
	if (json_act(j, l, acts, PIDSTAT_CHILD, "child")) {
		json_double(j, "usr_ms", m->child.usr_ms, 0);
		json_double(j, "system_ms", m->child.system_ms, 0);
		json_double(j, "guest_ms", m->child.guest_ms, 0);
		json_obj_end(j);
	}
	if (json_act(j, l, acts, PIDSTAT_CHILD_MEM, "child_mem")) {
		json_double(j, "minflt_nr", m->child.minflt_nr, 0);
		json_double(j, "majflt_nr", m->child.majflt_nr, 0);
		json_obj_end(j);
	}
	if (json_act(j, l, acts, PIDSTAT_RT, "rt")) {
		json_uint(j, "prio", m->rt.prio);
		json_str(j, "policy", policy_name(m->rt.policy));
		json_obj_end(j);
	}
	if (json_act(j, l, acts, PIDSTAT_KTAB, "ktab")) {
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
	json_end(j);	/* a stream's line ends here; in a document, a flush */
}
