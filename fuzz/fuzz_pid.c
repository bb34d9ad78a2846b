/* Fuzz the per-process parsers: /proc/PID/{stat,status,io,statm,schedstat,
 * cmdline,cgroup,smaps_rollup,limits,oom_score}, etc/passwd and the task
 * iterator's binary records (sources/task_feed.h). Every parser sees every
 * input: a parser fed another file's format must fail cleanly. */
#include "fuzz.h"
#include "sources/passwd.h"
#include "sources/proc_pid.h"
#include "sources/proc_pid_cgroup.h"
#include "sources/proc_pid_oom.h"
#include "sources/proc_pid_smaps.h"
#include "sources/task_feed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct proc_pid_stat st;
	struct proc_pid_status ss;
	struct proc_pid_io io;
	struct proc_pid_statm sm;
	struct proc_pid_schedstat sc;
	struct proc_pid_smaps smaps;
	struct passwd_db db = { 0 };
	struct task_feed feed = { 0 };
	struct proc_pid_cgroup *cg = malloc(sizeof(*cg));
	long l;

	if (!s || !cg)
		goto out;
	proc_pid_stat_parse(s, size, &st);
	proc_pid_status_parse(s, size, &ss);
	proc_pid_io_parse(s, size, &io);
	proc_pid_statm_parse(s, size, &sm);
	proc_pid_schedstat_parse(s, size, &sc);
	proc_pid_cgroup_parse(s, size, cg);
	proc_pid_smaps_parse(s, size, &smaps);
	proc_pid_oom_parse_long(s, size, &l);
	if (task_feed_build(data, size, 100, 4096, &feed) == 0 && feed.n)
		task_feed_find(&feed, feed.v[feed.n - 1].stat.pid);
	task_feed_free(&feed);
	if (passwd_parse(s, size, &db) == 0) {
		passwd_name(&db, 0);
		passwd_name(&db, 65534);
	}
	passwd_free(&db);
	proc_pid_cmdline_join(s, size);	/* last: rewrites s in place */
out:
	free(cg);
	free(s);
	return 0;
}
