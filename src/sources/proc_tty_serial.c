#include "sources/proc_tty_serial.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

/* The number after " key:" in the line [p, end), or 0. */
static uint64_t num(const char *p, const char *end, const char *key)
{
	size_t k = strlen(key);

	for (; p + k < end; p++)
		if (p[-1] == ' ' && !memcmp(p, key, k) && p[k] >= '0' && p[k] <= '9')
			return strtoull(p + k, NULL, 10);
	return 0;
}

static int parse_line(const char *p, const char *end, struct tty_serial *t)
{
	char *e;
	unsigned long line = strtoul(p, &e, 10);
	struct tty_serial_line *l;

	if (e == p || e >= end || *e != ':' || memmem(p, (size_t)(end - p), "uart:unknown", 12))
		return 0;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 8;

		l = realloc(t->l, cap * sizeof(*l));
		if (!l)
			return -ENOMEM;
		t->l = l;
		t->cap = cap;
	}
	l = &t->l[t->n++];
	l->line = (unsigned)line;
	l->tx = num(e, end, "tx:");
	l->rx = num(e, end, "rx:");
	l->fe = num(e, end, "fe:");
	l->pe = num(e, end, "pe:");
	l->brk = num(e, end, "brk:");
	l->oe = num(e, end, "oe:");
	return 0;
}

int proc_tty_serial_parse(const char *buf, size_t len, struct tty_serial *t)
{
	const char *p = buf, *end = buf + len;
	int err;

	t->n = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		err = parse_line(p, le, t);
		if (err)
			return err;
		p = le + 1;
	}
	return 0;
}

int proc_tty_serial_read(const struct root *r, struct tty_serial *t)
{
	struct buf b = { 0 };
	int err = root_read_buf(r, ROOT_PROC, "tty/driver/serial", &b);

	if (!err)
		err = proc_tty_serial_parse(b.p, b.len, t);
	buf_free(&b);
	return err;
}

void proc_tty_serial_free(struct tty_serial *t)
{
	free(t->l);
	memset(t, 0, sizeof(*t));
}
