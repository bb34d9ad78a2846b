#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void vmsg(const char *cmd, int err, const char *fmt, va_list ap)
{
	fputs("triage: ", stderr);
	if (cmd)
		fprintf(stderr, "%s: ", cmd);
	vfprintf(stderr, fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized): ap comes from va_start in the callers */
	if (err)
		fprintf(stderr, ": %s", strerror(-err));
	fputc('\n', stderr);
}

void err_msg(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(cmd, 0, fmt, ap);
	va_end(ap);
}

void err_errno(const char *cmd, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(cmd, err, fmt, ap);
	va_end(ap);
}
