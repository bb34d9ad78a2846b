/* Least-squares growth (growth.h). */
#include "model/growth.h"

#include <math.h>

void growth_add(struct growth_fit *g, double t, double v)
{
	if (!g->n) {
		g->t0 = g->t_first = t;
		g->first = v;
	}
	g->n++;
	g->last = v;
	g->t_last = t;
	t -= g->t0;
	g->st += t;
	g->sv += v;
	g->stt += t * t;
	g->stv += t * v;
	g->svv += v * v;
}

void growth_result(const struct growth_fit *g, double *slope, double *r2)
{
	double n = g->n, sxx, sxy, syy;

	*slope = *r2 = NAN;
	if (g->n < 3)
		return;
	sxx = g->stt - g->st * g->st / n;
	sxy = g->stv - g->st * g->sv / n;
	syy = g->svv - g->sv * g->sv / n;
	if (sxx <= 0)
		return;
	*slope = sxy / sxx;
	*r2 = syy > 0 ? sxy * sxy / (sxx * syy) : 0;
}
