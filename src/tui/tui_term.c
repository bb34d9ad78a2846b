/* Whether the terminal can run the interactive top: terminfo's entry for
 * TERM must exist and address the cursor. Alone in its file: <term.h>
 * defines macros (lines, columns) that clash with ordinary names. */
#include <curses.h>
#include <term.h>
#include <unistd.h>

#include "tui/tui_term.h"

bool tui_usable(void)
{
	int e = 0;
	char cup[] = "cup";
	const char *c;
	bool ok;

	if (setupterm(NULL, STDOUT_FILENO, &e) != OK)
		return false;
	c = tigetstr(cup);
	ok = c && c != (char *)-1;
	del_curterm(cur_term);
	return ok;
}
