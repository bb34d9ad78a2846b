/* model/cpu: mpstat and vmstat CPU arithmetic on literal samples, every
 * expected value computed by hand in the comments. */
#include "test.h"

#include "model/cpu.h"

#define S(lit) lit, sizeof(lit) - 1
#define EPS 1e-9

static void parse(struct proc_stat *st, const char *s)
{
	proc_stat_init(st);
	assert_int_equal(proc_stat_parse(s, strlen(s), st, NULL), 0);
}

/* Two CPUs, guest time on CPU 0, 2 s apart. */
static void test_two_cpus(void **state)
{
	struct proc_stat p, c;
	struct cpu_model m;
	(void)state;
	/*        user nice sys idle iow irq sirq steal guest gnice */
	parse(&p, "cpu  300 10 150 1500 20 5 5 10 30 5\n"
		  "cpu0 100 10 50 800 20 5 5 10 30 5\n"
		  "cpu1 200 0 100 700 0 0 0 0 0 0\n"
		  "intr 5000 1 2\nctxt 1000\nprocesses 100\nprocs_running 3\nprocs_blocked 1\n");
	parse(&c, "cpu  410 20 180 1540 25 7 8 20 50 10\n"
		  "cpu0 160 20 60 810 25 7 8 20 50 10\n"
		  "cpu1 250 0 120 730 0 0 0 0 0 0\n"
		  "intr 5400 1 2\nctxt 1500\nprocesses 110\nprocs_running 2\nprocs_blocked 0\n");
	cpu_model_init(&m);
	assert_int_equal(cpu_model_compute(&p, &c, 2, 2.0, &m), 0);
	/* CPU 0 interval: user+60 nice+10 sys+10 idle+10 iowait+5 irq+2
	 * soft+3 steal+10 = 110 (guest +20 and gnice +5 not added again) */
	assert_int_equal(m.cpu[0].state, CPU_OK);
	assert_float_equal(m.cpu[0].ticks, 110, EPS);
	/* usr = (160-50) - (100-30) = 40 -> 40/110 = 36.3636 % */
	assert_float_equal(m.cpu[0].pct.usr, 40.0 / 110 * 100, EPS);
	/* nice = (20-10) - (10-5) = 5 -> 4.5454 % */
	assert_float_equal(m.cpu[0].pct.nice, 5.0 / 110 * 100, EPS);
	assert_float_equal(m.cpu[0].pct.sys, 10.0 / 110 * 100, EPS);
	assert_float_equal(m.cpu[0].pct.iowait, 5.0 / 110 * 100, EPS);
	assert_float_equal(m.cpu[0].pct.irq, 2.0 / 110 * 100, EPS);
	assert_float_equal(m.cpu[0].pct.soft, 3.0 / 110 * 100, EPS);
	assert_float_equal(m.cpu[0].pct.steal, 10.0 / 110 * 100, EPS);
	assert_float_equal(m.cpu[0].pct.guest, 20.0 / 110 * 100, EPS);	/* 18.18 % */
	assert_float_equal(m.cpu[0].pct.gnice, 5.0 / 110 * 100, EPS);
	assert_float_equal(m.cpu[0].pct.idle, 10.0 / 110 * 100, EPS);
	/* CPU 1: user+50 sys+20 idle+30 = 100 ticks */
	assert_float_equal(m.cpu[1].pct.usr, 50.0, EPS);
	assert_float_equal(m.cpu[1].pct.sys, 20.0, EPS);
	assert_float_equal(m.cpu[1].pct.idle, 30.0, EPS);
	/* all = sum of the CPUs: 210 ticks; usr 40+50 = 90 -> 42.857 %,
	 * sys 10+20 = 30 -> 14.286 %, idle 10+30 = 40 -> 19.048 % */
	assert_float_equal(m.all_ticks, 210, EPS);
	assert_float_equal(m.all.usr, 90.0 / 210 * 100, EPS);
	assert_float_equal(m.all.nice, 5.0 / 210 * 100, EPS);
	assert_float_equal(m.all.sys, 30.0 / 210 * 100, EPS);
	assert_float_equal(m.all.guest, 20.0 / 210 * 100, EPS);
	assert_float_equal(m.all.idle, 40.0 / 210 * 100, EPS);
	/* rates over 2 s: ctxt +500 -> 250/s, intr +400 -> 200/s, forks +10 -> 5/s */
	assert_float_equal(m.ctxt_s, 250, EPS);
	assert_float_equal(m.intr_s, 200, EPS);
	assert_float_equal(m.forks_s, 5, EPS);
	assert_float_equal(m.procs_running, 2, EPS);
	assert_float_equal(m.procs_blocked, 0, EPS);
	/* zero interval: rates unknown, percentages still from ticks */
	assert_int_equal(cpu_model_compute(&p, &c, 2, 0.0, &m), 0);
	assert_true(isnan(m.ctxt_s));
	assert_float_equal(m.cpu[1].pct.usr, 50.0, EPS);
	cpu_model_free(&m);
	proc_stat_free(&p);
	proc_stat_free(&c);
}

/* Counters going backwards, the way sysstat treats them. */
static void test_backwards(void **state)
{
	struct proc_stat p, c;
	struct cpu_model m;
	(void)state;
	/* CPU 0: iowait 20 -> 18 (dyn-tick race or offline/online): sysstat
	 * takes the previous iowait as 0, so the interval is
	 * (150+100+1040+18) - (100+100+1000+0) = 108 ticks:
	 * usr 50/108 = 46.296 %, idle 40/108 = 37.037 %, iowait 18/108 = 16.667 %.
	 * CPU 1: system 100 -> 99: 0.00 (ll_sp_value) and flagged; the
	 * backwards tick adds 0 to the interval (sysstat would subtract it and
	 * print idle 100/99 = 101.01 %): interval 100, idle 100 %. */
	parse(&p, "cpu  200 0 200 2000 20 0 0 0 0 0\n"
		  "cpu0 100 0 100 1000 20 0 0 0 0 0\n"
		  "cpu1 100 0 100 1000 0 0 0 0 0 0\n");
	parse(&c, "cpu  250 0 199 2140 18 0 0 0 0 0\n"
		  "cpu0 150 0 100 1040 18 0 0 0 0 0\n"
		  "cpu1 100 0 99 1100 0 0 0 0 0 0\n");
	cpu_model_init(&m);
	assert_int_equal(cpu_model_compute(&p, &c, 2, 1.0, &m), 0);
	assert_float_equal(m.cpu[0].ticks, 108, EPS);
	assert_float_equal(m.cpu[0].pct.usr, 50.0 / 108 * 100, EPS);
	assert_float_equal(m.cpu[0].pct.idle, 40.0 / 108 * 100, EPS);
	assert_float_equal(m.cpu[0].pct.iowait, 18.0 / 108 * 100, EPS);
	assert_false(m.cpu[0].backwards);
	assert_float_equal(m.cpu[1].ticks, 100, EPS);
	assert_float_equal(m.cpu[1].pct.sys, 0.0, EPS);
	assert_float_equal(m.cpu[1].pct.idle, 100.0, EPS);
	assert_true(m.cpu[1].backwards);
	cpu_model_free(&m);
	proc_stat_free(&p);
	proc_stat_free(&c);
}

/* CPU 1 goes offline, CPU 2 comes back, then CPU 1 comes back with idle
 * and iowait restarted from zero. */
static void test_offline_online(void **state)
{
	struct proc_stat p, c, n;
	struct cpu_model m;
	(void)state;
	parse(&p, "cpu  300 0 300 3000 0 0 0 0 0 0\n"
		  "cpu0 100 0 100 1000 0 0 0 0 0 0\n"
		  "cpu1 200 0 200 2000 0 0 0 0 0 0\n");
	parse(&c, "cpu  0 0 0 0 0 0 0 0 0 0\n"
		  "cpu0 150 0 100 1050 0 0 0 0 0 0\n"
		  "cpu2 10 0 10 10 0 0 0 0 0 0\n");
	cpu_model_init(&m);
	assert_int_equal(cpu_model_compute(&p, &c, 3, 1.0, &m), 0);
	assert_int_equal(m.cpu[0].state, CPU_OK);
	assert_int_equal(m.cpu[1].state, CPU_OFFLINE);
	assert_int_equal(m.cpu[2].state, CPU_NEW);
	/* all = CPU 0 only: 100 ticks, usr 50 %, idle 50 % */
	assert_float_equal(m.all_ticks, 100, EPS);
	assert_float_equal(m.all.usr, 50, EPS);
	assert_float_equal(m.all.idle, 50, EPS);
	/* CPU 1's last counters are carried into c */
	assert_int_equal(cpu_model_carry(&c, &p), 0);
	assert_int_equal(c.cpu[1].user, 200);
	assert_int_equal(c.cpu[1].idle, 2000);
	assert_false(c.online[1]);
	/* back online: user 260 system 220 (kept counting), idle 30 (restarted):
	 * previous idle taken as 0: interval (260+220+30) - (200+200+0) = 110,
	 * usr 60/110, sys 20/110, idle 30/110 */
	parse(&n, "cpu  0 0 0 0 0 0 0 0 0 0\n"
		  "cpu0 200 0 100 1100 0 0 0 0 0 0\n"
		  "cpu1 260 0 220 30 0 0 0 0 0 0\n"
		  "cpu2 20 0 10 100 0 0 0 0 0 0\n");
	assert_int_equal(cpu_model_compute(&c, &n, 3, 1.0, &m), 0);
	assert_int_equal(m.cpu[1].state, CPU_OK);
	assert_float_equal(m.cpu[1].ticks, 110, EPS);
	assert_float_equal(m.cpu[1].pct.usr, 60.0 / 110 * 100, EPS);
	assert_float_equal(m.cpu[1].pct.sys, 20.0 / 110 * 100, EPS);
	assert_float_equal(m.cpu[1].pct.idle, 30.0 / 110 * 100, EPS);
	/* CPU 2: +10 user, +90 idle = 100 */
	assert_float_equal(m.cpu[2].pct.usr, 10, EPS);
	/* all: 100 (cpu0) + 110 + 100 = 310 ticks; usr 50+60+10 = 120 */
	assert_float_equal(m.all_ticks, 310, EPS);
	assert_float_equal(m.all.usr, 120.0 / 310 * 100, EPS);
	cpu_model_free(&m);
	proc_stat_free(&p);
	proc_stat_free(&c);
	proc_stat_free(&n);
}

static void test_tickless_boot_up(void **state)
{
	struct proc_stat p, u;
	struct cpu_model m;
	(void)state;
	parse(&p, "cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 50 0 50 400 0 0 0 0 0 0\n"
		  "cpu1 50 0 50 400 0 0 0 0 0 0\nctxt 10\n");
	cpu_model_init(&m);
	/* same sample twice: every CPU tickless (idle 100), all has 0 ticks
	 * -> 1 ("cannot be tickless"): every all column 0.00 */
	assert_int_equal(cpu_model_compute(&p, &p, 2, 1.0, &m), 0);
	assert_int_equal(m.cpu[0].state, CPU_TICKLESS);
	assert_float_equal(m.cpu[0].pct.idle, 100, EPS);
	assert_float_equal(m.cpu[0].pct.usr, 0, EPS);
	assert_float_equal(m.all_ticks, 1, EPS);
	assert_float_equal(m.all.idle, 0, EPS);
	assert_float_equal(m.ctxt_s, 0, EPS);
	/* since boot: 1000 ticks, usr 10 %, idle 80 %; ctxt 10 over 5 s of uptime = 2/s */
	assert_int_equal(cpu_model_compute(NULL, &p, 2, 5.0, &m), 0);
	assert_float_equal(m.all.usr, 10, EPS);
	assert_float_equal(m.all.idle, 80, EPS);
	assert_float_equal(m.cpu[1].pct.sys, 10, EPS);
	assert_float_equal(m.ctxt_s, 2, EPS);
	assert_true(isnan(m.intr_s));	/* no intr line */
	/* uniprocessor: the cpu line itself (here different from cpu0) */
	parse(&u, "cpu  30 0 10 60 0 0 0 0 0 0\ncpu0 1 0 1 1 0 0 0 0 0 0\n");
	assert_int_equal(cpu_model_compute(NULL, &u, 1, 1.0, &m), 0);
	assert_float_equal(m.all.usr, 30, EPS);
	assert_float_equal(m.all.idle, 60, EPS);
	cpu_model_free(&m);
	proc_stat_free(&p);
	proc_stat_free(&u);
}

static void test_vmstat_cpu(void **state)
{
	struct proc_stat_cpu p = { 0 }, c = { 0 };
	struct cpu_vmstat v;
	(void)state;
	/* user +60, system +40, idle +100, iowait +200: Div = 400,
	 * us = (6000 + 200) / 400 = 15, sy = (4000 + 200) / 400 = 10,
	 * id = (10000 + 200) / 400 = 25, wa = (20000 + 200) / 400 = 50 */
	c.user = 60; c.system = 40; c.idle = 100; c.iowait = 200;
	cpu_model_vmstat(&p, &c, &v);
	assert_int_equal(v.div, 400);
	assert_int_equal(v.us, 15);
	assert_int_equal(v.sy, 10);
	assert_int_equal(v.id, 25);
	assert_int_equal(v.wa, 50);
	assert_int_equal(v.st, 0);
	/* guest: user +50 of which guest +20, irq +5, softirq +5, system +15,
	 * idle +25: Div = 50+25+25 = 100, us = 30, sy = 25, id = 25, gu = 20 */
	memset(&c, 0, sizeof(c));
	c.user = 50; c.guest = 20; c.irq = 5; c.softirq = 5; c.system = 15; c.idle = 25;
	cpu_model_vmstat(&p, &c, &v);
	assert_int_equal(v.us, 30);
	assert_int_equal(v.sy, 25);
	assert_int_equal(v.id, 25);
	assert_int_equal(v.gu, 20);
	/* rounding: use 1, idle 2, Div 3: us = (100+1)/3 = 33, id = (200+1)/3 = 67 */
	memset(&c, 0, sizeof(c));
	c.user = 1; c.idle = 2;
	cpu_model_vmstat(&p, &c, &v);
	assert_int_equal(v.us, 33);
	assert_int_equal(v.id, 67);
	/* nothing moved: Div 1, idle 1 -> id 100 */
	cpu_model_vmstat(&p, &p, &v);
	assert_int_equal(v.id, 100);
	assert_int_equal(v.us, 0);
	/* idle backwards counts 0: user +10, idle -5 -> us 100 */
	p.idle = 10;
	memset(&c, 0, sizeof(c));
	c.user = 10; c.idle = 5;
	cpu_model_vmstat(&p, &c, &v);
	assert_int_equal(v.us, 100);
	assert_int_equal(v.id, 0);
}

/* The synthesized 64-CPU fixture (tests/fixtures/gen-cpu64.sh): CPU 5 goes
 * offline, CPU 6 comes back, the rest have known deltas over 1 s. */
static void test_fixture_cpu64(void **state)
{
	struct root r0, r1;
	struct proc_stat p, c;
	struct cpu_model m;
	(void)state;
	proc_stat_init(&p);
	proc_stat_init(&c);
	cpu_model_init(&m);
	assert_int_equal(root_open(&r0, FIXTURES "cpu64/t0"), 0);
	assert_int_equal(root_open(&r1, FIXTURES "cpu64/t1"), 0);
	assert_int_equal(proc_stat_read(&r0, &p), 0);
	assert_int_equal(proc_stat_read(&r1, &c), 0);
	assert_int_equal(cpu_model_compute(&p, &c, 64, 1.0, &m), 0);
	assert_int_equal(m.cpu[5].state, CPU_OFFLINE);
	assert_int_equal(m.cpu[6].state, CPU_NEW);
	/* 62 counted CPUs x 100 ticks */
	assert_float_equal(m.all_ticks, 6200, EPS);
	/* usr: 100 (cpu0) + 50 (cpu2) + 60 - 40 (cpu4) = 170 */
	assert_float_equal(m.all.usr, 170.0 / 6200 * 100, EPS);
	/* idle: 50 + 75 + 20 + 56 * 100 + 80 = 5825 */
	assert_float_equal(m.all.idle, 5825.0 / 6200 * 100, EPS);
	assert_float_equal(m.all.steal, 10.0 / 6200 * 100, EPS);
	assert_float_equal(m.cpu[0].pct.usr, 100, EPS);
	assert_float_equal(m.cpu[1].pct.sys, 100, EPS);
	assert_float_equal(m.cpu[3].pct.iowait, 25, EPS);
	/* cpu4: usr 60-40 = 20, nice 20-10 = 10, guest 40, gnice 10, idle 20 */
	assert_float_equal(m.cpu[4].pct.usr, 20, EPS);
	assert_float_equal(m.cpu[4].pct.nice, 10, EPS);
	assert_float_equal(m.cpu[4].pct.guest, 40, EPS);
	assert_float_equal(m.cpu[4].pct.gnice, 10, EPS);
	assert_float_equal(m.cpu[63].pct.irq, 5, EPS);
	assert_float_equal(m.cpu[63].pct.idle, 80, EPS);
	/* ctxt 100000 -> 164000, intr 50000 -> 82000, forks 9000 -> 9030 in 1 s */
	assert_float_equal(m.ctxt_s, 64000, EPS);
	assert_float_equal(m.intr_s, 32000, EPS);
	assert_float_equal(m.forks_s, 30, EPS);
	root_close(&r0);
	root_close(&r1);
	cpu_model_free(&m);
	proc_stat_free(&p);
	proc_stat_free(&c);
}

/* mpstat -N: the numa fixture's t0 -> t1, node0 = CPUs 0-1, node1 = 2-3;
 * CPU 3 offline in the second case. */
static void test_nodes(void **state)
{
	struct proc_stat p, c;
	struct cpu_model m;
	struct cpu_node_model nm = { 0 };
	const int cpu2node[] = { 0, 0, 1, 1 };
	(void)state;

	parse(&p, "cpu  6500 100 2500 29000 400 50 50 0 0 0\n"
		  "cpu0 1000 0 500 8000 100 0 0 0 0 0\ncpu1 2000 0 500 7000 100 0 0 0 0 0\n"
		  "cpu2 3000 100 1000 5000 200 50 50 0 0 0\ncpu3 500 0 500 9000 0 0 0 0 0 0\n");
	parse(&c, "cpu  6650 110 2530 29200 410 50 50 0 0 0\n"
		  "cpu0 1050 0 510 8040 100 0 0 0 0 0\ncpu1 2020 0 500 7080 100 0 0 0 0 0\n"
		  "cpu2 3080 110 1010 5000 200 50 50 0 0 0\ncpu3 500 0 510 9080 10 0 0 0 0 0\n");
	cpu_model_init(&m);
	assert_int_equal(cpu_model_compute(&p, &c, 4, 1.0, &m), 0);
	assert_int_equal(cpu_model_nodes(&p, &c, &m, cpu2node, 4, 2, &nm), 0);
	assert_int_equal(nm.nnodes, 2);
	/* node0: 200 ticks, usr 50 + 20 = 70 -> 35 %, idle 40 + 80 -> 60 % */
	assert_float_equal(nm.node[0].ticks, 200, EPS);
	assert_float_equal(nm.node[0].pct.usr, 35.0, EPS);
	assert_float_equal(nm.node[0].pct.idle, 60.0, EPS);
	/* node1: usr 80 -> 40 %, nice 10 -> 5 %, sys 10 + 10 -> 10 %, iowait 10 -> 5 % */
	assert_float_equal(nm.node[1].pct.usr, 40.0, EPS);
	assert_float_equal(nm.node[1].pct.nice, 5.0, EPS);
	assert_float_equal(nm.node[1].pct.sys, 10.0, EPS);
	assert_float_equal(nm.node[1].pct.iowait, 5.0, EPS);
	/* CPU 3 offline now: node1 is CPU 2 alone (usr 80 of 100 ticks) */
	proc_stat_free(&c);
	parse(&c, "cpu  6650 110 2530 29200 410 50 50 0 0 0\n"
		  "cpu0 1050 0 510 8040 100 0 0 0 0 0\ncpu1 2020 0 500 7080 100 0 0 0 0 0\n"
		  "cpu2 3080 110 1010 5000 200 50 50 0 0 0\n");
	assert_int_equal(cpu_model_compute(&p, &c, 4, 1.0, &m), 0);
	assert_int_equal(cpu_model_nodes(&p, &c, &m, cpu2node, 4, 2, &nm), 0);
	assert_float_equal(nm.node[1].ticks, 100, EPS);
	assert_float_equal(nm.node[1].pct.usr, 80.0, EPS);
	/* no CPU of a node counted: not shown */
	assert_int_equal(cpu_model_nodes(&p, &c, &m, (const int[]){ 0, 0, 0, 1 }, 4, 2, &nm), 0);
	assert_int_equal(nm.node[1].state, CPU_OFFLINE);
	cpu_node_model_free(&nm);
	cpu_model_free(&m);
	proc_stat_free(&p);
	proc_stat_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_cpus),
		cmocka_unit_test(test_backwards),
		cmocka_unit_test(test_offline_online),
		cmocka_unit_test(test_tickless_boot_up),
		cmocka_unit_test(test_vmstat_cpu),
		cmocka_unit_test(test_fixture_cpu64),
		cmocka_unit_test(test_nodes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
