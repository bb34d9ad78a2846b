/* The process rows of a top frame, shared by `top -b` (cmd/top.c) and the
 * interactive top (src/tui/): the model's rows (model/pid.h) with the user
 * name and the memory columns, filtered and sorted by one of top's fields.
 * Wiring, not a view: no text is formatted here. */
#ifndef TRIAGE_CMD_TOP_ROWS_H
#define TRIAGE_CMD_TOP_ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "model/exited.h"
#include "model/pid.h"
#include "sources/passwd.h"
#include "views/top.h"

/* The -o sort keys and their names: one list, so a key cannot lack its name. */
#define TOP_KEYS(X) X(K_PID, "PID") X(K_USER, "USER") X(K_PR, "PR") X(K_NI, "NI") \
	X(K_VIRT, "VIRT") X(K_RES, "RES") X(K_SHR, "SHR") X(K_S, "S") X(K_CPU, "%CPU") \
	X(K_MEM, "%MEM") X(K_TIME, "TIME+") X(K_CMD, "COMMAND")
#define TOP_KEY_ENUM(k, name) k,
enum top_key { TOP_KEYS(TOP_KEY_ENUM) K__COUNT };

/* The field's name as top prints it ("%CPU"). */
const char *top_key_name(enum top_key k);
/* -o FIELD (case-insensitive; a leading '-' low to high, '+' high to low).
 * Returns 0 or -EINVAL. */
int top_key_parse(const char *s, enum top_key *key, bool *ascending);

/* Which tasks a frame shows. */
struct top_filter {
	bool threads;		/* every thread (tid > 0 rows) instead of the processes */
	bool by_uid;		/* only the tasks of uid */
	uid_t uid;
	const char *name;	/* only commands containing this (case-insensitive); NULL all */
};

struct top_rows {
	struct pid_row *rows;	/* the model's rows, every record of the sample */
	size_t nrows;
	struct top_line *lines;	/* the shown ones */
	size_t n;
	char (*names)[16];	/* per line: the uid as text when not in passwd */
};

/* The rows of prev -> cur (prev NULL: since boot, p->dt_s the uptime),
 * filtered by f (NULL: the processes). Returns 0 or -ENOMEM; free with
 * top_rows_free. */
int top_rows_build(struct top_rows *t, const struct proc_pid_sample *prev, const struct proc_pid_sample *cur,
		   const struct pid_params *p, const struct passwd_db *users, const struct top_filter *f);
/* A recorded frame: append the processes of ex that ended in it (their lines
 * marked exited), those passing f and, when npids, in pids. Returns 0 or
 * -ENOMEM. */
int top_rows_add_exited(struct top_rows *t, const struct exited_rows *ex, const struct pid_params *p,
			const struct passwd_db *users, const struct top_filter *f, const int *pids, size_t npids);
/* Sort the lines by key (high to low unless ascending; ties in PID order). */
void top_rows_sort(struct top_rows *t, enum top_key key, bool ascending);
/* The line's RES and SHR from a statm read apart (the interactive top reads
 * statm only for the lines on screen). */
void top_line_statm(struct top_line *l, const struct proc_pid_statm *sm, long page_kb);
void top_rows_free(struct top_rows *t);

#endif
