/* Rules over the thread-state samples (obs->tprocs, model/threads.h):
 * task.lock_contention, mem.growth, and task.d_state's evidence. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/finding.h"
#include "analysis/obs.h"
#include "analysis/rules.h"

/* "futex_wait_queue (syscall futex)", "read on /var/x", "-" */
static const char *wait_str(const struct obs_wait *w, char *buf, size_t size)
{
	const char *wc = w->wchan[0] ? w->wchan : "?";

	if (w->syscall[0] && w->mount[0])
		snprintf(buf, size, "%s (syscall %s on %s, %s)", wc, w->syscall, w->mount, w->fstype);
	else if (w->syscall[0] && w->file[0])
		snprintf(buf, size, "%s (syscall %s on %s)", wc, w->syscall, w->file);
	else if (w->syscall[0])
		snprintf(buf, size, "%s (syscall %s)", wc, w->syscall);
	else
		snprintf(buf, size, "%s", wc);
	return buf;
}

static void evidence_waits(struct finding *f, const struct obs *o, const struct obs_tproc *t)
{
	char b[256];

	finding_evidence(f, "%d threads sampled %d times: %d thread-samples, %.0f%% on a CPU, %.0f%% in D (%s)",
			 t->nthreads, o->thread_samples, t->samples, t->running_pct, t->dstate_pct,
			 strcmp(o->thread_source, "bpf") ? "proc/PID/task/TID/{stat,schedstat,syscall,wchan}"
							  : "BPF task iterator");
	for (int i = 0; i < t->nwaits; i++)
		finding_evidence(f, "%.0f%% of thread-samples in %c: %s", t->waits[i].pct, t->waits[i].state,
				 wait_str(&t->waits[i], b, sizeof(b)));
	if (t->cgroup[0] && strcmp(t->cgroup, "/") != 0)
		finding_evidence(f, "cgroup %s", t->cgroup);
}

static void lock_contention(const struct obs *o, const struct obs_tproc *t, double busy, struct findings *out)
{
	const struct rule_def *d = &rule_defs[RULE_TASK_LOCK_CONTENTION];
	struct finding *f;
	char b[256];
	int lv;

	if (t->kthread || t->nthreads < 2 || !(t->wakeups >= d->min))
		return;
	lv = rule_level(RULE_TASK_LOCK_CONTENTION, t->lock_pct, false);
	if (lv < 0 || (!isnan(busy) && rule_level(RULE_TASK_LOCK_CONTENTION, busy, true) < 0))
		return;
	f = findings_add(out, RULE_TASK_LOCK_CONTENTION, lv, t->lock_pct / d->warn, "pid:%d", t->pid);
	if (!f)
		return;
	finding_name_proc(f, t->pid, t->comm);
	finding_summary(f, "%s (pid %d): %d threads; %.0f%% of thread-samples waiting in %s while the CPUs were "
			"%.0f%% busy", t->comm, t->pid, t->nthreads, t->lock_pct,
			t->nwaits ? wait_str(&t->waits[0], b, sizeof(b)) : "a lock", busy);
	evidence_waits(f, o, t);
	finding_evidence(f, "its threads were woken %.0f times a second each (schedstat timeslices): "
			 "they make progress one at a time", t->wakeups);
	finding_next_pid(f, t->pid);
}

/* task.d_state's evidence: what the tasks in D wait on, grouped by wait
 * channel and the frame below it, with the mount of the file when the
 * syscall names one ("12 tasks in request_wait_answer / fuse_simple_request,
 * read on /mnt/x (fuse.x)"). Tasks = thread-samples / samples, rounded up. */
void rules_threads_dstate(const struct obs *o, struct finding *f)
{
	struct { const struct obs_wait *w; int n; } g[8];
	int ng = 0;

	if (!(o->have & HAVE_THREADS) || o->thread_samples < 1)
		return;
	for (int i = 0; i < o->ntprocs; i++)
		for (int k = 0; k < o->tprocs[i].nwaits; k++) {
			const struct obs_wait *w = &o->tprocs[i].waits[k];
			int j = 0;

			if (w->state != 'D')
				continue;
			while (j < ng && (strcmp(g[j].w->wchan, w->wchan) != 0 || strcmp(g[j].w->frame, w->frame) != 0 ||
					  strcmp(g[j].w->mount, w->mount) != 0))
				j++;
			if (j == ng) {
				if (ng == 8)
					continue;
				g[ng].w = w;
				g[ng++].n = 0;
			}
			g[j].n += w->n;
		}
	for (int a = 0; a < ng; a++)
		for (int b = a + 1; b < ng; b++)
			if (g[b].n > g[a].n) {
				typeof(g[0]) t = g[a];
				g[a] = g[b];
				g[b] = t;
			}
	for (int j = 0; j < ng && j < 3; j++) {
		const struct obs_wait *w = g[j].w;
		int tasks = (g[j].n + o->thread_samples - 1) / o->thread_samples;
		char on[300] = "";

		if (w->mount[0])
			snprintf(on, sizeof(on), ", %s on %s (%s)", w->syscall, w->mount, w->fstype);
		else if (w->file[0])
			snprintf(on, sizeof(on), ", %s on %s", w->syscall, w->file);
		else if (w->syscall[0])
			snprintf(on, sizeof(on), ", syscall %s", w->syscall);
		finding_evidence(f, "%d task(s) in %s%s%s%s (wait channel%s)", tasks, w->wchan[0] ? w->wchan : "?",
				 w->frame[0] ? " / " : "", w->frame, on, w->frame[0] ? ", kernel stack" : "");
	}
}

#define MiB (1024.0 * 1024)
#define MEM_GROWTH_FIT 0.9	/* r^2: a steady climb, not a step or noise */
#define MEM_GROWTH_LONG_S 1800	/* a window this long (a recorded one): a steady
				 * climb is a leak at any rate (info when its time
				 * left is past the warning threshold) */

/* The level of a growth: -1 none. rate in MiB/s, grown in MiB, left s. */
static int growth_level(double rate, double grown, double r2, double left, double window_s)
{
	const struct rule_def *d = &rule_defs[RULE_MEM_GROWTH];
	int lv;

	if (isnan(rate) || !(r2 >= MEM_GROWTH_FIT) || !(grown >= d->min) || rate <= 0)
		return -1;
	lv = rule_level(RULE_MEM_GROWTH, left, false);
	if (window_s >= MEM_GROWTH_LONG_S)
		return lv >= 0 ? lv : SEV_INFO;
	if (lv < 0 || rule_level(RULE_MEM_GROWTH, rate, true) < 0)
		return -1;
	return lv;
}

/* "30.0 MiB/s", or per minute when slower than 0.1 MiB/s */
static const char *rate_str(double rate, char *b, size_t n)
{
	if (rate >= 0.1)
		snprintf(b, n, "%.1f MiB/s", rate);
	else
		snprintf(b, n, "%.2f MiB/min", rate * 60);
	return b;
}

/* "600 s", or hours from two on */
static const char *left_str(double left, char *b, size_t n)
{
	if (left < 7200)
		snprintf(b, n, "%.0f s", left);
	else
		snprintf(b, n, "%.1f h", left / 3600);
	return b;
}

/* The headroom of a growing process: MemAvailable, or less left under its
 * cgroup's memory.max (o->cgroups holds the ones with limits). */
static double headroom(const struct obs *o, const struct obs_tproc *t, const struct obs_cgroup **cg)
{
	double room = o->host.mem_avail;

	*cg = NULL;
	for (int i = 0; t->cgroup[0] && i < o->ncgroups; i++) {
		const struct obs_cgroup *c = &o->cgroups[i];

		if (!strcmp(c->path, t->cgroup) && c->mem_max > 0 && !isnan(c->mem_current) &&
		    (isnan(room) || c->mem_max - c->mem_current < room)) {
			room = fmax(c->mem_max - c->mem_current, 0);
			*cg = c;
		}
	}
	return room;
}

static void mem_growth(const struct obs *o, const struct obs_tproc *t, struct findings *out)
{
	const struct rule_def *d = &rule_defs[RULE_MEM_GROWTH];
	double rate = t->rss_slope / MiB, grown = (t->rss_last - t->rss_first) / MiB, left;
	const struct obs_cgroup *cg;
	struct finding *f;
	char rb[32], lb[32];
	int lv;

	if (t->kthread)
		return;
	left = headroom(o, t, &cg) / t->rss_slope;
	lv = growth_level(rate, grown, t->rss_r2, left, t->rss_window_s);
	if (lv < 0)
		return;
	f = findings_add(out, RULE_MEM_GROWTH, lv, d->warn / fmax(left, 1), "pid:%d", t->pid);
	if (!f)
		return;
	finding_name_proc(f, t->pid, t->comm);
	if (!isnan(left))
		finding_summary(f, "%s (pid %d) grows %s: %s runs out in %s at that rate", t->comm, t->pid,
				rate_str(rate, rb, sizeof(rb)), cg ? "its cgroup's memory.max" : "MemAvailable",
				left_str(left, lb, sizeof(lb)));
	else
		finding_summary(f, "%s (pid %d) grows %s", t->comm, t->pid, rate_str(rate, rb, sizeof(rb)));
	finding_evidence(f, "RSS %.1f -> %.1f MiB in %.1f s: %+.1f MiB/s (least squares over %d samples, r^2 %.2f; "
			 "/proc/PID/stat rss)", t->rss_first / MiB, t->rss_last / MiB, t->rss_window_s, rate,
			 t->rss_n ? t->rss_n : o->thread_samples, t->rss_r2);
	if (cg)
		finding_evidence(f, "cgroup %s: %.1f of memory.max %.1f MiB used", cg->path, cg->mem_current / MiB,
				 cg->mem_max / MiB);
	else if (!isnan(o->host.mem_avail))
		finding_evidence(f, "MemAvailable %.1f MiB (/proc/meminfo)", o->host.mem_avail / MiB);
	if (!isnan(t->oom_score))
		finding_evidence(f, "oom_score %.0f (of 1000; the highest is the OOM killer's victim)", t->oom_score);
	if (t->cgroup[0] && strcmp(t->cgroup, "/") != 0 && !cg)
		finding_evidence(f, "cgroup %s", t->cgroup);
	finding_next_pid(f, t->pid);
}

/* Is b below a (a descendant path)? */
static bool below(const char *a, const char *b)
{
	size_t n = strlen(a);

	return strncmp(a, b, n) == 0 && (b[n] == '/' || (n == 1 && a[0] == '/')) && b[n + (n > 1)] != '\0';
}

static bool cg_growing(const struct obs_cgroup *c, double *slope, double *r2)
{
	growth_result(&c->mem_fit, slope, r2);
	return *slope > 0 && *r2 >= MEM_GROWTH_FIT && (c->mem_fit.last - c->mem_fit.first) / MiB >= rule_defs[RULE_MEM_GROWTH].min;
}

/* A cgroup whose resident memory climbs: the deepest such group (a parent
 * that grows by a growing child's bytes is the child's finding). */
static void mem_growth_cgroup(const struct obs *o, const struct obs_cgroup *c, struct findings *out)
{
	const struct rule_def *d = &rule_defs[RULE_MEM_GROWTH];
	const struct growth_fit *g = &c->mem_fit;
	double slope, r2, s2, q2, room, left, window = g->t_last - g->t_first;
	bool lim = !isnan(c->mem_max_eff);
	struct finding *f;
	char rb[32], lb[32];
	int lv;

	if (!strcmp(c->path, "/") || !cg_growing(c, &slope, &r2))
		return;
	for (int i = 0; i < o->ncgroups; i++)
		if (below(c->path, o->cgroups[i].path) && cg_growing(&o->cgroups[i], &s2, &q2) && s2 >= 0.8 * slope)
			return;
	room = lim ? fmax(c->mem_max_eff - g->last, 0) : o->host.mem_avail;
	left = room / slope;
	lv = growth_level(slope / MiB, (g->last - g->first) / MiB, r2, left, window);
	if (lv < 0 || !(f = findings_add(out, RULE_MEM_GROWTH, lv, d->warn / fmax(left, 1), "cgroup:%s", c->path)))
		return;
	if (!isnan(left))
		finding_summary(f, "cgroup %s grows %s: %s runs out in %s at that rate", c->path,
				rate_str(slope / MiB, rb, sizeof(rb)), lim ? "its memory.max" : "MemAvailable",
				left_str(left, lb, sizeof(lb)));
	else
		finding_summary(f, "cgroup %s grows %s", c->path, rate_str(slope / MiB, rb, sizeof(rb)));
	finding_evidence(f, "resident memory %.1f -> %.1f MiB in %.0f s: %+.4f MiB/s (least squares over %d samples, "
			 "r^2 %.2f; memory.stat anon + shmem, else memory.current)", g->first / MiB, g->last / MiB,
			 window, slope / MiB, g->n, r2);
	if (lim)
		finding_evidence(f, "limit %.1f MiB (the lowest memory.max of the group and its ancestors)",
				 c->mem_max_eff / MiB);
	else if (!isnan(o->host.mem_avail))
		finding_evidence(f, "no memory limit; MemAvailable %.1f MiB (/proc/meminfo)", o->host.mem_avail / MiB);
	finding_next_first(f, "triage cgroup %s", c->path);
}

void rules_mem_growth(const struct obs *o, struct findings *out)
{
	for (int i = 0; (o->have & HAVE_THREADS) && i < o->ntprocs; i++)
		mem_growth(o, &o->tprocs[i], out);
	for (int i = 0; (o->have & HAVE_CGROUP) && i < o->ncgroups; i++)
		mem_growth_cgroup(o, &o->cgroups[i], out);
}

void rules_threads_blkio(const struct obs *o, struct finding *f)
{
	const struct obs_tproc *top[3] = { NULL };

	if (!(o->have & HAVE_THREADS))
		return;
	if (o->delayacct == 0) {
		finding_evidence(f, "block-I/O delay per process: delay accounting is off (sysctl kernel.task_delayacct=0)");
		return;
	}
	for (int i = 0; i < o->ntprocs; i++) {
		const struct obs_tproc *t = &o->tprocs[i];

		if (!(t->blkio_s > 0))
			continue;
		for (int k = 0; k < 3; k++)
			if (!top[k] || t->blkio_s > top[k]->blkio_s) {
				memmove(&top[k + 1], &top[k], (size_t)(2 - k) * sizeof(const struct obs_tproc *));
				top[k] = t;
				break;
			}
	}
	for (int k = 0; k < 3 && top[k]; k++)
		finding_evidence(f, "%s (pid %d) waited %.2f s for block I/O in %.0f s (stat delayacct_blkio_ticks)%s%s",
				 top[k]->comm, top[k]->pid, top[k]->blkio_s, o->window_s,
				 top[k]->cgroup[0] && strcmp(top[k]->cgroup, "/") != 0 ? ", cgroup " : "",
				 top[k]->cgroup[0] && strcmp(top[k]->cgroup, "/") != 0 ? top[k]->cgroup : "");
	if (top[0])
		finding_name_proc(f, top[0]->pid, top[0]->comm);
}

void rules_threads(const struct obs *o, struct findings *out)
{
	double busy = 100 - series_mean(&o->host.cpu_idle);

	rules_mem_growth(o, out);
	if (!(o->have & HAVE_THREADS))
		return;
	for (int i = 0; i < o->ntprocs; i++)
		lock_contention(o, &o->tprocs[i], busy, out);
}
