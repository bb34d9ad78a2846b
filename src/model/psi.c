#include "model/psi.h"

#include <math.h>

#include "model/delta.h"

double psi_model_line(const struct psi_line *prev, const struct psi_line *cur, double dt_s)
{
	double p;

	if (!prev->present || !cur->present)
		return NAN;
	p = pct(delta_u64(prev->total_us, cur->total_us), dt_s * 1e6);
	if (isnan(p) || dt_s <= 0)
		return NAN;
	return p > 100.0 ? 100.0 : p;
}

void psi_model(const struct psi *prev, const struct psi *cur, double dt_s, struct psi_rate *out)
{
	out->some_pct = psi_model_line(&prev->some, &cur->some, dt_s);
	out->full_pct = psi_model_line(&prev->full, &cur->full, dt_s);
}
