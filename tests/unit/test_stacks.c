/* model/stacks, views/folded, views/flame_svg: folding, limits, cleaning
 * of hostile names, and the SVG's frames. */
#include "test.h"

#include "model/stacks.h"
#include "views/flame_svg.h"
#include "views/folded.h"

static char out[1 << 16];

static const char *svg_of(const struct stacks *s)
{
	struct flame_opts o = { .title = "T<&>" };
	FILE *f = fmemopen(out, sizeof(out), "w");

	assert_int_equal(flame_svg_write(f, s, &o), 0);
	fclose(f);
	return out;
}

static void test_fold_and_sort(void **state)
{
	struct stacks s;
	const struct stack_ent **v;
	FILE *f;
	(void)state;

	assert_int_equal(stacks_init(&s, 0, 0), 0);
	stacks_add(&s, "p;main;b", 8, 2);
	stacks_add(&s, "p;main;a", 8, 1);
	stacks_add(&s, "p;main;b", 8, 3);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.total, 6);
	v = stacks_sorted(&s);
	assert_string_equal(v[0]->key, "p;main;a");
	assert_int_equal(v[1]->count, 5);
	free(v);
	f = fmemopen(out, sizeof(out), "w");
	folded_write(f, &s);
	fclose(f);
	assert_string_equal(out, "p;main;a 1\np;main;b 5\n");
	stacks_free(&s);
}

static void test_limits(void **state)
{
	struct stacks s;
	(void)state;

	/* 2 distinct stacks at most: the third's samples are dropped, counted */
	assert_int_equal(stacks_init(&s, 2, 0), 0);
	assert_int_equal(stacks_add(&s, "a", 1, 1), 0);
	assert_int_equal(stacks_add(&s, "b", 1, 1), 0);
	assert_int_equal(stacks_add(&s, "c", 1, 7), -ENOSPC);
	assert_int_equal(stacks_add(&s, "a", 1, 1), 0);	/* known ones still count */
	assert_int_equal(s.dropped_samples, 7);
	assert_int_equal(s.total, 3);
	stacks_free(&s);
	/* growth past the initial table */
	assert_int_equal(stacks_init(&s, 0, 0), 0);
	for (int i = 0; i < 5000; i++) {
		char k[16];
		int n = snprintf(k, sizeof(k), "x;%d", i);
		stacks_add(&s, k, (size_t)n, 1);
	}
	assert_int_equal(s.n, 5000);
	assert_int_equal(stacks_add(&s, "x;4999", 6, 1), 0);
	assert_int_equal(s.n, 5000);
	stacks_free(&s);
}

static void test_clean(void **state)
{
	char d[128];
	size_t n;
	(void)state;

	/* ';' inside a name, an invalid byte, a control, an escape sequence */
	n = stacks_frame_clean(d, 0, sizeof(d), "a;b\xff\x01\x1b[1m<&>\"'", 14);
	assert_string_equal(d, "a:b\\xff\\x01\\e[1m<&>\"'");
	assert_int_equal(n, strlen(d));
	/* idempotent: cleaning clean text changes nothing */
	char d2[128];
	stacks_frame_clean(d2, 0, sizeof(d2), d, n);
	assert_string_equal(d2, d);
	/* appends after what is there; bounded */
	stacks_frame_clean(d, 3, 6, "xyz123", 6);
	assert_string_equal(d, "a:bxy");
}

static void test_folded_parse(void **state)
{
	const char txt[] = "p;main;a 3\n\np;main;a 2\r\nq;x\xff;y z 4\n";
	struct stacks s;
	const struct stack_ent **v;
	int bad = 0;
	(void)state;

	assert_int_equal(stacks_init(&s, 0, 0), 0);
	assert_int_equal(folded_parse(txt, sizeof(txt) - 1, &s, &bad), 0);
	assert_int_equal(s.n, 2);
	v = stacks_sorted(&s);
	assert_int_equal(v[0]->count, 5);
	/* a space inside a frame is kept; the invalid byte is escaped */
	assert_string_equal(v[1]->key, "q;x\\xff;y z");
	assert_int_equal(v[1]->count, 4);
	free(v);
	assert_int_equal(folded_parse("a;b\n", 4, &s, &bad), -EINVAL);
	assert_int_equal(bad, 1);
	assert_int_equal(folded_parse("ok 1\na;b x\n", 11, &s, &bad), -EINVAL);
	assert_int_equal(bad, 2);
	stacks_free(&s);
}

static void test_svg(void **state)
{
	struct stacks s;
	const char *svg;
	(void)state;

	assert_int_equal(stacks_init(&s, 0, 0), 0);
	/* 4 samples: main 4 (100%), a 3 (75%), b 1 (25%), kernel frame in a */
	stacks_add(&s, "p;main;a", 8, 2);
	stacks_add(&s, "p;main;a;sys_read_[k]", 21, 1);
	stacks_add(&s, "p;main;b<&>\"'", 13, 1);
	svg = svg_of(&s);
	assert_non_null(strstr(svg, "data-total=\"4\""));
	assert_non_null(strstr(svg, "<title>all (4 samples, 100.00%)</title>"));
	assert_non_null(strstr(svg, "<title>main (4 samples, 100.00%)</title>"));
	assert_non_null(strstr(svg, "<title>a (3 samples, 75.00%)</title>"));
	assert_non_null(strstr(svg, "<title>sys_read_[k] (1 samples, 25.00%)</title>"));
	/* escaped name and title */
	assert_non_null(strstr(svg, "<title>b&lt;&amp;&gt;&quot;&#39; (1 samples, 25.00%)</title>"));
	assert_non_null(strstr(svg, ">T&lt;&amp;&gt;</text>"));
	assert_null(strstr(svg, "b<&"));
	/* a starts at sample 0, b at 3 (sorted: "a" < "b"); depth of a = 3 */
	assert_non_null(strstr(svg, "<g data-s=\"0\" data-n=\"3\" data-d=\"3\">"));
	assert_non_null(strstr(svg, "<g data-s=\"3\" data-n=\"1\" data-d=\"3\">"));
	/* widths: (1200 - 20) * 3/4 = 885 px for a */
	assert_non_null(strstr(svg, "width=\"885.00\""));
	/* the same stacks give the same bytes */
	char *copy = strdup(svg);
	assert_string_equal(svg_of(&s), copy);
	free(copy);
	stacks_free(&s);
	/* empty */
	assert_int_equal(stacks_init(&s, 0, 0), 0);
	assert_non_null(strstr(svg_of(&s), "no samples"));
	stacks_free(&s);
}

/* Random folded-ish text: parses or fails cleanly; whatever parses renders
 * to well-bounded SVG (run under ASan by make check). */
static void test_fuzz(void **state)
{
	static const char alphabet[] = "ab;; 019\n\xff<&\x01";
	unsigned seed = 7;
	char buf[300];
	(void)state;

	for (int i = 0; i < 3000; i++) {
		struct stacks s;
		size_t len = (size_t)(rand_r(&seed) % sizeof(buf));
		int bad = 0;

		for (size_t k = 0; k < len; k++)
			buf[k] = alphabet[rand_r(&seed) % (sizeof(alphabet) - 1)];
		assert_int_equal(stacks_init(&s, 0, 0), 0);
		if (folded_parse(buf, len, &s, &bad) == 0)
			svg_of(&s);
		else
			assert_true(bad >= 1);
		stacks_free(&s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_and_sort),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_folded_parse),
		cmocka_unit_test(test_svg),
		cmocka_unit_test(test_fuzz),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
