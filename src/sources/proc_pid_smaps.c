#include "sources/proc_pid_smaps.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

#define F(name, field) { name, offsetof(struct proc_pid_smaps, field) }
static const struct {
	const char *key;
	size_t off;
} fields[] = {
	F("Rss", rss), F("Pss", pss), F("Pss_Anon", pss_anon), F("Pss_File", pss_file),
	F("Pss_Shmem", pss_shmem), F("Shared_Clean", shared_clean),
	F("Shared_Dirty", shared_dirty), F("Private_Clean", private_clean),
	F("Private_Dirty", private_dirty), F("Anonymous", anonymous), F("Swap", swap),
	F("SwapPss", swap_pss), F("Locked", locked),
};
#undef F

int proc_pid_smaps_parse(const char *buf, size_t len, struct proc_pid_smaps *out)
{
	const char *p = buf, *end = buf + len;
	int n = 0;

	memset(out, 0, sizeof(*out));
	if (!len || !*buf) {
		out->empty = true;
		return 0;
	}
	while (p < end && *p) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *colon = memchr(p, ':', (size_t)((nl ? nl : end) - p));

		/* the header "start-end ---p 00000000 00:00 0 [rollup]" has no "Key:" */
		if (colon && colon[1] == ' ') {
			size_t kl = (size_t)(colon - p);

			for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
				char *e;
				uint64_t v;

				if (strlen(fields[i].key) != kl || strncmp(fields[i].key, p, kl) != 0)
					continue;
				v = strtoull(colon + 1, &e, 10);
				if (e == colon + 1)
					return -EINVAL;
				*(uint64_t *)((char *)out + fields[i].off) = v;
				out->has_pss_split |= !strcmp(fields[i].key, "Pss_Anon");
				n++;
				break;
			}
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	return n ? 0 : -EINVAL;
}

int proc_pid_smaps_read(const struct root *r, pid_t pid, struct proc_pid_smaps *out)
{
	char rel[64], buf[4096];
	ssize_t n;

	snprintf(rel, sizeof(rel), "%d/smaps_rollup", (int)pid);
	n = root_read(r, ROOT_PROC, rel, buf, sizeof(buf));
	if (n < 0)
		return (int)n;
	return proc_pid_smaps_parse(buf, (size_t)n, out);
}

/* "Key:" at p (line of length ll) -> the number after it, or -1. */
static int64_t key_kb(const char *p, size_t ll, const char *key)
{
	size_t kl = strlen(key);
	char *e;
	uint64_t v;

	if (ll <= kl || strncmp(p, key, kl) != 0)
		return -1;
	v = strtoull(p + kl, &e, 10);
	return e == p + kl ? -1 : (int64_t)v;
}

/* A mapping header ends in its pathname; the stack's is "[stack]". */
static bool is_stack_header(const char *p, size_t ll)
{
	static const char tag[] = "[stack]";
	size_t tl = sizeof(tag) - 1;

	while (ll && (p[ll - 1] == ' ' || p[ll - 1] == '\r'))
		ll--;
	return ll > tl && p[ll - tl - 1] == ' ' && memcmp(p + ll - tl, tag, tl) == 0;
}

int proc_pid_smaps_stack_parse(const char *buf, size_t len, struct proc_pid_smaps_stack *out)
{
	const char *p = buf, *end = buf + len;
	int state = 0;	/* 0: looking for [stack], 1: in it, 2: past it */

	memset(out, 0, sizeof(*out));
	while (p < end && *p && state < 2) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t ll = (size_t)((nl ? nl : end) - p);
		int64_t v;

		if (state == 0) {
			state = is_stack_header(p, ll);
		} else if ((v = key_kb(p, ll, "Size:")) >= 0) {
			out->size_kb = (uint64_t)v;
			out->found = true;
		} else if ((v = key_kb(p, ll, "Referenced:")) >= 0) {
			out->ref_kb = (uint64_t)v;
		} else if (memchr(p, ':', ll) == NULL || strncmp(p, "VmFlags:", 8) == 0) {
			/* the next mapping's header (no "Key:"), or the last key */
			state = 2;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	return 0;
}

int proc_pid_smaps_stack_read(const struct root *r, int pid, int tid,
			      struct proc_pid_smaps_stack *out)
{
	char rel[64];
	struct buf b = { 0 };
	int err;

	if (tid > 0)
		snprintf(rel, sizeof(rel), "%d/task/%d/smaps", pid, tid);
	else
		snprintf(rel, sizeof(rel), "%d/smaps", pid);
	err = root_read_buf(r, ROOT_PROC, rel, &b);
	if (!err)
		err = proc_pid_smaps_stack_parse(b.p ? b.p : "", b.len, out);
	buf_free(&b);
	return err;
}
