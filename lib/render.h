/* render.h — the renderers, all of one shape (a document and a
 * tp_render_target), and what they share besides escaping (escape.h),
 * number formats (format.h) and texts (i18n.h): a chain as text, the page
 * around the Markdown, the chart names, one Markdown section, the
 * benchmark's columns. */
#ifndef TP_RENDER_H
#define TP_RENDER_H

#include "benchmark.h"
#include "buf.h"
#include "definition.h"
#include "report.h"

/* ------------------------------------------------------------ renderers */

/* A chart: file name without directory ("bacon.svg") and its SVG text. */
typedef struct {
    const char *name;
    const char *title;
    char *svg;
} tp_chart;

/* Where a renderer writes and what it writes with: every renderer of the
 * report, tp_render_FORMAT(r, t), and of the benchmark,
 * tp_render_bench_FORMAT(b, t), takes one. Each field is for the formats
 * named beside it; the others leave it alone. */
typedef struct {
    tp_buf *out;               /* md, html, json: the text is appended here */
    const char *template_text; /* html: the page template; NULL: the built-in one */
    const char *path;          /* xlsx: the file libxlsxwriter writes (the caller renames it) */
    tp_arena *arena;           /* charts: where they are allocated */
    tp_chart *charts;          /* charts: set to the charts made, */
    size_t ncharts;            /* and their number */
} tp_render_target;

/* The renderers return TP_OK, TP_ERR_NOMEM or TP_ERR_OUTPUT.
 * json: report.json. md: GitHub-flavoured Markdown laid out by r->def,
 * charts as charts/NAME.svg. html: the Markdown through cmark-gfm (tables,
 * safe mode) placed in the page template (placeholders {{title}},
 * {{period}}, {{generated}}, {{body}}, {{lang}}), chart images replaced by
 * the inline SVG. xlsx: the workbook. charts: the report's charts. */
tp_status tp_render_json(const tp_report *r, tp_render_target *t);
tp_status tp_render_md(const tp_report *r, tp_render_target *t);
tp_status tp_render_html(const tp_report *r, tp_render_target *t);
tp_status tp_render_xlsx(const tp_report *r, tp_render_target *t);
tp_status tp_render_charts(const tp_report *r, tp_render_target *t);

/* The same formats of the benchmark; its charts are one per column
 * (bench_COLUMN.svg). */
tp_status tp_render_bench_json(const tp_benchmark *b, tp_render_target *t);
tp_status tp_render_bench_md(const tp_benchmark *b, tp_render_target *t);
tp_status tp_render_bench_html(const tp_benchmark *b, tp_render_target *t);
tp_status tp_render_bench_xlsx(const tp_benchmark *b, tp_render_target *t);
tp_status tp_render_bench_charts(const tp_benchmark *b, tp_render_target *t);

/* -------------------------------------------------------------- chains */

/* Appends chain ch as the human formats show it ("Ravi Singh → Tolga Kaya
 * (works with) → ACME Freight (customer meeting, 14 Jul)"); names and type
 * labels, text from the logs, go through esc (tp_md_escape, or tp_buf_puts
 * for plain text). */
void tp_chain_text(tp_buf *b, const tp_report *r, const tp_chain *ch, void (*esc)(tp_buf *, const char *));

/* ------------------------------------------------------------------ pages */

/* What the page template shows around the body. */
typedef struct {
    const char *title, *organization; /* organization may be NULL */
    const tp_period *period;
    const char *generated, *lang;
} tp_page;

/* Markdown md[0..len) as one self-contained page in template_text (NULL:
 * a built-in one): cmark-gfm with tables in safe mode, each
 * ![...](charts/NAME.svg) replaced by that chart's SVG, and with r given,
 * the headline cards of a report. */
tp_status tp_html_page(const tp_page *page, const tp_report *r, const char *md, size_t len, const tp_chart *charts,
                       size_t ncharts, const char *template_text, tp_buf *out);

/* ---------------------------------------------------------------- charts */

/* Chart file names (without ".svg"), shared by svg.c and the Markdown. */
#define TP_CHART_BY_TEAM "contact_by_team"
#define TP_CHART_BACON "bacon"
#define TP_CHART_TREND "trend"
#define TP_CHART_FUNNEL "funnel"
#define TP_CHART_TEAM_TREND "team_trend"

/* ------------------------------------------------------------- markdown */

/* One section of the report as Markdown (without the title block, which
 * the HTML page shows its own way), appended to out; nothing for a section
 * the Markdown leaves out. TP_OK or TP_ERR_NOMEM. */
tp_status tp_md_section(const tp_report *r, tp_section s, tp_buf *out);
/* The Markdown said before the sections (what --min-group leaves out); the
 * page puts it first in its body. */
tp_status tp_md_preface(const tp_report *r, tp_buf *out);

/* A benchmark column's heading in lang (render_bench.c). */
const char *tp_bench_label(int col, const char *lang);

#endif
