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

/* one "N unit" of -p, comma-separated after the first */
static void part(FILE *f, int v, const char *unit, int *first)
{
	fprintf(f, "%s%d %s", *first ? "" : ", ", v, unit);
	*first = 0;
}

/* take whole UNIT-second pieces off *s when more than one is left (procps
 * compares with '>', so exactly one hour is still "60 minutes") */
static int take(double *s, double unit)
{
	int n = 0;

	if (*s > unit) {
		n = (int)(*s / unit);
		*s -= n * unit;
	}
	return n;
}

/* procps-ng 4.0 procps_uptime_sprint_short(): decades, years (365 days),
 * weeks, days and hours when non-zero ("s" when more than one), then the
 * minutes, printed even when 0 ("0 minutes"): "up 5 hours, 0 minutes". */
void uptime_print_pretty(FILE *f, const struct uptime_report *u)
{
	double s = u->up_s;
	int dec = take(&s, 86400.0 * 365 * 10), yr = take(&s, 86400.0 * 365), wk = take(&s, 86400.0 * 7);
	int d = take(&s, 86400.0), h = take(&s, 3600.0), m = take(&s, 60.0);
	int first = 1;

	fputs("up ", f);
	if (dec)
		part(f, dec, dec > 1 ? "decades" : "decade", &first);
	if (yr)
		part(f, yr, yr > 1 ? "years" : "year", &first);
	if (wk)
		part(f, wk, wk > 1 ? "weeks" : "week", &first);
	if (d)
		part(f, d, d > 1 ? "days" : "day", &first);
	if (h)
		part(f, h, h > 1 ? "hours" : "hour", &first);
	if (m || s < 60)
		part(f, m, m != 1 ? "minutes" : "minute", &first);
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
