#include "model/cpu.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/delta.h"

void cpu_model_init(struct cpu_model *m)
{
	memset(m, 0, sizeof(*m));
}

void cpu_model_free(struct cpu_model *m)
{
	free(m->cpu);
	cpu_model_init(m);
}

/* The eight fields that make up a CPU's time (guest is inside user). */
static uint64_t sum8(const struct proc_stat_cpu *c)
{
	return c->user + c->nice + c->system + c->idle + c->iowait + c->irq +
	       c->softirq + c->steal;
}

static void add(struct proc_stat_cpu *s, const struct proc_stat_cpu *c)
{
	s->user += c->user;
	s->nice += c->nice;
	s->system += c->system;
	s->idle += c->idle;
	s->iowait += c->iowait;
	s->irq += c->irq;
	s->softirq += c->softirq;
	s->steal += c->steal;
	s->guest += c->guest;
	s->guest_nice += c->guest_nice;
}

/* d = c - p when positive, else 0. */
static uint64_t pos(uint64_t p, uint64_t c)
{
	return c > p ? c - p : 0;
}

/* sysstat get_per_cpu_interval(): the interval of one CPU in ticks. Adjusts
 * p (a copy of the previous sample) the way sysstat does: idle and iowait
 * that went backwards restart from zero (a CPU back from offline). Counters
 * near 2^64 are taken as wrapped, not restarted (sysstat's 0x7ffff margin).
 * One deviation: sysstat subtracts the sums, so a field that went backwards
 * (other than idle/iowait) shrinks the interval and another column can show
 * more than 100 %; here such a field adds 0 to the interval. */
static double interval(struct proc_stat_cpu *p, const struct proc_stat_cpu *c)
{
	int64_t ishift = 0;
	int64_t uc = (int64_t)(c->user - c->guest), up = (int64_t)(p->user - p->guest);
	int64_t nc = (int64_t)(c->nice - c->guest_nice), np = (int64_t)(p->nice - p->guest_nice);

	/* guest is read a little ahead of user: widen the interval */
	if (uc < up)
		ishift += up - uc;
	if (nc < np)
		ishift += np - nc;
	if (c->idle < p->idle && p->idle < UINT64_MAX - 0x7ffff)
		p->idle = 0;
	if (c->iowait < p->iowait && p->iowait < UINT64_MAX - 0x7ffff)
		p->iowait = 0;
	return (double)(pos(p->user, c->user) + pos(p->nice, c->nice) +
			pos(p->system, c->system) + pos(p->idle, c->idle) +
			pos(p->iowait, c->iowait) + pos(p->irq, c->irq) +
			pos(p->softirq, c->softirq) + pos(p->steal, c->steal)) + (double)ishift;
}

/* sysstat ll_sp_value(): a counter that went backwards gives 0. */
static double spv(uint64_t p, uint64_t c, double ticks, bool *back)
{
	if (c < p) {
		*back = true;
		return 0.0;
	}
	return (double)(c - p) / ticks * 100.0;
}

/* mpstat's ten percentages from adjusted p, c and the interval. */
static void percentages(const struct proc_stat_cpu *p, const struct proc_stat_cpu *c,
			double ticks, struct cpu_pct *o, bool *back)
{
	int64_t uc = (int64_t)(c->user - c->guest), up = (int64_t)(p->user - p->guest);
	int64_t nc = (int64_t)(c->nice - c->guest_nice), np = (int64_t)(p->nice - p->guest_nice);

	o->usr = uc < up ? 0.0 : (double)(uc - up) / ticks * 100.0;
	o->nice = nc < np ? 0.0 : (double)(nc - np) / ticks * 100.0;
	if (uc < up || nc < np)
		*back = true;
	o->sys = spv(p->system, c->system, ticks, back);
	o->iowait = spv(p->iowait, c->iowait, ticks, back);
	o->irq = spv(p->irq, c->irq, ticks, back);
	o->soft = spv(p->softirq, c->softirq, ticks, back);
	o->steal = spv(p->steal, c->steal, ticks, back);
	o->guest = spv(p->guest, c->guest, ticks, back);
	o->gnice = spv(p->guest_nice, c->guest_nice, ticks, back);
	o->idle = spv(p->idle, c->idle, ticks, back);
}

static void set_all(struct cpu_pct *o, double v, double idle)
{
	o->usr = o->nice = o->sys = o->iowait = o->irq = v;
	o->soft = o->steal = o->guest = o->gnice = v;
	o->idle = idle;
}

/* One CPU: fills out, and adds its adjusted counters to the sums. */
static void one_cpu(const struct proc_stat_cpu *p0, const struct proc_stat_cpu *c,
		    struct cpu_model_cpu *out, struct proc_stat_cpu *sp, struct proc_stat_cpu *sc,
		    double *sum_ticks)
{
	struct proc_stat_cpu p = *p0;
	double ticks = interval(&p, c);

	out->ticks = ticks;
	out->backwards = false;
	if (ticks == 0) {
		/* tickless: nothing moved */
		out->state = CPU_TICKLESS;
		set_all(&out->pct, 0.0, 100.0);
	} else {
		out->state = CPU_OK;
		percentages(&p, c, ticks, &out->pct, &out->backwards);
	}
	add(sp, &p);
	add(sc, c);
	*sum_ticks += ticks;
}

static int reserve(struct cpu_model *m, int ncpu)
{
	if (ncpu > m->cap) {
		struct cpu_model_cpu *c = realloc(m->cpu, (size_t)ncpu * sizeof(*c));

		if (!c)
			return -ENOMEM;
		m->cpu = c;
		m->cap = ncpu;
	}
	if (ncpu > 0)
		memset(m->cpu, 0, (size_t)ncpu * sizeof(*m->cpu));
	m->ncpu = ncpu;
	return 0;
}

static double counter_rate(const struct proc_stat *prev, const struct proc_stat *cur,
			   unsigned have, uint64_t pv, uint64_t cv, double dt_s)
{
	if (!(cur->have & have) || (prev && !(prev->have & have)))
		return NAN;
	return rate(delta_u64(prev ? pv : 0, cv), dt_s);
}

static void rates(const struct proc_stat *prev, const struct proc_stat *cur, double dt_s,
		  struct cpu_model *m)
{
	m->dt_s = dt_s;
	m->ctxt_s = counter_rate(prev, cur, PROC_STAT_HAVE_CTXT, prev ? prev->ctxt : 0, cur->ctxt, dt_s);
	m->intr_s = counter_rate(prev, cur, PROC_STAT_HAVE_INTR, prev ? prev->intr : 0, cur->intr, dt_s);
	m->forks_s = counter_rate(prev, cur, PROC_STAT_HAVE_PROCESSES,
				  prev ? prev->processes : 0, cur->processes, dt_s);
	m->procs_running = cur->have & PROC_STAT_HAVE_RUNNING ? (double)cur->procs_running : NAN;
	m->procs_blocked = cur->have & PROC_STAT_HAVE_BLOCKED ? (double)cur->procs_blocked : NAN;
}

int cpu_model_compute(const struct proc_stat *prev, const struct proc_stat *cur,
		      int ncpu, double dt_s, struct cpu_model *m)
{
	static const struct proc_stat_cpu zero;
	struct proc_stat_cpu sp = { 0 }, sc = { 0 };
	double sum_ticks = 0;
	bool back = false;
	int err;

	if (ncpu < 1)
		ncpu = 1;
	err = reserve(m, ncpu);
	if (err)
		return err;
	for (int i = 0; i < ncpu; i++) {
		const struct proc_stat_cpu *c, *p = &zero;

		if (i >= cur->ncpu || !cur->online[i]) {
			m->cpu[i].state = CPU_OFFLINE;
			continue;
		}
		c = &cur->cpu[i];
		if (prev) {
			if (i >= prev->ncpu || sum8(&prev->cpu[i]) == 0) {
				/* back online with nothing to subtract */
				m->cpu[i].state = CPU_NEW;
				continue;
			}
			p = &prev->cpu[i];
		}
		one_cpu(p, c, &m->cpu[i], &sp, &sc, &sum_ticks);
	}
	if (ncpu == 1) {
		/* uniprocessor: the "cpu" line itself */
		sp = prev ? prev->all : zero;
		sum_ticks = interval(&sp, &cur->all);
		sc = cur->all;
	}
	if (sum_ticks <= 0)
		sum_ticks = 1;	/* "CPU all cannot be tickless" */
	m->all_ticks = sum_ticks;
	percentages(&sp, &sc, sum_ticks, &m->all, &back);
	rates(prev, cur, dt_s, m);
	return 0;
}

int cpu_model_nodes(const struct proc_stat *prev, const struct proc_stat *cur,
		    const struct cpu_model *m, const int *cpu2node, int ncpu2node, int nnodes,
		    struct cpu_node_model *out)
{
	static const struct proc_stat_cpu zero;

	if (nnodes > out->cap) {
		struct cpu_model_cpu *v = realloc(out->node, (size_t)nnodes * sizeof(*v));

		if (!v)
			return -ENOMEM;
		out->node = v;
		out->cap = nnodes;
	}
	out->nnodes = nnodes < 0 ? 0 : nnodes;
	for (int n = 0; n < out->nnodes; n++) {
		struct proc_stat_cpu sp = { 0 }, sc = { 0 };
		struct cpu_model_cpu *o = &out->node[n];
		int counted = 0;

		for (int i = 0; i < m->ncpu && i < ncpu2node && i < cur->ncpu; i++) {
			struct proc_stat_cpu p;

			if (cpu2node[i] != n ||
			    (m->cpu[i].state != CPU_OK && m->cpu[i].state != CPU_TICKLESS))
				continue;
			/* prev adjusted as for the CPU itself (idle restarting) */
			p = prev && i < prev->ncpu ? prev->cpu[i] : zero;
			interval(&p, &cur->cpu[i]);
			add(&sp, &p);
			add(&sc, &cur->cpu[i]);
			counted++;
		}
		memset(o, 0, sizeof(*o));
		o->state = counted ? CPU_OK : CPU_OFFLINE;
		if (counted)
			one_cpu(&sp, &sc, o, &(struct proc_stat_cpu){ 0 }, &(struct proc_stat_cpu){ 0 },
				&(double){ 0 });
	}
	return 0;
}

void cpu_node_model_free(struct cpu_node_model *n)
{
	free(n->node);
	memset(n, 0, sizeof(*n));
}

int cpu_model_carry(struct proc_stat *cur, const struct proc_stat *prev)
{
	int err;

	if (!prev)
		return 0;
	for (int i = 0; i < prev->ncpu; i++) {
		if (i < cur->ncpu && cur->online[i])
			continue;
		if (sum8(&prev->cpu[i]) == 0)
			continue;
		err = proc_stat_reserve(cur, i + 1);
		if (err)
			return err;
		cur->cpu[i] = prev->cpu[i];
	}
	return 0;
}

void cpu_model_vmstat(const struct proc_stat_cpu *prev, const struct proc_stat_cpu *cur,
		      struct cpu_vmstat *out)
{
	static const struct proc_stat_cpu zero;
	const struct proc_stat_cpu *p = prev ? prev : &zero;
	/* signed deltas: procps reads them as "sl_int" deltas. Summed and
	 * scaled in 128 bits: absurd counters (a corrupt or hostile capture)
	 * must not overflow (fuzz_cpumem found 100 * delta overflowing). */
	typedef __int128 wide;
	wide use = (wide)(long long)(cur->user - p->user) + (long long)(cur->nice - p->nice);
	wide sys = (wide)(long long)(cur->system - p->system) + (long long)(cur->irq - p->irq) +
		   (long long)(cur->softirq - p->softirq);
	wide idl = (long long)(cur->idle - p->idle);
	wide iow = (long long)(cur->iowait - p->iowait);
	wide sto = (long long)(cur->steal - p->steal);
	wide gue = (wide)(long long)(cur->guest - p->guest) + (long long)(cur->guest_nice - p->guest_nice);
	wide div, divo2;

	if (idl < 0)
		idl = 0;	/* "idle can run backwards for a moment" */
	if (iow < 0)
		iow = 0;
	if (sto < 0)
		sto = 0;
	if (use < 0)
		use = 0;
	if (sys < 0)
		sys = 0;
	if (gue < 0)
		gue = 0;
	div = use + sys + idl + iow + sto;
	if (!div) {
		div = 1;
		idl = 1;
	}
	divo2 = div / 2;
	use = use >= gue ? use - gue : 0;
	out->us = (unsigned long)((100 * use + divo2) / div);
	out->sy = (unsigned long)((100 * sys + divo2) / div);
	out->id = (unsigned long)((100 * idl + divo2) / div);
	out->wa = (unsigned long)((100 * iow + divo2) / div);
	out->st = (unsigned long)((100 * sto + divo2) / div);
	out->gu = (unsigned long)((100 * gue + divo2) / div);
	out->div = (unsigned long long)div;
}
