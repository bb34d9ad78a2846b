/* The parts table and sample_take: read each asked-for file into the
 * sample's raw buffer, parse it with its reader's parser, keep both. */
#include "sample/sample.h"

#include "sample/sample_threads.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int (*part_parse_fn)(struct sample *s, const char *buf, size_t len);

static int parse_uptime(struct sample *s, const char *b, size_t n) { return proc_uptime_parse(b, n, &s->up); }
static int parse_stat(struct sample *s, const char *b, size_t n)
{
	return proc_stat_parse(b, n, &s->stat, &s->bad_line[SAMPLE_STAT]);
}
static int parse_meminfo(struct sample *s, const char *b, size_t n)
{
	return proc_meminfo_parse(b, n, &s->mem, &s->bad_line[SAMPLE_MEMINFO]);
}
static int parse_vmstat(struct sample *s, const char *b, size_t n)
{
	return proc_vmstat_parse(b, n, &s->vm, &s->bad_line[SAMPLE_VMSTAT]);
}
static int parse_loadavg(struct sample *s, const char *b, size_t n) { return proc_loadavg_parse(b, n, &s->load); }
static int parse_diskstats(struct sample *s, const char *b, size_t n)
{
	int err = proc_diskstats_parse(b, n, &s->disks);

	s->bad_line[SAMPLE_DISKSTATS] = s->disks.bad_line;
	return err;
}
static int parse_net_dev(struct sample *s, const char *b, size_t n)
{
	int err = proc_net_dev_parse(b, n, &s->netdev);

	s->bad_line[SAMPLE_NET_DEV] = s->netdev.bad_line;
	return err;
}
static int parse_snmp(struct sample *s, const char *b, size_t n)
{
	int err = proc_net_snmp_parse(b, n, &s->snmp);

	s->bad_line[SAMPLE_SNMP] = s->snmp.bad_line;
	return err;
}
static int parse_netstat(struct sample *s, const char *b, size_t n)
{
	int err = proc_net_netstat_parse(b, n, &s->netstat);

	s->bad_line[SAMPLE_NETSTAT] = s->netstat.bad_line;
	return err;
}
/* sockstat and sockstat6 fill one struct: sockstat (parsed first) clears it */
static int parse_sockstat(struct sample *s, const char *b, size_t n)
{
	int err;

	memset(&s->sockstat, 0, sizeof(s->sockstat));
	err = proc_net_sockstat_parse(b, n, &s->sockstat);
	s->bad_line[SAMPLE_SOCKSTAT] = s->sockstat.bad_line;
	return err;
}
static int parse_sockstat6(struct sample *s, const char *b, size_t n)
{
	return proc_net_sockstat_parse(b, n, &s->sockstat);
}
static int parse_softnet(struct sample *s, const char *b, size_t n)
{
	int err = proc_net_softnet_parse(b, n, &s->softnet);

	s->bad_line[SAMPLE_SOFTNET] = s->softnet.bad_line;
	return err;
}
static int parse_psi(struct sample *s, enum psi_resource res, const char *b, size_t n)
{
	int err = psi_parse(b, n, &s->psi.res[res]);

	s->psi.err[res] = err;
	return err;
}
static int parse_psi_cpu(struct sample *s, const char *b, size_t n) { return parse_psi(s, PSI_CPU, b, n); }
static int parse_psi_memory(struct sample *s, const char *b, size_t n) { return parse_psi(s, PSI_MEMORY, b, n); }
static int parse_psi_io(struct sample *s, const char *b, size_t n) { return parse_psi(s, PSI_IO, b, n); }
static int parse_psi_irq(struct sample *s, const char *b, size_t n) { return parse_psi(s, PSI_IRQ, b, n); }
static int parse_interrupts(struct sample *s, const char *b, size_t n)
{
	int err = proc_interrupts_parse(b, n, &s->interrupts);

	s->bad_line[SAMPLE_INTERRUPTS] = s->interrupts.bad_line;
	return err;
}
static int parse_softirqs(struct sample *s, const char *b, size_t n)
{
	int err = proc_softirqs_parse(b, n, &s->softirqs);

	s->bad_line[SAMPLE_SOFTIRQS] = s->softirqs.bad_line;
	return err;
}
static int parse_cpu_online(struct sample *s, const char *b, size_t n)
{
	sys_cpu_list_free(&s->online);
	return sys_cpu_list_parse(b, n, &s->online);
}
static int parse_passwd(struct sample *s, const char *b, size_t n)
{
	passwd_free(&s->users);
	return passwd_parse(b, n, &s->users);
}
static int parse_file_nr(struct sample *s, const char *b, size_t n)
{
	return proc_sys_fs_file_nr_parse(b, n, &s->file_nr);
}
static int parse_mountinfo(struct sample *s, const char *b, size_t n)
{
	mountinfo_free(&s->mounts);
	mountinfo_init(&s->mounts);
	return mountinfo_parse(b, n, &s->mounts);
}
static int parse_boot_id(struct sample *s, const char *b, size_t n)
{
	while (n > 0 && (b[n - 1] == '\n' || b[n - 1] == ' '))
		n--;
	if (n != 36)
		return -EINVAL;
	memcpy(s->boot_id, b, 36);
	s->boot_id[36] = '\0';
	return 0;
}
/* One line of a proc/sys/kernel file, as kernel_id_read takes it. */
static int parse_kid_line(const char *b, size_t n, char *out, size_t size)
{
	const char *nl = memchr(b, '\n', n);

	if (nl)
		n = (size_t)(nl - b);
	if (n >= size)
		n = size - 1;
	memcpy(out, b, n);
	out[n] = '\0';
	return 0;
}
static int parse_ostype(struct sample *s, const char *b, size_t n)
{
	return parse_kid_line(b, n, s->kid.sysname, sizeof(s->kid.sysname));
}
static int parse_osrelease(struct sample *s, const char *b, size_t n)
{
	return parse_kid_line(b, n, s->kid.release, sizeof(s->kid.release));
}
static int parse_hostname(struct sample *s, const char *b, size_t n)
{
	return parse_kid_line(b, n, s->kid.hostname, sizeof(s->kid.hostname));
}

struct part_desc {
	enum root_dir dir;
	const char *file;
	part_parse_fn parse;
};

/* Each part's parser is parse_<id in lower case>: a part added to parts.def
 * without its parser does not compile. */
#define parse_UPTIME parse_uptime
#define parse_STAT parse_stat
#define parse_MEMINFO parse_meminfo
#define parse_VMSTAT parse_vmstat
#define parse_LOADAVG parse_loadavg
#define parse_DISKSTATS parse_diskstats
#define parse_NET_DEV parse_net_dev
#define parse_SNMP parse_snmp
#define parse_NETSTAT parse_netstat
#define parse_SOCKSTAT parse_sockstat
#define parse_SOCKSTAT6 parse_sockstat6
#define parse_SOFTNET parse_softnet
#define parse_PSI_CPU parse_psi_cpu
#define parse_PSI_MEMORY parse_psi_memory
#define parse_PSI_IO parse_psi_io
#define parse_PSI_IRQ parse_psi_irq
#define parse_INTERRUPTS parse_interrupts
#define parse_SOFTIRQS parse_softirqs
#define parse_CPU_ONLINE parse_cpu_online
#define parse_BOOT_ID parse_boot_id
#define parse_PASSWD parse_passwd
#define parse_FILE_NR parse_file_nr
#define parse_MOUNTINFO parse_mountinfo
#define parse_OSTYPE parse_ostype
#define parse_OSRELEASE parse_osrelease
#define parse_HOSTNAME parse_hostname

static const struct part_desc parts[SAMPLE__NPARTS] = {
#define SAMPLE_PART(id, d, f) [SAMPLE_##id] = { d, f, parse_##id },
#include "sample/parts.def"
#undef SAMPLE_PART
};

const char *sample_part_file(enum sample_part part) { return parts[part].file; }
enum root_dir sample_part_dir(enum sample_part part) { return parts[part].dir; }

void sample_init(struct sample *s)
{
	memset(s, 0, sizeof(*s));
	proc_stat_init(&s->stat);
	mountinfo_init(&s->mounts);
	for (int i = 0; i < PSI__COUNT; i++)
		s->psi.err[i] = -ENOENT;
}

void sample_free(struct sample *s)
{
	for (int i = 0; i < SAMPLE__NPARTS; i++)
		buf_free(&s->raw[i]);
	proc_stat_free(&s->stat);
	proc_diskstats_free(&s->disks);
	proc_net_dev_free(&s->netdev);
	proc_net_softnet_free(&s->softnet);
	irq_table_free(&s->interrupts);
	irq_table_free(&s->softirqs);
	sys_cpu_list_free(&s->online);
	sys_block_free(&s->blocks);
	passwd_free(&s->users);
	buf_free(&s->kmsg);
	mountinfo_free(&s->mounts);
	buf_free(&s->statvfs);
	free(s->socks.listen);
	free(s->links);
	cgroup_snapshot_free(&s->cgroups);
	sample_threads_free(s->threads);
	proc_pid_sample_free(&s->procs);
	exited_list_free(&s->exited);
	sample_init(s);
}

int sample_parse_part(struct sample *s, enum sample_part part)
{
	const struct buf *b = &s->raw[part];
	int err = parts[part].parse(s, b->p ? b->p : "", b->len);

	if (err) {
		s->err[part] = err;
		s->have &= ~(1u << part);
	} else {
		s->err[part] = 0;
		s->have |= 1u << part;
	}
	return err;
}

void sample_finish(struct sample *s)
{
	/* before 5.10 softnet_stat's lines are the online CPUs in order */
	if (sample_has(s, SAMPLE_SOFTNET) && !s->softnet.have_index && s->softnet.n &&
	    sample_has(s, SAMPLE_CPU_ONLINE))
		proc_net_softnet_number(&s->softnet, &s->online);
}

static int64_t now_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int sample_take(const struct root *r, const struct sample_want *w, struct sample *prev,
		struct sample *out)
{
	unsigned want = w->parts | SAMPLE_BIT(UPTIME) | (w->statvfs ? SAMPLE_BIT(MOUNTINFO) : 0);
	int err;

	if (want & SAMPLE_BIT(SOFTNET))
		want |= SAMPLE_BIT(CPU_ONLINE);
	out->want = want;
	out->live = r->live;
	out->t_ns = now_ns(CLOCK_REALTIME);
	out->mono_ns = r->live ? now_ns(CLOCK_MONOTONIC) : 0;
	for (int i = 0; i < SAMPLE__NPARTS; i++) {
		if (!((want >> i) & 1u))
			continue;
		err = root_read_buf(r, parts[i].dir, parts[i].file, &out->raw[i]);
		if (err) {
			out->err[i] = err;
			if (i >= SAMPLE_PSI_CPU && i <= SAMPLE_PSI_IRQ)
				out->psi.err[i - SAMPLE_PSI_CPU] = err;
			continue;
		}
		sample_parse_part(out, (enum sample_part)i);
	}
	sample_finish(out);
	if (sample_has(out, SAMPLE_STAT))
		sys_cpu_count_read(r, &out->stat, &out->ncpu);
	/* a captured tree stands for the time it was captured */
	if (!r->live && sample_has(out, SAMPLE_STAT) && (out->stat.have & PROC_STAT_HAVE_BTIME) &&
	    out->stat.btime > 0 && sample_has(out, SAMPLE_UPTIME))
		out->t_ns = ((int64_t)out->stat.btime + (int64_t)out->up.up_s) * 1000000000LL;
	if (w->blocks)
		sample_take_blocks(r, w, out);
	if (w->links)
		sample_take_links(r, out);
	if (w->statvfs)
		sample_take_statvfs(r, out);
	if (w->sockets)
		sample_take_socks(r, prev && prev->have_socks ? prev : NULL, out);
	if (w->cgroups)
		sample_take_cgroups(r, out, w->cgroups_max);
	if (w->procs) {
		out->procs_err = proc_pid_scan(r, &w->scan, prev && prev->have_procs ? &prev->procs : NULL,
					       &out->procs);
		out->have_procs = out->procs_err == 0;
	}
	return sample_has(out, SAMPLE_UPTIME) ? 0 : out->err[SAMPLE_UPTIME];
}

time_t sample_wall_known(const struct sample *s)
{
	if (s->live || s->recorded || s->mono_ns)
		return (time_t)(s->t_ns / 1000000000LL);
	if (sample_has(s, SAMPLE_STAT) && (s->stat.have & PROC_STAT_HAVE_BTIME) && s->stat.btime > 0)
		return (time_t)s->stat.btime + (time_t)s->up.up_s;
	return 0;
}

time_t sample_wall(const struct sample *s)
{
	if (s->live || s->recorded || s->mono_ns)
		return (time_t)(s->t_ns / 1000000000LL);
	if (sample_has(s, SAMPLE_STAT) && (s->stat.have & PROC_STAT_HAVE_BTIME) && s->stat.btime > 0)
		return (time_t)s->stat.btime + (time_t)s->up.up_s;
	return (time_t)(s->t_ns / 1000000000LL);
}
