/* One window's documents for `triage serve` (serve.h): the exposition in
 * both text formats and the JSON report, each rendered into memory once. */
#include "cmd/serve.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis/finding.h"
#include "analysis/obs.h"
#include "analysis/use.h"
#include "model/expo.h"
#include "views/openmetrics.h"
#include "views/triage.h"

double serve_mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void serve_doc_free(struct serve_doc *d)
{
	free(d->om);
	free(d->prom);
	free(d->json);
	memset(d, 0, sizeof(*d));
}

/* Render into a memory stream: 0 or -ENOMEM. */
static int mem_open(FILE **f, char **p, size_t *len)
{
	*p = NULL;
	*len = 0;
	*f = open_memstream(p, len);
	return *f ? 0 : -ENOMEM;
}

static int mem_close(FILE *f)
{
	int bad = ferror(f);

	return fclose(f) != 0 || bad ? -ENOMEM : 0;
}

static int render_json(struct serve_doc *d, const struct obs *o, const struct findings *fs)
{
	struct use_matrix m = { 0 };
	struct triage_report rep = { 0 };
	int worst, err;
	FILE *f;

	if (use_build(o, fs, &m) < 0) {
		use_free(&m);
		return -ENOMEM;
	}
	worst = findings_worst(fs);
	rep.o = o;
	rep.fs = fs;
	rep.m = &m;
	rep.now = time(NULL);
	rep.status = worst == SEV_CRITICAL ? 2 : worst == SEV_WARNING ? 1 : 0;
	err = mem_open(&f, &d->json, &d->json_len);
	if (!err) {
		triage_print_json(f, &rep);
		err = mem_close(f);
	}
	use_free(&m);
	return err;
}

int serve_render(struct serve_doc *d, const struct obs *o, struct findings *fs, const struct sample *newer,
		 const struct serve_opts *so, double collect_s, bool triage_only)
{
	struct expo e;
	struct expo_opts eo = { .top_procs = (int)so->top_procs, .collect_s = collect_s };
	FILE *f;
	int err;

	memset(d, 0, sizeof(*d));
	err = expo_build(&e, o, fs, newer, &eo);
	if (!err && !(err = mem_open(&f, &d->prom, &d->prom_len))) {
		expo_write(f, &e, false, triage_only);
		err = mem_close(f);
	}
	if (!err && !triage_only && !(err = mem_open(&f, &d->om, &d->om_len))) {
		expo_write(f, &e, true, false);
		err = mem_close(f);
	}
	expo_free(&e);
	if (!err && !triage_only)
		err = render_json(d, o, fs);
	if (err)
		serve_doc_free(d);
	return err;
}

void serve_publish(struct serve_pub *p, struct serve_doc *d)
{
	struct serve_doc old;

	d->mono_s = serve_mono_s();
	pthread_mutex_lock(&p->lock);
	old = p->doc;
	p->doc = *d;
	pthread_mutex_unlock(&p->lock);
	memset(d, 0, sizeof(*d));
	serve_doc_free(&old);
}
