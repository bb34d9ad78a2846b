/* analysis/deep: the plan follows the findings; results become evidence
 * lines without any I/O (the probes run in cmd/triage_deep.c). */
#include "test.h"

#include "analysis/deep.h"

static void test_plan_apply(void **state)
{
	struct findings fs = { 0 };
	struct obs *o = obs_new();
	struct deep_plan p;
	struct deep_results r = { 0 };
	struct log2_hists bio = { 0 };
	struct log2_hist *h;

	(void)state;
	assert_non_null(o);
	findings_add(&fs, RULE_CPU_SATURATED, SEV_WARNING, 2, "cpu");
	findings_add(&fs, RULE_DISK_SLOW, SEV_WARNING, 2, "disk:vda");
	findings_add(&fs, RULE_DISK_SATURATED, SEV_WARNING, 2, "disk:vdb");
	for (int i = 0; i < 3; i++)
		series_push(&o->host.cpu_idle, 90);	/* idle CPUs: off-CPU stacks too */
	deep_plan(&fs, o, 10, &p);
	assert_true(p.runqlat && p.biolatency);
	assert_true(p.secs == DEEP_MAX_S);
	assert_int_equal(p.offcpu, 1);	/* disk.slow with idle CPUs */
	/* runqlat: 4 waits of 2-3 us (slot 1) */
	r.runq.slots[1] = 4, r.runq.count = 4, r.runq.sum = 10;
	h = log2_hists_get(&bio, 7);
	assert_non_null(h);
	snprintf(h->name, sizeof(h->name), "vda");
	h->slots[10] = 2, h->count = 2, h->sum = 3000;
	r.bio = &bio;
	snprintf(r.stacks[0], sizeof(r.stacks[0]), "1.90 s blocked, db[812]: io_schedule");
	r.nstacks = 1;
	assert_int_equal(deep_apply(&fs, &p, &r), 0);
	assert_int_equal(fs.v[0].nevidence, 1);
	assert_string_equal(fs.v[0].evidence[0],
			    "runqlat (BPF, 3 s) run-queue latency: 4 waits, mean 2 us, p50 <= 3 us, p99 <= 3 us");
	assert_int_equal(fs.v[1].nevidence, 2);
	assert_non_null(strstr(fs.v[1].evidence[0], "biolatency (BPF, 3 s) vda: 2 I/Os, mean 1500 us"));
	assert_string_equal(fs.v[1].evidence[1], "offcputime (BPF, 3 s): 1.90 s blocked, db[812]: io_schedule");
	assert_string_equal(fs.v[2].evidence[0], "biolatency (BPF, 3 s): no I/O completed on vdb");
	/* every probe failed: the first error */
	memset(&r, 0, sizeof(r));
	r.runqlat_err = r.biolatency_err = r.offcpu_err = -ENOSYS;
	assert_int_equal(deep_apply(&fs, &p, &r), -ENOSYS);
	log2_hists_free(&bio);
	findings_free(&fs);
	obs_free(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_apply),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
