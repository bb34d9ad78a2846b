/* A long-running collector's TCP dump (serve): the established hash is
 * walked again only when something that moves a socket's state moved since
 * the last walk (sample_socks_sig: net/snmp's Tcp and Udp counters,
 * sockstat{,6}), and at least every SAMPLE_SOCKS_REFRESH windows; between,
 * the last walk's sockets are carried and only the listeners dumped (their
 * accept queues move with accept(), which moves no counter). */
#ifndef TRIAGE_CMD_TRIAGE_COLLECT_SOCKS_H
#define TRIAGE_CMD_TRIAGE_COLLECT_SOCKS_H

#include "core/root.h"
#include "sample/sample.h"
#include "sources/nl_sockdiag.h"

struct collect_socks;

/* NULL on ENOMEM. */
struct collect_socks *collect_socks_new(void);
void collect_socks_free(struct collect_socks *k);
/* Both families' TCP sockets into t (as nl_sockdiag_dump_tcp, in no
 * particular order) at sample smp (the window's last); k NULL: a full
 * dump. Returns 0 or -errno (t may hold part). */
int collect_socks_dump(struct collect_socks *k, const struct root *r, const struct sample *smp,
		       struct sd_table *t);

#endif
