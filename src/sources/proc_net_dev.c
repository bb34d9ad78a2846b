#include "sources/proc_net_dev.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "sources/scan.h"

/* "  name: 16 numbers". Returns 0, 1 to skip (header or blank), -EINVAL. */
static int parse_line(const char *p, const char *end, struct net_dev_if *ifc)
{
	const char *s = scan_blank(p, end), *colon = s;
	uint64_t *f[16] = {
		&ifc->rx_bytes, &ifc->rx_packets, &ifc->rx_errs, &ifc->rx_drop,
		&ifc->rx_fifo, &ifc->rx_frame, &ifc->rx_compressed, &ifc->rx_multicast,
		&ifc->tx_bytes, &ifc->tx_packets, &ifc->tx_errs, &ifc->tx_drop,
		&ifc->tx_fifo, &ifc->tx_colls, &ifc->tx_carrier, &ifc->tx_compressed,
	};

	if (scan_eol(s, end) || memchr(s, '|', (size_t)(end - s)))
		return 1;
	while (colon < end && *colon != ':' && *colon != '\n' && *colon != ' ' && *colon != '\t')
		colon++;
	if (colon >= end || *colon != ':' || colon == s)
		return -EINVAL;
	if (scan_copy(ifc->name, sizeof(ifc->name), s, (size_t)(colon - s)))
		return -EINVAL;
	p = colon + 1;
	for (int i = 0; i < 16; i++)
		if (scan_u64(&p, end, f[i]))
			return -EINVAL;
	/* later kernels may append columns: ignored */
	return 0;
}

/* scan_lines' callback: one more interface, unless the line is a header
 * or blank. */
static int add_line(void *ctx, const char *p, const char *end)
{
	struct proc_net_dev *nd = ctx;
	struct net_dev_if *v = scan_grow(nd->ifs, nd->n, &nd->cap, sizeof(*v), 16);
	int err;

	if (!v)
		return -ENOMEM;
	nd->ifs = v;
	memset(&nd->ifs[nd->n], 0, sizeof(nd->ifs[0]));
	err = parse_line(p, end, &nd->ifs[nd->n]);
	if (err == 0)
		nd->n++;
	return err;
}

int proc_net_dev_parse(const char *buf, size_t len, struct proc_net_dev *out)
{
	out->n = 0;
	return scan_lines(buf, len, add_line, out, &out->bad_line);
}

int proc_net_dev_read(const struct root *r, struct proc_net_dev *out)
{
	struct buf b = { 0 };
	int err = root_read_buf(r, ROOT_PROC, "net/dev", &b);

	if (!err)
		err = proc_net_dev_parse(b.p ? b.p : "", b.len, out);
	buf_free(&b);
	return err;
}

const struct net_dev_if *proc_net_dev_find(const struct proc_net_dev *nd, const char *name)
{
	for (size_t i = 0; i < nd->n; i++)
		if (!strcmp(nd->ifs[i].name, name))
			return &nd->ifs[i];
	return NULL;
}

void proc_net_dev_free(struct proc_net_dev *nd)
{
	free(nd->ifs);
	memset(nd, 0, sizeof(*nd));
}
