/* Cells of the interactive top: untrusted text through esc_term (no byte
 * can move the cursor or change colours) and cut to its cell's columns,
 * each character counted at its terminal width (wcwidth: a CJK character
 * takes two). A character the terminal cannot show in one known width (not
 * printable, or not UTF-8 terminal) is written as '?', so nothing is drawn
 * past the cell. */
#include <curses.h>
#include <langinfo.h>
#include <string.h>
#include <wchar.h>

#include "core/escape.h"
#include "tui/tui_priv.h"

/* Copy s into out (size bytes) keeping at most w columns; returns the
 * columns used. Input is escaped text: printable ASCII and valid UTF-8. */
static int fit(const char *s, size_t len, int w, char *out, size_t size)
{
	bool utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	size_t i = 0, o = 0;
	int cols = 0;

	while (i < len && o + 5 < size) {
		uint32_t cp = (unsigned char)s[i];
		int k = cp < 0x80 ? 1 : utf8_decode((const unsigned char *)s + i, len - i, &cp);
		int cw = cp < 0x20 || cp == 0x7f ? -1 : cp < 0x80 ? 1 : utf8 ? wcwidth((wchar_t)cp) : -1;

		if (k <= 0)
			k = 1, cw = -1;
		if (cw <= 0 || cw > 2)
			cw = 1;		/* shown as '?' */
		if (cols + cw > w)
			break;
		if (cw == 1 && (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && (!utf8 || wcwidth((wchar_t)cp) != 1)))) {
			out[o++] = '?';
		} else {
			memcpy(out + o, s + i, (size_t)k);
			o += (size_t)k;
		}
		cols += cw;
		i += (size_t)k;
	}
	out[o] = '\0';
	return cols;
}

int tui_put(int y, int x, const char *s, int w)
{
	char buf[1024], out[1024];
	size_t n;
	int cols;

	if (w <= 0 || !s)
		return 0;
	n = esc_term(buf, sizeof(buf), s, strlen(s));
	cols = fit(buf, n, w, out, sizeof(out));
	mvaddstr(y, x, out);
	return cols;
}

int tui_put_plain(int y, int x, const char *s, int w)
{
	char out[1024];
	int cols;

	if (w <= 0 || !s)
		return 0;
	cols = fit(s, strlen(s), w, out, sizeof(out));
	mvaddstr(y, x, out);
	return cols;
}

void tui_color_on(const struct tui *t, enum tui_color c)
{
	if (t->color && c != TC_NONE)
		attron(COLOR_PAIR(c));
}

void tui_color_off(const struct tui *t, enum tui_color c)
{
	if (t->color && c != TC_NONE)
		attroff(COLOR_PAIR(c));
}
