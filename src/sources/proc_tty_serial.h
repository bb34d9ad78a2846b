/* /proc/tty/driver/serial (root only; drivers/tty/serial/serial_core.c
 * uart_line_info()): after a "serinfo:" line, one line per port,
 *   0: uart:16550A port:000003F8 irq:4 tx:218 rx:0 fe:1 pe:2 brk:3 oe:4 RTS|DTR
 * tx/rx are characters transmitted and received; fe, pe, brk and oe (frame,
 * parity, break and overrun errors) are printed only when not zero. Ports
 * with "uart:unknown" have no hardware and are skipped (as sysstat). */
#ifndef TRIAGE_SOURCES_PROC_TTY_SERIAL_H
#define TRIAGE_SOURCES_PROC_TTY_SERIAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/root.h"

struct tty_serial_line {
	unsigned line;
	uint64_t tx, rx, fe, pe, brk, oe;
};

struct tty_serial {
	struct tty_serial_line *l;
	size_t n, cap;
};

/* Returns 0 or -ENOMEM (lines that do not parse are skipped). */
int proc_tty_serial_parse(const char *buf, size_t len, struct tty_serial *out);
int proc_tty_serial_read(const struct root *r, struct tty_serial *out);
void proc_tty_serial_free(struct tty_serial *t);

#endif
