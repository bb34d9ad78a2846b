/* Thread states in a recorded sample: per process, the aggregates of one
 * sample of its threads, what the thread rules need (model/threads.h):
 * thread-samples on a CPU, in D, waiting on a lock, the waits grouped by
 * state, syscall, wait channel and the frame below it, the schedstat
 * timeslices since the previous sample, RSS and block-I/O delay. The
 * recorder fills them (cmd/record_threads.c) from the thread sampler
 * (sources/thread_sample.h, bpf/threads.c); the report over a recorded
 * window adds them to its model (threads_model_merge) as a live report adds
 * its own samples. Codec section 0x0c00 (sample_threads.c documents it). */
#ifndef TRIAGE_SAMPLE_SAMPLE_THREADS_H
#define TRIAGE_SAMPLE_SAMPLE_THREADS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sample/bytes.h"
#include "sources/thread_sample.h"

#define SAMPLE_TWAITS 6		/* waits kept per process (THREADS_MAX_WAITS) */

struct sample_twait {
	char state;
	char syscall[24];		/* "futex", "#449", "" none */
	char wchan[THREAD_WCHAN_MAX];
	char frame[THREAD_WCHAN_MAX];
	uint64_t arg0;
	uint32_t n;			/* threads in it */
	/* a wait in D on a file descriptor: the file and its mount, resolved
	 * when recorded (untrusted); "" otherwise */
	char file[128], mount[128], fstype[32];
};

struct sample_tproc {
	int pid, ppid;
	bool kthread;
	char state;			/* the leader's */
	char comm[64];			/* untrusted */
	int nthreads;			/* stat (20) */
	int64_t rss_pages;		/* stat (24) */
	uint64_t blkio_ticks;		/* stat (42), USER_HZ */
	uint32_t samples;		/* threads sampled */
	uint32_t running, dstate, lock;	/* of them on a CPU, in D, on a lock */
	uint64_t slices;		/* timeslices since the previous sample ... */
	uint32_t slice_threads;		/* ... over this many threads */
	uint32_t waits_other;		/* threads whose wait did not fit */
	int nwaits;			/* its waits: sample_threads.w[first_wait ...] */
	size_t first_wait;
};

struct sample_threads {
	double up_s;			/* uptime when sampled */
	double dt;			/* seconds since the previous thread sample, 0 none */
	char source[8];			/* "/proc" or "bpf" */
	int denied;			/* threads whose syscall/wchan could not be read */
	bool have_stack;		/* kernel stacks were readable */
	int delayacct;			/* kernel.task_delayacct: 1 on, 0 off, -1 unknown */
	int hz;				/* USER_HZ of blkio_ticks */
	int page;			/* bytes per page of rss_pages */
	struct sample_tproc *p;		/* sorted by pid */
	size_t n, cap;
	struct sample_twait *w;		/* every process's waits, in process order */
	size_t nw, capw;
};

/* Wait k of process p. */
static inline struct sample_twait *sample_tproc_wait(const struct sample_threads *st, const struct sample_tproc *p,
						     int k)
{
	return &st->w[p->first_wait + (size_t)k];
}

struct sample_threads *sample_threads_new(void);
void sample_threads_free(struct sample_threads *st);
/* Room for n records. Returns 0 or -ENOMEM. */
int sample_threads_reserve(struct sample_threads *st, size_t n);
/* Room for n waits in all. Returns 0 or -ENOMEM. */
int sample_threads_reserve_waits(struct sample_threads *st, size_t n);
/* Append one zeroed record (NULL on ENOMEM). */
struct sample_tproc *sample_threads_add(struct sample_threads *st);
/* Append a zeroed wait to p, the last record (at most SAMPLE_TWAITS; NULL
 * past them or on ENOMEM). */
struct sample_twait *sample_threads_add_wait(struct sample_threads *st, struct sample_tproc *p);
/* Empty, keeping the arrays (a recorder reuses one per sample). */
void sample_threads_clear(struct sample_threads *st);

void sample_encode_threads(const struct sample_threads *st, struct bw *w);
/* Returns 0, -EBADMSG or -ENOMEM; *out is malloc'd (sample_threads_free). */
int sample_decode_threads(struct br *r, struct sample_threads **out);

#endif
