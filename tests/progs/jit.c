/* A tiny "JIT" for triage profile's perf-map test: copies a spin loop into
 * anonymous executable memory, announces it in /tmp/perf-PID.map under a
 * hostile name (< > & quotes and an invalid UTF-8 byte), and runs it for
 * about SECONDS of CPU time. Usage: jit [SECONDS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

/* Position-independent: no calls, only relative jumps. */
__attribute__((noinline)) long spin(long n)
{
	long x = 1;

	for (long i = 0; i < n; i++)
		x = x * 6364136223846793005L + 1442695040888963407L;
	return x;
}

static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	double total = argc > 1 ? atof(argv[1]) : 0.5;
	char path[64];
	long (*fn)(long);
	volatile long sink;
	void *code;
	FILE *f;

	code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (code == MAP_FAILED)
		return 1;
	memcpy(code, (void *)spin, 256);
	fn = (long (*)(long))code;
	snprintf(path, sizeof(path), "/tmp/perf-%d.map", (int)getpid());
	f = fopen(path, "w");
	if (!f)
		return 1;
	fprintf(f, "%lx 100 jit<T>&\"q'\xff\n", (unsigned long)code);
	fclose(f);
	while (cpu_now() < total)
		sink = fn(1000000);
	(void)sink;
	unlink(path);
	return 0;
}
