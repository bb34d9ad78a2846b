#include "bpf/log2_hist.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

#include <bpf/bpf.h>

void log2_hist_fold(struct log2_hist *h, const struct hist *raw)
{
	for (int i = 0; i < HIST_SLOTS; i++) {
		h->slots[i] += raw->slots[i];
		h->count += raw->slots[i];
	}
	h->sum += raw->sum;
	if (!h->name[0] && raw->comm[0]) {
		size_t n = strnlen(raw->comm, sizeof(raw->comm));

		memcpy(h->name, raw->comm, n);
		h->name[n] = '\0';
	}
}

struct log2_hist *log2_hists_get(struct log2_hists *hs, long key)
{
	for (size_t i = 0; i < hs->n; i++)
		if (hs->h[i].key == key)
			return &hs->h[i];
	if (hs->n == hs->cap) {
		size_t cap = hs->cap ? hs->cap * 2 : 8;
		struct log2_hist *p = realloc(hs->h, cap * sizeof(*p));

		if (!p)
			return NULL;
		hs->h = p;
		hs->cap = cap;
	}
	memset(&hs->h[hs->n], 0, sizeof(hs->h[0]));
	hs->h[hs->n].key = key;
	return &hs->h[hs->n++];
}

static int cmp_key(const void *a, const void *b)
{
	long x = ((const struct log2_hist *)a)->key, y = ((const struct log2_hist *)b)->key;

	return (x > y) - (x < y);
}

void log2_hists_sort(struct log2_hists *hs)
{
	if (hs->n > 1)
		qsort(hs->h, hs->n, sizeof(hs->h[0]), cmp_key);
}

void log2_hists_free(struct log2_hists *hs)
{
	free(hs->h);
	hs->h = NULL;
	hs->n = hs->cap = 0;
}

int log2_hist_max_slot(const struct log2_hist *h)
{
	for (int i = HIST_SLOTS - 1; i >= 0; i--)
		if (h->slots[i])
			return i;
	return -1;
}

uint64_t log2_slot_low(int i)
{
	return i ? 1ULL << i : 0;
}

uint64_t log2_slot_high(int i)
{
	return (1ULL << (i + 1)) - 1;
}

double log2_hist_mean(const struct log2_hist *h)
{
	return h->count ? (double)h->sum / (double)h->count : NAN;
}

uint64_t log2_hist_percentile(const struct log2_hist *h, double p)
{
	uint64_t seen = 0, need;

	if (!h->count)
		return 0;
	/* the rank of the p-th percentile event, 1-based, rounded up */
	need = (uint64_t)ceil(p / 100.0 * (double)h->count);
	if (need < 1)
		need = 1;
	for (int i = 0; i < HIST_SLOTS; i++) {
		seen += h->slots[i];
		if (seen >= need)
			return log2_slot_high(i);
	}
	return log2_slot_high(HIST_SLOTS - 1);
}

int log2_hists_read_map(int map_fd, struct log2_hists *hs, int clear)
{
	__u32 key, next, *prev = NULL;
	struct hist raw;
	struct log2_hist *h;

	while (bpf_map_get_next_key(map_fd, prev, &next) == 0) {
		if (bpf_map_lookup_elem(map_fd, &next, &raw) == 0) {
			h = log2_hists_get(hs, (long)next);
			if (!h)
				return -ENOMEM;
			log2_hist_fold(h, &raw);
		}
		key = next;
		prev = &key;
	}
	if (!clear)
		return 0;
	/* Delete after the walk: deleting during it restarts the iteration. */
	for (size_t i = 0; i < hs->n; i++) {
		key = (__u32)hs->h[i].key;
		bpf_map_delete_elem(map_fd, &key);
	}
	return 0;
}

void log2_hists_total(const struct log2_hists *hs, struct log2_hist *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < hs->n; i++) {
		for (int s = 0; s < HIST_SLOTS; s++)
			out->slots[s] += hs->h[i].slots[s];
		out->count += hs->h[i].count;
		out->sum += hs->h[i].sum;
	}
}
