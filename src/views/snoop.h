/* Event tools' renderers (biosnoop, execsnoop, opensnoop, tcp*): a header and
 * one line per event in text, one JSON object per line with --json. Names,
 * paths and arguments go through core/escape.h. No arithmetic beyond unit
 * scaling for display. */
#ifndef TRIAGE_VIEWS_SNOOP_H
#define TRIAGE_VIEWS_SNOOP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bpf/block.h"
#include "bpf/snoop_api.h"
#include "bpf/tcptool_api.h"

struct snoop_view {
	FILE *f;
	bool json;
	bool timestamp;		/* a time column */
	bool extra;		/* tool-specific extra column (biosnoop -Q queue time ...) */
	uint64_t t0_ns;		/* first event's time: TIME(s) is relative to it */
};

void snoop_bio_header(struct snoop_view *v);
void snoop_bio_event(struct snoop_view *v, const struct biosnoop_event *e, const char *flags);

void snoop_exec_header(struct snoop_view *v);
void snoop_exec_event(struct snoop_view *v, const struct exec_event *e);

/* extra: a FLAGS column in text. */
void snoop_open_header(struct snoop_view *v);
void snoop_open_event(struct snoop_view *v, const struct open_event *e, const char *flags);

/* kind picks the columns: tcpretrans, tcplife, tcpconnect, tcpaccept. */
void snoop_tcp_header(struct snoop_view *v, enum tcptool_kind kind);
void snoop_tcp_event(struct snoop_view *v, enum tcptool_kind kind, const struct tcp_event *e);

/* "lost N events" line (text) or {"lost": N} (JSON) when n > 0. */
void snoop_lost(struct snoop_view *v, uint64_t n);

#endif
