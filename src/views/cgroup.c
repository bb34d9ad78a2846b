#include "views/cgroup.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "core/escape.h"
#include "views/psi.h"

const char *cgroup_fmt_bytes(char *buf, size_t size, uint64_t v)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	double x = (double)v;
	int u = 0;

	if (v == CGROUP_UNLIMITED) {
		snprintf(buf, size, "max");
		return buf;
	}
	while (x >= 1024 && u < 6) {
		x /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(buf, size, "%llu B", (unsigned long long)v);
	else
		snprintf(buf, size, "%.1f %s", x, units[u]);
	return buf;
}

/* "%.2f" or "-" for unknown */
static const char *fnum(char *buf, size_t size, double v, int dec)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.*f", dec, v);
	return buf;
}

/* "+3" or "-" for unknown */
static const char *fdelta(char *buf, size_t size, double v)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "+%.0f", v);
	return buf;
}

static void print_cpu(FILE *f, const struct cgroup_cpu *c, const struct cgroup_rates *r,
		      const char *in)
{
	char a[32], b[32], d[32], e[32], g[32];

	if (!c->has_usage && !c->has_quota && !c->has_throttle) {
		fprintf(f, "%scpu      no cpu controller at this path\n", in);
		return;
	}
	fprintf(f, "%scpu      usage %s cores (user %s, system %s)", in,
		fnum(a, sizeof(a), r->cpu_cores, 2), fnum(b, sizeof(b), r->user_cores, 2),
		fnum(d, sizeof(d), r->system_cores, 2));
	if (c->has_quota && c->quota_us != CGROUP_UNLIMITED)
		fprintf(f, ", quota %s cores (%llu/%llu us, v%d), %s%% of quota\n",
			fnum(a, sizeof(a), r->quota_cores, 2), (unsigned long long)c->quota_us,
			(unsigned long long)c->period_us, c->version,
			fnum(b, sizeof(b), r->cpu_pct_quota, 1));
	else
		fprintf(f, ", no quota\n");
	if (!c->has_throttle)
		return;
	fprintf(f, "%s         throttled %s periods/s of %s (%s%%), %s s/s stalled; "
		"total %llu of %llu periods (%s%%), %.3f s\n", in,
		fnum(a, sizeof(a), r->throttled_s, 1), fnum(b, sizeof(b), r->periods_s, 1),
		fnum(d, sizeof(d), r->throttled_pct, 1), fnum(e, sizeof(e), r->throttled_time_s, 3),
		(unsigned long long)c->nr_throttled, (unsigned long long)c->nr_periods,
		fnum(g, sizeof(g), r->throttled_total_pct, 1), (double)c->throttled_ns / 1e9);
}

static void print_mem(FILE *f, const struct cgroup_mem *m, const struct cgroup_rates *r,
		      const char *in)
{
	char a[32], b[32], d[32], e[32], g[32];

	if (!m->version) {
		fprintf(f, "%smemory   no memory controller at this path\n", in);
		return;
	}
	fprintf(f, "%smemory   current %s", in, cgroup_fmt_bytes(a, sizeof(a), m->current));
	if (m->max_eff == CGROUP_UNLIMITED)
		fputs(", no limit", f);
	else
		fprintf(f, " of max %s (%s%%)", cgroup_fmt_bytes(b, sizeof(b), m->max_eff),
			fnum(d, sizeof(d), r->mem_pct_max, 1));
	if (m->version == 2)
		fprintf(f, ", high %s", cgroup_fmt_bytes(e, sizeof(e), m->high));
	fprintf(f, ", peak %s", m->has_peak ? cgroup_fmt_bytes(g, sizeof(g), m->peak) : "-");
	if (m->max_eff != m->max)
		fprintf(f, " (own max %s)", cgroup_fmt_bytes(a, sizeof(a), m->max));
	fputc('\n', f);
	if (m->has_events)
		fprintf(f, "%s         events: low %llu, high %llu, max %llu, oom %llu, oom_kill %llu"
			" (interval: high %s, max %s, oom %s, oom_kill %s)\n", in,
			(unsigned long long)m->ev_low, (unsigned long long)m->ev_high,
			(unsigned long long)m->ev_max, (unsigned long long)m->ev_oom,
			(unsigned long long)m->ev_oom_kill, fdelta(a, sizeof(a), r->ev_high),
			fdelta(b, sizeof(b), r->ev_max), fdelta(d, sizeof(d), r->ev_oom),
			fdelta(e, sizeof(e), r->ev_oom_kill));
	if (m->has_oom_control || m->has_failcnt)
		fprintf(f, "%s         oom_kill %llu (interval %s), under_oom %d, failcnt %llu (interval %s)\n",
			in, (unsigned long long)m->oom_kill, fdelta(a, sizeof(a), r->oom_kill),
			m->under_oom, (unsigned long long)m->failcnt, fdelta(b, sizeof(b), r->failcnt));
	if (m->has_stat)
		fprintf(f, "%s         anon %s, file %s, shmem %s, swap %s; major faults %s/s\n", in,
			cgroup_fmt_bytes(a, sizeof(a), m->anon), cgroup_fmt_bytes(b, sizeof(b), m->file),
			cgroup_fmt_bytes(d, sizeof(d), m->shmem), cgroup_fmt_bytes(e, sizeof(e), m->swap),
			fnum(g, sizeof(g), r->pgmajfault_s, 1));
}

void cgroup_print_detail(FILE *f, const struct cgroup_sample *s, const struct cgroup_rates *r,
			 const char *in)
{
	char a[32], b[32], d[32], e[32];

	fprintf(f, "%scgroup   ", in);
	esc_term_fputs(f, s->path, strlen(s->path));
	if (isnan(r->dt_s))
		fputs("  (one sample: no rates)\n", f);
	else
		fprintf(f, "  (interval %.2f s)\n", r->dt_s);
	print_cpu(f, &s->cpu, r, in);
	print_mem(f, &s->mem, r, in);
	if (s->pids.version)
		fprintf(f, "%spids     %llu of max %s (%s%%)\n", in, (unsigned long long)s->pids.current,
			s->pids.max == CGROUP_UNLIMITED ? "max" : (snprintf(a, sizeof(a), "%llu",
			(unsigned long long)s->pids.max), a), fnum(b, sizeof(b), r->pids_pct, 1));
	if (s->io.version)
		fprintf(f, "%sio       read %s B/s (%s io/s), write %s B/s (%s io/s)\n", in,
			fnum(a, sizeof(a), r->io_rbytes_s, 0), fnum(b, sizeof(b), r->io_rios_s, 1),
			fnum(d, sizeof(d), r->io_wbytes_s, 0), fnum(e, sizeof(e), r->io_wios_s, 1));
	fprintf(f, "%spsi     ", in);
	for (int i = 0, first = 1; i < PSI__COUNT; i++) {
		if (s->psi_err[i])
			continue;
		fprintf(f, "%s %s some %s%% full %s%% (avg10 %.2f)", first ? "" : ";", psi_names[i],
			fnum(a, sizeof(a), r->psi[i].some_pct, 2), fnum(b, sizeof(b), r->psi[i].full_pct, 2),
			s->psi[i].some.present ? s->psi[i].some.avg10 : s->psi[i].full.avg10);
		first = 0;
	}
	if (s->psi_err[PSI_CPU] == -ENOENT)
		fputs(" unavailable: no cgroup v2 group at this path", f);
	else if (s->psi_err[PSI_CPU])
		fprintf(f, " unavailable: %s", psi_strerror(PSI_CPU, s->psi_err[PSI_CPU]));
	fputc('\n', f);
}

static void json_limit(struct json *j, const char *key, uint64_t v)
{
	if (v == CGROUP_UNLIMITED)
		json_null(j, key);
	else
		json_uint(j, key, v);
}

static void json_cpu(struct json *j, const struct cgroup_cpu *c, const struct cgroup_rates *r)
{
	json_obj_begin(j, "cpu");
	json_int(j, "version", c->version);
	if (c->has_quota) {
		json_limit(j, "quota_us", c->quota_us);
		json_uint(j, "period_us", c->period_us);
	}
	json_double(j, "quota_cores", r->quota_cores, 2);
	json_double(j, "usage_cores", r->cpu_cores, 3);
	json_double(j, "user_cores", r->user_cores, 3);
	json_double(j, "system_cores", r->system_cores, 3);
	json_double(j, "pct_of_quota", r->cpu_pct_quota, 1);
	if (c->has_usage)
		json_uint(j, "usage_ns", c->usage_ns);
	if (c->has_throttle) {
		json_uint(j, "nr_periods", c->nr_periods);
		json_uint(j, "nr_throttled", c->nr_throttled);
		json_uint(j, "throttled_ns", c->throttled_ns);
		json_double(j, "periods_per_s", r->periods_s, 2);
		json_double(j, "throttled_per_s", r->throttled_s, 2);
		json_double(j, "throttled_pct", r->throttled_pct, 1);
		json_double(j, "throttled_time_per_s", r->throttled_time_s, 3);
		json_double(j, "throttled_total_pct", r->throttled_total_pct, 1);
	}
	json_obj_end(j);
}

static void json_mem(struct json *j, const struct cgroup_mem *m, const struct cgroup_rates *r)
{
	json_obj_begin(j, "memory");
	json_int(j, "version", m->version);
	if (m->version) {
		json_uint(j, "current", m->current);
		if (m->has_peak)
			json_uint(j, "peak", m->peak);
		json_limit(j, "max", m->max);
		json_limit(j, "max_effective", m->max_eff);
		json_limit(j, "high", m->high);
		json_double(j, "pct_of_max", r->mem_pct_max, 1);
		json_double(j, "pct_of_high", r->mem_pct_high, 1);
		json_double(j, "peak_pct_of_max", r->mem_peak_pct_max, 1);
	}
	if (m->has_events) {
		json_obj_begin(j, "events");
		json_uint(j, "low", m->ev_low);
		json_uint(j, "high", m->ev_high);
		json_uint(j, "max", m->ev_max);
		json_uint(j, "oom", m->ev_oom);
		json_uint(j, "oom_kill", m->ev_oom_kill);
		json_obj_end(j);
		json_obj_begin(j, "events_interval");
		json_double(j, "high", r->ev_high, 0);
		json_double(j, "max", r->ev_max, 0);
		json_double(j, "oom", r->ev_oom, 0);
		json_double(j, "oom_kill", r->ev_oom_kill, 0);
		json_obj_end(j);
	}
	if (m->has_oom_control) {
		json_uint(j, "oom_kill", m->oom_kill);
		json_bool(j, "under_oom", m->under_oom);
	}
	json_double(j, "oom_kill_interval", r->oom_kill, 0);
	if (m->has_failcnt) {
		json_uint(j, "failcnt", m->failcnt);
		json_double(j, "failcnt_interval", r->failcnt, 0);
	}
	if (m->has_stat) {
		json_uint(j, "anon", m->anon);
		json_uint(j, "file", m->file);
		json_uint(j, "shmem", m->shmem);
		json_uint(j, "swap", m->swap);
		json_double(j, "pgmajfault_per_s", r->pgmajfault_s, 1);
	}
	json_obj_end(j);
}

void cgroup_json_detail(struct json *j, const char *key, const struct cgroup_sample *s,
			const struct cgroup_rates *r)
{
	json_obj_begin(j, key);
	json_str(j, "path", s->path);
	json_double(j, "interval_s", r->dt_s, 2);
	json_double(j, "score", r->score, 1);
	json_cpu(j, &s->cpu, r);
	json_mem(j, &s->mem, r);
	if (s->pids.version) {
		json_obj_begin(j, "pids");
		json_int(j, "version", s->pids.version);
		json_uint(j, "current", s->pids.current);
		json_limit(j, "max", s->pids.max);
		json_double(j, "pct_of_max", r->pids_pct, 1);
		json_obj_end(j);
	} else {
		json_null(j, "pids");
	}
	if (s->io.version) {
		json_obj_begin(j, "io");
		json_int(j, "version", s->io.version);
		json_uint(j, "rbytes", s->io.rbytes);
		json_uint(j, "wbytes", s->io.wbytes);
		json_uint(j, "rios", s->io.rios);
		json_uint(j, "wios", s->io.wios);
		json_double(j, "rbytes_per_s", r->io_rbytes_s, 0);
		json_double(j, "wbytes_per_s", r->io_wbytes_s, 0);
		json_double(j, "rios_per_s", r->io_rios_s, 1);
		json_double(j, "wios_per_s", r->io_wios_s, 1);
		json_obj_end(j);
	} else {
		json_null(j, "io");
	}
	json_obj_begin(j, "psi");
	for (int i = 0; i < PSI__COUNT; i++) {
		if (s->psi_err[i]) {
			json_null(j, psi_names[i]);
			continue;
		}
		json_obj_begin(j, psi_names[i]);
		psi_json_line(j, "some", &s->psi[i].some, r->psi[i].some_pct);
		psi_json_line(j, "full", &s->psi[i].full, r->psi[i].full_pct);
		json_obj_end(j);
	}
	json_obj_end(j);
	json_obj_end(j);
}

void cgroup_print_top(FILE *f, const struct cgroup_rank *k)
{
	char a[32], b[32], d[32], e[32], g[32];

	fprintf(f, "cgroups nearest their limits or most throttled (%s", k->layout);
	if (isnan(k->dt_s))
		fputs(", one sample", f);
	else
		fprintf(f, ", interval %.2f s", k->dt_s);
	fprintf(f, "): %d groups, %d with limits%s\n", k->groups, k->limited,
		k->truncated ? " (walk stopped at its bound)" : "");
	if (!k->n) {
		fputs("no cgroup has a CPU quota, memory or pids limit, or was throttled\n", f);
		return;
	}
	fprintf(f, "%6s %6s %6s %6s %6s %10s %10s %6s %6s %6s %5s  %s\n", "SCORE", "CPU",
		"QUOTA", "THR%", "THR/s", "MEM", "MEMMAX", "MEM%", "PIDS", "PIDS%", "OOMK", "PATH");
	for (int i = 0; i < k->n; i++) {
		const struct cgroup_sample *s = k->rows[i].s;
		const struct cgroup_rates *r = &k->rows[i].r;
		unsigned long long oomk = s->mem.has_events ? s->mem.ev_oom_kill : s->mem.oom_kill;

		fprintf(f, "%6s %6s %6s %6s %6s ", fnum(a, sizeof(a), r->score, 1),
			fnum(b, sizeof(b), r->cpu_cores, 2), fnum(d, sizeof(d), r->quota_cores, 2),
			fnum(e, sizeof(e), r->throttled_pct, 1), fnum(g, sizeof(g), r->throttled_s, 1));
		fprintf(f, "%10s ", s->mem.version ? cgroup_fmt_bytes(a, sizeof(a), s->mem.current) : "-");
		fprintf(f, "%10s ", s->mem.version ? cgroup_fmt_bytes(b, sizeof(b), s->mem.max_eff) : "-");
		fprintf(f, "%6s ", fnum(d, sizeof(d), r->mem_pct_max, 1));
		if (s->pids.version)
			fprintf(f, "%6llu ", (unsigned long long)s->pids.current);
		else
			fprintf(f, "%6s ", "-");
		fprintf(f, "%6s %5llu  ", fnum(e, sizeof(e), r->pids_pct, 1), oomk);
		esc_term_fputs(f, s->path, strlen(s->path));
		fputc('\n', f);
	}
}

void cgroup_json_top(struct json *j, const struct cgroup_rank *k)
{
	json_obj_begin(j, NULL);
	json_str(j, "layout", k->layout);
	json_double(j, "interval_s", k->dt_s, 2);
	json_int(j, "groups", k->groups);
	json_int(j, "limited", k->limited);
	json_bool(j, "truncated", k->truncated);
	json_arr_begin(j, "cgroups");
	for (int i = 0; i < k->n; i++)
		cgroup_json_detail(j, NULL, k->rows[i].s, &k->rows[i].r);
	json_arr_end(j);
	json_obj_end(j);
}
