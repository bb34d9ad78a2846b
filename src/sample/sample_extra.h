/* The codec of a sample's sys/block and sys/class/net parts (sample_extra.c). */
#ifndef TRIAGE_SAMPLE_SAMPLE_EXTRA_H
#define TRIAGE_SAMPLE_SAMPLE_EXTRA_H

#include "sample/bytes.h"
#include "sample/sample.h"

void sample_encode_blocks(const struct sys_block *sb, struct bw *w);
int sample_decode_blocks(struct br *r, struct sys_block *sb);
void sample_encode_links(const struct sample *s, struct bw *w);
int sample_decode_links(struct br *r, struct sample *s);
void sample_encode_socks(const struct sample_socks *k, struct bw *w);
int sample_decode_socks(struct br *r, struct sample_socks *k);
void sample_encode_socks_split(const struct sample_socks *k, struct bw *w);
void sample_decode_socks_split(struct br *r, struct sample_socks *k);

#endif
