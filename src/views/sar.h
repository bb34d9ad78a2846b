/* sar -n's tables as sysstat 12.6 prints them (pr_stats.c print_net_*_stats:
 * a "%-11s" time label, then " %9s"/" %9.2f" columns), and their JSON. The
 * activities come out in sysstat's order: DEV, EDEV, SOCK, TCP, ETCP. */
#ifndef TRIAGE_VIEWS_SAR_H
#define TRIAGE_VIEWS_SAR_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "core/json.h"
#include "model/net.h"

enum sar_act {
	SAR_DEV = 1 << 0,
	SAR_EDEV = 1 << 1,
	SAR_SOCK = 1 << 2,
	SAR_TCP = 1 << 3,
	SAR_ETCP = 1 << 4,
};

struct sar_if_row {
	const char *name;
	struct net_dev_rates dev;
	struct net_edev_rates edev;
	long speed_mbps;	/* -1 unknown (JSON only) */
};

/* One interval (or the average): what each activity shows. An activity
 * whose source was unavailable has its have_* false and is not printed. */
struct sar_report {
	const struct sar_if_row *ifs;
	size_t nifs;
	bool have_dev;		/* DEV and EDEV */
	bool have_sock;
	struct net_sock sock;
	bool have_tcp;		/* TCP and ETCP */
	struct net_tcp_rates tcp;
	struct net_etcp_rates etcp;
};

/* The tables of acts for one interval: for each, a blank line, the header
 * labelled plabel (the previous sample's time, or "Average:"), and the rows
 * labelled clabel. */
void sar_print(FILE *f, unsigned acts, const char *plabel, const char *clabel,
	       const struct sar_report *r);

/* The JSON of one report: {"timestamp"?, "interval_s", "net_dev": [...],
 * "net_edev": [...], "net_sock": {...}, "net_tcp": {...}, "net_etcp": {...}}
 * for the selected activities (null when unavailable). key: NULL inside the
 * "statistics" array, "average" for the average. when 0: no timestamp. */
void sar_json(struct json *j, const char *key, unsigned acts, time_t when, double dt_s,
	      const struct sar_report *r);

#endif
