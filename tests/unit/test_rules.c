/* analysis/rules_*: every rule fires on a literal observation that should
 * make it fire, at the right severity and on the right resource, and the
 * healthy observation fires nothing. Observations are 5 intervals of 1 s on 2
 * CPUs unless said otherwise. */
#include "test.h"

#include <time.h>

#include "analysis/finding.h"
#include "analysis/klog.h"
#include "analysis/obs.h"
#include "analysis/rules.h"

#define N 5

static void fill(struct series *s, double v)
{
	series_init(s);
	for (int i = 0; i < N; i++)
		series_push(s, v);
}

/* Set s to the values given (exactly N). */
static void set(struct series *s, const double v[N])
{
	series_init(s);
	for (int i = 0; i < N; i++)
		series_push(s, v[i]);
}

/* A quiet 2-CPU box with every source read. */
static struct obs *healthy(void)
{
	struct obs *o = obs_new();
	struct obs_host *h = &o->host;

	assert_non_null(o);
	o->have = ~0u;
	o->intervals = N;
	o->interval_s = 1;
	o->window_s = N;
	o->t_end = 1000;
	h->ncpu = 2;
	fill(&h->cpu_usr, 3); fill(&h->cpu_sys, 1); fill(&h->cpu_iowait, 0.2);
	fill(&h->cpu_irq, 0); fill(&h->cpu_softirq, 0.1); fill(&h->cpu_steal, 0);
	fill(&h->cpu_idle, 95.7);
	fill(&h->cpu_busy, 4.3);
	fill(&h->runq, 0); fill(&h->blocked, 0); fill(&h->forks, 3);
	fill(&h->psi_cpu_some, 0.5); fill(&h->psi_mem_some, 0); fill(&h->psi_mem_full, 0);
	fill(&h->psi_io_some, 0.3); fill(&h->psi_io_full, 0.2);
	fill(&h->mem_avail_pct, 90); fill(&h->swap_in, 0); fill(&h->swap_out, 0);
	fill(&h->dirty_pct, 2);
	h->dirty_kb = 60000; h->writeback_kb = 0; h->dirty_thresh_kb = 3e6; h->dirty_bg_kb = 1.5e6;
	fill(&h->tcp_out_segs, 20); fill(&h->tcp_retrans, 0);
	fill(&h->listen_overflows, 0); fill(&h->listen_drops, 0);
	fill(&h->syn_cookies, 0); fill(&h->syn_drops, 0);
	fill(&h->softnet_drops, 0); fill(&h->softnet_squeezes, 0.4);
	h->mem_total = 16e9; h->mem_avail = 14.4e9; h->swap_total = 0; h->swap_free = 0;
	h->oom_kill_window = 0; h->oom_kill_boot = 0;
	h->file_nr = 600; h->file_max = 2465620;
	h->tcp_estab = 3; h->tcp_time_wait = 4; h->tcp_close_wait = 0; h->tcp_syn_recv = 0;
	h->nr_dstate = 0; h->nr_zombie = 0; h->nr_tasks = 90; h->load1 = 0.1;
	for (int i = 0; i < 2; i++) {
		struct obs_cpu *c = obs_add_cpu(o);
		c->id = i;
		fill(&c->busy, 4); fill(&c->softirq, 0.1); fill(&c->iowait, 0.2);
	}
	struct obs_disk *d = obs_add_disk(o);
	strcpy(d->name, "vda");
	d->rotational = 0;
	fill(&d->util, 1); fill(&d->aqu, 0.01); fill(&d->await, 0.5); fill(&d->iops, 3);
	d->errors = 0;
	struct obs_net *n = obs_add_net(o);
	strcpy(n->name, "eth0");
	n->speed_mbps = 1000;
	fill(&n->rx_bps, 2000); fill(&n->tx_bps, 1000); fill(&n->errs, 0); fill(&n->drops, 0);
	struct obs_fs *f = obs_add_fs(o);
	strcpy(f->mnt, "/");
	strcpy(f->dev, "/dev/vda");
	strcpy(f->type, "ext4");
	f->size = 252e9; f->used = 17e9; f->avail = 80e9; f->files = 16e6; f->ffree = 15e6; f->deleted = 0;
	struct obs_proc *p = obs_add_proc(o);
	p->pid = p->tid = 100;
	strcpy(p->comm, "sshd");
	p->state = 'S'; p->nthreads = 1; p->cpu_pct = 0.5; p->nfds = 12; p->fd_soft = 1024; p->close_wait = 0;
	struct obs_cgroup *cg = obs_add_cgroup(o);
	strcpy(cg->path, "/system.slice/x.service");
	cg->quota_cpus = 1;
	fill(&cg->throttled_pct, 0);
	cg->nr_throttled = 0; cg->throttled_ms = 0;
	cg->mem_current = 100e6; cg->mem_max = 1e9; cg->oom_kill_window = 0; cg->oom_kill_total = 0;
	struct obs_klog *k = obs_add_klog(o);
	k->kind = KLOG_OTHER;
	k->ts = 1.0;
	strcpy(k->text, "EXT4-fs (vda): mounted filesystem");
	return o;
}

static struct findings run(const struct obs *o)
{
	struct findings fs = { 0 };

	assert_int_equal(rules_run(o, &fs), 0);
	findings_rank(&fs);
	return fs;
}

/* The one finding of rule r, checked for severity and resource. */
static const struct finding *expect(const struct findings *fs, enum rule_id r, enum severity sev,
				    const char *resource)
{
	const struct finding *got = NULL;

	for (int i = 0; i < fs->n; i++)
		if (fs->v[i].rule == r) {
			got = &fs->v[i];
			break;
		}
	if (!got) {
		for (int i = 0; i < fs->n; i++)
			print_message("  have %s %s\n", rule_defs[fs->v[i].rule].id, fs->v[i].resource);
		fail_msg("no %s finding", rule_defs[r].id);
	}
	assert_int_equal(got->sev, sev);
	assert_string_equal(got->resource, resource);
	assert_true(got->nevidence >= 1);
	assert_true(got->nnext >= 1);
	assert_true(got->summary[0] != 0);
	return got;
}

/* No finding other than rule r (and the ones listed). */
static void only(const struct findings *fs, enum rule_id r, int also)
{
	for (int i = 0; i < fs->n; i++)
		if (fs->v[i].rule != r && (int)fs->v[i].rule != also)
			fail_msg("unexpected %s on %s", rule_defs[fs->v[i].rule].id, fs->v[i].resource);
}

static void test_healthy_silent(void **state)
{
	struct obs *o = healthy();
	struct findings fs = run(o);

	(void)state;
	for (int i = 0; i < fs.n; i++)
		print_message("unexpected %s %s\n", rule_defs[fs.v[i].rule].id, fs.v[i].resource);
	assert_int_equal(fs.n, 0);
	assert_int_equal(findings_worst(&fs), -1);
	findings_free(&fs);
	obs_free(o);
}

static void test_cpu_saturated(void **state)
{
	struct obs *o = healthy();
	/* vmstat r = 3,5,5,5,2 on 2 CPUs: above 2 in 4 of 5 s (> 1 per CPU,
	 * need ceil(0.6*5) = 3); above 4 (2 per CPU) in 3 of 5: critical. */
	const double r[N] = { 3, 5, 5, 5, 2 };
	(void)state;
	set(&o->host.runq, r);
	fill(&o->cpus[0].busy, 100);
	fill(&o->cpus[1].busy, 100);
	fill(&o->host.cpu_idle, 0);
	fill(&o->host.cpu_busy, 100.0);
	struct findings fs = run(o);
	const struct finding *f = expect(&fs, RULE_CPU_SATURATED, SEV_CRITICAL, "cpu");
	assert_non_null(strstr(f->evidence[0], "vmstat r=5 peak, 4.0 mean on 2 CPUs; above 2 in 4 of 5 s"));
	only(&fs, RULE_CPU_SATURATED, -1);
	findings_free(&fs);
	/* 3 runnable in 3 of 5 s: warning. */
	const double r2[N] = { 3, 3, 3, 0, 0 };
	set(&o->host.runq, r2);
	fs = run(o);
	expect(&fs, RULE_CPU_SATURATED, SEV_WARNING, "cpu");
	findings_free(&fs);
	/* 3 runnable in 2 of 5 s: not most of the window. */
	const double r3[N] = { 3, 3, 0, 0, 0 };
	set(&o->host.runq, r3);
	fs = run(o);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	/* PSI cpu some 35% alone: warning. */
	fill(&o->host.psi_cpu_some, 35);
	fs = run(o);
	expect(&fs, RULE_CPU_SATURATED, SEV_WARNING, "cpu");
	findings_free(&fs);
	/* PSI cpu some 90% while the CPUs are 80% idle: a throttled cgroup or
	 * a cpuset, not a host short of CPU: no cpu.saturated. */
	fill(&o->host.psi_cpu_some, 90);
	fill(&o->host.cpu_idle, 80);
	fill(&o->host.cpu_busy, 20.0);
	fs = run(o);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	obs_free(o);
}

static void test_cpu_single_thread(void **state)
{
	struct obs *o = healthy();
	(void)state;
	fill(&o->cpus[1].busy, 99);
	fill(&o->host.cpu_idle, 48);
	fill(&o->host.cpu_busy, 52.0);
	struct obs_proc *p = obs_add_proc(o);
	p->pid = p->tid = 4242;
	strcpy(p->comm, "hog");
	p->cpu_pct = 99;
	p->nthreads = 1;
	struct findings fs = run(o);
	const struct finding *f = expect(&fs, RULE_CPU_SINGLE_THREAD, SEV_WARNING, "cpu:1");
	/* the other CPU: 100 - 4 = 96% idle */
	assert_non_null(strstr(f->summary, "96% idle"));
	assert_int_equal(f->pid, 4242);
	assert_string_equal(f->next[0], "triage pidstat -t -p 4242 1 5");
	only(&fs, RULE_CPU_SINGLE_THREAD, -1);
	findings_free(&fs);
	/* both CPUs busy: no room, not single-threaded */
	fill(&o->cpus[0].busy, 99);
	fs = run(o);
	for (int i = 0; i < fs.n; i++)
		assert_int_not_equal(fs.v[i].rule, RULE_CPU_SINGLE_THREAD);
	findings_free(&fs);
	obs_free(o);
}

static void test_cpu_pcts(void **state)
{
	struct obs *o = healthy();
	(void)state;
	fill(&o->host.cpu_iowait, 55);	/* > 50: critical */
	fill(&o->host.cpu_steal, 12);	/* > 10: warning */
	fill(&o->cpus[0].softirq, 30);	/* > 25: warning on cpu:0 */
	struct findings fs = run(o);
	expect(&fs, RULE_CPU_IOWAIT, SEV_CRITICAL, "cpu");
	expect(&fs, RULE_CPU_STEAL, SEV_WARNING, "cpu");
	expect(&fs, RULE_CPU_SOFTIRQ, SEV_WARNING, "cpu:0");
	assert_int_equal(fs.n, 3);
	/* ranked: critical first */
	assert_int_equal(fs.v[0].rule, RULE_CPU_IOWAIT);
	findings_free(&fs);
	obs_free(o);
}

static void test_mem(void **state)
{
	struct obs *o = healthy();
	const double avail[N] = { 9, 8, 4, 6, 7 };	/* lowest 4%: < 5 critical */
	(void)state;
	set(&o->host.mem_avail_pct, avail);
	fill(&o->host.swap_in, 100);
	fill(&o->host.swap_out, 20);	/* 120 kB/s > 40: warning */
	fill(&o->host.psi_mem_some, 12);	/* > 10 warning */
	fill(&o->host.psi_mem_full, 25);	/* > 20 critical */
	struct findings fs = run(o);
	expect(&fs, RULE_MEM_LOW_AVAILABLE, SEV_CRITICAL, "memory");
	expect(&fs, RULE_MEM_SWAPPING, SEV_WARNING, "swap");
	expect(&fs, RULE_MEM_PRESSURE, SEV_CRITICAL, "memory");
	assert_int_equal(fs.n, 3);
	findings_free(&fs);
	obs_free(o);
}

/* mem.dirty: dirty + writeback past 75 % of nr_dirty_threshold in most
 * intervals warns, past 100 % is critical; the writer throttled in
 * balance_dirty_pages is named. */
static void test_mem_dirty(void **state)
{
	struct obs *o = healthy();
	const double warn[N] = { 50, 80, 85, 90, 70 };	/* 3 of 5 > 75 (MOST: 3) */
	const double few[N] = { 50, 80, 60, 90, 70 };	/* 2 of 5: not most */
	const double crit[N] = { 101, 105, 110, 90, 102 };
	(void)state;
	set(&o->host.dirty_pct, few);
	struct findings fs = run(o);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	set(&o->host.dirty_pct, warn);
	struct obs_tproc *t = obs_add_tproc(o);
	t->pid = 4242;
	strcpy(t->comm, "backup");
	t->state = 'D';
	t->nwaits = 1;
	strcpy(t->waits[0].wchan, "balance_dirty_pages");
	t->waits[0].pct = 80;
	fs = run(o);
	const struct finding *f = expect(&fs, RULE_MEM_DIRTY, SEV_WARNING, "memory");
	assert_int_equal(f->pid, 4242);
	assert_non_null(strstr(f->evidence[1], "backup (pid 4242): 80% of its thread-samples throttled in balance_dirty_pages"));
	/* 58.6 MiB dirty of 2929.7 MiB */
	assert_non_null(strstr(f->evidence[0], "dirty 58.6 MiB + writeback 0.0 MiB of a 2929.7 MiB limit"));
	findings_free(&fs);
	set(&o->host.dirty_pct, crit);
	fs = run(o);
	expect(&fs, RULE_MEM_DIRTY, SEV_CRITICAL, "memory");
	findings_free(&fs);
	obs_free(o);
}

/* tcp.time_wait's second metric: TIME-WAIT to one destination against the
 * ephemeral port range (28232 ports: 32768-60999). */
static void test_time_wait_dest(void **state)
{
	struct obs *o = healthy();
	(void)state;
	o->host.port_range = 28232;
	o->host.tcp_time_wait = 15200;
	o->host.ntw_dest = 2;
	strcpy(o->host.tw_dest[0].addr, "10.0.0.5");
	o->host.tw_dest[0].port = 5432;
	o->host.tw_dest[0].n = 15000;	/* 53.1 % > 50: warning */
	strcpy(o->host.tw_dest[1].addr, "10.0.0.6");
	o->host.tw_dest[1].port = 443;
	o->host.tw_dest[1].n = 200;
	struct findings fs = run(o);
	const struct finding *f = expect(&fs, RULE_TCP_TIME_WAIT, SEV_WARNING, "tcp:10.0.0.5:5432");
	assert_non_null(strstr(f->summary, "hold 53% of the ephemeral ports"));
	assert_non_null(strstr(f->evidence[1], "next: 200 to 10.0.0.6:443"));
	only(&fs, RULE_TCP_TIME_WAIT, -1);
	findings_free(&fs);
	o->host.tw_dest[0].n = 26000;	/* 92.1 % > 90: critical */
	fs = run(o);
	expect(&fs, RULE_TCP_TIME_WAIT, SEV_CRITICAL, "tcp:10.0.0.5:5432");
	findings_free(&fs);
	o->host.tw_dest[0].n = 9000;	/* 31.9 %, and 15200 on the host > 10000: the count's warning */
	fs = run(o);
	expect(&fs, RULE_TCP_TIME_WAIT, SEV_WARNING, "tcp");
	findings_free(&fs);
	obs_free(o);
}

static void test_mem_oom_kill(void **state)
{
	struct obs *o = healthy();
	(void)state;
	o->host.oom_kill_window = 1;
	o->host.oom_kill_boot = 3;
	struct obs_klog *k = obs_add_klog(o);
	k->kind = KLOG_OOM;
	k->in_window = true;
	k->ts = 998.5;
	strcpy(k->text, "Memory cgroup out of memory: Killed process 5151 (eater) total-vm:1000kB");
	struct findings fs = run(o);
	const struct finding *f = expect(&fs, RULE_MEM_OOM_KILL, SEV_CRITICAL, "memory");
	assert_int_equal(f->pid, 5151);
	assert_string_equal(f->comm, "eater");
	only(&fs, RULE_MEM_OOM_KILL, -1);
	findings_free(&fs);
	/* the same kill before the window: info only */
	o->host.oom_kill_window = 0;
	k->in_window = false;
	fs = run(o);
	f = expect(&fs, RULE_MEM_OOM_KILL, SEV_INFO, "memory");
	/* t_end 1000 - ts 998.5 = 1.5 s, a replay: no wall clock */
	assert_non_null(strstr(f->summary, "eater (pid 5151), 2 s before the end of the window"));
	findings_free(&fs);
	/* live: the wall clock at the end, 2026-11-21 06:00:00 UTC, less 1.5 s */
	setenv("TZ", "UTC", 1);
	tzset();
	o->wall_end = 1795240800;
	fs = run(o);
	f = expect(&fs, RULE_MEM_OOM_KILL, SEV_INFO, "memory");
	assert_non_null(strstr(f->summary, "eater (pid 5151), at 05:59:58, 2 s ago"));
	assert_int_equal(findings_worst(&fs), SEV_INFO);
	findings_free(&fs);
	obs_free(o);
}

static void test_disk(void **state)
{
	struct obs *o = healthy();
	struct obs_disk *d = &o->disks[0];
	(void)state;
	fill(&d->util, 100);
	fill(&d->aqu, 6);	/* util > 99 and aqu > 4: critical */
	fill(&d->await, 30);	/* > 20 ms on SSD: warning */
	fill(&d->iops, 200);
	d->errors = 2;
	struct findings fs = run(o);
	expect(&fs, RULE_DISK_SATURATED, SEV_CRITICAL, "disk:vda");
	expect(&fs, RULE_DISK_SLOW, SEV_WARNING, "disk:vda");
	expect(&fs, RULE_DISK_ERRORS, SEV_CRITICAL, "disk:vda");
	findings_free(&fs);
	/* 30 ms on a rotational disk is normal */
	d->rotational = 1;
	d->errors = 0;
	fill(&d->aqu, 0.5);
	fs = run(o);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	/* slow, but with no I/O to judge (iops < 1) on an idle disk: silent */
	d->rotational = 0;
	fill(&d->iops, 0.2);
	fill(&d->util, 5);
	fs = run(o);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	/* so slow that under one I/O a second completes while it is busy all the
	 * time (a loop device over slow storage): judged, 1200 ms > 100 critical */
	fill(&d->util, 100);
	fill(&d->await, 1200);
	fs = run(o);
	expect(&fs, RULE_DISK_SLOW, SEV_CRITICAL, "disk:vda");
	only(&fs, RULE_DISK_SLOW, -1);
	findings_free(&fs);
	fill(&d->await, 30);
	fill(&d->util, 5);
	/* an I/O error in the kernel log during the window */
	struct obs_klog *k = obs_add_klog(o);
	k->kind = klog_classify("I/O error, dev sdb, sector 1234 op 0x1:(WRITE)");
	k->in_window = true;
	strcpy(k->text, "I/O error, dev sdb, sector 1234 op 0x1:(WRITE)");
	fs = run(o);
	expect(&fs, RULE_DISK_ERRORS, SEV_CRITICAL, "disk:sdb");
	only(&fs, RULE_DISK_ERRORS, -1);
	findings_free(&fs);
	obs_free(o);
}

static void test_fs(void **state)
{
	struct obs *o = healthy();
	struct obs_fs *f = obs_add_fs(o);
	(void)state;
	strcpy(f->mnt, "/mnt/small");
	strcpy(f->dev, "tmpfs");
	strcpy(f->type, "tmpfs");
	/* 63 MiB used, 1 MiB avail of 64: 98.4% > 98 critical */
	f->size = 64 << 20; f->used = 63 << 20; f->avail = 1 << 20;
	f->files = 1000; f->ffree = 50;	/* 95% inodes: warning */
	f->deleted = 40 << 20;	/* 62.5% of the size: > 50 critical */
	f->deleted_pid = 777;
	strcpy(f->deleted_comm, "holder");
	strcpy(f->deleted_path, "/mnt/small/big.log");
	struct findings fs = run(o);
	expect(&fs, RULE_FS_FULL, SEV_CRITICAL, "fs:/mnt/small");
	expect(&fs, RULE_FS_INODES_FULL, SEV_WARNING, "fs:/mnt/small");
	const struct finding *d = expect(&fs, RULE_FS_DELETED_OPEN, SEV_CRITICAL, "fs:/mnt/small");
	assert_int_equal(d->pid, 777);
	assert_string_equal(d->comm, "holder");
	assert_int_equal(fs.n, 3);
	findings_free(&fs);
	/* 5 MiB deleted is below the 10 MiB floor */
	f->deleted = 5 << 20;
	f->used = 10 << 20; f->avail = 54 << 20; f->ffree = 900;
	fs = run(o);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	obs_free(o);
}

static void test_fd(void **state)
{
	struct obs *o = healthy();
	struct obs_proc *p = obs_add_proc(o);
	(void)state;
	p->pid = p->tid = 31337;
	strcpy(p->comm, "leaky");
	p->nfds = 95; p->fd_soft = 100;	/* 95% > 90: warning */
	struct findings fs = run(o);
	const struct finding *f = expect(&fs, RULE_FD_NEAR_LIMIT, SEV_WARNING, "pid:31337");
	assert_int_equal(f->pid, 31337);
	assert_string_equal(f->next[0], "triage pid 31337");
	only(&fs, RULE_FD_NEAR_LIMIT, -1);
	findings_free(&fs);
	/* system file table: 2.4M of 2.46M = 97.6% > 95 critical */
	p->nfds = 10;
	o->host.file_nr = 2.4e6;
	fs = run(o);
	expect(&fs, RULE_FD_NEAR_LIMIT, SEV_CRITICAL, "fd");
	findings_free(&fs);
	obs_free(o);
}

static void test_net(void **state)
{
	struct obs *o = healthy();
	struct obs_net *n = &o->nets[0];
	(void)state;
	fill(&n->errs, 5);	/* > 1/s: warning */
	fill(&n->rx_bps, 120e6);	/* 960 Mb/s of 1000 = 96% > 95: critical */
	struct findings fs = run(o);
	expect(&fs, RULE_NET_ERRORS, SEV_WARNING, "net:eth0");
	expect(&fs, RULE_NET_SATURATED, SEV_CRITICAL, "net:eth0");
	assert_int_equal(fs.n, 2);
	findings_free(&fs);
	/* unknown speed: no saturation judgement */
	n->speed_mbps = NAN;
	fill(&n->errs, 0);
	fs = run(o);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	obs_free(o);
}

static void test_softnet(void **state)
{
	struct obs *o = healthy();
	struct obs_host *h = &o->host;
	const struct finding *f;
	(void)state;
	/* 40 drops/s x 5 s = 200 packets in the window > 0: warning, on the CPU
	 * that took the most */
	fill(&h->softnet_drops, 40);
	h->softnet_cpu = 1;
	h->softnet_cpu_drops = 200;
	h->softnet_cpu_squeezes = 0;
	struct findings fs = run(o);
	f = expect(&fs, RULE_NET_SOFTNET, SEV_WARNING, "cpu:1");
	assert_non_null(strstr(f->summary, "200 packets dropped in 5 s"));
	assert_string_equal(f->next[0], "triage sar -n SOFT -P ALL 1 5");
	only(&fs, RULE_NET_SOFTNET, -1);
	findings_free(&fs);
	/* 300/s x 5 = 1500 > 1000: critical; CPU unknown: the host's "cpu" */
	fill(&h->softnet_drops, 300);
	h->softnet_cpu = -1;
	fs = run(o);
	expect(&fs, RULE_NET_SOFTNET, SEV_CRITICAL, "cpu");
	findings_free(&fs);
	/* no drops, 15 squeezes/s mean > 10: warning on squeezes alone */
	fill(&h->softnet_drops, 0);
	fill(&h->softnet_squeezes, 15);
	fs = run(o);
	f = expect(&fs, RULE_NET_SOFTNET, SEV_WARNING, "cpu");
	assert_non_null(strstr(f->summary, "15.0 squeezes/s"));
	findings_free(&fs);
	/* silent: 10 squeezes/s is not above 10, no drops; one interval unknown
	 * (a counter went back) with none dropped in the others */
	fill(&h->softnet_squeezes, 10);
	const double back[N] = { 0, NAN, 0, 0, 0 };
	set(&h->softnet_drops, back);
	fs = run(o);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	/* silent without /proc/net/softnet_stat, whatever the series say */
	fill(&h->softnet_drops, 300);
	o->have &= ~(unsigned)HAVE_SOFTNET;
	fs = run(o);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	obs_free(o);
}

static void test_tcp(void **state)
{
	struct obs *o = healthy();
	struct obs_host *h = &o->host;
	(void)state;
	/* 1000 segs/s x 5 s = 5000 sent, 2/s x 5 = 10 retransmitted: 0.2% > 0.1 */
	fill(&h->tcp_out_segs, 1000);
	fill(&h->tcp_retrans, 2);
	h->tcp_time_wait = 12000;
	h->tcp_close_wait = 150;
	struct findings fs = run(o);
	expect(&fs, RULE_TCP_RETRANS, SEV_WARNING, "tcp");
	expect(&fs, RULE_TCP_TIME_WAIT, SEV_WARNING, "tcp");
	expect(&fs, RULE_TCP_CLOSE_WAIT, SEV_WARNING, "tcp");
	assert_int_equal(fs.n, 3);
	findings_free(&fs);
	/* too little traffic to judge retransmits: 20 segs/s x 5 = 100 < 1000 */
	fill(&h->tcp_out_segs, 20);
	h->tcp_time_wait = 10;
	/* the CLOSE-WAIT owner known: named */
	struct obs_proc *p = obs_add_proc(o);
	p->pid = p->tid = 2020;
	strcpy(p->comm, "server");
	p->close_wait = 150;
	fs = run(o);
	const struct finding *f = expect(&fs, RULE_TCP_CLOSE_WAIT, SEV_WARNING, "pid:2020");
	assert_int_equal(f->pid, 2020);
	assert_int_equal(fs.n, 1);
	findings_free(&fs);
	obs_free(o);
}

static void test_listen_overflow(void **state)
{
	struct obs *o = healthy();
	struct obs_host *h = &o->host;
	(void)state;
	const double ov[N] = { 0, 40, 40, 20, 0 };	/* 100 in 5 s */
	set(&h->listen_overflows, ov);
	set(&h->listen_drops, ov);
	fill(&h->syn_cookies, 30);	/* 150 cookies: a consequence here */
	struct obs_listen *l = obs_add_listen(o);
	strcpy(l->addr, "127.0.0.1");
	l->port = 8080;
	l->queued = 5; l->queued_max = 5; l->backlog = 4;
	l->pid = 99;
	strcpy(l->comm, "slow");
	struct obs_klog *k = obs_add_klog(o);
	strcpy(k->text, "TCP: request_sock_TCP: Possible SYN flooding on port 127.0.0.1:8080. Sending cookies.");
	k->kind = klog_classify(k->text);
	k->in_window = true;
	struct findings fs = run(o);
	const struct finding *f = expect(&fs, RULE_TCP_LISTEN_OVERFLOW, SEV_WARNING, "tcp:8080");
	assert_int_equal(f->pid, 99);
	/* the SYN cookies and the log line are explained, not separate warnings */
	expect(&fs, RULE_TCP_SYN_FLOOD, SEV_INFO, "tcp:8080");
	assert_int_equal(findings_worst(&fs), SEV_WARNING);
	for (int i = 0; i < fs.n; i++)
		assert_int_not_equal(fs.v[i].rule, RULE_KERNEL_ERRORS);
	findings_free(&fs);
	/* cookies without overflows: a SYN flood warning */
	fill(&h->listen_overflows, 0);
	fill(&h->listen_drops, 0);
	fs = run(o);
	expect(&fs, RULE_TCP_SYN_FLOOD, SEV_WARNING, "tcp:8080");
	expect(&fs, RULE_KERNEL_ERRORS, SEV_WARNING, "kernel");
	findings_free(&fs);
	obs_free(o);
}

static void test_tasks(void **state)
{
	struct obs *o = healthy();
	(void)state;
	fill(&o->host.blocked, 4);	/* > 2 with CPUs idle: warning */
	o->host.nr_zombie = 60;	/* > 50 warning */
	fill(&o->host.forks, 2500);	/* > 2000 critical */
	struct obs_proc *p = obs_add_proc(o);
	p->pid = p->tid = 6000;
	strcpy(p->comm, "nfsd");
	p->state = 'D';
	struct findings fs = run(o);
	const struct finding *f = expect(&fs, RULE_TASK_D_STATE, SEV_WARNING, "tasks");
	assert_int_equal(f->pid, 6000);
	expect(&fs, RULE_TASK_ZOMBIES, SEV_WARNING, "tasks");
	expect(&fs, RULE_TASK_FORK_STORM, SEV_CRITICAL, "tasks");
	assert_int_equal(fs.n, 3);
	findings_free(&fs);
	/* D tasks while the CPUs are busy: not this rule */
	fill(&o->host.cpu_idle, 10);
	fill(&o->host.cpu_busy, 90.0);
	o->host.nr_zombie = 0;
	fill(&o->host.forks, 1);
	fs = run(o);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	obs_free(o);
}

/* A recorded window's ended processes (o->exited): the fork storm names
 * their parent, and the CPU rules name it when together they outweigh the
 * busiest process. */
static void test_exited(void **state)
{
	struct obs *o = healthy();
	struct obs_exited *e = &o->exited;
	const struct finding *f;
	struct findings fs;
	struct obs_proc *p;
	(void)state;
	fill(&o->host.forks, 300);	/* > 200: warning */
	e->known = true;
	e->n = 1500, e->cpu_pct = 160, e->ppid = 4321, e->group_n = 1490, e->group_cpu_pct = 150;
	strcpy(e->comm, "fbchild");
	strcpy(e->parent_comm, "spawner");
	fs = run(o);
	f = expect(&fs, RULE_TASK_FORK_STORM, SEV_WARNING, "tasks");
	assert_int_equal(f->pid, 4321);
	assert_string_equal(f->comm, "spawner");
	assert_int_equal(f->nevidence, 2);
	assert_string_equal(f->evidence[1], "1500 processes ended in the window, 160% of one CPU together "
			    "(recorded exits); most: 1490 named fbchild, children of spawner (pid 4321), "
			    "150% of one CPU");
	findings_free(&fs);
	/* the CPUs saturated: the children (150 %) outweigh the busiest (80 %) */
	fill(&o->host.forks, 3);
	fill(&o->host.runq, 8);
	fill(&o->host.cpu_idle, 0);
	fill(&o->host.cpu_busy, 100);
	fill(&o->host.cpu_usr, 90);
	p = obs_add_proc(o);
	p->pid = p->tid = 77;
	p->nthreads = 4;
	p->cpu_pct = 80;
	strcpy(p->comm, "db");
	fs = run(o);
	f = expect(&fs, RULE_CPU_SATURATED, SEV_CRITICAL, "cpu");
	assert_int_equal(f->pid, 4321);
	findings_free(&fs);
	/* the busiest outweighs them: it is named, they are evidence */
	p->cpu_pct = 190;
	fs = run(o);
	f = expect(&fs, RULE_CPU_SATURATED, SEV_CRITICAL, "cpu");
	assert_int_equal(f->pid, 77);
	assert_non_null(strstr(f->evidence[f->nevidence - 2], "1490 named fbchild"));
	findings_free(&fs);
	/* not known (a live report, or no BPF when recording): nothing said */
	e->known = false;
	fs = run(o);
	f = expect(&fs, RULE_CPU_SATURATED, SEV_CRITICAL, "cpu");
	for (int i = 0; i < f->nevidence; i++)
		assert_null(strstr(f->evidence[i], "ended in the window"));
	findings_free(&fs);
	obs_free(o);
}

static void test_cgroup(void **state)
{
	struct obs *o = healthy();
	struct obs_cgroup *c = &o->cgroups[0];
	(void)state;
	fill(&c->throttled_pct, 90);	/* > 80: critical */
	c->nr_throttled = 45;
	c->throttled_ms = 2000;
	c->mem_current = 0.95e9;	/* 95% of 1 GB: warning */
	c->oom_kill_window = 1;
	c->oom_kill_total = 1;
	struct findings fs = run(o);
	expect(&fs, RULE_CGROUP_CPU_THROTTLED, SEV_CRITICAL, "cgroup:/system.slice/x.service");
	expect(&fs, RULE_CGROUP_MEMORY_NEAR_LIMIT, SEV_WARNING, "cgroup:/system.slice/x.service");
	expect(&fs, RULE_CGROUP_OOM_KILL, SEV_CRITICAL, "cgroup:/system.slice/x.service");
	assert_int_equal(fs.n, 3);
	findings_free(&fs);
	/* an old OOM kill: info */
	fill(&c->throttled_pct, 0);
	c->nr_throttled = 0;
	c->mem_current = 1e8;
	c->oom_kill_window = 0;
	fs = run(o);
	expect(&fs, RULE_CGROUP_OOM_KILL, SEV_INFO, "cgroup:/system.slice/x.service");
	findings_free(&fs);
	obs_free(o);
}

static void test_kernel(void **state)
{
	struct obs *o = healthy();
	(void)state;
	struct obs_klog *k = obs_add_klog(o);
	strcpy(k->text, "INFO: task jbd2/vda-8:123 blocked for more than 120 seconds.");
	k->kind = klog_classify(k->text);
	k->in_window = true;
	k->ts = 999;
	k = obs_add_klog(o);
	strcpy(k->text, "a.out[4321]: segfault at 0 ip 0000 sp 0000 error 4 in a.out");
	k->kind = klog_classify(k->text);
	k->ts = 10;
	struct findings fs = run(o);
	const struct finding *f = expect(&fs, RULE_KERNEL_ERRORS, SEV_CRITICAL, "kernel");
	assert_non_null(strstr(f->evidence[0], "hung task"));
	assert_int_equal(f->nevidence, 1);	/* only the lines of the window */
	findings_free(&fs);
	o->klog[1].in_window = false;
	fs = run(o);
	expect(&fs, RULE_KERNEL_ERRORS, SEV_INFO, "kernel");
	findings_free(&fs);
	obs_free(o);
}

static void test_klog_parse(void **state)
{
	int pid = 0;
	char comm[64], dev[32];
	(void)state;
	assert_int_equal(klog_classify("Out of memory: Killed process 12 (java) total-vm:1kB"), KLOG_OOM);
	assert_int_equal(klog_oom_victim("Out of memory: Killed process 12 (java) total-vm:1kB", &pid,
					 comm, sizeof(comm)), 0);
	assert_int_equal(pid, 12);
	assert_string_equal(comm, "java");
	assert_int_equal(klog_oom_victim("nothing", &pid, comm, sizeof(comm)), -ENOENT);
	assert_int_equal(klog_ioerr_dev("blk_update_request: I/O error, dev nvme0n1, sector 8", dev, sizeof(dev)), 0);
	assert_string_equal(dev, "nvme0n1");
	assert_int_equal(klog_synflood_port("TCP: request_sock_TCP: Possible SYN flooding on port [::]:443. Sending cookies."), 443);
	assert_int_equal(klog_synflood_port("TCP: Possible SYN flooding on port 80. Dropping request."), 80);
	assert_int_equal(klog_classify("mce: [Hardware Error]: Machine check events logged"), KLOG_HARDWARE);
	assert_int_equal(klog_classify("watchdog: BUG: soft lockup - CPU#0 stuck for 22s!"), KLOG_LOCKUP);
	assert_int_equal(klog_classify("EXT4-fs (vda): mounted filesystem"), KLOG_OTHER);
}

static void test_rank_and_window(void **state)
{
	struct findings fs = { 0 };
	struct obs *o = healthy();
	char w[64];
	(void)state;
	findings_add(&fs, RULE_TCP_TIME_WAIT, SEV_WARNING, 1.2, "tcp");
	findings_add(&fs, RULE_FS_FULL, SEV_CRITICAL, 1.0, "fs:/");
	findings_add(&fs, RULE_CPU_SATURATED, SEV_WARNING, 3.0, "cpu");
	findings_add(&fs, RULE_MEM_OOM_KILL, SEV_INFO, 9.0, "memory");
	findings_rank(&fs);
	assert_int_equal(fs.v[0].rule, RULE_FS_FULL);	/* critical first */
	assert_int_equal(fs.v[1].rule, RULE_CPU_SATURATED);	/* then the larger impact */
	assert_int_equal(fs.v[2].rule, RULE_TCP_TIME_WAIT);
	assert_int_equal(fs.v[3].rule, RULE_MEM_OOM_KILL);
	assert_int_equal(findings_worst(&fs), SEV_CRITICAL);
	findings_free(&fs);
	assert_string_equal(rule_window_str(o, 4, w, sizeof(w)), "4 of 5 s");
	o->interval_s = 0.5;
	o->intervals = 10;
	assert_string_equal(rule_window_str(o, 7, w, sizeof(w)), "7 of 10 samples");
	assert_int_equal(rule_need(o, RULE_CPU_SATURATED), 6);	/* ceil(0.6 * 10) */
	obs_free(o);
}

/* Every rule has an id, a kind, a metric, an action and a next command; ids unique. */
static void test_table(void **state)
{
	(void)state;
	for (int i = 0; i < RULE__COUNT; i++) {
		const struct rule_def *d = &rule_defs[i];
		assert_non_null(d->id);
		assert_non_null(d->kind);
		assert_non_null(d->metric);
		assert_non_null(d->action);
		assert_non_null(d->next[0]);
		assert_true(d->use == 'U' || d->use == 'S' || d->use == 'E');
		assert_true(!isnan(d->warn) || !isnan(d->crit));
		for (int k = 0; k < i; k++)
			assert_string_not_equal(d->id, rule_defs[k].id);
	}
}

/* A finding naming a process gets its PID in every next command: after a
 * space or a slash, not inside PPID, each one once. */
static void test_next_pid(void **state)
{
	struct findings fs = { 0 };
	struct finding *f;

	(void)state;
	f = findings_add(&fs, RULE_FD_NEAR_LIMIT, SEV_CRITICAL, 1, "pid:%d", 4242);
	assert_non_null(f);
	finding_name_proc(f, 4242, "app");
	finding_next_first(f, "triage pid %d", 4242);
	findings_rank(&fs);
	assert_string_equal(fs.v[0].next[0], "triage pid 4242");
	assert_string_equal(fs.v[0].next[1], "triage fds -p 4242");
	assert_string_equal(fs.v[0].next[2], "ls /proc/4242/fd | wc -l");
	assert_string_equal(fs.v[0].next[3], "lsof -p 4242");
	assert_int_equal(fs.v[0].nnext, 4);	/* the table's "triage pid PID" was the same */
	f = findings_add(&fs, RULE_PROC_ZOMBIE, SEV_WARNING, 1, "pid:%d", 7);
	finding_name_proc(f, 7, "z");
	findings_rank(&fs);
	for (int i = 0; i < fs.n; i++)
		if (fs.v[i].rule == RULE_PROC_ZOMBIE)
			assert_string_equal(fs.v[i].next[1], "ps -o pid,stat,comm --ppid PPID");
	findings_free(&fs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_healthy_silent),
		cmocka_unit_test(test_cpu_saturated),
		cmocka_unit_test(test_cpu_single_thread),
		cmocka_unit_test(test_cpu_pcts),
		cmocka_unit_test(test_mem),
		cmocka_unit_test(test_mem_oom_kill),
		cmocka_unit_test(test_mem_dirty),
		cmocka_unit_test(test_time_wait_dest),
		cmocka_unit_test(test_disk),
		cmocka_unit_test(test_fs),
		cmocka_unit_test(test_fd),
		cmocka_unit_test(test_net),
		cmocka_unit_test(test_tcp),
		cmocka_unit_test(test_listen_overflow),
		cmocka_unit_test(test_tasks),
		cmocka_unit_test(test_exited),
		cmocka_unit_test(test_cgroup),
		cmocka_unit_test(test_kernel),
		cmocka_unit_test(test_softnet),
		cmocka_unit_test(test_klog_parse),
		cmocka_unit_test(test_rank_and_window),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_next_pid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
