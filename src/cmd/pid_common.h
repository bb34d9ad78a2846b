/* Shared by the process commands (pidstat, top): the wall clock and small
 * lookups done only for the tasks that are printed. Not a subcommand. */
#ifndef TRIAGE_CMD_PID_COMMON_H
#define TRIAGE_CMD_PID_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "core/root.h"
#include "sources/pid_snap.h"
#include "sources/proc_pid_scan.h"

/* The wall clock of a sample taken up_s seconds after boot: the time at the
 * first sample plus the uptime elapsed since, so replayed snapshots get
 * their own spacing. TRIAGE_TIME=EPOCH in the environment fixes the first
 * sample's time (tests use it for stable goldens, with TZ=UTC). */
struct pid_clock {
	time_t base;
	double up0;
	int started;
};
time_t pid_clock_at(struct pid_clock *c, double up_s);

/* "HH:MM:SS" of t, local time, into out (at least 9 bytes). */
void pid_clock_hms(time_t t, char *out, size_t size);
/* "YYYY-MM-DD HH:MM:SS" of t, local time (--from's form; 20 bytes). */
void pid_clock_date(time_t t, char *out, size_t size);

/* One sample of the process commands: /proc/uptime, then the scan of the
 * tasks (proc_pid_scan with o, prev). Says what failed as "triage: CMD:
 * cannot read ..."; returns 0 or -errno. */
int pid_take(const char *cmd, const struct root *r, const struct proc_pid_scan_opts *o,
	     struct proc_pid_sample *prev, struct proc_pid_sample *out, double *up_s);

/* The real uid of a task from its status (what pidstat prints), falling back
 * to the scan's owner uid when status cannot be read (or r is NULL: a
 * recorded sample). */
uid_t pid_real_uid(const struct root *r, const struct proc_pid_rec *rec);

struct pidinfo;
struct sd_table;

/* `triage pid`'s model of pid over a -> b (a NULL: since it started) into
 * m, its sockets into own (initialised by the caller, to outlive m): what
 * triage pid and the report's --pid judge. Returns 0 or -errno. */
int pid_model_take(const struct root *r, int pid, const struct pid_snap *a, const struct pid_snap *b,
		   struct pidinfo *m, struct sd_table *own);

/* `triage pid`'s report of pid over a -> b (a NULL: since the process
 * started) into f, text or JSON (cmd/pid.c); the interactive top's process
 * detail prints it too. Returns 0 or -errno. */
int pid_report_write(FILE *f, const struct root *r, int pid, bool json, const struct pid_snap *a,
		     const struct pid_snap *b);

#endif
