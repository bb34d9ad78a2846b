/* /proc/kallsyms: "ffffffffc0a01000 t name\t[module]" per line
 * (kernel/kallsyms.c s_show). Addresses read as 0 when kptr_restrict hides
 * them from us: the table is then empty and kernel frames stay addresses. */
#ifndef TRIAGE_SOURCES_KALLSYMS_H
#define TRIAGE_SOURCES_KALLSYMS_H

#include <stddef.h>

#include "core/root.h"
#include "sources/symtab.h"

/* Parse kallsyms text into t (text symbols only: t T w W). Returns 0,
 * -ENOMEM, or -EINVAL with *bad_line. Restricted (all-zero) addresses give
 * an empty table. */
int kallsyms_parse(const char *buf, size_t len, struct symtab *t, int *bad_line);

/* Read and parse kallsyms under the root. Returns 0 or -errno. */
int kallsyms_read(const struct root *r, struct symtab *t);

#endif
