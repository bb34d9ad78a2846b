/* No BPF probes in this build (see deep.h). */
#include "analysis/deep.h"

#include <errno.h>

int deep_run(struct findings *fs, const struct obs *o, double seconds)
{
	(void)fs;
	(void)o;
	(void)seconds;
	return -ENOSYS;
}
