/* sources/cgroup, cgroup_walk, proc_pid_cgroup and model/cgroup: parsers on
 * literals, readers on the v2, v1 and hybrid fixtures, the model with
 * hand-computed values. */
#include "test.h"

#include "model/cgroup.h"
#include "sources/cgroup.h"
#include "sources/proc_pid_cgroup.h"

#define S(x) x, strlen(x)

static void test_value(void **state)
{
	uint64_t v, q, p;
	(void)state;
	assert_int_equal(cgroup_value_parse(S("536870912\n"), &v), 0);
	assert_true(v == 536870912);
	assert_int_equal(cgroup_value_parse(S("max\n"), &v), 0);
	assert_true(v == CGROUP_UNLIMITED);
	assert_int_equal(cgroup_value_parse(S("-1\n"), &v), 0);	/* v1 cfs_quota_us */
	assert_true(v == CGROUP_UNLIMITED);
	assert_int_equal(cgroup_value_parse(S("12x\n"), &v), -EINVAL);
	assert_int_equal(cgroup_value_parse(S(""), &v), -EINVAL);
	assert_int_equal(cgroup_cpu_max_parse(S("50000 100000\n"), &q, &p), 0);
	assert_true(q == 50000 && p == 100000);
	assert_int_equal(cgroup_cpu_max_parse(S("max 100000\n"), &q, &p), 0);
	assert_true(q == CGROUP_UNLIMITED && p == 100000);
	assert_int_equal(cgroup_cpu_max_parse(S("50000\n"), &q, &p), -EINVAL);
	assert_int_equal(cgroup_cpu_max_parse(S("50000 0\n"), &q, &p), -EINVAL);
}

static void test_kv(void **state)
{
	static const char *const k[] = { "a", "bb", "c" };
	uint64_t v[3] = { 0 };
	(void)state;
	assert_int_equal(cgroup_kv_parse(S("bb 7\nzz 9\na 3\n"), k, 3, v), 3);	/* bits 0, 1 */
	assert_true(v[0] == 3 && v[1] == 7);
	assert_int_equal(cgroup_kv_parse(S("c 1"), k, 3, v), 4);
	assert_int_equal(cgroup_kv_parse(S("bb x\n"), k, 3, v), -EINVAL);
	assert_int_equal(cgroup_kv_parse(S("noval\n"), k, 3, v), -EINVAL);
	assert_int_equal(cgroup_kv_parse(S(""), k, 3, v), 0);
}

static void test_cpu_stat(void **state)
{
	struct cgroup_cpu c;
	(void)state;
	memset(&c, 0, sizeof(c));
	/* v2 without the cpu controller: usage only */
	assert_int_equal(cgroup_cpu_stat_parse(S("usage_usec 37627138\nuser_usec 18162229\n"
						"system_usec 19464909\nnice_usec 0\n"), 2, &c), 0);
	assert_true(c.has_usage && c.has_user_system && !c.has_throttle);
	assert_true(c.usage_ns == 37627138000ULL && c.system_ns == 19464909000ULL);
	assert_int_equal(cgroup_cpu_stat_parse(S("usage_usec 1\nuser_usec 1\nsystem_usec 0\n"
						"nr_periods 1020\nnr_throttled 418\nthrottled_usec 31200000\n"),
						2, &c), 0);
	assert_true(c.has_throttle && c.nr_periods == 1020 && c.nr_throttled == 418);
	assert_true(c.throttled_ns == 31200000000ULL);
	/* v1: throttled_time already in ns */
	memset(&c, 0, sizeof(c));
	assert_int_equal(cgroup_cpu_stat_parse(S("nr_periods 23\nnr_throttled 20\nthrottled_time 1561387665\n"
						"nr_bursts 0\nburst_time 0\n"), 1, &c), 0);
	assert_true(c.nr_periods == 23 && c.nr_throttled == 20 && c.throttled_ns == 1561387665ULL);
	assert_int_equal(cgroup_cpu_stat_parse(S("nr_periods 23\n"), 1, &c), -EINVAL);
}

static void test_mem_parsers(void **state)
{
	struct cgroup_mem m;
	(void)state;
	memset(&m, 0, sizeof(m));
	assert_int_equal(cgroup_mem_events_parse(S("low 0\nhigh 4\nmax 135\noom 2\noom_kill 1\n"
						   "oom_group_kill 0\n"), &m), 0);
	assert_true(m.has_events && m.ev_high == 4 && m.ev_max == 135 && m.ev_oom == 2 && m.ev_oom_kill == 1);
	assert_int_equal(cgroup_mem_stat_parse(S("anon 524288000\nfile 10485760\nkernel 1\nshmem 4096\n"
						 "pgfault 20000\npgmajfault 100\n"), 2, &m), 0);
	assert_true(m.anon == 524288000 && m.file == 10485760 && m.shmem == 4096 && m.pgmajfault == 100);
	memset(&m, 0, sizeof(m));
	m.max_eff = CGROUP_UNLIMITED;
	assert_int_equal(cgroup_mem_stat_parse(S("cache 1\nrss 2\ntotal_cache 104857600\ntotal_rss 838860800\n"
						 "total_swap 8192\nhierarchical_memory_limit 9223372036854771712\n"),
						 1, &m), 0);
	assert_true(m.anon == 838860800 && m.file == 104857600 && m.swap == 8192);
	assert_true(m.max_eff == CGROUP_UNLIMITED);	/* PAGE_COUNTER_MAX * 4096 */
	assert_int_equal(cgroup_mem_stat_parse(S("hierarchical_memory_limit 1073741824\ntotal_rss 0\ntotal_cache 0\n"),
					       1, &m), 0);
	assert_true(m.max_eff == 1073741824);
	assert_int_equal(cgroup_oom_control_parse(S("oom_kill_disable 0\nunder_oom 1\noom_kill 3\n"), &m), 0);
	assert_true(m.under_oom && m.oom_kill == 3);
}

static void test_io_parsers(void **state)
{
	struct cgroup_io io;
	(void)state;
	memset(&io, 0, sizeof(io));
	/* summed over devices: 1048576 + 4096 = 1052672 */
	assert_int_equal(cgroup_io_stat_parse(S("8:0 rbytes=1048576 wbytes=2097152 rios=100 wios=200 dbytes=0 dios=0\n"
						"259:0 rbytes=4096 wbytes=0 rios=1 wios=0 dbytes=0 dios=0\n"), &io), 0);
	assert_true(io.rbytes == 1052672 && io.wbytes == 2097152 && io.rios == 101 && io.wios == 200);
	assert_int_equal(cgroup_io_stat_parse(S(""), &io), 0);
	assert_true(io.rbytes == 0);
	/* v1: Read 5000 + 1000 = 6000, Write 2000; the Total lines are skipped */
	assert_int_equal(cgroup_blkio_parse(S("8:0 Read 5000\n8:0 Write 2000\n8:0 Sync 7000\n8:0 Total 7000\n"
					      "8:16 Read 1000\n8:16 Write 0\nTotal 8000\n"), 1, &io), 0);
	assert_true(io.rbytes == 6000 && io.wbytes == 2000);
	assert_int_equal(cgroup_blkio_parse(S("Total 0\n"), 0, &io), 0);
	assert_true(io.rios == 0 && io.wios == 0);
}

static void test_pid_cgroup(void **state)
{
	struct proc_pid_cgroup pc;
	struct cgroup_paths p;
	(void)state;
	assert_int_equal(proc_pid_cgroup_parse(S("9:name=systemd:/\n4:memory:/process_api/d87d\n"
						 "2:cpu,cpuacct:/docker/a:b\n0::/user.slice\n"), &pc), 0);
	assert_int_equal(pc.n, 4);
	assert_string_equal(pc.e[2].path, "/docker/a:b");	/* ':' in a path */
	proc_pid_cgroup_paths(&pc, &p);
	assert_string_equal(p.v2, "/user.slice");
	assert_string_equal(p.v1[CG1_MEMORY], "/process_api/d87d");
	assert_string_equal(p.v1[CG1_CPU], "/docker/a:b");
	assert_string_equal(p.v1[CG1_CPUACCT], "/docker/a:b");
	assert_null(p.v1[CG1_PIDS]);
	assert_null(p.v1[CG1_BLKIO]);
	assert_int_equal(proc_pid_cgroup_parse(S("0::/\n"), &pc), 0);
	assert_int_equal(proc_pid_cgroup_parse(S("garbage\n"), &pc), -EINVAL);
	assert_int_equal(proc_pid_cgroup_parse(S("x:cpu:/\n"), &pc), -EINVAL);
	assert_int_equal(proc_pid_cgroup_parse(S(""), &pc), -EINVAL);
}

static void test_mounts_paths(void **state)
{
	struct root r;
	struct cgroup_mounts m;
	char out[CGROUP_PATH_MAX], in[5000];
	(void)state;
	assert_int_equal(root_open(&r, FIXTURES "cg_v2/t0"), 0);
	assert_int_equal(cgroup_mounts_read(&r, &m), 0);
	assert_int_equal(m.layout, CG_UNIFIED);
	assert_string_equal(m.v2, "fs/cgroup");
	snprintf(in, sizeof(in), "%s/sys/fs/cgroup/app.slice/web/", r.path);
	assert_int_equal(cgroup_path_normalize(&r, &m, in, out, sizeof(out)), 0);
	assert_string_equal(out, "/app.slice/web");
	assert_int_equal(cgroup_path_normalize(&r, &m, "app.slice//./web", out, sizeof(out)), 0);
	assert_string_equal(out, "/app.slice/web");
	assert_int_equal(cgroup_path_normalize(&r, &m, "/", out, sizeof(out)), 0);
	assert_string_equal(out, "/");
	assert_int_equal(cgroup_path_normalize(&r, &m, "/a/../../etc", out, sizeof(out)), -EINVAL);
	assert_true(cgroup_exists(&r, &m, "/app.slice/web"));
	assert_false(cgroup_exists(&r, &m, "/nope"));
	root_close(&r);

	assert_int_equal(root_open(&r, FIXTURES "cg_v1/t0"), 0);
	assert_int_equal(cgroup_mounts_read(&r, &m), 0);
	assert_int_equal(m.layout, CG_LEGACY);
	assert_string_equal(m.v1[CG1_CPU], "fs/cgroup/cpu,cpuacct");
	assert_string_equal(m.v1[CG1_CPUACCT], "fs/cgroup/cpu,cpuacct");
	assert_string_equal(m.v1[CG1_MEMORY], "fs/cgroup/memory");
	assert_string_equal(m.v2, "");
	snprintf(in, sizeof(in), "%s/sys/fs/cgroup/memory/docker/abc", r.path);
	assert_int_equal(cgroup_path_normalize(&r, &m, in, out, sizeof(out)), 0);
	assert_string_equal(out, "/docker/abc");
	/* through the "cpu" symlink to "cpu,cpuacct" */
	snprintf(in, sizeof(in), "%s/sys/fs/cgroup/cpu/docker/abc", r.path);
	assert_int_equal(cgroup_path_normalize(&r, &m, in, out, sizeof(out)), 0);
	assert_string_equal(out, "/docker/abc");
	root_close(&r);

	assert_int_equal(root_open(&r, FIXTURES "cg_hybrid/t0"), 0);
	assert_int_equal(cgroup_mounts_read(&r, &m), 0);
	assert_int_equal(m.layout, CG_HYBRID);
	assert_string_equal(m.v2, "fs/cgroup/unified");
	assert_string_equal(m.v1[CG1_CPU], "fs/cgroup/cpu");
	assert_string_equal(m.v1[CG1_CPUACCT], "fs/cgroup/cpuacct");
	snprintf(in, sizeof(in), "%s/sys/fs/cgroup/unified", r.path);
	assert_int_equal(cgroup_path_normalize(&r, &m, in, out, sizeof(out)), 0);
	assert_string_equal(out, "/");
	root_close(&r);

	assert_int_equal(root_open(&r, FIXTURES "psi/t0"), 0);	/* no sys/ */
	assert_int_equal(cgroup_mounts_read(&r, &m), -ENOENT);
	root_close(&r);
}

static void test_list(void **state)
{
	struct root r;
	struct cgroup_mounts m;
	char (*p)[CGROUP_PATH_MAX];
	int n;
	bool trunc;
	(void)state;
	assert_int_equal(root_open(&r, FIXTURES "cg_v2/t0"), 0);
	assert_int_equal(cgroup_mounts_read(&r, &m), 0);
	assert_int_equal(cgroup_list(&r, &m, CGROUP_WALK_DEPTH, CGROUP_WALK_MAX, &p, &n, &trunc), 0);
	assert_int_equal(n, 5);
	assert_false(trunc);
	assert_string_equal(p[0], "/");
	assert_string_equal(p[1], "/app.slice");
	assert_string_equal(p[2], "/app.slice/batch");
	assert_string_equal(p[3], "/app.slice/web");
	assert_string_equal(p[4], "/idle");
	free(p);
	/* depth 1: the two grandchildren are left out */
	assert_int_equal(cgroup_list(&r, &m, 1, CGROUP_WALK_MAX, &p, &n, &trunc), 0);
	assert_int_equal(n, 3);
	assert_true(trunc);
	free(p);
	assert_int_equal(cgroup_list(&r, &m, CGROUP_WALK_DEPTH, 2, &p, &n, &trunc), 0);
	assert_int_equal(n, 2);
	assert_true(trunc);
	free(p);
	root_close(&r);
	/* v1: union of cpu,cpuacct, memory, pids, blkio, no duplicates */
	assert_int_equal(root_open(&r, FIXTURES "cg_v1/t0"), 0);
	assert_int_equal(cgroup_mounts_read(&r, &m), 0);
	assert_int_equal(cgroup_list(&r, &m, CGROUP_WALK_DEPTH, CGROUP_WALK_MAX, &p, &n, &trunc), 0);
	assert_int_equal(n, 3);
	assert_string_equal(p[2], "/docker/abc");
	free(p);
	root_close(&r);
}

static void read_pair(const char *fx, const char *path, struct cgroup_sample *s0,
		      struct cgroup_sample *s1)
{
	struct root r;
	struct cgroup_mounts m;
	struct cgroup_paths p;
	char dir[256];

	cgroup_paths_same(&p, path);
	for (int t = 0; t < 2; t++) {
		snprintf(dir, sizeof(dir), FIXTURES "%s/t%d", fx, t);
		assert_int_equal(root_open(&r, dir), 0);
		assert_int_equal(cgroup_mounts_read(&r, &m), 0);
		assert_int_equal(cgroup_read(&r, &m, &p, t ? s1 : s0), 0);
		root_close(&r);
	}
}

static void test_read_model_v2(void **state)
{
	struct cgroup_sample *s = calloc(2, sizeof(*s));
	struct cgroup_rates r;
	(void)state;
	read_pair("cg_v2", "/app.slice/web", &s[0], &s[1]);
	assert_int_equal(s[1].cpu.version, 2);
	assert_true(s[1].cpu.quota_us == 50000 && s[1].cpu.period_us == 100000);
	assert_int_equal(s[1].mem.version, 2);
	assert_true(s[1].mem.max == 536870912 && s[1].mem.max_eff == 536870912);
	assert_true(s[1].pids.current == 90 && s[1].pids.max == 100);
	assert_int_equal(s[1].psi_err[PSI_CPU], 0);
	cgroup_model(&s[0], &s[1], 2.0, &r);
	/* usage (11000000 - 10000000) us = 1 s of CPU over 2 s = 0.5 cores;
	 * user 800000 us -> 0.4, system 200000 us -> 0.1 */
	assert_float_equal(r.cpu_cores, 0.5, 1e-9);
	assert_float_equal(r.user_cores, 0.4, 1e-9);
	assert_float_equal(r.system_cores, 0.1, 1e-9);
	/* quota 50000/100000 = 0.5 cores; 0.5 / 0.5 = 100 % */
	assert_float_equal(r.quota_cores, 0.5, 1e-9);
	assert_float_equal(r.cpu_pct_quota, 100.0, 1e-9);
	/* periods +20 -> 10/s, throttled +18 -> 9/s, 18/20 = 90 %;
	 * throttled_usec +1200000 = 1.2 s over 2 s = 0.6 s/s; total 418/1020 */
	assert_float_equal(r.periods_s, 10.0, 1e-9);
	assert_float_equal(r.throttled_s, 9.0, 1e-9);
	assert_float_equal(r.throttled_pct, 90.0, 1e-9);
	assert_float_equal(r.throttled_time_s, 0.6, 1e-9);
	assert_float_equal(r.throttled_total_pct, 418.0 / 1020 * 100, 1e-9);
	/* memory 534773760 / 536870912 = 0.99609375 -> 99.609375 % */
	assert_float_equal(r.mem_pct_max, 99.609375, 1e-9);
	assert_true(isnan(r.mem_pct_high));	/* high = max */
	assert_float_equal(r.mem_peak_pct_max, 100.0, 1e-9);
	/* events: max 120 -> 135, oom 1 -> 2, oom_kill 1 -> 2 */
	assert_float_equal(r.ev_max, 15, 1e-9);
	assert_float_equal(r.ev_oom, 1, 1e-9);
	assert_float_equal(r.oom_kill, 1, 1e-9);
	/* pgmajfault 100 -> 140 over 2 s = 20/s; pids 90/100 */
	assert_float_equal(r.pgmajfault_s, 20.0, 1e-9);
	assert_float_equal(r.pids_pct, 90.0, 1e-9);
	/* io: rbytes +2097152 over 2 s = 1048576 B/s; rios +50 -> 25/s, wios +60 -> 30/s */
	assert_float_equal(r.io_rbytes_s, 1048576.0, 1e-9);
	assert_float_equal(r.io_wbytes_s, 0.0, 1e-9);
	assert_float_equal(r.io_rios_s, 25.0, 1e-9);
	assert_float_equal(r.io_wios_s, 30.0, 1e-9);
	/* PSI cpu some +500000 us / 2e6 us = 25 %, full +200000 -> 10 % */
	assert_float_equal(r.psi[PSI_CPU].some_pct, 25.0, 1e-9);
	assert_float_equal(r.psi[PSI_CPU].full_pct, 10.0, 1e-9);
	/* score: max(99.6, 90 pids, 90 throttled, 100 quota) = 100 */
	assert_float_equal(r.score, 100.0, 1e-9);
	assert_true(cgroup_model_limited(&s[1]));
	/* batch: no limit of its own, app.slice's 1 GiB binds:
	 * 201326592 / 1073741824 = 18.75 % */
	read_pair("cg_v2", "/app.slice/batch", &s[0], &s[1]);
	assert_true(s[1].mem.max == CGROUP_UNLIMITED && s[1].mem.max_eff == 1073741824);
	cgroup_model(&s[0], &s[1], 2.0, &r);
	assert_float_equal(r.mem_pct_max, 18.75, 1e-9);
	assert_float_equal(r.score, 18.75, 1e-9);
	assert_true(isnan(r.quota_cores));
	/* no period elapsed: nothing throttled (0 %), not unknown */
	assert_float_equal(r.throttled_pct, 0.0, 1e-9);
	/* idle: no limit anywhere */
	read_pair("cg_v2", "/idle", &s[0], &s[1]);
	assert_false(cgroup_model_limited(&s[1]));
	cgroup_model(&s[0], &s[1], 2.0, &r);
	assert_true(isnan(r.score));
	free(s);
}

static void test_read_model_v1(void **state)
{
	struct cgroup_sample *s = calloc(2, sizeof(*s));
	struct cgroup_rates r;
	(void)state;
	read_pair("cg_v1", "/docker/abc", &s[0], &s[1]);
	assert_int_equal(s[1].cpu.version, 1);
	assert_int_equal(s[1].mem.version, 1);
	assert_int_equal(s[1].pids.version, 1);
	assert_int_equal(s[1].io.version, 1);
	assert_int_equal(s[1].psi_err[PSI_CPU], -ENOENT);	/* no v2 */
	cgroup_model(&s[0], &s[1], 2.0, &r);
	/* cpuacct.usage +400000000 ns = 0.4 s over 2 s = 0.2 cores; user
	 * +300000000 -> 0.15, sys +100000000 -> 0.05; quota 20000/100000 = 0.2 */
	assert_float_equal(r.cpu_cores, 0.2, 1e-9);
	assert_float_equal(r.user_cores, 0.15, 1e-9);
	assert_float_equal(r.system_cores, 0.05, 1e-9);
	assert_float_equal(r.quota_cores, 0.2, 1e-9);
	/* periods +20, throttled +16 = 80 %, 8/s; throttled_time +1.6e9 ns = 0.8 s/s */
	assert_float_equal(r.throttled_pct, 80.0, 1e-9);
	assert_float_equal(r.throttled_s, 8.0, 1e-9);
	assert_float_equal(r.throttled_time_s, 0.8, 1e-9);
	/* 943718400 / 1073741824 = 0.87890625 */
	assert_float_equal(r.mem_pct_max, 87.890625, 1e-9);
	assert_float_equal(r.failcnt, 15.0, 1e-9);
	assert_float_equal(r.oom_kill, 1.0, 1e-9);
	assert_true(isnan(r.ev_oom_kill));	/* no memory.events in v1 */
	/* pids 50/64 = 78.125 %; blkio read +4000 (8:0) +1000 (8:16) = 5000 B over 2 s */
	assert_float_equal(r.pids_pct, 78.125, 1e-9);
	assert_float_equal(r.io_rbytes_s, 2500.0, 1e-9);
	assert_float_equal(r.io_rios_s, 2.0, 1e-9);
	assert_float_equal(r.pgmajfault_s, 4.0, 1e-9);	/* 0 -> 8 */
	/* one sample: levels, no rates */
	cgroup_model(NULL, &s[1], NAN, &r);
	assert_true(isnan(r.cpu_cores) && isnan(r.throttled_pct) && isnan(r.dt_s));
	assert_float_equal(r.mem_pct_max, 87.890625, 1e-9);
	assert_float_equal(r.throttled_total_pct, 116.0 / 520 * 100, 1e-9);
	/* counters backwards (group recreated between samples): unknown */
	cgroup_model(&s[1], &s[0], 2.0, &r);
	assert_true(isnan(r.cpu_cores) && isnan(r.throttled_s) && isnan(r.failcnt));
	/* the root's memory limit is PAGE_COUNTER_MAX: unlimited */
	read_pair("cg_v1", "/", &s[0], &s[1]);
	assert_true(s[1].mem.max == CGROUP_UNLIMITED);
	free(s);
}

static void test_hybrid_pid(void **state)
{
	struct root r;
	struct cgroup_mounts m;
	struct proc_pid_cgroup pc;
	struct cgroup_paths p;
	struct cgroup_sample *s = calloc(1, sizeof(*s));
	(void)state;
	assert_int_equal(root_open(&r, FIXTURES "cg_hybrid/t0"), 0);
	assert_int_equal(cgroup_mounts_read(&r, &m), 0);
	assert_int_equal(proc_pid_cgroup_read(&r, 4321, &pc), 0);
	proc_pid_cgroup_paths(&pc, &p);
	assert_string_equal(p.v2, "/");
	assert_string_equal(p.v1[CG1_CPU], "/");
	/* memory from the v1 memory hierarchy at its own path, PSI from v2's root */
	assert_int_equal(cgroup_read(&r, &m, &p, s), 0);
	assert_int_equal(s->mem.version, 1);
	assert_true(s->mem.max == 1073741824);
	assert_int_equal(s->psi_err[PSI_CPU], 0);
	assert_int_equal(s->psi_err[PSI_IRQ], -ENOENT);
	assert_true(s->cpu.has_usage);	/* cpuacct.usage */
	assert_int_equal(proc_pid_cgroup_read(&r, 999999, &pc), -ENOENT);
	free(s);
	root_close(&r);
}

static void test_snapshot_rank(void **state)
{
	struct root r0, r1;
	struct cgroup_snapshot a, b;
	struct cgroup_ranked *rows;
	int n, groups;
	(void)state;
	assert_int_equal(root_open(&r0, FIXTURES "cg_v2/t0"), 0);
	assert_int_equal(root_open(&r1, FIXTURES "cg_v2/t1"), 0);
	assert_int_equal(cgroup_snapshot_read(&r0, &a), 0);
	assert_int_equal(cgroup_snapshot_read(&r1, &b), 0);
	assert_int_equal(b.n, 5);
	assert_non_null(cgroup_snapshot_find(&b, "/app.slice/batch"));
	assert_null(cgroup_snapshot_find(&b, "/app.slice/nope"));
	assert_int_equal(cgroup_model_rank(&a, &b, 2.0, &rows, &n, &groups), 0);
	assert_int_equal(groups, 5);
	/* web 100 (quota), app.slice 736100352/1073741824 = 68.5546875 %,
	 * batch 18.75 %; / and /idle have no limit */
	assert_int_equal(n, 3);
	assert_string_equal(rows[0].s->path, "/app.slice/web");
	assert_string_equal(rows[1].s->path, "/app.slice");
	assert_float_equal(rows[1].r.score, 68.5546875, 1e-9);
	assert_string_equal(rows[2].s->path, "/app.slice/batch");
	assert_float_equal(rows[0].r.throttled_s, 9.0, 1e-9);
	free(rows);
	/* one sample: the same rows by level; no rates */
	assert_int_equal(cgroup_model_rank(NULL, &b, NAN, &rows, &n, &groups), 0);
	assert_int_equal(n, 3);
	assert_true(isnan(rows[0].r.throttled_s));
	free(rows);
	cgroup_snapshot_free(&a);
	cgroup_snapshot_free(&b);
	/* no cgroup fs */
	root_close(&r0);
	assert_int_equal(root_open(&r0, FIXTURES "psi/t0"), 0);
	assert_int_equal(cgroup_snapshot_read(&r0, &a), -ENOENT);
	cgroup_snapshot_free(&a);
	root_close(&r0);
	root_close(&r1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value),
		cmocka_unit_test(test_kv),
		cmocka_unit_test(test_cpu_stat),
		cmocka_unit_test(test_mem_parsers),
		cmocka_unit_test(test_io_parsers),
		cmocka_unit_test(test_pid_cgroup),
		cmocka_unit_test(test_mounts_paths),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_read_model_v2),
		cmocka_unit_test(test_read_model_v1),
		cmocka_unit_test(test_hybrid_pid),
		cmocka_unit_test(test_snapshot_rank),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
