/* See cgroup_name.h. */
#include "analysis/cgroup_name.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "analysis/finding.h"

/* A container id: at least 12 hex digits; *len gets their count. */
static bool hex_id(const char *s, size_t *len)
{
	size_t n = 0;

	while (isxdigit((unsigned char)s[n]))
		n++;
	*len = n;
	return n >= 12;
}

/* component c (length n) is PREFIX<id>[.scope]: the id's start, or NULL */
static const char *prefixed_id(const char *c, size_t n, const char *prefix)
{
	size_t pl = strlen(prefix), hl;

	if (n <= pl || strncmp(c, prefix, pl) != 0 || !hex_id(c + pl, &hl))
		return NULL;
	if (pl + hl != n && !(n - pl - hl == 6 && strncmp(c + pl + hl, ".scope", 6) == 0))
		return NULL;
	return c + pl;
}

struct owner {
	const char *runtime, *id;	/* the innermost container */
	const char *pod;		/* kubernetes pod uid */
	size_t podlen;
	const char *unit;		/* the innermost .service or .scope */
	size_t unitlen;
};

/* "pod<uid>" (cgroupfs) or "...-pod<uid>.slice" (systemd): the uid, hex
 * with '-' or '_' */
static bool pod_component(const char *c, size_t n, struct owner *o)
{
	for (const char *p = c; p + 3 < c + n; p++) {
		const char *u = p + 3;
		size_t ul = (size_t)(c + n - u), i;

		if (strncmp(p, "pod", 3) != 0 || (p != c && p[-1] != '-'))
			continue;
		if (ul > 6 && strncmp(u + ul - 6, ".slice", 6) == 0)
			ul -= 6;
		for (i = 0; i < ul && (isxdigit((unsigned char)u[i]) || u[i] == '-' || u[i] == '_'); i++)
			;
		if (i == ul && ul >= 8) {
			o->pod = u, o->podlen = ul;
			return true;
		}
	}
	return false;
}

static void component(struct owner *o, const char *c, size_t n, const char *parent, size_t pn)
{
	static const struct { const char *prefix, *runtime; } rt[] = {
		{ "docker-", "docker" }, { "cri-containerd-", "containerd" }, { "crio-", "cri-o" },
		{ "libpod-", "podman" },
	};
	const char *p;
	size_t hl;

	for (size_t i = 0; i < sizeof(rt) / sizeof(rt[0]); i++)
		if ((p = prefixed_id(c, n, rt[i].prefix))) {
			o->runtime = rt[i].runtime, o->id = p;
			return;
		}
	if (pod_component(c, n, o))
		return;
	/* cgroupfs drivers: /docker/<id>, /containerd/<id>, /kubepods/.../pod<uid>/<id> */
	if (hex_id(c, &hl) && hl == n && parent) {
		o->id = c;
		o->runtime = pn == 6 && !strncmp(parent, "docker", 6) ? "docker" :
			     pn == 10 && !strncmp(parent, "containerd", 10) ? "containerd" : NULL;
		return;
	}
	if ((n > 8 && !strncmp(c + n - 8, ".service", 8)) || (n > 6 && !strncmp(c + n - 6, ".scope", 6)))
		o->unit = c, o->unitlen = n;
}

int cgroup_owner_name(const char *path, char *out, size_t size)
{
	struct owner o = { 0 };
	const char *c = path, *parent = NULL;
	size_t pn = 0;

	out[0] = '\0';
	while (c && *c) {
		const char *e;
		size_t n;

		while (*c == '/')
			c++;
		e = strchr(c, '/');
		n = e ? (size_t)(e - c) : strlen(c);
		if (n)
			component(&o, c, n, parent, pn);
		parent = c, pn = n;
		c = e;
	}
	if (o.pod && o.id)
		snprintf(out, size, "kubernetes pod %.*s container %.12s", (int)o.podlen, o.pod, o.id);
	else if (o.id && o.runtime)
		snprintf(out, size, "%s container %.12s", o.runtime, o.id);
	else if (o.id)	/* a runtime this does not know */
		snprintf(out, size, "container %.12s", o.id);
	else if (o.unit)
		snprintf(out, size, "systemd unit %.*s", (int)o.unitlen, o.unit);
	else
		return -1;
	return 0;
}

void finding_cgroup(struct finding *f, const char *path)
{
	char owner[160];

	if (!path || !path[0] || !strcmp(path, "/"))
		return;
	for (int i = 0; i < f->nevidence; i++)
		if (strstr(f->evidence[i], path))
			return;
	if (cgroup_owner_name(path, owner, sizeof(owner)) == 0)
		finding_evidence(f, "pid %d runs in cgroup %s (%s)", f->pid, path, owner);
	else
		finding_evidence(f, "pid %d runs in cgroup %s", f->pid, path);
}
