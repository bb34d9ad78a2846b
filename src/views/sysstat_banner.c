#include "views/sysstat_banner.h"

#include <string.h>

#include "core/escape.h"

static void put(FILE *f, const char *s)
{
	esc_term_fputs(f, s, strlen(s));
}

void sysstat_banner_print(FILE *f, const struct sysstat_banner *b)
{
	struct tm tm;
	char date[32];

	localtime_r(&b->when, &tm);
	strftime(date, sizeof(date), "%m/%d/%y", &tm);
	put(f, b->k->ostype);
	fputc(' ', f);
	put(f, b->k->osrelease);
	fputs(" (", f);
	put(f, b->k->hostname);
	fprintf(f, ") \t%s \t_", date);
	put(f, b->k->arch);
	fprintf(f, "_\t(%d CPU)\n", b->ncpu);
}

void sysstat_banner_json(struct json *j, const struct sysstat_banner *b)
{
	struct tm tm;
	char date[32];

	localtime_r(&b->when, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	json_obj_begin(j, "host");
	json_str(j, "sysname", b->k->ostype);
	json_str(j, "release", b->k->osrelease);
	json_str(j, "nodename", b->k->hostname);
	json_str(j, "machine", b->k->arch);
	if (b->ncpu > 0)
		json_int(j, "number_of_cpus", b->ncpu);
	else
		json_null(j, "number_of_cpus");
	json_str(j, "date", date);
	json_obj_end(j);
}

void sysstat_time_hms(time_t t, char *buf, size_t size)
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, size, "%H:%M:%S", &tm);
}

void sysstat_time_iso(time_t t, char *buf, size_t size)
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%S%z", &tm);
}
