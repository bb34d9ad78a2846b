#include "model/df.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

double df_pct_ceil(uint64_t part, uint64_t whole)
{
	/* coreutils df.c: pct = u100 / nonroot_total + (u100 % nonroot_total != 0) */
	if (whole == 0)
		return NAN;
	long double u100 = (long double)part * 100;
	return (double)ceill(u100 / (long double)whole);
}

/* Is mount i hidden by a later mount on the same mount point? */
static bool shadowed(const struct mountinfo *mi, size_t i)
{
	for (size_t j = i + 1; j < mi->n; j++)
		if (!strcmp(mountinfo_str(mi, mi->m[i].mnt), mountinfo_str(mi, mi->m[j].mnt)))
			return true;
	return false;
}

/* Another shown mount of the same device with a shorter mount point (or the
 * same length and earlier)? */
static bool duplicate(const struct mountinfo *mi, const bool *shown, size_t i)
{
	const struct mount_entry *a = &mi->m[i];
	size_t la = strlen(mountinfo_str(mi, a->mnt));

	for (size_t j = 0; j < mi->n; j++) {
		const struct mount_entry *b = &mi->m[j];
		if (j == i || !shown[j] || b->major != a->major || b->minor != a->minor)
			continue;
		size_t lb = strlen(mountinfo_str(mi, b->mnt));
		if (lb < la || (lb == la && j < i))
			return true;
	}
	return false;
}

static void fill(struct df_row *r, const struct mount_fs *fs)
{
	r->ok = fs->ok;
	if (!fs->ok)
		return;
	r->size_b = fs->blocks * fs->frsize;
	r->used_b = (fs->blocks >= fs->bfree ? fs->blocks - fs->bfree : 0) * fs->frsize;
	r->avail_b = fs->bavail * fs->frsize;
	r->use_pct = df_pct_ceil(r->used_b, r->used_b + r->avail_b);
	r->inodes = fs->files;
	r->ifree = fs->ffree;
	r->iused = fs->files >= fs->ffree ? fs->files - fs->ffree : 0;
	r->iuse_pct = df_pct_ceil(r->iused, r->inodes);
}

/* Sum deleted files per row, each (dev, inode) once. */
static void held(struct df_report *out, const struct mountinfo *mi, const struct fd_scan *fds)
{
	for (size_t k = 0; k < fds->ndels; k++) {
		const struct fd_deleted *d = &fds->dels[k];
		bool seen = false, matched = false;
		if (!d->have_stat)
			continue;
		for (size_t q = 0; q < k && !seen; q++)
			seen = fds->dels[q].have_stat && fds->dels[q].ino == d->ino &&
			       fds->dels[q].dev_major == d->dev_major && fds->dels[q].dev_minor == d->dev_minor;
		if (seen)
			continue;
		for (size_t i = 0; i < out->n; i++) {
			const struct mount_entry *m = &mi->m[out->rows[i].mount];
			if (m->major == d->dev_major && m->minor == d->dev_minor) {
				out->rows[i].held_b += d->size;
				out->rows[i].held_files++;
				matched = true;
				break;
			}
		}
		if (!matched)
			out->held_unmatched_b += d->size;
	}
}

int df_model(const struct mountinfo *mi, const struct fd_scan *fds, bool all, struct df_report *out)
{
	bool *shown = calloc(mi->n + 1, sizeof(*shown));

	memset(out, 0, sizeof(*out));
	out->rows = calloc(mi->n + 1, sizeof(*out->rows));
	if (!shown || !out->rows) {
		free(shown);
		free(out->rows);
		return -ENOMEM;
	}
	for (size_t i = 0; i < mi->n; i++) {
		const struct mount_entry *m = &mi->m[i];
		shown[i] = all || (!mountinfo_is_pseudo(mountinfo_str(mi, m->fstype)) &&
				   !shadowed(mi, i) && !(m->fs.ok && m->fs.blocks == 0));
	}
	for (size_t i = 0; i < mi->n && !all; i++)
		if (shown[i] && duplicate(mi, shown, i))
			shown[i] = false;
	/* Rows in mount order; a stacked mount point keeps the place of its
	 * first mount but shows the visible (last) one, as df lists them. */
	for (size_t i = 0; i < mi->n; i++) {
		size_t top = i;
		bool first = true;
		for (size_t j = 0; j < i && first; j++)
			first = strcmp(mountinfo_str(mi, mi->m[j].mnt), mountinfo_str(mi, mi->m[i].mnt)) != 0;
		if (!all) {
			if (!first)
				continue;
			for (size_t j = i + 1; j < mi->n; j++)
				if (!strcmp(mountinfo_str(mi, mi->m[j].mnt), mountinfo_str(mi, mi->m[i].mnt)))
					top = j;
		}
		if (!shown[top])
			continue;
		struct df_row *r = &out->rows[out->n++];
		r->mount = top;
		fill(r, &mi->m[top].fs);
	}
	if (fds)
		held(out, mi, fds);
	free(shown);
	return 0;
}

void df_report_free(struct df_report *r)
{
	free(r->rows);
	memset(r, 0, sizeof(*r));
}
