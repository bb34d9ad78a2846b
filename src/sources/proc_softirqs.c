#include "sources/proc_softirqs.h"

#include "core/buf.h"

int proc_softirqs_parse(const char *buf, size_t len, struct irq_table *t)
{
	return irq_table_parse(buf, len, t);
}

int proc_softirqs_read(const struct root *r, struct irq_table *t)
{
	struct buf b = { 0 };
	int err = root_read_buf(r, ROOT_PROC, "softirqs", &b);

	if (!err)
		err = proc_softirqs_parse(b.p ? b.p : "", b.len, t);
	buf_free(&b);
	return err;
}
