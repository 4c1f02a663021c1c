/* render_bench.c — benchmark.json (schema touchpoint/benchmark-v1) and benchmark.md. */
#include "arena.h"
#include "benchmark.h"
#include "buf.h"
#include "escape.h"
#include "format.h"
#include "i18n.h"
#include "render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REFERENCE_NAME "State of the CIO 2016"
#define REFERENCE_SOURCE "CIO.com"

/* {"contact_rate": 0.65, ...} for one row of values. */
static void S_values(tp_buf *b, const double *v)
{
    tp_buf_puts(b, "{");
    for (int c = 0; c < TP_NCOLS; c++) {
        tp_buf_printf(b, "%s\"%s\": ", c ? ", " : "", tp_bench_column(c));
        tp_json_num(b, v[c]);
    }
    tp_buf_puts(b, "}");
}

tp_status tp_render_bench_json(const tp_benchmark *bm, tp_render_target *t)
{
    tp_buf *b = t->out;
    char s[16], e[16];
    tp_date_format(bm->period.start, s);
    tp_date_format(bm->period.end, e);
    tp_buf_puts(b, "{\n  \"schema\": \"touchpoint/benchmark-v1\",\n  \"period\": {\"label\": ");
    tp_json_str(b, bm->period.label);
    tp_buf_printf(b, ", \"start\": \"%s\", \"end\": \"%s\"},\n  \"generated\": ", s, e);
    tp_json_str(b, bm->generated ? bm->generated : "");
    tp_buf_puts(b, ",\n  \"columns\": [");
    for (int c = 0; c < TP_NCOLS; c++)
        tp_buf_printf(b, "%s\"%s\"", c ? ", " : "", tp_bench_column(c));
    tp_buf_puts(b, "],\n  \"organizations\": [");
    for (size_t i = 0; i < bm->norgs; i++) {
        const tp_bench_org *o = &bm->orgs[i];
        tp_buf_puts(b, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
        tp_json_str(b, o->name);
        tp_buf_puts(b, ", \"source\": ");
        tp_json_str(b, o->source);
        tp_buf_printf(b, ", \"focus\": %s,\n     \"values\": ", o->focus ? "true" : "false");
        S_values(b, o->values);
        tp_buf_puts(b, ",\n     \"ranks\": ");
        S_values(b, o->ranks);
        tp_buf_printf(b, ",\n     \"n\": {\"it_staff\": %ld, \"actions_done\": %ld, \"requests\": %ld}",
                      o->n[TP_COL_CONTACT_RATE], o->n[TP_COL_ATTESTED_RATE], o->n[TP_COL_REQUEST_COVERAGE]);
        tp_buf_puts(b, ",\n     \"ci95\": {");
        for (int c = 0, first = 1; c < TP_NCOLS; c++) {
            if (o->n[c] < 0)
                continue;
            tp_buf_printf(b, "%s\"%s\": ", first ? "" : ", ", tp_bench_column(c));
            first = 0;
            if (isnan(o->ci95[c][0])) {
                tp_buf_puts(b, "null");
                continue;
            }
            tp_buf_puts(b, "[");
            tp_json_num(b, o->ci95[c][0]);
            tp_buf_puts(b, ", ");
            tp_json_num(b, o->ci95[c][1]);
            tp_buf_puts(b, "]");
        }
        tp_buf_puts(b, "}}");
    }
    tp_buf_puts(b, "\n  ],\n  \"peer_median\": ");
    S_values(b, bm->peer_median);
    tp_buf_puts(b, ",\n  \"focus\": ");
    if (bm->focus) {
        tp_buf_puts(b, "{\"name\": ");
        tp_json_str(b, bm->focus->name);
        tp_buf_puts(b, ", \"p_value\": {\"contact_rate\": ");
        tp_json_num(b, bm->focus_p[TP_COL_CONTACT_RATE]);
        tp_buf_puts(b, ", \"regular_rate\": ");
        tp_json_num(b, bm->focus_p[TP_COL_REGULAR_RATE]);
        tp_buf_puts(b, "}}");
    } else {
        tp_buf_puts(b, "null");
    }
    tp_buf_puts(b, ",\n  \"reference\": {\"name\": \"" REFERENCE_NAME "\", \"source\": \"" REFERENCE_SOURCE
                   "\", \"values\": {\"contact_rate\": ");
    tp_json_num(b, bm->reference_contact_rate);
    tp_buf_puts(b, "}, \"note\": \"nearly two-thirds of 571 IT leaders meet external customers\"}\n}\n");
    return b->nomem ? TP_ERR_NOMEM : TP_OK;
}

/* ------------------------------------------------------------- Markdown */

/* The columns' headings (whether each is a percentage and whether lower
 * is better: tp_bench_ratio, tp_bench_lower_better, from the figure table). */
static const tp_text_id col_label[TP_NCOLS] = {
    TX_CONTACT_RATE,  TX_H_REGULAR_RATE, TX_HOURS_PER_HEAD, TX_MEDIAN_BACON_SHORT,
    TX_AT_RISK_SHARE, TX_ATTESTED_RATE,  TX_COVERAGE,
};

const char *tp_bench_label(int col, const char *lang) { return tp_text(lang, col_label[col]); }

static void S_cell(tp_buf *b, const tp_benchmark *bm, int c, double v)
{
    char buf[TP_NUMBUF];
    const char *lang = tp_bench_lang(bm);
    if (isnan(v))
        tp_buf_puts(b, TP_DASH);
    else if (tp_bench_ratio(c))
        tp_buf_puts(b, tp_fmt_pct(buf, lang, v));
    else
        tp_buf_puts(b, tp_fmt_dec1(buf, lang, v));
}

/* "59–86%": an interval in whole percents, clamped to 0..100 (the formula's
 * bound at k = 0 may be a rounding error below 0). */
static char *S_interval(char *buf, double lo, double hi)
{
    snprintf(buf, TP_NUMBUF, "%ld\xE2\x80\x93%ld%%", lround(fmax(0, lo) * 100), lround(fmin(1, hi) * 100));
    return buf;
}

/* An organisation's value; a rate with its interval, and with its n when
 * that is not the IT staff (shown in a column of its own) — the actions
 * done, the requests:
 * "72.5% (59–86%)", "58.3% (32–81%, n = 12)". */
static void S_org_cell(tp_buf *b, const tp_benchmark *bm, const tp_bench_org *o, int c)
{
    char iv[TP_NUMBUF], n[TP_NUMBUF];
    bool own_n = c == TP_COL_ATTESTED_RATE || c == TP_COL_REQUEST_COVERAGE; /* not of the IT staff */
    S_cell(b, bm, c, o->values[c]);
    if (o->n[c] > 0 && !own_n)
        tp_buf_printf(b, " (%s)", S_interval(iv, o->ci95[c][0], o->ci95[c][1]));
    else if (o->n[c] > 0)
        tp_buf_printf(b, " (%s, n\xC2\xA0=\xC2\xA0%s)", S_interval(iv, o->ci95[c][0], o->ci95[c][1]),
                      tp_fmt_count(n, tp_bench_lang(bm), o->n[c]));
    else if (o->n[c] == 0)
        tp_buf_puts(b, " (n\xC2\xA0=\xC2\xA0" "0)");
}

/* With --focus: the focus organisation against its peers pooled, in words. */
static void S_focus(tp_buf *b, const tp_benchmark *bm)
{
    const tp_bench_org *f = bm->focus;
    const char *lang = tp_bench_lang(bm);
    if (!f)
        return;
    tp_buf_printf(b, "## %s\n\n", tp_text(lang, TX_BENCH_FOCUS_SEC));
    if (!bm->npeers) {
        tp_buf_printf(b, "%s\n\n", tp_text(lang, TX_BENCH_NO_PEERS));
        return;
    }
    tp_buf md_name;
    tp_buf_init(&md_name);
    tp_md_escape(&md_name, f->name);
    if (md_name.nomem)
        b->nomem = true;
    else
        tp_buf_printf(b, tp_text(lang, TX_BENCH_FOCUS_LEAD), md_name.data ? md_name.data : "", (long)bm->npeers);
    tp_buf_free(&md_name);
    tp_buf_puts(b, "\n\n");
    static const int tested[] = {TP_COL_CONTACT_RATE, TP_COL_REGULAR_RATE};
    for (size_t t = 0; t < sizeof tested / sizeof *tested; t++) {
        int c = tested[t];
        long k = bm->peers_k[c], n = bm->peers_n[c];
        char v1[TP_NUMBUF], k1[TP_NUMBUF], n1[TP_NUMBUF], v2[TP_NUMBUF], k2[TP_NUMBUF], n2[TP_NUMBUF], p[TP_NUMBUF];
        double pv = bm->focus_p[c];
        tp_buf_printf(b, tp_text(lang, TX_BENCH_FOCUS_LINE), tp_bench_label(c, lang), tp_fmt_pct(v1, lang, f->values[c]),
                      tp_fmt_count(k1, lang, f->k[c]), tp_fmt_count(n1, lang, f->n[c]),
                      tp_fmt_pct(v2, lang, bm->peers_rate[c]), tp_fmt_count(k2, lang, k),
                      tp_fmt_count(n2, lang, n),
                      tp_text(lang, pv >= 0.05 ? TX_BENCH_WITHIN_CHANCE : TX_BENCH_BEYOND_CHANCE),
                      tp_fmt_p(p, lang, pv));
    }
    tp_buf_puts(b, "\n");
}

/* The table head; with n, a column for each organisation's IT staff. */
static void S_header(tp_buf *b, const tp_benchmark *bm, const char *first, bool n)
{
    tp_buf_printf(b, "| %s |", first);
    const char *lang = tp_bench_lang(bm);
    if (n)
        tp_buf_printf(b, " %s |", tp_text(lang, TX_BENCH_N_STAFF));
    for (int c = 0; c < TP_NCOLS; c++)
        tp_buf_printf(b, " %s%s |", tp_bench_label(c, lang), tp_bench_lower_better(c) ? " ↓" : "");
    tp_buf_puts(b, n ? "\n| --- | ---: |" : "\n| --- |");
    for (int c = 0; c < TP_NCOLS; c++)
        tp_buf_puts(b, " ---: |");
    tp_buf_puts(b, "\n");
}

static void S_rows(tp_buf *b, const tp_benchmark *bm, bool ranks)
{
    char buf[TP_NUMBUF];
    for (size_t i = 0; i < bm->norgs; i++) {
        const tp_bench_org *o = &bm->orgs[i];
        tp_buf_puts(b, o->focus ? "| **" : "| ");
        tp_md_escape(b, o->name);
        tp_buf_puts(b, o->focus ? "** |" : " |");
        if (!ranks)
            tp_buf_printf(b, " %s |", tp_fmt_count(buf, tp_bench_lang(bm), o->n[TP_COL_CONTACT_RATE]));
        for (int c = 0; c < TP_NCOLS; c++) {
            tp_buf_puts(b, " ");
            if (!ranks)
                S_org_cell(b, bm, o, c);
            else if (isnan(o->ranks[c]))
                tp_buf_puts(b, TP_DASH);
            else
                tp_buf_puts(b, tp_fmt_dec1(buf, tp_bench_lang(bm), o->ranks[c]));
            tp_buf_puts(b, " |");
        }
        tp_buf_puts(b, "\n");
    }
}

tp_status tp_render_bench_md(const tp_benchmark *bm, tp_render_target *t)
{
    tp_buf *b = t->out;
    const char *lang = tp_bench_lang(bm);
    char s[16], e[16];
    tp_date_format(bm->period.start, s);
    tp_date_format(bm->period.end, e);
    tp_buf_printf(b, "# %s\n\n", tp_text(lang, TX_BENCH_TITLE));
    tp_buf_printf(b, "**%s:** %s (%s – %s) · **%s:** %s\n\n", tp_text(lang, TX_PERIOD), bm->period.label, s, e,
                  tp_text(lang, TX_GENERATED), bm->generated ? bm->generated : "");
    tp_buf_printf(b, "%s\n\n", tp_text(lang, TX_BENCH_LOWER_NOTE));
    tp_buf_printf(b, "## %s\n\n", tp_text(lang, TX_BENCH_VALUES));
    S_header(b, bm, tp_text(lang, TX_BENCH_ORG), true);
    S_rows(b, bm, false);
    tp_buf_printf(b, "| *%s* | |", tp_text(lang, TX_BENCH_PEER_MEDIAN));
    for (int c = 0; c < TP_NCOLS; c++) {
        tp_buf_puts(b, " ");
        S_cell(b, bm, c, bm->peer_median[c]);
        tp_buf_puts(b, " |");
    }
    tp_buf_printf(b, "\n| *" REFERENCE_NAME " (" REFERENCE_SOURCE ")* | |");
    for (int c = 0; c < TP_NCOLS; c++) {
        tp_buf_puts(b, " ");
        S_cell(b, bm, c, c == TP_COL_CONTACT_RATE ? bm->reference_contact_rate : NAN);
        tp_buf_puts(b, " |");
    }
    tp_buf_printf(b, "\n\n%s\n\n", tp_text(lang, TX_BENCH_INTERVALS));
    S_focus(b, bm);
    tp_buf_printf(b, "## %s\n\n%s\n\n", tp_text(lang, TX_BENCH_RANK_SEC), tp_text(lang, TX_BENCH_RANK_LEAD));
    S_header(b, bm, tp_text(lang, TX_BENCH_ORG), false);
    S_rows(b, bm, true);
    tp_buf_printf(b, "\n## %s\n\n", tp_text(lang, TX_BENCH_STANDS));
    for (int c = 0; c < TP_NCOLS; c++)
        tp_buf_printf(b, "![%s](charts/bench_%s.svg)\n\n", tp_bench_label(c, lang), tp_bench_column(c));
    tp_buf_printf(b, "%s\n", tp_text(lang, TX_BENCH_REFERENCE));
    return b->nomem ? TP_ERR_NOMEM : TP_OK;
}

/* --------------------------------------------------------------- charts */

typedef struct {
    const tp_bench_org *org;
    double v;
} bar;

static int S_cmp_bar(const void *x, const void *y)
{
    const bar *a = x, *b = y;
    if (a->v != b->v)
        return a->v < b->v ? 1 : -1;
    return strcmp(a->org->name, b->org->name);
}

/* The chart's geometry: names right-aligned left of x0, bars from x0 (the
 * value 0) to x1 (the axis maximum), each bar's value in a column of its
 * own right of x1 — so no reference line ever crosses a value — and above
 * the bars one row per reference label, so two labels never collide. */
enum { S_W = 640 };
static const double S_X0 = 200, S_X1 = 470, S_TOP = 74, S_ROW = 26;

static double S_x(double v, double max) { return S_X0 + (max > 0 ? fmax(0, v) / max : 0) * (S_X1 - S_X0); }

/* The axis maximum and its tick step: 100% in quarters for a rate, else a
 * round step (1, 2 or 5 × 10^k) of about a quarter of the largest value. */
static void S_scale(bool ratio, double largest, double *max, double *step)
{
    if (ratio) {
        *max = fmax(1.0, largest);
        *step = 0.25;
        return;
    }
    if (!(largest > 0))
        largest = 1;
    double raw = largest / 4, mag = pow(10, floor(log10(raw)));
    *step = raw <= mag ? mag : raw <= 2 * mag ? 2 * mag : raw <= 5 * mag ? 5 * mag : 10 * mag;
    *max = *step * ceil(largest / *step - 1e-9);
}

/* The value axis from zero: grid lines and tick labels below the bars. */
static void S_axis(tp_buf *b, int c, double max, double step, double top, double bottom, const char *lang)
{
    char num[TP_NUMBUF];
    tp_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"currentColor\"/>\n", S_X0, bottom,
                  S_X1, bottom);
    for (int i = 0; i * step <= max + 1e-9; i++) {
        double v = i * step, x = S_x(v, max);
        tp_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"currentColor\" "
                         "stroke-opacity=\"%s\"/>\n",
                      x, top, x, bottom + 4, i ? "0.15" : "0.6");
        if (tp_bench_ratio(c))
            snprintf(num, sizeof num, "%.0f%%", v * 100);
        else
            tp_fmt_dec1(num, lang, v);
        tp_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\" fill=\"currentColor\" "
                         "opacity=\"0.8\">%s</text>\n",
                      x, bottom + 16, num);
    }
}

/* A reference line over the bars, its label on a row of its own above
 * them, on whichever side of the line has room. */
static void S_marker(tp_buf *b, double x, double label_y, double bottom, const char *dash, const char *label)
{
    tp_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"currentColor\" "
                     "stroke-width=\"1.5\" stroke-dasharray=\"%s\"/>\n",
                  x, label_y + 3, x, bottom, dash);
    bool right = x < (S_X0 + S_X1) / 2;
    tp_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"%s\" fill=\"currentColor\">",
                  right ? x + 4 : x - 4, label_y, right ? "start" : "end");
    tp_xml_escape(b, label);
    tp_buf_puts(b, "</text>\n");
}

/* The name as it fits in about px pixels at 12 px (a wide glyph, CJK and
 * the like, counts double), cut at a character with an ellipsis. */
static void S_fit_name(tp_buf *b, const char *name, double px)
{
    const unsigned char *p = (const unsigned char *)name;
    double used = 0;
    size_t keep = 0, len = strlen(name);
    for (size_t i = 0; i < len;) {
        size_t n = p[i] < 0x80 ? 1 : p[i] < 0xE0 ? 2 : p[i] < 0xF0 ? 3 : 4;
        double w = n >= 3 ? 12 : 7;
        if (used + w > px - (i + n < len ? 8 : 0))
            break;
        used += w;
        i += n;
        keep = i > len ? len : i;
    }
    if (keep == len) {
        tp_xml_escape(b, name);
        return;
    }
    char *cut = strndup(name, keep);
    if (!cut) {
        b->nomem = true;
        return;
    }
    tp_xml_escape(b, cut);
    tp_buf_puts(b, "\xE2\x80\xA6");
    free(cut);
}

/* One bar: the focus organisation hatched, outlined and marked "▶ … (focus)"
 * so it stands out without colour; a rate's 95% interval as a whisker. */
static void S_bar(tp_buf *b, const tp_benchmark *bm, int c, const tp_bench_org *o, double y, double max)
{
    const char *lang = tp_bench_lang(bm);
    char num[TP_NUMBUF], iv[TP_NUMBUF];
    double v = o->values[c];
    tp_buf_puts(b, "<g><title>");
    tp_xml_escape(b, o->name);
    tp_buf_printf(b, "</title><text x=\"%.0f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\" fill=\"currentColor\"%s>%s",
                  S_X0 - 8, y + 16, o->focus ? " font-weight=\"bold\"" : "", o->focus ? "\xE2\x96\xB6 " : "");
    const char *mark = tp_text(lang, TX_BENCH_FOCUS_MARK);
    S_fit_name(b, o->name, S_X0 - 16 - (o->focus ? 40 + 7.5 * (double)strlen(mark) : 0)); /* bold is wider */
    if (o->focus)
        tp_buf_printf(b, " (%s)", mark);
    tp_buf_printf(b, "</text></g>\n<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"%s%s%s\"%s/>\n", S_X0, y + 4,
                  S_x(v, max) - S_X0, o->focus ? "url(#tp-focus-" : "#7a9fd6", o->focus ? tp_bench_column(c) : "", o->focus ? ")" : "",
                  o->focus ? " stroke=\"currentColor\" stroke-width=\"2\"" : "");
    if (o->n[c] > 0) {
        double lo = S_x(o->ci95[c][0], max), hi = S_x(fmin(1, o->ci95[c][1]), max), m = y + 12;
        tp_buf_printf(b, "<path d=\"M%.1f %.1fV%.1fM%.1f %.1fH%.1fM%.1f %.1fV%.1f\" stroke=\"currentColor\" "
                         "stroke-width=\"1.2\" fill=\"none\"/>\n",
                      lo, m - 4, m + 4, lo, m, hi, hi, m - 4, m + 4);
    }
    tp_buf_printf(b, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" fill=\"currentColor\"%s>%s", (int)S_X1 + 12, y + 16,
                  o->focus ? " font-weight=\"bold\"" : "",
                  tp_bench_ratio(c) ? tp_fmt_pct(num, lang, v) : tp_fmt_dec1(num, lang, v));
    if (o->n[c] > 0)
        tp_buf_printf(b, " (%s)", S_interval(iv, o->ci95[c][0], o->ci95[c][1]));
    tp_buf_puts(b, "</text>\n");
}

/* One column: a bar per organisation with a value, highest first, on an
 * axis from zero; the peer median dashed; for the contact rate, the
 * survey's reference dotted. */
static char *S_column_chart(tp_arena *a, const tp_benchmark *bm, int c)
{
    const char *lang = tp_bench_lang(bm);
    bar *bars = tp_calloc(a, bm->norgs + 1, sizeof *bars);
    if (!bars)
        return NULL;
    size_t n = 0;
    double largest = 0;
    for (size_t i = 0; i < bm->norgs; i++)
        if (!isnan(bm->orgs[i].values[c])) {
            bars[n++] = (bar){&bm->orgs[i], bm->orgs[i].values[c]};
            largest = fmax(largest, bm->orgs[i].values[c]);
        }
    qsort(bars, n, sizeof *bars, S_cmp_bar);
    double max, step;
    S_scale(tp_bench_ratio(c), largest, &max, &step);
    double bottom = S_TOP + S_ROW * (double)(n ? n : 1), h = bottom + 28;
    tp_buf b;
    tp_buf_init(&b);
    const char *title = tp_bench_label(c, lang);
    tp_buf_printf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %.0f\" role=\"img\" "
                      "font-family=\"system-ui, sans-serif\">\n<title>", S_W, h);
    tp_xml_escape(&b, title);
    tp_buf_puts(&b, "</title>\n<desc>");
    tp_buf_puts(&b, tp_text(lang, TX_BENCH_CHART_DESC));
    if (tp_bench_lower_better(c))
        tp_buf_puts(&b, tp_text(lang, TX_BENCH_LOWER_HERE));
    if (c == TP_COL_CONTACT_RATE)
        tp_buf_puts(&b, tp_text(lang, TX_BENCH_DOTTED_REFERENCE));
    tp_buf_printf(&b, "</desc>\n<defs><pattern id=\"tp-focus-%s\" width=\"6\" height=\"6\" "
                    "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" "
                    "fill=\"#2f5fb3\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#ffffff\" "
                    "stroke-width=\"2.5\"/></pattern></defs>\n",
                  tp_bench_column(c));
    tp_buf_puts(&b, "<text x=\"10\" y=\"18\" font-size=\"14\" font-weight=\"bold\" fill=\"currentColor\">");
    tp_xml_escape(&b, title);
    if (tp_bench_lower_better(c))
        tp_buf_puts(&b, tp_text(lang, TX_BENCH_LOWER_PAREN));
    tp_buf_puts(&b, "</text>\n");
    if (!n)
        tp_buf_printf(&b, "<text x=\"10\" y=\"%.0f\" fill=\"currentColor\">%s</text>\n", S_TOP + 16,
                      tp_text(lang, TX_BENCH_NO_VALUE));
    else
        S_axis(&b, c, max, step, S_TOP, bottom, lang);
    for (size_t i = 0; i < n; i++)
        S_bar(&b, bm, c, bars[i].org, S_TOP + S_ROW * (double)i, max);
    /* Label rows: the survey's at 38, the peer median's at 56 — never the same row. */
    if (n && c == TP_COL_CONTACT_RATE) {
        char label[96], num[TP_NUMBUF];
        snprintf(label, sizeof label, "State of the CIO 2016: %s", tp_fmt_pct(num, lang, bm->reference_contact_rate));
        S_marker(&b, S_x(bm->reference_contact_rate, max), 40, bottom, "2 3", label);
    }
    if (n && !isnan(bm->peer_median[c])) {
        char label[96], num[TP_NUMBUF];
        snprintf(label, sizeof label, "%s: %s", tp_text(lang, TX_BENCH_PEER_MEDIAN),
                 tp_bench_ratio(c) ? tp_fmt_pct(num, lang, bm->peer_median[c]) : tp_fmt_dec1(num, lang, bm->peer_median[c]));
        S_marker(&b, S_x(bm->peer_median[c], max), 58, bottom, "6 4", label);
    }
    tp_buf_puts(&b, "</svg>\n");
    char *svg = b.nomem ? NULL : tp_strndup(a, b.data, b.len);
    tp_buf_free(&b);
    return svg;
}

tp_status tp_render_bench_charts(const tp_benchmark *bm, tp_render_target *t)
{
    tp_arena *a = t->arena;
    tp_chart *charts = tp_calloc(a, TP_NCOLS, sizeof *charts);
    if (!charts)
        return TP_ERR_NOMEM;
    for (int c = 0; c < TP_NCOLS; c++) {
        charts[c].name = tp_sprintf(a, "bench_%s.svg", tp_bench_column(c));
        charts[c].title = tp_bench_label(c, tp_bench_lang(bm));
        charts[c].svg = S_column_chart(a, bm, c);
        if (!charts[c].name || !charts[c].svg)
            return TP_ERR_NOMEM;
    }
    t->charts = charts;
    t->ncharts = TP_NCOLS;
    return TP_OK;
}

tp_status tp_render_bench_html(const tp_benchmark *bm, tp_render_target *t)
{
    tp_buf md;
    tp_buf_init(&md);
    tp_render_target mt = {.out = &md, .arena = tp_arena_new()};
    tp_page page = {
        .title = tp_text(tp_bench_lang(bm), TX_BENCH_TITLE),
        .organization = NULL,
        .period = &bm->period,
        .generated = bm->generated,
        .lang = tp_bench_lang(bm),
    };
    tp_status st = mt.arena ? tp_render_bench_md(bm, &mt) : TP_ERR_NOMEM;
    if (st == TP_OK)
        st = tp_render_bench_charts(bm, &mt);
    if (st == TP_OK) {
        /* The page shows its own title and period: skip the Markdown's first lines. */
        const char *body = md.data ? md.data : "";
        const char *values = strstr(body, "\n## ");
        body = values ? values + 1 : body;
        st = tp_html_page(&page, NULL, body, strlen(body), mt.charts, mt.ncharts, t->template_text, t->out);
    }
    tp_buf_free(&md);
    tp_arena_free(mt.arena);
    return st;
}
