/* Function symbols of an ELF object (executable or shared library) via
 * libelf: .symtab when present, else/also .dynsym; and the PT_LOAD program
 * headers, which turn a file offset into the object's own virtual address.
 *
 * Load bias (PIE, shared libraries, ASLR, prelinked objects): a sampled
 * address A inside a mapping [start, end) with file offset pgoff is at file
 * offset  off = A - start + pgoff;  the PT_LOAD segment holding that offset
 * gives  vaddr = off - p_offset + p_vaddr,  the address nm(1) prints. This
 * holds wherever the object was loaded (a prelinked object's p_vaddr is its
 * preferred address; a PIE's starts at 0).
 *
 * Distributions strip .symtab and ship it in debug packages (Debian's
 * *-dbg, *-dbgsym) as usr/lib/debug/.build-id/xx/yyyy.debug, named by the
 * object's GNU build ID note (NT_GNU_BUILD_ID): elf_syms_debug_path() names
 * that file and elf_syms_merge_fd() adds its symbols. */
#ifndef TRIAGE_SOURCES_ELF_SYMS_H
#define TRIAGE_SOURCES_ELF_SYMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sources/symtab.h"

struct elf_seg {
	uint64_t vaddr, offset, filesz;	/* p_vaddr, p_offset, p_filesz of a PT_LOAD */
};

#define ELF_MAX_SEGS 16

struct elf_syms {
	struct symtab syms;		/* FUNC and IFUNC symbols, by vaddr */
	struct elf_seg segs[ELF_MAX_SEGS];
	size_t nsegs;
	bool stripped;			/* neither .symtab nor .dynsym had functions */
	bool has_symtab;		/* a .symtab section (not only .dynsym) */
	unsigned char build_id[64];	/* NT_GNU_BUILD_ID descriptor */
	size_t build_id_len;
};

/* Map a file offset to the object's virtual address with its PT_LOAD
 * segments. Returns 0, or -ERANGE when no segment holds the offset (then
 * *vaddr is the offset itself). */
int elf_syms_vaddr(const struct elf_seg *segs, size_t n, uint64_t off, uint64_t *vaddr);

/* Load from an open file (not closed). Returns 0 or -errno (-ENOEXEC: not
 * ELF). */
int elf_syms_load_fd(struct elf_syms *e, int fd);

/* Add the function symbols of another file of the same object (its
 * separate debug file). Returns 0 or -errno. */
int elf_syms_merge_fd(struct elf_syms *e, int fd);

/* "usr/lib/debug/.build-id/xx/yyyy.debug" (relative to the root) for the
 * object's build ID into out. Returns 0, or -ENOENT without a build ID. */
int elf_syms_debug_path(const struct elf_syms *e, char *out, size_t size);

/* For uprobes: the file offsets of the functions names[0..n) (defined
 * STT_FUNC symbols of .symtab or .dynsym), offs[i] = 0 when there is none.
 * Reads the file once. Returns 0 or -errno (-ENOEXEC: not ELF). */
int elf_syms_func_offsets(int fd, const char *const *names, size_t n, uint64_t *offs);

void elf_syms_free(struct elf_syms *e);

#endif
