/* sources/psi and model/psi: parser on literals, reader on fixtures, model
 * with hand-computed values. */
#include "test.h"

#include "model/psi.h"
#include "sources/psi.h"

static void test_parse(void **state)
{
	const char *s = "some avg10=7.74 avg60=1.88 avg300=0.56 total=4648980\n"
			"full avg10=0.00 avg60=0.10 avg300=0.16 total=2966819\n";
	struct psi p;
	(void)state;
	assert_int_equal(psi_parse(s, strlen(s), &p), 0);
	assert_true(p.some.present);
	assert_float_equal(p.some.avg10, 7.74, 1e-9);
	assert_float_equal(p.some.avg60, 1.88, 1e-9);
	assert_float_equal(p.some.avg300, 0.56, 1e-9);
	assert_int_equal(p.some.total_us, 4648980);
	assert_true(p.full.present);
	assert_float_equal(p.full.avg60, 0.10, 1e-9);
	assert_int_equal(p.full.total_us, 2966819);
}

static void test_parse_partial(void **state)
{
	struct psi p;
	const char *cpu_old = "some avg10=1.00 avg60=2.00 avg300=3.00 total=18446744073709551615\n";
	const char *irq = "full avg10=0.12 avg60=0.05 avg300=0.01 total=777000";	/* no newline */
	(void)state;
	/* cpu before 5.13: no full line */
	assert_int_equal(psi_parse(cpu_old, strlen(cpu_old), &p), 0);
	assert_true(p.some.present);
	assert_false(p.full.present);
	assert_true(p.some.total_us == UINT64_MAX);
	/* irq: only full */
	assert_int_equal(psi_parse(irq, strlen(irq), &p), 0);
	assert_false(p.some.present);
	assert_int_equal(p.full.total_us, 777000);
}

static void test_parse_bad(void **state)
{
	struct psi p;
	const char *bad[] = {
		"",
		"hello\n",
		"some avg10=1.00 avg60=2.00 total=5\n",			/* avg300 missing */
		"some avg10=x avg60=2.00 avg300=3.00 total=5\n",
		"some avg10=1.00 avg60=2.00 avg300=3.00 total=\n",
		"some avg10=-1.00 avg60=2.00 avg300=3.00 total=5\n",
		"some avg10=1.00 avg60=2.00 avg300=3.00 total=5x\n",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(psi_parse(bad[i], strlen(bad[i]), &p), -EINVAL);
}

static void test_read_host(void **state)
{
	struct root r;
	struct psi_host h;
	(void)state;
	assert_int_equal(root_open(&r, FIXTURES "psi/t1"), 0);
	assert_int_equal(psi_read_host(&r, &h), 0);
	for (int i = 0; i < PSI__COUNT; i++)
		assert_int_equal(h.err[i], 0);
	assert_int_equal(h.res[PSI_IO].some.total_us, 6000400);
	assert_int_equal(h.res[PSI_IRQ].full.total_us, 787000);
	root_close(&r);

	assert_int_equal(root_open(&r, FIXTURES "psi_noirq/t0"), 0);
	assert_int_equal(psi_read_host(&r, &h), 0);
	assert_int_equal(h.err[PSI_IRQ], -ENOENT);
	assert_int_equal(h.err[PSI_CPU], 0);
	assert_false(h.res[PSI_CPU].full.present);
	root_close(&r);

	assert_int_equal(root_open(&r, FIXTURES "psi_none/t0"), 0);
	assert_int_equal(psi_read_host(&r, &h), -ENOENT);
	assert_non_null(strstr(psi_strerror(PSI_CPU, -ENOENT), "not available"));
	assert_non_null(strstr(psi_strerror(PSI_CPU, -EOPNOTSUPP), "psi=0"));
	root_close(&r);
}

static void test_model(void **state)
{
	struct psi a = { .some = { .present = true, .total_us = 4648980 },
			 .full = { .present = true, .total_us = 1000 } };
	struct psi b = { .some = { .present = true, .total_us = 4898980 },
			 .full = { .present = true, .total_us = 1000 } };
	struct psi_rate r;
	(void)state;
	/* (4898980 - 4648980) us = 250000 us over 2.0 s = 2e6 us -> 12.5 % */
	psi_model(&a, &b, 2.0, &r);
	assert_float_equal(r.some_pct, 12.5, 1e-9);
	assert_float_equal(r.full_pct, 0.0, 1e-9);
	/* 250000 us over 0.2 s = 200000 us -> 125 %: capped at 100 */
	psi_model(&a, &b, 0.2, &r);
	assert_float_equal(r.some_pct, 100.0, 1e-9);
	/* backwards, zero interval, missing line: unknown */
	psi_model(&b, &a, 2.0, &r);
	assert_true(isnan(r.some_pct));
	psi_model(&a, &b, 0.0, &r);
	assert_true(isnan(r.some_pct) && isnan(r.full_pct));
	b.full.present = false;
	psi_model(&a, &b, 1.0, &r);
	assert_true(isnan(r.full_pct));
	assert_float_equal(r.some_pct, 25.0, 1e-9);	/* 250000 / 1e6 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_partial),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_read_host),
		cmocka_unit_test(test_model),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
