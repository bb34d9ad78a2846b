/* `triage serve`'s HTTP side (serve.h), on libmicrohttpd: one polling
 * thread of its own; the handler copies the published bytes under the
 * lock and nothing else. Only GET and HEAD (405 with Allow otherwise),
 * /metrics, /report, /healthz (404 elsewhere). Bounded: at most
 * SERVE_MAX_CONN connections, each closed after SERVE_TIMEOUT_S idle
 * seconds, each with SERVE_CONN_MEM bytes for its request (larger headers
 * get 431 from the library and the connection is closed).
 *
 * The library is opened with dlopen when serve starts, not linked: linked,
 * it loads and initialises GnuTLS at every start of every command (perf stat
 * -r 200 ./triage --version: 5.7 ms and 5.7 MB RSS linked, against 0.7 ms and
 * 1.9 MB opened on demand; bench/RESULTS.md). */
#include "cmd/serve.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/err.h"
#include "views/openmetrics.h"

#define SERVE_MAX_CONN 512
#define SERVE_TIMEOUT_S 10
#define SERVE_CONN_MEM (32 * 1024)

/* Debian's libmicrohttpd12; the -dev package's header gives the types. */
#define MHD_SONAME "libmicrohttpd.so.12"

static struct {
	void *dl;
	__typeof__(MHD_start_daemon) *start_daemon;
	__typeof__(MHD_stop_daemon) *stop_daemon;
	__typeof__(MHD_create_response_from_buffer) *create_response_from_buffer;
	__typeof__(MHD_add_response_header) *add_response_header;
	__typeof__(MHD_queue_response) *queue_response;
	__typeof__(MHD_destroy_response) *destroy_response;
	__typeof__(MHD_lookup_connection_value) *lookup_connection_value;
} mhd;

/* Open the library once; false (said) when it or a symbol is missing. */
static bool mhd_open(void)
{
	void *dl;

	if (mhd.dl)
		return true;
	dl = dlopen(MHD_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!dl) {
		err_msg("serve", "cannot load %s (%s): install Debian's libmicrohttpd12, or use --textfile DIR",
			MHD_SONAME, dlerror());
		return false;
	}
#define SYM(f) (*(void **)&mhd.f = dlsym(dl, "MHD_" #f)) != NULL
	if (!(SYM(start_daemon) && SYM(stop_daemon) && SYM(create_response_from_buffer) &&
	      SYM(add_response_header) && SYM(queue_response) && SYM(destroy_response) &&
	      SYM(lookup_connection_value))) {
#undef SYM
		err_msg("serve", "%s lacks a function serve needs (%s)", MHD_SONAME, dlerror());
		dlclose(dl);
		memset(&mhd, 0, sizeof(mhd));
		return false;
	}
	mhd.dl = dl;
	return true;
}

struct serve_http {
	struct MHD_Daemon *d;
	int fd;
};

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status, const char *ctype,
			     const char *body, size_t len, bool head)
{
	struct MHD_Response *r = mhd.create_response_from_buffer(len, (void *)(uintptr_t)body, MHD_RESPMEM_MUST_COPY);
	enum MHD_Result ret;

	(void)head;	/* the library leaves the body out of a HEAD reply */
	if (!r)
		return MHD_NO;
	mhd.add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
	mhd.add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
		mhd.add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
	ret = mhd.queue_response(c, status, r);
	mhd.destroy_response(r);
	return ret;
}

static bool wants_openmetrics(struct MHD_Connection *c)
{
	const char *a = mhd.lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT);

	return a && strstr(a, "application/openmetrics-text") != NULL;
}

/* The published document for url (copied under the lock), or a status. */
static enum MHD_Result serve_doc(struct MHD_Connection *c, struct serve_pub *p, const char *url, bool head)
{
	const char *text = "text/plain; charset=utf-8";
	enum MHD_Result ret;

	pthread_mutex_lock(&p->lock);
	const struct serve_doc *d = &p->doc;
	bool ready = d->prom != NULL;

	if (strcmp(url, "/healthz") == 0) {
		bool fresh = ready && serve_mono_s() - d->mono_s < 3 * p->interval + 5;

		ret = fresh ? reply(c, MHD_HTTP_OK, text, "ok\n", 3, head)
			    : reply(c, MHD_HTTP_SERVICE_UNAVAILABLE, text, ready ? "stale\n" : "starting\n",
				    ready ? 6 : 9, head);
	} else if (!ready) {
		static const char msg[] = "no window judged yet: the first one ends one interval after the start\n";

		ret = reply(c, MHD_HTTP_SERVICE_UNAVAILABLE, text, msg, sizeof(msg) - 1, head);
	} else if (strcmp(url, "/metrics") == 0) {
		ret = wants_openmetrics(c) ? reply(c, MHD_HTTP_OK, OPENMETRICS_CTYPE, d->om, d->om_len, head)
					   : reply(c, MHD_HTTP_OK, PROM004_CTYPE, d->prom, d->prom_len, head);
	} else {
		ret = reply(c, MHD_HTTP_OK, "application/json", d->json, d->json_len, head);
	}
	pthread_mutex_unlock(&p->lock);
	return ret;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			      const char *version, const char *upload_data, size_t *upload_data_size,
			      void **con_cls)
{
	static const char not_found[] = "not found: /metrics, /report or /healthz\n";
	static const char not_allowed[] = "only GET and HEAD\n";
	const char *text = "text/plain; charset=utf-8";
	bool head = strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;

	(void)version;
	(void)upload_data;
	(void)con_cls;
	*upload_data_size = 0;	/* a body is never read */
	if (!head && strcmp(method, MHD_HTTP_METHOD_GET) != 0)
		return reply(c, MHD_HTTP_METHOD_NOT_ALLOWED, text, not_allowed, sizeof(not_allowed) - 1, false);
	if (strcmp(url, "/metrics") != 0 && strcmp(url, "/report") != 0 && strcmp(url, "/healthz") != 0)
		return reply(c, MHD_HTTP_NOT_FOUND, text, not_found, sizeof(not_found) - 1, head);
	return serve_doc(c, cls, url, head);
}

/* "ADDR:PORT", "[ADDR6]:PORT", "localhost:PORT" into host and port. */
static int split(const char *spec, char *host, size_t hsz, char *port, size_t psz)
{
	const char *colon;
	size_t n;

	if (spec[0] == '[') {
		const char *end = strchr(spec, ']');

		if (!end || end[1] != ':')
			return -EINVAL;
		n = (size_t)(end - spec - 1);
		colon = end + 1;
		spec++;
	} else {
		colon = strrchr(spec, ':');
		if (!colon || strchr(spec, ':') != colon)
			return -EINVAL;
		n = (size_t)(colon - spec);
	}
	if (n == 0 || n >= hsz || strlen(colon + 1) >= psz)
		return -EINVAL;
	memcpy(host, spec, n);
	host[n] = '\0';
	snprintf(port, psz, "%s", colon + 1);
	if (strcmp(host, "localhost") == 0)
		snprintf(host, hsz, "127.0.0.1");
	return 0;
}

int serve_listen(const char *spec)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
				  .ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE };
	struct addrinfo *ai = NULL;
	char host[64], port[16];
	long pn;
	int fd, one = 1, err;

	if (split(spec, host, sizeof(host), port, sizeof(port)) || opt_parse_long(port, 1, 65535, &pn) ||
	    getaddrinfo(host, port, &hints, &ai) != 0 || !ai) {
		err_msg("serve", "bad --listen '%s' (ADDR:PORT with a numeric address, [ADDR6]:PORT, "
			"port 1-65535)", spec);
		return -EINVAL;
	}
	fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) || listen(fd, 128)) {
		err = -errno;
		err_errno("serve", err, "cannot listen on %s", spec);
		if (fd >= 0)
			close(fd);
		freeaddrinfo(ai);
		return err;
	}
	freeaddrinfo(ai);
	return fd;
}

struct serve_http *serve_http_start(int fd, struct serve_pub *p)
{
	struct serve_http *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	if (!mhd_open()) {
		free(h);
		return NULL;
	}
	h->fd = fd;
	h->d = mhd.start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO, 0,
				NULL, NULL, handle, p,
				MHD_OPTION_LISTEN_SOCKET, fd,
				MHD_OPTION_CONNECTION_LIMIT, (unsigned int)SERVE_MAX_CONN,
				MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)SERVE_TIMEOUT_S,
				MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVE_CONN_MEM,
				MHD_OPTION_END);
	if (!h->d) {
		err_msg("serve", "cannot start the HTTP server (libmicrohttpd)");
		free(h);
		return NULL;
	}
	return h;
}

void serve_http_stop(struct serve_http *h)
{
	if (!h)
		return;
	mhd.stop_daemon(h->d);
	close(h->fd);
	free(h);
}
