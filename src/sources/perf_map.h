/* JIT symbol maps, /tmp/perf-PID.map (tools/perf/Documentation/jit-interface.txt):
 * one "START SIZE symbolname" per line, START and SIZE in hex (0x optional),
 * the name running to the end of the line. Written by Java (perf-map-agent),
 * Node.js --perf-basic-prof, LuaJIT, .NET ... */
#ifndef TRIAGE_SOURCES_PERF_MAP_H
#define TRIAGE_SOURCES_PERF_MAP_H

#include <stddef.h>
#include <sys/types.h>

#include "core/root.h"
#include "sources/symtab.h"

/* Parse map text into t. Bad lines are skipped and counted in *bad (a JIT
 * may be writing the last one as we read). Returns 0 or -ENOMEM. */
int perf_map_parse(const char *buf, size_t len, struct symtab *t, int *bad);

/* Read tmp/perf-PID.map under the root, else proc/PID/root/tmp/perf-PID.map
 * (a container's /tmp). Returns 0 or -errno. */
int perf_map_read(const struct root *r, pid_t pid, struct symtab *t);

#endif
