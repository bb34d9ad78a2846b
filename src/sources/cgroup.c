/* cgroup v1 and v2 files of one group: parsers and the reader.
 * Mount discovery, path handling and the walk are in cgroup_walk.c. */
#include "sources/cgroup.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const cgroup_v1_names[CG1__COUNT] = {
	[CG1_CPU] = "cpu",
	[CG1_CPUACCT] = "cpuacct",
	[CG1_MEMORY] = "memory",
	[CG1_PIDS] = "pids",
	[CG1_BLKIO] = "blkio",
};

/* v1 memory limits: "unlimited" is PAGE_COUNTER_MAX pages in bytes, i.e.
 * LONG_MAX rounded down to the page size (9223372036854771712 with 4 KiB
 * pages; mm/page_counter.c). Anything within 64 KiB of INT64_MAX is that. */
static uint64_t v1_limit(uint64_t v)
{
	return v >= (uint64_t)INT64_MAX - 65535 ? CGROUP_UNLIMITED : v;
}

static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

int cgroup_value_parse(const char *buf, size_t len, uint64_t *out)
{
	const char *p = skip_ws(buf);
	char *end;

	(void)len;
	if (!strncmp(p, "max", 3)) {
		end = (char *)p + 3;
		*out = CGROUP_UNLIMITED;
	} else if (!strncmp(p, "-1", 2)) {
		end = (char *)p + 2;
		*out = CGROUP_UNLIMITED;
	} else {
		if (*p < '0' || *p > '9')
			return -EINVAL;
		errno = 0;
		*out = strtoull(p, &end, 10);
		if (errno)
			return -EINVAL;
	}
	end = (char *)skip_ws(end);
	return *end == '\n' || *end == '\0' ? 0 : -EINVAL;
}

int cgroup_cpu_max_parse(const char *buf, size_t len, uint64_t *quota_us, uint64_t *period_us)
{
	const char *sp = memchr(buf, ' ', len);
	char q[32];

	if (!sp || (size_t)(sp - buf) >= sizeof(q))
		return -EINVAL;
	memcpy(q, buf, (size_t)(sp - buf));
	q[sp - buf] = '\0';
	if (cgroup_value_parse(q, strlen(q), quota_us) ||
	    cgroup_value_parse(sp + 1, len - (size_t)(sp + 1 - buf), period_us) ||
	    *period_us == CGROUP_UNLIMITED || *period_us == 0)
		return -EINVAL;
	return 0;
}

long long cgroup_kv_parse(const char *buf, size_t len, const char *const *keys, int nkeys,
			  uint64_t *vals)
{
	const char *p = buf, *end = buf + len;
	long long found = 0;

	if (nkeys > 64)
		return -EINVAL;
	while (p < end && *p) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *sp = memchr(p, ' ', (size_t)((nl ? nl : end) - p));
		size_t kl;
		char *e;

		if (!sp)
			return -EINVAL;
		kl = (size_t)(sp - p);
		for (int i = 0; i < nkeys; i++) {
			if (strlen(keys[i]) != kl || strncmp(keys[i], p, kl) != 0)
				continue;
			errno = 0;
			vals[i] = strtoull(sp + 1, &e, 10);
			if (errno || e == sp + 1 || (*e != '\n' && *e != '\0' && *e != ' '))
				return -EINVAL;
			found |= 1LL << i;
			break;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	return found;
}

#define NKEYS(k) ((int)(sizeof(k) / sizeof((k)[0])))
#define HAS(mask, i) (((mask) >> (i)) & 1)

int cgroup_cpu_stat_parse(const char *buf, size_t len, int version, struct cgroup_cpu *cpu)
{
	/* v2 cpu.stat (kernel/sched/core.c cpu_extra_stat_show, kernel/cgroup/rstat.c) */
	static const char *const v2[] = { "usage_usec", "user_usec", "system_usec",
					  "nr_periods", "nr_throttled", "throttled_usec" };
	/* v1 cpu.stat (kernel/sched/core.c cpu_cfs_stat_show): throttled_time in ns */
	static const char *const v1[] = { "nr_periods", "nr_throttled", "throttled_time" };
	uint64_t v[6] = { 0 };
	long long m;

	if (version == 2) {
		m = cgroup_kv_parse(buf, len, v2, NKEYS(v2), v);
		if (m < 0)
			return (int)m;
		if (HAS(m, 0)) {
			cpu->has_usage = true;
			cpu->usage_ns = v[0] * 1000;
		}
		if (HAS(m, 1) && HAS(m, 2)) {
			cpu->has_user_system = true;
			cpu->user_ns = v[1] * 1000;
			cpu->system_ns = v[2] * 1000;
		}
		if (HAS(m, 3) && HAS(m, 4) && HAS(m, 5)) {
			cpu->has_throttle = true;
			cpu->nr_periods = v[3];
			cpu->nr_throttled = v[4];
			cpu->throttled_ns = v[5] * 1000;
		}
		return m ? 0 : -EINVAL;
	}
	m = cgroup_kv_parse(buf, len, v1, NKEYS(v1), v);
	if (m < 0)
		return (int)m;
	if (m != 7)
		return -EINVAL;
	cpu->has_throttle = true;
	cpu->nr_periods = v[0];
	cpu->nr_throttled = v[1];
	cpu->throttled_ns = v[2];
	return 0;
}

int cgroup_mem_events_parse(const char *buf, size_t len, struct cgroup_mem *mem)
{
	/* mm/memcontrol.c __memory_events_show */
	static const char *const k[] = { "low", "high", "max", "oom", "oom_kill" };
	uint64_t v[5] = { 0 };
	long long m = cgroup_kv_parse(buf, len, k, NKEYS(k), v);

	if (m < 0)
		return (int)m;
	if (!m)
		return -EINVAL;
	mem->has_events = true;
	mem->ev_low = v[0];
	mem->ev_high = v[1];
	mem->ev_max = v[2];
	mem->ev_oom = v[3];
	mem->ev_oom_kill = v[4];	/* 0 when absent (before 4.13) */
	return 0;
}

int cgroup_mem_stat_parse(const char *buf, size_t len, int version, struct cgroup_mem *mem)
{
	/* Same order in both: anon file shmem swap pgfault pgmajfault [limit].
	 * v2 has no swap line (memory.swap.current holds it): slot 3 is a
	 * placeholder that never matches. */
	static const char *const v2[] = { "anon", "file", "shmem", " ",
					  "pgfault", "pgmajfault" };
	static const char *const v1[] = { "total_rss", "total_cache", "total_shmem", "total_swap",
					  "total_pgfault", "total_pgmajfault",
					  "hierarchical_memory_limit" };
	uint64_t v[7] = { 0 };
	long long m;

	m = version == 2 ? cgroup_kv_parse(buf, len, v2, NKEYS(v2), v)
			 : cgroup_kv_parse(buf, len, v1, NKEYS(v1), v);
	if (m < 0)
		return (int)m;
	if (!HAS(m, 0) || !HAS(m, 1))
		return -EINVAL;
	mem->has_stat = true;
	mem->anon = v[0];
	mem->file = v[1];
	mem->shmem = v[2];
	if (version == 1)
		mem->swap = v[3];	/* v2: memory.swap.current, read apart */
	mem->pgfault = v[4];
	mem->pgmajfault = v[5];
	if (version == 1 && HAS(m, 6))
		mem->max_eff = v1_limit(v[6]);
	return 0;
}

int cgroup_oom_control_parse(const char *buf, size_t len, struct cgroup_mem *mem)
{
	/* mm/memcontrol-v1.c mem_cgroup_oom_control_read */
	static const char *const k[] = { "oom_kill_disable", "under_oom", "oom_kill" };
	uint64_t v[3] = { 0 };
	long long m = cgroup_kv_parse(buf, len, k, NKEYS(k), v);

	if (m < 0)
		return (int)m;
	if (!HAS(m, 1))
		return -EINVAL;
	mem->has_oom_control = true;
	mem->under_oom = v[1] != 0;
	mem->oom_kill = v[2];
	return 0;
}

int cgroup_io_stat_parse(const char *buf, size_t len, struct cgroup_io *io)
{
	const char *p = buf, *end = buf + len;

	io->rbytes = io->wbytes = io->rios = io->wios = 0;
	while (p < end && *p) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *q = memchr(p, ' ', (size_t)(le - p));

		/* "8:0 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=0 dios=0" (block/blk-cgroup.c) */
		while (q && q < le) {
			const char *eq, *val;
			uint64_t *dst = NULL;
			char *e;

			q++;
			eq = memchr(q, '=', (size_t)(le - q));
			if (!eq)
				break;
			val = eq + 1;
			if (eq - q == 6 && !strncmp(q, "rbytes", 6))
				dst = &io->rbytes;
			else if (eq - q == 6 && !strncmp(q, "wbytes", 6))
				dst = &io->wbytes;
			else if (eq - q == 4 && !strncmp(q, "rios", 4))
				dst = &io->rios;
			else if (eq - q == 4 && !strncmp(q, "wios", 4))
				dst = &io->wios;
			if (dst) {
				uint64_t x = strtoull(val, &e, 10);

				if (e == val)
					return -EINVAL;
				*dst += x;
			}
			q = memchr(val, ' ', (size_t)(le - val));
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	return 0;
}

int cgroup_blkio_parse(const char *buf, size_t len, int bytes, struct cgroup_io *io)
{
	const char *p = buf, *end = buf + len;
	uint64_t r = 0, w = 0;

	while (p < end && *p) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		char dev[32], op[16];
		unsigned long long v;

		/* "8:0 Read 4096" ... "8:0 Total 8192", then "Total 8192" */
		if (sscanf(p, "%31s %15s %llu", dev, op, &v) == 3) {
			if (!strcmp(op, "Read"))
				r += v;
			else if (!strcmp(op, "Write"))
				w += v;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	if (bytes) {
		io->rbytes = r;
		io->wbytes = w;
	} else {
		io->rios = r;
		io->wios = w;
	}
	return 0;
}

/* --- reading --- */

/* Read DIR/PATH/FILE under sys/ into buf. */
static ssize_t rd(const struct root *r, const char *dir, const char *path, const char *file,
		  char *buf, size_t size)
{
	char rel[sizeof(((struct cgroup_mounts *)0)->v2) + CGROUP_PATH_MAX + 64];

	if (!dir || !*dir || !path)
		return -ENOENT;
	while (*path == '/')
		path++;
	snprintf(rel, sizeof(rel), "%s/%s%s%s", dir, path, *path ? "/" : "", file);
	return root_read(r, ROOT_SYS, rel, buf, size);
}

static int rd_value(const struct root *r, const char *dir, const char *path, const char *file,
		    uint64_t *out)
{
	char buf[64];
	ssize_t n = rd(r, dir, path, file, buf, sizeof(buf));

	if (n < 0)
		return (int)n;
	return cgroup_value_parse(buf, (size_t)n, out);
}

static void read_cpu_v2(const struct root *r, const char *d, const char *p, struct cgroup_cpu *c)
{
	char buf[1024];
	ssize_t n;

	n = rd(r, d, p, "cpu.max", buf, sizeof(buf));
	if (n > 0 && !cgroup_cpu_max_parse(buf, (size_t)n, &c->quota_us, &c->period_us)) {
		c->has_quota = true;
		c->version = 2;
	}
	/* cpu.stat is in every v2 group (usage from rstat), throttling only
	 * with the cpu controller enabled. */
	n = rd(r, d, p, "cpu.stat", buf, sizeof(buf));
	if (n > 0)
		cgroup_cpu_stat_parse(buf, (size_t)n, 2, c);
}

static void read_cpu_v1(const struct root *r, const struct cgroup_mounts *m,
			const struct cgroup_paths *ps, struct cgroup_cpu *c)
{
	const char *d = m->v1[CG1_CPU], *p = ps->v1[CG1_CPU];
	char buf[512];
	uint64_t v;
	ssize_t n;

	if (!c->has_quota && !rd_value(r, d, p, "cpu.cfs_quota_us", &c->quota_us) &&
	    !rd_value(r, d, p, "cpu.cfs_period_us", &c->period_us)) {
		c->has_quota = true;
		c->version = 1;
	}
	if (!c->has_throttle && (n = rd(r, d, p, "cpu.stat", buf, sizeof(buf))) > 0)
		cgroup_cpu_stat_parse(buf, (size_t)n, 1, c);
	d = m->v1[CG1_CPUACCT];
	p = ps->v1[CG1_CPUACCT];
	/* v1 cpuacct wins over v2's rstat usage: in a hybrid layout the v2
	 * group holds other tasks than the v1 cpu group. */
	if (!rd_value(r, d, p, "cpuacct.usage", &v)) {
		c->has_usage = true;
		c->usage_ns = v;
		c->has_user_system = !rd_value(r, d, p, "cpuacct.usage_user", &c->user_ns) &&
				     !rd_value(r, d, p, "cpuacct.usage_sys", &c->system_ns);
	}
}

/* v2 memory.max of the group and its ancestors: the lowest binds. */
static uint64_t v2_max_eff(const struct root *r, const char *d, const char *path, uint64_t own)
{
	char p[CGROUP_PATH_MAX];
	uint64_t lo = own, v;
	char *s;

	snprintf(p, sizeof(p), "%s", path);
	while ((s = strrchr(p, '/')) && s != p) {
		*s = '\0';
		if (!rd_value(r, d, p, "memory.max", &v) && v < lo)
			lo = v;
	}
	return lo;
}

static void read_mem(const struct root *r, const struct cgroup_mounts *m,
		     const struct cgroup_paths *ps, struct cgroup_mem *mem, bool full)
{
	const char *d = m->v2, *p = ps->v2;
	char buf[16384];	/* memory.stat: ~50 lines on 6.x */
	ssize_t n;

	mem->high = mem->max = mem->max_eff = CGROUP_UNLIMITED;
	if (!rd_value(r, d, p, "memory.current", &mem->current)) {
		mem->version = 2;
		rd_value(r, d, p, "memory.max", &mem->max);
		rd_value(r, d, p, "memory.high", &mem->high);
		mem->max_eff = v2_max_eff(r, d, p, mem->max);
		if ((n = rd(r, d, p, "memory.events", buf, sizeof(buf))) > 0)
			cgroup_mem_events_parse(buf, (size_t)n, mem);
		if (!full)
			return;
		mem->has_peak = !rd_value(r, d, p, "memory.peak", &mem->peak);
		if ((n = rd(r, d, p, "memory.stat", buf, sizeof(buf))) > 0)
			cgroup_mem_stat_parse(buf, (size_t)n, 2, mem);
		rd_value(r, d, p, "memory.swap.current", &mem->swap);
		return;
	}
	d = m->v1[CG1_MEMORY];
	p = ps->v1[CG1_MEMORY];
	if (rd_value(r, d, p, "memory.usage_in_bytes", &mem->current))
		return;
	mem->version = 1;
	if (!rd_value(r, d, p, "memory.limit_in_bytes", &mem->max))
		mem->max_eff = mem->max = v1_limit(mem->max);
	mem->has_peak = !rd_value(r, d, p, "memory.max_usage_in_bytes", &mem->peak);
	mem->has_failcnt = !rd_value(r, d, p, "memory.failcnt", &mem->failcnt);
	if ((n = rd(r, d, p, "memory.oom_control", buf, sizeof(buf))) > 0)
		cgroup_oom_control_parse(buf, (size_t)n, mem);
	if ((n = rd(r, d, p, "memory.stat", buf, sizeof(buf))) > 0)
		cgroup_mem_stat_parse(buf, (size_t)n, 1, mem);
	if (mem->max < mem->max_eff)
		mem->max_eff = mem->max;
}

static void read_pids_io(const struct root *r, const struct cgroup_mounts *m,
			 const struct cgroup_paths *ps, struct cgroup_sample *s, bool full)
{
	char buf[32768];	/* io.stat: one line per device */
	ssize_t n;

	if (!rd_value(r, m->v2, ps->v2, "pids.current", &s->pids.current)) {
		s->pids.version = 2;
	} else if (!rd_value(r, m->v1[CG1_PIDS], ps->v1[CG1_PIDS], "pids.current", &s->pids.current)) {
		s->pids.version = 1;
	}
	if (s->pids.version &&
	    rd_value(r, s->pids.version == 2 ? m->v2 : m->v1[CG1_PIDS],
		     s->pids.version == 2 ? ps->v2 : ps->v1[CG1_PIDS], "pids.max", &s->pids.max))
		s->pids.max = CGROUP_UNLIMITED;
	if (!full)
		return;
	if ((n = rd(r, m->v2, ps->v2, "io.stat", buf, sizeof(buf))) >= 0) {
		if (!cgroup_io_stat_parse(buf, (size_t)n, &s->io))
			s->io.version = 2;
		return;
	}
	/* v1: the throttle files count every bio, with or without limits */
	n = rd(r, m->v1[CG1_BLKIO], ps->v1[CG1_BLKIO], "blkio.throttle.io_service_bytes", buf, sizeof(buf));
	if (n >= 0 && !cgroup_blkio_parse(buf, (size_t)n, 1, &s->io)) {
		s->io.version = 1;
		n = rd(r, m->v1[CG1_BLKIO], ps->v1[CG1_BLKIO], "blkio.throttle.io_serviced", buf, sizeof(buf));
		if (n >= 0)
			cgroup_blkio_parse(buf, (size_t)n, 0, &s->io);
	}
}

void cgroup_paths_same(struct cgroup_paths *p, const char *path)
{
	p->v2 = path;
	for (int i = 0; i < CG1__COUNT; i++)
		p->v1[i] = path;
}

static int read_one(const struct root *r, const struct cgroup_mounts *m,
		    const struct cgroup_paths *p, struct cgroup_sample *out, bool full)
{
	char rel[CGROUP_PATH_MAX + 80];
	const char *name = p->v2;
	int found = 0;

	memset(out, 0, sizeof(*out));
	for (int i = 0; i < CG1__COUNT && !name; i++)
		name = p->v1[i];
	snprintf(out->path, sizeof(out->path), "%s", name && *name ? name : "/");
	/* a process in a hybrid layout sits at other paths in other hierarchies */
	for (int i = 0; i < CG1__COUNT; i++)
		if (p->v1[i] && m->v1[i][0] && name && strcmp(p->v1[i], name) != 0)
			snprintf(out->path, sizeof(out->path), "(one path per hierarchy)");
	if (m->v2[0] && p->v2) {
		read_cpu_v2(r, m->v2, p->v2, &out->cpu);
		for (int i = 0; i < PSI__COUNT && full; i++) {
			const char *path = p->v2;

			while (*path == '/')
				path++;
			snprintf(rel, sizeof(rel), "%s/%s%s%s.pressure", m->v2, path,
				 *path ? "/" : "", psi_names[i]);
			out->psi_err[i] = psi_read_file(r, ROOT_SYS, rel, &out->psi[i]);
		}
		for (int i = 0; i < PSI__COUNT && !full; i++)
			out->psi_err[i] = -ENODATA;
		found |= out->cpu.has_usage || out->psi_err[PSI_CPU] == 0;
	} else {
		for (int i = 0; i < PSI__COUNT; i++)
			out->psi_err[i] = -ENOENT;
	}
	read_cpu_v1(r, m, p, &out->cpu);
	read_mem(r, m, p, &out->mem, full);
	read_pids_io(r, m, p, out, full);
	found |= out->cpu.has_quota || out->cpu.has_usage || out->mem.version ||
		 out->pids.version || out->io.version;
	return found ? 0 : -ENOENT;
}

int cgroup_read(const struct root *r, const struct cgroup_mounts *m,
		const struct cgroup_paths *p, struct cgroup_sample *out)
{
	return read_one(r, m, p, out, true);
}

int cgroup_read_limits(const struct root *r, const struct cgroup_mounts *m,
		       const struct cgroup_paths *p, struct cgroup_sample *out)
{
	return read_one(r, m, p, out, false);
}
