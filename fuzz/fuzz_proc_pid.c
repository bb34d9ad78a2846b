/* Fuzz the per-task parsers (/proc/PID/{stat,status,io,statm,schedstat},
 * cmdline joining), etc/passwd and pid_max: any bytes, no crash, no leak. */
#include "fuzz.h"
#include "sources/passwd.h"
#include "sources/pid_max.h"
#include "sources/proc_pid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct proc_pid_stat st;
	struct proc_pid_status ss;
	struct proc_pid_io io;
	struct proc_pid_statm sm;
	struct proc_pid_schedstat sc;
	struct passwd_db db;
	long pm;

	if (!s)
		return 0;
	proc_pid_stat_parse(s, size, &st);
	proc_pid_status_parse(s, size, &ss);
	proc_pid_io_parse(s, size, &io);
	proc_pid_statm_parse(s, size, &sm);
	proc_pid_schedstat_parse(s, size, &sc);
	pid_max_parse(s, size, &pm);
	if (passwd_parse(s, size, &db) == 0) {
		for (size_t i = 0; i < db.n; i++)
			(void)passwd_name(&db, db.v[i].uid);
		passwd_free(&db);
	}
	proc_pid_cmdline_join(s, size);	/* writes s[size]: fuzz_cstr made room */
	free(s);
	return 0;
}
