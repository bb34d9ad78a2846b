#include "sources/proc_net_softnet.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "sources/scan.h"

/* The 0-based column of each field (see the header) */
static const int softnet_col[SOFTNET__COUNT] = {
	[SOFTNET_PROCESSED] = 0, [SOFTNET_DROPPED] = 1, [SOFTNET_TIME_SQUEEZE] = 2,
	[SOFTNET_RECEIVED_RPS] = 9, [SOFTNET_FLOW_LIMIT] = 10, [SOFTNET_BACKLOG_LEN] = 11,
};

#define SOFTNET_COL_CPU 12	/* (13) the CPU number, 5.10+ */
#define SOFTNET_MIN_COLS 9	/* processed ... cpu_collision, every kernel */
#define SOFTNET_MAX_COLS 32	/* read at most this many; later ones ignored */

/* One hexadecimal word (no "0x"), at most 16 digits. */
static int hex_word(const char *w, size_t len, uint64_t *out)
{
	uint64_t v = 0;

	if (len == 0 || len > 16)
		return -EINVAL;
	for (size_t i = 0; i < len; i++) {
		char c = w[i];
		unsigned d;

		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			return -EINVAL;
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

/* One line: its hex columns into c. Returns 0, 1 to skip a blank line, -EINVAL. */
static int parse_line(const char *p, const char *end, struct softnet_cpu *c)
{
	uint64_t col[SOFTNET_MAX_COLS];
	const char *w;
	size_t len;
	int n = 0;

	if (scan_eol(p, end))
		return 1;
	while ((len = scan_word(&p, end, &w)) > 0) {
		uint64_t v;

		if (hex_word(w, len, &v))
			return -EINVAL;
		if (n < SOFTNET_MAX_COLS)
			col[n] = v;
		n++;
	}
	if (n < SOFTNET_MIN_COLS)
		return -EINVAL;
	c->ncols = n;
	for (int f = 0; f < SOFTNET__COUNT; f++) {
		c->have[f] = softnet_col[f] < n;
		c->v[f] = c->have[f] ? col[softnet_col[f]] : 0;
	}
	c->cpu = -1;
	if (n > SOFTNET_COL_CPU) {
		if (col[SOFTNET_COL_CPU] >= SYS_CPU_MAX)
			return -EINVAL;
		c->cpu = (int)col[SOFTNET_COL_CPU];
	}
	return 0;
}

static int add_line(void *ctx, const char *p, const char *end)
{
	struct proc_net_softnet *sn = ctx;
	struct softnet_cpu *v = scan_grow(sn->cpus, sn->n, &sn->cap, sizeof(*v), 8);
	int err;

	if (!v)
		return -ENOMEM;
	sn->cpus = v;
	memset(&v[sn->n], 0, sizeof(v[0]));
	err = parse_line(p, end, &v[sn->n]);
	if (err)
		return err;
	if (v[sn->n].cpu < 0) {
		sn->have_index = false;
		v[sn->n].cpu = (int)sn->n;	/* the line number until _number() */
	}
	sn->n++;
	return 0;
}

int proc_net_softnet_parse(const char *buf, size_t len, struct proc_net_softnet *out)
{
	out->n = 0;
	out->have_index = true;
	return scan_lines(buf, len, add_line, out, &out->bad_line);
}

void proc_net_softnet_number(struct proc_net_softnet *sn, const struct sys_cpu_list *online)
{
	size_t k = 0;

	if (sn->have_index || !online || (size_t)online->count < sn->n)
		return;
	for (int cpu = 0; cpu < online->nbits && k < sn->n; cpu++)
		if (sys_cpu_list_has(online, cpu))
			sn->cpus[k++].cpu = cpu;
}

int proc_net_softnet_read(const struct root *r, struct proc_net_softnet *out)
{
	struct buf b = { 0 };
	int err = root_read_buf(r, ROOT_PROC, "net/softnet_stat", &b);

	if (!err)
		err = proc_net_softnet_parse(b.p ? b.p : "", b.len, out);
	buf_free(&b);
	if (!err && !out->have_index && out->n) {
		/* before 5.10: the lines are the online CPUs in order */
		struct sys_cpu sc;

		memset(&sc, 0, sizeof(sc));
		if (sys_cpu_read(r, &sc) == 0)
			proc_net_softnet_number(out, &sc.online);
		sys_cpu_free(&sc);
	}
	return err;
}

const struct softnet_cpu *proc_net_softnet_find(const struct proc_net_softnet *sn, int cpu)
{
	for (size_t i = 0; i < sn->n; i++)
		if (sn->cpus[i].cpu == cpu)
			return &sn->cpus[i];
	return NULL;
}

void proc_net_softnet_free(struct proc_net_softnet *sn)
{
	free(sn->cpus);
	memset(sn, 0, sizeof(*sn));
}
