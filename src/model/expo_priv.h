/* Private to model/expo*.c: the builder's context. */
#ifndef TRIAGE_MODEL_EXPO_PRIV_H
#define TRIAGE_MODEL_EXPO_PRIV_H

#include <errno.h>

#include "model/expo.h"

struct obs;
struct sample;

struct expo_ctx {
	struct expo *e;
	int err;		/* -ENOMEM once a series could not be added */
};

/* Add a series to family f (NULL: out of memory), noting a failure in x. */
#define ADD(f, v, ...) do { if (expo_add((f), (v), __VA_ARGS__)) x->err = -ENOMEM; } while (0)
#define FAM(name, type, unit, help) expo_family(x->e, name, type, unit, help)

/* expo_node.c: node_exporter's families from the raw counters of s. */
void expo_node_fams(struct expo_ctx *x, const struct sample *s, const struct obs *o);
/* expo_use.c: triage's USE figures of the window's last interval. */
void expo_use_fams(struct expo_ctx *x, const struct obs *o, const struct expo_opts *opt);

#endif
