#include "sources/net_pairs.h"

#include <errno.h>
#include <string.h>

#include "sources/scan.h"

/* The "Group:" word at p: sets *g, *glen (without the colon) and moves *p
 * past it. Returns 0, or -1 when the line does not start that way. */
static int group_of(const char **p, const char *end, const char **g, size_t *glen)
{
	size_t len = scan_word(p, end, g);

	if (len < 2 || (*g)[len - 1] != ':')
		return -1;
	*glen = len - 1;
	return 0;
}

static bool eq(const char *s, const char *w, size_t len)
{
	return strlen(s) == len && !memcmp(s, w, len);
}

static bool group_wanted(const struct net_pairs_key *keys, size_t nkeys, const char *g, size_t glen)
{
	for (size_t i = 0; i < nkeys; i++)
		if (keys[i].group && eq(keys[i].group, g, glen))
			return true;
	return false;
}

static void store(const struct net_pairs_key *keys, size_t nkeys, const char *g, size_t glen,
		  const char *name, size_t nlen, uint64_t val, uint64_t *v, bool *have)
{
	for (size_t i = 0; i < nkeys; i++) {
		if (keys[i].group && eq(keys[i].group, g, glen) && eq(keys[i].name, name, nlen)) {
			v[i] = val;
			have[i] = true;
		}
	}
}

/* Zip the header line h (after its group) with the value line p. */
static int zip(const char *h, const char *hend, const char *p, const char *end,
	       const struct net_pairs_key *keys, size_t nkeys, const char *g, size_t glen,
	       uint64_t *v, bool *have)
{
	for (;;) {
		const char *name;
		size_t nlen = scan_word(&h, hend, &name);
		uint64_t val;

		if (!nlen)
			return scan_eol(p, end) ? 0 : -EINVAL;
		if (scan_i64(&p, end, &val))
			return -EINVAL;
		store(keys, nkeys, g, glen, name, nlen, val, v, have);
	}
}

int net_pairs_parse_table(const char *buf, size_t len, const struct net_pairs_key *keys,
			  size_t nkeys, uint64_t *v, bool *have, int *bad_line)
{
	const char *p = buf, *end = buf + len;
	const char *hdr = NULL, *hend = NULL, *hg = NULL;
	size_t hglen = 0;
	int line = 0;

	*bad_line = 0;
	while (p < end) {
		const char *next = scan_next_line(p, end), *q = p, *g;
		size_t glen;

		line++;
		if (group_of(&q, next, &g, &glen)) {
			hdr = NULL;	/* not a "Group:" line: ignored */
		} else if (hdr && glen == hglen && !memcmp(g, hg, glen)) {
			if (group_wanted(keys, nkeys, g, glen) &&
			    zip(hdr, hend, q, next, keys, nkeys, g, glen, v, have)) {
				*bad_line = line;
				return -EINVAL;
			}
			hdr = NULL;
		} else {
			hdr = q;
			hend = next;
			hg = g;
			hglen = glen;
		}
		p = next;
	}
	return 0;
}

int net_pairs_parse_inline(const char *buf, size_t len, const struct net_pairs_key *keys,
			   size_t nkeys, uint64_t *v, bool *have, int *bad_line)
{
	const char *p = buf, *end = buf + len;
	int line = 0;

	*bad_line = 0;
	while (p < end) {
		const char *next = scan_next_line(p, end), *q = p, *g, *name;
		size_t glen, nlen;
		uint64_t val;

		line++;
		if (!group_of(&q, next, &g, &glen)) {
			while ((nlen = scan_word(&q, next, &name)) != 0) {
				if (scan_i64(&q, next, &val)) {
					*bad_line = line;
					return -EINVAL;
				}
				store(keys, nkeys, g, glen, name, nlen, val, v, have);
			}
		}
		p = next;
	}
	return 0;
}
