/* views/cachestat_sys: the columns made of the tracepoint counters (bcc's
 * clamps), the text row and the JSON line; sources/proc_vmstat's nr_dirtied
 * and workingset_refault_file. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "sources/proc_vmstat.h"
#include "views/cachestat_sys.h"

static void row(struct cachestat_sys_row *r, uint64_t rd, uint64_t fault, uint64_t map,
		uint64_t add, uint64_t wadd, uint64_t dirty)
{
	memset(r, 0, sizeof(*r));
	r->ctr[CS_READ] = rd;
	r->ctr[CS_FAULT] = fault;
	r->ctr[CS_MAP] = map;
	r->ctr[CS_ADD] = add;
	r->ctr[CS_WRITE_ADD] = wadd;
	r->ctr[CS_DIRTY] = dirty;
	r->buffers_kb = r->cached_kb = r->pgpgin_kb = r->nr_dirtied = r->refault_file = -1;
	cachestat_sys_compute(r);
}

static void test_compute(void **state)
{
	struct cachestat_sys_row r;
	(void)state;
	/* a warm read: every access a hit */
	row(&r, 2048, 0, 0, 0, 0, 0);
	assert_int_equal(r.hits, 2048);
	assert_int_equal(r.misses, 0);
	assert_true(r.ratio == 1.0);
	/* a cold read: accesses and additions; faults and fault-around count */
	row(&r, 1900, 100, 48, 2048, 0, 0);
	assert_int_equal(r.accesses, 2048);
	assert_int_equal(r.hits, 0);
	assert_int_equal(r.misses, 2048);
	/* more misses than accesses (readahead ahead of the reads): hits 0 */
	row(&r, 10, 0, 0, 64, 0, 0);
	assert_int_equal(r.hits, 0);
	assert_true(r.ratio == 0.0);
	/* a write's new pages are not misses */
	row(&r, 0, 0, 0, 1024, 1024, 1024);
	assert_int_equal(r.misses, 0);
	assert_true(r.ratio < 0);	/* nothing to divide: unknown */
	row(&r, 300, 0, 0, 100, 200, 0);	/* never below 0 */
	assert_int_equal(r.misses, 0);
	assert_int_equal(r.hits, 300);
	row(&r, 75, 0, 0, 25, 0, 0);
	assert_true(r.ratio > 0.66 && r.ratio < 0.67);
}

static void test_print(void **state)
{
	struct cachestat_sys_row r;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	(void)state;
	row(&r, 75, 0, 0, 25, 0, 3);
	r.buffers_kb = 10 * 1024 + 5;
	r.cached_kb = 2048 * 1024;
	f = open_memstream(&buf, &len);
	cachestat_sys_header(f, false);
	cachestat_sys_print(f, &r, false);
	row(&r, 0, 0, 0, 0, 0, 0);
	cachestat_sys_print(f, &r, false);
	fclose(f);
	assert_string_equal(buf,
		"    HITS   MISSES  DIRTIES HITRATIO   BUFFERS_MB  CACHED_MB\n"
		"      50       25        3   66.67%           10       2048\n"
		"       0        0        0        -            -          -\n");
	free(buf);
}

static void test_json(void **state)
{
	struct cachestat_sys_row r;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	(void)state;
	row(&r, 0, 0, 0, 0, 0, 0);
	r.secs = 1;
	r.nr_dirtied = 7;
	f = open_memstream(&buf, &len);
	cachestat_sys_json(f, &r, 42);
	fclose(f);
	assert_non_null(strstr(buf, "\"pid\":42,"));
	assert_non_null(strstr(buf, "\"hit_ratio\":null,"));
	assert_non_null(strstr(buf, "\"buffers_mb\":null,"));
	assert_non_null(strstr(buf, "\"pages\":{\"read\":0,\"fault\":0,\"map\":0,\"added\":0,"
				    "\"write_added\":0,\"dirtied\":0}"));
	assert_non_null(strstr(buf, "\"nr_dirtied\":7,\"workingset_refault_file\":null}}\n"));
	assert_int_equal(strchr(buf, '\n') - buf, (long)len - 1);	/* one line */
	free(buf);
}

static void test_vmstat_fields(void **state)
{
	static const char text[] = "nr_dirtied 123\nworkingset_refault_file 45\nworkingset_refault_anon 6\n";
	struct proc_vmstat vm;
	(void)state;
	assert_int_equal(proc_vmstat_parse(text, sizeof(text) - 1, &vm, NULL), 0);
	assert_true(proc_vmstat_has(&vm, VM_NR_DIRTIED));
	assert_int_equal(vm.v[VM_NR_DIRTIED], 123);
	assert_int_equal(vm.v[VM_WORKINGSET_REFAULT_FILE], 45);
	assert_false(proc_vmstat_has(&vm, VM_WORKINGSET_REFAULT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compute),
		cmocka_unit_test(test_print),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_vmstat_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
