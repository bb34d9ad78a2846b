/* Fuzz the profiler's inputs: perf ring records and read() groups (binary),
 * /proc/PID/maps, /proc/kallsyms, JIT perf maps (text), and ELF objects
 * through libelf (the input as a file in memory). */
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "sources/elf_syms.h"
#include "sources/kallsyms.h"
#include "sources/perf_event.h"
#include "sources/perf_map.h"
#include "sources/perf_record.h"
#include "sources/proc_pid_maps.h"

static void fuzz_elf(const uint8_t *data, size_t size)
{
	struct elf_syms e;
	int fd = memfd_create("fuzz-elf", MFD_CLOEXEC);

	if (fd < 0)
		return;
	if (write(fd, data, size) == (ssize_t)size) {
		memset(&e, 0, sizeof(e));
		if (elf_syms_load_fd(&e, fd) == 0)
			elf_syms_free(&e);
	}
	close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct perf_record rec;
	struct perf_read rd;
	struct pid_maps maps;
	struct symtab t;
	int bad;

	if (!s)
		return 0;
	perf_record_parse(data, size, &rec);
	perf_read_parse(data, size, &rd);
	memset(&maps, 0, sizeof(maps));
	if (proc_pid_maps_parse(s, size, false, &maps, &bad) == 0)
		proc_pid_maps_free(&maps);
	symtab_init(&t);
	kallsyms_parse(s, size, &t, &bad);
	symtab_free(&t);
	symtab_init(&t);
	perf_map_parse(s, size, &t, &bad);
	symtab_free(&t);
	if (size >= 4 && !memcmp(data, "\177ELF", 4))
		fuzz_elf(data, size);
	free(s);
	return 0;
}
