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
        memcpy(buf + strlen(buf), "%", 2);
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
