/* render_bench.c — benchmark.json (schema touchpoint/benchmark-v1) and benchmark.md. */
#include "internal.h"
#include "render.h"

#include <math.h>
#include <stdio.h>
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
        tp_buf_puts(b, "}");
    }
    tp_buf_puts(b, "\n  ],\n  \"peer_median\": ");
    S_values(b, bm->peer_median);
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

static bool S_pt(const tp_benchmark *bm) { return bm->opt && bm->opt->lang && !strcmp(bm->opt->lang, "pt"); }

static void S_cell(tp_buf *b, const tp_benchmark *bm, int c, double v)
{
    char buf[TP_NUMBUF];
    const char *lang = S_pt(bm) ? "pt" : "en";
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
        tp_buf_printf(b, " %s%s |", S_pt(bm) ? col_info[c].pt : col_info[c].en, col_info[c].lower_better ? " ↓" : "");
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
                tp_buf_puts(b, tp_fmt_dec1(buf, S_pt(bm) ? "pt" : "en", o->ranks[c]));
            tp_buf_puts(b, " |");
        }
        tp_buf_puts(b, "\n");
    }
}

tp_status tp_render_bench_md(const tp_benchmark *bm, tp_buf *b)
{
    bool pt = S_pt(bm);
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
    tp_buf_printf(b, "\n%s\n",
                  pt ? "Referência: State of the CIO 2016 (CIO.com): quase dois terços de 571 líderes de TI reúnem-se "
                       "com clientes externos."
                     : "Reference: State of the CIO 2016 (CIO.com): nearly two-thirds of 571 IT leaders meet external "
                       "customers.");
    return b->nomem ? TP_ERR_NOMEM : TP_OK;
}
