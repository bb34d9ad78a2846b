/* ss -s: iproute2's summary lines come from /proc/net/sockstat(6) and the
 * CurrEstab gauge of /proc/net/snmp (ss.c print_summary, get_snmp_int); the
 * counts per TCP state come from the sock_diag dump. */
#include "cmd/ss_summary.h"

#include <stdio.h>

#include "core/err.h"
#include "sources/proc_net_snmp.h"
#include "sources/proc_net_sockstat.h"
#include "views/ss.h"

static uint64_t get(const struct proc_net_sockstat *st, enum sockstat_field f)
{
	return st->have[f] ? st->v[f] : 0;
}

void ss_summary_read(const struct root *r, struct ss_summary *sp)
{
	struct ss_summary s = { 0 };
	struct proc_net_sockstat st = { 0 };
	struct proc_net_snmp snmp = { 0 };
	char path[4200];
	int err;

	err = proc_net_sockstat_read(r, &st);
	if (err) {
		err_errno("ss", err, "cannot read %s (the Total and transport lines are left out)",
			  root_path(r, ROOT_PROC, "net/sockstat", path, sizeof(path)));
	} else {
		s.have_sockstat = true;
		s.sockets_used = get(&st, SOCKSTAT_SOCKETS_USED);
		s.tcp_alloc = get(&st, SOCKSTAT_TCP_ALLOC);
		s.tcp_orphan = get(&st, SOCKSTAT_TCP_ORPHAN);
		s.tcp_tw = get(&st, SOCKSTAT_TCP_TW);
		s.tcp4_inuse = get(&st, SOCKSTAT_TCP_INUSE);
		s.tcp6_inuse = get(&st, SOCKSTAT_TCP6_INUSE);
		s.udp4 = get(&st, SOCKSTAT_UDP_INUSE);
		s.udp6 = get(&st, SOCKSTAT_UDP6_INUSE);
		s.raw4 = get(&st, SOCKSTAT_RAW_INUSE);
		s.raw6 = get(&st, SOCKSTAT_RAW6_INUSE);
		s.frag4 = get(&st, SOCKSTAT_FRAG_INUSE);
		s.frag6 = get(&st, SOCKSTAT_FRAG6_INUSE);
	}
	/* ss takes estab from snmp; without the file, from the dump */
	if (proc_net_snmp_read(r, &snmp) == 0 && snmp.have[SNMP_TCP_CURR_ESTAB]) {
		s.have_estab = true;
		s.tcp_estab = snmp.v[SNMP_TCP_CURR_ESTAB];
	}
	*sp = s;
}

int ss_summary_print(struct ss_summary *s, const struct sock_counts *c, bool json)
{
	s->c = c;
	if (!s->have_estab)
		s->tcp_estab = c->tcp_by_state[SD_ESTABLISHED];
	sock_model_summary(s);
	if (json)
		ss_print_summary_json(stdout, s);
	else
		ss_print_summary(stdout, s);
	return EXIT_OK;
}
