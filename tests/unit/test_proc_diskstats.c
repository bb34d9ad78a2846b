/* sources/proc_diskstats and sys_block: parsers on literals, sys/block on a fixture. */
#include "test.h"

#include "sources/proc_diskstats.h"
#include "sources/sys_block.h"

/* 17-field line (5.5+), 15-field (4.18+), 11-field and a 4-field partition. */
static const char DS[] =
	" 259       0 nvme0n1 1000 10 80000 500 2000 20 160000 900 3 1200 1500 40 1 8000 30 60 90\n"
	"   8       0 sda 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25\n"
	"   8       1 sda1 1 2 3 4 5 6 7 8 9 10 11\n"
	"   3       1 hda1 100 800 50 400\n"
	"\n"
	" 104       0 cciss/c0d0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

static void test_parse_variants(void **state)
{
	struct proc_diskstats ds = { 0 };
	const struct diskstats_dev *d;
	(void)state;

	assert_int_equal(proc_diskstats_parse(DS, sizeof(DS) - 1, &ds), 0);
	assert_int_equal(ds.n, 5);
	d = &ds.dev[0];
	assert_int_equal(d->major, 259);
	assert_string_equal(d->name, "nvme0n1");
	assert_int_equal(d->nfields, 17);
	assert_int_equal(d->rd_ios, 1000);
	assert_int_equal(d->rd_merges, 10);
	assert_int_equal(d->rd_sectors, 80000);
	assert_int_equal(d->rd_ticks, 500);
	assert_int_equal(d->wr_ios, 2000);
	assert_int_equal(d->wr_sectors, 160000);
	assert_int_equal(d->in_flight, 3);
	assert_int_equal(d->io_ticks, 1200);
	assert_int_equal(d->rq_ticks, 1500);
	assert_int_equal(d->dc_ios, 40);
	assert_int_equal(d->dc_merges, 1);
	assert_int_equal(d->dc_sectors, 8000);
	assert_int_equal(d->dc_ticks, 30);
	assert_int_equal(d->fl_ios, 60);
	assert_int_equal(d->fl_ticks, 90);

	d = proc_diskstats_find(&ds, "sda");
	assert_non_null(d);
	assert_int_equal(d->nfields, 15);
	assert_int_equal(d->dc_ticks, 25);
	assert_int_equal(d->fl_ios, 0);	/* no flush fields before 5.5 */

	d = proc_diskstats_find(&ds, "sda1");
	assert_int_equal(d->nfields, 11);
	assert_int_equal(d->rq_ticks, 11);
	assert_int_equal(d->dc_ios, 0);

	/* 2.6 partition: reads, sectors read, writes, sectors written */
	d = proc_diskstats_find(&ds, "hda1");
	assert_int_equal(d->nfields, 4);
	assert_int_equal(d->rd_ios, 100);
	assert_int_equal(d->rd_sectors, 800);
	assert_int_equal(d->wr_ios, 50);
	assert_int_equal(d->wr_sectors, 400);
	assert_int_equal(d->rd_merges, 0);

	/* more than 17 fields (a future kernel): the known ones are kept */
	d = proc_diskstats_find(&ds, "cciss/c0d0");
	assert_non_null(d);
	assert_int_equal(d->nfields, 21);
	assert_null(proc_diskstats_find(&ds, "sdb"));
	proc_diskstats_free(&ds);
}

static void test_parse_errors(void **state)
{
	struct proc_diskstats ds = { 0 };
	(void)state;

	/* 7 stat fields: neither the old 4 nor the 11+ */
	assert_int_equal(proc_diskstats_parse("8 0 sda 1 2 3\n8 0 sdb 1 2 3 4 5 6 7\n", 37, &ds), -EINVAL);
	assert_int_equal(ds.bad_line, 1);
	const char *junk = "8 0 sda 1 2 3 4 5 6 7 8 9 10 11\n8 16 sdb 1 2 x 4 5 6 7 8 9 10 11\n";
	assert_int_equal(proc_diskstats_parse(junk, strlen(junk), &ds), -EINVAL);
	assert_int_equal(ds.bad_line, 2);
	const char *big = "8 0 sda 99999999999999999999 2 3 4 5 6 7 8 9 10 11\n";
	assert_int_equal(proc_diskstats_parse(big, strlen(big), &ds), -EINVAL);
	assert_int_equal(proc_diskstats_parse("", 0, &ds), 0);
	assert_int_equal(ds.n, 0);
	/* a name longer than any kernel name */
	char line[200];
	snprintf(line, sizeof(line), "8 0 %0100d 1 2 3 4 5 6 7 8 9 10 11\n", 0);
	assert_int_equal(proc_diskstats_parse(line, strlen(line), &ds), -EINVAL);
	/* u64 max is fine */
	const char *max = "8 0 sda 18446744073709551615 0 0 4294967295 0 0 0 0 0 0 0\n";
	assert_int_equal(proc_diskstats_parse(max, strlen(max), &ds), 0);
	assert_true(ds.dev[0].rd_ios == UINT64_MAX);
	proc_diskstats_free(&ds);
}

static void test_sys_block_helpers(void **state)
{
	char name[16];
	(void)state;

	assert_int_equal(sys_block_name_from_sysfs(name, sizeof(name), "cciss!c0d0"), 0);
	assert_string_equal(name, "cciss/c0d0");
	assert_int_equal(sys_block_name_from_sysfs(name, 4, "nvme0n1"), -ENAMETOOLONG);
	assert_int_equal(sys_block_parse_flag("1\n"), 1);
	assert_int_equal(sys_block_parse_flag("0\n"), 0);
	assert_int_equal(sys_block_parse_flag("2\n"), -1);
	assert_int_equal(sys_block_parse_flag("yes"), -1);
	assert_int_equal(sys_block_parse_flag(""), -1);
}

/* tests/fixtures/disks: nvme0n1 (p1, p2), sda (rotational, sda1), loop0, dm-0. */
static void test_sys_block_fixture(void **state)
{
	struct root r;
	struct sys_block sb;
	const struct sys_block_disk *d;
	const struct sys_block_part *p;
	(void)state;

	assert_int_equal(root_open(&r, FIXTURES "disks/t0"), 0);
	assert_int_equal(sys_block_read(&r, &sb), 0);
	assert_int_equal(sb.ndisks, 4);
	/* sorted by name */
	assert_string_equal(sb.disk[0].name, "dm-0");
	assert_string_equal(sb.disk[1].name, "loop0");
	assert_string_equal(sb.disk[2].name, "nvme0n1");
	assert_string_equal(sb.disk[3].name, "sda");
	d = sys_block_find_disk(&sb, "nvme0n1");
	assert_non_null(d);
	assert_false(d->is_virtual);
	assert_int_equal(d->rotational, 0);
	assert_int_equal(d->size, 1000215216);
	assert_int_equal(d->nparts, 2);
	assert_string_equal(sb.part[d->first_part].name, "nvme0n1p1");
	assert_string_equal(sb.part[d->first_part + 1].name, "nvme0n1p2");
	d = sys_block_find_disk(&sb, "sda");
	assert_int_equal(d->rotational, 1);
	assert_int_equal(d->nparts, 1);
	d = sys_block_find_disk(&sb, "loop0");
	assert_true(d->is_virtual);
	assert_int_equal(d->nparts, 0);
	d = sys_block_find_disk(&sb, "dm-0");
	assert_true(d->is_virtual);
	assert_string_equal(d->dm_name, "vg0-root");
	p = sys_block_find_part(&sb, "nvme0n1p2");
	assert_non_null(p);
	assert_int_equal(p->partno, 2);
	assert_int_equal(p->size, 998115328);
	assert_string_equal(sb.disk[p->disk].name, "nvme0n1");
	assert_null(sys_block_find_part(&sb, "nvme0n1"));
	assert_null(sys_block_find_disk(&sb, "nvme0n1p1"));
	sys_block_free(&sb);
	root_close(&r);

	/* no sys/ at all */
	assert_int_equal(root_open(&r, FIXTURES "basic2cpu/t0"), 0);
	assert_int_equal(sys_block_read(&r, &sb), -ENOENT);
	root_close(&r);
}

/* A real /proc/diskstats of a 6.18 kernel (tests/fixtures/vm/t0): 17 fields. */
static void test_real_file(void **state)
{
	struct root r;
	struct proc_diskstats ds = { 0 };
	struct sys_block sb;
	const struct diskstats_dev *d;
	(void)state;

	assert_int_equal(root_open(&r, FIXTURES "vm/t0"), 0);
	assert_int_equal(proc_diskstats_read(&r, &ds), 0);
	assert_int_equal(ds.n, 10);
	d = proc_diskstats_find(&ds, "vda");
	assert_non_null(d);
	assert_int_equal(d->major, 254);
	assert_int_equal(d->nfields, 17);
	assert_int_equal(d->rd_ios, 76164);
	assert_int_equal(d->wr_sectors, 2216160);
	assert_int_equal(d->rq_ticks, 47249);
	assert_int_equal(d->dc_sectors, 546112);
	assert_int_equal(d->fl_ticks, 103);
	assert_int_equal(sys_block_read(&r, &sb), 0);
	assert_int_equal(sb.ndisks, 10);
	assert_false(sys_block_find_disk(&sb, "vda")->is_virtual);
	assert_true(sys_block_find_disk(&sb, "loop3")->is_virtual);
	sys_block_free(&sb);
	proc_diskstats_free(&ds);
	root_close(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_variants),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_sys_block_helpers),
		cmocka_unit_test(test_sys_block_fixture),
		cmocka_unit_test(test_real_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
