#include "sources/proc_vmstat.h"

#include <errno.h>
#include <string.h>

#include "sources/tok.h"

static const char *const names[VM__COUNT] = {
	[VM_NR_FREE_PAGES] = "nr_free_pages",
	[VM_NR_DIRTY] = "nr_dirty",
	[VM_NR_WRITEBACK] = "nr_writeback",
	[VM_PGPGIN] = "pgpgin",
	[VM_PGPGOUT] = "pgpgout",
	[VM_PSWPIN] = "pswpin",
	[VM_PSWPOUT] = "pswpout",
	[VM_PGFAULT] = "pgfault",
	[VM_PGMAJFAULT] = "pgmajfault",
	[VM_PGFREE] = "pgfree",
	[VM_PGACTIVATE] = "pgactivate",
	[VM_PGDEACTIVATE] = "pgdeactivate",
	[VM_PGSTEAL_KSWAPD] = "pgsteal_kswapd",
	[VM_PGSTEAL_DIRECT] = "pgsteal_direct",
	[VM_PGSCAN_KSWAPD_EXACT] = "pgscan_kswapd",
	[VM_PGSCAN_DIRECT_EXACT] = "pgscan_direct",
	[VM_OOM_KILL] = "oom_kill",
	[VM_COMPACT_STALL] = "compact_stall",
	[VM_WORKINGSET_REFAULT] = "workingset_refault",
	[VM_THP_FAULT_ALLOC] = "thp_fault_alloc",
	[VM_PGMIGRATE_SUCCESS] = "pgmigrate_success",
	[VM_NR_DIRTY_THRESHOLD] = "nr_dirty_threshold",
	[VM_NR_DIRTY_BG_THRESHOLD] = "nr_dirty_background_threshold",
	[VM_NR_DIRTIED] = "nr_dirtied",
	[VM_WORKINGSET_REFAULT_FILE] = "workingset_refault_file",
};

/* Prefix sums: a line whose name starts with prefix adds to the sum. */
static const struct {
	const char *prefix;
	size_t off;
	unsigned bit;
} sums[] = {
	{ "pgsteal_", offsetof(struct proc_vmstat, pgsteal), PROC_VMSTAT_SUM_PGSTEAL },
	{ "pgscan_kswapd", offsetof(struct proc_vmstat, pgscan_kswapd), PROC_VMSTAT_SUM_PGSCAN_KSWAPD },
	{ "pgscan_direct", offsetof(struct proc_vmstat, pgscan_direct), PROC_VMSTAT_SUM_PGSCAN_DIRECT },
	{ "allocstall", offsetof(struct proc_vmstat, allocstall), PROC_VMSTAT_SUM_ALLOCSTALL },
	{ "pgalloc_", offsetof(struct proc_vmstat, pgalloc), PROC_VMSTAT_SUM_PGALLOC },
};

const char *proc_vmstat_name(enum proc_vmstat_field f)
{
	return f < VM__COUNT ? names[f] : NULL;
}

static void add_sums(struct proc_vmstat *vm, const char *key, size_t klen, uint64_t val)
{
	for (size_t i = 0; i < sizeof(sums) / sizeof(sums[0]); i++) {
		size_t pl = strlen(sums[i].prefix);

		if (klen >= pl && memcmp(key, sums[i].prefix, pl) == 0) {
			*(uint64_t *)((char *)vm + sums[i].off) += val;
			vm->have_sums |= sums[i].bit;
		}
	}
}

int proc_vmstat_parse(const char *buf, size_t len, struct proc_vmstat *vm, int *lineno)
{
	const char *p = buf, *end = buf + len;
	int line = 0;

	memset(vm, 0, sizeof(*vm));
	while (p < end && *p) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *q = p;
		size_t klen;
		uint64_t val;

		line++;
		while (q < le && *q != ' ' && *q != '\t')
			q++;
		klen = (size_t)(q - p);
		if (klen) {
			if (tok_u64(&q, le, &val)) {
				if (lineno)
					*lineno = line;
				return -EINVAL;
			}
			for (int f = 0; f < VM__COUNT; f++) {
				if (strlen(names[f]) == klen && memcmp(names[f], p, klen) == 0) {
					vm->v[f] = val;
					vm->have |= 1ull << f;
					break;
				}
			}
			add_sums(vm, p, klen, val);
		}
		p = nl ? nl + 1 : end;
	}
	return 0;
}

int proc_vmstat_read(const struct root *r, struct proc_vmstat *vm)
{
	struct buf b = { 0 };
	int err;

	vm->bad_line = 0;
	err = root_read_buf(r, ROOT_PROC, "vmstat", &b);
	if (!err)
		err = proc_vmstat_parse(b.p, b.len, vm, &vm->bad_line);
	buf_free(&b);
	return err;
}
