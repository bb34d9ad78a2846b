/* Fuzz the disk and network readers' parsers: diskstats, net/dev, snmp,
 * netstat, sockstat, softnet_stat, and the sysfs attribute helpers. */
#include "fuzz.h"
#include "sources/proc_diskstats.h"
#include "sources/proc_net_dev.h"
#include "sources/proc_net_netstat.h"
#include "sources/proc_net_snmp.h"
#include "sources/proc_net_softnet.h"
#include "sources/proc_net_sockstat.h"
#include "sources/sys_block.h"
#include "sources/sys_class_net.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct proc_diskstats ds = { 0 };
	struct proc_net_dev nd = { 0 };
	struct proc_net_snmp sn;
	struct proc_net_netstat ns;
	struct proc_net_sockstat so;
	struct proc_net_softnet sf = { 0 };
	struct sys_cpu_list online = { 0 };

	if (!s)
		return 0;
	proc_diskstats_parse(s, size, &ds);
	proc_diskstats_free(&ds);
	proc_net_dev_parse(s, size, &nd);
	proc_net_dev_free(&nd);
	proc_net_snmp_parse(s, size, &sn);
	proc_net_netstat_parse(s, size, &ns);
	memset(&so, 0, sizeof(so));
	proc_net_sockstat_parse(s, size, &so);
	/* softnet: parse, then number the lines with the input read as a cpulist */
	if (proc_net_softnet_parse(s, size, &sf) == 0 && sys_cpu_list_parse(s, size, &online) == 0)
		proc_net_softnet_number(&sf, &online);
	proc_net_softnet_free(&sf);
	sys_cpu_list_free(&online);
	sys_block_parse_flag(s);
	sys_class_net_parse_speed(s);
	sys_class_net_parse_duplex(s);
	free(s);
	return 0;
}
