/* model/expo*.c, views/openmetrics.c, views/rules_prom.c: the exposition of
 * literal observations and findings in both text formats, checked by hand
 * (names, units, _total, # EOF, escaping of hostile label values, the
 * cardinality bound, per-process series only when asked), the rule values
 * against the rules' own tests, and the Prometheus rules file. */
#include "test.h"

#include <math.h>

#include "analysis/finding.h"
#include "analysis/obs.h"
#include "analysis/rules.h"
#include "model/expo.h"
#include "views/openmetrics.h"
#include "views/rules_prom.h"

#define assert_near(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static char *render(const struct expo *e, bool om, bool triage_only)
{
	char *buf = NULL;
	size_t len;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	expo_write(f, e, om, triage_only);
	fclose(f);
	return buf;
}

/* A counter with a unit and a gauge: the exact text of both formats. */
static void test_formats(void **state)
{
	struct expo e = { 0 };
	struct expo_family *c = expo_family(&e, "node_cpu_seconds", EXPO_COUNTER, "seconds", "CPU time.");
	struct expo_family *g = expo_family(&e, "triage_x_ratio", EXPO_GAUGE, "ratio", "a \\ b\nc");
	char *t;

	(void)state;
	assert_ptr_equal(expo_family(&e, "node_cpu_seconds", EXPO_COUNTER, "seconds", "CPU time."), c);
	assert_int_equal(expo_add(c, 12.5, 2, "cpu", "0", "mode", "user"), 0);
	assert_int_equal(expo_add(g, 0.25, 0), 0);
	assert_int_equal(expo_add(g, NAN, 0), 0);	/* unknown: left out */
	t = render(&e, true, false);
	assert_string_equal(t,
		"# HELP node_cpu_seconds CPU time.\n"
		"# TYPE node_cpu_seconds counter\n"
		"# UNIT node_cpu_seconds seconds\n"
		"node_cpu_seconds_total{cpu=\"0\",mode=\"user\"} 12.5\n"
		"# HELP triage_x_ratio a \\\\ b\\nc\n"
		"# TYPE triage_x_ratio gauge\n"
		"# UNIT triage_x_ratio ratio\n"
		"triage_x_ratio 0.25\n"
		"# EOF\n");
	free(t);
	t = render(&e, false, false);
	assert_string_equal(t,
		"# HELP node_cpu_seconds_total CPU time.\n"
		"# TYPE node_cpu_seconds_total counter\n"
		"node_cpu_seconds_total{cpu=\"0\",mode=\"user\"} 12.5\n"
		"# HELP triage_x_ratio a \\\\ b\\nc\n"
		"# TYPE triage_x_ratio gauge\n"
		"triage_x_ratio 0.25\n");
	free(t);
	t = render(&e, false, true);	/* textfile: no node_* */
	assert_null(strstr(t, "node_cpu"));
	assert_non_null(strstr(t, "triage_x_ratio 0.25\n"));
	free(t);
	expo_free(&e);
}

/* Hostile label values: quote, backslash, newline, control bytes, bad UTF-8. */
static void test_escape(void **state)
{
	struct expo e = { 0 };
	struct expo_family *g = expo_family(&e, "triage_finding", EXPO_GAUGE, NULL, "f");
	char *t;

	(void)state;
	expo_add(g, 1, 1, "resource", "fs:/a\"b\\c\nd\x1b[31m\xff\xc3\xa9");
	t = render(&e, false, false);
	assert_non_null(strstr(t, "triage_finding{resource=\"fs:/a\\\"b\\\\c\\nd\xef\xbf\xbd[31m\xef\xbf\xbd\xc3\xa9\"} 1\n"));
	free(t);
	expo_free(&e);
}

static void test_cardinality(void **state)
{
	struct expo e = { 0 };
	struct expo_family *g = expo_family(&e, "triage_y", EXPO_GAUGE, NULL, "y");

	(void)state;
	for (int i = 0; i < EXPO_MAX_SAMPLES + 10; i++) {
		char v[16];

		snprintf(v, sizeof(v), "%d", i);
		assert_int_equal(expo_add(g, i, 1, "i", v), 0);
	}
	assert_int_equal(g->n, EXPO_MAX_SAMPLES);
	assert_true(g->full);
	expo_free(&e);
}

static struct obs *obs_window(void)
{
	struct obs *o = obs_new();
	struct obs_host *h = &o->host;

	assert_non_null(o);
	o->have = HAVE_CPU | HAVE_SCHED | HAVE_MEM | HAVE_TCP;
	o->intervals = 5;
	o->interval_s = 1;
	o->window_s = 5;
	h->ncpu = 2;
	/* iowait 30 in 3 of 5 intervals: the rule's 60 % test passes at 20 */
	double iow[5] = { 30, 5, 30, 30, 10 };
	for (int i = 0; i < 5; i++) {
		series_push(&h->cpu_iowait, iow[i]);
		series_push(&h->listen_overflows, i == 4 ? 2 : 0);	/* 2/s in the last: 2 in the window */
		series_push(&h->mem_avail_pct, 50 - i);
	}
	h->tcp_time_wait = 7;
	for (int i = 0; i < 3; i++) {
		struct obs_proc *p = obs_add_proc(o);

		p->pid = p->tid = 100 + i;
		snprintf(p->comm, sizeof(p->comm), "%s", i == 1 ? "ev\"il\n" : "p");
		p->cpu_pct = 10.0 * i;
		p->nfds = 3;
	}
	return o;
}

static double value_of(const struct expo *e, const char *fam, const char *id)
{
	for (int i = 0; i < e->n; i++) {
		if (strcmp(e->f[i].name, fam) != 0)
			continue;
		for (int k = 0; k < e->f[i].n; k++)
			if (!id || strcmp(e->f[i].s[k].lv[0], id) == 0)
				return e->f[i].s[k].v;
	}
	return NAN;
}

static void test_rule_values_and_findings(void **state)
{
	struct obs *o = obs_window();
	struct findings fs = { 0 };
	struct expo e;
	struct expo_opts eo = { .top_procs = 0, .collect_s = NAN };
	char *t;

	(void)state;
	rules_run(o, &fs);
	findings_rank(&fs);
	assert_int_equal(expo_build(&e, o, &fs, NULL, &eo), 0);
	/* the 3rd highest of 30 5 30 30 10 is 30: the rule fires above 20 */
	assert_near(value_of(&e, "triage_rule_value", "cpu.iowait"), 30);
	/* overflows: mean 0.4/s over 5 s = 2 */
	assert_near(value_of(&e, "triage_rule_value", "tcp.listen_overflow"), 2);
	/* lowest MemAvailable: 46 */
	assert_near(value_of(&e, "triage_rule_value", "mem.low_available"), 46);
	assert_near(value_of(&e, "triage_rule_value", "tcp.time_wait"), 7);
	assert_true(isnan(value_of(&e, "triage_rule_value", "kernel.errors")));	/* not exported */
	assert_false(expo_rule_exported(RULE_KERNEL_ERRORS));
	t = render(&e, true, false);
	assert_non_null(strstr(t, "triage_finding{id=\"cpu.iowait\",resource=\"cpu\",severity=\"warning\"} 1\n"));
	assert_non_null(strstr(t, "triage_finding{id=\"tcp.listen_overflow\",resource=\"tcp\",severity=\"warning\"} 1\n"));
	assert_non_null(strstr(t, "triage_cpu_iowait_ratio 0.1\n"));	/* the last interval, 10 % */
	assert_null(strstr(t, "triage_process_"));	/* per-process series are opt-in */
	assert_int_equal(strcmp(t + strlen(t) - 6, "# EOF\n"), 0);
	free(t);
	expo_free(&e);
	eo.top_procs = 2;
	assert_int_equal(expo_build(&e, o, &fs, NULL, &eo), 0);
	t = render(&e, false, false);
	/* the two busiest, busiest first; the hostile name escaped */
	assert_non_null(strstr(t, "triage_process_cpu_ratio{pid=\"102\",comm=\"p\"} 0.2\n"
				  "triage_process_cpu_ratio{pid=\"101\",comm=\"ev\\\"il\\n\"} 0.1\n"));
	assert_null(strstr(t, "pid=\"100\""));
	free(t);
	expo_free(&e);
	findings_free(&fs);
	obs_free(o);
}

static void test_rules_file(void **state)
{
	char *buf = NULL;
	size_t len;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	rules_print_prometheus(f, 300, 30);
	fclose(f);
	/* a sustained rule: the value passed in 60 % of the window's expositions */
	assert_non_null(strstr(buf, "      - alert: TriageCpuIowait\n"
				    "        expr: quantile_over_time(0.4, triage_rule_value{id=\"cpu.iowait\"}[300s]) > 20\n"
				    "        for: 30s\n"
				    "        labels:\n          severity: warning\n"));
	assert_non_null(strstr(buf, "expr: quantile_over_time(0.4, triage_rule_value{id=\"cpu.iowait\"}[300s]) > 50\n"));
	/* a window total, and a below-threshold rule */
	assert_non_null(strstr(buf, "expr: triage_rule_value{id=\"tcp.listen_overflow\"} > 0\n"));
	assert_non_null(strstr(buf, "expr: triage_rule_value{id=\"mem.low_available\"} < 5\n"));
	assert_null(strstr(buf, "id=\"kernel.errors\""));
	free(buf);
	/* YAML double-quoted scalars: quotes, backslashes, newlines, control bytes */
	buf = NULL;
	f = open_memstream(&buf, &len);
	yaml_quoted(f, "a\"b\\c\nd\x01");
	fclose(f);
	assert_string_equal(buf, "\"a\\\"b\\\\c\\nd\\x01\"");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_cardinality),
		cmocka_unit_test(test_rule_values_and_findings),
		cmocka_unit_test(test_rules_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
