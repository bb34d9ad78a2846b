#include "sources/proc_net_sockstat.h"

#include <string.h>

#include "core/buf.h"
#include "sources/net_pairs.h"

static const struct net_pairs_key sockstat_keys[SOCKSTAT__COUNT] = {
	[SOCKSTAT_SOCKETS_USED] = { "sockets", "used" },
	[SOCKSTAT_TCP_INUSE] = { "TCP", "inuse" },
	[SOCKSTAT_TCP_ORPHAN] = { "TCP", "orphan" },
	[SOCKSTAT_TCP_TW] = { "TCP", "tw" },
	[SOCKSTAT_TCP_ALLOC] = { "TCP", "alloc" },
	[SOCKSTAT_TCP_MEM] = { "TCP", "mem" },
	[SOCKSTAT_UDP_INUSE] = { "UDP", "inuse" },
	[SOCKSTAT_UDP_MEM] = { "UDP", "mem" },
	[SOCKSTAT_UDPLITE_INUSE] = { "UDPLITE", "inuse" },
	[SOCKSTAT_RAW_INUSE] = { "RAW", "inuse" },
	[SOCKSTAT_FRAG_INUSE] = { "FRAG", "inuse" },
	[SOCKSTAT_FRAG_MEMORY] = { "FRAG", "memory" },
	[SOCKSTAT_TCP6_INUSE] = { "TCP6", "inuse" },
	[SOCKSTAT_UDP6_INUSE] = { "UDP6", "inuse" },
	[SOCKSTAT_UDPLITE6_INUSE] = { "UDPLITE6", "inuse" },
	[SOCKSTAT_RAW6_INUSE] = { "RAW6", "inuse" },
	[SOCKSTAT_FRAG6_INUSE] = { "FRAG6", "inuse" },
	[SOCKSTAT_FRAG6_MEMORY] = { "FRAG6", "memory" },
};

const char *proc_net_sockstat_group(enum sockstat_field f)
{
	return sockstat_keys[f].group;
}

const char *proc_net_sockstat_name(enum sockstat_field f)
{
	return sockstat_keys[f].name;
}

int proc_net_sockstat_parse(const char *buf, size_t len, struct proc_net_sockstat *out)
{
	return net_pairs_parse_inline(buf, len, sockstat_keys, SOCKSTAT__COUNT, out->v, out->have,
				      &out->bad_line);
}

int proc_net_sockstat_read(const struct root *r, struct proc_net_sockstat *out)
{
	struct buf b = { 0 };
	int err;

	memset(out, 0, sizeof(*out));
	err = root_read_buf(r, ROOT_PROC, "net/sockstat", &b);
	if (!err)
		err = proc_net_sockstat_parse(b.p ? b.p : "", b.len, out);
	if (!err && root_read_buf(r, ROOT_PROC, "net/sockstat6", &b) == 0)
		err = proc_net_sockstat_parse(b.p ? b.p : "", b.len, out);
	buf_free(&b);
	return err;
}
