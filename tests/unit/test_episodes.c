/* analysis/episodes: consecutive slices merge into one episode with the
 * worst slice's evidence; a gap makes two; resources and rules stay apart. */
#include "test.h"

#include "analysis/episodes.h"

static void add(struct findings *fs, enum rule_id r, enum severity sev, double impact, const char *res)
{
	struct finding *f = findings_add(fs, r, sev, impact, "%s", res);

	assert_non_null(f);
	finding_summary(f, "impact %.1f", impact);
}

static void test_merge(void **state)
{
	struct findings all = { 0 }, s[4] = { { 0 } };

	(void)state;
	add(&s[0], RULE_CPU_SATURATED, SEV_WARNING, 1.2, "cpu");
	add(&s[1], RULE_CPU_SATURATED, SEV_CRITICAL, 3.0, "cpu");
	add(&s[1], RULE_DISK_SLOW, SEV_WARNING, 1.5, "disk:vda");
	add(&s[2], RULE_DISK_SLOW, SEV_WARNING, 1.1, "disk:vdb");
	add(&s[3], RULE_CPU_SATURATED, SEV_WARNING, 1.3, "cpu");
	for (int k = 0; k < 4; k++)
		assert_int_equal(episodes_merge(&all, &s[k], k, 1000 + 60 * k, 1060 + 60 * k), 0);
	assert_int_equal(all.n, 4);
	/* cpu in slices 0-1: one episode, the critical slice's evidence */
	assert_int_equal(all.v[0].rule, RULE_CPU_SATURATED);
	assert_int_equal(all.v[0].sev, SEV_CRITICAL);
	assert_string_equal(all.v[0].summary, "impact 3.0");
	assert_int_equal(all.v[0].when_from, 1000);
	assert_int_equal(all.v[0].when_to, 1120);
	assert_int_equal(all.v[0].nslices, 2);
	/* vda slice 1 only, vdb slice 2 only: two episodes */
	assert_string_equal(all.v[1].resource, "disk:vda");
	assert_int_equal(all.v[1].when_from, 1060);
	assert_int_equal(all.v[1].when_to, 1120);
	assert_string_equal(all.v[2].resource, "disk:vdb");
	/* cpu again in slice 3 after a gap: a second episode */
	assert_int_equal(all.v[3].rule, RULE_CPU_SATURATED);
	assert_int_equal(all.v[3].when_from, 1180);
	assert_int_equal(all.v[3].nslices, 1);
	for (int k = 0; k < 4; k++)
		findings_free(&s[k]);
	findings_free(&all);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_merge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
