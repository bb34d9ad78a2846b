/* bench/threads P T SECONDS: P processes of T threads each (small stacks),
 * every thread asleep in a futex wait (a condition variable nobody signals)
 * until SECONDS have passed; the processes then end by themselves (alarm(2),
 * default action), or with their parent (SIGTERM). Prints "ready N" (threads) once all exist. Bounded: at
 * most 100 processes, 1,000 threads each, 600 seconds. */
#include <pthread.h>
#include <signal.h>
#include <sys/prctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;

static void *idle(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&m);
	for (;;)
		pthread_cond_wait(&c, &m);
	return NULL;
}

static void child(long t, long secs, int ready)
{
	pthread_attr_t a;
	pthread_t th;

	prctl(PR_SET_PDEATHSIG, SIGKILL);	/* the parent ended early: go too */
	alarm((unsigned)secs);
	pthread_attr_init(&a);
	pthread_attr_setstacksize(&a, 64 << 10);
	for (long i = 1; i < t; i++)
		if (pthread_create(&th, &a, idle, NULL))
			break;
	if (write(ready, "x", 1) != 1)
		_exit(1);
	idle(NULL);
}

int main(int argc, char **argv)
{
	long p, t, secs;
	int fds[2];
	char b;

	if (argc != 4 || (p = atol(argv[1])) < 1 || p > 100 || (t = atol(argv[2])) < 1 || t > 1000 ||
	    (secs = atol(argv[3])) < 1 || secs > 600) {
		fprintf(stderr, "usage: threads P(1..100) T(1..1000) SECONDS(1..600)\n");
		return 2;
	}
	if (pipe(fds))
		return 1;
	for (long i = 0; i < p; i++)
		if (fork() == 0)
			child(t, secs, fds[1]);
	for (long i = 0; i < p; i++)
		if (read(fds[0], &b, 1) != 1)
			return 1;
	printf("ready %ld\n", p * t);
	fflush(stdout);
	while (wait(NULL) > 0)
		;
	return 0;
}
