/* sources/proc_vmstat: named fields and sar -B's prefix sums. */
#include "test.h"

#include "sources/proc_vmstat.h"

#define S(lit) lit, sizeof(lit) - 1

static void test_parse_modern(void **state)
{
	struct proc_vmstat vm;
	(void)state;
	assert_int_equal(proc_vmstat_parse(S(
		"nr_free_pages 6121418\n"
		"pgpgin 1444781\n"
		"pgpgout 260684\n"
		"pswpin 12\n"
		"pswpout 34\n"
		"pgalloc_dma 1\n"
		"pgalloc_normal 1647806\n"
		"allocstall_normal 3\n"
		"allocstall_movable 4\n"
		"pgfault 1756950\n"
		"pgmajfault 1043\n"
		"pgsteal_kswapd 100\n"
		"pgsteal_direct 20\n"
		"pgsteal_khugepaged 1\n"
		"pgscan_kswapd 300\n"
		"pgscan_direct 40\n"
		"pgscan_khugepaged 5\n"
		"pgscan_direct_throttle 2\n"
		"pgscan_anon 200\n"
		"pgsteal_anon 80\n"
		"pgsteal_file 41\n"
		"oom_kill 7\n"), &vm, NULL), 0);
	assert_int_equal(vm.v[VM_NR_FREE_PAGES], 6121418);
	assert_int_equal(vm.v[VM_PGPGIN], 1444781);
	assert_int_equal(vm.v[VM_PGPGOUT], 260684);
	assert_int_equal(vm.v[VM_PSWPIN], 12);
	assert_int_equal(vm.v[VM_PSWPOUT], 34);
	assert_int_equal(vm.v[VM_PGFAULT], 1756950);
	assert_int_equal(vm.v[VM_PGMAJFAULT], 1043);
	assert_int_equal(vm.v[VM_OOM_KILL], 7);
	assert_int_equal(vm.v[VM_PGSCAN_KSWAPD_EXACT], 300);
	assert_true(proc_vmstat_has(&vm, VM_OOM_KILL));
	assert_false(proc_vmstat_has(&vm, VM_NR_DIRTY));
	/* sar: every pgsteal_*: 100+20+1+80+41 = 242 */
	assert_int_equal(vm.pgsteal, 242);
	/* pgscan_kswapd* = 300; pgscan_direct* = 40 + 2 (throttle) = 42 */
	assert_int_equal(vm.pgscan_kswapd, 300);
	assert_int_equal(vm.pgscan_direct, 42);
	assert_int_equal(vm.allocstall, 7);	/* 3 + 4 */
	assert_int_equal(vm.pgalloc, 1647807);	/* 1 + 1647806 */
	assert_int_equal(vm.have_sums, PROC_VMSTAT_SUM_PGSTEAL | PROC_VMSTAT_SUM_PGSCAN_KSWAPD |
			 PROC_VMSTAT_SUM_PGSCAN_DIRECT | PROC_VMSTAT_SUM_ALLOCSTALL | PROC_VMSTAT_SUM_PGALLOC);
	assert_string_equal(proc_vmstat_name(VM_PSWPOUT), "pswpout");
}

static void test_parse_old_and_bad(void **state)
{
	struct proc_vmstat vm;
	int line = -1;
	(void)state;
	/* 2.6.x: per-zone scan lines, one allocstall */
	assert_int_equal(proc_vmstat_parse(S(
		"pgpgin 5\npgsteal_normal 10\npgsteal_dma 1\npgscan_kswapd_normal 20\n"
		"pgscan_kswapd_dma 2\npgscan_direct_normal 3\nallocstall 9\n"), &vm, NULL), 0);
	assert_int_equal(vm.pgsteal, 11);
	assert_int_equal(vm.pgscan_kswapd, 22);
	assert_int_equal(vm.pgscan_direct, 3);
	assert_int_equal(vm.allocstall, 9);
	assert_false(proc_vmstat_has(&vm, VM_PSWPIN));
	assert_false(vm.have_sums & PROC_VMSTAT_SUM_PGALLOC);
	assert_int_equal(proc_vmstat_parse(S("pgpgin 5\npgpgout\n"), &vm, &line), -EINVAL);
	assert_int_equal(line, 2);
	assert_int_equal(proc_vmstat_parse(S(""), &vm, &line), 0);
	assert_int_equal(vm.have, 0);
}

static void test_read_fixture(void **state)
{
	struct root r;
	struct proc_vmstat vm;
	(void)state;
	assert_int_equal(root_open(&r, FIXTURES "swap/t1"), 0);
	assert_int_equal(proc_vmstat_read(&r, &vm), 0);
	assert_int_equal(vm.v[VM_PSWPIN], 1256);
	assert_int_equal(vm.v[VM_PSWPOUT], 5512);
	/* 7900 + 100 + 0 + 6000 + 1000 */
	assert_int_equal(vm.pgsteal, 15000);
	root_close(&r);
	assert_int_equal(root_open(&r, FIXTURES "oldkernel/t0"), 0);
	assert_int_equal(proc_vmstat_read(&r, &vm), -ENOENT);	/* no proc/vmstat there */
	root_close(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_modern),
		cmocka_unit_test(test_parse_old_and_bad),
		cmocka_unit_test(test_read_fixture),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
