/* triage strace's output: one line per syscall as strace prints it
 * (`openat(AT_FDCWD</home>, "x", O_RDONLY) = 3</home/x>`, strace -y's fd
 * decoration), or one JSON object per line; and -c's table. Text from the
 * process (paths, buffers, fd targets) is quoted as strace quotes it: printable
 * ASCII as is, \" \\ \n \t \r \v \f, every other byte in octal, so no raw
 * control byte reaches the terminal. */
#ifndef TRIAGE_VIEWS_STRACE_H
#define TRIAGE_VIEWS_STRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "bpf/strace_api.h"
#include "bpf/strace_sigs.h"

/* What descriptor fd of process pid points at ("/etc/passwd",
 * "socket:[123]"), AT_FDCWD (-100) for the working directory; NULL when
 * unknown. The string lives until the next call. */
typedef const char *(*strace_fdname_fn)(void *ctx, pid_t pid, long fd);

struct strace_view {
	FILE *f;
	bool json;
	bool durations;		/* -T: " <0.000012>" */
	bool prefix;		/* "[pid  N] " before each line (several processes) */
	int strsize;		/* -s: bytes of a buffer shown (default 32) */
	strace_fdname_fn fdname;
	void *fdctx;
};

/* Bounded text being built (always NUL-terminated; cut when full). */
struct strace_text {
	char *s;
	size_t n, cap;
};

void strace_text_add(struct strace_text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Quote len bytes as strace does, "..." appended when cut (more than max
 * bytes, or truncated is set). */
void strace_text_quote(struct strace_text *t, const unsigned char *p, size_t len, size_t max,
		       bool truncated);

/* Argument i of e decoded into t; false when the argument is not shown (the
 * mode of an open without O_CREAT). */
bool strace_arg_text(const struct strace_view *v, const struct strace_event *e,
		     const struct strace_sig *sig, int i, struct strace_text *t);
/* The return value: "3</etc/passwd>", "-1 ENOENT (No such file or
 * directory)", "0x7f12...", "?" */
void strace_ret_text(const struct strace_view *v, const struct strace_event *e,
		     const struct strace_sig *sig, struct strace_text *t);

void strace_view_event(struct strace_view *v, const struct strace_event *e);

/* strace -c's table (% time, seconds, usecs/call, calls, errors, syscall). */
void strace_view_counts(FILE *f, const struct strace_counts *c);
void strace_view_counts_json(FILE *f, const struct strace_counts *c);

/* "+++ lost N events +++" (text) or {"lost": N} when n > 0. */
void strace_view_lost(struct strace_view *v, uint64_t n);

#endif
