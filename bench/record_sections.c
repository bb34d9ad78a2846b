/* bench/record_sections: what the recorder's cgroups (0x0b00) and thread
 * states (0x0c00) cost per sample, apart from the rest of the sample and
 * from the other jobs on the machine: the process's own CPU time
 * (getrusage RUSAGE_SELF) over ITER samples of this machine, each read the
 * way `triage record` reads it, aggregated and encoded, and the bytes: the
 * section as encoded, and compressed with zstd (level 3) against the
 * previous sample's section as prefix, as the store compresses a record.
 *
 *   cc -O2 -Isrc -I.output/bpf -o .output/bench/record_sections bench/record_sections.c \
 *      .output/release/libtriage.a $(pkg-config --libs libbpf libzstd) -lelf -lz -lm
 *   .output/bench/record_sections ITER [INTERVAL_S]
 * Prints one Markdown row per part: cgroups, threads (/proc), threads (bpf). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <zstd.h>

#include "bpf/threads_api.h"
#include "model/threads.h"
#include "sample/sample_cgroups.h"
#include "sample/sample_threads.h"

static double cpu_ms(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

struct sizes {
	double raw, z;
	struct bw prev;
	ZSTD_CCtx *cc;
};

static void count(struct sizes *sz, const struct bw *w, int k)
{
	size_t cap = ZSTD_compressBound(w->len);
	void *out = malloc(cap);
	size_t n;

	ZSTD_CCtx_reset(sz->cc, ZSTD_reset_session_only);
	ZSTD_CCtx_setParameter(sz->cc, ZSTD_c_compressionLevel, 3);
	if (sz->prev.len)
		ZSTD_CCtx_refPrefix(sz->cc, sz->prev.p, sz->prev.len);
	n = ZSTD_compress2(sz->cc, out, cap, w->p, w->len);
	if (k > 0) {	/* the first has no prefix: a KEY record */
		sz->raw += (double)w->len;
		sz->z += ZSTD_isError(n) ? 0 : (double)n;
	}
	free(out);
	sz->prev.len = 0;
	bw_bytes(&sz->prev, w->p, w->len);
}

static void pause_s(double s)
{
	struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };

	nanosleep(&ts, NULL);
}

static void bench_cgroups(const struct root *r, int iter, double ival)
{
	struct sizes sz = { .cc = ZSTD_createCCtx() };
	double cpu = 0;
	int n = 0;

	for (int k = 0; k <= iter; k++) {
		struct cgroup_snapshot cs;
		struct bw w = { 0 };
		double t0 = cpu_ms();

		sample_cgroups_read(r, 0, &cs);
		sample_encode_cgroups(&cs, &w);
		if (k > 0)
			cpu += cpu_ms() - t0;
		n = cs.n;
		count(&sz, &w, k);
		cgroup_snapshot_free(&cs);
		bw_free(&w);
		pause_s(ival);
	}
	printf("| cgroups (%d groups) | %.2f | %.0f | %.0f |\n", n, cpu / iter, sz.raw / iter, sz.z / iter);
	bw_free(&sz.prev);
	ZSTD_freeCCtx(sz.cc);
}

static void bench_threads(const struct root *r, int iter, double ival, bool bpf)
{
	struct sizes sz = { .cc = ZSTD_createCCtx() };
	struct proc_threads *pt = proc_threads_new();
	struct threads_iter *it = NULL;
	struct bpf_env_err e = { 0 };
	struct thread_sample s[2] = { 0 };
	double cpu = 0, agg = 0, open_ms = cpu_ms();
	size_t nt = 0, np = 0;
	int cur = 0;
	struct threads_model m;

	if (bpf && threads_iter_open(r, &it, &e)) {
		printf("| threads (bpf) | unavailable | | |\n");
		proc_threads_free(pt);
		ZSTD_freeCCtx(sz.cc);
		return;
	}
	open_ms = cpu_ms() - open_ms;
	threads_model_init(&m, sysconf(_SC_CLK_TCK), sysconf(_SC_PAGESIZE));
	for (int k = 0; k <= iter; k++) {
		const struct thread_sample *prev = k ? &s[!cur] : NULL;
		struct sample_threads *st = sample_threads_new();
		struct bw w = { 0 };
		double t0 = cpu_ms();

		if (it)
			threads_iter_sample(it, r, prev, &s[cur]);
		else
			proc_threads_read(pt, r, prev, &s[cur]);
		double t1 = cpu_ms();

		threads_model_aggregate(&m, prev, &s[cur], st);
		sample_encode_threads(st, &w);
		if (k > 0)
			cpu += cpu_ms() - t0, agg += cpu_ms() - t1;
		nt = s[cur].nt, np = st->n;
		count(&sz, &w, k);
		sample_threads_free(st);
		bw_free(&w);
		cur = !cur;
		pause_s(ival);
	}
	printf("| threads (%s; %zu threads, %zu processes kept) | %.2f (of which aggregating and encoding %.2f) "
	       "| %.0f | %.0f |\n", it ? "bpf" : "/proc", nt, np, cpu / iter, agg / iter, sz.raw / iter, sz.z / iter);
	if (it)
		printf("| (bpf iterator load, once) | %.1f | | |\n", open_ms);
	threads_model_free(&m);
	threads_iter_close(it);
	proc_threads_free(pt);
	thread_sample_free(&s[0]);
	thread_sample_free(&s[1]);
	bw_free(&sz.prev);
	ZSTD_freeCCtx(sz.cc);
}

int main(int argc, char **argv)
{
	int iter = argc > 1 ? atoi(argv[1]) : 20;
	double ival = argc > 2 ? atof(argv[2]) : 1;
	struct root r;

	if (iter < 1 || root_open(&r, "/")) {
		fprintf(stderr, "usage: record_sections ITER [INTERVAL_S] (as root)\n");
		return 2;
	}
	printf("| part | CPU ms per sample | bytes encoded | bytes after zstd against the previous |\n");
	printf("|---|---|---|---|\n");
	bench_cgroups(&r, iter, ival);
	bench_threads(&r, iter, ival, false);
	bench_threads(&r, iter, ival, true);
	root_close(&r);
	return 0;
}
