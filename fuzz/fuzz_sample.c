/* Fuzz the sample codec's reader (sample/codec.h): a record's bytes as the
 * store hands them over, every section included (host parts, processes,
 * blocks, links, sockets, cgroups 0x0b00, thread states 0x0c00). A damaged
 * or crafted record must never crash, loop or overrun; one that decodes
 * re-encodes and decodes again. Seeds (fuzz/seeds/sample/): encodings of
 * the cg_v2 fixture's sample with its cgroups and of thread states. */
#include <stdio.h>

#include "fuzz.h"
#include "sample/codec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sample s, t;
	struct bw w = { 0 };

	sample_init(&s);
	if (sample_decode(data, size, &s) == 0) {
		sample_encode(&s, &w);
		sample_init(&t);
		if (!w.err && sample_decode(w.p, w.len, &t) != 0)
			abort();	/* what decoded must re-encode to something that decodes */
		sample_free(&t);
		bw_free(&w);
	}
	sample_free(&s);
	return 0;
}
