/* memleak_known HOLD_S: known allocations for triage memleak. Waits (10 s at
 * most) for SIGUSR1, then from functions named after what they do:
 *   leak_pages     1000 x malloc(4096), kept           4,096,000 bytes
 *   leak_calloc    10 x calloc(10, 100), kept               10,000 bytes
 *   leak_realloc   malloc(10) grown by realloc to 5000       5,000 bytes
 *   leak_aligned   3 x posix_memalign(64, 8192), kept       24,576 bytes
 *   leak_mmap      2 x mmap(65536), kept                   131,072 bytes
 *   churn          500 x malloc(1000) + 1 mmap, all freed again
 * prints "leaked" and exits HOLD_S seconds later (nothing freed).
 * memleak_known bench N: after the same wait (SIGUSR1, 10 s at most), N
 * malloc(64)+free pairs; prints the elapsed ns. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

void *volatile keep[2000];
static int nkeep;

void leak_pages(void)
{
	for (int i = 0; i < 1000; i++)
		keep[nkeep++] = malloc(4096);
}

void leak_calloc(void)
{
	for (int i = 0; i < 10; i++)
		keep[nkeep++] = calloc(10, 100);
}

void leak_realloc(void)
{
	void *p = malloc(10);

	keep[nkeep++] = realloc(p, 5000);
}

void leak_aligned(void)
{
	void *p;

	for (int i = 0; i < 3; i++)
		if (posix_memalign(&p, 64, 8192) == 0)
			keep[nkeep++] = p;
}

void leak_mmap(void)
{
	for (int i = 0; i < 2; i++)
		keep[nkeep++] = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

void churn(void)
{
	void *p[500], *m;

	for (int i = 0; i < 500; i++)
		p[i] = malloc(1000);
	for (int i = 0; i < 500; i++)
		free(p[i]);
	m = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m != MAP_FAILED)
		munmap(m, 65536);
}

static long long ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void bench(long n)
{
	long long t0 = ns();

	for (long i = 0; i < n; i++) {
		void *volatile p = malloc(64);

		free(p);
	}
	printf("%lld\n", ns() - t0);
}

int main(int argc, char **argv)
{
	struct timespec to = { 10, 0 };
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	printf("ready %d\n", (int)getpid());
	fflush(stdout);
	if (sigtimedwait(&set, NULL, &to) < 0)
		return 1;
	if (argc == 3 && argv[1][0] == 'b') {
		bench(atol(argv[2]));
		return 0;
	}
	churn();
	leak_pages();
	leak_calloc();
	leak_realloc();
	leak_aligned();
	leak_mmap();
	churn();
	printf("leaked\n");
	fflush(stdout);
	sleep(argc > 1 ? (unsigned)atoi(argv[1]) : 2);
	return 0;
}
