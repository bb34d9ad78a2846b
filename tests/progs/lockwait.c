/* 8 threads take one mutex in turn; the holder sleeps 5 ms inside it, so
 * 7 of them wait on the futex most of the time while the CPUs stay idle.
 * Ends by itself after argv[1] seconds (default 5). */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static time_t end;

static void *worker(void *arg)
{
	struct timespec hold = { 0, 5000000 };

	(void)arg;
	while (time(NULL) < end) {
		pthread_mutex_lock(&lock);
		nanosleep(&hold, NULL);
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t[8];

	end = time(NULL) + (argc > 1 ? atoi(argv[1]) : 5);
	for (int i = 0; i < 8; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	for (int i = 0; i < 8; i++)
		pthread_join(t[i], NULL);
	return 0;
}
