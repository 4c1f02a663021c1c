/* xmlcheck.h — a small XML 1.0 well-formedness checker, a reader of the
 * parts of a zip file (zlib) and a check of the HTML page, for the fuzz
 * harnesses (and tests/test_xmlcheck.c, which checks the checker).
 *
 * Well-formed here is XML 1.0 without a DTD: one root element, tags that
 * nest and match, attributes quoted and not repeated, no '<' in a value,
 * every '&' a predefined entity or a character reference to a legal
 * character, comments without "--", CDATA sections, processing
 * instructions, and every character legal (UTF-8; no C0 control but tab,
 * newline and CR; no U+FFFE, U+FFFF). Namespaces are not checked.
 *
 * Everything is static: include it once per program. Each check returns
 * true when the text passes, else false with a reason in err. */
#ifndef XMLCHECK_H
#define XMLCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define XC_ERR 160

typedef struct {
    const unsigned char *s;
    size_t n, i;
    char *err;
} xc_in;

static bool xc_fail(xc_in *x, const char *what)
{
    snprintf(x->err, XC_ERR, "%s at byte %zu", what, x->i);
    return false;
}

/* The code point at x->i (advanced past it), or -1 for bytes that are
 * not UTF-8 or a character XML 1.0 cannot hold. */
static long xc_char(xc_in *x)
{
    const unsigned char *s = x->s + x->i;
    size_t left = x->n - x->i;
    unsigned c = s[0];
    size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (!len || len > left)
        return -1;
    unsigned long v = len == 1 ? c : c & (0x7Fu >> len);
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return -1;
        v = v << 6 | (s[k] & 0x3Fu);
    }
    static const unsigned long least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (len > 1 && v < least[len])
        return -1;
    bool legal = v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) ||
                 (v >= 0x10000 && v <= 0x10FFFF);
    if (!legal)
        return -1;
    x->i += len;
    return (long)v;
}

static bool xc_at(const xc_in *x, const char *lit)
{
    size_t k = strlen(lit);
    return x->n - x->i >= k && memcmp(x->s + x->i, lit, k) == 0;
}

static bool xc_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static void xc_skip_space(xc_in *x)
{
    while (x->i < x->n && xc_space(x->s[x->i]))
        x->i++;
}

static bool xc_name_start(long c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
           (c >= 0xC0 && c != 0xD7 && c != 0xF7 && !(c >= 0x300 && c <= 0x36F) && c != 0x37E &&
            !(c >= 0x2000 && c <= 0x206F && c != 0x200C && c != 0x200D) && !(c >= 0x2190 && c <= 0x2BFF));
}

static bool xc_name_char(long c)
{
    return xc_name_start(c) || c == '-' || c == '.' || (c >= '0' && c <= '9') || c == 0xB7 ||
           (c >= 0x300 && c <= 0x36F) || c == 0x203F || c == 0x2040;
}

/* A Name at x->i: its start and length. */
static bool xc_name(xc_in *x, size_t *start, size_t *len)
{
    *start = x->i;
    if (x->i >= x->n)
        return xc_fail(x, "a name expected");
    long c = xc_char(x);
    if (c < 0 || !xc_name_start(c)) {
        x->i = *start;
        return xc_fail(x, "a name expected");
    }
    for (;;) {
        size_t here = x->i;
        if (x->i >= x->n)
            break;
        c = xc_char(x);
        if (c < 0 || !xc_name_char(c)) {
            x->i = here;
            break;
        }
    }
    *len = x->i - *start;
    return true;
}

/* "&...;" at x->i: a predefined entity or a reference to a legal character. */
static bool xc_reference(xc_in *x)
{
    x->i++; /* '&' */
    static const char *const ents[] = {"amp;", "lt;", "gt;", "quot;", "apos;"};
    for (size_t k = 0; k < 5; k++)
        if (xc_at(x, ents[k])) {
            x->i += strlen(ents[k]);
            return true;
        }
    if (!xc_at(x, "#"))
        return xc_fail(x, "an entity other than the five predefined");
    x->i++;
    bool hex = xc_at(x, "x");
    x->i += hex;
    unsigned long v = 0;
    size_t digits = 0;
    while (x->i < x->n && x->s[x->i] != ';') {
        int c = x->s[x->i], d = c >= '0' && c <= '9' ? c - '0'
                              : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                              : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return xc_fail(x, "a bad character reference");
        v = v * (hex ? 16 : 10) + (unsigned long)d;
        if (v > 0x10FFFF)
            return xc_fail(x, "a character reference past U+10FFFF");
        digits++;
        x->i++;
    }
    if (!digits || x->i >= x->n)
        return xc_fail(x, "a bad character reference");
    x->i++;
    bool legal = v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) ||
                 (v >= 0x10000 && v <= 0x10FFFF);
    return legal ? true : xc_fail(x, "a reference to a character XML cannot hold");
}

/* Legal characters up to the terminator lit (consumed); false at the end. */
static bool xc_until(xc_in *x, const char *lit, const char *what)
{
    while (!xc_at(x, lit)) {
        if (x->i >= x->n)
            return xc_fail(x, what);
        if (xc_char(x) < 0)
            return xc_fail(x, "a character XML cannot hold");
    }
    x->i += strlen(lit);
    return true;
}

static bool xc_comment(xc_in *x)
{
    x->i += 4; /* "<!--" */
    while (!xc_at(x, "--")) {
        if (x->i >= x->n)
            return xc_fail(x, "an unclosed comment");
        if (xc_char(x) < 0)
            return xc_fail(x, "a character XML cannot hold");
    }
    if (!xc_at(x, "-->"))
        return xc_fail(x, "\"--\" inside a comment");
    x->i += 3;
    return true;
}

static bool xc_pi(xc_in *x)
{
    x->i += 2; /* "<?" */
    size_t start, len;
    if (!xc_name(x, &start, &len))
        return false;
    if (len == 3 && (x->s[start] | 0x20) == 'x' && (x->s[start + 1] | 0x20) == 'm' && (x->s[start + 2] | 0x20) == 'l')
        return xc_fail(x, "an XML declaration not at the start");
    return xc_until(x, "?>", "an unclosed processing instruction");
}

/* Comments, processing instructions and white space between the parts. */
static bool xc_misc(xc_in *x)
{
    for (;;) {
        xc_skip_space(x);
        if (xc_at(x, "<!--")) {
            if (!xc_comment(x))
                return false;
        } else if (xc_at(x, "<?")) {
            if (!xc_pi(x))
                return false;
        } else {
            return true;
        }
    }
}

/* The attributes of a start tag up to '>' or "/>" (not consumed). */
static bool xc_attributes(xc_in *x)
{
    size_t names[64][2], count = 0;
    for (;;) {
        size_t before = x->i;
        xc_skip_space(x);
        if (x->i >= x->n)
            return xc_fail(x, "an unclosed tag");
        if (xc_at(x, ">") || xc_at(x, "/>"))
            return true;
        if (x->i == before)
            return xc_fail(x, "no space before an attribute");
        size_t start, len;
        if (!xc_name(x, &start, &len))
            return false;
        for (size_t k = 0; k < count; k++)
            if (names[k][1] == len && memcmp(x->s + names[k][0], x->s + start, len) == 0)
                return xc_fail(x, "an attribute repeated");
        if (count < 64)
            names[count][0] = start, names[count++][1] = len;
        xc_skip_space(x);
        if (!xc_at(x, "="))
            return xc_fail(x, "'=' expected");
        x->i++;
        xc_skip_space(x);
        if (x->i >= x->n || (x->s[x->i] != '"' && x->s[x->i] != '\''))
            return xc_fail(x, "a quoted value expected");
        unsigned char q = x->s[x->i++];
        while (x->i < x->n && x->s[x->i] != q) {
            if (x->s[x->i] == '<')
                return xc_fail(x, "'<' in an attribute value");
            if (x->s[x->i] == '&') {
                if (!xc_reference(x))
                    return false;
            } else if (xc_char(x) < 0) {
                return xc_fail(x, "a character XML cannot hold");
            }
        }
        if (x->i >= x->n)
            return xc_fail(x, "an unclosed attribute value");
        x->i++;
    }
}

/* Character data, up to '<' (not consumed) or the end. */
static bool xc_chardata(xc_in *x)
{
    while (x->i < x->n && x->s[x->i] != '<') {
        if (xc_at(x, "]]>"))
            return xc_fail(x, "\"]]>\" in text");
        if (x->s[x->i] == '&') {
            if (!xc_reference(x))
                return false;
        } else if (xc_char(x) < 0) {
            return xc_fail(x, "a character XML cannot hold");
        }
    }
    return true;
}

/* The root element and everything in it; a stack of open names, no recursion. */
static bool xc_element(xc_in *x)
{
    size_t cap = 64, depth = 0;
    size_t (*open)[2] = malloc(cap * sizeof *open);
    if (!open)
        return xc_fail(x, "out of memory");
    bool ok = true;
    do {
        if (xc_at(x, "</")) {
            x->i += 2;
            size_t start, len;
            if (!(ok = xc_name(x, &start, &len)))
                break;
            depth--;
            if (len != open[depth][1] || memcmp(x->s + start, x->s + open[depth][0], len) != 0) {
                ok = xc_fail(x, "an end tag that does not match");
                break;
            }
            xc_skip_space(x);
            if (!(ok = xc_at(x, ">") ? true : xc_fail(x, "'>' expected")))
                break;
            x->i++;
        } else if (xc_at(x, "<!--")) {
            if (!(ok = xc_comment(x)))
                break;
        } else if (xc_at(x, "<![CDATA[")) {
            x->i += 9;
            if (!(ok = xc_until(x, "]]>", "an unclosed CDATA section")))
                break;
        } else if (xc_at(x, "<?")) {
            if (!(ok = xc_pi(x)))
                break;
        } else if (xc_at(x, "<")) {
            x->i++;
            size_t start, len;
            if (!(ok = xc_name(x, &start, &len) && xc_attributes(x)))
                break;
            if (xc_at(x, "/>")) {
                x->i += 2;
            } else {
                x->i++;
                if (depth == cap) {
                    size_t (*more)[2] = realloc(open, 2 * cap * sizeof *open);
                    if (!more) {
                        ok = xc_fail(x, "out of memory");
                        break;
                    }
                    open = more, cap *= 2;
                }
                open[depth][0] = start, open[depth++][1] = len;
            }
        } else if (!(ok = xc_chardata(x))) {
            break;
        }
        if (depth && x->i >= x->n) {
            ok = xc_fail(x, "an element not closed");
            break;
        }
    } while (depth);
    free(open);
    return ok;
}

/* Whether s[0..n) is a well-formed XML document; the reason in err. */
static bool xc_wellformed(const char *s, size_t n, char err[XC_ERR])
{
    xc_in x = {(const unsigned char *)s, n, 0, err};
    err[0] = '\0';
    if (xc_at(&x, "\xEF\xBB\xBF"))
        x.i += 3;
    if (xc_at(&x, "<?xml") && x.n > x.i + 5 && xc_space(x.s[x.i + 5])) {
        if (!xc_until(&x, "?>", "an unclosed XML declaration"))
            return false;
    }
    if (!xc_misc(&x))
        return false;
    if (!xc_at(&x, "<") || xc_at(&x, "</") || xc_at(&x, "<!"))
        return xc_fail(&x, "no root element");
    if (!xc_element(&x) || !xc_misc(&x))
        return false;
    return x.i == x.n ? true : xc_fail(&x, "content after the root element");
}

/* ------------------------------------------------------------------ zip */

static uint32_t xc_u32(const unsigned char *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint16_t xc_u16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }

/* Calls part(name, data, size, ctx) for every member of the zip file
 * z[0..n) (stored or deflated, inflated whole); false when the archive is
 * broken (err says why) or part returns false. */
static bool xc_zip_each(const unsigned char *z, size_t n, char err[XC_ERR],
                        bool (*part)(const char *name, const char *data, size_t size, void *ctx), void *ctx)
{
    size_t eocd = n >= 22 ? n - 22 : 0;
    while (eocd > 0 && xc_u32(z + eocd) != 0x06054b50)
        eocd--;
    if (n < 22 || xc_u32(z + eocd) != 0x06054b50) {
        snprintf(err, XC_ERR, "no end of central directory");
        return false;
    }
    size_t entries = xc_u16(z + eocd + 10), p = xc_u32(z + eocd + 16);
    for (size_t e = 0; e < entries; e++) {
        if (p + 46 > n || xc_u32(z + p) != 0x02014b50) {
            snprintf(err, XC_ERR, "a broken central directory entry %zu", e);
            return false;
        }
        size_t method = xc_u16(z + p + 10), csize = xc_u32(z + p + 20), usize = xc_u32(z + p + 24);
        size_t nlen = xc_u16(z + p + 28), skip = nlen + xc_u16(z + p + 30) + xc_u16(z + p + 32);
        size_t local = xc_u32(z + p + 42);
        char name[96];
        snprintf(name, sizeof name, "%.*s", (int)(nlen < 95 ? nlen : 95), (const char *)z + p + 46);
        if (local + 30 > n || xc_u32(z + local) != 0x04034b50) {
            snprintf(err, XC_ERR, "%s: a broken local header", name);
            return false;
        }
        size_t data = local + 30 + xc_u16(z + local + 26) + xc_u16(z + local + 28);
        if (data + csize > n || (method != 0 && method != 8)) {
            snprintf(err, XC_ERR, "%s: data past the end or an unknown method", name);
            return false;
        }
        char *out = malloc(usize + 1);
        if (!out) {
            snprintf(err, XC_ERR, "%s: out of memory", name);
            return false;
        }
        bool ok = true;
        if (method == 0) {
            ok = csize == usize;
            memcpy(out, z + data, ok ? usize : 0);
        } else {
            z_stream zs;
            memset(&zs, 0, sizeof zs);
            ok = inflateInit2(&zs, -15) == Z_OK;
            if (ok) {
                zs.next_in = (Bytef *)(uintptr_t)(z + data);
                zs.avail_in = (uInt)csize;
                zs.next_out = (Bytef *)out;
                zs.avail_out = (uInt)usize;
                ok = inflate(&zs, Z_FINISH) == Z_STREAM_END && zs.total_out == usize;
                inflateEnd(&zs);
            }
        }
        if (!ok) {
            snprintf(err, XC_ERR, "%s: does not inflate to its size", name);
            free(out);
            return false;
        }
        out[usize] = '\0';
        ok = part(name, out, usize, ctx);
        free(out);
        if (!ok)
            return false;
        p += 46 + skip;
    }
    return true;
}

/* -------------------------------------------------------------- the page */

/* Elements and attributes touchpoint itself writes on a page (template,
 * cmark-gfm's rendering of escaped Markdown, the cards, the charts): any
 * other is one that came from the input. */
static const char *const xc_page_elements[] = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "nav", "section", "h1", "h2",
    "h3", "h4", "p", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "div", "span", "figure",
    "figcaption", "strong", "em", "code", "br", "small", "abbr", "svg", "g", "text", "tspan", "rect", "line",
    "circle", "polyline", "polygon", "path", "desc", "defs", "pattern", "marker", "use", NULL};
static const char *const xc_page_attributes[] = {
    "lang", "charset", "name", "content", "http-equiv", "class", "id", "align", "role", "aria-label", "aria-hidden",
    "title", "xmlns", "viewBox", "width", "height", "font-family", "font-size", "font-weight", "font-style", "fill",
    "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity", "opacity", "x", "y", "x1",
    "y1", "x2", "y2", "cx", "cy", "r", "points", "d", "text-anchor", "dominant-baseline", "transform",
    "patternUnits", "patternTransform", "preserveAspectRatio", "rx", "ry", "dx", "dy", "stroke-linecap", "scope",
    "colspan", "datetime", NULL};

static bool xc_listed(const char *const *list, const unsigned char *s, size_t len)
{
    for (; *list; list++)
        if (strlen(*list) == len && memcmp(*list, s, len) == 0)
            return true;
    return false;
}

/* The page: legal characters only; every tag's element and attributes
 * touchpoint's own (so none from the input); every inline <svg> a
 * well-formed document. */
static bool xc_page(const char *page, size_t n, char err[XC_ERR])
{
    xc_in x = {(const unsigned char *)page, n, 0, err};
    err[0] = '\0';
    while (x.i < x.n) {
        if (x.s[x.i] != '<') {
            if (xc_char(&x) < 0)
                return xc_fail(&x, "a character XML cannot hold");
            continue;
        }
        if (xc_at(&x, "<!--")) {
            if (!xc_comment(&x))
                return false;
            continue;
        }
        if (xc_at(&x, "<!DOCTYPE html>")) {
            x.i += 15;
            continue;
        }
        size_t tag = x.i;
        x.i += xc_at(&x, "</") ? 2 : 1;
        size_t start, len;
        if (!xc_name(&x, &start, &len))
            return false;
        if (!xc_listed(xc_page_elements, x.s + start, len))
            return xc_fail(&x, "an element touchpoint does not write");
        bool svg = len == 3 && memcmp(x.s + start, "svg", 3) == 0 && x.s[tag + 1] != '/';
        while (x.i < x.n && x.s[x.i] != '>') {
            if (xc_space(x.s[x.i]) || x.s[x.i] == '/') {
                x.i++;
                continue;
            }
            size_t as, al;
            if (!xc_name(&x, &as, &al))
                return false;
            if (!xc_listed(xc_page_attributes, x.s + as, al))
                return xc_fail(&x, "an attribute touchpoint does not write");
            if (x.i < x.n && x.s[x.i] == '=') {
                x.i++;
                if (x.i >= x.n || x.s[x.i] != '"')
                    return xc_fail(&x, "an unquoted attribute");
                const unsigned char *q = memchr(x.s + x.i + 1, '"', x.n - x.i - 1);
                if (!q)
                    return xc_fail(&x, "an unclosed attribute value");
                x.i = (size_t)(q - x.s) + 1;
            }
        }
        if (x.i >= x.n)
            return xc_fail(&x, "an unclosed tag");
        x.i++;
        if (len == 5 && memcmp(x.s + start, "style", 5) == 0 && x.s[tag + 1] != '/') {
            const char *end = strstr(page + x.i, "</style>");
            if (!end)
                return xc_fail(&x, "an unclosed style");
            x.i = (size_t)(end - page);
        }
        if (svg) {
            const char *end = strstr(page + tag, "</svg>");
            if (!end)
                return xc_fail(&x, "an unclosed svg");
            size_t svg_end = (size_t)(end - page) + 6;
            char inner[XC_ERR];
            if (!xc_wellformed(page + tag, svg_end - tag, inner)) {
                snprintf(err, XC_ERR, "inline svg at byte %zu: %.100s", tag, inner);
                return false;
            }
        }
    }
    return true;
}

#endif
