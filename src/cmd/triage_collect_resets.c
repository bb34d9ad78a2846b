/* Refused connects by port and client for the triage report (see
 * triage_collect_resets.h). The probe costs nothing until it is loaded
 * (libbpf's copy of the kernel BTF: ~80 ms of CPU on this VM) and then under
 * a microsecond per reset sent (bench/sections/16-tcpreset.md); it is loaded
 * only when the counters already show refused connects, so the first such
 * interval goes unnamed. TRIAGE_RESETS=off never loads it,
 * =on loads it at the first sample (bench/: its cost). */
#include "cmd/triage_collect_resets.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "analysis/rules.h"
#include "bpf/tcpreset_api.h"

struct collect_resets {
	struct tcpreset *t;
	bool tried;			/* the load was decided: attached or why not */
	char why[192];			/* why not attached, "" none */
	double t_attach;		/* CLOCK_MONOTONIC s at the attach (or the take-over) */
	int k_attach;			/* the step it was attached at (-1: before the window, -2: not) */
	int k_last;			/* the last step */
	struct tcpreset_row *rows;	/* TCPRESET_MAX_KEYS: the last read */
	int nrows;
	struct tcpreset_row *base;	/* the counts the window starts from (take-over) */
	int nbase;
	struct tcpreset_counts c, base_c;
};

static double mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct collect_resets *collect_resets_new(void)
{
	struct collect_resets *cr = calloc(1, sizeof(*cr));

	if (!cr)
		return NULL;
	cr->rows = calloc(TCPRESET_MAX_KEYS, sizeof(*cr->rows));
	if (!cr->rows) {
		free(cr);
		return NULL;
	}
	cr->k_attach = -2;
	return cr;
}

void collect_resets_free(struct collect_resets *cr)
{
	if (!cr)
		return;
	tcpreset_close(cr->t);
	free(cr->rows);
	free(cr->base);
	free(cr);
}

/* The inode of our network namespace: the probe counts its resets only, as
 * /proc/net/snmp does. 0 (all) when unknown. */
static uint32_t own_netns(const struct root *r)
{
	struct stat st;

	return root_fstatat(r, ROOT_PROC, "self/ns/net", &st) == 0 ? (uint32_t)st.st_ino : 0;
}

static void attach(struct collect_resets *cr, const struct root *r)
{
	const char *m = getenv("TRIAGE_RESETS");
	struct bpf_env_err e = { 0 };

	cr->tried = true;
	if (m && !strcmp(m, "off")) {
		snprintf(cr->why, sizeof(cr->why), "TRIAGE_RESETS=off");
		return;
	}
	if (tcpreset_open(r, own_netns(r), &cr->t, &e)) {
		bpf_env_strerror(&e, cr->why, sizeof(cr->why));
		cr->t = NULL;
		return;
	}
	cr->t_attach = mono_s();
}

void collect_resets_step(struct collect_resets *cr, const struct root *r, struct obs *o, int k)
{
	const struct series *s = &o->host.tcp_attempt_fails;
	const char *m = getenv("TRIAGE_RESETS");

	cr->k_last = k;
	if (cr->tried)
		return;
	if (!r) {
		snprintf(cr->why, sizeof(cr->why), "a recorded window holds the counters only");
		return;
	}
	if (!r->live) {
		snprintf(cr->why, sizeof(cr->why), "the probe traces the live system, not --root");
		return;
	}
	if ((k == 0 && m && !strcmp(m, "on")) ||
	    (k > 0 && s->n > 0 && s->v[s->n - 1] >= rule_defs[RULE_TCP_REFUSED].warn)) {
		attach(cr, r);
		cr->k_attach = k;
	}
}

static int cmp_port(const void *a, const void *b)
{
	const struct obs_reset_port *x = a, *y = b;

	return x->n < y->n ? 1 : x->n > y->n ? -1 : x->port - y->port;
}

/* Port p's clients: its busiest OBS_RESET_CLIENTS by name. */
static void port_clients(const struct tcpreset_row *rows, int n, struct obs_reset_port *p)
{
	for (int i = 0; i < n; i++) {
		const struct tcpreset_row *w = &rows[i];
		int at;

		if (w->lport != p->port || !w->n)
			continue;
		p->nclients++;
		p->n += (double)w->n;
		for (at = p->nclients - 1 < OBS_RESET_CLIENTS ? p->nclients - 1 : OBS_RESET_CLIENTS;
		     at > 0 && p->clients[at - 1].n < (double)w->n; at--)
			if (at < OBS_RESET_CLIENTS)
				p->clients[at] = p->clients[at - 1];
		if (at >= OBS_RESET_CLIENTS)
			continue;
		if (!inet_ntop(w->family == AF_INET6 ? AF_INET6 : AF_INET, w->raddr, p->clients[at].addr,
			       sizeof(p->clients[at].addr)))
			snprintf(p->clients[at].addr, sizeof(p->clients[at].addr), "?");
		p->clients[at].n = (double)w->n;
	}
}

void collect_resets_group(const struct tcpreset_row *rows, int n, struct obs_resets *r)
{
	/* the distinct ports, then the OBS_RESET_PORTS busiest of them */
	struct obs_reset_port *all = calloc((size_t)(n > 0 ? n : 1), sizeof(*all));
	int nall = 0;

	r->nports = 0;
	r->refused = 0;
	if (!all)
		return;
	for (int i = 0; i < n; i++) {
		int j;

		if (!rows[i].n)
			continue;
		r->refused += (double)rows[i].n;
		for (j = 0; j < nall && all[j].port != rows[i].lport; j++)
			;
		if (j == nall)
			all[nall++].port = rows[i].lport;
		all[j].n += (double)rows[i].n;
	}
	qsort(all, (size_t)nall, sizeof(*all), cmp_port);
	r->nports = nall;
	for (int i = 0; i < nall && i < OBS_RESET_PORTS; i++) {
		r->ports[i] = (struct obs_reset_port){ .port = all[i].port };
		port_clients(rows, n, &r->ports[i]);
	}
	free(all);
}

/* The counts of the window: the last read less the base (the same key's
 * count when the window started), into d (room for cr->nrows). */
static void less_base(const struct collect_resets *cr, struct tcpreset_row *d)
{
	for (int i = 0; i < cr->nrows; i++) {
		d[i] = cr->rows[i];
		for (int j = 0; j < cr->nbase; j++)
			if (cr->base[j].lport == d[i].lport && cr->base[j].family == d[i].family &&
			    !memcmp(cr->base[j].raddr, d[i].raddr, sizeof(d[i].raddr))) {
				d[i].n -= cr->base[j].n < d[i].n ? cr->base[j].n : d[i].n;
				break;
			}
	}
}

static uint64_t since(const struct collect_resets *cr, enum tcpreset_counter i)
{
	return cr->c.v[i] - (cr->base_c.v[i] < cr->c.v[i] ? cr->base_c.v[i] : cr->c.v[i]);
}

void collect_resets_last(struct collect_resets *cr, struct obs *o)
{
	struct obs_resets *r = &o->resets;
	struct tcpreset_row *d;
	int n;

	if (!cr->t) {
		if (cr->why[0] && series_max(&o->host.tcp_attempt_fails) >= rule_defs[RULE_TCP_REFUSED].warn)
			obs_unchecked(o, "refused ports and clients",
				      "%s; tcp:tcp_send_reset names them as root with BPF", cr->why);
		return;
	}
	n = tcpreset_read(cr->t, cr->rows, TCPRESET_MAX_KEYS, &cr->c);
	if (cr->k_attach == cr->k_last) {	/* at the last sample: it saw nothing of this window */
		cr->nrows = n > 0 ? n : 0;
		obs_unchecked(o, "refused ports and clients",
			      "first seen in the window's last interval: tcp:tcp_send_reset is attached once "
			      "the counters show refused connects");
		return;
	}
	cr->nrows = n > 0 ? n : 0;
	d = calloc((size_t)(cr->nrows ? cr->nrows : 1), sizeof(*d));
	if (!d)
		return;
	less_base(cr, d);
	collect_resets_group(d, cr->nrows, r);
	free(d);
	r->traced = true;
	r->traced_s = mono_s() - cr->t_attach;
	r->other = (double)(since(cr, TCPRESET_NOSOCK_OTHER) + since(cr, TCPRESET_SOCK));
	r->overflow = (double)since(cr, TCPRESET_OVERFLOW);
	r->refused = (double)since(cr, TCPRESET_REFUSED);	/* those the full table left out too */
}

void collect_resets_roll(struct collect_resets *from, struct collect_resets *to)
{
	struct tcpreset_row *nb;

	if (!from->t)
		return;
	tcpreset_close(to->t);
	to->t = from->t;
	from->t = NULL;
	to->tried = true;
	to->t_attach = mono_s();
	to->k_attach = -1;
	/* the next window counts from the last read */
	to->base_c = from->c;
	to->nbase = 0;
	nb = realloc(to->base, (size_t)(from->nrows > 0 ? from->nrows : 1) * sizeof(*nb));
	if (!nb)
		return;
	to->base = nb;
	memcpy(nb, from->rows, (size_t)from->nrows * sizeof(*nb));
	to->nbase = from->nrows;
}
