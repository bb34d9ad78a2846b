#include "sources/proc_pid_smaps.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
