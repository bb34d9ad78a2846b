/* Where samples come from and when.
 *
 * Live (root "/" or one directory), each sample reads the same root and the
 * sampler sleeps to the next tick on CLOCK_MONOTONIC (absolute deadlines: no
 * drift). Replay (--root A,B,C), each sample reads the next directory and does
 * not sleep; the interval is then whatever the snapshots' /proc/uptime says,
 * which is also how the model computes it live (as sysstat does), so a
 * capture replays to the same numbers.
 *
 * SIGINT and SIGTERM end the wait early (sampler_wait returns -EINTR) so that
 * commands print their last report and clean up. */
#ifndef TRIAGE_CORE_SAMPLER_H
#define TRIAGE_CORE_SAMPLER_H

#include <stdbool.h>
#include <time.h>

#include "core/root.h"

struct sampler {
	struct root *roots;	/* one per snapshot; one for live */
	int n;			/* how many roots */
	int cur;		/* the one in use */
	bool replay;		/* several snapshots were given */
	bool started;		/* deadline set */
	struct timespec next;	/* live: the next deadline */
};

/* Open spec: NULL or "DIR" (live when "/") or "DIR,DIR,...". Prints nothing;
 * returns 0 or -errno with *bad set to the directory that failed. */
int sampler_open(struct sampler *s, const char *spec, const char **bad, char *badbuf, size_t badsz);
/* Same, saying why when it fails: "triage: CMD: cannot open root 'DIR':
 * reason". Returns 0 or -errno. */
int sampler_open_cmd(struct sampler *s, const char *cmd, const char *spec);
/* sampler_open_cmd for the commands that report one moment (uptime, df, ss
 * ...): with several snapshots, the last one is current. */
int sampler_open_last(struct sampler *s, const char *cmd, const char *spec);
void sampler_close(struct sampler *s);

/* The root of the current sample. */
const struct root *sampler_root(const struct sampler *s);

/* Snapshots not yet used after the current one (replay), or -1 when live. */
int sampler_left(const struct sampler *s);

/* Move to the next sample: live, sleep until interval seconds after the
 * previous deadline; replay, step to the next snapshot. Returns 0, -ENODATA
 * when the snapshots are used up, or -EINTR on SIGINT/SIGTERM. */
int sampler_wait(struct sampler *s, double interval);

/* Make SIGINT and SIGTERM end the waits (sampler_open does it). */
void sampler_install_signals(void);

/* True once SIGINT/SIGTERM arrived (after sampler_open installed handlers). */
bool sampler_interrupted(void);

#endif
