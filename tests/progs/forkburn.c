/* forkburn N MS PAR [CODE]: fork N children, at most PAR running at once,
 * each burning MS milliseconds of its own CPU time (CLOCK_PROCESS_CPUTIME_ID,
 * so a loaded machine only stretches them) and exiting with CODE (0). The children are
 * named "fbchild". For each child reaped, one line on stdout:
 * "PID USER_US SYS_US" from wait4's rusage, what the kernel accounted. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void burn(long ms, int code)
{
	struct timespec ts;
	volatile unsigned long x = 0;

	prctl(PR_SET_NAME, "fbchild", 0, 0, 0);
	for (;;) {
		for (int i = 0; i < 10000; i++)
			x += (unsigned long)i;
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
		if (ts.tv_sec * 1000L + ts.tv_nsec / 1000000L >= ms)
			_exit(code);
	}
}

static void reap(void)
{
	struct rusage ru;
	int st;
	pid_t pid = wait4(-1, &st, 0, &ru);

	if (pid > 0)
		printf("%d %ld %ld\n", (int)pid, ru.ru_utime.tv_sec * 1000000L + ru.ru_utime.tv_usec,
		       ru.ru_stime.tv_sec * 1000000L + ru.ru_stime.tv_usec);
}

int main(int argc, char **argv)
{
	long n, ms, par, running = 0;
	int code = argc == 5 ? atoi(argv[4]) : 0;

	if (argc < 4 || argc > 5 || (n = atol(argv[1])) < 1 || (ms = atol(argv[2])) < 1 ||
	    (par = atol(argv[3])) < 1) {
		fprintf(stderr, "usage: forkburn N MS PAR [CODE]\n");
		return 2;
	}
	for (long i = 0; i < n; i++) {
		pid_t pid;

		if (running >= par) {
			reap();
			running--;
		}
		pid = fork();
		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0)
			burn(ms, code);
		running++;
	}
	while (running-- > 0)
		reap();
	return 0;
}
