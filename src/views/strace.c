#include "views/strace.h"

#include <inttypes.h>
#include <string.h>

#include "bpf/syscall_names.h"
#include "core/json.h"

#define LINE_MAX_BYTES 16384

static const char *sys_name(long nr, char *buf, size_t size)
{
	const char *name = syscall_name(nr);

	if (name)
		return name;
	snprintf(buf, size, "syscall_%ld", nr);
	return buf;
}

static int nargs(const struct strace_sig *sig)
{
	return sig ? sig->nargs : 6;
}

static void event_json(struct strace_view *v, const struct strace_event *e,
		       const struct strace_sig *sig, const char *name)
{
	char abuf[LINE_MAX_BYTES];
	struct json j;

	json_init(&j, v->f, false);
	json_obj_begin(&j, NULL);
	json_uint(&j, "pid", e->pid);
	json_uint(&j, "tid", e->tid);
	json_strn(&j, "comm", e->comm, strnlen(e->comm, sizeof(e->comm)));
	json_str(&j, "syscall", name);
	json_arr_begin(&j, "args");
	for (int i = 0; i < nargs(sig); i++) {
		struct strace_text t = { abuf, 0, sizeof(abuf) };

		abuf[0] = '\0';
		if (strace_arg_text(v, e, sig, i, &t))
			json_str(&j, NULL, abuf);
	}
	json_arr_end(&j);
	if (e->flags & STRACE_EV_NORETURN) {
		json_null(&j, "ret");
		json_null(&j, "errno");
	} else if (e->ret < 0 && e->ret >= -4095) {
		const char *en = strerrorname_np((int)-e->ret);

		json_int(&j, "ret", -1);
		if (en)
			json_str(&j, "errno", en);
		else
			json_int(&j, "errno", -e->ret);
	} else {
		json_int(&j, "ret", e->ret);
		json_null(&j, "errno");
	}
	{
		struct strace_text t = { abuf, 0, sizeof(abuf) };

		abuf[0] = '\0';
		strace_ret_text(v, e, sig, &t);
		json_str(&j, "result", abuf);
	}
	json_double(&j, "duration_us", (double)e->dur_ns / 1e3, 3);
	json_obj_end(&j);
	json_end(&j);
}

void strace_view_event(struct strace_view *v, const struct strace_event *e)
{
	const struct strace_sig *sig = strace_sig(e->nr);
	char line[LINE_MAX_BYTES], nbuf[32];
	struct strace_text t = { line, 0, sizeof(line) };
	const char *name = sys_name(e->nr, nbuf, sizeof(nbuf));
	bool first = true;

	line[0] = '\0';
	if (v->json) {
		event_json(v, e, sig, name);
		return;
	}
	if (v->prefix || e->tid != e->pid)	/* another thread than the leader: say which */
		strace_text_add(&t, "[pid %5u] ", e->tid);
	strace_text_add(&t, "%s(", name);
	for (int i = 0; i < nargs(sig); i++) {
		size_t at = t.n;

		if (!first)
			strace_text_add(&t, ", ");
		if (strace_arg_text(v, e, sig, i, &t)) {
			first = false;
		} else {
			t.n = at;
			line[at] = '\0';
		}
	}
	strace_text_add(&t, ")");
	/* strace's tabto(): the result starts at column 40 */
	if (t.n < 40)
		strace_text_add(&t, "%*s= ", (int)(40 - t.n), "");
	else
		strace_text_add(&t, " = ");
	strace_ret_text(v, e, sig, &t);
	if (v->durations && !(e->flags & STRACE_EV_NORETURN))
		strace_text_add(&t, " <%.6f>", (double)e->dur_ns / 1e9);
	fprintf(v->f, "%s\n", line);
}

void strace_view_counts(FILE *f, const struct strace_counts *c)
{
	static const char *const dash = "------ ----------- ----------- --------- --------- ----------------";
	char nbuf[32], err[24];

	fprintf(f, "%6.6s %11.11s %11.11s %9.9s %9.9s %s\n", "% time", "seconds", "usecs/call",
		"calls", "errors", "syscall");
	fprintf(f, "%s\n", dash);
	for (size_t i = 0; i < c->n; i++) {
		const struct strace_count_row *r = &c->rows[i];

		err[0] = '\0';
		if (r->errors)
			snprintf(err, sizeof(err), "%" PRIu64, r->errors);
		fprintf(f, "%6.2f %11.6f %11" PRIu64 " %9" PRIu64 " %9s %s\n",
			c->total_ns ? 100.0 * (double)r->total_ns / (double)c->total_ns : 0.0,
			(double)r->total_ns / 1e9, r->total_ns / 1000 / r->calls, r->calls, err,
			sys_name(r->nr, nbuf, sizeof(nbuf)));
	}
	fprintf(f, "%s\n", dash);
	err[0] = '\0';
	if (c->errors)
		snprintf(err, sizeof(err), "%" PRIu64, c->errors);
	fprintf(f, "%6.2f %11.6f %11" PRIu64 " %9" PRIu64 " %9s %s\n", 100.0,
		(double)c->total_ns / 1e9, c->calls ? c->total_ns / 1000 / c->calls : 0, c->calls,
		err, "total");
}

void strace_view_counts_json(FILE *f, const struct strace_counts *c)
{
	char nbuf[32];
	struct json j;

	json_init(&j, f, false);
	json_obj_begin(&j, NULL);
	json_arr_begin(&j, "syscalls");
	for (size_t i = 0; i < c->n; i++) {
		const struct strace_count_row *r = &c->rows[i];

		json_obj_begin(&j, NULL);
		json_str(&j, "syscall", sys_name(r->nr, nbuf, sizeof(nbuf)));
		json_uint(&j, "calls", r->calls);
		json_uint(&j, "errors", r->errors);
		json_double(&j, "seconds", (double)r->total_ns / 1e9, 6);
		json_double(&j, "percent_time",
			    c->total_ns ? 100.0 * (double)r->total_ns / (double)c->total_ns : 0.0, 2);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_uint(&j, "calls", c->calls);
	json_uint(&j, "errors", c->errors);
	json_double(&j, "seconds", (double)c->total_ns / 1e9, 6);
	json_obj_end(&j);
	json_end(&j);
}

void strace_view_lost(struct strace_view *v, uint64_t n)
{
	struct json j;

	if (!n)
		return;
	if (v->json) {
		json_init(&j, v->f, false);
		json_obj_begin(&j, NULL);
		json_uint(&j, "lost", n);
		json_obj_end(&j);
		json_end(&j);
	} else {
		fprintf(v->f, "+++ lost %" PRIu64 " events (the ring buffer was full) +++\n", n);
	}
}
