/* The kernel log followed from window to window (triage_collect_klog.h). */
#include "cmd/triage_collect_klog.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "analysis/klog.h"
#include "core/buf.h"
#include "sources/kmsg_follow.h"

#define FOLLOW_MAX (16u << 20)	/* raw bytes read at most per call (the first: the whole ring) */

struct collect_klog {
	struct kmsg_follow f;
	struct buf raw;			/* the new records, as the device gives them */
	struct kmsg_log kept;		/* the classified ones, oldest first */
};

struct collect_klog *collect_klog_new(void)
{
	struct collect_klog *k = calloc(1, sizeof(*k));

	if (!k)
		return NULL;
	kmsg_follow_init(&k->f);
	kmsg_log_init(&k->kept);
	return k;
}

void collect_klog_free(struct collect_klog *k)
{
	if (!k)
		return;
	kmsg_follow_close(&k->f);
	buf_free(&k->raw);
	kmsg_log_free(&k->kept);
	free(k);
}

/* Classified as the report classifies (its first 239 bytes). */
static bool classified(const struct kmsg_log *l, const struct kmsg_rec *rec)
{
	char text[240];

	snprintf(text, sizeof(text), "%.*s", (int)rec->msg_len, l->text.p ? l->text.p + rec->msg_off : "");
	return klog_classify(text) != KLOG_OTHER;
}

/* Keep only the newest COLLECT_KLOG_KEEP of k->kept. */
static int trim(struct collect_klog *k)
{
	struct kmsg_log n;
	int err = 0;

	if (k->kept.n <= 2 * COLLECT_KLOG_KEEP)
		return 0;
	kmsg_log_init(&n);
	for (size_t i = k->kept.n - COLLECT_KLOG_KEEP; i < k->kept.n && !err; i++)
		err = kmsg_log_copy_rec(&n, &k->kept, i);
	if (err) {
		kmsg_log_free(&n);
		return err;
	}
	n.source = k->kept.source;
	kmsg_log_free(&k->kept);
	k->kept = n;
	return 0;
}

int collect_klog_follow(struct collect_klog *k, const struct root *r, const struct kmsg_log **out)
{
	struct kmsg_log fresh;
	int err;

	*out = NULL;
	if (!r->live)
		return -ENOTSUP;	/* a captured tree: read whole, as once */
	err = kmsg_follow_read(&k->f, r, &k->raw, FOLLOW_MAX);
	if (err)
		return err;
	if (k->f.fd < 0)
		return -ENOTSUP;	/* dev/kmsg is a regular file */
	kmsg_log_init(&fresh);
	err = kmsg_parse(k->raw.p ? k->raw.p : "", k->raw.len, &fresh);
	for (size_t i = 0; i < fresh.n && !err; i++)
		if (classified(&fresh, &fresh.recs[i]))
			err = kmsg_log_copy_rec(&k->kept, &fresh, i);
	kmsg_log_free(&fresh);
	if (!err)
		err = trim(k);
	k->kept.source = KMSG_DEV;
	*out = &k->kept;
	return err;
}
