/* Fuzz the CPU and memory readers' parsers (proc/stat, meminfo, vmstat,
 * cpulists, cpuinfo, the interrupts/softirqs table) and the models fed with
 * what they parsed: the input is also split in two and parsed as two
 * /proc/stat (and /proc/interrupts) samples for cpu_model (and irq_model). */
#include "fuzz.h"
#include "model/cpu.h"
#include "model/irq.h"
#include "model/mem.h"
#include "sources/irq_table.h"
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

static void irqs(const char *s, size_t size)
{
	struct irq_table a = { 0 }, b = { 0 }, c = { 0 };
	struct irq_rates r = { 0 };
	size_t half = size / 2;

	if (irq_table_parse(s, half, &a) == 0 && irq_table_parse(s + half, size - half, &b) == 0) {
		irq_model(&a, &b, 1.0, &r);
		irq_model(NULL, &a, 5.0, &r);
	}
	if (irq_table_parse(s, size, &a) == 0 && irq_table_copy(&c, &a) == 0)
		irq_model(&c, &a, 0.0, &r);
	irq_rates_free(&r);
	irq_table_free(&a);
	irq_table_free(&b);
	irq_table_free(&c);
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
	irqs(s, size);
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
