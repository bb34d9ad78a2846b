#include "bpf/tasks_api.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "core/root.h"
#include "tasks.skel.h"

/* PROC_PID_INIT_INO (include/linux/proc_ns.h): the initial PID namespace. */
#define PID_NS_INIT_INO 0xEFFFFFFCU

struct tasks_iter {
	struct tasks_bpf *skel;
	struct bpf_link *link;
};

int tasks_in_init_pidns(const struct root *r)
{
	struct stat st;

	return root_fstatat(r, ROOT_PROC, "self/ns/pid", &st) == 0 && st.st_ino == PID_NS_INIT_INO;
}

/* r's proc is the reader's own PID namespace's: proc/self names this
 * process by the number getpid() gives (a /proc of another namespace names
 * it otherwise, or not at all). */
static bool proc_is_own_pidns(const struct root *r)
{
	char b[24];
	ssize_t n = r->fd[ROOT_PROC] >= 0 ? readlinkat(r->fd[ROOT_PROC], "self", b, sizeof(b) - 1) : -1;

	if (n <= 0)
		return false;
	b[n] = '\0';
	return atoi(b) == (int)getpid();
}

void *tasks_host_obj(const struct root *r, size_t size, const char *what, bool own_pidns, struct bpf_env_err *e,
		     int *err)
{
	void *obj;

	*err = bpf_env_check(r, e);
	if (*err)
		return NULL;
	if (own_pidns ? !proc_is_own_pidns(r) : !tasks_in_init_pidns(r)) {
		*err = bpf_env_fail(e, -EOPNOTSUPP, own_pidns ? "procns" : "pidns", "");
		return NULL;
	}
	obj = calloc(1, size);
	if (!obj)
		*err = bpf_env_fail(e, -ENOMEM, "load", what);
	return obj;
}

int tasks_iter_open(const struct root *r, struct tasks_iter **out, struct bpf_env_err *e)
{
	struct tasks_iter *it;
	int err;

	*out = NULL;
	it = tasks_host_obj(r, sizeof(*it), "tasks", true, e, &err);
	if (!it)
		return err;
	it->skel = tasks_bpf__open_and_load();
	if (!it->skel) {
		err = errno ? -errno : -ENOMEM;
		bpf_env_fail(e, err, "load", "tasks");
		goto fail;
	}
	it->link = bpf_program__attach_iter(it->skel->progs.dump_task, NULL);
	if (!it->link) {
		err = errno ? -errno : -EINVAL;
		bpf_env_fail(e, err, "attach", "task iterator");
		goto fail;
	}
	*out = it;
	return 0;
fail:
	tasks_iter_close(it);
	return e->err;
}

int tasks_iter_read(struct tasks_iter *it, struct buf *b)
{
	int fd = bpf_iter_create(bpf_link__fd(it->link)), err;

	if (fd < 0)
		return fd;
	/* 512 MiB: a record is at most ~350 bytes with its state, so 1.5
	 * million tasks (10,000 processes are ~1.7 MB, 3.4 with states). */
	err = buf_read_fd(b, fd, (size_t)512 << 20);
	close(fd);
	return err;
}

void tasks_iter_states(struct tasks_iter *it, bool on)
{
	it->skel->bss->want_states = on;
}

void tasks_iter_close(struct tasks_iter *it)
{
	if (!it)
		return;
	bpf_link__destroy(it->link);
	tasks_bpf__destroy(it->skel);
	free(it);
}
