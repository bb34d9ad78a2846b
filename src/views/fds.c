#include "views/fds.h"

#include <math.h>
#include <string.h>

#include "core/escape.h"
#include "core/json.h"
#include "views/pid.h"	/* pid_fd_type_names */

static void limit_cell(char *out, size_t n, bool have, uint64_t v)
{
	if (!have)
		snprintf(out, n, "-");
	else if (v == PROC_LIMIT_INFINITY)
		snprintf(out, n, "unlim");
	else
		snprintf(out, n, "%llu", (unsigned long long)v);
}

static void pct_cell(char *out, size_t n, double p)
{
	if (isnan(p))
		snprintf(out, n, "-");
	else
		snprintf(out, n, "%.1f", p);
}

static void print_comm(FILE *f, const char *comm, int width)
{
	char e[80];
	size_t n = esc_term(e, sizeof(e), comm, strlen(comm));

	fputs(e, f);
	if ((int)n < width)
		fprintf(f, "%*s", width - (int)n, "");
}

static void print_top(FILE *f, const struct fds_view *v)
{
	char soft[24], hard[24], ps[16];

	fprintf(f, "%8s %-16s %7s %8s %8s %6s %6s %6s %6s %6s %6s %5s\n", "PID", "COMMAND", "FDS",
		"SOFT", "HARD", "%SOFT", "FILE", "SOCK", "PIPE", "ANON", "OTHER", "DEL");
	for (size_t i = 0; i < v->nrows; i++) {
		const struct fds_row *r = &v->rows[i];
		const struct fd_proc *p = r->p;
		limit_cell(soft, sizeof(soft), r->have_limit, r->soft);
		limit_cell(hard, sizeof(hard), r->have_limit, r->hard);
		pct_cell(ps, sizeof(ps), r->pct_soft);
		fprintf(f, "%8d ", (int)p->pid);
		print_comm(f, p->comm, 16);
		if (p->denied) {
			fprintf(f, " %7u %8s %8s %6s %6s %6s %6s %6s %6s %5s\n", p->nfds, soft, hard, ps,
				"?", "?", "?", "?", "?", "?");
			continue;
		}
		fprintf(f, " %7u %8s %8s %6s %6u %6u %6u %6u %6u %5u\n", p->nfds, soft, hard, ps,
			p->by_type[FD_FILE], p->by_type[FD_SOCKET], p->by_type[FD_PIPE],
			p->by_type[FD_ANON], p->by_type[FD_OTHER], p->deleted);
	}
}

static const char *comm_of(const struct fd_scan *s, pid_t pid)
{
	const struct fd_proc *p = fd_scan_proc(s, pid);
	return p ? p->comm : "";
}

static void print_deleted(FILE *f, const struct fds_view *v)
{
	const struct fd_scan *s = v->scan;

	fprintf(f, "\nDeleted but open files (lsof +L1): %zu\n", s->ndels);
	if (!s->ndels)
		return;
	fprintf(f, "%-16s %8s %5s %12s %5s %9s %10s %s\n", "COMMAND", "PID", "FD", "SIZE",
		"NLINK", "DEVICE", "NODE", "NAME");
	for (size_t i = 0; i < s->ndels; i++) {
		const struct fd_deleted *d = &s->dels[i];
		char dev[32] = "-", size[24] = "-", nl[16] = "-", ino[24] = "-";
		if (d->have_stat) {
			snprintf(dev, sizeof(dev), "%u,%u", d->dev_major, d->dev_minor);
			snprintf(size, sizeof(size), "%llu", (unsigned long long)d->size);
			snprintf(nl, sizeof(nl), "%u", d->nlink);
			snprintf(ino, sizeof(ino), "%llu", (unsigned long long)d->ino);
		}
		print_comm(f, comm_of(s, d->pid), 16);
		char fd[16] = "txt";
		if (d->fd >= 0)
			snprintf(fd, sizeof(fd), "%d", d->fd);
		fprintf(f, " %8d %5s %12s %5s %9s %10s ", (int)d->pid, fd, size, nl, dev, ino);
		esc_term_fputs(f, s->text.p + d->path_off, d->path_len);
		fputc('\n', f);
	}
}

void fds_print(FILE *f, const struct fds_view *v)
{
	const struct fd_scan *s = v->scan;

	if (v->have_file_nr && !v->one_pid) {
		char pct[16];
		pct_cell(pct, sizeof(pct), v->file_nr_pct);
		fprintf(f, "File handles: %llu allocated, max %llu (%s%%)\n",
			(unsigned long long)v->file_nr.allocated, (unsigned long long)v->file_nr.max, pct);
	}
	if (!v->one_pid)
		fprintf(f, "Processes: %zu scanned, %lu unreadable (other users' descriptors need root / ptrace access), "
			"%lu exited during the scan\n\n",
			s->nprocs, s->denied, s->vanished);
	print_top(f, v);
	print_deleted(f, v);
}

void fds_print_json(FILE *f, const struct fds_view *v)
{
	const struct fd_scan *s = v->scan;
	struct json j;

	json_init(&j, f, true);
	json_obj_begin(&j, NULL);
	if (v->have_file_nr && !v->one_pid) {
		json_obj_begin(&j, "file_nr");
		json_uint(&j, "allocated", v->file_nr.allocated);
		json_uint(&j, "max", v->file_nr.max);
		json_double(&j, "used_pct", v->file_nr_pct, 3);
		json_obj_end(&j);
	}
	json_uint(&j, "processes_scanned", s->nprocs);
	json_uint(&j, "processes_unreadable", s->denied);
	json_uint(&j, "processes_vanished", s->vanished);
	json_arr_begin(&j, "processes");
	for (size_t i = 0; i < v->nrows; i++) {
		const struct fds_row *r = &v->rows[i];
		json_obj_begin(&j, NULL);
		json_int(&j, "pid", r->p->pid);
		json_str(&j, "comm", r->p->comm);
		json_uint(&j, "fds", r->p->nfds);
		if (r->have_limit && r->soft != PROC_LIMIT_INFINITY)
			json_uint(&j, "nofile_soft", r->soft);
		else
			json_null(&j, "nofile_soft");
		if (r->have_limit && r->hard != PROC_LIMIT_INFINITY)
			json_uint(&j, "nofile_hard", r->hard);
		else
			json_null(&j, "nofile_hard");
		json_double(&j, "soft_pct", r->pct_soft, 1);
		json_double(&j, "hard_pct", r->pct_hard, 1);
		json_bool(&j, "links_unreadable", r->p->denied);
		json_obj_begin(&j, "by_type");
		for (int t = 0; t < FD__TYPES; t++)
			json_uint(&j, pid_fd_type_names[t], r->p->by_type[t]);
		json_obj_end(&j);
		json_uint(&j, "deleted", r->p->deleted);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_arr_begin(&j, "deleted");
	for (size_t i = 0; i < s->ndels; i++) {
		const struct fd_deleted *d = &s->dels[i];
		json_obj_begin(&j, NULL);
		json_int(&j, "pid", d->pid);
		json_str(&j, "comm", comm_of(s, d->pid));
		json_int(&j, "fd", d->fd);
		json_strn(&j, "path", s->text.p + d->path_off, d->path_len);
		if (d->have_stat) {
			json_uint(&j, "size", d->size);
			json_uint(&j, "nlink", d->nlink);
			json_uint(&j, "major", d->dev_major);
			json_uint(&j, "minor", d->dev_minor);
			json_uint(&j, "inode", d->ino);
		} else {
			json_null(&j, "size");
		}
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
	json_end(&j);
}
