/* The two layouts of /proc/net's protocol counters, parsed by name so that
 * the order of fields and fields added by later kernels do not matter:
 *
 * - table (snmp, netstat): a header line of names, then a line of values,
 *   both starting with the same "Group:" (net/ipv4/proc.c):
 *       Tcp: RtoAlgorithm RtoMin ... ActiveOpens ...
 *       Tcp: 1 200 ... 14 ...
 * - inline (sockstat, sockstat6): "Group: name value name value ...":
 *       TCP: inuse 1 orphan 0 tw 1 alloc 1 mem 227
 *
 * A reader lists the (group, name) pairs it wants in a table indexed by its
 * own enum; the parser fills v[i] and sets have[i] for those it finds. */
#ifndef TRIAGE_SOURCES_NET_PAIRS_H
#define TRIAGE_SOURCES_NET_PAIRS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct net_pairs_key {
	const char *group;	/* without the colon: "Tcp", "TcpExt", "TCP" */
	const char *name;	/* "ActiveOpens", "inuse" */
};

/* Header/value line pairs. Values may be negative (Tcp MaxConn -1: stored
 * as two's complement). Returns 0, or -EINVAL with *bad_line (1-based) on a
 * value line whose count differs from its header or that holds a non-number. */
int net_pairs_parse_table(const char *buf, size_t len, const struct net_pairs_key *keys,
			  size_t nkeys, uint64_t *v, bool *have, int *bad_line);

/* "Group: name value ..." lines. Returns 0 or -EINVAL with *bad_line. */
int net_pairs_parse_inline(const char *buf, size_t len, const struct net_pairs_key *keys,
			   size_t nkeys, uint64_t *v, bool *have, int *bad_line);

#endif
