#include "cmd/bpf_cmd.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"

void bpf_cmd_init(struct bpf_cmd *c, const char *name)
{
	memset(c, 0, sizeof(*c));
	c->name = name;
	common_opts_init(&c->co);
}

int bpf_cmd_pid(struct bpf_cmd *c, const char *arg, pid_t *out)
{
	long v;

	if (opt_parse_long(arg, 1, 4194304, &v)) {
		err_msg(c->name, "invalid PID '%s'", arg);
		opt_usage_hint(c->name);
		return EXIT_USAGE;
	}
	if (kill((pid_t)v, 0) && errno == ESRCH) {
		err_msg(c->name, "no process with PID %ld", v);
		return EXIT_FAIL;
	}
	*out = (pid_t)v;
	return 0;
}

int bpf_cmd_start(struct bpf_cmd *c)
{
	struct bpf_env_err e = { 0 };
	const char *bad = NULL;
	char badbuf[4096];
	int err;

	err = sampler_open(&c->smp, c->co.root, &bad, badbuf, sizeof(badbuf));
	if (err) {
		err_errno(c->name, err, "cannot open root '%s'", bad);
		return EXIT_FAIL;
	}
	c->opened = true;
	bpf_env_verbose(c->verbose);
	if (bpf_env_check(sampler_root(&c->smp), &e))
		return bpf_cmd_fail(c, &e);
	return 0;
}

int bpf_cmd_fail(const struct bpf_cmd *c, const struct bpf_env_err *e)
{
	char msg[512];

	err_msg(c->name, "%s", bpf_env_strerror(e, msg, sizeof(msg)));
	return EXIT_FAIL;
}

void bpf_cmd_ready(const struct bpf_cmd *c, const char *what)
{
	(void)c;
	fprintf(stderr, "Tracing %s... Hit Ctrl-C to end.\n", what);
	fflush(stderr);
}

void bpf_cmd_end(struct bpf_cmd *c)
{
	if (c->opened)
		sampler_close(&c->smp);
	c->opened = false;
}
