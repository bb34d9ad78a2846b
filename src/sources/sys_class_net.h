/* sys/class/net/<if>/{speed,duplex,operstate,type}: link attributes that
 * sar's %ifutil needs (sysstat's sadc reads speed and duplex the same way).
 *
 * speed is in Mb/s; the kernel prints -1 (SPEED_UNKNOWN) for a link that is
 * down or a driver that does not know, and reading it fails with EINVAL on
 * devices without ethtool link settings (lo). Both are "unknown" here. */
#ifndef TRIAGE_SOURCES_SYS_CLASS_NET_H
#define TRIAGE_SOURCES_SYS_CLASS_NET_H

#include <stdint.h>

#include "core/root.h"

enum net_duplex {
	NET_DUPLEX_UNKNOWN,
	NET_DUPLEX_HALF,
	NET_DUPLEX_FULL,
};

struct sys_class_net_if {
	long speed_mbps;		/* speed: Mb/s, -1 unknown */
	enum net_duplex duplex;		/* duplex: "full", "half", else unknown */
	char operstate[16];		/* operstate: "up", "down", "unknown" ... ("" unreadable) */
	int type;			/* type: ARPHRD_* (1 ether, 772 loopback), -1 unreadable */
};

/* "1000\n" -> 1000; "-1\n", 0, junk -> -1. */
long sys_class_net_parse_speed(const char *buf);
/* "full\n" / "half\n" / anything else. */
enum net_duplex sys_class_net_parse_duplex(const char *buf);

/* Read the attributes of interface name under the root. Every attribute that
 * cannot be read is left unknown; returns -ENOENT only when the interface has
 * no directory (a fixture without sys/, a vanished interface), else 0. */
int sys_class_net_read(const struct root *r, const char *name, struct sys_class_net_if *out);

#endif
