/* LD_PRELOAD shim for tests: open("/dev/kmsg") returns a socket that hands
 * out the records of the file $KMSG_FEED one per read(), as /dev/kmsg does,
 * then end of file. Lets util-linux dmesg read a fixture, so a test compares
 * both tools on the same bytes. A record is its header line plus the
 * dictionary lines (starting with a space) that follow it. */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int feed(void)
{
	const char *path = getenv("KMSG_FEED");
	static char buf[1 << 16];
	int sv[2];
	size_t n, off = 0;
	FILE *f;

	if (!path || !(f = fopen(path, "r")))
		return errno = ENOENT, -1;
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv))
		return -1;
	while (off < n) {
		size_t end = off;
		do {	/* this line, then the dictionary lines after it */
			char *nl = memchr(buf + end, '\n', n - end);
			end = nl ? (size_t)(nl - buf) + 1 : n;
		} while (end < n && buf[end] == ' ');
		if (send(sv[1], buf + off, end - off, 0) < 0)
			break;
		off = end;
	}
	close(sv[1]);
	return sv[0];
}

static int is_kmsg(const char *p)
{
	return p && !strcmp(p, "/dev/kmsg");
}

int open(const char *p, int flags, ...)
{
	static int (*real)(const char *, int, ...);
	va_list ap;
	mode_t mode;

	if (is_kmsg(p))
		return feed();
	if (!real)
		real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
	va_start(ap, flags);
	mode = va_arg(ap, mode_t);
	va_end(ap);
	return real(p, flags, mode);
}

int open64(const char *p, int flags, ...)
{
	static int (*real)(const char *, int, ...);
	va_list ap;
	mode_t mode;

	if (is_kmsg(p))
		return feed();
	if (!real)
		real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open64");
	va_start(ap, flags);
	mode = va_arg(ap, mode_t);
	va_end(ap);
	return real(p, flags, mode);
}

int __open_2(const char *p, int flags)
{
	static int (*real)(const char *, int);

	if (is_kmsg(p))
		return feed();
	if (!real)
		real = (int (*)(const char *, int))dlsym(RTLD_NEXT, "__open_2");
	return real(p, flags);
}
