/* The triage collector's host-wide sources: CPU time and the scheduler
 * (/proc/stat through model/cpu), memory and swapping (/proc/meminfo and
 * /proc/vmstat through model/mem), PSI (model/psi) and cgroups with limits
 * (model/cgroup). */
#include "cmd/triage_collect_priv.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/cgroup.h"
#include "model/cpu.h"
#include "model/delta.h"
#include "model/mem.h"
#include "model/psi.h"

/* Push v to s from the second sample on. */
static void push(const struct collect *c, struct series *s, double v)
{
	if (c->k > 0)
		series_push(s, v);
}

/* mem.dirty's figures: dirty and writeback pages against the kernel's own
 * limits (nr_dirty_threshold is what balance_dirty_pages throttles at). */
static void dirty(struct collect *c, const struct proc_vmstat *vm)
{
	struct obs_host *h = &c->o->host;
	long page = sysconf(_SC_PAGESIZE);
	double kb = page > 0 ? (double)page / 1024 : 4;

	if (!proc_vmstat_has(vm, VM_NR_DIRTY) || !proc_vmstat_has(vm, VM_NR_WRITEBACK))
		return;
	h->dirty_kb = (double)vm->v[VM_NR_DIRTY] * kb;
	h->writeback_kb = (double)vm->v[VM_NR_WRITEBACK] * kb;
	if (!proc_vmstat_has(vm, VM_NR_DIRTY_THRESHOLD) || !vm->v[VM_NR_DIRTY_THRESHOLD]) {
		push(c, &h->dirty_pct, NAN);
		return;
	}
	h->dirty_thresh_kb = (double)vm->v[VM_NR_DIRTY_THRESHOLD] * kb;
	if (proc_vmstat_has(vm, VM_NR_DIRTY_BG_THRESHOLD))
		h->dirty_bg_kb = (double)vm->v[VM_NR_DIRTY_BG_THRESHOLD] * kb;
	push(c, &h->dirty_pct, (h->dirty_kb + h->writeback_kb) / h->dirty_thresh_kb * 100);
}

static void cpu_interval(struct collect *c)
{
	struct obs *o = c->o;
	struct obs_host *h = &o->host;
	struct cpu_model m;
	const struct cpu_pct *a;
	const struct sample *ps = prev_snap(c)->smp, *cs = cur_snap(c)->smp;
	bool ok = sample_has(ps, SAMPLE_STAT) && sample_has(cs, SAMPLE_STAT);

	cpu_model_init(&m);
	if (ok && cpu_model_compute(&ps->stat, &cs->stat, cs->stat.ncpu, c->dt, &m))
		ok = false;
	a = &m.all;
	/* mpstat's %usr + %nice; idle is %idle + %iowait: time nothing ran. */
	push(c, &h->cpu_usr, ok ? a->usr + a->nice : NAN);
	push(c, &h->cpu_sys, ok ? a->sys : NAN);
	push(c, &h->cpu_iowait, ok ? a->iowait : NAN);
	push(c, &h->cpu_irq, ok ? a->irq : NAN);
	push(c, &h->cpu_softirq, ok ? a->soft : NAN);
	push(c, &h->cpu_steal, ok ? a->steal : NAN);
	push(c, &h->cpu_idle, ok ? a->idle + a->iowait : NAN);
	push(c, &h->cpu_busy, ok ? cpu_pct_busy(a) : NAN);
	push(c, &h->forks, ok ? m.forks_s : NAN);
	push(c, &h->blocked, ok ? m.procs_blocked : NAN);
	/* vmstat r: procs_running counts us, reading it; leave us out. */
	push(c, &h->runq, ok ? fmax(m.procs_running - 1, 0) : NAN);
	for (int i = 0; i < o->ncpus; i++) {
		struct obs_cpu *oc = &o->cpus[i];
		const struct cpu_model_cpu *mc = ok && oc->id < m.ncpu ? &m.cpu[oc->id] : NULL;
		bool known = mc && (mc->state == CPU_OK || mc->state == CPU_TICKLESS);

		push(c, &oc->busy, known ? cpu_pct_busy(&mc->pct) : NAN);
		push(c, &oc->softirq, known ? mc->pct.soft : NAN);
		push(c, &oc->iowait, known ? mc->pct.iowait : NAN);
	}
	cpu_model_free(&m);
}

void collect_cpu(struct collect *c)
{
	struct obs *o = c->o;
	const struct sample *s = cur_snap(c)->smp;
	int err = part_err(s, SAMPLE_STAT);

	if (c->k == 0 && !sample_has(s, SAMPLE_CPU_ONLINE))
		obs_unchecked(o, "online CPUs", "cannot read sys/devices/system/cpu/online");
	if (err) {
		obs_unchecked(o, "cpu", "cannot read proc/stat: %s", strerror(-err));
	} else if (c->k == 0) {
		o->have |= HAVE_CPU | HAVE_SCHED;
		o->host.ncpu = s->ncpu.online;	/* the CPUs that can run tasks */
		for (int i = 0; i < s->stat.ncpu; i++)
			if (s->stat.online[i]) {
				struct obs_cpu *oc = obs_add_cpu(o);
				if (oc)
					oc->id = i;
			}
	}
	/* load average: the evidence of cpu.saturated and task.d_state */
	if (sample_has(s, SAMPLE_LOADAVG))
		o->host.load1 = s->load.load[0];
	if (c->k > 0)
		cpu_interval(c);
}

void collect_mem(struct collect *c)
{
	struct obs *o = c->o;
	struct obs_host *h = &o->host;
	const struct sample *s = cur_snap(c)->smp, *p = prev_snap(c)->smp;
	struct mem_free mf;
	int err;

	err = part_err(s, SAMPLE_MEMINFO);
	if (err) {
		obs_unchecked(o, "memory", "cannot read proc/meminfo: %s", strerror(-err));
		push(c, &h->mem_avail_pct, NAN);
	} else {
		o->have |= HAVE_MEM;
		mem_model_free(&s->mem, &mf);
		h->mem_total = mf.total * 1024.0;
		h->mem_avail = mf.available * 1024.0;
		h->swap_total = mf.swap_total * 1024.0;
		h->swap_free = mf.swap_free * 1024.0;
		push(c, &h->mem_avail_pct, mf.total ? (double)mf.available / mf.total * 100 : NAN);
	}
	err = part_err(s, SAMPLE_VMSTAT);
	if (err) {
		obs_unchecked(o, "swapping and OOM kills", "cannot read proc/vmstat: %s", strerror(-err));
	} else {
		o->have |= HAVE_VMSTAT;
		dirty(c, &s->vm);
		if (proc_vmstat_has(&s->vm, VM_OOM_KILL)) {
			if (c->k == 0)
				c->oom0 = (double)s->vm.v[VM_OOM_KILL];
			h->oom_kill_boot = (double)s->vm.v[VM_OOM_KILL];
			h->oom_kill_window = h->oom_kill_boot >= c->oom0 ? h->oom_kill_boot - c->oom0 : NAN;
		}
	}
	if (c->k == 0)
		return;
	if (sample_has(s, SAMPLE_VMSTAT) && sample_has(p, SAMPLE_VMSTAT)) {
		struct mem_rates mr;
		long page = sysconf(_SC_PAGESIZE);

		mem_model_rates(&p->vm, &s->vm, c->dt, page > 0 ? (unsigned)(page / 1024) : 4, &mr);
		push(c, &h->swap_in, mr.si_kb_s);
		push(c, &h->swap_out, mr.so_kb_s);
	} else {
		push(c, &h->swap_in, NAN);
		push(c, &h->swap_out, NAN);
	}
}

/* psi_read_host's rule: PSI is there when at least one file was read. */
static bool psi_ok(const struct sample *s)
{
	for (int i = 0; i < PSI__COUNT; i++)
		if (!s->psi.err[i])
			return true;
	return false;
}

void collect_psi(struct collect *c)
{
	struct obs_host *h = &c->o->host;
	const struct sample *s = cur_snap(c)->smp, *p = prev_snap(c)->smp;
	struct psi_rate pr[PSI__COUNT];
	struct series *some[3] = { &h->psi_cpu_some, &h->psi_mem_some, &h->psi_io_some };
	struct series *full[3] = { NULL, &h->psi_mem_full, &h->psi_io_full };

	if (!psi_ok(s)) {
		obs_unchecked(c->o, "pressure (PSI)", "%s", psi_strerror(PSI_CPU, s->psi.err[PSI_CPU]));
	} else {
		c->o->have |= HAVE_PSI;
	}
	if (c->k == 0)
		return;
	for (int i = 0; i < 3; i++) {
		bool ok = !s->psi.err[i] && !p->psi.err[i];

		if (ok)
			psi_model(&p->psi.res[i], &s->psi.res[i], c->dt, &pr[i]);
		push(c, some[i], ok ? pr[i].some_pct : NAN);
		if (full[i])
			push(c, full[i], ok ? pr[i].full_pct : NAN);
	}
}

/* One group now: read under r, or from the recorded sample's cgroups. */
static bool cgroup_now(const struct collect *c, const struct root *r, const char *path, struct cgroup_sample *g)
{
	struct cgroup_paths cp;
	const struct cgroup_sample *f;

	if (r) {
		cgroup_paths_same(&cp, path);
		return cgroup_read(r, &c->cgm, &cp, g) == 0;
	}
	f = cgroup_snapshot_find(&c->s[c->cur].smp->cgroups, path);
	if (f)
		*g = *f;
	return f != NULL;
}

/* Enough of one group to judge whether it is worth watching (live: only
 * its limits and events; recorded: the recorded sample). */
static bool cgroup_limits_now(const struct collect *c, const struct root *r, const char *path,
			      struct cgroup_sample *g)
{
	struct cgroup_paths cp;

	if (!r)
		return cgroup_now(c, r, path, g);
	cgroup_paths_same(&cp, path);
	return cgroup_read_limits(r, &c->cgm, &cp, g) == 0;
}

/* Every group's path: listed under r, or the recorded ones. */
static int cgroups_list(struct collect *c, const struct root *r, char (**paths)[CGROUP_PATH_MAX], int *n,
			bool *truncated)
{
	const struct cgroup_snapshot *cs = &cur_snap(c)->smp->cgroups;

	if (r)
		return cgroup_list(r, &c->cgm, CGROUP_WALK_DEPTH, CGROUP_WALK_MAX, paths, n, truncated);
	*paths = calloc((size_t)cs->n + 1, CGROUP_PATH_MAX);
	if (!*paths)
		return -ENOMEM;
	for (int i = 0; i < cs->n; i++)
		memcpy((*paths)[i], cs->s[i].path, CGROUP_PATH_MAX);
	*n = cs->n;
	*truncated = cs->truncated;
	return 0;
}

/* First sample: find the cgroups that have a limit (or were throttled or
 * OOM-killed), at most COLLECT_MAX_CGROUPS. */
static void cgroups_find(struct collect *c, const struct root *r)
{
	char (*paths)[CGROUP_PATH_MAX] = NULL;
	struct cgroup_sample *tmp;
	bool truncated = false;
	int n = 0, err;

	err = r ? cgroup_mounts_read(r, &c->cgm) : 0;
	if (!r)
		c->cgm = cur_snap(c)->smp->cgroups.m;
	c->cgm_ok = err == 0;
	if (err) {
		obs_unchecked(c->o, "cgroups", "no cgroup filesystem under sys/fs/cgroup");
		return;
	}
	err = cgroups_list(c, r, &paths, &n, &truncated);
	if (err) {
		obs_unchecked(c->o, "cgroups", "cannot list cgroups: %s", strerror(-err));
		return;
	}
	c->cgpaths = calloc(COLLECT_MAX_CGROUPS, sizeof(*c->cgpaths));
	c->cg_nr_throttled0 = calloc(COLLECT_MAX_CGROUPS, sizeof(double));
	c->cg_throttled_ns0 = calloc(COLLECT_MAX_CGROUPS, sizeof(double));
	tmp = malloc(sizeof(*tmp));
	if (!c->cgpaths || !c->cg_nr_throttled0 || !c->cg_throttled_ns0 || !tmp) {
		c->ncg = 0;
		goto out;
	}
	for (int i = 0; i < n && c->ncg < COLLECT_MAX_CGROUPS; i++)
		if (cgroup_limits_now(c, r, paths[i], tmp) && cgroup_model_limited(tmp))
			snprintf(c->cgpaths[c->ncg++], CGROUP_PATH_MAX, "%s", paths[i]);
	if (truncated || c->ncg == COLLECT_MAX_CGROUPS)
		obs_unchecked(c->o, "some cgroups", "only the first %d cgroups with limits are watched%s",
			      c->ncg, r ? "" : " (as recorded)");
	c->o->have |= HAVE_CGROUP;
out:
	free(tmp);
	free(paths);
}

static void cgroup_interval(struct collect *c, int i, struct obs_cgroup *oc)
{
	struct csnap *s = cur_snap(c), *p = prev_snap(c);
	struct cgroup_rates cr;
	bool ok = s->cg_ok[i] && p->cg_ok[i];

	if (ok)
		cgroup_model(&p->cg[i], &s->cg[i], c->dt, &cr);
	series_push(&oc->throttled_pct, ok ? cr.throttled_pct : NAN);
	if (ok && !isnan(cr.oom_kill))
		oc->oom_kill_window = (isnan(oc->oom_kill_window) ? 0 : oc->oom_kill_window) + cr.oom_kill;
}

void collect_cgroups(struct collect *c, const struct root *r)
{
	struct obs *o = c->o;
	struct csnap *s = cur_snap(c);

	if (!r && !s->smp->have_cgroups) {
		/* the words of the first recordings' goldens, kept (tests/golden/recording-v1-*):
		 * recorded before cgroups were, or with --no-procs */
		if (c->k == 0)
			obs_unchecked(o, "cgroups", "not in the recording (format 1 records host files and processes)");
		return;
	}
	if (c->k == 0)
		cgroups_find(c, r);
	for (int i = 0; i < c->ncg; i++) {
		struct cgroup_sample *g = &s->cg[i];
		struct obs_cgroup *oc;

		s->cg_ok[i] = cgroup_now(c, r, c->cgpaths[i], g);	/* a removed group: unknown */
		if (c->k == 0) {
			oc = obs_add_cgroup(o);
			if (!oc)
				continue;
			snprintf(oc->path, sizeof(oc->path), "%s", c->cgpaths[i]);
			oc->oom_kill_window = 0;
		}
		oc = &o->cgroups[i];
		if (!s->cg_ok[i]) {
			if (c->k > 0)
				series_push(&oc->throttled_pct, NAN);
			continue;
		}
		if (g->cpu.has_quota && g->cpu.quota_us != CGROUP_UNLIMITED && g->cpu.period_us)
			oc->quota_cpus = (double)g->cpu.quota_us / g->cpu.period_us;
		if (g->mem.version) {
			oc->mem_current = (double)g->mem.current;
			growth_add(&oc->mem_fit, s->smp->up.up_s, cgroup_resident(g));
			oc->mem_max_eff = g->mem.max_eff != CGROUP_UNLIMITED && g->mem.max_eff ? (double)g->mem.max_eff : NAN;
			/* its own limit: a child under a limited parent is the parent's finding */
			oc->mem_max = g->mem.max != CGROUP_UNLIMITED ? (double)g->mem.max : NAN;
			oc->oom_kill_total = g->mem.has_events ? (double)g->mem.ev_oom_kill :
					     g->mem.has_oom_control ? (double)g->mem.oom_kill : NAN;
		}
		if (g->cpu.has_throttle && c->cg_nr_throttled0) {
			/* window totals: against the first sample */
			if (c->k == 0) {
				c->cg_nr_throttled0[i] = (double)g->cpu.nr_throttled;
				c->cg_throttled_ns0[i] = (double)g->cpu.throttled_ns;
			}
			oc->nr_throttled = delta_u64((uint64_t)c->cg_nr_throttled0[i], g->cpu.nr_throttled);
			oc->throttled_ms = delta_u64((uint64_t)c->cg_throttled_ns0[i], g->cpu.throttled_ns) / 1e6;
		}
		if (c->k > 0)
			cgroup_interval(c, i, oc);
	}
}
