/* bench/exitstat_bench N ROUNDS: the cost of the recorder's exit program
 * (src/bpf/exitstat.bpf.c). Each round forks N children one after the other,
 * each _exit(0)ing at once, and waits for each: once without the program and
 * once with it attached (the order alternating), timing the wall clock of the
 * whole loop. With it, the recorder's drain of the N records (ring buffer ->
 * struct exited_task, as record_exits.c does) and their encoding (codec
 * 0x0400, raw and zstd level 3) are measured too, and the CPU of loading
 * and attaching it (libbpf parsing the kernel's BTF). Prints each round and the
 * medians. Root and BTF needed.
 *
 *   make && cc -O2 -Isrc -I.output/bpf -o .output/bench/exitstat_bench \
 *      bench/exitstat_bench.c .output/release/libtriage.a \
 *      $(pkg-config --static --libs libbpf libelf zlib libzstd)
 *   .output/bench/exitstat_bench 8000 7
 * (N within the ring buffer's ~10,000 records: the drain comes after the loop). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zstd.h>

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

/* Wall seconds of n fork + _exit + waitpid, one at a time. */
static double fork_loop(long n)
{
	double t0 = now_s(CLOCK_MONOTONIC);

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
	return now_s(CLOCK_MONOTONIC) - t0;
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

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 8000;
	int rounds = argc > 2 ? atoi(argv[2]) : 5;
	double off[64], on[64], drain[64], raw[64], zst[64], load[64];
	struct root r;

	if (n < 1 || n > 200000 || rounds < 1 || rounds > 64 || root_open(&r, NULL)) {
		fprintf(stderr, "usage: exitstat_bench N(1..200000) ROUNDS(1..64)\n");
		return 2;
	}
	printf("round  without_us/exit  with_us/exit  drain_us/exit  codec_B/exit  zstd_B/exit  load_ms  records\n");
	for (int k = 0; k < rounds; k++) {
		struct bpf_env_err e = { 0 };
		struct exited_list l = { 0 };
		struct exitstat *x;
		struct bw w = { 0 };
		char msg[256];
		double t0;
		size_t zcap, zlen;
		void *z;

		if (k % 2)
			off[k] = fork_loop(n);
		t0 = now_s(CLOCK_PROCESS_CPUTIME_ID);
		if (exitstat_open(&r, &x, &e)) {
			fprintf(stderr, "exitstat: %s\n", bpf_env_strerror(&e, msg, sizeof(msg)));
			return 1;
		}
		load[k] = now_s(CLOCK_PROCESS_CPUTIME_ID) - t0;
		on[k] = fork_loop(n);
		t0 = now_s(CLOCK_PROCESS_CPUTIME_ID);
		exitstat_drain(x, on_rec, &l);
		drain[k] = (now_s(CLOCK_PROCESS_CPUTIME_ID) - t0) / (double)(l.n ? l.n : 1);
		exitstat_close(x);
		if (k % 2 == 0)
			off[k] = fork_loop(n);
		sample_encode_exited(&l, &w);
		zcap = ZSTD_compressBound(w.len);
		z = malloc(zcap);
		zlen = z ? ZSTD_compress(z, zcap, w.p, w.len, 3) : 0;
		raw[k] = (double)w.len / (double)(l.n ? l.n : 1);
		zst[k] = ZSTD_isError(zlen) ? 0 : (double)zlen / (double)(l.n ? l.n : 1);
		printf("%5d  %15.2f  %12.2f  %13.3f  %12.1f  %11.1f  %7.1f  %7zu\n", k, off[k] / (double)n * 1e6,
		       on[k] / (double)n * 1e6, drain[k] * 1e6, raw[k], zst[k], load[k] * 1e3, l.n);
		free(z);
		bw_free(&w);
		exited_list_free(&l);
	}
	printf("median %15.2f  %12.2f  %13.3f  %12.1f  %11.1f  %7.1f\n", median(off, rounds) / (double)n * 1e6,
	       median(on, rounds) / (double)n * 1e6, median(drain, rounds) * 1e6,
	       median(raw, rounds), median(zst, rounds), median(load, rounds) * 1e3);
	root_close(&r);
	return 0;
}
