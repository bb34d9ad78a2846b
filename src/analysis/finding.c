#include "analysis/finding.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *severity_name(enum severity s)
{
	switch (s) {
	case SEV_INFO: return "info";
	case SEV_WARNING: return "warning";
	case SEV_CRITICAL: return "critical";
	}
	return "?";
}

struct finding *findings_add(struct findings *fs, enum rule_id r, enum severity sev,
			     double impact, const char *resource_fmt, ...)
{
	struct finding *f;
	va_list ap;

	if (fs->n == fs->cap) {
		int cap = fs->cap ? fs->cap * 2 : 16;
		struct finding *v = realloc(fs->v, (size_t)cap * sizeof(*v));

		if (!v)
			return NULL;
		fs->v = v;
		fs->cap = cap;
	}
	f = &fs->v[fs->n++];
	memset(f, 0, sizeof(*f));
	f->rule = r;
	f->sev = sev;
	f->impact = isfinite(impact) ? impact : 0;
	va_start(ap, resource_fmt);
	vsnprintf(f->resource, sizeof(f->resource), resource_fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized): ap is va_start()ed above */
	va_end(ap);
	for (int i = 0; i < RULE_MAX_NEXT && rule_defs[r].next[i]; i++)
		snprintf(f->next[f->nnext++], sizeof(f->next[0]), "%s", rule_defs[r].next[i]);
	return f;
}

void finding_summary(struct finding *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(f->summary, sizeof(f->summary), fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized): ap is va_start()ed above */
	va_end(ap);
}

void finding_evidence(struct finding *f, const char *fmt, ...)
{
	va_list ap;

	if (f->nevidence >= FINDING_MAX_EVIDENCE)
		return;
	va_start(ap, fmt);
	vsnprintf(f->evidence[f->nevidence++], sizeof(f->evidence[0]), fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized): ap is va_start()ed above */
	va_end(ap);
}

void finding_next_first(struct finding *f, const char *fmt, ...)
{
	char cmd[sizeof(f->next[0])];
	va_list ap;
	int n;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized): ap is va_start()ed above */
	va_end(ap);
	for (int i = 0; i < f->nnext; i++)
		if (!strcmp(f->next[i], cmd)) {	/* already there: move it up */
			memmove(f->next[1], f->next[0], (size_t)i * sizeof(f->next[0]));
			memcpy(f->next[0], cmd, sizeof(cmd));
			return;
		}
	n = f->nnext < FINDING_MAX_NEXT ? f->nnext : FINDING_MAX_NEXT - 1;
	memmove(f->next[1], f->next[0], (size_t)n * sizeof(f->next[0]));
	memcpy(f->next[0], cmd, sizeof(cmd));
	f->nnext = n + 1;
}

void finding_name_proc(struct finding *f, int pid, const char *comm)
{
	f->pid = pid;
	snprintf(f->comm, sizeof(f->comm), "%s", comm ? comm : "");
}

/* The word PID in s (not PPID, not PIDS): each one becomes pid. */
static void put_pid(char *s, size_t size, int pid)
{
	char out[sizeof(((struct finding *)0)->next[0])];
	size_t o = 0;

	for (const char *p = s; *p && o + 1 < sizeof(out);) {
		bool word = !strncmp(p, "PID", 3) && (p == s || !isalnum((unsigned char)p[-1])) &&
			    !isalnum((unsigned char)p[3]);

		if (word) {
			int n = snprintf(out + o, sizeof(out) - o, "%d", pid);

			o = n < 0 || (size_t)n >= sizeof(out) - o ? sizeof(out) - 1 : o + (size_t)n;
			p += 3;
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = '\0';
	snprintf(s, size, "%s", out);
}

void finding_next_pid(struct finding *f, int pid)
{
	int n = 0;

	for (int i = 0; i < f->nnext; i++) {
		bool dup = false;

		put_pid(f->next[i], sizeof(f->next[i]), pid);
		for (int j = 0; j < n && !dup; j++)
			dup = !strcmp(f->next[j], f->next[i]);
		if (!dup && n != i)
			memcpy(f->next[n], f->next[i], sizeof(f->next[n]));
		n += !dup;
	}
	f->nnext = n;
}

static int cmp(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;

	if (x->sev != y->sev)
		return x->sev > y->sev ? -1 : 1;
	if (x->impact != y->impact)
		return x->impact > y->impact ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return strcmp(x->resource, y->resource);
}

void findings_rank(struct findings *fs)
{
	/* a finding that names a process: its PID in every next command */
	for (int i = 0; i < fs->n; i++)
		if (fs->v[i].pid > 0)
			finding_next_pid(&fs->v[i], fs->v[i].pid);
	if (fs->n > 1)
		qsort(fs->v, (size_t)fs->n, sizeof(fs->v[0]), cmp);
}

int findings_worst(const struct findings *fs)
{
	int w = -1;

	for (int i = 0; i < fs->n; i++)
		if ((int)fs->v[i].sev > w)
			w = (int)fs->v[i].sev;
	return w;
}

void findings_free(struct findings *fs)
{
	free(fs->v);
	fs->v = NULL;
	fs->n = fs->cap = 0;
}
