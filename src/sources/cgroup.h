/* Control groups, v2 and v1: where the hierarchies are mounted, and one
 * cgroup's raw counters. Documentation/admin-guide/cgroup-v2.rst and
 * Documentation/admin-guide/cgroup-v1/{cpuacct,memory,pids,blkio-controller}.rst,
 * Documentation/scheduler/sched-bwc.rst (CFS bandwidth: quota, period,
 * nr_periods, nr_throttled, throttled time).
 *
 * Layouts under sys/fs/cgroup:
 *   unified  sys/fs/cgroup is cgroup2 (cgroup.controllers there);
 *   hybrid   v1 controllers at sys/fs/cgroup/<controller>, cgroup2 at
 *            sys/fs/cgroup/unified (usually no controllers, but PSI and
 *            cpu.stat usage);
 *   legacy   v1 only.
 * A cgroup is named by its path inside a hierarchy ("/system.slice/x"), as
 * /proc/PID/cgroup prints it. Reading one path, each domain (cpu, memory,
 * pids, io) comes from the hierarchy where that controller is attached: v2
 * when the file exists there (the controller is enabled), else the v1
 * controller's hierarchy at the same path (systemd keeps the paths of all
 * hierarchies in step; systemd-cgtop merges them the same way). For a process,
 * struct cgroup_paths gives each hierarchy its own path.
 *
 * Sources keep raw counters; CPU times are kept in nanoseconds (v2 gives
 * microseconds, multiplied by 1000; v1 cpuacct and throttled_time are ns). */
#ifndef TRIAGE_SOURCES_CGROUP_H
#define TRIAGE_SOURCES_CGROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/root.h"
#include "sources/psi.h"

#define CGROUP_PATH_MAX 1024
#define CGROUP_UNLIMITED UINT64_MAX	/* "max", -1, or v1's PAGE_COUNTER_MAX bytes */

/* The v1 hierarchies we read. */
enum cgroup_v1 {
	CG1_CPU,	/* cpu.cfs_quota_us, cpu.cfs_period_us, cpu.stat */
	CG1_CPUACCT,	/* cpuacct.usage, cpuacct.usage_user, cpuacct.usage_sys */
	CG1_MEMORY,	/* memory.* */
	CG1_PIDS,	/* pids.current, pids.max */
	CG1_BLKIO,	/* blkio.throttle.io_service_bytes / io_serviced */
	CG1__COUNT
};
extern const char *const cgroup_v1_names[CG1__COUNT];

enum cgroup_layout { CG_NONE, CG_UNIFIED, CG_HYBRID, CG_LEGACY };

/* Mount points, relative to the root's sys/ ("fs/cgroup/unified"); "" when
 * absent. cpu and cpuacct may be the same directory ("fs/cgroup/cpu,cpuacct"). */
struct cgroup_mounts {
	enum cgroup_layout layout;
	char v2[64];
	char v1[CG1__COUNT][64];
};

/* Which path to read in each hierarchy; NULL skips it. */
struct cgroup_paths {
	const char *v2;
	const char *v1[CG1__COUNT];
};

struct cgroup_cpu {
	int version;		/* 1 or 2: where quota and throttling came from; 0 none */
	bool has_quota;
	uint64_t quota_us;	/* v2 cpu.max $1 / v1 cpu.cfs_quota_us; CGROUP_UNLIMITED for max/-1 */
	uint64_t period_us;	/* v2 cpu.max $2 / v1 cpu.cfs_period_us */
	bool has_usage;
	uint64_t usage_ns;	/* v2 cpu.stat usage_usec*1000 / v1 cpuacct.usage */
	bool has_user_system;
	uint64_t user_ns;	/* v2 user_usec*1000 / v1 cpuacct.usage_user */
	uint64_t system_ns;	/* v2 system_usec*1000 / v1 cpuacct.usage_sys */
	bool has_throttle;
	uint64_t nr_periods;	/* cpu.stat nr_periods: enforcement periods that elapsed */
	uint64_t nr_throttled;	/* cpu.stat nr_throttled: periods the group ran out of quota */
	uint64_t throttled_ns;	/* v2 throttled_usec*1000 / v1 throttled_time (ns) */
};

struct cgroup_mem {
	int version;		/* 0 when no memory controller at this path */
	uint64_t current;	/* v2 memory.current / v1 memory.usage_in_bytes */
	bool has_peak;
	uint64_t peak;		/* v2 memory.peak (5.19+) / v1 memory.max_usage_in_bytes */
	uint64_t max;		/* v2 memory.max / v1 memory.limit_in_bytes */
	uint64_t max_eff;	/* lowest limit of the group and its ancestors (v1:
				 * memory.stat hierarchical_memory_limit) */
	uint64_t high;		/* v2 memory.high; CGROUP_UNLIMITED in v1 */
	bool has_events;
	uint64_t ev_low, ev_high, ev_max, ev_oom, ev_oom_kill;	/* v2 memory.events */
	bool has_oom_control;
	uint64_t oom_kill;	/* v1 memory.oom_control oom_kill (4.13+) */
	bool under_oom;		/* v1 memory.oom_control under_oom */
	bool has_failcnt;
	uint64_t failcnt;	/* v1 memory.failcnt: times usage hit the limit */
	bool has_stat;
	uint64_t anon;		/* v2 memory.stat anon / v1 total_rss */
	uint64_t file;		/* v2 file / v1 total_cache */
	uint64_t shmem;		/* v2 shmem / v1 total_shmem */
	uint64_t swap;		/* v2 memory.swap.current / v1 total_swap */
	uint64_t pgfault;	/* v2 pgfault / v1 total_pgfault */
	uint64_t pgmajfault;	/* v2 pgmajfault / v1 total_pgmajfault */
};

struct cgroup_pids {
	int version;		/* 0 when absent */
	uint64_t current;	/* pids.current */
	uint64_t max;		/* pids.max; CGROUP_UNLIMITED for "max" */
};

struct cgroup_io {
	int version;		/* 0 when absent */
	uint64_t rbytes, wbytes;	/* v2 io.stat rbytes/wbytes summed over devices /
					 * v1 blkio.throttle.io_service_bytes Read/Write */
	uint64_t rios, wios;	/* v2 io.stat rios/wios / v1 blkio.throttle.io_serviced */
};

struct cgroup_sample {
	char path[CGROUP_PATH_MAX];	/* as asked, "/" for the root; "(one path per
					 * hierarchy)" when the paths differ */
	struct cgroup_cpu cpu;
	struct cgroup_mem mem;
	struct cgroup_pids pids;
	struct cgroup_io io;
	int psi_err[PSI__COUNT];	/* v2 *.pressure: 0 read, else -errno */
	struct psi psi[PSI__COUNT];
};

/* --- parsers (pure) --- */

/* A single value file: a decimal number, "max" or -1 (CGROUP_UNLIMITED). */
int cgroup_value_parse(const char *buf, size_t len, uint64_t *out);
/* v2 cpu.max: "$QUOTA $PERIOD", QUOTA may be "max". */
int cgroup_cpu_max_parse(const char *buf, size_t len, uint64_t *quota_us, uint64_t *period_us);
/* Flat keyed file ("key value" lines: cpu.stat, memory.events, memory.stat,
 * memory.oom_control): for each keys[i] found, vals[i] is set and bit i of
 * the result is set. Unknown keys are skipped. At most 64 keys. Returns the
 * found mask, or -EINVAL on a malformed line. */
long long cgroup_kv_parse(const char *buf, size_t len, const char *const *keys, int nkeys,
			  uint64_t *vals);
/* v2 cpu.stat into cpu (usage, user, system, and throttling when the cpu
 * controller is enabled). v1 cpu.stat: nr_periods, nr_throttled, throttled_time. */
int cgroup_cpu_stat_parse(const char *buf, size_t len, int version, struct cgroup_cpu *cpu);
/* v2 memory.events. */
int cgroup_mem_events_parse(const char *buf, size_t len, struct cgroup_mem *mem);
/* v2 or v1 memory.stat (selected fields; v1 also hierarchical_memory_limit). */
int cgroup_mem_stat_parse(const char *buf, size_t len, int version, struct cgroup_mem *mem);
/* v1 memory.oom_control. */
int cgroup_oom_control_parse(const char *buf, size_t len, struct cgroup_mem *mem);
/* v2 io.stat: "MAJ:MIN rbytes=.. wbytes=.. rios=.. wios=.. dbytes=.. dios=..". */
int cgroup_io_stat_parse(const char *buf, size_t len, struct cgroup_io *io);
/* v1 blkio.throttle.io_service_bytes (bytes=1) or io_serviced (bytes=0):
 * "MAJ:MIN Read N" ... "Total N"; Read and Write summed over devices. */
int cgroup_blkio_parse(const char *buf, size_t len, int bytes, struct cgroup_io *io);

/* --- readers --- */

/* Find the hierarchies. Returns 0, or -ENOENT when there is no cgroup fs. */
int cgroup_mounts_read(const struct root *r, struct cgroup_mounts *m);

/* The same path in every hierarchy. */
void cgroup_paths_same(struct cgroup_paths *p, const char *path);

/* Read one cgroup: every domain found (missing files leave a domain at
 * version 0). out->path is set from p->v2, else the first v1 path. Returns 0,
 * or -ENOENT when the path exists in none of the hierarchies. */
int cgroup_read(const struct root *r, const struct cgroup_mounts *m,
		const struct cgroup_paths *p, struct cgroup_sample *out);
/* The same, but only what cgroup_model_limited() judges (CPU, the memory
 * limits and events, pids): no PSI, memory.peak, v2 memory.stat,
 * memory.swap.current or I/O. For finding the groups worth watching: about
 * half the files of a whole read. */
int cgroup_read_limits(const struct root *r, const struct cgroup_mounts *m,
		       const struct cgroup_paths *p, struct cgroup_sample *out);

/* Does path name a directory in at least one hierarchy? */
bool cgroup_exists(const struct root *r, const struct cgroup_mounts *m, const char *path);

/* Turn what a user typed into a cgroup path: "/a/b", "a/b", or the directory
 * in the live tree ("/sys/fs/cgroup/memory/a/b", "/sys/fs/cgroup/unified/a/b",
 * under the root when --root is given; r NULL: a recording, whose hierarchies
 * m names). Writes "/a/b" into out. */
int cgroup_path_normalize(const struct root *r, const struct cgroup_mounts *m,
			  const char *in, char *out, size_t size);
/* Returns 0, or -EINVAL for a ".." component or a path that does not fit. */

/* All cgroup paths of all hierarchies, sorted, without duplicates, depth at
 * most max_depth below the root and at most max_count of them (truncated is
 * set when more were there). Groups that vanish during the walk are skipped.
 * *paths is a malloc'd array of CGROUP_PATH_MAX strings; free() it. */
#define CGROUP_WALK_DEPTH 16
#define CGROUP_WALK_MAX 4096
int cgroup_list(const struct root *r, const struct cgroup_mounts *m, int max_depth,
		int max_count, char (**paths)[CGROUP_PATH_MAX], int *n, bool *truncated);

/* Every group of every hierarchy, read once: what `triage cgroup` ranks and
 * what the USE report checks. Samples are sorted by path. */
struct cgroup_snapshot {
	struct cgroup_mounts m;
	int n;
	struct cgroup_sample *s;	/* malloc'd, n of them */
	bool truncated;			/* the walk stopped at CGROUP_WALK_DEPTH/MAX */
};

/* List (cgroup_list) and read (cgroup_read) every group; groups that vanish
 * between the two are left out. Returns 0, -ENOENT without any cgroup
 * hierarchy, or -errno. Free with cgroup_snapshot_free even on error. */
int cgroup_snapshot_read(const struct root *r, struct cgroup_snapshot *out);
/* The sample of path, or NULL. Binary search. */
const struct cgroup_sample *cgroup_snapshot_find(const struct cgroup_snapshot *s, const char *path);
void cgroup_snapshot_free(struct cgroup_snapshot *s);

#endif
