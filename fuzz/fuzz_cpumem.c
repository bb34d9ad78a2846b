/* Fuzz the CPU and memory readers' parsers (proc/stat, meminfo, vmstat,
 * cpulists, cpuinfo) and the models fed with what they parsed: the input is
 * also split in two and parsed as two /proc/stat samples for cpu_model. */
#include "fuzz.h"
#include "model/cpu.h"
#include "model/mem.h"
#include "sources/proc_meminfo.h"
#include "sources/proc_stat.h"
#include "sources/proc_vmstat.h"
#include "sources/sys_cpu.h"

static void stats(const char *s, size_t size)
{
	struct proc_stat a, b;
	struct cpu_model m;
	struct cpu_vmstat v;
	size_t half = size / 2;

	proc_stat_init(&a);
	proc_stat_init(&b);
	cpu_model_init(&m);
	if (proc_stat_parse(s, half, &a, NULL) == 0 &&
	    proc_stat_parse(s + half, size - half, &b, NULL) == 0) {
		int n = a.ncpu > b.ncpu ? a.ncpu : b.ncpu;

		cpu_model_compute(&a, &b, n, 1.0, &m);
		cpu_model_compute(NULL, &b, n, 5.0, &m);
		cpu_model_carry(&b, &a);
		cpu_model_vmstat(&a.all, &b.all, &v);
	}
	if (proc_stat_parse(s, size, &a, NULL) == 0)
		proc_stat_copy(&b, &a);
	cpu_model_free(&m);
	proc_stat_free(&a);
	proc_stat_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct proc_meminfo mi;
	struct proc_vmstat vm, vm2;
	struct sys_cpu_list l = { 0 };
	struct mem_free mf;
	struct mem_rates mr;

	if (!s)
		return 0;
	stats(s, size);
	if (proc_meminfo_parse(s, size, &mi, NULL) == 0)
		mem_model_free(&mi, &mf);
	if (proc_vmstat_parse(s, size, &vm, NULL) == 0 &&
	    proc_vmstat_parse(s, size / 2, &vm2, NULL) == 0)
		mem_model_rates(&vm2, &vm, 1.0, 4, &mr);
	sys_cpu_list_parse(s, size, &l);
	sys_cpu_cpuinfo_parse(s, size, &l);
	sys_cpu_list_free(&l);
	free(s);
	return 0;
}
