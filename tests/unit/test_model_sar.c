/* model/sar.c: sar's system reports on literal samples, values hand-computed;
 * sources/proc_sys_fs.c's pair parser (sar -v). */
#include "test.h"

#include "model/sar.h"

static void test_cpu(void **state)
{
	struct cpu_pct p = { .usr = 40, .nice = 1, .sys = 20, .iowait = 5, .irq = 2.5,
			     .soft = 2.5, .steal = 0.5, .guest = 10, .gnice = 2, .idle = 16.5 };
	struct sar_cpu o;
	(void)state;
	sar_model_cpu(&p, 3, &o);
	assert_int_equal(o.cpu, 3);
	assert_float_equal(o.user, 50.0, 1e-9);		/* usr + guest */
	assert_float_equal(o.nice, 3.0, 1e-9);		/* nice + gnice */
	assert_float_equal(o.system, 25.0, 1e-9);	/* sys + irq + soft */
	assert_float_equal(o.usr, 40.0, 1e-9);
	assert_float_equal(o.nice_x, 1.0, 1e-9);
	assert_float_equal(o.idle, 16.5, 1e-9);
}

static void test_queue(void **state)
{
	struct proc_loadavg la = { { 2.5, 1.2, 0.6 }, 5, 210, 1300 };
	struct proc_stat st = { .procs_blocked = 2, .have = PROC_STAT_HAVE_BLOCKED };
	struct sar_queue q;
	(void)state;
	sar_model_queue(&la, &st, &q);
	assert_float_equal(q.runq_sz, 4.0, 1e-9);	/* sadc leaves itself out */
	assert_float_equal(q.plist_sz, 210.0, 1e-9);
	assert_float_equal(q.blocked, 2.0, 1e-9);
	la.running = 0;		/* never negative */
	st.have = 0;		/* no procs_blocked: unknown */
	sar_model_queue(&la, &st, &q);
	assert_float_equal(q.runq_sz, 0.0, 1e-9);
	assert_true(isnan(q.blocked));
}

static void test_mem(void **state)
{
	struct proc_meminfo mi = { .have = ~0ull };
	struct sar_mem m;
	struct sar_swap s;
	struct sar_huge h;
	(void)state;
	mi.v[MI_MEM_TOTAL] = 1000000;
	mi.v[MI_MEM_FREE] = 200000;
	mi.v[MI_BUFFERS] = 50000;
	mi.v[MI_CACHED] = 250000;
	mi.v[MI_SLAB] = 100000;
	mi.v[MI_SWAP_TOTAL] = 100000;
	mi.v[MI_SWAP_FREE] = 60000;
	mi.v[MI_SWAP_CACHED] = 1000;
	mi.v[MI_COMMITTED_AS] = 330000;
	mi.v[MI_HUGEPAGES_TOTAL] = 10;
	mi.v[MI_HUGEPAGES_FREE] = 4;
	mi.v[MI_HUGEPAGESIZE] = 2048;
	sar_model_mem(&mi, &m, &s, &h);
	assert_float_equal(m.kbmemused, 400000.0, 1e-9);
	assert_float_equal(m.memused_pct, 40.0, 1e-9);
	assert_float_equal(m.commit_pct, 30.0, 1e-9);	/* of RAM + swap */
	assert_float_equal(s.kbswpused, 40000.0, 1e-9);
	assert_float_equal(s.swpcad_pct, 2.5, 1e-9);
	assert_float_equal(h.kbhugused, 12288.0, 1e-9);
	assert_float_equal(h.hugused_pct, 60.0, 1e-9);
	/* free + buffers + cached + slab above the total: used 0, not negative;
	 * no swap: 0.00 % (sysstat), not unknown */
	mi.v[MI_MEM_FREE] = 900000;
	mi.v[MI_SWAP_TOTAL] = mi.v[MI_SWAP_FREE] = 0;
	mi.v[MI_HUGEPAGES_TOTAL] = mi.v[MI_HUGEPAGES_FREE] = 0;
	sar_model_mem(&mi, &m, &s, &h);
	assert_float_equal(m.kbmemused, 0.0, 1e-9);
	assert_float_equal(s.swpused_pct, 0.0, 1e-9);
	assert_float_equal(s.swpcad_pct, 0.0, 1e-9);
	assert_float_equal(h.hugused_pct, 0.0, 1e-9);
	/* a field the kernel lacks is unknown */
	mi.have &= ~(1ull << MI_MEM_AVAILABLE);
	sar_model_mem(&mi, &m, &s, &h);
	assert_true(isnan(m.kbavail));
}

static void test_io(void **state)
{
	struct diskstats_dev d0[2] = {
		{ .name = "sda", .rd_ios = 1000, .rd_sectors = 8000, .wr_ios = 500, .wr_sectors = 4000 },
		{ .name = "loop0", .rd_ios = 10, .rd_sectors = 80 },
	};
	struct diskstats_dev d1[2] = {
		{ .name = "sda", .rd_ios = 1100, .rd_sectors = 9600, .wr_ios = 700, .wr_sectors = 7200,
		  .dc_ios = 4, .dc_sectors = 64 },
		{ .name = "loop0", .rd_ios = 50, .rd_sectors = 400 },
	};
	struct proc_diskstats p = { .dev = d0, .n = 2 }, c = { .dev = d1, .n = 2 };
	struct sys_block_disk disks[2] = { { .name = "loop0", .is_virtual = true }, { .name = "sda" } };
	struct sys_block sb = { .disk = disks, .ndisks = 2 };
	struct sar_io io;
	(void)state;
	sar_model_io(&p, &c, &sb, 2.0, &io);
	assert_float_equal(io.tps, 152.0, 1e-9);	/* (100 + 200 + 4) / 2; loop0 is virtual */
	assert_float_equal(io.rtps, 50.0, 1e-9);
	assert_float_equal(io.dtps, 2.0, 1e-9);
	assert_float_equal(io.bread_s, 800.0, 1e-9);
	assert_float_equal(io.bwrtn_s, 1600.0, 1e-9);
	assert_float_equal(io.bdscd_s, 32.0, 1e-9);
	/* no sys/block: every line counts */
	sar_model_io(&p, &c, NULL, 2.0, &io);
	assert_float_equal(io.rtps, 70.0, 1e-9);
	/* since boot */
	sar_model_io(NULL, &c, &sb, 100.0, &io);
	assert_float_equal(io.rtps, 11.0, 1e-9);
	/* the sums went backwards (a disk went away): unknown */
	sar_model_io(&c, &p, &sb, 2.0, &io);
	assert_true(isnan(io.rtps) && isnan(io.tps));
}

static void test_ktables_psi_mean(void **state)
{
	struct proc_sys_ktables k = { .dentry_unused = 30000, .inodes = 40000, .inodes_free = 5000,
				      .pty_nr = 3, .files = { 2000, 0, 100 }, .have_dentry = true,
				      .have_inode = true, .have_pty = true, .have_files = true };
	struct psi a = { { true, 0, 0, 0, 1000000 }, { true, 0, 0, 0, 0 } };
	struct psi b = { { true, 3, 2.5, 3.5, 1500000 }, { true, 0, 0, 0, 100000 } };
	struct sar_ktables kt;
	struct sar_psi ps;
	struct sar_mean m = { 0 };
	struct sar_gauges g = { 0 }, out;
	uint64_t x, y;
	(void)state;
	sar_model_ktables(&k, &kt);
	assert_float_equal(kt.inode_nr, 35000.0, 1e-9);
	assert_float_equal(kt.file_nr, 2000.0, 1e-9);
	k.have_pty = false;
	sar_model_ktables(&k, &kt);
	assert_true(isnan(kt.pty_nr));
	sar_model_psi(&a, &b, 2.0, &ps);
	assert_float_equal(ps.some, 25.0, 1e-9);
	assert_float_equal(ps.full, 5.0, 1e-9);
	assert_float_equal(ps.some300, 3.5, 1e-9);
	sar_model_psi(NULL, &b, 10.0, &ps);	/* since boot: total / uptime */
	assert_float_equal(ps.some, 15.0, 1e-9);
	g.queue.plist_sz = 210;
	sar_mean_add(&m, &g);
	g.queue.plist_sz = 214;
	sar_mean_add(&m, &g);
	sar_mean_get(&m, &out);
	assert_float_equal(out.queue.plist_sz, 212.0, 1e-9);
	assert_int_equal(proc_sys_fs_pair_parse("50000\t30000\t45\t0\n", 17, &x, &y), 0);
	assert_true(x == 50000 && y == 30000);
	assert_int_equal(proc_sys_fs_pair_parse("50000\n", 6, &x, &y), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cpu),
		cmocka_unit_test(test_queue),
		cmocka_unit_test(test_mem),
		cmocka_unit_test(test_io),
		cmocka_unit_test(test_ktables_psi_mean),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
