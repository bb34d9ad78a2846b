/* Kernel message patterns, from the kernel sources that print them:
 * mm/oom_kill.c "Out of memory: Killed process %d (%s)" (and "Memory cgroup
 * out of memory:" before it), block/blk-core.c "I/O error, dev %s, sector",
 * kernel/hung_task.c "task %s:%d blocked for more than %ld seconds",
 * kernel/watchdog.c "soft lockup" / "Watchdog detected hard LOCKUP",
 * kernel/rcu "rcu_sched self-detected stall", arch/x86/mm/fault.c
 * "segfault at", traps.c "general protection fault", net/ipv4/tcp_input.c
 * "Possible SYN flooding on port %s. %s.", arch/x86/kernel/cpu/mce
 * "Machine check events logged" / "[Hardware Error]", drivers/edac. */
#include "analysis/klog.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *pat;
	enum klog_kind kind;
} patterns[] = {
	{ "Killed process ", KLOG_OOM },
	{ "oom-kill:", KLOG_OOM },
	{ "Hardware Error", KLOG_HARDWARE },
	{ "Machine check", KLOG_HARDWARE },
	{ "mce: ", KLOG_HARDWARE },
	{ "EDAC ", KLOG_HARDWARE },
	{ "blocked for more than", KLOG_HUNG },
	{ "soft lockup", KLOG_LOCKUP },
	{ "hard LOCKUP", KLOG_LOCKUP },
	{ "self-detected stall", KLOG_LOCKUP },
	{ "rcu_sched detected stalls", KLOG_LOCKUP },
	{ "segfault at ", KLOG_SEGFAULT },
	{ "general protection fault", KLOG_SEGFAULT },
	{ "Possible SYN flooding", KLOG_SYNFLOOD },
	{ "I/O error, dev ", KLOG_IOERR },
	{ "Buffer I/O error", KLOG_IOERR },
	{ "EXT4-fs error", KLOG_FSERR },
	{ "Corruption detected", KLOG_FSERR },
	{ "BTRFS error", KLOG_FSERR },
	{ "Remounting filesystem read-only", KLOG_FSERR },
};

enum klog_kind klog_classify(const char *msg)
{
	for (size_t i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++)
		if (patterns[i].kind != KLOG_OTHER && strstr(msg, patterns[i].pat))
			return patterns[i].kind;
	return KLOG_OTHER;
}

int klog_oom_victim(const char *msg, int *pid, char *comm, size_t size)
{
	const char *p = strstr(msg, "Killed process ");
	const char *open, *close;
	char *end;
	long v;

	if (!p)
		return -ENOENT;
	p += strlen("Killed process ");
	v = strtol(p, &end, 10);
	if (end == p || v <= 0)
		return -ENOENT;
	open = strchr(end, '(');
	close = open ? strchr(open, ')') : NULL;
	if (!open || !close || open - end > 2)
		return -ENOENT;
	*pid = (int)v;
	snprintf(comm, size, "%.*s", (int)(close - open - 1), open + 1);
	return 0;
}

int klog_ioerr_dev(const char *msg, char *dev, size_t size)
{
	const char *p = strstr(msg, "I/O error, dev ");
	size_t n;

	if (!p)
		return -ENOENT;
	p += strlen("I/O error, dev ");
	n = strcspn(p, ", ");
	if (!n)
		return -ENOENT;
	snprintf(dev, size, "%.*s", (int)n, p);
	return 0;
}

int klog_synflood_port(const char *msg)
{
	const char *p = strstr(msg, "SYN flooding on port ");
	const char *dot;
	long v;

	if (!p)
		return -1;
	p += strlen("SYN flooding on port ");
	/* newer kernels: "[::]:8080." or "0.0.0.0:8080."; older: "8080." */
	dot = strchr(p, '.');
	for (const char *c = p; *c && *c != ' '; c++)
		if (*c == ':')
			p = c + 1;
	if (!dot)
		return -1;
	v = strtol(p, NULL, 10);
	return v > 0 && v < 65536 ? (int)v : -1;
}

const char *klog_kind_name(enum klog_kind k)
{
	static const char *names[KLOG__COUNT] = {
		[KLOG_OTHER] = "other", [KLOG_OOM] = "OOM kill", [KLOG_HARDWARE] = "hardware error",
		[KLOG_HUNG] = "hung task", [KLOG_LOCKUP] = "lockup", [KLOG_SEGFAULT] = "segfault",
		[KLOG_SYNFLOOD] = "SYN flooding", [KLOG_IOERR] = "I/O error", [KLOG_FSERR] = "filesystem error",
	};
	return k < KLOG__COUNT ? names[k] : "?";
}
