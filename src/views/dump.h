/* `triage dump`'s writers: CSV (one group: a header of its column keys,
 * then "time,instance,..." rows) and JSON (one document: {"rows": [{"time",
 * "group", "instance", the group's keys...}]}), over the columns of
 * model/dump.h described with views/cols.h. */
#ifndef TRIAGE_VIEWS_DUMP_H
#define TRIAGE_VIEWS_DUMP_H

#include <stdio.h>
#include <time.h>

#include "core/json.h"
#include "model/dump.h"

void dump_csv_header(FILE *f, enum dump_group g);
void dump_csv_row(FILE *f, time_t t, const struct dump_row *r);
void dump_json_begin(struct json *j);
void dump_json_row(struct json *j, time_t t, const struct dump_row *r);
void dump_json_end(struct json *j);

#endif
