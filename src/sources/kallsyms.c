#include "sources/kallsyms.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "core/buf.h"
#include "sources/scan.h"

/* Kernels built with function padding (CONFIG_FUNCTION_PADDING_ALIGNMENT,
 * x86 since 6.2) name the 16 bytes of padding before every function
 * __pfx_NAME: half the text symbols. The padding and its function become
 * one entry named NAME, from the padding's start (the call-depth thunks
 * that may run there belong to the function), which halves the table (on
 * this kernel 121,342 text symbols, 57,348 of them __pfx_). */
#define PFX "__pfx_"
#define PFX_LEN (sizeof(PFX) - 1)
#define PFX_MAX_GAP 64		/* padding is 16 bytes; up to 64 with alignment */

static bool is_pfx_of(const struct symtab *t, uint64_t addr, const char *name, size_t len)
{
	const struct sym *l = t->n ? &t->v[t->n - 1] : NULL;
	const char *ln;

	if (!l || addr <= l->start || addr - l->start > PFX_MAX_GAP)
		return false;
	ln = t->strs + l->name;
	return strlen(ln) == len && !memcmp(ln, name, len);
}

/* merged: the address of the last function merged into its padding's
 * entry; an alias at that address is dropped too, as symtab_finish drops
 * every alias after the first. */
static int parse_line(const char *p, const char *end, struct symtab *t, uint64_t *merged)
{
	uint64_t addr = 0;
	const char *name, *ne, *mod = NULL;
	size_t mlen = 0;
	char type;

	p = scan_hex(p, end, &addr);
	if (!p || end - p < 4 || p[0] != ' ' || p[2] != ' ')
		return -EINVAL;
	type = p[1];		/* nm's symbol type letter */
	name = p + 3;
	ne = memchr(name, '\t', (size_t)(end - name));
	if (ne) {
		mod = ne + 1;	/* "[module]" */
		mlen = (size_t)(end - mod);
	} else {
		ne = end;
	}
	if (addr == 0 || !strchr("tTwW", type) || ne == name)
		return 0;
	size_t len = (size_t)(ne - name);
	if (len > PFX_LEN && !memcmp(name, PFX, PFX_LEN))
		return symtab_add(t, addr, 0, name + PFX_LEN, len - PFX_LEN, mod, mlen);
	if (is_pfx_of(t, addr, name, len)) {
		*merged = addr;
		return 0;	/* the function its padding was named after: one entry */
	}
	if (addr == *merged)
		return 0;	/* an alias of it */
	return symtab_add(t, addr, 0, name, len, mod, mlen);
}

/* Parse the whole lines of buf (a last line without '\n' too when final).
 * Returns the bytes consumed, or -errno with *bad_line set. */
static ssize_t parse_lines(const char *buf, size_t len, bool final, struct symtab *t,
			   int *line, int *bad_line, uint64_t *merged)
{
	const char *p = buf, *end = buf + len;
	int err;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		if (!nl && !final)
			break;
		(*line)++;
		if (le > p && (err = parse_line(p, le, t, merged))) {
			*bad_line = *line;
			return err;
		}
		p = nl ? nl + 1 : end;
	}
	return p - buf;
}

/* Zero-sized: each symbol runs to the next; the last gets 4 KiB. */
static void finish(struct symtab *t)
{
	uint64_t last = 0;

	for (size_t i = 0; i < t->n; i++)	/* not sorted yet */
		if (t->v[i].start > last)
			last = t->v[i].start;
	symtab_finish(t, t->n ? last + 4096 : 0);
}

#define KALLSYMS_CHUNK (64 * 1024)

int kallsyms_parse(const char *buf, size_t len, struct symtab *t, int *bad_line)
{
	int line = 0;
	uint64_t merged = 0;
	ssize_t n;

	symtab_init(t);
	n = parse_lines(buf, len, true, t, &line, bad_line, &merged);
	if (n < 0) {
		symtab_free(t);
		return (int)n;
	}
	finish(t);
	return 0;
}

/* Streamed in 64 KiB pieces: the file is ~5 MB of text for ~120,000
 * symbols, and holding it whole next to the table raised offcputime's peak
 * RSS above libbpf-tools'. */
int kallsyms_read(const struct root *r, struct symtab *t)
{
	char *buf = malloc(KALLSYMS_CHUNK + 1);
	size_t have = 0;
	int fd, err = 0, line = 0, bad = 0;
	uint64_t merged = 0;

	if (!buf)
		return -ENOMEM;
	fd = root_openat(r, ROOT_PROC, "kallsyms", O_RDONLY);
	if (fd < 0) {
		free(buf);
		return fd;
	}
	symtab_init(t);
	for (;;) {
		ssize_t n = read(fd, buf + have, KALLSYMS_CHUNK - have), used;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			break;
		}
		have += (size_t)n;
		used = parse_lines(buf, have, n == 0, t, &line, &bad, &merged);
		if (used < 0) {
			err = (int)used;
			break;
		}
		memmove(buf, buf + used, have - (size_t)used);
		have -= (size_t)used;
		if (n == 0)
			break;
		if (have == KALLSYMS_CHUNK) {	/* a line longer than the chunk */
			err = -EINVAL;
			break;
		}
	}
	close(fd);
	free(buf);
	if (err)
		symtab_free(t);
	else
		finish(t);
	return err;
}
