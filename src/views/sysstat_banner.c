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
	strftime(date, sizeof(date), b->date_fmt ? b->date_fmt : "%m/%d/%y", &tm);
	put(f, b->sysname);
	fputc(' ', f);
	put(f, b->release);
	fputs(" (", f);
	put(f, b->nodename);
	fprintf(f, ") \t%s \t_", date);
	put(f, b->machine);
	fprintf(f, "_\t(%d CPU)\n", b->ncpu);
}

void sysstat_banner_json(struct json *j, const char *command, const struct sysstat_banner *b)
{
	struct tm tm;
	char date[32];

	localtime_r(&b->when, &tm);
	strftime(date, sizeof(date), b->date_fmt ? b->date_fmt : "%Y-%m-%d", &tm);
	json_obj_begin(j, NULL);
	json_str(j, "command", command);
	json_str(j, "sysname", b->sysname);
	json_str(j, "release", b->release);
	json_str(j, "nodename", b->nodename);
	json_str(j, "machine", b->machine);
	if (b->ncpu > 0)
		json_int(j, "number_of_cpus", b->ncpu);
	else
		json_null(j, "number_of_cpus");
	json_str(j, "date", date);
}

void sysstat_banner_begin(FILE *f, struct json *j, const char *command,
			  const struct sysstat_banner *b)
{
	if (!j) {
		sysstat_banner_print(f, b);
		return;
	}
	sysstat_banner_json(j, command, b);
	json_arr_begin(j, "statistics");
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

void sysstat_time_date_hms(time_t t, char *buf, size_t size)
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, size, "%m/%d/%y %H:%M:%S", &tm);
}
