/* Fuzz the store's reader: the input is a segment file (the fixture
 * corpus holds tests/fixtures/store_v1's segments). A store's files may be
 * damaged or crafted: reading them must never crash, loop or overrun. */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fuzz.h"
#include "store/store.h"

static char dir[64];

static void cleanup(void)
{
	char p[96];

	snprintf(p, sizeof(p), "%s/seg-000000000001.trs", dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/LOCK", dir);
	unlink(p);
	rmdir(dir);
}

static void setup(void)
{
	char p[96];
	int fd;

	strcpy(dir, "/tmp/triage-fuzz-store.XXXXXX");
	if (!mkdtemp(dir))
		abort();
	snprintf(p, sizeof(p), "%s/LOCK", dir);
	fd = open(p, O_WRONLY | O_CREAT, 0640);
	if (fd >= 0)
		close(fd);
	atexit(cleanup);
}

static void read_all(struct store *st, int64_t from, int64_t to, bool edges)
{
	struct store_cursor *c;
	struct store_rec r;
	int64_t f, t;
	const char *why, *seg;
	size_t sum = 0;

	if (store_seek(st, from, to, &c) != 0)
		return;
	if (edges)
		store_cursor_edges(c);
	for (int n = 0; n < 100000 && store_next(c, &r) == 0; n++)
		for (size_t i = 0; i < r.len; i += 4096)
			sum += ((const unsigned char *)r.data)[i];	/* touch the bytes */
	for (size_t i = 0; i < store_cursor_ndamage(c); i++)
		store_cursor_damage(c, i, &f, &t, &why, &seg);
	store_cursor_free(c);
	(void)sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char p[96], why[512];
	struct store *st;
	struct store_hist h;

	if (!dir[0])
		setup();
	snprintf(p, sizeof(p), "%s/seg-000000000001.trs", dir);
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0640);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	close(fd);
	if (store_open_read(&st, dir, why, sizeof(why)) != 0)
		return 0;
	read_all(st, INT64_MIN, INT64_MAX, false);
	read_all(st, 1796266850000000000ll, 1796266900000000000ll, false);
	read_all(st, 1796266850000000000ll, 1796266900000000000ll, true);	/* triage --from's */
	if (store_history(st, &h) == 0)
		store_hist_free(&h);
	store_close(st);
	return 0;
}
