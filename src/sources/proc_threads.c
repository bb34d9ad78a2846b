/* Thread-state sampling from /proc (the fallback of the BPF task iterator):
 * the PID scan with threads (sources/proc_pid_scan.h: stat and schedstat of
 * every task, their fds kept open between samples so that a sample costs a
 * pread each), then, for each thread that is not running, its syscall and
 * wchan, and for a thread in D its kernel stack when we may read it.
 * Running threads need neither: /proc would say "running" and "0"; a
 * thread that has not run since the last sample (same schedstat count)
 * waits where it waited, and is not read again (thread_sample_carry). */
#include "sources/thread_sample.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sources/proc_pid_scan.h"
#include "sources/proc_uptime.h"

struct proc_threads {
	struct proc_pid_sample ps[2];	/* previous and current scan */
	int cur;
	bool stack_denied;		/* stack refused once: not tried again */
	char buf[4096];
};

struct proc_threads *proc_threads_new(void)
{
	return calloc(1, sizeof(struct proc_threads));
}

void proc_threads_free(struct proc_threads *pt)
{
	if (!pt)
		return;
	proc_pid_sample_free(&pt->ps[0]);
	proc_pid_sample_free(&pt->ps[1]);
	free(pt);
}

/* One read of PID/task/TID/name into pt->buf. Returns the length or -errno. */
static ssize_t read_one(struct proc_threads *pt, const struct root *r, int pid, int tid, const char *name)
{
	char rel[80];
	ssize_t n;
	int fd;

	snprintf(rel, sizeof(rel), "%d/task/%d/%s", pid, tid, name);
	fd = root_openat(r, ROOT_PROC, rel, O_RDONLY);
	if (fd < 0)
		return fd;
	n = read(fd, pt->buf, sizeof(pt->buf) - 1);
	if (n < 0)
		n = -errno;
	close(fd);
	if (n >= 0)
		pt->buf[n] = '\0';
	return n;
}

/* What a waiting thread waits in. */
static void read_wait(struct proc_threads *pt, const struct root *r, struct thread_sample *s,
		      struct thread_rec *t)
{
	ssize_t n = read_one(pt, r, t->pid, t->tid, "syscall");

	if (n == -EACCES || n == -EPERM)
		s->denied++;
	else if (n > 0)
		thread_syscall_parse(pt->buf, (size_t)n, t);
	n = read_one(pt, r, t->pid, t->tid, "wchan");
	if (n > 0)
		thread_wchan_parse(pt->buf, (size_t)n, t->wchan, sizeof(t->wchan));
	if (t->state != 'D' || pt->stack_denied)
		return;
	n = read_one(pt, r, t->pid, t->tid, "stack");
	if (n == -EACCES || n == -EPERM) {
		pt->stack_denied = true;
		return;
	}
	if (n > 0) {
		char fr[THREAD_FRAMES + 1][THREAD_WCHAN_MAX];
		int k = thread_stack_parse(pt->buf, (size_t)n, fr, THREAD_FRAMES + 1);

		/* the frames past the scheduler other than the wait channel */
		if (!t->wchan[0] && k > 0)
			memcpy(t->wchan, fr[0], THREAD_WCHAN_MAX);
		for (int i = 0, m = 0; i < k && m < THREAD_FRAMES; i++)
			if (strcmp(fr[i], t->wchan) != 0)
				memcpy(t->frames[m++], fr[i], THREAD_WCHAN_MAX);
		s->have_stack = true;
	}
}

static int add_proc(struct thread_sample *s, const struct proc_pid_rec *rec)
{
	struct thread_proc_rec *p = thread_sample_add_proc(s);

	if (!p)
		return -ENOMEM;
	p->pid = rec->pid;
	p->ppid = rec->stat.ppid;
	/* kthreadd (2) and its children; their vsize is 0 too */
	p->kthread = rec->pid == 2 || rec->stat.ppid == 2;
	p->state = rec->stat.state;
	snprintf(p->comm, sizeof(p->comm), "%s", rec->stat.comm);
	p->nthreads = (int)rec->stat.num_threads;
	p->rss_pages = rec->stat.rss;
	p->blkio_ticks = rec->stat.delayacct_blkio_ticks;
	return 0;
}

int proc_threads_read(struct proc_threads *pt, const struct root *r, const struct thread_sample *prev_s,
		      struct thread_sample *out)
{
	size_t pj = 0;
	struct proc_pid_scan_opts so = { .want = PROC_PID_SCHEDSTAT, .threads = true };
	struct proc_pid_sample *prev = &pt->ps[pt->cur], *cur = &pt->ps[!pt->cur];
	struct proc_uptime up;
	bool kt = false;
	int err;

	thread_sample_free(out);
	out->source = "/proc";
	out->up_s = proc_uptime_read(r, &up) == 0 ? up.up_s : 0;
	so.max_kept_fds = r->live ? proc_pid_scan_fd_budget() / 2 : 0;
	proc_pid_sample_free(cur);
	err = proc_pid_scan(r, &so, prev->n ? prev : NULL, cur);
	proc_pid_sample_free(prev);
	pt->cur = !pt->cur;
	if (err)
		return err;
	for (size_t i = 0; i < cur->n; i++) {
		const struct proc_pid_rec *rec = &cur->recs[i];
		struct thread_rec *t;

		if (rec->tid == 0) {
			if (add_proc(out, rec))
				return -ENOMEM;
			kt = out->p[out->np - 1].kthread;
			continue;
		}
		if (!(t = thread_sample_add_thread(out)))
			return -ENOMEM;
		t->pid = rec->pid;
		t->tid = rec->tid;
		t->state = rec->stat.state;
		if (rec->have & PROC_PID_SCHEDSTAT)
			t->slices = rec->sched.timeslices;
		if (t->state == 'R')
			t->sc = THREAD_SC_RUNNING;
		else if ((t->state == 'D' || (!kt && t->state != 'Z' && t->state != 'X' && t->state != 'I')) &&
			 !thread_sample_carry(prev_s, &pj, t, false))
			read_wait(pt, r, out, t);	/* kernel threads only in D */
	}
	return 0;
}
