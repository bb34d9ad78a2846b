#include "sources/irq_table.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sources/scan.h"
#include "sources/sys_cpu.h"

/* "CPU0 CPU1 ...": the CPU numbers into t->cpus. */
static int parse_header(const char *p, const char *end, struct irq_table *t)
{
	const char *w;
	size_t len, cap = 0;

	t->ncpu = 0;
	while ((len = scan_word(&p, end, &w)) > 0) {
		const char *d = w + 3;
		uint64_t cpu;
		int *v;

		if (t->ncpu >= SYS_CPU_MAX || len < 4 || memcmp(w, "CPU", 3) != 0 || scan_u64(&d, w + len, &cpu) || d != w + len ||
		    cpu >= SYS_CPU_MAX)
			return -EINVAL;
		v = scan_grow(t->cpus, t->ncpu, &cap, sizeof(*v), 8);
		if (!v)
			return -ENOMEM;
		t->cpus = v;
		t->cpus[t->ncpu++] = (int)cpu;
	}
	return t->ncpu ? 0 : -EINVAL;
}

/* "NAME: n n ... [description]" as row t->n. */
static int parse_row(const char *p, const char *end, struct irq_table *t)
{
	const char *s = scan_blank(p, end), *colon = s;
	struct irq_row *r;

	while (colon < end && *colon != ':' && *colon != '\n' && *colon != ' ' && *colon != '\t')
		colon++;
	if (colon >= end || *colon != ':' || colon == s)
		return -EINVAL;
	r = scan_grow(t->rows, t->n, &t->cap, sizeof(*r), 32);
	if (!r)
		return -ENOMEM;
	t->rows = r;
	if (t->cap * t->ncpu > t->vcap) {
		uint64_t *v = realloc(t->v, t->cap * t->ncpu * sizeof(*v));

		if (!v)
			return -ENOMEM;
		t->v = v;
		t->vcap = t->cap * t->ncpu;
	}
	r = &t->rows[t->n];
	memset(r, 0, sizeof(*r));
	if (scan_copy(r->name, sizeof(r->name), s, (size_t)(colon - s)))
		return -EINVAL;
	p = colon + 1;
	/* the numbers stop at the description (or the end of the line) */
	while (r->nvals < t->ncpu && scan_u64(&p, end, &t->v[t->n * t->ncpu + r->nvals]) == 0)
		r->nvals++;
	t->n++;
	return 0;
}

static int add_line(void *ctx, const char *p, const char *end)
{
	struct irq_table *t = ctx;

	if (scan_eol(p, end))
		return 1;
	if (!t->ncpu)
		return parse_header(p, end, t);
	return parse_row(p, end, t);
}

int irq_table_parse(const char *buf, size_t len, struct irq_table *t)
{
	int err;

	t->n = 0;
	t->ncpu = 0;
	err = scan_lines(buf, len, add_line, t, &t->bad_line);
	if (!err && !t->ncpu) {
		t->bad_line = 1;	/* empty: no header */
		err = -EINVAL;
	}
	return err;
}

long irq_table_find(const struct irq_table *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->rows[i].name, name))
			return (long)i;
	return -1;
}

long irq_table_col(const struct irq_table *t, int cpu)
{
	for (size_t i = 0; i < t->ncpu; i++)
		if (t->cpus[i] == cpu)
			return (long)i;
	return -1;
}

/* realloc *p to n elements of size (at least one) and copy src into it */
static int dup_into(void **p, const void *src, size_t n, size_t size)
{
	void *v = realloc(*p, (n ? n : 1) * size);

	if (!v)
		return -ENOMEM;
	if (n)
		memcpy(v, src, n * size);
	*p = v;
	return 0;
}

int irq_table_copy(struct irq_table *dst, const struct irq_table *src)
{
	void *cpus = dst->cpus, *rows = dst->rows, *v = dst->v;
	int err = dup_into(&cpus, src->cpus, src->ncpu, sizeof(*src->cpus));

	dst->cpus = cpus;
	if (!err)
		err = dup_into(&rows, src->rows, src->n, sizeof(*src->rows));
	dst->rows = rows;
	if (!err)
		err = dup_into(&v, src->v, src->n * src->ncpu, sizeof(*src->v));
	dst->v = v;
	if (err)
		return err;
	dst->ncpu = src->ncpu;
	dst->n = dst->cap = src->n;
	dst->vcap = src->n * src->ncpu;
	dst->bad_line = src->bad_line;
	return 0;
}

void irq_table_free(struct irq_table *t)
{
	free(t->cpus);
	free(t->rows);
	free(t->v);
	memset(t, 0, sizeof(*t));
}
