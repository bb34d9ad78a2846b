/* runqlat: types shared by runqlat.bpf.c and runqlat.c. */
#ifndef TRIAGE_BPF_RUNQLAT_H
#define TRIAGE_BPF_RUNQLAT_H

#include "bpf/hist.h"

/* What the histograms are keyed by (rodata targ_key). */
enum runqlat_key {
	RUNQLAT_KEY_NONE = 0,	/* one histogram, key 0 */
	RUNQLAT_KEY_TGID,	/* -P: per process */
	RUNQLAT_KEY_TID,	/* -L: per thread */
	RUNQLAT_KEY_CPU,	/* -C: per CPU the task ran on */
};

#endif
