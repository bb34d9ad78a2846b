/* The report as one JSON document:
 * { "time", "duration_s", "interval_s", "intervals", "ncpu", "status", "exit",
 *   "resources": [ { "resource", "kind", "instance", "status",
 *                    "utilization"|"saturation"|"errors":
 *                        { "value", "peak", "unit", "source", "status" } | null } ],
 *   "findings": [ { "id", "severity", "resource", "summary", "evidence": [],
 *                   "next": [], "action", "pid", "comm" } ],
 *   "unchecked": [ { "what", "why" } ] }
 * Unknown numbers are null; a cell that does not apply is null. */
#include "views/triage.h"

#include <math.h>

#include "core/json.h"

static void cell(struct json *j, const char *key, const struct use_cell *c)
{
	if (c->status == USE_NA) {
		json_null(j, key);
		return;
	}
	json_obj_begin(j, key);
	json_double(j, "value", c->value, 2);
	json_double(j, "peak", c->peak, 2);
	json_str(j, "unit", c->unit);
	json_str(j, "source", c->source);
	json_str(j, "status", use_status_name(c->status));
	json_obj_end(j);
}

static void resources(struct json *j, const struct use_matrix *m)
{
	json_arr_begin(j, "resources");
	for (int i = 0; i < m->n; i++) {
		const struct use_row *r = &m->v[i];

		json_obj_begin(j, NULL);
		json_str(j, "resource", r->resource);
		json_str(j, "kind", r->kind);
		json_str(j, "instance", r->instance[0] ? r->instance : NULL);
		json_str(j, "status", use_status_name(r->status));
		cell(j, "utilization", &r->u);
		cell(j, "saturation", &r->s);
		cell(j, "errors", &r->e);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void findings(struct json *j, const struct findings *fs)
{
	json_arr_begin(j, "findings");
	for (int i = 0; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];

		json_obj_begin(j, NULL);
		json_str(j, "id", rule_defs[f->rule].id);
		json_str(j, "severity", severity_name(f->sev));
		json_str(j, "resource", f->resource);
		json_str(j, "summary", f->summary);
		json_arr_begin(j, "evidence");
		for (int k = 0; k < f->nevidence; k++)
			json_str(j, NULL, f->evidence[k]);
		json_arr_end(j);
		json_arr_begin(j, "next");
		for (int k = 0; k < f->nnext; k++)
			json_str(j, NULL, f->next[k]);
		json_arr_end(j);
		json_str(j, "action", rule_defs[f->rule].action);
		if (f->pid) {
			json_int(j, "pid", f->pid);
			json_str(j, "comm", f->comm);
		}
		if (f->when_from) {
			json_int(j, "from", f->when_from);
			json_int(j, "to", f->when_to);
			json_int(j, "slices", f->nslices);
		}
		json_obj_end(j);
	}
	json_arr_end(j);
}

/* "focus": the process of --pid, or null. */
static void focus(struct json *j, const struct obs *o)
{
	const struct obs_proc *p = obs_focus(o);

	if (!o->focus_pid || !p) {
		json_null(j, "focus");
		return;
	}
	json_obj_begin(j, "focus");
	json_int(j, "pid", p->pid);
	json_str(j, "comm", p->comm);
	json_strn(j, "state", &p->state, 1);
	json_int(j, "threads", p->nthreads);
	json_double(j, "cpu_pct", p->cpu_pct, 1);
	json_double(j, "fds", p->nfds, 0);
	json_double(j, "fd_soft_limit", p->fd_soft, 0);
	json_double(j, "close_wait", p->close_wait, 0);
	json_str(j, "cgroup", o->focus_cgroup[0] ? o->focus_cgroup : NULL);
	json_obj_end(j);
}

void triage_print_json(FILE *f, const struct triage_report *r)
{
	static const char *status[] = { "ok", "warning", "critical" };
	struct json j;

	json_init(&j, f, true);
	json_obj_begin(&j, NULL);
	if (r->now)
		json_int(&j, "time", (long long)r->now);
	else
		json_null(&j, "time");
	if (r->from)
		json_int(&j, "recorded_from", (long long)r->from);
	if (r->slices) {
		json_int(&j, "slices", r->slices);
		json_double(&j, "slice_s", r->slice_s, 0);
	}
	json_double(&j, "duration_s", r->o->window_s, 2);
	json_double(&j, "interval_s", r->o->interval_s, 2);
	json_int(&j, "intervals", r->o->intervals);
	json_int(&j, "ncpu", r->o->host.ncpu);
	json_str(&j, "status", status[r->status >= 0 && r->status <= 2 ? r->status : 0]);
	json_int(&j, "exit", r->status);
	focus(&j, r->o);
	resources(&j, r->m);
	findings(&j, r->fs);
	json_arr_begin(&j, "unchecked");
	for (int i = 0; i < r->o->nunchecked; i++) {
		json_obj_begin(&j, NULL);
		json_str(&j, "what", r->o->unchecked[i].what);
		json_str(&j, "why", r->o->unchecked[i].why);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
	json_end(&j);
}
