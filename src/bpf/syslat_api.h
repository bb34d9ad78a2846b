/* syslat, user half: time inside syscalls as log2 histograms, one per
 * syscall (per syscall and process with per_proc). Never prints.
 * The histograms' keys are SYSLAT_KEY(nr, tgid) (bpf/syslat.h); a per-process
 * histogram's name is the process's comm (untrusted). */
#ifndef TRIAGE_BPF_SYSLAT_API_H
#define TRIAGE_BPF_SYSLAT_API_H

#include <stdbool.h>
#include <sys/types.h>

#include "bpf/bpf_env.h"
#include "bpf/log2_hist.h"
#include "bpf/syslat.h"

struct syslat_opts {
	pid_t pid;		/* only this process; 0 = all */
	const bool *only;	/* SYSLAT_MAX_NR flags; NULL = every syscall */
	bool per_proc;		/* -P */
	bool ms;		/* -m: milliseconds (default microseconds) */
};

struct syslat;

int syslat_open(const struct syslat_opts *o, struct syslat **out, struct bpf_env_err *e);
/* Fold the histograms into hs (unit, dropped set); with clear, reset them. */
int syslat_read(struct syslat *s, struct log2_hists *hs, bool clear);
void syslat_close(struct syslat *s);

#endif
