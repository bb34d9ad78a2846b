#include "views/pprof.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/pbuf.h"
#include "views/frame_tab.h"

/* profile.proto field numbers */
enum {
	P_SAMPLE_TYPE = 1, P_SAMPLE = 2, P_LOCATION = 4, P_FUNCTION = 5, P_STRING_TABLE = 6,
	P_DURATION = 10, P_PERIOD_TYPE = 11, P_PERIOD = 12,
	VT_TYPE = 1, VT_UNIT = 2,
	S_LOCATION_ID = 1, S_VALUE = 2,
	L_ID = 1, L_LINE = 4, LINE_FUNCTION_ID = 1,
	F_ID = 1, F_NAME = 2, F_SYSTEM_NAME = 3, F_FILENAME = 4,
};

/* The fixed strings, string_table[0..FIXED); frame k is FIXED + k. */
static const char *const fixed[] = { "", "samples", "count", "cpu", "nanoseconds" };
enum { S_SAMPLES = 1, S_COUNT, S_CPU, S_NANOSECONDS, S_TYPE, S_UNIT, FIXED };

struct enc {
	struct frame_tab ft;
	struct pbuf ids, vals, sub, tmp;
	uint32_t *stack;	/* frame numbers of the current sample, root first */
	size_t depth, scap;
};

static int add_frame(void *ctx, const char *p, size_t n)
{
	struct enc *e = ctx;
	long k = frame_tab_intern(&e->ft, p, n);

	if (k < 0)
		return (int)k;
	if (e->depth == e->scap) {
		size_t cap = e->scap ? e->scap * 2 : 64;
		uint32_t *v = realloc(e->stack, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		e->stack = v;
		e->scap = cap;
	}
	e->stack[e->depth++] = (uint32_t)k;
	return 0;
}

static void value_type(struct enc *e, struct pbuf *out, unsigned field, uint64_t type, uint64_t unit)
{
	pb_reset(&e->tmp);
	pb_uint(&e->tmp, VT_TYPE, type);
	pb_uint(&e->tmp, VT_UNIT, unit);
	pb_len(out, field, e->tmp.p, e->tmp.len);
}

/* One Sample: location ids leaf first (location id = frame number + 1). */
static int sample(struct enc *e, struct pbuf *out, const struct stack_ent *se, const struct pprof_opts *o)
{
	int rc;

	e->depth = 0;
	if ((rc = frame_each(se->key, se->len, add_frame, e)))
		return rc;
	pb_reset(&e->ids);
	for (size_t i = e->depth; i-- > 0;)
		pb_varint(&e->ids, (uint64_t)e->stack[i] + 1);
	pb_reset(&e->vals);
	pb_varint(&e->vals, se->count);
	if (o->period_ns)
		pb_varint(&e->vals, se->count * o->period_ns);
	pb_reset(&e->sub);
	pb_len(&e->sub, S_LOCATION_ID, e->ids.p, e->ids.len);
	pb_len(&e->sub, S_VALUE, e->vals.p, e->vals.len);
	pb_len(out, P_SAMPLE, e->sub.p, e->sub.len);
	return 0;
}

/* Locations, functions and the string table of the frames seen. */
static void tables(struct enc *e, struct pbuf *out, const struct pprof_opts *o)
{
	for (size_t k = 0; k < e->ft.n; k++) {
		pb_reset(&e->tmp);
		pb_uint(&e->tmp, LINE_FUNCTION_ID, k + 1);
		pb_reset(&e->sub);
		pb_uint(&e->sub, L_ID, k + 1);
		pb_len(&e->sub, L_LINE, e->tmp.p, e->tmp.len);
		pb_len(out, P_LOCATION, e->sub.p, e->sub.len);
		pb_reset(&e->sub);
		pb_uint(&e->sub, F_ID, k + 1);
		pb_uint(&e->sub, F_NAME, FIXED + k);
		pb_uint(&e->sub, F_SYSTEM_NAME, FIXED + k);
		pb_uint(&e->sub, F_FILENAME, 0);
		pb_len(out, P_FUNCTION, e->sub.p, e->sub.len);
	}
	for (size_t i = 0; i < S_TYPE; i++)
		pb_len(out, P_STRING_TABLE, fixed[i], strlen(fixed[i]));
	pb_len(out, P_STRING_TABLE, o->type ? o->type : "samples", strlen(o->type ? o->type : "samples"));
	pb_len(out, P_STRING_TABLE, o->unit ? o->unit : "count", strlen(o->unit ? o->unit : "count"));
	for (size_t k = 0; k < e->ft.n; k++)
		pb_len(out, P_STRING_TABLE, e->ft.v[k].p, e->ft.v[k].len);
}

int pprof_encode(struct pbuf *out, const struct stacks *s, const struct pprof_opts *o)
{
	const struct stack_ent **v = stacks_sorted(s);
	struct enc e = { 0 };
	int rc = 0;

	if (!v && s->n)
		return -ENOMEM;
	frame_tab_init(&e.ft);
	if (o->period_ns) {
		value_type(&e, out, P_SAMPLE_TYPE, S_SAMPLES, S_COUNT);
		value_type(&e, out, P_SAMPLE_TYPE, S_CPU, S_NANOSECONDS);
	} else {
		value_type(&e, out, P_SAMPLE_TYPE, S_TYPE, S_UNIT);
	}
	for (size_t i = 0; i < s->n && !rc; i++)
		rc = sample(&e, out, v[i], o);
	if (!rc) {
		tables(&e, out, o);
		if (o->duration_ns)
			pb_uint(out, P_DURATION, o->duration_ns);
		if (o->period_ns)
			value_type(&e, out, P_PERIOD_TYPE, S_CPU, S_NANOSECONDS);
		else
			value_type(&e, out, P_PERIOD_TYPE, S_TYPE, S_UNIT);
		pb_uint(out, P_PERIOD, o->period_ns ? o->period_ns : 1);
	}
	if (!rc)
		rc = out->err ? out->err : e.ids.err ? e.ids.err : e.vals.err ? e.vals.err
			: e.sub.err ? e.sub.err : e.tmp.err;
	frame_tab_free(&e.ft);
	pb_free(&e.ids);
	pb_free(&e.vals);
	pb_free(&e.sub);
	pb_free(&e.tmp);
	free(e.stack);
	free(v);
	return rc;
}

/* gzip (RFC 1952, as pprof expects) of p[0..n) to f. */
static int gzip_write(FILE *f, const uint8_t *p, size_t n)
{
	unsigned char out[16384];
	z_stream z;
	int zr, rc = 0;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return -ENOMEM;
	z.next_in = (Bytef *)(uintptr_t)p;
	do {
		uInt chunk = n > (1u << 30) ? (1u << 30) : (uInt)n;

		z.avail_in = chunk;
		n -= chunk;
		do {
			z.next_out = out;
			z.avail_out = sizeof(out);
			zr = deflate(&z, n ? Z_NO_FLUSH : Z_FINISH);
			if (zr == Z_STREAM_ERROR) {
				rc = -EIO;
				break;
			}
			if (fwrite(out, 1, sizeof(out) - z.avail_out, f) != sizeof(out) - z.avail_out)
				rc = -EIO;
		} while (z.avail_out == 0 && !rc);
	} while (n && !rc);
	deflateEnd(&z);
	return rc;
}

int pprof_write(FILE *f, const struct stacks *s, const struct pprof_opts *o)
{
	struct pbuf b = { 0 };
	int rc = pprof_encode(&b, s, o);

	if (!rc)
		rc = gzip_write(f, b.p ? b.p : (const uint8_t *)"", b.len);
	pb_free(&b);
	return rc;
}
