/* render_bench.c — benchmark.json (schema touchpoint/benchmark-v1) and benchmark.md. */
#include "internal.h"
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

tp_status tp_render_bench_json(const tp_benchmark *bm, tp_buf *b)
{
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

static const struct {
    const char *en, *pt;
    bool ratio;      /* shown as a percentage */
    bool lower_better;
} col_info[TP_NCOLS] = {
    {"Contact rate", "Taxa de contacto", true, false},
    {"Regular rate", "Taxa de contacto regular", true, false},
    {"Contact hours per head", "Horas de contacto por pessoa", false, false},
    {"Median bacon", "Bacon mediano", false, true},
    {"At-risk share", "Parte em risco", true, true},
    {"Attested rate", "Taxa atestada", true, false},
    {"Request coverage", "Cobertura de pedidos", true, false},
};

bool tp_bench_pt(const tp_benchmark *bm) { return bm->opt && bm->opt->lang && !strcmp(bm->opt->lang, "pt"); }

const char *tp_bench_label(int col, const char *lang)
{
    return lang && !strcmp(lang, "pt") ? col_info[col].pt : col_info[col].en;
}

bool tp_bench_lower_better(int col) { return col_info[col].lower_better; }

static void S_cell(tp_buf *b, const tp_benchmark *bm, int c, double v)
{
    char buf[TP_NUMBUF];
    const char *lang = tp_bench_pt(bm) ? "pt" : "en";
    if (isnan(v))
        tp_buf_puts(b, TP_DASH);
    else if (col_info[c].ratio)
        tp_buf_puts(b, tp_fmt_pct(buf, lang, v));
    else
        tp_buf_puts(b, tp_fmt_dec1(buf, lang, v));
}

static void S_header(tp_buf *b, const tp_benchmark *bm, const char *first)
{
    tp_buf_printf(b, "| %s |", first);
    for (int c = 0; c < TP_NCOLS; c++)
        tp_buf_printf(b, " %s%s |", tp_bench_pt(bm) ? col_info[c].pt : col_info[c].en, col_info[c].lower_better ? " ↓" : "");
    tp_buf_puts(b, "\n| --- |");
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
        for (int c = 0; c < TP_NCOLS; c++) {
            tp_buf_puts(b, " ");
            if (!ranks)
                S_cell(b, bm, c, o->values[c]);
            else if (isnan(o->ranks[c]))
                tp_buf_puts(b, TP_DASH);
            else
                tp_buf_puts(b, tp_fmt_dec1(buf, tp_bench_pt(bm) ? "pt" : "en", o->ranks[c]));
            tp_buf_puts(b, " |");
        }
        tp_buf_puts(b, "\n");
    }
}

tp_status tp_render_bench_md(const tp_benchmark *bm, tp_buf *b)
{
    bool pt = tp_bench_pt(bm);
    char s[16], e[16];
    tp_date_format(bm->period.start, s);
    tp_date_format(bm->period.end, e);
    tp_buf_printf(b, "# %s\n\n", pt ? "Comparação de organizações" : "Benchmark of organisations");
    tp_buf_printf(b, "**%s:** %s (%s – %s) · **%s:** %s\n\n", pt ? "Período" : "Period", bm->period.label, s, e,
                  pt ? "Gerado" : "Generated", bm->generated ? bm->generated : "");
    tp_buf_printf(b, "%s\n\n", pt ? "↓ indica que um valor mais baixo é melhor (bacon, parte em risco)."
                                  : "↓ marks a column where lower is better (bacon, at-risk share).");
    tp_buf_printf(b, "## %s\n\n", pt ? "Valores" : "Values");
    S_header(b, bm, pt ? "Organização" : "Organisation");
    S_rows(b, bm, false);
    tp_buf_printf(b, "| *%s* |", pt ? "Mediana dos pares" : "Peer median");
    for (int c = 0; c < TP_NCOLS; c++) {
        tp_buf_puts(b, " ");
        S_cell(b, bm, c, bm->peer_median[c]);
        tp_buf_puts(b, " |");
    }
    tp_buf_printf(b, "\n| *" REFERENCE_NAME " (" REFERENCE_SOURCE ")* |");
    for (int c = 0; c < TP_NCOLS; c++) {
        tp_buf_puts(b, " ");
        S_cell(b, bm, c, c == TP_COL_CONTACT_RATE ? bm->reference_contact_rate : NAN);
        tp_buf_puts(b, " |");
    }
    tp_buf_printf(b, "\n\n## %s\n\n%s\n\n", pt ? "Posição (percentil)" : "Percentile rank",
                  pt ? "Posição a meio: 100 × (abaixo + ½ × iguais) / número de organizações com valor. Um valor mais "
                       "alto tem sempre uma posição mais alta."
                     : "Mid-rank: 100 × (below + ½ × equal) / organisations with a value. A higher value always has a "
                       "higher rank.");
    S_header(b, bm, pt ? "Organização" : "Organisation");
    S_rows(b, bm, true);
    tp_buf_printf(b, "\n## %s\n\n", pt ? "Posição de cada organização" : "Where each organisation stands");
    for (int c = 0; c < TP_NCOLS; c++)
        tp_buf_printf(b, "![%s](charts/bench_%s.svg)\n\n", pt ? col_info[c].pt : col_info[c].en, tp_bench_column(c));
    tp_buf_printf(b, "%s\n",
                  pt ? "Referência: State of the CIO 2016 (CIO.com): quase dois terços de 571 líderes de TI reúnem-se "
                       "com clientes externos."
                     : "Reference: State of the CIO 2016 (CIO.com): nearly two-thirds of 571 IT leaders meet external "
                       "customers.");
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

/* x position of value v on a scale of 0..max over width w from x0. */
static double S_x(double v, double max, double x0, double w) { return x0 + (max > 0 ? v / max : 0) * w; }

/* A vertical marker line with its label above the bars. */
static void S_marker(tp_buf *b, double x, double top, double bottom, const char *dash, const char *label)
{
    tp_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"currentColor\" "
                     "stroke-width=\"1.5\" stroke-dasharray=\"%s\"/>\n",
                  x, top, x, bottom, dash);
    tp_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\" fill=\"currentColor\">", x,
                  top - 4);
    tp_xml_escape(b, label);
    tp_buf_puts(b, "</text>\n");
}

/* One column: a bar per organisation with a value, highest first; the focus
 * organisation outlined and in bold; the peer median dashed; for the contact
 * rate, the survey's reference dotted. */
static char *S_column_chart(tp_arena *a, const tp_benchmark *bm, int c)
{
    bool pt = tp_bench_pt(bm);
    const char *lang = pt ? "pt" : "en";
    bar *bars = tp_calloc(a, bm->norgs + 1, sizeof *bars);
    if (!bars)
        return NULL;
    size_t n = 0;
    double max = col_info[c].ratio ? 1.0 : 0;
    for (size_t i = 0; i < bm->norgs; i++)
        if (!isnan(bm->orgs[i].values[c])) {
            bars[n++] = (bar){&bm->orgs[i], bm->orgs[i].values[c]};
            if (bm->orgs[i].values[c] > max)
                max = bm->orgs[i].values[c];
        }
    qsort(bars, n, sizeof *bars, S_cmp_bar);
    const double x0 = 210, w = 330, top = 62, row = 24;
    double h = top + row * (double)(n ? n : 1) + 12;
    tp_buf b;
    tp_buf_init(&b);
    const char *title = pt ? col_info[c].pt : col_info[c].en;
    tp_buf_printf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 620 %.0f\" role=\"img\" "
                      "font-family=\"system-ui, sans-serif\">\n<title>", h);
    tp_xml_escape(&b, title);
    tp_buf_puts(&b, "</title>\n<desc>");
    tp_buf_puts(&b, pt ? "Valor de cada organização, do mais alto ao mais baixo; a tracejado, a mediana dos pares."
                       : "Each organisation's value, highest first; dashed, the peer median.");
    if (col_info[c].lower_better)
        tp_buf_puts(&b, pt ? " Aqui, mais baixo é melhor." : " Here, lower is better.");
    if (c == TP_COL_CONTACT_RATE)
        tp_buf_puts(&b, pt ? " A ponteado, a referência State of the CIO 2016 (65%, CIO.com)."
                           : " Dotted, the State of the CIO 2016 reference (65%, CIO.com).");
    tp_buf_puts(&b, "</desc>\n<text x=\"10\" y=\"18\" font-size=\"14\" font-weight=\"bold\" fill=\"currentColor\">");
    tp_xml_escape(&b, title);
    if (col_info[c].lower_better)
        tp_buf_puts(&b, pt ? " (mais baixo é melhor)" : " (lower is better)");
    tp_buf_puts(&b, "</text>\n");
    if (!n)
        tp_buf_printf(&b, "<text x=\"10\" y=\"%.0f\" fill=\"currentColor\">%s</text>\n", top + 16,
                      pt ? "Nenhuma organização tem valor." : "No organisation has a value.");
    for (size_t i = 0; i < n; i++) {
        double y = top + row * (double)i;
        bool focus = bars[i].org->focus;
        char num[TP_NUMBUF];
        tp_buf_printf(&b, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\" fill=\"currentColor\"%s>",
                      x0 - 8, y + 15, focus ? " font-weight=\"bold\"" : "");
        tp_xml_escape(&b, bars[i].org->name);
        tp_buf_printf(&b, "</text>\n<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"%s\"%s/>\n", x0,
                      y + 3, S_x(bars[i].v, max, 0, w), focus ? "#2f5fb3" : "#7a9fd6",
                      focus ? " stroke=\"currentColor\" stroke-width=\"2\"" : "");
        tp_buf_printf(&b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"currentColor\">%s</text>\n",
                      S_x(bars[i].v, max, x0, w) + 4, y + 15,
                      col_info[c].ratio ? tp_fmt_pct(num, lang, bars[i].v) : tp_fmt_dec1(num, lang, bars[i].v));
    }
    double bottom = top + row * (double)(n ? n : 1);
    if (n && !isnan(bm->peer_median[c]))
        S_marker(&b, S_x(bm->peer_median[c], max, x0, w), top - 8, bottom, "6 4", pt ? "mediana" : "peer median");
    if (n && c == TP_COL_CONTACT_RATE)
        S_marker(&b, S_x(bm->reference_contact_rate, max, x0, w), top - 22, bottom, "2 3", "State of the CIO 2016");
    tp_buf_puts(&b, "</svg>\n");
    char *svg = b.nomem ? NULL : tp_strndup(a, b.data, b.len);
    tp_buf_free(&b);
    return svg;
}

tp_status tp_render_bench_charts(tp_arena *a, const tp_benchmark *bm, tp_chart **out, size_t *n)
{
    tp_chart *charts = tp_calloc(a, TP_NCOLS, sizeof *charts);
    if (!charts)
        return TP_ERR_NOMEM;
    for (int c = 0; c < TP_NCOLS; c++) {
        charts[c].name = tp_sprintf(a, "bench_%s.svg", tp_bench_column(c));
        charts[c].title = tp_bench_pt(bm) ? col_info[c].pt : col_info[c].en;
        charts[c].svg = S_column_chart(a, bm, c);
        if (!charts[c].name || !charts[c].svg)
            return TP_ERR_NOMEM;
    }
    *out = charts;
    *n = TP_NCOLS;
    return TP_OK;
}

tp_status tp_render_bench_html(const tp_benchmark *bm, const char *template_text, tp_buf *out)
{
    tp_arena *a = tp_arena_new();
    tp_buf md;
    tp_buf_init(&md);
    tp_chart *charts = NULL;
    size_t n = 0;
    bool pt = tp_bench_pt(bm);
    tp_page page = {
        .title = pt ? "Comparação de organizações" : "Benchmark of organisations",
        .organization = NULL,
        .period = &bm->period,
        .generated = bm->generated,
        .lang = pt ? "pt" : "en",
    };
    tp_status st = a ? tp_render_bench_md(bm, &md) : TP_ERR_NOMEM;
    if (st == TP_OK)
        st = tp_render_bench_charts(a, bm, &charts, &n);
    if (st == TP_OK) {
        /* The page shows its own title and period: skip the Markdown's first lines. */
        const char *body = md.data ? md.data : "";
        const char *values = strstr(body, "\n## ");
        body = values ? values + 1 : body;
        st = tp_html_page(&page, NULL, body, strlen(body), charts, n, template_text, out);
    }
    tp_buf_free(&md);
    tp_arena_free(a);
    return st;
}
