/* cmd/top_rows: the rows of top -b and the interactive top, on literal
 * records: which tasks a filter keeps (threads, a uid, a name in any case),
 * the sort by a field with ties in PID order, and -o's parser. */
#include "test.h"

#include <errno.h>
#include <string.h>

#include "cmd/top_rows.h"

static const struct pid_params P = { .dt_s = 1.0, .hz = 100, .page_kb = 4, .mem_total_kb = 1000000, .ncpus = 2 };

static struct proc_pid_rec task(int pid, int tid, uid_t uid, const char *comm, uint64_t utime, long rss)
{
	struct proc_pid_rec r = { .pid = pid, .tid = tid, .uid = uid, .fd_stat = -1, .fd_sched = -1, .fd_statm = -1,
				  .have = PROC_PID_STAT };

	snprintf(r.stat.comm, sizeof(r.stat.comm), "%s", comm);
	r.stat.pid = tid ? tid : pid;
	r.stat.ppid = pid == 1 ? 0 : 1;
	r.stat.state = 'S';
	r.stat.utime = utime;
	r.stat.rss = rss;
	r.stat.num_threads = pid == 100 ? 2 : 1;
	return r;
}

/* 1 init (root), 100 burner (uid 1000, threads 100 and 101), 200 Worker (uid 1000). */
static void sample(struct proc_pid_sample *s, uint64_t t)
{
	struct proc_pid_rec v[] = {
		task(1, 0, 0, "init", 10 * t, 500), task(100, 0, 1000, "burner", 80 * t, 100),
		task(100, 100, 1000, "burner", 50 * t, 100), task(100, 101, 1000, "burner", 30 * t, 100),
		task(200, 0, 1000, "Worker", 20 * t, 900),
	};

	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		assert_int_equal(proc_pid_sample_append(s, &v[i]), 0);
}

static void ids(const struct top_rows *t, char *out, size_t size)
{
	size_t k = 0;

	out[0] = '\0';
	for (size_t i = 0; i < t->n && k + 12 < size; i++) {
		const struct proc_pid_rec *c = t->lines[i].m->cur;
		k += (size_t)snprintf(out + k, size - k, "%s%d", i ? " " : "", c->tid ? c->tid : c->pid);
	}
}

static void test_filters(void **state)
{
	struct proc_pid_sample a, b;
	struct top_rows t;
	struct top_filter f = { 0 };
	char got[128];

	(void)state;
	sample(&a, 1);
	sample(&b, 2);
	/* the processes, by %CPU: burner 80, Worker 20, init 10 ticks in 1 s */
	assert_int_equal(top_rows_build(&t, &a, &b, &P, NULL, NULL), 0);
	top_rows_sort(&t, K_CPU, false);
	ids(&t, got, sizeof(got));
	assert_string_equal(got, "100 200 1");
	assert_string_equal(t.lines[0].user, "1000");	/* no passwd: the uid */
	top_rows_free(&t);
	/* threads: burner's two threads instead of burner; PID order */
	f.threads = true;
	assert_int_equal(top_rows_build(&t, &a, &b, &P, NULL, &f), 0);
	top_rows_sort(&t, K_PID, true);
	ids(&t, got, sizeof(got));
	assert_string_equal(got, "1 100 101 200");
	top_rows_free(&t);
	/* a uid, then a name in any case */
	f = (struct top_filter){ .by_uid = true, .uid = 1000 };
	assert_int_equal(top_rows_build(&t, &a, &b, &P, NULL, &f), 0);
	top_rows_sort(&t, K_PID, true);
	ids(&t, got, sizeof(got));
	assert_string_equal(got, "100 200");
	top_rows_free(&t);
	f = (struct top_filter){ .name = "WORK" };
	assert_int_equal(top_rows_build(&t, &a, &b, &P, NULL, &f), 0);
	ids(&t, got, sizeof(got));
	assert_string_equal(got, "200");
	top_rows_free(&t);
	/* RES: Worker's 900 pages = 3600 KiB first; -PID high to low */
	assert_int_equal(top_rows_build(&t, &a, &b, &P, NULL, NULL), 0);
	top_rows_sort(&t, K_RES, false);
	ids(&t, got, sizeof(got));
	assert_string_equal(got, "200 1 100");
	assert_int_equal(t.lines[0].res_kb, 3600);
	top_rows_sort(&t, K_PID, false);
	ids(&t, got, sizeof(got));
	assert_string_equal(got, "200 100 1");
	top_rows_free(&t);
	proc_pid_sample_free(&a);
	proc_pid_sample_free(&b);
}

static void test_keys(void **state)
{
	enum top_key k = K_PID;
	bool asc = false;

	(void)state;
	assert_int_equal(top_key_parse("-%mem", &k, &asc), 0);
	assert_int_equal(k, K_MEM);
	assert_true(asc);
	assert_int_equal(top_key_parse("+TIME+", &k, &asc), 0);
	assert_int_equal(k, K_TIME);
	assert_false(asc);
	assert_int_equal(top_key_parse("bogus", &k, &asc), -EINVAL);
	assert_int_equal(k, K_TIME);	/* unchanged */
	/* every key has its name */
	for (int i = 0; i < K__COUNT; i++)
		assert_true(top_key_name((enum top_key)i)[0] != '?');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
