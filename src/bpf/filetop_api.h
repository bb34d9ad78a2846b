/* filetop, user half: reads and writes per thread and file, counted in the
 * kernel; never prints.
 * filetop_open() loads and attaches; filetop_read() hands over the entries
 * counted since the last read and deletes them (an interval's table);
 * filetop_dropped() counts calls not counted for want of room (a full map);
 * filetop_close() detaches (NULL is fine). */
#ifndef TRIAGE_BPF_FILETOP_API_H
#define TRIAGE_BPF_FILETOP_API_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "bpf/bpf_env.h"
#include "bpf/filetop.h"

struct filetop_opts {
	pid_t pid;		/* only this process; 0 = all */
	bool all;		/* every type of file, not only regular ones */
};

struct filetop_row {
	struct filetop_key k;
	struct filetop_val v;
};

struct filetop_table {
	struct filetop_row *r;
	size_t n, cap;
};

struct filetop;

int filetop_open(const struct filetop_opts *o, struct filetop **out, struct bpf_env_err *e);
/* Append every entry to t (emptied first) and delete it. 0 or -errno. */
int filetop_read(struct filetop *x, struct filetop_table *t);
uint64_t filetop_dropped(struct filetop *x);
void filetop_close(struct filetop *x);
void filetop_table_free(struct filetop_table *t);

#endif
