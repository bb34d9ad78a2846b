/* Fuzz the cgroup v1/v2 file parsers and PSI. */
#include "fuzz.h"
#include "sources/cgroup.h"
#include "sources/psi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct cgroup_cpu cpu;
	struct cgroup_mem mem;
	struct cgroup_io io;
	struct psi psi;
	uint64_t v, q, p;

	if (!s)
		return 0;
	memset(&cpu, 0, sizeof(cpu));
	memset(&mem, 0, sizeof(mem));
	memset(&io, 0, sizeof(io));
	cgroup_value_parse(s, size, &v);
	cgroup_cpu_max_parse(s, size, &q, &p);
	cgroup_cpu_stat_parse(s, size, 1, &cpu);
	cgroup_cpu_stat_parse(s, size, 2, &cpu);
	cgroup_mem_events_parse(s, size, &mem);
	cgroup_mem_stat_parse(s, size, 1, &mem);
	cgroup_mem_stat_parse(s, size, 2, &mem);
	cgroup_oom_control_parse(s, size, &mem);
	cgroup_io_stat_parse(s, size, &io);
	cgroup_blkio_parse(s, size, 0, &io);
	cgroup_blkio_parse(s, size, 1, &io);
	psi_parse(s, size, &psi);
	free(s);
	return 0;
}
