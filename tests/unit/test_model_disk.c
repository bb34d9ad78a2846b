/* model/disk: sysstat 12.6 iostat formulas on literal samples, with the
 * arithmetic written out; device selection on the disks fixture. */
#include "test.h"

#include "model/disk.h"
#include "model/interval.h"

/* nvme0n1 of tests/fixtures/disks t0 -> t1, 2.00 s apart. */
static const struct diskstats_dev NV0 = {
	.name = "nvme0n1", .nfields = 17,
	.rd_ios = 10000, .rd_merges = 500, .rd_sectors = 800000, .rd_ticks = 5000,
	.wr_ios = 20000, .wr_merges = 1000, .wr_sectors = 1600000, .wr_ticks = 30000,
	.io_ticks = 40000, .rq_ticks = 35000,
	.dc_ios = 100, .dc_sectors = 204800, .dc_ticks = 100, .fl_ios = 300, .fl_ticks = 600,
};
static const struct diskstats_dev NV1 = {
	.name = "nvme0n1", .nfields = 17,
	.rd_ios = 10200, .rd_merges = 550, .rd_sectors = 816000, .rd_ticks = 5100,
	.wr_ios = 20400, .wr_merges = 1100, .wr_sectors = 1665536, .wr_ticks = 31200,
	.io_ticks = 41000, .rq_ticks = 36800,
	.dc_ios = 110, .dc_sectors = 206848, .dc_ticks = 105, .fl_ios = 320, .fl_ticks = 610,
};

static void test_ext(void **state)
{
	struct disk_rates r;
	(void)state;

	disk_model_rates(&NV0, &NV1, 2.0, DISK_UNIT_KB, &r);
	assert_float_equal(r.r_s, 100.0, 1e-9);		/* 200 reads / 2 s */
	assert_float_equal(r.rkb_s, 4000.0, 1e-9);	/* 16000 sectors / 2 s / 2 */
	assert_float_equal(r.rrqm_s, 25.0, 1e-9);	/* 50 merges / 2 s */
	assert_float_equal(r.rrqm_pct, 20.0, 1e-9);	/* 50 / (50 + 200) x 100 */
	assert_float_equal(r.r_await, 0.5, 1e-9);	/* 100 ms / 200 reads */
	assert_float_equal(r.rareq_sz, 40.0, 1e-9);	/* 16000 / 200 / 2 kB */
	assert_float_equal(r.w_s, 200.0, 1e-9);		/* 400 / 2 */
	assert_float_equal(r.wkb_s, 16384.0, 1e-9);	/* 65536 / 2 / 2 */
	assert_float_equal(r.wrqm_s, 50.0, 1e-9);	/* 100 / 2 */
	assert_float_equal(r.wrqm_pct, 20.0, 1e-9);	/* 100 / 500 x 100 */
	assert_float_equal(r.w_await, 3.0, 1e-9);	/* 1200 / 400 */
	assert_float_equal(r.wareq_sz, 81.92, 1e-9);	/* 65536 / 400 / 2 */
	assert_float_equal(r.d_s, 5.0, 1e-9);		/* 10 / 2 */
	assert_float_equal(r.dkb_s, 512.0, 1e-9);	/* 2048 / 2 / 2 */
	assert_float_equal(r.drqm_s, 0.0, 1e-9);
	assert_float_equal(r.drqm_pct, 0.0, 1e-9);	/* 0 / (0 + 10) */
	assert_float_equal(r.d_await, 0.5, 1e-9);	/* 5 / 10 */
	assert_float_equal(r.dareq_sz, 102.4, 1e-9);	/* 2048 / 10 / 2 */
	assert_float_equal(r.f_s, 10.0, 1e-9);		/* 20 / 2 */
	assert_float_equal(r.f_await, 0.5, 1e-9);	/* 10 / 20 */
	assert_float_equal(r.aqu_sz, 0.9, 1e-9);	/* 1800 ms / 2 s / 1000 */
	assert_float_equal(r.util_pct, 50.0, 1e-9);	/* 1000 ms / 2000 ms x 100 */
	assert_float_equal(r.tps, 305.0, 1e-9);		/* (200 + 400 + 10) / 2, flushes not added */
	assert_float_equal(r.kb_read_s, 4000.0, 1e-9);
	assert_float_equal(r.kb_wrtn_s, 16384.0, 1e-9);
	assert_float_equal(r.kb_dscd_s, 512.0, 1e-9);
	assert_float_equal(r.kb_read, 8000.0, 1e-9);	/* 16000 / 2 */
	assert_float_equal(r.kb_wrtn, 32768.0, 1e-9);	/* 65536 / 2 */
	assert_float_equal(r.kb_dscd, 1024.0, 1e-9);	/* 2048 / 2 */

	/* -m: 16000 sectors / 2 s / 2048 = 3.90625 MB/s; request sizes stay kB */
	disk_model_rates(&NV0, &NV1, 2.0, DISK_UNIT_MB, &r);
	assert_float_equal(r.rkb_s, 3.90625, 1e-9);
	assert_float_equal(r.rareq_sz, 40.0, 1e-9);
	assert_float_equal(r.kb_wrtn, 32.0, 1e-9);	/* 65536 / 2048 */
	assert_float_equal(r.kb_read, 7.0, 1e-9);	/* 16000 / 2048 = 7.8, truncated */
}

static void test_since_boot_and_idle(void **state)
{
	struct disk_rates r;
	struct diskstats_dev z = { .name = "loop0", .nfields = 17 };
	(void)state;

	/* since boot: 10000 reads over 1000.00 s of uptime */
	disk_model_rates(NULL, &NV0, 1000.0, DISK_UNIT_KB, &r);
	assert_float_equal(r.r_s, 10.0, 1e-9);
	assert_float_equal(r.rkb_s, 400.0, 1e-9);	/* 800000 / 1000 / 2 */
	assert_float_equal(r.util_pct, 4.0, 1e-9);	/* 40000 ms / 1000000 ms x 100 */
	assert_float_equal(r.aqu_sz, 0.035, 1e-9);	/* 35000 / 1000 / 1000 */
	/* an idle device: 0, not unknown */
	disk_model_rates(&z, &z, 1.0, DISK_UNIT_KB, &r);
	assert_float_equal(r.r_await, 0.0, 1e-9);
	assert_float_equal(r.rrqm_pct, 0.0, 1e-9);
	assert_float_equal(r.util_pct, 0.0, 1e-9);
}

static void test_backwards_and_wrap(void **state)
{
	struct disk_rates r;
	struct diskstats_dev a = NV0, b = NV1;
	(void)state;

	/* reads alone went down: not a re-registration, the row is unknown */
	b.rd_ios = 5;
	disk_model_rates(&a, &b, 2.0, DISK_UNIT_KB, &r);
	assert_true(isnan(r.r_s));
	assert_true(isnan(r.w_s));
	assert_true(isnan(r.util_pct));
	assert_true(isnan(r.kb_wrtn));
	/* the ms counters are 32-bit: 4294967000 -> 200 is 496 ms */
	b = NV1;
	a.wr_ticks = 4294967000u;
	b.wr_ticks = 200;
	disk_model_rates(&a, &b, 2.0, DISK_UNIT_KB, &r);
	assert_float_equal(r.w_await, 1.24, 1e-9);	/* 496 / 400 */
	/* busy time a little ahead of the clock: capped at 100 */
	a = NV0;
	b = NV1;
	b.io_ticks = a.io_ticks + 2010;
	disk_model_rates(&a, &b, 2.0, DISK_UNIT_KB, &r);
	assert_float_equal(r.util_pct, 100.0, 1e-9);
	/* no interval */
	disk_model_rates(&a, &b, 0.0, DISK_UNIT_KB, &r);
	assert_true(isnan(r.r_s));
}

/* Unregistered and registered again: every counter began again at zero, so
 * (as sysstat) the interval counts from zero. */
static void test_reregistered(void **state)
{
	struct disk_rates r;
	struct diskstats_dev a = NV0, b = {
		.name = "nvme0n1", .nfields = 17,
		.rd_ios = 8, .rd_merges = 2, .rd_sectors = 64, .rd_ticks = 12,
		.wr_ios = 4, .wr_sectors = 32, .wr_ticks = 20,
		.io_ticks = 30, .rq_ticks = 40,
	};
	(void)state;

	disk_model_rates(&a, &b, 2.0, DISK_UNIT_KB, &r);
	assert_float_equal(r.r_s, 4.0, 1e-9);		/* 8 reads / 2 s */
	assert_float_equal(r.rkb_s, 16.0, 1e-9);	/* 64 sectors / 2 s / 2 */
	assert_float_equal(r.rrqm_pct, 20.0, 1e-9);	/* 2 / (2 + 8) x 100 */
	assert_float_equal(r.r_await, 1.5, 1e-9);	/* 12 ms / 8 */
	assert_float_equal(r.w_await, 5.0, 1e-9);	/* 20 ms / 4 */
	assert_float_equal(r.d_s, 0.0, 1e-9);		/* discards 0 -> 0, not 100 -> 0 */
	assert_float_equal(r.tps, 6.0, 1e-9);		/* 12 / 2 */
	assert_float_equal(r.aqu_sz, 0.02, 1e-9);	/* 40 ms / 2 s / 1000 */
	assert_float_equal(r.util_pct, 1.5, 1e-9);	/* 30 ms / 2000 ms x 100 */
	assert_float_equal(r.kb_read, 32.0, 1e-9);	/* 64 / 2 */
	/* one counter that was not zero kept growing: not a reset -> unknown */
	b.wr_merges = a.wr_merges + 1;
	disk_model_rates(&a, &b, 2.0, DISK_UNIT_KB, &r);
	assert_true(isnan(r.r_s));
	assert_true(isnan(r.tps));
}

static void test_interval(void **state)
{
	struct proc_uptime u0 = { 1000.00, 0 }, u1 = { 1002.00, 0 }, u2 = { 1001.995, 0 };
	(void)state;
	assert_float_equal(interval_dt(&u0, &u1), 2.0, 1e-12);
	assert_float_equal(interval_dt(NULL, &u1), 1002.0, 1e-12);
	assert_true(isnan(interval_dt(&u1, &u0)));
	assert_float_equal(interval_dt(&u0, &u2), 2.0, 1e-12);	/* whole centiseconds */
}

struct fx {
	struct root r0, r1;
	struct proc_diskstats d0, d1;
	struct sys_block sb;
};

static int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (!f || root_open(&f->r0, FIXTURES "disks/t0") || root_open(&f->r1, FIXTURES "disks/t1") ||
	    proc_diskstats_read(&f->r0, &f->d0) || proc_diskstats_read(&f->r1, &f->d1) ||
	    sys_block_read(&f->r1, &f->sb))
		return -1;
	*state = f;
	return 0;
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;

	proc_diskstats_free(&f->d0);
	proc_diskstats_free(&f->d1);
	sys_block_free(&f->sb);
	root_close(&f->r0);
	root_close(&f->r1);
	free(f);
	return 0;
}

static const char *names(const struct disk_report *rep, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < rep->n; i++) {
		strncat(buf, rep->rows[i].name, size - strlen(buf) - 1);
		strncat(buf, " ", size - strlen(buf) - 1);
	}
	return buf;
}

static void test_select(void **state)
{
	struct fx *f = *state;
	struct disk_report rep = { 0 };
	struct disk_select sel = { 0 };
	char buf[256];
	const char *named[] = { "sda1", "loop0" };
	const char *pdev[] = { "nvme0n1" };

	/* default: whole devices with I/O since boot, by name (loop0 unused) */
	assert_int_equal(disk_model_report(&f->d0, &f->d1, &f->sb, &sel, 2.0, DISK_UNIT_KB, &rep), 0);
	assert_string_equal(names(&rep, buf, sizeof(buf)), "dm-0 nvme0n1 sda ");
	assert_false(rep.rows[1].is_partition);
	assert_float_equal(rep.rows[1].r.w_s, 200.0, 1e-9);
	/* -N: dm-0 shown as its dm name */
	sel.dm_names = true;
	disk_model_report(&f->d0, &f->d1, &f->sb, &sel, 2.0, DISK_UNIT_KB, &rep);
	assert_string_equal(names(&rep, buf, sizeof(buf)), "vg0-root nvme0n1 sda ");
	sel.dm_names = false;
	/* named: only those, unused ones too, sorted */
	sel.names = named;
	sel.nnames = 2;
	sel.unfiltered = true;
	disk_model_report(&f->d0, &f->d1, &f->sb, &sel, 2.0, DISK_UNIT_KB, &rep);
	assert_string_equal(names(&rep, buf, sizeof(buf)), "loop0 sda1 ");
	assert_true(rep.rows[1].is_partition);
	/* -z drops loop0 (no I/O in the interval) */
	sel.zero_omit = true;
	disk_model_report(&f->d0, &f->d1, &f->sb, &sel, 2.0, DISK_UNIT_KB, &rep);
	assert_string_equal(names(&rep, buf, sizeof(buf)), "sda1 ");
	/* -p nvme0n1: the disk and its partitions; -z drops idle p1 */
	memset(&sel, 0, sizeof(sel));
	sel.pdevs = pdev;
	sel.npdevs = 1;
	sel.unfiltered = true;
	disk_model_report(&f->d0, &f->d1, &f->sb, &sel, 2.0, DISK_UNIT_KB, &rep);
	assert_string_equal(names(&rep, buf, sizeof(buf)), "nvme0n1 nvme0n1p1 nvme0n1p2 ");
	sel.zero_omit = true;
	disk_model_report(&f->d0, &f->d1, &f->sb, &sel, 2.0, DISK_UNIT_KB, &rep);
	assert_string_equal(names(&rep, buf, sizeof(buf)), "nvme0n1 nvme0n1p2 ");
	/* -p ALL: everything, diskstats order */
	memset(&sel, 0, sizeof(sel));
	sel.everything = true;
	sel.unfiltered = true;
	disk_model_report(&f->d0, &f->d1, &f->sb, &sel, 2.0, DISK_UNIT_KB, &rep);
	assert_string_equal(names(&rep, buf, sizeof(buf)),
			    "loop0 sda sda1 nvme0n1 nvme0n1p1 nvme0n1p2 dm-0 ");
	/* a bare -p: the same without unused devices */
	sel.unfiltered = false;
	disk_model_report(&f->d0, &f->d1, &f->sb, &sel, 2.0, DISK_UNIT_KB, &rep);
	assert_string_equal(names(&rep, buf, sizeof(buf)),
			    "sda sda1 nvme0n1 nvme0n1p1 nvme0n1p2 dm-0 ");
	/* unknown device */
	const char *bad[] = { "sda", "sdz" };
	memset(&sel, 0, sizeof(sel));
	sel.names = bad;
	sel.nnames = 2;
	assert_string_equal(disk_model_missing(&f->d1, &f->sb, &sel), "sdz");
	sel.nnames = 1;
	assert_null(disk_model_missing(&f->d1, &f->sb, &sel));
	disk_report_free(&rep);
}

/* -s: r + w + d as one (nvme0n1 t0 -> t1) */
static void test_short(void **state)
{
	struct disk_rates r;
	(void)state;

	disk_model_rates(&NV0, &NV1, 2.0, DISK_UNIT_KB, &r);
	assert_float_equal(r.kb_s, 20896.0, 1e-9);	/* (16000 + 65536 + 2048) / 2 / 2 */
	assert_float_equal(r.rqm_s, 75.0, 1e-9);	/* (50 + 100 + 0) / 2 */
	assert_float_equal(r.await, 1305.0 / 610.0, 1e-9);	/* (100 + 1200 + 5) ms / 610 */
	assert_float_equal(r.areq_sz, 83584.0 / 610.0 / 2.0, 1e-9);
	assert_float_equal(r.kb_wd_s, 16896.0, 1e-9);	/* (65536 + 2048) / 2 / 2 */
	assert_float_equal(r.kb_wd, 33792.0, 1e-9);	/* 67584 / 2 */
	/* -m: whole MB of w + d sectors, 67584 / 2048 = 33 */
	disk_model_rates(&NV0, &NV1, 2.0, DISK_UNIT_MB, &r);
	assert_float_equal(r.kb_wd, 33.0, 1e-9);
}

/* -g: groups after the devices in no group; -H the groups only */
static void test_groups(void **state)
{
	struct fx *f = *state;
	struct disk_report rep = { 0 };
	const char *named[] = { "dm-0", "nvme0n1", "sda" };
	struct disk_group g = { .name = "G", .members = named + 1, .nmembers = 2 };
	struct disk_select sel = { .names = named, .nnames = 3, .unfiltered = true,
				   .groups = &g, .ngroups = 1 };
	char buf[256];

	assert_int_equal(disk_model_report(&f->d0, &f->d1, &f->sb, &sel, 2.0, DISK_UNIT_KB, &rep), 0);
	assert_string_equal(names(&rep, buf, sizeof(buf)), "dm-0 nvme0n1 sda G ");
	assert_true(rep.rows[3].is_group);
	/* nvme0n1 610 + sda 40 requests in 2 s */
	assert_float_equal(rep.rows[3].r.tps, 325.0, 1e-9);
	/* busy 1000 + 600 ms over 2000 ms, over 2 devices */
	assert_float_equal(rep.rows[3].r.util_pct, 40.0, 1e-9);
	assert_float_equal(rep.rows[3].r.aqu_sz, 1.1, 1e-9);	/* (1800 + 400) / 2000 */
	sel.groups_only = true;
	disk_model_report(&f->d0, &f->d1, &f->sb, &sel, 2.0, DISK_UNIT_KB, &rep);
	assert_string_equal(names(&rep, buf, sizeof(buf)), "G ");
	/* since boot (no prev): the sums from zero */
	disk_model_report(NULL, &f->d1, &f->sb, &sel, 1002.0, DISK_UNIT_KB, &rep);
	assert_float_equal(rep.rows[0].r.kb_read, (816000.0 + 403840.0) / 2, 1e-9);
	disk_report_free(&rep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ext),
		cmocka_unit_test(test_since_boot_and_idle),
		cmocka_unit_test(test_backwards_and_wrap),
		cmocka_unit_test(test_reregistered),
		cmocka_unit_test(test_interval),
		cmocka_unit_test_setup_teardown(test_select, fx_setup, fx_teardown),
		cmocka_unit_test(test_short),
		cmocka_unit_test_setup_teardown(test_groups, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
