#include "views/pid.h"

#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "core/escape.h"
#include "views/cgroup.h"
#include "views/psi.h"

const char *const pid_fd_type_names[FD__TYPES] = {
	[FD_FILE] = "file", [FD_SOCKET] = "socket", [FD_PIPE] = "pipe",
	[FD_ANON] = "anon_inode", [FD_OTHER] = "other",
};


const char *pid_state_name(char s)
{
	switch (s) {
	case 'R': return "running";
	case 'S': return "sleeping";
	case 'D': return "uninterruptible sleep";
	case 'Z': return "zombie";
	case 'T': return "stopped";
	case 't': return "tracing stop";
	case 'X': return "dead";
	case 'I': return "idle";
	default: return "unknown";
	}
}

const char *pid_unavailable_reason(int err)
{
	if (err == -EACCES || err == -EPERM)
		return "permission denied (another user's process: needs root with CAP_SYS_PTRACE)";
	if (err == -ENOENT)
		return "not available on this kernel or root";
	if (err == -EXDEV)
		return "in another network namespace (sock_diag sees triage's own)";
	return strerror(-err);
}

static const char *num(char *b, size_t n, double v, int dec)
{
	if (isnan(v))
		snprintf(b, n, "-");
	else
		snprintf(b, n, "%.*f", dec, v);
	return b;
}

static const char *kib(char *b, size_t n, uint64_t kb)
{
	return cgroup_fmt_bytes(b, n, kb * 1024);
}

/* The text of one verdict (analysis/rules_proc.h), escaped for the terminal
 * (it holds the kernel's wait channel name). */
void pid_verdict_text(FILE *f, const struct pid_report *r, const struct proc_verdict *h)
{
	char text[256];

	proc_verdict_text(text, sizeof(text), h, r->snap->wchan);
	esc_term_fputs(f, text, strlen(text));
}

static void addr(char *out, size_t n, const struct sd_sock *s)
{
	char a[INET6_ADDRSTRLEN];

	inet_ntop(s->family == AF_INET6 ? AF_INET6 : AF_INET, s->src, a, sizeof(a));
	snprintf(out, n, s->family == AF_INET6 ? "[%s]:%u" : "%s:%u", a, s->sport);
}

static void print_head(FILE *f, const struct pid_report *r)
{
	const struct pidinfo *m = r->m;
	const struct proc_pid_stat *st = &m->rec->stat;
	char a[32], b[32], d[32], e[32], tb[64];
	long age = isnan(m->age_s) ? -1 : (long)m->age_s;

	fprintf(f, "pid       %d (", r->pid);
	esc_term_fputs(f, st->comm, strlen(st->comm));
	fprintf(f, "), ppid %d, state %c (%s)", st->ppid, st->state, pid_state_name(st->state));
	if (!r->snap->wchan_err && r->snap->wchan[0]) {
		fputs(" in ", f);
		esc_term_fputs(f, r->snap->wchan, strlen(r->snap->wchan));
	}
	if (m->rec->status && (m->rec->status->have & PROC_STATUS_HAVE_UID))
		fprintf(f, ", uid %u", (unsigned)m->rec->status->uid[0]);
	fputc('\n', f);
	fputs("cmdline   ", f);
	if (*r->cmdline) {
		esc_term_fputs(f, r->cmdline, strlen(r->cmdline));
	} else {
		/* kernel threads and zombies: ps's "[comm]" */
		fputc('[', f);
		esc_term_fputs(f, st->comm, strlen(st->comm));
		fputc(']', f);
	}
	fputc('\n', f);
	if (r->start) {
		struct tm tm;

		localtime_r(&r->start, &tm);
		strftime(tb, sizeof(tb), "%Y-%m-%d %H:%M:%S", &tm);
	} else {
		snprintf(tb, sizeof(tb), "-");
	}
	fprintf(f, "started   %s, age ", tb);
	if (age < 0)
		fputs("-", f);
	else
		fprintf(f, "%ldd %02ld:%02ld:%02ld", age / 86400, age / 3600 % 24, age / 60 % 60, age % 60);
	fprintf(f, "; threads %d", m->nthreads);
	if (isnan(m->dt_s))
		fputs("; one sample: no rates\n", f);
	else
		fprintf(f, "; interval %.2f s\n", m->dt_s);
	fprintf(f, "cpu       %s%% of one CPU (user %s%%, system %s%%); context switches %s/s voluntary, %s/s involuntary\n",
		num(a, sizeof(a), m->row.cpu.cpu, 1), num(b, sizeof(b), m->row.cpu.usr, 1),
		num(d, sizeof(d), m->row.cpu.system, 1), num(tb, sizeof(tb), m->vol_s, 1),
		num(e, sizeof(e), m->invol_s, 1));
}

static void print_threads(FILE *f, const struct pidinfo *m)
{
	char a[32], b[32], d[32], e[32], g[32];

	if (!m->nthr)
		return;
	fprintf(f, "threads   %8s %6s %6s %6s %8s %8s %s  %s\n", "TID", "CPU%", "USR%", "SYS%",
		"cswch/s", "nvcswch/s", "S", "NAME");
	for (int i = 0; i < m->nthr; i++) {
		const struct pidinfo_thread *t = &m->thr[i];

		fprintf(f, "          %8d %6s %6s %6s %8s %8s %c  ", t->rec->tid,
			num(a, sizeof(a), t->row.cpu.cpu, 1), num(b, sizeof(b), t->row.cpu.usr, 1),
			num(d, sizeof(d), t->row.cpu.system, 1), num(e, sizeof(e), t->vol_s, 1),
			num(g, sizeof(g), t->invol_s, 1), t->rec->stat.state);
		esc_term_fputs(f, t->rec->stat.comm, strlen(t->rec->stat.comm));
		fputc('\n', f);
	}
	if (m->nthreads > m->nthr)
		fprintf(f, "          (%d more threads)\n", m->nthreads - m->nthr);
}

static void print_mem(FILE *f, const struct pid_report *r)
{
	const struct pidinfo *m = r->m;
	const struct proc_pid_status *s = m->rec->status;
	const struct proc_pid_smaps *sm = &r->snap->smaps;
	char a[32], b[32], d[32], e[32], g[32];

	if (s && (s->have & PROC_STATUS_HAVE_VM)) {
		fprintf(f, "memory    RSS %s (anon %s, file %s, shmem %s)", kib(a, sizeof(a), s->vm_rss_kb),
			kib(b, sizeof(b), s->rss_anon_kb), kib(d, sizeof(d), s->rss_file_kb),
			kib(e, sizeof(e), s->rss_shmem_kb));
		fprintf(f, ", VmHWM %s, VmSize %s, VmPeak %s, VmSwap %s\n", kib(a, sizeof(a), s->vm_hwm_kb),
			kib(b, sizeof(b), s->vm_size_kb), kib(d, sizeof(d), s->vm_peak_kb),
			kib(e, sizeof(e), s->vm_swap_kb));
	} else if (s) {
		fputs("memory    none (kernel thread)\n", f);
	}
	if (!r->snap->smaps_err && !sm->empty) {
		fprintf(f, "          PSS %s", kib(a, sizeof(a), sm->pss));
		if (sm->has_pss_split)
			fprintf(f, " (anon %s, file %s, shmem %s)", kib(b, sizeof(b), sm->pss_anon),
				kib(d, sizeof(d), sm->pss_file), kib(e, sizeof(e), sm->pss_shmem));
		fprintf(f, ", swap %s (SwapPss %s) from smaps_rollup\n", kib(a, sizeof(a), sm->swap),
			kib(g, sizeof(g), sm->swap_pss));
	}
	fprintf(f, "faults    minor %s/s, major %s/s (total %llu minor, %llu major)\n",
		num(a, sizeof(a), m->row.mem.minflt_s, 1), num(b, sizeof(b), m->row.mem.majflt_s, 1),
		(unsigned long long)m->rec->stat.minflt, (unsigned long long)m->rec->stat.majflt);
	if (m->rec->io)
	{
		char h[32];

		fprintf(f, "io        read %s kB/s, write %s kB/s from storage; total read %s, written %s (rchar %s, wchar %s)\n",
			num(a, sizeof(a), m->row.io.rd_kbs, 1), num(b, sizeof(b), m->row.io.wr_kbs, 1),
			cgroup_fmt_bytes(d, sizeof(d), m->rec->io->read_bytes),
			cgroup_fmt_bytes(e, sizeof(e), m->rec->io->write_bytes),
			cgroup_fmt_bytes(g, sizeof(g), m->rec->io->rchar),
			cgroup_fmt_bytes(h, sizeof(h), m->rec->io->wchar));
	}
}

static void print_fds(FILE *f, const struct pid_report *r)
{
	const struct pidinfo *m = r->m;
	const struct fd_proc *p = m->fd.p;
	char a[32], b[32], d[32];

	if (!p)
		return;
	fprintf(f, "fds       %u open", p->nfds);
	if (m->fd.have_limit)
		fprintf(f, " of soft %s / hard %s (%s%% of soft)",
			m->fd.soft == PROC_LIMIT_INFINITY ? "unlimited" : (snprintf(a, sizeof(a), "%llu", (unsigned long long)m->fd.soft), a),
			m->fd.hard == PROC_LIMIT_INFINITY ? "unlimited" : (snprintf(b, sizeof(b), "%llu", (unsigned long long)m->fd.hard), b),
			num(d, sizeof(d), m->fd.pct_soft, 1));
	fputc(';', f);
	for (int t = 0; t < FD__TYPES; t++)
		fprintf(f, " %s %u%s", pid_fd_type_names[t], p->by_type[t], t + 1 < FD__TYPES ? "," : "");
	fprintf(f, "; deleted %u; change over the interval %s\n", p->deleted,
		isnan(m->fd_delta) ? "-" : (snprintf(a, sizeof(a), "%+.0f", m->fd_delta), a));
}

static void print_socks(FILE *f, const struct pid_report *r)
{
	const struct pidinfo *m = r->m;
	char a[80], b[32];

	if (r->snap->sock_err || r->snap->fd_err)
		return;
	fprintf(f, "sockets   %llu TCP/UDP", (unsigned long long)m->nsocks);
	for (int p = 0; p < 2; p++) {
		for (unsigned s = 1; s < SOCK_STATES; s++) {
			uint64_t n = m->sc.by_state[p][0][s] + m->sc.by_state[p][1][s];

			if (n)
				fprintf(f, ", %s %s %llu", p ? "udp" : "tcp",
					nl_sockdiag_state_name(s, p ? IPPROTO_UDP : IPPROTO_TCP),
					(unsigned long long)n);
		}
	}
	fputc('\n', f);
	for (int i = 0; i < m->nlisten; i++) {
		addr(a, sizeof(a), m->listen[i].s);
		fprintf(f, "listen    tcp %s accept queue %u of backlog %u (%s%%)\n", a,
			m->listen[i].s->rqueue, m->listen[i].s->wqueue,
			num(b, sizeof(b), m->listen[i].fill_pct, 1));
	}
}

static void print_env(FILE *f, const struct pid_report *r)
{
	const struct pid_snap *s = r->snap;
	const struct pidinfo *m = r->m;

	if (!s->cg_err) {
		for (int i = 0; i < s->pcg.n; i++) {
			fprintf(f, "%s%d:%s:", i ? ", " : "cgroups   ", s->pcg.e[i].id, s->pcg.e[i].ctrls);
			esc_term_fputs(f, s->pcg.e[i].path, strlen(s->pcg.e[i].path));
		}
		fputc('\n', f);
		cgroup_print_detail(f, s->cg, &m->cgr, "  ");
	}
	if (!s->oom_err)
		fprintf(f, "oom       oom_score %ld, oom_score_adj %ld%s\n", s->oom.score, s->oom.adj,
			s->oom.adj == -1000 ? " (never chosen)" : "");
	if (m->ns_known && !m->ns_diff) {
		fputs("ns        same namespaces as PID 1 (not in a container)\n", f);
	} else if (m->ns_known) {
		fputs("ns        differs from PID 1 in:", f);
		for (int i = 0; i < NS__COUNT; i++)
			if (m->ns_differs[i])
				fprintf(f, " %s", proc_pid_ns_names[i]);
		fputs(" (in a container or sandbox)\n", f);
	} else if (m->ns_by_nspid) {
		fprintf(f, "ns        PID 1's namespaces unreadable; NSpid: %s\n",
			m->ns_diff ? "in a child PID namespace (a container)" : "in the host's PID namespace");
	}
}

static void print_unavailable(FILE *f, const struct pid_snap *s)
{
	const struct { const char *what; int err; } u[] = {
		{ "fds and sockets (/proc/PID/fd)", s->fd_err }, { "limits", s->lim_err },
		{ "smaps_rollup", s->smaps_err }, { "namespaces", s->ns_err },
		{ "PID 1's namespaces (container test)", s->ns1_err },
		{ "cgroup", s->cg_err }, { "oom_score", s->oom_err }, { "wchan", s->wchan_err },
		{ "sockets (sock_diag)", s->sock_err },
	};

	for (size_t i = 0; i < sizeof(u) / sizeof(u[0]); i++)
		if (u[i].err)
			fprintf(f, "unavailable  %s: %s\n", u[i].what, pid_unavailable_reason(u[i].err));
}

void pid_print(FILE *f, const struct pid_report *r)
{
	print_head(f, r);
	print_threads(f, r->m);
	print_mem(f, r);
	print_fds(f, r);
	print_socks(f, r);
	print_env(f, r);
	if (r->verdicts && r->verdicts->n) {
		for (int i = 0; i < r->verdicts->n; i++) {
			const struct proc_verdict *v = &r->verdicts->v[i];

			fprintf(f, "%s%-8s ", i ? "          " : "suggests  ", severity_name(v->sev));
			pid_verdict_text(f, r, v);
			fprintf(f, " [%s]\n", rule_defs[v->rule].id);
		}
	} else {
		fputs("suggests  nothing unusual in this interval\n", f);
	}
	print_unavailable(f, r->snap);
}
