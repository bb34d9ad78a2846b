/* sources/task_feed: the task iterator's records turned into what
 * /proc/PID/stat prints, on literal records with hand-computed values:
 * cputime_adjust's split and its clamps, task_state_index, the ticks, and a
 * group's threads (live and dead) summed into its process. */
#include "test.h"

#include "bpf/tasks.h"
#include "sources/task_feed.h"

static void test_cputime_adjust(void **state)
{
	uint64_t ut, st;
	(void)state;
	/* The kernel already handed out 60 + 50 >= 100: that again. */
	task_feed_cputime_adjust(100, 5, 5, 60, 50, &ut, &st);
	assert_true(ut == 60 && st == 50);
	/* No system ticks: all user; no user ticks: all system. */
	task_feed_cputime_adjust(1000, 400, 0, 0, 0, &ut, &st);
	assert_true(ut == 1000 && st == 0);
	task_feed_cputime_adjust(1000, 0, 300, 0, 0, &ut, &st);
	assert_true(ut == 0 && st == 1000);
	/* Scaled: stime = 100 * 1000 / (300 + 100) = 250, utime = 750. */
	task_feed_cputime_adjust(1000, 300, 100, 0, 0, &ut, &st);
	assert_true(ut == 750 && st == 250);
	/* stime never below the last one (280): 280, utime 720 >= 700. */
	task_feed_cputime_adjust(1000, 300, 100, 700, 280, &ut, &st);
	assert_true(ut == 720 && st == 280);
	/* utime never below the last one (760): 760, stime = 1000 - 760. */
	task_feed_cputime_adjust(1000, 300, 100, 760, 200, &ut, &st);
	assert_true(ut == 760 && st == 240);
	/* 10^12 * 4 * 10^15 overflows 64 bits; the split must not:
	 * stime = 10^12 * 4*10^15 / (4 * 10^12) = 10^15. */
	task_feed_cputime_adjust(4000000000000000ULL, 3000000000000ULL, 1000000000000ULL, 0, 0, &ut, &st);
	assert_true(st == 1000000000000000ULL && ut == 3000000000000000ULL);
}

static void test_state(void **state)
{
	(void)state;
	assert_int_equal(task_feed_state(0x0, 0), 'R');
	assert_int_equal(task_feed_state(0x1, 0), 'S');
	assert_int_equal(task_feed_state(0x2, 0), 'D');
	assert_int_equal(task_feed_state(0x102, 0), 'D');	/* TASK_KILLABLE */
	assert_int_equal(task_feed_state(0x402, 0), 'I');	/* TASK_IDLE */
	assert_int_equal(task_feed_state(0x1000, 0), 'D');	/* TASK_RTLOCK_WAIT */
	assert_int_equal(task_feed_state(0x104, 0), 'T');	/* TASK_STOPPED */
	assert_int_equal(task_feed_state(0x8, 0), 't');		/* __TASK_TRACED */
	assert_int_equal(task_feed_state(0x0, 0x20), 'Z');	/* EXIT_ZOMBIE */
	assert_int_equal(task_feed_state(0x0, 0x10), 'X');	/* EXIT_DEAD */
	assert_int_equal(task_feed_state(0x40, 0), 'P');	/* TASK_PARKED */
}

static void test_ticks(void **state)
{
	(void)state;
	assert_int_equal(task_feed_ticks(10000000, 100), 1);
	assert_int_equal(task_feed_ticks(19999999, 100), 1);	/* cut, not rounded */
	assert_int_equal(task_feed_ticks(4000000, 250), 1);
	assert_int_equal(task_feed_ticks(10000000, 0), 1);	/* USER_HZ unknown: 100 */
	assert_int_equal(task_feed_ticks(1000000000, 3), 3);	/* 10^9 % 3 != 0 */
}

static struct tasks_leader leader(uint32_t pid, uint32_t flags)
{
	struct tasks_leader l = { .h = { .kind = TASKS_LEADER, .tgid = pid, .pid = pid, .flags = flags } };

	l.prio = 120;
	l.static_prio = 120;
	l.nr_threads = 1;
	l.ppid = 1;
	return l;
}

/* Records as the iterator writes them, back to back. */
struct recs {
	char b[4096];
	size_t len;
};

static void put(struct recs *r, const void *p, size_t n)
{
	assert_true(r->len + n <= sizeof(r->b));
	memcpy(r->b + r->len, p, n);
	r->len += n;
}

static void test_build(void **state)
{
	struct tasks_leader burner = leader(10, 0), stopped = leader(5, 0), kt = leader(2, TASK_FEED_PF_KTHREAD);
	struct tasks_thread th = { .h = { .kind = TASKS_THREAD, .tgid = 10, .pid = 12 } };
	struct tasks_thread orphan = { .h = { .kind = TASKS_THREAD, .tgid = 77, .pid = 99 } };
	const struct task_feed_item *it;
	struct task_feed f;
	struct recs r = { .len = 0 };
	uint32_t bad = 9;
	(void)state;

	/* Process 10: its own 100+50 ms (sum 150), a dead thread's 200+0 (sum
	 * 200, in signal), a live thread's 100+50 (sum 250). Ticks: utime 400,
	 * stime 100 ms over a runtime of 600: stime = 100 * 600 / 500 = 120 ms
	 * = 12 ticks, utime 480 ms = 48. */
	burner.h.utime = 100000000, burner.h.stime = 50000000, burner.h.sum_exec = 150000000;
	burner.sig_utime = 200000000, burner.sig_stime = 0, burner.sig_sum_exec = 200000000;
	th.h.utime = 100000000, th.h.stime = 50000000, th.h.sum_exec = 250000000;
	burner.static_prio = 125;			/* nice 5 */
	burner.total_vm = 1000, burner.rss = 77;
	burner.nr_threads = 2;
	burner.start_boottime = 123456789000ULL;	/* 12345 ticks */
	burner.state = 0x1, burner.euid = 1000;
	memcpy(burner.comm, "burner", 7);
	/* Process 5: SCHED_FIFO 10 (prio 99 - 10 = 89: priority -11), stopped;
	 * a comm of 15 characters, the kernel's most. */
	stopped.prio = 89, stopped.rt_priority = 10, stopped.policy = 1, stopped.state = 0x104;
	memcpy(stopped.comm, "0123456789abcde", 16);
	/* Out of PID order, a thread before its leader, one whose leader is gone. */
	put(&r, &th, sizeof(th));
	put(&r, &burner, sizeof(burner));
	put(&r, &stopped, sizeof(stopped));
	put(&r, &orphan, sizeof(orphan));
	put(&r, &kt, sizeof(kt));
	assert_int_equal(task_feed_build(r.b, r.len, 100, 4096, &f), 0);
	assert_int_equal(f.n, 3);
	assert_int_equal(f.v[0].stat.pid, 2);
	assert_int_equal(f.v[1].stat.pid, 5);
	assert_int_equal(f.v[2].stat.pid, 10);
	assert_true(f.v[0].kthread && !f.v[1].kthread && !f.v[2].kthread);
	it = task_feed_find(&f, 10);
	assert_non_null(it);
	assert_int_equal(it->stat.utime, 48);
	assert_int_equal(it->stat.stime, 12);
	assert_int_equal(it->stat.priority, 20);
	assert_int_equal(it->stat.nice, 5);
	assert_int_equal(it->stat.vsize, 4096000);
	assert_int_equal(it->stat.rss, 77);
	assert_int_equal(it->stat.num_threads, 2);
	assert_int_equal(it->stat.starttime, 12345);
	assert_int_equal(it->stat.state, 'S');
	assert_int_equal(it->stat.ppid, 1);
	assert_int_equal(it->uid, 1000);
	assert_string_equal(it->stat.comm, "burner");
	it = task_feed_find(&f, 5);
	assert_non_null(it);
	assert_int_equal(it->stat.priority, -11);
	assert_int_equal(it->stat.nice, 0);
	assert_int_equal(it->stat.state, 'T');
	assert_int_equal(it->stat.rt_priority, 10);
	assert_string_equal(it->stat.comm, "0123456789abcde");
	assert_null(task_feed_find(&f, 77));
	assert_null(task_feed_find(&f, 12));
	task_feed_free(&f);

	/* A cut record or an unknown kind: nothing, -EINVAL. */
	assert_int_equal(task_feed_build(r.b, r.len - 1, 100, 4096, &f), -EINVAL);
	assert_int_equal(f.n, 0);
	put(&r, &bad, sizeof(bad));
	assert_int_equal(task_feed_build(r.b, r.len, 100, 4096, &f), -EINVAL);
	assert_int_equal(task_feed_build(NULL, 0, 100, 4096, &f), 0);
	assert_int_equal(f.n, 0);
	task_feed_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cputime_adjust),
		cmocka_unit_test(test_state),
		cmocka_unit_test(test_ticks),
		cmocka_unit_test(test_build),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
