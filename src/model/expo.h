/* The exposition model: one triage window (its observations, findings and
 * the newer sample's raw counters) as metric families for Prometheus.
 *
 * Names and units follow node_exporter where it has the metric (the
 * counters of /proc/stat, diskstats, net/dev, PSI, meminfo, file-nr,
 * statvfs: node_cpu_seconds_total, node_disk_io_time_seconds_total ...),
 * base units (seconds, bytes, ratios 0..1); what only triage computes is
 * triage_*: the USE figures of each resource instance over the last
 * window, triage_finding{id,resource,severity} (1 per current finding) and
 * triage_rule_value{id,resource} (the value a rule compares with its
 * thresholds, for the rules the fleet can evaluate: expo_rule_exported()).
 *
 * Label values are copied raw (untrusted: process names, mount points,
 * cgroup paths); the writer (views/openmetrics.h) escapes them. Cardinality
 * is bounded: at most EXPO_MAX_SAMPLES series per family, per-process
 * series only for the top_procs busiest named processes (0: none). */
#ifndef TRIAGE_MODEL_EXPO_H
#define TRIAGE_MODEL_EXPO_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis/rules.h"

#define EXPO_MAX_LABELS 3
#define EXPO_LABEL_MAX 256		/* bytes of a label value kept (longer: cut) */
#define EXPO_MAX_SAMPLES 512		/* series of one family */

enum expo_type {
	EXPO_GAUGE,
	EXPO_COUNTER,			/* sample names get _total */
	EXPO_UNKNOWN,			/* node_exporter's untyped /proc/net/netstat fields */
};

struct expo_sample {
	const char *lk[EXPO_MAX_LABELS];	/* label names (static strings), NULL after the last */
	char lv[EXPO_MAX_LABELS][EXPO_LABEL_MAX];	/* their raw values */
	double v;
};

struct expo_family {
	const char *name;		/* without _total; ends with _unit when unit is set */
	const char *unit;		/* "seconds", "bytes", "ratio" or NULL */
	const char *help;
	enum expo_type type;
	struct expo_sample *s;
	int n, cap;
	bool full;			/* samples were left out (EXPO_MAX_SAMPLES) */
};

struct expo {
	struct expo_family *f;
	int n, cap;
};

struct obs;
struct findings;
struct sample;

struct expo_opts {
	int top_procs;			/* per-process series for this many processes (0: none) */
	double collect_s;		/* seconds the window's sampling and judging took, NAN unknown */
};

/* The families of one window: newer (may be NULL) gives the raw counters,
 * o and fs the figures and findings. Returns 0 or -ENOMEM (e then holds
 * what was built so far; free it either way). */
int expo_build(struct expo *e, const struct obs *o, const struct findings *fs,
	       const struct sample *newer, const struct expo_opts *opt);
void expo_free(struct expo *e);

/* Building blocks (also for tests): the family called name (added when new;
 * a later call with the same name returns it), NULL on ENOMEM. */
struct expo_family *expo_family(struct expo *e, const char *name, enum expo_type type,
				const char *unit, const char *help);
/* Add one series: nl label pairs (name, value) after v. A NAN value is not
 * added (unknown is not exported). Returns 0, or -ENOMEM. */
int expo_add(struct expo_family *f, double v, int nl, ...);

/* The value rule r compared with its thresholds, per resource (the same
 * resource text as the rule's findings): calls fn for each; the rules the
 * exported series cannot evaluate (the kernel log, per-process ones) call
 * nothing. */
typedef void (*expo_rule_fn)(void *ctx, enum rule_id r, const char *resource, double v);
void expo_rule_values(const struct obs *o, enum rule_id r, expo_rule_fn fn, void *ctx);
/* True when rule r's value is exported as triage_rule_value (so a
 * Prometheus rule can be generated for it). */
bool expo_rule_exported(enum rule_id r);

#endif
