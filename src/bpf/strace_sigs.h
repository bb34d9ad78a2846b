/* strace's knowledge of syscalls: for the common ones, the type of each
 * argument and of the return value, from which the user half tells the
 * kernel half what to copy (strace_desc) and the view decodes the event.
 * Names are resolved to this architecture's numbers with syscall_nr(). */
#ifndef TRIAGE_BPF_STRACE_SIGS_H
#define TRIAGE_BPF_STRACE_SIGS_H

#include <stdbool.h>

#include "bpf/strace.h"

enum strace_arg {
	SA_INT,		/* signed decimal */
	SA_UINT,	/* unsigned decimal (sizes, counts) */
	SA_HEX,		/* flags or commands shown as hex */
	SA_PTR,		/* an address: NULL or 0x... */
	SA_FD,		/* a descriptor, resolved to what it points at */
	SA_DIRFD,	/* AT_FDCWD or a descriptor */
	SA_PATH,	/* a string copied from the process */
	SA_OFLAGS,	/* O_* */
	SA_MODE,	/* octal file mode */
	SA_CMODE,	/* the mode of open/openat: shown only with O_CREAT or O_TMPFILE */
	SA_PROT,	/* PROT_* */
	SA_MMAP,	/* MAP_* */
	SA_BUF_IN,	/* a buffer the call reads; its length is the next argument */
	SA_BUF_OUT,	/* a buffer the call fills; as long as the return value */
	SA_SA_IN,	/* struct sockaddr given; its length is the next argument */
	SA_SA_OUT,	/* struct sockaddr filled; the next argument points at its length */
	SA_SOCKLEN,	/* the pointer to the length of an SA_SA_OUT: "[16]" */
	SA_WHENCE,	/* SEEK_* */
	SA_SIG,		/* a signal number: SIGTERM */
	SA_ATFLAGS,	/* AT_* */
	SA_AF,		/* AF_* */
	SA_SOCKTYPE,	/* SOCK_* with SOCK_NONBLOCK|SOCK_CLOEXEC */
	SA_ACCESS,	/* F_OK or R_OK|W_OK|X_OK */
	SA_PROTO,	/* socket()'s protocol: IPPROTO_* for AF_INET and AF_INET6 */
};

enum strace_ret {
	SR_INT,		/* a number, or -1 ERRNO */
	SR_FD,		/* a new descriptor, resolved */
	SR_HEX,		/* an address (mmap, brk) */
};

struct strace_sig {
	const char *name;
	unsigned char nargs;
	unsigned char args[7];	/* enum strace_arg (and the list's end mark) */
	unsigned char ret;	/* enum strace_ret */
	bool noreturn;		/* exit, exit_group */
	bool at_enter;		/* its path is copied at entry (execve) */
};

/* The signature of syscall nr, or NULL when unknown (shown as six hex
 * arguments). */
const struct strace_sig *strace_sig(long nr);

/* What the kernel half copies for nr (traced set to 1): the first two
 * arguments that point at data, each with the argument holding its length. */
void strace_sig_desc(long nr, struct strace_desc *d);

/* The data slot (0, 1) that argument i of sig uses, or -1. */
int strace_sig_slot(const struct strace_sig *sig, int i);

#endif
