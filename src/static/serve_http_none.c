/* The HTTP half of triage serve for the static binary (make static): the
 * static libmicrohttpd needs GnuTLS's dependencies, which Debian ships only
 * as shared libraries, so triage-static has no HTTP server; --textfile and
 * every other command work. Linked instead of src/cmd/serve_http.c. */
#include "cmd/serve.h"

#include <errno.h>

#include "core/err.h"

static void say(void)
{
	err_msg("serve", "this static binary has no HTTP server (libmicrohttpd needs shared libraries): "
		"use --textfile DIR, or the dynamically linked triage");
}

int serve_listen(const char *spec)
{
	(void)spec;
	say();
	return -EPROTONOSUPPORT;
}

struct serve_http *serve_http_start(int fd, struct serve_pub *p)
{
	(void)fd;
	(void)p;
	say();
	return NULL;
}

void serve_http_stop(struct serve_http *h)
{
	(void)h;
}
