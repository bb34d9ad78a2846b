/* What the BPF subcommands share around their own options: start-up checks
 * (live root, BTF, privileges), the one-line failure message, the PID filter
 * check and the "Tracing ..." ready line (stderr, so stdout stays data). */
#ifndef TRIAGE_CMD_BPF_CMD_H
#define TRIAGE_CMD_BPF_CMD_H

#include <stdbool.h>
#include <sys/types.h>

#include "bpf/bpf_env.h"
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

/* After option parsing: open the root, check BTF and privileges. Prints the
 * error; returns 0 or an exit status. */
int bpf_cmd_start(struct bpf_cmd *c);

/* Print e as "triage: CMD: ..." and return EXIT_FAIL. */
int bpf_cmd_fail(const struct bpf_cmd *c, const struct bpf_env_err *e);

/* "Tracing WHAT... Hit Ctrl-C to end." on stderr, flushed. */
void bpf_cmd_ready(const struct bpf_cmd *c, const char *what);

void bpf_cmd_end(struct bpf_cmd *c);

#endif
