#include "core/sampler.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"

/* The one mutable global: set from a signal handler, read by the loop. */
static volatile sig_atomic_t sampler_stop;

static void on_signal(int sig)
{
	(void)sig;
	sampler_stop = 1;
}

bool sampler_interrupted(void)
{
	return sampler_stop != 0;
}

int sampler_open(struct sampler *s, const char *spec, const char **bad, char *badbuf, size_t badsz)
{
	const char *p;
	int n = 1, err;

	memset(s, 0, sizeof(*s));
	if (!spec || !*spec)
		spec = "/";
	for (p = spec; *p; p++)
		n += *p == ',';
	s->roots = calloc((size_t)n, sizeof(*s->roots));
	if (!s->roots)
		return -ENOMEM;
	p = spec;
	for (int i = 0; i < n; i++) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char dir[4096];

		snprintf(dir, sizeof(dir), "%.*s", (int)len, p);
		err = root_open(&s->roots[i], dir);
		if (err) {
			snprintf(badbuf, badsz, "%s", dir);
			*bad = badbuf;
			s->n = i + 1;
			sampler_close(s);
			return err;
		}
		s->n = i + 1;
		p = e ? e + 1 : p + len;
	}
	s->replay = n > 1;
	sampler_install_signals();
	return 0;
}

void sampler_install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

void sampler_close(struct sampler *s)
{
	for (int i = 0; i < s->n; i++)
		root_close(&s->roots[i]);
	free(s->roots);
	s->roots = NULL;
	s->n = 0;
}

const struct root *sampler_root(const struct sampler *s)
{
	return &s->roots[s->cur];
}

int sampler_left(const struct sampler *s)
{
	return s->replay ? s->n - 1 - s->cur : -1;
}

int sampler_wait(struct sampler *s, double interval)
{
	if (sampler_stop)
		return -EINTR;
	if (s->replay) {
		if (s->cur + 1 >= s->n)
			return -ENODATA;
		s->cur++;
		return 0;
	}
	if (!s->started) {
		clock_gettime(CLOCK_MONOTONIC, &s->next);
		s->started = true;
	}
	s->next.tv_sec += (time_t)interval;
	s->next.tv_nsec += (long)((interval - (double)(time_t)interval) * 1e9);
	if (s->next.tv_nsec >= 1000000000L) {
		s->next.tv_sec++;
		s->next.tv_nsec -= 1000000000L;
	}
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &s->next, NULL) == EINTR) {
		if (sampler_stop)
			return -EINTR;
	}
	return sampler_stop ? -EINTR : 0;
}

int sampler_open_cmd(struct sampler *s, const char *cmd, const char *spec)
{
	const char *bad = NULL;
	char badbuf[4096];
	int err = sampler_open(s, spec, &bad, badbuf, sizeof(badbuf));

	if (err)
		err_errno(cmd, err, "cannot open root '%s'", bad);
	return err;
}

int sampler_open_last(struct sampler *s, const char *cmd, const char *spec)
{
	int err = sampler_open_cmd(s, cmd, spec);

	while (!err && sampler_left(s) > 0)
		sampler_wait(s, 0);
	return err;
}
