/* sar -n SOFT's arithmetic (sysstat 12.6 pr_stats.c print_softnet_stats) on
 * two samples of /proc/net/softnet_stat: per CPU and for all CPUs,
 *   total/s   = delta processed / dt
 *   dropd/s   = delta dropped / dt
 *   squeezd/s = delta time_squeeze / dt
 *   rx_rps/s  = delta received_rps / dt
 *   flw_lim/s = delta flow_limit_count / dt
 *   blg_len   = softnet_backlog_len of the later sample (a gauge)
 * "all" is the sum over the CPUs in both samples (sysstat sums the CPUs'
 * counters). A counter that went backwards is unknown (NAN) and makes that
 * column of "all" unknown; so does a column the kernel lacks. A CPU absent
 * from the earlier sample (it came online: its counters kept their value
 * while it was offline) is unknown; prev NULL (since boot) measures from 0. */
#ifndef TRIAGE_MODEL_SOFTNET_H
#define TRIAGE_MODEL_SOFTNET_H

#include "sources/proc_net_softnet.h"

struct softnet_rates {
	double total_s, dropd_s, squeezd_s, rx_rps_s, flw_lim_s;	/* per second */
	double blg_len;							/* packets */
};

/* One CPU of cur, against the same CPU in prev (NULL: from zero; the CPU
 * absent from prev: all unknown). */
void softnet_model_cpu(const struct proc_net_softnet *prev, const struct softnet_cpu *cur,
		       double dt_s, struct softnet_rates *out);
/* All CPUs: prev NULL measures from zero. */
void softnet_model_all(const struct proc_net_softnet *prev, const struct proc_net_softnet *cur,
		       double dt_s, struct softnet_rates *out);

#endif
