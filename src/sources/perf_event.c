#include "sources/perf_event.h"

#include "sources/sys_cpu.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/perf_event.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define HWC(id, op, res) \
	((PERF_COUNT_HW_CACHE_##id) | (PERF_COUNT_HW_CACHE_OP_##op << 8) | \
	 (PERF_COUNT_HW_CACHE_RESULT_##res << 16))

/* perf's names (tools/perf/util/parse-events.c event_symbols_hw/sw). */
static const struct perf_ev_desc perf_evs[PEV__COUNT] = {
	[PEV_TASK_CLOCK] = { "task-clock", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK, false },
	[PEV_CONTEXT_SWITCHES] = { "context-switches", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CONTEXT_SWITCHES, false },
	[PEV_CPU_MIGRATIONS] = { "cpu-migrations", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_MIGRATIONS, false },
	[PEV_PAGE_FAULTS] = { "page-faults", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS, false },
	[PEV_CYCLES] = { "cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES, true },
	[PEV_INSTRUCTIONS] = { "instructions", PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS, true },
	[PEV_BRANCHES] = { "branches", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_INSTRUCTIONS, true },
	[PEV_BRANCH_MISSES] = { "branch-misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_MISSES, true },
	[PEV_CACHE_REFERENCES] = { "cache-references", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_REFERENCES, true },
	[PEV_CACHE_MISSES] = { "cache-misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_MISSES, true },
	[PEV_LLC_LOADS] = { "LLC-loads", PERF_TYPE_HW_CACHE, HWC(LL, READ, ACCESS), true },
	[PEV_LLC_LOAD_MISSES] = { "LLC-load-misses", PERF_TYPE_HW_CACHE, HWC(LL, READ, MISS), true },
	[PEV_CPU_CLOCK] = { "cpu-clock", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK, false },
};

const enum perf_ev perf_ev_default[] = {
	PEV_TASK_CLOCK, PEV_CONTEXT_SWITCHES, PEV_CPU_MIGRATIONS, PEV_PAGE_FAULTS,
	PEV_CYCLES, PEV_INSTRUCTIONS, PEV_BRANCHES, PEV_BRANCH_MISSES,
	PEV_CACHE_REFERENCES, PEV_CACHE_MISSES, PEV_LLC_LOADS, PEV_LLC_LOAD_MISSES,
};
const size_t perf_ev_default_n = sizeof(perf_ev_default) / sizeof(perf_ev_default[0]);

const struct perf_ev_desc *perf_ev_desc(enum perf_ev ev)
{
	return ev < PEV__COUNT ? &perf_evs[ev] : NULL;
}

int perf_ev_lookup(const char *name)
{
	static const struct { const char *alias; enum perf_ev ev; } aliases[] = {
		{ "cpu-cycles", PEV_CYCLES }, { "faults", PEV_PAGE_FAULTS },
		{ "cs", PEV_CONTEXT_SWITCHES }, { "migrations", PEV_CPU_MIGRATIONS },
		{ "branch-instructions", PEV_BRANCHES },
	};
	for (int i = 0; i < PEV__COUNT; i++)
		if (!strcmp(perf_evs[i].name, name))
			return i;
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (!strcmp(aliases[i].alias, name))
			return aliases[i].ev;
	return -ENOENT;
}

static int sys_perf_event_open(struct perf_event_attr *a, pid_t pid, int cpu, int group, unsigned long flags)
{
	long fd = syscall(SYS_perf_event_open, a, pid, cpu, group, flags);

	return fd < 0 ? -errno : (int)fd;
}

size_t perf_target_slots(const struct perf_target *t)
{
	return t->system_wide || t->per_cpu ? (size_t)t->ncpus : t->ntids;
}

/* Inherited per-task events cannot be mmap'ed with cpu == -1
 * (kernel/events/core.c perf_mmap), hence per_cpu for a sampled command. */
void perf_target_slot(const struct perf_target *t, size_t i, pid_t *pid, int *cpu)
{
	if (t->system_wide || t->per_cpu) {
		*pid = t->system_wide ? -1 : t->tids[0];
		*cpu = (int)i;
	} else {
		*pid = t->tids[i];
		*cpu = -1;
	}
}

int perf_counter_open(struct perf_counter *c, enum perf_ev ev, const struct perf_target *t)
{
	struct perf_event_attr a;
	size_t n = perf_target_slots(t), opened = 0;

	memset(c, 0, sizeof(*c));
	c->ev = ev;
	c->fds = malloc((n ? n : 1) * sizeof(int));
	if (!c->fds)
		return -ENOMEM;
	c->nfds = n;
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.type = perf_evs[ev].type;
	a.config = perf_evs[ev].config;
	a.read_format = PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
	a.disabled = 1;
	a.inherit = t->inherit;
	a.enable_on_exec = t->enable_on_exec;
	a.exclude_kernel = t->exclude_kernel;
	a.exclude_hv = t->exclude_kernel;
	for (size_t i = 0; i < n; i++) {
		pid_t pid;
		int cpu, fd;

		perf_target_slot(t, i, &pid, &cpu);
		fd = sys_perf_event_open(&a, pid, cpu, -1, PERF_FLAG_FD_CLOEXEC);
		/* A thread that left (ESRCH) or an offline CPU is skipped. */
		if (fd < 0 && !c->err && fd != -ESRCH && !(fd == -ENODEV && cpu > 0))
			c->err = fd;
		c->fds[i] = fd < 0 ? -1 : fd;
		opened += fd >= 0;
	}
	if (opened)
		c->err = 0;
	else if (!c->err)
		c->err = -ESRCH;
	return 0;
}

void perf_counter_enable(struct perf_counter *c, bool on)
{
	for (size_t i = 0; i < c->nfds; i++)
		if (c->fds[i] >= 0)
			ioctl(c->fds[i], on ? PERF_EVENT_IOC_ENABLE : PERF_EVENT_IOC_DISABLE, 0);
}

int perf_read_parse(const void *buf, size_t len, struct perf_read *out)
{
	uint64_t v[3];

	if (len < sizeof(v))
		return -EINVAL;
	memcpy(v, buf, sizeof(v));
	out->value = v[0];		/* u64 value */
	out->time_enabled = v[1];	/* PERF_FORMAT_TOTAL_TIME_ENABLED */
	out->time_running = v[2];	/* PERF_FORMAT_TOTAL_TIME_RUNNING */
	return 0;
}

int perf_counter_read(struct perf_counter *c)
{
	memset(&c->sum, 0, sizeof(c->sum));
	for (size_t i = 0; i < c->nfds; i++) {
		char buf[64];
		struct perf_read r;
		ssize_t n;

		if (c->fds[i] < 0)
			continue;
		n = read(c->fds[i], buf, sizeof(buf));
		if (n < 0)
			return -errno;
		if (perf_read_parse(buf, (size_t)n, &r))
			return -EIO;
		c->sum.value += r.value;
		c->sum.time_enabled += r.time_enabled;
		c->sum.time_running += r.time_running;
	}
	return 0;
}

void perf_counter_close(struct perf_counter *c)
{
	for (size_t i = 0; i < c->nfds; i++)
		if (c->fds[i] >= 0)
			close(c->fds[i]);
	free(c->fds);
	c->fds = NULL;
	c->nfds = 0;
}

int perf_paranoid_read(const struct root *r, int *level)
{
	char buf[32];
	ssize_t n = root_read(r, ROOT_PROC, "sys/kernel/perf_event_paranoid", buf, sizeof(buf));

	if (n < 0)
		return (int)n;
	*level = atoi(buf);	/* one integer, -1..4 (Debian adds 3) */
	return 0;
}

int perf_pid_tids(const struct root *r, pid_t pid, pid_t **tids, size_t *n)
{
	char rel[32];
	struct dirent *de;
	DIR *d;
	int fd, added = 0, err = 0;

	snprintf(rel, sizeof(rel), "%d/task", (int)pid);
	fd = root_openat(r, ROOT_PROC, rel, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return fd;
	d = fdopendir(fd);
	if (!d) {
		err = -errno;
		close(fd);
		return err;
	}
	while ((de = readdir(d))) {
		char *end;
		long tid = strtol(de->d_name, &end, 10);
		pid_t *p;

		if (*end || tid <= 0)
			continue;
		p = realloc(*tids, (*n + 1) * sizeof(**tids));
		if (!p) {
			err = -ENOMEM;
			break;
		}
		*tids = p;
		(*tids)[(*n)++] = (pid_t)tid;
		added++;
	}
	closedir(d);
	return err ? err : added;
}

int perf_pid_list_parse(const char *s, pid_t *pids, size_t max)
{
	size_t n = 0;

	while (*s) {
		char *end;
		long v = strtol(s, &end, 10);

		if (end == s || v <= 0 || v > 0x3fffffff || (*end && *end != ',') || n == max)
			return -EINVAL;
		pids[n++] = (pid_t)v;
		s = *end ? end + 1 : end;
		if (*end && !*s)
			return -EINVAL;
	}
	return n ? (int)n : -EINVAL;
}

int perf_ncpus(const struct root *r)
{
	struct sys_cpu sc = { 0 };
	int n = 0;

	if (sys_cpu_read(r, &sc) == 0)
		n = sc.online.nbits;	/* offline CPUs in between fail to open: skipped */
	sys_cpu_free(&sc);
	return n > 0 ? n : (int)sysconf(_SC_NPROCESSORS_CONF);
}
