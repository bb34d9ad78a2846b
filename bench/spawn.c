/* bench/spawn N SECONDS: fork N idle children that each end by themselves
 * after SECONDS (alarm(2) with the default SIGALRM action), then wait for
 * them. Prints "ready N" on stdout once all exist, so a script can start
 * measuring. SIGTERM or SIGINT ends the children at once (by their PIDs) and
 * reaps them. Bounded: at most 30,000 children and 600 seconds. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

int main(int argc, char **argv)
{
	long n, secs, made = 0;
	struct sigaction sa = { .sa_handler = on_term };
	pid_t *kids;

	if (argc != 3 || (n = atol(argv[1])) < 0 || n > 30000 ||
	    (secs = atol(argv[2])) < 1 || secs > 600) {
		fprintf(stderr, "usage: spawn N(0..30000) SECONDS(1..600)\n");
		return 2;
	}
	kids = calloc((size_t)n + 1, sizeof(*kids));
	if (!kids)
		return 1;
	alarm((unsigned)secs + 5);	/* the parent too ends by itself */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	for (; made < n && !stop; made++) {
		pid_t p = fork();

		if (p < 0) {
			perror("fork");
			break;
		}
		if (p == 0) {
			signal(SIGTERM, SIG_DFL);
			signal(SIGINT, SIG_DFL);
			signal(SIGALRM, SIG_DFL);
			alarm((unsigned)secs);
			for (;;)
				pause();
		}
		kids[made] = p;
	}
	printf("ready %ld\n", made);
	fflush(stdout);
	while (!stop) {
		if (wait(NULL) < 0 && errno == ECHILD)
			return 0;
	}
	for (long i = 0; i < made; i++)
		kill(kids[i], SIGKILL);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	return 0;
}
