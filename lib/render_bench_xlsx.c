/* render_bench_xlsx.c — benchmark.xlsx: values with the peer median and the
 * survey's reference, percentile ranks, and a native chart per column. */
#include "render.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

typedef struct {
    const tp_benchmark *b;
    lxw_workbook *wb;
    lxw_format *head, *pct, *dec, *bold;
    lxw_error err;
    bool pt;          /* --lang pt */
    const char *values_sheet;
    char label[128];  /* the last S_label */
} S_ctx;

static void S_check(S_ctx *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
        x->err = e;
}

static bool S_ratio(int c) { return c != TP_COL_HOURS_PER_HEAD && c != TP_COL_BACON_MEDIAN; }

/* en or pt, by the benchmark's language */
static const char *S_tx(const S_ctx *x, const char *en, const char *pt)
{
    return x->pt ? pt : en;
}

/* A column's heading, saying when lower is better. */
static const char *S_label(S_ctx *x, int c)
{
    snprintf(x->label, sizeof x->label, "%s%s", tp_bench_label(c, x->pt ? "pt" : "en"),
             !tp_bench_lower_better(c) ? "" : S_tx(x, " (lower is better)", " (mais baixo é melhor)"));
    return x->label;
}

/* A number, or an empty cell for null. */
static void S_number(S_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v, lxw_format *f)
{
    if (!isnan(v))
        S_check(x, worksheet_write_number(ws, row, col, v, f));
}

static void S_header(S_ctx *x, lxw_worksheet *ws, const char *first, bool source)
{
    S_check(x, worksheet_write_string(ws, 0, 0, first, x->head));
    lxw_col_t col = 1;
    if (source)
        S_check(x, worksheet_write_string(ws, 0, col++, S_tx(x, "Source", "Origem"), x->head));
    for (int c = 0; c < TP_NCOLS; c++)
        S_check(x, worksheet_write_string(ws, 0, col++, S_label(x, c), x->head));
    worksheet_freeze_panes(ws, 1, 1);
    S_check(x, worksheet_set_column(ws, 0, 0, 32, NULL));
    S_check(x, worksheet_set_column(ws, 1, col - 1, 18, NULL));
}

/* Values sheet: one row per organisation, then the peer median and the reference. */
static lxw_worksheet *S_values(S_ctx *x)
{
    const tp_benchmark *b = x->b;
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, x->values_sheet);
    if (!ws)
        return NULL;
    S_header(x, ws, S_tx(x, "Organisation", "Organização"), true);
    for (size_t i = 0; i < b->norgs; i++) {
        lxw_row_t row = (lxw_row_t)(i + 1);
        S_check(x, worksheet_write_string(ws, row, 0, b->orgs[i].name, b->orgs[i].focus ? x->bold : NULL));
        S_check(x, worksheet_write_string(ws, row, 1, b->orgs[i].source, NULL));
        for (int c = 0; c < TP_NCOLS; c++)
            S_number(x, ws, row, (lxw_col_t)(c + 2), b->orgs[i].values[c], S_ratio(c) ? x->pct : x->dec);
    }
    lxw_row_t last = (lxw_row_t)b->norgs;
    S_check(x, worksheet_autofilter(ws, 0, 0, last, TP_NCOLS + 1));
    S_check(x, worksheet_write_string(ws, last + 1, 0, S_tx(x, "Peer median", "Mediana dos pares"), x->bold));
    for (int c = 0; c < TP_NCOLS; c++)
        S_number(x, ws, last + 1, (lxw_col_t)(c + 2), b->peer_median[c], S_ratio(c) ? x->pct : x->dec);
    S_check(x, worksheet_write_string(ws, last + 2, 0, "State of the CIO 2016", x->bold));
    S_check(x, worksheet_write_string(ws, last + 2, 1,
                                      S_tx(x, "CIO.com: nearly two-thirds of 571 IT leaders",
                                           "CIO.com: quase dois terços de 571 líderes de TI"),
                                      NULL));
    S_number(x, ws, last + 2, 2, b->reference_contact_rate, x->pct);
    return ws;
}

static void S_ranks(S_ctx *x)
{
    const tp_benchmark *b = x->b;
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, S_tx(x, "Percentile ranks", "Posição (percentil)"));
    if (!ws) {
        S_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    S_header(x, ws, S_tx(x, "Organisation", "Organização"), false);
    for (size_t i = 0; i < b->norgs; i++) {
        lxw_row_t row = (lxw_row_t)(i + 1);
        S_check(x, worksheet_write_string(ws, row, 0, b->orgs[i].name, b->orgs[i].focus ? x->bold : NULL));
        for (int c = 0; c < TP_NCOLS; c++)
            S_number(x, ws, row, (lxw_col_t)(c + 1), b->orgs[i].ranks[c], x->dec);
    }
    S_check(x, worksheet_autofilter(ws, 0, 0, (lxw_row_t)b->norgs, TP_NCOLS));
}

/* A bar chart per column, below the values table. */
static void S_charts(S_ctx *x, lxw_worksheet *ws)
{
    const tp_benchmark *b = x->b;
    if (!b->norgs)
        return;
    lxw_row_t first = 1, last = (lxw_row_t)b->norgs, at = last + 5;
    for (int c = 0; c < TP_NCOLS; c++) {
        lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_BAR);
        if (!ch) {
            S_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return;
        }
        lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
        chart_series_set_categories(s, x->values_sheet, first, 0, last, 0);
        chart_series_set_values(s, x->values_sheet, first, (lxw_col_t)(c + 2), last, (lxw_col_t)(c + 2));
        chart_title_set_name(ch, S_label(x, c)); /* copied by libxlsxwriter */
        chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
        lxw_chart_options o = {.x_offset = 0, .y_offset = 0, .x_scale = 1.2, .y_scale = 0.9,
                               .description = (char *)S_label(x, c)};
        S_check(x, worksheet_insert_chart_opt(ws, at + (lxw_row_t)(16 * (c / 2)), (lxw_col_t)(c % 2 ? 5 : 0), ch, &o));
    }
}

tp_status tp_render_bench_xlsx(const tp_benchmark *b, const char *path)
{
    bool pt = tp_bench_pt(b);
    S_ctx x = {.b = b, .pt = pt, .values_sheet = pt ? "Comparação" : "Benchmark"};
    if (!(x.wb = workbook_new(path)))
        return TP_ERR_OUTPUT;
    x.head = workbook_add_format(x.wb);
    x.pct = workbook_add_format(x.wb);
    x.dec = workbook_add_format(x.wb);
    x.bold = workbook_add_format(x.wb);
    if (x.head && x.pct && x.dec && x.bold) {
        format_set_bold(x.head);
        format_set_bold(x.bold);
        format_set_num_format(x.pct, "0.0%");
        format_set_num_format(x.dec, "#,##0.0");
        char title[128];
        snprintf(title, sizeof title, "%s — %s", S_tx(&x, "Benchmark", "Comparação de organizações"),
                 b->period.label);
        lxw_doc_properties p = {.title = title, .created = tp_generated_seconds(b->generated)};
        S_check(&x, workbook_set_properties(x.wb, &p));
        lxw_worksheet *ws = S_values(&x);
        if (ws) {
            S_ranks(&x);
            S_charts(&x, ws);
        } else {
            S_check(&x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        }
    } else {
        S_check(&x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    }
    S_check(&x, workbook_close(x.wb));
    if (x.err == LXW_NO_ERROR)
        return TP_OK;
    return x.err == LXW_ERROR_MEMORY_MALLOC_FAILED ? TP_ERR_NOMEM : TP_ERR_OUTPUT;
}
