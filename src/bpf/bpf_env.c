#include "bpf/bpf_env.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/capability.h>
#include <sys/syscall.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "core/root.h"
#include "core/sampler.h"

static int print_stderr(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	return vfprintf(stderr, fmt, ap);
}

static int print_none(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level; (void)fmt; (void)ap;
	return 0;
}

void bpf_env_verbose(bool on)
{
	libbpf_set_print(on ? print_stderr : print_none);
}

int bpf_env_fail(struct bpf_env_err *e, int err, const char *step, const char *what)
{
	e->err = err < 0 ? err : -err;
	if (!e->err)
		e->err = -EINVAL;
	e->step = step;
	snprintf(e->what, sizeof(e->what), "%s", what ? what : "");
	return e->err;
}

/* Effective capabilities, from capget(2) (no libcap). */
static bool has_cap(int cap)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d))
		return false;
	return d[cap / 32].effective & (1U << (cap % 32));
}

#ifndef CAP_PERFMON
#define CAP_PERFMON 38
#endif
#ifndef CAP_BPF
#define CAP_BPF 39
#endif

int bpf_env_check(const struct root *r, struct bpf_env_err *e)
{
	char path[128];
	int fd;

	if (!r->live)
		return bpf_env_fail(e, -EOPNOTSUPP, "root", "");
	/* The kernel's own BTF: CO-RE relocations and tp_btf need it. */
	fd = root_openat(r, ROOT_SYS, "kernel/btf/vmlinux", O_RDONLY);
	if (fd < 0)
		return bpf_env_fail(e, fd, "btf", root_path(r, ROOT_SYS, "kernel/btf/vmlinux",
							       path, sizeof(path)));
	close(fd);
	if (!has_cap(CAP_SYS_ADMIN) && !(has_cap(CAP_BPF) && has_cap(CAP_PERFMON)))
		return bpf_env_fail(e, -EPERM, "caps", "");
	return 0;
}

void bpf_env_pick(struct bpf_object *obj, bool btf)
{
	struct bpf_program *p;

	bpf_object__for_each_program(p, obj) {
		const char *sec = bpf_program__section_name(p);

		if (!strncmp(sec, "tp_btf/", 7))
			bpf_program__set_autoload(p, btf);
		else if (!strncmp(sec, "raw_tp/", 7))
			bpf_program__set_autoload(p, !btf);
	}
}

bool bpf_env_raw_only(void)
{
	const char *v = getenv("TRIAGE_BPF_RAW_TP");

	return v && !strcmp(v, "1");
}

const char *bpf_env_failed_prog(const struct bpf_object_skeleton *s)
{
	for (int i = 0; i < s->prog_cnt; i++) {
		struct bpf_program *p = *s->progs[i].prog;

		if (bpf_program__autoload(p) && s->progs[i].link && !*s->progs[i].link)
			return bpf_program__section_name(p);
	}
	return "";
}

int bpf_env_set_cgroup(struct bpf_map *cgroup_map, const char *path, struct bpf_env_err *e)
{
	__u32 zero = 0;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return bpf_env_fail(e, -errno, "cgroup", path);
	if (bpf_map_update_elem(bpf_map__fd(cgroup_map), &zero, &fd, BPF_ANY))
		err = bpf_env_fail(e, -errno, "cgroup", path);
	close(fd);
	return err;
}

uint64_t bpf_env_percpu_sum(struct bpf_map *counters, uint32_t index)
{
	int n = libbpf_num_possible_cpus();
	__u64 v[1024] = { 0 }, sum = 0;

	if (n <= 0 || n > 1024)
		return 0;
	if (bpf_map_lookup_elem(bpf_map__fd(counters), &index, v))
		return 0;
	for (int i = 0; i < n; i++)
		sum += v[i];
	return sum;
}

uint64_t bpf_env_dropped(struct bpf_map *dropped)
{
	return bpf_env_percpu_sum(dropped, 0);
}

const char *bpf_env_strerror(const struct bpf_env_err *e, char *buf, size_t size)
{
	const char *step = e->step ? e->step : "";
	int err = -e->err;

	if (!strcmp(step, "root"))
		snprintf(buf, size, "BPF tools trace the live system: --root is not supported");
	else if (!strcmp(step, "maps"))
		snprintf(buf, size, "cannot read the process's memory map: %s", strerror(err));
	else if (!strcmp(step, "libc"))
		snprintf(buf, size, "the process has no libc mapped (statically linked?): "
			 "no malloc to probe");
	else if (!strcmp(step, "btf"))
		snprintf(buf, size, "this kernel has no BTF (%s: %s): "
			 "needs a kernel built with CONFIG_DEBUG_INFO_BTF=y", e->what, strerror(err));
	else if (!strcmp(step, "load") && err == EACCES)
		snprintf(buf, size, "the kernel's verifier rejected the %s programs; "
			 "rerun with -v for its log", e->what);
	else if (!strcmp(step, "caps") || err == EPERM || err == EACCES)
		snprintf(buf, size, "permission denied loading BPF programs: "
			 "run as root (needs CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN)");
	else if (!strcmp(step, "uprobe"))
		snprintf(buf, size, "cannot attach a uprobe to %s: %s (needs CONFIG_UPROBE_EVENTS); "
			 "rerun with -v for libbpf's details", e->what, strerror(err));
	else if (!strcmp(step, "pidns"))
		snprintf(buf, size, "BPF numbers tasks as the initial PID namespace does, "
			 "and this process runs in another one (a container)");
	else if (!strcmp(step, "procns"))
		snprintf(buf, size, "the task iterator numbers tasks as this process's PID namespace does, "
			 "and proc/ is another namespace's");
	else if (!strcmp(step, "cgroup"))
		snprintf(buf, size, "cannot use cgroup '%s': %s (give a cgroup v2 directory, "
			 "e.g. under /sys/fs/cgroup)", e->what, strerror(err));
	else if (!strcmp(step, "attach") && (err == ENOENT || err == ESRCH || err == EINVAL))
		snprintf(buf, size, "cannot attach %s: this kernel lacks that tracepoint (%s); "
			 "rerun with -v for libbpf's details", e->what, strerror(err));
	else
		snprintf(buf, size, "cannot %s BPF program%s%s: %s; rerun with -v for libbpf's details",
			 step, *e->what ? " " : "", e->what, strerror(err));
	return buf;
}

int bpf_env_map_drain(struct bpf_map *m, void *keys, size_t max, void *val, bpf_env_entry_fn fn,
		      void *ctx)
{
	int fd = bpf_map__fd(m), err;
	size_t ksz = bpf_map__key_size(m), n = 0;
	char *k = keys;
	void *prev = NULL;

	while (n < max && !bpf_map_get_next_key(fd, prev, k + n * ksz)) {
		prev = k + n * ksz;
		n++;
	}
	for (size_t i = 0; i < n; i++) {
		if (bpf_map_lookup_and_delete_elem(fd, k + i * ksz, val))
			continue;	/* gone meanwhile */
		err = fn(ctx, k + i * ksz, val);
		if (err)
			return err;
	}
	return 0;
}

int bpf_env_sleep(double seconds)
{
	struct timespec end, now;

	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += (time_t)seconds;
	end.tv_nsec += (long)((seconds - (double)(time_t)seconds) * 1e9);
	if (end.tv_nsec >= 1000000000L) {
		end.tv_sec++;
		end.tv_nsec -= 1000000000L;
	}
	for (;;) {
		if (sampler_interrupted())
			return -EINTR;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > end.tv_sec || (now.tv_sec == end.tv_sec && now.tv_nsec >= end.tv_nsec))
			return 0;
		/* a signal interrupts the sleep; the loop re-checks the flag */
		if (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &end, NULL) == 0)
			return sampler_interrupted() ? -EINTR : 0;
	}
}

int bpf_env_ring_start(struct bpf_object_skeleton *sk, struct bpf_map *events,
		       struct bpf_map *cgroup_map, const char *cgroup,
		       bpf_env_sample_fn fn, void *ctx, struct ring_buffer **rb,
		       const char *tool, struct bpf_env_err *e)
{
	int err;

	if (cgroup && cgroup_map && bpf_env_set_cgroup(cgroup_map, cgroup, e))
		return e->err;
	*rb = ring_buffer__new(bpf_map__fd(events), fn, ctx, NULL);
	if (!*rb)
		return bpf_env_fail(e, -errno, "open ring buffer of", tool);
	err = bpf_object__attach_skeleton(sk);
	if (err)
		return bpf_env_fail(e, err, "attach", bpf_env_failed_prog(sk));
	return 0;
}
