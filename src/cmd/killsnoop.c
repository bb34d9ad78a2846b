/* triage killsnoop [-x] [-p PID] [-s SIGNAL] [-d S] [--json]: each signal
 * generated (signal:signal_generate: by kill() and friends or by the kernel)
 * and each kill/tkill/tgkill that failed, as bcc's killsnoop. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "bpf/killsnoop.h"
#include "cmd/bpf_cmd.h"
#include "core/err.h"
#include "core/escape.h"
#include "core/json.h"

static void help(void)
{
	puts("Usage: triage killsnoop [-xv] [-p PID] [-s SIGNAL] [-d SECONDS] [--json]\n"
	     "Each signal sent, from signal:signal_generate (kill(), tkill(), tgkill(), and the\n"
	     "kernel's own: SIGCHLD, SIGPIPE, SIGSEGV ...), and each kill/tkill/tgkill call that\n"
	     "failed (no signal generated): time, sender PID and name, signal, target PID and\n"
	     "name, the call it came from (\"-\": none), si_code, and the result (delivered,\n"
	     "ignored, already_pending, overflow_fail, lose_info) or the call's errno.\n"
	     "  -x, --failed       only failed calls and signals not delivered\n"
	     "  -p, --pid PID      only signals sent by this process\n"
	     "  -s, --signal SIG   only this signal (a number, USR1 or SIGUSR1)\n"
	     "  -d, --duration S   stop after S seconds (default: at Ctrl-C)\n"
	     "  -v, --verbose      libbpf's messages\n"
	     "Needs root and a kernel with BTF. Exit status: 0 ok, 1 failure, 2 usage.");
}

static const char *sig_name(int sig, char *buf, size_t size)
{
	const char *s = sig > 0 ? sigabbrev_np(sig) : NULL;

	if (s)
		snprintf(buf, size, "SIG%s", s);
	else if (sig >= 32 && sig <= 64)
		snprintf(buf, size, "SIGRT_%d", sig - 32);	/* strace's names */
	else
		snprintf(buf, size, "%d", sig);
	return buf;
}

/* A number, or a name with or without "SIG"; 0 (the null signal) allowed. */
static int parse_sig(const char *arg, int *out)
{
	const char *n = strncasecmp(arg, "SIG", 3) ? arg : arg + 3;
	char *end;
	long v = strtol(arg, &end, 10);

	if (*arg && !*end && v >= 0 && v <= 64) {
		*out = (int)v;
		return 0;
	}
	for (int s = 1; s < 32; s++)
		if (sigabbrev_np(s) && !strcasecmp(n, sigabbrev_np(s))) {
			*out = s;
			return 0;
		}
	return -1;
}

static const char *code_name(const struct killsnoop_event *e)
{
	static const char *const neg[] = { "SI_USER", "SI_QUEUE", "SI_TIMER", "SI_MESGQ",
		"SI_ASYNCIO", "SI_SIGIO", "SI_TKILL", "SI_DETHREAD" };
	static const char *const cld[] = { NULL, "CLD_EXITED", "CLD_KILLED", "CLD_DUMPED",
		"CLD_TRAPPED", "CLD_STOPPED", "CLD_CONTINUED" };
	static const char *const segv[] = { NULL, "SEGV_MAPERR", "SEGV_ACCERR", "SEGV_BNDERR",
		"SEGV_PKUERR" };

	if (e->code == 0x80)
		return "SI_KERNEL";
	if (e->code <= 0 && e->code > -8)
		return neg[-e->code];
	if (e->code == -60)
		return "SI_ASYNCNL";
	if (e->sig == SIGCHLD && e->code > 0 && e->code < 7)
		return cld[e->code];
	if (e->sig == SIGSEGV && e->code > 0 && e->code < 5)
		return segv[e->code];
	return NULL;
}

static const char *call_name(unsigned call)
{
	static const char *const n[] = { NULL, "kill", "tkill", "tgkill" };

	return call < 4 ? n[call] : NULL;
}

static const char *result_name(int r)
{
	static const char *const n[] = { "delivered", "ignored", "already_pending",
		"overflow_fail", "lose_info" };

	return r >= 0 && r < 5 ? n[r] : "?";
}

static void text(const struct killsnoop_event *e)
{
	const char *cn = code_name(e), *err = e->result < 0 ? strerrorname_np(-e->result) : NULL;
	char clk[16], sig[16], code[16];
	int w;

	snprintf(code, sizeof(code), "%d", e->code);
	printf("%-8s %-7u ", bpf_cmd_clock(clk), e->pid);
	esc_term_fputs(stdout, e->comm, strlen(e->comm));
	for (w = (int)esc_term_width(e->comm, strlen(e->comm)); w < 16; w++)
		putchar(' ');
	printf(" %-9s %-7d ", sig_name(e->sig, sig, sizeof(sig)), e->tpid ? e->tpid : e->ttid);
	if (e->kind == KS_SIGNAL)
		esc_term_fputs(stdout, e->tcomm, strlen(e->tcomm));
	else
		putchar('-');
	for (w = e->kind == KS_SIGNAL ? (int)esc_term_width(e->tcomm, strlen(e->tcomm)) : 1; w < 16; w++)
		putchar(' ');
	printf(" %-6s ", call_name(e->call) ? call_name(e->call) : "-");
	if (e->kind == KS_SIGNAL)
		printf("%-11s %s\n", cn ? cn : code, result_name(e->result));
	else
		printf("%-11s -1 %s\n", "-", err ? err : "?");
}

static void json(const struct killsnoop_event *e)
{
	const char *cn = code_name(e), *err = e->result < 0 ? strerrorname_np(-e->result) : NULL;
	char sig[16];
	struct json j;

	json_init(&j, stdout, false);
	json_obj_begin(&j, NULL);
	json_int(&j, "time", (long long)time(NULL));
	json_uint(&j, "pid", e->pid);
	json_uint(&j, "tid", e->tid);
	json_str(&j, "comm", e->comm);
	json_str(&j, "signal", sig_name(e->sig, sig, sizeof(sig)));
	json_int(&j, "signo", e->sig);
	json_int(&j, "target_pid", e->tpid);
	json_int(&j, "target_tid", e->ttid);
	json_str(&j, "target_comm", e->kind == KS_SIGNAL ? e->tcomm : NULL);
	json_str(&j, "call", call_name(e->call));
	if (e->kind == KS_SIGNAL) {
		json_int(&j, "code", e->code);
		json_str(&j, "code_name", cn);
		json_bool(&j, "group", e->group);
		json_str(&j, "result", result_name(e->result));
		json_null(&j, "errno");
	} else {
		json_null(&j, "code");
		json_null(&j, "code_name");
		json_null(&j, "group");
		json_str(&j, "result", "failed");
		json_str(&j, "errno", err ? err : "?");
	}
	json_obj_end(&j);
	json_end(&j);
}

static void on_event(void *ctx, const struct killsnoop_event *e)
{
	if (*(const bool *)ctx)
		json(e);
	else
		text(e);
}

static int poll(void *tool, int ms)
{
	return killsnoop_poll(tool, ms);
}

static int parse(struct bpf_cmd *bc, int argc, char **argv, struct killsnoop_opts *o,
		 double *duration)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		{ "failed", no_argument, 0, 'x' },
		{ "pid", required_argument, 0, 'p' },
		{ "signal", required_argument, 0, 's' },
		{ "duration", required_argument, 0, 'd' },
		{ "verbose", no_argument, 0, 'v' },
		{ 0 },
	};
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "hxp:s:d:v", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &bc->co))
			continue;
		switch (c) {
		case 'x': o->failed = true; break;
		case 'p':
			if ((rc = bpf_cmd_pid(bc, optarg, &o->pid)))
				return rc;
			break;
		case 's':
			if (parse_sig(optarg, &o->sig)) {
				err_msg("killsnoop", "invalid signal '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'd':
			if (opt_parse_double(optarg, 0.001, 1e9, duration)) {
				err_msg("killsnoop", "invalid duration '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'v': bc->verbose = true; break;
		default: opt_usage_hint("killsnoop"); return EXIT_USAGE;
		}
	}
	return bc->co.help ? 0 : bpf_cmd_no_args(bc, argc, argv, optind);
}

int cmd_killsnoop(int argc, char **argv)
{
	struct killsnoop_opts o = { 0 };
	struct bpf_env_err e = { 0 };
	struct killsnoop *k = NULL;
	struct bpf_cmd bc;
	double duration = 0;
	int rc;

	bpf_cmd_init(&bc, "killsnoop");
	if ((rc = parse(&bc, argc, argv, &o, &duration)))
		return rc;
	if (bc.co.help) {
		help();
		return EXIT_OK;
	}
	rc = bpf_cmd_start(&bc);
	if (rc)
		goto out;
	if (killsnoop_open(&o, on_event, &bc.co.json, &k, &e)) {
		rc = bpf_cmd_fail(&bc, &e);
		goto out;
	}
	if (!bc.co.json)
		printf("%-8s %-7s %-16s %-9s %-7s %-16s %-6s %-11s %s\n", "TIME", "PID", "COMM", "SIG",
		       "TPID", "TCOMM", "CALL", "CODE", "RESULT");
	bpf_cmd_ready(&bc, "signals");
	rc = bpf_cmd_event_loop(&bc, poll, k, duration);
	if (killsnoop_dropped(k))
		printf(bc.co.json ? "{\"lost\":%llu}\n" : "lost %llu events (ring buffer full)\n",
		       (unsigned long long)killsnoop_dropped(k));
out:
	killsnoop_close(k);
	bpf_cmd_end(&bc);
	return rc;
}
