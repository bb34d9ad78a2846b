/* analysis/use.c and views/triage_*.c: the USE matrix built from literal
 * observations and findings, and both renderers (unknowns as "-"/null,
 * untrusted names escaped, colour only when asked). */
#include "test.h"

#include "analysis/finding.h"
#include "analysis/obs.h"
#include "analysis/rules.h"
#include "analysis/use.h"
#include "views/triage.h"

static struct obs *obs_two_intervals(void)
{
	struct obs *o = obs_new();
	struct obs_host *h = &o->host;

	assert_non_null(o);
	o->have = HAVE_CPU | HAVE_SCHED | HAVE_MEM | HAVE_FS;
	o->intervals = 2;
	o->interval_s = 1;
	o->window_s = 2;
	h->ncpu = 2;
	/* idle 90 then 70: busy mean (10 + 30) / 2 = 20, peak 30 */
	series_push(&h->cpu_idle, 90);
	series_push(&h->cpu_idle, 70);
	series_push(&h->cpu_busy, 10);
	series_push(&h->cpu_busy, 30);
	/* runq 1 then 6 on 2 CPUs: per CPU mean (0.5 + 3) / 2 = 1.75, peak 3 */
	series_push(&h->runq, 1);
	series_push(&h->runq, 6);
	series_push(&h->mem_avail_pct, NAN);	/* unknown */
	series_push(&h->mem_avail_pct, NAN);
	struct obs_fs *f = obs_add_fs(o);
	/* a mount point with an escape sequence in its name */
	strcpy(f->mnt, "/mnt/\x1b[31mred");
	f->size = 100; f->used = 99; f->avail = 1; f->files = 10; f->ffree = 5;
	return o;
}

static char *render(const struct triage_report *r, bool json, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	assert_non_null(f);
	if (json)
		triage_print_json(f, r);
	else
		triage_print_text(f, r);
	fclose(f);
	return buf;
}

static void test_use_and_views(void **state)
{
	struct obs *o = obs_two_intervals();
	struct findings fs = { 0 };
	struct use_matrix m = { 0 };
	struct triage_report rep = { 0 };
	size_t len;
	(void)state;

	rules_run(o, &fs);
	findings_rank(&fs);
	/* fs.full (99% > 98: critical) and cpu.saturated (r=6 > 2 per CPU... in
	 * 1 of 2 intervals: not most of the window) */
	assert_int_equal(fs.n, 1);
	assert_int_equal(fs.v[0].rule, RULE_FS_FULL);
	assert_int_equal(use_build(o, &fs, &m), 0);
	const struct use_row *cpu = NULL, *mem = NULL, *fsr = NULL;
	for (int i = 0; i < m.n; i++) {
		if (!strcmp(m.v[i].resource, "cpu")) cpu = &m.v[i];
		if (!strcmp(m.v[i].resource, "memory")) mem = &m.v[i];
		if (!strncmp(m.v[i].resource, "fs:", 3)) fsr = &m.v[i];
	}
	assert_non_null(cpu);
	assert_float_equal(cpu->u.value, 20, 1e-9);
	assert_float_equal(cpu->u.peak, 30, 1e-9);
	assert_float_equal(cpu->s.value, 1.75, 1e-9);
	assert_int_equal(cpu->u.status, USE_OK);
	assert_int_equal(cpu->e.status, USE_NA);
	assert_non_null(mem);
	assert_int_equal(mem->u.status, USE_UNKNOWN);
	assert_non_null(fsr);
	assert_int_equal(fsr->u.status, USE_CRITICAL);	/* the cell fs.full judged */
	assert_int_equal(fsr->s.status, USE_OK);	/* inodes 50% */
	assert_int_equal(fsr->status, USE_CRITICAL);

	rep.o = o;
	rep.fs = &fs;
	rep.m = &m;
	rep.now = 0;
	rep.status = 2;
	char *t = render(&rep, false, &len);
	assert_non_null(strstr(t, "CRITICAL: 1 critical, 0 warning"));
	assert_non_null(strstr(t, "fs.full"));
	assert_null(strchr(t, '\x1b'));		/* no colour, and the name escaped */
	assert_non_null(strstr(t, "\\e[31mred"));
	assert_non_null(strstr(t, "20 %"));	/* cpu utilization */
	free(t);
	rep.color = true;
	t = render(&rep, false, &len);
	assert_non_null(strstr(t, "\033[1;31m"));	/* critical in red */
	free(t);

	char *j = render(&rep, true, &len);
	assert_non_null(strstr(j, "\"time\": null"));
	assert_non_null(strstr(j, "\"status\": \"critical\""));
	assert_non_null(strstr(j, "\"exit\": 2"));
	assert_non_null(strstr(j, "\"id\": \"fs.full\""));
	assert_non_null(strstr(j, "\"severity\": \"critical\""));
	assert_non_null(strstr(j, "\\u001b[31mred"));	/* escaped in JSON */
	assert_non_null(strstr(j, "\"errors\": null"));	/* cpu errors: not applicable */
	assert_non_null(strstr(j, "\"value\": null"));	/* memory: unknown */
	assert_non_null(strstr(j, "\"unchecked\": []"));
	free(j);
	use_free(&m);
	findings_free(&fs);
	obs_free(o);
}

/* A healthy report is short: one screen. */
static void test_healthy_text_short(void **state)
{
	struct obs *o = obs_new();
	struct findings fs = { 0 };
	struct use_matrix m = { 0 };
	struct triage_report rep = { 0 };
	size_t len;
	(void)state;

	o->have = HAVE_CPU | HAVE_SCHED;
	o->intervals = 1;
	o->host.ncpu = 64;
	series_push(&o->host.cpu_idle, 99);
	series_push(&o->host.cpu_busy, 1);
	series_push(&o->host.runq, 0);
	for (int i = 0; i < 64; i++) {	/* 64 CPUs: 2 shown, 62 summarised */
		struct obs_cpu *c = obs_add_cpu(o);
		c->id = i;
		series_push(&c->busy, i);
	}
	use_build(o, &fs, &m);
	rep.o = o; rep.fs = &fs; rep.m = &m;
	char *t = render(&rep, false, &len);
	int lines = 0;
	for (char *p = t; *p; p++)
		lines += *p == '\n';
	assert_true(lines < 12);
	assert_non_null(strstr(t, "OK: no warning or critical finding"));
	assert_non_null(strstr(t, "cpu:63"));	/* the busiest are the ones shown */
	assert_non_null(strstr(t, "(62 more instances ok"));
	free(t);
	use_free(&m);
	obs_free(o);
}

/* idle a hair above 100 (float sums): busy = 100 - idle is -1e-7, which
 * "%.2f" prints "-0.00". Both writers print 0.00. */
static void test_no_negative_zero(void **state)
{
	struct obs *o = obs_new();
	struct findings fs = { 0 };
	struct use_matrix m = { 0 };
	struct triage_report rep = { 0 };
	size_t len;
	(void)state;

	o->have = HAVE_CPU;
	o->intervals = 1;
	o->host.ncpu = 2;
	series_push(&o->host.cpu_idle, 100.0000001);
	series_push(&o->host.cpu_busy, -0.0000001);	/* a hair below zero: must not print -0.00 */
	use_build(o, &fs, &m);
	rep.o = o; rep.fs = &fs; rep.m = &m;
	char *t = render(&rep, false, &len);
	assert_null(strstr(t, "-0"));
	assert_non_null(strstr(t, " 0.00 %"));
	free(t);
	t = render(&rep, true, &len);
	assert_null(strstr(t, "-0"));
	assert_non_null(strstr(t, "\"value\": 0.00"));
	free(t);
	use_free(&m);
	obs_free(o);
}

static void test_next_dedup(void **state)
{
	struct findings fs = { 0 };
	(void)state;
	struct finding *f = findings_add(&fs, RULE_FS_FULL, SEV_WARNING, 1, "fs:/");
	int n = f->nnext;
	finding_next_first(f, "triage df -h");	/* already in the list: moved up, not added */
	assert_int_equal(f->nnext, n);
	assert_string_equal(f->next[0], "triage df -h");
	finding_next_first(f, "triage pid 7");
	assert_int_equal(f->nnext, n + 1);
	assert_string_equal(f->next[0], "triage pid 7");
	assert_string_equal(f->next[1], "triage df -h");
	findings_free(&fs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_use_and_views),
		cmocka_unit_test(test_healthy_text_short),
		cmocka_unit_test(test_no_negative_zero),
		cmocka_unit_test(test_next_dedup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
