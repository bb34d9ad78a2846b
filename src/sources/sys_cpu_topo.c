#include "sources/sys_cpu_topo.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sources/sys_cpu.h"

int sys_cpu_topo_first(const char *buf)
{
	long v = 0;
	int digits = 0;

	for (; *buf >= '0' && *buf <= '9' && digits < 7; buf++, digits++)
		v = v * 10 + (*buf - '0');
	return digits && digits < 7 ? (int)v : -1;
}

static int read_first(const struct root *r, const char *rel)
{
	char buf[64];

	if (root_read(r, ROOT_SYS, rel, buf, sizeof(buf)) < 0)
		return -1;
	return sys_cpu_topo_first(buf);
}

/* node/nodeN/cpulist: the CPUs of node n. */
static int read_node(const struct root *r, int n, struct sys_cpu_topo *t)
{
	struct sys_cpu_list l = { 0 };
	char rel[96], buf[4096];
	ssize_t len;
	int err;

	snprintf(rel, sizeof(rel), "devices/system/node/node%d/cpulist", n);
	len = root_read(r, ROOT_SYS, rel, buf, sizeof(buf));
	if (len < 0)
		return 0;	/* a node without the file: no CPUs known */
	err = sys_cpu_list_parse(buf, (size_t)len, &l);
	for (int c = 0; !err && c < t->ncpu; c++)
		if (sys_cpu_list_has(&l, c)) {
			t->node[c] = n;
			if (n + 1 > t->nnodes)
				t->nnodes = n + 1;
		}
	sys_cpu_list_free(&l);
	return err == -ENOMEM ? err : 0;
}

static int read_nodes(const struct root *r, struct sys_cpu_topo *t)
{
	int fd = root_openat(r, ROOT_SYS, "devices/system/node", O_RDONLY | O_DIRECTORY);
	struct dirent *e;
	int err = 0;
	DIR *d;

	if (fd < 0)
		return fd;
	d = fdopendir(fd);
	if (!d) {
		err = -errno;
		close(fd);
		return err;
	}
	while (!err && (e = readdir(d))) {
		int n = strncmp(e->d_name, "node", 4) ? -1 : sys_cpu_topo_first(e->d_name + 4);

		/* "node12", not "node12x"; at most one node per CPU (sysstat) */
		if (n >= 0 && n < t->ncpu && snprintf(NULL, 0, "node%d", n) == (int)strlen(e->d_name))
			err = read_node(r, n, t);
	}
	closedir(d);
	return err;
}

int sys_cpu_topo_read(const struct root *r, int ncpu, struct sys_cpu_topo *out)
{
	char rel[96];

	memset(out, 0, sizeof(*out));
	if (ncpu < 1)
		ncpu = 1;
	out->ncpu = ncpu;
	out->node = malloc((size_t)ncpu * sizeof(int));
	out->core = malloc((size_t)ncpu * sizeof(int));
	out->sock = malloc((size_t)ncpu * sizeof(int));
	if (!out->node || !out->core || !out->sock) {
		sys_cpu_topo_free(out);
		return -ENOMEM;
	}
	for (int c = 0; c < ncpu && !r; c++)
		out->node[c] = out->sock[c] = out->core[c] = -1;
	if (!r)
		return -ENODATA;
	for (int c = 0; c < ncpu; c++) {
		out->node[c] = -1;
		snprintf(rel, sizeof(rel), "devices/system/cpu/cpu%d/topology/physical_package_id", c);
		out->sock[c] = read_first(r, rel);
		snprintf(rel, sizeof(rel), "devices/system/cpu/cpu%d/topology/thread_siblings_list", c);
		out->core[c] = read_first(r, rel);
	}
	return read_nodes(r, out);
}

void sys_cpu_topo_free(struct sys_cpu_topo *t)
{
	free(t->node);
	free(t->core);
	free(t->sock);
	memset(t, 0, sizeof(*t));
}
