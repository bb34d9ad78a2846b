#include "sources/proc_pid.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* One number: optional spaces, an optional '-', digits. Advances *p past it.
 * Returns 0, or -EINVAL when there is no digit (end of a short line). This is
 * the hot loop of a 10,000-process scan, hence no strtoull. */
static int num(const char **p, const char *end, int64_t *v)
{
	const char *s = *p;
	uint64_t x = 0;
	int neg = 0;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s < end && *s == '-') {
		neg = 1;
		s++;
	}
	if (s >= end || *s < '0' || *s > '9')
		return -EINVAL;
	while (s < end && *s >= '0' && *s <= '9')
		x = x * 10 + (uint64_t)(*s++ - '0');
	*p = s;
	*v = neg ? -(int64_t)x : (int64_t)x;
	return 0;
}

/* Fields (4)..(44) of /proc/PID/stat after "pid (comm) state". */
enum { STAT_FIRST = 4, STAT_LAST = 44, STAT_MIN = 41 /* up to (41) policy */ };

int proc_pid_stat_parse(const char *buf, size_t len, struct proc_pid_stat *out)
{
	const char *end = buf + len, *open, *close, *p;
	int64_t f[STAT_LAST + 1] = { 0 }, v;
	size_t n;
	int i;

	memset(out, 0, sizeof(*out));
	p = buf;
	if (num(&p, end, &v) || v < 0)
		return -EINVAL;
	out->pid = (int)v;					/* (1) */
	open = memchr(buf, '(', len);
	if (!open)
		return -EINVAL;
	/* (2) comm: up to the LAST ')' (a name may hold ')' or ") R 1"). */
	for (close = end - 1; close > open && *close != ')'; close--)
		;
	if (close <= open)
		return -EINVAL;
	n = (size_t)(close - open - 1);
	if (n >= sizeof(out->comm))
		n = sizeof(out->comm) - 1;
	memcpy(out->comm, open + 1, n);
	out->comm[n] = '\0';
	p = close + 1;
	while (p < end && *p == ' ')
		p++;
	if (p >= end || *p == '\n')
		return -EINVAL;
	out->state = *p++;					/* (3) */
	for (i = STAT_FIRST; i <= STAT_LAST; i++)
		if (num(&p, end, &f[i]))
			break;
	if (i <= STAT_MIN)
		return -EINVAL;
	out->ppid = (int)f[4];
	out->pgrp = (int)f[5];
	out->session = (int)f[6];
	out->tty_nr = (int)f[7];
	out->minflt = (uint64_t)f[10];
	out->cminflt = (uint64_t)f[11];
	out->majflt = (uint64_t)f[12];
	out->cmajflt = (uint64_t)f[13];
	out->utime = (uint64_t)f[14];
	out->stime = (uint64_t)f[15];
	out->cutime = f[16];
	out->cstime = f[17];
	out->priority = f[18];
	out->nice = f[19];
	out->num_threads = f[20];
	out->starttime = (uint64_t)f[22];
	out->vsize = (uint64_t)f[23];
	out->rss = f[24];
	out->processor = (int)f[39];
	out->rt_priority = (unsigned)f[40];
	out->policy = (unsigned)f[41];
	out->delayacct_blkio_ticks = (uint64_t)f[42];	/* 0 when absent */
	out->guest_time = (uint64_t)f[43];
	out->cguest_time = f[44];
	return 0;
}

static int key_is(const char *line, const char *end, const char *key, size_t klen)
{
	return (size_t)(end - line) > klen && memcmp(line, key, klen) == 0;
}

#define KEY(k) k, sizeof(k) - 1

/* One status line starting at s (ending before e): store what we keep. */
static void status_line(const char *s, const char *e, struct proc_pid_status *out)
{
	int64_t v;
	const char *p;

	switch (s[0]) {
	case 'U':
		if (key_is(s, e, KEY("Uid:"))) {
			p = s + 4;
			for (int i = 0; i < 4; i++) {
				if (num(&p, e, &v))
					return;
				out->uid[i] = (uid_t)v;
			}
			out->have |= PROC_STATUS_HAVE_UID;
		}
		return;
	case 'T':
		p = s + 8;
		if (key_is(s, e, KEY("Threads:")) && !num(&p, e, &v)) {
			out->threads = (unsigned)v;
			out->have |= PROC_STATUS_HAVE_THREADS;
		} else if (p = s + 5, key_is(s, e, KEY("Tgid:")) && !num(&p, e, &v)) {
			out->tgid = (int)v;
		}
		return;
	case 'P':
		p = s + 5;
		if (key_is(s, e, KEY("PPid:")) && !num(&p, e, &v))
			out->ppid = (int)v;
		return;
	case 'N':
		if (key_is(s, e, KEY("NSpid:"))) {
			p = s + 6;
			while (!num(&p, e, &v))
				out->nspid = (int)v;	/* the last is the innermost */
		}
		return;
	case 'V':
	case 'R': {
		static const struct { const char *k; size_t n; size_t off; } kb[] = {
			{ KEY("VmPeak:"), offsetof(struct proc_pid_status, vm_peak_kb) },
			{ KEY("VmSize:"), offsetof(struct proc_pid_status, vm_size_kb) },
			{ KEY("VmHWM:"), offsetof(struct proc_pid_status, vm_hwm_kb) },
			{ KEY("VmRSS:"), offsetof(struct proc_pid_status, vm_rss_kb) },
			{ KEY("VmSwap:"), offsetof(struct proc_pid_status, vm_swap_kb) },
			{ KEY("RssAnon:"), offsetof(struct proc_pid_status, rss_anon_kb) },
			{ KEY("RssFile:"), offsetof(struct proc_pid_status, rss_file_kb) },
			{ KEY("RssShmem:"), offsetof(struct proc_pid_status, rss_shmem_kb) },
		};
		for (size_t i = 0; i < sizeof(kb) / sizeof(kb[0]); i++) {
			if (!key_is(s, e, kb[i].k, kb[i].n))
				continue;
			p = s + kb[i].n;
			if (!num(&p, e, &v)) {
				*(uint64_t *)((char *)out + kb[i].off) = (uint64_t)v;
				if (i == 3)
					out->have |= PROC_STATUS_HAVE_VM;
			}
			return;
		}
		return;
	}
	case 'v':
		p = s + 24;
		if (key_is(s, e, KEY("voluntary_ctxt_switches:")) && !num(&p, e, &v)) {
			out->voluntary_ctxt_switches = (uint64_t)v;
			out->have |= PROC_STATUS_HAVE_CTXT;
		}
		return;
	case 'n':
		p = s + 27;
		if (key_is(s, e, KEY("nonvoluntary_ctxt_switches:")) && !num(&p, e, &v))
			out->nonvoluntary_ctxt_switches = (uint64_t)v;
		return;
	}
}

int proc_pid_status_parse(const char *buf, size_t len, struct proc_pid_status *out)
{
	const char *s = buf, *end = buf + len, *e;

	memset(out, 0, sizeof(*out));
	while (s < end) {
		e = memchr(s, '\n', (size_t)(end - s));
		if (!e)
			e = end;
		if (e > s)
			status_line(s, e, out);
		s = e + 1;
	}
	/* Name: and Uid: are in every status file since 2.2. */
	return out->have & PROC_STATUS_HAVE_UID ? 0 : -EINVAL;
}

int proc_pid_io_parse(const char *buf, size_t len, struct proc_pid_io *out)
{
	static const struct { const char *k; size_t n; size_t off; } keys[] = {
		{ KEY("rchar:"), offsetof(struct proc_pid_io, rchar) },
		{ KEY("wchar:"), offsetof(struct proc_pid_io, wchar) },
		{ KEY("syscr:"), offsetof(struct proc_pid_io, syscr) },
		{ KEY("syscw:"), offsetof(struct proc_pid_io, syscw) },
		{ KEY("read_bytes:"), offsetof(struct proc_pid_io, read_bytes) },
		{ KEY("write_bytes:"), offsetof(struct proc_pid_io, write_bytes) },
		{ KEY("cancelled_write_bytes:"), offsetof(struct proc_pid_io, cancelled_write_bytes) },
	};
	const char *s = buf, *end = buf + len, *e, *p;
	unsigned seen = 0;
	int64_t v;

	memset(out, 0, sizeof(*out));
	while (s < end) {
		e = memchr(s, '\n', (size_t)(end - s));
		if (!e)
			e = end;
		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			if (!key_is(s, e, keys[i].k, keys[i].n))
				continue;
			p = s + keys[i].n;
			if (!num(&p, e, &v)) {
				*(uint64_t *)((char *)out + keys[i].off) = (uint64_t)v;
				seen |= 1u << i;
			}
			break;
		}
		s = e + 1;
	}
	return seen == 0x7f ? 0 : -EINVAL;
}

/* n non-negative numbers in a row (statm, schedstat). Returns 0 or -EINVAL. */
static int nums(const char *buf, size_t len, int64_t *v, int n)
{
	const char *p = buf, *end = buf + len;

	for (int i = 0; i < n; i++)
		if (num(&p, end, &v[i]) || v[i] < 0)
			return -EINVAL;
	return 0;
}

int proc_pid_statm_parse(const char *buf, size_t len, struct proc_pid_statm *out)
{
	int64_t v[7];

	memset(out, 0, sizeof(*out));
	if (nums(buf, len, v, 7))
		return -EINVAL;
	out->size = (uint64_t)v[0];
	out->resident = (uint64_t)v[1];
	out->shared = (uint64_t)v[2];
	out->text = (uint64_t)v[3];
	out->lib = (uint64_t)v[4];
	out->data = (uint64_t)v[5];
	out->dt = (uint64_t)v[6];
	return 0;
}

int proc_pid_schedstat_parse(const char *buf, size_t len, struct proc_pid_schedstat *out)
{
	int64_t v[3];

	memset(out, 0, sizeof(*out));
	if (nums(buf, len, v, 3))
		return -EINVAL;
	out->run_ns = (uint64_t)v[0];
	out->wait_ns = (uint64_t)v[1];
	out->timeslices = (uint64_t)v[2];
	return 0;
}

size_t proc_pid_cmdline_join(char *buf, size_t len)
{
	while (len > 0 && buf[len - 1] == '\0')
		len--;
	for (size_t i = 0; i < len; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
	buf[len] = '\0';
	return len;
}

static const char *const file_names[] = {
	"stat", "status", "io", "statm", "schedstat", "cmdline",
};

void proc_pid_relpath(char *out, size_t size, int pid, int tid, enum proc_pid_file f)
{
	const char *name = "stat";

	for (unsigned i = 0; i < sizeof(file_names) / sizeof(file_names[0]); i++)
		if (f == 1u << i)
			name = file_names[i];
	if (tid > 0)
		snprintf(out, size, "%d/task/%d/%s", pid, tid, name);
	else
		snprintf(out, size, "%d/%s", pid, name);
}

/* Read one small file of a task into buf with ONE read(): a /proc seq file
 * hands over its whole text when the buffer is large enough, and the read
 * that would only confirm EOF costs a syscall per file per task. A text
 * that fills the buffer is refused (-EFBIG) rather than parsed cut. ESRCH
 * from a dead task is kept. */
static ssize_t read_small(const struct root *r, int pid, int tid, enum proc_pid_file f,
			  char *buf, size_t size)
{
	char rel[64];
	ssize_t n;
	int fd;

	proc_pid_relpath(rel, sizeof(rel), pid, tid, f);
	fd = root_openat(r, ROOT_PROC, rel, O_RDONLY);
	if (fd < 0)
		return fd;
	n = read(fd, buf, size - 1);
	if (n < 0)
		n = -errno;
	else if ((size_t)n == size - 1)
		n = -EFBIG;
	close(fd);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

#define READER(name, type, size)						\
int proc_pid_##name##_read(const struct root *r, int pid, int tid, type *out)	\
{										\
	char buf[size];								\
	ssize_t n = read_small(r, pid, tid, PROC_PID_FILE_##name, buf, sizeof(buf)); \
	if (n < 0)								\
		return (int)n;							\
	if (n == 0)								\
		return -ESRCH;	/* a zombie's or dying task's empty file */	\
	return proc_pid_##name##_parse(buf, (size_t)n, out);			\
}

#define PROC_PID_FILE_stat PROC_PID_STAT
#define PROC_PID_FILE_status PROC_PID_STATUS
#define PROC_PID_FILE_io PROC_PID_IO
#define PROC_PID_FILE_statm PROC_PID_STATM
#define PROC_PID_FILE_schedstat PROC_PID_SCHEDSTAT

READER(stat, struct proc_pid_stat, 1024)
READER(status, struct proc_pid_status, 16384)
READER(io, struct proc_pid_io, 512)
READER(statm, struct proc_pid_statm, 256)
READER(schedstat, struct proc_pid_schedstat, 128)

ssize_t proc_pid_cmdline_read(const struct root *r, int pid, int tid, char *buf, size_t size)
{
	char rel[64];
	ssize_t n;
	int fd;

	if (size == 0)
		return -EINVAL;
	proc_pid_relpath(rel, sizeof(rel), pid, tid, PROC_PID_CMDLINE);
	fd = root_openat(r, ROOT_PROC, rel, O_RDONLY);
	if (fd < 0)
		return fd;
	/* One read: a cmdline longer than size-1 is cut, not an error. */
	n = read(fd, buf, size - 1);
	if (n < 0)
		n = -errno;
	close(fd);
	if (n < 0)
		return n;
	buf[n] = '\0';
	return (ssize_t)proc_pid_cmdline_join(buf, (size_t)n);
}
