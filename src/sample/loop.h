/* The one sample loop: every interval command and the report ask it for the
 * next (older, newer, elapsed) step, whatever the samples come from:
 *   - the running system or one captured tree (--root DIR): a sample every
 *     interval, on absolute CLOCK_MONOTONIC deadlines;
 *   - captured snapshots (--root A,B,C): one sample per directory, no sleep;
 *   - the flight recorder's store (--from TIME [--to TIME] [--store DIR]):
 *     the recorded samples of the window, one step per recorded interval or,
 *     with a coarser interval, per the first record at least that far on.
 * The first step has no older sample (older NULL, elapsed since boot): the
 * command decides whether to print it (vmstat's first line) or not (pidstat).
 * Commands say what to read (struct sample_want) and how to report; where the
 * samples come from is the loop's business, so every view replays for free. */
#ifndef TRIAGE_SAMPLE_LOOP_H
#define TRIAGE_SAMPLE_LOOP_H

#include <stdbool.h>
#include <stdint.h>

#include "core/opts.h"
#include "core/sampler.h"
#include "sample/sample.h"

/* Where recorded samples come from (the store, or a test's list): next
 * gives the next record's bytes in time order and whether it starts anew
 * (*restart: the recorder restarted, or the machine rebooted, since the
 * previous one); 0, 1 at the end, -errno. */
struct sample_feed {
	void *ctx;
	int (*next)(void *ctx, const void **data, size_t *len, bool *restart);
	void (*close)(void *ctx);
	void (*quiet)(void *ctx);	/* optional: say nothing from now on */
};

struct sample_step {
	const struct sample *older;	/* NULL at the first step, and at a recorded
					 * restart (newer->restart): no interval across it */
	const struct sample *newer;
	double elapsed;			/* seconds between them (sysstat's uptime
					 * arithmetic, model/interval.h); since boot at
					 * the first step; NAN across a reboot */
	long index;			/* 0 for the first step */
};

/* Called around each live or snapshot sample_take: e.g. top's task
 * iterator pass, which must be read at the moment of the sample, sets
 * want->scan.feed in before and frees it in after. */
struct sample_hooks {
	void *ctx;
	void (*before)(void *ctx, struct sample_want *want);
	void (*after)(void *ctx, struct sample_want *want, struct sample *taken);
};

struct sample_loop {
	const char *cmd;		/* for messages */
	struct sample_hooks hooks;	/* optional */
	struct sample_want want;
	struct sampler smp;		/* live or snapshots (no feed) */
	struct sample_feed feed;	/* recorded samples (feed.next set) */
	struct sample s[2];
	int cur;			/* s[cur] is the newest */
	long taken;			/* samples yielded so far */
	long max;			/* samples to yield at most; -1 no bound */
	double interval;		/* seconds between samples (live); minimum
					 * spacing of recorded ones (0: every one) */
	double first_interval;		/* the first wait when > 0 (top's priming) */
	int64_t last_t_ns;		/* recorded: time of the last yielded sample */
	bool warned_decode;		/* a damaged record was reported */
	bool quiet;			/* a look-ahead pass: says nothing (sample_loop_quiet) */
	struct exited_list carry;	/* recorded: the ended processes of the records
					 * skipped since the last one yielded (a coarser
					 * interval), handed to the next one yielded */
	bool carry_unknown;		/* one of those records did not know its exits */
	bool said_exits;		/* the recording's no-exits note was said */
	bool keep_first;		/* keep the first sample (of the last step without
					 * an older one) for sample_loop_first: moved
					 * aside, not copied, when its slot is reused */
	struct sample first;		/* that sample once moved aside */
	int first_at;			/* where it is: 0 or 1 (s[]), 2 (first), -1 none */
};

/* Open the loop for cmd over co's source (--root, --from/--to/--store) with
 * what to read. Prints the reason and returns -errno when the source cannot
 * be opened: -EINVAL for a bad --from/--to (bad usage, exit 2), others
 * exit 1 (sample_loop_exit). interval/max can be set in l afterwards (defaults 1 s, -1). */
int sample_loop_open(struct sample_loop *l, const char *cmd, const struct common_opts *co,
		     const struct sample_want *w);
/* The exit status for sample_loop_open's error: EXIT_USAGE or EXIT_FAIL. */
int sample_loop_exit(int err);

/* Same over a feed of recorded samples (the store's, or a test's). */
void sample_loop_open_feed(struct sample_loop *l, const char *cmd, const struct sample_want *w,
			   struct sample_feed feed);
void sample_loop_close(struct sample_loop *l);

/* Make l a quiet look-ahead over the samples another loop of the same
 * source will yield (pidstat -p's search of the window): it says nothing
 * of what it meets (damage, undecodable records, the recording's notes, a
 * sample that cannot be taken), which the loop that prints says. */
void sample_loop_quiet(struct sample_loop *l);

/* True when the samples are replayed (snapshots or recorded), not live. */
bool sample_loop_replay(const struct sample_loop *l);
/* Snapshots or recorded samples: how many are left, -1 when live/unknown. */
int sample_loop_left(const struct sample_loop *l);
/* The root samples are read from (live or the current snapshot); NULL for
 * recorded samples, which have no root. For what the sample does not hold. */
const struct root *sample_loop_root(const struct sample_loop *l);

/* The next step. Returns 0 with *st filled, 1 when the samples are used up,
 * max is reached or SIGINT/SIGTERM arrived, or -errno when a sample could
 * not be taken (the message, naming the file, is printed). */
int sample_loop_next(struct sample_loop *l, struct sample_step *st);

/* The commands that report one moment (uptime, df, ss -s): the sample of
 * that moment: live, one taken now; snapshots (--root A,B,C), the last one;
 * recorded, the last one of the window (what the command said at --to).
 * Returns 0 with *out (valid until sample_loop_close), or -errno (said). */
int sample_loop_last(struct sample_loop *l, struct sample **out);

/* With keep_first set before the first step: the sample of the last step
 * that had no older one (the first, or the first after a recorded restart):
 * an Average's reference. NULL before the first step or without keep_first. */
const struct sample *sample_loop_first(const struct sample_loop *l);
/* The newest sample (the last step's newer), writable: for a command that
 * carries state forward in it before it becomes the older one (mpstat's
 * counters of offline CPUs). NULL before the first step. */
struct sample *sample_loop_newest(struct sample_loop *l);

/* Say, in the one message format, that part is missing from s (its error,
 * naming the file under the root, or "recorded /proc/x" on replay); what
 * says what is lost (NULL: nothing more). */
void sample_loop_say(const struct sample_loop *l, const struct sample *s, enum sample_part part,
		     const char *what);
/* Check that s has every part of mask; say so for the first missing one and
 * return its -errno, else 0. */
int sample_loop_require(const struct sample_loop *l, const struct sample *s, unsigned mask);

#endif
