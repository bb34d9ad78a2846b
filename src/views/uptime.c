#include "views/uptime.h"

#include "core/json.h"

/* procps-ng 4.0 library/uptime.c: days, then "H:MM" or "M min", then users
 * ("user" unless more than one), then the three loads with two decimals. */
void uptime_print(FILE *f, const struct uptime_report *u)
{
	struct tm tm;
	long up = (long)u->up_s;
	long days = up / 86400, mins = up / 60, hours;

	hours = (mins / 60) % 24;
	mins %= 60;
	localtime_r(&u->now, &tm);
	fprintf(f, " %02d:%02d:%02d up ", tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (days)
		fprintf(f, "%ld %s, ", days, days > 1 ? "days" : "day");
	if (hours)
		fprintf(f, "%2ld:%02ld, ", hours, mins);
	else
		fprintf(f, "%ld min, ", mins);
	fprintf(f, "%2d %s,  load average: %.2f, %.2f, %.2f\n", u->users,
		u->users > 1 ? "users" : "user", u->load[0], u->load[1], u->load[2]);
}

static void part(FILE *f, long v, const char *unit, int *first)
{
	if (!v)
		return;
	fprintf(f, "%s%ld %s%s", *first ? "" : ", ", v, unit, v > 1 ? "s" : "");
	*first = 0;
}

void uptime_print_pretty(FILE *f, const struct uptime_report *u)
{
	long up = (long)u->up_s;
	int first = 1;

	fputs("up ", f);
	part(f, up / (86400L * 7), "week", &first);
	part(f, (up / 86400) % 7, "day", &first);
	part(f, (up / 3600) % 24, "hour", &first);
	part(f, (up / 60) % 60, "minute", &first);
	if (first)
		fputs("0 minutes", f);
	fputc('\n', f);
}

void uptime_print_since(FILE *f, const struct uptime_report *u)
{
	time_t boot = u->now - (time_t)u->up_s;
	struct tm tm;
	char s[64];

	localtime_r(&boot, &tm);
	strftime(s, sizeof(s), "%Y-%m-%d %H:%M:%S", &tm);
	fprintf(f, "%s\n", s);
}

void uptime_print_json(FILE *f, const struct uptime_report *u)
{
	struct json j;

	json_init(&j, f, true);
	json_obj_begin(&j, NULL);
	json_int(&j, "time", (long long)u->now);
	json_double(&j, "uptime_s", u->up_s, 2);
	json_int(&j, "users", u->users);
	json_double(&j, "load1", u->load[0], 2);
	json_double(&j, "load5", u->load[1], 2);
	json_double(&j, "load15", u->load[2], 2);
	json_uint(&j, "runnable", u->running);
	json_uint(&j, "tasks", u->tasks);
	json_obj_end(&j);
	json_end(&j);
}
