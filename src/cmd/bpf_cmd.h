/* What the BPF subcommands share around their own options: start-up checks
 * (live root, BTF, privileges), the one-line failure message, the PID filter
 * check and the "Tracing ..." ready line (stderr, so stdout stays data). */
#ifndef TRIAGE_CMD_BPF_CMD_H
#define TRIAGE_CMD_BPF_CMD_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "bpf/bpf_env.h"
#include "bpf/log2_hist.h"
#include "core/opts.h"
#include "core/sampler.h"

struct bpf_cmd {
	const char *name;	/* the subcommand, for messages */
	struct common_opts co;
	struct sampler smp;	/* live root; SIGINT/SIGTERM handlers */
	bool verbose;		/* -v: libbpf's own messages */
	bool opened;
};

/* Common-option defaults. */
void bpf_cmd_init(struct bpf_cmd *c, const char *name);

/* Parse a PID argument: a number > 0 naming a live process. Prints the error;
 * returns 0, or EXIT_USAGE (not a number) / EXIT_FAIL (no such process). */
int bpf_cmd_pid(struct bpf_cmd *c, const char *arg, pid_t *out);

struct snoop_opts;

/* The options execsnoop and opensnoop share: -x (failed calls only), -u UID,
 * -c CGROUP, -T (time column), -d SECONDS, -v. Returns 1 when opt was one
 * of them, 0 when it was not, -1 after printing what was wrong with arg. */
int bpf_cmd_snoop_opt(struct bpf_cmd *c, int opt, const char *arg, struct snoop_opts *o,
		      bool *timestamp, double *duration);

/* Arguments left after the options: print the first and return EXIT_USAGE;
 * 0 when there are none. */
int bpf_cmd_no_args(const struct bpf_cmd *c, int argc, char **argv, int first);

/* After option parsing: open the root, check BTF and privileges. Prints the
 * error; returns 0 or an exit status. */
int bpf_cmd_start(struct bpf_cmd *c);

/* Print e as "triage: CMD: ..." and return EXIT_FAIL. */
int bpf_cmd_fail(const struct bpf_cmd *c, const struct bpf_env_err *e);

/* "Tracing WHAT... Hit Ctrl-C to end." on stderr, flushed. */
void bpf_cmd_ready(const struct bpf_cmd *c, const char *what);

void bpf_cmd_end(struct bpf_cmd *c);

/* Histogram tools: read (and reset) the tool's histograms into hs. */
typedef int (*bpf_cmd_read_fn)(void *tool, struct log2_hists *hs);

/* Print rd's histograms every interval, count times (count < 0: until
 * Ctrl-C); with interval 0, once at Ctrl-C. Text, or one JSON object per
 * line under json_key. Returns an exit status. */
int bpf_cmd_hist_loop(struct bpf_cmd *c, const char *json_key, bpf_cmd_read_fn rd, void *tool,
		      double interval, long count, bool timestamp);

/* Events tools: wait up to timeout_ms for events, hand them on; returns the
 * count or -errno (-EINTR on a signal). */
typedef int (*bpf_cmd_poll_fn)(void *tool, int timeout_ms);

/* Poll until Ctrl-C or duration seconds (0: no limit). Returns an exit status. */
int bpf_cmd_event_loop(struct bpf_cmd *c, bpf_cmd_poll_fn poll, void *tool, double duration);

/* Table tools (filetop, tcptop): report(tool) every interval seconds, count
 * times (count < 0: until Ctrl-C), stopping at duration seconds too (0: no
 * limit; the last interval is cut to end with it). Returns an exit status:
 * EXIT_FAIL when report returns non-zero. */
typedef int (*bpf_cmd_report_fn)(void *tool);
int bpf_cmd_interval_loop(struct bpf_cmd *c, bpf_cmd_report_fn report, void *tool, double interval,
			  long count, double duration);

/* The root's /proc/loadavg as top-like tools print it after the clock
 * ("0.08 0.03 0.01 1/124 3325") into buf; "" when unreadable. */
const char *bpf_cmd_loadavg(const struct bpf_cmd *c, char *buf, size_t size);

/* A disk name (sda, nvme0n1) as the kernel's dev_t (major << 20 | minor), from
 * the device node under the root's dev/. Prints the error; 0 or exit status. */
int bpf_cmd_disk(struct bpf_cmd *c, const char *name, uint32_t *dev);

/* "HH:MM:SS" of now into buf (9 bytes). */
const char *bpf_cmd_clock(char *buf);

#endif
