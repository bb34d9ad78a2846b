#include "model/stacks.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/escape.h"

int stacks_init(struct stacks *s, size_t max_stacks, size_t max_bytes)
{
	memset(s, 0, sizeof(*s));
	s->max_stacks = max_stacks ? max_stacks : STACKS_DEFAULT_MAX;
	s->max_bytes = max_bytes ? max_bytes : STACKS_DEFAULT_BYTES;
	s->cap = 1024;
	s->tab = calloc(s->cap, sizeof(*s->tab));
	return s->tab ? 0 : -ENOMEM;
}

void stacks_free(struct stacks *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->tab[i].key);
	free(s->tab);
	memset(s, 0, sizeof(*s));
}

static uint64_t hash(const char *k, size_t len)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)k[i]) * 1099511628211ull;
	return h;
}

static struct stack_ent *slot(struct stack_ent *tab, size_t cap, const char *key, size_t len)
{
	size_t i = (size_t)hash(key, len) & (cap - 1);

	while (tab[i].key && (tab[i].len != len || memcmp(tab[i].key, key, len) != 0))
		i = (i + 1) & (cap - 1);
	return &tab[i];
}

static int grow(struct stacks *s)
{
	size_t cap = s->cap * 2;
	struct stack_ent *tab = calloc(cap, sizeof(*tab));

	if (!tab)
		return -ENOMEM;
	for (size_t i = 0; i < s->cap; i++)
		if (s->tab[i].key)
			*slot(tab, cap, s->tab[i].key, s->tab[i].len) = s->tab[i];
	free(s->tab);
	s->tab = tab;
	s->cap = cap;
	return 0;
}

int stacks_add(struct stacks *s, const char *key, size_t len, uint64_t count)
{
	struct stack_ent *e;

	if (len > UINT32_MAX)
		goto full;
	e = slot(s->tab, s->cap, key, len);
	if (e->key) {
		e->count += count;
		s->total += count;
		return 0;
	}
	if (s->n >= s->max_stacks || s->bytes + len > s->max_bytes)
		goto full;
	if ((s->n + 1) * 2 > s->cap) {
		if (grow(s))
			goto full;
		e = slot(s->tab, s->cap, key, len);
	}
	e->key = malloc(len + 1);
	if (!e->key)
		goto full;
	memcpy(e->key, key, len);
	e->key[len] = '\0';
	e->len = (uint32_t)len;
	e->count = count;
	s->n++;
	s->bytes += len;
	s->total += count;
	return 0;
full:
	s->dropped_samples += count;
	return -ENOSPC;
}

static int ent_cmp(const void *a, const void *b)
{
	const struct stack_ent *x = *(const struct stack_ent *const *)a;
	const struct stack_ent *y = *(const struct stack_ent *const *)b;

	return strcmp(x->key, y->key);
}

const struct stack_ent **stacks_sorted(const struct stacks *s)
{
	const struct stack_ent **v;
	size_t o = 0;

	if (!s->n || !(v = malloc(s->n * sizeof(const struct stack_ent *))))
		return NULL;
	for (size_t i = 0; i < s->cap; i++)
		if (s->tab[i].key)
			v[o++] = &s->tab[i];
	qsort(v, o, sizeof(const struct stack_ent *), ent_cmp);
	return v;
}

size_t stacks_frame_clean(char *dst, size_t dlen, size_t size, const char *src, size_t len)
{
	const unsigned char *p = (const unsigned char *)src;
	size_t i = 0;

	if (dlen >= size)
		return dlen;
	while (i < len) {
		uint32_t c = 0;
		int n = utf8_decode(p + i, len - i, &c);
		char tmp[16];
		size_t k;

		if (n > 0 && c == ';') {
			tmp[0] = ':';
			k = 1;
		} else if (n > 0 && c == '\\') {
			tmp[0] = '\\';	/* kept: the text is already clean */
			k = 1;
		} else {
			k = esc_term(tmp, sizeof(tmp), src + i, n ? (size_t)n : 1);
		}
		if (dlen + k + 1 > size)
			break;
		memcpy(dst + dlen, tmp, k);
		dlen += k;
		i += n ? (size_t)n : 1;
	}
	dst[dlen] = '\0';
	return dlen;
}
