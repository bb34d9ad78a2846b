/* cgroup hierarchies: where they are mounted, what a user's path names, and
 * the bounded walk over every group. */
#include "sources/cgroup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool exists(const struct root *r, const char *rel)
{
	int fd = root_openat(r, ROOT_SYS, rel, O_PATH);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* A v1 hierarchy is a directory with cgroup.procs; cpu and cpuacct are
 * usually co-mounted as "cpu,cpuacct" (with "cpu" and "cpuacct" symlinks),
 * but may stand alone. */
static const char *const v1_candidates[CG1__COUNT][3] = {
	[CG1_CPU] = { "cpu,cpuacct", "cpu", NULL },
	[CG1_CPUACCT] = { "cpu,cpuacct", "cpuacct", NULL },
	[CG1_MEMORY] = { "memory", NULL },
	[CG1_PIDS] = { "pids", NULL },
	[CG1_BLKIO] = { "blkio", "blkio,io", NULL },
};

int cgroup_mounts_read(const struct root *r, struct cgroup_mounts *m)
{
	char rel[128];
	int v1 = 0;

	memset(m, 0, sizeof(*m));
	if (exists(r, "fs/cgroup/cgroup.controllers")) {
		m->layout = CG_UNIFIED;
		snprintf(m->v2, sizeof(m->v2), "fs/cgroup");
		return 0;
	}
	if (exists(r, "fs/cgroup/unified/cgroup.controllers"))
		snprintf(m->v2, sizeof(m->v2), "fs/cgroup/unified");
	for (int i = 0; i < CG1__COUNT; i++) {
		for (int j = 0; v1_candidates[i][j]; j++) {
			snprintf(rel, sizeof(rel), "fs/cgroup/%s/cgroup.procs", v1_candidates[i][j]);
			if (exists(r, rel)) {
				snprintf(m->v1[i], sizeof(m->v1[i]), "fs/cgroup/%s", v1_candidates[i][j]);
				v1++;
				break;
			}
		}
	}
	if (v1)
		m->layout = m->v2[0] ? CG_HYBRID : CG_LEGACY;
	else if (m->v2[0])
		m->layout = CG_HYBRID;	/* cgroup2 at unified/ alone: still not unified */
	return m->layout == CG_NONE ? -ENOENT : 0;
}

bool cgroup_exists(const struct root *r, const struct cgroup_mounts *m, const char *path)
{
	char rel[CGROUP_PATH_MAX + 80];
	const char *dirs[CG1__COUNT + 1];
	int n = 0;

	while (*path == '/')
		path++;
	if (m->v2[0])
		dirs[n++] = m->v2;
	for (int i = 0; i < CG1__COUNT; i++)
		if (m->v1[i][0])
			dirs[n++] = m->v1[i];
	for (int i = 0; i < n; i++) {
		snprintf(rel, sizeof(rel), "%s/%s%scgroup.procs", dirs[i], path, *path ? "/" : "");
		if (exists(r, rel))
			return true;
	}
	return false;
}

/* In hybrid and legacy layouts sys/fs/cgroup is a tmpfs whose directories are
 * the hierarchies ("memory", "cpu,cpuacct" and its "cpu" symlink, "unified",
 * "systemd" ...): the first component of s is one of them when it holds a
 * cgroup.procs. Returns its length, or 0. */
static size_t mount_component(const struct root *r, const char *s)
{
	size_t len = strcspn(s, "/");
	char rel[CGROUP_PATH_MAX + 64];

	if (!len || len >= CGROUP_PATH_MAX)
		return 0;
	snprintf(rel, sizeof(rel), "fs/cgroup/%.*s/cgroup.procs", (int)len, s);
	return exists(r, rel) ? len : 0;
}

/* Without a root (a recording): the first component is a hierarchy when it
 * names one of m's mounts ("memory" of "fs/cgroup/memory"). */
static size_t mount_component_m(const struct cgroup_mounts *m, const char *s)
{
	size_t len = strcspn(s, "/");

	for (int i = -1; len && i < CG1__COUNT; i++) {
		const char *d = i < 0 ? m->v2 : m->v1[i];
		const char *base = strrchr(d, '/');

		if (base && strlen(base + 1) == len && !strncmp(base + 1, s, len) && strcmp(d, "fs/cgroup") != 0)
			return len;
	}
	return 0;
}

int cgroup_path_normalize(const struct root *r, const struct cgroup_mounts *m,
			  const char *in, char *out, size_t size)
{
	char prefix[4200] = "/sys/fs/cgroup";
	size_t pl, o = 0;
	const char *s = in;

	if (r)
		root_path(r, ROOT_SYS, "fs/cgroup", prefix, sizeof(prefix));
	pl = strlen(prefix);
	if (!strncmp(in, prefix, pl) && (in[pl] == '/' || in[pl] == '\0')) {
		s = in + pl;
		while (*s == '/')
			s++;
		if (m->layout != CG_UNIFIED)
			s += r ? mount_component(r, s) : mount_component_m(m, s);
	}
	/* Copy component by component: "/a/b", no empty or "." parts. */
	while (*s) {
		size_t len;

		while (*s == '/')
			s++;
		len = strcspn(s, "/");
		if (!len)
			break;
		if (len == 2 && !strncmp(s, "..", 2))
			return -EINVAL;
		if (!(len == 1 && *s == '.')) {
			if (o + 1 + len + 1 > size)
				return -EINVAL;
			out[o++] = '/';
			memcpy(out + o, s, len);
			o += len;
		}
		s += len;
	}
	if (!o) {
		if (size < 2)
			return -EINVAL;
		out[o++] = '/';
	}
	out[o] = '\0';
	return 0;
}

struct walk {
	char (*paths)[CGROUP_PATH_MAX];
	int n, cap, max, max_depth;
	bool truncated;
};

static int add(struct walk *w, const char *path)
{
	if (w->n == w->cap) {
		int cap = w->cap ? w->cap * 2 : 64;
		void *p = realloc(w->paths, (size_t)cap * CGROUP_PATH_MAX);

		if (!p)
			return -ENOMEM;
		w->paths = p;
		w->cap = cap;
	}
	snprintf(w->paths[w->n++], CGROUP_PATH_MAX, "%s", path);
	return 0;
}

/* Walk one hierarchy below dir (relative to sys/); path is "/" or "/a/b".
 * A group that vanished between readdir and open is skipped. */
static int walk_dir(const struct root *r, const char *dir, const char *path, int depth,
		    int *count, struct walk *w)
{
	char rel[CGROUP_PATH_MAX + 80], child[CGROUP_PATH_MAX];
	struct dirent *de;
	DIR *d;
	int fd, err = 0;

	snprintf(rel, sizeof(rel), "%s%s", dir, strcmp(path, "/") ? path : "");
	fd = root_openat(r, ROOT_SYS, rel, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return fd == -ENOENT || fd == -ENOTDIR || fd == -EACCES ? 0 : fd;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return -errno;
	}
	if ((err = add(w, path)) != 0)
		goto out;
	(*count)++;
	while (!err && (de = readdir(d))) {
		struct stat st;

		if (de->d_name[0] == '.' && (!de->d_name[1] || (de->d_name[1] == '.' && !de->d_name[2])))
			continue;
		if (de->d_type == DT_UNKNOWN) {
			if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) || !S_ISDIR(st.st_mode))
				continue;
		} else if (de->d_type != DT_DIR) {
			continue;
		}
		if (depth >= w->max_depth || *count >= w->max) {
			w->truncated = true;
			continue;
		}
		if (snprintf(child, sizeof(child), "%s/%s", strcmp(path, "/") ? path : "",
			     de->d_name) >= (int)sizeof(child))
			continue;
		err = walk_dir(r, dir, child, depth + 1, count, w);
	}
out:
	closedir(d);
	return err;
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(a, b);
}

int cgroup_list(const struct root *r, const struct cgroup_mounts *m, int max_depth,
		int max_count, char (**paths)[CGROUP_PATH_MAX], int *n, bool *truncated)
{
	struct walk w = { .max = max_count, .max_depth = max_depth };
	int err = 0, u = 0;

	for (int i = -1; i < CG1__COUNT && !err; i++) {
		const char *dir = i < 0 ? m->v2 : m->v1[i];
		int count = 0;
		bool dup = false;

		for (int j = 0; j < i; j++)	/* cpu and cpuacct co-mounted */
			dup |= !strcmp(m->v1[j], dir);
		if (*dir && !dup)
			err = walk_dir(r, dir, "/", 0, &count, &w);
	}
	if (err) {
		free(w.paths);
		return err;
	}
	if (w.n)
		qsort(w.paths, (size_t)w.n, CGROUP_PATH_MAX, cmp_path);
	for (int i = 0; i < w.n; i++)
		if (!u || strcmp(w.paths[u - 1], w.paths[i]) != 0)
			memmove(w.paths[u++], w.paths[i], CGROUP_PATH_MAX);
	if (u > max_count) {
		u = max_count;
		w.truncated = true;
	}
	*paths = w.paths;
	*n = u;
	*truncated = w.truncated;
	return 0;
}

int cgroup_snapshot_read(const struct root *r, struct cgroup_snapshot *out)
{
	char (*paths)[CGROUP_PATH_MAX] = NULL;
	struct cgroup_paths ps;
	int n = 0, err;

	memset(out, 0, sizeof(*out));
	err = cgroup_mounts_read(r, &out->m);
	if (err)
		return err;
	err = cgroup_list(r, &out->m, CGROUP_WALK_DEPTH, CGROUP_WALK_MAX, &paths, &n, &out->truncated);
	if (err)
		return err;
	out->s = calloc((size_t)n + 1, sizeof(*out->s));
	if (!out->s) {
		free(paths);
		return -ENOMEM;
	}
	/* paths are sorted, so the samples are too */
	for (int i = 0; i < n; i++) {
		cgroup_paths_same(&ps, paths[i]);
		if (cgroup_read(r, &out->m, &ps, &out->s[out->n]) == 0)
			out->n++;
	}
	free(paths);
	return 0;
}

const struct cgroup_sample *cgroup_snapshot_find(const struct cgroup_snapshot *s, const char *path)
{
	int lo = 0, hi = s->n - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2, c = strcmp(s->s[mid].path, path);

		if (c == 0)
			return &s->s[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

void cgroup_snapshot_free(struct cgroup_snapshot *s)
{
	free(s->s);
	s->s = NULL;
	s->n = 0;
}
