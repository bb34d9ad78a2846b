/* cachestat (system-wide), user half: page-cache counters kept in the
 * kernel (bpf/cachestat.bpf.c); never prints.
 * cachestat_sys_open() loads and attaches (tp_btf, raw_tp when not);
 * cachestat_sys_read() sums each counter over the CPUs (pages since attach);
 * cachestat_sys_close() detaches (NULL is fine). */
#ifndef TRIAGE_BPF_CACHESTAT_API_H
#define TRIAGE_BPF_CACHESTAT_API_H

#include <stdint.h>
#include <sys/types.h>

#include "bpf/bpf_env.h"
#include "bpf/cachestat.h"

struct cachestat_sys;

/* pid: only this process (0: all); the tool itself is always left out. */
int cachestat_sys_open(pid_t pid, struct cachestat_sys **out, struct bpf_env_err *e);
void cachestat_sys_read(struct cachestat_sys *x, uint64_t v[CS__COUNT]);
void cachestat_sys_close(struct cachestat_sys *x);

#endif
