/* Thread samples (sources/thread_sample.h) aggregated per process over a
 * window: how many thread-samples were on a CPU, in D, waiting, and in what
 * (wait channel + syscall), how often its threads were woken, how its RSS
 * moved, and how much block-I/O delay it had.
 *
 * "Thread-samples": at every sample each thread of the process counts once;
 * a process of 8 threads sampled 5 times has 40. A share is of those.
 *
 * Derived figures (threads_proc_*) are computed here, once:
 *   lock share   thread-samples in futex/futex_waitv or whose wait channel or
 *                kernel frames are a kernel lock (mutex, rwsem, semaphore,
 *                rt_mutex), % of the thread-samples
 *   wakeups      schedstat (3) increments of its threads between
 *                consecutive samples, per thread and per second of sampling
 *   RSS growth   least-squares slope of RSS (bytes) against the samples'
 *                uptime, with the fit's r^2 (1 for a straight line; 0 when
 *                RSS is flat: nothing to explain)
 *   I/O delay    delayacct_blkio_ticks (stat 42) from its first to its last
 *                sample, in seconds (USER_HZ ticks / hz) */
#ifndef TRIAGE_MODEL_THREADS_H
#define TRIAGE_MODEL_THREADS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sources/thread_sample.h"

#define THREADS_MAX_WAITS 6

struct threads_wait {
	char state;			/* S, D, T ... */
	char syscall[24];		/* "futex", "#449" when unnamed, "" none/unknown */
	char wchan[THREAD_WCHAN_MAX];	/* "" unknown */
	char frame[THREAD_WCHAN_MAX];	/* the kernel frame below it (D with stacks), "" */
	uint64_t arg0;			/* the syscall's first argument, of the first sample */
	int n;				/* thread-samples */
};

struct threads_proc {
	int pid, ppid;
	bool kthread;
	char state;			/* the leader's, at its last sample */
	char comm[64];
	int nthreads;			/* at its last sample */
	int samples;			/* thread-samples */
	int running;			/* of them on a CPU (R) */
	int dstate;			/* in D */
	int lock;			/* waiting on a futex or a kernel lock */
	struct threads_wait waits[THREADS_MAX_WAITS];	/* the waits seen, most first after threads_model_end() */
	int nwaits;
	int waits_other;		/* thread-samples whose wait did not fit */
	uint64_t slices;		/* times its threads were put on a CPU between samples */
	int slice_threads;		/* thread-intervals those cover */
	double slices_s;		/* seconds those cover, per thread-interval summed */
	/* RSS regression sums over (uptime, bytes) */
	int nrss;
	double st, sr, stt, str, srr;
	double rss_first, rss_last;	/* bytes */
	double t_first, t_last;		/* uptime of its first and last sample */
	uint64_t blkio_first, blkio_last;
};

struct threads_model {
	struct threads_proc *v;		/* sorted by pid */
	size_t n, cap;
	int nsamples;
	int nzombies;			/* processes in Z at their last sample (after threads_model_end) */
	double t_first, t_last;
	long hz, page;			/* USER_HZ, page size in bytes */
	const char *source;		/* the last sample's */
	int denied;			/* max over samples */
	bool have_stack;
};

void threads_model_init(struct threads_model *m, long hz, long page);
void threads_model_free(struct threads_model *m);
/* Add sample cur; prev is the sample before it (NULL for the first), for the
 * wakeup deltas. Returns 0 or -ENOMEM. */
int threads_model_add(struct threads_model *m, const struct thread_sample *prev,
		      const struct thread_sample *cur);
struct sample_threads;
/* Add one recorded sample's per-process aggregates (sample/sample_threads.h:
 * what threads_model_add would have added for that sample). Returns 0 or
 * -ENOMEM. */
int threads_model_merge(struct threads_model *m, const struct sample_threads *st);
/* The other way: one sample (cur, with prev for the timeslices) as those
 * aggregates, for the recorder; only the processes a thread rule may judge
 * (user processes, kernel threads in D). m is scratch (threads_model_init
 * once, reset here: its arrays are reused sample after sample, a recorder's
 * hot path). Returns 0 or -ENOMEM. */
int threads_model_aggregate(struct threads_model *m, const struct thread_sample *prev,
			    const struct thread_sample *cur, struct sample_threads *out);
/* Empty the model, keeping its arrays. */
void threads_model_reset(struct threads_model *m);

/* Sort each process's waits, most thread-samples first. */
void threads_model_end(struct threads_model *m);

/* % of the thread-samples (NAN with none). */
double threads_proc_pct(const struct threads_proc *p, int n);
/* Wakeups per thread per second (NAN unknown). */
double threads_proc_wakeups(const struct threads_proc *p);
/* RSS slope in bytes per second and the fit's r^2; NAN with < 3 samples. */
void threads_proc_growth(const struct threads_proc *p, double *slope, double *r2);
/* Block-I/O delay over its samples, seconds. */
double threads_proc_blkio_s(const struct threads_proc *p, long hz);

/* A wait that is a lock: futex syscall, or a kernel lock frame. */
bool threads_wait_is_lock(const char *syscall, const char *wchan, const char *frame);

#endif
