/* Untrusted text stays text: the one escaping module.
 *
 * Process names, command lines, paths, cgroup and interface names, symbols and
 * kernel-log lines come from other users and may hold any byte. Every view
 * sends them through one of these before they reach a terminal, JSON or XML.
 *
 * Conventions, shared by all destinations:
 * - a byte that is not part of valid UTF-8 is written as the four characters
 *   \xNN (lower-case hex), so nothing is lost and the output stays valid;
 * - in the terminal, C0 controls, DEL, C1 controls (U+0080..U+009F), the
 *   bidirectional overrides (U+202A..U+202E, U+2066..U+2069) are written as
 *   \n \t \r \e or \xNN / \u{NNNN}, and a backslash is doubled, so the escape
 *   is reversible and no byte can move the cursor or change colours. */
#ifndef TRIAGE_CORE_ESCAPE_H
#define TRIAGE_CORE_ESCAPE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Decode one UTF-8 character from s (n bytes available). Returns its length
 * (1..4) and stores the code point, or 0 when the bytes are not valid UTF-8
 * (overlong forms, surrogates and values above U+10FFFF are invalid). */
int utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Escape len bytes of src for a terminal into dst (size bytes, always
 * NUL-terminated when size > 0). Stops at a character boundary when dst is
 * full. Returns the length written (without the NUL). */
size_t esc_term(char *dst, size_t size, const char *src, size_t len);

/* Same, writing to a stream. */
void esc_term_fputs(FILE *f, const char *s, size_t len);

/* The util-linux dmesg convention (kernel-log lines): every byte of a
 * character the terminal must not receive raw (as above, tab excepted) and
 * every byte not part of valid UTF-8 is written as \xNN; everything else,
 * backslash and tab included, is written raw. Not reversible (a literal
 * "\x1b" in the text looks the same as an escaped ESC), but no byte can move
 * the cursor. Newlines are escaped too: the caller splits lines first. */
void esc_hex_fputs(FILE *f, const char *s, size_t len);

/* Write s as a JSON string, with the quotes. */
void esc_json_fputs(FILE *f, const char *s, size_t len);

/* Write s escaped for XML/SVG/HTML text and attribute values: & < > " '
 * become entities, controls other than tab/newline become \xNN text. */
void esc_xml_fputs(FILE *f, const char *s, size_t len);

/* Printed width in terminal columns of a string once esc_term'd (one column a
 * character; good enough for names, which is what tables align). */
size_t esc_term_width(const char *s, size_t len);

/* A CSV field (RFC 4180): always quoted, '"' doubled; control bytes (tab
 * and newline included), bidi overrides and invalid UTF-8 as \xNN, so a
 * field is always one line of valid UTF-8. */
void esc_csv_fputs(FILE *f, const char *s, size_t len);

#endif
