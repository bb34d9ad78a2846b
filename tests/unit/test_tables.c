/* Every table keyed by an enum has a row for every value of the enum. A
 * _Static_assert on the size of an array declared with the enum's size is
 * always true, so a row left out would still compile: these walks are the
 * check (top.c's sort keys are one X-macro list instead). */
#include "test.h"

#include "analysis/rules.h"
#include "core/root.h"
#include "model/pidinfo.h"
#include "sources/cgroup.h"
#include "sources/nl_sockdiag.h"
#include "sources/perf_event.h"
#include "sources/proc_meminfo.h"
#include "sources/proc_net_netstat.h"
#include "sources/proc_net_snmp.h"
#include "sources/proc_net_sockstat.h"
#include "sources/proc_net_softnet.h"
#include "sources/proc_pid_fd.h"
#include "sources/proc_pid_limits.h"
#include "sources/proc_pid_ns.h"
#include "sources/proc_vmstat.h"
#include "sources/psi.h"
#include "views/perf_stat.h"
#include "views/pid.h"
#include "views/pidstat.h"

/* A filled name: not NULL, not empty (except where "" is the row). */
#define FILLED(s) do { assert_non_null(s); assert_true((s)[0] != '\0'); } while (0)

static void test_sources(void **state)
{
	(void)state;
	for (int f = 0; f < MI__COUNT; f++)
		FILLED(proc_meminfo_name((enum proc_meminfo_field)f));
	for (int f = 0; f < VM__COUNT; f++)
		FILLED(proc_vmstat_name((enum proc_vmstat_field)f));
	for (int f = 0; f < SNMP__COUNT; f++) {
		FILLED(proc_net_snmp_group((enum snmp_field)f));
		FILLED(proc_net_snmp_name((enum snmp_field)f));
	}
	for (int f = 0; f < NETSTAT__COUNT; f++) {
		FILLED(proc_net_netstat_group((enum netstat_field)f));
		FILLED(proc_net_netstat_name((enum netstat_field)f));
	}
	for (int f = 0; f < SOCKSTAT__COUNT; f++) {
		FILLED(proc_net_sockstat_group((enum sockstat_field)f));
		FILLED(proc_net_sockstat_name((enum sockstat_field)f));
	}
	for (int e = 0; e < PEV__COUNT; e++) {
		const struct perf_ev_desc *d = perf_ev_desc((enum perf_ev)e);

		assert_non_null(d);
		FILLED(d->name);
	}
	for (int l = 0; l < PL__COUNT; l++)
		FILLED(proc_pid_limits_name((enum proc_limit)l));
	for (unsigned s = 0; s < SD__MAX; s++)
		FILLED(nl_sockdiag_state_name(s, 0));
	for (int i = 0; i < NS__COUNT; i++)
		FILLED(proc_pid_ns_names[i]);
	for (int i = 0; i < PSI__COUNT; i++)
		FILLED(psi_names[i]);
	for (int i = 0; i < CG1__COUNT; i++)
		FILLED(cgroup_v1_names[i]);
}

/* softnet's fields are columns of a line: a field without its row would read
 * column 0, the same as SOFTNET_PROCESSED. A line whose every column differs
 * gives every field a different value. */
static void test_softnet_columns(void **state)
{
	static const char line[] =
		"00000001 00000002 00000003 00000004 00000005 00000006 00000007 "
		"00000008 00000009 0000000a 0000000b 0000000c 00000000\n";
	struct proc_net_softnet sn = { 0 };
	(void)state;

	assert_int_equal(proc_net_softnet_parse(line, sizeof(line) - 1, &sn), 0);
	assert_int_equal(sn.n, 1);
	for (int a = 0; a < SOFTNET__COUNT; a++) {
		assert_true(sn.cpus[0].have[a]);
		for (int b = a + 1; b < SOFTNET__COUNT; b++)
			assert_int_not_equal(sn.cpus[0].v[a], sn.cpus[0].v[b]);
	}
	proc_net_softnet_free(&sn);
}

static void test_core_and_rules(void **state)
{
	struct root r;
	char out[4200];
	(void)state;

	assert_int_equal(root_open(&r, FIXTURES "kmsg"), 0);
	for (int d = 0; d < ROOT__COUNT; d++) {
		root_path(&r, (enum root_dir)d, "x", out, sizeof(out));
		assert_null(strstr(out, "(null)"));
		assert_null(strstr(out, "//"));
	}
	root_close(&r);
	for (int i = 0; i < RULE__COUNT; i++) {
		FILLED(rule_defs[i].id);
		FILLED(rule_defs[i].kind);
		FILLED(rule_defs[i].metric);
		assert_true(rule_defs[i].use == 'U' || rule_defs[i].use == 'S' || rule_defs[i].use == 'E');
	}
}

static void test_views(void **state)
{
	struct pidstat_cols cols = { 0 };
	char *buf = NULL;
	size_t len = 0;
	(void)state;

	for (int t = 0; t < FD__TYPES; t++)
		FILLED(pid_fd_type_names[t]);
	for (int s = 0; s <= PSTAT_GONE; s++) {
		assert_non_null(perf_stat_state_text[s]);	/* PSTAT_OK's is "" */
		FILLED(perf_stat_state_json[s]);
	}
	for (int v = 0; v <= PVERD_OFF_CPU; v++)
		FILLED(perf_stat_verdict_json[v]);
	/* pidstat's table headers: each a few columns before "Command" */
	for (int a = 0; a < PIDSTAT__N; a++) {
		FILE *f = open_memstream(&buf, &len);

		assert_non_null(f);
		pidstat_print_header(f, "12:00:00", (enum pidstat_act)a, &cols);
		fclose(f);
		assert_null(strstr(buf, "(null)"));
		assert_true(strstr(buf, "PID") != NULL && strstr(buf, "Command") != NULL);
		assert_true(strstr(buf, "PID") + 10 < strstr(buf, "Command"));
		free(buf);
		buf = NULL;
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sources),
		cmocka_unit_test(test_softnet_columns),
		cmocka_unit_test(test_core_and_rules),
		cmocka_unit_test(test_views),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
