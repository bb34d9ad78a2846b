#include "sources/proc_stat.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sources/tok.h"

void proc_stat_init(struct proc_stat *st)
{
	memset(st, 0, sizeof(*st));
}

void proc_stat_free(struct proc_stat *st)
{
	free(st->cpu);
	free(st->online);
	proc_stat_init(st);
}

/* Make room for CPU number n. */
static int grow(struct proc_stat *st, int n)
{
	int cap = st->cap ? st->cap : 64;
	struct proc_stat_cpu *c;
	bool *o;

	if (n < st->cap)
		return 0;
	while (cap <= n)
		cap *= 2;
	c = realloc(st->cpu, (size_t)cap * sizeof(*c));
	if (!c)
		return -ENOMEM;
	st->cpu = c;
	o = realloc(st->online, (size_t)cap * sizeof(*o));
	if (!o)
		return -ENOMEM;
	st->online = o;
	memset(st->cpu + st->cap, 0, (size_t)(cap - st->cap) * sizeof(*c));
	memset(st->online + st->cap, 0, (size_t)(cap - st->cap) * sizeof(*o));
	st->cap = cap;
	return 0;
}

/* The numbers after "cpu"/"cpuN": at least 4 (user nice system idle, the
 * 2.4 layout), at most 10; extra columns from a future kernel are ignored.
 * Returns the count or -EINVAL. */
static int parse_cpu_fields(const char *p, const char *end, struct proc_stat_cpu *c)
{
	uint64_t v[10] = { 0 };
	int n = 0;

	while (n < 10 && tok_u64(&p, end, &v[n]) == 0)
		n++;
	if (n < 4)
		return -EINVAL;
	c->user = v[0];
	c->nice = v[1];
	c->system = v[2];
	c->idle = v[3];
	c->iowait = v[4];
	c->irq = v[5];
	c->softirq = v[6];
	c->steal = v[7];
	c->guest = v[8];
	c->guest_nice = v[9];
	return n;
}

/* One "cpuN ..." line (p after "cpu"). */
static int parse_cpu_line(struct proc_stat *st, const char *p, const char *end)
{
	uint64_t id;
	int err;

	if (p < end && (*p == ' ' || *p == '\t')) {
		err = parse_cpu_fields(p, end, &st->all);
		if (err < 0)
			return err;
		st->all_fields = err;
		return 0;
	}
	if (tok_u64(&p, end, &id) || p >= end || (*p != ' ' && *p != '\t'))
		return -EINVAL;
	if (id >= PROC_STAT_MAX_CPUS)
		return -ERANGE;
	err = grow(st, (int)id);
	if (err)
		return err;
	err = parse_cpu_fields(p, end, &st->cpu[id]);
	if (err < 0)
		return err;
	if (!st->online[id])
		st->nonline++;
	st->online[id] = true;
	if ((int)id >= st->ncpu)
		st->ncpu = (int)id + 1;
	return 0;
}

/* The single-number lines; the first number only for intr and softirq. */
static const struct {
	const char *key;
	size_t off;
	unsigned have;
} stat_keys[] = {
	{ "intr", offsetof(struct proc_stat, intr), PROC_STAT_HAVE_INTR },
	{ "ctxt", offsetof(struct proc_stat, ctxt), PROC_STAT_HAVE_CTXT },
	{ "btime", offsetof(struct proc_stat, btime), PROC_STAT_HAVE_BTIME },
	{ "processes", offsetof(struct proc_stat, processes), PROC_STAT_HAVE_PROCESSES },
	{ "procs_running", offsetof(struct proc_stat, procs_running), PROC_STAT_HAVE_RUNNING },
	{ "procs_blocked", offsetof(struct proc_stat, procs_blocked), PROC_STAT_HAVE_BLOCKED },
	{ "softirq", offsetof(struct proc_stat, softirq), PROC_STAT_HAVE_SOFTIRQ },
};

static int parse_line(struct proc_stat *st, const char *p, const char *end)
{
	size_t klen = 0;

	while (p + klen < end && p[klen] != ' ' && p[klen] != '\t')
		klen++;
	if (klen >= 3 && memcmp(p, "cpu", 3) == 0)
		return parse_cpu_line(st, p + 3, end);
	for (size_t i = 0; i < sizeof(stat_keys) / sizeof(stat_keys[0]); i++) {
		uint64_t *dst;

		if (strlen(stat_keys[i].key) != klen || memcmp(p, stat_keys[i].key, klen) != 0)
			continue;
		p += klen;
		dst = (uint64_t *)((char *)st + stat_keys[i].off);
		if (tok_u64(&p, end, dst))
			return -EINVAL;
		st->have |= stat_keys[i].have;
		return 0;
	}
	return 0;	/* a line this version does not know */
}

int proc_stat_parse(const char *buf, size_t len, struct proc_stat *st, int *lineno)
{
	const char *p = buf, *end = buf + len;
	bool seen_all = false;
	int line = 0, err;

	memset(&st->all, 0, sizeof(st->all));
	if (st->cap) {
		memset(st->cpu, 0, (size_t)st->cap * sizeof(*st->cpu));
		memset(st->online, 0, (size_t)st->cap * sizeof(*st->online));
	}
	st->all_fields = st->ncpu = st->nonline = 0;
	st->intr = st->ctxt = st->btime = st->processes = 0;
	st->procs_running = st->procs_blocked = st->softirq = 0;
	st->have = 0;
	while (p < end && *p) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		line++;
		if (le > p) {
			if (le - p >= 4 && memcmp(p, "cpu ", 4) == 0)
				seen_all = true;
			err = parse_line(st, p, le);
			if (err) {
				if (lineno)
					*lineno = line;
				return err;
			}
		}
		p = nl ? nl + 1 : end;
	}
	if (!seen_all) {
		if (lineno)
			*lineno = 0;
		return -EINVAL;
	}
	return 0;
}

int proc_stat_read(const struct root *r, struct proc_stat *st)
{
	struct buf b = { 0 };
	int err;

	st->bad_line = 0;
	/* The intr line alone is several kB on big machines: read it whole. */
	err = root_read_buf(r, ROOT_PROC, "stat", &b);
	if (!err)
		err = proc_stat_parse(b.p, b.len, st, &st->bad_line);
	buf_free(&b);
	return err;
}

int proc_stat_reserve(struct proc_stat *st, int ncpu)
{
	int err;

	if (ncpu <= 0)
		return 0;
	if (ncpu > PROC_STAT_MAX_CPUS)
		return -ERANGE;
	err = grow(st, ncpu - 1);
	if (err)
		return err;
	if (st->ncpu < ncpu)
		st->ncpu = ncpu;
	return 0;
}

int proc_stat_copy(struct proc_stat *dst, const struct proc_stat *src)
{
	struct proc_stat_cpu *cpu = dst->cpu;
	bool *online = dst->online;
	int cap = dst->cap;

	if (cap < src->ncpu) {
		dst->cpu = cpu;
		dst->online = online;
		if (grow(dst, src->ncpu - 1))
			return -ENOMEM;
		cpu = dst->cpu;
		online = dst->online;
		cap = dst->cap;
	}
	*dst = *src;
	dst->cpu = cpu;
	dst->online = online;
	dst->cap = cap;
	if (cap) {
		memset(cpu, 0, (size_t)cap * sizeof(*cpu));
		memset(online, 0, (size_t)cap * sizeof(*online));
	}
	if (src->ncpu) {
		memcpy(cpu, src->cpu, (size_t)src->ncpu * sizeof(*cpu));
		memcpy(online, src->online, (size_t)src->ncpu * sizeof(*online));
	}
	return 0;
}
