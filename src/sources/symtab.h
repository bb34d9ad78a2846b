/* A sorted address -> name table, shared by the ELF, kallsyms and perf-map
 * readers: add symbols in any order, symtab_finish() sorts them, gives
 * zero-sized symbols the room up to the next one (as perf's
 * symbols__fixup_end does) and drops duplicates; lookups are binary searches. */
#ifndef TRIAGE_SOURCES_SYMTAB_H
#define TRIAGE_SOURCES_SYMTAB_H

#include <stddef.h>
#include <stdint.h>

struct sym {
	uint64_t start, end;	/* [start, end) */
	uint32_t name;		/* offset in strs */
	uint32_t module;	/* offset in strs of "[module]" or 0 for none */
};

struct symtab {
	struct sym *v;
	size_t n, cap;
	char *strs;		/* NUL-separated names; strs[0] == '\0' */
	size_t slen, scap;
};

void symtab_init(struct symtab *t);

/* Add [start, start + size) (size 0: up to the next symbol). Returns 0 or
 * -ENOMEM. module may be NULL. */
int symtab_add(struct symtab *t, uint64_t start, uint64_t size, const char *name,
	       size_t name_len, const char *module, size_t module_len);

/* Sort and fix up ends. max_end bounds the last zero-sized symbol. */
void symtab_finish(struct symtab *t, uint64_t max_end);

/* The symbol containing addr, or NULL. */
const struct sym *symtab_find(const struct symtab *t, uint64_t addr);

static inline const char *symtab_name(const struct symtab *t, const struct sym *s)
{
	return t->strs + s->name;
}

void symtab_free(struct symtab *t);

#endif
