#include "views/snoop.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/escape.h"
#include "core/json.h"

static void name_col(FILE *f, const char *s, size_t max, int width)
{
	size_t n = strnlen(s, max);
	int w = (int)esc_term_width(s, n);

	esc_term_fputs(f, s, n);
	for (; w < width; w++)
		fputc(' ', f);
}

static double rel_s(struct snoop_view *v, uint64_t ts)
{
	if (!v->t0_ns)
		v->t0_ns = ts;
	return (double)(ts - v->t0_ns) / 1e9;
}

void snoop_bio_header(struct snoop_view *v)
{
	if (v->json)
		return;
	fprintf(v->f, "%-11s %-14s %-7s %-9s %-1s %-10s %-7s ", "TIME(s)", "COMM", "PID", "DISK",
		"T", "SECTOR", "BYTES");
	if (v->extra)
		fprintf(v->f, "%7s ", "QUE(ms)");
	fprintf(v->f, "%7s\n", "LAT(ms)");
}

void snoop_bio_event(struct snoop_view *v, const struct biosnoop_event *e, const char *flags)
{
	double t = rel_s(v, e->ts_ns);
	struct json j;

	if (v->json) {
		json_init(&j, v->f, false);
		json_obj_begin(&j, NULL);
		json_double(&j, "time_s", t, 6);
		json_strn(&j, "comm", e->comm, strnlen(e->comm, sizeof(e->comm)));
		json_uint(&j, "pid", e->pid);
		json_strn(&j, "disk", e->disk, strnlen(e->disk, sizeof(e->disk)));
		json_str(&j, "op", flags);
		json_uint(&j, "sector", e->sector);
		json_uint(&j, "bytes", e->bytes);
		if (v->extra)
			json_double(&j, "queue_ms", (double)e->queue_ns / 1e6, 3);
		json_double(&j, "lat_ms", (double)e->lat_ns / 1e6, 3);
		json_obj_end(&j);
		json_end(&j);
		return;
	}
	fprintf(v->f, "%-11.6f ", t);
	name_col(v->f, e->comm, sizeof(e->comm), 14);
	fprintf(v->f, " %-7u ", e->pid);
	name_col(v->f, e->disk, sizeof(e->disk), 9);
	fprintf(v->f, " %c %-10" PRIu64 " %-7u ", (e->flags & 0xff) == 1 ? 'W' :
		(e->flags & 0xff) == 0 ? 'R' : flags[0], (uint64_t)e->sector, e->bytes);
	if (v->extra)
		fprintf(v->f, "%7.3f ", (double)e->queue_ns / 1e6);
	fprintf(v->f, "%7.3f\n", (double)e->lat_ns / 1e6);
}

void snoop_lost(struct snoop_view *v, uint64_t n)
{
	struct json j;

	if (!n)
		return;
	if (v->json) {
		json_init(&j, v->f, false);
		json_obj_begin(&j, NULL);
		json_uint(&j, "lost", n);
		json_obj_end(&j);
		json_end(&j);
	} else {
		fprintf(v->f, "lost %" PRIu64 " events (ring buffer full)\n", n);
	}
}

void snoop_exec_header(struct snoop_view *v)
{
	if (v->json)
		return;
	if (v->timestamp)
		fprintf(v->f, "%-11s ", "TIME(s)");
	fprintf(v->f, "%-16s %-7s %-7s %4s %s\n", "PCOMM", "PID", "PPID", "RET", "ARGS");
}

void snoop_exec_event(struct snoop_view *v, const struct exec_event *e)
{
	double t = rel_s(v, e->ts_ns);
	const char *a;
	size_t len;
	struct json j;

	if (v->json) {
		json_init(&j, v->f, false);
		json_obj_begin(&j, NULL);
		json_double(&j, "time_s", t, 6);
		json_strn(&j, "comm", e->comm, strnlen(e->comm, sizeof(e->comm)));
		json_uint(&j, "pid", e->pid);
		json_uint(&j, "ppid", e->ppid);
		json_uint(&j, "uid", e->uid);
		json_int(&j, "ret", e->ret);
		json_arr_begin(&j, "args");
		for (uint32_t i = 0; (a = exec_event_arg(e, i, &len)); i++)
			json_strn(&j, NULL, a, len);
		json_arr_end(&j);
		json_bool(&j, "truncated", e->truncated);
		json_obj_end(&j);
		json_end(&j);
		return;
	}
	if (v->timestamp)
		fprintf(v->f, "%-11.6f ", t);
	name_col(v->f, e->comm, sizeof(e->comm), 16);
	fprintf(v->f, " %-7u %-7u %4d ", e->pid, e->ppid, e->ret);
	for (uint32_t i = 0; (a = exec_event_arg(e, i, &len)); i++) {
		if (i)
			fputc(' ', v->f);
		esc_term_fputs(v->f, a, len);
	}
	if (e->truncated)
		fputs(" ...", v->f);
	fputc('\n', v->f);
}

void snoop_open_header(struct snoop_view *v)
{
	if (v->json)
		return;
	if (v->timestamp)
		fprintf(v->f, "%-11s ", "TIME(s)");
	fprintf(v->f, "%-7s %-16s %4s %3s ", "PID", "COMM", "FD", "ERR");
	if (v->extra)
		fprintf(v->f, "%-24s ", "FLAGS");
	fprintf(v->f, "PATH\n");
}

void snoop_open_event(struct snoop_view *v, const struct open_event *e, const char *flags)
{
	double t = rel_s(v, e->ts_ns);
	int fd = e->ret >= 0 ? e->ret : -1, err = e->ret >= 0 ? 0 : -e->ret;
	struct json j;

	if (v->json) {
		json_init(&j, v->f, false);
		json_obj_begin(&j, NULL);
		json_double(&j, "time_s", t, 6);
		json_uint(&j, "pid", e->pid);
		json_uint(&j, "tid", e->tid);
		json_uint(&j, "uid", e->uid);
		json_strn(&j, "comm", e->comm, strnlen(e->comm, sizeof(e->comm)));
		json_int(&j, "fd", fd);
		json_int(&j, "errno", err);
		json_str(&j, "flags", flags);
		json_uint(&j, "mode", e->mode);
		json_strn(&j, "path", e->path, strnlen(e->path, sizeof(e->path)));
		json_obj_end(&j);
		json_end(&j);
		return;
	}
	if (v->timestamp)
		fprintf(v->f, "%-11.6f ", t);
	fprintf(v->f, "%-7u ", e->pid);
	name_col(v->f, e->comm, sizeof(e->comm), 16);
	fprintf(v->f, " %4d %3d ", fd, err);
	if (v->extra)
		fprintf(v->f, "%-24s ", flags);
	esc_term_fputs(v->f, e->path, strnlen(e->path, sizeof(e->path)));
	fputc('\n', v->f);
}

static const char *addr_str(const struct tcp_event *e, const uint8_t *a, char *buf, size_t size)
{
	if (!inet_ntop(e->family == 10 ? AF_INET6 : AF_INET, a, buf, (socklen_t)size))
		snprintf(buf, size, "?");
	return buf;
}

void snoop_tcp_header(struct snoop_view *v, enum tcptool_kind kind)
{
	if (v->json)
		return;
	if (v->timestamp)
		fprintf(v->f, "%-11s ", "TIME(s)");
	switch (kind) {
	case TCPTOOL_RETRANS:
		fprintf(v->f, "%-2s %-39s %-2s %-39s %s\n", "IP", "LADDR:LPORT", "T>",
			"RADDR:RPORT", "STATE");
		break;
	case TCPTOOL_LIFE:
		fprintf(v->f, "%-7s %-16s %-2s %-39s %-5s %-39s %-5s %8s %8s %10s\n", "PID", "COMM",
			"IP", "LADDR", "LPORT", "RADDR", "RPORT", "TX_KB", "RX_KB", "MS");
		break;
	case TCPTOOL_CONNECT:
		fprintf(v->f, "%-7s %-16s %-2s %-39s %-39s %-5s %9s %s\n", "PID", "COMM", "IP",
			"SADDR", "DADDR", "DPORT", "LAT(ms)", "RESULT");
		break;
	case TCPTOOL_ACCEPT:
		fprintf(v->f, "%-7s %-16s %-2s %-39s %-5s %-39s %-5s\n", "PID", "COMM", "IP",
			"RADDR", "RPORT", "LADDR", "LPORT");
		break;
	}
}

static void tcp_json(struct snoop_view *v, enum tcptool_kind kind, const struct tcp_event *e,
		     double t, const char *la, const char *ra)
{
	struct json j;

	json_init(&j, v->f, false);
	json_obj_begin(&j, NULL);
	json_double(&j, "time_s", t, 6);
	if (kind != TCPTOOL_RETRANS) {
		json_uint(&j, "pid", e->pid);
		json_strn(&j, "comm", e->comm, strnlen(e->comm, sizeof(e->comm)));
	}
	json_int(&j, "ip", e->family == 10 ? 6 : 4);
	json_str(&j, "laddr", la);
	json_uint(&j, "lport", e->lport);
	json_str(&j, "raddr", ra);
	json_uint(&j, "rport", e->rport);
	json_str(&j, "state", tcptool_state_name(e->state));
	if (kind == TCPTOOL_LIFE) {
		json_uint(&j, "tx_bytes", e->tx_bytes);
		json_uint(&j, "rx_bytes", e->rx_bytes);
		json_double(&j, "ms", (double)e->span_ns / 1e6, 3);
	} else if (kind == TCPTOOL_CONNECT) {
		json_double(&j, "lat_ms", (double)e->span_ns / 1e6, 3);
	}
	json_obj_end(&j);
	json_end(&j);
}

void snoop_tcp_event(struct snoop_view *v, enum tcptool_kind kind, const struct tcp_event *e)
{
	double t = rel_s(v, e->ts_ns);
	char la[64], ra[64], lp[80], rp[80];
	int ip = e->family == 10 ? 6 : 4;

	addr_str(e, e->laddr, la, sizeof(la));
	addr_str(e, e->raddr, ra, sizeof(ra));
	if (v->json) {
		tcp_json(v, kind, e, t, la, ra);
		return;
	}
	if (v->timestamp)
		fprintf(v->f, "%-11.6f ", t);
	if (kind == TCPTOOL_RETRANS) {
		snprintf(lp, sizeof(lp), "%s:%u", la, e->lport);
		snprintf(rp, sizeof(rp), "%s:%u", ra, e->rport);
		fprintf(v->f, "%-2d %-39s R> %-39s %s\n", ip, lp, rp, tcptool_state_name(e->state));
		return;
	}
	if (e->pid)
		fprintf(v->f, "%-7u ", e->pid);
	else
		fprintf(v->f, "%-7s ", "-");
	name_col(v->f, e->pid ? e->comm : "-", sizeof(e->comm), 16);
	if (kind == TCPTOOL_LIFE)
		fprintf(v->f, " %-2d %-39s %-5u %-39s %-5u %8" PRIu64 " %8" PRIu64 " %10.2f\n", ip, la,
			e->lport, ra, e->rport, (uint64_t)e->tx_bytes / 1024, (uint64_t)e->rx_bytes / 1024,
			(double)e->span_ns / 1e6);
	else if (kind == TCPTOOL_CONNECT)
		fprintf(v->f, " %-2d %-39s %-39s %-5u %9.3f %s\n", ip, la, ra, e->rport,
			(double)e->span_ns / 1e6, e->state == 1 ? "ok" : "failed");
	else
		fprintf(v->f, " %-2d %-39s %-5u %-39s %-5u\n", ip, ra, e->rport, la, e->lport);
}
