#include "sources/psi.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const psi_names[PSI__COUNT] = {
	[PSI_CPU] = "cpu",
	[PSI_MEMORY] = "memory",
	[PSI_IO] = "io",
	[PSI_IRQ] = "irq",
};

/* One "avgN=x" or "total=N" token: key must match, value follows '='. */
static int field(const char **p, const char *key, double *d, uint64_t *u)
{
	size_t kl = strlen(key);
	char *end;

	while (**p == ' ')
		(*p)++;
	if (strncmp(*p, key, kl) != 0 || (*p)[kl] != '=')
		return -EINVAL;
	*p += kl + 1;
	if (d)
		*d = strtod(*p, &end);
	else
		*u = strtoull(*p, &end, 10);
	if (end == *p || (*end != ' ' && *end != '\n' && *end != '\0'))
		return -EINVAL;
	*p = end;
	return 0;
}

static int parse_line(const char *p, struct psi_line *l)
{
	memset(l, 0, sizeof(*l));
	if (field(&p, "avg10", &l->avg10, NULL) || field(&p, "avg60", &l->avg60, NULL) ||
	    field(&p, "avg300", &l->avg300, NULL) || field(&p, "total", NULL, &l->total_us))
		return -EINVAL;
	if (l->avg10 < 0 || l->avg60 < 0 || l->avg300 < 0)
		return -EINVAL;
	l->present = true;
	return 0;
}

int psi_parse(const char *buf, size_t len, struct psi *out)
{
	const char *p = buf, *end = buf + len;
	int lines = 0;

	memset(out, 0, sizeof(*out));
	while (p < end && *p) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		int err = 0;

		if (!strncmp(p, "some ", 5)) {
			err = parse_line(p + 5, &out->some);
			lines++;
		} else if (!strncmp(p, "full ", 5)) {
			err = parse_line(p + 5, &out->full);
			lines++;
		}
		if (err)
			return err;
		if (!nl)
			break;
		p = nl + 1;
	}
	return lines ? 0 : -EINVAL;
}

int psi_read_file(const struct root *r, enum root_dir d, const char *rel, struct psi *out)
{
	char buf[512];
	ssize_t n = root_read(r, d, rel, buf, sizeof(buf));

	if (n < 0)
		return (int)n;
	return psi_parse(buf, (size_t)n, out);
}

int psi_read_host(const struct root *r, struct psi_host *out)
{
	char rel[64];
	int ok = 0;

	memset(out, 0, sizeof(*out));
	for (int i = 0; i < PSI__COUNT; i++) {
		snprintf(rel, sizeof(rel), "pressure/%s", psi_names[i]);
		out->err[i] = psi_read_file(r, ROOT_PROC, rel, &out->res[i]);
		ok += out->err[i] == 0;
	}
	return ok ? 0 : out->err[PSI_CPU];
}

const char *psi_strerror(enum psi_resource res, int err)
{
	switch (err) {
	case 0:
		return "ok";
	case -ENOENT:
		if (res == PSI_IRQ)
			return "no irq pressure in this kernel (needs 6.1+ with CONFIG_IRQ_TIME_ACCOUNTING)";
		return "PSI not available in this kernel (no pressure file: CONFIG_PSI=n or psi=0)";
	case -EOPNOTSUPP:
		return "PSI disabled (psi=0 on the kernel command line, or cgroup.pressure=0)";
	case -EACCES:
	case -EPERM:
		return "permission denied";
	case -EINVAL:
		return "unexpected format";
	default:
		return strerror(-err);
	}
}
