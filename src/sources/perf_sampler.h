/* cpu-clock sampling into mmap'ed rings (see sources/perf_event.h). */
#ifndef TRIAGE_SOURCES_PERF_SAMPLER_H
#define TRIAGE_SOURCES_PERF_SAMPLER_H

#include "sources/perf_event.h"
#include "sources/perf_record.h"

/* ---- sampling -------------------------------------------------------- */

struct perf_ring {
	int fd;
	void *base;		/* struct perf_event_mmap_page, then data */
	size_t data_size;	/* power of two */
};

struct perf_sampler_opts {
	unsigned freq;		/* samples per second per CPU/thread */
	bool kernel, user;	/* which stacks to take (exclude_kernel/user) */
	size_t ring_pages;	/* data pages per ring (power of two) */
};

struct perf_sampler {
	struct perf_ring *rings;	/* one per fd that has its own buffer */
	size_t nrings;
	int *fds;			/* every fd (threads sharing a ring) */
	size_t nfds;
	uint64_t records, lost;		/* counted while reading */
	char *scratch;			/* one record copied out of the ring */
};

/* Open cpu-clock sampling on every thread/CPU of t, mmap the rings. Returns 0
 * or -errno (-EACCES/-EPERM for permissions, with nothing left open). */
int perf_sampler_open(struct perf_sampler *s, const struct perf_target *t,
		      const struct perf_sampler_opts *o);

void perf_sampler_enable(struct perf_sampler *s, bool on);

/* Call fn for each record waiting in every ring, then free the space.
 * Stops early and returns fn's value when it is not 0. */
int perf_sampler_drain(struct perf_sampler *s,
		       int (*fn)(const struct perf_record *rec, void *arg), void *arg);

/* Wait up to timeout_ms for data (poll). Returns the number of fds that hung
 * up (their task exited), 0, or -errno. */
int perf_sampler_poll(struct perf_sampler *s, int timeout_ms);

void perf_sampler_close(struct perf_sampler *s);

#endif
