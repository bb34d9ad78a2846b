/* Fuzz the small /proc text parsers: uptime, loadavg, utmp records. */
#include "fuzz.h"
#include "sources/proc_loadavg.h"
#include "sources/proc_uptime.h"
#include "sources/utmp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct proc_uptime u;
	struct proc_loadavg l;

	if (!s)
		return 0;
	proc_uptime_parse(s, size, &u);
	proc_loadavg_parse(s, size, &l);
	utmp_count_users_parse(data, size);
	free(s);
	return 0;
}
