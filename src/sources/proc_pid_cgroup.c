#include "sources/proc_pid_cgroup.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int proc_pid_cgroup_parse(const char *buf, size_t len, struct proc_pid_cgroup *out)
{
	const char *p = buf, *end = buf + len;

	out->n = 0;
	while (p < end && *p) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *c1 = memchr(p, ':', (size_t)(le - p));
		const char *c2 = c1 ? memchr(c1 + 1, ':', (size_t)(le - c1 - 1)) : NULL;
		char *e;
		long id;

		if (!c1 || !c2 || c1 == p)
			return -EINVAL;
		id = strtol(p, &e, 10);
		if (e != c1 || id < 0)
			return -EINVAL;
		if (out->n < PROC_PID_CGROUP_MAX) {
			size_t cl = (size_t)(c2 - c1 - 1), pl = (size_t)(le - c2 - 1);

			if (cl >= sizeof(out->e[0].ctrls) || pl >= sizeof(out->e[0].path))
				return -EINVAL;
			out->e[out->n].id = (int)id;
			memcpy(out->e[out->n].ctrls, c1 + 1, cl);
			out->e[out->n].ctrls[cl] = '\0';
			memcpy(out->e[out->n].path, c2 + 1, pl);
			out->e[out->n].path[pl] = '\0';
			out->n++;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	return out->n ? 0 : -EINVAL;
}

int proc_pid_cgroup_read(const struct root *r, pid_t pid, struct proc_pid_cgroup *out)
{
	char rel[64], buf[8192];
	ssize_t n;

	snprintf(rel, sizeof(rel), "%d/cgroup", (int)pid);
	n = root_read(r, ROOT_PROC, rel, buf, sizeof(buf));
	if (n < 0)
		return (int)n;
	return proc_pid_cgroup_parse(buf, (size_t)n, out);
}

/* Is name one of the comma-separated controllers in list? */
static int has_ctrl(const char *list, const char *name)
{
	size_t nl = strlen(name);

	for (const char *p = list; *p;) {
		size_t l = strcspn(p, ",");

		if (l == nl && !strncmp(p, name, l))
			return 1;
		p += l;
		if (*p == ',')
			p++;
	}
	return 0;
}

void proc_pid_cgroup_paths(const struct proc_pid_cgroup *pc, struct cgroup_paths *p)
{
	memset(p, 0, sizeof(*p));
	for (int i = 0; i < pc->n; i++) {
		if (pc->e[i].id == 0 && !pc->e[i].ctrls[0]) {
			p->v2 = pc->e[i].path;
			continue;
		}
		for (int c = 0; c < CG1__COUNT; c++)
			if (has_ctrl(pc->e[i].ctrls, cgroup_v1_names[c]))
				p->v1[c] = pc->e[i].path;
	}
}
