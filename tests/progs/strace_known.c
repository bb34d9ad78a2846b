/* A process with known syscalls for tests/cli/bpf_strace.sh and the strace
 * benchmark. Usage: strace_known FIFO FILE MISSING PORT N
 * Opens FIFO read-write (no wait), blocks reading it until the tracer is
 * ready and the test writes to it, then: openat(FILE) read(5) write(1, "hello\n") close; a failing
 * openat(MISSING, O_WRONLY|O_CREAT, 0640); socket + connect to 127.0.0.1:PORT
 * (refused) + close; N getppid(); exit_group(0). Each through syscall(2), so
 * libc adds none. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	char buf[64];
	long fd, s, n;

	if (argc != 6)
		return 2;
	fd = syscall(SYS_openat, AT_FDCWD, argv[1], O_RDWR);
	if (fd < 0 || syscall(SYS_read, fd, buf, sizeof(buf)) <= 0)
		return 1;
	fd = syscall(SYS_openat, AT_FDCWD, argv[2], O_RDONLY);
	syscall(SYS_read, fd, buf, 5);
	syscall(SYS_write, 1, "hello\n", 6);
	syscall(SYS_close, fd);
	syscall(SYS_openat, AT_FDCWD, argv[3], O_WRONLY | O_CREAT, 0640);
	s = syscall(SYS_socket, AF_INET, SOCK_STREAM, 0);
	sa.sin_port = htons((unsigned short)atoi(argv[4]));
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	syscall(SYS_connect, s, &sa, sizeof(sa));
	syscall(SYS_close, s);
	n = atol(argv[5]);
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	syscall(SYS_exit_group, 0);
	return 0;
}
