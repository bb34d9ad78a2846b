#include "sources/proc_cpuinfo.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

/* The value after "name<blanks>:" on a line starting with name, or NULL. */
static const char *field(const char *line, const char *end, const char *name)
{
	size_t n = strlen(name);

	if ((size_t)(end - line) <= n || memcmp(line, name, n) != 0)
		return NULL;
	for (line += n; line < end && (*line == ' ' || *line == '\t'); line++)
		;
	return line < end && *line == ':' ? line + 1 : NULL;
}

static int add(struct cpuinfo_mhz *m, int cpu, uint64_t v)
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 16;
		int *c = realloc(m->cpu, cap * sizeof(*c));
		uint64_t *x;

		if (!c)
			return -ENOMEM;
		m->cpu = c;
		x = realloc(m->mhz100, cap * sizeof(*x));
		if (!x)
			return -ENOMEM;
		m->mhz100 = x;
		m->cap = cap;
	}
	m->cpu[m->n] = cpu;
	m->mhz100[m->n++] = v;
	return 0;
}

/* "2599.998" -> 259999: the integer part and two digits, truncated */
static uint64_t mhz100(const char *p, const char *end)
{
	uint64_t whole = strtoull(p, NULL, 10), frac = 0;
	const char *dot = memchr(p, '.', (size_t)(end - p));

	if (dot && dot + 1 < end && dot[1] >= '0' && dot[1] <= '9') {
		frac = (uint64_t)(dot[1] - '0') * 10;
		if (dot + 2 < end && dot[2] >= '0' && dot[2] <= '9')
			frac += (uint64_t)(dot[2] - '0');
	}
	return whole * 100 + frac;
}

int proc_cpuinfo_mhz_parse(const char *buf, size_t len, struct cpuinfo_mhz *m)
{
	const char *p = buf, *end = buf + len, *v;
	int cpu = -1, err;

	m->n = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		if ((v = field(p, le, "processor")))
			cpu = atoi(v);
		else if (cpu >= 0 && (v = field(p, le, "cpu MHz"))) {
			err = add(m, cpu, mhz100(v, le));
			if (err)
				return err;
			cpu = -1;
		}
		p = le + 1;
	}
	return m->n ? 0 : -ENOENT;
}

int proc_cpuinfo_mhz_read(const struct root *r, struct cpuinfo_mhz *m)
{
	struct buf b = { 0 };
	int err;

	err = root_read_buf(r, ROOT_PROC, "cpuinfo", &b);
	if (!err)
		err = proc_cpuinfo_mhz_parse(b.p, b.len, m);
	buf_free(&b);
	return err;
}

void proc_cpuinfo_mhz_free(struct cpuinfo_mhz *m)
{
	free(m->cpu);
	free(m->mhz100);
	memset(m, 0, sizeof(*m));
}
