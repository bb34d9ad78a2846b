#include "sources/elf_syms.h"

#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <string.h>

int elf_syms_vaddr(const struct elf_seg *segs, size_t n, uint64_t off, uint64_t *vaddr)
{
	for (size_t i = 0; i < n; i++) {
		if (off >= segs[i].offset && off - segs[i].offset < segs[i].filesz) {
			*vaddr = off - segs[i].offset + segs[i].vaddr;
			return 0;
		}
	}
	*vaddr = off;
	return -ERANGE;
}

static void load_segs(struct elf_syms *e, Elf *elf)
{
	size_t n = 0;

	if (elf_getphdrnum(elf, &n))
		return;
	for (size_t i = 0; i < n && e->nsegs < ELF_MAX_SEGS; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		e->segs[e->nsegs].vaddr = ph.p_vaddr;
		e->segs[e->nsegs].offset = ph.p_offset;
		e->segs[e->nsegs].filesz = ph.p_filesz;
		e->nsegs++;
	}
}

/* Add the defined functions of one symbol table section. */
static int load_symtab(struct elf_syms *e, Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	size_t n;
	int err = 0;

	if (!data || !sh->sh_entsize)
		return 0;
	n = sh->sh_size / sh->sh_entsize;
	for (size_t i = 0; i < n && !err; i++) {
		GElf_Sym s;
		const char *name;
		int type;

		if (!gelf_getsym(data, (int)i, &s))
			break;
		type = GELF_ST_TYPE(s.st_info);
		if ((type != STT_FUNC && type != STT_GNU_IFUNC) || s.st_shndx == SHN_UNDEF || !s.st_value)
			continue;
		name = elf_strptr(elf, sh->sh_link, s.st_name);
		if (!name || !*name)
			continue;
		err = symtab_add(&e->syms, s.st_value, s.st_size, name, strlen(name), NULL, 0);
	}
	return err;
}

/* The GNU build ID from a note section. */
static void load_build_id(struct elf_syms *e, Elf_Scn *scn)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	size_t off = 0, name_off, desc_off;
	GElf_Nhdr nh;

	while (data && (off = gelf_getnote(data, off, &nh, &name_off, &desc_off)) > 0) {
		if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
		    memcmp((const char *)data->d_buf + name_off, "GNU", 4) == 0 &&
		    nh.n_descsz > 0 && nh.n_descsz <= sizeof(e->build_id)) {
			memcpy(e->build_id, (const char *)data->d_buf + desc_off, nh.n_descsz);
			e->build_id_len = nh.n_descsz;
			return;
		}
	}
}

/* Symbols (and, for the object itself, segments and build ID) of one file. */
static int load_file(struct elf_syms *e, int fd, bool object)
{
	Elf *elf;
	Elf_Scn *scn = NULL;
	uint64_t max_end = 0;
	int err = 0;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return -ENOEXEC;
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf)
		return -ENOEXEC;
	if (elf_kind(elf) != ELF_K_ELF) {
		elf_end(elf);
		return -ENOEXEC;
	}
	if (object)
		load_segs(e, elf);
	while ((scn = elf_nextscn(elf, scn)) && !err) {
		GElf_Shdr sh;

		if (!gelf_getshdr(scn, &sh))
			continue;
		if (sh.sh_type == SHT_SYMTAB || sh.sh_type == SHT_DYNSYM)
			err = load_symtab(e, elf, scn, &sh);
		e->has_symtab |= sh.sh_type == SHT_SYMTAB;
		if (object && sh.sh_type == SHT_NOTE && !e->build_id_len)
			load_build_id(e, scn);
	}
	elf_end(elf);
	if (err)
		return err;
	for (size_t i = 0; i < e->nsegs; i++)
		if (e->segs[i].vaddr + e->segs[i].filesz > max_end)
			max_end = e->segs[i].vaddr + e->segs[i].filesz;
	/* .symtab and .dynsym repeat each other: finish keeps one per address. */
	symtab_finish(&e->syms, max_end);
	e->stripped = e->syms.n == 0;
	return 0;
}

int elf_syms_load_fd(struct elf_syms *e, int fd)
{
	int err;

	memset(e, 0, sizeof(*e));
	symtab_init(&e->syms);
	err = load_file(e, fd, true);
	if (err)
		symtab_free(&e->syms);
	return err;
}

int elf_syms_merge_fd(struct elf_syms *e, int fd)
{
	return load_file(e, fd, false);
}

int elf_syms_debug_path(const struct elf_syms *e, char *out, size_t size)
{
	size_t o;

	if (e->build_id_len < 2 || size < 32 + 2 * e->build_id_len)
		return -ENOENT;
	o = (size_t)snprintf(out, size, "usr/lib/debug/.build-id/%02x/", e->build_id[0]);
	for (size_t i = 1; i < e->build_id_len; i++)
		o += (size_t)snprintf(out + o, size - o, "%02x", e->build_id[i]);
	snprintf(out + o, size - o, ".debug");
	return 0;
}

void elf_syms_free(struct elf_syms *e)
{
	symtab_free(&e->syms);
}

/* The file offset of vaddr (a symbol's value) from the PT_LOAD segments. */
static int file_offset(const struct elf_syms *e, uint64_t vaddr, uint64_t *off)
{
	for (size_t i = 0; i < e->nsegs; i++) {
		if (vaddr >= e->segs[i].vaddr && vaddr - e->segs[i].vaddr < e->segs[i].filesz) {
			*off = vaddr - e->segs[i].vaddr + e->segs[i].offset;
			return 0;
		}
	}
	return -ERANGE;
}

static void find_funcs(Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh, const struct elf_syms *e,
		       const char *const *names, size_t n, uint64_t *offs)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	size_t nsyms;

	if (!data || !sh->sh_entsize)
		return;
	nsyms = sh->sh_size / sh->sh_entsize;
	for (size_t i = 0; i < nsyms; i++) {
		GElf_Sym s;
		const char *name;

		if (!gelf_getsym(data, (int)i, &s))
			break;
		if (GELF_ST_TYPE(s.st_info) != STT_FUNC || s.st_shndx == SHN_UNDEF || !s.st_value)
			continue;
		name = elf_strptr(elf, sh->sh_link, s.st_name);
		for (size_t k = 0; name && k < n; k++)
			if (!offs[k] && !strcmp(name, names[k]))
				file_offset(e, s.st_value, &offs[k]);
	}
}

int elf_syms_func_offsets(int fd, const char *const *names, size_t n, uint64_t *offs)
{
	struct elf_syms e;
	Elf_Scn *scn = NULL;
	Elf *elf;

	memset(&e, 0, sizeof(e));
	memset(offs, 0, n * sizeof(*offs));
	if (elf_version(EV_CURRENT) == EV_NONE)
		return -ENOEXEC;
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf)
		return -ENOEXEC;
	if (elf_kind(elf) != ELF_K_ELF) {
		elf_end(elf);
		return -ENOEXEC;
	}
	load_segs(&e, elf);
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;

		if (gelf_getshdr(scn, &sh) && (sh.sh_type == SHT_SYMTAB || sh.sh_type == SHT_DYNSYM))
			find_funcs(elf, scn, &sh, &e, names, n, offs);
	}
	elf_end(elf);
	return 0;
}
