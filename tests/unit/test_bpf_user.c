/* User halves of the BPF tools on synthetic map contents: histogram folding,
 * percentiles, stack merging, exec argument parsing, per-CPU syscall sums,
 * flag and name tables, and the histogram renderer. */
#include "test.h"

#include <fcntl.h>

#include "bpf/biolatency_api.h"
#include "bpf/bpf_env.h"
#include "bpf/hist.h"
#include "bpf/log2_hist.h"
#include "bpf/offcputime_api.h"
#include "bpf/snoop_api.h"
#include "bpf/syscall_names.h"
#include "bpf/tcptool_api.h"
#include "views/log2_hist.h"

static void test_fold(void **state)
{
	struct hist raw = { .slots = { [0] = 1, [3] = 4, [10] = 2 }, .sum = 2100, .comm = "sleeper" };
	struct log2_hist h = { 0 };

	(void)state;
	log2_hist_fold(&h, &raw);
	log2_hist_fold(&h, &raw);	/* two CPUs' worth: everything doubles */
	assert_int_equal(h.slots[0], 2);
	assert_int_equal(h.slots[3], 8);
	assert_int_equal(h.slots[10], 4);
	assert_int_equal(h.count, 14);	/* 2 * (1 + 4 + 2) */
	assert_int_equal(h.sum, 4200);
	assert_string_equal(h.name, "sleeper");
	assert_int_equal(log2_hist_max_slot(&h), 10);
	/* mean = 4200 / 14 = 300 */
	assert_true(fabs(log2_hist_mean(&h) - 300.0) < 1e-9);
}

/* The slot the BPF programs count a value in: floor(log2), clamped to the
 * last slot (a mask sent 2^32 us, 71 minutes, to slot 0). */
static void test_hist_slot(void **state)
{
	(void)state;
	assert_int_equal(hist_slot(0), 0);
	assert_int_equal(hist_slot(1), 0);
	assert_int_equal(hist_slot(2), 1);
	assert_int_equal(hist_slot(3), 1);
	assert_int_equal(hist_slot(1023), 9);
	assert_int_equal(hist_slot(1024), 10);
	assert_int_equal(hist_slot(1ULL << 31), 31);
	assert_int_equal(hist_slot((1ULL << 32) - 1), 31);
	assert_int_equal(hist_slot(1ULL << 32), HIST_SLOTS - 1);	/* log2 32 */
	assert_int_equal(hist_slot(1ULL << 37), HIST_SLOTS - 1);	/* log2 37: 37 & 31 = 5 */
	assert_int_equal(hist_slot(UINT64_MAX), HIST_SLOTS - 1);	/* log2 63 */
	assert_int_equal(hist_log2(1ULL << 37), 37);
}

static void test_slots_and_percentile(void **state)
{
	struct log2_hist h = { .slots = { [1] = 50, [5] = 49, [12] = 1 }, .count = 100 };
	struct log2_hist empty = { 0 };

	(void)state;
	assert_int_equal(log2_slot_low(0), 0);
	assert_int_equal(log2_slot_high(0), 1);
	assert_int_equal(log2_slot_low(5), 32);
	assert_int_equal(log2_slot_high(5), 63);
	/* p50: the 50th event is the last of slot 1 -> upper bound 3 */
	assert_int_equal(log2_hist_percentile(&h, 50), 3);
	/* p99: the 99th event is the last of slot 5 -> 63; p100 -> slot 12 -> 8191 */
	assert_int_equal(log2_hist_percentile(&h, 99), 63);
	assert_int_equal(log2_hist_percentile(&h, 100), 8191);
	assert_int_equal(log2_hist_percentile(&empty, 50), 0);
	assert_int_equal(log2_hist_max_slot(&empty), -1);
	assert_true(isnan(log2_hist_mean(&empty)));
}

static void test_hists_keyed(void **state)
{
	struct hist a = { .slots = { [2] = 3 }, .sum = 15 }, b = { .slots = { [4] = 1 }, .sum = 20 };
	struct log2_hists hs = { 0 };
	struct log2_hist total;

	(void)state;
	log2_hist_fold(log2_hists_get(&hs, 7), &a);
	log2_hist_fold(log2_hists_get(&hs, 3), &b);
	log2_hist_fold(log2_hists_get(&hs, 7), &a);	/* same key: folded in */
	assert_int_equal(hs.n, 2);
	log2_hists_sort(&hs);
	assert_int_equal(hs.h[0].key, 3);
	assert_int_equal(hs.h[1].key, 7);
	assert_int_equal(hs.h[1].slots[2], 6);
	log2_hists_total(&hs, &total);
	assert_int_equal(total.count, 7);	/* 6 + 1 */
	assert_int_equal(total.sum, 50);	/* 15 + 15 + 20 */
	log2_hists_free(&hs);
}

static void test_hist_view(void **state)
{
	struct log2_hist h = { .slots = { [0] = 1, [2] = 4, [3] = 2 }, .count = 7 };
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	(void)state;
	log2_hist_print(f, &h, "usecs");
	fclose(f);
	/* slot 1 is empty but inside the range: printed with 0; 4 is the max (40 stars) */
	assert_string_equal(out,
		"     usecs               : count    distribution\n"
		"         0 -> 1          : 1        |**********                              |\n"
		"         2 -> 3          : 0        |                                        |\n"
		"         4 -> 7          : 4        |****************************************|\n"
		"         8 -> 15         : 2        |********************                    |\n");
	free(out);
}

static void test_stack_merge(void **state)
{
	uint64_t f1[] = { 0x401000, 0x402000, 0xffffffff81000000ULL };
	uint64_t f2[] = { 0x401000, 0x402000, 0xffffffff81000000ULL };
	uint64_t f3[] = { 0x409000, 0xffffffff81000000ULL };
	struct offcpu_stack a = { .pid = 101, .tgid = 100, .comm = "app", .total_us = 50000,
				  .count = 1, .nuser = 2, .nkern = 1, .frames = f1 };
	struct offcpu_stack b = a, c = a;
	struct offcpu_stacks st = { 0 };

	(void)state;
	b.pid = 102;		/* another thread, same stack */
	b.total_us = 30000;
	b.frames = f2;
	c.nuser = 1;		/* a different stack */
	c.total_us = 90000;
	c.frames = f3;
	assert_int_equal(offcpu_stacks_add(&st, &a), 0);
	assert_int_equal(offcpu_stacks_add(&st, &b), 0);
	assert_int_equal(offcpu_stacks_add(&st, &c), 0);
	offcpu_stacks_merge(&st, false);	/* per thread: nothing merges */
	assert_int_equal(st.n, 3);
	offcpu_stacks_merge(&st, true);		/* per process: a and b merge */
	assert_int_equal(st.n, 2);
	offcpu_stacks_sort(&st);
	assert_int_equal(st.s[0].total_us, 90000);
	assert_int_equal(st.s[1].total_us, 80000);	/* 50000 + 30000 */
	assert_int_equal(st.s[1].count, 2);
	assert_int_equal(st.s[1].pid, 100);
	offcpu_stacks_free(&st);
}

static void test_exec_args(void **state)
{
	static struct exec_event ev;
	const char *a;
	size_t len;

	(void)state;
	memcpy(ev.args, "/bin/echo\0hello\0a b\0", 20);
	ev.args_size = 20;
	ev.args_count = 3;
	a = exec_event_arg(&ev, 0, &len);
	assert_non_null(a);
	assert_int_equal(len, 9);
	assert_memory_equal(a, "/bin/echo", 9);
	a = exec_event_arg(&ev, 2, &len);
	assert_int_equal(len, 3);
	assert_memory_equal(a, "a b", 3);
	assert_null(exec_event_arg(&ev, 3, &len));
	/* a count that lies past the data stops at the bound */
	ev.args_count = 9;
	assert_null(exec_event_arg(&ev, 3, &len));
	/* no NUL at the end of the data: the length stops at args_size */
	memcpy(ev.args, "abcdef", 6);
	ev.args_size = 4;
	ev.args_count = 1;
	a = exec_event_arg(&ev, 0, &len);
	assert_int_equal(len, 4);
}

static void test_syscount_sum(void **state)
{
	struct syscount_val cpus[2] = {
		{ .count = 600, .errors = 1, .total_ns = 3000, .max_ns = 40 },
		{ .count = 400, .errors = 2, .total_ns = 1000, .max_ns = 90 },
	};
	struct syscount_val zero[2] = { 0 };
	struct syscount_val few[2] = { { .count = 5, .total_ns = 9000, .max_ns = 9000 } };
	struct syscount_table t = { 0 };

	(void)state;
	assert_int_equal(syscount_table_add(&t, 39, cpus, 2), 0);
	assert_int_equal(syscount_table_add(&t, 0, zero, 2), 0);	/* no calls: no row */
	assert_int_equal(syscount_table_add(&t, 1, few, 2), 0);
	assert_int_equal(t.n, 2);
	assert_int_equal(t.rows[0].count, 1000);
	assert_int_equal(t.rows[0].errors, 3);
	assert_int_equal(t.rows[0].total_ns, 4000);
	assert_int_equal(t.rows[0].max_ns, 90);
	assert_true(fabs(t.rows[0].avg_ns - 4.0) < 1e-9);	/* 4000 / 1000 */
	t.latency = true;	/* by time: write (9000 ns) first */
	syscount_table_sort(&t, 0);
	assert_int_equal(t.rows[0].nr, 1);
	t.latency = false;
	syscount_table_sort(&t, 1);
	assert_int_equal(t.n, 1);
	assert_int_equal(t.rows[0].nr, 39);
	syscount_table_free(&t);
}

static void test_names(void **state)
{
	char buf[128];

	(void)state;
#if defined(__x86_64__)
	assert_string_equal(syscall_name(39), "getpid");
	assert_string_equal(syscall_name(257), "openat");
	assert_int_equal(syscall_nr("execve"), 59);
#endif
	assert_null(syscall_name(-1));
	assert_null(syscall_name(100000));
	assert_string_equal(block_flags_str(1 | BLK_F_SYNC | BLK_F_FUA, buf, sizeof(buf)), "Write|Sync|FUA");
	assert_string_equal(block_flags_str(0, buf, sizeof(buf)), "Read");
	assert_string_equal(block_flags_str(77, buf, sizeof(buf)), "Op77");
	assert_string_equal(open_flags_str(O_WRONLY | O_CREAT | O_CLOEXEC, buf, sizeof(buf)),
			    "O_WRONLY|O_CREAT|O_CLOEXEC");
	assert_string_equal(tcptool_state_name(1), "ESTABLISHED");
	assert_string_equal(tcptool_state_name(99), "UNKNOWN");
}

static void test_errors(void **state)
{
	struct bpf_env_err e = { 0 };
	char buf[512];

	(void)state;
	bpf_env_fail(&e, -ENOENT, "attach", "raw_tp/sched_switch");
	bpf_env_strerror(&e, buf, sizeof(buf));
	assert_non_null(strstr(buf, "cannot attach raw_tp/sched_switch: this kernel lacks that tracepoint"));
	bpf_env_fail(&e, -ENOENT, "btf", "/sys/kernel/btf/vmlinux");
	bpf_env_strerror(&e, buf, sizeof(buf));
	assert_non_null(strstr(buf, "no BTF"));
	assert_non_null(strstr(buf, "CONFIG_DEBUG_INFO_BTF=y"));
	bpf_env_fail(&e, -EPERM, "caps", "");
	bpf_env_strerror(&e, buf, sizeof(buf));
	assert_non_null(strstr(buf, "run as root"));
	bpf_env_fail(&e, EACCES, "load", "runqlat");	/* positive errno is negated */
	assert_int_equal(e.err, -EACCES);
	bpf_env_strerror(&e, buf, sizeof(buf));
	assert_non_null(strstr(buf, "verifier rejected the runqlat programs"));
	bpf_env_fail(&e, -EOPNOTSUPP, "root", "");
	bpf_env_strerror(&e, buf, sizeof(buf));
	assert_string_equal(buf, "BPF tools trace the live system: --root is not supported");
	/* one line always */
	assert_null(strchr(buf, '\n'));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_hist_slot),
		cmocka_unit_test(test_slots_and_percentile),
		cmocka_unit_test(test_hists_keyed),
		cmocka_unit_test(test_hist_view),
		cmocka_unit_test(test_stack_merge),
		cmocka_unit_test(test_exec_args),
		cmocka_unit_test(test_syscount_sum),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
