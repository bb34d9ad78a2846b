/* A least-squares line through (t, v) points: the slope of a resident size
 * against time and the fit's r^2 (1 for a straight line; 0 when v is flat:
 * nothing to explain), as mem.growth judges processes and cgroups. t is
 * kept relative to the first point (precision over hours of uptime). */
#ifndef TRIAGE_MODEL_GROWTH_H
#define TRIAGE_MODEL_GROWTH_H

struct growth_fit {
	int n;
	double t0;			/* the first point's t */
	double st, sv, stt, stv, svv;	/* sums over (t - t0, v) */
	double first, last;		/* v of the first and last point */
	double t_first, t_last;
};

void growth_add(struct growth_fit *g, double t, double v);
/* Slope (v per unit of t) and r^2; both NAN with fewer than 3 points or no
 * spread in t. */
void growth_result(const struct growth_fit *g, double *slope, double *r2);

#endif
