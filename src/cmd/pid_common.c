#include "cmd/pid_common.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/err.h"
#include "core/opts.h"
#include "sources/proc_pid.h"
#include "sources/proc_uptime.h"

time_t pid_clock_at(struct pid_clock *c, double up_s)
{
	if (!c->started) {
		const char *e = getenv("TRIAGE_TIME");
		long v;

		c->base = time(NULL);
		if (e && opt_parse_long(e, 0, 1L << 40, &v) == 0)
			c->base = (time_t)v;
		c->up0 = up_s;
		c->started = 1;
	}
	return c->base + (time_t)(up_s - c->up0 + 0.5);
}

static void clock_fmt(time_t t, const char *fmt, char *out, size_t size)
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, size, fmt, &tm);
}

void pid_clock_hms(time_t t, char *out, size_t size)
{
	clock_fmt(t, "%H:%M:%S", out, size);
}

void pid_clock_date(time_t t, char *out, size_t size)
{
	clock_fmt(t, "%Y-%m-%d %H:%M:%S", out, size);
}

uid_t pid_real_uid(const struct root *r, const struct proc_pid_rec *rec)
{
	struct proc_pid_status st;

	if (rec->status && (rec->status->have & PROC_STATUS_HAVE_UID))
		return rec->status->uid[0];
	if (r && proc_pid_status_read(r, rec->pid, rec->tid, &st) == 0)
		return st.uid[0];
	return rec->uid;
}

int pid_take(const char *cmd, const struct root *r, const struct proc_pid_scan_opts *o,
	     struct proc_pid_sample *prev, struct proc_pid_sample *out, double *up_s)
{
	struct proc_uptime up;
	char path[4200];
	int err;

	err = proc_uptime_read(r, &up);
	if (err) {
		err_errno(cmd, err, "cannot read %s", root_path(r, ROOT_PROC, "uptime", path, sizeof(path)));
		return err;
	}
	err = proc_pid_scan(r, o, prev, out);
	if (err) {
		err_errno(cmd, err, "cannot read %s", root_path(r, ROOT_PROC, "", path, sizeof(path)));
		return err;
	}
	*up_s = up.up_s;
	return 0;
}
