/* Private to cmd/serve*.c: `triage serve`'s published documents and its
 * HTTP side. The sampling loop (serve.c) builds each window's documents
 * (serve_window.c) and publishes them under a lock; the HTTP handlers
 * (serve_http.c, libmicrohttpd's own thread) only copy the bytes of the
 * last completed window, so a scrape costs no collection. */
#ifndef TRIAGE_CMD_SERVE_H
#define TRIAGE_CMD_SERVE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/opts.h"

struct serve_opts {
	struct common_opts co;
	const char *listen;		/* --listen ADDR:PORT */
	double interval;		/* -i seconds */
	const char *textfile;		/* --textfile DIR: write DIR/triage.prom, no HTTP */
	long top_procs;			/* --top-procs N */
	long count;			/* --count N windows then exit (tests), 0 forever */
};

/* One window's documents. */
struct serve_doc {
	char *om, *prom, *json;		/* OpenMetrics, Prometheus 0.0.4, the JSON report */
	size_t om_len, prom_len, json_len;
	double mono_s;			/* CLOCK_MONOTONIC when published */
};

struct serve_pub {
	pthread_mutex_t lock;
	struct serve_doc doc;		/* the last completed window; om NULL before the first */
	double interval;		/* for /healthz: stale after 3 intervals */
};

struct obs;
struct findings;
struct sample;

/* The documents of one judged window (expo + writers + the JSON report).
 * triage_only: leave out node_exporter's names (the textfile collector
 * rejects series its own collectors export). Returns 0 or -ENOMEM. */
int serve_render(struct serve_doc *d, const struct obs *o, struct findings *fs, const struct sample *newer,
		 const struct serve_opts *so, double collect_s, bool triage_only);
void serve_doc_free(struct serve_doc *d);

/* Replace the published documents with d (taken over; d is emptied). */
void serve_publish(struct serve_pub *p, struct serve_doc *d);

/* Parse "ADDR:PORT" / "[ADDR6]:PORT" and open a listening TCP socket.
 * Returns the fd, -EINVAL for a bad address (said: usage), other -errno
 * when it cannot be bound (said). */
int serve_listen(const char *spec);

struct serve_http;
/* Serve p on the listening socket fd (libmicrohttpd, its own thread).
 * NULL when it cannot start (said). */
struct serve_http *serve_http_start(int fd, struct serve_pub *p);
void serve_http_stop(struct serve_http *h);

double serve_mono_s(void);

/* DIR/triage.prom from d's 0.0.4 text, atomically (serve.c). 0 or -errno (said). */
int serve_write_textfile(const char *dir, const struct serve_doc *d);
/* --store: the windows from the recorder's samples (serve_store.c); the exit status. */
int serve_store_run(const struct serve_opts *so, struct serve_pub *pub);

#endif
