#include "sources/kallsyms.h"

#include <errno.h>
#include <string.h>

#include "core/buf.h"

static int parse_line(const char *p, const char *end, struct symtab *t)
{
	uint64_t addr = 0;
	const char *name, *ne, *mod = NULL;
	size_t mlen = 0;
	int digits = 0;
	char type;

	for (; p < end && *p != ' '; p++, digits++) {
		int d;

		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (*p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else
			return -EINVAL;
		addr = addr << 4 | (uint64_t)d;
	}
	if (!digits || digits > 16 || end - p < 4 || p[2] != ' ')
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
	return symtab_add(t, addr, 0, name, (size_t)(ne - name), mod, mlen);
}

int kallsyms_parse(const char *buf, size_t len, struct symtab *t, int *bad_line)
{
	const char *p = buf, *end = buf + len;
	int line = 0, err;

	symtab_init(t);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		line++;
		if (le > p && (err = parse_line(p, le, t))) {
			*bad_line = line;
			symtab_free(t);
			return err;
		}
		p = nl ? nl + 1 : end;
	}
	/* Zero-sized: each symbol runs to the next; the last gets 4 KiB. */
	symtab_finish(t, t->n ? t->v[t->n - 1].start + 4096 : 0);
	return 0;
}

int kallsyms_read(const struct root *r, struct symtab *t)
{
	struct buf b = { 0 };
	int err, bad = 0;

	err = root_read_buf(r, ROOT_PROC, "kallsyms", &b);
	if (!err)
		err = kallsyms_parse(b.p, b.len, t, &bad);
	buf_free(&b);
	return err;
}
