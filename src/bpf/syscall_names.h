/* Syscall names of the build architecture (x86_64 table; other arches print
 * numbers). */
#ifndef TRIAGE_BPF_SYSCALL_NAMES_H
#define TRIAGE_BPF_SYSCALL_NAMES_H

/* "getpid" for 39 on x86_64; NULL when unknown. */
const char *syscall_name(long nr);

/* The number of a syscall by name, or -1. */
long syscall_nr(const char *name);

#endif
