/* core/pbuf: varints at the 7-bit boundaries, tags, length-delimited
 * fields (the encoding examples of the protobuf documentation) and a
 * pprof profile decoded back. */
#include "test.h"

#include <string.h>

#include "core/pbuf.h"
#include "model/stacks.h"
#include "views/pprof.h"

static void expect_varint(uint64_t v, const char *want, size_t n)
{
	uint8_t out[10];

	assert_int_equal(pb_varint_enc(out, v), n);
	assert_memory_equal(out, want, n);
}

static void test_varint(void **state)
{
	(void)state;
	expect_varint(0, "\x00", 1);
	expect_varint(1, "\x01", 1);
	expect_varint(127, "\x7f", 1);
	expect_varint(128, "\x80\x01", 2);
	expect_varint(150, "\x96\x01", 2);
	expect_varint(300, "\xac\x02", 2);
	expect_varint(16383, "\xff\x7f", 2);
	expect_varint(16384, "\x80\x80\x01", 3);
	expect_varint(UINT32_MAX, "\xff\xff\xff\xff\x0f", 5);
	expect_varint(UINT64_MAX, "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 10);
	/* an int64 -1 travels as its two's complement: ten bytes */
	expect_varint((uint64_t)-1LL, "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 10);
}

static void test_fields(void **state)
{
	struct pbuf b = { 0 }, sub = { 0 };
	(void)state;
	pb_uint(&b, 1, 150);			/* 08 96 01 */
	pb_len(&b, 2, "testing", 7);		/* 12 07 "testing" */
	pb_uint(&sub, 1, 150);
	pb_len(&b, 3, sub.p, sub.len);		/* 1a 03 08 96 01 */
	pb_uint(&b, 16, 1);			/* field 16: two-byte tag 80 01 */
	pb_len(&b, 4, NULL, 0);			/* empty: 22 00 */
	assert_int_equal(b.err, 0);
	assert_int_equal(b.len, 3 + 9 + 5 + 3 + 2);
	assert_memory_equal(b.p, "\x08\x96\x01\x12\x07testing\x1a\x03\x08\x96\x01\x80\x01\x01\x22\x00", b.len);
	pb_reset(&b);
	assert_int_equal(b.len, 0);
	pb_free(&b);
	pb_free(&sub);
}

/* read a varint at *i of p */
static uint64_t rd(const uint8_t *p, size_t *i)
{
	uint64_t v = 0;
	unsigned s = 0;

	while (p[*i] & 0x80) {
		v |= (uint64_t)(p[(*i)++] & 0x7f) << s;
		s += 7;
	}
	return v | (uint64_t)p[(*i)++] << s;
}

/* The first sample of a two-frame stack: location ids leaf first. */
static void test_pprof_sample(void **state)
{
	struct stacks s;
	struct pbuf b = { 0 };
	struct pprof_opts o = { .period_ns = 10 };
	size_t i = 0, end;
	int nsample = 0;
	(void)state;
	assert_int_equal(stacks_init(&s, 0, 0), 0);
	assert_int_equal(stacks_add(&s, "root;leaf", 9, 7), 0);
	assert_int_equal(pprof_encode(&b, &s, &o), 0);
	while (i < b.len) {
		uint64_t key = rd(b.p, &i), n = rd(b.p, &i);	/* a varint's value, or a length */

		assert_true((key & 7) == 0 || (key & 7) == 2);
		if ((key & 7) == 0)
			continue;
		end = i + n;
		if (key >> 3 == 2) {	/* Sample {1: packed ids, 2: packed values} */
			size_t j = i;

			nsample++;
			assert_int_equal(rd(b.p, &j), (1 << 3) | 2);
			assert_int_equal(rd(b.p, &j), 2);
			assert_int_equal(rd(b.p, &j), 2);	/* leaf: the second frame seen */
			assert_int_equal(rd(b.p, &j), 1);	/* root */
			assert_int_equal(rd(b.p, &j), (2 << 3) | 2);
			assert_int_equal(rd(b.p, &j), 2);
			assert_int_equal(rd(b.p, &j), 7);	/* samples */
			assert_int_equal(rd(b.p, &j), 70);	/* cpu ns = 7 * period */
			assert_int_equal(j, end);
		}
		i = end;
	}
	assert_int_equal(i, b.len);
	assert_int_equal(nsample, 1);
	pb_free(&b);
	stacks_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_varint),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_pprof_sample),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
