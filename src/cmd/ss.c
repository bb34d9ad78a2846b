/* triage ss [-s] [-t] [-u] [-l] [-a] [-p] [-n] [-i] [-4|-6] [state STATE]...:
 * TCP and UDP sockets over NETLINK_SOCK_DIAG, as iproute2's ss shows them. */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "core/err.h"
#include "core/opts.h"
#include "core/sampler.h"
#include "model/sock.h"
#include "sources/nl_sockdiag.h"
#include "sources/proc_pid_fd.h"
#include "views/ss.h"
#include "cmd/ss_summary.h"

enum { OPT_SAVE = OPT_COMMON__END };

static void help(void)
{
	puts("Usage: triage ss [-s] [-t] [-u] [-l] [-a] [-p] [-n] [-i] [-4|-6] [state STATE]...\n"
	     "         [--json] [--root DIR]\n"
	     "TCP and UDP sockets from the kernel's sock_diag netlink interface.\n"
	     "  -t, --tcp        TCP sockets      -u, --udp   UDP sockets (default: both)\n"
	     "  -l, --listening  listening (and unconnected UDP) sockets only\n"
	     "  -a, --all        all states (default: connected ones)\n"
	     "  -p, --processes  owning processes (needs root for other users' sockets)\n"
	     "  -i, --info       TCP internals: rtt, rto, cwnd, retrans ...\n"
	     "  -n, --numeric    accepted; addresses and ports are always numeric\n"
	     "  -4, -6           IPv4 or IPv6 only\n"
	     "  -s, --summary    counts: ss -s's lines and sockets per TCP state\n"
	     "  state STATE      established syn-sent syn-recv fin-wait-1 fin-wait-2\n"
	     "                   time-wait closed close-wait last-ack listening closing,\n"
	     "                   or all connected synchronized bucket big (repeatable)\n"
	     "      --save-dump DIR  also write the raw netlink dumps to DIR/sock_diag/\n"
	     "                   (replay them with --root DIR)\n"
	     "For a listener Recv-Q is the accept queue and Send-Q its backlog.\n"
	     "Exit status: 0 ok, 1 the dump failed, 2 bad usage.");
}

struct ss_args {
	bool tcp, udp, listen, all, procs, info, summary, v4, v6;
	uint32_t states;	/* from "state X"; 0: by -l/-a */
	const char *save;
};

static int parse_states(int argc, char **argv, int i, struct ss_args *a)
{
	while (i < argc) {
		uint32_t m;
		if (strcmp(argv[i], "state") != 0 || i + 1 >= argc) {
			err_msg("ss", "unexpected argument '%s'", argv[i]);
			return -EINVAL;
		}
		if (nl_sockdiag_state_mask(argv[i + 1], &m)) {
			err_msg("ss", "unknown state '%s'", argv[i + 1]);
			return -EINVAL;
		}
		a->states |= m;
		i += 2;
	}
	return 0;
}

/* ss's default selection: connected; -l listening (LISTEN, UDP UNCONN); -a all. */
static uint32_t state_mask(const struct ss_args *a)
{
	const uint32_t all = (1u << SD__MAX) - 2, listen = (1u << SD_LISTEN) | (1u << SD_CLOSE);

	if (a->states)
		return a->states;
	if (a->all)
		return all;
	if (a->listen)
		return listen;
	return all & ~listen;
}

static int dump_all(const struct root *r, const struct ss_args *a, struct sd_table *t)
{
	static const int fams[2] = { AF_INET, AF_INET6 };
	uint32_t states = state_mask(a);
	int err;

	for (int p = 0; p < 2; p++) {
		uint8_t proto = p ? IPPROTO_UDP : IPPROTO_TCP;
		if ((p == 0 && !a->tcp) || (p == 1 && !a->udp))
			continue;
		for (int f = 0; f < 2; f++) {
			if ((f == 0 && !a->v4) || (f == 1 && !a->v6))
				continue;
			err = nl_sockdiag_dump(r, fams[f], proto, states, t, a->save);
			if (err) {
				err_errno("ss", err, "sock_diag dump of %s%s sockets failed",
					  p ? "UDP" : "TCP", f ? "v6" : "v4");
				return err;
			}
		}
	}
	return 0;
}

/* ss -s on the sample loop: live, the last snapshot, or a recorded
 * window's last sample. */
static int run_summary(const struct common_opts *co)
{
	struct sample_want want = {
		.parts = SAMPLE_BIT(SOCKSTAT) | SAMPLE_BIT(SOCKSTAT6) | SAMPLE_BIT(SNMP),
		.uptime_optional = true, .sockets = true,
	};
	struct sample_loop lp;
	struct sample *s;
	struct sock_counts counts;
	struct ss_summary sum;
	int err = sample_loop_open(&lp, "ss", co, &want);

	if (err)
		return sample_loop_exit(err);
	err = sample_loop_last(&lp, &s);
	if (!err)
		err = ss_summary_of(&lp, s, &sum, &counts);
	if (!err)
		ss_summary_print(&sum, &counts, co->json);
	sample_loop_close(&lp);
	return err ? EXIT_FAIL : EXIT_OK;
}

static int run(const struct common_opts *co, struct ss_args *a)
{
	struct sampler smp;
	const struct root *r;
	struct sd_table t;
	struct fd_scan owners;
	struct sock_counts counts;
	struct ss_summary sum;
	int err, rc = EXIT_FAIL;

	/* several snapshots (--root A,B): the last one, as uptime does */
	err = sampler_open_last(&smp, "ss", co->root);
	if (err)
		return EXIT_FAIL;
	r = sampler_root(&smp);
	sd_table_init(&t, a->info && !a->summary);
	fd_scan_init(&owners);
	if (a->summary) {
		a->tcp = a->udp = a->all = true;
		a->states = 0;
		ss_summary_read(r, &sum);
	}
	if (dump_all(r, a, &t))
		goto out;
	if (a->summary) {
		sock_model_count(&t, &counts);
		rc = ss_summary_print(&sum, &counts, co->json);
		goto out;
	}
	if (a->procs && proc_pid_fd_scan_all(r, FDS_SOCKETS | FDS_LAZY_COMM, &owners) == 0 && owners.denied) {
		size_t orphans = 0;
		for (size_t i = 0; i < t.n; i++)
			orphans += t.s[i].inode && !fd_scan_sock_owner(&owners, t.s[i].inode);
		if (orphans)
			err_msg("ss", "%zu sockets without a known owner: the descriptors of %lu "
				"processes could not be read (not root, or no ptrace access)",
				orphans, owners.denied);
	}
	for (size_t i = 0; a->procs && i < t.n; i++) {	/* names of the owners shown */
		const struct fd_sock *o = t.s[i].inode ? fd_scan_sock_owner(&owners, t.s[i].inode) : NULL;
		for (; o && o < owners.socks + owners.nsocks && o->inode == t.s[i].inode; o++) {
			struct fd_proc *p = fd_scan_proc_mut(&owners, o->pid);
			if (p)
				fd_scan_comm(r, p);
		}
	}
	struct ss_view v = { .t = &t, .owners = a->procs ? &owners : NULL,
			     .netid = a->tcp && a->udp, .info = a->info };
	if (co->json)
		ss_print_json(stdout, &v);
	else
		ss_print(stdout, &v);
	rc = EXIT_OK;
out:
	fd_scan_free(&owners);
	sd_table_free(&t);
	sampler_close(&smp);
	return rc;
}

int cmd_ss(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONGOPTS,
		REPLAY_LONGOPTS,
		{ "summary", no_argument, 0, 's' }, { "tcp", no_argument, 0, 't' },
		{ "udp", no_argument, 0, 'u' }, { "listening", no_argument, 0, 'l' },
		{ "all", no_argument, 0, 'a' }, { "processes", no_argument, 0, 'p' },
		{ "numeric", no_argument, 0, 'n' }, { "info", no_argument, 0, 'i' },
		{ "ipv4", no_argument, 0, '4' }, { "ipv6", no_argument, 0, '6' },
		{ "save-dump", required_argument, 0, OPT_SAVE },
		{ 0 },
	};
	static char buf[1 << 16];
	struct common_opts co;
	struct ss_args a = { 0 };
	int c;

	common_opts_init(&co);
	optind = 1;
	while ((c = getopt_long(argc, argv, "hstulapni46", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &co))
			continue;
		switch (c) {
		case 's': a.summary = true; break;
		case 't': a.tcp = true; break;
		case 'u': a.udp = true; break;
		case 'l': a.listen = true; break;
		case 'a': a.all = true; break;
		case 'p': a.procs = true; break;
		case 'n': break;
		case 'i': a.info = true; break;
		case '4': a.v4 = true; break;
		case '6': a.v6 = true; break;
		case OPT_SAVE: a.save = optarg; break;
		default: opt_usage_hint("ss"); return EXIT_USAGE;
		}
	}
	if (co.help) {
		help();
		return EXIT_OK;
	}
	if (parse_states(argc, argv, optind, &a)) {
		opt_usage_hint("ss");
		return EXIT_USAGE;
	}
	if (!a.tcp && !a.udp)
		a.tcp = a.udp = true;
	if (!a.v4 && !a.v6)
		a.v4 = a.v6 = true;
	setvbuf(stdout, buf, _IOFBF, sizeof(buf));
	if (a.summary && !a.save)
		return run_summary(&co);
	if (co.from || co.to || co.store) {
		err_msg("ss", "only ss -s replays a recording (it holds socket counts, not the sockets)");
		opt_usage_hint("ss");
		return EXIT_USAGE;
	}
	return run(&co, &a);
}
