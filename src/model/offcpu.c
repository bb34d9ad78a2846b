#include "model/offcpu.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define KEY_SIZE 65536

const char *offcpu_frame(struct symbolizer *sym, uint32_t tgid, uint64_t addr, bool kernel,
			 bool leaf, char *buf, size_t size)
{
	symbolizer_frame(sym, (pid_t)tgid, addr, kernel ? PCTX_KERNEL : PCTX_USER, !leaf, buf, size);
	return buf;
}

/* Append frames[n-1] .. frames[0] (outermost first) to key. */
static size_t append(struct symbolizer *sym, const struct offcpu_stack *s, const uint64_t *frames,
		     int n, bool kernel, char *key, size_t len)
{
	char frame[1024];

	for (int j = n - 1; j >= 0 && len + 2 < KEY_SIZE; j--) {
		offcpu_frame(sym, s->tgid, frames[j], kernel, j == 0, frame, sizeof(frame));
		key[len++] = ';';
		len = stacks_frame_clean(key, len, KEY_SIZE, frame, strlen(frame));
	}
	return len;
}

int offcpu_fold(const struct offcpu_stacks *st, struct symbolizer *sym, struct stacks *out)
{
	char *key = malloc(KEY_SIZE);

	if (!key)
		return -ENOMEM;
	for (size_t i = 0; i < st->n; i++) {
		const struct offcpu_stack *s = &st->s[i];
		int nu = s->nuser > 0 ? s->nuser : 0;
		size_t len;

		key[0] = '\0';
		len = stacks_frame_clean(key, 0, KEY_SIZE, s->comm, strnlen(s->comm, sizeof(s->comm)));
		len = append(sym, s, s->frames, nu, false, key, len);
		len = append(sym, s, s->frames + nu, s->nkern, true, key, len);
		stacks_add(out, key, len, s->total_us);
	}
	free(key);
	return 0;
}
