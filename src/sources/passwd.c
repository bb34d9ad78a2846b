#include "sources/passwd.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

static int entry_cmp(const void *a, const void *b)
{
	const struct passwd_entry *x = a, *y = b;

	if (x->uid != y->uid)
		return x->uid < y->uid ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* One line s..e: name, skip the password, the uid. Returns 0 when valid. */
static int parse_line(const char *s, const char *e, struct passwd_entry *out)
{
	const char *c1 = memchr(s, ':', (size_t)(e - s)), *c2, *p;
	uint64_t uid = 0;

	if (!c1 || c1 == s || (size_t)(c1 - s) >= sizeof(out->name))
		return -1;
	c2 = memchr(c1 + 1, ':', (size_t)(e - c1 - 1));
	if (!c2)
		return -1;
	for (p = c2 + 1; p < e && *p >= '0' && *p <= '9'; p++) {
		uid = uid * 10 + (uint64_t)(*p - '0');
		if (uid > UINT32_MAX)
			return -1;
	}
	if (p == c2 + 1 || p >= e || *p != ':')
		return -1;
	memcpy(out->name, s, (size_t)(c1 - s));
	out->name[c1 - s] = '\0';
	out->uid = (uid_t)uid;
	return 0;
}

int passwd_parse(const char *buf, size_t len, struct passwd_db *db)
{
	const char *s = buf, *end = buf + len, *e;
	size_t cap = 0, w;

	db->v = NULL;
	db->n = 0;
	while (s < end) {
		e = memchr(s, '\n', (size_t)(end - s));
		if (!e)
			e = end;
		if (db->n == cap) {
			struct passwd_entry *nv = realloc(db->v, (cap = cap ? cap * 2 : 64) * sizeof(*nv));

			if (!nv) {
				passwd_free(db);
				return -ENOMEM;
			}
			db->v = nv;
		}
		if (*s != '#' && parse_line(s, e, &db->v[db->n]) == 0) {
			db->v[db->n].line = (unsigned)db->n;
			db->n++;
		}
		s = e + 1;
	}
	/* Sort by uid, then line order, and keep the first line of each uid. */
	if (db->n > 1)
		qsort(db->v, db->n, sizeof(*db->v), entry_cmp);
	w = 0;
	for (size_t i = 0; i < db->n; i++)
		if (w == 0 || db->v[w - 1].uid != db->v[i].uid)
			db->v[w++] = db->v[i];
	db->n = w;
	return 0;
}

int passwd_read(const struct root *r, struct passwd_db *db)
{
	struct buf b = { 0 };
	int err = root_read_buf(r, ROOT_TOP, "etc/passwd", &b);

	db->v = NULL;
	db->n = 0;
	if (err == -ENOENT) {
		err = 0;
	} else if (!err) {
		err = passwd_parse(b.p ? b.p : "", b.len, db);
	}
	buf_free(&b);
	return err;
}

const char *passwd_name(const struct passwd_db *db, uid_t uid)
{
	size_t lo = 0, hi = db->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (db->v[mid].uid == uid)
			return db->v[mid].name;
		if (db->v[mid].uid < uid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void passwd_free(struct passwd_db *db)
{
	free(db->v);
	db->v = NULL;
	db->n = 0;
}

/* Added for pidstat -U NAME. A linear pass: done once per run. */
int passwd_uid(const struct passwd_db *db, const char *name, uid_t *uid)
{
	for (size_t i = 0; i < db->n; i++) {
		if (!strcmp(db->v[i].name, name)) {
			*uid = db->v[i].uid;
			return 0;
		}
	}
	return -ENOENT;
}
