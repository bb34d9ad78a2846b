/* model/perf_stat: scaling, rates, ratios, verdicts on literal counts. */
#include "test.h"

#include "model/perf_stat.h"
#include "views/perf_stat.h"

static void test_scaling_and_ratios(void **state)
{
	struct perf_stat_model m;
	struct perf_stat_in in[] = {
		/* 2 s of task-clock */
		{ PEV_TASK_CLOCK, 0, { 2000000000ull, 1000, 1000 } },
		/* multiplexed: ran 1/4 of the time: 1e9 * 400/100 = 4e9 cycles */
		{ PEV_CYCLES, 0, { 1000000000ull, 400, 100 } },
		{ PEV_INSTRUCTIONS, 0, { 2000000000ull, 1000, 1000 } },
		{ PEV_CACHE_REFERENCES, 0, { 1000, 10, 10 } },
		{ PEV_CACHE_MISSES, 0, { 250, 10, 10 } },
		{ PEV_CONTEXT_SWITCHES, 0, { 50, 10, 10 } },
	};
	(void)state;

	perf_stat_model(in, 6, 4.0, false, &m);
	assert_float_equal(m.ev[1].value, 4e9, 1);
	assert_float_equal(m.ev[1].running_pct, 25.0, 1e-9);
	/* IPC = 2e9 / 4e9 = 0.5; GHz = 4e9 / 2 s / 1e9 = 2.0 */
	assert_float_equal(m.ipc, 0.5, 1e-9);
	assert_float_equal(m.ghz, 2.0, 1e-9);
	/* 250 / 1000 = 25% cache misses */
	assert_float_equal(m.cache_miss_pct, 25.0, 1e-9);
	/* 2 s CPU over 4 s wall = 0.5 CPUs; 50 cs / 2 s CPU = 25/s */
	assert_float_equal(m.cpus_utilized, 0.5, 1e-9);
	assert_float_equal(m.ev[5].per_s, 25.0, 1e-9);
	/* IPC 0.5 < 0.7 and misses >= 10% */
	assert_int_equal(m.verdict, PVERD_STALLED_MEM);
}

static void test_not_supported(void **state)
{
	struct perf_stat_model m;
	struct perf_stat_in in[] = {
		{ PEV_TASK_CLOCK, 0, { 1000000000ull, 5, 5 } },
		{ PEV_CYCLES, -ENOENT, { 0 } },
		{ PEV_INSTRUCTIONS, -EOPNOTSUPP, { 0 } },
		{ PEV_PAGE_FAULTS, -EACCES, { 0 } },
		{ PEV_BRANCHES, 0, { 0, 100, 0 } },	/* never on the PMU */
		{ PEV_CONTEXT_SWITCHES, 0, { 0, 100, 0 } },	/* software, never ran: 0 */
	};
	(void)state;

	perf_stat_model(in, 6, 1.0, false, &m);
	assert_int_equal(m.ev[1].state, PSTAT_NOT_SUPPORTED);
	assert_int_equal(m.ev[2].state, PSTAT_NOT_SUPPORTED);
	assert_int_equal(m.ev[3].state, PSTAT_NO_PERMISSION);
	assert_int_equal(m.ev[4].state, PSTAT_NOT_COUNTED);
	assert_int_equal(m.ev[5].state, PSTAT_OK);
	assert_float_equal(m.ev[5].value, 0, 0);
	assert_true(isnan(m.ev[1].value));
	assert_true(isnan(m.ipc));
	assert_int_equal(m.n_not_supported, 2);
	/* 1 s CPU in 1 s: on CPU, but no IPC */
	assert_int_equal(m.verdict, PVERD_NO_HW);
	/* 0.1 s CPU in 1 s: off-CPU for a command, nothing for -a */
	in[0].sum.value = 100000000ull;
	perf_stat_model(in, 6, 1.0, false, &m);
	assert_int_equal(m.verdict, PVERD_OFF_CPU);
	perf_stat_model(in, 6, 1.0, true, &m);
	assert_int_equal(m.verdict, PVERD_NO_HW);
}

/* The text view on a literal model: perf stat's layout. */
static void test_view(void **state)
{
	static char out[4096];
	struct perf_stat_model m;
	struct perf_stat_report rep = { &m, "prog <a>", 1, 0.25, 0.05 };
	struct perf_stat_in in[] = {
		{ PEV_TASK_CLOCK, 0, { 300000000ull, 10, 10 } },	/* 300 ms */
		{ PEV_CONTEXT_SWITCHES, 0, { 1234567, 10, 10 } },
		{ PEV_CYCLES, -ENOENT, { 0 } },
	};
	FILE *f;
	(void)state;

	perf_stat_model(in, 3, 0.5, false, &m);
	f = fmemopen(out, sizeof(out), "w");
	perf_stat_print(f, &rep);
	fclose(f);
	/* 0.3 s CPU / 0.5 s = 0.6 CPUs; 1234567 / 0.3 s = 4.115 M/sec */
	assert_string_equal(out,
		"\n Performance counter stats for 'prog <a>':\n\n"
		"            300.00 msec task-clock             #    0.600 CPUs utilized\n"
		"         1,234,567      context-switches       #     4.115 M/sec\n"
		"   <not supported>      cycles\n"
		"\n       0.500000000 seconds time elapsed\n"
		"       0.250000000 seconds user\n"
		"       0.050000000 seconds sys\n\n"
		" IPC unknown: hardware counters are not supported here (1 events; a virtual\n"
		" machine without a virtual PMU?). 0.60 CPUs utilized; see where the time goes\n"
		" with `triage profile`.\n");
	f = fmemopen(out, sizeof(out), "w");
	perf_stat_print_json(f, &rep);
	fclose(f);
	assert_non_null(strstr(out, "\"name\": \"cycles\",\n      \"state\": \"not supported\",\n      \"value\": null"));
	assert_non_null(strstr(out, "\"cpus_utilized\": 0.600"));
	assert_non_null(strstr(out, "\"verdict\": \"no hardware counters\""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scaling_and_ratios),
		cmocka_unit_test(test_not_supported),
		cmocka_unit_test(test_view),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
