/* escape.h — text from the logs made safe for each output: Markdown, XML
 * (page, charts, workbook) and JSON strings; UTF-8 cut between characters.
 * Each function appends to a caller's tp_buf and allocates nothing else. */
#ifndef TP_ESCAPE_H
#define TP_ESCAPE_H

#include "buf.h"

#include <stdint.h>

/* Appends s as Markdown inline text that renders (in a paragraph, heading
 * or GFM table cell) to s with white-space runs collapsed and trimmed:
 * every ASCII punctuation character is backslash-escaped, so no text can
 * break a table, start a block, make a link, emphasis, an entity or HTML. */
void tp_md_escape(tp_buf *b, const char *s);
/* Appends s with & < > " ' as character references (HTML and XML) and
 * every character XML 1.0 cannot hold as U+FFFD (see tp_xml_text). */
void tp_xml_escape(tp_buf *b, const char *s);
/* Appends s[0..len) with every character XML 1.0 cannot hold -- a C0
 * control but tab, newline and carriage return, U+FFFE, U+FFFF, a byte
 * that is not UTF-8 (each byte) -- written as U+FFFD; the rest unchanged.
 * Every XML writer (page, charts, workbook) puts log text through it. */
void tp_xml_text(tp_buf *b, const char *s, size_t len);
/* True when XML 1.0 can hold every character of s[0..len). */
bool tp_xml_clean(const char *s, size_t len);

#define TP_ELLIPSIS "\xE2\x80\xA6" /* "…": the end of a cut text */

/* Bytes of the well-formed UTF-8 character that starts s[0..n) (n >= 1),
 * its code point in *cp; 0 when none starts there: a stray continuation
 * byte, a cut or overlong sequence, a surrogate, a code point past
 * U+10FFFF. Reads no further than a byte that is not a continuation byte,
 * so n may be SIZE_MAX for NUL-terminated text. */
size_t tp_utf8_char(const unsigned char *s, size_t n, uint32_t *cp);
/* Bytes of the longest prefix of s holding at most max characters (with
 * utf16, as Excel counts: a character beyond the BMP counts two), cut
 * between characters, never inside one; *whole says whether it is all of s. */
size_t tp_utf8_prefix(const char *s, size_t max, bool utf16, bool *whole);
/* Appends s when it has at most max characters, else its first max - 1
 * characters and "…" (max characters in all), cut as tp_utf8_prefix. */
void tp_cut(tp_buf *b, const char *s, size_t max, bool utf16);
/* s ready for a part of a workbook: s itself when XML 1.0 can hold it and
 * it has at most max characters, else the text of tp_xml_text cut as
 * tp_cut, in scratch (overwritten; the caller frees it). NULL when out of
 * memory. libxlsxwriter writes what it is given: every text handed to it
 * goes through here. */
const char *tp_xml_fit(tp_buf *scratch, const char *s, size_t max, bool utf16);
/* True for the ASCII white space the escaper collapses. */
bool tp_is_space(int c);

/* Appends s as a JSON string ("null" for NULL): UTF-8 kept, quotes,
 * backslashes and control characters escaped. */
void tp_json_str(tp_buf *b, const char *s);

#endif
