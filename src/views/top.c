#include "views/top.h"

#include <math.h>
#include <string.h>

#include "core/escape.h"
#include "core/json.h"
#include "views/uptime.h"

void top_print_summary(FILE *f, const struct top_summary *s)
{
	struct uptime_report u = { .now = s->now, .up_s = s->up_s, .users = s->users };

	memcpy(u.load, s->load, sizeof(u.load));
	/* procps: "top - " then uptime's line, which starts with a space. */
	fputs("top -", f);
	uptime_print(f, &u);
	fprintf(f, "Tasks: %3u total, %3u running, %3u sleeping, %3u stopped, %3u zombie",
		s->total, s->running, s->sleeping, s->stopped, s->zombie);
	/* a recording's frame: the processes that ended in it (state X below) */
	if (s->exited > 0)
		fprintf(f, ", %3ld exited", s->exited);
	fputc('\n', f);
	if (s->have_cpu)
		fprintf(f, "%%Cpu(s):%5.1f us,%5.1f sy,%5.1f ni,%5.1f id,%5.1f wa,%5.1f hi,"
			"%5.1f si,%5.1f st \n", s->us, s->sy, s->ni, s->id, s->wa, s->hi, s->si, s->st);
	else
		fputs("%Cpu(s):    - us,    - sy,    - ni,    - id,    - wa,    - hi,    - si,    - st \n", f);
	if (s->have_mem) {
		fprintf(f, "MiB Mem :%9.1f total,%9.1f free,%9.1f used,%9.1f buff/cache     \n",
			s->mem_total, s->mem_free, s->mem_used, s->mem_buff_cache);
		fprintf(f, "MiB Swap:%9.1f total,%9.1f free,%9.1f used.%9.1f avail Mem \n",
			s->swap_total, s->swap_free, s->swap_used, s->mem_avail);
	} else {
		fputs("MiB Mem :        - total,        - free,        - used,        - buff/cache     \n"
		      "MiB Swap:        - total,        - free,        - used.        - avail Mem \n", f);
	}
	fputc('\n', f);
}

void top_print_header(FILE *f, const struct top_layout *lay)
{
	fprintf(f, "%*s %-8s %3s %3s %7s %6s %6s %s %5s %5s %9s %s\n", lay->pid_width, "PID",
		"USER", "PR", "NI", "VIRT", "RES", "SHR", "S", "%CPU", "%MEM", "TIME+", "COMMAND");
}

void top_fmt_time(char *out, size_t size, uint64_t cs, int width)
{
	uint64_t nt = cs;
	unsigned long cc = nt % 100, nn;

	nt /= 100;		/* seconds */
	nn = nt % 60;
	nt /= 60;		/* minutes */
	if (snprintf(out, size, "%llu:%02lu.%02lu", (unsigned long long)nt, nn, cc) <= width)
		return;
	if (snprintf(out, size, "%llu:%02lu", (unsigned long long)nt, nn) <= width)
		return;
	nn = nt % 60;
	nt /= 60;		/* hours */
	if (snprintf(out, size, "%llu,%02lu", (unsigned long long)nt, nn) <= width)
		return;
	if (snprintf(out, size, "%lluh", (unsigned long long)nt) <= width)
		return;
	if (snprintf(out, size, "%llud", (unsigned long long)(nt / 24)) <= width)
		return;
	if (snprintf(out, size, "%lluw", (unsigned long long)(nt / 24 / 7)) <= width)
		return;
	snprintf(out, size, "?");
}

void top_fmt_mem(char *out, size_t size, uint64_t kb, int width)
{
	static const char sfx[] = "mgtpe";
	double v = (double)kb;

	if (snprintf(out, size, "%llu", (unsigned long long)kb) <= width)
		return;
	for (int i = 0; sfx[i]; i++) {
		v /= 1024.0;
		if (snprintf(out, size, "%.1f%c", v, sfx[i]) <= width)
			return;
	}
	snprintf(out, size, "?");
}

/* Text in a column of width w: escaped, cut with a final '+' when too wide.
 * left: left-justified, padded after unless last (the line's end). */
static void col_text(FILE *f, const char *s, int w, bool left, bool last)
{
	char buf[1024];
	size_t n = esc_term(buf, sizeof(buf), s, strlen(s));
	size_t width = esc_term_width(buf, n);

	if (w <= 0)
		return;
	if (width > (size_t)w) {
		/* esc_term output is one column per byte for ASCII; cut at a
		 * character boundary by re-escaping a shorter prefix. */
		size_t keep = (size_t)w - 1;
		n = esc_term(buf, keep + 1 < sizeof(buf) ? keep + 1 : sizeof(buf), s, strlen(s));
		fwrite(buf, 1, n, f);
		for (size_t k = esc_term_width(buf, n); k < keep; k++)
			fputc(' ', f);
		fputc('+', f);
		return;
	}
	if (!left)
		fprintf(f, "%*s", (int)((size_t)w - width), "");
	fwrite(buf, 1, n, f);
	if (left && !last)
		fprintf(f, "%*s", (int)((size_t)w - width), "");
}

static void pct(FILE *f, double v)
{
	if (isnan(v))
		fprintf(f, " %5s", "-");
	else if (v < 999.95)
		fprintf(f, " %5.1f", v);
	else
		fprintf(f, " %5.0f", v);
}

void top_print_line(FILE *f, const struct top_layout *lay, const struct top_line *l)
{
	const struct proc_pid_stat *st = &l->m->cur->stat;
	char virt[32], res[32], shr[32], tm[32], pr[24];
	int used;	/* columns before COMMAND, plus procps' unused last column */

	top_fmt_mem(virt, sizeof(virt), l->virt_kb, 7);
	top_fmt_mem(res, sizeof(res), l->res_kb, 6);
	top_fmt_mem(shr, sizeof(shr), l->shr_kb, 6);
	top_fmt_time(tm, sizeof(tm), l->m->time_cs, 9);
	/* procps: a priority below -99 is a real-time one, shown "rt". */
	if (st->priority < -99)
		snprintf(pr, sizeof(pr), "rt");
	else
		snprintf(pr, sizeof(pr), "%lld", (long long)st->priority);
	fprintf(f, "%*d ", lay->pid_width, l->m->cur->pid);
	col_text(f, l->user, 8, true, false);
	fprintf(f, " %3s %3lld %7s %6s %6s %c", pr, (long long)st->nice, virt, res, shr,
		st->state ? st->state : '?');
	pct(f, l->m->top_cpu);
	pct(f, l->m->top_mem);
	fprintf(f, " %9s ", tm);
	used = 1 + lay->pid_width + 1 + 8 + 1 + 3 + 1 + 3 + 1 + 7 + 1 + 6 + 1 + 6 + 1 + 1 + 6 + 6 + 1 + 9 + 1;
	col_text(f, st->comm, lay->width - used > 0 ? lay->width - used : 1, true, true);
	fputc('\n', f);
}

void top_json_frame_begin(struct json *j, const struct top_summary *s)
{
	json_obj_begin(j, NULL);
	json_int(j, "time", (long long)s->now);
	json_double(j, "uptime_s", s->up_s, 2);
	json_int(j, "users", s->users);
	json_arr_begin(j, "load");
	for (int i = 0; i < 3; i++)
		json_double(j, NULL, s->load[i], 2);
	json_arr_end(j);
	json_obj_begin(j, "tasks");
	json_uint(j, "total", s->total);
	json_uint(j, "running", s->running);
	json_uint(j, "sleeping", s->sleeping);
	json_uint(j, "stopped", s->stopped);
	json_uint(j, "zombie", s->zombie);
	json_obj_end(j);
	json_obj_begin(j, "cpu");
	json_double(j, "us", s->have_cpu ? s->us : NAN, 1);
	json_double(j, "sy", s->have_cpu ? s->sy : NAN, 1);
	json_double(j, "ni", s->have_cpu ? s->ni : NAN, 1);
	json_double(j, "id", s->have_cpu ? s->id : NAN, 1);
	json_double(j, "wa", s->have_cpu ? s->wa : NAN, 1);
	json_double(j, "hi", s->have_cpu ? s->hi : NAN, 1);
	json_double(j, "si", s->have_cpu ? s->si : NAN, 1);
	json_double(j, "st", s->have_cpu ? s->st : NAN, 1);
	json_obj_end(j);
	json_obj_begin(j, "mem_mib");
	json_double(j, "total", s->have_mem ? s->mem_total : NAN, 1);
	json_double(j, "free", s->have_mem ? s->mem_free : NAN, 1);
	json_double(j, "used", s->have_mem ? s->mem_used : NAN, 1);
	json_double(j, "buff_cache", s->have_mem ? s->mem_buff_cache : NAN, 1);
	json_double(j, "swap_total", s->have_mem ? s->swap_total : NAN, 1);
	json_double(j, "swap_free", s->have_mem ? s->swap_free : NAN, 1);
	json_double(j, "swap_used", s->have_mem ? s->swap_used : NAN, 1);
	json_double(j, "avail", s->have_mem ? s->mem_avail : NAN, 1);
	json_obj_end(j);
	json_str(j, "source", s->source ? s->source : "proc");
	if (s->exited >= 0)
		json_int(j, "exited", s->exited);
	json_arr_begin(j, "processes");
}

void top_json_task(struct json *j, const struct top_line *l)
{
	const struct proc_pid_stat *st = &l->m->cur->stat;
	char state[2] = { st->state, 0 };

	json_obj_begin(j, NULL);
	json_int(j, "pid", l->m->cur->pid);
	json_str(j, "user", l->user);
	json_int(j, "pr", st->priority);
	json_int(j, "ni", st->nice);
	json_uint(j, "virt_kb", l->virt_kb);
	json_uint(j, "res_kb", l->res_kb);
	json_uint(j, "shr_kb", l->shr_kb);
	json_str(j, "s", state);
	json_double(j, "cpu_pct", l->m->top_cpu, 1);
	json_double(j, "mem_pct", l->m->top_mem, 1);
	json_uint(j, "time_cs", l->m->time_cs);
	json_str(j, "command", st->comm);
	if (l->exited)
		json_bool(j, "exited", true);
	json_obj_end(j);
}

void top_json_frame_end(struct json *j)
{
	json_arr_end(j);
	json_obj_end(j);
}
