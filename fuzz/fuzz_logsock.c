/* Fuzz the logsock parsers: /dev/kmsg records and syslog(2) lines, sock_diag
 * netlink dumps, mountinfo and the statvfs fixture file, /proc/PID/limits,
 * fd link strings, file-nr. The first byte picks the parser so one corpus
 * reaches all of them; each must neither crash nor leak. */
#include <netinet/in.h>

#include "fuzz.h"
#include "sources/kmsg.h"
#include "sources/mountinfo.h"
#include "sources/nl_sockdiag.h"
#include "sources/proc_pid_fd.h"
#include "sources/proc_pid_limits.h"
#include "sources/proc_sys_fs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;
	size_t n;

	if (size < 1)
		return 0;
	n = size - 1;
	s = fuzz_cstr(data + 1, n);
	if (!s)
		return 0;
	switch (data[0] % 6) {
	case 0: {
		struct kmsg_log l;
		kmsg_log_init(&l);
		kmsg_parse(s, n, &l);
		kmsg_parse_syslog(s, n, &l);
		kmsg_log_free(&l);
		break;
	}
	case 1: {
		struct sd_table t;
		bool done = false;
		sd_table_init(&t, data[0] & 8);
		nl_sockdiag_parse(data + 1, n, (data[0] & 16) ? IPPROTO_UDP : IPPROTO_TCP, &t, &done);
		sd_table_free(&t);
		break;
	}
	case 2: {
		struct mountinfo mi;
		mountinfo_init(&mi);
		mountinfo_parse(s, n, &mi);
		mountinfo_statvfs_parse(s, n, &mi);
		mountinfo_free(&mi);
		break;
	}
	case 3: {
		struct proc_pid_limits l;
		proc_pid_limits_parse(s, n, &l);
		break;
	}
	case 4: {
		struct fd_link fl;
		proc_pid_fd_classify(s, n, &fl);
		break;
	}
	default: {
		struct proc_sys_fs fs;
		proc_sys_fs_file_nr_parse(s, n, &fs);
		break;
	}
	}
	free(s);
	return 0;
}
