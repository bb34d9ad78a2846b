/* bench/spawn N SECONDS: fork N idle children that each end by themselves
 * after SECONDS (alarm(2) with the default SIGALRM action), then wait for
 * them. Prints "ready" on stdout once all N exist, so a script can start
 * measuring. Bounded: at most 30,000 children and 600 seconds. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n, secs, made = 0;

	if (argc != 3 || (n = atol(argv[1])) < 0 || n > 30000 ||
	    (secs = atol(argv[2])) < 1 || secs > 600) {
		fprintf(stderr, "usage: spawn N(0..30000) SECONDS(1..600)\n");
		return 2;
	}
	alarm((unsigned)secs + 5);	/* the parent too ends by itself */
	for (; made < n; made++) {
		pid_t p = fork();

		if (p < 0) {
			perror("fork");
			break;
		}
		if (p == 0) {
			signal(SIGALRM, SIG_DFL);
			alarm((unsigned)secs);
			for (;;)
				pause();
		}
	}
	printf("ready %ld\n", made);
	fflush(stdout);
	signal(SIGALRM, SIG_DFL);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	return 0;
}
