/* For triage offcputime's test: a thread that sleeps 50 ms, COUNT times
 * (default 60: 3 s), in a function with a known name, built with frame
 * pointers so its user stack unwinds: clock_nanosleep <- do_sleep <-
 * sleeper_loop <- sleeper_thread. Usage: sleeper [COUNT] */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

__attribute__((noinline)) static void do_sleep(void)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };

	nanosleep(&ts, NULL);
}

__attribute__((noinline)) void sleeper_loop(int n)
{
	for (int i = 0; i < n; i++)
		do_sleep();
}

static void *sleeper_thread(void *arg)
{
	sleeper_loop(*(int *)arg);
	return NULL;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 60;
	pthread_t t;

	if (pthread_create(&t, NULL, sleeper_thread, &n))
		return 1;
	pthread_join(t, NULL);
	return 0;
}
