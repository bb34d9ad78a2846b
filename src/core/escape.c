#include "core/escape.h"

#include <string.h>

int utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c;
	int len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if ((size_t)len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* Characters a terminal must not receive raw. */
static int term_unsafe(uint32_t c)
{
	return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) ||
	       (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* Escape one character (or invalid byte when n == 0) into out; returns length. */
static size_t term_escape_one(char out[16], const unsigned char *s, int n, uint32_t c)
{
	static const char hex[] = "0123456789abcdef";

	if (n == 0) {
		out[0] = '\\';
		out[1] = 'x';
		out[2] = hex[s[0] >> 4];
		out[3] = hex[s[0] & 15];
		return 4;
	}
	if (c == '\\') {
		memcpy(out, "\\\\", 2);
		return 2;
	}
	if (!term_unsafe(c)) {
		memcpy(out, s, (size_t)n);
		return (size_t)n;
	}
	switch (c) {
	case '\n': memcpy(out, "\\n", 2); return 2;
	case '\t': memcpy(out, "\\t", 2); return 2;
	case '\r': memcpy(out, "\\r", 2); return 2;
	case 0x1b: memcpy(out, "\\e", 2); return 2;
	}
	if (c < 0x100) {
		out[0] = '\\';
		out[1] = 'x';
		out[2] = hex[c >> 4];
		out[3] = hex[c & 15];
		return 4;
	}
	return (size_t)snprintf(out, 16, "\\u{%04x}", (unsigned)c);
}

size_t esc_term(char *dst, size_t size, const char *src, size_t len)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t i = 0, o = 0;
	char tmp[16];

	if (size == 0)
		return 0;
	while (i < len) {
		uint32_t c = 0;
		int n = utf8_decode(s + i, len - i, &c);
		size_t k = term_escape_one(tmp, s + i, n, c);

		if (o + k > size - 1)
			break;
		memcpy(dst + o, tmp, k);
		o += k;
		i += n ? (size_t)n : 1;
	}
	dst[o] = '\0';
	return o;
}

void esc_term_fputs(FILE *f, const char *src, size_t len)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t i = 0;
	char tmp[16];

	while (i < len) {
		uint32_t c = 0;
		int n = utf8_decode(s + i, len - i, &c);

		size_t k = term_escape_one(tmp, s + i, n, c);

		fwrite(tmp, 1, k, f);
		i += n ? (size_t)n : 1;
	}
}

void esc_hex_fputs(FILE *f, const char *src, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)src;
	size_t i = 0;

	while (i < len) {
		uint32_t c = 0;
		int n = utf8_decode(s + i, len - i, &c);
		size_t k = n ? (size_t)n : 1;

		if (n && (c == '\t' || !term_unsafe(c))) {
			fwrite(s + i, 1, k, f);
		} else {
			for (size_t j = 0; j < k; j++) {
				char e[4] = { '\\', 'x', hex[s[i + j] >> 4], hex[s[i + j] & 15] };
				fwrite(e, 1, sizeof(e), f);
			}
		}
		i += k;
	}
}

void esc_csv_fputs(FILE *f, const char *src, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)src;
	size_t i = 0;

	fputc('"', f);
	while (i < len) {
		uint32_t c = 0;
		int n = utf8_decode(s + i, len - i, &c);
		size_t k = n ? (size_t)n : 1;

		if (n && c == '"') {
			fputs("\"\"", f);
		} else if (n && c != '\t' && !term_unsafe(c)) {
			fwrite(s + i, 1, k, f);
		} else {
			for (size_t j = 0; j < k; j++) {
				char e[4] = { '\\', 'x', hex[s[i + j] >> 4], hex[s[i + j] & 15] };
				fwrite(e, 1, sizeof(e), f);
			}
		}
		i += k;
	}
	fputc('"', f);
}

size_t esc_term_width(const char *src, size_t len)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t i = 0, w = 0;
	char tmp[16];

	while (i < len) {
		uint32_t c = 0;
		int n = utf8_decode(s + i, len - i, &c);
		size_t k = term_escape_one(tmp, s + i, n, c);

		/* A printable multi-byte character takes one column. */
		w += (n > 1 && !term_unsafe(c)) ? 1 : k;
		i += n ? (size_t)n : 1;
	}
	return w;
}

void esc_json_fputs(FILE *f, const char *src, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)src;
	size_t i = 0;

	fputc('"', f);
	while (i < len) {
		uint32_t c = 0;
		int n = utf8_decode(s + i, len - i, &c);

		if (n == 0) {
			/* Invalid byte: the text \xNN, as in the terminal. */
			fprintf(f, "\\\\x%c%c", hex[s[i] >> 4], hex[s[i] & 15]);
			i++;
			continue;
		}
		switch (c) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\t': fputs("\\t", f); break;
		case '\r': fputs("\\r", f); break;
		case '\b': fputs("\\b", f); break;
		case '\f': fputs("\\f", f); break;
		default:
			/* Controls, DEL, C1 and the line separators JavaScript
			 * chokes on are written as \u escapes. */
			if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) ||
			    c == 0x2028 || c == 0x2029)
				fprintf(f, "\\u%04x", (unsigned)c);
			else
				fwrite(s + i, 1, (size_t)n, f);
		}
		i += (size_t)n;
	}
	fputc('"', f);
}

void esc_xml_fputs(FILE *f, const char *src, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)src;
	size_t i = 0;

	while (i < len) {
		uint32_t c = 0;
		int n = utf8_decode(s + i, len - i, &c);

		if (n == 0) {
			fprintf(f, "\\x%c%c", hex[s[i] >> 4], hex[s[i] & 15]);
			i++;
			continue;
		}
		switch (c) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:
			/* XML 1.0 forbids most C0 controls even as references. */
			if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f ||
			    (c >= 0x80 && c <= 0x9f) || c == 0xfffe || c == 0xffff)
				fprintf(f, "\\x%02x", (unsigned)(c & 0xff));
			else
				fwrite(s + i, 1, (size_t)n, f);
		}
		i += (size_t)n;
	}
}
