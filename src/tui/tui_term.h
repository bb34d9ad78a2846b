/* Can the terminal on stdout address the cursor (terminfo's cup)? Not for
 * TERM=dumb or an unknown TERM: top writes batch frames then. */
#ifndef TRIAGE_TUI_TUI_TERM_H
#define TRIAGE_TUI_TUI_TERM_H

#include <stdbool.h>

bool tui_usable(void);

#endif
