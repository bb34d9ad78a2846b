#include "views/iostat.h"

#include <stddef.h>
#include <string.h>

#include "views/cols.h"
#include "views/sysstat_banner.h"

#define CPU(h, k) COLK(struct avgcpu, h, #k, k, 7, 2, COL_PCT)
#define D(h, k, f, w, p, kind) COLK(struct disk_rates, h, k, f, w, p, kind)

static const struct col cpu_cols[] = {
	CPU("%user", user), CPU("%nice", nice), CPU("%system", system),
	CPU("%iowait", iowait), CPU("%steal", steal), CPU("%idle", idle),
};

/* -x: r/s rkB/s rrqm/s %rrqm r_await rareq-sz, the same for w and d, then
 * f/s f_await aqu-sz %util. U: "kB" or "MB". */
#define EXT_DIR(x, U) \
	D(#x "/s", #x "_s", x##_s, 7, 2, COL_NUM), \
	D(#x U "/s", #x "kb_s", x##kb_s, 9, 2, COL_SIZE), \
	D(#x "rqm/s", #x "rqm_s", x##rqm_s, 8, 2, COL_NUM), \
	D("%" #x "rqm", #x "rqm_pct", x##rqm_pct, 6, 2, COL_PCT), \
	D(#x "_await", #x "_await_ms", x##_await, 7, 2, COL_NUM), \
	D(#x "areq-sz", #x "areq_sz_kb", x##areq_sz, 8, 2, COL_KB)
#define EXT_COLS(U) \
	EXT_DIR(r, U), EXT_DIR(w, U), EXT_DIR(d, U), \
	D("f/s", "f_s", f_s, 7, 2, COL_NUM), D("f_await", "f_await_ms", f_await, 7, 2, COL_NUM), \
	D("aqu-sz", "aqu_sz", aqu_sz, 7, 2, COL_NUM), D("%util", "util_pct", util_pct, 6, 2, COL_PCT)
/* -d: tps, kB_read/s kB_wrtn/s kB_dscd/s, kB_read kB_wrtn kB_dscd */
#define BASIC_COLS(U) \
	D("tps", "tps", tps, 8, 2, COL_NUM), \
	D(U "_read/s", "kb_read_s", kb_read_s, 12, 2, COL_SIZE), \
	D(U "_wrtn/s", "kb_wrtn_s", kb_wrtn_s, 12, 2, COL_SIZE), \
	D(U "_dscd/s", "kb_dscd_s", kb_dscd_s, 12, 2, COL_SIZE), \
	D(U "_read", "kb_read", kb_read, 10, 0, COL_SIZE), \
	D(U "_wrtn", "kb_wrtn", kb_wrtn, 10, 0, COL_SIZE), \
	D(U "_dscd", "kb_dscd", kb_dscd, 10, 0, COL_SIZE)
/* -s -x: tps kB/s rqm/s await areq-sz aqu-sz %util */
#define SHORT_EXT_COLS(U) \
	D("tps", "tps", tps, 8, 2, COL_NUM), D(U "/s", "kb_s", kb_s, 9, 2, COL_SIZE), \
	D("rqm/s", "rqm_s", rqm_s, 8, 2, COL_NUM), D("await", "await_ms", await, 7, 2, COL_NUM), \
	D("areq-sz", "areq_sz_kb", areq_sz, 8, 2, COL_KB), \
	D("aqu-sz", "aqu_sz", aqu_sz, 7, 2, COL_NUM), D("%util", "util_pct", util_pct, 6, 2, COL_PCT)
/* -s -d: tps kB_read/s kB_w+d/s kB_read kB_w+d */
#define SHORT_BASIC_COLS(U) \
	D("tps", "tps", tps, 8, 2, COL_NUM), \
	D(U "_read/s", "kb_read_s", kb_read_s, 12, 2, COL_SIZE), \
	D(U "_w+d/s", "kb_wd_s", kb_wd_s, 12, 2, COL_SIZE), \
	D(U "_read", "kb_read", kb_read, 10, 0, COL_SIZE), \
	D(U "_w+d", "kb_wd", kb_wd, 10, 0, COL_SIZE)

static const struct col ext_kb[] = { EXT_COLS("kB") }, ext_mb[] = { EXT_COLS("MB") };
static const struct col basic_kb[] = { BASIC_COLS("kB") }, basic_mb[] = { BASIC_COLS("MB") };
static const struct col sext_kb[] = { SHORT_EXT_COLS("kB") }, sext_mb[] = { SHORT_EXT_COLS("MB") };
static const struct col sbasic_kb[] = { SHORT_BASIC_COLS("kB") },
			sbasic_mb[] = { SHORT_BASIC_COLS("MB") };
/* the short -x columns JSON adds: those not in ext or basic */
static const struct col sjson[] = {
	D("", "kb_s", kb_s, 9, 2, COL_SIZE), D("", "rqm_s", rqm_s, 8, 2, COL_NUM),
	D("", "await_ms", await, 7, 2, COL_NUM), D("", "areq_sz_kb", areq_sz, 8, 2, COL_KB),
	D("", "kb_wd_s", kb_wd_s, 12, 2, COL_SIZE), D("", "kb_wd", kb_wd, 10, 0, COL_SIZE),
};

/* --pretty -x without --compact: four tables, r, w, d and f/aqu/util */
static const size_t ext_split[] = { 0, 6, 12, 18, COLS_N(ext_kb) };

/* The values of one row, plain or --human. */
static void values(FILE *f, const struct iostat_fmt *fmt, const void *base, const struct col *c,
		   size_t n)
{
	if (fmt->human)
		cols_row_human(f, base, c, n, fmt->dec, fmt->unit == DISK_UNIT_MB ? 2 : 1);
	else
		cols_row(f, base, c, n, fmt->dec);
}

void iostat_print_cpu(FILE *f, const struct iostat_fmt *fmt, const struct avgcpu *c)
{
	/* "avg-cpu:" takes the first column's leading blanks */
	fprintf(f, "avg-cpu:%*s", cpu_cols[0].width, cpu_cols[0].head);
	cols_head(f, cpu_cols + 1, COLS_N(cpu_cols) - 1);
	fputs("\n       ", f);
	values(f, fmt, c, cpu_cols, COLS_N(cpu_cols));
	fputs("\n\n", f);
}

/* The device's name: a group's after a blank, as sysstat; padded to width
 * (0: not padded). */
static void name(FILE *f, const struct disk_row *r, int width)
{
	if (r->is_group) {
		fputc(' ', f);
		width = width > 0 ? width - 1 : 0;
	}
	cols_name(f, r->name, width, 1);
}

static void table(FILE *f, const struct iostat_fmt *fmt, const struct disk_report *rep,
		  const struct col *c, size_t n)
{
	if (!fmt->pretty)
		fputs("Device       ", f);
	cols_head(f, c, n);
	fputs(fmt->pretty ? " Device\n" : "\n", f);
	for (size_t i = 0; i < rep->n; i++) {
		if (!fmt->pretty)
			name(f, &rep->rows[i], 13);
		values(f, fmt, &rep->rows[i].r, c, n);
		if (fmt->pretty) {
			fputc(' ', f);
			name(f, &rep->rows[i], 0);
		}
		fputc('\n', f);
	}
}

void iostat_print_disks(FILE *f, const struct iostat_fmt *fmt, const struct disk_report *rep)
{
	bool mb = fmt->unit == DISK_UNIT_MB;
	const struct col *c;
	size_t n;

	if (fmt->extended && fmt->shorts) {
		c = mb ? sext_mb : sext_kb;
		n = COLS_N(sext_kb);
	} else if (fmt->extended) {
		c = mb ? ext_mb : ext_kb;
		n = COLS_N(ext_kb);
	} else {
		c = fmt->shorts ? (mb ? sbasic_mb : sbasic_kb) : (mb ? basic_mb : basic_kb);
		n = fmt->shorts ? COLS_N(sbasic_kb) : COLS_N(basic_kb);
	}
	if (!(fmt->extended && !fmt->shorts && fmt->pretty && !fmt->compact)) {
		table(f, fmt, rep, c, n);
		return;
	}
	for (size_t s = 0; s + 1 < COLS_N(ext_split); s++) {
		if (s)
			fputc('\n', f);
		table(f, fmt, rep, c + ext_split[s], ext_split[s + 1] - ext_split[s]);
	}
}

static void json_disk(struct json *j, const struct disk_row *row, bool shorts)
{
	json_obj_begin(j, NULL);
	json_str(j, "disk_device", row->name);
	json_bool(j, "partition", row->is_partition);
	if (row->is_group)
		json_bool(j, "group", true);
	cols_json(j, &row->r, ext_kb, COLS_N(ext_kb), -1);
	cols_json(j, &row->r, basic_kb, COLS_N(basic_kb), -1);
	if (shorts)
		cols_json(j, &row->r, sjson, COLS_N(sjson), -1);
	json_obj_end(j);
}

void iostat_json_sample(struct json *j, time_t when, bool since_boot, double dt_s, bool shorts,
			const struct avgcpu *cpu, const struct disk_report *rep)
{
	char ts[40];

	sysstat_time_iso(when, ts, sizeof(ts));
	json_obj_begin(j, NULL);
	json_str(j, "timestamp", ts);
	json_bool(j, "since_boot", since_boot);
	json_double(j, "interval_s", dt_s, 2);
	if (cpu) {
		json_obj_begin(j, "avg_cpu");
		cols_json(j, cpu, cpu_cols, COLS_N(cpu_cols), -1);
		json_obj_end(j);
	}
	if (rep) {
		json_arr_begin(j, "disk");
		for (size_t i = 0; i < rep->n; i++)
			json_disk(j, &rep->rows[i], shorts);
		json_arr_end(j);
	}
	json_obj_end(j);
}
