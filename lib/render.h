/* render.h — what the renderers share besides escaping (escape.h), number
 * formats (format.h) and texts (i18n.h): a chain as text, the page around
 * the Markdown, the chart names, one Markdown section, the benchmark's
 * columns. */
#ifndef TP_RENDER_H
#define TP_RENDER_H

#include "touchpoint.h"

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

/* A benchmark column's heading in lang; whether a lower value is the
 * better one; whether it is a rate, shown as a percentage (render_bench.c). */
const char *tp_bench_label(int col, const char *lang);
bool tp_bench_lower_better(int col);
bool tp_bench_ratio(int col);

#endif
