/* Following the kernel log for the flight recorder: the records that arrived
 * since the last call, as the raw record text /dev/kmsg gives
 * ("prio,seq,usec,flags;message\n KEY=value\n"), so that kmsg_parse
 * (sources/kmsg.h) reads a recording back exactly as it reads the device.
 *
 * Live, /dev/kmsg stays open between calls and only new records are read
 * (a read of an open /dev/kmsg continues where the last one stopped). A
 * captured tree's dev/kmsg file is read whole and only the records with a
 * sequence number above the last one kept are returned. */
#ifndef TRIAGE_SOURCES_KMSG_FOLLOW_H
#define TRIAGE_SOURCES_KMSG_FOLLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/root.h"

struct kmsg_follow {
	int fd;			/* the live /dev/kmsg, or -1 */
	uint64_t last_seq;	/* the newest record returned */
	bool any;		/* a record was returned */
	unsigned long lost;	/* records overwritten before they were read (EPIPE) */
};

void kmsg_follow_init(struct kmsg_follow *f);
/* The new records of r's kernel log into out (replaced), at most max bytes:
 * when more arrived, the newest that fit (whole records). Returns 0 or
 * -errno (-EPERM/-EACCES: not allowed to read the kernel log). */
int kmsg_follow_read(struct kmsg_follow *f, const struct root *r, struct buf *out, size_t max);
void kmsg_follow_close(struct kmsg_follow *f);

/* The sequence number of one raw record ("prio,seq,..."), or -1. */
int64_t kmsg_follow_seq(const char *rec, size_t len);

#endif
