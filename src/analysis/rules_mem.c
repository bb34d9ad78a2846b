/* mem.low_available, mem.swapping, mem.pressure, mem.oom_kill, mem.dirty. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "analysis/finding.h"
#include "analysis/klog.h"
#include "analysis/obs.h"
#include "analysis/rules.h"

#define GiB (1024.0 * 1024 * 1024)

static void low_available(const struct obs *o, struct findings *out)
{
	const struct obs_host *h = &o->host;
	double lo = NAN;
	int lv;

	if (!(o->have & HAVE_MEM))
		return;
	for (int i = 0; i < h->mem_avail_pct.n; i++)
		if (!isnan(h->mem_avail_pct.v[i]) && (isnan(lo) || h->mem_avail_pct.v[i] < lo))
			lo = h->mem_avail_pct.v[i];
	if (isnan(lo) && h->mem_total > 0)
		lo = h->mem_avail / h->mem_total * 100;
	lv = rule_level(RULE_MEM_LOW_AVAILABLE, lo, false);
	if (lv < 0)
		return;
	struct finding *f = findings_add(out, RULE_MEM_LOW_AVAILABLE, lv,
					 rule_defs[RULE_MEM_LOW_AVAILABLE].warn / fmax(lo, 0.1), "memory");
	if (!f)
		return;
	finding_summary(f, "Only %.1f%% of memory is available", lo);
	finding_evidence(f, "MemAvailable %.2f GiB of MemTotal %.2f GiB at the end, %.1f%% at the lowest (/proc/meminfo)",
			 h->mem_avail / GiB, h->mem_total / GiB, lo);
	if (h->swap_total > 0)
		finding_evidence(f, "swap used %.2f GiB of %.2f GiB (/proc/meminfo SwapTotal - SwapFree)",
				 (h->swap_total - h->swap_free) / GiB, h->swap_total / GiB);
}

static void swapping(const struct obs *o, struct findings *out)
{
	const struct obs_host *h = &o->host;
	struct series s;
	char w[64];
	int k = 0, lv;

	if (!(o->have & HAVE_VMSTAT))
		return;
	series_init(&s);
	for (int i = 0; i < h->swap_in.n; i++)
		series_push(&s, h->swap_in.v[i] + h->swap_out.v[i]);
	lv = rule_level_series(o, RULE_MEM_SWAPPING, &s, 1, false, &k);
	if (lv < 0)
		return;
	struct finding *f = findings_add(out, RULE_MEM_SWAPPING, lv,
					 series_mean(&s) / rule_defs[RULE_MEM_SWAPPING].warn, "swap");
	if (!f)
		return;
	finding_summary(f, "The system is swapping: memory does not hold the working set");
	finding_evidence(f, "vmstat si %.0f so %.0f kB/s mean, %.0f kB/s peak in+out; above %g in %s (/proc/vmstat pswpin, pswpout)",
			 series_mean(&h->swap_in), series_mean(&h->swap_out), series_max(&s),
			 rule_defs[RULE_MEM_SWAPPING].warn, rule_window_str(o, k, w, sizeof(w)));
	if (h->mem_total > 0)
		finding_evidence(f, "MemAvailable %.1f%% of MemTotal (/proc/meminfo)", h->mem_avail / h->mem_total * 100);
}

static void pressure(const struct obs *o, struct findings *out)
{
	const struct obs_host *h = &o->host;
	double some = series_mean(&h->psi_mem_some), full = series_mean(&h->psi_mem_full);
	int lv = rule_level(RULE_MEM_PRESSURE, some, false), lv2 = rule_level(RULE_MEM_PRESSURE, full, true);

	if (!(o->have & HAVE_PSI))
		return;
	if (lv2 > lv)
		lv = lv2;
	if (lv < 0)
		return;
	struct finding *f = findings_add(out, RULE_MEM_PRESSURE, lv,
					 some / rule_defs[RULE_MEM_PRESSURE].warn, "memory");
	if (!f)
		return;
	finding_summary(f, "Tasks stall on memory %.0f%% of the time (reclaim, swap-in, thrashing)", some);
	finding_evidence(f, "PSI memory some %.1f%% full %.1f%% of the window, peak interval %.1f%% "
			 "(/proc/pressure/memory total)", some, isnan(full) ? 0 : full, series_max(&h->psi_mem_some));
}

/* When a kernel-log line was written: "at 06:12:03, 32 s ago" live (boot
 * time = now - uptime, as dmesg -T derives it), "32 s before the end" for a
 * replay. */
static const char *when(const struct obs *o, double ts, char *buf, size_t size)
{
	double ago = isnan(o->t_end) ? 0 : o->t_end - ts;
	time_t t = (time_t)(o->wall_end - ago);
	struct tm tm;
	char hm[16];

	if (o->wall_end > 0 && localtime_r(&t, &tm)) {
		strftime(hm, sizeof(hm), "%H:%M:%S", &tm);
		snprintf(buf, size, "at %s, %.0f s ago", hm, ago);
	} else {
		snprintf(buf, size, "%.0f s before the end of the window", ago);
	}
	return buf;
}

/* The most recent OOM kill in the log (in the window or not). */
static const struct obs_klog *last_oom(const struct obs *o, bool in_window)
{
	const struct obs_klog *best = NULL;

	for (int i = 0; i < o->nklog; i++) {
		const struct obs_klog *l = &o->klog[i];

		if (l->kind != KLOG_OOM || (in_window && !l->in_window))
			continue;
		int pid;
		char comm[64];
		if (klog_oom_victim(l->text, &pid, comm, sizeof(comm)))
			continue;
		if (!best || l->ts >= best->ts)
			best = l;
	}
	return best;
}

static void oom_kill(const struct obs *o, struct findings *out)
{
	const struct obs_host *h = &o->host;
	const struct obs_klog *win = last_oom(o, true), *any = last_oom(o, false);
	double n = h->oom_kill_window;
	int pid = 0;
	char comm[64] = "", w[64];
	struct finding *f;

	if (!(n > 0) && win)
		n = 1;	/* seen in the log though vmstat is unknown */
	if (n > 0) {
		f = findings_add(out, RULE_MEM_OOM_KILL, SEV_CRITICAL, n, "memory");
		if (!f)
			return;
		if (win && !klog_oom_victim(win->text, &pid, comm, sizeof(comm))) {
			finding_summary(f, "The kernel OOM-killed %s (pid %d) during the window, %s", comm, pid,
					when(o, win->ts, w, sizeof(w)));
			finding_name_proc(f, pid, comm);
		} else {
			finding_summary(f, "The kernel OOM-killed %.0f process(es) during the window", n);
		}
		if (!isnan(h->oom_kill_window))
			finding_evidence(f, "vmstat oom_kill +%.0f in the window, %.0f since boot (/proc/vmstat)",
					 h->oom_kill_window, h->oom_kill_boot);
		if (win)
			finding_evidence(f, "[%.1f s after boot] %s (kernel log)", win->ts, win->text);
		return;
	}
	if (!(h->oom_kill_boot > 0) && !any)
		return;
	f = findings_add(out, RULE_MEM_OOM_KILL, SEV_INFO, 0, "memory");
	if (!f)
		return;
	if (any && !klog_oom_victim(any->text, &pid, comm, sizeof(comm))) {
		finding_summary(f, "An earlier OOM kill: %s (pid %d), %s", comm, pid, when(o, any->ts, w, sizeof(w)));
		finding_name_proc(f, pid, comm);
		finding_evidence(f, "[%.1f s after boot] %s (kernel log)", any->ts, any->text);
	} else {
		finding_summary(f, "%.0f OOM kill(s) since boot, none during the window", h->oom_kill_boot);
	}
	if (!isnan(h->oom_kill_boot))
		finding_evidence(f, "vmstat oom_kill %.0f since boot (/proc/vmstat)", h->oom_kill_boot);
}

/* mem.dirty's evidence: the processes whose threads were throttled in
 * balance_dirty_pages (D, from the thread-state samples). */
static void dirty_throttled(const struct obs *o, struct finding *f)
{
	int named = 0;

	for (int i = 0; i < o->ntprocs && named < 3; i++) {
		const struct obs_tproc *t = &o->tprocs[i];

		for (int w = 0; w < t->nwaits; w++) {
			if (strstr(t->waits[w].wchan, "balance_dirty_pages") == NULL &&
			    strstr(t->waits[w].frame, "balance_dirty_pages") == NULL)
				continue;
			finding_evidence(f, "%s (pid %d): %.0f%% of its thread-samples throttled in balance_dirty_pages "
					 "(wchan; the writer the kernel stalls)", t->comm, t->pid, t->waits[w].pct);
			if (!named++)
				finding_name_proc(f, t->pid, t->comm);
			break;
		}
	}
}

static void dirty(const struct obs *o, struct findings *out)
{
	const struct obs_host *h = &o->host;
	char w[64];
	int k = 0, lv;

	if (!(o->have & HAVE_VMSTAT) || !h->dirty_pct.n)
		return;
	lv = rule_level_series(o, RULE_MEM_DIRTY, &h->dirty_pct, 1, false, &k);
	if (lv < 0)
		return;
	struct finding *f = findings_add(out, RULE_MEM_DIRTY, lv,
					 series_mean(&h->dirty_pct) / rule_defs[RULE_MEM_DIRTY].warn, "memory");
	if (!f)
		return;
	finding_summary(f, "Dirty pages are at %.0f%% of the kernel's dirty limit: writers are being stalled",
			 series_max(&h->dirty_pct));
	finding_evidence(f, "dirty %.1f MiB + writeback %.1f MiB of a %.1f MiB limit (background writeback from "
			 "%.1f MiB) at the end; above %g%% in %s (/proc/vmstat nr_dirty, nr_writeback, "
			 "nr_dirty_threshold)", h->dirty_kb / 1024, h->writeback_kb / 1024, h->dirty_thresh_kb / 1024,
			 h->dirty_bg_kb / 1024, rule_defs[RULE_MEM_DIRTY].warn, rule_window_str(o, k, w, sizeof(w)));
	dirty_throttled(o, f);
}

void rules_mem(const struct obs *o, struct findings *out)
{
	low_available(o, out);
	swapping(o, out);
	pressure(o, out);
	oom_kill(o, out);
	dirty(o, out);
}
