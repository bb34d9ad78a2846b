#include "views/filetop.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

#include "core/escape.h"
#include "core/json.h"

static const char *const sort_names[] = { "all", "reads", "writes", "rbytes", "wbytes" };

int filetop_sort_parse(const char *s, enum filetop_sort *out)
{
	for (size_t i = 0; i < sizeof(sort_names) / sizeof(sort_names[0]); i++) {
		if (!strcmp(s, sort_names[i])) {
			*out = (enum filetop_sort)i;
			return 0;
		}
	}
	return -EINVAL;
}

static uint64_t sort_key(enum filetop_sort s, const struct filetop_val *v)
{
	switch (s) {
	case FILETOP_SORT_READS: return v->reads;
	case FILETOP_SORT_WRITES: return v->writes;
	case FILETOP_SORT_RBYTES: return v->rbytes;
	case FILETOP_SORT_WBYTES: return v->wbytes;
	case FILETOP_SORT_ALL: break;
	}
	return v->reads + v->writes + v->rbytes + v->wbytes;
}

static int cmp_row(const void *a, const void *b, void *arg)
{
	const struct filetop_row *x = a, *y = b;
	enum filetop_sort s = *(const enum filetop_sort *)arg;
	uint64_t kx = sort_key(s, &x->v), ky = sort_key(s, &y->v);

	if (kx != ky)
		return kx < ky ? 1 : -1;
	if (x->k.pid != y->k.pid)
		return x->k.pid < y->k.pid ? -1 : 1;
	if (x->k.tid != y->k.tid)
		return x->k.tid < y->k.tid ? -1 : 1;
	return strcmp(x->v.name, y->v.name);
}

void filetop_sort(const struct filetop_view *v, struct filetop_table *t)
{
	enum filetop_sort s = v->sort;

	if (t->n > 1)
		qsort_r(t->r, t->n, sizeof(t->r[0]), cmp_row, &s);
}

static size_t shown(const struct filetop_view *v, const struct filetop_table *t)
{
	return v->maxrows > 0 && t->n > (size_t)v->maxrows ? (size_t)v->maxrows : t->n;
}

/* The dentry's name; for pipes and sockets, whose dentries are nameless,
 * what /proc/PID/fd shows ("pipe:[INO]", "socket:[INO]"). */
static const char *row_name(const struct filetop_row *r, char *buf, size_t size)
{
	if (r->v.name[0])
		return r->v.name;
	if (r->v.fmt == (S_IFIFO >> 12) || r->v.fmt == (S_IFSOCK >> 12))
		snprintf(buf, size, "%s:[%" PRIu64 "]", r->v.fmt == (S_IFIFO >> 12) ? "pipe" : "socket",
			 (uint64_t)r->k.ino);
	else
		snprintf(buf, size, "[inode %" PRIu64 "]", (uint64_t)r->k.ino);
	return buf;
}

static void row_json(struct json *j, const struct filetop_row *r)
{
	char dev[24], type[2] = { (char)r->v.type, '\0' }, nb[48];
	const char *name = row_name(r, nb, sizeof(nb));

	snprintf(dev, sizeof(dev), "%u:%u", r->k.dev >> 20, r->k.dev & 0xfffff);
	json_obj_begin(j, NULL);
	json_uint(j, "pid", r->k.pid);
	json_uint(j, "tid", r->k.tid);
	json_strn(j, "comm", r->v.comm, strlen(r->v.comm));
	json_uint(j, "reads", r->v.reads);
	json_uint(j, "writes", r->v.writes);
	json_uint(j, "rbytes", r->v.rbytes);
	json_uint(j, "wbytes", r->v.wbytes);
	json_uint(j, "r_kb", r->v.rbytes / 1024);
	json_uint(j, "w_kb", r->v.wbytes / 1024);
	json_str(j, "type", type);
	json_strn(j, "file", name, strlen(name));
	json_str(j, "dev", dev);
	json_uint(j, "ino", r->k.ino);
	json_obj_end(j);
}

static void print_json(const struct filetop_view *v, const struct filetop_table *t, uint64_t lost)
{
	size_t n = shown(v, t);
	struct json j;

	json_init(&j, v->f, false);
	json_obj_begin(&j, NULL);
	json_int(&j, "time", (long long)time(NULL));
	json_arr_begin(&j, "files");
	for (size_t i = 0; i < n; i++)
		row_json(&j, &t->r[i]);
	json_arr_end(&j);
	json_uint(&j, "more", t->n - n);
	json_uint(&j, "lost", lost);
	json_obj_end(&j);
	json_end(&j);
}

void filetop_print(const struct filetop_view *v, const struct filetop_table *t, const char *loadavg,
		   uint64_t lost)
{
	size_t n = shown(v, t);
	time_t now = time(NULL);
	struct tm tm;
	char clk[16];

	if (v->json) {
		print_json(v, t, lost);
		fflush(v->f);
		return;
	}
	if (v->clear)
		fputs("\033[H\033[2J", v->f);
	localtime_r(&now, &tm);
	strftime(clk, sizeof(clk), "%H:%M:%S", &tm);
	fprintf(v->f, "%-8s loadavg: %s\n\n", clk, loadavg);
	fprintf(v->f, "%-7s %-7s %-16s %-6s %-6s %-7s %-7s %1s %s\n", "PID", "TID", "COMM", "READS",
		"WRITES", "R_Kb", "W_Kb", "T", "FILE");
	for (size_t i = 0; i < n; i++) {
		const struct filetop_row *r = &t->r[i];
		char comm[64], nb[48];
		const char *name = row_name(r, nb, sizeof(nb));

		esc_term(comm, sizeof(comm), r->v.comm, strlen(r->v.comm));
		fprintf(v->f, "%-7u %-7u %-16s %-6llu %-6llu %-7llu %-7llu %c ", r->k.pid, r->k.tid, comm,
			(unsigned long long)r->v.reads, (unsigned long long)r->v.writes,
			(unsigned long long)r->v.rbytes / 1024, (unsigned long long)r->v.wbytes / 1024,
			r->v.type);
		esc_term_fputs(v->f, name, strlen(name));
		fputc('\n', v->f);
	}
	if (lost)
		fprintf(v->f, "(%" PRIu64 " calls not counted: the table of %d files was full)\n", lost,
			FILETOP_MAX_FILES);
	fputc('\n', v->f);
	fflush(v->f);
}
