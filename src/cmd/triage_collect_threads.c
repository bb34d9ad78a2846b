/* The triage collector's thread-state sampling, kept apart from the rest of
 * the collection: collect_threads_step() is called once per interval (one
 * call in collect_sample()). Each call takes one thread sample (the BPF task
 * iterator as root with BTF, else /proc) and adds it to the per-process
 * model (model/threads.h); the last one fills o->tprocs for the rules, with
 * the file behind a waiting syscall's fd and the cgroup of the processes
 * worth naming. */
#include "cmd/triage_collect_threads.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bpf/threads_api.h"
#include "model/threads.h"
#include "sample/sample.h"
#include "sample/sample_threads.h"
#include "sources/mountinfo.h"
#include "sources/proc_loadavg.h"
#include "sources/proc_pid_cgroup.h"
#include "sources/proc_pid_oom.h"

#define NAMED_MAX 64		/* processes whose files and cgroup are read */
#define THREADS_BPF_MIN 3000	/* tasks from which auto uses the BPF iterator */

/* A recorded D wait's file and mount (the replay has no /proc to ask). */
struct rec_file {
	int pid;
	char syscall[24], wchan[THREAD_WCHAN_MAX];
	char file[128], mount[128], fstype[32];
};
#define REC_FILES 64

struct collect_threads {
	struct rec_file files[REC_FILES];
	int nfiles;
	int delayacct;			/* recorded: the last sample's, -1 unknown */
	struct proc_threads *pt;
	struct threads_iter *it;	/* NULL: /proc */
	bool borrowed;			/* it is fed by the task iterator's pass, not ours */
	bool picked;
	bool off;			/* TRIAGE_THREADS=off (bench/: the cost without) */
	struct thread_sample s[2];
	int cur;
	struct threads_model m;
	bool rolling;			/* collect_threads_rolling() */
	bool seeded;			/* the window starts from the last sample: skip one step */
	bool long_running;		/* collect_threads_long_running(): BPF at any size */
};

struct collect_threads *collect_threads_new(void)
{
	struct collect_threads *ct = calloc(1, sizeof(*ct));

	if (!ct)
		return NULL;
	ct->pt = proc_threads_new();
	if (!ct->pt) {
		free(ct);
		return NULL;
	}
	threads_model_init(&ct->m, sysconf(_SC_CLK_TCK), sysconf(_SC_PAGESIZE));
	ct->delayacct = -1;
	return ct;
}

void collect_threads_free(struct collect_threads *ct)
{
	if (!ct)
		return;
	proc_threads_free(ct->pt);
	if (!ct->borrowed)
		threads_iter_close(ct->it);
	thread_sample_free(&ct->s[0]);
	thread_sample_free(&ct->s[1]);
	threads_model_free(&ct->m);
	free(ct);
}

/* Which reader: TRIAGE_THREADS=off|proc|bpf, else (auto) the BPF iterator
 * as root with BTF from THREADS_BPF_MIN tasks on (/proc/loadavg's count of
 * threads): below that /proc is cheaper than loading the iterator and
 * kallsyms (bench/RESULTS.md), except for a long-running sampler, which
 * loads them once. What /proc cannot give without root is listed under
 * unchecked. */
static void pick_source(struct collect_threads *ct, const struct root *r, struct obs *o)
{
	const char *m = getenv("TRIAGE_THREADS");
	struct bpf_env_err e = { 0 };
	struct proc_loadavg la;
	char why[160];

	ct->picked = true;
	ct->off = m && !strcmp(m, "off");
	if (ct->off) {
		obs_unchecked(o, "thread states", "TRIAGE_THREADS=off");
		return;
	}
	if (ct->borrowed)
		return;		/* the states come with the task iterator's pass */
	if (r->live && !(m && !strcmp(m, "proc")) &&
	    ((m && !strcmp(m, "bpf")) || ct->long_running ||
	     (proc_loadavg_read(r, &la) == 0 && la.tasks >= THREADS_BPF_MIN)) &&
	    threads_iter_open(r, &ct->it, &e)) {
		bpf_env_strerror(&e, why, sizeof(why));
		obs_unchecked(o, "thread states (BPF task iterator)", "%s; read from /proc instead", why);
		ct->it = NULL;
	}
	if (!ct->it && geteuid() != 0)
		obs_unchecked(o, "kernel stacks of threads in D",
			      "not root: proc/PID/task/TID/stack needs CAP_SYS_ADMIN, the BPF task iterator root; "
			      "wait channels only");
}

bool collect_fd_syscall(const char *sc)
{
	static const char *const fdsc[] = {
		"read", "write", "pread64", "pwrite64", "readv", "writev", "preadv", "pwritev",
		"preadv2", "pwritev2", "fsync", "fdatasync", "ioctl", "flock", "fcntl", "ftruncate",
		"getdents64", "sync_file_range", "recvfrom", "sendto", "recvmsg", "sendmsg",
		"accept", "accept4", "connect", "sendfile", "splice", "copy_file_range", "fallocate",
	};

	for (size_t i = 0; i < sizeof(fdsc) / sizeof(fdsc[0]); i++)
		if (!strcmp(sc, fdsc[i]))
			return true;
	return false;
}

void collect_mount_of(const struct mountinfo *mi, const char *file, char *mount, size_t msize, char *fstype,
		      size_t fsize)
{
	const struct mount_entry *best = NULL;
	size_t blen = 0;

	for (size_t i = 0; i < mi->n; i++) {
		const char *m = mountinfo_str(mi, mi->m[i].mnt);
		size_t n = strlen(m);

		if (n == 1 && m[0] == '/')
			n = 0;	/* "/" prefixes everything */
		if (strncmp(file, m, n) != 0 || (file[n] != '/' && file[n]) || (best && n < blen))
			continue;
		best = &mi->m[i];
		blen = n;
	}
	if (!best)
		return;
	snprintf(mount, msize, "%s", mountinfo_str(mi, best->mnt));
	snprintf(fstype, fsize, "%s", mountinfo_str(mi, best->fstype));
}

/* The file of fd arg0 of a waiting syscall (proc/PID/fd/N), and its mount
 * (mi: read once when first needed; no statvfs, which a hung filesystem
 * would not answer). */
static void wait_file(const struct root *r, int pid, const struct threads_wait *w, struct obs_wait *ow,
		      struct mountinfo *mi, bool *mi_ok)
{
	char rel[64];
	ssize_t n;

	if (!collect_fd_syscall(w->syscall) || w->arg0 > 1u << 30 || r->fd[ROOT_PROC] < 0)
		return;
	snprintf(rel, sizeof(rel), "%d/fd/%llu", pid, (unsigned long long)w->arg0);
	n = readlinkat(r->fd[ROOT_PROC], rel, ow->file, sizeof(ow->file) - 1);
	ow->file[n > 0 ? n : 0] = '\0';
	if (ow->file[0] != '/')
		return;		/* socket:[N], pipe:[N], anon_inode:... */
	if (!*mi_ok && !mi->n)
		*mi_ok = mountinfo_read(r, mi) == 0;
	if (*mi_ok)
		collect_mount_of(mi, ow->file, ow->mount, sizeof(ow->mount), ow->fstype, sizeof(ow->fstype));
}

static void cgroup_of(const struct root *r, struct obs_tproc *t)
{
	struct proc_pid_cgroup pc;
	struct cgroup_paths cp;
	const char *p;

	if (proc_pid_cgroup_read(r, t->pid, &pc))
		return;
	proc_pid_cgroup_paths(&pc, &cp);
	/* v2, else v1 memory (mem.growth's limit), else v1 cpu */
	p = cp.v2 && strcmp(cp.v2, "/") != 0 ? cp.v2 : cp.v1[CG1_MEMORY] && strcmp(cp.v1[CG1_MEMORY], "/") != 0 ?
	    cp.v1[CG1_MEMORY] : cp.v1[CG1_CPU] ? cp.v1[CG1_CPU] : cp.v2;
	if (p)
		snprintf(t->cgroup, sizeof(t->cgroup), "%s", p);
}

static void fill_one(const struct threads_model *m, const struct threads_proc *p, struct obs_tproc *t)
{
	t->pid = p->pid;
	t->ppid = p->ppid;
	t->kthread = p->kthread;
	t->state = p->state;
	t->gone = p->t_last < m->t_last;
	memcpy(t->comm, p->comm, sizeof(t->comm));
	t->nthreads = p->nthreads;
	t->samples = p->samples;
	t->running_pct = threads_proc_pct(p, p->running);
	t->dstate_pct = threads_proc_pct(p, p->dstate);
	t->lock_pct = threads_proc_pct(p, p->lock);
	t->wakeups = threads_proc_wakeups(p);
	for (int i = 0; i < p->nwaits && t->nwaits < OBS_WAITS; i++) {
		const struct threads_wait *w = &p->waits[i];
		struct obs_wait *ow = &t->waits[t->nwaits++];

		ow->state = w->state;
		snprintf(ow->syscall, sizeof(ow->syscall), "%s", w->syscall);
		snprintf(ow->wchan, sizeof(ow->wchan), "%s", w->wchan);
		snprintf(ow->frame, sizeof(ow->frame), "%s", w->frame);
		ow->n = w->n;
		ow->pct = threads_proc_pct(p, w->n);
	}
	t->rss_first = p->rss_first;
	t->rss_last = p->rss_last;
	threads_proc_growth(p, &t->rss_slope, &t->rss_r2);
	t->rss_window_s = p->t_last - p->t_first;
	t->blkio_s = threads_proc_blkio_s(p, m->hz);
}

/* Worth reading files and cgroup for: it waits on locks, sits in D, grows,
 * or had block-I/O delay. */
static bool notable(const struct obs_tproc *t)
{
	return t->lock_pct > 25 || t->dstate_pct > 0 || t->rss_slope > 1 << 20 || t->blkio_s > 0.05;
}

/* Is pid the parent of a zombie? (few zombies: a scan is fine) */
static bool zombie_parent(const struct threads_model *m, int pid)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].state == 'Z' && m->v[i].ppid == pid)
			return true;
	return false;
}

/* The processes the rules may judge or name; the others (idle, steady) are
 * left out so that 10,000 processes cost no more than they must. Kernel
 * threads only when in D: the rest is the kernel's own idling. */
static bool kept(const struct threads_model *m, const struct threads_proc *p, int focus)
{
	double slope, r2;

	if (p->pid == focus || p->dstate || p->state == 'Z')
		return true;
	if (p->kthread)
		return false;
	if (p->nthreads >= 2 && p->lock > 0)
		return true;
	threads_proc_growth(p, &slope, &r2);
	if (slope > 0 && p->rss_last - p->rss_first >= 1 << 20)
		return true;
	if (threads_proc_blkio_s(p, m->hz) > 0)
		return true;
	return m->nzombies && zombie_parent(m, p->pid);
}

static void rec_files_fill(const struct collect_threads *ct, struct obs_tproc *t)
{
	for (int w = 0; w < t->nwaits; w++)
		for (int i = 0; i < ct->nfiles; i++) {
			const struct rec_file *f = &ct->files[i];
			struct obs_wait *ow = &t->waits[w];

			if (f->pid != t->pid || strcmp(f->syscall, ow->syscall) != 0 || strcmp(f->wchan, ow->wchan) != 0)
				continue;
			snprintf(ow->file, sizeof(ow->file), "%s", f->file);
			snprintf(ow->mount, sizeof(ow->mount), "%s", f->mount);
			snprintf(ow->fstype, sizeof(ow->fstype), "%s", f->fstype);
			break;
		}
}

/* Keep the recorded files of D waits (the latest of each wait). */
static void rec_files_add(struct collect_threads *ct, const struct sample_threads *st)
{
	for (size_t i = 0; i < st->n; i++)
		for (int k = 0; k < st->p[i].nwaits; k++) {
			const struct sample_twait *w = sample_tproc_wait(st, &st->p[i], k);
			struct rec_file *f = NULL;

			if (!w->file[0])
				continue;
			for (int j = 0; j < ct->nfiles && !f; j++)
				if (ct->files[j].pid == st->p[i].pid && !strcmp(ct->files[j].syscall, w->syscall) &&
				    !strcmp(ct->files[j].wchan, w->wchan))
					f = &ct->files[j];
			if (!f && ct->nfiles < REC_FILES)
				f = &ct->files[ct->nfiles++];
			if (!f)
				continue;
			f->pid = st->p[i].pid;
			memcpy(f->syscall, w->syscall, sizeof(f->syscall));
			memcpy(f->wchan, w->wchan, sizeof(f->wchan));
			memcpy(f->file, w->file, sizeof(f->file));
			memcpy(f->mount, w->mount, sizeof(f->mount));
			memcpy(f->fstype, w->fstype, sizeof(f->fstype));
		}
}

static void fill_obs(struct collect_threads *ct, const struct root *r, struct obs *o)
{
	const struct threads_model *m = &ct->m;
	struct mountinfo mi;
	bool mi_ok = false;
	int named = 0;

	mountinfo_init(&mi);
	threads_model_end(&ct->m);
	o->thread_samples = m->nsamples;
	snprintf(o->thread_source, sizeof(o->thread_source), "%s", m->source ? m->source : "");
	for (size_t i = 0; i < m->n; i++) {
		const struct threads_proc *p = &m->v[i];
		struct obs_tproc *t;

		if (!kept(m, p, o->focus_pid))
			continue;
		if (!(t = obs_add_tproc(o)))
			break;
		fill_one(m, p, t);
		if (named >= NAMED_MAX || !notable(t))
			continue;
		named++;
		if (!r) {
			rec_files_fill(ct, t);
			continue;
		}
		for (int w = 0; w < t->nwaits; w++)
			wait_file(r, t->pid, &p->waits[w], &t->waits[w], &mi, &mi_ok);
		if (!t->kthread)
			cgroup_of(r, t);
		if (t->rss_slope > 0) {
			struct proc_pid_oom oom;

			if (proc_pid_oom_read(r, t->pid, &oom) == 0)
				t->oom_score = (double)oom.score;
		}
	}
	mountinfo_free(&mi);
	if (r) {
		char b[16];

		/* sysctl kernel.task_delayacct (5.14+): off by default, stat's
		 * field 42 then stays 0 */
		if (root_read(r, ROOT_PROC, "sys/kernel/task_delayacct", b, sizeof(b)) > 0)
			o->delayacct = b[0] == '1';
	} else {
		o->delayacct = ct->delayacct;
	}
	if (m->denied)
		obs_unchecked(o, "other users' thread waits",
			      "the syscall of %d thread(s) could not be read (ptrace access refused)", m->denied);
	o->have |= HAVE_THREADS;
}

void collect_threads_step(struct collect_threads *ct, const struct root *r, struct obs *o, bool last)
{
	struct thread_sample *cur = &ct->s[ct->cur], *prev = &ct->s[!ct->cur];
	int err;

	if (!ct->picked)
		pick_source(ct, r, o);
	if (ct->off)
		return;
	if (ct->seeded || (last && ct->rolling)) {
		ct->seeded = false;
		if (last && ct->m.nsamples)
			fill_obs(ct, r, o);
		return;
	}
	err = ct->it ? threads_iter_sample(ct->it, r, prev->source ? prev : NULL, cur)
		     : proc_threads_read(ct->pt, r, prev->source ? prev : NULL, cur);
	if (err == -EAGAIN) {
		/* fed: no pass since the last step (the window's last step
		 * right after its last sample's) */
	} else if (err) {
		obs_unchecked(o, "thread states", "cannot sample threads: %s", strerror(-err));
	} else {
		if (threads_model_add(&ct->m, prev->source ? prev : NULL, cur))
			obs_unchecked(o, "thread states", "out of memory");
		ct->cur = !ct->cur;
	}
	if (last && ct->m.nsamples)
		fill_obs(ct, r, o);
}

void collect_threads_recorded(struct collect_threads *ct, const struct sample *smp, struct obs *o, bool last)
{
	if (smp && smp->have_threads && smp->threads) {
		if (threads_model_merge(&ct->m, smp->threads))
			obs_unchecked(o, "thread states", "out of memory");
		rec_files_add(ct, smp->threads);
		if (smp->threads->delayacct >= 0)
			ct->delayacct = smp->threads->delayacct;
	}
	if (last && ct->m.nsamples)
		fill_obs(ct, NULL, o);
}

void collect_threads_rolling(struct collect_threads *ct)
{
	ct->rolling = true;
}

void collect_threads_long_running(struct collect_threads *ct, struct threads_iter *states)
{
	ct->long_running = true;
	if (states && !ct->it) {
		ct->it = states;
		ct->borrowed = true;
	}
}

void collect_threads_next_window(struct collect_threads *ct)
{
	struct thread_sample *last = &ct->s[!ct->cur];

	threads_model_free(&ct->m);
	threads_model_init(&ct->m, sysconf(_SC_CLK_TCK), sysconf(_SC_PAGESIZE));
	if (!ct->off && last->source && threads_model_add(&ct->m, NULL, last) == 0)
		ct->seeded = true;
}
