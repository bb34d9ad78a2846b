#include "cmd/bpf_cmd.h"

#include "bpf/snoop_api.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "core/err.h"
#include "core/json.h"
#include "sources/proc_loadavg.h"
#include "views/log2_hist.h"

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
	int err;

	err = sampler_open_cmd(&c->smp, c->name, c->co.root);
	if (err)
		return EXIT_FAIL;
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

const char *bpf_cmd_clock(char *buf)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, 9, "%H:%M:%S", &tm);
	return buf;
}

static int hist_report(struct bpf_cmd *c, const char *json_key, bpf_cmd_read_fn rd, void *tool,
		       bool timestamp)
{
	struct log2_hists hs = { 0 };
	struct json j;
	char clk[9];
	int err = rd(tool, &hs);

	if (err) {
		err_errno(c->name, err, "cannot read the histograms");
		log2_hists_free(&hs);
		return err;
	}
	log2_hists_sort(&hs);
	if (c->co.json) {
		json_init(&j, stdout, false);
		json_obj_begin(&j, NULL);
		json_int(&j, "time", (long long)time(NULL));
		log2_hists_json(&j, json_key, &hs);
		json_obj_end(&j);
		json_end(&j);
	} else {
		if (timestamp)
			printf("%-8s\n", bpf_cmd_clock(clk));
		log2_hists_print(stdout, &hs);
	}
	fflush(stdout);
	log2_hists_free(&hs);
	return 0;
}

int bpf_cmd_hist_loop(struct bpf_cmd *c, const char *json_key, bpf_cmd_read_fn rd, void *tool,
		      double interval, long count, bool timestamp)
{
	if (interval <= 0) {
		while (!bpf_env_sleep(3600))
			;
		return hist_report(c, json_key, rd, tool, timestamp) ? EXIT_FAIL : EXIT_OK;
	}
	for (long i = 0; count < 0 || i < count; i++) {
		int stop = bpf_env_sleep(interval);

		if (hist_report(c, json_key, rd, tool, timestamp))
			return EXIT_FAIL;
		if (stop)
			break;
	}
	return EXIT_OK;
}

int bpf_cmd_event_loop(struct bpf_cmd *c, bpf_cmd_poll_fn poll, void *tool, double duration)
{
	struct timespec t0, now;
	int n;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!sampler_interrupted()) {
		n = poll(tool, 100);
		if (n == -EINTR)
			break;
		if (n < 0) {
			err_errno(c->name, n, "cannot read events");
			return EXIT_FAIL;
		}
		fflush(stdout);
		if (duration > 0) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			if ((double)(now.tv_sec - t0.tv_sec) + (double)(now.tv_nsec - t0.tv_nsec) / 1e9 >= duration)
				break;
		}
	}
	/* what arrived in the last moment */
	poll(tool, 0);
	fflush(stdout);
	return EXIT_OK;
}

int bpf_cmd_interval_loop(struct bpf_cmd *c, bpf_cmd_report_fn report, void *tool, double interval,
			  long count, double duration)
{
	double left = duration;

	(void)c;
	for (long i = 0; count < 0 || i < count; i++) {
		double wait = duration > 0 && left < interval ? left : interval;
		int stop = bpf_env_sleep(wait);

		if (report(tool))
			return EXIT_FAIL;
		left -= wait;
		if (stop || (duration > 0 && left <= 1e-6))
			break;
	}
	return EXIT_OK;
}

const char *bpf_cmd_loadavg(const struct bpf_cmd *c, char *buf, size_t size)
{
	struct proc_loadavg la;

	buf[0] = '\0';
	if (!proc_loadavg_read(sampler_root(&c->smp), &la))
		snprintf(buf, size, "%.2f %.2f %.2f %u/%u %u", la.load[0], la.load[1], la.load[2],
			 la.running, la.tasks, la.last_pid);
	return buf;
}

int bpf_cmd_disk(struct bpf_cmd *c, const char *name, uint32_t *dev)
{
	struct stat st;
	int fd;

	if (!c->opened || strchr(name, '/')) {
		err_msg(c->name, "invalid disk name '%s' (give e.g. sda or nvme0n1)", name);
		return EXIT_USAGE;
	}
	fd = root_openat(sampler_root(&c->smp), ROOT_DEV, name, O_RDONLY | O_PATH);
	if (fd < 0 || fstat(fd, &st) || !S_ISBLK(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		err_msg(c->name, "no block device named '%s'", name);
		return EXIT_FAIL;
	}
	close(fd);
	*dev = (major(st.st_rdev) << 20) | minor(st.st_rdev);
	return 0;
}

int bpf_cmd_snoop_opt(struct bpf_cmd *c, int opt, const char *arg, struct snoop_opts *o,
		      bool *timestamp, double *duration)
{
	switch (opt) {
	case 'x':
		o->failed = true;
		return 1;
	case 'u':
		if (opt_parse_long(arg, 0, 4294967294L, &o->uid)) {
			err_msg(c->name, "invalid UID '%s'", arg);
			return -1;
		}
		return 1;
	case 'c':
		o->cgroup = arg;
		return 1;
	case 'T':
		*timestamp = true;
		return 1;
	case 'd':
		if (opt_parse_double(arg, 0.001, 1e9, duration)) {
			err_msg(c->name, "invalid duration '%s'", arg);
			return -1;
		}
		return 1;
	case 'v':
		c->verbose = true;
		return 1;
	}
	return 0;
}

int bpf_cmd_no_args(const struct bpf_cmd *c, int argc, char **argv, int first)
{
	if (first >= argc)
		return 0;
	err_msg(c->name, "unexpected argument '%s'", argv[first]);
	opt_usage_hint(c->name);
	return EXIT_USAGE;
}
