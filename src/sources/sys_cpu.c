#include "sources/sys_cpu.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sources/proc_stat.h"
#include "sources/tok.h"

void sys_cpu_list_free(struct sys_cpu_list *l)
{
	free(l->mask);
	memset(l, 0, sizeof(*l));
}

static void list_clear(struct sys_cpu_list *l)
{
	if (l->mask)
		memset(l->mask, 0, (size_t)(SYS_CPU_MAX / 64) * sizeof(*l->mask));
	l->nbits = l->count = 0;
}

/* Add CPUs lo..hi (inclusive). */
static int list_add(struct sys_cpu_list *l, uint64_t lo, uint64_t hi)
{
	if (lo > hi)
		return -EINVAL;
	if (hi >= SYS_CPU_MAX)
		return -ERANGE;
	if (!l->mask) {
		/* 1 kB covers every possible CPU: simpler than growing. */
		l->mask = calloc(SYS_CPU_MAX / 64, sizeof(*l->mask));
		if (!l->mask)
			return -ENOMEM;
	}
	for (uint64_t c = lo; c <= hi; c++) {
		uint64_t bit = 1ull << (c % 64);

		if (!(l->mask[c / 64] & bit))
			l->count++;
		l->mask[c / 64] |= bit;
	}
	if ((int)hi + 1 > l->nbits)
		l->nbits = (int)hi + 1;
	return 0;
}

int sys_cpu_list_parse(const char *buf, size_t len, struct sys_cpu_list *l)
{
	const char *p = buf, *end = buf + len;
	int err;

	list_clear(l);
	while (end > p && (end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\0'))
		end--;
	while (p < end) {
		uint64_t lo, hi;

		if (*p < '0' || *p > '9' || tok_u64(&p, end, &lo))
			return -EINVAL;
		hi = lo;
		if (p < end && *p == '-') {
			p++;
			if (p >= end || *p < '0' || *p > '9' || tok_u64(&p, end, &hi))
				return -EINVAL;
		}
		err = list_add(l, lo, hi);
		if (err)
			return err;
		if (p < end) {
			if (*p != ',' || p + 1 >= end)
				return -EINVAL;
			p++;
		}
	}
	return 0;
}

int sys_cpu_cpuinfo_parse(const char *buf, size_t len, struct sys_cpu_list *l)
{
	const char *p = buf, *end = buf + len;

	list_clear(l);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		/* x86, arm64, ppc, s390 ...: "processor\t: 3" */
		if (le - p > 9 && memcmp(p, "processor", 9) == 0) {
			const char *q = tok_skip_blank(p + 9, le);
			uint64_t n;

			if (q < le && *q == ':') {
				q++;
				if (tok_u64(&q, le, &n) == 0) {
					int err = list_add(l, n, n);

					if (err)
						return err;
				}
			}
		}
		p = nl ? nl + 1 : end;
	}
	return 0;
}

static int read_list(const struct root *r, const char *rel, struct sys_cpu_list *l)
{
	char buf[4096];
	ssize_t n = root_read(r, ROOT_SYS, rel, buf, sizeof(buf));

	if (n < 0)
		return (int)n;
	return sys_cpu_list_parse(buf, (size_t)n, l);
}

static int copy_list(struct sys_cpu_list *dst, const struct sys_cpu_list *src)
{
	list_clear(dst);
	if (!src->mask)
		return 0;
	if (!dst->mask) {
		dst->mask = calloc(SYS_CPU_MAX / 64, sizeof(*dst->mask));
		if (!dst->mask)
			return -ENOMEM;
	}
	memcpy(dst->mask, src->mask, (size_t)(SYS_CPU_MAX / 64) * sizeof(*dst->mask));
	dst->nbits = src->nbits;
	dst->count = src->count;
	return 0;
}

int sys_cpu_read(const struct root *r, struct sys_cpu *sc)
{
	struct buf b = { 0 };
	int err;

	sc->from_cpuinfo = false;
	err = read_list(r, "devices/system/cpu/online", &sc->online);
	if (!err) {
		if (read_list(r, "devices/system/cpu/possible", &sc->possible))
			err = copy_list(&sc->possible, &sc->online);
		if (!err && read_list(r, "devices/system/cpu/present", &sc->present))
			err = copy_list(&sc->present, &sc->possible);
		return err;
	}
	/* No sysfs: count cpuinfo's processors (online CPUs only). */
	err = root_read_buf(r, ROOT_PROC, "cpuinfo", &b);
	if (!err)
		err = sys_cpu_cpuinfo_parse(b.p, b.len, &sc->online);
	buf_free(&b);
	if (!err)
		err = copy_list(&sc->possible, &sc->online);
	if (!err)
		err = copy_list(&sc->present, &sc->online);
	sc->from_cpuinfo = true;
	return err;
}

void sys_cpu_free(struct sys_cpu *sc)
{
	sys_cpu_list_free(&sc->online);
	sys_cpu_list_free(&sc->possible);
	sys_cpu_list_free(&sc->present);
}

/* The highest N of the cpuN directories of sys/devices/system/cpu + 1 (not
 * cpufreq, cpuidle: only digits after "cpu"), 0 when there are none. */
static int cpu_dirs_nr(const struct root *r)
{
	int fd = root_openat(r, ROOT_SYS, "devices/system/cpu", O_RDONLY | O_DIRECTORY);
	struct dirent *e;
	int nr = 0;
	DIR *d;

	if (fd < 0)
		return 0;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return 0;
	}
	while ((e = readdir(d)) != NULL) {
		const char *p = e->d_name + 3, *end = e->d_name + strlen(e->d_name);
		uint64_t n;

		if (strncmp(e->d_name, "cpu", 3) != 0 || p >= end || *p < '0' || *p > '9' ||
		    tok_u64(&p, end, &n) || p != end || n >= SYS_CPU_MAX)
			continue;
		if (e->d_type != DT_DIR && e->d_type != DT_UNKNOWN)
			continue;
		if (e->d_type == DT_UNKNOWN) {
			struct stat st;

			if (fstatat(dirfd(d), e->d_name, &st, 0) || !S_ISDIR(st.st_mode))
				continue;
		}
		if ((int)n + 1 > nr)
			nr = (int)n + 1;
	}
	closedir(d);
	return nr;
}

void sys_cpu_count_read(const struct root *r, const struct proc_stat *st,
			struct sys_cpu_count *c)
{
	struct sys_cpu sc = { 0 };
	struct proc_stat own;
	bool sc_ok = sys_cpu_read(r, &sc) == 0;

	proc_stat_init(&own);
	if (!st && proc_stat_read(r, &own) == 0)
		st = &own;
	c->nr = cpu_dirs_nr(r);
	/* a cpuN line without its directory (a partial capture): counted */
	if (st && st->ncpu > c->nr)
		c->nr = st->ncpu;
	if (!c->nr && sc_ok)
		c->nr = sc.present.nbits;
	c->online = sc_ok ? sc.online.count : st ? st->nonline : 0;
	if (!c->online)
		c->online = c->nr;
	sys_cpu_free(&sc);
	proc_stat_free(&own);
}
