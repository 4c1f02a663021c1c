/* escape.c — text from the logs made safe for each output, in one place:
 * Markdown (tp_md_escape), XML 1.0 for the page, the SVG charts and the
 * workbook's parts (tp_xml_*; what XML forbids replaced, cuts between
 * characters), and JSON strings (tp_json_str). Messages are escaped by
 * diag.c, which writes them. */
#include "buf.h"
#include "escape.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------- escaping */

bool tp_is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool S_is_ascii_punct(int c)
{
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
           (c >= '{' && c <= '~');
}

void tp_md_escape(tp_buf *b, const char *s)
{
    bool pending_space = false, started = false;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (tp_is_space(*p)) {
            pending_space = started;
            continue;
        }
        if (pending_space)
            tp_buf_put(b, " ", 1);
        pending_space = false;
        started = true;
        /* "\|" is also what a GFM table wants for a pipe inside a cell. */
        if (S_is_ascii_punct(*p))
            tp_buf_put(b, "\\", 1);
        tp_buf_put(b, (const char *)p, 1);
    }
}

/* ------------------------------------------------------------ XML text */

#define S_REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

size_t tp_utf8_char(const unsigned char *s, size_t n, uint32_t *cp)
{
    static const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    unsigned char c = s[0];
    size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (!len || len > n)
        return 0;
    uint32_t v = len == 1 ? c : c & (0x7Fu >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = v << 6 | (s[i] & 0x3Fu);
    }
    if (len > 1 && (v < least[len] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)))
        return 0;
    *cp = v;
    return len;
}

/* Bytes of the character at s[0..n) (1 for a byte that is not UTF-8);
 * *ok says whether XML 1.0 can hold it: C0 controls but tab, newline and
 * carriage return, U+FFFE, U+FFFF and bytes that are not UTF-8 it cannot. */
static size_t S_xml_char(const unsigned char *s, size_t n, bool *ok)
{
    *ok = true;
    if (*s >= 0x20 && *s < 0x80)
        return 1;
    uint32_t cp = 0;
    size_t len = tp_utf8_char(s, n, &cp);
    *ok = len && (cp >= 0x20 || cp == '\t' || cp == '\n' || cp == '\r') && cp != 0xFFFE && cp != 0xFFFF;
    return len ? len : 1;
}

bool tp_xml_clean(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    bool ok = true;
    while (p < end && ok)
        p += S_xml_char(p, (size_t)(end - p), &ok);
    return ok;
}

void tp_xml_text(tp_buf *b, const char *s, size_t len)
{
    const char *run = s, *end = s + len;
    for (const char *p = s; p < end;) {
        bool ok;
        size_t k = S_xml_char((const unsigned char *)p, (size_t)(end - p), &ok);
        p += k;
        if (ok)
            continue;
        tp_buf_put(b, run, (size_t)(p - k - run));
        tp_buf_puts(b, S_REPLACEMENT);
        run = p;
    }
    tp_buf_put(b, run, (size_t)(end - run));
}

void tp_xml_escape(tp_buf *b, const char *s)
{
    const char *run = s ? s : "";
    for (const char *p = run; *p;) {
        const char *ref = NULL;
        bool ok;
        size_t k = 1;
        switch (*p) {
        case '&': ref = "&amp;"; break;
        case '<': ref = "&lt;"; break;
        case '>': ref = "&gt;"; break;
        case '"': ref = "&quot;"; break;
        case '\'': ref = "&#39;"; break;
        default:
            k = S_xml_char((const unsigned char *)p, SIZE_MAX, &ok);
            if (ok) {
                p += k;
                continue;
            }
            ref = S_REPLACEMENT;
        }
        tp_buf_put(b, run, (size_t)(p - run));
        tp_buf_puts(b, ref);
        run = p += k;
    }
    tp_buf_puts(b, run);
}

/* ------------------------------------------------------------ cutting text */

size_t tp_utf8_prefix(const char *s, size_t max, bool utf16, bool *whole)
{
    size_t i = 0, units = 0;
    while (s[i]) {
        unsigned char c = (unsigned char)s[i];
        size_t seq = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4, k = 1;
        while (k < seq && ((unsigned char)s[i + k] & 0xC0) == 0x80)
            k++;
        size_t u = utf16 && k == 4 ? 2 : 1; /* beyond the BMP: a surrogate pair */
        if (units + u > max) {
            *whole = false;
            return i;
        }
        units += u;
        i += k;
    }
    *whole = true;
    return i;
}

void tp_cut(tp_buf *b, const char *s, size_t max, bool utf16)
{
    bool whole;
    size_t n = tp_utf8_prefix(s, max, utf16, &whole);
    if (!whole && max > 0)
        n = tp_utf8_prefix(s, max - 1, utf16, &whole);
    tp_buf_put(b, s, n);
    if (!whole && max > 0)
        tp_buf_puts(b, TP_ELLIPSIS);
}

const char *tp_xml_fit(tp_buf *scratch, const char *s, size_t max, bool utf16)
{
    bool whole;
    size_t len = strlen(s);
    if (tp_xml_clean(s, len) && (tp_utf8_prefix(s, max, utf16, &whole), whole))
        return s;
    tp_buf clean;
    tp_buf_init(&clean);
    tp_xml_text(&clean, s, len);
    scratch->len = 0;
    tp_cut(scratch, clean.data ? clean.data : "", max, utf16);
    bool nomem = clean.nomem || scratch->nomem;
    tp_buf_free(&clean);
    return nomem ? NULL : scratch->data ? scratch->data : "";
}

/* ----------------------------------------------------------------- JSON */

void tp_json_str(tp_buf *b, const char *s)
{
    if (!s) {
        tp_buf_puts(b, "null");
        return;
    }
    tp_buf_put(b, "\"", 1);
    const char *run = s;
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch >= 0x20 && ch != '"' && ch != '\\')
            continue;
        tp_buf_put(b, run, (size_t)(s - run));
        if (ch == '"')
            tp_buf_puts(b, "\\\"");
        else if (ch == '\\')
            tp_buf_puts(b, "\\\\");
        else if (ch == '\n')
            tp_buf_puts(b, "\\n");
        else if (ch == '\t')
            tp_buf_puts(b, "\\t");
        else if (ch == '\r')
            tp_buf_puts(b, "\\r");
        else
            tp_buf_printf(b, "\\u%04x", ch);
        run = s + 1;
    }
    tp_buf_put(b, run, (size_t)(s - run));
    tp_buf_put(b, "\"", 1);
}
