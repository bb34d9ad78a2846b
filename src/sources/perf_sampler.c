#include "sources/perf_sampler.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SCRATCH_SIZE 65536	/* a record is at most 64 KiB (u16 size) */

static void sampler_attr(struct perf_event_attr *a, const struct perf_target *t,
			 const struct perf_sampler_opts *o, size_t data_size)
{
	memset(a, 0, sizeof(*a));
	a->size = sizeof(*a);
	a->type = PERF_TYPE_SOFTWARE;
	a->config = PERF_COUNT_SW_CPU_CLOCK;
	a->freq = 1;
	a->sample_freq = o->freq;
	a->sample_type = PERF_SAMPLE_IP | PERF_SAMPLE_TID | PERF_SAMPLE_TIME |
			 PERF_SAMPLE_CPU | PERF_SAMPLE_PERIOD | PERF_SAMPLE_CALLCHAIN;
	a->disabled = 1;
	a->inherit = t->inherit;
	a->enable_on_exec = t->enable_on_exec;
	a->exclude_kernel = !o->kernel;
	a->exclude_user = !o->user;
	a->exclude_hv = 1;
	a->mmap = 1;		/* executable mappings created while we run */
	a->mmap2 = 1;		/* ... with device, inode and prot */
	a->comm = 1;
	a->comm_exec = 1;
	a->task = 1;		/* FORK/EXIT */
	a->watermark = 1;	/* wake up when the ring is half full */
	a->wakeup_watermark = (uint32_t)(data_size / 2);
}

static int ring_map(struct perf_ring *r, int fd, size_t pages)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);

	/* Read-write: we own data_tail and the kernel never overwrites what
	 * we have not read (it counts LOST records instead). */
	for (; pages >= 1; pages /= 2) {
		void *p = mmap(NULL, (pages + 1) * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

		if (p != MAP_FAILED) {
			r->fd = fd;
			r->base = p;
			r->data_size = pages * pg;
			return 0;
		}
		if (errno != EPERM && errno != ENOMEM)
			return -errno;	/* over the locked-memory limit: smaller */
	}
	return -EPERM;
}

static void sampler_free(struct perf_sampler *s)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);

	for (size_t i = 0; i < s->nrings; i++)
		munmap(s->rings[i].base, s->rings[i].data_size + pg);
	for (size_t i = 0; i < s->nfds; i++)
		close(s->fds[i]);
	free(s->rings);
	free(s->fds);
	free(s->scratch);
	memset(s, 0, sizeof(*s));
}

int perf_sampler_open(struct perf_sampler *s, const struct perf_target *t,
		      const struct perf_sampler_opts *o)
{
	size_t n = perf_target_slots(t);
	size_t pages = o->ring_pages ? o->ring_pages : 64;
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	struct perf_event_attr a;
	int err = 0, first_err = 0;

	memset(s, 0, sizeof(*s));
	s->rings = calloc(n ? n : 1, sizeof(*s->rings));
	s->fds = calloc(n ? n : 1, sizeof(*s->fds));
	s->scratch = malloc(SCRATCH_SIZE);
	if (!s->rings || !s->fds || !s->scratch) {
		sampler_free(s);
		return -ENOMEM;
	}
	/* Many threads: smaller rings, within perf_event_mlock_kb. */
	if (!t->system_wide && !t->per_cpu && n > 8 && pages > 8)
		pages = 8;
	sampler_attr(&a, t, o, pages * pg);
	for (size_t i = 0; i < n; i++) {
		pid_t pid;
		int cpu;
		long fd;

		perf_target_slot(t, i, &pid, &cpu);
		fd = syscall(SYS_perf_event_open, &a, pid, cpu, -1, PERF_FLAG_FD_CLOEXEC);

		if (fd < 0) {
			err = -errno;
			/* A thread gone, an offline CPU: skip. Permission: stop. */
			if (err == -EACCES || err == -EPERM)
				goto fail;
			if (!first_err)
				first_err = err;
			continue;
		}
		s->fds[s->nfds++] = (int)fd;
		err = ring_map(&s->rings[s->nrings], (int)fd, pages);
		if (err)
			goto fail;
		s->nrings++;
	}
	if (s->nfds == 0) {
		err = first_err ? first_err : -ESRCH;
		goto fail;
	}
	return 0;
fail:
	sampler_free(s);
	return err;
}

void perf_sampler_enable(struct perf_sampler *s, bool on)
{
	for (size_t i = 0; i < s->nfds; i++)
		ioctl(s->fds[i], on ? PERF_EVENT_IOC_ENABLE : PERF_EVENT_IOC_DISABLE, 0);
}

/* Copy len bytes at ring offset off (which may wrap) into dst. */
static void ring_copy(const struct perf_ring *r, uint64_t off, void *dst, size_t len)
{
	const char *data = (const char *)r->base + (size_t)sysconf(_SC_PAGESIZE);
	size_t o = (size_t)(off & (r->data_size - 1));
	size_t first = r->data_size - o < len ? r->data_size - o : len;

	memcpy(dst, data + o, first);
	memcpy((char *)dst + first, data, len - first);
}

/* include/uapi/linux/perf_event.h: read data_head with acquire semantics
 * (smp_rmb after loading it), write data_tail with release (smp_mb before). */
static int ring_drain(struct perf_sampler *s, struct perf_ring *r,
		      int (*fn)(const struct perf_record *, void *), void *arg,
		      struct perf_record *rec)
{
	struct perf_event_mmap_page *pg = r->base;
	uint64_t head = __atomic_load_n(&pg->data_head, __ATOMIC_ACQUIRE);
	uint64_t tail = pg->data_tail;
	int ret = 0;

	while (tail < head) {
		struct perf_event_header h;

		ring_copy(r, tail, &h, sizeof(h));
		if (h.size < sizeof(h) || h.size > head - tail)
			break;	/* corrupt: drop what is left */
		ring_copy(r, tail, s->scratch, h.size);
		tail += h.size;
		s->records++;
		if (perf_record_parse(s->scratch, h.size, rec))
			continue;
		if (rec->type == PERF_RECORD_LOST || rec->type == PERF_RECORD_LOST_SAMPLES)
			s->lost += rec->u.lost.lost;
		ret = fn(rec, arg);
		if (ret)
			break;
	}
	__atomic_store_n(&pg->data_tail, ret ? tail : head, __ATOMIC_RELEASE);
	return ret;
}

int perf_sampler_drain(struct perf_sampler *s,
		       int (*fn)(const struct perf_record *rec, void *arg), void *arg)
{
	struct perf_record *rec = malloc(sizeof(*rec));
	int ret = 0;

	if (!rec)
		return -ENOMEM;
	for (size_t i = 0; i < s->nrings && !ret; i++)
		ret = ring_drain(s, &s->rings[i], fn, arg, rec);
	free(rec);
	return ret;
}

int perf_sampler_poll(struct perf_sampler *s, int timeout_ms)
{
	struct pollfd *p = calloc(s->nfds ? s->nfds : 1, sizeof(*p));
	int n, hup = 0;

	if (!p)
		return -ENOMEM;
	for (size_t i = 0; i < s->nfds; i++) {
		p[i].fd = s->fds[i];
		p[i].events = POLLIN;
	}
	n = poll(p, s->nfds, timeout_ms);
	if (n < 0) {
		n = -errno;
		free(p);
		return n;
	}
	for (size_t i = 0; i < s->nfds; i++)
		hup += (p[i].revents & POLLHUP) != 0;
	free(p);
	return hup;
}

void perf_sampler_close(struct perf_sampler *s)
{
	sampler_free(s);
}
