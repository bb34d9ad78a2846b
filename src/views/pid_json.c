/* triage pid --json: the same report as views/pid.c, as one object. */
#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "views/cgroup.h"
#include "views/pid.h"

static void j_head(struct json *j, const struct pid_report *r)
{
	const struct pidinfo *m = r->m;
	const struct proc_pid_stat *st = &m->rec->stat;
	char s[2] = { st->state, 0 };

	json_int(j, "pid", r->pid);
	json_int(j, "ppid", st->ppid);
	json_str(j, "comm", st->comm);
	json_str(j, "cmdline", r->cmdline);
	json_str(j, "state", s);
	json_str(j, "state_name", pid_state_name(st->state));
	if (!r->snap->wchan_err)
		json_str(j, "wchan", r->snap->wchan);
	else
		json_null(j, "wchan");
	if (m->rec->status && (m->rec->status->have & PROC_STATUS_HAVE_UID))
		json_uint(j, "uid", m->rec->status->uid[0]);
	if (r->start)
		json_int(j, "start_time", (long long)r->start);
	else
		json_null(j, "start_time");
	json_double(j, "age_s", m->age_s, 2);
	json_double(j, "interval_s", m->dt_s, 2);
	json_int(j, "threads", m->nthreads);
	json_obj_begin(j, "cpu");
	json_double(j, "pct", m->row.cpu.cpu, 2);
	json_double(j, "user_pct", m->row.cpu.usr, 2);
	json_double(j, "system_pct", m->row.cpu.system, 2);
	json_uint(j, "utime_ticks", st->utime);
	json_uint(j, "stime_ticks", st->stime);
	json_double(j, "voluntary_ctxsw_per_s", m->vol_s, 1);
	json_double(j, "involuntary_ctxsw_per_s", m->invol_s, 1);
	if (m->rec->status && (m->rec->status->have & PROC_STATUS_HAVE_CTXT)) {
		json_uint(j, "voluntary_ctxsw", m->rec->status->voluntary_ctxt_switches);
		json_uint(j, "involuntary_ctxsw", m->rec->status->nonvoluntary_ctxt_switches);
	}
	json_obj_end(j);
}

static void j_threads(struct json *j, const struct pidinfo *m)
{
	json_arr_begin(j, "top_threads");
	for (int i = 0; i < m->nthr; i++) {
		const struct pidinfo_thread *t = &m->thr[i];
		char s[2] = { t->rec->stat.state, 0 };

		json_obj_begin(j, NULL);
		json_int(j, "tid", t->rec->tid);
		json_str(j, "comm", t->rec->stat.comm);
		json_str(j, "state", s);
		json_double(j, "cpu_pct", t->row.cpu.cpu, 2);
		json_double(j, "user_pct", t->row.cpu.usr, 2);
		json_double(j, "system_pct", t->row.cpu.system, 2);
		json_double(j, "voluntary_ctxsw_per_s", t->vol_s, 1);
		json_double(j, "involuntary_ctxsw_per_s", t->invol_s, 1);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void j_mem(struct json *j, const struct pid_report *r)
{
	const struct pidinfo *m = r->m;
	const struct proc_pid_status *s = m->rec->status;
	const struct proc_pid_smaps *sm = &r->snap->smaps;

	json_obj_begin(j, "memory");
	if (s && (s->have & PROC_STATUS_HAVE_VM)) {
		json_uint(j, "rss_kb", s->vm_rss_kb);
		json_uint(j, "rss_anon_kb", s->rss_anon_kb);
		json_uint(j, "rss_file_kb", s->rss_file_kb);
		json_uint(j, "rss_shmem_kb", s->rss_shmem_kb);
		json_uint(j, "vm_hwm_kb", s->vm_hwm_kb);
		json_uint(j, "vm_size_kb", s->vm_size_kb);
		json_uint(j, "vm_peak_kb", s->vm_peak_kb);
		json_uint(j, "vm_swap_kb", s->vm_swap_kb);
	}
	if (!r->snap->smaps_err && !sm->empty) {
		json_uint(j, "pss_kb", sm->pss);
		if (sm->has_pss_split) {
			json_uint(j, "pss_anon_kb", sm->pss_anon);
			json_uint(j, "pss_file_kb", sm->pss_file);
			json_uint(j, "pss_shmem_kb", sm->pss_shmem);
		}
		json_uint(j, "swap_kb", sm->swap);
		json_uint(j, "swap_pss_kb", sm->swap_pss);
	}
	json_double(j, "minflt_per_s", m->row.mem.minflt_s, 1);
	json_double(j, "majflt_per_s", m->row.mem.majflt_s, 1);
	json_uint(j, "minflt", m->rec->stat.minflt);
	json_uint(j, "majflt", m->rec->stat.majflt);
	json_obj_end(j);
	if (m->rec->io) {
		json_obj_begin(j, "io");
		json_double(j, "read_kb_per_s", m->row.io.rd_kbs, 1);
		json_double(j, "write_kb_per_s", m->row.io.wr_kbs, 1);
		json_uint(j, "read_bytes", m->rec->io->read_bytes);
		json_uint(j, "write_bytes", m->rec->io->write_bytes);
		json_uint(j, "rchar", m->rec->io->rchar);
		json_uint(j, "wchar", m->rec->io->wchar);
		json_obj_end(j);
	} else {
		json_null(j, "io");
	}
}

static void j_limit(struct json *j, const char *key, uint64_t v)
{
	if (v == PROC_LIMIT_INFINITY)
		json_null(j, key);
	else
		json_uint(j, key, v);
}

static void j_fds(struct json *j, const struct pidinfo *m)
{
	const struct fd_proc *p = m->fd.p;

	if (!p) {
		json_null(j, "fds");
		return;
	}
	json_obj_begin(j, "fds");
	json_uint(j, "count", p->nfds);
	if (m->fd.have_limit) {
		j_limit(j, "soft_limit", m->fd.soft);
		j_limit(j, "hard_limit", m->fd.hard);
	}
	json_double(j, "pct_of_soft", m->fd.pct_soft, 1);
	json_double(j, "pct_of_hard", m->fd.pct_hard, 1);
	json_obj_begin(j, "by_type");
	for (int t = 0; t < FD__TYPES; t++)
		json_uint(j, pid_fd_type_names[t], p->by_type[t]);
	json_obj_end(j);
	json_uint(j, "deleted", p->deleted);
	json_double(j, "delta", m->fd_delta, 0);
	json_obj_end(j);
}

static void j_socks(struct json *j, const struct pid_report *r)
{
	const struct pidinfo *m = r->m;
	char a[INET6_ADDRSTRLEN];

	if (r->snap->sock_err || r->snap->fd_err) {
		json_null(j, "sockets");
		return;
	}
	json_obj_begin(j, "sockets");
	json_uint(j, "count", m->nsocks);
	for (int p = 0; p < 2; p++) {
		json_obj_begin(j, p ? "udp" : "tcp");
		for (unsigned s = 1; s < SOCK_STATES; s++) {
			uint64_t n = m->sc.by_state[p][0][s] + m->sc.by_state[p][1][s];

			if (n)
				json_uint(j, nl_sockdiag_state_name(s, p ? IPPROTO_UDP : IPPROTO_TCP), n);
		}
		json_obj_end(j);
	}
	json_arr_begin(j, "listen");
	for (int i = 0; i < m->nlisten; i++) {
		const struct sd_sock *s = m->listen[i].s;

		inet_ntop(s->family == AF_INET6 ? AF_INET6 : AF_INET, s->src, a, sizeof(a));
		json_obj_begin(j, NULL);
		json_str(j, "addr", a);
		json_uint(j, "port", s->sport);
		json_uint(j, "accept_queue", s->rqueue);
		json_uint(j, "backlog", s->wqueue);
		json_double(j, "fill_pct", m->listen[i].fill_pct, 1);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_obj_end(j);
}

static void j_env(struct json *j, const struct pid_report *r)
{
	const struct pid_snap *s = r->snap;
	const struct pidinfo *m = r->m;

	if (!s->cg_err) {
		json_arr_begin(j, "cgroups");
		for (int i = 0; i < s->pcg.n; i++) {
			json_obj_begin(j, NULL);
			json_int(j, "hierarchy", s->pcg.e[i].id);
			json_str(j, "controllers", s->pcg.e[i].ctrls);
			json_str(j, "path", s->pcg.e[i].path);
			json_obj_end(j);
		}
		json_arr_end(j);
		cgroup_json_detail(j, "cgroup", s->cg, &m->cgr);
	} else {
		json_null(j, "cgroup");
	}
	if (!s->oom_err) {
		json_int(j, "oom_score", s->oom.score);
		json_int(j, "oom_score_adj", s->oom.adj);
	}
	if (m->ns_known || m->ns_by_nspid) {
		json_obj_begin(j, "namespaces");
		json_bool(j, "container", m->ns_diff > 0);
		json_str(j, "compared_with", m->ns_known ? "pid1" : "nspid");
		if (!s->ns_err) {
			json_obj_begin(j, "inodes");
			for (int i = 0; i < NS__COUNT; i++)
				if (!s->ns.err[i])
					json_uint(j, proc_pid_ns_names[i], s->ns.ino[i]);
			json_obj_end(j);
		}
		json_arr_begin(j, "differ_from_pid1");
		for (int i = 0; i < NS__COUNT; i++)
			if (m->ns_differs[i])
				json_str(j, NULL, proc_pid_ns_names[i]);
		json_arr_end(j);
		json_obj_end(j);
	} else {
		json_null(j, "namespaces");
	}
}

static void j_hints(struct json *j, const struct pid_report *r)
{
	json_arr_begin(j, "suggests");
	for (int i = 0; r->verdicts && i < r->verdicts->n; i++) {
		const struct proc_verdict *v = &r->verdicts->v[i];
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);

		json_obj_begin(j, NULL);
		json_str(j, "id", rule_defs[v->rule].id);
		json_str(j, "severity", severity_name(v->sev));
		if (f) {
			pid_verdict_text(f, r, v);
			fclose(f);
			json_strn(j, "summary", text, len);
		}
		free(text);
		json_arr_begin(j, "values");
		for (int k = 0; k < 3; k++)
			json_double(j, NULL, v->v[k], 3);
		json_arr_end(j);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void j_unavailable(struct json *j, const struct pid_snap *s)
{
	const struct { const char *what; int err; } u[] = {
		{ "fds", s->fd_err }, { "limits", s->lim_err }, { "smaps_rollup", s->smaps_err },
		{ "namespaces", s->ns_err }, { "pid1_namespaces", s->ns1_err }, { "cgroup", s->cg_err },
		{ "oom_score", s->oom_err }, { "wchan", s->wchan_err }, { "sockets", s->sock_err },
	};

	json_arr_begin(j, "unavailable");
	for (size_t i = 0; i < sizeof(u) / sizeof(u[0]); i++) {
		if (!u[i].err)
			continue;
		json_obj_begin(j, NULL);
		json_str(j, "what", u[i].what);
		json_str(j, "reason", pid_unavailable_reason(u[i].err));
		json_obj_end(j);
	}
	json_arr_end(j);
}

void pid_print_json(struct json *j, const struct pid_report *r)
{
	json_obj_begin(j, NULL);
	j_head(j, r);
	j_threads(j, r->m);
	j_mem(j, r);
	j_fds(j, r->m);
	j_socks(j, r);
	j_env(j, r);
	j_hints(j, r);
	j_unavailable(j, r->snap);
	json_obj_end(j);
}
