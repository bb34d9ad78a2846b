/* Messages and exit statuses shared by every subcommand.
 *
 * One format: "triage: CMD: what: why". Only main() exits. */
#ifndef TRIAGE_CORE_ERR_H
#define TRIAGE_CORE_ERR_H

/* Exit statuses of the classic-tool subcommands (documented in --help and the
 * README). The bare `triage` report has its own: 0 ok, 1 warning, 2 critical,
 * 3 could not run (see cmd/triage). */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,	/* could not do what was asked: missing PID, unreadable root ... */
	EXIT_USAGE = 2,	/* bad options or arguments */
};

/* Print "triage: CMD: message\n" to stderr (CMD may be NULL). */
void err_msg(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Same, followed by ": strerror(-err)". err is a negative errno. */
void err_errno(const char *cmd, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
