#include "views/psi.h"

#include <math.h>

static void num(FILE *f, double v, int width)
{
	if (isnan(v))
		fprintf(f, " %*s", width, "-");
	else
		fprintf(f, " %*.2f", width, v);
}

static void line(FILE *f, const struct psi_line *l, double stall)
{
	if (!l->present) {
		fprintf(f, " %6s %6s %6s", "-", "-", "-");
	} else {
		num(f, l->avg10, 6);
		num(f, l->avg60, 6);
		num(f, l->avg300, 6);
	}
	num(f, stall, 7);
}

void psi_print(FILE *f, const struct psi_report *rep)
{
	if (isnan(rep->dt_s))
		fputs("PSI (one sample: no interval)\n", f);
	else
		fprintf(f, "PSI over %.2f s\n", rep->dt_s);
	fprintf(f, "%-8s  %-29s  %-29s\n", "", "------------ some -----------",
		"------------ full -----------");
	fprintf(f, "%-8s  %6s %6s %6s %7s  %6s %6s %6s %7s\n", "resource",
		"avg10", "avg60", "avg300", "intvl%", "avg10", "avg60", "avg300", "intvl%");
	for (int i = 0; i < PSI__COUNT; i++) {
		const struct psi *p = &rep->cur->res[i];

		fprintf(f, "%-8s ", psi_names[i]);
		if (rep->cur->err[i]) {
			fprintf(f, " unavailable: %s\n", psi_strerror(i, rep->cur->err[i]));
			continue;
		}
		line(f, &p->some, rep->rate[i].some_pct);
		fputc(' ', f);
		line(f, &p->full, rep->rate[i].full_pct);
		fputc('\n', f);
	}
}

void psi_json_line(struct json *j, const char *key, const struct psi_line *l, double stall_pct)
{
	if (!l->present) {
		json_null(j, key);
		return;
	}
	json_obj_begin(j, key);
	json_double(j, "avg10", l->avg10, 2);
	json_double(j, "avg60", l->avg60, 2);
	json_double(j, "avg300", l->avg300, 2);
	json_uint(j, "total_us", l->total_us);
	json_double(j, "stall_pct", stall_pct, 2);
	json_obj_end(j);
}

void psi_print_json(struct json *j, const struct psi_report *rep)
{
	json_obj_begin(j, NULL);
	if (rep->when > 0)
		json_int(j, "time", rep->when);
	json_double(j, "interval_s", rep->dt_s, 2);
	json_arr_begin(j, "resources");
	for (int i = 0; i < PSI__COUNT; i++) {
		int err = rep->cur->err[i];

		json_obj_begin(j, NULL);
		json_str(j, "name", psi_names[i]);
		json_bool(j, "available", err == 0);
		if (err) {
			json_str(j, "reason", psi_strerror(i, err));
		} else {
			psi_json_line(j, "some", &rep->cur->res[i].some, rep->rate[i].some_pct);
			psi_json_line(j, "full", &rep->cur->res[i].full, rep->rate[i].full_pct);
		}
		json_obj_end(j);
	}
	json_arr_end(j);
	json_obj_end(j);
}
