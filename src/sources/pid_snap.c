#include "sources/pid_snap.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

void pid_snap_free(struct pid_snap *s)
{
	proc_pid_sample_free(&s->scan);
	fd_scan_free(&s->fds);
	free(s->cg);
	sd_table_free(&s->socks);
}

/* Every TCP and UDP socket of the network namespace, all states. */
static int dump_sockets(const struct root *r, struct sd_table *t)
{
	static const int fams[2] = { AF_INET, AF_INET6 };
	int err;

	for (int p = 0; p < 2; p++)
		for (int f = 0; f < 2; f++) {
			err = nl_sockdiag_dump(r, fams[f], p ? IPPROTO_UDP : IPPROTO_TCP,
					       (1u << 12) - 2, t, NULL);
			if (err)
				return err;
		}
	return 0;
}

static void snap_cgroup(const struct root *r, int pid, struct pid_snap *s)
{
	struct cgroup_mounts m;
	struct cgroup_paths p;

	s->cg_err = proc_pid_cgroup_read(r, pid, &s->pcg);
	if (!s->cg_err)
		s->cg_err = cgroup_mounts_read(r, &m);
	if (!s->cg_err && !(s->cg = calloc(1, sizeof(*s->cg))))
		s->cg_err = -ENOMEM;
	if (!s->cg_err) {
		proc_pid_cgroup_paths(&s->pcg, &p);
		s->cg_err = cgroup_read(r, &m, &p, s->cg);
	}
}

int pid_snap_take(const struct root *r, int pid, bool full, struct pid_snap *s)
{
	struct proc_pid_scan_opts o = {
		.want = PROC_PID_STATUS | PROC_PID_IO | (full ? PROC_PID_CMDLINE : 0),
		.pids = &pid, .npids = 1, .threads = true,
	};
	int err;

	memset(s, 0, sizeof(*s));
	fd_scan_init(&s->fds);
	sd_table_init(&s->socks, false);
	s->up_err = proc_uptime_read(r, &s->up);
	err = proc_pid_scan(r, &o, NULL, &s->scan);
	if (err)
		return err;
	if (!proc_pid_sample_find(&s->scan, pid, 0))
		return -ESRCH;
	s->fd_err = proc_pid_fd_scan_pid(r, pid, full ? FDS_SOCKETS : 0, &s->fds);
	fd_scan_finish(&s->fds);
	snap_cgroup(r, pid, s);
	if (!full)
		return 0;
	s->smaps_err = proc_pid_smaps_read(r, pid, &s->smaps);
	if (s->smaps_err == -ESRCH && proc_pid_sample_find(&s->scan, pid, 0)->stat.state == 'Z') {
		s->smaps_err = 0;	/* a zombie has no mm left: nothing mapped */
		s->smaps.empty = true;
	}
	s->lim_err = proc_pid_limits_read(r, pid, &s->lim);
	s->ns_err = proc_pid_ns_read(r, pid, &s->ns);
	s->ns1_err = proc_pid_ns_read(r, 1, &s->ns1);
	s->oom_err = proc_pid_oom_read(r, pid, &s->oom);
	s->wchan_err = proc_pid_wchan_read(r, pid, s->wchan, sizeof(s->wchan));
	s->sock_err = s->fd_err ? s->fd_err : dump_sockets(r, &s->socks);
	if (!s->sock_err && r->live && !s->ns_err) {
		/* sock_diag answers for our own network namespace only */
		struct proc_pid_ns self;

		if (!proc_pid_ns_read(r, getpid(), &self) && !self.err[NS_NET] && !s->ns.err[NS_NET] &&
		    self.ino[NS_NET] != s->ns.ino[NS_NET])
			s->sock_err = -EXDEV;
	}
	return 0;
}

