/* The shared-library half of known_profile (20% of its CPU time). */
#include <time.h>

volatile double lib_sink;

__attribute__((noinline)) double lib_hot(double cpu_s)
{
	struct timespec ts;
	double end, x = 2, now;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	end = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9 + cpu_s;
	do {
		for (int i = 0; i < 200000; i++)
			x = x * 0.9999999 + 0.25;
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
		now = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	} while (now < end);
	lib_sink = x;
	return x;
}
