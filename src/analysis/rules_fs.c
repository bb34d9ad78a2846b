/* fs.full, fs.inodes_full, fs.deleted_open, fd.near_limit. */
#include <math.h>
#include <stdio.h>

#include "analysis/finding.h"
#include "analysis/obs.h"
#include "analysis/rules.h"

#define GiB (1024.0 * 1024 * 1024)
#define MiB (1024.0 * 1024)

static void full(const struct obs *o, const struct obs_fs *fs, struct findings *out)
{
	double pct = obs_fs_used_pct(fs), ipct = obs_fs_inodes_pct(fs);
	int lv = rule_level(RULE_FS_FULL, pct, false);
	struct finding *f;

	(void)o;
	if (lv >= 0 && (f = findings_add(out, RULE_FS_FULL, lv, pct / rule_defs[RULE_FS_FULL].warn,
					 "fs:%s", fs->mnt))) {
		finding_summary(f, "Filesystem %s is %.0f%% full (%.1f MiB left)", fs->mnt, pct, fs->avail / MiB);
		finding_evidence(f, "df: %s %s %.1f MiB used, %.1f MiB available of %.1f MiB (statvfs %s)",
				 fs->dev, fs->type, fs->used / MiB, fs->avail / MiB, fs->size / MiB, fs->mnt);
		if (fs->deleted > 0)
			finding_evidence(f, "%.1f MiB of it held by deleted files still open (/proc/PID/fd)",
					 fs->deleted / MiB);
		finding_next_first(f, "triage df -h");
	}
	lv = rule_level(RULE_FS_INODES_FULL, ipct, false);
	if (lv >= 0 && (f = findings_add(out, RULE_FS_INODES_FULL, lv, ipct / rule_defs[RULE_FS_INODES_FULL].warn,
					 "fs:%s", fs->mnt))) {
		finding_summary(f, "Filesystem %s has used %.0f%% of its inodes", fs->mnt, ipct);
		finding_evidence(f, "df -i: %.0f inodes used of %.0f, %.0f free (statvfs %s)",
				 fs->files - fs->ffree, fs->files, fs->ffree, fs->mnt);
	}
}

static void deleted_open(const struct obs *o, const struct obs_fs *fs, struct findings *out)
{
	const struct rule_def *r = &rule_defs[RULE_FS_DELETED_OPEN];
	double pct = fs->size > 0 ? fs->deleted / fs->size * 100 : NAN;
	int lv;

	(void)o;
	if (!(fs->deleted >= r->min * MiB))
		return;
	lv = rule_level(RULE_FS_DELETED_OPEN, pct, false);
	if (lv < 0)
		return;
	struct finding *f = findings_add(out, RULE_FS_DELETED_OPEN, lv, pct / r->warn, "fs:%s", fs->mnt);
	if (!f)
		return;
	if (fs->deleted_pid) {
		finding_summary(f, "%s (pid %d) holds %.1f MiB of deleted files open on %s", fs->deleted_comm,
				fs->deleted_pid, fs->deleted / MiB, fs->mnt);
		finding_name_proc(f, fs->deleted_pid, fs->deleted_comm);
		finding_evidence(f, "largest: %s held by pid %d (%s) (/proc/%d/fd)", fs->deleted_path,
				 fs->deleted_pid, fs->deleted_comm, fs->deleted_pid);
		finding_next_first(f, "triage fds -p %d", fs->deleted_pid);
	} else {
		finding_summary(f, "%.1f MiB of deleted files are still held open on %s", fs->deleted / MiB, fs->mnt);
	}
	finding_evidence(f, "%.1f MiB deleted-but-open = %.1f%% of %.1f MiB; df counts it as used until closed",
			 fs->deleted / MiB, pct, fs->size / MiB);
}

static void fd_limit(const struct obs *o, struct findings *out)
{
	const struct obs_host *h = &o->host;

	for (int i = 0; i < o->nprocs; i++) {
		const struct obs_proc *p = &o->procs[i];
		double pct = p->fd_soft > 0 ? p->nfds / p->fd_soft * 100 : NAN;
		int lv;

		if (p->tid != p->pid)
			continue;
		lv = rule_level(RULE_FD_NEAR_LIMIT, pct, false);
		if (lv < 0)
			continue;
		struct finding *f = findings_add(out, RULE_FD_NEAR_LIMIT, lv, pct / rule_defs[RULE_FD_NEAR_LIMIT].warn,
						 "pid:%d", p->pid);
		if (!f)
			continue;
		finding_summary(f, "%s (pid %d) has %.0f of its %.0f file descriptors open (%.0f%%)",
				p->comm, p->pid, p->nfds, p->fd_soft, pct);
		finding_name_proc(f, p->pid, p->comm);
		finding_evidence(f, "%.0f open fds (/proc/%d/fd), soft limit %.0f (/proc/%d/limits Max open files)",
				 p->nfds, p->pid, p->fd_soft, p->pid);
		finding_next_first(f, "triage pid %d", p->pid);
	}
	double pct = h->file_max > 0 ? h->file_nr / h->file_max * 100 : NAN;
	int lv = rule_level(RULE_FD_NEAR_LIMIT, pct, true);
	if (lv < 0)
		return;
	struct finding *f = findings_add(out, RULE_FD_NEAR_LIMIT, lv, pct / rule_defs[RULE_FD_NEAR_LIMIT].warn2, "fd");
	if (!f)
		return;
	finding_summary(f, "The system has %.0f%% of fs.file-max file handles allocated", pct);
	finding_evidence(f, "file-nr %.0f of file-max %.0f (/proc/sys/fs/file-nr)", h->file_nr, h->file_max);
}

void rules_fs(const struct obs *o, struct findings *out)
{
	if (o->have & HAVE_FS)
		for (int i = 0; i < o->nfss; i++) {
			full(o, &o->fss[i], out);
			deleted_open(o, &o->fss[i], out);
		}
	fd_limit(o, out);
}
