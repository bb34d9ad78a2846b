#include "model/fds.h"

#include <math.h>
#include <stdlib.h>

/* Selection of the n largest by a bounded insertion: O(procs x n), with n
 * small (--top), no copy of the process table. */
size_t fds_model_top(const struct fd_scan *s, size_t n, size_t *out)
{
	size_t k = 0;

	for (size_t i = 0; i < s->nprocs; i++) {
		const struct fd_proc *p = &s->procs[i];
		size_t j = k;
		while (j > 0) {
			const struct fd_proc *q = &s->procs[out[j - 1]];
			if (q->nfds > p->nfds || (q->nfds == p->nfds && q->pid < p->pid))
				break;
			j--;
		}
		if (j >= n)
			continue;
		size_t last = k < n ? k : n - 1;
		for (size_t m = last; m > j; m--)
			out[m] = out[m - 1];
		out[j] = i;
		if (k < n)
			k++;
	}
	return k;
}

static double share(uint32_t used, uint64_t limit)
{
	if (limit == 0 || limit == PROC_LIMIT_INFINITY)
		return NAN;
	return (double)used * 100.0 / (double)limit;
}

void fds_model_row(struct fds_row *row, const struct fd_proc *p, const struct proc_pid_limits *lim)
{
	row->p = p;
	row->have_limit = lim && lim->have[PL_NOFILE];
	row->soft = row->have_limit ? lim->soft[PL_NOFILE] : 0;
	row->hard = row->have_limit ? lim->hard[PL_NOFILE] : 0;
	row->pct_soft = row->have_limit ? share(p->nfds, row->soft) : NAN;
	row->pct_hard = row->have_limit ? share(p->nfds, row->hard) : NAN;
}

double fds_model_file_nr_pct(const struct proc_sys_fs *fs)
{
	return fs->max ? (double)fs->allocated * 100.0 / (double)fs->max : NAN;
}
