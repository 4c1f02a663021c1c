/* render_bench_xlsx.c — benchmark.xlsx: values with n, the peer median,
 * the survey's reference and (with --focus) the Fisher test; percentile
 * ranks; the 95% intervals; and a native bar chart per column on a sheet of
 * its own. Every sheet prints landscape, fitted to the page width, with
 * columns as wide as their headers.
 *
 * libxlsxwriter 1.1.4 cannot combine a line with bars, so the peer median
 * and the survey's reference are bars of their own (the rows below the
 * organisations), each set apart by its fill and border, as is the focus
 * organisation (a hatch and a heavy outline, not colour alone). */
#include "benchmark.h"
#include "buf.h"
#include "escape.h"
#include "format.h"
#include "i18n.h"
#include "render.h"
#include "xlsx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

typedef struct {
    const tp_benchmark *b;
    lxw_workbook *wb;
    lxw_format *head, *head_num, *pct, *dec, *count, *p, *bold;
    lxw_error err;
    const char *lang; /* tp_bench_lang */
    const char *values_sheet;
    char label[128];  /* the last S_label */
    tp_buf text;      /* scratch for text made fit for a cell (tp_xml_fit) */
} S_ctx;

static void S_check(S_ctx *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
        x->err = e;
}

/* Text as a string cell: what XML cannot hold replaced, cut to Excel's
 * 32,767 characters with "…" (tp_xml_fit). */
static void S_string(S_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s, lxw_format *f)
{
    const char *t = tp_xml_fit(&x->text, s ? s : "", TP_XLSX_CELL_CHARS, true);
    S_check(x, t ? worksheet_write_string(ws, row, col, t, f) : LXW_ERROR_MEMORY_MALLOC_FAILED);
}

static const char *S_tx(const S_ctx *x, tp_text_id id) { return tp_text(x->lang, id); }

/* A column's heading, saying when lower is better. */
static const char *S_label(S_ctx *x, int c)
{
    snprintf(x->label, sizeof x->label, "%s%s", tp_bench_label(c, x->lang),
             !tp_bench_lower_better(c) ? "" : S_tx(x, TX_BENCH_LOWER_PAREN));
    return x->label;
}

/* Characters (not bytes) of UTF-8 text. */
static size_t S_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Column col at least as wide as text (and a little padding), so no header is cut. */
static void S_fit(double *widths, lxw_col_t col, const char *text)
{
    double w = (double)S_chars(text) + 2;
    if (w > widths[col])
        widths[col] = w > 60 ? 60 : w;
}

/* A number, or an empty cell for null. */
static void S_number(S_ctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v, lxw_format *f)
{
    if (!isnan(v))
        S_check(x, worksheet_write_number(ws, row, col, v, f));
}

#define S_MAXCOLS 32

/* A sheet: its header row in bold (right-aligned over numbers, from column
 * nleft on), frozen, repeated on every printed page; landscape, fitted to
 * one page across. */
static lxw_worksheet *S_sheet(S_ctx *x, const char *name, const char *const *heads, int n, int nleft,
                              double *widths)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    if (!ws) {
        S_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        S_string(x, ws, 0, (lxw_col_t)i, heads[i], i >= nleft ? x->head_num : x->head);
        widths[i] = 10;
        S_fit(widths, (lxw_col_t)i, heads[i]);
    }
    worksheet_freeze_panes(ws, 1, 1);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    S_check(x, worksheet_repeat_rows(ws, 0, 0));
    return ws;
}

static void S_widths(S_ctx *x, lxw_worksheet *ws, const double *widths, int n)
{
    for (int i = 0; i < n; i++)
        S_check(x, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL));
}

/* The headings of the values sheet: organisation, source, the columns, the n. */
static int S_value_heads(S_ctx *x, char store[][128], const char **heads)
{
    int n = 0;
    heads[n++] = S_tx(x, TX_BENCH_ORG);
    heads[n++] = S_tx(x, TX_BENCH_SOURCE);
    for (int c = 0; c < TP_NCOLS; c++) {
        snprintf(store[c], 128, "%s", S_label(x, c));
        heads[n++] = store[c];
    }
    heads[n++] = S_tx(x, TX_BENCH_N_STAFF);
    heads[n++] = S_tx(x, TX_BENCH_N_DONE);
    heads[n++] = S_tx(x, TX_BENCH_N_REQUESTS);
    return n;
}

/* With --focus: the Fisher p-values against the peers and what they say. */
static void S_focus_rows(S_ctx *x, lxw_worksheet *ws, lxw_row_t row, double *widths)
{
    const tp_benchmark *b = x->b;
    if (!b->focus)
        return;
    tp_buf title;
    tp_buf_init(&title);
    tp_buf_printf(&title, "%s: %s", S_tx(x, TX_BENCH_P_VALUE), b->focus->name);
    if (title.nomem)
        S_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    else
        S_string(x, ws, row, 0, title.data, x->bold);
    tp_buf_free(&title);
    S_string(x, ws, row + 1, 0, S_tx(x, TX_BENCH_VERDICT), x->bold);
    if (!b->npeers) {
        S_string(x, ws, row, 1, S_tx(x, TX_BENCH_NO_PEERS), NULL);
        return;
    }
    for (int c = 0; c < TP_NCOLS; c++) {
        double p = b->focus_p[c];
        if (isnan(p))
            continue;
        S_number(x, ws, row, (lxw_col_t)(c + 2), p, x->p);
        const char *words = S_tx(x, p >= 0.05 ? TX_BENCH_WITHIN_CHANCE : TX_BENCH_BEYOND_CHANCE);
        S_string(x, ws, row + 1, (lxw_col_t)(c + 2), words, NULL);
        S_fit(widths, (lxw_col_t)(c + 2), words);
    }
}

/* Values sheet: one row per organisation, then the peer median and the reference. */
static lxw_worksheet *S_values(S_ctx *x)
{
    const tp_benchmark *b = x->b;
    char store[TP_NCOLS][128];
    const char *heads[S_MAXCOLS];
    double widths[S_MAXCOLS] = {0};
    int ncols = S_value_heads(x, store, heads);
    lxw_worksheet *ws = S_sheet(x, x->values_sheet, heads, ncols, 2, widths);
    if (!ws)
        return NULL;
    for (size_t i = 0; i < b->norgs; i++) {
        const tp_bench_org *o = &b->orgs[i];
        lxw_row_t row = (lxw_row_t)(i + 1);
        S_string(x, ws, row, 0, o->name, o->focus ? x->bold : NULL);
        S_fit(widths, 0, o->name);
        S_string(x, ws, row, 1, o->source, NULL);
        S_fit(widths, 1, o->source);
        for (int c = 0; c < TP_NCOLS; c++)
            S_number(x, ws, row, (lxw_col_t)(c + 2), o->values[c], tp_bench_ratio(c) ? x->pct : x->dec);
        S_number(x, ws, row, TP_NCOLS + 2, (double)o->n[TP_COL_CONTACT_RATE], x->count);
        S_number(x, ws, row, TP_NCOLS + 3, (double)o->n[TP_COL_ATTESTED_RATE], x->count);
        S_number(x, ws, row, TP_NCOLS + 4, (double)o->n[TP_COL_REQUEST_COVERAGE], x->count);
    }
    lxw_row_t last = (lxw_row_t)b->norgs;
    S_check(x, worksheet_autofilter(ws, 0, 0, last, (lxw_col_t)(ncols - 1)));
    const char *median = S_tx(x, TX_BENCH_PEER_MEDIAN);
    S_string(x, ws, last + 1, 0, median, x->bold);
    S_fit(widths, 0, median);
    S_fit(widths, 0, "State of the CIO 2016");
    for (int c = 0; c < TP_NCOLS; c++)
        S_number(x, ws, last + 1, (lxw_col_t)(c + 2), b->peer_median[c], tp_bench_ratio(c) ? x->pct : x->dec);
    S_string(x, ws, last + 2, 0, "State of the CIO 2016", x->bold);
    S_string(x, ws, last + 2, 1, S_tx(x, TX_BENCH_REFERENCE_SHORT), NULL);
    S_number(x, ws, last + 2, 2, b->reference_contact_rate, x->pct);
    S_focus_rows(x, ws, last + 4, widths);
    S_widths(x, ws, widths, ncols);
    return ws;
}

static void S_ranks(S_ctx *x)
{
    const tp_benchmark *b = x->b;
    char store[TP_NCOLS][128];
    const char *heads[TP_NCOLS + 1];
    double widths[TP_NCOLS + 1] = {0};
    heads[0] = S_tx(x, TX_BENCH_ORG);
    for (int c = 0; c < TP_NCOLS; c++) {
        snprintf(store[c], sizeof store[c], "%s", S_label(x, c));
        heads[c + 1] = store[c];
    }
    lxw_worksheet *ws = S_sheet(x, S_tx(x, TX_BENCH_RANKS_SHEET), heads, TP_NCOLS + 1, 1, widths);
    if (!ws)
        return;
    for (size_t i = 0; i < b->norgs; i++) {
        lxw_row_t row = (lxw_row_t)(i + 1);
        S_string(x, ws, row, 0, b->orgs[i].name, b->orgs[i].focus ? x->bold : NULL);
        S_fit(widths, 0, b->orgs[i].name);
        for (int c = 0; c < TP_NCOLS; c++)
            S_number(x, ws, row, (lxw_col_t)(c + 1), b->orgs[i].ranks[c], x->dec);
    }
    S_check(x, worksheet_autofilter(ws, 0, 0, (lxw_row_t)b->norgs, TP_NCOLS));
    S_widths(x, ws, widths, TP_NCOLS + 1);
}

/* Each rate's Wilson 95% interval, low and high in columns of their own. */
static void S_intervals(S_ctx *x)
{
    const tp_benchmark *b = x->b;
    char store[2 * TP_NCOLS][128];
    const char *heads[2 * TP_NCOLS + 1];
    double widths[2 * TP_NCOLS + 1] = {0};
    int rate[TP_NCOLS], nrates = 0;
    heads[0] = S_tx(x, TX_BENCH_ORG);
    for (int c = 0; c < TP_NCOLS; c++)
        if (tp_bench_ratio(c)) {
            snprintf(store[2 * nrates], 128, "%s, %s", tp_bench_label(c, x->lang), S_tx(x, TX_BENCH_LOW));
            snprintf(store[2 * nrates + 1], 128, "%s, %s", tp_bench_label(c, x->lang), S_tx(x, TX_BENCH_HIGH));
            heads[1 + 2 * nrates] = store[2 * nrates];
            heads[2 + 2 * nrates] = store[2 * nrates + 1];
            rate[nrates++] = c;
        }
    int ncols = 1 + 2 * nrates;
    lxw_worksheet *ws = S_sheet(x, S_tx(x, TX_BENCH_INTERVALS_SHEET), heads, ncols, 1, widths);
    if (!ws)
        return;
    for (size_t i = 0; i < b->norgs; i++) {
        const tp_bench_org *o = &b->orgs[i];
        lxw_row_t row = (lxw_row_t)(i + 1);
        S_string(x, ws, row, 0, o->name, o->focus ? x->bold : NULL);
        S_fit(widths, 0, o->name);
        for (int r = 0; r < nrates; r++) {
            const double *ci = o->ci95[rate[r]];
            if (isnan(ci[0]))
                continue; /* n is 0: no interval */
            S_number(x, ws, row, (lxw_col_t)(1 + 2 * r), fmax(0, ci[0]), x->pct);
            S_number(x, ws, row, (lxw_col_t)(2 + 2 * r), fmin(1, ci[1]), x->pct);
        }
    }
    S_widths(x, ws, widths, ncols);
}

/* The bars' looks, told apart without colour: the focus organisation
 * hatched dark on light with a heavy outline; the peer median solid grey
 * with a dashed border; the survey dotted with a dotted border; the rest
 * plain blue. */
static lxw_chart_line S_focus_line = {.color = LXW_COLOR_BLACK, .width = 2.25f};
static lxw_chart_pattern S_focus_pattern = {.type = LXW_CHART_PATTERN_DARK_UPWARD_DIAGONAL,
                                            .fg_color = 0x1F3F7A,
                                            .bg_color = 0xA9C4EB};
static lxw_chart_fill S_median_fill = {.color = 0x8C8C8C};
static lxw_chart_line S_median_line = {.color = LXW_COLOR_BLACK, .width = 1.5f, .dash_type = LXW_CHART_LINE_DASH_DASH};
static lxw_chart_pattern S_survey_pattern = {.type = LXW_CHART_PATTERN_PERCENT_50,
                                             .fg_color = 0x404040,
                                             .bg_color = 0xFFFFFF};
static lxw_chart_line S_survey_line = {.color = LXW_COLOR_BLACK, .width = 1.5f, .dash_type = LXW_CHART_LINE_DASH_ROUND_DOT};

/* One column's chart: a bar per organisation, then the peer median and,
 * for the contact rate, the survey, on an axis from zero (in percent for a
 * rate), the first organisation at the top. */
static lxw_chart *S_chart(S_ctx *x, int c, lxw_chart_point *points, lxw_chart_point **list)
{
    const tp_benchmark *b = x->b;
    lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_BAR);
    if (!ch) {
        S_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return NULL;
    }
    lxw_row_t first = 1, last = (lxw_row_t)b->norgs + (c == TP_COL_CONTACT_RATE ? 2 : 1);
    lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
    if (!s) {
        S_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return NULL;
    }
    chart_series_set_categories(s, x->values_sheet, first, 0, last, 0);
    chart_series_set_values(s, x->values_sheet, first, (lxw_col_t)(c + 2), last, (lxw_col_t)(c + 2));
    size_t n = 0;
    for (size_t i = 0; i < b->norgs; i++) {
        points[n] = (lxw_chart_point){0};
        if (b->orgs[i].focus)
            points[n] = (lxw_chart_point){.line = &S_focus_line, .pattern = &S_focus_pattern};
        n++;
    }
    points[n++] = (lxw_chart_point){.line = &S_median_line, .fill = &S_median_fill};
    if (c == TP_COL_CONTACT_RATE)
        points[n++] = (lxw_chart_point){.line = &S_survey_line, .pattern = &S_survey_pattern};
    for (size_t i = 0; i < n; i++)
        list[i] = &points[i];
    list[n] = NULL;
    S_check(x, chart_series_set_points(s, list));
    chart_series_set_labels(s);
    chart_series_set_labels_num_format(s, tp_bench_ratio(c) ? "0.0%" : "0.0");
    chart_series_set_labels_position(s, LXW_CHART_LABEL_POSITION_OUTSIDE_END);
    chart_title_set_name(ch, S_label(x, c)); /* copied by libxlsxwriter */
    chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    /* libxlsxwriter swaps a bar chart's axes: x_axis is the value axis
     * (horizontal), y_axis the categories. */
    chart_axis_set_min(ch->x_axis, 0);
    chart_axis_set_num_format(ch->x_axis, tp_bench_ratio(c) ? "0%" : "0.0");
    if (tp_bench_ratio(c))
        chart_axis_set_max(ch->x_axis, 1);
    chart_axis_set_reverse(ch->y_axis);
    chart_axis_set_interval_unit(ch->y_axis, 1); /* every name, however many */
    chart_axis_set_crossing_max(ch->y_axis); /* the value axis stays at the bottom */
    return ch;
}

/* A sheet of charts, two across, tall enough for every bar. */
static void S_charts(S_ctx *x)
{
    const tp_benchmark *b = x->b;
    if (!b->norgs)
        return;
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, S_tx(x, TX_BENCH_CHARTS_SHEET));
    if (!ws) {
        S_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    size_t bars = b->norgs + 2;
    double height = 120 + 36 * (double)bars; /* pixels: room for every name */
    lxw_row_t rows = (lxw_row_t)ceil(height / 20) + 1;
    /* A landscape page fitted to two charts across holds about 48 rows:
     * break between rows of charts, never through one. */
    lxw_row_t per_page = rows < 48 ? 48 / rows : 1;
    lxw_row_t breaks[TP_NCOLS + 1];
    size_t nbreaks = 0;
    for (lxw_row_t r = per_page; r < (TP_NCOLS + 1) / 2; r += per_page)
        breaks[nbreaks++] = r * rows;
    breaks[nbreaks] = 0;
    if (nbreaks)
        S_check(x, worksheet_set_h_pagebreaks(ws, breaks));
    for (int c = 0; c < TP_NCOLS; c++) {
        lxw_chart_point *points = calloc(bars, sizeof *points);
        lxw_chart_point **list = calloc(bars + 1, sizeof *list);
        lxw_chart *ch = points && list ? S_chart(x, c, points, list) : NULL;
        if (ch) {
            lxw_chart_options o = {.x_scale = 1.0, .y_scale = height / 288.0, .description = (char *)S_label(x, c)};
            S_check(x, worksheet_insert_chart_opt(ws, rows * (lxw_row_t)(c / 2), (lxw_col_t)(c % 2 ? 8 : 0), ch, &o));
        } else if (!points || !list) {
            S_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        }
        free(points); /* chart_series_set_points copied them */
        free(list);
    }
}

tp_status tp_render_bench_xlsx(const tp_benchmark *b, tp_render_target *t)
{
    const char *path = t->path;
    const char *lang = tp_bench_lang(b);
    S_ctx x = {.b = b, .lang = lang, .values_sheet = tp_text(lang, TX_BENCH_VALUES_SHEET)};
    if (!(x.wb = workbook_new(path)))
        return TP_ERR_OUTPUT;
    x.head = workbook_add_format(x.wb);
    x.head_num = workbook_add_format(x.wb);
    x.pct = workbook_add_format(x.wb);
    x.dec = workbook_add_format(x.wb);
    x.count = workbook_add_format(x.wb);
    x.p = workbook_add_format(x.wb);
    x.bold = workbook_add_format(x.wb);
    if (x.head && x.head_num && x.pct && x.dec && x.count && x.p && x.bold) {
        format_set_bold(x.head);
        format_set_bold(x.head_num);
        format_set_align(x.head_num, LXW_ALIGN_RIGHT);
        format_set_bold(x.bold);
        format_set_num_format(x.pct, "0.0%");
        format_set_num_format(x.dec, "#,##0.0");
        format_set_num_format(x.count, "#,##0");
        format_set_num_format(x.p, "0.000");
        tp_buf raw;
        tp_buf_init(&raw);
        tp_buf_printf(&raw, "%s — %s", S_tx(&x, TX_BENCH_WORKBOOK_TITLE), b->period.label);
        const char *title = raw.nomem ? NULL : tp_xml_fit(&x.text, raw.data, TP_XLSX_TITLE_CHARS, false);
        lxw_doc_properties p = {.title = (char *)title, .created = tp_generated_seconds(b->generated)};
        S_check(&x, title ? workbook_set_properties(x.wb, &p) : LXW_ERROR_MEMORY_MALLOC_FAILED);
        tp_buf_free(&raw);
        if (S_values(&x)) {
            S_ranks(&x);
            S_intervals(&x);
            S_charts(&x);
        }
    } else {
        S_check(&x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    }
    S_check(&x, workbook_close(x.wb));
    tp_buf_free(&x.text);
    if (x.err == LXW_NO_ERROR)
        return TP_OK;
    return x.err == LXW_ERROR_MEMORY_MALLOC_FAILED ? TP_ERR_NOMEM : TP_ERR_OUTPUT;
}
