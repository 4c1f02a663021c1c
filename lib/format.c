/* format.c — numbers as text: the locale-free shortest decimal of JSON and
 * the human formats (counts, decimals, percents, changes, p-values, the
 * figures of tp_kpi_defs) of the Markdown, HTML, SVG and XLSX renderers.
 * Escaping lives in escape.c. */
#include "buf.h"
#include "date.h"
#include "format.h"
#include "i18n.h"
#include "kpi.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------ shortest decimal */

/* The decimal point of the C locale whatever the process locale is: %g
 * may write ',' under LC_NUMERIC=pt_PT, so any such byte is put back. */
static void S_c_locale_point(char *s)
{
    for (; *s; s++)
        if (*s == ',')
            *s = '.';
}

void tp_fmt_double(double x, char *buf, size_t size)
{
    if (isnan(x) || isinf(x)) {
        snprintf(buf, size, "null");
        return;
    }
    if (x == 0) {
        snprintf(buf, size, "0");
        return;
    }
    /* Shortest %.*g that reads back as the same double. */
    int prec = 1;
    for (; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, x);
        S_c_locale_point(buf);
        if (strtod(buf, NULL) == x)
            break;
    }
    /* %g writes 50 as "5e+01": for ordinary magnitudes, write the same
     * digits in plain decimal notation instead. */
    double ax = fabs(x);
    if (strchr(buf, 'e') && ax >= 1e-6 && ax < 1e16) {
        int exp10 = (int)floor(log10(ax));
        int decimals = prec - 1 - exp10;
        snprintf(buf, size, "%.*f", decimals > 0 ? decimals : 0, x);
        S_c_locale_point(buf);
    }
}

void tp_json_num(tp_buf *b, double x)
{
    char tmp[40];
    tp_fmt_double(x, tmp, sizeof tmp);
    tp_buf_puts(b, tmp);
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

/* ax (0 <= ax < 1e15) with `decimals` digits after the point (0 to 6) in raw
 * (TP_NUMBUF bytes), rounded as a spreadsheet shows a cell: half away from
 * zero, on the number's 15 significant digits. So 26.25 and 8.85 (a double
 * just below) read 26.3 and 8.9 in md, html and the charts as in Excel and
 * LibreOffice, where printf's "%.1f" gives 26.2 (a tie to even) and 8.8. */
static void S_fixed(char *raw, double ax, int decimals)
{
    if (ax < 1e-4) { /* below what 15 digits in fixed notation hold; zero at these decimals */
        snprintf(raw, TP_NUMBUF, "%.*f", decimals, ax);
        return;
    }
    char t[40];
    snprintf(t, sizeof t, "%.15g", ax); /* fixed notation here: "8.85", "26.25", "1234" */
    const char *dot = strchr(t, '.');
    size_t ilen = dot ? (size_t)(dot - t) : strlen(t);
    const char *fr = dot ? dot + 1 : "";
    size_t flen = strlen(fr), n = 0;
    char d[48] = {0};
    for (size_t i = 0; i < ilen; i++)
        d[n++] = t[i];
    for (int k = 0; k < decimals; k++) {
        char c = '0';
        if ((size_t)k < flen)
            c = fr[k];
        d[n++] = c;
    }
    if ((size_t)decimals < flen && fr[decimals] >= '5') {
        size_t i = n;
        while (i > 0 && d[i - 1] == '9')
            d[--i] = '0';
        if (i == 0) { /* 9.96 -> 10.0 */
            memmove(d + 1, d, n++);
            d[0] = '1';
            ilen++;
        } else {
            d[i - 1]++;
        }
    }
    memcpy(raw, d, ilen);
    size_t o = ilen;
    if (decimals) {
        raw[o++] = '.';
        memcpy(raw + o, d + ilen, (size_t)decimals);
        o += (size_t)decimals;
    }
    raw[o] = '\0';
}

/* Whether ax shows as zero with `decimals` digits (S_fixed). */
static bool S_shows_zero(double ax, int decimals)
{
    char raw[TP_NUMBUF];
    S_fixed(raw, ax, decimals);
    return strspn(raw, "0.") == strlen(raw);
}

/* x with `decimals` digits after the point (0 to 6), grouped, localised. */
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
    char raw[TP_NUMBUF] = {0};
    S_fixed(raw, fabs(x), decimals);
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

/* A ratio as a percent with `decimals` digits: "65.0%"; the dash for NaN. */
static char *S_percent(char *buf, const char *lang, double ratio, int decimals)
{
    S_number(buf, lang, ratio * 100.0, decimals);
    if (strcmp(buf, TP_DASH) != 0)
        memcpy(buf + strlen(buf), "%", 2);
    return buf;
}

char *tp_fmt_pct(char *buf, const char *lang, double ratio) { return S_percent(buf, lang, ratio, 1); }

/* "▲ text", "▼ text" or "±text" by the sign of the rounded change. */
static char *S_arrow(char *buf, double diff, int decimals, const char *lang, const char *unit)
{
    char num[TP_NUMBUF];
    S_number(num, lang, fabs(diff), decimals);
    bool zero = strspn(num, "0.,") == strlen(num); /* as shown: "0.0", "0,0" */
    const char *arrow = zero ? "\xC2\xB1" : diff > 0 ? "\xE2\x96\xB2 " : "\xE2\x96\xBC ";
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
    double shown = d->kind == TP_KPI_RATIO ? fabs(diff) * 100.0 : fabs(diff);
    bool decimal = d->kind == TP_KPI_RATIO || d->kind == TP_KPI_DEC;
    if (shown == 0 || (decimal && shown < 1e15 && S_shows_zero(shown, 1)))
        return -1;
    if (d->better == 0)
        return TX_NEUTRAL;
    return (diff > 0) == (d->better > 0) ? TX_BETTER : TX_WORSE;
}

/* The digits after the point of v as its 15 significant digits write it. */
static int S_written_decimals(double v)
{
    char t[40];
    if (!isfinite(v) || fabs(v) >= 1e15)
        return 0;
    snprintf(t, sizeof t, "%.15g", fabs(v));
    const char *e = strchr(t, 'e'), *dot = strchr(t, '.');
    if (e) /* below 1e-4: 6 digits at most are shown anyway */
        return 6;
    return dot ? (int)strlen(dot + 1) : 0;
}

int tp_target_decimals(const tp_kpi_def *d, double min, double max)
{
    int own = d->kind == TP_KPI_RATIO || d->kind == TP_KPI_DEC ? 1 : 0, dec = own;
    double scale = d->kind == TP_KPI_RATIO ? 100.0 : 1.0;
    if (!isnan(min) && S_written_decimals(min * scale) > dec)
        dec = S_written_decimals(min * scale);
    if (!isnan(max) && S_written_decimals(max * scale) > dec)
        dec = S_written_decimals(max * scale);
    return dec > 6 ? 6 : dec;
}

char *tp_fmt_kpi_at(char *buf, const char *lang, const tp_kpi_def *d, double v, int decimals)
{
    if (d->kind == TP_KPI_RATIO)
        return S_percent(buf, lang, v, decimals);
    if (d->kind == TP_KPI_BACON && decimals == 0)
        return tp_fmt_bacon(buf, isnan(v) ? TP_NONE : (int)v);
    return S_number(buf, lang, v, decimals);
}

char *tp_fmt_target_bound(char *buf, const char *lang, const tp_kpi_def *d, double min, double max)
{
    char lo[TP_NUMBUF], hi[TP_NUMBUF];
    int dec = tp_target_decimals(d, min, max);
    if (!isnan(min))
        tp_fmt_kpi_at(lo, lang, d, min, dec);
    if (!isnan(max))
        tp_fmt_kpi_at(hi, lang, d, max, dec);
    if (!isnan(min) && !isnan(max))
        snprintf(buf, TP_NUMBUF, "%.28s \xE2\x80\x93 %.28s", lo, hi);
    else if (!isnan(min))
        snprintf(buf, TP_NUMBUF, "\xE2\x89\xA5 %.48s", lo);
    else
        snprintf(buf, TP_NUMBUF, "\xE2\x89\xA4 %.48s", isnan(max) ? TP_DASH : hi);
    return buf;
}
