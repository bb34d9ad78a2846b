#include "views/frame_tab.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void frame_tab_init(struct frame_tab *t)
{
	memset(t, 0, sizeof(*t));
}

void frame_tab_free(struct frame_tab *t)
{
	free(t->v);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

static uint64_t hash(const char *k, size_t len)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)k[i]) * 1099511628211ull;
	return h;
}

static uint32_t *slot(const struct frame_tab *t, uint32_t *slots, size_t cap, const char *p, size_t len)
{
	size_t i = (size_t)hash(p, len) & (cap - 1);

	while (slots[i]) {
		const struct frame_span *s = &t->v[slots[i] - 1];

		if (s->len == len && memcmp(s->p, p, len) == 0)
			break;
		i = (i + 1) & (cap - 1);
	}
	return &slots[i];
}

static int grow(struct frame_tab *t)
{
	size_t cap = t->cap ? t->cap * 2 : 1024;
	uint32_t *slots = calloc(cap, sizeof(*slots));

	if (!slots)
		return -ENOMEM;
	for (size_t i = 0; i < t->n; i++)
		*slot(t, slots, cap, t->v[i].p, t->v[i].len) = (uint32_t)(i + 1);
	free(t->slots);
	t->slots = slots;
	t->cap = cap;
	return 0;
}

long frame_tab_intern(struct frame_tab *t, const char *p, size_t len)
{
	uint32_t *e;

	if ((t->n + 1) * 2 > t->cap && grow(t))
		return -ENOMEM;
	e = slot(t, t->slots, t->cap, p, len);
	if (*e)
		return (long)*e - 1;
	if (t->n >= UINT32_MAX - 1)
		return -ENOMEM;
	if (t->n == t->vcap) {
		size_t vcap = t->vcap ? t->vcap * 2 : 256;
		struct frame_span *v = realloc(t->v, vcap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		t->v = v;
		t->vcap = vcap;
	}
	t->v[t->n] = (struct frame_span){ p, len };
	*e = (uint32_t)++t->n;
	return (long)t->n - 1;
}

int frame_each(const char *key, size_t len, int (*fn)(void *ctx, const char *p, size_t n), void *ctx)
{
	const char *p = key, *end = key + len;

	for (;;) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		const char *fe = semi ? semi : end;
		int rc = fn(ctx, p, (size_t)(fe - p));

		if (rc || !semi)
			return rc;
		p = semi + 1;
	}
}
