#include "sources/perf_child.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int perf_child_start(struct perf_child *c, char *const argv[])
{
	int go[2], er[2];

	c->pid = -1;
	if (pipe2(go, O_CLOEXEC) < 0)
		return -errno;
	if (pipe2(er, O_CLOEXEC) < 0) {
		int err = -errno;

		close(go[0]);
		close(go[1]);
		return err;
	}
	c->pid = fork();
	if (c->pid < 0) {
		int err = -errno;

		close(go[0]); close(go[1]); close(er[0]); close(er[1]);
		return err;
	}
	if (c->pid == 0) {
		char b;
		int e;

		close(go[1]);
		close(er[0]);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		/* Wait for the parent; EOF (parent died) means do not run. */
		if (read(go[0], &b, 1) != 1)
			_exit(127);
		execvp(argv[0], argv);
		e = errno;
		if (write(er[1], &e, sizeof(e)) < 0)
			_exit(127);
		_exit(127);
	}
	close(go[0]);
	close(er[1]);
	c->go_fd = go[1];
	c->err_fd = er[0];
	return 0;
}

int perf_child_go(struct perf_child *c)
{
	int e = 0;
	ssize_t n;

	if (write(c->go_fd, "g", 1) != 1) {
		e = errno;
		perf_child_kill(c);
		return -e;
	}
	close(c->go_fd);
	c->go_fd = -1;
	/* CLOEXEC: EOF when exec succeeded, an errno when it failed. */
	do
		n = read(c->err_fd, &e, sizeof(e));
	while (n < 0 && errno == EINTR);
	close(c->err_fd);
	c->err_fd = -1;
	if (n == sizeof(e)) {
		waitpid(c->pid, NULL, 0);
		c->pid = -1;
		return -e;
	}
	return 0;
}

int perf_child_wait(struct perf_child *c, int *status, struct rusage *ru, int block)
{
	pid_t p;

	for (;;) {
		p = wait4(c->pid, status, block ? 0 : WNOHANG, ru);
		if (p == c->pid) {
			c->pid = -1;
			return 0;
		}
		if (p == 0)
			return -EAGAIN;
		if (errno != EINTR || !block)
			return -errno;
	}
}

void perf_child_kill(struct perf_child *c)
{
	if (c->go_fd >= 0)
		close(c->go_fd);
	if (c->err_fd >= 0)
		close(c->err_fd);
	c->go_fd = c->err_fd = -1;
	if (c->pid > 0) {
		kill(c->pid, SIGTERM);
		waitpid(c->pid, NULL, 0);
		c->pid = -1;
	}
}
