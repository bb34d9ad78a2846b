/* Cells of the interactive top: untrusted text through esc_term (no byte
 * can move the cursor or change colours) and cut to its cell's columns. */
#include <curses.h>
#include <string.h>

#include "core/escape.h"
#include "tui/tui_priv.h"

/* Bytes of s (already safe: printable ASCII and escaped UTF-8) that fit in w
 * columns, one column a character. */
static size_t fit(const char *s, size_t len, int w)
{
	size_t i = 0;
	int cols = 0;

	while (i < len) {
		size_t k = 1;

		while (i + k < len && ((unsigned char)s[i + k] & 0xC0) == 0x80)
			k++;
		if (cols + 1 > w)
			break;
		cols++;
		i += k;
	}
	return i;
}

/* Write n bytes at (y, x), a control byte (there should be none) as '?'. */
static void put_bytes(int y, int x, const char *s, size_t n)
{
	char buf[1024];

	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		buf[i] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	buf[n] = '\0';
	mvaddstr(y, x, buf);
}

int tui_put(int y, int x, const char *s, int w)
{
	char buf[1024];
	size_t n, k;

	if (w <= 0 || !s)
		return 0;
	n = esc_term(buf, sizeof(buf), s, strlen(s));
	k = fit(buf, n, w);
	put_bytes(y, x, buf, k);
	return (int)esc_term_width(buf, k);
}

int tui_put_plain(int y, int x, const char *s, int w)
{
	size_t k;

	if (w <= 0 || !s)
		return 0;
	k = fit(s, strlen(s), w);
	put_bytes(y, x, s, k);
	return (int)esc_term_width(s, k);
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
