/* mem.growth over a recorded window: a synthetic recording, written through
 * the codec and the store, of three hours at one sample a minute in which
 *   "leaky" (pid 100) grows 1 MiB a minute (50 -> 230 MiB),
 *   "steady" (pid 200) stays at 80 MiB,
 *   "stepper" (pid 300) jumps once from 30 to 90 MiB (a step, not a leak),
 *   the cgroup /leak.slice/app grows 1 MiB a minute of anon memory (100 ->
 *   280 MiB) under its parent's memory.max of 512 MiB,
 * while MemAvailable falls from 400 to 220 MiB. One slice (a minute) sees
 * 1 MiB: nothing; the whole window sees the leak. Hand-computed: 1 MiB/min
 * = 1/60 MiB/s; the process has 220 MiB of MemAvailable left at the end,
 * 220 * 60 s = 13200 s = 3.7 h; the cgroup 512 - 280 = 232 MiB, 13920 s =
 * 3.9 h. Both are info (more than the warning's 1800 s left).
 *
 * With a directory argument the program only writes that recording there
 * (tests/cli/record_cgroup.sh replays it with `triage --from/--to`). */
#include "test.h"

#include <unistd.h>

#include "analysis/finding.h"
#include "analysis/obs.h"
#include "analysis/rules.h"
#include "cmd/triage_window.h"
#include "sample/codec.h"
#include "store/store.h"

#define T0 1796300000ll		/* 2026-12-03 ... UTC, the first sample */
#define NS 181			/* three hours and one sample */
#define MIB (1024.0 * 1024)

static void set_raw(struct sample *s, enum sample_part part, const char *text)
{
	struct buf *b = &s->raw[part];

	assert_int_equal(buf_reserve(b, strlen(text)), 0);
	memcpy(b->p, text, strlen(text) + 1);
	b->len = strlen(text);
	s->want |= 1u << part;
	assert_int_equal(sample_parse_part(s, part), 0);
}

static void add_proc(struct sample *s, int pid, const char *comm, double mib)
{
	struct proc_pid_rec r;

	memset(&r, 0, sizeof(r));
	r.pid = pid;
	snprintf(r.stat.comm, sizeof(r.stat.comm), "%s", comm);
	r.stat.pid = pid;
	r.stat.state = 'S';
	r.stat.ppid = 1;
	r.stat.num_threads = 1;
	r.stat.starttime = 500;
	r.stat.rss = (int64_t)(mib * MIB / (double)sysconf(_SC_PAGESIZE));
	assert_int_equal(proc_pid_sample_append(&s->procs, &r), 0);
}

static void add_group(struct cgroup_snapshot *cs, const char *path, double anon_mib, uint64_t max)
{
	struct cgroup_sample *g = &cs->s[cs->n++];

	memset(g, 0, sizeof(*g));
	snprintf(g->path, sizeof(g->path), "%s", path);
	g->mem.version = 2;
	g->mem.has_stat = true;
	g->mem.anon = (uint64_t)(anon_mib * MIB);
	g->mem.file = 20 << 20;
	g->mem.current = g->mem.anon + g->mem.file;
	g->mem.max = max;
	g->mem.max_eff = max == CGROUP_UNLIMITED ? (uint64_t)512 << 20 : max;
	g->mem.high = CGROUP_UNLIMITED;
	for (int k = 0; k < PSI__COUNT; k++)
		g->psi_err[k] = -ENOENT;
}

/* Sample i: minute i of the three hours. */
static void make(struct sample *s, int i)
{
	char b[512];

	sample_init(s);
	s->t_ns = (T0 + 60ll * i) * 1000000000ll;
	s->mono_ns = (1000ll + 60ll * i) * 1000000000ll;
	snprintf(b, sizeof(b), "%d.00 %d.00\n", 1000 + 60 * i, 1900 + 110 * i);
	set_raw(s, SAMPLE_UPTIME, b);
	snprintf(b, sizeof(b), "MemTotal:        1048576 kB\nMemFree:          100000 kB\nMemAvailable:   %8d kB\n"
		 "Buffers:            1000 kB\nCached:            50000 kB\nSwapTotal:             0 kB\n"
		 "SwapFree:              0 kB\n", 409600 - 1024 * i);
	set_raw(s, SAMPLE_MEMINFO, b);
	set_raw(s, SAMPLE_BOOT_ID, "0f4c7c59-5f1b-4b8e-9c2e-2f6a1e1c9a01\n");
	add_proc(s, 100, "leaky", 50 + i);
	add_proc(s, 200, "steady", 80);
	add_proc(s, 300, "stepper", i < NS / 2 ? 30 : 90);
	s->have_procs = true;
	s->cgroups.m.layout = CG_UNIFIED;
	snprintf(s->cgroups.m.v2, sizeof(s->cgroups.m.v2), "fs/cgroup");
	s->cgroups.s = calloc(3, sizeof(*s->cgroups.s));
	assert_non_null(s->cgroups.s);
	add_group(&s->cgroups, "/", 900 + i, CGROUP_UNLIMITED);
	add_group(&s->cgroups, "/leak.slice", 100 + i, (uint64_t)512 << 20);
	add_group(&s->cgroups, "/leak.slice/app", 100 + i, CGROUP_UNLIMITED);
	s->have_cgroups = true;
}

static int write_store(const char *dir)
{
	struct store_wopts wo = { 0 };
	struct store *st;
	struct bw w = { 0 };
	char why[256];
	int err = store_open_write(&st, dir, &wo, why, sizeof(why));

	if (err) {
		fprintf(stderr, "test_leak_window: %s: %s\n", dir, why);
		return err;
	}
	for (int i = 0; i < NS && !err; i++) {
		struct sample s;
		struct store_rec r = { .interval_ms = 60000, .flags = i ? 0 : STORE_REC_START };

		make(&s, i);
		w.len = 0;
		sample_encode(&s, &w);
		r.t_ns = s.t_ns;
		r.mono_ns = s.mono_ns;
		snprintf(r.boot_id, sizeof(r.boot_id), "%s", s.boot_id);
		r.data = w.p;
		r.len = w.len;
		err = w.err ? w.err : store_append(st, &r);
		sample_free(&s);
	}
	bw_free(&w);
	store_close(st);
	return err;
}

static const struct finding *find(const struct findings *fs, const char *resource)
{
	for (int i = 0; i < fs->n; i++)
		if (fs->v[i].rule == RULE_MEM_GROWTH && !strcmp(fs->v[i].resource, resource))
			return &fs->v[i];
	return NULL;
}

/* The whole window: the leak and the cgroup, with rate and time left. */
static void test_window(void **state)
{
	struct triage_window *w = triage_window_new();
	struct obs *o = obs_new();
	struct findings fs = { 0 };
	const struct finding *f;

	(void)state;
	assert_non_null(w);
	for (int i = 0; i < NS; i++) {
		struct sample s, d;
		struct bw b = { 0 };

		make(&s, i);
		sample_encode(&s, &b);	/* as replayed: through the codec */
		sample_init(&d);
		assert_int_equal(sample_decode(b.p, b.len, &d), 0);
		assert_int_equal(triage_window_add(w, &d), 0);
		sample_free(&s), sample_free(&d);
		bw_free(&b);
	}
	assert_true(fabs(triage_window_obs(w, o) - 10800) < 1e-6);
	rules_mem_growth(o, &fs);
	f = find(&fs, "pid:100");
	assert_non_null(f);
	assert_int_equal(f->sev, SEV_INFO);
	assert_string_equal(f->summary, "leaky (pid 100) grows 1.00 MiB/min: MemAvailable runs out in 3.7 h at that rate");
	f = find(&fs, "cgroup:/leak.slice/app");
	assert_non_null(f);
	assert_string_equal(f->summary, "cgroup /leak.slice/app grows 1.00 MiB/min: its memory.max runs out in 3.9 h "
			    "at that rate");
	assert_null(find(&fs, "cgroup:/leak.slice"));	/* the child's growth */
	assert_null(find(&fs, "cgroup:/"));
	assert_null(find(&fs, "pid:200"));
	assert_null(find(&fs, "pid:300"));	/* r^2 0.75: a step */
	assert_int_equal(fs.n, 2);
	findings_free(&fs);
	obs_free(o);
	triage_window_free(w);
}

/* One slice (two samples a minute apart) sees 1 MiB: below the rule's
 * 8 MiB and too short: nothing. */
static void test_slice(void **state)
{
	struct triage_window *w = triage_window_new();
	struct obs *o = obs_new();
	struct findings fs = { 0 };

	(void)state;
	for (int i = 0; i < 3; i++) {
		struct sample s;

		make(&s, i);
		assert_int_equal(triage_window_add(w, &s), 0);
		sample_free(&s);
	}
	triage_window_obs(w, o);
	rules_mem_growth(o, &fs);
	assert_int_equal(fs.n, 0);
	findings_free(&fs);
	obs_free(o);
	triage_window_free(w);
}

/* The store holds every record and replays them in order. */
static void test_store(void **state)
{
	char dir[] = "/tmp/triage-leak.XXXXXX";
	char rm[64];

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chmod(dir, 0750), 0);
	assert_int_equal(write_store(dir), 0);
	snprintf(rm, sizeof(rm), "rm -rf %s", dir);
	assert_int_equal(system(rm), 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_slice),
		cmocka_unit_test(test_store),
	};

	if (argc == 2)
		return write_store(argv[1]) ? 1 : 0;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
