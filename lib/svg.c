/* svg.c — the report's charts as SVG written by hand: contact rate by team,
 * the bacon distribution, the trend, the act-and-attest funnel and the
 * contact rate of each team over time (small multiples).
 *
 * Text and axes use currentColor (a <style> in each chart picks a dark or
 * light ink by prefers-color-scheme; the HTML page overrides it with its
 * own); fills are mid-tone colours that hold contrast on white and on
 * near-black; series differ by dash pattern and marker, not colour alone.
 * Output is deterministic and locale-free (coordinates with %.1f). */
#include "arena.h"
#include "buf.h"
#include "escape.h"
#include "format.h"
#include "i18n.h"
#include "kpi.h"
#include "model.h"
#include "render.h"
#include "report.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S_W 640.0
#define S_BLUE "#2f6fdb"
#define S_AMBER "#c26a00"
#define S_TEAL "#128a6a"
#define S_FONT "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"
#define S_LABEL_CHARS 25 /* the last one "…" when cut */

typedef struct {
    tp_buf b;
    const tp_report *r;
    const char *lang;
    char num[TP_NUMBUF];
} S_svg;

static const char *S_t(const S_svg *s, tp_text_id id) { return tp_text(s->lang, id); }

/* ------------------------------------------------------------- elements */

static void S_begin(S_svg *s, double h, tp_text_id title, tp_text_id desc)
{
    tp_buf_printf(&s->b,
                  "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tp-chart\" role=\"img\" "
                  "viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" font-family=\"%s\" "
                  "font-size=\"13\" fill=\"currentColor\">\n",
                  S_W, h, S_W, h, S_FONT);
    tp_buf_puts(&s->b, "<title>");
    tp_xml_escape(&s->b, S_t(s, title));
    tp_buf_puts(&s->b, "</title>\n<desc>");
    tp_xml_escape(&s->b, S_t(s, desc));
    tp_buf_puts(&s->b, "</desc>\n<style>.tp-chart{color:#1f2328}"
                       "@media (prefers-color-scheme:dark){.tp-chart{color:#e6edf3}}"
                       "@media print{.tp-chart{color:#000}}</style>\n");
}

static void S_end(S_svg *s) { tp_buf_puts(&s->b, "</svg>\n"); }

/* Text from us or the logs, escaped; anchor is start, middle or end. */
static void S_text(S_svg *s, double x, double y, const char *anchor, const char *extra,
                   const char *text)
{
    tp_buf_printf(&s->b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>", x, y, anchor, extra);
    tp_xml_escape(&s->b, text);
    tp_buf_puts(&s->b, "</text>\n");
}

static void S_rect(S_svg *s, double x, double y, double w, double h, const char *fill)
{
    tp_buf_printf(&s->b,
                  "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
                  x, y, w, h, fill);
}

static void S_line(S_svg *s, double x1, double y1, double x2, double y2, const char *extra)
{
    tp_buf_printf(&s->b,
                  "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                  "stroke=\"currentColor\"%s/>\n",
                  x1, y1, x2, y2, extra);
}

/* Text from the logs as a label: cut to chars characters (between
 * characters, the last one "…"), a tab or line break as a space; a control
 * XML cannot hold (form feed, vertical tab) becomes U+FFFD, as in the
 * label's tooltip (SPEC §1). */
static void S_cut_text(S_svg *s, double x, double y, const char *anchor, const char *extra, const char *text,
                       size_t chars)
{
    tp_buf cut;
    tp_buf_init(&cut);
    tp_cut(&cut, text, chars, false);
    for (size_t i = 0; i < cut.len; i++)
        if (cut.data[i] == '\t' || cut.data[i] == '\n' || cut.data[i] == '\r')
            cut.data[i] = ' ';
    S_text(s, x, y, anchor, extra, cut.data ? cut.data : "");
    s->b.nomem |= cut.nomem;
    tp_buf_free(&cut);
}

/* The start of a group whose tooltip is the full text. */
static void S_group_titled(S_svg *s, const char *text)
{
    tp_buf_puts(&s->b, "<g><title>");
    tp_xml_escape(&s->b, text);
    tp_buf_puts(&s->b, "</title>");
}

/* A row label, right-aligned before its bar, cut to S_LABEL_CHARS; the
 * full text in a tooltip. */
static void S_label(S_svg *s, double x, double y, const char *text)
{
    S_group_titled(s, text);
    S_cut_text(s, x, y, "end", "", text, S_LABEL_CHARS);
    tp_buf_puts(&s->b, "</g>\n");
}

static void S_no_data(S_svg *s, double y)
{
    S_text(s, S_W / 2, y, "middle", " opacity=\"0.7\"", S_t(s, TX_NO_DATA));
}

/* The i-th of five axis ticks: 0%, 25%, ... 100%. */
static const char *S_tick(S_svg *s, int i)
{
    snprintf(s->num, sizeof s->num, "%d%%", i * 25);
    return s->num;
}

/* Vertical grid lines and percent labels for a 0–100% horizontal axis. */
static void S_pct_axis(S_svg *s, double x0, double x1, double y0, double y1)
{
    for (int i = 0; i <= 4; i++) {
        double x = x0 + (x1 - x0) * i / 4.0;
        S_line(s, x, y0, x, y1, " stroke-opacity=\"0.15\"");
        S_text(s, x, y1 + 16, "middle", " font-size=\"11\" opacity=\"0.8\"", S_tick(s, i));
    }
}

/* ------------------------------------------------------- contact by team */

static void S_team_bar(S_svg *s, const tp_team_row *t, double y, double x0, double w)
{
    S_label(s, x0 - 10, y + 15, t->team);
    if (t->hidden) {
        S_text(s, x0 + 4, y + 15, "start", " font-style=\"italic\" opacity=\"0.7\"",
               tp_hidden_text(s->r, t->withheld, s->num, sizeof s->num));
        return;
    }
    double bar = isnan(t->contact_rate) ? 0 : t->contact_rate; /* null (no member): no bar, the dash */
    S_rect(s, x0, y + 2, w * bar, 18, S_BLUE);
    S_text(s, x0 + w * bar + 6, y + 15, "start", " font-weight=\"600\"", tp_fmt_pct(s->num, s->lang, t->contact_rate));
}

static void S_by_team(S_svg *s)
{
    const tp_report *r = s->r;
    double x0 = 230, w = S_W - x0 - 70, top = 16, row = 28;
    double h = top + row * (double)(r->nby_team ? r->nby_team : 1) + 34;
    S_begin(s, h, TX_CHART_BY_TEAM, TX_CHART_BY_TEAM_DESC);
    if (r->nby_team == 0)
        S_no_data(s, h / 2);
    else
        S_pct_axis(s, x0, x0 + w, top - 4, top + row * (double)r->nby_team);
    for (size_t i = 0; i < r->nby_team; i++)
        S_team_bar(s, &r->by_team[i], top + row * (double)i, x0, w);
    S_end(s);
}

/* ------------------------------------------------------------------ bacon */

static void S_bacon(S_svg *s)
{
    static const char *const names[TP_NBUCKETS] = {"1", "2", "3", "4+", NULL};
    const tp_kpis *k = &s->r->kpis;
    double h = 260, base = 210, top = 36, x0 = 40, slot = (S_W - 2 * x0) / TP_NBUCKETS;
    long max = 0;
    for (int b = 0; b < TP_NBUCKETS; b++)
        max = k->bacon[b] > max ? k->bacon[b] : max;
    S_begin(s, h, TX_CHART_BACON, TX_CHART_BACON_DESC);
    S_line(s, x0, base, S_W - x0, base, " stroke-opacity=\"0.5\"");
    for (int b = 0; b < TP_NBUCKETS; b++) {
        double bh = max ? (base - top) * (double)k->bacon[b] / (double)max : 0;
        double x = x0 + slot * b + slot * 0.2, cx = x0 + slot * (b + 0.5);
        S_rect(s, x, base - bh, slot * 0.6, bh, b >= TP_BUCKET_4PLUS ? S_AMBER : S_BLUE);
        char label[2 * TP_NUMBUF + 8];
        char pct[TP_NUMBUF];
        tp_fmt_pct(pct, s->lang, k->bacon_share[b]);
        snprintf(label, sizeof label, "%s (%s)", tp_fmt_count(s->num, s->lang, k->bacon[b]), pct);
        S_text(s, cx, base - bh - 8, "middle", " font-weight=\"600\"", label);
        S_text(s, cx, base + 20, "middle", "", names[b] ? names[b] : S_t(s, TX_NONE_BUCKET));
    }
    S_text(s, S_W / 2, base + 42, "middle", " font-size=\"12\" opacity=\"0.8\"", S_t(s, TX_BUCKET));
    S_end(s);
}

/* ------------------------------------------------------------------ trend */

typedef struct {
    size_t off; /* offsetof the ratio in tp_kpis */
    const char *colour, *dash;
    tp_text_id label;
    int square; /* marker: circle or square */
    double dy;  /* value label offset */
} S_series;

static double S_trend_x(size_t i, size_t n, double x0, double x1)
{
    return n <= 1 ? (x0 + x1) / 2 : x0 + (x1 - x0) * (double)i / (double)(n - 1);
}

static double S_ratio_at(const tp_kpis *k, size_t off)
{
    return *(const double *)(const void *)((const char *)k + off);
}

static void S_marker(S_svg *s, const S_series *se, double x, double y)
{
    if (se->square)
        tp_buf_printf(&s->b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"9\" height=\"9\" fill=\"%s\"/>\n",
                      x - 4.5, y - 4.5, se->colour);
    else
        tp_buf_printf(&s->b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>\n", x, y,
                      se->colour);
}

/* One series: a polyline broken where a value is null, markers, labels. */
static void S_trend_series(S_svg *s, const S_series *se, double x0, double x1, double y0, double y1)
{
    const tp_report *r = s->r;
    bool open = false;
    for (size_t i = 0; i < r->ntrend; i++) {
        double v = S_ratio_at(&r->trend[i].kpis, se->off);
        if (isnan(v)) {
            tp_buf_puts(&s->b, open ? "\"/>\n" : "");
            open = false;
            continue;
        }
        if (!open)
            tp_buf_printf(&s->b,
                          "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\"%s points=\"",
                          se->colour, se->dash);
        tp_buf_printf(&s->b, "%s%.1f,%.1f", open ? " " : "", S_trend_x(i, r->ntrend, x0, x1),
                      y1 - (y1 - y0) * v);
        open = true;
    }
    tp_buf_puts(&s->b, open ? "\"/>\n" : "");
    for (size_t i = 0; i < r->ntrend; i++) {
        double v = S_ratio_at(&r->trend[i].kpis, se->off);
        if (isnan(v))
            continue;
        double x = S_trend_x(i, r->ntrend, x0, x1), y = y1 - (y1 - y0) * v;
        S_marker(s, se, x, y);
        S_text(s, x, y + se->dy, "middle", " font-size=\"11\" font-weight=\"600\"",
               tp_fmt_pct(s->num, s->lang, v));
    }
}

static void S_legend(S_svg *s, const S_series *se, double x, double y)
{
    tp_buf_printf(&s->b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                         "stroke-width=\"2.5\"%s/>\n", x, y, x + 30, y, se->colour, se->dash);
    S_marker(s, se, x + 15, y);
    S_text(s, x + 38, y + 4, "start", "", S_t(s, se->label));
}

/* True when the period labels (ranges are long) would overlap side by side. */
static bool S_trend_slanted(const tp_report *r, double width)
{
    size_t longest = 0;
    for (size_t i = 0; i < r->ntrend; i++) {
        size_t n = strlen(r->trend[i].period.label);
        longest = n > longest ? n : longest;
    }
    double slot = r->ntrend > 1 ? width / (double)(r->ntrend - 1) : width;
    return (double)longest * 7.5 > slot;
}

static void S_trend(S_svg *s)
{
    const S_series series[] = {
        {offsetof(tp_kpis, contact_rate), S_BLUE, "", TX_CONTACT_RATE, 0, -10},
        {offsetof(tp_kpis, regular_rate), S_TEAL, " stroke-dasharray=\"7 4\"", TX_REGULAR_RATE, 1,
         19},
    };
    const tp_report *r = s->r;
    double x0 = 60, x1 = S_W - 20, y0 = 50, y1 = 250;
    bool slanted = S_trend_slanted(r, x1 - x0 - 80);
    double h = slanted ? 350 : 300, left = x0 + (slanted ? 100 : 40);
    S_begin(s, h, TX_CHART_TREND, TX_CHART_TREND_DESC);
    S_legend(s, &series[0], x0, 18);
    S_legend(s, &series[1], x0 + 230, 18);
    for (int i = 0; i <= 4; i++) {
        double y = y1 - (y1 - y0) * i / 4.0;
        S_line(s, x0, y, x1, y, " stroke-opacity=\"0.15\"");
        S_text(s, x0 - 8, y + 4, "end", " font-size=\"11\" opacity=\"0.8\"", S_tick(s, i));
    }
    for (size_t i = 0; i < r->ntrend; i++) {
        double x = S_trend_x(i, r->ntrend, left, x1 - 40);
        char rot[96];
        snprintf(rot, sizeof rot, " font-size=\"11\" transform=\"rotate(-30 %.1f %.1f)\"", x,
                 y1 + 22);
        S_text(s, x, y1 + 22, slanted ? "end" : "middle", slanted ? rot : "",
               r->trend[i].period.label);
    }
    for (size_t i = 0; i < sizeof series / sizeof series[0]; i++)
        S_trend_series(s, &series[i], left, x1 - 40, y0, y1);
    if (r->ntrend == 0)
        S_no_data(s, h / 2);
    S_end(s);
}

/* ----------------------------------------------------------------- funnel */

static void S_funnel(S_svg *s)
{
    const tp_kpis *k = &s->r->kpis;
    const struct {
        tp_text_id label;
        long n;
    } stages[] = {{TX_INSIGHTS, k->insights}, {TX_ACTIONS, k->actions},
                  {TX_ACTIONS_DONE, k->actions_done}, {TX_ACTIONS_ATTESTED, k->actions_attested}};
    double x0 = 160, w = S_W - x0 - 80, top = 14, row = 40;
    long max = 0;
    for (size_t i = 0; i < 4; i++)
        max = stages[i].n > max ? stages[i].n : max;
    S_begin(s, top + row * 4 + 6, TX_CHART_FUNNEL, TX_CHART_FUNNEL_DESC);
    for (size_t i = 0; i < 4; i++) {
        double y = top + row * (double)i, bw = max ? w * (double)stages[i].n / (double)max : 0;
        /* Each bar shorter and darker than the last: a funnel in grey too. */
        tp_buf_printf(&s->b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"26\" fill=\"%s\" "
                             "fill-opacity=\"%.2f\"/>\n",
                      x0, y, bw, S_BLUE, 0.55 + 0.15 * (double)i);
        S_text(s, x0 - 10, y + 18, "end", "", S_t(s, stages[i].label));
        S_text(s, x0 + bw + 6, y + 18, "start", " font-weight=\"600\"",
               tp_fmt_count(s->num, s->lang, stages[i].n));
    }
    S_end(s);
}

/* ------------------------------------------------------------- team trend */

#define S_PANELS 12 /* small charts at most: the largest teams of P */
#define S_PANEL_COLS 3

typedef struct {
    size_t team;    /* model index */
    long headcount; /* in P's team table; 0 when not there */
} S_panel;

static int S_cmp_panel(const void *a, const void *b)
{
    const S_panel *x = a, *y = b;
    if (x->headcount != y->headcount)
        return x->headcount > y->headcount ? -1 : 1;
    return x->team < y->team ? -1 : x->team > y->team;
}

/* One team's rate per period: a line broken at each gap, a dot per value,
 * the last value in figures. */
static void S_team_panel(S_svg *s, size_t t, double px, double py, double pw, double ph)
{
    const tp_report *r = s->r;
    double x0 = px + 10, x1 = px + pw - 44, y0 = py + 30, y1 = py + ph - 12;
    S_group_titled(s, r->model->teams[t]); /* the whole panel's tooltip */
    tp_buf_puts(&s->b, "\n");
    S_cut_text(s, px + 4, py + 16, "start", " font-weight=\"600\"", r->model->teams[t], 24);
    for (int i = 0; i <= 2; i++)
        S_line(s, x0, y1 - (y1 - y0) * i / 2.0, x1, y1 - (y1 - y0) * i / 2.0,
               i ? " stroke-opacity=\"0.15\"" : " stroke-opacity=\"0.45\"");
    bool open = false;
    double last = NAN, lx = 0, ly = 0;
    for (size_t k = 0; k < r->ntrend; k++) {
        double v = 0;
        if (tp_team_trend_cell(r, k, t, &v) != TP_TREND_SHOWN) {
            tp_buf_puts(&s->b, open ? "\"/>\n" : "");
            open = false;
            continue;
        }
        if (!open)
            tp_buf_printf(&s->b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"", S_BLUE);
        tp_buf_printf(&s->b, "%s%.1f,%.1f", open ? " " : "", S_trend_x(k, r->ntrend, x0, x1), y1 - (y1 - y0) * v);
        open = true;
    }
    tp_buf_puts(&s->b, open ? "\"/>\n" : "");
    for (size_t k = 0; k < r->ntrend; k++) {
        double v = 0;
        if (tp_team_trend_cell(r, k, t, &v) != TP_TREND_SHOWN)
            continue;
        lx = S_trend_x(k, r->ntrend, x0, x1);
        ly = y1 - (y1 - y0) * v;
        last = v;
        tp_buf_printf(&s->b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n", lx, ly, S_BLUE);
    }
    if (!isnan(last))
        S_text(s, x1 + 6, ly + 4, "start", " font-size=\"11\" font-weight=\"600\"",
               tp_fmt_pct(s->num, s->lang, last));
    tp_buf_puts(&s->b, "</g>\n");
}

static void S_team_trend(S_svg *s)
{
    const tp_report *r = s->r;
    const tp_model *m = r->model;
    size_t nteams = m ? m->nteams : 0, n = 0;
    S_panel *v = malloc((nteams ? nteams : 1) * sizeof *v);
    if (!v) {
        s->b.nomem = true;
        return;
    }
    /* The teams with a figure shown in some period, largest in P first. */
    for (size_t t = 0; t < nteams; t++) {
        bool shown = false;
        for (size_t k = 0; k < r->ntrend && !shown; k++) {
            double rate;
            shown = tp_team_trend_cell(r, k, t, &rate) == TP_TREND_SHOWN;
        }
        if (shown)
            v[n++] = (S_panel){t, r->team_row && r->team_row[t] ? r->team_row[t]->headcount : 0};
    }
    qsort(v, n, sizeof *v, S_cmp_panel);
    size_t shown = n < S_PANELS ? n : S_PANELS, rows = (shown + S_PANEL_COLS - 1) / S_PANEL_COLS;
    double pw = (S_W - 20) / S_PANEL_COLS, ph = 110, top = 8;
    double foot = top + ph * (double)(rows ? rows : 1) + 18;
    double h = foot + (n > shown ? 20 : 4);
    S_begin(s, h, TX_CHART_TEAM_TREND, TX_CHART_TEAM_TREND_DESC);
    if (shown == 0)
        S_no_data(s, h / 2);
    for (size_t i = 0; i < shown; i++) {
        size_t row = i / S_PANEL_COLS, col = i % S_PANEL_COLS; /* whole rows and columns */
        S_team_panel(s, v[i].team, 10 + pw * (double)col, top + ph * (double)row, pw - 10, ph - 8);
    }
    if (shown && r->ntrend) {
        char span[256];
        snprintf(span, sizeof span, "%s – %s (0%% – 100%%)", r->trend[0].period.label,
                 r->trend[r->ntrend - 1].period.label);
        S_text(s, S_W / 2, foot - 4, "middle", " font-size=\"11\" opacity=\"0.8\"", span);
    }
    if (n > shown) {
        char more[256];
        snprintf(more, sizeof more, S_t(s, TX_TEAM_TREND_MORE), shown, n);
        S_text(s, S_W / 2, foot + 14, "middle", " font-size=\"11\" opacity=\"0.8\"", more);
    }
    S_end(s);
    free(v);
}

/* ----------------------------------------------------------------- charts */

static const struct {
    const char *name;
    tp_text_id title;
    void (*build)(S_svg *s);
} S_charts[] = {
    {TP_CHART_BY_TEAM, TX_CHART_BY_TEAM, S_by_team},
    {TP_CHART_BACON, TX_CHART_BACON, S_bacon},
    {TP_CHART_TREND, TX_CHART_TREND, S_trend},
    {TP_CHART_FUNNEL, TX_CHART_FUNNEL, S_funnel},
    {TP_CHART_TEAM_TREND, TX_CHART_TEAM_TREND, S_team_trend},
};

tp_status tp_render_charts(const tp_report *r, tp_render_target *t)
{
    tp_arena *arena = t->arena;
    size_t count = sizeof S_charts / sizeof S_charts[0];
    tp_chart *charts = tp_calloc(arena, count, sizeof *charts);
    if (!charts)
        return TP_ERR_NOMEM;
    for (size_t i = 0; i < count; i++) {
        S_svg s = {.r = r, .lang = tp_report_lang(r)};
        tp_buf_init(&s.b);
        S_charts[i].build(&s);
        charts[i].name = tp_sprintf(arena, "%s.svg", S_charts[i].name);
        charts[i].title = tp_text(s.lang, S_charts[i].title);
        charts[i].svg = s.b.nomem ? NULL : tp_strndup(arena, s.b.data, s.b.len);
        bool failed = !charts[i].name || !charts[i].svg;
        tp_buf_free(&s.b);
        if (failed)
            return TP_ERR_NOMEM;
    }
    t->charts = charts;
    t->ncharts = count;
    return TP_OK;
}
