/* A syscall-heavy loop for bench/strace_overhead.sh: blocks reading FIFO
 * (so a tracer can attach first), then makes N getppid() and N write() of
 * one byte to /dev/null, and prints the loop's wall-clock time in ns per
 * call. Usage: sysloop FIFO N */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec a, b;
	char c[8];
	long n;
	int fd, null;

	if (argc != 3)
		return 2;
	n = atol(argv[2]);
	fd = open(argv[1], O_RDWR);
	null = open("/dev/null", O_WRONLY);
	if (fd < 0 || null < 0 || read(fd, c, sizeof(c)) <= 0)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (long i = 0; i < n; i++) {
		syscall(SYS_getppid);
		if (write(null, "x", 1) != 1)
			return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%.1f\n", ((double)(b.tv_sec - a.tv_sec) * 1e9 + (double)(b.tv_nsec - a.tv_nsec)) / (2.0 * (double)n));
	return 0;
}
