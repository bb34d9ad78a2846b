/* The cgroups of a sample: every group's raw counters as the readers
 * (sources/cgroup.c) parse them, v2 and v1 alike, and their codec section
 * (codec.h, tag 0x0b00).
 *
 * Bound: the walk stops at CGROUP_WALK_DEPTH levels and CGROUP_WALK_MAX
 * directories (sources/cgroup.h); of those, a sample keeps at most
 * want.cgroups_max (SAMPLE_MAX_CGROUPS, 512) groups, the shallowest first
 * and then by path, so that on a host with thousands of groups the slices,
 * services and containers near the root are kept, and `truncated` says
 * that some were left out.
 *
 * Payload:
 *   u8 layout, u8 truncated, str v2 mount, CG1__COUNT x str v1 mount
 *   (str: u8 length + bytes), u32 n, then n groups in path order:
 *     u16 path length + path
 *     cpu:  u8 version, u8 flags (1 quota, 2 usage, 4 user/system,
 *           8 throttle), u64 quota_us period_us usage_ns user_ns system_ns
 *           nr_periods nr_throttled throttled_ns
 *     mem:  u8 version, u8 flags (1 peak, 2 events, 4 oom_control,
 *           8 under_oom, 16 failcnt, 32 stat), u64 current peak max max_eff
 *           high ev_low ev_high ev_max ev_oom ev_oom_kill oom_kill failcnt
 *           anon file shmem swap pgfault pgmajfault
 *     pids: u8 version, u64 current max
 *     io:   u8 version, u64 rbytes wbytes rios wios
 *     psi:  per resource (cpu, memory, io, irq): i32 err; when 0, for some
 *           and full: u8 present, u64 avg10 avg60 avg300 (IEEE-754 bits),
 *           u64 total_us
 * Fixed field order keeps a group whose counters did not move
 * byte-identical between records: the store's delta compression (zstd with
 * the previous record as prefix) makes it cost next to nothing. */
#include "sample/sample_cgroups.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int depth_of(const char *p)
{
	int d = 0;

	for (; *p; p++)
		d += *p == '/' && p[1];
	return d;
}

struct pick {
	const char *path;
	int depth;
};

static int cmp_pick(const void *a, const void *b)
{
	const struct pick *x = a, *y = b;

	if (x->depth != y->depth)
		return x->depth < y->depth ? -1 : 1;
	return strcmp(x->path, y->path);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Of n sorted paths keep the max shallowest (then by path), in path order,
 * as pointers into paths. */
static int choose(char (*paths)[CGROUP_PATH_MAX], int n, int max, const char ***out)
{
	struct pick *pk = calloc((size_t)n + 1, sizeof(*pk));
	const char **v = calloc((size_t)n + 1, sizeof(*v));
	int k = n < max ? n : max;

	if (!pk || !v) {
		free(pk);
		free(v);
		return -ENOMEM;
	}
	for (int i = 0; i < n; i++)
		pk[i] = (struct pick){ paths[i], depth_of(paths[i]) };
	if (n > max)
		qsort(pk, (size_t)n, sizeof(*pk), cmp_pick);
	for (int i = 0; i < k; i++)
		v[i] = pk[i].path;
	qsort(v, (size_t)k, sizeof(*v), cmp_str);
	free(pk);
	*out = v;
	return k;
}

int sample_cgroups_read(const struct root *r, int max, struct cgroup_snapshot *out)
{
	char (*paths)[CGROUP_PATH_MAX] = NULL;
	const char **keep = NULL;
	struct cgroup_paths ps;
	int n = 0, k, err;

	memset(out, 0, sizeof(*out));
	if (max <= 0)
		max = SAMPLE_MAX_CGROUPS;
	err = cgroup_mounts_read(r, &out->m);
	if (err)
		return err;
	err = cgroup_list(r, &out->m, CGROUP_WALK_DEPTH, CGROUP_WALK_MAX, &paths, &n, &out->truncated);
	if (err)
		return err;
	k = choose(paths, n, max, &keep);
	out->s = k >= 0 ? calloc((size_t)k + 1, sizeof(*out->s)) : NULL;
	if (!out->s) {
		free(keep);
		free(paths);
		return -ENOMEM;
	}
	out->truncated |= n > max;
	for (int i = 0; i < k; i++) {
		cgroup_paths_same(&ps, keep[i]);
		if (cgroup_read(r, &out->m, &ps, &out->s[out->n]) == 0)
			out->n++;	/* a group that vanished meanwhile is left out */
	}
	free(keep);
	free(paths);
	return 0;
}

void sample_take_cgroups(const struct root *r, struct sample *s, int max)
{
	cgroup_snapshot_free(&s->cgroups);
	s->cgroups_err = sample_cgroups_read(r, max, &s->cgroups);
	s->have_cgroups = s->cgroups_err == 0;
	if (!s->have_cgroups)
		cgroup_snapshot_free(&s->cgroups);
}

static void put_str(struct bw *w, const char *str, size_t max)
{
	size_t n = strnlen(str, max - 1);
	uint8_t c = (uint8_t)(n > 255 ? 255 : n);

	bw_bytes(w, &c, 1);
	bw_bytes(w, str, c);
}

static int get_str(struct br *r, char *out, size_t size)
{
	const uint8_t *p = br_take(r, 1);
	size_t n = p ? *p : 0;
	const uint8_t *s = br_take(r, n);

	if (!s || n >= size)
		return -EBADMSG;
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}

static void put_u8(struct bw *w, unsigned v)
{
	uint8_t c = (uint8_t)v;

	bw_bytes(w, &c, 1);
}

static unsigned get_u8(struct br *r)
{
	const uint8_t *p = br_take(r, 1);

	return p ? *p : 0;
}

static void put_f64(struct bw *w, double v)
{
	uint64_t u;

	memcpy(&u, &v, sizeof(u));
	bw_u64(w, u);
}

static double get_f64(struct br *r)
{
	uint64_t u = br_u64(r);
	double v;

	memcpy(&v, &u, sizeof(v));
	return v;
}

static void put_cpu(struct bw *w, const struct cgroup_cpu *c)
{
	put_u8(w, (unsigned)c->version);
	put_u8(w, (c->has_quota ? 1u : 0) | (c->has_usage ? 2u : 0) | (c->has_user_system ? 4u : 0) |
		  (c->has_throttle ? 8u : 0));
	bw_u64(w, c->quota_us), bw_u64(w, c->period_us), bw_u64(w, c->usage_ns);
	bw_u64(w, c->user_ns), bw_u64(w, c->system_ns);
	bw_u64(w, c->nr_periods), bw_u64(w, c->nr_throttled), bw_u64(w, c->throttled_ns);
}

static void get_cpu(struct br *r, struct cgroup_cpu *c)
{
	unsigned f;

	c->version = (int)get_u8(r);
	f = get_u8(r);
	c->has_quota = f & 1, c->has_usage = f & 2, c->has_user_system = f & 4, c->has_throttle = f & 8;
	c->quota_us = br_u64(r), c->period_us = br_u64(r), c->usage_ns = br_u64(r);
	c->user_ns = br_u64(r), c->system_ns = br_u64(r);
	c->nr_periods = br_u64(r), c->nr_throttled = br_u64(r), c->throttled_ns = br_u64(r);
}

static void put_mem(struct bw *w, const struct cgroup_mem *m)
{
	const uint64_t v[] = { m->current, m->peak, m->max, m->max_eff, m->high, m->ev_low, m->ev_high,
			       m->ev_max, m->ev_oom, m->ev_oom_kill, m->oom_kill, m->failcnt, m->anon,
			       m->file, m->shmem, m->swap, m->pgfault, m->pgmajfault };

	put_u8(w, (unsigned)m->version);
	put_u8(w, (m->has_peak ? 1u : 0) | (m->has_events ? 2u : 0) | (m->has_oom_control ? 4u : 0) |
		  (m->under_oom ? 8u : 0) | (m->has_failcnt ? 16u : 0) | (m->has_stat ? 32u : 0));
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		bw_u64(w, v[i]);
}

static void get_mem(struct br *r, struct cgroup_mem *m)
{
	uint64_t *v[] = { &m->current, &m->peak, &m->max, &m->max_eff, &m->high, &m->ev_low, &m->ev_high,
			  &m->ev_max, &m->ev_oom, &m->ev_oom_kill, &m->oom_kill, &m->failcnt, &m->anon,
			  &m->file, &m->shmem, &m->swap, &m->pgfault, &m->pgmajfault };
	unsigned f;

	m->version = (int)get_u8(r);
	f = get_u8(r);
	m->has_peak = f & 1, m->has_events = f & 2, m->has_oom_control = f & 4;
	m->under_oom = f & 8, m->has_failcnt = f & 16, m->has_stat = f & 32;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		*v[i] = br_u64(r);
}

static void put_psi(struct bw *w, const struct cgroup_sample *g)
{
	for (int i = 0; i < PSI__COUNT; i++) {
		bw_u32(w, (uint32_t)g->psi_err[i]);
		if (g->psi_err[i])
			continue;
		for (int k = 0; k < 2; k++) {
			const struct psi_line *l = k ? &g->psi[i].full : &g->psi[i].some;

			put_u8(w, l->present);
			put_f64(w, l->avg10), put_f64(w, l->avg60), put_f64(w, l->avg300);
			bw_u64(w, l->total_us);
		}
	}
}

static void get_psi(struct br *r, struct cgroup_sample *g)
{
	for (int i = 0; i < PSI__COUNT; i++) {
		g->psi_err[i] = (int)br_u32(r);
		if (g->psi_err[i])
			continue;
		for (int k = 0; k < 2; k++) {
			struct psi_line *l = k ? &g->psi[i].full : &g->psi[i].some;

			l->present = get_u8(r) != 0;
			l->avg10 = get_f64(r), l->avg60 = get_f64(r), l->avg300 = get_f64(r);
			l->total_us = br_u64(r);
		}
	}
}

static void put_group(struct bw *w, const struct cgroup_sample *g)
{
	size_t n = strnlen(g->path, sizeof(g->path) - 1);

	bw_u16(w, (uint16_t)n);
	bw_bytes(w, g->path, n);
	put_cpu(w, &g->cpu);
	put_mem(w, &g->mem);
	put_u8(w, (unsigned)g->pids.version);
	bw_u64(w, g->pids.current), bw_u64(w, g->pids.max);
	put_u8(w, (unsigned)g->io.version);
	bw_u64(w, g->io.rbytes), bw_u64(w, g->io.wbytes), bw_u64(w, g->io.rios), bw_u64(w, g->io.wios);
	put_psi(w, g);
}

static int get_group(struct br *r, struct cgroup_sample *g)
{
	uint16_t n = br_u16(r);
	const uint8_t *p = br_take(r, n);

	if (!p || n == 0 || n >= sizeof(g->path) || p[0] != '/' || memchr(p, '\0', n))
		return -EBADMSG;
	memcpy(g->path, p, n);
	g->path[n] = '\0';
	get_cpu(r, &g->cpu);
	get_mem(r, &g->mem);
	g->pids.version = (int)get_u8(r);
	g->pids.current = br_u64(r), g->pids.max = br_u64(r);
	g->io.version = (int)get_u8(r);
	g->io.rbytes = br_u64(r), g->io.wbytes = br_u64(r), g->io.rios = br_u64(r), g->io.wios = br_u64(r);
	get_psi(r, g);
	return r->err;
}

void sample_encode_cgroups(const struct cgroup_snapshot *cs, struct bw *w)
{
	put_u8(w, (unsigned)cs->m.layout);
	put_u8(w, cs->truncated);
	put_str(w, cs->m.v2, sizeof(cs->m.v2));
	for (int i = 0; i < CG1__COUNT; i++)
		put_str(w, cs->m.v1[i], sizeof(cs->m.v1[i]));
	bw_u32(w, (uint32_t)cs->n);
	for (int i = 0; i < cs->n; i++)
		put_group(w, &cs->s[i]);
}

/* The smallest group: a 1-byte path and every fixed field. */
#define GROUP_MIN (2 + 1 + 2 + 64 + 2 + 144 + 17 + 33 + 16)

int sample_decode_cgroups(struct br *r, struct cgroup_snapshot *cs)
{
	unsigned layout = get_u8(r);
	uint32_t n;
	int err = 0;

	memset(cs, 0, sizeof(*cs));
	cs->truncated = get_u8(r) != 0;
	if (layout > CG_LEGACY || get_str(r, cs->m.v2, sizeof(cs->m.v2)))
		return -EBADMSG;
	cs->m.layout = (enum cgroup_layout)layout;
	for (int i = 0; i < CG1__COUNT; i++)
		if (get_str(r, cs->m.v1[i], sizeof(cs->m.v1[i])))
			return -EBADMSG;
	n = br_u32(r);
	if (r->err || n > CGROUP_WALK_MAX || n > (r->len - r->off) / GROUP_MIN + 1)
		return -EBADMSG;
	cs->s = calloc(n + 1, sizeof(*cs->s));
	if (!cs->s)
		return -ENOMEM;
	for (uint32_t i = 0; i < n && !err; i++) {
		err = get_group(r, &cs->s[i]);
		/* in path order (cgroup_snapshot_find's binary search) */
		if (!err && i && strcmp(cs->s[i - 1].path, cs->s[i].path) >= 0)
			err = -EBADMSG;
		if (!err)
			cs->n++;
	}
	if (err)
		cgroup_snapshot_free(cs);
	return err;
}
