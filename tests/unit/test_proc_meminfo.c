/* sources/proc_meminfo: parser on literals (modern and old kernels), reader on fixtures. */
#include "test.h"

#include "sources/proc_meminfo.h"

#define S(lit) lit, sizeof(lit) - 1

static void test_parse_modern(void **state)
{
	struct proc_meminfo mi;
	(void)state;
	assert_int_equal(proc_meminfo_parse(S(
		"MemTotal:       24682416 kB\n"
		"MemFree:        24485672 kB\n"
		"MemAvailable:   24408432 kB\n"
		"Buffers:            1976 kB\n"
		"Cached:            46008 kB\n"
		"SwapCached:            0 kB\n"
		"Active:            21584 kB\n"
		"Inactive:          25228 kB\n"
		"Active(anon):       1568 kB\n"
		"Inactive(file):    15192 kB\n"
		"SwapTotal:       1048572 kB\n"
		"SwapFree:         948572 kB\n"
		"Shmem:             12776 kB\n"
		"KReclaimable:      54340 kB\n"
		"Slab:              76724 kB\n"
		"SReclaimable:      54340 kB\n"
		"SUnreclaim:        22384 kB\n"
		"SecPageTables:         0 kB\n"
		"CommitLimit:    12341208 kB\n"
		"Committed_AS:      75108 kB\n"
		"VmallocTotal:   34359738367 kB\n"
		"HugePages_Total:       4\n"
		"HugePages_Free:        3\n"
		"Hugepagesize:       2048 kB\n"), &mi, NULL), 0);
	assert_int_equal(mi.v[MI_MEM_TOTAL], 24682416);
	assert_int_equal(mi.v[MI_MEM_FREE], 24485672);
	assert_true(proc_meminfo_has(&mi, MI_MEM_AVAILABLE));
	assert_int_equal(mi.v[MI_MEM_AVAILABLE], 24408432);
	assert_int_equal(mi.v[MI_BUFFERS], 1976);
	assert_int_equal(mi.v[MI_CACHED], 46008);
	assert_int_equal(mi.v[MI_ACTIVE], 21584);	/* not confused with Active(anon) */
	assert_int_equal(mi.v[MI_ACTIVE_ANON], 1568);
	assert_int_equal(mi.v[MI_INACTIVE_FILE], 15192);
	assert_int_equal(mi.v[MI_SWAP_TOTAL], 1048572);
	assert_int_equal(mi.v[MI_SWAP_FREE], 948572);
	assert_int_equal(mi.v[MI_SHMEM], 12776);
	assert_int_equal(mi.v[MI_SRECLAIMABLE], 54340);
	assert_int_equal(mi.v[MI_SUNRECLAIM], 22384);
	assert_int_equal(mi.v[MI_COMMITTED_AS], 75108);
	assert_int_equal(mi.v[MI_VMALLOC_TOTAL], 34359738367ull);
	assert_int_equal(mi.v[MI_HUGEPAGES_TOTAL], 4);
	assert_int_equal(mi.v[MI_HUGEPAGES_FREE], 3);
	assert_int_equal(mi.v[MI_HUGEPAGESIZE], 2048);
	assert_false(proc_meminfo_has(&mi, MI_DIRTY));
	assert_int_equal(mi.v[MI_DIRTY], 0);
	assert_string_equal(proc_meminfo_name(MI_SRECLAIMABLE), "SReclaimable");
}

static void test_parse_old_and_bad(void **state)
{
	struct proc_meminfo mi;
	int line = -1;
	(void)state;
	/* 2.6.18: no MemAvailable, SReclaimable, Shmem */
	assert_int_equal(proc_meminfo_parse(S(
		"MemTotal:      4046844 kB\nMemFree:       1000000 kB\nBuffers:        200000 kB\n"
		"Cached:        1500000 kB\nSlab:           100000 kB\n"), &mi, NULL), 0);
	assert_false(proc_meminfo_has(&mi, MI_MEM_AVAILABLE));
	assert_false(proc_meminfo_has(&mi, MI_SRECLAIMABLE));
	assert_true(proc_meminfo_has(&mi, MI_SLAB));
	assert_int_equal(mi.v[MI_CACHED], 1500000);
	assert_int_equal(proc_meminfo_parse(S("MemFree: 5 kB\n"), &mi, &line), -EINVAL);
	assert_int_equal(line, 0);	/* no MemTotal */
	assert_int_equal(proc_meminfo_parse(S("MemTotal: 5 kB\nCached: lots\n"), &mi, &line), -EINVAL);
	assert_int_equal(line, 2);
	assert_int_equal(proc_meminfo_parse(S("MemTotal: 5 kB\nFuture(x): y\n"), &mi, &line), 0);
	assert_int_equal(proc_meminfo_parse(S(""), &mi, &line), -EINVAL);
}

static void test_read_fixtures(void **state)
{
	struct root r;
	struct proc_meminfo mi;
	(void)state;
	assert_int_equal(root_open(&r, FIXTURES "swap/t1"), 0);
	assert_int_equal(proc_meminfo_read(&r, &mi), 0);
	assert_int_equal(mi.v[MI_SWAP_FREE], 3143676);
	assert_int_equal(mi.v[MI_DIRTY], 2400);
	root_close(&r);
	assert_int_equal(root_open(&r, FIXTURES "oldkernel/t0"), 0);
	assert_int_equal(proc_meminfo_read(&r, &mi), 0);
	assert_false(proc_meminfo_has(&mi, MI_MEM_AVAILABLE));
	assert_int_equal(mi.v[MI_LOW_TOTAL], 4046844);
	root_close(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_modern),
		cmocka_unit_test(test_parse_old_and_bad),
		cmocka_unit_test(test_read_fixtures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
