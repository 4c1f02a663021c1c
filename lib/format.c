/* format.c — escaping of text from the logs and human number formats,
 * shared by the Markdown, HTML, SVG and XLSX renderers. */
#include "render.h"

#include <math.h>
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

void tp_xml_escape(tp_buf *b, const char *s)
{
    const char *run = s ? s : "";
    for (const char *p = run; *p; p++) {
        const char *ref = NULL;
        switch (*p) {
        case '&': ref = "&amp;"; break;
        case '<': ref = "&lt;"; break;
        case '>': ref = "&gt;"; break;
        case '"': ref = "&quot;"; break;
        case '\'': ref = "&#39;"; break;
        default: continue;
        }
        tp_buf_put(b, run, (size_t)(p - run));
        tp_buf_puts(b, ref);
        run = p + 1;
    }
    tp_buf_puts(b, run);
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
