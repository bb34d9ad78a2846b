/* triage history: what a flight-recorder store holds, as text or JSON. */
#ifndef TRIAGE_VIEWS_HISTORY_H
#define TRIAGE_VIEWS_HISTORY_H

#include <stdio.h>

#include "store/store.h"

/* Times in local time (TZ). dir is the store's path as given. */
void history_print(FILE *f, const char *dir, const struct store_hist *h);
void history_print_json(FILE *f, const char *dir, const struct store_hist *h);

#endif
