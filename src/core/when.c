/* The time syntax of --from / --to (see when.h). */
#include "core/when.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define NS 1000000000ll

static const char when_forms[] =
	"use YYYY-MM-DD HH:MM[:SS], HH:MM[:SS], yesterday HH:MM, -2h, -30m, -90s or @EPOCH";

/* Digits: exactly n of them (n > 0) or 1..2 (n == 0) into *v; the rest in *end. */
static bool digits(const char *s, int n, int *v, const char **end)
{
	int k = 0, x = 0;

	while (isdigit((unsigned char)s[k]) && (n ? k < n : k < 2)) {
		x = x * 10 + (s[k] - '0');
		k++;
	}
	if (k == 0 || (n && k != n) || isdigit((unsigned char)s[k]))
		return false;
	*v = x;
	*end = s + k;
	return true;
}

/* "HH:MM[:SS]" filling tm; all of s. */
static bool clock_part(const char *s, struct tm *tm)
{
	int h, m, sec = 0;
	const char *e;

	if (!digits(s, 0, &h, &e) || *e != ':' || !digits(e + 1, 2, &m, &e))
		return false;
	if (*e == ':' && !digits(e + 1, 2, &sec, &e))
		return false;
	if (*e || h > 23 || m > 59 || sec > 59)
		return false;
	tm->tm_hour = h;
	tm->tm_min = m;
	tm->tm_sec = sec;
	return true;
}

/* mktime of tm (local), refusing a date it had to normalise (Feb 30). */
static bool local_time(struct tm *tm, int64_t *t_ns)
{
	struct tm want = *tm;

	tm->tm_isdst = -1;
	time_t t = mktime(tm);
	if (t == (time_t)-1 || tm->tm_mday != want.tm_mday || tm->tm_mon != want.tm_mon)
		return false;
	*t_ns = (int64_t)t * NS;
	return true;
}

/* -1h30m: the offset back from now, in seconds. */
static bool relative(const char *s, int64_t *secs)
{
	int64_t total = 0;

	if (!*s)
		return false;
	while (*s) {
		int64_t v = 0;
		int k = 0;
		while (isdigit((unsigned char)*s) && k < 9) {
			v = v * 10 + (*s++ - '0');
			k++;
		}
		if (k == 0 || isdigit((unsigned char)*s))
			return false;
		switch (*s++) {
		case 's': break;
		case 'm': v *= 60; break;
		case 'h': v *= 3600; break;
		case 'd': v *= 86400; break;
		default: return false;
		}
		total += v;
	}
	*secs = total;
	return true;
}

/* @SECONDS[.FRACTION] */
static bool epoch(const char *s, int64_t *t_ns)
{
	int64_t sec = 0, frac = 0, scale = NS;
	int k = 0;

	while (isdigit((unsigned char)*s) && k < 12) {
		sec = sec * 10 + (*s++ - '0');
		k++;
	}
	if (k == 0)
		return false;
	if (*s == '.') {
		s++;
		for (k = 0; isdigit((unsigned char)*s) && k < 9; k++) {
			scale /= 10;
			frac += (*s++ - '0') * scale;
		}
		if (k == 0)
			return false;
	}
	if (*s)
		return false;
	*t_ns = sec * NS + frac;
	return true;
}

/* "YYYY-MM-DD[( |T)HH:MM[:SS]]" */
static bool date_time(const char *s, int64_t *t_ns)
{
	struct tm tm = { 0 };
	int y, mo, d;
	const char *e;

	if (!digits(s, 4, &y, &e) || *e != '-' || !digits(e + 1, 2, &mo, &e) || *e != '-' ||
	    !digits(e + 1, 2, &d, &e) || mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1970)
		return false;
	if (*e == ' ' || *e == 'T') {
		if (!clock_part(e + 1, &tm))
			return false;
	} else if (*e) {
		return false;
	}
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	return local_time(&tm, t_ns);
}

/* "[today |yesterday ]HH:MM[:SS]", "yesterday", "today": on now's date. */
static bool day_clock(const char *s, time_t now, int64_t *t_ns)
{
	struct tm tm;
	int back = 0;

	localtime_r(&now, &tm);
	if (strncmp(s, "yesterday", 9) == 0) {
		back = 1;
		s += 9;
	} else if (strncmp(s, "today", 5) == 0) {
		s += 5;
	} else if (!isdigit((unsigned char)*s)) {
		return false;
	}
	if (*s == ' ') {
		while (*s == ' ')
			s++;
		if (!clock_part(s, &tm))
			return false;
	} else if (*s == '\0' && !isdigit((unsigned char)s[-1])) {	/* "yesterday", "today" */
		tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	} else if (!clock_part(s, &tm)) {
		return false;
	}
	tm.tm_mday -= back;
	tm.tm_isdst = -1;
	/* mktime normalises the 0th of a month; a clock time a DST change
	 * skipped comes out as mktime(3) places it. */
	time_t t = mktime(&tm);
	if (t == (time_t)-1)
		return false;
	*t_ns = (int64_t)t * NS;
	return true;
}

int when_parse(const char *s, time_t now, int64_t *t_ns, char *why, size_t whysz)
{
	int64_t secs;
	bool ok;

	if (!s) {
		ok = false;
	} else if (strcmp(s, "now") == 0) {
		*t_ns = (int64_t)now * NS;
		ok = true;
	} else if (s[0] == '-') {
		ok = relative(s + 1, &secs);
		if (ok)
			*t_ns = ((int64_t)now - secs) * NS;
	} else if (s[0] == '@') {
		ok = epoch(s + 1, t_ns);
	} else if (strlen(s) >= 10 && s[4] == '-') {
		ok = date_time(s, t_ns);
	} else {
		ok = day_clock(s, now, t_ns);
	}
	if (!ok) {
		if (why && whysz)
			snprintf(why, whysz, "unknown time '%.64s': %s", s ? s : "", when_forms);
		return -EINVAL;
	}
	return 0;
}

int when_window(const char *from, const char *to, time_t now, int64_t *from_ns, int64_t *to_ns,
		char *why, size_t whysz)
{
	char w[200];

	*from_ns = INT64_MIN;
	*to_ns = (int64_t)now * NS;
	if (from && when_parse(from, now, from_ns, w, sizeof(w)) != 0) {
		snprintf(why, whysz, "--from: %s", w);
		return -EINVAL;
	}
	if (to && when_parse(to, now, to_ns, w, sizeof(w)) != 0) {
		snprintf(why, whysz, "--to: %s", w);
		return -EINVAL;
	}
	if (*from_ns > *to_ns) {
		snprintf(why, whysz, "--from %.64s is after --to %.64s", from, to ? to : "now");
		return -EINVAL;
	}
	return 0;
}
