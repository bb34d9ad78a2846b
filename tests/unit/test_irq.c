/* sources/irq_table (through proc_interrupts and proc_softirqs) on literals,
 * and model/irq on literal tables (hand-computed). */
#include "test.h"

#include <math.h>

#include "model/irq.h"
#include "sources/proc_interrupts.h"
#include "sources/proc_softirqs.h"

/* x86 6.18 with CPU 1 offline: the columns are CPUs 0 and 2 */
static const char INTR[] =
	"           CPU0       CPU2       \n"
	"  0:         44          0   IO-APIC   2-edge      timer\n"
	" 26:          0         15   IO-APIC   4-edge      ttyS0\n"
	" 36:          7     410055 PCI-MSIX-0000:00:02.0   1-edge      virtio1-req.0\n"
	"NMI:          0          0   Non-maskable interrupts\n"
	"LOC:    2529513    2679471   Local timer interrupts\n"
	"ERR:          9\n"
	"MIS:          0\n";
static const char SOFT[] =
	"                    CPU0       CPU1       \n"
	"          HI:          0          1\n"
	"       TIMER:     522475     608556\n"
	"    IRQ_POLL:          0          0\n";

static void test_parse(void **state)
{
	struct irq_table t = { 0 };
	long r;
	(void)state;

	assert_int_equal(proc_interrupts_parse(INTR, sizeof(INTR) - 1, &t), 0);
	assert_int_equal(t.ncpu, 2);
	assert_int_equal(t.cpus[0], 0);
	assert_int_equal(t.cpus[1], 2);
	assert_int_equal(irq_table_col(&t, 2), 1);
	assert_int_equal(irq_table_col(&t, 1), -1);
	assert_int_equal(t.n, 7);
	assert_string_equal(t.rows[0].name, "0");
	r = irq_table_find(&t, "36");
	assert_int_equal(r, 2);
	assert_int_equal(t.rows[r].nvals, 2);
	/* the description's "1-edge" is not a third number */
	assert_int_equal(t.v[r * 2 + 0], 7);
	assert_int_equal(t.v[r * 2 + 1], 410055);
	r = irq_table_find(&t, "LOC");
	assert_int_equal(t.v[r * 2 + 1], 2679471);
	/* ERR: one global number */
	r = irq_table_find(&t, "ERR");
	assert_int_equal(t.rows[r].nvals, 1);
	assert_int_equal(t.v[r * 2], 9);
	assert_int_equal(irq_table_find(&t, "RES"), -1);

	assert_int_equal(proc_softirqs_parse(SOFT, sizeof(SOFT) - 1, &t), 0);
	assert_int_equal(t.ncpu, 2);
	assert_int_equal(t.n, 3);
	assert_string_equal(t.rows[2].name, "IRQ_POLL");
	assert_int_equal(t.v[1 * 2 + 1], 608556);
	irq_table_free(&t);
}

static void test_parse_bad(void **state)
{
	struct irq_table t = { 0 };
	static const char *bad[] = {
		"",					/* no header */
		"  24: 1 2\n",				/* no header: "24:" is not CPUn */
		"  CPU0 CPUx\n",			/* bad CPU name */
		"  CPU0 CPU9999999\n",			/* beyond SYS_CPU_MAX */
		"  CPU0\n  24 1\n",			/* no ':' */
		"  CPU0\n  : 1\n",			/* empty name */
		"  CPU0\n  aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: 1\n",	/* name too long */
	};
	static const int line[] = { 1, 1, 1, 1, 2, 2, 2 };
	(void)state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(irq_table_parse(bad[i], strlen(bad[i]), &t), -EINVAL);
		assert_int_equal(t.bad_line, line[i]);
	}
	irq_table_free(&t);
}

static void test_copy(void **state)
{
	struct irq_table a = { 0 }, b = { 0 };
	(void)state;

	assert_int_equal(irq_table_parse(INTR, sizeof(INTR) - 1, &a), 0);
	assert_int_equal(irq_table_copy(&b, &a), 0);
	irq_table_free(&a);
	assert_int_equal(b.n, 7);
	assert_int_equal(b.cpus[1], 2);
	assert_int_equal(b.v[irq_table_find(&b, "LOC") * 2], 2529513);
	irq_table_free(&b);
}

static void test_model(void **state)
{
	static const char T0[] = "  CPU0 CPU1\n"
				 " 24: 100 200 x\n"
				 "LOC: 10000 20000 y\n"
				 "ERR: 3\n";
	/* 2 s later: 24 went back on CPU 1, 25 is new, CPU 1 still there */
	static const char T1[] = "  CPU0 CPU1\n"
				 " 24: 300 100 x\n"
				 " 25: 40 0 z\n"
				 "LOC: 12000 21000 y\n"
				 "ERR: 5\n";
	/* CPU 2 came online */
	static const char T2[] = "  CPU0 CPU1 CPU2\n"
				 " 24: 300 100 7\n";
	struct irq_table a = { 0 }, b = { 0 }, c = { 0 };
	struct irq_rates r = { 0 };
	(void)state;

	assert_int_equal(irq_table_parse(T0, sizeof(T0) - 1, &a), 0);
	assert_int_equal(irq_table_parse(T1, sizeof(T1) - 1, &b), 0);
	assert_int_equal(irq_model(&a, &b, 2.0, &r), 0);
	/* rows of b: 24, 25, LOC, ERR; columns CPU0, CPU1 */
	assert_float_equal(r.v[0 * 2 + 0], 100.0, 1e-9);	/* (300-100)/2 */
	assert_true(isnan(r.v[0 * 2 + 1]));			/* 200 -> 100 */
	assert_float_equal(r.v[1 * 2 + 0], 20.0, 1e-9);		/* new: 40/2 */
	assert_float_equal(r.v[2 * 2 + 1], 500.0, 1e-9);	/* (21000-20000)/2 */
	assert_float_equal(r.v[3 * 2 + 0], 1.0, 1e-9);		/* ERR (5-3)/2 */
	assert_true(isnan(r.v[3 * 2 + 1]));			/* ERR: no CPU 1 value */
	/* CPU 0's sum: 100 + 20 + 1000 + 1 = 1121; CPU 1's: unknown (24 went back) */
	assert_float_equal(r.sum[0], 1121.0, 1e-9);
	assert_true(isnan(r.sum[1]));
	/* since boot, 1000 s: CPU 1 = (100 + 0 + 21000) / 1000 = 21.10 (ERR left out) */
	assert_int_equal(irq_model(NULL, &b, 1000.0, &r), 0);
	assert_float_equal(r.sum[1], 21.1, 1e-9);
	/* CPU 2 came online: unknown; CPU 0 still (300-300)/1 = 0 */
	assert_int_equal(irq_table_parse(T2, sizeof(T2) - 1, &c), 0);
	assert_int_equal(irq_model(&b, &c, 1.0, &r), 0);
	assert_float_equal(r.v[0], 0.0, 1e-9);
	assert_true(isnan(r.v[2]) && isnan(r.sum[2]));
	/* a zero interval: unknown */
	assert_int_equal(irq_model(&a, &b, 0.0, &r), 0);
	assert_true(isnan(r.v[0]) && isnan(r.sum[0]));
	irq_rates_free(&r);
	irq_table_free(&a);
	irq_table_free(&b);
	irq_table_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_copy),
		cmocka_unit_test(test_model),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
