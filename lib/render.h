/* render.h — what the renderers share besides escaping (escape.h), number
 * formats (format.h) and texts (i18n.h): a chain as text, the page around
 * the Markdown, the chart names, one Markdown section, the benchmark's
 * columns. */
#ifndef TP_RENDER_H
#define TP_RENDER_H

#include "benchmark.h"
#include "buf.h"
#include "definition.h"
#include "report.h"

/* ------------------------------------------------------------ renderers */

/* Each renderer writes one format of the report into out (or, for xlsx,
 * a file at path). They return TP_OK, TP_ERR_NOMEM or TP_ERR_OUTPUT. */
tp_status tp_render_json(const tp_report *r, tp_buf *out);
/* GitHub-flavoured Markdown laid out by r->def; charts as charts/NAME.svg. */
tp_status tp_render_md(const tp_report *r, tp_buf *out);
/* The Markdown through cmark-gfm (tables, safe mode) placed in the page
 * template text (placeholders {{title}}, {{period}}, {{generated}},
 * {{body}}, {{lang}}), chart images replaced by the inline SVG. */
tp_status tp_render_html(const tp_report *r, const char *template_text, tp_buf *out);
/* The workbook, written by libxlsxwriter to path (the caller renames it). */
tp_status tp_render_xlsx(const tp_report *r, const char *path);

/* A chart: file name without directory ("bacon.svg") and its SVG text. */
typedef struct {
    const char *name;
    const char *title;
    char *svg;
} tp_chart;

/* The report's charts, allocated in arena. */
tp_status tp_render_charts(tp_arena *arena, const tp_report *r, tp_chart **out, size_t *n);

tp_status tp_render_bench_json(const tp_benchmark *b, tp_buf *out);
tp_status tp_render_bench_md(const tp_benchmark *b, tp_buf *out);
/* The Markdown as a self-contained page, charts inline (template_text NULL: a built-in one). */
tp_status tp_render_bench_html(const tp_benchmark *b, const char *template_text, tp_buf *out);
/* The workbook, written by libxlsxwriter to path (the caller renames it). */
tp_status tp_render_bench_xlsx(const tp_benchmark *b, const char *path);
/* One chart per column (bench_COLUMN.svg), allocated in arena. */
tp_status tp_render_bench_charts(tp_arena *arena, const tp_benchmark *b, tp_chart **out, size_t *n);

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

/* A benchmark column's heading in lang (render_bench.c). */
const char *tp_bench_label(int col, const char *lang);

#endif
