/* ss -s: iproute2's summary lines come from /proc/net/sockstat(6) and the
 * CurrEstab gauge of /proc/net/snmp (ss.c print_summary, get_snmp_int); the
 * counts per TCP state come from the sock_diag dump. */
#include "cmd/ss_summary.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "sources/proc_net_snmp.h"
#include "sources/proc_net_sockstat.h"
#include "views/ss.h"

static uint64_t get(const struct proc_net_sockstat *st, enum sockstat_field f)
{
	return st->have[f] ? st->v[f] : 0;
}

static void fill_sockstat(struct ss_summary *s, const struct proc_net_sockstat *st)
{
	s->have_sockstat = true;
	s->sockets_used = get(st, SOCKSTAT_SOCKETS_USED);
	s->tcp_alloc = get(st, SOCKSTAT_TCP_ALLOC);
	s->tcp_orphan = get(st, SOCKSTAT_TCP_ORPHAN);
	s->tcp_tw = get(st, SOCKSTAT_TCP_TW);
	s->tcp4_inuse = get(st, SOCKSTAT_TCP_INUSE);
	s->tcp6_inuse = get(st, SOCKSTAT_TCP6_INUSE);
	s->udp4 = get(st, SOCKSTAT_UDP_INUSE);
	s->udp6 = get(st, SOCKSTAT_UDP6_INUSE);
	s->raw4 = get(st, SOCKSTAT_RAW_INUSE);
	s->raw6 = get(st, SOCKSTAT_RAW6_INUSE);
	s->frag4 = get(st, SOCKSTAT_FRAG_INUSE);
	s->frag6 = get(st, SOCKSTAT_FRAG6_INUSE);
}

/* ss takes estab from snmp; without the file, from the dump */
static void fill_estab(struct ss_summary *s, const struct proc_net_snmp *snmp)
{
	if (snmp->have[SNMP_TCP_CURR_ESTAB]) {
		s->have_estab = true;
		s->tcp_estab = snmp->v[SNMP_TCP_CURR_ESTAB];
	}
}

void ss_summary_read(const struct root *r, struct ss_summary *sp)
{
	struct ss_summary s = { 0 };
	struct proc_net_sockstat st = { 0 };
	struct proc_net_snmp snmp = { 0 };
	char path[4200];
	int err;

	err = proc_net_sockstat_read(r, &st);
	if (err)
		err_errno("ss", err, "cannot read %s (the Total and transport lines are left out)",
			  root_path(r, ROOT_PROC, "net/sockstat", path, sizeof(path)));
	else
		fill_sockstat(&s, &st);
	if (proc_net_snmp_read(r, &snmp) == 0)
		fill_estab(&s, &snmp);
	*sp = s;
}

int ss_summary_of(const struct sample_loop *lp, const struct sample *smp, struct ss_summary *sp,
		  struct sock_counts *c)
{
	const struct sample_socks *k = &smp->socks;
	struct ss_summary s = { 0 };

	if (!smp->have_socks) {
		if (sample_loop_root(lp))
			err_errno("ss", smp->socks_err, "sock_diag dump of TCP sockets failed");
		else
			err_msg("ss", "the recording holds no socket counts");
		return -ENODATA;
	}
	if (sample_has(smp, SAMPLE_SOCKSTAT))
		fill_sockstat(&s, &smp->sockstat);
	else
		sample_loop_say(lp, smp, SAMPLE_SOCKSTAT, "the Total and transport lines are left out");
	if (sample_has(smp, SAMPLE_SNMP))
		fill_estab(&s, &smp->snmp);
	if (!k->have_split)
		err_msg("ss", "the recording does not split the sockets by family: "
			"the IPv4 column counts both, UDP is not counted");
	memset(c, 0, sizeof(*c));
	for (int st = 0; st < SD__MAX && st < SOCK_STATES; st++) {
		uint64_t v6 = k->have_split ? k->tcp6_by_state[st] : 0;

		c->by_state[0][0][st] = k->tcp_by_state[st] - v6;
		c->by_state[0][1][st] = v6;
		c->tcp_by_state[st] = k->tcp_by_state[st];
		c->total[0][0] += k->tcp_by_state[st] - v6;
		c->total[0][1] += v6;
		c->tcp_total += k->tcp_by_state[st];
	}
	c->total[1][0] = k->udp[0];
	c->total[1][1] = k->udp[1];
	c->udp_total = k->udp[0] + k->udp[1];
	for (size_t i = 0; i < k->nlisten; i++) {
		if (!k->listen[i].rqueue)
			continue;
		c->listen_queued++;
		if (k->listen[i].rqueue >= k->listen[i].wqueue)
			c->listen_full++;	/* as sock_model_count */
	}
	*sp = s;
	return 0;
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
