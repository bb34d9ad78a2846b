/* triage strace's user half and view on synthetic events: strace's quoting,
 * argument decoding (flags, modes, sockaddrs, fds), return values, the
 * -c sums and the kernel half's copy table. */
#include "test.h"

#include <string.h>

#include "bpf/strace_api.h"
#include "bpf/strace_sigs.h"
#include "bpf/syscall_names.h"
#include "views/strace.h"

static const char *fdname(void *ctx, pid_t pid, long fd)
{
	(void)ctx; (void)pid;
	if (fd == -100)
		return "/home/u";
	if (fd == 3)
		return "/tmp/a\033b";
	return NULL;
}

/* The line strace_view_event prints for e. */
static const char *line(struct strace_event *e, bool durations, char *buf, size_t size)
{
	FILE *f = fmemopen(buf, size, "w");
	struct strace_view v = { .f = f, .durations = durations, .strsize = 32, .fdname = fdname };

	assert_non_null(f);
	strace_view_event(&v, e);
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return buf;
}

static void ev_init(struct strace_event *e, const char *name)
{
	memset(e, 0, sizeof(*e));
	e->pid = e->tid = 42;
	e->nr = (int)syscall_nr(name);
	assert_true(e->nr >= 0);
}

static void test_quote(void **state)
{
	char buf[128];
	struct strace_text t = { buf, 0, sizeof(buf) };

	(void)state;
	/* octal in the shortest form unless a digit follows, as strace */
	strace_text_quote(&t, (const unsigned char *)"a\"\\\n\0" "1\177x\033", 9, 32, false);
	assert_string_equal(buf, "\"a\\\"\\\\\\n\\0001\\177x\\33\"");
	t.n = 0;
	strace_text_quote(&t, (const unsigned char *)"hello", 5, 2, false);
	assert_string_equal(buf, "\"he\"...");
	/* a full buffer stays NUL-terminated and within bounds */
	char small[8];
	struct strace_text s = { small, 0, sizeof(small) };

	strace_text_quote(&s, (const unsigned char *)"0123456789", 10, 32, false);
	assert_int_equal(strlen(small), 7);
}

static void test_openat(void **state)
{
	struct strace_event e;
	char buf[512];

	(void)state;
	ev_init(&e, "openat");
	e.args[0] = (uint64_t)-100;
	e.args[2] = 01 | 0100 | 02000000;	/* O_WRONLY|O_CREAT|O_CLOEXEC */
	e.args[3] = 0640;
	memcpy(e.data[0], "/x/y", 5);
	e.len[0] = 5;
	e.ret = -2;
	e.dur_ns = 12000;
	assert_string_equal(line(&e, true, buf, sizeof(buf)),
			    "openat(AT_FDCWD</home/u>, \"/x/y\", O_WRONLY|O_CREAT|O_CLOEXEC, 0640) = "
			    "-1 ENOENT (No such file or directory) <0.000012>");
	/* without O_CREAT the mode is not shown; a new fd is decorated */
	e.args[2] = 0;
	e.ret = 3;
	assert_string_equal(line(&e, false, buf, sizeof(buf)),
			    "openat(AT_FDCWD</home/u>, \"/x/y\", O_RDONLY) = 3</tmp/a\\33b>");
}

static void test_short_line(void **state)
{
	struct strace_event e;
	char buf[256];

	(void)state;
	ev_init(&e, "close");
	e.args[0] = 7;
	/* the result starts at column 40, as strace's */
	assert_string_equal(line(&e, false, buf, sizeof(buf)),
			    "close(7)                                = 0");
	ev_init(&e, "exit_group");
	e.flags = STRACE_EV_NORETURN;
	e.args[0] = 1;
	assert_string_equal(line(&e, true, buf, sizeof(buf)),
			    "exit_group(1)                           = ?");
}

static void test_mmap_connect(void **state)
{
	static const unsigned char sin[16] = { 2, 0, 0x1f, 0x90, 127, 0, 0, 1 };
	struct strace_event e;
	char buf[512];

	(void)state;
	ev_init(&e, "mmap");
	e.args[1] = 8192;
	e.args[2] = 3;
	e.args[3] = 0x22;
	e.args[4] = (uint64_t)-1;
	e.ret = 0x7f0000001000;
	assert_string_equal(line(&e, false, buf, sizeof(buf)),
			    "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f0000001000");
	ev_init(&e, "connect");
	e.args[0] = 3;
	e.args[1] = 0x1000;
	e.args[2] = 16;
	memcpy(e.data[0], sin, sizeof(sin));
	e.len[0] = 16;
	e.ret = -111;
	assert_string_equal(line(&e, false, buf, sizeof(buf)),
			    "connect(3</tmp/a\\33b>, {sa_family=AF_INET, sin_port=htons(8080), "
			    "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 ECONNREFUSED (Connection refused)");
}

static void test_read_buf(void **state)
{
	struct strace_event e;
	char buf[512];

	(void)state;
	ev_init(&e, "read");
	e.args[0] = 5;
	e.args[1] = 0x1234;
	e.args[2] = 100;
	memset(e.data[0], 'a', 40);
	e.len[0] = 40;
	e.full_len[0] = 40;
	e.ret = 40;
	assert_string_equal(line(&e, false, buf, sizeof(buf)),
			    "read(5, \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"..., 100) = 40");
	e.ret = -4;	/* a failed read shows the pointer */
	assert_string_equal(line(&e, false, buf, sizeof(buf)),
			    "read(5, 0x1234, 100)                    = -1 EINTR (Interrupted system call)");
}

static void test_desc(void **state)
{
	struct strace_desc d;

	(void)state;
	strace_sig_desc(syscall_nr("sendto"), &d);
	assert_int_equal(d.traced, 1);
	assert_int_equal(d.kind[0], SCAP_BUF_IN);
	assert_int_equal(d.arg[0], 1);
	assert_int_equal(d.len_arg[0], 2);
	assert_int_equal(d.kind[1], SCAP_SOCKADDR_IN);
	assert_int_equal(d.arg[1], 4);
	assert_int_equal(d.len_arg[1], 5);
	strace_sig_desc(syscall_nr("execve"), &d);
	assert_int_equal(d.at_enter, 1);
	assert_int_equal(d.kind[0], SCAP_STR);
	strace_sig_desc(syscall_nr("exit_group"), &d);
	assert_int_equal(d.noreturn, 1);
	strace_sig_desc(syscall_nr("getpid"), &d);
	assert_int_equal(d.kind[0], SCAP_NONE);
	assert_int_equal(d.kind[1], SCAP_NONE);
}

static void test_counts(void **state)
{
	struct strace_count a[2] = { { 3, 1, 3000 }, { 2, 0, 7000 } }, b[2] = { { 5, 0, 1000 }, { 0 } };
	struct strace_counts c = { 0 };
	char buf[2048];
	FILE *f;

	(void)state;
	assert_int_equal(strace_counts_add(&c, 0, a, 2), 0);
	assert_int_equal(strace_counts_add(&c, 39, b, 2), 0);
	assert_int_equal(strace_counts_add(&c, 1, (struct strace_count[2]){ { 0 } }, 2), 0);
	strace_counts_finish(&c);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.rows[0].nr, 0);	/* 10 us before 1 us */
	assert_int_equal(c.rows[0].calls, 5);
	assert_int_equal(c.calls, 10);
	assert_int_equal(c.errors, 1);
	assert_int_equal(c.total_ns, 11000);
	f = fmemopen(buf, sizeof(buf), "w");
	strace_view_counts(f, &c);
	fclose(f);
	assert_non_null(strstr(buf, " 90.91    0.000010           2         5         1 read\n"));
	assert_non_null(strstr(buf, "  9.09    0.000001           0         5           getpid\n"));
	assert_non_null(strstr(buf, "100.00    0.000011           1        10         1 total\n"));
	strace_counts_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quote),
		cmocka_unit_test(test_openat),
		cmocka_unit_test(test_short_line),
		cmocka_unit_test(test_mmap_connect),
		cmocka_unit_test(test_read_buf),
		cmocka_unit_test(test_desc),
		cmocka_unit_test(test_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
