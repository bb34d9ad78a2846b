/* The kernel log: /dev/kmsg records, or syslog(2) when /dev/kmsg can't be opened.
 *
 * /dev/kmsg (Documentation/ABI/testing/dev-kmsg): one record per read(),
 *   "prio,seq,ts_usec,flags[,more];message\n"
 *   followed by zero or more dictionary lines " KEY=value\n".
 *   prio = facility << 3 | level; seq = 64-bit sequence number; ts_usec =
 *   microseconds since boot (CLOCK_MONOTONIC); flags '-' or 'c' (continuation
 *   of a fragmented line, kernels < 4.9 mostly). Non-printable bytes and '\'
 *   in the message and dictionary are escaped by the kernel as \xNN.
 *   read() returns -EPIPE when the record at our position was overwritten
 *   (skip: the next read continues at the oldest one) and -EAGAIN at the end
 *   when opened O_NONBLOCK.
 * syslog(2) SYSLOG_ACTION_READ_ALL (kernel/printk/printk.c, info_print_prefix):
 *   lines "<prio>[%5lu.%06lu] message\n" (the timestamp when printk.time=1).
 *
 * Under a fixture root, root/dev/kmsg is a regular file holding records one
 * after the other, as /dev/kmsg returns them (`timeout 1 cat /dev/kmsg`). */
#ifndef TRIAGE_SOURCES_KMSG_H
#define TRIAGE_SOURCES_KMSG_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/root.h"

struct kmsg_rec {
	uint64_t seq;		/* record sequence number (syslog: line index) */
	uint64_t ts_usec;	/* microseconds since boot */
	uint8_t facility;	/* prio >> 3: 0 kern, 1 user ... 23 local7 */
	uint8_t level;		/* prio & 7: 0 emerg ... 7 debug */
	uint8_t cont;		/* flags 'c': a continuation fragment */
	uint32_t msg_off, msg_len;	/* message, unescaped, in kmsg_log.text */
	uint32_t dict_off, dict_len;	/* "KEY=value\n..." unescaped, in text */
};

enum kmsg_source { KMSG_DEV, KMSG_SYSLOG, KMSG_FILE };

struct kmsg_log {
	struct kmsg_rec *recs;
	size_t n, cap;
	struct buf text;	/* message and dictionary bytes of every record */
	enum kmsg_source source;
	unsigned long skipped;	/* records lost to EPIPE (overwritten) while reading */
	unsigned long bad;	/* records that did not parse */
};

void kmsg_log_init(struct kmsg_log *l);
void kmsg_log_free(struct kmsg_log *l);

/* Parse one /dev/kmsg record (header line plus dictionary lines) from buf
 * and append it to l. *used gets the bytes consumed (through the last
 * dictionary line). Returns 0, -EINVAL for a malformed header (then *used
 * skips past its line), -ENODATA when buf is empty, -ENOMEM. */
int kmsg_parse_record(const char *buf, size_t len, struct kmsg_log *l, size_t *used);

/* Append a copy of record i of from (its message and dictionary) to to.
 * Returns 0 or -ENOMEM. */
int kmsg_log_copy_rec(struct kmsg_log *to, const struct kmsg_log *from, size_t i);

/* Parse a buffer of consecutive /dev/kmsg records. Malformed records are
 * counted in l->bad and skipped. Returns 0 or -ENOMEM. */
int kmsg_parse(const char *buf, size_t len, struct kmsg_log *l);

/* Parse syslog(2) READ_ALL text ("<6>[    1.234567] msg" lines; a line
 * without "<prio>" is level 4 (default_message_loglevel), without "[ts]" has
 * ts 0). Returns 0 or -ENOMEM. */
int kmsg_parse_syslog(const char *buf, size_t len, struct kmsg_log *l);

/* Read the whole log. Live: dev/kmsg non-blocking to EAGAIN; when it can't be
 * opened, syslog(2). A regular file at root/dev/kmsg is parsed as records.
 * Returns 0 or -errno (-EPERM when neither source is allowed). */
int kmsg_read(const struct root *r, struct kmsg_log *l);

/* The record's syslog priority, as /dev/kmsg and syslog(2) write it. */
static inline unsigned kmsg_prio(const struct kmsg_rec *r)
{
	return (unsigned)r->facility << 3 | r->level;
}

/* "kern", "user" ... (NULL past local7) and "emerg" ... "debug". */
const char *kmsg_facility_name(unsigned f);
const char *kmsg_level_name(unsigned lv);
/* Level number of a name, or -1. */
int kmsg_level_from_name(const char *s, size_t len);

#endif
