#include "views/iostat.h"

#include "views/cols.h"
#include "views/sysstat_banner.h"

void iostat_print_cpu(FILE *f, const struct avgcpu *c)
{
	fputs("avg-cpu:  %user   %nice %system %iowait  %steal   %idle\n       ", f);
	cols_num(f, 7, 2, c->user);
	cols_num(f, 7, 2, c->nice);
	cols_num(f, 7, 2, c->system);
	cols_num(f, 7, 2, c->iowait);
	cols_num(f, 7, 2, c->steal);
	cols_num(f, 7, 2, c->idle);
	fputs("\n\n", f);
}

static void header(FILE *f, bool extended, enum disk_unit unit)
{
	const char *u = unit == DISK_UNIT_MB ? "MB" : "kB";

	fputs("Device       ", f);
	if (extended)
		fprintf(f, "     r/s     r%s/s   rrqm/s  %%rrqm r_await rareq-sz"
			   "     w/s     w%s/s   wrqm/s  %%wrqm w_await wareq-sz"
			   "     d/s     d%s/s   drqm/s  %%drqm d_await dareq-sz"
			   "     f/s f_await  aqu-sz  %%util\n", u, u, u);
	else
		fprintf(f, "      tps    %s_read/s    %s_wrtn/s    %s_dscd/s    %s_read    %s_wrtn    %s_dscd\n",
			u, u, u, u, u, u);
}

/* The six columns of one direction: r/s rkB/s rrqm/s %rrqm r_await rareq-sz. */
static void dir6(FILE *f, double s, double kb_s, double rqm_s, double rqm_pct, double await,
		 double areq_sz)
{
	cols_num(f, 7, 2, s);
	cols_num(f, 9, 2, kb_s);
	cols_num(f, 8, 2, rqm_s);
	cols_num(f, 6, 2, rqm_pct);
	cols_num(f, 7, 2, await);
	cols_num(f, 8, 2, areq_sz);
}

static void ext_row(FILE *f, const struct disk_rates *r)
{
	dir6(f, r->r_s, r->rkb_s, r->rrqm_s, r->rrqm_pct, r->r_await, r->rareq_sz);
	dir6(f, r->w_s, r->wkb_s, r->wrqm_s, r->wrqm_pct, r->w_await, r->wareq_sz);
	dir6(f, r->d_s, r->dkb_s, r->drqm_s, r->drqm_pct, r->d_await, r->dareq_sz);
	cols_num(f, 7, 2, r->f_s);
	cols_num(f, 7, 2, r->f_await);
	cols_num(f, 7, 2, r->aqu_sz);
	cols_num(f, 6, 2, r->util_pct);
}

static void basic_row(FILE *f, const struct disk_rates *r)
{
	cols_num(f, 8, 2, r->tps);
	cols_num(f, 12, 2, r->kb_read_s);
	cols_num(f, 12, 2, r->kb_wrtn_s);
	cols_num(f, 12, 2, r->kb_dscd_s);
	cols_num(f, 10, 0, r->kb_read);
	cols_num(f, 10, 0, r->kb_wrtn);
	cols_num(f, 10, 0, r->kb_dscd);
}

void iostat_print_disks(FILE *f, bool extended, enum disk_unit unit, const struct disk_report *rep)
{
	header(f, extended, unit);
	for (size_t i = 0; i < rep->n; i++) {
		cols_name(f, rep->rows[i].name, 13, 1);
		if (extended)
			ext_row(f, &rep->rows[i].r);
		else
			basic_row(f, &rep->rows[i].r);
		fputc('\n', f);
	}
}

static void json_disk(struct json *j, const struct disk_row *row)
{
	const struct disk_rates *r = &row->r;

	json_obj_begin(j, NULL);
	json_str(j, "disk_device", row->name);
	json_bool(j, "partition", row->is_partition);
	json_double(j, "r_s", r->r_s, 2);
	json_double(j, "rkb_s", r->rkb_s, 2);
	json_double(j, "rrqm_s", r->rrqm_s, 2);
	json_double(j, "rrqm_pct", r->rrqm_pct, 2);
	json_double(j, "r_await_ms", r->r_await, 2);
	json_double(j, "rareq_sz_kb", r->rareq_sz, 2);
	json_double(j, "w_s", r->w_s, 2);
	json_double(j, "wkb_s", r->wkb_s, 2);
	json_double(j, "wrqm_s", r->wrqm_s, 2);
	json_double(j, "wrqm_pct", r->wrqm_pct, 2);
	json_double(j, "w_await_ms", r->w_await, 2);
	json_double(j, "wareq_sz_kb", r->wareq_sz, 2);
	json_double(j, "d_s", r->d_s, 2);
	json_double(j, "dkb_s", r->dkb_s, 2);
	json_double(j, "drqm_s", r->drqm_s, 2);
	json_double(j, "drqm_pct", r->drqm_pct, 2);
	json_double(j, "d_await_ms", r->d_await, 2);
	json_double(j, "dareq_sz_kb", r->dareq_sz, 2);
	json_double(j, "f_s", r->f_s, 2);
	json_double(j, "f_await_ms", r->f_await, 2);
	json_double(j, "aqu_sz", r->aqu_sz, 2);
	json_double(j, "util_pct", r->util_pct, 2);
	json_double(j, "tps", r->tps, 2);
	json_double(j, "kb_read_s", r->kb_read_s, 2);
	json_double(j, "kb_wrtn_s", r->kb_wrtn_s, 2);
	json_double(j, "kb_dscd_s", r->kb_dscd_s, 2);
	json_double(j, "kb_read", r->kb_read, 0);
	json_double(j, "kb_wrtn", r->kb_wrtn, 0);
	json_double(j, "kb_dscd", r->kb_dscd, 0);
	json_obj_end(j);
}

void iostat_json_sample(struct json *j, time_t when, bool since_boot, double dt_s,
			const struct avgcpu *cpu, const struct disk_report *rep)
{
	char ts[40];

	sysstat_time_iso(when, ts, sizeof(ts));
	json_obj_begin(j, NULL);
	json_str(j, "timestamp", ts);
	json_bool(j, "since_boot", since_boot);
	json_double(j, "interval_s", dt_s, 2);
	if (cpu) {
		json_obj_begin(j, "avg_cpu");
		json_double(j, "user", cpu->user, 2);
		json_double(j, "nice", cpu->nice, 2);
		json_double(j, "system", cpu->system, 2);
		json_double(j, "iowait", cpu->iowait, 2);
		json_double(j, "steal", cpu->steal, 2);
		json_double(j, "idle", cpu->idle, 2);
		json_obj_end(j);
	}
	if (rep) {
		json_arr_begin(j, "disk");
		for (size_t i = 0; i < rep->n; i++)
			json_disk(j, &rep->rows[i]);
		json_arr_end(j);
	}
	json_obj_end(j);
}
