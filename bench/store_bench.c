/* bench/store_bench: the store's own cost, apart from collecting samples.
 *
 * A synthetic sample shaped like a recorder's: a 4 KiB host part whose
 * counters all move, and N process records of 128 bytes (pid, name, a dozen
 * 8-byte counters) of which B are busy (their CPU, fault and I/O counters
 * move each interval); the rest are unchanged. Appends `records` samples at
 * a 5 s recorded interval to a fresh store, then replays them all.
 * Prints bytes per record, CPU per append and per replayed record.
 *
 *   cc -O2 -Isrc -o .output/bench/store_bench bench/store_bench.c \
 *      .output/release/libtriage.a -lzstd -lz
 *   .output/bench/store_bench DIR NPROC BUSY RECORDS */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store.h"

#define PROC_LEN 128

static double cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* Advance the sample by one interval: host counters and busy processes. */
static void step(unsigned char *s, size_t nproc, size_t busy, uint64_t *x)
{
	uint64_t *host = (uint64_t *)s;

	for (size_t k = 0; k < 4096 / 8; k += 2)	/* half the host counters move */
		host[k] += rng(x) % 1000;
	for (size_t b = 0; b < busy; b++) {
		size_t p = (b * 7919) % nproc;	/* the same busy set each time */
		uint64_t *c = (uint64_t *)(s + 4096 + p * PROC_LEN + 32);
		for (int k = 0; k < 6; k++)
			c[k] += rng(x) % 5000;	/* utime, stime, faults, I/O ... */
	}
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: store_bench DIR NPROC BUSY RECORDS\n");
		return 2;
	}
	const char *dir = argv[1];
	size_t nproc = strtoul(argv[2], NULL, 10), busy = strtoul(argv[3], NULL, 10);
	int n = atoi(argv[4]);
	size_t len = 4096 + nproc * PROC_LEN;
	unsigned char *s = calloc(1, len);
	uint64_t x = 88172645463325252ull;
	struct store *st;
	char why[512];

	/* Counters as the kernel's are: 8 bytes, most of them high zeros
	 * (host ones up to 2^40, a process's up to 2^32). */
	for (size_t k = 0; k < 4096 / 8; k++)
		((uint64_t *)s)[k] = rng(&x) >> 24;
	for (size_t p = 0; p < nproc; p++) {
		unsigned char *q = s + 4096 + p * PROC_LEN;
		snprintf((char *)q, 32, "%zu worker-%zu", 1000 + p, p % 40);	/* pid, name */
		for (int k = 0; k < 12; k++)
			((uint64_t *)(q + 32))[k] = rng(&x) >> 32;
	}
	if (store_open_write(&st, dir, NULL, why, sizeof(why)) != 0) {
		fprintf(stderr, "store_bench: %s\n", why);
		return 1;
	}
	struct store_rec r = { .t_ns = 1796266800000000000ll, .interval_ms = 5000, .data = s, .len = len,
			       .flags = STORE_REC_START };
	double c0 = cpu_s();
	for (int i = 0; i < n; i++) {
		int err = store_append(st, &r);
		if (err) {
			fprintf(stderr, "store_bench: append: %s\n", store_strerror(err));
			return 1;
		}
		r.flags = 0;
		r.t_ns += 5000000000ll;
		step(s, nproc, busy, &x);
	}
	double c1 = cpu_s();
	store_close(st);
	if (store_open_read(&st, dir, why, sizeof(why)) != 0) {
		fprintf(stderr, "store_bench: %s\n", why);
		return 1;
	}
	struct store_hist h;
	store_history(st, &h);
	struct store_cursor *c;
	struct store_rec rr;
	int got = 0;
	double c2 = cpu_s();
	store_seek(st, INT64_MIN, INT64_MAX, &c);
	while (store_next(c, &rr) == 0)
		got++;
	double c3 = cpu_s();
	printf("%zu processes (%zu busy), sample %zu bytes, %d records at 5 s: %.0f bytes/record on disk "
	       "(%.0fx), %.3f ms CPU/append, %.1f MB/day; replay %d records: %.3f ms CPU/record, %.2f s for 720\n",
	       nproc, busy, len, n, (double)h.bytes / n, (double)h.raw_bytes / (double)h.bytes,
	       (c1 - c0) * 1e3 / n, (double)h.bytes / n * 17280 / 1e6, got, (c3 - c2) * 1e3 / got,
	       (c3 - c2) / got * 720);
	store_cursor_free(c);
	store_hist_free(&h);
	store_close(st);
	free(s);
	return got == n ? 0 : 1;
}
