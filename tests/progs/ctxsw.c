/* For triage stat's test: burns CPU for about SECONDS of CPU time, sleeping
 * 1 ms every ~5 ms (context switches), then prints its own measure, read
 * just before exit:  "cpu_ns VOLUNTARY NONVOLUNTARY"  (getrusage and the
 * ctxt_switches lines of /proc/self/status) into OUTFILE (default stdout).
 * Usage: ctxsw [SECONDS [OUTFILE]] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	double total = argc > 1 ? atof(argv[1]) : 0.5, next = 0.005;
	struct timespec ms = { 0, 1000000 };
	volatile double x = 1;
	char line[256];
	long vol = -1, nonvol = -1;
	struct rusage ru;
	FILE *f;

	while (cpu_now() < total) {
		for (int i = 0; i < 10000; i++)
			x = x * 1.0000001 + 0.5;
		if (cpu_now() >= next) {
			nanosleep(&ms, NULL);
			next = cpu_now() + 0.005;
		}
	}
	f = fopen("/proc/self/status", "r");
	while (f && fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "voluntary_ctxt_switches:", 24))
			vol = atol(line + 24);
		else if (!strncmp(line, "nonvoluntary_ctxt_switches:", 27))
			nonvol = atol(line + 27);
	}
	if (f)
		fclose(f);
	getrusage(RUSAGE_SELF, &ru);
	f = argc > 2 ? fopen(argv[2], "w") : stdout;
	if (!f)
		return 1;
	fprintf(f, "%lld %ld %ld\n", (long long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000LL +
	       (long long)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000LL, vol, nonvol);
	return fclose(f) ? 1 : 0;
}
