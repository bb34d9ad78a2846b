/* The triage collector's once-per-run parts, cheap enough at thousands of
 * processes because they are not repeated every interval:
 *  - the /proc/PID scan (stat only) at the first and the last sample, with
 *    the stat fds kept open in between (one pread each the second time):
 *    process CPU over the window, D-state and zombie counts;
 *  - at the last sample: TCP sockets over sock_diag (states, listeners),
 *    one fd scan (descriptor counts, deleted-but-open files, and socket
 *    owners only when a CLOSE-WAIT pile or a full accept queue needs
 *    naming; above FD_SCAN_ALL_MAX processes only of the processes with
 *    many descriptors, see descriptors()), RLIMIT_NOFILE only of the
 *    processes with many descriptors,
 *    file-nr, the mounted filesystems, and the kernel log. */
#include "cmd/triage_collect_priv.h"

#include <errno.h>
#include <math.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "analysis/klog.h"
#include "analysis/rules.h"
#include "model/df.h"
#include "model/fds.h"
#include "model/pid.h"
#include "model/sock.h"
#include "sources/kmsg.h"
#include "sources/mountinfo.h"
#include "cmd/triage_collect_socks.h"
#include "sources/nl_sockdiag.h"
#include "sources/proc_pid_cgroup.h"
#include "sources/proc_pid_fd.h"
#include "sources/proc_pid_limits.h"
#include "sources/proc_sys_fs.h"

#define TOP_CPU 5		/* busiest processes named */
#define TOP_D 5			/* D-state processes named */
#define FD_CANDIDATE 32		/* read the limit of processes with at least this many fds */
#define KLOG_KEEP COLLECT_KLOG_KEEP	/* classified kernel-log lines kept */
#define FD_SCAN_ALL_MAX 1000	/* processes: up to this many, all descriptors are read */
#define FS_TIGHT_PCT 80		/* or when a filesystem is this full */

/* A process's name: from the last /proc/PID scan, else proc/PID/comm. */
static const char *comm_of(const struct collect *c, const struct root *r, const struct fd_scan *fs, int pid)
{
	const struct proc_pid_rec *rec = c->ps_ok[1] ? proc_pid_sample_find(c->scan[1], pid, 0) : NULL;
	struct fd_proc *fp = (struct fd_proc *)fd_scan_proc(fs, pid);

	if (rec)
		return rec->stat.comm;
	if (!fp)
		return "?";
	fd_scan_comm(r, fp);	/* fills the scan's own copy once */
	return fp->comm[0] ? fp->comm : "?";
}

static struct obs_proc *proc_get(struct obs *o, int pid, const char *comm)
{
	for (int i = 0; i < o->nprocs; i++)
		if (o->procs[i].pid == pid && o->procs[i].tid == pid)
			return &o->procs[i];
	struct obs_proc *p = obs_add_proc(o);
	if (p) {
		p->pid = p->tid = pid;
		snprintf(p->comm, sizeof(p->comm), "%s", comm ? comm : "?");
	}
	return p;
}

static void procs_window(struct collect *c)
{
	struct obs *o = c->o;
	struct pid_params pp = {
		.dt_s = o->window_s, .hz = 100, .page_kb = 4,
		.mem_total_kb = (uint64_t)(o->host.mem_total / 1024), .ncpus = o->host.ncpu,
	};
	struct pid_row *rows = NULL;
	size_t n = 0;
	long page = sysconf(_SC_PAGESIZE);
	double nd = 0, nz = 0, np = 0;

	if (page > 0)
		pp.page_kb = page / 1024;
	if (pid_model(c->scan[0], c->scan[1], &pp, &rows, &n))
		return;
	for (size_t i = 0; i < n; i++) {
		const struct proc_pid_rec *rec = rows[i].cur;

		if (rec->tid)
			continue;
		np++;
		nd += rec->stat.state == 'D';
		nz += rec->stat.state == 'Z';
	}
	o->host.nr_dstate = nd;
	o->host.nr_zombie = nz;
	o->host.nr_tasks = np;
	/* the busiest processes, then the ones in D, then --pid */
	for (int t = 0; t < TOP_CPU; t++) {
		const struct pid_row *best = NULL;
		for (size_t i = 0; i < n; i++) {
			const struct pid_row *w = &rows[i];
			if (w->cur->tid || isnan(w->top_cpu) || w->top_cpu < 5)
				continue;
			bool taken = false;
			for (int k = 0; k < o->nprocs; k++)
				taken |= o->procs[k].pid == w->cur->pid;
			if (!taken && (!best || w->top_cpu > best->top_cpu))
				best = w;
		}
		if (!best)
			break;
		struct obs_proc *p = proc_get(o, best->cur->pid, best->cur->stat.comm);
		if (!p)
			break;
		p->cpu_pct = best->top_cpu;
		p->state = best->cur->stat.state;
		p->nthreads = (int)best->cur->stat.num_threads;
	}
	int named = 0;
	for (size_t i = 0; i < n; i++) {
		const struct proc_pid_rec *rec = rows[i].cur;
		bool focus = rec->pid == c->focus_pid;

		if (rec->tid || (!focus && (rec->stat.state != 'D' || named >= TOP_D)))
			continue;
		struct obs_proc *p = proc_get(o, rec->pid, rec->stat.comm);
		if (!p)
			break;
		named += !focus;
		p->state = rec->stat.state;
		p->nthreads = (int)rec->stat.num_threads;
		p->cpu_pct = rows[i].top_cpu;
	}
	free(rows);
	collect_exited_window(c, &pp);
	o->have |= HAVE_TASKS;
}

/* The loop's scan into the collector's own copy: the first one is needed
 * at the end, after the loop has dropped its sample. */
static int keep_scan(const struct proc_pid_sample *from, struct proc_pid_sample *to)
{
	int err = 0;

	proc_pid_sample_free(to);
	for (size_t i = 0; i < from->n && !err; i++)
		err = proc_pid_sample_append(to, &from->recs[i]);
	to->io_denied = from->io_denied;
	to->fd_denied = from->fd_denied;
	to->stack_denied = from->stack_denied;
	return err;
}

void collect_procs(struct collect *c, bool last)
{
	const struct sample *s = cur_snap(c)->smp;
	int i = last ? 1 : 0, err;

	/* the first scan is needed after the loop dropped its sample: a copy,
	 * unless the samples outlive the collector */
	if (s->have_procs && c->borrow)
		err = 0;
	else
		err = s->have_procs ? keep_scan(&s->procs, &c->ps[i]) : s->procs_err ? s->procs_err : -ENODATA;
	c->scan[i] = c->borrow ? &s->procs : &c->ps[i];
	c->ps_ok[i] = err == 0;
	if (err) {
		obs_unchecked(c->o, "tasks", "cannot scan proc/: %s", strerror(-err));
		return;
	}
	if (last && c->ps_ok[0] && c->k > 0)
		procs_window(c);
}

/* TCP sockets of both families: counts by state, listeners, CLOSE-WAIT. */
/* TCP counts by state (both families) and the listeners with a queue into
 * the observations: live from the dump, recorded from the sample. */
static void sockets_obs(struct collect *c, const uint64_t *by, const struct sd_sock *ls, size_t n)
{
	struct obs *o = c->o;

	o->host.tcp_estab = (double)by[1];		/* TCP_ESTABLISHED */
	o->host.tcp_syn_recv = (double)by[3];		/* TCP_SYN_RECV */
	o->host.tcp_time_wait = (double)by[6];		/* TCP_TIME_WAIT */
	o->host.tcp_close_wait = (double)by[8];		/* TCP_CLOSE_WAIT */
	for (size_t i = 0; i < n; i++) {
		const struct sd_sock *s = &ls[i];
		struct obs_listen *l;

		if (s->state != 10 /* TCP_LISTEN */ || !s->rqueue || !(l = obs_add_listen(o)))
			continue;
		if (s->family == AF_INET)
			snprintf(l->addr, sizeof(l->addr), "%u.%u.%u.%u", s->src[0], s->src[1], s->src[2], s->src[3]);
		else
			snprintf(l->addr, sizeof(l->addr), "[v6]");
		l->port = s->sport;
		l->queued = l->queued_max = s->rqueue;	/* accept queue now */
		l->backlog = s->wqueue;			/* its limit */
	}
	o->have |= HAVE_SOCK;
}

/* tcp.time_wait's second metric: TIME-WAIT per destination against the
 * ephemeral port range. */
static void tw_dests(struct collect *c, const struct root *r, const struct sd_table *t)
{
	struct obs_host *h = &c->o->host;
	struct sock_dest d[3];
	uint64_t lo, hi;
	int n = sock_model_tw_dests(t, d, 3);

	if (proc_sys_port_range_read(r, &lo, &hi) == 0)
		h->port_range = (double)(hi - lo + 1);
	for (int i = 0; i < n; i++) {
		char a[INET6_ADDRSTRLEN] = "?";

		inet_ntop(d[i].family, d[i].addr, a, sizeof(a));
		snprintf(h->tw_dest[i].addr, sizeof(h->tw_dest[i].addr), "%s", a);
		h->tw_dest[i].port = d[i].port;
		h->tw_dest[i].n = (double)d[i].n;
	}
	h->ntw_dest = n;
}

/* TCP sockets of both families: counts by state, listeners, CLOSE-WAIT. */
static int sockets(struct collect *c, const struct root *r, struct sd_table *t)
{
	struct sock_counts sc;
	uint64_t by[SOCK_STATES] = { 0 };
	/* both families in one walk of the kernel's socket hash (a walk costs
	 * as much as its buckets: 2 x 262,144 on a 24 GB machine) */
	int err = collect_socks_dump(c->socks, r, cur_snap(c)->smp, t);

	if (err && t->n == 0) {
		obs_unchecked(c->o, "TCP sockets", "sock_diag dump failed: %s", strerror(-err));
		return err;
	}
	sock_model_count(t, &sc);
	for (int s = 1; s < SOCK_STATES; s++)
		by[s] = sc.by_state[0][0][s] + sc.by_state[0][1][s];
	sockets_obs(c, by, t->s, t->n);
	tw_dests(c, r, t);
	return 0;
}

/* Owners: CLOSE-WAIT counts per process, listeners' processes. */
static void owners(struct collect *c, const struct root *r, const struct sd_table *t, const struct fd_scan *fs)
{
	struct obs *o = c->o;

	for (size_t i = 0; i < t->n; i++) {
		const struct sd_sock *s = &t->s[i];
		const struct fd_sock *w;

		if (!s->inode || (s->state != 8 && s->state != 10) || !(w = fd_scan_sock_owner(fs, s->inode)))
			continue;
		const char *comm = comm_of(c, r, fs, w->pid);
		if (s->state == 8) {	/* TCP_CLOSE_WAIT */
			struct obs_proc *p = proc_get(o, w->pid, comm);
			if (p)
				p->close_wait = (isnan(p->close_wait) ? 0 : p->close_wait) + 1;
			continue;
		}
		for (int k = 0; k < o->nlistens; k++)
			if (o->listens[k].port == s->sport && !o->listens[k].pid) {
				o->listens[k].pid = w->pid;
				snprintf(o->listens[k].comm, sizeof(o->listens[k].comm), "%s", comm);
			}
	}
}

/* Descriptor counts against RLIMIT_NOFILE for the processes with many. */
static void fd_limits(struct collect *c, const struct root *r, const struct fd_scan *fs)
{
	struct obs *o = c->o;

	for (size_t i = 0; i < fs->nprocs; i++) {
		const struct fd_proc *fp = &fs->procs[i];
		struct proc_pid_limits lim;
		struct fds_row row;

		if (fp->nfds < FD_CANDIDATE && fp->pid != c->focus_pid)
			continue;
		if (proc_pid_limits_read(r, fp->pid, &lim))
			continue;	/* gone, or not ours */
		fds_model_row(&row, fp, &lim);
		if (!row.have_limit || row.soft == PROC_LIMIT_INFINITY)
			continue;
		struct obs_proc *p = proc_get(o, fp->pid, comm_of(c, r, fs, fp->pid));
		if (!p)
			break;
		p->nfds = fp->nfds;
		p->fd_soft = (double)row.soft;
	}
	if (fs->denied)
		obs_unchecked(o, "descriptors of other users' processes",
			      "%lu processes' fd directories could not be read (permission denied)", fs->denied);
}

static bool mount_ro(const char *opts)
{
	return !strncmp(opts, "ro", 2) && (opts[2] == ',' || opts[2] == 0);
}

/* The real filesystems (as df picks them), read-only ones left out. */
static void filesystems(struct collect *c, const struct root *r, const struct mountinfo *mi,
			const struct fd_scan *fs)
{
	struct obs *o = c->o;
	struct df_report rep = { 0 };

	if (df_model(mi, fs, false, &rep))
		goto out;
	for (size_t i = 0; i < rep.n; i++) {
		const struct df_row *row = &rep.rows[i];
		const struct mount_entry *m = &mi->m[row->mount];
		struct obs_fs *f;

		if (!row->ok || mount_ro(mountinfo_str(mi, m->opts)) || !(f = obs_add_fs(o)))
			continue;
		snprintf(f->mnt, sizeof(f->mnt), "%s", mountinfo_str(mi, m->mnt));
		snprintf(f->dev, sizeof(f->dev), "%s", mountinfo_str(mi, m->source));
		snprintf(f->type, sizeof(f->type), "%s", mountinfo_str(mi, m->fstype));
		f->size = (double)row->size_b;
		f->used = (double)row->used_b;
		f->avail = (double)row->avail_b;
		f->files = (double)row->inodes;
		f->ffree = (double)row->ifree;
		f->deleted = fs ? (double)row->held_b : NAN;
		/* the biggest deleted file on it, and who holds it */
		const struct fd_deleted *big = NULL;
		for (size_t k = 0; fs && k < fs->ndels; k++) {
			const struct fd_deleted *d = &fs->dels[k];
			if (d->have_stat && d->dev_major == m->major && d->dev_minor == m->minor &&
			    (!big || d->size > big->size))
				big = d;
		}
		if (big) {
			f->deleted_pid = big->pid;
			snprintf(f->deleted_comm, sizeof(f->deleted_comm), "%s", comm_of(c, r, fs, big->pid));
			snprintf(f->deleted_path, sizeof(f->deleted_path), "%.*s", (int)big->path_len,
				 fs->text.p + big->path_off);
		}
	}
	o->have |= HAVE_FS;
out:
	df_report_free(&rep);
}

/* Is a real, writable filesystem at least FS_TIGHT_PCT full? */
static bool fs_tight(const struct mountinfo *mi)
{
	for (size_t i = 0; i < mi->n; i++) {
		const struct mount_entry *m = &mi->m[i];
		uint64_t used = m->fs.blocks - m->fs.bfree;

		if (!m->fs.ok || mountinfo_is_pseudo(mountinfo_str(mi, m->fstype)) ||
		    mount_ro(mountinfo_str(mi, m->opts)) || used + m->fs.bavail == 0)
			continue;
		if ((double)used / (double)(used + m->fs.bavail) * 100 >= FS_TIGHT_PCT)
			return true;
	}
	return false;
}

/* The descriptor scan. Every process's descriptors are read (readlink, as
 * lsof +L1 does) when there are at most FD_SCAN_ALL_MAX processes, when a
 * filesystem is FS_TIGHT_PCT full (deleted-but-open files then matter), when
 * sockets must be attributed (a CLOSE-WAIT pile, a full accept queue: then
 * something is wrong and naming the process is worth it), or when the cheap
 * count is not available. Otherwise the count of each
 * process's descriptors comes from one fstat (proc_pid_fd_count) and only
 * the processes with FD_CANDIDATE or more are read in full. Returns 0 with
 * *partial set in the second case, or -errno. */
static int descriptors(struct collect *c, const struct root *r, unsigned flags, bool tight,
		       struct fd_scan *fs, bool *partial)
{
	const struct proc_pid_sample *ps = c->scan[1];
	int self = (int)getpid();

	*partial = false;
	/* We hold the root's directory fds: a 0 count for ourselves means a
	 * kernel before 6.2, whose proc/PID/fd has no size. */
	if (!c->live || !c->ps_ok[1] || ps->nprocs <= FD_SCAN_ALL_MAX || tight ||
	    (flags & FDS_SOCKETS) || proc_pid_fd_count(r, getpid()) <= 0)
		return proc_pid_fd_scan_all(r, flags, fs);
	for (size_t i = 0; i < ps->n; i++) {
		const struct proc_pid_rec *rec = &ps->recs[i];
		int n;

		/* ourselves: our descriptors are the /proc files kept open between
		 * samples (thousands at this scale), never a finding */
		if (rec->tid || (rec->pid == self && rec->pid != c->focus_pid))
			continue;
		/* the scan's count when it has one (serve: carried for
		 * the processes that did not run), else one fstat */
		n = rec->have & PROC_PID_FDNR ? rec->fd_nr : proc_pid_fd_count(r, rec->pid);
		if (n >= FD_CANDIDATE || rec->pid == c->focus_pid)
			proc_pid_fd_scan_pid(r, rec->pid, flags, fs);
	}
	fd_scan_finish(fs);
	*partial = true;
	return 0;
}

/* The kernel log's lines into the observations: the newest KLOG_KEEP
 * classified ones, each marked in the window or not; the disks' error
 * cells from the window's I/O error lines. */
static void klog_ingest(struct collect *c, const struct kmsg_log *lg)
{
	struct obs *o = c->o;
	const struct kmsg_log log = *lg;

	o->have |= HAVE_KLOG;
	/* the newest KLOG_KEEP classified lines: walk back from the end */
	size_t start = log.n;
	int kept = 0;
	while (start > 0 && kept < KLOG_KEEP) {
		const struct kmsg_rec *k = &log.recs[start - 1];
		char text[240];
		snprintf(text, sizeof(text), "%.*s", (int)k->msg_len, log.text.p + k->msg_off);
		kept += klog_classify(text) != KLOG_OTHER;
		start--;
	}
	for (size_t i = start; i < log.n; i++) {
		const struct kmsg_rec *k = &log.recs[i];
		struct obs_klog *l;
		char text[240];

		snprintf(text, sizeof(text), "%.*s", (int)k->msg_len, log.text.p + k->msg_off);
		enum klog_kind kind = klog_classify(text);
		if (kind == KLOG_OTHER || !(l = obs_add_klog(o)))
			continue;
		l->kind = kind;
		l->level = k->level;
		l->ts = (double)k->ts_usec / 1e6;
		l->in_window = l->ts >= c->t0;
		memcpy(l->text, text, sizeof(l->text));
	}
	/* the disks' error cells: I/O error lines of the window */
	for (int d = 0; d < o->ndisks; d++)
		o->disks[d].errors = 0;
	for (int i = 0; i < o->nklog; i++) {
		char dev[64];
		if (o->klog[i].kind != KLOG_IOERR || !o->klog[i].in_window ||
		    klog_ioerr_dev(o->klog[i].text, dev, sizeof(dev)))
			continue;
		for (int d = 0; d < o->ndisks; d++)
			if (!strcmp(o->disks[d].name, dev))
				o->disks[d].errors++;
	}
}

static void kernel_log(struct collect *c, const struct root *r)
{
	struct kmsg_log log;
	int err;

	if (!r) {
		/* a recording: the records its samples held, from the window only */
		if (c->klog_any)
			klog_ingest(c, &c->klog);
		else
			obs_unchecked(c->o, "kernel log", "not in the recording");
		return;
	}
	if (c->kfollow) {
		const struct kmsg_log *kept;

		/* serve: only the records since the last window are read */
		if (collect_klog_follow(c->kfollow, r, &kept) == 0) {
			klog_ingest(c, kept);
			return;
		}
		collect_klog_free(c->kfollow);	/* not followable: whole, from now on */
		c->kfollow = NULL;
	}
	kmsg_log_init(&log);
	err = kmsg_read(r, &log);
	if (err)
		obs_unchecked(c->o, "kernel log", "%s", err == -EPERM || err == -EACCES
			      ? "reading it needs CAP_SYSLOG (kernel.dmesg_restrict=1): run as root"
			      : strerror(-err));
	else
		klog_ingest(c, &log);
	kmsg_log_free(&log);
}

/* --pid: its cgroup, and its sockets when the host scan did not map owners. */
static void focus(struct collect *c, const struct root *r, const struct sd_table *t, bool sockets)
{
	struct obs *o = c->o;
	struct proc_pid_cgroup pc;
	struct cgroup_paths cp;
	struct fd_scan one;

	if (proc_pid_cgroup_read(r, c->focus_pid, &pc) == 0) {
		proc_pid_cgroup_paths(&pc, &cp);
		const char *p = cp.v2 && strcmp(cp.v2, "/") != 0 ? cp.v2 : cp.v1[CG1_CPU] ? cp.v1[CG1_CPU] :
				cp.v1[CG1_MEMORY] ? cp.v1[CG1_MEMORY] : cp.v2;
		if (p)
			snprintf(o->focus_cgroup, sizeof(o->focus_cgroup), "%s", p);
	}
	struct obs_proc *fp = proc_get(o, c->focus_pid, NULL);
	if (fp && isnan(fp->close_wait))
		fp->close_wait = 0;
	if (!sockets)
		return;
	fd_scan_init(&one);
	if (proc_pid_fd_scan_pid(r, c->focus_pid, FDS_SOCKETS, &one) == 0) {
		fd_scan_finish(&one);
		owners(c, r, t, &one);
	}
	fd_scan_free(&one);
}

/* A recorded window's once-per-run parts, from its last sample: file
 * handles, TCP sockets and listeners, filesystems, the kernel log. The
 * descriptors of processes are not recorded (a scan of every fd). */
static void recorded_end(struct collect *c, const struct sample *s)
{
	struct obs *o = c->o;

	if (sample_has(s, SAMPLE_FILE_NR)) {
		o->host.file_nr = (double)s->file_nr.allocated;
		o->host.file_max = (double)s->file_nr.max;
		o->have |= HAVE_FD;
	}
	if (s->have_socks)
		sockets_obs(c, s->socks.tcp_by_state, s->socks.listen, s->socks.nlisten);
	if (s->have_statvfs && sample_has(s, SAMPLE_MOUNTINFO))
		filesystems(c, NULL, &s->mounts, NULL);
	obs_unchecked(o, s->have_socks && s->have_statvfs ? "descriptors" : "descriptors, sockets, filesystems",
		      "not in the recording");
	kernel_log(c, NULL);
}

void collect_end(struct collect *c, const struct root *r)
{
	struct obs *o = c->o;
	struct proc_sys_fs sf;
	struct sd_table t;
	struct fd_scan fs;
	struct mountinfo mi;
	unsigned flags = FDS_DELETED;
	bool have_fds, have_mi, partial = false;

	if (!r) {
		recorded_end(c, cur_snap(c)->smp);
		return;
	}
	if (proc_sys_fs_read(r, &sf) == 0) {
		o->host.file_nr = (double)sf.allocated;
		o->host.file_max = (double)sf.max;
		o->have |= HAVE_FD;
	} else {
		obs_unchecked(o, "file handles", "cannot read proc/sys/fs/file-nr");
	}
	sd_table_init(&t, false);
	if (sockets(c, r, &t) == 0) {
		/* Owners are worth a socket-inode scan only when someone must be named. */
		bool name = o->host.tcp_close_wait > rule_defs[RULE_TCP_CLOSE_WAIT].warn / 2;
		for (int i = 0; i < o->nlistens; i++)
			name |= o->listens[i].queued >= o->listens[i].backlog;
		if (name)
			flags |= FDS_SOCKETS;
	}
	mountinfo_init(&mi);
	have_mi = mountinfo_read(r, &mi) == 0;
	if (have_mi)
		mountinfo_statvfs(r, &mi);
	else
		obs_unchecked(o, "filesystems", "cannot read mountinfo");
	fd_scan_init(&fs);
	have_fds = descriptors(c, r, flags, have_mi && fs_tight(&mi), &fs, &partial) == 0;
	if (have_fds) {
		o->have |= HAVE_FD | HAVE_DELETED;
		fd_limits(c, r, &fs);
		if (flags & FDS_SOCKETS)
			owners(c, r, &t, &fs);
		if (partial)
			obs_unchecked(o, "deleted-but-open files",
				      "only processes with %d or more descriptors were read (%zu processes, "
				      "no filesystem %d%% full)", FD_CANDIDATE, c->scan[1]->nprocs, FS_TIGHT_PCT);
	} else {
		obs_unchecked(o, "file descriptors", "cannot scan proc/PID/fd");
	}
	if (c->focus_pid)
		focus(c, r, &t, !(flags & FDS_SOCKETS));
	if (have_mi)
		filesystems(c, r, &mi, have_fds ? &fs : NULL);
	kernel_log(c, r);
	mountinfo_free(&mi);
	fd_scan_free(&fs);
	sd_table_free(&t);
}
