/* render_xlsx.c — the report as an Excel workbook, written by libxlsxwriter.
 *
 * The workbook is written in libxlsxwriter's constant_memory mode, so memory
 * does not grow with the number of interactions: every sheet is written
 * strictly top to bottom, one row after another. Column widths, autofilters
 * and frozen panes are set when a sheet is finished, from what was written.
 * All text goes through worksheet_write_string (never as a formula). */
#include "buf.h"
#include "escape.h"
#include "format.h"
#include "i18n.h"
#include "kpi.h"
#include "model.h"
#include "render.h"
#include "report.h"
#include "xlsx.h"

#include <ctype.h>
#include <pthread.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define S_MAX_CELL_CHARS TP_XLSX_CELL_CHARS
#define S_NAME_BYTES TP_XLSX_NAME_BYTES
#define S_ROWS_PER_SHEET TP_XLSX_ROWS_PER_SHEET
_Static_assert(TP_XLSX_NAME_BYTES == LXW_SHEETNAME_MAX * 4 + 1, "a sheet name in UTF-8");
_Static_assert(TP_XLSX_ROWS_PER_SHEET == LXW_ROW_MAX - 1, "data rows below the header");
#define S_MAX_COLS 20
#define S_MAX_WIDTH 60.0
#define S_WRAP_WIDTH 50.0 /* a chain column: its text wraps within this width */
#define S_WRAP_CHARS 45   /* characters a wrapped line is taken to hold, words kept whole */
#define S_WRAP_LINES 27   /* at most: 27 lines of 15 pt, within Excel's 409 pt a row */
#define S_EXCEL_EPOCH 25569 /* Excel's serial number of 1970-01-01 */

/* What a whole rendering shares. */
typedef struct {
    lxw_workbook *wb;
    const tp_report *r;
    lxw_format *bold, *pct, *dec, *date;
    lxw_format *num; /* a number as written (General); every number's and date's format is S_right */
    lxw_format *key, *key_head; /* Summary's Key column, indented off the numbers before it */
    lxw_format *stamp;       /* the generated time: a date-time that reads as report.json writes it */
    lxw_format *p3;          /* a p-value: 0.528, as md shows it */
    lxw_format *pp;          /* a change of a rate, in percentage points */
    tp_buf text;             /* scratch for text made fit for a cell (tp_xml_fit) */
    lxw_format *better, *worse; /* the words "better", "worse" in colour */
    lxw_format *wrap;        /* text wrapped within its column (the chains) */
    lxw_format *at[2][7];    /* a target row's rate [0] or decimal [1] with 0 to 6 decimals, made when first used */
    size_t rows_per_sheet;   /* interaction rows per sheet */
    lxw_worksheet **inter;   /* the Interactions sheets */
    size_t ninter;
    lxw_error err;           /* the first libxlsxwriter error */
} S_ctx;

/* One sheet being written top to bottom. */
typedef struct {
    S_ctx *x;
    lxw_worksheet *ws;
    lxw_row_t row;        /* the row being written */
    double width[S_MAX_COLS];
} S_sheet;

typedef void (*S_write_fn)(S_ctx *x, lxw_worksheet *ws);

/* ------------------------------------------------------------ text helpers */

/* Number of characters (code points) in UTF-8 text. */
static size_t S_utf8_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* s fit for a cell: itself, or in x->text with what XML cannot hold
 * replaced and cut to Excel's limit with "…"; NULL when out of memory. */
static const char *S_fit(S_ctx *x, const char *s)
{
    return tp_xml_fit(&x->text, s, S_MAX_CELL_CHARS, true);
}

/* True when s starts like "_x000D_", which Excel reads as an escaped
 * character rather than as the text itself. */
static bool S_is_ooxml_escape(const char *s)
{
    if (s[0] != '_' || s[1] != 'x')
        return false;
    for (int i = 2; i < 6; i++)
        if (!isxdigit((unsigned char)s[i]))
            return false;
    return s[6] == '_';
}

/* s with every "_xHHHH_" turned into "_x005F_xHHHH_" so that Excel shows
 * it as written; malloc'd, or NULL when s has none (or out of memory: *nomem). */
static char *S_escape_ooxml(const char *s, bool *nomem)
{
    size_t n = 0, len = strlen(s);
    for (const char *p = strstr(s, "_x"); p; p = strstr(p + 1, "_x"))
        n += S_is_ooxml_escape(p);
    if (n == 0)
        return NULL;
    char *out = malloc(len + 6 * n + 1), *o = out;
    if (!out) {
        *nomem = true;
        return NULL;
    }
    for (; *s; s++) {
        if (S_is_ooxml_escape(s))
            o += sprintf(o, "_x005F");
        *o++ = *s;
    }
    *o = '\0';
    return out;
}

/* xlsx.h says what makes a sheet name valid. */
void tp_xlsx_sheet_name(const char *in, char out[TP_XLSX_NAME_BYTES])
{
    tp_buf b, fit;
    tp_buf_init(&b);
    tp_buf_init(&fit);
    for (const char *p = in; *p; p++)
        tp_buf_put(&b, strchr("[]:*?/\\", *p) || (unsigned char)*p < 0x20 ? "_" : p, 1);
    size_t start = 0, end = b.len;
    while (start < end && b.data[start] == '\'')
        start++;
    while (end > start && b.data[end - 1] == '\'')
        end--;
    const char *t = NULL;
    if (end > start) {
        b.data[end] = '\0';
        t = tp_xml_fit(&fit, b.data + start, LXW_SHEETNAME_MAX, true);
    }
    snprintf(out, S_NAME_BYTES, "%s", t && *t ? t : "Sheet");
    tp_buf_free(&b);
    tp_buf_free(&fit);
}

/* --------------------------------------------------------------- cells */

static void S_check(S_ctx *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
        x->err = e;
}

static void S_widen(S_sheet *sh, lxw_col_t col, double chars)
{
    if (col < S_MAX_COLS && chars > sh->width[col])
        sh->width[col] = chars > S_MAX_WIDTH ? S_MAX_WIDTH : chars;
}

/* The characters of s when it needs nothing of S_text_fmt's care: no
 * '_' (an OOXML escape starts with one), no control character, only UTF-8
 * sequences of two bytes or of three outside E0, ED and EF (no overlong
 * form, surrogate or noncharacter can hide there), and within Excel's
 * limit. 0 otherwise: the slow path decides. Most cells of a big sheet
 * (ids, names, titles) take this one pass. */
static size_t S_plain_chars(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    for (; *p; n++) {
        unsigned char c = p[0];
        if (c >= 0x20 && c < 0x7F && c != '_') {
            p++;
        } else if (c >= 0xC2 && c <= 0xDF && (p[1] & 0xC0) == 0x80) {
            p += 2;
        } else if (((c >= 0xE1 && c <= 0xEC) || c == 0xEE) && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
            p += 3;
        } else {
            return 0;
        }
        if (n >= S_MAX_CELL_CHARS)
            return 0;
    }
    return n;
}

/* Text as a string cell, cut to Excel's limit; NULL or "" leaves it empty. */
static void S_text_fmt(S_sheet *sh, lxw_col_t col, const char *s, lxw_format *f)
{
    if (!s || !*s)
        return;
    size_t plain = S_plain_chars(s);
    if (plain) {
        S_check(sh->x, worksheet_write_string(sh->ws, sh->row, col, s, f));
        S_widen(sh, col, (double)plain);
        return;
    }
    const char *t = S_fit(sh->x, s);
    if (!t) {
        S_check(sh->x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    bool nomem = false;
    char *esc = S_escape_ooxml(t, &nomem);
    if (esc && S_utf8_len(esc) > S_MAX_CELL_CHARS) { /* absurd: keep the cut text */
        free(esc);
        esc = NULL;
    }
    if (nomem)
        S_check(sh->x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    S_check(sh->x, worksheet_write_string(sh->ws, sh->row, col, esc ? esc : t, f));
    free(esc);
    S_widen(sh, col, (double)S_utf8_len(t));
}

static void S_text(S_sheet *sh, lxw_col_t col, const char *s) { S_text_fmt(sh, col, s, NULL); }

/* About how many characters v takes shown in format f. */
static double S_num_width(const S_ctx *x, double v, lxw_format *f)
{
    char buf[64];
    if (f == x->pct)
        return snprintf(buf, sizeof buf, "%.1f%%", v * 100);
    if (f == x->pp)
        return snprintf(buf, sizeof buf, "%.1f pp", v);
    if (f == x->p3)
        return snprintf(buf, sizeof buf, "%.3f", v);
    int n = snprintf(buf, sizeof buf, f == x->dec ? "%.1f" : "%.15g", v);
    return n + (f == x->dec ? (n - 2) / 3 : 0); /* thousands separators */
}

/* A number in format f; NaN (null) leaves the cell empty. */
static void S_num(S_sheet *sh, lxw_col_t col, double v, lxw_format *f)
{
    if (!isfinite(v))
        return;
    S_check(sh->x, worksheet_write_number(sh->ws, sh->row, col, v, f ? f : sh->x->num));
    S_widen(sh, col, S_num_width(sh->x, v, f));
}

static void S_pct(S_sheet *sh, lxw_col_t col, double v) { S_num(sh, col, v, sh->x->pct); }
static void S_dec(S_sheet *sh, lxw_col_t col, double v) { S_num(sh, col, v, sh->x->dec); }

/* A count as an integer. */
static void S_count(S_sheet *sh, lxw_col_t col, long v)
{
    S_check(sh->x, worksheet_write_number(sh->ws, sh->row, col, (double)v, sh->x->num));
    int digits = v < 0 ? 2 : 1; /* as "%ld" writes it */
    for (unsigned long u = v < 0 ? 0 - (unsigned long)v : (unsigned long)v; u >= 10; u /= 10)
        digits++;
    S_widen(sh, col, digits);
}

/* An optional count (TP_COUNT_NONE or TP_NONE: empty). */
static void S_opt_count(S_sheet *sh, lxw_col_t col, long v)
{
    if (v >= 0)
        S_count(sh, col, v);
}

/* A day number as an Excel date; TP_DATE_NONE leaves the cell empty. */
static void S_date(S_sheet *sh, lxw_col_t col, tp_date d)
{
    if (d == TP_DATE_NONE)
        return;
    S_check(sh->x, worksheet_write_number(sh->ws, sh->row, col, (double)d + S_EXCEL_EPOCH,
                                          sh->x->date));
    S_widen(sh, col, 10);
}

static void S_bool(S_sheet *sh, lxw_col_t col, bool v)
{
    S_check(sh->x, worksheet_write_boolean(sh->ws, sh->row, col, v, NULL));
    S_widen(sh, col, 5);
}

/* "fewer than N" or "withheld" in place of a hidden group's counts. */
static void S_fewer(S_sheet *sh, lxw_col_t col, bool withheld)
{
    char buf[96];
    S_text(sh, col, tp_hidden_text(sh->x->r, withheld, buf, sizeof buf));
}

/* -------------------------------------------------------------- tables */

static S_sheet S_begin(S_ctx *x, lxw_worksheet *ws)
{
    S_sheet sh = {.x = x, .ws = ws};
    return sh;
}

static const char *S_tx(const S_ctx *x, tp_text_id id) { return tp_text(tp_report_lang(x->r), id); }

/* The name of Interactions sheet k (from 0): "Interactions", "Interactions (2)", ... */
static void S_interaction_sheet_name(const S_ctx *x, size_t k, char out[S_NAME_BYTES])
{
    char raw[S_NAME_BYTES + 32];
    snprintf(raw, sizeof raw, k ? "%s (%zu)" : "%s", S_tx(x, TX_SHEET_INTERACTIONS), k + 1);
    tp_xlsx_sheet_name(raw, out);
}

/* Writes a bold header row of n headings at the current row and moves on. */
static void S_header_row(S_sheet *sh, const tp_text_id *heads, lxw_col_t n)
{
    for (lxw_col_t c = 0; c < n; c++)
        S_text_fmt(sh, c, S_tx(sh->x, heads[c]), heads[c] == TX_H_KEY ? sh->x->key_head : sh->x->bold);
    sh->row++;
}

/* The header of a table of nrows rows at row 0: bold, frozen, with an
 * autofilter (set now: constant_memory refuses rows already written). */
static void S_header(S_sheet *sh, const tp_text_id *heads, lxw_col_t n, size_t nrows)
{
    S_check(sh->x, worksheet_autofilter(sh->ws, 0, 0, (lxw_row_t)nrows, n - 1));
    S_header_row(sh, heads, n);
    worksheet_freeze_panes(sh->ws, 1, 0);
    /* Printed: landscape, one page wide, the header on every page. */
    worksheet_set_landscape(sh->ws);
    worksheet_fit_to_pages(sh->ws, 1, 0);
    S_check(sh->x, worksheet_repeat_rows(sh->ws, 0, 0));
}

/* S_header of heads but those in left_out (the columns that name people,
 * under --min-group). */
static void S_header_without(S_sheet *sh, const tp_text_id *heads, lxw_col_t n, const tp_text_id *left_out,
                             size_t nleft, size_t nrows)
{
    tp_text_id kept[S_MAX_COLS];
    lxw_col_t k = 0;
    for (lxw_col_t c = 0; c < n && k < S_MAX_COLS; c++) {
        bool out = false;
        for (size_t j = 0; j < nleft; j++)
            out |= heads[c] == left_out[j];
        if (!out)
            kept[k++] = heads[c];
    }
    S_header(sh, kept, k, nrows);
}

/* Fits the column widths to what was written. */
static void S_finish(S_sheet *sh)
{
    for (lxw_col_t c = 0; c < S_MAX_COLS; c++)
        if (sh->width[c] > 0)
            S_check(sh->x, worksheet_set_column(sh->ws, c, c, sh->width[c] + 2, NULL));
}

/* ------------------------------------------------------------- Summary */

#define S_NO_TEXT TX_COUNT_ /* a row without a label */

static void S_kpi_cell(S_sheet *sh, lxw_col_t col, const tp_kpi_def *k, double v)
{
    if (k->kind == TP_KPI_RATIO)
        S_pct(sh, col, v);
    else if (k->kind == TP_KPI_DEC)
        S_dec(sh, col, v);
    else
        S_num(sh, col, v, NULL);
}

/* A figure of tp_kpi_defs: its label, its key in report.json's "kpis"
 * (also written on the sheet, so a formula or a script can find it
 * whatever the language), its value as its kind reads, and its change. */
/* A figure's key in Summary's Key column, which follows a column of
 * numbers: indented, so that a number does not run into it. */
static void S_key(S_sheet *sh, const char *key)
{
    S_text_fmt(sh, 4, key, sh->x->key);
    S_widen(sh, 4, (double)strlen(key) + 2);
}

static void S_kpi_row(S_sheet *sh, const tp_kpi_def *k)
{
    const tp_report *r = sh->x->r;
    double v = tp_kpi_value(&r->kpis, k);
    char label[160];
    S_text(sh, 0, tp_kpi_label(tp_report_lang(r), k, label, sizeof label));
    S_key(sh, k->path);
    S_kpi_cell(sh, 1, k, v);
    if (r->has_previous) {
        double p = tp_kpi_value(&r->previous, k);
        S_kpi_cell(sh, 2, k, p);
        if (k->kind == TP_KPI_RATIO) /* in percentage points, as md says it: 9.4 pp, not a relative 9.4% */
            S_num(sh, 3, (v - p) * 100.0, sh->x->pp);
        else
            S_kpi_cell(sh, 3, k, v - p);
        /* better or worse in words as well as colour (SPEC §5) */
        int j = tp_kpi_judgement(k, v, p);
        if (j >= 0)
            S_text_fmt(sh, 5, S_tx(sh->x, (tp_text_id)j),
                       j == TX_BETTER ? sh->x->better : j == TX_WORSE ? sh->x->worse : NULL);
    }
    sh->row++;
}

static void S_label_text(S_sheet *sh, tp_text_id label, const char *key, const char *value)
{
    if (label != S_NO_TEXT)
        S_text(sh, 0, S_tx(sh->x, label));
    S_text(sh, 1, value);
    S_key(sh, key);
    sh->row++;
}

/* A time as report.json writes it (2026-10-01T06:00:00Z), in a date-time
 * cell that sorts and computes; text when it is not of that form. */
static void S_label_stamp(S_sheet *sh, tp_text_id label, const char *key, const char *value)
{
    time_t t = tp_generated_seconds(value);
    if (!t && !(value && !strcmp(value, "1970-01-01T00:00:00Z"))) { /* 0: not of that form, unless it is the epoch */
        S_label_text(sh, label, key, value);
        return;
    }
    S_text(sh, 0, S_tx(sh->x, label));
    S_check(sh->x, worksheet_write_number(sh->ws, sh->row, 1, (double)t / 86400.0 + S_EXCEL_EPOCH, sh->x->stamp));
    S_widen(sh, 1, 20);
    S_key(sh, key);
    sh->row++;
}

static void S_label_date(S_sheet *sh, tp_text_id label, const char *key, tp_date value)
{
    S_text(sh, 0, S_tx(sh->x, label));
    S_date(sh, 1, value);
    S_key(sh, key);
    sh->row++;
}

/* Organisation, period and generated time, then every figure. */
static void S_summary_figures(S_sheet *sh)
{
    S_ctx *x = sh->x;
    const tp_report *r = x->r;
    static const tp_text_id head[] = {TX_FIGURE, TX_THIS_PERIOD, TX_PREVIOUS, TX_CHANGE, TX_H_KEY, TX_JUDGEMENT};
    S_header(sh, head, 6, 6 + tp_nkpi_defs);
    S_label_text(sh, TX_ORGANIZATION, "organization", r->organization);
    S_label_text(sh, TX_PERIOD, "period.label", r->period.label);
    S_label_date(sh, TX_PERIOD_START, "period.start", r->period.start);
    S_label_date(sh, TX_PERIOD_END, "period.end", r->period.end);
    S_label_stamp(sh, TX_GENERATED, "generated", r->generated);
    S_text(sh, 0, S_tx(x, TX_PREVIOUS_PERIOD));
    S_label_text(sh, TX_COUNT_, "previous.period.label",
                 r->has_previous ? r->previous_period.label : NULL);
    for (size_t i = 0; i < tp_nkpi_defs; i++)
        S_kpi_row(sh, &tp_kpi_defs[i]);
}

static lxw_format *S_format(lxw_workbook *wb, const char *num, bool bold);
static lxw_format *S_right(lxw_format *f);

/* The number format of a target's row: the figure's own, with the decimals
 * its bounds need to read as written (tp_target_decimals). */
static lxw_format *S_target_format(S_ctx *x, const tp_kpi_def *d, int decimals)
{
    bool rate = d->kind == TP_KPI_RATIO;
    if (!rate && d->kind != TP_KPI_DEC && !decimals)
        return NULL; /* a whole count, as written; with decimals, a decimal's format */
    if (decimals == 1)
        return rate ? x->pct : x->dec;
    lxw_format **f = &x->at[rate ? 0 : 1][decimals];
    if (!*f) {
        char num[32];
        snprintf(num, sizeof num, "%s%s%.*s%s", rate ? "0" : "#,##0", decimals ? "." : "", decimals, "000000",
                 rate ? "%" : "");
        if (!(*f = S_right(S_format(x->wb, num, false))))
            S_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    }
    return *f;
}

/* The definition's targets: the figure, its bounds, the value, met in words and a symbol. */
static void S_targets_block(S_sheet *sh)
{
    S_ctx *x = sh->x;
    const tp_report *r = x->r;
    static const tp_text_id head[] = {TX_TARGET, TX_MIN, TX_MAX, TX_THIS_PERIOD, TX_H_KEY, TX_STATUS};
    if (r->ntargets == 0)
        return;
    S_header_row(sh, head, 6);
    for (size_t i = 0; i < r->ntargets; i++, sh->row++) {
        const tp_target_row *t = &r->targets[i];
        const tp_kpi_def *d = tp_kpi_find(t->kpi);
        char label[160];
        S_text(sh, 0, tp_kpi_label(tp_report_lang(r), d, label, sizeof label));
        lxw_format *f = d ? S_target_format(x, d, tp_target_decimals(d, t->min, t->max)) : NULL;
        if (!isnan(t->min))
            S_num(sh, 1, t->min, f);
        if (!isnan(t->max))
            S_num(sh, 2, t->max, f);
        if (!isnan(t->value))
            S_num(sh, 3, t->value, f);
        S_key(sh, t->kpi);
        S_text_fmt(sh, 5, S_tx(x, t->met < 0 ? TX_NO_VALUE : t->met ? TX_MET : TX_NOT_MET),
                   t->met == 1 ? x->better : t->met == 0 ? x->worse : NULL);
    }
    sh->row++;
}

/* Where a chart's data lies on Summary. */
typedef struct {
    lxw_row_t first, last; /* data rows, inclusive; last < first when none */
} S_block;

static S_block S_bacon_block(S_sheet *sh)
{
    static const tp_text_id head[] = {TX_BACON, TX_N};
    const char *names[TP_NBUCKETS] = {"1", "2", "3", "4+", S_tx(sh->x, TX_NONE_BUCKET)};
    S_header_row(sh, head, 2);
    S_block b = {sh->row, sh->row + TP_NBUCKETS - 1};
    for (int i = 0; i < TP_NBUCKETS; i++) {
        S_text(sh, 0, names[i]);
        S_count(sh, 1, sh->x->r->kpis.bacon[i]);
        sh->row++;
    }
    return b;
}

/* Contact rate per team whose counts may be shown. */
static S_block S_team_block(S_sheet *sh)
{
    static const tp_text_id head[] = {TX_TEAM, TX_CONTACT_RATE};
    const tp_report *r = sh->x->r;
    S_header_row(sh, head, 2);
    S_block b = {sh->row, sh->row - 1};
    for (size_t i = 0; i < r->nby_team; i++) {
        const tp_team_row *t = &r->by_team[i];
        if (t->hidden || isnan(t->contact_rate))
            continue;
        S_text(sh, 0, t->team);
        S_pct(sh, 1, t->contact_rate);
        b.last = sh->row++;
    }
    return b;
}

static void S_summary_notes(S_sheet *sh)
{
    S_ctx *x = sh->x;
    char buf[400], first[S_NAME_BYTES], last[S_NAME_BYTES];
    if (x->ninter > 1) {
        S_interaction_sheet_name(x, 1, first);
        S_interaction_sheet_name(x, x->ninter - 1, last);
        snprintf(buf, sizeof buf, S_tx(x, TX_NOTE_MORE_SHEETS), first, last);
        S_text(sh, 0, buf);
        sh->row++;
    }
    if (x->r->opt && x->r->opt->min_group > 1) {
        snprintf(buf, sizeof buf, S_tx(x, TX_NOTE_MIN_GROUP), x->r->opt->min_group, S_tx(x, TX_SHEET_PEOPLE));
        S_text(sh, 0, buf);
        sh->row++;
    }
}

static void S_add_chart(S_ctx *x, lxw_worksheet *ws, lxw_chart *c, lxw_row_t row, const char *alt)
{
    lxw_chart_options o = {.x_scale = 1, .y_scale = 1, .description = (char *)alt};
    S_check(x, worksheet_insert_chart_opt(ws, row, 6, c, &o)); /* right of the table */
}

/* A chart of one series: categories in column 0 and values in column 1 of
 * the rows of b on sheet; NULL when out of memory. */
static lxw_chart *S_chart1(S_ctx *x, uint8_t type, const char *sheet, S_block b,
                           const char *title, const char *name)
{
    lxw_chart *c = workbook_add_chart(x->wb, type);
    if (!c)
        return NULL;
    lxw_chart_series *s = chart_add_series(c, NULL, NULL);
    if (!s)
        return NULL;
    chart_series_set_categories(s, sheet, b.first, 0, b.last, 0);
    chart_series_set_values(s, sheet, b.first, 1, b.last, 1);
    chart_series_set_name(s, name);
    chart_title_set_name(c, title);
    chart_legend_set_position(c, LXW_CHART_LEGEND_NONE);
    return c;
}

static void S_summary_charts(S_ctx *x, lxw_worksheet *ws, S_block bacon, S_block teams)
{
    lxw_chart *c = S_chart1(x, LXW_CHART_COLUMN, S_tx(x, TX_SHEET_SUMMARY), bacon, S_tx(x, TX_CHART_BACON),
                            S_tx(x, TX_N));
    if (!c)
        S_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    else
        S_add_chart(x, ws, c, 1, S_tx(x, TX_CHART_BACON_DESC));
    if (teams.last < teams.first)
        return;
    c = S_chart1(x, LXW_CHART_BAR, S_tx(x, TX_SHEET_SUMMARY), teams, S_tx(x, TX_CHART_BY_TEAM),
                 S_tx(x, TX_CONTACT_RATE));
    if (!c) {
        S_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    /* In a bar chart x_axis is the value axis, drawn horizontally. */
    chart_axis_set_num_format(c->x_axis, "0%");
    chart_axis_set_min(c->x_axis, 0);
    chart_axis_set_max(c->x_axis, 1);
    chart_axis_set_reverse(c->y_axis);      /* teams top to bottom, as in the table */
    chart_axis_set_crossing_max(c->y_axis); /* and the value axis below them */
    S_add_chart(x, ws, c, 17, S_tx(x, TX_CHART_BY_TEAM_DESC));
}

static void S_write_summary(S_ctx *x, lxw_worksheet *ws)
{
    S_sheet sh = S_begin(x, ws);
    S_summary_figures(&sh);
    sh.row++;
    S_targets_block(&sh);
    S_block bacon = S_bacon_block(&sh);
    sh.row++;
    S_block teams = S_team_block(&sh);
    sh.row++;
    S_summary_notes(&sh);
    S_finish(&sh);
    S_summary_charts(x, ws, bacon, teams); /* printed as every sheet: landscape, one page wide (S_header) */
}

/* --------------------------------------------------------------- Teams */

static void S_write_teams(S_ctx *x, lxw_worksheet *ws)
{
    static const tp_text_id head[] = {TX_TEAM,         TX_HEADCOUNT,     TX_WITH_CONTACT_SHORT, TX_REGULAR,
                                      TX_CONTACT_RATE, TX_CONTACT_HOURS, TX_MEDIAN_BACON_SHORT};
    const tp_report *r = x->r;
    S_sheet sh = S_begin(x, ws);
    S_header(&sh, head, 7, r->nby_team);
    for (size_t i = 0; i < r->nby_team; i++, sh.row++) {
        const tp_team_row *t = &r->by_team[i];
        S_text(&sh, 0, t->team);
        if (t->hidden) {
            S_fewer(&sh, 1, t->withheld);
            continue;
        }
        S_count(&sh, 1, t->headcount);
        S_count(&sh, 2, t->with_contact);
        S_count(&sh, 3, t->regular);
        S_pct(&sh, 4, t->contact_rate); /* null: empty */
        S_dec(&sh, 5, t->contact_hours);
        S_opt_count(&sh, 6, t->bacon_median);
    }
    S_finish(&sh);
}

/* -------------------------------------------------------------- People */

static const char *S_class_name(const S_ctx *x, int c)
{
    static const tp_text_id names[] = {TX_V_REGULAR, TX_V_OCCASIONAL, TX_V_NONE, TX_V_ALL};
    return c >= 0 && c < 4 ? S_tx(x, names[c]) : "";
}

/* A chain as text ("Ravi Singh → Tolga Kaya (works with) → …"), nothing
 * without a line of sight; wrapped within S_WRAP_WIDTH, so that all of it
 * shows on screen and printed, not only what the last column holds. Its
 * row is made as tall as its lines (LibreOffice does not grow a row for
 * wrapped text on its own), so this comes before the row's other
 * cells: constant_memory writes a row's height with the row. */
static void S_chain(S_sheet *sh, lxw_col_t col, const tp_chain *ch)
{
    if (ch->n == 0)
        return;
    tp_buf b;
    tp_buf_init(&b);
    tp_chain_text(&b, sh->x->r, ch, tp_buf_puts);
    if (b.nomem) {
        S_check(sh->x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    } else {
        size_t lines = (S_utf8_len(b.data) + S_WRAP_CHARS - 1) / S_WRAP_CHARS;
        if (lines > S_WRAP_LINES)
            lines = S_WRAP_LINES;
        if (lines > 1)
            S_check(sh->x, worksheet_set_row(sh->ws, sh->row, LXW_DEF_ROW_HEIGHT * (double)lines, NULL));
        S_text_fmt(sh, col, b.data, sh->x->wrap);
        if (col < S_MAX_COLS && sh->width[col] > S_WRAP_WIDTH)
            sh->width[col] = S_WRAP_WIDTH;
    }
    tp_buf_free(&b);
}

static void S_person_row(S_sheet *sh, const tp_person_row *p)
{
    S_chain(sh, 10, &p->chain); /* first: it sets the row's height */
    S_text(sh, 0, p->id);
    S_text(sh, 1, p->name);
    S_text(sh, 2, p->team);
    S_text(sh, 3, S_class_name(sh->x, p->contact_class));
    S_count(sh, 4, p->contact_months);
    S_count(sh, 5, p->interactions);
    S_dec(sh, 6, p->contact_hours);
    S_opt_count(sh, 7, p->bacon);
    S_pct(sh, 8, p->distant_ratio);
    S_bool(sh, 9, p->at_risk);
}

static void S_write_people(S_ctx *x, lxw_worksheet *ws)
{
    static const tp_text_id head[] = {TX_H_ID,          TX_H_NAME,          TX_TEAM,
                                      TX_H_CONTACT_CLASS, TX_H_CONTACT_MONTHS, TX_INTERACTIONS,
                                      TX_CONTACT_HOURS,   TX_H_BACON,          TX_H_DISTANT_SHARE,
                                      TX_AT_RISK_COL,     TX_LINE_OF_SIGHT};
    const tp_report *r = x->r;
    S_sheet sh = S_begin(x, ws);
    if (r->opt && r->opt->min_group > 1) {
        char buf[200];
        snprintf(buf, sizeof buf, S_tx(x, TX_PEOPLE_LEFT_OUT), r->opt->min_group);
        S_text(&sh, 0, buf);
        S_finish(&sh);
        worksheet_set_landscape(ws);
        worksheet_fit_to_pages(ws, 1, 0);
        return;
    }
    S_header(&sh, head, 11, r->npeople);
    for (size_t i = 0; i < r->npeople; i++, sh.row++)
        S_person_row(&sh, &r->people[i]);
    S_finish(&sh);
}

/* -------------------------------------------------------- Interactions */

/* One interaction; its people (a column of their own) only when people
 * may be named: --min-group leaves everything per person out (SPEC §4). */
static void S_interaction_row(S_sheet *sh, const tp_interaction_row *ir, bool people)
{
    const tp_interaction *i = ir->rec;
    const tp_interaction_extra *x = i->extra;
    lxw_col_t c = 0;
    S_date(sh, c++, i->date);
    S_text(sh, c++, tp_model_type_label(sh->x->r, i->type));
    if (people)
        S_text(sh, c++, ir->people);
    S_text(sh, c++, ir->customers);
    S_dec(sh, c++, i->hours);
    S_opt_count(sh, c++, x ? (long)x->calls : TP_COUNT_NONE);
    S_opt_count(sh, c++, x ? (long)x->conversations : TP_COUNT_NONE);
    S_opt_count(sh, c++, x ? (long)x->leads : TP_COUNT_NONE);
    S_count(sh, c++, (long)i->ninsights);
    S_count(sh, c++, (long)i->nactions);
    S_count(sh, c++, i->acts ? (long)i->acts->done : 0);
    S_count(sh, c++, i->acts ? (long)i->acts->attested : 0);
    S_text(sh, c++, ir->title);
    S_text(sh, c++, ir->notes);
    S_text(sh, c++, ir->event);
    S_text(sh, c++, ir->file);
    if (ir->file && ir->line > 0)
        S_count(sh, c, ir->line);
}

/* One Interactions sheet: rows [from, to) of r->interactions. */
static void S_interaction_sheet(S_ctx *x, lxw_worksheet *ws, size_t from, size_t to)
{
    static const tp_text_id head[] = {
        TX_DATE,    TX_TYPE,   TX_PEOPLE,     TX_CUSTOMERS, TX_HOURS,   TX_H_CALLS, TX_H_CONVERSATIONS, TX_H_LEADS,
        TX_INSIGHTS, TX_ACTIONS, TX_H_DONE,   TX_H_ATTESTED, TX_H_TITLE, TX_H_NOTES, TX_H_EVENT, TX_H_FILE,
        TX_H_LINE};
    static const tp_text_id people_col[] = {TX_PEOPLE};
    bool people = !(x->r->opt && x->r->opt->min_group > 1);
    S_sheet sh = S_begin(x, ws);
    S_header_without(&sh, head, 17, people_col, people ? 0 : 1, to - from);
    for (size_t i = from; i < to && x->err == LXW_NO_ERROR; i++, sh.row++)
        S_interaction_row(&sh, &x->r->interactions[i], people);
    S_finish(&sh);
}

static void S_write_interactions(S_ctx *x, lxw_worksheet *ws)
{
    (void)ws; /* x->inter[0] */
    size_t n = x->r->ninteractions, per = x->rows_per_sheet;
    for (size_t k = 0; k < x->ninter; k++) {
        size_t from = k * per, to = from + per < n ? from + per : n;
        S_interaction_sheet(x, x->inter[k], from, to);
    }
}

/* ---------------------------------------------------------- Cross-tabs */

static void S_cell_row(S_sheet *sh, const tp_crosstab_row *ct, int c)
{
    const tp_cell *cell = &ct->cells[c];
    S_text(sh, 0, tp_crosstab_label(sh->x->r, ct));
    S_text(sh, 1, ct->field);
    S_text(sh, 2, ct->equals);
    S_text(sh, 3, S_class_name(sh->x, c));
    if (cell->hidden) {
        S_fewer(sh, 4, cell->withheld);
        return;
    }
    S_count(sh, 4, cell->n);
    S_count(sh, 5, cell->k);
    S_pct(sh, 6, cell->pct);
    S_pct(sh, 7, cell->lo);
    S_pct(sh, 8, cell->hi);
    S_num(sh, 9, ct->p_value, sh->x->p3);
}

static void S_write_crosstabs(S_ctx *x, lxw_worksheet *ws)
{
    static const tp_text_id head[] = {TX_H_CROSSTAB, TX_H_FIELD,   TX_H_EQUALS,  TX_H_CLASS,    TX_H_N,
                                      TX_H_K,        TX_H_PERCENT, TX_H_CI_LOW,  TX_H_CI_HIGH,  TX_H_P_VALUE};
    S_sheet sh = S_begin(x, ws);
    S_header(&sh, head, 10, x->r->ncrosstabs * TP_NCELLS);
    for (size_t i = 0; i < x->r->ncrosstabs; i++)
        for (int c = 0; c < TP_NCELLS; c++, sh.row++)
            S_cell_row(&sh, &x->r->crosstabs[i], c);
    S_finish(&sh);
}

/* --------------------------------------------------------------- Trend */

static void S_trend_chart(S_ctx *x, lxw_worksheet *ws, lxw_row_t last)
{
    lxw_chart *c = workbook_add_chart(x->wb, LXW_CHART_LINE);
    lxw_chart_series *s1 = c ? chart_add_series(c, NULL, NULL) : NULL;
    lxw_chart_series *s2 = c ? chart_add_series(c, NULL, NULL) : NULL;
    if (!s1 || !s2) {
        S_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    const char *trend = S_tx(x, TX_SHEET_TREND);
    chart_series_set_categories(s1, trend, 1, 0, last, 0);
    chart_series_set_values(s1, trend, 1, 3, last, 3);
    chart_series_set_name(s1, S_tx(x, TX_CONTACT_RATE));
    chart_series_set_categories(s2, trend, 1, 0, last, 0);
    chart_series_set_values(s2, trend, 1, 4, last, 4);
    chart_series_set_name(s2, S_tx(x, TX_REGULAR_RATE));
    chart_title_set_name(c, S_tx(x, TX_CHART_TREND));
    chart_axis_set_num_format(c->y_axis, "0%");
    chart_axis_set_min(c->y_axis, 0);
    chart_axis_set_max(c->y_axis, 1);
    chart_legend_set_position(c, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options o = {.x_scale = 1, .y_scale = 1,
                           .description = (char *)S_tx(x, TX_CHART_TREND_DESC)};
    S_check(x, worksheet_insert_chart_opt(ws, 1, 8, c, &o));
}

static void S_write_trend(S_ctx *x, lxw_worksheet *ws)
{
    static const tp_text_id head[] = {TX_PERIOD_COL,   TX_H_START,        TX_H_END,
                                      TX_CONTACT_RATE, TX_H_REGULAR_RATE, TX_HOURS_PER_HEAD,
                                      TX_MEDIAN_BACON_SHORT};
    const tp_report *r = x->r;
    S_sheet sh = S_begin(x, ws);
    S_header(&sh, head, 7, r->ntrend);
    for (size_t i = 0; i < r->ntrend; i++, sh.row++) {
        const tp_trend_point *t = &r->trend[i];
        S_text(&sh, 0, t->period.label);
        S_date(&sh, 1, t->period.start);
        S_date(&sh, 2, t->period.end);
        S_pct(&sh, 3, t->kpis.contact_rate);
        S_pct(&sh, 4, t->kpis.regular_rate);
        S_dec(&sh, 5, t->kpis.contact_hours_per_head);
        S_opt_count(&sh, 6, t->kpis.bacon_median);
    }
    S_finish(&sh);
    if (r->ntrend > 0)
        S_trend_chart(x, ws, sh.row - 1);
}

/* ------------------------------------------------------------ Projects */

static void S_write_projects(S_ctx *x, lxw_worksheet *ws)
{
    static const tp_text_id head[] = {TX_H_ID, TX_H_NAME, TX_H_BACON, TX_PEOPLE, TX_LINE_OF_SIGHT};
    bool chains = !(x->r->opt && x->r->opt->min_group > 1); /* chains name people */
    S_sheet sh = S_begin(x, ws);
    S_header(&sh, head, chains ? 5 : 4, x->r->nprojects);
    for (size_t i = 0; i < x->r->nprojects; i++, sh.row++) {
        const tp_project_row *p = &x->r->projects[i];
        if (chains)
            S_chain(&sh, 4, &p->chain); /* first: it sets the row's height */
        S_text(&sh, 0, p->id);
        S_text(&sh, 1, p->name);
        S_opt_count(&sh, 2, p->bacon);
        S_count(&sh, 3, p->people);
    }
    S_finish(&sh);
}

/* ----------------------------------------------------------- Customers */

/* The paying customers nobody met, then coverage by segment below them. */
static void S_write_customers(S_ctx *x, lxw_worksheet *ws)
{
    static const tp_text_id head[] = {TX_H_ID, TX_H_NAME, TX_SEGMENT};
    static const tp_text_id seg_head[] = {TX_SEGMENT, TX_PAYING, TX_H_TOUCHED, TX_SHARE};
    const tp_report *r = x->r;
    const char *none = S_tx(x, TX_NO_SEGMENT);
    S_sheet sh = S_begin(x, ws);
    S_header(&sh, head, 3, r->nuntouched);
    for (size_t i = 0; i < r->nuntouched; i++, sh.row++) {
        S_text(&sh, 0, r->untouched[i].id);
        S_text(&sh, 1, r->untouched[i].name);
        S_text(&sh, 2, r->untouched[i].segment ? r->untouched[i].segment : none);
    }
    if (r->nuntouched == 0) { /* an empty table says why, as md does; the text spills over, the Id column stays narrow */
        S_check(x, worksheet_write_string(sh.ws, sh.row, 0, S_tx(x, TX_NO_UNTOUCHED), NULL));
        sh.row++;
    }
    sh.row++; /* a blank row between the two tables */
    S_header_row(&sh, seg_head, 4);
    for (size_t i = 0; i < r->nsegments; i++, sh.row++) {
        const tp_segment_row *g = &r->segments[i];
        S_text(&sh, 0, g->segment ? g->segment : none);
        S_count(&sh, 1, g->paying);
        S_count(&sh, 2, g->touched);
        S_pct(&sh, 3, g->share);
    }
    S_finish(&sh);
}

/* ------------------------------------------------------------ Requests */

static const char *S_status_name(const S_ctx *x, tp_request_status s)
{
    static const tp_text_id names[] = {TX_V_COVERED, TX_V_PLANNED, TX_V_GAP, TX_V_DECLINED};
    return (unsigned)s < 4 ? S_tx(x, names[s]) : "";
}

static void S_write_requests(S_ctx *x, lxw_worksheet *ws)
{
    static const tp_text_id head[] = {TX_H_ID, TX_DATE, TX_CUSTOMER, TX_STATUS, TX_VOTES, TX_TEXT};
    S_sheet sh = S_begin(x, ws);
    S_header(&sh, head, 6, x->r->nrequests);
    for (size_t i = 0; i < x->r->nrequests; i++, sh.row++) {
        const tp_request_row *q = &x->r->requests[i];
        S_text(&sh, 0, q->id);
        S_date(&sh, 1, q->rec->date);
        S_text(&sh, 2, q->customer);
        S_text(&sh, 3, S_status_name(x, q->rec->status));
        S_count(&sh, 4, q->rec->votes < 0 ? 0 : (long)q->rec->votes); /* absent counts as 0 (SPEC §3) */
        S_text(&sh, 5, q->text);
    }
    S_finish(&sh);
}

/* ---------------------------------------------------------- Follow-ups */

/* The display names at idx joined with ", ", in buf (cut when long). */
static const char *S_names(const int *idx, size_t n, const char *const *names, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && len + 1 < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? ", " : "", names[idx[i]]);
    return buf;
}

static void S_followup_row(S_sheet *sh, const tp_followup_row *f, tp_text_id list, bool owners)
{
    const tp_report *r = sh->x->r;
    char names[4096];
    lxw_col_t c = 0;
    S_text(sh, c++, S_tx(sh->x, list));
    S_date(sh, c++, f->rec->date);
    S_text(sh, c++, tp_model_type_label(r, f->rec->type));
    S_text(sh, c++, f->interaction);
    S_text(sh, c++, S_names(f->rec->customers, f->rec->ncustomers, r->customer_name, names, sizeof names));
    if (owners) {
        S_text(sh, c++, f->action->owner >= 0 ? r->person_label[f->action->owner] : NULL);
        S_text(sh, c++, f->action->owner >= 0 ? r->person_name[f->action->owner] : NULL);
    }
    S_text(sh, c++, f->text);
    S_count(sh, c, f->age_days);
}

/* Every open follow-up of P, then every one awaiting attestation; owners
 * are left out with --min-group. */
static void S_write_followups(S_ctx *x, lxw_worksheet *ws)
{
    static const tp_text_id head[] = {TX_LIST,  TX_DATE,         TX_TYPE, TX_INTERACTION_ID, TX_CUSTOMERS,
                                      TX_OWNER, TX_H_OWNER_NAME, TX_TEXT, TX_AGE_DAYS};
    static const tp_text_id owner_cols[] = {TX_OWNER, TX_H_OWNER_NAME};
    const tp_report *r = x->r;
    bool owners = !(r->opt && r->opt->min_group > 1);
    S_sheet sh = S_begin(x, ws);
    S_header_without(&sh, head, 9, owner_cols, owners ? 0 : 2, r->nfollowups + r->nawaiting);
    for (size_t i = 0; i < r->nfollowups && x->err == LXW_NO_ERROR; i++, sh.row++)
        S_followup_row(&sh, &r->followups[i], TX_OPEN_SHORT, owners);
    for (size_t i = 0; i < r->nawaiting && x->err == LXW_NO_ERROR; i++, sh.row++)
        S_followup_row(&sh, &r->awaiting[i], TX_AWAITING_SHORT, owners);
    S_finish(&sh);
}

/* ---------------------------------------------------------------- Tags */

static void S_write_tags(S_ctx *x, lxw_worksheet *ws)
{
    static const tp_text_id head[] = {TX_TAG, TX_INSIGHTS, TX_CUSTOMERS};
    S_sheet sh = S_begin(x, ws);
    S_header(&sh, head, 3, x->r->ntags);
    for (size_t i = 0; i < x->r->ntags; i++, sh.row++) {
        S_text(&sh, 0, x->r->tags[i].tag);
        S_count(&sh, 1, x->r->tags[i].insights);
        S_count(&sh, 2, x->r->tags[i].customers);
    }
    S_finish(&sh);
}

/* ------------------------------------------------------------ workbook */

/* The sheets in workbook order; Interactions may take several sheets. */
static const struct {
    tp_text_id name;
    S_write_fn write;
} S_SHEETS[] = {
    {TX_SHEET_SUMMARY, S_write_summary},     {TX_SHEET_TEAMS, S_write_teams},
    {TX_SHEET_PEOPLE, S_write_people},       {TX_SHEET_INTERACTIONS, S_write_interactions},
    {TX_SHEET_CROSSTABS, S_write_crosstabs}, {TX_SHEET_TREND, S_write_trend},
    {TX_SHEET_PROJECTS, S_write_projects},   {TX_SHEET_REQUESTS, S_write_requests},
    {TX_SHEET_CUSTOMERS, S_write_customers}, {TX_SHEET_FOLLOWUPS, S_write_followups},
    {TX_SHEET_TAGS, S_write_tags},
};
#define S_NSHEETS (sizeof S_SHEETS / sizeof S_SHEETS[0])

/* Adds the Interactions sheets: "Interactions", "Interactions (2)", ...
 * (in the report's language). */
static lxw_worksheet *S_add_interaction_sheets(S_ctx *x)
{
    size_t n = x->r->ninteractions, per = x->rows_per_sheet;
    x->ninter = n == 0 ? 1 : n / per + (n % per != 0);
    free(x->inter); /* NULL unless called twice */
    x->inter = calloc(x->ninter, sizeof *x->inter);
    if (!x->inter)
        return NULL;
    for (size_t k = 0; k < x->ninter; k++) {
        char name[S_NAME_BYTES];
        S_interaction_sheet_name(x, k, name);
        if (!(x->inter[k] = workbook_add_worksheet(x->wb, name)))
            return NULL;
    }
    return x->inter[0];
}

/* Adds every sheet in order, then writes each top to bottom. */
static void S_write_sheets(S_ctx *x)
{
    lxw_worksheet *ws[S_NSHEETS];
    for (size_t i = 0; i < S_NSHEETS; i++) {
        ws[i] = S_SHEETS[i].write == S_write_interactions
                    ? S_add_interaction_sheets(x)
                    : workbook_add_worksheet(x->wb, S_tx(x, S_SHEETS[i].name));
        if (!ws[i]) {
            S_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return;
        }
    }
    for (size_t i = 0; i < S_NSHEETS && x->err == LXW_NO_ERROR; i++)
        S_SHEETS[i].write(x, ws[i]);
}

/* A number's or date's format: right-aligned, a character off the cell's
 * right edge, so that it never runs into the text of the next column
 * (Votes, then Text; Date, then Customer). */
static lxw_format *S_right(lxw_format *f)
{
    if (f) {
        format_set_align(f, LXW_ALIGN_RIGHT);
        format_set_indent(f, 1);
    }
    return f;
}

static lxw_format *S_format(lxw_workbook *wb, const char *num, bool bold)
{
    lxw_format *f = workbook_add_format(wb);
    if (f && num)
        format_set_num_format(f, num);
    if (f && bold)
        format_set_bold(f);
    return f;
}

static bool S_formats(S_ctx *x)
{
    x->bold = S_format(x->wb, NULL, true);
    x->num = S_right(S_format(x->wb, NULL, false));
    x->pct = S_right(S_format(x->wb, "0.0%", false));
    x->dec = S_right(S_format(x->wb, "#,##0.0", false));
    x->pp = S_right(S_format(x->wb, "0.0\" pp\"", false));
    x->date = S_right(S_format(x->wb, "yyyy-mm-dd", false));
    x->key = S_format(x->wb, NULL, false);
    x->key_head = S_format(x->wb, NULL, true);
    if (x->key && x->key_head) {
        format_set_indent(x->key, 1);
        format_set_indent(x->key_head, 1);
    }
    x->p3 = S_right(S_format(x->wb, "0.000", false));
    x->stamp = S_right(S_format(x->wb, "yyyy-mm-dd\"T\"hh:mm:ss\"Z\"", false));
    x->better = S_format(x->wb, NULL, true);
    x->worse = S_format(x->wb, NULL, true);
    x->wrap = S_format(x->wb, NULL, false);
    if (x->better && x->worse && x->wrap) {
        format_set_font_color(x->better, 0x1A7F37);
        format_set_font_color(x->worse, 0xCF222E);
        format_set_text_wrap(x->wrap);
    }
    return x->bold && x->num && x->pct && x->dec && x->pp && x->date && x->key && x->key_head && x->stamp && x->p3 && x->better && x->worse && x->wrap;
}

/* Title and creation time: the report's generated time, so that the same
 * input and SOURCE_DATE_EPOCH give byte-identical files. */
static void S_properties(S_ctx *x)
{
    tp_buf raw;
    tp_buf_init(&raw);
    tp_buf_printf(&raw, "%s%s%s", x->r->organization ? x->r->organization : "",
                  x->r->organization ? " — " : "", x->r->period.label);
    const char *title = raw.nomem ? NULL : tp_xml_fit(&x->text, raw.data, TP_XLSX_TITLE_CHARS, false);
    lxw_doc_properties p = {.title = (char *)title, .created = tp_generated_seconds(x->r->generated)};
    S_check(x, title ? workbook_set_properties(x->wb, &p) : LXW_ERROR_MEMORY_MALLOC_FAILED);
    tp_buf_free(&raw);
}

/* The directory part of path, malloc'd ("." when none); NULL when out of
 * memory. libxlsxwriter's temporary files go there, beside the output. */
static char *S_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t n = !slash ? 1 : slash == path ? 1 : (size_t)(slash - path);
    char *d = malloc(n + 1);
    if (d)
        snprintf(d, n + 1, "%.*s", (int)n, slash ? path : ".");
    return d;
}

static tp_status S_status(lxw_error e)
{
    if (e == LXW_NO_ERROR)
        return TP_OK;
    return e == LXW_ERROR_MEMORY_MALLOC_FAILED ? TP_ERR_NOMEM : TP_ERR_OUTPUT;
}

/* Opens the workbook at path, writes every sheet and closes it. */
static tp_status S_write_workbook(S_ctx *x, const char *path, char *tmpdir)
{
    FILE *probe = fopen(path, "wb"); /* fail here, before libxlsxwriter prints */
    if (!probe)
        return TP_ERR_OUTPUT;
    fclose(probe);
    lxw_workbook_options o = {.constant_memory = LXW_TRUE, .tmpdir = tmpdir};
    if (!(x->wb = workbook_new_opt(path, &o)))
        return TP_ERR_OUTPUT;
    if (S_formats(x)) {
        S_properties(x);
        S_write_sheets(x);
    } else {
        S_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    }
    S_check(x, workbook_close(x->wb)); /* frees the workbook in any case */
    return S_status(x->err);
}

/* tp_render_xlsx with a chosen number of interaction rows per sheet. */
tp_status tp_render_xlsx_rows(const tp_report *r, const char *path, size_t rows_per_sheet)
{
    S_ctx x = {.r = r, .rows_per_sheet = rows_per_sheet ? rows_per_sheet : 1};
    char *tmpdir = S_dirname(path);
    tp_status st = tmpdir ? S_write_workbook(&x, path, tmpdir) : TP_ERR_NOMEM;
    free(x.inter);
    tp_buf_free(&x.text);
    free(tmpdir);
    return st;
}

tp_status tp_render_xlsx(const tp_report *r, tp_render_target *t)
{
    return tp_render_xlsx_rows(r, t->path, S_ROWS_PER_SHEET);
}
