#include "cmd/top_rows.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TOP_KEY_NAME(k, name) [k] = name,
static const char *const key_names[K__COUNT] = { TOP_KEYS(TOP_KEY_NAME) };

const char *top_key_name(enum top_key k)
{
	return k < K__COUNT ? key_names[k] : "?";
}

int top_key_parse(const char *s, enum top_key *key, bool *ascending)
{
	bool asc = false;

	if (*s == '+' || *s == '-')
		asc = *s++ == '-';
	for (int k = 0; k < K__COUNT; k++) {
		if (strcasecmp(s, key_names[k]) == 0) {
			*key = (enum top_key)k;
			*ascending = asc;
			return 0;
		}
	}
	return -EINVAL;
}

static int cmp_num(double a, double b)
{
	if (isnan(a))
		a = -1;
	if (isnan(b))
		b = -1;
	return a < b ? -1 : a > b;
}

struct sort_ctx {
	enum top_key key;
	bool ascending;
};

static int task_id(const struct top_line *l)
{
	return l->m->cur->tid ? l->m->cur->tid : l->m->cur->pid;
}

/* qsort_r comparator; ctx is the sort_ctx. */
static int line_cmp(const void *pa, const void *pb, void *ctx)
{
	const struct sort_ctx *o = ctx;
	const struct top_line *a = pa, *b = pb;
	const struct proc_pid_stat *x = &a->m->cur->stat, *y = &b->m->cur->stat;
	int c = 0;

	switch (o->key) {
	case K_PID: c = 0; break;
	case K_USER: c = strcmp(a->user, b->user); break;
	case K_PR: c = cmp_num((double)x->priority, (double)y->priority); break;
	case K_NI: c = cmp_num((double)x->nice, (double)y->nice); break;
	case K_VIRT: c = cmp_num((double)a->virt_kb, (double)b->virt_kb); break;
	case K_RES: c = cmp_num((double)a->res_kb, (double)b->res_kb); break;
	case K_SHR: c = cmp_num((double)a->shr_kb, (double)b->shr_kb); break;
	case K_S: c = (x->state > y->state) - (x->state < y->state); break;
	case K_CPU: c = cmp_num(a->m->top_cpu, b->m->top_cpu); break;
	case K_MEM: c = cmp_num(a->m->top_mem, b->m->top_mem); break;
	case K_TIME: c = cmp_num((double)a->m->time_cs, (double)b->m->time_cs); break;
	case K_CMD: c = strcmp(x->comm, y->comm); break;
	case K__COUNT: break;
	}
	if (!o->ascending)
		c = -c;
	if (c == 0 || o->key == K_PID) {
		/* ties in PID order (procps's list order); PID key follows -o's sign */
		int pa_id = task_id(a), pb_id = task_id(b);
		int p = (pa_id > pb_id) - (pa_id < pb_id);
		return o->key == K_PID && !o->ascending ? -p : p;
	}
	return c;
}

void top_rows_sort(struct top_rows *t, enum top_key key, bool ascending)
{
	struct sort_ctx c = { key, ascending };

	qsort_r(t->lines, t->n, sizeof(*t->lines), line_cmp, &c);
}

static void line_of(struct top_rows *t, const struct pid_params *p, const struct passwd_db *users,
		    const struct pid_row *m, struct top_line *l)
{
	const struct proc_pid_rec *c = m->cur;
	const char *name = users ? passwd_name(users, c->uid) : NULL;
	uint64_t pk = (uint64_t)p->page_kb;
	size_t i = (size_t)(l - t->lines);

	l->m = m;
	if (!name) {
		snprintf(t->names[i], sizeof(t->names[i]), "%u", (unsigned)c->uid);
		name = t->names[i];
	}
	l->user = name;
	/* procps: VIRT = statm size, RES = statm resident, SHR = statm share. */
	l->virt_kb = c->statm ? c->statm->size * pk : c->stat.vsize >> 10;
	l->res_kb = c->statm ? c->statm->resident * pk : (c->stat.rss > 0 ? (uint64_t)c->stat.rss * pk : 0);
	l->shr_kb = c->statm ? c->statm->shared * pk : 0;
}

void top_line_statm(struct top_line *l, const struct proc_pid_statm *sm, long page_kb)
{
	uint64_t pk = page_kb > 0 ? (uint64_t)page_kb : 4;

	l->virt_kb = sm->size * pk;
	l->res_kb = sm->resident * pk;
	l->shr_kb = sm->shared * pk;
}

/* next: the row after m (records are in (pid, tid) order), NULL at the end. */
static bool shown(const struct pid_row *m, const struct pid_row *next, const struct top_filter *f)
{
	const struct proc_pid_rec *c = m->cur;

	if (!f)
		return c->tid == 0;
	/* threads: each thread's row; a process without thread rows (a kernel
	 * thread, a zombie) as itself */
	if (f->threads ? c->tid == 0 && next && next->cur->pid == c->pid : c->tid != 0)
		return false;
	if (f->by_uid && c->uid != f->uid)
		return false;
	return !f->name || !*f->name || strcasestr(c->stat.comm, f->name);
}

int top_rows_build(struct top_rows *t, const struct proc_pid_sample *prev, const struct proc_pid_sample *cur,
		   const struct pid_params *p, const struct passwd_db *users, const struct top_filter *f)
{
	int err;

	memset(t, 0, sizeof(*t));
	err = pid_model(prev, cur, p, &t->rows, &t->nrows);
	if (err)
		return err;
	t->lines = calloc(t->nrows ? t->nrows : 1, sizeof(*t->lines));
	t->names = calloc(t->nrows ? t->nrows : 1, sizeof(*t->names));
	if (!t->lines || !t->names) {
		top_rows_free(t);
		return -ENOMEM;
	}
	for (size_t i = 0; i < t->nrows; i++) {
		const struct pid_row *m = &t->rows[i];

		if (!shown(m, i + 1 < t->nrows ? m + 1 : NULL, f))
			continue;
		line_of(t, p, users, m, &t->lines[t->n]);
		t->n++;
	}
	return 0;
}

static bool in_pids(int pid, const int *pids, size_t npids)
{
	for (size_t i = 0; i < npids; i++)
		if (pids[i] == pid)
			return true;
	return npids == 0;
}

int top_rows_add_exited(struct top_rows *t, const struct exited_rows *ex, const struct pid_params *p,
			const struct passwd_db *users, const struct top_filter *f, const int *pids, size_t npids)
{
	struct top_line *lines;
	char (*names)[16];

	if (!ex->n)
		return 0;
	lines = realloc(t->lines, (t->n + ex->n) * sizeof(*lines));
	if (lines)
		t->lines = lines;
	names = realloc(t->names, (t->n + ex->n) * sizeof(*names));
	if (names)
		t->names = names;
	if (!lines || !names)
		return -ENOMEM;
	for (size_t i = 0; i < ex->n; i++) {
		const struct pid_row *m = &ex->rows[i];

		if (!in_pids(m->cur->pid, pids, npids) || (f && f->by_uid && m->cur->uid != f->uid) ||
		    (f && f->name && *f->name && !strcasestr(m->cur->stat.comm, f->name)))
			continue;
		line_of(t, p, users, m, &t->lines[t->n]);
		t->lines[t->n++].exited = true;
	}
	return 0;
}

void top_rows_free(struct top_rows *t)
{
	free(t->rows);
	free(t->lines);
	free(t->names);
	memset(t, 0, sizeof(*t));
}
