#include "views/folded.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int folded_write(FILE *f, const struct stacks *s)
{
	const struct stack_ent **v = stacks_sorted(s);

	if (!v)
		return s->n ? -ENOMEM : 0;
	/* Keys are clean text (model/stacks.h): printable UTF-8 only. */
	for (size_t i = 0; i < s->n; i++)
		fprintf(f, "%s %llu\n", v[i]->key, (unsigned long long)v[i]->count);
	free(v);
	return 0;
}

/* Clean each ';'-separated frame of one stack into dst. */
static size_t clean_stack(char *dst, size_t size, const char *p, const char *end)
{
	size_t len = 0;

	dst[0] = '\0';
	while (p <= end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		const char *fe = semi ? semi : end;

		if (len && len + 1 < size)
			dst[len++] = ';';
		len = stacks_frame_clean(dst, len, size, p, (size_t)(fe - p));
		if (!semi)
			break;
		p = semi + 1;
	}
	return len;
}

static int parse_line(const char *p, const char *le, struct stacks *s, char *key, size_t ksize)
{
	const char *sp = le;
	unsigned long long count = 0;
	size_t len;

	while (sp > p && sp[-1] != ' ')
		sp--;
	if (sp == le || sp == p)
		return -EINVAL;
	for (const char *q = sp; q < le; q++) {
		if (*q < '0' || *q > '9' || count > (UINT64_MAX - 9) / 10)
			return -EINVAL;
		count = count * 10 + (unsigned long long)(*q - '0');
	}
	len = clean_stack(key, ksize, p, sp - 1);
	if (len && count)
		stacks_add(s, key, len, count);
	return 0;
}

int folded_parse(const char *buf, size_t len, struct stacks *s, int *bad_line)
{
	const char *p = buf, *end = buf + len;
	size_t ksize = 1 << 20;
	char *key = malloc(ksize);
	int line = 0, err = 0;

	if (!key)
		return -ENOMEM;
	while (p < end && !err) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		line++;
		if (le > p && le[-1] == '\r')
			le--;
		if (le > p && (err = parse_line(p, le, s, key, ksize)))
			*bad_line = line;
		p = nl ? nl + 1 : end;
	}
	free(key);
	return err;
}
