/* The triage report: findings, the USE matrix and what was not checked, as
 * text for a terminal (one screen on a healthy box) or JSON. Renderers only:
 * every number was computed in analysis/. */
#ifndef TRIAGE_VIEWS_TRIAGE_H
#define TRIAGE_VIEWS_TRIAGE_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "analysis/finding.h"
#include "analysis/obs.h"
#include "analysis/use.h"

struct triage_report {
	const struct obs *o;
	const struct findings *fs;	/* ranked */
	const struct use_matrix *m;
	time_t now;			/* wall clock at the end; 0 for a replay of snapshots */
	time_t from;			/* a recorded window: its first sample's time, else 0 */
	int slices;			/* a recorded window judged in slices (episodes), else 0 */
	double slice_s;			/* their length, seconds */
	bool color;			/* ANSI colours (a tty, no NO_COLOR, no --no-color) */
	int status;			/* the exit status: 0 ok, 1 warning, 2 critical */
};

void triage_print_text(FILE *f, const struct triage_report *r);
void triage_print_json(FILE *f, const struct triage_report *r);

#endif
