#include "model/avgcpu.h"

void avgcpu_from_model(const struct cpu_model *m, struct avgcpu *o)
{
	const struct cpu_pct *a = &m->all;

	o->user = a->usr + a->guest;
	o->nice = a->nice + a->gnice;
	o->system = a->sys + a->irq + a->soft;
	o->iowait = a->iowait;
	o->steal = a->steal;
	o->idle = a->idle;
}

int avgcpu_compute(const struct proc_stat *prev, const struct proc_stat *cur, double dt_s,
		   struct avgcpu *out)
{
	struct cpu_model m;
	int err;

	cpu_model_init(&m);
	err = cpu_model_compute(prev, cur, 1, dt_s, &m);
	if (!err)
		avgcpu_from_model(&m, out);
	cpu_model_free(&m);
	return err;
}
