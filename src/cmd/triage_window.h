/* The whole recorded window, for what a slice is too short to see: slow
 * leaks (mem.growth, "1 MB a minute for three hours"). Every recorded
 * sample adds each process's RSS (the process scan: stat rss) and each
 * cgroup's resident memory to a least-squares fit (model/growth.h) over the
 * recorded time; at the end the fits become observations for
 * rules_mem_growth. */
#ifndef TRIAGE_CMD_TRIAGE_WINDOW_H
#define TRIAGE_CMD_TRIAGE_WINDOW_H

#include "analysis/obs.h"
#include "sample/sample.h"

struct triage_window;

struct triage_window *triage_window_new(void);
void triage_window_free(struct triage_window *w);
/* One recorded sample. Returns 0 or -ENOMEM. */
int triage_window_add(struct triage_window *w, const struct sample *s);
/* The processes and cgroups that grew steadily into o (from obs_new).
 * Returns the recorded seconds the fits span. */
double triage_window_obs(const struct triage_window *w, struct obs *o);

#endif
