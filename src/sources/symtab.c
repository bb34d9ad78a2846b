#include "sources/symtab.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void symtab_init(struct symtab *t)
{
	memset(t, 0, sizeof(*t));
}

static int str_add(struct symtab *t, const char *s, size_t len, uint32_t *off)
{
	if (t->slen + len + 2 > t->scap) {
		size_t cap = t->scap ? t->scap * 2 : 4096;
		char *p;

		while (cap < t->slen + len + 2)
			cap *= 2;
		if (cap > UINT32_MAX)
			return -ENOMEM;
		p = realloc(t->strs, cap);
		if (!p)
			return -ENOMEM;
		t->strs = p;
		t->scap = cap;
		if (t->slen == 0)
			t->strs[t->slen++] = '\0';
	}
	*off = (uint32_t)t->slen;
	memcpy(t->strs + t->slen, s, len);
	t->strs[t->slen + len] = '\0';
	t->slen += len + 1;
	return 0;
}

int symtab_add(struct symtab *t, uint64_t start, uint64_t size, const char *name,
	       size_t name_len, const char *module, size_t module_len)
{
	struct sym *s;
	int err;

	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		struct sym *v = realloc(t->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		t->v = v;
		t->cap = cap;
	}
	s = &t->v[t->n];
	s->start = start;
	s->end = size ? start + size : 0;
	s->module = 0;
	err = str_add(t, name, name_len, &s->name);
	if (!err && module && module_len)
		err = str_add(t, module, module_len, &s->module);
	if (err)
		return err;
	t->n++;
	return 0;
}

static int sym_cmp(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	/* Same address: the sized one first (it is kept). */
	return (x->end == 0) - (y->end == 0);
}

/* Already in sym_cmp's order (kallsyms nearly always is)? */
static bool sorted(const struct symtab *t)
{
	for (size_t i = 1; i < t->n; i++)
		if (sym_cmp(&t->v[i - 1], &t->v[i]) > 0)
			return false;
	return true;
}

/* Give back the doubling's slack: a kernel's table is held for as long as
 * the recorder runs. */
static void fit(struct symtab *t)
{
	struct sym *v;
	char *s;

	if (t->n && t->n < t->cap && (v = realloc(t->v, t->n * sizeof(*v)))) {
		t->v = v;
		t->cap = t->n;
	}
	if (t->slen && t->slen < t->scap && (s = realloc(t->strs, t->slen))) {
		t->strs = s;
		t->scap = t->slen;
	}
}

void symtab_finish(struct symtab *t, uint64_t max_end)
{
	size_t o = 0;

	if (!t->n)
		return;
	if (!sorted(t))
		qsort(t->v, t->n, sizeof(*t->v), sym_cmp);	/* glibc's takes a copy */
	for (size_t i = 0; i < t->n; i++) {
		if (o && t->v[o - 1].start == t->v[i].start)
			continue;	/* an alias of the symbol kept */
		t->v[o++] = t->v[i];
	}
	t->n = o;
	for (size_t i = 0; i < t->n; i++) {
		if (t->v[i].end)
			continue;
		if (i + 1 < t->n)
			t->v[i].end = t->v[i + 1].start;
		else
			t->v[i].end = max_end > t->v[i].start ? max_end : t->v[i].start + 1;
	}
	fit(t);
}

const struct sym *symtab_find(const struct symtab *t, uint64_t addr)
{
	size_t lo = 0, hi = t->n;

	/* The last symbol with start <= addr. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->v[mid].start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	/* Nested or overlapping symbols: walk back a little for one that covers addr. */
	for (size_t i = lo, k = 0; i > 0 && k < 4; i--, k++)
		if (addr < t->v[i - 1].end)
			return &t->v[i - 1];
	return NULL;
}

void symtab_free(struct symtab *t)
{
	free(t->v);
	free(t->strs);
	symtab_init(t);
}
