/* The interactive top's header: the time (recorded, or "live"), uptime,
 * load and tasks; a bar per CPU (user, system, iowait, steal) or top's one
 * %Cpu(s) line; memory and swap; PSI, the busiest disk and interface; one
 * line per current finding of the report's rules. */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "analysis/finding.h"
#include "model/mem.h"
#include "model/pid.h"
#include "tui/tui_priv.h"

#define FINDINGS_SHOWN 5	/* finding lines at most; Tab scrolls the rest */

static void fmt_time_line(const struct tui *t, char *out, size_t size)
{
	const struct sample *s = t->fr.newer;
	time_t now = (time_t)(s->t_ns / 1000000000);
	struct tm tm;
	char when[32], up[32];
	long m = (long)(s->up.up_s / 60);

	localtime_r(&now, &tm);
	strftime(when, sizeof(when), t->replay ? "%Y-%m-%d %H:%M:%S" : "%H:%M:%S", &tm);
	if (m >= 1440)
		snprintf(up, sizeof(up), "%ld days, %ld:%02ld", m / 1440, m % 1440 / 60, m % 60);
	else
		snprintf(up, sizeof(up), "%ld:%02ld", m / 60, m % 60);
	snprintf(out, size, "triage top - %s %s%s  up %s  load %.2f %.2f %.2f  tasks %u, %u running%s",
		 t->replay ? "recorded" : t->snapshots ? "snapshot" : "live", when, t->replay && t->at_end ? " (end)" : "", up,
		 s->load.load[0], s->load.load[1], s->load.load[2], t->fr.ntasks, t->fr.nrunning,
		 t->fr.older ? "" : "  (since boot)");
}

/* A bar of w cells: each part's share of 100 %, then spaces. */
static void bar(const struct tui *t, int y, int x, int w, const double *part, const enum tui_color *col,
		const char *chars, int nparts)
{
	int at = 0;
	double acc = 0;

	for (int p = 0; p < nparts; p++) {
		double v = isnan(part[p]) || part[p] < 0 ? 0 : part[p];
		int end;

		acc += v;
		end = (int)(acc / 100.0 * w + 0.5);
		if (end > w)
			end = w;
		tui_color_on(t, col[p]);
		for (; at < end; at++)
			mvaddch(y, x + at, (chtype)(t->color ? '|' : chars[p]));
		tui_color_off(t, col[p]);
	}
	for (; at < w; at++)
		mvaddch(y, x + at, ' ');
}

static void cpu_bar(const struct tui *t, int y, int x, int w, const char *label, const struct cpu_pct *p)
{
	static const enum tui_color cols[] = { TC_USER, TC_SYS, TC_WAIT, TC_STEAL };
	double part[4] = { p->usr + p->nice, p->sys + p->irq + p->soft, p->iowait, p->steal };
	char num[16];
	int bw = w - (int)strlen(label) - 10;

	mvaddstr(y, x, label);
	if (bw < 4)
		return;
	mvaddch(y, x + (int)strlen(label), '[');
	bar(t, y, x + (int)strlen(label) + 1, bw, part, cols, "uswt", 4);
	snprintf(num, sizeof(num), "]%5.1f%%", cpu_pct_busy(p));
	mvaddstr(y, x + (int)strlen(label) + 1 + bw, num);
}

/* Per-CPU bars, in columns when there are many; or top's %Cpu(s) line. */
static int cpus(const struct tui *t, int y)
{
	const struct cpu_model *m = &t->fr.cpu;
	int shown = 0, ncols, colw, k = 0;

	if (!t->fr.cpu_ok) {
		mvaddstr(y, 0, "%Cpu(s): -");
		return y + 1;
	}
	if (!t->percpu) {
		const struct cpu_pct *p = &m->all;
		char line[160];

		snprintf(line, sizeof(line), "%%Cpu(s):%5.1f us,%5.1f sy,%5.1f ni,%5.1f id,%5.1f wa,%5.1f hi,"
			 "%5.1f si,%5.1f st", p->usr, p->sys, p->nice, p->idle, p->iowait, p->irq, p->soft, p->steal);
		tui_put_plain(y, 0, line, COLS);
		return y + 1;
	}
	for (int i = 0; i < m->ncpu; i++)
		shown += m->cpu[i].state == CPU_OK || m->cpu[i].state == CPU_TICKLESS;
	ncols = shown > 32 ? 4 : shown > 4 ? 2 : 1;
	colw = COLS / ncols;
	for (int i = 0; i < m->ncpu; i++) {
		char label[16];

		if (m->cpu[i].state != CPU_OK && m->cpu[i].state != CPU_TICKLESS)
			continue;
		snprintf(label, sizeof(label), "%3d", i);
		cpu_bar(t, y + k / ncols, (k % ncols) * colw, colw - 1, label, &m->cpu[i].pct);
		k++;
	}
	return y + (k + ncols - 1) / ncols;
}

static void mem_bar(const struct tui *t, int y, int x, int w, const char *label, double used, double total)
{
	static const enum tui_color col[] = { TC_USER };
	double part[1] = { total > 0 ? used / total * 100.0 : 0 };
	char num[48];
	int bw;

	snprintf(num, sizeof(num), "] %.1f/%.1fG", used / 1024.0, total / 1024.0);
	bw = w - (int)strlen(label) - 1 - (int)strlen(num);
	mvaddstr(y, x, label);
	if (bw < 4)
		return;
	mvaddch(y, x + (int)strlen(label), '[');
	bar(t, y, x + (int)strlen(label) + 1, bw, part, col, "|", 1);
	mvaddstr(y, x + (int)strlen(label) + 1 + bw, num);
}

static int memory(const struct tui *t, int y)
{
	const struct sample *s = t->fr.newer;
	struct mem_free mf;
	struct pid_top_mem m;

	if (!sample_has(s, SAMPLE_MEMINFO)) {
		mvaddstr(y, 0, "Mem: -");
		return y + 1;
	}
	mem_model_free(&s->mem, &mf);
	pid_top_mem(&mf, &m);
	mem_bar(t, y, 0, COLS / 2 - 1, "Mem ", m.used, m.total);
	mem_bar(t, y, COLS / 2, COLS - COLS / 2, "Swp ", m.swap_used, m.swap_total);
	return y + 1;
}

static void fmt_rate(char *out, size_t size, double bps)
{
	static const char *const u[] = { "B/s", "kB/s", "MB/s", "GB/s" };
	int i = 0;

	if (isnan(bps)) {
		snprintf(out, size, "-");
		return;
	}
	while (bps >= 1000 && i < 3) {
		bps /= 1000;
		i++;
	}
	snprintf(out, size, "%.1f %s", bps, u[i]);
}

static void fmt_pct(char *out, size_t size, double v)
{
	if (isnan(v))
		snprintf(out, size, "-");
	else
		snprintf(out, size, "%.1f%%", v);
}

static double last(const struct series *s)
{
	return s->n > 0 ? s->v[s->n - 1] : NAN;
}

/* PSI, the busiest disk (%util) and interface (rx + tx) of the interval. */
static int io_line(const struct tui *t, int y)
{
	const struct obs *o = t->fr.judged_ok ? t->fr.judged.o : NULL;
	const struct obs_disk *d = NULL;
	const struct obs_net *n = NULL;
	char line[512], disk[160] = "disk -", net[200] = "net -", rx[32], tx[32], pc[16], pm[16], pi[16];

	if (!o) {
		tui_put_plain(y, 0, "PSI -  disk -  net -", COLS);
		return y + 1;
	}
	for (int i = 0; i < o->ndisks; i++)
		if (!isnan(last(&o->disks[i].util)) && (!d || last(&o->disks[i].util) > last(&d->util)))
			d = &o->disks[i];
	for (int i = 0; i < o->nnets; i++) {
		double v = last(&o->nets[i].rx_bps) + last(&o->nets[i].tx_bps);
		if (!isnan(v) && (!n || v > last(&n->rx_bps) + last(&n->tx_bps)))
			n = &o->nets[i];
	}
	if (d)
		snprintf(disk, sizeof(disk), "disk %.60s %.1f%% util %.0f IOPS", d->name, last(&d->util),
			 last(&d->iops));
	if (n) {
		fmt_rate(rx, sizeof(rx), last(&n->rx_bps));
		fmt_rate(tx, sizeof(tx), last(&n->tx_bps));
		snprintf(net, sizeof(net), "net %.31s rx %s tx %s", n->name, rx, tx);
	}
	fmt_pct(pc, sizeof(pc), last(&o->host.psi_cpu_some));
	fmt_pct(pm, sizeof(pm), last(&o->host.psi_mem_some));
	fmt_pct(pi, sizeof(pi), last(&o->host.psi_io_some));
	snprintf(line, sizeof(line), "PSI some cpu %s mem %s io %s   %s   %s", pc, pm, pi, disk, net);
	/* device names come from the kernel's lists: escaped like any name */
	tui_put(y, 0, line, COLS);
	return y + 1;
}

static enum tui_color sev_color(enum severity s)
{
	return s == SEV_CRITICAL ? TC_CRIT : s == SEV_WARNING ? TC_WARN : TC_NONE;
}

/* The first finding shown, so that the selected one is on screen. */
static int findings_first(const struct tui *t)
{
	int first = 0;

	if (t->focus_findings && t->sel_finding >= FINDINGS_SHOWN)
		first = t->sel_finding - FINDINGS_SHOWN + 1;
	return first;
}

static int findings(const struct tui *t, int y)
{
	const struct findings *fs = &t->fr.judged.fs;
	int first = findings_first(t);

	if (!t->fr.judged_ok) {
		tui_put_plain(y, 0, t->fr.older ? "Findings: cannot judge this interval"
						: "Findings: after the first interval", COLS);
		return y + 1;
	}
	if (fs->n == 0) {
		tui_put_plain(y, 0, "Findings: none over the last interval", COLS);
		return y + 1;
	}
	for (int i = first; i < fs->n && i < first + FINDINGS_SHOWN; i++) {
		const struct finding *f = &fs->v[i];
		char head[96];
		int x;
		bool sel = t->focus_findings && i == t->sel_finding;

		if (sel)
			attron(A_REVERSE);
		tui_color_on(t, sev_color(f->sev));
		snprintf(head, sizeof(head), "%-8s %-22s ", severity_name(f->sev), rule_defs[f->rule].id);
		x = tui_put_plain(y, 0, head, COLS);
		tui_color_off(t, sev_color(f->sev));
		x += tui_put(y, x, f->resource, COLS - x > 24 ? 24 : COLS - x);
		x += tui_put_plain(y, x, "  ", COLS - x);
		x += tui_put(y, x, f->summary, COLS - x);
		for (; sel && x < COLS; x++)
			mvaddch(y, x, ' ');
		if (sel)
			attroff(A_REVERSE);
		y++;
	}
	if (fs->n > FINDINGS_SHOWN) {
		char more[96];

		snprintf(more, sizeof(more), "  %d findings (Tab selects them, Enter shows one)", fs->n);
		tui_put_plain(y++, 0, more, COLS);
	}
	return y;
}

int tui_header_findings(const struct tui *t)
{
	return t->fr.judged_ok ? t->fr.judged.fs.n : 0;
}

int tui_header_draw(struct tui *t)
{
	char line[512];
	int y = 0;

	fmt_time_line(t, line, sizeof(line));
	tui_put_plain(y++, 0, line, COLS);
	y = cpus(t, y);
	y = memory(t, y);
	y = io_line(t, y);
	return findings(t, y);
}
