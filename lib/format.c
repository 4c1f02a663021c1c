/* format.c — escaping of text from the logs and human number formats,
 * shared by the Markdown, HTML, SVG and XLSX renderers. */
#include "render.h"

#include <math.h>
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

/* Bytes of the well-formed UTF-8 character that starts s[0..n) (n >= 1),
 * or 0 when none starts there: a stray continuation byte, a cut or
 * overlong sequence, a surrogate, a code point past U+10FFFF. Reads no
 * further than a byte that is not a continuation byte, so n may be
 * SIZE_MAX for NUL-terminated text. */
static size_t S_utf8_char(const unsigned char *s, size_t n, uint32_t *cp)
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
    size_t len = S_utf8_char(s, n, &cp);
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

/* -------------------------------------------------------- number formats */

static bool S_is_pt(const char *lang) { return lang && strncmp(lang, "pt", 2) == 0; }

/* Copies digits (an unsigned integer's text) into out with a thousands
 * separator every three digits; returns the end of what was written. */
static char *S_group(char *out, const char *digits, size_t n, char sep)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            *out++ = sep;
        *out++ = digits[i];
    }
    return out;
}

/* x with `decimals` digits after the point (0 or 1), grouped, localised. */
static char *S_number(char *buf, const char *lang, double x, int decimals)
{
    if (isnan(x) || isinf(x)) {
        snprintf(buf, TP_NUMBUF, "%s", TP_DASH);
        return buf;
    }
    if (fabs(x) >= 1e15) { /* beyond any real count: scientific, ungrouped */
        snprintf(buf, TP_NUMBUF, "%.3g", x);
        return buf;
    }
    char raw[TP_NUMBUF];
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(x));
    size_t int_len = strcspn(raw, ".,");
    bool zero = strspn(raw, "0.,") == strlen(raw);
    char *o = buf;
    if (x < 0 && !zero)
        *o++ = '-';
    o = S_group(o, raw, int_len, S_is_pt(lang) ? '.' : ',');
    if (raw[int_len]) {
        *o++ = S_is_pt(lang) ? ',' : '.';
        size_t frac = strlen(raw + int_len + 1);
        memcpy(o, raw + int_len + 1, frac);
        o += frac;
    }
    *o = '\0';
    return buf;
}

char *tp_fmt_count(char *buf, const char *lang, long n)
{
    return S_number(buf, lang, (double)n, 0);
}

char *tp_fmt_dec1(char *buf, const char *lang, double x) { return S_number(buf, lang, x, 1); }

char *tp_fmt_pct(char *buf, const char *lang, double ratio)
{
    S_number(buf, lang, ratio * 100.0, 1);
    if (strcmp(buf, TP_DASH) != 0)
        strcat(buf, "%");
    return buf;
}

/* "▲ text", "▼ text" or "±text" by the sign of the rounded change. */
static char *S_arrow(char *buf, double diff, int decimals, const char *lang, const char *unit)
{
    char num[TP_NUMBUF];
    S_number(num, lang, fabs(diff), decimals);
    double shown = decimals ? round(fabs(diff) * 10.0) : round(fabs(diff));
    const char *arrow = shown == 0 ? "\xC2\xB1" : diff > 0 ? "\xE2\x96\xB2 " : "\xE2\x96\xBC ";
    snprintf(buf, TP_NUMBUF, "%s%.48s%s", arrow, num, unit);
    return buf;
}

char *tp_fmt_pp(char *buf, const char *lang, double now, double before)
{
    if (isnan(now) || isnan(before)) {
        snprintf(buf, TP_NUMBUF, "%s", TP_DASH);
        return buf;
    }
    return S_arrow(buf, (now - before) * 100.0, 1, lang, " pp");
}

char *tp_fmt_delta(char *buf, const char *lang, double now, double before, bool decimals)
{
    if (isnan(now) || isnan(before)) {
        snprintf(buf, TP_NUMBUF, "%s", TP_DASH);
        return buf;
    }
    return S_arrow(buf, now - before, decimals ? 1 : 0, lang, "");
}

char *tp_fmt_bacon(char *buf, int bacon)
{
    if (bacon == TP_NONE)
        snprintf(buf, TP_NUMBUF, "%s", TP_DASH);
    else
        snprintf(buf, TP_NUMBUF, "%d", bacon);
    return buf;
}

char *tp_fmt_p(char *buf, const char *lang, double p)
{
    char point = S_is_pt(lang) ? ',' : '.';
    if (isnan(p))
        snprintf(buf, TP_NUMBUF, "%s", TP_DASH);
    else if (p < 0.001)
        snprintf(buf, TP_NUMBUF, "< 0%c001", point);
    else {
        snprintf(buf, TP_NUMBUF, "%.3f", p);
        for (char *c = buf; *c; c++)
            if (*c == '.' || *c == ',')
                *c = point;
    }
    return buf;
}

time_t tp_generated_seconds(const char *s)
{
    int y, mo, d, h, mi, se;
    if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &se) != 6 || !tp_date_valid_ymd(y, mo, d))
        return 0;
    return (time_t)tp_date_from_ymd(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
}

/* ------------------------------------------------------ figures by kind */

char *tp_fmt_kpi(char *buf, const char *lang, const tp_kpi_def *d, double v)
{
    switch (d->kind) {
    case TP_KPI_RATIO: return tp_fmt_pct(buf, lang, v);
    case TP_KPI_DEC: return tp_fmt_dec1(buf, lang, v);
    case TP_KPI_BACON: return tp_fmt_bacon(buf, isnan(v) ? TP_NONE : (int)v);
    default: return tp_fmt_count(buf, lang, (long)v);
    }
}

char *tp_fmt_kpi_change(char *buf, const char *lang, const tp_kpi_def *d, double now, double before)
{
    if (d->kind == TP_KPI_RATIO)
        return tp_fmt_pp(buf, lang, now, before);
    return tp_fmt_delta(buf, lang, now, before, d->kind == TP_KPI_DEC);
}

int tp_kpi_judgement(const tp_kpi_def *d, double now, double before)
{
    if (isnan(now) || isnan(before))
        return -1;
    double diff = now - before;
    /* judged on the change as shown: one decimal of a percentage point or of a decimal */
    double shown = d->kind == TP_KPI_RATIO ? round(fabs(diff) * 1000.0)
                   : d->kind == TP_KPI_DEC ? round(fabs(diff) * 10.0)
                                           : fabs(diff);
    if (shown == 0)
        return -1;
    if (d->better == 0)
        return TX_NEUTRAL;
    return (diff > 0) == (d->better > 0) ? TX_BETTER : TX_WORSE;
}

char *tp_fmt_target_bound(char *buf, const char *lang, const tp_kpi_def *d, double min, double max)
{
    char lo[TP_NUMBUF], hi[TP_NUMBUF];
    if (!isnan(min))
        tp_fmt_kpi(lo, lang, d, min);
    if (!isnan(max))
        tp_fmt_kpi(hi, lang, d, max);
    if (!isnan(min) && !isnan(max))
        snprintf(buf, TP_NUMBUF, "%.28s \xE2\x80\x93 %.28s", lo, hi);
    else if (!isnan(min))
        snprintf(buf, TP_NUMBUF, "\xE2\x89\xA5 %.48s", lo);
    else
        snprintf(buf, TP_NUMBUF, "\xE2\x89\xA4 %.48s", isnan(max) ? TP_DASH : hi);
    return buf;
}
