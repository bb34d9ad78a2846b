/* triage oomkill [-d S] [--json]: each OOM victim (oom:mark_victim), with
 * the task whose allocation triggered it and the victim's memory cgroup. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bpf/oomkill.h"
#include "cmd/bpf_cmd.h"
#include "core/err.h"
#include "core/escape.h"
#include "core/json.h"
#include <time.h>

struct view {
	bool json;
	long page_kb;
};

static void help(void)
{
	puts("Usage: triage oomkill [-d SECONDS] [-v] [--json]\n"
	     "Each task the OOM killer picks (oom:mark_victim): time, the task whose\n"
	     "allocation triggered it, the victim's PID, name, total VM and RSS (kB),\n"
	     "oom_score_adj and memory cgroup.\n"
	     "  -d, --duration S   stop after S seconds (default: at Ctrl-C)\n"
	     "  -v, --verbose      libbpf's messages\n"
	     "Needs root and a kernel with BTF. Exit status: 0 ok, 1 failure, 2 usage.");
}

static void text(const struct view *v, const struct oom_event *e, long long rss_kb)
{
	char clk[16];

	printf("%s Triggered by PID %u (\"", bpf_cmd_clock(clk), e->trig_pid);
	esc_term_fputs(stdout, e->trig_comm, strlen(e->trig_comm));
	printf("\"), OOM kill of PID %u (\"", e->pid);
	esc_term_fputs(stdout, e->comm, strlen(e->comm));
	printf("\"), %llu kB VM, %lld kB RSS, oom_score_adj %d, memcg \"",
	       (unsigned long long)e->total_vm * (unsigned long long)v->page_kb, rss_kb,
	       e->oom_score_adj);
	esc_term_fputs(stdout, e->memcg, strlen(e->memcg));
	puts("\"");
}

static void on_event(void *ctx, const struct oom_event *e)
{
	const struct view *v = ctx;
	long long rss = 0;
	struct json j;

	for (int i = 0; i < 4; i++)
		if (i != 2 && e->rss[i] > 0)	/* 2: swap entries, not resident */
			rss += e->rss[i];
	rss *= v->page_kb;
	if (!v->json) {
		text(v, e, rss);
		return;
	}
	json_init(&j, stdout, false);
	json_obj_begin(&j, NULL);
	json_int(&j, "time", (long long)time(NULL));
	json_uint(&j, "pid", e->pid);
	json_uint(&j, "tid", e->tid);
	json_str(&j, "comm", e->comm);
	json_uint(&j, "uid", e->uid);
	json_uint(&j, "total_vm_kb", (unsigned long long)e->total_vm * (unsigned long long)v->page_kb);
	json_int(&j, "rss_kb", rss);
	json_int(&j, "oom_score_adj", e->oom_score_adj);
	json_str(&j, "memcg", e->memcg);
	json_uint(&j, "trigger_pid", e->trig_pid);
	json_uint(&j, "trigger_tid", e->trig_tid);
	json_str(&j, "trigger_comm", e->trig_comm);
	json_obj_end(&j);
	json_end(&j);
	fputc('\n', stdout);
}

static int poll(void *tool, int ms)
{
	return oomkill_poll(tool, ms);
}

int cmd_oomkill(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "duration", required_argument, 0, 'd' },
		{ "verbose", no_argument, 0, 'v' },
		{ 0 },
	};
	struct bpf_env_err e = { 0 };
	struct view v = { .page_kb = sysconf(_SC_PAGESIZE) / 1024 };
	struct oomkill *x = NULL;
	struct bpf_cmd bc;
	double duration = 0;
	int c, rc;

	bpf_cmd_init(&bc, "oomkill");
	optind = 1;
	while ((c = getopt_long(argc, argv, "hd:v", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &bc.co))
			continue;
		if (c == 'd' && !opt_parse_double(optarg, 0.001, 1e9, &duration))
			continue;
		if (c == 'v') {
			bc.verbose = true;
			continue;
		}
		if (c == 'd')
			err_msg("oomkill", "invalid duration '%s'", optarg);
		opt_usage_hint("oomkill");
		return EXIT_USAGE;
	}
	if (bc.co.help) {
		help();
		return EXIT_OK;
	}
	if ((rc = bpf_cmd_no_args(&bc, argc, argv, optind)))
		return rc;
	rc = bpf_cmd_start(&bc);
	if (rc)
		goto out;
	v.json = bc.co.json;
	if (oomkill_open(on_event, &v, &x, &e)) {
		rc = bpf_cmd_fail(&bc, &e);
		goto out;
	}
	bpf_cmd_ready(&bc, "OOM kills");
	rc = bpf_cmd_event_loop(&bc, poll, x, duration);
	if (oomkill_dropped(x))
		printf(v.json ? "{\"lost\":%llu}\n" : "lost %llu events (ring buffer full)\n",
		       (unsigned long long)oomkill_dropped(x));
out:
	oomkill_close(x);
	bpf_cmd_end(&bc);
	return rc;
}
