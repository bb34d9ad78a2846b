/* bench/cpu CMD ARGS...: run CMD with stdout to /dev/null and print its CPU
 * time (user + system, ms with 0.01 ms resolution) and peak RSS (kB), from
 * wait4(2)'s rusage: "cpu_ms rss_kb". Exit status: CMD's. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct rusage ru;
	int status;
	pid_t p;

	if (argc < 2) {
		fprintf(stderr, "usage: cpu CMD [ARGS...]\n");
		return 2;
	}
	p = fork();
	if (p < 0)
		return 1;
	if (p == 0) {
		int fd = open("/dev/null", O_WRONLY);

		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	if (wait4(p, &status, 0, &ru) < 0)
		return 1;
	printf("%.2f %ld\n", (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3, ru.ru_maxrss);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
