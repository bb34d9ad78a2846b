/* cachestat (system-wide): the counters shared by cachestat.bpf.c and
 * cachestat.c, one per-CPU slot each, in pages, counted since attach. */
#ifndef TRIAGE_BPF_CACHESTAT_H
#define TRIAGE_BPF_CACHESTAT_H

enum cachestat_ctr {
	CS_READ,	/* filemap:mm_filemap_get_pages: pages read(2) & co. asked for */
	CS_FAULT,	/* filemap:mm_filemap_fault: page faults on file pages */
	CS_MAP,		/* filemap:mm_filemap_map_pages: read faults served by fault-around */
	CS_ADD,		/* filemap:mm_filemap_add_to_page_cache: pages added */
	CS_WRITE_ADD,	/* of those, dirtied next on the same CPU (a write's new page) */
	CS_DIRTY,	/* writeback:writeback_dirty_folio: pages dirtied */
	CS__COUNT
};

#endif
