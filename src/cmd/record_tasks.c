/* The recorder's task iterator (record_tasks.h). */
#include "cmd/record_tasks.h"

#include <string.h>
#include <unistd.h>

#include <stdlib.h>

#include "bpf/tasks_api.h"
#include "bpf/threads_api.h"
#include "core/err.h"
#include "core/root.h"

/* Load the iterator; say once why not. */
static void load(struct record_tasks *t)
{
	struct bpf_env_err e = { 0 };
	char why[256];

	bpf_env_verbose(false);
	if (tasks_iter_open(t->root, &t->iter, &e) == 0 || !t->cmd)
		return;
	bpf_env_strerror(&e, why, sizeof(why));
	err_msg(t->cmd, "the task iterator is unavailable (%s): every process is read from /proc", why);
}

void record_tasks_init(struct record_tasks *t, const char *cmd, const struct root *r,
		       const struct sample_want *want)
{
	memset(t, 0, sizeof(*t));
	t->cmd = cmd;
	t->hz = sysconf(_SC_CLK_TCK);
	t->page_size = sysconf(_SC_PAGESIZE);
	if (want->procs && !want->scan.threads && !want->scan.pids && r && r->live) {
		t->root = r;
		load(t);
	}
}

void record_tasks_before(struct record_tasks *t, struct sample_want *w)
{
	w->scan.feed = NULL;
	w->scan.carry = false;
	memset(&t->feed, 0, sizeof(t->feed));
	if (t->iter && tasks_iter_read(t->iter, &t->recs) == 0 &&
	    (!t->states || threads_iter_feed(t->states, t->recs.p, t->recs.len) == 0) &&
	    task_feed_build(t->recs.p, t->recs.len, t->hz, t->page_size, &t->feed) == 0) {
		w->scan.feed = &t->feed;
		w->scan.carry = true;
	}
}

void record_tasks_after(struct record_tasks *t, struct sample_want *w)
{
	task_feed_free(&t->feed);
	w->scan.feed = NULL;
	w->scan.carry = false;
}

struct threads_iter *record_tasks_states(struct record_tasks *t)
{
	const char *m = getenv("TRIAGE_THREADS");
	struct bpf_env_err e = { 0 };

	if (t->states || !t->iter || (m && (!strcmp(m, "off") || !strcmp(m, "proc"))))
		return t->states;
	if (threads_iter_open_fed(t->root, &t->states, &e) == 0)
		tasks_iter_states(t->iter, true);
	return t->states;
}

void record_tasks_close(struct record_tasks *t)
{
	threads_iter_close(t->states);
	tasks_iter_close(t->iter);
	buf_free(&t->recs);
	memset(t, 0, sizeof(*t));
}
