/* bench/ticker N SECONDS: fork N "busy" children that each burn ~0.2 ms of
 * CPU every 100 ms (so their counters change between any two samples without
 * loading the machine: 100 of them are a tenth of one CPU; at 2 ms each, as
 * before, 100 saturated this 2-CPU machine and the measurements with it),
 * ending by themselves after SECONDS. Prints "ready N" once all exist.
 * SIGTERM/SIGINT end them at once. Bounded: at most 2,000 children and 600
 * seconds. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void child(long secs)
{
	volatile unsigned long x = 1;
	double end = now() + (double)secs;

	alarm((unsigned)secs + 1);
	while (now() < end) {
		double t = now() + 0.0002;

		while (now() < t)
			x = x * 6364136223846793005UL + 1;
		usleep(99800);
	}
	_exit(0);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_term };
	long n, secs, made = 0;
	pid_t *kids;

	if (argc != 3 || (n = atol(argv[1])) < 0 || n > 2000 || (secs = atol(argv[2])) < 1 || secs > 600) {
		fprintf(stderr, "usage: ticker N(0..2000) SECONDS(1..600)\n");
		return 2;
	}
	kids = calloc((size_t)n + 1, sizeof(*kids));
	if (!kids)
		return 1;
	alarm((unsigned)secs + 5);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	for (; made < n && !stop; made++) {
		pid_t p = fork();

		if (p < 0)
			break;
		if (p == 0)
			child(secs);
		kids[made] = p;
	}
	printf("ready %ld\n", made);
	fflush(stdout);
	while (!stop && wait(NULL) > 0)
		;
	for (long i = 0; stop && i < made; i++)
		kill(kids[i], SIGKILL);
	while (wait(NULL) > 0)
		;
	free(kids);
	return 0;
}
