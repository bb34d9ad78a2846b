/* sources/perf_sampler: the ring reader on a synthetic ring (records that
 * wrap around the end of the buffer, LOST records, a corrupt size), and the
 * profile collector's counts. */
#include "test.h"

#include <linux/perf_event.h>
#include <unistd.h>

#include "model/profile.h"
#include "sources/perf_sampler.h"

struct fake {
	struct perf_sampler s;
	struct perf_ring ring;
	char *mem;
	size_t pg;
};

static void fake_init(struct fake *f, size_t data_pages)
{
	memset(f, 0, sizeof(*f));
	f->pg = (size_t)sysconf(_SC_PAGESIZE);
	f->mem = aligned_alloc(f->pg, (data_pages + 1) * f->pg);
	memset(f->mem, 0, (data_pages + 1) * f->pg);
	f->ring.fd = -1;
	f->ring.base = f->mem;
	f->ring.data_size = data_pages * f->pg;
	f->s.rings = &f->ring;
	f->s.nrings = 1;
	f->s.scratch = malloc(65536);
}

static void fake_free(struct fake *f)
{
	free(f->mem);
	free(f->s.scratch);
}

/* Write a record at ring offset pos (wrapping), return its size. */
static size_t put(struct fake *f, uint64_t pos, uint32_t type, const uint64_t *w, size_t n)
{
	struct perf_event_header h = { type, 0, (uint16_t)(sizeof(h) + n * 8) };
	char rec[1024];
	char *data = f->mem + f->pg;

	memcpy(rec, &h, sizeof(h));
	memcpy(rec + sizeof(h), w, n * 8);
	for (size_t i = 0; i < h.size; i++)
		data[(pos + i) % f->ring.data_size] = rec[i];
	return h.size;
}

static int count_cb(const struct perf_record *r, void *arg)
{
	int *counts = arg;

	counts[r->type < 16 ? r->type : 0]++;
	return 0;
}

static void test_wrap_and_lost(void **state)
{
	struct fake f;
	struct perf_event_mmap_page *pg;
	uint64_t sample[] = { 0x401000, 5ull | 5ull << 32, 1, 0, 1000, 1, 0x401000 };
	uint64_t lost[] = { 1, 42 };
	uint64_t pos;
	int counts[16] = { 0 };
	(void)state;

	fake_init(&f, 1);
	pg = (struct perf_event_mmap_page *)f.mem;
	/* start 24 bytes before the end: the first sample wraps */
	pos = f.ring.data_size - 24;
	pg->data_tail = pos;
	pos += put(&f, pos, PERF_RECORD_SAMPLE, sample, 7);
	pos += put(&f, pos, PERF_RECORD_LOST, lost, 2);
	pos += put(&f, pos, PERF_RECORD_SAMPLE, sample, 7);
	pg->data_head = pos;
	assert_int_equal(perf_sampler_drain(&f.s, count_cb, counts), 0);
	assert_int_equal(counts[PERF_RECORD_SAMPLE], 2);
	assert_int_equal(counts[PERF_RECORD_LOST], 1);
	assert_int_equal(f.s.lost, 42);
	assert_int_equal(f.s.records, 3);
	/* everything consumed: the tail moved to the head */
	assert_int_equal(pg->data_tail, pos);
	/* nothing new: nothing read */
	assert_int_equal(perf_sampler_drain(&f.s, count_cb, counts), 0);
	assert_int_equal(f.s.records, 3);
	/* a corrupt size (0) drops what is left instead of looping */
	struct perf_event_header bad = { PERF_RECORD_SAMPLE, 0, 0 };
	memcpy(f.mem + f.pg + pos % f.ring.data_size, &bad, sizeof(bad));
	pg->data_head = pos + 64;
	assert_int_equal(perf_sampler_drain(&f.s, count_cb, counts), 0);
	assert_int_equal(pg->data_tail, pos + 64);
	fake_free(&f);
}

static void test_profile_counts(void **state)
{
	struct fake f;
	struct perf_event_mmap_page *pg;
	struct root r;
	struct profile p;
	/* pid 0 (the idle task) in the kernel, so nothing is read from /proc */
	uint64_t s1[] = { 0, 0, 1, 0, 1000, 2, (uint64_t)PERF_CONTEXT_KERNEL, 0 };
	uint64_t lost[] = { 1, 7 };
	uint64_t pos = 0;
	(void)state;

	fake_init(&f, 1);
	pg = (struct perf_event_mmap_page *)f.mem;
	pos += put(&f, pos, PERF_RECORD_SAMPLE, s1, 8);
	pos += put(&f, pos, PERF_RECORD_SAMPLE, s1, 8);
	pos += put(&f, pos, PERF_RECORD_LOST, lost, 2);
	pg->data_head = pos;
	assert_int_equal(root_open(&r, "tests/fixtures/basic2cpu/t0"), 0);
	assert_int_equal(profile_init(&p, &r, 0), 0);
	assert_int_equal(perf_sampler_drain(&f.s, profile_record, &p), 0);
	profile_flush(&p);
	assert_int_equal(p.samples, 2);
	assert_int_equal(p.lost, 7);
	assert_int_equal(p.stacks.n, 1);
	/* thread 0 is "swapper"; address 0 in the kernel without kallsyms */
	const struct stack_ent **v = stacks_sorted(&p.stacks);
	assert_string_equal(v[0]->key, "swapper;[kernel]+0x0_[k]");
	free(v);
	profile_free(&p);
	root_close(&r);
	fake_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrap_and_lost),
		cmocka_unit_test(test_profile_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
