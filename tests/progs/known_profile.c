/* A program with a known CPU profile, for triage profile's tests:
 * 80% of its CPU time in hot_main() (this executable), 20% in lib_hot()
 * (libknown.so), interleaved in 10 rounds so that noise hits both alike.
 * Each part spins until its share of thread CPU time is used, so the
 * split holds whatever the machine's speed. Usage: known_profile [SECONDS]
 * (CPU seconds in all, default 1). Built with -fno-omit-frame-pointer. */
#include <stdlib.h>
#include <time.h>

double lib_hot(double cpu_s);	/* libknown.c */

static double thread_cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

volatile double sink;

__attribute__((noinline)) double hot_main(double cpu_s)
{
	double end = thread_cpu() + cpu_s, x = 1;

	do {
		for (int i = 0; i < 200000; i++)
			x = x * 1.0000001 + 0.5;
	} while (thread_cpu() < end);
	sink = x;
	return x;
}

int main(int argc, char **argv)
{
	double total = argc > 1 ? atof(argv[1]) : 1.0;

	for (int r = 0; r < 10; r++) {
		hot_main(total * 0.8 / 10);
		lib_hot(total * 0.2 / 10);
	}
	return 0;
}
