/* bench/exitstat_bench N ROUNDS: the cost of the recorder's exit program
 * (src/bpf/exitstat.bpf.c) on a fork/exit loop.
 *
 * Each round forks N children one after the other, each _exit(0)ing at once,
 * and waits for each: once without the program and once with it attached
 * (the order alternating between rounds). Measured per exit:
 *   - the program's own run time, from the kernel's BPF statistics
 *     (bpf_enable_stats(BPF_STATS_RUN_TIME) while the bench runs: run_time_ns
 *     over run_cnt), which every exit on the machine pays;
 *   - the CPU of the loop (this process and its reaped children, rusage),
 *     without and with, medians; on a shared machine the difference is
 *     within the noise, the first figure is the precise one;
 *   - the recorder's share: draining the records (ring buffer -> struct
 *     exited_task, as cmd/record_exits.c does), their codec bytes (0x0400)
 *     raw and with zstd level 3;
 *   - once per run of the recorder, loading and attaching (CPU, ms).
 * Wall time is not used: on a loaded machine it measures the run queue.
 * Root and BTF needed.
 *
 *   make && mkdir -p .output/bench && cc -O2 -Isrc -I.output/bpf -o .output/bench/exitstat_bench \
 *      bench/exitstat_bench.c .output/release/libtriage.a \
 *      $(pkg-config --static --libs libbpf libelf zlib libzstd)
 *   .output/bench/exitstat_bench 1000 7
 * (N within the ring buffer's ~10,000 records: the drain comes after the loop). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zstd.h>

#include <bpf/bpf.h>

#include "bpf/exitstat_api.h"
#include "core/root.h"
#include "sample/codec.h"
#include "sources/exited.h"

static double now_s(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double tv(struct timeval t)
{
	return (double)t.tv_sec + (double)t.tv_usec / 1e6;
}

/* CPU seconds of this process and its reaped children so far. */
static double cpu_all(void)
{
	struct rusage s, c;

	getrusage(RUSAGE_SELF, &s);
	getrusage(RUSAGE_CHILDREN, &c);
	return tv(s.ru_utime) + tv(s.ru_stime) + tv(c.ru_utime) + tv(c.ru_stime);
}

/* CPU seconds of n fork + _exit + waitpid, one at a time. */
static double fork_loop(long n)
{
	double t0 = cpu_all();

	for (long i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (pid < 0) {
			perror("fork");
			exit(1);
		}
		waitpid(pid, NULL, 0);
	}
	return cpu_all() - t0;
}

static void on_rec(void *ctx, const struct exitstat_rec *rec)
{
	struct exited_task t;

	exited_from_rec(rec, 100, 4096, 0, &t);
	exited_list_add(ctx, &t);
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(const double *in, int n)
{
	double v[64];

	memcpy(v, in, (size_t)n * sizeof(*v));
	qsort(v, (size_t)n, sizeof(*v), cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct round {
	double off, on, prog, drain, raw, zst, load;
	size_t recs;
};

static int one_round(const struct root *r, long n, int k, struct round *o)
{
	struct bpf_env_err e = { 0 };
	struct exited_list l = { 0 };
	struct exitstat *x;
	struct bw w = { 0 };
	uint64_t ns0 = 0, c0 = 0, ns1 = 0, c1 = 0;
	char msg[256];
	double t0;
	size_t zcap, zlen;
	void *z;

	if (k % 2)
		o->off = fork_loop(n);
	t0 = now_s(CLOCK_PROCESS_CPUTIME_ID);
	if (exitstat_open(r, &x, &e)) {
		fprintf(stderr, "exitstat: %s\n", bpf_env_strerror(&e, msg, sizeof(msg)));
		return 1;
	}
	o->load = now_s(CLOCK_PROCESS_CPUTIME_ID) - t0;
	exitstat_prog_stats(x, &ns0, &c0);
	o->on = fork_loop(n);
	exitstat_prog_stats(x, &ns1, &c1);
	o->prog = c1 > c0 ? (double)(ns1 - ns0) / (double)(c1 - c0) / 1e9 : 0;
	t0 = now_s(CLOCK_PROCESS_CPUTIME_ID);
	exitstat_drain(x, on_rec, &l);
	o->recs = l.n;
	o->drain = (now_s(CLOCK_PROCESS_CPUTIME_ID) - t0) / (double)(l.n ? l.n : 1);
	exitstat_close(x);
	if (k % 2 == 0)
		o->off = fork_loop(n);
	sample_encode_exited(&l, &w);
	zcap = ZSTD_compressBound(w.len);
	z = malloc(zcap);
	zlen = z ? ZSTD_compress(z, zcap, w.p, w.len, 3) : 0;
	o->raw = (double)w.len / (double)(l.n ? l.n : 1);
	o->zst = !z || ZSTD_isError(zlen) ? 0 : (double)zlen / (double)(l.n ? l.n : 1);
	free(z);
	bw_free(&w);
	exited_list_free(&l);
	return 0;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000;
	int rounds = argc > 2 ? atoi(argv[2]) : 7, stats;
	double off[64], on[64], prog[64], drain[64], raw[64], zst[64], load[64];
	struct root r;

	if (n < 1 || n > 10000 || rounds < 1 || rounds > 64 || root_open(&r, NULL)) {
		fprintf(stderr, "usage: exitstat_bench N(1..10000) ROUNDS(1..64)\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	stats = bpf_enable_stats(BPF_STATS_RUN_TIME);	/* until we exit */
	if (stats < 0)
		fprintf(stderr, "bpf_enable_stats: %d (the program's run time is not measured)\n", stats);
	printf("round  loop_cpu_us/exit_without  with  prog_ns/exit  drain_ns/rec  codec_B/rec  zstd_B/rec  load_ms  records\n");
	for (int k = 0; k < rounds; k++) {
		struct round o = { 0 };

		if (one_round(&r, n, k, &o))
			return 1;
		off[k] = o.off / (double)n, on[k] = o.on / (double)n, prog[k] = o.prog;
		drain[k] = o.drain, raw[k] = o.raw, zst[k] = o.zst, load[k] = o.load;
		printf("%5d  %24.1f  %4.1f  %12.0f  %12.0f  %11.1f  %10.1f  %7.1f  %7zu\n", k, off[k] * 1e6,
		       on[k] * 1e6, prog[k] * 1e9, drain[k] * 1e9, raw[k], zst[k], load[k] * 1e3, o.recs);
	}
	printf("median %24.1f  %4.1f  %12.0f  %12.0f  %11.1f  %10.1f  %7.1f\n", median(off, rounds) * 1e6,
	       median(on, rounds) * 1e6, median(prog, rounds) * 1e9, median(drain, rounds) * 1e9,
	       median(raw, rounds), median(zst, rounds), median(load, rounds) * 1e3);
	root_close(&r);
	return 0;
}
