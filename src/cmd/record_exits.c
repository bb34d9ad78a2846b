#include "cmd/record_exits.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bpf/exitstat_api.h"
#include "core/err.h"

struct record_exits {
	struct exitstat *es;		/* NULL: no BPF */
	int err;			/* why not */
	char why[192];
	struct exited_list pending;	/* drained, not yet given to a sample */
	uint64_t dropped;		/* the ring buffer's lost records, so far */
	long hz, page_size;
	int64_t boot_to_real;		/* CLOCK_REALTIME - CLOCK_BOOTTIME of this drain */
	bool failed;			/* an allocation failed during the drain */
};

static int64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

struct record_exits *record_exits_open(const char *cmd, const struct root *r)
{
	struct record_exits *x = calloc(1, sizeof(*x));
	struct bpf_env_err e = { 0 };
	char msg[256];

	if (!x)
		return NULL;
	x->hz = sysconf(_SC_CLK_TCK);
	x->page_size = sysconf(_SC_PAGESIZE);
	bpf_env_verbose(false);
	if (exitstat_open(r, &x->es, &e) == 0)
		return x;
	x->err = e.err;
	snprintf(x->why, sizeof(x->why), "processes that end between samples are not recorded: %s",
		 bpf_env_strerror(&e, msg, sizeof(msg)));
	err_msg(cmd, "%s", x->why);
	return x;
}

static void on_exit_rec(void *ctx, const struct exitstat_rec *rec)
{
	struct record_exits *x = ctx;
	struct exited_task t;

	exited_from_rec(rec, x->hz, x->page_size, x->boot_to_real, &t);
	if (exited_list_add(&x->pending, &t))
		x->failed = true;
}

void record_exits_drain(struct record_exits *x)
{
	uint64_t d;

	if (!x || !x->es)
		return;
	x->boot_to_real = clock_ns(CLOCK_REALTIME) - clock_ns(CLOCK_BOOTTIME);
	exitstat_drain(x->es, on_exit_rec, x);
	d = exitstat_dropped(x->es);
	x->pending.dropped += d - x->dropped;
	x->dropped = d;
}

void record_exits_give(struct record_exits *x, struct sample *s, bool note)
{
	if (!x)
		return;
	if (!x->es) {
		if (note) {
			s->exited_err = x->err;
			snprintf(s->exited_why, sizeof(s->exited_why), "%s", x->why);
		}
		return;
	}
	exited_list_free(&s->exited);
	s->exited = x->pending;		/* moved: the sample owns it now */
	memset(&x->pending, 0, sizeof(x->pending));
	s->have_exited = !x->failed;
	x->failed = false;
}

void record_exits_close(struct record_exits *x)
{
	if (!x)
		return;
	exitstat_close(x->es);
	exited_list_free(&x->pending);
	free(x);
}
